/* test_decode.c — decode_packet on real frames from the corpus (every link type it holds,
 * pcap and pcapng, read with libpcap), on crafted frames for what the corpus lacks (QinQ, SLL2,
 * IPv6 extension headers, fragments, malformed headers), on every truncation of every crafted
 * frame, and on random and mutated garbage (run it under ASan: the copies are exact-size heap
 * blocks so any over-read is caught).
 * The corpus is tests/data/real under $LW_TOP_SRCDIR (else the current directory); a missing
 * file fails the test that needs it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "decode.h"

#define TEST_MAX_FRAME 512

/* ---- corpus frames ---- */

static const char *test_path(char *buf, size_t len, const char *env_dir, const char *suffix, const char *name)
{
    snprintf(buf, len, "%s%s/%s", env_dir, suffix, name);
    return buf;
}

/* Path of a file of the real corpus (tests/data/real). */
static const char *test_corpus_file(const char *name, char *buf, size_t len)
{
    const char *top = getenv("LW_TOP_SRCDIR");
    return test_path(buf, len, top ? top : ".", "/tests/data/real", name);
}

static const char *test_data_file(const char *name, char *buf, size_t len)
{
    const char *top = getenv("LW_TOP_SRCDIR");
    return test_path(buf, len, top ? top : ".", "/tests/data/decode", name);
}

typedef struct test_frame {
    int linktype;
    uint32_t len;
    uint8_t *bytes; /* exact-size heap copy */
} test_frame;

/* Frame `number` (1-based, as tshark counts) of a corpus capture. */
static test_frame test_corpus_frame(const char *name, int number)
{
    char path[1024], err[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(test_corpus_file(name, path, sizeof path), err);
    if (!p)
        fail_msg("%s: %s", path, err);
    test_frame f = {.linktype = pcap_datalink(p)};
    struct pcap_pkthdr *h;
    const u_char *d;
    for (int n = 1; pcap_next_ex(p, &h, &d) == 1; n++) {
        if (n == number) {
            f.len = h->caplen;
            f.bytes = malloc(f.len ? f.len : 1);
            memcpy(f.bytes, d, f.len);
            break;
        }
    }
    pcap_close(p);
    assert_non_null(f.bytes);
    return f;
}

static lw_decode_status test_decode_frame(const test_frame *f, lw_packet *out)
{
    return decode_packet(f->linktype, f->bytes, f->len, out);
}

static void test_expect_addr(const lw_addr *a, const char *text)
{
    char buf[64];
    assert_string_equal(lw_addr_format(a, buf, sizeof buf), text);
}

static void test_expect_flow(const lw_packet *p, const char *src, uint16_t sport, const char *dst, uint16_t dport,
                             uint8_t proto)
{
    test_expect_addr(&p->src, src);
    test_expect_addr(&p->dst, dst);
    assert_int_equal(p->sport, sport);
    assert_int_equal(p->dport, dport);
    assert_int_equal(p->l4proto, proto);
}

static void test_corpus_ethernet_pcapng(void **state)
{
    (void)state;
    test_frame f = test_corpus_frame("ndpi_http.pcapng", 4);
    lw_packet p = {.ts_us = 77};
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    assert_int_equal(p.ts_us, 77);
    test_expect_flow(&p, "192.168.1.128", 42170, "216.58.208.142", 80, 6);
    assert_int_equal(p.seq, 294165710u);
    assert_int_equal(p.tcp_flags, LW_TCP_PSH | LW_TCP_ACK);
    assert_int_equal(p.payload_len, 74);
    assert_int_equal(p.payload_wire_len, 74);
    assert_memory_equal(p.payload, "GET ", 4);
    assert_ptr_equal(p.dst_mac, f.bytes);
    assert_ptr_equal(p.src_mac, f.bytes + 6);
    assert_ptr_equal(p.l3, f.bytes + 14);
    assert_int_equal(p.vlan, 0);
    free(f.bytes);
}

static void test_corpus_linux_sll(void **state)
{
    (void)state;
    test_frame f = test_corpus_frame("ndpi_KakaoTalk_chat.pcap", 1);
    lw_packet p = {0};
    assert_int_equal(f.linktype, DLT_LINUX_SLL);
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "10.24.82.188", 38448, "10.188.1.1", 53, 17);
    assert_int_equal(p.payload_len, 32);
    free(f.bytes);
    f = test_corpus_frame("ndpi_KakaoTalk_chat.pcap", 57); /* ICMP error quoting a DNS packet */
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OTHER_L4);
    assert_int_equal(p.l4proto, 1);
    free(f.bytes);
}

static void test_corpus_null(void **state)
{
    (void)state;
    test_frame f = test_corpus_frame("zeek_redis_pubsub.pcap", 1);
    lw_packet p = {0};
    assert_int_equal(f.linktype, DLT_NULL);
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "127.0.0.1", 60831, "127.0.0.1", 6379, 6);
    assert_int_equal(p.seq, 2589099114u);
    assert_int_equal(p.payload_len, 28);
    free(f.bytes);
    f = test_corpus_frame("suricata-verify_http-post-file_input.pcap", 1); /* NULL, family 30: IPv6 */
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "::1", 8065, "::1", 52064, 6);
    assert_int_equal(p.seq, 3681467876u);
    free(f.bytes);
}

