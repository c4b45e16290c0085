/* workers.c — the threads around the engines.
 *
 * Positions. Every record a worker emits is stamped with a position in the packet stream and
 * the writer writes records in position order (writer.c). In a replay the reader numbers what
 * it dispatches: each packet, and each tick of its clock (the largest packet time so far)
 * into a new second, which every worker receives and which alone ends idle flows
 * (engine_advance). A worker therefore ends the same flows at the same position whatever N,
 * and its records fall at the same positions: one worker and N workers write the same
 * records. A flow goes to the worker of its two addresses (a hash that is the same in both
 * directions; ports play no part), so every flow between a device and an address is one
 * worker's: the reader parses each DNS answer a device receives and hands it to the worker
 * of that device and the answered address — the only worker that will ever look that name
 * up, and which then knows every answer read before each of its flows.
 * Reading is a duty, not a thread: a worker whose ring ran dry takes the reader's lock and
 * reads a batch for everyone (the calling thread is worker 0), so N workers are N busy
 * threads, never more, and the reading is shared. With one worker there are no rings: the
 * reader runs the engine itself. Live, a worker's position is its clock (packet time, or
 * the wall clock while its link is silent).
 *
 * Each worker publishes how far it got (writer_mark: every record below is pushed) and, at
 * each tick (live: every 100 ms, with the kernel's counters of its sockets), its counters.
 * The writer needs no thread of its own: the worker on reading duty pumps it after each turn
 * (the reader's lock keeps that to one thread), live the main thread every 100 ms. */
#include "workers.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decode.h"
#include "engine.h"
#include "inspect/dns.h"
#include "ring.h"
#include "writer.h"

#define WORKERS_MAX_DEFAULT 8
#define WORKERS_RING_BYTES (4u << 20)
#define WORKERS_TICK_US 1000000u      /* replay: flows end at each second of the reader's clock */
#define WORKERS_LIVE_WAIT_MS 100
#define WORKERS_PUBLISH_US 100000u    /* live: counters published this often */
#define WORKERS_READER_TURN 256       /* replay: frames between looks at the writer's health */
#define WORKERS_READ_BATCH 256        /* replay: frames per capture_read */
#define WORKERS_DUTY_FRAMES 4096      /* replay: frames read per turn of reading duty at most … */
#define WORKERS_DUTY_LOW (WORKERS_RING_BYTES / 16) /* … taken when the worker's ring holds less */
#define WORKERS_RELEASE_BYTES (16u << 20) /* frames read in place are let go in steps of this */
#define WORKERS_CHECKPOINTS 64

typedef enum workers_msg_type { MSG_PACKET, MSG_ANSWER, MSG_TICK, MSG_RELOAD, MSG_END } workers_msg_type;

/* What the reader hands a worker: a frame decoded already (the reader decodes to pick the
 * worker; the worker then touches only the bytes it inspects), whose bytes follow the message
 * in the ring unless they last where the capture read them (a file read in place); or a DNS
 * answer, its name following the message. */
typedef struct workers_msg {
    uint64_t pos, clock_us;
    const lw_config *cfg;
    uint8_t type, decoded;         /* lw_decode_status */
    union {
        struct {
            capture_frame frame;
            lw_packet packet;
        };
        struct {
            lw_addr device, addr;
            uint32_t ttl_s;
            uint64_t ts_us;
        } answer;
    };
} workers_msg;

/* Live: DNS answers other workers saw, as [capture_frame][bytes] records. */
typedef struct workers_inbox {
    pthread_mutex_t lock;
    uint8_t *bytes, *spare;
    size_t used, cap, spare_cap;
} workers_inbox;

typedef struct worker {
    workers *w;
    unsigned k;
    engine *engine;
    const lw_stats *counters;      /* the engine's, updated in place */
    pthread_t thread;
    bool started;
    ring ring;                     /* replay with threads: from the reader */
    uint64_t pos;                  /* of the records being emitted */
    _Alignas(64) _Atomic uint64_t done;   /* replay: every message below this position is processed */
    uint64_t clock_us;             /* live */
    uint64_t published_us;         /* live */
    _Atomic unsigned reload_seen;  /* live: the reload generation this worker applied */
    workers_inbox inbox;           /* live */
} worker;

