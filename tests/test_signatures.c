/* test_signatures.c — signature packs and matching engine (src/signatures.c).
 * Loads the default packs from signatures/ and runs every signature against a context that
 * must fire it and one that must not, built by hand as inspect_doc + message_assessment;
 * checks pack errors (tests/data/signatures), host pattern semantics and a 2,000-pattern
 * database. Paths are relative to LW_TOP_SRCDIR (set by `make check`), else the cwd. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../src/signatures.h"

typedef struct fixture {
    inspect_doc doc;
    message_assessment msg;
    sig_context ctx;
    uint32_t hits[32];
    int n_hits;
} fixture;

static sig_set *defaults;
static sig_scratch *default_scratch;

static const char *top_path(const char *rel, char *buf, size_t len)
{
    const char *top = getenv("LW_TOP_SRCDIR");
    snprintf(buf, len, "%s/%s", top && *top ? top : ".", rel);
    return buf;
}

static lw_status load_one(const char *rel, sig_set **out, char *err)
{
    char path[1024];
    char *paths[] = {(char *)top_path(rel, path, sizeof path)};
    return sigset_load(paths, 1, out, err, LW_ERRBUF);
}

static void fx_init(fixture *f, const char *proto, bool device_sending)
{
    memset(f, 0, sizeof *f);
    f->ctx.doc = &f->doc;
    f->ctx.msg = &f->msg;
    f->ctx.app_proto = proto;
    f->ctx.ndpi_proto = proto;
    f->ctx.l4proto = 6;
    f->ctx.device_sending = device_sending;
    f->ctx.verdict = LW_VERDICT_PLAINTEXT;
    f->ctx.bytes = 2000;
    f->doc.app_proto = proto;
    f->doc.verdict = LW_VERDICT_PLAINTEXT;
}

static void fx_unit(fixture *f, uint8_t kind, const char *field, const void *data, size_t len, uint16_t object_id)
{
    inspect_unit *u = &f->doc.units[f->doc.n_units++];
    u->kind = kind;
    u->object_id = object_id;
    u->proto = "test";
    snprintf(u->field, sizeof u->field, "%s", field);
    u->data = data;
    u->len = (uint32_t)len;
    f->doc.bytes_inspected += (uint32_t)len;
}

static void fx_text(fixture *f, uint8_t kind, const char *field, const char *text)
{
    fx_unit(f, kind, field, text, strlen(text), 0);
}

static void fx_message(fixture *f, bool is_message)
{
    f->msg.is_message = is_message;
    f->msg.score = is_message ? 0.9f : 0.1f;
    f->msg.text_length = is_message ? 40 : 0;
}

static void on_hit(const sig_hit *hit, void *user)
{
    fixture *f = user;
    if (f->n_hits < (int)LW_ARRAY_LEN(f->hits))
        f->hits[f->n_hits++] = hit->sig->id;
}

static int fx_run(fixture *f, const sig_set *s, sig_scratch *sc)
{
    f->n_hits = 0;
    int n = sigset_match(s, sc, &f->ctx, on_hit, f);
    assert_int_equal(n, f->n_hits);
    return n;
}

static bool fx_hit(const fixture *f, uint32_t id)
{
    for (int i = 0; i < f->n_hits; i++)
        if (f->hits[i] == id)
            return true;
    return false;
}

/* ------------------------------------------------------------ one builder per case */

typedef void (*build_fn)(fixture *f);

