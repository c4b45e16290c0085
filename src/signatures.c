/* signatures.c — loads signature packs (YAML files under signatures/, format in
 * signatures/README.md) into a read-only sig_set and matches flow contexts against it.
 *
 * Loading reads each pack under the limits every YAML loader shares (yamlfile.h: a regular file
 * of at most 1 MiB, depth, nodes with aliases expanded, anchors) and walks its tree with one
 * table of accepted keys per mapping, so every error names file:line:column. The set has its
 * own budget, checked as it is read: packs, signatures, content patterns, the size of each
 * pattern once bounded repeats are unrolled, and duplicate ids (refused at the second
 * definition, before its patterns pile up). Hyperscan's compile time and memory still grow
 * out of proportion for some pattern sets (twenty `(ab|cd){250}` take seconds), so the database
 * is compiled in a child process with a CPU budget (0.5 s), a deadline and a memory limit and handed back
 * serialized: a set too costly to compile is an error naming its costliest pattern, never a
 * stalled start-up or reload. Matching compiles every content pattern of every
 * signature into one Hyperscan (vectorscan) block database: one hs_scan per inspected unit
 * sets a bit per matched pattern, then signatures are evaluated in ascending id order over
 * those bits. Host patterns live in a sorted table looked up once per name label, never as
 * regexes. Owns the set and the per-worker scratch; never allocates while matching, never
 * logs, never sees message text beyond the scan. */
#include "signatures.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <hs/hs.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#include "yamlfile.h"

enum { SIG_DIR_ANY, SIG_DIR_TO_SERVER, SIG_DIR_TO_CLIENT };
enum { SIG_HOST_EXACT, SIG_HOST_SUBDOMAINS, SIG_HOST_DOMAIN }; /* "x", "*.x", ".x" */

#define SIG_MAX_JSON_KEYS 32
#define SIG_MAX_PACKS 1000
#define SIG_MAX_SIGNATURES 10000
#define SIG_MAX_PATTERNS 10000
#define SIG_MAX_PATTERN_WEIGHT 4096  /* positions of one pattern, bounded repeats unrolled */
#define SIG_MAX_REGEX_GROUPS 32      /* nested groups of one regex */
#define SIG_COMPILE_CPU_MS 500       /* the whole database: CPU time (a loaded host still fits; default packs 2 ms) … */
#define SIG_COMPILE_CPU_MS_VALGRIND 10000 /* … under valgrind, which spends 0.85 s translating for the default packs … */
#define SIG_COMPILE_MIB 64           /* … and memory beyond what the process already maps */
#define SIG_COMPILE_WALL_MS 60000    /* a compiler that gets no CPU at all (stopped, starved) */
#define SIG_JSON_SLOTS (4 * LW_INSPECT_MAX_UNITS) /* > 2 × LW_INSPECT_MAX_UNITS: the probe never fills up */

typedef struct sig_pattern {
    char *expr;           /* Hyperscan expression (literals hex-escaped) */
    unsigned flags;
    uint8_t unit_kind;    /* inspect_unit_kind, 0 = any */
    char field[32];       /* "" = any */
    char label[40];       /* "content:<name>" */
    char *where;          /* file:line:col, for compile errors */
    uint32_t weight;      /* positions once bounded repeats are unrolled (regex_weight) */
    bool is_regex;
} sig_pattern;

typedef struct sig_port_range {
    uint16_t lo, hi;
} sig_port_range;

typedef struct sig_rule {
    signature sig;        /* first: sigset_get hands out &rule->sig */
    char *where;          /* file:line:col of the id */
    char **protocols;
    size_t n_protocols;
    char **json_keys;
    size_t n_json_keys;
    char **hosts;         /* as written; the lookup table is sig_set.host_table */
    size_t n_hosts;
    sig_port_range *ports;
    size_t n_ports;
    uint32_t first_pattern, n_patterns;
    uint32_t min_bytes, min_text;
    uint8_t direction;
    uint8_t verdicts;     /* bit per lw_verdict, 0 = any */
    int8_t message;       /* -1 any, 0 must not be a message, 1 must be */
    bool content_any;
    bool fallback;        /* only when no other signature of the same category hit */
} sig_rule;

typedef struct sig_host_entry {
    char *name;           /* lower case, no trailing dot, no "*." / "." prefix */
    uint32_t rule;
    uint8_t kind;
    uint16_t pattern;     /* index into the rule's hosts */
} sig_host_entry;

struct sig_set {
    sig_rule *rules;
    size_t n_rules, cap_rules;
    sig_pattern *patterns;
    size_t n_patterns, cap_patterns;
    sig_host_entry *host_table;
    size_t n_host_entries;
    size_t n_files;
    uint32_t *id_slots;     /* while loading: rule index + 1 by id hash, 0 = empty */
    size_t id_cap;
    hs_database_t *db;
    bool wants_payload;
    bool wants_message;     /* some signature has a message condition: the message model is needed */
    bool scan_any_field[8]; /* per unit kind: some pattern applies whatever the unit's field */
    sig_pattern **scoped;   /* one field-scoped pattern per distinct (unit kind, field) */
    size_t n_scoped;
};

typedef struct sig_json_slot {
    uint32_t gen;
    uint16_t object_id;
    uint32_t mask;
} sig_json_slot;

struct sig_scratch {
    const sig_set *set;
    hs_scratch_t *hs;
    uint64_t *pattern_bits;
    int32_t *host_hit;    /* per rule: host_table index that matched, -1 none */
    bool *matched;        /* per rule: conditions held in this call */
    sig_hit *hits;        /* per rule: its evidence labels in this call */
    uint32_t json_gen;
    sig_json_slot json[SIG_JSON_SLOTS];
};

/* ---------------------------------------------------------------- small helpers */

static bool sig_grow(void **array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t next = *cap ? *cap * 2 : 16;
    while (next < need)
        next *= 2;
    void *p = realloc(*array, next * elem);
    if (!p)
        return false;
    *array = p;
    *cap = next;
    return true;
}

static void sig_free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

static char *sig_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *sig_strdup_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = NULL;
    if (vasprintf(&out, fmt, ap) < 0)
        out = NULL;
    va_end(ap);
    return out;
}

/* ---------------------------------------------------------------- pack parsing */

typedef struct pack_parser {
    const char *file;
    yaml_document_t *doc;
    sig_set *set;
    char *err;
    size_t errlen;
} pack_parser;

static lw_status pack_error(pack_parser *p, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static lw_status pack_error(pack_parser *p, const yaml_node_t *node, const char *fmt, ...)
{
    int n = snprintf(p->err, p->errlen, "%s:%zu:%zu: ", p->file, node->start_mark.line + 1,
                     node->start_mark.column + 1);
    if (n >= 0 && (size_t)n < p->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return LW_ERR_USAGE;
}

static lw_status pack_nomem(pack_parser *p, const yaml_node_t *node)
{
    pack_error(p, node, "out of memory");
    return LW_ERR_RUNTIME;
}

static char *pack_where(pack_parser *p, const yaml_node_t *node, bool with_column)
{
    if (with_column)
        return sig_strdup_printf("%s:%zu:%zu", p->file, node->start_mark.line + 1,
                                 node->start_mark.column + 1);
    return sig_strdup_printf("%s:%zu", p->file, node->start_mark.line + 1);
}

static const char *scalar_text(const yaml_node_t *node)
{
    return (const char *)node->data.scalar.value;
}

/* A scalar without embedded NUL, copied. */
static lw_status pack_string(pack_parser *p, const char *key, yaml_node_t *node, char **out)
{
    if (node->type != YAML_SCALAR_NODE || strlen(scalar_text(node)) != node->data.scalar.length)
        return pack_error(p, node, "'%s' must be a string", key);
    free(*out);
    *out = strdup(scalar_text(node));
    return *out ? LW_OK : pack_nomem(p, node);
}

static lw_status pack_uint(pack_parser *p, const char *key, yaml_node_t *node, uint32_t min,
                           uint32_t max, uint32_t *out)
{
    const char *s = node->type == YAML_SCALAR_NODE ? scalar_text(node) : "";
    char *end = NULL;
    errno = 0;
    unsigned long long v = isdigit((unsigned char)s[0]) ? strtoull(s, &end, 10) : 0;
    if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
        !end || *end || errno || v < min || v > max)
        return pack_error(p, node, "'%s' must be an integer %u..%u", key, min, max);
    *out = (uint32_t)v;
    return LW_OK;
}

static lw_status pack_bool(pack_parser *p, const char *key, yaml_node_t *node, bool *out)
{
    if (node->type == YAML_SCALAR_NODE && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        if (strcmp(scalar_text(node), "true") == 0 || strcmp(scalar_text(node), "false") == 0) {
            *out = scalar_text(node)[0] == 't';
            return LW_OK;
        }
    }
    return pack_error(p, node, "'%s' must be true or false", key);
}

/* Each item of a sequence through `fn`. */
typedef lw_status (*pack_item_fn)(pack_parser *p, const char *key, yaml_node_t *item, void *obj);

static lw_status pack_each(pack_parser *p, const char *key, yaml_node_t *node, pack_item_fn fn, void *obj)
{
    if (node->type != YAML_SEQUENCE_NODE)
        return pack_error(p, node, "'%s' must be a list", key);
    if (node->data.sequence.items.start == node->data.sequence.items.top)
        return pack_error(p, node, "'%s' is an empty list", key);
    for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
        lw_status st = fn(p, key, yaml_document_get_node(p->doc, *it), obj);
        if (st != LW_OK)
            return st;
    }
    return LW_OK;
}

