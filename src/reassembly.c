/* reassembly.c — per-direction TCP stream reassembly of the first `depth` bytes.
 *
 * A stream starts at the SYN's sequence number + 1 or, picked up midstream, at the first data
 * segment seen (counted). Sequence numbers are compared in serial arithmetic, so streams that
 * wrap past 2^32 reassemble like any other. Each stream has one buffer that grows geometrically
 * (the first segment's size, at least 256 bytes, then doubling) up to `depth`: delivered bytes
 * sit at its front; out-of-order bytes are written straight to where they will end up, beyond the delivered ones, and a small sorted list
 * of byte ranges (at most REASM_MAX_RANGES) records what is present. No per-segment copies or
 * allocations: a hole being filled simply moves the delivered length forward.
 * Overlaps: the first copy of a byte wins; later copies that differ are counted as inconsistent
 * (possible evasion: receivers differ in which copy they keep) and kept in a second buffer, the
 * stream's other version (`alt`, a mirror of buf made when a first copy is disputed, holding
 * the later copy of each disputed byte): the engine inspects both (reasm_alternate), so neither
 * copy can hide a message. Segments entirely already delivered are counted as retransmissions.
 * Suspect segments (a wrong checksum: the receiver dropped them, unless the capture was taken
 * where checksums are filled in later) go to alt only, their bytes recorded as suspect runs
 * (at most REASM_MAX_SUSPECT): a valid copy of the same bytes takes their place in buf, the
 * suspect copy staying in alt as the other version; a suspect run no valid copy ever covers fills
 * the hole it sits in when the stream stops waiting (the pending limit, reasm_flush) — the
 * capture shows nothing else arrived, as with edited or offloaded captures. Their SYN, FIN and
 * RST are ignored.
 * Holes: out-of-order data is held while it spans at most max_pending bytes beyond the
 * delivered ones and forms fewer than REASM_MAX_RANGES runs. Beyond that, or at reasm_flush, the
 * first hole is skipped (counted, reasm_had_gap): later bytes are appended right after the
 * earlier ones, so a parser must resynchronise. Bytes missing from a snapped segment (IP says
 * more than was captured) are skipped the same way as soon as the next segment starts exactly
 * where the IP length says it should; a header that merely lies (seen in real captures) does not
 * make the stream jump. FIN completes the stream once every byte before it is delivered; RST
 * completes it at once; so does reaching depth, after which segments cost O(1) and allocate
 * nothing, as do pure ACKs and bytes beyond depth.
 * Memory: every allocation (stream, buffers, range lists) is checked against the reassembly
 * memcap and flows.memcap first (the latter may end other flows to make room) and refused
 * (memcap_hits) when it would exceed either; a refused segment leaves the stream as if it had
 * been lost. mem_in_use counts exactly what is allocated. Knows nothing of what the
 * bytes mean and never looks at flows.
 */
#include "reassembly.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define REASM_INITIAL_BUFFER 256u /* small flows (a 110-byte request) stay small; the first segment sets the size */
#define REASM_MAX_RANGES 64u
#define REASM_MAX_SUSPECT 16u
#define REASM_DEFAULT_MAX_PENDING 65536u

typedef struct reasm_range {
    uint32_t start, end; /* buffer offsets, end exclusive */
} reasm_range;

struct reasm_stream {
    uint8_t *buf;
    uint8_t *alt;          /* the other version (see the head comment); NULL until needed; cap bytes */
    uint32_t cap;
    uint32_t len;          /* delivered bytes: buf[0, len) */
    uint32_t next_seq;     /* sequence number of buf[len] */
    uint32_t gap_at;       /* buffer offset after the last skipped hole (old bytes before it are gone) */
    reasm_range *ranges;   /* out-of-order bytes present beyond len: sorted, disjoint, not touching */
    uint32_t n_ranges;
    reasm_range *suspect;  /* suspect bytes in alt, beyond len and outside ranges: sorted, disjoint */
    uint32_t n_suspect;
    uint32_t fin_seq;
    uint32_t snap_end;     /* where the last in-order segment ended on the wire, when snapped */
    bool snap_valid, fin_seen, rst_seen, flushed, had_gap, full;
    bool midstream;        /* picked up without its SYN: the bytes before the first are missing */
    bool alt_changed;      /* alt's delivered bytes changed since reasm_alternate handed them out */
};

