/* stats.c — renders the counters kept by the engine: as the contract's stats record for
 * the sinks, and as a short table for people on standard error. The record carries the
 * subset of Suricata's EVE stats leakwatch can fill with the same meaning (uptime,
 * capture.kernel_*, decoder.pkts/bytes, flow.tcp/udp), so EVE dashboards draw it. */
#include "stats.h"

#include <string.h>

#include "json.h"

static void stats_json_decode(json_buf *j, const lw_stats *s)
{
    json_key(j, "decode");
    json_object_begin(j);
    for (int i = 0; i < LW_DECODE_STATUS_COUNT; i++)
        json_kv_uint(j, decode_status_name((lw_decode_status)i), s->decode[i]);
    json_object_end(j);
}

static void stats_json_reassembly(json_buf *j, const reasm_stats *r)
{
    json_key(j, "reassembly");
    json_object_begin(j);
    json_kv_uint(j, "segments", r->segments);
    json_kv_uint(j, "bytes", r->bytes_delivered);
    json_kv_uint(j, "retransmissions", r->retransmissions);
    json_kv_uint(j, "overlaps_inconsistent", r->overlaps_inconsistent);
    json_kv_uint(j, "suspect_segments", r->suspect_segments);
    json_kv_uint(j, "suspect_filled", r->suspect_filled);
    json_kv_uint(j, "gaps", r->gaps);
    json_kv_uint(j, "midstream", r->midstream);
    json_kv_uint(j, "memcap_hits", r->memcap_hits);
    json_kv_uint(j, "mem_peak", r->mem_peak);
    json_object_end(j);
}

static void stats_json_pcap(json_buf *j, const flowpackets_stats *p)
{
    json_key(j, "pcap");
    json_object_begin(j);
    json_kv_uint(j, "files", p->files);
    json_kv_uint(j, "packets_written", p->packets_written);
    json_kv_uint(j, "packets_cut", p->packets_cut);
    json_kv_uint(j, "files_full", p->files_full);
    json_kv_uint(j, "errors", p->errors);
    json_kv_uint(j, "mem_peak", p->mem_peak);
    json_object_end(j);
}

static void stats_json_alerts(json_buf *j, const lw_stats *s)
{
    json_key(j, "alerts_by_category");
    json_object_begin(j);
    for (int c = 1; c < LW_CAT_COUNT; c++)
        json_kv_uint(j, lw_category_name((lw_category)c), s->alerts_by_category[c]);
    json_object_end(j);
}

/* Suricata's names for what both count. uptime is in the packets' time for a replay (so a
 * replay's record is deterministic) and wall time live; kernel_packets is what the capture
 * saw, the packets delivered and those it dropped. */
static void stats_json_eve(json_buf *j, const lw_stats *s, uint64_t ts_us)
{
    json_kv_uint(j, "uptime", s->start_us && ts_us > s->start_us ? (ts_us - s->start_us) / 1000000u : 0);
    json_key(j, "capture");
    json_object_begin(j);
    json_kv_uint(j, "kernel_packets", s->kernel_packets ? s->kernel_packets : s->packets + s->drops);
    json_kv_uint(j, "kernel_drops", s->drops);
    json_object_end(j);
    json_key(j, "decoder");
    json_object_begin(j);
    json_kv_uint(j, "pkts", s->packets);
    json_kv_uint(j, "bytes", s->bytes);
    json_object_end(j);
    json_key(j, "flow");
    json_object_begin(j);
    json_kv_uint(j, "tcp", s->flows_tcp);
    json_kv_uint(j, "udp", s->flows_udp);
    json_object_end(j);
}

static uint64_t stats_earliest(uint64_t a, uint64_t b)
{
    return a && b ? (a < b ? a : b) : a | b;
}

void stats_add(lw_stats *sum, const lw_stats *s)
{
    _Static_assert(sizeof(lw_stats) % sizeof(uint64_t) == 0, "lw_stats holds uint64_t counters only");
    uint64_t first = stats_earliest(sum->first_us, s->first_us), start = stats_earliest(sum->start_us, s->start_us);
    uint64_t last = sum->last_us > s->last_us ? sum->last_us : s->last_us;
    uint64_t a[sizeof *sum / sizeof(uint64_t)], b[sizeof *s / sizeof(uint64_t)];
    memcpy(a, sum, sizeof a);
    memcpy(b, s, sizeof b);
    for (size_t i = 0; i < LW_ARRAY_LEN(a); i++)
        a[i] += b[i];
    memcpy(sum, a, sizeof a);
    sum->first_us = first;
    sum->start_us = start;
    sum->last_us = last;
}

