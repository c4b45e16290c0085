/* websocket.c — RFC 6455 decoder: frames after an HTTP upgrade (http.c hands the rest of the
 * stream over) or a stream picked up midstream that parses as a run of valid frames. Client
 * masks are removed (LW_LAYER_WS_MASK), fragmented messages reassembled across interleaved
 * control frames, permessage-deflate messages (RSV1) inflated with one raw-deflate stream per
 * direction (context takeover) after appending 00 00 ff ff, binary messages that are pieces of
 * one zlib stream (transport compression, each ending in a sync flush) inflated likewise. A message that carries a STOMP
 * frame, NATS or IRC protocol lines or XMPP stanzas (their WebSocket transports) goes to that decoder
 * (inspect_offer_message); other text messages, and binary ones that hold text or embed a JSON
 * document, go to inspect_content() as LW_UNIT_MESSAGE.
 *
 * Owns nothing beyond one run: reassembly buffers and zlib state live in the run's arena.
 * Never trusts a length: a 64-bit length beyond the input is a cut frame, never a read. */
#include <string.h>
#include <strings.h>

#include "framework.h"
#include "json_scan.h"

#define WS_PROBE_FRAMES 16      /* valid frames in a row that settle a midstream probe */
#define WS_JSON_SEARCH 512      /* how far into a binary message a JSON document may start */
#define WS_HEAD_SEARCH 8192     /* HTTP head bytes searched for the upgrade */

enum { WS_CONTINUATION = 0, WS_TEXT = 1, WS_BINARY = 2, WS_CLOSE = 8, WS_PING = 9, WS_PONG = 10 };

typedef struct ws_frame {
    bool fin, rsv1, masked;
    uint8_t opcode;
    uint8_t mask[4];
    uint64_t payload_len;
    size_t header_len;
} ws_frame;

typedef struct ws_message {
    uint8_t opcode;
    bool active, compressed, masked;
    uint8_t *buf;            /* arena block holding the reassembled payload (+4 for the tail) */
    size_t cap, len;
    const uint8_t *direct;   /* a single unmasked frame: its payload in place */
} ws_message;

typedef struct ws_state {
    inspect_ctx *cx;
    ws_message msg;
    z_stream z;
    inspect_zone zone;
    bool z_ready;
    bool zlib_transport; /* binary messages are pieces of one zlib stream (a gateway's transport compression) */
} ws_state;

/* 1: header parsed; 0: cut by the end of input; -1: not a valid frame header. */
static int ws_parse_header(const uint8_t *p, size_t len, ws_frame *f)
{
    if (len < 2)
        return 0;
    f->fin = p[0] >> 7;
    f->rsv1 = (p[0] >> 6) & 1;
    f->opcode = p[0] & 0x0f;
    f->masked = p[1] >> 7;
    bool control = f->opcode >= WS_CLOSE;
    if ((p[0] & 0x30) != 0 || (f->opcode > WS_BINARY && f->opcode < WS_CLOSE) || f->opcode > WS_PONG)
        return -1;
    if (control && (!f->fin || (p[1] & 0x7f) > 125 || f->rsv1))
        return -1;
    size_t n = 2, ext = (p[1] & 0x7f) == 126 ? 2 : (p[1] & 0x7f) == 127 ? 8 : 0;
    if (len < n + ext + (f->masked ? 4 : 0))
        return 0;
    f->payload_len = ext == 0 ? (uint64_t)(p[1] & 0x7f) : 0;
    for (size_t i = 0; i < ext; i++)
        f->payload_len = f->payload_len << 8 | p[n + i];
    if (ext == 8 && (p[2] & 0x80))
        return -1;
    n += ext;
    if (f->masked)
        memcpy(f->mask, p + n, 4);
    f->header_len = n + (f->masked ? 4 : 0);
    return 1;
}

static bool ws_inflate_ready(ws_state *s, int window_bits)
{
    if (s->z_ready)
        return true;
    s->zone.mem = inspect_alloc(s->cx, INSPECT_ZONE_BYTES);
    s->zone.cap = INSPECT_ZONE_BYTES;
    s->zone.used = 0;
    if (s->zone.mem == NULL)
        return false;
    memset(&s->z, 0, sizeof s->z);
    inspect_zone_attach(&s->z, &s->zone);
    s->z_ready = inflateInit2(&s->z, window_bits) == Z_OK;
    return s->z_ready;
}

/* Inflate one permessage-deflate message (raw deflate; buf has room for the 4-byte tail it lacks)
 * or one piece of a zlib transport stream (it ends in the tail already). */
