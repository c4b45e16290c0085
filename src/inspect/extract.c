/* extract.c — universal text extraction: text units from bytes that no protocol decoder
 * explained, whatever their framing. A decoder list is not a detector: human text travels in
 * protobuf and gRPC(-web) messages, MessagePack maps (SignalR), length-prefixed and TLV records
 * of legacy IM and SMS gateways, UTF-16 strings, datagrams and line protocols nobody wrote a
 * decoder for. Two entry points:
 *  - inspect_extract_binary(): binary bytes. Tried in order: gRPC framing (5-byte prefixes),
 *    a MessagePack document (or SignalR's varint-prefixed ones), CBOR, a protobuf message; what is
 *    not structure falls to a string scan for UTF-8 runs (any script) and UTF-16LE/BE runs.
 *    Structured strings become FIELD units (MessagePack and CBOR: named by their map key; protobuf:
 *    "pb:<field number>", long varints beside them as decimal FIELDs, so ids and times are
 *    siblings as in JSON); scanned runs become TEXT units named by their framing.
 *  - inspect_extract_lines(): text of an unknown line protocol. A block of "Name: value" lines
 *    and a blank line is a MIME-ish head (FIELDs of one object) with a body (one TEXT unit,
 *    field "body"); a JSON line goes to the content handler; a command line
 *    "[@tags] [:prefix] VERB params [:trailing]" gives its text as a TEXT unit named by the
 *    verb; any other line is a TEXT unit of its own.
 * Nothing here decides whether text is a message (message.c does).
 *
 * Owns nothing: converted text (UTF-16, decimal varints) goes to the run's arena. Every read
 * is bounds-checked; recursion is bounded by the run's layer limit. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "framework.h"
#include "json_scan.h"
#include "text.h"

#define EXTRACT_MAX_HEADER 24      /* bytes of binary header before a record document */
#define EXTRACT_MIN_CHARS 3        /* shorter runs are noise of binary data */
#define EXTRACT_MIN_LETTERS 2
#define EXTRACT_MAX_RUNS 256       /* units one string scan may emit */
#define EXTRACT_MAX_LINES 512      /* records one line scan may look at */
#define EXTRACT_MAX_DEPTH 8        /* nesting of MessagePack / protobuf values */
#define EXTRACT_MIN_VARINT 1000000 /* shorter varints are counts and enums, not ids or times */
#define EXTRACT_LEGACY_SPANS 4     /* legacy-charset spans one string scan may try (each costs
                                    * a language identification per plausible charset) */

typedef struct extract_target {
    const char *proto;
    uint8_t layers;
    uint8_t framing; /* LW_FRAMING_BINARY or LW_FRAMING_LINES */
} extract_target;

static bool extract_is_clean_text(const uint8_t *d, size_t len);

/* inspect_emit with the unit marked as found by the extractor. */
static void extract_emit(inspect_ctx *cx, const extract_target *t, inspect_unit_kind kind, const char *field,
                         const uint8_t *data, size_t len, uint16_t object)
{
    inspect_unit *u = inspect_emit(cx, kind, t->proto, field, data, len, t->layers, object);
    if (u != NULL)
        u->framing = t->framing;
}

/* A value of a MessagePack or CBOR document: under a map key it is a field of a document, as
 * in JSON (structured); an unnamed array element keeps the framing it was found in. */
static void extract_emit_value(inspect_ctx *cx, const extract_target *t, const char *key, const uint8_t *data,
                               size_t len, uint16_t object)
{
    inspect_unit *u = inspect_emit(cx, LW_UNIT_FIELD, t->proto, key, data, len, t->layers, object);
    if (u != NULL)
        u->framing = key[0] ? LW_FRAMING_STRUCTURED : t->framing;
}

/* ---- characters ------------------------------------------------------------------------ */

/* Valid UTF-8 made of text characters with at least EXTRACT_MIN_LETTERS letters. */
static bool extract_is_text(const uint8_t *d, size_t len)
{
    return text_clean_letters(d, len) >= EXTRACT_MIN_LETTERS;
}

/* Text a person wrote has words: two tokens of two letters or more, or three letters of a script
 * written without spaces. Runs of printable bytes in binary data rarely do (random bytes about
 * once in 150 KiB), so the string scan keeps only those. */
static bool extract_is_wordy(const uint8_t *d, size_t len)
{
    size_t words = 0, letters_in_token = 0, unspaced = 0;
    for (size_t i = 0; i <= len && words < 2 && unspaced < 3;) {
        uint32_t cp = ' ';
        size_t n = i < len ? text_utf8_next(d + i, len - i, &cp) : 1;
        if (n == 0)
            n = 1, cp = ' ';
        if (text_is_space(cp) || cp == ',' || cp == '.') {
            words += letters_in_token >= 2;
            letters_in_token = 0;
        } else if (text_is_letter(cp)) {
            letters_in_token++;
            unspaced += text_is_unspaced(cp);
        }
        i += n;
    }
    return words >= 2 || unspaced >= 3;
}

/* ---- UTF-8 and UTF-16 string scan ----------------------------------------------------------- */

typedef struct extract_run {
    size_t start, end;   /* byte range in the scanned buffer */
    size_t chars, letters;
    size_t latin1;       /* bytes 0xa0..0xff that are not UTF-8: the run is ISO 8859-1 */
    size_t multibyte;    /* UTF-8 sequences of two bytes or more: the run is UTF-8 */
    size_t ascii_letters, spaces;
} extract_run;

/* A record's 1- or 2-byte length prefix that happens to be printable would otherwise lead the
 * text ("#Hello, …" for a 35-byte string): drop it when it equals the rest of the run. */
static size_t extract_skip_length_prefix(const uint8_t *d, size_t start, size_t end)
{
    if (end - start >= 3 && d[start] == end - start - 1)
        return start + 1;
    if (end - start >= 4 && (size_t)(d[start] << 8 | d[start + 1]) == end - start - 2)
        return start + 2;
    return start;
}

/* A run of ISO 8859-1 (SMS gateways' data_coding 3, old IM clients) as UTF-8 in the arena. Only
 * when it reads like a Latin-script language: mostly ASCII letters, words, a few accents. */
static bool extract_emit_latin1_run(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t start,
                                    size_t end, const extract_run *r)
{
    if (r->spaces == 0 || r->ascii_letters * 10 < r->letters * 6)
        return false;
    uint8_t *out = inspect_alloc(cx, 2 * (end - start));
    size_t o = 0;
    if (out == NULL)
        return false;
    for (size_t i = start; i < end; i++)
        o += text_put_utf8(out + o, d[i]);
    inspect_trim(cx, out, o);
    if (!extract_is_wordy(out, o))
        return false;
    extract_emit(cx, t, LW_UNIT_TEXT, "latin1", out, o, 0);
    return true;
}

const uint8_t *inspect_visible_text(inspect_ctx *cx, const uint8_t *d, size_t len, size_t *out_len)
{
    static const struct {
        const char *entity;
        char c;
    } entities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&nbsp;", ' '}, {"&#39;", '\''}};
    if (len < 4 || d[0] != '<' || !memchr(d, '>', len))
        return NULL;
    uint8_t *out = inspect_alloc(cx, len);
    size_t o = 0;
    for (size_t i = 0; out != NULL && i < len;) {
        if (d[i] == '<') {
            const uint8_t *gt = memchr(d + i, '>', len - i);
            i = gt ? (size_t)(gt - d) + 1 : len;
            continue;
        }
        bool entity = false;
        for (size_t k = 0; d[i] == '&' && k < LW_ARRAY_LEN(entities) && !entity; k++) {
            size_t n = strlen(entities[k].entity);
            if (len - i >= n && strncasecmp((const char *)d + i, entities[k].entity, n) == 0)
                out[o++] = (uint8_t)entities[k].c, i += n, entity = true;
        }
        if (!entity)
            out[o++] = d[i++];
    }
    if (out != NULL)
        inspect_trim(cx, out, o);
    *out_len = o;
    return out;
}

