/* leakwatch-tail — follow leakwatch alerts on Redis and print one readable line per alert
 * (time, severity, category, signature, device → destination (host, country), app_proto,
 * alert id; IPv6 ends as [addr]:port), coloured by severity on a terminal, or the raw JSON
 * with --json; --device, --category and --min-severity keep only the alerts wanted.
 * Stream (default): XREAD BLOCK from the newest entry ($), or from the start; with --group and
 * --consumer, XREADGROUP in a consumer group (created when missing): first this consumer's
 * entries still pending from an earlier run, then new ones, each XACKed once printed (or
 * filtered out); --list: polls the list without consuming it (LRANGE); --channel: SUBSCRIBE.
 * Writes to Redis only XGROUP CREATE and XACK, in group mode. Text that came off the wire
 * (host names, signature names) is printed with control characters replaced, so alerts
 * cannot drive the terminal. */
#include <arpa/inet.h>
#include <getopt.h>
#include <hiredis/hiredis.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config.h"

#define TAIL_BLOCK_MS "5000"

static volatile sig_atomic_t tail_stop;
static volatile sig_atomic_t tail_fd = -1;

/* Which alerts to show; with any filter set, records that are not alerts are dropped. */
typedef struct tail_filter {
    bool active;
    lw_cidr device;          /* the device (src_ip) is in it; prefix of an address alone: /32, /128 */
    bool by_device;
    const char *category;    /* NULL = any */
    int min_severity;        /* 0 = any; N: severity 1..N (1 is the highest) */
} tail_filter;

typedef struct tail_options {
    lw_redis_config rc;
    bool from_start, json, colour;
    const char *group, *consumer;
    tail_filter filter;
} tail_options;

/* SIGINT: unblock the pending read so the loop sees tail_stop and exits cleanly. */
static void tail_on_signal(int sig)
{
    (void)sig;
    tail_stop = 1;
    if (tail_fd >= 0)
        shutdown(tail_fd, SHUT_RDWR);
}

/* ---- a minimal JSON reader: enough to pick a few members out of one alert ---- */

static const char *json_ws(const char *p, const char *end)
{
    while (p && p < end && strchr(" \t\r\n", *p))
        p++;
    return p && p < end ? p : NULL;
}

