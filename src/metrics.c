/* metrics.c — the HTTP endpoint of metrics.listen: GET (or HEAD) /metrics answers the last
 * published snapshot in Prometheus text format 0.0.4, /healthz answers 200 while the capture
 * loop keeps publishing (it does so on idle ticks too) and 503 once it has been silent for
 * METRICS_STALE_S. One thread, one poll() loop, every socket non-blocking, one response per
 * connection. Whatever a client does costs bounded memory and time: a request head is at most
 * METRICS_REQUEST_MAX bytes (else 431), a connection lives at most METRICS_CLIENT_MS (slow
 * senders and readers are cut), at most METRICS_CLIENTS are open (the oldest gives way).
 * Owns the listening socket, the clients, the thread and the snapshot copy; never touches the
 * packet path's state. */
#ifdef HAVE_LW_AUTOCONF_H
#include "lw_autoconf.h"
#endif
#include "metrics.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "config.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

#define METRICS_REQUEST_MAX 4096
#define METRICS_CLIENTS 32
#define METRICS_CLIENT_MS 5000
#define METRICS_STALE_S 10
#define METRICS_BODY_MAX 16384

typedef struct metrics_client {
    int fd;                         /* -1: free */
    uint64_t deadline_ms;
    char in[METRICS_REQUEST_MAX + 1];  /* NUL-terminated */
    size_t in_len;
    char *out;                      /* the response, once the request is complete */
    size_t out_len, out_sent;
} metrics_client;

struct metrics {
    int listen_fd, wake[2];
    uint16_t port;
    pthread_t thread;
    metrics_client clients[METRICS_CLIENTS];

    pthread_mutex_t lock;           /* guards the fields below */
    metrics_snapshot snap;
    bool published;
    uint64_t started_ms, published_ms, last_packet_ms;
};

static uint64_t metrics_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- rendering ---- */

typedef struct metrics_text {
    char *buf;
    size_t len, cap;
    bool overflow;
} metrics_text;

static void metrics_printf(metrics_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void metrics_printf(metrics_text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= t->cap - t->len)
        t->overflow = true;
    else
        t->len += (size_t)n;
}

static void metrics_head(metrics_text *t, const char *name, const char *type, const char *help)
{
    metrics_printf(t, "# HELP leakwatch_%s %s\n# TYPE leakwatch_%s %s\n", name, help, name, type);
}

static void metrics_one(metrics_text *t, const char *name, const char *type, const char *help, uint64_t v)
{
    metrics_head(t, name, type, help);
    metrics_printf(t, "leakwatch_%s %llu\n", name, (unsigned long long)v);
}

static void metrics_render_traffic(metrics_text *t, const metrics_snapshot *s)
{
    metrics_one(t, "packets_total", "counter", "Packets captured or read.", s->stats.packets);
    metrics_one(t, "bytes_total", "counter", "Bytes of the packets on the wire.", s->stats.bytes);
    metrics_one(t, "kernel_drops_total", "counter", "Packets the kernel or the interface dropped before leakwatch read them.",
                s->kernel_drops);
    metrics_head(t, "decode_packets_total", "counter", "Packets by decoding outcome.");
    for (int i = 0; i < LW_DECODE_STATUS_COUNT; i++)
        metrics_printf(t, "leakwatch_decode_packets_total{status=\"%s\"} %llu\n", decode_status_name((lw_decode_status)i),
                       (unsigned long long)s->stats.decode[i]);
    metrics_head(t, "flows_total", "counter", "TCP and UDP flows seen.");
    metrics_printf(t, "leakwatch_flows_total{proto=\"tcp\"} %llu\nleakwatch_flows_total{proto=\"udp\"} %llu\n",
                   (unsigned long long)s->stats.flows_tcp, (unsigned long long)s->stats.flows_udp);
    metrics_one(t, "flows_active", "gauge", "Flows in the flow table.", s->stats.flow.active);
    metrics_one(t, "flows_evicted_total", "counter", "Flows evicted to make room (flows.max).", s->stats.flow.evicted);
    metrics_one(t, "reassembly_memcap_hits_total", "counter", "Segments refused by reassembly.memcap.",
                s->stats.reasm.memcap_hits);
}

static void metrics_render_alerts(metrics_text *t, const metrics_snapshot *s)
{
    metrics_head(t, "alerts_total", "counter", "Alerts raised, by category.");
    for (int c = 1; c < LW_CAT_COUNT; c++)
        metrics_printf(t, "leakwatch_alerts_total{category=\"%s\"} %llu\n", lw_category_name((lw_category)c),
                       (unsigned long long)s->stats.alerts_by_category[c]);
    metrics_one(t, "alerts_suppressed_total", "counter", "Alerts held back by the rate limit.", s->stats.alerts_suppressed);
}

