/* Penalty-notice eligibility for a pupil and one parent (docs/rules.md, "Penalty notices"); the amount due
 * and the payment periods are penalty_payment.c's.
 *
 * Limbs count sessions over the policy's limb window (the current term by default); at least one must
 * hold. Conditions, each required: year-to-date attendance under the threshold, and the code of
 * conduct's guards read from the parent's history (warning first and the improvement period over; no
 * proceedings and no notice already issued for an overlapping absence; the per-parent limit) and
 * compulsory school age. Only history entries dated on or before as_of count, so evaluating as of a
 * past date ignores what happened later. */
#include "rules_layer.h"

#include <stdio.h>

#define LIMB_COUNT SSAT__LIMB_COUNT

static const struct limb {
    const char *id;
    ssat__pkey key;
} limbs[LIMB_COUNT] = {
    {"penalty.limb.unauthorised", SSAT__P_PENALTY_LIMB_UNAUTHORISED},
    {"penalty.limb.holiday", SSAT__P_PENALTY_LIMB_HOLIDAY},
    {"penalty.limb.late", SSAT__P_PENALTY_LIMB_LATE},
    {"penalty.limb.combination", SSAT__P_PENALTY_LIMB_COMBINATION},
};

/* What the parent's history says, gathered in one pass. */
typedef struct history {
    bool parent_known, pupil_known;
    bool has_warning;
    ssat_date warning;       /* the latest warning for this pupil */
    int64_t proceedings;     /* for this pupil, for an absence overlapping the limb window */
    int64_t notices_overlap; /* notices for this pupil for an absence overlapping the limb window */
    int64_t notices_period;  /* notices to this parent (this pupil when per child) in the limit period */
    ssat_date period_first;  /* first day of the limit period */
} history;

typedef struct ctx {
    const char *fn;
    const ssat_policy *policy;
    const ssat_register *reg;
    const ssat_calendar *calendar;
    const ssat_pupil *pupil;
    const ssat_parent *parent;
    ssat_date as_of;
    ssat_window limb_window, ytd_window;
    const ssat_totals *limb_totals, *ytd_totals;
    const ssat_register *prev_reg;  /* the previous school year's register and calendar, or NULL */
    const ssat_calendar *prev_cal;
    bool limb_short;                /* the limb window reaches back before what the calendars cover */
    ssat_totals limb_sum;           /* the limb totals of both years, when the window spans them */
    int64_t counts[LIMB_COUNT];
    int64_t provisional[LIMB_COUNT]; /* of the counts, provisional (N) sessions */
    history h;
    ssat_decision *d;
} ctx;

static const ssat__pvalue *pv(const ctx *x, ssat__pkey key)
{
    return ssat__policy_value(x->policy, key);
}

/* ---- limbs --------------------------------------------------------------------------------------- */

/* Which limb a code's sessions count towards: holiday (G), late after close (U), the other unauthorised
 * codes, or none (not unauthorised). The combination counts every unauthorised code. The batch's byte
 * classes (batch.c) and the prepared evaluation (evaluation.c) read the same function. */
int ssat__limb_of(const ssat_code_info *info)
{
    if (info->category != SSAT_CATEGORY_UNAUTHORISED)
        return -1;
    if (info->flags & SSAT_FLAG_HOLIDAY)
        return SSAT__LIMB_HOLIDAY;
    if (info->flags & SSAT_FLAG_LATE_AFTER_CLOSE)
        return SSAT__LIMB_LATE;
    return SSAT__LIMB_UNAUTHORISED;
}

/* Split the window's unauthorised sessions by code (counts[i] sessions of code index i). Per code, so a
 * code is never counted in two limbs. */
void ssat__limb_counts(const ssat_codeset *set, const uint32_t *counts, int64_t out[SSAT__LIMB_COUNT],
                       int64_t provisional[SSAT__LIMB_COUNT], bool unauthorised_all_codes)
{
    int64_t prov[SSAT__LIMB_COUNT] = {0};
    memset(out, 0, sizeof(int64_t) * SSAT__LIMB_COUNT);
    for (size_t i = 0; i < ssat_codeset_count(set); i++) {
        const ssat_code_info *info = ssat_codeset_at(set, i);
        int limb = ssat__limb_of(info);
        if (limb < 0)
            continue;
        out[SSAT__LIMB_COMBINATION] += counts[i];
        out[limb] += counts[i];
        if (info->flags & SSAT_FLAG_PROVISIONAL) {
            prov[SSAT__LIMB_COMBINATION] += counts[i];
            prov[limb] += counts[i];
        }
    }
    if (unauthorised_all_codes) { /* the other reading of the ERW criteria: every unauthorised session */
        out[SSAT__LIMB_UNAUTHORISED] = out[SSAT__LIMB_COMBINATION];
        prov[SSAT__LIMB_UNAUTHORISED] = prov[SSAT__LIMB_COMBINATION];
    }
    if (provisional != NULL)
        memcpy(provisional, prov, sizeof prov);
}

