/* output.h — the sink interface and the fan-out to every configured sink. A sink receives
 * finished JSON records (alerts and stats), one at a time, in order; it never sees packets.
 * Owns the sinks it opened. */
#ifndef LW_OUTPUT_H
#define LW_OUTPUT_H

#include "common.h"
#include "config.h"

typedef enum lw_record_kind { LW_RECORD_ALERT = 0, LW_RECORD_STATS } lw_record_kind;

/* What the sinks report to the metrics (summed over the sinks). */
typedef struct output_health {
    uint64_t dropped;          /* records lost: a full disk, a full spool */
    uint64_t spool_bytes;      /* record bytes waiting in the Redis spools */
    uint32_t redis_sinks;      /* Redis sinks configured … */
    uint32_t redis_connected;  /* … and of them connected after their last attempt */
} output_health;

typedef struct output_sink output_sink;
struct output_sink {
    const char *name;     /* "json:-", "redis://host:port" (no password) */
    /* Accept one record (no trailing newline). LW_OK, or LW_ERR_RUNTIME when the record could
     * neither be written nor spooled (then err is set). */
    lw_status (*write)(output_sink *s, lw_record_kind kind, const char *json, size_t len,
                       char *err, size_t errlen);
    /* Push buffered records out (end of a batch or of the run). */
    lw_status (*flush)(output_sink *s, char *err, size_t errlen);
    /* Flush, release. Also prints the sink's own counters to `stats` when not NULL. */
    void (*close)(output_sink *s, FILE *stats);
    /* Optional: close and reopen the file (logrotate moved it away). */
    void (*reopen)(output_sink *s);
    /* Optional: add the sink's figures to h (thread-safe). */
    void (*health)(output_sink *s, output_health *h);
};

typedef struct outputs outputs;

lw_status outputs_open(const lw_config *cfg, outputs **out, char *err, size_t errlen);
lw_status outputs_write(outputs *o, lw_record_kind kind, const char *json, size_t len, char *err, size_t errlen);
lw_status outputs_flush(outputs *o, char *err, size_t errlen);
/* SIGHUP, SIGUSR2: every file sink reopens its path (call it from the writing thread). */
void outputs_reopen(outputs *o);
/* Safe from any thread while the sinks are open. */
void outputs_health(outputs *o, output_health *h);
void outputs_close(outputs *o, FILE *stats);

/* A sink's one line on standard error about a condition that is not a failure (the disk filled
 * or has room again, a reopen failed): "leakwatch: <sink>: <message>". Sinks call it when the
 * condition starts or ends, never per record. */
void output_note(const output_sink *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Constructors of the sinks (one file each). */
lw_status output_json_open(const char *path, output_sink **out, char *err, size_t errlen);
lw_status output_redis_open(const lw_redis_config *rc, output_sink **out, char *err, size_t errlen);

#endif
