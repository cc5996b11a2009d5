/* Tests of the work due on a case (lib/case/case_overdue.c): plan reviews, the SSAT's decision, the
 * improvement period after a warning and a notice's payment windows, each not yet due, due soon, due
 * today and overdue; a closed case; argument checks and allocation failure. */
/* These tests call ssat_case_apply() too, the deprecated wrapper kept until the SOVERSION changes. */
#define SSAT_DISABLE_DEPRECATION_WARNINGS
#include "support.h"

#include "case_fixture.h"
#include "heap.h"

/* Bring the case to FEW_ENGAGED on `date` through the trail alone (the referral's guard values are
 * trusted on replay), so that the tests need no register. */
static void inject_few(case_fx *x, const char *date)
{
    case_fx_apply(x, "concern_raised", "2024-09-20", NULL, NULL);
    ssat_date d = D(date);
    ssat_trail_entry e[] = {
        {2, "letter_sent", d, "a", "b", "", "warning", "", SSAT_CASE_SCHOOL_CONCERN, SSAT_CASE_ENGAGEMENT, "", "", 0},
        {3, "referral_submitted", d, "a", "b", "", "", "", SSAT_CASE_ENGAGEMENT, SSAT_CASE_REFERRED, "referral=met", "", 0},
        {4, "referral_accepted", d, "a", "b", "", "", "", SSAT_CASE_REFERRED, SSAT_CASE_ACCEPTED, "", "", 0},
        {5, "few_contact", d, "a", "b", "", "", "", SSAT_CASE_ACCEPTED, SSAT_CASE_FEW_ENGAGED, "", "", 0},
    };
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
        assert_ok(ssat__case_replay_entry(x->c, &e[i], "test"));
}

/* The work due on `on` (with the fixture's calendar unless `no_calendar`). */
static ssat_problems *due(const case_fx *x, const char *on, bool no_calendar)
{
    ssat_problems *p = NULL;
    assert_ok(ssat_problems_new(&p, NULL));
    assert_ok(ssat_case_overdue(x->c, no_calendar ? NULL : x->f.calendar, D(on), p));
    return p;
}

/* Exactly one problem, with this id, severity, due date and field, whose messages contain `en`/`cy`. */
static void assert_one(ssat_problems *p, const char *id, ssat_severity severity, const char *due_date,
                       const char *field, const char *en, const char *cy)
{
    if (ssat_problems_count(p) != 1)
        fail_msg("expected one problem %s, got %zu (first: %s)", id, ssat_problems_count(p),
                 ssat_problems_count(p) > 0 ? ssat_problems_at(p, 0)->message_en : "-");
    const ssat_problem *q = ssat_problems_at(p, 0);
    assert_string_equal(q->id, id);
    assert_int_equal(q->severity, severity);
    assert_int_equal(q->has_session, 1);
    assert_int_equal(q->date, D(due_date));
    assert_string_equal(q->field, field);
    if (strstr(q->message_en, en) == NULL)
        fail_msg("\"%s\" does not contain \"%s\"", q->message_en, en);
    if (strstr(q->message_cy, cy) == NULL)
        fail_msg("\"%s\" does not contain \"%s\"", q->message_cy, cy);
    assert_null(strchr(q->message_en, '{'));
    assert_null(strchr(q->message_cy, '{'));
    ssat_problems_free(p);
}

static void assert_none(ssat_problems *p)
{
    if (ssat_problems_count(p) != 0)
        fail_msg("expected nothing due, got %s", ssat_problems_at(p, 0)->message_en);
    ssat_problems_free(p);
}

