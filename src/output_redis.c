/* output_redis.c — the Redis alert bus: XADD (stream), RPUSH (list) or PUBLISH (channel)
 * of every record, stats records to "<key>:stats".
 *
 * Write-ahead: write() appends the record to the disk spool (src/spool.c) and returns; it
 * never waits for the network. The spool is the queue: one sender thread reads batches from
 * it in order, pipelines them, and acknowledges in the spool only what Redis confirmed, so a
 * crash of Redis or of leakwatch loses nothing that reached the spool. On a failure the
 * sender rewinds to the oldest unconfirmed record, drops the connection and retries with
 * exponential backoff. A spool left by an earlier run is simply delivered first.
 * A disk too full for the spool drops the record (counted) instead of ending the run.
 * Owns its hiredis context (used by the sender thread only, after open) and its spool.
 * Never drops a record silently; prints from the packet path only the line when the disk
 * fills and the one when it has room again. */
#include "output.h"

#include <errno.h>
#include <hiredis/hiredis.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spool.h"

#define REDIS_DEFAULT_SPOOL "/var/lib/leakwatch/spool"
#define REDIS_BACKOFF_MIN_MS 100
#define REDIS_BACKOFF_MAX_MS 5000

typedef enum redis_conn { REDIS_CONN_OK, REDIS_CONN_DOWN, REDIS_CONN_REFUSED } redis_conn;

typedef struct redis_sink {
    output_sink base;
    char name[300];
    char *host, *unix_path, *user, *password, *key, *stats_key;
    char maxlen[24];     /* "" = no trimming */
    int port, db, batch_max;
    lw_redis_mode mode;
    struct timeval timeout;
    redisContext *ctx;   /* sender thread only */
    unsigned backoff_ms; /* sender thread only */

    pthread_mutex_t lock;  /* guards everything below */
    pthread_cond_t wake;   /* work for the sender, or stop */
    pthread_t thread;
    spool *spool;
    spool_pos earlier;     /* the spool's tail at open: records up to it are an earlier run's */
    spool_record *batch;   /* in flight; data is read by the sender without the lock */
    size_t batch_count;
    bool stopping;
    bool connected;        /* the last attempt reached Redis */
    bool disk_full;        /* the last append found no room on the disk */
    char spool_error[LW_ERRBUF];
    char last_error[LW_ERRBUF];
    uint64_t delivered, spooled, replayed, dropped, reconnects, connects;
} redis_sink;

static redis_sink *redis_of(output_sink *base)
{
    return (redis_sink *)base;
}

/* ---- connection (sender thread, or open before the thread starts) ---- */

static redis_conn redis_command_ok(redis_sink *s, const char *what, redisReply *r, char *err, size_t errlen)
{
    if (!r) {
        snprintf(err, errlen, "%s: %s failed: %s", s->name, what, s->ctx->errstr);
        return REDIS_CONN_DOWN;
    }
    redis_conn rc = REDIS_CONN_OK;
    if (r->type == REDIS_REPLY_ERROR) {
        snprintf(err, errlen, "%s: %s failed: %s", s->name, what, r->str);
        rc = REDIS_CONN_REFUSED;
    }
    freeReplyObject(r);
    return rc;
}

/* hiredis 0.14 keeps neither timeout nor AUTH/SELECT across connections: apply all each time. */
static redis_conn redis_session_setup(redis_sink *s, char *err, size_t errlen)
{
    if (redisSetTimeout(s->ctx, s->timeout) != REDIS_OK || (!s->unix_path && redisEnableKeepAlive(s->ctx) != REDIS_OK)) {
        snprintf(err, errlen, "%s: %s", s->name, s->ctx->errstr);
        return REDIS_CONN_DOWN;
    }
    redis_conn rc = REDIS_CONN_OK;
    if (s->password && s->user)
        rc = redis_command_ok(s, "AUTH", redisCommand(s->ctx, "AUTH %s %s", s->user, s->password), err, errlen);
    else if (s->password)
        rc = redis_command_ok(s, "AUTH", redisCommand(s->ctx, "AUTH %s", s->password), err, errlen);
    if (rc == REDIS_CONN_OK && s->db != 0)
        rc = redis_command_ok(s, "SELECT", redisCommand(s->ctx, "SELECT %d", s->db), err, errlen);
    return rc;
}

static void redis_disconnect(redis_sink *s)
{
    if (s->ctx)
        redisFree(s->ctx);
    s->ctx = NULL;
}

