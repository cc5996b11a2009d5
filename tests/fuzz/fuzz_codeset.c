/* Code-set definitions from outside data (ssat_codeset_define / remove): each 8 input bytes define,
 * redefine or remove a code (text, category, flags). Properties: every call succeeds or fails cleanly
 * with the set unchanged in size; a register on the resulting set takes its one-character codes and
 * keeps possible == attended + authorised + unauthorised. */
#include "fuzz.h"

#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ssat_codeset *base = NULL, *set = NULL;
    FUZZ_CHECK(ssat_codeset_builtin("wales-2010", NULL, &base) == SSAT_OK);
    FUZZ_CHECK(ssat_codeset_copy(base, "local", &set) == SSAT_OK);
    ssat_codeset_free(base);
    for (size_t i = 0; i + 8 <= size && i < 8 * 64; i += 8) {
        char code[6] = {0};
        memcpy(code, data + i, (size_t)(data[i + 5] % 6));
        size_t before = ssat_codeset_count(set);
        ssat_status st;
        if (data[i + 6] == 0xFF)
            st = ssat_codeset_remove(set, code);
        else
            st = ssat_codeset_define(set, code, (ssat_category)(data[i + 6] % 6), (uint32_t)(data[i + 7] & 0x7F),
                                     "label", "label");
        if (st != SSAT_OK)
            FUZZ_CHECK(ssat_codeset_count(set) == before && ssat_error_message()[0] != '\0');
    }
    ssat_register *reg = NULL;
    ssat_summary *sum = NULL;
    ssat_date monday = 0;
    FUZZ_CHECK(ssat_date_from_ymd(2024, 9, 2, &monday) == SSAT_OK);
    FUZZ_CHECK(ssat_register_new(set, &reg) == SSAT_OK);
    char marks[64];
    size_t n = 0;
    for (size_t k = 0; k < ssat_codeset_count(set) && n < sizeof marks; k++) {
        const ssat_code_info *info = ssat_codeset_at(set, k);
        if (strlen(info->code) == 1)
            marks[n++] = info->code[0];
    }
    FUZZ_CHECK(ssat_register_add_marks(reg, monday, marks, n, NULL) == SSAT_OK);
    ssat_window w;
    FUZZ_CHECK(ssat_window_range(monday, monday + 60, &w) == SSAT_OK);
    FUZZ_CHECK(ssat_attendance_compute(reg, &w, &sum) == SSAT_OK);
    const ssat_totals *t = ssat_summary_totals(sum);
    FUZZ_CHECK(t->possible == t->attended + t->authorised + t->unauthorised);
    ssat_summary_free(sum);
    ssat_register_free(reg);
    ssat_codeset_free(set);
    return 0;
}
