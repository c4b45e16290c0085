/* test_reassembly.c — TCP stream reassembly: ordering, overlaps, wrap-around, gaps, FIN/RST,
 * depth and memcap accounting, a random segment soup (run it under ASan), and real connections
 * from the real corpus (tests/data/real; a missing capture fails) compared with what
 * `tshark -z follow,tcp,raw` reassembles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "reassembly.h"

#define TEST_DEPTH (1u << 20)
#define TEST_MEMCAP (64u << 20)

static uint64_t test_rng_state;

static uint32_t test_rng(void)
{
    test_rng_state ^= test_rng_state << 13;
    test_rng_state ^= test_rng_state >> 7;
    test_rng_state ^= test_rng_state << 17;
    return (uint32_t)(test_rng_state >> 11);
}

static lw_packet test_segment(uint32_t seq, uint8_t flags, const void *data, uint32_t len)
{
    return (lw_packet){.l4proto = 6, .tcp_flags = flags | LW_TCP_ACK, .seq = seq,
                       .payload = data, .payload_len = len, .payload_wire_len = len};
}

static int test_feed(reasm_ctx *ctx, reasm_stream **s, uint32_t seq, uint8_t flags, const void *data, uint32_t len)
{
    lw_packet p = test_segment(seq, flags, data, len);
    return reasm_segment(ctx, s, &p);
}

static void test_expect_data(const reasm_stream *s, const void *want, uint32_t want_len)
{
    uint32_t len;
    const uint8_t *got = reasm_data(s, &len);
    assert_int_equal(len, want_len);
    if (want_len)
        assert_memory_equal(got, want, want_len);
}

static void test_in_order(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    assert_int_equal(test_feed(&ctx, &s, 1000, LW_TCP_SYN, NULL, 0), 0);
    assert_non_null(s);
    assert_int_equal(test_feed(&ctx, &s, 1001, LW_TCP_PSH, "hello ", 6), 6);
    assert_int_equal(test_feed(&ctx, &s, 1007, LW_TCP_PSH, "world", 5), 5);
    test_expect_data(s, "hello world", 11);
    assert_false(reasm_complete(s));
    assert_false(reasm_had_gap(s));
    assert_int_equal(ctx.stats.midstream, 0);
    assert_int_equal(ctx.stats.bytes_delivered, 11);
    assert_int_equal(ctx.stats.segments, 3);
    reasm_free(&ctx, s);
    assert_int_equal(ctx.stats.mem_in_use, 0);
}

static void test_reversed(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    uint8_t data[100];
    for (int i = 0; i < 100; i++)
        data[i] = (uint8_t)('a' + i % 26);
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    for (int i = 9; i > 0; i--)
        assert_int_equal(test_feed(&ctx, &s, 1 + (uint32_t)i * 10, 0, data + i * 10, 10), 0);
    assert_int_equal(test_feed(&ctx, &s, 1, 0, data, 10), 100);
    test_expect_data(s, data, 100);
    assert_int_equal(ctx.stats.gaps, 0);
    reasm_free(&ctx, s);
}

static void test_shuffle(uint32_t *order, uint32_t n)
{
    for (uint32_t i = n - 1; i > 0; i--) {
        uint32_t j = test_rng() % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
}

/* 1-byte segments in a random order: at most 50 runs at once, under the 64-run bound. */
static void test_permutation_tiny(void **state)
{
    (void)state;
    test_rng_state = 0x5eed1234;
    for (int round = 0; round < 50; round++) {
        reasm_ctx ctx;
        reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
        reasm_stream *s = NULL;
        uint8_t data[100];
        uint32_t order[100];
        for (uint32_t i = 0; i < 100; i++) {
            data[i] = (uint8_t)test_rng();
            order[i] = i;
        }
        test_shuffle(order, 100);
        test_feed(&ctx, &s, 77, LW_TCP_SYN, NULL, 0);
        int total = 0;
        for (uint32_t i = 0; i < 100; i++)
            total += test_feed(&ctx, &s, 78 + order[i], 0, data + order[i], 1);
        assert_int_equal(total, 100);
        test_expect_data(s, data, 100);
        assert_false(reasm_had_gap(s));
        reasm_free(&ctx, s);
        assert_int_equal(ctx.stats.mem_in_use, 0);
    }
}

