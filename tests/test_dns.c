/* test_dns.c — DNS response parsing on real responses taken from the corpus
 * (ndpi_dns.pcap, ndpi_netflix.pcap, ndpi_teams.pcap, ndpi_wechat.pcap: UDP payloads as
 * hex), every prefix and every byte mutation of them, and crafted hostile messages
 * (compression loops, forward pointers, CNAME cycles, oversize names, queries). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../src/common.h"
#include "../src/inspect/dns.h"

/* e7.whatsapp.net: 8 A records, TTL 491 (ndpi_dns.pcap) */
static const char whatsapp_hex[] =
    "784381800001000800000000026537087768617473617070036e65740000010001c00c00010001000001eb0004a92ddbeb"
    "c00c00010001000001eb0004a92f288ec00c00010001000001eb0004a92df879c00c00010001000001eb00046ca8b0ea"
    "c00c00010001000001eb0004a92df8bdc00c00010001000001eb0004a92df8b4c00c00010001000001eb0004a935514f"
    "c00c00010001000001eb0004a92ddbe8";
/* ios.nccp.netflix.com: CNAME (111) → CNAME (363) → 8 AAAA (11) (ndpi_netflix.pcap) */
static const char netflix_hex[] =
    "9a6181800001000a0000000003696f73046e636370076e6574666c697803636f6d00001c0001c00c000500010000006f"
    "000f03696f73046e6363700367656fc015c032000500010000016b001c03696f73046e6363700975732d776573742d32"
    "0670726f646161c015c04d001c00010000000b001026200108700f0000000000003429fe2ac04d001c00010000000b00"
    "1026200108700f000000000000342ad0dbc04d001c00010000000b001026200108700f000000000000342b140bc04d00"
    "1c00010000000b001026200108700f000000000000342b6f3cc04d001c00010000000b001026200108700f0000000000"
    "003429c30fc04d001c00010000000b001026200108700f000000000000342b5b3ac04d001c00010000000b0010262001"
    "08700f000000000000342aa9ecc04d001c00010000000b001026200108700f000000000000342acc57";
/* outlook.office.com: five CNAMEs (53,197,38,38,160) → A 13.107.18.11 (159) (ndpi_teams.pcap) */
static const char outlook_hex[] =
    "974581800001000600000000076f75746c6f6f6b066f666669636503636f6d0000010001c00c0005000100000035000c"
    "09737562737472617465c014c03000050001000000c5001409737562737472617465076d732d61636463c014c0480005"
    "0001000000260008056166642d6bc014c06800050001000000260028126f75746c6f6f6b2d6f66666963652d636f6d06"
    "6b2d30303032086b2d6d7365646765036e657400c07c00050001000000a00002c08fc08f000100010000009f00040d6b"
    "120b";
/* res.wx.qq.com: 4 CNAMEs (3594,46,47,536) → 9 A (140), plus authority and additional
 * sections (ndpi_wechat.pcap) */
static const char wechat_hex[] =
    "30dd81800001000d0002000c0372657302777802717103636f6d0000010001c00c0005000100000e0a000b0572657377"
    "78027463c013c02b000500010000002e000d057265737778047463646ec013c042000500010000002f000603737364c0"
    "31c05b0005000100000218000603737364c048c06d000100010000008c0004cbcd9e22c06d000100010000008c0004cb"
    "cd97d4c06d000100010000008c0004cbcd9e35c06d000100010000008c0004cbcd9e37c06d000100010000008c0004cb"
    "cd97e3c06d000100010000008c0004cbcd9e23c06d000100010000008c0004cbcd9e38c06d000100010000008c0004cb"
    "cd97d3c06d000100010000008c0004cbcd9e36c04800020001000035af000a076e732d63646e31c013c0480002000100"
    "0035af000a076e732d63646e32c013c10f00010001000002a10004b6fe1071c10f00010001000002a10004b869ce7ac1"
    "0f00010001000002a100040e11138cc10f00010001000002a1000467071eeec10f00010001000002a100047b7e7650c1"
    "0f00010001000002a10004b4a3162ec12500010001000002a10004b6fe0b72c12500010001000002a10004b6fe6e64c1"
    "2500010001000002a10004cbcd97f1c12500010001000002a100040e112c5bc12500010001000002a10004705a4964c1"
    "2500010001000002a100047d272de8";

typedef struct seen {
    int n;
    char name[16][256];
    char addr[16][64];
    uint32_t ttl[16];
} seen;

