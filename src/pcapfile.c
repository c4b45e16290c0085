/* pcapfile.c — the 24-byte file header tells byte order and stamp resolution; records are
 * a 16-byte header (seconds, micro- or nanoseconds, captured length, length on the wire)
 * and the captured bytes. Released pages are given back with MADV_DONTNEED (the file stays
 * in the page cache; the mapping stops counting in the process's resident memory). */
#include "pcapfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCAPFILE_HEADER 24
#define PCAPFILE_RECORD 16
#define PCAPFILE_MAX_CAPLEN 262144u   /* libpcap's largest snapshot length */
#define PCAPFILE_AHEAD 8192u          /* bytes prefetched ahead of the reading */

struct pcapfile {
    const uint8_t *base;
    uint64_t size, offset, released;
    uint64_t fetched;             /* prefetched up to here */
    uint32_t snaplen;             /* longer records are cut to it, as libpcap does */
    bool swapped, nanoseconds;
    long page;
};

static uint32_t pcapfile_u32(const pcapfile *f, const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return f->swapped ? __builtin_bswap32(v) : v;
}

pcapfile *pcapfile_map(int fd)
{
    struct stat sb;
    uint32_t magic;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < PCAPFILE_HEADER ||
        pread(fd, &magic, 4, 0) != 4)
        return NULL;
    bool swapped = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
    uint32_t native = swapped ? __builtin_bswap32(magic) : magic;
    if (native != 0xa1b2c3d4 && native != 0xa1b23c4d)
        return NULL;
    pcapfile *f = calloc(1, sizeof *f);
    void *base = MAP_FAILED;
    if (f)
        base = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED) {
        free(f);
        return NULL;
    }
    madvise(base, (size_t)sb.st_size, MADV_SEQUENTIAL);
    *f = (pcapfile){base, (uint64_t)sb.st_size, PCAPFILE_HEADER, 0, 0, PCAPFILE_MAX_CAPLEN, swapped,
                    native == 0xa1b23c4d, sysconf(_SC_PAGESIZE)};
    uint32_t snaplen = pcapfile_u32(f, f->base + 16);
    if (snaplen && snaplen < PCAPFILE_MAX_CAPLEN)
        f->snaplen = snaplen;
    return f;
}

void pcapfile_close(pcapfile *f)
{
    if (!f)
        return;
    munmap((void *)f->base, f->size);
    free(f);
}

/* Records are read one after another, each found from the one before: the cache lines ahead
 * are asked for early, so that the reading does not wait on memory at every record. */
static void pcapfile_prefetch(pcapfile *f)
{
    uint64_t until = f->offset + PCAPFILE_AHEAD < f->size ? f->offset + PCAPFILE_AHEAD : f->size;
    if (f->fetched < f->offset)
        f->fetched = f->offset;
    for (; f->fetched < until; f->fetched += 64)
        __builtin_prefetch(f->base + f->fetched);
}

int pcapfile_next(pcapfile *f, pcapfile_frame *out, char *err, size_t errlen)
{
    if (f->offset == f->size)
        return 0;
    pcapfile_prefetch(f);
    if (f->size - f->offset < PCAPFILE_RECORD) {
        snprintf(err, errlen, "truncated dump file; tried to read %d header bytes, only got %llu", PCAPFILE_RECORD,
                 (unsigned long long)(f->size - f->offset));
        return -1;
    }
    const uint8_t *h = f->base + f->offset;
    uint32_t sec = pcapfile_u32(f, h), frac = pcapfile_u32(f, h + 4);
    uint32_t caplen = pcapfile_u32(f, h + 8), wirelen = pcapfile_u32(f, h + 12);
    if (caplen > PCAPFILE_MAX_CAPLEN) {
        snprintf(err, errlen, "invalid packet capture length %u, bigger than maximum of %u", caplen,
                 PCAPFILE_MAX_CAPLEN);
        return -1;
    }
    if (f->size - f->offset - PCAPFILE_RECORD < caplen) {
        snprintf(err, errlen, "truncated dump file; tried to read %u captured bytes, only got %llu", caplen,
                 (unsigned long long)(f->size - f->offset - PCAPFILE_RECORD));
        return -1;
    }
    out->ts_us = (uint64_t)sec * 1000000u + (f->nanoseconds ? frac / 1000u : frac);
    out->data = h + PCAPFILE_RECORD;
    out->caplen = caplen < f->snaplen ? caplen : f->snaplen;
    out->wirelen = wirelen;
    f->offset += PCAPFILE_RECORD + caplen;
    return 1;
}

uint64_t pcapfile_offset(const pcapfile *f)
{
    return f->offset;
}

void pcapfile_release(pcapfile *f, uint64_t offset)
{
    uint64_t upto = (offset > f->size ? f->size : offset) / (uint64_t)f->page * (uint64_t)f->page;
    if (upto <= f->released)
        return;
    madvise((void *)(f->base + f->released), upto - f->released, MADV_DONTNEED);
    f->released = upto;
}