void reasm_init(reasm_ctx *ctx, uint32_t depth, uint64_t memcap)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->depth = depth;
    ctx->memcap = memcap;
    ctx->max_pending = REASM_DEFAULT_MAX_PENDING;
}

/* Memory accounting: `grow` more bytes are about to be allocated; false (counted) when the
 * reassembly cap or flows.memcap (which may end other flows to make room) refuses them. */
static bool reasm_mem_reserve(reasm_ctx *ctx, uint64_t grow)
{
    if (ctx->stats.mem_in_use + grow > ctx->memcap || !memcap_reserve(ctx->flowmem, grow)) {
        ctx->stats.memcap_hits++;
        return false;
    }
    return true;
}

/* The reserved bytes were allocated (ok) or not. */
static bool reasm_mem_add(reasm_ctx *ctx, uint64_t bytes, bool ok)
{
    if (!ok) {
        memcap_release(ctx->flowmem, bytes);
        return false;
    }
    ctx->stats.mem_in_use += bytes;
    if (ctx->stats.mem_in_use > ctx->stats.mem_peak)
        ctx->stats.mem_peak = ctx->stats.mem_in_use;
    return true;
}

static void reasm_mem_sub(reasm_ctx *ctx, uint64_t bytes)
{
    ctx->stats.mem_in_use -= bytes;
    memcap_release(ctx->flowmem, bytes);
}

static reasm_stream *reasm_stream_new(reasm_ctx *ctx, uint32_t next_seq)
{
    if (!reasm_mem_reserve(ctx, sizeof(reasm_stream)))
        return NULL;
    reasm_stream *s = calloc(1, sizeof *s);
    if (!reasm_mem_add(ctx, sizeof *s, s != NULL))
        return NULL;
    s->next_seq = next_seq;
    s->full = ctx->depth == 0;
    return s;
}

static bool reasm_realloc(uint8_t **b, uint32_t size)
{
    uint8_t *grown = realloc(*b, size);
    if (grown)
        *b = grown;
    return grown != NULL;
}

/* Make buf (and alt, when there is one) hold at least `need` bytes (need <= depth): doubling,
 * capped at depth, or exactly `need` when doubling would break a memcap. */
static bool reasm_buffer_reserve(reasm_ctx *ctx, reasm_stream *s, uint32_t need)
{
    if (need <= s->cap)
        return true;
    uint64_t copies = s->alt ? 2 : 1;
    uint64_t want = s->cap ? (uint64_t)s->cap * 2 : REASM_INITIAL_BUFFER;
    if (want < need)
        want = need;
    if (want > ctx->depth)
        want = ctx->depth;
    uint64_t grow = (want - s->cap) * copies;
    if (ctx->stats.mem_in_use + grow > ctx->memcap || !memcap_fits(ctx->flowmem, grow))
        want = need, grow = (want - s->cap) * copies;
    if (!reasm_mem_reserve(ctx, grow))
        return false;
    bool ok = reasm_realloc(&s->buf, (uint32_t)want) && (!s->alt || reasm_realloc(&s->alt, (uint32_t)want));
    if (!reasm_mem_add(ctx, grow, ok))
        return false;
    s->cap = (uint32_t)want;
    return true;
}

/* The bytes buf holds anything at: delivered, out of order, suspect. */
static uint32_t reasm_extent(const reasm_stream *s)
{
    uint32_t e = s->n_ranges ? s->ranges[s->n_ranges - 1].end : s->len;
    if (s->n_suspect && s->suspect[s->n_suspect - 1].end > e)
        e = s->suspect[s->n_suspect - 1].end;
    return e;
}

/* A second buffer, buf's copy, for the other version of disputed bytes. */
static bool reasm_alt_reserve(reasm_ctx *ctx, reasm_stream *s)
{
    if (s->alt)
        return true;
    if (!s->cap || !reasm_mem_reserve(ctx, s->cap))
        return false;
    s->alt = malloc(s->cap);
    if (!reasm_mem_add(ctx, s->cap, s->alt != NULL))
        return false;
    memcpy(s->alt, s->buf, reasm_extent(s));
    return true;
}

static bool reasm_list_reserve(reasm_ctx *ctx, reasm_range **list, uint32_t max)
{
    if (*list)
        return true;
    if (!reasm_mem_reserve(ctx, max * sizeof(reasm_range)))
        return false;
    *list = malloc(max * sizeof(reasm_range));
    return reasm_mem_add(ctx, max * sizeof(reasm_range), *list != NULL);
}

