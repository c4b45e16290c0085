/* test_mail.c — the SMTP, POP3, IMAP and NNTP decoders and the MIME parser on real bytes from
 * the corpus (tests/data/protocols/<name>.c = the initiator's bytes, .s = the responder's) and
 * on built mails (multipart, base64, quoted-printable, KOI8-R, attachments), run through
 * inspect_run and message_assess. Every prefix of every capture sample is decoded too (under
 * ASan: no crash, no overread). Never prints message text. */
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

/* Every prefix of both directions: must not crash or read out of bounds. */
static void tc_all_prefixes(const tc_sample *s)
{
    for (size_t n = 0; n <= s->client_len; n++)
        tc_run(s, true, n);
    for (size_t n = 0; n <= s->server_len; n++)
        tc_run(s, false, n);
}

static size_t tc_count(inspect_unit_kind kind, const char *field)
{
    size_t n = 0;
    for (uint32_t i = 0; i < tc_doc.n_units; i++)
        n += tc_doc.units[i].kind == kind && strcmp(tc_doc.units[i].field, field) == 0;
    return n;
}

static void test_smtp(void **state)
{
    (void)state;
    message_assessment a;
    tc_sample s = tc_load("smtp", 2127, 25);
    tc_assess(&s, true, &a);
    assert_string_equal(tc_doc.app_proto, "SMTP");
    assert_true(a.is_message);
    assert_true(tc_has_label(&a, "mail:body"));
    assert_non_null(tc_find_unit(LW_UNIT_FIELD, "Subject"));
    tc_assess(&s, false, &a); /* replies carry no mail */
    assert_false(a.is_message);
    assert_int_equal(tc_doc.n_units, 0);
    tc_all_prefixes(&s);
    tc_free(&s);
}

static void test_smtp_emotet_qp_html_and_attachment(void **state)
{
    (void)state;
    message_assessment a;
    tc_sample s = tc_load("emotet", 57309, 587);
    tc_assess(&s, true, &a);
    assert_string_equal(tc_doc.app_proto, "SMTP");
    assert_true(a.is_message);
    assert_int_equal(tc_count(LW_UNIT_MESSAGE, "body"), 1); /* the xlsm attachment is not text */
    const inspect_unit *body = tc_find_unit(LW_UNIT_MESSAGE, "body");
    assert_int_equal(body->layers, LW_LAYER_QP);
    assert_non_null(memmem(body->data, body->len, "<html", 5));
    assert_null(memmem(body->data, body->len, "=3D", 3)); /* QP removed */
    assert_int_equal(a.verdict, LW_VERDICT_PLAINTEXT);
    tc_all_prefixes(&s);
    tc_free(&s);
}

static void test_smtp_starttls_stops(void **state)
{
    (void)state;
    message_assessment a;
    tc_sample s = tc_load("smtp-starttls", 54170, 25);
    for (int dir = 0; dir < 2; dir++) {
        tc_assess(&s, dir == 0, &a);
        assert_string_equal(tc_doc.app_proto, "SMTP");
        assert_int_equal(tc_doc.n_units, 0);
        assert_false(a.is_message);
    }
    tc_all_prefixes(&s);
    tc_free(&s);
}

static void test_pop3(void **state)
{
    (void)state;
    message_assessment a;
    tc_sample s = tc_load("pop3", 35287, 110);
    tc_assess(&s, false, &a);
    assert_string_equal(tc_doc.app_proto, "POP3");
    assert_true(a.is_message);
    assert_int_equal(tc_count(LW_UNIT_MESSAGE, "body"), 1); /* RETR 2; LIST and UIDL skipped */
    tc_assess(&s, true, &a); /* USER/PASS are never text */
    assert_false(a.is_message);
    tc_all_prefixes(&s);
    tc_free(&s);
}

