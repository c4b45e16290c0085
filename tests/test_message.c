/* test_message.c — the message decision's parts: text statistics (text.c), language
 * identification (langid.cc, CLD2), the features (features.c) on hand-built docs, the model file
 * loader (model.c: every malformed file refused with file:line), and message_assess with the
 * committed model (signatures/message-model.tsv) on cases whose answer does not depend on
 * tuning: a chat line next to its sender, a protocol-marked message, and machine data.
 * Asserts decisions, labels and verdicts; never prints text. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "inspect/message.h"

static inspect_doc tm_doc;
static feature_unit tm_units[LW_INSPECT_MAX_UNITS];

static void tm_reset(void)
{
    memset(&tm_doc, 0, sizeof tm_doc);
}

static inspect_unit *tm_unit(inspect_unit_kind kind, const char *proto, const char *field, const char *text,
                             uint16_t object_id)
{
    inspect_unit *u = &tm_doc.units[tm_doc.n_units++];
    u->kind = (uint8_t)kind;
    u->proto = proto;
    snprintf(u->field, sizeof u->field, "%s", field);
    u->data = (const uint8_t *)text;
    u->len = (uint32_t)strlen(text);
    u->object_id = object_id;
    return u;
}

/* Features of unit i of tm_doc (languages identified for every candidate first). */
static void tm_features(uint32_t i, const message_context *ctx, float x[FEATURE_COUNT])
{
    static feature_key_cache keys;
    features_prepare(&tm_doc, tm_units, &keys);
    for (uint32_t j = 0; j < tm_doc.n_units; j++)
        if (tm_units[j].candidate) {
            langid_detect(tm_doc.units[j].data, tm_doc.units[j].len, &tm_units[j].lang);
            tm_units[j].lang_done = true;
        }
    assert_true(tm_units[i].candidate);
    features_compute(&tm_doc, tm_units, i, ctx, x);
}

static void test_text_scan(void **state)
{
    (void)state;
    text_stats s;
    const char *chat = "Hey Anna, are we still on for lunch? 😀";
    text_scan((const uint8_t *)chat, strlen(chat), &s);
    assert_int_equal(s.words, 8); /* the emoji is not a word */
    assert_int_equal(s.machine_tokens, 0);
    assert_true(s.question_or_exclaim);
    assert_true(s.sentence_end);
    assert_int_equal(s.emoji, 1);
    const char *machine = "level=info ts=2024-05-01T10:00:00Z https://example.com/a/b userId";
    text_scan((const uint8_t *)machine, strlen(machine), &s);
    assert_int_equal(s.machine_tokens, 4);
    const char *doc = "First paragraph.\n\nSecond one here.\n\nThird.";
    text_scan((const uint8_t *)doc, strlen(doc), &s);
    assert_int_equal(s.paragraphs, 3);
    assert_int_equal(s.lines, 3);
    const char *tpl = "Your order {orderId} has shipped, %s";
    text_scan((const uint8_t *)tpl, strlen(tpl), &s);
    assert_true(s.placeholder);
    /* URLs and file names are not informal or questions; a face on its own and a drawn-out word are */
    static const struct {
        const char *text;
        int informal, question, machine;
    } marks[] = {{"[DOWNLOAD]: Downloading URL: http://www.example.net/setup.exe?x=1 to: setup.exe.", 0, 0, 2},
                 {"see www.example.com or config.yaml", 0, 0, 2},
                 {"that was sooo good :) really?", 1, 1, 0},
                 {"ok :/ not sure", 1, 0, 0},
                 {"e.g. this, or i.e. that!", 0, 1, 0}};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        text_scan((const uint8_t *)marks[i].text, strlen(marks[i].text), &s);
        assert_int_equal(s.informal, marks[i].informal);
        assert_int_equal(s.question_or_exclaim, marks[i].question);
        assert_int_equal(s.machine_tokens, marks[i].machine);
    }
    const char *cjk = "明天下午三点开会";
    text_scan((const uint8_t *)cjk, strlen(cjk), &s);
    assert_int_equal(s.unspaced, 8);
    assert_true(s.words >= 4);
}

