/* Tests of lib/rules/evaluation.c: the prepared evaluation gives the per-pupil rules' criteria (worked examples
 * of docs/rules.md), the answers combine criteria as the library defines (R1 and R2; any limb and the
 * year to date), a policy's last_sessions window is resolved per pupil, and every error path. The
 * property test over random registers is in test_batch.c. */
#include "support.h"

#include "rules_fixture.h"

static ssat_decision *evaluate(fixture *f, ssat_date as_of)
{
    ssat_evaluation *ev = NULL;
    assert_ok(ssat_evaluation_new(f->policy, f->calendar, as_of, &ev));
    assert_int_equal(ssat_evaluation_as_of(ev), as_of);
    ssat_decision_free(f->decision);
    f->decision = NULL;
    assert_ok(ssat_evaluation_register(ev, f->reg, &f->decision));
    ssat_evaluation_free(ev);
    assert_string_equal(ssat_decision_kind(f->decision), "register");
    assert_int_equal(ssat_decision_outcome(f->decision), SSAT_OUTCOME_UNKNOWN);
    return f->decision;
}

static void criteria_in_order(void **state)
{
    (void)state;
    static const char *const ids[] = {"referral.r1.attendance", "referral.r2.unauthorised", "absence.persistent",
                                      "absence.severe", "penalty.limb.unauthorised", "penalty.limb.holiday",
                                      "penalty.limb.late", "penalty.limb.combination", "penalty.year_to_date"};
    fixture f;
    fixture_init(&f, "england-2024");
    fixture_add(&f, "/", 20);
    evaluate(&f, f.last);
    assert_int_equal(ssat_decision_count(f.decision), 9);
    for (size_t i = 0; i < 9; i++)
        assert_string_equal(ssat_decision_at(f.decision, i)->id, ids[i]);
    fixture_free(&f);
    /* Carmarthenshire does not evaluate severe absence: left out, and its answer is not met */
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "O", 20);
    evaluate(&f, f.last);
    assert_int_equal(ssat_decision_count(f.decision), 8);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_SEVERE_ABSENCE), SSAT_OUTCOME_NOT_MET);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_PERSISTENT_ABSENCE), SSAT_OUTCOME_MET);
    fixture_free(&f);
}

/* Worked example 2: 323 of 380 is exactly 85 %: R1 met (inclusive); with 20 unauthorised, R2 too. */
static void referral_answer_r1_and_r2(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 323);
    fixture_add(&f, "I", 57);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_MET, "323 of 380");
    assert_crit(&f, "referral.r2.unauthorised", SSAT_OUTCOME_NOT_MET, NULL);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_REFERRAL_REGISTER), SSAT_OUTCOME_NOT_MET);
    fixture_free(&f);

    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 323);
    fixture_add(&f, "I", 17);
    fixture_add(&f, "O", 20);
    fixture_add(&f, "I", 20);
    evaluate(&f, f.last);
    assert_crit(&f, "referral.r2.unauthorised", SSAT_OUTCOME_MET, NULL);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_REFERRAL_REGISTER), SSAT_OUTCOME_MET);
    fixture_free(&f);
}

/* Worked example 4: 10 G in the autumn term, year to date 50 of 60 (83.3 %): the holiday limb and the
 * year to date hold, so the notice's attendance criteria do; the same with 10 H: no limb. */
static void penalty_answer_any_limb_and_year_to_date(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 50);
    fixture_add(&f, "G", 10);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.holiday", SSAT_OUTCOME_MET, NULL);
    assert_crit(&f, "penalty.year_to_date", SSAT_OUTCOME_MET, NULL);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_PENALTY_ATTENDANCE), SSAT_OUTCOME_MET);
    fixture_free(&f);

    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 50);
    fixture_add(&f, "H", 10);
    evaluate(&f, f.last);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_PENALTY_ATTENDANCE), SSAT_OUTCOME_NOT_MET);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_REFERRAL_REGISTER), SSAT_OUTCOME_NOT_MET);
    fixture_free(&f);

    /* A limb met but the year to date at 90 % or above: not met */
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 90);
    fixture_add(&f, "G", 10);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.holiday", SSAT_OUTCOME_MET, NULL);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_PENALTY_ATTENDANCE), SSAT_OUTCOME_NOT_MET);
    fixture_free(&f);
}

