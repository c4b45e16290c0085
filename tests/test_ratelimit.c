/* test_ratelimit.c — the alert rate limit: count per window of packet time per (device,
 * destination, signature), held-back repeats carried by the next alert that passes, other
 * keys untouched, a new window after the interval or for an alert stamped before the
 * window, new limits on reload keeping the windows, unlimited when count is 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../src/ratelimit.h"

static lw_addr addr(const char *text)
{
    lw_cidr c;
    if (!lw_cidr_parse(text, &c))
        fail_msg("bad address %s", text);
    return c.addr;
}

static const uint64_t t0 = 1746353553000000ull;

static void test_window(void **state)
{
    (void)state;
    ratelimit *r = ratelimit_new(2, 60);
    lw_addr dev = addr("10.1.2.3"), dst = addr("203.0.113.7"), dst6 = addr("2001:db8::7");
    uint32_t carried;
    int passed = 0;
    for (int i = 0; i < 5; i++)
        passed += ratelimit_pass(r, &dev, &dst, 7, t0 + (uint64_t)i * 1000000u, &carried);
    assert_int_equal(passed, 2);
    assert_int_equal(ratelimit_suppressed(r), 3);
    assert_true(ratelimit_pass(r, &dev, &dst, 8, t0, &carried)); /* another signature */
    assert_true(ratelimit_pass(r, &dev, &dst6, 7, t0, &carried)); /* another destination */
    assert_int_equal(carried, 0);
    assert_true(ratelimit_pass(r, &dev, &dst, 7, t0 + 60000000u, &carried)); /* next window */
    assert_int_equal(carried, 3);
    assert_true(ratelimit_pass(r, &dev, &dst, 7, t0 + 60000001u, &carried));
    assert_int_equal(carried, 0);
    assert_false(ratelimit_pass(r, &dev, &dst, 7, t0 + 60000002u, &carried));
    assert_true(ratelimit_pass(r, &dev, &dst, 7, t0 - 1, &carried)); /* stamped before the window */
    assert_int_equal(carried, 1);
    assert_int_equal(ratelimit_suppressed(r), 4);
    ratelimit_free(r);
}

static void test_reload_and_unlimited(void **state)
{
    (void)state;
    ratelimit *r = ratelimit_new(0, 60);
    lw_addr dev = addr("10.1.2.3"), dst = addr("203.0.113.7");
    uint32_t carried;
    for (int i = 0; i < 100; i++)
        assert_true(ratelimit_pass(r, &dev, &dst, 7, t0, &carried));
    ratelimit_set(r, 1, 3600);
    assert_true(ratelimit_pass(r, &dev, &dst, 7, t0, &carried));
    assert_false(ratelimit_pass(r, &dev, &dst, 7, t0 + 1, &carried));
    ratelimit_set(r, 2, 3600); /* the window stays: one more passes, carrying the one held back */
    assert_true(ratelimit_pass(r, &dev, &dst, 7, t0 + 2, &carried));
    assert_int_equal(carried, 1);
    assert_int_equal(ratelimit_suppressed(r), 1);
    ratelimit_free(r);
}

/* A full set forgets its oldest window: it can only let an extra alert through. */
static void test_many_keys(void **state)
{
    (void)state;
    ratelimit *r = ratelimit_new(1, 3600);
    lw_addr dst = addr("203.0.113.7");
    uint32_t carried;
    for (uint32_t i = 0; i < 100000; i++) {
        lw_addr dev = {4, {10, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i}};
        assert_true(ratelimit_pass(r, &dev, &dst, 7, t0 + i, &carried));
    }
    lw_addr last = {4, {10, 1, 0x86, 0x9f}}; /* i = 99999: recent, still held */
    assert_false(ratelimit_pass(r, &last, &dst, 7, t0 + 100000, &carried));
    ratelimit_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window),
        cmocka_unit_test(test_reload_and_unlimited),
        cmocka_unit_test(test_many_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
