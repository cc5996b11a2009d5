/* Projections for a pupil under a threshold: how many consecutive attended sessions would lift
 * attendance strictly above it, and the best year-to-date attendance still possible this school year.
 * Integers only, as for every threshold in libssat. */
#include "rules_layer.h"

ssat_status ssat_projection_sessions_to_exceed(const ssat_summary *summary, uint32_t pct_num, uint32_t pct_den,
                                               int64_t *out)
{
    static const char fn[] = "ssat_projection_sessions_to_exceed";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (summary == NULL)
        return ssat__null_arg(fn, "summary");
    if (pct_den == 0)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'pct_den' is 0", fn);
    /* (a + k) * 100 * den > num * (p + k)  <=>  k * (100 * den - num) > num * p - 100 * den * a. With a
     * threshold of 100 % or more the left side never grows, so no k suffices. */
    uint64_t hundred = 100u * (uint64_t)pct_den;
    if ((uint64_t)pct_num >= hundred)
        return ssat__error(SSAT_ERR_RANGE, "%s: a threshold of %u/%u %% is 100 %% or more: no number of sessions "
                           "lifts attendance above it", fn, (unsigned)pct_num, (unsigned)pct_den);
    const ssat_totals *t = ssat_summary_totals(summary);
    if (t->possible == 0)
        return ssat__error(SSAT_ERR_NOT_EVALUABLE, "%s: not evaluable: no possible session in the window", fn);
    /* Magnitudes: possible < 2^32 and num < 100 * den <= 10^8, so every product stays below 2^59. */
    int64_t need = (int64_t)pct_num * t->possible - (int64_t)hundred * t->attended;
    int64_t step = (int64_t)hundred - pct_num;
    *out = need < 0 ? 0 : need / step + 1;
    return SSAT_OK;
}

ssat_status ssat_projection_best_possible(const ssat_register *reg, const ssat_calendar *calendar, ssat_date as_of,
                                          int64_t *attended_out, int64_t *possible_out)
{
    static const char fn[] = "ssat_projection_best_possible";
    if (attended_out != NULL)
        *attended_out = 0;
    if (possible_out != NULL)
        *possible_out = 0;
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    if (attended_out == NULL)
        return ssat__null_arg(fn, "attended_out");
    if (possible_out == NULL)
        return ssat__null_arg(fn, "possible_out");
    ssat_status st = ssat__calendar_check_as_of(calendar, as_of, fn);
    if (st != SSAT_OK)
        return st;
    ssat_date first, last;
    ssat__calendar_bounds(calendar, &first, &last);
    ssat_window w;
    ssat_summary *sum = NULL;
    if (ssat_window_range(first, as_of, &w) != SSAT_OK || ssat_attendance_compute(reg, &w, &sum) != SSAT_OK)
        return ssat__nomem(fn); /* the arguments are checked, so only memory can fail */
    const ssat_totals *t = ssat_summary_totals(sum);
    /* Every remaining school day has two possible sessions, all attended. */
    int64_t remaining = 2 * ssat__school_days_since(calendar, as_of, last);
    *attended_out = (int64_t)t->attended + remaining;
    *possible_out = (int64_t)t->possible + remaining;
    ssat_summary_free(sum);
    return SSAT_OK;
}
