/* model.c — loading and applying the message model (see model.h). The file is tab-separated
 * text: comment lines start with '#'; "bias", "threshold" and every feature name of features.h
 * appear exactly once. A plain logistic regression gives each one number. A model with hidden
 * units declares "hidden<TAB>H" before any feature; every feature line then carries its weight
 * and its H inputs to the hidden units, and "hidden_bias" and "hidden_out" lines carry H numbers
 * each. Anything else is an error naming file:line. */
#include "model.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MODEL_MAX_LINE 2048

/* What has been read so far, for the checks of each line and of the whole file. */
typedef struct model_reading {
    bool seen[FEATURE_COUNT], bias, threshold, hidden, hidden_bias, hidden_out, any_feature;
} model_reading;

static int model_feature_index(const char *name)
{
    for (int i = 0; i < FEATURE_COUNT; i++)
        if (strcmp(feature_names[i], name) == 0)
            return i;
    return -1;
}

/* The tab-separated numbers after the name; their count, or -1 when one is not a number. */
static int model_numbers(char *text, float *values, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *field = strtok_r(text, "\t", &save); field != NULL; field = strtok_r(NULL, "\t", &save)) {
        char *end;
        errno = 0;
        float v = strtof(field, &end);
        while (*end == ' ' || *end == '\r')
            end++;
        if (n == max || errno != 0 || end == field || *end != '\0' || !isfinite(v))
            return -1;
        values[n++] = v;
    }
    return n;
}

__attribute__((format(printf, 3, 4))) static bool model_fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

static bool model_once(bool *flag, const char *name, char *err, size_t errlen)
{
    if (*flag)
        return model_fail(err, errlen, "\"%.64s\" given twice", name);
    return *flag = true;
}

/* One "name<TAB>number[<TAB>number…]" line; returns false with err set. */
static bool model_line(message_model *m, model_reading *r, char *line, char *err, size_t errlen)
{
    char *tab = strchr(line, '\t');
    float v[1 + MODEL_MAX_HIDDEN];
    int n = tab ? (*tab = '\0', model_numbers(tab + 1, v, 1 + MODEL_MAX_HIDDEN)) : 0;
    int index = model_feature_index(line);
    bool hidden_row = strcmp(line, "hidden_bias") == 0 || strcmp(line, "hidden_out") == 0;
    bool scalar = strcmp(line, "bias") == 0 || strcmp(line, "threshold") == 0 || strcmp(line, "hidden") == 0;
    int want = hidden_row ? m->n_hidden : index >= 0 ? 1 + m->n_hidden : 1;
    if (tab == NULL)
        return model_fail(err, errlen, "expected \"name<TAB>weight\"");
    if (index < 0 && !hidden_row && !scalar)
        return model_fail(err, errlen, "unknown feature \"%.64s\" (a model fitted for another version?)", line);
    if (n < 0)
        return model_fail(err, errlen, "\"%.64s\": not a number", line);
    if (want == 0)
        return model_fail(err, errlen, "\"%.64s\" without a \"hidden\" line before it", line);
    if (n != want)
        return model_fail(err, errlen, "\"%.64s\": expected %d number%s", line, want, want == 1 ? "" : "s");
    if (strcmp(line, "bias") == 0)
        return model_once(&r->bias, line, err, errlen) && (m->bias = v[0], true);
    if (strcmp(line, "threshold") == 0)
        return model_once(&r->threshold, line, err, errlen) && (m->threshold = v[0], true);
    if (strcmp(line, "hidden") == 0) {
        if (r->any_feature || v[0] != floorf(v[0]) || v[0] < 1 || v[0] > MODEL_MAX_HIDDEN)
            return model_fail(err, errlen, "\"hidden\": 1 to %d units, before the first feature", MODEL_MAX_HIDDEN);
        return model_once(&r->hidden, line, err, errlen) && (m->n_hidden = (int)v[0], true);
    }
    if (hidden_row) {
        bool out = line[7] == 'o';
        if (!model_once(out ? &r->hidden_out : &r->hidden_bias, line, err, errlen))
            return false;
        memcpy(out ? m->hidden_out : m->hidden_bias, v, sizeof(float) * (size_t)n);
        return true;
    }
    if (!model_once(&r->seen[index], line, err, errlen))
        return false;
    r->any_feature = true;
    m->weights[index] = v[0];
    memcpy(m->hidden_in[index], v + 1, sizeof(float) * (size_t)m->n_hidden);
    return true;
}