static void collect(const char *qname, const lw_addr *addr, uint32_t ttl, void *user)
{
    seen *s = user;
    if (s->n >= 16)
        fail_msg("too many answers");
    snprintf(s->name[s->n], sizeof s->name[0], "%s", qname);
    lw_addr_format(addr, s->addr[s->n], sizeof s->addr[0]);
    s->ttl[s->n++] = ttl;
}

static void ignore(const char *qname, const lw_addr *addr, uint32_t ttl, void *user)
{
    (void)qname, (void)addr, (void)ttl;
    (*(int *)user)++;
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = strlen(hex) / 2;
    assert_true(n <= cap);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
        out[i] = (uint8_t)v;
    }
    return n;
}

static int parse_hex(const char *hex, seen *s)
{
    uint8_t msg[1024];
    size_t n = unhex(hex, msg, sizeof msg);
    memset(s, 0, sizeof *s);
    return dns_parse_response(msg, n, collect, s);
}

static void test_plain_answers(void **state)
{
    (void)state;
    seen s;
    assert_int_equal(parse_hex(whatsapp_hex, &s), 8);
    assert_string_equal(s.name[0], "e7.whatsapp.net");
    assert_string_equal(s.addr[0], "169.45.219.235");
    assert_string_equal(s.addr[7], "169.45.219.232");
    assert_int_equal(s.ttl[3], 491);
    assert_string_equal(s.addr[3], "108.168.176.234");
}

static void test_cname_chain_reports_asked_name(void **state)
{
    (void)state;
    seen s;
    assert_int_equal(parse_hex(netflix_hex, &s), 8);
    for (int i = 0; i < 8; i++) {
        assert_string_equal(s.name[i], "ios.nccp.netflix.com");
        assert_int_equal(s.ttl[i], 11);
    }
    assert_string_equal(s.addr[0], "2620:108:700f::3429:fe2a");
    assert_string_equal(s.addr[7], "2620:108:700f::342a:cc57");

    assert_int_equal(parse_hex(outlook_hex, &s), 1);
    assert_string_equal(s.name[0], "outlook.office.com");
    assert_string_equal(s.addr[0], "13.107.18.11");
    assert_int_equal(s.ttl[0], 38); /* smallest link of the chain */

    assert_int_equal(parse_hex(wechat_hex, &s), 9); /* additional-section A records are not answers */
    assert_string_equal(s.name[8], "res.wx.qq.com");
    assert_string_equal(s.addr[8], "203.205.158.54");
    assert_int_equal(s.ttl[0], 46);
}

/* A strict prefix of a real response is malformed unless only the authority/additional
 * sections were cut (then all answers are there); every single-byte mutation parses or
 * fails without touching memory outside the message (ASan/UBSan watch). */
static void test_prefixes_and_mutations(void **state)
{
    (void)state;
    const char *samples[] = {whatsapp_hex, netflix_hex, outlook_hex, wechat_hex};
    for (size_t k = 0; k < LW_ARRAY_LEN(samples); k++) {
        uint8_t msg[1024];
        size_t n = unhex(samples[k], msg, sizeof msg);
        int all = 0, whole = dns_parse_response(msg, n, ignore, &all);
        bool extra_sections = msg[8] | msg[9] | msg[10] | msg[11];
        for (size_t cut = 0; cut < n; cut++) {
            uint8_t *copy = malloc(cut ? cut : 1); /* exact size: ASan catches any overread */
            memcpy(copy, msg, cut);
            int count = 0, r = dns_parse_response(copy, cut, ignore, &count);
            free(copy);
            if (r != -1 && !(extra_sections && r == whole))
                fail_msg("sample %zu prefix %zu: %d answers", k, cut, r);
            assert_int_equal(count, r == -1 ? 0 : whole);
        }
        for (size_t i = 0; i < n; i++)
            for (int v = 0; v < 256; v += 5) {
                uint8_t *copy = malloc(n);
                memcpy(copy, msg, n);
                copy[i] = (uint8_t)v;
                int count = 0, r = dns_parse_response(copy, n, ignore, &count);
                assert_true(r == -1 ? count == 0 : r == count);
                free(copy);
            }
    }
}

/* Header: response, 1 question, `an` answers. Question "a.b" A IN at offset 12. */
#define HDR(an) 0x12, 0x34, 0x81, 0x80, 0, 1, 0, an, 0, 0, 0, 0
#define QUESTION_AB 1, 'a', 1, 'b', 0, 0, 1, 0, 1

static int parse_bytes(const uint8_t *msg, size_t n, seen *s)
{
    memset(s, 0, sizeof *s);
    return dns_parse_response(msg, n, collect, s);
}

