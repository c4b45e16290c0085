/* smpp.c — SMPP 3.4/5.0 decoder: the protocol of SMS gateways (a device or an application
 * handing SMS to an SMSC, the SMSC delivering them back). A stream of PDUs, each a 16-byte
 * header (length, command id, status, sequence) and a body. submit_sm and deliver_sm carry the
 * text as short_message, data_sm (and long texts) as the message_payload TLV; data_coding says
 * how it is written: GSM default or IA5 as ASCII, Latin-1, UCS-2 (UTF-16BE). Emits the addresses
 * as FIELDs (source_addr, destination_addr) and the text as a MESSAGE unit of the same object,
 * converted to UTF-8. A user data header (esm_class UDHI) is skipped; delivery receipts
 * (esm_class 0x04/0x08: "id:… stat:DELIVRD") are an SMSC's, not a person's, and binary codings
 * (2, 4) are no text. Binds and the rest are recognised and left out (a bind carries a password).
 * Owns nothing; converted text goes to the run's arena. Never reads past the stream. */
#include "framework.h"
#include "text.h"

#include <string.h>

#define SMPP_PROTO "smpp"
#define SMPP_HEADER 16
#define SMPP_MAX_PDU 65536
enum {
    SMPP_SUBMIT_SM = 0x04, SMPP_DELIVER_SM = 0x05, SMPP_DATA_SM = 0x103,
    SMPP_TLV_MESSAGE_PAYLOAD = 0x0424,
    SMPP_ESM_RECEIPT = 0x3c, SMPP_ESM_UDHI = 0x40,
    SMPP_CODING_LATIN1 = 3, SMPP_CODING_UCS2 = 8,
};

static uint32_t smpp_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A command id SMPP defines (a response has the top bit set). */
static bool smpp_is_command(uint32_t id)
{
    uint32_t c = id & 0x7fffffffu;
    return (c >= 0x01 && c <= 0x09) || c == 0x0b || c == 0x15 || c == 0x21 || c == 0x102 ||
           c == 0x103 || c == 0x111 || c == 0x112 || c == 0x113 || (c == 0 && id == 0x80000000u);
}

typedef struct smpp_cursor {
    const uint8_t *p, *end;
} smpp_cursor;

/* A NUL-terminated field of at most `max` bytes; NULL when it runs past the PDU. */
static const uint8_t *smpp_cstring(smpp_cursor *c, size_t max, size_t *len)
{
    const uint8_t *nul = memchr(c->p, 0, (size_t)(c->end - c->p) < max + 1 ? (size_t)(c->end - c->p) : max + 1);
    if (nul == NULL)
        return NULL;
    const uint8_t *s = c->p;
    *len = (size_t)(nul - s);
    c->p = nul + 1;
    return s;
}

static bool smpp_skip(smpp_cursor *c, size_t n)
{
    if ((size_t)(c->end - c->p) < n)
        return false;
    c->p += n;
    return true;
}

/* The text in its data coding, as UTF-8 in the arena (ASCII codings as they are). */
static void smpp_emit_text(inspect_ctx *cx, const uint8_t *s, size_t len, uint8_t coding, uint16_t object)
{
    if (len == 0 || coding == 2 || coding == 4)
        return;
    if (coding != SMPP_CODING_LATIN1 && coding != SMPP_CODING_UCS2) {
        inspect_emit(cx, LW_UNIT_MESSAGE, SMPP_PROTO, "short_message", s, len, 0, object);
        return;
    }
    uint8_t *out = inspect_alloc(cx, len * 2 + 4);
    size_t o = 0;
    for (size_t i = 0; out != NULL && i < len;) {
        uint32_t cp = s[i];
        size_t n = coding == SMPP_CODING_UCS2 ? text_utf16_next(s + i, len - i, true, &cp) : 1;
        if (n > 0)
            o += text_put_utf8(out + o, cp);
        i += n ? n : 2;
    }
    if (out == NULL)
        return;
    inspect_trim(cx, out, o);
    if (o > 0)
        inspect_emit(cx, LW_UNIT_MESSAGE, SMPP_PROTO, "short_message", out, o, 0, object);
}

/* The message_payload TLV among the optional parameters; NULL when absent. */
static const uint8_t *smpp_payload_tlv(smpp_cursor c, size_t *len)
{
    while (c.end - c.p >= 4) {
        uint16_t tag = (uint16_t)(c.p[0] << 8 | c.p[1]), n = (uint16_t)(c.p[2] << 8 | c.p[3]);
        if (n > c.end - c.p - 4)
            return NULL;
        if (tag == SMPP_TLV_MESSAGE_PAYLOAD) {
            *len = n;
            return c.p + 4;
        }
        c.p += 4 + n;
    }
    return NULL;
}

