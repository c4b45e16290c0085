/* test_inspect.c — the inspect framework (src/inspect/inspect.c): decoder choice by probe
 * confidence (table order on ties, nDPI's label as a small bonus, content over ports), the raw
 * fallback, the direction verdict, arena reuse and the unit-table limit. The protocol decoders
 * of the other helper are weak fakes here: IRC and MQTT claim "FAKECHAT" lines equally. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "inspect_support.h"

static int raw_calls;

static int chat_probe(const inspect_input *in)
{
    return in->len >= 8 && memcmp(in->data, "FAKECHAT", 8) == 0 ? 70 : 0;
}

static void chat_decode(inspect_ctx *cx, const inspect_input *in)
{
    inspect_emit(cx, LW_UNIT_MESSAGE, "fake", "", in->data + 9, in->len - 9, 0, inspect_new_object(cx));
}

static void raw_decode(inspect_ctx *cx, const inspect_input *in)
{
    raw_calls++;
    assert_ptr_equal(inspect_input_of(cx), in);
}

FAKE_MAIL_XMPP_PUBSUB
__attribute__((weak)) const inspect_decoder inspect_decoder_irc = {"IRC", chat_probe, chat_decode};
__attribute__((weak)) const inspect_decoder inspect_decoder_mqtt = {"MQTT", chat_probe, chat_decode};
__attribute__((weak)) const inspect_decoder inspect_decoder_raw = {"raw", fake_probe, raw_decode};

static inspector *shared;
static inspect_doc doc;

static void run(const void *data, size_t len, const char *ndpi, uint16_t port)
{
    inspect_input in = {.data = data, .len = (uint32_t)len, .from_initiator = true, .l4proto = 6,
                        .initiator_port = 40000, .responder_port = port, .ndpi_proto = ndpi};
    inspect_run(shared, &in, &doc);
}

static void test_empty_input_resets_doc(void **state)
{
    (void)state;
    run("FAKECHAT hello", 14, NULL, 6667);
    assert_int_equal(doc.n_units, 1);
    run("", 0, NULL, 80);
    assert_int_equal(doc.n_units, 0);
    assert_null(doc.app_proto);
    assert_int_equal(doc.bytes_inspected, 0);
    assert_int_equal(doc.verdict, LW_VERDICT_UNKNOWN);
}

static void test_tie_table_order_and_hint(void **state)
{
    (void)state;
    run("FAKECHAT hello there", 20, NULL, 1883);
    assert_string_equal(doc.app_proto, "IRC"); /* equal confidence: IRC comes first */
    run("FAKECHAT hello there", 20, "MQTT", 1883);
    assert_string_equal(doc.app_proto, "MQTT"); /* nDPI agrees with MQTT: the bonus decides */
    assert_int_equal(doc.n_units, 1);
    assert_int_equal(doc.units[0].object_id, 1);
    assert_string_equal(doc.units[0].proto, "fake");
}

static void test_content_beats_port_and_label(void **state)
{
    (void)state;
    const char *req = "GET /inbox HTTP/1.1\r\nHost: mail.example\r\n\r\n";
    run(req, strlen(req), "TLS", 443);
    assert_string_equal(doc.app_proto, "HTTP");
    assert_int_equal(doc.verdict, LW_VERDICT_PLAINTEXT);
    assert_int_equal(doc.bytes_inspected, strlen(req));
    /* The units gave the verdict, so the raw entropy is computed only on demand. */
    assert_true(doc.entropy < 0);
    inspect_input in = {.data = (const uint8_t *)req, .len = (uint32_t)strlen(req)};
    float entropy = inspect_entropy(&doc, &in);
    assert_true(entropy > 3.0f && entropy < 6.0f);
}

static void test_unclaimed_bytes_go_raw(void **state)
{
    (void)state;
    uint8_t random_bytes[1024];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof random_bytes; i++) { /* xorshift: deterministic noise */
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        random_bytes[i] = (uint8_t)(x >> 11);
    }
    random_bytes[0] = 0x17; /* TLS record type: not a WebSocket frame */
    raw_calls = 0;
    run(random_bytes, sizeof random_bytes, "TLS", 443);
    assert_int_equal(raw_calls, 1);
    assert_null(doc.app_proto);
    assert_int_equal(doc.verdict, LW_VERDICT_ENCRYPTED);
    assert_true(doc.entropy > 7.5f);
}

static void test_unit_table_limit_and_reuse(void **state)
{
    (void)state;
    static char body[65536];
    size_t n = (size_t)snprintf(body, sizeof body, "POST /b HTTP/1.1\r\nContent-Type: application/json\r\n"
                                                   "Content-Length: 40000\r\n\r\n[");
    for (int i = 0; i < LW_INSPECT_MAX_UNITS + 100; i++)
        n += (size_t)snprintf(body + n, sizeof body - n, "\"w%04d\",", i);
    body[n - 1] = ']';
    run(body, n, "HTTP", 80);
    assert_int_equal(doc.n_units, LW_INSPECT_MAX_UNITS);
    assert_true(doc.truncated);
    run("FAKECHAT again", 14, NULL, 6667); /* the arena and table are reused */
    assert_false(doc.truncated);
    assert_int_equal(doc.n_units, 1);
    assert_memory_equal(doc.units[0].data, "again", 5);
}

static void test_limits_defaults(void **state)
{
    (void)state;
    inspect_limits lim = {0};
    inspector *in = inspector_new(&lim);
    assert_non_null(in);
    inspector_free(in);
    inspector_free(NULL);
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
        cmocka_unit_test(test_empty_input_resets_doc),    cmocka_unit_test(test_tie_table_order_and_hint),
        cmocka_unit_test(test_content_beats_port_and_label), cmocka_unit_test(test_unclaimed_bytes_go_raw),
        cmocka_unit_test(test_unit_table_limit_and_reuse), cmocka_unit_test(test_limits_defaults),
    };
    return cmocka_run_group_tests(tests, shared_setup, shared_teardown);
}
