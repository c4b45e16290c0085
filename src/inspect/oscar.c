/* oscar.c — OSCAR decoder (AIM and ICQ, port 5190 and revivals of it): a stream of FLAP frames
 * ('*', channel, sequence, length); channel 2 frames hold a SNAC (family, subtype, flags,
 * request id). An instant message is ICBM (family 4): subtype 6 from the client, 7 to it, an
 * 8-byte cookie, the ICBM channel, the buddy's screen name, and TLVs; the incoming one also
 * carries the sender's user-info TLVs first. Channel 1 text sits in TLV 2 as fragments: id 1
 * is the text (charset 0 ASCII, 2 UCS-2BE, 3 Latin-1), often wrapped in AIM's HTML. Emits the
 * buddy as a FIELD "screenname" and the text, AIM's HTML dropped, as a MESSAGE unit "icbm" of the
 * same object. Sign-on, rate and buddy-list traffic is recognised and left out. TOC, AOL's text
 * protocol in the same frames: the client's toc_send_im / toc2_send_im / toc_chat_send (the
 * message quoted, backslash escapes) and the server's IM_IN, IM_IN2, CHAT_IN (the message last,
 * after the colon-separated fields) give the buddy or room as "screenname" and the message, HTML
 * dropped, as "im"; the other TOC commands are recognised and left out.
 * Owns nothing; converted text goes to the run's arena. Never reads past the stream. */
#include "framework.h"
#include "text.h"

#include <string.h>

#define OSCAR_PROTO "oscar"
#define OSCAR_FLAP 6
enum { OSCAR_FAMILY_ICBM = 4, OSCAR_ICBM_SEND = 6, OSCAR_ICBM_INCOMING = 7, OSCAR_TLV_MESSAGE = 2,
       OSCAR_FRAGMENT_TEXT = 1, OSCAR_UCS2 = 2, OSCAR_LATIN1 = 3 };

static uint16_t oscar_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* The TLV of this type in [p, end); NULL when absent or cut. */
static const uint8_t *oscar_tlv(const uint8_t *p, const uint8_t *end, uint16_t type, size_t *len)
{
    while (end - p >= 4) {
        size_t n = oscar_u16(p + 2);
        if (n > (size_t)(end - p - 4))
            return NULL;
        if (oscar_u16(p) == type) {
            *len = n;
            return p + 4;
        }
        p += 4 + n;
    }
    return NULL;
}

/* Channel 1 text: the fragments of TLV 2, the text one converted to UTF-8. */
static void oscar_text(inspect_ctx *cx, const uint8_t *p, const uint8_t *end, uint16_t object)
{
    while (end - p >= 4) {
        size_t n = oscar_u16(p + 2);
        if (n > (size_t)(end - p - 4))
            return;
        if (p[0] == OSCAR_FRAGMENT_TEXT && n >= 4) {
            uint16_t charset = oscar_u16(p + 4);
            const char *name = charset == OSCAR_UCS2 ? "UTF-16BE" : charset == OSCAR_LATIN1 ? "ISO-8859-1" : NULL;
            size_t len, visible_len;
            const uint8_t *text = inspect_to_utf8(cx, name, p + 8, n - 4, &len);
            const uint8_t *visible = inspect_visible_text(cx, text, len, &visible_len);
            if (visible != NULL)
                text = visible, len = visible_len;
            if (len > 0)
                inspect_emit(cx, LW_UNIT_MESSAGE, OSCAR_PROTO, "icbm", text, len, 0, object);
        }
        p += 4 + n;
    }
}

/* An ICBM send (6) or incoming (7) SNAC body. */
static void oscar_icbm(inspect_ctx *cx, uint16_t subtype, const uint8_t *p, const uint8_t *end)
{
    if (end - p < 11 || oscar_u16(p + 8) != 1) /* cookie, channel 1 (plain text) */
        return;
    p += 10;
    size_t name_len = *p++;
    if (name_len > (size_t)(end - p))
        return;
    const uint8_t *name = p;
    p += name_len;
    if (subtype == OSCAR_ICBM_INCOMING) { /* warning level, then the sender's user-info TLVs */
        if (end - p < 4)
            return;
        unsigned count = oscar_u16(p + 2);
        p += 4;
        for (unsigned i = 0; i < count && end - p >= 4; i++) {
            size_t n = oscar_u16(p + 2);
            if (n > (size_t)(end - p - 4))
                return;
            p += 4 + n;
        }
    }
    size_t len;
    const uint8_t *message = oscar_tlv(p, end, OSCAR_TLV_MESSAGE, &len);
    uint16_t object = inspect_new_object(cx);
    if (name_len > 0)
        inspect_emit(cx, LW_UNIT_FIELD, OSCAR_PROTO, "screenname", name, name_len, 0, object);
    if (message != NULL)
        oscar_text(cx, message, message + len, object);
}

