/* test_policy.c — home networks, approved archives by host (exact, wildcard, case, trailing
 * dot), CIDR v4/v6, country and ASN; GeoIP answers from MaxMind's test databases
 * (tests/data/geoip); allowed countries and policy_decide; per-device DNS correlation with
 * TTL expiry and a bounded cache; errors naming the file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../src/policy.h"

static char country_db[1024], asn_db[1024];

static void data_path(char *out, size_t len, const char *name)
{
    const char *top = getenv("LW_TOP_SRCDIR");
    snprintf(out, len, "%s/tests/data/geoip/%s", top ? top : ".", name);
}

static lw_cidr cidr(const char *text)
{
    lw_cidr c;
    if (!lw_cidr_parse(text, &c))
        fail_msg("bad cidr %s", text);
    return c;
}

static lw_addr addr(const char *text)
{
    return cidr(text).addr;
}

/* A configuration as config.c would build it: RFC 1918 + RFC 4193 home, the test GeoIP
 * databases, approved archives *.vault.example.gov, archive.corp.example,
 * 198.51.100.0/24, 2001:db8:a::/48. */
typedef struct fixture {
    lw_config cfg;
    lw_cidr home[4], approved[2];
    char *hosts[2];
    char *allowed[2];
    char *approved_country[1];
    uint32_t asns[1];
} fixture;

static fixture *fixture_new(void)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->home[0] = cidr("10.0.0.0/8");
    f->home[1] = cidr("172.16.0.0/12");
    f->home[2] = cidr("192.168.0.0/16");
    f->home[3] = cidr("fc00::/7");
    f->approved[0] = cidr("198.51.100.0/24");
    f->approved[1] = cidr("2001:db8:a::/48");
    f->hosts[0] = "*.vault.example.gov";
    f->hosts[1] = "Archive.Corp.Example.";
    f->cfg.source = "test.yaml";
    f->cfg.home_networks = (lw_cidr_list){f->home, 4};
    f->cfg.approved_cidrs = (lw_cidr_list){f->approved, 2};
    f->cfg.approved_hosts = (lw_string_list){f->hosts, 2};
    f->cfg.country_db = country_db;
    f->cfg.asn_db = asn_db;
    return f;
}

static policy *policy_open(const fixture *f)
{
    policy *p = NULL;
    char err[LW_ERRBUF] = "";
    if (policy_new(&f->cfg, &p, err, sizeof err) != LW_OK)
        fail_msg("policy_new: %s", err);
    return p;
}

