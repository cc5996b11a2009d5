/* Tests of lib/core/date.c: parsing and formatting, day numbers, weekdays, school years, Easter, and the
 * internal window check. */
#include "support.h"

#include "core_layer.h"

#include <stdlib.h>

/* ---- parsing -------------------------------------------------------------------------------------- */

static void parse_valid_dates(void **state)
{
    (void)state;
    ssat_date d = -1;
    assert_ok(ssat_date_parse("1970-01-01", &d));
    assert_int_equal(d, 0);
    assert_ok(ssat_date_parse("1970-01-02", &d));
    assert_int_equal(d, 1);
    assert_ok(ssat_date_parse("1969-12-31", &d));
    assert_int_equal(d, -1);
    assert_ok(ssat_date_parse("2000-03-01", &d));
    assert_int_equal(d, 11017);
    assert_ok(ssat_date_parse("2024-02-29", &d)); /* leap: divisible by 4 */
    assert_int_equal(d, 19782);
    assert_ok(ssat_date_parse("2000-02-29", &d)); /* leap: divisible by 400 */
    assert_int_equal(d, 11016);
    assert_ok(ssat_date_parse("1583-01-01", &d));
    assert_int_equal(d, -141349);
    assert_int_equal(d, ssat__date_min());
    assert_ok(ssat_date_parse("9999-12-31", &d));
    assert_int_equal(d, 2932896);
    assert_int_equal(d, ssat__date_max());
}

/* Each malformed text: the status, the text the message must contain, and *out must be reset to 0. */
static void parse_rejects(const char *iso, ssat_status expected, const char *needle)
{
    ssat_date d = 12345;
    assert_status_msg(ssat_date_parse(iso, &d), expected, needle);
    assert_int_equal(d, 0);
    assert_non_null(strstr(ssat_error_message(), "ssat_date_parse"));
    assert_non_null(strstr(ssat_error_message(), "argument 'iso'"));
    assert_int_equal(ssat_error_status(), expected);
}

static void parse_rejects_malformed_text(void **state)
{
    (void)state;
    parse_rejects("2024-2-3", SSAT_ERR_PARSE, "character 7 must be a digit");
    parse_rejects("2024-02-3", SSAT_ERR_PARSE, "ends after 9 characters");
    parse_rejects("", SSAT_ERR_PARSE, "ends after 0 characters");
    parse_rejects(" 2024-02-03", SSAT_ERR_PARSE, "character 1 must be a digit");
    parse_rejects("2024-02-03 ", SSAT_ERR_PARSE, "character 11");
    parse_rejects("2024-02-03\n", SSAT_ERR_PARSE, "character 11");
    parse_rejects("2024-02-031", SSAT_ERR_PARSE, "character 11");
    parse_rejects("+2024-02-03", SSAT_ERR_PARSE, "character 1 must be a digit");
    parse_rejects("-2024-02-03", SSAT_ERR_PARSE, "character 1 must be a digit");
    parse_rejects("2024/02/03", SSAT_ERR_PARSE, "character 5 must be '-'");
    parse_rejects("2024-02/03", SSAT_ERR_PARSE, "character 8 must be '-'");
    parse_rejects("20240203", SSAT_ERR_PARSE, "character 5 must be '-'");
    parse_rejects("2024-0a-03", SSAT_ERR_PARSE, "character 7 must be a digit");
    parse_rejects("2024-02-03T00:00", SSAT_ERR_PARSE, "character 11");
    parse_rejects("\xc2\xb2" "024-02-03", SSAT_ERR_PARSE, "character 1 must be a digit"); /* UTF-8 superscript two */
}

