/* memcap.h — one memory budget shared by the stages that keep state per flow (flows.memcap):
 * the flow table (entries and index), the engine's per-flow stage, nDPI's flow state and the
 * reassembly buffers all reserve from it before they allocate and give back what they free.
 * When a reservation does not fit, the budget asks its owner (the flow table) to reclaim
 * memory by ending flows — half-open and idle ones first — and refuses only if that was not
 * enough, so in_use never exceeds cap. Owns nothing but the numbers. */
#ifndef LW_MEMCAP_H
#define LW_MEMCAP_H

#include "common.h"

/* Room left beyond a reclaimed reservation: the small allocations that follow it in the same
 * packet (a host name) fit without another round of evictions. */
#define MEMCAP_SLACK 4096u

typedef struct lw_memcap {
    uint64_t cap, in_use, peak;
    uint64_t refused;          /* reservations that did not fit even after reclaiming */
    /* Free memory until `need` more bytes fit (with MEMCAP_SLACK); may do nothing. */
    void (*reclaim)(void *user, uint64_t need);
    void *user;
    bool reclaiming;           /* a reclaim is running: reservations made meanwhile only check */
} lw_memcap;

static inline bool memcap_fits(const lw_memcap *m, uint64_t n)
{
    return !m || (n <= m->cap && m->in_use <= m->cap - n);
}

/* Account n bytes about to be allocated; false (counted) when they do not fit. A NULL budget
 * takes anything. */
static inline bool memcap_reserve(lw_memcap *m, uint64_t n)
{
    if (!m)
        return true;
    if (!memcap_fits(m, n) && m->reclaim && !m->reclaiming) {
        m->reclaiming = true;
        m->reclaim(m->user, n);
        m->reclaiming = false;
    }
    if (!memcap_fits(m, n)) {
        m->refused++;
        return false;
    }
    m->in_use += n;
    if (m->in_use > m->peak)
        m->peak = m->in_use;
    return true;
}

static inline void memcap_release(lw_memcap *m, uint64_t n)
{
    if (m)
        m->in_use -= n < m->in_use ? n : m->in_use;
}

#endif
