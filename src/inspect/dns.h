/* dns.h — DNS response parsing (RFC 1035) for name correlation: every A/AAAA answer with the
 * query name it answers (CNAME chains followed back to the asked name) and its TTL.
 * Bounds-checked, compression-loop safe. Pure; owns nothing. */
#ifndef LW_DNS_H
#define LW_DNS_H

#include "../common.h"

typedef void (*dns_answer_fn)(const char *qname, const lw_addr *addr, uint32_t ttl_s, void *user);

/* Parse a DNS message (UDP payload, or TCP payload after the 2-byte length). Returns the
 * number of answers reported, or -1 when the message is not a well-formed response. */
int dns_parse_response(const uint8_t *msg, size_t len, dns_answer_fn fn, void *user);

#endif