static void parse_rejects_days_that_do_not_exist(void **state)
{
    (void)state;
    parse_rejects("2024-02-30", SSAT_ERR_PARSE, "day 30 does not exist in 2024-02");
    parse_rejects("2023-02-29", SSAT_ERR_PARSE, "day 29 does not exist in 2023-02");
    parse_rejects("1900-02-29", SSAT_ERR_PARSE, "day 29 does not exist in 1900-02"); /* century, not leap */
    parse_rejects("2024-04-31", SSAT_ERR_PARSE, "day 31 does not exist in 2024-04");
    parse_rejects("2024-01-00", SSAT_ERR_PARSE, "day 00 does not exist");
    parse_rejects("2024-01-32", SSAT_ERR_PARSE, "day 32 does not exist");
    parse_rejects("2024-00-10", SSAT_ERR_PARSE, "month 00 does not exist");
    parse_rejects("2024-13-01", SSAT_ERR_PARSE, "month 13 does not exist");
}

static void parse_rejects_years_out_of_range(void **state)
{
    (void)state;
    parse_rejects("1582-12-31", SSAT_ERR_RANGE, "year 1582");
    parse_rejects("0000-01-01", SSAT_ERR_RANGE, "year 0000");
    parse_rejects("1000-06-15", SSAT_ERR_RANGE, "year 1000");
}

