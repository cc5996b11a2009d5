/* Tests of lib/rules/penalty.c: each penalty-notice limb alone at 9 and 10 sessions, the year-to-date condition
 * at and below 90 %, docs/rules.md worked example 4, each code-of-conduct guard blocking alone, unknown facts, the
 * earliest date, the previous school year, every error path, and memory failures (the amount due:
 * test_penalty_payment.c). */
#include "support.h"

#include "rules_fixture.h"

static void evaluate_as(fixture *f, const ssat_pupil *pupil, const ssat_parent *parent, ssat_date as_of)
{
    ssat_decision_free(f->decision);
    f->decision = NULL;
    assert_ok(ssat_penalty_evaluate(f->policy, f->reg, f->calendar, pupil, parent, as_of, &f->decision));
    assert_string_equal(ssat_decision_kind(f->decision), "penalty");
}

static void evaluate(fixture *f, ssat_date as_of)
{
    evaluate_as(f, f->pupil, f->parent, as_of);
}

static ssat_outcome outcome(const fixture *f)
{
    return ssat_decision_outcome(f->decision);
}

static void warn(fixture *f, const char *pupil_id, const char *iso)
{
    assert_ok(ssat_parent_add(f->parent, SSAT_PARENT_WARNING, pupil_id, D(iso), NULL));
}

static void add_history(fixture *f, ssat_parent_event kind, const char *pupil_id, const char *iso,
                        const char *absence_first, const char *absence_last)
{
    ssat_window w;
    assert_ok(ssat_window_range(D(absence_first), D(absence_last), &w));
    assert_ok(ssat_parent_add(f->parent, kind, pupil_id, D(iso), &w));
}

/* Eligible as of 2024-11-08: 80 present and 10 unauthorised sessions from 2024-09-02 (88.9 % for the
 * year), warned on 2024-10-11: the improvement period is the 15 school days to 2024-11-08, and the 10
 * unauthorised sessions of 2024-11-04..08 fall in it (absence continued after the warning). */
static void eligible(fixture *f, const char *policy_name)
{
    fixture_init(f, policy_name);
    fixture_add(f, "/", 80);
    fixture_add(f, "O", 10);
    assert_int_equal(f->last, D("2024-11-08"));
    warn(f, "P1", "2024-10-11");
}

/* The improvement period's time alone, as before issue 14 item a (policy value 0): for the tests of
 * other conditions whose registers have no absence after the warning. */
static void time_only(fixture *f)
{
    fixture_set_int(f, "penalty.warning.improvement_min_unauthorised", 0);
}

/* Every guard and condition met except those listed in `except` (NULL-terminated). */
static void assert_conditions_met_except(const fixture *f, const char *const *except)
{
    static const char *const ids[] = {"penalty.year_to_date", "penalty.guard.warning",
                                      "penalty.guard.improvement_period", "penalty.guard.proceedings",
                                      "penalty.guard.duplicate", "penalty.guard.parent_limit",
                                      "penalty.guard.compulsory_age"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        bool excepted = false;
        for (size_t k = 0; except != NULL && except[k] != NULL; k++)
            excepted = excepted || strcmp(except[k], ids[i]) == 0;
        if (!excepted)
            assert_crit(f, ids[i], SSAT_OUTCOME_MET, NULL);
    }
}

static void eligible_case(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    evaluate(&f, f.last);
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    assert_int_equal(ssat_decision_count(f.decision), 11);
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_MET,
                "10 sessions of unauthorised absence (other than holiday not agreed and late arrival) from 2 September 2024 "
                "to 8 November 2024, at least 10 needed");
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_MET, NULL);
    assert_crit(&f, "penalty.limb.holiday", SSAT_OUTCOME_NOT_MET, "0 sessions");
    assert_crit(&f, "penalty.year_to_date", SSAT_OUTCOME_MET,
                "80 of 90 sessions (88.9 %), which is below the threshold of 90 %");
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_MET,
                "15 school days have passed since the warning of 11 October 2024 (up to 8 November 2024), at least 15 needed, "
                "and unauthorised absence continued in the improvement period from 12 October 2024 to 8 November 2024: 10 "
                "sessions, at least 1 needed: the condition is met");
    assert_crit_cy(&f, "penalty.guard.warning", "Rhoddwyd rhybudd i'r rhiant hwn");
    assert_conditions_met_except(&f, NULL);
    ssat_date when = 1;
    assert_status_msg(ssat_decision_earliest_date(f.decision, &when), SSAT_ERR_NOT_FOUND, "already met");
    assert_int_equal(when, 0);
    fixture_free(&f);
}

/* ---- limbs ---------------------------------------------------------------------------------------- */

/* Each single-kind limb alone (the combination switched off) at 9 and 10 sessions, year to date below
 * 90 % in both cases (80 of 89 is 89.9 %). */
static void each_limb_alone(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        const char *id;
    } cases[] = {{"O", "penalty.limb.unauthorised"}, {"G", "penalty.limb.holiday"}, {"U", "penalty.limb.late"}};
    static const char *const limb_ids[] = {"penalty.limb.unauthorised", "penalty.limb.holiday", "penalty.limb.late",
                                           "penalty.limb.combination"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int n = 9; n <= 10; n++) {
            fixture f;
            fixture_init(&f, "carmarthenshire");
            fixture_set_int(&f, "penalty.limb.combination_sessions", 0);
            fixture_add(&f, "/", 80);
            fixture_add(&f, cases[i].code, n);
            warn(&f, "P1", "2024-09-02");
            time_only(&f);
            evaluate(&f, f.last);
            ssat_outcome want = n == 10 ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
            for (size_t k = 0; k < 4; k++)
                assert_crit(&f, limb_ids[k], strcmp(limb_ids[k], cases[i].id) == 0 ? want : SSAT_OUTCOME_NOT_MET,
                            NULL);
            assert_int_equal(fixture_crit(&f, cases[i].id)->value, n);
            assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_NOT_MET, "switches the combination limb off");
            assert_crit(&f, "penalty.year_to_date", SSAT_OUTCOME_MET, NULL);
            assert_int_equal(outcome(&f), want);
            fixture_free(&f);
        }
}

