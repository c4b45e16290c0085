/* fuzz_quic.c — the QUIC Initial fast path (src/quic.c, classify.c's ClientHello parser) through
 * classify_packet on one UDP datagram to port 443. First input byte, bit 0: 0 = the rest is the
 * datagram as sent; 1 = the rest is an Initial's plaintext (frames), which the harness protects
 * as a client Initial (bit 1: v2, else v1) with a fixed DCID, so that the frame walk and the
 * ClientHello parser see the fuzzer's bytes rather than decryption noise. */
#include "fuzz_util.h"

#include <gcrypt.h>
#include <pcap/pcap.h>

#include "classify.h"
#include "quic.h"

#define FUZZ_MAX 4096

static void fuzz_aes(int mode, const uint8_t *key, const uint8_t *ctr, uint8_t *buf, size_t n)
{
    gcry_cipher_hd_t h;
    if (gcry_cipher_open(&h, GCRY_CIPHER_AES128, mode, 0) || gcry_cipher_setkey(h, key, 16) ||
        (ctr && gcry_cipher_setctr(h, ctr, 16)) || gcry_cipher_encrypt(h, buf, n, NULL, 0))
        abort();
    gcry_cipher_close(h);
}

/* plain -> a protected client Initial in out (1-byte packet number 0, a zero tag); its length. */
static size_t fuzz_seal(bool v2, const uint8_t *plain, size_t n, uint8_t *out)
{
    static const uint8_t dcid[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    uint32_t version = v2 ? QUIC_V2 : QUIC_V1;
    size_t h = 0, body = (n < 20 ? 20 : n) + 16; /* the sample needs 20 bytes after the pn */
    out[h++] = v2 ? 0xd0 : 0xc0;
    for (int i = 24; i >= 0; i -= 8)
        out[h++] = (uint8_t)(version >> i);
    out[h++] = sizeof dcid;
    memcpy(out + h, dcid, sizeof dcid);
    h += sizeof dcid;
    out[h++] = 0;    /* SCID */
    out[h++] = 0;    /* token */
    out[h++] = (uint8_t)(0x40 | (1 + body) >> 8);
    out[h++] = (uint8_t)(1 + body);
    size_t pn = h;
    out[h++] = 0;
    memset(out + h, 0, body);
    memcpy(out + h, plain, n);
    quic_keys k;
    if (!quic_client_initial_keys(version, dcid, sizeof dcid, &k))
        abort();
    uint8_t ctr[16] = {0}, mask[16];
    memcpy(ctr, k.iv, 12);
    ctr[15] = 2;
    fuzz_aes(GCRY_CIPHER_MODE_CTR, k.key, ctr, out + h, body - 16);
    memcpy(mask, out + pn + 4, 16);
    fuzz_aes(GCRY_CIPHER_MODE_ECB, k.hp, NULL, mask, 16);
    out[0] ^= mask[0] & 0x0f;
    out[pn] ^= mask[1];
    return h + body;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static classify_engine *engine;
    static uint8_t frame[14 + 28 + FUZZ_MAX + 64];
    char err[256];
    if (!engine && !(engine = classify_engine_new(err, sizeof err)))
        abort();
    if (size < 1 || size > FUZZ_MAX)
        return 0;
    uint8_t *udp = frame + 14 + 20, *payload = udp + 8;
    size_t len = size - 1;
    if (data[0] & 1)
        len = fuzz_seal(data[0] & 2, data + 1, size - 1, payload);
    else
        memcpy(payload, data + 1, len);
    memset(frame, 0, 42);
    frame[12] = 0x08;
    uint8_t *ip = frame + 14;
    ip[0] = 0x45, ip[2] = (uint8_t)((28 + len) >> 8), ip[3] = (uint8_t)(28 + len), ip[8] = 64, ip[9] = 17;
    ip[12] = 10, ip[15] = 1, ip[16] = 10, ip[19] = 2;
    udp[0] = 0xc3, udp[1] = 0x50, udp[2] = 0x01, udp[3] = 0xbb;
    udp[4] = (uint8_t)((8 + len) >> 8), udp[5] = (uint8_t)(8 + len);
    lw_packet pkt;
    if (decode_packet(DLT_EN10MB, frame, (uint32_t)(42 + len), &pkt) != LW_DECODE_OK)
        return 0;
    classify_flow *f = classify_flow_new(engine);
    if (!f)
        abort();
    classify_result r;
    if (!classify_packet(engine, f, &pkt, true, &r))
        classify_giveup(engine, f, &r);
    fuzz_touch(r.host, strlen(r.host));
    classify_flow_free(f);
    return 0;
}
