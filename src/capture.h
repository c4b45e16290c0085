/* capture.h — the capture stage: replays capture files (pcap or pcapng, detected by content;
 * several files as one timeline; "-" = standard input) or captures live from an interface
 * with a BPF filter. Owns the pcap handles. Hands each frame, untouched, to a callback. */
#ifndef LW_CAPTURE_H
#define LW_CAPTURE_H

#include "common.h"

typedef struct capture_options {
    char *const *files;   /* -r, in order; NULL/0 for live */
    size_t n_files;
    const char *interface;
    const char *filter;   /* BPF, may be NULL */
    int snaplen;
    bool promiscuous;
    int buffer_mib;
} capture_options;

typedef struct capture_frame {
    uint64_t ts_us;
    int linktype;
    const uint8_t *data;
    uint32_t caplen, wirelen;
    const char *source;   /* the file as given to -r ("-" = standard input) or the interface the
                           * frame came from; valid until capture_close (alert records carry it) */
} capture_frame;

/* Called per frame; also called with frame == NULL after 100 ms of wall time without a
 * packet when capturing live, silent link included (lets the pipeline expire flows, emit
 * stats and apply a reload), and at once when a signal arrives. */
typedef void (*capture_frame_fn)(void *user, const capture_frame *frame);

typedef struct capture capture;

/* Checks every file (exists, readable, a capture, a supported link type) before any is
 * replayed, or opens the interface. Errors name the file or interface. */
lw_status capture_open(const capture_options *opt, capture **out, char *err, size_t errlen);

/* Run until the captures end, capture_stop() is called, or a read error (LW_ERR_RUNTIME). */
lw_status capture_run(capture *c, capture_frame_fn fn, void *user, char *err, size_t errlen);

/* Replace the BPF filter (NULL or "" = none): live from the next packet on, in a replay from
 * the next file on. On error (a bad filter: LW_ERR_USAGE) the old one stays. */
lw_status capture_set_filter(capture *c, const char *filter, char *err, size_t errlen);

/* Async-signal-safe: ask capture_run to return after the current frame. */
void capture_stop(capture *c);

bool capture_is_live(const capture *c);
/* Packets the kernel or interface dropped (live); 0 for files. */
uint64_t capture_drops(capture *c);

void capture_close(capture *c);

#endif
