/* capture.c — libpcap front end. Files are opened one after another and replayed as one
 * timeline; every file is checked up front so a typo in the third -r fails before the first
 * alert is written. Classic pcap is read by libpcap; pcapng, told by its first byte, by
 * pcapng.c (libpcap refuses interfaces of different link types in one file), with the BPF
 * filter compiled once per link type and run by pcap_offline_filter. "-" is standard input.
 * Live capture uses pcap_create with snaplen, promiscuous mode, buffer size and a 100 ms
 * timeout, in non-blocking mode behind poll(): libpcap's TPACKET_V3 read blocks without a
 * timeout while the link is silent, and the pipeline needs its idle ticks (flow expiry,
 * stats, a reload, the watchdog) then too. Owns the pcap handles and its copies of the
 * filter; never interprets a byte of the frames. */
#include "capture.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode.h"
#include "pcapng.h"

#define CAPTURE_READ_BUFFER (1 << 20)
#define CAPTURE_TICK_MS 100

struct capture {
    capture_options opt;
    char *filter;             /* opt.filter points here: a reload may replace it */
    pcap_t *live;
    pcap_t *current;          /* the handle being read (file or live) */
    volatile sig_atomic_t stop;
};

static lw_status capture_fail(char *err, size_t errlen, const char *what, const char *detail)
{
    snprintf(err, errlen, "%s: %s", what, detail);
    return LW_ERR_RUNTIME;
}

static lw_status capture_check_linktype(pcap_t *p, const char *what, char *err, size_t errlen)
{
    int dlt = pcap_datalink(p);
    if (decode_linktype_supported(dlt))
        return LW_OK;
    const char *name = pcap_datalink_val_to_name(dlt);
    char detail[128];
    snprintf(detail, sizeof detail, "unsupported link type %d (%s)", dlt, name ? name : "unknown");
    return capture_fail(err, errlen, what, detail);
}

/* Compile and install `filter`; "" is a program that accepts every packet. */
static lw_status capture_install_filter(pcap_t *p, const char *filter, const char *what, char *err, size_t errlen)
{
    struct bpf_program prog;
    if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        snprintf(err, errlen, "%s: bad filter '%s': %s", what, filter, pcap_geterr(p));
        return LW_ERR_USAGE;
    }
    int rc = pcap_setfilter(p, &prog);
    pcap_freecode(&prog);
    if (rc != 0)
        return capture_fail(err, errlen, what, pcap_geterr(p));
    return LW_OK;
}

static lw_status capture_apply_filter(pcap_t *p, const char *filter, const char *what, char *err, size_t errlen)
{
    return filter && *filter ? capture_install_filter(p, filter, what, err, errlen) : LW_OK;
}

/* One replayed file: classic pcap through libpcap, or pcapng through pcapng.c. */
typedef struct capture_filter {
    int linktype;
    bool usable; /* false: the filter cannot be compiled for this link type, nothing passes */
    struct bpf_program prog;
} capture_filter;

typedef struct capture_file {
    const char *what;
    const char *source;        /* the path as given ("-" = standard input): frames carry it */
    pcap_t *pcap;
    pcapng_reader *ng;
    FILE *ng_stream;
    char *filter;              /* the file's own copy: a reload may replace the capture's */
    capture_filter *filters; /* pcapng: one per link type seen, compiled on first use */
    size_t n_filters;
} capture_file;

static void capture_file_close(capture_file *cf)
{
    if (cf->pcap)
        pcap_close(cf->pcap); /* closes the stream ("-" is standard input, as for libpcap) */
    pcapng_close(cf->ng);
    if (cf->ng_stream && cf->ng_stream != stdin)
        fclose(cf->ng_stream);
    for (size_t i = 0; i < cf->n_filters; i++)
        if (cf->filters[i].usable)
            pcap_freecode(&cf->filters[i].prog);
    free(cf->filters);
    free(cf->filter);
    memset(cf, 0, sizeof *cf);
}

/* pcapng stores LINKTYPE_* values; libpcap's filter compiler wants DLT_* (they differ for raw IP). */
static int capture_dlt_of(int linktype)
{
    return linktype == 101 ? DLT_RAW : linktype;
}