static void test_corpus_raw(void **state)
{
    (void)state;
    test_frame f = test_corpus_frame("ndpi_http-crash-content-disposition.pcap", 1);
    lw_packet p = {0};
    assert_true(decode_linktype_supported(f.linktype));
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "192.168.0.103", 51171, "174.129.0.10", 80, 6);
    assert_int_equal(p.tcp_flags, LW_TCP_SYN);
    assert_int_equal(p.seq, 2068162926u);
    assert_ptr_equal(p.l3, f.bytes);
    assert_null(p.src_mac);
    free(f.bytes);
    f = test_corpus_frame("ndpi_http-crash-content-disposition.pcap", 4);
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    assert_int_equal(p.payload_len, 428);
    free(f.bytes);
}

static void test_corpus_ipv6(void **state)
{
    (void)state;
    test_frame f = test_corpus_frame("ndpi_http_ipv6.pcap", 3);
    lw_packet p = {0};
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "2a00:d40:1:3:7aac:c0ff:fea7:d4c", 41776, "2a00:1450:4001:803::1017", 443, 6);
    assert_int_equal(p.payload_len, 182);
    assert_int_equal(p.l3_len, 40 + 32 + 182);
    free(f.bytes);
    f = test_corpus_frame("ndpi_wechat.pcap", 1421); /* hop-by-hop options, then ICMPv6 */
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OTHER_L4);
    assert_int_equal(p.l4proto, 58);
    free(f.bytes);
}

static void test_corpus_tags_and_tunnels(void **state)
{
    (void)state;
    lw_packet p = {0};
    test_frame f = test_corpus_frame("ndpi_mqtt.pcap", 9); /* one 802.1Q tag */
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "100.67.35.238", 35035, "51.137.28.239", 1883, 6);
    assert_int_equal(p.vlan, 1008);
    assert_int_equal(p.vlan_outer, 0);
    assert_int_equal(p.payload_len, 285);
    free(f.bytes);
    f = test_corpus_frame("ndpi_dns.pcap", 4); /* QinQ 421/785, then PPPoE */
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "82.178.113.245", 47255, "82.178.158.181", 53, 17);
    assert_int_equal(p.vlan, 785);
    assert_int_equal(p.vlan_outer, 421);
    free(f.bytes);
    f = test_corpus_frame("ndpi_rtmp.pcap", 27); /* QinQ 3394/113, UDP 2152, GTP-U, inner TCP */
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "10.140.80.204", 49757, "203.205.224.48", 1935, 6);
    assert_int_equal(p.vlan, 113);
    assert_int_equal(p.vlan_outer, 3394);
    assert_int_equal(p.seq, 1746545816u);
    assert_int_equal(p.tcp_flags, LW_TCP_SYN);
    free(f.bytes);
    f = test_corpus_frame("ndpi_syslog.pcap", 26); /* IPv6 in IPv4 (6in4) */
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "2001:470:6c:a1::2", 38159, "2001:470:765b::b15:22", 514, 17);
    free(f.bytes);
}

/* The IP header claims 137 bytes but the unsnapped frame holds 52: no payload was captured. */
static void test_corpus_lying_total_length(void **state)
{
    (void)state;
    test_frame f = test_corpus_frame("ndpi_telnet.pcap", 18);
    lw_packet p = {0};
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    assert_int_equal(p.payload_len, 0);
    assert_int_equal(p.payload_wire_len, 85);
    free(f.bytes);
}

/* Every frame of every capture: status counts as recorded in tests/data/decode/corpus_status.tsv. */
static void test_corpus_sweep(void **state)
{
    (void)state;
    char path[1024], line[512];
    FILE *tsv = fopen(test_data_file("corpus_status.tsv", path, sizeof path), "r");
    assert_non_null(tsv);
    unsigned files = 0, frames = 0;
    while (fgets(line, sizeof line, tsv)) {
        char name[256];
        unsigned want[LW_DECODE_STATUS_COUNT], got[LW_DECODE_STATUS_COUNT] = {0};
        if (line[0] == '#' || sscanf(line, "%255s %u %u %u %u %u %u", name, &want[0], &want[1], &want[2], &want[3],
                                     &want[4], &want[5]) != 7)
            continue;
        char err[PCAP_ERRBUF_SIZE];
        pcap_t *p = pcap_open_offline(test_corpus_file(name, path, sizeof path), err);
        assert_non_null(p);
        struct pcap_pkthdr *h;
        const u_char *d;
        while (pcap_next_ex(p, &h, &d) == 1) {
            lw_packet pk = {0};
            got[decode_packet(pcap_datalink(p), d, h->caplen, &pk)]++;
            frames++;
        }
        pcap_close(p);
        for (int s = 0; s < LW_DECODE_STATUS_COUNT; s++)
            if (got[s] != want[s])
                fail_msg("%s: %s: %u frames, expected %u", name, decode_status_name(s), got[s], want[s]);
        files++;
    }
    fclose(tsv);
    print_message("corpus sweep: %u files, %u frames\n", files, frames);
    assert_int_equal(files, 52);
}

/* ---- crafted frames ---- */

typedef struct test_buf {
    uint8_t b[TEST_MAX_FRAME];
    uint32_t len;
} test_buf;

static void test_put(test_buf *f, const void *p, uint32_t n)
{
    assert_true(f->len + n <= sizeof f->b);
    memcpy(f->b + f->len, p, n);
    f->len += n;
}

