/* features.h — the explicit evidence the message model weighs, one number a feature, for one
 * candidate unit of an inspect_doc: the shape of its text, its language (langid.h), its context
 * from every layer (what the protocol calls it, its key, its siblings, the request's path and
 * verb, who is named) and the conversation around it (records, both ends, human or machine
 * timing, varying or repeated text). Every value lies in [0, 1]. The model file names every
 * feature (model.h); a feature added here needs a refit (tools/fit-message-model.py).
 * Pure: no state; reads the doc and the flow context it is given. */
#ifndef LW_FEATURES_H
#define LW_FEATURES_H

#include "inspect.h"
#include "langid.h"
#include "text.h"

/* X(ENUM, "name", "evidence label or NULL"): labels name the evidence an alert reports when the
 * feature pushed the decision towards "message". */
#define MESSAGE_FEATURES(X)                                                        \
    X(TEXT_CHARS, "text_chars", NULL)                                              \
    X(TEXT_WORDS, "text_words", NULL)                                              \
    X(TEXT_ONE_WORD, "text_one_word", NULL)                                        \
    X(TEXT_LETTERS, "text_letters", NULL)                                          \
    X(TEXT_DIGITS, "text_digits", NULL)                                            \
    X(TEXT_SYMBOLS, "text_symbols", NULL)                                          \
    X(TEXT_UPPER, "text_upper", NULL)                                              \
    X(TEXT_MACHINE, "text_machine_tokens", NULL)                                   \
    X(TEXT_TITLE_CASE, "text_title_case", NULL)                                    \
    X(TEXT_SENTENCE_END, "text_sentence_end", NULL)                                \
    X(TEXT_QUESTION, "text_question_or_exclaim", NULL)                             \
    X(TEXT_EMOJI, "text_emoji", "emoji")                                           \
    X(TEXT_LINES, "text_lines", NULL)                                              \
    X(TEXT_PARAGRAPHS, "text_paragraphs", NULL)                                    \
    X(TEXT_PLACEHOLDER, "text_placeholder", NULL)                                  \
    X(TEXT_URL, "text_url", NULL)                                                  \
    X(TEXT_MARKUP, "text_markup", NULL)                                            \
    X(TEXT_HEADING, "text_heading", NULL)                                          \
    X(TEXT_INVALID, "text_invalid", NULL)                                          \
    X(TEXT_CODE, "text_code_lines", NULL)                                          \
    X(TEXT_STARTS_LOWER, "text_starts_lower", NULL)                                \
    X(TEXT_ENDS_LABEL, "text_ends_label", NULL)                                    \
    X(TEXT_INFORMAL, "text_informal", "informal-writing")                          \
    X(TEXT_SENTENCES, "text_sentences", NULL)                                      \
    X(TEXT_CONVERSATIONAL, "text_conversational", "addresses-someone")             \
    X(TEXT_TAG_PREFIX, "text_tag_prefix", NULL)                                    \
    X(LANG_KNOWN, "lang_known", "natural-language")                                \
    X(LANG_RELIABLE, "lang_reliable", "natural-language")                          \
    X(LANG_SHARE, "lang_share", NULL)                                              \
    X(LANG_SCORE, "lang_score", NULL)                                              \
    X(LANG_MIXED, "lang_mixed", NULL)                                              \
    X(LANG_NONE_IN_BINARY, "lang_none_in_binary", NULL)                            \
    X(LANG_RELIABLE_EXTRACTED, "lang_reliable_extracted", "natural-language")      \
    X(CTX_PROTOCOL_MESSAGE, "ctx_protocol_message", "protocol-message")            \
    X(CTX_MAIL, "ctx_mail", "mail")                                                \
    X(CTX_FIELD, "ctx_field", NULL)                                                \
    X(CTX_KEY_UNNAMED, "ctx_key_unnamed", NULL)                                    \
    X(CTX_EXTRACTED, "ctx_extracted", NULL)                                        \
    X(CTX_BODY, "ctx_body", NULL)                                                  \
    X(CTX_DOCUMENT_BODY, "ctx_document_body", NULL)                                \
    X(CTX_PARAGRAPHS_OUTSIDE_MAIL, "ctx_paragraphs_outside_mail", NULL)            \
    X(CTX_KEY_MESSAGE, "ctx_key_message", "key-semantics")                         \
    X(CTX_KEY_METADATA, "ctx_key_metadata", NULL)                                  \
    X(CTX_KEY_ERROR, "ctx_key_error", NULL)                                        \
    X(CTX_KEY_PARTY, "ctx_key_party", NULL)                                        \
    X(CTX_SIBLING_PARTY, "ctx_sibling_party", "party")                             \
    X(CTX_SIBLING_TIME, "ctx_sibling_time", "time")                                \
    X(CTX_SIBLING_URL, "ctx_sibling_url", NULL)                                    \
    X(CTX_SIBLING_LOG_LEVEL, "ctx_sibling_log_level", NULL)                        \
    X(CTX_SIBLING_ERROR, "ctx_sibling_error", NULL)                                \
    X(CTX_SIBLING_ANALYTICS, "ctx_sibling_analytics", NULL)                        \
    X(CTX_SIBLING_MESSAGE_WORD, "ctx_sibling_message_word", "type-semantics")      \
    X(CTX_SIBLING_PUBLISHING, "ctx_sibling_publishing", NULL)                      \
    X(CTX_OBJECT_TEXT_KEYS, "ctx_object_text_keys", NULL)                          \
    X(CTX_AUTOMATED_SENDER, "ctx_automated_sender", NULL)                          \
    X(CTX_OBJECT_LANGUAGES, "ctx_object_languages", NULL)                          \
    X(CTX_PATH_MESSAGE, "ctx_path_message", "path-semantics")                      \
    X(CTX_PATH_PARTY, "ctx_path_party", "party-in-request")                        \
    X(CTX_WRITE_REQUEST, "ctx_write_request", NULL)                                \
    X(CTX_HTTP_RESPONSE, "ctx_http_response", NULL)                                \
    X(CTX_BINARY_FRAMING, "ctx_binary_framing", "binary-framing")                  \
    X(CTX_LINE_FRAMING, "ctx_line_framing", "line-protocol")                       \
    X(CTX_DATAGRAM, "ctx_datagram", "datagram")                                    \
    X(CTX_DATAGRAM_TEXT, "ctx_datagram_text", "datagram")                          \
    X(CONV_RECORDS, "conv_records", "conversation")                                \
    X(CONV_BOTH_SIDES, "conv_both_sides", "both-ends")                             \
    X(CONV_HUMAN_GAPS, "conv_human_gaps", "human-timing")                          \
    X(CONV_FAST_REPLIES, "conv_fast_replies", NULL)                                \
    X(CONV_VARYING, "conv_varying_text", "varying-text")                           \
    X(CONV_REPEATS, "conv_repeated_text", NULL)                                    \
    X(CONV_LINES_PER_RECORD, "conv_lines_per_record", NULL)

