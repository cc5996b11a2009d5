/* Persistent absence (Wales from October 2023 and England: 10 % or more of possible sessions) and, where
 * the policy enables it, severe absence (England: 50 %). Both compare the absence rate, authorised plus
 * unauthorised over possible sessions, exactly; nothing possible means not evaluable, so neither holds. */
#include "rules_layer.h"

ssat_status ssat__rules_absence(ssat_decision *d, const char *fn, const ssat_policy *policy,
                               const ssat_totals *t, const ssat_window *w)
{
    uint64_t absent = (uint64_t)t->authorised + t->unauthorised;
    ssat_status st = ssat__rules_percent(d, fn, "absence.persistent", absent, t->possible,
                                         ssat__policy_value(policy, SSAT__P_ABSENCE_PERSISTENT_THRESHOLD),
                                         ssat__policy_value(policy, SSAT__P_ABSENCE_PERSISTENT_COMPARATOR), w, t);
    /* Severe absence is a separate finding, not a condition of persistent absence: when the policy does
     * not evaluate it, it is left out rather than reported as met or not met. */
    if (st == SSAT_OK && ssat__policy_value(policy, SSAT__P_ABSENCE_SEVERE_ENABLED)->i != 0)
        st = ssat__rules_percent(d, fn, "absence.severe", absent, t->possible,
                                 ssat__policy_value(policy, SSAT__P_ABSENCE_SEVERE_THRESHOLD),
                                 ssat__policy_value(policy, SSAT__P_ABSENCE_SEVERE_COMPARATOR), w, t);
    return st;
}

ssat_status ssat_absence_evaluate(const ssat_policy *policy, const ssat_register *reg,
                                  const ssat_calendar *calendar, ssat_date as_of, ssat_decision **out)
{
    static const char fn[] = "ssat_absence_evaluate";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    ssat_window w;
    ssat_summary *sum = NULL;
    ssat_decision *d = NULL;
    ssat_status st = ssat__rules_check(fn, policy, reg, calendar, as_of, out);
    if (st == SSAT_OK)
        st = ssat__rules_window(fn, policy, SSAT__P_ABSENCE_WINDOW, calendar, reg, as_of, &w);
    if (st == SSAT_OK && ssat_attendance_compute(reg, &w, &sum) != SSAT_OK)
        st = ssat__nomem(fn);
    if (st == SSAT_OK)
        st = ssat__decision_new("absence", ssat__policy_alloc(policy), &d, fn);
    if (st == SSAT_OK)
        st = ssat__rules_absence(d, fn, policy, ssat_summary_totals(sum), &w);
    if (st == SSAT_OK)
        ssat__decision_set_outcome(d, ssat__decision_outcome_of(d, "absence.persistent"));
    ssat_summary_free(sum);
    if (st != SSAT_OK) {
        ssat_decision_free(d);
        return st;
    }
    *out = d;
    return SSAT_OK;
}
