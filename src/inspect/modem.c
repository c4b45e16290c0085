/* modem.c — SMS through a GSM modem's AT commands (3GPP TS 27.005), as modems and SMS gateways
 * speak them over a TCP port. Client side: the text after AT+CMGS / AT+CMGW up to Ctrl-Z, in
 * text mode as it is, in PDU mode (AT+CMGF=0) an SMS-SUBMIT in hex whose user data is GSM 7-bit,
 * 8-bit or UCS-2 (TS 23.040, a concatenation header skipped). Modem side: the lines after +CMT,
 * +CMGR and +CMGL result codes, text or an SMS-DELIVER PDU in hex. Each text is a
 * LW_UNIT_MESSAGE "sms"; the number it goes to or comes from a FIELD of the same object.
 * Owns nothing; never reads past the input. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "framework.h"
#include "text.h"

#define MODEM_PROTO "sms"
#define MODEM_CTRL_Z 0x1a
#define MODEM_ESC 0x1b

/* TS 23.038's default alphabet where it is not ASCII (0 = as ASCII). */
static const uint16_t modem_gsm_special[128] = {
    [0x00] = '@', [0x01] = 0xa3, [0x02] = '$', [0x03] = 0xa5, [0x04] = 0xe8, [0x05] = 0xe9, [0x06] = 0xf9,
    [0x07] = 0xec, [0x08] = 0xf2, [0x09] = 0xc7, [0x0b] = 0xd8, [0x0c] = 0xf8, [0x0e] = 0xc5, [0x0f] = 0xe5,
    [0x10] = 0x394, [0x11] = '_', [0x12] = 0x3a6, [0x13] = 0x393, [0x14] = 0x39b, [0x15] = 0x3a9, [0x16] = 0x3a0,
    [0x17] = 0x3a8, [0x18] = 0x3a3, [0x19] = 0x398, [0x1a] = 0x39e, [0x1c] = 0xc6, [0x1d] = 0xe6, [0x1e] = 0xdf,
    [0x1f] = 0xc9, [0x24] = 0xa4, [0x40] = 0xa1, [0x5b] = 0xc4, [0x5c] = 0xd6, [0x5d] = 0xd1, [0x5e] = 0xdc,
    [0x5f] = 0xa7, [0x60] = 0xbf, [0x7b] = 0xe4, [0x7c] = 0xf6, [0x7d] = 0xf1, [0x7e] = 0xfc, [0x7f] = 0xe0};

static bool modem_starts(const uint8_t *p, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && strncasecmp((const char *)p, word, n) == 0;
}

static int modem_hex(uint8_t c)
{
    return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

/* Hex digits (at least a dozen, an even count) to bytes in the arena; NULL when p is not that. */
static uint8_t *modem_unhex(inspect_ctx *cx, const uint8_t *p, size_t len, size_t *out_len)
{
    while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == '\n' || p[len - 1] == ' '))
        len--;
    if (len < 12 || len % 2)
        return NULL;
    for (size_t i = 0; i < len; i++)
        if (modem_hex(p[i]) < 0)
            return NULL;
    uint8_t *out = inspect_alloc(cx, len / 2);
    for (size_t i = 0; out != NULL && i < len / 2; i++)
        out[i] = (uint8_t)(modem_hex(p[2 * i]) << 4 | modem_hex(p[2 * i + 1]));
    *out_len = len / 2;
    return out;
}

/* `septets` GSM 7-bit characters packed from ud, the first `skip` septets (a header) left out. */
static size_t modem_gsm7(const uint8_t *ud, size_t octets, size_t septets, size_t skip, uint8_t *out)
{
    size_t o = 0;
    bool escape = false;
    for (size_t s = skip; s < septets; s++) {
        size_t bit = s * 7, byte = bit / 8, shift = bit % 8;
        if (byte >= octets)
            break;
        unsigned v = ud[byte] >> shift;
        if (shift > 1 && byte + 1 < octets)
            v |= (unsigned)ud[byte + 1] << (8 - shift);
        v &= 0x7f;
        if (escape || v == MODEM_ESC) { /* the extension table: brackets, €, … read as a space */
            escape = !escape && v == MODEM_ESC;
            if (!escape)
                out[o++] = ' ';
            continue;
        }
        o += text_put_utf8(out + o, modem_gsm_special[v] ? modem_gsm_special[v] : v);
    }
    return o;
}

