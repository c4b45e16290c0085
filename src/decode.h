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

/* Decode one frame of link type `linktype` (a DLT_* value from pcap_datalink). */
lw_decode_status decode_packet(int linktype, const uint8_t *frame, uint32_t caplen, lw_packet *out);

/* True when decode_packet knows this link type (checked once when a capture opens). */
bool decode_linktype_supported(int linktype);

const char *decode_status_name(lw_decode_status s);

#endif