/* 4 O + 3 G + 3 U: no single limb, but the combination at 10; at 9 nothing. */
static void combination_limb_alone(void **state)
{
    (void)state;
    for (int late = 2; late <= 3; late++) {
        fixture f;
        fixture_init(&f, "carmarthenshire");
        fixture_add(&f, "/", 80);
        fixture_add(&f, "O", 4);
        fixture_add(&f, "G", 3);
        fixture_add(&f, "U", late);
        warn(&f, "P1", "2024-09-02");
        time_only(&f);
        evaluate(&f, f.last);
        assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_NOT_MET, "4 sessions");
        assert_crit(&f, "penalty.limb.holiday", SSAT_OUTCOME_NOT_MET, "3 sessions");
        assert_crit(&f, "penalty.limb.late", SSAT_OUTCOME_NOT_MET, NULL);
        ssat_outcome want = late == 3 ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
        assert_crit(&f, "penalty.limb.combination", want, NULL);
        assert_int_equal(fixture_crit(&f, "penalty.limb.combination")->value, 7 + late);
        assert_int_equal(outcome(&f), want);
        fixture_free(&f);
    }
}

/* Year to date at exactly 90.0 % is not below 90 %: not eligible, though the limb holds. */
static void year_to_date_boundary(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 90);
    fixture_add(&f, "O", 10);
    warn(&f, "P1", "2024-09-02");
    time_only(&f);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_MET, NULL);
    assert_crit(&f, "penalty.year_to_date", SSAT_OUTCOME_NOT_MET,
                "90 of 100 sessions (90.0 %), which is not below the threshold of 90 %");
    assert_crit_cy(&f, "penalty.year_to_date", "ac nid yw hynny'n is na'r trothwy o 90 %");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_NOT_MET);
    /* and when the policy does not require it, it is met and says so */
    fixture_set_bool(&f, "penalty.year_to_date.required", 0);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.year_to_date", SSAT_OUTCOME_MET, "does not require");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    fixture_free(&f);
}

/* The year to date counts earlier terms; the limbs only the current term. */
static void limbs_count_the_current_term_only(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "O", 140);
    fixture_add(&f, "/", 10); /* autumn ends 2024-12-20 */
    fixture_add(&f, "/", 20); /* spring from 2025-01-06 */
    warn(&f, "P1", "2024-09-02");
    time_only(&f);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_NOT_MET, "0 sessions of unauthorised absence");
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_NOT_MET, "from 6 January 2025 to 17 January 2025");
    assert_crit(&f, "penalty.year_to_date", SSAT_OUTCOME_MET, "30 of 170 sessions");
    fixture_free(&f);
}

/* docs/rules.md, "Worked examples" example 4. */
static void worked_example_4(void **state)
{
    (void)state;
    for (int holiday_agreed = 0; holiday_agreed <= 1; holiday_agreed++) {
        fixture f;
        fixture_init(&f, "carmarthenshire");
        fixture_add(&f, "/", 50);
        fixture_add(&f, holiday_agreed ? "H" : "G", 10);
        warn(&f, "P1", "2024-09-02");
        time_only(&f);
        evaluate(&f, f.last);
        assert_crit(&f, "penalty.year_to_date", SSAT_OUTCOME_MET, "50 of 60 sessions (83.3 %)");
        if (!holiday_agreed) {
            assert_crit(&f, "penalty.limb.holiday", SSAT_OUTCOME_MET, "10 sessions of holiday not agreed (G)");
            assert_crit_cy(&f, "penalty.limb.holiday", "10 sesiwn o wyliau heb eu cytuno (G)");
        } else {
            for (size_t k = 0; k < 4; k++)
                assert_int_equal(ssat_decision_at(f.decision, k)->outcome, SSAT_OUTCOME_NOT_MET);
            assert_int_equal(outcome(&f), SSAT_OUTCOME_NOT_MET);
            /* ... though R1 holds */
            ssat_decision *r = NULL;
            assert_ok(ssat_referral_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.last, &r));
            const ssat_criterion *r1 = NULL;
            assert_ok(ssat_decision_find(r, "referral.r1.attendance", &r1));
            assert_int_equal(r1->outcome, SSAT_OUTCOME_MET);
            ssat_decision_free(r);
        }
        fixture_free(&f);
    }
}

/* England: holiday and late limbs off, limbs over the last 10 school weeks, no year-to-date condition. */
static void england_policy(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "england-2024");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.holiday", SSAT_OUTCOME_NOT_MET, "switches the holiday limb off");
    assert_crit(&f, "penalty.limb.late", SSAT_OUTCOME_NOT_MET, "switches the late arrival limb off");
    assert_crit_cy(&f, "penalty.limb.late", "Nid yw'r polisi'n defnyddio'r maen prawf cyrraedd yn hwyr");
    /* fewer than 10 school weeks since the term began: the window reaches back to 1 August */
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_MET, "10 sessions of unauthorised absence");
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_MET, "from 1 August 2024 to 8 November 2024");
    assert_crit(&f, "penalty.year_to_date", SSAT_OUTCOME_MET, "does not require");
    assert_crit(&f, "penalty.guard.parent_limit", SSAT_OUTCOME_MET, "this parent for this pupil from 9 November 2021");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    fixture_free(&f);
}

