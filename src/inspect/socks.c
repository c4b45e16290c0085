/* socks.c — SOCKS4/4a and SOCKS5 (RFC 1928, with RFC 1929 user/password) proxy handshakes: the
 * bytes after the handshake are a tunnelled stream (mail, chat, HTTP …), handed to
 * inspect_tunnel() so that the decoder of what travels inside claims them. The handshake
 * itself yields no units (a proxy password is not a message).
 * Owns nothing; every length read is checked against the input. */
#include <string.h>

#include "framework.h"

/* Offset just after a SOCKS5 address (type at p[0]), or 0 when cut or unknown. */
static size_t socks5_address_end(const uint8_t *p, size_t len, size_t at)
{
    if (at >= len)
        return 0;
    size_t n = p[at] == 1 ? 4 : p[at] == 4 ? 16 : p[at] == 3 && at + 1 < len ? 1 + (size_t)p[at + 1] : 0;
    return n && at + 1 + n + 2 <= len ? at + 1 + n + 2 : 0;
}

/* The client's side: greeting, optional user/password, request. */
static size_t socks5_client_end(const uint8_t *p, size_t len)
{
    if (len < 3 || p[0] != 5 || p[1] == 0 || p[1] > 16 || len < 2 + (size_t)p[1])
        return 0;
    size_t at = 2 + (size_t)p[1];
    if (at + 2 < len && p[at] == 1) { /* RFC 1929: 01 ulen user plen pass */
        size_t ulen = p[at + 1];
        if (at + 2 + ulen >= len)
            return 0;
        at += 2 + ulen + 1 + (size_t)p[at + 2 + ulen];
    }
    if (at + 4 > len || p[at] != 5 || p[at + 1] == 0 || p[at + 1] > 3 || p[at + 2] != 0)
        return 0;
    return socks5_address_end(p, len, at + 3);
}

/* The server's side: method choice, optional auth status, reply. */
static size_t socks5_server_end(const uint8_t *p, size_t len)
{
    if (len < 2 || p[0] != 5 || (p[1] > 3 && p[1] != 0xff))
        return 0;
    size_t at = 2;
    if (p[1] == 2 && at + 2 <= len && p[at] == 1)
        at += 2;
    if (at + 4 > len || p[at] != 5 || p[at + 1] > 8 || p[at + 2] != 0)
        return 0;
    return socks5_address_end(p, len, at + 3);
}

/* SOCKS4: 04 cmd port ip userid\0 [host\0 when ip is 0.0.0.x]; the server answers 00 5a port ip. */
static size_t socks4_client_end(const uint8_t *p, size_t len)
{
    if (len < 9 || p[0] != 4 || (p[1] != 1 && p[1] != 2))
        return 0;
    const uint8_t *nul = memchr(p + 8, 0, len - 8);
    if (nul == NULL)
        return 0;
    size_t at = (size_t)(nul - p) + 1;
    if (p[4] == 0 && p[5] == 0 && p[6] == 0 && p[7] != 0) {
        const uint8_t *host_end = at < len ? memchr(p + at, 0, len - at) : NULL;
        if (host_end == NULL)
            return 0;
        at = (size_t)(host_end - p) + 1;
    }
    return at;
}

static size_t socks4_server_end(const uint8_t *p, size_t len)
{
    return len >= 8 && p[0] == 0 && p[1] >= 0x5a && p[1] <= 0x5d ? 8 : 0;
}

static size_t socks_end(const uint8_t *p, size_t len, bool client)
{
    if (p == NULL)
        return 0;
    return client ? (socks5_client_end(p, len) ? socks5_client_end(p, len) : socks4_client_end(p, len))
                  : (socks5_server_end(p, len) ? socks5_server_end(p, len) : socks4_server_end(p, len));
}

static void socks_decode(inspect_ctx *cx, const inspect_input *in)
{
    size_t mine = socks_end(in->data, in->len, in->from_initiator);
    size_t theirs = socks_end(in->peer, in->peer_len, !in->from_initiator);
    inspect_tunnel(cx, in->data + mine, in->len - mine, in->peer ? in->peer + theirs : NULL,
                   in->peer ? in->peer_len - theirs : 0);
}

/* Both handshakes; or, in a half-captured flow, the client's (or a SOCKS5 server's answer,
 * which is specific enough: a SOCKS4 answer is just eight bytes). */
static int socks_probe(const inspect_input *in)
{
    const uint8_t *client = in->from_initiator ? in->data : in->peer, *server = in->from_initiator ? in->peer : in->data;
    size_t client_len = in->from_initiator ? in->len : in->peer_len, server_len = in->from_initiator ? in->peer_len : in->len;
    bool c = socks_end(client, client_len, true) > 0, s = socks_end(server, server_len, false) > 0;
    if (c && s)
        return 90;
    return c || (server != NULL && socks5_server_end(server, server_len) > 0) ? 60 : 0;
}

const inspect_decoder inspect_decoder_socks = {"SOCKS", socks_probe, socks_decode};
