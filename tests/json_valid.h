/* json_valid.h — a strict JSON (RFC 8259) and UTF-8 validator for the tests of the JSON
 * writer and the alert record. Independent of src/json.c on purpose: it is the judge.
 * Test-only; header-only so each test program includes its own copy. */
#ifndef LW_TEST_JSON_VALID_H
#define LW_TEST_JSON_VALID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct jv { const uint8_t *s; size_t n, i; int depth; } jv;

static bool jv_value(jv *v);

static void jv_ws(jv *v)
{
    while (v->i < v->n && (v->s[v->i] == ' ' || v->s[v->i] == '\t' || v->s[v->i] == '\n' || v->s[v->i] == '\r'))
        v->i++;
}

static bool jv_eat(jv *v, char c)
{
    jv_ws(v);
    if (v->i < v->n && v->s[v->i] == c) {
        v->i++;
        return true;
    }
    return false;
}

/* One UTF-8 scalar value, decoded independently of the writer's tables. */
static bool jv_utf8(jv *v)
{
    uint8_t b = v->s[v->i];
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
    if (extra < 0 || b > 0xF7 || v->i + (size_t)extra >= v->n)
        return false;
    uint32_t cp = b & (0x3F >> extra);
    for (int k = 1; k <= extra; k++) {
        uint8_t c = v->s[v->i + (size_t)k];
        if ((c & 0xC0) != 0x80)
            return false;
        cp = (cp << 6) | (c & 0x3F);
    }
    static const uint32_t min_cp[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
    v->i += (size_t)extra + 1;
    return true;
}

static bool jv_string(jv *v)
{
    if (!jv_eat(v, '"'))
        return false;
    while (v->i < v->n) {
        uint8_t c = v->s[v->i];
        if (c == '"') {
            v->i++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (++v->i >= v->n)
                return false;
            c = v->s[v->i++];
            if (c == 'u') {
                for (int k = 0; k < 4; k++, v->i++)
                    if (v->i >= v->n || !strchr("0123456789abcdefABCDEF", v->s[v->i]) || !v->s[v->i])
                        return false;
            } else if (!c || !strchr("\"\\/bfnrt", c)) {
                return false;
            }
        } else if (c >= 0x80) {
            if (!jv_utf8(v))
                return false;
        } else {
            v->i++;
        }
    }
    return false;
}

static bool jv_digits(jv *v)
{
    size_t start = v->i;
    while (v->i < v->n && v->s[v->i] >= '0' && v->s[v->i] <= '9')
        v->i++;
    return v->i > start;
}

static bool jv_number(jv *v)
{
    if (v->i < v->n && v->s[v->i] == '-')
        v->i++;
    if (v->i < v->n && v->s[v->i] == '0')
        v->i++;
    else if (!jv_digits(v))
        return false;
    if (v->i < v->n && v->s[v->i] == '.') {
        v->i++;
        if (!jv_digits(v))
            return false;
    }
    if (v->i < v->n && (v->s[v->i] == 'e' || v->s[v->i] == 'E')) {
        v->i++;
        if (v->i < v->n && (v->s[v->i] == '+' || v->s[v->i] == '-'))
            v->i++;
        if (!jv_digits(v))
            return false;
    }
    return true;
}

static bool jv_word(jv *v, const char *w)
{
    size_t n = strlen(w);
    if (v->n - v->i < n || memcmp(v->s + v->i, w, n) != 0)
        return false;
    v->i += n;
    return true;
}

static bool jv_container(jv *v, char close, bool object)
{
    if (++v->depth > 64)
        return false;
    if (jv_eat(v, close)) {
        v->depth--;
        return true;
    }
    do {
        if (object && (!jv_string(v) || !jv_eat(v, ':')))
            return false;
        if (!jv_value(v))
            return false;
    } while (jv_eat(v, ','));
    v->depth--;
    return jv_eat(v, close);
}

static bool jv_value(jv *v)
{
    jv_ws(v);
    if (v->i >= v->n)
        return false;
    switch (v->s[v->i]) {
    case '{': v->i++; return jv_container(v, '}', true);
    case '[': v->i++; return jv_container(v, ']', false);
    case '"': return jv_string(v);
    case 't': return jv_word(v, "true");
    case 'f': return jv_word(v, "false");
    case 'n': return jv_word(v, "null");
    default: return jv_number(v);
    }
}

/* True when text[0..n) is exactly one valid JSON value in valid UTF-8. */
static inline bool json_valid(const char *text, size_t n)
{
    jv v = {(const uint8_t *)text, n, 0, 0};
    if (!jv_value(&v))
        return false;
    jv_ws(&v);
    return v.i == n;
}

#endif