/* ---- guards, each blocking alone ------------------------------------------------------------------- */

static void guard_no_warning(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 80);
    fixture_add(&f, "O", 10);
    warn(&f, "P9", "2024-10-01");             /* a warning about another child */
    warn(&f, "P1", "2024-11-20");             /* after as_of: not yet given */
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.warning", SSAT_OUTCOME_NOT_MET, "No warning has been issued");
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_NOT_MET, "no improvement period has begun");
    static const char *const except[] = {"penalty.guard.warning", "penalty.guard.improvement_period", NULL};
    assert_conditions_met_except(&f, except);
    assert_int_equal(outcome(&f), SSAT_OUTCOME_NOT_MET);
    /* no warning required: both met, and they say why */
    fixture_set_bool(&f, "penalty.warning.required", 0);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.warning", SSAT_OUTCOME_MET, "does not require a warning");
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_MET, "no improvement period applies");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    fixture_free(&f);
}

/* 15 school days to improve: a warning on Friday 2024-10-11 leaves exactly 15 by 2024-11-08 (the
 * half-term week does not count); one on Monday 2024-10-14 leaves 14. */
static void guard_improvement_period(void **state)
{
    (void)state;
    static const struct {
        const char *warning;
        int64_t elapsed;
        ssat_outcome outcome;
    } cases[] = {{"2024-10-14", 14, SSAT_OUTCOME_NOT_MET}, {"2024-10-11", 15, SSAT_OUTCOME_MET}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture f;
        fixture_init(&f, "carmarthenshire");
        fixture_add(&f, "/", 80);
        fixture_add(&f, "O", 10);
        warn(&f, "P1", "2024-09-02"); /* an earlier warning: the latest one counts */
        time_only(&f);
        warn(&f, "P1", cases[i].warning);
        evaluate(&f, f.last);
        assert_crit(&f, "penalty.guard.improvement_period", cases[i].outcome, NULL);
        const ssat_criterion *c = fixture_crit(&f, "penalty.guard.improvement_period");
        assert_int_equal(c->value, cases[i].elapsed);
        assert_int_equal(c->threshold, 15);
        assert_int_equal(c->comparator, SSAT_CMP_GE);
        static const char *const except[] = {"penalty.guard.improvement_period", NULL};
        assert_conditions_met_except(&f, except);
        assert_int_equal(outcome(&f), cases[i].outcome);
        fixture_free(&f);
    }
}

/* The previous school year's register (2023/24, empty until marks are added) and calendar
 * (fixture_previous_calendar(): summer term to Friday 19 July 2024), for a warning given before 1 August. */
typedef struct previous_year {
    ssat_register *reg;
    ssat_calendar *calendar;
} previous_year;

static previous_year previous_year_of(const fixture *f)
{
    previous_year p = {.calendar = fixture_previous_calendar()};
    assert_ok(ssat_register_new(f->codes, &p.reg));
    return p;
}

static void previous_year_free(previous_year *p)
{
    ssat_register_free(p->reg);
    ssat_calendar_free(p->calendar);
}

static void evaluate_years(fixture *f, const previous_year *p, ssat_date as_of)
{
    ssat_decision_free(f->decision);
    f->decision = NULL;
    assert_ok(ssat_penalty_evaluate_years(f->policy, f->reg, f->calendar, f->pupil, f->parent, as_of, p->reg,
                                          p->calendar, &f->decision));
}

/* A warning in the previous school year (before this calendar's 1 August): its school days after the
 * warning are that year's, so without that year's calendar and register the period is unknown (it used to
 * count every day to 31 July as a school day, ending a July warning's period in the summer holiday); with
 * them it counts that year's school days, then this year's. */
static void improvement_period_from_last_year(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 2);
    fixture_add(&f, "O", 10); /* 6 school days, to 2024-09-09 */
    warn(&f, "P1", "2024-07-10"); /* 11..19 July: 7 school days of the summer term */
    time_only(&f);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_UNKNOWN,
                "The warning of 10 July 2024 was given before 1 August, in the previous school year, and that year's "
                "register and calendar are not given");
    assert_crit_cy(&f, "penalty.guard.improvement_period", "Rhoddwyd y rhybudd ar 10 Gorffennaf 2024 cyn 1 Awst");
    assert_string_equal(fixture_crit(&f, "penalty.guard.improvement_period")->missing,
                        "the previous school year's register and calendar");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_UNKNOWN);
    previous_year p = previous_year_of(&f);
    evaluate_years(&f, &p, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_NOT_MET, "Only 13 school days");
    fixture_add(&f, "O", 4); /* two more school days, to 2024-09-11: 7 + 8 */
    evaluate_years(&f, &p, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_MET, "15 school days have passed");
    warn(&f, "P1", "2024-07-22"); /* a later warning, in the summer holiday, restarts the period: 0 + 8 */
    evaluate_years(&f, &p, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_NOT_MET, "Only 8 school days");
    previous_year_free(&p);
    fixture_free(&f);
    /* a warning older than the previous school year: its days before that year count one a day */
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "O", 2);
    warn(&f, "P1", "2023-07-20");
    time_only(&f);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_MET, "school days have passed");
    fixture_free(&f);
}

/* With the previous school year, the absence that continued in an improvement period across 1 August
 * is counted in both registers: warned on Wednesday 10 July 2024, the 15 school days are 11..19 July (7)
 * and 2..11 September 2024 (8). */
