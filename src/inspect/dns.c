/* dns.c — DNS response parsing (RFC 1035) for name correlation. Reports every A/AAAA
 * answer under the name the device asked (the first question), following CNAME chains back
 * from the address record to that name; the TTL reported is the smallest along the chain,
 * since the mapping holds only while every link does. Records that do not lead back to the
 * question are not reported (they answer nothing that was asked). Without a question
 * (mDNS announcements) each address is reported under its own record's name.
 * The whole message is validated before anything is reported, so a hostile packet gives -1
 * and no partial answers. Compression pointers must point strictly backwards and are
 * counted (a loop through labels ends either way), a name is at most 255 bytes on the
 * wire, and a label holding '.' or NUL is refused (it would read as a different name).
 * Names are reported in lower case. Pure; owns nothing; never reads outside msg[0..len). */
#include "dns.h"

#include <string.h>

enum {
    DNS_HEADER_LEN = 12,
    DNS_NAME_MAX = 256,      /* text form incl. NUL; wire names are at most 255 bytes */
    DNS_RECORDS_MAX = 128,   /* answers kept per message; more are checked but ignored */
    DNS_JUMPS_MAX = 127,     /* compression pointers per name: one per label is plenty */
    DNS_TYPE_A = 1, DNS_TYPE_CNAME = 5, DNS_TYPE_AAAA = 28, DNS_CLASS_IN = 1,
};

typedef struct dns_record {
    uint16_t type;
    uint64_t owner, target; /* hashes of the owner name and, for a CNAME, of its target */
    size_t owner_pos;       /* offset of the owner name */
    size_t rdata;           /* offset of the data */
    uint16_t rdlen;
    uint32_t ttl;
} dns_record;

static uint16_t dns_u16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t dns_u32(const uint8_t *p) { return (uint32_t)dns_u16(p) << 16 | dns_u16(p + 2); }

/* Decode the name at *pos into text ("a.b.c", root = ""), lower-cased, and advance *pos past
 * it. out may be NULL to only validate and skip. */
#define DNS_FNV_OFFSET 14695981039346656037ull
#define DNS_FNV_PRIME 1099511628211ull

/* Read the (possibly compressed) name at *pos, moving *pos past it: its lower-case text into
 * out and a 64-bit FNV-1a hash of that text into *hash, each when not NULL, in one pass.
 * Names are compared by that hash; a crafted collision gains nothing: whoever writes the
 * response can state any address for the asked name. */
static bool dns_read_name(const uint8_t *msg, size_t len, size_t *pos, char *out, uint64_t *hash)
{
    size_t p = *pos, text = 0, wire = 0, jumps = 0;
    uint64_t h = DNS_FNV_OFFSET;
    bool jumped = false;
    for (;;) {
        if (p >= len)
            return false;
        uint8_t l = msg[p];
        if ((l & 0xC0) == 0xC0) {
            if (p + 1 >= len)
                return false;
            size_t target = (size_t)(l & 0x3F) << 8 | msg[p + 1];
            if (target >= p || ++jumps > DNS_JUMPS_MAX)
                return false;
            if (!jumped)
                *pos = p + 2;
            jumped = true;
            p = target;
            continue;
        }
        if (l & 0xC0)
            return false;
        wire += (size_t)l + 1;
        if (wire > 255 || p + 1 + l > len)
            return false;
        if (l == 0)
            break;
        if (text) {
            h = (h ^ '.') * DNS_FNV_PRIME;
            if (out)
                out[text] = '.';
            text++;
        }
        for (size_t i = 0; i < l; i++, text++) {
            uint8_t c = msg[p + 1 + i];
            if (c == '.' || c == 0)
                return false;
            c = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            h = (h ^ c) * DNS_FNV_PRIME;
            if (out)
                out[text] = (char)c;
        }
        p += 1 + (size_t)l;
    }
    if (out)
        out[text] = '\0';
    if (hash)
        *hash = h;
    if (!jumped)
        *pos = p + 1;
    return true;
}

/* Parse one resource record at *pos. qname_hash (NULL without a question) spares re-reading
 * the common owner name: a pointer straight back to the question's name. */
static bool dns_read_record(const uint8_t *msg, size_t len, size_t *pos, const uint64_t *qname_hash, dns_record *r)
{
    r->owner_pos = *pos;
    if (qname_hash && len - *pos >= 2 && msg[*pos] == 0xC0 && msg[*pos + 1] == DNS_HEADER_LEN) {
        r->owner = *qname_hash;
        *pos += 2;
    } else if (!dns_read_name(msg, len, pos, NULL, &r->owner)) {
        return false;
    }
    if (len - *pos < 10)
        return false;
    const uint8_t *f = msg + *pos;
    r->type = dns_u16(f);
    uint16_t class = dns_u16(f + 2) & 0x7FFF; /* mDNS sets the cache-flush bit */
    r->ttl = dns_u32(f + 4);
    if (r->ttl > 0x7FFFFFFF) /* RFC 2181 §8 */
        r->ttl = 0;
    r->rdlen = dns_u16(f + 8);
    r->rdata = *pos + 10;
    if (r->rdlen > len - r->rdata)
        return false;
    *pos = r->rdata + r->rdlen;
    if (class != DNS_CLASS_IN)
        r->type = 0;
    if (r->type == DNS_TYPE_CNAME) {
        size_t t = r->rdata;
        if (!dns_read_name(msg, len, &t, NULL, &r->target) || t != r->rdata + r->rdlen)
            return false;
    }
    return true;
}

