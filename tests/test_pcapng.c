/* test_pcapng.c — the pcapng block reader on files built here block by block: interfaces of
 * different link types, if_tsresol (decimal and binary) and if_tsoffset, big-endian sections,
 * a second section that changes byte order, Simple and obsolete Packet Blocks, unknown
 * blocks; and on hostile files: every truncation of a valid file, lengths that lie, options
 * that run past their block, packets of undescribed interfaces, and random mutations (run it
 * under ASan: the reader must end each with a message, never with a bad read). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pcapng.h"

/* ---- building files ---- */

typedef struct ng_file {
    uint8_t bytes[8192];
    size_t len;
    bool big;
} ng_file;

static void put16(ng_file *f, uint16_t v)
{
    f->bytes[f->len++] = (uint8_t)(f->big ? v >> 8 : v);
    f->bytes[f->len++] = (uint8_t)(f->big ? v : v >> 8);
}

static void put32(ng_file *f, uint32_t v)
{
    put16(f, (uint16_t)(f->big ? v >> 16 : v));
    put16(f, (uint16_t)(f->big ? v : v >> 16));
}

static void put_bytes(ng_file *f, const void *p, size_t n)
{
    memcpy(f->bytes + f->len, p, n);
    f->len += n;
    while (f->len % 4)
        f->bytes[f->len++] = 0;
}

static size_t block_begin(ng_file *f, uint32_t type)
{
    size_t start = f->len;
    put32(f, type);
    put32(f, 0); /* length, patched by block_end */
    return start;
}

static void block_end(ng_file *f, size_t start)
{
    uint32_t len = (uint32_t)(f->len - start + 4);
    put32(f, len);
    size_t end = f->len;
    f->len = start + 4;
    put32(f, len);
    f->len = end;
}

static void shb(ng_file *f, bool big)
{
    f->big = big;
    size_t b = block_begin(f, 0x0A0D0D0A);
    put32(f, 0x1A2B3C4D);
    put16(f, 1);
    put16(f, 0);
    put32(f, 0xFFFFFFFF);
    put32(f, 0xFFFFFFFF);
    block_end(f, b);
}

/* tsresol < 0: no option; offset: if_tsoffset seconds (0: none). */
static void idb(ng_file *f, uint16_t linktype, int tsresol, int64_t offset)
{
    size_t b = block_begin(f, 1);
    put16(f, linktype);
    put16(f, 0);
    put32(f, 262144);
    if (tsresol >= 0) {
        put16(f, 9);
        put16(f, 1);
        uint8_t v = (uint8_t)tsresol;
        put_bytes(f, &v, 1);
    }
    if (offset) {
        put16(f, 14);
        put16(f, 8);
        uint64_t u = (uint64_t)offset;
        put32(f, (uint32_t)(f->big ? u >> 32 : u));
        put32(f, (uint32_t)(f->big ? u : u >> 32));
    }
    put16(f, 0);
    put16(f, 0);
    block_end(f, b);
}

static void epb(ng_file *f, uint32_t iface, uint64_t ts, const void *data, uint32_t len)
{
    size_t b = block_begin(f, 6);
    put32(f, iface);
    put32(f, (uint32_t)(ts >> 32));
    put32(f, (uint32_t)ts);
    put32(f, len);
    put32(f, len + 100);
    put_bytes(f, data, len);
    block_end(f, b);
}

static void spb(ng_file *f, const void *data, uint32_t len)
{
    size_t b = block_begin(f, 3);
    put32(f, len);
    put_bytes(f, data, len);
    block_end(f, b);
}

static void opb(ng_file *f, uint16_t iface, uint64_t ts, const void *data, uint32_t len)
{
    size_t b = block_begin(f, 2);
    put16(f, iface);
    put16(f, 0);
    put32(f, (uint32_t)(ts >> 32));
    put32(f, (uint32_t)ts);
    put32(f, len);
    put32(f, len);
    put_bytes(f, data, len);
    block_end(f, b);
}