static void irc_privmsg_sent(fixture *f) /* the detector judged the PRIVMSG human writing */
{
    fx_init(f, "IRC", true);
    fx_text(f, LW_UNIT_MESSAGE, "PRIVMSG", "hi all, meeting moved to 3pm");
    fx_message(f, true);
}
static void irc_isupport_only(fixture *f) /* the word PRIVMSG in a server line, no message unit */
{
    fx_init(f, "IRC", true);
    fx_text(f, LW_UNIT_RAW, "", ":srv 005 nick TARGMAX=PRIVMSG:4,NOTICE:4 :are supported");
    fx_message(f, true);
}
static void irc_privmsg_received(fixture *f)
{
    fx_init(f, "IRC", false);
    fx_text(f, LW_UNIT_MESSAGE, "PRIVMSG", "are you coming tonight?");
    fx_message(f, true);
}
static void irc_server_notice_received(fixture *f)
{
    fx_init(f, "IRC", false);
    fx_text(f, LW_UNIT_MESSAGE, "NOTICE", "*** Looking up your hostname...");
}
static void xmpp_body(fixture *f)
{
    fx_init(f, NULL, true);
    f->ctx.ndpi_proto = "Jabber";
    fx_text(f, LW_UNIT_MESSAGE, "body", "hey");
}
static void xmpp_iq_only(fixture *f)
{
    fx_init(f, "XMPP", true);
    fx_text(f, LW_UNIT_FIELD, "query", "jabber:iq:roster");
}
static void mqtt_text(fixture *f)
{
    fx_init(f, "MQTT", true);
    fx_text(f, LW_UNIT_MESSAGE, "SampleTopic", "Hello from the Paho blocking client");
    fx_message(f, true);
}
static void mqtt_telemetry(fixture *f)
{
    fx_init(f, "MQTT", true);
    fx_text(f, LW_UNIT_MESSAGE, "astr/admin", "{\"uptime\":3600,\"ip\":\"10.0.0.7\"}");
    fx_message(f, false);
}
static void stomp_send(fixture *f)
{
    fx_init(f, "STOMP", true);
    fx_text(f, LW_UNIT_MESSAGE, "SEND", "hello world");
    fx_message(f, true);
}
static void stomp_no_message(fixture *f)
{
    fx_init(f, "STOMP", true);
    fx_text(f, LW_UNIT_MESSAGE, "SEND", "status=ok seq=1932");
    fx_message(f, false);
}
static void redis_publish(fixture *f)
{
    fx_init(f, "Redis", true);
    fx_text(f, LW_UNIT_MESSAGE, "PUBLISH", "Hi there :)");
    fx_message(f, true);
}
static void redis_set(fixture *f) /* a SET value reads as text but is no message unit */
{
    fx_init(f, "Redis", true);
    fx_text(f, LW_UNIT_FIELD, "SET", "Hello world!");
    fx_message(f, true);
}
static void websocket_chat(fixture *f)
{
    fx_init(f, "WebSocket", false);
    fx_text(f, LW_UNIT_MESSAGE, "", "('192.168.43.1', 50999) say: test message");
    fx_message(f, true);
}
static void websocket_kernel_json(fixture *f)
{
    fx_init(f, "WebSocket", false);
    fx_text(f, LW_UNIT_MESSAGE, "", "{\"msg_type\":\"kernel_info_request\"}");
    fx_message(f, false);
}
static void unknown_proto_message(fixture *f)
{
    fx_init(f, "Unknown", true);
    fx_text(f, LW_UNIT_RAW, "", "see you at the station at six, love");
    fx_message(f, true);
}
static void unknown_proto_machine(fixture *f)
{
    fx_init(f, "Unknown", true);
    fx_text(f, LW_UNIT_RAW, "", "GET_STATUS 17 OK");
    fx_message(f, false);
}
static void smtp_data_inbound(fixture *f) /* a home mail server receiving mail */
{
    fx_init(f, "SMTP", false);
    fx_text(f, LW_UNIT_FIELD, "Subject", "Testmail");
    fx_text(f, LW_UNIT_MESSAGE, "DATA", "This is a test mail.");
    fx_message(f, true);
}
static void smtp_headers_only(fixture *f)
{
    fx_init(f, "SMTP", true);
    fx_text(f, LW_UNIT_FIELD, "Subject", "Testmail");
    fx_message(f, true);
}
static void pop3_retr(fixture *f)
{
    fx_init(f, "POP3", false);
    fx_text(f, LW_UNIT_MESSAGE, "RETR", "Ciao Ciccio, hai un nome ridicolo!");
    fx_message(f, true);
}
static void pop3_list(fixture *f)
{
    fx_init(f, "POP3", false);
    fx_text(f, LW_UNIT_MESSAGE, "RETR", "1 1503\r\n2 2203");
    fx_message(f, false);
}
static void imap_fetch(fixture *f)
{
    fx_init(f, "IMAP", false);
    fx_text(f, LW_UNIT_MESSAGE, "FETCH", "Please reset the NDS logins before Monday.");
    fx_message(f, true);
}
static void imap_header_fetch(fixture *f)
{
    fx_init(f, "IMAP", false);
    fx_text(f, LW_UNIT_FIELD, "Subject", "coucou");
    fx_message(f, true);
}
static void nntp_article(fixture *f)
{
    fx_init(f, NULL, false);
    f->ctx.ndpi_proto = "Usenet";
    fx_text(f, LW_UNIT_MESSAGE, "ARTICLE", "I disagree with the previous poster entirely.");
    fx_message(f, true);
}
static void nntp_tls(fixture *f)
{
    fx_init(f, "TLS", false);
    fx_text(f, LW_UNIT_MESSAGE, "ARTICLE", "I disagree with the previous poster entirely.");
    fx_message(f, true);
}
static void http_chat_post(fixture *f)
{
    fx_init(f, "HTTP.Google", true);
    f->ctx.app_proto = "HTTP";
    fx_text(f, LW_UNIT_FIELD, "text", "lunch at noon?");
    fx_message(f, true);
}
static void http_chat_response(fixture *f)
{
    http_chat_post(f);
    f->ctx.device_sending = false;
}
static void http_web_page(fixture *f)
{
    fx_init(f, "HTTP", false);
    fx_text(f, LW_UNIT_BODY, "", "<html><title>Play the hottest songs effortlessly</title></html>");
    fx_message(f, false);
}

