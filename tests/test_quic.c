/* test_quic.c — the QUIC Initial fast path (src/quic.c and classify.c's use of it): the keys of
 * RFC 9001 A.1 and RFC 9369 A.1, the client Initials of both RFCs' Appendix A.2 (SNI
 * "example.com"), CRYPTO frames out of order, and every truncation and other packet type
 * falling back to nDPI. Packets: tests/data/quic (tests/gen/quic_vectors.py); a missing one fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/classify.h"
#include "../src/quic.h"

#define MAX_PKT 1500

static classify_engine *engine;
static const uint8_t rfc_dcid[8] = {0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08};

static size_t load(const char *name, uint8_t *buf)
{
    const char *top = getenv("LW_TOP_SRCDIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/quic/%s", top ? top : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("%s: cannot open", path);
    size_t n = fread(buf, 1, MAX_PKT, f);
    fclose(f);
    assert_true(n > 0);
    return n;
}

static void unhex(const char *hex, uint8_t *out)
{
    for (size_t i = 0; hex[2 * i]; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

/* Classify one UDP datagram (Ethernet, IPv4, 10.0.0.1:50000 -> 10.0.0.2:443) as a new flow's
 * first packet from its initiator. */
static bool classify_datagram(const uint8_t *payload, size_t len, classify_result *out)
{
    static uint8_t frame[14 + 20 + 8 + MAX_PKT];
    assert_true(len <= MAX_PKT);
    memset(frame, 0, 42);
    frame[12] = 0x08;
    uint8_t *ip = frame + 14, *udp = ip + 20;
    size_t ip_len = 20 + 8 + len;
    ip[0] = 0x45, ip[2] = (uint8_t)(ip_len >> 8), ip[3] = (uint8_t)ip_len, ip[8] = 64, ip[9] = 17;
    ip[12] = 10, ip[15] = 1, ip[16] = 10, ip[19] = 2;
    udp[0] = 50000 >> 8, udp[1] = 50000 & 0xff, udp[3] = 443 & 0xff, udp[2] = 443 >> 8;
    udp[4] = (uint8_t)((8 + len) >> 8), udp[5] = (uint8_t)(8 + len);
    memcpy(udp + 8, payload, len);
    lw_packet pkt;
    assert_int_equal(decode_packet(DLT_EN10MB, frame, (uint32_t)(14 + ip_len), &pkt), LW_DECODE_OK);
    pkt.ts_us = 1000000;
    classify_flow *f = classify_flow_new(engine);
    assert_non_null(f);
    bool final = classify_packet(engine, f, &pkt, true, out);
    classify_flow_free(f);
    return final;
}

static void check_keys(uint32_t version, const char *key, const char *iv, const char *hp)
{
    quic_keys k;
    uint8_t want[16];
    assert_true(quic_client_initial_keys(version, rfc_dcid, sizeof rfc_dcid, &k));
    unhex(key, want);
    assert_memory_equal(k.key, want, 16);
    unhex(iv, want);
    assert_memory_equal(k.iv, want, 12);
    unhex(hp, want);
    assert_memory_equal(k.hp, want, 16);
}

static void test_keys(void **state)
{
    (void)state;
    check_keys(QUIC_V1, "1f369613dd76d5467730efcbe3b1a22d", "fa044b2f42a3fd3b46fb255c",
               "9f50449e04a0e810283a1e9933adedd2");
    check_keys(QUIC_V2, "8b1a0bc121284290a29e0971b5cd045d", "91f73e2351d8fa91660e909f",
               "45b95e15235d6f45a6b19cbcb0294ba9");
}

/* The packet's ClientHello (241 bytes: type 1, length 0xed) and the flow classified from it. */
static void check_example_com(const char *file)
{
    uint8_t pkt[MAX_PKT], crypto[2048];
    size_t n = load(file, pkt);
    assert_int_equal(quic_initial_crypto(pkt, n, crypto, sizeof crypto), 241);
    assert_memory_equal(crypto, "\x01\x00\x00\xed\x03\x03", 6);
    classify_result r;
    assert_true(classify_datagram(pkt, n, &r));
    assert_string_equal(r.host, "example.com");
    assert_string_equal(r.name, "QUIC");
    assert_int_equal(r.app_id, 188); /* NDPI_PROTOCOL_QUIC */
    assert_true(r.encrypted_by_dpi);
}