/* The run as a unit when it reads as words (or is a JSON document); false when it is not text. */
static bool extract_emit_utf8_run(inspect_ctx *cx, const extract_target *t, const uint8_t *d, const extract_run *r)
{
    size_t start = extract_skip_length_prefix(d, r->start, r->end), end = r->end;
    while (start < end && (d[start] == ' ' || d[start] == '\r' || d[start] == '\n'))
        start++;
    while (end > start && (d[end - 1] == ' ' || d[end - 1] == '\r' || d[end - 1] == '\n'))
        end--;
    size_t visible_len;
    if (end > start && !r->latin1 && json_scan_looks_like_json(d + start, end - start)) {
        /* a JSON document inside a binary record (a Kafka or Redis stream value, a protobuf bytes field) */
        inspect_content(cx, t->proto, "", LW_UNIT_TEXT, d + start, end - start, (uint8_t)(t->layers | LW_LAYER_RECORD),
                        "application/json");
        return true;
    }
    const uint8_t *visible = end > start ? inspect_visible_text(cx, d + start, end - start, &visible_len) : NULL;
    if (visible != NULL && extract_is_wordy(visible, visible_len))
        extract_emit(cx, t, LW_UNIT_TEXT, "html", visible, visible_len, 0);
    else if (visible == NULL && end > start && r->latin1)
        return extract_emit_latin1_run(cx, t, d, start, end, r);
    else if (visible == NULL && end > start && extract_is_wordy(d + start, end - start))
        extract_emit(cx, t, LW_UNIT_TEXT, "utf8", d + start, end - start, 0);
    else
        return false;
    return true;
}

static bool extract_is_header_name(const uint8_t *p, size_t len, size_t *colon);
static bool extract_is_mail_header(const uint8_t *p, size_t colon);

#define EXTRACT_MAIL_LEAD 4 /* characters of a record's framing the run may start with (a length) */

/* Where a run that is a whole mail starts (a mail header, a blank line after the head): an RFC
 * 5322 message inside binary records (ActiveSync's WBXML, a queue's blob); len when none. */
static size_t extract_run_mail_at(const uint8_t *p, size_t len)
{
    size_t colon;
    if (!memmem(p, len, "\r\n\r\n", 4) && !memmem(p, len, "\n\n", 2))
        return len;
    for (size_t at = 0; at < len && at <= EXTRACT_MAIL_LEAD; at++)
        if (extract_is_header_name(p + at, len - at, &colon) && extract_is_mail_header(p + at, colon))
            return at;
    return len;
}

static void extract_run_end(inspect_ctx *cx, const extract_target *t, const uint8_t *d, extract_run *r,
                            uint8_t *claimed, size_t *emitted)
{
    if (r->chars >= EXTRACT_MIN_CHARS && r->letters >= EXTRACT_MIN_LETTERS) {
        size_t at = extract_run_mail_at(d + r->start, r->end - r->start);
        bool mail = at < r->end - r->start;
        if (mail)
            inspect_mail(cx, d + r->start + at, r->end - r->start - at);
        bool text = mail || extract_emit_utf8_run(cx, t, d, r);
        /* A run that is no text keeps its ASCII letters and digits from the UTF-16 scan (an id's
         * letters in pairs read as Han) and leaves it the rest (Sinhala UTF-16BE is CR, Latin-1,
         * CR …) */
        for (size_t i = r->start; i < r->end; i++)
            claimed[i] |= text || (d[i] < 0x80 && isalnum(d[i]));
        *emitted += text;
    }
    memset(r, 0, sizeof *r);
}

/* Runs of text characters, each UTF-8 or ISO 8859-1 but never both: a byte of the other
 * encoding ends the run (Java's modified UTF-8 separates YMSG fields with C0 80, which would
 * otherwise turn the UTF-8 text before it into Latin-1). */
static void extract_utf8_runs(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len,
                              uint8_t *claimed, size_t *emitted)
{
    extract_run r = {0};
    for (size_t i = 0; i <= len && *emitted < EXTRACT_MAX_RUNS && !inspect_full(cx);) {
        uint32_t cp = 0;
        size_t n = i < len && !claimed[i] ? text_utf8_next(d + i, len - i, &cp) : 0;
        bool latin1 = n == 0 && i < len && !claimed[i] && d[i] >= 0xa0; /* not UTF-8: an ISO 8859-1 letter or sign */
        if (latin1)
            n = 1, cp = d[i];
        if (n > 0 && text_is_text_char(cp) && !(latin1 ? r.multibyte : n > 1 && r.latin1)) {
            if (r.chars == 0)
                r.start = i;
            r.chars++;
            r.letters += text_is_letter(cp);
            r.ascii_letters += cp < 0x80 && text_is_letter(cp);
            r.spaces += cp == ' ';
            r.latin1 += latin1;
            r.multibyte += n > 1 && !latin1;
            i += n;
            r.end = i;
            continue;
        }
        bool restart = n > 1 && !latin1 && r.latin1 && text_is_text_char(cp); /* UTF-8 after Latin-1: a new run */
        extract_run_end(cx, t, d, &r, claimed, emitted);
        i += restart ? 0 : 1;
    }
}

static bool extract_is_ascii_pair(const uint8_t *p)
{
    return p[0] >= 0x20 && p[0] < 0x7f && p[1] >= 0x20 && p[1] < 0x7f;
}

/* Write the UTF-16 run as UTF-8 into the arena and emit it. */
static void extract_emit_utf16_run(inspect_ctx *cx, const extract_target *t, const uint8_t *d, const extract_run *r,
                                   bool big_endian)
{
    size_t cap = (r->end - r->start) * 2, o = 0;
    uint8_t *out = inspect_alloc(cx, cap);
    if (out == NULL)
        return;
    for (size_t i = r->start, step; i < r->end; i += step) {
        uint32_t cp = 0;
        if ((step = text_utf16_next(d + i, r->end - i, big_endian, &cp)) == 0)
            break; /* half a surrogate pair where the run was cut */
        if (o > 0 || cp >= 0x30) /* a record's length that reads as '\t' or '.' before the text */
            o += text_put_utf8(out + o, cp);
    }
    inspect_trim(cx, out, o);
    if (json_scan_looks_like_json(out, o))
        inspect_content(cx, t->proto, "", LW_UNIT_TEXT, out, o, (uint8_t)(t->layers | LW_LAYER_RECORD), "application/json");
    else if (extract_is_wordy(out, o))
        extract_emit(cx, t, LW_UNIT_TEXT, big_endian ? "utf16be" : "utf16le", out, o, 0);
}

/* The first claimed byte in [start, end), or end. */
static size_t extract_first_claimed(const uint8_t *claimed, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if (claimed[i])
            return i;
    return end;
}

static bool extract_overlaps(const uint8_t *claimed, size_t start, size_t end)
{
    return extract_first_claimed(claimed, start, end) < end;
}

/* A code point UTF-16 text is made of: printable ASCII and the common blocks of the world's
 * scripts. Bytes read at the wrong alignment or byte order land mostly outside them. */
static bool extract_is_utf16_plausible(uint32_t cp)
{
    static const uint32_t blocks[][2] = {
        {0x0020, 0x007e}, {0x00a0, 0x024f}, {0x0370, 0x03ff}, {0x0400, 0x04ff}, {0x0530, 0x06ff},
        {0x0900, 0x0dff}, {0x0e00, 0x0eff}, {0x1000, 0x109f}, {0x10a0, 0x10ff}, {0x1200, 0x137f},
        {0x1780, 0x17ff}, {0x2000, 0x206f}, {0x3000, 0x30ff}, {0x4e00, 0x9fff}, {0xac00, 0xd7a3},
        {0xff00, 0xffef}, {0x1f300, 0x1faff}};
    if (cp == '\n' || cp == '\r' || cp == '\t')
        return true;
    for (size_t i = 0; i < LW_ARRAY_LEN(blocks); i++)
        if (cp >= blocks[i][0] && cp <= blocks[i][1])
            return true;
    return false;
}

/* The script of a letter, to count switches between scripts inside a run: misread UTF-16
 * hops between blocks, real text stays in one (plus ASCII). 0: not a letter. */
static int extract_script(uint32_t cp)
{
    static const uint32_t starts[] = {0x0041, 0x0370, 0x0400, 0x0530, 0x0900, 0x0e00, 0x1000, 0x10a0,
                                      0x1200, 0x1780, 0x3000, 0xac00, 0xd7b0};
    if (!text_is_letter(cp))
        return 0;
    int script = 0;
    for (size_t i = 0; i < LW_ARRAY_LEN(starts) && cp >= starts[i]; i++)
        script = (int)i + 1;
    return script;
}

typedef struct extract_wide_run {
    size_t start, end;
    int score;          /* letters and twice the spaces, less three for each switch of script */
    bool big_endian;
} extract_wide_run;