/* 4096 bytes of 1-byte segments shuffled within windows of 16. */
static void test_permutation_windows(void **state)
{
    (void)state;
    test_rng_state = 42;
    static uint8_t data[4096];
    static uint32_t order[4096];
    for (uint32_t i = 0; i < 4096; i++) {
        data[i] = (uint8_t)test_rng();
        order[i] = i;
    }
    for (uint32_t w = 0; w < 4096; w += 16)
        test_shuffle(order + w, 16);
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    test_feed(&ctx, &s, 0x12345678, LW_TCP_SYN, NULL, 0);
    for (uint32_t i = 0; i < 4096; i++)
        test_feed(&ctx, &s, 0x12345679 + order[i], 0, data + order[i], 1);
    test_expect_data(s, data, 4096);
    assert_int_equal(ctx.stats.retransmissions, 0);
    reasm_free(&ctx, s);
}

static void test_retransmissions(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    test_feed(&ctx, &s, 10, LW_TCP_SYN, NULL, 0);
    test_feed(&ctx, &s, 11, 0, "abcdef", 6);
    assert_int_equal(test_feed(&ctx, &s, 11, 0, "abcdef", 6), 0);
    assert_int_equal(test_feed(&ctx, &s, 13, 0, "cd", 2), 0);
    assert_int_equal(test_feed(&ctx, &s, 15, 0, "efgh", 4), 2); /* partly new */
    test_expect_data(s, "abcdefgh", 8);
    assert_int_equal(ctx.stats.retransmissions, 2);
    assert_int_equal(ctx.stats.overlaps_inconsistent, 0);
    reasm_free(&ctx, s);
}

static void test_inconsistent_overlap(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    test_feed(&ctx, &s, 1, 0, "AAAA", 4);
    assert_int_equal(test_feed(&ctx, &s, 1, 0, "BBBBCCCC", 8), 4);
    test_expect_data(s, "AAAACCCC", 8);
    assert_int_equal(ctx.stats.overlaps_inconsistent, 4);
    /* pending bytes win too: XX arrives first, out of order */
    test_feed(&ctx, &s, 13, 0, "XX", 2);
    assert_int_equal(test_feed(&ctx, &s, 9, 0, "DDDDYYZZ", 8), 8);
    test_expect_data(s, "AAAACCCCDDDDXXZZ", 16);
    assert_int_equal(ctx.stats.overlaps_inconsistent, 6);
    reasm_free(&ctx, s);
}

static void test_expect_alternate(reasm_stream *s, const void *want, uint32_t want_len)
{
    uint32_t len;
    const uint8_t *got = reasm_alternate(s, &len);
    assert_non_null(got);
    assert_int_equal(len, want_len);
    assert_memory_equal(got, want, want_len);
    assert_null(reasm_alternate(s, &len)); /* handed out once until it changes again */
}

/* Disputed bytes: buf keeps the first copy, the other version the later one, for delivered
 * and pending bytes alike; undisputed streams have no other version. */
static void test_alternate_version(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    uint32_t len;
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    test_feed(&ctx, &s, 1, 0, "AAAA", 4);
    test_feed(&ctx, &s, 1, 0, "AAAA", 4); /* a faithful retransmission disputes nothing */
    assert_null(reasm_alternate(s, &len));
    test_feed(&ctx, &s, 1, 0, "BBBBCCCC", 8);
    test_expect_data(s, "AAAACCCC", 8);
    test_expect_alternate(s, "BBBBCCCC", 8);
    test_feed(&ctx, &s, 13, 0, "XX", 2);
    test_feed(&ctx, &s, 9, 0, "DDDDYYZZ", 8);
    test_expect_data(s, "AAAACCCCDDDDXXZZ", 16);
    test_expect_alternate(s, "BBBBCCCCDDDDYYZZ", 16);
    reasm_free(&ctx, s);
    assert_int_equal(ctx.stats.mem_in_use, 0);
}