static const char hprof[] = "JAVA PROFILE 1.0.2\0\0\0\0\x08\0\0\x01\x96";

static void hprof_sent(fixture *f)
{
    fx_init(f, "HTTP", true);
    fx_text(f, LW_UNIT_FIELD, ":status", "200");
    fx_unit(f, LW_UNIT_BODY, "", hprof, sizeof hprof - 1, 0);
    f->doc.units[1].layers = LW_LAYER_GZIP;
    f->ctx.verdict = LW_VERDICT_COMPRESSED;
}
static void hprof_downloaded(fixture *f) /* the device fetching a dump is not this signature */
{
    hprof_sent(f);
    f->ctx.device_sending = false;
}
static void hprof_not_at_start(fixture *f)
{
    static const char late[] = "strings: JAVA PROFILE 1.0.2\0";
    fx_init(f, "HTTP", true);
    fx_unit(f, LW_UNIT_BODY, "", late, sizeof late - 1, 0);
}
static void heapdump_request(fixture *f)
{
    fx_init(f, "HTTP", false);
    fx_text(f, LW_UNIT_FIELD, ":method", "GET");
    fx_text(f, LW_UNIT_FIELD, ":path", "/management/heapdump");
}
static void heapdump_other_path(fixture *f)
{
    fx_init(f, "HTTP", false);
    fx_text(f, LW_UNIT_FIELD, ":path", "/docs/heapdumps.html");
    fx_text(f, LW_UNIT_FIELD, "Referer", "/actuator/heapdump");
}

static void export_objects(fixture *f, const char *const keys[3], bool split, uint32_t bytes)
{
    fx_init(f, "HTTP", true);
    f->ctx.bytes = bytes;
    for (uint16_t obj = 1; obj <= 3; obj++)
        for (int k = 0; k < 3; k++) { /* split: the third key always sits in another object */
            fx_text(f, LW_UNIT_FIELD, keys[k], "value");
            f->doc.units[f->doc.n_units - 1].object_id = (uint16_t)(split && k == 2 ? obj + 100 : obj);
        }
}
static const char *const slack_keys[3] = {"user", "text", "ts"};
static const char *const mattermost_keys[3] = {"user_id", "channel_id", "message"};
static const char *const matrix_keys[3] = {"event_id", "room_id", "sender"};
static void slack_export(fixture *f) { export_objects(f, slack_keys, false, 400000); }
static void slack_small(fixture *f) { export_objects(f, slack_keys, false, 5000); }
static void mattermost_export(fixture *f) { export_objects(f, mattermost_keys, false, 300000); }
static void mattermost_split(fixture *f) { export_objects(f, mattermost_keys, true, 300000); }
static void matrix_export(fixture *f) { export_objects(f, matrix_keys, false, 1u << 20); }
static void matrix_received(fixture *f)
{
    export_objects(f, matrix_keys, false, 1u << 20);
    f->ctx.device_sending = false;
}

typedef struct host_case {
    const char *host;
    uint32_t want; /* 0 = no archive signature */
} host_case;

static void host_only(fixture *f, const char *host)
{
    fx_init(f, "TLS", true);
    f->ctx.doc = NULL; /* metadata only: a name became known, no payload yet */
    f->ctx.msg = NULL;
    f->ctx.host = host;
}

typedef struct sig_case {
    uint32_t id;
    build_fn positive;
    build_fn negative;
} sig_case;

static const sig_case cases[] = {
    {8700100, irc_privmsg_sent, irc_isupport_only},
    {8700101, irc_privmsg_received, irc_server_notice_received},
    {8700110, xmpp_body, xmpp_iq_only},
    {8700120, mqtt_text, mqtt_telemetry},
    {8700130, stomp_send, stomp_no_message},
    {8700131, redis_publish, redis_set},
    {8700140, websocket_chat, websocket_kernel_json},
    {8700199, unknown_proto_message, unknown_proto_machine},
    {8700200, smtp_data_inbound, smtp_headers_only},
    {8700210, pop3_retr, pop3_list},
    {8700220, imap_fetch, imap_header_fetch},
    {8700230, nntp_article, nntp_tls},
    {8700300, http_chat_post, http_chat_response},
    {8700310, http_chat_response, http_web_page},
    {8700500, hprof_sent, hprof_downloaded},
    {8700500, hprof_sent, hprof_not_at_start},
    {8700501, heapdump_request, heapdump_other_path},
    {8700510, slack_export, slack_small},
    {8700511, mattermost_export, mattermost_split},
    {8700512, matrix_export, matrix_received},
};

