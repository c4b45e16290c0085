/* decode.h — link layer, IPv4/IPv6 and TCP/UDP headers into an lw_packet.
 * Stage 2 of the pipeline: it only reads bytes the capture gave it, bounds-checks every
 * read, and points into the original buffer (no copies, no allocation). */
#ifndef LW_DECODE_H
#define LW_DECODE_H

#include "common.h"

#define LW_TCP_FIN 0x01
#define LW_TCP_SYN 0x02
#define LW_TCP_RST 0x04
#define LW_TCP_PSH 0x08
#define LW_TCP_ACK 0x10

typedef struct lw_packet {
    uint64_t ts_us;            /* packet time, microseconds since the epoch */
    const uint8_t *l3;         /* IP header (what nDPI wants) */
    uint32_t l3_len;           /* captured bytes from l3 on, clipped to the IP total length */
    lw_addr src, dst;
    uint16_t sport, dport;
    uint8_t l4proto;           /* 6 TCP, 17 UDP */
    uint16_t vlan;             /* innermost 802.1Q id, 0 when untagged */
    uint16_t vlan_outer;       /* outermost id when there are two or more tags (QinQ), else 0 */
    const uint8_t *src_mac;    /* Ethernet source (6 bytes) or NULL */
    const uint8_t *dst_mac;
    uint8_t tcp_flags;
    uint32_t seq, ack;
    const uint8_t *payload;    /* L4 payload actually captured */
    uint32_t payload_len;
    uint32_t payload_wire_len; /* payload length per the IP header (>= payload_len when snapped) */
    uint8_t l4_hlen;           /* TCP or UDP header bytes before payload */
    bool l4_partial;           /* a first fragment: the L4 checksum covers bytes not in it */
} lw_packet;

typedef enum lw_decode_status {
    LW_DECODE_OK = 0,
    LW_DECODE_NOT_IP,       /* ARP, LLDP …: not our business, counted */
    LW_DECODE_OTHER_L4,     /* ICMP, SCTP, ESP …: counted */
    LW_DECODE_FRAGMENT,     /* a non-first IP fragment: counted, not reassembled */
    LW_DECODE_TRUNCATED,    /* header cut short by the snap length or the file */
    LW_DECODE_MALFORMED,    /* impossible header values */
    LW_DECODE_STATUS_COUNT
} lw_decode_status;

typedef enum lw_checksum {
    LW_CHECKSUM_OK = 0,
    LW_CHECKSUM_BAD,         /* the IPv4 header's or the TCP/UDP checksum is wrong */
    LW_CHECKSUM_UNCHECKED,   /* the IPv4 header is right; the rest is not all here (snapped, a
                                first fragment) or carries no checksum (UDP over IPv4 with 0) */
} lw_checksum;

/* Decode one frame of link type `linktype` (a DLT_* value from pcap_datalink). */
lw_decode_status decode_packet(int linktype, const uint8_t *frame, uint32_t caplen, lw_packet *out);

/* True when decode_packet knows this link type (checked once when a capture opens). */
bool decode_linktype_supported(int linktype);

const char *decode_status_name(lw_decode_status s);

/* The checksums of a packet decode_packet accepted (LW_DECODE_OK): the innermost IPv4 header's,
 * and the TCP or UDP checksum over the pseudo-header (IPv4 or IPv6) and the segment. Reads
 * only the bytes the packet points at. */
lw_checksum decode_checksum(const lw_packet *p);

#endif