static void reasm_list_release(reasm_ctx *ctx, reasm_range **list, uint32_t *n, uint32_t max)
{
    if (!*list)
        return;
    free(*list);
    *list = NULL;
    *n = 0;
    reasm_mem_sub(ctx, max * sizeof(reasm_range));
}

static bool reasm_ranges_reserve(reasm_ctx *ctx, reasm_stream *s)
{
    return reasm_list_reserve(ctx, &s->ranges, REASM_MAX_RANGES);
}

static void reasm_ranges_release(reasm_ctx *ctx, reasm_stream *s)
{
    reasm_list_release(ctx, &s->ranges, &s->n_ranges, REASM_MAX_RANGES);
    reasm_list_release(ctx, &s->suspect, &s->n_suspect, REASM_MAX_SUSPECT);
}

static void reasm_list_remove(reasm_range *list, uint32_t *n, uint32_t i, uint32_t count)
{
    memmove(list + i, list + i + count, (*n - i - count) * sizeof(reasm_range));
    *n -= count;
}

static void reasm_range_remove(reasm_stream *s, uint32_t i, uint32_t count)
{
    reasm_list_remove(s->ranges, &s->n_ranges, i, count);
}

/* Record [start, end) in a sorted list, merging with the runs it overlaps or touches; false
 * when it would need one run more than `max`. */
static bool reasm_list_add(reasm_range *list, uint32_t *n, uint32_t max, uint32_t start, uint32_t end)
{
    uint32_t i = 0;
    while (i < *n && list[i].end < start)
        i++;
    uint32_t j = i;
    while (j < *n && list[j].start <= end)
        j++;
    if (i == j) {
        if (*n == max)
            return false;
        memmove(list + i + 1, list + i, (*n - i) * sizeof(reasm_range));
        (*n)++;
        list[i] = (reasm_range){start, end};
        return true;
    }
    list[i].start = start < list[i].start ? start : list[i].start;
    list[i].end = end > list[j - 1].end ? end : list[j - 1].end;
    reasm_list_remove(list, n, i + 1, j - i - 1);
    return true;
}

/* Record [start, end) as present (the caller keeps within REASM_MAX_RANGES runs). */
static void reasm_range_add(reasm_stream *s, uint32_t start, uint32_t end)
{
    reasm_list_add(s->ranges, &s->n_ranges, REASM_MAX_RANGES, start, end);
}

/* [start, end) is in buf now: no suspect byte there waits to fill a hole any more. */
static void reasm_suspect_cover(reasm_stream *s, uint32_t start, uint32_t end)
{
    for (uint32_t i = 0; i < s->n_suspect;) {
        reasm_range *r = &s->suspect[i];
        if (r->end <= start || r->start >= end) {
            i++;
        } else if (r->start >= start && r->end <= end) {
            reasm_list_remove(s->suspect, &s->n_suspect, i, 1);
        } else if (r->start < start && r->end > end) { /* split: the list has room or loses the tail */
            reasm_range tail = {end, r->end};
            r->end = start;
            if (!reasm_list_add(s->suspect, &s->n_suspect, REASM_MAX_SUSPECT, tail.start, tail.end))
                return;
            i += 2;
        } else {
            if (r->start < start)
                r->end = start;
            else
                r->start = end;
            i++;
        }
    }
}

/* Bytes [len, to) are present: deliver them and every run they reach. */
static void reasm_advance(reasm_ctx *ctx, reasm_stream *s, uint32_t to)
{
    while (s->n_ranges && s->ranges[0].start <= to) {
        if (s->ranges[0].end > to)
            to = s->ranges[0].end;
        reasm_range_remove(s, 0, 1);
    }
    ctx->stats.bytes_delivered += to - s->len;
    s->next_seq += to - s->len;
    s->len = to;
    if (s->len == ctx->depth) {
        s->full = true;
        ctx->stats.depth_reached++;
        reasm_ranges_release(ctx, s);
    }
}

/* Give up on the `hole` bytes at next_seq (none of them present or suspect): later bytes move
 * down to follow the delivered ones. */
