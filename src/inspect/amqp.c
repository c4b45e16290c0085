/* amqp.c — AMQP 0-9-1 decoder (RabbitMQ and the brokers behind many chat back ends): walks the
 * frames of a direction (type, channel, size, payload, end octet 0xCE; every size checked
 * against the bytes there). A basic.publish (client) or basic.deliver (broker) method is read
 * as a request line: ":method" PUBLISH or DELIVER, the routing key as ":path" (where the message
 * goes, as an HTTP path says), the exchange a FIELD; the content header that follows gives the
 * body's size and content type; the body frames, joined, go to inspect_content as a body (JSON,
 * text, gzip … decoded as everywhere: a broker's message is often a program's). Connection, channel and queue methods and heartbeats are
 * recognised and left out. A truncated last frame is decoded as far as it goes.
 * Owns nothing; never reads past the input. */
#include "framework.h"

#include <string.h>

#define AMQP_PROTO "amqp"
#define AMQP_FRAME_HEAD 7
#define AMQP_FRAME_END 0xCE
#define AMQP_CONTENT_TYPE_FLAG 0x8000
enum { AMQP_METHOD = 1, AMQP_HEADER = 2, AMQP_BODY = 3, AMQP_HEARTBEAT = 8 };
enum { AMQP_BASIC = 60, AMQP_PUBLISH = 40, AMQP_DELIVER = 60 };

typedef struct amqp_reader {
    const uint8_t *p, *end;
    bool ok;
} amqp_reader;

/* One message being carried: its method's names, its header's content type, its body so far. */
typedef struct amqp_message {
    bool open;
    uint16_t object;
    char content_type[64];
    uint64_t size;
    uint8_t *body;
    size_t have, cap;
} amqp_message;

