/* message.c — does an inspect_doc carry human messages?
 *
 * Text scoring is language-agnostic: it counts letters of any script (Latin, Cyrillic, Greek,
 * Arabic, Hebrew, Indic, CJK and kana without spaces, Hangul, emoji) against digits and code
 * symbols, checks word shapes (token lengths, share of letter words) and penalises tokens that
 * are machine data (URLs, hex and base64 blobs, key=value, snake_case and camelCase
 * identifiers, timestamps and addresses, paths) and HTML markup. Structure decides the rest:
 *  - LW_UNIT_MESSAGE units (the protocol says "message") count when they read as text, even one
 *    word ("hey"), unless they are status words, numbers or machine data; HTML in a mail body is
 *    scored on its visible text, a long body by its best paragraph;
 *  - FIELD units of a JSON/XML object or form count when the text (two words or more) sits next
 *    to a sibling (same object_id) shaped like a sender, recipient or time — e-mail address,
 *    phone number, user id with digits, UUID, ISO time, epoch seconds or milliseconds — or keyed
 *    as a party or place of a conversation ("to", "sender", "roomId", "say" …), and no sibling is
 *    a URL (help links, feed items) or a log level (log records), and the object does not hold
 *    free text under more than four distinct keys (translation files, configs: documents);
 *    a key that describes a thing ("title", "description", "label" …) or a search holds
 *    metadata, not text;
 *  - BODY and RAW units (web pages, unknown protocols) never count alone; mail headers only add
 *    the "mail:headers" label to a mail that has a body.
 * The wire verdict of message text: base64/hex layers → encoded, WebSocket masking → encoded
 * (the bytes on the wire are not readable, yet anyone can unmask them: not encrypted), gzip →
 * compressed; chunking, quoted-printable and percent-encoding leave the text readable on the
 * wire → plaintext.
 *
 * Pure: owns no state. Never prints, logs or copies message text; only lengths, labels and the
 * SHA-256 leave this file. */
#include "message.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MESSAGE_TEXT_THRESHOLD 0.5f   /* free-text FIELD */
#define MESSAGE_UNIT_THRESHOLD 0.35f  /* text of a protocol-marked message */
#define MESSAGE_MAX_TEXT_KEYS 4       /* free-text keys in one object beyond which it is a document */

typedef struct message_text_stats {
    uint32_t chars, spaces, letters, cjk, digits, code_symbols, invalid;
    uint32_t tokens, letter_tokens, machine_chars, tags, longest_token;
} message_text_stats;

typedef struct message_token {
    uint32_t chars, letters, digits, upper, lower, hex, b64;
    uint32_t colons, dashes, dots, slashes, equals, underscores; /* snake_case is an identifier */
    uint32_t humps;                                               /* and so is camelCase */
    bool url, first_lower, prev_lower;
} message_token;

/* Decode one UTF-8 code point at p; returns its byte length, *cp = -1 when invalid. */
static size_t message_utf8_next(const uint8_t *p, size_t avail, int32_t *cp)
{
    static const uint8_t lead_min[5] = {0, 0, 0xc2, 0xe0, 0xf0};
    size_t n = p[0] < 0x80 ? 1 : p[0] >= 0xc2 && p[0] <= 0xdf ? 2 : p[0] >= 0xe0 && p[0] <= 0xef ? 3
                                                                   : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;
    *cp = -1;
    if (n == 0 || n > avail || p[0] < lead_min[n])
        return 1;
    int32_t v = n == 1 ? p[0] : p[0] & (0x7f >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 1;
        v = (v << 6) | (p[i] & 0x3f);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) || (v >= 0xd800 && v <= 0xdfff))
        return 1;
    *cp = v;
    return n;
}

static bool message_is_cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) ||
           (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f);
}

static bool message_is_emoji(int32_t cp)
{
    return (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x1f000 && cp <= 0x1f2ff);
}

