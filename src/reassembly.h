/* reassembly.h — per-direction TCP stream reassembly of the first `depth` bytes.
 * Owns the stream buffers and out-of-order segment lists; enforces the per-flow depth, the
 * reassembly memory cap and, with every other per-flow allocation, flows.memcap. Knows nothing of what the bytes mean. */
#ifndef LW_REASSEMBLY_H
#define LW_REASSEMBLY_H

#include "common.h"
#include "decode.h"
#include "memcap.h"

typedef struct reasm_stream reasm_stream; /* one direction of one TCP connection */

typedef struct reasm_stats {
    uint64_t segments;
    uint64_t bytes_delivered;     /* in-order bytes placed in stream buffers */
    uint64_t retransmissions;     /* segments entirely already delivered */
    uint64_t overlaps_inconsistent; /* overlapping bytes that differed (both versions kept) */
    uint64_t suspect_segments;    /* segments with a wrong checksum (reasm_segment_suspect) */
    uint64_t suspect_filled;      /* suspect bytes that filled a hole no valid copy came for */
    uint64_t gaps;                /* holes skipped after the bounded wait */
    uint64_t midstream;           /* streams picked up without a SYN */
    uint64_t memcap_hits;         /* segments refused because of the global cap */
    uint64_t depth_reached;       /* streams that filled their depth */
    uint64_t mem_in_use;          /* bytes currently allocated */
    uint64_t mem_peak;
} reasm_stats;

typedef struct reasm_ctx {
    uint32_t depth;       /* bytes kept per direction (reassembly.depth) */
    uint64_t memcap;      /* all streams together (reassembly.memcap) */
    lw_memcap *flowmem;   /* flows.memcap, which counts the streams too (NULL: none) */
    uint32_t max_pending; /* out-of-order bytes held per stream before a gap is declared */
    reasm_stats stats;
} reasm_ctx;

void reasm_init(reasm_ctx *ctx, uint32_t depth, uint64_t memcap);

/* Feed one TCP segment travelling in this stream's direction. *stream is created on first
 * use (NULL at start). Returns the number of new in-order bytes made available (0 when
 * none), or -1 when the segment could not be stored (memcap; counted). */
int reasm_segment(reasm_ctx *ctx, reasm_stream **stream, const lw_packet *p);

/* A segment whose checksum is wrong (checksum.h): the receiver dropped it, unless the capture
 * was taken where checksums are filled in later. Its bytes are held as suspect: a copy with a
 * valid checksum takes their place (the suspect copy stays visible through reasm_alternate);
 * where none ever comes, they fill the hole when the stream stops waiting (the pending limit,
 * reasm_flush). Its SYN, FIN and RST are ignored. */
void reasm_segment_suspect(reasm_ctx *ctx, reasm_stream **stream, const lw_packet *p);

/* The contiguous bytes delivered so far, from the stream's start (at most depth). */
const uint8_t *reasm_data(const reasm_stream *s, uint32_t *len);

/* The stream's other version, once copies of some bytes differed (overlapping segments that
 * disagree, a suspect copy beside a valid one): the same length as reasm_data, with the later
 * or suspect copy of each disputed byte. NULL when nothing was disputed, or nothing changed
 * since the previous call. Inspected beside reasm_data, neither copy can hide a message. */
const uint8_t *reasm_alternate(reasm_stream *s, uint32_t *len);

/* True once the stream holds `depth` bytes, saw FIN/RST, or can never grow again. */
bool reasm_complete(const reasm_stream *s);
/* True when a gap was skipped (the data has a hole at some point: bytes after it are
 * still delivered, but a parser should resynchronise). */
bool reasm_had_gap(const reasm_stream *s);
/* True when the stream was picked up without its SYN: its first bytes may be the middle of
 * a record. */
bool reasm_midstream(const reasm_stream *s);

/* Flush: give up waiting for missing segments and deliver what is pending after the holes
 * (used when the flow ends). Returns new bytes made available. */
int reasm_flush(reasm_ctx *ctx, reasm_stream *s);

/* Release the buffers (keeps nothing). Safe on NULL. */
void reasm_free(reasm_ctx *ctx, reasm_stream *s);

#endif
