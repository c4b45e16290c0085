/* engine.c — the pipeline worker. For each frame: decode; find the flow (the home-network
 * end is the device, contract: src); learn the device's DNS answers; feed nDPI until its
 * verdict is final (or an encrypted handshake showed its server name), then free its state;
 * reassemble each direction's first bytes and inspect them at checkpoints (16 KiB and each
 * fourfold growth, the end, and live once a second); a direction stops once its question is
 * answered (encrypted, alerted, complete); match signatures on the findings, let policy decide,
 * render alerts (one per flow and signature) and hand them to the writer. A settled flow —
 * classified, both directions answered — drops its stage and keeps only its counters.
 * Flows with no home-network end, and name lookups, are only counted. With outputs.pcap, a
 * flow's frames go to flowpackets first, while it may alert, and after it did. Time is packet
 * time (deterministic replays); flows end when the caller advances time (src/workers.c: at
 * each second of the reader's clock in a replay, every round live), so that every worker
 * ends its flows at the same point of the packet stream whatever the number of workers.
 * Owns the per-flow stage state; hands records to its emit function, never to a sink. */
#include "engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert.h"
#include "checksum.h"
#include "classify.h"
#include "decode.h"
#include "eve.h"
#include "flow.h"
#include "flowpackets.h"
#include "inspect/dns.h"
#include "inspect/inspect.h"
#include "inspect/message.h"
#include "inspect/verdict.h"
#include "policy.h"
#include "reassembly.h"
#include "signatures.h"

#define ENGINE_ALERTS_PER_FLOW 8
#define ENGINE_UDP_DATAGRAMS 256        /* datagrams inspected per direction, every one, at most … */
#define ENGINE_UDP_QUIET 64             /* … and no more after this many in a row without any text; */
#define ENGINE_UDP_SPARSE 256           /* then only datagrams that show words, this many at most */
#define ENGINE_COMPRESSED_AT 16         /* … or a compressed stream within this many bytes of their start */
#define ENGINE_CHECKPOINT_US 1000000u   /* live: re-inspect a growing stream at least this often */
#define ENGINE_FIRST_CHECKPOINT 16384    /* bytes before a stream's first growth checkpoint */
#define ENGINE_ENCRYPTED_SURE 256       /* bytes of "encrypted" verdict that end a direction */
#define ENGINE_JSON_BYTES 65536
#define ENGINE_EVIDENCE_BYTES 65536
#define ENGINE_JUDGED_BYTES 16384       /* bytes a metadata alert's verdict and entropy look at */
#define ENGINE_RECORD_GAP_US 200000      /* payload after this long a pause starts a new record */
#define ENGINE_HUMAN_GAP_US 1000000      /* people take a second or more between records */
#define ENGINE_FAST_REPLY_US 50000       /* machines answer within this */
#define ENGINE_TYPED_BYTES 512          /* real-time text kept per direction until a line ends */
#define ENGINE_KEYSTROKE_BYTES 4         /* a payload this short is one typed character (UTF-8) */
#define ENGINE_DATAGRAM_TEXTS 4          /* datagram texts remembered per direction (repeats) */

typedef struct flow_dir {
    reasm_stream *stream;
    uint32_t inspected_len;
    uint64_t last_inspect_us;
    uint16_t datagrams;
    uint16_t records;              /* payload records (bursts) this direction sent */
    uint16_t human_gaps;           /* … that came a second or more after the flow's previous payload */
    uint16_t fast_replies;         /* … that answered the peer within ENGINE_FAST_REPLY_US */
    uint16_t texts, text_repeats;  /* datagrams: distinct and repeated candidate texts so far */
    uint16_t quiet;                /* datagrams in a row without a candidate text */
    uint16_t sparse;               /* datagrams inspected since every one stopped being (0: not yet) */
    uint16_t text_records;         /* datagrams: those that carried a candidate text, … */
    uint16_t text_human_gaps;      /* … that came a second or more after the flow's previous text */
    uint16_t text_fast_replies;    /* … that answered the peer's text within ENGINE_FAST_REPLY_US */
    uint32_t text_hashes[ENGINE_DATAGRAM_TEXTS];
    uint8_t done;
    uint8_t alerted;               /* a message alert fired: no more time-driven checkpoints */
    uint8_t verdict;
    float entropy;                 /* of the first `judged` bytes, for alerts without payload */
    uint32_t judged;               /* 0: not judged yet */
} flow_dir;

/* Per-flow state of the stages after `flow` (only for flows with a home-network end). */
typedef struct flow_stage {
    classify_flow *cls;            /* nDPI state: from the first payload until classification is final */
    char proto_name[48];           /* nDPI's name once final ("TLS.Google"), else "Unknown" */
    bool classified, encrypted_by_dpi, metadata_checked, has_mac, dns_checked;
    bool host_in_flow;             /* host came from the flow itself (SNI, HTTP Host), not DNS */
    int8_t last_payload_dir;       /* direction of the flow's latest payload packet, -1 none yet */
    bool last_keystroke;           /* … and it was a keystroke (a character or so: talk, telnet) */
    uint64_t last_payload_us;
    int8_t last_text_dir;          /* datagrams: direction of the latest that carried text, -1 none */
    uint64_t last_text_us;
    uint8_t mac[6];
    uint16_t vlan_outer;
    char *host;                    /* best name of the remote end (heap), NULL when unknown */
    char *http_path;               /* the first request's path (nDPI), NULL when none */
    uint8_t *typed[2];             /* real-time text typed so far in each direction (NULL: none) */
    uint16_t typed_len[2];
    const char *source;            /* file or interface of the flow's latest packet */
    const uint8_t *handshake;      /* this packet's encrypted handshake (entropy judged lazily) */
    uint32_t handshake_len;
    uint8_t handshake_dir;
    uint64_t wire_bytes[2];        /* frame bytes per LW_DIR_* (Suricata's flow bytes) */
    flow_dir dir[2];
    uint32_t alerted[ENGINE_ALERTS_PER_FLOW];     /* signature ids that alerted … */
    uint8_t alerted_dir[ENGINE_ALERTS_PER_FLOW];  /* … and in which direction: once each */
    uint8_t n_alerted;
    uint16_t alert_seq;
} flow_stage;

/* Configuration-derived parts, swapped as a whole on reload. */
typedef struct engine_rules {
    policy *policy;
    sig_set *sigs;
    bool own_sigs;                 /* else borrowed: shared by every worker */
    sig_scratch *scratch;
    alert_engine *alerts;
    message_model *model;          /* NULL when no signature asks whether content is a message */
    lw_evidence_mode evidence_mode;
} engine_rules;

struct engine {
    lw_config const *cfg;
    engine_options opt;
    bool live;
    engine_order order;            /* of the records being emitted (see engine_on_flow_end) */
    engine_rules rules;
    lw_memcap flowmem;             /* flows.memcap: entries, stages, nDPI state, streams */
    checksum_policy checksums;     /* which packets the receiver would have refused */
    flowpackets *packets;          /* outputs.pcap; NULL when not configured */
    classify_engine *classify;
    inspector *inspector;
    message_assessor *assessor;
    FILE *feature_dump;            /* --dump-features: every candidate's features (model fitting) */
    const flow *dump_flow;         /* the flow and direction being assessed, for the dump */
    int dump_dir;
    flow_table *flows;
    reasm_ctx reasm;
    inspect_doc *doc;
    message_assessment msg;
    uint64_t now_us;
    lw_stats stats;
    bool failed;
    char fail_msg[LW_ERRBUF];
    char *json;                    /* rendering buffer */
    uint8_t *evidence;             /* message text gathered for sealed/clear evidence */
};

