/* inspect.c — the inspect stage's framework: one run decodes one direction of a flow.
 * It scores the raw bytes (verdict.h), picks the protocol decoder whose probe() is most
 * confident (content decides: nDPI's label only adds a small bonus and ports are left to the
 * probes, so plaintext HTTP on port 443 is still HTTP), runs it, and hands decoders the arena,
 * the unit table and object ids. Bytes no decoder claims go to the raw decoder.
 *
 * The direction's verdict describes the bytes as they crossed the wire. When a protocol
 * decoder claimed them and emitted units, it follows from those units: any unit reached
 * without removing an encoding (headers, commands, plain bodies) makes the direction
 * plaintext — chunking, percent- and quoted-printable encoding leave text readable on the
 * wire, so they do not count; otherwise compressed when a unit needed inflating, else
 * encoded (base64, WebSocket masking). So masked WebSocket chat reads as encoded, not encrypted, and plaintext
 * headers with a gzip body stay plaintext; each unit keeps its own layers for the message
 * detector. Bytes nobody claimed keep the raw classification.
 *
 * Decoders are not the gate: bytes no decoder claimed go to the raw decoder (RAW units for
 * signatures) and to the text extractor (extract.c), unless they judged encrypted or
 * compressed (string runs in random bytes are noise); so do bytes that a decoder with a lenient
 * probe (Kafka's length-prefixed binary, Redis's inline commands, IRC's bare commands) claimed
 * without finding any text in them: SMPP looks like Kafka, memcached like Redis, and APRS-IS,
 * which opens with "user CALL pass …", like IRC. Decoders hand
 * binary content they carry (HTTP bodies, WebSocket messages) to the extractor themselves.
 * Extraction stops where a TLS record starts (STARTTLS, of any protocol: the rest is not text).
 *
 * Owns: the inspector (limits and an arena allocated once and reused by every run). Allocates
 * nothing during a run but the HTTP/2 decoder's HPACK tables (libnghttp2's heap, bounded by the
 * peer's SETTINGS and freed before its decode returns); never judges whether units are
 * messages (message.c does). */
#include "inspect.h"

/* The raw verdict reads the direction's first 16 KiB: the statistics have long converged by
 * then, and a stream re-inspected at each checkpoint would otherwise pay for its whole length. */
#define INSPECT_VERDICT_BYTES 16384

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "framework.h"
#include "verdict.h"

struct inspector {
    inspect_limits limits;
    uint8_t *arena;
};

struct inspect_ctx {
    inspector *in;
    const inspect_input *input;
    inspect_doc *doc;
    size_t used;       /* arena bytes handed out */
    uint32_t depth;    /* nested decodings entered */
    uint16_t next_object;
    bool recognised;   /* the decoder knew what it read, though it emitted nothing */
};

static const inspect_decoder *const inspect_decoders[] = {
    &inspect_decoder_websocket, &inspect_decoder_http, &inspect_decoder_h2, &inspect_decoder_smtp,
    &inspect_decoder_pop3, &inspect_decoder_imap, &inspect_decoder_nntp, &inspect_decoder_xmpp, &inspect_decoder_irc,
    &inspect_decoder_mqtt, &inspect_decoder_redis, &inspect_decoder_stomp, &inspect_decoder_kafka,
    &inspect_decoder_socks, &inspect_decoder_coap, &inspect_decoder_smpp, &inspect_decoder_ipmsg, &inspect_decoder_oscar, &inspect_decoder_rtt,
    &inspect_decoder_amqp, &inspect_decoder_thrift, &inspect_decoder_nats, &inspect_decoder_zephyr, &inspect_decoder_modem,
};

#define INSPECT_HINT_BONUS 5 /* nDPI agreeing with a probe: enough to break near-ties only */

inspector *inspector_new(const inspect_limits *limits)
{
    inspector *in = calloc(1, sizeof *in);
    if (in == NULL)
        return NULL;
    (void)verdict_random_entropy(1); /* its table is built now, at start-up, not on the first payload */
    in->limits = (inspect_limits){.max_layers = 3, .inflate_limit = 256u * 1024u, .arena_bytes = 1u << 20};
    if (limits != NULL) {
        if (limits->max_layers > 0)
            in->limits.max_layers = limits->max_layers;
        if (limits->inflate_limit > 0)
            in->limits.inflate_limit = limits->inflate_limit;
        if (limits->arena_bytes > 0)
            in->limits.arena_bytes = limits->arena_bytes;
    }
    in->arena = malloc(in->limits.arena_bytes);
    if (in->arena == NULL) {
        free(in);
        return NULL;
    }
    return in;
}

void inspector_free(inspector *in)
{
    if (in == NULL)
        return;
    free(in->arena);
    free(in);
}

uint8_t *inspect_alloc(inspect_ctx *cx, size_t n)
{
    size_t align = (16 - (cx->used & 15)) & 15;
    if (n > cx->in->limits.arena_bytes - cx->used || align > cx->in->limits.arena_bytes - cx->used - n) {
        cx->doc->truncated = true;
        return NULL;
    }
    uint8_t *p = cx->in->arena + cx->used + align;
    cx->used += align + n;
    return p;
}

