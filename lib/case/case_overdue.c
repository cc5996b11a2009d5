/* Work a case has due: plan reviews (PSP every "case.psp_review_days", IDP every
 * "case.idp_review_months"), the SSAT's decision on a referral, the end of the improvement period after a
 * penalty-notice warning, and a notice's payment windows. Each is a problem dated with its due date: an
 * error once overdue, a warning when due within "case.due_soon_days". A closed case has nothing due. */
#include "case_internal.h"

#include <stdio.h>

#define MAX_SCAN_DAYS 3700 /* ten years of days: far beyond any improvement period */

typedef struct due_ctx {
    const ssat_case *c;
    const ssat_calendar *calendar;
    ssat_date on;
    int64_t soon;
    ssat_problems *out;
    const char *fn;
} due_ctx;

static int64_t pv(const due_ctx *x, ssat__pkey key)
{
    return ssat__policy_value(x->c->policy, key)->i;
}

/* The date `months` months after d, clamped to the end of the month (31 Jan + 1 month = 28/29 Feb). */
static ssat_date add_months(ssat_date d, int64_t months)
{
    int32_t y, m, day;
    ssat__civil_from_days(d, &y, &m, &day);
    int64_t index = (int64_t)y * 12 + (m - 1) + months;
    int32_t ny = (int32_t)(index / 12), nm = (int32_t)(index % 12) + 1;
    if (ny > SSAT_YEAR_MAX)
        return ssat__date_max();
    ssat_date first = ssat__days_from_civil(ny, nm, 1);
    ssat_date next = nm == 12 ? ssat__days_from_civil(ny + 1, 1, 1) : ssat__days_from_civil(ny, nm + 1, 1);
    int32_t len = (int32_t)(next - first);
    return first + (day < len ? day : len) - 1;
}

/* A school day by the calendar; outside the calendar's year (or without one), a weekday. */
static bool school_day(const ssat_calendar *calendar, ssat_date d)
{
    int32_t v = 0;
    if (calendar != NULL && ssat_calendar_is_school_day(calendar, d, &v) == SSAT_OK)
        return v != 0;
    return ssat_date_weekday(d) <= 5;
}

/* The n-th school day after `from` (from itself when n is 0). */
static ssat_date nth_school_day(const ssat_calendar *calendar, ssat_date from, int64_t n)
{
    ssat_date d = from;
    for (int64_t found = 0, scanned = 0; found < n && scanned < MAX_SCAN_DAYS && d < ssat__date_max(); scanned++) {
        d++;
        found += school_day(calendar, d);
    }
    return d;
}

/* Report `id` when due on `due` is overdue or due soon: {1} the due date, {3} "overdue", "due today" or
 * "due soon" in each language, {4} the date the work dates from (in words in each language) and {5}
 * the other detail. */
static ssat_status report(const due_ctx *x, const char *id, const char *field, ssat_date due, ssat_date since,
                          const char *a5)
{
    int64_t left = (int64_t)due - x->on;
    if (left > x->soon)
        return SSAT_OK;
    const char *phrase = left < 0 ? "case.due.overdue" : left == 0 ? "case.due.today" : "case.due.soon";
    const char *status_en = ssat__message_template(phrase, SSAT_LANG_EN);
    const char *status_cy = ssat__message_template(phrase, SSAT_LANG_CY);
    ssat__text since_en = ssat__text_date_long(since, SSAT_LANG_EN), since_cy = ssat__text_date_long(since, SSAT_LANG_CY);
    const char *en[3] = {status_en, since_en.s, a5}, *cy[3] = {status_cy, since_cy.s, a5};
    ssat__problem_loc loc = {.field = field, .has_session = 1, .date = due, .half = SSAT_AM};
    ssat_status st = ssat__problems_add_lang(x->out, id, left < 0 ? SSAT_SEVERITY_ERROR : SSAT_SEVERITY_WARNING, &loc,
                                             en, cy, 3);
    return st == SSAT_OK ? SSAT_OK : ssat__nomem(x->fn);
}

static ssat_status plans_due(const due_ctx *x)
{
    const ssat__plan_state *psp = &x->c->state.plans[SSAT__PLAN_PSP], *idp = &x->c->state.plans[SSAT__PLAN_IDP];
    ssat_status st = SSAT_OK;
    if (psp->active) {
        int64_t days = pv(x, SSAT__P_CASE_PSP_REVIEW_DAYS);
        ssat__text every = ssat__text_int(days);
        st = report(x, "case.due.plan_review", "plans.psp", psp->last_review + (ssat_date)days, psp->last_review,
                    every.s);
    }
    if (st == SSAT_OK && idp->active) {
        int64_t months = pv(x, SSAT__P_CASE_IDP_REVIEW_MONTHS);
        ssat__text every = ssat__text_int(months);
        st = report(x, "case.due.idp_review", "plans.idp", add_months(idp->last_review, months), idp->last_review,
                    every.s);
    }
    return st;
}

