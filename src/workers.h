/* workers.h — N packet workers (src/engine.c, each with its own flows, nDPI module,
 * reassembly, inspector and DNS names) behind one ordered writer (src/writer.c).
 * Replay: one reader (the calling thread) dispatches each flow, by a symmetric hash of its
 * addresses and ports, to one worker over a lock-free ring; DNS answers go to every worker
 * (each must know every name a device resolved), and so do the reader's clock ticks (flows
 * end at the same point of the packet stream in every worker): whatever N, a replay writes
 * the same records. Live: each worker reads its own members of the kernel's fanout groups
 * (src/live.c) and forwards the DNS answers it sees to the others. Owns the engines, the
 * threads and the writer; borrows the capture and the outputs. */
#ifndef LW_WORKERS_H
#define LW_WORKERS_H

#include <stdio.h>

#include "capture.h"
#include "config.h"
#include "live.h"
#include "output.h"
#include "stats.h"

typedef struct workers workers;

/* capture.workers = 0: the number of online CPUs, at most 8 (contract). */
unsigned workers_default_count(void);

/* Compiles the signatures and makes the engines: do it before the outputs open (a Redis
 * sink starts a thread, and the compiler runs in a forked child). */
lw_status workers_new(const lw_config *cfg, unsigned count, bool live, workers **w, char *err, size_t errlen);
void workers_free(workers *w);

/* The caller's turn, between packets in a replay and about ten times a second live (where
 * a pending reload is applied). */
typedef void (*workers_idle_fn)(void *user);

/* Replay the capture's files into the outputs, then end every flow and write the final
 * stats record. */
lw_status workers_replay(workers *w, capture *c, outputs *out, workers_idle_fn idle, void *user, char *err,
                         size_t errlen);
/* Capture live until workers_stop; then process what is still in the rings, end every flow,
 * write the final stats record. */
lw_status workers_live(workers *w, live *l, outputs *out, workers_idle_fn idle, void *user, char *err,
                       size_t errlen);

/* Async-signal-safe: end the run. */
void workers_stop(workers *w);

/* New configuration and signatures for every worker, and with refilter a new capture filter
 * (NULL = none): everything is checked first, and on error nothing changes. A replay applies
 * it at the current point of the packet stream (the filter from the next file on). Returns
 * once every worker uses cfg: the configuration it replaced may then be freed. */
lw_status workers_reload(workers *w, const lw_config *cfg, bool refilter, const char *filter, char *err,
                         size_t errlen);

/* The JSON files are reopened (logrotate), by the writer, between two records. */
void workers_reopen_outputs(workers *w);

/* Thread-safe: the counters of all workers summed (alerts as written), and the number of
 * workers (for the metrics server). */
unsigned workers_stats(workers *w, lw_stats *sum);

/* The --stats summary: the sum, then each worker's share when there are several. */
void workers_summary(workers *w, FILE *out);

#endif