static void test_imap(void **state)
{
    (void)state;
    message_assessment a;
    tc_sample s = tc_load("imap-sv", 4167, 143);
    tc_assess(&s, false, &a);
    assert_string_equal(tc_doc.app_proto, "IMAP");
    assert_true(a.is_message);
    assert_int_equal(tc_count(LW_UNIT_MESSAGE, "body"), 1); /* FETCH 12 RFC822; the rest are headers */
    assert_true(tc_count(LW_UNIT_FIELD, "Subject") > 10);
    tc_all_prefixes(&s);
    tc_free(&s);

    s = tc_load("ndpi-imap", 46045, 143); /* BODY.PEEK[HEADER] only */
    tc_assess(&s, false, &a);
    assert_string_equal(tc_doc.app_proto, "IMAP");
    assert_false(a.is_message);
    assert_int_equal(tc_count(LW_UNIT_MESSAGE, "body"), 0);
    assert_non_null(tc_find_unit(LW_UNIT_FIELD, "From"));
    tc_all_prefixes(&s);
    tc_free(&s);
}

/* A built multipart mail over SMTP: KOI8-R text, base64 UTF-8 text, an attachment, BDAT. */
static void test_mime_charsets_and_bdat(void **state)
{
    (void)state;
    static const char smtp[] =
        "EHLO a.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n"
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: hi\r\n"
        "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\npreamble\r\n--XX\r\n"
        "Content-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        "\xf0\xd2\xc9\xd7\xc5\xd4, \xcb\xc1\xcb \xc4\xc5\xcc\xc1?\r\n"
        "--XX\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        "0J/RgNC40LLQtdGCLCDQutCw0Log0LTQtdC70LA/\r\n"
        "--XX\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        "JVBERi0xLjQK\r\n--XX--\r\n.\r\n"
        "BDAT 43 LAST\r\nSubject: second\r\n\r\nsee you at the station\r\n"
        "QUIT\r\n";
    tc_sample s = {.client = (uint8_t *)smtp, .client_len = sizeof smtp - 1, .server = (uint8_t *)"220 mx ESMTP\r\n",
                   .server_len = 14, .client_port = 40000, .server_port = 25};
    message_assessment a;
    tc_assess(&s, true, &a);
    assert_string_equal(tc_doc.app_proto, "SMTP");
    assert_int_equal(tc_count(LW_UNIT_MESSAGE, "body"), 3);
    /* KOI8-R converted: the same UTF-8 as the base64 part's first word */
    const inspect_unit *koi = tc_find_unit(LW_UNIT_MESSAGE, "body");
    assert_memory_equal(koi->data, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82", 12);
    assert_int_equal(tc_doc.units[tc_doc.n_units - 1].len, 24);
    assert_true(a.is_message);
    assert_int_equal(a.verdict, LW_VERDICT_ENCODED); /* one part was base64 on the wire */
    tc_all_prefixes(&s);
}

/* A sender that declares itself a program writes no person's message: Auto-Submitted:
 * auto-generated is no alert; the same mail auto-forwarded (archive journaling) still is. */
static void test_auto_submitted(void **state)
{
    (void)state;
    static const char head[] = "EHLO a.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n"
                               "From: Anna <a@example.org>\r\nTo: b@example.org\r\nSubject: tonight\r\nAuto-Submitted: ";
    static const char tail[] = "\r\n\r\nhey, are we still on for dinner tonight? I can bring the wine :)\r\n.\r\nQUIT\r\n";
    static const char *const kinds[] = {"auto-generated", "auto-replied", "auto-forwarded", "no"};
    for (size_t k = 0; k < 4; k++) {
        char smtp[512];
        int n = snprintf(smtp, sizeof smtp, "%s%s%s", head, kinds[k], tail);
        tc_sample s = {.client = (uint8_t *)smtp, .client_len = (size_t)n, .server = (uint8_t *)"220 mx ESMTP\r\n",
                       .server_len = 14, .client_port = 40000, .server_port = 25};
        message_assessment a;
        tc_assess(&s, true, &a);
        assert_int_equal(tc_count(LW_UNIT_MESSAGE, "body"), 1);
        assert_int_equal(a.is_message, k >= 2);
    }
}

static void test_nntp(void **state)
{
    (void)state;
    static const char server[] = "200 news.example.org NNTP ready\r\n215 list follows\r\nalt.test 2 1 y\r\n.\r\n"
                                 "220 1 <x@y> article\r\nFrom: a@example.org\r\nNewsgroups: alt.test\r\n"
                                 "Subject: hello\r\n\r\n..leading dot kept once, and the meeting is at noon\r\n.\r\n"
                                 "221 2 <z@y> head\r\nFrom: c@example.org\r\nSubject: headers only\r\n.\r\n";
    static const char client[] = "MODE READER\r\nLIST\r\nARTICLE 1\r\nHEAD 2\r\nQUIT\r\n";
    tc_sample s = {.client = (uint8_t *)client, .client_len = sizeof client - 1, .server = (uint8_t *)server,
                   .server_len = sizeof server - 1, .client_port = 40000, .server_port = 119};
    message_assessment a;
    tc_assess(&s, false, &a);
    assert_string_equal(tc_doc.app_proto, "NNTP");
    assert_int_equal(tc_count(LW_UNIT_MESSAGE, "body"), 1);
    assert_int_equal(tc_count(LW_UNIT_FIELD, "Subject"), 2);
    const inspect_unit *body = tc_find_unit(LW_UNIT_MESSAGE, "body");
    assert_int_equal(body->data[0], '.');
    assert_int_not_equal(body->data[1], '.');
    assert_true(a.is_message);
    tc_all_prefixes(&s);
}

/* AUTH's "+ " challenge is answered by a SASL line that is no command: the RETR after it is
 * still matched to its reply (RFC 5034). */
static void test_pop3_sasl_then_retr(void **state)
{
    (void)state;
    static const char client[] = "CAPA\r\nAUTH PLAIN\r\nAHJhZmkAc2VjcmV0\r\nSTAT\r\nRETR 1\r\nQUIT\r\n";
    static const char server[] = "+OK ready\r\n+OK\r\nSASL PLAIN\r\n.\r\n+ \r\n+OK Logged in.\r\n+OK 1 120\r\n"
                                 "+OK 120 octets\r\nFrom: a@example.org\r\nSubject: saturday\r\n\r\n"
                                 "are you coming to the market on saturday? bring the big basket\r\n.\r\n+OK bye\r\n";
    tc_sample s = {.client = (uint8_t *)client, .client_len = sizeof client - 1, .server = (uint8_t *)server,
                   .server_len = sizeof server - 1, .client_port = 40000, .server_port = 110};
    message_assessment a;
    tc_assess(&s, false, &a);
    assert_string_equal(tc_doc.app_proto, "POP3");
    assert_int_equal(tc_count(LW_UNIT_MESSAGE, "body"), 1);
    assert_non_null(tc_find_unit(LW_UNIT_FIELD, "Subject"));
    tc_all_prefixes(&s);
}

/* RFC 3516: BINARY[1] comes back as a literal8 "~{n}", the decoded body part. */
static void test_imap_binary_literal8(void **state)
{
    (void)state;
    static const char client[] = "A1 LOGIN u p\r\nA2 SELECT INBOX\r\nA3 UID FETCH 7 (BINARY.PEEK[1])\r\nA4 LOGOUT\r\n";
    static const char server[] = "* OK ready\r\nA1 OK\r\nA2 OK\r\n* 1 FETCH (UID 7 BINARY[1] ~{44}\r\n"
                                 "the dentist moved us to four, is that fine?\n)\r\nA3 OK\r\n* BYE\r\nA4 OK\r\n";
    tc_sample s = {.client = (uint8_t *)client, .client_len = sizeof client - 1, .server = (uint8_t *)server,
                   .server_len = sizeof server - 1, .client_port = 40000, .server_port = 143};
    message_assessment a;
    tc_assess(&s, false, &a);
    assert_string_equal(tc_doc.app_proto, "IMAP");
    const inspect_unit *body = tc_find_unit(LW_UNIT_MESSAGE, "body");
    assert_non_null(body);
    assert_int_equal(body->len, 44);
    tc_all_prefixes(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_smtp),  cmocka_unit_test(test_smtp_emotet_qp_html_and_attachment),
        cmocka_unit_test(test_smtp_starttls_stops), cmocka_unit_test(test_pop3),
        cmocka_unit_test(test_pop3_sasl_then_retr), cmocka_unit_test(test_imap_binary_literal8),
        cmocka_unit_test(test_imap),  cmocka_unit_test(test_mime_charsets_and_bdat),
        cmocka_unit_test(test_nntp),  cmocka_unit_test(test_auto_submitted),
    };
    return cmocka_run_group_tests(tests, tc_setup, tc_teardown);
}
