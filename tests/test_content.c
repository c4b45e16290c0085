/* test_content.c — the generic content handler (src/inspect/content.c) and the JSON tokenizer
 * (json_scan.c): JSON fields and object ids, escapes, form-urlencoded, multipart, gzip/zlib/raw
 * deflate, base64 (whole and inside JSON), XML (SOAP, RSS), the depth limit, every truncation of real samples.
 * Content is fed through inspect_run(): the protocol decoders are weak fakes that claim
 * nothing, and the fake raw decoder hands the bytes to inspect_content(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "inspect_support.h"
#include "inspect/json_scan.h"

static const char *content_type_under_test;

static void raw_as_content(inspect_ctx *cx, const inspect_input *in)
{
    inspect_content(cx, "test", "", LW_UNIT_BODY, in->data, in->len, 0, content_type_under_test);
}

/* The content under test is claimed by a stand-in decoder (so that the text extractor, which
 * looks at bytes no decoder claims, stays out of these tests). */
static int claim_probe(const inspect_input *in)
{
    (void)in;
    return 1;
}
__attribute__((weak)) const inspect_decoder inspect_decoder_http = {"test", claim_probe, raw_as_content};
FAKE(inspect_decoder_websocket, "WebSocket")
FAKE(inspect_decoder_h2, "HTTP2") /* the real one would bring http.c's decoder, which hands bodies on itself */
FAKE_MAIL_XMPP_PUBSUB
FAKE(inspect_decoder_irc, "IRC")
FAKE(inspect_decoder_mqtt, "MQTT")
FAKE(inspect_decoder_raw, "raw")

static inspect_doc doc;

static void run_with(inspector *in, const void *data, size_t len, const char *content_type)
{
    inspect_input input = {.data = data, .len = (uint32_t)len, .from_initiator = true, .l4proto = 6};
    content_type_under_test = content_type;
    inspect_run(in, &input, &doc);
}

static inspector *shared; /* units point into its arena: it outlives every check */

static void run(const void *data, size_t len, const char *content_type)
{
    run_with(shared, data, len, content_type);
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

/* The n-th unit (0-based) named `field`, or NULL. */
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

static size_t gzip_bytes(const char *text, uint8_t *out, size_t cap, int window_bits)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)(uintptr_t)text;
    z.avail_in = (uInt)strlen(text);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t n = z.total_out;
    deflateEnd(&z);
    return n;
}

static void test_json_fields_and_objects(void **state)
{
    (void)state;
    const char *j = "{\"user\":\"bob\",\"text\":\"hello there\",\"meta\":{\"to\":\"alice\"},"
                    "\"tags\":[\"a b\",\"c d\"],\"n\":5,\"ok\":true,\"x\":null,\"ts\":1746353553,"
                    "\"list\":[{\"to\":\"carol\"}],\"big\":-12345678901234567890}";
    run(j, strlen(j), "application/json");
    assert_int_equal(doc.n_units, 7); /* short numbers, booleans, null and a 20-digit integer are not units */
    assert_unit("user", 0, "bob", 0);
    assert_unit("text", 0, "hello there", 0);
    assert_unit("to", 0, "alice", 0);
    assert_unit("tags", 0, "a b", 0);
    assert_unit("tags", 1, "c d", 0);
    assert_int_equal(unit_named("user", 0)->object_id, unit_named("text", 0)->object_id);
    assert_int_equal(unit_named("tags", 1)->object_id, unit_named("text", 0)->object_id);
    /* one record: a nested object's members are siblings; an array element is a record of its own */
    assert_int_equal(unit_named("to", 0)->object_id, unit_named("text", 0)->object_id);
    assert_unit("ts", 0, "1746353553", 0);
    assert_int_equal(unit_named("ts", 0)->object_id, unit_named("text", 0)->object_id);
    assert_unit("to", 1, "carol", 0);
    assert_int_not_equal(unit_named("to", 1)->object_id, unit_named("text", 0)->object_id);
    assert_int_not_equal(unit_named("to", 1)->object_id, 0);
    assert_int_equal(unit_named("text", 0)->kind, LW_UNIT_FIELD);
    assert_string_equal(unit_named("text", 0)->proto, "test");
}