typedef struct pack_list {
    char ***items;
    size_t *n;
    size_t max_len; /* longest accepted string, 0 = any */
} pack_list;

static lw_status pack_list_item(pack_parser *p, const char *key, yaml_node_t *item, void *obj)
{
    pack_list *l = obj;
    char *s = NULL;
    lw_status st = pack_string(p, key, item, &s);
    if (st != LW_OK)
        return st;
    if (s[0] == '\0' || (l->max_len && strlen(s) > l->max_len)) {
        free(s);
        return pack_error(p, item, "'%s' entries must be 1..%zu characters", key, l->max_len ? l->max_len : 255);
    }
    char **grown = realloc(*l->items, (*l->n + 1) * sizeof *grown);
    if (!grown) {
        free(s);
        return pack_nomem(p, item);
    }
    grown[(*l->n)++] = s;
    *l->items = grown;
    return LW_OK;
}

static lw_status pack_strings(pack_parser *p, const char *key, yaml_node_t *node, char ***items,
                              size_t *n, size_t max_len)
{
    pack_list l = {items, n, max_len};
    return pack_each(p, key, node, pack_list_item, &l);
}

typedef lw_status (*pack_key_fn)(pack_parser *p, const char *key, yaml_node_t *value, void *obj);
typedef struct pack_key {
    const char *name;
    pack_key_fn fn;
} pack_key;

/* Dispatch every key of a mapping to its handler; unknown and repeated keys are errors. */
static lw_status pack_mapping(pack_parser *p, yaml_node_t *node, const char *what, const pack_key *keys,
                              size_t n_keys, void *obj)
{
    if (node->type != YAML_MAPPING_NODE)
        return pack_error(p, node, "%s must be a mapping", what);
    uint64_t seen = 0;
    for (yaml_node_pair_t *pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top; pair++) {
        yaml_node_t *k = yaml_document_get_node(p->doc, pair->key);
        yaml_node_t *v = yaml_document_get_node(p->doc, pair->value);
        size_t i = 0;
        while (k->type == YAML_SCALAR_NODE && i < n_keys && strcmp(keys[i].name, scalar_text(k)) != 0)
            i++;
        if (k->type != YAML_SCALAR_NODE || i == n_keys) {
            char expected[256] = "";
            for (size_t j = 0; j < n_keys; j++)
                snprintf(expected + strlen(expected), sizeof expected - strlen(expected), "%s%s",
                         j ? ", " : "", keys[j].name);
            return pack_error(p, k, "unknown key '%s' in %s (expected one of: %s)",
                              k->type == YAML_SCALAR_NODE ? scalar_text(k) : "?", what, expected);
        }
        if (seen & (1ull << i))
            return pack_error(p, k, "duplicate key '%s' in %s", keys[i].name, what);
        seen |= 1ull << i;
        lw_status st = keys[i].fn(p, keys[i].name, v, obj);
        if (st != LW_OK)
            return st;
    }
    return LW_OK;
}

/* ---------------------------------------------------------------- content patterns */

typedef struct pack_pattern {
    sig_pattern pat;
    char *literal, *regex, *name;
    size_t literal_len;
    bool nocase;
} pack_pattern;

static lw_status pat_literal(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    pack_pattern *pp = obj;
    if (v->type != YAML_SCALAR_NODE || v->data.scalar.length == 0)
        return pack_error(p, v, "'%s' must be a non-empty string", key);
    pp->literal = malloc(v->data.scalar.length);
    if (!pp->literal)
        return pack_nomem(p, v);
    memcpy(pp->literal, v->data.scalar.value, v->data.scalar.length);
    pp->literal_len = v->data.scalar.length;
    return LW_OK;
}

static lw_status pat_regex(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    pack_pattern *pp = obj;
    lw_status st = pack_string(p, key, v, &pp->regex);
    if (st == LW_OK && pp->regex[0] == '\0')
        return pack_error(p, v, "'%s' must be a non-empty string", key);
    return st;
}

static lw_status pat_nocase(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_bool(p, key, v, &((pack_pattern *)obj)->nocase);
}

static lw_status pat_name(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_string(p, key, v, &((pack_pattern *)obj)->name);
}

static lw_status pat_field(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    pack_pattern *pp = obj;
    if (v->type != YAML_SCALAR_NODE || v->data.scalar.length == 0 ||
        v->data.scalar.length >= sizeof pp->pat.field || strlen(scalar_text(v)) != v->data.scalar.length)
        return pack_error(p, v, "'%s' must be a field name of 1..%zu characters", key, sizeof pp->pat.field - 1);
    memcpy(pp->pat.field, v->data.scalar.value, v->data.scalar.length + 1);
    return LW_OK;
}

static lw_status pat_unit(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    static const char *const kinds[] = {"message", "field", "body", "raw", "text"};
    for (size_t i = 0; v->type == YAML_SCALAR_NODE && i < LW_ARRAY_LEN(kinds); i++) {
        if (strcmp(scalar_text(v), kinds[i]) == 0) {
            ((pack_pattern *)obj)->pat.unit_kind = (uint8_t)(LW_UNIT_MESSAGE + i);
            return LW_OK;
        }
    }
    return pack_error(p, v, "'%s' must be one of message, field, body, raw, text", key);
}

/* Hyperscan expression matching `len` bytes literally: everything but [A-Za-z0-9] as \xHH. */
static char *pattern_escape(const char *lit, size_t len)
{
    char *out = malloc(len * 4 + 1), *o = out;
    for (size_t i = 0; out && i < len; i++) {
        unsigned char c = (unsigned char)lit[i];
        o += isalnum(c) ? sprintf(o, "%c", c) : sprintf(o, "\\x%02x", c);
    }
    if (out)
        *o = '\0';
    return out;
}

/* The size of a regex once its bounded repeats are unrolled — what Hyperscan's compile time
 * and memory grow with: a character, escape or class counts 1, a group the sum of its
 * branches, X{n,m} m times X, X{n,} n + 1 times. A lenient reading (hs_compile checks the
 * syntax), saturating; groups nested deeper than SIG_MAX_REGEX_GROUPS set too_deep. */
typedef struct regex_reader {
    const char *p;
    bool too_deep;
} regex_reader;

#define REGEX_WEIGHT_CAP (1ull << 40)

static uint64_t regex_saturate(uint64_t w)
{
    return w > REGEX_WEIGHT_CAP ? REGEX_WEIGHT_CAP : w;
}

/* Step over an escape: \x{…}, \p{…} and the like whole. */
static void regex_skip_escape(regex_reader *r)
{
    char c = r->p[1];
    r->p += c ? 2 : 1;
    if (strchr("xopPNgk", c) && c && *r->p == '{')
        while (*r->p && *r->p++ != '}')
            ;
}

