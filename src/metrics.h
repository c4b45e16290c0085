/* metrics.h — Prometheus text at /metrics and a liveness answer at /healthz (contract:
 * metrics.listen), served by a thread of its own from the last snapshot the capture loop
 * published. The loop never waits for a client; a client never sees a half-updated snapshot.
 * Whoever owns the workers sums their counters into one snapshot and publishes it. */
#ifndef LW_METRICS_H
#define LW_METRICS_H

#include "common.h"
#include "output.h"
#include "stats.h"

typedef struct metrics_snapshot {
    lw_stats stats;            /* summed over every worker, flow and reassembly figures current */
    uint64_t kernel_drops;     /* packets the capture lost (kernel and interface), every socket */
    uint32_t workers;
    uint64_t reloads, reload_failures;
    output_health outputs;
} metrics_snapshot;

typedef struct metrics metrics;

/* Listen on `listen` ("HOST:PORT", "[IPV6]:PORT"; port 0 = any free port) and start serving.
 * Errors (cannot resolve, cannot bind) name the address. */
lw_status metrics_open(const char *listen, metrics **out, char *err, size_t errlen);

/* The port actually bound (for port 0). */
uint16_t metrics_port(const metrics *m);

/* Replace the snapshot. Cheap (one copy under a lock): call it a few times a second, idle
 * ticks included, since /healthz reports the loop stalled when publications stop. */
void metrics_publish(metrics *m, const metrics_snapshot *snap);

void metrics_close(metrics *m);

/* The exposition text of a snapshot; ages in seconds. Returns the length, or -1 when buf is
 * too small. */
int metrics_render(const metrics_snapshot *s, double last_packet_age, double uptime, char *buf, size_t buflen);

#endif