static long ws_inflate(ws_state *s, uint8_t *data, size_t len, uint8_t **out)
{
    static const uint8_t tail[4] = {0, 0, 0xff, 0xff};
    size_t cap, add = s->zlib_transport ? 0 : sizeof tail;
    if (!ws_inflate_ready(s, s->zlib_transport ? MAX_WBITS : -MAX_WBITS) ||
        (*out = inspect_alloc_upto(s->cx, inspect_inflate_limit(s->cx), &cap)) == NULL)
        return -1;
    memcpy(data + len, tail, add);
    for (int attempt = 0; attempt < 2; attempt++) {
        s->z.next_in = data;
        s->z.avail_in = (uInt)(len + add);
        s->z.next_out = *out;
        s->z.avail_out = cap > UINT32_MAX ? UINT32_MAX : (uInt)cap;
        int rc = inflate(&s->z, Z_SYNC_FLUSH);
        long produced = (long)(s->z.next_out - *out);
        if (rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR || produced > 0) {
            inspect_trim(s->cx, *out, (size_t)produced);
            return produced;
        }
        inflateReset(&s->z); /* picked up midstream: the shared window is missing */
    }
    inspect_trim(s->cx, *out, 0);
    return -1;
}

/* A binary message: text as it is, or a JSON document after a binary preamble. */
static void ws_binary(inspect_ctx *cx, const uint8_t *data, size_t len, uint8_t layers)
{
    size_t lim = len < WS_JSON_SEARCH ? len : WS_JSON_SEARCH;
    const uint8_t *brace = memchr(data, '{', lim);
    if (brace != NULL && brace != data && memchr(data, 0, (size_t)(brace - data)) != NULL &&
        json_scan_looks_like_json(brace, len - (size_t)(brace - data))) {
        inspect_content(cx, "websocket", "", LW_UNIT_MESSAGE, brace, len - (size_t)(brace - data), layers, "application/json");
        return;
    }
    inspect_content(cx, "websocket", "", LW_UNIT_MESSAGE, data, len, layers, NULL);
}

/* Binary messages that are pieces of one zlib stream, each ending in a sync flush (00 00 ff ff):
 * the first starts with a zlib header. Gateways compress a whole connection so. */
static bool ws_zlib_transport(ws_state *s, const ws_message *m, const uint8_t *p, size_t len)
{
    if (m->opcode != WS_BINARY || len < 6 || memcmp(p + len - 4, "\0\0\xff\xff", 4) != 0)
        return false;
    if (!s->zlib_transport && !s->z_ready)
        s->zlib_transport = inspect_compressed_at(p, len, 0) == 0 && p[0] != 0x1f;
    return s->zlib_transport;
}

static void ws_flush(ws_state *s)
{
    ws_message *m = &s->msg;
    if (!m->active)
        return;
    m->active = false;
    uint8_t layers = m->masked ? LW_LAYER_WS_MASK : 0;
    uint8_t *data = m->buf;
    size_t len = m->len;
    if (m->direct == NULL)
        inspect_trim(s->cx, m->buf, m->len + 4);
    if (m->compressed && m->direct == NULL) {
        long n = ws_inflate(s, m->buf, m->len, &data);
        if (n <= 0)
            return;
        len = (size_t)n;
        layers |= LW_LAYER_GZIP;
    }
    const uint8_t *bytes = m->direct != NULL ? m->direct : data;
    if (!m->compressed && ws_zlib_transport(s, m, bytes, len)) {
        long n = ws_inflate(s, (uint8_t *)(uintptr_t)bytes, len, &data);
        if (n <= 0)
            return;
        bytes = data;
        len = (size_t)n;
        layers |= LW_LAYER_GZIP;
    }
    if (len == 0 || inspect_offer_message(s->cx, bytes, len, layers))
        return;
    if (m->opcode == WS_BINARY)
        ws_binary(s->cx, bytes, len, layers);
    else
        inspect_content(s->cx, "websocket", "", LW_UNIT_MESSAGE, bytes, len, layers, NULL);
}

static void ws_start(ws_state *s, const ws_frame *f, size_t remaining)
{
    ws_message *m = &s->msg;
    memset(m, 0, sizeof *m);
    m->active = true;
    m->opcode = f->opcode;
    m->compressed = f->rsv1;
    if (f->fin && !f->masked && !f->rsv1)
        return; /* payload used in place */
    m->buf = inspect_alloc_upto(s->cx, remaining + 4, &m->cap);
    if (m->buf == NULL || m->cap < 4)
        m->active = false;
}

/* Add `take` payload bytes of frame f (payload at p) to the current message. */
static void ws_append(ws_state *s, const ws_frame *f, const uint8_t *p, size_t take)
{
    ws_message *m = &s->msg;
    if (m->buf == NULL) {
        m->direct = p;
        m->len = take;
        return;
    }
    if (take > m->cap - 4 - m->len)
        take = m->cap - 4 - m->len;
    for (size_t k = 0; k < take; k++)
        m->buf[m->len + k] = f->masked ? p[k] ^ f->mask[k & 3] : p[k];
    m->len += take;
    m->masked |= f->masked;
}

static void ws_data_frame(ws_state *s, const ws_frame *f, const uint8_t *payload, size_t take, size_t remaining)
{
    if (f->opcode != WS_CONTINUATION || !s->msg.active) {
        ws_flush(s);
        ws_start(s, f, remaining);
        if (!s->msg.active)
            return;
    }
    ws_append(s, f, payload, take);
    if (f->fin)
        ws_flush(s);
}

