/* output_json.c — the JSON Lines sink: one record per line to standard output or a file
 * (opened for append, so a restart never truncates earlier alerts). Records gather in a
 * buffer that is written at the end of each capture batch, so a live consumer sees them
 * within ~100 ms and a replay pays one write per buffer, not per alert.
 *
 * A file only ever holds whole lines: when a write fails because the disk is full (ENOSPC,
 * EDQUOT, EFBIG) the part that went out is cut off again, the buffered records are counted
 * as dropped, and the run goes on (one line on standard error when the disk fills, one when
 * there is room again). Any other write error is a sink failure. reopen (SIGHUP, SIGUSR2)
 * closes the file and opens its path again, for logrotate's create/postrotate. Owns its
 * file descriptor (not standard output's) and its buffer. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"

#define JSON_BUFFER (64 * 1024)

typedef struct json_sink {
    output_sink base;
    int fd;
    bool owned;              /* a file we opened (not standard output) */
    char *path;
    char name[256];
    char *buf;
    size_t used, cap;
    uint64_t buffered;       /* records in buf */
    bool full;               /* the last write found the disk full */
    uint64_t records;
    _Atomic uint64_t dropped;
} json_sink;

static bool json_disk_full(int e)
{
    return e == ENOSPC || e == EDQUOT || e == EFBIG;
}

/* Where the next write lands in a regular file (a file we append to: its end), or -1 for
 * pipes and terminals. */
static off_t json_sink_offset(const json_sink *s)
{
    return lseek(s->fd, 0, s->owned ? SEEK_END : SEEK_CUR);
}

static int json_write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n, len -= (size_t)n;
    }
    return 0;
}

/* The disk is full: cut what part of the buffer went out, count the buffer as dropped. */
static void json_sink_drop_buffer(json_sink *s, off_t start, int error)
{
    if (start >= 0 && ftruncate(s->fd, start) == 0)
        lseek(s->fd, start, SEEK_SET);
    atomic_fetch_add(&s->dropped, s->buffered);
    if (!s->full)
        output_note(&s->base, "disk full (%s): records are counted as dropped until there is room", strerror(error));
    s->full = true;
}

static lw_status json_sink_drain(json_sink *s, char *err, size_t errlen)
{
    if (!s->used)
        return LW_OK;
    off_t start = json_sink_offset(s);
    int rc = json_write_all(s->fd, s->buf, s->used), error = errno;
    if (rc != 0 && !json_disk_full(error)) {
        if (err)
            snprintf(err, errlen, "%s: write failed: %s", s->name, strerror(error));
        return LW_ERR_RUNTIME;
    }
    if (rc != 0) {
        json_sink_drop_buffer(s, start, error);
    } else {
        if (s->full)
            output_note(&s->base, "room again on the disk: writing resumed after %llu dropped records",
                        (unsigned long long)atomic_load(&s->dropped));
        s->full = false;
        s->records += s->buffered;
    }
    s->used = 0;
    s->buffered = 0;
    return LW_OK;
}

static lw_status json_sink_write(output_sink *base, lw_record_kind kind, const char *json, size_t len,
                                 char *err, size_t errlen)
{
    (void)kind;
    json_sink *s = (json_sink *)base;
    if (s->used + len + 1 > s->cap && json_sink_drain(s, err, errlen) != LW_OK)
        return LW_ERR_RUNTIME;
    if (len + 1 > s->cap) {
        char *grown = realloc(s->buf, len + 1);
        if (!grown) {
            snprintf(err, errlen, "%s: out of memory", s->name);
            return LW_ERR_RUNTIME;
        }
        s->buf = grown;
        s->cap = len + 1;
    }
    memcpy(s->buf + s->used, json, len);
    s->buf[s->used + len] = '\n';
    s->used += len + 1;
    s->buffered++;
    return LW_OK;
}

static lw_status json_sink_flush(output_sink *base, char *err, size_t errlen)
{
    return json_sink_drain((json_sink *)base, err, errlen);
}

static int json_open_path(const char *path)
{
    return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

/* logrotate moved the file away (create) or copied it (copytruncate): write to the path again. */
static void json_sink_reopen(output_sink *base)
{
    json_sink *s = (json_sink *)base;
    char err[LW_ERRBUF];
    if (!s->owned)
        return;
    if (json_sink_drain(s, err, sizeof err) != LW_OK)
        output_note(base, "%s", err);
    int fd = json_open_path(s->path);
    if (fd < 0) {
        output_note(base, "cannot reopen: %s (writing on to the file already open)", strerror(errno));
        return;
    }
    close(s->fd);
    s->fd = fd;
}

static void json_sink_health(output_sink *base, output_health *h)
{
    h->dropped += atomic_load(&((json_sink *)base)->dropped);
}

static void json_sink_close(output_sink *base, FILE *stats)
{
    json_sink *s = (json_sink *)base;
    char err[LW_ERRBUF];
    if (json_sink_drain(s, err, sizeof err) != LW_OK)
        output_note(base, "%s", err);
    if (stats) {
        fprintf(stats, "  sink %s: %llu records", s->name, (unsigned long long)s->records);
        if (atomic_load(&s->dropped))
            fprintf(stats, ", %llu dropped (disk full)", (unsigned long long)atomic_load(&s->dropped));
        fputc('\n', stats);
    }
    if (s->owned)
        close(s->fd);
    free(s->buf);
    free(s->path);
    free(s);
}

lw_status output_json_open(const char *path, output_sink **out, char *err, size_t errlen)
{
    json_sink *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path)) || !(s->buf = malloc(JSON_BUFFER))) {
        snprintf(err, errlen, "json:%s: out of memory", path);
        if (s)
            free(s->path);
        free(s);
        return LW_ERR_RUNTIME;
    }
    s->cap = JSON_BUFFER;
    s->owned = strcmp(path, "-") != 0;
    s->fd = s->owned ? json_open_path(path) : STDOUT_FILENO;
    if (s->fd < 0) {
        snprintf(err, errlen, "json:%s: cannot open: %s", path, strerror(errno));
        free(s->buf);
        free(s->path);
        free(s);
        return LW_ERR_RUNTIME;
    }
    snprintf(s->name, sizeof s->name, "json:%s", path);
    s->base = (output_sink){.name = s->name, .write = json_sink_write, .flush = json_sink_flush, .close = json_sink_close,
                            .reopen = json_sink_reopen, .health = json_sink_health};
    *out = &s->base;
    return LW_OK;
}
