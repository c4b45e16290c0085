/* thrift.c — Apache Thrift decoder: RPC messages in the binary protocol (the strict header
 * 0x8001 with the message type, or the old form that opens with the method name's length) and
 * the compact protocol (0x82, version and type, varint sequence id), over the framed transport
 * (a 4-byte length before each message) or unframed: a TCP stream of their own, or an HTTP body
 * (application/x-thrift, application/vnd.apache.thrift.*: http.c and content.c hand those to
 * inspect_thrift()). A call names its method as ":method" (call, oneway) and ":path" (the
 * method name, so that the message features read "sendMessage" as they read a request path); a
 * reply gives ":status". The arguments are walked — structs, lists, sets and maps, nested at
 * most THRIFT_MAX_DEPTH deep — and every string that is UTF-8 text becomes a FIELD
 * "thrift:<field id>" (a list or set element: its container's id; a map value under a short
 * text key: that key), one object per struct; integers large enough to be ids or times sit
 * beside them as decimals, as the protobuf extractor does. Binary strings (not UTF-8) are
 * skipped; an exception's strings (an application's error text) are recognised and left out.
 * Owns nothing; decimals go to the run's arena. Every read is checked against the end of the
 * message, every count against the bytes left. */
#include "framework.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

#define THRIFT_PROTO "thrift"
#define THRIFT_PORT 9090
#define THRIFT_MAX_DEPTH 12
#define THRIFT_MAX_NAME 128
#define THRIFT_MAX_FRAME (16u << 20) /* TFramedTransport's default limit */
#define THRIFT_MAX_KEY 31          /* longer map keys are values, not names */
#define THRIFT_MIN_NUMBER 1000000  /* smaller integers are counts and enums, not ids or times */

enum { THRIFT_STOP = 0, THRIFT_BOOL = 2, THRIFT_BYTE = 3, THRIFT_DOUBLE = 4, THRIFT_I16 = 6, THRIFT_I32 = 8,
       THRIFT_I64 = 10, THRIFT_STRING = 11, THRIFT_STRUCT = 12, THRIFT_MAP = 13, THRIFT_SET = 14,
       THRIFT_LIST = 15, THRIFT_UUID = 16, THRIFT_INVALID = 0xff };
enum { THRIFT_CALL = 1, THRIFT_REPLY = 2, THRIFT_EXCEPTION = 3, THRIFT_ONEWAY = 4 };

typedef struct thrift_message {
    bool compact, old_form;
    uint8_t type;
    const uint8_t *name;
    size_t name_len;
    size_t start, end;   /* the message's bytes (after a frame length; end: the frame's or the input's) */
    size_t args;         /* offset of the arguments struct */
    bool framed;
} thrift_message;

typedef struct thrift_reader {
    inspect_ctx *cx;     /* NULL: check the structure only */
    const uint8_t *p, *end;
    bool compact, ok;
    uint8_t layers;
} thrift_reader;

static uint32_t thrift_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---- reading ------------------------------------------------------------------------------ */

static const uint8_t *thrift_take(thrift_reader *r, size_t n)
{
    if (!r->ok || (size_t)(r->end - r->p) < n) {
        r->ok = false;
        return NULL;
    }
    const uint8_t *at = r->p;
    r->p += n;
    return at;
}

static uint64_t thrift_varint(thrift_reader *r)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const uint8_t *b = thrift_take(r, 1);
        if (b == NULL)
            return 0;
        v |= (uint64_t)(*b & 0x7f) << shift;
        if (!(*b & 0x80))
            return v;
    }
    r->ok = false;
    return 0;
}

static int64_t thrift_zigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* An I16, I32 or I64: big-endian in the binary protocol, a zigzag varint in the compact one. */
static int64_t thrift_integer(thrift_reader *r, uint8_t type)
{
    if (r->compact)
        return thrift_zigzag(thrift_varint(r));
    size_t n = type == THRIFT_I16 ? 2 : type == THRIFT_I32 ? 4 : 8;
    const uint8_t *b = thrift_take(r, n);
    uint64_t v = 0;
    for (size_t i = 0; b != NULL && i < n; i++)
        v = v << 8 | b[i];
    return n == 2 ? (int16_t)(uint16_t)v : n == 4 ? (int32_t)(uint32_t)v : (int64_t)v;
}

/* A string's or a container's size; never more than the bytes left (every element takes one). */
static size_t thrift_size(thrift_reader *r)
{
    uint64_t n = 0;
    if (r->compact) {
        n = thrift_varint(r);
    } else {
        const uint8_t *b = thrift_take(r, 4);
        n = b != NULL ? thrift_u32(b) : 0;
    }
    if (n > (size_t)(r->end - r->p))
        r->ok = false;
    return r->ok ? (size_t)n : 0;
}