/* Host-only signatures: a name that must fire, one that must not. */
static const host_case archive_hosts[] = {
    {"archive.telemessage.com", 8700400}, {"ARCHIVE.TeleMessage.com.", 8700400},
    {"www.telemessage.com", 8700401},     {"telemessage.com", 8700401},
    {"nottelemessage.com", 0},            {"telemessage.com.evil.example", 0},
    {"smarsh.com", 8700410},              {"docs.smarsh.com", 8700410},
    {"evilsmarsh.com", 0},                {"globalrelay.com", 8700420},
    {"mail.globalrelay.net", 8700420},    {"globalrelay.org", 0},
    {"app.leapxpert.com", 8700430},       {"leap.expert", 8700430},
    {"expert", 0},                        {"thetalake.com", 8700440},
    {"thetalake.zendesk.com", 0},         {"sl2.celltrust.com", 8700450},
    {"help.moviuscorp.com", 8700460},     {"movius.com", 0},
    {"jatheon.com", 8700470},             {"jatheon.com.", 8700470},
    {"", 0},                              {".", 0},
};

/* ------------------------------------------------------------ tests */

static int load_defaults(void **state)
{
    (void)state;
    char err[LW_ERRBUF] = "";
    lw_status st = load_one("signatures", &defaults, err);
    if (st != LW_OK)
        fprintf(stderr, "%s\n", err);
    default_scratch = st == LW_OK ? sigset_scratch_new(defaults) : NULL;
    return default_scratch ? 0 : -1;
}

static int free_defaults(void **state)
{
    (void)state;
    sigset_scratch_free(default_scratch);
    sigset_free(defaults);
    return 0;
}

static void test_defaults_loaded(void **state)
{
    (void)state;
    assert_int_equal(sigset_count(defaults), 28);
    assert_true(sigset_wants_payload(defaults));
    uint32_t prev = 0;
    for (size_t i = 0; i < sigset_count(defaults); i++) {
        const signature *sig = sigset_get(defaults, i);
        assert_true(sig->id > prev); /* ascending, unique */
        prev = sig->id;
        assert_true(sig->id >= 8700100 && sig->id <= 8700599); /* never the local range 1000000-1999999 */
        assert_int_equal(sig->rev, 1);
        assert_true(strlen(sig->description) > 40);
        assert_true(sig->n_references >= 1);
        assert_non_null(strstr(sig->source, ".yaml:"));
    }
    assert_null(sigset_get(defaults, sigset_count(defaults)));
}

static void test_every_signature_has_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sigset_count(defaults); i++) {
        uint32_t id = sigset_get(defaults, i)->id;
        bool covered = false;
        for (size_t c = 0; c < LW_ARRAY_LEN(cases); c++)
            covered |= cases[c].id == id;
        for (size_t h = 0; h < LW_ARRAY_LEN(archive_hosts); h++)
            covered |= archive_hosts[h].want == id;
        if (!covered)
            fail_msg("signature %u has no test case", id);
    }
}

static void test_payload_signatures(void **state)
{
    (void)state;
    fixture *f = malloc(sizeof *f);
    assert_non_null(f);
    for (size_t c = 0; c < LW_ARRAY_LEN(cases); c++) {
        cases[c].positive(f);
        fx_run(f, defaults, default_scratch);
        if (!fx_hit(f, cases[c].id))
            fail_msg("case %zu: signature %u did not fire on its positive context", c, cases[c].id);
        cases[c].negative(f);
        fx_run(f, defaults, default_scratch);
        if (fx_hit(f, cases[c].id))
            fail_msg("case %zu: signature %u fired on its negative context", c, cases[c].id);
    }
    free(f);
}

static void test_fallback_yields_to_specific(void **state)
{
    (void)state;
    fixture *f = malloc(sizeof *f);
    irc_privmsg_sent(f);
    fx_message(f, true);
    assert_int_equal(fx_run(f, defaults, default_scratch), 1); /* 8700100, not also 8700199 */
    assert_int_equal(f->hits[0], 8700100);
    smtp_data_inbound(f); /* a higher id than the fallback 8700199 still silences it */
    assert_int_equal(fx_run(f, defaults, default_scratch), 1);
    assert_int_equal(f->hits[0], 8700200);
    http_chat_post(f);
    assert_int_equal(fx_run(f, defaults, default_scratch), 1);
    assert_int_equal(f->hits[0], 8700300);
    free(f);
}

static void capture_labels(const sig_hit *hit, void *user)
{
    *(sig_hit *)user = *hit;
}

