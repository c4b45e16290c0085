/* test_flowpackets.c — the packets of alerting flows, through the module's interface and the
 * files it writes (read back byte by byte): frames kept until the alert and appended after it,
 * the per-direction depth and the memcap (cut frames counted), one link type per file,
 * max_bytes, a second alert's hard link, a settled flow's frames released, appends on the
 * one-second tick, and failures that are counted and logged once: a directory that cannot
 * exist, a file limit hit mid-write (RLIMIT_FSIZE, as a full disk), a file removed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "flowpackets.h"

#define ID1 "0b1e9a57-1f2c-8d3e-9a4b-5c6d7e8f9012"
#define ID2 "0b1e9a57-1f2c-8d3e-9a4b-5c6d7e8f9013"

typedef struct fixture {
    char dir[32];
    char path1[96], path2[96];
    uint8_t frame[2000];
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/lw-fp-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->path1, sizeof fx->path1, "%s/" ID1 ".pcap", fx->dir);
    snprintf(fx->path2, sizeof fx->path2, "%s/" ID2 ".pcap", fx->dir);
    for (size_t i = 0; i < sizeof fx->frame; i++)
        fx->frame[i] = (uint8_t)(i * 7 + 3);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    assert_int_equal(system(cmd), 0);
    free(fx);
    return 0;
}

static flowpackets *new_fp_in(const char *dir, uint64_t max_bytes, uint32_t depth, uint64_t memcap, FILE *log)
{
    flowpackets_config cfg = {dir, max_bytes, depth, memcap};
    flowpackets *fp = flowpackets_new(&cfg, log);
    assert_non_null(fp);
    return fp;
}

static flowpackets *new_fp(const fixture *fx, uint64_t max_bytes, uint32_t depth, uint64_t memcap, FILE *log)
{
    return new_fp_in(fx->dir, max_bytes, depth, memcap, log);
}

/* Frame n: `len` bytes starting at offset n of the pattern, time n ms. */
static capture_frame frame_n(const fixture *fx, int n, uint32_t len, int linktype)
{
    capture_frame f = {1746353553000000ULL + (uint64_t)n * 1000, linktype, fx->frame + n, len, len + 4, "fixture", false};
    return f;
}

typedef struct pcap_read {
    uint32_t magic, linktype, n;
    uint64_t ts[64];
    uint32_t caplen[64], wirelen[64];
    int first_byte[64];
    long size;
} pcap_read;

static void read_pcap(const char *path, pcap_read *r)
{
    memset(r, 0, sizeof *r);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint8_t h[24];
    assert_int_equal(fread(h, 1, 24, f), 24);
    memcpy(&r->magic, h, 4);
    memcpy(&r->linktype, h + 20, 4);
    uint32_t rec[4];
    while (fread(rec, 1, 16, f) == 16) {
        assert_true(r->n < 64);
        r->ts[r->n] = (uint64_t)rec[0] * 1000000 + rec[1];
        r->caplen[r->n] = rec[2];
        r->wirelen[r->n] = rec[3];
        uint8_t data[2000];
        assert_int_equal(fread(data, 1, rec[2], f), rec[2]);
        r->first_byte[r->n] = data[0];
        r->n++;
    }
    r->size = ftell(f);
    fclose(f);
}

