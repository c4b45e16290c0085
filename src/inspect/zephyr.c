/* zephyr.c — Zephyr decoder (MIT's notification and chat system; UDP, ports 2102–2104): one
 * ZNotice a datagram. The header is NUL-terminated ASCII fields: the version ("ZEPH0.2"), the
 * number of header fields (hex, counting the version and itself), the kind, uid, port,
 * authentication fields, then class, instance, opcode, sender, recipient, the default format,
 * the checksum, the multi-notice fields and whatever newer versions added — the count says
 * where the header ends. The body is NUL-separated fields too: zwrite sends the signature
 * (the sender's name) then the text; a body of one field is the text alone. A notice of kind
 * UNSAFE, UNACKED or ACKED in a class people write in gives the sender, recipient, instance
 * and signature as FIELDs and the text as a MESSAGE unit "zephyr" of the same object. Acks,
 * control classes (subscriptions, locations, logins: their bodies are lists, not words) and
 * PINGs are recognised and left out. Owns nothing; never reads past the datagram. */
#include "decoders.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ZEPHYR_PROTO "zephyr"
#define ZEPHYR_VERSION "ZEPH0."
#define ZEPHYR_MIN_FIELDS 14   /* up to the checksum (the oldest clients) */
#define ZEPHYR_MAX_FIELDS 64
enum { ZEPHYR_ACKED = 2 }; /* kinds UNSAFE 0, UNACKED 1, ACKED 2 carry notices; the rest are acks */
enum { ZEPHYR_KIND = 2, ZEPHYR_CLASS = 8, ZEPHYR_INSTANCE, ZEPHYR_OPCODE, ZEPHYR_SENDER, ZEPHYR_RECIPIENT };

typedef struct zephyr_field {
    const uint8_t *p;
    size_t len;
} zephyr_field;

typedef struct zephyr_notice {
    zephyr_field header[ZEPHYR_MAX_FIELDS];
    const uint8_t *body;
    size_t body_len;
} zephyr_notice;

/* The NUL-terminated field at *p (the last may end with the datagram); false at the end. */
static bool zephyr_next(const uint8_t **p, const uint8_t *end, zephyr_field *f)
{
    if (*p >= end)
        return false;
    const uint8_t *nul = memchr(*p, 0, (size_t)(end - *p));
    f->p = *p;
    f->len = (size_t)((nul != NULL ? nul : end) - *p);
    *p = nul != NULL ? nul + 1 : end;
    return true;
}

/* A header field "0x…" as a number; false when it is not one. */
static bool zephyr_hex(const zephyr_field *f, unsigned long *v)
{
    char digits[11], *rest;
    if (f->len < 3 || f->len > 10 || f->p[0] != '0' || (f->p[1] | 0x20) != 'x')
        return false;
    memcpy(digits, f->p + 2, f->len - 2);
    digits[f->len - 2] = '\0';
    *v = strtoul(digits, &rest, 16);
    return *rest == '\0';
}

static bool zephyr_parse(const uint8_t *d, size_t len, zephyr_notice *z)
{
    const uint8_t *p = d, *end = d + len;
    unsigned long n;
    if (len < 16 || memcmp(d, ZEPHYR_VERSION, strlen(ZEPHYR_VERSION)) != 0 || !zephyr_next(&p, end, &z->header[0]) ||
        !zephyr_next(&p, end, &z->header[1]) || !zephyr_hex(&z->header[1], &n) || n < ZEPHYR_MIN_FIELDS ||
        n > ZEPHYR_MAX_FIELDS)
        return false;
    for (unsigned long i = 2; i < n; i++)
        if (!zephyr_next(&p, end, &z->header[i]))
            return false;
    z->body = p;
    z->body_len = (size_t)(end - p);
    return true;
}

/* A class people write in: not the servers' and clients' control traffic. */
static bool zephyr_is_chat(const zephyr_notice *z)
{
    static const char *const control[] = {"ZEPHYR_CTL", "ZEPHYR_ADMIN", "HM_CTL", "HM_STAT", "WG_CTL", "USER_LOCATE",
                                          "USER_HIDE", "LOGIN"};
    const zephyr_field *class = &z->header[ZEPHYR_CLASS], *opcode = &z->header[ZEPHYR_OPCODE];
    unsigned long kind;
    if (!zephyr_hex(&z->header[ZEPHYR_KIND], &kind) || kind > ZEPHYR_ACKED || (opcode->len == 4 && strncasecmp((const char *)opcode->p, "PING", 4) == 0))
        return false;
    for (size_t i = 0; i < LW_ARRAY_LEN(control); i++)
        if (class->len == strlen(control[i]) && strncasecmp((const char *)class->p, control[i], class->len) == 0)
            return false;
    return true;
}

static int zephyr_probe(const inspect_input *in)
{
    zephyr_notice z;
    if (!in->is_datagram || !zephyr_parse(in->data, in->len, &z))
        return 0;
    bool port = (in->initiator_port >= 2102 && in->initiator_port <= 2104) ||
                (in->responder_port >= 2102 && in->responder_port <= 2104);
    return port ? 85 : 65;
}

static void zephyr_emit(inspect_ctx *cx, const char *field, const zephyr_field *f, uint16_t object)
{
    if (f->len > 0)
        inspect_emit(cx, LW_UNIT_FIELD, ZEPHYR_PROTO, field, f->p, f->len, 0, object);
}

static void zephyr_decode(inspect_ctx *cx, const inspect_input *in)
{
    zephyr_notice z;
    if (!zephyr_parse(in->data, in->len, &z))
        return;
    inspect_recognised(cx);
    if (!zephyr_is_chat(&z) || z.body_len == 0)
        return;
    zephyr_field first = {NULL, 0}, text = {NULL, 0}, signature = {NULL, 0};
    const uint8_t *p = z.body, *end = z.body + z.body_len;
    zephyr_next(&p, end, &first);
    if (p < end) { /* the signature, then the text up to its NUL */
        signature = first;
        zephyr_next(&p, end, &text);
    } else {
        text = first;
    }
    uint16_t object = inspect_new_object(cx);
    zephyr_emit(cx, "sender", &z.header[ZEPHYR_SENDER], object);
    zephyr_emit(cx, "recipient", &z.header[ZEPHYR_RECIPIENT], object);
    zephyr_emit(cx, "instance", &z.header[ZEPHYR_INSTANCE], object);
    zephyr_emit(cx, "signature", &signature, object);
    if (text.len > 0)
        inspect_emit(cx, LW_UNIT_MESSAGE, ZEPHYR_PROTO, "zephyr", text.p, text.len, 0, object);
}

const inspect_decoder inspect_decoder_zephyr = {"Zephyr", zephyr_probe, zephyr_decode};
