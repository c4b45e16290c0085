/* classify.c — nDPI behind one interface. The detection module is created once; each flow
 * gets an nDPI flow struct that is fed packets only until detection is final (a protocol
 * with no further dissection possible) or the packet budget is spent (then nDPI gives up and
 * guesses), after which the caller frees it. Version differences of the nDPI API are
 * handled here through configure's probes, nowhere else. */
#include "classify.h"
#include "quic.h"

#include <arpa/inet.h>
#include <ndpi_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_LW_AUTOCONF_H
#include "lw_autoconf.h"
#endif

/* nDPI needs a few packets past the handshake; ndpiReader stops at 80 TCP / 24 UDP, most
 * protocols are final well before. Beyond these budgets the flow is guessed. */
#define CLASSIFY_MAX_TCP_PACKETS 48
#define CLASSIFY_MAX_UDP_PACKETS 24

/* What a flow's nDPI state costs in flows.memcap: nDPI's flow struct and ours, with malloc's
 * headers (nDPI's own allocations during dissection — URLs, certificate names — come on top). */
#define CLASSIFY_FLOW_BYTES (SIZEOF_FLOW_STRUCT + sizeof(classify_flow) + 32)

struct classify_engine {
    struct ndpi_detection_module_struct *ndpi;
    lw_memcap *mem;
};

struct classify_flow {
    struct ndpi_flow_struct *ndpi_flow;
    lw_memcap *mem;
    ndpi_protocol proto;
    uint16_t packets;
};

classify_engine *classify_engine_new(char *err, size_t errlen)
{
    classify_engine *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, errlen, "nDPI: out of memory");
        return NULL;
    }
    e->ndpi = ndpi_init_detection_module(ndpi_no_prefs);
    if (!e->ndpi) {
        snprintf(err, errlen, "nDPI %s: cannot initialise the detection module", ndpi_revision());
        free(e);
        return NULL;
    }
    NDPI_PROTOCOL_BITMASK all;
    NDPI_BITMASK_SET_ALL(all);
    ndpi_set_protocol_detection_bitmask2(e->ndpi, &all);
    ndpi_finalize_initialization(e->ndpi);
    return e;
}

void classify_engine_free(classify_engine *e)
{
    if (!e)
        return;
    ndpi_exit_detection_module(e->ndpi);
    free(e);
}

const char *classify_library_version(void)
{
    return ndpi_revision();
}

void classify_use_memcap(classify_engine *e, lw_memcap *mem)
{
    e->mem = mem;
}

classify_flow *classify_flow_new(classify_engine *e)
{
    if (!memcap_reserve(e->mem, CLASSIFY_FLOW_BYTES))
        return NULL;
    classify_flow *f = calloc(1, sizeof *f);
    if (f && !(f->ndpi_flow = ndpi_flow_malloc(SIZEOF_FLOW_STRUCT))) {
        free(f);
        f = NULL;
    }
    if (!f) {
        memcap_release(e->mem, CLASSIFY_FLOW_BYTES);
        return NULL;
    }
    memset(f->ndpi_flow, 0, SIZEOF_FLOW_STRUCT);
    f->mem = e->mem;
    return f;
}

void classify_flow_free(classify_flow *f)
{
    if (!f)
        return;
    memcap_release(f->mem, CLASSIFY_FLOW_BYTES);
    ndpi_free_flow(f->ndpi_flow);
    free(f);
}

const char *classify_proto_name(classify_engine *e, uint16_t app_id, uint16_t master_id, char *buf, size_t len)
{
    ndpi_protocol p = NDPI_PROTOCOL_NULL;
    p.app_protocol = app_id;
    p.master_protocol = master_id;
    ndpi_protocol2name(e->ndpi, p, buf, (u_int)len);
    return buf;
}

static bool classify_is_encrypted_dpi(const ndpi_protocol *p)
{
    static const uint16_t encrypted[] = {NDPI_PROTOCOL_TLS,     NDPI_PROTOCOL_QUIC,     NDPI_PROTOCOL_SSH,
                                         NDPI_PROTOCOL_DTLS,    NDPI_PROTOCOL_OPENVPN,  NDPI_PROTOCOL_WIREGUARD,
                                         NDPI_PROTOCOL_IP_IPSEC};
    for (size_t i = 0; i < LW_ARRAY_LEN(encrypted); i++)
        if (p->master_protocol == encrypted[i] || p->app_protocol == encrypted[i])
            return true;
    return false;
}

