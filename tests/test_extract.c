/* test_extract.c — universal text extraction (src/inspect/extract.c) through inspect_run with
 * every real decoder: protobuf, gRPC-web (binary, and base64 chunks in text mode), MessagePack (plain and SignalR's varint-prefixed),
 * UTF-16LE/BE runs, UTF-8 runs behind printable length prefixes, line protocols (IRCv3 tags,
 * custom verbs, MIME-ish heads with bodies, JSON lines), HTTP binary bodies, a mail dialogue
 * inside an HTTP CONNECT tunnel, YMSG's modified-UTF-8 separators, APRS-IS's addressed lines, CoAP
 * with CBOR, SMPP (UCS-2, user data headers, receipts), IP Messenger (UTF-8, CP932), OSCAR ICBM, UTF-16 bodies, JSON in Socket.IO and
 * SignalR envelopes, IRC services left out, real-time text (RTP packets, typed lines), AMQP publish, and random
 * bytes that must yield nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "inspect/inspect.h"

static inspector *tx_inspector;
static inspect_doc tx_doc;

static void tx_run_peer(const void *data, size_t len, const void *peer, size_t peer_len, bool datagram)
{
    inspect_input in = {.data = data, .len = (uint32_t)len, .peer = peer, .peer_len = (uint32_t)peer_len,
                        .from_initiator = true, .is_datagram = datagram, .l4proto = datagram ? 17 : 6,
                        .initiator_port = 40000, .responder_port = 7777};
    inspect_run(tx_inspector, &in, &tx_doc);
}

static void tx_run(const void *data, size_t len)
{
    tx_run_peer(data, len, NULL, 0, false);
}

/* The n-th unit (0-based) with this field name, or NULL. */
static const inspect_unit *tx_unit(const char *field, int n)
{
    for (uint32_t i = 0; i < tx_doc.n_units; i++)
        if (strcmp(tx_doc.units[i].field, field) == 0 && n-- == 0)
            return &tx_doc.units[i];
    return NULL;
}

static void tx_list(void)
{
    for (uint32_t i = 0; i < tx_doc.n_units; i++)
        fprintf(stderr, "  unit %u kind %u proto %s field %s object %u: %.*s\n", i, tx_doc.units[i].kind,
                tx_doc.units[i].proto, tx_doc.units[i].field, tx_doc.units[i].object_id, (int)tx_doc.units[i].len,
                (const char *)tx_doc.units[i].data);
}

static void tx_expect(const char *field, int n, const char *text)
{
    const inspect_unit *u = tx_unit(field, n);
    if (u == NULL)
        tx_list();
    assert_non_null(u);
    assert_int_equal(u->len, strlen(text));
    assert_memory_equal(u->data, text, u->len);
}

