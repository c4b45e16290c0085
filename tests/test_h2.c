/* test_h2.c — the HTTP/2 decoder (src/inspect/h2.c) through inspect_run with every real decoder,
 * on frames built from RFC 7540's formats and HPACK blocks from RFC 7541's examples (Appendix
 * C.4: Huffman-coded strings, a dynamic-table entry referenced from the next block) or from
 * nghttp2's deflater: gRPC over h2c with prior knowledge (client and server directions, the
 * request's head as HTTP/1.1's units, party headers, trailers left out), an "Upgrade: h2c"
 * hand-over, CONTINUATION, padded DATA and HEADERS with priority, a gzip-compressed gRPC message,
 * a frame split over two segments' worth of data, truncated and garbage frames, a header block
 * that refers to a table the capture never saw, and every prefix of a connection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <nghttp2/nghttp2.h>
#include <zlib.h>

#include "inspect/inspect.h"

#define PREFACE "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
#define MSG_TEXT "Are we still on for dinner at eight tonight?"

static inspector *h2_inspector;
static inspect_doc h2_doc;

typedef struct buf {
    uint8_t d[16384];
    size_t n;
} buf;

static void put(buf *b, const void *p, size_t n)
{
    assert_true(b->n + n <= sizeof b->d);
    if (n > 0)
        memcpy(b->d + b->n, p, n);
    b->n += n;
}

/* RFC 7540 §4.1: length (24), type, flags, stream (31). */
static void frame(buf *b, uint8_t type, uint8_t flags, uint32_t stream, const void *payload, size_t n)
{
    uint8_t h[9] = {(uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n, type, flags,
                    (uint8_t)(stream >> 24 & 0x7f), (uint8_t)(stream >> 16), (uint8_t)(stream >> 8), (uint8_t)stream};
    put(b, h, 9);
    put(b, payload, n);
}

static void settings(buf *b, uint32_t table_size)
{
    uint8_t s[6] = {0, 1, (uint8_t)(table_size >> 24), (uint8_t)(table_size >> 16), (uint8_t)(table_size >> 8),
                    (uint8_t)table_size};
    frame(b, 4, 0, 0, s, sizeof s);
}

#define NV(n, v) {(uint8_t *)(n), (uint8_t *)(v), sizeof(n) - 1, sizeof(v) - 1, NGHTTP2_NV_FLAG_NONE}

/* A header block from nghttp2's deflater (which Huffman-codes when shorter and indexes). */
static size_t deflate_block(nghttp2_hd_deflater *d, const nghttp2_nv *nv, size_t n, uint8_t *out, size_t cap)
{
    ssize_t len = nghttp2_hd_deflate_hd(d, out, cap, (nghttp2_nv *)(uintptr_t)nv, n);
    assert_true(len > 0);
    return (size_t)len;
}

static size_t varint(uint8_t *out, uint64_t v)
{
    size_t n = 0;
    do {
        out[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    return n;
}

/* A chat message as protobuf (1: text, 2: sent-at) in a gRPC length-prefixed message. */
static size_t grpc_message(uint8_t *out, const char *text, uint8_t flag, const uint8_t *raw, size_t raw_len)
{
    uint8_t pb[256];
    size_t n = 0;
    if (raw == NULL) {
        n = varint(pb, 1 << 3 | 2);
        n += varint(pb + n, strlen(text));
        memcpy(pb + n, text, strlen(text));
        n += strlen(text);
        n += varint(pb + n, 2 << 3 | 0);
        n += varint(pb + n, 1746353553);
        raw = pb;
        raw_len = n;
    }
    out[0] = flag;
    out[1] = (uint8_t)(raw_len >> 24), out[2] = (uint8_t)(raw_len >> 16), out[3] = (uint8_t)(raw_len >> 8);
    out[4] = (uint8_t)raw_len;
    memcpy(out + 5, raw, raw_len);
    return raw_len + 5;
}

static void run(const buf *data, const buf *peer, bool from_initiator)
{
    inspect_input in = {.data = data->d, .len = (uint32_t)data->n, .peer = peer ? peer->d : NULL,
                        .peer_len = peer ? (uint32_t)peer->n : 0, .from_initiator = from_initiator,
                        .l4proto = 6, .initiator_port = 40000, .responder_port = 50051};
    inspect_run(h2_inspector, &in, &h2_doc);
}

static int unit_index(const char *field, int n)
{
    for (uint32_t i = 0; i < h2_doc.n_units; i++)
        if (strcmp(h2_doc.units[i].field, field) == 0 && n-- == 0)
            return (int)i;
    return -1;
}

static void list_units(void)
{
    for (uint32_t i = 0; i < h2_doc.n_units; i++)
        fprintf(stderr, "  unit %u kind %u proto %s field %s layers %u: %.*s\n", i, h2_doc.units[i].kind,
                h2_doc.units[i].proto, h2_doc.units[i].field, h2_doc.units[i].layers, (int)h2_doc.units[i].len,
                (const char *)h2_doc.units[i].data);
}

static const inspect_unit *expect(const char *field, int n, const char *text)
{
    int i = unit_index(field, n);
    if (i < 0)
        list_units();
    assert_true(i >= 0);
    const inspect_unit *u = &h2_doc.units[i];
    if (u->len != strlen(text) || memcmp(u->data, text, u->len) != 0)
        list_units();
    assert_int_equal(u->len, strlen(text));
    assert_memory_equal(u->data, text, u->len);
    return u;
}

/* The client's side of a unary gRPC call: preface, SETTINGS, HEADERS, DATA with END_STREAM. */
static void grpc_client(buf *b, nghttp2_hd_deflater *d, const char *text)
{
    static const nghttp2_nv head[] = {NV(":method", "POST"), NV(":scheme", "http"),
                                      NV(":path", "/chat.v1.Messenger/SendMessage"), NV(":authority", "chat.example:50051"),
                                      NV("content-type", "application/grpc"), NV("te", "trailers"),
                                      NV("x-recipient-id", "user-4711"), NV("user-agent", "grpc-c/1.51.1")};
    uint8_t block[512], msg[512];
    put(b, PREFACE, 24);
    settings(b, 4096);
    frame(b, 1, 0x4, 1, block, deflate_block(d, head, sizeof head / sizeof head[0], block, sizeof block));
    frame(b, 0, 0x1, 1, msg, grpc_message(msg, text, 0, NULL, 0));
}

static void test_prior_knowledge_request(void **state)
{
    (void)state;
    nghttp2_hd_deflater *d;
    buf b = {.n = 0};
    assert_int_equal(nghttp2_hd_deflate_new(&d, 4096), 0);
    grpc_client(&b, d, MSG_TEXT);
    nghttp2_hd_deflate_del(d);
    run(&b, NULL, true);
    assert_non_null(h2_doc.app_proto);
    assert_string_equal(h2_doc.app_proto, "HTTP2");
    expect(":method", 0, "POST");
    expect(":path", 0, "/chat.v1.Messenger/SendMessage");
    expect("host", 0, "chat.example:50051");
    expect("content-type", 0, "application/grpc");
    expect("x-recipient-id", 0, "user-4711");
    const inspect_unit *text = expect("pb:1", 0, MSG_TEXT);
    assert_string_equal(text->proto, "http");
    assert_int_equal(text->layers, 0);
    /* as HTTP/1.1's: the start line first (":method" just before ":path"), then the body */
    assert_int_equal(unit_index(":method", 0) + 1, unit_index(":path", 0));
    assert_true(unit_index(":path", 0) < unit_index("pb:1", 0));
    assert_int_equal(unit_index("te", 0), -1);
    assert_int_equal(h2_doc.verdict, LW_VERDICT_PLAINTEXT);
}

/* RFC 7541 C.4.1 and C.4.2: Huffman-coded ":authority: www.example.com", then a second block
 * whose 0xbe is the dynamic-table entry the first one added; C.4.3 evicts nothing (table 4096). */
static void test_rfc7541_huffman_and_dynamic_table(void **state)
{
    (void)state;
    static const uint8_t first[] = {0x82, 0x86, 0x84, 0x41, 0x8c, 0xf1, 0xe3, 0xc2, 0xe5, 0xf2, 0x3a, 0x6b,
                                    0xa0, 0xab, 0x90, 0xf4, 0xff};
    static const uint8_t second[] = {0x82, 0x86, 0x84, 0xbe, 0x58, 0x86, 0xa8, 0xeb, 0x10, 0x64, 0x9c, 0xbf};
    static const uint8_t third[] = {0x82, 0x87, 0x85, 0xbf, 0x40, 0x88, 0x25, 0xa8, 0x49, 0xe9, 0x5b, 0xa9,
                                    0x7d, 0x7f, 0x89, 0x25, 0xa8, 0x49, 0xe9, 0x5b, 0xb8, 0xe8, 0xb4, 0xbf};
    buf b = {.n = 0};
    put(&b, PREFACE, 24);
    settings(&b, 4096);
    frame(&b, 1, 0x5, 1, first, sizeof first);
    frame(&b, 1, 0x5, 3, second, sizeof second);
    frame(&b, 1, 0x5, 5, third, sizeof third);
    run(&b, NULL, true);
    expect(":method", 0, "GET");
    expect(":path", 0, "/");
    expect("host", 0, "www.example.com");
    expect("host", 1, "www.example.com"); /* 0xbe: the first block's entry */
    expect(":path", 2, "/index.html");
    expect("host", 2, "www.example.com"); /* 0xbf after two more entries */
    assert_int_equal(unit_index(":method", 3), -1);
}

/* The server's side: SETTINGS, the response head, DATA, trailers (grpc-status) left out. */
static void test_server_direction(void **state)
{
    (void)state;
    static const nghttp2_nv head[] = {NV(":status", "200"), NV("content-type", "application/grpc+proto")};
    static const nghttp2_nv trailers[] = {NV("grpc-status", "0"), NV("grpc-message", "")};
    nghttp2_hd_deflater *d;
    uint8_t block[256], msg[512];
    buf server = {.n = 0}, client = {.n = 0};
    put(&client, PREFACE, 24);
    settings(&client, 4096);
    assert_int_equal(nghttp2_hd_deflate_new(&d, 4096), 0);
    settings(&server, 4096);
    frame(&server, 4, 0x1, 0, NULL, 0); /* SETTINGS ack */
    frame(&server, 1, 0x4, 1, block, deflate_block(d, head, 2, block, sizeof block));
    frame(&server, 0, 0, 1, msg, grpc_message(msg, "Bis morgen, ich bringe den Kuchen mit!", 0, NULL, 0));
    frame(&server, 1, 0x5, 1, block, deflate_block(d, trailers, 2, block, sizeof block));
    nghttp2_hd_deflate_del(d);
    run(&server, &client, false);
    assert_string_equal(h2_doc.app_proto, "HTTP2");
    expect(":status", 0, "200");
    expect("content-type", 0, "application/grpc+proto");
    expect("pb:1", 0, "Bis morgen, ich bringe den Kuchen mit!");
    assert_int_equal(unit_index("grpc-status", 0), -1);
    assert_int_equal(unit_index(":status", 1), -1);
}

/* HTTP/1.1 "Upgrade: h2c": the client's request, then its preface and frames; the server's 101,
 * then its frames (RFC 7540 §3.2). */
static void test_h2c_upgrade(void **state)
{
    (void)state;
    static const char upgrade[] = "GET / HTTP/1.1\r\nHost: chat.example\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                                  "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n";
    static const char switching[] = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n";
    static const nghttp2_nv head[] = {NV(":status", "200"), NV("content-type", "application/grpc")};
    nghttp2_hd_deflater *d;
    uint8_t block[256], msg[512];
    buf client = {.n = 0}, server = {.n = 0};
    put(&client, upgrade, sizeof upgrade - 1);
    assert_int_equal(nghttp2_hd_deflate_new(&d, 4096), 0);
    grpc_client(&client, d, MSG_TEXT);
    nghttp2_hd_deflate_del(d);
    run(&client, NULL, true);
    expect(":path", 0, "/");
    expect(":path", 1, "/chat.v1.Messenger/SendMessage");
    expect("pb:1", 0, MSG_TEXT);
    assert_string_equal(h2_doc.app_proto, "HTTP2");

    put(&server, switching, sizeof switching - 1);
    assert_int_equal(nghttp2_hd_deflate_new(&d, 4096), 0);
    settings(&server, 4096);
    frame(&server, 1, 0x4, 1, block, deflate_block(d, head, 2, block, sizeof block));
    frame(&server, 0, 0x1, 1, msg, grpc_message(msg, "on my way, ten minutes", 0, NULL, 0));
    nghttp2_hd_deflate_del(d);
    run(&server, &client, false);
    expect(":status", 0, "101");
    expect(":status", 1, "200");
    expect("pb:1", 0, "on my way, ten minutes");
}

/* A header block in HEADERS (PADDED, PRIORITY) and CONTINUATION; DATA padded, in two frames. */
static void test_continuation_and_padding(void **state)
{
    (void)state;
    static const nghttp2_nv head[] = {NV(":method", "POST"), NV(":path", "/chat.v1.Messenger/SendMessage"),
                                      NV(":authority", "chat.example"), NV("content-type", "application/grpc"),
                                      NV("x-room-id", "room-42")};
    nghttp2_hd_deflater *d;
    uint8_t block[256], headers[300], msg[512], data[600];
    buf b = {.n = 0};
    assert_int_equal(nghttp2_hd_deflate_new(&d, 4096), 0);
    size_t n = deflate_block(d, head, 5, block, sizeof block), split = n / 2;
    nghttp2_hd_deflate_del(d);
    put(&b, PREFACE, 24);
    settings(&b, 4096);
    headers[0] = 3;                                          /* pad length */
    memcpy(headers + 1, "\x00\x00\x00\x00\x10", 5);          /* stream dependency, weight */
    memcpy(headers + 6, block, split);
    memset(headers + 6 + split, 0, 3);
    frame(&b, 1, 0x8 | 0x20, 1, headers, 6 + split + 3);     /* PADDED | PRIORITY, no END_HEADERS */
    frame(&b, 9, 0x4, 1, block + split, n - split);          /* CONTINUATION, END_HEADERS */
    size_t m = grpc_message(msg, MSG_TEXT, 0, NULL, 0), half = m / 2;
    data[0] = 200;                                           /* 200 bytes of padding */
    memcpy(data + 1, msg, half);
    memset(data + 1 + half, 0, 200);
    frame(&b, 0, 0x8, 1, data, 1 + half + 200);
    frame(&b, 0, 0x1, 1, msg + half, m - half);
    run(&b, NULL, true);
    expect(":path", 0, "/chat.v1.Messenger/SendMessage");
    expect("x-room-id", 0, "room-42");
    expect("pb:1", 0, MSG_TEXT);
}

static size_t gzip(const uint8_t *pb, size_t n, uint8_t *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)(uintptr_t)pb;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t len = z.total_out;
    deflateEnd(&z);
    return len;
}

/* grpc-encoding: gzip, the message's compressed flag set (gRPC's PROTOCOL-HTTP2). */
static void test_gzip_grpc_message(void **state)
{
    (void)state;
    static const nghttp2_nv head[] = {NV(":method", "POST"), NV(":path", "/chat.v1.Messenger/SendMessage"),
                                      NV(":authority", "chat.example"), NV("content-type", "application/grpc"),
                                      NV("grpc-encoding", "gzip")};
    nghttp2_hd_deflater *d;
    uint8_t block[256], plain[512], packed[512], msg[600];
    buf b = {.n = 0};
    size_t n = grpc_message(plain, "Kannst du mich morgen früh vom Bahnhof abholen?", 0, NULL, 0);
    size_t z = gzip(plain + 5, n - 5, packed, sizeof packed);
    assert_int_equal(nghttp2_hd_deflate_new(&d, 4096), 0);
    put(&b, PREFACE, 24);
    settings(&b, 4096);
    frame(&b, 1, 0x4, 1, block, deflate_block(d, head, 5, block, sizeof block));
    frame(&b, 0, 0x1, 1, msg, grpc_message(msg, NULL, 1, packed, z));
    nghttp2_hd_deflate_del(d);
    run(&b, NULL, true);
    const inspect_unit *u = expect("pb:1", 0, "Kannst du mich morgen früh vom Bahnhof abholen?");
    assert_true(u->layers & LW_LAYER_GZIP);
}

/* Two TCP segments' worth of one connection, the DATA frame split between them: the first
 * inspection sees the head and stops at the partial frame, the second reads the whole. */
static void test_frame_split_across_segments(void **state)
{
    (void)state;
    nghttp2_hd_deflater *d;
    buf b = {.n = 0}, first = {.n = 0};
    assert_int_equal(nghttp2_hd_deflate_new(&d, 4096), 0);
    grpc_client(&b, d, MSG_TEXT);
    nghttp2_hd_deflate_del(d);
    put(&first, b.d, b.n - 20);
    run(&first, NULL, true);
    expect(":path", 0, "/chat.v1.Messenger/SendMessage");
    assert_int_equal(unit_index("pb:1", 0), -1);
    run(&b, NULL, true);
    expect("pb:1", 0, MSG_TEXT);
}

/* A frame claiming more than there is, garbage after good frames, padding longer than its
 * frame, a stray CONTINUATION: what came before is decoded, nothing after. */
static void test_truncated_and_garbage(void **state)
{
    (void)state;
    nghttp2_hd_deflater *d;
    buf good = {.n = 0}, b;
    assert_int_equal(nghttp2_hd_deflate_new(&d, 4096), 0);
    grpc_client(&good, d, MSG_TEXT);
    nghttp2_hd_deflate_del(d);
    static const uint8_t tails[][12] = {
        {0x00, 0x40, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 'h', 'i', '!'},  /* 16 KiB DATA, 3 bytes */
        {0xde, 0xad, 0xbe, 0xef, 0x99, 0x00, 0x00, 0x00, 0x03, 'h', 'i', '!'},  /* type 0x99 */
        {0x00, 0x00, 0x03, 0x00, 0x08, 0x00, 0x00, 0x00, 0x03, 0x05, 'h', 'i'}, /* pad 5 > 3 */
        {0x00, 0x00, 0x03, 0x09, 0x04, 0x00, 0x00, 0x00, 0x03, 0x82, 0x86, 0x84}, /* stray CONTINUATION */
        {0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 'h', 'i', '!'},  /* DATA on stream 0 */
    };
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        b = good;
        put(&b, tails[t], sizeof tails[t]);
        put(&b, good.d + 24, good.n - 24); /* a well-formed call after it is not read */
        run(&b, NULL, true);
        expect("pb:1", 0, MSG_TEXT);
        assert_int_equal(unit_index("pb:1", 1), -1);
        assert_int_equal(unit_index(":path", 1), -1);
    }
}

/* Mid-connection: a block whose first field refers to a dynamic entry never seen. The inflater
 * gives up on it, the DATA is still read (its framing says what it is). */
static void test_unknown_table_reference(void **state)
{
    (void)state;
    static const uint8_t block[] = {0x83, 0xc5, 0xbe}; /* :method POST, then entries 69 and 62 */
    uint8_t msg[512];
    buf b = {.n = 0};
    put(&b, PREFACE, 24);
    settings(&b, 4096);
    frame(&b, 1, 0x4, 1, block, sizeof block);
    frame(&b, 0, 0x1, 1, msg, grpc_message(msg, MSG_TEXT, 0, NULL, 0));
    run(&b, NULL, true);
    expect("pb:1", 0, MSG_TEXT);
}

/* Every prefix of a call and its answer: never a read past the input (ASan), never a crash. */
static void test_every_prefix(void **state)
{
    (void)state;
    nghttp2_hd_deflater *d;
    buf b = {.n = 0}, cut;
    assert_int_equal(nghttp2_hd_deflate_new(&d, 4096), 0);
    grpc_client(&b, d, MSG_TEXT);
    grpc_client(&b, d, "second call"); /* a second preface mid-stream is garbage: decoding stops */
    nghttp2_hd_deflate_del(d);
    for (size_t n = 0; n <= b.n; n++) {
        cut.n = 0;
        put(&cut, b.d, n);
        run(&cut, NULL, true);
        assert_true(h2_doc.n_units <= LW_INSPECT_MAX_UNITS);
    }
    expect("pb:1", 0, MSG_TEXT);
}

static int setup(void **state)
{
    (void)state;
    h2_inspector = inspector_new(NULL);
    return h2_inspector ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    inspector_free(h2_inspector);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prior_knowledge_request), cmocka_unit_test(test_rfc7541_huffman_and_dynamic_table),
        cmocka_unit_test(test_server_direction),        cmocka_unit_test(test_h2c_upgrade),
        cmocka_unit_test(test_continuation_and_padding), cmocka_unit_test(test_gzip_grpc_message),
        cmocka_unit_test(test_frame_split_across_segments), cmocka_unit_test(test_truncated_and_garbage),
        cmocka_unit_test(test_unknown_table_reference), cmocka_unit_test(test_every_prefix),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
