/* text.h — characters and the shape of a piece of text, for the extractor and the message
 * features: UTF-8 decoding, character classes in every script, and one pass of statistics
 * over a text (letters, digits, code symbols, case, word and token shapes, machine tokens such
 * as URLs, hex, identifiers and timestamps, sentence punctuation, lines and paragraphs,
 * template placeholders, markup). Language-independent; the language itself is langid.h's.
 * Pure functions, no state. */
#ifndef LW_TEXT_H
#define LW_TEXT_H

#include "../common.h"

/* Length (1..4) of the valid UTF-8 sequence at p, its code point in *cp; 0 when invalid or cut. */
size_t text_utf8_next(const uint8_t *p, size_t avail, uint32_t *cp);

/* One UTF-16 code unit (surrogate pairs joined) at p: its length (2 or 4), 0 when invalid or
 * cut; *cp gets the code point. */
size_t text_utf16_next(const uint8_t *p, size_t avail, bool big_endian, uint32_t *cp);

/* Write code point cp as UTF-8 (1..4 bytes) at out; returns the length. */
size_t text_put_utf8(uint8_t *out, uint32_t cp);

bool text_is_letter(uint32_t cp);       /* a letter of any script (CJK, kana, Hangul included) */
bool text_is_unspaced(uint32_t cp);     /* scripts written without spaces: CJK, kana, Thai, Lao, Khmer … */
bool text_is_emoji(uint32_t cp);
bool text_is_space(uint32_t cp);
/* A character that may stand in human text (not a control, private use or a replacement). */
bool text_is_text_char(uint32_t cp);

/* The letters in `len` bytes that are valid UTF-8 of text characters only; -1 when they are not. */
long text_clean_letters(const uint8_t *d, size_t len);

typedef struct text_stats {
    uint32_t chars;          /* code points (invalid bytes count one each) */
    uint32_t invalid;        /* invalid UTF-8 bytes and control characters */
    uint32_t letters, unspaced, digits, symbols, upper, lower, emoji;
    uint32_t tokens;         /* whitespace-separated */
    uint32_t words;          /* tokens that are mostly letters, plus unspaced letters / 2 */
    uint32_t machine_tokens; /* URLs, hex, base64, identifiers, paths, key=value, numbers with separators */
    uint32_t urls;
    uint32_t capitalised;    /* words starting with an upper-case letter */
    uint32_t cased_words;    /* words starting with a cased letter */
    uint32_t lines;          /* non-empty lines */
    uint32_t paragraphs;     /* blocks of lines separated by blank lines (or HTML blocks, if more) */
    bool sentence_end;       /* ends in . ! ? … 。 ！ ？ ؟ or an emoji */
    bool question_or_exclaim;
    bool placeholder;        /* {name} {{name}} {0} %s %d ${x} */
    bool markup;             /* <tag …>, &entity;, or markdown (# heading, ``` fence, [link](url)) */
    bool heading;            /* a markdown heading line or an HTML <h1>…<h6>: a document's structure */
    bool starts_lower;       /* the first letter is lower-case (chat rarely capitalises) */
    bool ends_label;         /* ends in ':' or an ellipsis: a form label or an input's placeholder */
    bool informal;           /* emoticons :) ;-) :D xD <3 ^^, a letter or ! ? three times in a row */
    uint32_t sentences;      /* sentence ends (. ! ? … and their CJK/Arabic forms) before the end */
} text_stats;

/* Statistics of `len` bytes (only the first TEXT_SCAN_MAX are looked at). */
#define TEXT_SCAN_MAX 4096
void text_scan(const uint8_t *text, size_t len, text_stats *s);

#endif
