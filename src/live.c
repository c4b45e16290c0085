/* live.c — per interface, `workers` handles from pcap_create (snaplen, promiscuous mode, the
 * interface's buffer_size split among them, a 20 ms block timeout: libpcap ≥ 1.5 uses
 * TPACKET_V3 rings, whose blocks reach user space when full or that old), each made
 * non-blocking and joined, in worker order, to one PACKET_FANOUT group (PACKET_FANOUT_HASH,
 * the kernel's symmetric flow hash; PACKET_FANOUT_FLAG_DEFRAG, so a fragmented datagram
 * reaches one worker whole; the group id picked by the kernel, PACKET_FANOUT_FLAG_UNIQUEID).
 * Joining in the same order on every interface makes the k-th member of each group worker k,
 * so a flow's two directions on the two ports of a tap reach the same worker.
 *
 * Handle k of an interface belongs to worker k's thread: only it reads, counts and closes it.
 * When a read fails (the interface went down or away) the interface is marked lost; every
 * worker closes its handle (adding its counters to the totals first); once all are closed the
 * supervisor (live_maintain) reopens the whole group in order, about once a second, and the
 * workers adopt the new handles by a generation number. With several interfaces a worker
 * copies what each handle has ready and hands the frames on in timestamp order. A new filter
 * (a reload) is checked once, then installed by each worker on its own handles. */
#include "live.h"

#include <errno.h>
#include <linux/if_packet.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "decode.h"

#define LIVE_BATCH 64                /* frames per handle per read */
#define LIVE_BLOCK_TIMEOUT_MS 20
#define LIVE_RETRY_US 1000000u

typedef struct live_handle {
    pcap_t *pcap;                    /* NULL while closed */
    unsigned generation;             /* of the group it belongs to */
    unsigned filtered;               /* the filter generation it has installed */
    uint64_t received, dropped;      /* of this worker's handles already closed */
} live_handle;

typedef struct live_iface {
    const char *name;
    live_handle *handles;            /* [workers]: handle k is worker k's */
    pcap_t **fresh;                  /* a reopened group, until each worker adopts its member */
    unsigned opened_filter_gen;      /* the filter generation the group was opened with */
    _Atomic unsigned generation;
    _Atomic bool lost;
    _Atomic unsigned closed;         /* members closed since the loss */
    pthread_mutex_t lock;            /* guards why */
    char why[LW_ERRBUF];
    bool reported;                   /* supervisor only, like next_retry_us */
    uint64_t next_retry_us;
} live_iface;

typedef struct live_copy {
    uint64_t ts_us, seq;
    const char *source;
    int linktype;
    uint32_t caplen, wirelen;
    size_t offset;
} live_copy;

/* A worker's frames of one round when it reads several interfaces. */
typedef struct live_scratch {
    uint8_t *bytes;
    size_t used, cap;
    live_copy *frames;
    size_t n, cap_frames;
} live_scratch;

struct live {
    live_options opt;                /* opt.filter is not used: filter is */
    live_iface *ifaces;
    live_scratch *scratch;           /* [workers] */
    pthread_mutex_t filter_lock;     /* guards filter */
    char *filter;                    /* NULL = none */
    _Atomic unsigned filter_gen;
};

/* The filter in force, copied (the caller frees it). */
static char *live_filter_copy(live *l)
{
    pthread_mutex_lock(&l->filter_lock);
    char *copy = l->filter ? strdup(l->filter) : NULL;
    pthread_mutex_unlock(&l->filter_lock);
    return copy;
}

static lw_status live_install_filter(pcap_t *p, const char *filter, const char *name, char *err, size_t errlen)
{
    struct bpf_program prog;
    if (pcap_compile(p, &prog, filter ? filter : "", 1, PCAP_NETMASK_UNKNOWN) != 0) {
        snprintf(err, errlen, "%s: bad filter '%s': %s", name, filter ? filter : "", pcap_geterr(p));
        return LW_ERR_USAGE;
    }
    int rc = pcap_setfilter(p, &prog);
    pcap_freecode(&prog);
    if (rc != 0) {
        snprintf(err, errlen, "%s: %s", name, pcap_geterr(p));
        return LW_ERR_RUNTIME;
    }
    return LW_OK;
}