/* The filter for one link type, compiled on first use. NULL only when out of memory. */
static capture_filter *capture_filter_for(capture_file *cf, int linktype)
{
    for (size_t i = 0; i < cf->n_filters; i++)
        if (cf->filters[i].linktype == linktype)
            return &cf->filters[i];
    capture_filter *grown = realloc(cf->filters, (cf->n_filters + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    cf->filters = grown;
    capture_filter *f = &grown[cf->n_filters++];
    f->linktype = linktype;
    pcap_t *dead = pcap_open_dead(capture_dlt_of(linktype), 262144);
    f->usable = dead && pcap_compile(dead, &f->prog, cf->filter, 1, PCAP_NETMASK_UNKNOWN) == 0;
    if (dead)
        pcap_close(dead);
    return f;
}

static bool capture_ng_passes(capture_file *cf, const pcapng_packet *p)
{
    if (!cf->filter || !*cf->filter)
        return true;
    capture_filter *f = capture_filter_for(cf, p->linktype);
    struct pcap_pkthdr h = {.caplen = p->caplen, .len = p->wirelen};
    return f && f->usable && pcap_offline_filter(&f->prog, &h, p->data) != 0;
}

/* A pcapng file is usable when one of the interfaces it starts with has a link type leakwatch
 * decodes (frames of the others are handed on and counted as not IP), and the filter
 * compiles for one of them. */
static lw_status capture_check_pcapng(capture_file *cf, char *err, size_t errlen)
{
    uint32_t n = pcapng_interfaces(cf->ng);
    bool supported = n == 0, filtered = n == 0 || !cf->filter || !*cf->filter;
    for (uint32_t i = 0; i < n; i++) {
        int linktype = pcapng_linktype(cf->ng, i);
        supported = supported || decode_linktype_supported(linktype) || decode_linktype_supported(capture_dlt_of(linktype));
        capture_filter *f = filtered ? NULL : capture_filter_for(cf, linktype);
        filtered = filtered || (f && f->usable);
    }
    char detail[128];
    if (!supported) {
        int dlt = pcapng_linktype(cf->ng, 0);
        const char *name = pcap_datalink_val_to_name(dlt);
        snprintf(detail, sizeof detail, "unsupported link type %d (%s)", dlt, name ? name : "unknown");
        return capture_fail(err, errlen, cf->what, detail);
    }
    if (!filtered) {
        snprintf(err, errlen, "%s: bad filter '%s' for the link types of this file", cf->what, cf->filter);
        return LW_ERR_USAGE;
    }
    return LW_OK;
}

static lw_status capture_open_pcapng(capture_file *cf, FILE *fp, char *err, size_t errlen)
{
    char detail[LW_ERRBUF];
    cf->ng_stream = fp;
    if (pcapng_open(fp, &cf->ng, detail, sizeof detail) != LW_OK)
        return capture_fail(err, errlen, cf->what, detail);
    return capture_check_pcapng(cf, err, errlen);
}

static lw_status capture_open_pcap(capture_file *cf, FILE *fp, char *err, size_t errlen)
{
    char pcap_err[PCAP_ERRBUF_SIZE] = "";
    cf->pcap = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_MICRO, pcap_err);
    if (!cf->pcap) {
        if (fp != stdin)
            fclose(fp);
        return capture_fail(err, errlen, cf->what, pcap_err);
    }
    lw_status st = capture_check_linktype(cf->pcap, cf->what, err, errlen);
    if (st == LW_OK)
        st = capture_apply_filter(cf->pcap, cf->filter, cf->what, err, errlen);
    return st;
}

/* A replay reads through a large stdio buffer: the default few KiB cost a system call every
 * few packets. The first byte tells pcapng from pcap; it is pushed back for the reader. */
static lw_status capture_open_file(const char *path, const char *filter, capture_file *cf, char *err, size_t errlen)
{
    memset(cf, 0, sizeof *cf);
    cf->what = strcmp(path, "-") == 0 ? "(standard input)" : path;
    cf->source = path;
    if (filter && !(cf->filter = strdup(filter)))
        return capture_fail(err, errlen, path, "out of memory");
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        capture_file_close(cf);
        return capture_fail(err, errlen, path, strerror(errno));
    }
    setvbuf(fp, NULL, _IOFBF, CAPTURE_READ_BUFFER);
    int first = getc(fp);
    if (first != EOF)
        ungetc(first, fp);
    lw_status st = first == PCAPNG_FIRST_BYTE ? capture_open_pcapng(cf, fp, err, errlen)
                                              : capture_open_pcap(cf, fp, err, errlen);
    if (st != LW_OK)
        capture_file_close(cf);
    return st;
}