int stats_render_json(const lw_stats *s, uint64_t ts_us, const char *host, char *buf, size_t buflen)
{
    char ts[40];
    json_buf j;
    json_init(&j, buf, buflen);
    json_object_begin(&j);
    json_kv_string(&j, "timestamp", json_timestamp(ts_us, ts, sizeof ts));
    json_kv_string(&j, "event_type", "stats");
    json_kv_string(&j, "host", host);
    json_key(&j, "stats");
    json_object_begin(&j);
    json_kv_uint(&j, "packets", s->packets);
    json_kv_uint(&j, "bytes", s->bytes);
    json_kv_uint(&j, "drops", s->drops);
    json_kv_uint(&j, "flows", s->flows_tcp + s->flows_udp);
    json_kv_uint(&j, "alerts", s->alerts);
    json_kv_uint(&j, "flows_tcp", s->flows_tcp);
    json_kv_uint(&j, "flows_udp", s->flows_udp);
    json_kv_uint(&j, "flows_evicted", s->flow.evicted);
    json_kv_uint(&j, "flows_peak", s->flow.peak);
    json_kv_uint(&j, "flows_evicted_memcap", s->flow.evicted_memcap);
    json_kv_uint(&j, "flow_mem_peak", s->flow_mem_peak);
    json_kv_uint(&j, "flow_mem_refused", s->flow_mem_refused);
    json_kv_uint(&j, "checksum_invalid", s->checksum_invalid);
    json_kv_uint(&j, "checksum_offload", s->checksum_offload);
    json_kv_uint(&j, "alerts_suppressed", s->alerts_suppressed);
    json_kv_uint(&j, "classify_packets", s->classify_packets);
    json_kv_uint(&j, "inspections", s->inspections);
    json_kv_uint(&j, "bytes_inspected", s->bytes_inspected);
    json_kv_uint(&j, "dns_answers", s->dns_answers);
    json_kv_uint(&j, "out_of_memory", s->out_of_memory);
    stats_json_alerts(&j, s);
    stats_json_decode(&j, s);
    stats_json_reassembly(&j, &s->reasm);
    stats_json_pcap(&j, &s->pcap);
    stats_json_eve(&j, s, ts_us);
    json_object_end(&j);
    json_object_end(&j);
    return j.overflow ? -1 : (int)j.len;
}

void stats_print_summary(const lw_stats *s, FILE *out)
{
    double secs = s->last_us > s->first_us ? (double)(s->last_us - s->first_us) / 1e6 : 0.0;
    fprintf(out, "leakwatch summary\n");
    fprintf(out, "  packets   %llu (%llu bytes, %.1f s of traffic), dropped %llu\n",
            (unsigned long long)s->packets, (unsigned long long)s->bytes, secs, (unsigned long long)s->drops);
    fprintf(out, "  decode   ");
    for (int i = 0; i < LW_DECODE_STATUS_COUNT; i++)
        fprintf(out, " %s %llu", decode_status_name((lw_decode_status)i), (unsigned long long)s->decode[i]);
    fprintf(out, ", checksums wrong %llu (flow sides with offload %llu)", (unsigned long long)s->checksum_invalid,
            (unsigned long long)s->checksum_offload);
    fprintf(out, "\n  flows     %llu (tcp %llu, udp %llu), peak %llu, evicted %llu (%llu for flows.memcap), "
            "memory peak %llu bytes\n",
            (unsigned long long)(s->flows_tcp + s->flows_udp), (unsigned long long)s->flows_tcp,
            (unsigned long long)s->flows_udp, (unsigned long long)s->flow.peak, (unsigned long long)s->flow.evicted,
            (unsigned long long)s->flow.evicted_memcap, (unsigned long long)s->flow_mem_peak);
    fprintf(out, "  streams   %llu bytes reassembled, %llu gaps, %llu memcap hits, peak %llu bytes\n",
            (unsigned long long)s->reasm.bytes_delivered, (unsigned long long)s->reasm.gaps,
            (unsigned long long)s->reasm.memcap_hits, (unsigned long long)s->reasm.mem_peak);
    fprintf(out, "  nDPI      %llu packets classified, %llu flows final\n",
            (unsigned long long)s->classify_packets, (unsigned long long)s->classify_final);
    fprintf(out, "  inspected %llu times, %llu bytes; %llu DNS answers learned\n",
            (unsigned long long)s->inspections, (unsigned long long)s->bytes_inspected,
            (unsigned long long)s->dns_answers);
    fprintf(out, "  alerts    %llu (suppressed by rate limit %llu)\n", (unsigned long long)s->alerts,
            (unsigned long long)s->alerts_suppressed);
    for (int c = 1; c < LW_CAT_COUNT; c++)
        fprintf(out, "    %-22s %llu\n", lw_category_name((lw_category)c),
                (unsigned long long)s->alerts_by_category[c]);
    if (s->pcap.files || s->pcap.errors || s->pcap.packets_cut)
        fprintf(out, "  pcap      %llu files, %llu packets written, %llu cut, %llu errors\n",
                (unsigned long long)s->pcap.files, (unsigned long long)s->pcap.packets_written,
                (unsigned long long)s->pcap.packets_cut, (unsigned long long)s->pcap.errors);
}