/* submit_sm, deliver_sm, data_sm: the addresses and the text. False when the body is malformed. */
static bool smpp_message(inspect_ctx *cx, uint32_t command, const uint8_t *body, const uint8_t *end)
{
    smpp_cursor c = {body, end};
    size_t n, from_len, to_len;
    const uint8_t *from, *to;
    if (!smpp_cstring(&c, 5, &n) || !smpp_skip(&c, 2) || !(from = smpp_cstring(&c, 64, &from_len)) ||
        !smpp_skip(&c, 2) || !(to = smpp_cstring(&c, 64, &to_len)) || c.p >= c.end)
        return false;
    uint8_t esm = *c.p++, coding;
    const uint8_t *text = NULL;
    size_t text_len = 0;
    if (command == SMPP_DATA_SM) {
        if (!smpp_skip(&c, 1) || c.p >= c.end)
            return false;
        coding = *c.p++;
    } else {
        if (!smpp_skip(&c, 2) || !smpp_cstring(&c, 16, &n) || !smpp_cstring(&c, 16, &n) || !smpp_skip(&c, 2) ||
            c.end - c.p < 3)
            return false;
        coding = c.p[0];
        text_len = c.p[2];
        text = c.p + 3;
        if (text_len > (size_t)(c.end - text))
            return false;
        c.p = text + text_len;
    }
    if (text_len == 0)
        text = smpp_payload_tlv(c, &text_len);
    uint16_t object = inspect_new_object(cx);
    if (from_len > 0)
        inspect_emit(cx, LW_UNIT_FIELD, SMPP_PROTO, "source_addr", from, from_len, 0, object);
    if (to_len > 0)
        inspect_emit(cx, LW_UNIT_FIELD, SMPP_PROTO, "destination_addr", to, to_len, 0, object);
    if (text == NULL || (command == SMPP_DELIVER_SM && (esm & SMPP_ESM_RECEIPT)))
        return true;
    if ((esm & SMPP_ESM_UDHI) && text_len > 0) { /* a user data header: its length, then itself */
        size_t udh = (size_t)text[0] + 1;
        if (udh > text_len)
            return true;
        text += udh;
        text_len -= udh;
    }
    smpp_emit_text(cx, text, text_len, coding, object);
    return true;
}

/* PDUs that follow each other from the start, each whole, with a known command id (requests
 * with status 0): two of them outweigh other 4-byte-length framings (Kafka's). */
static int smpp_probe(const inspect_input *in)
{
    if (in->is_datagram || in->len < SMPP_HEADER)
        return 0;
    size_t pdus = 0;
    for (const uint8_t *p = in->data, *end = in->data + in->len; end - p >= SMPP_HEADER && pdus < 2;) {
        uint32_t len = smpp_u32(p), id = smpp_u32(p + 4);
        if (len < SMPP_HEADER || len > SMPP_MAX_PDU || !smpp_is_command(id) || (!(id & 0x80000000u) && smpp_u32(p + 8)))
            break;
        pdus++;
        if (len > (size_t)(end - p))
            break; /* cut by the capture: counts, but nothing follows to check */
        p += len;
    }
    if (pdus == 0)
        return 0;
    if (in->initiator_port == 2775 || in->responder_port == 2775)
        return 80;
    return pdus >= 2 ? 78 : 50;
}

static void smpp_decode(inspect_ctx *cx, const inspect_input *in)
{
    const uint8_t *p = in->data, *end = in->data + in->len;
    while (end - p >= SMPP_HEADER && !inspect_full(cx)) {
        uint32_t len = smpp_u32(p), id = smpp_u32(p + 4);
        if (len < SMPP_HEADER || len > (size_t)(end - p) || !smpp_is_command(id))
            return; /* cut by the capture, or not SMPP from here on */
        if (id == SMPP_SUBMIT_SM || id == SMPP_DELIVER_SM || id == SMPP_DATA_SM)
            smpp_message(cx, id, p + SMPP_HEADER, p + len);
        inspect_recognised(cx);
        p += len;
    }
}

const inspect_decoder inspect_decoder_smpp = {"SMPP", smpp_probe, smpp_decode};
