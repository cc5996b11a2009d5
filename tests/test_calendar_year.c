/* Tests of lib/register/calendar_year.c: the first and last day of a calendar's school year, the as-of
 * check every rule starts with (the message names the function and the year), and the school days
 * elapsed since a date, days before 1 August counting as elapsed. */
#include "support.h"

#include "register_layer.h"

#define D(iso) test_date(iso)

static ssat_calendar *new_calendar(int32_t year)
{
    ssat_calendar *c = NULL;
    assert_ok(ssat_calendar_new(year, NULL, &c));
    return c;
}

static void bounds_are_1_august_to_31_july(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    ssat_date first = 0, last = 0;
    ssat__calendar_bounds(c, &first, &last);
    assert_int_equal(first, D("2024-08-01"));
    assert_int_equal(last, D("2025-07-31"));
    ssat_calendar_free(c);
}

static void as_of_inside_the_year_only(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    assert_ok(ssat__calendar_check_as_of(c, D("2024-08-01"), "fn_x"));
    assert_ok(ssat__calendar_check_as_of(c, D("2025-07-31"), "fn_x"));
    assert_status_msg(ssat__calendar_check_as_of(c, D("2024-07-31"), "fn_x"), SSAT_ERR_RANGE,
                      "fn_x: argument 'as_of' (2024-07-31) is outside the calendar's school year "
                      "(2024-08-01..2025-07-31)");
    assert_status_msg(ssat__calendar_check_as_of(c, D("2025-08-01"), "fn_y"), SSAT_ERR_RANGE, "fn_y");
    ssat_calendar_free(c);
}

static void school_days_since(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    /* Monday 2 September to Friday 6 September: the days after `from`, as_of included. */
    assert_int_equal(ssat__school_days_since(c, D("2024-09-02"), D("2024-09-06")), 4);
    /* A weekend in between counts nothing. */
    assert_int_equal(ssat__school_days_since(c, D("2024-09-06"), D("2024-09-09")), 1);
    /* Nothing elapsed: from on or after as_of. */
    assert_int_equal(ssat__school_days_since(c, D("2024-09-06"), D("2024-09-06")), 0);
    assert_int_equal(ssat__school_days_since(c, D("2024-09-09"), D("2024-09-06")), 0);
    /* A closure is not a school day. */
    assert_ok(ssat_calendar_add_closure(c, D("2024-09-04"), D("2024-09-04")));
    assert_int_equal(ssat__school_days_since(c, D("2024-09-02"), D("2024-09-06")), 3);
    /* Before 1 August every day counts (29, 30 and 31 July), then the year's school days. */
    assert_int_equal(ssat__school_days_since(c, D("2024-07-28"), D("2024-08-02")), 3 + 2);
    ssat_calendar_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bounds_are_1_august_to_31_july),
        cmocka_unit_test(as_of_inside_the_year_only),
        cmocka_unit_test(school_days_since),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
