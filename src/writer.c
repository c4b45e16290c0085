/* writer.c — workers push their records onto their own queue (a mutex-guarded list: alerts
 * are rare, a packet never waits here) and move their mark forward: "every record of mine
 * below this position is pushed". The writer takes the queues, keeps what it took in one
 * pending list, and writes every record below the lowest mark, sorted by (position, order,
 * worker, arrival): a position's records come from one worker, except where flows end
 * (a second of the reader's clock, the end of the run), and there the flows' own order
 * decides. The rate limit and the alert counts are decided here, in that order; an alert
 * the limit let through after holding repeats back gets `,"suppressed":N` spliced in at the
 * place alert_render marked. Stats records sum the counters each worker last published. */
#include "writer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ratelimit.h"

#define WRITER_STATS_BYTES 65536

typedef struct writer_item {
    uint64_t pos, seq;
    unsigned queue;
    engine_record rec;             /* rec.json points at text */
    char text[];
} writer_item;

typedef struct writer_list {
    writer_item **items;
    size_t n, cap;
} writer_list;

typedef struct writer_queue {
    pthread_mutex_t lock;          /* guards list, seq and stats */
    writer_list list;
    uint64_t seq;
    lw_stats stats;
    _Alignas(64) _Atomic uint64_t mark;
} writer_queue;

typedef struct writer_reload_at {
    uint64_t pos;
    uint32_t count, interval_s;
} writer_reload_at;

struct writer {
    outputs *out;
    char host[256];                /* sensor.name: "host" of the stats records (under lock) */
    bool live;
    uint32_t stats_interval_s;
    unsigned n;
    writer_queue *queues;
    writer_list pending;           /* the pumping thread's */
    ratelimit *rate;
    char *buf;                     /* a record with its suppressed count, or the stats record */
    uint64_t last_flush_us, last_stats_us;
    bool unflushed;
    pthread_mutex_t lock;          /* guards everything below */
    writer_reload_at *reloads;
    size_t n_reloads;
    lw_stats written;              /* alerts, alerts_by_category, alerts_suppressed */
    uint64_t first_us;             /* a replay's first packet (the workers only know their own) */
    bool failed;
    char fail_msg[LW_ERRBUF];
    _Atomic bool reopen;           /* the JSON files are to be reopened (logrotate) */
};

static uint64_t writer_wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

lw_status writer_new(const lw_config *cfg, unsigned queues, bool live, writer **result, char *err, size_t errlen)
{
    writer *w = calloc(1, sizeof *w);
    if (w) {
        w->queues = calloc(queues, sizeof *w->queues);
        w->rate = ratelimit_new(cfg->rate_limit_count, cfg->rate_limit_interval_s);
        w->buf = malloc(WRITER_STATS_BYTES);
    }
    if (!w || !w->queues || !w->rate || !w->buf) {
        if (w) {
            free(w->queues);
            ratelimit_free(w->rate);
            free(w->buf);
            free(w);
        }
        snprintf(err, errlen, "writer: out of memory");
        return LW_ERR_RUNTIME;
    }
    config_sensor_name(cfg, w->host, sizeof w->host);
    w->live = live;
    w->stats_interval_s = cfg->stats_interval_s;
    w->n = queues;
    for (unsigned k = 0; k < queues; k++)
        pthread_mutex_init(&w->queues[k].lock, NULL);
    pthread_mutex_init(&w->lock, NULL);
    w->last_flush_us = writer_wall_us();
    *result = w;
    return LW_OK;
}

void writer_attach(writer *w, outputs *out)
{
    w->out = out;
}

static void writer_list_clear(writer_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    *l = (writer_list){0};
}

void writer_free(writer *w)
{
    if (!w)
        return;
    for (unsigned k = 0; k < w->n; k++) {
        writer_list_clear(&w->queues[k].list);
        pthread_mutex_destroy(&w->queues[k].lock);
    }
    writer_list_clear(&w->pending);
    pthread_mutex_destroy(&w->lock);
    free(w->queues);
    free(w->reloads);
    ratelimit_free(w->rate);
    free(w->buf);
    free(w);
}

static bool writer_list_add(writer_list *l, writer_item *item)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        writer_item **grown = realloc(l->items, cap * sizeof *grown);
        if (!grown)
            return false;
        l->items = grown;
        l->cap = cap;
    }
    l->items[l->n++] = item;
    return true;
}

static void writer_fail(writer *w, const char *msg)
{
    pthread_mutex_lock(&w->lock);
    if (!w->failed)
        snprintf(w->fail_msg, sizeof w->fail_msg, "%s", msg);
    w->failed = true;
    pthread_mutex_unlock(&w->lock);
}

