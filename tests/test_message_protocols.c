/* test_message_protocols.c — the Thrift (src/inspect/thrift.c), NATS (nats.c) and Zephyr
 * (zephyr.c) decoders and STOMP/NATS inside WebSocket messages (inspect_offer_message) through
 * inspect_run with every real decoder, then message_assess with the committed model. The bytes
 * are built here from the protocols' public specifications: Thrift's binary (strict and old
 * form) and compact protocols, framed and not, on their own and as HTTP bodies; NATS PUB, HPUB,
 * MSG and the chatter around them; ZNotices of 17 and 19 header fields. Truncated and hostile
 * inputs (every prefix, huge counts, deep nesting, bad lengths) must decode without reading out
 * of bounds (run under ASan). Never prints message text unless a test fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "inspect/inspect.h"
#include "inspect/message.h"

static inspector *mp_inspector;
static inspect_doc mp_doc;
static message_model mp_model;
static message_assessor *mp_assessor;

typedef struct mp_buf {
    uint8_t d[8192];
    size_t n;
} mp_buf;

static void mp_bytes(mp_buf *b, const void *p, size_t n)
{
    assert_true(b->n + n <= sizeof b->d);
    memcpy(b->d + b->n, p, n);
    b->n += n;
}

static void mp_str(mp_buf *b, const char *s)
{
    mp_bytes(b, s, strlen(s));
}

static void mp_u8(mp_buf *b, uint8_t v)
{
    mp_bytes(b, &v, 1);
}

static void mp_be(mp_buf *b, uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--)
        mp_u8(b, (uint8_t)(v >> (8 * i)));
}

static void mp_varint(mp_buf *b, uint64_t v)
{
    do {
        mp_u8(b, (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)));
        v >>= 7;
    } while (v);
}

static void mp_run_ports(const void *data, size_t len, const void *peer, size_t peer_len, bool datagram, uint16_t port)
{
    inspect_input in = {.data = data, .len = (uint32_t)len, .peer = peer, .peer_len = (uint32_t)peer_len,
                        .from_initiator = true, .is_datagram = datagram, .l4proto = datagram ? 17 : 6,
                        .initiator_port = 40000, .responder_port = port, .ndpi_proto = "Unknown"};
    inspect_run(mp_inspector, &in, &mp_doc);
}

static void mp_run(const mp_buf *b, uint16_t port)
{
    mp_run_ports(b->d, b->n, NULL, 0, false, port);
}

/* Every prefix, each in a heap block of its exact size, and the whole with each byte flipped in
 * turn: no crash, no read outside the bytes (ASan). */
static void mp_hostile(const mp_buf *b, bool datagram, uint16_t port)
{
    for (size_t n = 0; n <= b->n; n++) {
        uint8_t *exact = malloc(n ? n : 1);
        assert_non_null(exact);
        memcpy(exact, b->d, n);
        mp_run_ports(exact, n, NULL, 0, datagram, port);
        free(exact);
    }
    uint8_t *copy = malloc(b->n);
    assert_non_null(copy);
    for (size_t i = 0; i < b->n; i++) {
        memcpy(copy, b->d, b->n);
        copy[i] ^= 0xff;
        mp_run_ports(copy, b->n, NULL, 0, datagram, port);
    }
    free(copy);
}

static void mp_list(void)
{
    for (uint32_t i = 0; i < mp_doc.n_units; i++)
        fprintf(stderr, "  unit %u kind %u proto %s field %s object %u layers %u: %.*s\n", i, mp_doc.units[i].kind,
                mp_doc.units[i].proto, mp_doc.units[i].field, mp_doc.units[i].object_id, mp_doc.units[i].layers,
                (int)mp_doc.units[i].len, (const char *)mp_doc.units[i].data);
}

/* The n-th unit (0-based) with this field name, or NULL. */
static const inspect_unit *mp_unit(const char *field, int n)
{
    for (uint32_t i = 0; i < mp_doc.n_units; i++)
        if (strcmp(mp_doc.units[i].field, field) == 0 && n-- == 0)
            return &mp_doc.units[i];
    return NULL;
}

