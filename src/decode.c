/* decode.c — link layer, IPv4/IPv6 and TCP/UDP headers of one captured frame into an lw_packet.
 *
 * Link types: Ethernet II (802.1Q, 802.1ad and 0x9100 tags, stacked up to 8: the innermost VLAN
 * id is kept; MPLS label stacks and PPPoE sessions are stepped over), Linux cooked v1 and v2, raw
 * IP (DLT_RAW and LINKTYPE_RAW 101, version nibble), DLT_IPV4/DLT_IPV6, BSD NULL (address family
 * in either byte order) and LOOP. Tunnels are opened at most two deep: GTP-U G-PDUs on UDP 2152
 * (mobile backhaul captures) and IP-in-IP (protocols 4 and 41); the packet then describes the
 * inner IP while the VLAN id and MACs stay those of the outer frame.
 *
 * Fragments are not reassembled. A non-first fragment (IPv4 offset > 0, IPv6 fragment header
 * offset > 0) returns LW_DECODE_FRAGMENT with its addresses filled in, for counting. A first
 * fragment (offset 0, more-fragments set) carries the TCP/UDP header, so it is decoded like a
 * whole packet: its ports put it in the right flow and its payload is inspected as far as this
 * fragment goes (payload_wire_len is what this fragment's IP header says it holds; the UDP
 * length field, which covers the whole datagram, is not enforced). The later fragments are not
 * seen. Reassembly is left out on purpose: overlapping fragments, timeouts and memory exhaustion
 * make it a classic attack surface, and fragmented TCP is rare on paths with PMTU discovery.
 *
 * An IPv4 total length or IPv6 payload length of 0 (segmentation offload, jumbograms) is taken
 * to mean "the captured bytes". Owns nothing: reads only the caller's bytes, checks every read
 * against what was captured, points into the frame (no copy, no allocation). out->ts_us is left
 * as the caller set it; every other field is rewritten.
 *
 * Checksums are not checked while decoding (most packets belong to flows nobody inspects any
 * more): decode_checksum verifies them on demand — the innermost IPv4 header, and the TCP or UDP
 * checksum over the pseudo-header and the segment when all of it was captured and it could have
 * crossed an Ethernet link as it is (offload merges segments into longer ones, checksums unset).
 */
#include "decode.h"

#include <pcap/dlt.h>
#include <string.h>

#define DECODE_LINKTYPE_RAW 101 /* LINKTYPE_RAW as stored in files; libpcap may map it to DLT_RAW */
#define DECODE_MAX_VLAN_TAGS 8
#define DECODE_MAX_MPLS_LABELS 16
#define DECODE_MAX_IPV6_EXT 8
#define DECODE_MAX_GTP_EXT 8
#define DECODE_MAX_TUNNELS 2
#define DECODE_GTPU_PORT 2152
/* An IP packet longer than Ethernet's MTU was merged or not yet split by the capturing host's
 * NIC (receive or segmentation offload): its TCP/UDP checksum is not the wire's, nor checked. */
#define DECODE_MTU 1500

enum {
    ETHERTYPE_IPV4 = 0x0800,
    ETHERTYPE_IPV6 = 0x86dd,
    ETHERTYPE_VLAN = 0x8100,
    ETHERTYPE_QINQ = 0x88a8,
    ETHERTYPE_QINQ_OLD = 0x9100,
    ETHERTYPE_MPLS = 0x8847,
    ETHERTYPE_MPLS_MULTICAST = 0x8848,
    ETHERTYPE_PPPOE_SESSION = 0x8864,
};

enum { PPP_IPV4 = 0x0021, PPP_IPV6 = 0x0057 };

enum {
    IPPROTO_NUM_HOPOPTS = 0,
    IPPROTO_NUM_IPIP = 4,
    IPPROTO_NUM_TCP = 6,
    IPPROTO_NUM_UDP = 17,
    IPPROTO_NUM_IPV6 = 41,
    IPPROTO_NUM_ROUTING = 43,
    IPPROTO_NUM_FRAGMENT = 44,
    IPPROTO_NUM_AH = 51,
    IPPROTO_NUM_DSTOPTS = 60,
};