static void regex_skip_class(regex_reader *r)
{
    r->p++;
    if (*r->p == '^')
        r->p++;
    if (*r->p == ']')
        r->p++;
    while (*r->p && *r->p != ']') {
        if (*r->p == '\\')
            regex_skip_escape(r);
        else if (r->p[0] == '[' && r->p[1] == ':' && strstr(r->p + 2, ":]"))
            r->p = strstr(r->p + 2, ":]") + 2;
        else
            r->p++;
    }
    if (*r->p)
        r->p++;
}

/* {n}, {n,}, {n,m} at r->p: the repeat count, 0 when it is not a quantifier. */
static uint64_t regex_repeat(regex_reader *r)
{
    const char *q = r->p + 1;
    uint64_t n = 0, m = 0;
    bool comma = false, digits = false;
    for (; isdigit((unsigned char)*q); q++, digits = true)
        n = regex_saturate(n * 10 + (uint64_t)(*q - '0'));
    if (*q == ',')
        for (comma = true, q++; isdigit((unsigned char)*q); q++)
            m = regex_saturate(m * 10 + (uint64_t)(*q - '0'));
    if (!digits || *q != '}')
        return 0;
    r->p = q + 1;
    return m ? m : comma ? n + 1 : n;
}

static uint64_t regex_weight(regex_reader *r, int depth);

static uint64_t regex_group(regex_reader *r, int depth)
{
    r->p++;
    if (r->p[0] == '?' && r->p[1] == '#') { /* comment */
        while (*r->p && *r->p != ')')
            r->p++;
        r->p += *r->p == ')';
        return 0;
    }
    if (depth >= SIG_MAX_REGEX_GROUPS) {
        r->too_deep = true;
        r->p += strlen(r->p);
        return REGEX_WEIGHT_CAP;
    }
    uint64_t inner = regex_weight(r, depth + 1);
    r->p += *r->p == ')';
    return inner;
}

static uint64_t regex_weight(regex_reader *r, int depth)
{
    uint64_t total = 0, last = 0;
    while (*r->p && !(*r->p == ')' && depth > 0)) {
        uint64_t times = 0;
        switch (*r->p) {
        case '(': last = regex_group(r, depth); break;
        case '[': regex_skip_class(r), last = 1; break;
        case '\\': regex_skip_escape(r), last = 1; break;
        case '|': r->p++, last = 0; continue;
        case '*': case '+': case '?': r->p++; continue;
        case '{':
            if ((times = regex_repeat(r)) > 0) {
                total = regex_saturate(total + regex_saturate(last * (times - 1)));
                last = regex_saturate(last * times);
                continue;
            }
            r->p++, last = 1;
            break;
        default: r->p++, last = 1; break;
        }
        total = regex_saturate(total + last);
    }
    return total;
}

/* "content:<name>", the name defaulting to the pattern text (printable bytes only). */
static void pattern_label(sig_pattern *pat, const pack_pattern *pp)
{
    const char *src = pp->name ? pp->name : pp->literal ? pp->literal : pp->regex;
    size_t len = pp->name ? strlen(pp->name) : pp->literal ? pp->literal_len : strlen(pp->regex);
    size_t o = (size_t)snprintf(pat->label, sizeof pat->label, "content:");
    for (size_t i = 0; i < len && o + 1 < sizeof pat->label; i++)
        pat->label[o++] = isprint((unsigned char)src[i]) ? src[i] : '.';
    pat->label[o] = '\0';
}

/* The set's pattern count, and this pattern's size once unrolled (sets pp->pat.weight). */
static lw_status pattern_check_budget(pack_parser *p, yaml_node_t *item, pack_pattern *pp)
{
    if (p->set->n_patterns >= SIG_MAX_PATTERNS)
        return pack_error(p, item, "more than %d content patterns in all packs together", SIG_MAX_PATTERNS);
    regex_reader r = {pp->regex, false};
    uint64_t weight = pp->regex ? regex_weight(&r, 0) : pp->literal_len;
    if (r.too_deep)
        return pack_error(p, item, "regex groups nested deeper than %d levels", SIG_MAX_REGEX_GROUPS);
    if (weight > SIG_MAX_PATTERN_WEIGHT)
        return pack_error(p, item, "%s too large: %llu positions once bounded repeats are unrolled (at most %d)",
                          pp->regex ? "regex" : "literal", (unsigned long long)weight, SIG_MAX_PATTERN_WEIGHT);
    pp->pat.weight = (uint32_t)weight;
    return LW_OK;
}

static lw_status pack_pattern_item(pack_parser *p, const char *key, yaml_node_t *item, void *obj)
{
    static const pack_key keys[] = {{"literal", pat_literal}, {"regex", pat_regex},
                                    {"nocase", pat_nocase},   {"field", pat_field},
                                    {"unit", pat_unit},       {"name", pat_name}};
    (void)key;
    sig_rule *r = obj;
    pack_pattern pp = {0};
    lw_status st = pack_mapping(p, item, "content pattern", keys, LW_ARRAY_LEN(keys), &pp);
    if (st == LW_OK && !pp.literal == !pp.regex)
        st = pack_error(p, item, "content pattern needs exactly one of 'literal' or 'regex'");
    if (st == LW_OK)
        st = pattern_check_budget(p, item, &pp);
    if (st == LW_OK) {
        pp.pat.is_regex = pp.regex != NULL;
        pp.pat.expr = pp.regex ? strdup(pp.regex) : pattern_escape(pp.literal, pp.literal_len);
        pp.pat.where = pack_where(p, item, true);
        pp.pat.flags = HS_FLAG_SINGLEMATCH | HS_FLAG_DOTALL | (pp.nocase ? HS_FLAG_CASELESS : 0u);
        pattern_label(&pp.pat, &pp);
        sig_set *s = p->set;
        if (!pp.pat.expr || !pp.pat.where ||
            !sig_grow((void **)&s->patterns, &s->cap_patterns, s->n_patterns + 1, sizeof *s->patterns)) {
            free(pp.pat.expr);
            free(pp.pat.where);
            st = pack_nomem(p, item);
        } else {
            s->patterns[s->n_patterns++] = pp.pat;
            r->n_patterns++;
        }
    }
    free(pp.literal);
    free(pp.regex);
    free(pp.name);
    return st;
}

/* ---------------------------------------------------------------- conditions */

static lw_status cond_protocols(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    sig_rule *r = obj;
    return pack_strings(p, key, v, &r->protocols, &r->n_protocols, 47);
}

static lw_status cond_direction(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    static const char *const names[] = {"any", "to_server", "to_client"};
    for (size_t i = 0; v->type == YAML_SCALAR_NODE && i < LW_ARRAY_LEN(names); i++) {
        if (strcmp(scalar_text(v), names[i]) == 0) {
            ((sig_rule *)obj)->direction = (uint8_t)i;
            return LW_OK;
        }
    }
    return pack_error(p, v, "'%s' must be one of to_server, to_client, any", key);
}

static lw_status cond_verdict_item(pack_parser *p, const char *key, yaml_node_t *item, void *obj)
{
    for (int v = LW_VERDICT_PLAINTEXT; item->type == YAML_SCALAR_NODE && v <= LW_VERDICT_ENCRYPTED; v++) {
        if (strcmp(scalar_text(item), lw_verdict_name((lw_verdict)v)) == 0) {
            ((sig_rule *)obj)->verdicts |= (uint8_t)(1u << v);
            return LW_OK;
        }
    }
    return pack_error(p, item, "'%s' entries must be plaintext, encoded, compressed or encrypted", key);
}

static lw_status cond_verdict(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_each(p, key, v, cond_verdict_item, obj);
}

static lw_status cond_message(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    bool b = false;
    lw_status st = pack_bool(p, key, v, &b);
    ((sig_rule *)obj)->message = (int8_t)b;
    return st;
}

static lw_status cond_content(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    sig_rule *r = obj;
    r->first_pattern = (uint32_t)p->set->n_patterns;
    return pack_each(p, key, v, pack_pattern_item, obj);
}

static lw_status cond_content_any(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_bool(p, key, v, &((sig_rule *)obj)->content_any);
}

