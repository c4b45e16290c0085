/* output.c — opens the configured sinks and hands every record to each of them, in order.
 * A failing sink does not stop the others; the first error is returned. Also the one place
 * sinks report conditions that are not failures (output_note). */
#include "output.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct outputs {
    output_sink **sinks;
    size_t count;
};

lw_status outputs_open(const lw_config *cfg, outputs **out, char *err, size_t errlen)
{
    outputs *o = calloc(1, sizeof *o);
    if (!o || !(o->sinks = calloc(cfg->output_count ? cfg->output_count : 1, sizeof *o->sinks))) {
        free(o);
        snprintf(err, errlen, "outputs: out of memory");
        return LW_ERR_RUNTIME;
    }
    for (size_t i = 0; i < cfg->output_count; i++) {
        const lw_output_spec *spec = &cfg->outputs[i];
        lw_status st = spec->kind == LW_OUT_JSON ? output_json_open(spec->path, &o->sinks[o->count], err, errlen)
                                                 : output_redis_open(&spec->redis, &o->sinks[o->count], err, errlen);
        if (st != LW_OK) {
            outputs_close(o, NULL);
            return st;
        }
        o->count++;
    }
    *out = o;
    return LW_OK;
}

lw_status outputs_write(outputs *o, lw_record_kind kind, const char *json, size_t len, char *err, size_t errlen)
{
    lw_status result = LW_OK;
    for (size_t i = 0; i < o->count; i++) {
        output_sink *s = o->sinks[i];
        if (s->write(s, kind, json, len, err, errlen) != LW_OK && result == LW_OK) {
            result = LW_ERR_RUNTIME;
            err = NULL, errlen = 0; /* keep the first message */
        }
    }
    return result;
}

lw_status outputs_flush(outputs *o, char *err, size_t errlen)
{
    lw_status result = LW_OK;
    for (size_t i = 0; i < o->count; i++) {
        output_sink *s = o->sinks[i];
        if (s->flush(s, err, errlen) != LW_OK && result == LW_OK) {
            result = LW_ERR_RUNTIME;
            err = NULL, errlen = 0;
        }
    }
    return result;
}

void outputs_reopen(outputs *o)
{
    for (size_t i = 0; i < o->count; i++)
        if (o->sinks[i]->reopen)
            o->sinks[i]->reopen(o->sinks[i]);
}

void outputs_health(outputs *o, output_health *h)
{
    *h = (output_health){0};
    for (size_t i = 0; o && i < o->count; i++)
        if (o->sinks[i]->health)
            o->sinks[i]->health(o->sinks[i], h);
}

void output_note(const output_sink *s, const char *fmt, ...)
{
    char msg[LW_ERRBUF];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "leakwatch: %s: %s\n", s->name, msg);
}

void outputs_close(outputs *o, FILE *stats)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->count; i++)
        o->sinks[i]->close(o->sinks[i], stats);
    free(o->sinks);
    free(o);
}
