/* test_json.c — the JSON writer: structure and commas, exact escapes, UTF-8 repair of
 * hostile bytes (checked by an independent validator and by python3's json module when
 * present), numbers, overflow and timestamps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../src/json.h"
#include "json_valid.h"

static const char *render_string(const uint8_t *s, size_t n, char *buf, size_t cap)
{
    json_buf j;
    json_init(&j, buf, cap);
    json_string_n(&j, s, n);
    assert_false(j.overflow);
    return buf;
}

#define EXPECT_STRING(in, expected)                                                   \
    do {                                                                              \
        char out_[256];                                                               \
        render_string((const uint8_t *)(in), sizeof(in) - 1, out_, sizeof out_);      \
        assert_string_equal(out_, expected);                                          \
        assert_true(json_valid(out_, strlen(out_)));                                  \
    } while (0)

static void test_structure_and_commas(void **state)
{
    (void)state;
    char buf[256];
    json_buf j;
    json_init(&j, buf, sizeof buf);
    json_object_begin(&j);
    json_kv_string(&j, "a", "x");
    json_kv_uint(&j, "b", 18446744073709551615u);
    json_key(&j, "c");
    json_array_begin(&j);
    json_int(&j, -5);
    json_int(&j, INT64_MIN);
    json_int(&j, 0);
    json_uint(&j, 0);
    json_bool(&j, true);
    json_null(&j);
    json_object_begin(&j);
    json_object_end(&j);
    json_array_begin(&j);
    json_array_end(&j);
    json_array_end(&j);
    json_kv_string(&j, "d", NULL);
    json_object_end(&j);
    assert_false(j.overflow);
    assert_string_equal(buf, "{\"a\":\"x\",\"b\":18446744073709551615,\"c\":[-5,-9223372036854775808,0,0,true,null,{},[]],\"d\":null}");
    assert_int_equal(j.len, strlen(buf));
    assert_true(json_valid(buf, j.len));
}

static void test_escapes(void **state)
{
    (void)state;
    EXPECT_STRING("a\"b\\c", "\"a\\\"b\\\\c\"");
    EXPECT_STRING("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"");
    EXPECT_STRING("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
    EXPECT_STRING("nul\0byte", "\"nul\\u0000byte\"");
    EXPECT_STRING("</script>", "\"</script>\"");
}

static void test_utf8_kept_and_repaired(void **state)
{
    (void)state;
    EXPECT_STRING("Link\xc3\xb6ping \xe2\x82\xac \xf0\x9f\x98\x80", "\"Link\xc3\xb6ping \xe2\x82\xac \xf0\x9f\x98\x80\"");
    EXPECT_STRING("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");                 /* overlong '/' */
    EXPECT_STRING("\xe0\x80\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* overlong 3-byte */
    EXPECT_STRING("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* surrogate D800 */
    EXPECT_STRING("\xf4\x90\x80\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* > U+10FFFF */
    EXPECT_STRING("a\xe2\x82", "\"a\xef\xbf\xbd\"");                           /* truncated at end */
    EXPECT_STRING("\xe2\x82z", "\"\xef\xbf\xbdz\"");                           /* truncated mid */
    EXPECT_STRING("\x80\xbf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");                 /* stray continuations */
    EXPECT_STRING("\xfe\xff", "\"\xef\xbf\xbd\xef\xbf\xbd\"");
}

/* Every 1-, 2- and 3-byte combination drawn from a hostile alphabet must give valid JSON. */
static void test_hostile_combinations(void **state)
{
    (void)state;
    static const uint8_t alphabet[] = {0x00, 0x01, 0x1f, '"', '\\', 'a', 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2,
                                       0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x90};
    const size_t k = sizeof alphabet;
    char out[64];
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++)
            for (size_t c = 0; c < k; c++)
                for (size_t d = 0; d < k; d += 7) {
                    uint8_t in[4] = {alphabet[a], alphabet[b], alphabet[c], alphabet[d]};
                    render_string(in, 4, out, sizeof out);
                    if (!json_valid(out, strlen(out)))
                        fail_msg("invalid JSON for %02x %02x %02x %02x: %s", in[0], in[1], in[2], in[3], out);
                }
}

/* Random bytes, parsed back by python3's json module (skipped when python3 is absent). */
static void test_random_bytes_python(void **state)
{
    (void)state;
    static char buf[1 << 16];
    json_buf j;
    json_init(&j, buf, sizeof buf);
    json_array_begin(&j);
    srand(7);
    for (int s = 0; s < 200; s++) {
        uint8_t in[40];
        for (size_t i = 0; i < sizeof in; i++)
            in[i] = (uint8_t)rand();
        json_string_n(&j, in, sizeof in);
    }
    json_array_end(&j);
    assert_false(j.overflow);
    assert_true(json_valid(buf, j.len));
    if (system("python3 -c '' 2>/dev/null") != 0)
        fail_msg("python3 is not installed (Debian: apt-get install python3)");
    FILE *p = popen("python3 -c 'import json,sys; d=json.loads(sys.stdin.buffer.read().decode(\"utf-8\",\"strict\"));"
                    " sys.exit(0 if len(d)==200 else 1)'", "w");
    assert_non_null(p);
    fwrite(buf, 1, j.len, p);
    assert_int_equal(pclose(p), 0);
}

static void test_numbers(void **state)
{
    (void)state;
    char buf[512];
    json_buf j;
    json_init(&j, buf, sizeof buf);
    json_array_begin(&j);
    json_double(&j, 4.6149, 2);
    json_double(&j, 0.0 / 0.0, 2);
    json_double(&j, 1.0 / 0.0, 2);
    json_double(&j, -2.5, 0);
    json_double(&j, 1e300, 1);
    json_array_end(&j);
    assert_false(j.overflow);
    assert_true(json_valid(buf, j.len));
    assert_memory_equal(buf, "[4.61,null,null,-2,1000000000000000052504760255204420248704468", 62);
    assert_memory_equal(buf + j.len - 3, ".0]", 3);
}

static void test_overflow_is_flagged(void **state)
{
    (void)state;
    char buf[8];
    json_buf j;
    json_init(&j, buf, sizeof buf);
    json_object_begin(&j);
    json_kv_string(&j, "key", "value");
    assert_true(j.overflow);
    assert_true(j.len < sizeof buf);
    json_init(&j, buf, sizeof buf);
    json_string(&j, "12345"); /* 7 bytes + NUL: exactly fits */
    assert_false(j.overflow);
    assert_string_equal(buf, "\"12345\"");
}

static void test_timestamp(void **state)
{
    (void)state;
    char t[40];
    assert_string_equal(json_timestamp(1746353553123456ull, t, sizeof t), "2025-05-04T10:12:33.123456+0000");
    assert_string_equal(json_timestamp(0, t, sizeof t), "1970-01-01T00:00:00.000000+0000");
    assert_string_equal(json_timestamp(951782400000001ull, t, sizeof t), "2000-02-29T00:00:00.000001+0000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure_and_commas), cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_utf8_kept_and_repaired), cmocka_unit_test(test_hostile_combinations),
        cmocka_unit_test(test_random_bytes_python), cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_overflow_is_flagged), cmocka_unit_test(test_timestamp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
