/* message.c — the message decision (see message.h).
 *
 * One assessment: features_prepare() finds the candidate units and their text statistics;
 * each candidate's features are computed without its language, and the range its logit could
 * take once its language is known (message_model_language_range); candidates whose best case
 * reaches the threshold are sent, most promising first, to language identification (at most
 * MESSAGE_LANGID_CALLS distinct texts); then every identified candidate is scored with its
 * language, every other one at its worst case. The
 * units at or above the threshold are the message text: their labels, fields, lengths and
 * SHA-256 go into the assessment. A doc whose best candidate falls short carries no message,
 * nor does a doc whose sender declares itself a program (features_prepare's doc_program).
 *
 * The wire verdict of message text: base64/hex layers → encoded, WebSocket masking → encoded
 * (not readable on the wire, yet anyone can unmask it: not encrypted), gzip → compressed;
 * chunking, quoted-printable and percent-encoding leave the text readable → plaintext.
 *
 * Owns its scratch (feature_unit per unit, candidate order); never keeps text. */
#include "message.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MESSAGE_LABEL_MIN 0.5f /* a feature's contribution to the logit that earns it a label */

struct message_assessor {
    feature_unit units[LW_INSPECT_MAX_UNITS];
    float x[LW_INSPECT_MAX_UNITS][FEATURE_COUNT]; /* each candidate's features, language aside */
    float least[LW_INSPECT_MAX_UNITS], most[LW_INSPECT_MAX_UNITS]; /* its logit's range over languages */
    uint32_t order[LW_INSPECT_MAX_UNITS];
    feature_key_cache keys;
    message_feature_sink sink;
    void *sink_user;
};

message_assessor *message_assessor_new(void)
{
    return calloc(1, sizeof(message_assessor));
}

void message_assessor_free(message_assessor *a)
{
    free(a);
}

void message_assessor_set_sink(message_assessor *a, message_feature_sink sink, void *user)
{
    a->sink = sink;
    a->sink_user = user;
}

/* ---- language identification where it can matter --------------------------------------------- */

/* Higher logit first; the unit index breaks ties (deterministic). */
static int message_by_logit(const void *pa, const void *pb, void *logits)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    float la = ((const float *)logits)[a], lb = ((const float *)logits)[b];
    if (la != lb)
        return la > lb ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* Identify the language of one candidate, reusing the result of an identical earlier text. */
static bool message_identify(message_assessor *a, const inspect_doc *doc, uint32_t i)
{
    feature_unit *f = &a->units[i];
    for (uint32_t j = 0; j < doc->n_units; j++)
        if (j != i && a->units[j].lang_done && a->units[j].hash == f->hash && doc->units[j].len == doc->units[i].len) {
            f->lang = a->units[j].lang;
            f->lang_done = true;
            return false;
        }
    langid_detect(doc->units[i].data, doc->units[i].len, &f->lang);
    f->lang_done = true;
    return true;
}

/* Score without language (the range of a->least, a->most), then identify the languages of the
 * candidates that could reach the threshold with it (all of them when a sink wants complete
 * features). */
static void message_identify_promising(message_assessor *a, const message_model *model, const inspect_doc *doc,
                                       const message_context *ctx)
{
    uint32_t n = 0, calls = 0;
    for (uint32_t i = 0; i < doc->n_units; i++) {
        if (!a->units[i].candidate)
            continue;
        features_compute(doc, a->units, i, ctx, a->x[i]); /* no language identified yet */
        message_model_language_range(model, a->x[i], &a->least[i], &a->most[i]);
        if (a->sink != NULL || a->most[i] >= model->threshold)
            a->order[n++] = i;
    }
    qsort_r(a->order, n, sizeof a->order[0], message_by_logit, a->most);
    for (uint32_t k = 0; k < n && (a->sink != NULL || calls < MESSAGE_LANGID_CALLS); k++)
        calls += message_identify(a, doc, a->order[k]);
}

/* ---- the assessment ------------------------------------------------------------------------------ */

static void message_add_label(message_assessment *out, const char *label)
{
    for (uint32_t i = 0; i < out->n_matched; i++)
        if (strcmp(out->matched[i], label) == 0)
            return;
    if (out->n_matched < LW_MESSAGE_MAX_MATCHED)
        lw_strlcpy(out->matched[out->n_matched++], label, sizeof out->matched[0]);
}

static void message_add_field(message_assessment *out, const char *field)
{
    for (uint32_t i = 0; i < out->n_fields; i++)
        if (strcmp(out->fields[i], field) == 0)
            return;
    if (field[0] && out->n_fields < LW_MESSAGE_MAX_MATCHED)
        lw_strlcpy(out->fields[out->n_fields++], field, sizeof out->fields[0]);
}

static bool message_is_mail_proto(const char *proto)
{
    return proto && (strcmp(proto, "smtp") == 0 || strcmp(proto, "pop3") == 0 || strcmp(proto, "imap") == 0 ||
                     strcmp(proto, "nntp") == 0 || strcmp(proto, "mail") == 0);
}

