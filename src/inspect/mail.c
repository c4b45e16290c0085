/* mail.c — mail and news decoders: SMTP (client side), POP3, IMAP and NNTP (retrieval, server
 * side; IMAP APPEND and NNTP POST client side), sharing one RFC 5322/MIME parser.
 *
 * Each mail gives its main headers (From, To, Cc, Subject, Date, Content-Type, Message-ID,
 * Reply-To, Newsgroups) as FIELD units sharing one object_id, and each text part (text/plain,
 * text/html, or no Content-Type) as a LW_UNIT_MESSAGE unit with field "body", after MIME
 * parsing: multipart boundaries (nested, depth-limited), Content-Transfer-Encoding base64
 * (layer BASE64) or quoted-printable (layer QP), charset converted to UTF-8 with iconv when
 * known (ISO-8859-x, KOI8-R, GB2312/GBK, Shift_JIS, windows-125x …), kept as is otherwise.
 * Attachments (application, image, audio, video types, Content-Disposition: attachment)
 * yield no text. Transport:
 *  - SMTP: DATA … "." (dot-unstuffed) and BDAT chunks; AUTH lines are never text; STARTTLS
 *    ends decoding when TLS follows (not when the dialogue goes on in clear: refused with 454,
 *    or a decrypted capture). Responses carry no mail.
 *  - POP3: responses are paired in order with the client's commands (input->peer); RETR/TOP
 *    answers are mails; other multi-line answers are skipped; STLS ends decoding.
 *  - IMAP: FETCH literals {n}: BODY[] / RFC822 are mails, BODY[TEXT] / RFC822.TEXT / BODY[n]
 *    are bodies, HEADER fetches are headers only; client APPEND literals are mails; STARTTLS
 *    ends decoding.
 *  - NNTP: 220 ARTICLE (mail), 221 HEAD (headers), 222 BODY (body) answers; client POST/IHAVE.
 * Owns nothing; decoded bytes live in the run's arena. Never reads past the input. */
#include "decoders.h"

#include <stdio.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#define MAIL_MAX_DEPTH 4
#define MAIL_MAX_COMMANDS 256

typedef struct mail_span {
    const uint8_t *p;
    size_t len;
} mail_span;

/* ---- lines ---- */

/* The line at *p without its CR LF; advances *p past it. False at the end of the buffer. */
static bool mail_line(const uint8_t **p, const uint8_t *end, mail_span *line)
{
    if (*p >= end)
        return false;
    const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p)), *e = nl ? nl : end;
    line->p = *p;
    line->len = (size_t)(e - *p) - (e > *p && e[-1] == '\r');
    *p = nl ? nl + 1 : end;
    return true;
}

static bool mail_starts(mail_span s, const char *word)
{
    size_t n = strlen(word);
    return s.len >= n && strncasecmp((const char *)s.p, word, n) == 0;
}

static bool mail_is_dot_line(mail_span s)
{
    return s.len == 1 && s.p[0] == '.';
}

/* Copy lines up to a lone "." into the arena, removing dot-stuffing. *p ends past the ".". */
static mail_span mail_dot_block(inspect_ctx *cx, const uint8_t **p, const uint8_t *end)
{
    mail_span out = {*p, 0}, line; /* empty, never a null pointer to step from, when the arena is full */
    uint8_t *buf = *p < end ? inspect_alloc(cx, (size_t)(end - *p)) : NULL;
    if (!buf) {
        *p = end;
        return out;
    }
    while (mail_line(p, end, &line) && !mail_is_dot_line(line)) {
        size_t skip = line.len && line.p[0] == '.';
        memcpy(buf + out.len, line.p + skip, line.len - skip);
        out.len += line.len - skip;
        buf[out.len++] = '\n';
    }
    out.p = buf;
    return out;
}

/* ---- RFC 5322 headers and MIME ---- */

/* The value of header `name` in a header block (first line, leading blanks removed). */
static mail_span mail_header(mail_span headers, const char *name)
{
    const uint8_t *p = headers.p, *end = headers.p + headers.len;
    size_t n = strlen(name);
    mail_span line, none = {NULL, 0};
    while (mail_line(&p, end, &line))
        if (line.len > n && line.p[n] == ':' && strncasecmp((const char *)line.p, name, n) == 0) {
            mail_span v = {line.p + n + 1, line.len - n - 1};
            while (v.len && (*v.p == ' ' || *v.p == '\t'))
                v.p++, v.len--;
            /* folded continuation lines belong to the value */
            while (p < end && (*p == ' ' || *p == '\t') && mail_line(&p, end, &line))
                v.len = (size_t)(line.p + line.len - v.p);
            return v;
        }
    return none;
}

