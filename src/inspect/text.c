/* text.c — character classes and one-pass text statistics (see text.h). A token's shape is
 * tracked while its characters go by, so that machine tokens (URLs, hex and base64 blobs,
 * snake_case and camelCase identifiers, key=value, paths, times and addresses: digits with
 * separators) are told from words without a second pass. Pure: no state. */
#include "text.h"

#include <string.h>
#include <strings.h>

size_t text_utf8_next(const uint8_t *p, size_t avail, uint32_t *cp)
{
    uint8_t c = p[0];
    size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n == 0 || n > avail)
        return 0;
    uint32_t v = n == 1 ? c : c & (0x7fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = v << 6 | (p[i] & 0x3fu);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return n;
}

size_t text_put_utf8(uint8_t *out, uint32_t cp)
{
    if (cp < 0x80)
        return out[0] = (uint8_t)cp, 1;
    if (cp < 0x800)
        return out[0] = (uint8_t)(0xc0 | cp >> 6), out[1] = (uint8_t)(0x80 | (cp & 0x3f)), 2;
    if (cp < 0x10000)
        return out[0] = (uint8_t)(0xe0 | cp >> 12), out[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3f)),
               out[2] = (uint8_t)(0x80 | (cp & 0x3f)), 3;
    return out[0] = (uint8_t)(0xf0 | cp >> 18), out[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3f)),
           out[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3f)), out[3] = (uint8_t)(0x80 | (cp & 0x3f)), 4;
}

bool text_is_unspaced(uint32_t cp)
{
    return cp >= 0x0e00 && ((cp >= 0x0e00 && cp <= 0x0eff) || (cp >= 0x1780 && cp <= 0x17ff) || (cp >= 0x1000 && cp <= 0x109f) ||
           (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0x20000 && cp <= 0x2fa1f));
}

bool text_is_emoji(uint32_t cp)
{
    return cp >= 0x2600 && ((cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x1f000 && cp <= 0x1f2ff));
}

size_t text_utf16_next(const uint8_t *p, size_t avail, bool big_endian, uint32_t *cp)
{
    if (avail < 2)
        return 0;
    uint32_t u = big_endian ? (uint32_t)(p[0] << 8 | p[1]) : (uint32_t)(p[1] << 8 | p[0]);
    if (u >= 0xdc00 && u <= 0xdfff)
        return 0;
    if (u >= 0xd800 && u <= 0xdbff) {
        if (avail < 4)
            return 0;
        uint32_t lo = big_endian ? (uint32_t)(p[2] << 8 | p[3]) : (uint32_t)(p[3] << 8 | p[2]);
        if (lo < 0xdc00 || lo > 0xdfff)
            return 0;
        *cp = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
        return 4;
    }
    *cp = u;
    return 2;
}

bool text_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7)
        return false;
    if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xff20) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xfff0)
        return false;
    return !text_is_emoji(cp) && !(cp >= 0x1f000 && cp <= 0x1ffff);
}

bool text_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xa0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200b);
}

bool text_is_text_char(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 0x20 && cp < 0x7f) || cp == '\t' || cp == '\n' || cp == '\r';
    return cp >= 0xa0 && !(cp >= 0xe000 && cp <= 0xf8ff) && cp != 0xfffd && cp != 0xfffe && cp != 0xffff;
}

long text_clean_letters(const uint8_t *d, size_t len)
{
    long letters = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = text_utf8_next(d + i, len - i, &cp);
        if (n == 0 || !text_is_text_char(cp))
            return -1;
        letters += text_is_letter(cp);
        i += n;
    }
    return letters;
}

/* ---- tokens --------------------------------------------------------------------------------- */

typedef struct text_token {
    uint32_t chars, letters, digits, upper, lower, hex, b64;
    uint32_t colons, dashes, dots, slashes, equals, underscores, at;
    uint32_t humps;        /* lower → upper inside the token: camelCase */
    bool url, first_upper, first_cased, prev_lower;
    bool name_dot;         /* a dot between letters: "bbnz.exe", "example.com", "config.yaml" */
} text_token;

static bool text_is_hex(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'f');
}

static bool text_is_b64(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp == '+' || cp == '/' ||
           cp == '=' || cp == '-' || cp == '_';
}