static lw_decode_status decode_ip(const uint8_t *p, uint32_t len, lw_packet *out, int tunnels);

static uint16_t decode_be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t decode_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t decode_min(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

static lw_decode_status decode_tcp(const uint8_t *p, uint32_t cap, uint32_t wire, lw_packet *out)
{
    if (wire < 20)
        return LW_DECODE_MALFORMED;
    if (cap < 20)
        return LW_DECODE_TRUNCATED;
    uint32_t hlen = (uint32_t)(p[12] >> 4) * 4;
    if (hlen < 20 || hlen > wire)
        return LW_DECODE_MALFORMED;
    if (hlen > cap)
        return LW_DECODE_TRUNCATED;
    out->sport = decode_be16(p);
    out->dport = decode_be16(p + 2);
    out->seq = decode_be32(p + 4);
    out->ack = decode_be32(p + 8);
    out->tcp_flags = p[13];
    out->l4_hlen = (uint8_t)hlen;
    out->payload = p + hlen;
    out->payload_len = cap - hlen;
    out->payload_wire_len = wire - hlen;
    return LW_DECODE_OK;
}

/* Steps over the GTP-U header of a G-PDU; returns false when the bytes are not one carrying IP. */
static bool decode_gtpu_inner(const uint8_t *p, uint32_t len, uint32_t *inner_off)
{
    if (len < 8 || (p[0] & 0xf0) != 0x30 || p[1] != 0xff) /* version 1, GTP (not GTP'), G-PDU */
        return false;
    len = decode_min(len, 8u + decode_be16(p + 2));
    uint32_t off = 8;
    if (p[0] & 0x07) { /* sequence number, N-PDU number and next extension type are present */
        if (len < 12)
            return false;
        uint8_t next = p[11];
        off = 12;
        for (int i = 0; next != 0; i++) {
            if (i == DECODE_MAX_GTP_EXT || off >= len || p[off] == 0 || p[off] * 4u > len - off)
                return false;
            off += p[off] * 4u;
            next = p[off - 1];
        }
    }
    if (off >= len || ((p[off] >> 4) != 4 && (p[off] >> 4) != 6))
        return false;
    *inner_off = off;
    return true;
}

static lw_decode_status decode_udp(const uint8_t *p, uint32_t cap, uint32_t wire, bool first_fragment,
                                   lw_packet *out, int tunnels)
{
    if (wire < 8)
        return LW_DECODE_MALFORMED;
    if (cap < 8)
        return LW_DECODE_TRUNCATED;
    uint32_t udp_len = decode_be16(p + 4);
    if (udp_len < 8 || (udp_len > wire && !first_fragment))
        return LW_DECODE_MALFORMED;
    wire = decode_min(wire, udp_len);
    cap = decode_min(cap, wire);
    out->sport = decode_be16(p);
    out->dport = decode_be16(p + 2);
    out->l4_hlen = 8;
    out->payload = p + 8;
    out->payload_len = cap - 8;
    out->payload_wire_len = wire - 8;
    uint32_t inner;
    if (!first_fragment && tunnels < DECODE_MAX_TUNNELS &&
        (out->sport == DECODE_GTPU_PORT || out->dport == DECODE_GTPU_PORT) &&
        decode_gtpu_inner(out->payload, out->payload_len, &inner))
        return decode_ip(out->payload + inner, out->payload_len - inner, out, tunnels + 1);
    return LW_DECODE_OK;
}

/* cap: bytes captured from the L4 header on; wire: bytes the IP header says follow it. */
static lw_decode_status decode_l4(uint8_t proto, const uint8_t *p, uint32_t cap, uint32_t wire,
                                  bool first_fragment, lw_packet *out, int tunnels)
{
    out->l4proto = proto;
    out->l4_partial = first_fragment;
    if (proto == IPPROTO_NUM_TCP)
        return decode_tcp(p, cap, wire, out);
    if (proto == IPPROTO_NUM_UDP)
        return decode_udp(p, cap, wire, first_fragment, out, tunnels);
    if ((proto == IPPROTO_NUM_IPIP || proto == IPPROTO_NUM_IPV6) && !first_fragment &&
        tunnels < DECODE_MAX_TUNNELS)
        return decode_ip(p, cap, out, tunnels + 1);
    return LW_DECODE_OTHER_L4;
}

static lw_decode_status decode_ipv4(const uint8_t *p, uint32_t len, lw_packet *out, int tunnels)
{
    if (len < 20)
        return LW_DECODE_TRUNCATED;
    uint32_t hlen = (uint32_t)(p[0] & 0x0f) * 4;
    if (hlen < 20)
        return LW_DECODE_MALFORMED;
    if (hlen > len)
        return LW_DECODE_TRUNCATED;
    uint32_t total = decode_be16(p + 2);
    if (total == 0)
        total = len; /* offloaded segment captured before the NIC split it */
    if (total < hlen)
        return LW_DECODE_MALFORMED;
    out->l3 = p;
    out->l3_len = decode_min(len, total);
    out->src = (lw_addr){.family = 4};
    out->dst = (lw_addr){.family = 4};
    memcpy(out->src.bytes, p + 12, 4);
    memcpy(out->dst.bytes, p + 16, 4);
    uint16_t frag = decode_be16(p + 6);
    if (frag & 0x1fff)
        return LW_DECODE_FRAGMENT;
    return decode_l4(p[9], p + hlen, out->l3_len - hlen, total - hlen, (frag & 0x2000) != 0, out, tunnels);
}

static bool decode_ipv6_is_ext(uint8_t next)
{
    return next == IPPROTO_NUM_HOPOPTS || next == IPPROTO_NUM_ROUTING || next == IPPROTO_NUM_FRAGMENT ||
           next == IPPROTO_NUM_AH || next == IPPROTO_NUM_DSTOPTS;
}

static uint32_t decode_ipv6_ext_len(uint8_t next, uint8_t length_field)
{
    if (next == IPPROTO_NUM_AH)
        return (length_field + 2u) * 4;
    if (next == IPPROTO_NUM_FRAGMENT)
        return 8;
    return (length_field + 1u) * 8;
}

static lw_decode_status decode_ipv6(const uint8_t *p, uint32_t len, lw_packet *out, int tunnels)
{
    if (len < 40)
        return LW_DECODE_TRUNCATED;
    uint32_t total = decode_be16(p + 4) ? 40u + decode_be16(p + 4) : len; /* 0: jumbogram or offload */
    out->l3 = p;
    out->l3_len = decode_min(len, total);
    out->src = (lw_addr){.family = 6};
    out->dst = (lw_addr){.family = 6};
    memcpy(out->src.bytes, p + 8, 16);
    memcpy(out->dst.bytes, p + 24, 16);
    uint8_t next = p[6];
    uint32_t off = 40;
    bool first_fragment = false;
    for (int i = 0;; i++) {
        if (!decode_ipv6_is_ext(next))
            return decode_l4(next, p + off, out->l3_len - off, total - off, first_fragment, out, tunnels);
        if (i == DECODE_MAX_IPV6_EXT || total - off < 2)
            return LW_DECODE_MALFORMED;
        if (out->l3_len - off < 2)
            return LW_DECODE_TRUNCATED;
        uint32_t ext_len = decode_ipv6_ext_len(next, p[off + 1]);
        if (ext_len > total - off)
            return LW_DECODE_MALFORMED;
        if (ext_len > out->l3_len - off)
            return LW_DECODE_TRUNCATED;
        if (next == IPPROTO_NUM_FRAGMENT) {
            uint16_t frag = decode_be16(p + off + 2);
            if (frag & 0xfff8)
                return LW_DECODE_FRAGMENT;
            first_fragment = (frag & 1) != 0;
        }
        next = p[off];
        off += ext_len;
    }
}

static lw_decode_status decode_ip(const uint8_t *p, uint32_t len, lw_packet *out, int tunnels)
{
    if (len < 1)
        return LW_DECODE_TRUNCATED;
    if (p[0] >> 4 == 4)
        return decode_ipv4(p, len, out, tunnels);
    if (p[0] >> 4 == 6)
        return decode_ipv6(p, len, out, tunnels);
    return LW_DECODE_MALFORMED;
}

static lw_decode_status decode_mpls(const uint8_t *p, uint32_t len, lw_packet *out)
{
    for (uint32_t off = 0; off / 4 < DECODE_MAX_MPLS_LABELS; off += 4) {
        if (len - off < 4)
            return LW_DECODE_TRUNCATED;
        if (p[off + 2] & 0x01) { /* bottom of stack: no payload type is given, guess from the nibble */
            off += 4;
            if (off < len && (p[off] >> 4 == 4 || p[off] >> 4 == 6))
                return decode_ip(p + off, len - off, out, 0);
            return off < len ? LW_DECODE_NOT_IP : LW_DECODE_TRUNCATED;
        }
    }
    return LW_DECODE_MALFORMED;
}

static lw_decode_status decode_pppoe(const uint8_t *p, uint32_t len, lw_packet *out)
{
    if (len < 8)
        return LW_DECODE_TRUNCATED;
    if (p[0] != 0x11 || p[1] != 0x00) /* version 1 type 1, session data */
        return LW_DECODE_MALFORMED;
    uint16_t proto = decode_be16(p + 6);
    if (proto != PPP_IPV4 && proto != PPP_IPV6)
        return LW_DECODE_NOT_IP;
    return decode_ip(p + 8, len - 8, out, 0);
}

/* Dispatch on an Ethernet type, stepping over VLAN tags (the innermost id wins; with QinQ the
 * outermost is kept beside it). */
static lw_decode_status decode_ethertype(uint16_t type, const uint8_t *p, uint32_t len, lw_packet *out)
{
    for (int tags = 0; type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD; tags++) {
        if (tags == DECODE_MAX_VLAN_TAGS)
            return LW_DECODE_MALFORMED;
        if (len < 4)
            return LW_DECODE_TRUNCATED;
        if (tags == 1)
            out->vlan_outer = out->vlan;
        out->vlan = decode_be16(p) & 0x0fff;
        type = decode_be16(p + 2);
        p += 4;
        len -= 4;
    }
    switch (type) {
    case ETHERTYPE_IPV4:
    case ETHERTYPE_IPV6:
        return decode_ip(p, len, out, 0);
    case ETHERTYPE_MPLS:
    case ETHERTYPE_MPLS_MULTICAST:
        return decode_mpls(p, len, out);
    case ETHERTYPE_PPPOE_SESSION:
        return decode_pppoe(p, len, out);
    default:
        return LW_DECODE_NOT_IP;
    }
}

static lw_decode_status decode_ethernet(const uint8_t *p, uint32_t len, lw_packet *out)
{
    if (len < 14)
        return LW_DECODE_TRUNCATED;
    out->dst_mac = p;
    out->src_mac = p + 6;
    return decode_ethertype(decode_be16(p + 12), p + 14, len - 14, out);
}

/* Linux cooked v1: packet type, ARPHRD type, address length, 8 address bytes, protocol. */
static lw_decode_status decode_sll(const uint8_t *p, uint32_t len, lw_packet *out)
{
    if (len < 16)
        return LW_DECODE_TRUNCATED;
    if (decode_be16(p + 2) == 1 && decode_be16(p + 4) == 6) /* ARPHRD_ETHER: the sender's MAC */
        out->src_mac = p + 6;
    return decode_ethertype(decode_be16(p + 14), p + 16, len - 16, out);
}

/* Linux cooked v2: protocol, reserved, interface index, ARPHRD type, packet type, address. */
static lw_decode_status decode_sll2(const uint8_t *p, uint32_t len, lw_packet *out)
{
    if (len < 20)
        return LW_DECODE_TRUNCATED;
    if (decode_be16(p + 8) == 1 && p[11] == 6)
        out->src_mac = p + 12;
    return decode_ethertype(decode_be16(p), p + 20, len - 20, out);
}

/* BSD loopback: a 4-byte address family, host order of the capturing machine (NULL) or
 * network order (LOOP). IPv6 is 10 on Linux, 24, 28 or 30 on the BSDs and macOS. */
static lw_decode_status decode_loopback(const uint8_t *p, uint32_t len, bool network_order, lw_packet *out)
{
    if (len < 4)
        return LW_DECODE_TRUNCATED;
    uint32_t family = decode_be32(p);
    if (!network_order && family > 0xffff)
        family = (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
    switch (family) {
    case 2:
    case 10:
    case 24:
    case 28:
    case 30:
        return decode_ip(p + 4, len - 4, out, 0);
    default:
        return LW_DECODE_NOT_IP;
    }
}

lw_decode_status decode_packet(int linktype, const uint8_t *frame, uint32_t caplen, lw_packet *out)
{
    uint64_t ts_us = out->ts_us;
    memset(out, 0, sizeof *out);
    out->ts_us = ts_us;
    switch (linktype) {
    case DLT_EN10MB:
        return decode_ethernet(frame, caplen, out);
    case DLT_LINUX_SLL:
        return decode_sll(frame, caplen, out);
    case DLT_LINUX_SLL2:
        return decode_sll2(frame, caplen, out);
    case DLT_RAW:
    case DECODE_LINKTYPE_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
        return decode_ip(frame, caplen, out, 0);
    case DLT_NULL:
        return decode_loopback(frame, caplen, false, out);
    case DLT_LOOP:
        return decode_loopback(frame, caplen, true, out);
    default:
        return LW_DECODE_NOT_IP;
    }
}

bool decode_linktype_supported(int linktype)
{
    static const int supported[] = {DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, DECODE_LINKTYPE_RAW,
                                    DLT_IPV4,   DLT_IPV6,      DLT_NULL,       DLT_LOOP};
    for (size_t i = 0; i < LW_ARRAY_LEN(supported); i++)
        if (supported[i] == linktype)
            return true;
    return false;
}

/* ---- checksums (RFC 1071: one's complement sum of 16-bit words) ---- */

static uint16_t decode_fold(uint64_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)sum;
}

/* 32-bit big-endian words summed in 64 bits: congruent to the 16-bit sum modulo 0xffff. The bulk
 * is read eight bytes a step in the machine's order and summed apart: that sum, folded to 16
 * bits, is the big-endian one with its two bytes swapped (RFC 1071's byte-order independence). */
static uint64_t decode_sum(uint64_t sum, const uint8_t *p, size_t len)
{
    uint64_t native = 0;
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        native += (w & 0xffffffffu) + (w >> 32);
    }
    uint16_t folded = decode_fold(native);
    sum += (uint16_t)(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? folded << 8 | folded >> 8 : folded);
    for (; len >= 4; p += 4, len -= 4)
        sum += decode_be32(p);
    if (len >= 2)
        sum += decode_be16(p), p += 2, len -= 2;
    if (len)
        sum += (uint32_t)p[0] << 8;
    return sum;
}

