/* xmpp.c — XMPP decoder (RFC 6120/6121) over the XML stream: each <message> stanza gives
 * FIELD units for its from/to/type attributes and <subject>, and a LW_UNIT_MESSAGE unit for
 * <body> text (chat, groupchat/MUC, normal), XML entities decoded into the arena. Chat-state
 * notifications (<composing/>, <active/>) carry no body and yield no message. A client's
 * <starttls/> (and the server's <proceed/>) ends decoding: TLS follows. The same stanzas in an
 * HTTP body (BOSH) or a WebSocket message (RFC 7395) are decoded for content.c.
 * Owns nothing; never reads past the input. Not a full XML parser: tolerant of truncation. */
#include "decoders.h"

#include <stdio.h>
#include <string.h>

#define XMPP_PROTO "xmpp"

static const uint8_t *xmpp_find(const uint8_t *p, const uint8_t *end, const char *s)
{
    size_t n = strlen(s);
    return p < end ? memmem(p, (size_t)(end - p), s, n) : NULL;
}

/* Start of the next "<name" followed by a blank, '>' or '/', or NULL. */
static bool xmpp_tag_ends(const uint8_t *after, const uint8_t *end)
{
    return after < end && (*after == ' ' || *after == '>' || *after == '/' || *after == '\t' || *after == '\n');
}

static bool xmpp_is_name_char(uint8_t c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* The '<' of the next start tag (closing: end tag) whose local name is `local`, with or without
 * a namespace prefix ("<message", "<srv:message", "</srv:body>"), or NULL. */
static const uint8_t *xmpp_find_element(const uint8_t *p, const uint8_t *end, const char *local, bool closing)
{
    size_t n = strlen(local);
    for (const uint8_t *t = xmpp_find(p, end, local); t; t = xmpp_find(t + 1, end, local)) {
        if (closing ? !(t + n < end && t[n] == '>') : !xmpp_tag_ends(t + n, end))
            continue;
        const uint8_t *q = t;
        if (q > p && q[-1] == ':') /* a prefix: name characters back to the bracket */
            for (q--; q > p && xmpp_is_name_char(q[-1]); q--)
                ;
        if (closing && q - 1 > p && q[-1] == '/' && q[-2] == '<')
            return q - 2;
        if (!closing && q > p && q[-1] == '<')
            return q - 1;
    }
    return NULL;
}

static const uint8_t *xmpp_find_tag(const uint8_t *p, const uint8_t *end, const char *name)
{
    return xmpp_find_element(p, end, name + 1, false);
}

/* The element `name` opens right at p (a stanza first: a stream picked up mid-way). */
static bool xmpp_starts_with_tag(const uint8_t *p, const uint8_t *end, const char *name)
{
    size_t n = strlen(name);
    return (size_t)(end - p) > n && memcmp(p, name, n) == 0 && xmpp_tag_ends(p + n, end);
}

static size_t xmpp_utf8_put(uint8_t *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xc0 | (cp >> 6));
        out[1] = (uint8_t)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xe0 | (cp >> 12));
        out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (uint8_t)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (uint8_t)(0xf0 | (cp >> 18));
    out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (uint8_t)(0x80 | (cp & 0x3f));
    return 4;
}

