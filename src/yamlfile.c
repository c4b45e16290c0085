/* yamlfile.c — one YAML file read under the shared limits (see yamlfile.h), for the
 * configuration and the signature packs alike.
 *
 * The file is stat'ed before it is opened and refused unless it is a regular file (opened
 * non-blocking all the same, in case it was swapped meanwhile), then read whole, at most
 * YAMLFILE_MAX_BYTES. libyaml reads it twice: an event pass bounds the number of documents,
 * the nesting depth (libyaml 0.2.5 has no depth limit and its scanner is quadratic in it), the
 * node count, the anchors (its loader resolves every alias by a linear search of them) and
 * the size of the tree with every alias expanded — each anchor's expanded size is known when
 * its node ends, and an alias adds it — so nothing that walks the tree afterwards, following
 * aliases, can be made to visit more than YAMLFILE_MAX_NODES nodes. Only then does
 * yaml_parser_load build the tree. */
#include "yamlfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define YF_ANCHOR_SLOTS 2048 /* > 2 × YAMLFILE_MAX_ANCHORS: probing always ends */

__attribute__((format(printf, 3, 4)))
static lw_status yf_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return LW_ERR_USAGE;
}

/* "file:line:column: " then the message. */
__attribute__((format(printf, 5, 6)))
static lw_status yf_fail(const char *file, yaml_mark_t mark, char *err, size_t errlen, const char *fmt, ...)
{
    if (errlen == 0)
        return LW_ERR_USAGE;
    int used = snprintf(err, errlen, "%s:%zu:%zu: ", file, mark.line + 1, mark.column + 1);
    if (used >= 0 && (size_t)used < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + used, errlen - (size_t)used, fmt, ap);
        va_end(ap);
    }
    return LW_ERR_USAGE;
}

/* ---- reading ---- */

static const char *yf_kind(mode_t mode)
{
    return S_ISFIFO(mode) ? "a FIFO" : S_ISCHR(mode) ? "a character device" : S_ISBLK(mode) ? "a block device"
         : S_ISSOCK(mode) ? "a socket" : "not a file";
}

static lw_status yf_not_regular(const char *path, mode_t mode, char *err, size_t errlen)
{
    if (S_ISDIR(mode))
        return yf_error(err, errlen, "%s: cannot read: %s", path, strerror(EISDIR));
    return yf_error(err, errlen, "%s: not a regular file (%s)", path, yf_kind(mode));
}

