/* json_tree.c — a recursive-descent JSON parser into a tree of heap nodes. Recursion is
 * bounded by JSON_TREE_MAX_DEPTH, so a hostile line of ten thousand '[' is an error, not a
 * stack overflow; every read checks the end of the text first. Numbers go through strtod
 * after their grammar is checked here. */
#include "json_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct json_tree {
    json_value *root;
};

typedef struct json_parser {
    const char *start, *p, *end;
    int depth;
    char *err;
    size_t errlen;
    bool failed;
} json_parser;

typedef struct json_text {
    char *s;
    size_t len, cap;
} json_text;

static json_value *json_parse_value(json_parser *j);

static void *json_fail(json_parser *j, const char *what)
{
    if (!j->failed)
        snprintf(j->err, j->errlen, "byte %zu: %s", (size_t)(j->p - j->start), what);
    j->failed = true;
    return NULL;
}

static void json_value_free(json_value *v)
{
    if (!v)
        return;
    for (size_t i = 0; (v->type == JSON_ARRAY || v->type == JSON_OBJECT) && i < v->length; i++) {
        json_value_free(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
    free(v);
}

static void json_skip_space(json_parser *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static json_value *json_new(json_parser *j, json_type type)
{
    json_value *v = calloc(1, sizeof *v);
    if (!v)
        return json_fail(j, "out of memory");
    v->type = type;
    return v;
}

static bool json_text_put(json_text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 32;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *grown = realloc(t->s, cap);
        if (!grown)
            return false;
        t->s = grown;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
    return true;
}

static bool json_put_code_point(json_text *t, uint32_t cp)
{
    char u[4];
    if (cp < 0x80)
        return u[0] = (char)cp, json_text_put(t, u, 1);
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F));
        return json_text_put(t, u, 2);
    }
    if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 0x3F)), u[2] = (char)(0x80 | (cp & 0x3F));
        return json_text_put(t, u, 3);
    }
    u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    u[2] = (char)(0x80 | (cp >> 6 & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F));
    return json_text_put(t, u, 4);
}

static bool json_hex4(json_parser *j, uint32_t *out)
{
    if (j->end - j->p < 4)
        return false;
    *out = 0;
    for (int i = 0; i < 4; i++) {
        char c = j->p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return false;
        *out = *out << 4 | (uint32_t)d;
    }
    j->p += 4;
    return true;
}

/* After "\u": a code point, pairing surrogates; a lone one is U+FFFD. */
static bool json_unicode_escape(json_parser *j, uint32_t *cp)
{
    if (!json_hex4(j, cp))
        return false;
    if (*cp < 0xD800 || *cp > 0xDFFF)
        return true;
    uint32_t low;
    if (*cp <= 0xDBFF && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
        const char *back = j->p;
        j->p += 2;
        if (json_hex4(j, &low) && low >= 0xDC00 && low <= 0xDFFF) {
            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (low - 0xDC00);
            return true;
        }
        j->p = back;
    }
    *cp = 0xFFFD;
    return true;
}

static bool json_escape(json_parser *j, json_text *t)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    if (j->p >= j->end)
        return json_fail(j, "unterminated string"), false;
    char c = *j->p++;
    const char *hit = c ? strchr(from, c) : NULL;
    if (hit)
        return json_text_put(t, &to[hit - from], 1);
    uint32_t cp;
    if (c != 'u' || !json_unicode_escape(j, &cp))
        return json_fail(j, "bad escape in a string"), false;
    return json_put_code_point(t, cp);
}

/* At the opening quote; the decoded string into t. */
static bool json_parse_text(json_parser *j, json_text *t)
{
    j->p++;
    while (j->p < j->end && *j->p != '"') {
        const char *run = j->p;
        while (j->p < j->end && *j->p != '"' && *j->p != '\\' && (unsigned char)*j->p >= 0x20)
            j->p++;
        if (!json_text_put(t, run, (size_t)(j->p - run)))
            return json_fail(j, "out of memory"), false;
        if (j->p < j->end && (unsigned char)*j->p < 0x20)
            return json_fail(j, "control character in a string"), false;
        if (j->p < j->end && *j->p == '\\') {
            j->p++;
            if (!json_escape(j, t))
                return false;
        }
    }
    if (j->p >= j->end)
        return json_fail(j, "unterminated string"), false;
    j->p++;
    if (!t->s && !json_text_put(t, "", 0))
        return json_fail(j, "out of memory"), false;
    return true;
}

static json_value *json_parse_string(json_parser *j)
{
    json_text t = {0};
    json_value *v = json_parse_text(j, &t) ? json_new(j, JSON_STRING) : NULL;
    if (!v) {
        free(t.s);
        return NULL;
    }
    v->string = t.s;
    v->length = t.len;
    return v;
}

static size_t json_digits(json_parser *j)
{
    const char *from = j->p;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
        j->p++;
    return (size_t)(j->p - from);
}

static json_value *json_parse_number(json_parser *j)
{
    const char *from = j->p;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    size_t int_digits = json_digits(j);
    if (int_digits == 0 || (int_digits > 1 && from[*from == '-'] == '0'))
        return json_fail(j, "bad number");
    if (j->p < j->end && *j->p == '.' && (j->p++, json_digits(j) == 0))
        return json_fail(j, "bad number");
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (json_digits(j) == 0)
            return json_fail(j, "bad number");
    }
    char buf[64];
    size_t n = (size_t)(j->p - from);
    if (n >= sizeof buf)
        return json_fail(j, "number too long");
    memcpy(buf, from, n);
    buf[n] = '\0';
    json_value *v = json_new(j, JSON_NUMBER);
    if (v)
        v->number = strtod(buf, NULL);
    return v;
}

