/* flood.c — writes a deterministic flood capture (classic pcap, Ethernet) for the memory and
 * eviction proof: N distinct flows from many home devices (10.0.0.0/8) to many outside
 * addresses (198.18.0.0/15, the RFC 2544 benchmarking range). A TCP flow is a SYN and one data
 * segment (a TLS ClientHello with SNI, or an HTTP GET); a UDP flow is one datagram (a DNS query
 * or opaque bytes). Data segments trail their SYN by a few flows, so flows overlap in time.
 * It only writes a file (or standard output): it never opens a socket or sends a packet.
 *   flood [-n FLOWS] [-o FILE] [--tls-only | --syn-only]
 * --tls-only makes every flow a TLS flow, which leakwatch settles (classified, encrypted,
 * nDPI state freed) on its data segment: the per-flow footprint after the verdict.
 * --syn-only makes every flow a lone SYN to port 443 (a SYN flood: nothing but half-open
 * flows, every checksum valid). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLOOD_DEVICES 250000u        /* distinct home addresses 10.0.0.1 … */
#define FLOOD_OUTSIDE 131070u        /* 198.18.0.1 … 198.19.255.254 */
#define FLOOD_LAG 64u                /* a data segment follows its SYN this many flows later */
#define FLOOD_GAP_US 20u             /* between packets: 1M flows span about a minute */
#define FLOOD_START_S 1746352800u    /* 2025-05-04 10:00:00 UTC */
#define FLOOD_MAX_PKT 600u

typedef enum { FLOOD_TLS, FLOOD_HTTP, FLOOD_DNS, FLOOD_UDP } flood_kind;

typedef struct flood_writer {
    FILE *out;
    uint64_t packet_no;
} flood_writer;

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v; }
static void put24(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 16), put16(p + 1, v); }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16), put16(p + 2, v); }

/* splitmix64: every address, port and byte below is a function of the flow number. */
static uint64_t flood_mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

static flood_kind flood_kind_of(uint64_t flow, int tls_only)
{
    static const flood_kind mix[10] = {FLOOD_TLS, FLOOD_TLS, FLOOD_TLS, FLOOD_TLS, FLOOD_TLS,
                                       FLOOD_TLS, FLOOD_HTTP, FLOOD_HTTP, FLOOD_DNS, FLOOD_UDP};
    return tls_only ? FLOOD_TLS : mix[flow % 10];
}

static uint32_t flood_checksum_add(uint32_t sum, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)p[i] << 8 | p[i + 1];
    if (len & 1)
        sum += (uint32_t)p[len - 1] << 8;
    return sum;
}

static uint16_t flood_checksum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return (uint16_t)~sum;
}

/* A TLS 1.2 ClientHello record: a few suites, SNI, groups, point formats, signature schemes. */
static size_t flood_tls_hello(uint8_t *p, uint64_t flow)
{
    static const uint8_t suites[] = {0x13, 0x01, 0x13, 0x02, 0xC0, 0x2B, 0xC0, 0x2F, 0xC0, 0x2C, 0xC0, 0x30};
    static const uint8_t tail[] = {0x00, 0x0A, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1D, 0x00, 0x17,  /* groups */
                                   0x00, 0x0B, 0x00, 0x02, 0x01, 0x00,                          /* points */
                                   0x00, 0x0D, 0x00, 0x06, 0x00, 0x04, 0x04, 0x03, 0x08, 0x04}; /* sigalgs */
    char host[32];
    int hlen = snprintf(host, sizeof host, "s%06u.flood.example", (unsigned)(flow % 1000000));
    uint8_t *h = p + 9;   /* after the record header (5) and the handshake header (4) */
    size_t n = 0;
    put16(h, 0x0303), n = 2;
    for (int i = 0; i < 4; i++)
        memcpy(h + n + 8 * i, &(uint64_t){flood_mix(flow * 4 + (uint64_t)i)}, 8);
    n += 32;
    h[n++] = 0;  /* no session id */
    put16(h + n, sizeof suites), memcpy(h + n + 2, suites, sizeof suites), n += 2 + sizeof suites;
    h[n++] = 1, h[n++] = 0;  /* compression: null */
    size_t ext = n;
    n += 2;
    put16(h + n, 0x0000), put16(h + n + 2, (uint32_t)hlen + 5), put16(h + n + 4, (uint32_t)hlen + 3);
    h[n + 6] = 0, put16(h + n + 7, (uint32_t)hlen), memcpy(h + n + 9, host, (size_t)hlen), n += 9 + (size_t)hlen;
    memcpy(h + n, tail, sizeof tail), n += sizeof tail;
    put16(h + ext, (uint32_t)(n - ext - 2));
    p[0] = 0x16, put16(p + 1, 0x0301), put16(p + 3, (uint32_t)n + 4);
    p[5] = 1, put24(p + 6, (uint32_t)n);
    return n + 9;
}

