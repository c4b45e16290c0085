/* test_spool.c — unit tests of src/spool.c in temporary directories: order, acknowledgement
 * across reopen, torn and damaged tails, both overflow policies, segment rotation, locking,
 * a full disk (a file size limit in a child process). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spool.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int setup_dir(void **state)
{
    char *dir = strdup("/tmp/lw-spool-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    *state = dir;
    return 0;
}

static int teardown_dir(void **state)
{
    nftw(*state, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(*state);
    return 0;
}

static spool *open_spool(const char *dir, long max_bytes, lw_spool_overflow overflow)
{
    spool_options o = {dir, max_bytes, overflow, LW_FSYNC_BATCH};
    char err[LW_ERRBUF] = "";
    spool *sp = NULL;
    if (spool_open(&o, &sp, err, sizeof(err)) != LW_OK)
        fail_msg("spool_open: %s", err);
    return sp;
}

static void append_n(spool *sp, int from, int count)
{
    char err[LW_ERRBUF], buf[64];
    for (int i = from; i < from + count; i++) {
        int n = snprintf(buf, sizeof(buf), "{\"alert_id\":\"%06d\"}", i);
        assert_int_equal(spool_append(sp, (uint8_t)(i % 2), buf, (size_t)n, NULL, err, sizeof(err)), LW_OK);
    }
}

/* Read everything pending and check it is exactly ids first..first+count-1 in order. */
static spool_pos expect_ids(spool *sp, int first, int count)
{
    spool_record recs[16];
    spool_pos end = {0, 0};
    char err[LW_ERRBUF];
    int seen = 0;
    size_t got;
    do {
        assert_int_equal(spool_read(sp, recs, 16, &got, err, sizeof(err)), LW_OK);
        for (size_t i = 0; i < got; i++, seen++) {
            char want[64];
            snprintf(want, sizeof(want), "{\"alert_id\":\"%06d\"}", first + seen);
            assert_string_equal(recs[i].data, want);
            assert_int_equal(recs[i].tag, (first + seen) % 2);
            end = recs[i].end;
        }
        spool_records_free(recs, got);
    } while (got > 0);
    assert_int_equal(seen, count);
    return end;
}

static char *newest_segment(const char *dir)
{
    static char path[4096];
    char best[256] = "";
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".seg") && strcmp(e->d_name, best) > 0)
            snprintf(best, sizeof(best), "%s", e->d_name);
    closedir(d);
    snprintf(path, sizeof(path), "%s/%s", dir, best);
    return path;
}

static int count_segments(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strstr(e->d_name, ".seg") != NULL;
    closedir(d);
    return n;
}

static void test_order_and_ack_survive_reopen(void **state)
{
    char err[LW_ERRBUF];
    spool *sp = open_spool(*state, 0, LW_SPOOL_DROP_NEWEST);
    assert_true(spool_is_empty(sp));
    append_n(sp, 0, 10);
    assert_false(spool_is_empty(sp));
    spool_record recs[4];
    size_t got;
    assert_int_equal(spool_read(sp, recs, 4, &got, err, sizeof(err)), LW_OK);
    assert_int_equal(got, 4);
    assert_int_equal(spool_ack(sp, recs[3].end, err, sizeof(err)), LW_OK);
    spool_records_free(recs, got);
    spool_close(sp);

    sp = open_spool(*state, 0, LW_SPOOL_DROP_NEWEST);
    spool_counters c;
    spool_get_counters(sp, &c);
    assert_int_equal(c.open_records, 6);
    assert_int_equal(c.torn, 0);
    append_n(sp, 10, 3);
    expect_ids(sp, 4, 9);
    spool_close(sp);
}

static void test_rewind_rereads_unacked(void **state)
{
    char err[LW_ERRBUF];
    spool *sp = open_spool(*state, 0, LW_SPOOL_DROP_NEWEST);
    append_n(sp, 0, 5);
    spool_record recs[3];
    size_t got;
    assert_int_equal(spool_read(sp, recs, 3, &got, err, sizeof(err)), LW_OK);
    assert_int_equal(spool_ack(sp, recs[0].end, err, sizeof(err)), LW_OK);
    spool_records_free(recs, got);
    spool_rewind(sp);
    spool_pos end = expect_ids(sp, 1, 4);
    assert_int_equal(spool_ack(sp, end, err, sizeof(err)), LW_OK);
    assert_true(spool_is_empty(sp));
    spool_close(sp);
}

