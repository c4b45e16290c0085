/* pubsub.c — message-broker decoders: Redis RESP, STOMP and Kafka produce requests.
 *  - Redis: commands as RESP arrays of bulk strings (or inline lines). A client's PUBLISH
 *    channel message and the server's "message"/"pmessage" pushes give the channel as a FIELD
 *    and the message to inspect_content as a message; SET/GET/HSET … values are FIELD units
 *    (stored data, not messages).
 *  - STOMP 1.0–1.2: frames (command line, header lines, blank line, body up to NUL or
 *    content-length); SEND and MESSAGE bodies go to inspect_content as messages with the
 *    content-type header; destination and other headers are FIELD units of the frame.
 *  - Kafka: produce requests v0–v2 with message sets of magic 0/1; uncompressed record values
 *    go to inspect_content as messages, the topic as a FIELD. Compressed sets and newer record
 *    batches (v3+) are skipped.
 * Owns nothing; every length is checked against the bytes there. */
#include "decoders.h"

#include <string.h>
#include <strings.h>

#define REDIS_MAX_ITEMS 16

typedef struct resp_item {
    const uint8_t *data;
    size_t len;
} resp_item;

/* ---- Redis RESP ---- */

static bool resp_line(const uint8_t **p, const uint8_t *end, const uint8_t **line, size_t *len)
{
    const uint8_t *nl = *p < end ? memchr(*p, '\n', (size_t)(end - *p)) : NULL;
    if (!nl)
        return false;
    *line = *p;
    *len = (size_t)(nl - *p) - (nl > *p && nl[-1] == '\r');
    *p = nl + 1;
    return true;
}

