/* writer.h — the single ordered writer: every worker's alert records go through it to the
 * outputs, one record at a time (never interleaved mid-line), in one canonical order —
 * position in the packet stream, then what the record is (engine_order) — whatever the
 * number of workers and however their threads interleave. In that order it applies the
 * rate limit, counts the alerts and, at the end (and every stats.interval live), writes the
 * stats record of all workers summed. Owns the rate limit, the pending records and the
 * workers' published counters; borrows the outputs. */
#ifndef LW_WRITER_H
#define LW_WRITER_H

#include "engine.h"
#include "output.h"

typedef struct writer writer;

/* queues: one per worker. live: flush every 100 ms and write a stats record every
 * stats.interval; a replay flushes every second and writes stats at the end only. The
 * outputs come with writer_attach, before the first pump. */
lw_status writer_new(const lw_config *cfg, unsigned queues, bool live, writer **w, char *err, size_t errlen);
void writer_attach(writer *w, outputs *out);
void writer_free(writer *w);

/* Worker side (worker k, any thread, one thread per k). A record at position pos (copied);
 * then writer_mark(k, m) once every record of k at positions below m is pushed. */
void writer_push(writer *w, unsigned k, uint64_t pos, const engine_record *r);
void writer_mark(writer *w, unsigned k, uint64_t mark);
/* Worker k's counters as they are now (summed into stats records and snapshots). */
void writer_publish_stats(writer *w, unsigned k, const lw_stats *s);

/* A replay's first packet: the start of its stats records' uptime and traffic (each worker
 * knows only its own first packet). */
void writer_first_packet(writer *w, uint64_t ts_us);

/* New rate-limit settings for records at positions from pos on. */
void writer_reload(writer *w, uint64_t pos, const lw_config *cfg);

/* Writer side: write every record whose position all workers have passed, flush and write
 * a stats record when due (clock: time of the stats record). Call from one thread at a time
 * (src/workers.c: the worker on reading duty, or live the main thread). */
void writer_pump(writer *w, uint64_t clock_us);
/* Any thread: the outputs are to be reopened (logrotate), at the next pump. */
void writer_reopen(writer *w);
/* After the workers ended: write what is left and the final stats record, flush. */
lw_status writer_finish(writer *w, uint64_t clock_us, char *err, size_t errlen);

/* A sink failed: the run must stop with exit 1. */
bool writer_failed(writer *w, char *err, size_t errlen);

/* All workers' counters summed, with the alerts as written (thread-safe). */
void writer_snapshot(writer *w, lw_stats *sum);
/* Worker k's counters (thread-safe). */
void writer_worker_stats(writer *w, unsigned k, lw_stats *s);

#endif
