/* fuzz_util.h — what the libFuzzer harnesses share: an in-memory file (memfd) that holds the
 * current input under a path the loaders open like any file, and a sink that makes the
 * sanitizers read every byte a parser hands out (an out-of-bounds span then faults here). */
#ifndef LW_FUZZ_UTIL_H
#define LW_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The path of a memfd holding exactly data[0..size). One memfd per process, rewritten. */
static inline const char *fuzz_file(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("fuzz-input", 0);
        if (fd < 0)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
        abort();
    return path;
}

/* Read every byte of a span the code under test produced. */
static volatile uint8_t fuzz_sink;
static inline void fuzz_touch(const void *p, size_t n)
{
    const volatile uint8_t *b = p;
    uint8_t x = 0;
    for (size_t i = 0; i < n; i++)
        x ^= b[i];
    fuzz_sink = (uint8_t)(fuzz_sink ^ x);
}

/* A FILE that discards what is printed (listings, -T output). */
static inline FILE *fuzz_null_file(void)
{
    static FILE *f;
    if (!f && !(f = fopen("/dev/null", "w")))
        abort();
    return f;
}

#endif