static const inspect_unit *mp_expect(const char *field, int n, const char *text)
{
    const inspect_unit *u = mp_unit(field, n);
    if (u == NULL || u->len != strlen(text) || memcmp(u->data, text, u->len) != 0)
        mp_list();
    assert_non_null(u);
    assert_int_equal(u->len, strlen(text));
    assert_memory_equal(u->data, text, u->len);
    return u;
}

static bool mp_has_text(const char *text)
{
    for (uint32_t i = 0; i < mp_doc.n_units; i++)
        if (mp_doc.units[i].len == strlen(text) && memcmp(mp_doc.units[i].data, text, strlen(text)) == 0)
            return true;
    return false;
}

static void mp_assess(message_assessment *a)
{
    message_assess(mp_assessor, &mp_model, &mp_doc, NULL, a);
}

static bool mp_has_label(const message_assessment *a, const char *label)
{
    for (uint32_t i = 0; i < a->n_matched; i++)
        if (strcmp(a->matched[i], label) == 0)
            return true;
    return false;
}

/* ---- Thrift ----------------------------------------------------------------------------- */

#define TEXT_EN "Are we still on for dinner at eight tonight?"
#define TEXT_DE "Ich komme heute etwas später, warte bitte auf mich."

enum { T_STOP = 0, T_BOOL = 2, T_I32 = 8, T_I64 = 10, T_STRING = 11, T_STRUCT = 12, T_MAP = 13, T_LIST = 15 };

static void tb_field(mp_buf *b, uint8_t type, int16_t id)
{
    mp_u8(b, type);
    mp_be(b, (uint16_t)id, 2);
}

static void tb_string(mp_buf *b, int16_t id, const char *s)
{
    tb_field(b, T_STRING, id);
    mp_be(b, strlen(s), 4);
    mp_str(b, s);
}

/* sendMessage(1: string conversation, 2: Message {1: string text, 2: i64 sentAt}) */
static void tb_send_args(mp_buf *b, const char *text)
{
    tb_string(b, 1, "conv-7f3a");
    tb_field(b, T_STRUCT, 2);
    tb_string(b, 1, text);
    tb_field(b, T_I64, 2);
    mp_be(b, 1746353553123ull, 8);
    mp_u8(b, T_STOP);
    mp_u8(b, T_STOP);
}

static void tb_strict_head(mp_buf *b, uint8_t type, const char *name, uint32_t seqid)
{
    mp_be(b, 0x80010000u | type, 4);
    mp_be(b, strlen(name), 4);
    mp_str(b, name);
    mp_be(b, seqid, 4);
}

/* A framed stream: a length, then the message. */
static void tb_framed(mp_buf *out, const mp_buf *msg)
{
    mp_be(out, msg->n, 4);
    mp_bytes(out, msg->d, msg->n);
}

