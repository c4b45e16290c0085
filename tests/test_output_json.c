/* test_output_json.c — the JSON Lines sink (src/output_json.c) on real files: lines as
 * written, append across opens, reopen after a logrotate-style rename, and a full disk (a
 * file size limit, RLIMIT_FSIZE, in a child process: EFBIG like ENOSPC) that drops and counts
 * records, keeps the file whole lines, says so once, and resumes when there is room again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output.h"

typedef struct fixture {
    char dir[64], path[128];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/lw-json-test-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/alerts.json", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static output_sink *open_sink(const char *path)
{
    output_sink *s = NULL;
    char err[LW_ERRBUF] = "";
    if (output_json_open(path, &s, err, sizeof err) != LW_OK)
        fail_msg("%s", err);
    return s;
}

/* Records {"alert_id":"<i>","pad":"xxx…"} of about 100 bytes. */
static void write_ids(output_sink *s, int from, int count)
{
    char json[128], err[LW_ERRBUF];
    for (int i = from; i < from + count; i++) {
        int n = snprintf(json, sizeof json, "{\"alert_id\":\"%d\",\"pad\":\"%070d\"}", i, 0);
        assert_int_equal(s->write(s, LW_RECORD_ALERT, json, (size_t)n, err, sizeof err), LW_OK);
    }
}

/* The ids of the file's lines in order; fails on a line that is not a whole record. */
static int read_ids(const char *path, int *ids, int max)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return 0;
    char line[256];
    int n = 0, id;
    while (fgets(line, sizeof line, fp)) {
        char want[128];
        if (sscanf(line, "{\"alert_id\":\"%d\"", &id) != 1 ||
            (snprintf(want, sizeof want, "{\"alert_id\":\"%d\",\"pad\":\"%070d\"}\n", id, 0), strcmp(line, want)) != 0)
            fail_msg("%s: not a whole record: %s", path, line);
        if (n < max)
            ids[n] = id;
        n++;
    }
    fclose(fp);
    return n;
}

static void test_lines_append_across_opens(void **state)
{
    fixture *f = *state;
    char err[LW_ERRBUF];
    output_sink *s = open_sink(f->path);
    write_ids(s, 0, 10);
    assert_int_equal(s->flush(s, err, sizeof err), LW_OK);
    s->close(s, NULL);
    s = open_sink(f->path);
    write_ids(s, 10, 1000); /* more than one buffer */
    s->close(s, NULL);
    int ids[1010];
    assert_int_equal(read_ids(f->path, ids, 1010), 1010);
    for (int i = 0; i < 1010; i++)
        assert_int_equal(ids[i], i);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
}

/* logrotate: mv, then SIGUSR2 (reopen). Records before the reopen stay in the moved file. */
static void test_reopen_after_rename(void **state)
{
    fixture *f = *state;
    char err[LW_ERRBUF], moved[160];
    snprintf(moved, sizeof moved, "%s.1", f->path);
    output_sink *s = open_sink(f->path);
    write_ids(s, 0, 5);
    assert_int_equal(s->flush(s, err, sizeof err), LW_OK);
    assert_int_equal(rename(f->path, moved), 0);
    write_ids(s, 5, 3); /* buffered before the reopen: they go where the file was open */
    s->reopen(s);
    write_ids(s, 8, 4);
    s->close(s, NULL);
    int ids[16];
    assert_int_equal(read_ids(moved, ids, 16), 8);
    assert_int_equal(ids[7], 7);
    assert_int_equal(read_ids(f->path, ids, 16), 4);
    assert_int_equal(ids[0], 8);
    assert_int_equal(ids[3], 11);
}

static void test_reopen_of_a_vanished_directory_keeps_writing(void **state)
{
    fixture *f = *state;
    char err[LW_ERRBUF], sub[128], path[160];
    snprintf(sub, sizeof sub, "%s/sub", f->dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/a.json", sub);
    output_sink *s = open_sink(path);
    assert_int_equal(rename(sub, f->path), 0); /* the directory moves away: the path is gone */
    s->reopen(s);                               /* a note on stderr, the old file stays open */
    write_ids(s, 0, 2);
    assert_int_equal(s->flush(s, err, sizeof err), LW_OK);
    s->close(s, NULL);
    snprintf(path, sizeof path, "%s/a.json", f->path);
    int ids[4];
    assert_int_equal(read_ids(path, ids, 4), 2);
}

/* The child writes 100 records, flushing every 10, into a file limited to 4000 bytes; then
 * the limit goes and 10 more follow. Its stderr goes to notes. */
static void full_disk_child(const char *path, const char *notes)
{
    char err[LW_ERRBUF];
    if (!freopen(notes, "w", stderr))
        _exit(10);
    setvbuf(stderr, NULL, _IONBF, 0);
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim;
    getrlimit(RLIMIT_FSIZE, &lim);
    struct rlimit small = {4000, lim.rlim_max};
    output_sink *s = NULL;
    if (output_json_open(path, &s, err, sizeof err) != LW_OK || setrlimit(RLIMIT_FSIZE, &small) != 0)
        _exit(11);
    for (int batch = 0; batch < 10; batch++) {
        write_ids(s, batch * 10, 10);
        if (s->flush(s, err, sizeof err) != LW_OK)
            _exit(12);
    }
    output_health h = {0};
    s->health(s, &h);
    if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
        _exit(13);
    write_ids(s, 100, 10);
    s->close(s, stdout);
    _exit(h.dropped == 60 ? 0 : 14); /* 10 records of 96 bytes and 30 of 97 fit in 4000, the 4th batch not */
}

static void test_full_disk_drops_and_counts(void **state)
{
    fixture *f = *state;
    char notes[160];
    snprintf(notes, sizeof notes, "%s/notes", f->dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        full_disk_child(f->path, notes);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    int ids[64];
    assert_int_equal(read_ids(f->path, ids, 64), 50);
    assert_int_equal(ids[39], 39);
    assert_int_equal(ids[40], 100); /* the records after the room came back */
    FILE *fp = fopen(notes, "r");
    assert_non_null(fp);
    char line[512];
    int full = 0, room = 0, other = 0;
    while (fgets(line, sizeof line, fp)) {
        if (strstr(line, "disk full") && strstr(line, f->path))
            full++;
        else if (strstr(line, "room again") && strstr(line, "after 60 dropped"))
            room++;
        else
            other++, print_message("note: %s", line);
    }
    fclose(fp);
    assert_int_equal(full, 1);
    assert_int_equal(room, 1);
    assert_int_equal(other, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lines_append_across_opens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_after_rename, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_of_a_vanished_directory_keeps_writing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_drops_and_counts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