#define EXTRACT_MAX_WIDE_RUNS 512

/* Keep the run [start, end) when it has enough letters, one non-ASCII code unit and a positive
 * score (letters, twice the spaces, less three a switch of script: a misaligned reading has no
 * spaces and hops between blocks). */
static void extract_wide_close(extract_wide_run *runs, size_t *n, size_t start, size_t end, size_t chars,
                               size_t letters, size_t spaces, size_t switches, bool foreign, bool big_endian)
{
    int score = (int)letters + 2 * (int)spaces - 3 * (int)switches;
    if (chars > EXTRACT_MIN_CHARS && letters >= EXTRACT_MIN_LETTERS && foreign && score > 0 && *n < EXTRACT_MAX_WIDE_RUNS)
        runs[(*n)++] = (extract_wide_run){start, end, score, big_endian};
}

/* Runs of one byte order and alignment, appended to runs[]. A run whose code units are all
 * pairs of printable ASCII bytes is ASCII text misread (the UTF-8 scan has it): left out. */
static void extract_utf16_collect(const uint8_t *d, size_t len, bool big_endian, size_t align,
                                  extract_wide_run *runs, size_t *n)
{
    size_t start = 0, chars = 0, letters = 0, switches = 0, spaces = 0;
    int script = 0;
    bool foreign = false;
    for (size_t i = align; i <= len && *n < EXTRACT_MAX_WIDE_RUNS;) {
        uint32_t cp = 0;
        size_t step = i < len ? text_utf16_next(d + i, len - i, big_endian, &cp) : 0;
        if (step > 0 && extract_is_utf16_plausible(cp)) {
            if (chars == 0)
                start = i, letters = switches = spaces = 0, script = 0, foreign = false;
            spaces += cp == ' ';
            int s = extract_script(cp);
            if (chars > 0 && s > 1 && script > 1 && s != script) { /* Sinhala then Han: the next record's bytes */
                extract_wide_close(runs, n, start, i, chars, letters, spaces, switches, foreign, big_endian);
                chars = 0;
                continue;
            }
            switches += s && script && s != script;
            script = s ? s : script;
            foreign |= !extract_is_ascii_pair(d + i);
            chars++;
            letters += s != 0;
            i += step;
            continue;
        }
        extract_wide_close(runs, n, start, i, chars, letters, spaces, switches, foreign, big_endian);
        chars = 0;
        i += 2;
    }
}

/* Best score first; on a tie (ASCII read little-endian or big-endian one byte later: the same
 * text) little-endian, the byte order of Windows and most wire formats. */
static int extract_by_score(const void *pa, const void *pb)
{
    const extract_wide_run *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->big_endian != b->big_endian)
        return a->big_endian ? 1 : -1;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* UTF-16 text of either byte order: every reading's runs, the most plausible first, each kept
 * unless a better one already claimed its bytes. */
static void extract_utf16_runs(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len,
                               uint8_t *claimed, size_t *emitted)
{
    size_t got, n = 0;
    extract_wide_run *runs = (extract_wide_run *)inspect_alloc_upto(cx, EXTRACT_MAX_WIDE_RUNS * sizeof *runs, &got);
    if (runs == NULL || got < EXTRACT_MAX_WIDE_RUNS * sizeof *runs)
        return;
    for (int reading = 0; reading < 4; reading++)
        extract_utf16_collect(d, len, reading >> 1, (size_t)(reading & 1), runs, &n);
    qsort(runs, n, sizeof *runs, extract_by_score);
    for (size_t i = 0; i < n && *emitted < EXTRACT_MAX_RUNS && !inspect_full(cx); i++) {
        /* a run into bytes already taken (the next record's ASCII magic) keeps what comes before */
        size_t start = runs[i].start, end = start + (extract_first_claimed(claimed, start, runs[i].end) - start) / 2 * 2;
        if (end - start < 2 * (EXTRACT_MIN_CHARS + 1))
            continue;
        memset(claimed + start, 1, end - start);
        extract_run r = {.start = start, .end = end};
        extract_emit_utf16_run(cx, t, d, &r, runs[i].big_endian);
        (*emitted)++;
    }
}

/* UTF-16 that says so: a byte order mark (FF FE little-endian, FE FF big-endian), then text as
 * far as it reads plausibly. Taken before the other scans, whose runs would cut it into pieces
 * (UTF-16LE kana and Han are mostly pairs of printable ASCII bytes). */
static void extract_bom_runs(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len, uint8_t *claimed,
                             size_t *emitted)
{
    for (size_t i = 0; i + 4 <= len && *emitted < EXTRACT_MAX_RUNS && !inspect_full(cx); i++) {
        bool big_endian = d[i] == 0xfe && d[i + 1] == 0xff;
        if (!big_endian && !(d[i] == 0xff && d[i + 1] == 0xfe))
            continue;
        size_t end = i + 2, chars = 0, letters = 0;
        uint32_t cp;
        for (size_t step; (step = text_utf16_next(d + end, len - end, big_endian, &cp)) > 0 && extract_is_utf16_plausible(cp);
             end += step)
            chars++, letters += text_is_letter(cp);
        if (chars < EXTRACT_MIN_CHARS || letters < EXTRACT_MIN_LETTERS)
            continue;
        extract_run r = {.start = i + 2, .end = end};
        extract_emit_utf16_run(cx, t, d, &r, big_endian);
        memset(claimed + i, 1, end - i);
        (*emitted)++;
        i = end - 1;
    }
}

/* ---- legacy charsets ------------------------------------------------------------------------ */

/* Printable bytes (ASCII and high) from `start` to the next control byte. */
static size_t extract_span_end(const uint8_t *d, size_t len, size_t start)
{
    size_t i = start;
    while (i < len && (d[i] >= 0x20 || d[i] == '\t' || d[i] == '\r' || d[i] == '\n') && d[i] != 0x7f)
        i++;
    return i;
}

/* High bytes of the span, or 0 when every one belongs to valid UTF-8 (the UTF-8 scan reads it). */
static size_t extract_non_utf8_high(const uint8_t *d, size_t len)
{
    size_t high = 0;
    bool invalid = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = d[i] < 0x80 ? 1 : text_utf8_next(d + i, len - i, &cp);
        invalid |= n == 0;
        high += d[i] >= 0x80;
        i += n ? n : 1;
    }
    return invalid ? high : 0;
}

/* Text in a legacy charset (charset.h): spans of printable and high bytes, not UTF-8, with at
 * least CHARSET_MIN_HIGH high bytes, decoded to UTF-8 when a charset reads reliably as one of
 * its languages. Their bytes are claimed: the UTF-8 and UTF-16 scans leave them. */
static void extract_legacy_runs(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len,
                                uint8_t *claimed, size_t *emitted)
{
    size_t tries = 0;
    for (size_t i = 0, end; i < len && tries < EXTRACT_LEGACY_SPANS && !inspect_full(cx); i = end + 1) {
        end = extract_span_end(d, len, i);
        size_t n = end - i < CHARSET_MAX_BYTES ? end - i : CHARSET_MAX_BYTES;
        if (extract_overlaps(claimed, i, i + n) || extract_non_utf8_high(d + i, n) < CHARSET_MIN_HIGH)
            continue;
        tries++;
        size_t cap = 3 * n + 4, out_len;
        const char *charset;
        uint8_t *out = inspect_alloc(cx, cap);
        if (out == NULL || !charset_recognise(d + i, n, out, cap, &out_len, &charset))
            continue;
        inspect_trim(cx, out, out_len);
        extract_emit(cx, t, LW_UNIT_TEXT, charset, out, out_len, 0);
        memset(claimed + i, 1, n);
        (*emitted)++;
    }
}

/* Every run of text in binary bytes: UTF-16 behind a byte order mark first, then legacy charsets
 * (their high bytes would otherwise read as Latin-1 or UTF-16), then UTF-8, then UTF-16 where
 * none found anything. */
static void extract_strings(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    size_t got;
    uint8_t *claimed = inspect_alloc_upto(cx, len, &got);
    if (claimed == NULL || got < len)
        return;
    memset(claimed, 0, len);
    size_t emitted = 0;
    extract_bom_runs(cx, t, d, len, claimed, &emitted);
    extract_legacy_runs(cx, t, d, len, claimed, &emitted);
    extract_utf8_runs(cx, t, d, len, claimed, &emitted);
    extract_utf16_runs(cx, t, d, len, claimed, &emitted);
}