#define FEATURE_ENUM(e, name, label) FEATURE_##e,
enum { MESSAGE_FEATURES(FEATURE_ENUM) FEATURE_COUNT };
#undef FEATURE_ENUM

extern const char *const feature_names[FEATURE_COUNT];
extern const char *const feature_labels[FEATURE_COUNT];

/* What the engine knows of the flow beyond the bytes of this inspection. */
typedef struct message_context {
    bool datagram;              /* the doc is one UDP datagram */
    uint16_t records;           /* payload records (bursts) this direction sent so far */
    uint16_t peer_records;      /* … and the other direction */
    uint16_t human_gaps;        /* records that came a second or more after the flow's previous one */
    uint16_t fast_replies;      /* records that answered the peer within 50 ms */
    uint16_t prior_texts;       /* distinct candidate texts earlier datagrams of this direction carried */
    uint16_t prior_repeats;     /* … and how many of their texts repeated an earlier one */
} message_context;

/* Per-unit facts computed once per doc and shared by the features of all candidates. */
typedef struct feature_unit {
    text_stats text;
    langid_result lang;
    uint32_t hash;             /* of the text (identical texts share a language) */
    uint32_t shape_hash;       /* of the text with every run of digits as one '#': a program's template
                                  ("processed batch # in # ms") repeats, a person's words do not */
    int32_t request;           /* index of the HTTP ":path"/":status" unit governing this one, -1 none */
    uint16_t key_distinct;     /* free texts under this unit's kind and key in the doc: distinct ones */
    uint16_t key_repeats;      /* … and repetitions of an earlier one */
    uint16_t doc_lines;        /* lines of text the extractor found in the whole doc (same for every unit) */
    bool doc_automated;        /* the doc says a program sent it (same for every unit) */
    bool doc_program;          /* … in so many words: no person's message in it (see features_prepare) */
    uint16_t key_facts;        /* FEATURE_KEY_* of the unit's key (computed once, read by siblings) */
    uint16_t value_facts;      /* FEATURE_VALUE_* of its value */
    bool candidate;            /* worth scoring: enough letters, not a header or pseudo-header */
    bool free_text;            /* two words or more */
    bool party_header;         /* (":path" units) the request's headers name a party */
    bool lang_done;
} feature_unit;