/* With the previous school year given (ssat__penalty_evaluate_years), a window of the last school weeks
 * that reaches back before 1 August is counted on as the prepared evaluation counts it (limb_years.c):
 * the same functions, so a case's notice and `ssat evaluate` agree. */
static void count_limbs(ctx *x, const ssat_summary *sum)
{
    const ssat_codeset *set = ssat_register_codeset(x->reg);
    uint32_t counts[256] = {0};
    for (size_t i = 0; i < ssat_codeset_count(set) && i < 256; i++)
        if (ssat_summary_code_count(sum, ssat_codeset_at(set, i)->code, &counts[i]) != SSAT_OK)
            counts[i] = 0;
    x->limb_short = ssat__limb_window_short(x->policy, x->calendar, x->as_of);
    ssat_window part;
    if (x->limb_short && x->prev_reg != NULL &&
        ssat__limb_span_years(x->policy, x->calendar, x->prev_cal, x->as_of, &part, &x->limb_short)) {
        x->limb_sum = *x->limb_totals;
        ssat__limb_add_previous(x->prev_reg, &part, &x->limb_sum, counts, &x->limb_window);
        x->limb_totals = &x->limb_sum;
    }
    ssat__limb_counts(set, counts, x->counts, x->provisional,
                      pv(x, SSAT__P_PENALTY_LIMB_UNAUTHORISED_ALL_CODES)->i != 0);
}

/* A limb whose count is 0 in the policy is switched off: it is still listed (so every penalty decision
 * has the same criteria), not met, with a message saying the policy switched it off. A limb that holds
 * only with its provisional (N) sessions is unknown until they are resolved, when the policy says so
 * ("penalty.limb.provisional_unknown"): a notice should not rest on marks with no reason yet. */
static ssat_status add_limb(ssat_decision *d, const char *fn, const ssat_policy *policy, size_t i, int64_t count,
                            int64_t provisional, const ssat_totals *t, const ssat_window *w, bool short_window)
{
    int64_t threshold = ssat__policy_value(policy, limbs[i].key)->i;
    bool strict = ssat__policy_value(policy, SSAT__P_PENALTY_LIMB_PROVISIONAL_UNKNOWN)->i != 0;
    bool met = threshold != 0 && count >= threshold, only_with_n = met && strict && count - provisional < threshold;
    /* the unauthorised limb read as every unauthorised code has its own messages */
    bool all_codes = i == SSAT__LIMB_UNAUTHORISED &&
                     ssat__policy_value(policy, SSAT__P_PENALTY_LIMB_UNAUTHORISED_ALL_CODES)->i != 0;
    if (threshold != 0 && !met && short_window) {
        /* The window of the last school weeks reaches back before 1 August: the sessions of the
         * previous school year could make up the count, and they are not given. */
        ssat__text tc = ssat__text_int(count), tt = ssat__text_int(threshold);
        ssat__crit c = {.id = limbs[i].id, .variant = all_codes ? "all_previous_year" : "previous_year",
                        .outcome = SSAT_OUTCOME_UNKNOWN,
                        .measure = SSAT_MEASURE_COUNT, .value = count, .threshold = threshold, .cmp = SSAT_CMP_GE,
                        .missing = "the previous school year's register and calendar",
                        .provisional = provisional, .missing_marks = t->missing,
                        .args = {ssat__marg_text(tc.s), ssat__marg_text(tt.s), ssat__marg_date(w->first_date),
                                 ssat__marg_date(w->last_date)},
                        .nargs = 4};
        return ssat__decision_add(d, &c, fn);
    }
    ssat__text tc = ssat__text_int(count), tt = ssat__text_int(threshold), tp = ssat__text_int(provisional);
    ssat__crit c = {
        .id = limbs[i].id,
        .variant = threshold == 0 ? "off"
                   : only_with_n  ? (all_codes ? "all_provisional" : "provisional")
                   : all_codes    ? (met ? "all_met" : "all_not_met")
                                  : NULL,
        .outcome = only_with_n ? SSAT_OUTCOME_UNKNOWN : met ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET,
        .measure = SSAT_MEASURE_COUNT,
        .value = count,
        .threshold = threshold,
        .cmp = SSAT_CMP_GE,
        .missing = only_with_n ? "a reason for the provisional (N) sessions" : NULL,
        .provisional = provisional,
        .missing_marks = t->missing,
        .args = {ssat__marg_text(tc.s), ssat__marg_text(tt.s), ssat__marg_date(w->first_date), ssat__marg_date(w->last_date),
                 ssat__marg_text(tp.s)},
        .nargs = 5,
    };
    return ssat__decision_add(d, &c, fn);
}