static void test_suspect(reasm_ctx *ctx, reasm_stream **s, uint32_t seq, uint8_t flags, const void *data, uint32_t len)
{
    lw_packet p = test_segment(seq, flags, data, len);
    reasm_segment_suspect(ctx, s, &p);
}

/* A suspect segment (wrong checksum) and a valid copy of its bytes: the valid one is the stream,
 * the suspect one its other version; its RST changes nothing. */
static void test_suspect_replaced(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    test_feed(&ctx, &s, 1, 0, "hi ", 3);
    test_suspect(&ctx, &s, 4, LW_TCP_RST, "harmless", 8);
    test_expect_data(s, "hi ", 3); /* held back: not the stream */
    assert_false(reasm_complete(s));
    assert_int_equal(test_feed(&ctx, &s, 4, 0, "secret!!", 8), 8);
    test_expect_data(s, "hi secret!!", 11);
    test_expect_alternate(s, "hi harmless", 11);
    test_suspect(&ctx, &s, 1, 0, "yo secret!!", 11); /* suspect over delivered bytes: disputes only */
    test_expect_data(s, "hi secret!!", 11);
    test_expect_alternate(s, "yo secret!!", 11);
    reasm_flush(&ctx, s);
    test_expect_data(s, "hi secret!!", 11);
    assert_int_equal(ctx.stats.suspect_segments, 2);
    assert_int_equal(ctx.stats.suspect_filled, 0);
    reasm_free(&ctx, s);
    assert_int_equal(ctx.stats.mem_in_use, 0);
}

/* Suspect bytes no valid copy ever covers (an edited capture) stand in for the hole when the
 * stream stops waiting: at flush, or when the pending limit is passed. */
static void test_suspect_fills_holes(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    test_feed(&ctx, &s, 1, 0, "one ", 4);
    test_suspect(&ctx, &s, 5, 0, "two ", 4);
    test_feed(&ctx, &s, 9, 0, "three ", 6);
    test_suspect(&ctx, &s, 20, 0, "five", 4); /* after a real hole */
    test_expect_data(s, "one ", 4);
    reasm_flush(&ctx, s);
    test_expect_data(s, "one two three five", 18);
    assert_true(reasm_had_gap(s));
    assert_int_equal(ctx.stats.suspect_filled, 8);
    reasm_free(&ctx, s);
    assert_int_equal(ctx.stats.mem_in_use, 0);

    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    ctx.max_pending = 16;
    s = NULL;
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    test_suspect(&ctx, &s, 1, 0, "abcd", 4);
    test_feed(&ctx, &s, 5, 0, "efgh", 4);
    test_feed(&ctx, &s, 9, 0, "0123456789abcdef", 16); /* past the pending limit: no more waiting */
    test_expect_data(s, "abcdefgh0123456789abcdef", 24);
    assert_false(reasm_had_gap(s));
    reasm_free(&ctx, s);
    assert_int_equal(ctx.stats.mem_in_use, 0);
}

static void test_wraparound(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    const char *text = "0123456789abcdefghijklmnopqrstuvwxyz";
    test_feed(&ctx, &s, 0xFFFFFFF0u, LW_TCP_SYN, NULL, 0);
    test_feed(&ctx, &s, 0xFFFFFFF1u + 20, 0, text + 20, 16); /* after the wrap, out of order */
    test_feed(&ctx, &s, 0xFFFFFFF1u + 10, 0, text + 10, 10); /* straddles 2^32 */
    assert_int_equal(test_feed(&ctx, &s, 0xFFFFFFF1u, 0, text, 10), 36);
    test_expect_data(s, text, 36);
    assert_int_equal(test_feed(&ctx, &s, 0xFFFFFFF1u + 5, 0, text + 5, 10), 0);
    assert_int_equal(ctx.stats.retransmissions, 1);
    test_feed(&ctx, &s, 0xFFFFFFF1u + 36, LW_TCP_FIN, NULL, 0);
    assert_true(reasm_complete(s));
    reasm_free(&ctx, s);
}

