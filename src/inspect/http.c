/* http.c — HTTP/1.x decoder: every request and response of a connection (keep-alive,
 * pipelining), the start line as ":method"/":path"/":status" fields, the headers that say
 * what the body is (host, content-type, content-encoding, transfer-encoding, upgrade), the
 * query string's parameters (FIELDs of one object, as a form would give them), and
 * those that name a party of a conversation (X-User-Id, X-Recipient, X-Room …: chat APIs
 * often keep the sender and the room out of the body), the body after dechunking and
 * inflating, handed to inspect_content() (binary bodies that are not media go to the text
 * extractor: protobuf, gRPC-web, MessagePack; a Thrift content type to inspect_thrift). Responses are matched to the peer's requests
 * (a HEAD response has no body). After "101 Switching Protocols" or a WebSocket upgrade
 * request the rest of the stream goes to the WebSocket frame decoder; after a CONNECT and its
 * 2xx answer, to whatever decoder claims the tunnel's bytes (inspect_tunnel); after an
 * "Upgrade: h2c" 101 (or where the client preface follows a request), to the HTTP/2 frame decoder
 * (h2.c), which hands each stream back as header fields and a body (http_emit_message).
 * gRPC-web's text mode (base64 chunks of the binary framing) is decoded before the body is read.
 * After a gap or a malformed message it resynchronises on the next start line.
 *
 * Owns nothing; decoded bytes go to the run's arena. Never decides whether a body is a
 * message (message.c does) and never reads outside the input. */
#include <stdio.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "framework.h"
#include "verdict.h"

#define HTTP_BINARY_HEAD 4096 /* bytes of a binary body kept for signatures */

#define HTTP_MAX_LINE 8192      /* a start line longer than this is not HTTP */
#define HTTP_MAX_PIPELINE 64    /* peer requests remembered for matching responses */

typedef struct http_span {
    const uint8_t *p;
    size_t len;
} http_span;

enum { HTTP_HOST, HTTP_CONTENT_TYPE, HTTP_CONTENT_ENCODING, HTTP_TRANSFER_ENCODING, HTTP_UPGRADE,
       HTTP_CONTENT_LENGTH, HTTP_HEADER_COUNT };
static const char *const http_header_names[HTTP_HEADER_COUNT] = {
    "host", "content-type", "content-encoding", "transfer-encoding", "upgrade", "content-length"};
#define HTTP_EMITTED_HEADERS HTTP_CONTENT_LENGTH /* the ones before it become units */

#define HTTP_MAX_PARTY_HEADERS 4

typedef struct http_message {
    bool request;
    http_span method, target, status;
    int status_code;
    http_span headers[HTTP_HEADER_COUNT];
    http_span party_names[HTTP_MAX_PARTY_HEADERS], party_values[HTTP_MAX_PARTY_HEADERS];
    uint32_t n_party;
    size_t head_len;      /* start line + headers + blank line */
    bool head_complete;
} http_message;

typedef struct http_peer {
    uint64_t no_body;     /* bit i: the peer's request i expects a response without a body */
    uint64_t connect;     /* bit i: the peer's request i is a CONNECT */
    uint32_t count;
} http_peer;

