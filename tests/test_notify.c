/* test_notify.c — src/notify.c against a datagram socket of the test's own, as systemd would
 * listen: READY/STOPPING/RELOADING (with MONOTONIC_USEC) on a path and an abstract socket,
 * watchdog pings when due and only for this process, silence without NOTIFY_SOCKET. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "notify.h"

typedef struct listener {
    int fd;
    char name[108];
} listener;

/* Bind a datagram socket at `name` ("@…" abstract) and point NOTIFY_SOCKET at it. */
static void listen_at(listener *l, const char *name)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    size_t len = strlen(name);
    memcpy(a.sun_path, name, len);
    if (name[0] == '@')
        a.sun_path[0] = '\0';
    else
        unlink(name);
    l->fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    assert_true(l->fd >= 0);
    struct timeval tv = {0, 200000};
    setsockopt(l->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    assert_int_equal(bind(l->fd, (struct sockaddr *)&a, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)), 0);
    snprintf(l->name, sizeof l->name, "%s", name);
    setenv("NOTIFY_SOCKET", name, 1);
}

/* The next datagram, or "" when none came within 200 ms. */
static const char *next_message(listener *l, char *buf, size_t len)
{
    ssize_t n = recv(l->fd, buf, len - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static void listener_close(listener *l)
{
    close(l->fd);
    if (l->name[0] == '/')
        unlink(l->name);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
}

static void check_states(listener *l)
{
    char buf[256];
    notifier n;
    notify_open(&n);
    notify_send(&n, "READY=1");
    assert_string_equal(next_message(l, buf, sizeof buf), "READY=1");
    notify_send(&n, "RELOADING=1");
    const char *m = next_message(l, buf, sizeof buf);
    assert_true(strncmp(m, "RELOADING=1\nMONOTONIC_USEC=", 27) == 0 && strtoull(m + 27, NULL, 10) > 0);
    notify_send(&n, "STOPPING=1");
    assert_string_equal(next_message(l, buf, sizeof buf), "STOPPING=1");
    notify_watchdog(&n); /* no WATCHDOG_USEC: nothing */
    assert_string_equal(next_message(l, buf, sizeof buf), "");
    notify_close(&n);
}

static void test_path_socket(void **state)
{
    (void)state;
    listener l;
    char path[64];
    snprintf(path, sizeof path, "/tmp/lw-notify-%d", (int)getpid());
    listen_at(&l, path);
    check_states(&l);
    listener_close(&l);
}

static void test_abstract_socket(void **state)
{
    (void)state;
    listener l;
    char name[64];
    snprintf(name, sizeof name, "@lw-notify-%d", (int)getpid());
    listen_at(&l, name);
    check_states(&l);
    listener_close(&l);
}

static void test_watchdog(void **state)
{
    (void)state;
    listener l;
    char name[64], buf[256], pid[16];
    snprintf(name, sizeof name, "@lw-watchdog-%d", (int)getpid());
    listen_at(&l, name);
    notifier n;
    setenv("WATCHDOG_USEC", "600000000", 1); /* ten minutes: half of it has not passed */
    notify_open(&n);
    notify_watchdog(&n);
    assert_string_equal(next_message(&l, buf, sizeof buf), "");
    notify_close(&n);
    setenv("WATCHDOG_USEC", "1", 1); /* always due */
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    setenv("WATCHDOG_PID", pid, 1);
    notify_open(&n);
    notify_watchdog(&n);
    assert_string_equal(next_message(&l, buf, sizeof buf), "WATCHDOG=1");
    notify_close(&n);
    setenv("WATCHDOG_PID", "1", 1); /* the watchdog is another process's */
    notify_open(&n);
    notify_watchdog(&n);
    assert_string_equal(next_message(&l, buf, sizeof buf), "");
    notify_close(&n);
    listener_close(&l);
}

static void test_silent_without_socket(void **state)
{
    (void)state;
    notifier n;
    unsetenv("NOTIFY_SOCKET");
    notify_open(&n);
    assert_int_equal(n.fd, -1);
    notify_send(&n, "READY=1");
    notify_watchdog(&n);
    notify_close(&n);
    setenv("NOTIFY_SOCKET", "relative/path", 1);
    notify_open(&n);
    assert_int_equal(n.fd, -1);
    unsetenv("NOTIFY_SOCKET");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_socket),
        cmocka_unit_test(test_abstract_socket),
        cmocka_unit_test(test_watchdog),
        cmocka_unit_test(test_silent_without_socket),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
