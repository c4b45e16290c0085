/* decoders.h — the inspect stage's internal interface between the framework (inspect.c),
 * the content handlers (JSON, form, multipart, base64, gzip: content.c) and the protocol
 * decoders (one file each: http.c, h2.c, websocket.c, mail.c, xmpp.c, irc.c, mqtt.c, pubsub.c, socks.c,
 * coap.c, smpp.c, modem.c, ipmsg.c, oscar.c, rtt.c, amqp.c, thrift.c,
 * nats.c, zephyr.c,
 * raw.c).
 * Not for use outside src/inspect/. */
#ifndef LW_INSPECT_DECODERS_H
#define LW_INSPECT_DECODERS_H

#include "inspect.h"

typedef struct inspect_ctx inspect_ctx; /* one inspect_run: arena, doc, limits, depth */

/* Scratch bytes for decoded content, valid until the run ends; NULL when the arena is full
 * (then doc->truncated is set and the decoder should stop). */
uint8_t *inspect_alloc(inspect_ctx *cx, size_t n);

/* Append a unit (data must point into the input or the arena). Copies `field` (truncated
 * to 31 bytes). Returns NULL when the unit table is full. */
inspect_unit *inspect_emit(inspect_ctx *cx, inspect_unit_kind kind, const char *proto, const char *field,
                           const uint8_t *data, size_t len, uint8_t layers, uint16_t object_id);

/* The decoder recognised its protocol in what it read and left it out on purpose (server
 * chatter, a program's notices): the bytes are not handed to universal extraction. */
void inspect_recognised(inspect_ctx *cx);

/* A fresh object id for grouping sibling fields. */
uint16_t inspect_new_object(inspect_ctx *cx);

/* Generic content handler: sniff what `data` is (JSON, form-urlencoded, multipart with the
 * given boundary, gzip/zlib, base64, plain text …), decode it within the depth and size
 * limits and emit units. `kind` is the unit kind for a plain-text result (LW_UNIT_MESSAGE
 * when the protocol says this is a message body). `content_type` may be NULL. */
void inspect_content(inspect_ctx *cx, const char *proto, const char *field, inspect_unit_kind kind,
                     const uint8_t *data, size_t len, uint8_t layers, const char *content_type);

/* `len` bytes in `charset` as UTF-8 in the arena (*out_len its length; invalid bytes skipped);
 * the bytes as they are for UTF-8, ASCII, no charset or one iconv does not know. */
const uint8_t *inspect_to_utf8(inspect_ctx *cx, const char *charset, const uint8_t *p, size_t len, size_t *out_len);

/* Chat clients wrap messages in HTML (AIM's <HTML><BODY>…, MSN and Skype fonts): the visible
 * text, tags dropped and the common entities decoded, into the arena. NULL when not markup. */
const uint8_t *inspect_visible_text(inspect_ctx *cx, const uint8_t *d, size_t len, size_t *out_len);

/* Record what the direction turned out to be (first decoder that claims it wins). */
void inspect_set_app_proto(inspect_ctx *cx, const char *app_proto);

const inspect_input *inspect_input_of(const inspect_ctx *cx);

/* A protocol decoder. probe() looks at the start of the stream (both directions available
 * in input) and returns a confidence 0..100 (0 = not mine); decode() emits units. */
typedef struct inspect_decoder {
    const char *name;      /* doc->app_proto when chosen: "HTTP", "IRC" … */
    int (*probe)(const inspect_input *in);
    void (*decode)(inspect_ctx *cx, const inspect_input *in);
} inspect_decoder;

extern const inspect_decoder inspect_decoder_http, inspect_decoder_h2, inspect_decoder_websocket, inspect_decoder_smtp,
    inspect_decoder_pop3, inspect_decoder_imap, inspect_decoder_nntp, inspect_decoder_xmpp,
    inspect_decoder_irc, inspect_decoder_mqtt, inspect_decoder_redis, inspect_decoder_stomp,
    inspect_decoder_kafka, inspect_decoder_socks, inspect_decoder_coap, inspect_decoder_smpp, inspect_decoder_ipmsg, inspect_decoder_oscar,
    inspect_decoder_rtt, inspect_decoder_amqp, inspect_decoder_thrift, inspect_decoder_nats, inspect_decoder_zephyr,
    inspect_decoder_modem,
    inspect_decoder_raw;

/* Apache Thrift messages (thrift.c) making up the whole of `data` (an HTTP body, a WebSocket
 * message): decoded as the Thrift decoder decodes a stream, true; false, nothing emitted, when
 * the bytes are not Thrift. The unversioned binary form is tried only when `declared` (the
 * content type says Thrift): it has no magic to tell it by. */
bool inspect_thrift(inspect_ctx *cx, const uint8_t *data, size_t len, uint8_t layers, bool declared);

/* XMPP stanzas carried by another transport (xmpp.c): an HTTP body of BOSH (XEP-0124/0206) or a
 * WebSocket message of RFC 7395 holding <message> stanzas is decoded as the XMPP stream is (true);
 * false, nothing emitted, when `data` holds no XMPP message. */
bool inspect_xmpp_carried(inspect_ctx *cx, const uint8_t *data, size_t len);

/* Universal text extraction (extract.c): text units from bytes no decoder explained.
 * _records: gRPC frames, MessagePack or protobuf in bytes that are not clean text (true when found);
 * _binary: those records, else UTF-8 and UTF-16 string runs;
 * _lines: MIME-ish heads with bodies, JSON lines, command lines, plain lines;
 * _compressed: a zlib or gzip stream after a short header, inflated and extracted (true when it was);
 * inspect_extract: either, chosen by whether the bytes read as text. */
bool inspect_extract_records(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len, uint8_t layers);
void inspect_extract_binary(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len, uint8_t layers);
void inspect_extract_lines(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len, uint8_t layers);
void inspect_extract(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len, uint8_t layers);
bool inspect_extract_compressed(inspect_ctx *cx, const char *proto, const uint8_t *data, size_t len);
/* What a chat relay's line says after its "time (who) say: " header, as a unit of its own. */
void inspect_extract_speech(inspect_ctx *cx, const char *proto, inspect_unit_kind kind, const uint8_t *data,
                            size_t len, uint8_t layers, uint16_t object);

/* A whole mail (headers, blank line, MIME body) found outside a mail protocol (mid-stream captures,
 * unknown transports): decoded as the mail decoders decode one (mail.c), units of proto "mail". */
void inspect_mail(inspect_ctx *cx, const uint8_t *data, size_t len);

/* True when the bytes read as text: no NUL, at most 1 in 20 control or invalid UTF-8 (content.c). */
bool inspect_is_text(const uint8_t *data, size_t len);

/* Encoding helpers (content.c); each returns the decoded length or -1. */
long inspect_base64_decode(const uint8_t *in, size_t len, uint8_t *out, size_t cap);
long inspect_qp_decode(const uint8_t *in, size_t len, uint8_t *out, size_t cap);
long inspect_percent_decode(const uint8_t *in, size_t len, uint8_t *out, size_t cap, bool plus_is_space);
/* Inflate gzip, zlib or raw deflate into out (at most cap bytes; partial output is kept). */
long inspect_inflate(const uint8_t *in, size_t len, uint8_t *out, size_t cap);

#endif