static json_value *json_parse_literal(json_parser *j)
{
    static const struct {
        const char *word;
        json_type type;
        bool value;
    } words[] = {{"true", JSON_BOOL, true}, {"false", JSON_BOOL, false}, {"null", JSON_NULL, false}};
    for (size_t i = 0; i < LW_ARRAY_LEN(words); i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(j->end - j->p) >= n && memcmp(j->p, words[i].word, n) == 0) {
            j->p += n;
            json_value *v = json_new(j, words[i].type);
            if (v)
                v->boolean = words[i].value;
            return v;
        }
    }
    return json_fail(j, "expected a value");
}

static bool json_add(json_parser *j, json_value *parent, json_value *item, char *key)
{
    json_value **items = realloc(parent->items, (parent->length + 1) * sizeof *items);
    if (items)
        parent->items = items;
    char **keys = parent->type == JSON_OBJECT ? realloc(parent->keys, (parent->length + 1) * sizeof *keys) : NULL;
    if (keys)
        parent->keys = keys;
    if (!items || (parent->type == JSON_OBJECT && !keys)) {
        json_value_free(item);
        free(key);
        return json_fail(j, "out of memory"), false;
    }
    items[parent->length] = item;
    if (keys)
        keys[parent->length] = key;
    parent->length++;
    return true;
}

/* One object member: "key" : value. */
static bool json_parse_member(json_parser *j, json_value *obj)
{
    json_text key = {0};
    json_skip_space(j);
    if (j->p >= j->end || *j->p != '"')
        return json_fail(j, "expected a member name"), false;
    if (!json_parse_text(j, &key))
        return free(key.s), false;
    json_skip_space(j);
    if (j->p >= j->end || *j->p != ':') {
        free(key.s);
        return json_fail(j, "expected ':'"), false;
    }
    j->p++;
    json_value *v = json_parse_value(j);
    if (!v)
        return free(key.s), false;
    return json_add(j, obj, v, key.s);
}

static bool json_parse_element(json_parser *j, json_value *array)
{
    json_value *item = json_parse_value(j);
    return item && json_add(j, array, item, NULL);
}

/* At '[' or '{': the elements or members up to the matching close. */
static json_value *json_parse_compound(json_parser *j, json_type type)
{
    char close = type == JSON_ARRAY ? ']' : '}';
    if (j->depth == JSON_TREE_MAX_DEPTH)
        return json_fail(j, "nested too deeply");
    json_value *v = json_new(j, type);
    bool ok = v != NULL;
    j->depth++;
    j->p++;
    json_skip_space(j);
    if (ok && j->p < j->end && *j->p == close) {
        j->p++;
        j->depth--;
        return v;
    }
    while (ok) {
        ok = type == JSON_OBJECT ? json_parse_member(j, v) : json_parse_element(j, v);
        json_skip_space(j);
        if (!ok || j->p >= j->end || (*j->p != ',' && *j->p != close)) {
            ok = ok ? json_fail(j, type == JSON_ARRAY ? "expected ',' or ']'" : "expected ',' or '}'") != NULL : false;
            break;
        }
        if (*j->p++ == close)
            break;
    }
    j->depth--;
    if (!ok) {
        json_value_free(v);
        return NULL;
    }
    return v;
}

static json_value *json_parse_value(json_parser *j)
{
    json_skip_space(j);
    if (j->p >= j->end)
        return json_fail(j, "expected a value");
    char c = *j->p;
    if (c == '{' || c == '[')
        return json_parse_compound(j, c == '{' ? JSON_OBJECT : JSON_ARRAY);
    if (c == '"')
        return json_parse_string(j);
    if (c == '-' || (c >= '0' && c <= '9'))
        return json_parse_number(j);
    return json_parse_literal(j);
}

json_tree *json_tree_parse(const char *text, size_t len, char *err, size_t errlen)
{
    json_parser j = {text, text, text + len, 0, err, errlen, false};
    json_tree *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    t->root = json_parse_value(&j);
    json_skip_space(&j);
    if (t->root && j.p != j.end)
        json_fail(&j, "text after the value");
    if (j.failed) {
        json_tree_free(t);
        return NULL;
    }
    return t;
}

const json_value *json_tree_root(const json_tree *t)
{
    return t->root;
}

void json_tree_free(json_tree *t)
{
    if (!t)
        return;
    json_value_free(t->root);
    free(t);
}

const json_value *json_member(const json_value *obj, const char *key)
{
    for (size_t i = 0; obj && obj->type == JSON_OBJECT && i < obj->length; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i];
    return NULL;
}

const json_value *json_path(const json_value *v, const char *path)
{
    char name[64];
    while (v && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof name)
            return NULL;
        memcpy(name, path, n);
        name[n] = '\0';
        v = json_member(v, name);
        path += n + (path[n] == '.');
    }
    return v;
}

const char *json_path_string(const json_value *v, const char *path)
{
    v = json_path(v, path);
    return v && v->type == JSON_STRING ? v->string : NULL;
}

bool json_path_number(const json_value *v, const char *path, double *out)
{
    v = json_path(v, path);
    if (!v || v->type != JSON_NUMBER)
        return false;
    *out = v->number;
    return true;
}
