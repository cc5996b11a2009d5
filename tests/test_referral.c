/* Tests of lib/rules/referral.c: each SSAT referral criterion at, just above and just below its boundary, the
 * not-evaluable window, unknown facts, the overall outcome, every error path, and memory failures. */
#include "support.h"

#include "rules_fixture.h"

static void evaluate(fixture *f, ssat_date as_of)
{
    ssat_decision_free(f->decision);
    f->decision = NULL;
    assert_ok(ssat_referral_evaluate(f->policy, f->reg, f->calendar, f->pupil, as_of, &f->decision));
    assert_string_equal(ssat_decision_kind(f->decision), "referral");
}

/* 380 possible sessions of which `attended` present, the rest authorised (illness). */
static void fill_attendance(fixture *f, int attended)
{
    fixture_add(f, "/", attended);
    fixture_add(f, "I", 380 - attended);
}

/* ---- R1 ------------------------------------------------------------------------------------------ */

static void r1_exactly_85_percent_is_met(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_attendance(&f, 323); /* 323 * 100 == 85 * 380 */
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_MET,
                "323 of 380 sessions (85.0 %), which is at or below the threshold of 85 %");
    assert_crit_cy(&f, "referral.r1.attendance", "323 o 380 sesiwn (85.0 %)");
    const ssat_criterion *c = fixture_crit(&f, "referral.r1.attendance");
    assert_int_equal(c->measure, SSAT_MEASURE_PERCENT);
    assert_int_equal(c->value, 323);
    assert_int_equal(c->whole, 380);
    assert_int_equal(c->threshold, 85);
    assert_int_equal(c->threshold_den, 1);
    assert_int_equal(c->comparator, SSAT_CMP_LE);
    assert_string_equal(c->missing, "");
    fixture_free(&f);
}

static void r1_just_above_85_percent_is_not_met(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_attendance(&f, 324); /* 85.26 % */
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_NOT_MET,
                "324 of 380 sessions (85.3 %), which is not at or below the threshold of 85 %");
    assert_crit_cy(&f, "referral.r1.attendance", "nid yw maen prawf R1");
    assert_int_equal(ssat_decision_outcome(f.decision), SSAT_OUTCOME_NOT_MET);
    fixture_free(&f);
}

static void r1_just_below_85_percent_is_met(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_attendance(&f, 322);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_MET, "322 of 380 sessions (84.7 %)");
    fixture_free(&f);
}

/* A strict comparator and a fractional threshold, as a policy may set them. */
static void r1_follows_the_policy_threshold_and_comparator(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    assert_ok(ssat_policy_set_comparator(f.policy, "referral.attendance.comparator", SSAT_CMP_LT));
    fill_attendance(&f, 323);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_NOT_MET, "is not below the threshold of 85 %");
    assert_ok(ssat_policy_set_percent(f.policy, "referral.attendance.threshold", 875, 10));
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_MET, "below the threshold of 87.5 %");
    assert_int_equal(fixture_crit(&f, "referral.r1.attendance")->threshold_den, 10);
    fixture_free(&f);
}

/* docs/rules.md, "Worked examples" example 3: only Z and # in the window. */
static void r1_and_r2_not_evaluable_without_possible_sessions(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "Z", 10);
    fixture_add(&f, "#", 4);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_NOT_MET, "not evaluable");
    assert_crit(&f, "referral.r2.unauthorised", SSAT_OUTCOME_NOT_MET, "not evaluable");
    assert_crit_cy(&f, "referral.r1.attendance", "Ni ellir asesu");
    const ssat_criterion *c = fixture_crit(&f, "referral.r1.attendance");
    assert_int_equal(c->whole, 0);
    assert_int_equal(ssat_decision_outcome(f.decision), SSAT_OUTCOME_NOT_MET);
    fixture_free(&f);
}

/* An empty register is not evaluable either, and is not an error. */
static void empty_register_is_not_evaluable(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    evaluate(&f, D("2024-10-01"));
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_NOT_MET, "not evaluable");
    assert_crit(&f, "referral.r5.register_complete", SSAT_OUTCOME_MET, NULL);
    /* a last-sessions window over a register with no entry yet holds nothing either */
    assert_ok(ssat_policy_set_window(f.policy, "referral.window", SSAT_WINDOW_LAST_SESSIONS, 30));
    evaluate(&f, D("2024-10-01"));
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_NOT_MET, "from 1 October 2024 to 1 October 2024 is not evaluable");
    fixture_free(&f);
}

/* ---- R2 ------------------------------------------------------------------------------------------ */