static void test_langid(void **state)
{
    (void)state;
    static const struct {
        const char *text, *code;
    } cases[] = {
        {"Hallo Markus, kannst du mir bitte die Unterlagen schicken?", "de"},
        {"مرحبا كيف حالك اليوم، هل أنت بخير", "ar"},
        {"明天下午三点开会，请通知其他同事", "zh"},
        {"Привет, как дела? Увидимся вечером у метро", "ru"},
        {"שלום דנה, הפגישה עם הלקוח נדחתה ליום שלישי. אני אשלח לך את המסמכים בערב", "he"},
        {"ሰላም ጓደኛዬ፣ ነገ ጠዋት ቡና እንጠጣ?", "am"}, /* scripts CLD2's built-in table lacks */
        {"ཁྱེད་རང་སྐུ་གཟུགས་བདེ་པོ་ཡིན་པས།", "bo"},
    };
    for (size_t i = 0; i < LW_ARRAY_LEN(cases); i++) {
        langid_result r;
        langid_detect((const uint8_t *)cases[i].text, strlen(cases[i].text), &r);
        assert_string_equal(r.code, cases[i].code);
        assert_true(r.reliable);
        assert_true(r.percent > 80);
    }
    langid_result r;
    langid_detect((const uint8_t *)"3f2a9b8c7d6e5f4a3f2a", 20, &r);
    assert_string_equal(r.code, "");
    assert_false(r.reliable);
    langid_detect((const uint8_t *)"\xff\xfe bad", 6, &r); /* invalid UTF-8 */
    assert_string_equal(r.code, "");
}

static void test_features_json_record(void **state)
{
    (void)state;
    float x[FEATURE_COUNT];
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", ":method", "POST", 0);
    tm_unit(LW_UNIT_FIELD, "http", ":path", "/api/v2/rooms/8842/messages", 0);
    tm_unit(LW_UNIT_FIELD, "http", "x-user-id", "u-1234", 0);
    tm_unit(LW_UNIT_FIELD, "http", "text", "Are we still meeting at noon tomorrow?", 1);
    tm_unit(LW_UNIT_FIELD, "http", "sender", "anna@example.org", 1);
    tm_unit(LW_UNIT_FIELD, "http", "sent_at", "2025-05-04T10:12:33Z", 1);
    tm_features(3, NULL, x);
    assert_true(x[FEATURE_CTX_FIELD] == 1 && x[FEATURE_CTX_KEY_MESSAGE] == 1);
    assert_true(x[FEATURE_CTX_SIBLING_PARTY] == 1 && x[FEATURE_CTX_SIBLING_TIME] == 1);
    assert_true(x[FEATURE_CTX_PATH_MESSAGE] == 1 && x[FEATURE_CTX_PATH_PARTY] == 1);
    assert_true(x[FEATURE_CTX_WRITE_REQUEST] == 1 && x[FEATURE_CTX_HTTP_RESPONSE] == 0);
    /* a translation's "target" names a language, not a party; "to" naming a person does */
    static const char *const targets[][2] = {{"target", "en"}, {"to", "pt-BR"}, {"to", "ravi"}};
    for (int t = 0; t < 3; t++) {
        tm_reset();
        tm_unit(LW_UNIT_FIELD, "http", "q", "Where can I buy a charging cable around here?", 1);
        tm_unit(LW_UNIT_FIELD, "http", targets[t][0], targets[t][1], 1);
        tm_features(0, NULL, x);
        assert_int_equal(x[FEATURE_CTX_SIBLING_PARTY], t == 2);
    }
    assert_true(x[FEATURE_LANG_RELIABLE] == 1 && x[FEATURE_TEXT_QUESTION] == 1);
    assert_true(x[FEATURE_CTX_SIBLING_LOG_LEVEL] == 0 && x[FEATURE_CTX_OBJECT_LANGUAGES] == 0);
    for (int k = 0; k < FEATURE_COUNT; k++)
        assert_true(x[k] >= 0 && x[k] <= 1);

    /* a message board's form: its keys say nothing, its action does ("act=post", as forum software names it) */
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "cm", "Are we still meeting at noon tomorrow?", 1);
    tm_unit(LW_UNIT_FIELD, "http", "act", "post", 1);
    tm_features(0, NULL, x);
    assert_true(x[FEATURE_CTX_SIBLING_MESSAGE_WORD] == 1);
    tm_units[1] = (feature_unit){0};
    tm_doc.units[1].field[0] = 'x'; /* "x=post": no action named */
    tm_features(0, NULL, x);
    assert_true(x[FEATURE_CTX_SIBLING_MESSAGE_WORD] == 0);
}

