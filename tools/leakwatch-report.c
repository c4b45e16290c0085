/* leakwatch-report — turns leakwatch alert JSON lines into one self-contained HTML page:
 * totals by category and severity, an SVG timeline, every device with its destinations, every
 * destination with its names, country and AS, and every alert with its evidence labels and a
 * link to <alert_id>.pcap when that file exists (outputs.pcap).
 *
 * The page fetches nothing: inline CSS and SVG, no scripts, no images, and a
 * Content-Security-Policy that forbids anything else. Every field came from hostile traffic:
 * all text is HTML-escaped, invalid UTF-8, control and bidirectional-override characters are
 * replaced, long values are shortened; message text (evidence "text", "sealed") is never read.
 * Stats records, other records and lines that are not JSON objects are skipped and counted. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_LW_AUTOCONF_H
#include "lw_autoconf.h"
#endif
#include "json_tree.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

#define REPORT_MAX_LINE (16u << 20) /* a longer line is counted as bad */
#define REPORT_TEXT_MAX 200         /* characters shown of one field */
#define REPORT_NAMES_SHOWN 5        /* names of one destination */
#define REPORT_BINS 48
#define REPORT_SEVERITIES 4         /* 1 high, 2 medium, 3 low, 0 anything else */

static const char *const report_categories[] = {"plaintext_message", "unapproved_archive", "cleartext_transport",
                                                "archive_exfiltration"};
static const char *const report_severity_names[REPORT_SEVERITIES] = {"other", "high", "medium", "low"};

typedef struct report_alert {
    char *timestamp, *alert_id, *src_ip, *dest_ip, *proto, *app_proto, *signature, *category;
    char *direction, *verdict, *host, *country, *as_org, *device_ip, *device_mac;
    long src_port, dest_port, signature_id, asn; /* -1: unknown */
    int severity;                               /* 1..3, 0 other */
    bool has_time, has_pcap;
    uint64_t ts_us;
    char **labels;
    size_t n_labels;
} report_alert;

typedef struct report {
    report_alert *alerts;
    size_t n, cap;
    uint64_t lines, stats_records, other_records, bad_lines;
    char **extra_categories; /* categories beyond the contract's four, in order of appearance */
    size_t n_extra;
} report;

/* ---- reading ---- */

static char *report_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* The string at path, its NUL bytes (from \u0000) replaced by U+FFFD so nothing is cut off. */
static char *report_string(const json_value *root, const char *path)
{
    const json_value *v = json_path(root, path);
    if (!v || v->type != JSON_STRING)
        return NULL;
    char *out = malloc(3 * v->length + 1), *w = out;
    for (size_t i = 0; out && i < v->length; i++) {
        if (v->string[i]) {
            *w++ = v->string[i];
        } else {
            memcpy(w, "\xEF\xBF\xBD", 3);
            w += 3;
        }
    }
    if (out)
        *w = '\0';
    return out;
}

static long report_number(const json_value *root, const char *path)
{
    double d;
    return json_path_number(root, path, &d) && d >= 0 && d < (double)LONG_MAX ? (long)d : -1;
}

/* "2025-05-04T10:12:33.123456+0000" → microseconds since the epoch. */
static bool report_parse_time(const char *s, uint64_t *out)
{
    struct tm tm = {0};
    int usec_len = 0, offset_len = 0;
    char sign = 0;
    unsigned usec = 0, oh = 0, om = 0;
    if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%n%6u%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                     &tm.tm_min, &tm.tm_sec, &usec_len, &usec, &offset_len) != 7)
        return false;
    if (offset_len - usec_len != 6 || sscanf(s + offset_len, "%c%2u%2u", &sign, &oh, &om) != 3 ||
        (sign != '+' && sign != '-') || strlen(s + offset_len) != 5)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    long offset = (long)(oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
    if (t == (time_t)-1 || t - offset < 0)
        return false;
    *out = (uint64_t)(t - offset) * 1000000u + usec;
    return true;
}

static void report_labels(report_alert *a, const json_value *matched)
{
    if (!matched || matched->type != JSON_ARRAY || !(a->labels = calloc(matched->length, sizeof *a->labels)))
        return;
    for (size_t i = 0; i < matched->length; i++)
        if (matched->items[i]->type == JSON_STRING)
            a->labels[a->n_labels++] = report_string(matched->items[i], "");
}

static void report_note_category(report *r, const char *category)
{
    if (!category)
        return;
    for (size_t i = 0; i < LW_ARRAY_LEN(report_categories); i++)
        if (strcmp(category, report_categories[i]) == 0)
            return;
    for (size_t i = 0; i < r->n_extra; i++)
        if (strcmp(category, r->extra_categories[i]) == 0)
            return;
    char **grown = realloc(r->extra_categories, (r->n_extra + 1) * sizeof *grown);
    if (grown && (grown[r->n_extra] = strdup(category))) {
        r->extra_categories = grown;
        r->n_extra++;
    } else if (grown) {
        r->extra_categories = grown;
    }
}

