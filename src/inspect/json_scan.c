/* json_scan.c — allocation-free JSON tokenizer (see json_scan.h). Owns nothing: the state is
 * the caller's json_scan. Never reads past data+len; a value cut by the end of input ends the
 * scan cleanly instead of failing, because captured streams stop at a byte budget. */
#include "json_scan.h"

#include <string.h>

enum { S_VALUE, S_VALUE_OR_CLOSE, S_KEY, S_KEY_OR_CLOSE, S_COLON, S_NEXT };

void json_scan_init(json_scan *js, const uint8_t *data, size_t len)
{
    memset(js, 0, sizeof *js);
    js->data = data;
    js->len = len;
    js->expect = S_VALUE;
}

static void json_skip_space(json_scan *js)
{
    while (js->pos < js->len) {
        uint8_t c = js->data[js->pos];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            break;
        js->pos++;
    }
}

static json_token_type json_fail(json_scan *js)
{
    js->pos = js->len;
    js->expect = S_VALUE;
    js->depth = JSON_SCAN_MAX_DEPTH + 1; /* sticky: every later call fails too */
    return JSON_TOK_ERROR;
}

static void json_value_done(json_scan *js)
{
    js->expect = js->depth == 0 ? S_VALUE : S_NEXT;
}

/* Scan a string whose opening quote is at pos; fills tok; false when cut by the end. */
static bool json_scan_string(json_scan *js, json_token *tok, bool *bad)
{
    size_t i = js->pos + 1;
    tok->raw = js->data + i;
    while (i < js->len) {
        uint8_t c = js->data[i];
        if (c == '"') {
            tok->raw_len = (size_t)(js->data + i - tok->raw);
            js->pos = i + 1;
            return true;
        }
        if (c < 0x20) {
            *bad = true;
            return false;
        }
        i += c == '\\' ? 2 : 1;
    }
    tok->raw_len = js->len - (size_t)(tok->raw - js->data);
    if (tok->raw_len > 0 && js->data[js->len - 1] == '\\' && i > js->len)
        tok->raw_len--; /* a lone trailing backslash */
    js->pos = js->len;
    tok->cut = true;
    return false;
}

static json_token_type json_scan_scalar(json_scan *js, json_token *tok)
{
    static const char *const literals[] = {"true", "false", "null"};
    const uint8_t *p = js->data + js->pos;
    size_t avail = js->len - js->pos, n = 0;
    tok->raw = p;
    if (p[0] == '-' || (p[0] >= '0' && p[0] <= '9')) {
        while (n < avail && (memchr("+-.eE", p[n], 5) != NULL || (p[n] >= '0' && p[n] <= '9')))
            n++;
    } else {
        for (size_t k = 0; k < LW_ARRAY_LEN(literals); k++) {
            size_t l = strlen(literals[k]);
            size_t m = avail < l ? avail : l;
            if (memcmp(p, literals[k], m) == 0) {
                n = m < l ? avail + 1 : l; /* avail + 1 marks "cut" */
                break;
            }
        }
        if (n == 0)
            return json_fail(js);
    }
    if (n >= avail) { /* cut at the end: the value may be incomplete */
        js->pos = js->len;
        return JSON_TOK_END;
    }
    tok->raw_len = n;
    js->pos += n;
    json_value_done(js);
    return JSON_TOK_SCALAR;
}

static json_token_type json_open(json_scan *js, bool object)
{
    if (js->depth >= JSON_SCAN_MAX_DEPTH)
        return json_fail(js);
    js->in_object[js->depth++] = object;
    js->pos++;
    js->expect = object ? S_KEY_OR_CLOSE : S_VALUE_OR_CLOSE;
    return object ? JSON_TOK_OBJECT_BEGIN : JSON_TOK_ARRAY_BEGIN;
}

static json_token_type json_close(json_scan *js, bool object)
{
    if (js->depth == 0 || js->in_object[js->depth - 1] != object)
        return json_fail(js);
    js->depth--;
    js->pos++;
    json_value_done(js);
    return object ? JSON_TOK_OBJECT_END : JSON_TOK_ARRAY_END;
}

static json_token_type json_string_token(json_scan *js, json_token *tok, bool key)
{
    bool bad = false;
    if (!json_scan_string(js, tok, &bad)) {
        if (bad)
            return json_fail(js);
        return key ? JSON_TOK_END : JSON_TOK_STRING; /* a cut value still carries text */
    }
    if (key) {
        js->expect = S_COLON;
        return JSON_TOK_KEY;
    }
    json_value_done(js);
    return JSON_TOK_STRING;
}

static json_token_type json_after_value(json_scan *js, uint8_t c)
{
    if (c == ',') {
        js->pos++;
        js->expect = js->in_object[js->depth - 1] ? S_KEY : S_VALUE;
        return JSON_TOK_END; /* not a token: the caller loops */
    }
    if (c == '}' || c == ']')
        return json_close(js, c == '}');
    return json_fail(js);
}

