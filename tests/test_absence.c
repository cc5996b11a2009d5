/* Tests of lib/rules/absence.c: persistent absence at, above and below 10 %, severe absence at 50 % for
 * England's policy, the not-evaluable window, every error path, and memory failures. */
#include "support.h"

#include "rules_fixture.h"

static void evaluate(fixture *f, ssat_date as_of)
{
    ssat_decision_free(f->decision);
    f->decision = NULL;
    assert_ok(ssat_absence_evaluate(f->policy, f->reg, f->calendar, as_of, &f->decision));
    assert_string_equal(ssat_decision_kind(f->decision), "absence");
}

/* 380 possible sessions of which `absent` absent: half authorised (illness), half unauthorised. */
static void fill_absence(fixture *f, int absent)
{
    fixture_add(f, "/", 380 - absent);
    fixture_add(f, "I", absent / 2);
    fixture_add(f, "O", absent - absent / 2);
}

static void persistent_at_exactly_10_percent(void **state)
{
    (void)state;
    static const struct {
        int absent;
        ssat_outcome outcome;
        const char *text;
    } cases[] = {
        {37, SSAT_OUTCOME_NOT_MET, "37 of 380 sessions (9.7 %), which is not at or above the threshold of 10 %"},
        {38, SSAT_OUTCOME_MET, "38 of 380 sessions (10.0 %), which is at or above the threshold of 10 %"},
        {39, SSAT_OUTCOME_MET, "39 of 380 sessions (10.3 %)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture f;
        fixture_init(&f, "carmarthenshire");
        fill_absence(&f, cases[i].absent);
        evaluate(&f, f.last);
        assert_crit(&f, "absence.persistent", cases[i].outcome, cases[i].text);
        assert_int_equal(ssat_decision_outcome(f.decision), cases[i].outcome);
        const ssat_criterion *c = fixture_crit(&f, "absence.persistent");
        assert_int_equal(c->measure, SSAT_MEASURE_PERCENT);
        assert_int_equal(c->value, cases[i].absent);
        assert_int_equal(c->whole, 380);
        assert_int_equal(c->threshold, 10);
        assert_int_equal(c->comparator, SSAT_CMP_GE);
        /* Carmarthenshire does not evaluate severe absence: the criterion is left out */
        const ssat_criterion *severe = NULL;
        assert_status_msg(ssat_decision_find(f.decision, "absence.severe", &severe), SSAT_ERR_NOT_FOUND,
                          "absence.severe");
        assert_int_equal(ssat_decision_count(f.decision), 1);
        fixture_free(&f);
    }
}

/* docs/rules.md, "Worked examples" example 1: 13 of 100 absent, persistently absent. */
static void worked_example_1(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 80);
    fixture_add(&f, "L", 5);
    fixture_add(&f, "V", 2);
    fixture_add(&f, "I", 5);
    fixture_add(&f, "O", 8);
    fixture_add(&f, "#", 6);
    evaluate(&f, f.last);
    assert_crit(&f, "absence.persistent", SSAT_OUTCOME_MET, "13 of 100 sessions (13.0 %)");
    assert_crit_cy(&f, "absence.persistent", "mae'r disgybl yn absennol yn barhaus");
    fixture_free(&f);
}

/* The comparator and threshold are the policy's: the former 20 %, exclusive. */
static void persistent_follows_the_policy(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    assert_ok(ssat_policy_set_percent(f.policy, "absence.persistent.threshold", 20, 1));
    assert_ok(ssat_policy_set_comparator(f.policy, "absence.persistent.comparator", SSAT_CMP_GT));
    fill_absence(&f, 76); /* exactly 20 % */
    evaluate(&f, f.last);
    assert_crit(&f, "absence.persistent", SSAT_OUTCOME_NOT_MET, "which is not above the threshold of 20 %");
    fixture_free(&f);
}

