/* eve.h — the conventions leakwatch shares with Suricata's EVE records beyond field names:
 * the Community ID of a flow (so an alert joins Zeek, Suricata, Arkime or Wireshark records
 * of the same flow) and Suricata's lower-case app_proto names. Pure functions, no state
 * beyond the one-time libgcrypt initialisation. */
#ifndef LW_EVE_H
#define LW_EVE_H

#include "common.h"

#define EVE_COMMUNITY_ID_LEN 31 /* "1:" + 28 characters of base64 + NUL */

/* Initialise libgcrypt (SHA-1) unless nDPI or someone else already did. Call once before
 * any thread uses eve_community_id. */
lw_status eve_init(char *err, size_t errlen);

/* Community ID v1 (github.com/corelight/community-id-spec) of the flow between a:a_port and
 * b:b_port, either end first, with `seed` (EVE uses 0). Ports count for TCP, UDP and SCTP
 * only (ICMP's type/code mapping is not needed: leakwatch tracks TCP and UDP). Both
 * addresses must be of one family. Returns out, "" when the addresses cannot be hashed. */
const char *eve_community_id(const lw_addr *a, uint16_t a_port, const lw_addr *b, uint16_t b_port,
                             uint8_t l4proto, uint16_t seed, char out[EVE_COMMUNITY_ID_LEN]);

/* app_proto as Suricata names it ("http", "tls", "jabber" …) for a leakwatch decoder name or
 * an nDPI label ("HTTP", "TLS.Google", "XMPP"); otherwise the label's master protocol in
 * lower case ("Redis" → "redis", "WhatsApp" → "whatsapp"). NULL or "" gives "unknown".
 * Returns buf. */
const char *eve_app_proto(const char *name, char *buf, size_t len);

#endif