/* Worked example 3: nothing possible: not evaluable, no criterion holds. */
static void not_evaluable(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "#", 10);
    evaluate(&f, f.last);
    for (int q = 0; q < 4; q++)
        assert_int_equal(ssat_decision_answer(f.decision, (ssat_question)q), SSAT_OUTCOME_NOT_MET);
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_NOT_MET, "not evaluable");
    fixture_free(&f);
}

/* The answers of the per-pupil decisions, and three-valued logic. */
static void answers_of_other_decisions(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 30);
    fixture_add(&f, "O", 30);
    ssat_decision *ref = NULL, *pen = NULL, *abs = NULL;
    assert_ok(ssat_referral_evaluate(f.policy, f.reg, f.calendar, NULL, f.last, &ref));
    assert_ok(ssat_penalty_evaluate(f.policy, f.reg, f.calendar, NULL, NULL, f.last, &pen));
    assert_ok(ssat_absence_evaluate(f.policy, f.reg, f.calendar, f.last, &abs));
    assert_int_equal(ssat_decision_answer(ref, SSAT_QUESTION_REFERRAL_REGISTER), SSAT_OUTCOME_MET);
    assert_int_equal(ssat_decision_answer(pen, SSAT_QUESTION_PENALTY_ATTENDANCE), SSAT_OUTCOME_MET);
    assert_int_equal(ssat_decision_answer(abs, SSAT_QUESTION_PERSISTENT_ABSENCE), SSAT_OUTCOME_MET);
    /* A decision without the criteria: unknown */
    assert_int_equal(ssat_decision_answer(ref, SSAT_QUESTION_PENALTY_ATTENDANCE), SSAT_OUTCOME_UNKNOWN);
    assert_int_equal(ssat_decision_answer(abs, SSAT_QUESTION_REFERRAL_REGISTER), SSAT_OUTCOME_UNKNOWN);
    assert_int_equal(ssat_decision_answer(pen, SSAT_QUESTION_SEVERE_ABSENCE), SSAT_OUTCOME_UNKNOWN);
    assert_int_equal(ssat_decision_answer(NULL, SSAT_QUESTION_REFERRAL_REGISTER), SSAT_OUTCOME_UNKNOWN);
    assert_int_equal(ssat_decision_answer(ref, (ssat_question)99), SSAT_OUTCOME_UNKNOWN);
    ssat_decision_free(ref);
    ssat_decision_free(pen);
    ssat_decision_free(abs);
    fixture_free(&f);
}

/* A last_sessions window depends on each pupil's register: resolved per pupil, as the rule does. */
static void last_sessions_window_per_pupil(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    assert_ok(ssat_policy_set_window(f.policy, "referral.window", SSAT_WINDOW_LAST_SESSIONS, 20));
    fixture_add(&f, "/", 100);
    fixture_add(&f, "O", 20);
    evaluate(&f, f.last);
    const ssat_criterion *c = fixture_crit(&f, "referral.r1.attendance");
    assert_int_equal(c->whole, 20);
    assert_int_equal(c->value, 0);
    ssat_decision *rule = NULL;
    assert_ok(ssat_referral_evaluate(f.policy, f.reg, f.calendar, NULL, f.last, &rule));
    assert_string_equal(ssat_decision_at(rule, 0)->message_en, c->message_en);
    ssat_decision_free(rule);
    /* An empty register: the window holds nothing */
    ssat_register_free(f.reg);
    assert_ok(ssat_register_new(f.codes, &f.reg));
    evaluate(&f, D("2024-10-01"));
    assert_int_equal(fixture_crit(&f, "referral.r1.attendance")->whole, 0);
    fixture_free(&f);
}

