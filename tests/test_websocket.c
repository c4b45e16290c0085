/* test_websocket.c — the RFC 6455 decoder (src/inspect/websocket.c): real midstream frames
 * (nDPI websocket.pcap: unmasked server chat, masked client chat), a real upgrade (zeek
 * jupyter-websocket.pcap: binary messages embedding JSON), built masked fragmented frames
 * with an interleaved ping, permessage-deflate with context takeover, hostile lengths and
 * every truncation. Other decoders are weak fakes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "inspect_support.h"

FAKE_MAIL_XMPP_PUBSUB
FAKE(inspect_decoder_irc, "IRC")
FAKE(inspect_decoder_mqtt, "MQTT")
FAKE(inspect_decoder_raw, "raw")

static inspector *shared;
static inspect_doc doc;

static void run(const void *data, size_t len, bool from_initiator)
{
    inspect_input in = {.data = data, .len = (uint32_t)len, .from_initiator = from_initiator, .l4proto = 6,
                        .ndpi_proto = "Unknown"};
    inspect_run(shared, &in, &doc);
}

static const inspect_unit *unit_of(inspect_unit_kind kind, const char *field, int n)
{
    for (uint32_t i = 0; i < doc.n_units; i++)
        if (doc.units[i].kind == kind && strcmp(doc.units[i].field, field) == 0 && n-- == 0)
            return &doc.units[i];
    return NULL;
}

static void assert_unit(inspect_unit_kind kind, const char *field, int n, const char *text, uint8_t layers)
{
    const inspect_unit *u = unit_of(kind, field, n);
    assert_non_null(u);
    assert_int_equal(u->len, strlen(text));
    assert_memory_equal(u->data, text, u->len);
    assert_int_equal(u->layers, layers);
}

/* Append one frame; masked frames use a fixed key. */
static size_t frame(uint8_t *out, uint8_t first_byte, bool masked, const void *payload, size_t len)
{
    static const uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
    size_t n = 0;
    out[n++] = first_byte;
    if (len < 126) {
        out[n++] = (uint8_t)((masked ? 0x80 : 0) | len);
    } else {
        out[n++] = (uint8_t)((masked ? 0x80 : 0) | 126);
        out[n++] = (uint8_t)(len >> 8);
        out[n++] = (uint8_t)len;
    }
    if (masked) {
        memcpy(out + n, key, 4);
        n += 4;
    }
    for (size_t i = 0; i < len; i++)
        out[n + i] = ((const uint8_t *)payload)[i] ^ (masked ? key[i & 3] : 0);
    return n + len;
}

static void test_real_midstream_unmasked(void **state)
{
    (void)state;
    size_t len;
    uint8_t *d = read_sample("ws_midstream.unmasked", &len);
    run(d, len, false);
    assert_string_equal(doc.app_proto, "WebSocket");
    assert_int_equal(doc.n_units, 5); /* three messages, and the words two relayed lines say */
    assert_unit(LW_UNIT_MESSAGE, "", 0, "Welcome, 192.168.43.1 !", 0);
    assert_unit(LW_UNIT_MESSAGE, "", 2, "21:34:53 ('192.168.43.1', 50999) say: hello websocket", 0);
    assert_unit(LW_UNIT_MESSAGE, "said", 1, "hello websocket", 0);
    assert_int_equal(doc.verdict, LW_VERDICT_PLAINTEXT);
    free(d);
}

static void test_real_midstream_masked(void **state)
{
    (void)state;
    size_t len;
    uint8_t *d = read_sample("ws_midstream.masked", &len);
    run(d, len, true);
    assert_string_equal(doc.app_proto, "WebSocket");
    assert_int_equal(doc.n_units, 2);
    assert_unit(LW_UNIT_MESSAGE, "", 0, "test message", LW_LAYER_WS_MASK);
    assert_unit(LW_UNIT_MESSAGE, "", 1, "hello websocket", LW_LAYER_WS_MASK);
    assert_int_equal(doc.verdict, LW_VERDICT_ENCODED); /* masked on the wire, not encrypted */
    free(d);
}

/* A capture that starts inside a frame: the tail of one (7 bytes) before whole frames. Picked up
 * midstream (gap), the decoder finds where frames start; a stream with its start is read from
 * byte 0 as before and holds no frames there. */
