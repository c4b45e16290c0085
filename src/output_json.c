/* output_json.c — the JSON Lines sink: one record per line to standard output or a file
 * (opened for append, so a restart never truncates earlier alerts). Writes go through a
 * stdio buffer and are flushed at the end of each capture batch, so a live consumer sees
 * them within ~100 ms and a replay pays one write per buffer, not per alert. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

typedef struct json_sink {
    output_sink base;
    FILE *fp;
    bool owned;
    char name[256];
    uint64_t records;
} json_sink;

static lw_status json_sink_fail(json_sink *s, char *err, size_t errlen)
{
    if (err)
        snprintf(err, errlen, "%s: write failed: %s", s->name, strerror(errno));
    return LW_ERR_RUNTIME;
}

static lw_status json_sink_write(output_sink *base, lw_record_kind kind, const char *json, size_t len,
                                 char *err, size_t errlen)
{
    (void)kind;
    json_sink *s = (json_sink *)base;
    if (fwrite(json, 1, len, s->fp) != len || putc('\n', s->fp) == EOF)
        return json_sink_fail(s, err, errlen);
    s->records++;
    return LW_OK;
}

static lw_status json_sink_flush(output_sink *base, char *err, size_t errlen)
{
    json_sink *s = (json_sink *)base;
    return fflush(s->fp) == 0 ? LW_OK : json_sink_fail(s, err, errlen);
}

static void json_sink_close(output_sink *base, FILE *stats)
{
    json_sink *s = (json_sink *)base;
    fflush(s->fp);
    if (stats)
        fprintf(stats, "  sink %s: %llu records\n", s->name, (unsigned long long)s->records);
    if (s->owned)
        fclose(s->fp);
    free(s);
}

lw_status output_json_open(const char *path, output_sink **out, char *err, size_t errlen)
{
    json_sink *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "json:%s: out of memory", path);
        return LW_ERR_RUNTIME;
    }
    bool to_stdout = strcmp(path, "-") == 0;
    s->fp = to_stdout ? stdout : fopen(path, "a");
    if (!s->fp) {
        snprintf(err, errlen, "json:%s: cannot open: %s", path, strerror(errno));
        free(s);
        return LW_ERR_RUNTIME;
    }
    s->owned = !to_stdout;
    snprintf(s->name, sizeof s->name, "json:%s", path);
    s->base = (output_sink){.name = s->name, .write = json_sink_write, .flush = json_sink_flush, .close = json_sink_close};
    *out = &s->base;
    return LW_OK;
}