static void test_gap_after_max_pending(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    ctx.max_pending = 100;
    reasm_stream *s = NULL;
    uint8_t a[50], b[50];
    memset(a, 'a', sizeof a);
    memset(b, 'b', sizeof b);
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    assert_int_equal(test_feed(&ctx, &s, 1 + 10, 0, a, 50), 0);  /* hole 0..10 */
    assert_int_equal(test_feed(&ctx, &s, 1 + 60, 0, b, 50), 100); /* spans 110 > 100: skip the hole */
    assert_true(reasm_had_gap(s));
    assert_int_equal(ctx.stats.gaps, 1);
    uint32_t len;
    const uint8_t *d = reasm_data(s, &len);
    assert_int_equal(len, 100);
    assert_memory_equal(d, a, 50);
    assert_memory_equal(d + 50, b, 50);
    assert_int_equal(test_feed(&ctx, &s, 1, 0, "0123456789", 10), 0); /* too late */
    assert_int_equal(ctx.stats.retransmissions, 1);
    assert_int_equal(test_feed(&ctx, &s, 1 + 110, 0, "next", 4), 4); /* mapping still right */
    d = reasm_data(s, &len);
    assert_memory_equal(d + 100, "next", 4);
    reasm_free(&ctx, s);
}

static void test_gap_after_max_runs(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    for (uint32_t i = 0; i < 64; i++)
        assert_int_equal(test_feed(&ctx, &s, 1 + 2 * i + 1, 0, "x", 1), 0);
    assert_int_equal(ctx.stats.gaps, 0);
    assert_int_equal(test_feed(&ctx, &s, 1 + 2 * 64 + 1, 0, "y", 1), 1); /* run 65: first hole skipped */
    assert_int_equal(ctx.stats.gaps, 1);
    assert_int_equal(reasm_flush(&ctx, s), 64);
    assert_int_equal(ctx.stats.gaps, 65);
    uint32_t len;
    const uint8_t *d = reasm_data(s, &len);
    assert_int_equal(len, 65);
    assert_int_equal(d[64], 'y');
    assert_true(reasm_complete(s));
    reasm_free(&ctx, s);
}

static void test_midstream(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    assert_int_equal(test_feed(&ctx, &s, 5000, 0, NULL, 0), 0); /* pure ACK: nothing allocated */
    assert_null(s);
    assert_int_equal(ctx.stats.mem_in_use, 0);
    assert_int_equal(test_feed(&ctx, &s, 5000, LW_TCP_PSH, "mid", 3), 3);
    assert_int_equal(test_feed(&ctx, &s, 5003, LW_TCP_PSH, "stream", 6), 6);
    test_expect_data(s, "midstream", 9);
    assert_int_equal(ctx.stats.midstream, 1);
    reasm_free(&ctx, s);
}

static void test_fin_rst(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    test_feed(&ctx, &s, 100, LW_TCP_SYN, NULL, 0);
    test_feed(&ctx, &s, 105, LW_TCP_FIN, "end", 3); /* FIN arrives before the bytes 101..104 */
    assert_false(reasm_complete(s));
    assert_int_equal(test_feed(&ctx, &s, 101, 0, "the ", 4), 7);
    assert_true(reasm_complete(s));
    test_expect_data(s, "the end", 7);
    reasm_free(&ctx, s);

    s = NULL;
    test_feed(&ctx, &s, 100, LW_TCP_SYN, NULL, 0);
    test_feed(&ctx, &s, 101, 0, "abc", 3);
    assert_false(reasm_complete(s));
    test_feed(&ctx, &s, 104, LW_TCP_RST, NULL, 0);
    assert_true(reasm_complete(s));
    reasm_free(&ctx, s);
    assert_int_equal(ctx.stats.mem_in_use, 0);
}