/* The user data of an SMS-DELIVER (0) or SMS-SUBMIT (1) TPDU as UTF-8 in the arena, or NULL. */
static const uint8_t *modem_pdu_text(inspect_ctx *cx, const uint8_t *p, size_t n, size_t *len)
{
    size_t i = (size_t)p[0] + 1;
    if (i + 2 >= n)
        return NULL;
    uint8_t first = p[i++], type = first & 3;
    if (type > 1)
        return NULL;
    i += type == 1; /* message reference */
    if (i + 1 >= n)
        return NULL;
    i += 2 + ((size_t)p[i] + 1) / 2; /* address: digits, type of number, semi-octets */
    if (i + 2 >= n)
        return NULL;
    uint8_t dcs = p[i + 1];
    i += 2;
    unsigned vpf = (first >> 3) & 3;
    i += type == 0 ? 7 : vpf == 2 ? 1 : vpf ? 7 : 0;
    if (i >= n)
        return NULL;
    size_t udl = p[i++], octets = n - i;
    const uint8_t *ud = p + i;
    size_t header = (first & 0x40) && octets > 0 ? (size_t)ud[0] + 1 : 0;
    unsigned coding = (dcs & 0xc0) == 0 ? (dcs >> 2) & 3 : (dcs & 0xf0) == 0xf0 ? (dcs >> 2) & 1 : 0;
    uint8_t *out = inspect_alloc(cx, udl * 3 + 4);
    if (out == NULL || header > octets)
        return NULL;
    size_t o = 0;
    if (coding == 0) {
        o = modem_gsm7(ud, octets, udl, (header * 8 + 6) / 7, out);
    } else {
        size_t end = udl < octets ? udl : octets;
        for (size_t k = header; k < end;) {
            uint32_t cp = ud[k];
            size_t used = coding == 2 ? text_utf16_next(ud + k, end - k, true, &cp) : 1;
            if (used > 0)
                o += text_put_utf8(out + o, cp);
            k += used ? used : 2;
        }
    }
    inspect_trim(cx, out, o);
    *len = o;
    return out;
}

/* One line of hex digits (a PDU), its line end aside. */
static bool modem_is_hex_line(const uint8_t *p, const uint8_t *end)
{
    while (end > p && (end[-1] == '\r' || end[-1] == '\n'))
        end--;
    size_t n = (size_t)(end - p);
    for (size_t i = 0; i < n; i++)
        if (modem_hex(p[i]) < 0)
            return false;
    return n >= 12 && n % 2 == 0;
}

/* One SMS text (a text-mode line run, or a PDU in hex when `pdu`), with its number. */
static void modem_sms(inspect_ctx *cx, const uint8_t *text, size_t len, bool pdu, const uint8_t *number,
                      size_t number_len)
{
    size_t n;
    const uint8_t *bytes = pdu ? modem_unhex(cx, text, len, &n) : NULL;
    if (bytes != NULL)
        text = modem_pdu_text(cx, bytes, n, &len);
    else if (pdu)
        return;
    while (text != NULL && len > 0 && (text[len - 1] == '\r' || text[len - 1] == '\n'))
        len--;
    if (text == NULL || len == 0)
        return;
    uint16_t object = inspect_new_object(cx);
    if (number_len > 0)
        inspect_emit(cx, LW_UNIT_FIELD, MODEM_PROTO, "number", number, number_len, 0, object);
    inspect_emit(cx, LW_UNIT_MESSAGE, MODEM_PROTO, "sms", text, len, pdu ? LW_LAYER_HEX : 0, object);
}

/* The first quoted string of a command's or a result's parameters ("+15551234567"). */
static const uint8_t *modem_quoted(const uint8_t *p, const uint8_t *end, size_t *len)
{
    const uint8_t *q = memchr(p, '"', (size_t)(end - p));
    const uint8_t *close = q ? memchr(q + 1, '"', (size_t)(end - q - 1)) : NULL;
    *len = close ? (size_t)(close - q - 1) : 0;
    return close ? q + 1 : p;
}

