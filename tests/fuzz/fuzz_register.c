/* Registers from outside data: the first two bytes choose a start day and the code set, the rest is a
 * wide run of marks (ssat_register_add_marks). Whatever the bytes, the call either adds every mark or
 * none (with its problems), and the register then validates, summarises with the invariant
 * possible == attended + authorised + unauthorised, and evaluates every rule without failing. */
#include "fuzz.h"

#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void evaluate(const ssat_register *reg, const ssat_policy *policy)
{
    ssat_calendar *cal = NULL;
    ssat_problems *problems = NULL;
    ssat_summary *sum = NULL;
    ssat_decision *d = NULL;
    ssat_date as_of = 0;
    ssat_window ytd;
    FUZZ_CHECK(ssat_date_from_ymd(2025, 7, 18, &as_of) == SSAT_OK);
    FUZZ_CHECK(ssat_calendar_new(2024, NULL, &cal) == SSAT_OK && ssat_problems_new(&problems, NULL) == SSAT_OK);
    FUZZ_CHECK(ssat_register_validate(reg, cal, problems, NULL) == SSAT_OK);
    FUZZ_CHECK(ssat_calendar_window_year_to_date(cal, as_of, &ytd) == SSAT_OK);
    FUZZ_CHECK(ssat_attendance_compute(reg, &ytd, &sum) == SSAT_OK);
    const ssat_totals *t = ssat_summary_totals(sum);
    FUZZ_CHECK(t->possible == t->attended + t->authorised + t->unauthorised);
    FUZZ_CHECK(ssat_referral_evaluate(policy, reg, cal, NULL, as_of, &d) == SSAT_OK);
    ssat_decision_free(d);
    FUZZ_CHECK(ssat_absence_evaluate(policy, reg, cal, as_of, &d) == SSAT_OK);
    ssat_decision_free(d);
    FUZZ_CHECK(ssat_penalty_evaluate(policy, reg, cal, NULL, NULL, as_of, &d) == SSAT_OK);
    ssat_decision_free(d);
    ssat_summary_free(sum);
    ssat_problems_free(problems);
    ssat_calendar_free(cal);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int england = data[1] & 1;
    ssat_policy *policy = NULL;
    ssat_codeset *codes = NULL;
    ssat_register *reg = NULL;
    ssat_problems *problems = NULL;
    ssat_date start = 0;
    /* Mondays from 2 September 2024 on, so the run is always legal to start. */
    FUZZ_CHECK(ssat_date_from_ymd(2024, 9, 2, &start) == SSAT_OK);
    start += 7 * (data[0] % 40);
    FUZZ_CHECK(ssat_policy_builtin(england ? "england-2024" : "carmarthenshire", NULL, &policy) == SSAT_OK);
    FUZZ_CHECK(ssat_codeset_builtin(england ? "england-2024" : "wales-2010", NULL, &codes) == SSAT_OK);
    FUZZ_CHECK(ssat_register_new(codes, &reg) == SSAT_OK && ssat_problems_new(&problems, NULL) == SSAT_OK);
    ssat_status st = ssat_register_add_marks(reg, start, (const char *)data + 2, size - 2, problems);
    FUZZ_CHECK(st == SSAT_OK || st == SSAT_ERR_INVALID_DATA);
    FUZZ_CHECK((st == SSAT_OK) == (ssat_problems_count(problems) == 0));
    if (st != SSAT_OK)
        FUZZ_CHECK(ssat_register_entry_count(reg) == 0); /* all or nothing */
    evaluate(reg, policy);
    ssat_problems_free(problems);
    ssat_register_free(reg);
    ssat_codeset_free(codes);
    ssat_policy_free(policy);
    return 0;
}
