/* json_tree.h — parses one JSON text (RFC 8259) into a tree, for tools that read leakwatch's
 * own records back (leakwatch-report). Strict: anything that is not JSON is an error; nesting
 * is bounded. Strings are decoded to UTF-8 (\u escapes, surrogate pairs; a lone surrogate
 * becomes U+FFFD) and may hold NUL bytes: use their length. Raw bytes are passed through as
 * they came: whoever prints them validates them. Owns the tree; json_tree_free releases it. */
#ifndef LW_JSON_TREE_H
#define LW_JSON_TREE_H

#include "common.h"

#define JSON_TREE_MAX_DEPTH 64

typedef enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value json_value;
struct json_value {
    json_type type;
    bool boolean;
    double number;
    char *string;               /* NUL-terminated copy; JSON_STRING only */
    size_t length;              /* of string, or items of an array/object */
    json_value **items;         /* array elements, or object member values */
    char **keys;                /* object member names (NUL-terminated, decoded) */
};

typedef struct json_tree json_tree;

/* NULL on a syntax error or when out of memory; err says what and at which byte. */
json_tree *json_tree_parse(const char *text, size_t len, char *err, size_t errlen);
const json_value *json_tree_root(const json_tree *t);
void json_tree_free(json_tree *t);

/* The member `key` of an object (the first of that name), else NULL. */
const json_value *json_member(const json_value *obj, const char *key);
/* Members by a dotted path ("alert.category"), else NULL. */
const json_value *json_path(const json_value *v, const char *path);
/* The string at path, else NULL (also when the value is not a string). */
const char *json_path_string(const json_value *v, const char *path);
/* The number at path into *out; false when absent or not a number. */
bool json_path_number(const json_value *v, const char *path, double *out);

#endif