ssat_status ssat__rules_limbs(ssat_decision *d, const char *fn, const ssat_policy *policy,
                              const int64_t counts[SSAT__LIMB_COUNT], const int64_t provisional[SSAT__LIMB_COUNT],
                              const ssat_totals *t, const ssat_window *w, bool short_window)
{
    ssat_status st = SSAT_OK;
    for (size_t i = 0; i < SSAT__LIMB_COUNT && st == SSAT_OK; i++)
        st = add_limb(d, fn, policy, i, counts[i], provisional[i], t, w, short_window);
    return st;
}

/* School weeks (Monday to Sunday with a school day) from the calendar's 1 August to as_of, counting
 * down from as_of's week as ssat_calendar_window_last_weeks() does, stopping at `enough`. */
bool ssat__limb_window_short(const ssat_policy *policy, const ssat_calendar *calendar, ssat_date as_of)
{
    const ssat__pvalue *v = ssat__policy_value(policy, SSAT__P_PENALTY_LIMB_WINDOW);
    if ((ssat_window_kind)v->i != SSAT_WINDOW_LAST_WEEKS)
        return false;
    ssat_date first, last;
    ssat__calendar_bounds(calendar, &first, &last);
    int32_t found = 0;
    for (ssat_date monday = as_of - (ssat_date)(ssat_date_weekday(as_of) - 1); monday + 6 >= first && found < v->n;
         monday -= 7) {
        ssat_date from = monday > first ? monday : first, to = monday + 6 < as_of ? monday + 6 : as_of;
        int32_t days = 0;
        if (ssat_calendar_count_school_days(calendar, from, to, &days) == SSAT_OK && days > 0)
            found++;
    }
    return found < v->n;
}

/* ---- the year to date ---------------------------------------------------------------------------- */

ssat_status ssat__rules_penalty_ytd(ssat_decision *d, const char *fn, const ssat_policy *policy,
                                    const ssat_totals *t, const ssat_window *w)
{
    const ssat__pvalue *threshold = ssat__policy_value(policy, SSAT__P_PENALTY_YTD_THRESHOLD);
    const ssat__pvalue *cmp = ssat__policy_value(policy, SSAT__P_PENALTY_YTD_COMPARATOR);
    if (ssat__policy_value(policy, SSAT__P_PENALTY_YTD_REQUIRED)->i != 0)
        return ssat__rules_percent(d, fn, "penalty.year_to_date", t->attended, t->possible, threshold, cmp, w, t);
    ssat__crit c = {.id = "penalty.year_to_date", .variant = "not_required", .outcome = SSAT_OUTCOME_MET,
                    .provisional = t->provisional, .missing_marks = t->missing,
                    .measure = SSAT_MEASURE_PERCENT, .value = t->attended, .whole = t->possible,
                    .threshold = threshold->num, .threshold_den = threshold->den, .cmp = (ssat_comparator)cmp->i};
    return ssat__decision_add(d, &c, fn);
}

/* ---- the parent's history ------------------------------------------------------------------------ */

static bool overlaps(const ssat_window *a, const ssat_window *b)
{
    return ssat__session(a->first_date, a->first_half) <= ssat__session(b->last_date, b->last_half) &&
           ssat__session(b->first_date, b->first_half) <= ssat__session(a->last_date, a->last_half);
}

ssat_date ssat__penalty_period_first(ssat_date as_of, int64_t months)
{
    int32_t y, m, d;
    ssat__civil_from_days(as_of, &y, &m, &d);
    int64_t index = (int64_t)y * 12 + (m - 1) - months;
    int32_t py = (int32_t)(index >= 0 ? index / 12 : (index - 11) / 12);
    int32_t pm = (int32_t)(index - (int64_t)py * 12) + 1;
    ssat_date month_first = ssat__days_from_civil(py, pm, 1);
    ssat_date next_first = pm == 12 ? ssat__days_from_civil(py + 1, 1, 1) : ssat__days_from_civil(py, pm + 1, 1);
    int32_t days = (int32_t)(next_first - month_first);
    ssat_date same_day = month_first + (d < days ? d : days) - 1;
    return same_day + 1;
}