static void test_depth_cap(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, 100, TEST_MEMCAP);
    reasm_stream *s = NULL;
    uint8_t data[150];
    for (int i = 0; i < 150; i++)
        data[i] = (uint8_t)i;
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    test_feed(&ctx, &s, 1 + 120, 0, data + 120, 30); /* beyond depth: nothing stored */
    assert_int_equal(test_feed(&ctx, &s, 1, 0, data, 150), 100);
    test_expect_data(s, data, 100);
    assert_true(reasm_complete(s));
    assert_int_equal(ctx.stats.depth_reached, 1);
    uint64_t mem = ctx.stats.mem_in_use;
    assert_int_equal(test_feed(&ctx, &s, 1 + 150, 0, data, 150), 0);
    assert_int_equal(test_feed(&ctx, &s, 1 + 50, 0, data, 10), 0);
    assert_int_equal(ctx.stats.mem_in_use, mem);
    assert_int_equal(ctx.stats.depth_reached, 1);
    reasm_free(&ctx, s);
    assert_int_equal(ctx.stats.mem_in_use, 0);
}

static void test_memcap(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    uint64_t stream_size = ctx.stats.mem_in_use;
    assert_true(stream_size > 0);
    static uint8_t data[4096];
    assert_int_equal(test_feed(&ctx, &s, 1, 0, data, 100), 100);
    assert_int_equal(ctx.stats.mem_in_use, stream_size + 256); /* small first buffer */
    ctx.memcap = stream_size + 3000;
    assert_int_equal(test_feed(&ctx, &s, 101, 0, data, 2000), 2000); /* grows to exactly 2100 */
    assert_int_equal(ctx.stats.mem_in_use, stream_size + 2100);
    assert_int_equal(test_feed(&ctx, &s, 2101, 0, data, 1000), -1);
    assert_int_equal(ctx.stats.memcap_hits, 1);
    uint32_t len;
    reasm_data(s, &len);
    assert_int_equal(len, 2100);
    assert_true(ctx.stats.mem_peak <= ctx.memcap);

    ctx.memcap = ctx.stats.mem_in_use;
    reasm_stream *t = NULL;
    assert_int_equal(test_feed(&ctx, &t, 0, LW_TCP_SYN, NULL, 0), -1); /* no room for a stream */
    assert_null(t);
    assert_int_equal(ctx.stats.memcap_hits, 2);
    reasm_free(&ctx, s);
    assert_int_equal(ctx.stats.mem_in_use, 0);
    assert_int_equal(ctx.stats.mem_peak, stream_size + 2100);
    reasm_free(&ctx, NULL);
}

static void test_snapped_segment(void **state)
{
    (void)state;
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *s = NULL;
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    lw_packet p = test_segment(1, 0, "abcde", 5);
    p.payload_wire_len = 10;
    assert_int_equal(reasm_segment(&ctx, &s, &p), 5);
    assert_int_equal(test_feed(&ctx, &s, 11, 0, "klm", 3), 3);
    test_expect_data(s, "abcdeklm", 8);
    assert_true(reasm_had_gap(s));
    reasm_free(&ctx, s);

    s = NULL; /* the IP length lied (frame not snapped): the real next segment still fits */
    test_feed(&ctx, &s, 0, LW_TCP_SYN, NULL, 0);
    assert_int_equal(reasm_segment(&ctx, &s, &p), 5);
    assert_int_equal(test_feed(&ctx, &s, 6, 0, "fgh", 3), 3);
    test_expect_data(s, "abcdefgh", 8);
    assert_false(reasm_had_gap(s));
    reasm_free(&ctx, s);
}

/* Random segments cut from one reference stream, with noise, duplicates, flags and odd settings:
 * memory stays within the cap, accounting returns to 0, and gap-free streams are exact. */
