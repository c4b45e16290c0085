/* flow.h — the flow table: bidirectional 5-tuple (+VLAN) flows in an open-addressing hash
 * table over a chunked pool (flow addresses are stable), bounded by flows.max, expired by
 * packet time (idle and TCP-close timeouts) from three LRU lists (half-open, open, closing), so
 * expiry is incremental and replays are deterministic; the flows.memcap budget (memcap.h) counts
 * its entries and index. Owns the flow records; the per-flow state of later stages hangs
 * off `flow.stage` and is released by the owner's callback when the flow ends. */
#ifndef LW_FLOW_H
#define LW_FLOW_H

#include "common.h"
#include "decode.h"
#include "memcap.h"

typedef struct flow_key {
    lw_addr lo, hi;            /* endpoints in canonical order (lo < hi by address, then port) */
    uint16_t lo_port, hi_port;
    uint8_t l4proto;
    uint16_t vlan;
} flow_key;

enum { FLOW_DEVICE_INITIATOR = 0, FLOW_DEVICE_RESPONDER = 1, FLOW_DEVICE_NONE = 2 };

typedef struct flow {
    flow_key key;
    uint8_t initiator_is_lo;   /* which canonical end opened the flow */
    uint8_t device;            /* FLOW_DEVICE_*: which end is the home device (contract: src) */
    uint8_t tcp_closing;       /* FIN from both sides or RST seen */
    uint8_t fin_seen;          /* bit per direction */
    uint8_t checksum[2];       /* per direction: checksum.c's judgement of that side */
    uint64_t first_us, last_us;
    uint64_t id;               /* flow_id: deterministic, 51 bits (Suricata style) */
    uint32_t pkts[2];
    uint64_t bytes[2];
    void *stage;               /* the engine's per-flow state (classification, streams, findings) */
    struct flow_packets *packets; /* its frames, for outputs.pcap (flowpackets.h) */
    uint32_t index;            /* position in the pool (internal) */
    uint32_t lru_prev, lru_next;
    uint8_t lru_list;
} flow;

typedef struct flow_stats {
    uint64_t created, expired, evicted, closed;
    uint64_t evicted_memcap;   /* of the evicted: ended for room within flows.memcap */
    uint64_t active, peak;
} flow_stats;

typedef struct flow_table flow_table;

/* Called when a flow leaves the table (idle, closed, evicted for room, or at the end). */
typedef void (*flow_end_fn)(void *user, flow *f, const char *reason);

flow_table *flow_table_new(uint64_t max_flows, uint32_t idle_timeout_s, uint32_t closed_timeout_s,
                           flow_end_fn on_end, void *user);
void flow_table_free(flow_table *t);

/* Account the table's own memory (entries, index) in `mem` from now on and answer its reclaim
 * calls by ending flows: closing ones first, then half-open ones (no payload, no completed
 * handshake) that waited a second or more, then the least recently seen — never the flow of the
 * packet being handled (the last one looked up). A table that cannot grow within the budget
 * ends a flow (in the same order) and takes over its entry. */
void flow_table_use_memcap(flow_table *t, lw_memcap *mem);

/* Find or create the flow of packet p. *from_initiator tells the packet's direction.
 * Returns NULL only when memory ran out (counted by the caller). A new flow has stage NULL
 * and device FLOW_DEVICE_NONE (the caller decides who the device is). */
flow *flow_lookup(flow_table *t, const lw_packet *p, bool *from_initiator, bool *created);

/* Account a packet on f (counters, last seen, TCP close state, LRU position). */
void flow_update(flow_table *t, flow *f, const lw_packet *p, bool from_initiator);

/* End flows idle longer than their timeout at packet time now_us (incremental: stops at the
 * first flow still fresh). */
void flow_expire(flow_table *t, uint64_t now_us);

/* End every flow, oldest first (end of the run). */
void flow_flush_all(flow_table *t);

const flow_stats *flow_table_stats(const flow_table *t);

/* Addresses and ports of f's initiator and responder. */
const lw_addr *flow_initiator_addr(const flow *f);
const lw_addr *flow_responder_addr(const flow *f);
uint16_t flow_initiator_port(const flow *f);
uint16_t flow_responder_port(const flow *f);

#endif