static void test_thrift_binary_framed(void **state)
{
    (void)state;
    mp_buf call = {0}, stream = {0}, reply = {0}, rstream = {0};
    tb_strict_head(&call, 1, "sendMessage", 1);
    tb_send_args(&call, TEXT_EN);
    tb_framed(&stream, &call);
    tb_strict_head(&reply, 2, "sendMessage", 1);
    tb_field(&reply, T_I64, 0);
    mp_be(&reply, 88123456789ull, 8);
    mp_u8(&reply, T_STOP);
    tb_framed(&rstream, &reply);
    mp_buf two = stream; /* two calls back to back */
    tb_framed(&two, &call);

    mp_run_ports(two.d, two.n, rstream.d, rstream.n, false, 9090);
    assert_string_equal(mp_doc.app_proto, "Thrift");
    assert_int_equal(mp_doc.verdict, LW_VERDICT_PLAINTEXT);
    mp_expect(":method", 0, "call");
    mp_expect(":path", 0, "sendMessage");
    const inspect_unit *conv = mp_expect("thrift:1", 0, "conv-7f3a");
    const inspect_unit *text = mp_expect("thrift:1", 1, TEXT_EN);
    const inspect_unit *time = mp_expect("thrift:2", 0, "1746353553123");
    assert_int_equal(text->kind, LW_UNIT_FIELD);
    assert_int_equal(text->framing, LW_FRAMING_STRUCTURED);
    assert_int_equal(text->object_id, time->object_id);
    assert_int_not_equal(text->object_id, conv->object_id); /* a nested struct is a record of its own */
    mp_expect("thrift:1", 3, TEXT_EN);                      /* the second call */

    mp_run_ports(rstream.d, rstream.n, two.d, two.n, false, 9090);
    assert_string_equal(mp_doc.app_proto, "Thrift");
    mp_expect(":status", 0, "reply");
    assert_null(mp_unit(":path", 0));
    mp_hostile(&stream, false, 9090);
}

static void test_thrift_old_form_unframed(void **state)
{
    (void)state;
    mp_buf b = {0};
    mp_be(&b, strlen("postNote"), 4); /* no version: the name's length, the name, the type, seqid */
    mp_str(&b, "postNote");
    mp_u8(&b, 1);
    mp_be(&b, 7, 4);
    tb_string(&b, 3, TEXT_DE);
    tb_field(&b, T_LIST, 4); /* list<string> */
    mp_u8(&b, T_STRING);
    mp_be(&b, 2, 4);
    mp_be(&b, 5, 4);
    mp_str(&b, "alice");
    mp_be(&b, 3, 4);
    mp_str(&b, "bob");
    tb_field(&b, T_BOOL, 5);
    mp_u8(&b, 1);
    tb_string(&b, 6, "\xff\xfe\x00\x01" "binary"); /* not UTF-8: skipped */
    mp_u8(&b, T_STOP);
    mp_run(&b, 7911);
    assert_string_equal(mp_doc.app_proto, "Thrift");
    mp_expect(":path", 0, "postNote");
    mp_expect("thrift:3", 0, TEXT_DE);
    mp_expect("thrift:4", 0, "alice");
    mp_expect("thrift:4", 1, "bob");
    assert_null(mp_unit("thrift:6", 0));
    mp_hostile(&b, false, 7911);
}

/* The compact protocol: field-id deltas (a fresh count in a nested struct), a long field id, bool
 * fields carried in the type, list and map headers, zigzag varints. */
static void tc_compact_call(mp_buf *b, const char *name)
{
    mp_u8(b, 0x82);
    mp_u8(b, 1 << 5 | 1); /* call, version 1 */
    mp_varint(b, 300);    /* seqid */
    mp_varint(b, strlen(name));
    mp_str(b, name);
    mp_u8(b, 1 << 4 | 8); /* field 1, binary */
    mp_varint(b, 8);
    mp_str(b, "a1b2c3d4");
    mp_u8(b, 2 << 4 | 1); /* field 3, bool true */
    mp_u8(b, 1 << 4 | 12); /* field 4, struct */
    mp_u8(b, 1 << 4 | 8);  /*   field 1 (delta from 0 again), binary */
    mp_varint(b, strlen(TEXT_EN));
    mp_str(b, TEXT_EN);
    mp_u8(b, 1 << 4 | 6); /*   field 2, i64 */
    mp_varint(b, 1746353553123ull << 1);
    mp_u8(b, 0);
    mp_u8(b, 0 << 4 | 11); /* field 200 in full, map<string,string> */
    mp_varint(b, 200 << 1);
    mp_varint(b, 1);
    mp_u8(b, 8 << 4 | 8);
    mp_varint(b, 4);
    mp_str(b, "mood");
    mp_varint(b, 5);
    mp_str(b, "happy");
    mp_u8(b, 1 << 4 | 9); /* field 201, list<i32> of three */
    mp_u8(b, 3 << 4 | 5);
    mp_varint(b, 2), mp_varint(b, 4), mp_varint(b, 6);
    mp_u8(b, 0);
}