static void fill_unauthorised(fixture *f, int unauthorised)
{
    fixture_add(f, "/", 300);
    fixture_add(f, "O", unauthorised);
}

static void r2_at_and_around_ten_sessions(void **state)
{
    (void)state;
    static const struct {
        int n;
        ssat_outcome outcome;
    } cases[] = {{9, SSAT_OUTCOME_NOT_MET}, {10, SSAT_OUTCOME_MET}, {11, SSAT_OUTCOME_MET}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture f;
        fixture_init(&f, "carmarthenshire");
        fill_unauthorised(&f, cases[i].n);
        evaluate(&f, f.last);
        char want[64];
        snprintf(want, sizeof want, "%d sessions of unauthorised absence", cases[i].n);
        assert_crit(&f, "referral.r2.unauthorised", cases[i].outcome, want);
        const ssat_criterion *c = fixture_crit(&f, "referral.r2.unauthorised");
        assert_int_equal(c->measure, SSAT_MEASURE_COUNT);
        assert_int_equal(c->value, cases[i].n);
        assert_int_equal(c->threshold, 10);
        assert_int_equal(c->comparator, SSAT_CMP_GE);
        fixture_free(&f);
    }
}

/* N counts as unauthorised and the message says how many are provisional. */
static void r2_counts_provisional_marks_and_names_them(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 100);
    fixture_add(&f, "O", 7);
    fixture_add(&f, "N", 3);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r2.unauthorised", SSAT_OUTCOME_MET, "10 sessions of unauthorised absence");
    assert_crit(&f, "referral.r2.unauthorised", SSAT_OUTCOME_MET, "3 of them provisional");
    assert_crit_cy(&f, "referral.r2.unauthorised", "3 ohonynt â marc dros dro");
    fixture_free(&f);
}

static void r2_minimum_share_of_absence(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    assert_ok(ssat_policy_set_percent(f.policy, "referral.unauthorised.min_share", 50, 1));
    fixture_add(&f, "/", 100);
    fixture_add(&f, "O", 10);
    fixture_add(&f, "I", 10);
    evaluate(&f, f.last); /* 10 of 20: exactly 50 % */
    assert_crit(&f, "referral.r2.unauthorised", SSAT_OUTCOME_MET,
                "10 of 20 sessions of absence (50.0 %) were unauthorised, at least 50 % needed");
    fixture_add(&f, "I", 1);
    evaluate(&f, f.last); /* 10 of 21: 47.6 % */
    assert_crit(&f, "referral.r2.unauthorised", SSAT_OUTCOME_NOT_MET, "10 of 21 sessions of absence (47.6 %)");
    fixture_free(&f);
}

static void r2_minimum_share_without_absence(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    assert_ok(ssat_policy_set_percent(f.policy, "referral.unauthorised.min_share", 50, 1));
    fixture_set_int(&f, "referral.unauthorised.min_sessions", 0);
    fixture_add(&f, "/", 20);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r2.unauthorised", SSAT_OUTCOME_NOT_MET, "there was no absence");
    fixture_free(&f);
}

/* ---- R3, R4, R5 procedures, R6 on roll: facts ----------------------------------------------------- */

static void fill_met(fixture *f)
{
    fixture_add(f, "/", 300);
    fixture_add(f, "O", 80); /* 78.9 %, 80 unauthorised */
}

static void all_criteria_met(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_met(&f);
    evaluate(&f, f.last);
    assert_int_equal(ssat_decision_outcome(f.decision), SSAT_OUTCOME_MET);
    assert_int_equal(ssat_decision_count(f.decision), 9);
    for (size_t i = 0; i < ssat_decision_count(f.decision); i++) {
        const ssat_criterion *c = ssat_decision_at(f.decision, i);
        assert_string_equal(c->id, ssat_criterion_id_at(i)); /* referral ids come first, in order */
        assert_int_equal(c->outcome, SSAT_OUTCOME_MET);
        assert_true(strlen(c->message_en) > 0);
        assert_true(strlen(c->message_cy) > 0);
    }
    assert_crit(&f, "referral.r3.engagement", SSAT_OUTCOME_MET,
                "cause of absence explored: yes; support offered: yes; parents invited to meetings: yes");
    assert_crit_cy(&f, "referral.r3.engagement", "a archwiliwyd achos yr absenoldeb? ie");
    fixture_free(&f);
}

