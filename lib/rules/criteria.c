/* What every rule shares (referral.c, absence.c, penalty.c, and evaluation.c through them): the checks
 * made first, the resolution of a policy's window, the text and message arguments of a criterion, and
 * the percentage, pupil-fact and compulsory-school-age criteria. */
#include "rules_layer.h"

#include <stdio.h>

/* ---- message arguments --------------------------------------------------------------------------- */

ssat__text ssat__text_tenths(uint64_t part, uint64_t whole)
{
    ssat__text t;
    int32_t tenths = 0;
    if (ssat_percent_tenths(part, whole, &tenths) != SSAT_OK)
        (void)snprintf(t.s, sizeof t.s, "-");
    else
        (void)snprintf(t.s, sizeof t.s, "%ld.%ld", (long)(tenths / 10), (long)(tenths % 10));
    return t;
}

ssat__text ssat__text_percent_vs(uint64_t part, uint64_t whole, uint32_t num, uint32_t den)
{
    ssat__text t;
    ssat__error_state saved;
    ssat__error_save(&saved);
    if (ssat_percent_format(part, whole, ssat_percent_decimals(part, whole, num, den), t.s, sizeof t.s) != SSAT_OK)
        (void)snprintf(t.s, sizeof t.s, "-");
    ssat__error_restore(&saved);
    return t;
}

/* A policy percentage is num/den with den a power of ten: print it as an exact decimal without
 * trailing zeros ("85", "87.5", "33.333"). */
ssat__text ssat__text_percent(uint32_t num, uint32_t den)
{
    ssat__text t;
    if (den == 0)
        den = 1;
    int digits = 0;
    for (uint32_t d = den; d > 1; d /= 10)
        digits++;
    uint32_t frac = num % den;
    int n = snprintf(t.s, sizeof t.s, "%lu", (unsigned long)(num / den));
    if (frac != 0 && n > 0) {
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        (void)snprintf(t.s + n, sizeof t.s - (size_t)n, ".%0*lu", digits, (unsigned long)frac);
    }
    return t;
}

ssat__marg ssat__marg_text(const char *text)
{
    return (ssat__marg){.text = text};
}

ssat__marg ssat__marg_date(ssat_date date)
{
    return (ssat__marg){.is_date = true, .date = date};
}

ssat__marg ssat__marg_cmp(ssat_comparator cmp, const char *pct)
{
    static const char *const ids[] = {"decision.cmp.lt", "decision.cmp.le", "decision.cmp.ge", "decision.cmp.gt"};
    const char *id = (int)cmp >= 0 && (int)cmp <= 3 ? ids[cmp] : ids[0];
    return (ssat__marg){.tmpl = id, .sub = {pct, NULL}};
}

ssat__marg ssat__marg_fact(ssat_fact fact)
{
    switch (fact) {
    case SSAT_FACT_YES: return (ssat__marg){.tmpl = "decision.fact.yes"};
    case SSAT_FACT_NO: return (ssat__marg){.tmpl = "decision.fact.no"};
    case SSAT_FACT_UNKNOWN: break;
    }
    return (ssat__marg){.tmpl = "decision.fact.unknown"};
}

ssat__marg ssat__marg_label(const char *prefix, const char *id)
{
    return (ssat__marg){.prefix = prefix, .tmpl = id};
}

ssat__marg ssat__marg_labels(const char *prefix, uint32_t bits, const char *(*list_id)(unsigned i))
{
    return (ssat__marg){.prefix = prefix, .list = bits, .list_id = list_id};
}

/* ---- checks and windows shared by the rules ------------------------------------------------------ */

static ssat_status check_code_set(const char *fn, const ssat_policy *policy, const ssat_register *reg)
{
    const char *want = ssat__policy_value(policy, SSAT__P_CODE_SET)->text;
    const char *have = ssat_codeset_name(ssat_register_codeset(reg));
    if (strcmp(want, have) != 0)
        return ssat__error(SSAT_ERR_STATE, "%s: the register's code set \"%.64s\" is not the policy's code_set "
                           "\"%.64s\"", fn, have, want);
    return SSAT_OK;
}

ssat_status ssat__rules_check(const char *fn, const ssat_policy *policy, const ssat_register *reg,
                              const ssat_calendar *calendar, ssat_date as_of, const void *out)
{
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    ssat_status st = check_code_set(fn, policy, reg);
    if (st != SSAT_OK)
        return st;
    return ssat__calendar_check_as_of(calendar, as_of, fn);
}

ssat_status ssat__rules_window(const char *fn, const ssat_policy *policy, ssat__pkey key,
                               const ssat_calendar *calendar, const ssat_register *reg, ssat_date as_of,
                               ssat_window *out)
{
    const ssat__pvalue *v = ssat__policy_value(policy, key);
    ssat_window_kind kind = (ssat_window_kind)v->i;
    ssat__error_state saved;
    ssat__error_save(&saved);
    ssat_status st = ssat_window_resolve(kind, v->n, calendar, reg, as_of, out);
    if (st == SSAT_ERR_NOT_FOUND && kind == SSAT_WINDOW_LAST_SESSIONS) {
        /* No entry up to as_of: any window ending at as_of holds nothing, so nothing is possible. */
        ssat__error_restore(&saved);
        return ssat_window_range(as_of, as_of, out);
    }
    if (st != SSAT_OK) {
        char why[256];
        (void)snprintf(why, sizeof why, "%s", ssat_error_message()); /* copied: the error buffer is rewritten */
        return ssat__error(st, "%s: cannot resolve the policy's window for as_of %s: %s", fn,
                           ssat__text_date(as_of).s, why);
    }
    return SSAT_OK;
}

