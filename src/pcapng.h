/* pcapng.h — a pcapng block reader for the capture stage. Reads what libpcap refuses: one file
 * whose interfaces have different link types (dumpcap -i eth0 -i any). Sections in either
 * byte order, per-interface link type, if_tsresol and if_tsoffset, Enhanced, Simple and
 * obsolete Packet Blocks; every other block is skipped. Every length is checked against its
 * block before it is used; a hostile file ends in an error message, never in a bad read.
 * Owns its block buffer and interface table; reads the stream it is given, never closes it. */
#ifndef LW_PCAPNG_H
#define LW_PCAPNG_H

#include <stdio.h>

#include "common.h"

#define PCAPNG_FIRST_BYTE 0x0A /* a Section Header Block's type 0x0A0D0D0A, in either byte order */

typedef struct pcapng_packet {
    uint64_t ts_us;        /* microseconds since the epoch */
    uint32_t interface;    /* index in its section */
    int linktype;          /* LINKTYPE_* of that interface, as stored */
    const uint8_t *data;   /* valid until the next pcapng_next */
    uint32_t caplen, wirelen;
} pcapng_packet;

typedef struct pcapng_reader pcapng_reader;

/* Reads the Section Header Block and every block up to the first packet, so that the
 * interfaces of the first section are known (pcapng_interfaces) before any packet is read. */
lw_status pcapng_open(FILE *fp, pcapng_reader **out, char *err, size_t errlen);

/* The next packet: 1, or 0 at the end of the file, or -1 on a malformed or truncated file
 * (err says what, and at which byte offset). */
int pcapng_next(pcapng_reader *r, pcapng_packet *p, char *err, size_t errlen);

/* Interfaces of the current section, and the link type of one of them. */
uint32_t pcapng_interfaces(const pcapng_reader *r);
int pcapng_linktype(const pcapng_reader *r, uint32_t interface);

void pcapng_close(pcapng_reader *r);

#endif