static void unknown_block(ng_file *f)
{
    size_t b = block_begin(f, 0x0BAD);
    put32(f, 0xDEADBEEF);
    block_end(f, b);
}

/* ---- reading them ---- */

typedef struct ng_read {
    pcapng_packet p[16];
    uint8_t data[16][64];
    int n, rc;
    char err[LW_ERRBUF];
} ng_read;

/* Read the whole file; rc: 0 end, -1 error (also when opening failed). */
static void read_all(const uint8_t *bytes, size_t len, ng_read *out)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fmemopen((void *)bytes, len, "rb");
    assert_non_null(fp);
    pcapng_reader *r;
    if (pcapng_open(fp, &r, out->err, sizeof out->err) != LW_OK) {
        out->rc = -1;
        fclose(fp);
        return;
    }
    pcapng_packet p;
    while ((out->rc = pcapng_next(r, &p, out->err, sizeof out->err)) == 1) {
        if (out->n < 16) {
            out->p[out->n] = p;
            memcpy(out->data[out->n], p.data, p.caplen < 64 ? p.caplen : 64);
        }
        out->n++;
    }
    pcapng_close(r);
    fclose(fp);
}

static const uint8_t frame_a[] = "ethernet frame bytes";
static const uint8_t frame_b[] = "cooked frame";

/* dumpcap -i eth0 -i any: interface 0 Ethernet, interface 1 Linux SLL. */
static void test_mixed_link_types(void **state)
{
    (void)state;
    ng_file f = {0};
    shb(&f, false);
    idb(&f, 1, -1, 0);
    idb(&f, 113, -1, 0);
    epb(&f, 0, 1000001, frame_a, sizeof frame_a);
    epb(&f, 1, 1000002, frame_b, sizeof frame_b);
    epb(&f, 0, 1000003, frame_a, 5);
    ng_read r;
    read_all(f.bytes, f.len, &r);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.p[0].linktype, 1);
    assert_int_equal(r.p[1].linktype, 113);
    assert_int_equal(r.p[1].interface, 1);
    assert_int_equal(r.p[2].linktype, 1);
    assert_int_equal(r.p[0].ts_us, 1000001);
    assert_int_equal(r.p[1].caplen, sizeof frame_b);
    assert_int_equal(r.p[1].wirelen, sizeof frame_b + 100);
    assert_memory_equal(r.data[1], frame_b, sizeof frame_b);
    assert_int_equal(r.p[2].caplen, 5);
}

/* Interfaces are known after opening, before the first packet is read. */
static void test_interfaces_known_at_open(void **state)
{
    (void)state;
    ng_file f = {0};
    shb(&f, false);
    idb(&f, 1, -1, 0);
    unknown_block(&f);
    idb(&f, 276, -1, 0);
    epb(&f, 1, 7, frame_a, 4);
    FILE *fp = fmemopen(f.bytes, f.len, "rb");
    pcapng_reader *r;
    char err[LW_ERRBUF];
    assert_int_equal(pcapng_open(fp, &r, err, sizeof err), LW_OK);
    assert_int_equal(pcapng_interfaces(r), 2);
    assert_int_equal(pcapng_linktype(r, 0), 1);
    assert_int_equal(pcapng_linktype(r, 1), 276);
    assert_int_equal(pcapng_linktype(r, 2), -1);
    pcapng_packet p;
    assert_int_equal(pcapng_next(r, &p, err, sizeof err), 1);
    assert_int_equal(p.linktype, 276);
    assert_int_equal(pcapng_next(r, &p, err, sizeof err), 0);
    pcapng_close(r);
    fclose(fp);
}