static bool http_is_method_char(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

static bool http_is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

/* "METHOD SP target SP HTTP/1." */
static bool http_is_request_line(const uint8_t *p, size_t len, http_message *m)
{
    size_t lim = len < HTTP_MAX_LINE ? len : HTTP_MAX_LINE, i = 0;
    while (i < lim && i < 16 && http_is_method_char(p[i]))
        i++;
    if (i < 3 || i >= lim || p[i] != ' ')
        return false;
    size_t j = i + 1;
    while (j < lim && p[j] > 0x20 && p[j] < 0x7f)
        j++;
    if (j == i + 1 || j + 8 > lim || p[j] != ' ' || memcmp(p + j + 1, "HTTP/1.", 7) != 0)
        return false;
    m->request = true;
    m->method = (http_span){p, i};
    m->target = (http_span){p + i + 1, j - i - 1};
    return true;
}

/* "HTTP/1.x NNN" */
static bool http_is_status_line(const uint8_t *p, size_t len, http_message *m)
{
    if (len < 12 || memcmp(p, "HTTP/1.", 7) != 0 || !http_is_digit(p[7]) || p[8] != ' ' || !http_is_digit(p[9]) ||
        !http_is_digit(p[10]) || !http_is_digit(p[11]))
        return false;
    m->request = false;
    m->status = (http_span){p + 9, 3};
    m->status_code = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
    return true;
}

static bool http_is_start_line(const uint8_t *p, size_t len, http_message *m)
{
    memset(m, 0, sizeof *m);
    return http_is_request_line(p, len, m) || http_is_status_line(p, len, m);
}

static http_span http_trim(const uint8_t *p, size_t len)
{
    while (len > 0 && (p[0] == ' ' || p[0] == '\t'))
        p++, len--;
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    return (http_span){p, len};
}

/* A header naming a person or a place of a conversation: X-User-Id, X-Recipient, X-Room-Id … */
static bool http_is_party_header(const uint8_t *name, size_t len)
{
    static const char *const words[] = {"user", "recipient", "sender", "room", "channel", "chat", "conversation",
                                        "thread", "author", "peer", "phone", "msisdn"};
    if (len < 3 || len > 40 || (strncasecmp((const char *)name, "x-", 2) != 0 && len > 12))
        return false;
    if (len >= 10 && strncasecmp((const char *)name, "user-agent", 10) == 0)
        return false;
    char lower[41];
    for (size_t i = 0; i < len; i++)
        lower[i] = (char)tolower(name[i]);
    for (size_t at = 0; at < len; at++)
        for (size_t i = 0; i < LW_ARRAY_LEN(words); i++)
            if (lower[at] == words[i][0] && strlen(words[i]) <= len - at &&
                memcmp(lower + at, words[i], strlen(words[i])) == 0)
                return true;
    return false;
}

static void http_header_field(http_message *m, const uint8_t *name, size_t nlen, const uint8_t *value, size_t vlen)
{
    for (int h = 0; h < HTTP_HEADER_COUNT; h++)
        if (strlen(http_header_names[h]) == nlen && strncasecmp((const char *)name, http_header_names[h], nlen) == 0)
            m->headers[h] = http_trim(value, vlen);
    if (m->n_party < HTTP_MAX_PARTY_HEADERS && http_is_party_header(name, nlen)) {
        m->party_names[m->n_party] = (http_span){name, nlen};
        m->party_values[m->n_party++] = http_trim(value, vlen);
    }
}

static void http_header_line(http_message *m, const uint8_t *line, size_t len)
{
    const uint8_t *colon = memchr(line, ':', len);
    if (colon != NULL)
        http_header_field(m, line, (size_t)(colon - line), colon + 1, len - (size_t)(colon - line) - 1);
}

/* Parse the head that starts at p (the start line already recognised into m). */
static void http_parse_head(http_message *m, const uint8_t *p, size_t len)
{
    const uint8_t *nl = memchr(p, '\n', len);
    size_t i = nl == NULL ? len : (size_t)(nl - p) + 1;
    while (i < len) {
        nl = memchr(p + i, '\n', len - i);
        if (nl == NULL)
            break;
        size_t end = (size_t)(nl - p), line_len = end - i;
        if (line_len > 0 && p[end - 1] == '\r')
            line_len--;
        if (line_len == 0) {
            m->head_len = end + 1;
            m->head_complete = true;
            return;
        }
        http_header_line(m, p + i, line_len);
        i = end + 1;
    }
    m->head_len = len;
}

static bool http_header_has(const http_message *m, int h, const char *token)
{
    const http_span *s = &m->headers[h];
    size_t tlen = strlen(token);
    for (size_t i = 0; s->p != NULL && i + tlen <= s->len; i++)
        if (strncasecmp((const char *)s->p + i, token, tlen) == 0)
            return true;
    return false;
}

/* Content-Length, or -1 when absent or not a number. */
static long long http_content_length(const http_message *m)
{
    const http_span *s = &m->headers[HTTP_CONTENT_LENGTH];
    long long v = 0;
    if (s->p == NULL || s->len == 0 || s->len > 15)
        return -1;
    for (size_t i = 0; i < s->len; i++) {
        if (!http_is_digit(s->p[i]))
            return -1;
        v = v * 10 + (s->p[i] - '0');
    }
    return v;
}

/* Dechunk from p; copies data into out (when not NULL, cap >= len). Returns the bytes of
 * input consumed (through the last chunk and trailers, or len when cut); *out_len = data. */
static size_t http_dechunk(const uint8_t *p, size_t len, uint8_t *out, size_t *out_len)
{
    size_t i = 0;
    *out_len = 0;
    for (;;) {
        size_t size = 0, digits = 0;
        while (i < len && digits < 16 && (http_is_digit(p[i]) || ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f'))) {
            size = size * 16 + (size_t)(http_is_digit(p[i]) ? p[i] - '0' : (p[i] | 0x20) - 'a' + 10);
            i++, digits++;
        }
        const uint8_t *nl = i < len ? memchr(p + i, '\n', len - i) : NULL;
        if (digits == 0 || nl == NULL)
            return len;
        i = (size_t)(nl - p) + 1;
        if (size == 0)
            break;
        size_t take = size < len - i ? size : len - i;
        if (out != NULL)
            memcpy(out + *out_len, p + i, take);
        *out_len += take;
        if (take < size)
            return len;
        i += take;
        i += i < len && p[i] == '\r';
        i += i < len && p[i] == '\n';
    }
    while (i < len) { /* trailers end at an empty line */
        const uint8_t *nl = memchr(p + i, '\n', len - i);
        if (nl == NULL)
            return len;
        bool empty = nl == p + i || (nl == p + i + 1 && p[i] == '\r');
        i = (size_t)(nl - p) + 1;
        if (empty)
            break;
    }
    return i;
}

static bool http_no_body_response(const http_message *m, const http_peer *peer, uint32_t index)
{
    if ((m->status_code >= 100 && m->status_code < 200) || m->status_code == 204 || m->status_code == 304)
        return true;
    return index < peer->count && index < 64 && (peer->no_body >> index & 1);
}

static bool http_is_chunked(const http_message *m)
{
    return http_header_has(m, HTTP_TRANSFER_ENCODING, "chunked");
}

/* Length of the message body framing at p: the input consumed by the body. */
static size_t http_body_extent(const http_message *m, bool no_body, const uint8_t *p, size_t len)
{
    if (no_body)
        return 0;
    if (http_is_chunked(m)) {
        size_t ignored;
        return http_dechunk(p, len, NULL, &ignored);
    }
    long long cl = http_content_length(m);
    if (cl >= 0)
        return (unsigned long long)cl < len ? (size_t)cl : len;
    return m->request ? 0 : len;
}

static bool http_method_is(const http_message *m, const char *method)
{
    return m->method.len == strlen(method) && memcmp(m->method.p, method, m->method.len) == 0;
}

/* Remember which of the peer's requests expect no response body (HEAD). */
static void http_scan_peer(const uint8_t *p, size_t len, http_peer *peer)
{
    size_t pos = 0;
    http_message m;
    while (pos < len && peer->count < HTTP_MAX_PIPELINE && http_is_start_line(p + pos, len - pos, &m) && m.request) {
        http_parse_head(&m, p + pos, len - pos);
        if (http_method_is(&m, "HEAD"))
            peer->no_body |= 1ull << peer->count;
        if (http_method_is(&m, "CONNECT"))
            peer->connect |= 1ull << peer->count;
        peer->count++;
        if (!m.head_complete)
            return;
        pos += m.head_len;
        pos += http_body_extent(&m, false, p + pos, len - pos);
    }
}

/* Path segments that decode to words ("/api/say/42/see%20you%20at%208"): REST APIs that take the
 * text in the path, FIELDs without a name. A resource's name has no spaces; a sentence has. */
static void http_path_texts(inspect_ctx *cx, const uint8_t *path, size_t len)
{
    uint16_t object = 0; /* one object, as a query's parameters are: a header has none */
    for (size_t i = 0, end; i < len; i = end + 1) {
        const uint8_t *slash = memchr(path + i, '/', len - i);
        end = slash ? (size_t)(slash - path) : len;
        size_t n = end - i;
        if (n < 8 || !memmem(path + i, n, "%20", 3))
            continue;
        uint8_t *out = inspect_alloc(cx, n);
        long got = out ? inspect_percent_decode(path + i, n, out, n, false) : -1;
        if (got > 0) {
            inspect_trim(cx, out, (size_t)got);
            object = object ? object : inspect_new_object(cx);
            inspect_emit(cx, LW_UNIT_FIELD, "http", "", out, (size_t)got, 0, object);
        }
    }
}

static void http_emit_head(inspect_ctx *cx, const http_message *m)
{
    if (m->request) {
        inspect_emit(cx, LW_UNIT_FIELD, "http", ":method", m->method.p, m->method.len, 0, 0);
        inspect_emit(cx, LW_UNIT_FIELD, "http", ":path", m->target.p, m->target.len, 0, 0);
        const uint8_t *query = memchr(m->target.p, '?', m->target.len);
        size_t query_len = query ? m->target.len - (size_t)(query - m->target.p) - 1 : 0;
        http_path_texts(cx, m->target.p, query ? (size_t)(query - m->target.p) : m->target.len);
        if (query_len > 0) /* bot APIs take the text as a parameter: ?chat_id=…&text=… */
            inspect_content(cx, "http", "", LW_UNIT_FIELD, query + 1, query_len, 0, "application/x-www-form-urlencoded");
    } else {
        inspect_emit(cx, LW_UNIT_FIELD, "http", ":status", m->status.p, m->status.len, 0, 0);
    }
    for (int h = 0; h < HTTP_EMITTED_HEADERS; h++)
        if (m->headers[h].p != NULL && m->headers[h].len > 0)
            inspect_emit(cx, LW_UNIT_FIELD, "http", http_header_names[h], m->headers[h].p, m->headers[h].len, 0, 0);
    for (uint32_t i = 0; i < m->n_party; i++) {
        char name[32];
        size_t n = m->party_names[i].len < 31 ? m->party_names[i].len : 31;
        for (size_t k = 0; k < n; k++)
            name[k] = (char)(m->party_names[i].p[k] | 0x20);
        name[n] = '\0';
        if (m->party_values[i].len > 0)
            inspect_emit(cx, LW_UNIT_FIELD, "http", name, m->party_values[i].p, m->party_values[i].len, 0, 0);
    }
}

/* Inflate a Content-Encoding; false when the coding cannot be undone (body skipped). */
static bool http_decode_coding(inspect_ctx *cx, const http_message *m, const uint8_t **body, size_t *len,
                               uint8_t *layers)
{
    if (m->headers[HTTP_CONTENT_ENCODING].p == NULL || http_header_has(m, HTTP_CONTENT_ENCODING, "identity"))
        return true;
    if (!http_header_has(m, HTTP_CONTENT_ENCODING, "gzip") && !http_header_has(m, HTTP_CONTENT_ENCODING, "deflate"))
        return false;
    size_t cap;
    uint8_t *out = inspect_alloc_upto(cx, inspect_inflate_limit(cx), &cap);
    long n = out == NULL ? -1 : inspect_inflate(*body, *len, out, cap);
    inspect_trim(cx, out, n > 0 ? (size_t)n : 0);
    if (n <= 0)
        return false;
    *body = out;
    *len = (size_t)n;
    *layers |= LW_LAYER_GZIP;
    return true;
}

/* Binary bodies carry no text, but their first bytes say what is being served (a Java heap
 * dump's HPROF magic, raw or gzip-wrapped as Spring Boot 1.5 sent it): one BODY unit of
 * the head, for signatures. */
static void http_emit_binary_head(inspect_ctx *cx, const uint8_t *body, size_t len, uint8_t layers)
{
    size_t head = len < HTTP_BINARY_HEAD ? len : HTTP_BINARY_HEAD;
    if (len >= 2 && body[0] == 0x1f && body[1] == 0x8b) {
        uint8_t *out = inspect_alloc(cx, HTTP_BINARY_HEAD);
        long n = out ? inspect_inflate(body, len, out, HTTP_BINARY_HEAD) : -1;
        if (n > 0) {
            body = out;
            head = (size_t)n;
            layers |= LW_LAYER_GZIP;
        }
    }
    inspect_emit(cx, LW_UNIT_BODY, "http", ":binary", body, head, layers, 0);
}

/* Pages, style sheets and scripts a device downloads are web content, never messages
 * (contract): only their head is kept, which spares scoring 64 KiB of markup as text. */
static bool http_is_web_asset(const char *content_type)
{
    static const char *const assets[] = {"text/html", "text/css", "javascript", "image/svg", "application/xhtml"};
    for (size_t i = 0; i < LW_ARRAY_LEN(assets); i++)
        if (strcasestr(content_type, assets[i]) != NULL)
            return true;
    return false;
}

/* A binary body that may hold text records (protobuf, gRPC-web, MessagePack, Thrift …): not
 * media, not a program or document file (their strings are not messages), not an archive or
 * compressed file (by magic), not a long random-looking blob. */
static bool http_may_hold_text(const char *content_type, const uint8_t *body, size_t len)
{
    static const char *const media[] = {"image/", "audio/", "video/", "font/", "zip", "pdf", "x-7z", "x-rar",
                                        "java-archive", "android.package", "x-tar", "x-xz", "x-bzip", "msdownload",
                                        "dosexec", "executable", "msword", "ms-excel", "officedocument"};
    static const struct {
        const char *magic;
        size_t len;
    } files[] = {{"MZ", 2}, {"\x7f" "ELF", 4}, {"\xca\xfe\xba\xbe", 4}, {"\xcf\xfa\xed\xfe", 4}, {"dex\n", 4},
                 {"PK\x03\x04", 4}, {"%PDF", 4}, {"\xd0\xcf\x11\xe0", 4}, {"Rar!", 4}, {"7z\xbc\xaf", 4}};
    for (size_t i = 0; i < LW_ARRAY_LEN(media); i++)
        if (strcasestr(content_type, media[i]) != NULL)
            return false;
    for (size_t i = 0; i < LW_ARRAY_LEN(files); i++)
        if (len >= files[i].len && memcmp(body, files[i].magic, files[i].len) == 0)
            return false;
    lw_verdict v = verdict_classify(body, len < HTTP_BINARY_HEAD ? len : HTTP_BINARY_HEAD, NULL);
    return v != LW_VERDICT_COMPRESSED && (v != LW_VERDICT_ENCRYPTED || len < 256);
}

/* gRPC-web's text mode: base64 of the binary framing, written in chunks that each end in their own
 * padding ("AAAA…=AAAA…=="), so decoding goes on after a padded quantum. False (nothing
 * changed) when a chunk is not base64. */
static bool http_grpc_web_text(inspect_ctx *cx, const uint8_t **body, size_t *len, uint8_t *layers)
{
    size_t cap = *len / 4 * 3 + 3, o = 0;
    uint8_t *out = inspect_alloc(cx, cap);
    for (size_t i = 0, end; out != NULL && i < *len; i = end) {
        for (end = i; end < *len && (*body)[end] != '='; end++)
            ;
        while (end < *len && (*body)[end] == '=')
            end++;
        long n = inspect_base64_decode(*body + i, end - i, out + o, cap - o);
        if (n < 0) {
            inspect_trim(cx, out, 0);
            return false;
        }
        o += (size_t)n;
    }
    if (out == NULL || o == 0)
        return false;
    inspect_trim(cx, out, o);
    *body = out;
    *len = o;
    *layers |= LW_LAYER_BASE64;
    return true;
}

static void http_emit_body(inspect_ctx *cx, const http_message *m, const uint8_t *p, size_t len)
{
    char content_type[128] = "";
    const http_span *ct = &m->headers[HTTP_CONTENT_TYPE];
    if (ct->p != NULL)
        snprintf(content_type, sizeof content_type, "%.*s", (int)(ct->len < 127 ? ct->len : 127), (const char *)ct->p);
    if (len == 0)
        return;
    const uint8_t *body = p;
    size_t body_len = len;
    uint8_t layers = 0;
    if (http_is_chunked(m)) {
        uint8_t *out = inspect_alloc(cx, len);
        if (out == NULL)
            return;
        http_dechunk(p, len, out, &body_len);
        body = out;
        layers |= LW_LAYER_CHUNKED;
    }
    if (body_len == 0 || !http_decode_coding(cx, m, &body, &body_len, &layers))
        return;
    if (strcasestr(content_type, "grpc-web-text") != NULL)
        http_grpc_web_text(cx, &body, &body_len, &layers);
    if (!m->request && http_is_web_asset(content_type)) {
        http_emit_binary_head(cx, body, body_len, layers);
    } else if (inspect_content_type_is_binary(content_type)) {
        http_emit_binary_head(cx, body, body_len, layers);
        if (strcasestr(content_type, "thrift") != NULL && inspect_thrift(cx, body, body_len, layers, true))
            return;
        if (http_may_hold_text(content_type, body, body_len))
            inspect_content(cx, "http", "", LW_UNIT_BODY, body, body_len, layers, NULL);
    } else
        inspect_content(cx, "http", "", LW_UNIT_BODY, body, body_len, layers, content_type[0] ? content_type : NULL);
}

static bool http_field_is(const http_field *f, const char *name)
{
    return f->name_len == strlen(name) && memcmp(f->name, name, f->name_len) == 0;
}

/* HTTP/2's pseudo-headers as the start line they replace; :authority stands for Host. */
static void http_pseudo_header(http_message *m, const http_field *f, http_span *authority)
{
    http_span v = {f->value, f->value_len};
    if (http_field_is(f, ":method"))
        m->method = v, m->request = true;
    else if (http_field_is(f, ":path"))
        m->target = v;
    else if (http_field_is(f, ":authority"))
        *authority = v;
    else if (http_field_is(f, ":status") && v.len == 3 && http_is_digit(v.p[0]) && http_is_digit(v.p[1]) &&
             http_is_digit(v.p[2])) {
        m->status = v;
        m->status_code = (v.p[0] - '0') * 100 + (v.p[1] - '0') * 10 + (v.p[2] - '0');
    }
}

void http_emit_message(inspect_ctx *cx, const http_field *fields, size_t n_fields, const uint8_t *body,
                       size_t body_len)
{
    http_message m;
    http_span authority = {NULL, 0};
    memset(&m, 0, sizeof m);
    for (size_t i = 0; i < n_fields; i++) {
        const http_field *f = &fields[i];
        if (f->name_len > 0 && f->name[0] == ':')
            http_pseudo_header(&m, f, &authority);
        else
            http_header_field(&m, f->name, f->name_len, f->value, f->value_len);
    }
    if (m.headers[HTTP_HOST].p == NULL)
        m.headers[HTTP_HOST] = authority;
    if (m.request && m.target.p == NULL)
        m.target = (http_span){(const uint8_t *)"", 0};
    m.head_complete = true;
    if (m.request || m.status.p != NULL)
        http_emit_head(cx, &m);
    http_emit_body(cx, &m, body, body_len);
}

/* HTTP/2 after HTTP/1.1: the client preface where the next message would start (the request
 * upgraded), or the bytes after the 101 that took "Upgrade: h2c". */
static bool http_starts_h2(const uint8_t *p, size_t len)
{
    return len >= 14 && memcmp(p, "PRI * HTTP/2.0", 14) == 0;
}

static bool http_is_h2c_switch(const http_message *m)
{
    return !m->request && m->status_code == 101 && http_header_has(m, HTTP_UPGRADE, "h2c");
}

/* A CONNECT request, or the 2xx answer to the peer's CONNECT: the rest is a tunnel. */
static bool http_opens_tunnel(const http_message *m, const http_peer *peer, uint32_t index)
{
    if (m->request)
        return http_method_is(m, "CONNECT");
    return m->status_code >= 200 && m->status_code < 300 && index < peer->count && index < 64 &&
           (peer->connect >> index & 1);
}

/* Offset after the first blank line (the end of an HTTP head), or len. */
static size_t http_head_end(const uint8_t *p, size_t len)
{
    const uint8_t *blank = p != NULL ? memmem(p, len, "\r\n\r\n", 4) : NULL;
    return blank != NULL ? (size_t)(blank - p) + 4 : len;
}

static bool http_is_websocket_switch(const http_message *m, const uint8_t *rest, size_t rest_len)
{
    http_message next;
    if (!http_header_has(m, HTTP_UPGRADE, "websocket"))
        return false;
    if (!m->request)
        return m->status_code == 101;
    return rest_len > 0 && !http_is_start_line(rest, rest_len, &next);
}

/* Offset of the next start line after `from`, or len. */
static size_t http_resync(const uint8_t *p, size_t len, size_t from)
{
    http_message m;
    const uint8_t *nl;
    while (from < len && (nl = memchr(p + from, '\n', len - from)) != NULL) {
        from = (size_t)(nl - p) + 1;
        if (from < len && http_is_start_line(p + from, len - from, &m))
            return from;
    }
    return len;
}

static void http_decode(inspect_ctx *cx, const inspect_input *in)
{
    http_peer peer = {0};
    const uint8_t *p = in->data;
    size_t len = in->len, pos = 0;
    uint32_t index = 0;
    if (in->peer != NULL && !in->from_initiator)
        http_scan_peer(in->peer, in->peer_len, &peer);
    while (pos < len && !inspect_full(cx)) {
        http_message m;
        if (http_starts_h2(p + pos, len - pos)) {
            inspect_set_app_proto(cx, "HTTP2");
            h2_decode_frames(cx, p + pos, len - pos, in->peer, in->peer_len);
            return;
        }
        if (!http_is_start_line(p + pos, len - pos, &m)) {
            pos = http_resync(p, len, pos);
            continue;
        }
        http_parse_head(&m, p + pos, len - pos);
        http_emit_head(cx, &m);
        pos += m.head_len;
        if (!m.head_complete)
            return;
        if (http_is_websocket_switch(&m, p + pos, len - pos)) {
            inspect_set_app_proto(cx, "WebSocket");
            websocket_decode_frames(cx, p + pos, len - pos);
            return;
        }
        if (http_is_h2c_switch(&m)) {
            inspect_set_app_proto(cx, "HTTP2");
            h2_decode_frames(cx, p + pos, len - pos, in->peer, in->peer_len);
            return;
        }
        if (http_opens_tunnel(&m, &peer, index)) {
            size_t peer_start = http_head_end(in->peer, in->peer_len);
            inspect_tunnel(cx, p + pos, len - pos, in->peer ? in->peer + peer_start : NULL, in->peer_len - peer_start);
            return;
        }
        bool no_body = !m.request && http_no_body_response(&m, &peer, index);
        index += !m.request;
        size_t extent = http_body_extent(&m, no_body, p + pos, len - pos);
        http_emit_body(cx, &m, p + pos, extent);
        pos += extent;
    }
}

static int http_probe(const inspect_input *in)
{
    http_message m;
    return in->data != NULL && http_is_start_line(in->data, in->len, &m) ? 80 : 0;
}

const inspect_decoder inspect_decoder_http = {"HTTP", http_probe, http_decode};