/* Only the members the page shows are read: evidence text and sealed boxes never are. */
static void report_take_alert(report *r, const json_value *root)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        report_alert *grown = realloc(r->alerts, cap * sizeof *grown);
        if (!grown) {
            r->bad_lines++;
            return;
        }
        r->alerts = grown;
        r->cap = cap;
    }
    report_alert *a = &r->alerts[r->n++];
    memset(a, 0, sizeof *a);
    a->timestamp = report_string(root, "timestamp");
    a->alert_id = report_string(root, "alert_id");
    a->src_ip = report_string(root, "src_ip");
    a->dest_ip = report_string(root, "dest_ip");
    a->proto = report_string(root, "proto");
    a->app_proto = report_string(root, "app_proto");
    a->signature = report_string(root, "alert.signature");
    a->category = report_string(root, "alert.category");
    a->direction = report_string(root, "leak.direction");
    a->verdict = report_string(root, "leak.verdict");
    a->host = report_string(root, "dest.host");
    a->country = report_string(root, "dest.country");
    a->as_org = report_string(root, "dest.as_org");
    a->device_ip = report_string(root, "device.ip");
    if (!a->device_ip)
        a->device_ip = report_dup(a->src_ip);
    a->device_mac = report_string(root, "device.mac");
    a->src_port = report_number(root, "src_port");
    a->dest_port = report_number(root, "dest_port");
    a->signature_id = report_number(root, "alert.signature_id");
    a->asn = report_number(root, "dest.asn");
    long severity = report_number(root, "alert.severity");
    a->severity = severity >= 1 && severity <= 3 ? (int)severity : 0;
    a->has_time = report_parse_time(a->timestamp, &a->ts_us);
    report_labels(a, json_path(root, "leak.evidence.matched"));
    report_note_category(r, a->category);
}

static void report_line(report *r, const char *line, size_t len)
{
    size_t blank = strspn(line, " \t\r\n");
    if (blank == len)
        return;
    r->lines++;
    char err[128];
    json_tree *t = len <= REPORT_MAX_LINE ? json_tree_parse(line, len, err, sizeof err) : NULL;
    const json_value *root = t ? json_tree_root(t) : NULL;
    const char *type = json_path_string(root, "event_type");
    if (!root || root->type != JSON_OBJECT)
        r->bad_lines++;
    else if (type && strcmp(type, "alert") == 0)
        report_take_alert(r, root);
    else if (type && strcmp(type, "stats") == 0)
        r->stats_records++;
    else
        r->other_records++;
    json_tree_free(t);
}

static bool report_read(report *r, const char *path)
{
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!in) {
        fprintf(stderr, "leakwatch-report: %s: %s\n", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) >= 0)
        report_line(r, line, (size_t)n);
    bool ok = !ferror(in);
    if (!ok)
        fprintf(stderr, "leakwatch-report: %s: read error\n", path);
    free(line);
    if (in != stdin)
        fclose(in);
    return ok;
}

/* ---- escaping ---- */

/* Length of the UTF-8 sequence at s (at most n bytes) and its code point; 0 when invalid. */
static size_t report_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    *cp = len == 1 ? s[0] : s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        *cp = *cp << 6 | (s[i] & 0x3F);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (*cp < min[len] || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
        return 0;
    return len;
}