/* A TOC message as a unit of proto "toc": its HTML dropped. */
static void oscar_toc_message(inspect_ctx *cx, const uint8_t *who, size_t who_len, const uint8_t *text, size_t len)
{
    uint16_t object = inspect_new_object(cx);
    size_t visible_len;
    const uint8_t *visible = inspect_visible_text(cx, text, len, &visible_len);
    if (visible != NULL)
        text = visible, len = visible_len;
    if (who_len > 0)
        inspect_emit(cx, LW_UNIT_FIELD, "toc", "screenname", who, who_len, 0, object);
    if (len > 0)
        inspect_emit(cx, LW_UNIT_MESSAGE, "toc", "im", text, len, 0, object);
}

/* The client's "toc_send_im <buddy> \"<message>\"": the buddy, and the message unquoted. */
static void oscar_toc_send(inspect_ctx *cx, const uint8_t *p, const uint8_t *end)
{
    const uint8_t *who = p, *space = memchr(p, ' ', (size_t)(end - p));
    if (space == NULL || space + 1 >= end || space[1] != '"')
        return;
    size_t n = 0;
    uint8_t *text = inspect_alloc(cx, (size_t)(end - space));
    if (text == NULL)
        return;
    for (const uint8_t *q = space + 2; q < end && *q != '"'; q++)
        text[n++] = *q == '\\' && q + 1 < end ? *++q : *q;
    oscar_toc_message(cx, who, (size_t)(space - who), text, n);
}

/* The start of field `skip` (0-based) of a colon-separated server command, NULL when short. */
static const uint8_t *oscar_toc_field(const uint8_t *p, const uint8_t *end, int skip)
{
    for (; skip > 0 && p != NULL; skip--) {
        p = memchr(p, ':', (size_t)(end - p));
        p = p != NULL ? p + 1 : NULL;
    }
    return p;
}

/* One TOC command (a channel 2 frame's text, its NUL dropped). */
static void oscar_toc(inspect_ctx *cx, const uint8_t *p, size_t n)
{
    static const struct {
        const char *verb;
        int who, text; /* fields: of the buddy or room, where the message starts (-1: quoted) */
    } commands[] = {{"toc_send_im ", 0, -1}, {"toc2_send_im ", 0, -1}, {"toc_chat_send ", 0, -1},
                    {"IM_IN:", 1, 3}, {"IM_IN2:", 1, 4}, {"CHAT_IN:", 2, 4}};
    while (n > 0 && p[n - 1] == '\0')
        n--;
    const uint8_t *end = p + n;
    for (size_t i = 0; i < LW_ARRAY_LEN(commands); i++) {
        size_t verb = strlen(commands[i].verb);
        if (n <= verb || memcmp(p, commands[i].verb, verb) != 0)
            continue;
        if (commands[i].text < 0) {
            oscar_toc_send(cx, p + verb, end);
            return;
        }
        const uint8_t *who = oscar_toc_field(p, end, commands[i].who), *text = oscar_toc_field(p, end, commands[i].text);
        const uint8_t *who_end = who != NULL ? memchr(who, ':', (size_t)(end - who)) : NULL;
        if (text != NULL && who_end != NULL)
            oscar_toc_message(cx, who, (size_t)(who_end - who), text, (size_t)(end - text));
        return;
    }
}

static bool oscar_is_flap(const uint8_t *p, size_t len)
{
    return len >= OSCAR_FLAP && p[0] == '*' && p[1] >= 1 && p[1] <= 5;
}

static int oscar_probe(const inspect_input *in)
{
    if (in->is_datagram || !oscar_is_flap(in->data, in->len))
        return 0;
    size_t first = OSCAR_FLAP + oscar_u16(in->data + 4);
    bool whole = first == in->len || (first < in->len && oscar_is_flap(in->data + first, in->len - first));
    bool port = in->initiator_port == 5190 || in->responder_port == 5190;
    return whole ? (port ? 80 : 50) : port && first > in->len ? 40 : 0;
}

static void oscar_decode(inspect_ctx *cx, const inspect_input *in)
{
    const uint8_t *p = in->data, *end = in->data + in->len;
    while (end - p >= OSCAR_FLAP && oscar_is_flap(p, (size_t)(end - p)) && !inspect_full(cx)) {
        size_t n = oscar_u16(p + 4);
        if (n > (size_t)(end - p - OSCAR_FLAP))
            return; /* cut by the capture */
        const uint8_t *data = p + OSCAR_FLAP, *body = data + 10;
        if (p[1] == 2 && n >= 10 && (oscar_u16(data + 4) & 0x8000)) /* a length-prefixed extra before the body */
            body = n >= 12 && (size_t)oscar_u16(data + 10) + 12 <= n ? body + 2 + oscar_u16(data + 10) : data + n;
        if (p[1] == 2 && n > 0 && ((data[0] | 0x20) >= 'a' && (data[0] | 0x20) <= 'z'))
            oscar_toc(cx, data, n); /* TOC: the same frames, ASCII commands in them */
        else if (p[1] == 2 && n >= 10 && oscar_u16(data) == OSCAR_FAMILY_ICBM &&
            (oscar_u16(data + 2) == OSCAR_ICBM_SEND || oscar_u16(data + 2) == OSCAR_ICBM_INCOMING))
            oscar_icbm(cx, oscar_u16(data + 2), body, data + n);
        inspect_recognised(cx);
        p = data + n;
    }
}

const inspect_decoder inspect_decoder_oscar = {"OSCAR", oscar_probe, oscar_decode};