static void plan_reviews(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    assert_none(due(&x, "2024-09-01", false));
    case_fx_apply(&x, "plan_started", "2024-10-07", NULL, "psp"); /* reviewed every 42 days: 2024-11-18 */
    assert_none(due(&x, "2024-11-10", false));
    assert_one(due(&x, "2024-11-11", false), "case.due.plan_review", SSAT_SEVERITY_WARNING, "2024-11-18",
               "plans.psp", "Review of the pastoral support plan due on 18 November 2024 (last reviewed on 7 October 2024, "
               "every 42 days): due soon", "yn ddyledus cyn bo hir");
    assert_one(due(&x, "2024-11-18", false), "case.due.plan_review", SSAT_SEVERITY_WARNING, "2024-11-18",
               "plans.psp", "due today", "yn ddyledus heddiw");
    assert_one(due(&x, "2024-11-19", false), "case.due.plan_review", SSAT_SEVERITY_ERROR, "2024-11-18",
               "plans.psp", ": overdue", "Mae adolygiad o'r cynllun cymorth bugeiliol (CCB) yn ddyledus ar 18 Tachwedd 2024 "
               "(adolygwyd ddiwethaf ar 7 Hydref 2024, bob 42 diwrnod): yn hwyr");
    case_fx_apply(&x, "plan_reviewed", "2024-11-20", NULL, "psp");
    assert_none(due(&x, "2024-11-20", false));
    assert_one(due(&x, "2025-01-02", false), "case.due.plan_review", SSAT_SEVERITY_ERROR, "2025-01-01",
               "plans.psp", "due on 1 January 2025 (last reviewed on 20 November 2024", "yn hwyr");
    case_fx_apply(&x, "plan_ended", "2025-01-02", NULL, "psp");
    assert_none(due(&x, "2025-06-01", false));

    /* An IDP at least every 12 months (31 January + 1 month style clamping: 29 Feb 2024 + 12 = 28 Feb). */
    case_fx_apply(&x, "plan_started", "2025-01-31", NULL, "idp");
    assert_none(due(&x, "2026-01-23", false));
    assert_one(due(&x, "2026-01-24", false), "case.due.idp_review", SSAT_SEVERITY_WARNING, "2026-01-31",
               "plans.idp", "Review of the individual development plan due on 31 January 2026 (last reviewed on "
               "31 January 2025, at least every 12 months): due soon", "cynllun datblygu unigol");
    fixture_set_int(&x.f, "case.idp_review_months", 1);
    ssat_case *c1 = NULL;
    assert_ok(ssat_case_new("P1", x.f.policy, &c1));
    assert_ok(ssat_case_apply(c1, NULL, NULL, "plan_started", D("2025-01-31"), "a", "b", NULL, "idp", NULL, NULL));
    ssat_case *keep = x.c;
    x.c = c1;
    assert_one(due(&x, "2025-03-01", false), "case.due.idp_review", SSAT_SEVERITY_ERROR, "2025-02-28", "plans.idp",
               "at least every 1 months", "o leiaf bob 1 mis");
    x.c = keep;
    ssat_case_free(c1);
    case_fx_free(&x);
}

static void referral_decision(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    ssat_trail_entry e[] = {
        {2, "letter_sent", D("2024-11-15"), "a", "b", "", "warning", "", SSAT_CASE_SCHOOL_CONCERN,
         SSAT_CASE_ENGAGEMENT, "", "", 0},
        {3, "referral_submitted", D("2024-11-15"), "a", "b", "", "", "", SSAT_CASE_ENGAGEMENT, SSAT_CASE_REFERRED,
         "referral=met", "", 0},
    };
    for (size_t i = 0; i < 2; i++)
        assert_ok(ssat__case_replay_entry(x.c, &e[i], "test"));
    /* Due 21 days after the referral: 2024-12-06. */
    assert_none(due(&x, "2024-11-28", false));
    assert_one(due(&x, "2024-11-29", false), "case.due.referral_decision", SSAT_SEVERITY_WARNING, "2024-12-06",
               "state.referred", "The SSAT's decision on the referral of 15 November 2024 is due by 6 December 2024 (within "
               "21 days): due soon", "Mae penderfyniad yr SSAT ar yr atgyfeiriad a wnaed ar 15 Tachwedd 2024");
    assert_one(due(&x, "2024-12-07", false), "case.due.referral_decision", SSAT_SEVERITY_ERROR, "2024-12-06",
               "state.referred", "overdue", "yn hwyr");
    case_fx_apply(&x, "referral_returned", "2024-12-09", NULL, "no certificate");
    assert_none(due(&x, "2024-12-09", false));
    case_fx_free(&x);
}

/* The improvement period after a warning: 15 school days by the calendar (the half-term does not count),
 * or weekdays without one. */
