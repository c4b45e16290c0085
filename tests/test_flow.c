/* test_flow.c — the flow table: both directions find one flow, direction flags, idle and
 * close expiry by packet time, eviction at flows.max, the flows.memcap budget (eviction order,
 * a table that cannot outgrow it), and a large churn under ASan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../src/flow.h"

typedef struct ended {
    int count;
    char last_reason[16];
} ended;

static void on_end(void *user, flow *f, const char *reason)
{
    (void)f;
    ended *e = user;
    e->count++;
    strncpy(e->last_reason, reason, sizeof e->last_reason - 1);
}

static lw_packet packet(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport, uint64_t ts, uint8_t flags)
{
    lw_packet p;
    memset(&p, 0, sizeof p);
    p.src.family = p.dst.family = 4;
    memcpy(p.src.bytes, &src, 4);
    memcpy(p.dst.bytes, &dst, 4);
    p.sport = sport;
    p.dport = dport;
    p.l4proto = 6;
    p.ts_us = ts;
    p.tcp_flags = flags;
    return p;
}

static void test_both_directions_one_flow(void **state)
{
    (void)state;
    ended e = {0};
    flow_table *t = flow_table_new(100, 60, 5, on_end, &e);
    lw_packet a = packet(0x0100000a, 40000, 0x07007bcb, 80, 1000000, LW_TCP_SYN);
    lw_packet b = packet(0x07007bcb, 80, 0x0100000a, 40000, 1000100, LW_TCP_SYN | LW_TCP_ACK);
    bool from_init, created;
    flow *f1 = flow_lookup(t, &a, &from_init, &created);
    assert_non_null(f1);
    assert_true(created);
    assert_true(from_init);
    flow_update(t, f1, &a, from_init);
    flow *f2 = flow_lookup(t, &b, &from_init, &created);
    assert_ptr_equal(f1, f2);
    assert_false(created);
    assert_false(from_init);
    flow_update(t, f2, &b, from_init);
    assert_int_equal(flow_initiator_port(f1), 40000);
    assert_int_equal(flow_responder_port(f1), 80);
    assert_int_equal(f1->pkts[0], 1);
    assert_int_equal(f1->pkts[1], 1);
    assert_true(f1->id < (1ULL << 51));
    b.vlan = 7; /* another VLAN is another flow */
    assert_ptr_not_equal(flow_lookup(t, &b, &from_init, &created), f1);
    flow_table_free(t);
}

static void test_idle_and_close_expiry(void **state)
{
    (void)state;
    ended e = {0};
    flow_table *t = flow_table_new(100, 60, 5, on_end, &e);
    bool fi, cr;
    lw_packet a = packet(1, 1000, 2, 80, 1000000, LW_TCP_SYN);
    flow *f = flow_lookup(t, &a, &fi, &cr);
    flow_update(t, f, &a, fi);
    lw_packet b = packet(3, 1000, 2, 80, 2000000, LW_TCP_SYN);
    f = flow_lookup(t, &b, &fi, &cr);
    flow_update(t, f, &b, fi);
    lw_packet fin1 = packet(3, 1000, 2, 80, 3000000, LW_TCP_FIN | LW_TCP_ACK);
    lw_packet fin2 = packet(2, 80, 3, 1000, 3000100, LW_TCP_FIN | LW_TCP_ACK);
    flow_update(t, f, &fin1, true);
    flow_update(t, f, &fin2, false);
    flow_expire(t, 7000000);  /* closed flow: 5 s after its last packet */
    assert_int_equal(e.count, 0);
    flow_expire(t, 8000100);
    assert_int_equal(e.count, 1);
    assert_string_equal(e.last_reason, "closed");
    flow_expire(t, 60999999);
    assert_int_equal(e.count, 1);
    flow_expire(t, 61000000);
    assert_int_equal(e.count, 2);
    assert_string_equal(e.last_reason, "idle");
    assert_int_equal(flow_table_stats(t)->active, 0);
    flow_table_free(t);
}