static void parse_rejects_null_arguments(void **state)
{
    (void)state;
    ssat_date d = 77;
    assert_status_msg(ssat_date_parse(NULL, &d), SSAT_ERR_INVALID_ARG, "argument 'iso' is NULL");
    assert_int_equal(d, 0);
    assert_status_msg(ssat_date_parse("2024-01-01", NULL), SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    assert_non_null(strstr(ssat_error_message(), "ssat_date_parse"));
}

/* ---- from/to year, month, day --------------------------------------------------------------------- */

static void from_ymd_valid(void **state)
{
    (void)state;
    ssat_date d = -1;
    assert_ok(ssat_date_from_ymd(1970, 1, 1, &d));
    assert_int_equal(d, 0);
    assert_ok(ssat_date_from_ymd(2024, 9, 2, &d));
    assert_int_equal(d, test_date("2024-09-02"));
    assert_ok(ssat_date_from_ymd(2024, 2, 29, &d));
    assert_int_equal(d, test_date("2024-02-29"));
    assert_ok(ssat_date_from_ymd(1583, 1, 1, &d));
    assert_int_equal(d, ssat__date_min());
    assert_ok(ssat_date_from_ymd(9999, 12, 31, &d));
    assert_int_equal(d, ssat__date_max());
}

static void from_ymd_rejects(void **state)
{
    (void)state;
    ssat_date d = 5;
    assert_status_msg(ssat_date_from_ymd(2024, 1, 1, NULL), SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    assert_status_msg(ssat_date_from_ymd(1582, 12, 31, &d), SSAT_ERR_RANGE, "argument 'year'");
    assert_int_equal(d, 0);
    d = 5;
    assert_status_msg(ssat_date_from_ymd(10000, 1, 1, &d), SSAT_ERR_RANGE, "argument 'year'");
    assert_int_equal(d, 0);
    assert_status_msg(ssat_date_from_ymd(-2024, 1, 1, &d), SSAT_ERR_RANGE, "argument 'year'");
    assert_status_msg(ssat_date_from_ymd(2024, 0, 1, &d), SSAT_ERR_INVALID_ARG, "argument 'month'");
    assert_status_msg(ssat_date_from_ymd(2024, 13, 1, &d), SSAT_ERR_INVALID_ARG, "argument 'month'");
    assert_status_msg(ssat_date_from_ymd(2024, 1, 0, &d), SSAT_ERR_INVALID_ARG, "argument 'day'");
    assert_status_msg(ssat_date_from_ymd(2024, 1, 32, &d), SSAT_ERR_INVALID_ARG, "argument 'day'");
    assert_status_msg(ssat_date_from_ymd(2023, 2, 29, &d), SSAT_ERR_INVALID_ARG, "argument 'day'");
    d = 5;
    assert_status_msg(ssat_date_from_ymd(2024, 6, 31, &d), SSAT_ERR_INVALID_ARG, "argument 'day': 31 does not exist in 2024-06");
    assert_int_equal(d, 0);
    assert_non_null(strstr(ssat_error_message(), "ssat_date_from_ymd"));
}

static void to_ymd_valid_and_null_outputs(void **state)
{
    (void)state;
    int32_t y = 0, m = 0, d = 0;
    assert_ok(ssat_date_to_ymd(test_date("2025-03-10"), &y, &m, &d));
    assert_int_equal(y, 2025);
    assert_int_equal(m, 3);
    assert_int_equal(d, 10);
    assert_ok(ssat_date_to_ymd(ssat__date_min(), &y, NULL, NULL));
    assert_int_equal(y, 1583);
    assert_ok(ssat_date_to_ymd(ssat__date_max(), NULL, &m, &d));
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
    assert_ok(ssat_date_to_ymd(0, NULL, NULL, NULL));
}

static void to_ymd_rejects_out_of_range(void **state)
{
    (void)state;
    int32_t y = 9, m = 9, d = 9;
    assert_status_msg(ssat_date_to_ymd(ssat__date_min() - 1, &y, &m, &d), SSAT_ERR_RANGE, "argument 'date'");
    assert_int_equal(y, 0);
    assert_int_equal(m, 0);
    assert_int_equal(d, 0);
    y = m = d = 9;
    assert_status_msg(ssat_date_to_ymd(ssat__date_max() + 1, &y, &m, &d), SSAT_ERR_RANGE, "argument 'date'");
    assert_int_equal(y + m + d, 0);
    assert_status_msg(ssat_date_to_ymd(INT32_MIN, NULL, NULL, NULL), SSAT_ERR_RANGE, "ssat_date_to_ymd");
    assert_status_msg(ssat_date_to_ymd(INT32_MAX, NULL, NULL, NULL), SSAT_ERR_RANGE, "argument 'date'");
}

/* Every supported day: the day number, the civil date and the text agree, and consecutive day
 * numbers are consecutive calendar days. */
static void every_supported_day_round_trips(void **state)
{
    (void)state;
    int32_t py = 1582, pm = 12, pd = 31;
    for (ssat_date z = ssat__date_min(); z <= ssat__date_max(); z++) {
        int32_t y, m, d;
        ssat__civil_from_days(z, &y, &m, &d);
        assert_int_equal(ssat__days_from_civil(y, m, d), z);
        bool next_day = y == py && m == pm && d == pd + 1;
        bool next_month = y == py && m == pm + 1 && d == 1;
        bool next_year = y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31;
        assert_true(next_day || next_month || next_year);
        py = y, pm = m, pd = d;
    }
    assert_int_equal(py, 9999);
}

static void sampled_days_round_trip_through_text(void **state)
{
    (void)state;
    for (ssat_date z = ssat__date_min(); z <= ssat__date_max(); z += 97) {
        char buf[SSAT_DATE_BUFSIZE];
        ssat_date back = 0, made = 0;
        int32_t y, m, d;
        assert_ok(ssat_date_format(z, buf, sizeof buf));
        assert_ok(ssat_date_parse(buf, &back));
        assert_int_equal(back, z);
        assert_ok(ssat_date_to_ymd(z, &y, &m, &d));
        assert_ok(ssat_date_from_ymd(y, m, d, &made));
        assert_int_equal(made, z);
    }
}

static void range_predicates(void **state)
{
    (void)state;
    assert_true(ssat__date_in_range(ssat__date_min()));
    assert_true(ssat__date_in_range(ssat__date_max()));
    assert_true(ssat__date_in_range(0));
    assert_false(ssat__date_in_range(ssat__date_min() - 1));
    assert_false(ssat__date_in_range(ssat__date_max() + 1));
    assert_false(ssat__date_in_range(INT32_MIN));
    assert_false(ssat__date_in_range(INT32_MAX));
}

/* ---- formatting ----------------------------------------------------------------------------------- */

static void format_valid(void **state)
{
    (void)state;
    char buf[SSAT_DATE_BUFSIZE];
    assert_ok(ssat_date_format(0, buf, sizeof buf));
    assert_string_equal(buf, "1970-01-01");
    assert_ok(ssat_date_format(ssat__date_min(), buf, sizeof buf));
    assert_string_equal(buf, "1583-01-01");
    assert_ok(ssat_date_format(ssat__date_max(), buf, sizeof buf));
    assert_string_equal(buf, "9999-12-31");
    char big[64];
    memset(big, 'x', sizeof big);
    assert_ok(ssat_date_format(test_date("2024-09-02"), big, sizeof big));
    assert_string_equal(big, "2024-09-02");
    assert_int_equal(big[11], 'x'); /* nothing written past the NUL */
}

static void format_rejects(void **state)
{
    (void)state;
    char buf[SSAT_DATE_BUFSIZE];
    memset(buf, 'x', sizeof buf);
    assert_status_msg(ssat_date_format(0, NULL, 11), SSAT_ERR_INVALID_ARG, "argument 'buf' is NULL");
    assert_status_msg(ssat_date_format(0, buf, SSAT_DATE_BUFSIZE - 1), SSAT_ERR_INVALID_ARG, "argument 'cap'");
    assert_int_equal(buf[0], 'x'); /* nothing written */
    assert_status_msg(ssat_date_format(0, buf, 0), SSAT_ERR_INVALID_ARG, "argument 'cap'");
    assert_int_equal(buf[0], 'x');
    assert_status_msg(ssat_date_format(ssat__date_max() + 1, buf, sizeof buf), SSAT_ERR_RANGE, "argument 'date'");
    assert_string_equal(buf, "");
    assert_status_msg(ssat_date_format(ssat__date_min() - 1, buf, sizeof buf), SSAT_ERR_RANGE, "ssat_date_format");
}

/* ---- weekdays and school years -------------------------------------------------------------------- */

static void weekdays_of_known_dates(void **state)
{
    (void)state;
    assert_int_equal(ssat_date_weekday(0), 4);                          /* 1970-01-01 Thursday */
    assert_int_equal(ssat_date_weekday(-1), 3);                         /* 1969-12-31 Wednesday */
    assert_int_equal(ssat_date_weekday(test_date("2024-09-02")), 1);    /* Monday */
    assert_int_equal(ssat_date_weekday(test_date("2024-09-08")), 7);    /* Sunday */
    assert_int_equal(ssat_date_weekday(test_date("2000-01-01")), 6);    /* Saturday */
    assert_int_equal(ssat_date_weekday(test_date("2025-03-10")), 1);    /* Monday */
    assert_int_equal(ssat_date_weekday(test_date("1583-01-01")), 6);    /* Saturday */
    assert_int_equal(ssat_date_weekday(test_date("9999-12-31")), 5);    /* Friday */
    /* Cannot fail: any day number gives 1..7, and consecutive days cycle. */
    assert_int_equal(ssat_date_weekday(INT32_MIN) % 7 + 1, ssat_date_weekday(INT32_MIN + 1));
    assert_in_range(ssat_date_weekday(INT32_MAX), 1, 7);
    for (ssat_date z = -1000; z < 1000; z++)
        assert_int_equal(ssat_date_weekday(z) % 7 + 1, ssat_date_weekday(z + 1));
}

static void school_year_boundaries(void **state)
{
    (void)state;
    assert_int_equal(ssat_date_school_year(test_date("2024-07-31")), 2023);
    assert_int_equal(ssat_date_school_year(test_date("2024-08-01")), 2024);
    assert_int_equal(ssat_date_school_year(test_date("2024-12-31")), 2024);
    assert_int_equal(ssat_date_school_year(test_date("2025-01-01")), 2024);
    assert_int_equal(ssat_date_school_year(test_date("2025-03-10")), 2024);
    assert_int_equal(ssat_date_school_year(test_date("2025-07-31")), 2024);
    assert_int_equal(ssat_date_school_year(test_date("2025-08-01")), 2025);
    assert_int_equal(ssat_date_school_year(ssat__date_min()), 1582);
    assert_int_equal(ssat_date_school_year(ssat__date_max()), 9999);
    /* Cannot fail, even far outside the supported years. */
    assert_true(ssat_date_school_year(INT32_MIN) < 0);
    assert_true(ssat_date_school_year(INT32_MAX) > 9999);
}

/* ---- Easter --------------------------------------------------------------------------------------- */

/* Published Easter Sundays (Western churches), including the earliest and latest possible dates. */
static const char *const easter_table[][2] = {
    {"1583", "1583-04-10"}, {"1818", "1818-03-22"}, /* earliest possible */
    {"1886", "1886-04-25"},                         /* latest possible */
    {"1900", "1900-04-15"}, {"1913", "1913-03-23"}, {"1943", "1943-04-25"}, {"1954", "1954-04-18"},
    {"1961", "1961-04-02"}, {"1970", "1970-03-29"}, {"1981", "1981-04-19"}, {"1990", "1990-04-15"},
    {"2000", "2000-04-23"}, {"2008", "2008-03-23"}, {"2011", "2011-04-24"}, {"2013", "2013-03-31"},
    {"2014", "2014-04-20"}, {"2015", "2015-04-05"}, {"2016", "2016-03-27"}, {"2017", "2017-04-16"},
    {"2018", "2018-04-01"}, {"2019", "2019-04-21"}, {"2020", "2020-04-12"}, {"2021", "2021-04-04"},
    {"2022", "2022-04-17"}, {"2023", "2023-04-09"}, {"2024", "2024-03-31"}, {"2025", "2025-04-20"},
    {"2026", "2026-04-05"}, {"2027", "2027-03-28"}, {"2038", "2038-04-25"}, {"2049", "2049-04-18"},
    {"2076", "2076-04-19"}, {"2100", "2100-03-28"}, {"2285", "2285-03-22"},
};

static void easter_matches_published_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof easter_table / sizeof easter_table[0]; i++) {
        int32_t year = (int32_t)strtol(easter_table[i][0], NULL, 10);
        ssat_date got = 0;
        char buf[SSAT_DATE_BUFSIZE];
        assert_ok(ssat_easter_sunday(year, &got));
        assert_ok(ssat_date_format(got, buf, sizeof buf));
        assert_string_equal(buf, easter_table[i][1]);
    }
}