/* Letters of alphabetic scripts: Latin-1/Extended, IPA, Greek, Cyrillic, Armenian, Hebrew,
 * Arabic, Indic, Thai, Georgian … up to the general-punctuation block. */
static bool message_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return (cp >= 0xc0 && cp <= 0x1fff && cp != 0xd7 && cp != 0xf7) || message_is_cjk(cp) || message_is_emoji(cp);
}

/* ASCII classes looked up per character (a strchr per character was a third of the cost
 * of scoring text). */
enum { MESSAGE_CODE = 1, MESSAGE_HEX = 2, MESSAGE_B64 = 4 };

static uint8_t message_ascii_class(int32_t cp)
{
    static const uint8_t table[128] = {
        ['#'] = MESSAGE_CODE, ['$'] = MESSAGE_CODE, ['%'] = MESSAGE_CODE, ['&'] = MESSAGE_CODE,
        ['*'] = MESSAGE_CODE, ['+'] = MESSAGE_CODE|MESSAGE_B64, ['-'] = MESSAGE_B64, ['/'] = MESSAGE_B64,
        ['0'] = MESSAGE_HEX|MESSAGE_B64, ['1'] = MESSAGE_HEX|MESSAGE_B64, ['2'] = MESSAGE_HEX|MESSAGE_B64,
        ['3'] = MESSAGE_HEX|MESSAGE_B64, ['4'] = MESSAGE_HEX|MESSAGE_B64, ['5'] = MESSAGE_HEX|MESSAGE_B64,
        ['6'] = MESSAGE_HEX|MESSAGE_B64, ['7'] = MESSAGE_HEX|MESSAGE_B64, ['8'] = MESSAGE_HEX|MESSAGE_B64,
        ['9'] = MESSAGE_HEX|MESSAGE_B64, [';'] = MESSAGE_CODE, ['<'] = MESSAGE_CODE,
        ['='] = MESSAGE_CODE|MESSAGE_B64, ['>'] = MESSAGE_CODE, ['A'] = MESSAGE_HEX|MESSAGE_B64,
        ['B'] = MESSAGE_HEX|MESSAGE_B64, ['C'] = MESSAGE_HEX|MESSAGE_B64, ['D'] = MESSAGE_HEX|MESSAGE_B64,
        ['E'] = MESSAGE_HEX|MESSAGE_B64, ['F'] = MESSAGE_HEX|MESSAGE_B64, ['G'] = MESSAGE_B64,
        ['H'] = MESSAGE_B64, ['I'] = MESSAGE_B64, ['J'] = MESSAGE_B64, ['K'] = MESSAGE_B64,
        ['L'] = MESSAGE_B64, ['M'] = MESSAGE_B64, ['N'] = MESSAGE_B64, ['O'] = MESSAGE_B64,
        ['P'] = MESSAGE_B64, ['Q'] = MESSAGE_B64, ['R'] = MESSAGE_B64, ['S'] = MESSAGE_B64,
        ['T'] = MESSAGE_B64, ['U'] = MESSAGE_B64, ['V'] = MESSAGE_B64, ['W'] = MESSAGE_B64,
        ['X'] = MESSAGE_B64, ['Y'] = MESSAGE_B64, ['Z'] = MESSAGE_B64, ['['] = MESSAGE_CODE,
        ['\\'] = MESSAGE_CODE, [']'] = MESSAGE_CODE, ['^'] = MESSAGE_CODE, ['_'] = MESSAGE_CODE|MESSAGE_B64,
        ['`'] = MESSAGE_CODE, ['a'] = MESSAGE_HEX|MESSAGE_B64, ['b'] = MESSAGE_HEX|MESSAGE_B64,
        ['c'] = MESSAGE_HEX|MESSAGE_B64, ['d'] = MESSAGE_HEX|MESSAGE_B64, ['e'] = MESSAGE_HEX|MESSAGE_B64,
        ['f'] = MESSAGE_HEX|MESSAGE_B64, ['g'] = MESSAGE_B64, ['h'] = MESSAGE_B64, ['i'] = MESSAGE_B64,
        ['j'] = MESSAGE_B64, ['k'] = MESSAGE_B64, ['l'] = MESSAGE_B64, ['m'] = MESSAGE_B64,
        ['n'] = MESSAGE_B64, ['o'] = MESSAGE_B64, ['p'] = MESSAGE_B64, ['q'] = MESSAGE_B64,
        ['r'] = MESSAGE_B64, ['s'] = MESSAGE_B64, ['t'] = MESSAGE_B64, ['u'] = MESSAGE_B64,
        ['v'] = MESSAGE_B64, ['w'] = MESSAGE_B64, ['x'] = MESSAGE_B64, ['y'] = MESSAGE_B64,
        ['z'] = MESSAGE_B64, ['{'] = MESSAGE_CODE, ['|'] = MESSAGE_CODE, ['}'] = MESSAGE_CODE,
        ['~'] = MESSAGE_CODE,
    };
    return cp > 0 && cp < 0x80 ? table[cp] : 0;
}

