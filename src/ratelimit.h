/* ratelimit.h — the alert rate limit: at most `count` alerts per `interval` seconds (fixed
 * windows of packet time) per (device, destination address, signature id). Repeats over the
 * limit are held back and counted; the next alert of that key that passes carries the count.
 * Applied by the single writer to the alerts of every worker in one canonical order, so its
 * outcome does not depend on how many workers there are or how they interleave. */
#ifndef LW_RATELIMIT_H
#define LW_RATELIMIT_H

#include "common.h"

typedef struct ratelimit ratelimit;

/* count 0 (or interval 0) = unlimited. NULL when out of memory. */
ratelimit *ratelimit_new(uint32_t count, uint32_t interval_s);
void ratelimit_free(ratelimit *r);

/* New limits (a reload); the windows and held-back counts stay. */
void ratelimit_set(ratelimit *r, uint32_t count, uint32_t interval_s);

/* True when an alert of (device, dest, signature_id) at ts_us may pass; then *carried is the
 * number of repeats held back since the key's previous alert that passed (0 when none). */
bool ratelimit_pass(ratelimit *r, const lw_addr *device, const lw_addr *dest, uint32_t signature_id,
                    uint64_t ts_us, uint32_t *carried);

/* Alerts held back since the start. */
uint64_t ratelimit_suppressed(const ratelimit *r);

#endif
