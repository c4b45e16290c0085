/* test_chat_protocols.c — the XMPP, IRC, MQTT, Redis, STOMP, Kafka and raw decoders on real
 * bytes from the corpus (tests/data/protocols/<name>.c = the initiator's bytes, .s = the
 * responder's) run through inspect_run, then message_assess: which decoder claims them,
 * which units come out, whether a message is found. Every prefix of every sample is decoded
 * too (run under ASan: no crash, no overread); JSON lines on an unknown port. Never prints
 * message text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#include "inspect/inspect.h"
#include "inspect/message.h"

#include "protocol_samples.h"

static bool tc_unit_equals(const inspect_unit *u, const char *text)
{
    return u && u->len == strlen(text) && memcmp(u->data, text, u->len) == 0;
}

/* Every prefix of both directions: must not crash or read out of bounds. */
static void tc_all_prefixes(const tc_sample *s)
{
    for (size_t n = 0; n <= s->client_len; n++)
        tc_run(s, true, n);
    for (size_t n = 0; n <= s->server_len; n++)
        tc_run(s, false, n);
}

static void test_xmpp_jabber(void **state)
{
    (void)state;
    tc_sample s = tc_load("jabber", 57149, 5222);
    message_assessment a;
    tc_assess(&s, false, &a);
    assert_string_equal(tc_doc.app_proto, "XMPP");
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "xmpp:body"));
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_MESSAGE, "body"), "hey")); /* frame 283 */
    assert_non_null(tc_find_unit(LW_UNIT_FIELD, "from"));
    tc_assess(&s, true, &a);
    assert_true(a.is_message);
    tc_all_prefixes(&s);
    tc_free(&s);
}

static void test_xmpp_starttls_stops(void **state)
{
    (void)state;
    tc_sample s = tc_load("xmpp-starttls", 56048, 5222);
    message_assessment a;
    for (int dir = 0; dir < 2; dir++) {
        tc_assess(&s, dir == 0, &a);
        assert_string_equal(tc_doc.app_proto, "XMPP");
        assert_false(a.is_message);
        assert_int_equal(tc_doc.n_units, 0);
    }
    tc_all_prefixes(&s);
    tc_free(&s);
}

static void test_irc(void **state)
{
    (void)state;
    tc_sample s = tc_load("irc-basic", 49170, 6667);
    message_assessment a;
    tc_assess(&s, true, &a);
    assert_string_equal(tc_doc.app_proto, "IRC");
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "irc:privmsg"));
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_MESSAGE, "privmsg"), "test")); /* no ':' before it */
    tc_assess(&s, false, &a);
    assert_false(a.is_message); /* server notices and 005 ISUPPORT */
    tc_all_prefixes(&s);
    tc_free(&s);

    s = tc_load("ndpi-irc", 45921, 8000);
    for (int dir = 0; dir < 2; dir++) {
        tc_assess(&s, dir == 0, &a);
        assert_string_equal(tc_doc.app_proto, "IRC");
        assert_false(a.is_message);
    }
    assert_non_null(tc_find_unit(LW_UNIT_FIELD, "topic")); /* 332: a field, not a message */
    tc_all_prefixes(&s);
    tc_free(&s);
}

static void test_mqtt(void **state)
{
    (void)state;
    message_assessment a;
    tc_sample s = tc_load("mqtt-b", 49330, 1883);
    tc_assess(&s, true, &a);
    assert_string_equal(tc_doc.app_proto, "MQTT");
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "mqtt:publish"));
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_FIELD, "topic"), "SampleTopic"));
    assert_non_null(tc_find_unit(LW_UNIT_FIELD, "client_id"));
    tc_all_prefixes(&s);
    tc_free(&s);

    s = tc_load("mqtt-a", 49327, 1883);
    tc_assess(&s, false, &a); /* the broker delivers two publishes */
    assert_true(a.is_message);
    assert_int_equal(a.n_text_units, 2);
    tc_assess(&s, true, &a); /* the client only subscribes */
    assert_false(a.is_message);
    tc_all_prefixes(&s);
    tc_free(&s);

    /* telemetry JSON both ways; node 0 of this capture is the broker */
    s = tc_load("ndpi-mqtt", 1883, 41892);
    for (int dir = 0; dir < 2; dir++) {
        tc_assess(&s, dir == 0, &a);
        assert_string_equal(tc_doc.app_proto, "MQTT");
        assert_false(a.is_message);
    }
    assert_non_null(tc_find_unit(LW_UNIT_FIELD, "username"));
    assert_null(tc_find_unit(LW_UNIT_FIELD, "password"));
    tc_all_prefixes(&s);
    tc_free(&s);
}