/* The compact protocol's type nibble as the binary protocol's type. */
static uint8_t thrift_compact_type(uint8_t t)
{
    static const uint8_t types[14] = {THRIFT_STOP, THRIFT_BOOL, THRIFT_BOOL, THRIFT_BYTE, THRIFT_I16,
                                      THRIFT_I32, THRIFT_I64, THRIFT_DOUBLE, THRIFT_STRING, THRIFT_LIST,
                                      THRIFT_SET, THRIFT_MAP, THRIFT_STRUCT, THRIFT_UUID};
    return t < sizeof types ? types[t] : THRIFT_INVALID;
}

/* ---- emission ----------------------------------------------------------------------------- */


static void thrift_emit_text(thrift_reader *r, const char *key, const uint8_t *s, size_t n, uint16_t object)
{
    if (r->cx != NULL && n > 0 && text_clean_letters(s, n) > 0)
        inspect_emit(r->cx, LW_UNIT_FIELD, THRIFT_PROTO, key, s, n, r->layers, object);
}

static void thrift_emit_number(thrift_reader *r, const char *key, int64_t v, uint16_t object)
{
    char digits[24];
    if (r->cx == NULL || v < THRIFT_MIN_NUMBER)
        return;
    int n = snprintf(digits, sizeof digits, "%lld", (long long)v);
    uint8_t *out = inspect_alloc(r->cx, (size_t)n);
    if (out == NULL)
        return;
    memcpy(out, digits, (size_t)n);
    inspect_emit(r->cx, LW_UNIT_FIELD, THRIFT_PROTO, key, out, (size_t)n, r->layers, object);
}

/* ---- values ------------------------------------------------------------------------------- */

static void thrift_struct(thrift_reader *r, uint16_t object, int depth);
static void thrift_value(thrift_reader *r, uint8_t type, const char *key, uint16_t object, int depth);

static void thrift_list(thrift_reader *r, const char *key, uint16_t object, int depth)
{
    const uint8_t *h = thrift_take(r, 1);
    if (h == NULL)
        return;
    uint8_t type = r->compact ? thrift_compact_type(*h & 0x0f) : *h;
    size_t count = r->compact && *h >> 4 != 15 ? (size_t)(*h >> 4) : thrift_size(r);
    for (size_t i = 0; i < count && r->ok; i++)
        thrift_value(r, type, key, object, depth);
}

/* A map key that is a short text names its value (as a JSON key does); other keys are values. */
static void thrift_map_key(thrift_reader *r, uint8_t type, const char *key, char *name, size_t cap,
                           uint16_t object, int depth)
{
    snprintf(name, cap, "%s", key);
    if (type != THRIFT_STRING) {
        thrift_value(r, type, key, object, depth);
        return;
    }
    size_t n = thrift_size(r);
    const uint8_t *s = thrift_take(r, n);
    if (s != NULL && n > 0 && n <= THRIFT_MAX_KEY && n < cap && text_clean_letters(s, n) > 0 && !memchr(s, '\n', n)) {
        memcpy(name, s, n);
        name[n] = '\0';
    } else if (s != NULL) {
        thrift_emit_text(r, key, s, n, object);
    }
}

static void thrift_map(thrift_reader *r, const char *key, uint16_t object, int depth)
{
    uint8_t key_type, value_type;
    size_t count;
    if (r->compact) {
        count = thrift_size(r);
        const uint8_t *h = count > 0 ? thrift_take(r, 1) : NULL;
        if (h == NULL)
            return;
        key_type = thrift_compact_type(*h >> 4);
        value_type = thrift_compact_type(*h & 0x0f);
    } else {
        const uint8_t *h = thrift_take(r, 2);
        if (h == NULL)
            return;
        key_type = h[0];
        value_type = h[1];
        count = thrift_size(r);
    }
    for (size_t i = 0; i < count && r->ok; i++) {
        char name[THRIFT_MAX_KEY + 1];
        thrift_map_key(r, key_type, key, name, sizeof name, object, depth);
        thrift_value(r, value_type, name, object, depth);
    }
}