static void test_thrift_compact(void **state)
{
    (void)state;
    mp_buf b = {0};
    tc_compact_call(&b, "Chat:postNote");
    mp_run(&b, 7911);
    assert_string_equal(mp_doc.app_proto, "Thrift");
    mp_expect(":path", 0, "Chat:postNote");
    const inspect_unit *id = mp_expect("thrift:1", 0, "a1b2c3d4");
    const inspect_unit *text = mp_expect("thrift:1", 1, TEXT_EN);
    mp_expect("thrift:2", 0, "1746353553123");
    const inspect_unit *mood = mp_expect("mood", 0, "happy"); /* a map's text key names its value */
    assert_int_not_equal(id->object_id, text->object_id);
    assert_int_equal(id->object_id, mood->object_id);
    assert_null(mp_unit("thrift:201", 0));
    mp_hostile(&b, false, 7911);
}

static void test_thrift_http_bodies(void **state)
{
    (void)state;
    mp_buf body = {0}, req = {0};
    tc_compact_call(&body, "postNote");
    char head[256];
    snprintf(head, sizeof head, "POST /thrift/notes HTTP/1.1\r\nHost: notes.example\r\n"
             "Content-Type: application/vnd.apache.thrift.compact\r\nContent-Length: %zu\r\n\r\n", body.n);
    mp_str(&req, head);
    mp_bytes(&req, body.d, body.n);
    mp_run(&req, 80);
    assert_string_equal(mp_doc.app_proto, "HTTP");
    mp_expect(":path", 0, "/thrift/notes");
    mp_expect(":path", 1, "postNote");
    mp_expect("thrift:1", 1, TEXT_EN);
    message_assessment a;
    mp_assess(&a);
    assert_true(a.score > 0); /* the text was a candidate */

    /* The old binary form has no magic: only a Thrift content type lets it be read. */
    mp_buf old = {0}, req2 = {0}, req3 = {0};
    mp_be(&old, 8, 4);
    mp_str(&old, "sendText");
    mp_u8(&old, 4); /* oneway */
    mp_be(&old, 1, 4);
    tb_string(&old, 1, TEXT_DE);
    mp_u8(&old, T_STOP);
    snprintf(head, sizeof head, "POST /rpc HTTP/1.1\r\nHost: a.example\r\nContent-Type: application/x-thrift\r\n"
             "Content-Length: %zu\r\n\r\n", old.n);
    mp_str(&req2, head);
    mp_bytes(&req2, old.d, old.n);
    mp_run(&req2, 80);
    mp_expect(":method", 1, "oneway");
    mp_expect("thrift:1", 0, TEXT_DE);
    snprintf(head, sizeof head, "POST /rpc HTTP/1.1\r\nHost: a.example\r\nContent-Type: application/octet-stream\r\n"
             "Content-Length: %zu\r\n\r\n", old.n);
    mp_str(&req3, head);
    mp_bytes(&req3, old.d, old.n);
    mp_run(&req3, 80);
    assert_null(mp_unit("thrift:1", 0));
    mp_hostile(&req, false, 80);
}