static bool message_is_code_symbol(int32_t cp)
{
    return message_ascii_class(cp) & MESSAGE_CODE;
}

static bool message_is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 || cp == 0x3000;
}

static bool message_token_is_machine(const message_token *t)
{
    if (t->url || t->equals || t->underscores || t->humps >= 2 || (t->humps && t->first_lower))
        return true;
    if (t->chars >= 12 && t->hex == t->chars && t->digits)
        return true;
    if (t->chars >= 20 && t->b64 == t->chars && t->digits && t->upper && t->lower)
        return true;
    /* times, dates, versions, addresses: mostly digits with separators */
    if (t->digits * 2 >= t->chars && t->digits >= 2 && (t->colons || t->dashes || t->dots || t->slashes))
        return true;
    return t->slashes >= 2 && t->letters; /* paths */
}

static void message_token_add(message_token *t, int32_t cp, const uint8_t *p, size_t avail)
{
    t->chars++;
    if (cp >= 0x80) { /* beyond ASCII only letters count: none of the shapes below apply */
        t->letters += message_is_letter(cp);
        t->prev_lower = false;
        return;
    }
    bool upper = cp >= 'A' && cp <= 'Z', lower = cp >= 'a' && cp <= 'z';
    t->letters += upper || lower;
    t->upper += upper;
    t->lower += lower;
    t->humps += upper && t->prev_lower; /* sendMessage, createdAt; YouTube and McDonald have one */
    t->first_lower |= t->chars == 1 && lower;
    t->prev_lower = lower;
    uint8_t cls = message_ascii_class(cp);
    t->hex += (cls & MESSAGE_HEX) != 0;
    t->b64 += (cls & MESSAGE_B64) != 0;
    if (t->chars == 1 && cp == 'w' && avail >= 4 && memcmp(p, "www.", 4) == 0)
        t->url = true;
    if (upper || lower)
        return;
    t->digits += cp >= '0' && cp <= '9';
    t->colons += cp == ':';
    t->dashes += cp == '-';
    t->dots += cp == '.';
    t->slashes += cp == '/';
    t->equals += cp == '=';
    t->underscores += cp == '_';
    if (cp == ':' && avail >= 3 && p[1] == '/' && p[2] == '/')
        t->url = true;
}

static void message_token_end(message_text_stats *s, message_token *t)
{
    if (t->chars == 0)
        return;
    s->tokens++;
    s->letter_tokens += t->letters * 10 >= t->chars * 6;
    if (message_token_is_machine(t))
        s->machine_chars += t->chars;
    if (t->chars > s->longest_token)
        s->longest_token = t->chars;
    memset(t, 0, sizeof *t);
}

