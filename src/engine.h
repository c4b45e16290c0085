/* engine.h — one pipeline worker: takes frames and runs them through
 * decode → flow → reassembly → classify → inspect → signatures/policy → alert.
 * Owns the flow table, the per-flow stage state, the nDPI module, the inspector, the
 * signature scratch, the DNS names and the counters; hands every alert record, with what the
 * writer needs to order and rate-limit it, to an emit function. Several engines run side
 * by side (src/workers.c), each owning its flows; they share nothing. */
#ifndef LW_ENGINE_H
#define LW_ENGINE_H

#include <stdio.h>

#include "capture.h"
#include "config.h"
#include "signatures.h"
#include "stats.h"

/* Where a record falls among the records of one position of the packet stream: flows that
 * end at the same moment in several workers are put in this order (writer.c). Records of a
 * packet carry zeros (one worker emits them, in order). */
typedef struct engine_order {
    uint8_t closing;               /* the flow ended from the TCP-closing list */
    uint64_t last_us, flow_id;
} engine_order;

/* An alert record and its rate-limit key. */
typedef struct engine_record {
    const char *json;
    size_t len;
    size_t suppressed_at;          /* where ,"suppressed":N goes (alert_render) */
    uint64_t ts_us;
    lw_addr device, dest;
    uint32_t signature_id;
    lw_category category;
    engine_order order;
} engine_record;

/* Takes a record (copies what it keeps); LW_ERR_RUNTIME when it can be neither written nor
 * spooled (err says why). */
typedef lw_status (*engine_emit_fn)(void *user, const engine_record *r, char *err, size_t errlen);

typedef struct engine_options {
    bool live;
    uint64_t flows_max;            /* this worker's share of flows.max */
    uint64_t reassembly_memcap;    /* … and of reassembly.memcap */
    uint64_t flows_memcap;         /* … and of flows.memcap */
    engine_emit_fn emit;
    void *emit_user;
    FILE *log;                     /* where stages report a failure once (outputs.pcap) */
    const sig_set *sigs;           /* the signatures, shared by every worker (borrowed); NULL: load them */
    bool answers_from_caller;      /* DNS answers come by engine_learn_answer, not from the packets */
} engine_options;

typedef struct engine engine;

lw_status engine_new(const lw_config *cfg, const engine_options *opt, engine **e, char *err, size_t errlen);
void engine_free(engine *e);

/* Load and drop what engine_reload would load (with sigs, borrowed, all but the
 * signatures): errors surface before any worker reloads. */
lw_status engine_check_rules(const lw_config *cfg, const sig_set *sigs, char *err, size_t errlen);

/* One frame of this worker's flows. Flows end only in engine_advance. */
void engine_frame(engine *e, const capture_frame *frame);
/* The same, decoded already (decode_packet; the replay's reader decodes to pick the worker). */
void engine_decoded(engine *e, const capture_frame *frame, lw_decode_status ds, const lw_packet *p);

/* A decoded packet of another worker's flow that carries DNS answers: learn the names
 * (every worker must know every name a device resolved), count nothing else. */
void engine_learn_dns(engine *e, const lw_packet *p);

/* One DNS answer the device resolved (a replay's reader hands each to the worker of the
 * device and that address): learn it and count it. */
void engine_learn_answer(engine *e, const lw_addr *device, const char *qname, const lw_addr *addr, uint32_t ttl_s,
                         uint64_t ts_us);

/* Time is now_us (packet time; live, the wall clock when the link is silent): flows idle
 * longer than their timeout end. */
void engine_advance(engine *e, uint64_t now_us);

/* Replace configuration-derived parts (policy, signatures, alert settings) atomically:
 * on error nothing changes and err says why. sigs: the new signature set, borrowed (it must
 * outlive the engine's use of it); NULL: load it from cfg. */
lw_status engine_reload(engine *e, const lw_config *cfg, const sig_set *sigs, char *err, size_t errlen);

/* End of the run: end every flow (final inspection). */
void engine_finish(engine *e);

/* The emit function failed: the run must stop with exit 1. */
bool engine_failed(const engine *e, char *err, size_t errlen);

/* The counters, flow-table and reassembly figures brought up to date. */
const lw_stats *engine_stats(engine *e);

#endif
