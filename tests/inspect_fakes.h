/* inspect_fakes.h — weak stand-ins for inspect decoders, for the tests of one part of the
 * inspect stage alone (test_http, test_websocket, test_content, test_inspect). A weak
 * definition in the test program keeps the real decoder in libleakwatch.a from being linked,
 * so other decoders' probes cannot take the bytes under test. Included once per program. */
#ifndef LW_TEST_INSPECT_FAKES_H
#define LW_TEST_INSPECT_FAKES_H

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

#endif