static void test_json_escapes(void **state)
{
    (void)state;
    const char *j = "{\"t\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\\n\",\"lone\":\"\\udc00x\",\"k\\u0065y\":\"v1\"}";
    run(j, strlen(j), NULL);
    assert_unit("t", 0, "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\"\n", 0);
    assert_unit("lone", 0, "\xef\xbf\xbdx", 0);
    assert_unit("key", 0, "v1", 0);
}

static void test_json_scan_grammar(void **state)
{
    (void)state;
    assert_true(json_scan_looks_like_json((const uint8_t *)"{\"a\":[1,2,{\"b\":\"c\"}]}", 21));
    assert_true(json_scan_looks_like_json((const uint8_t *)"{\"a\":\"cut her", 13));
    assert_true(json_scan_looks_like_json((const uint8_t *)"{}{\"a\":1}\n[]", 12));
    assert_false(json_scan_looks_like_json((const uint8_t *)"{\"a\" 1}", 7));
    assert_false(json_scan_looks_like_json((const uint8_t *)"{\"a\":1]", 7));
    assert_false(json_scan_looks_like_json((const uint8_t *)"[tru]", 5));
    assert_false(json_scan_looks_like_json((const uint8_t *)"hello", 5));
    char deep[200];
    memset(deep, '[', sizeof deep);
    assert_false(json_scan_looks_like_json((const uint8_t *)deep, sizeof deep)); /* beyond max depth */
}

static void test_json_cut_string_kept(void **state)
{
    (void)state;
    const char *j = "{\"id\":\"1\",\"message\":\"this text was cut by the capture bud";
    run(j, strlen(j), "application/json");
    assert_unit("message", 0, "this text was cut by the capture bud", 0);
}

static void test_form_real_post(void **state)
{
    (void)state;
    size_t len;
    uint8_t *req = read_sample("http_post_large.req", &len);
    const uint8_t *body = (const uint8_t *)strstr((const char *)req, "\r\n\r\n") + 4;
    run(body, len - (size_t)(body - req), "application/x-www-form-urlencoded");
    assert_unit("say", 0, "Hi", LW_LAYER_URLENC);
    const inspect_unit *to = unit_named("to", 0);
    assert_non_null(to);
    assert_int_equal(to->layers, LW_LAYER_URLENC);
    assert_memory_equal(to->data, "Hi  Lorem ipsum dolor sit amet, consetetur", 42);
    assert_int_equal(to->object_id, unit_named("say", 0)->object_id);
    free(req); /* the units point into the arena, not into req */
}

/* A form in the page's legacy charset (declared on the request), what it lacks as "&#N;". */
static void test_form_legacy_charset(void **state)
{
    (void)state;
    static const char body[] = "to=77&msg=%EF%F0%E8%E2%E5%F2+%26%2310084%3B&send=1"; /* "привет ❤" in windows-1251 */
    run(body, sizeof body - 1, "application/x-www-form-urlencoded; charset=windows-1251");
    assert_unit("msg", 0, "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 \xe2\x9d\xa4", LW_LAYER_URLENC);
    run(body, sizeof body - 1, "application/x-www-form-urlencoded; charset=utf-8"); /* as declared: not UTF-8 text */
    assert_int_not_equal(unit_named("msg", 0)->len, 14);
}

static void test_form_sniffed_with_json_value(void **state)
{
    (void)state;
    const char *f = "a=1&payload=%7B%22body%22%3A%22hi+there%22%7D";
    run(f, strlen(f), NULL);
    assert_unit("a", 0, "1", LW_LAYER_URLENC);
    assert_unit("body", 0, "hi there", LW_LAYER_URLENC);
}

