/* flow.c — the flow table. Flows live in a pool of fixed-size chunks (stable addresses, no
 * per-packet allocation), indexed by an open-addressing hash of the canonical key (linear
 * probing, backward-shift deletion, load kept under 1/2). Two LRU lists ordered by packet
 * time — open flows and closing TCP flows — make expiry a walk from the head that stops at
 * the first fresh flow. When the table holds flows.max flows, the least recently seen one
 * is ended to make room (counted as evicted). */
#include "flow.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define FLOW_CHUNK_SHIFT 12
#define FLOW_CHUNK_SIZE (1u << FLOW_CHUNK_SHIFT)
#define FLOW_NONE UINT32_MAX
#define FLOW_MAX_FLOWS (1ull << 30) /* the index (2× flows) stays within the 32-bit hash in a slot */

enum { LRU_OPEN = 0, LRU_CLOSING = 1, LRU_COUNT = 2 };

typedef struct flow_lru {
    uint32_t head, tail;
} flow_lru;

struct flow_table {
    flow **chunks;
    uint32_t n_chunks, chunk_cap;
    uint32_t used;          /* pool slots ever handed out */
    uint32_t free_head;     /* free list through lru_next */
    uint64_t *slots;        /* hash index: high 32 bits of the hash, then pool index + 1; 0 = empty */
    uint64_t slot_mask;
    uint64_t seed;
    uint64_t max_flows;
    uint64_t timeout_us[LRU_COUNT];
    flow_lru lru[LRU_COUNT];
    flow_end_fn on_end;
    void *user;
    flow_stats stats;
    flow *last;             /* the previous packet's flow: packets come in bursts */
};

static inline flow *flow_at(const flow_table *t, uint32_t i)
{
    return &t->chunks[i >> FLOW_CHUNK_SHIFT][i & (FLOW_CHUNK_SIZE - 1)];
}

