/* message.h — does decoded content carry human messages? Scores the units of an
 * inspect_doc: language-agnostic text shape (letters vs symbols, word shapes, scripts incl.
 * CJK and emoji) combined with message-shaped structure (free-text field next to
 * sender/recipient/time-like fields, chat verbs, mail headers). Tells chat and mail apart from
 * web pages, telemetry, logs, code and blobs. Pure: owns no state beyond its arguments. */
#ifndef LW_MESSAGE_H
#define LW_MESSAGE_H

#include "inspect.h"

#define LW_MESSAGE_MAX_MATCHED 8

typedef struct message_assessment {
    bool is_message;
    float score;                       /* 0..1 */
    lw_verdict verdict;                /* state of the bytes that carried the message on the wire:
                                          plaintext, or encoded/compressed when layers were removed */
    uint32_t n_matched;
    char matched[LW_MESSAGE_MAX_MATCHED][40]; /* evidence labels: "irc:privmsg", "json-key:text",
                                                 "natural-language", "mail:body" … (never text) */
    char fields[LW_MESSAGE_MAX_MATCHED][32];  /* names of the fields that held message text */
    uint32_t n_fields;
    uint32_t text_length;              /* bytes of message text found */
    uint8_t sha256[32];                /* SHA-256 of the message text (units concatenated) */
    uint16_t text_units[32];           /* indices into doc->units that held message text */
    uint32_t n_text_units;             /* (used to seal or, in lab mode, show evidence) */
} message_assessment;

/* Assess `doc`. Deterministic. */
void message_assess(const inspect_doc *doc, message_assessment *out);

/* Text-only score of a byte string as human writing (0..1), exposed for tests and signatures. */
float message_text_score(const uint8_t *text, size_t len);

#endif
