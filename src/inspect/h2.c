/* h2.c — HTTP/2 decoder for cleartext HTTP/2 (h2c), where gRPC carries its calls: a connection
 * opened with the client preface (prior knowledge), its server direction (opening with a
 * SETTINGS frame) and the bytes after an HTTP/1.1 "Upgrade: h2c" (handed over by http.c).
 * Frames (RFC 7540 §4, §6) are read from the start of the direction. Header blocks (HEADERS,
 * PUSH_PROMISE, CONTINUATION) go, all of them and in order, through one HPACK inflater
 * (RFC 7541, nghttp2's): the dynamic table belongs to the direction and must see every block.
 * DATA payloads, padding removed, are gathered per stream (at most the inflate limit each). Then
 * every stream, in the order it opened, goes to http.c as one HTTP message: its first final
 * header block as the head (":method", ":path", ":authority" as host, content-type, party
 * headers: the units HTTP/1.1 gives), its DATA as the body (Content-Encoding undone; gRPC's
 * length-prefixed messages and the protobuf in them read by the extractor). Trailers are inflated
 * (the table needs them) and left out.
 * Decoding stops cleanly at a partial frame, at bytes that are not frames and at a header block
 * the inflater rejects (a capture that started mid-connection refers to table entries it never
 * saw: later blocks cannot be read); what was gathered until then is still handed on.
 *
 * Owns: the inflater, made and freed within one decode (nghttp2's heap; its table bounded by the
 * peer's SETTINGS_HEADER_TABLE_SIZE, at most H2_MAX_TABLE). Streams, header copies and bodies
 * live in the run's arena. Never reads outside the input; never judges what a body means. */
#include <string.h>

#include <nghttp2/nghttp2.h>

#include "framework.h"

#define H2_PREFACE "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
#define H2_PREFACE_LEN 24
#define H2_FRAME_HEADER 9
#define H2_MAX_STREAMS 256  /* streams whose messages are kept; later ones are only framed */
#define H2_MAX_FIELDS 24    /* header fields kept a head */
#define H2_MAX_VALUE 8192   /* a longer field is not kept (HTTP/1.1 start lines end there too) */
#define H2_MAX_TABLE 65536  /* the largest HPACK table a peer may grant */
#define H2_DEFAULT_TABLE 4096
#define H2_PEER_HEAD 16384  /* where the peer's preface or first frame is looked for */

enum {
    H2_DATA = 0x0, H2_HEADERS = 0x1, H2_PRIORITY = 0x2, H2_RST_STREAM = 0x3, H2_SETTINGS = 0x4,
    H2_PUSH_PROMISE = 0x5, H2_PING = 0x6, H2_GOAWAY = 0x7, H2_WINDOW_UPDATE = 0x8, H2_CONTINUATION = 0x9,
    H2_LAST_TYPE = 0x10, /* PRIORITY_UPDATE (RFC 9218); beyond it bytes are taken for garbage */
};
enum { H2_END_STREAM = 0x1, H2_END_HEADERS = 0x4, H2_PADDED = 0x8, H2_PRIORITY_FLAG = 0x20 };
enum { H2_SETTINGS_HEADER_TABLE_SIZE = 0x1 };

typedef struct h2_frame {
    uint32_t length, stream;
    uint8_t type, flags;
    const uint8_t *payload;
} h2_frame;

typedef struct h2_stream {
    uint32_t id;
    bool head_done;     /* a final (not 1xx) head was read: later blocks are trailers */
    uint32_t n_fields;
    http_field fields[H2_MAX_FIELDS];
    size_t body_len;    /* DATA bytes kept (pass 1 counts, pass 2 fills) */
    size_t body_cap;
    uint8_t *body;
} h2_stream;

typedef struct h2_conn {
    inspect_ctx *cx;
    nghttp2_hd_inflater *inflater; /* NULL once a block was rejected */
    h2_stream *streams[H2_MAX_STREAMS];
    uint32_t n_streams;
    h2_stream *block;              /* stream whose head the current block is, or NULL */
    uint32_t continuation;         /* stream whose block awaits CONTINUATION frames, 0 when none */
    size_t body_limit;
} h2_conn;

