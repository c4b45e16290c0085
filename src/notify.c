/* notify.c — the sd_notify protocol without libsystemd: one AF_UNIX datagram per message to
 * the socket named by $NOTIFY_SOCKET (a path, or "@name" in the abstract namespace). systemd
 * documents this protocol as stable for reimplementation; writing it here keeps libsystemd
 * out of the build and lets the tests listen on a socket of their own. Owns its socket. */
#include "notify.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t notify_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void notify_watchdog_setup(notifier *n)
{
    const char *usec = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
    if (!usec || (pid && strtol(pid, NULL, 10) != (long)getpid()))
        return;
    n->watchdog_us = strtoull(usec, NULL, 10);
}

void notify_open(notifier *n)
{
    memset(n, 0, sizeof *n);
    n->fd = -1;
    const char *path = getenv("NOTIFY_SOCKET");
    size_t len = path ? strlen(path) : 0;
    if (len < 2 || len >= sizeof n->addr.sun_path || (path[0] != '/' && path[0] != '@'))
        return;
    n->addr.sun_family = AF_UNIX;
    memcpy(n->addr.sun_path, path, len);
    if (path[0] == '@')
        n->addr.sun_path[0] = '\0';
    n->addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
    n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    notify_watchdog_setup(n);
    n->last_ping_us = notify_now_us();
}

void notify_send(notifier *n, const char *state)
{
    char msg[256];
    if (n->fd < 0)
        return;
    int len = strcmp(state, "RELOADING=1") == 0
                  ? snprintf(msg, sizeof msg, "%s\nMONOTONIC_USEC=%llu", state, (unsigned long long)notify_now_us())
                  : snprintf(msg, sizeof msg, "%s", state);
    if (len > 0 && (size_t)len < sizeof msg)
        sendto(n->fd, msg, (size_t)len, MSG_NOSIGNAL, (struct sockaddr *)&n->addr, n->addr_len);
}

void notify_watchdog(notifier *n)
{
    if (n->fd < 0 || !n->watchdog_us)
        return;
    uint64_t now = notify_now_us();
    if (now - n->last_ping_us < n->watchdog_us / 2)
        return;
    n->last_ping_us = now;
    notify_send(n, "WATCHDOG=1");
}

void notify_close(notifier *n)
{
    if (n->fd >= 0)
        close(n->fd);
    n->fd = -1;
}
