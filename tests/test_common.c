/* test_common.c — CIDR parsing and matching, address formatting, enum names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "../src/common.h"

static void test_cidr_parse_and_contains(void **state)
{
    (void)state;
    lw_cidr net;
    assert_true(lw_cidr_parse("10.0.0.0/8", &net));
    assert_int_equal(net.prefix_len, 8);
    lw_cidr host;
    assert_true(lw_cidr_parse("10.200.3.4", &host));
    assert_int_equal(host.prefix_len, 32);
    assert_true(lw_cidr_contains(&net, &host.addr));
    assert_true(lw_cidr_parse("11.0.0.1", &host));
    assert_false(lw_cidr_contains(&net, &host.addr));
    assert_true(lw_cidr_parse("172.16.0.0/12", &net));
    assert_true(lw_cidr_parse("172.31.255.255", &host));
    assert_true(lw_cidr_contains(&net, &host.addr));
    assert_true(lw_cidr_parse("172.32.0.0", &host));
    assert_false(lw_cidr_contains(&net, &host.addr));
}

static void test_cidr_ipv6(void **state)
{
    (void)state;
    lw_cidr net, host;
    assert_true(lw_cidr_parse("fc00::/7", &net));
    assert_true(lw_cidr_parse("fd12:3456::1", &host));
    assert_true(lw_cidr_contains(&net, &host.addr));
    assert_true(lw_cidr_parse("fe80::1", &host));
    assert_false(lw_cidr_contains(&net, &host.addr));
    assert_true(lw_cidr_parse("10.0.0.1", &host)); /* families never mix */
    assert_false(lw_cidr_contains(&net, &host.addr));
    assert_true(lw_cidr_parse("::/0", &net));
    assert_true(lw_cidr_parse("2001:db8::1", &host));
    assert_true(lw_cidr_contains(&net, &host.addr));
}

static void test_cidr_rejects_garbage(void **state)
{
    (void)state;
    lw_cidr net;
    const char *bad[] = {"", "/8", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/8x", "10.0.0/8", "fc00::/129",
                         "hello", "10.0.0.0/", "1.2.3.4.5", "::g"};
    for (size_t i = 0; i < LW_ARRAY_LEN(bad); i++)
        assert_false(lw_cidr_parse(bad[i], &net));
}

static void test_addr_format_and_names(void **state)
{
    (void)state;
    lw_cidr c;
    char buf[64];
    assert_true(lw_cidr_parse("2001:db8::7", &c));
    assert_string_equal(lw_addr_format(&c.addr, buf, sizeof buf), "2001:db8::7");
    assert_true(lw_cidr_parse("203.0.113.7", &c));
    assert_string_equal(lw_addr_format(&c.addr, buf, sizeof buf), "203.0.113.7");
    assert_string_equal(lw_verdict_name(LW_VERDICT_COMPRESSED), "compressed");
    assert_string_equal(lw_category_name(LW_CAT_UNAPPROVED_ARCHIVE), "unapproved_archive");
    assert_int_equal(lw_category_from_name("archive_exfiltration"), LW_CAT_ARCHIVE_EXFILTRATION);
    assert_int_equal(lw_category_from_name("nope"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cidr_parse_and_contains),
        cmocka_unit_test(test_cidr_ipv6),
        cmocka_unit_test(test_cidr_rejects_garbage),
        cmocka_unit_test(test_addr_format_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
