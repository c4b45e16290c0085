/* fuzz_json.c — the inspect stage's JSON tokenizer: every token, every string unescaped. */
#include "fuzz_util.h"
#include "inspect/json_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_scan_looks_like_json(data, size);
    json_scan js;
    json_token tok;
    json_scan_init(&js, data, size);
    uint8_t *out = malloc(size + 1);
    for (int type; (type = json_scan_next(&js, &tok)) != JSON_TOK_END && type != JSON_TOK_ERROR;) {
        if (tok.raw && (tok.raw < data || tok.raw + tok.raw_len > data + size))
            abort();
        if (type == JSON_TOK_KEY || type == JSON_TOK_STRING) {
            size_t n = json_unescape(tok.raw, tok.raw_len, out, size + 1);
            if (n > size + 1)
                abort();
            fuzz_touch(out, n);
        }
    }
    free(out);
    return 0;
}