static void test_thrift_exception_and_hostile(void **state)
{
    (void)state;
    mp_buf ex = {0};
    tb_strict_head(&ex, 3, "sendMessage", 9); /* TApplicationException {1: message, 2: type} */
    tb_string(&ex, 1, "Internal error processing sendMessage: database is locked");
    tb_field(&ex, T_I32, 2);
    mp_be(&ex, 6, 4);
    mp_u8(&ex, T_STOP);
    mp_run(&ex, 9090);
    assert_string_equal(mp_doc.app_proto, "Thrift");
    mp_expect(":status", 0, "exception");
    assert_int_equal(mp_doc.n_units, 1); /* an application's error text is left out */

    mp_buf huge = {0}; /* a list claiming 2^31-1 strings, then nothing */
    tb_strict_head(&huge, 1, "sendMessage", 1);
    tb_field(&huge, T_LIST, 1);
    mp_u8(&huge, T_STRING);
    mp_be(&huge, 0x7fffffff, 4);
    tb_string(&huge, 2, "never reached");
    mp_run(&huge, 9090);
    assert_false(mp_has_text("never reached"));

    mp_buf deep = {0}; /* 300 nested structs, a string at the bottom */
    tb_strict_head(&deep, 1, "sendMessage", 1);
    for (int i = 0; i < 300; i++)
        tb_field(&deep, T_STRUCT, 1);
    tb_string(&deep, 1, "too deep to read");
    mp_run(&deep, 9090);
    assert_false(mp_has_text("too deep to read"));

    mp_buf map = {0}; /* a map of 2^31-1 entries of unknown types */
    tb_strict_head(&map, 1, "sendMessage", 1);
    tb_field(&map, T_MAP, 1);
    mp_u8(&map, 0x7f);
    mp_u8(&map, 0x7f);
    mp_be(&map, 0x7fffffff, 4);
    mp_run(&map, 9090);
    mp_hostile(&huge, false, 9090);
    mp_hostile(&deep, false, 9090);
}

/* ---- NATS ------------------------------------------------------------------------------- */

static void test_nats_client(void **state)
{
    (void)state;
    mp_buf b = {0}, server = {0};
    char line[128];
    const char *json = "{\"text\":\"" TEXT_EN "\"}";
    const char *headers = "NATS/1.0\r\nX-From: alice\r\nContent-Type: text/plain\r\n\r\n";
    mp_str(&b, "CONNECT {\"verbose\":false,\"user\":\"app\",\"pass\":\"s3cret-pass\",\"headers\":true}\r\nPING\r\n");
    mp_str(&b, "SUB chat.room.42 1\r\n");
    snprintf(line, sizeof line, "PUB chat.room.42 %zu\r\n", strlen(json));
    mp_str(&b, line);
    mp_str(&b, json);
    mp_str(&b, "\r\n");
    snprintf(line, sizeof line, "hpub\tchat.room.42  _INBOX.x9  %zu %zu\r\n", strlen(headers),
             strlen(headers) + strlen(TEXT_DE));
    mp_str(&b, line);
    mp_str(&b, headers);
    mp_str(&b, TEXT_DE "\r\n");
    mp_str(&server, "INFO {\"server_id\":\"NDX\",\"version\":\"2.10.11\",\"headers\":true}\r\nPONG\r\n");
    mp_run_ports(b.d, b.n, server.d, server.n, false, 4222);
    assert_string_equal(mp_doc.app_proto, "NATS");
    mp_expect(":method", 0, "PUB");
    mp_expect(":path", 0, "chat.room.42");
    mp_expect("text", 0, TEXT_EN);
    mp_expect("X-From", 0, "alice");
    const inspect_unit *msg = mp_expect("pub", 0, TEXT_DE);
    assert_int_equal(msg->kind, LW_UNIT_MESSAGE);
    assert_false(mp_has_text("s3cret-pass"));
    assert_null(mp_unit("pass", 0));
    message_assessment a;
    mp_assess(&a);
    assert_true(mp_has_label(&a, "nats:pub"));
    mp_hostile(&b, false, 4222);
}