static uint64_t live_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Activation failures that a later retry may cure (the interface does not exist yet, or is down). */
static bool live_transient(int rc)
{
    return rc == PCAP_ERROR_NO_SUCH_DEVICE || rc == PCAP_ERROR_IFACE_NOT_UP;
}

static lw_status live_configure(live *l, pcap_t *p, const char *name, char *err, size_t errlen)
{
    int dlt = pcap_datalink(p);
    if (!decode_linktype_supported(dlt)) {
        const char *dlt_name = pcap_datalink_val_to_name(dlt);
        snprintf(err, errlen, "%s: unsupported link type %d (%s)", name, dlt, dlt_name ? dlt_name : "unknown");
        return LW_ERR_RUNTIME;
    }
    char *filter = live_filter_copy(l);
    lw_status st = filter && *filter ? live_install_filter(p, filter, name, err, errlen) : LW_OK;
    free(filter);
    if (st != LW_OK)
        return st;
    char pcap_err[PCAP_ERRBUF_SIZE];
    if (pcap_setnonblock(p, 1, pcap_err) != 0) {
        snprintf(err, errlen, "%s: %s", name, pcap_err);
        return LW_ERR_RUNTIME;
    }
    return LW_OK;
}

/* One member of a group; *transient when it failed only because the interface is missing or down. */
static pcap_t *live_open_handle(live *l, const char *name, bool *transient, char *err, size_t errlen)
{
    char pcap_err[PCAP_ERRBUF_SIZE] = "";
    int mib = l->opt.buffer_mib > 0 ? l->opt.buffer_mib : 64;
    mib = (int)((unsigned)mib / l->opt.workers) > 0 ? (int)((unsigned)mib / l->opt.workers) : 1;
    *transient = false;
    pcap_t *p = pcap_create(name, pcap_err);
    if (!p) {
        snprintf(err, errlen, "%s: %s", name, pcap_err);
        return NULL;
    }
    pcap_set_snaplen(p, l->opt.snaplen > 0 ? l->opt.snaplen : 65535);
    pcap_set_promisc(p, l->opt.promiscuous);
    pcap_set_timeout(p, LIVE_BLOCK_TIMEOUT_MS);
    pcap_set_buffer_size(p, mib * 1024 * 1024);
    int rc = pcap_activate(p);
    lw_status st = LW_OK;
    if (rc < 0) {
        *transient = live_transient(rc);
        snprintf(err, errlen, "%s: cannot capture: %s", name, rc == PCAP_ERROR ? pcap_geterr(p) : pcap_statustostr(rc));
        st = LW_ERR_RUNTIME;
    } else {
        st = live_configure(l, p, name, err, errlen);
    }
    if (st != LW_OK) {
        pcap_close(p);
        return NULL;
    }
    return p;
}

/* Join member k to the group; the first member asks the kernel for an unused group id, unless
 * LEAKWATCH_FANOUT_GROUP names one (then separate processes can share a group: the
 * alternative to threads measured in README "Several workers"). */
static bool live_join(pcap_t *p, unsigned k, int *group)
{
    int fd = pcap_fileno(p);
    int mode = PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG;
    const char *shared = getenv("LEAKWATCH_FANOUT_GROUP");
    if (k == 0 && shared)
        *group = atoi(shared);
    int arg = k == 0 && !shared ? (mode | PACKET_FANOUT_FLAG_UNIQUEID) << 16 : (*group & 0xffff) | mode << 16;
    if (setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &arg, sizeof arg) != 0)
        return false;
    socklen_t len = sizeof arg;
    if (k == 0 && !shared && getsockopt(fd, SOL_PACKET, PACKET_FANOUT, &arg, &len) != 0)
        return false;
    if (k == 0 && !shared)
        *group = arg & 0xffff;
    return true;
}