static const char *json_string_end(const char *p, const char *end)
{
    for (p++; p < end; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

/* The first delimiter (, } ]) after the value at p, at its own nesting level. */
static const char *json_value_end(const char *p, const char *end)
{
    int depth = 0;
    while (p && p < end) {
        if (*p == '"') {
            p = json_string_end(p, end);
            continue;
        }
        if (depth == 0 && strchr(",}]", *p))
            return p;
        depth += (*p == '{' || *p == '[') - (*p == '}' || *p == ']');
        p++;
    }
    return NULL;
}

/* The value of member `key` of the object at p, or NULL. */
static const char *json_member(const char *p, const char *end, const char *key)
{
    size_t klen = strlen(key);
    if (!(p = json_ws(p, end)) || *p != '{')
        return NULL;
    for (p = json_ws(p + 1, end); p && *p == '"'; p = json_ws(p + 1, end)) {
        const char *kend = json_string_end(p, end);
        bool match = kend && (size_t)(kend - p - 2) == klen && memcmp(p + 1, key, klen) == 0;
        if (!(p = json_ws(kend, end)) || *p != ':' || !(p = json_ws(p + 1, end)))
            return NULL;
        if (match)
            return p;
        if (!(p = json_value_end(p, end)) || *p != ',')
            return NULL;
    }
    return NULL;
}

/* Copy a string or scalar value as printable text ("-" when missing or null). */
static const char *json_text(const char *v, const char *end, char *out, size_t outlen)
{
    size_t n = 0;
    const char *stop = v ? (*v == '"' ? json_string_end(v, end) : json_value_end(v, end)) : NULL;
    if (!stop || strncmp(v, "null", 4) == 0 || outlen < 2)
        return "-";
    if (*v == '"') {
        v++;
        stop--;
    }
    for (; v < stop && n + 1 < outlen; v++) {
        char ch = *v;
        if (ch == '\\' && v + 1 < stop) {
            ch = *++v;
            if (ch == 'u')
                ch = '?', v += v + 4 < stop ? 4 : 0;
            else if (!strchr("\"\\/", ch))
                ch = ' ';
        }
        out[n++] = ((unsigned char)ch < 0x20 || ch == 0x7f) ? '?' : ch;
    }
    out[n] = '\0';
    return out;
}

static const char *field(const char *json, const char *end, const char *parent, const char *key, char *buf,
                         size_t len)
{
    const char *obj = parent ? json_member(json, end, parent) : json;
    return json_text(obj ? json_member(obj, end, key) : NULL, end, buf, len);
}

/* ---- filters ---- */

static bool tail_wanted(const tail_filter *f, const char *json, const char *end)
{
    char text[64];
    lw_cidr device;
    if (!f->active)
        return true;
    if (strcmp(field(json, end, NULL, "event_type", text, sizeof(text)), "alert") != 0)
        return false;
    if (f->by_device && (!lw_cidr_parse(field(json, end, NULL, "src_ip", text, sizeof(text)), &device) ||
                         !lw_cidr_contains(&f->device, &device.addr)))
        return false;
    if (f->category && strcmp(field(json, end, "alert", "category", text, sizeof(text)), f->category) != 0)
        return false;
    int severity = atoi(field(json, end, "alert", "severity", text, sizeof(text)));
    return !f->min_severity || (severity >= 1 && severity <= f->min_severity);
}

/* ---- output ---- */

/* "addr:port", IPv6 as "[addr]:port" (RFC 3986), so the port cannot be misread. */
static const char *tail_endpoint(const char *json, const char *end, const char *ip_key, const char *port_key,
                                 char *out, size_t outlen)
{
    char ip[64], port[8];
    field(json, end, NULL, ip_key, ip, sizeof(ip));
    field(json, end, NULL, port_key, port, sizeof(port));
    snprintf(out, outlen, strchr(ip, ':') ? "[%s]:%s" : "%s:%s", ip, port);
    return out;
}

/* Prints the record unless the filters drop it. */
static void tail_print(const tail_options *o, const char *json, size_t len)
{
    const char *end = json + len;
    char ts[64], sev[8], cat[64], sig[256], src[80], dst[80], host[256], cc[8], app[32], id[64];
    if (!tail_wanted(&o->filter, json, end))
        return;
    if (o->json || strcmp(field(json, end, NULL, "event_type", cat, sizeof(cat)), "alert") != 0) {
        fwrite(json, 1, len, stdout);
        putchar('\n');
        fflush(stdout);
        return;
    }
    field(json, end, "alert", "severity", sev, sizeof(sev));
    static const char *colours[] = {"", "\033[31m", "\033[33m", "\033[36m"};
    int level = atoi(sev);
    const char *on = o->colour && level >= 1 && level <= 3 ? colours[level] : "";
    printf("%s%s sev%s %s \"%s\" %s → %s (%s, %s) %s id=%s%s\n", on, field(json, end, NULL, "timestamp", ts, sizeof(ts)),
           sev, field(json, end, "alert", "category", cat, sizeof(cat)),
           field(json, end, "alert", "signature", sig, sizeof(sig)),
           tail_endpoint(json, end, "src_ip", "src_port", src, sizeof(src)),
           tail_endpoint(json, end, "dest_ip", "dest_port", dst, sizeof(dst)), field(json, end, "dest", "host", host, sizeof(host)),
           field(json, end, "dest", "country", cc, sizeof(cc)), field(json, end, NULL, "app_proto", app, sizeof(app)),
           field(json, end, NULL, "alert_id", id, sizeof(id)), on[0] ? "\033[0m" : "");
    fflush(stdout);
}

/* ---- the three ways to follow ---- */

static int tail_failed(redisContext *c, redisReply *r)
{
    if (tail_stop) {
        freeReplyObject(r);
        return 0;
    }
    fprintf(stderr, "leakwatch-tail: %s\n", !r ? c->errstr : r->type == REDIS_REPLY_ERROR ? r->str : "unexpected reply");
    freeReplyObject(r);
    return 1;
}

static bool reply_is(const redisReply *r, int type, size_t min_elements)
{
    return r && r->type == type && (type != REDIS_REPLY_ARRAY || r->elements >= min_elements);
}

/* One stream entry: [id, [field, value, …]]; prints the "eve" value, remembers the id.
 * False when the entry has no fields: it was trimmed (MAXLEN) after it was delivered to a
 * consumer group and is only an id in the group's pending list. */
static bool tail_stream_entry(const tail_options *o, const redisReply *entry, char *last, size_t lastlen)
{
    if (!reply_is(entry, REDIS_REPLY_ARRAY, 2) || !reply_is(entry->element[0], REDIS_REPLY_STRING, 0))
        return true;
    snprintf(last, lastlen, "%s", entry->element[0]->str);
    const redisReply *fields = entry->element[1];
    if (!reply_is(fields, REDIS_REPLY_ARRAY, 2))
        return false;
    for (size_t f = 0; f + 1 < fields->elements; f += 2)
        if (reply_is(fields->element[f], REDIS_REPLY_STRING, 0) && strcmp(fields->element[f]->str, "eve") == 0 &&
            reply_is(fields->element[f + 1], REDIS_REPLY_STRING, 0))
            tail_print(o, fields->element[f + 1]->str, fields->element[f + 1]->len);
    return true;
}

/* The entries of a one-stream XREAD/XREADGROUP reply [[key, [entry, …]]]; NULL when BLOCK
 * timed out (nil). */
static const redisReply *tail_entries(const redisReply *r)
{
    if (reply_is(r, REDIS_REPLY_ARRAY, 1) && reply_is(r->element[0], REDIS_REPLY_ARRAY, 2) &&
        reply_is(r->element[0]->element[1], REDIS_REPLY_ARRAY, 0))
        return r->element[0]->element[1];
    return NULL;
}

static int tail_stream(redisContext *c, const tail_options *o)
{
    char last[64];
    snprintf(last, sizeof(last), "%s", o->from_start ? "0-0" : "$");
    while (!tail_stop) {
        redisReply *r = redisCommand(c, "XREAD BLOCK " TAIL_BLOCK_MS " COUNT 100 STREAMS %s %s", o->rc.key, last);
        if (!r || r->type == REDIS_REPLY_ERROR)
            return tail_failed(c, r);
        const redisReply *entries = tail_entries(r);
        for (size_t i = 0; entries && i < entries->elements; i++)
            tail_stream_entry(o, entries->element[i], last, sizeof(last));
        freeReplyObject(r);
    }
    return 0;
}

/* The group starts at the stream's end ($), or at its start with --from-start; an existing
 * group (BUSYGROUP) is joined as it is. */
static int tail_group_create(redisContext *c, const tail_options *o)
{
    redisReply *r = redisCommand(c, "XGROUP CREATE %s %s %s MKSTREAM", o->rc.key, o->group, o->from_start ? "0" : "$");
    bool ok = reply_is(r, REDIS_REPLY_STATUS, 0) ||
              (reply_is(r, REDIS_REPLY_ERROR, 0) && strncmp(r->str, "BUSYGROUP", 9) == 0);
    if (!ok)
        return tail_failed(c, r);
    freeReplyObject(r);
    return -1;
}

static int tail_ack(redisContext *c, const tail_options *o, const char *id)
{
    redisReply *r = redisCommand(c, "XACK %s %s %s", o->rc.key, o->group, id);
    if (!reply_is(r, REDIS_REPLY_INTEGER, 0))
        return tail_failed(c, r);
    freeReplyObject(r);
    return -1;
}

/* One XREADGROUP batch: print and XACK each entry; a trimmed one (MAXLEN deleted it while it
 * was pending) is reported and acknowledged, since nobody can read it any more. */
static int tail_group_batch(redisContext *c, const tail_options *o, const redisReply *entries)
{
    char id[64];
    for (size_t i = 0; entries && i < entries->elements; i++) {
        if (!tail_stream_entry(o, entries->element[i], id, sizeof(id)))
            fprintf(stderr, "leakwatch-tail: entry %s was trimmed from %s (MAXLEN) before it was acknowledged: "
                            "lost to group %s\n", id, o->rc.key, o->group);
        int rc = tail_ack(c, o, id);
        if (rc >= 0)
            return rc;
    }
    return -1;
}

/* First this consumer's pending entries (history from id 0: printed by an earlier run that
 * stopped before XACK), then new ones (>). */
static int tail_group(redisContext *c, const tail_options *o)
{
    int rc = tail_group_create(c, o);
    const char *from = "0";
    while (rc < 0 && !tail_stop) {
        redisReply *r = redisCommand(c, "XREADGROUP GROUP %s %s BLOCK " TAIL_BLOCK_MS " COUNT 100 STREAMS %s %s",
                                     o->group, o->consumer, o->rc.key, from);
        if (!r || r->type == REDIS_REPLY_ERROR)
            return tail_failed(c, r);
        const redisReply *entries = tail_entries(r);
        if (from[0] == '0' && (!entries || entries->elements == 0))
            from = ">";
        rc = tail_group_batch(c, o, entries);
        freeReplyObject(r);
    }
    return rc < 0 ? 0 : rc;
}

static int tail_list(redisContext *c, const tail_options *o)
{
    long long seen = -1;
    while (!tail_stop) {
        redisReply *r = redisCommand(c, "LLEN %s", o->rc.key);
        if (!r || r->type != REDIS_REPLY_INTEGER)
            return tail_failed(c, r);
        long long len = r->integer;
        freeReplyObject(r);
        if (seen < 0)
            seen = o->from_start ? 0 : len;
        if (len > seen) {
            if (!(r = redisCommand(c, "LRANGE %s %lld %lld", o->rc.key, seen, len - 1)) || r->type != REDIS_REPLY_ARRAY)
                return tail_failed(c, r);
            for (size_t i = 0; i < r->elements; i++)
                if (reply_is(r->element[i], REDIS_REPLY_STRING, 0))
                    tail_print(o, r->element[i]->str, r->element[i]->len);
            freeReplyObject(r);
        }
        seen = len; /* a consumer popping the list makes it shorter: follow from there */
        usleep(500 * 1000);
    }
    return 0;
}

static int tail_channel(redisContext *c, const tail_options *o)
{
    redisReply *r = redisCommand(c, "SUBSCRIBE %s", o->rc.key);
    if (!r || r->type == REDIS_REPLY_ERROR)
        return tail_failed(c, r);
    freeReplyObject(r);
    while (!tail_stop) {
        if (redisGetReply(c, (void **)&r) != REDIS_OK)
            return tail_failed(c, NULL);
        if (reply_is(r, REDIS_REPLY_ARRAY, 3) && reply_is(r->element[2], REDIS_REPLY_STRING, 0))
            tail_print(o, r->element[2]->str, r->element[2]->len);
        freeReplyObject(r);
    }
    return 0;
}

/* ---- setup ---- */

static redisContext *tail_connect(const lw_redis_config *rc)
{
    redisContext *c = rc->unix_path ? redisConnectUnix(rc->unix_path) : redisConnect(rc->host, rc->port);
    if (!c || c->err) {
        fprintf(stderr, "leakwatch-tail: cannot connect: %s\n", c ? c->errstr : "out of memory");
        redisFree(c);
        return NULL;
    }
    redisReply *r = NULL;
    if (rc->password)
        r = rc->user ? redisCommand(c, "AUTH %s %s", rc->user, rc->password) : redisCommand(c, "AUTH %s", rc->password);
    if (!(r && r->type == REDIS_REPLY_ERROR) && rc->db) {
        freeReplyObject(r);
        r = redisCommand(c, "SELECT %d", rc->db);
    }
    if (rc->password || rc->db) {
        bool bad = !r || r->type == REDIS_REPLY_ERROR;
        if (bad)
            fprintf(stderr, "leakwatch-tail: %s\n", r ? r->str : c->errstr);
        freeReplyObject(r);
        if (bad) {
            redisFree(c);
            return NULL;
        }
    }
    return c;
}

static void tail_usage(FILE *out)
{
    fprintf(out, "usage: leakwatch-tail [-u redis://[[user]:pass@]host[:port][/db][?key=K]] [-k KEY]\n"
                 "                      [--list | --channel | --group NAME --consumer NAME] [--from-start]\n"
                 "                      [--device ADDR[/PREFIX]] [--category NAME] [--min-severity 1|2|3] [--json]\n"
                 "Follows leakwatch alerts on Redis (stream by default) and prints one line per alert.\n"
                 "  --group, --consumer   read in a consumer group (created if missing), XACK each printed entry\n"
                 "  --device              only alerts of that device (src_ip) or network\n"
                 "  --category            only alerts of that category (plaintext_message, unapproved_archive …)\n"
                 "  --min-severity N      only alerts of severity N or higher (1 high, 2 medium, 3 low)\n");
}

/* Returns -1 to go on, else an exit status. */
static int tail_set_filter(int opt, const char *arg, tail_filter *f)
{
    char *end = NULL;
    f->active = true;
    if (opt == 'd' && !(f->by_device = lw_cidr_parse(arg, &f->device)))
        fprintf(stderr, "leakwatch-tail: --device: '%s' is not an address or network\n", arg);
    else if (opt == 'C' && lw_category_from_name(arg) <= 0)
        fprintf(stderr, "leakwatch-tail: --category: unknown category '%s'\n", arg);
    else if (opt == 'S' && (!(f->min_severity = (int)strtol(arg, &end, 10)) || *end || f->min_severity > 3))
        fprintf(stderr, "leakwatch-tail: --min-severity: '%s' is not 1, 2 or 3\n", arg);
    else {
        if (opt == 'C')
            f->category = arg;
        return -1;
    }
    return 2;
}

/* Group mode needs both names and a stream. */
static int tail_check_group(const tail_options *o)
{
    if (!o->group != !o->consumer) {
        fprintf(stderr, "leakwatch-tail: --group and --consumer go together\n");
        return 2;
    }
    if (o->group && o->rc.mode != LW_REDIS_STREAM) {
        fprintf(stderr, "leakwatch-tail: --group reads a stream, not a list or channel\n");
        return 2;
    }
    return -1;
}

static int tail_parse(int argc, char **argv, tail_options *o)
{
    static const struct option longs[] = {
        {"url", required_argument, NULL, 'u'}, {"key", required_argument, NULL, 'k'},
        {"list", no_argument, NULL, 'l'},       {"channel", no_argument, NULL, 'c'},
        {"from-start", no_argument, NULL, 's'}, {"json", no_argument, NULL, 'j'},
        {"group", required_argument, NULL, 'g'}, {"consumer", required_argument, NULL, 'n'},
        {"device", required_argument, NULL, 'd'}, {"category", required_argument, NULL, 'C'},
        {"min-severity", required_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
    char err[LW_ERRBUF];
    const char *key = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "u:k:h", longs, NULL)) != -1) {
        if (opt == 'u' && config_parse_redis_url(optarg, &o->rc, err, sizeof(err)) != LW_OK) {
            fprintf(stderr, "leakwatch-tail: %s\n", err);
            return 2;
        }
        if (opt == 'k')
            key = optarg;
        if (opt == 'g')
            o->group = optarg;
        if (opt == 'n')
            o->consumer = optarg;
        if ((opt == 'd' || opt == 'C' || opt == 'S') && tail_set_filter(opt, optarg, &o->filter) >= 0)
            return 2;
        o->rc.mode = opt == 'l' ? LW_REDIS_LIST : opt == 'c' ? LW_REDIS_CHANNEL : o->rc.mode;
        o->from_start |= opt == 's';
        o->json |= opt == 'j';
        if (opt == 'h' || opt == '?') {
            tail_usage(opt == 'h' ? stdout : stderr);
            return opt == 'h' ? 0 : 2;
        }
    }
    if (key || !o->rc.key) {
        free(o->rc.key);
        o->rc.key = strdup(key ? key : "leakwatch:alerts");
    }
    if (!o->rc.unix_path && !o->rc.host)
        o->rc.host = strdup("127.0.0.1");
    if (o->rc.port <= 0)
        o->rc.port = 6379;
    o->colour = isatty(STDOUT_FILENO);
    return tail_check_group(o);
}

/* The URL's strings are heap copies owned by whoever parsed it: here, us. */
static void tail_free_config(lw_redis_config *rc)
{
    char **owned[] = {&rc->url, &rc->host, &rc->unix_path, &rc->user, &rc->password, &rc->key, &rc->spool_dir};
    for (size_t i = 0; i < LW_ARRAY_LEN(owned); i++)
        free(*owned[i]);
}

int main(int argc, char **argv)
{
    tail_options o = {0};
    int rc = tail_parse(argc, argv, &o);
    if (rc >= 0) {
        tail_free_config(&o.rc);
        return rc;
    }
    struct sigaction sa = {.sa_handler = tail_on_signal}; /* no SA_RESTART: a blocked read returns */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    redisContext *c = tail_connect(&o.rc);
    rc = 1;
    if (c) {
        tail_fd = c->fd;
        rc = o.rc.mode == LW_REDIS_LIST      ? tail_list(c, &o)
             : o.rc.mode == LW_REDIS_CHANNEL ? tail_channel(c, &o)
             : o.group                       ? tail_group(c, &o)
                                              : tail_stream(c, &o);
        tail_fd = -1;
        redisFree(c);
    }
    tail_free_config(&o.rc);
    return rc;
}
