/* test_verdict.c — verdict_classify on generated inputs of 16 B … 64 KiB: random bytes
 * (fixed-seed PRNG), zlib and gzip streams of text, base64 and hex of random bytes, and
 * UTF-8 text in English, Russian, Chinese and Arabic built from word lists. Asserts the
 * verdict for every sample at every size and prints a confusion table (counts only). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <cmocka.h>

#include "inspect/verdict.h"

#ifndef TV_SAMPLES
#define TV_SAMPLES 20
#endif
#define TV_MAX (64 * 1024)

static const size_t tv_sizes[] = {16, 32, 64, 128, 256, 1024, 4096, 16384, 65536};

static uint64_t tv_state;

static uint32_t tv_rand(void)
{
    tv_state ^= tv_state << 13;
    tv_state ^= tv_state >> 7;
    tv_state ^= tv_state << 17;
    return (uint32_t)(tv_state >> 11);
}

static const char *const tv_english[] = {
    "the", "meeting", "is", "moved", "to", "tomorrow", "morning", "please", "send", "me", "your", "notes",
    "before", "we", "call", "the", "client", "about", "their", "budget", "and", "I", "think", "that",
    "should", "work", "for", "everyone", "let", "know", "if", "you", "need", "anything", "else", "from",
    "our", "side", "thanks", "again", "quarterly", "report", "looks", "good", "but", "numbers", "late"};
static const char *const tv_russian[] = {
    "привет", "как", "дела", "встреча", "перенесена", "на", "завтра", "утром", "пожалуйста", "пришли",
    "мне", "свои", "заметки", "до", "звонка", "клиенту", "насчёт", "бюджета", "я", "думаю", "что",
    "это", "подойдёт", "всем", "спасибо", "отчёт", "выглядит", "хорошо", "но", "цифры", "опаздывают"};
static const char *const tv_chinese[] = {
    "你好", "会议", "改到", "明天", "上午", "请把", "你的", "笔记", "发给我", "在我们", "给客户",
    "打电话", "之前", "关于", "预算", "我觉得", "这样", "对大家", "都可以", "谢谢", "季度报告",
    "看起来", "不错", "但是", "数字", "来晚了", "，", "。", "我们", "需要"};
static const char *const tv_arabic[] = {
    "مرحبا", "كيف", "حالك", "تم", "نقل", "الاجتماع", "إلى", "صباح", "الغد", "من", "فضلك", "أرسل",
    "لي", "ملاحظاتك", "قبل", "أن", "نتصل", "بالعميل", "بشأن", "الميزانية", "أعتقد", "هذا", "يناسب",
    "الجميع", "شكرا", "التقرير", "يبدو", "جيدا", "لكن", "الأرقام", "متأخرة"};

typedef struct tv_language {
    const char *const *words;
    size_t n;
    bool spaces;
} tv_language;

static const tv_language tv_languages[] = {
    {tv_english, LW_ARRAY_LEN(tv_english), true},
    {tv_russian, LW_ARRAY_LEN(tv_russian), true},
    {tv_chinese, LW_ARRAY_LEN(tv_chinese), false},
    {tv_arabic, LW_ARRAY_LEN(tv_arabic), true},
};

static size_t tv_text(const tv_language *lang, uint8_t *out, size_t n)
{
    size_t len = 0;
    while (len < n) {
        const char *w = lang->words[tv_rand() % lang->n];
        size_t wl = strlen(w);
        memcpy(out + len, w, wl);
        len += wl;
        if (tv_rand() % 9 == 0)
            out[len++] = lang->spaces ? '.' : '\n';
        if (lang->spaces)
            out[len++] = ' ';
    }
    return n; /* cut mid-word or mid-character, as streams are */
}

static void tv_random(uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)tv_rand();
}

static void tv_base64(uint8_t *out, size_t n)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)alphabet[tv_rand() % 64];
}

static void tv_hex(uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)"0123456789abcdef"[tv_rand() % 16];
}

/* A zlib (window_bits 15) or gzip (31) stream of English text, cut to n bytes. */
static void tv_deflate(uint8_t *out, size_t n, int window_bits)
{
    size_t text_cap = 8 * n + 4096;
    uint8_t *text = malloc(text_cap + 64), *packed = malloc(text_cap + 1024);
    assert_non_null(text);
    assert_non_null(packed);
    size_t text_len = tv_text(&tv_languages[0], text, text_cap);
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = text;
    z.avail_in = (uInt)text_len;
    z.next_out = packed;
    z.avail_out = (uInt)(text_cap + 1024);
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    assert_true(z.total_out >= n);
    memcpy(out, packed, n);
    deflateEnd(&z);
    free(text);
    free(packed);
}

enum { TV_RANDOM, TV_ZLIB, TV_GZIP, TV_BASE64, TV_HEX, TV_ENGLISH, TV_RUSSIAN, TV_CHINESE, TV_ARABIC, TV_KINDS };
static const char *const tv_kind_names[] = {"random", "zlib", "gzip", "base64", "hex",
                                            "english", "russian", "chinese", "arabic"};