static void improvement_period_absence_across_years(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 40); /* 20 school days, to 2024-09-27: no absence this year */
    warn(&f, "P1", "2024-07-10");
    previous_year p = previous_year_of(&f);
    evaluate_years(&f, &p, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_NOT_MET,
                "ran from 11 July 2024 to 11 September 2024 and 0 sessions of unauthorised absence");
    assert_ok(ssat_register_add_mark(p.reg, D("2024-07-15"), SSAT_PM, "O"));
    assert_ok(ssat_register_add_mark(p.reg, D("2024-07-10"), SSAT_AM, "O")); /* the day of the warning: not in it */
    evaluate_years(&f, &p, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_MET,
                "unauthorised absence continued in the improvement period from 11 July 2024 to 11 September 2024: 1 "
                "sessions");
    previous_year_free(&p);
    fixture_free(&f);
}

/* ssat_penalty_evaluate_years(): both or neither of the previous year's register and calendar; the
 * calendar must be the previous year's and the register of the policy's code set. */
static void evaluate_years_errors(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    previous_year p = previous_year_of(&f);
    ssat_decision *d = (ssat_decision *)&f; /* must be set to NULL on failure */
    assert_status_msg(ssat_penalty_evaluate_years(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, p.reg,
                                                  NULL, &d),
                      SSAT_ERR_INVALID_ARG, "ssat_penalty_evaluate_years: argument 'previous_calendar' is NULL while "
                                            "'previous_reg' is given");
    assert_null(d);
    assert_status_msg(ssat_penalty_evaluate_years(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, NULL,
                                                  p.calendar, &d),
                      SSAT_ERR_INVALID_ARG, "argument 'previous_reg' is NULL while 'previous_calendar' is given");
    assert_status_msg(ssat_penalty_evaluate_years(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, p.reg,
                                                  f.calendar, &d),
                      SSAT_ERR_RANGE, "argument 'previous_calendar' is the calendar of school year 2024/25");
    ssat_codeset *england = NULL;
    ssat_register *other = NULL;
    assert_ok(ssat_codeset_builtin("england-2024", NULL, &england));
    assert_ok(ssat_register_new(england, &other));
    assert_status_msg(ssat_penalty_evaluate_years(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, other,
                                                  p.calendar, &d),
                      SSAT_ERR_STATE, "argument 'previous_reg': the register's code set \"england-2024\"");
    assert_status_msg(ssat_penalty_evaluate_years(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, p.reg,
                                                  p.calendar, NULL),
                      SSAT_ERR_INVALID_ARG, "out");
    /* neither: ssat_penalty_evaluate() */
    assert_ok(ssat_penalty_evaluate_years(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, NULL, NULL, &d));
    evaluate(&f, f.last);
    assert_int_equal(ssat_decision_outcome(d), outcome(&f));
    assert_int_equal(ssat_decision_outcome(d), SSAT_OUTCOME_MET);
    ssat_decision_free(d);
    ssat_register_free(other);
    ssat_codeset_free(england);
    previous_year_free(&p);
    fixture_free(&f);
}

/* England's 10 school weeks across 1 August through ssat_penalty_evaluate_years(): the limb that was
 * unknown on this year's sessions alone is counted from the previous year's (docs/rules.md's worked
 * example: on 25 September 2024 the window starts on Monday 10 June 2024). */
static void evaluate_years_counts_england_window(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "england-2024");
    fixture_add(&f, "/", 30);
    fixture_add(&f, "O", 5); /* to 2024-09-25 AM */
    previous_year p = previous_year_of(&f);
    evaluate_years(&f, &p, f.last);
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_NOT_MET, "from 10 June 2024 to 25 September 2024");
    static const char *const days[] = {"2024-07-15", "2024-07-16", "2024-07-17", "2024-07-18", "2024-07-19"};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        assert_ok(ssat_register_add_mark(p.reg, D(days[i]), SSAT_AM, "O")); /* 5 more: 10 */
    evaluate_years(&f, &p, f.last);
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_MET, "10 sessions");
    previous_year_free(&p);
    fixture_free(&f);
}

/* Item a: the improvement period is a chance to comply. A parent warned on 2024-10-11 whose child had
 * no unauthorised absence in the 15 school days to 2024-11-08 complied: no notice, though the time has
 * passed and a limb holds (the limb's absence came before the warning). One unauthorised session in
 * the period is enough by default; the policy sets the minimum, and 0 checks the time alone. */
static void improvement_period_needs_continued_absence(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 50);
    fixture_add(&f, "O", 10); /* 2024-10-07..11 */
    fixture_add(&f, "/", 30); /* to 2024-11-08: full attendance after the warning */
    assert_int_equal(f.last, D("2024-11-08"));
    warn(&f, "P1", "2024-10-11");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_MET, NULL);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_NOT_MET,
                "The improvement period after the warning of 11 October 2024 ran from 12 October 2024 to 8 November 2024 and 0 "
                "sessions of unauthorised absence were recorded in it, at least 1 needed: the parent complied");
    assert_crit_cy(&f, "penalty.guard.improvement_period", "cydymffurfiodd y rhiant");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_NOT_MET);
    ssat_date when = 0;
    assert_int_equal(ssat_decision_earliest_date(f.decision, &when), SSAT_ERR_NOT_FOUND); /* time cannot help */
    /* the same with the time alone (policy 0): eligible */
    time_only(&f);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_MET, "school days have passed");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    fixture_free(&f);

    /* one unauthorised session in the period: absence continued */
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 50);
    fixture_add(&f, "O", 10);
    fixture_add(&f, "/", 11);
    fixture_add(&f, "O", 1); /* 2024-10-21 PM, in the period */
    fixture_add(&f, "/", 18);
    assert_int_equal(f.last, D("2024-11-08"));
    warn(&f, "P1", "2024-10-11");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_MET,
                "unauthorised absence continued in the improvement period from 12 October 2024 to 8 November 2024: 1 sessions, "
                "at least 1 needed");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    /* a stricter policy: 2 sessions needed */
    fixture_set_int(&f, "penalty.warning.improvement_min_unauthorised", 2);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_NOT_MET, "the parent complied");
    /* while the period runs, the count so far is shown */
    fixture_set_int(&f, "penalty.warning.improvement_min_unauthorised", 1);
    evaluate(&f, D("2024-10-21"));
    assert_crit(&f, "penalty.guard.improvement_period", SSAT_OUTCOME_NOT_MET,
                "1 sessions of unauthorised absence were recorded in the improvement period from 12 October 2024 to "
                "21 October 2024 so far: the improvement period is not over");
    const ssat_criterion *c = fixture_crit(&f, "penalty.guard.improvement_period");
    assert_int_equal(c->value, 6);
    assert_int_equal(c->threshold, 15);
    fixture_free(&f);
}

