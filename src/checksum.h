/* checksum.h — which packets the receiver would have refused for a wrong checksum. A segment
 * with a bad checksum must not be reassembled or move a flow's state (an evasion: harmless
 * bytes the receiver drops, then the real message), yet captures taken on a sending host carry
 * its packets before the NIC filled their checksums in (offload). So the judgement is per side
 * of a flow, as Suricata's "auto" mode is per capture: a side whose first CHECKSUM_OFFLOAD_BAD
 * checked packets are all wrong is checksum offload, and validation stops for that side
 * (counted; the run's first one is logged, once for all workers). A wrong checksum from a side that has shown a
 * right one makes the packet suspect (counted): reassembly holds its bytes only until a valid
 * copy comes (reassembly.h), and it moves nothing else. Decided per flow, the same whatever
 * worker the flow lands on. Owns its counters; the per-side state lives in the flow. */
#ifndef LW_CHECKSUM_H
#define LW_CHECKSUM_H

#include <stdio.h>

#include "common.h"
#include "decode.h"

#define CHECKSUM_OFFLOAD_BAD 4   /* wrong checksums, and no right one, that make a side offload */

typedef enum checksum_mode { CHECKSUM_AUTO = 0, CHECKSUM_VALIDATE, CHECKSUM_IGNORE } checksum_mode;

typedef struct checksum_stats {
    uint64_t checked;  /* packets whose checksums were verified */
    uint64_t invalid;  /* suspect: a wrong checksum the receiver would have refused */
    uint64_t offload;  /* flow sides judged checksum offload (validation stopped for them) */
} checksum_stats;

typedef struct checksum_policy {
    checksum_mode mode;
    FILE *log;                   /* where the run's first offload side is reported, NULL: nowhere */
    checksum_stats stats;
} checksum_policy;

void checksum_init(checksum_policy *c, checksum_mode mode, FILE *log);

/* True when the packet is to be taken as it is: its checksums are right, cannot be checked,
 * or are not validated for its side; false (counted) when it is suspect. `side` is the flow's
 * byte for the packet's direction, zero when the flow starts. */
bool checksum_accept(checksum_policy *c, uint8_t *side, const lw_packet *p);

#endif
