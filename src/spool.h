/* spool.h — a durable, ordered, size-capped queue of records on disk: the Redis sink's
 * write-ahead journal. Every record is appended before delivery is tried, read back oldest
 * first by the sender, and acknowledged once Redis confirmed it.
 * Owns a directory of append-only segment files plus an ack file. Not thread-safe: the
 * caller serialises every call. It never interprets the records (opaque bytes + a tag). */
#ifndef LW_SPOOL_H
#define LW_SPOOL_H

#include "common.h"
#include "config.h"

#define SPOOL_DEFAULT_MAX_BYTES (1024L * 1024 * 1024) /* used when max_bytes <= 0 */
#define SPOOL_RECORD_MAX (16u * 1024 * 1024)          /* longer records are refused */

typedef struct spool spool;

/* A place in the spool: a segment number and a byte offset in it. Ordered. */
typedef struct spool_pos {
    uint64_t seq;
    uint64_t off;
} spool_pos;

typedef struct spool_record {
    uint8_t tag;     /* the caller's kind of record */
    char *data;      /* malloc'ed, NUL-terminated for convenience */
    size_t len;
    spool_pos end;   /* just after this record: what spool_ack takes */
} spool_record;

typedef struct spool_options {
    const char *dir;
    long max_bytes;               /* cap of pending bytes on disk */
    lw_spool_overflow overflow;   /* what a full spool does with one more record */
    lw_fsync_policy fsync;
} spool_options;

typedef struct spool_counters {
    uint64_t appended;       /* records written */
    uint64_t dropped;        /* records lost to the size cap (either policy) or a full disk */
    uint64_t disk_full;      /* of them, records the disk had no room for (ENOSPC, EDQUOT, EFBIG) */
    uint64_t torn;           /* damaged records found at open (a crash mid-write) and cut off */
    uint64_t pending_bytes;  /* record bytes on disk not yet acknowledged */
    uint64_t open_records;   /* records found pending at open (an earlier run's spool) */
} spool_counters;

/* Create the directory if needed, check it is writable, cut torn records, load the ack
 * position. Errors name the directory. */
lw_status spool_open(const spool_options *opt, spool **out, char *err, size_t errlen);

/* Append one record behind all others. When the cap is reached, drop_newest drops this one
 * and drop_oldest drops the oldest until it fits (both counted in `dropped`, both LW_OK).
 * A disk without room drops this one too (counted in `dropped` and `disk_full`, LW_OK).
 * `end` (may be NULL) receives the record's end position, or the current ack position
 * when the record was dropped. */
lw_status spool_append(spool *sp, uint8_t tag, const char *data, size_t len, spool_pos *end,
                       char *err, size_t errlen);

/* fsync what was appended since the last sync (policy "batch": append also does this by itself
 * at least once a second while records arrive; call it when idle, at flush and at close).
 * A no-op for "never" and "always" (always syncs every record in spool_append). */
lw_status spool_sync(spool *sp, char *err, size_t errlen);

/* Read up to `max` records after the read cursor, which then moves past them. */
lw_status spool_read(spool *sp, spool_record *recs, size_t max, size_t *got, char *err, size_t errlen);
void spool_records_free(spool_record *recs, size_t n);

/* Every record up to `end` was delivered: forget it (no-op when already past). */
lw_status spool_ack(spool *sp, spool_pos end, char *err, size_t errlen);

/* Move the read cursor back to the oldest unacknowledged record (after a failed delivery). */
void spool_rewind(spool *sp);

bool spool_is_empty(const spool *sp);
/* The position just after the newest record (records up to it are already on disk). */
spool_pos spool_tail(const spool *sp);
void spool_get_counters(const spool *sp, spool_counters *c);
void spool_close(spool *sp);

#endif
