/* fuzz_decode.c — decode_packet on one frame: the first byte picks the link type, the rest is
 * the frame. Every span the decoder hands out must lie inside the frame; decode_checksum then
 * reads the headers and segment it verifies. */
#include <pcap/dlt.h>

#include "decode.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int linktypes[] = {DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, 101, DLT_IPV4, DLT_IPV6,
                                    DLT_NULL, DLT_LOOP};
    if (size < 1)
        return 0;
    const uint8_t *frame = data + 1;
    uint32_t len = (uint32_t)(size - 1);
    lw_packet p = {.ts_us = 1};
    if (decode_packet(linktypes[data[0] % (sizeof linktypes / sizeof linktypes[0])], frame, len, &p) != LW_DECODE_OK)
        return 0;
    if (p.l3 < frame || p.l3 + p.l3_len > frame + len || p.payload < frame || p.payload + p.payload_len > frame + len ||
        p.payload_len > p.payload_wire_len)
        abort();
    fuzz_touch(p.l3, p.l3_len);
    fuzz_touch(p.payload, p.payload_len);
    decode_checksum(&p);
    return 0;
}