/* ---- MessagePack ---------------------------------------------------------------------------- */

typedef struct extract_pack {
    inspect_ctx *cx;
    const extract_target *t;
    const uint8_t *d;
    size_t len, pos;
    uint16_t object;
    bool emit;            /* false: validate only */
    uint32_t strings;     /* string values seen */
} extract_pack;

static bool extract_pack_take(extract_pack *p, size_t n, const uint8_t **at)
{
    if (n > p->len - p->pos)
        return false;
    *at = p->d + p->pos;
    p->pos += n;
    return true;
}

static bool extract_pack_uint(extract_pack *p, size_t width, uint64_t *v)
{
    const uint8_t *b;
    if (!extract_pack_take(p, width, &b))
        return false;
    *v = 0;
    for (size_t i = 0; i < width; i++)
        *v = *v << 8 | b[i];
    return true;
}

static bool extract_pack_value(extract_pack *p, const char *key, int depth);

/* The length of a str/bin/array/map header at the current byte (0xff: not such a header). */
typedef enum { PACK_SCALAR, PACK_STR, PACK_BIN, PACK_ARRAY, PACK_MAP, PACK_EXT } pack_kind;

static bool extract_pack_head(extract_pack *p, pack_kind *kind, uint64_t *n)
{
    const uint8_t *b;
    if (!extract_pack_take(p, 1, &b))
        return false;
    uint8_t c = b[0];
    static const uint8_t fixed[] = {[0xc0 - 0xc0] = 0, [0xc2 - 0xc0] = 0, [0xc3 - 0xc0] = 0, [0xca - 0xc0] = 4,
                                    [0xcb - 0xc0] = 8, [0xcc - 0xc0] = 1, [0xcd - 0xc0] = 2, [0xce - 0xc0] = 4,
                                    [0xcf - 0xc0] = 8, [0xd0 - 0xc0] = 1, [0xd1 - 0xc0] = 2, [0xd2 - 0xc0] = 4,
                                    [0xd3 - 0xc0] = 8};
    *kind = PACK_SCALAR;
    *n = 0;
    if (c <= 0x7f || c >= 0xe0)
        return true;
    if (c >= 0xa0 && c <= 0xbf)
        return *kind = PACK_STR, *n = c & 0x1f, true;
    if (c >= 0x90 && c <= 0x9f)
        return *kind = PACK_ARRAY, *n = c & 0x0f, true;
    if (c >= 0x80 && c <= 0x8f)
        return *kind = PACK_MAP, *n = c & 0x0f, true;
    if (c == 0xc1)
        return false;
    if (c <= 0xd3 && (c <= 0xc3 || c >= 0xca)) {
        const uint8_t *skip;
        return extract_pack_take(p, fixed[c - 0xc0], &skip);
    }
    if (c >= 0xd4 && c <= 0xd8) { /* fixext 1..16: type byte + data */
        const uint8_t *skip;
        return extract_pack_take(p, (size_t)1 + (1u << (c - 0xd4)), &skip);
    }
    static const struct {
        uint8_t first;
        pack_kind kind;
    } sized[] = {{0xc4, PACK_BIN}, {0xc7, PACK_EXT}, {0xd9, PACK_STR}, {0xdc, PACK_ARRAY}, {0xde, PACK_MAP}};
    for (size_t i = 0; i < LW_ARRAY_LEN(sized); i++) {
        size_t span = sized[i].kind == PACK_ARRAY || sized[i].kind == PACK_MAP ? 2 : 3;
        if (c >= sized[i].first && c < sized[i].first + span) {
            size_t width = sized[i].kind == PACK_ARRAY || sized[i].kind == PACK_MAP ? 2u << (c - sized[i].first)
                                                                                       : 1u << (c - sized[i].first);
            *kind = sized[i].kind;
            return extract_pack_uint(p, width, n);
        }
    }
    return false;
}

static bool extract_pack_string(extract_pack *p, uint64_t n, const char *key, const uint8_t **s)
{
    if (!extract_pack_take(p, (size_t)(n > p->len ? p->len + 1 : n), s))
        return false;
    if (!p->emit)
        return p->strings++, true;
    if (key != NULL && n > 0)
        extract_emit_value(p->cx, p->t, key, *s, (size_t)n, p->object);
    return true;
}

static bool extract_pack_map(extract_pack *p, uint64_t n, int depth)
{
    for (uint64_t i = 0; i < n; i++) {
        pack_kind kind;
        uint64_t klen;
        const uint8_t *k = NULL;
        char key[32] = "";
        if (!extract_pack_head(p, &kind, &klen))
            return false;
        if (kind == PACK_STR) {
            if (!extract_pack_take(p, (size_t)(klen > p->len ? p->len + 1 : klen), &k))
                return false;
            snprintf(key, sizeof key, "%.*s", (int)(klen < 31 ? klen : 31), (const char *)k);
        } else if (kind != PACK_SCALAR) {
            return false; /* keys that are containers: not a document we read */
        }
        if (!extract_pack_value(p, key, depth + 1))
            return false;
    }
    return true;
}

/* The string at p->pos, not consumed; NULL when the next value is something else. */
static const uint8_t *extract_pack_peek_string(const extract_pack *p, uint64_t *n)
{
    extract_pack q = *p;
    pack_kind kind;
    const uint8_t *s;
    return extract_pack_head(&q, &kind, n) && kind == PACK_STR && extract_pack_take(&q, (size_t)*n, &s) ? s : NULL;
}

/* A top-level array's elements after an event or method name ("SendMessage") are its
 * arguments: named by it. */
static bool extract_pack_array(extract_pack *p, uint64_t n, const char *key, int depth)
{
    char event[INSPECT_MAX_EVENT_NAME + 1];
    bool named = false;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t len;
        const uint8_t *s = extract_pack_peek_string(p, &len);
        if (!extract_pack_value(p, key, depth + 1))
            return false;
        if (s != NULL && depth == 0 && !named && inspect_is_event_name(s, (size_t)len)) {
            memcpy(event, s, (size_t)len);
            event[len] = '\0';
            key = event;
            named = true;
        }
    }
    return true;
}

static bool extract_pack_value(extract_pack *p, const char *key, int depth)
{
    pack_kind kind;
    uint64_t n;
    const uint8_t *s;
    if (depth > EXTRACT_MAX_DEPTH || !extract_pack_head(p, &kind, &n))
        return false;
    switch (kind) {
    case PACK_STR:
        return extract_pack_string(p, n, key, &s);
    case PACK_BIN:
    case PACK_EXT:
        return extract_pack_take(p, (size_t)(n + (kind == PACK_EXT) > p->len ? p->len + 1 : n + (kind == PACK_EXT)), &s);
    case PACK_ARRAY:
        return extract_pack_array(p, n, key, depth);
    case PACK_MAP:
        return extract_pack_map(p, n, depth);
    default:
        return true;
    }
}

/* One document from p->pos that is a map or an array; false when it is not valid MessagePack. */
static bool extract_pack_document(extract_pack *p)
{
    if (p->pos >= p->len || !((p->d[p->pos] >= 0x80 && p->d[p->pos] <= 0x9f) || p->d[p->pos] >= 0xdc))
        return false;
    if (p->d[p->pos] >= 0xe0)
        return false;
    return extract_pack_value(p, "", 0);
}