static void test_compression_loops_refused(void **state)
{
    (void)state;
    seen s;
    const uint8_t self_loop[] = {HDR(0), 0xC0, 12, 0, 1, 0, 1};
    assert_int_equal(parse_bytes(self_loop, sizeof self_loop, &s), -1);
    const uint8_t forward[] = {HDR(0), 0xC0, 14, 1, 'a', 0, 0, 1, 0, 1};
    assert_int_equal(parse_bytes(forward, sizeof forward, &s), -1);
    /* answer name: label 'x' then a pointer back to itself */
    const uint8_t label_loop[] = {HDR(1), QUESTION_AB, 1, 'x', 0xC0, 21, 0, 1, 0, 1, 0, 0, 0, 9, 0, 4, 1, 2, 3, 4};
    assert_int_equal(parse_bytes(label_loop, sizeof label_loop, &s), -1);
    const uint8_t truncated_pointer[] = {HDR(0), 0xC0};
    assert_int_equal(parse_bytes(truncated_pointer, sizeof truncated_pointer, &s), -1);
    const uint8_t extended_label[] = {HDR(0), 0x41, 'a', 0, 0, 1, 0, 1};
    assert_int_equal(parse_bytes(extended_label, sizeof extended_label, &s), -1);
}

static void test_cname_cycle_and_strays(void **state)
{
    (void)state;
    seen s;
    /* a.b CNAME c, c CNAME a.b (cycle), c A 1.2.3.4 TTL 60, stray d A 5.6.7.8 */
    const uint8_t msg[] = {HDR(4), QUESTION_AB,
                           0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 100, 0, 3, 1, 'c', 0,
                           1, 'c', 0, 0, 5, 0, 1, 0, 0, 0, 100, 0, 2, 0xC0, 12,
                           0xC0, 33, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4,
                           1, 'd', 0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 5, 6, 7, 8};
    assert_int_equal(parse_bytes(msg, sizeof msg, &s), 1);
    assert_string_equal(s.name[0], "a.b");
    assert_string_equal(s.addr[0], "1.2.3.4");
    assert_int_equal(s.ttl[0], 60);
}

static void test_rejects(void **state)
{
    (void)state;
    seen s;
    const uint8_t query[] = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, QUESTION_AB};
    assert_int_equal(parse_bytes(query, sizeof query, &s), -1);
    const uint8_t dotted_label[] = {HDR(0), 3, 'a', '.', 'b', 0, 0, 1, 0, 1};
    assert_int_equal(parse_bytes(dotted_label, sizeof dotted_label, &s), -1);
    uint8_t longname[12 + 5 * 52 + 5] = {HDR(0)};
    for (size_t i = 0; i < 52; i++) {
        longname[12 + 5 * i] = 4;
        memcpy(longname + 13 + 5 * i, "abcd", 4);
    }
    assert_int_equal(parse_bytes(longname, sizeof longname, &s), -1); /* 261 bytes on the wire */
    const uint8_t bad_rdlen[] = {HDR(1), QUESTION_AB, 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 9, 1, 2, 3, 4};
    assert_int_equal(parse_bytes(bad_rdlen, sizeof bad_rdlen, &s), -1);
    assert_int_equal(dns_parse_response(NULL, 0, collect, &s), -1);
}

static void test_case_ttl_and_no_question(void **state)
{
    (void)state;
    seen s;
    /* question "A.B"; answer owner "a.b" (pointer), TTL with the top bit set → 0 */
    const uint8_t msg[] = {0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 1, 'A', 1, 'B', 0, 0, 1, 0, 1,
                           1, 'a', 1, 'b', 0, 0, 1, 0, 1, 0x80, 0, 0, 0, 0, 4, 9, 9, 9, 9};
    assert_int_equal(parse_bytes(msg, sizeof msg, &s), 1);
    assert_string_equal(s.name[0], "a.b");
    assert_int_equal(s.ttl[0], 0);
    /* mDNS-style announcement: no question, cache-flush class bit */
    const uint8_t mdns[] = {0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 'p', 'c', 5, 'l', 'o', 'c', 'a', 'l', 0,
                            0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 192, 168, 1, 7};
    assert_int_equal(parse_bytes(mdns, sizeof mdns, &s), 1);
    assert_string_equal(s.name[0], "pc.local");
    assert_string_equal(s.addr[0], "192.168.1.7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_answers),           cmocka_unit_test(test_cname_chain_reports_asked_name),
        cmocka_unit_test(test_prefixes_and_mutations),  cmocka_unit_test(test_compression_loops_refused),
        cmocka_unit_test(test_cname_cycle_and_strays),  cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_case_ttl_and_no_question),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
