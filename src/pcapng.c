/* pcapng.c — reads pcapng files block by block (draft-ietf-opsawg-pcapng). Used for every pcapng
 * file, not only those libpcap refuses: a refusal shows only after libpcap read part of the
 * file (a later Interface Description Block with another link type), too late for standard
 * input, and one reader for one format keeps one behaviour. Classic pcap stays with libpcap.
 *
 * A block is read whole into one buffer (at most PCAPNG_MAX_BLOCK bytes), its two length fields
 * compared, then decoded from that buffer only: every field offset is checked against the
 * block's body length before it is read. Sections may switch byte order (each Section Header
 * Block's byte-order magic says which); a new section forgets the interfaces of the last.
 * Simple Packet Blocks carry no time: they take the time of the packet before them. */
#include "pcapng.h"

#include <stdlib.h>
#include <string.h>

#define PCAPNG_MAX_BLOCK (16u << 20)
#define PCAPNG_MAX_INTERFACES 65536u
#define PCAPNG_SHB_MIN 28u /* type, length, magic, versions, section length, trailing length */

enum {
    PCAPNG_SHB = 0x0A0D0D0A,
    PCAPNG_IDB = 1,
    PCAPNG_OPB = 2,
    PCAPNG_SPB = 3,
    PCAPNG_EPB = 6,
    PCAPNG_OPT_TSRESOL = 9,
    PCAPNG_OPT_TSOFFSET = 14,
};

typedef struct pcapng_interface {
    int linktype;
    uint32_t snaplen;
    uint64_t units;   /* timestamp units per second (if_tsresol; default microseconds) */
    int64_t offset_s; /* if_tsoffset */
} pcapng_interface;

struct pcapng_reader {
    FILE *fp;
    bool big_endian, pending, seen_section;
    uint64_t offset;       /* file offset of the block in buf */
    uint8_t *buf;
    uint32_t cap, len, type;
    pcapng_interface *ifs;
    uint32_t n_ifs, cap_ifs;
    uint64_t last_ts_us;
};

static int pcapng_fail(const pcapng_reader *r, char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "pcapng block at byte %llu: %s", (unsigned long long)r->offset, what);
    return -1;
}

