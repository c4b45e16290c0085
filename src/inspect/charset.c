/* charset.c — legacy charset text recognised by decoding and language identification (see
 * charset.h). Owns nothing. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "langid.h"
#include "text.h"

/* The script a charset writes: most of the non-ASCII letters of a right decoding are in it. */
typedef enum { SCRIPT_HAN, SCRIPT_HANGUL, SCRIPT_KANA, SCRIPT_CYRILLIC, SCRIPT_GREEK, SCRIPT_THAI, SCRIPT_HEBREW,
               SCRIPT_ARABIC, SCRIPT_LATIN } charset_script;

/* Candidates, the languages each is written for (ISO 639-1, as langid reports them) and their
 * script. Western Latin text is ISO 8859-1, which extract.c reads without guessing. */
static const struct {
    const char *iconv_name, *name, *languages;
    charset_script script;
} charset_candidates[] = {
    {"GBK", "gbk", " zh ", SCRIPT_HAN},
    {"BIG5", "big5", " zh ", SCRIPT_HAN},
    {"CP949", "cp949", " ko ", SCRIPT_HANGUL},
    {"SHIFT_JIS", "shift_jis", " ja ", SCRIPT_KANA},
    {"EUC-JP", "euc-jp", " ja ", SCRIPT_KANA},
    {"CP1251", "cp1251", " ru uk bg sr mk be kk ky tg mn ", SCRIPT_CYRILLIC},
    {"KOI8-R", "koi8-r", " ru bg ", SCRIPT_CYRILLIC},
    {"KOI8-U", "koi8-u", " uk ", SCRIPT_CYRILLIC},
    {"CP1253", "cp1253", " el ", SCRIPT_GREEK},
    {"CP874", "cp874", " th ", SCRIPT_THAI},
    {"CP1255", "cp1255", " he yi ", SCRIPT_HEBREW},
    {"CP1256", "cp1256", " ar fa ur ps ku ", SCRIPT_ARABIC},
    {"CP1250", "cp1250", " pl cs sk hu ro hr sl bs sr sq ", SCRIPT_LATIN},
    {"CP1254", "cp1254", " tr az ", SCRIPT_LATIN},
    {"CP1257", "cp1257", " lt lv et ", SCRIPT_LATIN},
    {"CP1258", "cp1258", " vi ", SCRIPT_LATIN},
};

static bool charset_in_script(uint32_t cp, charset_script script)
{
    switch (script) {
    case SCRIPT_HAN: return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
    case SCRIPT_HANGUL: return cp >= 0xac00 && cp <= 0xd7a3;
    case SCRIPT_KANA: return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff);
    case SCRIPT_CYRILLIC: return cp >= 0x400 && cp <= 0x4ff;
    case SCRIPT_GREEK: return cp >= 0x370 && cp <= 0x3ff;
    case SCRIPT_THAI: return cp >= 0xe00 && cp <= 0xe7f;
    case SCRIPT_HEBREW: return cp >= 0x590 && cp <= 0x5ff;
    case SCRIPT_ARABIC: return (cp >= 0x600 && cp <= 0x6ff) || (cp >= 0xfb50 && cp <= 0xfeff);
    case SCRIPT_LATIN: return (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x1ea0 && cp <= 0x1ef9);
    }
    return false;
}

/* Decode strictly; a byte that fits no sequence may only be an edge of the span (a record's
 * length or type byte glued to the text, a character cut at the end). The length written, or 0. */