/* The evaluation copies the policy: changing it afterwards changes nothing. */
static void inputs_copied(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 323);
    fixture_add(&f, "I", 57);
    ssat_evaluation *ev = NULL;
    assert_ok(ssat_evaluation_new(f.policy, f.calendar, f.last, &ev));
    assert_ok(ssat_policy_set_percent(f.policy, "referral.attendance.threshold", 80, 1));
    ssat_calendar_free(f.calendar);
    f.calendar = fixture_calendar();
    assert_ok(ssat_evaluation_register(ev, f.reg, &f.decision));
    assert_crit(&f, "referral.r1.attendance", SSAT_OUTCOME_MET, "85 %");
    ssat_evaluation_free(ev);
    fixture_free(&f);
}

/* One language only: the other's messages are left empty, the criteria are the same. */
static void one_language(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 30);
    fixture_add(&f, "O", 10);
    ssat_evaluation *ev = NULL;
    assert_ok(ssat_evaluation_new(f.policy, f.calendar, f.last, &ev));
    assert_ok(ssat_evaluation_set_languages(ev, 1, 0));
    assert_ok(ssat_evaluation_register(ev, f.reg, &f.decision));
    const ssat_criterion *c = fixture_crit(&f, "referral.r1.attendance");
    assert_non_null(strstr(c->message_en, "30 of 40"));
    assert_string_equal(c->message_cy, "");
    assert_string_equal(ssat_criterion_message(c, SSAT_LANG_CY_EN), c->message_en); /* no stray line */
    ssat_decision_free(f.decision);
    assert_ok(ssat_evaluation_set_languages(ev, 0, 1));
    assert_ok(ssat_evaluation_register(ev, f.reg, &f.decision));
    c = fixture_crit(&f, "referral.r1.attendance");
    assert_string_equal(c->message_en, "");
    assert_true(strlen(c->message_cy) > 0);
    assert_string_equal(ssat_criterion_message(c, SSAT_LANG_CY_EN), c->message_cy);
    assert_status_msg(ssat_evaluation_set_languages(ev, 0, 0), SSAT_ERR_INVALID_ARG, "at least one");
    assert_status_msg(ssat_evaluation_set_languages(NULL, 1, 1), SSAT_ERR_INVALID_ARG, "evaluation");
    ssat_evaluation_free(ev);
    fixture_free(&f);
}

static void errors(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    ssat_evaluation *ev = (ssat_evaluation *)&f;
    assert_status_msg(ssat_evaluation_new(NULL, f.calendar, D("2024-10-01"), &ev), SSAT_ERR_INVALID_ARG, "policy");
    assert_null(ev);
    assert_status_msg(ssat_evaluation_new(f.policy, NULL, D("2024-10-01"), &ev), SSAT_ERR_INVALID_ARG, "calendar");
    assert_status_msg(ssat_evaluation_new(f.policy, f.calendar, D("2024-10-01"), NULL), SSAT_ERR_INVALID_ARG, "out");
    assert_status_msg(ssat_evaluation_new(f.policy, f.calendar, D("2025-08-01"), &ev), SSAT_ERR_RANGE, "as_of");
    /* the term window before the first term: the same status as the per-pupil rule */
    assert_status_msg(ssat_evaluation_new(f.policy, f.calendar, D("2024-08-20"), &ev), SSAT_ERR_RANGE,
                      "before the first term begins");
    assert_null(ev);
    assert_ok(ssat_evaluation_new(f.policy, f.calendar, D("2024-10-01"), &ev));
    ssat_decision *d = (ssat_decision *)&f;
    assert_status_msg(ssat_evaluation_register(NULL, f.reg, &d), SSAT_ERR_INVALID_ARG, "evaluation");
    assert_null(d);
    assert_status_msg(ssat_evaluation_register(ev, NULL, &d), SSAT_ERR_INVALID_ARG, "reg");
    assert_status_msg(ssat_evaluation_register(ev, f.reg, NULL), SSAT_ERR_INVALID_ARG, "out");
    /* another code set */
    ssat_codeset *england = NULL;
    ssat_register *other = NULL;
    assert_ok(ssat_codeset_builtin("england-2024", NULL, &england));
    assert_ok(ssat_register_new(england, &other));
    assert_status_msg(ssat_evaluation_register(ev, other, &d), SSAT_ERR_STATE, "england-2024");
    ssat_register_free(other);
    ssat_codeset_free(england);
    ssat_evaluation_free(ev);
    ssat_evaluation_free(NULL);
    assert_int_equal(ssat_evaluation_as_of(NULL), 0);
    fixture_free(&f);
}