/* Frames before the alert are in the file from the first; later ones come at the flow's end. */
static void test_alert_writes_kept_then_later_frames(void **state)
{
    fixture *fx = *state;
    flowpackets *fp = new_fp(fx, 1 << 20, 65536, 1 << 20, NULL);
    flow_packets *part = NULL;
    for (int i = 0; i < 3; i++) {
        capture_frame f = frame_n(fx, i, 100 + (uint32_t)i, 1);
        flowpackets_frame(fp, &part, &f, i % 2, true);
    }
    flowpackets_alert(fp, &part, ID1);
    pcap_read r;
    read_pcap(fx->path1, &r);
    assert_int_equal(r.magic, 0xA1B2C3D4);
    assert_int_equal(r.linktype, 1);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.caplen[0], 100);
    assert_int_equal(r.wirelen[2], 106);
    assert_int_equal(r.ts[1], 1746353553001000ULL);
    assert_int_equal(r.first_byte[2], fx->frame[2]);
    for (int i = 3; i < 6; i++) {
        capture_frame f = frame_n(fx, i, 60, 1);
        flowpackets_frame(fp, &part, &f, 0, false); /* settled after the alert: still written */
    }
    flowpackets_settled(fp, &part);
    assert_non_null(part);
    read_pcap(fx->path1, &r);
    assert_int_equal(r.n, 3); /* waiting for the next append */
    flowpackets_flow_end(fp, &part);
    assert_null(part);
    read_pcap(fx->path1, &r);
    assert_int_equal(r.n, 6);
    assert_int_equal(r.first_byte[5], fx->frame[5]);
    const flowpackets_stats *s = flowpackets_get_stats(fp);
    assert_int_equal(s->files, 1);
    assert_int_equal(s->packets_written, 6);
    assert_int_equal(s->packets_cut, 0);
    assert_int_equal(s->mem_in_use, 0);
    assert_true(s->mem_peak > 300);
    flowpackets_free(fp);
}

/* Each direction keeps depth + 1/8 bytes of records; the rest is cut and counted. */
static void test_depth_per_direction(void **state)
{
    fixture *fx = *state;
    flowpackets *fp = new_fp(fx, 1 << 20, 1024, 1 << 20, NULL); /* 1152 bytes a direction */
    flow_packets *part = NULL;
    for (int i = 0; i < 5; i++) { /* 5 × 316 bytes to the server: 3 fit (948; 4 would be 1264) */
        capture_frame f = frame_n(fx, i, 300, 1);
        flowpackets_frame(fp, &part, &f, LW_DIR_INITIATOR, true);
    }
    capture_frame back = frame_n(fx, 9, 1100, 1);
    flowpackets_frame(fp, &part, &back, LW_DIR_RESPONDER, true);
    assert_int_equal(flowpackets_get_stats(fp)->packets_cut, 2);
    flowpackets_alert(fp, &part, ID1);
    pcap_read r;
    read_pcap(fx->path1, &r);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.first_byte[3], fx->frame[9]);
    flowpackets_flow_end(fp, &part);
    flowpackets_free(fp);
}

/* The worker's memcap bounds all flows together. */
static void test_memcap(void **state)
{
    fixture *fx = *state;
    flowpackets *fp = new_fp(fx, 1 << 20, 65536, 8192, NULL);
    flow_packets *parts[8] = {0};
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 4; k++) {
            capture_frame f = frame_n(fx, k, 1000, 1);
            flowpackets_frame(fp, &parts[i], &f, 0, true);
        }
    const flowpackets_stats *s = flowpackets_get_stats(fp);
    assert_true(s->packets_cut > 0);
    assert_true(s->mem_peak <= 8192);
    for (int i = 0; i < 8; i++)
        flowpackets_settled(fp, &parts[i]);
    assert_int_equal(s->mem_in_use, 0);
    flowpackets_free(fp);
}

/* A file has the first frame's link type; frames of another are cut. DLT_RAW is stored as 101. */
static void test_link_types(void **state)
{
    fixture *fx = *state;
    flowpackets *fp = new_fp(fx, 1 << 20, 65536, 1 << 20, NULL);
    flow_packets *part = NULL;
    capture_frame raw = frame_n(fx, 0, 40, 12), sll = frame_n(fx, 1, 40, 113);
    flowpackets_frame(fp, &part, &raw, 0, true);
    flowpackets_frame(fp, &part, &sll, 1, true);
    flowpackets_alert(fp, &part, ID1);
    flowpackets_flow_end(fp, &part);
    pcap_read r;
    read_pcap(fx->path1, &r);
    assert_int_equal(r.linktype, 101);
    assert_int_equal(r.n, 1);
    assert_int_equal(flowpackets_get_stats(fp)->packets_cut, 1);
    flowpackets_free(fp);
}

