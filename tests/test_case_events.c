/* Tests of the case's events, guards and transitions (lib/case/case_events.c,
 * case_guards.c, case_guards_external.c, case_apply.c): four realistic cases walked
 * step by step, every guard blocking once and allowing once, the argument checks of ssat_case_apply()
 * and ssat_case_next(), allocation failure, and a property test over long random event sequences. */
/* These tests call ssat_case_apply() too, the deprecated wrapper kept until the SOVERSION changes. */
#define SSAT_DISABLE_DEPRECATION_WARNINGS
#include "support.h"

#include "case_fixture.h"
#include "heap.h"

/* ---- helpers ----------------------------------------------------------------------------------------- */

/* The register of the walks: 80 present and 20 unauthorised ("O") sessions up to 2024-11-15 (80 %,
 * R1 and R2 met; the penalty limbs met for the autumn term). */
static void poor_attendance(case_fx *x)
{
    fixture_add(&x->f, "/", 80);
    fixture_add(&x->f, "O", 20);
    assert_int_equal(x->f.last, D("2024-11-15"));
}

/* The school's work before a referral: concern, letters, a meeting, support. */
static void school_work(case_fx *x)
{
    case_fx_apply(x, "concern_raised", "2024-09-20", NULL, NULL);
    assert_case_state(x, SSAT_CASE_SCHOOL_CONCERN);
    case_fx_apply(x, "letter_sent", "2024-09-23", NULL, "attendance_concern");
    assert_case_state(x, SSAT_CASE_ENGAGEMENT);
    case_fx_apply(x, "letter_sent", "2024-09-25", "", "meeting_invitation");
    assert_case_state(x, SSAT_CASE_ENGAGEMENT);
    case_fx_apply(x, "meeting_held", "2024-10-01", NULL, "attended");
    assert_case_state(x, SSAT_CASE_ENGAGEMENT);
    case_fx_apply(x, "support_offered", "2024-10-02", NULL, "mentoring");
    assert_case_state(x, SSAT_CASE_ENGAGEMENT);
}

/* A case referred on 2024-11-15, accepted and with the Family Engagement Worker from 2024-11-19. */
static void to_few(case_fx *x)
{
    poor_attendance(x);
    school_work(x);
    case_fx_pack(x, "2024-11-15");
    case_fx_apply(x, "referral_submitted", "2024-11-15", NULL, NULL);
    case_fx_apply(x, "referral_accepted", "2024-11-18", NULL, NULL);
    case_fx_apply(x, "few_contact", "2024-11-19", NULL, NULL);
    assert_case_state(x, SSAT_CASE_FEW_ENGAGED);
}

/* Attendance continues up to 2024-12-20 (YTD stays below 90 %), with one day of unauthorised absence
 * on 2024-11-21: absence continued in the improvement period after a warning of 2024-11-20, so a
 * notice may follow it (a parent who complied must not be fined). */
static void more_attendance(case_fx *x)
{
    fixture_add(&x->f, "/", 6);
    fixture_add(&x->f, "O", 2);
    fixture_add(&x->f, "/", 42);
    assert_int_equal(x->f.last, D("2024-12-20"));
}

/* to_few, a warning to `parent` on 2024-11-20, and a notice on 2024-12-12 (16 school days later). */
static void to_notice(case_fx *x, const char *parent)
{
    to_few(x);
    more_attendance(x);
    case_fx_apply(x, "penalty_warning", "2024-11-20", parent, NULL);
    case_fx_apply(x, "notice_issued", "2024-12-12", parent, NULL);
    assert_case_state(x, SSAT_CASE_STATUTORY);
}

static const ssat_trail_entry *last_entry(const case_fx *x)
{
    size_t n = ssat_case_trail_count(x->c);
    assert_true(n > 0);
    return ssat_case_trail_at(x->c, n - 1);
}

static void assert_last_values(const case_fx *x, const char *needle)
{
    const char *v = last_entry(x)->guard_values;
    if (strstr(v, needle) == NULL)
        fail_msg("guard values \"%s\" do not contain \"%s\"", v, needle);
}

/* Replaying the trail and saving and loading give the same case. */
static void assert_replays(const case_fx *x)
{
    ssat_case *r = NULL, *l = NULL;
    assert_ok(ssat_case_replay(x->c, &r));
    assert_true(ssat_case_equal(x->c, r));
    char *t = case_fx_json(x->c);
    assert_ok(ssat_case_from_json(t, strlen(t), x->f.policy, &l));
    assert_true(ssat_case_equal(x->c, l));
    ssat_free(t);
    ssat_case_free(r);
    ssat_case_free(l);
}

/* ---- the four walks ---------------------------------------------------------------------------------- */

/* Referral, acceptance, the FEW, improvement and closure. */
static void walk_referral_improvement_closure(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    poor_attendance(&x);
    assert_case_state(&x, SSAT_CASE_MONITORING);
    school_work(&x);
    case_fx_apply(&x, "plan_started", "2024-10-07", NULL, "psp");
    assert_case_state(&x, SSAT_CASE_ENGAGEMENT);
    assert_int_equal(ssat_case_plan_active(x.c, "psp"), 1);
    case_fx_pack(&x, "2024-11-15");
    case_fx_apply(&x, "referral_submitted", "2024-11-15", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_REFERRED);
    assert_last_values(&x, "referral=met; referral.r1.attendance=met 80/100; referral.r2.unauthorised=met 20");
    assert_last_values(&x, "evidence.errors=0");
    case_fx_apply(&x, "referral_accepted", "2024-11-22", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_ACCEPTED);
    case_fx_apply(&x, "few_contact", "2024-11-25", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_FEW_ENGAGED);
    case_fx_apply(&x, "plan_reviewed", "2024-11-26", NULL, "psp");
    assert_case_state(&x, SSAT_CASE_FEW_ENGAGED);
    case_fx_refused(&x, "closed", "2025-02-03", NULL, "improved", "case.guard.improved");
    assert_case_state(&x, SSAT_CASE_FEW_ENGAGED);
    case_fx_apply(&x, "attendance_improved", "2025-02-03", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_FEW_ENGAGED);
    case_fx_apply(&x, "plan_ended", "2025-02-03", NULL, "psp");
    assert_int_equal(ssat_case_plan_active(x.c, "psp"), 0);
    case_fx_apply(&x, "closed", "2025-02-10", NULL, "improved");
    assert_case_state(&x, SSAT_CASE_CLOSED);
    case_fx_refused(&x, "concern_raised", "2025-03-01", NULL, NULL, "case.guard.state");
    assert_int_equal(ssat_case_trail_count(x.c), 13);
    const ssat_trail_entry *e = last_entry(&x);
    assert_string_equal(e->event, "closed");
    assert_string_equal(e->detail, "improved");
    assert_int_equal(e->state_before, SSAT_CASE_FEW_ENGAGED);
    assert_int_equal(e->state_after, SSAT_CASE_CLOSED);
    assert_int_equal(e->sequence, 13);
    assert_replays(&x);
    case_fx_free(&x);
}

/* Referral, the FEW, a warning, a notice refused during the improvement period then issued, and paid. */
static void walk_referral_few_warning_notice_payment(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_few(&x);
    more_attendance(&x);
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    assert_case_state(&x, SSAT_CASE_STATUTORY);
    assert_last_values(&x, "pupil.compulsory_age=yes");
    case_fx_refused(&x, "notice_issued", "2024-11-27", "M1", NULL, "case.guard.penalty");
    assert_non_null(strstr(x.message, "penalty.guard.improvement_period"));
    assert_case_state(&x, SSAT_CASE_STATUTORY);
    case_fx_apply(&x, "few_contact", "2024-12-02", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_STATUTORY);
    case_fx_apply(&x, "notice_issued", "2024-12-12", "M1", NULL);
    assert_case_state(&x, SSAT_CASE_STATUTORY);
    assert_last_values(&x, "notice.absence=2024-09-02 AM..2024-12-12 PM");
    assert_last_values(&x, "penalty=met");
    assert_last_values(&x, "penalty.guard.improvement_period=met 16");
    case_fx_refused(&x, "notice_issued", "2024-12-13", "M1", NULL, "case.guard.penalty"); /* a duplicate */
    assert_non_null(strstr(x.message, "penalty.guard.duplicate"));
    case_fx_apply(&x, "notice_paid", "2024-12-30", "M1", NULL);
    assert_case_state(&x, SSAT_CASE_STATUTORY);
    assert_last_values(&x, "payment.days=18 of 42; payment.amount_pence=6000; payment.stage=early");
    case_fx_refused(&x, "notice_paid", "2024-12-31", "M1", NULL, "case.guard.notice_open");
    assert_int_equal(ssat_case_trail_count(x.c), 12);
    assert_replays(&x);
    case_fx_free(&x);
}

/* A parenting contract refused, which makes the referral possible. */
static void walk_contract_refused_then_referral(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    poor_attendance(&x);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_SCHOOL_CONCERN);
    case_fx_refused(&x, "contract_offered", "2024-09-21", NULL, NULL, "case.guard.state");
    case_fx_apply(&x, "letter_sent", "2024-09-23", NULL, "attendance_concern");
    assert_case_state(&x, SSAT_CASE_ENGAGEMENT);
    case_fx_apply(&x, "meeting_held", "2024-10-01", NULL, "attended");
    assert_case_state(&x, SSAT_CASE_ENGAGEMENT);
    case_fx_apply(&x, "contract_offered", "2024-10-03", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_ENGAGEMENT);
    assert_int_equal(ssat_case_contract(x.c), SSAT_CONTRACT_OFFERED);
    case_fx_pack(&x, "2024-11-18");
    case_fx_refused(&x, "referral_submitted", "2024-11-15", NULL, NULL, "case.guard.contract_not_live");
    assert_case_state(&x, SSAT_CASE_ENGAGEMENT);
    case_fx_apply(&x, "contract_refused", "2024-11-18", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_ENGAGEMENT);
    assert_int_equal(ssat_case_contract(x.c), SSAT_CONTRACT_DECLINED);
    case_fx_apply(&x, "referral_submitted", "2024-11-18", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_REFERRED);
    assert_last_values(&x, "contract=declined; referral=met");
    case_fx_apply(&x, "referral_accepted", "2024-11-25", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_ACCEPTED);
    assert_int_equal(ssat_case_contract(x.c), SSAT_CONTRACT_DECLINED);
    assert_int_equal(ssat_case_trail_count(x.c), 7);
    assert_replays(&x);
    case_fx_free(&x);
}

/* A referral returned for missing minutes; the school records a new meeting, whose minutes are missing
 * at first (the referral is refused), fixes them, and the referral is accepted. */