typedef struct dns_message {
    const uint8_t *msg;
    size_t len;
    bool has_question;
    char qname[DNS_NAME_MAX];
    uint64_t qname_hash;
    dns_record rec[DNS_RECORDS_MAX];
    size_t n_rec;
} dns_message;

static bool dns_read_message(dns_message *m)
{
    const uint8_t *msg = m->msg;
    if (m->len < DNS_HEADER_LEN || !(msg[2] & 0x80) || (msg[2] & 0x78) != 0)
        return false; /* not a response, or not a standard query's */
    uint16_t qd = dns_u16(msg + 4), an = dns_u16(msg + 6);
    size_t pos = DNS_HEADER_LEN;
    m->has_question = qd > 0;
    for (uint16_t i = 0; i < qd; i++) {
        if (!dns_read_name(msg, m->len, &pos, i == 0 ? m->qname : NULL, i == 0 ? &m->qname_hash : NULL) ||
            m->len - pos < 4)
            return false;
        pos += 4;
    }
    m->n_rec = 0;
    for (uint16_t i = 0; i < an; i++) {
        dns_record r;
        if (!dns_read_record(msg, m->len, &pos, m->has_question ? &m->qname_hash : NULL, &r))
            return false;
        if ((r.type == DNS_TYPE_A || r.type == DNS_TYPE_AAAA || r.type == DNS_TYPE_CNAME) &&
            m->n_rec < DNS_RECORDS_MAX)
            m->rec[m->n_rec++] = r;
    }
    return true;
}

typedef struct dns_alias {
    uint64_t name;
    uint32_t ttl; /* smallest TTL on the way from the question to this name */
} dns_alias;

/* The question's name and every name its CNAME chain leads to. Each CNAME is used at most
 * once, so a cycle ends. */
static size_t dns_aliases(const dns_message *m, dns_alias *alias)
{
    bool used[DNS_RECORDS_MAX] = {false};
    size_t n = 1;
    alias[0] = (dns_alias){m->qname_hash, UINT32_MAX};
    for (bool moved = true; moved && n <= m->n_rec;) {
        moved = false;
        for (size_t i = 0; i < m->n_rec && !moved; i++) {
            const dns_record *r = &m->rec[i];
            if (used[i] || r->type != DNS_TYPE_CNAME || r->owner != alias[n - 1].name)
                continue;
            alias[n] = (dns_alias){r->target, r->ttl < alias[n - 1].ttl ? r->ttl : alias[n - 1].ttl};
            n++;
            used[i] = moved = true;
        }
    }
    return n;
}

static bool dns_record_addr(const dns_message *m, const dns_record *r, lw_addr *a)
{
    memset(a, 0, sizeof *a);
    if (r->type == DNS_TYPE_A && r->rdlen == 4)
        a->family = 4;
    else if (r->type == DNS_TYPE_AAAA && r->rdlen == 16)
        a->family = 6;
    else
        return false;
    memcpy(a->bytes, m->msg + r->rdata, r->rdlen);
    return true;
}

/* The name an address record answers and the TTL of that answer; false when it answers
 * nothing that was asked. Without a question the record's own name is the answer. */
static bool dns_answer_name(const dns_message *m, const dns_alias *alias, size_t n_alias,
                            const dns_record *r, char *name, uint32_t *ttl)
{
    if (!m->has_question) {
        size_t o = r->owner_pos;
        *ttl = r->ttl;
        return dns_read_name(m->msg, m->len, &o, name, NULL);
    }
    for (size_t k = 0; k < n_alias; k++) {
        if (alias[k].name == r->owner) {
            *ttl = r->ttl < alias[k].ttl ? r->ttl : alias[k].ttl;
            strcpy(name, m->qname);
            return true;
        }
    }
    return false;
}

int dns_parse_response(const uint8_t *msg, size_t len, dns_answer_fn fn, void *user)
{
    dns_message m;
    dns_alias alias[DNS_RECORDS_MAX + 1];
    m.msg = msg;
    m.len = len;
    if (!msg || !dns_read_message(&m))
        return -1;
    size_t n_alias = m.has_question ? dns_aliases(&m, alias) : 0;
    int reported = 0;
    for (size_t i = 0; i < m.n_rec; i++) {
        lw_addr addr;
        char name[DNS_NAME_MAX];
        uint32_t ttl;
        if (!dns_record_addr(&m, &m.rec[i], &addr) || !dns_answer_name(&m, alias, n_alias, &m.rec[i], name, &ttl))
            continue;
        fn(name, &addr, ttl, user);
        reported++;
    }
    return reported;
}
