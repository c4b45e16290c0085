/* flow.c — the flow table. Flows live in a pool of fixed-size chunks (stable addresses, no
 * per-packet allocation), indexed by an open-addressing hash of the canonical key (linear
 * probing, backward-shift deletion, load kept under 1/2). Three LRU lists ordered by packet
 * time — half-open flows (TCP without payload or a completed handshake: a SYN flood is made of
 * them), open flows and closing TCP flows — make expiry a walk from the head that stops at the
 * first fresh flow. When the table holds flows.max flows, or the flows.memcap budget
 * (memcap.h, shared with the later stages' per-flow state) has no room, a flow is ended to make
 * room, counted as evicted: the oldest closing flow, else the oldest half-open one if it waited
 * a second or more (under a SYN flood they all do: the flood, not the established flows, pays
 * for room), else the least recently seen. The pool and the index grow only within the budget;
 * past it, a new flow takes over the entry of the one it evicts. */
#include "flow.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define FLOW_CHUNK_SHIFT 12
#define FLOW_CHUNK_SIZE (1u << FLOW_CHUNK_SHIFT)
#define FLOW_NONE UINT32_MAX
#define FLOW_MAX_FLOWS (1ull << 30) /* the index (2× flows) stays within the 32-bit hash in a slot */

enum { LRU_OPEN = 0, LRU_CLOSING = 1, LRU_HALF_OPEN = 2, LRU_COUNT = 3 };

/* A half-open flow younger than this may still be a handshake whose data is on its way: it is
 * given up before older flows only when it is stale (a SYN flood's are, within seconds). */
#define FLOW_HALF_OPEN_GRACE_US 1000000u

#define FLOW_CHUNK_BYTES (FLOW_CHUNK_SIZE * sizeof(flow))

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
    lw_memcap *mem;         /* flows.memcap, or NULL */
    uint64_t now_us;        /* the latest packet time seen */
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
    t->timeout_us[LRU_OPEN] = t->timeout_us[LRU_HALF_OPEN] = (uint64_t)idle_timeout_s * 1000000u;
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
    uint64_t bytes = (new_mask + 1) * sizeof(uint64_t);
    if (!memcap_fits(t->mem, bytes) || !memcap_reserve(t->mem, bytes))
        return false;
    uint64_t *slots = calloc(new_mask + 1, sizeof *slots);
    if (!slots) {
        memcap_release(t->mem, bytes);
        return false;
    }
    memcap_release(t->mem, (t->slot_mask + 1) * sizeof(uint64_t));
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

/* Off its LRU list before the callback runs: memory the callback needs may make the table
 * end other flows, never this one again. */
static void flow_end(flow_table *t, flow *f, const char *reason)
{
    uint32_t index = f->index;
    if (t->last == f)
        t->last = NULL;
    flow_lru_unlink(t, f);
    t->on_end(t->user, f, reason);
    flow_index_remove(t, f);
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
        if (!memcap_fits(t->mem, FLOW_CHUNK_BYTES) || !memcap_reserve(t->mem, FLOW_CHUNK_BYTES))
            return false;
        t->chunks[t->n_chunks] = malloc(FLOW_CHUNK_BYTES);
        if (!t->chunks[t->n_chunks]) {
            memcap_release(t->mem, FLOW_CHUNK_BYTES);
            return false;
        }
        t->n_chunks++;
    }
    *index = t->used++;
    return true;
}

/* The least recently seen flow of a list other than `keep`, or NULL. */
static flow *flow_lru_first(const flow_table *t, int list, const flow *keep)
{
    uint32_t v = t->lru[list].head;
    if (v != FLOW_NONE && flow_at(t, v) == keep)
        v = keep->lru_next;
    return v == FLOW_NONE ? NULL : flow_at(t, v);
}

/* The flow to give up first, never `keep`: a closing flow, else a stale half-open one, else
 * the least recently seen; NULL when there is none. */
static flow *flow_victim(const flow_table *t, const flow *keep)
{
    flow *closing = flow_lru_first(t, LRU_CLOSING, keep), *half = flow_lru_first(t, LRU_HALF_OPEN, keep),
         *open = flow_lru_first(t, LRU_OPEN, keep);
    if (closing)
        return closing;
    if (half && (!open || half->last_us + FLOW_HALF_OPEN_GRACE_US <= t->now_us || half->last_us <= open->last_us))
        return half;
    return open;
}

/* End one flow for room: flows.max reached, or (for_memory) the pool or index cannot grow. */
static bool flow_make_room(flow_table *t, bool for_memory)
{
    flow *victim = flow_victim(t, NULL);
    if (!victim)
        return false;
    t->stats.evicted++;
    t->stats.evicted_memcap += for_memory;
    flow_end(t, victim, "evicted");
    return true;
}

/* The budget's reclaim: end flows until `need` more bytes fit (the entries stay in the pool,
 * for the flows that come next). */