/* nDPI keeps the first request's URL as host + target ("example.net/send?text=…"), or the
 * absolute form a proxy request gives ("http://example.net/send"): the path alone. */
static void classify_http_path(const struct ndpi_flow_struct *nf, char *out, size_t cap)
{
    const char *url = nf->http.url ? nf->http.url : "", *scheme = strstr(url, "://");
    const char *path = strchr(scheme ? scheme + 3 : url, '/');
    size_t n = path ? strcspn(path, "?#") : 0;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, path ? path : "", n);
    out[n] = '\0';
}

static void classify_fill(classify_engine *e, const classify_flow *f, bool names, classify_result *out)
{
    const struct ndpi_flow_struct *nf = f->ndpi_flow;
    out->app_id = f->proto.app_protocol;
    out->master_id = f->proto.master_protocol;
    out->name[0] = out->category[0] = out->http_path[0] = '\0';
    if (names) {
        classify_proto_name(e, out->app_id, out->master_id, out->name, sizeof out->name);
        snprintf(out->category, sizeof out->category, "%s", ndpi_category_get_name(e->ndpi, f->proto.category));
        classify_http_path(nf, out->http_path, sizeof out->http_path);
    }
    size_t host_len = strnlen(nf->host_server_name, sizeof nf->host_server_name);
    if (host_len >= sizeof out->host)
        host_len = sizeof out->host - 1;
    memcpy(out->host, nf->host_server_name, host_len);
    out->host[host_len] = '\0';
    out->risks = nf->risk;
    out->encrypted_proto = ndpi_is_encrypted_proto(e->ndpi, f->proto);
    /* a guess from the port ("443: TLS") is not a handshake seen: OSCAR, HTTP and chat run on 443 too */
    out->encrypted_by_dpi = classify_is_encrypted_dpi(&f->proto) && nf->confidence != NDPI_CONFIDENCE_MATCH_BY_PORT &&
                            nf->confidence != NDPI_CONFIDENCE_MATCH_BY_IP;
}

static bool classify_is_final(classify_engine *e, classify_flow *f, uint8_t l4proto)
{
    if (f->proto.app_protocol != NDPI_PROTOCOL_UNKNOWN || f->proto.master_protocol != NDPI_PROTOCOL_UNKNOWN)
        if (!ndpi_extra_dissection_possible(e->ndpi, f->ndpi_flow))
            return true;
    return f->packets >= (l4proto == 6 ? CLASSIFY_MAX_TCP_PACKETS : CLASSIFY_MAX_UDP_PACKETS);
}

void classify_giveup(classify_engine *e, classify_flow *f, classify_result *out)
{
    if (!f) { /* no payload ever reached nDPI: nothing to guess from */
        static struct ndpi_flow_struct no_payload;
        classify_flow none = {.ndpi_flow = &no_payload};
        classify_fill(e, &none, true, out);
        return;
    }
    if (f->proto.app_protocol == NDPI_PROTOCOL_UNKNOWN) {
        u_int8_t guessed = 0;
        ndpi_protocol g = ndpi_detection_giveup(e->ndpi, f->ndpi_flow, 1, &guessed);
        if (g.app_protocol != NDPI_PROTOCOL_UNKNOWN || g.master_protocol != NDPI_PROTOCOL_UNKNOWN)
            f->proto = g;
    }
    classify_fill(e, f, true, out);
}

/* ---- TLS ClientHello fast path (RFC 8446 §4.1.2; server_name: RFC 6066 §3) ---- */

static bool tls_u8(lw_reader *r, size_t *v)
{
    const uint8_t *b;
    if (!lw_take(r, 1, &b))
        return false;
    *v = b[0];
    return true;
}

static bool tls_u16(lw_reader *r, size_t *v)
{
    const uint8_t *b;
    if (!lw_take(r, 2, &b))
        return false;
    *v = (size_t)b[0] << 8 | b[1];
    return true;
}

