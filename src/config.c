/* config.c — the configuration: built-in defaults, then leakwatch.yaml on top of them, then
 * -o output specs and redis:// URLs.
 *
 * The file is read under the limits every YAML loader shares (yamlfile.h: a regular file of at
 * most 1 MiB, one document, depth, nodes with aliases expanded, anchors) into a node tree, which
 * a table-driven schema walks. Aliases are references in that tree, and the schema is finite,
 * so self-referencing anchors cost nothing. Unknown keys, duplicate keys, wrong types and bad
 * values are errors "file:line:column: key.path: message".
 *
 * Owns every string and array in lw_config; config_free releases them, also after an error
 * half-way through a file. Never prints a password (config_print and the stored url show
 * "***"), never exits. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sodium.h>
#include <yaml.h>

#include "yamlfile.h"

#ifndef LW_DATADIR
#define LW_DATADIR "/usr/share"
#endif

#define CFG_MIB (1ULL << 20)

static const char *const cfg_default_home[] = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"};
static const char *const cfg_evidence_names[] = {"redacted", "sealed", "clear", NULL};
static const char *const cfg_checksums_names[] = {"auto", "validate", "ignore", NULL};
static const char *const cfg_redis_mode_names[] = {"stream", "list", "channel", NULL};
static const char *const cfg_fsync_names[] = {"never", "batch", "always", NULL};
static const char *const cfg_overflow_names[] = {"drop_newest", "drop_oldest", NULL};

/* ---- error messages ---- */

__attribute__((format(printf, 3, 4)))
static lw_status cfg_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return LW_ERR_USAGE;
}

/* One YAML file being applied to a configuration. */
typedef struct cfg_parser {
    const char *file;
    yaml_document_t *doc;
    lw_config *cfg;
    char keypath[128]; /* key being set, prefixed to its errors; "" for key-level errors */
    char *err;
    size_t errlen;
} cfg_parser;

__attribute__((format(printf, 3, 4)))
static lw_status cfg_fail(cfg_parser *p, yaml_mark_t mark, const char *fmt, ...)
{
    if (p->errlen == 0)
        return LW_ERR_USAGE;
    int used = snprintf(p->err, p->errlen, "%s:%zu:%zu: %s%s", p->file, mark.line + 1, mark.column + 1,
                        p->keypath, p->keypath[0] ? ": " : "");
    if (used >= 0 && (size_t)used < p->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err + used, p->errlen - (size_t)used, fmt, ap);
        va_end(ap);
    }
    return LW_ERR_USAGE;
}

static lw_status cfg_oom(cfg_parser *p, const yaml_node_t *n)
{
    return cfg_fail(p, n->start_mark, "out of memory");
}

/* ---- freeing ---- */