/* ---- criteria shared by the rules ---------------------------------------------------------------- */

ssat_status ssat__rules_percent(ssat_decision *d, const char *fn, const char *id, uint64_t part, uint64_t whole,
                                const ssat__pvalue *threshold, const ssat__pvalue *comparator,
                                const ssat_window *w, const ssat_totals *t)
{
    ssat_comparator cmp = (ssat_comparator)comparator->i;
    int32_t holds = 0;
    ssat__error_state saved;
    ssat__error_save(&saved); /* not evaluable is an outcome here, not a failure */
    bool evaluable = ssat_percent_compare(part, whole, cmp, threshold->num, threshold->den, &holds) == SSAT_OK;
    ssat__error_restore(&saved);
    ssat__text tp = ssat__text_int((int64_t)part), tw = ssat__text_int((int64_t)whole);
    /* The figure never contradicts the decision: as many decimals as the threshold needs (item i). */
    ssat__text tpct = ssat__text_percent_vs(part, whole, threshold->num, threshold->den);
    ssat__text tthr = ssat__text_percent(threshold->num, threshold->den);
    ssat__crit c = {
        .id = id,
        .variant = evaluable ? NULL : "not_evaluable",
        .outcome = holds ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET,
        .measure = SSAT_MEASURE_PERCENT,
        .value = (int64_t)part,
        .whole = (int64_t)whole,
        .threshold = threshold->num,
        .threshold_den = threshold->den,
        .cmp = cmp,
        .provisional = t != NULL ? t->provisional : 0,
        .missing_marks = t != NULL ? t->missing : 0,
        .args = {ssat__marg_text(tp.s), ssat__marg_text(tw.s), ssat__marg_text(tpct.s),
                 ssat__marg_cmp(cmp, tthr.s), ssat__marg_date(w->first_date), ssat__marg_date(w->last_date)},
        .nargs = 6,
    };
    return ssat__decision_add(d, &c, fn);
}

ssat_outcome ssat__fact_outcome(ssat_fact f)
{
    switch (f) {
    case SSAT_FACT_YES: return SSAT_OUTCOME_MET;
    case SSAT_FACT_NO: return SSAT_OUTCOME_NOT_MET;
    case SSAT_FACT_UNKNOWN: break;
    }
    return SSAT_OUTCOME_UNKNOWN;
}

ssat_status ssat__rules_fact(ssat_decision *d, const char *fn, const char *id, const ssat_pupil *pupil,
                             ssat_pupil_fact fact, const char *missing)
{
    ssat_fact f = pupil != NULL ? ssat_pupil_get_fact(pupil, fact) : SSAT_FACT_UNKNOWN;
    ssat__crit c = {
        .id = id,
        .outcome = ssat__fact_outcome(f),
        .measure = SSAT_MEASURE_FACT,
        .value = f == SSAT_FACT_YES,
        .threshold = 1,
        .cmp = SSAT_CMP_GE,
        .missing = f == SSAT_FACT_UNKNOWN ? missing : NULL,
        .args = {ssat__marg_fact(f)},
        .nargs = 1,
    };
    return ssat__decision_add(d, &c, fn);
}

/* The age facts for a known date of birth; false (unknown) when the computation is out of range. */
static bool age_facts(ssat_date dob, ssat_date as_of, int32_t *is_age, ssat_date *first, ssat_date *last)
{
    ssat__error_state saved;
    ssat__error_save(&saved);
    bool ok = ssat_is_compulsory_school_age(dob, as_of, is_age) == SSAT_OK &&
              ssat_compulsory_school_age(dob, first, last) == SSAT_OK;
    ssat__error_restore(&saved);
    return ok;
}

ssat_status ssat__rules_age(ssat_decision *d, const char *fn, const char *id, bool required,
                            const ssat_pupil *pupil, ssat_date as_of)
{
    ssat__crit c = {.id = id, .measure = SSAT_MEASURE_FACT, .threshold = 1, .cmp = SSAT_CMP_GE};
    if (!required) {
        c.variant = "not_required";
        c.outcome = SSAT_OUTCOME_MET;
        c.value = 1;
        return ssat__decision_add(d, &c, fn);
    }
    ssat_date dob = 0, first = 0, last = 0;
    int32_t is_age = 0;
    ssat__error_state saved;
    ssat__error_save(&saved); /* an unknown date of birth is an answer ("unknown"), not a failure */
    bool known = pupil != NULL && ssat_pupil_date_of_birth(pupil, &dob) == SSAT_OK &&
                 age_facts(dob, as_of, &is_age, &first, &last);
    ssat__error_restore(&saved);
    if (!known) {
        c.outcome = SSAT_OUTCOME_UNKNOWN;
        c.missing = "date of birth";
        return ssat__decision_add(d, &c, fn);
    }
    c.outcome = is_age ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
    c.value = is_age;
    c.args[0] = ssat__marg_date(as_of);
    c.args[1] = ssat__marg_date(dob);
    c.args[2] = ssat__marg_date(first);
    c.args[3] = ssat__marg_date(last);
    c.nargs = 4;
    return ssat__decision_add(d, &c, fn);
}
