/* test_classify.c — nDPI behind classify.h on real captures: IRC, TLS with its SNI, DNS,
 * and the give-up path of a flow nDPI cannot name. Reads Ethernet captures from the
 * shared corpus (LW_CORPUS, default ../shared/corpus/real next to the source tree). */
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
    const char *dir = getenv("LW_CORPUS");
    const char *top = getenv("LW_TOP_SRCDIR");
    if (dir)
        snprintf(buf, len, "%s/%s", dir, name);
    else
        snprintf(buf, len, "%s/../shared/corpus/real/%s", top ? top : ".", name);
    return buf;
}

/* Classify the first TCP/UDP flow of an Ethernet capture whose ports include `port`. */
static void classify_capture(const char *name, uint16_t port, classify_result *out, bool *final)
{
    char path[1024], errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(corpus_path(name, path, sizeof path), errbuf);
    if (!p)
        skip(); /* the shared corpus is not beside this tree (a release tarball) */
    classify_flow *f = classify_flow_new(engine);
    struct pcap_pkthdr *h;
    const u_char *d;
    *final = false;
    while (!*final && pcap_next_ex(p, &h, &d) == 1) {
        if (h->caplen < 14 + 20 || d[12] != 0x08 || d[13] != 0x00)
            continue;
        const uint8_t *ip = d + 14;
        uint32_t ihl = (uint32_t)(ip[0] & 0x0f) * 4;
        if (h->caplen < 14 + ihl + 4 || (ip[9] != 6 && ip[9] != 17))
            continue;
        uint16_t sport = (uint16_t)(ip[ihl] << 8 | ip[ihl + 1]), dport = (uint16_t)(ip[ihl + 2] << 8 | ip[ihl + 3]);
        if (sport != port && dport != port)
            continue;
        uint64_t ms = (uint64_t)h->ts.tv_sec * 1000 + (uint64_t)h->ts.tv_usec / 1000;
        *final = classify_packet(engine, f, ip, h->caplen - 14, ms, ip[9], out);
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
        cmocka_unit_test(test_proto_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