static void test_labels_name_patterns(void **state)
{
    (void)state;
    fixture *f = malloc(sizeof *f);
    sig_hit hit = {0};
    hprof_sent(f);
    assert_int_equal(sigset_match(defaults, default_scratch, &f->ctx, capture_labels, &hit), 1);
    assert_int_equal(hit.n_matched, 1);
    assert_string_equal(hit.matched[0], "content:hprof-body");
    host_only(f, "archive.telemessage.com");
    assert_int_equal(sigset_match(defaults, default_scratch, &f->ctx, capture_labels, &hit), 1);
    assert_string_equal(hit.matched[0], "host:archive.telemessage.com");
    mattermost_export(f);
    assert_int_equal(sigset_match(defaults, default_scratch, &f->ctx, capture_labels, &hit), 1);
    assert_string_equal(hit.matched[0], "json-keys");
    free(f);
}

static void test_archive_hosts(void **state)
{
    (void)state;
    fixture *f = malloc(sizeof *f);
    for (size_t i = 0; i < LW_ARRAY_LEN(archive_hosts); i++) {
        host_only(f, archive_hosts[i].host);
        int n = fx_run(f, defaults, default_scratch);
        if (archive_hosts[i].want == 0 ? n != 0 : n != 1 || f->hits[0] != archive_hosts[i].want)
            fail_msg("host '%s': %d hits, first %u, want %u", archive_hosts[i].host, n, n ? f->hits[0] : 0,
                     archive_hosts[i].want);
    }
    host_only(f, NULL);
    assert_int_equal(fx_run(f, defaults, default_scratch), 0);
    free(f);
}

static void test_metadata_context_skips_payload_signatures(void **state)
{
    (void)state;
    fixture *f = malloc(sizeof *f);
    irc_privmsg_sent(f);
    f->ctx.doc = NULL;
    f->ctx.msg = NULL;
    assert_int_equal(fx_run(f, defaults, default_scratch), 0);
    f->ctx.host = "archive.telemessage.com"; /* same flow, the name is known */
    assert_int_equal(fx_run(f, defaults, default_scratch), 1);
    assert_int_equal(f->hits[0], 8700400);
    free(f);
}

static void test_scratch_of_other_set_refused(void **state)
{
    (void)state;
    sig_set *hosts = NULL;
    char err[LW_ERRBUF];
    assert_int_equal(load_one("tests/data/signatures/hosts.yaml", &hosts, err), LW_OK);
    fixture *f = malloc(sizeof *f);
    host_only(f, "example.org");
    assert_int_equal(sigset_match(hosts, default_scratch, &f->ctx, on_hit, f), -1);
    free(f);
    sigset_free(hosts);
}

static void test_host_semantics(void **state)
{
    (void)state;
    static const struct {
        const char *host;
        const char *proto;
        uint16_t port;
        uint32_t want[4];
    } rows[] = {
        {"archive.example.com", "TLS", 443, {1, 2}},   /* exact and subdomain of example.com */
        {"example.com", "TLS", 443, {0}},              /* "*.x" does not match x itself */
        {"a.b.example.com", "TLS", 443, {2}},
        {"notexample.com", "TLS", 443, {0}},
        {"example.org", "TLS", 443, {3, 4}},           /* ".x" matches x … */
        {"deep.sub.example.org.", "TLS.Google", 6665, {3, 4}}, /* … and its subdomains */
        {"example.org", "TLS", 80, {3}},               /* port outside 443, 6660-6669 */
        {"example.org", "HTTP", 443, {3}},             /* protocol mismatch */
        {"VAULT.example.net", "TLS", 443, {3}},        /* pattern was written in capitals */
        {"x.vault.example.net", "TLS", 443, {0}},      /* a bare pattern is exact */
        {"example.net", "TLS", 443, {0}},
        {"example..org", "TLS", 443, {0}},
    };
    sig_set *s = NULL;
    char err[LW_ERRBUF];
    assert_int_equal(load_one("tests/data/signatures/hosts.yaml", &s, err), LW_OK);
    assert_false(sigset_wants_payload(s));
    sig_scratch *sc = sigset_scratch_new(s);
    assert_non_null(sc);
    fixture *f = malloc(sizeof *f);
    for (size_t i = 0; i < LW_ARRAY_LEN(rows); i++) {
        host_only(f, rows[i].host);
        f->ctx.ndpi_proto = f->ctx.app_proto = rows[i].proto;
        f->ctx.server_port = rows[i].port;
        fx_run(f, s, sc);
        int want = 0;
        while (want < 4 && rows[i].want[want])
            want++;
        if (f->n_hits != want)
            fail_msg("host '%s' port %u: %d hits, want %d", rows[i].host, rows[i].port, f->n_hits, want);
        for (int k = 0; k < want; k++)
            assert_int_equal(f->hits[k], rows[i].want[k]);
    }
    free(f);
    sigset_scratch_free(sc);
    sigset_free(s);
}