/* A parameter (boundary=, charset=, name=) of a header value into out (NUL-terminated). */
static bool mail_parameter(mail_span value, const char *name, char *out, size_t cap)
{
    size_t n = strlen(name);
    for (size_t i = 0; i + n + 1 < value.len; i++) {
        if (strncasecmp((const char *)value.p + i, name, n) != 0 || value.p[i + n] != '=' ||
            (i > 0 && value.p[i - 1] != ';' && value.p[i - 1] != ' ' && value.p[i - 1] != '\t'))
            continue;
        const uint8_t *v = value.p + i + n + 1, *end = value.p + value.len;
        bool quoted = v < end && *v == '"';
        v += quoted;
        size_t len = 0;
        while (v + len < end && len + 1 < cap && (quoted ? v[len] != '"' : v[len] != ';' && v[len] > ' '))
            len++;
        memcpy(out, v, len);
        out[len] = '\0';
        return len > 0;
    }
    return false;
}

/* A header field's first line: a name of printable characters, then a colon (RFC 5322 §2.2,
 * §4.5.3 for the white space before it). */
static bool mail_is_field_line(mail_span line)
{
    size_t i = 0, name;
    while (i < line.len && line.p[i] > ' ' && line.p[i] < 0x7f && line.p[i] != ':')
        i++;
    for (name = i; i < line.len && (line.p[i] == ' ' || line.p[i] == '\t');)
        i++; /* obsolete syntax: white space before the colon */
    return name > 0 && i < line.len && line.p[i] == ':';
}

/* Split a mail at its first empty line, or, as mail readers do, where a line is neither a
 * field nor its continuation (a client that sends the text straight after the Subject). */
static void mail_split(mail_span mail, mail_span *headers, mail_span *body)
{
    const uint8_t *p = mail.p, *end = mail.p + mail.len, *start;
    mail_span line;
    *headers = (mail_span){mail.p, 0};
    *body = (mail_span){end, 0};
    for (start = p; mail_line(&p, end, &line); start = p) {
        bool continuation = line.len > 0 && (line.p[0] == ' ' || line.p[0] == '\t') && headers->len > 0;
        if (line.len == 0 || (!continuation && !mail_is_field_line(line))) {
            const uint8_t *text = line.len == 0 ? p : start;
            *body = (mail_span){text, (size_t)(end - text)};
            return;
        }
        headers->len = (size_t)(p - mail.p);
    }
}

static void mail_emit_headers(inspect_ctx *cx, const char *proto, mail_span headers, uint16_t object)
{
    static const char *const names[] = {"From",         "To",         "Cc",         "Subject",        "Date",
                                        "Reply-To",     "Message-ID", "Newsgroups", "Content-Type",   "Auto-Submitted",
                                        "Precedence",   "List-Id",    "List-Unsubscribe", "List-Unsubscribe-Post",
                                        "X-Auto-Response-Suppress", "Control"};
    for (size_t i = 0; i < LW_ARRAY_LEN(names); i++) {
        mail_span v = mail_header(headers, names[i]);
        if (v.len)
            inspect_emit(cx, LW_UNIT_FIELD, proto, names[i], v.p, v.len, 0, object);
    }
}

/* Remove the Content-Transfer-Encoding; layers gets BASE64 or QP. */
static mail_span mail_transfer_decode(inspect_ctx *cx, mail_span headers, mail_span body, uint8_t *layers)
{
    mail_span cte = mail_header(headers, "Content-Transfer-Encoding");
    bool base64 = mail_starts(cte, "base64"), qp = mail_starts(cte, "quoted-printable");
    uint8_t *buf = (base64 || qp) && body.len ? inspect_alloc(cx, body.len) : NULL;
    if (!buf)
        return body;
    long n = base64 ? inspect_base64_decode(body.p, body.len, buf, body.len)
                    : inspect_qp_decode(body.p, body.len, buf, body.len);
    if (n < 0)
        return body;
    *layers |= base64 ? LW_LAYER_BASE64 : LW_LAYER_QP;
    return (mail_span){buf, (size_t)n};
}