static void test_put8(test_buf *f, uint8_t v)
{
    test_put(f, &v, 1);
}

static void test_put16(test_buf *f, uint16_t v)
{
    test_put8(f, (uint8_t)(v >> 8));
    test_put8(f, (uint8_t)v);
}

static void test_put32(test_buf *f, uint32_t v)
{
    test_put16(f, (uint16_t)(v >> 16));
    test_put16(f, (uint16_t)v);
}

static void test_zeros(test_buf *f, uint32_t n)
{
    static const uint8_t zero[TEST_MAX_FRAME];
    test_put(f, zero, n);
}

static void test_ethernet(test_buf *f, uint16_t type)
{
    static const uint8_t macs[12] = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2};
    test_put(f, macs, 12);
    test_put16(f, type);
}

/* IPv4 from 10.0.0.1 to 10.0.0.2 carrying `l4_len` bytes, with `option_words` words of options. */
static void test_ipv4(test_buf *f, uint8_t proto, uint32_t l4_len, uint16_t frag, uint8_t option_words)
{
    uint32_t hlen = 20u + option_words * 4u;
    test_put8(f, (uint8_t)(0x40 | hlen / 4));
    test_put8(f, 0);
    test_put16(f, (uint16_t)(hlen + l4_len));
    test_put32(f, 0x1234u << 16 | frag);
    test_put8(f, 64);
    test_put8(f, proto);
    test_put16(f, 0);
    test_put32(f, 0x0a000001);
    test_put32(f, 0x0a000002);
    for (uint8_t i = 0; i < option_words; i++)
        test_put32(f, 0x01010101); /* NOPs */
}

/* IPv6 from 2001:db8::1 to 2001:db8::2. */
static void test_ipv6(test_buf *f, uint8_t next, uint16_t payload_len)
{
    static const uint8_t addrs[32] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1, [16] = 0x20, 0x01, 0x0d, 0xb8, [31] = 2};
    test_put32(f, 0x60000000);
    test_put16(f, payload_len);
    test_put8(f, next);
    test_put8(f, 64);
    test_put(f, addrs, 32);
}

static void test_tcp(test_buf *f, uint16_t sport, uint16_t dport, uint32_t seq, uint8_t flags, uint8_t option_words)
{
    test_put16(f, sport);
    test_put16(f, dport);
    test_put32(f, seq);
    test_put32(f, 0xabcdef01);
    test_put8(f, (uint8_t)((5 + option_words) << 4));
    test_put8(f, flags);
    test_put16(f, 0xffff); /* window */
    test_put32(f, 0);      /* checksum, urgent pointer */
    for (uint8_t i = 0; i < option_words; i++)
        test_put32(f, 0x01010101);
}

static void test_udp(test_buf *f, uint16_t sport, uint16_t dport, uint16_t udp_len)
{
    test_put16(f, sport);
    test_put16(f, dport);
    test_put16(f, udp_len);
    test_put16(f, 0);
}

typedef struct test_crafted {
    const char *name;
    int linktype;
    test_buf f;
    lw_decode_status status;
    uint32_t payload_off; /* OK frames: where the payload starts */
    bool tunnel;          /* a cut GTP-U header leaves a valid outer UDP packet */
} test_crafted;

static lw_decode_status test_decode_buf(int linktype, const test_buf *f, lw_packet *p)
{
    uint8_t *copy = malloc(f->len ? f->len : 1);
    memcpy(copy, f->b, f->len);
    lw_decode_status s = decode_packet(linktype, copy, f->len, p);
    /* pointers must stay inside the frame: rebase them onto the caller-visible buffer */
    if (p->payload)
        p->payload = f->b + (p->payload - copy);
    if (p->l3)
        p->l3 = f->b + (p->l3 - copy);
    p->src_mac = p->dst_mac = NULL;
    free(copy);
    return s;
}

static const char test_text[] = "hello, world";
#define TEST_TEXT_LEN 12u

/* Ethernet, tags given by tpids (0-terminated), IPv4 with options, TCP with options, text. */
static test_buf test_frame_qinq(const uint16_t *tpids)
{
    test_buf f = {0};
    test_ethernet(&f, tpids[0] ? tpids[0] : 0x0800);
    for (int i = 0; tpids[i]; i++) {
        test_put16(&f, (uint16_t)(0x2000 | (100 * (i + 1))));
        test_put16(&f, tpids[i + 1] ? tpids[i + 1] : 0x0800);
    }
    test_ipv4(&f, 6, 28 + TEST_TEXT_LEN, 0x4000, 2);
    test_tcp(&f, 40000, 80, 1000, LW_TCP_PSH | LW_TCP_ACK, 2);
    test_put(&f, test_text, TEST_TEXT_LEN);
    return f;
}

static void test_crafted_qinq(void **state)
{
    (void)state;
    static const uint16_t qinq[] = {0x88a8, 0x8100, 0}, old[] = {0x9100, 0x9100, 0x8100, 0};
    lw_packet p = {0};
    test_buf f = test_frame_qinq(qinq);
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    assert_int_equal(p.vlan, 200);
    test_expect_flow(&p, "10.0.0.1", 40000, "10.0.0.2", 80, 6);
    assert_int_equal(p.payload_len, TEST_TEXT_LEN);
    assert_memory_equal(p.payload, test_text, TEST_TEXT_LEN);
    assert_ptr_equal(p.l3, f.b + 22);
    f = test_frame_qinq(old);
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    assert_int_equal(p.vlan, 300);
    static const uint16_t nine[] = {0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0};
    f = test_frame_qinq(nine);
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_MALFORMED);
}