static void test_multipart(void **state)
{
    (void)state;
    const char *m = "--XyZ\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nsee you at noon\r\n"
                    "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n"
                    "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\r\n"
                    "--XyZ\r\nContent-Disposition: form-data; name=\"note\"; filename=\"n.txt\"\r\n"
                    "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybGQ=\r\n"
                    "--XyZ--\r\n";
    run(m, strlen(m), "multipart/form-data; boundary=XyZ");
    assert_int_equal(doc.n_units, 2);
    assert_unit("comment", 0, "see you at noon", 0);
    assert_unit("note", 0, "hello world", LW_LAYER_BASE64);
    assert_null(unit_named("photo", 0));
    /* form fields are siblings of one object; an attached file is a document */
    assert_int_equal(unit_named("comment", 0)->kind, LW_UNIT_FIELD);
    assert_int_not_equal(unit_named("comment", 0)->object_id, 0);
    assert_int_equal(unit_named("note", 0)->kind, LW_UNIT_BODY);
    assert_int_equal(unit_named("note", 0)->object_id, 0);
    run(m, strlen(m), NULL); /* boundary sniffed from the first line */
    assert_int_equal(doc.n_units, 2);
}

static void test_multipart_mail_qp(void **state)
{
    (void)state;
    const char *m = "preamble\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    "Content-Transfer-Encoding: quoted-printable\r\n\r\nCaf=C3=A9 at 5? Bring the=\r\n report.\r\n--b1--";
    run(m, strlen(m), "multipart/alternative; boundary=\"b1\"");
    assert_int_equal(doc.n_units, 1);
    assert_unit("", 0, "Caf\xc3\xa9 at 5? Bring the report.", LW_LAYER_QP);
}

static void test_gzip_zlib_deflate(void **state)
{
    (void)state;
    const char *j = "{\"body\":\"compressed chat line\"}";
    uint8_t z[256], out[256];
    int windows[] = {16 + 15, 15, -15};
    for (size_t i = 0; i < 3; i++) {
        size_t n = gzip_bytes(j, z, sizeof z, windows[i]);
        long got = inspect_inflate(z, n, out, sizeof out);
        assert_int_equal(got, (long)strlen(j));
        assert_memory_equal(out, j, strlen(j));
        if (windows[i] > 0) { /* gzip and zlib are sniffed by magic */
            run(z, n, NULL);
            assert_unit("body", 0, "compressed chat line", LW_LAYER_GZIP);
        }
    }
    size_t n = gzip_bytes(j, z, sizeof z, 16 + 15);
    assert_true(inspect_inflate(z, n / 2, out, sizeof out) >= 0); /* cut input: partial output kept */
    assert_int_equal(inspect_inflate(z, n, out, 10), 10);          /* output bounded */
    assert_int_equal(inspect_inflate((const uint8_t *)"\xff\xff\xff\xff", 4, out, sizeof out), -1);
}

static void test_base64_wrapped_json(void **state)
{
    (void)state;
    const char *b = "eyJtZXNzYWdlIjoiaGkgZnJvbSBiYXNlNjQiLCJmcm9tIjoiYW5uIn0="; /* {"message":"hi from base64","from":"ann"} */
    run(b, strlen(b), NULL);
    assert_unit("message", 0, "hi from base64", LW_LAYER_BASE64);
    assert_unit("from", 0, "ann", LW_LAYER_BASE64);
    const char *j = "{\"id\":\"7\",\"payload\":\"eyJib2R5Ijoic2VjcmV0IHRleHQifQ==\"}"; /* {"body":"secret text"} */
    run(j, strlen(j), NULL);
    assert_unit("body", 0, "secret text", LW_LAYER_BASE64);
    assert_null(unit_named("payload", 0));
    const char *r = "{\"sig\":\"3q2+7wABAgMEBQYHCAkKCwwNDg8Q\"}"; /* binary: kept as it is */
    run(r, strlen(r), NULL);
    assert_unit("sig", 0, "3q2+7wABAgMEBQYHCAkKCwwNDg8Q", 0);
}

/* XML: each element's text a FIELD named by the element (prefix dropped), the children of one
 * element siblings with its attributes, entities resolved, CDATA kept, declarations not text. */