/* What a unit's key says and what its value looks like, once per unit: its siblings read them. */
enum {
    FEATURE_KEY_MESSAGE = 1 << 0, FEATURE_KEY_METADATA = 1 << 1, FEATURE_KEY_ERROR = 1 << 2,
    FEATURE_KEY_PARTY = 1 << 3, FEATURE_KEY_MACHINE_ID = 1 << 4, FEATURE_KEY_ANALYTICS = 1 << 5,
    FEATURE_KEY_TYPE = 1 << 6, FEATURE_KEY_STATUS = 1 << 7, FEATURE_KEY_LOG = 1 << 8,
    FEATURE_KEY_PUBLISHING = 1 << 9, FEATURE_KEY_LOCALE = 1 << 10,
};
enum {
    FEATURE_VALUE_PERSON = 1 << 0, FEATURE_VALUE_TIME = 1 << 1, FEATURE_VALUE_URL = 1 << 2,
    FEATURE_VALUE_LOG_LEVEL = 1 << 3, FEATURE_VALUE_MESSAGE_WORD = 1 << 4, FEATURE_VALUE_ERROR_CODE = 1 << 5,
    FEATURE_VALUE_PUBLISH_STATE = 1 << 6, FEATURE_VALUE_LOCALE = 1 << 7,
};

/* What keys say, remembered by name from doc to doc (the same keys come back in every record
 * of an API). A pure memo: zero it once; its contents never change a result. */
#define FEATURE_KEY_CACHE_SLOTS 256
typedef struct feature_key_cache {
    char field[FEATURE_KEY_CACHE_SLOTS][32];
    uint16_t facts[FEATURE_KEY_CACHE_SLOTS];
    bool used[FEATURE_KEY_CACHE_SLOTS];
} feature_key_cache;

/* The candidate units of a doc, with their text statistics and the doc-level aggregates (no
 * language yet). Returns how many are candidates; units[] has doc->n_units entries.
 * Linear in the doc (hash tables for repeats), so features_compute stays cheap. */
uint32_t features_prepare(const inspect_doc *doc, feature_unit *units, feature_key_cache *keys);

/* Features of candidate i. The language features come from units[i].lang (zeros when the
 * language was not identified); ctx may be NULL (no flow context). */
void features_compute(const inspect_doc *doc, const feature_unit *units, uint32_t i, const message_context *ctx,
                      float x[FEATURE_COUNT]);

/* The language features are the ones features_compute fills from units[i].lang; the model is
 * linear, so a candidate's logit without them plus what they add is its full logit. */
bool features_is_language(int feature);
/* True for the features that describe where a text was found, not the text: the framing, the
 * keys and siblings, the conversation (a text unit alone has none of them). */
bool features_is_context(int feature);

/* Only the language features of candidate i (the rest of x untouched): they depend on the
 * identified language, and on the unit's framing (text in binary records that no identifier
 * recognises is most often bytes that happened to look like letters). */
void features_language(const inspect_doc *doc, const feature_unit *units, uint32_t i, float x[FEATURE_COUNT]);

#endif