static void note_entry(ctx *x, ssat_parent_event kind, bool same_pupil, ssat_date date, const ssat_window *absence)
{
    history *h = &x->h;
    bool per_child = pv(x, SSAT__P_PENALTY_LIMIT_PER_CHILD)->i != 0;
    switch (kind) {
    case SSAT_PARENT_WARNING:
        if (same_pupil && (!h->has_warning || date > h->warning)) {
            h->has_warning = true;
            h->warning = date;
        }
        break;
    case SSAT_PARENT_NOTICE:
        h->notices_overlap += same_pupil && overlaps(absence, &x->limb_window);
        h->notices_period += date >= h->period_first && (same_pupil || !per_child);
        break;
    case SSAT_PARENT_PROCEEDINGS:
        h->proceedings += same_pupil && overlaps(absence, &x->limb_window);
        break;
    }
}

static void read_history(ctx *x)
{
    history *h = &x->h;
    h->parent_known = x->parent != NULL;
    h->pupil_known = x->pupil != NULL;
    h->period_first = ssat__penalty_period_first(x->as_of, pv(x, SSAT__P_PENALTY_LIMIT_PERIOD_MONTHS)->i);
    const char *pupil_id = ssat_pupil_id(x->pupil);
    for (size_t i = 0; i < ssat_parent_count(x->parent); i++) {
        ssat_parent_event kind;
        const char *pid = NULL;
        ssat_date date = 0;
        ssat_window absence;
        if (ssat_parent_at(x->parent, i, &kind, &pid, &date, &absence) != SSAT_OK || date > x->as_of)
            continue;
        note_entry(x, kind, x->pupil != NULL && strcmp(pid, pupil_id) == 0, date, &absence);
    }
}

/* ---- guards -------------------------------------------------------------------------------------- */

/* A guard that needs the history: unknown without the parent, or without the pupil when it must match
 * entries to this pupil. Returns true (and fills c) when unknown. */
static bool guard_unknown(const ctx *x, ssat__crit *c, bool needs_pupil)
{
    if (!x->h.parent_known)
        c->missing = "the parent's history";
    else if (needs_pupil && !x->h.pupil_known)
        c->missing = "the pupil (to match the parent's history)";
    else
        return false;
    c->outcome = SSAT_OUTCOME_UNKNOWN;
    return true;
}

static ssat_status add_warning(const ctx *x)
{
    ssat__crit c = {.id = "penalty.guard.warning", .measure = SSAT_MEASURE_FACT, .threshold = 1, .cmp = SSAT_CMP_GE};
    if (pv(x, SSAT__P_PENALTY_WARNING_REQUIRED)->i == 0) {
        c.variant = "not_required";
        c.outcome = SSAT_OUTCOME_MET;
        c.value = 1;
    } else if (!guard_unknown(x, &c, true)) {
        c.outcome = x->h.has_warning ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
        c.value = x->h.has_warning;
        c.args[0] = ssat__marg_date(x->h.warning);
        c.nargs = 1;
    }
    return ssat__decision_add(x->d, &c, x->fn);
}

/* The improvement period across 1 August. A warning in the previous school year (before this
 * calendar's 1 August) starts a period whose first school days are that year's: counted with the
 * previous year's calendar, and its unauthorised sessions read from that year's register, when both are
 * given (ssat__penalty_evaluate_years). Without them the period cannot be counted (add_improvement says
 * unknown), except for a warning older than the previous school year, whose days before 1 August count
 * one a day, as a school day (its period is long over). */
static bool improvement_spans_years(const ctx *x)
{
    ssat_date first, last;
    ssat__calendar_bounds(x->calendar, &first, &last);
    return x->h.has_warning && x->h.warning + 1 < first;
}

/* The calendar that counts the school days after the warning up to this year's 1 August. */
static const ssat_calendar *improvement_before_calendar(const ctx *x)
{
    return x->prev_cal != NULL ? x->prev_cal : x->calendar;
}

static int64_t improvement_elapsed(const ctx *x)
{
    if (!x->h.has_warning)
        return 0;
    if (!improvement_spans_years(x))
        return ssat__school_days_since(x->calendar, x->h.warning, x->as_of);
    ssat_date first, last;
    ssat__calendar_bounds(x->calendar, &first, &last);
    return ssat__school_days_since(improvement_before_calendar(x), x->h.warning, first - 1) +
           ssat__school_days_since(x->calendar, first - 1, x->as_of);
}

static bool nth_school_day_after(const ssat_calendar *cal, ssat_date from, int64_t n, ssat_date limit,
                                 ssat_date *out);

/* The last day of the improvement period: the school day that completes its school days after the
 * warning (those before 1 August counted as improvement_elapsed counts them); 31 July when it runs past
 * the year. */