static void engine_on_flow_end(void *user, flow *f, const char *reason);
static void engine_flow_ended(void *user, flow *f, const char *reason);
static uint64_t engine_wall_us(void);

static void engine_rules_free(engine_rules *r)
{
    sigset_scratch_free(r->scratch);
    if (r->own_sigs)
        sigset_free(r->sigs);
    policy_free(r->policy);
    alert_engine_free(r->alerts);
    free(r->model);
    memset(r, 0, sizeof *r);
}

/* The message model, when some signature needs it (see model.h for where it is looked for). */
static lw_status engine_load_model(const lw_config *cfg, engine_rules *r, char *err, size_t errlen)
{
    char path[1024];
    if (!sigset_wants_message(r->sigs) && !cfg->inspect_model && !cfg->feature_dump)
        return LW_OK;
    if (!message_model_find(cfg->inspect_model, cfg->signature_paths.items, cfg->signature_paths.count, path,
                            sizeof path)) {
        snprintf(err, errlen, "no message model: %s is in none of signatures.paths (set inspect.model)",
                 MESSAGE_MODEL_FILE);
        return LW_ERR_USAGE;
    }
    if (!(r->model = malloc(sizeof *r->model))) {
        snprintf(err, errlen, "out of memory");
        return LW_ERR_RUNTIME;
    }
    return message_model_load(path, r->model, err, errlen);
}

/* With `sigs` the signature set is borrowed (compiled once for every worker; matching only
 * reads it), else loaded here. */
static lw_status engine_rules_load(const lw_config *cfg, const sig_set *sigs, engine_rules *r, char *err,
                                   size_t errlen)
{
    memset(r, 0, sizeof *r);
    lw_status st = policy_new(cfg, &r->policy, err, errlen);
    r->sigs = (sig_set *)sigs;
    r->own_sigs = !sigs;
    if (st == LW_OK && !sigs)
        st = sigset_load(cfg->signature_paths.items, cfg->signature_paths.count, &r->sigs, err, errlen);
    if (st == LW_OK && !(r->scratch = sigset_scratch_new(r->sigs))) {
        snprintf(err, errlen, "signatures: cannot allocate scan scratch");
        st = LW_ERR_RUNTIME;
    }
    if (st == LW_OK)
        st = alert_engine_new(cfg, &r->alerts, err, errlen);
    if (st == LW_OK)
        st = engine_load_model(cfg, r, err, errlen);
    if (st != LW_OK)
        engine_rules_free(r);
    r->evidence_mode = cfg->evidence_mode;
    return st;
}

/* ---- feature dump (developers: tools/fit-message-model.py reads it) ---- */

/* One line a candidate: the flow as "src:port>dst:port/proto" (initiator first), the
 * direction (0 initiator → responder), whether the device sends, the unit (index, kind,
 * protocol, field, length, language), every feature, the logit. Never the text. */
static void engine_dump_candidate(void *user, const inspect_doc *doc, uint32_t unit, const float *x, float logit)
{
    engine *e = user;
    const flow *f = e->dump_flow;
    const inspect_unit *u = &doc->units[unit];
    char a[48], b[48];
    if (f == NULL)
        return;
    lw_addr_format(flow_initiator_addr(f), a, sizeof a);
    lw_addr_format(flow_responder_addr(f), b, sizeof b);
    bool v6 = flow_initiator_addr(f)->family == 6;
    fprintf(e->feature_dump, "%s%s%s:%u>%s%s%s:%u/%s\t%d\t%d\t%u\t%u\t%s\t%s\t%u", v6 ? "[" : "", a, v6 ? "]" : "",
            flow_initiator_port(f), v6 ? "[" : "", b, v6 ? "]" : "", flow_responder_port(f),
            f->key.l4proto == 6 ? "tcp" : "udp", e->dump_dir, e->dump_dir == f->device, unit, u->kind,
            u->proto ? u->proto : "-", u->field[0] ? u->field : "-", u->len);
    for (int i = 0; i < FEATURE_COUNT; i++)
        fprintf(e->feature_dump, "\t%.4f", x[i]);
    fprintf(e->feature_dump, "\t%.4f\n", logit);
}

static lw_status engine_open_feature_dump(engine *e, const char *path, char *err, size_t errlen)
{
    if (!(e->feature_dump = fopen(path, "w"))) {
        snprintf(err, errlen, "%s: cannot write", path);
        return LW_ERR_RUNTIME;
    }
    fprintf(e->feature_dump, "flow\tdir\tdevice_sends\tunit\tkind\tproto\tfield\tlength");
    for (int i = 0; i < FEATURE_COUNT; i++)
        fprintf(e->feature_dump, "\t%s", feature_names[i]);
    fprintf(e->feature_dump, "\tlogit\n");
    message_assessor_set_sink(e->assessor, engine_dump_candidate, e);
    return LW_OK;
}

lw_status engine_check_rules(const lw_config *cfg, const sig_set *sigs, char *err, size_t errlen)
{
    engine_rules r;
    lw_status st = engine_rules_load(cfg, sigs, &r, err, errlen);
    if (st == LW_OK)
        engine_rules_free(&r);
    return st;
}

lw_status engine_new(const lw_config *cfg, const engine_options *opt, engine **result, char *err, size_t errlen)
{
    engine *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, errlen, "out of memory");
        return LW_ERR_RUNTIME;
    }
    e->cfg = cfg;
    e->opt = *opt;
    e->live = opt->live;
    lw_status st = engine_rules_load(cfg, opt->sigs, &e->rules, err, errlen);
    if (st != LW_OK) {
        free(e);
        return st;
    }
    inspect_limits limits = {cfg->inspect_max_layers, cfg->inspect_inflate_limit, 0};
    e->classify = classify_engine_new(err, errlen);
    e->inspector = inspector_new(&limits);
    e->assessor = message_assessor_new();
    e->flows = flow_table_new(opt->flows_max, cfg->idle_timeout_s, cfg->tcp_closed_timeout_s, engine_flow_ended, e);
    e->doc = malloc(sizeof *e->doc);
    e->json = malloc(ENGINE_JSON_BYTES);
    e->evidence = malloc(ENGINE_EVIDENCE_BYTES);
    flowpackets_config pcfg = {cfg->pcap_dir, cfg->pcap_max_bytes, cfg->reassembly_depth, opt->reassembly_memcap};
    bool packets_ok = !cfg->pcap_dir || (e->packets = flowpackets_new(&pcfg, opt->log));
    if (!e->classify || !e->inspector || !e->assessor || !e->flows || !e->doc || !e->json || !e->evidence ||
        !packets_ok) {
        if (e->classify)
            snprintf(err, errlen, "out of memory");
        engine_free(e);
        return LW_ERR_RUNTIME;
    }
    reasm_init(&e->reasm, cfg->reassembly_depth, opt->reassembly_memcap);
    e->flowmem.cap = opt->flows_memcap;
    e->reasm.flowmem = &e->flowmem;
    flow_table_use_memcap(e->flows, &e->flowmem);
    classify_use_memcap(e->classify, &e->flowmem);
    checksum_init(&e->checksums, (checksum_mode)cfg->checksums, opt->log);
    if (e->live)
        e->stats.start_us = engine_wall_us();
    if (cfg->feature_dump && engine_open_feature_dump(e, cfg->feature_dump, err, errlen) != LW_OK) {
        engine_free(e);
        return LW_ERR_RUNTIME;
    }
    *result = e;
    return LW_OK;
}