static void expect_error(const char *rel, const char *want1, const char *want2)
{
    sig_set *s = (sig_set *)1;
    char err[LW_ERRBUF] = "";
    assert_int_equal(load_one(rel, &s, err), LW_ERR_USAGE);
    assert_null(s);
    if (!strstr(err, want1) || (want2 && !strstr(err, want2)))
        fail_msg("error for %s was: %s", rel, err);
}

static void test_pack_errors(void **state)
{
    (void)state;
    expect_error("tests/data/signatures/unknown-key.yaml",
                 "unknown-key.yaml:5:5: unknown key 'severty' in signature", "expected one of: id, name");
    expect_error("tests/data/signatures/wrong-type.yaml",
                 "wrong-type.yaml:5:15: 'severity' must be an integer 1..3", NULL);
    expect_error("tests/data/signatures/bad-regex.yaml", "bad-regex.yaml:10:11: bad regex \"(unclosed\":",
                 NULL);
    expect_error("tests/data/signatures/unknown-category.yaml",
                 "unknown-category.yaml:4:15: unknown category 'chit_chat'", NULL);
    expect_error("tests/data/signatures/no-conditions.yaml",
                 "no-conditions.yaml:2:5: signature 7 has no content, json_keys, message or hosts", NULL);
    expect_error("tests/data/signatures/bad-host.yaml", "bad-host.yaml:7:26: 'hosts': 'archive..example'", NULL);
    expect_error("tests/data/signatures/dup", "dup/b.yaml:9:9: duplicate signature id 7",
                 "(also defined at");
    expect_error("tests/data/signatures/dup", "dup/a.yaml:2:9", NULL);
    expect_error("tests/data/signatures/missing.yaml", "missing.yaml: cannot open:", NULL);
}

/* Errors for snippets written to a temporary file. */
static lw_status load_snippet(const char *yaml, sig_set **s, char *path, char *err, size_t errlen)
{
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, yaml, strlen(yaml)), (ssize_t)strlen(yaml));
    close(fd);
    char *paths[] = {path};
    lw_status st = sigset_load(paths, 1, s, err, errlen);
    unlink(path);
    return st;
}

static void expect_snippet_error(const char *yaml, const char *want)
{
    char path[] = "/tmp/test_signatures_XXXXXX.yaml";
    sig_set *s = NULL;
    char err[LW_ERRBUF] = "";
    lw_status st = load_snippet(yaml, &s, path, err, sizeof err);
    assert_int_equal(st, LW_ERR_USAGE);
    if (!strstr(err, want) || strncmp(err, path, strlen(path)) != 0)
        fail_msg("want '%s', got: %s", want, err);
}

#define SIG_HEAD "signatures:\n  - {id: 9, name: n, category: plaintext_message, severity: 1, description: d, "

static void test_snippet_errors(void **state)
{
    (void)state;
    expect_snippet_error("signatures: [\n", ":2:1: did not find expected node content");
    expect_snippet_error("", ":1:1: empty pack");
    expect_snippet_error("rules: []\n", ":1:1: unknown key 'rules' in pack");
    expect_snippet_error(SIG_HEAD "conditions: {message: yes}}\n", "'message' must be true or false");
    expect_snippet_error(SIG_HEAD "conditions: {direction: up, message: true}}\n",
                         "'direction' must be one of to_server, to_client, any");
    expect_snippet_error(SIG_HEAD "conditions: {ports: [\"70000\"], message: true}}\n", "'ports' entries");
    expect_snippet_error(SIG_HEAD "conditions: {ports: [\"20-10\"], message: true}}\n", "'ports' entries");
    expect_snippet_error(SIG_HEAD "conditions: {verdict: [opaque], message: true}}\n", "'verdict' entries");
    expect_snippet_error(SIG_HEAD "conditions: {content: [{literal: a, regex: b}]}}\n",
                         "exactly one of 'literal' or 'regex'");
    expect_snippet_error(SIG_HEAD "conditions: {content: [{literal: a, unit: packet}]}}\n",
                         "'unit' must be one of message, field, body, raw");
    expect_snippet_error(SIG_HEAD "conditions: {content: []}}\n", "'content' is an empty list");
    expect_snippet_error(SIG_HEAD "conditions: {content: [{regex: 'a*'}]}}\n", "bad regex \"a*\"");
    expect_snippet_error(SIG_HEAD "conditions: {message: true}, id: 10}\n", "duplicate key 'id' in signature");
    expect_snippet_error(SIG_HEAD "references: [see the wiki], conditions: {message: true}}\n",
                         "'references' entries must be URLs");
    expect_snippet_error(SIG_HEAD "conditions: {message: true, content_any: true}}\n",
                         "content_any without content");
    expect_snippet_error("signatures:\n  - {id: \"9\", name: n}\n", ":2:10: 'id' must be an integer");
    expect_snippet_error("signatures:\n  - {id: 9, name: n}\n", ":2:5: signature is missing 'category'");
    expect_snippet_error(SIG_HEAD "rev: 0, conditions: {message: true}}\n", "'rev'");
    expect_snippet_error(SIG_HEAD "conditions: {content: [{regex: '(ab|[0-9]){2049}'}]}}\n",
                         ":2:103: regex too large: 6147 positions once bounded repeats are unrolled (at most 4096)");
    expect_snippet_error(SIG_HEAD "conditions: {content: [{regex: '((((((((((((((((((((((((((((((((((a))))))))))))"
                         "))))))))))))))))))))))'}]}}\n", "regex groups nested deeper than 32 levels");
    expect_snippet_error("signatures:\n  - &s {id: 9, name: n, category: plaintext_message, severity: 1, description: d, "
                         "conditions: {message: true}}\n  - *s\n", ":2:13: duplicate signature id 9 (an alias repeats");
    expect_snippet_error("signatures: [&a x, &b x, *a, *b, *c]\n", ":1:34: found undefined alias");
}