static void mail_entity(inspect_ctx *cx, const char *proto, mail_span entity, int depth);

static void mail_multipart(inspect_ctx *cx, const char *proto, const char *boundary, mail_span body, int depth)
{
    char delimiter[80];
    int n = snprintf(delimiter, sizeof delimiter, "--%s", boundary);
    if (n <= 2 || (size_t)n >= sizeof delimiter)
        return;
    const uint8_t *p = body.p, *end = body.p + body.len, *part = NULL;
    mail_span line;
    const uint8_t *line_start = p;
    while (mail_line(&p, end, &line)) {
        if (mail_starts(line, delimiter)) {
            if (part && line_start > part)
                mail_entity(cx, proto, (mail_span){part, (size_t)(line_start - part)}, depth + 1);
            if (line.len >= (size_t)n + 2 && line.p[n] == '-' && line.p[n + 1] == '-')
                return; /* closing delimiter */
            part = p;
        }
        line_start = p;
    }
    if (part && end > part) /* truncated: the last part as far as it goes */
        mail_entity(cx, proto, (mail_span){part, (size_t)(end - part)}, depth + 1);
}

static bool mail_is_attachment(mail_span headers, mail_span type)
{
    static const char *const binary[] = {"application/", "image/", "audio/", "video/", "font/", "model/"};
    if (mail_starts(mail_header(headers, "Content-Disposition"), "attachment"))
        return true;
    for (size_t i = 0; i < LW_ARRAY_LEN(binary); i++)
        if (mail_starts(type, binary[i]))
            return true;
    return false;
}

/* A MIME entity (headers + body) below the top level, or the top-level body. */
static void mail_body(inspect_ctx *cx, const char *proto, mail_span headers, mail_span body, int depth)
{
    char boundary[72], charset[40] = "";
    mail_span type = mail_header(headers, "Content-Type");
    uint8_t layers = 0;
    if (depth > MAIL_MAX_DEPTH || body.len == 0)
        return;
    if (mail_starts(type, "multipart/")) {
        if (mail_parameter(type, "boundary", boundary, sizeof boundary))
            mail_multipart(cx, proto, boundary, body, depth);
        return;
    }
    if (mail_starts(type, "message/rfc822")) {
        mail_entity(cx, proto, body, depth + 1);
        return;
    }
    if (mail_is_attachment(headers, type))
        return;
    mail_parameter(type, "charset", charset, sizeof charset);
    mail_span text = mail_transfer_decode(cx, headers, body, &layers);
    text.p = inspect_to_utf8(cx, charset, text.p, text.len, &text.len);
    if (text.len)
        inspect_emit(cx, LW_UNIT_MESSAGE, proto, "body", text.p, text.len, layers, 0);
}

static void mail_entity(inspect_ctx *cx, const char *proto, mail_span entity, int depth)
{
    mail_span headers, body;
    mail_split(entity, &headers, &body);
    mail_body(cx, proto, headers, body, depth);
}

/* A whole mail: header FIELDs grouped under one object, then its text parts. */
static void mail_message(inspect_ctx *cx, const char *proto, mail_span mail)
{
    mail_span headers, body;
    mail_split(mail, &headers, &body);
    mail_emit_headers(cx, proto, headers, inspect_new_object(cx));
    mail_body(cx, proto, headers, body, 0);
}

void inspect_mail(inspect_ctx *cx, const uint8_t *data, size_t len)
{
    mail_message(cx, "mail", (mail_span){data, len});
}

static void mail_headers_only(inspect_ctx *cx, const char *proto, mail_span headers)
{
    mail_emit_headers(cx, proto, headers, inspect_new_object(cx));
}

/* Soft line breaks or several =XX escapes: the body of a quoted-printable part. */
static bool mail_looks_quoted_printable(mail_span body)
{
    size_t escapes = 0;
    for (size_t i = 0; i + 2 < body.len && escapes < 3; i++)
        escapes += body.p[i] == '=' && (body.p[i + 1] == '\r' || body.p[i + 1] == '\n' ||
                                        (isxdigit(body.p[i + 1]) && isxdigit(body.p[i + 2])));
    return escapes >= 3;
}