/* Issue 14 item d: England's 10 school weeks counted across 1 August. On 25 September 2024 this year
 * has four school weeks; with the previous year's calendar (fixture_previous_calendar(): summer term to
 * Friday 19 July 2024) the six others are the weeks of 10 June to 15 July, and the limbs count both
 * registers' sessions in them. */

static void limb_window_across_school_years(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "england-2024");
    fixture_add(&f, "/", 30);
    fixture_add(&f, "O", 5); /* to 2024-09-25 AM: four school weeks */
    ssat_calendar *prev_cal = fixture_previous_calendar();
    ssat_register *prev = NULL;
    assert_ok(ssat_register_new(f.codes, &prev));
    assert_ok(ssat_register_add_mark(prev, D("2024-06-07"), SSAT_AM, "O")); /* before the window */
    assert_ok(ssat_register_add_mark(prev, D("2024-06-10"), SSAT_AM, "O")); /* its first day */
    assert_ok(ssat_register_add_mark(prev, D("2024-07-15"), SSAT_AM, "O"));
    assert_ok(ssat_register_add_mark(prev, D("2024-07-15"), SSAT_PM, "O"));
    assert_ok(ssat_register_add_mark(prev, D("2024-07-19"), SSAT_PM, "O"));
    ssat_evaluation *ev = NULL;
    assert_ok(ssat_evaluation_new(f.policy, f.calendar, f.last, &ev));
    /* without the previous year's register the limb is unknown, as before */
    assert_ok(ssat_evaluation_set_previous_year(ev, prev_cal));
    assert_ok(ssat_evaluation_register_years(ev, f.reg, NULL, &f.decision));
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_UNKNOWN, "from 1 August 2024 to 25 September 2024");
    ssat_decision_free(f.decision);
    /* with it: 5 + 4 = 9 sessions from 10 June 2024: short of 10, and known to be */
    assert_ok(ssat_evaluation_register_years(ev, f.reg, prev, &f.decision));
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_NOT_MET,
                "9 sessions of unauthorised absence of every kind together (holiday and late arrival included) from "
                "10 June 2024 to 25 September 2024, at least 10 needed");
    const ssat_criterion *c = fixture_crit(&f, "penalty.limb.combination");
    assert_string_equal(c->missing, "");
    assert_int_equal(c->value, 9);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_PENALTY_ATTENDANCE), SSAT_OUTCOME_NOT_MET);
    ssat_decision_free(f.decision);
    /* one more in the previous year's window: met */
    assert_ok(ssat_register_add_mark(prev, D("2024-06-12"), SSAT_AM, "O"));
    assert_ok(ssat_evaluation_register_years(ev, f.reg, prev, &f.decision));
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_MET, "10 sessions");
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_PENALTY_ATTENDANCE), SSAT_OUTCOME_MET);
    /* the other criteria are this year's alone: as without the previous year */
    ssat_decision *alone = NULL;
    assert_ok(ssat_evaluation_register(ev, f.reg, &alone));
    assert_int_equal(ssat_decision_count(alone), ssat_decision_count(f.decision));
    for (size_t i = 0; i < ssat_decision_count(alone); i++)
        if (strncmp(ssat_decision_at(alone, i)->id, "penalty.limb.", 13) != 0)
            assert_string_equal(ssat_decision_at(alone, i)->message_en, ssat_decision_at(f.decision, i)->message_en);
    assert_int_equal(ssat_decision_answer(alone, SSAT_QUESTION_PENALTY_ATTENDANCE), SSAT_OUTCOME_UNKNOWN);
    ssat_decision_free(alone);
    ssat_decision_free(f.decision);
    /* removing the previous calendar: unknown again */
    assert_ok(ssat_evaluation_set_previous_year(ev, NULL));
    assert_ok(ssat_evaluation_register_years(ev, f.reg, prev, &f.decision));
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_UNKNOWN, "register is not given");
    ssat_decision_free(f.decision);
    f.decision = NULL;
    ssat_evaluation_free(ev);
    /* from the tenth school week on the window is this year's: the previous register is not read */
    fixture_free(&f);
    fixture_init(&f, "england-2024");
    fixture_add(&f, "/", 100);
    assert_ok(ssat_evaluation_new(f.policy, f.calendar, f.last, &ev));
    assert_ok(ssat_evaluation_set_previous_year(ev, prev_cal));
    assert_ok(ssat_evaluation_register_years(ev, f.reg, prev, &f.decision));
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_NOT_MET, "0 sessions");
    ssat_evaluation_free(ev);
    ssat_register_free(prev);
    ssat_calendar_free(prev_cal);
    fixture_free(&f);
}