static lw_status cond_json_keys(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    sig_rule *r = obj;
    lw_status st = pack_strings(p, key, v, &r->json_keys, &r->n_json_keys, 31);
    if (st == LW_OK && r->n_json_keys > SIG_MAX_JSON_KEYS)
        return pack_error(p, v, "'%s' takes at most %d keys", key, SIG_MAX_JSON_KEYS);
    return st;
}

/* Lower-case `in` into `out` without one trailing dot; false when it is not a host name. */
static bool host_normalize(const char *in, char *out, size_t outlen)
{
    size_t len = strlen(in);
    if (len > 0 && in[len - 1] == '.')
        len--;
    if (len == 0 || len >= outlen)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)tolower((unsigned char)in[i]);
        if (!(isalnum(c) || c == '-' || c == '_' || c == '.') || (c == '.' && (i == 0 || in[i - 1] == '.')))
            return false;
        out[i] = (char)c;
    }
    out[len] = '\0';
    return true;
}

/* Split a host pattern into kind and normalised name. */
static bool host_pattern_parse(const char *text, uint8_t *kind, char *name, size_t namelen)
{
    *kind = strncmp(text, "*.", 2) == 0 ? SIG_HOST_SUBDOMAINS : text[0] == '.' ? SIG_HOST_DOMAIN : SIG_HOST_EXACT;
    const char *rest = text + (*kind == SIG_HOST_SUBDOMAINS ? 2 : *kind == SIG_HOST_DOMAIN ? 1 : 0);
    return host_normalize(rest, name, namelen);
}

static lw_status cond_host_item(pack_parser *p, const char *key, yaml_node_t *item, void *obj)
{
    sig_rule *r = obj;
    pack_list l = {&r->hosts, &r->n_hosts, 255};
    lw_status st = pack_list_item(p, key, item, &l);
    uint8_t kind;
    char name[256];
    if (st == LW_OK && !host_pattern_parse(r->hosts[r->n_hosts - 1], &kind, name, sizeof name))
        return pack_error(p, item, "'%s': '%s' is not a host name, \"*.name\" or \".name\"", key,
                          r->hosts[r->n_hosts - 1]);
    return st;
}

static lw_status cond_hosts(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_each(p, key, v, cond_host_item, obj);
}

static lw_status cond_port_item(pack_parser *p, const char *key, yaml_node_t *item, void *obj)
{
    sig_rule *r = obj;
    unsigned lo = 0, hi = 0;
    int used = 0;
    const char *s = item->type == YAML_SCALAR_NODE ? scalar_text(item) : "";
    int n = sscanf(s, "%5u-%5u%n", &lo, &hi, &used);
    if (n == 1)
        n = sscanf(s, "%5u%n", &lo, &used) == 1 ? (hi = lo, 2) : 0;
    if (n != 2 || s[used] != '\0' || !isdigit((unsigned char)s[0]) || lo < 1 || hi > 65535 || lo > hi)
        return pack_error(p, item, "'%s' entries must be a port 1..65535 or a range \"lo-hi\"", key);
    sig_port_range *grown = realloc(r->ports, (r->n_ports + 1) * sizeof *grown);
    if (!grown)
        return pack_nomem(p, item);
    r->ports = grown;
    r->ports[r->n_ports++] = (sig_port_range){(uint16_t)lo, (uint16_t)hi};
    return LW_OK;
}

static lw_status cond_ports(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_each(p, key, v, cond_port_item, obj);
}

static lw_status cond_min_bytes(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_uint(p, key, v, 1, UINT32_MAX, &((sig_rule *)obj)->min_bytes);
}

static lw_status cond_min_text(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_uint(p, key, v, 1, UINT32_MAX, &((sig_rule *)obj)->min_text);
}

static lw_status sig_conditions(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    static const pack_key keys[] = {
        {"protocols", cond_protocols}, {"direction", cond_direction},     {"verdict", cond_verdict},
        {"message", cond_message},     {"content", cond_content},         {"content_any", cond_content_any},
        {"json_keys", cond_json_keys}, {"hosts", cond_hosts},             {"ports", cond_ports},
        {"min_bytes", cond_min_bytes}, {"min_text", cond_min_text}};
    (void)key;
    return pack_mapping(p, v, "conditions", keys, LW_ARRAY_LEN(keys), obj);
}

/* ---------------------------------------------------------------- signature metadata */

static lw_status sig_id(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    sig_rule *r = obj;
    lw_status st = pack_uint(p, key, v, 1, UINT32_MAX, &r->sig.id);
    if (st == LW_OK && !(r->where = pack_where(p, v, true)))
        return pack_nomem(p, v);
    return st;
}

static lw_status sig_name(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_string(p, key, v, &((sig_rule *)obj)->sig.name);
}

static lw_status sig_description(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_string(p, key, v, &((sig_rule *)obj)->sig.description);
}

static lw_status sig_category(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    int c = v->type == YAML_SCALAR_NODE ? lw_category_from_name(scalar_text(v)) : -1;
    if (c < 0)
        return pack_error(p, v, "unknown %s '%s' (expected plaintext_message, unapproved_archive, "
                          "cleartext_transport or archive_exfiltration)", key,
                          v->type == YAML_SCALAR_NODE ? scalar_text(v) : "?");
    ((sig_rule *)obj)->sig.category = (lw_category)c;
    return LW_OK;
}

static lw_status sig_severity(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    uint32_t sev = 0;
    lw_status st = pack_uint(p, key, v, 1, 3, &sev);
    ((sig_rule *)obj)->sig.severity = (int)sev;
    return st;
}

static lw_status sig_rev(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_uint(p, key, v, 1, UINT32_MAX, &((sig_rule *)obj)->sig.rev);
}

static lw_status sig_reference_item(pack_parser *p, const char *key, yaml_node_t *item, void *obj)
{
    signature *sig = obj;
    pack_list l = {&sig->references, &sig->n_references, 0};
    lw_status st = pack_list_item(p, key, item, &l);
    if (st != LW_OK)
        return st;
    const char *ref = sig->references[sig->n_references - 1];
    unsigned year, num;
    int used = 0;
    bool cve = sscanf(ref, "CVE-%4u-%u%n", &year, &num, &used) == 2 && ref[used] == '\0';
    if (!cve && strncmp(ref, "https://", 8) != 0 && strncmp(ref, "http://", 7) != 0)
        return pack_error(p, item, "'%s' entries must be URLs (http:// or https://) or CVE ids", key);
    return LW_OK;
}

static lw_status sig_references(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_each(p, key, v, sig_reference_item, &((sig_rule *)obj)->sig);
}

static lw_status sig_fallback(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    return pack_bool(p, key, v, &((sig_rule *)obj)->fallback);
}

static void rule_free(sig_rule *r)
{
    free(r->sig.name);
    free(r->sig.description);
    sig_free_list(r->sig.references, r->sig.n_references);
    free(r->sig.source);
    free(r->where);
    sig_free_list(r->protocols, r->n_protocols);
    sig_free_list(r->json_keys, r->n_json_keys);
    sig_free_list(r->hosts, r->n_hosts);
    free(r->ports);
}

static bool rule_needs_payload(const sig_rule *r)
{
    return r->n_patterns || r->n_json_keys || r->message >= 0 || r->verdicts || r->min_text;
}

static lw_status rule_check(pack_parser *p, yaml_node_t *node, const sig_rule *r)
{
    const char *missing = !r->where ? "id" : !r->sig.name ? "name" : !r->sig.category ? "category"
                        : !r->sig.severity ? "severity" : !r->sig.description ? "description" : NULL;
    if (missing)
        return pack_error(p, node, "signature is missing '%s'", missing);
    if (!r->n_patterns && !r->n_json_keys && r->message < 0 && !r->n_hosts)
        return pack_error(p, node, "signature %u has no content, json_keys, message or hosts condition: "
                          "it would match every flow", r->sig.id);
    if (r->content_any && !r->n_patterns)
        return pack_error(p, node, "signature %u sets content_any without content", r->sig.id);
    return LW_OK;
}

