/* test_message.c — message_text_score and message_assess on hand-built units: chat lines
 * in several scripts, short protocol messages, JSON chat objects, and the traps (web pages,
 * telemetry, code, blobs, help links, feeds, logs, string documents), keys naming a party of a
 * conversation. Asserts decisions, labels, verdicts and the SHA-256; never prints text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#include "inspect/message.h"

static inspect_doc tm_doc;

static void tm_reset(void)
{
    memset(&tm_doc, 0, sizeof tm_doc);
}

static void tm_unit(inspect_unit_kind kind, const char *proto, const char *field, const char *text, uint8_t layers,
                    uint16_t object_id)
{
    inspect_unit *u = &tm_doc.units[tm_doc.n_units++];
    u->kind = (uint8_t)kind;
    u->proto = proto;
    snprintf(u->field, sizeof u->field, "%s", field);
    u->data = (const uint8_t *)text;
    u->len = (uint32_t)strlen(text);
    u->layers = layers;
    u->object_id = object_id;
}

static float tm_score(const char *text)
{
    return message_text_score((const uint8_t *)text, strlen(text));
}

static bool tm_has_label(const message_assessment *a, const char *label)
{
    for (uint32_t i = 0; i < a->n_matched; i++)
        if (strcmp(a->matched[i], label) == 0)
            return true;
    return false;
}

static void test_text_score_scripts(void **state)
{
    (void)state;
    static const char *const human[] = {
        "Hi Bob, the meeting moved to 3pm tomorrow. Can you bring the slides?",
        "Привет! Встреча перенесена на завтра, не забудь презентацию.",
        "明天下午三点开会，请带上你的幻灯片。",
        "مرحبا، تم نقل الاجتماع إلى الغد، لا تنس العرض",
        "Γεια σου, η συνάντηση μετακινήθηκε για αύριο.",
        "שלום, הפגישה עברה למחר בשלוש",
        "会議は明日の午後三時に変更になりました。",
        "내일 오후 세 시에 회의가 있어요",
        "see you soon 😀🎉",
        "hey",
        "test",
        "Hello MQTT",
    };
    for (size_t i = 0; i < LW_ARRAY_LEN(human); i++)
        assert_true(tm_score(human[i]) >= 0.6f);
}

static void test_text_score_machine_data(void **state)
{
    (void)state;
    static const char *const machine[] = {
        "<html><head><title>Welcome</title></head><body><p>Hello world</p></body></html>",
        "int main(void) { for (i = 0; i < n; i++) { x[i] = y[i] * 2; } return 0; }",
        "SGVsbG8gd29ybGQsIGhvdyBhcmUgeW91IGRvaW5nPw0KVGhpcyBpcyBhIHRlc3Q=",
        "3f2a9c7d1e4b8a6f0c5d2e9b7a4c1f8e",
        "level=info ts=2024-05-01T10:00:00Z msg=started component=api",
        "{\"uptime\":123,\"ip\":\"10.0.0.1\"}",
        "https://www.example.com/path/to/page?id=123&ref=abc",
        "2024-05-01 10:00:01 192.168.1.10 GET /index.html 200 5123",
        "12345 67890 3.14159",
        "mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { id createdAt } }",
    };
    for (size_t i = 0; i < LW_ARRAY_LEN(machine); i++)
        assert_true(tm_score(machine[i]) < 0.35f);
    /* one brand-cased word (YouTube, McDonald's, iPhone) does not make a sentence code */
    assert_true(tm_score("I watched it on YouTube at McDonald's with my iPhone") > 0.6f);
    /* invalid UTF-8 is not text, and never crashes */
    const uint8_t junk[] = {0xff, 0xfe, 0xc0, 0x80, 'a', 0xe2, 0x82, 'b', 0xf5, 0x80, 0x80, 0x80};
    assert_true(message_text_score(junk, sizeof junk) < 0.1f);
    assert_true(message_text_score(junk, 0) == 0);
}

