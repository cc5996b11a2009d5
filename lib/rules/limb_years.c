/* A penalty limb window of the last school weeks counted across 1 August into the previous school year:
 * the one place that counts it, for the prepared evaluation (evaluation.c, ssat_evaluation_set_previous_year
 * and ssat_evaluation_register_years) and the per-pupil rule with the previous year
 * (penalty.c, ssat__penalty_evaluate_years, which a case's notice guard uses). Both call here, neither
 * calls the other. */
#include "rules_layer.h"

/* School days of `c` from `from` to `to`, clipped to its school year (0 outside it). */
static int32_t days_in(const ssat_calendar *c, ssat_date from, ssat_date to)
{
    ssat_date first, last;
    int32_t days = 0;
    ssat__calendar_bounds(c, &first, &last);
    from = from > first ? from : first;
    to = to < last ? to : last;
    if (from > to || ssat_calendar_count_school_days(c, from, to, &days) != SSAT_OK)
        return 0;
    return days;
}

/* The last school weeks counted down from as_of's week across 1 August, as
 * ssat_calendar_window_last_weeks() counts them in one year: a week with a school day in either year
 * counts once (the week of 1 August belongs to both). The part before 1 August, and whether the two
 * years together are still short of the weeks. Shared with the penalty rule (penalty.c), so that the
 * prepared evaluation and a case's notice count the same window. */
bool ssat__limb_span_years(const ssat_policy *policy, const ssat_calendar *calendar, const ssat_calendar *previous,
                           ssat_date as_of, ssat_window *prev_part, bool *prev_short)
{
    const ssat__pvalue *v = ssat__policy_value(policy, SSAT__P_PENALTY_LIMB_WINDOW);
    ssat_date first, last, prev_first, prev_last, start = 0;
    ssat__calendar_bounds(calendar, &first, &last);
    ssat__calendar_bounds(previous, &prev_first, &prev_last);
    int32_t found = 0;
    for (ssat_date monday = as_of - (ssat_date)(ssat_date_weekday(as_of) - 1);
         monday + 6 >= prev_first && found < v->n; monday -= 7) {
        ssat_date to = monday + 6 < as_of ? monday + 6 : as_of;
        if (days_in(calendar, monday, to) + days_in(previous, monday, to) > 0 && ++found == v->n)
            start = monday > prev_first ? monday : prev_first;
    }
    *prev_short = found < v->n;
    start = *prev_short ? prev_first : start;
    if (start >= first)
        return false;
    (void)ssat_window_range(start, prev_last, prev_part);
    return true;
}

ssat_status ssat__previous_year_check(const char *fn, const char *arg, const ssat_calendar *calendar,
                                      const ssat_calendar *previous, const ssat_policy *policy,
                                      const ssat_register *prev_reg)
{
    int32_t year = ssat_calendar_school_year(calendar), had = ssat_calendar_school_year(previous);
    if (had != year - 1)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument '%s' is the calendar of school year %d/%02d; the previous "
                           "school year is %d/%02d", fn, arg, (int)had, (int)((had + 1) % 100), (int)(year - 1),
                           (int)(year % 100));
    const char *want = policy != NULL ? ssat__policy_value(policy, SSAT__P_CODE_SET)->text : "";
    const char *have = prev_reg != NULL ? ssat_codeset_name(ssat_register_codeset(prev_reg)) : "";
    if (strcmp(want, have) != 0)
        return ssat__error(SSAT_ERR_STATE, "%s: argument 'previous_reg': the register's code set \"%.64s\" is not "
                           "the policy's code_set \"%.64s\"", fn, have, want);
    return SSAT_OK;
}

/* The previous school year's part `part` of the limb window added to this year's: its per-code counts
 * (code index of the code set, as ssat__attendance_totals gives them), its totals and its first date.
 * Shared with the penalty rule (penalty.c). */
void ssat__limb_add_previous(const ssat_register *previous, const ssat_window *part, ssat_totals *s,
                             uint32_t codes[256], ssat_window *limb_window)
{
    ssat_totals t;
    uint32_t prev[256];
    ssat__attendance_totals(previous, part, &t, prev);
    for (size_t i = 0; i < 256; i++)
        codes[i] += prev[i];
    s->possible += t.possible;
    s->attended += t.attended;
    s->authorised += t.authorised;
    s->unauthorised += t.unauthorised;
    s->not_counted += t.not_counted;
    s->missing += t.missing;
    s->present += t.present;
    s->approved_activity += t.approved_activity;
    s->late_before_close += t.late_before_close;
    s->late_after_close += t.late_after_close;
    s->holiday_authorised += t.holiday_authorised;
    s->holiday_unauthorised += t.holiday_unauthorised;
    s->provisional += t.provisional;
    s->exclusion += t.exclusion;
    s->illness += t.illness;
    s->entries += t.entries;
    limb_window->first_date = part->first_date;
    limb_window->first_half = part->first_half;
}
