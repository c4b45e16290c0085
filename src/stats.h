/* stats.h — the run's counters (packets, bytes, drops, decode outcomes, flows, reassembly,
 * inspection, alerts by category), their sum over workers, and their two renderings: the
 * contract's stats record (JSON, with Suricata's EVE shape for what both count) and the
 * readable --stats summary. Owns nothing but the numbers. */
#ifndef LW_STATS_H
#define LW_STATS_H

#include <stdio.h>

#include "common.h"
#include "decode.h"
#include "flow.h"
#include "flowpackets.h"
#include "reassembly.h"

/* Every member is a uint64_t counter (stats_add sums them), except the times. */
typedef struct lw_stats {
    uint64_t packets, bytes, drops;
    uint64_t kernel_packets;       /* live: what the kernel handed the capture, drops included */
    uint64_t decode[LW_DECODE_STATUS_COUNT];
    uint64_t flows_tcp, flows_udp;
    flow_stats flow;
    uint64_t flow_mem_peak, flow_mem_refused; /* flows.memcap: peak bytes, reservations refused */
    uint64_t checksum_invalid;         /* suspect packets: a wrong checksum the receiver would refuse */
    uint64_t checksum_offload;         /* flow sides judged checksum offload (not validated) */
    reasm_stats reasm;
    uint64_t classify_packets, classify_final;
    uint64_t inspections, bytes_inspected;
    uint64_t dns_answers;
    uint64_t alerts, alerts_by_category[LW_CAT_COUNT], alerts_suppressed;
    uint64_t out_of_memory;
    flowpackets_stats pcap;            /* outputs.pcap (zero when not configured) */
    uint64_t first_us, last_us;
    uint64_t start_us;         /* uptime's origin: the start (live) or the first packet (replay) */
} lw_stats;

/* Add one worker's counters to a sum: counters and peaks add up (a peak is per worker),
 * first_us and start_us are the earliest, last_us the latest. */
void stats_add(lw_stats *sum, const lw_stats *s);

/* The stats record: {"timestamp":…,"event_type":"stats","host":…,"stats":{…}} (host: the
 * sensor's name). Returns the length, or -1 when buf is too small. */
int stats_render_json(const lw_stats *s, uint64_t ts_us, const char *host, char *buf, size_t buflen);

/* Human-readable end-of-run summary (--stats). */
void stats_print_summary(const lw_stats *s, FILE *out);

#endif
