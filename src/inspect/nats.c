/* nats.c — NATS client protocol decoder (TCP, port 4222): CRLF-terminated text lines, a verb
 * (any case) and arguments separated by spaces or tabs. A client publishes with
 * "PUB subject [reply-to] #bytes" or, with headers, "HPUB subject [reply-to] #header-bytes
 * #total-bytes"; the server delivers with "MSG subject sid [reply-to] #bytes" and "HMSG …";
 * the payload follows the line, then CRLF. Each message gives ":method" (PUB, MSG) and the
 * subject as ":path" (a subject such as chat.room.42 says what the message is about, as a
 * request path does), its "NATS/1.0" header block as FIELDs of one object, and the payload to
 * inspect_content as a message (JSON, base64, gzip inside decoded; the Content-Type header
 * honoured). INFO, CONNECT (it may carry a password or token), SUB, UNSUB, PING, PONG, +OK
 * and -ERR are protocol chatter: recognised and left out. A line that is none of these ends
 * the walk; a payload cut by the capture is decoded as far as it goes. MSN Messenger's MSNP
 * delivers with a line of the same shape ("MSG account display-name #bytes"), its payload a MIME
 * entity: the head's fields are FIELDs, and only a text/plain body is content (typing notices,
 * invitations and profiles are the client's bookkeeping).
 * Owns nothing; never reads past the input. */
#include "framework.h"

#include <string.h>
#include <strings.h>

#define NATS_PROTO "nats"
#define NATS_PORT 4222
#define NATS_MAX_ARGS 6      /* the verb and at most five arguments (HMSG) */
#define NATS_MAX_LINE 4096   /* a longer control line is not NATS (INFO and CONNECT stay shorter) */

typedef struct nats_line {
    const uint8_t *word[NATS_MAX_ARGS];
    size_t len[NATS_MAX_ARGS];
    size_t n;
} nats_line;

typedef struct nats_message {
    const char *verb;            /* "PUB" or "MSG" (with or without headers) */
    const uint8_t *subject;
    size_t subject_len;
    size_t header_bytes, total_bytes;
} nats_message;

static bool nats_is_blank(uint8_t c)
{
    return c == ' ' || c == '\t';
}

/* The words of one control line (its CR LF excluded); false when there are too many. */
static bool nats_split(const uint8_t *p, size_t len, nats_line *l)
{
    l->n = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && nats_is_blank(p[i]))
            i++;
        if (i == len)
            break;
        if (l->n == NATS_MAX_ARGS)
            return false;
        size_t start = i;
        while (i < len && !nats_is_blank(p[i]))
            i++;
        l->word[l->n] = p + start;
        l->len[l->n++] = i - start;
    }
    return l->n > 0;
}

static bool nats_word_is(const nats_line *l, size_t i, const char *word)
{
    return i < l->n && l->len[i] == strlen(word) && strncasecmp((const char *)l->word[i], word, l->len[i]) == 0;
}

static bool nats_number(const uint8_t *s, size_t len, size_t *v)
{
    *v = 0;
    if (len == 0 || len > 9)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (size_t)(s[i] - '0');
    }
    return true;
}

/* PUB/HPUB/MSG/HMSG with their argument counts; false for anything else. */
static bool nats_parse_message(const nats_line *l, nats_message *m)
{
    bool headers = nats_word_is(l, 0, "HPUB") || nats_word_is(l, 0, "HMSG");
    bool delivery = nats_word_is(l, 0, "MSG") || nats_word_is(l, 0, "HMSG");
    if (!headers && !delivery && !nats_word_is(l, 0, "PUB"))
        return false;
    size_t fixed = 3 + delivery + headers; /* verb, subject, [sid], [header bytes], total bytes */
    if (l->n != fixed && l->n != fixed + 1)
        return false;
    m->verb = delivery ? "MSG" : "PUB";
    m->subject = l->word[1];
    m->subject_len = l->len[1];
    if (!nats_number(l->word[l->n - 1], l->len[l->n - 1], &m->total_bytes))
        return false;
    m->header_bytes = 0;
    return !headers || (nats_number(l->word[l->n - 2], l->len[l->n - 2], &m->header_bytes) &&
                        m->header_bytes <= m->total_bytes);
}

static bool nats_is_chatter(const nats_line *l)
{
    static const char *const verbs[] = {"INFO", "CONNECT", "SUB", "UNSUB", "PING", "PONG", "+OK", "-ERR"};
    for (size_t i = 0; i < LW_ARRAY_LEN(verbs); i++)
        if (nats_word_is(l, 0, verbs[i]))
            return true;
    return false;
}

/* The header block: "NATS/1.0[ status]" then "Name: value" lines, as FIELDs; the content type
 * is kept for the payload. */
