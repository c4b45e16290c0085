/* pcapfile.h — classic pcap files read in place: the file is mapped into memory and each
 * frame is a pointer into the mapping, valid until the caller releases the bytes before it
 * (or closes the file). A replay's workers then read frames where they lie, with no copy in
 * libpcap, in stdio or on the way to a worker. libpcap still opens every file first (it
 * checks the header and says what the link type is); this only takes over the reading.
 * Owns the mapping. Checks every record against the file's end before it is used. */
#ifndef LW_PCAPFILE_H
#define LW_PCAPFILE_H

#include "common.h"

typedef struct pcapfile pcapfile;

typedef struct pcapfile_frame {
    uint64_t ts_us;
    const uint8_t *data;
    uint32_t caplen, wirelen;
} pcapfile_frame;

/* Map the open regular file fd when it is a classic pcap file (either byte order,
 * microsecond or nanosecond stamps); NULL when it is not one (or cannot be mapped: then
 * the caller reads it the usual way). */
pcapfile *pcapfile_map(int fd);
void pcapfile_close(pcapfile *f);

/* The next frame: 1, 0 at the end, -1 on a truncated or impossible record (err says what). */
int pcapfile_next(pcapfile *f, pcapfile_frame *out, char *err, size_t errlen);

/* Bytes of the file read so far. */
uint64_t pcapfile_offset(const pcapfile *f);

/* The bytes before offset are no longer needed (their pages leave the process's memory). */
void pcapfile_release(pcapfile *f, uint64_t offset);

#endif