/* Characters that would let a value change the page's layout or hide what it says. */
static bool report_is_unsafe(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* s as HTML text or attribute value (both quotes escaped); at most REPORT_TEXT_MAX characters. */
static void html(FILE *out, const char *s)
{
    if (!s) {
        fputs("\xE2\x80\x94", out); /* an em dash for unknown */
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), shown = 0;
    while (n > 0) {
        if (shown++ == REPORT_TEXT_MAX) {
            fputs("\xE2\x80\xA6", out);
            return;
        }
        uint32_t cp;
        size_t len = report_utf8(p, n, &cp);
        if (len == 0 || report_is_unsafe(cp))
            fputs("\xEF\xBF\xBD", out);
        else if (cp == '&')
            fputs("&amp;", out);
        else if (cp == '<')
            fputs("&lt;", out);
        else if (cp == '>')
            fputs("&gt;", out);
        else if (cp == '"')
            fputs("&quot;", out);
        else if (cp == '\'')
            fputs("&#39;", out);
        else
            fwrite(p, 1, len, out);
        len = len ? len : 1;
        p += len;
        n -= len;
    }
}

static bool report_is_uuid(const char *id)
{
    return id && strspn(id, "0123456789abcdef-") == 36 && id[36] == '\0';
}

/* ---- grouping ---- */

typedef struct report_group {
    const char *key;      /* device or destination address */
    size_t *members;      /* indices of its alerts, in input order */
    size_t n;
} report_group;

static const report *sort_report;
static const char *sort_field; /* "device" or "dest" */

static const char *report_key(const report_alert *a, bool by_device)
{
    const char *k = by_device ? a->device_ip : a->dest_ip;
    return k ? k : "";
}

static int report_cmp_index(const void *x, const void *y)
{
    bool by_device = strcmp(sort_field, "device") == 0;
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int c = strcmp(report_key(&sort_report->alerts[i], by_device), report_key(&sort_report->alerts[j], by_device));
    return c ? c : (i > j) - (i < j);
}

/* Addresses in numeric order (IPv4 before IPv6), anything else after them as text. */
static int report_cmp_addr(const char *a, const char *b)
{
    unsigned char x[17] = {0}, y[17] = {0};
    bool xa = inet_pton(AF_INET, a, x + 1) == 1 || (x[0] = 1, inet_pton(AF_INET6, a, x + 1) == 1);
    bool ya = inet_pton(AF_INET, b, y + 1) == 1 || (y[0] = 1, inet_pton(AF_INET6, b, y + 1) == 1);
    if (xa != ya)
        return xa ? -1 : 1;
    int c = xa ? memcmp(x, y, sizeof x) : 0;
    return c ? c : strcmp(a, b);
}

static int report_cmp_group(const void *x, const void *y)
{
    const report_group *a = x, *b = y;
    if (a->n != b->n)
        return a->n < b->n ? 1 : -1;
    return report_cmp_addr(a->key, b->key);
}

/* Alerts grouped by device (or destination) address, largest groups first. */
static report_group *report_group_by(const report *r, bool by_device, size_t *n_groups, size_t **order)
{
    *n_groups = 0;
    *order = malloc((r->n ? r->n : 1) * sizeof **order);
    report_group *groups = calloc(r->n ? r->n : 1, sizeof *groups);
    if (!*order || !groups) {
        free(*order);
        free(groups);
        *order = NULL;
        return NULL;
    }
    for (size_t i = 0; i < r->n; i++)
        (*order)[i] = i;
    sort_report = r;
    sort_field = by_device ? "device" : "dest";
    qsort(*order, r->n, sizeof **order, report_cmp_index);
    for (size_t i = 0; i < r->n; i++) {
        const char *key = report_key(&r->alerts[(*order)[i]], by_device);
        if (!*n_groups || strcmp(groups[*n_groups - 1].key, key) != 0)
            groups[(*n_groups)++] = (report_group){key, *order + i, 0};
        groups[*n_groups - 1].n++;
    }
    qsort(groups, *n_groups, sizeof *groups, report_cmp_group);
    return groups;
}

/* ---- the page ---- */

static const char report_css[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d1d1f;background:#fff}"
    "h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .4em}"
    "table{border-collapse:collapse;margin:.3em 0}th,td{border:1px solid #ccd;padding:.2em .5em;"
    "text-align:left;vertical-align:top}th{background:#eef}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "tfoot td{font-weight:bold}.sev1{color:#b00020;font-weight:bold}.sev2{color:#b35c00}.sev3{color:#5c6b00}"
    ".label{display:inline-block;background:#eef;border-radius:3px;padding:0 .3em;margin:0 .2em .1em 0;"
    "font-family:monospace;font-size:.9em}.muted{color:#667}code{font-size:.95em}"
    "svg .b1{fill:#b00020}svg .b2{fill:#e08a00}svg .b3{fill:#b8c400}svg .b0{fill:#888}"
    "svg text{font:11px sans-serif;fill:#333}svg .axis{stroke:#333}";

static void report_head(FILE *out)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>leakwatch report</title>\n<style>",
          out);
    fputs(report_css, out);
    fputs("</style>\n</head>\n<body>\n", out);
}

static void report_time_text(uint64_t ts_us, char *buf, size_t len)
{
    time_t t = (time_t)(ts_us / 1000000u);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static bool report_span(const report *r, uint64_t *first, uint64_t *last)
{
    bool any = false;
    for (size_t i = 0; i < r->n; i++) {
        const report_alert *a = &r->alerts[i];
        if (!a->has_time)
            continue;
        if (!any || a->ts_us < *first)
            *first = a->ts_us;
        if (!any || a->ts_us > *last)
            *last = a->ts_us;
        any = true;
    }
    return any;
}

static void report_summary(FILE *out, const report *r, size_t n_devices, size_t n_dests, char *const *inputs,
                           int n_inputs)
{
    uint64_t first = 0, last = 0;
    char a[40], b[40];
    fputs("<header>\n<h1>leakwatch report</h1>\n<p id=\"summary\">", out);
    fprintf(out, "<span id=\"alert-count\">%zu</span> alerts, <span id=\"device-count\">%zu</span> devices, "
                 "<span id=\"destination-count\">%zu</span> destinations",
            r->n, n_devices, n_dests);
    if (report_span(r, &first, &last)) {
        report_time_text(first, a, sizeof a);
        report_time_text(last, b, sizeof b);
        fprintf(out, ", from %s to %s", a, b);
    }
    fputs(".</p>\n<p class=\"muted\">From ", out);
    for (int i = 0; i < n_inputs; i++) {
        fputs(i ? ", <code>" : "<code>", out);
        html(out, strcmp(inputs[i], "-") == 0 ? "(standard input)" : inputs[i]);
        fputs("</code>", out);
    }
    fputs(" by leakwatch-report " PACKAGE_VERSION ". Message text is never shown: only what matched.</p>\n"
          "</header>\n",
          out);
}

static void report_totals_row(FILE *out, const char *category, const uint64_t counts[REPORT_SEVERITIES],
                              bool other_column, const char *tag)
{
    uint64_t total = counts[0] + counts[1] + counts[2] + counts[3];
    fprintf(out, "<tr><%s>", tag);
    html(out, category);
    fprintf(out, "</%s>", tag);
    for (int s = 1; s <= 3; s++)
        fprintf(out, "<td class=\"n\">%llu</td>", (unsigned long long)counts[s]);
    if (other_column)
        fprintf(out, "<td class=\"n\">%llu</td>", (unsigned long long)counts[0]);
    fprintf(out, "<td class=\"n\">%llu</td></tr>\n", (unsigned long long)total);
}

static void report_count_category(const report *r, const char *category, uint64_t counts[REPORT_SEVERITIES])
{
    memset(counts, 0, REPORT_SEVERITIES * sizeof *counts);
    for (size_t i = 0; i < r->n; i++)
        if (r->alerts[i].category && strcmp(r->alerts[i].category, category) == 0)
            counts[r->alerts[i].severity]++;
}

static void report_totals(FILE *out, const report *r)
{
    uint64_t all[REPORT_SEVERITIES] = {0}, counts[REPORT_SEVERITIES], none[REPORT_SEVERITIES] = {0};
    for (size_t i = 0; i < r->n; i++)
        all[r->alerts[i].severity]++;
    for (size_t i = 0; i < r->n; i++)
        none[r->alerts[i].severity] += r->alerts[i].category == NULL;
    bool other = all[0] > 0;
    fputs("<section id=\"totals\">\n<h2>Totals by category and severity</h2>\n<table id=\"totals-table\">\n"
          "<thead><tr><th>category</th><th>high</th><th>medium</th><th>low</th>",
          out);
    fputs(other ? "<th>other</th><th>total</th></tr></thead>\n<tbody>\n" : "<th>total</th></tr></thead>\n<tbody>\n", out);
    for (size_t c = 0; c < LW_ARRAY_LEN(report_categories); c++) {
        report_count_category(r, report_categories[c], counts);
        report_totals_row(out, report_categories[c], counts, other, "td");
    }
    for (size_t c = 0; c < r->n_extra; c++) {
        report_count_category(r, r->extra_categories[c], counts);
        report_totals_row(out, r->extra_categories[c], counts, other, "td");
    }
    if (none[0] + none[1] + none[2] + none[3])
        report_totals_row(out, "(no category)", none, other, "td");
    fputs("</tbody>\n<tfoot>\n", out);
    report_totals_row(out, "all", all, other, "td");
    fputs("</tfoot>\n</table>\n</section>\n", out);
}

static void report_timeline_bar(FILE *out, int bin, const uint64_t counts[REPORT_SEVERITIES], uint64_t max,
                                uint64_t bin_start, double bar_w)
{
    static const int order[] = {1, 2, 3, 0};
    const double height = 140, bottom = 160, left = 50;
    uint64_t total = counts[0] + counts[1] + counts[2] + counts[3];
    char when[40];
    report_time_text(bin_start, when, sizeof when);
    fprintf(out, "<g><title>from %s: %llu alerts (high %llu, medium %llu, low %llu)</title>", when,
            (unsigned long long)total, (unsigned long long)counts[1], (unsigned long long)counts[2],
            (unsigned long long)counts[3]);
    double y = bottom;
    for (int k = 0; k < 4; k++) {
        if (!counts[order[k]])
            continue;
        double h = height * (double)counts[order[k]] / (double)max;
        y -= h;
        fprintf(out, "<rect class=\"b%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", order[k],
                left + bin * bar_w, y, bar_w > 2 ? bar_w - 1 : bar_w, h);
    }
    fputs("</g>\n", out);
}

static void report_timeline(FILE *out, const report *r)
{
    uint64_t first = 0, last = 0, bins[REPORT_BINS][REPORT_SEVERITIES] = {{0}}, max = 0;
    fputs("<section id=\"timeline\">\n<h2>Timeline</h2>\n", out);
    if (!report_span(r, &first, &last)) {
        fputs("<p>No alert with a timestamp.</p>\n</section>\n", out);
        return;
    }
    uint64_t width = (last - first) / REPORT_BINS + 1;
    for (size_t i = 0; i < r->n; i++)
        if (r->alerts[i].has_time)
            bins[(r->alerts[i].ts_us - first) / width][r->alerts[i].severity]++;
    for (int b = 0; b < REPORT_BINS; b++) {
        uint64_t total = bins[b][0] + bins[b][1] + bins[b][2] + bins[b][3];
        max = total > max ? total : max;
    }
    const double bar_w = 880.0 / REPORT_BINS;
    char a[40], z[40];
    report_time_text(first, a, sizeof a);
    report_time_text(last, z, sizeof z);
    fputs("<svg id=\"timeline-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"190\" "
          "viewBox=\"0 0 960 190\" role=\"img\" aria-label=\"alerts over time\">\n",
          out);
    for (int b = 0; b < REPORT_BINS; b++)
        if (bins[b][0] + bins[b][1] + bins[b][2] + bins[b][3])
            report_timeline_bar(out, b, bins[b], max, first + (uint64_t)b * width, bar_w);
    fprintf(out, "<line class=\"axis\" x1=\"50\" y1=\"160\" x2=\"930\" y2=\"160\"/>"
                 "<line class=\"axis\" x1=\"50\" y1=\"20\" x2=\"50\" y2=\"160\"/>\n"
                 "<text x=\"44\" y=\"24\" text-anchor=\"end\">%llu</text><text x=\"44\" y=\"160\" "
                 "text-anchor=\"end\">0</text>\n<text x=\"50\" y=\"178\">%s</text>"
                 "<text x=\"930\" y=\"178\" text-anchor=\"end\">%s</text>\n</svg>\n",
            (unsigned long long)max, a, z);
    fprintf(out, "<p class=\"muted\">%d bins of %.3f s; bars stacked by severity: "
                 "<span class=\"sev1\">high</span>, <span class=\"sev2\">medium</span>, "
                 "<span class=\"sev3\">low</span>.</p>\n</section>\n",
            REPORT_BINS, (double)width / 1e6);
}

static void report_addr_port(FILE *out, const char *addr, long port)
{
    bool v6 = addr && strchr(addr, ':');
    fputs(v6 ? "[" : "", out);
    html(out, addr);
    fputs(v6 ? "]" : "", out);
    if (port >= 0)
        fprintf(out, ":%ld", port);
}

typedef struct report_value {
    const char *v;
    size_t count;
} report_value;

static int report_cmp_string(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int report_cmp_value(const void *x, const void *y)
{
    const report_value *a = x, *b = y;
    return a->count != b->count ? (a->count < b->count ? 1 : -1) : strcmp(a->v, b->v);
}

/* Distinct values of one field (0 destination, 1 name, 2 device) over a group's alerts, most
 * frequent first, each with its count; unknown values are left out. NULL when out of memory. */
static report_value *report_distinct(const report *r, const report_group *g, int field, size_t *n)
{
    const char **values = malloc((g->n ? g->n : 1) * sizeof *values);
    report_value *out = malloc((g->n ? g->n : 1) * sizeof *out);
    size_t k = 0;
    *n = 0;
    for (size_t i = 0; values && out && i < g->n; i++) {
        const report_alert *a = &r->alerts[g->members[i]];
        const char *v = field == 0 ? a->dest_ip : field == 1 ? a->host : a->device_ip;
        if (v)
            values[k++] = v;
    }
    if (values && out) {
        qsort(values, k, sizeof *values, report_cmp_string);
        for (size_t i = 0; i < k; i++) {
            if (!*n || strcmp(out[*n - 1].v, values[i]) != 0)
                out[(*n)++] = (report_value){values[i], 0};
            out[*n - 1].count++;
        }
        qsort(out, *n, sizeof *out, report_cmp_value);
    }
    free(values);
    if (!values) {
        free(out);
        return NULL;
    }
    return out;
}

/* "a (3), b (1)", at most shown_max of them, then "and N more". */
static void report_distinct_list(FILE *out, const report *r, const report_group *g, int field, size_t shown_max)
{
    size_t n;
    report_value *values = report_distinct(r, g, field, &n);
    for (size_t i = 0; values && i < n && i < shown_max; i++) {
        fputs(i ? ", " : "", out);
        fputs(field == 0 ? "<span class=\"dest\">" : "<span class=\"name\">", out);
        html(out, values[i].v);
        fprintf(out, "</span> (%zu)", values[i].count);
    }
    if (values && n > shown_max)
        fprintf(out, " and %zu more", n - shown_max);
    if (!values || !n)
        html(out, NULL);
    free(values);
}

static const char *report_first(const report *r, const report_group *g, size_t field)
{
    for (size_t k = 0; k < g->n; k++) {
        const report_alert *a = &r->alerts[g->members[k]];
        const char *v = field == 0 ? a->device_mac : field == 1 ? a->country : a->as_org;
        if (v)
            return v;
    }
    return NULL;
}

static void report_severity_cells(FILE *out, const report *r, const report_group *g)
{
    size_t counts[REPORT_SEVERITIES] = {0};
    for (size_t k = 0; k < g->n; k++)
        counts[r->alerts[g->members[k]].severity]++;
    for (int s = 1; s <= 3; s++)
        fprintf(out, "<td class=\"n\">%zu</td>", counts[s]);
}

static void report_devices(FILE *out, const report *r, const report_group *groups, size_t n)
{
    fputs("<section id=\"devices\">\n<h2>Devices</h2>\n<table id=\"devices-table\">\n<thead><tr><th>device</th>"
          "<th>MAC</th><th>alerts</th><th>high</th><th>medium</th><th>low</th><th>destinations (alerts)</th>"
          "</tr></thead>\n<tbody>\n",
          out);
    for (size_t i = 0; i < n; i++) {
        const report_group *g = &groups[i];
        fputs("<tr class=\"device\"><td class=\"addr\">", out);
        html(out, *g->key ? g->key : NULL);
        fputs("</td><td>", out);
        html(out, report_first(r, g, 0));
        fprintf(out, "</td><td class=\"n\">%zu</td>", g->n);
        report_severity_cells(out, r, g);
        fputs("<td>", out);
        report_distinct_list(out, r, g, 0, SIZE_MAX);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static size_t report_device_count(const report *r, const report_group *g)
{
    size_t n;
    free(report_distinct(r, g, 2, &n));
    return n;
}

static void report_destinations(FILE *out, const report *r, const report_group *groups, size_t n)
{
    fputs("<section id=\"destinations\">\n<h2>Destinations</h2>\n<table id=\"destinations-table\">\n<thead><tr>"
          "<th>destination</th><th>names</th><th>country</th><th>ASN</th><th>AS organisation</th><th>alerts</th>"
          "<th>devices</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t i = 0; i < n; i++) {
        const report_group *g = &groups[i];
        long asn = -1;
        for (size_t k = 0; k < g->n && asn < 0; k++)
            asn = r->alerts[g->members[k]].asn;
        fputs("<tr class=\"destination\"><td class=\"addr\">", out);
        html(out, *g->key ? g->key : NULL);
        fputs("</td><td>", out);
        report_distinct_list(out, r, g, 1, REPORT_NAMES_SHOWN);
        fputs("</td><td>", out);
        html(out, report_first(r, g, 1));
        if (asn >= 0)
            fprintf(out, "</td><td class=\"n\">AS%ld</td><td>", asn);
        else
            fputs("</td><td class=\"n\">\xE2\x80\x94</td><td>", out);
        html(out, report_first(r, g, 2));
        fprintf(out, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td></tr>\n", g->n, report_device_count(r, g));
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void report_alert_row(FILE *out, const report_alert *a, const char *pcap_href)
{
    fputs(report_is_uuid(a->alert_id) ? "<tr class=\"alert\" id=\"alert-" : "<tr class=\"alert\"", out);
    if (report_is_uuid(a->alert_id))
        fprintf(out, "%s\"", a->alert_id);
    fputs("><td>", out);
    html(out, a->timestamp);
    fprintf(out, "</td><td class=\"sev%d\">%s</td><td>", a->severity, report_severity_names[a->severity]);
    html(out, a->category);
    fputs("</td><td>", out);
    html(out, a->signature);
    if (a->signature_id >= 0)
        fprintf(out, " <span class=\"muted\">(%ld)</span>", a->signature_id);
    fputs("</td><td class=\"addr\">", out);
    report_addr_port(out, a->src_ip, a->src_port);
    fputs("</td><td class=\"addr\">", out);
    report_addr_port(out, a->dest_ip, a->dest_port);
    if (a->host) {
        fputs("<br>", out);
        html(out, a->host);
    }
    fputs("</td><td>", out);
    html(out, a->proto);
    fputs(" / ", out);
    html(out, a->app_proto);
    fputs("</td><td>", out);
    html(out, a->direction);
    fputs("</td><td>", out);
    html(out, a->verdict);
    fputs("</td><td class=\"evidence\">", out);
    for (size_t i = 0; i < a->n_labels; i++) {
        fputs("<span class=\"label\">", out);
        html(out, a->labels[i]);
        fputs("</span>", out);
    }
    fputs("</td><td>", out);
    if (a->has_pcap)
        fprintf(out, "<a class=\"pcap\" href=\"%s%s.pcap\">pcap</a>", pcap_href, a->alert_id);
    fputs("</td></tr>\n", out);
}

static void report_alerts(FILE *out, const report *r, const size_t *by_time, const char *pcap_href)
{
    fputs("<section id=\"alerts\">\n<h2>Alerts</h2>\n<table id=\"alerts-table\">\n<thead><tr><th>time</th>"
          "<th>severity</th><th>category</th><th>signature</th><th>device</th><th>destination</th>"
          "<th>protocol</th><th>direction</th><th>verdict</th><th>evidence</th><th>packets</th></tr></thead>\n"
          "<tbody>\n",
          out);
    for (size_t i = 0; i < r->n; i++)
        report_alert_row(out, &r->alerts[by_time[i]], pcap_href);
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void report_footer(FILE *out, const report *r, size_t with_pcap)
{
    fprintf(out, "<footer>\n<h2>Input</h2>\n<p id=\"input-counts\"><span id=\"lines\">%llu</span> lines: "
                 "<span id=\"alerts-read\">%zu</span> alerts, <span id=\"stats-skipped\">%llu</span> stats records "
                 "skipped, <span id=\"other-skipped\">%llu</span> other records skipped, "
                 "<span id=\"bad-lines\">%llu</span> lines that are not JSON objects skipped. "
                 "<span id=\"pcap-count\">%zu</span> alerts with a pcap.</p>\n</footer>\n</body>\n</html>\n",
            (unsigned long long)r->lines, r->n, (unsigned long long)r->stats_records,
            (unsigned long long)r->other_records, (unsigned long long)r->bad_lines, with_pcap);
}

static int report_cmp_time(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    const report_alert *a = &sort_report->alerts[i], *b = &sort_report->alerts[j];
    if (a->has_time != b->has_time)
        return a->has_time ? -1 : 1;
    if (a->has_time && a->ts_us != b->ts_us)
        return a->ts_us < b->ts_us ? -1 : 1;
    return (i > j) - (i < j);
}

static int report_write(FILE *out, const report *r, char *const *inputs, int n_inputs, const char *pcap_href,
                        size_t with_pcap)
{
    size_t n_devices, n_dests, *device_order, *dest_order;
    report_group *devices = report_group_by(r, true, &n_devices, &device_order);
    report_group *dests = report_group_by(r, false, &n_dests, &dest_order);
    size_t *by_time = malloc((r->n ? r->n : 1) * sizeof *by_time);
    int rc = devices && dests && by_time ? 0 : 1;
    if (rc == 0) {
        for (size_t i = 0; i < r->n; i++)
            by_time[i] = i;
        sort_report = r;
        qsort(by_time, r->n, sizeof *by_time, report_cmp_time);
        report_head(out);
        report_summary(out, r, n_devices, n_dests, inputs, n_inputs);
        report_totals(out, r);
        report_timeline(out, r);
        report_devices(out, r, devices, n_devices);
        report_destinations(out, r, dests, n_dests);
        report_alerts(out, r, by_time, pcap_href);
        report_footer(out, r, with_pcap);
    } else {
        fprintf(stderr, "leakwatch-report: out of memory\n");
    }
    free(devices);
    free(dests);
    free(device_order);
    free(dest_order);
    free(by_time);
    return rc;
}

/* ---- pcap links ---- */

/* The directory of `path` ("." for a bare name). */
static char *report_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Path components in p ("" and "/" have none). */
static size_t report_components(const char *p)
{
    size_t n = 0;
    for (; *p; p++)
        n += *p == '/' && p[1] != '\0';
    return n;
}

/* The href prefix from the report's directory to the pcap directory: a relative path,
 * percent-encoded, ending in "/" (empty when they are the same directory). */
static char *report_href(const char *report_dir, const char *pcap_dir)
{
    char from[PATH_MAX], to[PATH_MAX];
    if (!realpath(report_dir, from) || !realpath(pcap_dir, to))
        return NULL;
    size_t common = 0; /* the longest common prefix that ends at a component boundary of both */
    for (size_t i = 0; from[i] && from[i] == to[i];) {
        i++;
        if ((from[i] == '/' || !from[i]) && (to[i] == '/' || !to[i]))
            common = i;
    }
    size_t ups = report_components(from + common), cap = 3 * ups + 3 * strlen(to) + 2;
    char *href = malloc(cap), *w = href;
    if (!href)
        return NULL;
    for (size_t i = 0; i < ups; i++)
        w += sprintf(w, "../");
    for (const unsigned char *p = (const unsigned char *)to + common; *p; p++) {
        if (p == (const unsigned char *)to + common && *p == '/')
            continue;
        bool plain = strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/", *p) != NULL;
        w += plain ? sprintf(w, "%c", *p) : sprintf(w, "%%%02X", *p);
    }
    if (w > href && w[-1] != '/')
        *w++ = '/';
    *w = '\0';
    return href;
}

static size_t report_find_pcaps(report *r, const char *pcap_dir)
{
    size_t found = 0;
    for (size_t i = 0; i < r->n; i++) {
        report_alert *a = &r->alerts[i];
        char path[PATH_MAX];
        if (!report_is_uuid(a->alert_id) ||
            snprintf(path, sizeof path, "%s/%s.pcap", pcap_dir, a->alert_id) >= (int)sizeof path)
            continue;
        a->has_pcap = access(path, R_OK) == 0;
        found += a->has_pcap;
    }
    return found;
}

/* ---- the command line ---- */

static void report_usage(FILE *out)
{
    fputs("usage: leakwatch-report [-o REPORT.html] [-p PCAP_DIR] ALERTS.json...\n"
          "\n"
          "Turns leakwatch alert records (JSON lines, as leakwatch writes them with -o json:PATH or on\n"
          "standard output) into one self-contained HTML page: totals by category and severity, a\n"
          "timeline (SVG), every device with its destinations, every destination with its names,\n"
          "country and AS, and every alert with its evidence labels and a link to its packets.\n"
          "\n"
          "  ALERTS.json            one or more files of alert records; - reads standard input\n"
          "  -o, --output FILE      write the page to FILE (default: standard output)\n"
          "  -p, --pcap-dir DIR     where the alerts' <alert_id>.pcap files are (outputs.pcap.dir);\n"
          "                         default: the directory of the page (the current directory when\n"
          "                         writing to standard output). An alert whose file exists gets a\n"
          "                         link, relative to the page\n"
          "  -V, --version          print the version\n"
          "  -h, --help             this help\n"
          "\n"
          "The page loads nothing from anywhere: inline CSS and SVG, no scripts, and a\n"
          "Content-Security-Policy that forbids fetching. Every field is HTML-escaped; invalid UTF-8,\n"
          "control and bidirectional-override characters are replaced, values longer than 200\n"
          "characters shortened. Message text is never shown, whatever the evidence mode: the page\n"
          "reads only the evidence labels (leak.evidence.matched). Stats records, other records and\n"
          "lines that are not JSON objects are skipped and counted at the end of the page.\n"
          "\n"
          "Exit status: 0 the page was written; 1 an input could not be read or the page could not be\n"
          "written; 2 a usage error.\n"
          "\n"
          "Example:\n"
          "  leakwatch -r capture.pcapng -o json:alerts.json -o pcap:evidence/\n"
          "  leakwatch-report -o report.html -p evidence alerts.json\n",
          out);
}

typedef struct report_options {
    const char *output, *pcap_dir;
} report_options;

/* Returns -1 to go on, else an exit status. */
static int report_parse(int argc, char **argv, report_options *o)
{
    static const struct option options[] = {
        {"output", required_argument, 0, 'o'}, {"pcap-dir", required_argument, 0, 'p'},
        {"version", no_argument, 0, 'V'},      {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    int opt;
    while ((opt = getopt_long(argc, argv, "o:p:Vh", options, NULL)) != -1) {
        switch (opt) {
        case 'o': o->output = optarg; break;
        case 'p': o->pcap_dir = optarg; break;
        case 'V': printf("leakwatch-report %s\n", PACKAGE_VERSION); return 0;
        case 'h': report_usage(stdout); return 0;
        default: report_usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "leakwatch-report: no input: give one or more ALERTS.json files (- for standard input)\n");
        return 2;
    }
    return -1;
}

static void report_free(report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        report_alert *a = &r->alerts[i];
        char *fields[] = {a->timestamp, a->alert_id, a->src_ip,  a->dest_ip, a->proto,   a->app_proto,
                          a->signature, a->category, a->direction, a->verdict, a->host, a->country,
                          a->as_org,    a->device_ip, a->device_mac};
        for (size_t k = 0; k < LW_ARRAY_LEN(fields); k++)
            free(fields[k]);
        for (size_t k = 0; k < a->n_labels; k++)
            free(a->labels[k]);
        free(a->labels);
    }
    for (size_t i = 0; i < r->n_extra; i++)
        free(r->extra_categories[i]);
    free(r->extra_categories);
    free(r->alerts);
}

/* The page goes to a temporary file renamed into place: a reader never sees half of it. */
static int report_output(const report_options *o, const report *r, char *const *inputs, int n_inputs,
                         const char *href, size_t with_pcap)
{
    if (!o->output)
        return report_write(stdout, r, inputs, n_inputs, href, with_pcap) || fflush(stdout) != 0 ? 1 : 0;
    size_t n = strlen(o->output) + 8;
    char *tmp = malloc(n);
    FILE *out = tmp && snprintf(tmp, n, "%s.tmp", o->output) > 0 ? fopen(tmp, "w") : NULL;
    int rc = out ? report_write(out, r, inputs, n_inputs, href, with_pcap) : 1;
    if (out && (fclose(out) != 0 || rc != 0 || rename(tmp, o->output) != 0))
        rc = 1;
    if (rc != 0) {
        fprintf(stderr, "leakwatch-report: %s: %s\n", o->output, strerror(errno));
        if (tmp)
            unlink(tmp);
    }
    free(tmp);
    return rc;
}

int main(int argc, char **argv)
{
    report_options o = {0};
    int rc = report_parse(argc, argv, &o);
    if (rc >= 0)
        return rc;
    report r = {0};
    bool read_ok = true;
    for (int i = optind; i < argc; i++)
        read_ok = report_read(&r, argv[i]) && read_ok;
    char *page_dir = o.output ? report_dirname(o.output) : strdup(".");
    const char *pcap_dir = o.pcap_dir ? o.pcap_dir : page_dir;
    char *href = page_dir ? report_href(page_dir, pcap_dir) : NULL;
    size_t with_pcap = href ? report_find_pcaps(&r, pcap_dir) : 0;
    rc = read_ok ? report_output(&o, &r, argv + optind, argc - optind, href ? href : "", with_pcap) : 1;
    if (rc == 0 && (r.bad_lines || r.stats_records || r.other_records))
        fprintf(stderr, "leakwatch-report: %zu alerts; skipped %llu stats records, %llu other records, %llu bad lines\n",
                r.n, (unsigned long long)r.stats_records, (unsigned long long)r.other_records,
                (unsigned long long)r.bad_lines);
    free(href);
    free(page_dir);
    report_free(&r);
    return rc;
}