static void test_segment_soup(void **state)
{
    (void)state;
    test_rng_state = 0xdecafbad;
    static uint8_t ref[6000], noise[6000];
    for (size_t i = 0; i < sizeof ref; i++) {
        ref[i] = (uint8_t)test_rng();
        noise[i] = (uint8_t)test_rng();
    }
    uint32_t exact = 0;
    for (int round = 0; round < 2000; round++) {
        reasm_ctx ctx;
        reasm_init(&ctx, 1 + test_rng() % 5000, 4096 + test_rng() % 20000);
        ctx.max_pending = test_rng() % 3000;
        uint32_t isn = test_rng(), segments = 1 + test_rng() % 200;
        bool noisy = test_rng() % 4 == 0;
        reasm_stream *s = NULL;
        if (test_rng() % 2)
            test_feed(&ctx, &s, isn, LW_TCP_SYN, NULL, 0);
        /* orderly: each segment starts at or before the end of the previous ones, then
         * neighbours are swapped; otherwise offsets anywhere */
        bool orderly = test_rng() % 2;
        uint32_t offs[200], lens[200], cursor = 0;
        for (uint32_t i = 0; i < segments; i++) {
            offs[i] = orderly ? cursor - test_rng() % (cursor < 100 ? cursor + 1 : 100) : test_rng() % 5500;
            lens[i] = test_rng() % 400;
            if (offs[i] + lens[i] > sizeof ref)
                lens[i] = (uint32_t)sizeof ref - offs[i];
            cursor = offs[i] + lens[i] > cursor ? offs[i] + lens[i] : cursor;
        }
        for (uint32_t i = 0; i + 1 < segments; i += 1 + test_rng() % 3) {
            uint32_t o = offs[i], l = lens[i];
            offs[i] = offs[i + 1], lens[i] = lens[i + 1];
            offs[i + 1] = o, lens[i + 1] = l;
        }
        for (uint32_t i = 0; i < segments; i++) {
            uint8_t flags = test_rng() % 50 == 0 ? LW_TCP_FIN : test_rng() % 80 == 0 ? LW_TCP_RST : 0;
            const uint8_t *src = noisy && test_rng() % 5 == 0 ? noise : ref;
            uint32_t seq = isn + 1 + offs[i] - (test_rng() % 30 == 0 ? 1u << 31 : 0);
            lw_packet p = test_segment(seq, flags, src + offs[i], lens[i]);
            if (test_rng() % 20 == 0)
                p.payload_len = test_rng() % (p.payload_len + 1); /* snapped */
            reasm_segment(&ctx, &s, &p);
            assert_true(ctx.stats.mem_in_use <= ctx.memcap);
        }
        reasm_flush(&ctx, s);
        uint32_t len;
        const uint8_t *d = reasm_data(s, &len);
        assert_true(len <= ctx.depth);
        if (s && !noisy && !reasm_had_gap(s) && ctx.stats.midstream == 0 && len) {
            assert_memory_equal(d, ref, len);
            exact++;
        }
        reasm_free(&ctx, s);
        assert_int_equal(ctx.stats.mem_in_use, 0);
    }
    print_message("soup: %u of 2000 streams gap-free and checked byte for byte\n", exact);
    assert_true(exact > 100);
}

/* Path of a file of the real corpus (tests/data/real under $LW_TOP_SRCDIR). */
static const char *test_corpus_file(const char *name, char *buf, size_t len)
{
    const char *top = getenv("LW_TOP_SRCDIR");
    snprintf(buf, len, "%s/tests/data/real/%s", top ? top : ".", name);
    return buf;
}

static uint32_t test_fnv1a(const uint8_t *p, uint32_t n)
{
    uint32_t h = 0x811c9dc5u;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x01000193u;
    return h;
}

typedef struct test_connection {
    const char *file;
    uint16_t client_port, server_port;
    uint32_t client_len, client_fnv, server_len, server_fnv; /* from tshark follow,tcp,raw */
    bool server_gap; /* a segment is missing from the capture (tshark's marker text removed) */
} test_connection;

