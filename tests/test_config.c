/* test_config.c — src/config.c: defaults, the contract's example file, every key, every kind of
 * error with its exact file:line:column (tests/data/config/bad-*.yaml say what they expect on
 * their first line), redis:// and unix:// URLs, -o specs, size suffixes, printing without
 * secrets, and every prefix of a good file loading or failing cleanly (run under ASan). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static char data_dir[4096];

static const char *data_path(const char *name)
{
    static char path[4096 + 256];
    snprintf(path, sizeof path, "%s/%s", data_dir, name);
    return path;
}

static void assert_cidr(const lw_cidr *c, const char *text)
{
    lw_cidr want;
    assert_true(lw_cidr_parse(text, &want));
    assert_int_equal(c->addr.family, want.addr.family);
    assert_memory_equal(c->addr.bytes, want.addr.bytes, 16);
    assert_int_equal(c->prefix_len, want.prefix_len);
}

/* Write `yaml` to a temporary file and load it over the defaults; err gets the message
 * without the temporary file's name (it starts at the line number). */
static lw_status load_text(const char *yaml, lw_config *cfg, char *err, size_t errlen)
{
    char path[] = "/tmp/test_config_XXXXXX";
    char full[LW_ERRBUF];
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, yaml, strlen(yaml)), (ssize_t)strlen(yaml));
    close(fd);
    config_defaults(cfg);
    full[0] = '\0';
    lw_status st = config_load(path, cfg, full, sizeof full);
    unlink(path);
    size_t skip = strncmp(full, path, strlen(path)) == 0 ? strlen(path) + 1 : 0;
    snprintf(err, errlen, "%s", full + (skip <= strlen(full) ? skip : 0));
    return st;
}

static char *print_to_string(const lw_config *cfg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    config_print(cfg, out);
    fclose(out);
    return text;
}

static void test_defaults(void **state)
{
    (void)state;
    lw_config cfg;
    config_defaults(&cfg);
    assert_int_equal(cfg.home_networks.count, 4);
    assert_cidr(&cfg.home_networks.items[0], "10.0.0.0/8");
    assert_cidr(&cfg.home_networks.items[1], "172.16.0.0/12");
    assert_cidr(&cfg.home_networks.items[2], "192.168.0.0/16");
    assert_cidr(&cfg.home_networks.items[3], "fc00::/7");
    assert_int_equal(cfg.approved_hosts.count + cfg.approved_cidrs.count + cfg.approved_countries.count, 0);
    assert_int_equal(cfg.approved_asn_count + cfg.allowed_countries.count, 0);
    assert_null(cfg.country_db);
    assert_null(cfg.sensor_name);
    char host[256], name[256] = "";
    gethostname(name, sizeof name);
    assert_string_equal(config_sensor_name(&cfg, host, sizeof host), name[0] ? name : "localhost");
    assert_int_equal(cfg.signature_paths.count, 1);
    assert_true(strstr(cfg.signature_paths.items[0], "/leakwatch/signatures") != NULL);
    assert_int_equal(cfg.snaplen, 65535);
    assert_true(cfg.promiscuous);
    assert_int_equal(cfg.buffer_mib, 64);
    assert_int_equal(cfg.flows_max, 1000000);
    assert_int_equal(cfg.idle_timeout_s, 120);
    assert_int_equal(cfg.tcp_closed_timeout_s, 10);
    assert_int_equal(cfg.reassembly_depth, 65536);
    assert_int_equal(cfg.reassembly_memcap, 512u << 20);
    assert_int_equal(cfg.inspect_max_layers, 3);
    assert_int_equal(cfg.inspect_inflate_limit, 262144);
    assert_int_equal(cfg.evidence_mode, LW_EVIDENCE_REDACTED);
    assert_int_equal(cfg.rate_limit_count, 0);
    assert_int_equal(cfg.rate_limit_interval_s, 60);
    assert_int_equal(cfg.stats_interval_s, 60);
    assert_int_equal(cfg.output_count, 1);
    assert_int_equal(cfg.outputs[0].kind, LW_OUT_JSON);
    assert_string_equal(cfg.outputs[0].path, "-");
    config_free(&cfg);
    assert_null(cfg.outputs);
    config_free(&cfg); /* twice is harmless */
}

