/* Random event sequences on a case: each 4 input bytes choose an event, how many days later it comes,
 * a parent and a detail. Properties: an event that is refused changes nothing (the saved document is
 * byte-identical); after the sequence the case saves and loads back equal and its trail replays to it. */
#include "fuzz.h"

#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const details[] = {NULL, "attended", "not_attended", "psp", "idp", "attendance_concern",
                                      "s444(1)", "s444(1A)", "mentoring", "improved"};

static char *save(const ssat_case *c)
{
    char *text = NULL;
    FUZZ_CHECK(ssat_case_to_json(c, &text) == SSAT_OK);
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ssat_policy *policy = NULL;
    ssat_codeset *codes = NULL;
    ssat_register *reg = NULL;
    ssat_calendar *cal = NULL;
    ssat_case *c = NULL;
    ssat_date day = 0, dob = 0;
    FUZZ_CHECK(ssat_policy_builtin("carmarthenshire", NULL, &policy) == SSAT_OK);
    FUZZ_CHECK(ssat_codeset_builtin("wales-2010", NULL, &codes) == SSAT_OK && ssat_register_new(codes, &reg) == SSAT_OK);
    FUZZ_CHECK(ssat_calendar_new(2024, NULL, &cal) == SSAT_OK);
    FUZZ_CHECK(ssat_date_from_ymd(2024, 9, 2, &day) == SSAT_OK && ssat_date_from_ymd(2012, 5, 1, &dob) == SSAT_OK);
    /* A term of poor attendance, so that referral and penalty guards can pass. */
    char marks[300];
    for (size_t i = 0; i < sizeof marks; i++)
        marks[i] = (i % 5 == 0) ? 'O' : (i % 2 == 0 ? '/' : '\\');
    FUZZ_CHECK(ssat_register_add_marks(reg, day, marks, sizeof marks, NULL) == SSAT_OK);
    FUZZ_CHECK(ssat_case_new("P1", policy, &c) == SSAT_OK);
    FUZZ_CHECK(ssat_pupil_set_date_of_birth(ssat_case_pupil(c), dob) == SSAT_OK);
    FUZZ_CHECK(ssat_pupil_set_fact(ssat_case_pupil(c), SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES) == SSAT_OK);
    size_t nevents = ssat_case_event_count();
    for (size_t i = 0; i + 4 <= size && i < 4 * 64; i += 4) {
        const char *event = ssat_case_event_at(data[i] % nevents);
        day += data[i + 1] % 20;
        const char *parent = (data[i + 2] & 3) == 0 ? NULL : (data[i + 2] & 1) ? "M1" : "F1";
        const char *detail = details[data[i + 3] % (sizeof details / sizeof details[0])];
        char *before = save(c);
        ssat_decision *refusal = NULL;
        ssat_case_event e = SSAT_CASE_EVENT_INIT;
        e.event = event;
        e.date = day;
        e.actor = "Ms Jones";
        e.role = "Head of Year";
        e.parent_id = parent;
        e.detail = detail;
        e.reg = reg;
        e.calendar = cal;
        ssat_status st = ssat_case_apply_event(c, &e, &refusal);
        FUZZ_CHECK(st == SSAT_OK || st == SSAT_ERR_STATE || st == SSAT_ERR_INVALID_ARG);
        if (st != SSAT_OK) {
            char *after = save(c);
            FUZZ_CHECK(strcmp(before, after) == 0); /* refused: nothing changed */
            ssat_free(after);
        }
        ssat_decision_free(refusal);
        ssat_free(before);
    }
    char *text = save(c);
    ssat_case *loaded = NULL, *replayed = NULL;
    FUZZ_CHECK(ssat_case_from_json(text, strlen(text), policy, &loaded) == SSAT_OK && ssat_case_equal(c, loaded));
    FUZZ_CHECK(ssat_case_replay(c, &replayed) == SSAT_OK && ssat_case_equal(c, replayed));
    ssat_case_free(replayed);
    ssat_case_free(loaded);
    ssat_free(text);
    ssat_case_free(c);
    ssat_calendar_free(cal);
    ssat_register_free(reg);
    ssat_codeset_free(codes);
    ssat_policy_free(policy);
    return 0;
}