/* Replay a capture, decode it, reassemble the connection between the two ports. */
static void test_replay_connection(const test_connection *c)
{
    char path[1024], err[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(test_corpus_file(c->file, path, sizeof path), err);
    if (!pc)
        fail_msg("%s: %s", path, err);
    reasm_ctx ctx;
    reasm_init(&ctx, TEST_DEPTH, TEST_MEMCAP);
    reasm_stream *streams[2] = {NULL, NULL};
    struct pcap_pkthdr *h;
    const u_char *d;
    while (pcap_next_ex(pc, &h, &d) == 1) {
        lw_packet p = {0};
        if (decode_packet(pcap_datalink(pc), d, h->caplen, &p) != LW_DECODE_OK || p.l4proto != 6)
            continue;
        if (p.sport == c->client_port && p.dport == c->server_port)
            assert_true(reasm_segment(&ctx, &streams[0], &p) >= 0);
        else if (p.sport == c->server_port && p.dport == c->client_port)
            assert_true(reasm_segment(&ctx, &streams[1], &p) >= 0);
    }
    pcap_close(pc);
    uint32_t len[2];
    for (int i = 0; i < 2; i++) {
        reasm_flush(&ctx, streams[i]);
        const uint8_t *data = reasm_data(streams[i], &len[i]);
        uint32_t want_len = i ? c->server_len : c->client_len, want_fnv = i ? c->server_fnv : c->client_fnv;
        assert_int_equal(len[i], want_len);
        assert_int_equal(test_fnv1a(data, len[i]), want_fnv);
        assert_true(reasm_had_gap(streams[i]) == (i == 1 && c->server_gap));
        reasm_free(&ctx, streams[i]);
    }
    print_message("%s %u>%u: %u + %u bytes, %llu retransmitted segments\n", c->file, c->client_port,
                  c->server_port, len[0], len[1], (unsigned long long)ctx.stats.retransmissions);
    assert_int_equal(ctx.stats.mem_in_use, 0);
}

/* Large loopback segments; reordered and retransmitted segments (teams, wechat); a segment
 * lost from the capture (netflix: skipped at flush, the bytes around it exact). */
static void test_corpus_connections(void **state)
{
    (void)state;
    static const test_connection connections[] = {
        {"zeek_http_http-post-large.pcap", 37526, 80, 61907, 0x0b1e7e18, 60478, 0xce8d5579, false},
        {"ndpi_http.pcapng", 42170, 80, 74, 0xf2344dfc, 528, 0x8a55cd2a, false},
        {"ndpi_teams.pcap", 60534, 443, 1808, 0xab5f92a3, 6621, 0xabdf6b92, false},
        {"ndpi_teams.pcap", 60539, 443, 945, 0xfeda449d, 6653, 0x62a54fe7, false},
        {"ndpi_wechat.pcap", 54113, 443, 6405, 0x3fe8b5c1, 32794, 0x303482b0, false},
        {"ndpi_netflix.pcap", 53251, 80, 490, 0x81758e09, 30307, 0x3ba5b8cd, true}, /* 2896 bytes lost */
    };
    for (size_t i = 0; i < sizeof connections / sizeof connections[0]; i++)
        test_replay_connection(&connections[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_order),
        cmocka_unit_test(test_reversed),
        cmocka_unit_test(test_permutation_tiny),
        cmocka_unit_test(test_permutation_windows),
        cmocka_unit_test(test_retransmissions),
        cmocka_unit_test(test_inconsistent_overlap),
        cmocka_unit_test(test_alternate_version),
        cmocka_unit_test(test_suspect_replaced),
        cmocka_unit_test(test_suspect_fills_holes),
        cmocka_unit_test(test_wraparound),
        cmocka_unit_test(test_gap_after_max_pending),
        cmocka_unit_test(test_gap_after_max_runs),
        cmocka_unit_test(test_midstream),
        cmocka_unit_test(test_fin_rst),
        cmocka_unit_test(test_depth_cap),
        cmocka_unit_test(test_memcap),
        cmocka_unit_test(test_snapped_segment),
        cmocka_unit_test(test_segment_soup),
        cmocka_unit_test(test_corpus_connections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