static void test_nats_server(void **state)
{
    (void)state;
    mp_buf b = {0};
    char line[128];
    mp_str(&b, "INFO {\"server_id\":\"NDX\",\"version\":\"2.10.11\"}\r\n+OK\r\nPING\r\n");
    snprintf(line, sizeof line, "MSG chat.room.42 1 %zu\r\n", strlen(TEXT_EN));
    mp_str(&b, line);
    mp_str(&b, TEXT_EN "\r\n");
    snprintf(line, sizeof line, "MSG chat.room.42 1 _INBOX.y 99\r\n"); /* cut by the capture */
    mp_str(&b, line);
    mp_str(&b, "see you");
    mp_run(&b, 4222);
    assert_string_equal(mp_doc.app_proto, "NATS");
    const inspect_unit *m = mp_expect("msg", 0, TEXT_EN);
    assert_int_equal(m->kind, LW_UNIT_MESSAGE);
    mp_expect("msg", 1, "see you");

    mp_buf msnp = {0}; /* MSNP's MSG shares the line: a MIME head, then a text/plain body or bookkeeping */
    const char *typing = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: bob@example.net\r\n\r\n\r\n";
    const char *chat = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                       "X-MMS-IM-Format: FN=Arial; EF=; CO=0; CS=0; PF=22\r\n\r\n" TEXT_DE;
    snprintf(line, sizeof line, "MSG bob@example.net Bob %zu\r\n", strlen(typing));
    mp_str(&msnp, line);
    mp_str(&msnp, typing);
    snprintf(line, sizeof line, "MSG bob@example.net Bob %zu\r\n", strlen(chat));
    mp_str(&msnp, line);
    mp_str(&msnp, chat);
    mp_run(&msnp, 1863);
    mp_expect("msg", 0, TEXT_DE);
    assert_null(mp_unit("msg", 1));
    for (uint32_t i = 0; i < mp_doc.n_units; i++) {
        assert_null(memmem(mp_doc.units[i].data, mp_doc.units[i].len, "MIME-Version", 12));
        assert_null(memmem(mp_doc.units[i].data, mp_doc.units[i].len, "msmsgscontrol", 13));
    }

    mp_buf chatter = {0}; /* nothing but chatter: recognised, nothing to extract */
    mp_str(&chatter, "INFO {\"server_id\":\"NDX\"}\r\nPING\r\nPONG\r\n-ERR 'Unknown Protocol Operation'\r\n");
    mp_run(&chatter, 4222);
    assert_string_equal(mp_doc.app_proto, "NATS");
    assert_int_equal(mp_doc.n_units, 0);
    mp_hostile(&b, false, 4222);
}

/* ---- Redis or POP3 ------------------------------------------------------------------------ */

/* Both say "AUTH …" and "+OK": a POP3 server greets with text before the client speaks, Redis
 * answers the client's AUTH with a bare "+OK". */
static void test_redis_not_pop3(void **state)
{
    (void)state;
    static const char client[] = "AUTH f86e0ae1f6c5cfc3\r\nPUBLISH chat:room:55 \"" TEXT_EN "\"\r\n";
    static const char redis[] = "+OK\r\n:2\r\n";
    static const char pop3[] = "+OK POP3 server ready <1896.697170952@example.net>\r\n+OK\r\n";
    mp_run_ports(client, sizeof client - 1, redis, sizeof redis - 1, false, 6379);
    assert_string_equal(mp_doc.app_proto, "Redis");
    mp_expect("publish", 0, TEXT_EN);
    static const char user[] = "AUTH PLAIN\r\nUSER bob\r\n";
    mp_run_ports(user, sizeof user - 1, pop3, sizeof pop3 - 1, false, 110);
    assert_string_equal(mp_doc.app_proto, "POP3");
}

/* ---- Zephyr ----------------------------------------------------------------------------- */

/* A ZNotice: `count` header fields (hex), then the body. */
static void zn_notice(mp_buf *b, unsigned count, unsigned kind, const char *class, const char *opcode,
                      const void *body, size_t body_len)
{
    char n[16], k[16];
    snprintf(n, sizeof n, "0x%08X", count);
    snprintf(k, sizeof k, "0x%08X", kind);
    const char *fields[] = {"ZEPH0.2", n, k, "0x12AB34CD 0x5E6F7A8B 0x0000C0DE", "0x1F90", "0x00000000", "0x00000000", "",
                            class, "personal", opcode, "alice@EXAMPLE.NET", "bob@EXAMPLE.NET",
                            "Class $class, Instance $instance:\nFrom: @bold{$1 <$sender>}\n\n$2", "0x1A2B3C4D",
                            "", "0x12AB34CD 0x5E6F7A8B 0x0000C0DE", "0x0A000001", "0x0000006A"};
    for (unsigned i = 0; i < count && i < sizeof fields / sizeof fields[0]; i++)
        mp_bytes(b, fields[i], strlen(fields[i]) + 1);
    mp_bytes(b, body, body_len);
}