static void test_features_documents_and_logs(void **state)
{
    (void)state;
    float x[FEATURE_COUNT];
    tm_reset(); /* an i18n bundle: one object, many keys, many languages */
    tm_unit(LW_UNIT_FIELD, "http", "greeting_en", "Welcome back to your account settings", 1);
    tm_unit(LW_UNIT_FIELD, "http", "greeting_de", "Willkommen zurück in deinen Kontoeinstellungen", 1);
    tm_unit(LW_UNIT_FIELD, "http", "greeting_fr", "Bienvenue dans les paramètres de votre compte", 1);
    tm_features(0, NULL, x);
    assert_true(x[FEATURE_CTX_OBJECT_LANGUAGES] > 0);
    assert_true(x[FEATURE_CTX_OBJECT_TEXT_KEYS] > 0);
    tm_reset(); /* a JSON log record */
    tm_unit(LW_UNIT_FIELD, "raw", "level", "warning", 1);
    tm_unit(LW_UNIT_FIELD, "raw", "message", "Connection to the upstream server was reset by peer", 1);
    tm_unit(LW_UNIT_FIELD, "raw", "code", "ECONN_RESET", 1);
    tm_features(1, NULL, x);
    assert_true(x[FEATURE_CTX_SIBLING_LOG_LEVEL] == 1 && x[FEATURE_CTX_SIBLING_ERROR] == 1);
    /* GELF: its own key says log, as does a numeric severity; a player's level says nothing */
    static const char *const logs[][4] = {{"short_message", "host", "app-7", "1"}, {"message", "severity", "3", "1"},
                                          {"message", "logger_name", "chat.delivery", "1"},
                                          {"message", "level", "12", "0"}, {"text", "player", "anna", "0"}};
    for (int i = 0; i < 5; i++) {
        tm_reset();
        tm_unit(LW_UNIT_FIELD, "raw", logs[i][0], "Connection to the upstream server was reset by peer", 1);
        tm_unit(LW_UNIT_FIELD, "raw", logs[i][1], logs[i][2], 1);
        tm_features(0, NULL, x);
        assert_int_equal(x[FEATURE_CTX_SIBLING_LOG_LEVEL], logs[i][3][0] == '1');
    }
    /* a sender naming itself a bot makes the doc's sender automated; a surname does not */
    static const char *const bots[] = {"ci-bot", "deploy_bot", "AlertBot", "github-actions[bot]"};
    static const char *const people[] = {"Talbot", "abbot", "bot", "robotics-team"};
    for (int i = 0; i < 8; i++) {
        tm_reset();
        tm_unit(LW_UNIT_FIELD, "http", "text", "Build 512 failed on main, three tests failed", 1);
        tm_unit(LW_UNIT_FIELD, "http", i < 4 ? "username" : "author", i < 4 ? bots[i] : people[i - 4], 1);
        tm_features(0, NULL, x);
        assert_int_equal(x[FEATURE_CTX_AUTOMATED_SENDER], i < 4);
    }
    /* an SMS API record from an alphanumeric sender id to a phone number: a program's; from a
     * phone number, or a name to a chat user, a person's */
    static const char *const sms[][3] = {{"ExampleApp", "+4915112345678", "1"}, {"+4915112345678", "+4915187654321", "0"},
                                         {"anna", "bob", "0"}, {"MyBankLtd", "4915112345678", "1"}, {"averylongname", "+4915112345678", "0"}};
    for (int i = 0; i < 5; i++) {
        tm_reset();
        tm_unit(LW_UNIT_FIELD, "http", "to", sms[i][1], 1);
        tm_unit(LW_UNIT_FIELD, "http", "from", sms[i][0], 1);
        tm_unit(LW_UNIT_FIELD, "http", "text", "Your code is 123456, it expires in ten minutes", 1);
        tm_features(2, NULL, x);
        assert_int_equal(tm_units[2].doc_program, sms[i][2][0] == '1');
    }
    /* one word under a party, status or kind key is a name or a value, not something said;
     * the same word under a text key, or a sentence under any key (a Chinese one under "t"),
     * stays a candidate */
    static const char *const labels[][3] = {{"status", "read", "0"}, {"to", "ravi", "0"}, {"type", "message", "0"},
                                            {"text", "ok", "1"}, {"status", "running late, sorry", "1"},
                                            /* a sentence of a script without spaces is one token, many words */
                                            {"hl", "lt", "0"}, {"lang", "pt-BR", "0"},
                                            {"t", "\xe4\xbd\xa0\xe7\xbb\x99\xe5\xa6\x88\xe5\xa6\x88\xe6\x89\x93\xe7\x94\xb5\xe8\xaf\x9d\xe4\xba\x86\xe5\x90\x97", "1"}};
    for (int i = 0; i < 8; i++) {
        static feature_key_cache keys;
        tm_reset();
        tm_unit(LW_UNIT_FIELD, "http", labels[i][0], labels[i][1], 1);
        tm_unit(LW_UNIT_FIELD, "http", "ts", "1741597242214", 1);
        features_prepare(&tm_doc, tm_units, &keys);
        assert_int_equal(tm_units[0].candidate, labels[i][2][0] == '1');
    }
    tm_reset(); /* a room named like a bot is not the sender */
    tm_unit(LW_UNIT_FIELD, "http", "text", "Build 512 failed on main, three tests failed", 1);
    tm_unit(LW_UNIT_FIELD, "http", "channel", "ci-bot", 1);
    tm_features(0, NULL, x);
    assert_int_equal(x[FEATURE_CTX_AUTOMATED_SENDER], 0);
}