static bool model_complete(const message_model *m, const model_reading *r, char *err, size_t errlen)
{
    for (int i = 0; i < FEATURE_COUNT; i++)
        if (!r->seen[i]) {
            snprintf(err, errlen, "no weight for feature \"%s\" (a model fitted for another version?)", feature_names[i]);
            return false;
        }
    const char *missing = !r->bias ? "bias" : !r->threshold ? "threshold" : NULL;
    if (missing == NULL && m->n_hidden > 0)
        missing = !r->hidden_bias ? "hidden_bias" : !r->hidden_out ? "hidden_out" : NULL;
    if (missing != NULL)
        snprintf(err, errlen, "no \"%s\" line", missing);
    return missing == NULL;
}

/* What the language features could add to the logit's sum and to each hidden unit's input at
 * most and at least (their positive and their negative weights at value 1), once per model. */
static void model_language_spans(message_model *model)
{
    for (int i = 0; i < FEATURE_COUNT; i++) {
        if (!features_is_language(i))
            continue;
        float w = model->weights[i];
        *(w > 0 ? &model->language_linear.up : &model->language_linear.down) += w;
        for (int h = 0; h < model->n_hidden; h++) {
            w = model->hidden_in[i][h];
            *(w > 0 ? &model->language_hidden[h].up : &model->language_hidden[h].down) += w;
        }
    }
}

lw_status message_model_load(const char *path, message_model *model, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return LW_ERR_USAGE;
    }
    memset(model, 0, sizeof *model);
    model_reading reading = {0};
    bool ok = true;
    char line[MODEL_MAX_LINE], why[LW_ERRBUF] = "";
    unsigned lineno = 0;
    while (ok && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, "# fitted:", 9) == 0)
            snprintf(model->source, sizeof model->source, "%s", line + 9 + (line[9] == ' '));
        if (line[0] == '#' || line[0] == '\0')
            continue;
        ok = model_line(model, &reading, line, why, sizeof why);
    }
    fclose(f);
    if (ok && !model_complete(model, &reading, why, sizeof why))
        lineno = 0;
    else if (ok) {
        model_language_spans(model);
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

/* The linear part and each hidden unit's input, the language features of x included or not. */
static float model_linear(const message_model *model, const float x[FEATURE_COUNT], float in[MODEL_MAX_HIDDEN],
                          bool language)
{
    float z = model->bias;
    for (int h = 0; h < model->n_hidden; h++)
        in[h] = model->hidden_bias[h];
    for (int i = 0; i < FEATURE_COUNT; i++) {
        if (x[i] == 0 || (!language && features_is_language(i)))
            continue;
        z += model->weights[i] * x[i];
        for (int h = 0; h < model->n_hidden; h++)
            in[h] += model->hidden_in[i][h] * x[i];
    }
    return z;
}

float message_model_logit(const message_model *model, const float x[FEATURE_COUNT])
{
    float in[MODEL_MAX_HIDDEN];
    float z = model_linear(model, x, in, true);
    for (int h = 0; h < model->n_hidden; h++)
        z += model->hidden_out[h] * tanhf(in[h]);
    return z;
}

/* tanh is increasing: each hidden unit's output is least and most at the ends of its input's span. */
void message_model_language_range(const message_model *model, const float x[FEATURE_COUNT], float *least,
                                  float *most)
{
    float in[MODEL_MAX_HIDDEN];
    float z = model_linear(model, x, in, false);
    *least = z + model->language_linear.down;
    *most = z + model->language_linear.up;
    for (int h = 0; h < model->n_hidden; h++) {
        float low = model->hidden_out[h] * tanhf(in[h] + model->language_hidden[h].down);
        float high = model->hidden_out[h] * tanhf(in[h] + model->language_hidden[h].up);
        *least += fminf(low, high);
        *most += fmaxf(low, high);
    }
}