static test_buf test_frame_sll2_ipv6_tcp(void)
{
    test_buf f = {0};
    test_put16(&f, 0x86dd);
    test_put16(&f, 0);
    test_put32(&f, 3);
    test_put16(&f, 1);
    test_put8(&f, 4); /* outgoing */
    test_put8(&f, 6);
    static const uint8_t mac[8] = {2, 0, 0, 0, 0, 9};
    test_put(&f, mac, 8);
    test_ipv6(&f, 6, 20 + TEST_TEXT_LEN);
    test_tcp(&f, 5222, 51000, 0xfffffff0u, LW_TCP_ACK, 0);
    test_put(&f, test_text, TEST_TEXT_LEN);
    return f;
}

static void test_crafted_sll2(void **state)
{
    (void)state;
    test_buf f = test_frame_sll2_ipv6_tcp();
    lw_packet p = {0};
    assert_int_equal(test_decode_buf(DLT_LINUX_SLL2, &f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "2001:db8::1", 5222, "2001:db8::2", 51000, 6);
    assert_int_equal(p.seq, 0xfffffff0u);
    assert_int_equal(p.ack, 0xabcdef01u);
    assert_int_equal(p.payload_len, TEST_TEXT_LEN);
    assert_ptr_equal(p.l3, f.b + 20);
}

/* IPv6 with hop-by-hop (8), routing (16), fragment (offset 0, M as given), AH (16), destination
 * options (8), then `last`. */
static test_buf test_frame_ipv6_ext(uint8_t last, uint16_t frag, const void *l4, uint32_t l4_len)
{
    test_buf f = {0};
    test_ethernet(&f, 0x86dd);
    test_ipv6(&f, 0, (uint16_t)(8 + 16 + 8 + 16 + 8 + l4_len));
    test_put8(&f, 43); /* hop-by-hop */
    test_put8(&f, 0);
    test_zeros(&f, 6);
    test_put8(&f, 44); /* routing */
    test_put8(&f, 1);
    test_zeros(&f, 14);
    test_put8(&f, 51); /* fragment */
    test_put8(&f, 0);
    test_put16(&f, frag);
    test_put32(&f, 0xfeed);
    test_put8(&f, 60); /* AH: (2 + 2) * 4 = 16 bytes */
    test_put8(&f, 2);
    test_zeros(&f, 14);
    test_put8(&f, last); /* destination options */
    test_put8(&f, 0);
    test_zeros(&f, 6);
    test_put(&f, l4, l4_len);
    return f;
}

static test_buf test_frame_ipv6_ext_udp(uint16_t frag, uint16_t udp_len)
{
    test_buf l4 = {0};
    test_udp(&l4, 53, 33000, udp_len);
    test_put(&l4, test_text, TEST_TEXT_LEN);
    return test_frame_ipv6_ext(17, frag, l4.b, l4.len);
}

static void test_crafted_ipv6_ext(void **state)
{
    (void)state;
    lw_packet p = {0};
    test_buf f = test_frame_ipv6_ext_udp(0, 8 + TEST_TEXT_LEN);
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "2001:db8::1", 53, "2001:db8::2", 33000, 17);
    assert_int_equal(p.payload_len, TEST_TEXT_LEN);
    assert_ptr_equal(p.payload, f.b + 14 + 40 + 56 + 8);

    f = test_frame_ipv6_ext_udp(1, 1000); /* first fragment: UDP length covers the whole datagram */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    assert_int_equal(p.payload_len, TEST_TEXT_LEN);
    assert_int_equal(p.payload_wire_len, TEST_TEXT_LEN);
    f = test_frame_ipv6_ext_udp(0, 1000); /* not a fragment: the same length is a lie */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_MALFORMED);

    f = test_frame_ipv6_ext_udp(185 << 3, 8 + TEST_TEXT_LEN); /* offset 1480: not the first */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_FRAGMENT);
    test_expect_addr(&p.src, "2001:db8::1");

    static const uint8_t esp[16] = {0, 0, 0, 1};
    f = test_frame_ipv6_ext(50, 0, esp, sizeof esp);
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OTHER_L4);
    assert_int_equal(p.l4proto, 50);
}

/* IPv6 with `count` destination options headers, then UDP. */
static test_buf test_frame_ipv6_chain(int count)
{
    test_buf f = {0};
    test_ipv6(&f, 60, (uint16_t)(count * 8 + 8));
    for (int i = 0; i < count; i++) {
        test_put8(&f, i + 1 < count ? 60 : 17);
        test_put8(&f, 0);
        test_zeros(&f, 6);
    }
    test_udp(&f, 1, 2, 8);
    return f;
}

static void test_crafted_ipv6_ext_limit(void **state)
{
    (void)state;
    lw_packet p = {0};
    test_buf f = test_frame_ipv6_chain(9);
    assert_int_equal(test_decode_buf(DLT_RAW, &f, &p), LW_DECODE_MALFORMED);
    f = test_frame_ipv6_chain(8);
    assert_int_equal(test_decode_buf(DLT_RAW, &f, &p), LW_DECODE_OK);
    assert_int_equal(p.dport, 2);
    f.b[41] = 200; /* the first header now runs past the packet */
    assert_int_equal(test_decode_buf(DLT_RAW, &f, &p), LW_DECODE_MALFORMED);
}