static void walk_referral_returned_fixed_accepted(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    poor_attendance(&x);
    school_work(&x);
    size_t form = case_fx_pack(&x, "2024-11-15");
    case_fx_apply(&x, "referral_submitted", "2024-11-15", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_REFERRED);
    case_fx_apply(&x, "referral_returned", "2024-11-20", NULL, "minutes of a meeting with the parents are missing");
    assert_case_state(&x, SSAT_CASE_RETURNED);
    case_fx_apply(&x, "meeting_held", "2024-11-21", NULL, "attended");
    assert_case_state(&x, SSAT_CASE_RETURNED);
    ssat_pack *p = ssat_case_pack(x.c);
    size_t m = case_fx_item(p, "meeting", (const char *const[]){"invitation_date", "2024-11-20", "held", "yes",
                                                               "date", "2024-11-21", "time", "15:00",
                                                               "parent_attended", "yes", NULL});
    assert_ok(ssat_pack_set(p, form, "referral_date", "2024-11-25"));
    assert_ok(ssat_pack_set(p, form, "signed_date", "2024-11-25"));
    case_fx_refused(&x, "referral_submitted", "2024-11-25", NULL, NULL, "case.guard.referral");
    assert_non_null(strstr(x.message, "referral.r4.evidence"));
    assert_case_state(&x, SSAT_CASE_RETURNED);
    assert_ok(ssat_pack_set(p, m, "outcome", "Attendance plan reviewed; mentoring continues"));
    case_fx_apply(&x, "referral_submitted", "2024-11-25", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_REFERRED);
    case_fx_apply(&x, "referral_accepted", "2024-11-29", NULL, NULL);
    assert_case_state(&x, SSAT_CASE_ACCEPTED);
    assert_int_equal(ssat_case_trail_count(x.c), 10);
    assert_replays(&x);
    case_fx_free(&x);
}

/* ---- every guard blocks once and allows once ------------------------------------------------------------ */

static void guard_state(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    case_fx_refused(&x, "referral_accepted", "2024-09-20", NULL, NULL, "case.guard.state");
    const ssat_criterion *k = NULL;
    assert_ok(ssat_decision_find(x.refusal, "case.guard.state", &k));
    assert_non_null(strstr(k->message_en, "monitoring"));
    assert_non_null(strstr(k->message_en, "referred to the SSAT"));
    assert_non_null(strstr(k->message_cy, "monitro"));
    assert_non_null(strstr(k->message_cy, "wedi'i atgyfeirio"));
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    case_fx_free(&x);
}

static const ssat_criterion *next_criterion(const ssat_decision *d, const char *event)
{
    char id[64];
    const ssat_criterion *k = NULL;
    snprintf(id, sizeof id, "case.event.%s", event);
    assert_ok(ssat_decision_find(d, id, &k));
    return k;
}

static void guard_parent(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_few(&x);
    ssat_decision *d = NULL;
    assert_ok(ssat_case_next(x.c, x.f.reg, x.f.calendar, D("2024-11-20"), NULL, &d));
    const ssat_criterion *k = next_criterion(d, "penalty_warning");
    assert_int_equal(k->outcome, SSAT_OUTCOME_NOT_MET);
    assert_non_null(strstr(k->message_en, "name the parent"));
    assert_non_null(strstr(k->message_cy, "nodwch y rhiant"));
    ssat_decision_free(d);
    assert_ok(ssat_case_next(x.c, x.f.reg, x.f.calendar, D("2024-11-20"), "M1", &d));
    assert_int_equal(next_criterion(d, "penalty_warning")->outcome, SSAT_OUTCOME_MET);
    ssat_decision_free(d);
    case_fx_free(&x);
}

static void guard_contracts(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    school_work(&x);
    case_fx_refused(&x, "contract_signed", "2024-10-03", NULL, NULL, "case.guard.contract_offered");
    case_fx_refused(&x, "contract_breached", "2024-10-03", NULL, NULL, "case.guard.contract_agreed");
    case_fx_apply(&x, "contract_offered", "2024-10-03", NULL, NULL);
    case_fx_refused(&x, "contract_offered", "2024-10-04", NULL, NULL, "case.guard.contract_not_live");
    case_fx_refused(&x, "contract_completed", "2024-10-04", NULL, NULL, "case.guard.contract_agreed");
    case_fx_apply(&x, "contract_signed", "2024-10-04", NULL, NULL);
    assert_int_equal(ssat_case_contract(x.c), SSAT_CONTRACT_AGREED);
    case_fx_refused(&x, "contract_refused", "2024-10-05", NULL, NULL, "case.guard.contract_offered");
    case_fx_apply(&x, "contract_breached", "2024-10-20", NULL, NULL);
    assert_int_equal(ssat_case_contract(x.c), SSAT_CONTRACT_BREACHED);
    case_fx_apply(&x, "contract_offered", "2024-10-21", NULL, NULL);
    case_fx_apply(&x, "contract_signed", "2024-10-22", NULL, NULL);
    case_fx_apply(&x, "contract_completed", "2024-12-20", NULL, NULL);
    assert_int_equal(ssat_case_contract(x.c), SSAT_CONTRACT_COMPLETED);
    case_fx_free(&x);
}

static void guard_plans(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    case_fx_refused(&x, "plan_reviewed", "2024-09-10", NULL, "idp", "case.guard.plan_active");
    case_fx_refused(&x, "plan_ended", "2024-09-10", NULL, "psp", "case.guard.plan_active");
    case_fx_apply(&x, "plan_started", "2024-09-10", NULL, "idp"); /* an IDP may precede any concern */
    assert_case_state(&x, SSAT_CASE_MONITORING);
    case_fx_refused(&x, "plan_started", "2024-09-11", NULL, "idp", "case.guard.plan_inactive");
    const ssat_criterion *k = NULL;
    assert_ok(ssat_decision_find(x.refusal, "case.guard.plan_inactive", &k));
    assert_non_null(strstr(k->message_cy, "cynllun datblygu unigol"));
    case_fx_apply(&x, "plan_started", "2024-09-11", NULL, "psp");
    case_fx_apply(&x, "plan_reviewed", "2024-10-11", NULL, "idp");
    case_fx_apply(&x, "plan_ended", "2024-10-12", NULL, "idp");
    assert_int_equal(ssat_case_plan_active(x.c, "idp"), 0);
    assert_int_equal(ssat_case_plan_active(x.c, "psp"), 1);
    case_fx_free(&x);
}

/* ESO first (s447), then prosecution considered, started and concluded; no notice or warning while it
 * is open. */
static void guard_prosecution(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_few(&x);
    more_attendance(&x);
    case_fx_refused(&x, "prosecution_considered", "2024-11-20", "M1", NULL, "case.guard.state");
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    case_fx_refused(&x, "prosecution_considered", "2024-11-21", "M1", NULL, "case.guard.eso_first");
    case_fx_refused(&x, "prosecution_started", "2024-11-21", "M1", "s444(1)", "case.guard.prosecution_considered");
    case_fx_refused(&x, "prosecution_concluded", "2024-11-21", "M1", "convicted", "case.guard.prosecution_open");
    case_fx_apply(&x, "eso_considered", "2024-11-21", "M1", NULL);
    case_fx_apply(&x, "prosecution_considered", "2024-11-22", "M1", NULL);
    case_fx_refused(&x, "prosecution_considered", "2024-11-23", "M1", NULL, "case.guard.no_prosecution");
    case_fx_refused(&x, "notice_issued", "2024-12-12", "M1", NULL, "case.guard.no_prosecution");
    case_fx_refused(&x, "penalty_warning", "2024-12-12", "M1", NULL, "case.guard.no_prosecution");
    case_fx_refused(&x, "closed", "2024-12-12", NULL, "proceedings_concluded", "case.guard.proceedings_concluded");
    case_fx_apply(&x, "prosecution_started", "2024-12-12", "M1", "s444(1A)");
    case_fx_refused(&x, "prosecution_started", "2024-12-13", "M1", "s444(1)", "case.guard.prosecution_considered");
    case_fx_apply(&x, "prosecution_concluded", "2025-02-03", "M1", "convicted; fined");
    case_fx_apply(&x, "penalty_warning", "2025-02-04", "M1", NULL); /* no prosecution open any more */
    case_fx_apply(&x, "closed", "2025-02-05", NULL, "proceedings_concluded");
    assert_case_state(&x, SSAT_CASE_CLOSED);
    assert_replays(&x);
    case_fx_free(&x);
}

/* A notice served by `service` ("posted", "hand", "" none) on 2024-12-12 after a warning to M1. */
static void to_served_notice(case_fx *x, const char *service)
{
    to_few(x);
    more_attendance(x);
    case_fx_apply(x, "penalty_warning", "2024-11-20", "M1", NULL);
    case_fx_apply(x, "notice_issued", "2024-12-12", "M1", service);
}

/* The case again with receipt_is_day_one (England's counting) on the fixture's policy. */
static void day_one_policy(case_fx *x)
{
    assert_ok(ssat_policy_set_bool(x->f.policy, "penalty.amount.receipt_is_day_one", 1));
    ssat_case_free(x->c);
    assert_ok(ssat_case_new("P1", x->f.policy, &x->c));
    case_fx_pupil(x->c);
}

/* Issue 14 item b: the paid and unpaid steps count from receipt. Posted on Thursday 2024-12-12, the
 * notice is deemed received on Monday 2024-12-16 (two working days); the late period is 42 days. */