static ssat_date improvement_end(const ctx *x)
{
    int64_t days = pv(x, SSAT__P_PENALTY_WARNING_IMPROVEMENT_DAYS)->i;
    ssat_date first, last, from = x->h.warning, end = 0;
    ssat__calendar_bounds(x->calendar, &first, &last);
    if (from + 1 < first) {
        const ssat_calendar *before_cal = improvement_before_calendar(x);
        int64_t before = ssat__school_days_since(before_cal, from, first - 1);
        if (before >= days)
            return nth_school_day_after(before_cal, from, days, first - 1, &end) ? end : (ssat_date)(from + days);
        days -= before;
        from = first - 1;
    }
    if (days == 0)
        return from;
    return nth_school_day_after(x->calendar, from, days, last, &end) ? end : last;
}

/* Unauthorised sessions of `reg` from `first` to `last` (0 for an empty range). */
static int64_t unauthorised_in(const ssat_register *reg, ssat_date first, ssat_date last)
{
    ssat_window w;
    ssat_totals t;
    if (last < first || ssat_window_range(first, last, &w) != SSAT_OK)
        return 0;
    ssat__attendance_totals(reg, &w, &t, NULL);
    return t.unauthorised;
}

/* Unauthorised sessions recorded in the improvement period up to as_of: the improvement period is a
 * chance to comply, so a notice needs absence to have continued in it (policy
 * "penalty.warning.improvement_min_unauthorised"). The part before 1 August is read from the previous
 * year's register when it is given. */
static int64_t improvement_unauthorised(const ctx *x, ssat_date *first_out, ssat_date *last_out)
{
    ssat_date end = improvement_end(x), first, last;
    ssat__calendar_bounds(x->calendar, &first, &last);
    *first_out = x->h.warning + 1;
    *last_out = end < x->as_of ? end : x->as_of;
    if (x->prev_reg == NULL || *first_out >= first)
        return unauthorised_in(x->reg, *first_out, *last_out);
    return unauthorised_in(x->prev_reg, *first_out, *last_out < first ? *last_out : first - 1) +
           unauthorised_in(x->reg, first, *last_out);
}

static ssat_status add_improvement(const ctx *x)
{
    int64_t days = pv(x, SSAT__P_PENALTY_WARNING_IMPROVEMENT_DAYS)->i, elapsed = improvement_elapsed(x);
    int64_t min = pv(x, SSAT__P_PENALTY_WARNING_IMPROVEMENT_MIN_UNAUTHORISED)->i;
    ssat__crit c = {.id = "penalty.guard.improvement_period", .measure = SSAT_MEASURE_COUNT, .value = elapsed,
                    .threshold = days, .cmp = SSAT_CMP_GE};
    ssat_date pfirst = 0, plast = 0;
    int64_t count = x->h.has_warning ? improvement_unauthorised(x, &pfirst, &plast) : 0;
    ssat__text te = ssat__text_int(elapsed), td = ssat__text_int(days);
    ssat__text tc = ssat__text_int(count), tm = ssat__text_int(min);
    if (pv(x, SSAT__P_PENALTY_WARNING_REQUIRED)->i == 0) {
        c.variant = "not_required"; /* no warning is required, so no period runs from one */
        c.outcome = SSAT_OUTCOME_MET;
    } else if (guard_unknown(x, &c, true)) {
        /* the parent's history or the pupil is not known */
    } else if (improvement_spans_years(x) && x->prev_cal == NULL &&
               x->h.warning >= ssat__days_from_civil(ssat_calendar_school_year(x->calendar) - 1, 8, 1)) {
        /* The warning fell in the previous school year: its school days after the warning, and the
         * unauthorised absence in them, need that year's calendar and register. */
        c.variant = "previous_year";
        c.outcome = SSAT_OUTCOME_UNKNOWN;
        c.missing = "the previous school year's register and calendar";
        c.args[0] = ssat__marg_date(x->h.warning);
        c.nargs = 1;
    } else {
        bool over = x->h.has_warning && elapsed >= days, continued = count >= min;
        /* min 0: the time alone (the messages of before); else the period's unauthorised absence too */
        c.variant = !x->h.has_warning ? "no_warning" : min == 0 ? NULL : !over ? "running" : continued ? "continued"
                                                                                                   : "complied";
        c.outcome = over && continued ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
        ssat__marg args[8] = {ssat__marg_date(x->h.warning), ssat__marg_text(te.s), ssat__marg_text(td.s),
                              ssat__marg_date(x->as_of), ssat__marg_text(tc.s), ssat__marg_date(pfirst),
                              ssat__marg_date(plast), ssat__marg_text(tm.s)};
        memcpy(c.args, args, sizeof args);
        c.nargs = 8;
    }
    return ssat__decision_add(x->d, &c, x->fn);
}