static uint64_t amqp_uint(amqp_reader *r, size_t n)
{
    uint64_t v = 0;
    if ((size_t)(r->end - r->p) < n) {
        r->ok = false;
        r->p = r->end;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        v = v << 8 | *r->p++;
    return v;
}

static const uint8_t *amqp_shortstr(amqp_reader *r, size_t *len)
{
    *len = (size_t)amqp_uint(r, 1);
    if (!r->ok || *len > (size_t)(r->end - r->p)) {
        r->ok = false;
        return NULL;
    }
    const uint8_t *s = r->p;
    r->p += *len;
    return s;
}

static void amqp_literal(inspect_ctx *cx, const char *field, const char *value)
{
    inspect_emit(cx, LW_UNIT_FIELD, AMQP_PROTO, field, (const uint8_t *)value, strlen(value), 0, 0);
}

static void amqp_flush(inspect_ctx *cx, amqp_message *m)
{
    if (m->open && m->have > 0)
        inspect_content(cx, AMQP_PROTO, "body", LW_UNIT_BODY, m->body, m->have, 0,
                        m->content_type[0] ? m->content_type : NULL);
    m->open = false;
}

/* basic.publish: reserved short, exchange, routing key, bits. basic.deliver: consumer tag,
 * delivery tag (8 bytes), redelivered bit, exchange, routing key. */
static void amqp_method(inspect_ctx *cx, amqp_reader *r, amqp_message *m)
{
    uint16_t class = (uint16_t)amqp_uint(r, 2), method = (uint16_t)amqp_uint(r, 2);
    if (!r->ok || class != AMQP_BASIC || (method != AMQP_PUBLISH && method != AMQP_DELIVER))
        return;
    amqp_flush(cx, m);
    size_t skip;
    if (method == AMQP_PUBLISH)
        amqp_uint(r, 2);
    else if (amqp_shortstr(r, &skip) != NULL)
        amqp_uint(r, 9);
    *m = (amqp_message){.open = r->ok, .object = inspect_new_object(cx)};
    size_t exchange_len, key_len;
    const uint8_t *exchange = amqp_shortstr(r, &exchange_len), *key = amqp_shortstr(r, &key_len);
    if (!r->ok)
        return;
    amqp_literal(cx, ":method", method == AMQP_PUBLISH ? "PUBLISH" : "DELIVER");
    inspect_emit(cx, LW_UNIT_FIELD, AMQP_PROTO, ":path", key, key_len, 0, 0);
    if (exchange_len > 0)
        inspect_emit(cx, LW_UNIT_FIELD, AMQP_PROTO, "exchange", exchange, exchange_len, 0, m->object);
}

/* Content header: class, weight, body size, property flags, then (first) the content type. */
static void amqp_header(inspect_ctx *cx, amqp_reader *r, amqp_message *m)
{
    if (!m->open)
        return;
    amqp_uint(r, 4);
    m->size = amqp_uint(r, 8);
    uint16_t flags = (uint16_t)amqp_uint(r, 2);
    size_t len;
    const uint8_t *type = (flags & AMQP_CONTENT_TYPE_FLAG) ? amqp_shortstr(r, &len) : NULL;
    if (type != NULL) {
        len = len < sizeof m->content_type - 1 ? len : sizeof m->content_type - 1;
        memcpy(m->content_type, type, len);
        m->content_type[len] = '\0';
    }
    size_t limit = inspect_inflate_limit(cx);
    m->cap = m->size < limit ? (size_t)m->size : limit;
    m->body = m->cap > 0 ? inspect_alloc(cx, m->cap) : NULL;
    if (m->body == NULL)
        m->open = false;
}

static void amqp_body(inspect_ctx *cx, const uint8_t *p, size_t len, amqp_message *m)
{
    if (!m->open || m->body == NULL) /* no content header yet: nothing says how long the body is */
        return;
    size_t n = len < m->cap - m->have ? len : m->cap - m->have;
    memcpy(m->body + m->have, p, n);
    m->have += n;
    if (m->have >= m->cap)
        amqp_flush(cx, m);
}

static void amqp_decode(inspect_ctx *cx, const inspect_input *in)
{
    amqp_reader stream = {in->data, in->data + in->len, true};
    amqp_message m = {0};
    if (in->len >= 8 && memcmp(in->data, "AMQP", 4) == 0)
        stream.p += 8; /* the protocol header */
    inspect_recognised(cx);
    while (stream.p < stream.end && stream.ok && !inspect_full(cx)) {
        uint8_t type = (uint8_t)amqp_uint(&stream, 1);
        amqp_uint(&stream, 2);
        size_t size = (size_t)amqp_uint(&stream, 4);
        if (!stream.ok || type < AMQP_METHOD || type > AMQP_HEARTBEAT)
            break;
        size_t there = size < (size_t)(stream.end - stream.p) ? size : (size_t)(stream.end - stream.p);
        amqp_reader frame = {stream.p, stream.p + there, true};
        if (type == AMQP_METHOD)
            amqp_method(cx, &frame, &m);
        else if (type == AMQP_HEADER)
            amqp_header(cx, &frame, &m);
        else if (type == AMQP_BODY)
            amqp_body(cx, frame.p, (size_t)(frame.end - frame.p), &m);
        if (size + 1 > (size_t)(stream.end - stream.p) || stream.p[size] != AMQP_FRAME_END)
            break;
        stream.p += size + 1;
    }
    amqp_flush(cx, &m); /* a body cut short by the capture: what there is */
}

/* The protocol header "AMQP" 0 0 9 1 (client), or a connection.start method frame (broker). */
static int amqp_probe_bytes(const uint8_t *d, size_t len)
{
    static const uint8_t start[] = {AMQP_METHOD, 0, 0};
    if (len >= 8 && memcmp(d, "AMQP\0\0\x09\x01", 8) == 0)
        return 95;
    if (len >= 12 && memcmp(d, start, 3) == 0 && d[7] == 0 && d[8] == 10 && d[9] == 0 && d[10] == 10)
        return 80;
    return 0;
}

static int amqp_probe(const inspect_input *in)
{
    int score = amqp_probe_bytes(in->data, in->len);
    int peer = in->peer ? amqp_probe_bytes(in->peer, in->peer_len) : 0;
    return score > peer ? score : peer;
}

const inspect_decoder inspect_decoder_amqp = {"AMQP", amqp_probe, amqp_decode};