static void test_redis(void **state)
{
    (void)state;
    message_assessment a;
    tc_sample s = tc_load("redis-sub", 60831, 6379);
    tc_assess(&s, false, &a);
    assert_string_equal(tc_doc.app_proto, "Redis");
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "redis:message"));
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_FIELD, "channel"), "Foo"));
    tc_all_prefixes(&s);
    tc_free(&s);

    s = tc_load("redis-pub", 60833, 6379); /* inline command PUBLISH Foo "…" */
    tc_assess(&s, true, &a);
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "redis:publish"));
    tc_all_prefixes(&s);
    tc_free(&s);

    s = tc_load("resp", 51882, 6379); /* SET test "…": stored value, not a message */
    tc_assess(&s, true, &a);
    assert_string_equal(tc_doc.app_proto, "Redis");
    assert_false(a.is_message);
    assert_non_null(tc_find_unit(LW_UNIT_FIELD, "value"));
    tc_all_prefixes(&s);
    tc_free(&s);
}

static void test_stomp(void **state)
{
    (void)state;
    message_assessment a;
    tc_sample s = tc_load("stomp", 34732, 61613);
    tc_assess(&s, true, &a);
    assert_string_equal(tc_doc.app_proto, "STOMP");
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "stomp:send"));
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_FIELD, "destination"), "/queue/test"));
    tc_assess(&s, false, &a);
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "stomp:message"));
    tc_all_prefixes(&s);
    tc_free(&s);
}

/* A Kafka v0 produce request with one uncompressed message. */
static void test_kafka_produce(void **state)
{
    (void)state;
    static const uint8_t request[] = {
        0, 0, 0, 75,                      /* size */
        0, 0, 0, 0, 0, 0, 0, 1,           /* api_key 0, version 0, correlation 1 */
        0, 3, 'c', 'l', 'i',              /* client id */
        0, 1, 0, 0, 0x03, 0xe8,           /* acks, timeout */
        0, 0, 0, 1, 0, 4, 'c', 'h', 'a', 't', /* one topic */
        0, 0, 0, 1, 0, 0, 0, 0,           /* one partition: 0 */
        0, 0, 0, 34,                      /* message set size */
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 22, /* offset, message size */
        1, 2, 3, 4, 0, 0,                 /* crc, magic 0, attributes 0 */
        0xff, 0xff, 0xff, 0xff,           /* null key */
        0, 0, 0, 8, 'h', 'i', ' ', 't', 'h', 'e', 'r', 'e'};
    tc_sample s = {.client = (uint8_t *)request, .client_len = sizeof request, .server = (uint8_t *)"",
                   .client_port = 40000, .server_port = 9092};
    message_assessment a;
    tc_assess(&s, true, &a);
    assert_string_equal(tc_doc.app_proto, "Kafka");
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_FIELD, "topic"), "chat"));
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "kafka:value"));
    tc_all_prefixes(&s);
}

/* Three records with 2-byte big-endian lengths (0x0301 … bytes: no other protocol's framing). */
static size_t tc_records(uint8_t *out)
{
    static const uint16_t sizes[] = {0x0301, 0x0305, 0x0310};
    uint32_t x = 12345;
    size_t len = 0;
    for (size_t r = 0; r < LW_ARRAY_LEN(sizes); r++) {
        out[len++] = (uint8_t)(sizes[r] >> 8);
        out[len++] = (uint8_t)sizes[r];
        for (size_t i = 0; i < sizes[r]; i++, x = x * 1103515245u + 12345u)
            out[len++] = (uint8_t)(x >> 16);
    }
    return len;
}

static size_t tc_count_kind(inspect_unit_kind kind)
{
    size_t n = 0;
    for (uint32_t i = 0; i < tc_doc.n_units; i++)
        n += tc_doc.units[i].kind == kind;
    return n;
}

