/* irc.c — IRC decoder (RFC 1459/2812, IRCv3 message tags skipped): one line a command. PRIVMSG and NOTICE text (the
 * trailing parameter, or the second word when a one-word text comes without ':'), and CTCP
 * ACTION text, become LW_UNIT_MESSAGE units with field "privmsg"/"notice" (not to or from network
 * services such as NickServ: those are programs); TOPIC and the 332
 * reply and NICK become FIELD units. Server notices (a prefix without '!', e.g.
 * ":irc.example.net NOTICE * :*** Looking up your hostname") and numeric replies such as the
 * 005 ISUPPORT line naming PRIVMSG are protocol chatter, not messages.
 * Owns nothing; emits units into the run's doc. Never reads past the input. */
#include "decoders.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define IRC_PROTO "irc"

typedef struct irc_line {
    const uint8_t *prefix, *command, *params;
    size_t prefix_len, command_len, params_len;
} irc_line;

static const uint8_t *irc_skip_spaces(const uint8_t *p, const uint8_t *end)
{
    while (p < end && *p == ' ')
        p++;
    return p;
}

static const uint8_t *irc_word_end(const uint8_t *p, const uint8_t *end)
{
    while (p < end && *p != ' ')
        p++;
    return p;
}

static void irc_split(const uint8_t *p, const uint8_t *end, irc_line *l)
{
    memset(l, 0, sizeof *l);
    p = irc_skip_spaces(p, end);
    if (p < end && *p == '@') /* IRCv3 tags: "@time=…;msgid=… " */
        p = irc_skip_spaces(irc_word_end(p, end), end);
    if (p < end && *p == ':') {
        const uint8_t *e = irc_word_end(p + 1, end);
        l->prefix = p + 1;
        l->prefix_len = (size_t)(e - p - 1);
        p = irc_skip_spaces(e, end);
    }
    const uint8_t *e = irc_word_end(p, end);
    l->command = p;
    l->command_len = (size_t)(e - p);
    l->params = irc_skip_spaces(e, end);
    l->params_len = (size_t)(end - l->params);
}

static bool irc_is(const irc_line *l, const char *command)
{
    return l->command_len == strlen(command) && strncasecmp((const char *)l->command, command, l->command_len) == 0;
}

static bool irc_is_numeric(const irc_line *l)
{
    return l->command_len == 3 && isdigit(l->command[0]) && isdigit(l->command[1]) && isdigit(l->command[2]);
}

/* The trailing parameter after `skip` middle parameters; a last middle word stands in for it. */
static bool irc_trailing(const irc_line *l, int skip, const uint8_t **text, size_t *len)
{
    const uint8_t *p = l->params, *end = l->params + l->params_len;
    for (int i = 0; i < skip && p < end && *p != ':'; i++)
        p = irc_skip_spaces(irc_word_end(p, end), end);
    if (p >= end)
        return false;
    if (*p == ':')
        p++;
    *text = p;
    *len = (size_t)(end - p);
    return *len > 0;
}

/* Network services (NickServ, ChanServ …, on a services host) and a bouncer's modules (ZNC's
 * *status: '*' cannot begin a nickname, RFC 2812 2.3.1) are programs: what they say, and the
 * commands sent to them (IDENTIFY …), are not messages between people. */
static bool irc_is_service(const uint8_t *name, size_t len)
{
    size_t nick = 0;
    while (nick < len && name[nick] != '!' && name[nick] != ' ')
        nick++;
    const uint8_t *at = memchr(name, '@', len);
    return (len > 0 && name[0] == '*') || (nick >= 4 && strncasecmp((const char *)name + nick - 4, "serv", 4) == 0) ||
           (at && (size_t)(name + len - at) > 10 && strncasecmp((const char *)at + 1, "services.", 9) == 0);
}

static void irc_message(inspect_ctx *cx, const irc_line *l, const char *field)
{
    const uint8_t *text;
    size_t len;
    if ((l->prefix && !memchr(l->prefix, '!', l->prefix_len)) || /* from a server: about the connection */
        (l->prefix && irc_is_service(l->prefix, l->prefix_len)) || irc_is_service(l->params, l->params_len)) {
        inspect_recognised(cx);
        return;
    }
    if (!irc_trailing(l, 1, &text, &len))
        return;
    if (text[0] == 0x01) { /* CTCP: only ACTION carries text */
        if (len < 8 || memcmp(text + 1, "ACTION ", 7) != 0)
            return;
        text += 8;
        len -= 8;
        if (len && text[len - 1] == 0x01)
            len--;
    }
    if (len)
        inspect_emit(cx, LW_UNIT_MESSAGE, IRC_PROTO, field, text, len, 0, 0);
}