/* Open every member of an interface's group, in worker order, into i->fresh. */
static lw_status live_open_group(live *l, live_iface *i, bool *transient, char *err, size_t errlen)
{
    int group = 0;
    bool ok = true;
    i->opened_filter_gen = atomic_load(&l->filter_gen);
    for (unsigned k = 0; k < l->opt.workers && ok; k++) {
        ok = (i->fresh[k] = live_open_handle(l, i->name, transient, err, errlen)) != NULL;
        if (ok && (l->opt.workers > 1 || getenv("LEAKWATCH_FANOUT_GROUP")) && !(ok = live_join(i->fresh[k], k, &group)))
            snprintf(err, errlen, "%s: cannot join a PACKET_FANOUT group: %s", i->name, strerror(errno));
    }
    for (unsigned k = 0; k < l->opt.workers && !ok; k++)
        if (i->fresh[k]) {
            pcap_close(i->fresh[k]);
            i->fresh[k] = NULL;
        }
    return ok ? LW_OK : LW_ERR_RUNTIME;
}

static void live_note_lost(live_iface *i, const char *why)
{
    pthread_mutex_lock(&i->lock);
    if (!i->why[0])
        snprintf(i->why, sizeof i->why, "%s", why);
    pthread_mutex_unlock(&i->lock);
    atomic_store(&i->lost, true);
}

lw_status live_open(const live_options *opt, live **out, char *err, size_t errlen)
{
    live *l = calloc(1, sizeof *l);
    if (!l || !(l->ifaces = calloc(opt->n_interfaces, sizeof *l->ifaces)) ||
        !(l->scratch = calloc(opt->workers, sizeof *l->scratch))) {
        if (l)
            free(l->ifaces);
        free(l);
        snprintf(err, errlen, "capture: out of memory");
        return LW_ERR_RUNTIME;
    }
    l->opt = *opt;
    pthread_mutex_init(&l->filter_lock, NULL);
    lw_status st = opt->filter && !(l->filter = strdup(opt->filter)) ? LW_ERR_RUNTIME : LW_OK;
    for (size_t n = 0; n < opt->n_interfaces && st == LW_OK; n++) {
        live_iface *i = &l->ifaces[n];
        i->name = opt->interfaces[n];
        pthread_mutex_init(&i->lock, NULL);
        i->handles = calloc(opt->workers, sizeof *i->handles);
        i->fresh = calloc(opt->workers, sizeof *i->fresh);
        if (!i->handles || !i->fresh) {
            snprintf(err, errlen, "capture: out of memory");
            st = LW_ERR_RUNTIME;
            break;
        }
        bool transient;
        char why[LW_ERRBUF];
        st = live_open_group(l, i, &transient, why, sizeof why);
        if (st == LW_OK) {
            atomic_store(&i->generation, 1);
        } else if (transient) {
            st = LW_OK;
            atomic_store(&i->closed, opt->workers);
            live_note_lost(i, why);
        } else {
            snprintf(err, errlen, "%s", why);
        }
    }
    if (st != LW_OK) {
        l->opt.n_interfaces = opt->n_interfaces;
        live_close(l);
        return st;
    }
    *out = l;
    return LW_OK;
}

void live_close(live *l)
{
    if (!l)
        return;
    for (size_t n = 0; n < l->opt.n_interfaces; n++) {
        live_iface *i = &l->ifaces[n];
        for (unsigned k = 0; k < l->opt.workers; k++) {
            if (i->handles && i->handles[k].pcap)
                pcap_close(i->handles[k].pcap);
            if (i->fresh && i->fresh[k])
                pcap_close(i->fresh[k]);
        }
        free(i->handles);
        free(i->fresh);
        pthread_mutex_destroy(&i->lock);
    }
    for (unsigned k = 0; k < l->opt.workers; k++) {
        free(l->scratch[k].bytes);
        free(l->scratch[k].frames);
    }
    free(l->scratch);
    free(l->ifaces);
    free(l->filter);
    pthread_mutex_destroy(&l->filter_lock);
    free(l);
}

/* Counters of one open handle since it opened. Interface-level drops (ps_ifdrop, read from
 * the interface's own statistics) are the same for every member: worker 0 counts them. */
static void live_handle_counters(pcap_t *p, unsigned k, uint64_t *received, uint64_t *dropped)
{
    struct pcap_stat ps;
    if (!p || pcap_stats(p, &ps) != 0)
        return;
    *received += ps.ps_recv;
    *dropped += ps.ps_drop + (k == 0 ? ps.ps_ifdrop : 0);
}

