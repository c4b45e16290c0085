/* json.h — a small JSON writer into a caller's buffer: strings always valid UTF-8 JSON
 * whatever bytes they came from (control bytes escaped, invalid UTF-8 replaced by U+FFFD).
 * Owns nothing; no allocation. */
#ifndef LW_JSON_H
#define LW_JSON_H

#include "common.h"

typedef struct json_buf {
    char *buf;
    size_t cap, len;
    bool overflow;   /* set once anything did not fit; the text is then unusable */
    bool need_comma; /* internal: a value was written at this nesting level */
} json_buf;

void json_init(json_buf *j, char *buf, size_t cap);
void json_object_begin(json_buf *j);
void json_object_end(json_buf *j);
void json_array_begin(json_buf *j);
void json_array_end(json_buf *j);
void json_key(json_buf *j, const char *key);      /* key must be plain ASCII */
void json_string(json_buf *j, const char *s);     /* NULL writes null */
void json_string_n(json_buf *j, const uint8_t *s, size_t n);
void json_uint(json_buf *j, uint64_t v);
void json_int(json_buf *j, int64_t v);
void json_double(json_buf *j, double v, int decimals);
void json_bool(json_buf *j, bool v);
void json_null(json_buf *j);
/* key + value shorthands */
void json_kv_string(json_buf *j, const char *key, const char *s);
void json_kv_uint(json_buf *j, const char *key, uint64_t v);

/* Suricata-style timestamp "2025-05-04T10:12:33.123456+0000" (UTC). buf >= 40 bytes. */
const char *json_timestamp(uint64_t ts_us, char *buf, size_t len);

#endif