/* Nanoseconds, 2^-20 s, and if_tsoffset, each to microseconds (truncated). */
static void test_timestamp_resolutions(void **state)
{
    (void)state;
    ng_file f = {0};
    shb(&f, false);
    idb(&f, 1, 9, 0);           /* 10^-9 */
    idb(&f, 1, 0x80 | 20, 0);   /* 2^-20 */
    idb(&f, 1, 3, 1000);        /* milliseconds, +1000 s */
    idb(&f, 1, 6, -5);          /* -5 s: times before the epoch are clamped to 0 */
    epb(&f, 0, 1746353553123456789ULL, frame_a, 4);
    epb(&f, 1, (uint64_t)1746353553 << 20 | 524288, frame_a, 4);
    epb(&f, 2, 1746353553123ULL, frame_a, 4);
    epb(&f, 3, 1000000, frame_a, 4);
    ng_read r;
    read_all(f.bytes, f.len, &r);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.p[0].ts_us, 1746353553123456ULL);
    assert_int_equal(r.p[1].ts_us, 1746353553500000ULL);
    assert_int_equal(r.p[2].ts_us, (1746353553ULL + 1000) * 1000000 + 123000);
    assert_int_equal(r.p[3].ts_us, 0);
}

/* A big-endian section, then a little-endian one: the second forgets the first's interfaces. */
static void test_byte_orders_and_sections(void **state)
{
    (void)state;
    ng_file f = {0};
    shb(&f, true);
    idb(&f, 113, -1, 0);
    epb(&f, 0, 42, frame_b, sizeof frame_b);
    shb(&f, false);
    idb(&f, 101, -1, 0);
    epb(&f, 0, 43, frame_a, 4);
    ng_read r;
    read_all(f.bytes, f.len, &r);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.p[0].linktype, 113);
    assert_int_equal(r.p[0].ts_us, 42);
    assert_memory_equal(r.data[0], frame_b, sizeof frame_b);
    assert_int_equal(r.p[1].linktype, 101);

    ng_file g = {0};
    shb(&g, false);
    idb(&g, 1, -1, 0);
    idb(&g, 113, -1, 0);
    shb(&g, false);
    idb(&g, 1, -1, 0);
    epb(&g, 1, 1, frame_a, 4); /* interface 1 belonged to the first section */
    read_all(g.bytes, g.len, &r);
    assert_int_equal(r.rc, -1);
    assert_non_null(strstr(r.err, "interface"));
}

/* Simple Packet Blocks take the time of the packet before them; obsolete Packet Blocks work. */
static void test_simple_and_obsolete_blocks(void **state)
{
    (void)state;
    ng_file f = {0};
    shb(&f, false);
    idb(&f, 1, -1, 0);
    idb(&f, 113, -1, 0);
    opb(&f, 1, 77, frame_b, sizeof frame_b);
    spb(&f, frame_a, sizeof frame_a);
    ng_read r;
    read_all(f.bytes, f.len, &r);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.p[0].linktype, 113);
    assert_int_equal(r.p[0].ts_us, 77);
    assert_int_equal(r.p[1].linktype, 1);
    assert_int_equal(r.p[1].ts_us, 77);
    assert_int_equal(r.p[1].caplen, sizeof frame_a);
    assert_memory_equal(r.data[1], frame_a, sizeof frame_a);
}

static void valid_file(ng_file *f)
{
    memset(f, 0, sizeof *f);
    shb(f, false);
    idb(f, 1, 9, 0);
    idb(f, 113, 0x80 | 10, 3);
    epb(f, 0, 123456789, frame_a, sizeof frame_a);
    unknown_block(f);
    spb(f, frame_b, sizeof frame_b);
    opb(f, 1, 99, frame_b, sizeof frame_b);
}

/* Every proper prefix of a file ends in an error, or (cut between blocks) a clean end. */
static void test_every_truncation(void **state)
{
    (void)state;
    ng_file f;
    valid_file(&f);
    ng_read full;
    read_all(f.bytes, f.len, &full);
    assert_int_equal(full.rc, 0);
    assert_int_equal(full.n, 3);
    int clean = 0;
    for (size_t cut = 0; cut < f.len; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, f.bytes, cut);
        ng_read r;
        read_all(copy, cut, &r);
        assert_true(r.n < 3);
        assert_true(r.rc == -1 || r.rc == 0);
        clean += r.rc == 0;
        if (r.rc < 0)
            assert_true(strlen(r.err) > 0);
        free(copy);
    }
    assert_int_equal(clean, 6); /* cut after each of the first six of the seven blocks */
}