/* SignalR's MessagePack hub protocol prefixes each message with its length as a varint. */
static bool extract_varint(const uint8_t *d, size_t len, size_t *pos, uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 64 && *pos < len; shift += 7) {
        uint8_t b = d[(*pos)++];
        *v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

/* Walk the buffer as documents (prefixed or not); the whole buffer must parse. */
static bool extract_pack_walk(extract_pack *p, bool prefixed)
{
    uint32_t documents = 0;
    p->pos = 0;
    while (p->pos < p->len) {
        size_t end = p->len;
        if (prefixed) {
            uint64_t n;
            if (!extract_varint(p->d, p->len, &p->pos, &n) || n == 0 || n > p->len - p->pos)
                return false;
            end = p->pos + (size_t)n;
        }
        size_t saved_len = p->len;
        p->len = end;
        if (p->emit && p->cx != NULL)
            p->object = inspect_new_object(p->cx);
        bool ok = extract_pack_document(p);
        p->len = saved_len;
        if (!ok || (prefixed && p->pos != end))
            return false;
        documents++;
    }
    return documents > 0;
}

static bool extract_msgpack(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    for (int prefixed = 0; prefixed < 2; prefixed++) {
        extract_pack check = {.d = d, .len = len};
        if (!extract_pack_walk(&check, prefixed) || check.strings == 0)
            continue;
        extract_pack emit = {.cx = cx, .t = t, .d = d, .len = len, .emit = true};
        extract_pack_walk(&emit, prefixed);
        return true;
    }
    return false;
}

/* ---- CBOR (RFC 8949) ------------------------------------------------------------------------ */

/* A walk over one self-delimiting document (CBOR, bencode): a check pass, then an emitting one. */
typedef struct extract_walk {
    inspect_ctx *cx;
    const extract_target *t;
    const uint8_t *d;
    size_t len, pos;
    uint16_t object;     /* CBOR: the map being walked */
    bool emit;
    uint32_t strings;    /* text strings seen */
} extract_walk;

/* One head: major type, argument, or indefinite length (info 31). */
static bool extract_cbor_head(extract_walk *c, uint8_t *major, uint64_t *arg, bool *indefinite)
{
    if (c->pos >= c->len)
        return false;
    uint8_t b = c->d[c->pos++], info = b & 31;
    *major = b >> 5;
    *indefinite = info == 31;
    *arg = info;
    if (info < 24 || info == 31)
        return info < 28 || info == 31;
    if (info > 27)
        return false;
    size_t n = (size_t)1 << (info - 24);
    if (n > c->len - c->pos)
        return false;
    *arg = 0;
    for (size_t i = 0; i < n; i++)
        *arg = *arg << 8 | c->d[c->pos++];
    return true;
}

static bool extract_cbor_break(extract_walk *c)
{
    if (c->pos < c->len && c->d[c->pos] == 0xff) {
        c->pos++;
        return true;
    }
    return false;
}

static bool extract_cbor_value(extract_walk *c, const char *key, int depth);

static bool extract_cbor_string(extract_walk *c, uint8_t major, uint64_t n, const char *key)
{
    if (n > c->len - c->pos)
        return false;
    const uint8_t *s = c->d + c->pos;
    c->pos += (size_t)n;
    if (major == 3 && n > 0) {
        c->strings++;
        if (c->emit)
            extract_emit_value(c->cx, c->t, key, s, (size_t)n, c->object);
    }
    return true;
}

static bool extract_cbor_value(extract_walk *c, const char *key, int depth)
{
    uint8_t major;
    uint64_t n;
    bool indefinite;
    if (depth > EXTRACT_MAX_DEPTH || !extract_cbor_head(c, &major, &n, &indefinite))
        return false;
    if (indefinite && (major < 2 || major > 5))
        return false;
    switch (major) {
    case 2:
    case 3:
        if (!indefinite)
            return extract_cbor_string(c, major, n, key);
        while (!extract_cbor_break(c)) { /* chunks of the same major type */
            uint8_t m;
            bool inner;
            if (!extract_cbor_head(c, &m, &n, &inner) || m != major || inner || !extract_cbor_string(c, major, n, key))
                return false;
        }
        return true;
    case 4:
        for (uint64_t i = 0; indefinite ? !extract_cbor_break(c) : i < n; i++)
            if (c->pos >= c->len || !extract_cbor_value(c, key, depth + 1))
                return false;
        return true;
    case 5:
        for (uint64_t i = 0; indefinite ? !extract_cbor_break(c) : i < n; i++) {
            char name[32] = "";
            if (c->pos < c->len && (c->d[c->pos] >> 5) == 3) { /* a text key names the value */
                uint8_t m;
                uint64_t klen;
                bool inner;
                if (!extract_cbor_head(c, &m, &klen, &inner) || inner || klen > c->len - c->pos)
                    return false;
                snprintf(name, sizeof name, "%.*s", (int)(klen < 31 ? klen : 31), (const char *)c->d + c->pos);
                c->pos += (size_t)klen;
            } else if (!extract_cbor_value(c, "", depth + 1)) {
                return false;
            }
            if (!extract_cbor_value(c, name, depth + 1))
                return false;
        }
        return true;
    case 6:
        return extract_cbor_value(c, key, depth + 1);
    default:
        return true; /* integers, simple values and floats: their heads carried them */
    }
}

/* A sequence of CBOR maps or arrays covering the whole buffer, holding text. */
static bool extract_cbor_walk(extract_walk *c)
{
    uint32_t items = 0;
    for (c->pos = 0; c->pos < c->len; items++) {
        uint8_t first = c->d[c->pos] >> 5;
        if (first != 4 && first != 5)
            return false;
        if (c->emit)
            c->object = inspect_new_object(c->cx);
        if (!extract_cbor_value(c, "", 0))
            return false;
    }
    return items > 0;
}

static bool extract_cbor(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    extract_walk check = {.d = d, .len = len};
    if (!extract_cbor_walk(&check) || check.strings == 0)
        return false;
    extract_walk emit = {.cx = cx, .t = t, .d = d, .len = len, .emit = true};
    extract_cbor_walk(&emit);
    return true;
}

/* ---- protobuf ----------------------------------------------------------------------------- */

typedef struct extract_proto {
    inspect_ctx *cx;
    const extract_target *t;
    bool emit;
    uint32_t strings;
} extract_proto;

static bool extract_proto_message(extract_proto *pb, const uint8_t *d, size_t len, uint16_t object, int depth);

static void extract_proto_varint_field(extract_proto *pb, uint64_t field, uint64_t v, uint16_t object)
{
    char name[16], digits[24];
    if (!pb->emit || v < EXTRACT_MIN_VARINT)
        return;
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    uint8_t *out = inspect_alloc(pb->cx, (size_t)n);
    if (out == NULL)
        return;
    memcpy(out, digits, (size_t)n);
    snprintf(name, sizeof name, "pb:%llu", (unsigned long long)field);
    extract_emit(pb->cx, pb->t, LW_UNIT_FIELD, name, out, (size_t)n, object);
}

/* A length-delimited value: a nested message (its own object), or text, or bytes. A nested
 * message usually starts with a tag byte below 0x20 ('\n' is field 1): tried first then. */
static bool extract_proto_nested(extract_proto *pb, const uint8_t *v, size_t n, int depth)
{
    extract_proto probe = {NULL, NULL, false, 0};
    if (depth >= EXTRACT_MAX_DEPTH || !extract_proto_message(&probe, v, n, 0, depth + 1) || probe.strings == 0)
        return false;
    extract_proto_message(pb, v, n, pb->emit ? inspect_new_object(pb->cx) : 0, depth + 1);
    pb->strings += probe.strings;
    return true;
}

static bool extract_proto_bytes(extract_proto *pb, uint64_t field, const uint8_t *v, size_t n, uint16_t object,
                                int depth)
{
    if (n > 0 && v[0] < 0x20 && extract_proto_nested(pb, v, n, depth))
        return true;
    if (n > 0 && extract_is_text(v, n)) {
        char name[16];
        pb->strings++;
        snprintf(name, sizeof name, "pb:%llu", (unsigned long long)field);
        if (pb->emit)
            extract_emit(pb->cx, pb->t, LW_UNIT_FIELD, name, v, n, object);
        return true;
    }
    if (n > 0)
        extract_proto_nested(pb, v, n, depth);
    return true; /* bytes (an image, a key): fine, nothing to read */
}

static bool extract_proto_message(extract_proto *pb, const uint8_t *d, size_t len, uint16_t object, int depth)
{
    size_t pos = 0;
    uint32_t fields = 0;
    while (pos < len) {
        uint64_t key, v;
        if (!extract_varint(d, len, &pos, &key) || key >> 3 == 0 || key >> 3 > 536870911u)
            return false;
        switch (key & 7) {
        case 0:
            if (!extract_varint(d, len, &pos, &v))
                return false;
            extract_proto_varint_field(pb, key >> 3, v, object);
            break;
        case 1:
        case 5:
            if ((key & 7) == 1 ? len - pos < 8 : len - pos < 4)
                return false;
            pos += (key & 7) == 1 ? 8 : 4;
            break;
        case 2:
            if (!extract_varint(d, len, &pos, &v) || v > len - pos)
                return false;
            if (!extract_proto_bytes(pb, key >> 3, d + pos, (size_t)v, object, depth))
                return false;
            pos += (size_t)v;
            break;
        default:
            return false; /* groups (deprecated) and invalid wire types */
        }
        fields++;
    }
    return fields > 0;
}

static bool extract_protobuf(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    extract_proto check = {NULL, NULL, false, 0};
    if (!extract_proto_message(&check, d, len, 0, 0) || check.strings == 0)
        return false;
    extract_proto emit = {cx, t, true, 0};
    extract_proto_message(&emit, d, len, inspect_new_object(cx), 0);
    return true;
}

/* ---- bencode -------------------------------------------------------------------------------- */

/* BitTorrent's encoding (BEP 3), which peer-to-peer chat uses too: i<n>e, <len>:<bytes>, l…e and
 * d…e with string keys. Two passes, as for CBOR: the whole input must be one list or dictionary
 * holding text; then a dictionary's text values are FIELDs named by their key. */
static bool extract_bencode_string(extract_walk *b, const uint8_t **s, size_t *n)
{
    size_t v = 0, start = b->pos;
    while (b->pos < b->len && b->pos - start < 9 && b->d[b->pos] >= '0' && b->d[b->pos] <= '9')
        v = v * 10 + (size_t)(b->d[b->pos++] - '0');
    if (b->pos == start || b->pos >= b->len || b->d[b->pos] != ':' || v > b->len - b->pos - 1)
        return false;
    *s = b->d + b->pos + 1;
    *n = v;
    b->pos += 1 + v;
    return true;
}

static bool extract_bencode_value(extract_walk *b, const char *key, uint16_t object, int depth)
{
    if (b->pos >= b->len || depth > EXTRACT_MAX_DEPTH)
        return false;
    uint8_t c = b->d[b->pos];
    if (c == 'i') {
        b->pos++;
        b->pos += b->pos < b->len && b->d[b->pos] == '-';
        size_t start = b->pos;
        while (b->pos < b->len && b->d[b->pos] >= '0' && b->d[b->pos] <= '9')
            b->pos++;
        return b->pos > start && b->pos < b->len && b->d[b->pos++] == 'e';
    }
    if (c == 'l' || c == 'd') {
        uint16_t inner = c == 'd' && b->emit ? inspect_new_object(b->cx) : object;
        for (b->pos++; b->pos < b->len && b->d[b->pos] != 'e';) {
            char name[32] = "";
            const uint8_t *k;
            size_t kn;
            if (c == 'd' && !extract_bencode_string(b, &k, &kn))
                return false;
            if (c == 'd')
                snprintf(name, sizeof name, "%.*s", (int)(kn < sizeof name - 1 ? kn : sizeof name - 1), (const char *)k);
            if (!extract_bencode_value(b, c == 'd' ? name : key, inner, depth + 1))
                return false;
        }
        return b->pos++ < b->len;
    }
    const uint8_t *text;
    size_t n;
    if (!extract_bencode_string(b, &text, &n))
        return false;
    if (extract_is_text(text, n)) {
        b->strings++;
        if (b->emit)
            extract_emit_value(b->cx, b->t, key, text, n, object);
    }
    return true;
}

static bool extract_bencode(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    if (len < 4 || (d[0] != 'd' && d[0] != 'l'))
        return false;
    extract_walk check = {.d = d, .len = len};
    if (!extract_bencode_value(&check, "", 0, 0) || check.pos != len || check.strings == 0)
        return false;
    extract_walk emit = {.cx = cx, .t = t, .d = d, .len = len, .emit = true};
    extract_bencode_value(&emit, "", 0, 0);
    return true;
}

/* ---- gRPC framing ---------------------------------------------------------------------------- */

/* gRPC and gRPC-web: [flags 0x00/0x01 (compressed) or 0x80 (gRPC-web trailers)][4-byte length]. */
static bool extract_grpc(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    size_t pos = 0, frames = 0;
    while (pos + 5 <= len) {
        uint8_t flags = d[pos];
        size_t n = (size_t)d[pos + 1] << 24 | (size_t)d[pos + 2] << 16 | (size_t)d[pos + 3] << 8 | d[pos + 4];
        if ((flags & 0x7e) != 0 || n > len - pos - 5)
            return false;
        pos += 5 + n;
        frames++;
    }
    if (pos != len || frames == 0)
        return false;
    for (pos = 0; pos < len;) {
        size_t n = (size_t)d[pos + 1] << 24 | (size_t)d[pos + 2] << 16 | (size_t)d[pos + 3] << 8 | d[pos + 4];
        if (d[pos] == 0x80)
            inspect_extract_lines(cx, t->proto, d + pos + 5, n, t->layers); /* trailers: header lines */
        else if (n > 0)
            inspect_content(cx, t->proto, "", LW_UNIT_TEXT, d + pos + 5, n, t->layers, NULL);
        pos += 5 + n;
    }
    return true;
}

/* Bytes with control characters or invalid UTF-8 (as binary records have), not text that a
 * stray tab or form feed would disqualify. */
static bool extract_is_clean_text(const uint8_t *d, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = text_utf8_next(d + i, len - i, &cp);
        if (n == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f'))
            return false;
        i += n;
    }
    return true;
}

/* A short binary header (CoAP's code, options and 0xFF payload marker; a game's packet id)
 * before a MessagePack or CBOR document: the document at the first offset where one parses to
 * the very end. */
static bool extract_after_header(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    for (size_t at = 1; at <= EXTRACT_MAX_HEADER && at + EXTRACT_MIN_CHARS <= len; at++)
        if ((d[at] >= 0x80 && d[at] <= 0xbf) || (d[at] >= 0xdc && d[at] <= 0xdf))
            if (extract_cbor(cx, t, d + at, len - at) || extract_msgpack(cx, t, d + at, len - at))
                return true;
    return false;
}

/* One record's document: MessagePack, CBOR, bencode or protobuf, parsed to its very end. */
static bool extract_document(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    return extract_msgpack(cx, t, d, len) || extract_cbor(cx, t, d, len) || extract_bencode(cx, t, d, len) ||
           extract_protobuf(cx, t, d, len);
}

#define EXTRACT_MAX_RECORDS 128 /* records of one buffer read one by one */

static size_t extract_record_length(const uint8_t *p, size_t width)
{
    return width == 4 ? (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3] : (size_t)p[0] << 8 | p[1];
}

/* Records behind a 4- or 2-byte big-endian length that tile the bytes exactly, two or more (the
 * framing of many IM and peer-to-peer protocols): each record's document, when at least one
 * record holds one (nothing is emitted otherwise); then the string scan of the records that
 * hold none. */
static bool extract_length_records(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    for (size_t width = 4; width >= 2; width -= 2) {
        size_t off = 0, records = 0, documents = 0;
        for (size_t n; off + width < len && records <= EXTRACT_MAX_RECORDS; off += width + n, records++)
            if ((n = extract_record_length(d + off, width)) == 0 || n > len - off - width)
                break;
        if (off != len || records < 2 || records > EXTRACT_MAX_RECORDS)
            continue;
        bool document[EXTRACT_MAX_RECORDS];
        off = 0;
        for (size_t i = 0; i < records; i++) {
            size_t n = extract_record_length(d + off, width);
            documents += document[i] = !inspect_full(cx) && extract_document(cx, t, d + off + width, n);
            off += width + n;
        }
        if (documents == 0 || !inspect_enter_layer(cx))
            return documents > 0;
        off = 0;
        for (size_t i = 0; i < records; i++) {
            size_t n = extract_record_length(d + off, width);
            if (!document[i])
                extract_strings(cx, t, d + off + width, n);
            off += width + n;
        }
        inspect_leave_layer(cx);
        return true;
    }
    return false;
}

#define EXTRACT_COMPRESSED_AT 16 /* how far into bytes a zlib or gzip stream may start (a packet header) */

/* A zlib or gzip stream after a short header (a game's or an app's compressed batch): inflated,
 * the result extracted as bytes of their own. */
static bool extract_compressed(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len)
{
    size_t at = inspect_compressed_at(d, len, EXTRACT_COMPRESSED_AT), cap;
    uint8_t *out;
    if (at + 3 >= len || !inspect_enter_layer(cx))
        return false;
    out = inspect_alloc_upto(cx, inspect_inflate_limit(cx), &cap);
    long n = out ? inspect_inflate(d + at, len - at, out, cap) : -1;
    bool found = n >= EXTRACT_MIN_CHARS;
    if (out)
        inspect_trim(cx, out, found ? (size_t)n : 0);
    if (found)
        inspect_extract(cx, t->proto, out, (size_t)n, (uint8_t)(t->layers | LW_LAYER_GZIP));
    inspect_leave_layer(cx);
    return found;
}

bool inspect_extract_compressed(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len)
{
    extract_target t = {proto, 0, LW_FRAMING_BINARY};
    return len >= EXTRACT_MIN_CHARS && !inspect_full(cx) && extract_compressed(cx, &t, data, len);
}

bool inspect_extract_records(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len, uint8_t layers)
{
    extract_target t = {proto, layers, LW_FRAMING_BINARY};
    if (len < EXTRACT_MIN_CHARS || inspect_full(cx) || extract_is_clean_text(data, len))
        return false;
    return extract_grpc(cx, &t, data, len) || extract_document(cx, &t, data, len) ||
           extract_length_records(cx, &t, data, len) || extract_after_header(cx, &t, data, len) ||
           extract_compressed(cx, &t, data, len);
}

void inspect_extract_binary(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len, uint8_t layers)
{
    extract_target t = {proto, layers, LW_FRAMING_BINARY};
    if (inspect_extract_records(cx, proto, data, len, layers) || len < EXTRACT_MIN_CHARS || inspect_full(cx) ||
        !inspect_enter_layer(cx))
        return;
    extract_strings(cx, &t, data, len);
    inspect_leave_layer(cx);
}

/* ---- line protocols ------------------------------------------------------------------------ */

static bool extract_is_header_name(const uint8_t *p, size_t len, size_t *colon)
{
    size_t i = 0;
    while (i < len && i < 40 &&
           (((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') || p[i] == '-' || (i && p[i] >= '0' && p[i] <= '9')))
        i++;
    *colon = i;
    return i >= 2 && i < len && p[i] == ':' && (i + 1 == len || p[i + 1] == ' ' || p[i + 1] == '\t');
}

typedef struct extract_line {
    const uint8_t *p;
    size_t len;      /* without the line break */
    size_t next;     /* offset of the following line */
} extract_line;

static bool extract_next_line(const uint8_t *d, size_t len, size_t pos, extract_line *l)
{
    if (pos >= len)
        return false;
    const uint8_t *nl = memchr(d + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - d) : len;
    l->p = d + pos;
    l->len = end - pos;
    while (l->len && (l->p[l->len - 1] == '\r' || l->p[l->len - 1] == 0x1e || l->p[l->len - 1] == 0))
        l->len--;
    l->next = nl ? end + 1 : len;
    return true;
}

/* Headers a mail has and few other heads do. */
static bool extract_is_mail_header(const uint8_t *p, size_t colon)
{
    static const char *const names[] = {"From", "To", "Subject", "Date", "Received", "Message-ID", "MIME-Version",
                                        "Return-Path", "Cc", "Reply-To", "In-Reply-To"};
    for (size_t i = 0; i < LW_ARRAY_LEN(names); i++)
        if (strlen(names[i]) == colon && strncasecmp((const char *)p, names[i], colon) == 0)
            return true;
    return false;
}

/* A head of at least two "Name: value" lines then a blank line, with a body up to a line with a
 * single "." (SMTP/POP3/NNTP end of data) or the end. A mail's head (two of From, To, Subject …)
 * goes with its body to the mail decoder (MIME, base64, quoted-printable, charsets); any other
 * head gives its fields (one object) and its body (one TEXT unit "body"). Returns the offset after
 * the block, or `pos` when there is none; *head_end says how far head-like lines went either way
 * (they need not be looked at as heads again). */
static size_t extract_header_block(inspect_ctx *cx, const extract_target *t, const uint8_t *d, size_t len, size_t pos,
                                   size_t *head_end)
{
    extract_line l;
    size_t at = pos, names = 0, mail = 0, colon;
    while (extract_next_line(d, len, at, &l) && l.len > 0 &&
           (extract_is_header_name(l.p, l.len, &colon) || (names && (l.p[0] == ' ' || l.p[0] == '\t')))) {
        if (l.p[0] != ' ' && l.p[0] != '\t')
            names++, mail += extract_is_mail_header(l.p, colon);
        at = l.next;
    }
    *head_end = at;
    if (names < 2 || !extract_next_line(d, len, at, &l) || l.len != 0)
        return pos;
    size_t body = l.next, end = body;
    while (extract_next_line(d, len, end, &l) && !(l.len == 1 && l.p[0] == '.'))
        end = l.next;
    size_t after = extract_next_line(d, len, end, &l) ? l.next : len;
    if (mail >= 2) {
        inspect_mail(cx, d + pos, end - pos);
        return after;
    }
    uint16_t object = inspect_new_object(cx);
    for (size_t h = pos; h < at && extract_next_line(d, len, h, &l); h = l.next) {
        if (!extract_is_header_name(l.p, l.len, &colon))
            continue;
        char name[32];
        size_t v = colon + 1;
        while (v < l.len && (l.p[v] == ' ' || l.p[v] == '\t'))
            v++;
        snprintf(name, sizeof name, "%.*s", (int)(colon < 31 ? colon : 31), (const char *)l.p);
        if (v < l.len)
            extract_emit(cx, t, LW_UNIT_FIELD, name, l.p + v, l.len - v, object);
    }
    size_t body_end = end;
    while (body_end > body && (d[body_end - 1] == '\n' || d[body_end - 1] == '\r'))
        body_end--;
    if (body_end > body)
        extract_emit(cx, t, LW_UNIT_TEXT, "body", d + body, body_end - body, object);
    return after;
}

static bool extract_is_verb(const uint8_t *p, size_t len)
{
    if (len < 2 || len > 16)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '_' || p[i] == '-'))
            return false;
    return p[0] >= 'A' && p[0] <= 'Z';
}

static const uint8_t *extract_skip_word(const uint8_t *p, const uint8_t *end)
{
    while (p < end && *p != ' ' && *p != '\t')
        p++;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* A machine header, then ':' and the words (APRS-IS "CALL>PATH::ADDRESSEE:text", a gateway's
 * "ID-7:text"): the header is one token (padding aside) with a digit and no lower-case word;
 * the words after its last ':' become a TEXT unit of their own (field "said"), so that the
 * header's call signs do not hide the sentence. */
static void extract_addressed_text(inspect_ctx *cx, const extract_target *t, const uint8_t *p, size_t len)
{
    size_t colon = 0, limit = len < 64 ? len : 64, digits = 0, lower_run = 0;
    for (size_t i = 0; i < limit; i++)
        if (p[i] == ':')
            colon = i;
    if (colon < 3 || colon + 1 >= len)
        return;
    for (size_t i = 0; i < colon; i++) {
        digits += p[i] >= '0' && p[i] <= '9';
        lower_run = p[i] >= 'a' && p[i] <= 'z' ? lower_run + 1 : 0;
        if (lower_run >= 3 || (p[i] == ' ' && i + 1 < colon && p[i + 1] != ' ' && p[i + 1] != ':'))
            return;
    }
    if (digits > 0 && extract_is_wordy(p + colon + 1, len - colon - 1))
        extract_emit(cx, t, LW_UNIT_TEXT, "said", p + colon + 1, len - colon - 1, 0);
}

/* "[@tags] [:prefix] VERB [params] [:trailing]": the trailing text (else the words after the
 * verb) as a TEXT unit named by the verb in lower case, and the middle parameters (a target:
 * a channel, a nick, a number) as a FIELD "target" of the same object. Other lines: the
 * whole line, field "line". */
static void extract_command_line(inspect_ctx *cx, const extract_target *t, const uint8_t *p, size_t len)
{
    const uint8_t *end = p + len, *q = p;
    if (q < end && *q == '@')
        q = extract_skip_word(q, end);
    if (q < end && *q == ':')
        q = extract_skip_word(q, end);
    const uint8_t *verb_end = q;
    while (verb_end < end && *verb_end != ' ' && *verb_end != '\t')
        verb_end++;
    if (!extract_is_verb(q, (size_t)(verb_end - q)) || verb_end == end) {
        extract_emit(cx, t, LW_UNIT_TEXT, "line", p, len, 0);
        extract_addressed_text(cx, t, p, len);
        return;
    }
    char verb[17];
    size_t vlen = (size_t)(verb_end - q);
    for (size_t i = 0; i < vlen; i++)
        verb[i] = (char)(q[i] | 0x20);
    verb[vlen] = '\0';
    const uint8_t *params = extract_skip_word(q, end), *text = params, *target_end = params;
    for (const uint8_t *c = params; c < end; c++)
        if (*c == ':' && (c == params || c[-1] == ' ')) {
            text = c + 1;
            target_end = c;
            break;
        }
    while (target_end > params && target_end[-1] == ' ')
        target_end--;
    uint16_t object = inspect_new_object(cx);
    if (target_end > params)
        extract_emit(cx, t, LW_UNIT_FIELD, "target", params, (size_t)(target_end - params), object);
    if (text < end)
        extract_emit(cx, t, LW_UNIT_TEXT, verb, text, (size_t)(end - text), object);
}

/* Long hex or base64 tokens in a line (UCP/EMI's IRA-hex messages, encoded payloads) that decode
 * to clean, wordy text: TEXT units "hex"/"base64" with the layer removed. */
static void extract_encoded_tokens(inspect_ctx *cx, const extract_target *t, const uint8_t *p, size_t len,
                                   uint16_t object)
{
    for (size_t i = 0; i < len;) {
        size_t start = i, hex = 0, b64 = 0;
        while (i < len && !strchr(" \t/,:;=|", p[i] ? p[i] : ' ')) {
            hex += isxdigit(p[i]) != 0;
            b64 += isalnum(p[i]) || p[i] == '+' || p[i] == '/' || p[i] == '-' || p[i] == '_';
            i++;
        }
        size_t n = i - start;
        while (i < len && strchr(" \t/,:;=|", p[i] ? p[i] : ' '))
            i++;
        bool is_hex = n >= 16 && n % 2 == 0 && hex == n;
        if (!is_hex && !(n >= 24 && b64 + (p[start + n - 1] == '=') + (n > 1 && p[start + n - 2] == '=') >= n))
            continue;
        uint8_t *out = inspect_alloc(cx, n);
        long m = -1;
        if (out != NULL && is_hex)
            for (m = 0; (size_t)m * 2 < n; m++)
                out[m] = (uint8_t)((isdigit(p[start + 2 * m]) ? p[start + 2 * m] - '0' : (p[start + 2 * m] | 0x20) - 'a' + 10) << 4 |
                                   (isdigit(p[start + 2 * m + 1]) ? p[start + 2 * m + 1] - '0' : (p[start + 2 * m + 1] | 0x20) - 'a' + 10));
        else if (out != NULL)
            m = inspect_base64_decode(p + start, n, out, n);
        if (m > 0 && extract_is_clean_text(out, (size_t)m) && extract_is_wordy(out, (size_t)m)) {
            inspect_trim(cx, out, (size_t)m);
            inspect_unit *u = inspect_emit(cx, LW_UNIT_TEXT, t->proto, is_hex ? "hex" : "base64", out, (size_t)m,
                                           (uint8_t)(t->layers | (is_hex ? LW_LAYER_HEX : LW_LAYER_BASE64)), object);
            if (u != NULL)
                u->framing = t->framing;
        } else if (out != NULL) {
            inspect_trim(cx, out, 0);
        }
    }
}

/* A record of fields separated by '|', ';', ':' or tabs (IPMsg, APRS, CSV-ish logs): split when at
 * least three of the fields are short tokens (numbers, names, flags): the header fields become
 * FIELDs "f<index>" of one object, free text among them a TEXT unit of that object. */
static bool extract_delimited(inspect_ctx *cx, const extract_target *t, const uint8_t *p, size_t len)
{
    static const char seps[] = "|;:\t";
    char best = 0;
    size_t best_count = 0;
    for (const char *c = seps; *c; c++) {
        size_t count = 0;
        for (size_t i = 0; i < len; i++)
            count += p[i] == (uint8_t)*c;
        if (count > best_count)
            best = *c, best_count = count;
    }
    if (best_count < 3)
        return false;
    size_t tokens = 0;
    for (size_t i = 0, start = 0; i <= len; i++)
        if (i == len || p[i] == (uint8_t)best) {
            tokens += i > start && i - start <= 24 && !memchr(p + start, ' ', i - start);
            start = i + 1;
        }
    if (tokens < 3)
        return false;
    uint16_t object = inspect_new_object(cx);
    unsigned index = 0;
    for (size_t i = 0, start = 0; i <= len; i++)
        if (i == len || p[i] == (uint8_t)best) {
            char name[8];
            snprintf(name, sizeof name, "f%u", index++ < 99 ? index : 99);
            if (i > start)
                extract_emit(cx, t, memchr(p + start, ' ', i - start) ? LW_UNIT_TEXT : LW_UNIT_FIELD, name, p + start,
                             i - start, object);
            start = i + 1;
        }
    return true;
}

/* The end of the JSON object that starts at p[0] == '{' (strings and escapes honoured), or 0. */
static size_t extract_object_end(const uint8_t *p, size_t len)
{
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = p[i];
        if (in_string)
            in_string = !(c == '"' && p[i - 1] != '\\');
        else if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
    }
    return 0;
}

/* A line that begins inside a JSON document (a capture picked up mid-stream): every complete
 * object from the first one on, each to the content handler. */
static bool extract_json_tail(inspect_ctx *cx, const extract_target *t, const uint8_t *p, size_t len)
{
    bool found = false;
    for (size_t at = 0; at < len && !inspect_full(cx);) {
        const uint8_t *brace = memmem(p + at, len - at, "{\"", 2);
        size_t start = brace ? (size_t)(brace - p) : len, end = brace ? extract_object_end(brace, len - start) : 0;
        if (end == 0)
            break;
        inspect_content(cx, t->proto, "", LW_UNIT_TEXT, brace, end, t->layers, "application/json");
        found = true;
        at = start + end;
    }
    return found;
}

void inspect_extract_lines(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len, uint8_t layers)
{
    extract_target t = {proto, layers, LW_FRAMING_LINES};
    extract_line l;
    size_t pos = 0, heads_seen = 0;
    for (int n = 0; n < EXTRACT_MAX_LINES && !inspect_full(cx) && extract_next_line(data, len, pos, &l); n++) {
        if (pos >= heads_seen) {
            size_t after = extract_header_block(cx, &t, data, len, pos, &heads_seen);
            if (after != pos) {
                pos = after;
                continue;
            }
        }
        pos = l.next;
        if (l.len == 0)
            continue;
        if (json_scan_looks_like_json(l.p, l.len))
            inspect_content(cx, proto, "", LW_UNIT_TEXT, l.p, l.len, layers, "application/json");
        else if (!extract_json_tail(cx, &t, l.p, l.len) && !extract_delimited(cx, &t, l.p, l.len))
            extract_command_line(cx, &t, l.p, l.len);
        if (l.len >= 16)
            extract_encoded_tokens(cx, &t, l.p, l.len, 0);
    }
}

/* Chat relays prefix what someone said with who and when: "21:33:52 ('10.0.0.5', 50999) say: hi",
 * "[12:01] <anna> hi", "Bob says: hi". When the prefix before the first ": " or "> " looks like
 * such a header (digits, brackets, a speech verb) and words follow, the words alone are a unit of
 * their own (field "said"), so that the header's numbers do not hide the sentence. */
void inspect_extract_speech(inspect_ctx *cx, const char *proto, inspect_unit_kind kind, const uint8_t *data,
                            size_t len, uint8_t layers, uint16_t object)
{
    size_t limit = len < 96 ? len : 96, at = 0;
    while (at + 2 < limit && !((data[at] == ':' || data[at] == '>') && data[at + 1] == ' '))
        at++;
    if (at + 2 >= limit || at < 2)
        return;
    bool header = false;
    for (size_t i = 0; i < at && !header; i++)
        header = (data[i] >= '0' && data[i] <= '9') || data[i] == '[' || data[i] == '(' || data[i] == '<';
    static const char *const verbs[] = {"say", "says", "said", "wrote", "writes", "whispers", "tells you", "yells"};
    for (size_t i = 0; i < LW_ARRAY_LEN(verbs) && !header; i++) {
        size_t n = strlen(verbs[i]);
        header = at >= n && strncasecmp((const char *)data + at - n, verbs[i], n) == 0;
    }
    const uint8_t *said = data + at + 2;
    size_t said_len = len - at - 2;
    if (header && extract_is_wordy(said, said_len))
        inspect_emit(cx, kind, proto, "said", said, said_len, layers, object);
}

void inspect_extract(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len, uint8_t layers)
{
    if (inspect_extract_records(cx, proto, data, len, layers))
        return;
    if (inspect_is_text(data, len < 4096 ? len : 4096))
        inspect_extract_lines(cx, proto, data, len, layers);
    else
        inspect_extract_binary(cx, proto, data, len, layers);
}
