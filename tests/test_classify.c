/* test_classify.c — nDPI behind classify.h on real captures: IRC, TLS with its SNI, DNS,
 * and the give-up path of a flow nDPI cannot name. Reads Ethernet captures from the real
 * corpus in tests/data/real ($LW_TOP_SRCDIR, else the current directory); a missing one fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/classify.h"

static classify_engine *engine;

static const char *corpus_path(const char *name, char *buf, size_t len)
{
    const char *top = getenv("LW_TOP_SRCDIR");
    snprintf(buf, len, "%s/tests/data/real/%s", top ? top : ".", name);
    return buf;
}

/* Classify the first TCP/UDP flow of an Ethernet capture whose ports include `port` (the
 * first packet's source is the initiator). */
static void classify_capture(const char *name, uint16_t port, classify_result *out, bool *final)
{
    char path[1024], errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(corpus_path(name, path, sizeof path), errbuf);
    if (!p)
        fail_msg("%s: %s", path, errbuf);
    classify_flow *f = classify_flow_new(engine);
    struct pcap_pkthdr *h;
    const u_char *d;
    lw_addr initiator;
    bool have_initiator = false;
    *final = false;
    while (!*final && pcap_next_ex(p, &h, &d) == 1) {
        lw_packet pkt;
        pkt.ts_us = (uint64_t)h->ts.tv_sec * 1000000 + (uint64_t)h->ts.tv_usec;
        if (decode_packet(pcap_datalink(p), d, h->caplen, &pkt) != LW_DECODE_OK || (pkt.sport != port && pkt.dport != port))
            continue;
        if (!have_initiator) {
            initiator = pkt.src;
            have_initiator = true;
        }
        *final = classify_packet(engine, f, &pkt, lw_addr_equal(&pkt.src, &initiator), out);
    }
    if (!*final)
        classify_giveup(engine, f, out);
    classify_flow_free(f);
    pcap_close(p);
}

static void test_irc(void **state)
{
    (void)state;
    classify_result r;
    bool final;
    classify_capture("zeek_irc-basic.pcap", 6667, &r, &final);
    assert_string_equal(r.name, "IRC");
    assert_string_equal(r.category, "Chat");
    assert_false(r.encrypted_proto);
}

static void test_tls_sni(void **state)
{
    (void)state;
    classify_result r;
    bool final;
    classify_capture("ndpi_443-curl.pcap", 443, &r, &final);
    assert_true(final);
    assert_non_null(strstr(r.name, "TLS"));
    assert_string_equal(r.host, "www.ntop.org");
    assert_true(r.encrypted_proto);
}

static void test_dns_query_name(void **state)
{
    (void)state;
    classify_result r;
    bool final;
    classify_capture("ndpi_dns.pcap", 53, &r, &final);
    assert_string_equal(r.name, "DNS.Google"); /* first packet: the response for www.l.google.com */
    assert_true(strlen(r.host) > 0);
}

/* A ClientHello naming "chat.example" (TLS 1.2 record, one cipher, SNI, one more extension). */
static const uint8_t client_hello[] = {
    0x16, 0x03, 0x01, 0x00, 0x48,                   /* handshake record, 72 bytes */
    0x01, 0x00, 0x00, 0x44, 0x03, 0x03,             /* ClientHello, 68 bytes, TLS 1.2 */
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
    31, 32,                                          /* random */
    0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00,        /* no session id, 1 suite, null compression */
    0x00, 0x19,                                      /* extensions, 25 bytes */
    0x00, 0x00, 0x00, 0x11, 0x00, 0x0f, 0x00, 0x00, 0x0c, 'c', 'h', 'a', 't', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e',
    0x00, 0x17, 0x00, 0x00,                          /* extended_master_secret */
};

static lw_packet tcp_payload_packet(const uint8_t *payload, uint32_t len)
{
    static const uint8_t ip_header[40] = {0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6};
    lw_packet p;
    memset(&p, 0, sizeof p);
    p.l3 = ip_header;
    p.l3_len = sizeof ip_header;
    p.l4proto = 6;
    p.payload = payload;
    p.payload_len = len;
    return p;
}

static void test_tls_fast_path(void **state)
{
    (void)state;
    classify_result r;
    classify_flow *f = classify_flow_new(engine);
    lw_packet p = tcp_payload_packet(client_hello, sizeof client_hello);
    assert_true(classify_packet(engine, f, &p, true, &r));
    assert_string_equal(r.name, "TLS");
    assert_string_equal(r.host, "chat.example");
    assert_true(r.encrypted_by_dpi);
    classify_flow_free(f);
}

/* Every cut of the ClientHello, copied to an exact-size buffer (ASan sees any over-read):
 * never final as TLS with a wrong name. */
static void test_tls_fast_path_truncated(void **state)
{
    (void)state;
    for (size_t n = 0; n < sizeof client_hello; n++) {
        uint8_t *copy = malloc(n ? n : 1);
        memcpy(copy, client_hello, n);
        classify_result r;
        classify_flow *f = classify_flow_new(engine);
        lw_packet p = tcp_payload_packet(copy, (uint32_t)n);
        classify_packet(engine, f, &p, true, &r);
        assert_true(r.host[0] == '\0' || strcmp(r.host, "chat.example") == 0);
        classify_flow_free(f);
        free(copy);
    }
}

static void test_proto_names(void **state)
{
    (void)state;
    char buf[48];
    assert_string_equal(classify_proto_name(engine, 7, 0, buf, sizeof buf), "HTTP");
    assert_non_null(classify_library_version());
}

static int setup(void **state)
{
    (void)state;
    char err[256];
    engine = classify_engine_new(err, sizeof err);
    return engine ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    classify_engine_free(engine);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_irc),
        cmocka_unit_test(test_tls_sni),
        cmocka_unit_test(test_dns_query_name),
        cmocka_unit_test(test_tls_fast_path),
        cmocka_unit_test(test_tls_fast_path_truncated),
        cmocka_unit_test(test_proto_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