void writer_push(writer *w, unsigned k, uint64_t pos, const engine_record *r)
{
    writer_queue *q = &w->queues[k];
    writer_item *item = malloc(sizeof *item + r->len + 1);
    if (!item) {
        writer_fail(w, "writer: out of memory");
        return;
    }
    memcpy(item->text, r->json, r->len);
    item->text[r->len] = '\0';
    item->pos = pos;
    item->queue = k;
    item->rec = *r;
    item->rec.json = item->text;
    pthread_mutex_lock(&q->lock);
    item->seq = q->seq++;
    bool added = writer_list_add(&q->list, item);
    pthread_mutex_unlock(&q->lock);
    if (!added) {
        free(item);
        writer_fail(w, "writer: out of memory");
    }
}

void writer_mark(writer *w, unsigned k, uint64_t mark)
{
    atomic_store_explicit(&w->queues[k].mark, mark, memory_order_release);
}

void writer_publish_stats(writer *w, unsigned k, const lw_stats *s)
{
    writer_queue *q = &w->queues[k];
    pthread_mutex_lock(&q->lock);
    q->stats = *s;
    pthread_mutex_unlock(&q->lock);
}

void writer_first_packet(writer *w, uint64_t ts_us)
{
    pthread_mutex_lock(&w->lock);
    w->first_us = ts_us;
    pthread_mutex_unlock(&w->lock);
}

void writer_reload(writer *w, uint64_t pos, const lw_config *cfg)
{
    pthread_mutex_lock(&w->lock);
    writer_reload_at *grown = realloc(w->reloads, (w->n_reloads + 1) * sizeof *grown);
    if (grown) {
        w->reloads = grown;
        w->reloads[w->n_reloads++] = (writer_reload_at){pos, cfg->rate_limit_count, cfg->rate_limit_interval_s};
    }
    config_sensor_name(cfg, w->host, sizeof w->host);
    pthread_mutex_unlock(&w->lock);
}

/* Rate-limit settings of reloads that take effect at or before pos. */
static void writer_apply_reloads(writer *w, uint64_t pos)
{
    pthread_mutex_lock(&w->lock);
    size_t done = 0;
    while (done < w->n_reloads && w->reloads[done].pos <= pos) {
        ratelimit_set(w->rate, w->reloads[done].count, w->reloads[done].interval_s);
        done++;
    }
    if (done) {
        memmove(w->reloads, w->reloads + done, (w->n_reloads - done) * sizeof *w->reloads);
        w->n_reloads -= done;
    }
    pthread_mutex_unlock(&w->lock);
}

static int writer_compare(const void *pa, const void *pb)
{
    const writer_item *a = *(writer_item *const *)pa, *b = *(writer_item *const *)pb;
    const engine_order *x = &a->rec.order, *y = &b->rec.order;
#define WRITER_CMP(u, v) \
    if ((u) != (v))      \
        return (u) < (v) ? -1 : 1;
    WRITER_CMP(a->pos, b->pos)
    WRITER_CMP(x->closing, y->closing)
    WRITER_CMP(x->last_us, y->last_us)
    WRITER_CMP(x->flow_id, y->flow_id)
    WRITER_CMP(a->queue, b->queue)
    WRITER_CMP(a->seq, b->seq)
#undef WRITER_CMP
    return 0;
}

static void writer_output(writer *w, lw_record_kind kind, const char *json, size_t len)
{
    char err[LW_ERRBUF] = "";
    if (outputs_write(w->out, kind, json, len, err, sizeof err) != LW_OK)
        writer_fail(w, err);
    w->unflushed = true;
}

/* One alert in canonical order: the rate limit decides, the counts follow. */
static void writer_alert(writer *w, const writer_item *item)
{
    const engine_record *r = &item->rec;
    uint32_t carried;
    writer_apply_reloads(w, item->pos);
    bool pass = ratelimit_pass(w->rate, &r->device, &r->dest, r->signature_id, r->ts_us, &carried);
    pthread_mutex_lock(&w->lock);
    w->written.alerts_suppressed = ratelimit_suppressed(w->rate);
    if (pass) {
        w->written.alerts++;
        w->written.alerts_by_category[r->category < LW_CAT_COUNT ? r->category : 0]++;
    }
    pthread_mutex_unlock(&w->lock);
    if (!pass)
        return;
    if (!carried || r->suppressed_at > r->len) {
        writer_output(w, LW_RECORD_ALERT, r->json, r->len);
        return;
    }
    int n = snprintf(w->buf, WRITER_STATS_BYTES, "%.*s,\"suppressed\":%u%s", (int)r->suppressed_at, r->json,
                     carried, r->json + r->suppressed_at);
    if (n > 0 && n < WRITER_STATS_BYTES)
        writer_output(w, LW_RECORD_ALERT, w->buf, (size_t)n);
    else
        writer_output(w, LW_RECORD_ALERT, r->json, r->len);
}