uint8_t *inspect_alloc_upto(inspect_ctx *cx, size_t want, size_t *got)
{
    size_t align = (16 - (cx->used & 15)) & 15;
    size_t left = cx->in->limits.arena_bytes - cx->used;
    *got = 0;
    if (left <= align) {
        cx->doc->truncated = true;
        return NULL;
    }
    *got = want < left - align ? want : left - align;
    return *got == 0 ? NULL : inspect_alloc(cx, *got);
}

void inspect_trim(inspect_ctx *cx, const uint8_t *block, size_t used)
{
    size_t start = (size_t)(block - cx->in->arena);
    if (block != NULL && start + used <= cx->used)
        cx->used = start + used;
}

inspect_unit *inspect_emit(inspect_ctx *cx, inspect_unit_kind kind, const char *proto, const char *field,
                           const uint8_t *data, size_t len, uint8_t layers, uint16_t object_id)
{
    inspect_doc *doc = cx->doc;
    if (doc->n_units >= LW_INSPECT_MAX_UNITS) {
        doc->truncated = true;
        return NULL;
    }
    inspect_unit *u = &doc->units[doc->n_units++];
    memset(u, 0, sizeof *u);
    u->kind = (uint8_t)kind;
    u->layers = layers;
    u->object_id = object_id;
    u->proto = proto;
    if (field != NULL)
        strncpy(u->field, field, sizeof u->field - 1);
    u->data = data;
    u->len = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
    return u;
}

uint16_t inspect_new_object(inspect_ctx *cx)
{
    if (cx->next_object < UINT16_MAX)
        cx->next_object++;
    return cx->next_object;
}

void inspect_set_app_proto(inspect_ctx *cx, const char *app_proto)
{
    if (cx->doc->app_proto == NULL)
        cx->doc->app_proto = app_proto;
}

const inspect_input *inspect_input_of(const inspect_ctx *cx)
{
    return cx->input;
}

bool inspect_enter_layer(inspect_ctx *cx)
{
    if (cx->depth >= cx->in->limits.max_layers)
        return false;
    cx->depth++;
    return true;
}

void inspect_leave_layer(inspect_ctx *cx)
{
    if (cx->depth > 0)
        cx->depth--;
}

void inspect_recognised(inspect_ctx *cx)
{
    cx->recognised = true;
}

bool inspect_full(const inspect_ctx *cx)
{
    return cx->doc->truncated;
}

uint32_t inspect_inflate_limit(const inspect_ctx *cx)
{
    return cx->in->limits.inflate_limit;
}

static size_t inspect_cleartext_length(const uint8_t *data, size_t len);

/* A lenient probe's decoder that found no word in the bytes it claimed, and did not recognise
 * them as its protocol's chatter either. */
static bool inspect_probe_was_fooled(const inspect_ctx *cx, const inspect_decoder *d, const inspect_doc *doc)
{
    if ((d != &inspect_decoder_kafka && d != &inspect_decoder_redis && d != &inspect_decoder_irc) || cx->recognised)
        return false;
    for (uint32_t i = 0; i < doc->n_units; i++)
        for (uint32_t k = 0, letters = 0; k < doc->units[i].len; k++)
            if ((letters = ((doc->units[i].data[k] | 0x20) >= 'a' && (doc->units[i].data[k] | 0x20) <= 'z') || doc->units[i].data[k] >= 0x80 ? letters + 1 : 0) >= 4)
                return false;
    return true;
}

static const inspect_decoder *inspect_choose(const inspect_input *input)
{
    const inspect_decoder *best = NULL;
    int best_score = 0;
    for (size_t i = 0; i < LW_ARRAY_LEN(inspect_decoders); i++) {
        const inspect_decoder *d = inspect_decoders[i];
        int score = d->probe(input);
        if (score > 0 && input->ndpi_proto != NULL && strcasecmp(input->ndpi_proto, d->name) == 0)
            score += INSPECT_HINT_BONUS;
        if (score > best_score) {
            best = d;
            best_score = score;
        }
    }
    return best;
}

/* The wire state implied by the units a protocol decoder emitted (see the head comment). */
static lw_verdict inspect_units_verdict(const inspect_doc *doc)
{
    bool compressed = false;
    for (uint32_t i = 0; i < doc->n_units; i++) {
        uint8_t layers = doc->units[i].layers & (uint8_t)~(LW_LAYER_CHUNKED | LW_LAYER_URLENC | LW_LAYER_QP);
        if (layers == 0)
            return LW_VERDICT_PLAINTEXT;
        compressed |= (layers & LW_LAYER_GZIP) != 0;
    }
    return compressed ? LW_VERDICT_COMPRESSED : LW_VERDICT_ENCODED;
}