static size_t flood_http_get(uint8_t *p, uint64_t flow)
{
    return (size_t)sprintf((char *)p, "GET /asset/%016llx.png HTTP/1.1\r\nHost: w%05u.flood.example\r\n"
                           "User-Agent: flood/1\r\nAccept: */*\r\n\r\n",
                           (unsigned long long)flood_mix(flow), (unsigned)(flow % 100000));
}

static size_t flood_dns_query(uint8_t *p, uint64_t flow)
{
    static const uint8_t head[] = {0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    put16(p, (uint32_t)flow);
    memcpy(p + 2, head, sizeof head);
    int n = sprintf((char *)p + 13, "q%07u", (unsigned)(flow % 10000000));
    p[12] = (uint8_t)n;
    memcpy(p + 13 + n, "\5flood\7example\0\0\1\0\1", 20);
    return 13 + (size_t)n + 20;
}

static size_t flood_opaque(uint8_t *p, uint64_t flow)
{
    for (int i = 0; i < 6; i++)
        memcpy(p + 8 * i, &(uint64_t){flood_mix(flow * 8 + (uint64_t)i)}, 8);
    return 48;
}

static size_t flood_payload(uint8_t *p, uint64_t flow, flood_kind kind)
{
    switch (kind) {
    case FLOOD_TLS: return flood_tls_hello(p, flow);
    case FLOOD_HTTP: return flood_http_get(p, flow);
    case FLOOD_DNS: return flood_dns_query(p, flow);
    case FLOOD_UDP: return flood_opaque(p, flow);
    }
    return 0;
}

/* Ethernet + IPv4 header for a device → outside packet of `l4_len` bytes. */
static void flood_ip(uint8_t *p, uint64_t flow, uint8_t proto, size_t l4_len)
{
    uint32_t device = (uint32_t)(flow % FLOOD_DEVICES) + 1;
    uint32_t outside = (uint32_t)(flood_mix(flow) % FLOOD_OUTSIDE) + 1;
    static const uint8_t gw[6] = {0x02, 0x00, 0x5E, 0x00, 0x00, 0x01};
    memcpy(p, gw, 6);
    p[6] = 0x02, p[7] = 0x10, put32(p + 8, device);
    put16(p + 12, 0x0800);
    uint8_t *ip = p + 14;
    memset(ip, 0, 20);
    ip[0] = 0x45, put16(ip + 2, (uint32_t)(20 + l4_len)), put16(ip + 4, (uint32_t)flow);
    ip[6] = 0x40, ip[8] = 64, ip[9] = proto;
    put32(ip + 12, 0x0A000000u | device), put32(ip + 16, 0xC6120000u + outside);
    put16(ip + 10, flood_checksum_fold(flood_checksum_add(0, ip, 20)));
}

static uint16_t flood_l4_checksum(const uint8_t *ip, const uint8_t *l4, size_t l4_len)
{
    uint32_t sum = flood_checksum_add(0, ip + 12, 8) + ip[9] + (uint32_t)l4_len;
    return flood_checksum_fold(flood_checksum_add(sum, l4, l4_len));
}

static size_t flood_tcp(uint8_t *p, uint64_t flow, flood_kind kind, int data)
{
    uint8_t *tcp = p + 34;
    uint32_t isn = (uint32_t)flood_mix(~flow);
    size_t len = data ? flood_payload(tcp + 20, flow, kind) : 0;
    memset(tcp, 0, 20);
    put16(tcp, 1024 + (uint32_t)(flow / FLOOD_DEVICES % 64000)), put16(tcp + 2, kind == FLOOD_HTTP ? 80 : 443);
    put32(tcp + 4, data ? isn + 1 : isn), put32(tcp + 8, data ? isn ^ 0x5A5A5A5Au : 0);
    tcp[12] = 5 << 4, tcp[13] = data ? 0x18 : 0x02, put16(tcp + 14, 64240);
    flood_ip(p, flow, 6, 20 + len);
    put16(tcp + 16, flood_l4_checksum(p + 14, tcp, 20 + len));
    return 34 + 20 + len;
}

static size_t flood_udp(uint8_t *p, uint64_t flow, flood_kind kind)
{
    uint8_t *udp = p + 34;
    size_t len = flood_payload(udp + 8, flow, kind);
    put16(udp, 1024 + (uint32_t)(flow / FLOOD_DEVICES % 64000)), put16(udp + 2, kind == FLOOD_DNS ? 53 : 40000 + flow % 1000);
    put16(udp + 4, (uint32_t)(8 + len)), put16(udp + 6, 0);
    flood_ip(p, flow, 17, 8 + len);
    uint16_t sum = flood_l4_checksum(p + 14, udp, 8 + len);
    put16(udp + 6, sum ? sum : 0xFFFF);
    return 34 + 8 + len;
}

static int flood_write(flood_writer *w, const uint8_t *pkt, size_t len)
{
    uint64_t us = w->packet_no++ * FLOOD_GAP_US;
    uint32_t rec[4] = {FLOOD_START_S + (uint32_t)(us / 1000000), (uint32_t)(us % 1000000), (uint32_t)len, (uint32_t)len};
    return fwrite(rec, sizeof rec, 1, w->out) == 1 && fwrite(pkt, len, 1, w->out) == 1 ? 0 : -1;
}

static int flood_run(FILE *out, uint64_t flows, int tls_only, int syn_only)
{
    uint32_t head[6] = {0xA1B2C3D4u, 0x00040002u, 0, 0, 65535, 1};  /* host order, as libpcap reads */
    uint8_t pkt[FLOOD_MAX_PKT];
    flood_writer w = {out, 0};
    if (fwrite(head, sizeof head, 1, out) != 1)
        return -1;
    for (uint64_t i = 0; i < flows + FLOOD_LAG; i++) {
        if (i < flows) {
            flood_kind kind = flood_kind_of(i, tls_only);
            size_t len = syn_only ? flood_tcp(pkt, i, FLOOD_TLS, 0)
                       : kind == FLOOD_DNS || kind == FLOOD_UDP ? flood_udp(pkt, i, kind) : flood_tcp(pkt, i, kind, 0);
            if (flood_write(&w, pkt, len) != 0)
                return -1;
        }
        if (i < FLOOD_LAG || syn_only)
            continue;
        flood_kind kind = flood_kind_of(i - FLOOD_LAG, tls_only);
        if ((kind == FLOOD_TLS || kind == FLOOD_HTTP) && flood_write(&w, pkt, flood_tcp(pkt, i - FLOOD_LAG, kind, 1)) != 0)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t flows = 1000000;
    const char *path = "-";
    int tls_only = 0, syn_only = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            flows = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            path = argv[++i];
        else if (strcmp(argv[i], "--tls-only") == 0)
            tls_only = 1;
        else if (strcmp(argv[i], "--syn-only") == 0)
            syn_only = 1;
        else {
            fprintf(stderr, "usage: flood [-n FLOWS] [-o FILE] [--tls-only | --syn-only]\n");
            return 2;
        }
    }
    if (flows == 0 || flows > (uint64_t)FLOOD_DEVICES * 64000) {
        fprintf(stderr, "flood: -n must be 1 … %llu\n", (unsigned long long)FLOOD_DEVICES * 64000);
        return 2;
    }
    FILE *out = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
    if (!out) {
        perror(path);
        return 1;
    }
    int rc = flood_run(out, flows, tls_only, syn_only);
    if (fclose(out) != 0 || rc != 0) {
        fprintf(stderr, "flood: cannot write %s\n", path);
        return 1;
    }
    return 0;
}