static size_t tx_varint(uint8_t *out, uint64_t v)
{
    size_t n = 0;
    do {
        out[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    return n;
}

static size_t tx_pb_string(uint8_t *out, unsigned field, const char *s)
{
    size_t n = tx_varint(out, field << 3 | 2);
    n += tx_varint(out + n, strlen(s));
    memcpy(out + n, s, strlen(s));
    return n + strlen(s);
}

/* A chat message as protobuf: 1: text, 2: sent-at (epoch varint), 3: { 1: author } */
static size_t tx_protobuf_chat(uint8_t *out)
{
    uint8_t author[64];
    size_t a = tx_pb_string(author, 1, "user-4711");
    size_t n = tx_pb_string(out, 1, "Are we still on for dinner at eight tonight?");
    n += tx_varint(out + n, 2 << 3 | 0);
    n += tx_varint(out + n, 1746353553);
    n += tx_varint(out + n, 3 << 3 | 2);
    n += tx_varint(out + n, a);
    memcpy(out + n, author, a);
    return n + a;
}

static void test_protobuf(void **state)
{
    (void)state;
    uint8_t buf[256];
    size_t n = tx_protobuf_chat(buf);
    tx_run(buf, n);
    tx_expect("pb:1", 0, "Are we still on for dinner at eight tonight?");
    tx_expect("pb:2", 0, "1746353553");
    tx_expect("pb:1", 1, "user-4711");
    const inspect_unit *text = tx_unit("pb:1", 0), *time = tx_unit("pb:2", 0), *author = tx_unit("pb:1", 1);
    assert_int_equal(text->object_id, time->object_id);
    assert_int_not_equal(text->object_id, author->object_id); /* a nested message is a record of its own */
    assert_int_equal(text->kind, LW_UNIT_FIELD);
    assert_int_equal(text->framing, LW_FRAMING_BINARY);
}

static void test_grpc_web_body(void **state)
{
    (void)state;
    uint8_t pb[256], req[512];
    size_t n = tx_protobuf_chat(pb);
    int head = snprintf((char *)req, sizeof req,
                        "POST /chat.v1.ChatService/SendMessage HTTP/1.1\r\nHost: chat.example\r\n"
                        "Content-Type: application/grpc-web+proto\r\nContent-Length: %zu\r\n\r\n", n + 5);
    uint8_t *p = req + head;
    p[0] = 0;
    p[1] = 0, p[2] = 0, p[3] = (uint8_t)(n >> 8), p[4] = (uint8_t)n;
    memcpy(p + 5, pb, n);
    tx_run(req, (size_t)head + 5 + n);
    tx_expect("pb:1", 0, "Are we still on for dinner at eight tonight?");
}

static size_t tx_base64(const uint8_t *in, size_t n, char *out)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
        out[o++] = abc[v >> 18 & 63];
        out[o++] = abc[v >> 12 & 63];
        out[o++] = i + 1 < n ? abc[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? abc[v & 63] : '=';
    }
    return o;
}

/* gRPC-web's text mode: each message (and the trailers) base64-encoded on its own, padding and
 * all, the chunks one after the other in one body. */
static void test_grpc_web_text_chunks(void **state)
{
    (void)state;
    static const char *const texts[] = {"yes, see you there", "Are we still on for dinner at eight tonight?"};
    char body[512], req[1024];
    size_t o = 0;
    for (int m = 0; m < 3; m++) { /* two messages (text, sent-at; the first one padded), the trailers */
        uint8_t frame[128];
        size_t n = m < 2 ? tx_pb_string(frame + 5, 1, texts[m]) : 16;
        if (m < 2)
            n += tx_varint(frame + 5 + n, 2 << 3 | 0), n += tx_varint(frame + 5 + n, 1746353553);
        else
            memcpy(frame + 5, "grpc-status:0\r\n\r\n", 16);
        frame[0] = m < 2 ? 0 : 0x80;
        frame[1] = 0, frame[2] = 0, frame[3] = (uint8_t)(n >> 8), frame[4] = (uint8_t)n;
        o += tx_base64(frame, n + 5, body + o);
    }
    assert_non_null(memchr(body, '=', o - 4)); /* padding inside the body, not only at its end */
    int head = snprintf(req, sizeof req,
                        "POST /chat.v1.ChatService/SendMessage HTTP/1.1\r\nHost: chat.example\r\n"
                        "Content-Type: application/grpc-web-text\r\nContent-Length: %zu\r\n\r\n%.*s", o, (int)o, body);
    tx_run(req, (size_t)head);
    tx_expect("pb:1", 0, texts[0]);
    tx_expect("pb:1", 1, texts[1]);
    assert_true(tx_unit("pb:1", 0)->layers & LW_LAYER_BASE64);
}

static void test_msgpack_map(void **state)
{
    (void)state;
    /* {"type":"message","text":"see you at five","from":"alice"} */
    static const uint8_t m[] = "\x83\xa4type\xa7message\xa4text\xaf" "see you at five\xa4" "from\xa5" "alice";
    tx_run(m, sizeof m - 1);
    tx_expect("text", 0, "see you at five");
    tx_expect("type", 0, "message");
    tx_expect("from", 0, "alice");
    assert_int_equal(tx_unit("text", 0)->object_id, tx_unit("from", 0)->object_id);
}

static void test_signalr_msgpack(void **state)
{
    (void)state;
    /* varint length, then [1, {}, nil, "SendMessage", ["bob", "hi there, running late"]] */
    static const uint8_t body[] = "\x95\x01\x80\xc0\xabSendMessage\x92\xa3" "bob\xb6" "hi there, running late";
    uint8_t m[64];
    m[0] = (uint8_t)(sizeof body - 1);
    memcpy(m + 1, body, sizeof body - 1);
    tx_run(m, sizeof body);
    bool found = false;
    for (uint32_t i = 0; i < tx_doc.n_units; i++)
        found |= tx_doc.units[i].len == 22 && memcmp(tx_doc.units[i].data, "hi there, running late", 22) == 0;
    assert_true(found);
}

static void test_utf16_runs(void **state)
{
    (void)state;
    uint8_t buf[128];
    size_t n = 0;
    static const char le[] = "Meet me at noon";
    buf[n++] = 0x01, buf[n++] = 0x00, buf[n++] = 0x10, buf[n++] = 0x00;
    for (size_t i = 0; le[i]; i++)
        buf[n++] = (uint8_t)le[i], buf[n++] = 0;
    buf[n++] = 0, buf[n++] = 0, buf[n++] = 0x02, buf[n++] = 0x9c;
    static const uint16_t be[] = {0x041f, 0x0440, 0x0438, 0x0432, 0x0435, 0x0442, 0x0020, 0x043c, 0x0438, 0x0440};
    for (size_t i = 0; i < LW_ARRAY_LEN(be); i++)
        buf[n++] = (uint8_t)(be[i] >> 8), buf[n++] = (uint8_t)be[i];
    buf[n++] = 0x00, buf[n++] = 0x00, buf[n++] = 0xff;
    tx_run_peer(buf, n, NULL, 0, true);
    tx_expect("utf16le", 0, "Meet me at noon");
    tx_expect("utf16be", 0, "Привет мир");

    /* Records "UC" type length: kana and Han in UTF-16LE behind a BOM (mostly pairs of printable
     * ASCII bytes), Sinhala in UTF-16BE; ids in ASCII and doubles beside them, never read as Han */
    static const uint8_t records[] = {
        'U', 'C', 1, 0, 7, 0, 's', 0, 'e', 0, 'n', 0, 's', 0, 'o', 0, 'r', 0, '7', 0,
        'U', 'C', 3, 0, 8, 0, 0xff, 0xfe, 0x42, 0x66, 0x4b, 0x30, 0x89, 0x30, 0xe8, 0x96, 0x89, 0x30, 0x57, 0x30, 0x44,
        0x30, 0x1f, 0xff,
        'U', 'C', 2, 0, 0x0c, 0, 's', 'e', 'n', 's', 'o', 'r', '-', 'a', '2', '0', '3', 0xea, 0xdb, 0xe9, 0x88, 0xed,
        0x65, 0xbd, 0xb4, 0x78, 0x5e, 0x50, 0x1b, 0x37, 0x40,
        'U', 'C', 0, 3, 0, 9, 0x0d, 0xad, 0x0d, 0xd4, 0x0d, 0xb1, 0x0d, 0xda, 0x00, 0x20, 0x0d, 0x89, 0x0d, 0xb3,
        0x0d, 0xb1, 0x0d, 0xca, 'U', 'C', 0, 0};
    tx_run(records, sizeof records);
    tx_expect("utf16le", 0, "時から雨らしい？");
    tx_expect("utf16be", 0, "තුනේ ඉඳන්");
    assert_null(tx_unit("utf16le", 1));
    assert_null(tx_unit("utf16be", 1));
}

/* Bencoded dictionaries behind 4-byte lengths: their text values are fields named by their key;
 * a record that is no document gets the string scan. */
static void test_bencode_records(void **state)
{
    (void)state;
    static const uint8_t stream[] = "\0\0\0\x29" "d4:room8:r-77aa124:text14:see you at 8 !e"
                                    "\0\0\0\x20" "d1:t4:chat4:texti1e5:list" "l2:abee"
                                    "\0\0\0\x12" "\x01\x02plain words here";
    tx_run(stream, sizeof stream - 1);
    tx_expect("text", 0, "see you at 8 !");
    tx_expect("room", 0, "r-77aa12");
    assert_null(tx_unit("text", 1));
    tx_expect("utf8", 0, "plain words here");
    static const uint8_t broken[] = "\0\0\0\x0c" "d4:text3:abc" "\0\0\0\x04" "i12e"; /* no end, no text */
    tx_run(broken, sizeof broken - 1);
    assert_null(tx_unit("text", 0));
}

static void test_length_prefixed_utf8(void **state)
{
    (void)state;
    /* [2-byte type][1-byte length = '#' (35)][35 bytes of text][4 bytes of id] */
    static const char text[] = "The parcel arrives Monday, ok for u";
    uint8_t buf[64];
    buf[0] = 0x00, buf[1] = 0x11, buf[2] = (uint8_t)(sizeof text - 1);
    memcpy(buf + 3, text, sizeof text - 1);
    memcpy(buf + 3 + sizeof text - 1, "\x00\x00\x30\x39", 4);
    tx_run_peer(buf, 3 + sizeof text - 1 + 4, NULL, 0, true);
    tx_expect("utf8", 0, text);
}

static void test_lines(void **state)
{
    (void)state;
    static const char irc[] = "@time=2025-05-04T10:00:00Z :nick!u@host  PRIVMSG   #ops :deploy is done, going home\r\n";
    tx_run(irc, sizeof irc - 1); /* IRCv3 tags and extra spaces: still IRC */
    tx_expect("privmsg", 0, "deploy is done, going home");
    assert_int_equal(tx_unit("privmsg", 0)->kind, LW_UNIT_MESSAGE);
    static const char s[] = "SAY lobby hello everyone, back in five\r\n"
                            "TELL @nick!u@h  #ops :deploy is done, going home\r\n"
                            "{\"to\":\"bob\",\"body\":\"call me later\"}\r\n"
                            "From: anna@example.org\r\nTo: bob@example.org\r\nSubject: lunch\r\n\r\n"
                            "Shall we try the new place on Friday?\r\nAnna\r\n.\r\n"
                            "just a line of text\r\n";
    tx_run(s, sizeof s - 1);
    tx_expect("tell", 0, "deploy is done, going home");
    tx_expect("target", 0, "@nick!u@h  #ops");
    assert_int_equal(tx_unit("tell", 0)->object_id, tx_unit("target", 0)->object_id);
    tx_expect("say", 0, "lobby hello everyone, back in five");
    tx_expect("body", 0, "call me later");
    tx_expect("From", 0, "anna@example.org"); /* a mail's head: the mail decoder takes it */
    const inspect_unit *mail = tx_unit("body", 1);
    assert_non_null(mail);
    assert_int_equal(mail->kind, LW_UNIT_MESSAGE);
    assert_string_equal(mail->proto, "mail");
    assert_non_null(memmem(mail->data, mail->len, "Shall we try the new place on Friday?", 37));
    tx_expect("line", 0, "just a line of text");
    assert_int_equal(tx_unit("line", 0)->framing, LW_FRAMING_LINES);
}

static void test_mime_ish_head(void **state)
{
    (void)state;
    static const char s[] = "CHAT 1.0\r\nTo: lobby\r\nX-Nick: lena\r\n\r\nwho is coming to the match tonight?\r\n";
    tx_run(s, sizeof s - 1);
    tx_expect("To", 0, "lobby");
    tx_expect("body", 0, "who is coming to the match tonight?");
    assert_int_equal(tx_unit("body", 0)->kind, LW_UNIT_TEXT);
    assert_int_equal(tx_unit("body", 0)->object_id, tx_unit("X-Nick", 0)->object_id);
}

static void test_encodings_in_lines(void **state)
{
    (void)state;
    /* UCP/EMI-like: the message as hex of its bytes; an IPMsg-like colon record; a line that
     * begins inside a JSON document; ISO 8859-1 after a binary header */
    static const char s[] = "01/00045/O/51/0612345678/4865792C20617265207765207374696C6C206F6E3F/\r\n"
                            "1:4711:lena:pc-07:32:wer kommt heute mit ins Kino?\r\n"
                            "ne\",\"n\":2},{\"from\":\"bob\",\"text\":\"running late, sorry\"}]\r\n";
    tx_run(s, sizeof s - 1);
    tx_expect("hex", 0, "Hey, are we still on?");
    assert_true(tx_unit("hex", 0)->layers & LW_LAYER_HEX);
    tx_expect("f6", 0, "wer kommt heute mit ins Kino?");
    tx_expect("f3", 0, "lena");
    tx_expect("text", 0, "running late, sorry");
    static const uint8_t latin1[] = "\x00\x03\x1a\x07Hyv\xe4\xe4 huomenta, n\xe4hd\xe4\xe4n illalla\x00\x01";
    tx_run_peer(latin1, sizeof latin1 - 1, NULL, 0, true);
    tx_expect("latin1", 0, "Hyvää huomenta, nähdään illalla");
}

static void test_cbor_and_html(void **state)
{
    (void)state;
    /* {"room": "ec97", "msg": "see you at the station at nine"} */
    static const uint8_t cbor[] = "\xa2\x64room\x64" "ec97\x63msg\x78\x1esee you at the station at nine";
    tx_run_peer(cbor, sizeof cbor - 1, NULL, 0, true);
    tx_expect("msg", 0, "see you at the station at nine");
    assert_int_equal(tx_unit("msg", 0)->object_id, tx_unit("room", 0)->object_id);
    static const uint8_t aim[] = "\x2a\x02\x00\x05\x00\x30\x00\x04\x00\x06<HTML><BODY>ok, I&apos;ll be there &amp; bring snacks</BODY></HTML>\x00\x03";
    tx_run_peer(aim, sizeof aim - 1, NULL, 0, true);
    tx_expect("html", 0, "ok, I&apos;ll be there & bring snacks");
}

/* Fields separated by modified UTF-8's C0 80 (YMSG): the UTF-8 text before a separator stays
 * UTF-8, not ISO 8859-1 read from the separator's first byte. */
static void test_modified_utf8_separators(void **state)
{
    (void)state;
    static const uint8_t ymsg[] = "YMSG\x00\x10\x00\x00\x00\x40\x00\x06\x00\x00\x00\x01\x00\x00\x00\x07"
                                  "1\xc0\x80" "anna\xc0\x80" "14\xc0\x80" "Holnap reggel h\xc3\xadvlak, j\xc3\xb3?\xc0\x80";
    tx_run(ymsg, sizeof ymsg - 1);
    tx_expect("utf8", 0, "Holnap reggel hívlak, jó?");
}

/* A call-sign header, then ':' and the words (APRS-IS), after a login line a decoder claims. */
/* A game datagram: a packet id and a sequence number, then a zlib-compressed batch holding a
 * chat record (type, varint-prefixed name and text) among others. The compressed bytes read as
 * compressed; the batch inside them is extracted. */
static void test_compressed_batch(void **state)
{
    (void)state;
    static const char text[] = "wait for me at the bridge ok"; /* a length (28) that is no character */
    uint8_t batch[128], pkt[192];
    size_t b = 0;
    static const uint8_t moves[] = {0x01, 0x10, 0x22, 0x07, 0x33, 0x01, 0x10, 0x23, 0x08, 0x31};
    memcpy(batch, moves, sizeof moves);
    b = sizeof moves;
    batch[b++] = 0x09; /* chat */
    batch[b++] = 4;
    memcpy(batch + b, "mara", 4);
    b += 4;
    batch[b++] = (uint8_t)(sizeof text - 1);
    memcpy(batch + b, text, sizeof text - 1);
    b += sizeof text - 1;
    static const uint8_t head[] = {0xfe, 0x20, 0x00, 0x00, 0x00};
    memcpy(pkt, head, sizeof head);
    uLongf n = sizeof pkt - sizeof head;
    assert_int_equal(compress2(pkt + sizeof head, &n, batch, b, 9), Z_OK);
    tx_run_peer(pkt, sizeof head + n, NULL, 0, true);
    const inspect_unit *u = NULL;
    for (uint32_t i = 0; i < tx_doc.n_units && u == NULL; i++)
        if (tx_doc.units[i].len == sizeof text - 1 && memcmp(tx_doc.units[i].data, text, sizeof text - 1) == 0)
            u = &tx_doc.units[i];
    if (u == NULL)
        tx_list();
    assert_non_null(u);
    assert_true(u->layers & LW_LAYER_GZIP);
}

/* A whole mail as an opaque string of binary records (ActiveSync SendMail's WBXML): decoded as
 * a mail, its body a message. */
static void test_mail_in_binary(void **state)
{
    (void)state;
    static const char mail[] = "From: ana@example.org\r\nTo: bo@example.org\r\nSubject: keys\r\n"
                               "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                               "The spare keys are with the neighbour, ask for Mrs Lind.\r\n";
    uint8_t wbxml[512] = {0x03, 0x01, 0x6a, 0x00, 0x00, 0x15, 0x45, 0x51, 0x03, '7', '7', 0x00, 0x01, 0x50, 0xc3,
                          (uint8_t)(0x80 | (sizeof mail - 1) >> 7), (uint8_t)((sizeof mail - 1) & 0x7f)}; /* mb_u_int32 */
    memcpy(wbxml + 17, mail, sizeof mail - 1);
    size_t n = 17 + sizeof mail - 1;
    wbxml[n++] = 0x01;
    wbxml[n++] = 0x01;
    tx_run(wbxml, n);
    const inspect_unit *body = NULL;
    for (uint32_t i = 0; i < tx_doc.n_units; i++)
        if (tx_doc.units[i].kind == LW_UNIT_MESSAGE && strcmp(tx_doc.units[i].proto, "mail") == 0)
            body = &tx_doc.units[i];
    if (body == NULL)
        tx_list();
    assert_non_null(body);
    assert_non_null(memmem(body->data, body->len, "spare keys", 10));
}

static void test_addressed_line(void **state)
{
    (void)state;
    static const char s[] = "user N0CALL-5 pass -1 vers client 1.0\r\n"
                            "N0CALL-5>APRS,TCPIP*::W1ABC-7  :are you on the repeater tonight?{12\r\n";
    tx_run(s, sizeof s - 1);
    tx_expect("said", 0, "are you on the repeater tonight?{12");
    static const char log[] = "2025-05-04 10:00:01 worker-7 job: finished in 12 ms\r\n"; /* lower-case words: no */
    tx_run(log, sizeof log - 1);
    assert_null(tx_unit("said", 0));
}

/* CoAP: a POST's Uri-Path as ":path" and its CBOR payload by Content-Format 60. */
static void test_coap(void **state)
{
    (void)state;
    static const uint8_t post[] = "\x42\x02\x12\x34\xaa\xbb"   /* CON, TKL 2, 0.02 POST, id, token */
                                  "\xb4" "chat" "\x04" "msgs"      /* Uri-Path (11) "chat", "msgs" */
                                  "\x11\x3c"                       /* Content-Format (12): 60, CBOR */
                                  "\xff\xa1\x64text\x78\x1esee you at the station at nine";
    inspect_input in = {.data = post, .len = sizeof post - 1, .from_initiator = true, .is_datagram = true,
                        .l4proto = 17, .initiator_port = 40000, .responder_port = 5683};
    inspect_run(tx_inspector, &in, &tx_doc);
    assert_non_null(tx_doc.app_proto);
    assert_string_equal(tx_doc.app_proto, "CoAP");
    tx_expect(":method", 0, "POST");
    tx_expect(":path", 0, "/chat/msgs");
    tx_expect("text", 0, "see you at the station at nine");
    /* a truncated option is no CoAP message: the bytes go to the extractor instead */
    static const uint8_t bad[] = "\x42\x02\x12\x34\xaa\xbb\xbf" "chat";
    in.data = bad, in.len = sizeof bad - 1;
    inspect_run(tx_inspector, &in, &tx_doc);
    assert_true(tx_doc.app_proto == NULL || strcmp(tx_doc.app_proto, "CoAP") != 0);
}

/* An SMPP PDU: header (length filled in), then the body. */
static size_t tx_smpp(uint8_t *out, uint32_t command, const uint8_t *body, size_t body_len)
{
    uint32_t len = (uint32_t)(16 + body_len);
    const uint8_t head[16] = {len >> 24, len >> 16, len >> 8, len, command >> 24, command >> 16, command >> 8, command,
                              0, 0, 0, 0, 0, 0, 0, 7};
    memcpy(out, head, 16);
    memcpy(out + 16, body, body_len);
    return 16 + body_len;
}

/* SMPP: submit_sm in UCS-2 (UTF-16BE) as UTF-8 with its addresses; a user data header skipped;
 * a delivery receipt (esm_class 0x04) and a bind's password are not messages. */
static void test_smpp(void **state)
{
    (void)state;
    static const uint8_t bind[] = "SMSAPP\0s3cret\0\0\x34\x00\x00\0";
    static const uint8_t submit[] = "\0\x01\x01" "4915112345678\0" "\x01\x01" "4917698765432\0"
                                    "\x00\x00\x00\0\0\x01\x00\x08\x00\x0c"
                                    "\x04\x1f\x04\x40\x04\x38\x04\x32\x04\x35\x04\x42"; /* "Привет" */
    static const uint8_t udh[] = "\0\x01\x01" "4915112345678\0" "\x01\x01" "4917698765432\0"
                                 "\x40\x00\x00\0\0\x01\x00\x00\x00\x19"
                                 "\x05\x00\x03\x2a\x02\x01" "meet me at the gate";
    static const uint8_t receipt[] = "\0\x01\x01" "4917698765432\0" "\x01\x01" "4915112345678\0"
                                     "\x04\x00\x00\0\0\x00\x00\x00\x00\x1b" "id:7 stat:DELIVRD err:000 x";
    uint8_t stream[512];
    size_t n = tx_smpp(stream, 0x09, bind, sizeof bind - 1);
    n += tx_smpp(stream + n, 0x04, submit, sizeof submit - 1);
    n += tx_smpp(stream + n, 0x04, udh, sizeof udh - 1);
    inspect_input in = {.data = stream, .len = (uint32_t)n, .from_initiator = true, .l4proto = 6,
                        .initiator_port = 40000, .responder_port = 2775};
    inspect_run(tx_inspector, &in, &tx_doc);
    assert_string_equal(tx_doc.app_proto, "SMPP");
    tx_expect("short_message", 0, "Привет");
    tx_expect("destination_addr", 0, "4917698765432");
    tx_expect("short_message", 1, "meet me at the gate");
    assert_int_equal(tx_unit("short_message", 0)->kind, LW_UNIT_MESSAGE);
    for (uint32_t i = 0; i < tx_doc.n_units; i++)
        assert_null(memmem(tx_doc.units[i].data, tx_doc.units[i].len, "s3cret", 6));
    n = tx_smpp(stream, 0x05, receipt, sizeof receipt - 1);
    in.len = (uint32_t)n, in.from_initiator = false;
    inspect_run(tx_inspector, &in, &tx_doc);
    assert_string_equal(tx_doc.app_proto, "SMPP");
    assert_null(tx_unit("short_message", 0));
}

/* A body in UTF-16 with a byte-order mark is read as the JSON it holds. */
static void test_utf16_body(void **state)
{
    (void)state;
    static const char json[] = "{\"to\":\"a1\",\"text\":\"bis morgen\"}";
    uint8_t body[128] = {0xff, 0xfe};
    size_t n = 2;
    for (size_t i = 0; json[i]; i++)
        body[n++] = (uint8_t)json[i], body[n++] = 0;
    char req[512];
    int head = snprintf(req, sizeof req, "POST /send HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; "
                                         "charset=utf-16\r\nContent-Length: %zu\r\n\r\n", n);
    memcpy(req + head, body, n);
    inspect_input in = {.data = (const uint8_t *)req, .len = (uint32_t)(head + (int)n), .from_initiator = true,
                        .l4proto = 6, .initiator_port = 40000, .responder_port = 80};
    inspect_run(tx_inspector, &in, &tx_doc);
    tx_expect("text", 0, "bis morgen");
}

/* Socket.IO's "42" before a JSON array and SignalR's 0x1E after each record: JSON all the same;
 * the event name names the argument after it. */
static void test_json_envelopes(void **state)
{
    (void)state;
    static const uint8_t socketio[] = "\x81\x27" "42[\"chat message\",\"see you at the gate\"]";
    static const char upgrade[] = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                                  "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    static const char switched[] = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
    uint8_t server[256];
    memcpy(server, switched, sizeof switched - 1);
    memcpy(server + sizeof switched - 1, socketio, sizeof socketio - 1);
    inspect_input in = {.data = server, .len = (uint32_t)(sizeof switched - 1 + sizeof socketio - 1),
                        .peer = (const uint8_t *)upgrade, .peer_len = sizeof upgrade - 1, .l4proto = 6,
                        .initiator_port = 40000, .responder_port = 80};
    inspect_run(tx_inspector, &in, &tx_doc);
    tx_expect("chat message", 0, "see you at the gate");
    static const uint8_t signalr[] = "{\"type\":1,\"target\":\"Send\",\"arguments\":[\"ok, on my way\"]}\x1e{\"type\":6}\x1e";
    tx_run(signalr, sizeof signalr - 1);
    tx_expect("arguments", 0, "ok, on my way");
}

/* XMPP with namespace prefixes (a server-to-server stream may bind jabber:server to "srv:"). */
static void test_xmpp_prefixed(void **state)
{
    (void)state;
    static const char stream[] = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns:srv='jabber:server'>"
                                 "<srv:message from='ana@example.org' to='bo@home.example.net' type='chat'>"
                                 "<srv:body>ok, see you at the gate</srv:body></srv:message>"
                                 "<message to='cy@home.example.net'><body>second &amp; last</body></message>";
    tx_run(stream, sizeof stream - 1);
    assert_string_equal(tx_doc.app_proto, "XMPP");
    tx_expect("body", 0, "ok, see you at the gate");
    tx_expect("body", 1, "second & last");
    tx_expect("from", 0, "ana@example.org");
}

/* IRC: what network services and a bouncer's *modules say (and what is sent to them) is recognised as IRC and left out, not extracted as lines. */
static void test_irc_services(void **state)
{
    (void)state;
    static const char server[] = ":irc.example.net 001 bob :Welcome to the network bob\r\n"
                                 ":NickServ!NickServ@services.example.net NOTICE bob :This nickname is registered. "
                                 "Please identify via /msg NickServ IDENTIFY <password>.\r\n"
                                 ":*status!znc@znc.in PRIVMSG bob :| Network | OnIRC | registered server |\r\n";
    static const char client[] = "NICK bob\r\nUSER bob 0 * :Bob\r\nPRIVMSG *status :ListNetworks registered\r\n";
    inspect_input in = {.data = (const uint8_t *)server, .len = sizeof server - 1, .peer = (const uint8_t *)client,
                        .peer_len = sizeof client - 1, .l4proto = 6, .initiator_port = 40000, .responder_port = 6667};
    inspect_run(tx_inspector, &in, &tx_doc);
    assert_string_equal(tx_doc.app_proto, "IRC");
    for (uint32_t i = 0; i < tx_doc.n_units; i++)
        assert_null(memmem(tx_doc.units[i].data, tx_doc.units[i].len, "registered", 10));
    in = (inspect_input){.data = (const uint8_t *)client, .len = sizeof client - 1, .peer = (const uint8_t *)server,
                         .peer_len = sizeof server - 1, .from_initiator = true, .l4proto = 6,
                         .initiator_port = 40000, .responder_port = 6667};
    inspect_run(tx_inspector, &in, &tx_doc);
    for (uint32_t i = 0; i < tx_doc.n_units; i++)
        assert_null(memmem(tx_doc.units[i].data, tx_doc.units[i].len, "registered", 10));
}

/* IP Messenger: SENDMSG text in UTF-8 and in CP932 (converted), presence left out. */
/* RTP packets of real-time text (RFC 4103): the characters of one packet, plain or behind
 * RFC 2198 redundancy (the primary block only), CSRCs, an extension and padding skipped; audio,
 * static payload types, other versions and long payloads are not typing. */
static size_t tx_rtp(uint8_t *out, uint8_t first, uint8_t pt, const void *payload, size_t n)
{
    static const uint8_t rest[10] = {0x12, 0x34, 0, 0, 0x2b, 0x5c, 0xde, 0xad, 0xbe, 0xef};
    out[0] = first;
    out[1] = pt;
    memcpy(out + 2, rest, sizeof rest);
    memcpy(out + 12, payload, n);
    return 12 + n;
}

static void tx_expect_chars(const uint8_t *pkt, size_t len, const char *want)
{
    const uint8_t *chars = NULL;
    size_t n = 0;
    assert_true(rtt_characters(pkt, len, &chars, &n));
    assert_int_equal(n, strlen(want));
    assert_memory_equal(chars, want, n);
}

static void test_rtt_packets(void **state)
{
    (void)state;
    uint8_t pkt[128], *chars;
    const uint8_t *c;
    size_t n;
    tx_expect_chars(pkt, tx_rtp(pkt, 0x80, 98, "hel", 3), "hel");
    tx_expect_chars(pkt, tx_rtp(pkt, 0x80, 0x80 | 98, "\xc3\xa9t\xc3\xa9", 5), "\xc3\xa9t\xc3\xa9"); /* marker bit */
    /* one CSRC, then a header extension of one word */
    tx_expect_chars(pkt, tx_rtp(pkt, 0x91, 98, "\1\2\3\4\xbe\xde\0\1\5\6\7\x08ok", 14), "ok");
    /* padding: two bytes, the last says so */
    tx_expect_chars(pkt, tx_rtp(pkt, 0xa0, 98, "hi\0\2", 4), "hi");
    /* RFC 2198: two redundant blocks (2 and 1 bytes) and the primary "c" */
    static const uint8_t red[] = {0x80 | 98, 0x0c, 0x80, 0x02, 0x80 | 98, 0x06, 0x00, 0x01, 98, 'a', 'b', 'b', 'c'};
    tx_expect_chars(pkt, tx_rtp(pkt, 0x80, 100, red, sizeof red), "c");
    /* not typing: audio bytes, a static payload type, RTP version 1, 65 characters at once */
    static const uint8_t audio[] = {0xf8, 0xff, 0xfe, 0x11, 0x92};
    assert_false(rtt_characters(pkt, tx_rtp(pkt, 0x80, 111, audio, sizeof audio), &c, &n));
    assert_false(rtt_characters(pkt, tx_rtp(pkt, 0x80, 0, "abc", 3), &c, &n));
    assert_false(rtt_characters(pkt, tx_rtp(pkt, 0x40, 98, "abc", 3), &c, &n));
    char many[66];
    memset(many, 'x', 65);
    assert_false(rtt_characters(pkt, tx_rtp(pkt, 0x80, 98, many, 65), &c, &n));
    /* truncated: an extension or padding longer than the packet, a header alone */
    assert_false(rtt_characters(pkt, tx_rtp(pkt, 0x90, 98, "\xbe\xde\0\x09" "ab", 6), &c, &n));
    assert_false(rtt_characters(pkt, tx_rtp(pkt, 0xa0, 98, "ab\x40", 3), &c, &n));
    assert_false(rtt_characters(pkt, 12, &c, &n));
    (void)chars;
}

/* What the engine strings together, read as T.140 lines: the byte order mark dropped, a
 * backspace erasing the character before it (a two-byte one whole), a line per separator. */
static void test_rtt_typed_lines(void **state)
{
    (void)state;
    static const char typed[] = "\xef\xbb\xbf" "hello therx\be\xe2\x80\xa8" "caf\xc3\xa9\b\xc3\xa9 at 5?";
    inspect_input in = {.data = (const uint8_t *)typed, .len = sizeof typed - 1, .from_initiator = true,
                        .is_datagram = true, .typed = true, .l4proto = 17, .initiator_port = 40000,
                        .responder_port = 40002};
    inspect_run(tx_inspector, &in, &tx_doc);
    tx_expect("text", 0, "hello there");
    tx_expect("text", 1, "caf\xc3\xa9 at 5?");
    assert_int_equal(tx_unit("text", 0)->kind, LW_UNIT_MESSAGE);
    assert_string_equal(tx_doc.app_proto, "RTT");
    assert_null(tx_unit("text", 2));
}

/* AMQP 0-9-1 frames: type, channel 1, size, payload, 0xCE. */
static size_t tx_amqp_frame(uint8_t *out, uint8_t type, const void *payload, size_t n)
{
    out[0] = type, out[1] = 0, out[2] = 1;
    out[3] = (uint8_t)(n >> 24), out[4] = (uint8_t)(n >> 16), out[5] = (uint8_t)(n >> 8), out[6] = (uint8_t)n;
    memcpy(out + 7, payload, n);
    out[7 + n] = 0xce;
    return 8 + n;
}

/* A publish to exchange "chat", routing key "room.42", content type JSON, the body in two
 * frames; then a heartbeat and a queue.declare (class 50): only the publish says anything. */
static void test_amqp_publish(void **state)
{
    (void)state;
    static const uint8_t publish[] = {0, 60, 0, 40, 0, 0, 4, 'c', 'h', 'a', 't', 7, 'r', 'o', 'o', 'm', '.', '4', '2', 0};
    static const char body[] = "{\"from\":\"ann\",\"text\":\"are we still on for lunch?\"}";
    uint8_t header[32] = {0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, sizeof body - 1, 0x80, 0x00, 16};
    memcpy(header + 15, "application/json", 16);
    static const uint8_t declare[] = {0, 50, 0, 10, 0, 0, 5, 'q', 'u', 'e', 'u', 'e', 0, 0, 0, 0, 0};
    uint8_t wire[512];
    size_t n = 0;
    memcpy(wire, "AMQP\0\0\x09\x01", 8);
    n = 8;
    n += tx_amqp_frame(wire + n, 1, publish, sizeof publish);
    n += tx_amqp_frame(wire + n, 2, header, 31);
    n += tx_amqp_frame(wire + n, 3, body, 20);
    n += tx_amqp_frame(wire + n, 3, body + 20, sizeof body - 1 - 20);
    n += tx_amqp_frame(wire + n, 8, "", 0);
    n += tx_amqp_frame(wire + n, 1, declare, sizeof declare);
    tx_run(wire, n);
    assert_string_equal(tx_doc.app_proto, "AMQP");
    tx_expect(":method", 0, "PUBLISH");
    tx_expect(":path", 0, "room.42");
    tx_expect("exchange", 0, "chat");
    tx_expect("text", 0, "are we still on for lunch?");
    tx_expect("from", 0, "ann");
    assert_null(tx_unit("queue", 0));
    /* cut inside the second body frame: the first part is still read */
    tx_run(wire, 8 + 8 + sizeof publish + 8 + 31 + 8 + 20 + 5);
    tx_expect(":path", 0, "room.42");
    tx_expect("from", 0, "ann");
    /* every shorter prefix decodes without reading past it */
    for (size_t cut = 0; cut < n; cut++)
        tx_run(wire, cut);
}

static void test_ipmsg(void **state)
{
    (void)state;
    static const char utf8[] = "1:812:anna:LAPTOP-7F:8388896:see you at the gate";
    static const char cp932[] = "1:813:taro:PC-01:288:\x89\xef\x8b\x63\0";   /* "会議" in Shift_JIS */
    static const char entry[] = "1:814:bob:desk:8388609:Bob\0Sales";
    inspect_input in = {.data = (const uint8_t *)utf8, .len = sizeof utf8, .from_initiator = true, .is_datagram = true,
                        .l4proto = 17, .initiator_port = 2425, .responder_port = 2425};
    inspect_run(tx_inspector, &in, &tx_doc);
    assert_string_equal(tx_doc.app_proto, "IPMsg");
    tx_expect("sendmsg", 0, "see you at the gate");
    tx_expect("user", 0, "anna");
    in.data = (const uint8_t *)cp932, in.len = sizeof cp932 - 1;
    inspect_run(tx_inspector, &in, &tx_doc);
    tx_expect("sendmsg", 0, "会議");
    in.data = (const uint8_t *)entry, in.len = sizeof entry - 1;
    inspect_run(tx_inspector, &in, &tx_doc);
    assert_string_equal(tx_doc.app_proto, "IPMsg");
    assert_int_equal(tx_doc.n_units, 0);
}

/* OSCAR (AIM/ICQ): ICBM channel-1 text, AIM's HTML read, UCS-2 after the sender's user info. */
/* TOC: text commands in FLAP frames ('*', channel 2, sequence, length). */
static size_t tx_toc(uint8_t *out, const char *command)
{
    size_t n = strlen(command) + 1; /* with its NUL, as TOC clients send them */
    out[0] = '*', out[1] = 2, out[2] = 0, out[3] = 1, out[4] = (uint8_t)(n >> 8), out[5] = (uint8_t)n;
    memcpy(out + 6, command, n);
    return 6 + n;
}

static void test_toc(void **state)
{
    (void)state;
    uint8_t wire[512];
    size_t n = tx_toc(wire, "toc_signon login.oscar.aol.com 5190 anna 0x1234 english \"TIC:TOC\"");
    n += tx_toc(wire + n, "toc_send_im bob \"<HTML>lunch at \\\"the usual\\\"? <b>noon</b></HTML>\"");
    n += tx_toc(wire + n, "toc_add_buddy carol dave");
    tx_run(wire, n);
    tx_expect("screenname", 0, "bob");
    tx_expect("im", 0, "lunch at \"the usual\"? noon");
    assert_null(tx_unit("im", 1));
    n = tx_toc(wire, "SIGN_ON:TOC1.0");
    n += tx_toc(wire + n, "IM_IN:bob:F:<HTML>sure, see you there: 12:00</HTML>");
    n += tx_toc(wire + n, "CHAT_IN:1234:carol:F:who else is coming?");
    n += tx_toc(wire + n, "UPDATE_BUDDY:dave:T:0:1234:0: O");
    tx_run(wire, n);
    tx_expect("screenname", 0, "bob");
    tx_expect("im", 0, "sure, see you there: 12:00");
    tx_expect("screenname", 1, "carol");
    tx_expect("im", 1, "who else is coming?");
    assert_null(tx_unit("im", 2));
}

static void test_oscar(void **state)
{
    (void)state;
    static const uint8_t stream[] =
        "*\x01\x00\x01\x00\x04\x00\x00\x00\x01"                                      /* sign-on */
        "*\x02\x00\x02\x00\x54" "\x00\x04\x00\x06\x00\x00\x00\x00\x00\x08"           /* ICBM send */
        "12345678\x00\x01\x05" "buddy" "\x00\x02\x00\x36"
        "\x05\x01\x00\x01\x01" "\x01\x01\x00\x2d\x00\x00\x00\x00" "<HTML><BODY>see you at nine</BODY></HTML>"
        "*\x02\x00\x03\x00\x37" "\x00\x04\x00\x07\x00\x00\x00\x00\x00\x09"           /* ICBM incoming */
        "12345678\x00\x01\x03" "bob" "\x00\x00\x00\x01" "\x00\x01\x00\x02\x00\x10"
        "\x00\x02\x00\x11" "\x05\x01\x00\x01\x01" "\x01\x01\x00\x08\x00\x02\x00\x00" "\x04\x1f\x04\x40";
    inspect_input in = {.data = stream, .len = sizeof stream - 1, .from_initiator = true, .l4proto = 6,
                        .initiator_port = 40000, .responder_port = 5190};
    inspect_run(tx_inspector, &in, &tx_doc);
    assert_string_equal(tx_doc.app_proto, "OSCAR");
    tx_expect("screenname", 0, "buddy");
    const inspect_unit *u = tx_unit("icbm", 0);
    if (u == NULL)
        tx_list();
    assert_non_null(u);
    assert_non_null(memmem(u->data, u->len, "see you at nine", 15));
    assert_null(memmem(u->data, u->len, "<BODY>", 6));
    tx_expect("screenname", 1, "bob");
    tx_expect("icbm", 1, "Пр");
}

static void test_socks_tunnel(void **state)
{
    (void)state;
    static const uint8_t client[] = "\x05\x01\x00\x05\x01\x00\x03\x0bmail.example\x00\x19"
                                    "EHLO laptop\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n"
                                    "From: a@example.org\r\nTo: b@example.net\r\nSubject: hi\r\n\r\n"
                                    "The keys are under the mat, see you tomorrow.\r\n.\r\n";
    static const uint8_t server[] = "\x05\x00\x05\x00\x00\x01\x7f\x00\x00\x01\x04\x00"
                                    "220 mail ESMTP\r\n250 ok\r\n250 ok\r\n250 ok\r\n354 go\r\n250 queued\r\n";
    tx_run_peer(client, sizeof client - 1, server, sizeof server - 1, false);
    assert_string_equal(tx_doc.app_proto, "SOCKS");
    const inspect_unit *body = tx_unit("body", 0);
    assert_non_null(body);
    assert_int_equal(body->kind, LW_UNIT_MESSAGE);
    assert_string_equal(body->proto, "smtp");
}

static void test_random_bytes_yield_nothing(void **state)
{
    (void)state;
    uint8_t buf[4096];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof buf; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
    tx_run(buf, sizeof buf);
    for (uint32_t i = 0; i < tx_doc.n_units; i++)
        assert_int_not_equal(tx_doc.units[i].kind, LW_UNIT_TEXT);
    assert_int_equal(tx_doc.verdict, LW_VERDICT_ENCRYPTED);
}

static void test_connect_tunnel(void **state)
{
    (void)state;
    static const char client[] = "CONNECT mail.example.net:25 HTTP/1.1\r\nHost: mail.example.net:25\r\n\r\n"
                                 "EHLO laptop\r\nMAIL FROM:<anna@example.org>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n"
                                 "From: anna@example.org\r\nTo: bob@example.net\r\nSubject: tomorrow\r\n\r\n"
                                 "See you tomorrow at the station, the train leaves at nine.\r\n.\r\nQUIT\r\n";
    static const char server[] = "HTTP/1.1 200 Connection established\r\n\r\n"
                                 "220 mail.example.net ESMTP\r\n250 mail.example.net\r\n250 ok\r\n250 ok\r\n354 go\r\n"
                                 "250 queued\r\n221 bye\r\n";
    tx_run_peer(client, sizeof client - 1, server, sizeof server - 1, false);
    const inspect_unit *body = NULL;
    for (uint32_t i = 0; i < tx_doc.n_units; i++)
        if (tx_doc.units[i].kind == LW_UNIT_MESSAGE)
            body = &tx_doc.units[i];
    if (body == NULL)
        tx_list();
    assert_non_null(body);
    assert_non_null(memmem(body->data, body->len, "See you tomorrow", 16));
    assert_string_equal(tx_doc.app_proto, "HTTP");
}

static int tx_setup(void **state)
{
    (void)state;
    tx_inspector = inspector_new(NULL);
    return tx_inspector == NULL;
}

static int tx_teardown(void **state)
{
    (void)state;
    inspector_free(tx_inspector);
    return 0;
}

/* A JSON document as the value of a binary record (a Kafka record batch: varint lengths, a
 * CRC, a topic name): its keys become fields, as in an HTTP body. */
static void test_json_in_binary_record(void **state)
{
    (void)state;
    static const uint8_t record[] = "\x00\x00\x01\x2b\x00\x00\x00\x03\x00\x0d" "chat.messages"
                                    "\x02\x9a\x7c\x11\x00\x00\x00\x00\x00\x01\x8c\x01\x00"
                                    "{\"room\":\"07dbe1\",\"author\":\"yoon\",\"body\":\"on my way, ten minutes\"}"
                                    "\x00\x00\x00";
    tx_run(record, sizeof record - 1);
    tx_expect("body", 0, "on my way, ten minutes");
    tx_expect("author", 0, "yoon");
    assert_null(tx_unit("utf8", 1)); /* the document is not also a run of text */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_protobuf),          cmocka_unit_test(test_grpc_web_body),
        cmocka_unit_test(test_json_in_binary_record),
        cmocka_unit_test(test_grpc_web_text_chunks),
        cmocka_unit_test(test_msgpack_map),       cmocka_unit_test(test_signalr_msgpack),
        cmocka_unit_test(test_utf16_runs), cmocka_unit_test(test_bencode_records),        cmocka_unit_test(test_length_prefixed_utf8),
        cmocka_unit_test(test_lines),             cmocka_unit_test(test_random_bytes_yield_nothing),
        cmocka_unit_test(test_connect_tunnel),    cmocka_unit_test(test_mime_ish_head),
        cmocka_unit_test(test_encodings_in_lines), cmocka_unit_test(test_cbor_and_html),
        cmocka_unit_test(test_socks_tunnel),      cmocka_unit_test(test_modified_utf8_separators),
        cmocka_unit_test(test_addressed_line),    cmocka_unit_test(test_coap),
        cmocka_unit_test(test_smpp), cmocka_unit_test(test_utf16_body), cmocka_unit_test(test_json_envelopes),
        cmocka_unit_test(test_irc_services),
        cmocka_unit_test(test_xmpp_prefixed), cmocka_unit_test(test_ipmsg),
        cmocka_unit_test(test_rtt_packets), cmocka_unit_test(test_rtt_typed_lines),
        cmocka_unit_test(test_amqp_publish),
        cmocka_unit_test(test_oscar), cmocka_unit_test(test_toc), cmocka_unit_test(test_compressed_batch), cmocka_unit_test(test_mail_in_binary),
    };
    return cmocka_run_group_tests(tests, tx_setup, tx_teardown);
}