static test_buf test_frame_ipv4_udp(uint16_t frag, uint16_t udp_len)
{
    test_buf f = {0};
    test_ipv4(&f, 17, 8 + TEST_TEXT_LEN, frag, 0);
    test_udp(&f, 5060, 5060, udp_len);
    test_put(&f, test_text, TEST_TEXT_LEN);
    return f;
}

static void test_crafted_ipv4_fragments(void **state)
{
    (void)state;
    lw_packet p = {0};
    test_buf f = test_frame_ipv4_udp(0x2000, 3000); /* MF, offset 0: first fragment */
    assert_int_equal(test_decode_buf(DLT_IPV4, &f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "10.0.0.1", 5060, "10.0.0.2", 5060, 17);
    assert_int_equal(p.payload_len, TEST_TEXT_LEN);
    assert_int_equal(p.payload_wire_len, TEST_TEXT_LEN);
    f = test_frame_ipv4_udp(0x2000 | 185, 3000); /* MF, offset 1480 */
    assert_int_equal(test_decode_buf(DLT_IPV4, &f, &p), LW_DECODE_FRAGMENT);
    test_expect_addr(&p.dst, "10.0.0.2");
    f = test_frame_ipv4_udp(185, 3000); /* last fragment */
    assert_int_equal(test_decode_buf(DLT_IPV4, &f, &p), LW_DECODE_FRAGMENT);
    f = test_frame_ipv4_udp(0x1000, 3000); /* offset 32768: the top bit of the 13-bit field */
    assert_int_equal(test_decode_buf(DLT_IPV4, &f, &p), LW_DECODE_FRAGMENT);
    f = test_frame_ipv4_udp(0x4000, 3000); /* DF, whole datagram: UDP length lies */
    assert_int_equal(test_decode_buf(DLT_IPV4, &f, &p), LW_DECODE_MALFORMED);
    f = test_frame_ipv4_udp(0, 7);
    assert_int_equal(test_decode_buf(DLT_IPV4, &f, &p), LW_DECODE_MALFORMED);
    f = test_frame_ipv4_udp(0, 10); /* UDP shorter than IP: trailing bytes are not payload */
    assert_int_equal(test_decode_buf(DLT_IPV4, &f, &p), LW_DECODE_OK);
    assert_int_equal(p.payload_len, 2);
    assert_int_equal(p.payload_wire_len, 2);
}

static void test_crafted_ipv4_lengths(void **state)
{
    (void)state;
    lw_packet p = {0};
    test_buf f = {0};
    test_ethernet(&f, 0x0800);
    test_ipv4(&f, 6, 20, 0, 0);
    test_tcp(&f, 1, 2, 3, LW_TCP_ACK, 0);
    test_zeros(&f, 6); /* Ethernet padding to 60 bytes */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    assert_int_equal(p.l3_len, 40);
    assert_int_equal(p.payload_len, 0);
    assert_int_equal(p.payload_wire_len, 0);

    f.b[14 + 2] = 0x05, f.b[14 + 3] = 0xdc; /* total 1500, snapped at 60 */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    assert_int_equal(p.l3_len, 46);
    assert_int_equal(p.payload_len, 6);
    assert_int_equal(p.payload_wire_len, 1460);

    f.b[14 + 2] = 0, f.b[14 + 3] = 0; /* total 0: offloaded, take what was captured */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    assert_int_equal(p.payload_len, 6);

    f.b[14 + 3] = 19; /* total shorter than the header */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_MALFORMED);
    f.b[14 + 3] = 40;
    f.b[14] = 0x44; /* IHL 4 */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_MALFORMED);
    f.b[14] = 0x45;
    f.b[14 + 20 + 12] = 0x40; /* TCP data offset 4 */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_MALFORMED);
    f.b[14 + 20 + 12] = 0xf0; /* data offset 60 > the 20 bytes IP says follow */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_MALFORMED);
    f.b[14 + 20 + 12] = 0x50;
    f.b[14] = 0x35; /* IP version 3 */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_MALFORMED);
    f.b[14] = 0x45;
    f.b[12] = 0x08, f.b[13] = 0x06; /* ARP */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_NOT_IP);
}

static test_buf test_frame_loopback(uint8_t b0, uint8_t b1, uint8_t b2, uint8_t b3, bool v6)
{
    test_buf f = {0};
    uint8_t family[4] = {b0, b1, b2, b3};
    test_put(&f, family, 4);
    if (v6)
        test_ipv6(&f, 6, 20);
    else
        test_ipv4(&f, 6, 20, 0, 0);
    test_tcp(&f, 7, 8, 9, LW_TCP_SYN, 0);
    return f;
}

