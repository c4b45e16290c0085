/* test_eve.c — src/eve.c: the Community ID v1 test vectors of the specification (the tables
 * of baseline/README.md and the TCP/UDP/SCTP/RSVP entries of baseline/baseline_deflt.json in
 * github.com/corelight/community-id-spec, commit c4ec2bc, copied in
 * tests/data/community-id/), both orders of every flow, seed 1, equal addresses (where nDPI
 * 4.2 is wrong), and the app_proto names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../src/eve.h"

static lw_addr addr(const char *text)
{
    lw_cidr c;
    if (!lw_cidr_parse(text, &c))
        fail_msg("bad address %s", text);
    return c.addr;
}

typedef struct vector {
    uint8_t proto;
    const char *saddr, *daddr;
    uint16_t sport, dport, seed;
    const char *id;
} vector;

static const vector vectors[] = {
    /* baseline/README.md, "Default settings" and "A custom seed=1 value" */
    {6, "1.2.3.4", "5.6.7.8", 1122, 3344, 0, "1:wCb3OG7yAFWelaUydu0D+125CLM="},
    {17, "1.2.3.4", "5.6.7.8", 1122, 3344, 0, "1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg="},
    {132, "1.2.3.4", "5.6.7.8", 1122, 3344, 0, "1:EKt4MsxuyaE6mL+hmrEkQ9csDD8="},
    {46, "1.2.3.4", "5.6.7.8", 0, 0, 0, "1:ikv3kmf89luf73WPz1jOs49S768="},
    {46, "fe80:0001:0203:0405:0607:0809:0A0B:0C0D", "fe80:1011:1213:1415:1617:1819:1A1B:1C1D", 0, 0, 0,
     "1:wQ/2mwrnXP4lmJcHdGL5ePjR+e0="},
    {6, "1.2.3.4", "5.6.7.8", 1122, 3344, 1, "1:HhA1B+6CoLbiKPEs5nhNYN4XWfk="},
    {17, "1.2.3.4", "5.6.7.8", 1122, 3344, 1, "1:OShq+iKDAMVouh/4bMxB9Sz4amw="},
    {132, "1.2.3.4", "5.6.7.8", 1122, 3344, 1, "1:uitchpn5MMGAQKBJh7bIr/bAr7s="},
    /* baseline/baseline_deflt.json */
    {6, "2001:470:e5bf:dead:4957:2174:e82c:4887", "2607:f8b0:400c:c03::1a", 63943, 25, 0,
     "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4="},
    {132, "192.168.170.8", "192.168.170.56", 7, 7, 0, "1:MP2EtRCAUIZvTw6MxJHLV7N7JDs="},
    {6, "128.232.110.120", "66.35.250.204", 34855, 80, 0, "1:LQU9qZlK+B5F3KDmev6m5PMibrg="},
    {17, "192.168.1.52", "8.8.8.8", 54585, 53, 0, "1:d/FP5EW3wiY1vCndhwleRRKHowQ="},
    {46, "10.1.12.1", "10.1.12.2", 0, 0, 0, "1:KHlLkgoJW7ifUTyTSgyVfkFHzKw="},
    /* equal addresses: the ports decide (the spec's rule; value from tests/e2e/eve_check.py's
     * independent implementation, which passes every vector above) */
    {6, "127.0.0.1", "127.0.0.1", 1, 256, 0, "1:9G06OuEPcXMmo8FH4s0/L264LPE="},
};

static void test_spec_vectors(void **state)
{
    (void)state;
    char id[EVE_COMMUNITY_ID_LEN];
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        const vector *v = &vectors[i];
        lw_addr s = addr(v->saddr), d = addr(v->daddr);
        eve_community_id(&s, v->sport, &d, v->dport, v->proto, v->seed, id);
        if (strcmp(id, v->id) != 0)
            fail_msg("vector %zu (%s:%u -> %s:%u/%u): got %s, want %s", i, v->saddr, v->sport, v->daddr,
                     v->dport, v->proto, id, v->id);
        eve_community_id(&d, v->dport, &s, v->sport, v->proto, v->seed, id);
        if (strcmp(id, v->id) != 0)
            fail_msg("vector %zu reversed: got %s, want %s", i, id, v->id);
    }
}

static void test_mixed_families_refused(void **state)
{
    (void)state;
    char id[EVE_COMMUNITY_ID_LEN] = "x";
    lw_addr v4 = addr("10.0.0.1"), v6 = addr("2001:db8::1"), none = {0};
    assert_string_equal(eve_community_id(&v4, 1, &v6, 2, 6, 0, id), "");
    assert_string_equal(eve_community_id(&none, 1, &none, 2, 6, 0, id), "");
}

static void test_app_proto_names(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"HTTP", "http"},       {"HTTP.AmazonAWS", "http"}, {"TLS.Google", "tls"},   {"TLS", "tls"},
        {"WebSocket", "websocket"}, {"XMPP", "jabber"},     {"Jabber", "jabber"},    {"IRC", "irc"},
        {"SMTP", "smtp"},       {"POP3", "pop3"},           {"IMAP", "imap"},        {"IMAPS", "tls"},
        {"MQTT", "mqtt"},       {"DNS", "dns"},             {"QUIC.YouTube", "quic"}, {"SSH", "ssh"},
        {"SIP", "sip"},         {"Redis", "redis"},         {"STOMP", "stomp"},      {"NNTP", "nntp"},
        {"WhatsApp", "whatsapp"}, {"Unknown", "unknown"},   {"", "unknown"},         {"FTP_CONTROL", "ftp"},
        {"HTTPS", "https"},     {"DNS.Google", "dns"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(eve_app_proto(cases[i][0], buf, sizeof buf), cases[i][1]);
    assert_string_equal(eve_app_proto(NULL, buf, sizeof buf), "unknown");
    assert_string_equal(eve_app_proto("VeryLongProtocolName", buf, 5), "very");
}

int main(void)
{
    char err[LW_ERRBUF] = "";
    if (eve_init(err, sizeof err) != LW_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_vectors),
        cmocka_unit_test(test_mixed_families_refused),
        cmocka_unit_test(test_app_proto_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