struct workers {
    const lw_config *cfg;
    unsigned n;
    bool live_mode;
    worker *workers;
    writer *writer;
    capture *capture;              /* replay */
    pthread_mutex_t reader;        /* replay with rings: the worker holding it reads */
    worker *reading;               /* that worker */
    bool main_reads;               /* only worker 0 (the main thread) reads: input may block */
    _Alignas(64) _Atomic uint64_t dispatched; /* every message below this position is in its ring */
    _Atomic bool read_all;         /* the captures ended (END sent) */
    lw_status read_status;
    char read_err[LW_ERRBUF];
    struct { uint64_t pos, tell; } checkpoints[WORKERS_CHECKPOINTS]; /* frames read in place … */
    unsigned n_checkpoints;        /* … before `tell` are done with once every worker passed `pos` */
    live *live;
    _Atomic bool stop;
    workers_idle_fn idle;
    void *idle_user;
    uint64_t pos, clock_us, tick;  /* replay reader */
    bool clock_read;               /* a frame set the clock (its time may be 0: a capture of the epoch) */
    uint64_t frames;
    sig_set *sigs;                 /* compiled once, shared by the engines (matching only reads) */
    sig_set *reload_sigs;          /* the next set, while a reload is under way */
    _Atomic bool reload_failed;    /* a worker kept its rules (out of memory): its set stays */
    sig_set **kept_sigs;           /* sets a worker may still use, freed at the end */
    size_t n_kept_sigs;
    _Atomic(const lw_config *) reload_cfg; /* live */
    _Atomic unsigned reload_gen;
    FILE *log;                     /* standard error, each distinct line once (workers_log_write) */
    pthread_mutex_t log_lock;
    uint64_t logged[64];           /* hashes of the lines written */
    unsigned n_logged;
};

unsigned workers_default_count(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > WORKERS_MAX_DEFAULT ? WORKERS_MAX_DEFAULT : (unsigned)cpus;
}

static uint64_t workers_wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* The engines' log: a stage says "reported once" per engine; with N engines the same line
 * would come N times, so each distinct line goes to standard error once. */
static ssize_t workers_log_write(void *cookie, const char *buf, size_t len)
{
    workers *w = cookie;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)buf[i]) * 0x100000001b3ULL;
    pthread_mutex_lock(&w->log_lock);
    bool seen = false;
    for (unsigned i = 0; i < w->n_logged && !seen; i++)
        seen = w->logged[i] == h;
    if (!seen && w->n_logged < LW_ARRAY_LEN(w->logged))
        w->logged[w->n_logged++] = h;
    pthread_mutex_unlock(&w->log_lock);
    if (!seen)
        fwrite(buf, 1, len, stderr);
    return (ssize_t)len;
}

static lw_status workers_emit(void *user, const engine_record *r, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    worker *wk = user;
    writer_push(wk->w->writer, wk->k, wk->pos, r);
    return LW_OK;
}

static lw_status workers_make_engines(workers *w, const lw_config *cfg, bool is_live, char *err, size_t errlen)
{
    engine_options opt = {
        .live = is_live,
        .flows_max = (cfg->flows_max + w->n - 1) / w->n,
        .reassembly_memcap = cfg->reassembly_memcap / w->n,
        .flows_memcap = cfg->flows_memcap / w->n,
        .emit = workers_emit,
        .log = w->log ? w->log : stderr,
        .sigs = w->sigs,
        .answers_from_caller = w->n > 1 && !is_live,
    };
    for (unsigned k = 0; k < w->n; k++) { /* nDPI modules must not be made in parallel */
        worker *wk = &w->workers[k];
        wk->w = w;
        wk->k = k;
        pthread_mutex_init(&wk->inbox.lock, NULL);
        opt.emit_user = wk;
        lw_status st = engine_new(cfg, &opt, &wk->engine, err, errlen);
        if (st != LW_OK)
            return st;
        wk->counters = engine_stats(wk->engine);
        if (w->n > 1 && !is_live && ring_init(&wk->ring, WORKERS_RING_BYTES) != LW_OK) {
            snprintf(err, errlen, "workers: out of memory");
            return LW_ERR_RUNTIME;
        }
    }
    return LW_OK;
}

lw_status workers_new(const lw_config *cfg, unsigned count, bool is_live, workers **result, char *err, size_t errlen)
{
    workers *w = calloc(1, sizeof *w);
    if (!w || !(w->workers = calloc(count ? count : 1, sizeof *w->workers))) {
        free(w);
        snprintf(err, errlen, "workers: out of memory");
        return LW_ERR_RUNTIME;
    }
    w->cfg = cfg;
    w->n = count ? count : 1;
    w->live_mode = is_live;
    pthread_mutex_init(&w->reader, NULL);
    pthread_mutex_init(&w->log_lock, NULL);
    w->log = fopencookie(w, "w", (cookie_io_functions_t){.write = workers_log_write});
    if (w->log)
        setvbuf(w->log, NULL, _IOLBF, 0);
    lw_status st = writer_new(cfg, w->n, is_live, &w->writer, err, errlen);
    if (st == LW_OK)
        st = sigset_load(cfg->signature_paths.items, cfg->signature_paths.count, &w->sigs, err, errlen);
    if (st == LW_OK)
        st = workers_make_engines(w, cfg, is_live, err, errlen);
    if (st != LW_OK) {
        workers_free(w);
        return st;
    }
    *result = w;
    return LW_OK;
}