static void test_raw_fallback(void **state)
{
    (void)state;
    static uint8_t records[3 * 0x0310 + 6];
    tc_sample s = {.client = (uint8_t *)"Login: guest\r\nPlan: none yet\r\n", .client_len = 30,
                   .server = records, .client_port = 4000, .server_port = 79};
    s.server_len = tc_records(records);
    message_assessment a;
    tc_assess(&s, true, &a);
    assert_null(tc_doc.app_proto);
    assert_int_equal(tc_count_kind(LW_UNIT_RAW), 2); /* the lines, for signatures … */
    assert_int_equal(tc_doc.units[0].kind, LW_UNIT_RAW);
    assert_int_equal(tc_count_kind(LW_UNIT_TEXT), 2); /* … and as the extractor's lines of text */
    assert_false(a.is_message); /* finger-like text is not a message */
    tc_assess(&s, false, &a);
    assert_null(tc_doc.app_proto);
    assert_int_equal(tc_doc.n_units, 3);
    assert_int_equal(tc_doc.units[2].len, 0x0310);
    assert_false(a.is_message);
    tc_all_prefixes(&s);
}

/* JSON lines on an unknown protocol: each line stays a RAW unit and its values become FIELDs
 * of one record, so a chat line is a message and a status line is not. */
static void test_raw_json_lines(void **state)
{
    (void)state;
    static const char chat[] = "{\"op\":\"say\",\"room\":\"ops\",\"content\":\"the deploy is done, "
                               "please check the dashboards before lunch\"}\n{\"op\":\"ping\"}\n";
    static const char status[] = "{\"op\":\"ok\",\"room\":\"ops\"}\n";
    tc_sample s = {.client = (uint8_t *)chat, .client_len = sizeof chat - 1, .server = (uint8_t *)status,
                   .server_len = sizeof status - 1, .client_port = 43001, .server_port = 31337};
    message_assessment a;
    tc_assess(&s, true, &a);
    assert_null(tc_doc.app_proto);
    assert_int_equal(tc_doc.units[0].kind, LW_UNIT_RAW);
    const inspect_unit *content = tc_find_unit(LW_UNIT_FIELD, "content"), *room = tc_find_unit(LW_UNIT_FIELD, "room");
    assert_non_null(content);
    assert_non_null(room);
    assert_int_equal(content->object_id, room->object_id);
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_FIELD, "op"), "say"));
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "json-key:content"));
    tc_assess(&s, false, &a);
    assert_false(a.is_message);
    tc_all_prefixes(&s);
}

/* Append one masked WebSocket text frame (payload < 126 bytes). */
static size_t tc_ws_frame(uint8_t *out, const char *text)
{
    static const uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
    size_t len = strlen(text), n = 0;
    out[n++] = 0x81;
    out[n++] = (uint8_t)(0x80 | len);
    memcpy(out + n, key, 4);
    n += 4;
    for (size_t i = 0; i < len; i++)
        out[n + i] = (uint8_t)(text[i] ^ key[i & 3]);
    return n + len;
}

/* IRC and XMPP over WebSocket (a command or a stanza a message): the connection's upkeep, the
 * roster and presence are no message; a PRIVMSG's text and a <message>'s <body> are. */
