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
 * (possible evasion). Segments entirely already delivered are counted as retransmissions.
 * Holes: out-of-order data is held while it spans at most max_pending bytes beyond the
 * delivered ones and forms fewer than REASM_MAX_RANGES runs. Beyond that, or at reasm_flush, the
 * first hole is skipped (counted, reasm_had_gap): later bytes are appended right after the
 * earlier ones, so a parser must resynchronise. Bytes missing from a snapped segment (IP says
 * more than was captured) are skipped the same way as soon as the next segment starts exactly
 * where the IP length says it should; a header that merely lies (seen in real captures) does not
 * make the stream jump. FIN completes the stream once every byte before it is delivered; RST
 * completes it at once; so does reaching depth, after which segments cost O(1) and allocate
 * nothing, as do pure ACKs and bytes beyond depth.
 * Memory: every allocation (stream, buffer, range list) is checked against the reassembly
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
#define REASM_DEFAULT_MAX_PENDING 65536u

typedef struct reasm_range {
    uint32_t start, end; /* buffer offsets, end exclusive */
} reasm_range;

struct reasm_stream {
    uint8_t *buf;
    uint32_t cap;
    uint32_t len;          /* delivered bytes: buf[0, len) */
    uint32_t next_seq;     /* sequence number of buf[len] */
    uint32_t gap_at;       /* buffer offset after the last skipped hole (old bytes before it are gone) */
    reasm_range *ranges;   /* out-of-order bytes present beyond len: sorted, disjoint, not touching */
    uint32_t n_ranges;
    uint32_t fin_seq;
    uint32_t snap_end;     /* where the last in-order segment ended on the wire, when snapped */
    bool snap_valid, fin_seen, rst_seen, flushed, had_gap, full;
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

/* Make buf hold at least `need` bytes (need <= depth): doubling, capped at depth, or exactly
 * `need` when doubling would break the memcap. */
static bool reasm_buffer_reserve(reasm_ctx *ctx, reasm_stream *s, uint32_t need)
{
    if (need <= s->cap)
        return true;
    uint64_t want = s->cap ? (uint64_t)s->cap * 2 : REASM_INITIAL_BUFFER;
    if (want < need)
        want = need;
    if (want > ctx->depth)
        want = ctx->depth;
    if (ctx->stats.mem_in_use + (want - s->cap) > ctx->memcap || !memcap_fits(ctx->flowmem, want - s->cap))
        want = need;
    if (!reasm_mem_reserve(ctx, want - s->cap))
        return false;
    uint8_t *b = realloc(s->buf, want);
    if (!reasm_mem_add(ctx, want - s->cap, b != NULL))
        return false;
    s->buf = b;
    s->cap = (uint32_t)want;
    return true;
}

static bool reasm_ranges_reserve(reasm_ctx *ctx, reasm_stream *s)
{
    if (s->ranges)
        return true;
    if (!reasm_mem_reserve(ctx, REASM_MAX_RANGES * sizeof(reasm_range)))
        return false;
    s->ranges = malloc(REASM_MAX_RANGES * sizeof(reasm_range));
    return reasm_mem_add(ctx, REASM_MAX_RANGES * sizeof(reasm_range), s->ranges != NULL);
}

static void reasm_ranges_release(reasm_ctx *ctx, reasm_stream *s)
{
    if (!s->ranges)
        return;
    free(s->ranges);
    s->ranges = NULL;
    s->n_ranges = 0;
    reasm_mem_sub(ctx, REASM_MAX_RANGES * sizeof(reasm_range));
}

static void reasm_range_remove(reasm_stream *s, uint32_t i, uint32_t count)
{
    memmove(s->ranges + i, s->ranges + i + count, (s->n_ranges - i - count) * sizeof(reasm_range));
    s->n_ranges -= count;
}

/* Record [start, end) as present, merging with the runs it overlaps or touches. */
static void reasm_range_add(reasm_stream *s, uint32_t start, uint32_t end)
{
    uint32_t i = 0;
    while (i < s->n_ranges && s->ranges[i].end < start)
        i++;
    uint32_t j = i;
    while (j < s->n_ranges && s->ranges[j].start <= end)
        j++;
    if (i == j) {
        memmove(s->ranges + i + 1, s->ranges + i, (s->n_ranges - i) * sizeof(reasm_range));
        s->n_ranges++;
        s->ranges[i] = (reasm_range){start, end};
        return;
    }
    s->ranges[i].start = start < s->ranges[i].start ? start : s->ranges[i].start;
    s->ranges[i].end = end > s->ranges[j - 1].end ? end : s->ranges[j - 1].end;
    reasm_range_remove(s, i + 1, j - i - 1);
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

/* Give up on the `hole` bytes at next_seq: later bytes move down to follow the delivered ones. */
static void reasm_skip_hole(reasm_ctx *ctx, reasm_stream *s, uint32_t hole)
{
    uint32_t extent = s->n_ranges ? s->ranges[s->n_ranges - 1].end : s->len;
    if (extent > s->len + hole)
        memmove(s->buf + s->len, s->buf + s->len + hole, extent - s->len - hole);
    for (uint32_t i = 0; i < s->n_ranges; i++) {
        s->ranges[i].start -= hole;
        s->ranges[i].end -= hole;
    }
    s->next_seq += hole;
    s->gap_at = s->len;
    s->had_gap = true;
    ctx->stats.gaps++;
}

/* Skip the first hole and deliver what follows it. */
static void reasm_skip_first_hole(reasm_ctx *ctx, reasm_stream *s)
{
    reasm_skip_hole(ctx, s, s->ranges[0].start - s->len);
    reasm_advance(ctx, s, s->len);
}

static uint64_t reasm_count_differences(const uint8_t *a, const uint8_t *b, uint32_t n)
{
    uint64_t diff = 0;
    for (uint32_t i = 0; i < n; i++)
        diff += a[i] != b[i];
    return diff;
}

/* Copy [off, off + n) into buf where no earlier copy is present; count differing overlaps. */
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
            memcpy(s->buf + cur, data + (cur - off), r->start - cur);
            cur = r->start;
        }
        uint32_t overlap_end = r->end < end ? r->end : end;
        ctx->stats.overlaps_inconsistent += reasm_count_differences(s->buf + cur, data + (cur - off), overlap_end - cur);
        cur = overlap_end;
    }
    if (cur < end)
        memcpy(s->buf + cur, data + (cur - off), end - cur);
}