/* Ids are unique across all packs: the second definition is refused as it is read. */
static bool ids_grow(sig_set *s)
{
    size_t cap = s->id_cap ? s->id_cap * 2 : 64;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < s->id_cap; i++) {
        if (!s->id_slots[i])
            continue;
        size_t j = (s->rules[s->id_slots[i] - 1].sig.id * 2654435761u) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = s->id_slots[i];
    }
    free(s->id_slots);
    s->id_slots = slots;
    s->id_cap = cap;
    return true;
}

/* The slot of `id`: holding the rule that has it, or empty. */
static uint32_t *ids_slot(const sig_set *s, uint32_t id)
{
    size_t j = (id * 2654435761u) & (s->id_cap - 1);
    while (s->id_slots[j] && s->rules[s->id_slots[j] - 1].sig.id != id)
        j = (j + 1) & (s->id_cap - 1);
    return &s->id_slots[j];
}

static lw_status rule_check_id(pack_parser *p, yaml_node_t *item, const sig_rule *r)
{
    sig_set *s = p->set;
    if (s->n_rules >= SIG_MAX_SIGNATURES)
        return pack_error(p, item, "more than %d signatures in all packs together", SIG_MAX_SIGNATURES);
    if ((s->n_rules + 1) * 2 > s->id_cap && !ids_grow(s))
        return pack_nomem(p, item);
    uint32_t *slot = ids_slot(s, r->sig.id);
    const char *first = *slot ? s->rules[*slot - 1].where : NULL;
    if (first && strcmp(first, r->where) == 0)
        return (snprintf(p->err, p->errlen, "%s: duplicate signature id %u (an alias repeats the signature defined "
                         "here)", r->where, r->sig.id), LW_ERR_USAGE);
    if (first)
        return (snprintf(p->err, p->errlen, "%s: duplicate signature id %u (also defined at %s)", r->where, r->sig.id,
                         first), LW_ERR_USAGE);
    return LW_OK;
}

static lw_status pack_signature_item(pack_parser *p, const char *key, yaml_node_t *item, void *obj)
{
    static const pack_key keys[] = {
        {"id", sig_id},           {"name", sig_name},           {"category", sig_category},
        {"severity", sig_severity}, {"description", sig_description}, {"references", sig_references},
        {"conditions", sig_conditions}, {"fallback", sig_fallback}, {"rev", sig_rev}};
    (void)key;
    (void)obj;
    sig_set *s = p->set;
    sig_rule r = {.message = -1, .sig.rev = 1};
    size_t patterns_before = s->n_patterns;
    lw_status st = pack_mapping(p, item, "signature", keys, LW_ARRAY_LEN(keys), &r);
    if (st == LW_OK)
        st = rule_check(p, item, &r);
    if (st == LW_OK)
        st = rule_check_id(p, item, &r);
    if (st == LW_OK && !(r.sig.source = pack_where(p, item, false)))
        st = pack_nomem(p, item);
    if (st == LW_OK && !sig_grow((void **)&s->rules, &s->cap_rules, s->n_rules + 1, sizeof *s->rules))
        st = pack_nomem(p, item);
    if (st != LW_OK) {
        rule_free(&r);
        while (s->n_patterns > patterns_before) {
            s->n_patterns--;
            free(s->patterns[s->n_patterns].expr);
            free(s->patterns[s->n_patterns].where);
        }
        return st;
    }
    s->rules[s->n_rules++] = r;
    *ids_slot(s, r.sig.id) = (uint32_t)s->n_rules;
    return LW_OK;
}

static lw_status pack_signatures(pack_parser *p, const char *key, yaml_node_t *v, void *obj)
{
    (void)obj;
    if (v->type == YAML_SEQUENCE_NODE && v->data.sequence.items.start == v->data.sequence.items.top)
        return LW_OK; /* an empty pack is allowed */
    return pack_each(p, key, v, pack_signature_item, NULL);
}

static lw_status pack_load_file(sig_set *s, const char *file, char *err, size_t errlen)
{
    if (s->n_files >= SIG_MAX_PACKS)
        return (snprintf(err, errlen, "%s: more than %d signature packs", file, SIG_MAX_PACKS), LW_ERR_USAGE);
    s->n_files++;
    yaml_document_t doc;
    lw_status st = yamlfile_load(file, &doc, err, errlen);
    if (st != LW_OK)
        return st;
    static const pack_key keys[] = {{"signatures", pack_signatures}};
    pack_parser p = {file, &doc, s, err, errlen};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root)
        st = (snprintf(err, errlen, "%s:1:1: empty pack (expected a mapping with 'signatures:')", file), LW_ERR_USAGE);
    else
        st = pack_mapping(&p, root, "pack", keys, LW_ARRAY_LEN(keys), NULL);
    yaml_document_delete(&doc);
    return st;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.yaml in `dir`, sorted by name. */
static lw_status pack_load_dir(sig_set *s, const char *dir, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: cannot open: %s", dir, strerror(errno));
        return LW_ERR_USAGE;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    lw_status st = LW_OK;
    for (struct dirent *e; st == LW_OK && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        if (n >= SIG_MAX_PACKS)
            st = (snprintf(err, errlen, "%s: more than %d signature packs", dir, SIG_MAX_PACKS), LW_ERR_USAGE);
        else if (!sig_grow((void **)&names, &cap, n + 1, sizeof *names) ||
                 !(names[n++] = sig_strdup_printf("%s/%s", dir, e->d_name)))
            st = (snprintf(err, errlen, "%s: out of memory", dir), LW_ERR_RUNTIME);
    }
    closedir(d);
    if (names)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; st == LW_OK && i < n; i++)
        st = pack_load_file(s, names[i], err, errlen);
    sig_free_list(names, n);
    return st;
}

/* ---------------------------------------------------------------- building the set */

static int compare_rules(const void *a, const void *b)
{
    const sig_rule *x = a, *y = b;
    return (x->sig.id > y->sig.id) - (x->sig.id < y->sig.id);
}

static int compare_host_entries(const void *a, const void *b)
{
    const sig_host_entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->rule > y->rule) - (x->rule < y->rule);
}

static lw_status set_build_hosts(sig_set *s, char *err, size_t errlen)
{
    size_t total = 0;
    for (size_t i = 0; i < s->n_rules; i++)
        total += s->rules[i].n_hosts;
    if (total == 0)
        return LW_OK;
    s->host_table = calloc(total, sizeof *s->host_table);
    if (!s->host_table)
        return (snprintf(err, errlen, "signatures: out of memory"), LW_ERR_RUNTIME);
    for (size_t i = 0; i < s->n_rules; i++) {
        for (size_t j = 0; j < s->rules[i].n_hosts; j++) {
            sig_host_entry *e = &s->host_table[s->n_host_entries++];
            char name[256];
            host_pattern_parse(s->rules[i].hosts[j], &e->kind, name, sizeof name);
            e->rule = (uint32_t)i;
            e->pattern = (uint16_t)j;
            if (!(e->name = strdup(name)))
                return (snprintf(err, errlen, "signatures: out of memory"), LW_ERR_RUNTIME);
        }
    }
    qsort(s->host_table, s->n_host_entries, sizeof *s->host_table, compare_host_entries);
    return LW_OK;
}

/* Scoped patterns make most units irrelevant (JSON fields when only ":path" is scoped to a
 * field, for instance): a unit no pattern can apply to is not scanned. */
static bool scan_unit_wanted(const sig_set *s, const inspect_unit *u)
{
    if (u->kind < LW_ARRAY_LEN(s->scan_any_field) && s->scan_any_field[u->kind])
        return true;
    for (size_t i = 0; i < s->n_scoped; i++) {
        const sig_pattern *p = s->scoped[i];
        if ((!p->unit_kind || p->unit_kind == u->kind) && (p->field[0] | 0x20) == (u->field[0] | 0x20) &&
            strncasecmp(p->field, u->field, sizeof u->field) == 0)
            return true;
    }
    return false;
}

static bool scan_scope_known(const sig_set *s, const sig_pattern *p)
{
    for (size_t i = 0; i < s->n_scoped; i++)
        if (s->scoped[i]->unit_kind == p->unit_kind && strcasecmp(s->scoped[i]->field, p->field) == 0)
            return true;
    return false;
}