static void previous_year_errors(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "england-2024");
    fixture_add(&f, "/", 10);
    ssat_evaluation *ev = NULL;
    ssat_decision *d = NULL;
    assert_ok(ssat_evaluation_new(f.policy, f.calendar, f.last, &ev));
    assert_status_msg(ssat_evaluation_set_previous_year(NULL, f.calendar), SSAT_ERR_INVALID_ARG, "evaluation");
    /* this year's calendar is not the previous year's */
    assert_status_msg(ssat_evaluation_set_previous_year(ev, f.calendar), SSAT_ERR_RANGE, "2024/25");
    ssat_calendar *prev_cal = fixture_previous_calendar();
    assert_ok(ssat_evaluation_set_previous_year(ev, prev_cal));
    ssat_calendar_free(prev_cal); /* copied */
    assert_status_msg(ssat_evaluation_register_years(ev, f.reg, NULL, NULL), SSAT_ERR_INVALID_ARG, "out");
    assert_status_msg(ssat_evaluation_register_years(NULL, f.reg, NULL, &d), SSAT_ERR_INVALID_ARG, "evaluation");
    assert_null(d);
    ssat_codeset *wales = NULL;
    ssat_register *other = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &wales));
    assert_ok(ssat_register_new(wales, &other));
    assert_status_msg(ssat_evaluation_register_years(ev, f.reg, other, &d), SSAT_ERR_STATE, "wales-2010");
    assert_null(d);
    ssat_register_free(other);
    ssat_codeset_free(wales);
    ssat_evaluation_free(ev);
    fixture_free(&f);
}

/* Every allocation failure fails cleanly and leaks nothing. */
static void allocation_failure(void **state)
{
    (void)state;
    for (size_t fail_at = 1; fail_at < 60; fail_at++) {
        fail_heap h = {0, 0, 0};
        ssat_allocator a = fail_heap_allocator(&h);
        fixture f;
        fixture_init(&f, "carmarthenshire");
        fixture_add(&f, "/", 30);
        fixture_add(&f, "O", 10);
        ssat_policy *p = NULL;
        assert_ok(ssat_policy_builtin("carmarthenshire", &a, &p));
        h.fail_at = fail_at;
        h.calls = 0;
        ssat_evaluation *ev = NULL;
        ssat_decision *d = NULL;
        ssat_status st = ssat_evaluation_new(p, f.calendar, f.last, &ev);
        if (st == SSAT_OK)
            st = ssat_evaluation_register(ev, f.reg, &d);
        assert_true(st == SSAT_OK || st == SSAT_ERR_NOMEM);
        ssat_decision_free(d);
        ssat_evaluation_free(ev);
        ssat_policy_free(p);
        assert_int_equal(h.live, 0);
        fixture_free(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(criteria_in_order),
        cmocka_unit_test(referral_answer_r1_and_r2),
        cmocka_unit_test(penalty_answer_any_limb_and_year_to_date),
        cmocka_unit_test(not_evaluable),
        cmocka_unit_test(answers_of_other_decisions),
        cmocka_unit_test(last_sessions_window_per_pupil),
        cmocka_unit_test(inputs_copied),
        cmocka_unit_test(one_language),
        cmocka_unit_test(errors),
        cmocka_unit_test(limb_window_across_school_years),
        cmocka_unit_test(previous_year_errors),
        cmocka_unit_test(allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