static void test_crafted_loopback_and_raw(void **state)
{
    (void)state;
    lw_packet p = {0};
    test_buf f = test_frame_loopback(2, 0, 0, 0, false); /* little-endian writer */
    assert_int_equal(test_decode_buf(DLT_NULL, &f, &p), LW_DECODE_OK);
    assert_int_equal(p.dport, 8);
    f = test_frame_loopback(0, 0, 0, 2, false); /* big-endian writer */
    assert_int_equal(test_decode_buf(DLT_NULL, &f, &p), LW_DECODE_OK);
    static const uint8_t v6_families[] = {10, 24, 28, 30};
    for (size_t i = 0; i < sizeof v6_families; i++) {
        f = test_frame_loopback(v6_families[i], 0, 0, 0, true);
        assert_int_equal(test_decode_buf(DLT_NULL, &f, &p), LW_DECODE_OK);
        assert_int_equal(p.src.family, 6);
        f = test_frame_loopback(0, 0, 0, v6_families[i], true);
        assert_int_equal(test_decode_buf(DLT_NULL, &f, &p), LW_DECODE_OK);
        assert_int_equal(test_decode_buf(DLT_LOOP, &f, &p), LW_DECODE_OK);
    }
    f = test_frame_loopback(0, 0, 0, 7, false);
    assert_int_equal(test_decode_buf(DLT_NULL, &f, &p), LW_DECODE_NOT_IP);
    f = test_frame_loopback(2, 0, 0, 0, false); /* LOOP is network order only */
    assert_int_equal(test_decode_buf(DLT_LOOP, &f, &p), LW_DECODE_NOT_IP);

    test_buf raw = {0};
    test_put(&raw, f.b + 4, f.len - 4);
    static const int raw_types[] = {DLT_RAW, 101, DLT_IPV4, DLT_IPV6};
    for (size_t i = 0; i < LW_ARRAY_LEN(raw_types); i++) {
        assert_true(decode_linktype_supported(raw_types[i]));
        assert_int_equal(test_decode_buf(raw_types[i], &raw, &p), LW_DECODE_OK);
        assert_int_equal(p.tcp_flags, LW_TCP_SYN);
    }
    assert_false(decode_linktype_supported(DLT_IEEE802_11));
    assert_int_equal(test_decode_buf(DLT_IEEE802_11, &raw, &p), LW_DECODE_NOT_IP);
}

static test_buf test_frame_mpls(void)
{
    test_buf f = {0};
    test_ethernet(&f, 0x8847);
    test_put32(&f, 0x00064040); /* label 100 */
    test_put32(&f, 0x000c8140); /* label 200, bottom of stack */
    test_ipv4(&f, 17, 8 + TEST_TEXT_LEN, 0, 0);
    test_udp(&f, 1000, 2000, 8 + TEST_TEXT_LEN);
    test_put(&f, test_text, TEST_TEXT_LEN);
    return f;
}

/* VLAN, IPv4, UDP 2152, GTP-U with sequence number and one extension header, inner IPv6/TCP. */
static test_buf test_frame_gtpu(void)
{
    test_buf inner = {0};
    test_ipv6(&inner, 6, 20 + TEST_TEXT_LEN);
    test_tcp(&inner, 443, 50000, 42, LW_TCP_PSH | LW_TCP_ACK, 0);
    test_put(&inner, test_text, TEST_TEXT_LEN);
    test_buf f = {0};
    test_ethernet(&f, 0x8100);
    test_put16(&f, 7);
    test_put16(&f, 0x0800);
    uint16_t gtp_len = (uint16_t)(4 + 4 + inner.len);
    test_ipv4(&f, 17, 8 + 8 + gtp_len, 0, 0);
    test_udp(&f, 2152, 2152, (uint16_t)(8 + 8 + gtp_len));
    test_put8(&f, 0x34); /* version 1, PT, E */
    test_put8(&f, 0xff);
    test_put16(&f, gtp_len);
    test_put32(&f, 0x014cc10c);
    test_put32(&f, 0x00000085); /* sequence, N-PDU, next: PDU session container */
    test_put32(&f, 0x01000900);  /* length 1 word, content, next: none */
    test_put(&f, inner.b, inner.len);
    return f;
}

static void test_crafted_mpls_gtpu(void **state)
{
    (void)state;
    lw_packet p = {0};
    test_buf f = test_frame_mpls();
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "10.0.0.1", 1000, "10.0.0.2", 2000, 17);
    assert_int_equal(p.payload_len, TEST_TEXT_LEN);
    f = test_frame_gtpu();
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "2001:db8::1", 443, "2001:db8::2", 50000, 6);
    assert_int_equal(p.vlan, 7);
    assert_memory_equal(p.payload, test_text, TEST_TEXT_LEN);
    f.b[18 + 20 + 8 + 1] = 0xfe; /* not a G-PDU: stays the outer UDP packet */
    assert_int_equal(test_decode_buf(DLT_EN10MB, &f, &p), LW_DECODE_OK);
    test_expect_flow(&p, "10.0.0.1", 2152, "10.0.0.2", 2152, 17);
}

/* Checksums as tshark reports them for the same frames: right, wrong (edited captures carry
 * some), not checkable (a GRO super-frame longer than the MTU), and one flipped bit. */
static lw_checksum test_checksum_of(const char *capture, int number, uint8_t flip_l4_byte)
{
    test_frame f = test_corpus_frame(capture, number);
    lw_packet p = {0};
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    if (flip_l4_byte)
        ((uint8_t *)p.payload)[-1] ^= flip_l4_byte; /* the last header byte: in the checksum */
    lw_checksum r = decode_checksum(&p);
    free(f.bytes);
    return r;
}