static void test_features_conversation(void **state)
{
    (void)state;
    float x[FEATURE_COUNT];
    tm_reset();
    tm_unit(LW_UNIT_TEXT, "raw", "line", "hello, anyone there tonight?", 0)->framing = LW_FRAMING_LINES;
    tm_unit(LW_UNIT_TEXT, "raw", "line", "yes I am here, what's up", 0)->framing = LW_FRAMING_LINES;
    tm_unit(LW_UNIT_TEXT, "raw", "line", "hello, anyone there tonight?", 0)->framing = LW_FRAMING_LINES;
    message_context human = {.records = 5, .peer_records = 4, .human_gaps = 4};
    tm_features(0, &human, x);
    assert_true(x[FEATURE_CTX_LINE_FRAMING] == 1 && x[FEATURE_CTX_EXTRACTED] == 1);
    assert_true(x[FEATURE_CONV_BOTH_SIDES] == 1 && x[FEATURE_CONV_HUMAN_GAPS] == 1);
    assert_true(x[FEATURE_CONV_VARYING] > 0 && x[FEATURE_CONV_REPEATS] > 0.3f && x[FEATURE_CONV_REPEATS] < 0.4f);
    message_context probe = {.datagram = true, .records = 10, .peer_records = 10, .fast_replies = 10,
                             .prior_texts = 1, .prior_repeats = 9};
    tm_doc.bytes_inspected = 40; /* a 12-byte header, then the 28 bytes of the text */
    tm_features(0, &probe, x);
    assert_true(x[FEATURE_CTX_DATAGRAM] == 1 && x[FEATURE_CONV_FAST_REPLIES] == 1 && x[FEATURE_CONV_REPEATS] > 0.7f);
    assert_float_equal(x[FEATURE_CTX_DATAGRAM_TEXT], 0.7f, 0.001f);
    tm_features(0, &human, x); /* a stream's lines: no datagram to cover */
    assert_true(x[FEATURE_CTX_DATAGRAM_TEXT] == 0);
}

/* Words people address each other with, in scripts with and without spaces, whatever the case;
 * a report has none. */
static void test_features_conversation_words(void **state)
{
    (void)state;
    static const char *const chats[] = {"나는 내일 늦을 것 같아", "ㅋㅋㅋ 진짜 웃기다", "நான் நாளை வருவேன்",
                                        "Čau, uvidíme se zítra", "Ես ուշանում եմ", "ខ្ញុំនឹងមកដល់ឆាប់ៗ",
                                        "Мен үйге келдім", "میں کل آؤں گا"};
    static const char *const other[] = {"Quarterly revenue grew in all regions", "내일 오전 서버 점검이 예정되어 있습니다",
                                        "Zítra bude zavřeno", "கணக்கு அறிக்கை இணைக்கப்பட்டுள்ளது"};
    float x[FEATURE_COUNT];
    for (size_t i = 0; i < LW_ARRAY_LEN(chats) + LW_ARRAY_LEN(other); i++) {
        tm_reset();
        tm_unit(LW_UNIT_TEXT, "raw", "line", i < LW_ARRAY_LEN(chats) ? chats[i] : other[i - LW_ARRAY_LEN(chats)], 0);
        tm_features(0, NULL, x);
        assert_int_equal(x[FEATURE_TEXT_CONVERSATIONAL], i < LW_ARRAY_LEN(chats));
    }
}

