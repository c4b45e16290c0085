/* capture.c — libpcap front end. Files are opened one after another (pcap_open_offline
 * reads pcap and pcapng by their magic, and "-" as standard input) and replayed as one
 * timeline; every file is checked up front so a typo in the third -r fails before the first
 * alert is written. Live capture uses pcap_create with snaplen, promiscuous mode, buffer
 * size and a 100 ms timeout so the pipeline gets idle ticks. Owns the pcap handles only;
 * never interprets a byte of the frames. */
#include "capture.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode.h"

#define CAPTURE_READ_BUFFER (1 << 20)

struct capture {
    capture_options opt;
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

static lw_status capture_apply_filter(pcap_t *p, const char *filter, const char *what, char *err, size_t errlen)
{
    if (!filter || !*filter)
        return LW_OK;
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

/* A replay reads through a large stdio buffer: the default few KiB cost a system call every
 * few packets. pcap_close closes the stream ("-" is standard input, as for libpcap). */
static pcap_t *capture_open_stream(const char *path, char *pcap_err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        snprintf(pcap_err, PCAP_ERRBUF_SIZE, "%s", strerror(errno));
        return NULL;
    }
    setvbuf(fp, NULL, _IOFBF, CAPTURE_READ_BUFFER);
    pcap_t *p = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_MICRO, pcap_err);
    if (!p && fp != stdin)
        fclose(fp);
    return p;
}

static lw_status capture_open_file(const char *path, const char *filter, pcap_t **out, char *err, size_t errlen)
{
    char pcap_err[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = capture_open_stream(path, pcap_err);
    if (!p)
        return capture_fail(err, errlen, path, pcap_err);
    lw_status st = capture_check_linktype(p, path, err, errlen);
    if (st == LW_OK)
        st = capture_apply_filter(p, filter, path, err, errlen);
    if (st != LW_OK) {
        pcap_close(p);
        return st;
    }
    *out = p;
    return LW_OK;
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
    if (rc < 0) {
        snprintf(err, errlen, "%s: cannot capture: %s", ifname,
                 rc == PCAP_ERROR ? pcap_geterr(p) : pcap_statustostr(rc));
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
        pcap_t *p;
        lw_status st = capture_open_file(opt->files[i], opt->filter, &p, err, errlen);
        if (st != LW_OK)
            return st;
        pcap_close(p);
    }
    return LW_OK;
}

lw_status capture_open(const capture_options *opt, capture **out, char *err, size_t errlen)
{
    capture *c = calloc(1, sizeof *c);
    if (!c)
        return capture_fail(err, errlen, "capture", "out of memory");
    c->opt = *opt;
    lw_status st = opt->interface ? capture_open_live(c, err, errlen) : capture_check_files(opt, err, errlen);
    if (st != LW_OK) {
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
    };
    d->fn(d->user, &f);
}

/* Read one handle to its end (files) or until stopped (live). */
static lw_status capture_drain(capture *c, pcap_t *p, const char *what, capture_frame_fn fn, void *user,
                               char *err, size_t errlen)
{
    capture_dispatch d = {fn, user, pcap_datalink(p)};
    c->current = p;
    while (!c->stop) {
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

lw_status capture_run(capture *c, capture_frame_fn fn, void *user, char *err, size_t errlen)
{
    if (c->live)
        return capture_drain(c, c->live, c->opt.interface, fn, user, err, errlen);
    for (size_t i = 0; i < c->opt.n_files && !c->stop; i++) {
        const char *path = c->opt.files[i];
        pcap_t *p;
        lw_status st = capture_open_file(path, c->opt.filter, &p, err, errlen);
        if (st != LW_OK)
            return st;
        st = capture_drain(c, p, strcmp(path, "-") == 0 ? "(standard input)" : path, fn, user, err, errlen);
        pcap_close(p);
        if (st != LW_OK)
            return st;
    }
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
    free(c);
}