static void every_easter_is_a_sunday_in_its_window(void **state)
{
    (void)state;
    for (int32_t year = SSAT_YEAR_MIN; year <= SSAT_YEAR_MAX; year++) {
        ssat_date e = 0;
        assert_ok(ssat_easter_sunday(year, &e));
        assert_int_equal(ssat_date_weekday(e), 7);
        assert_true(e >= ssat__days_from_civil(year, 3, 22) && e <= ssat__days_from_civil(year, 4, 25));
    }
}

static void easter_rejects(void **state)
{
    (void)state;
    ssat_date e = 3;
    assert_status_msg(ssat_easter_sunday(2024, NULL), SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    assert_status_msg(ssat_easter_sunday(1582, &e), SSAT_ERR_RANGE, "argument 'year'");
    assert_int_equal(e, 0);
    e = 3;
    assert_status_msg(ssat_easter_sunday(10000, &e), SSAT_ERR_RANGE, "argument 'year'");
    assert_int_equal(e, 0);
    assert_non_null(strstr(ssat_error_message(), "ssat_easter_sunday"));
}

/* ---- ssat__window_check --------------------------------------------------------------------------- */

static void window_check_accepts_valid_windows(void **state)
{
    (void)state;
    ssat_window w = {test_date("2024-09-02"), SSAT_AM, test_date("2024-09-02"), SSAT_AM};
    assert_ok(ssat__window_check(&w, "fn"));
    w.last_half = SSAT_PM;
    assert_ok(ssat__window_check(&w, "fn"));
    w = (ssat_window){ssat__date_min(), SSAT_AM, ssat__date_max(), SSAT_PM};
    assert_ok(ssat__window_check(&w, "fn"));
}

static void window_check_rejects(void **state)
{
    (void)state;
    const ssat_date d = test_date("2024-09-02");
    ssat_window w = {d, SSAT_AM, d, SSAT_PM};
    assert_status_msg(ssat__window_check(NULL, "my_fn"), SSAT_ERR_INVALID_ARG, "my_fn: argument 'window' is NULL");

    w.first_half = (ssat_half)2;
    assert_status_msg(ssat__window_check(&w, "my_fn"), SSAT_ERR_INVALID_ARG, "'first_half' is 2");
    w.first_half = (ssat_half)-1;
    assert_status_msg(ssat__window_check(&w, "my_fn"), SSAT_ERR_INVALID_ARG, "'first_half'");
    w.first_half = SSAT_AM;
    w.last_half = (ssat_half)7;
    assert_status_msg(ssat__window_check(&w, "my_fn"), SSAT_ERR_INVALID_ARG, "'last_half' is 7");
    w.last_half = SSAT_PM;

    w.first_date = ssat__date_min() - 1;
    assert_status_msg(ssat__window_check(&w, "my_fn"), SSAT_ERR_INVALID_ARG, "'first_date'");
    w.first_date = d;
    w.last_date = ssat__date_max() + 1;
    assert_status_msg(ssat__window_check(&w, "my_fn"), SSAT_ERR_INVALID_ARG, "'last_date'");

    /* Order is by session: same day PM..AM is backwards, as is an earlier last day. */
    w = (ssat_window){d, SSAT_PM, d, SSAT_AM};
    assert_status_msg(ssat__window_check(&w, "my_fn"), SSAT_ERR_INVALID_ARG, "'last_date'");
    assert_non_null(strstr(ssat_error_message(), "my_fn"));
    w = (ssat_window){d, SSAT_AM, d - 1, SSAT_PM};
    assert_status_msg(ssat__window_check(&w, "my_fn"), SSAT_ERR_INVALID_ARG, "before");
}

static void session_numbers_order_sessions(void **state)
{
    (void)state;
    assert_true(ssat__session(5, SSAT_AM) < ssat__session(5, SSAT_PM));
    assert_true(ssat__session(5, SSAT_PM) < ssat__session(6, SSAT_AM));
    assert_int_equal(ssat__session(6, SSAT_AM) - ssat__session(5, SSAT_PM), 1);
}

/* ---- dates in words (ssat_date_format_long) -------------------------------------------------------- */

static void long_form(const char *iso, ssat_lang lang, const char *want)
{
    ssat_date d;
    assert_ok(ssat_date_parse(iso, &d));
    char buf[SSAT_DATE_LONG_BUFSIZE];
    assert_ok(ssat_date_format_long(d, lang, buf, sizeof buf));
    assert_string_equal(buf, want);
}

/* Every month's name in both languages, on the 1st and the 31st (the last day for shorter months). */
static void long_form_every_month_both_languages(void **state)
{
    (void)state;
    static const char *const en[] = {"January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"};
    static const char *const cy[] = {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf",
                                     "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"};
    static const int last[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++) {
        char iso[16], want[64];
        snprintf(iso, sizeof iso, "2025-%02d-01", m);
        snprintf(want, sizeof want, "1 %s 2025", en[m - 1]);
        long_form(iso, SSAT_LANG_EN, want);
        snprintf(want, sizeof want, "1 %s 2025", cy[m - 1]);
        long_form(iso, SSAT_LANG_CY, want);
        snprintf(iso, sizeof iso, "2025-%02d-%02d", m, last[m - 1]);
        snprintf(want, sizeof want, "%d %s 2025", last[m - 1], en[m - 1]);
        long_form(iso, SSAT_LANG_EN, want);
        snprintf(want, sizeof want, "%d %s 2025", last[m - 1], cy[m - 1]);
        long_form(iso, SSAT_LANG_CY, want);
    }
    long_form("2025-07-18", SSAT_LANG_EN, "18 July 2025");
    long_form("2025-07-18", SSAT_LANG_CY, "18 Gorffennaf 2025");
    long_form("2024-12-31", SSAT_LANG_CY, "31 Rhagfyr 2024");
    long_form("2024-02-29", SSAT_LANG_EN, "29 February 2024");
    long_form("1583-01-01", SSAT_LANG_EN, "1 January 1583");
    long_form("9999-12-31", SSAT_LANG_CY, "31 Rhagfyr 9999");
    /* Welsh then English, as a bilingual document writes it; the longest form fits the buffer. */
    long_form("2025-07-31", SSAT_LANG_CY_EN, "31 Gorffennaf 2025 / 31 July 2025");
    long_form("2025-09-30", SSAT_LANG_CY_EN, "30 Medi 2025 / 30 September 2025");
}

static void long_form_rejects(void **state)
{
    (void)state;
    ssat_date d;
    assert_ok(ssat_date_parse("2025-07-18", &d));
    char buf[SSAT_DATE_LONG_BUFSIZE] = "x";
    assert_status_msg(ssat_date_format_long(d, SSAT_LANG_EN, NULL, sizeof buf), SSAT_ERR_INVALID_ARG, "'buf'");
    assert_status_msg(ssat_date_format_long(d, SSAT_LANG_EN, buf, SSAT_DATE_LONG_BUFSIZE - 1), SSAT_ERR_INVALID_ARG,
                      "SSAT_DATE_LONG_BUFSIZE");
    assert_string_equal(buf, "x"); /* nothing written */
    assert_status_msg(ssat_date_format_long(d, (ssat_lang)3, buf, sizeof buf), SSAT_ERR_INVALID_ARG, "'lang'");
    assert_string_equal(buf, "");
    strcpy(buf, "x");
    assert_status_msg(ssat_date_format_long(ssat__date_max() + 1, SSAT_LANG_CY, buf, sizeof buf), SSAT_ERR_RANGE, NULL);
    assert_string_equal(buf, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_valid_dates),
        cmocka_unit_test(parse_rejects_malformed_text),
        cmocka_unit_test(parse_rejects_days_that_do_not_exist),
        cmocka_unit_test(parse_rejects_years_out_of_range),
        cmocka_unit_test(parse_rejects_null_arguments),
        cmocka_unit_test(from_ymd_valid),
        cmocka_unit_test(from_ymd_rejects),
        cmocka_unit_test(to_ymd_valid_and_null_outputs),
        cmocka_unit_test(to_ymd_rejects_out_of_range),
        cmocka_unit_test(every_supported_day_round_trips),
        cmocka_unit_test(sampled_days_round_trip_through_text),
        cmocka_unit_test(range_predicates),
        cmocka_unit_test(format_valid),
        cmocka_unit_test(format_rejects),
        cmocka_unit_test(weekdays_of_known_dates),
        cmocka_unit_test(school_year_boundaries),
        cmocka_unit_test(easter_matches_published_dates),
        cmocka_unit_test(every_easter_is_a_sunday_in_its_window),
        cmocka_unit_test(easter_rejects),
        cmocka_unit_test(window_check_accepts_valid_windows),
        cmocka_unit_test(window_check_rejects),
        cmocka_unit_test(session_numbers_order_sessions),
        cmocka_unit_test(long_form_every_month_both_languages),
        cmocka_unit_test(long_form_rejects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
