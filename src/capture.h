/* capture.h — the capture stage for replays: capture files (pcap or pcapng, detected by
 * content; several files as one timeline; "-" = standard input) with a BPF filter (live
 * capture: live.h). Owns the pcap handles. Hands each frame, untouched, to a callback. */
#ifndef LW_CAPTURE_H
#define LW_CAPTURE_H

#include "common.h"

typedef struct capture_options {
    char *const *files;   /* -r, in order */
    size_t n_files;
    const char *filter;   /* BPF, may be NULL */
} capture_options;

typedef struct capture_frame {
    uint64_t ts_us;
    int linktype;
    const uint8_t *data;
    uint32_t caplen, wirelen;
    const char *source;   /* the file as given to -r ("-" = standard input) or the interface the
                           * frame came from; valid until capture_close (alert records carry it) */
    bool lasting;         /* data stays valid until capture_release passes it (else: during the call) */
} capture_frame;

/* Called per frame. */
typedef void (*capture_frame_fn)(void *user, const capture_frame *frame);

typedef struct capture capture;

/* Checks every file (exists, readable, a capture, a supported link type) before any is
 * replayed. Errors name the file. */
lw_status capture_open(const capture_options *opt, capture **out, char *err, size_t errlen);

/* Read on: up to max frames, in order across the files, each handed to fn; *n is how many
 * (0: the captures ended, or capture_stop() was called). LW_ERR_RUNTIME on a read error. */
lw_status capture_read(capture *c, capture_frame_fn fn, void *user, unsigned max, unsigned *n, char *err,
                       size_t errlen);

/* How far the reading got, in a count that only grows (for capture_release). */
uint64_t capture_tell(const capture *c);
/* Frames read before capture_tell said `upto` are done with: their memory may go. */
void capture_release(capture *c, uint64_t upto);

/* Run until the captures end, capture_stop() is called, or a read error (LW_ERR_RUNTIME). */
lw_status capture_run(capture *c, capture_frame_fn fn, void *user, char *err, size_t errlen);

/* Replace the BPF filter (NULL or "" = none) from the next file on. On error (a bad filter:
 * LW_ERR_USAGE) the old one stays. */
lw_status capture_set_filter(capture *c, const char *filter, char *err, size_t errlen);

/* True when a read may wait for input (standard input, a pipe or FIFO): only the thread
 * that signals interrupt should read then. */
bool capture_may_block(const capture *c);

/* Async-signal-safe: ask capture_run to return after the current frame. */
void capture_stop(capture *c);

void capture_close(capture *c);

#endif
