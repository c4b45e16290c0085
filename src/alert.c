/* alert.c — turns a decided finding into the contract's alert record (one JSON object,
 * keys in the order of CONTRACT.md; dest and device always present with null members when
 * unknown). Owns the evidence policy; the engine does the "one alert per flow and
 * signature" dedup because it knows flows, the writer the rate limit (src/ratelimit.c).
 *
 * - EVE members, with Suricata's names and meaning (so EveBox, Elastic and Splunk read them
 *   as they read Suricata's): host (sensor.name), in_iface or pcap_filename, vlan,
 *   community_id, app_proto (Suricata's lower-case names, src/eve.c), direction and flow{}
 *   relative to the initiator (beside the device-relative src_* and leak.direction),
 *   alert.action "allowed" (a monitor blocks nothing), gid 1, rev, metadata{description,
 *   references}, http{hostname,url} or tls{sni}. Nothing in a record depends on the wall
 *   clock or the worker that made it, except host.
 *
 * - alert_id: BLAKE2b-128 of (flow id, flow start, 5-tuple, signature id, per-flow
 *   sequence) written as a UUID (version 8, "custom"): a replay gives the same ids, and
 *   distinct alerts get distinct ids.
 * - Evidence: "redacted" carries labels, field names, length and SHA-256, never the text.
 *   "sealed" adds "sealed": base64 of crypto_box_seal({"text":…,"fields":[…]}) to the
 *   configured X25519 public key (open with leakwatch-unseal); sealed boxes are randomised,
 *   so that one member differs between replays. "clear" adds "text" (labs only).
 * Never writes to a sink, never logs the text. Not thread-safe: one per worker. */
#include "alert.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eve.h"
#include "json.h"


struct alert_engine {
    char host[256];          /* sensor.name or the host name: every record's "host" */
    lw_evidence_mode mode;
    unsigned char public_key[crypto_box_PUBLICKEYBYTES];
    char *inner;   /* sealed mode: the evidence JSON before sealing */
    size_t inner_cap;
    uint8_t *box;  /* sealed mode: the box, then its base64 */
    size_t box_cap;
    char *box64;
    size_t box64_cap;
};

static lw_status alert_load_key(alert_engine *a, const lw_config *cfg, char *err, size_t errlen)
{
    const char *source = cfg->source ? cfg->source : "configuration";
    size_t bin_len = 0;
    if (!cfg->evidence_public_key || !*cfg->evidence_public_key) {
        snprintf(err, errlen, "%s: evidence mode \"sealed\" needs evidence.public_key", source);
        return LW_ERR_USAGE;
    }
    if (sodium_base642bin(a->public_key, sizeof a->public_key, cfg->evidence_public_key,
                          strlen(cfg->evidence_public_key), " \t\r\n", &bin_len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        bin_len != sizeof a->public_key) {
        snprintf(err, errlen, "%s: evidence.public_key is not a base64 X25519 public key (32 bytes; "
                              "make one with leakwatch-unseal --keygen)", source);
        return LW_ERR_USAGE;
    }
    return LW_OK;
}

lw_status alert_engine_new(const lw_config *cfg, alert_engine **out, char *err, size_t errlen)
{
    *out = NULL;
    if (sodium_init() < 0) {
        snprintf(err, errlen, "alert: libsodium failed to initialise");
        return LW_ERR_RUNTIME;
    }
    if (eve_init(err, errlen) != LW_OK)
        return LW_ERR_RUNTIME;
    alert_engine *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, errlen, "alert: out of memory");
        return LW_ERR_RUNTIME;
    }
    config_sensor_name(cfg, a->host, sizeof a->host);
    a->mode = cfg->evidence_mode;
    if (a->mode == LW_EVIDENCE_SEALED) {
        lw_status st = alert_load_key(a, cfg, err, errlen);
        if (st != LW_OK) {
            alert_engine_free(a);
            return st;
        }
    }
    *out = a;
    return LW_OK;
}

void alert_engine_free(alert_engine *a)
{
    if (!a)
        return;
    free(a->inner);
    free(a->box);
    free(a->box64);
    free(a);
}

