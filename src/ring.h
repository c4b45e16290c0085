/* ring.h — a lock-free single-producer single-consumer queue of variable-length records in
 * one power-of-two byte buffer: the reader hands packets to a worker through one of these.
 * Both sides keep private cursors and publish them with release stores; a side with nothing
 * to do spins briefly, then naps on a futex that the other side wakes only when it sees it
 * napping (no system call while both are busy). Owns its buffer. */
#ifndef LW_RING_H
#define LW_RING_H

#include <stdatomic.h>

#include "common.h"

typedef struct ring {
    _Alignas(64) _Atomic uint64_t tail;     /* bytes published by the producer */
    _Atomic uint32_t consumer_sleeps;       /* futex word: 1 while the consumer sleeps */
    _Alignas(64) _Atomic uint64_t head;     /* bytes released by the consumer */
    _Atomic uint32_t producer_sleeps;
    _Alignas(64) uint64_t ptail, cached_head;  /* producer only */
    _Alignas(64) uint64_t phead, cached_tail;  /* consumer only */
    uint8_t *buf;
    uint64_t mask;
} ring;

/* size: a power of two ≥ 4096. */
lw_status ring_init(ring *r, size_t size);
void ring_destroy(ring *r);

/* Either side: bytes published and not yet released (a moment's view). */
size_t ring_pending(ring *r);

/* Largest record ring_reserve accepts. */
size_t ring_max_record(const ring *r);

/* Producer: room for a record of len bytes (8-byte aligned), waiting while the ring is
 * full (ring_try_reserve: NULL instead); ring_commit makes it visible to the consumer, and
 * ring_kick (after a batch) wakes the consumer if it naps. */
void *ring_reserve(ring *r, size_t len);
void *ring_try_reserve(ring *r, size_t len);
/* Producer: wait until the consumer released something (after ring_try_reserve failed). */
void ring_wait_room(ring *r);
void ring_commit(ring *r, size_t len);
void ring_kick(ring *r);

/* Consumer: the next record (and its length), or NULL when none is published; ring_wait
 * waits for one, a millisecond at most (then look again); ring_release frees the record
 * ring_peek returned. */
const void *ring_peek(ring *r, size_t *len);
void ring_wait(ring *r);
void ring_release(ring *r);

#endif
