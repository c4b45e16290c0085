/* coap.c — CoAP (RFC 7252) decoder for UDP datagrams: the 4-byte header (version 1, type,
 * token length, code, message id), the token, the options (delta and length nibbles with their
 * 1- and 2-byte extensions, every length checked) and the payload after the 0xFF marker.
 * A request gives ":method" and ":path" (the Uri-Path segments joined, as HTTP's start line,
 * so the message features read the path the same way); a response gives ":status". The
 * payload goes to inspect_content by its Content-Format (text, JSON, CBOR, other binary).
 * Owns nothing; never reads past the datagram. */
#include "framework.h"

#include <stdio.h>
#include <string.h>

#define COAP_PROTO "coap"
#define COAP_PATH_BYTES 256
enum { COAP_URI_PATH = 11, COAP_CONTENT_FORMAT = 12, COAP_PAYLOAD_MARKER = 0xff };

typedef struct coap_message {
    uint8_t code;                    /* class << 5 | detail */
    const uint8_t *payload;
    size_t payload_len;
    const uint8_t *path[16];         /* Uri-Path segments */
    size_t path_len[16];
    unsigned n_path;
    int content_format;              /* -1: none */
} coap_message;

/* An option nibble's value with its extension bytes; -1 when impossible or past the end. */
static long coap_extended(unsigned nibble, const uint8_t **p, const uint8_t *end)
{
    if (nibble < 13)
        return nibble;
    if (nibble == 13 && end - *p >= 1)
        return 13 + *(*p)++;
    if (nibble == 14 && end - *p >= 2) {
        long v = 269 + ((long)(*p)[0] << 8 | (*p)[1]);
        *p += 2;
        return v;
    }
    return -1;
}

static bool coap_parse(const uint8_t *d, size_t len, coap_message *m)
{
    memset(m, 0, sizeof *m);
    m->content_format = -1;
    if (len < 4 || d[0] >> 6 != 1 || (d[0] & 0x0f) > 8 || (size_t)(4 + (d[0] & 0x0f)) > len)
        return false;
    m->code = d[1];
    unsigned cls = m->code >> 5, detail = m->code & 0x1f;
    if (!((cls == 0 && detail >= 1 && detail <= 7) || cls == 2 || cls == 4 || cls == 5))
        return false;
    const uint8_t *p = d + 4 + (d[0] & 0x0f), *end = d + len;
    long number = 0;
    while (p < end && *p != COAP_PAYLOAD_MARKER) {
        uint8_t head = *p++;
        long delta = coap_extended(head >> 4, &p, end), length = coap_extended(head & 0x0f, &p, end);
        if (delta < 0 || length < 0 || length > end - p)
            return false;
        number += delta;
        if (number == COAP_URI_PATH && m->n_path < 16) {
            m->path[m->n_path] = p;
            m->path_len[m->n_path++] = (size_t)length;
        } else if (number == COAP_CONTENT_FORMAT && length <= 2) {
            m->content_format = length == 0 ? 0 : length == 1 ? p[0] : (p[0] << 8 | p[1]);
        }
        p += length;
    }
    if (p < end) { /* the marker: a payload must follow it */
        if (++p == end)
            return false;
        m->payload = p;
        m->payload_len = (size_t)(end - p);
    }
    return true;
}

static int coap_probe(const inspect_input *in)
{
    coap_message m;
    if (!in->is_datagram || !coap_parse(in->data, in->len, &m))
        return 0;
    bool port = in->initiator_port == 5683 || in->responder_port == 5683;
    return port ? 70 : m.n_path > 0 && m.payload != NULL ? 40 : 0;
}

static const char *coap_content_type(int format)
{
    switch (format) {
    case 0: return "text/plain";
    case 41: return "application/xml";
    case 50: return "application/json";
    default: return NULL; /* CBOR (60), octet-stream (42) …: sniffed */
    }
}

static void coap_decode(inspect_ctx *cx, const inspect_input *in)
{
    coap_message m;
    if (!coap_parse(in->data, in->len, &m))
        return;
    static const char *const methods[] = {"", "GET", "POST", "PUT", "DELETE", "FETCH", "PATCH", "iPATCH"};
    if (m.code >> 5 == 0) {
        const char *method = methods[m.code & 0x1f];
        inspect_emit(cx, LW_UNIT_FIELD, COAP_PROTO, ":method", (const uint8_t *)method, strlen(method), 0, 0);
        uint8_t *path = inspect_alloc(cx, COAP_PATH_BYTES);
        size_t n = 0;
        for (unsigned i = 0; path != NULL && i < m.n_path && n + 1 + m.path_len[i] <= COAP_PATH_BYTES; i++) {
            path[n++] = '/';
            memcpy(path + n, m.path[i], m.path_len[i]);
            n += m.path_len[i];
        }
        if (path != NULL)
            inspect_trim(cx, path, n);
        if (path != NULL && n > 0)
            inspect_emit(cx, LW_UNIT_FIELD, COAP_PROTO, ":path", path, n, 0, 0);
    } else {
        char status[8];
        int n = snprintf(status, sizeof status, "%u.%02u", m.code >> 5, m.code & 0x1f);
        uint8_t *copy = inspect_alloc(cx, (size_t)n);
        if (copy != NULL) {
            memcpy(copy, status, (size_t)n);
            inspect_emit(cx, LW_UNIT_FIELD, COAP_PROTO, ":status", copy, (size_t)n, 0, 0);
        }
    }
    if (m.payload != NULL)
        inspect_content(cx, COAP_PROTO, "payload", LW_UNIT_BODY, m.payload, m.payload_len, 0,
                        coap_content_type(m.content_format));
}

const inspect_decoder inspect_decoder_coap = {"CoAP", coap_probe, coap_decode};
