/* message.h — does decoded content carry human messages? Every candidate unit of an inspect_doc
 * (protocol-marked message bodies, structured fields, extracted text) is described by explicit
 * features (features.h: text shape, language, context from every layer, conversation) and
 * scored by a fitted logistic model (model.h); a doc carries messages when a candidate's logit
 * reaches the model's threshold. Language identification (langid.h, CLD2) is the costly part:
 * it runs only for candidates that could still reach the threshold, at most
 * MESSAGE_LANGID_CALLS of them an assessment, and once per distinct text.
 *
 * Owns its scratch (one per worker). Never prints, logs or copies message text; only lengths,
 * labels, the language and a SHA-256 leave it. */
#ifndef LW_MESSAGE_H
#define LW_MESSAGE_H

#include "features.h"
#include "inspect.h"
#include "model.h"

#define LW_MESSAGE_MAX_MATCHED 8
#define MESSAGE_LANGID_CALLS 6

typedef struct message_assessment {
    bool is_message;
    float score;                       /* probability of the best candidate, 0..1 */
    lw_verdict verdict;                /* state of the bytes that carried the message on the wire:
                                          plaintext, or encoded/compressed when layers were removed */
    char language[8];                  /* ISO 639-1 of the best candidate's text, "" when unknown */
    uint32_t n_matched;
    char matched[LW_MESSAGE_MAX_MATCHED][40]; /* evidence labels: "irc:privmsg", "json-key:text",
                                                 "natural-language", "lang:de", "party" … (never text) */
    char fields[LW_MESSAGE_MAX_MATCHED][32];  /* names of the fields that held message text */
    uint32_t n_fields;
    uint32_t text_length;              /* bytes of message text found */
    uint32_t text_hash;                /* hash of the best candidate's text, numbers masked (0: no
                                          candidate), for telling a program's repeated datagrams from a
                                          conversation */
    uint8_t sha256[32];                /* SHA-256 of the message text (units concatenated) */
    uint16_t text_units[32];           /* indices into doc->units that held message text */
    uint32_t n_text_units;             /* (used to seal or, in lab mode, show evidence) */
} message_assessment;

typedef struct message_assessor message_assessor;

/* Called for every candidate unit with its features and logit (model fitting, tools). With a
 * sink set, every candidate's language is identified (no budget): features are complete. */
typedef void (*message_feature_sink)(void *user, const inspect_doc *doc, uint32_t unit, const float *x, float logit);

message_assessor *message_assessor_new(void);
void message_assessor_free(message_assessor *a);
void message_assessor_set_sink(message_assessor *a, message_feature_sink sink, void *user);

/* Assess `doc` with `model`; ctx may be NULL (no flow context). Deterministic. */
void message_assess(message_assessor *a, const message_model *model, const inspect_doc *doc,
                    const message_context *ctx, message_assessment *out);

#endif