/* Commands that keep a connection and its channels up: IRC, and no text of anyone's. */
static bool irc_is_chatter(const irc_line *l)
{
    static const char *const commands[] = {"JOIN", "PART", "PING", "PONG", "USER", "PASS", "CAP", "QUIT", "MODE",
                                           "AUTHENTICATE", "WHO", "AWAY"};
    for (size_t i = 0; i < LW_ARRAY_LEN(commands); i++)
        if (irc_is(l, commands[i]))
            return true;
    return false;
}

static void irc_line_decode(inspect_ctx *cx, const uint8_t *p, const uint8_t *end)
{
    irc_line l;
    const uint8_t *text;
    size_t len;
    irc_split(p, end, &l);
    if (irc_is(&l, "PRIVMSG"))
        irc_message(cx, &l, "privmsg");
    else if (irc_is(&l, "NOTICE"))
        irc_message(cx, &l, "notice");
    else if (irc_is(&l, "TOPIC") && irc_trailing(&l, 1, &text, &len))
        inspect_emit(cx, LW_UNIT_FIELD, IRC_PROTO, "topic", text, len, 0, 0);
    else if (irc_is(&l, "332") && irc_trailing(&l, 2, &text, &len))
        inspect_emit(cx, LW_UNIT_FIELD, IRC_PROTO, "topic", text, len, 0, 0);
    else if (irc_is(&l, "NICK") && irc_trailing(&l, 0, &text, &len))
        inspect_emit(cx, LW_UNIT_FIELD, IRC_PROTO, "nick", text, len, 0, 0);
    else if ((l.prefix && irc_is_numeric(&l)) || irc_is_chatter(&l))
        inspect_recognised(cx); /* a server's numeric reply, the connection's upkeep */
}

static void irc_decode(inspect_ctx *cx, const inspect_input *in)
{
    const uint8_t *p = in->data, *end = in->data + in->len;
    while (p < end) {
        const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
        const uint8_t *line_end = nl ? nl : end;
        const uint8_t *e = line_end;
        while (e > p && (e[-1] == '\r' || e[-1] == '\0'))
            e--;
        irc_line_decode(cx, p, e);
        p = nl ? nl + 1 : end;
    }
}

/* Clients send commands in capitals; "user N0CALL pass -1" is an APRS-IS login, not IRC's USER. */
static bool irc_starts(const uint8_t *d, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && memcmp(d, word, n) == 0;
}

/* Client registration (NICK/USER/PASS/CAP) or a server line ":name NOTICE|001 …". */
static int irc_probe_bytes(const uint8_t *d, size_t len)
{
    static const char *const starts[] = {"NICK ", "USER ", "PASS ", "CAP LS", "CAP REQ"};
    for (size_t i = 0; i < LW_ARRAY_LEN(starts); i++)
        if (irc_starts(d, len, starts[i]))
            return 85;
    if (len > 2 && (d[0] == ':' || d[0] == '@')) {
        irc_line l;
        const uint8_t *nl = memchr(d, '\n', len);
        irc_split(d, nl ? nl : d + len, &l);
        if (irc_is(&l, "NOTICE") || irc_is(&l, "PRIVMSG") || irc_is_numeric(&l) || irc_is_chatter(&l))
            return 80;
    }
    /* a client's command without a prefix: a stream picked up later, or one WebSocket message */
    static const char *const commands[] = {"JOIN #", "JOIN &", "PART #", "PING ", "PONG ", "PRIVMSG ", "NOTICE ",
                                           "QUIT", "AUTHENTICATE ", "CAP END"};
    for (size_t i = 0; i < LW_ARRAY_LEN(commands); i++)
        if (irc_starts(d, len, commands[i]))
            return 60;
    return 0;
}

static int irc_probe(const inspect_input *in)
{
    int score = irc_probe_bytes(in->data, in->len);
    int peer = in->peer ? irc_probe_bytes(in->peer, in->peer_len) : 0;
    score = score > peer ? score : peer;
    bool port = in->responder_port == 6667 || in->responder_port == 6697 || in->responder_port == 194;
    return score && port ? score + 10 : score;
}

const inspect_decoder inspect_decoder_irc = {"IRC", irc_probe, irc_decode};
