/* SSAT referral criteria (docs/rules.md, "Referral criteria"). The register settles R1, R2 and the register parts of
 * R5; the other criteria come from what the caller knows about the pupil, and each is reported met,
 * not met or unknown so that a person sees why. The referral is met only when every criterion is. */
#include "rules_layer.h"

#include <stdio.h>

typedef struct ctx {
    const char *fn;
    const ssat_policy *policy;
    const ssat_register *reg;
    const ssat_calendar *calendar;
    const ssat_pupil *pupil;
    ssat_date as_of;
    ssat_window window;
    const ssat_totals *totals;
    ssat_decision *d;
} ctx;

static const ssat__pvalue *pv(const ctx *x, ssat__pkey key)
{
    return ssat__policy_value(x->policy, key);
}

/* ---- R1 and R2: from the register (shared with the prepared evaluation, evaluation.c) ------------ */

/* The optional share condition of R2: unauthorised / all absence >= min_share. Writes the clause that
 * explains it into *clause; texts must outlive the clause, so the caller owns them. */
static bool r2_share(const ssat_policy *policy, const ssat_totals *t, ssat__text texts[4], ssat__marg *clause)
{
    const ssat__pvalue *share = ssat__policy_value(policy, SSAT__P_REFERRAL_UNAUTHORISED_MIN_SHARE);
    uint64_t unauth = t->unauthorised, absent = (uint64_t)t->authorised + unauth;
    *clause = ssat__marg_text("");
    if (share->num == 0)
        return true; /* off by default: "absences are unauthorised" is not defined further */
    if (absent == 0) {
        *clause = (ssat__marg){.tmpl = "referral.r2.unauthorised.share_none"};
        return false;
    }
    int32_t holds = 0;
    (void)ssat_percent_compare(unauth, absent, SSAT_CMP_GE, share->num, share->den, &holds);
    texts[0] = ssat__text_int((int64_t)unauth);
    texts[1] = ssat__text_int((int64_t)absent);
    texts[2] = ssat__text_percent_vs(unauth, absent, share->num, share->den);
    texts[3] = ssat__text_percent(share->num, share->den);
    *clause = (ssat__marg){.tmpl = "referral.r2.unauthorised.share",
                           .sub = {texts[0].s, texts[1].s, texts[2].s, texts[3].s}};
    return holds != 0;
}

ssat_status ssat__rules_r1(ssat_decision *d, const char *fn, const ssat_policy *policy, const ssat_totals *t,
                           const ssat_window *w)
{
    return ssat__rules_percent(d, fn, "referral.r1.attendance", t->attended, t->possible,
                               ssat__policy_value(policy, SSAT__P_REFERRAL_ATTENDANCE_THRESHOLD),
                               ssat__policy_value(policy, SSAT__P_REFERRAL_ATTENDANCE_COMPARATOR), w, t);
}

ssat_status ssat__rules_r2(ssat_decision *d, const char *fn, const ssat_policy *policy, const ssat_totals *t,
                           const ssat_window *w)
{
    int64_t min = ssat__policy_value(policy, SSAT__P_REFERRAL_UNAUTHORISED_MIN_SESSIONS)->i;
    ssat__text share_texts[4];
    ssat__marg clause;
    bool share_ok = r2_share(policy, t, share_texts, &clause);
    bool evaluable = t->possible > 0;
    bool met = evaluable && (int64_t)t->unauthorised >= min && share_ok;
    ssat__text tu = ssat__text_int(t->unauthorised), tm = ssat__text_int(min), tn = ssat__text_int(t->provisional);
    ssat__crit c = {
        .id = "referral.r2.unauthorised",
        .variant = evaluable ? NULL : "not_evaluable",
        .outcome = met ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET,
        .measure = SSAT_MEASURE_COUNT,
        .value = t->unauthorised,
        .threshold = min,
        .cmp = SSAT_CMP_GE,
        .provisional = t->provisional,
        .missing_marks = t->missing,
        .args = {ssat__marg_text(tu.s), ssat__marg_text(tm.s), ssat__marg_text(tn.s), clause,
                 ssat__marg_date(w->first_date), ssat__marg_date(w->last_date)},
        .nargs = 6,
    };
    return ssat__decision_add(d, &c, fn);
}

static ssat_status add_r1(const ctx *x)
{
    return ssat__rules_r1(x->d, x->fn, x->policy, x->totals, &x->window);
}