static void live_close_handle(live_iface *i, unsigned k)
{
    live_handle *h = &i->handles[k];
    live_handle_counters(h->pcap, k, &h->received, &h->dropped);
    pcap_close(h->pcap);
    h->pcap = NULL;
    atomic_fetch_add(&i->closed, 1);
}

/* Worker k's view of an interface: adopt a reopened group, let go of a lost one. */
static pcap_t *live_member(live_iface *i, unsigned k)
{
    live_handle *h = &i->handles[k];
    unsigned generation = atomic_load_explicit(&i->generation, memory_order_acquire);
    if (h->generation != generation && !h->pcap) {
        h->pcap = i->fresh[k];
        i->fresh[k] = NULL;
        h->generation = generation;
        h->filtered = i->opened_filter_gen;
    }
    if (h->pcap && atomic_load(&i->lost))
        live_close_handle(i, k);
    return h->pcap;
}

typedef struct live_read {
    live *l;
    unsigned k;
    int linktype;
    const char *source;            /* the interface */
    capture_frame_fn fn;
    void *user;
    bool copy;
} live_read;

static bool live_scratch_add(live_scratch *s, const struct pcap_pkthdr *h, const u_char *bytes, int linktype,
                             const char *source)
{
    if (s->n == s->cap_frames) {
        size_t cap = s->cap_frames ? 2 * s->cap_frames : 256;
        live_copy *grown = realloc(s->frames, cap * sizeof *grown);
        if (!grown)
            return false;
        s->frames = grown;
        s->cap_frames = cap;
    }
    if (s->used + h->caplen > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1 << 20;
        while (cap < s->used + h->caplen)
            cap *= 2;
        uint8_t *grown = realloc(s->bytes, cap);
        if (!grown)
            return false;
        s->bytes = grown;
        s->cap = cap;
    }
    memcpy(s->bytes + s->used, bytes, h->caplen);
    s->frames[s->n] = (live_copy){(uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec, s->n, source,
                                  linktype, h->caplen, h->len, s->used};
    s->n++;
    s->used += h->caplen;
    return true;
}

static void live_on_packet(u_char *arg, const struct pcap_pkthdr *h, const u_char *bytes)
{
    live_read *r = (live_read *)arg;
    if (r->copy) {
        live_scratch_add(&r->l->scratch[r->k], h, bytes, r->linktype, r->source);
        return;
    }
    capture_frame f = {(uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec, r->linktype, bytes, h->caplen,
                       h->len, r->source, false};
    r->fn(r->user, &f);
}

static int live_copy_compare(const void *pa, const void *pb)
{
    const live_copy *a = pa, *b = pb;
    if (a->ts_us != b->ts_us)
        return a->ts_us < b->ts_us ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Several interfaces: what each had ready, merged by timestamp. */
static void live_hand_copies(live *l, unsigned k, capture_frame_fn fn, void *user)
{
    live_scratch *s = &l->scratch[k];
    qsort(s->frames, s->n, sizeof *s->frames, live_copy_compare);
    for (size_t n = 0; n < s->n; n++) {
        const live_copy *c = &s->frames[n];
        capture_frame f = {c->ts_us, c->linktype, s->bytes + c->offset, c->caplen, c->wirelen, c->source, false};
        fn(user, &f);
    }
    s->n = s->used = 0;
}

static unsigned live_read_all(live *l, unsigned k, capture_frame_fn fn, void *user, struct pollfd *fds,
                              nfds_t *nfds)
{
    unsigned total = 0;
    live_read r = {l, k, 0, NULL, fn, user, l->opt.n_interfaces > 1};
    *nfds = 0;
    live_apply_filter(l, k);
    for (size_t n = 0; n < l->opt.n_interfaces; n++) {
        live_iface *i = &l->ifaces[n];
        pcap_t *p = live_member(i, k);
        if (!p)
            continue;
        r.linktype = pcap_datalink(p);
        r.source = i->name;
        int got = pcap_dispatch(p, LIVE_BATCH, live_on_packet, (u_char *)&r);
        if (got < 0) {
            char why[PCAP_ERRBUF_SIZE + 64];
            snprintf(why, sizeof why, "%s: %s", i->name, pcap_geterr(p));
            live_note_lost(i, why);
            live_close_handle(i, k);
            continue;
        }
        total += (unsigned)got;
        fds[*nfds] = (struct pollfd){pcap_get_selectable_fd(p), POLLIN, 0};
        (*nfds)++;
    }
    if (r.copy)
        live_hand_copies(l, k, fn, user);
    return total;
}

unsigned live_poll(live *l, unsigned k, capture_frame_fn fn, void *user, int timeout_ms)
{
    struct pollfd fds[l->opt.n_interfaces];
    nfds_t nfds;
    unsigned got = live_read_all(l, k, fn, user, fds, &nfds);
    if (got || timeout_ms <= 0)
        return got;
    if (poll(fds, nfds, timeout_ms) > 0)
        got = live_read_all(l, k, fn, user, fds, &nfds);
    return got;
}

lw_status live_set_filter(live *l, const char *filter, char *err, size_t errlen)
{
    struct bpf_program prog;
    pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
    char *copy = filter ? strdup(filter) : NULL;
    lw_status st = dead && (copy || !filter) ? LW_OK : LW_ERR_RUNTIME;
    if (st != LW_OK)
        snprintf(err, errlen, "capture: out of memory");
    else if (pcap_compile(dead, &prog, filter ? filter : "", 1, PCAP_NETMASK_UNKNOWN) != 0) {
        snprintf(err, errlen, "bad filter '%s': %s", filter ? filter : "", pcap_geterr(dead));
        st = LW_ERR_USAGE;
    } else {
        pcap_freecode(&prog);
    }
    if (dead)
        pcap_close(dead);
    if (st != LW_OK) {
        free(copy);
        return st;
    }
    pthread_mutex_lock(&l->filter_lock);
    free(l->filter);
    l->filter = copy;
    atomic_fetch_add(&l->filter_gen, 1);
    pthread_mutex_unlock(&l->filter_lock);
    return LW_OK;
}

void live_apply_filter(live *l, unsigned k)
{
    unsigned gen = atomic_load(&l->filter_gen);
    char *filter = NULL;
    bool copied = false;
    for (size_t n = 0; n < l->opt.n_interfaces; n++) {
        live_handle *h = &l->ifaces[n].handles[k];
        if (!h->pcap || h->filtered == gen)
            continue;
        if (!copied)
            filter = live_filter_copy(l), copied = true;
        char err[LW_ERRBUF];
        if (live_install_filter(h->pcap, filter, l->ifaces[n].name, err, sizeof err) != LW_OK)
            fprintf(stderr, "leakwatch: %s\n", err);
        h->filtered = gen;
    }
    free(filter);
}

void live_counters(live *l, unsigned k, uint64_t *received, uint64_t *dropped)
{
    *received = *dropped = 0;
    for (size_t n = 0; n < l->opt.n_interfaces; n++) {
        live_handle *h = &l->ifaces[n].handles[k];
        *received += h->received;
        *dropped += h->dropped;
        live_handle_counters(h->pcap, k, received, dropped);
    }
}

/* A lost interface whose members are all closed: reopen the group (or say why not, once). */
static void live_retry(live *l, live_iface *i)
{
    bool transient;
    char why[LW_ERRBUF];
    if (!i->reported) {
        pthread_mutex_lock(&i->lock);
        fprintf(stderr, "leakwatch: %s; retrying every second\n", i->why);
        pthread_mutex_unlock(&i->lock);
        i->reported = true;
    }
    if (live_open_group(l, i, &transient, why, sizeof why) != LW_OK)
        return;
    pthread_mutex_lock(&i->lock);
    i->why[0] = '\0';
    pthread_mutex_unlock(&i->lock);
    atomic_store(&i->closed, 0);
    atomic_store(&i->lost, false);
    atomic_fetch_add_explicit(&i->generation, 1, memory_order_release);
    i->reported = false;
    fprintf(stderr, "leakwatch: %s: capture resumed\n", i->name);
}

void live_maintain(live *l)
{
    uint64_t now = live_now_us();
    for (size_t n = 0; n < l->opt.n_interfaces; n++) {
        live_iface *i = &l->ifaces[n];
        if (!atomic_load(&i->lost) || atomic_load(&i->closed) < l->opt.workers || now < i->next_retry_us)
            continue;
        i->next_retry_us = now + LIVE_RETRY_US;
        live_retry(l, i);
    }
}
