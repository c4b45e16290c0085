/* checksum.c — the checksum policy (see checksum.h): decode_checksum verifies, this decides
 * what a wrong checksum means for the side of the flow that sent it. A side's byte holds: has
 * it sent a right checksum, is it judged offload, and how many wrong ones it sent before either. */
#include "checksum.h"

#include <stdatomic.h>
#include <string.h>

/* The first offload side of the run is reported, whichever worker sees it. */
static atomic_flag checksum_reported = ATOMIC_FLAG_INIT;

enum { SIDE_RIGHT_SEEN = 0x80, SIDE_OFFLOAD = 0x40, SIDE_WRONG_COUNT = 0x3f };

void checksum_init(checksum_policy *c, checksum_mode mode, FILE *log)
{
    memset(c, 0, sizeof *c);
    c->mode = mode;
    c->log = log;
}

static void checksum_offload_found(checksum_policy *c, const lw_packet *p)
{
    char src[64], dst[64];
    c->stats.offload++;
    if (!c->log || atomic_flag_test_and_set(&checksum_reported))
        return;
    fprintf(c->log, "leakwatch: checksums: %s port %u to %s port %u sent %d packets with wrong checksums and no "
            "right one: taken as checksum offload on the capturing host, not validated for that side (this "
            "and others like it are counted in checksum_offload; capture.checksums: validate refuses them)\n",
            lw_addr_format(&p->src, src, sizeof src), p->sport, lw_addr_format(&p->dst, dst, sizeof dst), p->dport,
            CHECKSUM_OFFLOAD_BAD);
}

bool checksum_accept(checksum_policy *c, uint8_t *side, const lw_packet *p)
{
    if (c->mode == CHECKSUM_IGNORE || (*side & SIDE_OFFLOAD))
        return true;
    lw_checksum r = decode_checksum(p);
    if (r == LW_CHECKSUM_UNCHECKED)
        return true;
    c->stats.checked++;
    if (r == LW_CHECKSUM_OK) {
        *side |= SIDE_RIGHT_SEEN;
        return true;
    }
    if (c->mode == CHECKSUM_AUTO && !(*side & SIDE_RIGHT_SEEN)) { /* maybe offload: taken as it is */
        if ((*side & SIDE_WRONG_COUNT) + 1 < CHECKSUM_OFFLOAD_BAD) {
            (*side)++;
            return true;
        }
        *side |= SIDE_OFFLOAD;
        checksum_offload_found(c, p);
        return true;
    }
    c->stats.invalid++;
    return false;
}
