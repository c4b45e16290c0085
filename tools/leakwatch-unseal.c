/* leakwatch-unseal — the analyst's side of sealed evidence. Reads alert records (JSON
 * lines) from files or standard input and prints, for each alert that carries
 * leak.evidence.sealed, one line {"alert_id":…,"evidence":{"text":…,"fields":[…]}} opened
 * with the X25519 secret key given by -k. `--keygen PREFIX` writes a new key pair:
 * PREFIX.pub (base64, for evidence.public_key) and PREFIX.key (base64, mode 0600); it never
 * overwrites an existing file. Exit 0 when every sealed record opened, 1 when one did not or
 * a file could not be read, 2 on usage errors. The secret key never leaves this program. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct unseal_key {
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
} unseal_key;

static void unseal_usage(FILE *out)
{
    fputs("usage: leakwatch-unseal -k SECRET_KEY_FILE [ALERTS.json ...]   (default: standard input)\n"
          "       leakwatch-unseal --keygen PREFIX   (writes PREFIX.pub and PREFIX.key)\n",
          out);
}

static int unseal_write_new(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
    if (fd < 0) {
        fprintf(stderr, "leakwatch-unseal: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t len = strlen(text);
    bool ok = write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
    if (close(fd) != 0 || !ok) {
        fprintf(stderr, "leakwatch-unseal: %s: write failed\n", path);
        return -1;
    }
    return 0;
}

static int unseal_keygen(const char *prefix)
{
    unseal_key k;
    char pub64[sodium_base64_ENCODED_LEN(sizeof k.pk, sodium_base64_VARIANT_ORIGINAL)];
    char sec64[sodium_base64_ENCODED_LEN(sizeof k.sk, sodium_base64_VARIANT_ORIGINAL)];
    char path[4096];
    crypto_box_keypair(k.pk, k.sk);
    sodium_bin2base64(pub64, sizeof pub64, k.pk, sizeof k.pk, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(sec64, sizeof sec64, k.sk, sizeof k.sk, sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(&k, sizeof k);
    snprintf(path, sizeof path, "%s.key", prefix);
    int rc = unseal_write_new(path, sec64, 0600);
    sodium_memzero(sec64, sizeof sec64);
    if (rc != 0)
        return 1;
    snprintf(path, sizeof path, "%s.pub", prefix);
    if (unseal_write_new(path, pub64, 0644) != 0)
        return 1;
    printf("%s\n", pub64);
    return 0;
}

static int unseal_load_key(const char *path, unseal_key *k)
{
    char text[256];
    size_t bin_len = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "leakwatch-unseal: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    int rc = sodium_base642bin(k->sk, sizeof k->sk, text, n, " \t\r\n", &bin_len, NULL,
                               sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(text, sizeof text);
    if (rc != 0 || bin_len != sizeof k->sk) {
        fprintf(stderr, "leakwatch-unseal: %s: not a base64 X25519 secret key (32 bytes)\n", path);
        return -1;
    }
    crypto_scalarmult_base(k->pk, k->sk);
    return 0;
}

/* The value of the first `"key":"…"` in a record, as (start, length). Inside a JSON string a
 * quote is always escaped, so this pattern can only match a real member. */
static const char *unseal_member(const char *line, const char *key, size_t *len)
{
    char pattern[32];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *start = strstr(line, pattern);
    if (!start)
        return NULL;
    start += strlen(pattern);
    const char *end = strchr(start, '"');
    if (!end)
        return NULL;
    *len = (size_t)(end - start);
    return start;
}

/* Anyone holding the public key can seal bytes: print only what leakwatch writes, one line
 * of JSON text without control bytes. */
static bool unseal_plausible(const unsigned char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] < 0x20)
            return false;
    return len > 0 && text[0] == '{';
}

/* 1 opened and printed, 0 no sealed evidence, -1 could not open. */
static int unseal_line(const unseal_key *k, const char *line)
{
    size_t b64_len, id_len = 0;
    const char *b64 = unseal_member(line, "sealed", &b64_len);
    if (!b64)
        return 0;
    const char *id = unseal_member(line, "alert_id", &id_len);
    size_t cap = b64_len / 4 * 3 + 3, box_len = 0;
    unsigned char *box = malloc(cap), *text = malloc(cap + 1);
    int rc = -1;
    if (box && text &&
        sodium_base642bin(box, cap, b64, b64_len, NULL, &box_len, NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
        box_len >= crypto_box_SEALBYTES && crypto_box_seal_open(text, box, box_len, k->pk, k->sk) == 0 &&
        unseal_plausible(text, box_len - crypto_box_SEALBYTES)) {
        printf("{\"alert_id\":\"%.*s\",\"evidence\":%.*s}\n", (int)id_len, id ? id : "",
               (int)(box_len - crypto_box_SEALBYTES), (const char *)text);
        sodium_memzero(text, box_len - crypto_box_SEALBYTES);
        rc = 1;
    }
    free(box);
    free(text);
    return rc;
}

/* Returns the number of sealed records that could not be opened, or -1 on a read error. */
static long unseal_stream(const unseal_key *k, FILE *in, const char *name)
{
    char *line = NULL;
    size_t cap = 0;
    long failed = 0, lineno = 0;
    while (getline(&line, &cap, in) >= 0) {
        lineno++;
        if (unseal_line(k, line) < 0) {
            fprintf(stderr, "leakwatch-unseal: %s:%ld: sealed evidence does not open with this key (or is not leakwatch evidence)\n", name, lineno);
            failed++;
        }
    }
    bool read_error = ferror(in);
    free(line);
    if (read_error) {
        fprintf(stderr, "leakwatch-unseal: %s: read error\n", name);
        return -1;
    }
    return failed;
}

static int unseal_files(const unseal_key *k, char **files, int n)
{
    int status = 0;
    if (n == 0)
        return unseal_stream(k, stdin, "(stdin)") == 0 ? 0 : 1;
    for (int i = 0; i < n; i++) {
        FILE *f = strcmp(files[i], "-") == 0 ? stdin : fopen(files[i], "r");
        if (!f) {
            fprintf(stderr, "leakwatch-unseal: %s: %s\n", files[i], strerror(errno));
            status = 1;
            continue;
        }
        if (unseal_stream(k, f, files[i]) != 0)
            status = 1;
        if (f != stdin)
            fclose(f);
    }
    return status;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"key", required_argument, NULL, 'k'}, {"keygen", required_argument, NULL, 'g'},
        {"help", no_argument, NULL, 'h'},      {NULL, 0, NULL, 0},
    };
    const char *key_file = NULL, *keygen = NULL;
    for (int c; (c = getopt_long(argc, argv, "k:h", options, NULL)) != -1;) {
        if (c == 'k')
            key_file = optarg;
        else if (c == 'g')
            keygen = optarg;
        else {
            unseal_usage(c == 'h' ? stdout : stderr);
            return c == 'h' ? 0 : 2;
        }
    }
    if (sodium_init() < 0) {
        fputs("leakwatch-unseal: libsodium failed to initialise\n", stderr);
        return 1;
    }
    if (keygen)
        return unseal_keygen(keygen);
    if (!key_file) {
        unseal_usage(stderr);
        return 2;
    }
    unseal_key k;
    if (unseal_load_key(key_file, &k) != 0)
        return 2;
    int status = unseal_files(&k, argv + optind, argc - optind);
    sodium_memzero(&k, sizeof k);
    return status;
}
