/* notify.h — the service's messages to systemd: READY, RELOADING, STOPPING, STATUS and
 * watchdog pings, as the sd_notify(3) datagram protocol sends them to $NOTIFY_SOCKET.
 * Everything is a no-op when systemd did not ask (no NOTIFY_SOCKET, no WATCHDOG_USEC). */
#ifndef LW_NOTIFY_H
#define LW_NOTIFY_H

#include <sys/socket.h>
#include <sys/un.h>

#include "common.h"

typedef struct notifier {
    int fd;                      /* -1: not under a service manager that listens */
    struct sockaddr_un addr;
    socklen_t addr_len;
    uint64_t watchdog_us;        /* WATCHDOG_USEC for this process, 0 = none */
    uint64_t last_ping_us;       /* monotonic */
} notifier;

/* Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID. Never fails: a socket that cannot be
 * used leaves the notifier silent. */
void notify_open(notifier *n);

/* One message: "READY=1", "STOPPING=1", "RELOADING=1" (MONOTONIC_USEC is added, as
 * Type=notify-reload wants), "STATUS=…". */
void notify_send(notifier *n, const char *state);

/* WATCHDOG=1 when half the watchdog interval has passed since the last ping. Call it from the
 * loop that must stay alive: a hung loop stops the pings and systemd restarts the service. */
void notify_watchdog(notifier *n);

void notify_close(notifier *n);

#endif
