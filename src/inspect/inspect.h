/* inspect.h — the inspect stage: from the reassembled bytes of one flow direction (or one
 * UDP datagram), decode application content (HTTP, WebSocket, mail, XMPP, IRC, MQTT …),
 * remove encodings (chunked, gzip/deflate, base64, quoted-printable, WebSocket masks) and
 * hand out the decoded pieces as `units`, with the encryption-state verdict of the bytes.
 *
 * Owns: its scratch arena (decoded bytes live there until the next inspect_run), reused
 * for every run: no allocation per packet. Never sees policy, signatures or outputs. */
#ifndef LW_INSPECT_H
#define LW_INSPECT_H

#include "../common.h"

/* Encodings removed to reach a unit's bytes (bit set). */
enum {
    LW_LAYER_CHUNKED = 1u << 0,
    LW_LAYER_GZIP = 1u << 1,      /* gzip, zlib, raw deflate */
    LW_LAYER_BASE64 = 1u << 2,
    LW_LAYER_QP = 1u << 3,        /* quoted-printable */
    LW_LAYER_URLENC = 1u << 4,    /* form-urlencoded / percent-encoding */
    LW_LAYER_WS_MASK = 1u << 5,   /* WebSocket client masking */
    LW_LAYER_HEX = 1u << 6,
    LW_LAYER_RECORD = 1u << 7,    /* a document inside binary records (JSON in a Kafka value, a heap dump) */
};

typedef enum inspect_unit_kind {
    LW_UNIT_MESSAGE = 1, /* the protocol itself marks this as a message body: IRC PRIVMSG/NOTICE text,
                            XMPP <message><body>, SMTP DATA / POP3 RETR / IMAP FETCH / NNTP ARTICLE
                            text part, MQTT PUBLISH payload, STOMP SEND/MESSAGE body, Redis PUBLISH
                            message, WebSocket text message */
    LW_UNIT_FIELD,       /* a named value of structured content: JSON string, form field, mail
                            header, HTTP header, multipart part, XML element text */
    LW_UNIT_BODY,        /* a whole decoded body (HTTP entity after dechunk/inflate) */
    LW_UNIT_RAW,         /* raw bytes of an unknown protocol (line or length-prefixed records) */
    LW_UNIT_TEXT,        /* text found by extraction where no decoder said what it is: a line of an
                            unknown line protocol (field: its verb, "line", or "body" after a
                            MIME-ish head), a string run in binary bytes (field: "utf8",
                            "utf16le", "utf16be") */
} inspect_unit_kind;

/* How the extractor found a unit's text (0 for units of decoders and the content handler). */
enum { LW_FRAMING_STRUCTURED = 0, LW_FRAMING_BINARY = 1, LW_FRAMING_LINES = 2 };

typedef struct inspect_unit {
    uint8_t kind;         /* inspect_unit_kind */
    uint8_t layers;       /* LW_LAYER_* removed to reach these bytes */
    uint8_t framing;      /* LW_FRAMING_*: binary records and string runs, or lines of text */
    uint16_t object_id;   /* JSON/XML object holding a FIELD (siblings share it); 0 = none */
    const char *proto;    /* decoder that produced it: "http", "irc" … (static string) */
    char field[32];       /* JSON key, header name, IRC command, form field; "" when none */
    const uint8_t *data;  /* decoded bytes (valid until the next inspect_run) */
    uint32_t len;
} inspect_unit;

#define LW_INSPECT_MAX_UNITS 4096

typedef struct inspect_doc {
    const char *app_proto;     /* what the bytes turned out to be: "HTTP", "WebSocket", "IRC", "XMPP",
                                  "SMTP", "POP3", "IMAP", "NNTP", "MQTT", "Redis", "STOMP", "Kafka",
                                  or NULL when no decoder recognised them */
    lw_verdict verdict;        /* encryption state of the direction's bytes (see verdict.h) */
    float entropy;             /* Shannon bits/byte of the raw bytes inspected; -1 when the
                                  verdict came from decoded units (see inspect_entropy) */
    uint32_t bytes_inspected;  /* raw bytes looked at */
    uint32_t n_units;
    bool truncated;            /* units or arena ran out; later content not decoded */
    inspect_unit units[LW_INSPECT_MAX_UNITS];
} inspect_doc;

typedef struct inspect_input {
    const uint8_t *data;       /* this direction's reassembled bytes from the start (or a datagram) */
    uint32_t len;
    const uint8_t *peer;       /* the other direction's bytes so far (requests for responses …) */
    uint32_t peer_len;
    bool from_initiator;       /* data travels initiator → responder */
    bool is_datagram;          /* UDP: one datagram */
    bool typed;                /* characters typed a packet at a time, strung together (see rtt_characters) */
    bool gap;                  /* the stream has a hole, or was picked up midstream: parsers must
                                  resynchronise */
    uint8_t l4proto;           /* 6 or 17 */
    uint16_t initiator_port, responder_port;
    const char *ndpi_proto;    /* nDPI's label, a hint only ("HTTP", "IRC", "Unknown" …) */
} inspect_input;

typedef struct inspector inspector;

/* The characters one real-time text packet carries (RFC 4103: T.140 over RTP; with RFC 2198
 * redundancy, the newest block only): true with chars and n set (pointing into p), else false. */
bool rtt_characters(const uint8_t *p, size_t len, const uint8_t **chars, size_t *n);

typedef struct inspect_limits {
    uint32_t max_layers;     /* nested decodings, e.g. base64 inside JSON inside gzip (default 3) */
    uint32_t inflate_limit;  /* bytes one inflate may produce (default 256 KiB) */
    uint32_t arena_bytes;    /* scratch for decoded bytes (default 1 MiB) */
} inspect_limits;

inspector *inspector_new(const inspect_limits *limits);
void inspector_free(inspector *in);

/* Decode `input` into `doc` (doc is overwritten). Deterministic; never fails: unknown or
 * malformed content yields fewer units, never an error. */
void inspect_run(inspector *in, const inspect_input *input, inspect_doc *doc);

/* Where a zlib or gzip stream starts among the first `within` + 1 bytes of p (a game's or a
 * gateway's packet header before it); len when none does (content.c). */
size_t inspect_compressed_at(const uint8_t *p, size_t len, size_t within);

/* Entropy of the raw bytes of the run that filled doc: computed on demand (an alert needs
 * it; an inspection whose units gave the verdict does not). */
float inspect_entropy(const inspect_doc *doc, const inspect_input *input);

#endif