static void test_protocol_messages(void **state)
{
    (void)state;
    message_assessment a;
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "irc", "nick", "alice", 0, 0);
    tm_unit(LW_UNIT_MESSAGE, "irc", "privmsg", "hey", 0, 0);
    tm_unit(LW_UNIT_MESSAGE, "mqtt", "publish", "Hello MQTT", 0, 0);
    message_assess(&tm_doc, &a);
    assert_true(a.is_message);
    assert_true(tm_has_label(&a, "irc:privmsg"));
    assert_true(tm_has_label(&a, "mqtt:publish"));
    assert_int_equal(a.n_text_units, 2);
    assert_int_equal(a.text_units[0], 1);
    assert_int_equal(a.text_length, 3 + 10);
    assert_int_equal(a.verdict, LW_VERDICT_PLAINTEXT);
    uint8_t expect[32];
    crypto_hash_sha256(expect, (const uint8_t *)"heyHello MQTT", 13);
    assert_memory_equal(a.sha256, expect, 32);
    assert_string_equal(a.fields[0], "privmsg");
}

static void test_protocol_machine_payloads(void **state)
{
    (void)state;
    message_assessment a;
    tm_reset();
    tm_unit(LW_UNIT_MESSAGE, "mqtt", "publish", "{\"uptime\":123,\"ip\":\"10.0.0.1\"}", 0, 0);
    tm_unit(LW_UNIT_MESSAGE, "mqtt", "publish", "OK", 0, 0);
    tm_unit(LW_UNIT_MESSAGE, "mqtt", "publish", "23.5", 0, 0);
    tm_unit(LW_UNIT_MESSAGE, "redis", "message", "1714557600", 0, 0);
    tm_unit(LW_UNIT_BODY, "http", "", "<html><body><h1>Moved</h1>The document has moved here.</body></html>", 0, 0);
    tm_unit(LW_UNIT_RAW, "raw", "", "Plan: working on the new release, back next week.", 0, 0);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
    assert_int_equal(a.n_matched, 0);
    assert_int_equal(a.text_length, 0);
}

static void test_json_chat_structure(void **state)
{
    (void)state;
    message_assessment a;
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "from", "user_4711", 0, 1);
    tm_unit(LW_UNIT_FIELD, "http", "b", "can you call me back after lunch?", LW_LAYER_GZIP, 1);
    tm_unit(LW_UNIT_FIELD, "http", "t", "1714557600123", 0, 1);
    message_assess(&tm_doc, &a);
    assert_true(a.is_message);
    assert_true(tm_has_label(&a, "json-key:b"));
    assert_true(tm_has_label(&a, "natural-language"));
    assert_int_equal(a.verdict, LW_VERDICT_COMPRESSED);
    assert_string_equal(a.fields[0], "b");

    /* the same text with no person/time sibling is not a message */
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "b", "can you call me back after lunch?", 0, 1);
    tm_unit(LW_UNIT_FIELD, "http", "kind", "note", 0, 1);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
}

/* Keys that name a party or place of a conversation (or a chat verb) are evidence too:
 * {"op":"say","room":"ops","content":…}, a form say=Hi&to=<text>. */
