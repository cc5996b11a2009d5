/* Dates and windows from text: ssat_date_parse and ssat_window_kind_parse accept exactly what they
 * print back. */
#include "fuzz.h"

#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[64];
    if (size >= sizeof text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    ssat_date d;
    if (ssat_date_parse(text, &d) == SSAT_OK) {
        char back[SSAT_DATE_BUFSIZE];
        FUZZ_CHECK(ssat_date_format(d, back, sizeof back) == SSAT_OK && strcmp(back, text) == 0);
    }
    ssat_window_kind kind;
    int32_t n;
    if (ssat_window_kind_parse(text, &kind, &n) == SSAT_OK) {
        char back[32];
        FUZZ_CHECK(ssat_window_kind_format(kind, n, back, sizeof back) == SSAT_OK && strcmp(back, text) == 0);
    }
    return 0;
}
