/* ring.c — records are [u64 length][payload, padded to 8 bytes]; a record never wraps: when
 * it does not fit before the end of the buffer, a length of RING_SKIP sends the consumer
 * back to the start. Publishing a cursor is a plain release store: no fence per record. The
 * sleeper announces itself and looks again before it sleeps; the other side wakes it only
 * now and then (the producer when it kicks, after a batch; the consumer once a quarter of
 * the ring is free again), and without a fence may miss it: a nap lasts RING_NAP_MS at most. */
#include "ring.h"

#include <linux/futex.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define RING_SKIP UINT64_MAX
#define RING_SPINS 64
#define RING_NAP_MS 1

static size_t ring_round(size_t len)
{
    return (len + 7) & ~(size_t)7;
}

lw_status ring_init(ring *r, size_t size)
{
    *r = (ring){0};
    if (size < 4096 || (size & (size - 1)) || !(r->buf = aligned_alloc(64, size)))
        return LW_ERR_RUNTIME;
    r->mask = size - 1;
    return LW_OK;
}

void ring_destroy(ring *r)
{
    free(r->buf);
    r->buf = NULL;
}

size_t ring_pending(ring *r)
{
    uint64_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    return (size_t)(atomic_load_explicit(&r->tail, memory_order_acquire) - head);
}

size_t ring_max_record(const ring *r)
{
    return (r->mask + 1) / 4 - 8;
}

static void ring_futex_nap(_Atomic uint32_t *word)
{
    struct timespec ts = {0, RING_NAP_MS * 1000000L};
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, 1, &ts, NULL, 0);
}

static void ring_futex_wake(_Atomic uint32_t *word)
{
    if (atomic_load_explicit(word, memory_order_relaxed) && atomic_exchange_explicit(word, 0, memory_order_acq_rel))
        syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static inline void ring_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* Spin, then nap until *other moves away from `seen` (or the nap ends). */
static void ring_wait_for(_Atomic uint64_t *other, uint64_t seen, _Atomic uint32_t *sleeps)
{
    for (int i = 0; i < RING_SPINS; i++) {
        if (atomic_load_explicit(other, memory_order_acquire) != seen)
            return;
        ring_pause();
    }
    atomic_store_explicit(sleeps, 1, memory_order_seq_cst);
    if (atomic_load_explicit(other, memory_order_seq_cst) == seen)
        ring_futex_nap(sleeps);
    atomic_store_explicit(sleeps, 0, memory_order_relaxed);
}

/* Free bytes from the producer's cursor, as far as it knows. */
static uint64_t ring_room(const ring *r)
{
    return r->mask + 1 - (r->ptail - r->cached_head);
}

void *ring_try_reserve(ring *r, size_t len)
{
    uint64_t size = r->mask + 1, need = 8 + ring_round(len);
    uint64_t offset = r->ptail & r->mask;
    uint64_t want = offset + need > size ? size - offset + need : need; /* skip to the start */
    if (ring_room(r) < want) {
        r->cached_head = atomic_load_explicit(&r->head, memory_order_acquire);
        if (ring_room(r) < want)
            return NULL;
    }
    if (want != need) {
        *(uint64_t *)(r->buf + offset) = RING_SKIP;
        r->ptail += size - offset;
        offset = 0;
    }
    *(uint64_t *)(r->buf + offset) = len;
    return r->buf + offset + 8;
}

void ring_wait_room(ring *r)
{
    ring_wait_for(&r->head, r->cached_head, &r->producer_sleeps);
}

void *ring_reserve(ring *r, size_t len)
{
    void *room;
    while (!(room = ring_try_reserve(r, len)))
        ring_wait_room(r);
    return room;
}

void ring_commit(ring *r, size_t len)
{
    r->ptail += 8 + ring_round(len);
    atomic_store_explicit(&r->tail, r->ptail, memory_order_release);
}

void ring_kick(ring *r)
{
    ring_futex_wake(&r->consumer_sleeps);
}

const void *ring_peek(ring *r, size_t *len)
{
    for (;;) {
        if (r->phead == r->cached_tail) {
            r->cached_tail = atomic_load_explicit(&r->tail, memory_order_acquire);
            if (r->phead == r->cached_tail)
                return NULL;
        }
        const uint8_t *rec = r->buf + (r->phead & r->mask);
        uint64_t n = *(const uint64_t *)rec;
        if (n != RING_SKIP) {
            *len = (size_t)n;
            const uint8_t *next = rec + 8 + ring_round((size_t)n);
            __builtin_prefetch(next);
            __builtin_prefetch(next + 64);
            __builtin_prefetch(next + 128);
            return rec + 8;
        }
        r->phead += r->mask + 1 - (r->phead & r->mask);
    }
}

void ring_release(ring *r)
{
    uint64_t n = *(const uint64_t *)(r->buf + (r->phead & r->mask));
    r->phead += 8 + ring_round((size_t)n);
    atomic_store_explicit(&r->head, r->phead, memory_order_release);
    if (atomic_load_explicit(&r->producer_sleeps, memory_order_relaxed) &&
        atomic_load_explicit(&r->tail, memory_order_relaxed) - r->phead <= (r->mask + 1) * 3 / 4)
        ring_futex_wake(&r->producer_sleeps);
}

void ring_wait(ring *r)
{
    ring_wait_for(&r->tail, r->phead, &r->consumer_sleeps);
}