/* Each fact alone: no turns its criterion (and the referral) not met; unknown makes them unknown. */
static void each_fact_alone(void **state)
{
    (void)state;
    static const struct {
        ssat_pupil_fact fact;
        const char *id;
    } cases[] = {
        {SSAT_PUPIL_CAUSE_EXPLORED, "referral.r3.engagement"},
        {SSAT_PUPIL_SUPPORT_OFFERED, "referral.r3.engagement"},
        {SSAT_PUPIL_PARENTS_INVITED, "referral.r3.engagement"},
        {SSAT_PUPIL_EVIDENCE_COMPLETE, "referral.r4.evidence"},
        {SSAT_PUPIL_PROCEDURES_FOLLOWED, "referral.r5.procedures"},
        {SSAT_PUPIL_ON_ROLL, "referral.r6.on_roll"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture f;
        fixture_init(&f, "carmarthenshire");
        fill_met(&f);
        assert_ok(ssat_pupil_set_fact(f.pupil, cases[i].fact, SSAT_FACT_NO));
        evaluate(&f, f.last);
        assert_crit(&f, cases[i].id, SSAT_OUTCOME_NOT_MET, NULL);
        assert_int_equal(ssat_decision_outcome(f.decision), SSAT_OUTCOME_NOT_MET);
        assert_ok(ssat_pupil_set_fact(f.pupil, cases[i].fact, SSAT_FACT_UNKNOWN));
        evaluate(&f, f.last);
        assert_crit(&f, cases[i].id, SSAT_OUTCOME_UNKNOWN, NULL);
        assert_true(strlen(fixture_crit(&f, cases[i].id)->missing) > 0);
        assert_int_equal(ssat_decision_outcome(f.decision), SSAT_OUTCOME_UNKNOWN);
        fixture_free(&f);
    }
}

static void r3_names_what_is_missing(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_met(&f);
    assert_ok(ssat_pupil_set_fact(f.pupil, SSAT_PUPIL_CAUSE_EXPLORED, SSAT_FACT_UNKNOWN));
    assert_ok(ssat_pupil_set_fact(f.pupil, SSAT_PUPIL_PARENTS_INVITED, SSAT_FACT_UNKNOWN));
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r3.engagement", SSAT_OUTCOME_UNKNOWN, "cause of absence explored: not known");
    assert_string_equal(fixture_crit(&f, "referral.r3.engagement")->missing, "cause explored, parents invited");
    /* a "no" outweighs an unknown */
    assert_ok(ssat_pupil_set_fact(f.pupil, SSAT_PUPIL_SUPPORT_OFFERED, SSAT_FACT_NO));
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r3.engagement", SSAT_OUTCOME_NOT_MET, "support offered: no");
    assert_string_equal(fixture_crit(&f, "referral.r3.engagement")->missing, "");
    fixture_free(&f);
}

/* With no pupil every fact is unknown; the register criteria are still decided. */
static void null_pupil_makes_facts_unknown(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_met(&f);
    ssat_decision *d = NULL;
    assert_ok(ssat_referral_evaluate(f.policy, f.reg, f.calendar, NULL, f.last, &d));
    f.decision = d;
    assert_int_equal(ssat_decision_outcome(d), SSAT_OUTCOME_UNKNOWN);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_MET, NULL);
    assert_crit(&f, "referral.r2.unauthorised", SSAT_OUTCOME_MET, NULL);
    assert_crit(&f, "referral.r5.register_complete", SSAT_OUTCOME_MET, NULL);
    assert_crit(&f, "referral.r5.provisional", SSAT_OUTCOME_MET, NULL);
    static const char *const unknown[] = {"referral.r3.engagement", "referral.r4.evidence", "referral.r5.procedures",
                                          "referral.r6.compulsory_age", "referral.r6.on_roll"};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        assert_crit(&f, unknown[i], SSAT_OUTCOME_UNKNOWN, NULL);
    assert_string_equal(fixture_crit(&f, "referral.r6.compulsory_age")->missing, "date of birth");
    fixture_free(&f);
}

/* ---- R5: register complete and provisional marks -------------------------------------------------- */

static void r5_missing_marks_and_gaps(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_met(&f);
    fixture_add(&f, "-", 1); /* an explicit missing mark */
    fixture_skip(&f, 2);     /* a school day with no entry between entries */
    fixture_add(&f, "/", 2);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r5.register_complete", SSAT_OUTCOME_NOT_MET, "3 sessions have no mark");
    const ssat_criterion *c = fixture_crit(&f, "referral.r5.register_complete");
    assert_int_equal(c->value, 3);
    assert_int_equal(c->threshold, 0);
    assert_int_equal(c->comparator, SSAT_CMP_LE);
    assert_int_equal(ssat_decision_outcome(f.decision), SSAT_OUTCOME_NOT_MET);
    fixture_free(&f);
}