static lw_status yf_read_fd(const char *path, int fd, unsigned char **buf, size_t *len, char *err, size_t errlen)
{
    unsigned char *data = malloc(YAMLFILE_MAX_BYTES + 1);
    if (!data)
        return (yf_error(err, errlen, "%s: out of memory", path), LW_ERR_RUNTIME);
    size_t n = 0;
    while (n <= YAMLFILE_MAX_BYTES) {
        ssize_t got = read(fd, data + n, YAMLFILE_MAX_BYTES + 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(data);
            return yf_error(err, errlen, "%s: cannot read: %s", path, strerror(e));
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > YAMLFILE_MAX_BYTES) {
        free(data);
        return yf_error(err, errlen, "%s: larger than %u bytes", path, YAMLFILE_MAX_BYTES);
    }
    *buf = data;
    *len = n;
    return LW_OK;
}

static lw_status yf_read(const char *path, unsigned char **buf, size_t *len, char *err, size_t errlen)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return yf_error(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return yf_not_regular(path, sb.st_mode, err, errlen);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return yf_error(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    lw_status st;
    if (fstat(fd, &sb) != 0)
        st = yf_error(err, errlen, "%s: cannot read: %s", path, strerror(errno));
    else if (!S_ISREG(sb.st_mode))
        st = yf_not_regular(path, sb.st_mode, err, errlen);
    else if (sb.st_size > (off_t)YAMLFILE_MAX_BYTES)
        st = yf_error(err, errlen, "%s: larger than %u bytes", path, YAMLFILE_MAX_BYTES);
    else
        st = yf_read_fd(path, fd, buf, len, err, errlen);
    close(fd);
    return st;
}

/* libyaml's own message; reader errors (bad UTF-8) only know a byte offset. */
static lw_status yf_syntax_error(const char *file, const yaml_parser_t *y, const unsigned char *buf, size_t len,
                                 char *err, size_t errlen)
{
    yaml_mark_t mark = y->problem_mark;
    if (y->error == YAML_READER_ERROR) {
        mark.line = mark.column = 0;
        for (size_t i = 0; i < y->problem_offset && i < len; i++) {
            mark.column = buf[i] == '\n' ? 0 : mark.column + 1;
            mark.line += buf[i] == '\n';
        }
    }
    if (y->error == YAML_MEMORY_ERROR || !y->problem)
        return (yf_fail(file, mark, err, errlen, "out of memory"), LW_ERR_RUNTIME);
    if (y->context)
        return yf_fail(file, mark, err, errlen, "%s (%s at line %zu, column %zu)", y->problem, y->context,
                       y->context_mark.line + 1, y->context_mark.column + 1);
    return yf_fail(file, mark, err, errlen, "%s", y->problem);
}

/* ---- the event pass ---- */

typedef struct yf_anchor {
    char *name;
    uint64_t size;     /* nodes the anchored node stands for, aliases inside it expanded */
} yf_anchor;

typedef struct yf_open {
    char *anchor;      /* of the open collection, NULL when none */
    uint64_t start;    /* expanded count before it */
} yf_open;

typedef struct yf_scan {
    const char *file;
    char *err;
    size_t errlen;
    uint64_t nodes, expanded;
    uint32_t depth, documents, anchors;
    yf_open open[YAMLFILE_MAX_DEPTH + 1];
    yf_anchor table[YF_ANCHOR_SLOTS];
} yf_scan;

static yf_anchor *yf_slot(yf_scan *s, const char *name)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 16777619u;
    yf_anchor *a = &s->table[h % YF_ANCHOR_SLOTS];
    while (a->name && strcmp(a->name, name) != 0)
        a = a == &s->table[YF_ANCHOR_SLOTS - 1] ? s->table : a + 1;
    return a;
}

/* An anchor's node ended: later aliases to it stand for `size` nodes (a redefinition wins). */
static lw_status yf_define(yf_scan *s, const char *name, uint64_t size, yaml_mark_t mark)
{
    if (++s->anchors > YAMLFILE_MAX_ANCHORS)
        return yf_fail(s->file, mark, s->err, s->errlen, "more than %d anchors", YAMLFILE_MAX_ANCHORS);
    yf_anchor *a = yf_slot(s, name);
    if (!a->name && !(a->name = strdup(name)))
        return (yf_fail(s->file, mark, s->err, s->errlen, "out of memory"), LW_ERR_RUNTIME);
    a->size = size;
    return LW_OK;
}

/* An alias to an anchor not (yet) complete — undefined, or its own ancestor — counts 0 here:
 * the loader refuses the first, and a finite schema never follows the second far. */
static uint64_t yf_alias_size(yf_scan *s, const char *name)
{
    yf_anchor *a = yf_slot(s, name);
    return a->name ? a->size : 0;
}

static lw_status yf_count(yf_scan *s, uint64_t nodes, uint64_t expanded, yaml_mark_t mark)
{
    s->nodes += nodes;
    s->expanded += expanded;
    if (s->nodes > YAMLFILE_MAX_NODES)
        return yf_fail(s->file, mark, s->err, s->errlen, "more than %d YAML nodes", YAMLFILE_MAX_NODES);
    if (s->expanded > YAMLFILE_MAX_NODES)
        return yf_fail(s->file, mark, s->err, s->errlen, "more than %d YAML nodes once aliases are expanded",
                       YAMLFILE_MAX_NODES);
    return LW_OK;
}

static lw_status yf_open_collection(yf_scan *s, const yaml_char_t *anchor, yaml_mark_t mark)
{
    if (s->depth >= YAMLFILE_MAX_DEPTH)
        return yf_fail(s->file, mark, s->err, s->errlen, "nested deeper than %d levels", YAMLFILE_MAX_DEPTH);
    lw_status st = yf_count(s, 1, 1, mark);
    yf_open *o = &s->open[s->depth++];
    o->start = s->expanded - 1;
    o->anchor = NULL;
    if (st == LW_OK && anchor && !(o->anchor = strdup((const char *)anchor)))
        st = (yf_fail(s->file, mark, s->err, s->errlen, "out of memory"), LW_ERR_RUNTIME);
    return st;
}

static lw_status yf_close_collection(yf_scan *s, yaml_mark_t mark)
{
    yf_open *o = &s->open[--s->depth];
    lw_status st = o->anchor ? yf_define(s, o->anchor, s->expanded - o->start, mark) : LW_OK;
    free(o->anchor);
    o->anchor = NULL;
    return st;
}

static lw_status yf_event(yf_scan *s, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++s->documents > 1)
            return yf_fail(s->file, ev->start_mark, s->err, s->errlen, "only one YAML document is allowed");
        return LW_OK;
    case YAML_SCALAR_EVENT: {
        lw_status st = yf_count(s, 1, 1, ev->start_mark);
        if (st == LW_OK && ev->data.scalar.anchor)
            st = yf_define(s, (const char *)ev->data.scalar.anchor, 1, ev->start_mark);
        return st;
    }
    case YAML_ALIAS_EVENT:
        return yf_count(s, 1, yf_alias_size(s, (const char *)ev->data.alias.anchor), ev->start_mark);
    case YAML_SEQUENCE_START_EVENT:
        return yf_open_collection(s, ev->data.sequence_start.anchor, ev->start_mark);
    case YAML_MAPPING_START_EVENT:
        return yf_open_collection(s, ev->data.mapping_start.anchor, ev->start_mark);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return yf_close_collection(s, ev->start_mark);
    default:
        return LW_OK;
    }
}