/* No proceedings / no notice for an overlapping absence: met when the count is 0. */
static ssat_status add_overlap_guard(const ctx *x, const char *id, int64_t count)
{
    ssat__crit c = {.id = id, .measure = SSAT_MEASURE_COUNT, .value = count, .threshold = 0, .cmp = SSAT_CMP_LE};
    ssat__text tc = ssat__text_int(count);
    if (!guard_unknown(x, &c, true)) {
        c.outcome = count == 0 ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
        c.args[0] = ssat__marg_text(tc.s);
        c.args[1] = ssat__marg_date(x->limb_window.first_date);
        c.args[2] = ssat__marg_date(x->limb_window.last_date);
        c.nargs = 3;
    }
    return ssat__decision_add(x->d, &c, x->fn);
}

static ssat_status add_parent_limit(const ctx *x)
{
    int64_t max = pv(x, SSAT__P_PENALTY_LIMIT_MAX_NOTICES)->i, months = pv(x, SSAT__P_PENALTY_LIMIT_PERIOD_MONTHS)->i;
    bool per_child = pv(x, SSAT__P_PENALTY_LIMIT_PER_CHILD)->i != 0;
    ssat__crit c = {.id = "penalty.guard.parent_limit", .measure = SSAT_MEASURE_COUNT,
                    .value = x->h.notices_period, .threshold = max, .cmp = SSAT_CMP_LT};
    ssat__text tn = ssat__text_int(x->h.notices_period), tm = ssat__text_int(max), tp = ssat__text_int(months);
    if (!guard_unknown(x, &c, per_child)) {
        c.outcome = x->h.notices_period < max ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
        c.args[0] = ssat__marg_text(tn.s);
        c.args[1] = ssat__marg_text(tm.s);
        c.args[2] = ssat__marg_text(tp.s);
        c.args[3] = ssat__marg_date(x->h.period_first);
        c.args[4] = ssat__marg_date(x->as_of);
        ssat__marg per_child_note = {.tmpl = "penalty.guard.parent_limit.per_child"};
        c.args[5] = per_child ? per_child_note : ssat__marg_text("");
        c.nargs = 6;
    }
    return ssat__decision_add(x->d, &c, x->fn);
}

static ssat_status add_guards(const ctx *x)
{
    ssat_status st = add_warning(x);
    if (st == SSAT_OK)
        st = add_improvement(x);
    if (st == SSAT_OK)
        st = add_overlap_guard(x, "penalty.guard.proceedings", x->h.proceedings);
    if (st == SSAT_OK)
        st = add_overlap_guard(x, "penalty.guard.duplicate", x->h.notices_overlap);
    if (st == SSAT_OK)
        st = add_parent_limit(x);
    if (st == SSAT_OK)
        st = ssat__rules_age(x->d, x->fn, "penalty.guard.compulsory_age",
                             pv(x, SSAT__P_PENALTY_REQUIRE_COMPULSORY_AGE)->i != 0, x->pupil, x->as_of);
    return st;
}

/* ---- the earliest date --------------------------------------------------------------------------- */

/* The n-th school day after `from`, no later than `limit`. */
static bool nth_school_day_after(const ssat_calendar *cal, ssat_date from, int64_t n, ssat_date limit,
                                 ssat_date *out)
{
    int64_t found = 0;
    for (ssat_date d = from + 1; d <= limit; d++) {
        int32_t v = 0;
        if (ssat_calendar_is_school_day(cal, d, &v) == SSAT_OK && v != 0 && ++found == n) {
            *out = d;
            return true;
        }
    }
    return false;
}

/* Last day the limb window can grow to: the end of its term, or of the year for a year-to-date window.
 * A rolling window (last N weeks or sessions) drops old sessions as it moves, so at a steady rate its
 * count does not grow: no date is projected for it. */
static bool limb_window_end(const ctx *x, ssat_date *out)
{
    ssat_date first, last;
    ssat__calendar_bounds(x->calendar, &first, &last);
    switch ((ssat_window_kind)pv(x, SSAT__P_PENALTY_LIMB_WINDOW)->i) {
    case SSAT_WINDOW_YEAR_TO_DATE: *out = last; return true;
    case SSAT_WINDOW_TERM:
        for (size_t i = 0; i < ssat_calendar_term_count(x->calendar); i++) {
            ssat_date tf = 0, tl = 0;
            if (ssat_calendar_term_at(x->calendar, i, NULL, &tf, &tl) == SSAT_OK && tf == x->limb_window.first_date) {
                *out = tl;
                return true;
            }
        }
        return false;
    case SSAT_WINDOW_LAST_WEEKS:
    case SSAT_WINDOW_LAST_SESSIONS: break;
    }
    return false;
}

