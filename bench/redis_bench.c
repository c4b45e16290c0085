/* redis_bench — records per second the Redis sink delivers pipelined (batch 64) against one
 * command at a time (batch 1), to a redis-server on loopback. Run by hand, never by make check:
 *     bench/redis_bench [PORT] [RECORDS]
 * Without PORT it starts a private redis-server on a free loopback port and stops it after.
 * Uses a throwaway spool directory; the queue holds every record so the figure is the
 * network path, not the disk. Deletes only its own key (leakwatch:bench). */
#include <arpa/inet.h>
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

#define BENCH_KEY "leakwatch:bench"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    int port = bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 && getsockname(fd, (struct sockaddr *)&a, &len) == 0
                   ? ntohs(a.sin_port) : -1;
    close(fd);
    return port;
}

static pid_t start_redis(int port)
{
    char p[16];
    snprintf(p, sizeof(p), "%d", port);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execlp("redis-server", "redis-server", "--port", p, "--bind", "127.0.0.1", "--save", "", "--appendonly",
               "no", "--daemonize", "no", (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* Ready when PING answers; also clears the bench key. */
static int wait_ready(int port)
{
    for (int i = 0; i < 100; i++, usleep(50000)) {
        redisContext *c = redisConnect("127.0.0.1", port);
        redisReply *r = c && !c->err ? redisCommand(c, "DEL " BENCH_KEY) : NULL;
        bool up = r && r->type == REDIS_REPLY_INTEGER;
        freeReplyObject(r);
        redisFree(c);
        if (up)
            return 0;
    }
    return -1;
}

static double run(int port, int batch, int records, const char *spool_dir)
{
    lw_redis_config rc = {.host = "127.0.0.1", .port = port, .key = BENCH_KEY, .maxlen = 0, .spool_dir = (char *)spool_dir,
                          .batch = batch, .timeout_ms = 5000};
    output_sink *s = NULL;
    char err[LW_ERRBUF], json[512];
    if (wait_ready(port) != 0 || output_redis_open(&rc, &s, err, sizeof(err)) != LW_OK) {
        fprintf(stderr, "redis_bench: %s\n", s ? err : "redis-server not reachable");
        return -1;
    }
    double start = now_s();
    for (int i = 0; i < records; i++) {
        int n = snprintf(json, sizeof(json),
                         "{\"timestamp\":\"2025-05-04T10:12:33.123456+0000\",\"event_type\":\"alert\",\"alert_id\":\"b-%d\","
                         "\"src_ip\":\"10.1.2.3\",\"src_port\":51834,\"dest_ip\":\"203.0.113.7\",\"dest_port\":80,"
                         "\"proto\":\"TCP\",\"app_proto\":\"HTTP\",\"alert\":{\"signature_id\":8700101,\"signature\":"
                         "\"Chat message JSON posted in cleartext\",\"category\":\"plaintext_message\",\"severity\":1}}",
                         i);
        s->write(s, LW_RECORD_ALERT, json, (size_t)n, err, sizeof(err));
    }
    s->close(s, stderr); /* delivers everything, then prints the counters */
    return records / (now_s() - start);
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : free_port();
    int records = argc > 2 ? atoi(argv[2]) : 100000;
    pid_t pid = argc > 1 ? 0 : start_redis(port);
    char spool_dir[] = "/tmp/lw-redis-bench-XXXXXX";
    if (port <= 0 || records <= 0 || !mkdtemp(spool_dir)) {
        fprintf(stderr, "usage: redis_bench [PORT] [RECORDS]\n");
        return 2;
    }
    double pipelined = run(port, 64, records, spool_dir);
    double single = pipelined > 0 ? run(port, 1, records, spool_dir) : -1;
    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
    }
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", spool_dir);
    if (system(cmd) != 0 || pipelined <= 0 || single <= 0)
        return 1;
    printf("records: %d (XADD to %s on 127.0.0.1:%d)\n", records, BENCH_KEY, port);
    printf("pipelined (batch 64): %10.0f records/s\n", pipelined);
    printf("one at a time (batch 1): %7.0f records/s\n", single);
    printf("ratio: %.1fx\n", pipelined / single);
    return 0;
}