static void test_party_keys(void **state)
{
    (void)state;
    message_assessment a;
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "raw", "op", "say", 0, 1);
    tm_unit(LW_UNIT_FIELD, "raw", "roomId", "ops", 0, 1);
    tm_unit(LW_UNIT_FIELD, "raw", "content", "the deploy is done, please check the dashboards", 0, 1);
    message_assess(&tm_doc, &a);
    assert_true(a.is_message);
    assert_true(tm_has_label(&a, "json-key:content"));
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "say", "Hi", LW_LAYER_URLENC, 2);
    tm_unit(LW_UNIT_FIELD, "http", "to", "Hi Lorem ipsum dolor sit amet, consetetur sadipscing elitr", LW_LAYER_URLENC, 2);
    message_assess(&tm_doc, &a);
    assert_true(a.is_message);
    assert_string_equal(a.fields[0], "to");
    /* a key merely containing a stem is not one: "status", "tooltip" */
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "status", "ready", 0, 3);
    tm_unit(LW_UNIT_FIELD, "http", "tooltip", "Click here to save your changes", 0, 3);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
    /* a request id looks like a user id but names no sender: an API error is not a message */
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "message", "You have sent too many requests, please slow down", 0, 4);
    tm_unit(LW_UNIT_FIELD, "http", "request_id", "req_8f2a91c3b7", 0, 4);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
    tm_reset(); /* the same shape under a sender's key is */
    tm_unit(LW_UNIT_FIELD, "http", "message", "You have sent too many requests, please slow down", 0, 4);
    tm_unit(LW_UNIT_FIELD, "http", "from_id", "u8f2a91c3b7", 0, 4);
    message_assess(&tm_doc, &a);
    assert_true(a.is_message);
}

/* Log records (a level sibling), documents of strings (prose under many distinct keys) and
 * metadata keys are not messages even beside a timestamp; a list repeating one key is. */
static void test_logs_and_string_documents(void **state)
{
    (void)state;
    static const char *const keys[] = {"unsaved", "confirm", "welcome", "empty", "offline"};
    message_assessment a;
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "ts", "2025-05-04T10:03:00Z", 0, 1);
    tm_unit(LW_UNIT_FIELD, "http", "level", "info", 0, 1);
    tm_unit(LW_UNIT_FIELD, "http", "message", "processed batch 3 in 23 ms, 103 items, 0 errors", 0, 1);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "updated", "2025-05-04T10:03:00Z", 0, 1);
    for (size_t i = 0; i < 5; i++)
        tm_unit(LW_UNIT_FIELD, "http", keys[i], "You have unsaved changes, save them before closing?", 0, 1);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "updated", "2025-05-04T10:03:00Z", 0, 1);
    for (size_t i = 0; i < 5; i++)
        tm_unit(LW_UNIT_FIELD, "http", "text", "see you at the station at nine", 0, 1);
    message_assess(&tm_doc, &a);
    assert_true(a.is_message);
    /* descriptive metadata and search terms beside a party and a time: not messages */
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "notify_email", "ops@example.org", 0, 2);
    tm_unit(LW_UNIT_FIELD, "http", "jobDescription", "Sends the nightly digest of failed backups to the team", 0, 2);
    tm_unit(LW_UNIT_FIELD, "http", "search_query", "cheap flights to lisbon in may", 0, 2);
    tm_unit(LW_UNIT_FIELD, "http", "updated", "2025-05-04T10:03:00Z", 0, 2);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
}

static void test_traps(void **state)
{
    (void)state;
    message_assessment a;
    /* telemetry: {"s":204,"success_msg":"Update not pushed for area."} */
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "s", "204", 0, 1);
    tm_unit(LW_UNIT_FIELD, "http", "success_msg", "Update not pushed for area.", 0, 1);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
    /* Jupyter kernel_info_reply: help links beside a header with user and date */
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "websocket", "username", "user1", 0, 1);
    tm_unit(LW_UNIT_FIELD, "websocket", "date", "2020-01-14T19:23:45.123456Z", 0, 1);
    tm_unit(LW_UNIT_FIELD, "websocket", "msg_type", "kernel_info_reply", 0, 1);
    tm_unit(LW_UNIT_FIELD, "websocket", "text", "Python Reference", 0, 2);
    tm_unit(LW_UNIT_FIELD, "websocket", "url", "https://docs.python.org/3.7", 0, 2);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
    /* XML promo feed item: title next to a link and a date */
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "title", "Big summer sale, everything must go", 0, 3);
    tm_unit(LW_UNIT_FIELD, "http", "link", "http://shop.example.com/sale", 0, 3);
    tm_unit(LW_UNIT_FIELD, "http", "pubDate", "2024-05-01T10:00:00Z", 0, 3);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
    /* Suricata EVE fields beside a timestamp: machine text */
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "raw", "timestamp", "2019-02-27T10:12:33.123456+0000", 0, 4);
    tm_unit(LW_UNIT_FIELD, "raw", "event_type", "alert", 0, 4);
    tm_unit(LW_UNIT_FIELD, "raw", "src_ip", "10.0.0.1", 0, 4);
    tm_unit(LW_UNIT_FIELD, "raw", "http_user_agent", "curl/7.58.0", 0, 4);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
    /* base64 blob and code as protocol messages */
    tm_reset();
    tm_unit(LW_UNIT_MESSAGE, "stomp", "send", "SGVsbG8gd29ybGQsIGhvdyBhcmUgeW91IGRvaW5nPw0KVGhpcyBpcyBhIHRlc3Q=", 0, 0);
    tm_unit(LW_UNIT_MESSAGE, "stomp", "send", "function f(a){return a&&b||c;}", 0, 0);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message);
}