static void test_contract_example(void **state)
{
    (void)state;
    lw_config cfg;
    char err[LW_ERRBUF] = "";
    config_defaults(&cfg);
    assert_int_equal(config_load(data_path("good-contract.yaml"), &cfg, err, sizeof err), LW_OK);
    assert_int_equal(cfg.home_networks.count, 4);
    assert_cidr(&cfg.home_networks.items[3], "fc00::/7");
    assert_int_equal(cfg.approved_hosts.count, 2);
    assert_string_equal(cfg.approved_hosts.items[0], "archive.corp.example");
    assert_string_equal(cfg.approved_hosts.items[1], "*.vault.example.gov");
    assert_int_equal(cfg.approved_cidrs.count, 1);
    assert_cidr(&cfg.approved_cidrs.items[0], "198.51.100.0/24");
    assert_string_equal(cfg.country_db, "/usr/share/GeoIP/GeoLite2-Country.mmdb");
    assert_string_equal(cfg.asn_db, "/usr/share/GeoIP/GeoLite2-ASN.mmdb");
    assert_int_equal(cfg.signature_paths.count, 1);
    assert_string_equal(cfg.signature_paths.items[0], "/usr/share/leakwatch/signatures");
    assert_int_equal(cfg.output_count, 2);
    assert_int_equal(cfg.outputs[0].kind, LW_OUT_JSON);
    assert_string_equal(cfg.outputs[0].path, "-");
    const lw_redis_config *rc = &cfg.outputs[1].redis;
    assert_int_equal(cfg.outputs[1].kind, LW_OUT_REDIS);
    assert_string_equal(rc->host, "127.0.0.1");
    assert_int_equal(rc->port, 6379);
    assert_int_equal(rc->db, 0);
    assert_int_equal(rc->mode, LW_REDIS_STREAM);
    assert_string_equal(rc->key, "leakwatch:alerts");
    assert_int_equal(rc->maxlen, 100000);
    assert_string_equal(rc->spool_dir, "/var/lib/leakwatch/spool");
    assert_int_equal(rc->spool_max_bytes, 1L << 30);
    assert_int_equal(rc->spool_overflow, LW_SPOOL_DROP_OLDEST);
    assert_int_equal(rc->fsync, LW_FSYNC_BATCH);
    assert_int_equal(rc->batch, 64);
    assert_int_equal(rc->timeout_ms, 2000);
    assert_null(rc->password);
    assert_string_equal(cfg.pcap_dir, "/var/lib/leakwatch/pcap");
    assert_int_equal(cfg.pcap_max_bytes, 10485760);
    assert_string_equal(cfg.source, data_path("good-contract.yaml"));
    config_free(&cfg);
}