/* Offset just past markup starting at text[i] ('<' tag, "&entity;"), or i when none. */
static size_t message_skip_markup(const uint8_t *text, size_t len, size_t i)
{
    if (text[i] == '<' && i + 1 < len && (text[i + 1] == '/' || text[i + 1] == '!' || (text[i + 1] | 0x20) >= 'a')) {
        const uint8_t *end = memchr(text + i, '>', len - i);
        if (end)
            return (size_t)(end - text) + 1;
    }
    if (text[i] == '&') {
        size_t j = i + 1;
        while (j < len && j < i + 10 && (text[j] == '#' || (text[j] < 0x80 && isalnum(text[j]))))
            j++;
        if (j > i + 1 && j < len && text[j] == ';')
            return j + 1;
    }
    return i;
}

/* Text shape converges long before 16 KiB; a 60 KiB field is judged by its start. */
#define MESSAGE_SCAN_MAX 16384

static void message_scan(const uint8_t *text, size_t len, bool visible_only, message_text_stats *s)
{
    message_token t = {0};
    memset(s, 0, sizeof *s);
    if (len > MESSAGE_SCAN_MAX)
        len = MESSAGE_SCAN_MAX;
    for (size_t i = 0; i < len;) {
        uint8_t c = text[i];
        if (c >= 0x20 && c < 0x7f && c != '<' && c != '&') { /* printable ASCII: the common case */
            s->chars++;
            if (c == ' ') {
                s->spaces++;
                message_token_end(s, &t);
            } else {
                bool letter = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
                s->letters += letter;
                s->digits += c >= '0' && c <= '9';
                s->code_symbols += (message_ascii_class(c) & MESSAGE_CODE) != 0;
                message_token_add(&t, c, text + i, len - i);
            }
            i++;
            continue;
        }
        size_t past = message_skip_markup(text, len, i);
        if (past != i) {
            if (visible_only) {
                message_token_end(s, &t);
                i = past;
                continue;
            }
            s->tags += text[i] == '<';
        }
        int32_t cp;
        size_t n = message_utf8_next(text + i, len - i, &cp);
        s->chars++;
        if (cp < 0 || (cp < 0x20 && !message_is_space(cp)))
            s->invalid++;
        else if (message_is_space(cp)) {
            s->spaces++;
            message_token_end(s, &t);
        } else {
            s->letters += message_is_letter(cp);
            s->cjk += message_is_cjk(cp);
            s->digits += cp >= '0' && cp <= '9';
            s->code_symbols += message_is_code_symbol(cp);
            message_token_add(&t, cp, text + i, len - i);
        }
        i += n;
    }
    message_token_end(s, &t);
}

static float message_clamp(float v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

static float message_score_stats(const message_text_stats *s)
{
    uint32_t nonspace = s->chars - s->spaces;
    if (nonspace == 0 || s->invalid * 20 > s->chars)
        return 0;
    float letters = message_clamp(((float)s->letters / (float)nonspace - 0.45f) / 0.35f);
    float words = 0.5f + 0.5f * (float)s->letter_tokens / (float)s->tokens;
    float shape = 1;
    if (s->cjk * 2 < s->letters) {
        float mean = (float)nonspace / (float)s->tokens;
        shape = mean <= 12 ? 1 : message_clamp(1 - (mean - 12) / 12);
        if (s->longest_token > 40)
            shape *= 0.5f;
    }
    float penalty = 2.5f * (float)s->code_symbols / (float)nonspace + 1.2f * (float)s->machine_chars / (float)nonspace;
    if (s->tags)
        penalty += 0.3f + 0.1f * (float)s->tags;
    return letters * words * shape * (1 - message_clamp(penalty));
}

float message_text_score(const uint8_t *text, size_t len)
{
    message_text_stats s;
    if (!text || len == 0)
        return 0;
    message_scan(text, len, false, &s);
    return message_score_stats(&s);
}

static float message_visible_score(const uint8_t *text, size_t len)
{
    message_text_stats s;
    message_scan(text, len, true, &s);
    return message_score_stats(&s);
}

/* A protocol-marked message: markup in it (HTML mail) is skipped, not penalised, and a long
 * one (a mail with an inline uuencoded or base64 blob) scores as its best paragraph. */
static float message_unit_score(const uint8_t *text, size_t len)
{
    float best = message_visible_score(text, len);
    const uint8_t *p = text, *end = text + (len > MESSAGE_SCAN_MAX ? MESSAGE_SCAN_MAX : len);
    const uint8_t *gap = NULL, *crlf = NULL; /* next separators at or after p, searched once each */
    while (best < MESSAGE_UNIT_THRESHOLD && len > 200 && p < end) {
        if (!gap || gap < p)
            gap = memmem(p, (size_t)(end - p), "\n\n", 2);
        if (crlf != end && (!crlf || crlf < p))
            crlf = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!gap)
            gap = end;
        if (!crlf)
            crlf = end;
        const uint8_t *stop = crlf < gap ? crlf : gap;
        if (stop - p >= 40) {
            float score = message_visible_score(p, (size_t)(stop - p));
            best = score > best ? score : best;
        }
        p = stop + (stop < end);
        while (p < end && (*p == '\r' || *p == '\n'))
            p++;
    }
    return best;
}

