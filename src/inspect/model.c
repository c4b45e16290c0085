/* model.c — loading and applying the message model (see model.h). The file is tab-separated
 * text: comment lines start with '#'; "bias", "threshold" and every feature name of features.h
 * appear exactly once, each with one number. Anything else is an error naming file:line. */
#include "model.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MODEL_MAX_LINE 512

static int model_feature_index(const char *name)
{
    for (int i = 0; i < FEATURE_COUNT; i++)
        if (strcmp(feature_names[i], name) == 0)
            return i;
    return -1;
}

/* One "name<TAB>number" line; returns false with err set. */
static bool model_line(message_model *m, char *line, bool *seen, bool *seen_bias, bool *seen_threshold, char *err,
                       size_t errlen)
{
    char *tab = strchr(line, '\t');
    if (tab == NULL) {
        snprintf(err, errlen, "expected \"name<TAB>weight\"");
        return false;
    }
    *tab = '\0';
    char *end;
    errno = 0;
    float v = strtof(tab + 1, &end);
    while (*end == ' ' || *end == '\t' || *end == '\r')
        end++;
    if (errno != 0 || end == tab + 1 || *end != '\0' || !isfinite(v)) {
        snprintf(err, errlen, "\"%.64s\": not a number", line);
        return false;
    }
    bool *flag;
    float *slot;
    int index = model_feature_index(line);
    if (strcmp(line, "bias") == 0)
        flag = seen_bias, slot = &m->bias;
    else if (strcmp(line, "threshold") == 0)
        flag = seen_threshold, slot = &m->threshold;
    else if (index >= 0)
        flag = &seen[index], slot = &m->weights[index];
    else {
        snprintf(err, errlen, "unknown feature \"%.64s\" (a model fitted for another version?)", line);
        return false;
    }
    if (*flag) {
        snprintf(err, errlen, "\"%.64s\" given twice", line);
        return false;
    }
    *flag = true;
    *slot = v;
    return true;
}

static bool model_complete(const bool *seen, bool bias, bool threshold, char *err, size_t errlen)
{
    for (int i = 0; i < FEATURE_COUNT; i++)
        if (!seen[i]) {
            snprintf(err, errlen, "no weight for feature \"%s\" (a model fitted for another version?)", feature_names[i]);
            return false;
        }
    if (!bias || !threshold)
        snprintf(err, errlen, "no \"%s\" line", bias ? "threshold" : "bias");
    return bias && threshold;
}

/* What the language features could add to a logit at most and at least (their positive and
 * their negative weights at value 1), once per model. */
static void model_language_bounds(message_model *model)
{
    model->language_headroom = model->language_floor = 0;
    for (int i = 0; i < FEATURE_COUNT; i++)
        if (features_is_language(i))
            *(model->weights[i] > 0 ? &model->language_headroom : &model->language_floor) += model->weights[i];
}

lw_status message_model_load(const char *path, message_model *model, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return LW_ERR_USAGE;
    }
    memset(model, 0, sizeof *model);
    bool seen[FEATURE_COUNT] = {false}, bias = false, threshold = false, ok = true;
    char line[MODEL_MAX_LINE], why[LW_ERRBUF] = "";
    unsigned lineno = 0;
    while (ok && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, "# fitted:", 9) == 0)
            snprintf(model->source, sizeof model->source, "%s", line + 9 + (line[9] == ' '));
        if (line[0] == '#' || line[0] == '\0')
            continue;
        ok = model_line(model, line, seen, &bias, &threshold, why, sizeof why);
    }
    fclose(f);
    if (ok && !model_complete(seen, bias, threshold, why, sizeof why))
        lineno = 0;
    else if (ok) {
        model_language_bounds(model);
        return LW_OK;
    }
    if (lineno)
        snprintf(err, errlen, "%s:%u: %s", path, lineno, why);
    else
        snprintf(err, errlen, "%s: %s", path, why);
    return LW_ERR_USAGE;
}

bool message_model_find(const char *explicit_path, char *const *paths, size_t n_paths, char *out, size_t len)
{
    if (explicit_path != NULL) {
        snprintf(out, len, "%s", explicit_path);
        return true;
    }
    for (size_t i = 0; i < n_paths; i++) {
        struct stat st;
        const char *slash = strrchr(paths[i], '/');
        bool dir = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode);
        if (dir)
            snprintf(out, len, "%s/%s", paths[i], MESSAGE_MODEL_FILE);
        else
            snprintf(out, len, "%.*s%s", slash ? (int)(slash - paths[i] + 1) : 0, paths[i], MESSAGE_MODEL_FILE);
        if (access(out, R_OK) == 0)
            return true;
    }
    return false;
}

float message_model_logit(const message_model *model, const float x[FEATURE_COUNT])
{
    float z = model->bias;
    for (int i = 0; i < FEATURE_COUNT; i++)
        z += model->weights[i] * x[i];
    return z;
}