static void patch32(ng_file *f, size_t at, uint32_t v)
{
    size_t end = f->len;
    f->len = at;
    put32(f, v);
    f->len = end;
}

static void expect_error(const ng_file *f, const char *what)
{
    ng_read r;
    read_all(f->bytes, f->len, &r);
    assert_int_equal(r.rc, -1);
    if (!strstr(r.err, what))
        fail_msg("expected '%s' in '%s'", what, r.err);
}

/* Lengths that lie, and fields that point outside their block. */
static void test_lying_lengths(void **state)
{
    (void)state;
    ng_file f;
    size_t epb_at;

    valid_file(&f);
    patch32(&f, 4, 30); /* SHB length not a multiple of 4 */
    expect_error(&f, "impossible block length");

    valid_file(&f);
    patch32(&f, 4, 0xFFFFFFF0);
    expect_error(&f, "longer than 16 MiB");

    memset(&f, 0, sizeof f);
    shb(&f, false);
    idb(&f, 1, -1, 0);
    epb_at = f.len;
    epb(&f, 0, 1, frame_a, 8);
    patch32(&f, epb_at + 20, 4096); /* captured length beyond the block */
    expect_error(&f, "captured length exceeds its block");

    memset(&f, 0, sizeof f);
    shb(&f, false);
    idb(&f, 1, -1, 0);
    epb_at = f.len;
    epb(&f, 0, 1, frame_a, 8);
    patch32(&f, f.len - 4, 12); /* trailing length differs */
    expect_error(&f, "trailing length");

    memset(&f, 0, sizeof f);
    shb(&f, false);
    idb(&f, 1, -1, 0);
    epb(&f, 5, 1, frame_a, 8);
    expect_error(&f, "does not describe");

    memset(&f, 0, sizeof f);
    shb(&f, false);
    size_t idb_at = f.len;
    idb(&f, 1, 6, 0);
    patch32(&f, idb_at + 16, 9 | (200u << 16)); /* tsresol option claims 200 bytes */
    expect_error(&f, "option runs past");

    memset(&f, 0, sizeof f);
    shb(&f, false);
    idb(&f, 1, 20, 0); /* 10^-20 does not fit 64 bits */
    expect_error(&f, "if_tsresol");

    memset(&f, 0, sizeof f);
    shb(&f, false);
    f.bytes[8] = 0x11; /* byte-order magic */
    expect_error(&f, "byte-order magic");

    memset(&f, 0, sizeof f);
    idb(&f, 1, -1, 0);
    expect_error(&f, "not a pcapng file");

    memset(&f, 0, sizeof f);
    shb(&f, false);
    size_t short_at = block_begin(&f, 6);
    put32(&f, 0);
    block_end(&f, short_at);
    idb(&f, 1, -1, 0);
    expect_error(&f, "packet");
}

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Random byte flips, including in the length fields: the reader must never read outside what
 * it was given (ASan) and must end every file. */
static void test_mutations(void **state)
{
    (void)state;
    ng_file f;
    valid_file(&f);
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    int errors = 0;
    for (int i = 0; i < 20000; i++) {
        uint8_t *copy = malloc(f.len);
        memcpy(copy, f.bytes, f.len);
        int flips = 1 + (int)(xorshift(&seed) % 4);
        for (int k = 0; k < flips; k++)
            copy[xorshift(&seed) % f.len] = (uint8_t)xorshift(&seed);
        ng_read r;
        read_all(copy, f.len, &r);
        assert_true(r.rc == 0 || r.rc == -1);
        errors += r.rc == -1;
        free(copy);
    }
    assert_true(errors > 1000); /* the mutations do hit the structure */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed_link_types),
        cmocka_unit_test(test_interfaces_known_at_open),
        cmocka_unit_test(test_timestamp_resolutions),
        cmocka_unit_test(test_byte_orders_and_sections),
        cmocka_unit_test(test_simple_and_obsolete_blocks),
        cmocka_unit_test(test_every_truncation),
        cmocka_unit_test(test_lying_lengths),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