static void test_zephyr(void **state)
{
    (void)state;
    mp_buf b = {0};
    static const char body[] = "Alice P. Hacker\0" TEXT_EN "\0";
    zn_notice(&b, 17, 2, "MESSAGE", "", body, sizeof body - 1);
    mp_run_ports(b.d, b.n, NULL, 0, true, 2104);
    assert_string_equal(mp_doc.app_proto, "Zephyr");
    const inspect_unit *text = mp_expect("zephyr", 0, TEXT_EN);
    assert_int_equal(text->kind, LW_UNIT_MESSAGE);
    assert_int_equal(mp_expect("signature", 0, "Alice P. Hacker")->object_id, text->object_id);
    mp_expect("sender", 0, "alice@EXAMPLE.NET");
    mp_expect("recipient", 0, "bob@EXAMPLE.NET");
    assert_false(mp_has_text("0x1A2B3C4D"));
    message_assessment a;
    mp_assess(&a);
    assert_true(mp_has_label(&a, "zephyr:zephyr"));
    mp_hostile(&b, true, 2104);

    mp_buf nine = {0}; /* 19 header fields (sender address, charset), a body of the text alone */
    zn_notice(&nine, 19, 1, "chat", "", TEXT_DE, strlen(TEXT_DE));
    mp_run_ports(nine.d, nine.n, NULL, 0, true, 40000);
    assert_string_equal(mp_doc.app_proto, "Zephyr");
    mp_expect("zephyr", 0, TEXT_DE);
    assert_null(mp_unit("signature", 0));
}

static void test_zephyr_control_and_hostile(void **state)
{
    (void)state;
    mp_buf sub = {0}, ack = {0}, ping = {0}, bad = {0};
    static const char triples[] = "MESSAGE\0*\0%me%\0chat\0*\0*\0";
    zn_notice(&sub, 17, 2, "ZEPHYR_CTL", "SUBSCRIBE", triples, sizeof triples - 1);
    mp_run_ports(sub.d, sub.n, NULL, 0, true, 2104);
    assert_string_equal(mp_doc.app_proto, "Zephyr");
    assert_int_equal(mp_doc.n_units, 0); /* recognised: not handed to extraction */
    zn_notice(&ack, 17, 5, "MESSAGE", "", "SENT", 4);
    mp_run_ports(ack.d, ack.n, NULL, 0, true, 2104);
    assert_int_equal(mp_doc.n_units, 0);
    zn_notice(&ping, 17, 2, "MESSAGE", "PING", "", 0);
    mp_run_ports(ping.d, ping.n, NULL, 0, true, 2104);
    assert_int_equal(mp_doc.n_units, 0);
    zn_notice(&bad, 0xffffff, 2, "MESSAGE", "", TEXT_EN, strlen(TEXT_EN)); /* a count past the datagram */
    mp_run_ports(bad.d, bad.n, NULL, 0, true, 2104);
    assert_true(mp_doc.app_proto == NULL || strcmp(mp_doc.app_proto, "Zephyr") != 0);
    mp_hostile(&sub, true, 2104);
}

/* ---- STOMP and NATS inside WebSocket messages ------------------------------------------- */