/* One value of `type` named `key` in the struct `object`. */
static void thrift_value(thrift_reader *r, uint8_t type, const char *key, uint16_t object, int depth)
{
    size_t n;
    const uint8_t *s;
    if (depth > THRIFT_MAX_DEPTH) {
        r->ok = false;
        return;
    }
    switch (type) {
    case THRIFT_BOOL:
    case THRIFT_BYTE:
        thrift_take(r, 1);
        break;
    case THRIFT_DOUBLE:
        thrift_take(r, 8);
        break;
    case THRIFT_UUID:
        thrift_take(r, 16);
        break;
    case THRIFT_I16:
    case THRIFT_I32:
    case THRIFT_I64:
        thrift_emit_number(r, key, thrift_integer(r, type), object);
        break;
    case THRIFT_STRING:
        n = thrift_size(r);
        if ((s = thrift_take(r, n)) != NULL)
            thrift_emit_text(r, key, s, n, object);
        break;
    case THRIFT_STRUCT:
        thrift_struct(r, r->cx != NULL ? inspect_new_object(r->cx) : 0, depth + 1);
        break;
    case THRIFT_MAP:
        thrift_map(r, key, object, depth + 1);
        break;
    case THRIFT_SET:
    case THRIFT_LIST:
        thrift_list(r, key, object, depth + 1);
        break;
    default:
        r->ok = false;
    }
}

/* Fields up to the STOP byte. The compact protocol gives a field id as a delta from the last
 * one (a fresh count in every struct) or in full, and a bool field's value as its type. */
static void thrift_struct(thrift_reader *r, uint16_t object, int depth)
{
    long last = 0;
    while (r->ok && !(r->cx != NULL && inspect_full(r->cx))) {
        const uint8_t *h = thrift_take(r, 1);
        if (h == NULL || *h == THRIFT_STOP)
            return;
        uint8_t type = *h;
        long id;
        if (r->compact) {
            type = thrift_compact_type(*h & 0x0f);
            id = *h >> 4 ? last + (*h >> 4) : (long)thrift_zigzag(thrift_varint(r));
            last = id;
            if (type == THRIFT_BOOL)
                continue;
        } else {
            const uint8_t *b = thrift_take(r, 2);
            id = b != NULL ? (int16_t)(uint16_t)(b[0] << 8 | b[1]) : 0;
        }
        char key[32];
        snprintf(key, sizeof key, "thrift:%ld", id);
        thrift_value(r, type, key, object, depth);
    }
}

/* ---- messages ----------------------------------------------------------------------------- */

/* A method name: an identifier, "Service:method" when multiplexed. */
static bool thrift_is_name(const uint8_t *p, size_t n)
{
    if (p == NULL || n == 0 || n > THRIFT_MAX_NAME)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') && !(p[i] >= '0' && p[i] <= '9') &&
            p[i] != '_' && p[i] != '.' && p[i] != ':')
            return false;
    return true;
}

/* The message header at p (len bytes of the message): strict binary, compact, or (when
 * `old_form`) the binary protocol's unversioned form, which must start with a letter. */
static bool thrift_header(const uint8_t *p, size_t len, bool old_form, thrift_message *m)
{
    if (len >= 12 && p[0] == 0x80 && p[1] == 0x01 && p[2] == 0 && p[3] >= THRIFT_CALL && p[3] <= THRIFT_ONEWAY) {
        size_t n = thrift_u32(p + 4);
        if (n > len - 12 || !thrift_is_name(p + 8, n))
            return false;
        *m = (thrift_message){.type = p[3], .name = p + 8, .name_len = n, .args = 12 + n};
        return true;
    }
    if (len >= 4 && p[0] == 0x82 && (p[1] & 0x1f) == 1 && p[1] >> 5 >= THRIFT_CALL && p[1] >> 5 <= THRIFT_ONEWAY) {
        thrift_reader r = {.p = p + 2, .end = p + len, .compact = true, .ok = true};
        thrift_varint(&r); /* sequence id */
        size_t n = thrift_size(&r);
        const uint8_t *name = thrift_take(&r, n);
        if (!r.ok || !thrift_is_name(name, n))
            return false;
        *m = (thrift_message){.compact = true, .type = p[1] >> 5, .name = name, .name_len = n,
                              .args = (size_t)(r.p - p)};
        return true;
    }
    if (!old_form || len < 10)
        return false;
    size_t n = thrift_u32(p);
    if (n > len - 9 || !thrift_is_name(p + 4, n) || (p[4] | 0x20) < 'a' || (p[4] | 0x20) > 'z' ||
        p[4 + n] < THRIFT_CALL || p[4 + n] > THRIFT_ONEWAY)
        return false;
    *m = (thrift_message){.old_form = true, .type = p[4 + n], .name = p + 4, .name_len = n, .args = n + 9};
    return true;
}