static void test_torn_tail_is_cut_and_counted(void **state)
{
    spool *sp = open_spool(*state, 0, LW_SPOOL_DROP_NEWEST);
    append_n(sp, 0, 3);
    spool_close(sp);
    /* a crash in the middle of the 4th record: a header and half a payload */
    FILE *f = fopen(newest_segment(*state), "ab");
    const unsigned char torn[] = {0xA5, 0x00, 40, 0, 0, 0, 1, 2, 3, 4, '{', '"', 'a'};
    fwrite(torn, 1, sizeof(torn), f);
    fclose(f);

    sp = open_spool(*state, 0, LW_SPOOL_DROP_NEWEST);
    spool_counters c;
    spool_get_counters(sp, &c);
    assert_int_equal(c.torn, 1);
    assert_int_equal(c.open_records, 3);
    append_n(sp, 3, 2); /* appends follow whole records, so they stay readable */
    expect_ids(sp, 0, 5);
    spool_close(sp);
}

static void test_damaged_record_fails_checksum(void **state)
{
    spool *sp = open_spool(*state, 0, LW_SPOOL_DROP_NEWEST);
    append_n(sp, 0, 3);
    spool_close(sp);
    int fd = open(newest_segment(*state), O_RDWR);
    off_t size = lseek(fd, 0, SEEK_END);
    assert_int_equal(pwrite(fd, "X", 1, size - 3), 1); /* flip a byte inside the last payload */
    close(fd);

    sp = open_spool(*state, 0, LW_SPOOL_DROP_NEWEST);
    spool_counters c;
    spool_get_counters(sp, &c);
    assert_int_equal(c.torn, 1);
    expect_ids(sp, 0, 2);
    spool_close(sp);
}

/* Each record is 10 header bytes + 21 payload bytes = 31 bytes; the cap holds 10 of them. */
static void test_cap_drop_newest_keeps_oldest(void **state)
{
    spool *sp = open_spool(*state, 310, LW_SPOOL_DROP_NEWEST);
    append_n(sp, 0, 15);
    spool_counters c;
    spool_get_counters(sp, &c);
    assert_int_equal(c.appended, 10);
    assert_int_equal(c.dropped, 5);
    assert_int_equal(c.pending_bytes, 310);
    expect_ids(sp, 0, 10);
    spool_close(sp);
}

static void test_cap_drop_oldest_keeps_newest(void **state)
{
    spool *sp = open_spool(*state, 310, LW_SPOOL_DROP_OLDEST);
    append_n(sp, 0, 15);
    spool_counters c;
    spool_get_counters(sp, &c);
    assert_int_equal(c.appended, 15);
    assert_int_equal(c.dropped, 5);
    assert_int_equal(c.pending_bytes, 310);
    expect_ids(sp, 5, 10);
    spool_close(sp);
    sp = open_spool(*state, 310, LW_SPOOL_DROP_OLDEST); /* the drops were acknowledged on disk */
    expect_ids(sp, 5, 10);
    spool_close(sp);
}

static void test_segments_rotate_and_are_deleted(void **state)
{
    char err[LW_ERRBUF];
    spool *sp = open_spool(*state, 64 * 1024, LW_SPOOL_DROP_NEWEST); /* 8 KiB segments */
    append_n(sp, 0, 2000);
    spool_close(sp);
    assert_true(count_segments(*state) >= 7);
    sp = open_spool(*state, 64 * 1024, LW_SPOOL_DROP_NEWEST);
    spool_pos end = expect_ids(sp, 0, 2000);
    assert_int_equal(spool_ack(sp, end, err, sizeof(err)), LW_OK);
    assert_int_equal(count_segments(*state), 1);
    append_n(sp, 2000, 1); /* a drained spool goes on in its segment until that is full */
    assert_int_equal(count_segments(*state), 1);
    end = expect_ids(sp, 2000, 1);
    spool_pos tail = spool_tail(sp);
    assert_int_equal(tail.seq, end.seq);
    assert_int_equal(tail.off, end.off);
    assert_int_equal(spool_ack(sp, end, err, sizeof(err)), LW_OK);
    append_n(sp, 2001, 300); /* fills it: appends go on in a new one */
    assert_int_equal(count_segments(*state), 2);
    assert_true(spool_tail(sp).seq > end.seq);
    end = expect_ids(sp, 2001, 300);
    assert_int_equal(spool_ack(sp, end, err, sizeof(err)), LW_OK); /* the full one is forgotten */
    assert_int_equal(count_segments(*state), 1);
    spool_close(sp);
}