static void severe_at_exactly_50_percent_for_england(void **state)
{
    (void)state;
    static const struct {
        int absent;
        ssat_outcome outcome;
    } cases[] = {{189, SSAT_OUTCOME_NOT_MET}, {190, SSAT_OUTCOME_MET}, {191, SSAT_OUTCOME_MET}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture f;
        fixture_init(&f, "england-2024");
        fill_absence(&f, cases[i].absent);
        evaluate(&f, f.last);
        assert_crit(&f, "absence.severe", cases[i].outcome, NULL);
        assert_int_equal(fixture_crit(&f, "absence.severe")->threshold, 50);
        /* severe absence does not change the decision, which is about persistent absence */
        assert_crit(&f, "absence.persistent", SSAT_OUTCOME_MET, NULL);
        assert_int_equal(ssat_decision_outcome(f.decision), SSAT_OUTCOME_MET);
        fixture_free(&f);
    }
    fixture f;
    fixture_init(&f, "england-2024");
    fill_absence(&f, 190);
    evaluate(&f, f.last);
    assert_crit(&f, "absence.severe", SSAT_OUTCOME_MET,
                "190 of 380 sessions (50.0 %), which is at or above the threshold of 50 %: the pupil is severely absent");
    assert_crit_cy(&f, "absence.severe", "yn absennol yn ddifrifol");
    fixture_free(&f);
}

static void not_evaluable(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "england-2024");
    fixture_add(&f, "Z", 6);
    evaluate(&f, f.last);
    assert_crit(&f, "absence.persistent", SSAT_OUTCOME_NOT_MET, "not evaluable");
    assert_crit(&f, "absence.severe", SSAT_OUTCOME_NOT_MET, "not evaluable");
    assert_int_equal(ssat_decision_outcome(f.decision), SSAT_OUTCOME_NOT_MET);
    assert_int_equal(ssat_decision_earliest_date(f.decision, &(ssat_date){0}), SSAT_ERR_NOT_FOUND);
    fixture_free(&f);
}

static void error_paths(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fill_absence(&f, 10);
    ssat_decision *d = (ssat_decision *)&f;
    assert_status_msg(ssat_absence_evaluate(f.policy, f.reg, f.calendar, f.last, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_absence_evaluate(NULL, f.reg, f.calendar, f.last, &d), SSAT_ERR_INVALID_ARG, "'policy'");
    assert_null(d);
    assert_status_msg(ssat_absence_evaluate(f.policy, NULL, f.calendar, f.last, &d), SSAT_ERR_INVALID_ARG, "'reg'");
    assert_status_msg(ssat_absence_evaluate(f.policy, f.reg, NULL, f.last, &d), SSAT_ERR_INVALID_ARG, "'calendar'");
    assert_status_msg(ssat_absence_evaluate(f.policy, f.reg, f.calendar, D("2023-12-01"), &d), SSAT_ERR_RANGE,
                      "ssat_absence_evaluate: argument 'as_of' (2023-12-01)");
    ssat_policy *england = NULL;
    assert_ok(ssat_policy_builtin("england-2024", NULL, &england));
    d = (ssat_decision *)&f;
    assert_status_msg(ssat_absence_evaluate(england, f.reg, f.calendar, f.last, &d), SSAT_ERR_STATE,
                      "code set \"wales-2010\"");
    assert_null(d);
    ssat_policy_free(england);
    fixture_free(&f);
}

static void allocation_failures(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "england-2024");
    fail_heap h = {0, 0, 0};
    fixture_use_heap(&f, &h, "england-2024");
    fill_absence(&f, 200);
    size_t live = h.live;
    ssat_status st = SSAT_ERR_NOMEM;
    for (size_t n = 1; st == SSAT_ERR_NOMEM; n++) {
        h.calls = 0;
        h.fail_at = n;
        ssat_decision *d = (ssat_decision *)&f;
        st = ssat_absence_evaluate(f.policy, f.reg, f.calendar, f.last, &d);
        if (st == SSAT_ERR_NOMEM) {
            assert_null(d);
            assert_int_equal(h.live, live);
        } else {
            assert_int_equal(st, SSAT_OK);
            assert_int_equal(ssat_decision_count(d), 2);
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
        cmocka_unit_test(persistent_at_exactly_10_percent),
        cmocka_unit_test(worked_example_1),
        cmocka_unit_test(persistent_follows_the_policy),
        cmocka_unit_test(severe_at_exactly_50_percent_for_england),
        cmocka_unit_test(not_evaluable),
        cmocka_unit_test(error_paths),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
