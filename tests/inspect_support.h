/* inspect_support.h — shared by the tests of one part of the inspect stage alone (test_http,
 * test_websocket, test_content, test_inspect): weak stand-ins for the other decoders (a weak
 * definition in the test program keeps the real decoder in libleakwatch.a from being linked,
 * so other decoders' probes cannot take the bytes under test) and the sample loader for
 * tests/data/inspect/. Included once per program, after cmocka.h. */
#ifndef LW_TEST_INSPECT_SUPPORT_H
#define LW_TEST_INSPECT_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>

#include "inspect/decoders.h"

static int fake_probe(const inspect_input *in)
{
    (void)in;
    return 0;
}

static void fake_decode(inspect_ctx *cx, const inspect_input *in)
{
    (void)cx;
    (void)in;
}

#define FAKE(sym, name) __attribute__((weak)) const inspect_decoder sym = {name, fake_probe, fake_decode};

/* The mail, XMPP, pub/sub and Kafka decoders: never the subject of these tests. */
#define FAKE_MAIL_XMPP_PUBSUB                                                                             \
    FAKE(inspect_decoder_smtp, "SMTP")                                                                    \
    FAKE(inspect_decoder_pop3, "POP3")                                                                    \
    FAKE(inspect_decoder_imap, "IMAP")                                                                    \
    FAKE(inspect_decoder_nntp, "NNTP")                                                                    \
    FAKE(inspect_decoder_xmpp, "XMPP")                                                                    \
    FAKE(inspect_decoder_redis, "Redis")                                                                  \
    FAKE(inspect_decoder_stomp, "STOMP")                                                                  \
    FAKE(inspect_decoder_kafka, "Kafka")

/* A sample of tests/data/inspect/ (at most 64 KiB), found through LW_TOP_SRCDIR or srcdir. */
static inline uint8_t *read_sample(const char *name, size_t *len)
{
    char path[256];
    const char *top = getenv("LW_TOP_SRCDIR") ? getenv("LW_TOP_SRCDIR") : getenv("srcdir") ? getenv("srcdir") : ".";
    snprintf(path, sizeof path, "%s/tests/data/inspect/%s", top, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint8_t *buf = malloc(1 << 16);
    *len = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

#endif
