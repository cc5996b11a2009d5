/* Shared declarations of the fuzz harnesses. Each harness file defines LLVMFuzzerTestOneInput; it is
 * linked with libFuzzer (clang, -fsanitize=fuzzer) for fuzzing, or with standalone_main.c to replay a
 * corpus as a plain ctest test, so the corpus is exercised by every build, with or without clang. */
#ifndef SSAT_FUZZ_H
#define SSAT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property a harness checks on every input: a violation aborts, which both drivers report. */
#define FUZZ_CHECK(cond)                                                                                 \
    do {                                                                                                 \
        if (!(cond)) {                                                                                   \
            fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond);                \
            abort();                                                                                     \
        }                                                                                                \
    } while (0)

#endif