void engine_free(engine *e)
{
    if (!e)
        return;
    flow_table_free(e->flows);
    flowpackets_free(e->packets);
    inspector_free(e->inspector);
    message_assessor_free(e->assessor);
    if (e->feature_dump)
        fclose(e->feature_dump);
    classify_engine_free(e->classify);
    engine_rules_free(&e->rules);
    free(e->doc);
    free(e->json);
    free(e->evidence);
    free(e);
}

lw_status engine_reload(engine *e, const lw_config *cfg, const sig_set *sigs, char *err, size_t errlen)
{
    engine_rules fresh;
    lw_status st = engine_rules_load(cfg, sigs, &fresh, err, errlen);
    if (st != LW_OK)
        return st;
    policy_take_dns(fresh.policy, e->rules.policy);
    engine_rules_free(&e->rules);
    e->rules = fresh;
    e->cfg = cfg;
    return LW_OK;
}

const lw_stats *engine_stats(engine *e)
{
    e->stats.flow = *flow_table_stats(e->flows);
    e->stats.flow_mem_peak = e->flowmem.peak;
    e->stats.flow_mem_refused = e->flowmem.refused;
    e->stats.checksum_invalid = e->checksums.stats.invalid;
    e->stats.checksum_offload = e->checksums.stats.offload;
    e->stats.reasm = e->reasm.stats;
    if (e->packets)
        e->stats.pcap = *flowpackets_get_stats(e->packets);
    return &e->stats;
}

bool engine_failed(const engine *e, char *err, size_t errlen)
{
    if (e->failed && err)
        snprintf(err, errlen, "%s", e->fail_msg);
    return e->failed;
}

/* ---- records ---- */

static void engine_emit(engine *e, const alert_input *in, size_t len, size_t suppressed_at)
{
    char err[LW_ERRBUF] = "";
    engine_record r = {e->json, len, suppressed_at, in->ts_us, in->src_ip, in->dest_ip,
                       in->signature_id, in->category, e->order};
    if (e->opt.emit(e->opt.emit_user, &r, err, sizeof err) != LW_OK && !e->failed) {
        e->failed = true;
        snprintf(e->fail_msg, sizeof e->fail_msg, "%s", err);
    }
}

/* ---- alerts ---- */

typedef struct hit_context {
    engine *e;
    flow *f;
    flow_stage *st;
    int dir;                       /* direction of the inspected bytes; -1 = metadata only */
    const message_assessment *msg; /* NULL for metadata-only checks */
    const inspect_input *input;    /* the inspected bytes; NULL for metadata-only checks */
    uint64_t ts_us;
} hit_context;

/* A signature alerts once per flow and direction: a device's own message and the one it
 * receives on the same connection are two events. */
static bool engine_already_alerted(flow_stage *st, uint32_t sig_id, int dir)
{
    for (uint8_t i = 0; i < st->n_alerted; i++)
        if (st->alerted[i] == sig_id && st->alerted_dir[i] == dir)
            return true;
    return false;
}

static const lw_addr *engine_device_addr(const flow *f)
{
    return f->device == FLOW_DEVICE_INITIATOR ? flow_initiator_addr(f) : flow_responder_addr(f);
}

static const lw_addr *engine_remote_addr(const flow *f)
{
    return f->device == FLOW_DEVICE_INITIATOR ? flow_responder_addr(f) : flow_initiator_addr(f);
}

/* Per-flow strings are part of flows.memcap (NULL when the copy does not fit). */
#define ENGINE_MALLOC_OVERHEAD 16
#define ENGINE_STAGE_BYTES (sizeof(flow_stage) + ENGINE_MALLOC_OVERHEAD)

static char *engine_strdup(engine *e, const char *s)
{
    size_t n = strlen(s) + 1;
    if (!memcap_reserve(&e->flowmem, n + ENGINE_MALLOC_OVERHEAD))
        return NULL;
    char *copy = malloc(n);
    if (copy)
        return memcpy(copy, s, n);
    memcap_release(&e->flowmem, n + ENGINE_MALLOC_OVERHEAD);
    return NULL;
}

static void engine_strfree(engine *e, char *s)
{
    if (s)
        memcap_release(&e->flowmem, strlen(s) + 1 + ENGINE_MALLOC_OVERHEAD);
    free(s);
}

static void engine_set_host(engine *e, flow_stage *st, const char *host)
{
    if (!host || !*host || (st->host && strcmp(st->host, host) == 0))
        return;
    engine_strfree(e, st->host);
    st->host = engine_strdup(e, host);
}

/* The remote end's best name: SNI or HTTP Host from classification, else the name the device
 * itself resolved for that address (looked up once, when first needed: most flows show their
 * name in their own handshake and never need the lookup). */
static const char *engine_flow_host(engine *e, const flow *f, flow_stage *st, uint64_t ts_us)
{
    if (!st->host && !st->dns_checked) {
        st->dns_checked = true;
        engine_set_host(e, st, policy_dns_name(e->rules.policy, engine_device_addr(f), engine_remote_addr(f), ts_us));
    }
    return st->host;
}

/* Gather the message text for sealed or clear evidence (never for redacted). */
static uint32_t engine_gather_text(engine *e, const message_assessment *msg)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < msg->n_text_units; i++) {
        const inspect_unit *u = &e->doc->units[msg->text_units[i]];
        uint32_t take = u->len < ENGINE_EVIDENCE_BYTES - n ? u->len : ENGINE_EVIDENCE_BYTES - n;
        memcpy(e->evidence + n, u->data, take);
        n += take;
    }
    return n;
}

/* Evidence labels: the message detector's, then the signature's own. */
static uint32_t engine_labels(const sig_hit *hit, const message_assessment *msg, const char **labels, uint32_t cap)
{
    uint32_t n = 0;
    for (uint32_t i = 0; msg && i < msg->n_matched && n < cap; i++)
        labels[n++] = msg->matched[i];
    for (uint32_t i = 0; i < hit->n_matched && n < cap; i++)
        labels[n++] = hit->matched[i];
    return n;
}

static void engine_fill_evidence(engine *e, const hit_context *h, const sig_hit *hit, alert_evidence *ev,
                                 const char **labels, const char **fields)
{
    const message_assessment *msg = h->msg;
    ev->matched = labels;
    ev->n_matched = engine_labels(hit, msg, labels, 16);
    ev->fields = fields;
    ev->n_fields = 0;
    if (!msg || !msg->is_message)
        return;
    for (uint32_t i = 0; i < msg->n_fields; i++)
        fields[ev->n_fields++] = msg->fields[i];
    ev->length = msg->text_length;
    ev->sha256 = msg->sha256;
    if (e->rules.evidence_mode != LW_EVIDENCE_REDACTED) {
        ev->text = e->evidence;
        ev->text_len = engine_gather_text(e, msg);
    }
}