/* max_bytes: whole records only, never past the limit, before and after the alert. */
static void test_max_bytes(void **state)
{
    fixture *fx = *state;
    flowpackets *fp = new_fp(fx, 24 + 2 * 116 + 50, 65536, 1 << 20, NULL);
    flow_packets *part = NULL;
    capture_frame f = frame_n(fx, 0, 100, 1);
    flowpackets_frame(fp, &part, &f, 0, true);
    flowpackets_alert(fp, &part, ID1);
    for (int i = 1; i < 5; i++) {
        f = frame_n(fx, i, 100, 1);
        flowpackets_frame(fp, &part, &f, 0, true);
    }
    flowpackets_flow_end(fp, &part);
    pcap_read r;
    read_pcap(fx->path1, &r);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.size, 24 + 2 * 116);
    assert_int_equal(flowpackets_get_stats(fp)->files_full, 1);

    flowpackets *small = new_fp(fx, 24 + 116, 65536, 1 << 20, NULL);
    for (int i = 0; i < 3; i++) {
        f = frame_n(fx, i, 100, 1);
        flowpackets_frame(small, &part, &f, 0, true);
    }
    flowpackets_alert(small, &part, ID2);
    read_pcap(fx->path2, &r);
    assert_int_equal(r.n, 1);
    assert_int_equal(flowpackets_get_stats(small)->files_full, 1);
    flowpackets_flow_end(small, &part);
    flowpackets_free(small);
    flowpackets_free(fp);
}

/* A second alert of the flow: the same file under its own name, growing with the first. */
static void test_second_alert_links(void **state)
{
    fixture *fx = *state;
    flowpackets *fp = new_fp(fx, 1 << 20, 65536, 1 << 20, NULL);
    flow_packets *part = NULL;
    capture_frame f = frame_n(fx, 0, 80, 1);
    flowpackets_frame(fp, &part, &f, 0, true);
    flowpackets_alert(fp, &part, ID1);
    f = frame_n(fx, 1, 80, 1);
    flowpackets_frame(fp, &part, &f, 1, true);
    flowpackets_alert(fp, &part, ID2);
    pcap_read r;
    read_pcap(fx->path2, &r);
    assert_int_equal(r.n, 2); /* the frame between the alerts was appended before the link */
    f = frame_n(fx, 2, 80, 1);
    flowpackets_frame(fp, &part, &f, 0, true);
    flowpackets_flow_end(fp, &part);
    struct stat a, b;
    assert_int_equal(stat(fx->path1, &a), 0);
    assert_int_equal(stat(fx->path2, &b), 0);
    assert_int_equal(a.st_ino, b.st_ino);
    read_pcap(fx->path2, &r);
    assert_int_equal(r.n, 3);
    assert_int_equal(flowpackets_get_stats(fp)->files, 2);
    flowpackets_free(fp);
}

/* A flow that settles without an alert gives its frames back; no file, nothing more kept. */
static void test_settled_flow_released(void **state)
{
    fixture *fx = *state;
    flowpackets *fp = new_fp(fx, 1 << 20, 65536, 1 << 20, NULL);
    flow_packets *part = NULL;
    capture_frame f = frame_n(fx, 0, 500, 1);
    flowpackets_frame(fp, &part, &f, 0, true);
    assert_true(flowpackets_get_stats(fp)->mem_in_use > 500);
    flowpackets_settled(fp, &part);
    assert_null(part);
    flowpackets_frame(fp, &part, &f, 0, false);
    assert_null(part);
    assert_int_equal(flowpackets_get_stats(fp)->mem_in_use, 0);
    assert_int_equal(access(fx->path1, F_OK), -1);
    flowpackets_free(fp);
}

/* Live: frames after the alert reach the file a second (packet time) after the first of them. */
static void test_tick_appends(void **state)
{
    fixture *fx = *state;
    flowpackets *fp = new_fp(fx, 1 << 20, 65536, 1 << 20, NULL);
    flow_packets *part = NULL;
    capture_frame f = frame_n(fx, 0, 80, 1);
    flowpackets_frame(fp, &part, &f, 0, true);
    flowpackets_alert(fp, &part, ID1);
    f = frame_n(fx, 1, 80, 1);
    flowpackets_frame(fp, &part, &f, 0, true);
    pcap_read r;
    flowpackets_tick(fp, f.ts_us + 500000);
    read_pcap(fx->path1, &r);
    assert_int_equal(r.n, 1);
    flowpackets_tick(fp, f.ts_us + 1000000);
    read_pcap(fx->path1, &r);
    assert_int_equal(r.n, 2);
    flowpackets_flow_end(fp, &part);
    flowpackets_free(fp);
}

