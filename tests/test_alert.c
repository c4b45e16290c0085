/* test_alert.c — the alert record: key order and nulls as in CONTRACT.md (parsed back by
 * the independent validator and python3's json module), the EVE members (host, in_iface or
 * pcap_filename, vlan, community_id, initiator-relative direction and flow{}, alert.action/
 * gid/rev/metadata, http/tls), deterministic unique ids, redacted evidence free of the text,
 * sealed evidence that opens with the secret key, clear mode, where the writer puts the rate
 * limit's suppressed count, hostile strings, key validation, buffer limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sodium.h>

#include "../src/alert.h"
#include "json_valid.h"

static const char message[] = "Meet me at the usual place at noon, bring the documents";
static const char *const labels[] = {"json-key:text", "natural-language"};
static const char *const fields[] = {"text"};
static const char *const references[] = {"https://www.rfc-editor.org/rfc/rfc9110", "CVE-2025-47729"};
static uint8_t message_sha[32];

static lw_addr addr(const char *text)
{
    lw_cidr c;
    if (!lw_cidr_parse(text, &c))
        fail_msg("bad address %s", text);
    return c.addr;
}

static alert_input sample(const dest_info *dest)
{
    static const uint8_t mac[6] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
    crypto_hash_sha256(message_sha, (const uint8_t *)message, sizeof message - 1);
    alert_input in = {
        .ts_us = 1746353553123456ull, .flow_id = 1836207123, .flow_start_us = 1746353550000000ull,
        .src_ip = addr("10.1.2.3"), .dest_ip = addr("203.0.113.7"), .src_port = 51834, .dest_port = 80,
        .l4proto = 6, .app_proto = "HTTP", .signature_id = 8700101, .rev = 2,
        .pcap_filename = "day1.pcap", .ndpi_proto = "HTTP.AmazonAWS", .language = "de",
        .http_hostname = "archive.example.net", .http_url = "/api/send",
        .flow = {.device_is_initiator = true, .from_initiator = true, .pkts = {5, 3}, .bytes = {640, 305}},
        .signature = "Chat message JSON posted in cleartext", .category = LW_CAT_PLAINTEXT_MESSAGE,
        .description = "The device posted a chat message.", .references = references, .n_references = 2,
        .severity = 1, .device_sending = true, .verdict = LW_VERDICT_PLAINTEXT, .entropy = 4.6149f,
        .bytes_inspected = 812,
        .evidence = {labels, 2, fields, 1, sizeof message - 1, message_sha, (const uint8_t *)message,
                     sizeof message - 1},
        .dest = dest, .device_mac = mac,
    };
    return in;
}

static alert_engine *engine(lw_config *cfg)
{
    alert_engine *a = NULL;
    char err[LW_ERRBUF] = "";
    if (alert_engine_new(cfg, &a, err, sizeof err) != LW_OK)
        fail_msg("alert_engine_new: %s", err);
    return a;
}

static int render(alert_engine *a, const alert_input *in, char *buf, size_t len)
{
    size_t suppressed_at;
    int n = alert_render(a, in, buf, len, &suppressed_at);
    if (n > 0 && !json_valid(buf, (size_t)n))
        fail_msg("invalid JSON: %s", buf);
    return n;
}

/* Runs python3 `code` with the record on stdin; skips the check when python3 is absent. */
static void python_check(const char *json, const char *code)
{
    if (system("python3 -c '' 2>/dev/null") != 0)
        return;
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "python3 -c 'import json,sys\nd=json.loads(sys.stdin.read())\n%s'", code);
    FILE *p = popen(cmd, "w");
    assert_non_null(p);
    fputs(json, p);
    if (pclose(p) != 0)
        fail_msg("python check failed on %s", json);
}

