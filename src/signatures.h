/* signatures.h — signature packs (YAML files under signatures/, libyaml) and the matching engine
 * (Hyperscan/vectorscan: all content patterns of all signatures in one database, one scan
 * per unit). Owns the loaded signatures and compiled databases; read-only once loaded, so a
 * reload builds a new set and swaps it in. Knows nothing of policy or outputs. */
#ifndef LW_SIGNATURES_H
#define LW_SIGNATURES_H

#include <stdio.h>

#include "common.h"
#include "inspect/inspect.h"
#include "inspect/message.h"

typedef struct signature {
    uint32_t id;
    uint32_t rev;              /* revision (alert.rev), 1 unless the pack says otherwise */
    char *name;
    lw_category category;
    int severity;              /* 1 high, 2 medium, 3 low */
    char *description;
    char **references;
    size_t n_references;
    char *source;              /* "file:line" where it was defined */
    bool about_payload;        /* has content/message/verdict conditions: it alerts per direction */
} signature;

typedef struct sig_set sig_set;

/* Everything a signature may test about one flow direction. doc and msg are NULL when the
 * check runs on flow metadata only (a host name became known, no payload yet). */
typedef struct sig_context {
    const inspect_doc *doc;
    const message_assessment *msg;
    const char *app_proto;     /* leakwatch's decoder name if any, else nDPI's ("TLS", "HTTP") */
    const char *ndpi_proto;    /* nDPI's label */
    const char *host;          /* SNI, HTTP Host or DNS-resolved name; NULL when unknown */
    uint8_t l4proto;
    uint16_t server_port;      /* responder port */
    bool device_sending;       /* bytes travel device → remote (contract: to_server) */
    bool from_initiator;       /* bytes travel initiator → responder */
    lw_verdict verdict;
    uint32_t bytes;            /* bytes seen in this direction */
} sig_context;

typedef struct sig_hit {
    const signature *sig;
    char matched[4][40];       /* evidence labels: "content:<pattern-name>", "host:<pattern>", "json-keys" */
    uint32_t n_matched;
} sig_hit;

typedef void (*sig_hit_fn)(const sig_hit *hit, void *user);

/* Load every *.yaml under each path (files or directories, sorted by name). Errors name
 * file:line:column; duplicate ids are rejected. */
lw_status sigset_load(char *const *paths, size_t n_paths, sig_set **out, char *err, size_t errlen);
void sigset_free(sig_set *s);
size_t sigset_count(const sig_set *s);
const signature *sigset_get(const sig_set *s, size_t i);
void sigset_print(const sig_set *s, FILE *out);

/* Call on_hit for every signature whose conditions all hold, in ascending id order
 * (a `fallback: true` signature only when no other signature of its category held).
 * Returns the number of hits, or -1 when `sc` was made for another set or the scan failed.
 * Scratch for the scan lives in `scratch` (sigset_scratch_new), one per worker. */
typedef struct sig_scratch sig_scratch;
sig_scratch *sigset_scratch_new(const sig_set *s);
void sigset_scratch_free(sig_scratch *sc);
int sigset_match(const sig_set *s, sig_scratch *sc, const sig_context *ctx, sig_hit_fn on_hit, void *user);

/* True when some signature needs payload (content, message, verdict conditions); false when
 * all that could still match for this host/port is metadata — lets the engine stop early. */
bool sigset_wants_payload(const sig_set *s);
/* True when some signature has a message (or min_text) condition: the message model must be loaded. */
bool sigset_wants_message(const sig_set *s);

/* The largest min_bytes of any signature: a direction shorter than this may still match one
 * when it grows, even after another signature alerted on it. */
uint32_t sigset_max_min_bytes(const sig_set *s);

#endif
