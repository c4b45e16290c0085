/* classify.h — application classification with nDPI, behind one small interface so that
 * newer nDPI versions are a configure check, not a rewrite. Owns the nDPI detection module
 * and per-flow nDPI state; a flow's nDPI state is released as soon as its verdict is final.
 * One fast path of its own: a TCP flow that opens with a TLS ClientHello is classified from it
 * (TLS, its SNI) without nDPI, whose 4.2 dissector formats a JA3 fingerprint leakwatch never
 * uses at about 350 snprintf calls a handshake — a fifth of the whole run's work. Likewise a
 * UDP flow that opens with a QUIC v1/v2 client Initial whose ClientHello names its server
 * (src/quic.c decrypts it): QUIC, its SNI, and the sub-protocol nDPI's host and address lists
 * give, as nDPI 4.2 reports them, at ~60,000 instructions where nDPI spends ~135,000. */
#ifndef LW_CLASSIFY_H
#define LW_CLASSIFY_H

#include "common.h"
#include "decode.h"
#include "memcap.h"

typedef struct classify_engine classify_engine;
typedef struct classify_flow classify_flow;

typedef struct classify_result {
    uint16_t app_id, master_id;  /* nDPI protocol ids (stable across versions) */
    char name[48];               /* "HTTP", "TLS.Google", "Unknown" */
    char category[24];           /* "Chat", "Web" … */
    char host[128];              /* SNI, HTTP Host, DNS query name; "" when none */
    char http_path[128];         /* HTTP: the first request's path, without query or fragment
                                    (it may carry message text); "" when none. Only when final */
    uint64_t risks;              /* nDPI risk bitmap */
    bool encrypted_proto;        /* nDPI's static "encrypted" flag for the protocol */
    bool encrypted_by_dpi;       /* nDPI parsed an encrypted protocol's handshake (TLS, QUIC,
                                    SSH, DTLS, OpenVPN, WireGuard, IPsec): nothing readable follows */
} classify_result;

classify_engine *classify_engine_new(char *err, size_t errlen);
void classify_engine_free(classify_engine *e);
const char *classify_library_version(void);

/* Per-flow state (heap, about 1 KiB while detection runs), reserved from flows.memcap once
 * classify_use_memcap named it: NULL when it does not fit (or memory ran out). */
void classify_use_memcap(classify_engine *e, lw_memcap *mem);
classify_flow *classify_flow_new(classify_engine *e);
void classify_flow_free(classify_flow *f);

/* Feed one decoded packet. Returns true when classification is final (detected with no
 * more dissection possible, or the packet budget spent: then nDPI gave up and guessed).
 * `out` is filled on every call; its name and category only when final (they cost a
 * formatted print, too much per packet). */
bool classify_packet(classify_engine *e, classify_flow *f, const lw_packet *p, bool from_initiator,
                     classify_result *out);

/* Finish a flow that ends before classification was final (give up, guess by port); f may
 * be NULL for a flow whose payload never reached nDPI. */
void classify_giveup(classify_engine *e, classify_flow *f, classify_result *out);

/* Protocol name for an id ("HTTP"); never NULL. */
const char *classify_proto_name(classify_engine *e, uint16_t app_id, uint16_t master_id, char *buf, size_t len);

#endif