static void test_rev(void **state)
{
    (void)state;
    char path[] = "/tmp/test_signatures_XXXXXX.yaml";
    char err[LW_ERRBUF] = "";
    sig_set *s = NULL;
    assert_int_equal(load_snippet(SIG_HEAD "rev: 3, conditions: {message: true}}\n"
                                  "  - {id: 10, name: m, category: plaintext_message, severity: 2, description: d, "
                                  "conditions: {message: true}}\n", &s, path, err, sizeof err), LW_OK);
    assert_int_equal(sigset_get(s, 0)->rev, 3);
    assert_int_equal(sigset_get(s, 1)->rev, 1);
    sigset_free(s);
}

static void test_many_patterns_one_database(void **state)
{
    (void)state;
    enum { N = 2000 };
    char path[] = "/tmp/test_signatures_many_XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    FILE *out = fdopen(fd, "w");
    fprintf(out, "signatures:\n");
    for (int i = 0; i < N; i++)
        fprintf(out, "  - {id: %d, name: lit%d, category: plaintext_message, severity: 3, description: d, "
                     "conditions: {content: [{literal: \"tok%04dx\", nocase: %s}]}}\n",
                i + 1, i, i, i % 2 ? "true" : "false");
    fclose(out);
    sig_set *s = NULL;
    char err[LW_ERRBUF] = "";
    char *paths[] = {path};
    lw_status st = sigset_load(paths, 1, &s, err, sizeof err);
    unlink(path);
    assert_int_equal(st, LW_OK);
    assert_int_equal(sigset_count(s), N);

    char listing[256] = "";
    FILE *mem = fmemopen(listing, sizeof listing - 1, "w");
    sigset_print(s, mem);
    fclose(mem);
    assert_non_null(strstr(listing, "signatures: 2000 from 1 pack(s), 2000 content pattern(s) in one database"));

    sig_scratch *sc = sigset_scratch_new(s);
    fixture *f = malloc(sizeof *f);
    fx_init(f, "Unknown", true);
    fx_text(f, LW_UNIT_RAW, "", "..tok0007x..TOK1999X..TOK0042X..tok1234x");
    assert_int_equal(fx_run(f, s, sc), 3); /* 42 is case-sensitive: TOK0042X does not count */
    assert_int_equal(f->hits[0], 8);
    assert_int_equal(f->hits[1], 1235);
    assert_int_equal(f->hits[2], 2000);
    free(f);
    sigset_scratch_free(sc);
    sigset_free(s);
}

