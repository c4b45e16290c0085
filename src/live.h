/* live.h — live capture for several workers: on each interface, one libpcap handle per worker
 * (TPACKET_V3 ring), all joined in one PACKET_FANOUT group that spreads flows over them by a
 * symmetric hash (both directions of a flow reach the same worker, on every interface: the
 * two ports of a passive tap are one timeline). Reads are non-blocking, waits are our own
 * poll(), so a silent link still gives the caller a turn every timeout. An interface that is
 * missing at start or goes away is reopened about once a second, with a log line, never an
 * exit. Owns the handles; never interprets a byte of the frames. */
#ifndef LW_LIVE_H
#define LW_LIVE_H

#include "capture.h"

typedef struct live_options {
    char *const *interfaces;
    size_t n_interfaces;
    unsigned workers;
    const char *filter;            /* BPF, may be NULL */
    int snaplen;
    bool promiscuous;
    int buffer_mib;                /* kernel ring of each interface, split among the workers */
} live_options;

typedef struct live live;

/* Opens every interface (or notes it for retry when it does not exist or is down). Other
 * errors — permission, a bad filter, an unsupported link type — are returned. */
lw_status live_open(const live_options *opt, live **out, char *err, size_t errlen);
void live_close(live *l);

/* Worker k (its own thread): hand every frame ready on its handles to fn, in time order
 * across interfaces; when none is ready, wait for one up to timeout_ms. Returns the number
 * of frames handed. */
unsigned live_poll(live *l, unsigned k, capture_frame_fn fn, void *user, int timeout_ms);

/* Worker k: the kernel's counters of its sockets since the start (received, drops included;
 * dropped for want of room in the ring). */
void live_counters(live *l, unsigned k, uint64_t *received, uint64_t *dropped);

/* A new BPF filter (NULL = none), checked here (LW_ERR_USAGE: nothing changes); each worker
 * installs it on its own handles with live_apply_filter, reopened groups get it too. */
lw_status live_set_filter(live *l, const char *filter, char *err, size_t errlen);
void live_apply_filter(live *l, unsigned k);

/* The supervising thread, about once a second: reopen what is missing or went away. */
void live_maintain(live *l);

#endif
