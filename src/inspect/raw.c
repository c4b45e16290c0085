/* raw.c — fallback for TCP/UDP protocols no other decoder claims: the bytes as RAW units for
 * signatures to match on. Line-based text (printable ASCII or UTF-8) is emitted a line a RAW
 * unit; bytes that tile exactly into records with a 2- or 4-byte big-endian length prefix are
 * emitted a record a RAW unit; anything else binary yields nothing. The text in such bytes is
 * found by the extractor (extract.c), which inspect.c runs beside this decoder.
 * Owns nothing; never reads past the input. */
#include "decoders.h"

#include <string.h>

#define RAW_MAX_UNITS 64

static bool raw_is_text(const uint8_t *d, size_t len)
{
    size_t text = 0, sample = len < 1024 ? len : 1024;
    for (size_t i = 0; i < sample; i++)
        text += (d[i] >= 0x20 && d[i] != 0x7f) || d[i] == '\t' || d[i] == '\r' || d[i] == '\n';
    return sample >= 4 && text * 10 >= sample * 9 && memchr(d, '\n', sample);
}

static void raw_lines(inspect_ctx *cx, const uint8_t *p, const uint8_t *end)
{
    for (int n = 0; p < end && n < RAW_MAX_UNITS;) {
        const uint8_t *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
        const uint8_t *line_end = e > p && e[-1] == '\r' ? e - 1 : e;
        size_t len = (size_t)(line_end - p);
        if (len > 0) {
            inspect_emit(cx, LW_UNIT_RAW, "raw", "", p, len, 0, 0);
            n++;
        }
        p = nl ? nl + 1 : end;
    }
}

static size_t raw_length(const uint8_t *p, int width)
{
    return width == 2 ? (size_t)(p[0] << 8 | p[1])
                      : (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
}

/* Records of a `width`-byte length prefix (counting itself when `inclusive`) that tile the
 * buffer exactly, at least two of them; returns the count (0 when they do not tile). */
static int raw_records(const uint8_t *d, size_t len, int width, bool inclusive)
{
    size_t off = 0;
    int n = 0;
    while (off + (size_t)width <= len) {
        size_t rec = raw_length(d + off, width);
        size_t total = inclusive ? rec : rec + (size_t)width;
        if (total <= (size_t)width || total > len - off)
            return 0;
        off += total;
        n++;
    }
    return off == len && n >= 2 ? n : 0;
}

static void raw_emit_records(inspect_ctx *cx, const uint8_t *d, size_t len, int width, bool inclusive)
{
    for (size_t off = 0, n = 0; off < len && n < RAW_MAX_UNITS; n++) {
        size_t rec = raw_length(d + off, width), total = inclusive ? rec : rec + (size_t)width;
        inspect_emit(cx, LW_UNIT_RAW, "raw", "", d + off + width, total - (size_t)width, 0, 0);
        off += total;
    }
}

static void raw_decode(inspect_ctx *cx, const inspect_input *in)
{
    static const struct {
        int width;
        bool inclusive;
    } framings[] = {{2, false}, {4, false}, {2, true}, {4, true}};
    if (raw_is_text(in->data, in->len)) {
        raw_lines(cx, in->data, in->data + in->len);
        return;
    }
    for (size_t i = 0; i < LW_ARRAY_LEN(framings); i++)
        if (raw_records(in->data, in->len, framings[i].width, framings[i].inclusive)) {
            raw_emit_records(cx, in->data, in->len, framings[i].width, framings[i].inclusive);
            return;
        }
}

/* The decoder of last resort: claims anything with bytes, with the lowest confidence. */
static int raw_probe(const inspect_input *in)
{
    return in->len > 0 ? 1 : 0;
}

const inspect_decoder inspect_decoder_raw = {"raw", raw_probe, raw_decode};