static void reasm_skip_hole(reasm_ctx *ctx, reasm_stream *s, uint32_t hole)
{
    uint32_t extent = reasm_extent(s);
    if (extent > s->len + hole) {
        memmove(s->buf + s->len, s->buf + s->len + hole, extent - s->len - hole);
        if (s->alt)
            memmove(s->alt + s->len, s->alt + s->len + hole, extent - s->len - hole);
    }
    for (uint32_t i = 0; i < s->n_ranges; i++) {
        s->ranges[i].start -= hole;
        s->ranges[i].end -= hole;
    }
    for (uint32_t i = 0; i < s->n_suspect; i++) {
        s->suspect[i].start -= hole;
        s->suspect[i].end -= hole;
    }
    s->next_seq += hole;
    s->gap_at = s->len;
    s->had_gap = true;
    ctx->stats.gaps++;
}

/* No valid copy came for suspect bytes that start at the first hole: they fill it (and what
 * follows is delivered). False when no suspect run starts there. */
static bool reasm_fill_suspect(reasm_ctx *ctx, reasm_stream *s)
{
    if (!s->n_suspect || s->suspect[0].start != s->len)
        return false;
    uint32_t end = s->suspect[0].end;
    memcpy(s->buf + s->len, s->alt + s->len, end - s->len);
    ctx->stats.suspect_filled += end - s->len;
    reasm_list_remove(s->suspect, &s->n_suspect, 0, 1);
    reasm_advance(ctx, s, end);
    return true;
}

/* The wait for the first hole is over: suspect bytes fill it, or it is skipped up to the next
 * byte known (present, suspect, or `upto`). Returns the bytes skipped. */
static uint32_t reasm_give_up_hole(reasm_ctx *ctx, reasm_stream *s, uint32_t upto)
{
    if (reasm_fill_suspect(ctx, s))
        return 0;
    uint32_t next = s->n_ranges ? s->ranges[0].start : upto;
    if (s->n_suspect && s->suspect[0].start < next)
        next = s->suspect[0].start;
    uint32_t hole = next - s->len;
    reasm_skip_hole(ctx, s, hole);
    reasm_advance(ctx, s, s->len);
    return hole;
}

static uint64_t reasm_count_differences(const uint8_t *a, const uint8_t *b, uint32_t n)
{
    uint64_t diff = 0;
    for (uint32_t i = 0; i < n; i++)
        diff += a[i] != b[i];
    return diff;
}

/* A later copy of bytes buf holds: counted and kept in alt when it differs. */
static void reasm_dispute(reasm_ctx *ctx, reasm_stream *s, uint32_t at, const uint8_t *data, uint32_t n)
{
    uint64_t diff = reasm_count_differences(s->buf + at, data, n);
    if (!diff)
        return;
    ctx->stats.overlaps_inconsistent += diff;
    if (reasm_alt_reserve(ctx, s)) {
        memcpy(s->alt + at, data, n);
        s->alt_changed = true;
    }
}

/* Bytes that are buf's from now on: into buf, and into alt where alt does not hold a suspect
 * copy of them (that stays as the other version). */
static void reasm_write(reasm_ctx *ctx, reasm_stream *s, uint32_t off, const uint8_t *data, uint32_t n)
{
    memcpy(s->buf + off, data, n);
    if (!s->alt)
        return;
    uint32_t cur = off, end = off + n;
    for (uint32_t i = 0; i < s->n_suspect && cur < end; i++) {
        const reasm_range *r = &s->suspect[i];
        if (r->end <= cur)
            continue;
        if (r->start >= end)
            break;
        if (r->start > cur)
            memcpy(s->alt + cur, data + (cur - off), r->start - cur), cur = r->start;
        uint32_t stop = r->end < end ? r->end : end;
        uint64_t diff = reasm_count_differences(s->alt + cur, data + (cur - off), stop - cur);
        ctx->stats.overlaps_inconsistent += diff;
        s->alt_changed |= diff > 0;
        cur = stop;
    }
    if (cur < end)
        memcpy(s->alt + cur, data + (cur - off), end - cur);
    reasm_suspect_cover(s, off, end);
}

/* Copy [off, off + n) into buf where no earlier copy is present; differing overlaps go to alt. */
static void reasm_store(reasm_ctx *ctx, reasm_stream *s, uint32_t off, const uint8_t *data, uint32_t n)
{
    uint32_t cur = off, end = off + n;
    for (uint32_t i = 0; i < s->n_ranges && cur < end; i++) {
        const reasm_range *r = &s->ranges[i];
        if (r->end <= cur)
            continue;
        if (r->start >= end)
            break;
        if (r->start > cur) {
            reasm_write(ctx, s, cur, data + (cur - off), r->start - cur);
            cur = r->start;
        }
        uint32_t overlap_end = r->end < end ? r->end : end;
        reasm_dispute(ctx, s, cur, data + (cur - off), overlap_end - cur);
        cur = overlap_end;
    }
    if (cur < end)
        reasm_write(ctx, s, cur, data + (cur - off), end - cur);
}