size_t websocket_decode_frames(inspect_ctx *cx, const uint8_t *data, size_t len)
{
    ws_state s = {.cx = cx};
    size_t pos = 0;
    ws_frame f;
    while (pos < len && !inspect_full(cx) && ws_parse_header(data + pos, len - pos, &f) == 1) {
        size_t avail = len - pos - f.header_len;
        size_t take = f.payload_len < avail ? (size_t)f.payload_len : avail;
        if (f.opcode < WS_CLOSE)
            ws_data_frame(&s, &f, data + pos + f.header_len, take, len - pos);
        if (take < f.payload_len)
            break; /* cut by the end of the capture */
        pos += f.header_len + take;
    }
    ws_flush(&s);
    if (s.z_ready)
        inflateEnd(&s.z);
    return pos;
}

/* The HTTP head at p carries "Upgrade: websocket". */
static bool ws_head_upgrades(const uint8_t *p, size_t len)
{
    size_t lim = len < WS_HEAD_SEARCH ? len : WS_HEAD_SEARCH;
    for (size_t i = 0; i + 9 < lim; i++) {
        if (p[i] != '\n' || strncasecmp((const char *)p + i + 1, "upgrade:", 8) != 0)
            continue;
        const uint8_t *eol = memchr(p + i + 1, '\n', lim - i - 1);
        size_t end = eol == NULL ? lim : (size_t)(eol - p);
        for (size_t j = i + 9; j + 9 <= end; j++)
            if (strncasecmp((const char *)p + j, "websocket", 9) == 0)
                return true;
    }
    return false;
}

static bool ws_starts_http(const uint8_t *p, size_t len)
{
    return (len >= 4 && memcmp(p, "GET ", 4) == 0) || (len >= 12 && memcmp(p, "HTTP/1.", 7) == 0 && memcmp(p + 8, " 101", 4) == 0);
}

/* A midstream stream: consecutive valid frames, all masked or all unmasked, that end exactly
 * at the end of input or settle after WS_PROBE_FRAMES. */
/* Frames from p on: 60 when WS_PROBE_FRAMES parse, 50 when two or more do before the input ends,
 * else 0. `strict` (frames without the HTTP upgrade before them, where any offset may be tried): every data frame
 * carries payload and one starts a message — a run of empty continuation frames is the zero
 * bytes of some other protocol's length fields. */
static int ws_probe_frames(const uint8_t *p, size_t len, bool strict)
{
    size_t pos = 0, frames = 0;
    bool message = false;
    ws_frame f, first;
    while (pos < len && frames < WS_PROBE_FRAMES) {
        int rc = ws_parse_header(p + pos, len - pos, &f);
        if (rc < 0 || (frames > 0 && f.masked != first.masked) ||
            (strict && rc > 0 && f.opcode < WS_CLOSE && f.payload_len == 0))
            return 0;
        message |= rc > 0 && (f.opcode == WS_TEXT || f.opcode == WS_BINARY);
        if (rc == 0 || f.payload_len > len - pos - f.header_len)
            return frames >= 2 && (message || !strict) ? 50 : 0;
        if (frames++ == 0)
            first = f;
        pos += f.header_len + (size_t)f.payload_len;
    }
    return frames > 0 && (message || !strict) ? 60 : 0;
}

#define WS_RESYNC_BYTES 2048 /* how far into a stream picked up midstream a frame boundary is sought */

/* Where whole frames start in a stream picked up in the middle of one: the first offset from
 * which two or more frames follow each other exactly. 0 when none (or the stream starts whole). */
static size_t ws_resync(const uint8_t *p, size_t len)
{
    ws_frame f;
    for (size_t at = 1; at < len && at < WS_RESYNC_BYTES; at++)
        if ((p[at] & 0x70) == 0 && ws_parse_header(p + at, len - at, &f) > 0 &&
            f.payload_len < len - at - f.header_len && /* a second frame follows the first */
            ws_probe_frames(p + at, len - at, true) >= 50)
            return at;
    return 0;
}

static int ws_probe(const inspect_input *in)
{
    if (in->data == NULL || in->len == 0)
        return 0;
    if (ws_starts_http(in->data, in->len))
        return ws_head_upgrades(in->data, in->len) ? 90 : 0;
    int score = ws_probe_frames(in->data, in->len, true);
    /* found past a cut frame: less sure than any decoder that reads the stream from its start */
    return score || !in->gap ? score : ws_resync(in->data, in->len) ? 35 : 0;
}

static void ws_decode(inspect_ctx *cx, const inspect_input *in)
{
    inspect_set_app_proto(cx, "WebSocket");
    if (ws_starts_http(in->data, in->len))
        inspect_decoder_http.decode(cx, in);
    else if (in->gap && !ws_probe_frames(in->data, in->len, true)) {
        size_t at = ws_resync(in->data, in->len);
        websocket_decode_frames(cx, in->data + at, in->len - at);
    } else
        websocket_decode_frames(cx, in->data, in->len);
}

const inspect_decoder inspect_decoder_websocket = {"WebSocket", ws_probe, ws_decode};
