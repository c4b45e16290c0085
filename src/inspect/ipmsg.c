/* ipmsg.c — IP Messenger decoder (UDP, port 2425): LAN office chat, one datagram a packet
 * "version:packet-no:user:host:command:extra". A SENDMSG (command mode 0x20) carries the text
 * in `extra` up to its NUL: UTF-8 when the UTF8OPT flag is set, else the sender's code page
 * (Shift_JIS, CP932, in the Japanese original). The user becomes a FIELD "user", the text a
 * MESSAGE unit "sendmsg" of the same object. Encrypted messages (ENCRYPTOPT: hex) are not
 * text; presence (BR_ENTRY, ANSENTRY: a nickname and a group), receipts and the rest are
 * recognised and left out. Owns nothing; never reads past the datagram. */
#include "framework.h"

#include <stdlib.h>
#include <string.h>

#define IPMSG_PROTO "ipmsg"
#define IPMSG_PORT 2425
enum { IPMSG_SENDMSG = 0x20, IPMSG_ENCRYPTOPT = 0x00400000, IPMSG_UTF8OPT = 0x00800000 };

typedef struct ipmsg_packet {
    const uint8_t *user, *text;
    size_t user_len, text_len;
    unsigned long command;
} ipmsg_packet;

/* The five ':'-separated header fields and what follows; false when the datagram is not one. */
static bool ipmsg_parse(const uint8_t *d, size_t len, ipmsg_packet *m)
{
    const uint8_t *field[6], *end = d + len;
    field[0] = d;
    if (len < 10 || d[0] != '1' || (d[1] != ':' && d[1] != '_'))
        return false;
    for (int i = 1; i < 6; i++) {
        const uint8_t *colon = memchr(field[i - 1], ':', (size_t)(end - field[i - 1]));
        if (colon == NULL)
            return false;
        field[i] = colon + 1;
    }
    char number[16];
    size_t n = (size_t)(field[5] - 1 - field[4]);
    if (n == 0 || n >= sizeof number)
        return false;
    memcpy(number, field[4], n);
    number[n] = '\0';
    char *rest;
    m->command = strtoul(number, &rest, 10);
    if (*rest != '\0')
        return false;
    m->user = field[2];
    m->user_len = (size_t)(field[3] - 1 - field[2]);
    m->text = field[5];
    const uint8_t *nul = memchr(m->text, 0, (size_t)(end - m->text));
    m->text_len = (size_t)((nul ? nul : end) - m->text);
    return true;
}

static int ipmsg_probe(const inspect_input *in)
{
    ipmsg_packet m;
    if (!in->is_datagram || !ipmsg_parse(in->data, in->len, &m))
        return 0;
    return in->initiator_port == IPMSG_PORT || in->responder_port == IPMSG_PORT ? 80 : 40;
}

static void ipmsg_decode(inspect_ctx *cx, const inspect_input *in)
{
    ipmsg_packet m;
    if (!ipmsg_parse(in->data, in->len, &m))
        return;
    inspect_recognised(cx);
    if ((m.command & 0xff) != IPMSG_SENDMSG || (m.command & IPMSG_ENCRYPTOPT) || m.text_len == 0)
        return;
    uint16_t object = inspect_new_object(cx);
    if (m.user_len > 0)
        inspect_emit(cx, LW_UNIT_FIELD, IPMSG_PROTO, "user", m.user, m.user_len, 0, object);
    size_t n;
    const uint8_t *text = inspect_to_utf8(cx, (m.command & IPMSG_UTF8OPT) ? "UTF-8" : "CP932", m.text, m.text_len, &n);
    if (n > 0)
        inspect_emit(cx, LW_UNIT_MESSAGE, IPMSG_PROTO, "sendmsg", text, n, 0, object);
}

const inspect_decoder inspect_decoder_ipmsg = {"IPMsg", ipmsg_probe, ipmsg_decode};
