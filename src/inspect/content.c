/* content.c — the generic content handler: sniffs what a decoded body or value is and takes
 * it apart into units. Multipart (any multipart type with a boundary; named parts are the
 * FIELDs of one object, parts with a filename are files: BODY units), gzip/zlib (by
 * magic), JSON (every string value, and every integer long enough to be an id, a phone
 * number or a time, a FIELD named by its key; one object id per record — a top-level object
 * or an array element — so that the members of nested objects are siblings), base64 (decoded
 * only when that yields text, JSON or compressed data), form-urlencoded, then plain text
 * (emitted with the caller's kind when it reads as text). Nested decodings (base64 in JSON in
 * gzip) recurse within limits.max_layers; inflate output is bounded by limits.inflate_limit.
 * Also the stateless decoding helpers of decoders.h (base64, quoted-printable, percent,
 * inflate) and the zlib zone allocator.
 *
 * Owns nothing beyond one call: decoded bytes go to the run's arena, zlib state to a zone
 * (the stack or the arena), never the heap. Never decides whether text is a message. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "framework.h"
#include "json_scan.h"
#include "text.h"

#define CONTENT_MAX_ENVELOPE 4 /* digits of a JSON envelope's prefix (Socket.IO's "42") */

#define CONTENT_MIN_BASE64 16     /* shorter base64-looking strings are left as they are */
#define CONTENT_MAX_BOUNDARY 70   /* RFC 2046 */

typedef struct content_target {
    const char *proto;
    const char *field;
    inspect_unit_kind kind;
    uint16_t object_id;
    uint8_t layers;
} content_target;

static void content_nested(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len,
                           const char *content_type);
static void content_dispatch(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len,
                             const char *content_type);

/* ---- stateless decoders ------------------------------------------------------------- */

static int content_base64_value(uint8_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

static bool content_is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Standard and URL-safe alphabets, whitespace skipped, stops at padding or when out is full. */
long inspect_base64_decode(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < len && in[i] != '='; i++) {
        if (content_is_space(in[i]))
            continue;
        int v = content_base64_value(in[i]);
        if (v < 0)
            return -1;
        acc = (acc << 6 | (uint32_t)v) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap)
                return (long)o;
            out[o++] = (uint8_t)(acc >> bits);
        }
    }
    return (long)o;
}