/* Verdict and entropy of a direction's first bytes, judged once, for alerts that come without
 * an inspection (host-name signatures) — also just before the bytes are released. */
static void engine_judge_dir(flow_dir *d)
{
    uint32_t len = 0;
    const uint8_t *data = d->stream && !d->judged ? reasm_data(d->stream, &len) : NULL;
    uint32_t n = len < ENGINE_JUDGED_BYTES ? len : ENGINE_JUDGED_BYTES;
    if (!data || !n)
        return;
    d->entropy = verdict_entropy(data, n);
    if (d->verdict == LW_VERDICT_UNKNOWN)
        d->verdict = (uint8_t)verdict_classify(data, n, NULL);
    d->judged = n;
}

/* The handshake packet that showed an encrypted protocol is judged only when an alert wants
 * it (or the flow outlives the packet before its host-name check): an entropy for every TLS
 * flow would cost about 5 µs each. */
static void engine_judge_handshake(flow_stage *st)
{
    flow_dir *d = &st->dir[st->handshake_dir];
    if (st->handshake && !d->judged) {
        d->judged = st->handshake_len < ENGINE_JUDGED_BYTES ? st->handshake_len : ENGINE_JUDGED_BYTES;
        d->entropy = verdict_entropy(st->handshake, d->judged);
    }
    st->handshake = NULL;
}

/* Categories about message text: their verdict is the state of the message's own bytes; the
 * others (archives, exports) report the state of the direction's bytes. */
static bool engine_is_message_category(lw_category cat)
{
    return cat == LW_CAT_PLAINTEXT_MESSAGE || cat == LW_CAT_CLEARTEXT_TRANSPORT;
}

/* What the bytes of the alert were: the inspected ones, or — for a signature that needed no
 * payload — the device's direction, else the other one. NaN entropy: no byte was seen. */
static void engine_alert_bytes(const engine *e, const hit_context *h, flow_stage *st, int dir, alert_input *in)
{
    if (h->input) {
        in->verdict = h->msg->is_message && engine_is_message_category(in->category) ? h->msg->verdict
                                                                                     : (lw_verdict)st->dir[dir].verdict;
        in->entropy = inspect_entropy(e->doc, h->input);
        in->bytes_inspected = e->doc->bytes_inspected;
        return;
    }
    in->entropy = NAN;
    engine_judge_handshake(st);
    for (int k = 0; k < 2; k++) {
        flow_dir *d = &st->dir[k ? !dir : dir];
        engine_judge_dir(d);
        if (d->judged) {
            in->verdict = (lw_verdict)d->verdict;
            in->entropy = d->entropy;
            in->bytes_inspected = d->judged;
            return;
        }
    }
}

/* The EVE members: where the alert came from, the flow as its initiator sees it, what the
 * flow itself said about its destination (a DNS-learned name is not the flow's Host/SNI). */
static void engine_eve_members(const engine *e, const flow *f, const flow_stage *st, int dir, alert_input *in)
{
    char proto[16];
    in->in_iface = e->live ? st->source : NULL;
    in->pcap_filename = e->live ? NULL : st->source;
    in->vlan[0] = st->vlan_outer;
    in->vlan[1] = f->key.vlan;
    in->flow = (alert_flow){
        .device_is_initiator = f->device == FLOW_DEVICE_INITIATOR,
        .from_initiator = dir == LW_DIR_INITIATOR,
        .pkts = {f->pkts[0], f->pkts[1]},
        .bytes = {st->wire_bytes[0], st->wire_bytes[1]},
    };
    in->ndpi_proto = st->classified ? st->proto_name : NULL;
    eve_app_proto(in->app_proto, proto, sizeof proto);
    const char *own_host = st->host_in_flow ? st->host : NULL;
    if (strcmp(proto, "http") == 0) {
        in->http_hostname = own_host;
        in->http_url = st->http_path;
    } else if (strcmp(proto, "tls") == 0) {
        in->tls_sni = own_host;
    }
}


static void engine_on_hit(const sig_hit *hit, void *user)
{
    hit_context *h = user;
    engine *e = h->e;
    flow *f = h->f;
    flow_stage *st = h->st;
    int alert_dir = h->dir < 0 || !hit->sig->about_payload ? f->device : h->dir; /* a host name: once a flow */
    if (engine_already_alerted(st, hit->sig->id, alert_dir) || st->n_alerted >= ENGINE_ALERTS_PER_FLOW)
        return;
    st->alerted_dir[st->n_alerted] = (uint8_t)alert_dir;
    st->alerted[st->n_alerted++] = hit->sig->id;
    dest_info dest;
    policy_describe_dest_for(e->rules.policy, engine_device_addr(f), engine_remote_addr(f),
                             engine_flow_host(e, f, st, h->ts_us), h->ts_us, &dest);
    lw_category cat = policy_decide(e->rules.policy, hit->sig->category, &dest);
    if (cat == LW_CAT_NONE)
        return;
    const char *labels[16], *fields[LW_MESSAGE_MAX_MATCHED];
    bool device_is_initiator = f->device == FLOW_DEVICE_INITIATOR;
    int dir = h->dir < 0 ? f->device : h->dir;
    alert_input in = {
        .ts_us = h->ts_us,
        .flow_id = f->id,
        .flow_start_us = f->first_us,
        .flow_sequence = st->alert_seq,
        .src_ip = *engine_device_addr(f),
        .dest_ip = *engine_remote_addr(f),
        .src_port = device_is_initiator ? flow_initiator_port(f) : flow_responder_port(f),
        .dest_port = device_is_initiator ? flow_responder_port(f) : flow_initiator_port(f),
        .l4proto = f->key.l4proto,
        .app_proto = h->msg && e->doc->app_proto ? e->doc->app_proto : NULL,
        .signature_id = hit->sig->id,
        .rev = hit->sig->rev,
        .signature = hit->sig->name,
        .description = hit->sig->description,
        .references = (const char *const *)hit->sig->references,
        .n_references = hit->sig->n_references,
        .category = cat,
        .severity = hit->sig->severity,
        .device_sending = dir == f->device,
        .dest = &dest,
        .device_mac = st->has_mac ? st->mac : NULL,
    };
    if (!in.app_proto && st->classified)
        in.app_proto = st->proto_name;
    engine_alert_bytes(e, h, st, dir, &in);
    engine_eve_members(e, f, st, dir, &in);
    engine_fill_evidence(e, h, hit, &in.evidence, labels, fields);
    in.language = h->msg && h->msg->is_message && engine_is_message_category(cat) ? h->msg->language : NULL;
    /* The question this direction's bytes could answer is answered — messages cross it
     * readable — unless a size-bound signature (a bulk export) still waits for more bytes;
     * then it goes on, at growth checkpoints only. */
    if (h->dir >= 0 && (cat == LW_CAT_PLAINTEXT_MESSAGE || cat == LW_CAT_CLEARTEXT_TRANSPORT)) {
        flow_dir *alerted = &st->dir[h->dir];
        alerted->alerted = 1;
        if (h->input->len >= sigset_max_min_bytes(e->rules.sigs))
            alerted->done = 1;
    }
    size_t suppressed_at;
    int len = alert_render(e->rules.alerts, &in, e->json, ENGINE_JSON_BYTES, &suppressed_at);
    if (len <= 0)
        return;
    if (e->packets) {
        char id[ALERT_ID_LEN];
        alert_id(&in, id);
        flowpackets_alert(e->packets, &f->packets, id);
    }
    st->alert_seq++;
    engine_emit(e, &in, (size_t)len, suppressed_at);
}

