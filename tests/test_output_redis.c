/* test_output_redis.c — the Redis sink against a real, private redis-server (forked on a free
 * loopback port, killed in teardown): each mode delivers exactly what was written, in order;
 * a wrong password is a clear error at open; a Redis killed in the middle of 10,000 records
 * and restarted loses none; a Redis down for a whole run leaves a spool that the next open
 * delivers first; the cap policies and a torn spool tail behave as documented; records written
 * before leakwatch is SIGKILLed (Redis frozen) arrive with the next run, in order.
 * Skipped when redis-server is not installed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <ftw.h>
#include <hiredis/hiredis.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "output.h"

typedef struct fixture {
    char dir[64];
    char spool[96];
    char sock[96];
    int port;
    pid_t pid;
} fixture;

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static redisContext *client(const fixture *f, const char *password)
{
    for (int i = 0; i < 200; i++, sleep_ms(25)) {
        redisContext *c = redisConnect("127.0.0.1", f->port);
        if (!c || c->err) {
            redisFree(c);
            continue;
        }
        redisReply *r = password ? redisCommand(c, "AUTH %s", password) : redisCommand(c, "PING");
        bool up = r && r->type != REDIS_REPLY_ERROR;
        freeReplyObject(r);
        if (up)
            return c;
        redisFree(c);
    }
    fail_msg("redis-server on port %d did not come up", f->port);
    return NULL;
}

/* Start redis-server; extra arguments (NULL-terminated) follow the defaults. */
static void redis_start(fixture *f, const char *password, bool durable)
{
    char port[16];
    snprintf(port, sizeof(port), "%d", f->port);
    f->pid = fork();
    assert_true(f->pid >= 0);
    if (f->pid == 0) {
        freopen("/dev/null", "w", stdout);
        const char *argv[24] = {"redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--dir",
                                f->dir, "--unixsocket", f->sock, "--daemonize", "no", "--appendonly",
                                durable ? "yes" : "no", "--appendfsync", "always"};
        int argc = 17;
        if (password) {
            argv[argc++] = "--requirepass";
            argv[argc++] = password;
        }
        execvp("redis-server", (char **)argv);
        _exit(127);
    }
    redisFree(client(f, password));
}