void workers_free(workers *w)
{
    if (!w)
        return;
    for (unsigned k = 0; k < w->n; k++) {
        worker *wk = &w->workers[k];
        engine_free(wk->engine);
        ring_destroy(&wk->ring);
        free(wk->inbox.bytes);
        free(wk->inbox.spare);
        pthread_mutex_destroy(&wk->inbox.lock);
    }
    writer_free(w->writer);
    sigset_free(w->sigs);
    for (size_t i = 0; i < w->n_kept_sigs; i++)
        sigset_free(w->kept_sigs[i]);
    free(w->kept_sigs);
    if (w->log)
        fclose(w->log);
    pthread_mutex_destroy(&w->log_lock);
    pthread_mutex_destroy(&w->reader);
    free(w->workers);
    free(w);
}

void workers_stop(workers *w)
{
    atomic_store(&w->stop, true);
    if (w->capture)
        capture_stop(w->capture);
}

/* Workers first..n-1 get threads, which take no signals: they reach the main thread. */
static lw_status workers_spawn(workers *w, unsigned first, void *(*body)(void *), char *err, size_t errlen)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    lw_status st = LW_OK;
    for (unsigned k = first; k < w->n && st == LW_OK; k++) {
        worker *wk = &w->workers[k];
        wk->started = pthread_create(&wk->thread, NULL, body, wk) == 0;
        if (!wk->started) {
            snprintf(err, errlen, "workers: cannot start a thread");
            st = LW_ERR_RUNTIME;
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return st;
}

static void workers_join(workers *w)
{
    for (unsigned k = 0; k < w->n; k++)
        if (w->workers[k].started) {
            pthread_join(w->workers[k].thread, NULL);
            w->workers[k].started = false;
        }
}

static void workers_publish(worker *wk)
{
    writer_publish_stats(wk->w->writer, wk->k, engine_stats(wk->engine));
}

/* ---- replay: the reader ---- */

/* An address's share of a flow's hash. IPv4 is read as the 4 bytes decode wrote (a wider
 * read across that write and the zeroes beside it would wait for both to reach the cache). */
static uint64_t workers_address_hash(const lw_addr *a)
{
    uint64_t lo, hi = 0;
    if (a->family == 6) {
        memcpy(&lo, a->bytes, 8);
        memcpy(&hi, a->bytes + 8, 8);
    } else {
        uint32_t v4;
        memcpy(&v4, a->bytes, 4);
        lo = v4;
    }
    uint64_t h = (lo ^ (hi * 0x9e3779b97f4a7c15ULL) ^ a->family) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}

/* The worker of two addresses: a hash that is the same either way round. */
static unsigned workers_pair_owner(const workers *w, const lw_addr *a, const lw_addr *b)
{
    uint64_t h = workers_address_hash(a) ^ workers_address_hash(b);
    h ^= h >> 29;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return (unsigned)(((h >> 32) * w->n) >> 32); /* the top bits scaled to [0, n): no division */
}

/* The worker of a decoded packet's flow; frames without addresses only count: worker 0 counts them. */
static unsigned workers_owner(const workers *w, lw_decode_status ds, const lw_packet *p)
{
    return ds == LW_DECODE_OK ? workers_pair_owner(w, &p->src, &p->dst) : 0;
}

/* The packet's pointers into the frame, moved to the frame's copy. */
static void workers_rebase(lw_packet *p, const uint8_t *from, const uint8_t *to)
{
    const uint8_t **ptrs[] = {&p->l3, &p->src_mac, &p->dst_mac, &p->payload};
    for (size_t i = 0; i < LW_ARRAY_LEN(ptrs); i++)
        if (*ptrs[i])
            *ptrs[i] = to + (*ptrs[i] - from);
}

static bool workers_step(worker *wk);
static bool workers_step_before_end(worker *wk);

/* Hand a worker a message (a frame, a tick, a reload, the end). */
/* Room for a message and `extra` bytes after it. While a ring is full the worker on reading
 * duty works through its own oldest messages (if the ring is its own, it is their only
 * consumer; if another's, that is better than waiting), and waits only when it has none. */
static workers_msg *workers_reserve(worker *wk, size_t extra)
{
    workers_msg *m;
    worker *reading = wk->w->reading;
    while (!(m = ring_try_reserve(&wk->ring, sizeof *m + extra)))
        if (!reading || !workers_step_before_end(reading))
            ring_wait_room(&wk->ring);
    return m;
}

static void workers_send(worker *wk, workers_msg_type type, uint64_t pos, uint64_t clock_us, const lw_config *cfg,
                         const capture_frame *fr, lw_decode_status ds, const lw_packet *p)
{
    uint32_t caplen = fr && !fr->lasting ? fr->caplen : 0;
    workers_msg *m = workers_reserve(wk, caplen);
    m->type = (uint8_t)type;
    m->pos = pos;
    m->clock_us = clock_us;
    m->cfg = cfg;
    m->frame = fr ? *fr : (capture_frame){0};
    m->decoded = (uint8_t)ds;
    if (p)
        m->packet = *p;
    if (caplen) {
        memcpy(m + 1, fr->data, caplen);
        m->frame.data = (const uint8_t *)(m + 1);
        if (p)
            workers_rebase(&m->packet, fr->data, m->frame.data);
    }
    ring_commit(&wk->ring, sizeof *m + caplen);
}

static void workers_broadcast(workers *w, workers_msg_type type, uint64_t pos, const lw_config *cfg)
{
    for (unsigned k = 0; k < w->n; k++)
        workers_send(&w->workers[k], type, pos, w->clock_us, cfg, NULL, LW_DECODE_OK, NULL);
}

/* The reader's clock; true when it entered a new second (a tick is due). */
static bool workers_clock(workers *w, uint64_t ts_us)
{
    w->clock_read = true;
    if (ts_us > w->clock_us)
        w->clock_us = ts_us;
    if (w->clock_us / WORKERS_TICK_US <= w->tick)
        return false;
    w->tick = w->clock_us / WORKERS_TICK_US;
    return true;
}

/* The caller's turn (reloads) before each frame, and a failed sink stops the replay. */
static void workers_reader_turn(workers *w, const capture_frame *fr)
{
    if (!w->frames)
        writer_first_packet(w->writer, fr->ts_us);
    if (w->idle)
        w->idle(w->idle_user);
    if (w->frames++ % WORKERS_READER_TURN == 0 && writer_failed(w->writer, NULL, 0))
        capture_stop(w->capture);
}

static void workers_on_tick(worker *wk, uint64_t clock_us)
{
    engine_advance(wk->engine, clock_us);
    workers_publish(wk);
}

/* One worker: the reader runs the engine itself. */
static void workers_direct_frame(void *user, const capture_frame *fr)
{
    workers *w = user;
    worker *wk = &w->workers[0];
    workers_reader_turn(w, fr);
    if (workers_clock(w, fr->ts_us)) {
        wk->pos = w->pos++;
        workers_on_tick(wk, w->clock_us);
    }
    wk->pos = w->pos++;
    engine_frame(wk->engine, fr);
    writer_mark(w->writer, 0, w->pos);
    if (w->main_reads || (w->frames & 255) == 0) /* input that may block: its records at once */
        writer_pump(w->writer, w->clock_us);
    if (fr->lasting && (w->frames & 1023) == 0)
        capture_release(w->capture, capture_tell(w->capture));
}

typedef struct workers_answers {
    workers *w;
    const lw_packet *p;
} workers_answers;

/* One answer of a DNS response: to the worker of the device and the answered address. */
static void workers_on_answer(const char *qname, const lw_addr *addr, uint32_t ttl_s, void *user)
{
    workers_answers *a = user;
    workers *w = a->w;
    size_t len = strlen(qname) + 1;
    worker *wk = &w->workers[workers_pair_owner(w, &a->p->dst, addr)];
    workers_msg *m = workers_reserve(wk, len);
    m->type = MSG_ANSWER;
    m->pos = w->pos;
    m->answer.device = a->p->dst;
    m->answer.addr = *addr;
    m->answer.ttl_s = ttl_s;
    m->answer.ts_us = a->p->ts_us;
    memcpy(m + 1, qname, len);
    ring_commit(&wk->ring, sizeof *m + len);
}

/* The DNS answers a home device receives (what engine_dns learns from). */
static void workers_dns(workers *w, lw_decode_status ds, const lw_packet *p)
{
    if (ds != LW_DECODE_OK || p->l4proto != 17 || p->sport != 53)
        return;
    const lw_cidr_list *home = &w->cfg->home_networks;
    bool device = false;
    for (size_t i = 0; i < home->count && !device; i++)
        device = lw_cidr_contains(&home->items[i], &p->dst);
    workers_answers a = {w, p};
    if (device)
        dns_parse_response(p->payload, p->payload_len, workers_on_answer, &a);
}

static void workers_reader_frame(void *user, const capture_frame *fr)
{
    workers *w = user;
    lw_packet p;
    workers_reader_turn(w, fr);
    p.ts_us = fr->ts_us;
    lw_decode_status ds = decode_packet(fr->linktype, fr->data, fr->caplen, &p);
    if (workers_clock(w, fr->ts_us))
        workers_broadcast(w, MSG_TICK, w->pos++, NULL);
    workers_send(&w->workers[workers_owner(w, ds, &p)], MSG_PACKET, w->pos, w->clock_us, NULL, fr, ds, &p);
    workers_dns(w, ds, &p);
    atomic_store_explicit(&w->dispatched, ++w->pos, memory_order_release);
}

/* ---- replay: a worker thread ---- */

static bool workers_handle(worker *wk, const workers_msg *m)
{
    wk->pos = m->pos;
    switch ((workers_msg_type)m->type) {
    case MSG_PACKET: engine_decoded(wk->engine, &m->frame, (lw_decode_status)m->decoded, &m->packet); break;
    case MSG_ANSWER:
        engine_learn_answer(wk->engine, &m->answer.device, (const char *)(m + 1), &m->answer.addr, m->answer.ttl_s,
                            m->answer.ts_us);
        break;
    case MSG_TICK: workers_on_tick(wk, m->clock_us); break;
    case MSG_RELOAD: {
        char err[LW_ERRBUF];
        if (engine_reload(wk->engine, m->cfg, wk->w->reload_sigs, err, sizeof err) != LW_OK) {
            fprintf(stderr, "leakwatch: worker %u: reload failed, keeping its configuration: %s\n", wk->k, err);
            atomic_store(&wk->w->reload_failed, true);
        }
        break;
    }
    case MSG_END:
        engine_finish(wk->engine);
        workers_publish(wk);
        return false;
    }
    return true;
}

/* Process message m, the one ring_peek returned. */
static void workers_process(worker *wk, const workers_msg *m)
{
    uint64_t pos = m->pos;
    bool more = workers_handle(wk, m);
    ring_release(&wk->ring);
    writer_mark(wk->w->writer, wk->k, more ? pos + 1 : UINT64_MAX);
    atomic_store_explicit(&wk->done, more ? pos + 1 : UINT64_MAX, memory_order_release);
}

/* Process the next message of the worker's ring; false when there is none. */
static bool workers_step(worker *wk)
{
    size_t len;
    const workers_msg *m = ring_peek(&wk->ring, &len);
    if (m)
        workers_process(wk, m);
    return m != NULL;
}

/* The same, short of END: the reading worker making room ends its own life only in its loop. */
static bool workers_step_before_end(worker *wk)
{
    size_t len;
    const workers_msg *m = ring_peek(&wk->ring, &len);
    if (!m || m->type == MSG_END)
        return false;
    workers_process(wk, m);
    return true;
}

/* Frames read in place: note where the reading is, and let go of what every worker passed. */
static void workers_release(workers *w)
{
    uint64_t tell = capture_tell(w->capture), low = UINT64_MAX;
    unsigned n = w->n_checkpoints;
    if (n < WORKERS_CHECKPOINTS && (!n || tell >= w->checkpoints[n - 1].tell + WORKERS_RELEASE_BYTES)) {
        w->checkpoints[n].pos = w->pos;
        w->checkpoints[n].tell = tell;
        w->n_checkpoints = ++n;
    }
    for (unsigned k = 0; k < w->n; k++) {
        uint64_t done = atomic_load_explicit(&w->workers[k].done, memory_order_acquire);
        low = done < low ? done : low;
    }
    unsigned passed = 0;
    while (passed < n && w->checkpoints[passed].pos <= low)
        passed++;
    if (!passed)
        return;
    capture_release(w->capture, w->checkpoints[passed - 1].tell);
    memmove(w->checkpoints, w->checkpoints + passed, (n - passed) * sizeof *w->checkpoints);
    w->n_checkpoints = n - passed;
}

/* The reading duty: frames for everyone until the worker's own ring is half full (input
 * that may block: one frame, so that what came in is processed while the next is awaited);
 * at the end of the captures, END to everyone. */
static void workers_read(workers *w, worker *wk)
{
    unsigned n = 0, total = 0, batch = w->main_reads ? 1 : WORKERS_READ_BATCH;
    char err[LW_ERRBUF] = "";
    lw_status st;
    w->reading = wk;
    do {
        st = capture_read(w->capture, workers_reader_frame, w, batch, &n, err, sizeof err);
        for (unsigned k = 0; k < w->n; k++)
            ring_kick(&w->workers[k].ring);
    } while (st == LW_OK && n && batch > 1 && (total += n) < WORKERS_DUTY_FRAMES &&
             ring_pending(&wk->ring) < WORKERS_RING_BYTES / 2);
    workers_release(w);
    if (st != LW_OK || n == 0) {
        w->read_status = st;
        snprintf(w->read_err, sizeof w->read_err, "%s", err);
        for (unsigned i = 1; i <= w->n; i++) { /* the reading worker's own END last */
            worker *to = &w->workers[(wk->k + i) % w->n];
            workers_send(to, MSG_END, w->pos, w->clock_us, NULL, NULL, LW_DECODE_OK, NULL);
            ring_kick(&to->ring);
        }
        w->read_all = true;
    }
    w->reading = NULL;
    writer_pump(w->writer, w->clock_us); /* the reader's lock makes it one thread at a time */
}

/* A worker with nothing to do has passed every position dispatched so far: its mark moves
 * on, so the writer need not wait for it (the dispatch count is read before the ring is
 * found empty). */
static void workers_idle_mark(worker *wk)
{
    uint64_t dispatched = atomic_load_explicit(&wk->w->dispatched, memory_order_acquire);
    size_t len;
    if (!ring_peek(&wk->ring, &len) && dispatched > atomic_load_explicit(&wk->done, memory_order_relaxed)) {
        atomic_store_explicit(&wk->done, dispatched, memory_order_release);
        writer_mark(wk->w->writer, wk->k, dispatched);
    }
}

/* A worker's life in a replay: its messages, the reading duty when they ran low, until END. */
static void *workers_replay_thread(void *arg)
{
    worker *wk = arg;
    workers *w = wk->w;
    bool may_read = wk->k == 0 || !w->main_reads;
    for (unsigned n = 0;; n++) {
        size_t len;
        const workers_msg *m = ring_peek(&wk->ring, &len);
        if (m && m->type == MSG_END) {
            workers_process(wk, m);
            return NULL;
        }
        /* How full the ring is, looked at now and then: the producer's cursor is a cache
         * line the reading worker keeps writing. */
        bool low = !m || (n % 64 == 0 && ring_pending(&wk->ring) < WORKERS_DUTY_LOW);
        if (low && may_read && !w->read_all && pthread_mutex_trylock(&w->reader) == 0) {
            if (!w->read_all)
                workers_read(w, wk);
            pthread_mutex_unlock(&w->reader);
            for (unsigned k = 0; k < w->n; k++) /* a worker that found the lock taken may nap */
                ring_kick(&w->workers[k].ring);
        } else if (m) {
            workers_process(wk, m);
        } else {
            workers_idle_mark(wk);
            ring_wait(&wk->ring);
        }
    }
}

lw_status workers_replay(workers *w, capture *c, outputs *out, workers_idle_fn idle, void *user, char *err,
                         size_t errlen)
{
    writer_attach(w->writer, out);
    w->capture = c;
    w->idle = idle;
    w->idle_user = user;
    w->main_reads = capture_may_block(c);
    lw_status st = LW_OK;
    if (w->n > 1) {
        st = workers_spawn(w, 1, workers_replay_thread, err, errlen);
        if (st != LW_OK) { /* END for those that started */
            w->read_all = true;
            for (unsigned k = 1; k < w->n; k++)
                workers_send(&w->workers[k], MSG_END, w->pos, w->clock_us, NULL, NULL, LW_DECODE_OK, NULL);
        } else {
            workers_replay_thread(&w->workers[0]);
            st = w->read_status;
            snprintf(err, errlen, "%s", w->read_err);
        }
        workers_join(w);
    } else {
        st = capture_run(c, workers_direct_frame, w, err, errlen);
        w->workers[0].pos = w->pos;
        engine_finish(w->workers[0].engine);
        workers_publish(&w->workers[0]);
        writer_mark(w->writer, 0, UINT64_MAX);
    }
    char finish_err[LW_ERRBUF] = "";
    lw_status fst = writer_finish(w->writer, w->clock_read ? w->clock_us : workers_wall_us(), finish_err,
                                  sizeof finish_err);
    if (st == LW_OK && fst != LW_OK) {
        snprintf(err, errlen, "%s", finish_err);
        st = fst;
    }
    w->capture = NULL;
    return st;
}

/* ---- live ---- */

static bool workers_inbox_reserve(workers_inbox *b, size_t need)
{
    if (b->used + need <= b->cap)
        return true;
    size_t cap = b->cap ? 2 * b->cap : 65536;
    while (cap < b->used + need)
        cap *= 2;
    uint8_t *grown = realloc(b->bytes, cap);
    if (!grown)
        return false;
    b->bytes = grown;
    b->cap = cap;
    return true;
}

/* A DNS answer this worker saw goes to every other worker's inbox. */
static void workers_forward_dns(worker *wk, const capture_frame *fr)
{
    size_t need = sizeof *fr + ((fr->caplen + 7u) & ~7u);
    for (unsigned k = 0; k < wk->w->n; k++) {
        workers_inbox *b = &wk->w->workers[k].inbox;
        if (k == wk->k)
            continue;
        pthread_mutex_lock(&b->lock);
        if (workers_inbox_reserve(b, need)) {
            memcpy(b->bytes + b->used, fr, sizeof *fr);
            memcpy(b->bytes + b->used + sizeof *fr, fr->data, fr->caplen);
            b->used += need;
        }
        pthread_mutex_unlock(&b->lock);
    }
}

static void workers_read_inbox(worker *wk)
{
    workers_inbox *b = &wk->inbox;
    pthread_mutex_lock(&b->lock);
    uint8_t *bytes = b->bytes;
    size_t used = b->used, cap = b->cap;
    b->bytes = b->spare, b->cap = b->spare_cap, b->used = 0;
    pthread_mutex_unlock(&b->lock);
    for (size_t off = 0; off < used;) {
        capture_frame fr;
        lw_packet p;
        memcpy(&fr, bytes + off, sizeof fr);
        fr.data = bytes + off + sizeof fr;
        p.ts_us = fr.ts_us;
        if (decode_packet(fr.linktype, fr.data, fr.caplen, &p) == LW_DECODE_OK)
            engine_learn_dns(wk->engine, &p);
        off += sizeof fr + ((fr.caplen + 7u) & ~7u);
    }
    b->spare = bytes, b->spare_cap = cap; /* only this worker swaps the spare */
}

static void workers_live_frame(void *user, const capture_frame *fr)
{
    worker *wk = user;
    if (fr->ts_us > wk->clock_us)
        wk->clock_us = fr->ts_us;
    wk->pos = wk->clock_us;
    uint64_t answers = wk->counters->dns_answers;
    engine_frame(wk->engine, fr);
    if (wk->w->n > 1 && wk->counters->dns_answers != answers)
        workers_forward_dns(wk, fr);
}

static void workers_live_reload(worker *wk)
{
    unsigned gen = atomic_load(&wk->w->reload_gen);
    if (gen == atomic_load(&wk->reload_seen))
        return;
    char err[LW_ERRBUF];
    live_apply_filter(wk->w->live, wk->k);
    if (engine_reload(wk->engine, atomic_load(&wk->w->reload_cfg), wk->w->reload_sigs, err, sizeof err) != LW_OK) {
        fprintf(stderr, "leakwatch: worker %u: reload failed, keeping its configuration: %s\n", wk->k, err);
        atomic_store(&wk->w->reload_failed, true);
    }
    atomic_store(&wk->reload_seen, gen);
}

/* The worker's counters with the kernel's counters of its sockets. */
static void workers_live_publish(worker *wk)
{
    lw_stats s = *engine_stats(wk->engine);
    live_counters(wk->w->live, wk->k, &s.kernel_packets, &s.drops);
    writer_publish_stats(wk->w->writer, wk->k, &s);
}

/* One round: reload, DNS from the others, what the sockets hold (or a wait), time. */
static void workers_live_round(worker *wk, int wait_ms)
{
    workers *w = wk->w;
    workers_live_reload(wk);
    workers_read_inbox(wk);
    unsigned got = live_poll(w->live, wk->k, workers_live_frame, wk, wait_ms);
    uint64_t wall = workers_wall_us();
    if (!got && wall > wk->clock_us)
        wk->clock_us = wall; /* a silent link: time goes on (flows end, stats are written) */
    wk->pos = wk->clock_us;
    engine_advance(wk->engine, wk->clock_us);
    if (wall >= wk->published_us + WORKERS_PUBLISH_US) {
        wk->published_us = wall;
        workers_live_publish(wk);
    }
    writer_mark(w->writer, wk->k, wk->clock_us);
}

/* At the end: what the rings still hold (blocks retire within the block timeout). */
static void workers_live_drain(worker *wk)
{
    for (int pass = 0; pass < 2; pass++) {
        while (live_poll(wk->w->live, wk->k, workers_live_frame, wk, 0))
            ;
        if (pass == 0)
            usleep(50000);
    }
}

static void *workers_live_thread(void *arg)
{
    worker *wk = arg;
    while (!atomic_load(&wk->w->stop))
        workers_live_round(wk, WORKERS_LIVE_WAIT_MS);
    workers_live_drain(wk);
    engine_finish(wk->engine);
    workers_live_publish(wk);
    writer_mark(wk->w->writer, wk->k, UINT64_MAX);
    return NULL;
}

lw_status workers_live(workers *w, live *l, outputs *out, workers_idle_fn idle, void *user, char *err,
                       size_t errlen)
{
    writer_attach(w->writer, out);
    w->live = l;
    lw_status st = workers_spawn(w, 0, workers_live_thread, err, errlen);
    while (st == LW_OK && !atomic_load(&w->stop)) {
        usleep(WORKERS_LIVE_WAIT_MS * 1000);
        if (idle)
            idle(user);
        live_maintain(l);
        writer_pump(w->writer, workers_wall_us());
        if (writer_failed(w->writer, NULL, 0))
            break;
    }
    atomic_store(&w->stop, true);
    workers_join(w);
    char finish_err[LW_ERRBUF] = "";
    lw_status fst = writer_finish(w->writer, workers_wall_us(), finish_err, sizeof finish_err);
    if (st == LW_OK && fst != LW_OK) {
        snprintf(err, errlen, "%s", finish_err);
        st = fst;
    }
    return st;
}

/* ---- reload, stats ---- */

/* Live: every worker picks the new configuration (and filter) up at its next round; the
 * caller waits for all, so that the configuration it replaces may be freed on return. */
static void workers_live_reload_all(workers *w, const lw_config *cfg)
{
    atomic_store(&w->reload_cfg, cfg);
    unsigned gen = atomic_fetch_add(&w->reload_gen, 1) + 1;
    for (unsigned k = 0; k < w->n; k++)
        while (atomic_load(&w->workers[k].reload_seen) != gen && w->workers[k].started)
            usleep(1000);
}

/* Replay with rings: RELOAD at this point of the stream to every worker; the reading worker
 * works through its own ring up to it, the others get there on their own. */
static void workers_replay_reload_all(workers *w, const lw_config *cfg)
{
    uint64_t pos = w->pos++;
    for (unsigned k = 0; k < w->n; k++) {
        workers_send(&w->workers[k], MSG_RELOAD, pos, w->clock_us, cfg, NULL, LW_DECODE_OK, NULL);
        ring_kick(&w->workers[k].ring);
    }
    atomic_store_explicit(&w->dispatched, w->pos, memory_order_release);
    for (unsigned k = 0; k < w->n; k++) {
        worker *wk = &w->workers[k];
        while (atomic_load_explicit(&wk->done, memory_order_acquire) <= pos)
            if (wk != w->reading || !workers_step(wk))
                usleep(100);
    }
}

/* The set a reload replaced: freed, unless a worker failed to take the new one (then it
 * still reads the old one: it stays until the end). */
static void workers_retire_sigs(workers *w, sig_set *old)
{
    sig_set **grown = NULL;
    if (!atomic_exchange(&w->reload_failed, false)) {
        sigset_free(old);
    } else if ((grown = realloc(w->kept_sigs, (w->n_kept_sigs + 1) * sizeof *grown))) {
        w->kept_sigs = grown;
        w->kept_sigs[w->n_kept_sigs++] = old;
    } /* else leaked: out of memory twice over, and still in use */
}

lw_status workers_reload(workers *w, const lw_config *cfg, bool refilter, const char *filter, char *err,
                         size_t errlen)
{
    sig_set *sigs = NULL;
    lw_status st = sigset_load(cfg->signature_paths.items, cfg->signature_paths.count, &sigs, err, errlen);
    if (st == LW_OK)
        st = engine_check_rules(cfg, sigs, err, errlen);
    if (st == LW_OK && refilter)
        st = w->live ? live_set_filter(w->live, filter, err, errlen) : capture_set_filter(w->capture, filter, err, errlen);
    if (st != LW_OK) {
        sigset_free(sigs);
        return st;
    }
    w->reload_sigs = sigs;
    writer_reload(w->writer, w->live_mode ? 0 : w->pos, cfg);
    if (w->live_mode)
        workers_live_reload_all(w, cfg);
    else if (w->n > 1)
        workers_replay_reload_all(w, cfg);
    else if (engine_reload(w->workers[0].engine, cfg, sigs, err, errlen) != LW_OK) {
        fprintf(stderr, "leakwatch: reload failed in the worker, keeping its configuration: %s\n", err);
        atomic_store(&w->reload_failed, true);
    }
    workers_retire_sigs(w, w->sigs);
    w->sigs = sigs;
    w->reload_sigs = NULL;
    w->cfg = cfg;
    return LW_OK;
}

void workers_reopen_outputs(workers *w)
{
    writer_reopen(w->writer);
}

unsigned workers_stats(workers *w, lw_stats *sum)
{
    writer_snapshot(w->writer, sum);
    return w->n;
}

void workers_summary(workers *w, FILE *out)
{
    lw_stats sum;
    workers_stats(w, &sum);
    stats_print_summary(&sum, out);
    for (unsigned k = 0; w->n > 1 && k < w->n; k++) {
        lw_stats s;
        writer_worker_stats(w->writer, k, &s);
        fprintf(out, "  worker %-2u packets %llu, flows %llu, dropped %llu\n", k, (unsigned long long)s.packets,
                (unsigned long long)(s.flows_tcp + s.flows_udp), (unsigned long long)s.drops);
    }
}