static int setup(void **state)
{
    data_path(country_db, sizeof country_db, "GeoLite2-Country-Test.mmdb");
    data_path(asn_db, sizeof asn_db, "GeoLite2-ASN-Test.mmdb");
    *state = fixture_new();
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

static void test_home_networks(void **state)
{
    fixture *f = *state;
    policy *p = policy_open(f);
    lw_addr a = addr("10.1.2.3"), b = addr("172.32.0.1"), c = addr("fd12::1"), d = addr("2001:db8::1");
    assert_true(policy_is_home(p, &a));
    assert_false(policy_is_home(p, &b));
    assert_true(policy_is_home(p, &c));
    assert_false(policy_is_home(p, &d));
    policy_free(p);
}

static void test_host_rules(void **state)
{
    fixture *f = *state;
    policy *p = policy_open(f);
    assert_true(policy_host_is_approved(p, "archive.corp.example"));
    assert_true(policy_host_is_approved(p, "ARCHIVE.corp.example."));
    assert_false(policy_host_is_approved(p, "x.archive.corp.example")); /* exact rule */
    assert_true(policy_host_is_approved(p, "a.vault.example.gov"));
    assert_true(policy_host_is_approved(p, "deep.A.Vault.Example.Gov."));
    assert_false(policy_host_is_approved(p, "vault.example.gov"));     /* wildcard: subdomains only */
    assert_false(policy_host_is_approved(p, "evilvault.example.gov")); /* not a label boundary */
    assert_false(policy_host_is_approved(p, "vault.example.gov.evil.com"));
    assert_false(policy_host_is_approved(p, ""));
    assert_false(policy_host_is_approved(p, "."));
    assert_false(policy_host_is_approved(p, NULL));
    policy_free(p);
}

static void test_invalid_host_rule(void **state)
{
    fixture *f = *state;
    char *bad[] = {"*."};
    f->cfg.approved_hosts = (lw_string_list){bad, 1};
    policy *p = NULL;
    char err[LW_ERRBUF] = "";
    assert_int_equal(policy_new(&f->cfg, &p, err, sizeof err), LW_ERR_USAGE);
    assert_null(p);
    assert_non_null(strstr(err, "test.yaml"));
    assert_non_null(strstr(err, "\"*.\""));
}

static void describe(policy *p, const char *ip, const char *host, dest_info *d)
{
    lw_addr a = addr(ip);
    policy_describe_dest(p, &a, host, d);
}

static void test_geoip_known_answers(void **state)
{
    fixture *f = *state;
    policy *p = policy_open(f);
    dest_info d;
    describe(p, "81.2.69.142", NULL, &d);
    assert_string_equal(d.country, "GB");
    assert_int_equal(d.asn, 0);
    assert_string_equal(d.as_org, "");
    assert_string_equal(d.host, "");
    assert_false(d.approved);
    assert_true(d.country_allowed);
    describe(p, "89.160.20.112", "x.example", &d);
    assert_string_equal(d.country, "SE");
    assert_int_equal(d.asn, 29518);
    assert_string_equal(d.as_org, "Bredband2 AB");
    assert_string_equal(d.host, "x.example");
    describe(p, "2001:218::1", NULL, &d);
    assert_string_equal(d.country, "JP");
    describe(p, "216.160.83.56", NULL, &d);
    assert_string_equal(d.country, "US");
    assert_int_equal(d.asn, 209); /* an ASN without organisation */
    assert_string_equal(d.as_org, "");
    describe(p, "2001:1700::1", NULL, &d);
    assert_int_equal(d.asn, 6730);
    assert_string_equal(d.as_org, "Sunrise Communications AG");
    describe(p, "10.0.0.1", NULL, &d);
    assert_string_equal(d.country, "");
    assert_int_equal(d.asn, 0);
    policy_free(p);
}

static void test_approved_by_host_cidr_country_asn(void **state)
{
    fixture *f = *state;
    policy *p = policy_open(f);
    dest_info d;
    describe(p, "203.0.113.9", "files.vault.example.gov", &d);
    assert_true(d.approved);
    describe(p, "198.51.100.77", NULL, &d);
    assert_true(d.approved);
    describe(p, "198.51.101.77", NULL, &d);
    assert_false(d.approved);
    describe(p, "2001:db8:a:ffff::1", NULL, &d);
    assert_true(d.approved);
    describe(p, "2001:db8:b::1", NULL, &d);
    assert_false(d.approved);
    policy_free(p);

    f->approved_country[0] = "se";
    f->cfg.approved_countries = (lw_string_list){f->approved_country, 1};
    p = policy_open(f);
    describe(p, "89.160.20.112", NULL, &d);
    assert_true(d.approved);
    describe(p, "81.2.69.142", NULL, &d);
    assert_false(d.approved);
    policy_free(p);

    f->cfg.approved_countries = (lw_string_list){NULL, 0};
    f->asns[0] = 6730;
    f->cfg.approved_asns = f->asns;
    f->cfg.approved_asn_count = 1;
    p = policy_open(f);
    describe(p, "2001:1700::1", NULL, &d);
    assert_true(d.approved);
    describe(p, "89.160.20.112", NULL, &d);
    assert_false(d.approved);
    policy_free(p);
}

static void test_allowed_countries_and_decide(void **state)
{
    fixture *f = *state;
    f->allowed[0] = "SE";
    f->cfg.allowed_countries = (lw_string_list){f->allowed, 1};
    policy *p = policy_open(f);
    dest_info d;

    describe(p, "81.2.69.142", "archive.corp.example", &d); /* approved, but GB */
    assert_true(d.approved);
    assert_false(d.country_allowed);
    assert_int_equal(policy_decide(p, LW_CAT_PLAINTEXT_MESSAGE, &d), LW_CAT_PLAINTEXT_MESSAGE);
    assert_int_equal(policy_decide(p, LW_CAT_UNAPPROVED_ARCHIVE, &d), LW_CAT_UNAPPROVED_ARCHIVE);

    describe(p, "89.160.20.112", "archive.corp.example", &d); /* approved, SE */
    assert_true(d.approved && d.country_allowed);
    assert_int_equal(policy_decide(p, LW_CAT_PLAINTEXT_MESSAGE, &d), LW_CAT_CLEARTEXT_TRANSPORT);
    assert_int_equal(policy_decide(p, LW_CAT_UNAPPROVED_ARCHIVE, &d), LW_CAT_NONE);
    assert_int_equal(policy_decide(p, LW_CAT_ARCHIVE_EXFILTRATION, &d), LW_CAT_ARCHIVE_EXFILTRATION);

    describe(p, "198.51.100.1", NULL, &d); /* approved CIDR, country unknown: allowed */
    assert_true(d.approved && d.country_allowed);
    assert_int_equal(policy_decide(p, LW_CAT_PLAINTEXT_MESSAGE, &d), LW_CAT_CLEARTEXT_TRANSPORT);

    describe(p, "81.2.69.142", NULL, &d); /* not approved */
    assert_int_equal(policy_decide(p, LW_CAT_PLAINTEXT_MESSAGE, &d), LW_CAT_PLAINTEXT_MESSAGE);
    assert_int_equal(policy_decide(p, LW_CAT_UNAPPROVED_ARCHIVE, &d), LW_CAT_UNAPPROVED_ARCHIVE);
    policy_free(p);

    f->cfg.country_db = NULL; /* allowed_countries cannot work without a country database */
    char err[LW_ERRBUF] = "";
    assert_int_equal(policy_new(&f->cfg, &p, err, sizeof err), LW_ERR_USAGE);
    assert_non_null(strstr(err, "allowed_countries"));
}

static void test_unreadable_database(void **state)
{
    fixture *f = *state;
    policy *p = NULL;
    char err[LW_ERRBUF] = "";
    f->cfg.asn_db = "/nonexistent/GeoLite2-ASN.mmdb";
    assert_int_equal(policy_new(&f->cfg, &p, err, sizeof err), LW_ERR_USAGE);
    assert_null(p);
    assert_non_null(strstr(err, "/nonexistent/GeoLite2-ASN.mmdb: cannot open GeoIP database"));
    char readme[1024];
    data_path(readme, sizeof readme, "README.md"); /* exists, but not a MaxMind DB */
    f->cfg.asn_db = NULL;
    f->cfg.country_db = readme;
    assert_int_equal(policy_new(&f->cfg, &p, err, sizeof err), LW_ERR_USAGE);
    assert_non_null(strstr(err, readme));
}

static void test_dns_correlation_per_device(void **state)
{
    fixture *f = *state;
    policy *p = policy_open(f);
    lw_addr dev_a = addr("10.0.0.5"), dev_b = addr("10.0.0.6"), dest = addr("203.0.113.7");
    lw_addr dest6 = addr("2001:db8::7");
    const uint64_t t0 = 1746353553000000ull;
    policy_learn_dns(p, &dev_a, "files.vault.example.gov", &dest, 300, t0);
    policy_learn_dns(p, &dev_b, "other.example", &dest6, 120, t0);

    assert_string_equal(policy_dns_name(p, &dev_a, &dest, t0 + 1), "files.vault.example.gov");
    assert_string_equal(policy_dns_name(p, &dev_a, &dest, t0 + 299999999), "files.vault.example.gov");
    assert_null(policy_dns_name(p, &dev_a, &dest, t0 + 300000000)); /* TTL over */
    assert_null(policy_dns_name(p, &dev_b, &dest, t0 + 1));         /* another device's answer */
    assert_null(policy_dns_name(p, &dev_a, &dest6, t0 + 1));
    assert_string_equal(policy_dns_name(p, &dev_b, &dest6, t0 + 1), "other.example");

    dest_info d;
    policy_describe_dest_for(p, &dev_a, &dest, NULL, t0 + 5, &d);
    assert_string_equal(d.host, "files.vault.example.gov");
    assert_true(d.approved);
    policy_describe_dest_for(p, &dev_b, &dest, NULL, t0 + 5, &d);
    assert_string_equal(d.host, "");
    assert_false(d.approved);
    policy_describe_dest_for(p, &dev_a, &dest, "sni.example", t0 + 5, &d); /* a given host wins */
    assert_string_equal(d.host, "sni.example");
    assert_false(d.approved);

    policy_learn_dns(p, &dev_a, "renamed.example", &dest, 0, t0 + 10); /* replaces; TTL 0 held 30 s */
    assert_string_equal(policy_dns_name(p, &dev_a, &dest, t0 + 10 + 29000000), "renamed.example");
    assert_null(policy_dns_name(p, &dev_a, &dest, t0 + 10 + 30000000));

    policy *reloaded = policy_open(f); /* a SIGHUP builds a new policy: the names move over */
    policy_take_dns(reloaded, p);
    assert_string_equal(policy_dns_name(reloaded, &dev_b, &dest6, t0 + 1), "other.example");
    assert_null(policy_dns_name(p, &dev_b, &dest6, t0 + 1));
    policy_free(reloaded);
    policy_free(p);
}

static void test_dns_cache_bounded(void **state)
{
    fixture *f = *state;
    policy *p = policy_open(f);
    lw_addr dev = addr("192.168.1.2"), a = addr("0.0.0.0");
    const uint32_t n = 200000;
    for (uint32_t i = 0; i < n; i++) {
        a.bytes[0] = (uint8_t)(i >> 24), a.bytes[1] = (uint8_t)(i >> 16);
        a.bytes[2] = (uint8_t)(i >> 8), a.bytes[3] = (uint8_t)i;
        policy_learn_dns(p, &dev, "bulk.example", &a, 100000000, 1000000ull * i); /* never expires here */
    }
    uint32_t found_recent = 0, found_old = 0;
    for (uint32_t i = 0; i < n; i++) {
        a.bytes[0] = (uint8_t)(i >> 24), a.bytes[1] = (uint8_t)(i >> 16);
        a.bytes[2] = (uint8_t)(i >> 8), a.bytes[3] = (uint8_t)i;
        bool hit = policy_dns_name(p, &dev, &a, 1000000ull * (n - 1)) != NULL;
        if (i >= n - 1000)
            found_recent += hit;
        else
            found_old += hit;
    }
    assert_int_equal(found_recent, 1000); /* the newest answers survive eviction */
    assert_true(found_old + found_recent <= 65536); /* the table holds at most 65,536 entries */
    assert_true(found_old > 60000);                /* and evicts little else */
    policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_home_networks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_host_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_host_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_geoip_known_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_approved_by_host_cidr_country_asn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_allowed_countries_and_decide, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dns_correlation_per_device, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dns_cache_bounded, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
