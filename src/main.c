/* main.c — the command line (contract: ../shared/CONTRACT.md): parse options, load the
 * configuration, open the capture and the outputs, run the workers, report. Every error is
 * one line on standard error; exit 0 success, 1 runtime failure, 2 usage/config/signature
 * error. Signals: INT/TERM stop the capture cleanly, HUP reloads configuration, signatures
 * and the capture filter (a broken file keeps the old ones running) and reopens the JSON
 * files, USR2 only reopens them (logrotate). Live, it serves metrics.listen and tells systemd
 * (sd_notify) when it is ready, reloading, stopping, and that it is alive (watchdog). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_LW_AUTOCONF_H
#include "lw_autoconf.h"
#endif
#include "capture.h"
#include "classify.h"
#include "config.h"
#include "live.h"
#include "metrics.h"
#include "notify.h"
#include "output.h"
#include "policy.h"
#include "reload.h"
#include "signatures.h"
#include "workers.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif
#ifndef LW_SYSCONFDIR
#define LW_SYSCONFDIR "/etc"
#endif
/* Without -c: /etc/leakwatch/leakwatch.yaml (contract), else the one `make install` put in
 * the configured sysconfdir (/usr/local/etc by default), else built-in defaults. */
#define LW_DEFAULT_CONFIG "/etc/leakwatch/leakwatch.yaml"
#define LW_INSTALLED_CONFIG LW_SYSCONFDIR "/leakwatch/leakwatch.yaml"

typedef struct cli {
    char **files, **interfaces;
    size_t n_files, n_interfaces;
    unsigned workers;              /* -j; 0 = capture.workers */
    const char *config_path, *filter;
    const char *feature_dump;      /* --dump-features FILE (one worker) */
    lw_output_spec *outputs;
    size_t n_outputs;
    bool check, stats;
} cli;

static workers *volatile running_workers;
static volatile sig_atomic_t reload_requested, reopen_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    if (running_workers)
        workers_stop(running_workers);
}

static void on_hangup(int sig)
{
    if (sig == SIGHUP)
        reload_requested = 1;
    reopen_requested = 1;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: leakwatch [OPTIONS]\n"
            "  -r, --read FILE        replay a capture (pcap/pcapng; repeatable; - = stdin)\n"
            "  -i, --interface IFACE  capture live (repeatable: one timeline)\n"
            "  -j, --workers N        packet workers (default capture.workers, else the\n"
            "                         online CPUs, at most 8)\n"
            "  -c, --config FILE      YAML configuration (default " LW_DEFAULT_CONFIG " or\n"
            "                         " LW_INSTALLED_CONFIG " if present)\n"
            "  -o, --output SPEC      alert sink, repeatable: json:-, json:PATH, redis://…;\n"
            "                         pcap:DIR writes each alert's packets to DIR/<alert_id>.pcap\n"
            "  -f, --filter BPF       capture filter\n"
            "  -T, --check            validate configuration and signatures, print them, exit\n"
            "      --stats            print an end-of-run summary to standard error\n"
            "      --dump-features FILE  write every message candidate's features (model fitting)\n"
            "  -V, --version          print the version\n"
            "  -h, --help             this help\n");
}

static int fail(int code, const char *msg)
{
    fprintf(stderr, "leakwatch: %s\n", msg);
    return code;
}

static int cli_add_output(cli *c, const char *spec)
{
    char err[LW_ERRBUF];
    lw_output_spec *grown = realloc(c->outputs, (c->n_outputs + 1) * sizeof *grown);
    if (!grown)
        return fail(1, "out of memory");
    c->outputs = grown;
    memset(&c->outputs[c->n_outputs], 0, sizeof *c->outputs);
    if (config_parse_output(spec, &c->outputs[c->n_outputs], err, sizeof err) != LW_OK)
        return fail(2, err);
    c->n_outputs++;
    return 0;
}