static void string_list_clear(lw_string_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static void cidr_list_clear(lw_cidr_list *l)
{
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static void redis_config_free(lw_redis_config *rc)
{
    free(rc->url);
    free(rc->host);
    free(rc->unix_path);
    free(rc->user);
    free(rc->password);
    free(rc->key);
    free(rc->spool_dir);
    memset(rc, 0, sizeof *rc);
}

void config_output_free(lw_output_spec *out)
{
    free(out->path);
    redis_config_free(&out->redis);
    memset(out, 0, sizeof *out);
}

static void outputs_clear(lw_config *cfg)
{
    for (size_t i = 0; i < cfg->output_count; i++)
        config_output_free(&cfg->outputs[i]);
    free(cfg->outputs);
    cfg->outputs = NULL;
    cfg->output_count = 0;
}

void config_free(lw_config *cfg)
{
    free(cfg->source);
    cidr_list_clear(&cfg->home_networks);
    string_list_clear(&cfg->approved_hosts);
    cidr_list_clear(&cfg->approved_cidrs);
    string_list_clear(&cfg->approved_countries);
    free(cfg->approved_asns);
    string_list_clear(&cfg->allowed_countries);
    free(cfg->country_db);
    free(cfg->asn_db);
    free(cfg->inspect_model);
    free(cfg->feature_dump);
    string_list_clear(&cfg->signature_paths);
    free(cfg->interface);
    string_list_clear(&cfg->interfaces);
    free(cfg->filter);
    free(cfg->sensor_name);
    free(cfg->evidence_public_key);
    free(cfg->pcap_dir);
    free(cfg->metrics_listen);
    outputs_clear(cfg);
    memset(cfg, 0, sizeof *cfg);
}

/* ---- defaults ---- */

static bool redis_defaults(lw_redis_config *rc)
{
    memset(rc, 0, sizeof *rc);
    rc->host = strdup("127.0.0.1");
    rc->port = 6379;
    rc->mode = LW_REDIS_STREAM;
    rc->key = strdup("leakwatch:alerts");
    rc->maxlen = 100000;
    rc->spool_dir = strdup("/var/lib/leakwatch/spool");
    rc->spool_max_bytes = 1L << 30;
    rc->spool_overflow = LW_SPOOL_DROP_OLDEST;
    rc->fsync = LW_FSYNC_BATCH;
    rc->batch = 64;
    rc->timeout_ms = 2000;
    return rc->host && rc->key && rc->spool_dir;
}

/* Append one zeroed output to cfg; NULL when out of memory. */
static lw_output_spec *outputs_append(lw_config *cfg)
{
    lw_output_spec *grown = realloc(cfg->outputs, (cfg->output_count + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    cfg->outputs = grown;
    lw_output_spec *spec = &grown[cfg->output_count++];
    memset(spec, 0, sizeof *spec);
    return spec;
}

static lw_output_spec *outputs_append_json(lw_config *cfg)
{
    lw_output_spec *spec = outputs_append(cfg);
    if (!spec)
        return NULL;
    spec->kind = LW_OUT_JSON;
    spec->path = strdup("-");
    return spec->path ? spec : NULL;
}

static lw_output_spec *outputs_append_redis(lw_config *cfg)
{
    lw_output_spec *spec = outputs_append(cfg);
    if (!spec)
        return NULL;
    spec->kind = LW_OUT_REDIS;
    return redis_defaults(&spec->redis) ? spec : NULL;
}

void config_defaults(lw_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->source = strdup("(built-in defaults)");
    cfg->home_networks.items = calloc(LW_ARRAY_LEN(cfg_default_home), sizeof(lw_cidr));
    for (size_t i = 0; cfg->home_networks.items && i < LW_ARRAY_LEN(cfg_default_home); i++)
        if (lw_cidr_parse(cfg_default_home[i], &cfg->home_networks.items[cfg->home_networks.count]))
            cfg->home_networks.count++;
    cfg->signature_paths.items = calloc(1, sizeof(char *));
    if (cfg->signature_paths.items && (cfg->signature_paths.items[0] = strdup(LW_DATADIR "/leakwatch/signatures")))
        cfg->signature_paths.count = 1;
    cfg->snaplen = 65535;
    cfg->promiscuous = true;
    cfg->buffer_mib = 64;
    cfg->flows_max = 1000000;
    cfg->flows_memcap = 128 * CFG_MIB;
    cfg->idle_timeout_s = 120;
    cfg->tcp_closed_timeout_s = 10;
    cfg->reassembly_depth = 65536;
    cfg->reassembly_memcap = 512 * CFG_MIB;
    cfg->inspect_max_layers = 3;
    cfg->inspect_inflate_limit = 262144;
    cfg->evidence_mode = LW_EVIDENCE_REDACTED;
    cfg->rate_limit_count = 0;
    cfg->rate_limit_interval_s = 60;
    cfg->stats_interval_s = 60;
    cfg->pcap_max_bytes = 10 * CFG_MIB;
    outputs_append_json(cfg);
}

const char *config_sensor_name(const lw_config *cfg, char *buf, size_t len)
{
    if (cfg->sensor_name && *cfg->sensor_name)
        lw_strlcpy(buf, cfg->sensor_name, len);
    else if (gethostname(buf, len) != 0 || !*buf)
        lw_strlcpy(buf, "localhost", len);
    buf[len - 1] = '\0'; /* gethostname does not promise a terminator on truncation */
    return buf;
}

void config_set_outputs(lw_config *cfg, lw_output_spec *specs, size_t count)
{
    size_t sinks = 0;
    for (size_t i = 0; i < count; i++) {
        if (specs[i].kind == LW_OUT_PCAP) {
            free(cfg->pcap_dir);
            cfg->pcap_dir = specs[i].path;
        } else {
            specs[sinks++] = specs[i];
        }
    }
    if (!sinks) {
        free(specs);
        return;
    }
    outputs_clear(cfg);
    cfg->outputs = specs;
    cfg->output_count = sinks;
}

/* ---- redis URLs ---- */

/* What one URL says; absent parts stay NULL / -1 so that the target keeps its value. */
typedef struct redis_url {
    char *host, *unix_path, *user, *password, *key, *spool, *redacted;
    bool has_credentials;
    int port, db, mode;
    long maxlen;
} redis_url;

static void redis_url_free(redis_url *u)
{
    free(u->host);
    free(u->unix_path);
    free(u->user);
    free(u->password);
    free(u->key);
    free(u->spool);
    free(u->redacted);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decode text[0..len) into a new string; NULL on a bad escape, on %00 and when out of memory. */
static char *url_decode(const char *text, size_t len)
{
    char *out = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; out && i < len; i++) {
        if (text[i] != '%') {
            out[n++] = text[i];
            continue;
        }
        int high = i + 2 < len ? hex_digit(text[i + 1]) : -1, low = i + 2 < len ? hex_digit(text[i + 2]) : -1;
        if (high < 0 || low < 0 || (high | low) == 0) {
            free(out);
            return NULL;
        }
        out[n++] = (char)(high << 4 | low);
        i += 2;
    }
    if (out)
        out[n] = '\0';
    return out;
}

/* A decimal number of at most 10 digits, no sign, not above max. */
static bool url_number(const char *s, size_t len, long max, long *out)
{
    long value = 0;
    if (len == 0 || len > 10)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        value = value * 10 + (s[i] - '0');
    }
    if (value > max)
        return false;
    *out = value;
    return true;
}

/* Replace *dst by a decoded copy of text[0..len); empty text gives NULL. */
static lw_status url_set(char **dst, const char *text, size_t len, const char *what, char *err, size_t errlen)
{
    char *value = url_decode(text, len);
    if (!value)
        return cfg_error(err, errlen, "redis URL: bad percent-encoding in the %s", what);
    free(*dst);
    *dst = *value ? value : NULL;
    if (!*value)
        free(value);
    return LW_OK;
}

static lw_status url_credentials(const char *url, const char *info, size_t len, redis_url *u, char *err,
                                 size_t errlen)
{
    const char *colon = memchr(info, ':', len);
    if (!colon)
        return cfg_error(err, errlen, "redis URL: write credentials as user:password@ or :password@");
    u->has_credentials = true;
    size_t user_len = (size_t)(colon - info), pass_len = len - user_len - 1;
    lw_status st = url_set(&u->user, info, user_len, "user name", err, errlen);
    if (st == LW_OK)
        st = url_set(&u->password, colon + 1, pass_len, "password", err, errlen);
    if (st == LW_OK && pass_len > 0 &&
        asprintf(&u->redacted, "%.*s***%s", (int)(colon + 1 - url), url, colon + 1 + pass_len) < 0) {
        u->redacted = NULL;
        return cfg_error(err, errlen, "out of memory");
    }
    return st;
}

static lw_status url_host_port(const char *s, size_t len, redis_url *u, char *err, size_t errlen)
{
    const char *host = s, *port = NULL;
    size_t host_len = len, port_len = 0;
    if (len > 0 && s[0] == '[') {
        const char *close = memchr(s, ']', len);
        if (!close)
            return cfg_error(err, errlen, "redis URL: missing ']' after the IPv6 address");
        host = s + 1;
        host_len = (size_t)(close - host);
        if (close + 1 < s + len && close[1] != ':')
            return cfg_error(err, errlen, "redis URL: expected ':' and a port after ']'");
        if (close + 1 < s + len) {
            port = close + 2;
            port_len = (size_t)(s + len - port);
        }
    } else if ((port = memchr(s, ':', len)) != NULL) {
        host_len = (size_t)(port - s);
        port_len = len - host_len - 1;
        port++;
    }
    if (host_len == 0)
        return cfg_error(err, errlen, "redis URL: missing host");
    u->host = strndup(host, host_len);
    if (!u->host)
        return cfg_error(err, errlen, "out of memory");
    unsigned char v6[16];
    if (host > s && inet_pton(AF_INET6, u->host, v6) != 1)
        return cfg_error(err, errlen, "redis URL: bad IPv6 address '%s'", u->host);
    long value;
    if (port && (!url_number(port, port_len, 65535, &value) || value == 0))
        return cfg_error(err, errlen, "redis URL: bad port '%.*s' (expected 1 to 65535)", (int)port_len, port);
    if (port)
        u->port = (int)value;
    return LW_OK;
}

/* host[:port][/db] of redis://, or the socket path of unix:// */
static lw_status url_location(bool is_unix, const char *s, size_t len, redis_url *u, char *err, size_t errlen)
{
    if (is_unix) {
        if (len == 0 || s[0] != '/')
            return cfg_error(err, errlen, "redis URL: expected a socket path, as in unix:///run/redis/redis.sock");
        return url_set(&u->unix_path, s, len, "socket path", err, errlen);
    }
    const char *slash = memchr(s, '/', len);
    lw_status st = url_host_port(s, slash ? (size_t)(slash - s) : len, u, err, errlen);
    if (st != LW_OK || !slash || slash + 1 == s + len)
        return st;
    long db;
    size_t db_len = (size_t)(s + len - slash - 1);
    if (!url_number(slash + 1, db_len, INT_MAX, &db))
        return cfg_error(err, errlen, "redis URL: bad database '%.*s' (expected a number)", (int)db_len, slash + 1);
    u->db = (int)db;
    return LW_OK;
}

static lw_status url_parameter(const char *name, size_t name_len, const char *value, size_t value_len,
                               redis_url *u, char *err, size_t errlen)
{
    long number;
#define URL_PARAM_IS(literal) (name_len == sizeof literal - 1 && memcmp(name, literal, name_len) == 0)
    if (URL_PARAM_IS("key") || URL_PARAM_IS("spool")) {
        char **dst = URL_PARAM_IS("key") ? &u->key : &u->spool;
        lw_status st = url_set(dst, value, value_len, URL_PARAM_IS("key") ? "key" : "spool directory", err, errlen);
        if (st == LW_OK && !*dst)
            return cfg_error(err, errlen, "redis URL: empty %.*s", (int)name_len, name);
        return st;
    }
    if (URL_PARAM_IS("mode")) {
        for (int i = 0; cfg_redis_mode_names[i]; i++)
            if (strlen(cfg_redis_mode_names[i]) == value_len && memcmp(cfg_redis_mode_names[i], value, value_len) == 0) {
                u->mode = i;
                return LW_OK;
            }
        return cfg_error(err, errlen, "redis URL: bad mode '%.*s' (expected stream, list or channel)", (int)value_len,
                         value);
    }
    if (URL_PARAM_IS("maxlen") && url_number(value, value_len, LONG_MAX, &number)) {
        u->maxlen = number;
        return LW_OK;
    }
    if (URL_PARAM_IS("db") && url_number(value, value_len, INT_MAX, &number)) {
        u->db = (int)number;
        return LW_OK;
    }
    if (URL_PARAM_IS("maxlen") || URL_PARAM_IS("db"))
        return cfg_error(err, errlen, "redis URL: bad %.*s '%.*s' (expected a number)", (int)name_len, name,
                         (int)value_len, value);
#undef URL_PARAM_IS
    return cfg_error(err, errlen, "redis URL: unknown parameter '%.*s' (expected mode, key, maxlen, spool or db)",
                     (int)name_len, name);
}

static lw_status url_query(const char *q, redis_url *u, char *err, size_t errlen)
{
    while (*q) {
        size_t len = strcspn(q, "&");
        const char *eq = memchr(q, '=', len);
        if (len > 0 && !eq)
            return cfg_error(err, errlen, "redis URL: parameter '%.*s' needs a value", (int)len, q);
        if (len > 0) {
            lw_status st = url_parameter(q, (size_t)(eq - q), eq + 1, (size_t)(q + len - eq - 1), u, err, errlen);
            if (st != LW_OK)
                return st;
        }
        q += len + (q[len] == '&');
    }
    return LW_OK;
}

static lw_status redis_url_parse(const char *url, redis_url *u, char *err, size_t errlen)
{
    bool is_unix = strncmp(url, "unix://", 7) == 0;
    if (!is_unix && strncmp(url, "redis://", 8) != 0)
        return cfg_error(err, errlen, "redis URL: expected redis:// or unix://");
    const char *rest = url + (is_unix ? 7 : 8), *query = strchr(rest, '?');
    size_t len = query ? (size_t)(query - rest) : strlen(rest);
    const char *at = memrchr(rest, '@', len);
    lw_status st = LW_OK;
    if (at) {
        st = url_credentials(url, rest, (size_t)(at - rest), u, err, errlen);
        len -= (size_t)(at + 1 - rest);
        rest = at + 1;
    }
    if (st == LW_OK)
        st = url_location(is_unix, rest, len, u, err, errlen);
    if (st == LW_OK && query)
        st = url_query(query + 1, u, err, errlen);
    if (st == LW_OK && !u->redacted && !(u->redacted = strdup(url)))
        st = cfg_error(err, errlen, "out of memory");
    return st;
}

static void take_string(char **dst, char **src)
{
    free(*dst);
    *dst = *src;
    *src = NULL;
}

static void redis_url_commit(redis_url *u, lw_redis_config *rc)
{
    take_string(&rc->host, &u->host);
    take_string(&rc->unix_path, &u->unix_path);
    take_string(&rc->url, &u->redacted);
    rc->port = rc->unix_path ? 0 : u->port;
    if (u->has_credentials) {
        take_string(&rc->user, &u->user);
        take_string(&rc->password, &u->password);
    }
    if (u->key)
        take_string(&rc->key, &u->key);
    if (u->spool)
        take_string(&rc->spool_dir, &u->spool);
    if (u->db >= 0)
        rc->db = u->db;
    if (u->mode >= 0)
        rc->mode = (lw_redis_mode)u->mode;
    if (u->maxlen >= 0)
        rc->maxlen = u->maxlen;
}

lw_status config_parse_redis_url(const char *url, lw_redis_config *rc, char *err, size_t errlen)
{
    redis_url u = {.port = 6379, .db = -1, .mode = -1, .maxlen = -1};
    lw_status st = redis_url_parse(url, &u, err, errlen);
    if (st == LW_OK)
        redis_url_commit(&u, rc);
    redis_url_free(&u);
    return st;
}

lw_status config_parse_output(const char *spec, lw_output_spec *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (strncmp(spec, "json:", 5) == 0) {
        if (spec[5] == '\0')
            return cfg_error(err, errlen, "output 'json:' needs a path or '-'");
        out->kind = LW_OUT_JSON;
        out->path = strdup(spec + 5);
        return out->path ? LW_OK : cfg_error(err, errlen, "out of memory");
    }
    if (strncmp(spec, "pcap:", 5) == 0) {
        if (spec[5] == '\0')
            return cfg_error(err, errlen, "output 'pcap:' needs a directory");
        out->kind = LW_OUT_PCAP;
        out->path = strdup(spec + 5);
        return out->path ? LW_OK : cfg_error(err, errlen, "out of memory");
    }
    if (strncmp(spec, "redis://", 8) == 0 || strncmp(spec, "unix://", 7) == 0) {
        out->kind = LW_OUT_REDIS;
        lw_status st = redis_defaults(&out->redis) ? config_parse_redis_url(spec, &out->redis, err, errlen)
                                                   : cfg_error(err, errlen, "out of memory");
        if (st != LW_OK)
            config_output_free(out);
        return st;
    }
    return cfg_error(err, errlen, "unknown output '%.*s' (expected json:-, json:PATH, redis://…, unix://… or pcap:DIR)",
                     (int)strcspn(spec, ":@/"), spec);
}

/* ---- YAML nodes ---- */

static yaml_node_t *cfg_node(const cfg_parser *p, int index)
{
    return yaml_document_get_node(p->doc, index);
}

static const char *cfg_scalar(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static bool cfg_is_null(const yaml_node_t *n)
{
    const char *s = cfg_scalar(n);
    if (!s || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* An unquoted, non-null scalar (numbers and booleans), else NULL. */
static const char *cfg_plain(const yaml_node_t *n)
{
    return cfg_scalar(n) && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !cfg_is_null(n) ? cfg_scalar(n) : NULL;
}

static lw_status cfg_string(cfg_parser *p, const yaml_node_t *n, const char **out)
{
    const char *s = cfg_scalar(n);
    if (!s || cfg_is_null(n))
        return cfg_fail(p, n->start_mark, "expected a string");
    if (strlen(s) != n->data.scalar.length)
        return cfg_fail(p, n->start_mark, "unexpected NUL character in string");
    if (!*s)
        return cfg_fail(p, n->start_mark, "expected a non-empty string");
    *out = s;
    return LW_OK;
}

static lw_status cfg_dup(cfg_parser *p, const yaml_node_t *n, char **field)
{
    const char *s = NULL;
    lw_status st = cfg_string(p, n, &s);
    if (st != LW_OK)
        return st;
    char *copy = strdup(s);
    if (!copy)
        return cfg_oom(p, n);
    free(*field);
    *field = copy;
    return LW_OK;
}

static lw_status cfg_items(cfg_parser *p, const yaml_node_t *n, yaml_node_item_t **items, size_t *count)
{
    *count = 0;
    if (cfg_is_null(n))
        return LW_OK;
    if (n->type != YAML_SEQUENCE_NODE)
        return cfg_fail(p, n->start_mark, "expected a list");
    *items = n->data.sequence.items.start;
    *count = (size_t)(n->data.sequence.items.top - *items);
    return LW_OK;
}

/* Sizes: an integer, optionally followed by a binary suffix (K and KiB are both 1024). */
typedef struct cfg_range {
    uint64_t min, max;
    uint64_t unit;  /* bytes of one bare unit (1 MiB for capture.buffer_size) */
    size_t width;   /* of the target field: 4 or 8 bytes */
    bool size;      /* suffixes allowed */
} cfg_range;

static const struct {
    const char *suffix;
    unsigned shift;
} cfg_suffixes[] = {{"K", 10}, {"KiB", 10}, {"M", 20}, {"MiB", 20}, {"G", 30}, {"GiB", 30}, {"T", 40}, {"TiB", 40}};

/* Parse a number in the range's units; saturates at UINT64_MAX so that huge values fail the range check. */
static bool cfg_parse_number(const char *s, const cfg_range *r, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    if (errno == ERANGE)
        n = ULLONG_MAX;
    while (*end == ' ')
        end++;
    if (*end == '\0') {
        *out = n;
        return true;
    }
    for (size_t i = 0; r->size && i < LW_ARRAY_LEN(cfg_suffixes); i++)
        if (strcmp(end, cfg_suffixes[i].suffix) == 0) {
            uint64_t bytes = n > (UINT64_MAX >> cfg_suffixes[i].shift) ? UINT64_MAX : n << cfg_suffixes[i].shift;
            *out = bytes / r->unit + (bytes % r->unit != 0);
            return true;
        }
    return false;
}

/* ---- the schema ---- */

typedef struct cfg_key cfg_key;
typedef lw_status (*cfg_setter)(cfg_parser *p, yaml_node_t *value, void *field, const cfg_key *k);
struct cfg_key {
    const char *name;
    cfg_setter set;
    size_t offset;   /* of the field in the section's base struct */
    const void *arg; /* child section, enum names or number range */
};
typedef struct cfg_section {
    const char *path; /* NULL at the top level */
    const cfg_key *keys;
} cfg_section;

_Static_assert(sizeof(lw_evidence_mode) == sizeof(int) && sizeof(lw_redis_mode) == sizeof(int) &&
                   sizeof(lw_fsync_policy) == sizeof(int) && sizeof(lw_spool_overflow) == sizeof(int),
               "enum fields are set as int");

static lw_status cfg_walk(cfg_parser *p, yaml_node_t *map, const cfg_section *sec, void *base);

static lw_status set_section(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    return cfg_walk(p, n, k->arg, field);
}

static lw_status set_string(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    (void)k;
    return cfg_dup(p, n, field);
}

static lw_status set_optional_string(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    if (!cfg_is_null(n))
        return set_string(p, n, field, k);
    free(*(char **)field);
    *(char **)field = NULL;
    return LW_OK;
}

static lw_status set_bool(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    static const char *const words[] = {"false", "true", "no", "yes", "off", "on"};
    const char *s = cfg_plain(n);
    (void)k;
    for (size_t i = 0; s && i < LW_ARRAY_LEN(words); i++)
        if (strcasecmp(s, words[i]) == 0) {
            *(bool *)field = i % 2 == 1;
            return LW_OK;
        }
    return cfg_fail(p, n->start_mark, "expected true or false");
}

static lw_status set_number(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    const cfg_range *r = k->arg;
    const char *s = cfg_plain(n);
    uint64_t value;
    if (!s || !cfg_parse_number(s, r, &value))
        return cfg_fail(p, n->start_mark,
                        r->size ? "expected a size (an integer, optionally followed by K/KiB, M/MiB, G/GiB or T/TiB)"
                                : "expected an integer");
    if (value < r->min || value > r->max)
        return cfg_fail(p, n->start_mark, "'%.40s' is out of range (%" PRIu64 " to %" PRIu64 ")", s, r->min, r->max);
    if (r->width == sizeof(uint32_t)) {
        uint32_t narrow = (uint32_t)value;
        memcpy(field, &narrow, sizeof narrow);
    } else {
        memcpy(field, &value, sizeof value);
    }
    return LW_OK;
}

static lw_status set_enum(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    const char *const *names = k->arg;
    const char *s = cfg_scalar(n);
    char allowed[128] = "";
    for (int i = 0; names[i]; i++) {
        if (s && strcmp(s, names[i]) == 0) {
            memcpy(field, &i, sizeof i);
            return LW_OK;
        }
        size_t used = strlen(allowed);
        snprintf(allowed + used, sizeof allowed - used, "%s%s", i ? ", " : "", names[i]);
    }
    return cfg_fail(p, n->start_mark, "expected one of %s", allowed);
}

static lw_status cfg_cidr_list(cfg_parser *p, yaml_node_t *n, lw_cidr_list *list)
{
    yaml_node_item_t *items = NULL;
    size_t count;
    lw_status st = cfg_items(p, n, &items, &count);
    if (st != LW_OK)
        return st;
    cidr_list_clear(list);
    if (count > 0 && !(list->items = calloc(count, sizeof *list->items)))
        return cfg_oom(p, n);
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *item = cfg_node(p, items[i]);
        const char *s = NULL;
        if ((st = cfg_string(p, item, &s)) != LW_OK)
            return st;
        if (!lw_cidr_parse(s, &list->items[list->count]))
            return cfg_fail(p, item->start_mark, "bad CIDR '%.64s'", s);
        list->count++;
    }
    return LW_OK;
}

static lw_status set_cidrs(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    (void)k;
    return cfg_cidr_list(p, n, field);
}

static lw_status set_home_networks(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    lw_status st = set_cidrs(p, n, field, k);
    if (st == LW_OK && ((lw_cidr_list *)field)->count == 0)
        return cfg_fail(p, n->start_mark, "expected at least one network");
    return st;
}

typedef lw_status (*cfg_normalizer)(cfg_parser *p, const yaml_node_t *n, char *s);

static lw_status cfg_string_list(cfg_parser *p, yaml_node_t *n, lw_string_list *list, cfg_normalizer normalize)
{
    yaml_node_item_t *items = NULL;
    size_t count;
    lw_status st = cfg_items(p, n, &items, &count);
    if (st != LW_OK)
        return st;
    string_list_clear(list);
    if (count > 0 && !(list->items = calloc(count, sizeof *list->items)))
        return cfg_oom(p, n);
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *item = cfg_node(p, items[i]);
        if ((st = cfg_dup(p, item, &list->items[list->count])) != LW_OK)
            return st;
        list->count++;
        if (normalize && (st = normalize(p, item, list->items[list->count - 1])) != LW_OK)
            return st;
    }
    return LW_OK;
}

/* Lower case, no trailing dot; "*." only as a prefix. */
static lw_status cfg_host_name(cfg_parser *p, const yaml_node_t *n, char *s)
{
    size_t len = strlen(s);
    if (len > 1 && s[len - 1] == '.')
        s[--len] = '\0';
    const char *name = strncmp(s, "*.", 2) == 0 ? s + 2 : s;
    bool ok = *name && len <= 253;
    for (char *c = s; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    for (const char *c = name; ok && *c; c++)
        ok = isalnum((unsigned char)*c) || *c == '-' || *c == '_' || (*c == '.' && c != name && c[1] && c[1] != '.');
    return ok ? LW_OK : cfg_fail(p, n->start_mark, "bad host name '%.64s' (expected a DNS name or *.domain)", s);
}

static lw_status cfg_country_code(cfg_parser *p, const yaml_node_t *n, char *s)
{
    if (strlen(s) != 2 || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]))
        return cfg_fail(p, n->start_mark, "bad country code '%.40s' (expected ISO 3166-1 alpha-2, like DE)", s);
    s[0] = (char)toupper((unsigned char)s[0]);
    s[1] = (char)toupper((unsigned char)s[1]);
    return LW_OK;
}

static lw_status set_hosts(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    (void)k;
    return cfg_string_list(p, n, field, cfg_host_name);
}

static lw_status set_countries(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    (void)k;
    return cfg_string_list(p, n, field, cfg_country_code);
}

static lw_status set_paths(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    (void)k;
    return cfg_string_list(p, n, field, NULL);
}

/* 64500 or AS64500 */
static lw_status set_asns(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    static const cfg_range asn_range = {1, UINT32_MAX, 1, sizeof(uint32_t), false};
    lw_config *cfg = field;
    yaml_node_item_t *items = NULL;
    size_t count;
    lw_status st = cfg_items(p, n, &items, &count);
    (void)k;
    if (st != LW_OK)
        return st;
    free(cfg->approved_asns);
    cfg->approved_asns = NULL;
    cfg->approved_asn_count = 0;
    if (count > 0 && !(cfg->approved_asns = calloc(count, sizeof *cfg->approved_asns)))
        return cfg_oom(p, n);
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *item = cfg_node(p, items[i]);
        const char *s = cfg_scalar(item);
        uint64_t asn;
        if (s && strncasecmp(s, "AS", 2) == 0)
            s += 2;
        if (!s || !cfg_parse_number(s, &asn_range, &asn) || asn < asn_range.min || asn > asn_range.max)
            return cfg_fail(p, item->start_mark, "expected an AS number, like 64500 or AS64500");
        cfg->approved_asns[cfg->approved_asn_count++] = (uint32_t)asn;
    }
    return LW_OK;
}

static lw_status set_public_key(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    unsigned char key[32];
    size_t key_len;
    const char *s = NULL;
    if (cfg_is_null(n))
        return set_optional_string(p, n, field, k);
    lw_status st = cfg_string(p, n, &s);
    if (st != LW_OK)
        return st;
    if (sodium_base642bin(key, sizeof key, s, strlen(s), NULL, &key_len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        key_len != sizeof key)
        return cfg_fail(p, n->start_mark, "expected a base64 X25519 public key (32 bytes)");
    return cfg_dup(p, n, field);
}

lw_status config_parse_listen(const char *spec, bool any_port, char *host, size_t hostlen, uint16_t *port, char *err,
                              size_t errlen)
{
    const char *colon = strrchr(spec, ':'), *h = spec;
    size_t n = colon ? (size_t)(colon - spec) : 0;
    if (n >= 2 && spec[0] == '[' && spec[n - 1] == ']')
        h++, n -= 2;
    else if (colon && memchr(spec, ':', n))
        colon = NULL; /* a bare IPv6 address: its port is ambiguous */
    char *end;
    unsigned long v = colon ? strtoul(colon + 1, &end, 10) : 0;
    if (!colon || n == 0 || n >= hostlen || !isdigit((unsigned char)colon[1]) || *end || v > 65535 || (!v && !any_port)) {
        snprintf(err, errlen, "expected HOST:PORT or [IPV6]:PORT with a port of 1 to 65535, got '%s'", spec);
        return LW_ERR_USAGE;
    }
    memcpy(host, h, n);
    host[n] = '\0';
    *port = (uint16_t)v;
    return LW_OK;
}

static lw_status set_listen(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    const char *s = NULL;
    char host[256], why[LW_ERRBUF];
    uint16_t port;
    if (cfg_is_null(n))
        return set_optional_string(p, n, field, k);
    lw_status st = cfg_string(p, n, &s);
    if (st != LW_OK)
        return st;
    if (config_parse_listen(s, false, host, sizeof host, &port, why, sizeof why) != LW_OK)
        return cfg_fail(p, n->start_mark, "%s", why);
    return cfg_dup(p, n, field);
}

static lw_status set_evidence(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    lw_config *cfg = field;
    lw_status st = cfg_walk(p, n, k->arg, field);
    if (st == LW_OK && cfg->evidence_mode == LW_EVIDENCE_SEALED && !cfg->evidence_public_key) {
        snprintf(p->keypath, sizeof p->keypath, "alerts.evidence");
        return cfg_fail(p, n->start_mark, "mode sealed needs a public_key");
    }
    return st;
}

/* capture.interface and capture.interfaces say the same thing: one of them. */
static lw_status set_capture(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    lw_config *cfg = field;
    lw_status st = cfg_walk(p, n, k->arg, field);
    if (st == LW_OK && cfg->interface && cfg->interfaces.count) {
        snprintf(p->keypath, sizeof p->keypath, "capture");
        return cfg_fail(p, n->start_mark, "give interface or interfaces, not both");
    }
    return st;
}

static lw_status set_outputs(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    lw_config *cfg = field;
    outputs_clear(cfg);
    lw_status st = cfg_walk(p, n, k->arg, cfg);
    if (st == LW_OK && cfg->output_count == 0) {
        snprintf(p->keypath, sizeof p->keypath, "outputs");
        return cfg_fail(p, n->start_mark, "expected json and/or redis (pcap keeps packets, not alerts)");
    }
    return st;
}

static lw_status set_json_output(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    lw_output_spec *spec = outputs_append_json(field);
    return spec ? cfg_walk(p, n, k->arg, spec) : cfg_oom(p, n);
}

static yaml_node_t *cfg_lookup(const cfg_parser *p, const yaml_node_t *map, const char *name)
{
    if (map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
        const char *key = cfg_scalar(cfg_node(p, pair->key));
        if (key && strcmp(key, name) == 0)
            return cfg_node(p, pair->value);
    }
    return NULL;
}

/* The url first, whatever its place, so that the other keys override what it says. */
static lw_status set_redis_output(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    lw_output_spec *spec = outputs_append_redis(field);
    if (!spec)
        return cfg_oom(p, n);
    yaml_node_t *url = cfg_lookup(p, n, "url");
    if (url) {
        const char *s = NULL;
        char why[LW_ERRBUF];
        snprintf(p->keypath, sizeof p->keypath, "outputs.redis.url");
        lw_status st = cfg_string(p, url, &s);
        if (st != LW_OK)
            return st;
        if (config_parse_redis_url(s, &spec->redis, why, sizeof why) != LW_OK)
            return cfg_fail(p, url->start_mark, "%s", why + (strncmp(why, "redis URL: ", 11) == 0 ? 11 : 0));
    }
    return cfg_walk(p, n, k->arg, &spec->redis);
}

/* outputs.pcap: a dir is required; the section is replaced as a whole. */
static lw_status set_pcap_output(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    lw_config *cfg = field;
    free(cfg->pcap_dir);
    cfg->pcap_dir = NULL;
    cfg->pcap_max_bytes = 10 * CFG_MIB;
    lw_status st = cfg_walk(p, n, k->arg, cfg);
    if (st == LW_OK && (!cfg->pcap_dir || !*cfg->pcap_dir)) {
        snprintf(p->keypath, sizeof p->keypath, "outputs.pcap");
        return cfg_fail(p, n->start_mark, "expected a dir");
    }
    return st;
}

static lw_status set_nothing(cfg_parser *p, yaml_node_t *n, void *field, const cfg_key *k)
{
    (void)p, (void)n, (void)field, (void)k;
    return LW_OK;
}

#define KEY_SECTION(name, setter, section) {name, setter, 0, &section}
#define KEY_FIELD(name, setter, type, member) {name, setter, offsetof(type, member), NULL}
#define KEY_ENUM(name, type, member, names) {name, set_enum, offsetof(type, member), names}
#define KEY_NUMBER(name, type, member, lo, hi, unit, is_size)                                                     \
    {name, set_number, offsetof(type, member),                                                                    \
     &(const cfg_range){lo, hi, unit, sizeof(((type *)0)->member), is_size}}
#define KEY_END {NULL, NULL, 0, NULL}

static const cfg_section sec_networks = {"networks", (const cfg_key[]){
    KEY_FIELD("home", set_home_networks, lw_config, home_networks), KEY_END}};
static const cfg_section sec_archives = {"policy.approved_archives", (const cfg_key[]){
    KEY_FIELD("hosts", set_hosts, lw_config, approved_hosts),
    KEY_FIELD("cidrs", set_cidrs, lw_config, approved_cidrs),
    KEY_FIELD("countries", set_countries, lw_config, approved_countries),
    {"asns", set_asns, 0, NULL}, KEY_END}};
static const cfg_section sec_policy = {"policy", (const cfg_key[]){
    KEY_SECTION("approved_archives", set_section, sec_archives),
    KEY_FIELD("allowed_countries", set_countries, lw_config, allowed_countries),
    KEY_FIELD("watch_internal", set_bool, lw_config, watch_internal), KEY_END}};
static const cfg_section sec_geoip = {"geoip", (const cfg_key[]){
    KEY_FIELD("country_db", set_optional_string, lw_config, country_db),
    KEY_FIELD("asn_db", set_optional_string, lw_config, asn_db), KEY_END}};
static const cfg_section sec_signatures = {"signatures", (const cfg_key[]){
    KEY_FIELD("paths", set_paths, lw_config, signature_paths), KEY_END}};
static const cfg_section sec_sensor = {"sensor", (const cfg_key[]){
    KEY_FIELD("name", set_optional_string, lw_config, sensor_name), KEY_END}};
static const cfg_section sec_capture = {"capture", (const cfg_key[]){
    KEY_FIELD("interface", set_optional_string, lw_config, interface),
    KEY_FIELD("interfaces", set_paths, lw_config, interfaces),
    KEY_NUMBER("workers", lw_config, workers, 0, 256, 1, false),
    KEY_FIELD("filter", set_optional_string, lw_config, filter),
    KEY_NUMBER("snaplen", lw_config, snaplen, 68, 262144, 1, true),
    KEY_FIELD("promiscuous", set_bool, lw_config, promiscuous),
    KEY_NUMBER("buffer_size", lw_config, buffer_mib, 1, 65536, CFG_MIB, true),
    KEY_ENUM("checksums", lw_config, checksums, cfg_checksums_names), KEY_END}};
static const cfg_section sec_flows = {"flows", (const cfg_key[]){
    KEY_NUMBER("max", lw_config, flows_max, 1, 1073741824, 1, false),
    KEY_NUMBER("memcap", lw_config, flows_memcap, CFG_MIB, 1ULL << 40, 1, true),
    KEY_NUMBER("idle_timeout", lw_config, idle_timeout_s, 1, 86400, 1, false),
    KEY_NUMBER("tcp_close_timeout", lw_config, tcp_closed_timeout_s, 1, 86400, 1, false), KEY_END}};
static const cfg_section sec_reassembly = {"reassembly", (const cfg_key[]){
    KEY_NUMBER("depth", lw_config, reassembly_depth, 1, 1ULL << 30, 1, true),
    KEY_NUMBER("memcap", lw_config, reassembly_memcap, CFG_MIB, 1ULL << 40, 1, true), KEY_END}};
static const cfg_section sec_inspect = {"inspect", (const cfg_key[]){
    KEY_NUMBER("max_layers", lw_config, inspect_max_layers, 0, 16, 1, false),
    KEY_NUMBER("inflate_limit", lw_config, inspect_inflate_limit, 1024, 1ULL << 30, 1, true),
    KEY_FIELD("model", set_optional_string, lw_config, inspect_model), KEY_END}};
static const cfg_section sec_evidence = {"alerts.evidence", (const cfg_key[]){
    KEY_ENUM("mode", lw_config, evidence_mode, cfg_evidence_names),
    KEY_FIELD("public_key", set_public_key, lw_config, evidence_public_key), KEY_END}};
static const cfg_section sec_rate_limit = {"alerts.rate_limit", (const cfg_key[]){
    KEY_NUMBER("count", lw_config, rate_limit_count, 0, UINT32_MAX, 1, false),
    KEY_NUMBER("interval", lw_config, rate_limit_interval_s, 1, 86400, 1, false), KEY_END}};
static const cfg_section sec_alerts = {"alerts", (const cfg_key[]){
    KEY_SECTION("evidence", set_evidence, sec_evidence),
    KEY_SECTION("rate_limit", set_section, sec_rate_limit), KEY_END}};
static const cfg_section sec_json = {"outputs.json", (const cfg_key[]){
    KEY_FIELD("path", set_string, lw_output_spec, path), KEY_END}};
static const cfg_section sec_redis = {"outputs.redis", (const cfg_key[]){
    {"url", set_nothing, 0, NULL},
    KEY_ENUM("mode", lw_redis_config, mode, cfg_redis_mode_names),
    KEY_FIELD("key", set_string, lw_redis_config, key),
    KEY_NUMBER("maxlen", lw_redis_config, maxlen, 0, LONG_MAX, 1, false),
    KEY_FIELD("spool", set_string, lw_redis_config, spool_dir),
    KEY_NUMBER("spool_max", lw_redis_config, spool_max_bytes, CFG_MIB, LONG_MAX, 1, true),
    KEY_ENUM("spool_overflow", lw_redis_config, spool_overflow, cfg_overflow_names),
    KEY_ENUM("fsync", lw_redis_config, fsync, cfg_fsync_names),
    KEY_NUMBER("batch", lw_redis_config, batch, 1, 10000, 1, false),
    KEY_NUMBER("timeout", lw_redis_config, timeout_ms, 1, 600000, 1, false),
    KEY_FIELD("password", set_optional_string, lw_redis_config, password),
    KEY_FIELD("user", set_optional_string, lw_redis_config, user),
    KEY_NUMBER("db", lw_redis_config, db, 0, INT_MAX, 1, false), KEY_END}};
static const cfg_section sec_pcap = {"outputs.pcap", (const cfg_key[]){
    KEY_FIELD("dir", set_string, lw_config, pcap_dir),
    KEY_NUMBER("max_bytes", lw_config, pcap_max_bytes, 1024, 1ULL << 40, 1, true), KEY_END}};
static const cfg_section sec_outputs = {"outputs", (const cfg_key[]){
    KEY_SECTION("json", set_json_output, sec_json),
    KEY_SECTION("redis", set_redis_output, sec_redis),
    KEY_SECTION("pcap", set_pcap_output, sec_pcap), KEY_END}};
static const cfg_section sec_stats = {"stats", (const cfg_key[]){
    KEY_NUMBER("interval", lw_config, stats_interval_s, 0, 86400, 1, false), KEY_END}};
static const cfg_section sec_metrics = {"metrics", (const cfg_key[]){
    KEY_FIELD("listen", set_listen, lw_config, metrics_listen), KEY_END}};
static const cfg_section sec_root = {NULL, (const cfg_key[]){
    KEY_SECTION("networks", set_section, sec_networks),
    KEY_SECTION("policy", set_section, sec_policy),
    KEY_SECTION("geoip", set_section, sec_geoip),
    KEY_SECTION("signatures", set_section, sec_signatures),
    KEY_SECTION("sensor", set_section, sec_sensor),
    KEY_SECTION("capture", set_capture, sec_capture),
    KEY_SECTION("flows", set_section, sec_flows),
    KEY_SECTION("reassembly", set_section, sec_reassembly),
    KEY_SECTION("inspect", set_section, sec_inspect),
    KEY_SECTION("alerts", set_section, sec_alerts),
    KEY_SECTION("outputs", set_outputs, sec_outputs),
    KEY_SECTION("stats", set_section, sec_stats),
    KEY_SECTION("metrics", set_section, sec_metrics), KEY_END}};

static const cfg_key *cfg_find_key(const cfg_section *sec, const char *name)
{
    for (const cfg_key *k = sec->keys; k->name; k++)
        if (strcmp(k->name, name) == 0)
            return k;
    return NULL;
}

static lw_status cfg_check_key(cfg_parser *p, const yaml_node_t *map, const yaml_node_pair_t *pair,
                               const cfg_section *sec, const cfg_key **found)
{
    const yaml_node_t *key = cfg_node(p, pair->key);
    const char *name = cfg_scalar(key);
    const char *in = sec->path ? sec->path : "the top level";
    if (!name)
        return cfg_fail(p, key->start_mark, "expected a key name in '%s'", in);
    if (!(*found = cfg_find_key(sec, name)))
        return cfg_fail(p, key->start_mark, "unknown key '%.64s' in '%s'", name, in);
    for (const yaml_node_pair_t *prev = map->data.mapping.pairs.start; prev < pair; prev++)
        if (strcmp(cfg_scalar(cfg_node(p, prev->key)), name) == 0)
            return cfg_fail(p, key->start_mark, "duplicate key '%s' in '%s'", name, in);
    return LW_OK;
}

static lw_status cfg_walk(cfg_parser *p, yaml_node_t *map, const cfg_section *sec, void *base)
{
    if (cfg_is_null(map))
        return LW_OK;
    if (map->type != YAML_MAPPING_NODE)
        return cfg_fail(p, map->start_mark, "expected a mapping");
    for (yaml_node_pair_t *pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
        const cfg_key *k = NULL;
        p->keypath[0] = '\0';
        lw_status st = cfg_check_key(p, map, pair, sec, &k);
        if (st != LW_OK)
            return st;
        snprintf(p->keypath, sizeof p->keypath, "%s%s%s", sec->path ? sec->path : "", sec->path ? "." : "", k->name);
        if ((st = k->set(p, cfg_node(p, pair->value), (char *)base + k->offset, k)) != LW_OK)
            return st;
    }
    return LW_OK;
}

/* ---- loading a file ---- */

lw_status config_load(const char *path, lw_config *cfg, char *err, size_t errlen)
{
    char *source = strdup(path);
    if (!source)
        return cfg_error(err, errlen, "%s: out of memory", path);
    yaml_document_t doc;
    lw_status st = yamlfile_load(path, &doc, err, errlen);
    if (st != LW_OK) {
        free(source);
        return st;
    }
    free(cfg->source);
    cfg->source = source;
    cfg_parser p = {.file = path, .doc = &doc, .cfg = cfg, .err = err, .errlen = errlen};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root)
        st = cfg_walk(&p, root, &sec_root, cfg);
    yaml_document_delete(&doc);
    return st;
}

/* ---- printing (for -T) ---- */

static void print_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void print_key_string(FILE *out, const char *indent_key, const char *s)
{
    fprintf(out, "%s: ", indent_key);
    print_string(out, s);
    fputc('\n', out);
}

static void print_key_secret(FILE *out, const char *indent_key, const char *s)
{
    fprintf(out, "%s: %s\n", indent_key, s ? "\"***\"" : "null");
}

static void print_key_strings(FILE *out, const char *indent_key, const lw_string_list *l)
{
    fprintf(out, "%s: [", indent_key);
    for (size_t i = 0; i < l->count; i++) {
        fputs(i ? ", " : "", out);
        print_string(out, l->items[i]);
    }
    fputs("]\n", out);
}

static void print_key_cidrs(FILE *out, const char *indent_key, const lw_cidr_list *l)
{
    char text[64];
    fprintf(out, "%s: [", indent_key);
    for (size_t i = 0; i < l->count; i++)
        fprintf(out, "%s%s/%u", i ? ", " : "", lw_addr_format(&l->items[i].addr, text, sizeof text),
                l->items[i].prefix_len);
    fputs("]\n", out);
}

static void print_redis(FILE *out, const lw_redis_config *rc)
{
    fputs("  redis:\n    url: \"", out);
    if (rc->unix_path)
        fprintf(out, "unix://%s\"\n", rc->unix_path);
    else
        fprintf(out, strchr(rc->host ? rc->host : "", ':') ? "redis://[%s]:%d\"\n" : "redis://%s:%d\"\n",
                rc->host ? rc->host : "", rc->port);
    print_key_string(out, "    user", rc->user);
    print_key_secret(out, "    password", rc->password);
    fprintf(out, "    db: %d\n    mode: %s\n", rc->db, cfg_redis_mode_names[rc->mode]);
    print_key_string(out, "    key", rc->key);
    fprintf(out, "    maxlen: %ld\n", rc->maxlen);
    print_key_string(out, "    spool", rc->spool_dir);
    fprintf(out, "    spool_max: %ld\n    spool_overflow: %s\n    fsync: %s\n", rc->spool_max_bytes,
            cfg_overflow_names[rc->spool_overflow], cfg_fsync_names[rc->fsync]);
    fprintf(out, "    batch: %d\n    timeout: %d\n", rc->batch, rc->timeout_ms);
}

static void print_outputs(FILE *out, const lw_config *cfg)
{
    fputs("outputs:\n", out);
    for (size_t i = 0; i < cfg->output_count; i++) {
        if (cfg->outputs[i].kind == LW_OUT_JSON) {
            fputs("  json:\n", out);
            print_key_string(out, "    path", cfg->outputs[i].path);
        } else {
            print_redis(out, &cfg->outputs[i].redis);
        }
    }
    if (cfg->pcap_dir) {
        fputs("  pcap:\n", out);
        print_key_string(out, "    dir", cfg->pcap_dir);
        fprintf(out, "    max_bytes: %" PRIu64 "\n", cfg->pcap_max_bytes);
    }
}

void config_print(const lw_config *cfg, FILE *out)
{
    fprintf(out, "# leakwatch configuration from %s\nnetworks:\n", cfg->source ? cfg->source : "(built-in defaults)");
    print_key_cidrs(out, "  home", &cfg->home_networks);
    fputs("policy:\n  approved_archives:\n", out);
    print_key_strings(out, "    hosts", &cfg->approved_hosts);
    print_key_cidrs(out, "    cidrs", &cfg->approved_cidrs);
    print_key_strings(out, "    countries", &cfg->approved_countries);
    fputs("    asns: [", out);
    for (size_t i = 0; i < cfg->approved_asn_count; i++)
        fprintf(out, "%s%" PRIu32, i ? ", " : "", cfg->approved_asns[i]);
    fputs("]\n", out);
    print_key_strings(out, "  allowed_countries", &cfg->allowed_countries);
    fprintf(out, "  watch_internal: %s\n", cfg->watch_internal ? "true" : "false");
    fputs("geoip:\n", out);
    print_key_string(out, "  country_db", cfg->country_db);
    print_key_string(out, "  asn_db", cfg->asn_db);
    fputs("signatures:\n", out);
    print_key_strings(out, "  paths", &cfg->signature_paths);
    char sensor[256];
    fputs("sensor:\n", out);
    print_key_string(out, "  name", cfg->sensor_name);
    if (!cfg->sensor_name || !*cfg->sensor_name)
        fprintf(out, "  # unset: records say \"host\":\"%s\", the machine's host name\n",
                config_sensor_name(cfg, sensor, sizeof sensor));
    fputs("capture:\n", out);
    print_key_string(out, "  interface", cfg->interface);
    print_key_strings(out, "  interfaces", &cfg->interfaces);
    fprintf(out, "  workers: %" PRIu32 "%s\n", cfg->workers, cfg->workers ? "" : "  # 0: the online CPUs, at most 8");
    print_key_string(out, "  filter", cfg->filter);
    fprintf(out, "  snaplen: %d\n  promiscuous: %s\n  buffer_size: %dMiB\n  checksums: %s\n", cfg->snaplen,
            cfg->promiscuous ? "true" : "false", cfg->buffer_mib, cfg_checksums_names[cfg->checksums]);
    fprintf(out, "flows:\n  max: %" PRIu64 "\n  memcap: %" PRIu64 "\n  idle_timeout: %" PRIu32 "\n"
            "  tcp_close_timeout: %" PRIu32 "\n", cfg->flows_max, cfg->flows_memcap, cfg->idle_timeout_s,
            cfg->tcp_closed_timeout_s);
    fprintf(out, "reassembly:\n  depth: %" PRIu32 "\n  memcap: %" PRIu64 "\n", cfg->reassembly_depth,
            cfg->reassembly_memcap);
    fprintf(out, "inspect:\n  max_layers: %" PRIu32 "\n  inflate_limit: %" PRIu32 "\n", cfg->inspect_max_layers,
            cfg->inspect_inflate_limit);
    print_key_string(out, "  model", cfg->inspect_model);
    fprintf(out, "alerts:\n  evidence:\n    mode: %s\n", cfg_evidence_names[cfg->evidence_mode]);
    print_key_string(out, "    public_key", cfg->evidence_public_key);
    fprintf(out, "  rate_limit:\n    count: %" PRIu32 "\n    interval: %" PRIu32 "\n", cfg->rate_limit_count,
            cfg->rate_limit_interval_s);
    print_outputs(out, cfg);
    fprintf(out, "stats:\n  interval: %" PRIu32 "\n", cfg->stats_interval_s);
    fputs("metrics:\n", out);
    print_key_string(out, "  listen", cfg->metrics_listen);
}
