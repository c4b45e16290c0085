/* ratelimit.c — keys live in a bounded set-associative table (RATELIMIT_SETS ×
 * RATELIMIT_WAYS, SipHash with a fixed key so that which key a full set forgets does not
 * vary between runs); a full set forgets its oldest window, which can only let an extra
 * alert through. A window starts at the first alert of its key and lasts `interval` of
 * packet time; an alert stamped before its key's window (captures are not always in time
 * order) starts a new one. Not thread-safe: the writer owns it. */
#include "ratelimit.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

enum { RATELIMIT_SETS = 4096, RATELIMIT_WAYS = 4 };

typedef struct ratelimit_entry {
    lw_addr device, dest;
    uint32_t signature_id;
    bool used;
    uint64_t window_start_us;
    uint32_t count;      /* alerts passed in this window */
    uint32_t suppressed; /* repeats held back since the last alert that passed */
} ratelimit_entry;

struct ratelimit {
    uint32_t count;
    uint64_t window_us;
    ratelimit_entry *table;
    uint64_t suppressed_total;
};

static const unsigned char ratelimit_key[crypto_shorthash_KEYBYTES] = "leakwatch-rate!";

ratelimit *ratelimit_new(uint32_t count, uint32_t interval_s)
{
    ratelimit *r = calloc(1, sizeof *r);
    if (!r || !(r->table = calloc((size_t)RATELIMIT_SETS * RATELIMIT_WAYS, sizeof *r->table))) {
        free(r);
        return NULL;
    }
    ratelimit_set(r, count, interval_s);
    return r;
}

void ratelimit_free(ratelimit *r)
{
    if (!r)
        return;
    free(r->table);
    free(r);
}

void ratelimit_set(ratelimit *r, uint32_t count, uint32_t interval_s)
{
    r->count = count;
    r->window_us = (uint64_t)interval_s * 1000000u;
}

uint64_t ratelimit_suppressed(const ratelimit *r)
{
    return r->suppressed_total;
}

static size_t ratelimit_put_addr(uint8_t *key, size_t n, const lw_addr *x)
{
    size_t len = x->family == 4 ? 4 : 16;
    key[n] = x->family;
    memcpy(key + n + 1, x->bytes, len);
    return n + 1 + len;
}

/* The entry of (device, dest, signature), created when missing. */
static ratelimit_entry *ratelimit_entry_for(ratelimit *r, const lw_addr *device, const lw_addr *dest,
                                            uint32_t signature_id, uint64_t ts_us)
{
    uint8_t key[2 * sizeof(lw_addr) + 4];
    unsigned char hash[crypto_shorthash_BYTES];
    size_t n = ratelimit_put_addr(key, ratelimit_put_addr(key, 0, device), dest);
    memcpy(key + n, &signature_id, 4);
    crypto_shorthash(hash, key, n + 4, ratelimit_key);
    uint64_t h;
    memcpy(&h, hash, sizeof h);
    ratelimit_entry *set = r->table + (size_t)(h % RATELIMIT_SETS) * RATELIMIT_WAYS, *victim = &set[0];
    for (int i = 0; i < RATELIMIT_WAYS; i++) {
        ratelimit_entry *e = &set[i];
        if (e->used && e->signature_id == signature_id && lw_addr_equal(&e->device, device) &&
            lw_addr_equal(&e->dest, dest))
            return e;
        if (!e->used || (victim->used && e->window_start_us < victim->window_start_us))
            victim = e;
    }
    *victim = (ratelimit_entry){*device, *dest, signature_id, true, ts_us, 0, 0};
    return victim;
}

bool ratelimit_pass(ratelimit *r, const lw_addr *device, const lw_addr *dest, uint32_t signature_id,
                    uint64_t ts_us, uint32_t *carried)
{
    *carried = 0;
    if (r->count == 0 || r->window_us == 0)
        return true;
    ratelimit_entry *e = ratelimit_entry_for(r, device, dest, signature_id, ts_us);
    if (ts_us < e->window_start_us || ts_us - e->window_start_us >= r->window_us) {
        e->window_start_us = ts_us;
        e->count = 0;
    }
    if (e->count >= r->count) {
        e->suppressed++;
        r->suppressed_total++;
        return false;
    }
    e->count++;
    *carried = e->suppressed;
    e->suppressed = 0;
    return true;
}
