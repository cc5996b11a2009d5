/* The calendar's school year as every rule and evaluation uses it: its first and last day, the check
 * that an as-of date lies in it, and the school days elapsed since a date. */
#include "register_layer.h"

void ssat__calendar_bounds(const ssat_calendar *calendar, ssat_date *first, ssat_date *last)
{
    int32_t y = ssat_calendar_school_year(calendar);
    *first = ssat__days_from_civil(y, 8, 1);
    *last = ssat__days_from_civil(y + 1, 7, 31);
}

ssat_status ssat__calendar_check_as_of(const ssat_calendar *calendar, ssat_date as_of, const char *fn)
{
    ssat_date first, last;
    ssat__calendar_bounds(calendar, &first, &last);
    if (as_of < first || as_of > last)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'as_of' (%s) is outside the calendar's school year "
                           "(%s..%s)", fn, ssat__text_date(as_of).s, ssat__text_date(first).s,
                           ssat__text_date(last).s);
    return SSAT_OK;
}

int64_t ssat__school_days_since(const ssat_calendar *calendar, ssat_date from, ssat_date as_of)
{
    if (from >= as_of)
        return 0;
    ssat_date first, last;
    ssat__calendar_bounds(calendar, &first, &last);
    ssat_date lo = from + 1;
    int64_t before = 0;
    if (lo < first) {
        before = (int64_t)first - lo;
        lo = first;
    }
    int32_t n = 0;
    if (lo <= as_of && ssat_calendar_count_school_days(calendar, lo, as_of, &n) != SSAT_OK)
        n = 0; /* as_of is inside the year (checked), so this cannot fail */
    return before + n;
}