/* Take what the workers pushed; returns the lowest mark (read before taking, so every
 * record below it is taken). */
static uint64_t writer_take(writer *w)
{
    uint64_t low = UINT64_MAX;
    for (unsigned k = 0; k < w->n; k++) {
        writer_queue *q = &w->queues[k];
        uint64_t mark = atomic_load_explicit(&q->mark, memory_order_acquire);
        if (mark < low)
            low = mark;
        pthread_mutex_lock(&q->lock);
        for (size_t i = 0; i < q->list.n; i++)
            if (!writer_list_add(&w->pending, q->list.items[i])) {
                free(q->list.items[i]);
                writer_fail(w, "writer: out of memory");
            }
        q->list.n = 0;
        pthread_mutex_unlock(&q->lock);
    }
    return low;
}

/* Write the pending records below `low`, in order. */
static void writer_release(writer *w, uint64_t low)
{
    writer_list *p = &w->pending;
    if (!p->n)
        return;
    qsort(p->items, p->n, sizeof *p->items, writer_compare);
    size_t done = 0;
    for (; done < p->n && p->items[done]->pos < low; done++) {
        writer_alert(w, p->items[done]);
        free(p->items[done]);
    }
    memmove(p->items, p->items + done, (p->n - done) * sizeof *p->items);
    p->n -= done;
}

void writer_snapshot(writer *w, lw_stats *sum)
{
    memset(sum, 0, sizeof *sum);
    for (unsigned k = 0; k < w->n; k++) {
        pthread_mutex_lock(&w->queues[k].lock);
        stats_add(sum, &w->queues[k].stats);
        pthread_mutex_unlock(&w->queues[k].lock);
    }
    pthread_mutex_lock(&w->lock);
    sum->alerts = w->written.alerts;
    memcpy(sum->alerts_by_category, w->written.alerts_by_category, sizeof sum->alerts_by_category);
    sum->alerts_suppressed = w->written.alerts_suppressed;
    if (w->first_us)
        sum->first_us = sum->start_us = w->first_us;
    pthread_mutex_unlock(&w->lock);
}

void writer_worker_stats(writer *w, unsigned k, lw_stats *s)
{
    pthread_mutex_lock(&w->queues[k].lock);
    *s = w->queues[k].stats;
    pthread_mutex_unlock(&w->queues[k].lock);
}

static void writer_stats_record(writer *w, uint64_t clock_us)
{
    lw_stats sum;
    char host[sizeof w->host];
    writer_snapshot(w, &sum);
    pthread_mutex_lock(&w->lock);
    memcpy(host, w->host, sizeof host);
    pthread_mutex_unlock(&w->lock);
    int n = stats_render_json(&sum, clock_us, host, w->buf, WRITER_STATS_BYTES);
    if (n > 0)
        writer_output(w, LW_RECORD_STATS, w->buf, (size_t)n);
}

static void writer_flush(writer *w)
{
    char err[LW_ERRBUF] = "";
    if (outputs_flush(w->out, err, sizeof err) != LW_OK)
        writer_fail(w, err);
    w->unflushed = false;
}

void writer_reopen(writer *w)
{
    atomic_store(&w->reopen, true);
}

void writer_pump(writer *w, uint64_t clock_us)
{
    if (atomic_exchange(&w->reopen, false))
        outputs_reopen(w->out);
    writer_release(w, writer_take(w));
    if (w->live && w->stats_interval_s) {
        if (!w->last_stats_us)
            w->last_stats_us = clock_us;
        if (clock_us >= w->last_stats_us + (uint64_t)w->stats_interval_s * 1000000u) {
            w->last_stats_us = clock_us;
            writer_stats_record(w, clock_us);
        }
    }
    /* Sinks buffer; a consumer downstream sees records within ~100 ms live, ~1 s in a replay. */
    uint64_t wall = writer_wall_us();
    if (w->unflushed && wall >= w->last_flush_us + (w->live ? 100000u : 1000000u)) {
        w->last_flush_us = wall;
        writer_flush(w);
    }
}

lw_status writer_finish(writer *w, uint64_t clock_us, char *err, size_t errlen)
{
    writer_take(w);
    writer_release(w, UINT64_MAX);
    writer_stats_record(w, clock_us);
    writer_flush(w);
    return writer_failed(w, err, errlen) ? LW_ERR_RUNTIME : LW_OK;
}

bool writer_failed(writer *w, char *err, size_t errlen)
{
    pthread_mutex_lock(&w->lock);
    bool failed = w->failed;
    if (failed && err)
        snprintf(err, errlen, "%s", w->fail_msg);
    pthread_mutex_unlock(&w->lock);
    return failed;
}
