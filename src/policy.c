/* policy.c — who is inside and who may receive messages. Answers three questions for the
 * alert stage: is an address a home device, what is known of a destination (name, country,
 * ASN, approved archive?), and what a signature hit finally becomes (policy_decide).
 *
 * Owns: normalised copies of the approved host rules, the two GeoIP handles, and the DNS
 * cache. Reads home networks, CIDRs, countries and ASNs from the lw_config given to
 * policy_new, which must outlive the policy. Not thread-safe: one policy per worker, or
 * calls serialised by the caller. Never resolves names itself, never logs.
 *
 * Decisions worth knowing:
 * - "*.x" matches every subdomain of x, not x itself; hosts compare case-insensitively
 *   with one trailing dot ignored.
 * - allowed_countries restricts approved archives to those countries. A destination whose
 *   country is unknown (no entry in the database) counts as allowed: an address the
 *   database cannot place is no evidence of a foreign archive, and failing closed would
 *   turn every approved archive missing from the database into an alert. Because of that,
 *   allowed_countries without geoip.country_db is a configuration error.
 * - The DNS cache maps (device, answer address) to the name that device resolved. It is a
 *   set-associative table (POLICY_DNS_SETS sets of POLICY_DNS_WAYS entries, each set with a
 *   two-cache-line head of hash tags and expiry times) indexed by a
 *   keyed SipHash, so insertion and lookup are O(1), memory is bounded, and a full set
 *   evicts its entry closest to expiry (expired ones first). Entries live for the answer's
 *   TTL but at least POLICY_DNS_MIN_HOLD_S: devices connect right after a TTL-0 answer. */
#include "policy.h"

#include <arpa/inet.h>
#include <errno.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    POLICY_DNS_SETS = 8192,
    POLICY_DNS_WAYS = 8,     /* 65,536 entries */
    POLICY_DNS_MIN_HOLD_S = 30,
    POLICY_HOST_MAX = 256,   /* normalised host incl. NUL */
};

typedef struct policy_host_rule {
    char *name;    /* lower case, no trailing dot, without the "*." */
    bool wildcard; /* "*.name": subdomains of name */
} policy_host_rule;

typedef struct policy_dns_entry {
    lw_addr device, answer;
    char name[254];
} policy_dns_entry;

/* The hot part of a set, in two cache lines: a hash tag and the expiry of each way, so a
 * lookup touches a full entry only when its tag matches. */
typedef struct policy_dns_set_head {
    uint32_t tag[POLICY_DNS_WAYS];
    uint64_t expires_us[POLICY_DNS_WAYS]; /* 0: empty */
} policy_dns_set_head;

struct policy {
    const lw_config *cfg;
    policy_host_rule *hosts;
    size_t n_hosts;
    MMDB_s country_db, asn_db;
    bool has_country_db, has_asn_db;
    policy_dns_entry *dns;
    policy_dns_set_head *dns_heads;
    unsigned char dns_key[crypto_shorthash_KEYBYTES];
};