/* Skip a vector whose length prefix is `width` bytes. */
static bool tls_skip_vector(lw_reader *r, int width)
{
    size_t n;
    return (width == 1 ? tls_u8(r, &n) : tls_u16(r, &n)) && lw_take(r, n, NULL);
}

/* The host_name entry of a server_name extension body, as a printable DNS name. */
static bool tls_server_name(lw_reader ext, char *host, size_t cap)
{
    size_t list_len, type, len;
    const uint8_t *name;
    if (!tls_u16(&ext, &list_len) || !tls_u8(&ext, &type) || type != 0 || !tls_u16(&ext, &len) ||
        len == 0 || len >= cap || !lw_take(&ext, len, &name))
        return false;
    for (size_t i = 0; i < len; i++) {
        if (name[i] <= 0x20 || name[i] >= 0x7f)
            return false;
        host[i] = (char)name[i];
    }
    host[len] = '\0';
    return true;
}

/* A complete ClientHello handshake message (type 1, 3-byte length) within [p, p+len): true,
 * with host "" when it names no server. Anything else (cut short, malformed): false. */
static bool tls_handshake_hello(const uint8_t *p, size_t len, char *host, size_t cap)
{
    lw_reader r = {p, len};
    size_t type, hs_len_hi, hs_len;
    if (!tls_u8(&r, &type) || type != 1 || !tls_u8(&r, &hs_len_hi) || !tls_u16(&r, &hs_len))
        return false;
    lw_reader hello = {r.p, hs_len_hi << 16 | hs_len};
    if (hello.left > r.left)
        return false;
    size_t extensions_len;
    if (!lw_take(&hello, 2 + 32, NULL) || !tls_skip_vector(&hello, 1) || !tls_skip_vector(&hello, 2) ||
        !tls_skip_vector(&hello, 1) || !tls_u16(&hello, &extensions_len) || extensions_len > hello.left)
        return false;
    lw_reader ext = {hello.p, extensions_len};
    host[0] = '\0';
    while (ext.left > 0) {
        size_t ext_type, body_len;
        const uint8_t *body;
        if (!tls_u16(&ext, &ext_type) || !tls_u16(&ext, &body_len) || !lw_take(&ext, body_len, &body))
            return false;
        if (ext_type == 0)
            return tls_server_name((lw_reader){body, body_len}, host, cap);
    }
    return true;
}

/* A complete ClientHello in the first segment's first TLS record (see tls_handshake_hello).
 * Anything else (not TLS, cut short, malformed): false, and nDPI takes the flow. */
static bool tls_client_hello(const uint8_t *payload, size_t len, char *host, size_t cap)
{
    lw_reader r = {payload, len};
    const uint8_t *rec;
    size_t record_len;
    if (!lw_take(&r, 3, &rec) || rec[0] != 0x16 || rec[1] != 0x03 || rec[2] > 0x04 || !tls_u16(&r, &record_len) ||
        record_len > r.left)
        return false;
    return tls_handshake_hello(r.p, record_len, host, cap);
}

static bool classify_tls_fast_path(classify_flow *f, const lw_packet *p, bool from_initiator, classify_result *out)
{
    if (p->l4proto != 6 || !from_initiator || p->payload_len == 0)
        return false;
    char host[sizeof out->host];
    if (!tls_client_hello(p->payload, p->payload_len, host, sizeof host))
        return false;
    f->proto.master_protocol = NDPI_PROTOCOL_UNKNOWN;
    f->proto.app_protocol = NDPI_PROTOCOL_TLS;
    f->proto.category = NDPI_PROTOCOL_CATEGORY_WEB;
    lw_strlcpy(f->ndpi_flow->host_server_name, host, sizeof f->ndpi_flow->host_server_name);
    return true;
}

/* nDPI's protocol of the flow's addresses (its IP lists: "QUIC.Azure" when the name says
 * nothing), source first, as its ndpi_guess_host_protocol_id does; IPv4 only, as in 4.2. */