static void test_record_shape_and_values(void **state)
{
    (void)state;
    lw_config cfg = {.sensor_name = "tap-fra-01"};
    alert_engine *a = engine(&cfg);
    dest_info dest = {.host = "archive.example.net", .country = "US", .asn = 64500, .as_org = "Example Networks"};
    alert_input in = sample(&dest);
    char buf[4096];
    assert_true(render(a, &in, buf, sizeof buf) > 0);
    const char *head = "{\"timestamp\":\"2025-05-04T10:12:33.123456+0000\",\"event_type\":\"alert\",\"alert_id\":\"";
    assert_memory_equal(buf, head, strlen(head));
    /* community_id: tests/e2e/eve_check.py's independent implementation gives the same */
    assert_non_null(strstr(buf, "\"flow_id\":1836207123,\"host\":\"tap-fra-01\",\"pcap_filename\":\"day1.pcap\","
                                "\"src_ip\":\"10.1.2.3\",\"src_port\":51834,"
                                "\"dest_ip\":\"203.0.113.7\",\"dest_port\":80,\"proto\":\"TCP\","
                                "\"community_id\":\"1:nQIoF8NB374BClC5gIo/7uxd2Lk=\",\"app_proto\":\"http\","
                                "\"direction\":\"to_server\","
                                "\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":8700101,\"rev\":2,"
                                "\"signature\":\"Chat message JSON posted in cleartext\","
                                "\"category\":\"plaintext_message\",\"severity\":1,"
                                "\"metadata\":{\"description\":[\"The device posted a chat message.\"],"
                                "\"references\":[\"https://www.rfc-editor.org/rfc/rfc9110\",\"CVE-2025-47729\"]}},"
                                "\"http\":{\"hostname\":\"archive.example.net\",\"url\":\"/api/send\"},"
                                "\"flow\":{\"pkts_toserver\":5,\"pkts_toclient\":3,\"bytes_toserver\":640,"
                                "\"bytes_toclient\":305,\"start\":\"2025-05-04T10:12:30.000000+0000\","
                                "\"src_ip\":\"10.1.2.3\",\"dest_ip\":\"203.0.113.7\",\"src_port\":51834,\"dest_port\":80},"
                                "\"leak\":{\"direction\":\"to_server\",\"verdict\":\"plaintext\",\"entropy\":4.61,"
                                "\"bytes_inspected\":812,\"ndpi_proto\":\"HTTP.AmazonAWS\",\"language\":\"de\",\"evidence\":{\"mode\":\"redacted\","
                                "\"matched\":[\"json-key:text\",\"natural-language\"],\"fields\":[\"text\"],\"length\":55,"
                                "\"sha256\":\""));
    assert_non_null(strstr(buf, "\"}},\"dest\":{\"host\":\"archive.example.net\",\"country\":\"US\",\"asn\":64500,"
                                "\"as_org\":\"Example Networks\"},\"device\":{\"ip\":\"10.1.2.3\","
                                "\"mac\":\"00:11:22:33:44:55\"}}"));
    python_check(buf, "assert list(d)==[\"timestamp\",\"event_type\",\"alert_id\",\"flow_id\",\"host\",\"pcap_filename\","
                      "\"src_ip\",\"src_port\",\"dest_ip\",\"dest_port\",\"proto\",\"community_id\",\"app_proto\","
                      "\"direction\",\"alert\",\"http\",\"flow\",\"leak\",\"dest\",\"device\"]\n"
                      "import hashlib\n"
                      "assert d[\"leak\"][\"evidence\"][\"sha256\"]==hashlib.sha256(b\"Meet me at the usual place at noon, "
                      "bring the documents\").hexdigest()\n"
                      "assert len(d[\"alert_id\"])==36 and d[\"alert_id\"][14]==\"8\"");
    alert_engine_free(a);
}

static void test_unknowns_are_null(void **state)
{
    (void)state;
    lw_config cfg = {0};
    alert_engine *a = engine(&cfg);
    alert_input in = sample(NULL);
    in.app_proto = NULL;
    in.ndpi_proto = NULL;
    in.language = NULL;
    in.device_mac = NULL;
    in.l4proto = 17;
    in.verdict = LW_VERDICT_UNKNOWN;
    in.entropy = 0.0f / 0.0f;
    in.bytes_inspected = 0;
    in.evidence = (alert_evidence){0};
    in.flow_id = UINT64_MAX;
    in.description = NULL;
    in.n_references = 0;
    in.http_hostname = in.http_url = NULL;
    char buf[4096];
    assert_true(render(a, &in, buf, sizeof buf) > 0);
    assert_non_null(strstr(buf, "\"flow_id\":2251799813685247,")); /* 51 bits */
    /* EVE's app_proto is a string: an unknown protocol is "unknown", never null */
    assert_non_null(strstr(buf, "\"proto\":\"UDP\",\"community_id\":\"1:2ACtnV8+N9c1m3t6dCGQbr98otc=\","
                                "\"app_proto\":\"unknown\","));
    assert_non_null(strstr(buf, "\"severity\":1},\"flow\":{")); /* no metadata, no http */
    assert_non_null(strstr(buf, "\"verdict\":null,\"entropy\":null,\"bytes_inspected\":0,\"ndpi_proto\":null,\"language\":null,"));
    assert_non_null(strstr(buf, "\"evidence\":{\"mode\":\"redacted\",\"matched\":[],\"fields\":[],\"length\":0,\"sha256\":null}"));
    assert_non_null(strstr(buf, "\"dest\":{\"host\":null,\"country\":null,\"asn\":null,\"as_org\":null},"
                                "\"device\":{\"ip\":\"10.1.2.3\",\"mac\":null}}"));
    alert_engine_free(a);
}