static void metrics_render_service(metrics_text *t, const metrics_snapshot *s, double age, double uptime)
{
    metrics_one(t, "output_dropped_total", "counter", "Records the sinks lost (a full disk, a full spool).",
                s->outputs.dropped);
    metrics_one(t, "spool_bytes", "gauge", "Record bytes waiting in the Redis spool.", s->outputs.spool_bytes);
    metrics_one(t, "redis_sinks", "gauge", "Redis sinks configured.", s->outputs.redis_sinks);
    metrics_one(t, "redis_connected", "gauge", "Redis sinks whose last delivery attempt reached Redis.",
                s->outputs.redis_connected);
    metrics_one(t, "workers", "gauge", "Packet workers.", s->workers);
    metrics_head(t, "reloads_total", "counter", "Reloads (SIGHUP), by result.");
    metrics_printf(t, "leakwatch_reloads_total{result=\"ok\"} %llu\nleakwatch_reloads_total{result=\"failed\"} %llu\n",
                   (unsigned long long)s->reloads, (unsigned long long)s->reload_failures);
    metrics_head(t, "last_packet_age_seconds", "gauge", "Seconds since the last packet (since the start before the first).");
    metrics_printf(t, "leakwatch_last_packet_age_seconds %.3f\n", age);
    metrics_head(t, "uptime_seconds", "gauge", "Seconds since the metrics endpoint started.");
    metrics_printf(t, "leakwatch_uptime_seconds %.3f\n", uptime);
    metrics_head(t, "build_info", "gauge", "The running version.");
    metrics_printf(t, "leakwatch_build_info{version=\"%s\"} 1\n", PACKAGE_VERSION);
}

int metrics_render(const metrics_snapshot *s, double last_packet_age, double uptime, char *buf, size_t buflen)
{
    metrics_text t = {buf, 0, buflen, false};
    if (!buflen)
        return -1;
    buf[0] = '\0';
    metrics_render_traffic(&t, s);
    metrics_render_alerts(&t, s);
    metrics_render_service(&t, s, last_packet_age, uptime);
    return t.overflow ? -1 : (int)t.len;
}

/* ---- responses ---- */

static void metrics_respond(metrics_client *c, const char *status, const char *type, const char *body, size_t body_len,
                            bool head_only)
{
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nCache-Control: no-store\r\n"
                     "Connection: close\r\n\r\n",
                     status, type, body_len);
    size_t total = (size_t)n + (head_only ? 0 : body_len);
    c->out = malloc(total);
    if (!c->out) {
        c->out_len = 0;
        return;
    }
    memcpy(c->out, head, (size_t)n);
    if (!head_only)
        memcpy(c->out + n, body, body_len);
    c->out_len = total;
    c->out_sent = 0;
}

static void metrics_respond_text(metrics_client *c, const char *status, const char *text, bool head_only)
{
    metrics_respond(c, status, "text/plain; charset=utf-8", text, strlen(text), head_only);
}

static void metrics_answer_metrics(metrics *m, metrics_client *c, bool head_only)
{
    char body[METRICS_BODY_MAX];
    uint64_t now = metrics_now_ms();
    pthread_mutex_lock(&m->lock);
    double age = (double)(now - (m->last_packet_ms ? m->last_packet_ms : m->started_ms)) / 1000.0;
    int n = metrics_render(&m->snap, age, (double)(now - m->started_ms) / 1000.0, body, sizeof body);
    pthread_mutex_unlock(&m->lock);
    if (n < 0)
        metrics_respond_text(c, "500 Internal Server Error", "metrics did not fit the buffer\n", head_only);
    else
        metrics_respond(c, "200 OK", "text/plain; version=0.0.4; charset=utf-8", body, (size_t)n, head_only);
}

static void metrics_answer_health(metrics *m, metrics_client *c, bool head_only)
{
    char text[128];
    uint64_t now = metrics_now_ms();
    pthread_mutex_lock(&m->lock);
    bool published = m->published;
    uint64_t silent_s = (now - m->published_ms) / 1000;
    pthread_mutex_unlock(&m->lock);
    if (published && silent_s < METRICS_STALE_S) {
        metrics_respond_text(c, "200 OK", "ok\n", head_only);
        return;
    }
    if (published)
        snprintf(text, sizeof text, "stalled: the capture loop has not reported for %llu s\n", (unsigned long long)silent_s);
    else
        snprintf(text, sizeof text, "starting: the capture loop has not reported yet\n");
    metrics_respond_text(c, "503 Service Unavailable", text, head_only);
}