static json_token_type json_scan_step(json_scan *js, json_token *tok, bool *again)
{
    uint8_t c = js->data[js->pos];
    *again = false;
    switch (js->expect) {
    case S_KEY_OR_CLOSE:
        if (c == '}')
            return json_close(js, true);
        /* fall through */
    case S_KEY:
        return c == '"' ? json_string_token(js, tok, true) : json_fail(js);
    case S_COLON:
        if (c != ':')
            return json_fail(js);
        js->pos++;
        js->expect = S_VALUE;
        *again = true;
        return JSON_TOK_END;
    case S_NEXT:
        *again = c == ',';
        return json_after_value(js, c);
    case S_VALUE_OR_CLOSE:
        if (c == ']')
            return json_close(js, false);
        /* fall through */
    default:
        if (c == '{' || c == '[')
            return json_open(js, c == '{');
        if (c == '"')
            return json_string_token(js, tok, false);
        return json_scan_scalar(js, tok);
    }
}

json_token_type json_scan_next(json_scan *js, json_token *tok)
{
    memset(tok, 0, sizeof *tok);
    if (js->depth > JSON_SCAN_MAX_DEPTH)
        return JSON_TOK_ERROR;
    for (;;) {
        json_skip_space(js);
        if (js->pos >= js->len)
            return JSON_TOK_END;
        bool again;
        json_token_type t = json_scan_step(js, tok, &again);
        tok->type = t;
        if (!again)
            return t;
    }
}

static int json_hex4(const uint8_t *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t json_put_utf8(uint32_t cp, uint8_t *out)
{
    if (cp < 0x80) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xc0 | cp >> 6);
        out[1] = (uint8_t)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xe0 | cp >> 12);
        out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (uint8_t)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (uint8_t)(0xf0 | cp >> 18);
    out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (uint8_t)(0x80 | (cp & 0x3f));
    return 4;
}

/* Decode \uXXXX (and a following low surrogate) at raw[i] (the 'u'); returns bytes consumed
 * after the backslash, 0 when the escape is cut or malformed. */
static size_t json_unicode_escape(const uint8_t *raw, size_t len, size_t i, uint32_t *cp)
{
    if (i + 5 > len)
        return 0;
    int hi = json_hex4(raw + i + 1);
    if (hi < 0)
        return 0;
    *cp = (uint32_t)hi;
    if (hi >= 0xdc00 && hi <= 0xdfff) {
        *cp = 0xfffd;
    } else if (hi >= 0xd800 && hi <= 0xdbff) {
        int lo = i + 11 <= len && raw[i + 5] == '\\' && raw[i + 6] == 'u' ? json_hex4(raw + i + 7) : -1;
        if (lo < 0xdc00 || lo > 0xdfff) {
            *cp = 0xfffd;
            return 5;
        }
        *cp = 0x10000 + (((uint32_t)hi - 0xd800) << 10) + ((uint32_t)lo - 0xdc00);
        return 11;
    }
    return 5;
}

size_t json_unescape(const uint8_t *raw, size_t raw_len, uint8_t *out, size_t cap)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    size_t o = 0, i = 0;
    while (i < raw_len && o < cap) {
        if (raw[i] != '\\' || i + 1 >= raw_len) {
            out[o++] = raw[i++];
            continue;
        }
        const char *e = memchr(from, raw[i + 1], sizeof from - 1);
        if (e != NULL) {
            out[o++] = (uint8_t)to[e - from];
            i += 2;
            continue;
        }
        uint32_t cp;
        size_t used = raw[i + 1] == 'u' ? json_unicode_escape(raw, raw_len, i + 1, &cp) : 0;
        if (used == 0) {
            out[o++] = raw[i++];
            continue;
        }
        uint8_t utf8[4];
        size_t n = json_put_utf8(cp, utf8);
        if (o + n > cap)
            break;
        memcpy(out + o, utf8, n);
        o += n;
        i += 1 + used;
    }
    return o;
}

#define JSON_SNIFF_TOKENS 256 /* past JSON_SCAN_MAX_DEPTH: a too deep document still fails */

bool json_scan_looks_like_json(const uint8_t *data, size_t len)
{
    json_scan js;
    json_token tok;
    json_scan_init(&js, data, len);
    json_skip_space(&js);
    if (js.pos >= len || (data[js.pos] != '{' && data[js.pos] != '['))
        return false;
    json_token_type t;
    for (int n = 0; n < JSON_SNIFF_TOKENS && (t = json_scan_next(&js, &tok)) != JSON_TOK_END; n++)
        if (t == JSON_TOK_ERROR)
            return false;
    return true;
}