/* A bare body (IMAP BODY[TEXT], NNTP BODY): text of unknown encoding and charset, its transfer
 * encoding told apart by its look (quoted-printable undone; base64 and the rest are sniffed by
 * the content handler). */
static void mail_bare_body(inspect_ctx *cx, const char *proto, mail_span body)
{
    if (body.len == 0)
        return;
    if (mail_looks_quoted_printable(body)) {
        uint8_t *out = inspect_alloc(cx, body.len);
        long n = out ? inspect_qp_decode(body.p, body.len, out, body.len) : -1;
        if (n > 0) {
            inspect_emit(cx, LW_UNIT_MESSAGE, proto, "body", out, (size_t)n, LW_LAYER_QP, 0);
            return;
        }
    }
    inspect_content(cx, proto, "body", LW_UNIT_MESSAGE, body.p, body.len, 0, NULL);
}

/* ---- SMTP ---- */

/* BDAT chunks from the one at *p up to LAST, joined in the arena. */
static mail_span smtp_bdat(inspect_ctx *cx, const uint8_t **p, const uint8_t *end, mail_span command)
{
    mail_span out = {*p, 0}, line = command; /* empty when the arena is full */
    uint8_t *buf = inspect_alloc(cx, (size_t)(end - *p) + 1);
    for (bool last = false; buf && !last;) {
        unsigned long size = 0;
        char word[8] = "";
        char text[64];
        size_t n = line.len < sizeof text - 1 ? line.len : sizeof text - 1;
        memcpy(text, line.p, n);
        text[n] = '\0';
        if (sscanf(text, "%*s %lu %7s", &size, word) < 1)
            break;
        last = strcasecmp(word, "LAST") == 0;
        size = size < (size_t)(end - *p) ? size : (size_t)(end - *p);
        memcpy(buf + out.len, *p, size);
        out.len += size;
        *p += size;
        if (!last && !(mail_line(p, end, &line) && mail_starts(line, "BDAT ")))
            break;
    }
    if (buf)
        out.p = buf;
    return out;
}

/* After a client's STARTTLS: a TLS record, or nothing yet. Anything else is the dialogue going
 * on in clear (the server refused with 454, or the capture was decrypted). */
static bool mail_tls_follows(const uint8_t *p, const uint8_t *end)
{
    return p >= end || p[0] == 0x16;
}

static void smtp_decode(inspect_ctx *cx, const inspect_input *in)
{
    const uint8_t *p = in->data, *end = in->data + in->len;
    mail_span line;
    if (!in->from_initiator)
        return; /* the server's replies carry no mail */
    while (mail_line(&p, end, &line)) {
        if (mail_starts(line, "STARTTLS") && mail_tls_follows(p, end))
            return;
        if (line.len == 4 && mail_starts(line, "DATA"))
            mail_message(cx, "smtp", mail_dot_block(cx, &p, end));
        else if (mail_starts(line, "BDAT "))
            mail_message(cx, "smtp", smtp_bdat(cx, &p, end, line));
    }
}

/* ---- POP3 ---- */

typedef struct mail_commands {
    mail_span verbs[MAIL_MAX_COMMANDS];
    bool has_argument[MAIL_MAX_COMMANDS];
    size_t n, next;
} mail_commands;

static void mail_collect_commands(const uint8_t *d, size_t len, mail_commands *c)
{
    const uint8_t *p = d, *end = d + len;
    mail_span line;
    c->n = c->next = 0;
    while (d && c->n < MAIL_MAX_COMMANDS && mail_line(&p, end, &line)) {
        const uint8_t *space = memchr(line.p, ' ', line.len);
        size_t verb = space ? (size_t)(space - line.p) : line.len;
        c->verbs[c->n] = (mail_span){line.p, verb};
        c->has_argument[c->n++] = space != NULL;
    }
}

static bool mail_verb_is(mail_span verb, const char *word)
{
    return verb.len == strlen(word) && strncasecmp((const char *)verb.p, word, verb.len) == 0;
}

/* Without the client's commands: a +OK followed by a header line starts a mail. */
static bool pop3_looks_like_mail(const uint8_t *p, const uint8_t *end)
{
    mail_span line;
    if (!mail_line(&p, end, &line) || line.len < 3)
        return false;
    const uint8_t *colon = memchr(line.p, ':', line.len);
    return colon && colon > line.p && !memchr(line.p, ' ', (size_t)(colon - line.p));
}

