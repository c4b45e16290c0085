/* classify.c — nDPI behind one interface. The detection module is created once; each flow
 * gets an nDPI flow struct that is fed packets only until detection is final (a protocol
 * with no further dissection possible) or the packet budget is spent (then nDPI gives up and
 * guesses), after which the caller frees it. Version differences of the nDPI API are
 * handled here through configure's probes, nowhere else. */
#include "classify.h"

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

struct classify_engine {
    struct ndpi_detection_module_struct *ndpi;
};

struct classify_flow {
    struct ndpi_flow_struct *ndpi_flow;
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

classify_flow *classify_flow_new(classify_engine *e)
{
    (void)e;
    classify_flow *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->ndpi_flow = ndpi_flow_malloc(SIZEOF_FLOW_STRUCT);
    if (!f->ndpi_flow) {
        free(f);
        return NULL;
    }
    memset(f->ndpi_flow, 0, SIZEOF_FLOW_STRUCT);
    return f;
}

void classify_flow_free(classify_flow *f)
{
    if (!f)
        return;
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

static void classify_fill(classify_engine *e, const classify_flow *f, bool names, classify_result *out)
{
    const struct ndpi_flow_struct *nf = f->ndpi_flow;
    out->app_id = f->proto.app_protocol;
    out->master_id = f->proto.master_protocol;
    out->name[0] = out->category[0] = '\0';
    if (names) {
        classify_proto_name(e, out->app_id, out->master_id, out->name, sizeof out->name);
        snprintf(out->category, sizeof out->category, "%s", ndpi_category_get_name(e->ndpi, f->proto.category));
    }
    size_t host_len = strnlen(nf->host_server_name, sizeof nf->host_server_name);
    if (host_len >= sizeof out->host)
        host_len = sizeof out->host - 1;
    memcpy(out->host, nf->host_server_name, host_len);
    out->host[host_len] = '\0';
    out->risks = nf->risk;
    out->encrypted_proto = ndpi_is_encrypted_proto(e->ndpi, f->proto);
    out->encrypted_by_dpi = classify_is_encrypted_dpi(&f->proto);
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
    if (f->proto.app_protocol == NDPI_PROTOCOL_UNKNOWN) {
        u_int8_t guessed = 0;
        ndpi_protocol g = ndpi_detection_giveup(e->ndpi, f->ndpi_flow, 1, &guessed);
        if (g.app_protocol != NDPI_PROTOCOL_UNKNOWN || g.master_protocol != NDPI_PROTOCOL_UNKNOWN)
            f->proto = g;
    }
    classify_fill(e, f, true, out);
}

bool classify_packet(classify_engine *e, classify_flow *f, const uint8_t *l3, uint32_t l3_len,
                     uint64_t ts_ms, uint8_t l4proto, classify_result *out)
{
    uint16_t len = l3_len > 65535 ? 65535 : (uint16_t)l3_len;
    f->packets++;
#ifdef NDPI_HAS_INPUT_INFO
    ndpi_protocol p = ndpi_detection_process_packet(e->ndpi, f->ndpi_flow, l3, len, ts_ms, NULL);
#else
    ndpi_protocol p = ndpi_detection_process_packet(e->ndpi, f->ndpi_flow, l3, len, ts_ms);
#endif
    if (p.app_protocol != NDPI_PROTOCOL_UNKNOWN || p.master_protocol != NDPI_PROTOCOL_UNKNOWN)
        f->proto = p;
    bool final = classify_is_final(e, f, l4proto);
    if (final)
        classify_giveup(e, f, out);
    else
        classify_fill(e, f, false, out);
    return final;
}
