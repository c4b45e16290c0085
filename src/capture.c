/* capture.c — libpcap front end. Files are opened one after another and replayed as one
 * timeline; every file is checked up front so a typo in the third -r fails before the first
 * alert is written. Classic pcap is read by libpcap; pcapng, told by its first byte, by
 * pcapng.c (libpcap refuses interfaces of different link types in one file), with the BPF
 * filter compiled once per link type and run by pcap_offline_filter. "-" is standard input.
 * A classic pcap regular file, once libpcap has opened it, is read in place (pcapfile.c):
 * its frames last until capture_release passes them, so a replay's workers need no copy;
 * finished files stay mapped until then. Reading is pulled, a batch at a time (capture_read),
 * by whichever worker reads. (Live capture is src/live.c.) Owns the pcap handles, the
 * mappings and its copies of the filter; never interprets a byte of the frames. */
#include "capture.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode.h"
#include "pcapfile.h"
#include "pcapng.h"

#define CAPTURE_READ_BUFFER (1 << 20)

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
    pcapfile *map;             /* classic pcap read in place (libpcap then only read the header) */
    struct bpf_program map_filter;
    bool map_filtered;
    pcapng_reader *ng;
    FILE *ng_stream;
    char *filter;              /* the file's own copy: a reload may replace the capture's */
    capture_filter *filters; /* pcapng: one per link type seen, compiled on first use */
    size_t n_filters;
} capture_file;

/* A mapped file read to its end whose frames may still be in use. */
typedef struct capture_retired {
    pcapfile *map;
    uint64_t start;            /* of its bytes in capture_tell's count */
} capture_retired;

struct capture {
    capture_options opt;
    char *filter;              /* opt.filter points here: a reload may replace it */
    size_t next_file;          /* of opt.files */
    capture_file file;         /* the file being read, when file_open */
    bool file_open;
    uint64_t map_start;        /* capture_tell's count at the start of the current file */
    capture_retired *retired;
    size_t n_retired;
    pcap_t *current;           /* the libpcap handle being read */
    volatile sig_atomic_t stop;
};