/* The message at p: framed (a length, then a message) or not. */
static bool thrift_locate(const uint8_t *p, size_t len, bool old_form, thrift_message *m)
{
    if (len >= 4) {
        size_t frame = thrift_u32(p), avail = len - 4 < frame ? len - 4 : frame;
        if (frame >= 4 && frame <= THRIFT_MAX_FRAME && thrift_header(p + 4, avail, old_form, m)) {
            m->framed = true;
            m->start = 4;
            m->end = 4 + avail;
            m->args += 4;
            return true;
        }
    }
    if (!thrift_header(p, len, old_form, m))
        return false;
    m->start = 0;
    m->end = len;
    return true;
}

static void thrift_head(inspect_ctx *cx, const thrift_message *m, uint8_t layers)
{
    static const char *const types[] = {"", "call", "reply", "exception", "oneway"};
    const char *type = types[m->type];
    if (m->type == THRIFT_CALL || m->type == THRIFT_ONEWAY) {
        inspect_emit(cx, LW_UNIT_FIELD, THRIFT_PROTO, ":method", (const uint8_t *)type, strlen(type), layers, 0);
        inspect_emit(cx, LW_UNIT_FIELD, THRIFT_PROTO, ":path", m->name, m->name_len, layers, 0);
    } else {
        inspect_emit(cx, LW_UNIT_FIELD, THRIFT_PROTO, ":status", (const uint8_t *)type, strlen(type), layers, 0);
    }
}

/* One message at p (cx NULL: only checked). *used: its bytes; false when p holds no message or
 * the message is malformed or cut (what was read of it is emitted). */
static bool thrift_message_decode(inspect_ctx *cx, const uint8_t *p, size_t len, uint8_t layers, bool old_form,
                                  size_t *used)
{
    thrift_message m;
    if (!thrift_locate(p, len, old_form, &m))
        return false;
    if (cx != NULL)
        thrift_head(cx, &m, layers);
    thrift_reader r = {.cx = m.type == THRIFT_EXCEPTION ? NULL : cx, .p = p + m.args, .end = p + m.end,
                       .compact = m.compact, .ok = true, .layers = layers};
    thrift_struct(&r, cx != NULL ? inspect_new_object(cx) : 0, 0);
    *used = m.framed ? m.end : (size_t)(r.p - p);
    return r.ok && (!m.framed || m.end - m.start == thrift_u32(p));
}

/* Messages from the start of data; true when at least one was whole. With cx NULL, true only
 * when the whole of data is messages. */
static bool thrift_walk(inspect_ctx *cx, const uint8_t *data, size_t len, uint8_t layers, bool old_form)
{
    size_t pos = 0, used = 0;
    uint32_t whole = 0;
    while (pos < len && !(cx != NULL && inspect_full(cx))) {
        if (!thrift_message_decode(cx, data + pos, len - pos, layers, old_form, &used))
            return cx != NULL && whole > 0;
        whole++;
        pos += used;
    }
    return whole > 0;
}

bool inspect_thrift(inspect_ctx *cx, const uint8_t *data, size_t len, uint8_t layers, bool declared)
{
    if (!thrift_walk(NULL, data, len, layers, declared))
        return false;
    thrift_walk(cx, data, len, layers, declared);
    return true;
}

/* ---- the decoder -------------------------------------------------------------------------- */

static int thrift_probe_bytes(const uint8_t *d, size_t len)
{
    thrift_message m;
    size_t used;
    if (d == NULL || !thrift_locate(d, len, true, &m))
        return 0;
    if (!m.old_form)
        return 75;
    return thrift_message_decode(NULL, d, len, 0, true, &used) ? 55 : 35; /* cut, or not Thrift after all */
}

static int thrift_probe(const inspect_input *in)
{
    if (in->is_datagram)
        return 0;
    int score = thrift_probe_bytes(in->data, in->len), peer = thrift_probe_bytes(in->peer, in->peer_len);
    score = score > peer ? score : peer;
    return score > 0 && (in->initiator_port == THRIFT_PORT || in->responder_port == THRIFT_PORT) ? score + 10 : score;
}

static void thrift_decode(inspect_ctx *cx, const inspect_input *in)
{
    thrift_message m;
    if (!thrift_locate(in->data, in->len, true, &m))
        return;
    inspect_recognised(cx);
    thrift_walk(cx, in->data, in->len, 0, true);
}

const inspect_decoder inspect_decoder_thrift = {"Thrift", thrift_probe, thrift_decode};