/* Item g: a limb met only thanks to provisional N sessions is unknown until they are resolved (policy
 * "penalty.limb.provisional_unknown", default on), and says why; every register criterion reports its
 * window's provisional and missing marks. */
static void limb_met_only_with_provisional_marks(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire"); /* 10 O from 2024-11-04: the unauthorised limb is met */
    fixture_add(&f, "-", 1);
    evaluate(&f, f.last);
    const ssat_criterion *c = fixture_crit(&f, "penalty.limb.unauthorised");
    assert_int_equal(c->provisional, 0);
    assert_int_equal(c->missing_marks, 1);
    assert_int_equal(fixture_crit(&f, "penalty.year_to_date")->missing_marks, 1);
    fixture_free(&f);

    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 80);
    fixture_add(&f, "O", 7);
    fixture_add(&f, "N", 3); /* 10 unauthorised, 3 of them provisional */
    warn(&f, "P1", "2024-10-11");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_UNKNOWN,
                "10 sessions of unauthorised absence (other than holiday not agreed and late arrival) from 2 September 2024 "
                "to 8 November 2024, at least 10 needed, but 3 of them are provisional (N: no reason yet given): the "
                "unauthorised absence limb holds only with them, so it is unknown until they are resolved");
    assert_crit_cy(&f, "penalty.limb.unauthorised", "dros dro");
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_UNKNOWN, NULL);
    c = fixture_crit(&f, "penalty.limb.unauthorised");
    assert_int_equal(c->provisional, 3);
    assert_string_equal(c->missing, "a reason for the provisional (N) sessions");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_UNKNOWN);
    assert_int_equal(ssat_decision_answer(f.decision, SSAT_QUESTION_PENALTY_ATTENDANCE), SSAT_OUTCOME_UNKNOWN);
    /* the policy may count them */
    fixture_set_bool(&f, "penalty.limb.provisional_unknown", 0);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_MET, NULL);
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    fixture_free(&f);

    /* enough without the provisional sessions: met */
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 78);
    fixture_add(&f, "O", 10);
    fixture_add(&f, "N", 2);
    warn(&f, "P1", "2024-10-11");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_MET, "12 sessions");
    assert_int_equal(fixture_crit(&f, "penalty.limb.unauthorised")->provisional, 2);
    fixture_free(&f);
}

/* Item k: the former ERW criteria's "10 sessions of unauthorised absence" is read by default as the
 * unauthorised absence that is neither holiday nor lateness (N, O), the combination limb counting them
 * all; a policy may read it as every unauthorised code. */
static void unauthorised_limb_reading_is_a_policy_value(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_set_int(&f, "penalty.limb.combination_sessions", 0);
    fixture_add(&f, "/", 80);
    fixture_add(&f, "G", 6);
    fixture_add(&f, "O", 4);
    warn(&f, "P1", "2024-10-11");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_NOT_MET, "4 sessions of unauthorised absence (other");
    fixture_set_bool(&f, "penalty.limb.unauthorised_all_codes", 1);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_MET,
                "10 sessions of unauthorised absence of every kind (holiday not agreed and late arrival included, as "
                "the policy reads this limb) from 2 September 2024 to 8 November 2024, at least 10 needed: the unauthorised "
                "absence limb is met");
    assert_crit_cy(&f, "penalty.limb.unauthorised", "o bob math");
    assert_crit(&f, "penalty.limb.holiday", SSAT_OUTCOME_NOT_MET, "6 sessions");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    fixture_free(&f);
}

static void guard_proceedings(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    /* proceedings about another absence, or another child, do not bar the notice */
    add_history(&f, SSAT_PARENT_PROCEEDINGS, "P1", "2024-03-10", "2024-01-08", "2024-03-01");
    add_history(&f, SSAT_PARENT_PROCEEDINGS, "P9", "2024-10-20", "2024-09-02", "2024-10-04");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.proceedings", SSAT_OUTCOME_MET, "No proceedings");
    add_history(&f, SSAT_PARENT_PROCEEDINGS, "P1", "2024-10-20", "2024-09-02", "2024-10-04");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.proceedings", SSAT_OUTCOME_NOT_MET,
                "1 proceedings are contemplated or open for an absence overlapping 2 September 2024 to 8 November 2024");
    static const char *const except[] = {"penalty.guard.proceedings", NULL};
    assert_conditions_met_except(&f, except);
    assert_int_equal(outcome(&f), SSAT_OUTCOME_NOT_MET);
    fixture_free(&f);
}

