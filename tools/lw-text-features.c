/* lw-text-features — the message model's features of labelled text units, for fitting and
 * measuring the model on text alone (tools/fit-message-model.py, tests/detect/).
 *
 *   lw-text-features MODEL < units.tsv > features.tsv
 *
 * Input: the text-unit set's TSV (header line; columns id, label, family, lang, split, text;
 * text escaped as \t \n \r \\). Each text is assessed as the only unit of a doc, as the extractor
 * finds a line of an unknown protocol, and described by its text alone: every context feature
 * (features_is_context) is left at 0, the hardest case, where only the text speaks. Output: id,
 * label, family, lang, split, the language CLD2 found, every feature, the model's logit of them
 * (-99 for a text that is not even a candidate: no letters, only machine tokens), and the
 * microseconds language identification took.
 * Never part of leakwatch's run; a developer tool (not installed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "inspect/langid.h"
#include "inspect/message.h"

#define TEXT_MAX_LINE (1 << 20)

typedef struct text_row {
    char *cols[6];
} text_row;

/* Undo the TSV escapes in place; returns the new length. */
static size_t text_unescape(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '\\' && s[i + 1]) {
            char c = s[++i];
            s[o++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

static bool text_split(char *line, text_row *row)
{
    line[strcspn(line, "\r\n")] = '\0';
    for (int c = 0; c < 6; c++) {
        row->cols[c] = line;
        char *tab = c < 5 ? strchr(line, '\t') : NULL;
        if (c < 5 && tab == NULL)
            return false;
        if (tab)
            *tab = '\0', line = tab + 1;
    }
    return true;
}

typedef struct text_sink {
    const message_model *model;
    const text_row *row;
    const char *language;
    double langid_us;
    bool printed;
} text_sink;

static void text_print_row(const text_sink *t, const float *x, float logit)
{
    printf("%s\t%s\t%s\t%s\t%s\t%s", t->row->cols[0], t->row->cols[1], t->row->cols[2], t->row->cols[3],
           t->row->cols[4], t->language[0] ? t->language : "-");
    for (int i = 0; i < FEATURE_COUNT; i++)
        printf("\t%.4f", x[i]);
    printf("\t%.4f\t%.1f\n", logit, t->langid_us);
}

/* The assessor's sink: the unit's features without its context, and their logit. */
static void text_print(void *user, const inspect_doc *doc, uint32_t unit, const float *x, float logit)
{
    text_sink *t = user;
    (void)doc, (void)unit, (void)logit;
    float alone[FEATURE_COUNT];
    for (int i = 0; i < FEATURE_COUNT; i++)
        alone[i] = features_is_context(i) ? 0 : x[i];
    t->printed = true;
    text_print_row(t, alone, message_model_logit(t->model, alone));
}

static double text_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
    char err[LW_ERRBUF];
    message_model model;
    if (argc != 2) {
        fprintf(stderr, "usage: lw-text-features MODEL < units.tsv > features.tsv\n");
        return 2;
    }
    if (message_model_load(argv[1], &model, err, sizeof err) != LW_OK) {
        fprintf(stderr, "lw-text-features: %s\n", err);
        return 2;
    }
    message_assessor *assessor = message_assessor_new();
    inspect_doc *doc = calloc(1, sizeof *doc);
    char *line = malloc(TEXT_MAX_LINE);
    if (!assessor || !doc || !line)
        return 1;
    printf("id\tlabel\tfamily\tlang\tsplit\tlanguage");
    for (int i = 0; i < FEATURE_COUNT; i++)
        printf("\t%s", feature_names[i]);
    printf("\tlogit\tlangid_us\n");
    bool header = true;
    while (fgets(line, TEXT_MAX_LINE, stdin) != NULL) {
        text_row row;
        if (header || !text_split(line, &row)) {
            header = false;
            continue;
        }
        size_t len = text_unescape(row.cols[5]);
        langid_result lang;
        double t0 = text_now_us();
        langid_detect((const uint8_t *)row.cols[5], len, &lang);
        text_sink sink = {&model, &row, lang.code, text_now_us() - t0, false};
        memset(doc, 0, offsetof(inspect_doc, units));
        doc->n_units = 1;
        doc->units[0] = (inspect_unit){.kind = LW_UNIT_TEXT, .framing = LW_FRAMING_LINES, .proto = "raw",
                                       .data = (const uint8_t *)row.cols[5], .len = (uint32_t)len};
        strcpy(doc->units[0].field, "line");
        message_assessor_set_sink(assessor, text_print, &sink);
        message_assessment out;
        message_assess(assessor, &model, doc, NULL, &out);
        if (!sink.printed) { /* not even a candidate (no letters, machine tokens only): never a message */
            float zero[FEATURE_COUNT] = {0};
            text_print_row(&sink, zero, -99.0f);
        }
    }
    free(line);
    free(doc);
    message_assessor_free(assessor);
    return 0;
}