static ssat_status add_r2(const ctx *x)
{
    return ssat__rules_r2(x->d, x->fn, x->policy, x->totals, &x->window);
}

/* ---- R3 and R4: what the school did -------------------------------------------------------------- */

static ssat_status add_r3(const ctx *x)
{
    static const ssat_pupil_fact facts[3] = {SSAT_PUPIL_CAUSE_EXPLORED, SSAT_PUPIL_SUPPORT_OFFERED,
                                             SSAT_PUPIL_PARENTS_INVITED};
    static const char *const names[3] = {"cause explored", "support offered", "parents invited"};
    ssat__crit c = {.id = "referral.r3.engagement", .outcome = SSAT_OUTCOME_MET, .measure = SSAT_MEASURE_FACT,
                    .threshold = 1, .cmp = SSAT_CMP_GE, .nargs = 3};
    char missing[80] = "";
    for (size_t i = 0; i < 3; i++) {
        ssat_fact f = x->pupil != NULL ? ssat_pupil_get_fact(x->pupil, facts[i]) : SSAT_FACT_UNKNOWN;
        c.outcome = ssat__outcome_and(c.outcome, ssat__fact_outcome(f));
        c.args[i] = ssat__marg_fact(f);
        if (f == SSAT_FACT_UNKNOWN) {
            size_t used = strlen(missing); /* at most 3 short names: always fits */
            snprintf(missing + used, sizeof missing - used, "%s%s", used > 0 ? ", " : "", names[i]);
        }
    }
    c.value = c.outcome == SSAT_OUTCOME_MET;
    c.missing = c.outcome == SSAT_OUTCOME_UNKNOWN ? missing : NULL;
    return ssat__decision_add(x->d, &c, x->fn);
}

static ssat_status add_r4(const ctx *x)
{
    return ssat__rules_fact(x->d, x->fn, "referral.r4.evidence", x->pupil, SSAT_PUPIL_EVIDENCE_COMPLETE,
                            "evidence check (the referral pack)");
}

/* ---- R5: the register complete, provisional marks resolved, the procedure followed ---------------- */

typedef struct scan {
    int64_t missing;     /* explicit missing marks, and school-day sessions without an entry */
    int64_t provisional; /* provisional marks in the window */
    int64_t old;         /* of which older than the policy allows */
} scan;

static ssat_date session_day(int64_t s)
{
    return (ssat_date)((s - (s & 1)) / 2); /* floor(s / 2), also for sessions before 1970 */
}

static bool school_day(const ctx *x, ssat_date d)
{
    ssat_date first, last;
    int32_t v = 0;
    ssat__calendar_bounds(x->calendar, &first, &last);
    return d >= first && d <= last && ssat_calendar_is_school_day(x->calendar, d, &v) == SSAT_OK && v != 0;
}

/* One pass over the window's sessions between the register's first and last entries (as
 * ssat_register_validate() sees gaps: before the first entry the pupil may not have joined yet). */
static void scan_window(const ctx *x, scan *out)
{
    ssat__register_view v;
    ssat__register_view_get(x->reg, &v);
    memset(out, 0, sizeof *out);
    if (v.count == 0)
        return;
    const ssat_codeset *set = ssat_register_codeset(x->reg);
    int64_t max_age = pv(x, SSAT__P_REFERRAL_PROVISIONAL_MAX_AGE)->i;
    int64_t lo = ssat__session(x->window.first_date, x->window.first_half);
    int64_t hi = ssat__session(x->window.last_date, x->window.last_half);
    int64_t last = v.base + (int64_t)v.count - 1;
    lo = lo > v.base ? lo : v.base;
    hi = hi < last ? hi : last;
    for (int64_t s = lo; s <= hi; s++) {
        uint8_t e = v.entries[s - v.base];
        ssat_date day = session_day(s);
        if (e == SSAT__ENTRY_MISSING || (e == SSAT__ENTRY_NONE && school_day(x, day)))
            out->missing++;
        else if (e != SSAT__ENTRY_NONE && (ssat_codeset_at(set, e)->flags & SSAT_FLAG_PROVISIONAL) != 0) {
            out->provisional++;
            out->old += ssat__school_days_since(x->calendar, day, x->as_of) > max_age;
        }
    }
}

