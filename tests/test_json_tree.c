/* test_json_tree.c — the JSON reader leakwatch-report uses: a real alert record read back and
 * walked by path, string escapes (surrogate pairs, lone surrogates, \u0000), the number
 * grammar, what is not JSON (trailing text, control characters, bad literals, trailing
 * commas), the nesting bound, every truncation of a record, and random mutations (run it under
 * ASan: the parser must never read past the text it was given, which is not NUL-terminated). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_tree.h"

static const char record[] =
    "{\"timestamp\":\"2025-05-04T10:12:33.123456+0000\",\"event_type\":\"alert\",\"alert_id\":\"a1\","
    "\"src_port\":51834,\"alert\":{\"signature_id\":8700101,\"category\":\"plaintext_message\",\"severity\":1},"
    "\"leak\":{\"entropy\":4.61,\"evidence\":{\"matched\":[\"json-key:text\",\"natural-language\"]}},"
    "\"dest\":{\"host\":null,\"asn\":64500,\"as_org\":\"Example \\\"Networks\\\"\"},\"ok\":true}";

/* Parse exactly len bytes from an exact-size heap copy (ASan sees any over-read). */
static json_tree *parse(const char *text, size_t len, char *err, size_t errlen)
{
    char *copy = malloc(len ? len : 1);
    memcpy(copy, text, len);
    json_tree *t = json_tree_parse(copy, len, err, errlen);
    free(copy);
    return t;
}

static void test_record(void **state)
{
    (void)state;
    char err[128];
    json_tree *t = parse(record, strlen(record), err, sizeof err);
    assert_non_null(t);
    const json_value *root = json_tree_root(t);
    assert_int_equal(root->type, JSON_OBJECT);
    assert_string_equal(json_path_string(root, "event_type"), "alert");
    assert_string_equal(json_path_string(root, "alert.category"), "plaintext_message");
    assert_string_equal(json_path_string(root, "dest.as_org"), "Example \"Networks\"");
    double d;
    assert_true(json_path_number(root, "alert.signature_id", &d));
    assert_true(d == 8700101);
    assert_true(json_path_number(root, "leak.entropy", &d));
    assert_true(d > 4.6 && d < 4.62);
    assert_false(json_path_number(root, "dest.host", &d));
    assert_int_equal(json_path(root, "dest.host")->type, JSON_NULL);
    assert_null(json_path_string(root, "dest.host"));
    assert_null(json_path(root, "dest.nothing.deeper"));
    assert_null(json_path_string(root, "alert")); /* an object, not a string */
    const json_value *m = json_path(root, "leak.evidence.matched");
    assert_int_equal(m->type, JSON_ARRAY);
    assert_int_equal(m->length, 2);
    assert_string_equal(m->items[1]->string, "natural-language");
    assert_true(json_path(root, "ok")->boolean);
    json_tree_free(t);
}

static void test_string_escapes(void **state)
{
    (void)state;
    char err[128];
    const char *text = "[\"a\\u00e9\\ud83d\\ude00\\n\\/\", \"lone \\ud800 x\", \"nul\\u0000byte\", \"\"]";
    json_tree *t = parse(text, strlen(text), err, sizeof err);
    assert_non_null(t);
    const json_value *a = json_tree_root(t);
    assert_string_equal(a->items[0]->string, "a\xC3\xA9\xF0\x9F\x98\x80\n/");
    assert_string_equal(a->items[1]->string, "lone \xEF\xBF\xBD x");
    assert_int_equal(a->items[2]->length, 8);
    assert_memory_equal(a->items[2]->string, "nul\0byte", 8);
    assert_int_equal(a->items[3]->length, 0);
    assert_string_equal(a->items[3]->string, "");
    json_tree_free(t);
}

static void test_not_json(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",          "   ",         "{",        "{\"a\":1,}", "[1,]",       "[1 2]",      "{\"a\" 1}",
        "{a:1}",     "01",          "1.",       "-",          ".5",         "1e",         "tru",
        "nul",       "\"abc",       "\"a\\x\"", "\"\\u12g4\"", "\"tab\there\"", "{} {}",   "[] x",
        "'single'",  "NaN",         "[\"a\",]", "{\"a\":}",   "{,}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char err[128] = "";
        json_tree *t = parse(bad[i], strlen(bad[i]), err, sizeof err);
        if (t)
            fail_msg("accepted: %s", bad[i]);
        assert_non_null(strstr(err, "byte "));
    }
    static const char *const good[] = {"0", "-0.5e+3", "[]", "{}", " [ 1 , {\"a\" : [ ] } ] ", "\"\"", "null"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char err[128] = "";
        json_tree *t = parse(good[i], strlen(good[i]), err, sizeof err);
        if (!t)
            fail_msg("refused: %s (%s)", good[i], err);
        json_tree_free(t);
    }
}

static void test_depth_bound(void **state)
{
    (void)state;
    char text[2 * (JSON_TREE_MAX_DEPTH + 1) + 1], err[128];
    for (int depth = JSON_TREE_MAX_DEPTH; depth <= JSON_TREE_MAX_DEPTH + 1; depth++) {
        memset(text, '[', (size_t)depth);
        memset(text + depth, ']', (size_t)depth);
        json_tree *t = parse(text, 2 * (size_t)depth, err, sizeof err);
        assert_true((t != NULL) == (depth == JSON_TREE_MAX_DEPTH));
        json_tree_free(t);
    }
    assert_non_null(strstr(err, "nested too deeply"));
    char *deep = malloc(200000);
    memset(deep, '[', 200000);
    assert_null(parse(deep, 200000, err, sizeof err));
    free(deep);
}

static void test_every_truncation(void **state)
{
    (void)state;
    size_t len = strlen(record);
    for (size_t cut = 0; cut < len; cut++) {
        char err[128];
        json_tree *t = parse(record, cut, err, sizeof err);
        assert_null(t);
    }
}

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_mutations(void **state)
{
    (void)state;
    static const char alphabet[] = "{}[]\",:\\u0123456789abcdefnrtl.-+eE \x00\xff\xc3";
    size_t len = strlen(record);
    uint64_t seed = 0x2545F4914F6CDD1DULL;
    int parsed = 0;
    for (int i = 0; i < 20000; i++) {
        char copy[sizeof record];
        memcpy(copy, record, len);
        for (int k = 1 + (int)(xorshift(&seed) % 3); k > 0; k--)
            copy[xorshift(&seed) % len] = alphabet[xorshift(&seed) % (sizeof alphabet - 1)];
        char err[128];
        json_tree *t = parse(copy, len, err, sizeof err);
        parsed += t != NULL;
        json_tree_free(t);
    }
    assert_true(parsed > 100 && parsed < 20000); /* some mutations stay JSON, most do not */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record),          cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_not_json),        cmocka_unit_test(test_depth_bound),
        cmocka_unit_test(test_every_truncation), cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