static void test_xml(void **state)
{
    (void)state;
    static const char soap[] =
        "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
        "<SendSMS xmlns=\"http://sms.example.com/\"><To>+4915112345678</To><Message>fish &amp; chips at 8? &#x1F600;"
        "</Message><!-- note --><Note><![CDATA[a <b>bold</b> plan]]></Note></SendSMS></soap:Body></soap:Envelope>";
    run(soap, sizeof soap - 1, "text/xml; charset=utf-8");
    assert_unit("Message", 0, "fish & chips at 8? \xf0\x9f\x98\x80", 0);
    assert_unit("To", 0, "+4915112345678", 0);
    assert_unit("Note", 0, "a <b>bold</b> plan", 0);
    assert_int_equal(unit_named("To", 0)->object_id, unit_named("Message", 0)->object_id);
    assert_null(unit_named("Envelope", 0));
    static const char rss[] = "<?xml version=\"1.0\"?><rss><channel><item><title>A</title></item>"
                              "<item><title>B</title></item></channel></rss>";
    run(rss, sizeof rss - 1, NULL);
    assert_unit("title", 1, "B", 0);
    assert_int_not_equal(unit_named("title", 0)->object_id, unit_named("title", 1)->object_id);
    /* XMPP over BOSH: the stanza is decoded as XMPP's (its body a message, its attributes the
     * body's siblings); the BOSH wrapper is transport */
    static const char bosh[] = "<body rid='42' xmlns='http://jabber.org/protocol/httpbind'><message "
                               "from=\"ann@example.org/phone\" to='bob@example.org' type='chat'><body>fish &amp; chips?"
                               "</body></message></body>";
    run(bosh, sizeof bosh - 1, "text/xml; charset=utf-8");
    assert_unit("body", 0, "fish & chips?", 0);
    assert_unit("from", 0, "ann@example.org/phone", 0);
    assert_int_equal(unit_named("from", 0)->object_id, unit_named("body", 0)->object_id);
    assert_int_equal(unit_named("to", 0)->object_id, unit_named("body", 0)->object_id);
    assert_int_equal(unit_named("body", 0)->kind, LW_UNIT_MESSAGE);
    assert_null(unit_named("rid", 0));
    assert_null(unit_named("xmlns", 0));
    static const char broken[] = "<a x='1' y=2 z='3'><b t=\"open>text</b></a>";
    run(broken, sizeof broken - 1, "application/xml");
    assert_unit("x", 0, "1", 0);
    assert_null(unit_named("z", 0)); /* an unquoted value ends the attributes */
}

static void test_depth_limit(void **state)
{
    (void)state;
    /* base64(base64(base64(base64("{\"t\":\"deep\"}")))) with the default 3 layers */
    const char *b = "WlZoS01FbHFiMmxhUjFac1kwTkttUT09";
    inspect_limits lim = {.max_layers = 3};
    inspector *in = inspector_new(&lim);
    char enc[4][128];
    const char *plain = "{\"t\":\"deep message\"}";
    uint8_t tmp[128];
    (void)b;
    snprintf(enc[0], sizeof enc[0], "%s", plain);
    for (int level = 1; level < 4; level++) {
        size_t l = strlen(enc[level - 1]);
        memcpy(tmp, enc[level - 1], l);
        static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        size_t o = 0;
        for (size_t i = 0; i < l; i += 3) {
            uint32_t v = (uint32_t)tmp[i] << 16 | (i + 1 < l ? (uint32_t)tmp[i + 1] << 8 : 0) | (i + 2 < l ? tmp[i + 2] : 0);
            enc[level][o++] = a[v >> 18];
            enc[level][o++] = a[(v >> 12) & 63];
            enc[level][o++] = i + 1 < l ? a[(v >> 6) & 63] : '=';
            enc[level][o++] = i + 2 < l ? a[v & 63] : '=';
        }
        enc[level][o] = '\0';
    }
    run_with(in, enc[2], strlen(enc[2]), NULL); /* 2 base64 + JSON = 3 layers: decoded */
    assert_unit("t", 0, "deep message", LW_LAYER_BASE64);
    run_with(in, enc[3], strlen(enc[3]), NULL); /* one too many: left as text, not decoded */
    assert_null(unit_named("t", 0));
    inspector_free(in);
}