static lw_status capture_open_live(capture *c, char *err, size_t errlen)
{
    char pcap_err[PCAP_ERRBUF_SIZE] = "";
    const char *ifname = c->opt.interface;
    pcap_t *p = pcap_create(ifname, pcap_err);
    if (!p)
        return capture_fail(err, errlen, ifname, pcap_err);
    pcap_set_snaplen(p, c->opt.snaplen > 0 ? c->opt.snaplen : 65535);
    pcap_set_promisc(p, c->opt.promiscuous);
    pcap_set_timeout(p, 100);
    pcap_set_buffer_size(p, (c->opt.buffer_mib > 0 ? c->opt.buffer_mib : 64) * 1024 * 1024);
    int rc = pcap_activate(p);
    if (rc >= 0 && pcap_setnonblock(p, 1, pcap_err) != 0)
        rc = PCAP_ERROR;
    if (rc < 0) {
        snprintf(err, errlen, "%s: cannot capture: %s", ifname,
                 rc == PCAP_ERROR ? (pcap_err[0] ? pcap_err : pcap_geterr(p)) : pcap_statustostr(rc));
        pcap_close(p);
        return LW_ERR_RUNTIME;
    }
    lw_status st = capture_check_linktype(p, ifname, err, errlen);
    if (st == LW_OK)
        st = capture_apply_filter(p, c->opt.filter, ifname, err, errlen);
    if (st != LW_OK) {
        pcap_close(p);
        return st;
    }
    c->live = p;
    return LW_OK;
}

/* Open and close every file once, so that errors surface before any output. Standard
 * input, FIFOs and other non-regular files cannot be read twice and are checked when read. */
static lw_status capture_check_files(const capture_options *opt, char *err, size_t errlen)
{
    for (size_t i = 0; i < opt->n_files; i++) {
        struct stat sb;
        if (strcmp(opt->files[i], "-") == 0 || (stat(opt->files[i], &sb) == 0 && !S_ISREG(sb.st_mode)))
            continue;
        capture_file cf;
        lw_status st = capture_open_file(opt->files[i], opt->filter, &cf, err, errlen);
        if (st != LW_OK)
            return st;
        capture_file_close(&cf);
    }
    return LW_OK;
}

lw_status capture_open(const capture_options *opt, capture **out, char *err, size_t errlen)
{
    capture *c = calloc(1, sizeof *c);
    if (!c || (opt->filter && !(c->filter = strdup(opt->filter)))) {
        free(c);
        return capture_fail(err, errlen, "capture", "out of memory");
    }
    c->opt = *opt;
    c->opt.filter = c->filter;
    lw_status st = opt->interface ? capture_open_live(c, err, errlen) : capture_check_files(opt, err, errlen);
    if (st != LW_OK) {
        free(c->filter);
        free(c);
        return st;
    }
    *out = c;
    return LW_OK;
}

typedef struct capture_dispatch {
    capture_frame_fn fn;
    void *user;
    int linktype;
    const char *source;
} capture_dispatch;

static void capture_on_packet(u_char *arg, const struct pcap_pkthdr *h, const u_char *bytes)
{
    const capture_dispatch *d = (const capture_dispatch *)arg;
    capture_frame f = {
        .ts_us = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec,
        .linktype = d->linktype,
        .data = bytes,
        .caplen = h->caplen,
        .wirelen = h->len,
        .source = d->source,
    };
    d->fn(d->user, &f);
}

/* Live: wait up to one tick for packets. False when none came (or a signal interrupted). */
static bool capture_wait(pcap_t *p)
{
    struct pollfd pfd = {.fd = pcap_get_selectable_fd(p), .events = POLLIN};
    return poll(&pfd, 1, CAPTURE_TICK_MS) > 0;
}