/* ---- the model file ---- */

static char tm_model_dir[64];

static const char *tm_write_model(const char *name, const char *extra, bool skip_last)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", tm_model_dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "# a test model\n# fitted: by hand\nthreshold\t0.5\nbias\t-1\n");
    for (int i = 0; i < FEATURE_COUNT - (skip_last ? 1 : 0); i++)
        fprintf(f, "%s\t%d.5\n", feature_names[i], i % 3);
    fputs(extra, f);
    fclose(f);
    return path;
}

/* A model with hidden units: every feature line carries 1 + H numbers, "hidden" comes first. */
static const char *tm_write_hidden_model(const char *name, const char *hidden, int numbers)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", tm_model_dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "threshold\t0\nbias\t-1\n%shidden_bias\t0.5\t-0.5\nhidden_out\t2\t-1\n", hidden);
    for (int i = 0; i < FEATURE_COUNT; i++) {
        bool lang = i == FEATURE_LANG_RELIABLE, text = i == FEATURE_TEXT_WORDS;
        fprintf(f, "%s", feature_names[i]);
        for (int k = 0; k < numbers; k++)
            fprintf(f, "\t%g", k == 0 ? (text ? 1.0 : 0.0) : lang ? (k == 1 ? 1.0 : -2.0) : 0.0);
        fputc('\n', f);
    }
    fclose(f);
    return path;
}

static void test_model_hidden_units(message_model *m)
{
    char err[LW_ERRBUF];
    assert_int_equal(message_model_load(tm_write_hidden_model("h.tsv", "hidden\t2\n", 3), m, err, sizeof err), LW_OK);
    assert_int_equal(m->n_hidden, 2);
    float x[FEATURE_COUNT] = {0};
    x[FEATURE_TEXT_WORDS] = 1;
    float none = -1 + 1 + 2 * tanhf(0.5f) - tanhf(-0.5f);
    assert_float_equal(message_model_logit(m, x), none, 1e-6);
    x[FEATURE_LANG_RELIABLE] = 1;
    float reliable = -1 + 1 + 2 * tanhf(1.5f) - tanhf(-2.5f);
    assert_float_equal(message_model_logit(m, x), reliable, 1e-6);
    float least, most; /* the language feature anywhere in [0, 1]: its two ends bound the logit */
    message_model_language_range(m, x, &least, &most);
    assert_float_equal(least, none, 1e-6);
    assert_float_equal(most, reliable, 1e-6);
    assert_int_equal(message_model_load(tm_write_hidden_model("h1.tsv", "hidden\t2\n", 1), m, err, sizeof err),
                     LW_ERR_USAGE);
    assert_non_null(strstr(err, "expected 3 numbers"));
    assert_int_equal(message_model_load(tm_write_hidden_model("h0.tsv", "", 1), m, err, sizeof err), LW_ERR_USAGE);
    assert_non_null(strstr(err, "without a \"hidden\" line"));
    assert_int_equal(message_model_load(tm_write_hidden_model("h99.tsv", "hidden\t99\n", 3), m, err, sizeof err),
                     LW_ERR_USAGE);
    assert_non_null(strstr(err, "1 to 16 units"));
}

static void test_model_file(void **state)
{
    (void)state;
    message_model m;
    char err[LW_ERRBUF];
    snprintf(tm_model_dir, sizeof tm_model_dir, "/tmp/lw-test-model-XXXXXX");
    assert_non_null(mkdtemp(tm_model_dir));
    assert_int_equal(message_model_load(tm_write_model("good.tsv", "", false), &m, err, sizeof err), LW_OK);
    assert_true(m.threshold == 0.5f && m.bias == -1.0f && m.weights[1] == 1.5f);
    assert_string_equal(m.source, "by hand");
    float x[FEATURE_COUNT] = {0};
    x[1] = 1;
    assert_true(message_model_logit(&m, x) == 0.5f);
    assert_int_equal(message_model_load(tm_write_model("missing.tsv", "", true), &m, err, sizeof err), LW_ERR_USAGE);
    assert_non_null(strstr(err, "no weight for feature"));
    assert_int_equal(message_model_load(tm_write_model("unknown.tsv", "shoe_size\t1\n", false), &m, err, sizeof err),
                     LW_ERR_USAGE);
    assert_non_null(strstr(err, ":"));
    assert_non_null(strstr(err, "unknown feature \"shoe_size\""));
    assert_int_equal(message_model_load(tm_write_model("twice.tsv", "bias\t2\n", false), &m, err, sizeof err),
                     LW_ERR_USAGE);
    assert_non_null(strstr(err, "given twice"));
    assert_int_equal(message_model_load(tm_write_model("nan.tsv", "", false), &m, err, sizeof err), LW_OK);
    assert_int_equal(message_model_load(tm_write_model("bad.tsv", "lang_known\tlots\n", false), &m, err, sizeof err),
                     LW_ERR_USAGE);
    assert_non_null(strstr(err, "not a number"));
    assert_int_equal(message_model_load("/nonexistent/model.tsv", &m, err, sizeof err), LW_ERR_USAGE);
    test_model_hidden_units(&m);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tm_model_dir);
    assert_int_equal(system(cmd), 0);
}