/* Decode the entity at p (p[0] == '&'); returns bytes consumed, 0 when not an entity. */
static size_t xmpp_entity(const uint8_t *p, const uint8_t *end, uint8_t *out, size_t *out_len)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
    size_t avail = (size_t)(end - p);
    for (size_t i = 0; i < LW_ARRAY_LEN(named); i++) {
        size_t n = strlen(named[i].name);
        if (avail >= n && memcmp(p, named[i].name, n) == 0) {
            out[0] = (uint8_t)named[i].c;
            *out_len = 1;
            return n;
        }
    }
    if (avail < 4 || p[1] != '#')
        return 0;
    bool hex = p[2] == 'x' || p[2] == 'X';
    uint32_t cp = 0;
    size_t i = hex ? 3 : 2;
    for (; i < avail && i < 12 && p[i] != ';'; i++) {
        int digit = p[i] >= '0' && p[i] <= '9' ? p[i] - '0'
                    : hex && (p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f' ? (p[i] | 0x20) - 'a' + 10 : -1;
        if (digit < 0)
            return 0;
        cp = cp * (hex ? 16 : 10) + (uint32_t)digit;
    }
    if (i >= avail || p[i] != ';' || cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    *out_len = xmpp_utf8_put(out, cp);
    return i + 1;
}

/* Text with entities decoded into the arena (the result is never longer than the source). */
static void xmpp_emit_text(inspect_ctx *cx, inspect_unit_kind kind, const char *field, const uint8_t *p,
                           const uint8_t *end, uint16_t object)
{
    size_t cap = (size_t)(end - p), len = 0;
    uint8_t *out = cap ? inspect_alloc(cx, cap) : NULL;
    if (!out)
        return;
    while (p < end) {
        size_t n = 0, used = *p == '&' ? xmpp_entity(p, end, out + len, &n) : 0;
        if (used) {
            len += n;
            p += used;
        } else
            out[len++] = *p++;
    }
    if (len)
        inspect_emit(cx, kind, XMPP_PROTO, field, out, len, 0, object);
}

/* The text content of <name …>text</name> inside [p, end): up to the close tag or the end. */
static bool xmpp_element_text(const uint8_t *p, const uint8_t *end, const char *name, const uint8_t **text,
                              const uint8_t **text_end)
{
    const uint8_t *open = xmpp_find_tag(p, end, name);
    if (!open)
        return false;
    const uint8_t *gt = memchr(open, '>', (size_t)(end - open));
    if (!gt || gt[-1] == '/')
        return false;
    *text = gt + 1;
    *text_end = xmpp_find_element(*text, end, name + 1, true);
    if (!*text_end)
        *text_end = end;
    return *text_end > *text;
}

/* The value of attribute `name` ("from", "to", "type") in the start tag [p, gt). */
static void xmpp_attribute(inspect_ctx *cx, const uint8_t *p, const uint8_t *gt, const char *name, uint16_t object)
{
    char key[16];
    snprintf(key, sizeof key, " %s=", name);
    const uint8_t *a = xmpp_find(p, gt, key);
    if (!a || a + strlen(key) >= gt)
        return;
    const uint8_t *v = a + strlen(key);
    uint8_t quote = *v++;
    const uint8_t *ve = (quote == '\'' || quote == '"') ? memchr(v, quote, (size_t)(gt - v)) : NULL;
    if (ve)
        inspect_emit(cx, LW_UNIT_FIELD, XMPP_PROTO, name, v, (size_t)(ve - v), 0, object);
}

static void xmpp_stanza(inspect_ctx *cx, const uint8_t *p, const uint8_t *end)
{
    const uint8_t *gt = memchr(p, '>', (size_t)(end - p)), *text, *text_end;
    if (!gt)
        return;
    uint16_t object = inspect_new_object(cx);
    xmpp_attribute(cx, p, gt, "from", object);
    xmpp_attribute(cx, p, gt, "to", object);
    xmpp_attribute(cx, p, gt, "type", object);
    if (gt[-1] == '/')
        return;
    if (xmpp_element_text(gt, end, "<subject", &text, &text_end))
        xmpp_emit_text(cx, LW_UNIT_FIELD, "subject", text, text_end, object);
    if (xmpp_element_text(gt, end, "<body", &text, &text_end))
        xmpp_emit_text(cx, LW_UNIT_MESSAGE, "body", text, text_end, object);
}

/* Where the cleartext ends: at <starttls (client) or <proceed (server). */
static const uint8_t *xmpp_cleartext_end(const uint8_t *p, const uint8_t *end)
{
    const uint8_t *tls = xmpp_find_tag(p, end, "<starttls"), *proceed = xmpp_find_tag(p, end, "<proceed");
    if (proceed && (!tls || proceed < tls))
        tls = proceed;
    return tls ? tls : end;
}

static void xmpp_messages(inspect_ctx *cx, const uint8_t *p, const uint8_t *end)
{
    for (const uint8_t *m = xmpp_find_tag(p, end, "<message"); m; m = xmpp_find_tag(p, end, "<message")) {
        const uint8_t *close = xmpp_find_element(m, end, "message", true);
        const uint8_t *stanza_end = close ? close : end;
        xmpp_stanza(cx, m, stanza_end);
        p = close ? (const uint8_t *)memchr(close, '>', (size_t)(end - close)) + 1 : end;
    }
}

static void xmpp_decode(inspect_ctx *cx, const inspect_input *in)
{
    inspect_recognised(cx); /* login, roster and presence are XMPP too: nothing of them is a message */
    xmpp_messages(cx, in->data, xmpp_cleartext_end(in->data, in->data + in->len));
}

#define XMPP_CARRIED_HEAD 512 /* where a BOSH body or an RFC 7395 frame names its namespace */

bool inspect_xmpp_carried(inspect_ctx *cx, const uint8_t *data, size_t len)
{
    const uint8_t *end = data + len, *head = data + (len < XMPP_CARRIED_HEAD ? len : XMPP_CARRIED_HEAD);
    if (!memchr(data, '<', len < 64 ? len : 64) ||
        !(xmpp_find(data, head, "jabber:client") || xmpp_find(data, head, "protocol/httpbind") ||
          xmpp_find(data, head, "xmpp-framing")) ||
        !xmpp_find_tag(data, end, "<message"))
        return false;
    xmpp_messages(cx, data, end);
    return true;
}

static int xmpp_probe_bytes(const uint8_t *d, size_t len)
{
    const uint8_t *end = d + (len < 1024 ? len : 1024);
    if (!memchr(d, '<', (size_t)(end - d)))
        return 0; /* no markup at all: not XML, and no need for the searches below */
    if (xmpp_find(d, end, "<stream:stream") || xmpp_find(d, end, "jabber:client") || xmpp_find(d, end, "jabber:server") ||
        xmpp_find(d, end, "urn:ietf:params:xml:ns:xmpp-"))
        return 90;
    /* picked up mid-stream: a stanza first */
    bool stanza = xmpp_starts_with_tag(d, end, "<presence") || xmpp_starts_with_tag(d, end, "<iq") ||
                  xmpp_starts_with_tag(d, end, "<message");
    if (stanza)
        return xmpp_find(d, end, "jabber.org") || xmpp_find(d, end, "urn:xmpp") ? 85 : 60;
    return xmpp_find_tag(d, end, "<message") && xmpp_find(d, end, "<body") ? 50 : 0;
}

static int xmpp_probe(const inspect_input *in)
{
    int score = xmpp_probe_bytes(in->data, in->len);
    int peer = in->peer ? xmpp_probe_bytes(in->peer, in->peer_len) : 0;
    score = score > peer ? score : peer;
    bool port = in->responder_port == 5222 || in->responder_port == 5269;
    return score && port ? score + 5 : score;
}

const inspect_decoder inspect_decoder_xmpp = {"XMPP", xmpp_probe, xmpp_decode};
