/* common.h — the few types every pipeline stage shares: addresses, directions,
 * verdicts and status codes. Nothing here owns state; it is vocabulary only.
 * Keep it small: anything that belongs to one stage lives in that stage's header. */
#ifndef LW_COMMON_H
#define LW_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An IPv4 or IPv6 address. IPv4 is stored in bytes[0..3], the rest zero. */
typedef struct lw_addr {
    uint8_t family; /* 4 or 6; 0 = unset */
    uint8_t bytes[16];
} lw_addr;

/* A network prefix, as written in configuration (10.0.0.0/8, fc00::/7). */
typedef struct lw_cidr {
    lw_addr addr;
    uint8_t prefix_len;
} lw_cidr;

/* Direction of bytes relative to the TCP/UDP connection: index 0 is what the
 * initiator sends, index 1 what the responder sends. */
enum { LW_DIR_INITIATOR = 0, LW_DIR_RESPONDER = 1 };

/* Encryption state of inspected bytes (contract: leak.verdict). */
typedef enum lw_verdict {
    LW_VERDICT_UNKNOWN = 0, /* not enough bytes yet */
    LW_VERDICT_PLAINTEXT,
    LW_VERDICT_ENCODED,
    LW_VERDICT_COMPRESSED,
    LW_VERDICT_ENCRYPTED,
} lw_verdict;

/* Alert categories (contract: alert.category). */
typedef enum lw_category {
    LW_CAT_NONE = 0,
    LW_CAT_PLAINTEXT_MESSAGE,
    LW_CAT_UNAPPROVED_ARCHIVE,
    LW_CAT_CLEARTEXT_TRANSPORT,
    LW_CAT_ARCHIVE_EXFILTRATION,
    LW_CAT_COUNT
} lw_category;

/* Status codes returned across module boundaries (curl style: checked, never ignored). */
typedef enum lw_status {
    LW_OK = 0,
    LW_ERR_USAGE = 2,   /* configuration, signature or command-line error: exit 2 */
    LW_ERR_RUNTIME = 1, /* capture or sink failure: exit 1 */
} lw_status;

/* A bounded reader over bytes: every take is checked against what is left. */
typedef struct lw_reader {
    const uint8_t *p;
    size_t left;
} lw_reader;

/* Take n bytes (their start in *out unless out is NULL); false, taking nothing, when fewer are left. */
static inline bool lw_take(lw_reader *r, size_t n, const uint8_t **out)
{
    if (r->left < n)
        return false;
    if (out)
        *out = r->p;
    r->p += n;
    r->left -= n;
    return true;
}

#define LW_ERRBUF 512 /* size of error-message buffers passed between stages */
#define LW_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

const char *lw_verdict_name(lw_verdict v);
const char *lw_category_name(lw_category c);
int lw_category_from_name(const char *name); /* -1 when unknown */

/* Text form of an address (inet_ntop); buf must hold 46 bytes. */
const char *lw_addr_format(const lw_addr *a, char *buf, size_t len);
/* Parse "10.0.0.0/8", "fc00::/7" or a bare address (full-length prefix). */
bool lw_cidr_parse(const char *text, lw_cidr *out);
bool lw_cidr_contains(const lw_cidr *net, const lw_addr *a);
bool lw_addr_equal(const lw_addr *a, const lw_addr *b);

/* Copy a C string into dst of `size` bytes, truncating, always terminated (size > 0).
 * Returns strlen(src). The hot paths' replacement for snprintf(dst, size, "%s", src). */
size_t lw_strlcpy(char *dst, const char *src, size_t size);

#endif