/* Free text in a field needs two words (or two CJK characters): one word is a name or a code. */
static float message_field_score(const uint8_t *text, size_t len)
{
    /* Two words need a space, two CJK characters need non-ASCII bytes: ids, tokens, times and
     * numbers — most machine fields — are settled without a scan. */
    bool separable = false;
    for (size_t i = 0; i < len && !separable; i++)
        separable = text[i] == ' ' || text[i] == '\t' || text[i] >= 0x80;
    if (!separable)
        return 0;
    message_text_stats s;
    message_scan(text, len, false, &s);
    return s.letter_tokens >= 2 || s.cjk >= 2 ? message_score_stats(&s) : 0;
}

static bool message_equals_word(const uint8_t *d, size_t len, const char *w)
{
    return strlen(w) == len && strncasecmp((const char *)d, w, len) == 0;
}

static bool message_is_status_word(const uint8_t *d, size_t len)
{
    static const char *const words[] = {"ok", "okay", "success", "true", "false", "null", "none", "error", "done",
                                        "ack", "nack", "ping", "pong", "online", "offline", "on", "off",
                                        "connected", "disconnected", "alive", "ready", "idle", "busy"};
    while (len && (d[len - 1] == '\r' || d[len - 1] == '\n' || d[len - 1] == ' '))
        len--;
    for (size_t i = 0; i < LW_ARRAY_LEN(words); i++)
        if (message_equals_word(d, len, words[i]))
            return true;
    return false;
}

static bool message_all_of(const uint8_t *d, size_t len, const char *set)
{
    for (size_t i = 0; i < len; i++)
        if (!d[i] || !strchr(set, d[i]))
            return false;
    return len > 0;
}

static size_t message_count_of(const uint8_t *d, size_t len, const char *set)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += d[i] && strchr(set, d[i]) != NULL;
    return n;
}

/* Sibling values that say "a person sent this, to someone, at some time". */
/* Epoch seconds (with a fraction, as Slack's "1710265993.377602"), epoch milliseconds, or an
 * ISO-like date/time. */
static bool message_is_time_shaped(const uint8_t *d, size_t len)
{
    if (message_all_of(d, len, "0123456789.")) {
        const uint8_t *dot = memchr(d, '.', len);
        size_t whole = dot ? (size_t)(dot - d) : len;
        bool one_dot = !dot || !memchr(dot + 1, '.', len - whole - 1);
        return d[0] == '1' && one_dot && ((whole == 10 && len - whole <= 10) || (whole == 13 && !dot));
    }
    return len >= 8 && len <= 40 && message_count_of(d, len, "0123456789") * 2 >= len &&
           message_count_of(d, len, ":-T") >= 2;
}