static uint64_t flow_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* One multiply per 8-byte word and a final mix: the key is hashed once per packet. */
static uint64_t flow_key_hash(const flow_key *k, uint64_t seed)
{
    const uint8_t *b = (const uint8_t *)k;
    uint64_t h = seed ^ sizeof *k;
    size_t i = 0;
    for (; i + 8 <= sizeof *k; i += 8) {
        uint64_t w;
        memcpy(&w, b + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    memcpy(&w, b + i, sizeof *k - i);
    return flow_mix(h ^ w);
}

static int flow_addr_compare(const lw_addr *a, const lw_addr *b)
{
    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    return memcmp(a->bytes, b->bytes, sizeof a->bytes);
}

/* Canonical key; returns true when the packet's source is the key's `lo` end. */
static bool flow_key_make(const lw_packet *p, flow_key *k)
{
    memset(k, 0, sizeof *k);
    int c = flow_addr_compare(&p->src, &p->dst);
    bool src_is_lo = c < 0 || (c == 0 && p->sport <= p->dport);
    k->lo = src_is_lo ? p->src : p->dst;
    k->hi = src_is_lo ? p->dst : p->src;
    k->lo_port = src_is_lo ? p->sport : p->dport;
    k->hi_port = src_is_lo ? p->dport : p->sport;
    k->l4proto = p->l4proto;
    k->vlan = p->vlan;
    return src_is_lo;
}

flow_table *flow_table_new(uint64_t max_flows, uint32_t idle_timeout_s, uint32_t closed_timeout_s,
                           flow_end_fn on_end, void *user)
{
    flow_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->max_flows = max_flows ? max_flows : 1;
    if (t->max_flows > FLOW_MAX_FLOWS)
        t->max_flows = FLOW_MAX_FLOWS;
    t->timeout_us[LRU_OPEN] = (uint64_t)idle_timeout_s * 1000000u;
    t->timeout_us[LRU_CLOSING] = (uint64_t)closed_timeout_s * 1000000u;
    t->on_end = on_end;
    t->user = user;
    t->free_head = FLOW_NONE;
    for (int l = 0; l < LRU_COUNT; l++)
        t->lru[l].head = t->lru[l].tail = FLOW_NONE;
    if (getrandom(&t->seed, sizeof t->seed, GRND_NONBLOCK) != sizeof t->seed)
        t->seed = 0x9e3779b97f4a7c15ULL;
    t->slot_mask = 1024 - 1;
    t->slots = calloc(t->slot_mask + 1, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    return t;
}

static void flow_lru_unlink(flow_table *t, flow *f)
{
    flow_lru *l = &t->lru[f->lru_list];
    if (f->lru_prev != FLOW_NONE)
        flow_at(t, f->lru_prev)->lru_next = f->lru_next;
    else
        l->head = f->lru_next;
    if (f->lru_next != FLOW_NONE)
        flow_at(t, f->lru_next)->lru_prev = f->lru_prev;
    else
        l->tail = f->lru_prev;
}

static void flow_lru_append(flow_table *t, flow *f, uint32_t index, uint8_t list)
{
    flow_lru *l = &t->lru[list];
    f->lru_list = list;
    f->lru_next = FLOW_NONE;
    f->lru_prev = l->tail;
    if (l->tail != FLOW_NONE)
        flow_at(t, l->tail)->lru_next = index;
    else
        l->head = index;
    l->tail = index;
}

/* A slot holds the low 32 bits of the key's hash (its tag, and its home slot: the index never
 * exceeds 2^32 slots) above the pool index + 1, so probing, growing and deleting never read
 * a flow just to learn where it belongs. */
#define FLOW_SLOT(hash, index) (((hash) << 32) | ((uint64_t)(index) + 1))
#define FLOW_SLOT_INDEX(slot) ((uint32_t)((slot) & 0xFFFFFFFFu) - 1)
#define FLOW_SLOT_HASH(slot) ((slot) >> 32)

/* Slot of the key, or of the empty slot where it would go. The hash tag in each slot spares
 * a visit to the flow (a cache miss) for every other key on the probe path. */
static uint64_t flow_probe(const flow_table *t, const flow_key *k, uint64_t hash)
{
    uint64_t s = hash & t->slot_mask, tag = hash << 32;
    for (;; s = (s + 1) & t->slot_mask) {
        uint64_t slot = t->slots[s];
        if (!slot)
            return s;
        if ((slot & 0xFFFFFFFF00000000ULL) == tag && memcmp(&flow_at(t, FLOW_SLOT_INDEX(slot))->key, k, sizeof *k) == 0)
            return s;
    }
}

static bool flow_grow_index(flow_table *t)
{
    uint64_t new_mask = (t->slot_mask << 1) | 1;
    uint64_t *slots = calloc(new_mask + 1, sizeof *slots);
    if (!slots)
        return false;
    uint64_t *old = t->slots;
    uint64_t old_size = t->slot_mask + 1;
    t->slots = slots;
    t->slot_mask = new_mask;
    for (uint64_t i = 0; i < old_size; i++) {
        if (!old[i])
            continue;
        uint64_t s = FLOW_SLOT_HASH(old[i]) & new_mask;
        while (slots[s])
            s = (s + 1) & new_mask;
        slots[s] = old[i];
    }
    free(old);
    return true;
}

/* Backward-shift deletion keeps probe chains intact without tombstones. */
static void flow_index_remove(flow_table *t, const flow *f)
{
    uint64_t hole = flow_probe(t, &f->key, flow_key_hash(&f->key, t->seed));
    uint64_t s = hole;
    for (;;) {
        s = (s + 1) & t->slot_mask;
        if (!t->slots[s])
            break;
        uint64_t home = FLOW_SLOT_HASH(t->slots[s]) & t->slot_mask;
        bool movable = hole <= s ? (home <= hole || home > s) : (home <= hole && home > s);
        if (movable) {
            t->slots[hole] = t->slots[s];
            hole = s;
        }
    }
    t->slots[hole] = 0;
}

static void flow_end(flow_table *t, flow *f, const char *reason)
{
    uint32_t index = f->index;
    if (t->last == f)
        t->last = NULL;
    t->on_end(t->user, f, reason);
    flow_index_remove(t, f);
    flow_lru_unlink(t, f);
    f->lru_next = t->free_head;
    t->free_head = index;
    t->stats.active--;
}

static bool flow_pool_take(flow_table *t, uint32_t *index)
{
    if (t->free_head != FLOW_NONE) {
        *index = t->free_head;
        t->free_head = flow_at(t, *index)->lru_next;
        return true;
    }
    if (t->used == t->n_chunks * FLOW_CHUNK_SIZE) {
        if (t->n_chunks == t->chunk_cap) {
            uint32_t cap = t->chunk_cap ? t->chunk_cap * 2 : 16;
            flow **chunks = realloc(t->chunks, cap * sizeof *chunks);
            if (!chunks)
                return false;
            t->chunks = chunks;
            t->chunk_cap = cap;
        }
        t->chunks[t->n_chunks] = malloc(FLOW_CHUNK_SIZE * sizeof(flow));
        if (!t->chunks[t->n_chunks])
            return false;
        t->n_chunks++;
    }
    *index = t->used++;
    return true;
}

static void flow_make_room(flow_table *t)
{
    uint32_t victim = t->lru[LRU_CLOSING].head != FLOW_NONE ? t->lru[LRU_CLOSING].head : t->lru[LRU_OPEN].head;
    if (victim == FLOW_NONE)
        return;
    t->stats.evicted++;
    flow_end(t, flow_at(t, victim), "evicted");
}

static uint64_t flow_make_id(const flow_key *k, uint64_t first_us)
{
    uint64_t sec = first_us / 1000000u, usec = first_us % 1000000u;
    uint64_t h = flow_key_hash(k, 0x6c65616b77617463ULL) & 0xFFFFFFFFu;
    return (((sec & 0xFFFF) << 48) | ((usec & 0xFFFF) << 32) | h) & 0x7FFFFFFFFFFFFULL;
}

static flow *flow_create(flow_table *t, const flow_key *k, uint64_t hash, bool src_is_lo, const lw_packet *p)
{
    if (t->stats.active >= t->max_flows)
        flow_make_room(t);
    if ((t->stats.active + 1) * 2 > t->slot_mask + 1 && !flow_grow_index(t))
        return NULL;
    uint32_t index;
    if (!flow_pool_take(t, &index))
        return NULL;
    flow *f = flow_at(t, index);
    memset(f, 0, sizeof *f);
    f->key = *k;
    f->index = index;
    f->initiator_is_lo = src_is_lo;
    f->device = FLOW_DEVICE_NONE;
    f->first_us = f->last_us = p->ts_us;
    f->id = flow_make_id(k, p->ts_us);
    t->slots[flow_probe(t, k, hash)] = FLOW_SLOT(hash, index); /* probed again: room-making moves slots */
    flow_lru_append(t, f, index, LRU_OPEN);
    t->stats.created++;
    if (++t->stats.active > t->stats.peak)
        t->stats.peak = t->stats.active;
    return f;
}

flow *flow_lookup(flow_table *t, const lw_packet *p, bool *from_initiator, bool *created)
{
    flow_key k;
    bool src_is_lo = flow_key_make(p, &k);
    *created = false;
    if (t->last && memcmp(&t->last->key, &k, sizeof k) == 0) {
        *from_initiator = t->last->initiator_is_lo == src_is_lo;
        return t->last;
    }
    uint64_t hash = flow_key_hash(&k, t->seed);
    uint64_t s = flow_probe(t, &k, hash);
    flow *f;
    if (t->slots[s]) {
        f = flow_at(t, FLOW_SLOT_INDEX(t->slots[s]));
    } else {
        f = flow_create(t, &k, hash, src_is_lo, p);
        if (!f)
            return NULL;
        *created = true;
    }
    *from_initiator = f->initiator_is_lo == src_is_lo;
    t->last = f;
    return f;
}

void flow_update(flow_table *t, flow *f, const lw_packet *p, bool from_initiator)
{
    int dir = from_initiator ? LW_DIR_INITIATOR : LW_DIR_RESPONDER;
    f->pkts[dir]++;
    f->bytes[dir] += p->payload_wire_len;
    if (p->ts_us > f->last_us)
        f->last_us = p->ts_us;
    uint8_t list = f->lru_list;
    if (p->l4proto == 6) {
        if (p->tcp_flags & LW_TCP_FIN)
            f->fin_seen |= (uint8_t)(1u << dir);
        if ((p->tcp_flags & LW_TCP_RST) || f->fin_seen == 3) {
            if (!f->tcp_closing)
                t->stats.closed++;
            f->tcp_closing = 1;
            list = LRU_CLOSING;
        }
    }
    flow_lru_unlink(t, f);
    flow_lru_append(t, f, f->index, list);
}

void flow_expire(flow_table *t, uint64_t now_us)
{
    for (int l = 0; l < LRU_COUNT; l++) {
        while (t->lru[l].head != FLOW_NONE) {
            flow *f = flow_at(t, t->lru[l].head);
            if (f->last_us + t->timeout_us[l] > now_us)
                break;
            t->stats.expired++;
            flow_end(t, f, l == LRU_OPEN ? "idle" : "closed");
        }
    }
}

void flow_flush_all(flow_table *t)
{
    for (;;) {
        uint32_t a = t->lru[LRU_OPEN].head, b = t->lru[LRU_CLOSING].head;
        if (a == FLOW_NONE && b == FLOW_NONE)
            return;
        uint32_t pick = b == FLOW_NONE ? a
                      : a == FLOW_NONE ? b
                      : flow_at(t, a)->last_us <= flow_at(t, b)->last_us ? a : b;
        flow_end(t, flow_at(t, pick), "end");
    }
}

const flow_stats *flow_table_stats(const flow_table *t)
{
    return &t->stats;
}

void flow_table_free(flow_table *t)
{
    if (!t)
        return;
    for (uint32_t i = 0; i < t->n_chunks; i++)
        free(t->chunks[i]);
    free(t->chunks);
    free(t->slots);
    free(t);
}

const lw_addr *flow_initiator_addr(const flow *f)
{
    return f->initiator_is_lo ? &f->key.lo : &f->key.hi;
}

const lw_addr *flow_responder_addr(const flow *f)
{
    return f->initiator_is_lo ? &f->key.hi : &f->key.lo;
}

uint16_t flow_initiator_port(const flow *f)
{
    return f->initiator_is_lo ? f->key.lo_port : f->key.hi_port;
}

uint16_t flow_responder_port(const flow *f)
{
    return f->initiator_is_lo ? f->key.hi_port : f->key.lo_port;
}
