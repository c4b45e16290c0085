/* quic.c — the client's first Initial packet of QUIC v1 (RFC 9000, RFC 9001) and v2 (RFC 9369),
 * opened as any on-path observer can: its keys derive from the client's Destination Connection
 * ID and a published salt (RFC 9001 §5.2; HKDF over libgcrypt's HMAC-SHA256, half the
 * instructions of libsodium's, which has no SHA-NI either). Header protection is removed
 * (AES-128-ECB of a 16-byte sample, §5.4), the payload decrypted as AES-128-GCM without checking
 * its tag (the CTR keystream from nonce || 2), and the CRYPTO frames
 * are placed at their offsets (Chrome sends them out of order) — what classify.c parses as a
 * TLS ClientHello. Anything unexpected returns 0 and nDPI takes the packet as before. */
#include "quic.h"

#include <gcrypt.h>
#include <stdbool.h>
#include <string.h>

#include "common.h"

#define QUIC_MAX_CID 20
#define QUIC_MAX_PLAIN 4096 /* Initial datagrams are 1,200 to ~1,500 bytes */
#define QUIC_MAX_FRAMES 64
#define QUIC_TAG_LEN 16

/* A variable-length integer (RFC 9000 §16). */
static bool quic_varint(lw_reader *r, uint64_t *v)
{
    const uint8_t *b;
    if (!lw_take(r, 1, &b))
        return false;
    size_t n = (size_t)1 << (b[0] >> 6);
    *v = b[0] & 0x3f;
    for (size_t i = 1; i < n; i++) {
        if (!lw_take(r, 1, &b))
            return false;
        *v = *v << 8 | b[0];
    }
    return true;
}

/* HMAC-SHA256 of msg under the key h was given (gcrypt keeps its hashed pads: a reset costs no
 * hashing, so the three expansions of one secret hash two blocks each), into out. */
static bool quic_hmac(gcry_md_hd_t h, const void *msg, size_t n, uint8_t out[32])
{
    gcry_md_reset(h);
    gcry_md_write(h, msg, n);
    const unsigned char *d = gcry_md_read(h, GCRY_MD_SHA256);
    if (d)
        memcpy(out, d, 32);
    return d != NULL;
}

/* HKDF-Expand-Label (RFC 8446 §7.1) with an empty context, for at most 32 bytes (one HMAC block),
 * with h keyed by the secret. */
static bool quic_expand_label(gcry_md_hd_t h, const char *label, uint8_t *out, size_t len)
{
    uint8_t info[2 + 1 + 6 + 32 + 1 + 1], block[32];
    size_t label_len = strlen(label), n = 0;
    info[n++] = 0;
    info[n++] = (uint8_t)len;
    info[n++] = (uint8_t)(6 + label_len);
    memcpy(info + n, "tls13 ", 6);
    memcpy(info + n + 6, label, label_len);
    n += 6 + label_len;
    info[n++] = 0;    /* context */
    info[n++] = 0x01; /* T(1) */
    if (!quic_hmac(h, info, n, block))
        return false;
    memcpy(out, block, len);
    return true;
}

bool quic_client_initial_keys(uint32_t version, const uint8_t *dcid, size_t dcid_len, quic_keys *k)
{
    static const uint8_t salt_v1[20] = {0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
                                        0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a};
    static const uint8_t salt_v2[20] = {0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93,
                                        0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9};
    bool v2 = version == QUIC_V2;
    uint8_t initial[32], client[32];
    gcry_md_hd_t h;
    if (gcry_md_open(&h, GCRY_MD_SHA256, GCRY_MD_FLAG_HMAC))
        return false;
    bool ok = !gcry_md_setkey(h, v2 ? salt_v2 : salt_v1, 20) && quic_hmac(h, dcid, dcid_len, initial) && /* Extract */
              !gcry_md_setkey(h, initial, 32) && quic_expand_label(h, "client in", client, 32) &&
              !gcry_md_setkey(h, client, 32) && quic_expand_label(h, v2 ? "quicv2 key" : "quic key", k->key, 16) &&
              quic_expand_label(h, v2 ? "quicv2 iv" : "quic iv", k->iv, 12) &&
              quic_expand_label(h, v2 ? "quicv2 hp" : "quic hp", k->hp, 16);
    gcry_md_close(h);
    return ok;
}

/* AES-128 in `mode` (ECB: one block; CTR from counter block ctr) of n bytes of in into out. */
static bool quic_aes(int mode, const uint8_t key[16], const uint8_t *ctr, const uint8_t *in, uint8_t *out, size_t n)
{
    gcry_cipher_hd_t h;
    if (gcry_cipher_open(&h, GCRY_CIPHER_AES128, mode, 0))
        return false;
    bool ok = !gcry_cipher_setkey(h, key, 16) && (!ctr || !gcry_cipher_setctr(h, ctr, 16)) &&
              !gcry_cipher_encrypt(h, out, n, in, n);
    gcry_cipher_close(h);
    return ok;
}