static bool message_is_person_shaped(const uint8_t *d, size_t len)
{
    if (len == 0 || len > 100 || memchr(d, ' ', len))
        return false;
    const uint8_t *at = memchr(d, '@', len);
    if (at && at > d && memchr(at, '.', len - (size_t)(at - d)))
        return true; /* e-mail, JID */
    size_t digits = message_count_of(d, len, "0123456789");
    if (message_all_of(d, len, "+0123456789-() ") && digits >= 7 && digits <= 15)
        return true; /* phone number or numeric user id */
    if (len == 36 && message_count_of(d, len, "-") == 4 && message_all_of(d, len, "0123456789abcdefABCDEF-"))
        return true; /* UUID */
    size_t letters = 0;
    for (size_t i = 0; i < len; i++)
        letters += (d[i] | 0x20) >= 'a' && (d[i] | 0x20) <= 'z';
    return len <= 40 && letters && digits && letters + digits + message_count_of(d, len, "_-.:") == len;
}

static bool message_is_url(const uint8_t *d, size_t len)
{
    return (len >= 7 && memmem(d, len, "://", 3)) || (len >= 4 && memcmp(d, "www.", 4) == 0);
}

/* Lower-case `key` without '_', '-', '.' and without one trailing "ids", "id", "name" or "s". */
static void message_key_stem(const char *key, char *out, size_t cap)
{
    static const char *const suffixes[] = {"ids", "id", "name", "s"};
    size_t n = 0;
    for (const char *c = key; *c && n + 1 < cap; c++)
        if (*c != '_' && *c != '-' && *c != '.')
            out[n++] = (char)tolower((unsigned char)*c);
    out[n] = '\0';
    for (size_t i = 0; i < LW_ARRAY_LEN(suffixes); i++) {
        size_t sl = strlen(suffixes[i]);
        if (n > sl + 1 && strcmp(out + n - sl, suffixes[i]) == 0) {
            out[n - sl] = '\0';
            return;
        }
    }
}

/* A key that names a party or a place of a conversation, or a chat verb: "to", "roomId",
 * "recipients", "sender_name", "say", "user" (Slack's sender), and "role" (who speaks in the
 * chat-completion format {"role":"user","content":"…"} of LLM chat APIs) … */
static bool message_key_stem_is(const char *key, const char *const *stems, size_t n)
{
    char stem[32];
    message_key_stem(key, stem, sizeof stem);
    for (size_t i = 0; i < n; i++)
        if (strcmp(stem, stems[i]) == 0)
            return true;
    return false;
}

static bool message_is_party_key(const char *key)
{
    static const char *const stems[] = {"to", "from", "cc", "bcc", "rcpt", "replyto", "sender", "recipient",
                                        "author", "peer", "participant", "nick", "room", "thread", "conversation",
                                        "chat", "say", "role", "user"};
    return message_key_stem_is(key, stems, LW_ARRAY_LEN(stems));
}

/* A key that describes a thing (a page title, a job description, a button label) or a search
 * query: metadata, not communication, whatever it reads like. Matched at the end of the key stem. */
static bool message_is_metadata_key(const char *key)
{
    static const char *const ends[] = {"title", "description", "desc", "summary", "label", "tooltip", "placeholder",
                                       "hint", "query", "search"};
    char stem[32];
    message_key_stem(key, stem, sizeof stem);
    size_t n = strlen(stem);
    for (size_t i = 0; i < LW_ARRAY_LEN(ends); i++) {
        size_t e = strlen(ends[i]);
        if (n >= e && strcmp(stem + n - e, ends[i]) == 0)
            return true;
    }
    return false;
}

/* A log record's level: such a record is machine output whatever its "message" reads like. */
static bool message_is_log_level(const uint8_t *d, size_t len)
{
    static const char *const levels[] = {"trace", "debug", "info", "notice", "warn", "warning", "error",
                                         "fatal", "critical", "crit", "emerg", "verbose"};
    for (size_t i = 0; i < LW_ARRAY_LEN(levels); i++)
        if (message_equals_word(d, len, levels[i]))
            return true;
    return false;
}