static void payment_from_receipt(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_served_notice(&x, "posted");
    assert_string_equal(last_entry(&x)->detail, "posted");
    /* Day 42 from receipt (day 46 from issue): not yet unpaid; the message names the day of receipt. */
    case_fx_refused(&x, "notice_unpaid", "2025-01-27", "M1", NULL, "case.guard.payment_period_over");
    const ssat_criterion *k = NULL;
    assert_ok(ssat_decision_find(x.refusal, "case.guard.payment_period_over", &k));
    assert_non_null(strstr(k->message_en, "Only day 42 of the payment period, which runs from receipt of the notice "
                                          "on 16 December 2024"));
    assert_non_null(strstr(k->message_cy, "y cafwyd yr hysbysiad, 16 Rhagfyr 2024"));
    case_fx_apply(&x, "notice_unpaid", "2025-01-28", "M1", NULL);
    assert_last_values(&x, "payment.days=43 of 42; payment.received=2024-12-16 (posted)");
    char *t = case_fx_json(x.c);
    assert_non_null(strstr(t, "\"posted\""));
    assert_non_null(strstr(t, "2024-12-16"));
    ssat_free(t);
    assert_replays(&x);
    case_fx_free(&x);

    /* Paid on day 42 from receipt: the late amount, and the payment guard says so from receipt. */
    case_fx_init(&x);
    to_served_notice(&x, "posted");
    case_fx_apply(&x, "notice_paid", "2025-01-27", "M1", NULL);
    assert_last_values(&x, "payment.days=42 of 42; payment.received=2024-12-16 (posted); "
                           "payment.amount_pence=12000; payment.stage=late");
    assert_replays(&x);
    case_fx_free(&x);

    /* Paid before the deemed day of receipt: as if on it (day 0), the early amount. */
    case_fx_init(&x);
    to_served_notice(&x, "posted");
    case_fx_apply(&x, "notice_paid", "2024-12-13", "M1", NULL);
    assert_last_values(&x, "payment.days=0 of 42; payment.received=2024-12-16 (posted); "
                           "payment.amount_pence=6000; payment.stage=early");
    case_fx_free(&x);

    /* By hand: received the day it is issued; the same days as a notice without a detail. */
    case_fx_init(&x);
    to_served_notice(&x, "hand");
    case_fx_refused(&x, "notice_unpaid", "2025-01-23", "M1", NULL, "case.guard.payment_period_over");
    case_fx_refused(&x, "notice_paid", "2025-01-24", "M1", NULL, "case.guard.payment_period");
    assert_ok(ssat_decision_find(x.refusal, "case.guard.payment_period", &k));
    assert_non_null(strstr(k->message_en, "Day 43 of the payment period, which runs from receipt of the notice on "
                                          "12 December 2024"));
    case_fx_apply(&x, "notice_unpaid", "2025-01-24", "M1", NULL);
    assert_last_values(&x, "payment.days=43 of 42; payment.received=2024-12-12 (hand)");
    assert_replays(&x);
    case_fx_free(&x);

    /* Without a detail: as before (received = issued, "the notice of"), and saved without a service. */
    case_fx_init(&x);
    to_served_notice(&x, NULL);
    case_fx_refused(&x, "notice_unpaid", "2025-01-23", "M1", NULL, "case.guard.payment_period_over");
    assert_ok(ssat_decision_find(x.refusal, "case.guard.payment_period_over", &k));
    assert_non_null(strstr(k->message_en, "Only 42 days have passed since the notice of 12 December 2024"));
    case_fx_apply(&x, "notice_unpaid", "2025-01-24", "M1", NULL);
    assert_last_values(&x, "payment.days=43 of 42");
    assert_null(strstr(last_entry(&x)->guard_values, "payment.received"));
    t = case_fx_json(x.c);
    assert_null(strstr(t, "\"service\""));
    assert_null(strstr(t, "\"received\""));
    ssat_free(t);
    assert_replays(&x);
    case_fx_free(&x);

    /* With receipt_is_day_one the day of receipt is day 1: day 43 is the 2025-01-27. A notice without a
     * detail still counts as before (day 1 the day after issue). */
    case_fx_init(&x);
    day_one_policy(&x);
    to_served_notice(&x, "posted");
    case_fx_refused(&x, "notice_unpaid", "2025-01-26", "M1", NULL, "case.guard.payment_period_over");
    case_fx_apply(&x, "notice_unpaid", "2025-01-27", "M1", NULL);
    assert_last_values(&x, "payment.days=43 of 42; payment.received=2024-12-16 (posted)");
    assert_replays(&x);
    case_fx_free(&x);
    case_fx_init(&x);
    day_one_policy(&x);
    to_served_notice(&x, "");
    case_fx_refused(&x, "notice_unpaid", "2025-01-23", "M1", NULL, "case.guard.payment_period_over");
    case_fx_apply(&x, "notice_unpaid", "2025-01-24", "M1", NULL);
    case_fx_free(&x);

    /* Any other service is refused, naming the choices. */
    case_fx_init(&x);
    to_few(&x);
    more_attendance(&x);
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    assert_status_msg(ssat_case_apply(x.c, x.f.reg, x.f.calendar, "notice_issued", D("2024-12-12"), "a", "b", "M1",
                                      "email", NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "takes one of \"posted\", \"hand\", or no detail");
    case_fx_free(&x);
}

static void guard_notices(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_few(&x);
    case_fx_apply(&x, "eso_considered", "2024-11-20", "M1", NULL);
    case_fx_refused(&x, "notice_withdrawn", "2024-11-20", "M1", NULL, "case.guard.notice_open");
    case_fx_refused(&x, "notice_paid", "2024-11-20", "M1", NULL, "case.guard.notice_open");
    const ssat_criterion *k = NULL;
    assert_ok(ssat_decision_find(x.refusal, "case.guard.payment_period", &k)); /* listed too: no notice */
    assert_non_null(strstr(k->message_en, "No penalty notice"));
    case_fx_free(&x);

    case_fx_init(&x);
    to_notice(&x, "M1");
    case_fx_apply(&x, "eso_considered", "2024-12-13", "M1", NULL);
    case_fx_refused(&x, "prosecution_considered", "2024-12-16", "M1", NULL, "case.guard.no_notice_open");
    case_fx_refused(&x, "notice_unpaid", "2025-01-10", "M1", NULL, "case.guard.payment_period_over"); /* day 29 */
    case_fx_refused(&x, "notice_paid", "2025-01-24", "M1", NULL, "case.guard.payment_period");        /* day 43 */
    case_fx_apply(&x, "notice_unpaid", "2025-01-24", "M1", NULL);
    case_fx_apply(&x, "prosecution_considered", "2025-01-27", "M1", NULL);
    assert_replays(&x);
    case_fx_free(&x);

    case_fx_init(&x);
    to_notice(&x, "F1");
    case_fx_apply(&x, "notice_paid", "2025-01-23", "F1", NULL); /* day 42: the late amount */
    assert_last_values(&x, "payment.days=42 of 42; payment.amount_pence=12000; payment.stage=late");
    case_fx_free(&x);

    case_fx_init(&x);
    to_notice(&x, "M1");
    case_fx_apply(&x, "notice_withdrawn", "2024-12-13", "M1", NULL);
    case_fx_refused(&x, "notice_withdrawn", "2024-12-13", "M1", NULL, "case.guard.notice_open");
    case_fx_free(&x);
}

static void guard_improved(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    case_fx_refused(&x, "attendance_improved", "2024-09-20", NULL, NULL, "case.guard.state");
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    case_fx_refused(&x, "closed", "2024-10-20", NULL, "improved", "case.guard.improved");
    case_fx_apply(&x, "attendance_improved", "2024-10-20", NULL, NULL);
    case_fx_apply(&x, "closed", "2024-10-21", NULL, "improved");
    assert_case_state(&x, SSAT_CASE_CLOSED);
    case_fx_free(&x);
}

static void guard_referral(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    fixture_add(&x.f, "/", 100); /* full attendance: R1 and R2 not met */
    school_work(&x);
    case_fx_pack(&x, "2024-11-15");
    case_fx_refused(&x, "referral_submitted", "2024-11-15", NULL, NULL, "case.guard.referral");
    assert_non_null(strstr(x.message, "referral.r1.attendance, referral.r2.unauthorised"));
    const ssat_criterion *k = NULL;
    assert_ok(ssat_decision_find(x.refusal, "case.guard.referral", &k));
    assert_non_null(strstr(k->message_cy, "Nid yw meini prawf atgyfeirio"));
    /* Without a register nothing can be checked. */
    char *before = case_fx_json(x.c);
    assert_status_msg(ssat_case_apply(x.c, NULL, x.f.calendar, "referral_submitted", D("2024-11-15"), "a", "b", NULL,
                                      NULL, NULL, NULL), SSAT_ERR_STATE, "register");
    assert_status_msg(ssat_case_apply(x.c, x.f.reg, NULL, "referral_submitted", D("2024-11-15"), "a", "b", NULL,
                                      NULL, NULL, NULL), SSAT_ERR_STATE, "calendar");
    /* A date outside the calendar's school year: the rule cannot run and says why. */
    assert_status_msg(ssat_case_apply(x.c, x.f.reg, x.f.calendar, "referral_submitted", D("2025-09-01"), "a", "b",
                                      NULL, NULL, NULL, NULL), SSAT_ERR_STATE, "outside the calendar's school year");
    char *after = case_fx_json(x.c);
    assert_string_equal(before, after);
    ssat_free(before);
    ssat_free(after);
    case_fx_free(&x);

    case_fx_init(&x);
    poor_attendance(&x);
    school_work(&x);
    case_fx_pack(&x, "2024-11-15");
    case_fx_apply(&x, "referral_submitted", "2024-11-15", NULL, NULL);
    case_fx_free(&x);
}

static void guard_penalty(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_few(&x);
    more_attendance(&x);
    case_fx_refused(&x, "notice_issued", "2024-12-12", "M1", NULL, "case.guard.penalty"); /* no warning */
    assert_non_null(strstr(x.message, "penalty.guard.warning"));
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    case_fx_refused(&x, "notice_issued", "2024-12-12", "F1", NULL, "case.guard.penalty"); /* F1 was not warned */
    assert_status_msg(ssat_case_apply(x.c, NULL, NULL, "notice_issued", D("2024-12-12"), "a", "b", "M1", NULL, NULL,
                                      NULL), SSAT_ERR_STATE, "register and the school calendar");
    case_fx_apply(&x, "notice_issued", "2024-12-12", "M1", NULL);
    case_fx_free(&x);
}

/* The limit of notices to one parent: two in 12 months by default, then a third is refused. */
static void guard_penalty_parent_limit(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_notice(&x, "M1");
    fixture_add(&x.f, "O", 20); /* spring term: 20 more unauthorised sessions */
    fixture_add(&x.f, "/", 30);
    case_fx_apply(&x, "notice_paid", "2024-12-20", "M1", NULL);
    case_fx_apply(&x, "notice_issued", "2025-02-10", "M1", NULL); /* the spring term's absence */
    case_fx_apply(&x, "notice_paid", "2025-02-11", "M1", NULL);
    fixture_add(&x.f, "O", 10);
    fixture_add(&x.f, "/", 70);
    case_fx_refused(&x, "notice_issued", "2025-05-12", "M1", NULL, "case.guard.penalty");
    assert_non_null(strstr(x.message, "penalty.guard.parent_limit"));
    case_fx_free(&x);
}

static void guard_compulsory_age_and_roll(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_few(&x);
    ssat_pupil *p = ssat_case_pupil(x.c);
    assert_ok(ssat_pupil_set_fact(p, SSAT_PUPIL_ON_ROLL, SSAT_FACT_NO));
    case_fx_refused(&x, "penalty_warning", "2024-11-20", "M1", NULL, "case.guard.on_roll");
    case_fx_refused(&x, "eso_considered", "2024-11-20", "M1", NULL, "case.guard.on_roll");
    assert_ok(ssat_pupil_set_fact(p, SSAT_PUPIL_ON_ROLL, SSAT_FACT_UNKNOWN));
    case_fx_refused(&x, "penalty_warning", "2024-11-20", "M1", NULL, "case.guard.on_roll");
    const ssat_criterion *k = NULL;
    assert_ok(ssat_decision_find(x.refusal, "case.guard.on_roll", &k));
    assert_int_equal(k->outcome, SSAT_OUTCOME_UNKNOWN);
    assert_string_equal(k->missing, "roll status");
    assert_ok(ssat_pupil_set_fact(p, SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES));
    case_fx_refused(&x, "sao_issued", "2024-11-20", "M1", NULL, "case.guard.not_on_roll");

    /* Unknown date of birth (a new case's pupil record): statutory action refused with the reason. */
    ssat_case *c2 = NULL;
    assert_ok(ssat_case_new("P2", x.f.policy, &c2));
    ssat_case *keep = x.c;
    x.c = c2;
    case_fx_refused(&x, "penalty_warning", "2024-11-20", "M1", NULL, "case.guard.state");
    assert_ok(ssat_decision_find(x.refusal, "case.guard.compulsory_age", &k));
    assert_int_equal(k->outcome, SSAT_OUTCOME_UNKNOWN);
    assert_string_equal(k->missing, "date of birth");
    assert_non_null(strstr(k->message_en, "date of birth is not known"));
    x.c = keep;
    ssat_case_free(c2);

    /* Past compulsory school age: born 2008-07-01, it ended on the last Friday of June 2024. */
    assert_ok(ssat_pupil_set_date_of_birth(p, D("2008-07-01")));
    case_fx_refused(&x, "penalty_warning", "2024-11-20", "M1", NULL, "case.guard.compulsory_age");
    assert_ok(ssat_decision_find(x.refusal, "case.guard.compulsory_age", &k));
    assert_non_null(strstr(k->message_en, "is not of compulsory school age"));
    assert_non_null(strstr(k->message_cy, "nid yw'r disgybl"));
    assert_ok(ssat_pupil_set_date_of_birth(p, D("2012-05-01")));
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    assert_ok(ssat_pupil_set_fact(p, SSAT_PUPIL_ON_ROLL, SSAT_FACT_NO));
    case_fx_apply(&x, "sao_issued", "2024-11-21", "M1", NULL);
    assert_last_values(&x, "pupil.on_roll=no");
    assert_replays(&x); /* the pupil's facts changed since: replay trusts what the guards saw then */
    case_fx_free(&x);
}

static void guard_left_compulsory_age(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    case_fx_refused(&x, "pupil_left", "2024-09-21", NULL, "left_compulsory_age", "case.guard.left_compulsory_age");
    assert_ok(ssat_pupil_set_date_of_birth(ssat_case_pupil(x.c), D("2008-07-01")));
    case_fx_apply(&x, "pupil_left", "2024-09-21", NULL, "left_compulsory_age");
    assert_case_state(&x, SSAT_CASE_CLOSED);
    case_fx_free(&x);

    case_fx_init(&x);
    case_fx_apply(&x, "pupil_left", "2024-09-21", NULL, "moved_authority"); /* no age guard for this reason */
    assert_case_state(&x, SSAT_CASE_CLOSED);
    case_fx_refused(&x, "pupil_left", "2024-09-22", NULL, "ehe", "case.guard.state");
    case_fx_free(&x);
}

/* The refusal decision lists every guard of the event, in order, with its outcome. */
static void refusal_lists_every_guard(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_few(&x);
    assert_ok(ssat_pupil_set_fact(ssat_case_pupil(x.c), SSAT_PUPIL_ON_ROLL, SSAT_FACT_NO));
    case_fx_refused(&x, "notice_issued", "2024-11-20", "M1", NULL, "case.guard.on_roll");
    static const char *const ids[] = {"case.guard.state", "case.guard.no_prosecution", "case.guard.contract_not_live",
                                      "case.guard.compulsory_age", "case.guard.on_roll", "case.guard.penalty"};
    static const ssat_outcome outcomes[] = {SSAT_OUTCOME_MET, SSAT_OUTCOME_MET, SSAT_OUTCOME_MET, SSAT_OUTCOME_MET,
                                            SSAT_OUTCOME_NOT_MET, SSAT_OUTCOME_NOT_MET};
    assert_int_equal(ssat_decision_count(x.refusal), 6);
    for (size_t i = 0; i < 6; i++) {
        const ssat_criterion *k = ssat_decision_at(x.refusal, i);
        assert_string_equal(k->id, ids[i]);
        assert_int_equal(k->outcome, outcomes[i]);
        assert_true(strlen(k->message_en) > 0 && strlen(k->message_cy) > 0);
        assert_string_not_equal(k->message_en, k->message_cy);
    }
    /* The first failed guard is named in the error message. */
    assert_non_null(strstr(x.message, "notice_issued refused on 2024-11-20: case.guard.on_roll"));
    case_fx_free(&x);
}

/* ---- arguments ---------------------------------------------------------------------------------------- */

static void apply_arguments(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    ssat_case *c = x.c;
    ssat_date d = D("2024-09-20");
    ssat_decision *r = (ssat_decision *)&x; /* must be set to NULL */
    assert_status_msg(ssat_case_apply(NULL, NULL, NULL, "concern_raised", d, "a", "b", NULL, NULL, NULL, &r),
                      SSAT_ERR_INVALID_ARG, "'c'");
    assert_null(r);
    assert_status_msg(ssat_case_apply(c, NULL, NULL, NULL, d, "a", "b", NULL, NULL, NULL, NULL), SSAT_ERR_INVALID_ARG,
                      "'event'");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern", d, "a", "b", NULL, NULL, NULL, NULL),
                      SSAT_ERR_NOT_FOUND, "no event \"concern\"");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", d, NULL, "b", NULL, NULL, NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'actor'");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", d, "a", NULL, NULL, NULL, NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'role'");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", d, "", "b", NULL, NULL, NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'actor' must be 1 to 128 bytes");
    char long_text[SSAT__CASE_NOTE_MAX + 2];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", d, "a", long_text + SSAT__CASE_NOTE_MAX - 128,
                                      NULL, NULL, NULL, NULL), SSAT_ERR_INVALID_ARG, "'role' must be 1 to 128 bytes");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", d, "a\x01", "b", NULL, NULL, NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'actor' holds a control character");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", d, "\xC3\x28", "b", NULL, NULL, NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'actor' is not valid UTF-8");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", d, "a", "b", NULL, NULL, long_text, NULL),
                      SSAT_ERR_INVALID_ARG, "'note' must be 0 to 4096 bytes");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", -10000000, "a", "b", NULL, NULL, NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'date'");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", d, "a", "b", "M1", NULL, NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'parent_id' must be NULL");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "concern_raised", d, "a", "b", NULL, "x", NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "takes no detail");
    assert_int_equal(ssat_case_trail_count(c), 0);
    /* A note may hold line breaks; it is kept. */
    assert_ok(ssat_case_apply(c, NULL, NULL, "concern_raised", d, "Ms Jones", "Head of Year", NULL, "",
                              "Phoned home.\nNo answer.", &r));
    assert_null(r);
    assert_string_equal(ssat_case_trail_at(c, 0)->note, "Phoned home.\nNo answer.");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "letter_sent", d - 1, "a", "b", NULL, "warning", NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "before the last event in the trail (2024-09-20)");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "letter_sent", d, "a", "b", NULL, NULL, NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "takes one of \"attendance_concern\"");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "letter_sent", d, "a", "b", NULL, "postcard", NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'detail' \"postcard\"");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "referral_returned", d, "a", "b", NULL, "", NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'detail' must be 1 to 256 bytes");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "penalty_warning", d, "a", "b", NULL, NULL, NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "'parent_id' is required");
    assert_status_msg(ssat_case_apply(c, NULL, NULL, "penalty_warning", d, "a", "b", long_text + 4000, NULL, NULL,
                                      NULL), SSAT_ERR_INVALID_ARG, "'parent_id' must be 1 to 64 bytes");
    assert_int_equal(ssat_case_trail_count(c), 1);
    case_fx_free(&x);
}