static void test_eviction_at_max(void **state)
{
    (void)state;
    ended e = {0};
    flow_table *t = flow_table_new(10, 60, 5, on_end, &e);
    bool fi, cr;
    for (uint32_t i = 0; i < 25; i++) {
        lw_packet p = packet(i + 1, 1000, 0xffffffff, 80, 1000000 + i, LW_TCP_SYN);
        flow *f = flow_lookup(t, &p, &fi, &cr);
        assert_non_null(f);
        flow_update(t, f, &p, fi);
    }
    assert_int_equal(flow_table_stats(t)->active, 10);
    assert_int_equal(flow_table_stats(t)->evicted, 15);
    assert_string_equal(e.last_reason, "evicted");
    flow_flush_all(t);
    assert_int_equal(e.count, 25);
    flow_table_free(t);
}

/* Who is given up for memory: the closing flow, then a half-open flow that waited a second,
 * then the least recently seen — never the flow of the packet in hand. */
typedef struct order {
    uint16_t ports[8];
    int n;
} order;

static void on_end_port(void *user, flow *f, const char *reason)
{
    (void)reason;
    order *o = user;
    if (o->n < 8)
        o->ports[o->n++] = flow_initiator_port(f);
}

static flow *feed(flow_table *t, uint16_t sport, uint64_t ts, uint8_t flags, uint32_t payload, bool reply)
{
    bool fi, cr;
    lw_packet p = reply ? packet(0x07007bcb, 80, 0x0100000a, sport, ts, flags) : packet(0x0100000a, sport, 0x07007bcb, 80, ts, flags);
    p.payload_wire_len = payload;
    flow *f = flow_lookup(t, &p, &fi, &cr);
    assert_non_null(f);
    flow_update(t, f, &p, fi);
    return f;
}

/* The end that opened a flow: a SYN's sender, a SYN-ACK's receiver; without flags (a capture that
 * starts midstream, a datagram answer) the end on the ephemeral port. */
static void test_initiator_guess(void **state)
{
    (void)state;
    static const struct {
        uint16_t sport, dport;
        uint8_t flags, l4proto;
        uint16_t initiator_port;
    } cases[] = {
        {40000, 143, LW_TCP_SYN, 6, 40000},  {143, 40000, LW_TCP_SYN | LW_TCP_ACK, 6, 40000},
        {143, 55774, LW_TCP_ACK, 6, 55774},  {55774, 143, LW_TCP_ACK, 6, 55774},
        {6667, 40000, LW_TCP_ACK, 6, 40000}, {50000, 50001, LW_TCP_ACK, 6, 50000},
        {53, 40000, 0, 17, 40000},           {123, 123, 0, 17, 123},
        {6667, 4000, LW_TCP_ACK, 6, 6667},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ended e = {0};
        flow_table *t = flow_table_new(100, 60, 5, on_end, &e);
        lw_packet p = packet(0x0100000a, cases[i].sport, 0x07007bcb, cases[i].dport, 1000, cases[i].flags);
        p.l4proto = cases[i].l4proto;
        bool fi, cr;
        flow *f = flow_lookup(t, &p, &fi, &cr);
        assert_non_null(f);
        assert_int_equal(flow_initiator_port(f), cases[i].initiator_port);
        assert_int_equal(fi, cases[i].initiator_port == cases[i].sport);
        flow_flush_all(t);
        flow_table_free(t);
    }
}

