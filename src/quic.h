/* quic.h — the CRYPTO data of a QUIC client Initial packet (v1 and v2), read as any on-path
 * observer can: the keys of Initial packets are derived from public values (RFC 9001 §5.2). */
#ifndef LW_QUIC_H
#define LW_QUIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QUIC_V1 0x00000001u
#define QUIC_V2 0x6b3343cfu

typedef struct quic_keys {
    uint8_t key[16], iv[12], hp[16];
} quic_keys;

/* The client's Initial packet protection keys for a Destination Connection ID (RFC 9001 §5.2,
 * RFC 9369 §3.3.1): HKDF-Extract with the version's salt, then HKDF-Expand-Label. False only
 * when libgcrypt fails. */
bool quic_client_initial_keys(uint32_t version, const uint8_t *dcid, size_t dcid_len, quic_keys *k);

/* The contiguous CRYPTO stream bytes from offset 0 that the first packet of the UDP payload
 * `pkt` carries when it is a QUIC v1/v2 long-header Initial, copied into out (up to cap bytes).
 * Returns their length; 0 when pkt is anything else, malformed, or carries no offset 0.
 * libgcrypt must be initialised (nDPI's detection module does it). */
size_t quic_initial_crypto(const uint8_t *pkt, size_t len, uint8_t *out, size_t cap);

#endif