/* The client: AT+CMGF sets the mode, AT+CMGS / AT+CMGW carry a text up to Ctrl-Z (ESC cancels). */
static void modem_commands(inspect_ctx *cx, const uint8_t *p, const uint8_t *end)
{
    bool pdu = false;
    while (p < end) {
        const uint8_t *start = p, *cr = p;
        while (cr < end && *cr != '\r' && *cr != '\n')
            cr++;
        size_t line = (size_t)(cr - start);
        if (modem_starts(start, line, "AT+CMGF="))
            pdu = line > 8 && start[8] == '0';
        bool send = modem_starts(start, line, "AT+CMGS=") || modem_starts(start, line, "AT+CMGW=");
        p = cr < end ? cr + 1 : end;
        if (!send)
            continue;
        size_t number_len;
        const uint8_t *number = modem_quoted(start, cr, &number_len);
        while (p < end && (*p == '\n' || *p == '\r'))
            p++;
        const uint8_t *stop = p;
        while (stop < end && *stop != MODEM_CTRL_Z && *stop != MODEM_ESC)
            stop++;
        if (stop < end && *stop == MODEM_CTRL_Z)
            modem_sms(cx, p, (size_t)(stop - p), pdu, number, number_len);
        p = stop < end ? stop + 1 : end;
    }
}

/* The modem: +CMT / +CMGR / +CMGL results, each followed by its text (or PDU) up to a blank
 * line, the next result code, the final OK or a command's echo. */
static void modem_results(inspect_ctx *cx, const uint8_t *p, const uint8_t *end)
{
    while (p < end) {
        const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
        const uint8_t *line_end = nl ? nl : end;
        bool sms = modem_starts(p, (size_t)(line_end - p), "+CMT:") || modem_starts(p, (size_t)(line_end - p), "+CMGR:") ||
                   modem_starts(p, (size_t)(line_end - p), "+CMGL:");
        size_t number_len;
        const uint8_t *number = modem_quoted(p, line_end, &number_len);
        p = nl ? nl + 1 : end;
        if (!sms)
            continue;
        const uint8_t *text = p, *stop = p;
        while (stop < end && *stop != '\r' && *stop != '\n' && *stop != '+' && !modem_starts(stop, (size_t)(end - stop), "OK\r") &&
               !modem_starts(stop, (size_t)(end - stop), "AT")) { /* (the echo of the next command) */
            const uint8_t *next = memchr(stop, '\n', (size_t)(end - stop));
            stop = next ? next + 1 : end;
        }
        modem_sms(cx, text, (size_t)(stop - text), modem_is_hex_line(text, stop), number, number_len);
        p = stop;
    }
}

static void modem_decode(inspect_ctx *cx, const inspect_input *in)
{
    inspect_recognised(cx); /* commands and results without a text are the modem's upkeep */
    if (in->from_initiator)
        modem_commands(cx, in->data, in->data + in->len);
    else
        modem_results(cx, in->data, in->data + in->len);
}

/* A session opens with "AT" and a line end or a command; SMS commands or results show up early. */
static int modem_probe_bytes(const uint8_t *d, size_t len)
{
    if (len < 3 || !modem_starts(d, len, "AT") || (d[2] != '\r' && d[2] != '+' && d[2] != '&' && !isalpha(d[2])))
        return 0;
    size_t look = len < 1024 ? len : 1024;
    return memmem(d, look, "+CMG", 4) || memmem(d, look, "+CNMI", 5) || memmem(d, look, "+CSCA", 5) ? 75 : 40;
}

static int modem_probe(const inspect_input *in)
{
    int score = modem_probe_bytes(in->data, in->len);
    int peer = in->peer ? modem_probe_bytes(in->peer, in->peer_len) : 0;
    return score > peer ? score : peer;
}

const inspect_decoder inspect_decoder_modem = {"AT-SMS", modem_probe, modem_decode};
