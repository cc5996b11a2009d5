/* What the import harnesses (fuzz_csv.c, fuzz_ctf.c) check alike: an import commits everything or
 * leaves the school as it was, and a chunked feed gives the same school as a single one, every
 * register of which evaluates (possible = attended + authorised + unauthorised). */
#ifndef SSAT_FUZZ_IMPORT_CHECKS_H
#define SSAT_FUZZ_IMPORT_CHECKS_H

#include "fuzz.h"

#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A fresh school of `codes` and a problem list for one import. */
static inline void fuzz_import_start(const ssat_codeset *codes, ssat_school **school, ssat_problems **problems)
{
    FUZZ_CHECK(ssat_school_new(codes, school) == SSAT_OK && ssat_problems_new(problems, NULL) == SSAT_OK);
}

/* The finish status `st` of an import into `school`: a commit, or a refusal that left it empty. */
static inline void fuzz_import_outcome(ssat_status st, const ssat_school *school, const ssat_problems *problems)
{
    FUZZ_CHECK(st == SSAT_OK || st == SSAT_ERR_INVALID_DATA);
    if (st != SSAT_OK)
        FUZZ_CHECK(ssat_school_count(school) == 0 && ssat_problems_error_count(problems) > 0); /* all or nothing */
}

/* Two imports of one file (statuses sa, sb; problems pa, pb) gave the same schools, whose registers
 * all evaluate. */
static inline void fuzz_same_schools(ssat_status sa, ssat_status sb, size_t pa, size_t pb, const ssat_school *a,
                                     const ssat_school *b)
{
    FUZZ_CHECK(sa == sb && pa == pb && ssat_school_count(a) == ssat_school_count(b));
    for (size_t i = 0; i < ssat_school_count(a); i++) {
        FUZZ_CHECK(strcmp(ssat_school_pupil_id(a, i), ssat_school_pupil_id(b, i)) == 0);
        const ssat_register *reg = ssat_school_register(a, i);
        ssat_window span;
        ssat_summary *sum = NULL;
        if (ssat_register_span(reg, &span) == SSAT_OK) {
            FUZZ_CHECK(ssat_attendance_compute(reg, &span, &sum) == SSAT_OK);
            const ssat_totals *t = ssat_summary_totals(sum);
            FUZZ_CHECK(t->possible == t->attended + t->authorised + t->unauthorised);
            ssat_summary_free(sum);
        }
    }
}

#endif