static void improvement_period(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    inject_few(&x, "2024-10-18");
    case_fx_apply(&x, "penalty_warning", "2024-10-21", "M1", NULL);
    assert_none(due(&x, "2024-11-10", false));
    assert_one(due(&x, "2024-11-11", false), "case.due.improvement_period", SSAT_SEVERITY_WARNING, "2024-11-18",
               "parents[M1].warnings", "The improvement period after the warning of 21 October 2024 to parent M1 ends on "
               "18 November 2024: due soon; review attendance", "Mae'r cyfnod gwella ar ôl y rhybudd a roddwyd i'r rhiant M1 ar 21 Hydref 2024");
    assert_one(due(&x, "2024-11-19", false), "case.due.improvement_period", SSAT_SEVERITY_ERROR, "2024-11-18",
               "parents[M1].warnings", "overdue", "yn hwyr");
    assert_one(due(&x, "2024-11-11", true), "case.due.improvement_period", SSAT_SEVERITY_WARNING, "2024-11-11",
               "parents[M1].warnings", "ends on 11 November 2024: due today", "yn ddyledus heddiw");
    /* A second warning restarts it; an open prosecution stops it. */
    case_fx_apply(&x, "penalty_warning", "2024-11-25", "M1", NULL);
    assert_none(due(&x, "2024-11-26", false));
    case_fx_apply(&x, "eso_considered", "2024-12-20", "M1", NULL);
    assert_one(due(&x, "2024-12-20", false), "case.due.improvement_period", SSAT_SEVERITY_ERROR, "2024-12-16",
               "parents[M1].warnings", "warning of 25 November 2024", "rhiant M1 ar 25 Tachwedd 2024");
    case_fx_apply(&x, "prosecution_considered", "2024-12-20", "M1", NULL);
    assert_none(due(&x, "2024-12-20", false));
    case_fx_free(&x);
}

static void payment_windows(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    inject_few(&x, "2024-10-18");
    case_fx_apply(&x, "penalty_warning", "2024-10-21", "M1", NULL);
    ssat_trail_entry n = {7, "notice_issued", D("2024-12-12"), "a", "b", "M1", "", "", SSAT_CASE_STATUTORY,
                          SSAT_CASE_STATUTORY, "notice.absence=2024-09-02 AM..2024-12-12 PM; penalty=met", "", 0};
    assert_ok(ssat__case_replay_entry(x.c, &n, "test"));
    /* Issued 2024-12-12: early until 2025-01-09 (28 days), late until 2025-01-23 (42 days). The
     * improvement period is over: a notice followed the warning. */
    assert_none(due(&x, "2025-01-01", false));
    assert_one(due(&x, "2025-01-02", false), "case.due.payment_early", SSAT_SEVERITY_WARNING, "2025-01-09",
               "parents[M1].notices[0]", "The early payment period of the penalty notice issued to parent M1 on "
               "12 December 2024 ends on 9 January 2025: due soon", "Mae'r cyfnod talu cynnar");
    assert_one(due(&x, "2025-01-09", false), "case.due.payment_early", SSAT_SEVERITY_WARNING, "2025-01-09",
               "parents[M1].notices[0]", "due today", "yn ddyledus heddiw");
    assert_none(due(&x, "2025-01-10", false)); /* the late window: 13 days left */
    assert_one(due(&x, "2025-01-16", false), "case.due.payment_late", SSAT_SEVERITY_WARNING, "2025-01-23",
               "parents[M1].notices[0]", "The payment period of the penalty notice issued to parent M1 on 12 December 2024 "
               "ends on 23 January 2025: due soon; record whether it was paid", "cofnodwch a gafodd ei dalu");
    assert_one(due(&x, "2025-01-24", false), "case.due.payment_late", SSAT_SEVERITY_ERROR, "2025-01-23",
               "parents[M1].notices[0]", "overdue", "yn hwyr");
    case_fx_apply(&x, "notice_unpaid", "2025-01-24", "M1", NULL);
    assert_none(due(&x, "2025-01-24", false));
    /* A closed case has nothing due, even with a plan active. */
    case_fx_apply(&x, "plan_started", "2025-01-24", NULL, "psp");
    case_fx_apply(&x, "closed", "2025-01-25", NULL, "other");
    assert_none(due(&x, "2026-01-01", false));
    case_fx_free(&x);
}

/* A posted notice's windows run from its deemed receipt (the second working day after posting: Thursday
 * 2024-12-12 -> Monday 2024-12-16); with receipt_is_day_one, the day of receipt is day 1. */