/* The request head is complete: answer it. Only the request line matters. */
static void metrics_answer(metrics *m, metrics_client *c)
{
    char method[8], target[64];
    char *eol = memchr(c->in, '\n', c->in_len);
    int n = eol ? sscanf(c->in, "%7s %63s", method, target) : 0;
    bool head_only = n >= 1 && strcmp(method, "HEAD") == 0;
    if (n != 2 || memchr(c->in, '\0', (size_t)(eol - c->in))) {
        metrics_respond_text(c, "400 Bad Request", "bad request\n", false);
        return;
    }
    if (!head_only && strcmp(method, "GET") != 0) {
        metrics_respond_text(c, "405 Method Not Allowed", "GET or HEAD only\n", false);
        return;
    }
    target[strcspn(target, "?")] = '\0';
    if (strcmp(target, "/metrics") == 0)
        metrics_answer_metrics(m, c, head_only);
    else if (strcmp(target, "/healthz") == 0)
        metrics_answer_health(m, c, head_only);
    else
        metrics_respond_text(c, "404 Not Found", "try /metrics or /healthz\n", head_only);
}

/* ---- connections ---- */

static void metrics_client_close(metrics_client *c)
{
    if (c->fd >= 0)
        close(c->fd);
    free(c->out);
    c->fd = -1;
    c->out = NULL;
    c->in_len = c->out_len = c->out_sent = 0;
}

static bool metrics_head_complete(const metrics_client *c)
{
    for (size_t i = 0; i + 1 < c->in_len; i++)
        if (c->in[i] == '\n' && (c->in[i + 1] == '\n' || (c->in[i + 1] == '\r' && i + 2 < c->in_len && c->in[i + 2] == '\n')))
            return true;
    return false;
}

static void metrics_client_read(metrics *m, metrics_client *c)
{
    ssize_t n = read(c->fd, c->in + c->in_len, METRICS_REQUEST_MAX - c->in_len);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        metrics_client_close(c);
        return;
    }
    if (n < 0)
        return;
    c->in_len += (size_t)n;
    c->in[c->in_len] = '\0';
    if (metrics_head_complete(c))
        metrics_answer(m, c);
    else if (c->in_len == METRICS_REQUEST_MAX)
        metrics_respond_text(c, "431 Request Header Fields Too Large", "request too large\n", false);
    else
        return;
    if (!c->out)
        metrics_client_close(c); /* no memory for the answer */
}

static void metrics_client_write(metrics_client *c)
{
    ssize_t n = send(c->fd, c->out + c->out_sent, c->out_len - c->out_sent, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n > 0)
        c->out_sent += (size_t)n;
    if (n < 0 || c->out_sent == c->out_len) {
        shutdown(c->fd, SHUT_WR);
        metrics_client_close(c);
    }
}

/* A free slot, or the oldest connection's (it is closed). */
static metrics_client *metrics_slot(metrics *m)
{
    metrics_client *oldest = &m->clients[0];
    for (size_t i = 0; i < METRICS_CLIENTS; i++) {
        if (m->clients[i].fd < 0)
            return &m->clients[i];
        if (m->clients[i].deadline_ms < oldest->deadline_ms)
            oldest = &m->clients[i];
    }
    metrics_client_close(oldest);
    return oldest;
}