/* Lower-case copy without one trailing dot; false when empty or too long. */
static bool policy_normalise_host(const char *host, char *out)
{
    size_t n = strlen(host);
    if (n > 0 && host[n - 1] == '.')
        n--;
    if (n == 0 || n >= POLICY_HOST_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(host[i] >= 'A' && host[i] <= 'Z' ? host[i] + 32 : host[i]);
    out[n] = '\0';
    return true;
}

static lw_status policy_load_hosts(policy *p, const lw_string_list *hosts, char *err, size_t errlen)
{
    p->hosts = calloc(hosts->count ? hosts->count : 1, sizeof *p->hosts);
    if (!p->hosts) {
        snprintf(err, errlen, "policy: out of memory");
        return LW_ERR_RUNTIME;
    }
    for (size_t i = 0; i < hosts->count; i++) {
        const char *rule = hosts->items[i];
        char norm[POLICY_HOST_MAX];
        bool wildcard = strncmp(rule, "*.", 2) == 0;
        if (!policy_normalise_host(rule + (wildcard ? 2 : 0), norm) || strchr(norm, '*')) {
            snprintf(err, errlen, "%s: policy.approved_archives.hosts: invalid host rule \"%s\"",
                     p->cfg->source ? p->cfg->source : "configuration", rule);
            return LW_ERR_USAGE;
        }
        p->hosts[i] = (policy_host_rule){strdup(norm), wildcard};
        p->n_hosts++;
        if (!p->hosts[i].name) {
            snprintf(err, errlen, "policy: out of memory");
            return LW_ERR_RUNTIME;
        }
    }
    return LW_OK;
}

static lw_status policy_open_db(const char *path, MMDB_s *db, bool *opened, char *err, size_t errlen)
{
    if (!path || !*path)
        return LW_OK;
    errno = 0;
    int status = MMDB_open(path, MMDB_MODE_MMAP, db);
    if (status != MMDB_SUCCESS) {
        int saved = errno;
        snprintf(err, errlen, "%s: cannot open GeoIP database: %s%s%s", path, MMDB_strerror(status),
                 status == MMDB_IO_ERROR && saved ? ": " : "",
                 status == MMDB_IO_ERROR && saved ? strerror(saved) : "");
        return LW_ERR_USAGE;
    }
    *opened = true;
    return LW_OK;
}

lw_status policy_new(const lw_config *cfg, policy **out, char *err, size_t errlen)
{
    *out = NULL;
    if (sodium_init() < 0) {
        snprintf(err, errlen, "policy: libsodium failed to initialise");
        return LW_ERR_RUNTIME;
    }
    if (cfg->allowed_countries.count > 0 && !(cfg->country_db && *cfg->country_db)) {
        snprintf(err, errlen, "%s: policy: allowed_countries needs geoip.country_db",
                 cfg->source ? cfg->source : "configuration");
        return LW_ERR_USAGE;
    }
    policy *p = calloc(1, sizeof *p);
    if (!p || !(p->dns = calloc((size_t)POLICY_DNS_SETS * POLICY_DNS_WAYS, sizeof *p->dns)) ||
        !(p->dns_heads = calloc(POLICY_DNS_SETS, sizeof *p->dns_heads))) {
        if (p)
            free(p->dns);
        free(p);
        snprintf(err, errlen, "policy: out of memory");
        return LW_ERR_RUNTIME;
    }
    p->cfg = cfg;
    randombytes_buf(p->dns_key, sizeof p->dns_key);
    lw_status st = policy_load_hosts(p, &cfg->approved_hosts, err, errlen);
    if (st == LW_OK)
        st = policy_open_db(cfg->country_db, &p->country_db, &p->has_country_db, err, errlen);
    if (st == LW_OK)
        st = policy_open_db(cfg->asn_db, &p->asn_db, &p->has_asn_db, err, errlen);
    if (st != LW_OK) {
        policy_free(p);
        return st;
    }
    *out = p;
    return LW_OK;
}

void policy_free(policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_hosts; i++)
        free(p->hosts[i].name);
    free(p->hosts);
    if (p->has_country_db)
        MMDB_close(&p->country_db);
    if (p->has_asn_db)
        MMDB_close(&p->asn_db);
    free(p->dns);
    free(p->dns_heads);
    free(p);
}

static bool policy_cidrs_contain(const lw_cidr_list *list, const lw_addr *a)
{
    for (size_t i = 0; i < list->count; i++)
        if (lw_cidr_contains(&list->items[i], a))
            return true;
    return false;
}

bool policy_is_home(const policy *p, const lw_addr *a)
{
    return policy_cidrs_contain(&p->cfg->home_networks, a);
}

bool policy_host_is_approved(const policy *p, const char *host)
{
    char norm[POLICY_HOST_MAX];
    if (!host || !policy_normalise_host(host, norm))
        return false;
    size_t n = strlen(norm);
    for (size_t i = 0; i < p->n_hosts; i++) {
        const policy_host_rule *r = &p->hosts[i];
        size_t rn = strlen(r->name);
        if (!r->wildcard ? strcmp(norm, r->name) == 0
                         : n > rn && norm[n - rn - 1] == '.' && strcmp(norm + n - rn, r->name) == 0)
            return true;
    }
    return false;
}

/* The database entry for `ip`, looked up as a socket address (IPv4 goes through the IPv4
 * subtree of an IPv6 database). */