static void flow_reclaim(void *user, uint64_t need)
{
    flow_table *t = user;
    while (!memcap_fits(t->mem, need + MEMCAP_SLACK)) {
        flow *victim = flow_victim(t, t->last);
        if (!victim)
            return;
        t->stats.evicted++;
        t->stats.evicted_memcap++;
        flow_end(t, victim, "evicted");
    }
}

void flow_table_use_memcap(flow_table *t, lw_memcap *mem)
{
    t->mem = mem;
    mem->reclaim = flow_reclaim;
    mem->user = t;
    mem->in_use += (uint64_t)t->n_chunks * FLOW_CHUNK_BYTES + (t->slot_mask + 1) * sizeof(uint64_t);
    if (mem->in_use > mem->peak)
        mem->peak = mem->in_use;
}

static uint64_t flow_make_id(const flow_key *k, uint64_t first_us)
{
    uint64_t sec = first_us / 1000000u, usec = first_us % 1000000u;
    uint64_t h = flow_key_hash(k, 0x6c65616b77617463ULL) & 0xFFFFFFFFu;
    return (((sec & 0xFFFF) << 48) | ((usec & 0xFFFF) << 32) | h) & 0x7FFFFFFFFFFFFULL;
}

/* An entry for one more flow: the index and the pool grow while the budget allows; past it
 * (or out of memory) a flow is ended and its entry and index slot are taken over. */
static bool flow_room(flow_table *t, uint32_t *index)
{
    if (t->stats.active >= t->max_flows)
        flow_make_room(t, false);
    if ((t->stats.active + 1) * 2 > t->slot_mask + 1 && !flow_grow_index(t) && !flow_make_room(t, true))
        return false;
    return flow_pool_take(t, index) || (flow_make_room(t, true) && flow_pool_take(t, index));
}

/* Did the first packet's sender open the flow? A SYN's sender did, a SYN-ACK's receiver. A capture
 * that starts midstream (or a datagram answer whose question was missed) gives no flags to go by:
 * a server answers from its service port, so the end on a well-known port, or on a registered one
 * when the other is ephemeral, is the responder (IMAP 143 → 55774: the client is 55774). */
static bool flow_src_initiates(const lw_packet *p)
{
    if (p->l4proto == 6 && (p->tcp_flags & LW_TCP_SYN))
        return !(p->tcp_flags & LW_TCP_ACK);
    if (p->sport < 1024)
        return p->dport < 1024;
    return !(p->sport < 10000 && p->dport >= 32768);
}

static flow *flow_create(flow_table *t, const flow_key *k, uint64_t hash, bool src_is_lo, const lw_packet *p)
{
    uint32_t index;
    if (!flow_room(t, &index))
        return NULL;
    flow *f = flow_at(t, index);
    memset(f, 0, sizeof *f);
    f->key = *k;
    f->index = index;
    f->initiator_is_lo = src_is_lo == flow_src_initiates(p);
    f->device = FLOW_DEVICE_NONE;
    f->first_us = f->last_us = p->ts_us;
    f->id = flow_make_id(k, p->ts_us);
    t->slots[flow_probe(t, k, hash)] = FLOW_SLOT(hash, index); /* probed again: room-making moves slots */
    flow_lru_append(t, f, index, p->l4proto == 6 && p->payload_wire_len == 0 ? LRU_HALF_OPEN : LRU_OPEN);
    t->stats.created++;
    if (++t->stats.active > t->stats.peak)
        t->stats.peak = t->stats.active;
    return f;
}

flow *flow_lookup(flow_table *t, const lw_packet *p, bool *from_initiator, bool *created)
{
    if (p->ts_us > t->now_us)
        t->now_us = p->ts_us;
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
    /* Half-open until a payload or the handshake's third packet: SYN, SYN-ACK, ACK. */
    bool established = p->payload_wire_len > 0 || (f->pkts[LW_DIR_INITIATOR] >= 2 && f->pkts[LW_DIR_RESPONDER] >= 1);
    uint8_t list = f->lru_list == LRU_HALF_OPEN && established ? LRU_OPEN : f->lru_list;
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
            flow_end(t, f, l == LRU_CLOSING ? "closed" : "idle");
        }
    }
}

void flow_flush_all(flow_table *t)
{
    for (;;) {
        flow *pick = NULL;
        for (int l = 0; l < LRU_COUNT; l++) {
            flow *head = t->lru[l].head == FLOW_NONE ? NULL : flow_at(t, t->lru[l].head);
            if (head && (!pick || head->last_us < pick->last_us))
                pick = head;
        }
        if (!pick)
            return;
        flow_end(t, pick, "end");
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
    memcap_release(t->mem, (uint64_t)t->n_chunks * FLOW_CHUNK_BYTES + (t->slot_mask + 1) * sizeof(uint64_t));
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