static void redis_stop(fixture *f, int sig)
{
    if (f->pid <= 0)
        return;
    kill(f->pid, sig);
    waitpid(f->pid, NULL, 0);
    f->pid = 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/lw-redis-test-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->spool, sizeof(f->spool), "%s/spool", f->dir);
    snprintf(f->sock, sizeof(f->sock), "%s/redis.sock", f->dir);
    f->port = free_port();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    redis_stop(f, SIGKILL);
    nftw(f->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

static lw_redis_config config_for(const fixture *f, lw_redis_mode mode)
{
    return (lw_redis_config){.host = "127.0.0.1", .port = f->port, .mode = mode, .key = "lw:test",
                             .maxlen = 100000, .spool_dir = (char *)f->spool, .spool_max_bytes = 0,
                             .fsync = LW_FSYNC_BATCH, .batch = 64, .timeout_ms = 500};
}

static output_sink *open_sink(const lw_redis_config *rc)
{
    output_sink *s = NULL;
    char err[LW_ERRBUF] = "";
    if (output_redis_open(rc, &s, err, sizeof(err)) != LW_OK)
        fail_msg("output_redis_open: %s", err);
    return s;
}

static void write_ids(output_sink *s, int from, int count, long pause_us)
{
    char json[128], err[LW_ERRBUF];
    for (int i = from; i < from + count; i++) {
        int n = snprintf(json, sizeof(json), "{\"timestamp\":\"t\",\"event_type\":\"alert\",\"alert_id\":\"%d\"}", i);
        assert_int_equal(s->write(s, LW_RECORD_ALERT, json, (size_t)n, err, sizeof(err)), LW_OK);
        if (pause_us)
            usleep((useconds_t)pause_us);
    }
}

/* Close the sink and return its counters line. */
static char *close_sink(output_sink *s)
{
    static char line[1024];
    FILE *m = fmemopen(line, sizeof(line), "w");
    s->close(s, m);
    fclose(m);
    return line;
}

static long counter(const char *line, const char *name)
{
    const char *p = strstr(line, name);
    return p ? strtol(p + strlen(name) + 1, NULL, 10) : -1;
}

static int id_of(const char *json)
{
    const char *p = strstr(json, "\"alert_id\":\"");
    return p ? atoi(p + 12) : -1;
}

/* The alert ids stored under `key`, in order (stream or list). */
static int *fetch_ids(redisContext *c, lw_redis_mode mode, const char *key, size_t *n)
{
    redisReply *r = mode == LW_REDIS_STREAM ? redisCommand(c, "XRANGE %s - +", key) : redisCommand(c, "LRANGE %s 0 -1", key);
    assert_non_null(r);
    assert_int_equal(r->type, REDIS_REPLY_ARRAY);
    int *ids = calloc(r->elements + 1, sizeof(int));
    for (size_t i = 0; i < r->elements; i++) {
        redisReply *e = r->element[i];
        if (mode == LW_REDIS_STREAM) {
            assert_int_equal(e->element[1]->elements, 2);
            assert_string_equal(e->element[1]->element[0]->str, "eve");
            e = e->element[1]->element[1];
        }
        ids[i] = id_of(e->str);
    }
    *n = r->elements;
    freeReplyObject(r);
    return ids;
}

static void expect_sequence(redisContext *c, lw_redis_mode mode, const char *key, int first, int count)
{
    size_t n;
    int *ids = fetch_ids(c, mode, key, &n);
    assert_int_equal(n, count);
    for (int i = 0; i < count; i++)
        assert_int_equal(ids[i], first + i);
    free(ids);
}

static void wait_for_length(redisContext *c, const char *key, long want, int seconds)
{
    for (int i = 0; i < seconds * 20; i++, sleep_ms(50)) {
        redisReply *r = redisCommand(c, "XLEN %s", key);
        long have = r ? r->integer : -1;
        freeReplyObject(r);
        if (have >= want)
            return;
    }
}

static void test_stream_and_list_deliver_in_order(void **state)
{
    fixture *f = *state;
    redis_start(f, NULL, false);
    redisContext *c = client(f, NULL);
    lw_redis_mode modes[] = {LW_REDIS_STREAM, LW_REDIS_LIST};
    for (size_t m = 0; m < 2; m++) {
        lw_redis_config rc = config_for(f, modes[m]);
        rc.key = m ? "lw:list" : "lw:stream";
        output_sink *s = open_sink(&rc);
        write_ids(s, 0, 1000, 0);
        char err[LW_ERRBUF];
        assert_int_equal(s->write(s, LW_RECORD_STATS, "{\"event_type\":\"stats\",\"alert_id\":\"7\"}", 37, err,
                                  sizeof(err)), LW_OK);
        assert_int_equal(s->flush(s, err, sizeof(err)), LW_OK);
        char *line = close_sink(s);
        assert_int_equal(counter(line, "delivered"), 1001);
        assert_int_equal(counter(line, "dropped"), 0);
        expect_sequence(c, modes[m], rc.key, 0, 1000);
        char stats_key[64];
        snprintf(stats_key, sizeof(stats_key), "%s:stats", rc.key);
        expect_sequence(c, modes[m], stats_key, 7, 1);
    }
    redisFree(c);
}

static void test_channel_over_unix_socket(void **state)
{
    fixture *f = *state;
    redis_start(f, NULL, false);
    redisContext *sub = client(f, NULL);
    freeReplyObject(redisCommand(sub, "SUBSCRIBE lw:chan"));
    lw_redis_config rc = config_for(f, LW_REDIS_CHANNEL);
    rc.key = "lw:chan";
    rc.unix_path = f->sock;
    output_sink *s = open_sink(&rc);
    assert_non_null(strstr(s->name, "unix://"));
    write_ids(s, 0, 200, 0);
    assert_int_equal(counter(close_sink(s), "delivered"), 200);
    for (int i = 0; i < 200; i++) {
        redisReply *r = NULL;
        assert_int_equal(redisGetReply(sub, (void **)&r), REDIS_OK);
        assert_string_equal(r->element[0]->str, "message");
        assert_int_equal(id_of(r->element[2]->str), i);
        freeReplyObject(r);
    }
    redisFree(sub);
}

static void test_wrong_password_is_a_clear_error(void **state)
{
    fixture *f = *state;
    redis_start(f, "s3cret", false);
    lw_redis_config rc = config_for(f, LW_REDIS_LIST);
    rc.password = "wrong";
    output_sink *s = NULL;
    char err[LW_ERRBUF] = "";
    assert_int_equal(output_redis_open(&rc, &s, err, sizeof(err)), LW_ERR_RUNTIME);
    char want[64];
    snprintf(want, sizeof(want), "redis://127.0.0.1:%d: AUTH failed: WRONGPASS", f->port);
    assert_non_null(strstr(err, want));
    assert_null(strstr(err, "wrong"));

    rc.password = "s3cret";
    rc.db = 3;
    s = open_sink(&rc);
    write_ids(s, 0, 10, 0);
    assert_int_equal(counter(close_sink(s), "delivered"), 10);
    redisContext *c = client(f, "s3cret");
    freeReplyObject(redisCommand(c, "SELECT 3"));
    expect_sequence(c, LW_REDIS_LIST, "lw:test", 0, 10);
    redisFree(c);
}

static void test_redis_killed_mid_stream_loses_nothing(void **state)
{
    enum { TOTAL = 10000 };
    fixture *f = *state;
    redis_start(f, NULL, true);
    lw_redis_config rc = config_for(f, LW_REDIS_STREAM);
    rc.maxlen = 0;
    output_sink *s = open_sink(&rc);
    write_ids(s, 0, 3000, 50);
    redis_stop(f, SIGKILL);
    write_ids(s, 3000, 3000, 50);
    redis_start(f, NULL, true);
    write_ids(s, 6000, TOTAL - 6000, 50);
    char err[LW_ERRBUF];
    assert_int_equal(s->flush(s, err, sizeof(err)), LW_OK);
    redisContext *c = client(f, NULL);
    wait_for_length(c, "lw:test", TOTAL, 20);
    char *line = close_sink(s);
    assert_true(counter(line, "reconnects") >= 1);
    assert_int_equal(counter(line, "spooled"), TOTAL); /* write-ahead: every record */
    assert_int_equal(counter(line, "spool_replayed"), 0);
    assert_in_range(counter(line, "delivered"), TOTAL, TOTAL + 64);
    assert_int_equal(counter(line, "dropped"), 0);

    size_t n;
    int *ids = fetch_ids(c, LW_REDIS_STREAM, "lw:test", &n);
    char *seen = calloc(TOTAL, 1);
    for (size_t i = 0; i < n; i++) {
        assert_in_range(ids[i], 0, TOTAL - 1);
        seen[ids[i]] = 1;
    }
    for (int i = 0; i < TOTAL; i++)
        if (!seen[i])
            fail_msg("alert %d lost (%zu records stored; %s)", i, n, line);
    assert_in_range(n, TOTAL, TOTAL + 64); /* at most one batch resent: duplicates, never losses */
    free(seen);
    free(ids);
    redisFree(c);
}

static void test_spool_from_a_down_run_is_delivered_first(void **state)
{
    fixture *f = *state;
    lw_redis_config rc = config_for(f, LW_REDIS_LIST);
    output_sink *s = open_sink(&rc); /* nothing listens yet: not an error */
    write_ids(s, 0, 100, 0);
    char *line = close_sink(s);
    assert_int_equal(counter(line, "spooled"), 100);
    assert_int_equal(counter(line, "delivered"), 0);
    assert_non_null(strstr(line, "left in spool"));

    redis_start(f, NULL, false);
    s = open_sink(&rc);
    write_ids(s, 100, 10, 0);
    line = close_sink(s);
    assert_int_equal(counter(line, "spool_replayed"), 100);
    assert_int_equal(counter(line, "spooled"), 10);
    assert_int_equal(counter(line, "delivered"), 110);
    assert_null(strstr(line, "left in spool"));
    redisContext *c = client(f, NULL);
    expect_sequence(c, LW_REDIS_LIST, "lw:test", 0, 110);
    redisFree(c);
}

/* 50 records while Redis is down into a spool that holds 20: the policy picks which 20. */
static void run_cap_policy(fixture *f, lw_spool_overflow policy, int first_kept)
{
    lw_redis_config rc = config_for(f, LW_REDIS_LIST);
    rc.spool_overflow = policy;
    rc.spool_max_bytes = 20 * (10 + 54); /* record header + this JSON */
    output_sink *s = open_sink(&rc);
    write_ids(s, 10, 50, 0);
    char *line = close_sink(s);
    assert_int_equal(counter(line, "dropped"), 30);
    redis_start(f, NULL, false);
    s = open_sink(&rc);
    close_sink(s);
    redisContext *c = client(f, NULL);
    expect_sequence(c, LW_REDIS_LIST, "lw:test", first_kept, 20);
    redisFree(c);
}

static void test_cap_drop_newest(void **state)
{
    run_cap_policy(*state, LW_SPOOL_DROP_NEWEST, 10);
}

static void test_cap_drop_oldest(void **state)
{
    run_cap_policy(*state, LW_SPOOL_DROP_OLDEST, 40);
}

static void test_torn_spool_tail_is_skipped(void **state)
{
    fixture *f = *state;
    lw_redis_config rc = config_for(f, LW_REDIS_LIST);
    output_sink *s = open_sink(&rc);
    write_ids(s, 0, 5, 0);
    close_sink(s);
    DIR *d = opendir(f->spool);
    struct dirent *e;
    char seg[512] = "";
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".seg"))
            snprintf(seg, sizeof(seg), "%s/%s", f->spool, e->d_name);
    closedir(d);
    FILE *fp = fopen(seg, "ab");
    fwrite("\xA5\x00\x30\x00\x00\x00garbage", 1, 13, fp); /* a header and a cut payload */
    fclose(fp);

    redis_start(f, NULL, false);
    s = open_sink(&rc);
    write_ids(s, 5, 1, 0);
    char *line = close_sink(s);
    assert_int_equal(counter(line, "torn"), 1);
    redisContext *c = client(f, NULL);
    expect_sequence(c, LW_REDIS_LIST, "lw:test", 0, 6);
    redisFree(c);
}

