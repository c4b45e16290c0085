/* engine.h — one pipeline worker: takes frames from the capture and runs them through
 * decode → flow → reassembly → classify → inspect → signatures/policy → alert → outputs.
 * Owns the flow table, the per-flow stage state, the nDPI module, the inspector, the
 * signature scratch and the counters; borrows the outputs. */
#ifndef LW_ENGINE_H
#define LW_ENGINE_H

#include "capture.h"
#include "config.h"
#include "output.h"
#include "stats.h"

typedef struct engine engine;

lw_status engine_new(const lw_config *cfg, outputs *out, bool live, engine **e, char *err, size_t errlen);
void engine_free(engine *e);

/* capture_frame_fn: a frame, or NULL for an idle tick of a live capture. */
void engine_frame(void *engine_ptr, const capture_frame *frame);

/* Replace configuration-derived parts (policy, signatures, alert settings) atomically:
 * on error nothing changes and err says why. */
lw_status engine_reload(engine *e, const lw_config *cfg, char *err, size_t errlen);

/* End of the run: end every flow (final inspection), write the stats record, flush. */
lw_status engine_finish(engine *e, uint64_t drops, char *err, size_t errlen);

/* A sink failed (cannot write or spool): the run must stop with exit 1. */
bool engine_failed(const engine *e, char *err, size_t errlen);

const lw_stats *engine_stats(const engine *e);
/* The counters as they are now, the flow table's and reassembly's included (for metrics). */
void engine_stats_now(const engine *e, lw_stats *out);

#endif