static bool scan_plan(sig_set *s)
{
    s->scoped = calloc(s->n_patterns ? s->n_patterns : 1, sizeof *s->scoped);
    if (!s->scoped)
        return false;
    for (size_t i = 0; i < s->n_patterns; i++) {
        sig_pattern *p = &s->patterns[i];
        if (p->field[0]) {
            if (!scan_scope_known(s, p))
                s->scoped[s->n_scoped++] = p;
            continue;
        }
        for (size_t k = 0; k < LW_ARRAY_LEN(s->scan_any_field); k++)
            if (!p->unit_kind || p->unit_kind == k)
                s->scan_any_field[k] = true;
    }
    return true;
}

/* ---------------------------------------------------------------- compiling, on a budget */

/* What the compiling child sends back: a header, then the serialized database or the error. */
typedef struct compile_reply {
    int32_t failed;      /* 0: a database follows; 1: hs_compile's message follows; 2: out of budget */
    int32_t expression;  /* the pattern the message is about, -1 for the set */
    uint32_t len;
} compile_reply;

static bool write_all(int fd, const void *data, size_t len)
{
    for (const char *p = data; len > 0;) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

#if defined(__SANITIZE_ADDRESS__)
#define LW_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LW_ASAN 1
#endif
#endif

#ifdef LW_ASAN
#include <pthread.h>
size_t __sanitizer_get_current_allocated_bytes(void); /* <sanitizer/allocator_interface.h>, not in gcc's path */

static size_t compile_heap_limit;

/* ASan's shadow memory is one huge mapping, so no RLIMIT_AS fits: this thread watches the heap
 * ASan reports and ends the child as the rlimit would have (no reply: "over budget"). */
static void *compile_heap_watch(void *unused)
{
    (void)unused;
    for (;;) {
        if (__sanitizer_get_current_allocated_bytes() > compile_heap_limit)
            _exit(3);
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    }
    return NULL;
}

static void compile_limit_memory(void)
{
    compile_heap_limit = __sanitizer_get_current_allocated_bytes() + ((size_t)SIG_COMPILE_MIB << 20);
    pthread_t watcher;
    if (pthread_create(&watcher, NULL, compile_heap_watch, NULL) != 0)
        _exit(3);
}
#else
/* Limit the child's address space to what it maps now plus the budget. */
static void compile_limit_memory(void)
{
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f && fscanf(f, "%lu", &pages) == 1) {
        rlim_t limit = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)SIG_COMPILE_MIB << 20);
        setrlimit(RLIMIT_AS, &(struct rlimit){limit, limit});
    }
    if (f)
        fclose(f);
}
#endif

static int compile_cpu_ms(void)
{
    return RUNNING_ON_VALGRIND ? SIG_COMPILE_CPU_MS_VALGRIND : SIG_COMPILE_CPU_MS;
}

/* The CPU budget: SIGPROF (default action: end the process) once the child has used it up;
 * RLIMIT_CPU, whole seconds only, is the SIGKILL backstop a few hundred ms later. */
static void compile_limit_cpu(void)
{
    int ms = compile_cpu_ms();
    rlim_t backstop = (rlim_t)ms / 1000 + 1;
    setrlimit(RLIMIT_CPU, &(struct rlimit){backstop, backstop});
    sigset_t prof;
    sigemptyset(&prof);
    sigaddset(&prof, SIGPROF);
    signal(SIGPROF, SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &prof, NULL);
    struct itimerval budget = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};
    setitimer(ITIMER_PROF, &budget, NULL);
}

static void compile_child(const sig_set *s, const char **exprs, const unsigned *flags, const unsigned *ids, int fd)
{
    setrlimit(RLIMIT_CORE, &(struct rlimit){0, 0}); /* running out of its budget is no crash to keep */
    compile_limit_cpu();
    compile_limit_memory();
    hs_database_t *db = NULL;
    hs_compile_error_t *cerr = NULL;
    compile_reply reply = {0, -1, 0};
    char *bytes = NULL;
    size_t len = 0;
    if (hs_compile_multi(exprs, flags, ids, (unsigned)s->n_patterns, HS_MODE_BLOCK, NULL, &db, &cerr) != HS_SUCCESS) {
        bytes = cerr ? cerr->message : "failed";
        len = strlen(bytes);
        reply = (compile_reply){strstr(bytes, "allocate memory") ? 2 : 1, cerr ? cerr->expression : -1, 0};
    } else if (hs_serialize_database(db, &bytes, &len) != HS_SUCCESS) {
        reply.failed = 1;
        bytes = "cannot serialize the database";
        len = strlen(bytes);
    }
    reply.len = (uint32_t)len;
    _exit(write_all(fd, &reply, sizeof reply) && write_all(fd, bytes, len) ? 0 : 1);
}

static int64_t monotonic_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Read exactly len bytes before the deadline (monotonic_ms); false on EOF, error or timeout. */
static bool read_until(int fd, void *buf, size_t len, int64_t deadline_ms)
{
    for (char *p = buf; len > 0;) {
        int64_t left = deadline_ms - monotonic_ms();
        if (left <= 0)
            return false;
        struct pollfd pfd = {fd, POLLIN, 0};
        int ready = poll(&pfd, 1, (int)left);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return false;
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

static const sig_pattern *costliest_pattern(const sig_set *s)
{
    const sig_pattern *most = &s->patterns[0];
    for (size_t i = 1; i < s->n_patterns; i++)
        if (s->patterns[i].weight > most->weight)
            most = &s->patterns[i];
    return most;
}

/* The child's answer: the database, or the error it names. */
static lw_status compile_receive(sig_set *s, int fd, char *err, size_t errlen)
{
    int64_t deadline = monotonic_ms() + SIG_COMPILE_WALL_MS;
    compile_reply reply;
    char *bytes = NULL;
    bool got = read_until(fd, &reply, sizeof reply, deadline) && reply.len <= ((uint32_t)SIG_COMPILE_MIB << 20) &&
               (bytes = malloc(reply.len + 1u)) && read_until(fd, bytes, reply.len, deadline);
    lw_status st = LW_OK;
    if (!got || reply.failed == 2) {
        const sig_pattern *most = costliest_pattern(s);
        snprintf(err, errlen, "%s: %s \"%s\": the %zu content patterns take more than %g CPU seconds or %d MiB to "
                 "compile; this is the costliest (%u positions)", most->where, most->is_regex ? "regex" : "literal",
                 most->expr, s->n_patterns, compile_cpu_ms() / 1000.0, SIG_COMPILE_MIB, most->weight);
        st = LW_ERR_USAGE;
    } else if (reply.failed) {
        bytes[reply.len] = '\0';
        int at = reply.expression;
        if (at >= 0 && (size_t)at < s->n_patterns)
            snprintf(err, errlen, "%s: bad %s \"%s\": %s", s->patterns[at].where,
                     s->patterns[at].is_regex ? "regex" : "literal", s->patterns[at].expr, bytes);
        else
            snprintf(err, errlen, "signatures: pattern database: %s", bytes);
        st = LW_ERR_USAGE;
    } else if (hs_deserialize_database(bytes, reply.len, &s->db) != HS_SUCCESS) {
        snprintf(err, errlen, "signatures: pattern database: cannot load the compiled database");
        st = LW_ERR_RUNTIME;
    }
    free(bytes);
    return st;
}

static lw_status compile_in_child(sig_set *s, const char **exprs, const unsigned *flags, const unsigned *ids,
                                  char *err, size_t errlen)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return (snprintf(err, errlen, "signatures: cannot start the pattern compiler: %s", strerror(errno)),
                LW_ERR_RUNTIME);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        compile_child(s, exprs, flags, ids, fds[1]);
    }
    close(fds[1]);
    lw_status st;
    if (pid < 0)
        st = (snprintf(err, errlen, "signatures: cannot start the pattern compiler: %s", strerror(errno)),
              LW_ERR_RUNTIME);
    else
        st = compile_receive(s, fds[0], err, errlen);
    close(fds[0]);
    if (pid > 0) {
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    return st;
}

static lw_status set_compile(sig_set *s, char *err, size_t errlen)
{
    if (s->n_patterns == 0)
        return LW_OK;
    const char **exprs = calloc(s->n_patterns, sizeof *exprs);
    unsigned *flags = calloc(s->n_patterns, sizeof *flags), *ids = calloc(s->n_patterns, sizeof *ids);
    lw_status st;
    if (!exprs || !flags || !ids) {
        st = (snprintf(err, errlen, "signatures: out of memory"), LW_ERR_RUNTIME);
    } else {
        for (size_t i = 0; i < s->n_patterns; i++) {
            exprs[i] = s->patterns[i].expr;
            flags[i] = s->patterns[i].flags;
            ids[i] = (unsigned)i;
        }
        st = compile_in_child(s, exprs, flags, ids, err, errlen);
    }
    free(exprs);
    free(flags);
    free(ids);
    return st;
}

lw_status sigset_load(char *const *paths, size_t n_paths, sig_set **out, char *err, size_t errlen)
{
    *out = NULL;
    sig_set *s = calloc(1, sizeof *s);
    if (!s)
        return (snprintf(err, errlen, "signatures: out of memory"), LW_ERR_RUNTIME);
    lw_status st = LW_OK;
    for (size_t i = 0; st == LW_OK && i < n_paths; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0)
            st = (snprintf(err, errlen, "%s: cannot open: %s", paths[i], strerror(errno)), LW_ERR_USAGE);
        else
            st = S_ISDIR(sb.st_mode) ? pack_load_dir(s, paths[i], err, errlen)
                                     : pack_load_file(s, paths[i], err, errlen);
    }
    free(s->id_slots); /* rule indexes: sorting below moves the rules */
    s->id_slots = NULL;
    if (st == LW_OK && s->rules)
        qsort(s->rules, s->n_rules, sizeof *s->rules, compare_rules);
    if (st == LW_OK)
        st = set_build_hosts(s, err, errlen);
    if (st == LW_OK)
        st = set_compile(s, err, errlen);
    if (st == LW_OK && !scan_plan(s))
        st = (snprintf(err, errlen, "signatures: out of memory"), LW_ERR_RUNTIME);
    for (size_t i = 0; i < s->n_rules; i++) {
        s->rules[i].sig.about_payload = rule_needs_payload(&s->rules[i]);
        s->wants_payload |= s->rules[i].sig.about_payload;
        s->wants_message |= s->rules[i].message >= 0 || s->rules[i].min_text > 0;
    }
    if (st != LW_OK) {
        sigset_free(s);
        return st;
    }
    *out = s;
    return LW_OK;
}