static void yf_scan_free(yf_scan *s)
{
    for (uint32_t i = 0; i < s->depth; i++)
        free(s->open[i].anchor);
    for (size_t i = 0; i < YF_ANCHOR_SLOTS; i++)
        free(s->table[i].name);
    free(s);
}

static lw_status yf_prescan(const char *file, const unsigned char *buf, size_t len, char *err, size_t errlen)
{
    yf_scan *s = calloc(1, sizeof *s);
    yaml_parser_t y;
    if (!s || !yaml_parser_initialize(&y)) {
        free(s);
        return (yf_error(err, errlen, "%s: out of memory", file), LW_ERR_RUNTIME);
    }
    s->file = file;
    s->err = err;
    s->errlen = errlen;
    yaml_parser_set_input_string(&y, buf, len);
    lw_status st = LW_OK;
    for (bool end = false; st == LW_OK && !end;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&y, &ev)) {
            st = yf_syntax_error(file, &y, buf, len, err, errlen);
            break;
        }
        end = ev.type == YAML_STREAM_END_EVENT;
        st = yf_event(s, &ev);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&y);
    yf_scan_free(s);
    return st;
}

lw_status yamlfile_load(const char *path, yaml_document_t *doc, char *err, size_t errlen)
{
    unsigned char *buf = NULL;
    size_t len = 0;
    lw_status st = yf_read(path, &buf, &len, err, errlen);
    if (st == LW_OK)
        st = yf_prescan(path, buf, len, err, errlen);
    if (st == LW_OK) {
        yaml_parser_t y;
        if (!yaml_parser_initialize(&y)) {
            st = (yf_error(err, errlen, "%s: out of memory", path), LW_ERR_RUNTIME);
        } else {
            yaml_parser_set_input_string(&y, buf, len);
            if (!yaml_parser_load(&y, doc))
                st = yf_syntax_error(path, &y, buf, len, err, errlen);
            yaml_parser_delete(&y);
        }
    }
    free(buf);
    return st;
}