static long resp_number(const uint8_t *s, size_t len)
{
    long v = 0;
    if (len == 0 || len > 9)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* One array of simple items ("*N" or ">N" then $bulk/+simple/:int); false at the end or on junk. */
static bool resp_array(const uint8_t **p, const uint8_t *end, resp_item *items, size_t *n)
{
    const uint8_t *line;
    size_t len;
    if (!resp_line(p, end, &line, &len) || len < 2 || (line[0] != '*' && line[0] != '>'))
        return false;
    long count = resp_number(line + 1, len - 1);
    *n = 0;
    for (long i = 0; i < count; i++) {
        if (!resp_line(p, end, &line, &len) || len < 1)
            return false;
        resp_item item = {line + 1, len - 1};
        if (line[0] == '$') {
            long bulk = resp_number(line + 1, len - 1);
            if (bulk < 0)
                return false;
            item.data = *p;
            item.len = (size_t)bulk <= (size_t)(end - *p) ? (size_t)bulk : (size_t)(end - *p);
            *p += item.len;
            *p += (size_t)(end - *p) >= 2 ? 2 : (size_t)(end - *p);
        }
        if (*n < REDIS_MAX_ITEMS)
            items[(*n)++] = item;
    }
    return true;
}

/* An inline command: words split by blanks, "double-quoted" words kept whole. */
static bool resp_inline(const uint8_t **p, const uint8_t *end, resp_item *items, size_t *n)
{
    const uint8_t *line, *q;
    size_t len;
    if (!resp_line(p, end, &line, &len))
        return false;
    *n = 0;
    for (q = line; q < line + len && *n < REDIS_MAX_ITEMS;) {
        while (q < line + len && *q == ' ')
            q++;
        if (q >= line + len)
            break;
        uint8_t stop = *q == '"' ? '"' : ' ';
        const uint8_t *start = q + (stop == '"');
        const uint8_t *e = memchr(start, stop, (size_t)(line + len - start));
        if (!e)
            e = line + len;
        items[(*n)++] = (resp_item){start, (size_t)(e - start)};
        q = e + 1;
    }
    return true;
}

static bool resp_is(const resp_item *item, const char *word)
{
    return item->len == strlen(word) && strncasecmp((const char *)item->data, word, item->len) == 0;
}

static void redis_message(inspect_ctx *cx, const resp_item *channel, const resp_item *message, const char *field)
{
    uint16_t object = inspect_new_object(cx);
    inspect_emit(cx, LW_UNIT_FIELD, "redis", "channel", channel->data, channel->len, 0, object);
    if (message->len)
        inspect_content(cx, "redis", field, LW_UNIT_MESSAGE, message->data, message->len, 0, NULL);
}

static void redis_command(inspect_ctx *cx, const resp_item *it, size_t n)
{
    static const char *const stores[] = {"SET", "SETEX", "SETNX", "APPEND", "LPUSH", "RPUSH", "HSET", "SADD", "XADD"};
    if (n == 3 && resp_is(&it[0], "PUBLISH"))
        redis_message(cx, &it[1], &it[2], "publish");
    else if (n == 3 && resp_is(&it[0], "message"))
        redis_message(cx, &it[1], &it[2], "message");
    else if (n == 4 && resp_is(&it[0], "pmessage"))
        redis_message(cx, &it[2], &it[3], "message");
    else
        for (size_t i = 0; n >= 3 && i < LW_ARRAY_LEN(stores); i++)
            if (resp_is(&it[0], stores[i])) {
                inspect_emit(cx, LW_UNIT_FIELD, "redis", "value", it[n - 1].data, it[n - 1].len, 0, 0);
                return;
            }
}

static void redis_decode(inspect_ctx *cx, const inspect_input *in)
{
    const uint8_t *p = in->data, *end = in->data + in->len;
    resp_item items[REDIS_MAX_ITEMS];
    size_t n;
    while (p < end) {
        bool array = *p == '*' || *p == '>';
        bool reply = *p == '+' || *p == '-' || *p == ':' || *p == '$';
        const uint8_t *line;
        size_t len;
        if (reply) {
            if (!resp_line(&p, end, &line, &len))
                return;
            long bulk = line[0] == '$' ? resp_number(line + 1, len - 1) : -1;
            if (bulk > 0)
                p += (size_t)bulk + 2 <= (size_t)(end - p) ? (size_t)bulk + 2 : (size_t)(end - p);
            continue;
        }
        if (!(array ? resp_array(&p, end, items, &n) : resp_inline(&p, end, items, &n)))
            return;
        redis_command(cx, items, n);
    }
}

static int redis_probe_bytes(const uint8_t *d, size_t len)
{
    static const char *const inline_commands[] = {"PING", "AUTH ", "PUBLISH ", "SUBSCRIBE ", "SET ", "GET ", "HELLO"};
    if (len >= 4 && d[0] == '*' && d[1] >= '1' && d[1] <= '9' && memmem(d, len < 16 ? len : 16, "\r\n$", 3))
        return 80;
    for (size_t i = 0; i < LW_ARRAY_LEN(inline_commands); i++) {
        size_t n = strlen(inline_commands[i]);
        if (len > n && strncasecmp((const char *)d, inline_commands[i], n) == 0)
            return 40;
    }
    return 0;
}

static int redis_probe(const inspect_input *in)
{
    int score = redis_probe_bytes(in->data, in->len);
    int peer = in->peer ? redis_probe_bytes(in->peer, in->peer_len) : 0;
    score = score > peer ? score : peer;
    return score && in->responder_port == 6379 ? score + 15 : score;
}

/* ---- STOMP ---- */

static const char *const stomp_commands[] = {"CONNECT", "STOMP", "CONNECTED", "SEND", "SUBSCRIBE", "UNSUBSCRIBE",
                                             "ACK", "NACK", "BEGIN", "COMMIT", "ABORT", "DISCONNECT", "MESSAGE",
                                             "RECEIPT", "ERROR"};

static bool stomp_is_command(const uint8_t *line, size_t len)
{
    for (size_t i = 0; i < LW_ARRAY_LEN(stomp_commands); i++)
        if (len == strlen(stomp_commands[i]) && strncasecmp((const char *)line, stomp_commands[i], len) == 0)
            return true;
    return false;
}

typedef struct stomp_frame {
    const uint8_t *command;
    size_t command_len;
    long content_length;
    char content_type[64];
} stomp_frame;

/* Headers up to the blank line, as FIELD units; returns false when cut short. */
static bool stomp_headers(inspect_ctx *cx, const uint8_t **p, const uint8_t *end, stomp_frame *f, uint16_t object)
{
    const uint8_t *line = NULL;
    size_t len = 1;
    while (resp_line(p, end, &line, &len) && len > 0) {
        const uint8_t *colon = memchr(line, ':', len);
        if (!colon || colon == line)
            continue;
        char name[32];
        size_t name_len = (size_t)(colon - line) < sizeof name - 1 ? (size_t)(colon - line) : sizeof name - 1;
        memcpy(name, line, name_len);
        name[name_len] = '\0';
        const uint8_t *value = colon + 1;
        size_t value_len = len - (size_t)(value - line);
        if (strcasecmp(name, "content-length") == 0)
            f->content_length = resp_number(value, value_len);
        else if (strcasecmp(name, "content-type") == 0 && value_len < sizeof f->content_type) {
            memcpy(f->content_type, value, value_len);
            f->content_type[value_len] = '\0';
        } else if (strcasecmp(name, "passcode") != 0 && strcasecmp(name, "content-length") != 0)
            inspect_emit(cx, LW_UNIT_FIELD, "stomp", name, value, value_len, 0, object);
        if (*p >= end)
            return false;
    }
    return line != NULL && len == 0;
}

static void stomp_frame_decode(inspect_ctx *cx, const uint8_t **p, const uint8_t *end)
{
    stomp_frame f = {.content_length = -1};
    if (!resp_line(p, end, &f.command, &f.command_len) || !stomp_is_command(f.command, f.command_len)) {
        const uint8_t *nul = *p < end ? memchr(*p, '\0', (size_t)(end - *p)) : NULL;
        *p = nul ? nul + 1 : end; /* resynchronise at the next frame */
        return;
    }
    uint16_t object = inspect_new_object(cx);
    if (!stomp_headers(cx, p, end, &f, object))
        return;
    size_t avail = (size_t)(end - *p), body_len;
    const uint8_t *nul = memchr(*p, '\0', avail);
    if (f.content_length >= 0)
        body_len = (size_t)f.content_length < avail ? (size_t)f.content_length : avail;
    else
        body_len = nul ? (size_t)(nul - *p) : avail;
    const uint8_t *body = *p;
    *p += body_len;
    while (*p < end && **p != '\0')
        (*p)++;
    if (*p < end)
        (*p)++;
    bool send = f.command_len == 4 && strncasecmp((const char *)f.command, "SEND", 4) == 0;
    bool message = f.command_len == 7 && strncasecmp((const char *)f.command, "MESSAGE", 7) == 0;
    if ((send || message) && body_len)
        inspect_content(cx, "stomp", send ? "send" : "message", LW_UNIT_MESSAGE, body, body_len, 0,
                        f.content_type[0] ? f.content_type : NULL);
}

static void stomp_decode(inspect_ctx *cx, const inspect_input *in)
{
    const uint8_t *p = in->data, *end = in->data + in->len;
    while (p < end) {
        while (p < end && (*p == '\n' || *p == '\r')) /* heart-beats */
            p++;
        if (p < end)
            stomp_frame_decode(cx, &p, end);
    }
}

static int stomp_probe_bytes(const uint8_t *d, size_t len)
{
    const uint8_t *nl = memchr(d, '\n', len < 16 ? len : 16);
    size_t n = nl ? (size_t)(nl - d) - (nl > d && nl[-1] == '\r') : 0;
    if (!nl || !stomp_is_command(d, n))
        return 0;
    return (n == 7 && memcmp(d, "CONNECT", 7) == 0) || (n == 5 && memcmp(d, "STOMP", 5) == 0) ||
                   (n == 9 && memcmp(d, "CONNECTED", 9) == 0)
               ? 85
               : 50;
}

static int stomp_probe(const inspect_input *in)
{
    int score = stomp_probe_bytes(in->data, in->len);
    int peer = in->peer ? stomp_probe_bytes(in->peer, in->peer_len) : 0;
    score = score > peer ? score : peer;
    return score && in->responder_port == 61613 ? score + 10 : score;
}

/* ---- Kafka produce v0–v2 ---- */

typedef struct kafka_reader {
    const uint8_t *p, *end;
    bool ok;
} kafka_reader;

static uint32_t kafka_u32(kafka_reader *r)
{
    if (r->end - r->p < 4) {
        r->ok = false;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 | r->p[3];
    r->p += 4;
    return v;
}

static const uint8_t *kafka_take(kafka_reader *r, size_t n)
{
    const uint8_t *s = r->p;
    if ((size_t)(r->end - r->p) < n) {
        r->ok = false;
        return NULL;
    }
    r->p += n;
    return s;
}

static const uint8_t *kafka_string16(kafka_reader *r, size_t *len)
{
    const uint8_t *l = kafka_take(r, 2);
    *len = l ? (size_t)(l[0] << 8 | l[1]) : 0;
    if (l && l[0] == 0xff)
        *len = 0; /* null string */
    return kafka_take(r, *len);
}

static void kafka_message_set(inspect_ctx *cx, kafka_reader *set)
{
    while (set->ok && set->p < set->end) {
        kafka_take(set, 8); /* offset */
        uint32_t size = kafka_u32(set);
        kafka_reader m = {set->p, set->p + (size <= (size_t)(set->end - set->p) ? size : (size_t)(set->end - set->p)), true};
        set->p = m.end;
        const uint8_t *head = kafka_take(&m, 6); /* crc, magic, attributes */
        if (!head || head[4] > 1 || (head[5] & 0x07))
            return; /* record batch (magic 2) or compressed: skipped */
        if (head[4] == 1)
            kafka_take(&m, 8);
        uint32_t key_len = kafka_u32(&m);
        if (key_len != 0xffffffffu)
            kafka_take(&m, key_len);
        uint32_t value_len = kafka_u32(&m);
        const uint8_t *value = value_len != 0xffffffffu ? kafka_take(&m, value_len) : NULL;
        if (value && value_len)
            inspect_content(cx, "kafka", "value", LW_UNIT_MESSAGE, value, value_len, 0, NULL);
    }
}

static void kafka_produce(inspect_ctx *cx, kafka_reader *r)
{
    kafka_take(r, 6); /* acks, timeout */
    for (uint32_t topics = kafka_u32(r), t = 0; r->ok && t < topics && t < 64; t++) {
        size_t name_len;
        const uint8_t *name = kafka_string16(r, &name_len);
        if (name && name_len)
            inspect_emit(cx, LW_UNIT_FIELD, "kafka", "topic", name, name_len, 0, 0);
        for (uint32_t parts = kafka_u32(r), i = 0; r->ok && i < parts && i < 64; i++) {
            kafka_take(r, 4);
            uint32_t set_size = kafka_u32(r);
            kafka_reader set = {r->p, r->p + (set_size <= (size_t)(r->end - r->p) ? set_size : (size_t)(r->end - r->p)), true};
            r->p = set.end;
            kafka_message_set(cx, &set);
        }
    }
}

/* A request header: size, api_key, api_version, correlation id, client id. */
static bool kafka_request(kafka_reader *r, uint16_t *api_key, uint16_t *version)
{
    uint32_t size = kafka_u32(r);
    const uint8_t *h = kafka_take(r, 8);
    size_t client_len;
    if (!h || size < 10 || size > (1u << 24))
        return false;
    *api_key = (uint16_t)(h[0] << 8 | h[1]);
    *version = (uint16_t)(h[2] << 8 | h[3]);
    if ((size_t)(r->end - r->p) > size - 8)
        r->end = r->p + (size - 8);
    kafka_string16(r, &client_len);
    return r->ok && *api_key < 100 && *version < 20;
}

static void kafka_decode(inspect_ctx *cx, const inspect_input *in)
{
    kafka_reader stream = {in->data, in->data + in->len, true};
    while (stream.ok && stream.p < stream.end) {
        kafka_reader r = stream;
        uint16_t api_key, version;
        if (!kafka_request(&r, &api_key, &version))
            return;
        if (api_key == 0 && version <= 2)
            kafka_produce(cx, &r);
        stream.p = r.end;
    }
}

static int kafka_probe(const inspect_input *in)
{
    const uint8_t *d = in->from_initiator ? in->data : in->peer;
    size_t len = in->from_initiator ? in->len : in->peer_len;
    if (!d || len < 14)
        return 0;
    kafka_reader r = {d, d + len, true};
    uint16_t api_key, version;
    if (!kafka_request(&r, &api_key, &version) || api_key > 67)
        return 0;
    size_t first = ((size_t)d[0] << 24 | (size_t)d[1] << 16 | (size_t)d[2] << 8 | d[3]) + 4;
    int score = first <= len ? 70 : 40; /* the whole first request is there */
    return in->responder_port == 9092 ? score + 15 : score;
}

const inspect_decoder inspect_decoder_redis = {"Redis", redis_probe, redis_decode};
const inspect_decoder inspect_decoder_stomp = {"STOMP", stomp_probe, stomp_decode};
const inspect_decoder inspect_decoder_kafka = {"Kafka", kafka_probe, kafka_decode};