/* Remove header protection and decrypt: the payload's frames into plain (its length), or 0. */
static size_t quic_decrypt(uint32_t version, const uint8_t *pkt, size_t hdr_len, size_t len, const uint8_t *dcid,
                           size_t dcid_len, uint8_t *plain)
{
    /* hdr_len: bytes before the packet number; len: packet number + payload + tag */
    if (len < 4 + QUIC_TAG_LEN)
        return 0;
    quic_keys k;
    if (!quic_client_initial_keys(version, dcid, dcid_len, &k))
        return 0;
    uint8_t mask[16];
    if (!quic_aes(GCRY_CIPHER_MODE_ECB, k.hp, NULL, pkt + hdr_len + 4, mask, 16))
        return 0;
    size_t pn_len = ((pkt[0] ^ mask[0]) & 0x03) + 1;
    if (len < pn_len + QUIC_TAG_LEN + 1 || len - pn_len - QUIC_TAG_LEN > QUIC_MAX_PLAIN)
        return 0;
    uint8_t ctr[16] = {0};
    memcpy(ctr, k.iv, 12);
    for (size_t i = 0; i < pn_len; i++) /* packet number, big-endian, into the nonce's tail */
        ctr[12 - pn_len + i] ^= pkt[hdr_len + i] ^ mask[1 + i];
    ctr[15] = 2; /* GCM: counter block 1 is the tag's, data starts at 2 */
    size_t n = len - pn_len - QUIC_TAG_LEN;
    return quic_aes(GCRY_CIPHER_MODE_CTR, k.key, ctr, pkt + hdr_len + pn_len, plain, n) ? n : 0;
}

/* Walk PADDING, PING, ACK and CRYPTO frames (stop at any other); place CRYPTO data at its
 * offset in out; return the length of the contiguous prefix from offset 0. */
static size_t quic_crypto_frames(const uint8_t *plain, size_t n, uint8_t *out, size_t cap)
{
    lw_reader r = {plain, n};
    uint64_t lo[QUIC_MAX_FRAMES], hi[QUIC_MAX_FRAMES];
    size_t frames = 0;
    while (r.left > 0) {
        uint64_t type, v, off, len, ranges;
        const uint8_t *data;
        if (r.p[0] == 0x00) { /* PADDING: often a thousand bytes, skipped in one tight loop */
            size_t i = 1;
            while (i < r.left && r.p[i] == 0x00)
                i++;
            lw_take(&r, i, NULL);
            continue;
        }
        if (r.p[0] == 0x01) { /* PING */
            lw_take(&r, 1, NULL);
            continue;
        }
        if (!quic_varint(&r, &type))
            break;
        if (type == 0x02 || type == 0x03) { /* ACK: largest, delay, count, first range, ranges, ECN */
            if (!quic_varint(&r, &v) || !quic_varint(&r, &v) || !quic_varint(&r, &ranges) || !quic_varint(&r, &v) ||
                ranges > r.left)
                break;
            bool ok = true;
            for (uint64_t i = 0; ok && i < 2 * ranges + (type == 0x03 ? 3 : 0); i++)
                ok = quic_varint(&r, &v);
            if (!ok)
                break;
            continue;
        }
        if (type != 0x06 || !quic_varint(&r, &off) || !quic_varint(&r, &len) || len > r.left ||
            !lw_take(&r, (size_t)len, &data) || frames == QUIC_MAX_FRAMES)
            break;
        if (off > cap || len > cap - off)
            continue; /* beyond what we keep */
        memcpy(out + off, data, (size_t)len);
        lo[frames] = off;
        hi[frames++] = off + len;
    }
    uint64_t prefix = 0;
    for (bool grew = true; grew;) {
        grew = false;
        for (size_t i = 0; i < frames; i++)
            if (lo[i] <= prefix && hi[i] > prefix)
                prefix = hi[i], grew = true;
    }
    return (size_t)prefix;
}

size_t quic_initial_crypto(const uint8_t *pkt, size_t len, uint8_t *out, size_t cap)
{
    lw_reader r = {pkt, len};
    const uint8_t *b, *dcid;
    uint64_t token_len, payload_len;
    size_t dcid_len, scid_len;
    if (!lw_take(&r, 5, &b) || (b[0] & 0xc0) != 0xc0)
        return 0; /* not a long header with the fixed bit */
    uint32_t version = (uint32_t)b[1] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 8 | b[4];
    unsigned type = (b[0] >> 4) & 0x03;
    if (!(version == QUIC_V1 && type == 0) && !(version == QUIC_V2 && type == 1))
        return 0; /* another version, or not an Initial */
    if (!lw_take(&r, 1, &b) || (dcid_len = b[0]) > QUIC_MAX_CID || !lw_take(&r, dcid_len, &dcid) ||
        !lw_take(&r, 1, &b) || (scid_len = b[0]) > QUIC_MAX_CID || !lw_take(&r, scid_len, NULL) ||
        !quic_varint(&r, &token_len) || token_len > r.left || !lw_take(&r, (size_t)token_len, NULL) ||
        !quic_varint(&r, &payload_len) || payload_len > r.left)
        return 0;
    uint8_t plain[QUIC_MAX_PLAIN];
    size_t n = quic_decrypt(version, pkt, len - r.left, (size_t)payload_len, dcid, dcid_len, plain);
    return n ? quic_crypto_frames(plain, n, out, cap) : 0;
}