/* ---- decisions with the committed model ---- */

static message_model tm_model;
static message_assessor *tm_assessor;

static bool tm_has_label(const message_assessment *a, const char *label)
{
    for (uint32_t i = 0; i < a->n_matched; i++)
        if (strcmp(a->matched[i], label) == 0)
            return true;
    return false;
}

static void test_assess_clear_cases(void **state)
{
    (void)state;
    message_assessment a;
    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", ":method", "POST", 0);
    tm_unit(LW_UNIT_FIELD, "http", ":path", "/api/chat.postMessage", 0);
    tm_unit(LW_UNIT_FIELD, "http", "channel", "C024BE91L", 1);
    tm_unit(LW_UNIT_FIELD, "http", "text", "Can you send me the slides before the call? Thanks!", 1);
    tm_unit(LW_UNIT_FIELD, "http", "ts", "1710265993.377602", 1);
    message_assess(tm_assessor, &tm_model, &tm_doc, NULL, &a);
    assert_true(a.is_message);
    assert_true(tm_has_label(&a, "json-key:text"));
    assert_string_equal(a.language, "en");
    assert_int_equal(a.verdict, LW_VERDICT_PLAINTEXT);
    assert_int_equal(a.n_text_units, 1);
    assert_int_equal(a.text_units[0], 3);

    tm_reset();
    tm_unit(LW_UNIT_MESSAGE, "irc", "privmsg", "bin gleich da, stehe noch im Stau", 0)->layers = LW_LAYER_WS_MASK;
    message_assess(tm_assessor, &tm_model, &tm_doc, NULL, &a);
    assert_true(a.is_message);
    assert_true(tm_has_label(&a, "irc:privmsg"));
    assert_int_equal(a.verdict, LW_VERDICT_ENCODED);

    tm_reset();
    tm_unit(LW_UNIT_FIELD, "http", "uptime", "123456", 1);
    tm_unit(LW_UNIT_FIELD, "http", "session", "3f2a9b8c7d6e5f4a3f2a9b8c", 1);
    tm_unit(LW_UNIT_FIELD, "http", "url", "https://cdn.example.com/a/b/c.js", 1);
    message_assess(tm_assessor, &tm_model, &tm_doc, NULL, &a);
    assert_false(a.is_message);
    assert_int_equal(a.n_matched, 0);
    assert_int_equal(a.text_length, 0);
}

static int tm_setup(void **state)
{
    (void)state;
    char path[512], err[LW_ERRBUF];
    const char *top = getenv("LW_TOP_SRCDIR") ? getenv("LW_TOP_SRCDIR") : getenv("srcdir") ? getenv("srcdir") : ".";
    snprintf(path, sizeof path, "%s/signatures/message-model.tsv", top);
    if (message_model_load(path, &tm_model, err, sizeof err) != LW_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    tm_assessor = message_assessor_new();
    return tm_assessor == NULL;
}

static int tm_teardown(void **state)
{
    (void)state;
    message_assessor_free(tm_assessor);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_scan),
        cmocka_unit_test(test_langid),
        cmocka_unit_test(test_features_json_record),
        cmocka_unit_test(test_features_documents_and_logs),
        cmocka_unit_test(test_features_conversation),
        cmocka_unit_test(test_features_conversation_words),
        cmocka_unit_test(test_model_file),
        cmocka_unit_test(test_assess_clear_cases),
    };
    return cmocka_run_group_tests(tests, tm_setup, tm_teardown);
}