static int content_hex_value(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Value of "XY" at p (2 bytes available), or -1. */
static int content_hex_pair(const uint8_t *p)
{
    int hi = content_hex_value(p[0]), lo = content_hex_value(p[1]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

long inspect_qp_decode(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < len && o < cap) {
        if (in[i] != '=') {
            out[o++] = in[i++];
            continue;
        }
        size_t j = i + 1;
        while (j < len && (in[j] == ' ' || in[j] == '\t'))
            j++;
        if (j < len && (in[j] == '\n' || in[j] == '\r')) { /* soft line break */
            i = j + (in[j] == '\r' && j + 1 < len && in[j + 1] == '\n' ? 2 : 1);
            continue;
        }
        int v = i + 2 < len ? content_hex_pair(in + i + 1) : -1;
        if (v < 0) {
            if (i + 1 >= len)
                break; /* '=' cut at the end */
            out[o++] = in[i++];
            continue;
        }
        out[o++] = (uint8_t)v;
        i += 3;
    }
    return (long)o;
}

long inspect_percent_decode(const uint8_t *in, size_t len, uint8_t *out, size_t cap, bool plus_is_space)
{
    size_t o = 0, i = 0;
    while (i < len && o < cap) {
        int v = -1;
        if (in[i] == '%' && len - i >= 3)
            v = content_hex_pair(in + i + 1);
        if (v >= 0) {
            out[o++] = (uint8_t)v;
            i += 3;
            continue;
        }
        out[o++] = plus_is_space && in[i] == '+' ? ' ' : in[i];
        i++;
    }
    return (long)o;
}

static voidpf content_zone_alloc(voidpf opaque, uInt items, uInt size)
{
    inspect_zone *zone = opaque;
    size_t n = ((size_t)items * size + 15) & ~(size_t)15;
    if (n > zone->cap - zone->used)
        return Z_NULL;
    void *p = zone->mem + zone->used;
    zone->used += n;
    return p;
}

static void content_zone_free(voidpf opaque, voidpf address)
{
    (void)opaque; /* the zone is released all at once by its owner */
    (void)address;
}

void inspect_zone_attach(z_stream *z, inspect_zone *zone)
{
    z->zalloc = content_zone_alloc;
    z->zfree = content_zone_free;
    z->opaque = zone;
}

static bool content_is_gzip(const uint8_t *p, size_t len)
{
    return len >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8;
}

static bool content_is_zlib(const uint8_t *p, size_t len)
{
    return len >= 2 && (p[0] & 0x0f) == 8 && (p[0] >> 4) <= 7 && ((p[0] << 8) | p[1]) % 31 == 0;
}

size_t inspect_compressed_at(const uint8_t *p, size_t len, size_t within)
{
    for (size_t at = 0; at < len && at <= within; at++)
        if (content_is_gzip(p + at, len - at) || (content_is_zlib(p + at, len - at) && !(p[at + 1] & 0x20)))
            return at;
    return len;
}

long inspect_inflate(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    _Alignas(16) uint8_t mem[INSPECT_ZONE_BYTES];
    inspect_zone zone = {.mem = mem, .cap = sizeof mem};
    z_stream z;
    memset(&z, 0, sizeof z);
    inspect_zone_attach(&z, &zone);
    int window = content_is_gzip(in, len) ? 16 + MAX_WBITS : content_is_zlib(in, len) ? MAX_WBITS : -MAX_WBITS;
    if (inflateInit2(&z, window) != Z_OK)
        return -1;
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = len > UINT32_MAX ? UINT32_MAX : (uInt)len;
    z.next_out = out;
    z.avail_out = cap > UINT32_MAX ? UINT32_MAX : (uInt)cap;
    int rc = inflate(&z, Z_SYNC_FLUSH);
    long produced = (long)(z.next_out - out);
    inflateEnd(&z);
    bool failed = rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR;
    return failed && produced == 0 ? -1 : produced;
}

/* ---- sniffing ----------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (2..4), 0 when invalid; a sequence cut by the
 * end of the buffer counts as valid. */
static size_t content_utf8_length(const uint8_t *p, size_t avail)
{
    size_t n = p[0] >= 0xc2 && p[0] <= 0xdf ? 2 : p[0] >= 0xe0 && p[0] <= 0xef ? 3 : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;
    for (size_t k = 1; k < n; k++)
        if (k < avail && (p[k] & 0xc0) != 0x80)
            return 0;
    return n;
}

bool inspect_is_text(const uint8_t *p, size_t len)
{
    size_t bad = 0, i = 0;
    while (i < len) {
        uint8_t c = p[i];
        if (c == 0)
            return false;
        if (c >= 0x80) {
            size_t n = content_utf8_length(p + i, len - i);
            bad += n == 0;
            i += n == 0 ? 1 : n;
            continue;
        }
        bad += (c < 0x20 && !content_is_space(c) && c != '\f') || c == 0x7f;
        i++;
    }
    return bad * 20 <= len;
}

static bool content_type_is(const char *content_type, const char *needle)
{
    return content_type != NULL && strcasestr(content_type, needle) != NULL;
}

/* Whole value in the base64 alphabet: at least CONTENT_MIN_BASE64 symbols, padding only at
 * the end, a length that base64 can have. */
static bool content_looks_base64(const uint8_t *p, size_t len)
{
    size_t symbols = 0, pad = 0;
    for (size_t i = 0; i < len; i++) {
        if (content_is_space(p[i]))
            continue;
        if (p[i] == '=') {
            pad++;
            continue;
        }
        if (pad > 0 || content_base64_value(p[i]) < 0)
            return false;
        symbols++;
    }
    return symbols >= CONTENT_MIN_BASE64 && pad <= 2 && (pad == 0 ? symbols % 4 != 1 : (symbols + pad) % 4 == 0);
}

static bool content_is_form_key_char(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("_.-[]%*", c) != NULL;
}

/* key=value(&key=value)*, printable without spaces, the first key a plain token. */
static bool content_looks_form(const uint8_t *p, size_t len)
{
    size_t i = 0;
    while (i < len && content_is_form_key_char(p[i]) && p[i] != 0)
        i++;
    if (i == 0 || i >= len || p[i] != '=')
        return false;
    for (size_t k = 0; k < len; k++)
        if (p[k] <= 0x20 || p[k] >= 0x7f)
            return false;
    return true;
}

/* ---- emission ----------------------------------------------------------------------- */

/* Thrift messages to their decoder, binary records (protobuf, MessagePack, gRPC frames) to the
 * extractor; text as the caller's kind; other binary to the extractor's string scan. */
static void content_plain(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len)
{
    if (len == 0 || inspect_thrift(cx, data, len, t->layers, false) ||
        inspect_extract_records(cx, t->proto, data, len, t->layers))
        return;
    if (inspect_is_text(data, len)) {
        inspect_emit(cx, t->kind, t->proto, t->field, data, len, t->layers, t->object_id);
        if (t->kind == LW_UNIT_MESSAGE)
            inspect_extract_speech(cx, t->proto, t->kind, data, len, t->layers, t->object_id);
    } else
        inspect_extract_binary(cx, t->proto, data, len, t->layers);
}

/* A value inside structured content: decoded further when it is itself an encoding or a
 * document (base64, JSON, gzip), else emitted as a FIELD. */
static void content_value(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len)
{
    size_t i = 0;
    while (i < len && content_is_space(data[i]))
        i++;
    bool nested = i < len && (data[i] == '{' || data[i] == '[');
    if (nested || content_looks_base64(data, len))
        content_nested(cx, t, data, len, NULL);
    else if (len > 0)
        inspect_emit(cx, LW_UNIT_FIELD, t->proto, t->field, data, len, t->layers, t->object_id);
}

/* ---- JSON --------------------------------------------------------------------------- */

#define CONTENT_MIN_ID_DIGITS 7 /* shorter integers are quantities, not ids or times */

typedef struct content_json_level {
    uint16_t object_id;
    bool object;
    bool event;   /* key is an event name (arrays under it keep it) */
    char key[32]; /* current member name (objects), the key holding the array or its event name */
} content_json_level;

static const uint8_t *content_json_string(inspect_ctx *cx, const json_token *tok, size_t *len)
{
    if (memchr(tok->raw, '\\', tok->raw_len) == NULL) {
        *len = tok->raw_len;
        return tok->raw;
    }
    uint8_t *out = inspect_alloc(cx, tok->raw_len);
    *len = out == NULL ? 0 : json_unescape(tok->raw, tok->raw_len, out, tok->raw_len);
    return out;
}

/* A record (top-level object or array element) gets a fresh object id; an object nested in
 * an object belongs to the enclosing record. */
static void content_json_open(inspect_ctx *cx, content_json_level *levels, uint32_t depth, bool object)
{
    content_json_level *up = &levels[depth - 1], *l = &levels[depth];
    l->object_id = object && (depth == 1 || !up->object) ? inspect_new_object(cx) : up->object_id;
    l->object = object;
    l->event = !object && up->event;
    memcpy(l->key, object ? "" : up->key, object ? 1 : sizeof l->key);
}

bool inspect_is_event_name(const uint8_t *p, size_t len)
{
    size_t spaces = 0;
    if (len == 0 || len > INSPECT_MAX_EVENT_NAME)
        return false;
    for (size_t i = 0; i < len; i++) {
        bool letter = (p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z';
        if (!letter && (p[i] == 0 || !strchr(" _:.-/", p[i])))
            return false;
        spaces += p[i] == ' ';
    }
    return spaces <= 2;
}

/* A key that holds a log record's severity as a number ("severity": 3); "level" alone is also a
 * player's or a course's level, and stays out. */
static bool content_is_severity_key(const char *key)
{
    static const char *const keys[] = {"severity", "loglevel", "log_level", "severity_number", "severityNumber",
                                       "syslog_severity"};
    for (size_t i = 0; i < LW_ARRAY_LEN(keys); i++)
        if (strcasecmp(key, keys[i]) == 0)
            return true;
    return false;
}

static bool content_is_id_number(const uint8_t *p, size_t len)
{
    size_t i = len > 0 && p[0] == '-';
    if (len - i < CONTENT_MIN_ID_DIGITS || len - i > 19)
        return false;
    for (; i < len; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return true;
}

static void content_json(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len)
{
    content_json_level levels[JSON_SCAN_MAX_DEPTH + 1];
    uint32_t depth = 0;
    json_scan js;
    json_token tok;
    json_token_type type;
    levels[0].object_id = t->object_id;
    levels[0].object = false;
    levels[0].event = false;
    lw_strlcpy(levels[0].key, t->field != NULL ? t->field : "", sizeof levels[0].key);
    json_scan_init(&js, data, len);
    while ((type = json_scan_next(&js, &tok)) != JSON_TOK_END && type != JSON_TOK_ERROR && !inspect_full(cx)) {
        if (type == JSON_TOK_OBJECT_BEGIN || type == JSON_TOK_ARRAY_BEGIN) {
            depth++;
            content_json_open(cx, levels, depth, type == JSON_TOK_OBJECT_BEGIN);
        } else if (type == JSON_TOK_OBJECT_END || type == JSON_TOK_ARRAY_END) {
            depth--;
        } else if (type == JSON_TOK_KEY) {
            levels[depth].key[json_unescape(tok.raw, tok.raw_len, (uint8_t *)levels[depth].key,
                                            sizeof levels[depth].key - 1)] = '\0';
        } else if (type == JSON_TOK_STRING) {
            size_t n;
            content_json_level *l = &levels[depth];
            const uint8_t *s = content_json_string(cx, &tok, &n);
            content_target v = {t->proto, l->key, LW_UNIT_FIELD, l->object_id, t->layers};
            if (s != NULL)
                content_value(cx, &v, s, n);
            if (s != NULL && depth == 1 && !l->object && !l->event && inspect_is_event_name(s, n)) {
                memcpy(l->key, s, n); /* a top-level array's elements after an event name are its arguments */
                l->key[n] = '\0';
                l->event = true;
            }
        } else if (type == JSON_TOK_SCALAR && (content_is_id_number(tok.raw, tok.raw_len) ||
                                               content_is_severity_key(levels[depth].key))) {
            inspect_emit(cx, LW_UNIT_FIELD, t->proto, levels[depth].key, tok.raw, tok.raw_len, t->layers,
                         levels[depth].object_id);
        }
    }
}

/* ---- XML ---------------------------------------------------------------------------- */

#define CONTENT_XML_DEPTH 32

/* Character data with the predefined and numeric entities resolved, into the arena. */
static const uint8_t *content_xml_text(inspect_ctx *cx, const uint8_t *p, size_t len, size_t *out_len)
{
    static const struct {
        const char *name;
        char c;
    } entities[] = {{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
    *out_len = len;
    if (!memchr(p, '&', len))
        return p;
    uint8_t *out = inspect_alloc(cx, len);
    size_t o = 0;
    for (size_t i = 0; out != NULL && i < len;) {
        bool done = false;
        if (p[i] == '&' && i + 2 < len && p[i + 1] == '#') {
            bool hex = (p[i + 2] | 0x20) == 'x';
            size_t k = i + 2 + hex;
            uint32_t cp = 0;
            for (; k < len && k < i + 12 && content_hex_value(p[k]) >= 0 && (hex || p[k] <= '9'); k++)
                cp = cp * (hex ? 16 : 10) + (uint32_t)content_hex_value(p[k]);
            if (k < len && p[k] == ';' && cp > 0 && cp < 0x110000 && o + 4 <= len) {
                o += text_put_utf8(out + o, cp);
                i = k + 1;
                done = true;
            }
        }
        for (size_t e = 0; p[i] == '&' && !done && e < LW_ARRAY_LEN(entities); e++) {
            size_t n = strlen(entities[e].name);
            if (len - i - 1 >= n && memcmp(p + i + 1, entities[e].name, n) == 0)
                out[o++] = (uint8_t)entities[e].c, i += n + 1, done = true;
        }
        if (!done)
            out[o++] = p[i++];
    }
    if (out == NULL)
        return p;
    inspect_trim(cx, out, o);
    *out_len = o;
    return out;
}

/* An element name without its namespace prefix ("soap:Body" → "Body"), into key. */
static void content_xml_name(const uint8_t *p, const uint8_t *end, char *key, size_t cap)
{
    const uint8_t *e = p;
    while (e < end && *e != '>' && *e != '/' && *e != ' ' && *e != '\t' && *e != '\r' && *e != '\n')
        e++;
    const uint8_t *colon = memchr(p, ':', (size_t)(e - p));
    if (colon != NULL)
        p = colon + 1;
    size_t n = (size_t)(e - p) < cap - 1 ? (size_t)(e - p) : cap - 1;
    memcpy(key, p, n);
    key[n] = '\0';
}

/* An element's attributes (name='value' or name="value", entities resolved; namespace
 * declarations skipped) as FIELDs of `object`: the object its children are siblings in, so that
 * <message from='ann@example.org'><body>…</body></message> has the sender beside the body. */
static void content_xml_attributes(inspect_ctx *cx, const content_target *t, const uint8_t *p, const uint8_t *end,
                                   uint16_t object)
{
    while (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
        p++; /* the element's name */
    while (p < end && !inspect_full(cx)) {
        while (p < end && content_is_space(*p))
            p++;
        const uint8_t *name = p, *eq = p;
        while (eq < end && *eq != '=' && !content_is_space(*eq))
            eq++;
        if (eq + 2 > end || *eq != '=' || (eq[1] != '\'' && eq[1] != '"'))
            return;
        const uint8_t *value = eq + 2, *close = memchr(value, eq[1], (size_t)(end - value));
        if (close == NULL)
            return;
        char key[32];
        content_xml_name(name, eq, key, sizeof key);
        if (strncmp((const char *)name, "xmlns", 5) != 0 && close > value) {
            size_t n;
            const uint8_t *s = content_xml_text(cx, value, (size_t)(close - value), &n);
            content_target v = {t->proto, key, LW_UNIT_FIELD, object, t->layers};
            if (s != NULL)
                content_value(cx, &v, s, n);
        }
        p = close + 1;
    }
}

/* XML (SOAP, XML-RPC, RSS, XMPP over BOSH …): each element's character data a FIELD named by the
 * element; the children of one element are siblings (one object), its attributes with them.
 * CDATA is character data; comments, processing instructions and declarations are skipped. */
static void content_xml(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len)
{
    struct {
        char name[32];
        uint16_t object;
    } stack[CONTENT_XML_DEPTH + 1];
    uint32_t depth = 0;
    stack[0].name[0] = '\0';
    stack[0].object = t->object_id;
    const uint8_t *p = data, *end = data + len;
    while (p < end && !inspect_full(cx)) {
        const uint8_t *lt = memchr(p, '<', (size_t)(end - p)), *text = p, *text_end = lt ? lt : end;
        bool cdata = lt && end - lt >= 9 && memcmp(lt, "<![CDATA[", 9) == 0;
        if (cdata) {
            text = lt + 9;
            const uint8_t *close = memmem(text, (size_t)(end - text), "]]>", 3);
            text_end = close ? close : end;
        }
        while (text < text_end && content_is_space(*text))
            text++;
        if (text < text_end && depth > 0) {
            size_t n;
            const uint8_t *s = cdata ? text : content_xml_text(cx, text, (size_t)(text_end - text), &n);
            if (cdata)
                n = (size_t)(text_end - text);
            content_target v = {t->proto, stack[depth].name, LW_UNIT_FIELD, stack[depth - 1].object, t->layers};
            content_value(cx, &v, s, n);
        }
        if (lt == NULL)
            return;
        if (cdata) {
            p = text_end + 3 <= end ? text_end + 3 : end;
            continue;
        }
        const uint8_t *gt = memchr(lt, '>', (size_t)(end - lt));
        if (gt == NULL)
            return;
        if (lt + 1 < gt && lt[1] == '/') {
            depth -= depth > 0;
        } else if (lt + 1 < gt && lt[1] != '?' && lt[1] != '!' && gt[-1] != '/' && depth < CONTENT_XML_DEPTH) {
            depth++;
            content_xml_name(lt + 1, gt, stack[depth].name, sizeof stack[depth].name);
            stack[depth].object = inspect_new_object(cx);
            content_xml_attributes(cx, t, lt + 1, gt, stack[depth].object);
        }
        p = gt + 1;
    }
}

static bool content_looks_xml(const uint8_t *data, size_t len, const char *content_type)
{
    size_t i = 0;
    while (i < len && content_is_space(data[i]))
        i++;
    if (i + 1 >= len || data[i] != '<')
        return false;
    return content_type_is(content_type, "xml") || (len - i >= 5 && memcmp(data + i, "<?xml", 5) == 0);
}

/* ---- form-urlencoded ---------------------------------------------------------------- */

/* A form value as UTF-8: browsers send forms in the page's charset (declared on the request) and
 * write what it cannot hold as "&#N;" references. */
static const uint8_t *content_form_text(inspect_ctx *cx, const char *charset, const uint8_t *value, size_t len,
                                        size_t *out_len)
{
    const uint8_t *text = inspect_to_utf8(cx, charset, value, len, out_len);
    if (memmem(text, *out_len, "&#", 2))
        text = content_xml_text(cx, text, *out_len, out_len);
    return text;
}

static void content_form_pair(inspect_ctx *cx, const content_target *t, uint16_t object_id, const char *charset,
                              const uint8_t *p, size_t len)
{
    const uint8_t *eq = memchr(p, '=', len);
    if (eq == NULL)
        return;
    char key[32];
    size_t key_len = (size_t)(eq - p);
    key[inspect_percent_decode(p, key_len, (uint8_t *)key, sizeof key - 1, true)] = '\0';
    size_t raw_len = len - key_len - 1;
    uint8_t *value = raw_len > 0 ? inspect_alloc(cx, raw_len) : NULL;
    if (value == NULL)
        return;
    long n = inspect_percent_decode(eq + 1, raw_len, value, raw_len, true);
    size_t text_len;
    const uint8_t *text = content_form_text(cx, charset, value, (size_t)n, &text_len);
    content_target v = {t->proto, key, LW_UNIT_FIELD, object_id, (uint8_t)(t->layers | LW_LAYER_URLENC)};
    content_value(cx, &v, text, text_len);
}

static bool content_param(const uint8_t *v, size_t len, const char *param, char *out, size_t cap);

static void content_form(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len,
                         const char *content_type)
{
    char charset[32] = "";
    if (content_type != NULL)
        content_param((const uint8_t *)content_type, strlen(content_type), "charset", charset, sizeof charset);
    uint16_t object_id = inspect_new_object(cx);
    size_t start = 0;
    while (start < len && !inspect_full(cx)) {
        const uint8_t *amp = memchr(data + start, '&', len - start);
        size_t end = amp == NULL ? len : (size_t)(amp - data);
        content_form_pair(cx, t, object_id, charset, data + start, end - start);
        start = end + 1;
    }
}

/* ---- multipart ---------------------------------------------------------------------- */

typedef struct content_part {
    char name[32];
    char content_type[96];
    char encoding[32];  /* Content-Transfer-Encoding */
    bool has_filename;
} content_part;

/* Copy parameter `param` ("boundary", "name") of a header value into out; false if absent. */
static bool content_param(const uint8_t *v, size_t len, const char *param, char *out, size_t cap)
{
    size_t plen = strlen(param);
    for (size_t i = 1; i + plen < len; i++) {
        if ((v[i - 1] != ';' && v[i - 1] != ' ' && v[i - 1] != '\t') || strncasecmp((const char *)v + i, param, plen) != 0 ||
            v[i + plen] != '=')
            continue;
        size_t j = i + plen + 1, o = 0;
        bool quoted = j < len && v[j] == '"';
        j += quoted;
        while (j < len && o + 1 < cap && (quoted ? v[j] != '"' : v[j] != ';' && !content_is_space(v[j])))
            out[o++] = (char)v[j++];
        out[o] = '\0';
        return o > 0;
    }
    return false;
}

static void content_copy_value(const uint8_t *v, size_t len, char *out, size_t cap)
{
    while (len > 0 && content_is_space(v[0]))
        v++, len--;
    size_t n = len < cap - 1 ? len : cap - 1;
    memcpy(out, v, n);
    out[n] = '\0';
}

/* One header line of a part. */
static void content_part_header(content_part *part, const uint8_t *line, size_t len)
{
    const uint8_t *colon = memchr(line, ':', len);
    if (colon == NULL)
        return;
    size_t nlen = (size_t)(colon - line), vlen = len - nlen - 1;
    const uint8_t *v = colon + 1;
    char scratch[4];
    if (nlen == 19 && strncasecmp((const char *)line, "Content-Disposition", nlen) == 0) {
        content_param(v, vlen, "name", part->name, sizeof part->name);
        part->has_filename = content_param(v, vlen, "filename", scratch, sizeof scratch);
    } else if (nlen == 12 && strncasecmp((const char *)line, "Content-Type", nlen) == 0) {
        content_copy_value(v, vlen, part->content_type, sizeof part->content_type);
    } else if (nlen == 25 && strncasecmp((const char *)line, "Content-Transfer-Encoding", nlen) == 0) {
        content_copy_value(v, vlen, part->encoding, sizeof part->encoding);
    }
}

/* Parse part headers from p; returns the offset of the body, or len when cut. */
static size_t content_part_headers(content_part *part, const uint8_t *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const uint8_t *nl = memchr(p + i, '\n', len - i);
        if (nl == NULL)
            return len;
        size_t end = (size_t)(nl - p), line_len = end - i;
        if (line_len > 0 && p[end - 1] == '\r')
            line_len--;
        if (line_len == 0)
            return end + 1;
        content_part_header(part, p + i, line_len);
        i = end + 1;
    }
    return len;
}

bool inspect_content_type_is_binary(const char *content_type)
{
    static const char *const textual[] = {"text/", "json", "xml", "message/", "multipart/", "form-urlencoded",
                                          "javascript", "ecmascript"};
    if (content_type == NULL || content_type[0] == '\0')
        return false;
    for (size_t i = 0; i < LW_ARRAY_LEN(textual); i++)
        if (strcasestr(content_type, textual[i]) != NULL)
            return false;
    return true;
}

static void content_part_body(inspect_ctx *cx, const content_target *t, uint16_t object_id,
                              const content_part *part, const uint8_t *body, size_t len)
{
    content_target pt = *t;
    if (part->has_filename) {
        pt.kind = LW_UNIT_BODY; /* an attached file is a document, not the text of the form */
    } else if (part->name[0] != '\0') {
        pt.kind = LW_UNIT_FIELD;
        pt.object_id = object_id;
    }
    if (part->name[0] != '\0')
        pt.field = part->name;
    bool base64 = strcasecmp(part->encoding, "base64") == 0, qp = strcasecmp(part->encoding, "quoted-printable") == 0;
    if (base64 || qp) {
        uint8_t *out = inspect_alloc(cx, len);
        if (out == NULL)
            return;
        long n = base64 ? inspect_base64_decode(body, len, out, len) : inspect_qp_decode(body, len, out, len);
        if (n < 0)
            return;
        body = out;
        len = (size_t)n;
        pt.layers |= base64 ? LW_LAYER_BASE64 : LW_LAYER_QP;
    }
    content_dispatch(cx, &pt, body, len, part->content_type[0] != '\0' ? part->content_type : NULL);
}

static void content_multipart(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len,
                              const char *boundary)
{
    char delim[CONTENT_MAX_BOUNDARY + 5];
    uint16_t object_id = inspect_new_object(cx);
    size_t dlen = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", boundary), pos;
    /* the first delimiter may open the body without a preceding CRLF */
    if (len >= dlen - 2 && memcmp(data, delim + 2, dlen - 2) == 0) {
        pos = dlen - 2;
    } else {
        const uint8_t *first = memmem(data, len, delim, dlen);
        if (first == NULL)
            return;
        pos = (size_t)(first - data) + dlen;
    }
    while (pos + 2 <= len && memcmp(data + pos, "--", 2) != 0 && !inspect_full(cx)) {
        const uint8_t *eol = memchr(data + pos, '\n', len - pos); /* rest of the delimiter line */
        if (eol == NULL)
            return;
        pos = (size_t)(eol - data) + 1;
        content_part part = {0};
        size_t body = pos + content_part_headers(&part, data + pos, len - pos);
        const uint8_t *next = body < len ? memmem(data + body, len - body, delim, dlen) : NULL;
        size_t end = next == NULL ? len : (size_t)(next - data);
        if (body < end && !inspect_content_type_is_binary(part.content_type))
            content_part_body(cx, t, object_id, &part, data + body, end - body);
        if (next == NULL)
            return;
        pos = end + dlen;
    }
}

/* The boundary from the content type, or sniffed from a body that opens with "--token\r\n". */
static bool content_boundary(const char *content_type, const uint8_t *data, size_t len, char *out, size_t cap)
{
    if (content_type != NULL && strncasecmp(content_type, "multipart/", 10) == 0)
        return content_param((const uint8_t *)content_type, strlen(content_type), "boundary", out, cap);
    if (content_type != NULL || len < 4 || data[0] != '-' || data[1] != '-')
        return false;
    size_t i = 2;
    while (i < len && i - 2 < cap - 1 && data[i] > 0x20 && data[i] < 0x7f)
        i++;
    if (i == 2 || i - 2 > CONTENT_MAX_BOUNDARY || i >= len || (data[i] != '\r' && data[i] != '\n'))
        return false;
    memcpy(out, data + 2, i - 2);
    out[i - 2] = '\0';
    return memmem(data + i, len - i, "Content-", 8) != NULL;
}

/* ---- dispatch ----------------------------------------------------------------------- */

/* One more nested decoding of `data`, or plain text when the depth limit is reached. */
static void content_nested(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len,
                           const char *content_type)
{
    if (!inspect_enter_layer(cx)) {
        content_plain(cx, t, data, len);
        return;
    }
    content_dispatch(cx, t, data, len, content_type);
    inspect_leave_layer(cx);
}

static void content_inflated(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len)
{
    size_t cap;
    uint8_t *out = inspect_alloc_upto(cx, inspect_inflate_limit(cx), &cap);
    if (out == NULL)
        return;
    long n = inspect_inflate(data, len, out, cap);
    inspect_trim(cx, out, n > 0 ? (size_t)n : 0);
    content_target inner = *t;
    inner.layers |= LW_LAYER_GZIP;
    if (n > 0)
        content_nested(cx, &inner, out, (size_t)n, NULL);
}

/* Decode base64 and go on when the result is text, a document or binary records; false to
 * treat the input as it is. */
static bool content_base64(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len)
{
    uint8_t *out = inspect_alloc(cx, len);
    if (out == NULL)
        return false;
    long n = inspect_base64_decode(data, len, out, len);
    bool useful = n > 0 && (inspect_is_text(out, (size_t)n) || content_is_gzip(out, (size_t)n) ||
                            content_is_zlib(out, (size_t)n));
    if (!useful && n > 0) { /* binary records (gRPC-web's text mode, protobuf in a JSON string) */
        inspect_trim(cx, out, (size_t)n);
        if (inspect_extract_records(cx, t->proto, out, (size_t)n, (uint8_t)(t->layers | LW_LAYER_BASE64)))
            return true;
    }
    if (!useful) {
        inspect_trim(cx, out, 0);
        return false;
    }
    inspect_trim(cx, out, (size_t)n);
    content_target inner = *t;
    inner.layers |= LW_LAYER_BASE64;
    content_nested(cx, &inner, out, (size_t)n, NULL);
    return true;
}

static bool content_is_utf8_charset(const char *charset)
{
    return charset == NULL || !charset[0] || strcasecmp(charset, "utf-8") == 0 || strcasecmp(charset, "utf8") == 0 ||
           strcasecmp(charset, "us-ascii") == 0 || strcasecmp(charset, "ascii") == 0;
}

const uint8_t *inspect_to_utf8(inspect_ctx *cx, const char *charset, const uint8_t *p, size_t len, size_t *out_len)
{
    *out_len = len;
    if (content_is_utf8_charset(charset) || len == 0)
        return p;
    iconv_t cd = iconv_open("UTF-8", strcasecmp(charset, "gb2312") == 0 ? "GBK" : charset);
    if (cd == (iconv_t)-1)
        return p;
    size_t cap = len * 3 + 4;
    uint8_t *buf = inspect_alloc(cx, cap);
    if (buf != NULL) {
        char *src = (char *)(uintptr_t)p, *dst = (char *)buf;
        size_t src_left = len, dst_left = cap;
        while (src_left && iconv(cd, &src, &src_left, &dst, &dst_left) == (size_t)-1 && errno == EILSEQ) {
            src++; /* an invalid byte: skip it and go on */
            src_left--;
        }
        *out_len = cap - dst_left;
        inspect_trim(cx, buf, *out_len);
        p = buf;
    }
    iconv_close(cd);
    return p;
}

/* UTF-16 content: a byte-order mark, or a declared charset=utf-16 (little-endian unless it says
 * BE, as RFC 2781 readers of Windows-written text assume). -1 when not, else 1 big-endian. */
static int content_utf16_order(const uint8_t *data, size_t len, const char *content_type)
{
    if (len >= 2 && data[0] == 0xfe && data[1] == 0xff)
        return 1;
    if (len >= 2 && data[0] == 0xff && data[1] == 0xfe)
        return 0;
    if (!content_type_is(content_type, "utf-16"))
        return -1;
    return content_type_is(content_type, "utf-16be") ? 1 : 0;
}

/* UTF-16 content as UTF-8 (invalid code units dropped), handed on as the content it holds. */
static void content_utf16(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len, bool big_endian)
{
    size_t cap = len / 2 * 3 + 4, o = 0; /* a code unit takes at most 3 bytes of UTF-8, a pair 4 */
    uint8_t *out = inspect_alloc(cx, cap);
    if (out == NULL)
        return;
    bool bom = len >= 2 && ((data[0] == 0xfe && data[1] == 0xff) || (data[0] == 0xff && data[1] == 0xfe));
    for (size_t i = bom ? 2 : 0; i + 1 < len;) {
        uint32_t cp = 0;
        size_t n = text_utf16_next(data + i, len - i, big_endian, &cp);
        if (n > 0)
            o += text_put_utf8(out + o, cp);
        i += n ? n : 2;
    }
    inspect_trim(cx, out, o);
    if (o > 0)
        content_nested(cx, t, out, o, NULL);
}

/* The record after a JSON envelope's prefix: Engine.IO/Socket.IO packet digits ("42[…]"),
 * SockJS's frame letter ("a[…]"). NULL when none. */
static const uint8_t *content_envelope_body(const uint8_t *data, size_t len)
{
    size_t skip = 0;
    if (len > 1 && ((data[0] | 0x20) >= 'a' && (data[0] | 0x20) <= 'z'))
        skip = 1;
    else
        while (skip < len && skip < CONTENT_MAX_ENVELOPE && data[skip] >= '0' && data[skip] <= '9')
            skip++;
    return skip > 0 && skip < len && (data[skip] == '{' || data[skip] == '[') ? data + skip : NULL;
}

/* JSON records in a transport's envelope or separated by 0x1E (SignalR, JSON text sequences):
 * each record a JSON document. False, having emitted nothing, when any record is not one. */
static bool content_enveloped_json(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len)
{
    const uint8_t *end = data + len, *body = content_envelope_body(data, len);
    if (body == NULL && ((data[0] != 0x1e && data[0] != '{' && data[0] != '[') || !memchr(data, 0x1e, len)))
        return false;
    const uint8_t *start = body ? body : data;
    for (int pass = 0; pass < 2; pass++)
        for (const uint8_t *p = start, *rs; p < end; p = rs ? rs + 1 : end) {
            rs = memchr(p, 0x1e, (size_t)(end - p));
            size_t n = (size_t)((rs ? rs : end) - p);
            if (n == 0)
                continue;
            if (pass == 0 && !json_scan_looks_like_json(p, n))
                return false;
            if (pass == 1)
                content_json(cx, t, p, n);
        }
    return true;
}

static void content_dispatch(inspect_ctx *cx, const content_target *t, const uint8_t *data, size_t len,
                             const char *content_type)
{
    char boundary[CONTENT_MAX_BOUNDARY + 1];
    if (len == 0 || inspect_full(cx))
        return;
    if (content_boundary(content_type, data, len, boundary, sizeof boundary))
        content_multipart(cx, t, data, len, boundary);
    else if (content_is_gzip(data, len) || content_is_zlib(data, len))
        content_inflated(cx, t, data, len);
    else if (content_utf16_order(data, len, content_type) >= 0)
        content_utf16(cx, t, data, len, content_utf16_order(data, len, content_type) == 1);
    else if (content_enveloped_json(cx, t, data, len))
        return;
    else if (inspect_xmpp_carried(cx, data, len))
        return;
    else if (content_looks_xml(data, len, content_type))
        content_xml(cx, t, data, len);
    else if ((content_type_is(content_type, "json") || data[0] == '{' || data[0] == '[' || content_is_space(data[0])) &&
             json_scan_looks_like_json(data, len))
        content_json(cx, t, data, len);
    else if (content_looks_base64(data, len) && content_base64(cx, t, data, len))
        return;
    else if (content_type_is(content_type, "x-www-form-urlencoded") || (content_type == NULL && content_looks_form(data, len)))
        content_form(cx, t, data, len, content_type);
    else
        content_plain(cx, t, data, len);
}

void inspect_content(inspect_ctx *cx, const char *proto, const char *field, inspect_unit_kind kind,
                     const uint8_t *data, size_t len, uint8_t layers, const char *content_type)
{
    content_target t = {proto, field, kind, 0, layers};
    content_nested(cx, &t, data, len, content_type);
}
