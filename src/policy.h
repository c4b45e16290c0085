/* policy.h — who is inside, who may receive messages. Home networks; approved archives by
 * host (exact, "*." wildcard), CIDR (v4/v6), country and ASN (libmaxminddb); allowed
 * countries; and each device's own DNS answers (name ← address, kept for their TTL) so a
 * flow without SNI or Host still resolves to a name. Owns the GeoIP handles and the DNS cache. */
#ifndef LW_POLICY_H
#define LW_POLICY_H

#include "common.h"
#include "config.h"

typedef struct policy policy;

typedef struct dest_info {
    char host[256];      /* "" = unknown (JSON null) */
    char country[4];     /* ISO code, "" = unknown */
    uint32_t asn;        /* 0 = unknown */
    char as_org[128];    /* "" = unknown */
    bool approved;       /* an approved archive (host, CIDR, country or ASN rule matched) */
    bool country_allowed;/* false when allowed_countries is set and the country is not in it */
} dest_info;

/* Build from configuration; opens GeoIP databases. Errors (unreadable DB …) name the file. */
lw_status policy_new(const lw_config *cfg, policy **out, char *err, size_t errlen);
void policy_free(policy *p);

bool policy_is_home(const policy *p, const lw_addr *a);

/* Host name matches an approved archive host rule (exact, case-insensitive; "*.x" matches
 * x's subdomains). */
bool policy_host_is_approved(const policy *p, const char *host);

/* Fill `out` for destination `ip`; `host` is the best known name (may be NULL). */
void policy_describe_dest(policy *p, const lw_addr *ip, const char *host, dest_info *out);
/* The same, and when `host` is NULL or "" the name `device` itself resolved for `ip` and
 * still valid at now_us (DNS cache) — never a name another device resolved. */
void policy_describe_dest_for(policy *p, const lw_addr *device, const lw_addr *ip, const char *host,
                              uint64_t now_us, dest_info *out);

/* Final category for a signature hit of category `cat` towards `dest`, or LW_CAT_NONE to
 * stay quiet: plaintext_message to an approved archive becomes cleartext_transport;
 * unapproved_archive to an approved (and allowed-country) archive is silent. */
lw_category policy_decide(const policy *p, lw_category cat, const dest_info *dest);

/* DNS correlation: `device` resolved `name` to `answer`, valid for ttl seconds from now. */
void policy_learn_dns(policy *p, const lw_addr *device, const char *name, const lw_addr *answer,
                      uint32_t ttl_s, uint64_t now_us);
/* Move the DNS names learned by `from` into `to` (a reload must not forget them); `from`
 * gets `to`'s empty cache in exchange. */
void policy_take_dns(policy *to, policy *from);

/* Name `device` resolved for `dest` and still valid at now_us, or NULL. */
const char *policy_dns_name(policy *p, const lw_addr *device, const lw_addr *dest, uint64_t now_us);

#endif