static void guard_duplicate(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    add_history(&f, SSAT_PARENT_NOTICE, "P1", "2024-10-10", "2024-11-08", "2024-11-08"); /* same absence, last day */
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.duplicate", SSAT_OUTCOME_NOT_MET, "1 penalty notices have already been issued");
    assert_crit_cy(&f, "penalty.guard.duplicate", "Rhoddwyd 1 hysbysiad cosb eisoes");
    static const char *const except[] = {"penalty.guard.duplicate", NULL};
    assert_conditions_met_except(&f, except);
    assert_crit(&f, "penalty.guard.parent_limit", SSAT_OUTCOME_MET, "1 penalty notices"); /* 1 < 2 */
    assert_int_equal(outcome(&f), SSAT_OUTCOME_NOT_MET);
    fixture_free(&f);
}

/* Two notices in the 12 months to 2024-11-08 (from 2023-11-09) reach the limit; one dated 2023-11-08
 * is outside the period and does not count. */
static void guard_parent_limit(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    add_history(&f, SSAT_PARENT_NOTICE, "P1", "2023-11-08", "2023-09-04", "2023-10-20");
    add_history(&f, SSAT_PARENT_NOTICE, "P1", "2024-06-10", "2024-04-15", "2024-05-24");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.parent_limit", SSAT_OUTCOME_MET,
                "1 penalty notices were issued to this parent from 9 November 2023 to 8 November 2024 (12 months), fewer than "
                "the limit of 2");
    /* a notice about another child counts too: the limit is per parent */
    add_history(&f, SSAT_PARENT_NOTICE, "P9", "2023-11-09", "2023-09-04", "2023-10-20");
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.parent_limit", SSAT_OUTCOME_NOT_MET, "2 penalty notices were issued to this parent");
    const ssat_criterion *c = fixture_crit(&f, "penalty.guard.parent_limit");
    assert_int_equal(c->value, 2);
    assert_int_equal(c->threshold, 2);
    assert_int_equal(c->comparator, SSAT_CMP_LT);
    static const char *const except[] = {"penalty.guard.parent_limit", NULL};
    assert_conditions_met_except(&f, except);
    assert_int_equal(outcome(&f), SSAT_OUTCOME_NOT_MET);
    /* per child (England's rule): the other child's notice does not count */
    fixture_set_bool(&f, "penalty.limit.per_child", 1);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.parent_limit", SSAT_OUTCOME_MET, "this parent for this pupil");
    assert_crit_cy(&f, "penalty.guard.parent_limit", "ynglŷn â'r disgybl hwn");
    fixture_free(&f);
}

/* The period is the months ending on as_of: back from 31 March 2025 one month is 28 February (clamped),
 * 13 months 29 February 2024; 12 months back from 31 January 2025 is 31 January 2024. */
static void parent_limit_period_ends(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_set_int(&f, "penalty.limit.period_months", 1);
    evaluate(&f, D("2025-03-31"));
    assert_crit(&f, "penalty.guard.parent_limit", SSAT_OUTCOME_MET, "from 1 March 2025 to 31 March 2025 (1 months)");
    fixture_set_int(&f, "penalty.limit.period_months", 13);
    evaluate(&f, D("2025-03-31"));
    assert_crit(&f, "penalty.guard.parent_limit", SSAT_OUTCOME_MET, "from 1 March 2024 to 31 March 2025");
    fixture_set_int(&f, "penalty.limit.period_months", 12);
    evaluate(&f, D("2025-01-31"));
    assert_crit(&f, "penalty.guard.parent_limit", SSAT_OUTCOME_MET, "from 1 February 2024 to 31 January 2025");
    fixture_free(&f);
}

static void guard_compulsory_age(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    assert_ok(ssat_pupil_set_date_of_birth(f.pupil, D("2007-06-01"))); /* left school in June 2023 */
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.compulsory_age", SSAT_OUTCOME_NOT_MET, "is not of compulsory school age");
    static const char *const except[] = {"penalty.guard.compulsory_age", NULL};
    assert_conditions_met_except(&f, except);
    assert_int_equal(outcome(&f), SSAT_OUTCOME_NOT_MET);
    fixture_set_bool(&f, "penalty.require_compulsory_age", 0);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.guard.compulsory_age", SSAT_OUTCOME_MET, "does not require");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    fixture_free(&f);
}

/* ---- unknown facts -------------------------------------------------------------------------------- */

static void null_parent_makes_history_guards_unknown(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    evaluate_as(&f, f.pupil, NULL, f.last);
    static const char *const ids[] = {"penalty.guard.warning", "penalty.guard.improvement_period",
                                      "penalty.guard.proceedings", "penalty.guard.duplicate",
                                      "penalty.guard.parent_limit"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        assert_crit(&f, ids[i], SSAT_OUTCOME_UNKNOWN, "The parent's history is not known");
        assert_string_equal(fixture_crit(&f, ids[i])->missing, "the parent's history");
    }
    assert_crit(&f, "penalty.guard.compulsory_age", SSAT_OUTCOME_MET, NULL);
    assert_int_equal(outcome(&f), SSAT_OUTCOME_UNKNOWN);
    assert_crit_cy(&f, "penalty.guard.warning", "nid yw'n hysbys a yw amod y rhybudd wedi'i fodloni");
    fixture_free(&f);
}