/* When a limb short of its threshold would reach it at the pupil's current rate (count per possible
 * session so far): k more possible sessions with count + k * count / possible >= threshold, two
 * sessions a school day. */
static bool limb_date(const ctx *x, size_t i, ssat_date end, ssat_date *out)
{
    int64_t threshold = pv(x, limbs[i].key)->i, count = x->counts[i], possible = x->limb_totals->possible;
    if (threshold == 0 || count == 0 || possible == 0)
        return false;
    if (count >= threshold) {
        *out = x->as_of;
        return true;
    }
    int64_t k = ((threshold - count) * possible + count - 1) / count;
    return nth_school_day_after(x->calendar, x->as_of, (k + 1) / 2, end, out);
}

static bool limbs_date(const ctx *x, ssat_date *out)
{
    ssat_date end = 0, best = 0;
    bool found = false;
    if (!limb_window_end(x, &end))
        return false;
    for (size_t i = 0; i < LIMB_COUNT; i++) {
        ssat_date d = 0;
        if (limb_date(x, i, end, &d) && (!found || d < best)) {
            best = d;
            found = true;
        }
    }
    *out = best;
    return found;
}

/* When the improvement period ends: as_of if it has, else the school day it completes. An unknown
 * history does not hold the projection back (the guard stays unknown); a missing warning does, and so
 * does a period that is over with the parent having complied (time cannot change that). */
static bool improvement_date(const ctx *x, ssat_date *out)
{
    ssat_outcome o = ssat__decision_outcome_of(x->d, "penalty.guard.improvement_period");
    ssat_date first, last;
    ssat__calendar_bounds(x->calendar, &first, &last);
    *out = x->as_of;
    if (o != SSAT_OUTCOME_NOT_MET)
        return true;
    if (!x->h.has_warning || improvement_elapsed(x) >= pv(x, SSAT__P_PENALTY_WARNING_IMPROVEMENT_DAYS)->i)
        return false;
    int64_t left = pv(x, SSAT__P_PENALTY_WARNING_IMPROVEMENT_DAYS)->i - improvement_elapsed(x);
    return nth_school_day_after(x->calendar, x->as_of, left, last, out);
}

/* Only limbs and the improvement period can change with time at the current rate; any other condition
 * not met (a duplicate, proceedings, the year to date, age, ...) rules a projection out. */
static bool only_waiting(const ctx *x)
{
    for (size_t i = 0; i < ssat_decision_count(x->d); i++) {
        const ssat_criterion *c = ssat_decision_at(x->d, i);
        if (c->outcome == SSAT_OUTCOME_NOT_MET && strncmp(c->id, "penalty.limb.", 13) != 0 &&
            strcmp(c->id, "penalty.guard.improvement_period") != 0)
            return false;
    }
    return true;
}

/* The projected date must still fall within compulsory school age, when that is required and known. */
static bool still_of_age(const ctx *x, ssat_date date)
{
    ssat_date dob = 0, last = 0;
    ssat__error_state saved;
    ssat__error_save(&saved);
    bool ok = pv(x, SSAT__P_PENALTY_REQUIRE_COMPULSORY_AGE)->i == 0 || x->pupil == NULL ||
              ssat_pupil_date_of_birth(x->pupil, &dob) != SSAT_OK ||
              ssat_compulsory_school_age(dob, NULL, &last) != SSAT_OK || date <= last;
    ssat__error_restore(&saved);
    return ok;
}

static void project(const ctx *x)
{
    ssat_date limbs_at = 0, improved_at = 0;
    if (ssat_decision_outcome(x->d) == SSAT_OUTCOME_MET || !only_waiting(x) || !limbs_date(x, &limbs_at) ||
        !improvement_date(x, &improved_at))
        return;
    ssat_date date = limbs_at > improved_at ? limbs_at : improved_at;
    if (date > x->as_of && still_of_age(x, date))
        ssat__decision_set_earliest(x->d, date);
}

/* ---- the decision -------------------------------------------------------------------------------- */