static uint16_t pcapng_u16(const pcapng_reader *r, const uint8_t *p)
{
    return r->big_endian ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

static uint32_t pcapng_u32(const pcapng_reader *r, const uint8_t *p)
{
    return r->big_endian ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                         : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint64_t pcapng_u64(const pcapng_reader *r, const uint8_t *p)
{
    uint64_t a = pcapng_u32(r, p), b = pcapng_u32(r, p + 4);
    return r->big_endian ? a << 32 | b : b << 32 | a;
}

static bool pcapng_reserve(pcapng_reader *r, uint32_t len)
{
    if (len <= r->cap)
        return true;
    uint32_t cap = r->cap ? r->cap : 65536;
    while (cap < len)
        cap *= 2;
    uint8_t *grown = realloc(r->buf, cap);
    if (!grown)
        return false;
    r->buf = grown;
    r->cap = cap;
    return true;
}

/* A Section Header Block's byte-order magic decides how its own length is read. */
static int pcapng_byte_order(pcapng_reader *r, const uint8_t magic[4], char *err, size_t errlen)
{
    static const uint8_t big[4] = {0x1A, 0x2B, 0x3C, 0x4D}, little[4] = {0x4D, 0x3C, 0x2B, 0x1A};
    if (memcmp(magic, big, 4) == 0)
        r->big_endian = true;
    else if (memcmp(magic, little, 4) == 0)
        r->big_endian = false;
    else
        return pcapng_fail(r, err, errlen, "section header with a bad byte-order magic");
    return 0;
}

static int pcapng_check_length(const pcapng_reader *r, uint32_t type, uint32_t len, char *err, size_t errlen)
{
    if (len < (type == PCAPNG_SHB ? PCAPNG_SHB_MIN : 12u) || len % 4 != 0)
        return pcapng_fail(r, err, errlen, "impossible block length");
    if (len > PCAPNG_MAX_BLOCK)
        return pcapng_fail(r, err, errlen, "block longer than 16 MiB");
    return 0;
}

/* One whole block into r->buf: 1, or 0 at a clean end of the file, or -1. */
static int pcapng_read_block(pcapng_reader *r, char *err, size_t errlen)
{
    uint8_t head[12];
    r->offset += r->len;
    r->len = 0;
    size_t got = fread(head, 1, 8, r->fp);
    if (got == 0 && !ferror(r->fp))
        return 0;
    if (got < 8)
        return pcapng_fail(r, err, errlen, "truncated block header");
    uint32_t type = pcapng_u32(r, head), have = 8;
    if (type == PCAPNG_SHB) {
        if (fread(head + 8, 1, 4, r->fp) != 4)
            return pcapng_fail(r, err, errlen, "truncated section header");
        if (pcapng_byte_order(r, head + 8, err, errlen) < 0)
            return -1;
        have = 12;
    } else if (!r->seen_section) {
        return pcapng_fail(r, err, errlen, "not a pcapng file (no section header block first)");
    }
    uint32_t len = pcapng_u32(r, head + 4);
    if (pcapng_check_length(r, type, len, err, errlen) < 0)
        return -1;
    if (!pcapng_reserve(r, len))
        return pcapng_fail(r, err, errlen, "out of memory");
    memcpy(r->buf, head, have);
    if (fread(r->buf + have, 1, len - have, r->fp) != len - have)
        return pcapng_fail(r, err, errlen, "truncated block");
    if (pcapng_u32(r, r->buf + len - 4) != len)
        return pcapng_fail(r, err, errlen, "block's trailing length differs from its length");
    r->type = type;
    r->len = len;
    return 1;
}

static int pcapng_section(pcapng_reader *r, char *err, size_t errlen)
{
    if (pcapng_u16(r, r->buf + 12) != 1)
        return pcapng_fail(r, err, errlen, "unsupported pcapng major version");
    r->seen_section = true;
    r->n_ifs = 0;
    return 0;
}

/* if_tsresol: bit 7 clear, a negative power of 10; set, of 2. Units must fit 64 bits. */
static int pcapng_tsresol(pcapng_reader *r, uint8_t v, pcapng_interface *ifc, char *err, size_t errlen)
{
    unsigned n = v & 0x7F;
    if ((v & 0x80) ? n > 63 : n > 19)
        return pcapng_fail(r, err, errlen, "unsupported if_tsresol");
    uint64_t units = 1;
    for (unsigned i = 0; i < n; i++)
        units *= (v & 0x80) ? 2 : 10;
    ifc->units = units;
    return 0;
}

static int pcapng_idb_options(pcapng_reader *r, const uint8_t *opt, uint32_t len, pcapng_interface *ifc, char *err,
                              size_t errlen)
{
    while (len >= 4) {
        uint16_t code = pcapng_u16(r, opt), olen = pcapng_u16(r, opt + 2);
        uint32_t padded = ((uint32_t)olen + 3u) & ~3u;
        if (code == 0)
            break;
        if (padded > len - 4)
            return pcapng_fail(r, err, errlen, "interface option runs past its block");
        if (code == PCAPNG_OPT_TSRESOL && olen >= 1 && pcapng_tsresol(r, opt[4], ifc, err, errlen) < 0)
            return -1;
        if (code == PCAPNG_OPT_TSOFFSET && olen >= 8)
            ifc->offset_s = (int64_t)pcapng_u64(r, opt + 4);
        opt += 4 + padded;
        len -= 4 + padded;
    }
    return 0;
}

static int pcapng_interface_block(pcapng_reader *r, char *err, size_t errlen)
{
    uint32_t body = r->len - 12;
    if (body < 8)
        return pcapng_fail(r, err, errlen, "interface description block too short");
    if (r->n_ifs == PCAPNG_MAX_INTERFACES)
        return pcapng_fail(r, err, errlen, "more than 65536 interfaces in one section");
    if (r->n_ifs == r->cap_ifs) {
        uint32_t cap = r->cap_ifs ? 2 * r->cap_ifs : 8;
        pcapng_interface *grown = realloc(r->ifs, cap * sizeof *grown);
        if (!grown)
            return pcapng_fail(r, err, errlen, "out of memory");
        r->ifs = grown;
        r->cap_ifs = cap;
    }
    const uint8_t *b = r->buf + 8;
    pcapng_interface ifc = {pcapng_u16(r, b), pcapng_u32(r, b + 4), 1000000, 0};
    if (pcapng_idb_options(r, b + 8, body - 8, &ifc, err, errlen) < 0)
        return -1;
    r->ifs[r->n_ifs++] = ifc;
    return 0;
}

static uint64_t pcapng_time_us(const pcapng_interface *ifc, uint64_t ts)
{
    unsigned __int128 us = ifc->units == 1000000 ? ts : (unsigned __int128)ts * 1000000u / ifc->units;
    __int128 t = (__int128)us + (__int128)ifc->offset_s * 1000000;
    return t < 0 ? 0 : t > (__int128)UINT64_MAX ? UINT64_MAX : (uint64_t)t;
}

/* Fills p from an Enhanced, Simple or obsolete Packet Block in r->buf. */
static int pcapng_packet_block(pcapng_reader *r, pcapng_packet *p, char *err, size_t errlen)
{
    const uint8_t *b = r->buf + 8;
    uint32_t body = r->len - 12, head = r->type == PCAPNG_SPB ? 4 : 20;
    if (body < head)
        return pcapng_fail(r, err, errlen, "packet block too short");
    uint32_t iface = r->type == PCAPNG_EPB ? pcapng_u32(r, b) : r->type == PCAPNG_OPB ? pcapng_u16(r, b) : 0;
    if (iface >= r->n_ifs)
        return pcapng_fail(r, err, errlen, "packet of an interface the section does not describe");
    const pcapng_interface *ifc = &r->ifs[iface];
    if (r->type == PCAPNG_SPB) {
        p->wirelen = pcapng_u32(r, b);
        p->caplen = p->wirelen < body - head ? p->wirelen : body - head;
        if (ifc->snaplen && p->caplen > ifc->snaplen)
            p->caplen = ifc->snaplen;
        p->ts_us = r->last_ts_us;
    } else {
        uint64_t ts = (uint64_t)pcapng_u32(r, b + 4) << 32 | pcapng_u32(r, b + 8);
        p->caplen = pcapng_u32(r, b + 12);
        p->wirelen = pcapng_u32(r, b + 16);
        if (p->caplen > body - head)
            return pcapng_fail(r, err, errlen, "captured length exceeds its block");
        p->ts_us = r->last_ts_us = pcapng_time_us(ifc, ts);
    }
    if (p->wirelen < p->caplen)
        p->wirelen = p->caplen;
    p->interface = iface;
    p->linktype = ifc->linktype;
    p->data = b + head;
    return 1;
}

static bool pcapng_is_packet(uint32_t type)
{
    return type == PCAPNG_EPB || type == PCAPNG_SPB || type == PCAPNG_OPB;
}

/* Read blocks, taking in sections and interfaces, until a packet block is in r->buf. */
static int pcapng_to_packet(pcapng_reader *r, char *err, size_t errlen)
{
    for (;;) {
        int rc = pcapng_read_block(r, err, errlen);
        if (rc <= 0)
            return rc;
        if (r->type == PCAPNG_SHB)
            rc = pcapng_section(r, err, errlen);
        else if (r->type == PCAPNG_IDB)
            rc = pcapng_interface_block(r, err, errlen);
        else if (pcapng_is_packet(r->type))
            return 1;
        if (rc < 0)
            return -1;
    }
}

lw_status pcapng_open(FILE *fp, pcapng_reader **out, char *err, size_t errlen)
{
    pcapng_reader *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return LW_ERR_RUNTIME;
    }
    r->fp = fp;
    int rc = pcapng_to_packet(r, err, errlen);
    if (rc == 0 && !r->seen_section)
        rc = pcapng_fail(r, err, errlen, "empty file");
    if (rc < 0) {
        pcapng_close(r);
        return LW_ERR_RUNTIME;
    }
    r->pending = rc == 1;
    *out = r;
    return LW_OK;
}

int pcapng_next(pcapng_reader *r, pcapng_packet *p, char *err, size_t errlen)
{
    if (!r->pending) {
        int rc = pcapng_to_packet(r, err, errlen);
        if (rc <= 0)
            return rc;
    }
    r->pending = false;
    return pcapng_packet_block(r, p, err, errlen);
}

uint32_t pcapng_interfaces(const pcapng_reader *r)
{
    return r->n_ifs;
}

int pcapng_linktype(const pcapng_reader *r, uint32_t interface)
{
    return interface < r->n_ifs ? r->ifs[interface].linktype : -1;
}

void pcapng_close(pcapng_reader *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r->ifs);
    free(r);
}