static bool policy_geo_entry(const MMDB_s *db, const lw_addr *ip, MMDB_entry_s *entry)
{
    struct sockaddr_in v4 = {.sin_family = AF_INET};
    struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
    const struct sockaddr *sa;
    if (ip->family == 4) {
        memcpy(&v4.sin_addr, ip->bytes, 4);
        sa = (const struct sockaddr *)&v4;
    } else if (ip->family == 6) {
        memcpy(&v6.sin6_addr, ip->bytes, 16);
        sa = (const struct sockaddr *)&v6;
    } else {
        return false;
    }
    int mmdb_error;
    MMDB_lookup_result_s r = MMDB_lookup_sockaddr(db, sa, &mmdb_error);
    if (mmdb_error != MMDB_SUCCESS || !r.found_entry)
        return false;
    *entry = r.entry;
    return true;
}

/* A UTF-8 string at `path` copied into out (MMDB strings are not NUL-terminated). */
static bool policy_geo_string(MMDB_entry_s *e, const char *const *path, char *out, size_t cap)
{
    MMDB_entry_data_s d;
    if (MMDB_aget_value(e, &d, path) != MMDB_SUCCESS || !d.has_data || d.type != MMDB_DATA_TYPE_UTF8_STRING ||
        d.data_size == 0)
        return false;
    size_t n = d.data_size < cap - 1 ? d.data_size : cap - 1;
    memcpy(out, d.utf8_string, n);
    out[n] = '\0';
    return true;
}

static void policy_geo_country(const policy *p, const lw_addr *ip, dest_info *out)
{
    static const char *const country[] = {"country", "iso_code", NULL};
    static const char *const registered[] = {"registered_country", "iso_code", NULL};
    MMDB_entry_s e;
    if (p->has_country_db && policy_geo_entry(&p->country_db, ip, &e) &&
        !policy_geo_string(&e, country, out->country, sizeof out->country))
        policy_geo_string(&e, registered, out->country, sizeof out->country);
}

static void policy_geo_asn(const policy *p, const lw_addr *ip, dest_info *out)
{
    static const char *const number[] = {"autonomous_system_number", NULL};
    static const char *const org[] = {"autonomous_system_organization", NULL};
    MMDB_entry_s e;
    MMDB_entry_data_s d;
    if (!p->has_asn_db || !policy_geo_entry(&p->asn_db, ip, &e))
        return;
    if (MMDB_aget_value(&e, &d, number) == MMDB_SUCCESS && d.has_data && d.type == MMDB_DATA_TYPE_UINT32)
        out->asn = d.uint32;
    policy_geo_string(&e, org, out->as_org, sizeof out->as_org);
}

static bool policy_country_listed(const lw_string_list *list, const char *country)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcasecmp(list->items[i], country) == 0)
            return true;
    return false;
}

static bool policy_asn_approved(const lw_config *cfg, uint32_t asn)
{
    for (size_t i = 0; asn && i < cfg->approved_asn_count; i++)
        if (cfg->approved_asns[i] == asn)
            return true;
    return false;
}

void policy_describe_dest_for(policy *p, const lw_addr *device, const lw_addr *ip, const char *host,
                              uint64_t now_us, dest_info *out)
{
    const lw_config *cfg = p->cfg;
    memset(out, 0, sizeof *out);
    if ((!host || !*host) && device)
        host = policy_dns_name(p, device, ip, now_us);
    if (host)
        lw_strlcpy(out->host, host, sizeof out->host);
    policy_geo_country(p, ip, out);
    policy_geo_asn(p, ip, out);
    bool country_known = out->country[0] != '\0';
    out->approved = policy_host_is_approved(p, out->host) || policy_cidrs_contain(&cfg->approved_cidrs, ip) ||
                    (country_known && policy_country_listed(&cfg->approved_countries, out->country)) ||
                    policy_asn_approved(cfg, out->asn);
    out->country_allowed = cfg->allowed_countries.count == 0 || !country_known ||
                           policy_country_listed(&cfg->allowed_countries, out->country);
}

void policy_describe_dest(policy *p, const lw_addr *ip, const char *host, dest_info *out)
{
    policy_describe_dest_for(p, NULL, ip, host, 0, out);
}