static void test_midstream_resync(void **state)
{
    (void)state;
    size_t len;
    uint8_t *d = read_sample("ws_midstream.masked", &len), *cut = malloc(len + 7);
    memcpy(cut, "\x9c\x41\x07\xee\x10\x3b\x55", 7);
    memcpy(cut + 7, d, len);
    inspect_input in = {.data = cut, .len = (uint32_t)len + 7, .from_initiator = true, .l4proto = 6,
                        .ndpi_proto = "Unknown", .gap = true};
    inspect_run(shared, &in, &doc);
    assert_string_equal(doc.app_proto, "WebSocket");
    assert_unit(LW_UNIT_MESSAGE, "", 0, "test message", LW_LAYER_WS_MASK);
    assert_unit(LW_UNIT_MESSAGE, "", 1, "hello websocket", LW_LAYER_WS_MASK);
    in.gap = false;
    inspect_run(shared, &in, &doc);
    assert_null(unit_of(LW_UNIT_MESSAGE, "", 0));
    free(cut);
    free(d);

    /* records behind 4-byte big-endian lengths (bencode here): their zero bytes parse as empty
     * continuation frames, which are no WebSocket */
    static const uint8_t records[] = "\0\0\0\x1a" "d4:text13:see you at 8!e" "\0\0\0\x1a" "d4:text13:on my way now!e"
                                     "\0\0\0\x02" "ok";
    in = (inspect_input){.data = records, .len = sizeof records - 1, .from_initiator = true, .l4proto = 6,
                         .ndpi_proto = "Unknown", .gap = true};
    inspect_run(shared, &in, &doc);
    assert_true(doc.app_proto == NULL || strcmp(doc.app_proto, "WebSocket") != 0);
}

static void test_real_jupyter_upgrade(void **state)
{
    (void)state;
    size_t len;
    uint8_t *srv = read_sample("ws_jupyter.srv", &len);
    run(srv, len, false);
    assert_string_equal(doc.app_proto, "WebSocket");
    const inspect_unit *status = unit_of(LW_UNIT_FIELD, ":status", 0);
    assert_non_null(status);
    assert_memory_equal(status->data, "101", 3);
    assert_unit(LW_UNIT_FIELD, "msg_type", 0, "status", 0);
    assert_unit(LW_UNIT_FIELD, "username", 0, "jupyter-christian", 0);
    free(srv);
    uint8_t *cli = read_sample("ws_jupyter.cli", &len);
    run(cli, len, true);
    assert_string_equal(doc.app_proto, "WebSocket");
    assert_unit(LW_UNIT_FIELD, "upgrade", 0, "websocket", 0);
    assert_unit(LW_UNIT_FIELD, "msg_type", 0, "kernel_info_request", LW_LAYER_WS_MASK);
    free(cli);
}

static void test_masked_fragmented_with_ping(void **state)
{
    (void)state;
    uint8_t buf[512];
    size_t n = 0;
    n += frame(buf + n, 0x01, true, "{\"type\":\"chat\",\"te", 18);  /* text, FIN=0 */
    n += frame(buf + n, 0x89, true, "ping", 4);                      /* control in between */
    n += frame(buf + n, 0x00, true, "xt\":\"see you at ", 16);      /* continuation */
    n += frame(buf + n, 0x80, true, "eight\"}", 7);                 /* final continuation */
    n += frame(buf + n, 0x81, true, "plain words here", 16);
    n += frame(buf + n, 0x88, true, "\x03\xe8", 2);                 /* close */
    run(buf, n, true);
    assert_string_equal(doc.app_proto, "WebSocket");
    assert_unit(LW_UNIT_FIELD, "text", 0, "see you at eight", LW_LAYER_WS_MASK);
    assert_unit(LW_UNIT_FIELD, "type", 0, "chat", LW_LAYER_WS_MASK);
    assert_unit(LW_UNIT_MESSAGE, "", 0, "plain words here", LW_LAYER_WS_MASK);
    assert_int_equal(doc.n_units, 3);
}

/* Compress messages with one raw deflate stream (context takeover), strip 00 00 ff ff. */
static size_t deflate_message(z_stream *z, const char *text, uint8_t *out, size_t cap)
{
    z->next_in = (Bytef *)(uintptr_t)text;
    z->avail_in = (uInt)strlen(text);
    z->next_out = out;
    z->avail_out = (uInt)cap;
    assert_int_equal(deflate(z, Z_SYNC_FLUSH), Z_OK);
    size_t n = cap - z->avail_out;
    assert_memory_equal(out + n - 4, "\x00\x00\xff\xff", 4);
    return n - 4;
}