/* Read one handle to its end (files) or until stopped (live). */
static lw_status capture_drain(capture *c, pcap_t *p, const char *source, const char *what, capture_frame_fn fn,
                               void *user, char *err, size_t errlen)
{
    capture_dispatch d = {fn, user, pcap_datalink(p), source};
    c->current = p;
    while (!c->stop) {
        if (c->live && !capture_wait(p)) {
            fn(user, NULL);
            continue;
        }
        int n = pcap_dispatch(p, 256, capture_on_packet, (u_char *)&d);
        if (n == PCAP_ERROR_BREAK)
            break;
        if (n == PCAP_ERROR && c->stop)
            break; /* a stop signal interrupted a blocking read: a clean stop, not a read error */
        if (n == PCAP_ERROR) {
            c->current = NULL;
            return capture_fail(err, errlen, what, pcap_geterr(p));
        }
        if (n == 0) {
            if (!c->live)
                break; /* end of file */
            fn(user, NULL);
        }
    }
    c->current = NULL;
    return LW_OK;
}

static lw_status capture_drain_pcapng(capture *c, capture_file *cf, capture_frame_fn fn, void *user, char *err,
                                     size_t errlen)
{
    pcapng_packet p;
    char detail[LW_ERRBUF];
    int rc = 0;
    while (!c->stop && (rc = pcapng_next(cf->ng, &p, detail, sizeof detail)) > 0) {
        if (!capture_ng_passes(cf, &p))
            continue;
        capture_frame f = {p.ts_us, p.linktype, p.data, p.caplen, p.wirelen, cf->source};
        fn(user, &f);
    }
    return rc < 0 ? capture_fail(err, errlen, cf->what, detail) : LW_OK;
}

lw_status capture_run(capture *c, capture_frame_fn fn, void *user, char *err, size_t errlen)
{
    if (c->live)
        return capture_drain(c, c->live, c->opt.interface, c->opt.interface, fn, user, err, errlen);
    for (size_t i = 0; i < c->opt.n_files && !c->stop; i++) {
        capture_file cf;
        lw_status st = capture_open_file(c->opt.files[i], c->opt.filter, &cf, err, errlen);
        if (st != LW_OK)
            return st;
        st = cf.ng ? capture_drain_pcapng(c, &cf, fn, user, err, errlen)
                   : capture_drain(c, cf.pcap, cf.source, cf.what, fn, user, err, errlen);
        capture_file_close(&cf);
        if (st != LW_OK)
            return st;
    }
    return LW_OK;
}

/* A filter for the files still to come: it must at least compile for Ethernet. */
static lw_status capture_check_filter(const char *filter, char *err, size_t errlen)
{
    struct bpf_program prog;
    pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
    if (!dead)
        return capture_fail(err, errlen, "capture", "out of memory");
    lw_status st = LW_OK;
    if (pcap_compile(dead, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        snprintf(err, errlen, "bad filter '%s': %s", filter, pcap_geterr(dead));
        st = LW_ERR_USAGE;
    } else {
        pcap_freecode(&prog);
    }
    pcap_close(dead);
    return st;
}

/* Live: installed at once. Replay: used from the next file on. */
lw_status capture_set_filter(capture *c, const char *filter, char *err, size_t errlen)
{
    char *copy = filter ? strdup(filter) : NULL;
    if (filter && !copy)
        return capture_fail(err, errlen, "capture", "out of memory");
    lw_status st = c->live ? capture_install_filter(c->live, filter ? filter : "", c->opt.interface, err, errlen)
                           : capture_check_filter(filter ? filter : "", err, errlen);
    if (st != LW_OK) {
        free(copy);
        return st;
    }
    free(c->filter);
    c->filter = copy;
    c->opt.filter = copy;
    return LW_OK;
}

void capture_stop(capture *c)
{
    c->stop = 1;
    pcap_t *p = c->current;
    if (p)
        pcap_breakloop(p);
}

bool capture_is_live(const capture *c)
{
    return c->live != NULL;
}

uint64_t capture_drops(capture *c)
{
    struct pcap_stat ps;
    if (!c->live || pcap_stats(c->live, &ps) != 0)
        return 0;
    return (uint64_t)ps.ps_drop + ps.ps_ifdrop;
}

void capture_close(capture *c)
{
    if (!c)
        return;
    if (c->live)
        pcap_close(c->live);
    free(c->filter);
    free(c);
}