/* A capture picked up mid-session has no greeting: the client's first command is one that only
 * follows a login (RETR 8, DELE, LIST …), not one that opens a session (USER, APOP, CAPA …). */
static bool pop3_has_greeting(const mail_commands *commands)
{
    static const char *const openers[] = {"USER", "APOP", "CAPA", "AUTH", "STLS", "PASS"};
    if (commands->n == 0)
        return true;
    for (size_t i = 0; i < LW_ARRAY_LEN(openers); i++)
        if (mail_verb_is(commands->verbs[0], openers[i]))
            return true;
    return false;
}

/* The line a client sends after a "+ " challenge (RFC 5034) is a SASL response, not a command. */
static void pop3_drop_sasl_response(mail_commands *c)
{
    size_t answer = c->next + 1;
    if (answer >= c->n)
        return;
    memmove(&c->verbs[answer], &c->verbs[answer + 1], (c->n - answer - 1) * sizeof c->verbs[0]);
    memmove(&c->has_argument[answer], &c->has_argument[answer + 1], (c->n - answer - 1) * sizeof c->has_argument[0]);
    c->n--;
}

static void pop3_decode(inspect_ctx *cx, const inspect_input *in)
{
    mail_commands commands; /* 4 KiB */
    const uint8_t *p = in->data, *end = in->data + in->len;
    mail_span line;
    if (in->from_initiator)
        return;
    mail_collect_commands(in->peer, in->peer_len, &commands);
    bool greeting = pop3_has_greeting(&commands);
    while (mail_line(&p, end, &line)) {
        bool ok = mail_starts(line, "+OK");
        if (!ok && !greeting && (line.len == 1 || mail_starts(line, "+ ")) && line.p[0] == '+')
            pop3_drop_sasl_response(&commands); /* AUTH's challenge: the client's next line answers it */
        if (!ok && !mail_starts(line, "-ERR"))
            continue;
        if (greeting) {
            greeting = false;
            continue;
        }
        bool known = commands.next < commands.n;
        mail_span verb = known ? commands.verbs[commands.next] : (mail_span){NULL, 0};
        bool argument = known && commands.has_argument[commands.next];
        commands.next += known;
        if (!ok)
            continue;
        if (mail_verb_is(verb, "STLS"))
            return;
        if (mail_verb_is(verb, "RETR") || mail_verb_is(verb, "TOP") || (!known && pop3_looks_like_mail(p, end)))
            mail_message(cx, "pop3", mail_dot_block(cx, &p, end));
        else if (mail_verb_is(verb, "CAPA") || ((mail_verb_is(verb, "LIST") || mail_verb_is(verb, "UIDL")) && !argument))
            mail_dot_block(cx, &p, end);
    }
}

/* ---- IMAP ---- */

/* The literal size when the line ends in "{n}" or "{n+}"; -1 otherwise. */
static long imap_literal(mail_span line, size_t *brace)
{
    if (line.len < 3 || line.p[line.len - 1] != '}')
        return -1;
    size_t i = line.len - 1;
    if (i > 0 && line.p[i - 1] == '+')
        i--;
    long size = 0, scale = 1;
    while (i > 0 && line.p[i - 1] >= '0' && line.p[i - 1] <= '9' && scale <= 1000000000L) {
        size += (line.p[i - 1] - '0') * scale;
        scale *= 10;
        i--;
    }
    if (i == 0 || line.p[i - 1] != '{' || scale == 1)
        return -1;
    *brace = i - 1;
    return size;
}

/* What the FETCH item before a literal holds: 'm' mail, 'h' headers, 'b' body, 0 other. */
static char imap_item_kind(mail_span line, size_t brace)
{
    const uint8_t *s = line.p;
    size_t end = brace - (brace > 0 && s[brace - 1] == '~'); /* a literal8 "~{n}" (RFC 3516 BINARY) */
    while (end > 0 && s[end - 1] == ' ')
        end--;
    size_t start = end;
    while (start > 0 && s[start - 1] != ' ' && s[start - 1] != '(')
        start--;
    mail_span item = {s + start, end - start};
    if (memmem(line.p, brace, "HEADER", 6))
        return 'h';
    if (mail_verb_is(item, "RFC822") || mail_verb_is(item, "BODY[]") || mail_verb_is(item, "BINARY[]"))
        return 'm';
    if (mail_verb_is(item, "RFC822.TEXT") || mail_starts(item, "BODY[") || mail_starts(item, "BODY.PEEK[") ||
        mail_starts(item, "BINARY["))
        return 'b';
    /* a closing ")]" of HEADER.FIELDS (…) was caught above; APPEND's "(flags) {n}" is a mail */
    return memmem(line.p, brace, " APPEND ", 8) ? 'm' : 0;
}