static int cli_workers(cli *c, const char *arg)
{
    char *end;
    unsigned long n = strtoul(arg, &end, 10);
    if (*arg < '1' || *arg > '9' || *end || n > 256) {
        fprintf(stderr, "leakwatch: -j/--workers: expected a number from 1 to 256, not '%s'\n", arg);
        return 2;
    }
    c->workers = (unsigned)n;
    return 0;
}

/* Returns -1 to go on, else an exit status. */
static int cli_parse(int argc, char **argv, cli *c)
{
    enum { OPT_STATS = 256, OPT_DUMP_FEATURES };
    static const struct option options[] = {
        {"read", required_argument, 0, 'r'},      {"interface", required_argument, 0, 'i'},
        {"workers", required_argument, 0, 'j'},
        {"config", required_argument, 0, 'c'},    {"output", required_argument, 0, 'o'},
        {"filter", required_argument, 0, 'f'},    {"check", no_argument, 0, 'T'},
        {"stats", no_argument, 0, OPT_STATS},     {"version", no_argument, 0, 'V'},
        {"dump-features", required_argument, 0, OPT_DUMP_FEATURES},
        {"help", no_argument, 0, 'h'},            {0, 0, 0, 0},
    };
    c->files = calloc((size_t)argc, sizeof *c->files);
    c->interfaces = calloc((size_t)argc, sizeof *c->interfaces);
    if (!c->files || !c->interfaces)
        return fail(1, "out of memory");
    int opt, rc;
    while ((opt = getopt_long(argc, argv, "r:i:j:c:o:f:TVh", options, NULL)) != -1) {
        switch (opt) {
        case 'r': c->files[c->n_files++] = optarg; break;
        case 'i': c->interfaces[c->n_interfaces++] = optarg; break;
        case 'j':
            if ((rc = cli_workers(c, optarg)) != 0)
                return rc;
            break;
        case 'c': c->config_path = optarg; break;
        case 'f': c->filter = optarg; break;
        case 'T': c->check = true; break;
        case OPT_STATS: c->stats = true; break;
        case OPT_DUMP_FEATURES: c->feature_dump = optarg; break;
        case 'o':
            if ((rc = cli_add_output(c, optarg)) != 0)
                return rc;
            break;
        case 'V': printf("leakwatch %s (nDPI %s)\n", PACKAGE_VERSION, classify_library_version()); return 0;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "leakwatch: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    return -1;
}

/* Loads the configuration; with take_outputs the -o sinks move into it (the first load;
 * a reload keeps the sinks that are open). */
static int load_config(cli *c, lw_config *cfg, bool take_outputs)
{
    char err[LW_ERRBUF];
    config_defaults(cfg);
    const char *path = c->config_path;
    if (!path && access(LW_DEFAULT_CONFIG, F_OK) == 0)
        path = LW_DEFAULT_CONFIG;
    if (!path && access(LW_INSTALLED_CONFIG, F_OK) == 0)
        path = LW_INSTALLED_CONFIG;
    if (path && config_load(path, cfg, err, sizeof err) != LW_OK)
        return fail(2, err);
    if (c->feature_dump && !(cfg->feature_dump = strdup(c->feature_dump)))
        return fail(1, "out of memory");
    if (take_outputs && c->n_outputs) {
        config_set_outputs(cfg, c->outputs, c->n_outputs);
        c->outputs = NULL;
    }
    return 0;
}

static int run_check(const lw_config *cfg)
{
    char err[LW_ERRBUF];
    policy *p;
    sig_set *sigs;
    if (policy_new(cfg, &p, err, sizeof err) != LW_OK)
        return fail(2, err);
    policy_free(p);
    if (sigset_load(cfg->signature_paths.items, cfg->signature_paths.count, &sigs, err, sizeof err) != LW_OK)
        return fail(2, err);
    config_print(cfg, stdout);
    printf("# loaded\n");
    sigset_print(sigs, stdout);
    sigset_free(sigs);
    return 0;
}

/* What the main thread's turns need: a pending reload or reopen, the metrics, the watchdog. */
typedef struct run_state {
    workers *workers;
    outputs *out;
    cli *cli;
    const lw_config *base; /* the first configuration: the outputs were opened from it */
    lw_config *reloaded;   /* the last reload's, once there was one (the engine's is in force) */
    metrics *metrics;
    notifier notify;
    uint64_t reloads, reload_failures;
    uint64_t next_service_us;
} run_state;

#define SERVICE_INTERVAL_US 250000u

static const char *run_filter(const run_state *rs, const lw_config *cfg)
{
    return rs->cli->filter ? rs->cli->filter : cfg->filter;
}

/* The capture filter and the workers' parts: all or nothing. */
static lw_status reload_apply(run_state *rs, const lw_config *running, const lw_config *cfg, char *err, size_t errlen)
{
    const char *before = run_filter(rs, running), *after = run_filter(rs, cfg);
    bool refilter = strcmp(before ? before : "", after ? after : "") != 0;
    return workers_reload(rs->workers, cfg, refilter, after, err, errlen) == LW_OK ? LW_OK : LW_ERR_USAGE;
}

/* Keeps one reloaded configuration alive (the engine's); the one it replaces is freed. */
static void reload(run_state *rs)
{
    char err[LW_ERRBUF] = "", restart[LW_ERRBUF] = "";
    const lw_config *running = rs->reloaded ? rs->reloaded : rs->base;
    lw_config *cfg = calloc(1, sizeof *cfg);
    notify_send(&rs->notify, "RELOADING=1");
    if (!cfg || load_config(rs->cli, cfg, false) != 0 || reload_apply(rs, running, cfg, err, sizeof err) != LW_OK) {
        fprintf(stderr, "leakwatch: reload failed, keeping the running configuration%s%s\n", *err ? ": " : "", err);
        if (cfg)
            config_free(cfg);
        free(cfg);
        rs->reload_failures++;
        notify_send(&rs->notify, "READY=1");
        return;
    }
    reload_overrides o = {rs->cli->n_outputs > 0, rs->cli->n_interfaces || rs->cli->n_files, rs->cli->workers > 0};
    reload_restart_keys(running, cfg, &o, restart, sizeof restart);
    if (rs->reloaded) {
        config_free(rs->reloaded);
        free(rs->reloaded);
    }
    rs->reloaded = cfg;
    rs->reloads++;
    fprintf(stderr, "leakwatch: configuration and signatures reloaded%s%s\n",
            *restart ? "; changed but kept until a restart: " : "", restart);
    notify_send(&rs->notify, "READY=1");
}

static uint64_t wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* A few times a second (a jump back of the clock counts as due): the watchdog ping and the
 * metrics snapshot, the workers' counters summed. */
static void service_due(run_state *rs)
{
    if (!rs->metrics && !rs->notify.watchdog_us)
        return;
    uint64_t now = wall_us();
    if (now < rs->next_service_us && rs->next_service_us - now <= SERVICE_INTERVAL_US)
        return;
    rs->next_service_us = now + SERVICE_INTERVAL_US;
    notify_watchdog(&rs->notify);
    if (!rs->metrics)
        return;
    metrics_snapshot snap = {.reloads = rs->reloads, .reload_failures = rs->reload_failures};
    snap.workers = workers_stats(rs->workers, &snap.stats);
    snap.kernel_drops = snap.stats.drops;
    outputs_health(rs->out, &snap.outputs);
    metrics_publish(rs->metrics, &snap);
}

/* The main thread's turn (between packets in a replay, ten times a second live): a pending
 * reload or reopen, the watchdog, the metrics. */
static void on_idle(void *user)
{
    run_state *rs = user;
    if (reload_requested) {
        reload_requested = 0;
        reload(rs);
    }
    if (reopen_requested) {
        reopen_requested = 0;
        workers_reopen_outputs(rs->workers);
    }
    service_due(rs);
}

static void install_signals(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_stop_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_hangup;
    sa.sa_flags = SA_RESTART; /* a read blocked on a pipe or FIFO goes on; the reload waits for the next frame */
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN); /* a file at its size limit is a full disk (EFBIG), not the end */
}

/* Live interfaces: -i, else capture.interfaces, else capture.interface (none for a replay). */
static size_t run_interfaces(const cli *c, const lw_config *cfg, char *const **names)
{
    if (c->n_interfaces || c->n_files) {
        *names = c->interfaces;
        return c->n_interfaces;
    }
    if (cfg->interfaces.count) {
        *names = cfg->interfaces.items;
        return cfg->interfaces.count;
    }
    *names = &cfg->interface;
    return cfg->interface ? 1 : 0;
}

/* Open the capture (files or interfaces) and the outputs, run the workers over them. */
static lw_status run_capture(cli *c, const lw_config *cfg, run_state *rs, char *err, size_t errlen)
{
    char *const *ifaces;
    size_t n_ifaces = run_interfaces(c, cfg, &ifaces);
    const char *filter = c->filter ? c->filter : cfg->filter;
    unsigned n = c->workers ? c->workers : cfg->workers ? cfg->workers : workers_default_count();
    if (cfg->feature_dump)
        n = 1; /* one file, one writer: the feature dump is for fitting, not for speed */
    capture *cap = NULL;
    live *lv = NULL;
    lw_status st;
    if (n_ifaces) {
        live_options lopt = {ifaces, n_ifaces, n, filter, cfg->snaplen, cfg->promiscuous, cfg->buffer_mib};
        st = live_open(&lopt, &lv, err, errlen);
    } else {
        capture_options copt = {c->files, c->n_files, filter};
        st = capture_open(&copt, &cap, err, errlen);
    }
    if (st == LW_OK) /* the engines first: no Redis thread yet while the signatures compile */
        st = workers_new(cfg, n, lv != NULL, &rs->workers, err, errlen);
    if (st == LW_OK)
        st = outputs_open(cfg, &rs->out, err, errlen);
    if (st == LW_OK && cfg->metrics_listen && lv) /* a replay beside the service shares its config */
        st = metrics_open(cfg->metrics_listen, &rs->metrics, err, errlen);
    if (st == LW_OK) {
        running_workers = rs->workers;
        install_signals();
        service_due(rs); /* /healthz answers 200 from the moment systemd hears READY */
        notify_send(&rs->notify, "READY=1");
        st = lv ? workers_live(rs->workers, lv, rs->out, on_idle, rs, err, errlen)
                : workers_replay(rs->workers, cap, rs->out, on_idle, rs, err, errlen);
        running_workers = NULL;
        notify_send(&rs->notify, "STOPPING=1");
        if (c->stats)
            workers_summary(rs->workers, stderr);
    }
    metrics_close(rs->metrics);
    workers_free(rs->workers);
    outputs_close(rs->out, c->stats ? stderr : NULL);
    capture_close(cap);
    live_close(lv);
    return st;
}

static int run(cli *c, lw_config *cfg)
{
    char err[LW_ERRBUF] = "";
    char *const *ifaces;
    if (!c->n_files && !run_interfaces(c, cfg, &ifaces)) {
        usage(stderr);
        return fail(2, "nothing to read: give -r FILE or -i IFACE");
    }
    run_state rs = {.cli = c, .base = cfg};
    notify_open(&rs.notify);
    lw_status st = run_capture(c, cfg, &rs, err, sizeof err);
    notify_close(&rs.notify);
    if (rs.reloaded) {
        config_free(rs.reloaded);
        free(rs.reloaded);
    }
    return st == LW_OK ? 0 : fail(st == LW_ERR_USAGE ? 2 : 1, err);
}

int main(int argc, char **argv)
{
    cli c = {0};
    lw_config cfg;
    int rc = cli_parse(argc, argv, &c);
    if (rc < 0)
        rc = load_config(&c, &cfg, true);
    else
        goto out;
    if (rc == 0)
        rc = c.check ? run_check(&cfg) : run(&c, &cfg);
    config_free(&cfg);
out:
    free(c.files);
    free(c.interfaces);
    free(c.outputs);
    return rc;
}