static uint16_t classify_ip_protocol(classify_engine *e, const lw_packet *p)
{
    if (p->src.family != 4)
        return NDPI_PROTOCOL_UNKNOWN;
    struct in_addr a;
    memcpy(&a.s_addr, p->src.bytes, 4);
    uint16_t id = ndpi_network_port_ptree_match(e->ndpi, &a, htons(p->sport));
    if (id == NDPI_PROTOCOL_UNKNOWN) {
        memcpy(&a.s_addr, p->dst.bytes, 4);
        id = ndpi_network_port_ptree_match(e->ndpi, &a, htons(p->dport));
    }
    return id;
}

/* A QUIC client Initial (v1, v2) whose ClientHello is complete in this packet and names its
 * server: classified QUIC with its SNI as nDPI 4.2 would (its host match gives the
 * sub-protocol, "QUIC.Google"), without nDPI's gcrypt HKDF and JA3 formatting. Else false. */
static bool classify_quic_fast_path(classify_engine *e, classify_flow *f, const lw_packet *p, bool from_initiator)
{
    uint8_t crypto[2048];
    char host[sizeof ((classify_result *)0)->host];
    size_t n;
    if (p->l4proto != 17 || !from_initiator || f->packets != 0 || p->payload_len == 0 ||
        !(n = quic_initial_crypto(p->payload, p->payload_len, crypto, sizeof crypto)) ||
        !tls_handshake_hello(crypto, n, host, sizeof host) || !host[0] ||
        strlen(host) >= sizeof f->ndpi_flow->host_server_name) /* nDPI would keep a part: let it */
        return false;
    struct ndpi_flow_struct *nf = f->ndpi_flow;
    lw_strlcpy(nf->host_server_name, host, sizeof nf->host_server_name);
    ndpi_protocol_match_result match;
    uint16_t sub = ndpi_match_host_subprotocol(e->ndpi, nf, nf->host_server_name,
                                               (u_int)strlen(nf->host_server_name), &match, NDPI_PROTOCOL_QUIC);
    uint16_t host_sub = sub;
    if (sub == NDPI_PROTOCOL_UNKNOWN || sub == NDPI_PROTOCOL_QUIC)
        sub = classify_ip_protocol(e, p);
    f->proto = (ndpi_protocol)NDPI_PROTOCOL_NULL;
    f->proto.app_protocol = NDPI_PROTOCOL_QUIC;
    if (sub != NDPI_PROTOCOL_UNKNOWN && sub != NDPI_PROTOCOL_QUIC) {
        f->proto.app_protocol = sub;
        f->proto.master_protocol = NDPI_PROTOCOL_QUIC;
    }
    f->proto.category = sub == host_sub && match.protocol_category != NDPI_PROTOCOL_CATEGORY_UNSPECIFIED
                            ? match.protocol_category : ndpi_get_proto_category(e->ndpi, f->proto);
    return true;
}

bool classify_packet(classify_engine *e, classify_flow *f, const lw_packet *p, bool from_initiator,
                     classify_result *out)
{
    bool fast = f->packets < CLASSIFY_MAX_TCP_PACKETS && f->proto.app_protocol == NDPI_PROTOCOL_UNKNOWN &&
                (classify_tls_fast_path(f, p, from_initiator, out) || classify_quic_fast_path(e, f, p, from_initiator));
    f->packets++;
    if (fast) {
        classify_fill(e, f, true, out);
        return true;
    }
    uint16_t len = p->l3_len > 65535 ? 65535 : (uint16_t)p->l3_len;
    uint64_t ts_ms = p->ts_us / 1000;
#ifdef NDPI_HAS_INPUT_INFO
    ndpi_protocol np = ndpi_detection_process_packet(e->ndpi, f->ndpi_flow, p->l3, len, ts_ms, NULL);
#else
    ndpi_protocol np = ndpi_detection_process_packet(e->ndpi, f->ndpi_flow, p->l3, len, ts_ms);
#endif
    if (np.app_protocol != NDPI_PROTOCOL_UNKNOWN || np.master_protocol != NDPI_PROTOCOL_UNKNOWN)
        f->proto = np;
    bool final = classify_is_final(e, f, p->l4proto);
    if (final)
        classify_giveup(e, f, out);
    else
        classify_fill(e, f, false, out);
    return final;
}