static void next_lists_every_event(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    ssat_decision *d = (ssat_decision *)&x;
    assert_status_msg(ssat_case_next(x.c, NULL, NULL, D("2024-09-01"), NULL, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_case_next(NULL, NULL, NULL, D("2024-09-01"), NULL, &d), SSAT_ERR_INVALID_ARG, "'c'");
    assert_null(d);
    assert_ok(ssat_case_next(x.c, NULL, NULL, D("2024-09-01"), "", &d)); /* "" is no parent */
    ssat_decision_free(d);
    assert_status_msg(ssat_case_next(x.c, NULL, NULL, -10000000, NULL, &d), SSAT_ERR_INVALID_ARG, "'date'");
    assert_status_msg(ssat_case_next(x.c, NULL, NULL, D("2024-09-01"), "\x01", &d), SSAT_ERR_INVALID_ARG,
                      "'parent_id'");
    assert_ok(ssat_case_next(x.c, x.f.reg, x.f.calendar, D("2024-09-02"), "M1", &d));
    assert_string_equal(ssat_decision_kind(d), "next");
    assert_int_equal(ssat_decision_outcome(d), SSAT_OUTCOME_MET);
    assert_int_equal(ssat_decision_count(d), ssat_case_event_count());
    for (size_t i = 0; i < ssat_case_event_count(); i++) {
        const ssat_criterion *k = ssat_decision_at(d, i);
        char id[64];
        snprintf(id, sizeof id, "case.event.%s", ssat_case_event_at(i));
        assert_string_equal(k->id, id);
        bool possible = strcmp(ssat_case_event_at(i), "concern_raised") == 0 ||
                        strcmp(ssat_case_event_at(i), "plan_started") == 0 ||
                        strcmp(ssat_case_event_at(i), "pupil_left") == 0 || strcmp(ssat_case_event_at(i), "closed") == 0;
        if ((k->outcome == SSAT_OUTCOME_MET) != possible)
            fail_msg("%s: outcome %d: %s", id, (int)k->outcome, k->message_en);
        assert_null(strchr(k->message_en, '{'));
        assert_null(strchr(k->message_cy, '{'));
        assert_string_not_equal(k->message_en, k->message_cy);
    }
    assert_string_equal(next_criterion(d, "concern_raised")->message_en, "Concern raised: possible on 2 September 2024");
    assert_string_equal(next_criterion(d, "concern_raised")->message_cy, "Pryder wedi'i godi: yn bosibl ar 2 Medi 2024");
    const ssat_criterion *k = next_criterion(d, "referral_accepted");
    assert_non_null(strstr(k->message_en, "Referral accepted by the SSAT: not possible on 2 September 2024: The case is in "
                                          "the state “monitoring”"));
    assert_non_null(strstr(k->message_cy, "nid yw'n bosibl ar 2 Medi 2024: Mae'r achos yn y cyflwr “monitro”"));
    ssat_decision_free(d);
    /* Nothing changed, and a date before the last event is refused. */
    assert_int_equal(ssat_case_trail_count(x.c), 0);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    assert_status_msg(ssat_case_next(x.c, NULL, NULL, D("2024-09-19"), NULL, &d), SSAT_ERR_INVALID_ARG,
                      "before the last event");
    /* A closed case: nothing is possible but voiding an entry (a case closed by mistake is reopened so). */
    case_fx_apply(&x, "closed", "2024-09-20", NULL, "other");
    assert_ok(ssat_case_next(x.c, NULL, NULL, D("2024-09-21"), "M1", &d));
    for (size_t i = 0; i < ssat_decision_count(d); i++)
        assert_int_equal(ssat_decision_at(d, i)->outcome, strcmp(ssat_decision_at(d, i)->id,
                                                                 "case.event.entry_voided") == 0
                                                              ? SSAT_OUTCOME_MET
                                                              : SSAT_OUTCOME_NOT_MET);
    ssat_decision_free(d);
    case_fx_free(&x);
}

/* ---- allocation failure -------------------------------------------------------------------------------- */

/* Every allocation of an applied event (and of a refusal) can fail: the call fails with NOMEM, the case
 * is unchanged, nothing leaks. */
static void apply_out_of_memory(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    case_fx x;
    case_fx_init(&x);
    ssat_policy_free(x.f.policy);
    x.f.policy = NULL;
    assert_ok(ssat_policy_builtin("carmarthenshire", &a, &x.f.policy));
    ssat_case_free(x.c);
    assert_ok(ssat_case_new("P1", x.f.policy, &x.c));
    case_fx_pupil(x.c);
    to_few(&x);
    more_attendance(&x);
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    static const char *const events[][3] = {{"notice_issued", "2024-12-12", "M1"},
                                            {"notice_issued", "2024-12-12", "F1"}, /* refused */
                                            {"notice_paid", "2024-12-13", "M1"}};
    for (size_t e = 0; e < 3; e++) {
        bool done = false;
        for (size_t k = 1; !done; k++) {
            char *before = case_fx_json(x.c);
            ssat_decision *r = NULL;
            h.fail_at = h.calls + k;
            ssat_status st = ssat_case_apply(x.c, x.f.reg, x.f.calendar, events[e][0], D(events[e][1]), "a", "b",
                                             events[e][2], NULL, NULL, &r);
            h.fail_at = 0;
            done = h.failures == 0;
            if (!done)
                assert_int_equal(st, SSAT_ERR_NOMEM);
            if (st == SSAT_ERR_NOMEM) {
                assert_null(r);
                char *after = case_fx_json(x.c);
                assert_string_equal(before, after);
                ssat_free(after);
            } else {
                assert_int_equal(st, e == 1 ? SSAT_ERR_STATE : SSAT_OK);
                assert_true(e == 1 ? r != NULL : r == NULL);
            }
            ssat_decision_free(r);
            ssat_free(before);
            h.failures = 0;
        }
    }
    ssat_decision *d = NULL;
    for (size_t k = 1;; k++) {
        h.fail_at = h.calls + k;
        ssat_status st = ssat_case_next(x.c, x.f.reg, x.f.calendar, D("2024-12-20"), "M1", &d);
        h.fail_at = 0;
        if (st == SSAT_OK)
            break;
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_null(d);
    }
    ssat_decision_free(d);
    case_fx_free(&x);
    assert_heap_clean(&h);
}

/* ---- property test ------------------------------------------------------------------------------------- */

typedef struct prng {
    uint64_t s;
} prng;

static uint64_t prng_next(prng *p)
{
    p->s ^= p->s >> 12;
    p->s ^= p->s << 25;
    p->s ^= p->s >> 27;
    return p->s * 2685821657736338717ULL;
}

static size_t prng_below(prng *p, size_t n)
{
    return (size_t)(prng_next(p) % n);
}

static const char *random_detail(prng *p, const char *event)
{
    static const struct {
        const char *event;
        const char *choices[6];
    } details[] = {
        {"letter_sent", {"attendance_concern", "meeting_invitation", "warning", "penalty_warning", "other", NULL}},
        {"meeting_held", {"attended", "not_attended", NULL}},
        {"support_offered", {"mentoring", "", "counselling", NULL}},
        {"plan_started", {"psp", "idp", NULL}},
        {"plan_reviewed", {"psp", "idp", NULL}},
        {"plan_ended", {"psp", "idp", NULL}},
        {"referral_returned", {"evidence incomplete", NULL}},
        {"prosecution_started", {"s444(1)", "s444(1A)", NULL}},
        {"prosecution_concluded", {"convicted", "withdrawn", NULL}},
        {"pupil_left", {"left_compulsory_age", "moved_authority", "off_roll", "ehe", "other", NULL}},
        {"closed", {"improved", "proceedings_concluded", "other", NULL}},
        {"entry_voided", {"1", "2", "5", "13", "40", NULL}}, /* often no such entry, or one the rest needs */
    };
    for (size_t i = 0; i < sizeof details / sizeof details[0]; i++)
        if (strcmp(details[i].event, event) == 0) {
            size_t n = 0;
            while (details[i].choices[n] != NULL)
                n++;
            return details[i].choices[prng_below(p, n)];
        }
    return NULL;
}

static bool statutory(const char *event)
{
    static const char *const ids[] = {"penalty_warning", "notice_issued", "notice_paid", "notice_unpaid",
                                      "notice_withdrawn", "eso_considered", "prosecution_considered",
                                      "prosecution_started", "prosecution_concluded", "sao_issued"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (strcmp(ids[i], event) == 0)
            return true;
    return false;
}

/* An event, a third of the time one that ssat_case_next() says is possible; closing events are rare, so that
 * sequences reach the later states. */
static const char *random_event(prng *p, const case_fx *x, ssat_date date, const char *parent)
{
    const char *event = NULL;
    for (int tries = 0; tries < 10; tries++) {
        event = ssat_case_event_at(prng_below(p, ssat_case_event_count()));
        if (prng_below(p, 3) == 0) {
            ssat_decision *d = NULL;
            assert_ok(ssat_case_next(x->c, x->f.reg, x->f.calendar, date, parent, &d));
            const char *possible[64];
            size_t n = 0;
            for (size_t i = 0; i < ssat_decision_count(d); i++)
                if (ssat_decision_at(d, i)->outcome == SSAT_OUTCOME_MET)
                    possible[n++] = ssat_case_event_at(i);
            ssat_decision_free(d);
            if (n > 0)
                event = possible[prng_below(p, n)];
        }
        if ((strcmp(event, "closed") != 0 && strcmp(event, "pupil_left") != 0) || prng_below(p, 20) == 0)
            break;
    }
    return event;
}

/* Long random sequences: a refused event never changes the case; saving and loading, and replaying the
 * trail, give the same case. */
static void random_sequences(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    /* A register with every kind of absence over the whole year. */
    static const char *const codes[] = {"/", "/", "/", "/", "/", "/", "O", "G", "U", "I", "M", "L"};
    prng p = {0x9E3779B97F4A7C15ULL};
    for (int i = 0; i < 400; i++)
        fixture_add(&x.f, codes[prng_below(&p, sizeof codes / sizeof codes[0])], 1);
    ssat_case_free(x.c);
    x.c = NULL;
    size_t applied = 0, refused = 0;
    for (int seq = 0; seq < 200; seq++) {
        assert_ok(ssat_case_new("P1", x.f.policy, &x.c));
        case_fx_pupil(x.c);
        if (seq % 2 == 0)
            case_fx_pack(&x, "2024-11-15");
        ssat_date date = D("2024-09-02") + (ssat_date)prng_below(&p, 30);
        char *before = case_fx_json(x.c); /* the case as it is before each event */
        for (int step = 0; step < 50; step++) {
            date += (ssat_date)prng_below(&p, 7);
            if (date > D("2025-07-31"))
                date = D("2025-07-31");
            const char *parent = prng_below(&p, 3) == 0 ? "F1" : "M1";
            const char *event = random_event(&p, &x, date, parent);
            const char *detail = random_detail(&p, event);
            if (prng_below(&p, 20) == 0) { /* the pupil record changes outside the trail */
                assert_ok(ssat_pupil_set_fact(ssat_case_pupil(x.c), SSAT_PUPIL_ON_ROLL,
                                              (ssat_fact)prng_below(&p, 3)));
                ssat_free(before);
                before = case_fx_json(x.c);
            }
            size_t count = ssat_case_trail_count(x.c);
            ssat_status st = ssat_case_apply(x.c, x.f.reg, x.f.calendar, event, date, "actor", "role",
                                             statutory(event) ? parent : NULL, detail, "note", NULL);
            char *after = case_fx_json(x.c);
            if (st == SSAT_OK) {
                applied++;
                assert_int_equal(ssat_case_trail_count(x.c), count + 1);
            } else {
                if (st != SSAT_ERR_STATE)
                    fail_msg("%s on step %d: %s", event, step, ssat_error_message());
                refused++;
                assert_string_equal(before, after); /* a refused event changed nothing */
            }
            ssat_free(before);
            before = after;
        }
        ssat_free(before);
        /* Saved, loaded; replayed: the same case, and the same document. */
        char *t = case_fx_json(x.c);
        ssat_case *l = NULL, *r = NULL;
        assert_ok(ssat_case_from_json(t, strlen(t), x.f.policy, &l));
        assert_true(ssat_case_equal(x.c, l));
        assert_ok(ssat_case_replay(x.c, &r));
        assert_true(ssat_case_equal(x.c, r));
        char *t2 = case_fx_json(r);
        assert_string_equal(t, t2);
        ssat_free(t);
        ssat_free(t2);
        ssat_case_free(l);
        ssat_case_free(r);
        ssat_case_free(x.c);
        x.c = NULL;
    }
    print_message("random sequences: %zu applied, %zu refused\n", applied, refused);
    /* Both kinds happen often enough to mean something. */
    assert_true(applied > 2000);
    assert_true(refused > 2000);
    case_fx_free(&x);
}


/* ---- correcting mistakes (issue 15 item 5) and implausible dates (item 6) ------------------------------ */

static ssat_status void_entry(case_fx *x, const char *date, const char *which, const char *why)
{
    return ssat_case_apply(x->c, NULL, NULL, "entry_voided", D(date), "Mr Rhys Owen", "Attendance officer", NULL,
                           which, why, NULL);
}

/* A mistyped date no longer freezes a case: the entry is voided by appending, with who and why; the
 * state is what the other entries give; the voided entry stays in the trail, and all of it survives
 * saving, loading and replay. */
static void void_corrects_a_typed_date(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    /* The first entry typed far in the future: every real later date is refused ... */
    case_fx_apply(&x, "concern_raised", "2199-09-20", NULL, NULL);
    assert_status_msg(ssat_case_apply(x.c, NULL, NULL, "letter_sent", D("2024-09-23"), "Ms Jones", "HoY", NULL,
                                      "attendance_concern", NULL, NULL),
                      SSAT_ERR_INVALID_ARG, "is before the last event in the trail (2199-09-20)");
    /* ... until it is voided (dated when the mistake is corrected); then it is recorded again. */
    assert_ok(void_entry(&x, "2024-09-21", "1", "Typed 2199 for 2024"));
    assert_int_equal(ssat_case_get_state(x.c), SSAT_CASE_MONITORING);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    case_fx_apply(&x, "letter_sent", "2024-09-23", NULL, "attendance_concern");
    /* A later mistake: a meeting typed a year late, voided, then recorded with its real date. */
    case_fx_apply(&x, "meeting_held", "2025-09-01", NULL, "attended");
    assert_ok(void_entry(&x, "2024-10-02", "5", "The meeting was on 1 October 2024"));
    case_fx_apply(&x, "meeting_held", "2024-10-01", NULL, "attended");
    assert_int_equal(ssat_case_get_state(x.c), SSAT_CASE_ENGAGEMENT);
    assert_int_equal(ssat_case_trail_count(x.c), 7);
    const ssat_trail_entry *voided = ssat_case_trail_at(x.c, 0), *by = ssat_case_trail_at(x.c, 1);
    assert_int_equal(voided->voided_by, 2);
    assert_string_equal(voided->event, "concern_raised");
    assert_string_equal(by->event, "entry_voided");
    assert_string_equal(by->detail, "1");
    assert_string_equal(by->actor, "Mr Rhys Owen");
    assert_string_equal(by->note, "Typed 2199 for 2024");
    assert_string_equal(by->guard_values, "voids=1");
    assert_int_equal(ssat_case_trail_at(x.c, 4)->voided_by, 6);
    assert_int_equal(ssat_case_trail_at(x.c, 2)->voided_by, 0);
    /* Saved and loaded, replayed: the same case, voids included. */
    char *t = case_fx_json(x.c);
    ssat_case *l = NULL, *r = NULL;
    assert_ok(ssat_case_from_json(t, strlen(t), x.f.policy, &l));
    assert_true(ssat_case_equal(x.c, l));
    assert_int_equal(ssat_case_trail_at(l, 0)->voided_by, 2);
    assert_ok(ssat_case_replay(x.c, &r));
    assert_true(ssat_case_equal(x.c, r));
    ssat_case_free(r);
    ssat_case_free(l);
    ssat_free(t);
    /* A case closed by mistake is reopened by voiding the closing entry. */
    case_fx_apply(&x, "closed", "2024-10-03", NULL, "other");
    assert_ok(void_entry(&x, "2024-10-04", "8", "Closed the wrong pupil's case"));
    assert_int_equal(ssat_case_get_state(x.c), SSAT_CASE_ENGAGEMENT);
    case_fx_free(&x);
}

/* What cannot be voided, and what an entry_voided must say. */
static void void_refusals(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    case_fx_apply(&x, "letter_sent", "2024-09-23", NULL, "attendance_concern");
    assert_status_msg(void_entry(&x, "2024-09-24", "1", NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'note' is required: entry_voided says why the entry is void");
    assert_status_msg(void_entry(&x, "2024-09-24", "first", "why"), SSAT_ERR_INVALID_ARG,
                      "argument 'detail' must be the sequence number of the entry to void");
    assert_status_msg(void_entry(&x, "2024-09-24", "01", "why"), SSAT_ERR_INVALID_ARG, "sequence number");
    assert_status_msg(void_entry(&x, "2024-09-24", "3", "why"), SSAT_ERR_STATE,
                      "case.guard.voidable: The trail has no entry 3: name the entry to void by its sequence number, "
                      "1 to 2");
    /* The concern cannot go while the letter, which needs it, stands: void the later entry first. */
    assert_status_msg(void_entry(&x, "2024-09-24", "1", "why"), SSAT_ERR_STATE,
                      "Without entry 1, entry 2 (letter_sent) would not have been possible: void the later entries "
                      "first");
    assert_ok(void_entry(&x, "2024-09-24", "2", "Letter not sent after all"));
    assert_status_msg(void_entry(&x, "2024-09-24", "2", "again"), SSAT_ERR_STATE,
                      "Entry 2 was already voided by entry 3");
    assert_status_msg(void_entry(&x, "2024-09-24", "3", "undo"), SSAT_ERR_STATE,
                      "Entry 3 voids another entry: an entry that voids cannot itself be voided");
    /* Welsh in the refusal decision. */
    ssat_decision *d = NULL;
    assert_int_equal(ssat_case_apply(x.c, NULL, NULL, "entry_voided", D("2024-09-24"), "a", "b", NULL, "9", "why",
                                     &d),
                     SSAT_ERR_STATE);
    assert_non_null(d);
    assert_non_null(strstr(ssat_decision_at(d, 0)->message_cy, "Nid oes cofnod 9 yn y trywydd"));
    ssat_decision_free(d);
    /* ssat_case_next: voiding is possible while an entry can be voided. */
    assert_ok(ssat_case_next(x.c, NULL, NULL, D("2024-09-25"), NULL, &d));
    const ssat_criterion *k = next_criterion(d, "entry_voided");
    assert_int_equal(k->outcome, SSAT_OUTCOME_MET);
    ssat_decision_free(d);
    case_fx_free(&x);
}

/* Implausible dates are refused with what is wrong: a year outside 1900..2199, before the pupil's birth,
 * before 1 August of the case's first school year, more than case.max_gap_days after the entry before. */
static void implausible_dates(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    assert_status_msg(ssat_case_apply(x.c, NULL, NULL, "concern_raised", D("9999-12-31"), "a", "b", NULL, NULL, NULL,
                                      NULL),
                      SSAT_ERR_INVALID_ARG, "argument 'date' (9999-12-31): the year 9999 is outside 1900..2199");
    assert_status_msg(ssat_case_apply(x.c, NULL, NULL, "concern_raised", D("1899-12-31"), "a", "b", NULL, NULL, NULL,
                                      NULL),
                      SSAT_ERR_INVALID_ARG, "the year 1899 is outside 1900..2199");
    ssat_decision *d = NULL;
    assert_status_msg(ssat_case_next(x.c, NULL, NULL, D("2200-01-01"), NULL, &d), SSAT_ERR_INVALID_ARG,
                      "the year 2200 is outside");
    assert_status_msg(ssat_case_apply(x.c, NULL, NULL, "concern_raised", D("2012-04-30"), "a", "b", NULL, NULL, NULL,
                                      NULL),
                      SSAT_ERR_INVALID_ARG, "argument 'date' (2012-04-30) is before the pupil's date of birth (2012-05-01)");
    assert_int_equal(ssat_case_trail_count(x.c), 0);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    /* 367 days after the previous entry: refused; 366: accepted. */
    assert_status_msg(ssat_case_apply(x.c, NULL, NULL, "letter_sent", D("2025-09-22"), "a", "b", NULL, "warning", NULL,
                                      NULL),
                      SSAT_ERR_INVALID_ARG, "argument 'date' (2025-09-22) is 367 days after the previous entry (entry 1, "
                      "2024-09-20): more than case.max_gap_days (366); is the date mistyped?");
    case_fx_apply(&x, "letter_sent", "2025-09-21", NULL, "warning");
    /* A void's date is not bound by the gap, but by 1 August of the case's first school year. */
    assert_status_msg(void_entry(&x, "2024-07-31", "2", "typo"), SSAT_ERR_INVALID_ARG,
                      "argument 'date' (2024-07-31) is before 1 August 2024, the start of the case's first school year "
                      "(2024/25, entry 1)");
    assert_ok(void_entry(&x, "2024-08-01", "2", "typo"));
    /* The policy sets the gap. */
    ssat_case *c = NULL;
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_copy(x.f.policy, &p));
    assert_ok(ssat_policy_set_int(p, "case.max_gap_days", 800));
    assert_ok(ssat_case_new("P1", p, &c));
    assert_ok(ssat_case_apply(c, NULL, NULL, "concern_raised", D("2024-09-20"), "a", "b", NULL, NULL, NULL, NULL));
    assert_ok(ssat_case_apply(c, NULL, NULL, "letter_sent", D("2026-09-20"), "a", "b", NULL, "warning", NULL, NULL));
    ssat_case_free(c);
    ssat_policy_free(p);
    case_fx_free(&x);
}

/* A case whose policy has `key` set to `value` (the case copies its policy when made). */
static void case_with_policy(case_fx *x, const char *key, int32_t value)
{
    case_fx_init(x);
    ssat_case_free(x->c);
    assert_ok(ssat_policy_set_bool(x->f.policy, key, value));
    assert_ok(ssat_case_new("P1", x->f.policy, &x->c));
    case_fx_pupil(x->c);
}

/* Item j: the guards stricter than the law are named policy values. A contract merely offered blocks a
 * referral by default ("case.contract_offered_blocks"); when the authority says no, only an agreed one
 * does. A prosecution considered blocks every notice by default ("case.prosecution_blocks_every_notice");
 * when not, the notice rule decides (its proceedings guard bars a notice for the same absence). */
static void stricter_guards_are_policy_values(void **state)
{
    (void)state;
    case_fx x;
    case_with_policy(&x, "case.contract_offered_blocks", 0);
    poor_attendance(&x);
    school_work(&x);
    case_fx_apply(&x, "contract_offered", "2024-10-03", NULL, NULL);
    case_fx_pack(&x, "2024-11-15");
    case_fx_apply(&x, "referral_submitted", "2024-11-15", NULL, NULL); /* the offer is still open */
    assert_case_state(&x, SSAT_CASE_REFERRED);
    case_fx_free(&x);

    case_with_policy(&x, "case.prosecution_blocks_every_notice", 0);
    to_few(&x);
    more_attendance(&x);
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    case_fx_apply(&x, "eso_considered", "2024-11-21", "M1", NULL);
    case_fx_apply(&x, "prosecution_considered", "2024-11-22", "M1", NULL);
    /* no longer the case guard: the rule's, for the same absence */
    case_fx_refused(&x, "notice_issued", "2024-12-12", "M1", NULL, "case.guard.penalty");
    assert_non_null(strstr(x.message, "penalty.guard.proceedings"));
    case_fx_refused(&x, "penalty_warning", "2024-12-12", "M1", NULL, "case.guard.no_prosecution"); /* unchanged */
    case_fx_free(&x);
}

/* Item f: a school may ask for a notice once the criteria hold and a warning was given, without an SSAT
 * referral ("case.notice_without_referral", default true), with the same guards; a school attendance
 * order for a child on no school's roll does not wait for a referral either. */
static void notice_without_referral(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    poor_attendance(&x);
    school_work(&x);
    more_attendance(&x);
    assert_case_state(&x, SSAT_CASE_ENGAGEMENT);
    case_fx_refused(&x, "notice_issued", "2024-11-20", "M1", NULL, "case.guard.penalty"); /* no warning yet */
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    case_fx_apply(&x, "notice_issued", "2024-12-12", "M1", NULL);
    assert_case_state(&x, SSAT_CASE_STATUTORY);
    case_fx_free(&x);

    /* the policy may require the referral first */
    case_with_policy(&x, "case.notice_without_referral", 0);
    poor_attendance(&x);
    school_work(&x);
    case_fx_refused(&x, "penalty_warning", "2024-11-20", "M1", NULL, "case.guard.state");
    case_fx_free(&x);

    /* a school attendance order for a child on no school's roll, after a concern, with no referral */
    case_fx_init(&x);
    assert_ok(ssat_pupil_set_fact(ssat_case_pupil(x.c), SSAT_PUPIL_ON_ROLL, SSAT_FACT_NO));
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    case_fx_apply(&x, "sao_issued", "2024-10-01", "M1", NULL);
    assert_case_state(&x, SSAT_CASE_STATUTORY);
    case_fx_free(&x);
}

/* Item e: the Welsh limit on notices is per parent across all their children. The parent's notices for
 * the pupil's siblings come with the event (ssat_case_apply_with_history) and count towards the limit
 * of 2 in 12 months; entries about the case's own pupil are the case's. */
static void notices_for_siblings_count(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    to_few(&x);
    more_attendance(&x);
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    ssat_parent *history = NULL;
    ssat_window w;
    assert_ok(ssat_parent_new("M1", NULL, &history));
    assert_ok(ssat_window_range(D("2024-01-08"), D("2024-02-09"), &w));
    assert_ok(ssat_parent_add(history, SSAT_PARENT_NOTICE, "P2", D("2024-02-20"), &w)); /* a sibling */
    assert_ok(ssat_parent_add(history, SSAT_PARENT_NOTICE, "P1", D("2024-03-20"), &w)); /* ignored: the case's */
    ssat_decision *refusal = NULL;
    assert_ok(ssat_case_apply_with_history(x.c, x.f.reg, x.f.calendar, history, "notice_issued", D("2024-12-12"),
                                           "Ms Jones", "attendance officer", "M1", NULL, NULL, &refusal));
    assert_null(refusal);
    case_fx_free(&x);

    /* two notices for siblings in the 12 months: the limit is reached */
    case_fx_init(&x);
    to_few(&x);
    more_attendance(&x);
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    assert_ok(ssat_parent_add(history, SSAT_PARENT_NOTICE, "P3", D("2024-06-20"), &w));
    assert_status_msg(ssat_case_apply_with_history(x.c, x.f.reg, x.f.calendar, history, "notice_issued",
                                                   D("2024-12-12"), "Ms Jones", "attendance officer", "M1", NULL,
                                                   NULL, &refusal),
                      SSAT_ERR_STATE, "case.guard.penalty");
    assert_non_null(refusal);
    ssat_decision_free(refusal);
    /* without the history the case sees none of them */
    case_fx_apply(&x, "notice_issued", "2024-12-12", "M1", NULL);
    ssat_parent_free(history);
    case_fx_free(&x);
}

/* ssat_case_apply_event (issue 16): the event as a struct with a version. SSAT_CASE_EVENT_INIT sets the
 * version and nothing else; a version of 0 or newer than the library's is refused; messages name the
 * new call; it records exactly what the deprecated member-by-member call records; the history member
 * counts the siblings' notices as ssat_case_apply_with_history() did. */

/* Parent M1's history: notices about two siblings (P2, P3) in the year before the case's notices, which
 * reach a limit of 2 notices to a parent. */
static ssat_parent *two_sibling_notices(void)
{
    ssat_parent *history = NULL;
    ssat_window w;
    assert_ok(ssat_parent_new("M1", NULL, &history));
    assert_ok(ssat_window_range(D("2024-01-08"), D("2024-02-09"), &w));
    assert_ok(ssat_parent_add(history, SSAT_PARENT_NOTICE, "P2", D("2024-02-20"), &w));
    assert_ok(ssat_parent_add(history, SSAT_PARENT_NOTICE, "P3", D("2024-06-20"), &w));
    return history;
}

static void apply_event_struct(void **state)
{
    (void)state;
    ssat_case_event e = SSAT_CASE_EVENT_INIT;
    assert_int_equal(e.version, SSAT_CASE_EVENT_VERSION);
    assert_null(e.event);
    assert_null(e.actor);
    assert_null(e.history);
    assert_int_equal(e.date, 0);
    case_fx x;
    case_fx_init(&x);
    e.event = "concern_raised";
    e.date = D("2024-09-20");
    e.actor = "Ms Jones";
    e.role = "Head of Year 8";
    ssat_decision *r = (ssat_decision *)&x; /* must be set to NULL */
    assert_status_msg(ssat_case_apply_event(NULL, &e, &r), SSAT_ERR_INVALID_ARG, "ssat_case_apply_event: argument 'c'");
    assert_null(r);
    assert_status_msg(ssat_case_apply_event(x.c, NULL, NULL), SSAT_ERR_INVALID_ARG, "argument 'event'");
    e.version = 0;
    assert_status_msg(ssat_case_apply_event(x.c, &e, NULL), SSAT_ERR_INVALID_ARG, "version 0 is not one");
    e.version = SSAT_CASE_EVENT_VERSION + 1;
    assert_status_msg(ssat_case_apply_event(x.c, &e, NULL), SSAT_ERR_INVALID_ARG, "SSAT_CASE_EVENT_INIT");
    e.version = SSAT_CASE_EVENT_VERSION;
    e.actor = "";
    assert_status_msg(ssat_case_apply_event(x.c, &e, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_case_apply_event: argument 'actor' must be 1 to 128 bytes");
    assert_int_equal(ssat_case_trail_count(x.c), 0);
    e.actor = "Ms Jones";
    assert_ok(ssat_case_apply_event(x.c, &e, NULL));
    e.event = "letter_sent";
    e.date = D("2024-09-23");
    e.detail = "attendance_concern";
    e.note = "first letter";
    assert_ok(ssat_case_apply_event(x.c, &e, NULL));
    /* the same events through the deprecated call: the same case */
    case_fx y;
    case_fx_init(&y);
    assert_ok(ssat_case_apply(y.c, NULL, NULL, "concern_raised", D("2024-09-20"), "Ms Jones", "Head of Year 8", NULL,
                              NULL, NULL, NULL));
    assert_ok(ssat_case_apply(y.c, NULL, NULL, "letter_sent", D("2024-09-23"), "Ms Jones", "Head of Year 8", NULL,
                              "attendance_concern", "first letter", NULL));
    assert_true(ssat_case_equal(x.c, y.c));
    assert_status_msg(ssat_case_apply(y.c, NULL, NULL, "concern_raised", D("2024-09-24"), "", "b", NULL, NULL, NULL,
                                      NULL),
                      SSAT_ERR_INVALID_ARG, "ssat_case_apply: argument 'actor'");
    case_fx_free(&y);
    case_fx_free(&x);

    /* the history member: two notices to M1 for siblings in 12 months reach the limit */
    case_fx_init(&x);
    to_few(&x);
    more_attendance(&x);
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    ssat_parent *history = two_sibling_notices();
    ssat_case_event n = SSAT_CASE_EVENT_INIT;
    n.event = "notice_issued";
    n.date = D("2024-12-12");
    n.actor = "Ms Jones";
    n.role = "attendance officer";
    n.parent_id = "M1";
    n.reg = x.f.reg;
    n.calendar = x.f.calendar;
    n.history = history;
    ssat_decision *refusal = NULL;
    assert_status_msg(ssat_case_apply_event(x.c, &n, &refusal), SSAT_ERR_STATE,
                      "ssat_case_apply_event: notice_issued refused on 2024-12-12: case.guard.penalty");
    assert_non_null(refusal);
    ssat_decision_free(refusal);
    n.history = NULL; /* without it the case sees none of them */
    assert_ok(ssat_case_apply_event(x.c, &n, &refusal));
    assert_null(refusal);
    ssat_parent_free(history);
    case_fx_free(&x);
}

/* ---- the previous school year (ssat_case_event version 2) ---------------------------------------------- */

/* England's limb window is the last 10 school weeks (docs/rules.md, worked example): on Wednesday 25
 * September 2024 this year has four, and the six others are the weeks of 10 June to 15 July 2024 in the
 * previous year's calendar (fixture_previous_calendar(), rules_fixture.h). */
/* The previous year's register with `n` (4 or 5) unauthorised sessions in the window's weeks, and one
 * before it (7 June) that does not count. */
static ssat_register *previous_register(const case_fx *x, int n)
{
    ssat_register *r = NULL;
    assert_ok(ssat_register_new(x->f.codes, &r));
    assert_ok(ssat_register_add_mark(r, D("2024-06-07"), SSAT_AM, "O"));
    assert_ok(ssat_register_add_mark(r, D("2024-06-10"), SSAT_AM, "O"));
    assert_ok(ssat_register_add_mark(r, D("2024-07-15"), SSAT_AM, "O"));
    assert_ok(ssat_register_add_mark(r, D("2024-07-15"), SSAT_PM, "O"));
    assert_ok(ssat_register_add_mark(r, D("2024-07-19"), SSAT_PM, "O"));
    if (n > 4)
        assert_ok(ssat_register_add_mark(r, D("2024-06-12"), SSAT_AM, "O"));
    return r;
}

/* An England case: 30 present and 5 unauthorised ("O") sessions this year, to 2024-09-25 AM (the O on 23,
 * 24 and 25 September); concern, letter and a warning to M1 on 2 September, so that the improvement
 * period (15 school days) is over by 25 September with absence in it. */
static void england_case_limit(case_fx *x, bool per_child)
{
    memset(x, 0, sizeof *x);
    fixture_init(&x->f, "england-2024");
    assert_ok(ssat_policy_set_bool(x->f.policy, "penalty.limit.per_child", per_child));
    assert_ok(ssat_case_new("P1", x->f.policy, &x->c));
    case_fx_pupil(x->c);
    fixture_add(&x->f, "/", 30);
    fixture_add(&x->f, "O", 5);
    assert_int_equal(x->f.last, D("2024-09-25"));
    case_fx_apply(x, "concern_raised", "2024-09-02", NULL, NULL);
    case_fx_apply(x, "letter_sent", "2024-09-02", NULL, "attendance_concern");
    case_fx_apply(x, "penalty_warning", "2024-09-02", "M1", NULL);
}

static void england_case(case_fx *x)
{
    england_case_limit(x, true);
}

static ssat_case_event notice_on(const case_fx *x, const char *date)
{
    ssat_case_event e = SSAT_CASE_EVENT_INIT;
    e.event = "notice_issued";
    e.date = D(date);
    e.actor = "Ms Jones";
    e.role = "attendance officer";
    e.parent_id = "M1";
    e.reg = x->f.reg;
    e.calendar = x->f.calendar;
    return e;
}

/* The penalty guard's outcome and values in a refusal. */
static const ssat_criterion *penalty_guard(const ssat_decision *refusal)
{
    const ssat_criterion *k = NULL;
    assert_non_null(refusal);
    assert_ok(ssat_decision_find(refusal, "case.guard.penalty", &k));
    return k;
}

/* A notice on 25 September 2024 under England's policy, whose 10 school weeks reach back into June:
 * refused while the previous year is unknown; applied with the previous year's register holding enough
 * unauthorised sessions, the trail recording the window from 10 June; refused (known not met) with one
 * that does not. */
static void notice_counts_previous_year(void **state)
{
    (void)state;
    ssat_calendar *prev_cal = fixture_previous_calendar();
    case_fx x;
    england_case(&x);
    ssat_register *enough = previous_register(&x, 5), *short_of = previous_register(&x, 4);
    ssat_case_event e = notice_on(&x, "2024-09-25");
    ssat_decision *refusal = NULL;
    /* without the previous year: the limb is unknown and the notice refused */
    assert_status_msg(ssat_case_apply_event(x.c, &e, &refusal), SSAT_ERR_STATE, "case.guard.penalty");
    assert_int_equal(penalty_guard(refusal)->outcome, SSAT_OUTCOME_UNKNOWN);
    assert_non_null(strstr(ssat_error_message(), "penalty.limb.combination"));
    ssat_decision_free(refusal);
    /* with a previous register short of the count: known not met (9 of 10) */
    e.previous_reg = short_of;
    e.previous_calendar = prev_cal;
    assert_status_msg(ssat_case_apply_event(x.c, &e, &refusal), SSAT_ERR_STATE, "case.guard.penalty");
    assert_int_equal(penalty_guard(refusal)->outcome, SSAT_OUTCOME_NOT_MET);
    ssat_decision_free(refusal);
    assert_int_equal(ssat_case_trail_count(x.c), 3);
    /* with enough: applied, over the window actually counted */
    e.previous_reg = enough;
    assert_ok(ssat_case_apply_event(x.c, &e, &refusal));
    assert_null(refusal);
    assert_case_state(&x, SSAT_CASE_STATUTORY);
    assert_last_values(&x, "notice.absence=2024-06-10 AM..");
    assert_last_values(&x, "penalty.limb.combination=met 10");
    char *json = case_fx_json(x.c);
    assert_non_null(strstr(json, "\"absence\": \"2024-06-10 AM.."));
    ssat_free(json);
    /* it replays from the trail alone, and saves and loads */
    assert_replays(&x);
    ssat_register_free(enough);
    ssat_register_free(short_of);
    ssat_calendar_free(prev_cal);
    case_fx_free(&x);
}

/* Arguments: only one of the two is INVALID_ARG naming the missing one; a calendar of another year and
 * a register in another code set refuse the notice, the reason naming the argument. */
static void notice_previous_year_errors(void **state)
{
    (void)state;
    ssat_calendar *prev_cal = fixture_previous_calendar();
    case_fx x;
    england_case(&x);
    ssat_register *prev = previous_register(&x, 5);
    ssat_case_event e = notice_on(&x, "2024-09-25");
    ssat_decision *refusal = NULL, *next = NULL;
    e.previous_reg = prev;
    assert_status_msg(ssat_case_apply_event(x.c, &e, &refusal), SSAT_ERR_INVALID_ARG,
                      "argument 'event.previous_calendar' is NULL while 'previous_reg' is given");
    assert_null(refusal);
    assert_status_msg(ssat_case_next_event(x.c, &e, &next), SSAT_ERR_INVALID_ARG,
                      "ssat_case_next_event: argument 'context.previous_calendar' is NULL");
    assert_null(next);
    e.previous_reg = NULL;
    e.previous_calendar = prev_cal;
    assert_status_msg(ssat_case_apply_event(x.c, &e, &refusal), SSAT_ERR_INVALID_ARG,
                      "argument 'event.previous_reg' is NULL while 'previous_calendar' is given");
    /* this year's calendar given as the previous year's */
    e.previous_reg = prev;
    e.previous_calendar = x.f.calendar;
    assert_status_msg(ssat_case_apply_event(x.c, &e, &refusal), SSAT_ERR_STATE, "case.guard.penalty");
    assert_non_null(strstr(ssat_error_message(), "argument 'previous_calendar' is the calendar of school year "
                                                 "2024/25; the previous school year is 2023/24"));
    assert_int_equal(penalty_guard(refusal)->outcome, SSAT_OUTCOME_NOT_MET);
    ssat_decision_free(refusal);
    /* a register in another code set */
    ssat_codeset *wales = NULL;
    ssat_register *other = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &wales));
    assert_ok(ssat_register_new(wales, &other));
    e.previous_reg = other;
    e.previous_calendar = prev_cal;
    assert_status_msg(ssat_case_apply_event(x.c, &e, NULL), SSAT_ERR_STATE, "case.guard.penalty");
    assert_non_null(strstr(ssat_error_message(), "argument 'previous_reg': the register's code set"));
    assert_int_equal(ssat_case_trail_count(x.c), 3);
    ssat_register_free(other);
    ssat_codeset_free(wales);
    ssat_register_free(prev);
    ssat_calendar_free(prev_cal);
    case_fx_free(&x);
}

/* A program compiled against 0.3 passes a version 1 struct, which ends after `history`: the library
 * reads nothing after it (here the bytes after it would make "only one of the two" if read). */
typedef struct event_v1 {
    uint32_t version;
    const char *event;
    ssat_date date;
    const char *actor, *role, *parent_id, *detail, *note;
    const ssat_register *reg;
    const ssat_calendar *calendar;
    const ssat_parent *history;
} event_v1;

static void event_version_1_still_works(void **state)
{
    (void)state;
    case_fx x;
    england_case(&x);
    struct {
        event_v1 v1;
        const void *after[2];
    } old = {{1, "notice_issued", D("2024-09-25"), "Ms Jones", "attendance officer", "M1", NULL, NULL, x.f.reg,
              x.f.calendar, NULL},
             {&x, NULL}};
    assert_int_equal(sizeof(event_v1), offsetof(ssat_case_event, previous_reg));
    ssat_decision *refusal = NULL, *next = NULL;
    const ssat_case_event *as_event = (const ssat_case_event *)(const void *)&old;
    /* read as version 1: no previous year, so the limb is unknown (not an argument error) */
    assert_status_msg(ssat_case_apply_event(x.c, as_event, &refusal), SSAT_ERR_STATE, "case.guard.penalty");
    assert_int_equal(penalty_guard(refusal)->outcome, SSAT_OUTCOME_UNKNOWN);
    ssat_decision_free(refusal);
    assert_ok(ssat_case_next_event(x.c, as_event, &next));
    const ssat_criterion *k = NULL;
    assert_ok(ssat_decision_find(next, "case.event.notice_issued", &k));
    assert_int_equal(k->outcome, SSAT_OUTCOME_NOT_MET);
    ssat_decision_free(next);
    old.v1.event = "attendance_improved";
    old.v1.parent_id = NULL;
    assert_ok(ssat_case_apply_event(x.c, as_event, NULL));
    assert_int_equal(ssat_case_trail_count(x.c), 4);
    case_fx_free(&x);
}

/* ssat_case_next_event: the same answers as applying, with the previous year and with the history;
 * ssat_case_next is it without them. */
static void next_event_counts_previous_year(void **state)
{
    (void)state;
    ssat_calendar *prev_cal = fixture_previous_calendar();
    case_fx x;
    england_case_limit(&x, false); /* the parent's limit across all their children, as in Wales */
    ssat_register *enough = previous_register(&x, 5), *short_of = previous_register(&x, 4);
    ssat_case_event ctx = notice_on(&x, "2024-09-25");
    ctx.event = "ignored";
    ctx.actor = NULL;
    ssat_decision *d = NULL;
    const ssat_criterion *k = NULL;
    /* without the previous year, as ssat_case_next */
    assert_ok(ssat_case_next_event(x.c, &ctx, &d));
    assert_ok(ssat_decision_find(d, "case.event.notice_issued", &k));
    assert_int_equal(k->outcome, SSAT_OUTCOME_NOT_MET);
    assert_non_null(strstr(k->message_en, "penalty.limb.combination"));
    ssat_decision *old = NULL;
    assert_ok(ssat_case_next(x.c, x.f.reg, x.f.calendar, D("2024-09-25"), "M1", &old));
    assert_int_equal(ssat_decision_count(old), ssat_decision_count(d));
    for (size_t i = 0; i < ssat_decision_count(d); i++)
        assert_string_equal(ssat_decision_at(old, i)->message_en, ssat_decision_at(d, i)->message_en);
    ssat_decision_free(old);
    ssat_decision_free(d);
    ctx.previous_reg = enough;
    ctx.previous_calendar = prev_cal;
    assert_ok(ssat_case_next_event(x.c, &ctx, &d));
    assert_ok(ssat_decision_find(d, "case.event.notice_issued", &k));
    assert_int_equal(k->outcome, SSAT_OUTCOME_MET);
    ssat_decision_free(d);
    ctx.previous_reg = short_of;
    assert_ok(ssat_case_next_event(x.c, &ctx, &d));
    assert_ok(ssat_decision_find(d, "case.event.notice_issued", &k));
    assert_int_equal(k->outcome, SSAT_OUTCOME_NOT_MET);
    ssat_decision_free(d);
    /* the history: two notices to M1 about siblings in the last 3 years reach the limit of 2 */
    ssat_parent *history = two_sibling_notices();
    ctx.previous_reg = enough;
    ctx.history = history;
    assert_ok(ssat_case_next_event(x.c, &ctx, &d));
    assert_ok(ssat_decision_find(d, "case.event.notice_issued", &k));
    assert_int_equal(k->outcome, SSAT_OUTCOME_NOT_MET);
    assert_non_null(strstr(k->message_en, "penalty.guard.parent_limit"));
    ssat_decision_free(d);
    /* arguments */
    assert_status_msg(ssat_case_next_event(x.c, NULL, &d), SSAT_ERR_INVALID_ARG, "argument 'context'");
    assert_status_msg(ssat_case_next_event(x.c, &ctx, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_case_next_event(NULL, &ctx, &d), SSAT_ERR_INVALID_ARG, "argument 'c'");
    ctx.version = 0;
    assert_status_msg(ssat_case_next_event(x.c, &ctx, &d), SSAT_ERR_INVALID_ARG, "version 0");
    ssat_parent_free(history);
    ssat_register_free(enough);
    ssat_register_free(short_of);
    ssat_calendar_free(prev_cal);
    case_fx_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stricter_guards_are_policy_values),
        cmocka_unit_test(notice_without_referral),
        cmocka_unit_test(notices_for_siblings_count),
        cmocka_unit_test(apply_event_struct),
        cmocka_unit_test(notice_counts_previous_year),
        cmocka_unit_test(notice_previous_year_errors),
        cmocka_unit_test(event_version_1_still_works),
        cmocka_unit_test(next_event_counts_previous_year),
        cmocka_unit_test(walk_referral_improvement_closure),
        cmocka_unit_test(walk_referral_few_warning_notice_payment),
        cmocka_unit_test(payment_from_receipt),
        cmocka_unit_test(walk_contract_refused_then_referral),
        cmocka_unit_test(walk_referral_returned_fixed_accepted),
        cmocka_unit_test(guard_state),
        cmocka_unit_test(guard_parent),
        cmocka_unit_test(guard_contracts),
        cmocka_unit_test(guard_plans),
        cmocka_unit_test(guard_prosecution),
        cmocka_unit_test(guard_notices),
        cmocka_unit_test(guard_improved),
        cmocka_unit_test(guard_referral),
        cmocka_unit_test(guard_penalty),
        cmocka_unit_test(guard_penalty_parent_limit),
        cmocka_unit_test(guard_compulsory_age_and_roll),
        cmocka_unit_test(guard_left_compulsory_age),
        cmocka_unit_test(refusal_lists_every_guard),
        cmocka_unit_test(apply_arguments),
        cmocka_unit_test(next_lists_every_event),
        cmocka_unit_test(apply_out_of_memory),
        cmocka_unit_test(random_sequences),
        cmocka_unit_test(void_corrects_a_typed_date),
        cmocka_unit_test(void_refusals),
        cmocka_unit_test(implausible_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
