/* test_metrics.c — src/metrics.c on a real loopback socket: the exposition text (every family
 * typed, every sample well-formed, the snapshot's numbers), /metrics and /healthz over HTTP,
 * HEAD, 404/405/400/431, and hostile clients (silent, oversized, a crowd, a reset mid-request,
 * one that never reads) that must not stop the next scrape; publications racing scrapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "metrics.h"

static int connect_to(uint16_t port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

/* Send `request` (may be NULL) and read the whole answer (the server closes). Caller frees. */
static char *exchange(int fd, const char *request, size_t len)
{
    if (request)
        assert_int_equal(send(fd, request, len, MSG_NOSIGNAL), (ssize_t)len);
    size_t cap = 65536, used = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    ssize_t n;
    while ((n = recv(fd, buf + used, cap - 1 - used, 0)) > 0)
        used += (size_t)n;
    buf[used] = '\0';
    close(fd);
    return buf;
}

static char *http(uint16_t port, const char *request)
{
    return exchange(connect_to(port), request, strlen(request));
}

static metrics_snapshot sample_snapshot(void)
{
    metrics_snapshot s = {0};
    s.stats.packets = 4242;
    s.stats.bytes = 99000;
    s.stats.flows_tcp = 7;
    s.stats.flows_udp = 3;
    s.stats.flow.active = 5;
    s.stats.alerts_by_category[LW_CAT_PLAINTEXT_MESSAGE] = 3;
    s.stats.alerts_by_category[LW_CAT_UNAPPROVED_ARCHIVE] = 1;
    s.kernel_drops = 17;
    s.workers = 2;
    s.outputs = (output_health){.dropped = 4, .spool_bytes = 1234, .redis_sinks = 1, .redis_connected = 1};
    s.reloads = 65;
    return s;
}

static int setup(void **state)
{
    metrics *m = NULL;
    char err[LW_ERRBUF] = "";
    if (metrics_open("127.0.0.1:0", &m, err, sizeof err) != LW_OK)
        fail_msg("metrics_open: %s", err);
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    metrics_close(*state);
    return 0;
}

/* Every sample line is NAME{LABELS} VALUE of a family announced by # TYPE before it. */
static void test_render_is_valid_exposition(void **state)
{
    (void)state;
    metrics_snapshot s = sample_snapshot();
    char buf[16384];
    int n = metrics_render(&s, 1.5, 20.25, buf, sizeof buf);
    assert_true(n > 0);
    regex_t sample;
    assert_int_equal(regcomp(&sample, "^(leakwatch_[a-z_]+)(\\{[a-z_]+=\"[^\"\\\\]*\"\\})? [0-9]+(\\.[0-9]+)?$", REG_EXTENDED), 0);
    char typed[64][64];
    int n_typed = 0, samples = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        char name[64], type[16];
        if (sscanf(line, "# TYPE %63s %15s", name, type) == 2) {
            assert_true(strcmp(type, "counter") == 0 || strcmp(type, "gauge") == 0);
            assert_true(n_typed < 64);
            strcpy(typed[n_typed++], name);
            continue;
        }
        if (line[0] == '#')
            continue;
        regmatch_t m[2];
        if (regexec(&sample, line, 2, m, 0) != 0)
            fail_msg("not a sample line: %s", line);
        int len = (int)(m[1].rm_eo - m[1].rm_so);
        bool announced = false;
        for (int i = 0; i < n_typed; i++)
            announced |= (int)strlen(typed[i]) == len && strncmp(typed[i], line, (size_t)len) == 0;
        if (!announced)
            fail_msg("sample without # TYPE: %s", line);
        samples++;
    }
    regfree(&sample);
    assert_true(samples > 20);
    assert_true(n_typed >= 15);
}