static void test_memcap_eviction_order(void **state)
{
    (void)state;
    order o = {0};
    flow_table *t = flow_table_new(100, 600, 600, on_end_port, &o);
    lw_memcap mem = {.cap = 1ull << 30};
    flow_table_use_memcap(t, &mem);
    assert_true(mem.in_use > 0 && mem.reclaim != NULL);
    feed(t, 1001, 1000000, LW_TCP_SYN, 0, false);                   /* established, idle longest */
    feed(t, 1001, 1000100, LW_TCP_SYN | LW_TCP_ACK, 0, true);
    feed(t, 1001, 1000200, LW_TCP_ACK, 0, false);
    feed(t, 1002, 2000000, LW_TCP_SYN, 0, false);                   /* half-open, stale at 5 s */
    feed(t, 1003, 3000000, LW_TCP_ACK, 0, false);                   /* closing */
    feed(t, 1003, 3000100, LW_TCP_RST, 0, false);
    feed(t, 1004, 4600000, LW_TCP_SYN, 0, false);                   /* half-open, fresh */
    feed(t, 1005, 4700000, LW_TCP_ACK | LW_TCP_PSH, 10, false);     /* carries data */
    feed(t, 1006, 5000000, LW_TCP_SYN, 0, false);                   /* the packet in hand */
    uint64_t cap = mem.cap;
    mem.cap = mem.in_use; /* nothing more fits: reclaiming ends every flow it may */
    assert_false(memcap_reserve(&mem, 1));
    assert_int_equal(mem.refused, 1);
    static const uint16_t want[] = {1003, 1002, 1001, 1004, 1005};
    assert_int_equal(o.n, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(o.ports[i], want[i]);
    assert_int_equal(flow_table_stats(t)->evicted_memcap, 5);
    assert_int_equal(flow_table_stats(t)->active, 1);
    mem.cap = cap;
    flow_flush_all(t);
    flow_table_free(t);
    assert_int_equal(mem.in_use, 0);
}

/* A table that may not grow past its budget reuses the entries of the flows it ends. */
static void test_memcap_bounds_the_table(void **state)
{
    (void)state;
    ended e = {0};
    flow_table *t = flow_table_new(1000000, 600, 600, on_end, &e);
    lw_memcap mem = {.cap = 4u << 20};
    flow_table_use_memcap(t, &mem);
    for (uint32_t i = 0; i < 200000; i++) {
        bool fi, cr;
        lw_packet p = packet(i + 1, 1000, 0x07007bcb, 443, 1000000 + 20 * (uint64_t)i, LW_TCP_SYN);
        flow *f = flow_lookup(t, &p, &fi, &cr);
        assert_non_null(f);
        flow_update(t, f, &p, fi);
        assert_true(mem.in_use <= mem.cap);
    }
    assert_true(flow_table_stats(t)->evicted_memcap > 100000);
    assert_true(flow_table_stats(t)->peak < 40000);
    assert_true(mem.peak <= mem.cap);
    flow_flush_all(t);
    flow_table_free(t);
    assert_int_equal(mem.in_use, 0);
}

/* Many flows created and expired: index growth, backward-shift deletion and the free list
 * must keep every remaining flow findable. */
static void test_churn_keeps_flows_findable(void **state)
{
    (void)state;
    ended e = {0};
    flow_table *t = flow_table_new(1000000, 10, 5, on_end, &e);
    bool fi, cr;
    srand(7);
    for (uint32_t round = 0; round < 20; round++) {
        for (uint32_t i = 0; i < 5000; i++) {
            uint32_t ip = (uint32_t)rand();
            lw_packet p = packet(ip, (uint16_t)rand(), 0x01020304, 443, (uint64_t)round * 6000000 + i, 0);
            flow *f = flow_lookup(t, &p, &fi, &cr);
            assert_non_null(f);
            flow_update(t, f, &p, fi);
            flow *again = flow_lookup(t, &p, &fi, &cr);
            assert_ptr_equal(f, again);
            assert_false(cr);
        }
        flow_expire(t, (uint64_t)round * 6000000);
    }
    assert_true(flow_table_stats(t)->expired > 50000);
    flow_flush_all(t);
    assert_int_equal(flow_table_stats(t)->active, 0);
    flow_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_directions_one_flow),
        cmocka_unit_test(test_idle_and_close_expiry),
        cmocka_unit_test(test_eviction_at_max),
        cmocka_unit_test(test_churn_keeps_flows_findable),
        cmocka_unit_test(test_initiator_guess),
        cmocka_unit_test(test_memcap_eviction_order),
        cmocka_unit_test(test_memcap_bounds_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
