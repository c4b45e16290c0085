/* common.c — names of shared enums and address helpers (parse, format, match).
 * Pure functions; owns no state. */
#include "common.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const verdict_names[] = {"unknown", "plaintext", "encoded", "compressed", "encrypted"};
static const char *const category_names[] = {"none", "plaintext_message", "unapproved_archive",
                                             "cleartext_transport", "archive_exfiltration"};

const char *lw_verdict_name(lw_verdict v)
{
    return (unsigned)v < LW_ARRAY_LEN(verdict_names) ? verdict_names[v] : "unknown";
}

const char *lw_category_name(lw_category c)
{
    return (unsigned)c < LW_ARRAY_LEN(category_names) ? category_names[c] : "none";
}

int lw_category_from_name(const char *name)
{
    for (size_t i = 1; i < LW_ARRAY_LEN(category_names); i++)
        if (strcmp(name, category_names[i]) == 0)
            return (int)i;
    return -1;
}

const char *lw_addr_format(const lw_addr *a, char *buf, size_t len)
{
    if (a->family != 4 && a->family != 6) {
        snprintf(buf, len, "?");
        return buf;
    }
    if (!inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->bytes, buf, (socklen_t)len))
        snprintf(buf, len, "?");
    return buf;
}

bool lw_cidr_parse(const char *text, lw_cidr *out)
{
    char host[64];
    const char *slash = strchr(text, '/');
    size_t host_len = slash ? (size_t)(slash - text) : strlen(text);
    if (host_len == 0 || host_len >= sizeof host)
        return false;
    memcpy(host, text, host_len);
    host[host_len] = '\0';
    memset(out, 0, sizeof *out);
    int max_len;
    if (inet_pton(AF_INET, host, out->addr.bytes) == 1) {
        out->addr.family = 4;
        max_len = 32;
    } else if (inet_pton(AF_INET6, host, out->addr.bytes) == 1) {
        out->addr.family = 6;
        max_len = 128;
    } else {
        return false;
    }
    long prefix = max_len;
    if (slash) {
        char *end;
        if (slash[1] < '0' || slash[1] > '9')
            return false;
        prefix = strtol(slash + 1, &end, 10);
        if (*end != '\0' || prefix < 0 || prefix > max_len)
            return false;
    }
    out->prefix_len = (uint8_t)prefix;
    return true;
}

bool lw_cidr_contains(const lw_cidr *net, const lw_addr *a)
{
    if (net->addr.family != a->family)
        return false;
    unsigned full = net->prefix_len / 8, rest = net->prefix_len % 8;
    if (memcmp(net->addr.bytes, a->bytes, full) != 0)
        return false;
    if (rest == 0)
        return true;
    uint8_t mask = (uint8_t)(0xFF << (8 - rest));
    return (net->addr.bytes[full] & mask) == (a->bytes[full] & mask);
}

bool lw_addr_equal(const lw_addr *a, const lw_addr *b)
{
    return a->family == b->family && memcmp(a->bytes, b->bytes, a->family == 4 ? 4 : 16) == 0;
}

size_t lw_strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);
    size_t n = len < size - 1 ? len : size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return len;
}