static redis_conn redis_connect(redis_sink *s, char *err, size_t errlen)
{
    if (s->ctx)
        return REDIS_CONN_OK;
    s->ctx = s->unix_path ? redisConnectUnixWithTimeout(s->unix_path, s->timeout)
                          : redisConnectWithTimeout(s->host, s->port, s->timeout);
    if (!s->ctx || s->ctx->err) {
        snprintf(err, errlen, "%s: cannot connect: %s", s->name, s->ctx ? s->ctx->errstr : "out of memory");
        redis_disconnect(s);
        return REDIS_CONN_DOWN;
    }
    redis_conn rc = redis_session_setup(s, err, errlen);
    if (rc != REDIS_CONN_OK)
        redis_disconnect(s);
    else if (s->connects++ > 0)
        s->reconnects++;
    return rc;
}

/* ---- delivery (sender thread, without the lock) ---- */

static int redis_append(redis_sink *s, const spool_record *r)
{
    const char *key = r->tag == LW_RECORD_STATS ? s->stats_key : s->key;
    const char *argv[8];
    size_t lens[8];
    int argc = 0;
    if (s->mode == LW_REDIS_STREAM) {
        argv[argc++] = "XADD";
        argv[argc++] = key;
        if (s->maxlen[0]) {
            argv[argc++] = "MAXLEN";
            argv[argc++] = "~";
            argv[argc++] = s->maxlen;
        }
        argv[argc++] = "*";
        argv[argc++] = "eve";
    } else {
        argv[argc++] = s->mode == LW_REDIS_LIST ? "RPUSH" : "PUBLISH";
        argv[argc++] = key;
    }
    argv[argc] = r->data;
    for (int i = 0; i < argc; i++)
        lens[i] = strlen(argv[i]);
    lens[argc++] = r->len;
    return redisAppendCommandArgv(s->ctx, argc, argv, lens);
}

static bool redis_reply_ok(const redis_sink *s, const redisReply *r)
{
    return r->type == (s->mode == LW_REDIS_STREAM ? REDIS_REPLY_STRING : REDIS_REPLY_INTEGER);
}

/* Pipeline the batch; *ok = how many leading records Redis confirmed. */
static bool redis_deliver(redis_sink *s, const spool_record *recs, size_t n, size_t *ok, char *err, size_t errlen)
{
    *ok = 0;
    for (size_t i = 0; i < n; i++)
        if (redis_append(s, &recs[i]) != REDIS_OK) {
            snprintf(err, errlen, "%s: %s", s->name, s->ctx->errstr);
            return false;
        }
    for (size_t i = 0; i < n; i++) {
        redisReply *r = NULL;
        if (redisGetReply(s->ctx, (void **)&r) != REDIS_OK || !r) {
            snprintf(err, errlen, "%s: %s", s->name, s->ctx->errstr);
            return false;
        }
        bool good = redis_reply_ok(s, r);
        if (!good)
            snprintf(err, errlen, "%s: unexpected reply: %s", s->name, r->type == REDIS_REPLY_ERROR ? r->str : "wrong type");
        freeReplyObject(r);
        if (!good)
            return false;
        (*ok)++;
    }
    return true;
}

/* ---- the spool (with the lock held) ---- */

static void redis_spool_failed(redis_sink *s, const char *err)
{
    snprintf(s->spool_error, sizeof(s->spool_error), "%s", err);
}

static int pos_cmp(spool_pos a, spool_pos b)
{
    if (a.seq != b.seq)
        return a.seq < b.seq ? -1 : 1;
    return (a.off > b.off) - (a.off < b.off);
}

static void redis_take_batch(redis_sink *s)
{
    char err[LW_ERRBUF];
    if (spool_read(s->spool, s->batch, (size_t)s->batch_max, &s->batch_count, err, sizeof(err)) != LW_OK)
        redis_spool_failed(s, err);
}

/* After a delivery attempt: acknowledge the `ok` records Redis confirmed, rewind to the rest. */
static void redis_settle(redis_sink *s, size_t ok)
{
    char err[LW_ERRBUF];
    s->delivered += ok;
    for (size_t i = 0; i < ok; i++)
        s->replayed += pos_cmp(s->batch[i].end, s->earlier) <= 0;
    if (ok > 0 && spool_ack(s->spool, s->batch[ok - 1].end, err, sizeof(err)) != LW_OK)
        redis_spool_failed(s, err);
    if (ok < s->batch_count)
        spool_rewind(s->spool);
    spool_records_free(s->batch, s->batch_count);
    s->batch_count = 0;
}

/* ---- the sender thread ---- */

