/* test_checksum.c — the checksum policy on the frames of tests/data/evasion/checksum.pcap (a
 * SYN and a message with right checksums, a harmless segment with a wrong one): a side that has
 * shown a right checksum makes a wrong one suspect; a side whose first four are all wrong is
 * offload (taken as it is, counted once); `validate` allows no offload, `ignore` checks nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "checksum.h"

typedef struct frames {
    uint8_t bytes[8][512];
    lw_packet p[8];
    int n;
} frames;

static void load(frames *f)
{
    char path[1024], err[PCAP_ERRBUF_SIZE];
    const char *top = getenv("LW_TOP_SRCDIR");
    snprintf(path, sizeof path, "%s/tests/data/evasion/checksum.pcap", top ? top : ".");
    pcap_t *pc = pcap_open_offline(path, err);
    if (!pc)
        fail_msg("%s: %s", path, err);
    struct pcap_pkthdr *h;
    const u_char *d;
    for (f->n = 0; f->n < 8 && pcap_next_ex(pc, &h, &d) == 1; f->n++) {
        assert_true(h->caplen <= sizeof f->bytes[0]);
        memcpy(f->bytes[f->n], d, h->caplen);
        assert_int_equal(decode_packet(pcap_datalink(pc), f->bytes[f->n], h->caplen, &f->p[f->n]), LW_DECODE_OK);
    }
    pcap_close(pc);
    assert_int_equal(decode_checksum(&f->p[0]), LW_CHECKSUM_OK);  /* SYN */
    assert_int_equal(decode_checksum(&f->p[3]), LW_CHECKSUM_BAD); /* the harmless copy */
    assert_int_equal(decode_checksum(&f->p[4]), LW_CHECKSUM_OK);  /* the message */
}

static void test_right_then_wrong_is_suspect(void **state)
{
    (void)state;
    static frames f;
    load(&f);
    checksum_policy c;
    checksum_init(&c, CHECKSUM_AUTO, NULL);
    uint8_t side = 0;
    assert_true(checksum_accept(&c, &side, &f.p[0]));
    assert_false(checksum_accept(&c, &side, &f.p[3]));
    assert_true(checksum_accept(&c, &side, &f.p[4]));
    assert_int_equal(c.stats.checked, 3);
    assert_int_equal(c.stats.invalid, 1);
    assert_int_equal(c.stats.offload, 0);
}

static void test_all_wrong_is_offload(void **state)
{
    (void)state;
    static frames f;
    load(&f);
    checksum_policy c;
    FILE *log = tmpfile();
    checksum_init(&c, CHECKSUM_AUTO, log);
    uint8_t side = 0, other = 0;
    for (int i = 0; i < 6; i++)
        assert_true(checksum_accept(&c, &side, &f.p[3]));
    assert_int_equal(c.stats.offload, 1);
    assert_int_equal(c.stats.invalid, 0);
    assert_int_equal(c.stats.checked, CHECKSUM_OFFLOAD_BAD); /* then no longer checked */
    assert_true(checksum_accept(&c, &other, &f.p[0]));       /* another side keeps its own count */
    assert_false(checksum_accept(&c, &other, &f.p[3]));
    fclose(log);
}

static void test_validate_and_ignore(void **state)
{
    (void)state;
    static frames f;
    load(&f);
    checksum_policy c;
    uint8_t side = 0;
    checksum_init(&c, CHECKSUM_VALIDATE, NULL);
    for (int i = 0; i < 6; i++)
        assert_false(checksum_accept(&c, &side, &f.p[3]));
    assert_int_equal(c.stats.invalid, 6);
    checksum_init(&c, CHECKSUM_IGNORE, NULL);
    side = 0;
    assert_true(checksum_accept(&c, &side, &f.p[3]));
    assert_int_equal(c.stats.checked, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_right_then_wrong_is_suspect),
        cmocka_unit_test(test_all_wrong_is_offload),
        cmocka_unit_test(test_validate_and_ignore),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