/* Canonical bytes of an address for hashing: family and its 4 or 16 bytes. */
static size_t alert_put_addr(uint8_t *key, size_t n, const lw_addr *x)
{
    size_t len = x->family == 4 ? 4 : 16;
    key[n] = x->family;
    memcpy(key + n + 1, x->bytes, len);
    return n + 1 + len;
}

static size_t alert_put_u64(uint8_t *key, size_t n, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        key[n + (size_t)i] = (uint8_t)(v >> (8 * i));
    return n + 8;
}

void alert_id(const alert_input *in, char out[ALERT_ID_LEN])
{
    uint8_t key[2 * sizeof(lw_addr) + 5 * 8], id[16];
    size_t n = alert_put_u64(key, 0, in->flow_id);
    n = alert_put_u64(key, n, in->flow_start_us);
    n = alert_put_u64(key, n, (uint64_t)in->signature_id << 32 | in->flow_sequence);
    n = alert_put_u64(key, n, (uint64_t)in->src_port << 24 | (uint64_t)in->dest_port << 8 | in->l4proto);
    n = alert_put_addr(key, alert_put_addr(key, n, &in->src_ip), &in->dest_ip);
    crypto_generichash(id, sizeof id, key, n, NULL, 0);
    id[6] = (uint8_t)((id[6] & 0x0F) | 0x80); /* version 8 */
    id[8] = (uint8_t)((id[8] & 0x3F) | 0x80); /* RFC 9562 variant */
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, id, sizeof id);
    snprintf(out, ALERT_ID_LEN, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static void alert_kv_addr(json_buf *j, const char *key, const lw_addr *x)
{
    char text[64];
    json_key(j, key);
    if (x->family == 4 || x->family == 6)
        json_string(j, lw_addr_format(x, text, sizeof text));
    else
        json_null(j);
}

/* A string member that is null when empty. */
static void alert_kv_known(json_buf *j, const char *key, const char *s)
{
    json_kv_string(j, key, s && *s ? s : NULL);
}

static void alert_string_array(json_buf *j, const char *key, const char *const *items, uint32_t n)
{
    json_key(j, key);
    json_array_begin(j);
    for (uint32_t i = 0; items && i < n; i++)
        json_string(j, items[i]);
    json_array_end(j);
}

static bool alert_reserve(void **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    void *grown = realloc(*buf, need);
    if (!grown)
        return false;
    *buf = grown;
    *cap = need;
    return true;
}

/* base64 of crypto_box_seal({"text":…,"fields":[…]}), or NULL when it cannot be made. */
static const char *alert_seal(alert_engine *a, const alert_evidence *ev)
{
    size_t need = 64 + 6 * (size_t)ev->text_len;
    for (uint32_t i = 0; ev->fields && i < ev->n_fields; i++)
        need += 8 + 6 * strlen(ev->fields[i]);
    if (!alert_reserve((void **)&a->inner, &a->inner_cap, need))
        return NULL;
    json_buf j;
    json_init(&j, a->inner, a->inner_cap);
    json_object_begin(&j);
    json_key(&j, "text");
    json_string_n(&j, ev->text, ev->text_len);
    alert_string_array(&j, "fields", ev->fields, ev->n_fields);
    json_object_end(&j);
    size_t box_len = j.len + crypto_box_SEALBYTES;
    size_t b64_len = sodium_base64_ENCODED_LEN(box_len, sodium_base64_VARIANT_ORIGINAL);
    if (j.overflow || !alert_reserve((void **)&a->box, &a->box_cap, box_len) ||
        !alert_reserve((void **)&a->box64, &a->box64_cap, b64_len) ||
        crypto_box_seal(a->box, (const unsigned char *)a->inner, j.len, a->public_key) != 0)
        return NULL;
    sodium_memzero(a->inner, j.len);
    return sodium_bin2base64(a->box64, b64_len, a->box, box_len, sodium_base64_VARIANT_ORIGINAL);
}

static void alert_evidence_json(alert_engine *a, json_buf *j, const alert_evidence *ev)
{
    static const char *const mode_names[] = {"redacted", "sealed", "clear"};
    char sha_hex[65];
    json_key(j, "evidence");
    json_object_begin(j);
    json_kv_string(j, "mode", mode_names[a->mode <= LW_EVIDENCE_CLEAR ? a->mode : LW_EVIDENCE_REDACTED]);
    alert_string_array(j, "matched", ev->matched, ev->n_matched);
    alert_string_array(j, "fields", ev->fields, ev->n_fields);
    json_kv_uint(j, "length", ev->length);
    json_kv_string(j, "sha256", ev->sha256 ? sodium_bin2hex(sha_hex, sizeof sha_hex, ev->sha256, 32) : NULL);
    if (a->mode == LW_EVIDENCE_SEALED) {
        json_kv_string(j, "sealed", ev->text ? alert_seal(a, ev) : NULL);
    } else if (a->mode == LW_EVIDENCE_CLEAR) {
        json_key(j, "text");
        if (ev->text)
            json_string_n(j, ev->text, ev->text_len);
        else
            json_null(j);
    }
    json_object_end(j);
}

/* Where the record came from: the sensor, the interface or file, the VLAN tags. */
static void alert_source_json(json_buf *j, const alert_engine *a, const alert_input *in)
{
    json_kv_string(j, "host", a->host);
    if (in->in_iface)
        json_kv_string(j, "in_iface", in->in_iface);
    else if (in->pcap_filename)
        json_kv_string(j, "pcap_filename", in->pcap_filename);
    if (!in->vlan[0] && !in->vlan[1])
        return;
    json_key(j, "vlan");
    json_array_begin(j);
    for (int i = 0; i < 2; i++)
        if (in->vlan[i])
            json_uint(j, in->vlan[i]);
    json_array_end(j);
}

static void alert_head_json(json_buf *j, const alert_engine *a, const alert_input *in)
{
    char ts[40], id[ALERT_ID_LEN], cid[EVE_COMMUNITY_ID_LEN], proto[32];
    alert_id(in, id);
    json_kv_string(j, "timestamp", json_timestamp(in->ts_us, ts, sizeof ts));
    json_kv_string(j, "event_type", "alert");
    json_kv_string(j, "alert_id", id);
    json_kv_uint(j, "flow_id", in->flow_id & ((UINT64_C(1) << 51) - 1)); /* Suricata's 51 bits */
    alert_source_json(j, a, in);
    alert_kv_addr(j, "src_ip", &in->src_ip);
    json_kv_uint(j, "src_port", in->src_port);
    alert_kv_addr(j, "dest_ip", &in->dest_ip);
    json_kv_uint(j, "dest_port", in->dest_port);
    json_kv_string(j, "proto", in->l4proto == 6 ? "TCP" : in->l4proto == 17 ? "UDP" : NULL);
    alert_kv_known(j, "community_id",
                   eve_community_id(&in->src_ip, in->src_port, &in->dest_ip, in->dest_port, in->l4proto, 0, cid));
    json_kv_string(j, "app_proto", eve_app_proto(in->app_proto, proto, sizeof proto));
    json_kv_string(j, "direction", in->flow.from_initiator ? "to_server" : "to_client");
}

/* Suricata's metadata shape: every value a list of strings. */
static void alert_metadata_json(json_buf *j, const alert_input *in)
{
    if (!in->description && !in->n_references)
        return;
    json_key(j, "metadata");
    json_object_begin(j);
    if (in->description)
        alert_string_array(j, "description", &in->description, 1);
    if (in->n_references)
        alert_string_array(j, "references", in->references, (uint32_t)in->n_references);
    json_object_end(j);
}

/* *suppressed_at: where the writer inserts ,"suppressed":N when the rate limit held repeats back. */
static void alert_body_json(json_buf *j, const alert_input *in, size_t *suppressed_at)
{
    json_key(j, "alert");
    json_object_begin(j);
    json_kv_string(j, "action", "allowed"); /* a monitor blocks nothing */
    json_kv_uint(j, "gid", 1);               /* one generator, as Suricata's text rules */
    json_kv_uint(j, "signature_id", in->signature_id);
    json_kv_uint(j, "rev", in->rev ? in->rev : 1);
    json_kv_string(j, "signature", in->signature);
    json_kv_string(j, "category", lw_category_name(in->category));
    json_key(j, "severity");
    json_int(j, in->severity);
    alert_metadata_json(j, in);
    *suppressed_at = j->len;
    json_object_end(j);
}

/* http{hostname,url} or tls{sni}: only what the flow itself said. */
static void alert_app_json(json_buf *j, const alert_input *in)
{
    if (in->http_hostname || in->http_url) {
        json_key(j, "http");
        json_object_begin(j);
        if (in->http_hostname)
            json_kv_string(j, "hostname", in->http_hostname);
        if (in->http_url)
            json_kv_string(j, "url", in->http_url);
        json_object_end(j);
    } else if (in->tls_sni) {
        json_key(j, "tls");
        json_object_begin(j);
        json_kv_string(j, "sni", in->tls_sni);
        json_object_end(j);
    }
}

static void alert_flow_json(json_buf *j, const alert_input *in)
{
    const alert_flow *f = &in->flow;
    char ts[40];
    json_key(j, "flow");
    json_object_begin(j);
    json_kv_uint(j, "pkts_toserver", f->pkts[LW_DIR_INITIATOR]);
    json_kv_uint(j, "pkts_toclient", f->pkts[LW_DIR_RESPONDER]);
    json_kv_uint(j, "bytes_toserver", f->bytes[LW_DIR_INITIATOR]);
    json_kv_uint(j, "bytes_toclient", f->bytes[LW_DIR_RESPONDER]);
    json_kv_string(j, "start", json_timestamp(in->flow_start_us, ts, sizeof ts));
    alert_kv_addr(j, "src_ip", f->device_is_initiator ? &in->src_ip : &in->dest_ip);
    alert_kv_addr(j, "dest_ip", f->device_is_initiator ? &in->dest_ip : &in->src_ip);
    json_kv_uint(j, "src_port", f->device_is_initiator ? in->src_port : in->dest_port);
    json_kv_uint(j, "dest_port", f->device_is_initiator ? in->dest_port : in->src_port);
    json_object_end(j);
}

static void alert_leak_json(alert_engine *a, json_buf *j, const alert_input *in)
{
    json_key(j, "leak");
    json_object_begin(j);
    json_kv_string(j, "direction", in->device_sending ? "to_server" : "to_client");
    json_kv_string(j, "verdict", in->verdict == LW_VERDICT_UNKNOWN ? NULL : lw_verdict_name(in->verdict));
    json_key(j, "entropy");
    json_double(j, in->entropy, 2);
    json_kv_uint(j, "bytes_inspected", in->bytes_inspected);
    json_kv_string(j, "ndpi_proto", in->ndpi_proto);
    json_kv_string(j, "language", in->language && in->language[0] ? in->language : NULL);
    alert_evidence_json(a, j, &in->evidence);
    json_object_end(j);
}

static void alert_parties_json(json_buf *j, const alert_input *in)
{
    static const dest_info unknown;
    const dest_info *d = in->dest ? in->dest : &unknown;
    char mac[18];
    json_key(j, "dest");
    json_object_begin(j);
    alert_kv_known(j, "host", d->host);
    alert_kv_known(j, "country", d->country);
    json_key(j, "asn");
    if (d->asn)
        json_uint(j, d->asn);
    else
        json_null(j);
    alert_kv_known(j, "as_org", d->as_org);
    json_object_end(j);
    json_key(j, "device");
    json_object_begin(j);
    alert_kv_addr(j, "ip", &in->src_ip);
    const uint8_t *m = in->device_mac;
    if (m)
        snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
    alert_kv_known(j, "mac", m ? mac : NULL);
    json_object_end(j);
}

int alert_render(alert_engine *a, const alert_input *in, char *buf, size_t buflen, size_t *suppressed_at)
{
    json_buf j;
    json_init(&j, buf, buflen);
    json_object_begin(&j);
    alert_head_json(&j, a, in);
    alert_body_json(&j, in, suppressed_at);
    alert_app_json(&j, in);
    alert_flow_json(&j, in);
    alert_leak_json(a, &j, in);
    alert_parties_json(&j, in);
    json_object_end(&j);
    return j.overflow || j.len > INT32_MAX ? -1 : (int)j.len;
}