/* ---- inspection ---- */

static bool engine_is_dns_port(uint16_t port)
{
    return port == 53 || port == 5353 || port == 5355;
}

/* Name lookups (DNS, mDNS, LLMNR), whichever end the capture saw first. */
static bool engine_is_dns_flow(const flow *f)
{
    return f->key.l4proto == 17 && (engine_is_dns_port(f->key.lo_port) || engine_is_dns_port(f->key.hi_port));
}

/* Host-based signatures (archive services): once the name is known, no payload needed.
 * (DNS flows have no stage: resolving a name is not talking to it.) */
static void engine_check_metadata(engine *e, flow *f, flow_stage *st, uint64_t ts_us)
{
    if (st->metadata_checked || !engine_flow_host(e, f, st, ts_us))
        return;
    st->metadata_checked = true;
    sig_context ctx = {
        .app_proto = st->proto_name,
        .ndpi_proto = st->proto_name,
        .host = st->host,
        .l4proto = f->key.l4proto,
        .server_port = flow_responder_port(f),
        .device_sending = true,
        .from_initiator = f->device == FLOW_DEVICE_INITIATOR,
        .bytes = (uint32_t)(f->bytes[0] + f->bytes[1]),
    };
    hit_context h = {e, f, st, -1, NULL, NULL, ts_us};
    sigset_match(e->rules.sigs, e->rules.scratch, &ctx, engine_on_hit, &h);
}

static bool engine_direction_settled(const inspect_doc *doc, const flow_dir *d, bool complete)
{
    if (complete)
        return true;
    return doc->app_proto == NULL && doc->verdict == LW_VERDICT_ENCRYPTED && doc->bytes_inspected >= ENGINE_ENCRYPTED_SURE &&
           d->inspected_len >= ENGINE_ENCRYPTED_SURE;
}

static void engine_release_streams(engine *e, flow_stage *st)
{
    /* A host-name alert may still come (a name from nDPI, or the device's DNS, not looked at
     * yet) and want these bytes' verdict: judge them while they are here. */
    bool may_alert = !st->metadata_checked && (!st->classified || st->host || !st->dns_checked);
    for (int d = 0; d < 2; d++) {
        if (may_alert)
            engine_judge_dir(&st->dir[d]);
        reasm_free(&e->reasm, st->dir[d].stream);
        st->dir[d].stream = NULL;
    }
}

/* Datagrams are inspected one at a time, and their conversation is the datagrams that carry
 * text: a chat line among a game's state updates is no fast reply to the update before it. The
 * context assumes this datagram carries text (features are computed for text candidates only);
 * engine_note_datagram_text commits it when it did. A direction also remembers the texts of its
 * last few, so that a conversation (varying texts) and a probe (the same text again) show. */
static message_context engine_datagram_context(const flow_stage *st, int dir, uint64_t ts_us)
{
    const flow_dir *d = &st->dir[dir];
    bool first = st->last_text_dir < 0;
    uint64_t gap = first ? 0 : ts_us - st->last_text_us;
    return (message_context){
        .datagram = true,
        .records = (uint16_t)(d->text_records + (d->text_records < UINT16_MAX)),
        .peer_records = st->dir[!dir].text_records,
        .human_gaps = (uint16_t)(d->text_human_gaps + (!first && gap >= ENGINE_HUMAN_GAP_US)),
        .fast_replies = (uint16_t)(d->text_fast_replies + (!first && st->last_text_dir != dir && gap < ENGINE_FAST_REPLY_US)),
        .prior_texts = d->texts,
        .prior_repeats = d->text_repeats,
    };
}

static void engine_note_datagram_text(flow_stage *st, int dir, uint32_t hash, const message_context *assumed,
                                      uint64_t ts_us)
{
    flow_dir *d = &st->dir[dir];
    d->text_records = assumed->records;
    d->text_human_gaps = assumed->human_gaps;
    d->text_fast_replies = assumed->fast_replies;
    st->last_text_dir = (int8_t)dir;
    st->last_text_us = ts_us;
    for (int i = 0; i < ENGINE_DATAGRAM_TEXTS; i++)
        if (d->text_hashes[i] == hash) {
            d->text_repeats += d->text_repeats < UINT16_MAX;
            return;
        }
    d->text_hashes[d->texts % ENGINE_DATAGRAM_TEXTS] = hash;
    d->texts += d->texts < UINT16_MAX;
}

/* What engine_inspect is given: a stream's bytes, one datagram, or the characters of real-time
 * text packets strung together (a datagram flow's text, too). */
typedef enum engine_bytes { ENGINE_STREAM, ENGINE_DATAGRAM, ENGINE_TYPED } engine_bytes;

static void engine_inspect(engine *e, flow *f, flow_stage *st, int dir, const uint8_t *data, uint32_t len,
                           engine_bytes bytes, bool complete, uint64_t ts_us)
{
    bool datagram = bytes != ENGINE_STREAM;
    flow_dir *d = &st->dir[dir];
    const flow_dir *peer = &st->dir[!dir];
    const char *ndpi_name = st->proto_name;
    inspect_input in = {
        .data = data,
        .len = len,
        .from_initiator = dir == LW_DIR_INITIATOR,
        .is_datagram = datagram,
        .typed = bytes == ENGINE_TYPED,
        .gap = d->stream && (reasm_had_gap(d->stream) || reasm_midstream(d->stream)),
        .l4proto = f->key.l4proto,
        .initiator_port = flow_initiator_port(f),
        .responder_port = flow_responder_port(f),
        .ndpi_proto = ndpi_name,
    };
    if (peer->stream)
        in.peer = reasm_data(peer->stream, &in.peer_len);
    inspect_run(e->inspector, &in, e->doc);
    message_context mctx = datagram ? engine_datagram_context(st, dir, ts_us) : (message_context){
        .records = d->records,
        .peer_records = peer->records,
        .human_gaps = d->human_gaps,
        .fast_replies = d->fast_replies,
    };
    e->dump_flow = f;
    e->dump_dir = dir;
    message_assess(e->assessor, e->rules.model, e->doc, &mctx, &e->msg);
    if (datagram && e->msg.text_hash)
        engine_note_datagram_text(st, dir, e->msg.text_hash, &mctx, ts_us);
    e->stats.inspections++;
    e->stats.bytes_inspected += len;
    d->inspected_len = len;
    d->last_inspect_us = ts_us;
    d->verdict = (uint8_t)e->doc->verdict;
    sig_context ctx = {
        .doc = e->doc,
        .msg = &e->msg,
        .app_proto = e->doc->app_proto ? e->doc->app_proto : ndpi_name,
        .ndpi_proto = ndpi_name,
        .host = engine_flow_host(e, f, st, ts_us),
        .l4proto = f->key.l4proto,
        .server_port = flow_responder_port(f),
        .device_sending = dir == f->device,
        .from_initiator = dir == LW_DIR_INITIATOR,
        .verdict = e->msg.is_message ? e->msg.verdict : e->doc->verdict,
        .bytes = len,
    };
    hit_context h = {e, f, st, dir, &e->msg, &in, ts_us};
    sigset_match(e->rules.sigs, e->rules.scratch, &ctx, engine_on_hit, &h);
    if (engine_direction_settled(e->doc, d, complete))
        d->done = 1;
}