static ssat_status referral_due(const due_ctx *x)
{
    if (x->c->state.main != SSAT_CASE_REFERRED)
        return SSAT_OK;
    int64_t days = pv(x, SSAT__P_CASE_REFERRAL_DECISION_DAYS);
    ssat__text within = ssat__text_int(days);
    return report(x, "case.due.referral_decision", "state.referred", x->c->state.referred + (ssat_date)days,
                  x->c->state.referred, within.s);
}

/* The improvement period of the latest warning, while no notice followed it and no prosecution is open. */
static ssat_status warning_due(const due_ctx *x, const ssat__case_parent *p)
{
    if (p->warning_count == 0 || p->prosecution == SSAT__PROSECUTION_CONSIDERED ||
        p->prosecution == SSAT__PROSECUTION_STARTED)
        return SSAT_OK;
    ssat_date warned = p->warnings[p->warning_count - 1];
    for (size_t i = 0; i < p->notice_count; i++)
        if (p->notices[i].issued >= warned)
            return SSAT_OK;
    char field[SSAT__CASE_ID_MAX + 32];
    (void)snprintf(field, sizeof field, "parents[%s].warnings", p->id);
    ssat_date end = nth_school_day(x->calendar, warned, pv(x, SSAT__P_PENALTY_WARNING_IMPROVEMENT_DAYS));
    return report(x, "case.due.improvement_period", field, end, warned, p->id);
}

static ssat_status notices_due(const due_ctx *x, const ssat__case_parent *p)
{
    int64_t early = pv(x, SSAT__P_PENALTY_AMOUNT_EARLY_DAYS), late = pv(x, SSAT__P_PENALTY_AMOUNT_LATE_DAYS);
    for (size_t i = 0; i < p->notice_count; i++) {
        const ssat__notice *n = &p->notices[i];
        if (n->status != SSAT__NOTICE_ISSUED)
            continue;
        char field[SSAT__CASE_ID_MAX + 48];
        (void)snprintf(field, sizeof field, "parents[%s].notices[%zu]", p->id, i);
        /* The periods run from receipt, counted as the payment guards count them (issue date and the day
         * after for a notice recorded without its service, as before). */
        bool served = n->service != SSAT__SERVICE_UNRECORDED;
        ssat_date early_end = ssat__penalty_period_end(x->c->policy, n->received, early, served);
        ssat_date late_end = ssat__penalty_period_end(x->c->policy, n->received, late, served);
        /* The early window closing is never overdue work: the late amount applies after it. */
        ssat_status st = x->on <= early_end ? report(x, "case.due.payment_early", field, early_end, n->issued, p->id)
                                            : report(x, "case.due.payment_late", field, late_end, n->issued, p->id);
        if (st != SSAT_OK)
            return st;
    }
    return SSAT_OK;
}

static ssat_status case_overdue(const ssat_case *c, const ssat_calendar *calendar, ssat_date on, ssat_problems *out)
{
    static const char fn[] = "ssat_case_overdue";
    if (c == NULL)
        return ssat__null_arg(fn, "c");
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    if (!ssat__date_in_range(on))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'on' (day %ld) is outside years %d..%d", fn, (long)on,
                           SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    if (c->state.main == SSAT_CASE_CLOSED)
        return SSAT_OK;
    due_ctx x = {.c = c, .calendar = calendar, .on = on, .soon = pv(&(due_ctx){.c = c}, SSAT__P_CASE_DUE_SOON_DAYS),
                 .out = out, .fn = fn};
    size_t before = ssat_problems_count(out);
    ssat_status st = plans_due(&x);
    if (st == SSAT_OK)
        st = referral_due(&x);
    for (size_t i = 0; st == SSAT_OK && i < c->state.parent_count; i++) {
        st = warning_due(&x, &c->state.parents[i]);
        if (st == SSAT_OK)
            st = notices_due(&x, &c->state.parents[i]);
    }
    if (st != SSAT_OK)
        ssat__problems_truncate(out, before);
    return st;
}

ssat_status ssat_case_overdue(const ssat_case *c, const ssat_calendar *calendar, ssat_date on, ssat_problems *out)
{
    SSAT__KEEP_ERROR_ON_SUCCESS(case_overdue(c, calendar, on, out));
}
