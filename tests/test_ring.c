/* test_ring.c — the reader-to-worker ring: records come out whole and in order, across the
 * end of the buffer (skip records) and with sizes up to the largest one allowed; a full ring
 * refuses a try and takes the record once the consumer released room; and a producer and a
 * consumer thread pass a million records of varied sizes with nothing lost, reordered or torn
 * while both nap and wake each other. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../src/ring.h"

#define RECORDS 1000000u

/* A record of seq: its length and bytes follow from seq, so the consumer can check both. */
static size_t record_len(uint64_t seq)
{
    return 8 + (size_t)(seq * 2654435761u % 1500u);
}

static void record_fill(uint8_t *p, uint64_t seq, size_t len)
{
    memcpy(p, &seq, 8);
    for (size_t i = 8; i < len; i++)
        p[i] = (uint8_t)(seq + i);
}

static void record_check(const uint8_t *p, size_t len, uint64_t seq)
{
    uint64_t got;
    memcpy(&got, p, 8);
    assert_int_equal(got, seq);
    assert_int_equal(len, record_len(seq));
    for (size_t i = 8; i < len; i++)
        if (p[i] != (uint8_t)(seq + i))
            fail_msg("record %llu torn at byte %zu", (unsigned long long)seq, i);
}

static void put(ring *r, uint64_t seq)
{
    size_t len = record_len(seq);
    record_fill(ring_reserve(r, len), seq, len);
    ring_commit(r, len);
}

static void test_order_and_wrap(void **state)
{
    (void)state;
    ring r;
    assert_int_equal(ring_init(&r, 8192), LW_OK);
    uint64_t next_in = 0, next_out = 0;
    for (int round = 0; round < 200; round++) { /* many times around the 8 KiB buffer */
        while (ring_pending(&r) < 4096)
            put(&r, next_in++);
        size_t len;
        const void *rec;
        while ((rec = ring_peek(&r, &len))) {
            record_check(rec, len, next_out++);
            ring_release(&r);
        }
    }
    assert_int_equal(next_in, next_out);
    assert_true(next_out > 500);
    ring_destroy(&r);
}

static void test_full(void **state)
{
    (void)state;
    ring r;
    assert_int_equal(ring_init(&r, 3000), LW_ERR_RUNTIME); /* not a power of two */
    assert_int_equal(ring_init(&r, 4096), LW_OK);
    size_t big = ring_max_record(&r);
    int n = 0;
    void *room;
    while ((room = ring_try_reserve(&r, big))) {
        memset(room, n, big);
        ring_commit(&r, big);
        n++;
    }
    assert_true(n >= 3);
    size_t len;
    const uint8_t *rec = ring_peek(&r, &len);
    assert_int_equal(len, big);
    assert_int_equal(rec[0], 0);
    assert_int_equal(rec[big - 1], 0);
    ring_release(&r);
    assert_non_null(ring_try_reserve(&r, big)); /* the released room is usable again */
    ring_destroy(&r);
}

static void *producer(void *arg)
{
    ring *r = arg;
    for (uint64_t seq = 0; seq < RECORDS; seq++) {
        put(r, seq);
        if (seq % 64 == 63)
            ring_kick(r);
    }
    ring_kick(r);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    ring r;
    pthread_t t;
    assert_int_equal(ring_init(&r, 1 << 16), LW_OK);
    assert_int_equal(pthread_create(&t, NULL, producer, &r), 0);
    for (uint64_t seq = 0; seq < RECORDS;) {
        size_t len;
        const void *rec = ring_peek(&r, &len);
        if (!rec) {
            ring_wait(&r);
            continue;
        }
        record_check(rec, len, seq++);
        ring_release(&r);
    }
    pthread_join(t, NULL);
    size_t len;
    assert_null(ring_peek(&r, &len));
    ring_destroy(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_wrap),
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