/* Literal bytes (NUL included), nocase regexes, field and unit scopes, verdict and min_text. */
static void test_pattern_options(void **state)
{
    (void)state;
    static const char yaml[] =
        "signatures:\n"
        "  - {id: 1, name: nul, category: plaintext_message, severity: 3, description: d,\n"
        "     conditions: {content: [{literal: \"a\\0b\", unit: raw}]}}\n"
        "  - {id: 2, name: ci, category: plaintext_message, severity: 3, description: d,\n"
        "     conditions: {content: [{regex: '^hello\\b', nocase: true, field: Greeting}],\n"
        "                  verdict: [plaintext, encoded], min_text: 10, message: true}}\n"
        "  - {id: 3, name: notmsg, category: plaintext_message, severity: 3, description: d,\n"
        "     conditions: {message: false, content: [{literal: x}]}}\n";
    char path[] = "/tmp/test_signatures_opts_XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, yaml, sizeof yaml - 1), (ssize_t)(sizeof yaml - 1));
    close(fd);
    sig_set *s = NULL;
    char err[LW_ERRBUF] = "";
    char *paths[] = {path};
    lw_status st = sigset_load(paths, 1, &s, err, sizeof err);
    unlink(path);
    if (st != LW_OK)
        fail_msg("%s", err);
    sig_scratch *sc = sigset_scratch_new(s);
    fixture *f = malloc(sizeof *f);

    fx_init(f, "Unknown", true);
    fx_unit(f, LW_UNIT_RAW, "", "xa\0by", 5, 0);
    f->ctx.msg = NULL;
    assert_int_equal(fx_run(f, s, sc), 1); /* 3 needs a message assessment saying "no" */
    f->ctx.msg = &f->msg;
    assert_int_equal(fx_run(f, s, sc), 2);
    assert_int_equal(f->hits[0], 1);
    assert_int_equal(f->hits[1], 3);
    fx_init(f, "Unknown", true);
    fx_unit(f, LW_UNIT_RAW, "", "xa0by", 5, 0); /* "\0" is a NUL byte, not the digit */
    fx_unit(f, LW_UNIT_FIELD, "", "xa\0by", 5, 0); /* right bytes, wrong unit */
    assert_int_equal(fx_run(f, s, sc), 1);
    assert_int_equal(f->hits[0], 3);

    fx_init(f, "Unknown", true);
    fx_text(f, LW_UNIT_FIELD, "greeting", "HELLO there");
    fx_message(f, true);
    f->msg.text_length = 11;
    assert_int_equal(fx_run(f, s, sc), 1);
    assert_int_equal(f->hits[0], 2);
    f->msg.text_length = 9; /* below min_text */
    assert_int_equal(fx_run(f, s, sc), 0);
    f->msg.text_length = 11;
    f->ctx.verdict = LW_VERDICT_ENCRYPTED;
    assert_int_equal(fx_run(f, s, sc), 0);
    f->ctx.verdict = LW_VERDICT_ENCODED;
    assert_int_equal(fx_run(f, s, sc), 1);
    snprintf(f->doc.units[0].field, sizeof f->doc.units[0].field, "other");
    assert_int_equal(fx_run(f, s, sc), 0);
    f->doc.units[0].data = (const uint8_t *)"say hello";
    snprintf(f->doc.units[0].field, sizeof f->doc.units[0].field, "Greeting");
    assert_int_equal(fx_run(f, s, sc), 0); /* ^ anchors at the unit's start */
    free(f);
    sigset_scratch_free(sc);
    sigset_free(s);
}

static void test_print_listing(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    sigset_print(defaults, mem);
    fclose(mem);
    assert_non_null(strstr(buf, "signatures: 28 from 5 pack(s)"));
    assert_non_null(strstr(buf, "  8700400 unapproved_archive sev=1 \"TeleMessage archive server (TM SGNL)\" "
                                "[ hosts=archive.telemessage.com ] "));
    assert_non_null(strstr(buf, "content:irc-privmsg|content:irc-notice"));
    assert_non_null(strstr(buf, "archive-services.yaml:"));
    free(buf);
}

static void test_hostile_units(void **state)
{
    (void)state;
    fixture *f = malloc(sizeof *f);
    fx_init(f, "HTTP", true);
    f->doc.n_units = 60000; /* beyond LW_INSPECT_MAX_UNITS: must be clamped */
    for (uint32_t i = 0; i < LW_INSPECT_MAX_UNITS; i++) {
        f->doc.units[i].kind = LW_UNIT_FIELD;
        f->doc.units[i].object_id = (uint16_t)i;
        memset(f->doc.units[i].field, 'k', sizeof f->doc.units[i].field); /* no terminator */
        f->doc.units[i].data = NULL;
        f->doc.units[i].len = 100;
    }
    assert_int_equal(fx_run(f, defaults, default_scratch), 0);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_loaded),
        cmocka_unit_test(test_every_signature_has_cases),
        cmocka_unit_test(test_payload_signatures),
        cmocka_unit_test(test_fallback_yields_to_specific),
        cmocka_unit_test(test_labels_name_patterns),
        cmocka_unit_test(test_archive_hosts),
        cmocka_unit_test(test_metadata_context_skips_payload_signatures),
        cmocka_unit_test(test_scratch_of_other_set_refused),
        cmocka_unit_test(test_host_semantics),
        cmocka_unit_test(test_pack_errors),
        cmocka_unit_test(test_snippet_errors),
        cmocka_unit_test(test_rev),
        cmocka_unit_test(test_many_patterns_one_database),
        cmocka_unit_test(test_pattern_options),
        cmocka_unit_test(test_print_listing),
        cmocka_unit_test(test_hostile_units),
    };
    return cmocka_run_group_tests(tests, load_defaults, free_defaults);
}