/* The device served the flow (a heap dump fetched from outside): src_* stays the device, but
 * flow{} and direction take Suricata's side — the initiator is the client outside. */
static void test_initiator_relative_flow(void **state)
{
    (void)state;
    lw_config cfg = {.sensor_name = "tap-fra-01"};
    alert_engine *a = engine(&cfg);
    alert_input in = sample(NULL);
    in.src_port = 8080;
    in.dest_port = 40000;
    in.pcap_filename = NULL;
    in.in_iface = "eth1";
    in.vlan[0] = 200;
    in.vlan[1] = 100;
    in.app_proto = "TLS.Google";
    in.http_hostname = in.http_url = NULL;
    in.tls_sni = "vault.example.net";
    in.flow = (alert_flow){.device_is_initiator = false, .from_initiator = false, .pkts = {7, 9}, .bytes = {700, 9000}};
    char buf[4096];
    assert_true(render(a, &in, buf, sizeof buf) > 0);
    assert_non_null(strstr(buf, "\"host\":\"tap-fra-01\",\"in_iface\":\"eth1\",\"vlan\":[200,100],\"src_ip\":\"10.1.2.3\","
                                "\"src_port\":8080,"));
    assert_null(strstr(buf, "pcap_filename"));
    assert_non_null(strstr(buf, "\"app_proto\":\"tls\",\"direction\":\"to_client\","));
    assert_non_null(strstr(buf, "\"tls\":{\"sni\":\"vault.example.net\"},\"flow\":{\"pkts_toserver\":7,\"pkts_toclient\":9,"
                                "\"bytes_toserver\":700,\"bytes_toclient\":9000,\"start\":\"2025-05-04T10:12:30.000000+0000\","
                                "\"src_ip\":\"203.0.113.7\",\"dest_ip\":\"10.1.2.3\",\"src_port\":40000,\"dest_port\":8080},"
                                "\"leak\":{\"direction\":\"to_server\","));
    in.vlan[0] = 0; /* one tag */
    assert_true(render(a, &in, buf, sizeof buf) > 0);
    assert_non_null(strstr(buf, "\"in_iface\":\"eth1\",\"vlan\":[100],\"src_ip\""));
    alert_engine_free(a);
}

/* Without sensor.name, "host" is the machine's host name. */
static void test_host_defaults_to_hostname(void **state)
{
    (void)state;
    char name[256] = "", want[300];
    assert_int_equal(gethostname(name, sizeof name), 0);
    lw_config cfg = {0};
    alert_engine *a = engine(&cfg);
    alert_input in = sample(NULL);
    char buf[4096];
    assert_true(render(a, &in, buf, sizeof buf) > 0);
    snprintf(want, sizeof want, "\"host\":\"%s\",", name);
    assert_non_null(strstr(buf, want));
    alert_engine_free(a);
}

static void test_ids_deterministic_and_unique(void **state)
{
    (void)state;
    lw_config cfg = {0};
    alert_engine *a = engine(&cfg), *b = engine(&cfg);
    alert_input in = sample(NULL);
    char x[4096], y[4096];
    int nx = render(a, &in, x, sizeof x), ny = render(b, &in, y, sizeof y);
    assert_int_equal(nx, ny);
    assert_memory_equal(x, y, (size_t)nx); /* a replay gives the same record */
    char ids[4][37];
    for (int k = 0; k < 4; k++) {
        alert_input v = in;
        if (k == 1)
            v.flow_sequence = 1;
        if (k == 2)
            v.signature_id = 8700102;
        if (k == 3)
            v.flow_start_us++;
        render(a, &v, x, sizeof x);
        const char *id = strstr(x, "\"alert_id\":\"") + 12;
        memcpy(ids[k], id, 36);
        ids[k][36] = '\0';
        assert_true(ids[k][8] == '-' && ids[k][13] == '-' && ids[k][14] == '8' && ids[k][18] == '-' && ids[k][23] == '-');
    }
    for (int i = 0; i < 4; i++)
        for (int k = i + 1; k < 4; k++)
            assert_string_not_equal(ids[i], ids[k]);
    alert_engine_free(a);
    alert_engine_free(b);
}