static void imap_literal_decode(inspect_ctx *cx, char kind, mail_span literal)
{
    if (kind == 'm')
        mail_message(cx, "imap", literal);
    else if (kind == 'h')
        mail_headers_only(cx, "imap", literal);
    else if (kind == 'b')
        mail_bare_body(cx, "imap", literal);
}

/* The tag of the client's STARTTLS command, if any. */
static bool imap_starttls_tag(const uint8_t *d, size_t len, char *tag, size_t cap)
{
    const uint8_t *p = d, *end = d + len;
    mail_span line;
    while (d && mail_line(&p, end, &line)) {
        const uint8_t *space = memchr(line.p, ' ', line.len);
        size_t tag_len = space ? (size_t)(space - line.p) : 0;
        mail_span rest = {space ? space + 1 : line.p, space ? line.len - tag_len - 1 : 0};
        if (space && tag_len < cap && mail_verb_is(rest, "STARTTLS")) {
            memcpy(tag, line.p, tag_len);
            tag[tag_len] = '\0';
            return true;
        }
    }
    return false;
}

static void imap_decode(inspect_ctx *cx, const inspect_input *in)
{
    const uint8_t *p = in->data, *end = in->data + in->len;
    char tag[32];
    bool tls = !in->from_initiator && imap_starttls_tag(in->peer, in->peer_len, tag, sizeof tag);
    mail_span line;
    while (mail_line(&p, end, &line)) {
        size_t brace = 0;
        long size = imap_literal(line, &brace);
        if (in->from_initiator && memmem(line.p, line.len, " STARTTLS", 9) && line.len == (size_t)((const uint8_t *)memmem(line.p, line.len, " STARTTLS", 9) - line.p) + 9)
            return;
        if (tls && mail_starts(line, tag) && line.len > strlen(tag) && line.p[strlen(tag)] == ' ')
            return;
        if (size < 0)
            continue;
        size_t take = (size_t)size < (size_t)(end - p) ? (size_t)size : (size_t)(end - p);
        imap_literal_decode(cx, imap_item_kind(line, brace), (mail_span){p, take});
        p += take;
    }
}

/* ---- NNTP ---- */

static void nntp_decode(inspect_ctx *cx, const inspect_input *in)
{
    static const char *const multiline[] = {"100", "101", "215", "224", "225", "230", "231", "282"};
    const uint8_t *p = in->data, *end = in->data + in->len;
    mail_span line;
    while (mail_line(&p, end, &line)) {
        if (in->from_initiator) {
            if (mail_starts(line, "STARTTLS") && mail_tls_follows(p, end))
                return;
            if ((line.len == 4 && mail_starts(line, "POST")) || mail_starts(line, "IHAVE ") ||
                mail_starts(line, "TAKETHIS ")) /* a feed: RFC 3977 IHAVE, RFC 4644 streaming */
                mail_message(cx, "nntp", mail_dot_block(cx, &p, end));
            continue;
        }
        if (mail_starts(line, "220 "))
            mail_message(cx, "nntp", mail_dot_block(cx, &p, end));
        else if (mail_starts(line, "221 "))
            mail_headers_only(cx, "nntp", mail_dot_block(cx, &p, end));
        else if (mail_starts(line, "222 "))
            mail_bare_body(cx, "nntp", mail_dot_block(cx, &p, end));
        else if (mail_starts(line, "382 "))
            return; /* continue with TLS */
        else
            for (size_t i = 0; i < LW_ARRAY_LEN(multiline); i++)
                if (mail_starts(line, multiline[i])) {
                    mail_dot_block(cx, &p, end);
                    break;
                }
    }
}

/* ---- probes ---- */

static bool mail_bytes_start(const uint8_t *d, size_t len, const char *word)
{
    return d && mail_starts((mail_span){d, len}, word);
}

