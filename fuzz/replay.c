/* replay.c — runs a fuzz harness without libFuzzer, for `make check`: every file named on the
 * command line, or with no arguments every file in $LW_TOP_SRCDIR/tests/data/fuzz/NAME (the
 * regression inputs of what the fuzzers found; NAME is given at build time), through
 * LLVMFuzzerTestOneInput once. A crash fails the test; so do a missing input directory and an
 * unreadable file. Prints "N passed, N failed". */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int failed;

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("FAIL: %s: cannot open\n", path);
        failed++;
        return 0;
    }
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap);
    for (size_t n; buf && (n = fread(buf + len, 1, cap - len, f)) > 0;) {
        len += n;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        return 0;
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    printf("PASS: %s\n", path);
    return 1;
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int passed = 0;
    for (int i = 1; i < argc; i++)
        passed += replay_file(argv[i]);
    if (argc == 1) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/tests/data/fuzz/%s", getenv("LW_TOP_SRCDIR") ? getenv("LW_TOP_SRCDIR") : ".",
                 FUZZ_NAME);
        DIR *d = opendir(dir);
        if (!d) {
            printf("FAIL: %s: no regression inputs\n0 passed, 1 failed\n", dir);
            return 1;
        }
        for (struct dirent *e; (e = readdir(d));) {
            char path[4352];
            if (e->d_name[0] == '.' || strcmp(e->d_name, "README") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            passed += replay_file(path);
        }
        closedir(d);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return passed > 0 && failed == 0 ? 0 : 1;
}