static void nats_headers(inspect_ctx *cx, const uint8_t *p, size_t len, char *content_type, size_t cap)
{
    uint16_t object = inspect_new_object(cx);
    const uint8_t *end = p + len, *nl = memchr(p, '\n', len);
    for (p = nl != NULL ? nl + 1 : end; p < end; p = nl != NULL ? nl + 1 : end) {
        nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl != NULL ? nl : end) - p);
        n -= n > 0 && p[n - 1] == '\r';
        const uint8_t *colon = memchr(p, ':', n);
        if (n == 0 || colon == NULL || colon == p)
            continue;
        char name[32];
        size_t name_len = (size_t)(colon - p) < sizeof name - 1 ? (size_t)(colon - p) : sizeof name - 1;
        memcpy(name, p, name_len);
        name[name_len] = '\0';
        const uint8_t *value = colon + 1;
        while (value < p + n && nats_is_blank(*value))
            value++;
        size_t value_len = (size_t)(p + n - value);
        if (strcasecmp(name, "Content-Type") == 0 && value_len < cap) {
            memcpy(content_type, value, value_len);
            content_type[value_len] = '\0';
        } else if (value_len > 0) {
            inspect_emit(cx, LW_UNIT_FIELD, NATS_PROTO, name, value, value_len, 0, object);
        }
    }
}

/* The length of the MIME head (through its blank line) a payload opens with, as MSNP's do; 0 when
 * it opens with none. A head cut by the capture is all there is. */
static size_t nats_mime_head(const uint8_t *p, size_t len)
{
    static const char version[] = "MIME-Version:";
    if (len < sizeof version - 1 || strncasecmp((const char *)p, version, sizeof version - 1) != 0)
        return 0;
    const uint8_t *crlf = memmem(p, len, "\r\n\r\n", 4), *lf = memmem(p, len, "\n\n", 2);
    if (crlf != NULL && (lf == NULL || crlf < lf))
        return (size_t)(crlf - p) + 4;
    return lf != NULL ? (size_t)(lf - p) + 2 : len;
}

/* One message whose payload block (headers and payload) starts at p, `avail` bytes of it there. */
static void nats_message_decode(inspect_ctx *cx, const nats_message *m, const uint8_t *p, size_t avail)
{
    char content_type[64] = "";
    size_t header_len = m->header_bytes < avail ? m->header_bytes : avail;
    inspect_emit(cx, LW_UNIT_FIELD, NATS_PROTO, ":method", (const uint8_t *)m->verb, strlen(m->verb), 0, 0);
    inspect_emit(cx, LW_UNIT_FIELD, NATS_PROTO, ":path", m->subject, m->subject_len, 0, 0);
    if (header_len > 0)
        nats_headers(cx, p, header_len, content_type, sizeof content_type);
    const uint8_t *payload = p + header_len;
    size_t payload_len = (m->total_bytes < avail ? m->total_bytes : avail) - header_len;
    size_t mime = nats_mime_head(payload, payload_len);
    if (mime > 0) {
        nats_headers(cx, payload, mime, content_type, sizeof content_type);
        if (content_type[0] != '\0' && strncasecmp(content_type, "text/plain", 10) != 0)
            return;
        payload += mime;
        payload_len -= mime;
    }
    if (payload_len > 0)
        inspect_content(cx, NATS_PROTO, m->verb[0] == 'P' ? "pub" : "msg", LW_UNIT_MESSAGE, payload, payload_len, 0,
                        content_type[0] ? content_type : NULL);
}

/* The control line at p: its words and the offset after its LF; 0 when there is none. */
static size_t nats_next_line(const uint8_t *p, size_t len, nats_line *l)
{
    const uint8_t *nl = memchr(p, '\n', len < NATS_MAX_LINE ? len : NATS_MAX_LINE);
    if (nl == NULL)
        return 0;
    size_t n = (size_t)(nl - p);
    n -= n > 0 && p[n - 1] == '\r';
    return nats_split(p, n, l) ? (size_t)(nl - p) + 1 : 0;
}

static void nats_decode(inspect_ctx *cx, const inspect_input *in)
{
    size_t pos = 0, used;
    nats_line l;
    nats_message m;
    while (pos < in->len && !inspect_full(cx) && (used = nats_next_line(in->data + pos, in->len - pos, &l)) > 0) {
        bool message = nats_parse_message(&l, &m);
        if (!message && !nats_is_chatter(&l))
            return; /* not NATS from here on */
        inspect_recognised(cx);
        pos += used;
        if (!message)
            continue;
        nats_message_decode(cx, &m, in->data + pos, in->len - pos);
        if (m.total_bytes > in->len - pos)
            return; /* cut by the capture */
        pos += m.total_bytes;
        pos += in->len - pos >= 2 && in->data[pos] == '\r' && in->data[pos + 1] == '\n' ? 2 : 0;
    }
}

static int nats_probe_bytes(const uint8_t *d, size_t len)
{
    nats_line l;
    nats_message m;
    if (d == NULL || nats_next_line(d, len, &l) == 0)
        return 0;
    if ((nats_word_is(&l, 0, "INFO") || nats_word_is(&l, 0, "CONNECT")) && l.n >= 2 && l.word[1][0] == '{')
        return 85;
    if (nats_parse_message(&l, &m))
        return 50;
    return nats_word_is(&l, 0, "SUB") && l.n >= 3 && l.n <= 4 ? 40 : 0;
}

static int nats_probe(const inspect_input *in)
{
    if (in->is_datagram)
        return 0;
    int score = nats_probe_bytes(in->data, in->len), peer = nats_probe_bytes(in->peer, in->peer_len);
    score = score > peer ? score : peer;
    return score > 0 && (in->initiator_port == NATS_PORT || in->responder_port == NATS_PORT) ? score + 10 : score;
}

const inspect_decoder inspect_decoder_nats = {"NATS", nats_probe, nats_decode};