/* No 6-byte window of the message may appear anywhere in a redacted record. */
static void assert_no_text(const char *buf)
{
    for (size_t i = 0; i + 6 <= sizeof message - 1; i++)
        if (memmem(buf, strlen(buf), message + i, 6))
            fail_msg("message text leaked: %.6s", message + i);
}

static void test_redacted_has_no_text(void **state)
{
    (void)state;
    lw_config cfg = {0};
    alert_engine *a = engine(&cfg);
    alert_input in = sample(NULL);
    char buf[4096];
    assert_true(render(a, &in, buf, sizeof buf) > 0);
    assert_no_text(buf);
    alert_engine_free(a);
}

static void test_sealed_round_trip(void **state)
{
    (void)state;
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);
    char pk64[sodium_base64_ENCODED_LEN(sizeof pk, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(pk64, sizeof pk64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
    lw_config cfg = {.evidence_mode = LW_EVIDENCE_SEALED, .evidence_public_key = pk64};
    alert_engine *a = engine(&cfg);
    alert_input in = sample(NULL);
    static const uint8_t hostile[] = "say \"hi\"\n\x01\xff end";
    in.evidence.text = hostile;
    in.evidence.text_len = sizeof hostile - 1;
    char buf[8192];
    assert_true(render(a, &in, buf, sizeof buf) > 0);
    assert_non_null(strstr(buf, "\"evidence\":{\"mode\":\"sealed\",\"matched\":["));
    const char *start = strstr(buf, "\"sealed\":\"");
    assert_non_null(start);
    start += 10;
    const char *end = strchr(start, '"');
    unsigned char box[512], opened[512];
    size_t box_len;
    assert_int_equal(sodium_base642bin(box, sizeof box, start, (size_t)(end - start), NULL, &box_len, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    assert_int_equal(crypto_box_seal_open(opened, box, box_len, pk, sk), 0);
    opened[box_len - crypto_box_SEALBYTES] = '\0';
    assert_string_equal((char *)opened, "{\"text\":\"say \\\"hi\\\"\\n\\u0001\xef\xbf\xbd end\",\"fields\":[\"text\"]}");
    assert_null(strstr(buf, "say"));
    alert_engine_free(a);
}

static void read_file(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(out, 1, cap - 1, f);
    out[n] = '\0';
    fclose(f);
}

/* End to end with tools/leakwatch-unseal: --keygen, seal here, open there. The program is
 * built by make check ($LW_TOP_BUILDDIR/leakwatch-unseal); without it the test fails. */
static void test_unseal_program(void **state)
{
    (void)state;
    const char *top = getenv("LW_TOP_BUILDDIR");
    char tool[1024], dir[] = "/tmp/lw-unseal-XXXXXX", cmd[4096], pub[128], out[4096];
    snprintf(tool, sizeof tool, "%s/leakwatch-unseal", top ? top : ".");
    if (access(tool, X_OK) != 0)
        fail_msg("%s is not built", tool);
    assert_non_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "%s --keygen %s/k >/dev/null && test \"$(stat -c %%a %s/k.key)\" = 600", tool, dir, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/k.pub", dir);
    read_file(cmd, pub, sizeof pub);
    lw_config cfg = {.evidence_mode = LW_EVIDENCE_SEALED, .evidence_public_key = pub};
    alert_engine *a = engine(&cfg);
    alert_input in = sample(NULL);
    char rec[4096], path[1200];
    int n = render(a, &in, rec, sizeof rec);
    snprintf(path, sizeof path, "%s/alerts.json", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "%.*s\n{\"event_type\":\"stats\"}\n", n, rec);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s -k %s/k.key %s > %s/out", tool, dir, path, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/out", dir);
    read_file(cmd, out, sizeof out);
    const char *id = strstr(rec, "\"alert_id\":\"") + 12;
    char expected[512];
    snprintf(expected, sizeof expected, "{\"alert_id\":\"%.36s\",\"evidence\":{\"text\":\"%s\",\"fields\":[\"text\"]}}\n",
             id, message);
    assert_string_equal(out, expected);
    snprintf(cmd, sizeof cmd, "%s --keygen %s/other >/dev/null && %s -k %s/other.key %s 2>/dev/null >/dev/null",
             tool, dir, tool, dir, path);
    assert_int_not_equal(system(cmd), 0); /* the wrong key fails loudly */
    snprintf(cmd, sizeof cmd, "rm -r %s", dir);
    assert_int_equal(system(cmd), 0);
    alert_engine_free(a);
}

static void test_clear_mode_has_text(void **state)
{
    (void)state;
    lw_config cfg = {.evidence_mode = LW_EVIDENCE_CLEAR};
    alert_engine *a = engine(&cfg);
    alert_input in = sample(NULL);
    char buf[4096];
    assert_true(render(a, &in, buf, sizeof buf) > 0);
    assert_non_null(strstr(buf, "\"mode\":\"clear\""));
    assert_non_null(strstr(buf, "\"text\":\"Meet me at the usual place at noon, bring the documents\"}"));
    alert_engine_free(a);
}

static void test_bad_public_key(void **state)
{
    (void)state;
    const char *keys[] = {NULL, "", "not base64!", "AAAA"};
    for (size_t i = 0; i < LW_ARRAY_LEN(keys); i++) {
        lw_config cfg = {.source = "lw.yaml", .evidence_mode = LW_EVIDENCE_SEALED, .evidence_public_key = (char *)keys[i]};
        alert_engine *a = NULL;
        char err[LW_ERRBUF] = "";
        assert_int_equal(alert_engine_new(&cfg, &a, err, sizeof err), LW_ERR_USAGE);
        assert_null(a);
        assert_non_null(strstr(err, "lw.yaml: evidence"));
    }
}

/* The writer splices ,"suppressed":N in at the offset alert_render gives: the last member of
 * "alert", and the record stays valid JSON. */
static void test_suppressed_place(void **state)
{
    (void)state;
    lw_config cfg = {0};
    alert_engine *a = engine(&cfg);
    alert_input in = sample(NULL);
    char buf[4096], spliced[4200];
    size_t at;
    assert_int_equal(alert_render(a, &in, buf, 64, &at), -1); /* too small */
    int n = render(a, &in, buf, sizeof buf);
    assert_true(n > 0);
    assert_int_equal(alert_render(a, &in, buf, sizeof buf, &at), n);
    assert_true(at < (size_t)n);
    snprintf(spliced, sizeof spliced, "%.*s,\"suppressed\":3%s", (int)at, buf, buf + at);
    assert_non_null(strstr(spliced, "\"CVE-2025-47729\"]},\"suppressed\":3}")); /* last member of alert */
    assert_true(json_valid(spliced, strlen(spliced)));
    assert_null(strstr(buf, "suppressed"));
    alert_engine_free(a);
}

static void test_hostile_strings(void **state)
{
    (void)state;
    lw_config cfg = {0};
    alert_engine *a = engine(&cfg);
    dest_info dest = {.country = "\x01Z", .as_org = "Org \xc0\xaf"};
    snprintf(dest.host, sizeof dest.host, "evil\"},\"x\":{\"\n\x7f\xed\xa0\x80.example");
    alert_input in = sample(&dest);
    in.signature = "sig \\ \"quoted\"";
    char buf[4096];
    assert_true(render(a, &in, buf, sizeof buf) > 0);
    python_check(buf, "assert d[\"dest\"][\"host\"]==\"evil\\\"},\\\"x\\\":{\\\"\\n\\x7f\\ufffd\\ufffd\\ufffd.example\"\n"
                      "assert d[\"dest\"][\"as_org\"]==\"Org \\ufffd\\ufffd\" and d[\"dest\"][\"country\"]==\"\\x01Z\"\n"
                      "assert d[\"alert\"][\"signature\"]==\"sig \\\\ \\\"quoted\\\"\" and \"x\" not in d");
    alert_engine_free(a);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_shape_and_values), cmocka_unit_test(test_unknowns_are_null),
        cmocka_unit_test(test_initiator_relative_flow), cmocka_unit_test(test_host_defaults_to_hostname),
        cmocka_unit_test(test_ids_deterministic_and_unique), cmocka_unit_test(test_redacted_has_no_text),
        cmocka_unit_test(test_sealed_round_trip), cmocka_unit_test(test_unseal_program),
        cmocka_unit_test(test_clear_mode_has_text),
        cmocka_unit_test(test_bad_public_key), cmocka_unit_test(test_suppressed_place),
        cmocka_unit_test(test_hostile_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
