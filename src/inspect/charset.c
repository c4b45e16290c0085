/* charset.c — legacy charset text recognised by decoding and language identification (see
 * charset.h). Owns nothing. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "langid.h"
#include "text.h"

/* Candidates and the languages each is written for (ISO 639-1, as langid reports them). */
static const struct {
    const char *iconv_name, *name, *languages;
} charset_candidates[] = {
    {"GBK", "gbk", " zh "},
    {"BIG5", "big5", " zh "},
    {"CP949", "cp949", " ko "},
    {"SHIFT_JIS", "shift_jis", " ja "},
    {"EUC-JP", "euc-jp", " ja "},
    {"CP1251", "cp1251", " ru uk bg sr mk be kk ky tg mn "},
    {"KOI8-R", "koi8-r", " ru bg "},
    {"KOI8-U", "koi8-u", " uk "},
    {"CP1253", "cp1253", " el "},
    {"CP874", "cp874", " th "},
    {"CP1255", "cp1255", " he yi "},
    {"CP1256", "cp1256", " ar fa ur ps ku "},
    {"CP1250", "cp1250", " pl cs sk hu ro hr sl bs sr sq "},
    {"CP1254", "cp1254", " tr az "},
    {"CP1257", "cp1257", " lt lv et "},
    {"CP1258", "cp1258", " vi "},
    {"CP1252", "cp1252", " en fr de es it pt nl sv da no nb fi is ca ga eu gl af sw id ms tl "},
};

#define CHARSET_MAX_ERRORS 1 /* bytes a decoding may skip: a record boundary caught at an end */

/* Decode strictly but for CHARSET_MAX_ERRORS skipped bytes; the length written, or 0. */
static size_t charset_decode(const char *from, const uint8_t *d, size_t len, uint8_t *out, size_t cap)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return 0;
    char *src = (char *)(uintptr_t)d, *dst = (char *)out;
    size_t src_left = len, dst_left = cap, errors = 0;
    while (src_left && iconv(cd, &src, &src_left, &dst, &dst_left) == (size_t)-1) {
        if ((errno != EILSEQ && errno != EINVAL) || ++errors > CHARSET_MAX_ERRORS)
            break;
        src++, src_left--;
    }
    iconv_close(cd);
    return src_left == 0 ? cap - dst_left : 0;
}

static bool charset_serves(const char *languages, const char *code)
{
    char key[12];
    size_t n = strlen(code);
    if (n == 0 || n + 2 >= sizeof key)
        return false;
    key[0] = ' ';
    memcpy(key + 1, code, n);
    key[n + 1] = ' ';
    key[n + 2] = '\0';
    return strstr(languages, key) != NULL;
}

/* Worth a language identification: mostly letters, words of a plausible length, almost no
 * ASCII symbol soup. Random bytes decoded in a dense charset (GBK takes most byte pairs) read as
 * letters too, but then come without spaces or punctuation; those are left to langid. */
static bool charset_reads_as_text(const uint8_t *u, size_t n)
{
    size_t chars = 0, letters = 0, junk = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t step = text_utf8_next(u + i, n - i, &cp);
        if (step == 0)
            return false;
        chars++;
        letters += text_is_letter(cp);
        junk += (cp < 0x80 && !text_is_letter(cp) && !text_is_space(cp) && !(cp >= '0' && cp <= '9') &&
                 !strchr(".,!?'\"-:;()", (int)cp)) || !text_is_text_char(cp);
        i += step;
    }
    return chars > 0 && letters * 10 >= chars * 6 && junk * 20 <= chars;
}

bool charset_recognise(const uint8_t *d, size_t len, uint8_t *out, size_t cap, size_t *out_len, const char **charset)
{
    if (len > CHARSET_MAX_BYTES)
        len = CHARSET_MAX_BYTES;
    if (cap < 3 * len + 4)
        return false;
    float best = 0;
    int chosen = -1;
    for (size_t i = 0; i < sizeof charset_candidates / sizeof charset_candidates[0]; i++) {
        size_t n = charset_decode(charset_candidates[i].iconv_name, d, len, out, cap);
        langid_result lang;
        if (n == 0 || !charset_reads_as_text(out, n))
            continue;
        langid_detect(out, n, &lang);
        float quality = (float)lang.percent * lang.score;
        if (lang.reliable && charset_serves(charset_candidates[i].languages, lang.code) && quality > best)
            best = quality, chosen = (int)i;
    }
    if (chosen < 0)
        return false;
    *out_len = charset_decode(charset_candidates[chosen].iconv_name, d, len, out, cap);
    *charset = charset_candidates[chosen].name;
    return *out_len > 0;
}