/* The part of a segment at buffer offset `off` (may be negative) that lies in the delivered
 * bytes still mapped to sequence numbers: compared, and kept in alt when it differs. */
static void reasm_compare_delivered(reasm_ctx *ctx, reasm_stream *s, int64_t off, const uint8_t *data, uint32_t n)
{
    int64_t from = off > s->gap_at ? off : s->gap_at;
    int64_t to = off + n < s->len ? off + n : s->len;
    if (from < to)
        reasm_dispute(ctx, s, (uint32_t)from, data + (from - off), (uint32_t)(to - from));
}

/* Place data whose first byte is at buffer offset off (relative to the current mapping). */
static int reasm_place(reasm_ctx *ctx, reasm_stream *s, int64_t off, const uint8_t *data, uint32_t n)
{
    if (off + n <= s->len)
        ctx->stats.retransmissions++;
    for (;;) {
        if (off < s->len) { /* the front was delivered already, or meanwhile by a skip */
            reasm_compare_delivered(ctx, s, off, data, n);
            if (off + n <= s->len)
                return 0;
            data += s->len - off;
            n -= (uint32_t)(s->len - off);
            off = s->len;
        }
        if (off >= ctx->depth)
            return 0;
        if (off + n > ctx->depth)
            n = (uint32_t)(ctx->depth - off);
        bool waits = off > s->len;
        if (!waits || (off + n - s->len <= ctx->max_pending && s->n_ranges < REASM_MAX_RANGES))
            break;
        off -= reasm_give_up_hole(ctx, s, (uint32_t)off);
    }
    if (!reasm_buffer_reserve(ctx, s, (uint32_t)off + n) || (off > s->len && !reasm_ranges_reserve(ctx, s)))
        return -1;
    reasm_store(ctx, s, (uint32_t)off, data, n);
    if (off > s->len)
        reasm_range_add(s, (uint32_t)off, (uint32_t)off + n);
    else
        reasm_advance(ctx, s, (uint32_t)off + n);
    return 0;
}

static int reasm_delta(uint32_t before, const reasm_stream *s)
{
    uint32_t d = s->len - before;
    return d > INT_MAX ? INT_MAX : (int)d;
}

int reasm_segment(reasm_ctx *ctx, reasm_stream **stream, const lw_packet *p)
{
    ctx->stats.segments++;
    bool syn = p->tcp_flags & LW_TCP_SYN;
    uint32_t data_seq = p->seq + (syn ? 1u : 0u);
    reasm_stream *s = *stream;
    if (!s) {
        if (!syn && p->payload_len == 0)
            return 0; /* pure ACK, lone FIN or RST: nothing to keep */
        if (!(s = reasm_stream_new(ctx, data_seq)))
            return -1;
        if (!syn)
            ctx->stats.midstream++;
        s->midstream = !syn;
        *stream = s;
    }
    if (p->tcp_flags & LW_TCP_RST)
        s->rst_seen = true;
    if (p->tcp_flags & LW_TCP_FIN) {
        s->fin_seen = true;
        s->fin_seq = data_seq + p->payload_wire_len;
    }
    if (p->payload_len == 0 || s->full)
        return 0;
    uint32_t before = s->len;
    int64_t off = (int64_t)s->len + (int32_t)(data_seq - s->next_seq);
    if (s->snap_valid && data_seq == s->snap_end && off > s->len && s->n_ranges == 0 && s->n_suspect == 0) {
        reasm_skip_hole(ctx, s, (uint32_t)(off - s->len)); /* the previous segment's missing tail */
        off = s->len;
    }
    s->snap_valid = off == s->len && p->payload_wire_len > p->payload_len;
    s->snap_end = data_seq + p->payload_wire_len;
    if (reasm_place(ctx, s, off, p->payload, p->payload_len) < 0)
        return -1;
    return reasm_delta(before, s);
}

/* Whether buf holds the byte at `pos` (delivered or out of order); *run_end is where that
 * stops being so, at most `limit`. */