static void redis_deadline(struct timespec *ts, unsigned ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

static void redis_sync_spool(redis_sink *s)
{
    char err[LW_ERRBUF];
    if (spool_sync(s->spool, err, sizeof(err)) != LW_OK)
        redis_spool_failed(s, err);
}

/* Idle: wait for work, syncing the spool after a second without records (fsync "batch"). */
static void redis_wait_for_work(redis_sink *s)
{
    while (!s->stopping && spool_is_empty(s->spool)) {
        struct timespec ts;
        redis_deadline(&ts, 1000);
        if (pthread_cond_timedwait(&s->wake, &s->lock, &ts) == ETIMEDOUT)
            redis_sync_spool(s);
    }
}

static void redis_backoff(redis_sink *s)
{
    struct timespec ts;
    redis_deadline(&ts, s->backoff_ms);
    while (!s->stopping && pthread_cond_timedwait(&s->wake, &s->lock, &ts) != ETIMEDOUT)
        ;
    s->backoff_ms = s->backoff_ms * 2 > REDIS_BACKOFF_MAX_MS ? REDIS_BACKOFF_MAX_MS : s->backoff_ms * 2;
}

static void *redis_sender(void *arg)
{
    redis_sink *s = arg;
    /* A write to a dead server must fail with EPIPE here, not kill the process. */
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, NULL);
    pthread_mutex_lock(&s->lock);
    for (;;) {
        redis_wait_for_work(s);
        if (spool_is_empty(s->spool))
            break;
        redis_take_batch(s);
        pthread_mutex_unlock(&s->lock);
        char err[LW_ERRBUF] = "";
        size_t ok = 0;
        bool sent = s->batch_count > 0 && redis_connect(s, err, sizeof(err)) == REDIS_CONN_OK &&
                    redis_deliver(s, s->batch, s->batch_count, &ok, err, sizeof(err));
        pthread_mutex_lock(&s->lock);
        redis_settle(s, ok);
        s->connected = sent;
        if (sent) {
            s->backoff_ms = REDIS_BACKOFF_MIN_MS;
            continue;
        }
        if (err[0])
            snprintf(s->last_error, sizeof(s->last_error), "%s", err);
        redis_disconnect(s);
        redis_sync_spool(s);
        if (s->stopping)
            break;
        redis_backoff(s);
    }
    redis_sync_spool(s);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* ---- the output_sink interface ---- */

/* One line when the spool's disk fills up, one when a record fits again (lock held). */
static void redis_note_disk(redis_sink *s, bool full, bool appended)
{
    if (full && !s->disk_full)
        output_note(&s->base, "spool disk full: records are counted as dropped until there is room");
    else if (appended && s->disk_full)
        output_note(&s->base, "room again on the spool disk: spooling resumed");
    if (full || appended)
        s->disk_full = full;
}

/* The packet path: the record goes to the spool (the fsync policy decides when it is synced). */
static lw_status redis_write(output_sink *base, lw_record_kind kind, const char *json, size_t len, char *err,
                             size_t errlen)
{
    redis_sink *s = redis_of(base);
    char why[LW_ERRBUF];
    spool_counters before, after;
    lw_status st = LW_OK;
    pthread_mutex_lock(&s->lock);
    spool_get_counters(s->spool, &before);
    if (spool_append(s->spool, (uint8_t)kind, json, len, NULL, why, sizeof(why)) != LW_OK) {
        redis_spool_failed(s, why);
        snprintf(err, errlen, "%s: record lost: %s", s->name, why);
        s->dropped++;
        st = LW_ERR_RUNTIME;
    }
    spool_get_counters(s->spool, &after);
    s->dropped += after.dropped - before.dropped;
    s->spooled += after.appended - before.appended;
    redis_note_disk(s, after.disk_full > before.disk_full, after.appended > before.appended);
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    return st;
}

/* Never waits for Redis: what was written is in the spool; sync it (policy "batch"). */
static lw_status redis_flush(output_sink *base, char *err, size_t errlen)
{
    redis_sink *s = redis_of(base);
    pthread_mutex_lock(&s->lock);
    redis_sync_spool(s);
    lw_status st = LW_OK;
    if (s->spool_error[0]) {
        snprintf(err, errlen, "%s: %s", s->name, s->spool_error);
        s->spool_error[0] = '\0';
        st = LW_ERR_RUNTIME;
    }
    pthread_mutex_unlock(&s->lock);
    return st;
}

static void redis_health(output_sink *base, output_health *h)
{
    redis_sink *s = redis_of(base);
    spool_counters c;
    pthread_mutex_lock(&s->lock);
    spool_get_counters(s->spool, &c);
    h->redis_sinks++;
    h->redis_connected += s->connected;
    h->spool_bytes += c.pending_bytes;
    h->dropped += s->dropped;
    pthread_mutex_unlock(&s->lock);
}

static void redis_print_counters(redis_sink *s, FILE *out)
{
    spool_counters c;
    spool_get_counters(s->spool, &c);
    fprintf(out, "%s: delivered %llu, spooled %llu, spool_replayed %llu, dropped %llu, reconnects %llu",
            s->name, (unsigned long long)s->delivered, (unsigned long long)s->spooled,
            (unsigned long long)s->replayed, (unsigned long long)s->dropped, (unsigned long long)s->reconnects);
    if (c.torn)
        fprintf(out, ", torn %llu", (unsigned long long)c.torn);
    if (c.pending_bytes)
        fprintf(out, ", left in spool %llu bytes", (unsigned long long)c.pending_bytes);
    if (s->last_error[0] && c.pending_bytes)
        fprintf(out, " (last error: %s)", s->last_error);
    if (s->spool_error[0])
        fprintf(out, " (spool error: %s)", s->spool_error);
    fputc('\n', out);
}

static void redis_free(redis_sink *s)
{
    redis_disconnect(s);
    spool_close(s->spool);
    free(s->batch);
    free(s->host);
    free(s->unix_path);
    free(s->user);
    free(s->password);
    free(s->key);
    free(s->stats_key);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    free(s);
}

static void redis_close(output_sink *base, FILE *stats)
{
    redis_sink *s = redis_of(base);
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    if (stats)
        redis_print_counters(s, stats);
    redis_free(s);
}

/* ---- open ---- */

static char *dup_or_null(const char *v)
{
    return v ? strdup(v) : NULL;
}

static lw_status redis_copy_config(redis_sink *s, const lw_redis_config *rc)
{
    const char *key = rc->key && rc->key[0] ? rc->key : "leakwatch:alerts";
    s->unix_path = dup_or_null(rc->unix_path);
    s->host = strdup(rc->host && rc->host[0] ? rc->host : "127.0.0.1");
    s->user = dup_or_null(rc->user && rc->user[0] ? rc->user : NULL);
    s->password = dup_or_null(rc->password);
    s->key = strdup(key);
    s->stats_key = malloc(strlen(key) + sizeof(":stats"));
    if (!s->host || !s->key || !s->stats_key || (rc->unix_path && !s->unix_path) || (rc->password && !s->password))
        return LW_ERR_RUNTIME;
    sprintf(s->stats_key, "%s:stats", key);
    s->port = rc->port > 0 ? rc->port : 6379;
    s->db = rc->db;
    s->mode = rc->mode;
    if (rc->maxlen > 0)
        snprintf(s->maxlen, sizeof(s->maxlen), "%ld", rc->maxlen);
    s->batch_max = rc->batch > 0 ? rc->batch : 64;
    int ms = rc->timeout_ms > 0 ? rc->timeout_ms : 2000;
    s->timeout = (struct timeval){ms / 1000, (ms % 1000) * 1000};
    s->backoff_ms = REDIS_BACKOFF_MIN_MS;
    if (s->unix_path)
        snprintf(s->name, sizeof(s->name), "unix://%s", s->unix_path);
    else
        snprintf(s->name, sizeof(s->name), "redis://%s:%d", s->host, s->port);
    s->base.name = s->name;
    s->batch = calloc((size_t)s->batch_max, sizeof(*s->batch));
    return s->batch ? LW_OK : LW_ERR_RUNTIME;
}

static void redis_init_sync(redis_sink *s)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, &attr);
    pthread_condattr_destroy(&attr);
}

