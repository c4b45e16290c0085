/* main.c — the command line (contract: ../shared/CONTRACT.md): parse options, load the
 * configuration, open the capture and the outputs, run the engine, report. Every error is
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
#include "engine.h"
#include "metrics.h"
#include "notify.h"
#include "output.h"
#include "policy.h"
#include "reload.h"
#include "signatures.h"

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
    char **files;
    size_t n_files;
    const char *interface, *config_path, *filter;
    lw_output_spec *outputs;
    size_t n_outputs;
    bool check, stats;
} cli;

static capture *volatile running_capture;
static volatile sig_atomic_t reload_requested, reopen_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    if (running_capture)
        capture_stop(running_capture);
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
            "  -i, --interface IFACE  capture live\n"
            "  -c, --config FILE      YAML configuration (default " LW_DEFAULT_CONFIG " or\n"
            "                         " LW_INSTALLED_CONFIG " if present)\n"
            "  -o, --output SPEC      alert sink, repeatable: json:-, json:PATH, redis://…;\n"
            "                         pcap:DIR writes each alert's packets to DIR/<alert_id>.pcap\n"
            "  -f, --filter BPF       capture filter\n"
            "  -T, --check            validate configuration and signatures, print them, exit\n"
            "      --stats            print an end-of-run summary to standard error\n"
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

/* Returns -1 to go on, else an exit status. */
static int cli_parse(int argc, char **argv, cli *c)
{
    enum { OPT_STATS = 256 };
    static const struct option options[] = {
        {"read", required_argument, 0, 'r'},      {"interface", required_argument, 0, 'i'},
        {"config", required_argument, 0, 'c'},    {"output", required_argument, 0, 'o'},
        {"filter", required_argument, 0, 'f'},    {"check", no_argument, 0, 'T'},
        {"stats", no_argument, 0, OPT_STATS},     {"version", no_argument, 0, 'V'},
        {"help", no_argument, 0, 'h'},            {0, 0, 0, 0},
    };
    c->files = calloc((size_t)argc, sizeof *c->files);
    if (!c->files)
        return fail(1, "out of memory");
    int opt, rc;
    while ((opt = getopt_long(argc, argv, "r:i:c:o:f:TVh", options, NULL)) != -1) {
        switch (opt) {
        case 'r': c->files[c->n_files++] = optarg; break;
        case 'i': c->interface = optarg; break;
        case 'c': c->config_path = optarg; break;
        case 'f': c->filter = optarg; break;
        case 'T': c->check = true; break;
        case OPT_STATS: c->stats = true; break;
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

/* Frame callback wrapper: applies a pending reload or reopen between frames, and feeds the
 * metrics and the watchdog. */
typedef struct run_state {
    engine *engine;
    capture *capture;
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

/* The capture filter, then the engine's parts: all or nothing. */
static lw_status reload_apply(run_state *rs, const lw_config *running, const lw_config *cfg, char *err, size_t errlen)
{
    const char *before = run_filter(rs, running), *after = run_filter(rs, cfg);
    bool refilter = strcmp(before ? before : "", after ? after : "") != 0;
    char ignored[LW_ERRBUF];
    if (refilter && capture_set_filter(rs->capture, after, err, errlen) != LW_OK)
        return LW_ERR_USAGE;
    if (engine_reload(rs->engine, cfg, err, errlen) == LW_OK)
        return LW_OK;
    if (refilter)
        capture_set_filter(rs->capture, before, ignored, sizeof ignored);
    return LW_ERR_USAGE;
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
    reload_overrides o = {rs->cli->n_outputs > 0, rs->cli->interface || rs->cli->n_files};
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

/* A few times a second of packet time (wall time on idle ticks; a jump back counts as due):
 * the watchdog ping and the metrics snapshot. */
static void service_due(run_state *rs, const capture_frame *frame)
{
    if (!rs->metrics && !rs->notify.watchdog_us)
        return;
    uint64_t now = frame ? frame->ts_us : wall_us();
    if (now < rs->next_service_us && rs->next_service_us - now <= SERVICE_INTERVAL_US)
        return;
    rs->next_service_us = now + SERVICE_INTERVAL_US;
    notify_watchdog(&rs->notify);
    if (!rs->metrics)
        return;
    metrics_snapshot snap = {.kernel_drops = capture_drops(rs->capture), .workers = 1, .reloads = rs->reloads,
                             .reload_failures = rs->reload_failures};
    engine_stats_now(rs->engine, &snap.stats);
    outputs_health(rs->out, &snap.outputs);
    metrics_publish(rs->metrics, &snap);
}

static void on_frame(void *user, const capture_frame *frame)
{
    run_state *rs = user;
    if (reload_requested) {
        reload_requested = 0;
        reload(rs);
    }
    if (reopen_requested) {
        reopen_requested = 0;
        outputs_reopen(rs->out);
    }
    engine_frame(rs->engine, frame);
    service_due(rs, frame);
    if (engine_failed(rs->engine, NULL, 0) && running_capture)
        capture_stop(running_capture);
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

static int run(cli *c, lw_config *cfg)
{
    char err[LW_ERRBUF] = "";
    const char *iface = c->interface ? c->interface : (c->n_files ? NULL : cfg->interface);
    if (!c->n_files && !iface) {
        usage(stderr);
        return fail(2, "nothing to read: give -r FILE or -i IFACE");
    }
    capture_options copt = {c->files, iface ? 0 : c->n_files, iface, c->filter ? c->filter : cfg->filter,
                            cfg->snaplen, cfg->promiscuous, cfg->buffer_mib};
    capture *cap = NULL;
    outputs *out = NULL;
    run_state rs = {.cli = c, .base = cfg};
    notify_open(&rs.notify);
    lw_status st = capture_open(&copt, &cap, err, sizeof err);
    if (st == LW_OK)
        st = outputs_open(cfg, &out, err, sizeof err);
    if (st == LW_OK)
        st = engine_new(cfg, out, capture_is_live(cap), &rs.engine, err, sizeof err);
    if (st == LW_OK && cfg->metrics_listen && capture_is_live(cap)) /* a replay beside the service shares its config */
        st = metrics_open(cfg->metrics_listen, &rs.metrics, err, sizeof err);
    if (st == LW_OK) {
        rs.capture = cap;
        rs.out = out;
        running_capture = cap;
        install_signals();
        service_due(&rs, NULL); /* /healthz answers 200 from the moment systemd hears READY */
        notify_send(&rs.notify, "READY=1");
        st = capture_run(cap, on_frame, &rs, err, sizeof err);
        running_capture = NULL;
        notify_send(&rs.notify, "STOPPING=1");
        char finish_err[LW_ERRBUF] = "";
        lw_status fst = engine_finish(rs.engine, capture_drops(cap), finish_err, sizeof finish_err);
        if (st == LW_OK && fst != LW_OK) {
            st = fst;
            snprintf(err, sizeof err, "%s", finish_err);
        }
        if (c->stats)
            stats_print_summary(engine_stats(rs.engine), stderr);
    }
    metrics_close(rs.metrics);
    notify_close(&rs.notify);
    engine_free(rs.engine);
    outputs_close(out, c->stats ? stderr : NULL);
    capture_close(cap);
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
    free(c.outputs);
    return rc;
}