/* A key naming an identifier of a request or a transaction, not of a person: "request_id",
 * "traceId", "correlation-id" … Its value has the shape of a user id but says nothing about a
 * sender (an API error's "message" sits next to one). */
static bool message_is_machine_id_key(const char *key)
{
    static const char *const stems[] = {"request", "trace", "correlation", "span", "transaction", "txn", "nonce",
                                        "etag", "checksum", "hash", "build", "version"};
    return message_key_stem_is(key, stems, LW_ARRAY_LEN(stems));
}

/* 1 when a sibling is sender/recipient/time shaped or keyed as a party of a conversation,
 * -1 when a sibling is a URL (links, feed items) or a log level (log records), 0 otherwise. */
static int message_sibling_evidence(const inspect_doc *doc, uint32_t self)
{
    int evidence = 0;
    uint16_t object = doc->units[self].object_id;
    for (uint32_t j = 0; j < doc->n_units && j < LW_INSPECT_MAX_UNITS; j++) {
        const inspect_unit *u = &doc->units[j];
        if (j == self || u->kind != LW_UNIT_FIELD || u->object_id != object || !u->data)
            continue;
        if (message_is_url(u->data, u->len) || message_is_log_level(u->data, u->len))
            return -1;
        if (message_is_time_shaped(u->data, u->len) || message_is_party_key(u->field) ||
            (message_is_person_shaped(u->data, u->len) && !message_is_machine_id_key(u->field)))
            evidence = 1;
    }
    return evidence;
}

/* Free-text field scores of a doc, and which of them open a new key in their object. */
typedef struct message_fields {
    float score[LW_INSPECT_MAX_UNITS];
    bool new_key[LW_INSPECT_MAX_UNITS];
} message_fields;

static bool message_is_mail_proto(const char *proto)
{
    static const char *const mail[] = {"smtp", "pop3", "imap", "nntp"};
    for (size_t i = 0; proto && i < LW_ARRAY_LEN(mail); i++)
        if (strcasecmp(proto, mail[i]) == 0)
            return true;
    return false;
}

static void message_fields_score(const inspect_doc *doc, message_fields *f)
{
    for (uint32_t i = 0; i < doc->n_units && i < LW_INSPECT_MAX_UNITS; i++) {
        const inspect_unit *u = &doc->units[i];
        bool field = u->kind == LW_UNIT_FIELD && u->object_id != 0 && u->data;
        f->score[i] = field ? message_field_score(u->data, u->len) : 0; /* cheapest test first */
        if (f->score[i] > 0 && (message_is_mail_proto(u->proto) || message_is_metadata_key(u->field)))
            f->score[i] = 0;
        f->new_key[i] = f->score[i] >= MESSAGE_TEXT_THRESHOLD;
        for (uint32_t j = 0; j < i && f->new_key[i]; j++)
            f->new_key[i] = !(f->new_key[j] && doc->units[j].object_id == u->object_id &&
                              strcmp(doc->units[j].field, u->field) == 0);
    }
}

/* Free text under many distinct keys of one object is a document of strings (a translation
 * file, a config with descriptions), not a message; repeated keys (a list) are fine. */
static bool message_is_string_document(const inspect_doc *doc, const message_fields *f, uint16_t object)
{
    uint32_t keys = 0;
    for (uint32_t j = 0; j < doc->n_units && j < LW_INSPECT_MAX_UNITS; j++)
        keys += f->new_key[j] && doc->units[j].object_id == object;
    return keys > MESSAGE_MAX_TEXT_KEYS;
}

static void message_add_label(message_assessment *out, const char *label)
{
    for (uint32_t i = 0; i < out->n_matched; i++)
        if (strcmp(out->matched[i], label) == 0)
            return;
    if (out->n_matched < LW_MESSAGE_MAX_MATCHED)
        lw_strlcpy(out->matched[out->n_matched++], label, sizeof out->matched[0]);
}

