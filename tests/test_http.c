/* test_http.c — the HTTP/1.x decoder (src/inspect/http.c) on real requests and responses
 * (tests/data/inspect: suricata-verify http-post-file, zeek get-gzip) and built ones:
 * pipelining, HEAD matching, chunked bodies that split key names, gzip, binary bodies,
 * resynchronisation, hostile lengths and every truncation. Other decoders are weak fakes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "inspect_support.h"

FAKE_MAIL_XMPP_PUBSUB
FAKE(inspect_decoder_irc, "IRC")
FAKE(inspect_decoder_mqtt, "MQTT")
FAKE(inspect_decoder_raw, "raw")

static inspector *shared;
static inspect_doc doc;

static void run_peer(const void *data, size_t len, const void *peer, size_t peer_len, bool from_initiator)
{
    inspect_input in = {.data = data, .len = (uint32_t)len, .peer = peer, .peer_len = (uint32_t)peer_len,
                        .from_initiator = from_initiator, .l4proto = 6, .initiator_port = 50000,
                        .responder_port = 80, .ndpi_proto = "HTTP"};
    inspect_run(shared, &in, &doc);
}

static void run(const char *text)
{
    run_peer(text, strlen(text), NULL, 0, true);
}

static const inspect_unit *unit_named(const char *field, int n)
{
    for (uint32_t i = 0; i < doc.n_units; i++)
        if (strcmp(doc.units[i].field, field) == 0 && n-- == 0)
            return &doc.units[i];
    return NULL;
}

static void assert_unit(const char *field, int n, const char *text, uint8_t layers)
{
    const inspect_unit *u = unit_named(field, n);
    assert_non_null(u);
    assert_int_equal(u->len, strlen(text));
    assert_memory_equal(u->data, text, u->len);
    assert_int_equal(u->layers, layers);
}

static void test_real_pipelined_posts(void **state)
{
    (void)state;
    size_t len;
    uint8_t *req = read_sample("http_post_file.req", &len);
    run_peer(req, len, NULL, 0, true);
    assert_string_equal(doc.app_proto, "HTTP");
    assert_int_equal(doc.verdict, LW_VERDICT_PLAINTEXT);
    assert_unit(":method", 0, "POST", 0);
    assert_unit(":path", 0, "/api/v4/users/login", 0);
    assert_unit(":path", 2, "/api/v4/uploads/is8j4b6s7i839eo38axwmx5pnr", 0);
    assert_unit("host", 1, "localhost:8065", 0);
    assert_unit("login_id", 0, "toto", 0);
    assert_unit("channel_id", 0, "7wynam16o38tbfgegi1qjr53oy", 0);
    const inspect_unit *eicar = unit_named("", 0); /* no Content-Type: sniffed as text */
    assert_non_null(eicar);
    assert_int_equal(eicar->kind, LW_UNIT_BODY);
    assert_int_equal(eicar->len, 68);
    free(req);
}

static void test_real_responses_with_peer(void **state)
{
    (void)state;
    size_t len, peer_len;
    uint8_t *resp = read_sample("http_post_file.resp", &len), *req = read_sample("http_post_file.req", &peer_len);
    run_peer(resp, len, req, peer_len, false);
    assert_unit(":status", 0, "200", 0);
    assert_unit(":status", 1, "201", 0);
    assert_unit("username", 0, "toto", 0);
    assert_unit("content-type", 0, "application/json", 0);
    free(resp);
    free(req);
}

static void test_real_gzip_body(void **state)
{
    (void)state;
    size_t len;
    uint8_t *resp = read_sample("http_get_gzip.resp", &len);
    run_peer(resp, len, "GET /gzip HTTP/1.1\r\n\r\n", 22, false);
    assert_unit("content-encoding", 0, "gzip", 0);
    assert_unit("origin", 0, "10.224.189.238", LW_LAYER_GZIP);
    assert_unit("User-Agent", 0, "curl/7.29.0", LW_LAYER_GZIP);
    assert_int_equal(doc.verdict, LW_VERDICT_PLAINTEXT); /* plaintext headers, compressed body */
    free(resp);
}

static void test_chunked_splits_key(void **state)
{
    (void)state;
    run("POST /send HTTP/1.1\r\nHost: chat.example\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"tex\r\n1a;ext=1\r\nt\":\"meet me at the station\r\n"
        "2\r\n\"}\r\n0\r\nX-Trailer: 1\r\n\r\nGET /next HTTP/1.1\r\n\r\n");
    assert_unit("text", 0, "meet me at the station", LW_LAYER_CHUNKED);
    assert_unit(":path", 1, "/next", 0);
    assert_unit("transfer-encoding", 0, "chunked", 0);
}