static void test_irc_and_xmpp_over_websocket(void **state)
{
    (void)state;
    static const char *const irc[] = {"CAP LS 302", "NICK ana", "USER ana 0 * :Ana", "CAP END", "JOIN #garden",
                                      "PING :x", "PRIVMSG #garden :who has the spare key to the shed?"};
    static const char *const xmpp[] = {
        "<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"example.org\" version=\"1.0\"/>",
        "<iq type=\"get\" id=\"r1\"><query xmlns=\"jabber:iq:roster\"/></iq>",
        "<presence><show>away</show><status>out for lunch</status></presence>",
        "<message to=\"bo@example.org\" type=\"chat\"><body>the shed key is under the pot</body></message>",
        "<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>"};
    static const char upgrade[] = "GET /chat HTTP/1.1\r\nHost: chat.example.org\r\nUpgrade: websocket\r\n"
                                  "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                  "Sec-WebSocket-Version: 13\r\n\r\n";
    static const char accept[] = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                 "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
    const char *const *sets[] = {irc, xmpp};
    size_t counts[] = {sizeof irc / sizeof irc[0], sizeof xmpp / sizeof xmpp[0]};
    const char *texts[] = {"who has the spare key to the shed?", "the shed key is under the pot"};
    for (int k = 0; k < 2; k++) {
        uint8_t client[2048];
        size_t n = sizeof upgrade - 1;
        memcpy(client, upgrade, n);
        for (size_t i = 0; i < counts[k]; i++)
            n += tc_ws_frame(client + n, sets[k][i]);
        tc_sample s = {.client = client, .client_len = n, .server = (uint8_t *)accept, .server_len = sizeof accept - 1,
                       .client_port = 40000, .server_port = 80};
        message_assessment a;
        tc_assess(&s, true, &a);
        uint32_t messages = 0;
        for (uint32_t i = 0; i < tc_doc.n_units; i++)
            messages += tc_doc.units[i].kind == LW_UNIT_MESSAGE;
        assert_int_equal(messages, 1);
        assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_MESSAGE, k ? "body" : "privmsg"), texts[k]));
        tc_all_prefixes(&s);
    }
}

/* SMS by a modem's AT commands: PDU mode SMS-SUBMITs (GSM 7-bit; UCS-2 with a concatenation
 * header) from the client, a text-mode +CMT from the modem. */
static void test_modem_sms(void **state)
{
    (void)state;
    static const char client[] = "AT\r\nAT+CMGF=0\r\nAT+CMGS=23\r\n"
                                 "0011000B916407281553F80000AA0AE8329BFD4697D9EC37\x1a"
                                 "AT+CMGS=41\r\n0051000B915155898539F50008AA1C050003CE02020068006F006F006C00200068"
                                 "0061006C0065006E003F\x1a";
    static const char modem[] = "AT\r\nOK\r\nAT+CMGF=1\r\nOK\r\n\r\n+CMT: \"+15551234567\",,\"25/07/08,09:12:18+04\"\r\n"
                                "see you at the gate\r\n\r\nAT+CNMA\r\nOK\r\n";
    tc_sample s = {.client = (uint8_t *)client, .client_len = sizeof client - 1, .server = (uint8_t *)modem,
                   .server_len = sizeof modem - 1, .client_port = 40000, .server_port = 2000};
    message_assessment a;
    tc_assess(&s, true, &a);
    assert_string_equal(tc_doc.app_proto, "AT-SMS");
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_MESSAGE, "sms"), "hellohello"));
    uint32_t texts = 0;
    for (uint32_t i = 0; i < tc_doc.n_units; i++)
        texts += tc_doc.units[i].kind == LW_UNIT_MESSAGE && tc_unit_equals(&tc_doc.units[i], "hool halen?");
    assert_int_equal(texts, 1);
    tc_assess(&s, false, &a);
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_MESSAGE, "sms"), "see you at the gate"));
    assert_true(tc_unit_equals(tc_find_unit(LW_UNIT_FIELD, "number"), "+15551234567"));
    tc_all_prefixes(&s);
    /* a send command that is the whole input (no line end, nothing after it): its number is
     * read within the line (under ASan: no read before the input) */
    static const char alone[] = "AT+CMGS=\"+15551234567\"";
    tc_sample cut = {.client = (uint8_t *)alone, .client_len = sizeof alone - 1, .server = (uint8_t *)modem,
                     .server_len = sizeof modem - 1, .client_port = 40000, .server_port = 2000};
    tc_assess(&cut, true, &a);
    assert_null(tc_find_unit(LW_UNIT_MESSAGE, "sms"));
    tc_all_prefixes(&cut);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xmpp_jabber), cmocka_unit_test(test_xmpp_starttls_stops),
        cmocka_unit_test(test_irc),         cmocka_unit_test(test_mqtt),
        cmocka_unit_test(test_redis),       cmocka_unit_test(test_stomp),
        cmocka_unit_test(test_kafka_produce), cmocka_unit_test(test_raw_fallback),
        cmocka_unit_test(test_raw_json_lines), cmocka_unit_test(test_irc_and_xmpp_over_websocket),
        cmocka_unit_test(test_modem_sms),
    };
    return cmocka_run_group_tests(tests, tc_setup, tc_teardown);
}
