/* verdict.h — encryption-state verdict of a byte string: plaintext, encoded (base64/hex),
 * compressed (magic or deflate-like) or encrypted (indistinguishable from random), judged
 * against what random data of the same length would score, not a fixed threshold.
 * Pure functions, no state. */
#ifndef LW_VERDICT_H
#define LW_VERDICT_H

#include "../common.h"

typedef struct verdict_detail {
    float entropy;           /* Shannon bits/byte */
    float random_entropy;    /* expected entropy of uniform random data of this length */
    float printable_ratio;   /* bytes in 0x20..0x7e plus \t\r\n */
    float utf8_ratio;        /* bytes that are part of valid multi-byte UTF-8 sequences (counted when
                              * printable and high bytes reach 90 %, where it can decide text; else 0) */
    float popcount;          /* mean set bits per byte */
    float chi_square;        /* chi-square statistic against the uniform distribution */
    const char *magic;       /* "gzip", "zlib", "png" … when a format magic was seen, else NULL */
    const char *alphabet;    /* "base64", "hex" when the bytes fit that alphabet, else NULL */
} verdict_detail;

/* Judge `len` bytes (any length; fewer than 8 bytes is LW_VERDICT_UNKNOWN). detail may be NULL. */
lw_verdict verdict_classify(const uint8_t *buf, size_t len, verdict_detail *detail);

/* Shannon entropy in bits per byte. */
float verdict_entropy(const uint8_t *buf, size_t len);

/* Expected Shannon entropy of `len` uniform random bytes (exact for small n, asymptotic above). */
float verdict_random_entropy(size_t len);

#endif
