/* test_writer.c — the single ordered writer: records leave in (position, flow order, worker,
 * arrival) order only once every worker's mark passed their position, whatever order the
 * workers pushed them in; the rate limit decides in that order and the held-back count is
 * spliced into the next alert that passes; reloads change the limit from their position on;
 * stats records sum the workers' counters with the alerts as written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../src/writer.h"
#include "json_valid.h"

typedef struct sample {
    unsigned queue;
    uint64_t pos;
    uint64_t ts_s, last_us, flow_id;
    uint8_t device; /* 10.0.0.<device> */
} sample;

/* Pushes `samples` in the given order, then marks every queue at `mark`, pumps; returns what
 * the sink holds. */
static char *replay(const sample *samples, size_t n, const unsigned *order, uint64_t mark, bool limit)
{
    char path[] = "/tmp/test_writer_XXXXXX", spec[64], err[LW_ERRBUF];
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    lw_config cfg;
    config_defaults(&cfg);
    cfg.rate_limit_count = limit ? 1 : 0;
    cfg.rate_limit_interval_s = 60;
    lw_output_spec *spec_out = calloc(1, sizeof *spec_out);
    snprintf(spec, sizeof spec, "json:%s", path);
    assert_int_equal(config_parse_output(spec, spec_out, err, sizeof err), LW_OK);
    config_set_outputs(&cfg, spec_out, 1);
    outputs *out;
    writer *w;
    assert_int_equal(outputs_open(&cfg, &out, err, sizeof err), LW_OK);
    assert_int_equal(writer_new(&cfg, 2, false, &w, err, sizeof err), LW_OK);
    writer_attach(w, out);
    for (size_t i = 0; i < n; i++) {
        const sample *s = &samples[order[i]];
        char json[256];
        int len = snprintf(json, sizeof json, "{\"n\":%u,\"alert\":{\"signature_id\":7,\"severity\":1},\"q\":%u}",
                           order[i], s->queue);
        engine_record r = {json, (size_t)len, (size_t)(strstr(json, "},\"q\"") - json), s->ts_s * 1000000u,
                           {4, {10, 0, 0, s->device}}, {4, {203, 0, 113, 7}}, 7, LW_CAT_PLAINTEXT_MESSAGE,
                           {0, s->last_us, s->flow_id}};
        writer_push(w, s->queue, s->pos, &r);
    }
    lw_stats st = {.packets = 10, .flows_tcp = 2};
    writer_publish_stats(w, 0, &st);
    st.packets = 5;
    writer_publish_stats(w, 1, &st);
    writer_mark(w, 0, mark);
    writer_mark(w, 1, mark);
    writer_pump(w, 0);
    assert_int_equal(writer_finish(w, 1746353553000000ull, err, sizeof err), LW_OK);
    writer_free(w);
    outputs_close(out, NULL);
    config_free(&cfg);
    FILE *f = fopen(path, "r");
    char *text = calloc(1, 65536);
    size_t got = fread(text, 1, 65535, f);
    text[got] = '\0';
    fclose(f);
    unlink(path);
    return text;
}

/* Packet records (order 0) of each worker, then flows ending at position 9 in both. */
static const sample samples[] = {
    {0, 1, 100, 0, 0, 1}, {1, 3, 101, 0, 0, 2}, {0, 5, 102, 0, 0, 3},
    {0, 9, 103, 800, 70, 4}, {1, 9, 104, 500, 90, 5}, {1, 9, 105, 800, 60, 6},
};

static void test_canonical_order(void **state)
{
    (void)state;
    static const unsigned forward[] = {0, 1, 2, 3, 4, 5}, backward[] = {5, 4, 3, 2, 1, 0};
    char *a = replay(samples, 6, forward, 100, false), *b = replay(samples, 6, backward, 100, false);
    assert_string_equal(a, b);
    const char *want[] = {"\"n\":0,", "\"n\":1,", "\"n\":2,", "\"n\":4,", "\"n\":5,", "\"n\":3,"};
    const char *at = a;
    for (size_t i = 0; i < LW_ARRAY_LEN(want); i++) {
        const char *next = strstr(at, want[i]);
        if (!next)
            fail_msg("record %s missing or out of order in:\n%s", want[i], a);
        at = next;
    }
    const char *stats = strstr(a, "\"event_type\":\"stats\"");
    assert_non_null(stats);
    assert_non_null(strstr(stats, "\"packets\":15,"));
    assert_non_null(strstr(stats, "\"flows\":4,\"alerts\":6,"));
    free(a);
    free(b);
}

/* Nothing leaves before the marks pass it. */
static void test_marks(void **state)
{
    (void)state;
    char path[] = "/tmp/test_writer_XXXXXX", spec[64], err[LW_ERRBUF];
    close(mkstemp(path));
    lw_config cfg;
    config_defaults(&cfg);
    lw_output_spec *spec_out = calloc(1, sizeof *spec_out);
    snprintf(spec, sizeof spec, "json:%s", path);
    assert_int_equal(config_parse_output(spec, spec_out, err, sizeof err), LW_OK);
    config_set_outputs(&cfg, spec_out, 1);
    outputs *out;
    writer *w;
    assert_int_equal(outputs_open(&cfg, &out, err, sizeof err), LW_OK);
    assert_int_equal(writer_new(&cfg, 2, false, &w, err, sizeof err), LW_OK);
    writer_attach(w, out);
    engine_record r = {"{\"a\":1}", 7, 6, 0, {4, {10, 0, 0, 1}}, {4, {10, 0, 0, 2}}, 1, LW_CAT_PLAINTEXT_MESSAGE,
                       {0, 0, 0}};
    writer_push(w, 0, 5, &r);
    writer_mark(w, 0, 6);
    writer_mark(w, 1, 5); /* worker 1 may still emit at position 5 */
    writer_pump(w, 0);
    lw_stats sum;
    writer_snapshot(w, &sum);
    assert_int_equal(sum.alerts, 0);
    writer_mark(w, 1, 6);
    writer_pump(w, 0);
    writer_snapshot(w, &sum);
    assert_int_equal(sum.alerts, 1);
    assert_int_equal(writer_finish(w, 0, err, sizeof err), LW_OK);
    writer_free(w);
    outputs_close(out, NULL);
    config_free(&cfg);
    unlink(path);
}

/* One alert a minute per (device, destination, signature): in canonical order whatever the
 * push order, and the next that passes carries the count of those held back. */
static void test_rate_limit(void **state)
{
    (void)state;
    static const sample limited[] = {
        {1, 2, 1000, 0, 0, 9}, {0, 4, 1010, 0, 0, 9}, {1, 6, 1020, 0, 0, 9}, {0, 8, 1070, 0, 0, 9},
    };
    static const unsigned forward[] = {0, 1, 2, 3}, mixed[] = {3, 1, 2, 0};
    char *a = replay(limited, 4, forward, 100, true), *b = replay(limited, 4, mixed, 100, true);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "{\"n\":0,\"alert\":{\"signature_id\":7,\"severity\":1},\"q\":1}"));
    assert_null(strstr(a, "\"n\":1,"));
    assert_null(strstr(a, "\"n\":2,"));
    const char *carried = strstr(a, "{\"n\":3,\"alert\":{\"signature_id\":7,\"severity\":1,\"suppressed\":2},\"q\":0}");
    assert_non_null(carried);
    assert_true(json_valid(carried, strcspn(carried, "\n")));
    assert_non_null(strstr(a, "\"alerts\":2,"));
    assert_non_null(strstr(a, "\"alerts_suppressed\":2,"));
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_order),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_rate_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