static size_t charset_decode(const char *from, const uint8_t *d, size_t len, uint8_t *out, size_t cap)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return 0;
    char *src = (char *)(uintptr_t)d, *dst = (char *)out;
    size_t src_left = len, dst_left = cap;
    while (src_left && iconv(cd, &src, &src_left, &dst, &dst_left) == (size_t)-1) {
        size_t at = len - src_left;
        if (src_left == 0 || (errno != EILSEQ && errno != EINVAL) || (at >= 2 && src_left > 2))
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

/* Worth a language identification: mostly letters, almost no ASCII symbol soup. */
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

/* The most frequent characters of Chinese (simplified and traditional forms) and Korean
 * syllables: a right decoding is full of them, CJK bytes read in the wrong double-byte charset
 * give valid but rare characters (and CLD2 still names a language for those). */
static const char charset_common_han[] =
    "的一是不了人我在有他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着"
    "下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進"
    "好小部其些主样樣理心她本前开開但因只从從想实實吗嗎吧呢啊";
static const char charset_common_hangul[] =
    "이다는의에고하가을를지서한요어나도로기리사자니해대수게아시주있보내것면들정인만일우전그라상적여부제구미오안장"
    "동마생없원개말무소성세네데께죠까잘좀";

static bool charset_is_common(uint32_t cp, const char *list)
{
    uint8_t u[4];
    size_t n = text_put_utf8(u, cp);
    return n > 0 && memmem(list, strlen(list), u, n) != NULL;
}

/* At least 80 % of the non-ASCII letters in the charset's script, and for Chinese and Korean a
 * fifth of them among the commonest; Japanese needs its hiragana (a fifth: particles and
 * endings), which Chinese or Korean bytes read as Shift_JIS or EUC-JP never give. */
static bool charset_script_fits(const uint8_t *u, size_t n, charset_script script)
{
    size_t letters = 0, fitting = 0, typical = 0;
    uint32_t prev = ' ';
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t step = text_utf8_next(u + i, n - i, &cp);
        if (step == 0)
            return false;
        bool thai_mark = cp == 0xe31 || (cp >= 0xe34 && cp <= 0xe3a) || (cp >= 0xe47 && cp <= 0xe4e);
        if (thai_mark && !(prev >= 0xe01 && prev <= 0xe4e))
            return false; /* a Thai vowel or tone mark sits on a consonant: random bytes put them anywhere */
        prev = cp;
        if (cp >= 0x80 && text_is_letter(cp)) {
            letters++;
            fitting += charset_in_script(cp, script);
            typical += script == SCRIPT_KANA     ? cp >= 0x3041 && cp <= 0x309f
                       : script == SCRIPT_HAN    ? charset_is_common(cp, charset_common_han)
                       : script == SCRIPT_HANGUL ? charset_is_common(cp, charset_common_hangul)
                                                 : 1;
        }
        i += step;
    }
    return letters > 0 && fitting * 5 >= letters * 4 && typical * 5 >= letters;
}

/* CLD2 calls any text of a script only one language writes (Greek, Thai) that language, with
 * the same score whatever the words; a score it measured (Cyrillic, Arabic, Han) is evidence. */
static bool charset_score_measured(const langid_result *lang)
{
    return lang->score < 1.02f || lang->score > 1.03f;
}

bool charset_recognise(const uint8_t *d, size_t len, uint8_t *out, size_t cap, size_t *out_len, const char **charset)
{
    if (len > CHARSET_MAX_BYTES)
        len = CHARSET_MAX_BYTES;
    if (cap < 3 * len + 4)
        return false;
    int chosen = -1;
    bool chosen_measured = false, ambiguous = false;
    char chosen_code[8] = "";
    for (size_t i = 0; i < sizeof charset_candidates / sizeof charset_candidates[0]; i++) {
        size_t n = charset_decode(charset_candidates[i].iconv_name, d, len, out, cap);
        langid_result lang;
        if (n == 0 || !charset_reads_as_text(out, n) || !charset_script_fits(out, n, charset_candidates[i].script))
            continue;
        langid_detect(out, n, &lang);
        if (!lang.reliable || !charset_serves(charset_candidates[i].languages, lang.code))
            continue;
        bool measured = charset_score_measured(&lang);
        if (chosen >= 0 && chosen_measured && !measured)
            continue;
        if (chosen < 0 || (measured && !chosen_measured)) {
            chosen = (int)i, chosen_measured = measured, ambiguous = false;
            memcpy(chosen_code, lang.code, sizeof chosen_code);
        } else {
            ambiguous |= strcmp(chosen_code, lang.code) != 0; /* two languages read as well: neither */
        }
    }
    if (chosen < 0 || ambiguous)
        return false;
    *out_len = charset_decode(charset_candidates[chosen].iconv_name, d, len, out, cap);
    *charset = charset_candidates[chosen].name;
    return *out_len > 0;
}
