/* test_reload.c — src/reload.c on configurations loaded from YAML: keys a reload applies are
 * not named, keys that need a restart are, outputs and the interface given on the command line
 * are not, and a key the comparison has no entry for still counts (restart). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reload.h"

static void load(lw_config *cfg, const char *yaml)
{
    char path[] = "/tmp/lw-reload-XXXXXX", err[LW_ERRBUF];
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, yaml, strlen(yaml)), (ssize_t)strlen(yaml));
    close(fd);
    config_defaults(cfg);
    lw_status st = config_load(path, cfg, err, sizeof err);
    unlink(path);
    if (st != LW_OK)
        fail_msg("%s", err);
}

static void expect_restart(const char *before, const char *after, reload_overrides o, const char *want)
{
    lw_config a, b;
    char out[LW_ERRBUF];
    load(&a, before);
    load(&b, after);
    assert_int_equal(reload_restart_keys(&a, &b, &o, out, sizeof out), LW_OK);
    assert_string_equal(out, want);
    config_free(&a);
    config_free(&b);
}

static void test_live_keys_are_not_named(void **state)
{
    (void)state;
    expect_restart("networks: {home: [10.0.0.0/8]}\n",
                   "networks: {home: [10.1.0.0/16]}\npolicy: {approved_archives: {hosts: [a.example]}}\n"
                   "capture: {filter: \"tcp port 80\"}\nstats: {interval: 5}\nalerts: {rate_limit: {count: 3}}\n",
                   (reload_overrides){0}, "");
    expect_restart("{}\n", "{}\n", (reload_overrides){0}, "");
}

static void test_restart_keys_are_named(void **state)
{
    (void)state;
    expect_restart("flows: {max: 1000}\n", "flows: {max: 2000}\nreassembly: {depth: 1024}\n", (reload_overrides){0},
                   "flows.max, reassembly.depth");
    expect_restart("{}\n", "metrics: {listen: \"127.0.0.1:9717\"}\ncapture: {snaplen: 128}\n", (reload_overrides){0},
                   "capture.snaplen, metrics.listen");
    expect_restart("outputs: {json: {path: /tmp/a.json}}\n", "outputs: {json: {path: /tmp/b.json}}\n",
                   (reload_overrides){0}, "outputs.json.path");
    expect_restart("{}\n", "outputs: {redis: {url: \"redis://127.0.0.1:6380\"}}\n", (reload_overrides){0},
                   "outputs.json, outputs.redis");
}

static void test_command_line_wins(void **state)
{
    (void)state;
    expect_restart("outputs: {json: {path: /tmp/a.json}}\ncapture: {interface: eth0}\n",
                   "outputs: {json: {path: /tmp/b.json}}\ncapture: {interface: eth1}\n",
                   (reload_overrides){.outputs = true, .interface = true}, "");
    expect_restart("capture: {interface: eth0}\n", "capture: {interface: eth1}\n", (reload_overrides){0},
                   "capture.interface");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live_keys_are_not_named),
        cmocka_unit_test(test_restart_keys_are_named),
        cmocka_unit_test(test_command_line_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