/* An N on Monday 2024-09-09: 10 school days later (Monday 2024-09-23) it is not yet older than the
 * 10 allowed; on Tuesday 2024-09-24 (11) it is. */
static void r5_provisional_age_boundary(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 10); /* 2024-09-02..06 */
    fixture_add(&f, "N", 1);  /* 2024-09-09 AM */
    fixture_add(&f, "/", 21);
    evaluate(&f, D("2024-09-23"));
    assert_crit(&f, "referral.r5.provisional", SSAT_OUTCOME_MET,
                "1 provisional marks (no reason yet given) from 1 August 2024 to 23 September 2024, none older than 10 school days");
    evaluate(&f, D("2024-09-24"));
    assert_crit(&f, "referral.r5.provisional", SSAT_OUTCOME_NOT_MET, "1 of 1 provisional marks");
    assert_int_equal(fixture_crit(&f, "referral.r5.provisional")->value, 1);
    /* resolving the N settles it */
    assert_ok(ssat_register_amend_mark(f.reg, D("2024-09-09"), SSAT_AM, "I"));
    evaluate(&f, D("2024-09-24"));
    assert_crit(&f, "referral.r5.provisional", SSAT_OUTCOME_MET, "0 provisional marks");
    fixture_free(&f);
}

/* ---- R6: compulsory school age -------------------------------------------------------------------- */

static void r6_compulsory_age(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_met(&f);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r6.compulsory_age", SSAT_OUTCOME_MET, "(born 1 May 2012) is of compulsory school age");
    assert_crit_cy(&f, "referral.r6.compulsory_age", "o oedran ysgol gorfodol");
    /* 16 on 2024-09-01: the leaving date is the last Friday of June 2025 */
    assert_ok(ssat_pupil_set_date_of_birth(f.pupil, D("2008-09-01")));
    evaluate(&f, D("2025-06-27"));
    assert_crit(&f, "referral.r6.compulsory_age", SSAT_OUTCOME_MET, "On 27 June 2025");
    evaluate(&f, D("2025-06-28"));
    assert_crit(&f, "referral.r6.compulsory_age", SSAT_OUTCOME_NOT_MET, "is not of compulsory school age");
    /* not required by the policy: met, and says so */
    fixture_set_bool(&f, "referral.require_compulsory_age", 0);
    evaluate(&f, D("2025-06-28"));
    assert_crit(&f, "referral.r6.compulsory_age", SSAT_OUTCOME_MET, "does not require");
    fixture_free(&f);
}

static void r6_without_date_of_birth_is_unknown(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    ssat_pupil_free(f.pupil);
    f.pupil = NULL;
    assert_ok(ssat_pupil_new("P2", NULL, &f.pupil));
    fill_met(&f);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r6.compulsory_age", SSAT_OUTCOME_UNKNOWN, "date of birth is not known");
    assert_string_equal(fixture_crit(&f, "referral.r6.compulsory_age")->missing, "date of birth");
    fixture_free(&f);
}

/* ---- windows -------------------------------------------------------------------------------------- */

/* A term window counts only the current term. */
static void referral_window_follows_the_policy(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "O", 150); /* the whole autumn term */
    fixture_add(&f, "/", 20);  /* spring, to 2025-01-17 */
    assert_ok(ssat_policy_set_window(f.policy, "referral.window", SSAT_WINDOW_TERM, 0));
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_NOT_MET, "from 6 January 2025 to 17 January 2025 was 20 of 20");
    assert_ok(ssat_policy_set_window(f.policy, "referral.window", SSAT_WINDOW_LAST_SESSIONS, 30));
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_MET, "was 20 of 30 sessions (66.7 %)");
    fixture_free(&f);
}

/* ---- errors --------------------------------------------------------------------------------------- */

/* Item i: 312 of 367 is 85.0136 %, not at or below 85 %: the message shows "85.01 %", never "85.0 %". */
static void figure_never_contradicts_r1(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 312);
    fixture_add(&f, "I", 55);
    assert_ok(ssat_referral_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.last, &f.decision));
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_NOT_MET, "312 of 367 sessions (85.01 %), which is not at");
    assert_crit_cy(&f, "referral.r1.attendance", "85.01 %");
    fixture_free(&f);
}