static uint32_t h2_u24(const uint8_t *p)
{
    return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static uint32_t h2_u31(const uint8_t *p)
{
    return (uint32_t)(p[0] & 0x7f) << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The complete frame at p; false when it is cut short or breaks rules no peer breaks (a stream
 * frame on stream 0, a connection frame on a stream, a type beyond the known ones). */
static bool h2_frame_at(const uint8_t *p, size_t len, h2_frame *f)
{
    if (len < H2_FRAME_HEADER)
        return false;
    f->length = h2_u24(p);
    f->type = p[3];
    f->flags = p[4];
    f->stream = h2_u31(p + 5);
    f->payload = p + H2_FRAME_HEADER;
    if (f->length > len - H2_FRAME_HEADER || f->type > H2_LAST_TYPE)
        return false;
    bool on_stream = f->type == H2_DATA || f->type == H2_HEADERS || f->type == H2_PRIORITY ||
                     f->type == H2_RST_STREAM || f->type == H2_PUSH_PROMISE || f->type == H2_CONTINUATION;
    bool on_connection = f->type == H2_SETTINGS || f->type == H2_PING || f->type == H2_GOAWAY;
    if ((on_stream && f->stream == 0) || (on_connection && f->stream != 0))
        return false;
    return f->type != H2_SETTINGS || f->length % 6 == 0;
}

/* A DATA, HEADERS, PUSH_PROMISE or CONTINUATION frame's content without padding, priority and
 * promised stream id; false when those claim more than the frame has. */
static bool h2_fragment(const h2_frame *f, const uint8_t **frag, size_t *n)
{
    size_t skip = 0, pad = 0;
    if (f->type != H2_CONTINUATION && (f->flags & H2_PADDED)) {
        if (f->length < 1)
            return false;
        pad = f->payload[0];
        skip = 1;
    }
    if (f->type == H2_HEADERS && (f->flags & H2_PRIORITY_FLAG))
        skip += 5;
    if (f->type == H2_PUSH_PROMISE)
        skip += 4;
    if (skip + pad > f->length)
        return false;
    *frag = f->payload + skip;
    *n = f->length - skip - pad;
    return true;
}

/* The start of the frames: after the client preface when there is one. */
static size_t h2_frames_start(const uint8_t *p, size_t len)
{
    return len >= H2_PREFACE_LEN && memcmp(p, H2_PREFACE, H2_PREFACE_LEN) == 0 ? H2_PREFACE_LEN : 0;
}

/* The HPACK table size the peer's first SETTINGS grants this direction's encoder. The peer's
 * bytes may start with an HTTP/1.1 head (the upgrade) before its preface or its frames. */
static size_t h2_peer_table_size(const uint8_t *peer, size_t len)
{
    size_t head = len < H2_PEER_HEAD ? len : H2_PEER_HEAD;
    const uint8_t *preface = peer != NULL ? memmem(peer, head, H2_PREFACE, H2_PREFACE_LEN) : NULL;
    bool upgraded = peer != NULL && len >= 5 && memcmp(peer, "HTTP/", 5) == 0;
    const uint8_t *head_end = upgraded ? memmem(peer, head, "\r\n\r\n", 4) : NULL;
    size_t start = preface ? (size_t)(preface - peer) + H2_PREFACE_LEN : head_end ? (size_t)(head_end - peer) + 4 : 0;
    h2_frame f;
    if (peer == NULL || !h2_frame_at(peer + start, len - start, &f) || f.type != H2_SETTINGS)
        return H2_DEFAULT_TABLE;
    for (uint32_t i = 0; i + 6 <= f.length; i += 6) {
        const uint8_t *s = f.payload + i;
        uint32_t value = (uint32_t)s[2] << 24 | (uint32_t)s[3] << 16 | (uint32_t)s[4] << 8 | s[5];
        if ((s[0] << 8 | s[1]) == H2_SETTINGS_HEADER_TABLE_SIZE)
            return value < H2_MAX_TABLE ? value : H2_MAX_TABLE;
    }
    return H2_DEFAULT_TABLE;
}

static h2_stream *h2_stream_find(const h2_conn *c, uint32_t id)
{
    for (uint32_t i = c->n_streams; i-- > 0;)
        if (c->streams[i]->id == id)
            return c->streams[i];
    return NULL;
}

/* The stream with this id, made when new and there is room; NULL otherwise. */
static h2_stream *h2_stream_of(h2_conn *c, uint32_t id)
{
    h2_stream *found = h2_stream_find(c, id);
    if (found != NULL || c->n_streams >= H2_MAX_STREAMS)
        return found;
    h2_stream *s = (h2_stream *)inspect_alloc(c->cx, sizeof *s);
    if (s == NULL)
        return NULL;
    memset(s, 0, sizeof *s);
    s->id = id;
    c->streams[c->n_streams++] = s;
    return s;
}

static const uint8_t *h2_copy(inspect_ctx *cx, const uint8_t *p, size_t n)
{
    uint8_t *out = inspect_alloc(cx, n ? n : 1);
    if (out != NULL && n > 0)
        memcpy(out, p, n);
    return out;
}

static void h2_keep_field(h2_conn *c, const nghttp2_nv *nv)
{
    h2_stream *s = c->block;
    if (s == NULL || s->n_fields >= H2_MAX_FIELDS || nv->namelen == 0 || nv->valuelen > H2_MAX_VALUE)
        return;
    http_field *f = &s->fields[s->n_fields];
    f->name = h2_copy(c->cx, nv->name, nv->namelen);
    f->value = h2_copy(c->cx, nv->value, nv->valuelen);
    f->name_len = nv->namelen;
    f->value_len = nv->valuelen;
    if (f->name != NULL && f->value != NULL)
        s->n_fields++;
}

/* An interim response (1xx) is not the head: the next block replaces it. */
static bool h2_is_final_head(const h2_stream *s)
{
    for (uint32_t i = 0; i < s->n_fields; i++)
        if (s->fields[i].name_len == 7 && memcmp(s->fields[i].name, ":status", 7) == 0)
            return !(s->fields[i].value_len > 0 && s->fields[i].value[0] == '1');
    return true;
}

/* Feed one piece of a header block; `final` on its END_HEADERS frame. */
static void h2_inflate(h2_conn *c, const uint8_t *in, size_t len, bool final)
{
    while (c->inflater != NULL) {
        nghttp2_nv nv;
        int flags = 0;
        ssize_t used = nghttp2_hd_inflate_hd2(c->inflater, &nv, &flags, in, len, final);
        if (used < 0) {
            nghttp2_hd_inflate_del(c->inflater);
            c->inflater = NULL;
            return;
        }
        in += used;
        len -= (size_t)used;
        if (flags & NGHTTP2_HD_INFLATE_EMIT)
            h2_keep_field(c, &nv);
        if (flags & NGHTTP2_HD_INFLATE_FINAL) {
            nghttp2_hd_inflate_end_headers(c->inflater);
            if (c->block != NULL)
                c->block->head_done = h2_is_final_head(c->block);
            return;
        }
        if (!(flags & NGHTTP2_HD_INFLATE_EMIT) && len == 0)
            return;
    }
}

/* HEADERS or PUSH_PROMISE: a block starts. A stream's first final block is kept as its head. */
static void h2_block_start(h2_conn *c, const h2_frame *f)
{
    h2_stream *s = f->type == H2_HEADERS ? h2_stream_of(c, f->stream) : NULL;
    c->block = s != NULL && !s->head_done ? s : NULL;
    if (c->block != NULL)
        c->block->n_fields = 0;
    c->continuation = f->flags & H2_END_HEADERS ? 0 : f->stream;
}

/* Pass 1: frames in order, header blocks inflated, DATA counted. Returns the bytes framed. */
static size_t h2_read_frames(h2_conn *c, const uint8_t *p, size_t len)
{
    size_t pos = h2_frames_start(p, len);
    h2_frame f;
    while (h2_frame_at(p + pos, len - pos, &f) && !inspect_full(c->cx)) {
        const uint8_t *frag = NULL;
        size_t n = 0;
        bool block = f.type == H2_HEADERS || f.type == H2_PUSH_PROMISE || f.type == H2_CONTINUATION;
        bool content = block || f.type == H2_DATA;
        if ((c->continuation != 0) != (f.type == H2_CONTINUATION) || (c->continuation && f.stream != c->continuation) ||
            (content && !h2_fragment(&f, &frag, &n)))
            break; /* a block interrupted, a stray CONTINUATION, padding past the end: not HTTP/2 */
        if (f.type == H2_HEADERS || f.type == H2_PUSH_PROMISE)
            h2_block_start(c, &f);
        if (f.type == H2_CONTINUATION && (f.flags & H2_END_HEADERS))
            c->continuation = 0;
        if (block)
            h2_inflate(c, frag, n, (f.flags & H2_END_HEADERS) != 0);
        h2_stream *s = f.type == H2_DATA ? h2_stream_of(c, f.stream) : NULL;
        if (s != NULL)
            s->body_len += n < c->body_limit - s->body_len ? n : c->body_limit - s->body_len;
        pos += H2_FRAME_HEADER + f.length;
    }
    return pos;
}

/* Pass 2: each stream's DATA copied into its body, in frame order. */
static void h2_gather_bodies(h2_conn *c, const uint8_t *p, size_t end)
{
    for (uint32_t i = 0; i < c->n_streams; i++) {
        h2_stream *s = c->streams[i];
        s->body = s->body_len > 0 ? inspect_alloc_upto(c->cx, s->body_len, &s->body_cap) : NULL;
        s->body_len = 0;
    }
    h2_frame f;
    for (size_t pos = h2_frames_start(p, end); pos < end && h2_frame_at(p + pos, end - pos, &f);
         pos += H2_FRAME_HEADER + f.length) {
        const uint8_t *frag;
        size_t n;
        h2_stream *s = f.type == H2_DATA && h2_fragment(&f, &frag, &n) ? h2_stream_find(c, f.stream) : NULL;
        if (s == NULL || s->body == NULL)
            continue;
        n = n < s->body_cap - s->body_len ? n : s->body_cap - s->body_len;
        memcpy(s->body + s->body_len, frag, n);
        s->body_len += n;
    }
}

void h2_decode_frames(inspect_ctx *cx, const uint8_t *data, size_t len, const uint8_t *peer, size_t peer_len)
{
    h2_conn c = {.cx = cx, .body_limit = inspect_inflate_limit(cx)};
    if (nghttp2_hd_inflate_new(&c.inflater) != 0)
        return;
    if (nghttp2_hd_inflate_change_table_size(c.inflater, h2_peer_table_size(peer, peer_len)) != 0) {
        nghttp2_hd_inflate_del(c.inflater);
        return;
    }
    size_t end = h2_read_frames(&c, data, len);
    if (c.inflater != NULL)
        nghttp2_hd_inflate_del(c.inflater);
    if (end > 0)
        inspect_recognised(cx);
    h2_gather_bodies(&c, data, end);
    for (uint32_t i = 0; i < c.n_streams && !inspect_full(cx); i++) {
        const h2_stream *s = c.streams[i];
        if (s->n_fields > 0 || s->body_len > 0)
            http_emit_message(cx, s->fields, s->n_fields, s->body, s->body_len);
    }
}

/* A SETTINGS frame (not an acknowledgement) of known settings: how a server's side opens. */
static bool h2_is_settings(const uint8_t *p, size_t len)
{
    h2_frame f;
    if (!h2_frame_at(p, len, &f) || f.type != H2_SETTINGS || f.flags != 0)
        return false;
    for (uint32_t i = 0; i + 6 <= f.length; i += 6)
        if (f.payload[i] != 0 || f.payload[i + 1] == 0 || f.payload[i + 1] > 0x10)
            return false;
    return true;
}

static int h2_probe(const inspect_input *in)
{
    size_t n = in->len < H2_PREFACE_LEN ? in->len : H2_PREFACE_LEN;
    if (in->is_datagram || in->len < 14)
        return 0;
    if (memcmp(in->data, H2_PREFACE, n) == 0)
        return 90;
    if (!h2_is_settings(in->data, in->len))
        return 0;
    return in->peer_len >= 14 && memcmp(in->peer, H2_PREFACE, 14) == 0 ? 90 : 60;
}

static void h2_decode(inspect_ctx *cx, const inspect_input *in)
{
    h2_decode_frames(cx, in->data, in->len, in->peer, in->peer_len);
}

const inspect_decoder inspect_decoder_h2 = {"HTTP2", h2_probe, h2_decode};