/* What the unit is, as a label: "irc:privmsg", "mail:body", "json-key:text", "text:utf16le" … */
static void message_unit_label(const inspect_unit *u, char *label, size_t len)
{
    const char *proto = u->proto ? u->proto : "?";
    if (u->kind == LW_UNIT_MESSAGE)
        snprintf(label, len, "%s:%s", message_is_mail_proto(proto) ? "mail" : proto, u->field[0] ? u->field : "message");
    else if (u->kind == LW_UNIT_FIELD && u->framing == LW_FRAMING_STRUCTURED)
        snprintf(label, len, "json-key:%s", u->field);
    else if (u->kind == LW_UNIT_FIELD)
        snprintf(label, len, "record-field:%s", u->field);
    else if (u->kind == LW_UNIT_TEXT)
        snprintf(label, len, "text:%s", u->field[0] ? u->field : "line");
    else
        snprintf(label, len, "%s:body", proto);
}

/* What feature k adds to the logit of x: the logit less the logit without it. */
static float message_contribution(const message_model *model, const float x[FEATURE_COUNT], float z, int k)
{
    float without[FEATURE_COUNT];
    memcpy(without, x, sizeof without);
    without[k] = 0;
    return z - message_model_logit(model, without);
}

/* The evidence of the best candidate: what it is, its language, and every feature that pushed
 * it towards "message" by at least MESSAGE_LABEL_MIN, strongest first. */
static void message_explain(message_assessment *out, const message_model *model, const inspect_unit *u,
                            const feature_unit *f, const float x[FEATURE_COUNT])
{
    char label[40];
    message_unit_label(u, label, sizeof label);
    message_add_label(out, label);
    if (f->lang_done && f->lang.reliable) {
        snprintf(label, sizeof label, "lang:%s", f->lang.code);
        message_add_label(out, label);
    }
    float z = message_model_logit(model, x), gain[FEATURE_COUNT];
    for (int k = 0; k < FEATURE_COUNT; k++)
        gain[k] = feature_labels[k] != NULL && x[k] != 0 ? message_contribution(model, x, z, k) : 0;
    for (;;) {
        int best = -1;
        for (int k = 0; k < FEATURE_COUNT; k++)
            if (gain[k] >= MESSAGE_LABEL_MIN && (best < 0 || gain[k] > gain[best]))
                best = k;
        if (best < 0)
            return;
        gain[best] = 0;
        message_add_label(out, feature_labels[best]);
    }
}

static lw_verdict message_layers_verdict(uint8_t layers)
{
    if (layers & LW_LAYER_GZIP)
        return LW_VERDICT_COMPRESSED;
    if (layers & (LW_LAYER_BASE64 | LW_LAYER_HEX | LW_LAYER_WS_MASK))
        return LW_VERDICT_ENCODED;
    return LW_VERDICT_PLAINTEXT;
}

static void message_take_unit(message_assessment *out, const inspect_unit *u, uint32_t index,
                              crypto_hash_sha256_state *hash)
{
    crypto_hash_sha256_update(hash, u->data, u->len);
    out->text_length += u->len;
    if (out->n_text_units < LW_ARRAY_LEN(out->text_units))
        out->text_units[out->n_text_units++] = (uint16_t)index;
    lw_verdict v = message_layers_verdict(u->layers);
    if (v > out->verdict)
        out->verdict = v;
    message_add_field(out, u->field);
}

void message_assess(message_assessor *a, const message_model *model, const inspect_doc *doc,
                    const message_context *ctx, message_assessment *out)
{
    memset(out, 0, sizeof *out);
    if (doc == NULL || model == NULL || features_prepare(doc, a->units, &a->keys) == 0)
        return;
    message_identify_promising(a, model, doc, ctx);
    crypto_hash_sha256_state hash;
    crypto_hash_sha256_init(&hash);
    float best = -INFINITY;
    uint32_t best_unit = 0;
    for (uint32_t i = 0; i < doc->n_units; i++) {
        if (!a->units[i].candidate)
            continue;
        float z = a->least[i]; /* not identified: the worst case */
        if (a->units[i].lang_done) {
            features_language(doc, a->units, i, a->x[i]);
            z = message_model_logit(model, a->x[i]);
        }
        if (a->sink != NULL)
            a->sink(a->sink_user, doc, i, a->x[i], z);
        if (z > best) {
            best = z;
            best_unit = i;
        }
        if (z >= model->threshold && !a->units[i].doc_program) /* a declared program writes no person's message */
            message_take_unit(out, &doc->units[i], i, &hash);
    }
    out->score = 1.0f / (1.0f + expf(-best));
    out->text_hash = best > -INFINITY ? a->units[best_unit].shape_hash | 1u : 0;
    out->is_message = out->n_text_units > 0;
    if (!out->is_message) {
        out->n_fields = 0;
        out->verdict = LW_VERDICT_UNKNOWN;
        return;
    }
    crypto_hash_sha256_final(&hash, out->sha256);
    const feature_unit *f = &a->units[best_unit];
    if (f->lang_done && f->lang.code[0])
        lw_strlcpy(out->language, f->lang.code, sizeof out->language);
    message_explain(out, model, &doc->units[best_unit], f, a->x[best_unit]);
}