/* Alert ids never become paths unless they are UUIDs. */
static void test_hostile_alert_id(void **state)
{
    fixture *fx = *state;
    flowpackets *fp = new_fp(fx, 1 << 20, 65536, 1 << 20, NULL);
    flow_packets *part = NULL;
    capture_frame f = frame_n(fx, 0, 80, 1);
    flowpackets_frame(fp, &part, &f, 0, true);
    flowpackets_alert(fp, &part, "../../0b1e9a57-1f2c-8d3e-9a4b-5c6d7e8f");
    flowpackets_alert(fp, &part, ID1 "/x");
    assert_int_equal(flowpackets_get_stats(fp)->files, 0);
    flowpackets_flow_end(fp, &part);
    flowpackets_free(fp);
}

static int count_lines(FILE *log)
{
    int n = 0, c;
    rewind(log);
    while ((c = fgetc(log)) != EOF)
        n += c == '\n';
    return n;
}

/* A directory that cannot be made: every alert fails, counted; one log line per errno. */
static void test_unwritable_directory(void **state)
{
    fixture *fx = *state;
    char file[128];
    snprintf(file, sizeof file, "%s/plain-file", fx->dir);
    FILE *f = fopen(file, "w");
    fclose(f);
    char below[160];
    snprintf(below, sizeof below, "%s/pcap", file);
    FILE *log = tmpfile();
    flowpackets *fp = new_fp_in(below, 1 << 20, 65536, 1 << 20, log);
    flow_packets *parts[3] = {0};
    for (int i = 0; i < 3; i++) {
        capture_frame fr = frame_n(fx, i, 80, 1);
        flowpackets_frame(fp, &parts[i], &fr, 0, true);
        flowpackets_alert(fp, &parts[i], i ? ID2 : ID1);
        flowpackets_flow_end(fp, &parts[i]);
    }
    const flowpackets_stats *s = flowpackets_get_stats(fp);
    assert_int_equal(s->files, 0);
    assert_int_equal(s->errors, 4); /* the directory, then three files */
    assert_int_equal(count_lines(log), 1);
    assert_int_equal(s->mem_in_use, 0);
    fclose(log);
    flowpackets_free(fp);
}

/* A write that fails half-way (RLIMIT_FSIZE: EFBIG, as a full disk gives ENOSPC) stops that
 * flow's file; others go on. A file removed under a flow: its appends fail, counted. */
static void test_write_failures(void **state)
{
    fixture *fx = *state;
    FILE *log = tmpfile();
    flowpackets *fp = new_fp(fx, 1 << 20, 65536, 1 << 20, log);
    flow_packets *part = NULL;
    for (int i = 0; i < 8; i++) {
        capture_frame f = frame_n(fx, i, 1000, 1);
        flowpackets_frame(fp, &part, &f, i & 1, true);
    }
    struct rlimit old, tiny = {4096, 4096};
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    tiny.rlim_max = old.rlim_max;
    void (*previous)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &tiny), 0);
    flowpackets_alert(fp, &part, ID1);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, previous);
    assert_int_equal(access(fx->path1, F_OK), -1); /* the temporary file was removed, nothing renamed */
    assert_int_equal(flowpackets_get_stats(fp)->errors, 1);
    flowpackets_flow_end(fp, &part);

    capture_frame f = frame_n(fx, 0, 100, 1);
    flowpackets_frame(fp, &part, &f, 0, true);
    flowpackets_alert(fp, &part, ID2);
    assert_int_equal(unlink(fx->path2), 0);
    flowpackets_frame(fp, &part, &f, 0, true);
    flowpackets_flow_end(fp, &part);
    assert_int_equal(access(fx->path2, F_OK), -1); /* appends never create a file */
    assert_int_equal(flowpackets_get_stats(fp)->errors, 2);
    assert_int_equal(count_lines(log), 2); /* EFBIG, ENOENT */
    fclose(log);
    flowpackets_free(fp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_alert_writes_kept_then_later_frames, setup, teardown),
        cmocka_unit_test_setup_teardown(test_depth_per_direction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memcap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_max_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_alert_links, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settled_flow_released, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tick_appends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_alert_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_failures, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