lw_checksum decode_checksum(const lw_packet *p)
{
    bool v4 = p->src.family == 4;
    if (v4 && decode_fold(decode_sum(0, p->l3, (p->l3[0] & 0x0fu) * 4u)) != 0xffff)
        return LW_CHECKSUM_BAD;
    const uint8_t *l4 = p->payload - p->l4_hlen;
    uint32_t l4_len = p->l4_hlen + p->payload_wire_len;
    bool udp_unsummed = p->l4proto == 17 && l4[6] == 0 && l4[7] == 0;
    if (p->l4_partial || p->payload_len < p->payload_wire_len || udp_unsummed || p->l3_len > DECODE_MTU)
        return LW_CHECKSUM_UNCHECKED;
    size_t addr = v4 ? 4 : 16;
    uint64_t sum = decode_sum(decode_sum(0, p->src.bytes, addr), p->dst.bytes, addr) + p->l4proto + l4_len;
    return decode_fold(decode_sum(sum, l4, l4_len)) == 0xffff ? LW_CHECKSUM_OK : LW_CHECKSUM_BAD;
}

const char *decode_status_name(lw_decode_status s)
{
    static const char *const names[LW_DECODE_STATUS_COUNT] = {
        [LW_DECODE_OK] = "ok",
        [LW_DECODE_NOT_IP] = "not_ip",
        [LW_DECODE_OTHER_L4] = "other_l4",
        [LW_DECODE_FRAGMENT] = "fragment",
        [LW_DECODE_TRUNCATED] = "truncated",
        [LW_DECODE_MALFORMED] = "malformed",
    };
    return (unsigned)s < LW_DECODE_STATUS_COUNT ? names[s] : "unknown";
}