static void capture_file_close(capture_file *cf)
{
    pcapfile_close(cf->map);
    if (cf->map_filtered)
        pcap_freecode(&cf->map_filter);
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
    if (st == LW_OK && fp != stdin && (cf->map = pcapfile_map(fileno(fp))) && cf->filter && *cf->filter) {
        cf->map_filtered = pcap_compile(cf->pcap, &cf->map_filter, cf->filter, 1, PCAP_NETMASK_UNKNOWN) == 0;
        if (!cf->map_filtered) { /* it compiled a moment ago; read the usual way */
            pcapfile_close(cf->map);
            cf->map = NULL;
        }
    }
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
    lw_status st = capture_check_files(&c->opt, err, errlen);
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

/* Up to max frames of a classic pcap file: the number handed, 0 at its end (or when stopped), -1 on error. */
static int capture_read_pcap(capture *c, capture_file *cf, capture_frame_fn fn, void *user, unsigned max, char *err,
                             size_t errlen)
{
    capture_dispatch d = {fn, user, pcap_datalink(cf->pcap), cf->source};
    c->current = cf->pcap;
    int n = pcap_dispatch(cf->pcap, (int)max, capture_on_packet, (u_char *)&d);
    c->current = NULL;
    if (n == PCAP_ERROR_BREAK || (n == PCAP_ERROR && c->stop))
        return 0; /* a stop signal interrupted a blocking read: a clean stop, not a read error */
    if (n == PCAP_ERROR)
        capture_fail(err, errlen, cf->what, pcap_geterr(cf->pcap));
    return n;
}

/* Up to max frames of a file read in place; frames last (capture_release). */
static int capture_read_map(capture_file *cf, capture_frame_fn fn, void *user, unsigned max, char *err, size_t errlen)
{
    pcapfile_frame p;
    char detail[LW_ERRBUF];
    int rc = 0, linktype = pcap_datalink(cf->pcap);
    unsigned n = 0;
    while (n < max && (rc = pcapfile_next(cf->map, &p, detail, sizeof detail)) > 0) {
        struct pcap_pkthdr h = {.caplen = p.caplen, .len = p.wirelen};
        if (cf->map_filtered && !pcap_offline_filter(&cf->map_filter, &h, p.data))
            continue;
        capture_frame f = {p.ts_us, linktype, p.data, p.caplen, p.wirelen, cf->source, true};
        fn(user, &f);
        n++;
    }
    if (rc < 0) {
        capture_fail(err, errlen, cf->what, detail);
        return -1;
    }
    return (int)n;
}

static int capture_read_pcapng(capture_file *cf, capture_frame_fn fn, void *user, unsigned max, char *err,
                               size_t errlen)
{
    pcapng_packet p;
    char detail[LW_ERRBUF];
    int rc = 0;
    unsigned n = 0;
    while (n < max && (rc = pcapng_next(cf->ng, &p, detail, sizeof detail)) > 0) {
        if (!capture_ng_passes(cf, &p))
            continue;
        capture_frame f = {p.ts_us, p.linktype, p.data, p.caplen, p.wirelen, cf->source, false};
        fn(user, &f);
        n++;
    }
    if (rc < 0) {
        capture_fail(err, errlen, cf->what, detail);
        return -1;
    }
    return (int)n;
}

/* The current file ended: close it, but keep its mapping while its frames may be in use. */
static void capture_retire(capture *c)
{
    pcapfile *map = c->file.map;
    capture_retired *grown = map ? realloc(c->retired, (c->n_retired + 1) * sizeof *grown) : NULL;
    if (map)
        c->map_start += pcapfile_offset(map);
    if (grown) {
        c->retired = grown;
        c->retired[c->n_retired++] = (capture_retired){map, c->map_start - pcapfile_offset(map)};
        c->file.map = NULL; /* kept */
    }
    capture_file_close(&c->file);
    c->file_open = false;
}

uint64_t capture_tell(const capture *c)
{
    return c->map_start + (c->file_open && c->file.map ? pcapfile_offset(c->file.map) : 0);
}

void capture_release(capture *c, uint64_t upto)
{
    size_t kept = 0;
    for (size_t i = 0; i < c->n_retired; i++) {
        capture_retired *r = &c->retired[i];
        if (upto >= r->start + pcapfile_offset(r->map)) {
            pcapfile_close(r->map);
            continue;
        }
        if (upto > r->start)
            pcapfile_release(r->map, upto - r->start);
        c->retired[kept++] = *r;
    }
    c->n_retired = kept;
    if (c->file_open && c->file.map && upto > c->map_start)
        pcapfile_release(c->file.map, upto - c->map_start);
}

lw_status capture_read(capture *c, capture_frame_fn fn, void *user, unsigned max, unsigned *n, char *err,
                       size_t errlen)
{
    *n = 0;
    while (!c->stop) {
        if (!c->file_open) {
            if (c->next_file == c->opt.n_files)
                return LW_OK;
            lw_status st = capture_open_file(c->opt.files[c->next_file++], c->opt.filter, &c->file, err, errlen);
            if (st != LW_OK)
                return st;
            c->file_open = true;
        }
        int got = c->file.ng    ? capture_read_pcapng(&c->file, fn, user, max, err, errlen)
                  : c->file.map ? capture_read_map(&c->file, fn, user, max, err, errlen)
                                : capture_read_pcap(c, &c->file, fn, user, max, err, errlen);
        if (got < 0)
            return LW_ERR_RUNTIME;
        if (got > 0) {
            *n = (unsigned)got;
            return LW_OK;
        }
        capture_retire(c);
    }
    return LW_OK;
}

lw_status capture_run(capture *c, capture_frame_fn fn, void *user, char *err, size_t errlen)
{
    unsigned n;
    lw_status st;
    while ((st = capture_read(c, fn, user, 256, &n, err, errlen)) == LW_OK && n)
        ;
    return st;
}

bool capture_may_block(const capture *c)
{
    for (size_t i = 0; i < c->opt.n_files; i++) {
        struct stat sb;
        if (strcmp(c->opt.files[i], "-") == 0 || stat(c->opt.files[i], &sb) != 0 || !S_ISREG(sb.st_mode))
            return true;
    }
    return false;
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

/* Used from the next file on. */
lw_status capture_set_filter(capture *c, const char *filter, char *err, size_t errlen)
{
    char *copy = filter ? strdup(filter) : NULL;
    if (filter && !copy)
        return capture_fail(err, errlen, "capture", "out of memory");
    lw_status st = capture_check_filter(filter ? filter : "", err, errlen);
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

void capture_close(capture *c)
{
    if (!c)
        return;
    if (c->file_open)
        capture_file_close(&c->file);
    for (size_t i = 0; i < c->n_retired; i++)
        pcapfile_close(c->retired[i].map);
    free(c->retired);
    free(c->filter);
    free(c);
}