void sigset_free(sig_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_rules; i++)
        rule_free(&s->rules[i]);
    for (size_t i = 0; i < s->n_patterns; i++) {
        free(s->patterns[i].expr);
        free(s->patterns[i].where);
    }
    for (size_t i = 0; i < s->n_host_entries; i++)
        free(s->host_table[i].name);
    free(s->rules);
    free(s->patterns);
    free(s->scoped);
    free(s->host_table);
    free(s->id_slots);
    hs_free_database(s->db);
    free(s);
}

size_t sigset_count(const sig_set *s)
{
    return s ? s->n_rules : 0;
}

const signature *sigset_get(const sig_set *s, size_t i)
{
    return s && i < s->n_rules ? &s->rules[i].sig : NULL;
}

uint32_t sigset_max_min_bytes(const sig_set *s)
{
    uint32_t most = 0;
    for (size_t i = 0; i < s->n_rules; i++)
        if (s->rules[i].min_bytes > most)
            most = s->rules[i].min_bytes;
    return most;
}

bool sigset_wants_payload(const sig_set *s)
{
    return s && s->wants_payload;
}

bool sigset_wants_message(const sig_set *s)
{
    return s && s->wants_message;
}

/* ---------------------------------------------------------------- -T listing */

static void print_list(FILE *out, const char *key, char *const *items, size_t n)
{
    if (!n)
        return;
    fprintf(out, " %s=", key);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? "," : "", items[i]);
}

static void print_conditions(const sig_set *s, const sig_rule *r, FILE *out)
{
    static const char *const dirs[] = {"any", "to_server", "to_client"};
    print_list(out, "protocols", r->protocols, r->n_protocols);
    if (r->direction != SIG_DIR_ANY)
        fprintf(out, " direction=%s", dirs[r->direction]);
    for (int v = LW_VERDICT_PLAINTEXT; v <= LW_VERDICT_ENCRYPTED; v++)
        if (r->verdicts & (1u << v))
            fprintf(out, " verdict=%s", lw_verdict_name((lw_verdict)v));
    if (r->message >= 0)
        fprintf(out, " message=%s", r->message ? "true" : "false");
    for (uint32_t i = 0; i < r->n_patterns; i++)
        fprintf(out, "%s%s", i ? (r->content_any ? "|" : "&") : " ", s->patterns[r->first_pattern + i].label);
    print_list(out, "json_keys", r->json_keys, r->n_json_keys);
    print_list(out, "hosts", r->hosts, r->n_hosts);
    for (size_t i = 0; i < r->n_ports; i++)
        fprintf(out, i ? ",%u-%u" : " ports=%u-%u", r->ports[i].lo, r->ports[i].hi);
    if (r->min_bytes)
        fprintf(out, " min_bytes=%u", r->min_bytes);
    if (r->min_text)
        fprintf(out, " min_text=%u", r->min_text);
    if (r->fallback)
        fprintf(out, " fallback");
}

void sigset_print(const sig_set *s, FILE *out)
{
    fprintf(out, "signatures: %zu from %zu pack(s), %zu content pattern(s) in one database, %zu host pattern(s)\n",
            s->n_rules, s->n_files, s->n_patterns, s->n_host_entries);
    for (size_t i = 0; i < s->n_rules; i++) {
        const sig_rule *r = &s->rules[i];
        fprintf(out, "  %u %s sev=%d \"%s\" [", r->sig.id, lw_category_name(r->sig.category), r->sig.severity,
                r->sig.name);
        print_conditions(s, r, out);
        fprintf(out, " ] %s\n", r->sig.source);
    }
}

/* ---------------------------------------------------------------- matching */

sig_scratch *sigset_scratch_new(const sig_set *s)
{
    sig_scratch *sc = calloc(1, sizeof *sc);
    if (!sc)
        return NULL;
    sc->set = s;
    sc->pattern_bits = calloc(s->n_patterns / 64 + 1, sizeof *sc->pattern_bits);
    sc->host_hit = calloc(s->n_rules + 1, sizeof *sc->host_hit);
    sc->matched = calloc(s->n_rules + 1, sizeof *sc->matched);
    sc->hits = calloc(s->n_rules + 1, sizeof *sc->hits);
    if (!sc->pattern_bits || !sc->host_hit || !sc->matched || !sc->hits ||
        (s->db && hs_alloc_scratch(s->db, &sc->hs) != HS_SUCCESS)) {
        sigset_scratch_free(sc);
        return NULL;
    }
    return sc;
}

void sigset_scratch_free(sig_scratch *sc)
{
    if (!sc)
        return;
    hs_free_scratch(sc->hs);
    free(sc->pattern_bits);
    free(sc->host_hit);
    free(sc->matched);
    free(sc->hits);
    free(sc);
}

typedef struct scan_state {
    const sig_set *set;
    sig_scratch *sc;
    const inspect_unit *unit;
} scan_state;

static int on_pattern(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx)
{
    (void)from, (void)to, (void)flags;
    scan_state *st = ctx;
    const sig_pattern *p = &st->set->patterns[id];
    if ((!p->unit_kind || p->unit_kind == st->unit->kind) &&
        (!p->field[0] || strncasecmp(p->field, st->unit->field, sizeof st->unit->field) == 0))
        st->sc->pattern_bits[id / 64] |= 1ull << (id % 64);
    return 0;
}