static ssat_status add_all(ctx *x)
{
    ssat_status st = SSAT_OK;
    ssat_outcome any_limb = SSAT_OUTCOME_NOT_MET, all = SSAT_OUTCOME_MET;
    st = ssat__rules_limbs(x->d, x->fn, x->policy, x->counts, x->provisional, x->limb_totals, &x->limb_window,
                           x->limb_short);
    if (st == SSAT_OK)
        st = ssat__rules_penalty_ytd(x->d, x->fn, x->policy, x->ytd_totals, &x->ytd_window);
    if (st == SSAT_OK)
        st = add_guards(x);
    if (st != SSAT_OK)
        return st;
    for (size_t i = 0; i < ssat_decision_count(x->d); i++) {
        const ssat_criterion *c = ssat_decision_at(x->d, i);
        if (i < LIMB_COUNT)
            any_limb = ssat__outcome_or(any_limb, c->outcome);
        else
            all = ssat__outcome_and(all, c->outcome);
    }
    ssat__decision_set_outcome(x->d, ssat__outcome_and(any_limb, all));
    project(x);
    return SSAT_OK;
}

/* Resolve both windows and summarise the register over them. */
static ssat_status summarise(ctx *x, ssat_summary **limb, ssat_summary **ytd)
{
    ssat_status st = ssat__rules_window(x->fn, x->policy, SSAT__P_PENALTY_LIMB_WINDOW, x->calendar, x->reg,
                                        x->as_of, &x->limb_window);
    if (st == SSAT_OK)
        st = ssat_calendar_window_year_to_date(x->calendar, x->as_of, &x->ytd_window);
    if (st == SSAT_OK && (ssat_attendance_compute(x->reg, &x->limb_window, limb) != SSAT_OK ||
                          ssat_attendance_compute(x->reg, &x->ytd_window, ytd) != SSAT_OK))
        st = ssat__nomem(x->fn);
    if (st == SSAT_OK) {
        x->limb_totals = ssat_summary_totals(*limb);
        x->ytd_totals = ssat_summary_totals(*ytd);
        count_limbs(x, *limb);
    }
    return st;
}

ssat_status ssat__penalty_evaluate_years(const ssat_policy *policy, const ssat_register *reg,
                                         const ssat_calendar *calendar, const ssat_pupil *pupil,
                                         const ssat_parent *parent, ssat_date as_of, const ssat_register *prev_reg,
                                         const ssat_calendar *prev_cal, const char *fn, ssat_window *window_out,
                                         ssat_decision **out)
{
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    ctx x = {.fn = fn, .policy = policy, .reg = reg, .calendar = calendar, .pupil = pupil, .parent = parent,
             .as_of = as_of};
    if (prev_reg != NULL && prev_cal != NULL) {
        x.prev_reg = prev_reg;
        x.prev_cal = prev_cal;
    }
    ssat_summary *limb = NULL, *ytd = NULL;
    ssat_status st = ssat__rules_check(fn, policy, reg, calendar, as_of, out);
    if (st == SSAT_OK && x.prev_reg != NULL)
        st = ssat__previous_year_check(fn, "previous_calendar", calendar, prev_cal, policy, prev_reg);
    if (st == SSAT_OK)
        st = summarise(&x, &limb, &ytd);
    if (st == SSAT_OK) {
        read_history(&x);
        st = ssat__decision_new("penalty", ssat__policy_alloc(policy), &x.d, fn);
    }
    if (st == SSAT_OK)
        st = add_all(&x);
    ssat_summary_free(limb);
    ssat_summary_free(ytd);
    if (st != SSAT_OK) {
        ssat_decision_free(x.d);
        return st;
    }
    if (window_out != NULL)
        *window_out = x.limb_window;
    *out = x.d;
    return SSAT_OK;
}

ssat_status ssat_penalty_evaluate(const ssat_policy *policy, const ssat_register *reg,
                                  const ssat_calendar *calendar, const ssat_pupil *pupil, const ssat_parent *parent,
                                  ssat_date as_of, ssat_decision **out)
{
    return ssat__penalty_evaluate_years(policy, reg, calendar, pupil, parent, as_of, NULL, NULL,
                                        "ssat_penalty_evaluate", NULL, out);
}

ssat_status ssat_penalty_evaluate_years(const ssat_policy *policy, const ssat_register *reg,
                                        const ssat_calendar *calendar, const ssat_pupil *pupil,
                                        const ssat_parent *parent, ssat_date as_of, const ssat_register *previous_reg,
                                        const ssat_calendar *previous_calendar, ssat_decision **out)
{
    static const char fn[] = "ssat_penalty_evaluate_years";
    if (out != NULL)
        *out = NULL;
    if ((previous_reg == NULL) != (previous_calendar == NULL))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s' is NULL while '%s' is given: the previous "
                           "school year needs both the pupil's register and the school calendar", fn,
                           previous_reg == NULL ? "previous_reg" : "previous_calendar",
                           previous_reg == NULL ? "previous_calendar" : "previous_reg");
    return ssat__penalty_evaluate_years(policy, reg, calendar, pupil, parent, as_of, previous_reg, previous_calendar,
                                        fn, NULL, out);
}