static void metrics_accept(metrics *m)
{
    for (int i = 0; i < METRICS_CLIENTS; i++) {
        int fd = accept4(m->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        metrics_client *c = metrics_slot(m);
        c->fd = fd;
        c->deadline_ms = metrics_now_ms() + METRICS_CLIENT_MS;
    }
}

/* ---- the thread ---- */

static int metrics_poll_set(metrics *m, struct pollfd *pfd, metrics_client **who, int *timeout_ms)
{
    uint64_t now = metrics_now_ms();
    int n = 0;
    pfd[n++] = (struct pollfd){.fd = m->wake[0], .events = POLLIN};
    pfd[n++] = (struct pollfd){.fd = m->listen_fd, .events = POLLIN};
    *timeout_ms = 1000;
    for (size_t i = 0; i < METRICS_CLIENTS; i++) {
        metrics_client *c = &m->clients[i];
        if (c->fd < 0)
            continue;
        if (now >= c->deadline_ms) {
            metrics_client_close(c);
            continue;
        }
        if (c->deadline_ms - now < (uint64_t)*timeout_ms)
            *timeout_ms = (int)(c->deadline_ms - now);
        who[n] = c;
        pfd[n++] = (struct pollfd){.fd = c->fd, .events = c->out_len ? POLLOUT : POLLIN};
    }
    return n;
}

static void *metrics_serve(void *arg)
{
    metrics *m = arg;
    struct pollfd pfd[METRICS_CLIENTS + 2];
    metrics_client *who[METRICS_CLIENTS + 2];
    for (;;) {
        int timeout_ms, n = metrics_poll_set(m, pfd, who, &timeout_ms);
        if (poll(pfd, (nfds_t)n, timeout_ms) < 0 && errno != EINTR)
            break;
        if (pfd[0].revents)
            break;
        for (int i = 2; i < n; i++) {
            if (!pfd[i].revents || who[i]->fd != pfd[i].fd)
                continue;
            if (who[i]->out_len)
                metrics_client_write(who[i]);
            else
                metrics_client_read(m, who[i]);
            if (who[i]->fd >= 0 && who[i]->out_len && who[i]->out_sent == 0)
                metrics_client_write(who[i]); /* most answers fit the socket buffer at once */
        }
        if (pfd[1].revents)
            metrics_accept(m);
    }
    return NULL;
}

/* ---- the interface ---- */

static lw_status metrics_bind(metrics *m, const char *listen_spec, char *err, size_t errlen)
{
    char host[256], why[LW_ERRBUF], service[8];
    uint16_t port;
    if (config_parse_listen(listen_spec, true, host, sizeof host, &port, why, sizeof why) != LW_OK) {
        snprintf(err, errlen, "metrics.listen: %s", why);
        return LW_ERR_USAGE;
    }
    snprintf(service, sizeof service, "%u", (unsigned)port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *res;
    int rc = getaddrinfo(host, service, &hints, &res);
    if (rc != 0) {
        snprintf(err, errlen, "metrics.listen %s: %s", listen_spec, gai_strerror(rc));
        return LW_ERR_RUNTIME;
    }
    int one = 1, fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 64) != 0) {
        snprintf(err, errlen, "metrics.listen %s: %s", listen_spec, strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(res);
        return LW_ERR_RUNTIME;
    }
    freeaddrinfo(res);
    struct sockaddr_storage bound;
    socklen_t len = sizeof bound;
    getsockname(fd, (struct sockaddr *)&bound, &len);
    m->port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                                : ((struct sockaddr_in *)&bound)->sin_port);
    m->listen_fd = fd;
    return LW_OK;
}

/* The thread takes no signals: they go to the capture loop, whose poll() they must wake. */
static int metrics_start(metrics *m)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&m->thread, NULL, metrics_serve, m);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}

lw_status metrics_open(const char *listen_spec, metrics **out, char *err, size_t errlen)
{
    metrics *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "metrics: out of memory");
        return LW_ERR_RUNTIME;
    }
    m->listen_fd = m->wake[0] = m->wake[1] = -1;
    for (size_t i = 0; i < METRICS_CLIENTS; i++)
        m->clients[i].fd = -1;
    pthread_mutex_init(&m->lock, NULL);
    m->started_ms = metrics_now_ms();
    lw_status st = metrics_bind(m, listen_spec, err, errlen);
    if (st == LW_OK && pipe2(m->wake, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "metrics: %s", strerror(errno));
        st = LW_ERR_RUNTIME;
    }
    if (st == LW_OK && metrics_start(m) != 0) {
        snprintf(err, errlen, "metrics: cannot start its thread");
        st = LW_ERR_RUNTIME;
    }
    if (st != LW_OK) {
        close(m->wake[0]);
        close(m->wake[1]);
        m->wake[0] = -1;
        metrics_close(m);
        return st;
    }
    *out = m;
    return LW_OK;
}

uint16_t metrics_port(const metrics *m)
{
    return m->port;
}

void metrics_publish(metrics *m, const metrics_snapshot *snap)
{
    uint64_t now = metrics_now_ms();
    pthread_mutex_lock(&m->lock);
    if (snap->stats.packets != m->snap.stats.packets)
        m->last_packet_ms = now;
    m->snap = *snap;
    m->published = true;
    m->published_ms = now;
    pthread_mutex_unlock(&m->lock);
}

void metrics_close(metrics *m)
{
    if (!m)
        return;
    if (m->wake[0] >= 0) {
        ssize_t rc = write(m->wake[1], "x", 1);
        (void)rc;
        pthread_join(m->thread, NULL);
        close(m->wake[0]);
        close(m->wake[1]);
    }
    for (size_t i = 0; i < METRICS_CLIENTS; i++)
        metrics_client_close(&m->clients[i]);
    if (m->listen_fd >= 0)
        close(m->listen_fd);
    pthread_mutex_destroy(&m->lock);
    free(m);
}
