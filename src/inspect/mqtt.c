/* mqtt.c — MQTT 3.1, 3.1.1 and 5 decoder: walks the packets of a direction (fixed header,
 * remaining-length varint of at most 4 bytes, every length checked against the bytes there).
 * CONNECT gives the client id and user name as FIELD units (the password is never emitted);
 * PUBLISH gives the topic as a FIELD and its payload to inspect_content as a message (so JSON,
 * base64 or gzip inside is decoded), MQTT 5 properties skipped by their length. A truncated
 * last packet is decoded as far as it goes; an impossible packet type ends the walk.
 * Owns nothing; never reads past the input. */
#include "decoders.h"

#include <string.h>

#define MQTT_PROTO "mqtt"
enum { MQTT_CONNECT = 1, MQTT_PUBLISH = 3 };

typedef struct mqtt_reader {
    const uint8_t *p, *end;
    bool ok;
} mqtt_reader;

static uint32_t mqtt_varint(mqtt_reader *r)
{
    uint32_t value = 0;
    for (int i = 0; i < 4; i++) {
        if (r->p >= r->end) {
            r->ok = false;
            return 0;
        }
        uint8_t b = *r->p++;
        value |= (uint32_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80))
            return value;
    }
    r->ok = false; /* a fifth length byte is malformed */
    return 0;
}

static uint16_t mqtt_u16(mqtt_reader *r)
{
    if (r->end - r->p < 2) {
        r->ok = false;
        return 0;
    }
    uint16_t v = (uint16_t)(r->p[0] << 8 | r->p[1]);
    r->p += 2;
    return v;
}

static void mqtt_skip(mqtt_reader *r, size_t n)
{
    if ((size_t)(r->end - r->p) < n) {
        r->ok = false;
        r->p = r->end;
    } else
        r->p += n;
}

/* A length-prefixed string; returns its start (len in *len) or NULL. */
static const uint8_t *mqtt_string(mqtt_reader *r, size_t *len)
{
    *len = mqtt_u16(r);
    const uint8_t *s = r->p;
    mqtt_skip(r, *len);
    return r->ok ? s : NULL;
}

static void mqtt_field(inspect_ctx *cx, mqtt_reader *r, const char *field, uint16_t object)
{
    size_t len;
    const uint8_t *s = mqtt_string(r, &len);
    if (s && len)
        inspect_emit(cx, LW_UNIT_FIELD, MQTT_PROTO, field, s, len, 0, object);
}

/* CONNECT: returns the protocol level (3, 4 or 5), 0 when malformed. */
static uint8_t mqtt_connect(inspect_ctx *cx, mqtt_reader *r)
{
    size_t name_len;
    const uint8_t *name = mqtt_string(r, &name_len);
    if (!name || r->end - r->p < 4)
        return 0;
    uint8_t level = r->p[0], flags = r->p[1];
    r->p += 4; /* level, flags, keep-alive */
    if (level == 5)
        mqtt_skip(r, mqtt_varint(r));
    if (!cx)
        return r->ok ? level : 0;
    uint16_t object = inspect_new_object(cx);
    mqtt_field(cx, r, "client_id", object);
    if (flags & 0x04) { /* will: properties (v5), topic, message */
        if (level == 5)
            mqtt_skip(r, mqtt_varint(r));
        mqtt_field(cx, r, "will_topic", object);
        size_t n;
        mqtt_string(r, &n);
    }
    if (flags & 0x80)
        mqtt_field(cx, r, "username", object);
    return r->ok ? level : 0;
}

static void mqtt_publish(inspect_ctx *cx, mqtt_reader *r, uint8_t header, uint8_t level)
{
    uint16_t object = inspect_new_object(cx);
    mqtt_field(cx, r, "topic", object);
    if ((header >> 1) & 3)
        mqtt_u16(r); /* packet identifier */
    if (level == 5)
        mqtt_skip(r, mqtt_varint(r));
    if (r->ok && r->p < r->end)
        inspect_content(cx, MQTT_PROTO, "publish", LW_UNIT_MESSAGE, r->p, (size_t)(r->end - r->p), 0, NULL);
}

/* The protocol level from a CONNECT at the start of the client's bytes (4 when unseen). */
static uint8_t mqtt_level(const inspect_input *in)
{
    const uint8_t *client = in->from_initiator ? in->data : in->peer;
    size_t len = in->from_initiator ? in->len : in->peer_len;
    mqtt_reader r = {client, client + len, true};
    if (!client || len < 2 || client[0] >> 4 != MQTT_CONNECT)
        return 4;
    r.p++;
    uint32_t remaining = mqtt_varint(&r);
    if (r.ok && remaining < (size_t)(r.end - r.p))
        r.end = r.p + remaining;
    uint8_t level = r.ok ? mqtt_connect(NULL, &r) : 0;
    return level ? level : 4;
}

static void mqtt_decode(inspect_ctx *cx, const inspect_input *in)
{
    mqtt_reader stream = {in->data, in->data + in->len, true};
    uint8_t level = mqtt_level(in);
    while (stream.p < stream.end) {
        uint8_t header = *stream.p++;
        uint32_t remaining = mqtt_varint(&stream);
        if (!stream.ok || header >> 4 == 0)
            return;
        mqtt_reader packet = {stream.p, stream.p + remaining, true};
        if (remaining > (size_t)(stream.end - stream.p))
            packet.end = stream.end; /* truncated: decode what is there */
        if (header >> 4 == MQTT_CONNECT)
            mqtt_connect(cx, &packet);
        else if (header >> 4 == MQTT_PUBLISH)
            mqtt_publish(cx, &packet, header, level);
        stream.p = packet.end;
    }
}

/* A CONNECT naming "MQTT" or "MQIsdp", or (for the other direction) a CONNACK 0x20 0x02/0x03. */
static int mqtt_probe_bytes(const uint8_t *d, size_t len)
{
    if (len >= 10 && d[0] == 0x10) {
        mqtt_reader r = {d + 1, d + len, true};
        mqtt_varint(&r);
        size_t n;
        const uint8_t *name = r.ok ? mqtt_string(&r, &n) : NULL;
        if (name && ((n == 4 && memcmp(name, "MQTT", 4) == 0) || (n == 6 && memcmp(name, "MQIsdp", 6) == 0)))
            return 95;
    }
    return len >= 4 && d[0] == 0x20 && (d[1] == 2 || d[1] == 3) && d[2] <= 1 ? 40 : 0;
}

static int mqtt_probe(const inspect_input *in)
{
    int score = mqtt_probe_bytes(in->data, in->len);
    int peer = in->peer ? mqtt_probe_bytes(in->peer, in->peer_len) : 0;
    score = score > peer ? score : peer;
    bool port = in->responder_port == 1883 || in->initiator_port == 1883;
    return score && port ? score + 5 : score;
}

const inspect_decoder inspect_decoder_mqtt = {"MQTT", mqtt_probe, mqtt_decode};