lw_category policy_decide(const policy *p, lw_category cat, const dest_info *dest)
{
    (void)p;
    bool approved = dest && dest->approved && dest->country_allowed;
    if (cat == LW_CAT_PLAINTEXT_MESSAGE && approved)
        return LW_CAT_CLEARTEXT_TRANSPORT;
    if (cat == LW_CAT_UNAPPROVED_ARCHIVE && approved)
        return LW_CAT_NONE;
    return cat;
}

/* Append an address to a hash key: family and its 4 or 16 bytes, nothing else. */
static size_t policy_key_addr(uint8_t *key, size_t n, const lw_addr *a)
{
    size_t len = a->family == 4 ? 4 : 16;
    key[n] = a->family;
    memcpy(key + n + 1, a->bytes, len);
    return n + 1 + len;
}

/* The set of (device, answer) and the tag that stands for the pair inside it. */
static size_t policy_dns_set(const policy *p, const lw_addr *device, const lw_addr *answer, uint32_t *tag)
{
    uint8_t key[2 * sizeof(lw_addr)];
    unsigned char hash[crypto_shorthash_BYTES];
    size_t n = policy_key_addr(key, policy_key_addr(key, 0, device), answer);
    crypto_shorthash(hash, key, n, p->dns_key);
    uint64_t h;
    memcpy(&h, hash, sizeof h);
    *tag = (uint32_t)(h >> 32);
    return (size_t)(h % POLICY_DNS_SETS);
}

/* Way of (device, answer) in set `set` still valid at now_us, or -1. */
static int policy_dns_find(const policy *p, size_t set, uint32_t tag, const lw_addr *device, const lw_addr *answer,
                           uint64_t now_us)
{
    const policy_dns_set_head *head = &p->dns_heads[set];
    for (int i = 0; i < POLICY_DNS_WAYS; i++) {
        if (head->tag[i] != tag || head->expires_us[i] <= now_us)
            continue;
        const policy_dns_entry *e = &p->dns[set * POLICY_DNS_WAYS + (size_t)i];
        if (lw_addr_equal(&e->device, device) && lw_addr_equal(&e->answer, answer))
            return i;
    }
    return -1;
}

void policy_learn_dns(policy *p, const lw_addr *device, const char *name, const lw_addr *answer,
                      uint32_t ttl_s, uint64_t now_us)
{
    if (!name || !*name || (answer->family != 4 && answer->family != 6))
        return;
    uint32_t tag;
    size_t set = policy_dns_set(p, device, answer, &tag);
    policy_dns_set_head *head = &p->dns_heads[set];
    int way = policy_dns_find(p, set, tag, device, answer, 0); /* the pair's entry, even expired */
    if (way < 0) { /* else the way closest to expiry, empty ones first */
        way = 0;
        for (int i = 1; i < POLICY_DNS_WAYS; i++)
            if (head->expires_us[i] < head->expires_us[way])
                way = i;
    }
    uint64_t hold = ttl_s > POLICY_DNS_MIN_HOLD_S ? ttl_s : POLICY_DNS_MIN_HOLD_S;
    policy_dns_entry *e = &p->dns[set * POLICY_DNS_WAYS + (size_t)way];
    e->device = *device;
    e->answer = *answer;
    lw_strlcpy(e->name, name, sizeof e->name);
    head->tag[way] = tag;
    head->expires_us[way] = now_us + hold * 1000000u;
}

void policy_take_dns(policy *to, policy *from)
{
    policy_dns_entry *dns = to->dns;
    policy_dns_set_head *heads = to->dns_heads;
    unsigned char key[sizeof to->dns_key];
    memcpy(key, to->dns_key, sizeof key);
    to->dns = from->dns;
    to->dns_heads = from->dns_heads;
    memcpy(to->dns_key, from->dns_key, sizeof key); /* the sets were chosen with this key */
    from->dns = dns;
    from->dns_heads = heads;
    memcpy(from->dns_key, key, sizeof key);
}

const char *policy_dns_name(policy *p, const lw_addr *device, const lw_addr *dest, uint64_t now_us)
{
    uint32_t tag;
    size_t set = policy_dns_set(p, device, dest, &tag);
    int way = policy_dns_find(p, set, tag, device, dest, now_us);
    return way < 0 ? NULL : p->dns[set * POLICY_DNS_WAYS + (size_t)way].name;
}
