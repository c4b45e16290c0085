/* langid_compare — the language identifiers leakwatch could use, measured on the labelled text
 * units (tests/detect/text/units.tsv): CLD2 (libcld2, what leakwatch uses, through langid.cc)
 * and libexttextcat (the C library LibreOffice uses), per language: how often the top answer is
 * the unit's language, how often the identifier says it is sure, and the cost of a call.
 *
 *   bench/langid_compare UNITS.tsv [SPLIT]        (built by `make bench-langid`)
 *
 * A bench, not a test: it needs libexttextcat-dev and libexttextcat-data, which leakwatch
 * itself does not. Prints one row per language and a total row for each identifier. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libexttextcat/textcat.h>

#include "inspect/langid.h"

#define CMP_MAX_LINE (1 << 20)
#define CMP_LANGS 64

typedef struct cmp_row {
    char lang[8];
    unsigned units, cld_right, cld_sure, cld_sure_right, tc_right, tc_sure;
    double cld_us, tc_us;
} cmp_row;

static double cmp_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static size_t cmp_unescape(char *s)
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

/* exttextcat answers "[en]" (or several, or UNKNOWN/SHORT); names may carry a script or region
 * ("zh-Hans", "pt-PT"): compare the language part. */
static bool cmp_textcat_says(const char *answer, const char *lang, bool *sure)
{
    *sure = answer[0] == '[' && strchr(answer + 1, '[') == NULL;
    if (answer[0] != '[')
        return false;
    size_t n = strlen(lang);
    return strncmp(answer + 1, lang, n) == 0 && (answer[1 + n] == ']' || answer[1 + n] == '-');
}

static cmp_row *cmp_row_for(cmp_row *rows, unsigned *n, const char *lang)
{
    for (unsigned i = 0; i < *n; i++)
        if (strcmp(rows[i].lang, lang) == 0)
            return &rows[i];
    if (*n == CMP_LANGS)
        return NULL;
    snprintf(rows[*n].lang, sizeof rows[*n].lang, "%s", lang);
    return &rows[(*n)++];
}

static void cmp_print(const cmp_row *r)
{
    printf("%-6s %6u | %5.1f%% %5.1f%% %5.1f%% %6.1f | %5.1f%% %5.1f%% %7.1f\n", r->lang, r->units,
           100.0 * r->cld_right / r->units, 100.0 * r->cld_sure / r->units,
           r->cld_sure ? 100.0 * r->cld_sure_right / r->cld_sure : 0, r->cld_us / r->units,
           100.0 * r->tc_right / r->units, 100.0 * r->tc_sure / r->units, r->tc_us / r->units);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: langid_compare UNITS.tsv [dev|heldout]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    void *tc = special_textcat_Init("/usr/share/libexttextcat/fpdb.conf", "/usr/share/libexttextcat/");
    char *line = malloc(CMP_MAX_LINE);
    if (!f || !tc || !line) {
        fprintf(stderr, "langid_compare: cannot open %s or libexttextcat's data\n", argv[1]);
        return 1;
    }
    static cmp_row rows[CMP_LANGS];
    cmp_row total = {.lang = "all"};
    unsigned n = 0;
    while (fgets(line, CMP_MAX_LINE, f)) {
        char *cols[6], *p = line;
        line[strcspn(line, "\r\n")] = '\0';
        for (int c = 0; c < 6; c++) {
            cols[c] = p;
            char *tab = c < 5 ? strchr(p, '\t') : NULL;
            if (c < 5 && !tab)
                goto next;
            if (tab)
                *tab = '\0', p = tab + 1;
        }
        if (strcmp(cols[0], "id") == 0 || strcmp(cols[3], "-") == 0 || (argc > 2 && strcmp(cols[4], argv[2]) != 0))
            continue;
        size_t len = cmp_unescape(cols[5]);
        cmp_row *r = cmp_row_for(rows, &n, cols[3]);
        if (!r)
            continue;
        langid_result lr;
        double t0 = cmp_now_us();
        langid_detect((const uint8_t *)cols[5], len, &lr);
        double t1 = cmp_now_us();
        const char *answer = textcat_Classify(tc, cols[5], len);
        double t2 = cmp_now_us();
        bool tc_sure, tc_right = cmp_textcat_says(answer, cols[3], &tc_sure);
        bool cld_right = strcmp(lr.code, cols[3]) == 0;
        cmp_row *targets[2] = {r, &total};
        for (int k = 0; k < 2; k++) {
            cmp_row *t = targets[k];
            t->units++;
            t->cld_right += cld_right;
            t->cld_sure += lr.reliable;
            t->cld_sure_right += lr.reliable && cld_right;
            t->cld_us += t1 - t0;
            t->tc_right += tc_right;
            t->tc_sure += tc_sure;
            t->tc_us += t2 - t1;
        }
    next:;
    }
    printf("%-6s %6s | %-34s | %s\n", "", "", "CLD2 (libcld2)", "libexttextcat");
    printf("%-6s %6s | %6s %6s %6s %6s | %6s %6s %7s\n", "lang", "units", "right", "sure", "sure+r", "µs", "right",
           "sure", "µs");
    for (unsigned i = 0; i < n; i++)
        cmp_print(&rows[i]);
    cmp_print(&total);
    textcat_Done(tc);
    free(line);
    fclose(f);
    return 0;
}
