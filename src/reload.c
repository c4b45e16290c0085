/* reload.c — what a reload (SIGHUP) can change and what waits for a restart. The running and
 * the new configuration are compared key by key through config_print, the one place that names
 * every key, so a key added later is compared without an edit here. A key is applied live only
 * when it is listed below (policy, signatures, alert settings, the sensor name, the capture
 * filter, the stats interval: the parts the engine swaps); any other key that differs is named
 * as needing a restart. Owns nothing; reads two configurations. */
#include "reload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keys (or whole sections, ending in '.') a reload applies. */
static const char *const reload_live_keys[] = {
    "networks.", "policy.", "geoip.", "signatures.", "alerts.", "stats.", "sensor.", "capture.filter",
};

typedef struct reload_key {
    char path[128];
    char *value; /* the rest of the printed line */
} reload_key;

typedef struct reload_keys {
    reload_key *items;
    size_t count;
    char *text;
} reload_keys;

static bool reload_is_live(const char *path)
{
    for (size_t i = 0; i < LW_ARRAY_LEN(reload_live_keys); i++) {
        const char *k = reload_live_keys[i];
        size_t n = strlen(k);
        if (k[n - 1] == '.' ? strncmp(path, k, n) == 0 : strcmp(path, k) == 0)
            return true;
    }
    return false;
}

/* "  key: value" lines, two spaces a level, become "section.key" → "value". */
static bool reload_parse(char *text, reload_keys *keys)
{
    char stack[8][64] = {{0}};
    size_t cap = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        size_t indent = strspn(line, " ");
        char *colon = strchr(line + indent, ':');
        if (line[indent] == '#' || !colon || indent / 2 >= LW_ARRAY_LEN(stack))
            continue;
        size_t level = indent / 2;
        snprintf(stack[level], sizeof stack[level], "%.*s", (int)(colon - line - indent), line + indent);
        if (keys->count == cap) {
            cap = cap ? cap * 2 : 64;
            reload_key *grown = realloc(keys->items, cap * sizeof *grown);
            if (!grown)
                return false;
            keys->items = grown;
        }
        reload_key *k = &keys->items[keys->count++];
        k->path[0] = '\0';
        for (size_t i = 0; i <= level; i++)
            snprintf(k->path + strlen(k->path), sizeof k->path - strlen(k->path), "%s%s", i ? "." : "", stack[i]);
        k->value = colon + 1;
    }
    return true;
}

static bool reload_render(const lw_config *cfg, reload_keys *keys)
{
    size_t len = 0;
    FILE *out = open_memstream(&keys->text, &len);
    if (!out)
        return false;
    config_print(cfg, out);
    fclose(out);
    return keys->text && reload_parse(keys->text, keys);
}

static const reload_key *reload_find(const reload_keys *keys, const char *path)
{
    for (size_t i = 0; i < keys->count; i++)
        if (strcmp(keys->items[i].path, path) == 0)
            return &keys->items[i];
    return NULL;
}

static bool reload_ignored(const char *path, const reload_overrides *o)
{
    return (o->outputs && strncmp(path, "outputs.", 8) == 0) ||
           (o->interface && strncmp(path, "capture.interface", 17) == 0) || /* interface and interfaces */
           (o->workers && strcmp(path, "capture.workers") == 0);
}

/* Appends `path` to out unless it is there already. */
static void reload_name(char *out, size_t outlen, const char *path)
{
    size_t n = strlen(path), used = strlen(out);
    for (const char *p = strstr(out, path); p; p = strstr(p + 1, path))
        if ((p == out || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
            return;
    snprintf(out + used, outlen - used, "%s%s", used ? ", " : "", path);
}

/* A key `b` lacks whose section `b` lacks too: the section is named instead. */
static bool reload_section_missing(const reload_keys *b, const char *path)
{
    char parent[128];
    const char *dot = strrchr(path, '.');
    if (!dot)
        return false;
    snprintf(parent, sizeof parent, "%.*s", (int)(dot - path), path);
    return !reload_find(b, parent);
}

/* Every key of `a` that `b` lacks or holds otherwise. */
static void reload_compare(const reload_keys *a, const reload_keys *b, const reload_overrides *o, char *out,
                           size_t outlen)
{
    for (size_t i = 0; i < a->count; i++) {
        const reload_key *k = &a->items[i], *other = reload_find(b, k->path);
        if ((other && strcmp(k->value, other->value) == 0) || (!other && reload_section_missing(b, k->path)))
            continue;
        if (!reload_is_live(k->path) && !reload_ignored(k->path, o))
            reload_name(out, outlen, k->path);
    }
}

static void reload_keys_free(reload_keys *keys)
{
    free(keys->items);
    free(keys->text);
}

lw_status reload_restart_keys(const lw_config *running, const lw_config *fresh, const reload_overrides *o, char *out,
                              size_t outlen)
{
    reload_keys a = {0}, b = {0};
    out[0] = '\0';
    bool ok = reload_render(running, &a) && reload_render(fresh, &b);
    if (ok) {
        reload_compare(&a, &b, o, out, outlen);
        reload_compare(&b, &a, o, out, outlen);
    }
    reload_keys_free(&a);
    reload_keys_free(&b);
    return ok ? LW_OK : LW_ERR_RUNTIME;
}