static void test_second_process_is_refused(void **state)
{
    spool *sp = open_spool(*state, 0, LW_SPOOL_DROP_NEWEST);
    spool_options o = {*state, 0, LW_SPOOL_DROP_NEWEST, LW_FSYNC_NEVER};
    spool *other = NULL;
    char err[LW_ERRBUF];
    assert_int_equal(spool_open(&o, &other, err, sizeof(err)), LW_ERR_RUNTIME);
    assert_non_null(strstr(err, "in use"));
    spool_close(sp);
}

static void test_unusable_directory_is_reported(void **state)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/file", (char *)*state);
    fclose(fopen(path, "w"));
    strcat(path, "/spool");
    spool_options o = {path, 0, LW_SPOOL_DROP_NEWEST, LW_FSYNC_NEVER};
    spool *sp = NULL;
    char err[LW_ERRBUF];
    assert_int_equal(spool_open(&o, &sp, err, sizeof(err)), LW_ERR_RUNTIME);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "Not a directory"));
}

/* In a child: 300 records into segments limited to 4000 bytes (EFBIG, as a full disk), then
 * the limit goes and 10 more. Exit 0 when what was kept reads back whole and in order: the
 * records that fitted, then the 10; the others counted as dropped for a full disk. */
static int full_disk_child(const char *dir)
{
    char err[LW_ERRBUF], buf[64];
    signal(SIGXFSZ, SIG_IGN);
    spool *sp = open_spool(dir, 0, LW_SPOOL_DROP_OLDEST);
    struct rlimit lim, small;
    getrlimit(RLIMIT_FSIZE, &lim);
    small = (struct rlimit){4000, lim.rlim_max};
    if (setrlimit(RLIMIT_FSIZE, &small) != 0)
        return 1;
    for (int i = 0; i < 310; i++) {
        if (i == 300 && setrlimit(RLIMIT_FSIZE, &lim) != 0)
            return 2;
        int n = snprintf(buf, sizeof(buf), "{\"alert_id\":\"%06d\"}", i);
        if (spool_append(sp, 0, buf, (size_t)n, NULL, err, sizeof(err)) != LW_OK)
            return 3;
    }
    spool_counters c;
    spool_get_counters(sp, &c);
    uint64_t kept = c.appended - 10;
    if (kept < 100 || c.dropped != 300 - kept || c.disk_full != c.dropped)
        return 4;
    spool_record recs[16];
    size_t got, seen = 0;
    do {
        if (spool_read(sp, recs, 16, &got, err, sizeof(err)) != LW_OK)
            return 5;
        for (size_t i = 0; i < got; i++, seen++) {
            snprintf(buf, sizeof(buf), "{\"alert_id\":\"%06d\"}", (int)(seen < kept ? seen : 300 + seen - kept));
            if (strcmp(recs[i].data, buf) != 0)
                return 6;
        }
        spool_records_free(recs, got);
    } while (got > 0);
    spool_close(sp);
    return seen == kept + 10 ? 0 : 7;
}

static void test_full_disk_drops_and_goes_on(void **state)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(full_disk_child(*state));
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order_and_ack_survive_reopen, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_rewind_rereads_unacked, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_torn_tail_is_cut_and_counted, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_damaged_record_fails_checksum, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_cap_drop_newest_keeps_oldest, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_cap_drop_oldest_keeps_newest, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_segments_rotate_and_are_deleted, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_second_process_is_refused, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_unusable_directory_is_reported, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_full_disk_drops_and_goes_on, setup_dir, teardown_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