static void test_checksums(void **state)
{
    (void)state;
    assert_int_equal(test_checksum_of("ndpi_irc.pcap", 1, 0), LW_CHECKSUM_OK);        /* TCP SYN, IPv4 */
    assert_int_equal(test_checksum_of("ndpi_irc.pcap", 1, 0x10), LW_CHECKSUM_BAD);
    assert_int_equal(test_checksum_of("ndpi_irc.pcap", 4, 0), LW_CHECKSUM_BAD);       /* edited payload */
    assert_int_equal(test_checksum_of("ndpi_dns.pcap", 5, 0), LW_CHECKSUM_OK);        /* UDP, IPv4 */
    assert_int_equal(test_checksum_of("ndpi_dns.pcap", 5, 0x01), LW_CHECKSUM_BAD);
    assert_int_equal(test_checksum_of("ndpi_http_ipv6.pcap", 2, 0), LW_CHECKSUM_OK);  /* TCP, IPv6 */
    assert_int_equal(test_checksum_of("ndpi_http_ipv6.pcap", 1, 0), LW_CHECKSUM_BAD);
    assert_int_equal(test_checksum_of("ndpi_http_ipv6.pcap", 5, 0), LW_CHECKSUM_BAD); /* UDP, IPv6 */
    assert_int_equal(test_checksum_of("ndpi_git.pcap", 23, 0), LW_CHECKSUM_UNCHECKED); /* 2946 bytes: GRO */
    test_frame f = test_corpus_frame("ndpi_irc.pcap", 1);
    lw_packet p = {0};
    assert_int_equal(test_decode_frame(&f, &p), LW_DECODE_OK);
    f.bytes[14 + 8] ^= 0x01; /* the IPv4 TTL: the header checksum no longer holds */
    assert_int_equal(decode_checksum(&p), LW_CHECKSUM_BAD);
    free(f.bytes);
}

