/* framework.h — private glue between the inspect framework's own files (inspect.c, content.c,
 * http.c, websocket.c, h2.c): nested-decoding depth, arena tail allocation, the zlib
 * arena allocator, the HTTP → WebSocket and HTTP ↔ HTTP/2 hand-overs and the WebSocket →
 * message-protocol one. The other protocol decoders use decoders.h only. */
#ifndef LW_INSPECT_FRAMEWORK_H
#define LW_INSPECT_FRAMEWORK_H

#include <zlib.h>

#include "decoders.h"

/* Enter one more nested decoding; false when limits.max_layers is reached (then do not
 * decode further). Every successful enter is paired with a leave. */
bool inspect_enter_layer(inspect_ctx *cx);
void inspect_leave_layer(inspect_ctx *cx);

/* The unit table or the arena ran out (doc->truncated): stop decoding. */
bool inspect_full(const inspect_ctx *cx);

uint32_t inspect_inflate_limit(const inspect_ctx *cx);

/* Allocate up to `want` bytes (at least 1); *got says how many. Give back the unused tail of
 * this most recent allocation with inspect_trim(). NULL when the arena is full. */
uint8_t *inspect_alloc_upto(inspect_ctx *cx, size_t want, size_t *got);
void inspect_trim(inspect_ctx *cx, const uint8_t *block, size_t used);

/* A declared type whose bytes are not text (images, archives, octet-stream …): skip it.
 * NULL or "" is not binary (the content is sniffed instead). */
bool inspect_content_type_is_binary(const char *content_type);

/* An event or method name heading a top-level array's arguments ("chat message" in Socket.IO's
 * ["chat message", "hi"], "SendMessage" in a SignalR invocation): short ASCII, letters and
 * " _:.-/" only (no digits: "room-53" is an id), at most two spaces. */
#define INSPECT_MAX_EVENT_NAME 24
bool inspect_is_event_name(const uint8_t *p, size_t len);

/* zlib memory that comes from a caller-provided zone (no heap): enough for one inflate
 * stream with a 32 KiB window. */
#define INSPECT_ZONE_BYTES (48u * 1024u)
typedef struct inspect_zone {
    uint8_t *mem;
    size_t cap, used;
} inspect_zone;
void inspect_zone_attach(z_stream *z, inspect_zone *zone);

/* The bytes of a tunnel (after an HTTP CONNECT and its 2xx answer): decoded as a stream of
 * their own by whichever decoder claims them (the extractor when none does); `peer` is the
 * other direction's tunnel bytes. Units land in the same doc. */
void inspect_tunnel(inspect_ctx *cx, const uint8_t *data, size_t len, const uint8_t *peer, size_t peer_len);

/* One HTTP message whose head came as header fields (an HTTP/2 stream's decoded header block,
 * pseudo-headers included; name and value bytes stay valid for the run) and its body: emitted as
 * http.c emits an HTTP/1.x message (":method", ":path" and its query, ":status", the headers that
 * say what the body is, party headers; the body with its Content-Encoding undone). */
typedef struct http_field {
    const uint8_t *name, *value;
    size_t name_len, value_len;
} http_field;
void http_emit_message(inspect_ctx *cx, const http_field *fields, size_t n_fields, const uint8_t *body,
                       size_t body_len);

/* Decode HTTP/2 frames from `data` (the client preface or the server's first frame: after an
 * h2c upgrade, or a connection's start); `peer` is the other direction's bytes (its SETTINGS
 * say how large this direction's HPACK table may grow). */
void h2_decode_frames(inspect_ctx *cx, const uint8_t *data, size_t len, const uint8_t *peer, size_t peer_len);

/* A WebSocket message offered to the decoders whose framing it may carry whole (STOMP, NATS, IRC, XMPP):
 * true when one claimed it (its units carry `layers` besides their own); false, nothing
 * emitted, when none did. */
bool inspect_offer_message(inspect_ctx *cx, const uint8_t *data, size_t len, uint8_t layers);

/* Decode RFC 6455 frames from `data` (the bytes after an upgrade, or a stream picked up
 * midstream) and emit their messages. Returns the bytes consumed by complete frames. */
size_t websocket_decode_frames(inspect_ctx *cx, const uint8_t *data, size_t len);

#endif