static void payment_windows_from_receipt(void **state)
{
    (void)state;
    for (int day_one = 0; day_one <= 1; day_one++) {
        case_fx x;
        case_fx_init(&x);
        if (day_one) {
            assert_ok(ssat_policy_set_bool(x.f.policy, "penalty.amount.receipt_is_day_one", 1));
            ssat_case_free(x.c);
            assert_ok(ssat_case_new("P1", x.f.policy, &x.c));
            case_fx_pupil(x.c);
        }
        inject_few(&x, "2024-10-18");
        case_fx_apply(&x, "penalty_warning", "2024-10-21", "M1", NULL);
        ssat_trail_entry n = {7, "notice_issued", D("2024-12-12"), "a", "b", "M1", "posted", "", SSAT_CASE_STATUTORY,
                              SSAT_CASE_STATUTORY, "notice.absence=2024-09-02 AM..2024-12-12 PM; penalty=met", "", 0};
        assert_ok(ssat__case_replay_entry(x.c, &n, "test"));
        const char *early_end = day_one ? "2025-01-12" : "2025-01-13", *late_end = day_one ? "2025-01-26" : "2025-01-27";
        assert_one(due(&x, early_end, false), "case.due.payment_early", SSAT_SEVERITY_WARNING, early_end,
                   "parents[M1].notices[0]", "issued to parent M1 on 12 December 2024 ends on", "yn ddyledus heddiw");
        assert_one(due(&x, late_end, false), "case.due.payment_late", SSAT_SEVERITY_WARNING, late_end,
                   "parents[M1].notices[0]", "due today", "yn ddyledus heddiw");
        assert_one(due(&x, day_one ? "2025-01-27" : "2025-01-28", false), "case.due.payment_late",
                   SSAT_SEVERITY_ERROR, late_end, "parents[M1].notices[0]", "overdue", "yn hwyr");
        case_fx_free(&x);
    }
}

/* Several at once, in a stable order; the list is appended to. */
static void several_and_appended(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    inject_few(&x, "2024-10-18");
    case_fx_apply(&x, "plan_started", "2024-10-18", NULL, "psp");
    case_fx_apply(&x, "plan_started", "2024-10-18", NULL, "idp");
    case_fx_apply(&x, "penalty_warning", "2024-10-21", "M1", NULL);
    case_fx_apply(&x, "penalty_warning", "2024-10-21", "F1", NULL);
    ssat_problems *p = due(&x, "2025-12-01", false);
    assert_int_equal(ssat_problems_count(p), 4);
    assert_int_equal(ssat_problems_error_count(p), 4);
    assert_string_equal(ssat_problems_at(p, 0)->id, "case.due.plan_review");
    assert_string_equal(ssat_problems_at(p, 1)->id, "case.due.idp_review");
    assert_string_equal(ssat_problems_at(p, 2)->field, "parents[M1].warnings");
    assert_string_equal(ssat_problems_at(p, 3)->field, "parents[F1].warnings");
    assert_ok(ssat_case_overdue(x.c, x.f.calendar, D("2025-12-01"), p));
    assert_int_equal(ssat_problems_count(p), 8);
    ssat_problems_free(p);
    case_fx_free(&x);
}

static void arguments(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    ssat_problems *p = NULL;
    assert_ok(ssat_problems_new(&p, NULL));
    assert_status_msg(ssat_case_overdue(NULL, NULL, D("2024-09-01"), p), SSAT_ERR_INVALID_ARG, "'c'");
    assert_status_msg(ssat_case_overdue(x.c, NULL, D("2024-09-01"), NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_case_overdue(x.c, NULL, -10000000, p), SSAT_ERR_INVALID_ARG, "'on'");
    assert_int_equal(ssat_problems_count(p), 0);
    ssat_problems_free(p);
    case_fx_free(&x);
}

/* A problem list that runs out of memory part-way is left as it was. */
static void out_of_memory(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    inject_few(&x, "2024-10-18");
    case_fx_apply(&x, "plan_started", "2024-10-18", NULL, "psp");
    case_fx_apply(&x, "penalty_warning", "2024-10-21", "M1", NULL);
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    ssat_problems *p = NULL;
    assert_ok(ssat_problems_new(&p, &a));
    assert_ok(ssat_case_overdue(x.c, x.f.calendar, D("2025-12-01"), p));
    assert_int_equal(ssat_problems_count(p), 2);
    for (size_t k = 1;; k++) {
        h.fail_at = h.calls + k;
        h.failures = 0;
        ssat_status st = ssat_case_overdue(x.c, x.f.calendar, D("2025-12-01"), p);
        h.fail_at = 0;
        if (h.failures == 0) {
            assert_ok(st);
            break;
        }
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_int_equal(ssat_problems_count(p), 2);
    }
    assert_int_equal(ssat_problems_count(p), 4);
    ssat_problems_free(p);
    assert_heap_clean(&h);
    case_fx_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_reviews),
        cmocka_unit_test(referral_decision),
        cmocka_unit_test(improvement_period),
        cmocka_unit_test(payment_windows),
        cmocka_unit_test(payment_windows_from_receipt),
        cmocka_unit_test(several_and_appended),
        cmocka_unit_test(arguments),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