static const uint8_t *mail_client(const inspect_input *in, size_t *len)
{
    *len = in->from_initiator ? in->len : in->peer_len;
    return in->from_initiator ? in->data : in->peer;
}

static const uint8_t *mail_server(const inspect_input *in, size_t *len)
{
    *len = in->from_initiator ? in->peer_len : in->len;
    return in->from_initiator ? in->peer : in->data;
}

static int mail_with_port(int score, const inspect_input *in, uint16_t a, uint16_t b)
{
    return score && (in->responder_port == a || in->responder_port == b) ? score + 5 : score;
}

static int smtp_probe(const inspect_input *in)
{
    size_t cl, sl;
    const uint8_t *c = mail_client(in, &cl), *s = mail_server(in, &sl);
    int score = mail_bytes_start(c, cl, "EHLO ") || mail_bytes_start(c, cl, "HELO ") ? 90
                : mail_bytes_start(s, sl, "220 ") && s && memmem(s, sl < 256 ? sl : 256, "SMTP", 4) ? 80 : 0;
    return mail_with_port(score, in, 25, 587);
}

static int pop3_probe(const inspect_input *in)
{
    size_t cl, sl;
    const uint8_t *c = mail_client(in, &cl), *s = mail_server(in, &sl);
    bool client = mail_bytes_start(c, cl, "USER ") || mail_bytes_start(c, cl, "CAPA") ||
                  mail_bytes_start(c, cl, "APOP ") || mail_bytes_start(c, cl, "AUTH ") || mail_bytes_start(c, cl, "STLS");
    /* The greeting says something ("+OK POP3 ready"); a bare "+OK" is as likely Redis answering AUTH. */
    bool greeting = mail_bytes_start(s, sl, "+OK") && sl > 3 && s[3] == ' ';
    int score = greeting ? (client ? 90 : 70) : client && (!s || mail_bytes_start(s, sl, "+OK")) ? 40 : 0;
    return mail_with_port(score, in, 110, 110);
}

static int imap_probe(const inspect_input *in)
{
    size_t cl, sl;
    const uint8_t *c = mail_client(in, &cl), *s = mail_server(in, &sl);
    const uint8_t *space = c ? memchr(c, ' ', cl < 32 ? cl : 32) : NULL;
    mail_span verb = {space ? space + 1 : NULL, space ? cl - (size_t)(space + 1 - c) : 0};
    bool client = space && (mail_starts(verb, "CAPABILITY") || mail_starts(verb, "LOGIN ") ||
                            mail_starts(verb, "AUTHENTICATE ") || mail_starts(verb, "STARTTLS"));
    int score = mail_bytes_start(s, sl, "* OK") || mail_bytes_start(s, sl, "* PREAUTH") ? 90 : client ? 60 : 0;
    return mail_with_port(score, in, 143, 143);
}

static int nntp_probe(const inspect_input *in)
{
    size_t cl, sl;
    const uint8_t *c = mail_client(in, &cl), *s = mail_server(in, &sl);
    bool greeting = mail_bytes_start(s, sl, "200 ") || mail_bytes_start(s, sl, "201 ");
    bool client = mail_bytes_start(c, cl, "MODE READER") || mail_bytes_start(c, cl, "CAPABILITIES") ||
                  mail_bytes_start(c, cl, "GROUP ") || mail_bytes_start(c, cl, "ARTICLE") || mail_bytes_start(c, cl, "LIST") ||
                  mail_bytes_start(c, cl, "MODE STREAM") || mail_bytes_start(c, cl, "IHAVE ") ||
                  mail_bytes_start(c, cl, "CHECK ") || mail_bytes_start(c, cl, "TAKETHIS ");
    int score = greeting && (client || (s && memmem(s, sl < 256 ? sl : 256, "NNTP", 4))) ? 85 : greeting ? 30 : 0;
    return mail_with_port(score, in, 119, 119);
}

const inspect_decoder inspect_decoder_smtp = {"SMTP", smtp_probe, smtp_decode};
const inspect_decoder inspect_decoder_pop3 = {"POP3", pop3_probe, pop3_decode};
const inspect_decoder inspect_decoder_imap = {"IMAP", imap_probe, imap_decode};
const inspect_decoder inspect_decoder_nntp = {"NNTP", nntp_probe, nntp_decode};