static void ws_frame(mp_buf *b, uint8_t opcode, const char *payload, size_t len, bool masked)
{
    static const uint8_t mask[4] = {0x37, 0xfa, 0x21, 0x3d};
    mp_u8(b, 0x80 | opcode);
    if (len < 126) {
        mp_u8(b, (uint8_t)((masked ? 0x80 : 0) | len));
    } else {
        mp_u8(b, (masked ? 0x80 : 0) | 126);
        mp_be(b, len, 2);
    }
    if (masked)
        mp_bytes(b, mask, 4);
    for (size_t i = 0; i < len; i++)
        mp_u8(b, (uint8_t)(payload[i] ^ (masked ? mask[i & 3] : 0)));
}

static void test_stomp_in_websocket(void **state)
{
    (void)state;
    mp_buf b = {0};
    static const char connect[] = "CONNECT\naccept-version:1.2\nheart-beat:10000,10000\n\n";
    static const char send[] = "SEND\ndestination:/topic/chat\ncontent-type:application/json\n\n"
                               "{\"text\":\"" TEXT_EN "\"}";
    mp_str(&b, "GET /ws HTTP/1.1\r\nHost: chat.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: v12.stomp\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n");
    ws_frame(&b, 1, connect, sizeof connect, true); /* the frame's NUL included */
    ws_frame(&b, 1, send, sizeof send, true);
    ws_frame(&b, 1, "\n", 1, true); /* a heart-beat */
    mp_run(&b, 8080);
    assert_string_equal(mp_doc.app_proto, "WebSocket");
    const inspect_unit *dest = mp_expect("destination", 0, "/topic/chat");
    const inspect_unit *text = mp_expect("text", 0, TEXT_EN);
    assert_int_equal(dest->layers & LW_LAYER_WS_MASK, LW_LAYER_WS_MASK);
    assert_int_equal(text->layers & LW_LAYER_WS_MASK, LW_LAYER_WS_MASK);
    assert_false(mp_has_text(send)); /* the frame is read as STOMP, not as one text */
    message_assessment a;
    mp_assess(&a);
    assert_true(a.score > 0); /* the text was a candidate */

    mp_buf nats = {0}; /* NATS's WebSocket transport: protocol lines in binary messages */
    char pub[256];
    int n = snprintf(pub, sizeof pub, "PUB chat.room.7 %zu\r\n%s\r\n", strlen(TEXT_DE), TEXT_DE);
    mp_str(&nats, "GET /nats HTTP/1.1\r\nHost: chat.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    ws_frame(&nats, 2, "CONNECT {\"verbose\":false}\r\nPING\r\n", 33, true);
    ws_frame(&nats, 2, pub, (size_t)n, true);
    mp_run(&nats, 8080);
    mp_expect(":path", 1, "chat.room.7");
    mp_expect("pub", 0, TEXT_DE);
    mp_hostile(&b, false, 8080);
}

static int mp_setup(void **state)
{
    (void)state;
    char path[512], err[LW_ERRBUF];
    const char *top = getenv("LW_TOP_SRCDIR");
    snprintf(path, sizeof path, "%s/signatures/message-model.tsv", top ? top : ".");
    if (message_model_load(path, &mp_model, err, sizeof err) != LW_OK) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    mp_inspector = inspector_new(NULL);
    mp_assessor = message_assessor_new();
    return mp_inspector && mp_assessor ? 0 : -1;
}

static int mp_teardown(void **state)
{
    (void)state;
    inspector_free(mp_inspector);
    message_assessor_free(mp_assessor);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thrift_binary_framed), cmocka_unit_test(test_thrift_old_form_unframed),
        cmocka_unit_test(test_thrift_compact),       cmocka_unit_test(test_thrift_http_bodies),
        cmocka_unit_test(test_thrift_exception_and_hostile),
        cmocka_unit_test(test_nats_client),          cmocka_unit_test(test_nats_server),
        cmocka_unit_test(test_redis_not_pop3),
        cmocka_unit_test(test_zephyr),               cmocka_unit_test(test_zephyr_control_and_hostile),
        cmocka_unit_test(test_stomp_in_websocket),
    };
    return cmocka_run_group_tests(tests, mp_setup, mp_teardown);
}