void inspect_run(inspector *in, const inspect_input *given, inspect_doc *doc)
{
    inspect_input peer_or_empty = *given; /* no peer yet: empty bytes, never a null pointer to step from */
    if (peer_or_empty.peer == NULL)
        peer_or_empty.peer = (const uint8_t *)"", peer_or_empty.peer_len = 0;
    const inspect_input *input = &peer_or_empty;
    inspect_ctx cx = {.in = in, .input = input, .doc = doc};
    doc->app_proto = NULL;
    doc->n_units = 0;
    doc->truncated = false;
    doc->bytes_inspected = input->len;
    doc->entropy = -1;
    doc->verdict = LW_VERDICT_UNKNOWN;
    if (input->data == NULL || input->len == 0)
        return;
    const inspect_decoder *d = inspect_choose(input);
    bool fooled = false;
    if (d != NULL) {
        d->decode(&cx, input);
        inspect_set_app_proto(&cx, d->name);
        fooled = inspect_probe_was_fooled(&cx, d, doc);
        if (doc->n_units > 0 && !fooled) {
            doc->verdict = inspect_units_verdict(doc);
            return;
        }
    }
    verdict_detail detail;
    uint32_t judged = input->len < INSPECT_VERDICT_BYTES ? input->len : INSPECT_VERDICT_BYTES;
    doc->verdict = verdict_classify(input->data, judged, &detail);
    doc->entropy = detail.entropy;
    if (d != NULL && !fooled)
        return; /* the decoder found nothing to emit: there is nothing (a STARTTLS, a login) */
    inspect_decoder_raw.decode(&cx, input);
    if (doc->verdict == LW_VERDICT_COMPRESSED)
        inspect_extract_compressed(&cx, "raw", input->data, input->len);
    else if (doc->verdict != LW_VERDICT_ENCRYPTED)
        inspect_extract(&cx, "raw", input->data, inspect_cleartext_length(input->data, input->len), 0);
}

/* Up to the first TLS handshake record (content type 22, version 3.x, a plausible length): what
 * comes after a STARTTLS. The whole input when there is none. */
static size_t inspect_cleartext_length(const uint8_t *data, size_t len)
{
    for (const uint8_t *p = data; (p = memchr(p, 0x16, len - (size_t)(p - data))) != NULL; p++) {
        size_t left = len - (size_t)(p - data), record = left >= 5 ? ((size_t)p[3] << 8 | p[4]) : 0;
        if (left < 5)
            break;
        if (p[1] == 3 && p[2] <= 4 && record >= 4 && record <= 16384 + 2048)
            return (size_t)(p - data);
    }
    return len;
}

void inspect_tunnel(inspect_ctx *cx, const uint8_t *data, size_t len, const uint8_t *peer, size_t peer_len)
{
    const inspect_input *outer = cx->input;
    inspect_input inner = *outer;
    inner.data = data;
    inner.len = (uint32_t)len;
    inner.peer = peer;
    inner.peer_len = (uint32_t)peer_len;
    inner.ndpi_proto = NULL;
    if (len == 0 || !inspect_enter_layer(cx))
        return;
    cx->input = &inner;
    uint32_t before = cx->doc->n_units;
    const inspect_decoder *d = inspect_choose(&inner);
    if (d != NULL)
        d->decode(cx, &inner);
    if (cx->doc->n_units == before)
        inspect_extract(cx, "tunnel", data, inspect_cleartext_length(data, len), 0);
    cx->input = outer;
    inspect_leave_layer(cx);
}

/* Decoders whose frames a WebSocket message carries whole: STOMP's and NATS's WebSocket
 * transports send a frame, or a few protocol lines, a message. */
static const inspect_decoder *const inspect_message_decoders[] = {&inspect_decoder_stomp, &inspect_decoder_nats,
                                                                  &inspect_decoder_irc, &inspect_decoder_xmpp};

bool inspect_offer_message(inspect_ctx *cx, const uint8_t *data, size_t len, uint8_t layers)
{
    const inspect_input *outer = cx->input;
    inspect_input inner = *outer;
    inner.data = data;
    inner.len = (uint32_t)len;
    inner.peer = (const uint8_t *)"";
    inner.peer_len = 0;
    inner.gap = false;
    inner.ndpi_proto = NULL;
    const inspect_decoder *best = NULL;
    for (size_t i = 0, best_score = 0; i < LW_ARRAY_LEN(inspect_message_decoders); i++) {
        int score = inspect_message_decoders[i]->probe(&inner);
        if (score > 0 && (size_t)score > best_score)
            best = inspect_message_decoders[i], best_score = (size_t)score;
    }
    if (best == NULL || len == 0 || !inspect_enter_layer(cx))
        return false;
    uint32_t before = cx->doc->n_units;
    bool recognised = cx->recognised;
    cx->recognised = false;
    cx->input = &inner;
    best->decode(cx, &inner);
    cx->input = outer;
    inspect_leave_layer(cx);
    bool claimed = cx->recognised || cx->doc->n_units > before;
    cx->recognised |= recognised;
    for (uint32_t i = before; i < cx->doc->n_units; i++)
        cx->doc->units[i].layers |= layers; /* what was removed to reach the message (a mask, inflating) */
    return claimed;
}

float inspect_entropy(const inspect_doc *doc, const inspect_input *input)
{
    if (doc->entropy >= 0)
        return doc->entropy;
    return verdict_entropy(input->data, input->len < INSPECT_VERDICT_BYTES ? input->len : INSPECT_VERDICT_BYTES);
}