/* A stream is inspected when it completes and each time it has grown fourfold past the first
 * ENGINE_FIRST_CHECKPOINT bytes: most exchanges are decoded once, a long one about 1.3 times
 * its length. Live, it is also looked at once a second (from its first byte on), so an alert
 * is never more than a second late; a replay has no one waiting, and finds the same things
 * (every byte is inspected at the end). */
static bool engine_checkpoint_due(const engine *e, const flow_dir *d, uint32_t len, bool complete, uint64_t now_us)
{
    if (len <= d->inspected_len)
        return false;
    uint64_t next = d->inspected_len ? 4 * (uint64_t)d->inspected_len : ENGINE_FIRST_CHECKPOINT;
    return complete || len >= next ||
           (e->live && !d->alerted && now_us >= d->last_inspect_us + ENGINE_CHECKPOINT_US);
}

static void engine_inspect_stream(engine *e, flow *f, flow_stage *st, int dir, bool force, uint64_t ts_us)
{
    flow_dir *d = &st->dir[dir];
    if (d->done || !d->stream)
        return;
    uint32_t len;
    bool complete = force || reasm_complete(d->stream);
    if (complete && !force)
        reasm_flush(&e->reasm, d->stream); /* a reset, or the depth: no retransmission fills a hole now */
    const uint8_t *data = reasm_data(d->stream, &len);
    bool due = engine_checkpoint_due(e, d, len, complete, ts_us);
    if (due)
        engine_inspect(e, f, st, dir, data, len, ENGINE_STREAM, complete, ts_us);
    else if (complete)
        d->done = 1;
    /* Copies of some bytes differed (overlaps, a suspect segment): the other version too, at the
     * same checkpoints — a receiver may have kept either, so neither may hide a message. */
    if ((due || complete) && !d->alerted && (data = reasm_alternate(d->stream, &len)) != NULL)
        engine_inspect(e, f, st, dir, data, len, ENGINE_STREAM, complete, ts_us);
}

/* Conversation timing: a payload packet after the peer spoke, or after a pause, starts a
 * record; people leave seconds between records, machines answer within milliseconds. A
 * keystroke after a keystroke of the same sender is the record being typed, however slowly
 * (talk sends each character as it is typed). */
static void engine_note_record(flow_stage *st, int dir, uint64_t ts_us, uint32_t len)
{
    flow_dir *d = &st->dir[dir];
    bool first = st->last_payload_dir < 0, turn = st->last_payload_dir != dir;
    bool keystroke = len <= ENGINE_KEYSTROKE_BYTES, typing = keystroke && st->last_keystroke && !turn;
    uint64_t gap = first ? 0 : ts_us - st->last_payload_us;
    st->last_keystroke = keystroke;
    if (!typing && (first || turn || gap >= ENGINE_RECORD_GAP_US)) {
        d->records += d->records < UINT16_MAX;
        d->human_gaps += !first && gap >= ENGINE_HUMAN_GAP_US && d->human_gaps < UINT16_MAX;
        d->fast_replies += !first && turn && gap < ENGINE_FAST_REPLY_US && d->fast_replies < UINT16_MAX;
    }
    st->last_payload_dir = (int8_t)dir;
    st->last_payload_us = ts_us;
}

static void engine_tcp_payload(engine *e, flow *f, flow_stage *st, const lw_packet *p, int dir)
{
    flow_dir *d = &st->dir[dir];
    if (d->done || st->encrypted_by_dpi)
        return;
    if (reasm_segment(&e->reasm, &d->stream, p) < 0)
        e->stats.out_of_memory++;
    engine_inspect_stream(e, f, st, dir, false, p->ts_us);
    if (st->dir[0].done && st->dir[1].done)
        engine_release_streams(e, st);
}

/* A segment the receiver would have refused for its checksum: its bytes are suspect (they stand
 * in only where no valid copy ever comes); nothing is inspected on its account. */
static void engine_tcp_suspect(engine *e, flow_stage *st, const lw_packet *p, int dir)
{
    flow_dir *d = &st->dir[dir];
    if (!d->done && !st->encrypted_by_dpi)
        reasm_segment_suspect(&e->reasm, &d->stream, p);
}

/* Two words in the payload: a letter, a space, a letter, twice. A scan of the spaces only, so
 * that binary state updates and media (a space in 256 bytes) cost next to nothing. */
