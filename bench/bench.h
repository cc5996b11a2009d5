/* What the C benchmarks share: the clock, reading a file into memory, and stopping at a failed call.
 * Header-only, so each bench stays one source file. */
#ifndef SSAT_BENCH_H
#define SSAT_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The whole file at `path` in a malloc'd block (NUL-terminated), its size in *len; exits (status 1)
 * when it cannot be read. */
static inline char *bench_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    long size = -1;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        perror(path);
        exit(1);
    }
    char *data = malloc((size_t)size + 1);
    if (data == NULL || fread(data, 1, (size_t)size, f) != (size_t)size)
        exit(1);
    fclose(f);
    data[size] = '\0';
    *len = (size_t)size;
    return data;
}

/* A libssat call that must succeed: else its message, after the bench's name (BENCH_NAME, defined by
 * the including file) and `what`, and exit status 1. */
#define BENCH_CHECK(call, what)                                                                          \
    do {                                                                                                 \
        if ((call) != SSAT_OK) {                                                                         \
            fprintf(stderr, "%s: %s: %s\n", BENCH_NAME, (what), ssat_error_message());                   \
            exit(1);                                                                                     \
        }                                                                                                \
    } while (0)

#endif