static void test_rfc9001(void **state)
{
    (void)state;
    check_example_com("rfc9001-a2.bin");
}

static void test_rfc9369(void **state)
{
    (void)state;
    check_example_com("rfc9369-a2.bin");
}

static void test_out_of_order(void **state)
{
    (void)state;
    check_example_com("out-of-order.bin");
}

/* Offset 100..180 missing: only the first 100 bytes are contiguous, and nDPI takes the packet. */
static void test_incomplete(void **state)
{
    (void)state;
    uint8_t pkt[MAX_PKT], crypto[2048];
    size_t n = load("incomplete.bin", pkt);
    assert_int_equal(quic_initial_crypto(pkt, n, crypto, sizeof crypto), 100);
    assert_int_equal(quic_initial_crypto(pkt, n, crypto, 99), 0); /* beyond the buffer: not kept */
    classify_result r;
    classify_datagram(pkt, n, &r);
    assert_string_not_equal(r.host, "example.com");
}

/* Every cut of the datagram: no fast-path result. Every cut with the Length field shrunk to match
 * (decryption and the frame walk then run on a short payload): the ClientHello once it is whole
 * (the tag is not checked), nothing before. */
static void test_truncations(void **state)
{
    (void)state;
    uint8_t pkt[MAX_PKT], cut[MAX_PKT], crypto[2048];
    size_t n = load("rfc9001-a2.bin", pkt);
    for (size_t len = 0; len < n; len++) {
        memcpy(cut, pkt, len);
        assert_int_equal(quic_initial_crypto(cut, len, crypto, sizeof crypto), 0);
        classify_result r;
        classify_datagram(cut, len, &r);
        assert_string_not_equal(r.host, "example.com");
        if (len >= 18) { /* header 18, packet number 4, CRYPTO frame 4 + 241, tag 16 */
            cut[16] = (uint8_t)(0x40 | (len - 18) >> 8), cut[17] = (uint8_t)(len - 18);
            size_t got = quic_initial_crypto(cut, len, crypto, sizeof crypto);
            assert_int_equal(got, len >= 18 + 4 + 245 + 16 ? 241 : 0);
        }
    }
}

/* 0-RTT, Handshake, Retry, a short header, v2's Retry type bits, another version: not Initials. */
static void test_other_packets(void **state)
{
    (void)state;
    uint8_t v1[MAX_PKT], v2[MAX_PKT], pkt[MAX_PKT], crypto[2048];
    size_t n1 = load("rfc9001-a2.bin", v1), n2 = load("rfc9369-a2.bin", v2);
    const struct {
        const uint8_t *base;
        size_t len, at;
        uint8_t value;
    } cases[] = {
        {v1, n1, 0, 0xd0}, {v1, n1, 0, 0xe0}, {v1, n1, 0, 0xf0}, {v1, n1, 0, 0x40}, {v1, n1, 0, 0x80},
        {v2, n2, 0, 0xc7}, {v2, n2, 0, 0xe7}, {v1, n1, 4, 0x02}, {v2, n2, 4, 0xce},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memcpy(pkt, cases[i].base, cases[i].len);
        pkt[cases[i].at] = cases[i].value;
        assert_int_equal(quic_initial_crypto(pkt, cases[i].len, crypto, sizeof crypto), 0);
        classify_result r;
        classify_datagram(pkt, cases[i].len, &r);
        assert_string_not_equal(r.host, "example.com");
    }
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
        cmocka_unit_test(test_keys),           cmocka_unit_test(test_rfc9001),    cmocka_unit_test(test_rfc9369),
        cmocka_unit_test(test_out_of_order),   cmocka_unit_test(test_incomplete), cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_other_packets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