static void test_every_key(void **state)
{
    (void)state;
    lw_config cfg;
    char err[LW_ERRBUF] = "";
    config_defaults(&cfg);
    assert_int_equal(config_load(data_path("good-full.yaml"), &cfg, err, sizeof err), LW_OK);
    assert_int_equal(cfg.home_networks.count, 2); /* lists replace the defaults */
    assert_cidr(&cfg.home_networks.items[1], "2001:db8:1::/48");
    assert_string_equal(cfg.approved_hosts.items[0], "archive.corp.example"); /* lower case, no dot */
    assert_int_equal(cfg.approved_cidrs.count, 2);
    assert_string_equal(cfg.approved_countries.items[0], "DE");
    assert_string_equal(cfg.approved_countries.items[1], "CH");
    assert_int_equal(cfg.approved_asn_count, 2);
    assert_int_equal(cfg.approved_asns[0], 64500);
    assert_int_equal(cfg.approved_asns[1], 64501);
    assert_int_equal(cfg.allowed_countries.count, 3);
    assert_string_equal(cfg.allowed_countries.items[2], "NO");
    assert_string_equal(cfg.asn_db, "/var/lib/GeoIP/GeoLite2-ASN.mmdb");
    assert_int_equal(cfg.signature_paths.count, 2);
    assert_string_equal(cfg.signature_paths.items[1], "/opt/site/extra.yaml");
    assert_string_equal(cfg.sensor_name, "tap-fra-01");
    char host[8];
    assert_string_equal(config_sensor_name(&cfg, host, sizeof host), "tap-fra"); /* truncated, terminated */
    assert_string_equal(cfg.interface, "eth1");
    assert_string_equal(cfg.filter, "tcp or udp port 53");
    assert_int_equal(cfg.snaplen, 9000);
    assert_false(cfg.promiscuous);
    assert_int_equal(cfg.buffer_mib, 256);
    assert_int_equal(cfg.flows_max, 250000);
    assert_int_equal(cfg.idle_timeout_s, 300);
    assert_int_equal(cfg.tcp_closed_timeout_s, 5);
    assert_int_equal(cfg.reassembly_depth, 131072);
    assert_int_equal(cfg.reassembly_memcap, 1ULL << 30);
    assert_int_equal(cfg.inspect_max_layers, 5);
    assert_int_equal(cfg.inspect_inflate_limit, 1 << 20);
    assert_int_equal(cfg.evidence_mode, LW_EVIDENCE_SEALED);
    assert_string_equal(cfg.evidence_public_key, "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
    assert_int_equal(cfg.rate_limit_count, 10);
    assert_int_equal(cfg.rate_limit_interval_s, 300);
    assert_int_equal(cfg.stats_interval_s, 0);
    assert_int_equal(cfg.output_count, 2);
    assert_string_equal(cfg.outputs[0].path, "/var/log/leakwatch/alerts.json");
    const lw_redis_config *rc = &cfg.outputs[1].redis;
    assert_string_equal(rc->user, "soc");
    assert_string_equal(rc->password, "s@cret");
    assert_string_equal(rc->host, "::1");
    assert_int_equal(rc->port, 6380);
    assert_int_equal(rc->db, 4); /* the db key overrides the URL's /3 */
    assert_int_equal(rc->mode, LW_REDIS_LIST);
    assert_string_equal(rc->key, "soc:leaks");
    assert_int_equal(rc->maxlen, 5000);
    assert_string_equal(rc->spool_dir, "/var/tmp/lw-spool");
    assert_int_equal(rc->spool_max_bytes, 2L << 30);
    assert_int_equal(rc->spool_overflow, LW_SPOOL_DROP_NEWEST);
    assert_int_equal(rc->fsync, LW_FSYNC_ALWAYS);
    assert_int_equal(rc->batch, 16);
    assert_int_equal(rc->timeout_ms, 500);
    assert_null(strstr(rc->url, "s%40cret"));
    assert_string_equal(rc->url, "redis://soc:***@[::1]:6380/3?mode=list&key=soc:leaks");
    assert_string_equal(cfg.pcap_dir, "/srv/evidence/pcap");
    assert_int_equal(cfg.pcap_max_bytes, 64ULL << 20);
    config_free(&cfg);
}

static void test_anchors_and_empty_files(void **state)
{
    (void)state;
    static const char *const empty[] = {"good-empty.yaml", "good-braces.yaml", "good-comment.yaml"};
    lw_config cfg;
    char err[LW_ERRBUF] = "";
    config_defaults(&cfg);
    assert_int_equal(config_load(data_path("good-anchors.yaml"), &cfg, err, sizeof err), LW_OK);
    assert_int_equal(cfg.allowed_countries.count, 3);
    assert_string_equal(cfg.allowed_countries.items[2], "NL");
    assert_int_equal(cfg.output_count, 1);
    assert_string_equal(cfg.outputs[0].redis.unix_path, "/run/redis/redis.sock");
    assert_null(cfg.outputs[0].redis.host);
    assert_string_equal(cfg.outputs[0].redis.key, "lw");
    assert_string_equal(cfg.outputs[0].redis.password, "p@ss word");
    config_free(&cfg);
    for (size_t i = 0; i < LW_ARRAY_LEN(empty); i++) {
        config_defaults(&cfg);
        assert_int_equal(config_load(data_path(empty[i]), &cfg, err, sizeof err), LW_OK);
        assert_int_equal(cfg.home_networks.count, 4);
        assert_int_equal(cfg.output_count, 1);
        assert_string_equal(cfg.outputs[0].path, "-");
        config_free(&cfg);
    }
}

static int is_bad_file(const struct dirent *d)
{
    return strncmp(d->d_name, "bad-", 4) == 0 && strstr(d->d_name, ".yaml") != NULL;
}

/* Each bad-*.yaml starts with "# expect: LINE:COL: message". */
static void test_bad_files(void **state)
{
    (void)state;
    struct dirent **names;
    int n = scandir(data_dir, &names, is_bad_file, alphasort);
    assert_true(n >= 25);
    for (int i = 0; i < n; i++) {
        const char *path = data_path(names[i]->d_name);
        char first[LW_ERRBUF] = "", want[8192], err[LW_ERRBUF] = "";
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        assert_non_null(fgets(first, sizeof first, f));
        fclose(f);
        first[strcspn(first, "\n")] = '\0';
        assert_true(strncmp(first, "# expect: ", 10) == 0);
        snprintf(want, sizeof want, "%s:%s", path, first + 10);
        lw_config cfg;
        config_defaults(&cfg);
        lw_status st = config_load(path, &cfg, err, sizeof err);
        print_message("%s\n", err);
        assert_int_equal(st, LW_ERR_USAGE);
        assert_string_equal(err, want);
        config_free(&cfg);
        free(names[i]);
    }
    free(names);
}

static void test_missing_file(void **state)
{
    (void)state;
    lw_config cfg;
    char err[LW_ERRBUF];
    config_defaults(&cfg);
    assert_int_equal(config_load("/nonexistent/leakwatch.yaml", &cfg, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "/nonexistent/leakwatch.yaml: cannot open: No such file or directory");
    assert_int_equal(config_load("/", &cfg, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "/: cannot read: Is a directory");
    config_free(&cfg);
}

static void test_size_suffixes(void **state)
{
    (void)state;
    static const struct {
        const char *yaml;
        uint32_t depth;
        uint64_t memcap;
        int buffer_mib;
    } good[] = {
        {"reassembly: {depth: 4096, memcap: 2097152}", 4096, 2 << 20, 64},
        {"reassembly: {depth: 64KiB, memcap: 3MiB}", 65536, 3 << 20, 64},
        {"reassembly: {depth: 64K, memcap: 2G}", 65536, 2ULL << 30, 64},
        {"reassembly: {depth: 1 GiB, memcap: 1T}", 1 << 30, 1ULL << 40, 64},
        {"capture: {buffer_size: 1GiB}", 65536, 512 << 20, 1024},
        {"capture: {buffer_size: 1536KiB}", 65536, 512 << 20, 2}, /* whole MiB, rounded up */
        {"capture: {buffer_size: 8}", 65536, 512 << 20, 8},       /* bare: MiB */
    };
    static const struct {
        const char *yaml, *err;
    } bad[] = {
        {"reassembly: {depth: 2GiB}", "1:21: reassembly.depth: '2GiB' is out of range (1 to 1073741824)"},
        {"reassembly: {depth: 99999999999999999999999}",
         "1:21: reassembly.depth: '99999999999999999999999' is out of range (1 to 1073741824)"},
        {"reassembly: {depth: 16EiB}", "1:21: reassembly.depth: expected a size (an integer, optionally followed by "
                                      "K/KiB, M/MiB, G/GiB or T/TiB)"},
        {"reassembly: {depth: -1}", "1:21: reassembly.depth: expected a size (an integer, optionally followed by "
                                   "K/KiB, M/MiB, G/GiB or T/TiB)"},
        {"reassembly: {depth: \"64\"}", "1:21: reassembly.depth: expected a size (an integer, optionally followed by "
                                       "K/KiB, M/MiB, G/GiB or T/TiB)"},
        {"flows: {max: 10K}", "1:14: flows.max: expected an integer"},
        {"inspect: {max_layers: 17}", "1:23: inspect.max_layers: '17' is out of range (0 to 16)"},
    };
    lw_config cfg;
    char err[LW_ERRBUF];
    for (size_t i = 0; i < LW_ARRAY_LEN(good); i++) {
        assert_int_equal(load_text(good[i].yaml, &cfg, err, sizeof err), LW_OK);
        assert_int_equal(cfg.reassembly_depth, good[i].depth);
        assert_int_equal(cfg.reassembly_memcap, good[i].memcap);
        assert_int_equal(cfg.buffer_mib, good[i].buffer_mib);
        config_free(&cfg);
    }
    for (size_t i = 0; i < LW_ARRAY_LEN(bad); i++) {
        assert_int_equal(load_text(bad[i].yaml, &cfg, err, sizeof err), LW_ERR_USAGE);
        assert_string_equal(err, bad[i].err);
        config_free(&cfg);
    }
}

static void test_redis_urls(void **state)
{
    (void)state;
    lw_output_spec out;
    char err[LW_ERRBUF];
    assert_int_equal(config_parse_output("redis://alice:s%3Acr%40t@[::1]:6380/2?mode=list&key=soc%3Aalerts&maxlen=500"
                                         "&spool=/tmp/sp",
                                         &out, err, sizeof err),
                     LW_OK);
    assert_int_equal(out.kind, LW_OUT_REDIS);
    assert_string_equal(out.redis.user, "alice");
    assert_string_equal(out.redis.password, "s:cr@t");
    assert_string_equal(out.redis.host, "::1");
    assert_int_equal(out.redis.port, 6380);
    assert_int_equal(out.redis.db, 2);
    assert_int_equal(out.redis.mode, LW_REDIS_LIST);
    assert_string_equal(out.redis.key, "soc:alerts");
    assert_int_equal(out.redis.maxlen, 500);
    assert_string_equal(out.redis.spool_dir, "/tmp/sp");
    assert_string_equal(out.redis.url, "redis://alice:***@[::1]:6380/2?mode=list&key=soc%3Aalerts&maxlen=500"
                                       "&spool=/tmp/sp");
    /* a second URL keeps what it does not mention */
    assert_int_equal(config_parse_redis_url("redis://:pw@cache.example?mode=channel", &out.redis, err, sizeof err),
                     LW_OK);
    assert_null(out.redis.user);
    assert_string_equal(out.redis.password, "pw");
    assert_string_equal(out.redis.host, "cache.example");
    assert_int_equal(out.redis.port, 6379);
    assert_int_equal(out.redis.db, 2);
    assert_int_equal(out.redis.mode, LW_REDIS_CHANNEL);
    assert_string_equal(out.redis.key, "soc:alerts");
    assert_int_equal(config_parse_redis_url("unix:///run/redis.sock?db=3", &out.redis, err, sizeof err), LW_OK);
    assert_string_equal(out.redis.unix_path, "/run/redis.sock");
    assert_null(out.redis.host);
    assert_int_equal(out.redis.port, 0);
    assert_int_equal(out.redis.db, 3);
    assert_string_equal(out.redis.password, "pw");
    config_output_free(&out);

    assert_int_equal(config_parse_output("redis://127.0.0.1", &out, err, sizeof err), LW_OK);
    assert_string_equal(out.redis.host, "127.0.0.1");
    assert_int_equal(out.redis.port, 6379);
    assert_int_equal(out.redis.db, 0);
    assert_int_equal(out.redis.mode, LW_REDIS_STREAM);
    assert_string_equal(out.redis.key, "leakwatch:alerts");
    assert_int_equal(out.redis.maxlen, 100000);
    config_output_free(&out);
}

static void test_redis_url_errors(void **state)
{
    (void)state;
    static const struct {
        const char *url, *err;
    } bad[] = {
        {"redis://h:0", "redis URL: bad port '0' (expected 1 to 65535)"},
        {"redis://h:65536/0", "redis URL: bad port '65536' (expected 1 to 65535)"},
        {"redis://h:63x9", "redis URL: bad port '63x9' (expected 1 to 65535)"},
        {"redis://h:", "redis URL: bad port '' (expected 1 to 65535)"},
        {"redis://[::1]:99999", "redis URL: bad port '99999' (expected 1 to 65535)"},
        {"redis://h/x", "redis URL: bad database 'x' (expected a number)"},
        {"redis://h?mode=fifo", "redis URL: bad mode 'fifo' (expected stream, list or channel)"},
        {"redis://h?maxlen=-1", "redis URL: bad maxlen '-1' (expected a number)"},
        {"redis://h?tls=1", "redis URL: unknown parameter 'tls' (expected mode, key, maxlen, spool or db)"},
        {"redis://h?key", "redis URL: parameter 'key' needs a value"},
        {"redis://h?key=", "redis URL: empty key"},
        {"redis://[::1:6379", "redis URL: missing ']' after the IPv6 address"},
        {"redis://[::1]6379", "redis URL: expected ':' and a port after ']'"},
        {"redis://[nothost]:6379", "redis URL: bad IPv6 address 'nothost'"},
        {"redis://:6379", "redis URL: missing host"},
        {"redis://", "redis URL: missing host"},
        {"redis://secret@h", "redis URL: write credentials as user:password@ or :password@"},
        {"redis://:%zz@h", "redis URL: bad percent-encoding in the password"},
        {"redis://:a%00b@h", "redis URL: bad percent-encoding in the password"},
        {"unix://relative.sock", "redis URL: expected a socket path, as in unix:///run/redis/redis.sock"},
        {"http://h", "redis URL: expected redis:// or unix://"},
    };
    for (size_t i = 0; i < LW_ARRAY_LEN(bad); i++) {
        lw_redis_config rc = {0};
        char err[LW_ERRBUF] = "";
        assert_int_equal(config_parse_redis_url(bad[i].url, &rc, err, sizeof err), LW_ERR_USAGE);
        assert_string_equal(err, bad[i].err);
        assert_null(rc.host); /* untouched on error */
        assert_null(rc.url);
    }
}

static void test_output_specs(void **state)
{
    (void)state;
    lw_output_spec out;
    char err[LW_ERRBUF];
    assert_int_equal(config_parse_output("json:-", &out, err, sizeof err), LW_OK);
    assert_int_equal(out.kind, LW_OUT_JSON);
    assert_string_equal(out.path, "-");
    config_output_free(&out);
    assert_int_equal(config_parse_output("json:/var/log/lw.json", &out, err, sizeof err), LW_OK);
    assert_string_equal(out.path, "/var/log/lw.json");
    config_output_free(&out);
    assert_int_equal(config_parse_output("unix:///run/redis.sock", &out, err, sizeof err), LW_OK);
    assert_int_equal(out.kind, LW_OUT_REDIS);
    assert_string_equal(out.redis.unix_path, "/run/redis.sock");
    config_output_free(&out);

    assert_int_equal(config_parse_output("json:", &out, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "output 'json:' needs a path or '-'");
    assert_int_equal(config_parse_output("rediss://u:hunter2@h", &out, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "unknown output 'rediss' (expected json:-, json:PATH, redis://…, unix://… or pcap:DIR)");
    assert_int_equal(config_parse_output("pcap:", &out, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "output 'pcap:' needs a directory");
    assert_int_equal(config_parse_output("redis://h:0", &out, err, sizeof err), LW_ERR_USAGE);
    assert_null(out.redis.key); /* nothing left allocated */

    /* -o replaces the configured sinks */
    lw_config cfg;
    config_defaults(&cfg);
    lw_output_spec *specs = calloc(2, sizeof *specs);
    assert_non_null(specs);
    assert_int_equal(config_parse_output("json:/tmp/a.json", &specs[0], err, sizeof err), LW_OK);
    assert_int_equal(config_parse_output("redis://10.9.9.9:7000", &specs[1], err, sizeof err), LW_OK);
    config_set_outputs(&cfg, specs, 2);
    assert_int_equal(cfg.output_count, 2);
    assert_int_equal(cfg.outputs[1].redis.port, 7000);
    assert_null(cfg.pcap_dir);

    /* pcap:DIR sets outputs.pcap.dir; alone, it leaves the configured sinks as they are */
    specs = calloc(1, sizeof *specs);
    assert_int_equal(config_parse_output("pcap:/srv/pcap", &specs[0], err, sizeof err), LW_OK);
    assert_int_equal(specs[0].kind, LW_OUT_PCAP);
    config_set_outputs(&cfg, specs, 1);
    assert_int_equal(cfg.output_count, 2);
    assert_string_equal(cfg.pcap_dir, "/srv/pcap");
    assert_int_equal(cfg.pcap_max_bytes, 10 << 20);
    specs = calloc(2, sizeof *specs);
    assert_int_equal(config_parse_output("pcap:/srv/other", &specs[0], err, sizeof err), LW_OK);
    assert_int_equal(config_parse_output("json:-", &specs[1], err, sizeof err), LW_OK);
    config_set_outputs(&cfg, specs, 2);
    assert_int_equal(cfg.output_count, 1);
    assert_int_equal(cfg.outputs[0].kind, LW_OUT_JSON);
    assert_string_equal(cfg.pcap_dir, "/srv/other");
    char *text = print_to_string(&cfg);
    assert_non_null(strstr(text, "  pcap:\n    dir: \"/srv/other\"\n    max_bytes: 10485760\n"));
    free(text);
    config_free(&cfg);
}

static void test_yaml_values(void **state)
{
    (void)state;
    lw_config cfg;
    char err[LW_ERRBUF];
    assert_int_equal(load_text("capture: {promiscuous: no, interface: ~}\ngeoip: {country_db: null}\n"
                               "policy: {approved_archives: {hosts: ~}}\noutputs: {redis: }\n",
                               &cfg, err, sizeof err),
                     LW_OK);
    assert_false(cfg.promiscuous);
    assert_null(cfg.interface);
    assert_int_equal(cfg.output_count, 1); /* outputs: replaces the default JSON sink */
    assert_int_equal(cfg.outputs[0].kind, LW_OUT_REDIS);
    assert_string_equal(cfg.outputs[0].redis.host, "127.0.0.1");
    config_free(&cfg);

    assert_int_equal(load_text("outputs:\n  redis: {password: x, url: \"redis://:fromurl@h\"}\n", &cfg, err,
                               sizeof err),
                     LW_OK);
    assert_string_equal(cfg.outputs[0].redis.password, "x"); /* keys win over the url, wherever it is */
    config_free(&cfg);

    assert_int_equal(load_text("outputs: {json: {path: \"\"}}", &cfg, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "1:24: outputs.json.path: expected a non-empty string");
    config_free(&cfg);
    assert_int_equal(load_text("capture:\n  interface: [eth0]\n", &cfg, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "2:14: capture.interface: expected a string");
    config_free(&cfg);
    assert_int_equal(load_text("- 1\n", &cfg, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "1:1: expected a mapping");
    config_free(&cfg);
}

static void test_print_hides_secrets(void **state)
{
    (void)state;
    lw_config cfg;
    char err[LW_ERRBUF] = "";
    config_defaults(&cfg);
    assert_int_equal(config_load(data_path("good-full.yaml"), &cfg, err, sizeof err), LW_OK);
    char *text = print_to_string(&cfg);
    assert_null(strstr(text, "s@cret"));
    assert_null(strstr(text, "s%40cret"));
    assert_non_null(strstr(text, "password: \"***\""));
    assert_non_null(strstr(text, "user: \"soc\""));
    assert_non_null(strstr(text, "home: [10.20.0.0/16, 2001:db8:1::/48]"));
    assert_non_null(strstr(text, "hosts: [\"archive.corp.example\", \"*.vault.example.gov\"]"));
    assert_non_null(strstr(text, "url: \"redis://[::1]:6380\""));
    assert_non_null(strstr(text, "mode: sealed"));
    free(text);
    config_free(&cfg);
}

/* The printed configuration loads back to the same printout. */
static void test_print_round_trip(void **state)
{
    (void)state;
    static const char *const files[] = {"good-contract.yaml", "good-anchors.yaml", "good-empty.yaml"};
    for (size_t i = 0; i < LW_ARRAY_LEN(files); i++) {
        lw_config cfg;
        char err[LW_ERRBUF] = "", path[] = "/tmp/test_config_print_XXXXXX";
        config_defaults(&cfg);
        assert_int_equal(config_load(data_path(files[i]), &cfg, err, sizeof err), LW_OK);
        free(cfg.outputs[cfg.output_count - 1].redis.password); /* "***" would not round-trip */
        cfg.outputs[cfg.output_count - 1].redis.password = NULL;
        char *first = print_to_string(&cfg);
        FILE *out = fdopen(mkstemp(path), "w");
        assert_non_null(out);
        fputs(first, out);
        fclose(out);
        config_free(&cfg);
        config_defaults(&cfg);
        assert_int_equal(config_load(path, &cfg, err, sizeof err), LW_OK);
        char *second = print_to_string(&cfg);
        assert_string_equal(strchr(first, '\n'), strchr(second, '\n')); /* all but the source line */
        unlink(path);
        free(first);
        free(second);
        config_free(&cfg);
    }
}

/* conf/leakwatch.yaml, installed to /etc/leakwatch, spells out exactly the built-in defaults. */
static void test_installed_example_is_defaults(void **state)
{
    (void)state;
    lw_config defaults, example;
    char err[LW_ERRBUF] = "", path[4096 + 64];
    snprintf(path, sizeof path, "%s/../../../conf/leakwatch.yaml", data_dir);
    config_defaults(&defaults);
    config_defaults(&example);
    assert_int_equal(config_load(path, &example, err, sizeof err), LW_OK);
    char *want = print_to_string(&defaults), *got = print_to_string(&example);
    assert_string_equal(strchr(got, '\n'), strchr(want, '\n'));
    free(want);
    free(got);
    config_free(&defaults);
    config_free(&example);
}

static void test_capture_workers(void **state)
{
    (void)state;
    lw_config cfg;
    char err[LW_ERRBUF] = "";
    assert_int_equal(load_text("capture: {workers: 4, interfaces: [eth1, eth2]}\n", &cfg, err, sizeof err), LW_OK);
    assert_int_equal(cfg.workers, 4);
    assert_int_equal(cfg.interfaces.count, 2);
    assert_string_equal(cfg.interfaces.items[1], "eth2");
    config_free(&cfg);
    assert_int_equal(load_text("capture: {workers: 257}\n", &cfg, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "1:20: capture.workers: '257' is out of range (0 to 256)");
    config_free(&cfg);
    assert_int_equal(load_text("capture:\n  interface: eth0\n  interfaces: [eth1]\n", &cfg, err, sizeof err),
                     LW_ERR_USAGE);
    assert_string_equal(err, "2:3: capture: give interface or interfaces, not both");
    config_free(&cfg);
    assert_int_equal(load_text("capture: {interfaces: eth1}\n", &cfg, err, sizeof err), LW_ERR_USAGE);
    assert_string_equal(err, "1:23: capture.interfaces: expected a list");
    config_free(&cfg);
}

/* Every prefix of a good file is either a valid configuration or a clean "file:line:col:" error. */
static void test_every_prefix(void **state)
{
    (void)state;
    char *text = NULL, path[] = "/tmp/test_config_prefix_XXXXXX";
    size_t len = 0;
    FILE *f = fopen(data_path("good-full.yaml"), "r");
    assert_non_null(f);
    assert_int_equal(getdelim(&text, &len, '\0', f) > 0, 1);
    len = strlen(text);
    fclose(f);
    int fd = mkstemp(path), ok = 0, failed = 0;
    assert_true(fd >= 0);
    close(fd);
    for (size_t n = 0; n <= len; n++) {
        FILE *out = fopen(path, "w");
        fwrite(text, 1, n, out);
        fclose(out);
        lw_config cfg;
        char err[LW_ERRBUF] = "";
        unsigned line, col;
        config_defaults(&cfg);
        if (config_load(path, &cfg, err, sizeof err) == LW_OK) {
            ok++;
        } else {
            failed++;
            assert_int_equal(strncmp(err, path, strlen(path)), 0);
            assert_int_equal(sscanf(err + strlen(path), ":%u:%u: ", &line, &col), 2);
            assert_true(line >= 1 && col >= 1);
        }
        config_free(&cfg);
    }
    print_message("prefixes: %d valid, %d clean errors\n", ok, failed);
    assert_true(ok > 10 && failed > 10);
    unlink(path);
    free(text);
}

int main(void)
{
    const char *top = getenv("LW_TOP_SRCDIR");
    snprintf(data_dir, sizeof data_dir, "%s/tests/data/config", top ? top : ".");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),         cmocka_unit_test(test_contract_example),
        cmocka_unit_test(test_every_key),        cmocka_unit_test(test_anchors_and_empty_files),
        cmocka_unit_test(test_bad_files),        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_size_suffixes),    cmocka_unit_test(test_redis_urls),
        cmocka_unit_test(test_redis_url_errors), cmocka_unit_test(test_output_specs),
        cmocka_unit_test(test_yaml_values),      cmocka_unit_test(test_print_hides_secrets),
        cmocka_unit_test(test_print_round_trip), cmocka_unit_test(test_installed_example_is_defaults),
        cmocka_unit_test(test_capture_workers),
        cmocka_unit_test(test_every_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