static void test_permessage_deflate(void **state)
{
    (void)state;
    const char *head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";
    uint8_t buf[1024], tmp[256];
    size_t n = strlen(head);
    memcpy(buf, head, n);
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t c = deflate_message(&z, "{\"message\":\"the meeting moved to room four\"}", tmp, sizeof tmp);
    n += frame(buf + n, 0xc1, false, tmp, c);
    c = deflate_message(&z, "{\"message\":\"the meeting moved to room five\"}", tmp, sizeof tmp);
    n += frame(buf + n, 0xc1, false, tmp, c); /* refers back to the first message */
    deflateEnd(&z);
    run(buf, n, false);
    assert_unit(LW_UNIT_FIELD, "message", 0, "the meeting moved to room four", LW_LAYER_GZIP);
    assert_unit(LW_UNIT_FIELD, "message", 1, "the meeting moved to room five", LW_LAYER_GZIP);
    assert_int_equal(doc.verdict, LW_VERDICT_PLAINTEXT); /* the 101 head is plaintext */
}

/* Transport compression: every binary message a piece of one zlib stream, ending in its sync
 * flush (the tail kept), the first with the zlib header. */
static void test_zlib_transport(void **state)
{
    (void)state;
    const char *head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
    uint8_t buf[1024], tmp[256];
    size_t n = strlen(head);
    memcpy(buf, head, n);
    z_stream z = {0};
    assert_int_equal(deflateInit(&z, 6), Z_OK);
    size_t c = deflate_message(&z, "{\"t\":\"MESSAGE_CREATE\",\"d\":{\"content\":\"the bus is late again\"}}", tmp, sizeof tmp);
    assert_int_equal(tmp[0], 0x78);
    n += frame(buf + n, 0x82, false, tmp, c + 4);
    c = deflate_message(&z, "{\"t\":\"MESSAGE_CREATE\",\"d\":{\"content\":\"the bus is late again, sorry\"}}", tmp, sizeof tmp);
    n += frame(buf + n, 0x82, false, tmp, c + 4);
    deflateEnd(&z);
    run(buf, n, false);
    assert_unit(LW_UNIT_FIELD, "content", 0, "the bus is late again", LW_LAYER_GZIP);
    assert_unit(LW_UNIT_FIELD, "content", 1, "the bus is late again, sorry", LW_LAYER_GZIP);
}

static void test_hostile_lengths(void **state)
{
    (void)state;
    /* 64-bit length with the top bit set, a huge 64-bit length, a 16-bit length past the end */
    static const uint8_t top[] = {0x81, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 1, 'a', 'b'};
    static const uint8_t huge[] = {0x81, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 'h', 'i', ' ', 't'};
    static const uint8_t past[] = {0x82, 0x7e, 0xff, 0xff, 0x81, 0x02, 'o', 'k'};
    run(top, sizeof top, false);
    assert_null(doc.app_proto);
    run(huge, sizeof huge, false);
    run(past, sizeof past, false);
    uint8_t buf[64];
    size_t n = frame(buf, 0x81, false, "first", 5);
    n += frame(buf + n, 0x81, false, "second", 6);
    buf[n++] = 0x81;
    buf[n++] = 0x7f; /* cut inside the extended length */
    run(buf, n, false);
    assert_string_equal(doc.app_proto, "WebSocket");
    assert_unit(LW_UNIT_MESSAGE, "", 1, "second", 0);
}

static void test_every_prefix(void **state)
{
    (void)state;
    static const char *const names[] = {"ws_midstream.unmasked", "ws_midstream.masked", "ws_jupyter.cli", "ws_jupyter.srv"};
    for (size_t s = 0; s < LW_ARRAY_LEN(names); s++) {
        size_t len;
        uint8_t *data = read_sample(names[s], &len);
        for (size_t n = 0; n <= len; n++) {
            uint8_t *copy = malloc(n + 1);
            memcpy(copy, data, n);
            run(copy, n, s % 2 == 1);
            free(copy);
        }
        free(data);
    }
}

static int shared_setup(void **state)
{
    (void)state;
    shared = inspector_new(NULL);
    return shared == NULL;
}

static int shared_teardown(void **state)
{
    (void)state;
    inspector_free(shared);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_midstream_unmasked), cmocka_unit_test(test_real_midstream_masked),
        cmocka_unit_test(test_real_jupyter_upgrade),    cmocka_unit_test(test_masked_fragmented_with_ping),
        cmocka_unit_test(test_permessage_deflate),      cmocka_unit_test(test_hostile_lengths),
        cmocka_unit_test(test_every_prefix),            cmocka_unit_test(test_midstream_resync),
        cmocka_unit_test(test_zlib_transport),
    };
    return cmocka_run_group_tests(tests, shared_setup, shared_teardown);
}
