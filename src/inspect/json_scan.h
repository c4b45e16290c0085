/* json_scan.h — an allocation-free JSON tokenizer for the inspect stage. It walks a buffer
 * token by token, checks the grammar (keys, colons, commas, nesting up to JSON_SCAN_MAX_DEPTH),
 * accepts several top-level values in a row (JSON lines, concatenated documents) and treats an
 * input cut in the middle as a clean end: captures stop at a byte budget. Strings come out as
 * raw spans; json_unescape() turns one into UTF-8. */
#ifndef LW_JSON_SCAN_H
#define LW_JSON_SCAN_H

#include "../common.h"

#define JSON_SCAN_MAX_DEPTH 64

typedef enum json_token_type {
    JSON_TOK_END = 0,  /* input exhausted (possibly cut in the middle of a value) */
    JSON_TOK_ERROR,    /* not JSON from here on */
    JSON_TOK_OBJECT_BEGIN,
    JSON_TOK_OBJECT_END,
    JSON_TOK_ARRAY_BEGIN,
    JSON_TOK_ARRAY_END,
    JSON_TOK_KEY,      /* an object member name (raw span) */
    JSON_TOK_STRING,   /* a string value (raw span, escapes still in) */
    JSON_TOK_SCALAR,   /* number, true, false or null */
} json_token_type;

typedef struct json_token {
    json_token_type type;
    const uint8_t *raw; /* string content between the quotes, or the scalar text */
    size_t raw_len;
    bool cut;           /* a string that the end of input cut short */
} json_token;

typedef struct json_scan {
    const uint8_t *data;
    size_t len, pos;
    uint32_t depth;
    uint8_t in_object[JSON_SCAN_MAX_DEPTH]; /* per level: 1 object, 0 array */
    uint8_t expect;                         /* internal grammar state */
} json_scan;

void json_scan_init(json_scan *js, const uint8_t *data, size_t len);
json_token_type json_scan_next(json_scan *js, json_token *tok);

/* Decode a raw string span into out (cap >= raw_len always suffices): \uXXXX including
 * surrogate pairs become UTF-8, lone surrogates U+FFFD. Returns the decoded length. */
size_t json_unescape(const uint8_t *raw, size_t raw_len, uint8_t *out, size_t cap);

/* True when `data` starts (after whitespace) like a JSON object or array and its first
 * JSON_SNIFF_TOKENS tokens (or all of it, when shorter) scan without a grammar error: a sniff,
 * not a validation — the parse that follows tolerates a bad or truncated rest anyway. */
bool json_scan_looks_like_json(const uint8_t *data, size_t len);

#endif