static void test_render_carries_the_snapshot(void **state)
{
    (void)state;
    metrics_snapshot s = sample_snapshot();
    char buf[16384];
    assert_true(metrics_render(&s, 1.5, 20.25, buf, sizeof buf) > 0);
    const char *want[] = {
        "\nleakwatch_packets_total 4242\n", "\nleakwatch_bytes_total 99000\n", "\nleakwatch_kernel_drops_total 17\n",
        "\nleakwatch_flows_total{proto=\"tcp\"} 7\n", "\nleakwatch_flows_total{proto=\"udp\"} 3\n",
        "\nleakwatch_flows_active 5\n", "\nleakwatch_alerts_total{category=\"plaintext_message\"} 3\n",
        "\nleakwatch_alerts_total{category=\"unapproved_archive\"} 1\n",
        "\nleakwatch_alerts_total{category=\"archive_exfiltration\"} 0\n", "\nleakwatch_spool_bytes 1234\n",
        "\nleakwatch_redis_connected 1\n", "\nleakwatch_workers 2\n", "\nleakwatch_output_dropped_total 4\n",
        "\nleakwatch_reloads_total{result=\"ok\"} 65\n", "\nleakwatch_last_packet_age_seconds 1.500\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(buf, want[i]))
            fail_msg("missing %s", want[i] + 1);
    assert_int_equal(metrics_render(&s, 0, 0, buf, 100), -1); /* too small: refused, not cut */
}

static void test_metrics_and_healthz_over_http(void **state)
{
    metrics *m = *state;
    uint16_t port = metrics_port(m);
    assert_true(port > 0);
    char *r = http(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_non_null(strstr(r, "HTTP/1.1 503 "));
    free(r);
    metrics_snapshot s = sample_snapshot();
    metrics_publish(m, &s);
    r = http(port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_true(strncmp(r, "HTTP/1.1 200 OK\r\n", 17) == 0);
    assert_non_null(strstr(r, "Content-Type: text/plain; version=0.0.4"));
    assert_non_null(strstr(r, "\nleakwatch_packets_total 4242\n"));
    free(r);
    r = http(port, "GET /healthz HTTP/1.0\n\n");
    assert_true(strncmp(r, "HTTP/1.1 200 OK\r\n", 17) == 0);
    assert_non_null(strstr(r, "\r\n\r\nok\n"));
    free(r);
    r = http(port, "GET /metrics?x=1 HTTP/1.1\r\n\r\n");
    assert_non_null(strstr(r, "leakwatch_packets_total 4242"));
    free(r);
}

static void test_head_and_errors(void **state)
{
    uint16_t port = metrics_port(*state);
    char *r = http(port, "HEAD /metrics HTTP/1.1\r\n\r\n");
    assert_true(strncmp(r, "HTTP/1.1 200 OK\r\n", 17) == 0);
    assert_non_null(strstr(r, "Content-Length: "));
    assert_null(strstr(r, "leakwatch_packets_total"));
    assert_string_equal(strstr(r, "\r\n\r\n"), "\r\n\r\n");
    free(r);
    const char *cases[][2] = {
        {"GET /nope HTTP/1.1\r\n\r\n", "HTTP/1.1 404 "},
        {"POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 405 "},
        {"\r\n\r\n", "HTTP/1.1 400 "},
        {"GET\r\n\r\n", "HTTP/1.1 400 "},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        r = http(port, cases[i][0]);
        if (strncmp(r, cases[i][1], strlen(cases[i][1])) != 0)
            fail_msg("%s answered %.40s", cases[i][0], r);
        free(r);
    }
}

static void test_oversized_and_binary_requests(void **state)
{
    uint16_t port = metrics_port(*state);
    char big[4096]; /* the server's limit: it reads it all, so its close sends no reset */
    memset(big, 'A', sizeof big);
    char *r = exchange(connect_to(port), big, sizeof big);
    assert_true(strncmp(r, "HTTP/1.1 431 ", 13) == 0);
    free(r);
    char binary[64] = "GET /metr\0ics HTTP/1.1\r\n\r\n";
    r = exchange(connect_to(port), binary, 27);
    assert_true(strncmp(r, "HTTP/1.1 400 ", 13) == 0);
    free(r);
}

/* A silent client, a crowd of idle ones, one that resets mid-request, one that never reads:
 * the next scrape is answered at once all the same. */
static void test_hostile_clients_do_not_block(void **state)
{
    metrics *m = *state;
    uint16_t port = metrics_port(m);
    metrics_snapshot s = sample_snapshot();
    metrics_publish(m, &s);
    int idle[40];
    for (int i = 0; i < 40; i++)
        idle[i] = connect_to(port);
    int reset = connect_to(port);
    send(reset, "GET /met", 8, MSG_NOSIGNAL);
    struct linger lg = {1, 0};
    setsockopt(reset, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    close(reset);
    int deaf = connect_to(port);
    for (int i = 0; i < 50; i++)
        send(deaf, "GET /metrics HTTP/1.1\r\n\r\n", 25, MSG_NOSIGNAL | MSG_DONTWAIT);
    char *r = http(port, "GET /metrics HTTP/1.1\r\n\r\n");
    assert_non_null(strstr(r, "\nleakwatch_packets_total 4242\n"));
    free(r);
    for (int i = 0; i < 40; i++)
        close(idle[i]);
    close(deaf);
    r = http(port, "GET /healthz HTTP/1.1\r\n\r\n");
    assert_non_null(strstr(r, "200 OK"));
    free(r);
}

static void test_publications_race_scrapes(void **state)
{
    metrics *m = *state;
    uint16_t port = metrics_port(m);
    metrics_snapshot s = sample_snapshot();
    for (int round = 0; round < 50; round++) {
        s.stats.packets = (uint64_t)round * 1000;
        metrics_publish(m, &s);
        int fd = connect_to(port);
        for (int i = 0; i < 20; i++) {
            s.stats.packets++;
            metrics_publish(m, &s);
        }
        char *r = exchange(fd, "GET /metrics HTTP/1.1\r\n\r\n", 25);
        assert_non_null(strstr(r, "leakwatch_packets_total "));
        free(r);
    }
}

static void test_listen_errors(void **state)
{
    metrics *m = *state, *other = NULL;
    char spec[64], err[LW_ERRBUF] = "";
    snprintf(spec, sizeof spec, "127.0.0.1:%u", (unsigned)metrics_port(m));
    assert_int_equal(metrics_open(spec, &other, err, sizeof err), LW_ERR_RUNTIME);
    assert_non_null(strstr(err, spec));
    assert_non_null(strstr(err, "in use"));
    assert_int_equal(metrics_open("9717", &other, err, sizeof err), LW_ERR_USAGE);
    assert_int_equal(metrics_open("::1:9717", &other, err, sizeof err), LW_ERR_USAGE);
    assert_int_equal(metrics_open("[::1]:0", &other, err, sizeof err), LW_OK);
    metrics_close(other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_is_valid_exposition),
        cmocka_unit_test(test_render_carries_the_snapshot),
        cmocka_unit_test_setup_teardown(test_metrics_and_healthz_over_http, setup, teardown),
        cmocka_unit_test_setup_teardown(test_head_and_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_oversized_and_binary_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_clients_do_not_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_publications_race_scrapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_listen_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