static void test_helpers(void **state)
{
    (void)state;
    uint8_t out[64];
    assert_int_equal(inspect_base64_decode((const uint8_t *)"aGk=", 4, out, sizeof out), 2);
    assert_memory_equal(out, "hi", 2);
    assert_int_equal(inspect_base64_decode((const uint8_t *)"aG\r\nk-_w", 8, out, sizeof out), 4);
    assert_int_equal(inspect_base64_decode((const uint8_t *)"a*k=", 4, out, sizeof out), -1);
    assert_int_equal(inspect_qp_decode((const uint8_t *)"a=3Db=\r\nc=ZZ=", 13, out, sizeof out), 7);
    assert_memory_equal(out, "a=bc=ZZ", 7);
    assert_int_equal(inspect_percent_decode((const uint8_t *)"a+b%2Fc%zz%4", 12, out, sizeof out, true), 10);
    assert_memory_equal(out, "a b/c%zz%4", 10);
    assert_int_equal(inspect_percent_decode((const uint8_t *)"a+b", 3, out, sizeof out, false), 3);
    assert_memory_equal(out, "a+b", 3);
    assert_int_equal(inspect_base64_decode((const uint8_t *)"aGVsbG8=", 8, out, 2), 2); /* bounded */
}

static void test_every_prefix(void **state)
{
    (void)state;
    static const char *const samples[] = {
        "{\"a\":\"x\\u00e9\\ud83d\\ude00\",\"b\":[{\"c\":\"eyJib2R5Ijoic2VjcmV0IHRleHQifQ==\"}],\"d\":-1.5e3}",
        "--XyZ\r\nContent-Disposition: form-data; name=\"c\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nx=C3=\r\n--XyZ--",
        "a=%7B%22b%22%3A%22c%22%7D&d=e%",
    };
    inspector *in = inspector_new(NULL);
    for (size_t s = 0; s < LW_ARRAY_LEN(samples); s++)
        for (size_t n = 0; n <= strlen(samples[s]); n++) {
            char *copy = malloc(n + 1); /* exact-size copy: ASan sees any over-read */
            memcpy(copy, samples[s], n);
            run_with(in, copy, n, s == 1 ? "multipart/form-data; boundary=XyZ" : NULL);
            free(copy);
        }
    uint8_t z[256];
    size_t zn = gzip_bytes("{\"body\":\"compressed chat line, compressed chat line\"}", z, sizeof z, 31);
    for (size_t n = 0; n <= zn; n++) {
        uint8_t *copy = malloc(n + 1);
        memcpy(copy, z, n);
        run_with(in, copy, n, NULL);
        free(copy);
    }
    inspector_free(in);
}

static void test_small_arena_and_unit_table(void **state)
{
    (void)state;
    static char big[65536];
    size_t o = (size_t)snprintf(big, sizeof big, "[");
    for (int i = 0; i < LW_INSPECT_MAX_UNITS + 100 && o < sizeof big - 16; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, "\"v%d\",", i);
    big[o - 1] = ']';
    run(big, o, NULL);
    assert_int_equal(doc.n_units, LW_INSPECT_MAX_UNITS);
    assert_true(doc.truncated);
    inspect_limits lim = {.arena_bytes = 64};
    inspector *in = inspector_new(&lim);
    const char *j = "{\"t\":\"needs \\u00e9 an arena copy that is longer than sixty-four bytes, really\"}";
    run_with(in, j, strlen(j), NULL);
    assert_true(doc.truncated);
    inspector_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_fields_and_objects), cmocka_unit_test(test_json_escapes),
        cmocka_unit_test(test_json_scan_grammar),       cmocka_unit_test(test_json_cut_string_kept),
        cmocka_unit_test(test_form_real_post),          cmocka_unit_test(test_form_legacy_charset), cmocka_unit_test(test_form_sniffed_with_json_value),
        cmocka_unit_test(test_multipart),               cmocka_unit_test(test_multipart_mail_qp),
        cmocka_unit_test(test_gzip_zlib_deflate),       cmocka_unit_test(test_base64_wrapped_json),
        cmocka_unit_test(test_depth_limit),             cmocka_unit_test(test_helpers),
        cmocka_unit_test(test_xml),
        cmocka_unit_test(test_every_prefix),            cmocka_unit_test(test_small_arena_and_unit_table),
    };
    return cmocka_run_group_tests(tests, shared_setup, shared_teardown);
}
