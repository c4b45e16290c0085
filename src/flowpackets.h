/* flowpackets.h — the packets of alerting flows (contract: outputs.pcap). Each flow that can
 * still alert keeps its frames, as they came, up to the reassembly depth of each direction;
 * an alert writes them to <dir>/<alert_id>.pcap, and the flow's later frames are appended
 * until it ends or the file holds max_bytes. One instance per packet worker; the per-flow
 * part hangs off flow.packets. Never exits: a failed write is logged once and counted. */
#ifndef LW_FLOWPACKETS_H
#define LW_FLOWPACKETS_H

#include <stdio.h>

#include "capture.h"

typedef struct flowpackets_config {
    const char *dir;
    uint64_t max_bytes;  /* per file, its header included */
    uint32_t depth;      /* frame bytes kept per direction before an alert (reassembly.depth) */
    uint64_t memcap;     /* kept frames of all flows of this worker together */
} flowpackets_config;

typedef struct flowpackets_stats {
    uint64_t files;            /* one per alert */
    uint64_t packets_written;
    uint64_t packets_cut;      /* not kept before an alert: past the depth, over the memcap,
                                * or of another link type than the flow's first frame */
    uint64_t files_full;       /* files that reached max_bytes */
    uint64_t errors;           /* writes that failed (disk full, permissions, file removed) */
    uint64_t mem_in_use, mem_peak;
} flowpackets_stats;

typedef struct flowpackets flowpackets;
typedef struct flow_packets flow_packets; /* one flow's part (flow.packets) */

/* log: where the first failure of each kind is reported (NULL: nowhere). */
flowpackets *flowpackets_new(const flowpackets_config *cfg, FILE *log);
/* Releases every flow's part too (files already written stay as they are). */
void flowpackets_free(flowpackets *fp);

/* A frame of the flow whose part is *part, travelling in direction dir (LW_DIR_*).
 * can_alert: the flow may still alert, so the frame is kept (up to the depth). Once the flow
 * has alerted, every frame goes to its file whatever can_alert says. */
void flowpackets_frame(flowpackets *fp, flow_packets **part, const capture_frame *frame, int dir, bool can_alert);

/* An alert of the flow: <dir>/<alert_id>.pcap with every frame kept so far. A second alert of
 * the same flow gets a hard link to the first one's file (same frames from then on). */
void flowpackets_alert(flowpackets *fp, flow_packets **part, const char *alert_id);

/* The flow can alert no more: its kept frames are released, unless it alerted. */
void flowpackets_settled(flowpackets *fp, flow_packets **part);

/* The flow ended: its last frames are written, its part released. */
void flowpackets_flow_end(flowpackets *fp, flow_packets **part);

/* Writes the frames of alerting flows that have waited a second or more (packet time). */
void flowpackets_tick(flowpackets *fp, uint64_t now_us);

const flowpackets_stats *flowpackets_get_stats(const flowpackets *fp);

#endif
