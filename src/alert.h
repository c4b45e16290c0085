/* alert.h — the alert stage: turns a decided finding into the contract's alert record, with
 * the EVE members SOC tools key on (host, community_id, flow{}, alert.action/gid/rev …).
 * Owns: alert ids (deterministic, unique per flow/signature/sequence), evidence
 * (redacted: labels, lengths, SHA-256; sealed: libsodium sealed box to a configured public
 * key; clear: lab only). Produces JSON text; never writes to a sink itself. The rate limit
 * (src/ratelimit.c) is applied later, by the single writer, in one order for all workers. */
#ifndef LW_ALERT_H
#define LW_ALERT_H

#include "common.h"
#include "config.h"
#include "policy.h"

typedef struct alert_evidence {
    const char *const *matched;   /* labels, never message text */
    uint32_t n_matched;
    const char *const *fields;    /* names of the fields that held the text */
    uint32_t n_fields;
    uint32_t length;              /* bytes of message text */
    const uint8_t *sha256;        /* 32 bytes, or NULL when no text was hashed */
    const uint8_t *text;          /* the message text itself: only sealed or clear mode read it */
    uint32_t text_len;
} alert_evidence;

/* Suricata's flow{} and direction: relative to the connection's initiator, whoever the
 * device is. Counters are per LW_DIR_* (initiator's packets first), up to the alert. */
typedef struct alert_flow {
    bool device_is_initiator;
    bool from_initiator;          /* the alerting bytes travel initiator → responder */
    uint32_t pkts[2];
    uint64_t bytes[2];            /* frame bytes on the wire */
} alert_flow;

typedef struct alert_input {
    uint64_t ts_us;               /* packet time that completed the finding */
    uint64_t flow_id;
    uint64_t flow_start_us;
    uint32_t flow_sequence;       /* n-th alert of this flow (0, 1, …): part of alert_id */
    const char *in_iface;         /* live: the capturing interface; NULL otherwise */
    const char *pcap_filename;    /* replay: the file of the flow's latest packet; NULL otherwise */
    uint16_t vlan[2];             /* outer, inner 802.1Q ids; 0 = absent */
    lw_addr src_ip, dest_ip;      /* src = the device (contract) */
    uint16_t src_port, dest_port;
    uint8_t l4proto;
    const char *app_proto;        /* leakwatch's decoder name, else nDPI's label; NULL = unknown */
    const char *ndpi_proto;       /* nDPI's label (leak.ndpi_proto); NULL = null */
    const char *language;         /* ISO 639-1 of the message text (leak.language); NULL or "" = null */
    const char *http_hostname;    /* the flow's own HTTP Host, NULL = absent */
    const char *http_url;         /* its first request's path (never a query), NULL = absent */
    const char *tls_sni;          /* the flow's own TLS server name, NULL = absent */
    alert_flow flow;
    uint32_t signature_id, rev;
    const char *signature;
    const char *description;      /* alert.metadata */
    const char *const *references;
    size_t n_references;
    lw_category category;
    int severity;
    bool device_sending;          /* leak.direction: to_server when true */
    lw_verdict verdict;
    float entropy;                /* NaN = null (no bytes seen) */
    uint32_t bytes_inspected;
    alert_evidence evidence;
    const dest_info *dest;
    const uint8_t *device_mac;    /* NULL = null */
} alert_input;

typedef struct alert_engine alert_engine;

lw_status alert_engine_new(const lw_config *cfg, alert_engine **out, char *err, size_t errlen);
void alert_engine_free(alert_engine *a);

/* Render. Returns the JSON length written into buf (no newline), or -1 when buf is too
 * small. *suppressed_at is the offset where `,"suppressed":N` belongs (inside "alert") when
 * the rate limit held repeats back before this alert. */
int alert_render(alert_engine *a, const alert_input *in, char *buf, size_t buflen, size_t *suppressed_at);

#define ALERT_ID_LEN 37 /* a UUID's 36 characters + NUL */
/* The alert_id alert_render writes for `in` (outputs.pcap names its files by it). */
void alert_id(const alert_input *in, char out[ALERT_ID_LEN]);

#endif