static void test_mail(void **state)
{
    (void)state;
    message_assessment a;
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "smtp", "From", "alice@example.com", 0, 1);
    tm_unit(LW_UNIT_FIELD, "smtp", "Subject", "lunch", 0, 1);
    message_assess(&tm_doc, &a);
    assert_false(a.is_message); /* headers alone (IMAP header fetch) are not a message */
    tm_unit(LW_UNIT_MESSAGE, "smtp", "body",
            "<html><body><p>Dear Bob,</p><p>please find the invoice attached.&nbsp;Regards</p></body></html>",
            LW_LAYER_QP, 1);
    tm_unit(LW_UNIT_MESSAGE, "smtp", "body", "UEsDBBQAAAAIAJqKqVBNdW5kYXRhLmRvY3hQSwUGAAAAAAEAAQA3AAAAVwAAAAAA",
            0, 1);
    message_assess(&tm_doc, &a);
    assert_true(a.is_message);
    assert_true(tm_has_label(&a, "mail:body"));
    assert_true(tm_has_label(&a, "mail:headers"));
    assert_int_equal(a.n_text_units, 1);
    assert_int_equal(a.text_units[0], 2);
    assert_int_equal(a.verdict, LW_VERDICT_PLAINTEXT); /* QP is readable on the wire */
}

static void test_layer_verdicts(void **state)
{
    (void)state;
    message_assessment a;
    tm_reset();
    tm_unit(LW_UNIT_MESSAGE, "websocket", "text", "are you coming tonight?", LW_LAYER_WS_MASK, 0);
    message_assess(&tm_doc, &a);
    assert_int_equal(a.verdict, LW_VERDICT_ENCODED);
    tm_reset();
    tm_unit(LW_UNIT_MESSAGE, "smtp", "body", "are you coming tonight?", LW_LAYER_BASE64, 0);
    message_assess(&tm_doc, &a);
    assert_int_equal(a.verdict, LW_VERDICT_ENCODED);
    tm_reset();
    tm_unit(LW_UNIT_MESSAGE, "http", "body", "are you coming tonight?", LW_LAYER_CHUNKED | LW_LAYER_URLENC, 0);
    message_assess(&tm_doc, &a);
    assert_int_equal(a.verdict, LW_VERDICT_PLAINTEXT);
    message_assess(NULL, &a);
    assert_false(a.is_message);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_score_scripts),   cmocka_unit_test(test_text_score_machine_data),
        cmocka_unit_test(test_protocol_messages),    cmocka_unit_test(test_protocol_machine_payloads),
        cmocka_unit_test(test_json_chat_structure),  cmocka_unit_test(test_traps),
        cmocka_unit_test(test_party_keys),           cmocka_unit_test(test_logs_and_string_documents),
        cmocka_unit_test(test_mail),                 cmocka_unit_test(test_layer_verdicts),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