static bool reasm_present(const reasm_stream *s, uint32_t pos, uint32_t limit, uint32_t *run_end)
{
    bool in = pos < s->len;
    uint32_t end = in ? s->len : limit;
    for (uint32_t i = 0; !in && i < s->n_ranges; i++) {
        if (pos < s->ranges[i].start) {
            end = s->ranges[i].start;
            break;
        }
        if (pos < s->ranges[i].end) {
            in = true;
            end = s->ranges[i].end;
            break;
        }
    }
    *run_end = end < limit ? end : limit;
    return in;
}

/* Suspect bytes at buffer offset `off`: where buf holds a copy, a dispute; elsewhere into alt
 * as a suspect run, while the list has room (within depth and the pending limit). */
static void reasm_suspect_place(reasm_ctx *ctx, reasm_stream *s, int64_t off, const uint8_t *data, uint32_t n)
{
    if (off < s->gap_at) { /* bytes before a skipped hole are no longer mapped */
        if ((int64_t)s->gap_at - off >= n)
            return;
        data += s->gap_at - off;
        n -= (uint32_t)(s->gap_at - off);
        off = s->gap_at;
    }
    int64_t limit = (int64_t)s->len + ctx->max_pending < ctx->depth ? (int64_t)s->len + ctx->max_pending : ctx->depth;
    if (off >= limit)
        return;
    if (off + n > limit)
        n = (uint32_t)(limit - off);
    if (!reasm_buffer_reserve(ctx, s, (uint32_t)(off + n)) || !reasm_alt_reserve(ctx, s) ||
        !reasm_list_reserve(ctx, &s->suspect, REASM_MAX_SUSPECT))
        return;
    for (uint32_t pos = (uint32_t)off, end = pos + n, run; pos < end; pos = run) {
        const uint8_t *d = data + (pos - off);
        if (reasm_present(s, pos, end, &run))
            reasm_dispute(ctx, s, pos, d, run - pos);
        else if (reasm_list_add(s->suspect, &s->n_suspect, REASM_MAX_SUSPECT, pos, run))
            memcpy(s->alt + pos, d, run - pos);
    }
}

void reasm_segment_suspect(reasm_ctx *ctx, reasm_stream **stream, const lw_packet *p)
{
    ctx->stats.segments++;
    ctx->stats.suspect_segments++;
    if (p->payload_len == 0)
        return;
    uint32_t data_seq = p->seq + (p->tcp_flags & LW_TCP_SYN ? 1u : 0u);
    reasm_stream *s = *stream;
    if (!s) {
        if (!(s = reasm_stream_new(ctx, data_seq)))
            return;
        ctx->stats.midstream++;
        s->midstream = true;
        *stream = s;
    }
    if (!s->full)
        reasm_suspect_place(ctx, s, (int64_t)s->len + (int32_t)(data_seq - s->next_seq), p->payload, p->payload_len);
}

const uint8_t *reasm_alternate(reasm_stream *s, uint32_t *len)
{
    *len = 0;
    if (!s || !s->alt || !s->alt_changed)
        return NULL;
    s->alt_changed = false;
    *len = s->len;
    return s->alt;
}

const uint8_t *reasm_data(const reasm_stream *s, uint32_t *len)
{
    *len = s ? s->len : 0;
    return s ? s->buf : NULL;
}

bool reasm_complete(const reasm_stream *s)
{
    if (!s)
        return false;
    bool fin_done = s->fin_seen && (int32_t)(s->next_seq - s->fin_seq) >= 0;
    return s->full || s->rst_seen || s->flushed || fin_done;
}

bool reasm_had_gap(const reasm_stream *s)
{
    return s && s->had_gap;
}

bool reasm_midstream(const reasm_stream *s)
{
    return s && s->midstream;
}

int reasm_flush(reasm_ctx *ctx, reasm_stream *s)
{
    if (!s)
        return 0;
    uint32_t before = s->len;
    while (s->n_ranges || s->n_suspect)
        reasm_give_up_hole(ctx, s, UINT32_MAX);
    s->flushed = true;
    return reasm_delta(before, s);
}

void reasm_free(reasm_ctx *ctx, reasm_stream *s)
{
    if (!s)
        return;
    reasm_ranges_release(ctx, s);
    reasm_mem_sub(ctx, s->cap * (s->alt ? 2u : 1u) + sizeof *s);
    free(s->buf);
    free(s->alt);
    free(s);
}