static void message_add_field(message_assessment *out, const char *field)
{
    for (uint32_t i = 0; i < out->n_fields; i++)
        if (strcmp(out->fields[i], field) == 0)
            return;
    if (field[0] && out->n_fields < LW_MESSAGE_MAX_MATCHED)
        lw_strlcpy(out->fields[out->n_fields++], field, sizeof out->fields[0]);
}

static lw_verdict message_layers_verdict(uint8_t layers)
{
    if (layers & LW_LAYER_GZIP)
        return LW_VERDICT_COMPRESSED;
    if (layers & (LW_LAYER_BASE64 | LW_LAYER_HEX | LW_LAYER_WS_MASK))
        return LW_VERDICT_ENCODED;
    return LW_VERDICT_PLAINTEXT;
}

/* Score of unit i as message text, 0 when it is not (label written on success). */
static float message_unit_text(const inspect_doc *doc, const message_fields *f, uint32_t i, char *label,
                               size_t label_len)
{
    const inspect_unit *u = &doc->units[i];
    const char *proto = u->proto ? u->proto : "?";
    if (u->kind == LW_UNIT_MESSAGE) {
        if (message_is_status_word(u->data, u->len))
            return 0;
        float score = message_unit_score(u->data, u->len);
        snprintf(label, label_len, "%s:%s", message_is_mail_proto(proto) ? "mail" : proto,
                 u->field[0] ? u->field : "message");
        return score >= MESSAGE_UNIT_THRESHOLD ? score : 0;
    }
    float score = f->score[i];
    if (score < MESSAGE_TEXT_THRESHOLD || message_sibling_evidence(doc, i) <= 0 ||
        message_is_string_document(doc, f, u->object_id))
        return 0;
    snprintf(label, label_len, "json-key:%s", u->field);
    return score;
}

static bool message_is_mail_header(const inspect_unit *u)
{
    static const char *const headers[] = {"From", "To", "Subject", "Date", "Cc"};
    if (u->kind != LW_UNIT_FIELD || !message_is_mail_proto(u->proto))
        return false;
    for (size_t i = 0; i < LW_ARRAY_LEN(headers); i++)
        if (strcasecmp(u->field, headers[i]) == 0)
            return true;
    return false;
}

static void message_take_unit(message_assessment *out, const inspect_unit *u, uint32_t index, float score,
                              crypto_hash_sha256_state *hash)
{
    crypto_hash_sha256_update(hash, u->data, u->len);
    out->text_length += u->len;
    if (out->n_text_units < LW_ARRAY_LEN(out->text_units))
        out->text_units[out->n_text_units++] = (uint16_t)index;
    lw_verdict v = message_layers_verdict(u->layers);
    if (v > out->verdict)
        out->verdict = v;
    if (score > out->score)
        out->score = score;
    message_add_field(out, u->field);
    if (score >= 0.6f)
        message_add_label(out, "natural-language");
}

void message_assess(const inspect_doc *doc, message_assessment *out)
{
    crypto_hash_sha256_state hash;
    message_fields fields;
    bool mail_headers = false;
    memset(out, 0, sizeof *out);
    crypto_hash_sha256_init(&hash);
    if (doc)
        message_fields_score(doc, &fields);
    for (uint32_t i = 0; doc && i < doc->n_units && i < LW_INSPECT_MAX_UNITS; i++) {
        const inspect_unit *u = &doc->units[i];
        char label[40];
        if (!u->data || u->len == 0)
            continue;
        mail_headers |= message_is_mail_header(u);
        float score = message_unit_text(doc, &fields, i, label, sizeof label);
        if (score <= 0)
            continue;
        message_add_label(out, label);
        message_take_unit(out, u, i, score, &hash);
    }
    out->is_message = out->n_text_units > 0;
    if (!out->is_message) {
        memset(out, 0, sizeof *out);
        return;
    }
    crypto_hash_sha256_final(&hash, out->sha256);
    if (mail_headers)
        message_add_label(out, "mail:headers");
}