static void null_pupil_makes_pupil_guards_unknown(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    evaluate_as(&f, NULL, f.parent, f.last);
    static const char *const ids[] = {"penalty.guard.warning", "penalty.guard.improvement_period",
                                      "penalty.guard.proceedings", "penalty.guard.duplicate"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        assert_crit(&f, ids[i], SSAT_OUTCOME_UNKNOWN, NULL);
        assert_string_equal(fixture_crit(&f, ids[i])->missing, "the pupil (to match the parent's history)");
    }
    assert_crit(&f, "penalty.guard.parent_limit", SSAT_OUTCOME_MET, NULL); /* per parent: no pupil needed */
    assert_crit(&f, "penalty.guard.compulsory_age", SSAT_OUTCOME_UNKNOWN, NULL);
    assert_string_equal(fixture_crit(&f, "penalty.guard.compulsory_age")->missing, "date of birth");
    assert_int_equal(outcome(&f), SSAT_OUTCOME_UNKNOWN);
    /* a limb short of its threshold makes the decision not met whatever is unknown */
    fixture f2;
    fixture_init(&f2, "carmarthenshire");
    fixture_add(&f2, "/", 80);
    fixture_add(&f2, "O", 9);
    evaluate_as(&f2, NULL, NULL, f2.last);
    assert_int_equal(outcome(&f2), SSAT_OUTCOME_NOT_MET);
    fixture_free(&f2);
    fixture_free(&f);
}

/* ---- the earliest date ---------------------------------------------------------------------------- */

/* A warning whose improvement period is long over: older than the previous school year, whose days before
 * 1 August count one a day (a warning of the previous year would need that year's calendar). */
#define LONG_AGO "2023-06-28"

/* As of Friday 2024-09-13: 5 unauthorised of 20 possible sessions this term. At that rate 20 more
 * sessions (10 school days) bring 5 more: the 10th school day after as_of is Friday 2024-09-27. */
static void short_limbs(fixture *f, const char *warning)
{
    fixture_init(f, "carmarthenshire");
    fixture_add(f, "/", 15);
    fixture_add(f, "O", 5);
    assert_int_equal(f->last, D("2024-09-13"));
    warn(f, "P1", warning);
    time_only(f);
}

static void earliest_date_from_the_rate(void **state)
{
    (void)state;
    fixture f;
    short_limbs(&f, LONG_AGO);
    evaluate(&f, f.last);
    assert_int_equal(outcome(&f), SSAT_OUTCOME_NOT_MET);
    ssat_date when = 0;
    assert_ok(ssat_decision_earliest_date(f.decision, &when));
    assert_int_equal(when, D("2024-09-27"));
    /* check the claim: at the same rate, as of that day the limb holds */
    fixture_add(&f, "/", 15);
    fixture_add(&f, "O", 5);
    evaluate(&f, D("2024-09-27"));
    assert_crit(&f, "penalty.limb.unauthorised", SSAT_OUTCOME_MET, NULL);
    assert_int_equal(outcome(&f), SSAT_OUTCOME_MET);
    fixture_free(&f);
}

/* Warned on 2024-09-12: the improvement period ends 14 school days after 2024-09-13, on 2024-10-03. */
static void earliest_date_waits_for_the_improvement_period(void **state)
{
    (void)state;
    fixture f;
    short_limbs(&f, "2024-09-12");
    evaluate(&f, f.last);
    ssat_date when = 0;
    assert_ok(ssat_decision_earliest_date(f.decision, &when));
    assert_int_equal(when, D("2024-10-03"));
    fixture_free(&f);
}

static void earliest_date_not_found(void **state)
{
    (void)state;
    ssat_date when = 7;
    fixture f;
    /* rate 0: no unauthorised absence at all */
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 16);
    fixture_add(&f, "I", 4);
    warn(&f, "P1", LONG_AGO);
    time_only(&f);
    evaluate(&f, f.last);
    assert_status_msg(ssat_decision_earliest_date(f.decision, &when), SSAT_ERR_NOT_FOUND, "current rate");
    assert_int_equal(when, 0);
    fixture_free(&f);
    /* a guard that time does not change: a notice for the same absence */
    short_limbs(&f, LONG_AGO);
    add_history(&f, SSAT_PARENT_NOTICE, "P1", "2024-09-10", "2024-09-02", "2024-09-06");
    evaluate(&f, f.last);
    assert_int_equal(ssat_decision_earliest_date(f.decision, &when), SSAT_ERR_NOT_FOUND);
    fixture_free(&f);
    /* no warning yet: the improvement period cannot be projected */
    short_limbs(&f, LONG_AGO);
    ssat_parent_free(f.parent);
    f.parent = NULL;
    assert_ok(ssat_parent_new("M2", NULL, &f.parent));
    evaluate(&f, f.last);
    assert_int_equal(ssat_decision_earliest_date(f.decision, &when), SSAT_ERR_NOT_FOUND);
    fixture_free(&f);
    /* too slow to reach 10 before the term ends (2024-12-20): 1 in 140 sessions */
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 120);
    fixture_add(&f, "I", 19);
    fixture_add(&f, "O", 1);
    warn(&f, "P1", LONG_AGO);
    time_only(&f);
    evaluate(&f, f.last);
    assert_int_equal(ssat_decision_earliest_date(f.decision, &when), SSAT_ERR_NOT_FOUND);
    fixture_free(&f);
    /* a rolling window (England's last 10 weeks) does not grow at a steady rate */
    fixture_init(&f, "england-2024");
    fixture_add(&f, "/", 15);
    fixture_add(&f, "O", 5);
    warn(&f, "P1", LONG_AGO);
    time_only(&f);
    evaluate(&f, f.last);
    /* two school weeks into the year: the 10 weeks reach into last year, so the limbs are unknown */
    assert_int_equal(outcome(&f), SSAT_OUTCOME_UNKNOWN);
    assert_int_equal(ssat_decision_earliest_date(f.decision, &when), SSAT_ERR_NOT_FOUND);
    fixture_free(&f);
}