/* Write-ahead: a record is on disk when write() returns (fsync always), so a SIGKILL of the
 * writer while Redis is frozen (SIGSTOP: batches hang in flight) loses none of them.
 * Duplicates follow from the design, not from luck: a connection carries at most one batch
 * in flight, and the sender gives a connection up only after `timeout_ms` without a reply
 * (then reconnects and sends the same unconfirmed head again). A frozen Redis keeps what each
 * abandoned connection sent and runs it when it wakes, so the killed writer can have left at
 * most one batch per connection it opened in its lifetime: 1 + lifetime / timeout. */
static void test_records_written_survive_sigkill(void **state)
{
    enum { TOTAL = 500 };
    fixture *f = *state;
    redis_start(f, NULL, false);
    lw_redis_config rc = config_for(f, LW_REDIS_LIST);
    rc.fsync = LW_FSYNC_ALWAYS;
    kill(f->pid, SIGSTOP);
    struct timespec born, died;
    clock_gettime(CLOCK_MONOTONIC, &born);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        output_sink *s = NULL;
        char err[LW_ERRBUF], json[128];
        if (output_redis_open(&rc, &s, err, sizeof(err)) != LW_OK)
            _exit(1);
        for (int i = 0; i < TOTAL; i++) {
            int n = snprintf(json, sizeof(json), "{\"timestamp\":\"t\",\"event_type\":\"alert\",\"alert_id\":\"%d\"}", i);
            if (s->write(s, LW_RECORD_ALERT, json, (size_t)n, err, sizeof(err)) != LW_OK)
                _exit(1);
        }
        kill(getpid(), SIGKILL);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    clock_gettime(CLOCK_MONOTONIC, &died);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    kill(f->pid, SIGCONT);
    long lifetime_ms = (died.tv_sec - born.tv_sec) * 1000L + (died.tv_nsec - born.tv_nsec) / 1000000L;
    size_t in_flight_max = (size_t)rc.batch * (size_t)(1 + lifetime_ms / rc.timeout_ms);

    output_sink *s = open_sink(&rc);
    char *line = close_sink(s);
    assert_in_range(counter(line, "spool_replayed"), 1, TOTAL);
    redisContext *c = client(f, NULL);
    size_t n;
    int *ids = fetch_ids(c, LW_REDIS_LIST, "lw:test", &n);
    print_message("writer lived %ld ms: at most %zu records in flight, %zu repeated\n", lifetime_ms,
                  in_flight_max, n - TOTAL);
    assert_in_range(n, TOTAL, TOTAL + in_flight_max);
    int next = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(ids[i] <= next); /* in order; a repeat only of what came before */
        if (ids[i] == next)
            next++;
    }
    assert_int_equal(next, TOTAL);
    free(ids);
    redisFree(c);
}

int main(void)
{
    if (system("redis-server --version >/dev/null 2>&1") != 0) {
        fprintf(stderr, "redis-server not installed (Debian: apt-get install redis-server)\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stream_and_list_deliver_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_channel_over_unix_socket, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_password_is_a_clear_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redis_killed_mid_stream_loses_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spool_from_a_down_run_is_delivered_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cap_drop_newest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cap_drop_oldest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_torn_spool_tail_is_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_records_written_survive_sigkill, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
