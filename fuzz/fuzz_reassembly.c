/* fuzz_reassembly.c — a sequence of TCP segments through two reassembly streams.
 * Input: 3 bytes of setup (depth, memcap), then records of 5 header bytes — flags (bit 7
 * picks the stream, bit 6 makes the segment suspect: a wrong checksum), sequence offset (16
 * bits, from an initial sequence number close to the wrap), payload length, bytes missing from
 * the capture — and the payload. After each segment every delivered byte is read, and the
 * other version when there is one; then the streams are flushed and freed, and the memory
 * accounting must come back to zero without having passed the cap. */
#include "fuzz_util.h"
#include "reassembly.h"

#define FUZZ_ISN 0xffff8000u

static void fuzz_read_stream(reasm_stream *s, uint32_t depth)
{
    uint32_t len, alt_len;
    const uint8_t *d = reasm_data(s, &len);
    if (len > depth)
        abort();
    fuzz_touch(d, len);
    const uint8_t *alt = reasm_alternate(s, &alt_len);
    if (alt && alt_len != len)
        abort();
    fuzz_touch(alt, alt_len);
    reasm_complete(s);
    reasm_had_gap(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    reasm_ctx ctx;
    uint32_t depth = 1 + (((uint32_t)data[0] << 8 | data[1]) % 8192);
    reasm_init(&ctx, depth, 1024u + (uint64_t)data[2] * 256u);
    reasm_stream *streams[2] = {NULL, NULL};
    size_t pos = 3;
    while (pos + 5 <= size) {
        const uint8_t *h = data + pos;
        uint32_t len = h[3];
        pos += 5;
        if (len > size - pos)
            len = (uint32_t)(size - pos);
        lw_packet p = {.ts_us = 1, .l4proto = 6, .tcp_flags = h[0] & 0x1f};
        p.seq = FUZZ_ISN + ((uint32_t)h[1] << 8 | h[2]);
        p.payload = data + pos;
        p.payload_len = len;
        p.payload_wire_len = len + (h[4] & 0x3f);
        reasm_stream **s = &streams[h[0] >> 7];
        if (h[0] & 0x40)
            reasm_segment_suspect(&ctx, s, &p);
        else
            reasm_segment(&ctx, s, &p);
        if (*s)
            fuzz_read_stream(*s, depth);
        pos += len;
    }
    for (int i = 0; i < 2; i++) {
        reasm_flush(&ctx, streams[i]);
        if (streams[i])
            fuzz_read_stream(streams[i], depth);
        reasm_free(&ctx, streams[i]);
    }
    if (ctx.stats.mem_in_use != 0 || ctx.stats.mem_peak > ctx.memcap)
        abort();
    return 0;
}
