/* Terms and closures files (ssat_calendar_import_terms / _closures): the first byte chooses which; the
 * import either replaces the calendar's terms (or adds closures) completely or leaves it as it was. */
#include "fuzz.h"

#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The calendar as comparable numbers: its terms and which days are school days. */
static uint64_t fingerprint(const ssat_calendar *cal)
{
    uint64_t h = 1469598103934665603u;
    ssat_date first = 0, last = 0, d;
    for (size_t i = 0; i < ssat_calendar_term_count(cal); i++) {
        const char *name = NULL;
        FUZZ_CHECK(ssat_calendar_term_at(cal, i, &name, &first, &last) == SSAT_OK);
        h = (h ^ (uint64_t)(first * 31 + last) ^ strlen(name)) * 1099511628211u;
    }
    FUZZ_CHECK(ssat_date_from_ymd(2024, 8, 1, &first) == SSAT_OK && ssat_date_from_ymd(2025, 7, 31, &last) == SSAT_OK);
    for (d = first; d <= last; d++) {
        int32_t school = 0;
        FUZZ_CHECK(ssat_calendar_is_school_day(cal, d, &school) == SSAT_OK);
        h = (h ^ (uint64_t)school) * 1099511628211u;
    }
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    ssat_calendar *cal = NULL;
    ssat_problems *problems = NULL;
    FUZZ_CHECK(ssat_calendar_new(2024, NULL, &cal) == SSAT_OK && ssat_problems_new(&problems, NULL) == SSAT_OK);
    uint64_t before = fingerprint(cal);
    const char *file = (const char *)data + 1;
    ssat_status st = (data[0] & 1) ? ssat_calendar_import_closures(cal, file, size - 1, "closures.csv", problems)
                                   : ssat_calendar_import_terms(cal, file, size - 1, "terms.csv", problems);
    FUZZ_CHECK(st == SSAT_OK || st == SSAT_ERR_INVALID_DATA);
    if (st != SSAT_OK)
        FUZZ_CHECK(fingerprint(cal) == before && ssat_problems_error_count(problems) > 0);
    ssat_problems_free(problems);
    ssat_calendar_free(cal);
    return 0;
}