/* Item d: England's 10 school weeks may span school years. Early in the year the window reaches back
 * before 1 August and the previous year's register is not given: a limb not met is unknown, and says
 * why, instead of silently counting from 1 August; a limb met on this year's sessions alone is met. From
 * the tenth school week on, the window is this year's and nothing is unknown. */
static void england_window_spanning_school_years(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "england-2024");
    fixture_add(&f, "/", 30);
    fixture_add(&f, "O", 5); /* to 2024-09-25 AM: four school weeks */
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_UNKNOWN,
                "5 sessions of unauthorised absence of every kind together (holiday and late arrival included) from "
                "1 August 2024 to 25 September 2024, at least 10 needed; the window of the last school weeks reaches back "
                "before 1 August and the previous school year's register is not given: the limb is unknown");
    assert_string_equal(fixture_crit(&f, "penalty.limb.combination")->missing,
                        "the previous school year's register and calendar");
    assert_crit(&f, "penalty.limb.holiday", SSAT_OUTCOME_NOT_MET, "switches"); /* off in England */
    fixture_add(&f, "O", 5);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_MET, NULL);
    fixture_free(&f);
    /* the tenth school week (the autumn half-term week has no school day): the window is this year's */
    fixture_init(&f, "england-2024");
    fixture_add(&f, "/", 100);
    evaluate(&f, f.last);
    assert_crit(&f, "penalty.limb.combination", SSAT_OUTCOME_NOT_MET, "0 sessions");
    fixture_free(&f);
}

/* ---- errors and memory ---------------------------------------------------------------------------- */

static void error_paths(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    ssat_decision *d = (ssat_decision *)&f;
    assert_status_msg(ssat_penalty_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, NULL),
                      SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_penalty_evaluate(NULL, f.reg, f.calendar, f.pupil, f.parent, f.last, &d),
                      SSAT_ERR_INVALID_ARG, "'policy'");
    assert_null(d);
    assert_status_msg(ssat_penalty_evaluate(f.policy, NULL, f.calendar, f.pupil, f.parent, f.last, &d),
                      SSAT_ERR_INVALID_ARG, "'reg'");
    assert_status_msg(ssat_penalty_evaluate(f.policy, f.reg, NULL, f.pupil, f.parent, f.last, &d),
                      SSAT_ERR_INVALID_ARG, "'calendar'");
    assert_status_msg(ssat_penalty_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.parent, D("2025-08-01"), &d),
                      SSAT_ERR_RANGE, "outside the calendar's school year");
    ssat_policy *england = NULL;
    assert_ok(ssat_policy_builtin("england-2024", NULL, &england));
    d = (ssat_decision *)&f;
    assert_status_msg(ssat_penalty_evaluate(england, f.reg, f.calendar, f.pupil, f.parent, f.last, &d),
                      SSAT_ERR_STATE, "code_set \"england-2024\"");
    assert_null(d);
    ssat_policy_free(england);
    /* the term window cannot be resolved before the first term begins */
    assert_status_msg(ssat_penalty_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.parent, D("2024-08-20"), &d),
                      SSAT_ERR_RANGE, "ssat_penalty_evaluate: cannot resolve the policy's window");
    fixture_free(&f);
}

static void allocation_failures(void **state)
{
    (void)state;
    fixture f;
    eligible(&f, "carmarthenshire");
    fail_heap h = {0, 0, 0};
    fixture_use_heap(&f, &h, "carmarthenshire");
    size_t live = h.live;
    ssat_status st = SSAT_ERR_NOMEM;
    for (size_t n = 1; st == SSAT_ERR_NOMEM; n++) {
        h.calls = 0;
        h.fail_at = n;
        ssat_decision *d = (ssat_decision *)&f;
        st = ssat_penalty_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, &d);
        if (st == SSAT_ERR_NOMEM) {
            assert_null(d);
            assert_int_equal(h.live, live);
        } else {
            assert_int_equal(st, SSAT_OK);
            assert_int_equal(ssat_decision_outcome(d), SSAT_OUTCOME_MET);
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
        cmocka_unit_test(eligible_case),
        cmocka_unit_test(each_limb_alone),
        cmocka_unit_test(combination_limb_alone),
        cmocka_unit_test(year_to_date_boundary),
        cmocka_unit_test(limbs_count_the_current_term_only),
        cmocka_unit_test(worked_example_4),
        cmocka_unit_test(england_policy),
        cmocka_unit_test(guard_no_warning),
        cmocka_unit_test(guard_improvement_period),
        cmocka_unit_test(improvement_period_from_last_year),
        cmocka_unit_test(improvement_period_absence_across_years),
        cmocka_unit_test(evaluate_years_errors),
        cmocka_unit_test(evaluate_years_counts_england_window),
        cmocka_unit_test(improvement_period_needs_continued_absence),
        cmocka_unit_test(limb_met_only_with_provisional_marks),
        cmocka_unit_test(england_window_spanning_school_years),
        cmocka_unit_test(unauthorised_limb_reading_is_a_policy_value),
        cmocka_unit_test(guard_proceedings),
        cmocka_unit_test(guard_duplicate),
        cmocka_unit_test(guard_parent_limit),
        cmocka_unit_test(parent_limit_period_ends),
        cmocka_unit_test(guard_compulsory_age),
        cmocka_unit_test(null_parent_makes_history_guards_unknown),
        cmocka_unit_test(null_pupil_makes_pupil_guards_unknown),
        cmocka_unit_test(earliest_date_from_the_rate),
        cmocka_unit_test(earliest_date_waits_for_the_improvement_period),
        cmocka_unit_test(earliest_date_not_found),
        cmocka_unit_test(error_paths),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