static bool scan_units(const sig_set *s, sig_scratch *sc, const inspect_doc *doc)
{
    memset(sc->pattern_bits, 0, (s->n_patterns / 64 + 1) * sizeof *sc->pattern_bits);
    if (!s->db || !doc)
        return true;
    scan_state st = {s, sc, NULL};
    uint32_t n = doc->n_units < LW_INSPECT_MAX_UNITS ? doc->n_units : LW_INSPECT_MAX_UNITS;
    for (uint32_t i = 0; i < n; i++) {
        st.unit = &doc->units[i];
        if (!st.unit->data || st.unit->len == 0 || !scan_unit_wanted(s, st.unit))
            continue;
        if (hs_scan(s->db, (const char *)st.unit->data, st.unit->len, 0, sc->hs, on_pattern, &st) != HS_SUCCESS)
            return false;
    }
    return true;
}

/* Index range of host_table entries named `name`. */
static size_t host_lower_bound(const sig_set *s, const char *name)
{
    size_t lo = 0, hi = s->n_host_entries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(s->host_table[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void host_mark(const sig_set *s, sig_scratch *sc, const char *name, bool is_full_name)
{
    for (size_t i = host_lower_bound(s, name); i < s->n_host_entries && strcmp(s->host_table[i].name, name) == 0; i++) {
        const sig_host_entry *e = &s->host_table[i];
        bool ok = e->kind == SIG_HOST_DOMAIN || (e->kind == SIG_HOST_EXACT) == is_full_name;
        if (ok && sc->host_hit[e->rule] < 0)
            sc->host_hit[e->rule] = (int32_t)i;
    }
}

/* The name itself, then each parent domain: one binary search per label. */
static void hosts_resolve(const sig_set *s, sig_scratch *sc, const char *host)
{
    for (size_t i = 0; i < s->n_rules; i++)
        sc->host_hit[i] = -1;
    char name[256];
    if (!s->n_host_entries || !host || !host_normalize(host, name, sizeof name))
        return;
    host_mark(s, sc, name, true);
    for (const char *dot = strchr(name, '.'); dot; dot = strchr(dot + 1, '.'))
        host_mark(s, sc, dot + 1, false);
}

static bool proto_label_has(const char *label, const char *want)
{
    size_t want_len = strlen(want);
    for (const char *part = label; label && part;) {
        const char *dot = strchr(part, '.');
        size_t len = dot ? (size_t)(dot - part) : strlen(part);
        if (len == want_len && strncasecmp(part, want, len) == 0)
            return true;
        part = dot ? dot + 1 : NULL;
    }
    return false;
}

static bool rule_protocol_ok(const sig_rule *r, const sig_context *ctx)
{
    for (size_t i = 0; i < r->n_protocols; i++)
        if (proto_label_has(ctx->app_proto, r->protocols[i]) || proto_label_has(ctx->ndpi_proto, r->protocols[i]))
            return true;
    return r->n_protocols == 0;
}

static bool rule_port_ok(const sig_rule *r, uint16_t port)
{
    for (size_t i = 0; i < r->n_ports; i++)
        if (port >= r->ports[i].lo && port <= r->ports[i].hi)
            return true;
    return r->n_ports == 0;
}

static bool rule_metadata_ok(const sig_rule *r, const sig_context *ctx)
{
    if ((r->direction == SIG_DIR_TO_SERVER && !ctx->device_sending) ||
        (r->direction == SIG_DIR_TO_CLIENT && ctx->device_sending))
        return false;
    if (r->verdicts && !(r->verdicts & (1u << ctx->verdict)))
        return false;
    if (r->message >= 0 && (!ctx->msg || ctx->msg->is_message != (r->message == 1)))
        return false;
    if (r->min_text && (!ctx->msg || ctx->msg->text_length < r->min_text))
        return false;
    return ctx->bytes >= r->min_bytes && rule_protocol_ok(r, ctx) && rule_port_ok(r, ctx->server_port);
}

static void hit_label(sig_hit *hit, const char *label)
{
    if (hit->n_matched < LW_ARRAY_LEN(hit->matched))
        lw_strlcpy(hit->matched[hit->n_matched++], label, sizeof hit->matched[0]);
}

static bool rule_content_ok(const sig_set *s, const sig_scratch *sc, const sig_rule *r, sig_hit *hit)
{
    uint32_t matched = 0;
    for (uint32_t i = r->first_pattern; i < r->first_pattern + r->n_patterns; i++)
        if (sc->pattern_bits[i / 64] & (1ull << (i % 64)))
            matched++;
    if (matched == 0 || (!r->content_any && matched < r->n_patterns))
        return false;
    for (uint32_t i = r->first_pattern; i < r->first_pattern + r->n_patterns; i++)
        if (sc->pattern_bits[i / 64] & (1ull << (i % 64)))
            hit_label(hit, s->patterns[i].label);
    return true;
}

static sig_json_slot *json_slot(sig_scratch *sc, uint16_t object_id)
{
    size_t i = (object_id * 2654435761u) % SIG_JSON_SLOTS;
    while (sc->json[i].gen == sc->json_gen && sc->json[i].object_id != object_id)
        i = (i + 1) % SIG_JSON_SLOTS;
    if (sc->json[i].gen != sc->json_gen)
        sc->json[i] = (sig_json_slot){sc->json_gen, object_id, 0};
    return &sc->json[i];
}

/* All keys among the FIELD units of one object (units sharing a non-zero object_id). */
static bool rule_json_keys_ok(sig_scratch *sc, const sig_rule *r, const inspect_doc *doc)
{
    if (++sc->json_gen == 0) {
        memset(sc->json, 0, sizeof sc->json);
        sc->json_gen = 1;
    }
    uint32_t all = r->n_json_keys == 32 ? UINT32_MAX : (1u << r->n_json_keys) - 1;
    uint32_t n = doc->n_units < LW_INSPECT_MAX_UNITS ? doc->n_units : LW_INSPECT_MAX_UNITS;
    for (uint32_t u = 0; u < n; u++) {
        const inspect_unit *unit = &doc->units[u];
        if (unit->kind != LW_UNIT_FIELD || unit->object_id == 0)
            continue;
        for (size_t k = 0; k < r->n_json_keys; k++) {
            if (strncmp(unit->field, r->json_keys[k], sizeof unit->field) == 0) {
                sig_json_slot *slot = json_slot(sc, unit->object_id);
                if ((slot->mask |= 1u << k) == all)
                    return true;
            }
        }
    }
    return false;
}

static bool rule_matches(const sig_set *s, sig_scratch *sc, size_t idx, const sig_context *ctx, sig_hit *hit)
{
    const sig_rule *r = &s->rules[idx];
    if ((!ctx->doc && rule_needs_payload(r)) || !rule_metadata_ok(r, ctx))
        return false;
    if (r->n_hosts) {
        if (sc->host_hit[idx] < 0)
            return false;
        char label[40];
        snprintf(label, sizeof label, "host:%s", r->hosts[s->host_table[sc->host_hit[idx]].pattern]);
        hit_label(hit, label);
    }
    if (r->n_patterns && !rule_content_ok(s, sc, r, hit))
        return false;
    if (r->n_json_keys && !rule_json_keys_ok(sc, r, ctx->doc))
        return false;
    if (r->n_json_keys)
        hit_label(hit, "json-keys");
    return true;
}

int sigset_match(const sig_set *s, sig_scratch *sc, const sig_context *ctx, sig_hit_fn on_hit, void *user)
{
    if (!s || !sc || sc->set != s || !scan_units(s, sc, ctx->doc))
        return -1;
    hosts_resolve(s, sc, ctx->host);
    uint32_t categories_hit = 0; /* by signatures that are not fallbacks */
    for (size_t i = 0; i < s->n_rules; i++) {
        sc->hits[i].sig = &s->rules[i].sig; /* labels are written as they are found: no 176-byte clear */
        sc->hits[i].n_matched = 0;
        sc->matched[i] = rule_matches(s, sc, i, ctx, &sc->hits[i]);
        if (sc->matched[i] && !s->rules[i].fallback)
            categories_hit |= 1u << s->rules[i].sig.category;
    }
    int hits = 0;
    for (size_t i = 0; i < s->n_rules; i++) {
        if (!sc->matched[i] || (s->rules[i].fallback && (categories_hit & (1u << s->rules[i].sig.category))))
            continue;
        hits++;
        if (on_hit)
            on_hit(&sc->hits[i], user);
    }
    return hits;
}