static bool text_is_symbol(uint32_t cp)
{
    static const uint8_t symbol[128] = {['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1, ['>'] = 1, ['='] = 1,
                                        [';'] = 1, ['_'] = 1, ['\\'] = 1, ['|'] = 1, ['`'] = 1, ['$'] = 1, ['#'] = 1,
                                        ['%'] = 1, ['^'] = 1, ['*'] = 1, ['&'] = 1, ['~'] = 1};
    return cp < 0x80 && symbol[cp];
}

static void text_token_add(text_token *t, uint32_t cp, bool letter, const uint8_t *p, size_t avail)
{
    bool upper = cp < 0x80 ? cp >= 'A' && cp <= 'Z' : false, lower = cp < 0x80 ? cp >= 'a' && cp <= 'z' : false;
    if (cp >= 0x80 && letter) { /* beyond ASCII: case from the common blocks */
        upper = (cp >= 0xc0 && cp <= 0xde) || (cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x410 && cp <= 0x42f);
        lower = (cp >= 0xdf && cp <= 0xff) || (cp >= 0x3b1 && cp <= 0x3c9) || (cp >= 0x430 && cp <= 0x44f);
    }
    if (t->chars == 0) {
        t->first_upper = upper;
        t->first_cased = upper || lower;
        if (cp == 'w' && avail >= 4 && memcmp(p, "www.", 4) == 0)
            t->url = true;
    }
    t->chars++;
    t->letters += letter;
    t->upper += upper;
    t->lower += lower;
    t->humps += upper && t->prev_lower;
    t->name_dot |= cp == '.' && t->chars >= 3 && t->prev_lower && avail >= 3 && ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z') &&
                   ((p[2] | 0x20) >= 'a' && (p[2] | 0x20) <= 'z');
    t->prev_lower = lower;
    t->hex += text_is_hex(cp);
    t->b64 += text_is_b64(cp);
    t->digits += cp >= '0' && cp <= '9';
    t->colons += cp == ':';
    t->dashes += cp == '-';
    t->dots += cp == '.';
    t->slashes += cp == '/';
    t->equals += cp == '=';
    t->underscores += cp == '_';
    t->at += cp == '@';
    if (cp == ':' && avail >= 3 && p[1] == '/' && p[2] == '/')
        t->url = true;
}

static bool text_token_is_machine(const text_token *t)
{
    if (t->url || t->name_dot || t->equals || t->at || (t->underscores && t->letters) || t->humps >= 2 ||
        (t->humps && !t->first_upper && t->first_cased))
        return true;
    if (t->chars >= 8 && t->hex == t->chars && t->digits)
        return true;
    if (t->chars >= 16 && t->b64 == t->chars && t->digits && t->upper && t->lower)
        return true;
    if (t->digits * 2 >= t->chars && t->digits >= 2 && (t->colons || t->dashes || t->dots || t->slashes))
        return true; /* times, dates, versions, addresses */
    return t->slashes >= 2 && t->letters; /* paths */
}

static void text_token_end(text_stats *s, text_token *t)
{
    if (t->chars == 0)
        return;
    s->tokens++;
    s->upper += t->upper;
    s->lower += t->lower;
    bool machine = text_token_is_machine(t);
    s->machine_tokens += machine;
    s->urls += t->url;
    if (!machine && t->letters * 10 >= t->chars * 6) {
        s->words++;
        s->cased_words += t->first_cased;
        s->capitalised += t->first_upper;
    }
    memset(t, 0, sizeof *t);
}

/* ---- the scan --------------------------------------------------------------------------------- */

static bool text_is_sentence_end(uint32_t cp)
{
    if (cp < 0x80)
        return cp == '.' || cp == '!' || cp == '?' || cp == ')';
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 || cp == 0xff01 || cp == 0xff1f ||
           cp == 0x61f || cp == 0x6d4 || cp == 0x964 || text_is_emoji(cp) || cp == ')';
}

static bool text_is_question_or_exclaim(uint32_t cp)
{
    if (cp < 0x80)
        return cp == '?' || cp == '!';
    return cp == '?' || cp == '!' || cp == 0xff01 || cp == 0xff1f || cp == 0x61f || cp == 0xbf || cp == 0xa1;
}

/* "{name}", "{{name}}", "{0}", "%s", "%d", "%@", "${x}" at p. */
static bool text_is_placeholder(const uint8_t *p, size_t avail)
{
    if (p[0] == '%' && avail >= 2 && strchr("sdif@", p[1]) != NULL && p[1])
        return avail == 2 || !((p[2] | 0x20) >= 'a' && (p[2] | 0x20) <= 'z');
    if (p[0] != '{')
        return false;
    size_t i = 1 + (avail > 1 && p[1] == '{');
    size_t start = i;
    while (i < avail && i < 40 && (((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') || (p[i] >= '0' && p[i] <= '9') ||
                                   p[i] == '_' || p[i] == '.'))
        i++;
    return i > start && i < avail && p[i] == '}';
}

/* ":)", ":-)", ";)", ":D", ":P", ":(", ":/", "xD", "<3", "^^", "^_^" at p. */
static bool text_is_ascii_alnum(uint8_t c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
}

/* A face standing on its own: not inside a word or a URL ("http://", "maxDuration"). `before`
 * is the byte before p (a space at the start). */
static bool text_is_emoticon(const uint8_t *p, size_t avail, uint8_t before)
{
    static const char *const faces[] = {":)", ":-)", ";)", ";-)", ":D", ":-D", ":P", ":p", ":(", ":-(", ":/",
                                        ":'(", "xD", "XD", "<3", "^^", "^_^", ":*", ":o", ":O"};
    if (text_is_ascii_alnum(before))
        return false;
    for (size_t i = 0; i < LW_ARRAY_LEN(faces); i++) {
        size_t n = strlen(faces[i]);
        if (avail >= n && memcmp(p, faces[i], n) == 0 && (avail == n || (!text_is_ascii_alnum(p[n]) && p[n] != '/')))
            return true;
    }
    return false;
}

static bool text_is_markup(const uint8_t *p, size_t avail)
{
    if (p[0] == '&') {
        size_t i = 1;
        while (i < avail && i < 10 && (((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') || p[i] == '#' ||
                                       (p[i] >= '0' && p[i] <= '9')))
            i++;
        return i > 2 && i < avail && p[i] == ';';
    }
    if (p[0] != '<' || avail < 3)
        return false;
    size_t i = 1 + (p[1] == '/');
    return i < avail && (p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z' && memchr(p + i, '>', avail - i < 200 ? avail - i : 200);
}

/* The end of an HTML block (</p>, </div>, </li>, </h1>, </blockquote>, <br>): paragraphs of
 * markup, which an editor's body has one line of. */
static bool text_is_block_end(const uint8_t *p, size_t avail)
{
    static const char *const ends[] = {"</p>", "</div>", "</li>", "</blockquote>", "<br>", "<br/>", "<br />"};
    for (size_t i = 0; i < LW_ARRAY_LEN(ends); i++) {
        size_t n = strlen(ends[i]);
        if (avail >= n && strncasecmp((const char *)p, ends[i], n) == 0)
            return true;
    }
    return avail >= 5 && p[1] == '/' && (p[2] | 0x20) == 'h' && p[3] >= '1' && p[3] <= '6' && p[4] == '>';
}

/* "www." — a host name, not a drawn-out word ("sooo"): the one triple letter of machine text. */
static bool text_is_www(const uint8_t *text, size_t len, size_t i)
{
    return text[i] == 'w' && i + 1 < len && text[i + 1] == '.';
}

void text_scan(const uint8_t *text, size_t len, text_stats *s)
{
    text_token tok;
    memset(s, 0, sizeof *s);
    memset(&tok, 0, sizeof tok);
    if (len > TEXT_SCAN_MAX)
        len = TEXT_SCAN_MAX;
    uint32_t last = 0, prev = 0, run = 0, html_blocks = 0;
    bool line_has_text = false, blank_since_text = false, seen_letter = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp = text[i];
        if (cp >= 'a' && cp <= 'z' && cp != 'x' && tok.chars && seen_letter && line_has_text) {
            /* inside a word: what every step below would do for a lower-case letter */
            run = cp == prev ? run + 1 : 1;
            s->informal |= run >= 3 && !text_is_www(text, len, i);
            prev = last = cp;
            s->chars++;
            s->letters++;
            tok.chars++;
            tok.letters++;
            tok.lower++;
            tok.hex += cp <= 'f';
            tok.b64++;
            tok.prev_lower = true;
            i++;
            continue;
        }
        size_t n = cp < 0x80 ? 1 : text_utf8_next(text + i, len - i, &cp);
        s->chars++;
        if (n == 0 || (!text_is_text_char(cp) && cp != '\f')) {
            s->invalid++;
            i += n ? n : 1;
            continue;
        }
        if (cp == '<' || cp == '&')
            s->markup |= text_is_markup(text + i, len - i);
        s->heading |= cp == '<' && len - i >= 4 && (text[i + 1] | 0x20) == 'h' && text[i + 2] >= '1' &&
                      text[i + 2] <= '6' && (text[i + 3] == '>' || text[i + 3] == ' ');
        html_blocks += cp == '<' && text_is_block_end(text + i, len - i);
        if (cp == ']' && i + 1 < len && text[i + 1] == '(')
            s->markup = true; /* a markdown link */
        if (cp == '{' || cp == '%')
            s->placeholder |= text_is_placeholder(text + i, len - i);
        if (cp == ':' || cp == ';' || cp == 'x' || cp == 'X' || cp == '<' || cp == '^')
            s->informal |= text_is_emoticon(text + i, len - i, i > 0 ? text[i - 1] : ' ');
        bool letter = text_is_letter(cp), space = text_is_space(cp);
        run = cp == prev ? run + 1 : 1;
        s->informal |= run >= 3 && (letter || cp == '!' || cp == '?') && !text_is_unspaced(cp) && !text_is_www(text, len, i);
        prev = cp;
        if (!seen_letter && letter) {
            seen_letter = true;
            s->starts_lower = (cp >= 'a' && cp <= 'z') || (cp >= 0xdf && cp <= 0xff) || (cp >= 0x430 && cp <= 0x44f) ||
                              (cp >= 0x3b1 && cp <= 0x3c9);
        }
        if (text_is_sentence_end(cp) && cp != ')' && !text_is_emoji(cp) && last != cp)
            s->sentences++;
        if (cp == '\n') {
            if (!line_has_text && s->lines)
                blank_since_text = true;
            line_has_text = false;
        } else if (!space && !line_has_text) {
            /* markdown: a heading, a code fence, a link at the start of a line */
            bool heading = cp == '#' && i + 1 < len && (text[i + 1] == ' ' || text[i + 1] == '#');
            s->heading |= heading;
            s->markup |= heading || (cp == '`' && len - i >= 3 && memcmp(text + i, "```", 3) == 0);
            line_has_text = true;
            s->lines++;
            s->paragraphs += s->paragraphs == 0 || blank_since_text;
            blank_since_text = false;
        }
        if (space) {
            text_token_end(s, &tok);
        } else {
            text_token_add(&tok, cp, letter, text + i, len - i);
            s->letters += letter;
            s->unspaced += letter && text_is_unspaced(cp);
            s->digits += cp >= '0' && cp <= '9';
            s->symbols += text_is_symbol(cp);
            s->emoji += text_is_emoji(cp);
            /* "!=" and "#!" are code, "?id=" and "!important" are not prose either */
            s->question_or_exclaim |= text_is_question_or_exclaim(cp) &&
                                      !(i + 1 < len && (text[i + 1] == '=' || text_is_ascii_alnum(text[i + 1]))) &&
                                      !(i > 0 && text[i - 1] == '#');
            last = cp;
        }
        i += n;
    }
    text_token_end(s, &tok);
    if (html_blocks > s->paragraphs)
        s->paragraphs = html_blocks;
    s->words += s->unspaced / 2;
    s->sentence_end = text_is_sentence_end(last);
    s->sentences -= s->sentence_end && s->sentences > 0 && last != ')' && !text_is_emoji(last);
    s->ends_label = last == ':' || last == 0x2026 || (last == '.' && len >= 3 && memcmp(text + len - 3, "...", 3) == 0);
}