/* Compare the part of a segment at buffer offset `off` (may be negative) that lies in the
 * delivered bytes still mapped to sequence numbers. */
static void reasm_compare_delivered(reasm_ctx *ctx, const reasm_stream *s, int64_t off, const uint8_t *data,
                                    uint32_t n)
{
    int64_t from = off > s->gap_at ? off : s->gap_at;
    int64_t to = off + n < s->len ? off + n : s->len;
    if (from < to)
        ctx->stats.overlaps_inconsistent +=
            reasm_count_differences(s->buf + from, data + (from - off), (uint32_t)(to - from));
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
        if (s->n_ranges == 0) {
            reasm_skip_hole(ctx, s, (uint32_t)(off - s->len));
            off = s->len;
        } else {
            uint32_t hole = s->ranges[0].start - s->len;
            reasm_skip_first_hole(ctx, s);
            off -= hole;
        }
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
    if (s->snap_valid && data_seq == s->snap_end && off > s->len && s->n_ranges == 0) {
        reasm_skip_hole(ctx, s, (uint32_t)(off - s->len)); /* the previous segment's missing tail */
        off = s->len;
    }
    s->snap_valid = off == s->len && p->payload_wire_len > p->payload_len;
    s->snap_end = data_seq + p->payload_wire_len;
    if (reasm_place(ctx, s, off, p->payload, p->payload_len) < 0)
        return -1;
    return reasm_delta(before, s);
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

int reasm_flush(reasm_ctx *ctx, reasm_stream *s)
{
    if (!s)
        return 0;
    uint32_t before = s->len;
    while (s->n_ranges)
        reasm_skip_first_hole(ctx, s);
    s->flushed = true;
    return reasm_delta(before, s);
}

void reasm_free(reasm_ctx *ctx, reasm_stream *s)
{
    if (!s)
        return;
    reasm_ranges_release(ctx, s);
    reasm_mem_sub(ctx, s->cap + sizeof *s);
    free(s->buf);
    free(s);
}