/* RFC 1071 as written: 16-bit big-endian words, end-around carry, complemented. */
static uint16_t test_rfc1071(const uint8_t *p, size_t len, uint32_t sum)
{
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len % 2)
        sum += (uint32_t)p[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/* UDP over IPv4 with every payload length from 0 to 64 (so every tail after the eight-byte
 * steps), filled so that carries happen: correct sums accepted, a flipped bit refused. */
static void test_checksum_lengths(void **state)
{
    (void)state;
    for (uint16_t n = 0; n <= 64; n++) {
        test_buf f = {.len = 0};
        test_ethernet(&f, 0x0800);
        test_ipv4(&f, 17, 8u + n, 0, 0);
        test_udp(&f, 40000, 9999, (uint16_t)(8 + n));
        for (uint16_t i = 0; i < n; i++)
            test_put8(&f, (uint8_t)(0xff - i * 7));
        uint8_t *ip = f.b + 14, *udp = ip + 20;
        uint16_t ip_sum = test_rfc1071(ip, 20, 0);
        ip[10] = (uint8_t)(ip_sum >> 8), ip[11] = (uint8_t)ip_sum;
        uint32_t pseudo = 0x0a00u + 0x0001u + 0x0a00u + 0x0002u + 17u + 8u + n;
        uint16_t udp_sum = test_rfc1071(udp, 8u + n, pseudo);
        udp[6] = (uint8_t)(udp_sum >> 8), udp[7] = (uint8_t)udp_sum;
        lw_packet p = {0};
        assert_int_equal(decode_packet(DLT_EN10MB, f.b, f.len, &p), LW_DECODE_OK);
        if (udp_sum != 0) /* zero means "not computed" in UDP over IPv4 */
            assert_int_equal(decode_checksum(&p), LW_CHECKSUM_OK);
        f.b[f.len - 1 - (n > 0 ? 0 : 2)] ^= 0x20;
        assert_int_equal(decode_checksum(&p), LW_CHECKSUM_BAD);
    }
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(decode_status_name(LW_DECODE_OK), "ok");
    assert_string_equal(decode_status_name(LW_DECODE_FRAGMENT), "fragment");
    assert_string_equal(decode_status_name(LW_DECODE_MALFORMED), "malformed");
    assert_string_equal(decode_status_name(LW_DECODE_STATUS_COUNT), "unknown");
}

static size_t test_all_crafted(test_crafted *out)
{
    static const uint16_t qinq[] = {0x88a8, 0x8100, 0};
    size_t n = 0;
    out[n++] = (test_crafted){"qinq", DLT_EN10MB, test_frame_qinq(qinq), LW_DECODE_OK, 0, false};
    out[n++] = (test_crafted){"sll2", DLT_LINUX_SLL2, test_frame_sll2_ipv6_tcp(), LW_DECODE_OK, 0, false};
    out[n++] = (test_crafted){"ipv6 ext", DLT_EN10MB, test_frame_ipv6_ext_udp(0, 20), LW_DECODE_OK, 0, false};
    out[n++] = (test_crafted){"ipv6 frag", DLT_EN10MB, test_frame_ipv6_ext_udp(8, 20), LW_DECODE_FRAGMENT, 0, false};
    out[n++] = (test_crafted){"ipv4 first frag", DLT_RAW, test_frame_ipv4_udp(0x2000, 900), LW_DECODE_OK, 0, false};
    out[n++] = (test_crafted){"ipv4 frag", DLT_RAW, test_frame_ipv4_udp(0x2001, 900), LW_DECODE_FRAGMENT, 0, false};
    out[n++] = (test_crafted){"null", DLT_NULL, test_frame_loopback(30, 0, 0, 0, true), LW_DECODE_OK, 0, false};
    out[n++] = (test_crafted){"mpls", DLT_EN10MB, test_frame_mpls(), LW_DECODE_OK, 0, false};
    out[n++] = (test_crafted){"gtpu", DLT_EN10MB, test_frame_gtpu(), LW_DECODE_OK, 0, true};
    for (size_t i = 0; i < n; i++) {
        lw_packet p = {0};
        assert_int_equal(test_decode_buf(out[i].linktype, &out[i].f, &p), out[i].status);
        if (out[i].status == LW_DECODE_OK)
            out[i].payload_off = (uint32_t)(p.payload - out[i].f.b);
    }
    return n;
}

/* Cut before the payload: truncated (or, for a cut inside the GTP-U header, the outer UDP
 * packet); cut inside the payload: OK with exactly the captured payload. */
static void test_every_truncation(void **state)
{
    (void)state;
    test_crafted frames[16];
    size_t n = test_all_crafted(frames);
    for (size_t i = 0; i < n; i++) {
        const test_crafted *c = &frames[i];
        for (uint32_t cut = 0; cut < c->f.len; cut++) {
            test_buf f = c->f;
            f.len = cut;
            lw_packet p = {0};
            lw_decode_status s = test_decode_buf(c->linktype, &f, &p);
            if (c->status != LW_DECODE_OK)
                assert_true(s == LW_DECODE_TRUNCATED || s == c->status);
            else if (cut < c->payload_off && !(c->tunnel && s == LW_DECODE_OK && p.dport == 2152))
                assert_int_equal(s, LW_DECODE_TRUNCATED);
            else if (cut >= c->payload_off) {
                assert_int_equal(s, LW_DECODE_OK);
                assert_int_equal(p.payload_len, cut - c->payload_off);
            }
        }
    }
}

static uint64_t test_rng_state;

static uint32_t test_rng(void)
{
    test_rng_state ^= test_rng_state << 13;
    test_rng_state ^= test_rng_state >> 7;
    test_rng_state ^= test_rng_state << 17;
    return (uint32_t)(test_rng_state >> 11);
}

static void test_check_invariants(lw_decode_status s, const test_buf *f, const lw_packet *p)
{
    assert_true((unsigned)s < LW_DECODE_STATUS_COUNT);
    if (s != LW_DECODE_OK)
        return;
    assert_true(p->l3 >= f->b && p->l3 + p->l3_len <= f->b + f->len);
    assert_true(p->payload >= p->l3 && p->payload + p->payload_len <= p->l3 + p->l3_len);
    assert_true(p->payload_len <= p->payload_wire_len);
    assert_true(p->src.family == 4 || p->src.family == 6);
    assert_true(p->l4proto == 6 || p->l4proto == 17);
}

/* 100k random frames and 100k mutations of the crafted ones, every link type. */
static void test_garbage(void **state)
{
    (void)state;
    static const int linktypes[] = {DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, DLT_NULL, DLT_LOOP};
    test_crafted frames[16];
    size_t n = test_all_crafted(frames);
    test_rng_state = 0x1eafc0de;
    unsigned ok = 0;
    for (int round = 0; round < 200000; round++) {
        test_buf f;
        int linktype;
        if (round % 2) {
            const test_crafted *c = &frames[test_rng() % n];
            f = c->f;
            linktype = c->linktype;
            for (uint32_t flips = 1 + test_rng() % 4; flips; flips--)
                f.b[test_rng() % f.len] = (uint8_t)test_rng();
            f.len = test_rng() % 4 ? f.len : test_rng() % (f.len + 1);
        } else {
            f.len = test_rng() % 120;
            for (uint32_t i = 0; i < f.len; i++)
                f.b[i] = (uint8_t)test_rng();
            if (f.len > 14 && test_rng() % 2)
                f.b[12] = 0x08, f.b[13] = 0x00, f.b[14] = 0x45;
            linktype = linktypes[test_rng() % LW_ARRAY_LEN(linktypes)];
        }
        lw_packet p = {0};
        lw_decode_status s = test_decode_buf(linktype, &f, &p);
        test_check_invariants(s, &f, &p);
        ok += s == LW_DECODE_OK;
    }
    print_message("garbage: %u of 200000 frames decoded OK\n", ok);
    assert_true(ok > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_ethernet_pcapng),
        cmocka_unit_test(test_corpus_linux_sll),
        cmocka_unit_test(test_corpus_null),
        cmocka_unit_test(test_corpus_raw),
        cmocka_unit_test(test_corpus_ipv6),
        cmocka_unit_test(test_corpus_tags_and_tunnels),
        cmocka_unit_test(test_corpus_lying_total_length),
        cmocka_unit_test(test_corpus_sweep),
        cmocka_unit_test(test_crafted_qinq),
        cmocka_unit_test(test_crafted_sll2),
        cmocka_unit_test(test_crafted_ipv6_ext),
        cmocka_unit_test(test_crafted_ipv6_ext_limit),
        cmocka_unit_test(test_crafted_ipv4_fragments),
        cmocka_unit_test(test_crafted_ipv4_lengths),
        cmocka_unit_test(test_crafted_loopback_and_raw),
        cmocka_unit_test(test_crafted_mpls_gtpu),
        cmocka_unit_test(test_checksums),
        cmocka_unit_test(test_checksum_lengths),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_every_truncation),
        cmocka_unit_test(test_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