static bool engine_datagram_shows_words(const uint8_t *p, uint32_t len)
{
    int seen = 0;
    for (const uint8_t *s = p + 1; seen < 2 && s + 1 < p + len && (s = memchr(s, ' ', (size_t)(p + len - 1 - s)));
         s++) {
        bool before = (s[-1] | 0x20) >= 'a' && (s[-1] | 0x20) <= 'z', after = (s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z';
        seen += (before || s[-1] >= 0x80) && (after || s[1] >= 0x80);
    }
    return seen >= 2;
}

/* Real-time text is read a line at a time: the characters of a direction's packets are strung
 * together (part of flows.memcap) until a line ends or ENGINE_TYPED_BYTES fill, and at the
 * flow's end. */
static void engine_typed_flush(engine *e, flow *f, flow_stage *st, int dir, uint64_t ts_us)
{
    if (st->typed_len[dir] == 0)
        return;
    engine_inspect(e, f, st, dir, st->typed[dir], st->typed_len[dir], ENGINE_TYPED, false, ts_us);
    st->dir[dir].inspected_len = 0;
    st->typed_len[dir] = 0;
}

static bool engine_typed_line_ends(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\n' || p[i] == '\r' || (p[i] == 0xe2 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] & 0xfe) == 0xa8))
            return true; /* U+2028, U+2029: T.140's line and paragraph separators */
    return false;
}

static void engine_typed(engine *e, flow *f, flow_stage *st, int dir, const uint8_t *chars, size_t n, uint64_t ts_us)
{
    if (!st->typed[dir]) {
        if (!memcap_reserve(&e->flowmem, ENGINE_TYPED_BYTES + ENGINE_MALLOC_OVERHEAD))
            return; /* refused: counted by the memcap */
        if (!(st->typed[dir] = malloc(ENGINE_TYPED_BYTES))) {
            memcap_release(&e->flowmem, ENGINE_TYPED_BYTES + ENGINE_MALLOC_OVERHEAD);
            e->stats.out_of_memory++;
            return;
        }
    }
    if (st->typed_len[dir] + n > ENGINE_TYPED_BYTES)
        engine_typed_flush(e, f, st, dir, ts_us);
    memcpy(st->typed[dir] + st->typed_len[dir], chars, n);
    st->typed_len[dir] = (uint16_t)(st->typed_len[dir] + n);
    if (engine_typed_line_ends(chars, n))
        engine_typed_flush(e, f, st, dir, ts_us);
}

static void engine_typed_free(engine *e, flow_stage *st)
{
    for (int d = 0; d < 2; d++)
        if (st->typed[d]) {
            free(st->typed[d]);
            memcap_release(&e->flowmem, ENGINE_TYPED_BYTES + ENGINE_MALLOC_OVERHEAD);
        }
}

/* An NTP clock packet (RFC 5905: port 123, 48 bytes, version 1-4, mode 1-5): fixed-width
 * numbers and a four-byte reference id, no field that could hold text. Reading it for text
 * cost more than any other datagram on the reference workload. */
static bool engine_is_clock_packet(const lw_packet *p)
{
    if ((p->sport != 123 && p->dport != 123) || p->payload_len != 48)
        return false;
    uint8_t version = (uint8_t)(p->payload[0] >> 3 & 7), mode = (uint8_t)(p->payload[0] & 7);
    return version >= 1 && version <= 4 && mode >= 1 && mode <= 5;
}

static void engine_udp_payload(engine *e, flow *f, flow_stage *st, const lw_packet *p, int dir)
{
    flow_dir *d = &st->dir[dir];
    const uint8_t *chars;
    size_t n;
    if (d->done || st->encrypted_by_dpi || p->payload_len == 0 || engine_is_clock_packet(p))
        return;
    if (rtt_characters(p->payload, p->payload_len, &chars, &n)) {
        engine_typed(e, f, st, dir, chars, n, p->ts_us);
        return;
    }
    /* (a compressed datagram — a zlib stream after a game's packet header — hides its words) */
    if (d->sparse && !engine_datagram_shows_words(p->payload, p->payload_len) &&
        inspect_compressed_at(p->payload, p->payload_len, ENGINE_COMPRESSED_AT) == p->payload_len)
        return;
    engine_inspect(e, f, st, dir, p->payload, p->payload_len, ENGINE_DATAGRAM, false, p->ts_us);
    d->inspected_len = 0; /* each datagram stands alone */
    d->quiet = e->msg.text_hash ? 0 : d->quiet + 1;
    /* Chat datagrams may come between many game-state or media datagrams: every one is looked at
     * while text keeps showing up; after the budget or a long silence, only those that show
     * words, up to a second budget. */
    if (d->sparse)
        d->done = ++d->sparse > ENGINE_UDP_SPARSE;
    else if (++d->datagrams >= ENGINE_UDP_DATAGRAMS || d->quiet >= ENGINE_UDP_QUIET)
        d->sparse = 1;
}

/* ---- classification ---- */


/* nDPI recognises TLS, QUIC, SSH … from their handshakes (not ports) long before it is
 * final (it waits for certificates): from then on the payload needs no inspection. The
 * handshake packet p (NULL at the end of a flow) is what an alert's entropy then describes. */
static void engine_note_encrypted(engine *e, flow_stage *st, const classify_result *r, const lw_packet *p, int dir)
{
    if (st->encrypted_by_dpi || !r->encrypted_by_dpi)
        return;
    st->encrypted_by_dpi = true;
    for (int d = 0; d < 2; d++)
        st->dir[d].verdict = LW_VERDICT_ENCRYPTED, st->dir[d].done = 1;
    engine_release_streams(e, st);
    if (p && p->payload_len) {
        st->handshake = p->payload;
        st->handshake_len = p->payload_len;
        st->handshake_dir = (uint8_t)dir;
    }
}

/* A host name the flow itself carried (SNI, HTTP Host). */
static void engine_flow_named(engine *e, flow_stage *st, const char *host)
{
    if (!host[0])
        return;
    engine_set_host(e, st, host);
    st->host_in_flow = true;
}

static void engine_classify_done(engine *e, flow_stage *st, const classify_result *r, const lw_packet *p, int dir)
{
    st->classified = true;
    lw_strlcpy(st->proto_name, r->name, sizeof st->proto_name);
    engine_flow_named(e, st, r->host);
    if (r->http_path[0] && !st->http_path)
        st->http_path = engine_strdup(e, r->http_path);
    classify_flow_free(st->cls);
    st->cls = NULL;
    e->stats.classify_final++;
    engine_note_encrypted(e, st, r, p, dir);
}

static void engine_finish_classification(engine *e, flow_stage *st)
{
    classify_result r;
    classify_giveup(e->classify, st->cls, &r);
    engine_classify_done(e, st, &r, NULL, 0);
}

static void engine_classify(engine *e, flow_stage *st, const lw_packet *p, bool from_initiator)
{
    /* TCP packets without payload (handshake, ACKs) tell nDPI nothing it classifies by, yet each
     * costs it address lookups: it sees the bytes only — and its per-flow state (about 1 KiB) is
     * allocated at the first payload, so a SYN flood never costs it. */
    if (st->classified || (p->l4proto == 6 && p->payload_len == 0))
        return;
    if (!st->cls && !(st->cls = classify_flow_new(e->classify)))
        return; /* flows.memcap refused it (counted): the flow stays unclassified */
    classify_result r;
    int dir = from_initiator ? LW_DIR_INITIATOR : LW_DIR_RESPONDER;
    e->stats.classify_packets++;
    if (classify_packet(e->classify, st->cls, p, from_initiator, &r))
        engine_classify_done(e, st, &r, p, dir);
    else {
        engine_flow_named(e, st, r.host); /* HTTP Host, SNI: known long before nDPI is final */
        engine_note_encrypted(e, st, &r, p, dir);
        /* Certificates and later handshake messages change nothing leakwatch reports: once
         * an encrypted protocol has shown its server name, classification is done. */
        if (st->encrypted_by_dpi && st->host)
            engine_finish_classification(e, st);
    }
}

/* ---- DNS correlation ---- */

typedef struct dns_learn {
    engine *e;
    const lw_addr *device;
    uint64_t now_us;
    bool count;                    /* the answer's own flow is this worker's */
} dns_learn;

static void engine_on_dns_answer(const char *qname, const lw_addr *addr, uint32_t ttl_s, void *user)
{
    dns_learn *l = user;
    policy_learn_dns(l->e->rules.policy, l->device, qname, addr, ttl_s, l->now_us);
    l->e->stats.dns_answers += l->count;
}

static void engine_dns(engine *e, const lw_packet *p, bool count)
{
    if (p->l4proto != 17 || p->sport != 53 || !policy_is_home(e->rules.policy, &p->dst))
        return;
    dns_learn l = {e, &p->dst, p->ts_us, count};
    dns_parse_response(p->payload, p->payload_len, engine_on_dns_answer, &l);
}

void engine_learn_dns(engine *e, const lw_packet *p)
{
    engine_dns(e, p, false);
}

void engine_learn_answer(engine *e, const lw_addr *device, const char *qname, const lw_addr *addr, uint32_t ttl_s,
                         uint64_t ts_us)
{
    policy_learn_dns(e->rules.policy, device, qname, addr, ttl_s, ts_us);
    e->stats.dns_answers++;
}

/* ---- flows ---- */

static void engine_flow_start(engine *e, flow *f, const lw_packet *p)
{
    if (p->l4proto == 6)
        e->stats.flows_tcp++;
    else
        e->stats.flows_udp++;
    if (policy_is_home(e->rules.policy, flow_initiator_addr(f)))
        f->device = FLOW_DEVICE_INITIATOR;
    else if (policy_is_home(e->rules.policy, flow_responder_addr(f)))
        f->device = FLOW_DEVICE_RESPONDER;
    else
        return;
    if (engine_is_dns_flow(f))
        return; /* name lookups: their answers are learned per packet (engine_dns), nothing to inspect */
    flow_stage *st = memcap_reserve(&e->flowmem, ENGINE_STAGE_BYTES) ? calloc(1, sizeof *st) : NULL;
    if (!st) {
        memcap_release(&e->flowmem, ENGINE_STAGE_BYTES);
        f->device = FLOW_DEVICE_NONE;
        e->stats.out_of_memory++;
        return;
    }
    lw_strlcpy(st->proto_name, "Unknown", sizeof st->proto_name);
    st->vlan_outer = p->vlan_outer;
    st->last_payload_dir = st->last_text_dir = -1;
    /* Host-only packs have no payload to look at; internal flows (both ends home) are not egress
     * (contract): their host names are still checked, their content only with watch_internal. */
    bool internal = f->device == FLOW_DEVICE_INITIATOR && policy_is_home(e->rules.policy, flow_responder_addr(f));
    if (!sigset_wants_payload(e->rules.sigs) || (internal && !e->cfg->watch_internal))
        st->dir[0].done = st->dir[1].done = 1;
    f->stage = st;
}

static void engine_release_stage(engine *e, flow *f)
{
    flow_stage *st = f->stage;
    engine_release_streams(e, st);
    engine_strfree(e, st->host);
    engine_strfree(e, st->http_path);
    engine_typed_free(e, st);
    free(st);
    memcap_release(&e->flowmem, ENGINE_STAGE_BYTES);
    f->stage = NULL;
    if (e->packets)
        flowpackets_settled(e->packets, &f->packets);
}

/* A flow's last records. Flows ending at the same point in several workers are ordered by
 * what they are (engine_order), not by which worker holds them; an eviction in the middle of
 * a packet keeps the packet's own order afterwards. */
static void engine_on_flow_end(void *user, flow *f, const char *reason)
{
    (void)reason;
    engine *e = user;
    flow_stage *st = f->stage;
    if (!st)
        return;
    engine_order packet_order = e->order;
    e->order = (engine_order){f->tcp_closing, f->last_us, f->id};
    if (!st->classified)
        engine_finish_classification(e, st);
    for (int d = 0; d < 2; d++) {
        if (st->dir[d].stream && !st->dir[d].done) {
            reasm_flush(&e->reasm, st->dir[d].stream);
            engine_inspect_stream(e, f, st, d, true, f->last_us);
        }
        if (!st->dir[d].done)
            engine_typed_flush(e, f, st, d, f->last_us);
    }
    engine_check_metadata(e, f, st, f->last_us);
    engine_release_stage(e, f);
    e->order = packet_order;
}

/* Frames of alerting flows are written until the flow ends, whether or not it has a stage. */
static void engine_flow_ended(void *user, flow *f, const char *reason)
{
    engine *e = user;
    engine_on_flow_end(e, f, reason);
    if (e->packets)
        flowpackets_flow_end(e->packets, &f->packets);
}

static void engine_note_mac(flow_stage *st, const flow *f, const lw_packet *p, bool from_initiator)
{
    bool from_device = from_initiator == (f->device == FLOW_DEVICE_INITIATOR);
    if (st->has_mac || !p->src_mac || !from_device)
        return;
    memcpy(st->mac, p->src_mac, 6);
    st->has_mac = true;
}

static void engine_packet(engine *e, const lw_packet *p, const capture_frame *fr)
{
    bool from_initiator, created;
    flow *f = flow_lookup(e->flows, p, &from_initiator, &created);
    if (!f) {
        e->stats.out_of_memory++;
        return;
    }
    if (created)
        engine_flow_start(e, f, p);
    /* A packet the receiver drops for its checksum moves nothing — not the flow's counters, its
     * FIN or RST, nDPI or the names learned — and its payload is only suspect (checked where it
     * matters: flows still looked at). */
    int side = from_initiator ? LW_DIR_INITIATOR : LW_DIR_RESPONDER;
    if ((created || f->stage || engine_is_dns_flow(f)) && !checksum_accept(&e->checksums, &f->checksum[side], p)) {
        if (e->packets) /* the evidence keeps it: an evasion attempt is evidence too */
            flowpackets_frame(e->packets, &f->packets, fr, side, f->stage != NULL);
        if (f->stage && p->l4proto == 6)
            engine_tcp_suspect(e, f->stage, p, side);
        return;
    }
    flow_update(e->flows, f, p, from_initiator);
    if (!e->opt.answers_from_caller)
        engine_dns(e, p, true);
    flow_stage *st = f->stage;
    if (e->packets)
        flowpackets_frame(e->packets, &f->packets, fr, from_initiator ? LW_DIR_INITIATOR : LW_DIR_RESPONDER, st != NULL);
    if (!st)
        return;
    int dir = from_initiator ? LW_DIR_INITIATOR : LW_DIR_RESPONDER;
    st->source = fr->source;
    st->wire_bytes[dir] += fr->wirelen;
    engine_note_mac(st, f, p, from_initiator);
    engine_classify(e, st, p, from_initiator);
    if (p->payload_len > 0 && p->ts_us >= st->last_payload_us)
        engine_note_record(st, dir, p->ts_us, p->payload_len);
    if (p->l4proto == 6)
        engine_tcp_payload(e, f, st, p, dir);
    else
        engine_udp_payload(e, f, st, p, dir);
    /* Host-name signatures once classification ended, after this packet's bytes joined their
     * stream (an alert on an HTTP Host then says what those bytes were). */
    if (st->classified)
        engine_check_metadata(e, f, st, p->ts_us);
    if (st->handshake && st->metadata_checked)
        st->handshake = NULL; /* checked: no host-name alert will want it */
    else if (st->handshake)
        engine_judge_handshake(st); /* the pointer dies with this packet */
    /* Settled: classified, both directions answered, metadata checked. Nothing can alert any
     * more, so the flow keeps only its counters. */
    if (st->classified && st->dir[0].done && st->dir[1].done)
        engine_release_stage(e, f);
}

static uint64_t engine_wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void engine_decoded(engine *e, const capture_frame *fr, lw_decode_status ds, const lw_packet *p)
{
    e->stats.packets++;
    e->stats.bytes += fr->wirelen;
    if (!e->stats.first_us)
        e->stats.first_us = fr->ts_us;
    if (!e->stats.start_us)
        e->stats.start_us = fr->ts_us;
    e->stats.decode[ds]++;
    if (fr->ts_us > e->now_us)
        e->now_us = fr->ts_us;
    e->stats.last_us = e->now_us;
    if (ds == LW_DECODE_OK)
        engine_packet(e, p, fr);
}

void engine_frame(engine *e, const capture_frame *fr)
{
    lw_packet p;
    p.ts_us = fr->ts_us;
    engine_decoded(e, fr, decode_packet(fr->linktype, fr->data, fr->caplen, &p), &p);
}

void engine_advance(engine *e, uint64_t now_us)
{
    if (now_us > e->now_us)
        e->now_us = now_us;
    flow_expire(e->flows, e->now_us);
    if (e->packets)
        flowpackets_tick(e->packets, e->now_us);
}

void engine_finish(engine *e)
{
    flow_flush_all(e->flows);
    if (e->feature_dump)
        fflush(e->feature_dump); /* the fitting script reads it as soon as leakwatch exits */
}