static lw_status redis_open_spool(redis_sink *s, const lw_redis_config *rc, char *err, size_t errlen)
{
    spool_options so = {rc->spool_dir && rc->spool_dir[0] ? rc->spool_dir : REDIS_DEFAULT_SPOOL,
                        rc->spool_max_bytes, rc->spool_overflow, rc->fsync};
    char why[LW_ERRBUF];
    if (spool_open(&so, &s->spool, why, sizeof(why)) == LW_OK) {
        s->earlier = spool_tail(s->spool);
        return LW_OK;
    }
    snprintf(err, errlen, "%s: %s", s->name, why);
    return LW_ERR_RUNTIME;
}

lw_status output_redis_open(const lw_redis_config *rc, output_sink **out, char *err, size_t errlen)
{
    redis_sink *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "redis: out of memory");
        return LW_ERR_RUNTIME;
    }
    redis_init_sync(s);
    if (redis_copy_config(s, rc) != LW_OK) {
        snprintf(err, errlen, "redis: out of memory");
        redis_free(s);
        return LW_ERR_RUNTIME;
    }
    /* Unreachable is fine (records spool until Redis is back); refused credentials are not. */
    if (redis_open_spool(s, rc, err, errlen) != LW_OK || redis_connect(s, err, errlen) == REDIS_CONN_REFUSED) {
        redis_free(s);
        return LW_ERR_RUNTIME;
    }
    s->base.write = redis_write;
    s->base.flush = redis_flush;
    s->base.close = redis_close;
    s->base.health = redis_health;
    s->connected = s->ctx != NULL;
    if (pthread_create(&s->thread, NULL, redis_sender, s) != 0) {
        snprintf(err, errlen, "%s: cannot start the sender thread", s->name);
        redis_free(s);
        return LW_ERR_RUNTIME;
    }
    *out = &s->base;
    return LW_OK;
}
