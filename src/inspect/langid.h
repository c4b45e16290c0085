/* langid.h — language identification of a piece of text, by CLD2 (the Compact Language
 * Detector 2 that Chrome used: ~80 languages in every script, n-gram tables built in).
 * The C interface of the one C++ file of the project (langid.cc, a thin shim).
 *
 * Pure: no state, reentrant (CLD2 keeps no mutable globals), safe from several workers.
 * Costs about 20 µs a call plus ~80 ns a byte: call it on bounded candidate text only. */
#ifndef LW_LANGID_H
#define LW_LANGID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Text longer than this is identified by its first LANGID_MAX_BYTES bytes (cut at a
 * character boundary by the caller or not: CLD2 checks UTF-8 validity itself). */
#define LANGID_MAX_BYTES 1024

typedef struct langid_result {
    char code[8];        /* ISO 639-1 code ("en", "ar", "zh"); "" when unknown */
    bool reliable;       /* CLD2's own "clearly this language" */
    uint8_t percent;     /* share of the letters in that language, 0..100 */
    uint8_t languages;   /* languages CLD2 found in the text (0..3) */
    float score;         /* CLD2's score relative to normal text of that language (1 = typical) */
    uint32_t letter_bytes; /* bytes CLD2 counted as letters (markup, digits, punctuation skipped) */
} langid_result;

/* Identify `len` bytes of UTF-8 (invalid UTF-8 counts as unknown). Always fills *out. */
void langid_detect(const uint8_t *text, size_t len, langid_result *out);

#endif
