/* charset.h — text in a legacy charset, recognised without a declaration: GBK, Big5, CP949,
 * Shift_JIS, EUC-JP, the Windows-125x pages but the western 1252, KOI8, TIS-620. Old IM clients,
 * SMS gateways and game chats put such bytes in binary records with nothing saying which
 * charset they are.
 *
 * Each candidate charset decodes the bytes (iconv); the language identifier judges the result,
 * and a decoding counts only when it is reliably a language written in that charset (Korean
 * for CP949, Greek for CP1253 …): a wrong decoding reads as noise, or as a language the charset
 * does not serve. Pure: no state kept between calls (iconv descriptors are opened per call). */
#ifndef LW_CHARSET_H
#define LW_CHARSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes worth trying: at least CHARSET_MIN_HIGH bytes >= 0x80, not UTF-8 (the caller checks),
 * no control bytes but \t \r \n, at most CHARSET_MAX_BYTES (longer is judged by its start). */
#define CHARSET_MIN_HIGH 8 /* shorter runs of high bytes read as some script too often */
#define CHARSET_MAX_BYTES 1024

/* The decoding of `len` bytes as UTF-8 into out (cap >= 3 * len + 4 bytes) when one candidate
 * charset reads reliably as a language of that charset: true, *out_len and *charset ("gbk",
 * "cp1251" …) set. False when none does. */
bool charset_recognise(const uint8_t *d, size_t len, uint8_t *out, size_t cap, size_t *out_len, const char **charset);

#endif