static void error_paths(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_met(&f);
    ssat_decision *d = (ssat_decision *)&f; /* garbage: must be reset to NULL */
    assert_status_msg(ssat_referral_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.last, NULL),
                      SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_referral_evaluate(NULL, f.reg, f.calendar, f.pupil, f.last, &d), SSAT_ERR_INVALID_ARG,
                      "'policy'");
    assert_null(d);
    d = (ssat_decision *)&f;
    assert_status_msg(ssat_referral_evaluate(f.policy, NULL, f.calendar, f.pupil, f.last, &d), SSAT_ERR_INVALID_ARG,
                      "'reg'");
    assert_null(d);
    assert_status_msg(ssat_referral_evaluate(f.policy, f.reg, NULL, f.pupil, f.last, &d), SSAT_ERR_INVALID_ARG,
                      "'calendar'");
    assert_status_msg(ssat_referral_evaluate(f.policy, f.reg, f.calendar, f.pupil, D("2025-08-01"), &d),
                      SSAT_ERR_RANGE, "'as_of' (2025-08-01) is outside");
    assert_status_msg(ssat_referral_evaluate(f.policy, f.reg, f.calendar, f.pupil, D("2024-07-31"), &d),
                      SSAT_ERR_RANGE, "2024-08-01..2025-07-31");
    assert_null(d);
    /* a register of another code set */
    ssat_policy *england = NULL;
    assert_ok(ssat_policy_builtin("england-2024", NULL, &england));
    d = (ssat_decision *)&f;
    assert_status_msg(ssat_referral_evaluate(england, f.reg, f.calendar, f.pupil, f.last, &d), SSAT_ERR_STATE,
                      "\"wales-2010\" is not the policy's code_set \"england-2024\"");
    assert_null(d);
    ssat_policy_free(england);
    fixture_free(&f);
}

/* A term window before the first term begins cannot be resolved: the error names the window. */
static void unresolvable_window(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    assert_ok(ssat_policy_set_window(f.policy, "referral.window", SSAT_WINDOW_TERM, 0));
    ssat_decision *d = NULL;
    assert_status_msg(ssat_referral_evaluate(f.policy, f.reg, f.calendar, f.pupil, D("2024-08-15"), &d),
                      SSAT_ERR_RANGE, "cannot resolve the policy's window");
    assert_null(d);
    fixture_free(&f);
}

/* Every allocation failure returns SSAT_ERR_NOMEM, leaves out NULL and leaks nothing. */
static void allocation_failures(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fail_heap h = {0, 0, 0};
    fixture_use_heap(&f, &h, "carmarthenshire");
    fill_met(&f);
    size_t live = h.live;
    ssat_status st = SSAT_ERR_NOMEM;
    for (size_t n = 1; st == SSAT_ERR_NOMEM; n++) {
        h.calls = 0;
        h.fail_at = n;
        ssat_decision *d = (ssat_decision *)&f;
        ssat_error_clear();
        st = ssat_referral_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.last, &d);
        if (st == SSAT_ERR_NOMEM) {
            assert_null(d);
            assert_int_equal(h.live, live);
            assert_non_null(strstr(ssat_error_message(), "ssat_referral_evaluate"));
        } else {
            assert_int_equal(st, SSAT_OK);
            assert_true(n > 2);
            ssat_decision_free(d);
        }
    }
    assert_int_equal(h.live, live);
    h.fail_at = 0;
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(r1_exactly_85_percent_is_met),
        cmocka_unit_test(r1_just_above_85_percent_is_not_met),
        cmocka_unit_test(r1_just_below_85_percent_is_met),
        cmocka_unit_test(r1_follows_the_policy_threshold_and_comparator),
        cmocka_unit_test(r1_and_r2_not_evaluable_without_possible_sessions),
        cmocka_unit_test(empty_register_is_not_evaluable),
        cmocka_unit_test(r2_at_and_around_ten_sessions),
        cmocka_unit_test(r2_counts_provisional_marks_and_names_them),
        cmocka_unit_test(r2_minimum_share_of_absence),
        cmocka_unit_test(r2_minimum_share_without_absence),
        cmocka_unit_test(all_criteria_met),
        cmocka_unit_test(each_fact_alone),
        cmocka_unit_test(r3_names_what_is_missing),
        cmocka_unit_test(null_pupil_makes_facts_unknown),
        cmocka_unit_test(r5_missing_marks_and_gaps),
        cmocka_unit_test(r5_provisional_age_boundary),
        cmocka_unit_test(r6_compulsory_age),
        cmocka_unit_test(r6_without_date_of_birth_is_unknown),
        cmocka_unit_test(referral_window_follows_the_policy),
        cmocka_unit_test(figure_never_contradicts_r1),
        cmocka_unit_test(error_paths),
        cmocka_unit_test(unresolvable_window),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
