/* json.c — the JSON writer every record goes through. Writes into the caller's buffer and
 * never allocates; on overflow it sets j->overflow and stops writing, so a record is either
 * whole or flagged. Strings come out as valid UTF-8 JSON whatever bytes went in: quotes,
 * backslashes and control bytes are escaped, and every ill-formed UTF-8 sequence (overlong,
 * surrogate, truncated, above U+10FFFF, stray continuation) becomes U+FFFD. Commas are
 * tracked with one flag: a key or a container start clears it, a finished value sets it. */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void json_raw(json_buf *j, const char *s, size_t n)
{
    if (j->overflow)
        return;
    if (n >= j->cap - j->len) {
        j->overflow = true;
        return;
    }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
    j->buf[j->len] = '\0';
}

static void json_separate(json_buf *j)
{
    if (j->need_comma)
        json_raw(j, ",", 1);
}

void json_init(json_buf *j, char *buf, size_t cap)
{
    j->buf = buf;
    j->cap = cap;
    j->len = 0;
    j->overflow = cap == 0;
    j->need_comma = false;
    if (cap)
        buf[0] = '\0';
}

static void json_open(json_buf *j, const char *c)
{
    json_separate(j);
    json_raw(j, c, 1);
    j->need_comma = false;
}

static void json_close(json_buf *j, const char *c)
{
    json_raw(j, c, 1);
    j->need_comma = true;
}

void json_object_begin(json_buf *j) { json_open(j, "{"); }
void json_object_end(json_buf *j) { json_close(j, "}"); }
void json_array_begin(json_buf *j) { json_open(j, "["); }
void json_array_end(json_buf *j) { json_close(j, "]"); }

/* Length of the well-formed UTF-8 sequence at s (Unicode Table 3-7), or, when it is
 * ill-formed, minus the length of its maximal valid prefix (at least 1 byte is consumed). */
static int utf8_sequence(const uint8_t *s, size_t n)
{
    uint8_t b = s[0], lo = 0x80, hi = 0xBF;
    int need;
    if (b >= 0xC2 && b <= 0xDF)
        need = 1;
    else if (b >= 0xE0 && b <= 0xEF)
        need = 2;
    else if (b >= 0xF0 && b <= 0xF4)
        need = 3;
    else
        return -1;
    if (b == 0xE0)
        lo = 0xA0;
    else if (b == 0xED)
        hi = 0x9F;
    else if (b == 0xF0)
        lo = 0x90;
    else if (b == 0xF4)
        hi = 0x8F;
    for (int i = 1; i <= need; i++) {
        if ((size_t)i >= n || s[i] < lo || s[i] > hi)
            return -i;
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

static void json_escape_byte(json_buf *j, uint8_t c)
{
    static const char hex[] = "0123456789abcdef";
    const char *short_form = NULL;
    switch (c) {
    case '"': short_form = "\\\""; break;
    case '\\': short_form = "\\\\"; break;
    case '\n': short_form = "\\n"; break;
    case '\r': short_form = "\\r"; break;
    case '\t': short_form = "\\t"; break;
    case '\b': short_form = "\\b"; break;
    case '\f': short_form = "\\f"; break;
    default: break;
    }
    if (short_form) {
        json_raw(j, short_form, 2);
        return;
    }
    char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    json_raw(j, u, sizeof u);
}

static void json_string_body(json_buf *j, const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n && !j->overflow) {
        size_t run = i; /* bytes that go out as they are: one copy */
        while (run < n && s[run] >= 0x20 && s[run] < 0x7F && s[run] != '"' && s[run] != '\\')
            run++;
        if (run > i) {
            json_raw(j, (const char *)s + i, run - i);
            i = run;
            continue;
        }
        uint8_t c = s[i];
        if (c < 0x80) {
            json_escape_byte(j, c);
            i++;
            continue;
        }
        int len = utf8_sequence(s + i, n - i);
        if (len > 0) {
            json_raw(j, (const char *)&s[i], (size_t)len);
            i += (size_t)len;
        } else {
            json_raw(j, "\xEF\xBF\xBD", 3);
            i += (size_t)-len;
        }
    }
}

void json_string_n(json_buf *j, const uint8_t *s, size_t n)
{
    json_separate(j);
    json_raw(j, "\"", 1);
    json_string_body(j, s, n);
    json_raw(j, "\"", 1);
    j->need_comma = true;
}

void json_string(json_buf *j, const char *s)
{
    if (!s)
        json_null(j);
    else
        json_string_n(j, (const uint8_t *)s, strlen(s));
}

void json_key(json_buf *j, const char *key)
{
    json_string(j, key);
    json_raw(j, ":", 1);
    j->need_comma = false;
}

static void json_literal(json_buf *j, const char *text)
{
    json_separate(j);
    json_raw(j, text, strlen(text));
    j->need_comma = true;
}

/* Decimal digits of v ending at end (exclusive), with a '-' before them when negative. */
static char *json_digits(char *end, uint64_t v, bool negative)
{
    char *p = end;
    *--p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (negative)
        *--p = '-';
    return p;
}

void json_uint(json_buf *j, uint64_t v)
{
    char t[24];
    json_literal(j, json_digits(t + sizeof t, v, false));
}

void json_int(json_buf *j, int64_t v)
{
    char t[24];
    json_literal(j, json_digits(t + sizeof t, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0));
}

void json_double(json_buf *j, double v, int decimals)
{
    char t[340]; /* DBL_MAX has 309 integer digits */
    if (!isfinite(v)) {
        json_null(j);
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    snprintf(t, sizeof t, "%.*f", decimals, v);
    json_literal(j, t);
}

void json_bool(json_buf *j, bool v) { json_literal(j, v ? "true" : "false"); }
void json_null(json_buf *j) { json_literal(j, "null"); }

void json_kv_string(json_buf *j, const char *key, const char *s)
{
    json_key(j, key);
    json_string(j, s);
}

void json_kv_uint(json_buf *j, const char *key, uint64_t v)
{
    json_key(j, key);
    json_uint(j, v);
}

const char *json_timestamp(uint64_t ts_us, char *buf, size_t len)
{
    time_t sec = (time_t)(ts_us / 1000000u);
    struct tm tm;
    char day[32];
    if (!gmtime_r(&sec, &tm) || strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
        snprintf(day, sizeof day, "1970-01-01T00:00:00");
    snprintf(buf, len, "%s.%06u+0000", day, (unsigned)(ts_us % 1000000u));
    return buf;
}