static const lw_verdict tv_expected[] = {LW_VERDICT_ENCRYPTED, LW_VERDICT_COMPRESSED, LW_VERDICT_COMPRESSED,
                                         LW_VERDICT_ENCODED,   LW_VERDICT_ENCODED,    LW_VERDICT_PLAINTEXT,
                                         LW_VERDICT_PLAINTEXT, LW_VERDICT_PLAINTEXT,  LW_VERDICT_PLAINTEXT};

static size_t tv_make(int kind, uint8_t *buf, size_t n)
{
    switch (kind) {
    case TV_RANDOM: tv_random(buf, n); return n;
    case TV_ZLIB: tv_deflate(buf, n, 15); return n;
    case TV_GZIP: tv_deflate(buf, n, 31); return n;
    case TV_BASE64: tv_base64(buf, n); return n;
    case TV_HEX: tv_hex(buf, n); return n;
    default: return tv_text(&tv_languages[kind - TV_ENGLISH], buf, n);
    }
}

static void test_confusion_table(void **state)
{
    (void)state;
    uint8_t *buf = malloc(TV_MAX + 128); /* tv_text writes up to a word past n */
    unsigned table[TV_KINDS][5] = {{0}}, errors = 0, total = 0;
    assert_non_null(buf);
    tv_state = 0x9e3779b97f4a7c15ull;
    for (int kind = 0; kind < TV_KINDS; kind++)
        for (size_t s = 0; s < LW_ARRAY_LEN(tv_sizes); s++)
            for (int i = 0; i < TV_SAMPLES; i++) {
                size_t len = tv_make(kind, buf, tv_sizes[s]);
                lw_verdict v = verdict_classify(buf, len, NULL);
                table[kind][v]++;
                total++;
                if (v != tv_expected[kind]) {
                    errors++;
                    printf("  miss: %s %zu B -> %s\n", tv_kind_names[kind], len, lw_verdict_name(v));
                }
            }
    printf("  %-8s %9s %9s %9s %9s %9s\n", "input", "unknown", "plaintext", "encoded", "compress", "encrypted");
    for (int kind = 0; kind < TV_KINDS; kind++)
        printf("  %-8s %9u %9u %9u %9u %9u\n", tv_kind_names[kind], table[kind][0], table[kind][1], table[kind][2],
               table[kind][3], table[kind][4]);
    printf("  errors: %u of %u (%.2f %%)\n", errors, total, 100.0 * errors / total);
    free(buf);
    assert_int_equal(errors, 0);
}

static void test_random_entropy_reference(void **state)
{
    (void)state;
    /* Monte Carlo means from library-facts §6.2. */
    assert_float_equal(verdict_random_entropy(16), 3.943, 0.01);
    assert_float_equal(verdict_random_entropy(64), 5.764, 0.01);
    assert_float_equal(verdict_random_entropy(256), 7.175, 0.01);
    assert_float_equal(verdict_random_entropy(1024), 7.808, 0.01);
    assert_float_equal(verdict_random_entropy(1460), 7.869, 0.01);
    assert_float_equal(verdict_random_entropy(1 << 20), 7.99982, 0.0001);
    assert_true(verdict_random_entropy(65536) < verdict_random_entropy(65537) + 1e-4);
}

static void test_short_and_edge_inputs(void **state)
{
    (void)state;
    verdict_detail d;
    assert_int_equal(verdict_classify((const uint8_t *)"hello", 5, &d), LW_VERDICT_UNKNOWN);
    assert_int_equal(verdict_classify(NULL, 100, NULL), LW_VERDICT_UNKNOWN);
    assert_int_equal(verdict_classify((const uint8_t *)"hey there", 9, &d), LW_VERDICT_PLAINTEXT);
    /* invalid UTF-8 (lone continuation bytes, overlong) is not text */
    const uint8_t junk[] = {0xc0, 0xaf, 0x80, 0x80, 0xff, 0xfe, 0xc1, 0xbf, 0x90, 0x91, 0x92, 0x93};
    assert_int_not_equal(verdict_classify(junk, sizeof junk, &d), LW_VERDICT_PLAINTEXT);
    assert_true(d.utf8_ratio < 0.01f);
    const char *png = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_int_equal(verdict_classify((const uint8_t *)png, 16, &d), LW_VERDICT_COMPRESSED);
    assert_string_equal(d.magic, "png");
    const char *b64 = "SGVsbG8gd29ybGQsIGhvdyBhcmUgeW91IGRvaW5nPw==";
    assert_int_equal(verdict_classify((const uint8_t *)b64, strlen(b64), &d), LW_VERDICT_ENCODED);
    assert_string_equal(d.alphabet, "base64");
    const char *number = "12345678901234567890";
    assert_int_equal(verdict_classify((const uint8_t *)number, strlen(number), &d), LW_VERDICT_PLAINTEXT);
    const char *x = "x^ this starts like a zlib header";
    assert_int_equal(verdict_classify((const uint8_t *)x, strlen(x), &d), LW_VERDICT_PLAINTEXT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_entropy_reference),
        cmocka_unit_test(test_short_and_edge_inputs),
        cmocka_unit_test(test_confusion_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
