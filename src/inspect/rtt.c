/* rtt.c — real-time text (RFC 4103: ITU-T T.140 over RTP), the text of calls for people who
 * cannot hear, and of emergency calls: each RTP packet carries the few characters typed since
 * the last one, so no packet alone says anything. rtt_characters() finds them in one packet
 * (RTP version 2, a dynamic payload type, CSRCs, header extension and padding skipped; with
 * RFC 2198 redundancy only the primary block, the newest: the redundant ones repeat characters
 * sent before); the engine strings them together per direction and hands the text back marked
 * `typed`; the decoder here makes each typed line a MESSAGE unit (T.140 is conversation text
 * by definition: a person typed it). Pure: no state; never reads past the packet. */
#include "framework.h"

#include <string.h>

#include "text.h"

#define RTT_PROTO "rtt"
#define RTT_HEADER 12
#define RTT_MAX_CHARS 64 /* more in one packet is not typing */
#define RTT_RED_HEADER 4

/* The RTP payload: false when p is not an RTP packet with a dynamic payload type. */
static bool rtt_payload(const uint8_t *p, size_t len, size_t *off, size_t *n)
{
    if (len <= RTT_HEADER || p[0] >> 6 != 2 || (p[1] & 0x7f) < 96)
        return false;
    size_t at = RTT_HEADER + 4u * (p[0] & 0x0f), end = len;
    if ((p[0] & 0x10) != 0) { /* header extension: 16-bit profile, 16-bit length in words */
        if (at + 4 > len)
            return false;
        at += 4 + 4u * (size_t)(p[at + 2] << 8 | p[at + 3]);
    }
    if ((p[0] & 0x20) != 0) { /* padding: its length in the last byte */
        if (p[len - 1] == 0 || p[len - 1] > len)
            return false;
        end = len - p[len - 1];
    }
    if (at >= end)
        return false;
    *off = at;
    *n = end - at;
    return true;
}

/* RFC 2198: 4-byte headers (F bit set) of the redundant blocks, then a 1-byte header, then
 * the blocks in that order, the primary last. Its offset when the lengths add up exactly. */
static bool rtt_primary(const uint8_t *p, size_t len, size_t *off)
{
    size_t at = 0, blocks = 0;
    while (at < len && (p[at] & 0x80) != 0) {
        if (at + RTT_RED_HEADER > len)
            return false;
        blocks += (size_t)((p[at + 2] & 0x03) << 8 | p[at + 3]);
        at += RTT_RED_HEADER;
    }
    if (at == 0 || at + 1 + blocks > len)
        return false;
    *off = at + 1 + blocks;
    return true;
}

/* Every byte typed text: UTF-8 of text characters (line breaks included). */
static bool rtt_is_text(const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = text_utf8_next(p + i, len - i, &cp);
        if (n == 0 || !(text_is_text_char(cp) || cp == '\b' || cp == 0x7f))
            return false;
        i += n;
    }
    return true;
}

bool rtt_characters(const uint8_t *p, size_t len, const uint8_t **chars, size_t *n)
{
    size_t off, size, primary;
    if (!rtt_payload(p, len, &off, &size))
        return false;
    if (size > 0 && (p[off] & 0x80) != 0 && rtt_primary(p + off, size, &primary))
        off += primary, size -= primary;
    if (size == 0 || size > RTT_MAX_CHARS || !rtt_is_text(p + off, size))
        return false;
    *chars = p + off;
    *n = size;
    return true;
}

static int rtt_probe(const inspect_input *in)
{
    return in->typed ? 100 : 0;
}

/* T.140's byte order mark (sent first), backspaces (erase the character before) and line
 * separators: the lines as they were read on the screen. */
static void rtt_decode(inspect_ctx *cx, const inspect_input *in)
{
    size_t n = 0;
    uint8_t *line = inspect_alloc(cx, in->len);
    if (line == NULL)
        return;
    uint16_t object = inspect_new_object(cx);
    for (size_t i = 0; i <= in->len;) {
        uint32_t cp = '\n';
        size_t step = i < in->len ? text_utf8_next(in->data + i, in->len - i, &cp) : 1;
        if (step == 0)
            step = 1, cp = 0xfeff;
        if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
            if (n > 0)
                inspect_emit(cx, LW_UNIT_MESSAGE, RTT_PROTO, "text", line, n, 0, object);
            line += n, n = 0;
        } else if (cp == '\b' || cp == 0x7f) {
            while (n > 0 && (line[--n] & 0xc0) == 0x80)
                ;
        } else if (cp != 0xfeff) {
            memcpy(line + n, in->data + i, step);
            n += step;
        }
        i += step;
    }
    inspect_recognised(cx);
}

const inspect_decoder inspect_decoder_rtt = {"RTT", rtt_probe, rtt_decode};