static ssat_status add_r5_register(const ctx *x, const scan *sc)
{
    ssat__text tm = ssat__text_int(sc->missing);
    ssat__crit c = {
        .id = "referral.r5.register_complete",
        .outcome = sc->missing == 0 ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET,
        .measure = SSAT_MEASURE_COUNT,
        .value = sc->missing,
        .threshold = 0,
        .cmp = SSAT_CMP_LE,
        .args = {ssat__marg_text(tm.s), ssat__marg_date(x->window.first_date),
                 ssat__marg_date(x->window.last_date)},
        .nargs = 3,
    };
    return ssat__decision_add(x->d, &c, x->fn);
}

static ssat_status add_r5_provisional(const ctx *x, const scan *sc)
{
    int64_t max_age = pv(x, SSAT__P_REFERRAL_PROVISIONAL_MAX_AGE)->i;
    ssat__text to = ssat__text_int(sc->old), ta = ssat__text_int(max_age), tp = ssat__text_int(sc->provisional);
    ssat__crit c = {
        .id = "referral.r5.provisional",
        .outcome = sc->old == 0 ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET,
        .measure = SSAT_MEASURE_COUNT,
        .value = sc->old,
        .threshold = 0,
        .cmp = SSAT_CMP_LE,
        .args = {ssat__marg_text(to.s), ssat__marg_text(ta.s), ssat__marg_text(tp.s),
                 ssat__marg_date(x->window.first_date), ssat__marg_date(x->window.last_date)},
        .nargs = 5,
    };
    return ssat__decision_add(x->d, &c, x->fn);
}

static ssat_status add_r5(const ctx *x)
{
    scan sc;
    scan_window(x, &sc);
    ssat_status st = add_r5_register(x, &sc);
    if (st == SSAT_OK)
        st = add_r5_provisional(x, &sc);
    if (st == SSAT_OK)
        st = ssat__rules_fact(x->d, x->fn, "referral.r5.procedures", x->pupil, SSAT_PUPIL_PROCEDURES_FOLLOWED,
                              "procedure and chronology check");
    return st;
}

/* ---- R6: compulsory school age and on roll ------------------------------------------------------- */

static ssat_status add_r6(const ctx *x)
{
    bool required = pv(x, SSAT__P_REFERRAL_REQUIRE_COMPULSORY_AGE)->i != 0;
    ssat_status st = ssat__rules_age(x->d, x->fn, "referral.r6.compulsory_age", required, x->pupil, x->as_of);
    if (st == SSAT_OK)
        st = ssat__rules_fact(x->d, x->fn, "referral.r6.on_roll", x->pupil, SSAT_PUPIL_ON_ROLL, "roll status");
    return st;
}

/* ---- the decision -------------------------------------------------------------------------------- */

static ssat_status add_all(const ctx *x)
{
    static ssat_status (*const steps[])(const ctx *) = {add_r1, add_r2, add_r3, add_r4, add_r5, add_r6};
    ssat_outcome all = SSAT_OUTCOME_MET;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        ssat_status st = steps[i](x);
        if (st != SSAT_OK)
            return st;
    }
    for (size_t i = 0; i < ssat_decision_count(x->d); i++)
        all = ssat__outcome_and(all, ssat_decision_at(x->d, i)->outcome);
    ssat__decision_set_outcome(x->d, all);
    return SSAT_OK;
}

ssat_status ssat_referral_evaluate(const ssat_policy *policy, const ssat_register *reg,
                                   const ssat_calendar *calendar, const ssat_pupil *pupil, ssat_date as_of,
                                   ssat_decision **out)
{
    static const char fn[] = "ssat_referral_evaluate";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    ssat_status st = ssat__rules_check(fn, policy, reg, calendar, as_of, out);
    ctx x = {.fn = fn, .policy = policy, .reg = reg, .calendar = calendar, .pupil = pupil, .as_of = as_of};
    if (st == SSAT_OK)
        st = ssat__rules_window(fn, policy, SSAT__P_REFERRAL_WINDOW, calendar, reg, as_of, &x.window);
    ssat_summary *sum = NULL;
    if (st == SSAT_OK && ssat_attendance_compute(reg, &x.window, &sum) != SSAT_OK)
        st = ssat__nomem(fn); /* the only way it can fail with checked arguments */
    if (st == SSAT_OK)
        st = ssat__decision_new("referral", ssat__policy_alloc(policy), &x.d, fn);
    if (st == SSAT_OK) {
        x.totals = ssat_summary_totals(sum);
        st = add_all(&x);
    }
    ssat_summary_free(sum);
    if (st != SSAT_OK) {
        ssat_decision_free(x.d);
        return st;
    }
    *out = x.d;
    return SSAT_OK;
}