static void test_head_response_has_no_body(void **state)
{
    (void)state;
    const char *peer = "HEAD /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n";
    const char *resp = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                       "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
    run_peer(resp, strlen(resp), peer, strlen(peer), false);
    assert_unit(":status", 1, "200", 0);
    assert_unit("", 0, "hello", 0);
    assert_int_equal(unit_named("", 0)->kind, LW_UNIT_BODY);
}

static void test_plaintext_on_443(void **state)
{
    (void)state;
    const char *req = "POST /m HTTP/1.1\r\nHost: a\r\nContent-Length: 13\r\n\r\nmsg=hi+there";
    inspect_input in = {.data = (const uint8_t *)req, .len = (uint32_t)strlen(req), .from_initiator = true,
                        .l4proto = 6, .initiator_port = 40000, .responder_port = 443, .ndpi_proto = "TLS"};
    inspect_run(shared, &in, &doc);
    assert_string_equal(doc.app_proto, "HTTP");
    assert_unit("msg", 0, "hi there", LW_LAYER_URLENC); /* cut body: Content-Length says 13, 12 present */
}

/* Headers that name a party are found whatever their case (X-User-Id as x-user-id); others are not. */
static void test_party_headers(void **state)
{
    (void)state;
    run("POST /api/send HTTP/1.1\r\nHost: a\r\nX-User-Id: u-1234\r\nX-Room: r-9\r\nX-Request-Id: q-1\r\n"
        "User-Agent: app/1\r\nContent-Length: 9\r\n\r\ntext=hiya");
    assert_unit("x-user-id", 0, "u-1234", 0);
    assert_unit("x-room", 0, "r-9", 0);
    assert_null(unit_named("x-request-id", 0));
    assert_null(unit_named("user-agent", 0));
}

/* Text in a path segment ("/api/say/<room>/<text>") is a field without a name; plain segments
 * and encoded ids are not. */
static void test_path_text(void **state)
{
    (void)state;
    run("GET /api/say/ff3711c9/Cumartesi%20mat%C4%B1%20getir/file%2Fname?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
    const inspect_unit *u = unit_named("", 0);
    assert_non_null(u);
    assert_int_equal(u->len, strlen("Cumartesi matı getir"));
    assert_memory_equal(u->data, "Cumartesi matı getir", u->len);
    assert_true(u->object_id != 0);
    assert_null(unit_named("", 1));
}

static void test_binary_body_emits_no_text(void **state)
{
    (void)state;
    const char resp[] = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 12\r\n\r\nabcdefghijkl";
    run_peer(resp, sizeof resp - 1, NULL, 0, false);
    assert_null(unit_named("", 0));
    assert_unit("content-type", 0, "image/png", 0);
    const char octets[] = "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n\x01\x02\x00\x04\x05\x06\x07\x08";
    run_peer(octets, sizeof octets - 1, NULL, 0, false);
    assert_null(unit_named("", 0));
}

static void test_gap_resync_and_hostile_lengths(void **state)
{
    (void)state;
    const char *s = "\x17\x03\x03garbage\r\nmore\nGET /after-gap HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\nxyz";
    inspect_input in = {.data = (const uint8_t *)s, .len = (uint32_t)strlen(s), .from_initiator = true, .gap = true};
    inspect_run(shared, &in, &doc);
    run(strstr(s, "GET")); /* starts at "GET": the decoder is chosen */
    assert_unit(":path", 0, "/after-gap", 0);
    run("GET /a HTTP/1.1\r\n\r\n\x01lost bytes\nGET /b HTTP/1.1\r\n\r\n");
    assert_unit(":path", 1, "/b", 0);
    run("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc");
    assert_unit(":method", 0, "POST", 0);
    run("POST / HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\x1f\x8b\x08\x00");
    assert_null(unit_named("", 0));
}

static void test_every_prefix(void **state)
{
    (void)state;
    static const char *const names[] = {"http_post_file.req", "http_post_file.resp", "http_get_gzip.resp"};
    for (size_t s = 0; s < LW_ARRAY_LEN(names); s++) {
        size_t len;
        uint8_t *data = read_sample(names[s], &len);
        for (size_t n = 0; n <= len; n++) {
            uint8_t *copy = malloc(n + 1);
            memcpy(copy, data, n);
            run_peer(copy, n, data, len, s == 0);
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
        cmocka_unit_test(test_real_pipelined_posts),  cmocka_unit_test(test_real_responses_with_peer),
        cmocka_unit_test(test_real_gzip_body),        cmocka_unit_test(test_chunked_splits_key),
        cmocka_unit_test(test_head_response_has_no_body), cmocka_unit_test(test_plaintext_on_443),
        cmocka_unit_test(test_binary_body_emits_no_text), cmocka_unit_test(test_gap_resync_and_hostile_lengths),
        cmocka_unit_test(test_every_prefix), cmocka_unit_test(test_party_headers),
        cmocka_unit_test(test_path_text),
    };
    return cmocka_run_group_tests(tests, shared_setup, shared_teardown);
}
