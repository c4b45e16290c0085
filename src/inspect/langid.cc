// langid.cc — the C shim over CLD2's C++ API (see langid.h). The only C++ in leakwatch:
// it converts arguments and results, and names the two scripts CLD2's built-in table lacks.
#include <cstdio> // CLD2's public header uses FILE without including it
#include <cstring>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

extern "C" {
#include "langid.h"
#include "text.h"
}

namespace CLD2 {
const char *LanguageCode(Language lang); // lang_script.h, exported by libcld2
}

// CLD2 still speaks a few pre-1989 codes; the contract's leak.language is ISO 639-1.
static const char *langid_iso639(const char *code)
{
    static const char *const renamed[][2] = {{"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"zh-Hant", "zh"}};
    for (const auto &r : renamed)
        if (std::strcmp(code, r[0]) == 0)
            return r[1];
    return code;
}

// CLD2's built-in (small) table names every single-language script it knows at score 1.024, but
// it knows neither Ethiopic (Amharic) nor Tibetan: text whose letters are nine in ten of one of
// them is named the same way here.
static const char *langid_single_script(const uint8_t *text, size_t len)
{
    static const struct {
        uint32_t first, last;
        const char *code;
    } scripts[] = {{0x1200, 0x139f, "am"}, {0x0f00, 0x0fff, "bo"}};
    size_t in[2] = {0, 0}, letters = 0;
    for (size_t i = 0, n; i < len; i += n ? n : 1) {
        uint32_t cp = 0;
        n = text_utf8_next(text + i, len - i, &cp);
        if (n == 0 || !text_is_letter(cp))
            continue;
        letters++;
        for (size_t k = 0; k < 2; k++)
            in[k] += cp >= scripts[k].first && cp <= scripts[k].last;
    }
    for (size_t k = 0; k < 2; k++)
        if (in[k] >= 4 && in[k] * 10 >= letters * 9)
            return scripts[k].code;
    return nullptr;
}

extern "C" void langid_detect(const uint8_t *text, size_t len, langid_result *out)
{
    std::memset(out, 0, sizeof *out);
    if (text == nullptr || len == 0)
        return;
    int n = (int)(len > LANGID_MAX_BYTES ? LANGID_MAX_BYTES : len);
    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language top[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
    int percent[3] = {0, 0, 0}, text_bytes = 0, valid_prefix = 0;
    double score[3] = {0, 0, 0};
    bool reliable = false;
    CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        reinterpret_cast<const char *>(text), n, true, &hints, 0, top, percent, score, nullptr, &text_bytes,
        &reliable, &valid_prefix);
    if (valid_prefix < n) // not UTF-8 (CLD2 then leaves -1, no Language, in its answers): nothing known
        return;
    out->letter_bytes = text_bytes > 0 ? (uint32_t)text_bytes : 0;
    for (int i = 0; i < 3; i++)
        out->languages += top[i] != CLD2::UNKNOWN_LANGUAGE && percent[i] > 0;
    if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) {
        const char *code = langid_single_script(text, (size_t)n);
        if (code != nullptr) {
            std::snprintf(out->code, sizeof out->code, "%s", code);
            out->reliable = true, out->percent = 100, out->languages = 1, out->score = 1.024f;
        }
        return;
    }
    std::snprintf(out->code, sizeof out->code, "%s", langid_iso639(CLD2::LanguageCode(lang)));
    out->reliable = reliable;
    out->percent = (uint8_t)(top[0] == lang ? percent[0] : 0);
    out->score = (float)(top[0] == lang ? score[0] : 0) / 1000.0f;
}
