/* Tests of lib/register/calendar.c: default and custom terms, closures, school days, the attendance windows,
 * every error path, and memory through a counting and a failing allocator. */
#include "support.h"

#include <stdlib.h>

#define D(iso) test_date(iso)

/* ---- helpers -------------------------------------------------------------------------------------- */

static ssat_calendar *new_calendar(int32_t year)
{
    ssat_calendar *c = NULL;
    assert_ok(ssat_calendar_new(year, NULL, &c));
    assert_non_null(c);
    return c;
}

static void assert_term(const ssat_calendar *c, size_t i, const char *name, const char *first, const char *last)
{
    const char *n = NULL;
    ssat_date f = 0, l = 0;
    assert_ok(ssat_calendar_term_at(c, i, &n, &f, &l));
    assert_string_equal(n, name);
    assert_int_equal(f, D(first));
    assert_int_equal(l, D(last));
}

static const ssat_window garbage_window = {1234, SSAT_PM, 5678, SSAT_PM};

static int32_t school_days(const ssat_calendar *c, const char *first, const char *last)
{
    int32_t n = -1;
    assert_ok(ssat_calendar_count_school_days(c, D(first), D(last), &n));
    return n;
}

static int32_t is_school_day(const ssat_calendar *c, const char *iso)
{
    int32_t v = -1;
    assert_ok(ssat_calendar_is_school_day(c, D(iso), &v));
    return v;
}

/* Replace the default terms of school year 2024 by the authority's own, added out of order, with
 * half-term weeks as closures inside the terms. */
static ssat_calendar *custom_calendar(void)
{
    ssat_calendar *c = new_calendar(2024);
    ssat_calendar_clear_terms(c);
    assert_ok(ssat_calendar_add_term(c, "summer", D("2025-04-28"), D("2025-07-18")));
    assert_ok(ssat_calendar_add_term(c, "autumn", D("2024-09-02"), D("2024-12-20")));
    assert_ok(ssat_calendar_add_term(c, "spring", D("2025-01-06"), D("2025-04-11")));
    assert_ok(ssat_calendar_add_closure(c, D("2024-10-28"), D("2024-11-01")));
    assert_ok(ssat_calendar_add_closure(c, D("2025-02-24"), D("2025-02-28")));
    assert_ok(ssat_calendar_add_closure(c, D("2025-05-26"), D("2025-05-30")));
    return c;
}

/* ---- creation and default terms ------------------------------------------------------------------- */

static void default_terms_2024(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    assert_int_equal(ssat_calendar_school_year(c), 2024);
    assert_int_equal(ssat_calendar_term_count(c), 3);
    assert_term(c, 0, "autumn", "2024-08-01", "2024-12-31");
    assert_term(c, 1, "spring", "2025-01-01", "2025-04-20"); /* Easter Sunday 2025 */
    assert_term(c, 2, "summer", "2025-04-21", "2025-07-31"); /* Easter Monday */
    assert_int_equal(school_days(c, "2024-08-01", "2025-07-31"), 261);
    assert_int_equal(school_days(c, "2024-08-01", "2024-12-31"), 109);
    assert_int_equal(school_days(c, "2025-01-01", "2025-04-20"), 78);
    assert_int_equal(school_days(c, "2025-04-21", "2025-07-31"), 74);
    ssat_calendar_free(c);
}

static void default_terms_at_year_limits(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(1583);
    assert_term(c, 1, "spring", "1584-01-01", "1584-04-01"); /* Easter 1584 */
    ssat_calendar_free(c);
    c = new_calendar(9998);
    assert_term(c, 1, "spring", "9999-01-01", "9999-03-28"); /* Easter 9999 */
    assert_term(c, 2, "summer", "9999-03-29", "9999-07-31");
    ssat_calendar_free(c);
}

static void new_rejects(void **state)
{
    (void)state;
    ssat_calendar *c = (ssat_calendar *)&c; /* not NULL: must be reset */
    assert_status_msg(ssat_calendar_new(2024, NULL, NULL), SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    assert_status_msg(ssat_calendar_new(1582, NULL, &c), SSAT_ERR_RANGE, "argument 'school_year'");
    assert_null(c);
    c = (ssat_calendar *)&c;
    assert_status_msg(ssat_calendar_new(9999, NULL, &c), SSAT_ERR_RANGE, "argument 'school_year'");
    assert_null(c);
    assert_non_null(strstr(ssat_error_message(), "ssat_calendar_new"));

    ssat_allocator small = {sizeof(ssat_allocator) - 1, NULL, NULL, NULL, NULL};
    c = (ssat_calendar *)&c;
    assert_status_msg(ssat_calendar_new(2024, &small, &c), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_null(c);
    ssat_allocator no_funcs = {sizeof(ssat_allocator), NULL, NULL, NULL, NULL};
    assert_status_msg(ssat_calendar_new(2024, &no_funcs, &c), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_null(c);
}

static void null_calendar_getters(void **state)
{
    (void)state;
    assert_int_equal(ssat_calendar_school_year(NULL), 0);
    assert_int_equal(ssat_calendar_term_count(NULL), 0);
    ssat_calendar_clear_terms(NULL);
    ssat_calendar_free(NULL);
}

/* ---- terms ---------------------------------------------------------------------------------------- */

static void custom_terms_replace_defaults(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    ssat_calendar_clear_terms(c);
    assert_int_equal(ssat_calendar_term_count(c), 0);
    assert_int_equal(school_days(c, "2024-08-01", "2025-07-31"), 0);
    assert_int_equal(is_school_day(c, "2024-09-02"), 0);
    ssat_calendar_free(c);

    c = custom_calendar();
    assert_int_equal(ssat_calendar_term_count(c), 3);
    assert_term(c, 0, "autumn", "2024-09-02", "2024-12-20"); /* kept in date order */
    assert_term(c, 1, "spring", "2025-01-06", "2025-04-11");
    assert_term(c, 2, "summer", "2025-04-28", "2025-07-18");
    assert_int_equal(is_school_day(c, "2024-08-30"), 0);  /* Friday before term */
    assert_int_equal(is_school_day(c, "2024-09-02"), 1);  /* first day */
    assert_int_equal(is_school_day(c, "2024-12-20"), 1);  /* last day */
    assert_int_equal(is_school_day(c, "2024-12-23"), 0);  /* Christmas holiday */
    assert_int_equal(is_school_day(c, "2025-04-14"), 0);  /* Easter holiday */
    assert_int_equal(school_days(c, "2024-08-01", "2025-07-31"), 75 + 65 + 55);
    ssat_calendar_free(c);
}

static void term_name_limits(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    ssat_calendar_clear_terms(c);
    char name[SSAT_TERM_NAME_MAX + 2];
    memset(name, 'a', SSAT_TERM_NAME_MAX);
    name[SSAT_TERM_NAME_MAX] = '\0';
    assert_ok(ssat_calendar_add_term(c, name, D("2024-09-02"), D("2024-09-02"))); /* 64 bytes, one day */
    assert_ok(ssat_calendar_add_term(c, "x", D("2025-07-31"), D("2025-07-31")));
    assert_ok(ssat_calendar_add_term(c, "tymor yr hydref \xe2\x80\x94 ail hanner", D("2024-11-04"),
                                     D("2024-12-20"))); /* UTF-8 bytes */
    name[SSAT_TERM_NAME_MAX] = 'a';
    name[SSAT_TERM_NAME_MAX + 1] = '\0';
    assert_status_msg(ssat_calendar_add_term(c, name, D("2025-01-06"), D("2025-01-10")), SSAT_ERR_INVALID_ARG,
                      "argument 'name'");
    assert_int_equal(ssat_calendar_term_count(c), 3);
    ssat_calendar_free(c);
}

/* Capture the observable state of a calendar to prove a failed call changed nothing. */
typedef struct snapshot {
    size_t count;
    char names[8][SSAT_TERM_NAME_MAX + 1];
    ssat_date first[8], last[8];
    int32_t days;
} snapshot;

static snapshot take(const ssat_calendar *c)
{
    snapshot s;
    memset(&s, 0, sizeof s);
    s.count = ssat_calendar_term_count(c);
    assert_true(s.count <= 8);
    for (size_t i = 0; i < s.count; i++) {
        const char *n = NULL;
        assert_ok(ssat_calendar_term_at(c, i, &n, &s.first[i], &s.last[i]));
        strcpy(s.names[i], n);
    }
    s.days = school_days(c, "2024-08-01", "2025-07-31");
    return s;
}

static void assert_unchanged(const ssat_calendar *c, const snapshot *before)
{
    snapshot now = take(c);
    assert_int_equal(now.count, before->count);
    for (size_t i = 0; i < now.count; i++) {
        assert_string_equal(now.names[i], before->names[i]);
        assert_int_equal(now.first[i], before->first[i]);
        assert_int_equal(now.last[i], before->last[i]);
    }
    assert_int_equal(now.days, before->days);
}

static void add_term_rejects_and_leaves_calendar_unchanged(void **state)
{
    (void)state;
    ssat_calendar *c = custom_calendar();
    const snapshot before = take(c);
    const ssat_date sep = D("2024-09-02"), oct = D("2024-10-01");

    assert_status_msg(ssat_calendar_add_term(NULL, "x", sep, oct), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_status_msg(ssat_calendar_add_term(c, NULL, sep, oct), SSAT_ERR_INVALID_ARG, "argument 'name' is NULL");
    assert_status_msg(ssat_calendar_add_term(c, "", sep, oct), SSAT_ERR_INVALID_ARG, "argument 'name' is empty");
    assert_status_msg(ssat_calendar_add_term(c, "late", D("2025-07-25"), D("2025-07-21")), SSAT_ERR_INVALID_ARG,
                      "argument 'last'");
    assert_status_msg(ssat_calendar_add_term(c, "early", D("2024-07-31"), D("2024-08-30")), SSAT_ERR_RANGE,
                      "argument 'first'");
    assert_status_msg(ssat_calendar_add_term(c, "late", D("2025-07-21"), D("2025-08-01")), SSAT_ERR_RANGE,
                      "argument 'last'");
    assert_status_msg(ssat_calendar_add_term(c, "late", D("2026-07-21"), D("2026-07-22")), SSAT_ERR_RANGE,
                      "school year 2024");
    /* A repeated name, even for free dates. */
    assert_status_msg(ssat_calendar_add_term(c, "autumn", D("2025-07-21"), D("2025-07-25")), SSAT_ERR_DUPLICATE,
                      "argument 'name'");
    assert_non_null(strstr(ssat_error_message(), "\"autumn\""));
    /* Overlaps: inside, straddling the start, straddling the end, enclosing, touching one day. */
    assert_status_msg(ssat_calendar_add_term(c, "inset", D("2024-10-01"), D("2024-10-02")), SSAT_ERR_DUPLICATE,
                      "overlap term \"autumn\"");
    assert_status_msg(ssat_calendar_add_term(c, "x", D("2024-08-20"), D("2024-09-02")), SSAT_ERR_DUPLICATE,
                      "argument");
    assert_status_msg(ssat_calendar_add_term(c, "x", D("2024-12-20"), D("2025-01-03")), SSAT_ERR_DUPLICATE,
                      "\"autumn\"");
    assert_status_msg(ssat_calendar_add_term(c, "x", D("2024-12-23"), D("2025-01-06")), SSAT_ERR_DUPLICATE,
                      "\"spring\"");
    assert_status_msg(ssat_calendar_add_term(c, "all", D("2024-08-01"), D("2025-07-31")), SSAT_ERR_DUPLICATE,
                      "ssat_calendar_add_term");
    assert_unchanged(c, &before);

    /* The holidays between terms are free. */
    assert_ok(ssat_calendar_add_term(c, "christmas club", D("2024-12-21"), D("2025-01-05")));
    assert_int_equal(ssat_calendar_term_count(c), 4);
    assert_term(c, 1, "christmas club", "2024-12-21", "2025-01-05");
    ssat_calendar_free(c);
}

static void term_at_rejects(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    const char *name = "stale";
    ssat_date f = 9, l = 9;
    assert_status_msg(ssat_calendar_term_at(NULL, 0, &name, &f, &l), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_null(name);
    assert_int_equal(f, 0);
    assert_int_equal(l, 0);
    name = "stale", f = l = 9;
    assert_status_msg(ssat_calendar_term_at(c, 3, &name, &f, &l), SSAT_ERR_RANGE, "argument 'index'");
    assert_null(name);
    assert_int_equal(f + l, 0);
    assert_status_msg(ssat_calendar_term_at(c, SIZE_MAX, NULL, NULL, NULL), SSAT_ERR_RANGE, "ssat_calendar_term_at");
    /* Any out-pointer may be NULL. */
    assert_ok(ssat_calendar_term_at(c, 2, NULL, NULL, &l));
    assert_int_equal(l, D("2025-07-31"));
    assert_ok(ssat_calendar_term_at(c, 0, &name, NULL, NULL));
    assert_string_equal(name, "autumn");
    ssat_calendar_clear_terms(c);
    assert_status_msg(ssat_calendar_term_at(c, 0, &name, NULL, NULL), SSAT_ERR_RANGE, "argument 'index'");
    ssat_calendar_free(c);
}

/* ---- closures and school days --------------------------------------------------------------------- */

static void closures_remove_school_days(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    assert_int_equal(is_school_day(c, "2024-12-25"), 1); /* census terms include Christmas */
    assert_ok(ssat_calendar_add_closure(c, D("2024-12-23"), D("2025-01-03")));
    assert_int_equal(is_school_day(c, "2024-12-25"), 0);
    assert_int_equal(is_school_day(c, "2024-12-23"), 0);
    assert_int_equal(is_school_day(c, "2025-01-03"), 0);
    assert_int_equal(is_school_day(c, "2024-12-20"), 1);
    assert_int_equal(is_school_day(c, "2025-01-06"), 1);
    assert_int_equal(school_days(c, "2024-08-01", "2025-07-31"), 261 - 10);
    /* Overlapping closures are allowed and count once. */
    assert_ok(ssat_calendar_add_closure(c, D("2024-12-30"), D("2025-01-10")));
    assert_ok(ssat_calendar_add_closure(c, D("2025-01-10"), D("2025-01-10")));
    assert_int_equal(school_days(c, "2024-08-01", "2025-07-31"), 261 - 15);
    assert_int_equal(is_school_day(c, "2025-01-13"), 1);
    /* Closures outlive the terms they fell in: cleared terms, new terms, still closed. */
    ssat_calendar_clear_terms(c);
    assert_ok(ssat_calendar_add_term(c, "all year", D("2024-08-01"), D("2025-07-31")));
    assert_int_equal(is_school_day(c, "2024-12-25"), 0);
    assert_int_equal(school_days(c, "2024-08-01", "2025-07-31"), 261 - 15);
    ssat_calendar_free(c);
}

static void weekends_are_never_school_days(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    for (ssat_date d = D("2024-08-01"); d <= D("2025-07-31"); d++) {
        int32_t v = -1;
        assert_ok(ssat_calendar_is_school_day(c, d, &v));
        assert_int_equal(v, ssat_date_weekday(d) <= 5);
    }
    assert_int_equal(is_school_day(c, "2024-09-07"), 0); /* Saturday */
    assert_int_equal(is_school_day(c, "2024-09-08"), 0); /* Sunday */
    assert_int_equal(is_school_day(c, "2024-08-01"), 1); /* first day of the year, Thursday */
    assert_int_equal(is_school_day(c, "2025-07-31"), 1); /* last day of the year, Thursday */
    ssat_calendar_free(c);
}

static void count_school_days_ranges(void **state)
{
    (void)state;
    ssat_calendar *c = custom_calendar();
    assert_int_equal(school_days(c, "2024-09-02", "2024-09-06"), 5);
    assert_int_equal(school_days(c, "2024-09-02", "2024-09-02"), 1);
    assert_int_equal(school_days(c, "2024-09-07", "2024-09-08"), 0);
    assert_int_equal(school_days(c, "2024-10-21", "2024-11-08"), 10); /* half-term in the middle */
    assert_int_equal(school_days(c, "2024-09-06", "2024-09-02"), 0);  /* last before first */
    assert_int_equal(school_days(c, "2024-08-01", "2024-08-31"), 0);
    ssat_calendar_free(c);
}

static void add_closure_rejects(void **state)
{
    (void)state;
    ssat_calendar *c = custom_calendar();
    const snapshot before = take(c);
    assert_status_msg(ssat_calendar_add_closure(NULL, D("2024-10-01"), D("2024-10-01")), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_status_msg(ssat_calendar_add_closure(c, D("2024-10-02"), D("2024-10-01")), SSAT_ERR_INVALID_ARG,
                      "argument 'last'");
    assert_status_msg(ssat_calendar_add_closure(c, D("2024-07-31"), D("2024-10-01")), SSAT_ERR_RANGE,
                      "argument 'first'");
    assert_status_msg(ssat_calendar_add_closure(c, D("2025-07-01"), D("2025-08-01")), SSAT_ERR_RANGE,
                      "argument 'last'");
    assert_non_null(strstr(ssat_error_message(), "ssat_calendar_add_closure"));
    assert_unchanged(c, &before);
    ssat_calendar_free(c);
}

static void is_school_day_rejects(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    int32_t v = 7;
    assert_status_msg(ssat_calendar_is_school_day(NULL, D("2024-09-02"), &v), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_int_equal(v, 0);
    assert_status_msg(ssat_calendar_is_school_day(c, D("2024-09-02"), NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'out' is NULL");
    v = 7;
    assert_status_msg(ssat_calendar_is_school_day(c, D("2024-07-31"), &v), SSAT_ERR_RANGE, "argument 'date'");
    assert_int_equal(v, 0);
    assert_status_msg(ssat_calendar_is_school_day(c, D("2025-08-01"), &v), SSAT_ERR_RANGE, "argument 'date'");
    assert_status_msg(ssat_calendar_is_school_day(c, INT32_MAX, &v), SSAT_ERR_RANGE, "argument 'date'");
    assert_non_null(strstr(ssat_error_message(), "ssat_calendar_is_school_day"));
    ssat_calendar_free(c);
}

static void count_school_days_rejects(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    int32_t n = 7;
    assert_status_msg(ssat_calendar_count_school_days(NULL, D("2024-09-02"), D("2024-09-03"), &n),
                      SSAT_ERR_INVALID_ARG, "argument 'calendar' is NULL");
    assert_int_equal(n, 0);
    assert_status_msg(ssat_calendar_count_school_days(c, D("2024-09-02"), D("2024-09-03"), NULL),
                      SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    n = 7;
    assert_status_msg(ssat_calendar_count_school_days(c, D("2024-07-31"), D("2024-09-03"), &n), SSAT_ERR_RANGE,
                      "argument 'first'");
    assert_int_equal(n, 0);
    assert_status_msg(ssat_calendar_count_school_days(c, D("2024-09-02"), D("2025-08-01"), &n), SSAT_ERR_RANGE,
                      "argument 'last'");
    /* Out of the year is an error even when last is before first. */
    assert_status_msg(ssat_calendar_count_school_days(c, D("2024-09-02"), D("2024-07-01"), &n), SSAT_ERR_RANGE,
                      "argument 'last'");
    assert_non_null(strstr(ssat_error_message(), "ssat_calendar_count_school_days"));
    ssat_calendar_free(c);
}

/* ---- windows -------------------------------------------------------------------------------------- */

static void year_to_date_window(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    ssat_window w = garbage_window;
    assert_ok(ssat_calendar_window_year_to_date(c, D("2025-03-10"), &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2025-03-10", SSAT_PM);
    assert_ok(ssat_calendar_window_year_to_date(c, D("2024-08-01"), &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2024-08-01", SSAT_PM);
    assert_ok(ssat_calendar_window_year_to_date(c, D("2025-07-31"), &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2025-07-31", SSAT_PM);

    w = garbage_window;
    assert_status_msg(ssat_calendar_window_year_to_date(NULL, D("2025-03-10"), &w), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_window_zero(&w);
    assert_status_msg(ssat_calendar_window_year_to_date(c, D("2025-03-10"), NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'out' is NULL");
    w = garbage_window;
    assert_status_msg(ssat_calendar_window_year_to_date(c, D("2024-07-31"), &w), SSAT_ERR_RANGE, "argument 'as_of'");
    assert_window_zero(&w);
    assert_status_msg(ssat_calendar_window_year_to_date(c, D("2025-08-01"), &w), SSAT_ERR_RANGE,
                      "ssat_calendar_window_year_to_date");
    ssat_calendar_free(c);
}

static void term_window_named_and_current(void **state)
{
    (void)state;
    ssat_calendar *c = custom_calendar();
    ssat_window w = garbage_window;
    /* Clipped at as_of. */
    assert_ok(ssat_calendar_window_term(c, "autumn", D("2024-10-15"), &w));
    assert_window(&w, "2024-09-02", SSAT_AM, "2024-10-15", SSAT_PM);
    /* A named term that has ended: the whole term. */
    assert_ok(ssat_calendar_window_term(c, "autumn", D("2025-03-10"), &w));
    assert_window(&w, "2024-09-02", SSAT_AM, "2024-12-20", SSAT_PM);
    /* A named term on its first day. */
    assert_ok(ssat_calendar_window_term(c, "spring", D("2025-01-06"), &w));
    assert_window(&w, "2025-01-06", SSAT_AM, "2025-01-06", SSAT_PM);
    /* The term holding as_of. */
    assert_ok(ssat_calendar_window_term(c, NULL, D("2025-03-10"), &w));
    assert_window(&w, "2025-01-06", SSAT_AM, "2025-03-10", SSAT_PM);
    assert_ok(ssat_calendar_window_term(c, NULL, D("2025-07-18"), &w));
    assert_window(&w, "2025-04-28", SSAT_AM, "2025-07-18", SSAT_PM);
    /* Half-term declared as a closure lies inside the term: the window runs to as_of. */
    assert_ok(ssat_calendar_window_term(c, NULL, D("2024-10-30"), &w));
    assert_window(&w, "2024-09-02", SSAT_AM, "2024-10-30", SSAT_PM);
    /* Holidays between terms: the last term that began before as_of, whole. */
    assert_ok(ssat_calendar_window_term(c, NULL, D("2025-04-20"), &w));
    assert_window(&w, "2025-01-06", SSAT_AM, "2025-04-11", SSAT_PM);
    assert_ok(ssat_calendar_window_term(c, NULL, D("2025-01-01"), &w));
    assert_window(&w, "2024-09-02", SSAT_AM, "2024-12-20", SSAT_PM);
    assert_ok(ssat_calendar_window_term(c, NULL, D("2025-07-31"), &w));
    assert_window(&w, "2025-04-28", SSAT_AM, "2025-07-18", SSAT_PM);
    ssat_calendar_free(c);
}

static void term_window_in_half_term_between_half_terms(void **state)
{
    (void)state;
    /* An authority that lists each half term as its own term: half-term week is a gap between terms. */
    ssat_calendar *c = new_calendar(2024);
    ssat_calendar_clear_terms(c);
    assert_ok(ssat_calendar_add_term(c, "autumn 2", D("2024-11-04"), D("2024-12-20")));
    assert_ok(ssat_calendar_add_term(c, "autumn 1", D("2024-09-02"), D("2024-10-25")));
    ssat_window w;
    assert_ok(ssat_calendar_window_term(c, NULL, D("2024-10-30"), &w));
    assert_window(&w, "2024-09-02", SSAT_AM, "2024-10-25", SSAT_PM);
    assert_ok(ssat_calendar_window_term(c, NULL, D("2024-11-04"), &w));
    assert_window(&w, "2024-11-04", SSAT_AM, "2024-11-04", SSAT_PM);
    assert_ok(ssat_calendar_window_term(c, NULL, D("2025-06-01"), &w));
    assert_window(&w, "2024-11-04", SSAT_AM, "2024-12-20", SSAT_PM);
    ssat_calendar_free(c);
}

static void term_window_rejects(void **state)
{
    (void)state;
    ssat_calendar *c = custom_calendar();
    ssat_window w = garbage_window;
    assert_status_msg(ssat_calendar_window_term(NULL, "autumn", D("2024-10-15"), &w), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_window_zero(&w);
    assert_status_msg(ssat_calendar_window_term(c, "autumn", D("2024-10-15"), NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'out' is NULL");
    w = garbage_window;
    assert_status_msg(ssat_calendar_window_term(c, "autumn", D("2025-08-01"), &w), SSAT_ERR_RANGE,
                      "argument 'as_of'");
    assert_window_zero(&w);
    w = garbage_window;
    assert_status_msg(ssat_calendar_window_term(c, "winter", D("2024-10-15"), &w), SSAT_ERR_NOT_FOUND,
                      "argument 'term_name'");
    assert_non_null(strstr(ssat_error_message(), "\"winter\""));
    assert_window_zero(&w);
    w = garbage_window;
    assert_status_msg(ssat_calendar_window_term(c, "spring", D("2024-10-15"), &w), SSAT_ERR_RANGE,
                      "argument 'as_of'");
    assert_non_null(strstr(ssat_error_message(), "\"spring\""));
    assert_window_zero(&w);
    /* No name and as_of before the first term begins: the date is out of the terms' range. */
    w = garbage_window;
    assert_status_msg(ssat_calendar_window_term(c, NULL, D("2024-08-15"), &w), SSAT_ERR_RANGE, "argument 'as_of'");
    assert_window_zero(&w);
    /* No terms at all: there is no such term. */
    ssat_calendar_clear_terms(c);
    assert_status_msg(ssat_calendar_window_term(c, NULL, D("2024-10-15"), &w), SSAT_ERR_NOT_FOUND,
                      "argument 'calendar'");
    assert_status_msg(ssat_calendar_window_term(c, "autumn", D("2024-10-15"), &w), SSAT_ERR_NOT_FOUND,
                      "argument 'term_name'");
    assert_non_null(strstr(ssat_error_message(), "ssat_calendar_window_term"));
    ssat_calendar_free(c);
}

static void last_weeks_window(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    ssat_window w = garbage_window;
    /* as_of Wednesday 2025-03-12: this week from its Monday. */
    assert_ok(ssat_calendar_window_last_weeks(c, D("2025-03-12"), 1, &w));
    assert_window(&w, "2025-03-10", SSAT_AM, "2025-03-12", SSAT_PM);
    assert_ok(ssat_calendar_window_last_weeks(c, D("2025-03-12"), 3, &w));
    assert_window(&w, "2025-02-24", SSAT_AM, "2025-03-12", SSAT_PM);
    /* as_of on a Sunday: the week that ends that day. */
    assert_ok(ssat_calendar_window_last_weeks(c, D("2025-03-16"), 1, &w));
    assert_window(&w, "2025-03-10", SSAT_AM, "2025-03-16", SSAT_PM);
    /* A closed half-term week is not a school week, so it is skipped. */
    assert_ok(ssat_calendar_add_closure(c, D("2025-02-24"), D("2025-02-28")));
    assert_ok(ssat_calendar_window_last_weeks(c, D("2025-03-12"), 3, &w));
    assert_window(&w, "2025-02-17", SSAT_AM, "2025-03-12", SSAT_PM);
    /* A week with a single school day still counts. */
    assert_ok(ssat_calendar_add_closure(c, D("2025-03-04"), D("2025-03-07")));
    assert_ok(ssat_calendar_window_last_weeks(c, D("2025-03-12"), 2, &w));
    assert_window(&w, "2025-03-03", SSAT_AM, "2025-03-12", SSAT_PM);
    /* Bank holiday Monday as as_of: its week has no school day yet, so the count starts a week back. */
    assert_ok(ssat_calendar_add_closure(c, D("2025-05-05"), D("2025-05-05")));
    assert_ok(ssat_calendar_window_last_weeks(c, D("2025-05-05"), 1, &w));
    assert_window(&w, "2025-04-28", SSAT_AM, "2025-05-05", SSAT_PM);
    assert_ok(ssat_calendar_window_last_weeks(c, D("2025-05-06"), 1, &w));
    assert_window(&w, "2025-05-05", SSAT_AM, "2025-05-06", SSAT_PM);
    ssat_calendar_free(c);
}

static void last_weeks_window_stops_at_1_august(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    ssat_window w;
    /* The week of 1 August (Thursday) began on 29 July, in the previous school year. */
    assert_ok(ssat_calendar_window_last_weeks(c, D("2024-08-07"), 2, &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2024-08-07", SSAT_PM);
    assert_ok(ssat_calendar_window_last_weeks(c, D("2024-08-14"), 10, &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2024-08-14", SSAT_PM);
    assert_ok(ssat_calendar_window_last_weeks(c, D("2024-08-01"), 1, &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2024-08-01", SSAT_PM);
    /* No school week at all before as_of (terms start in September): the whole year to date. */
    ssat_calendar *k = custom_calendar();
    assert_ok(ssat_calendar_window_last_weeks(k, D("2024-08-30"), 4, &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2024-08-30", SSAT_PM);
    /* Summer holidays are not school weeks: 2 weeks back from 31 July are the last two of term. */
    assert_ok(ssat_calendar_window_last_weeks(k, D("2025-07-31"), 2, &w));
    assert_window(&w, "2025-07-07", SSAT_AM, "2025-07-31", SSAT_PM);
    ssat_calendar_free(k);
    ssat_calendar_free(c);
}

static void last_weeks_window_rejects(void **state)
{
    (void)state;
    ssat_calendar *c = new_calendar(2024);
    ssat_window w = garbage_window;
    assert_status_msg(ssat_calendar_window_last_weeks(NULL, D("2025-03-12"), 1, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_window_zero(&w);
    assert_status_msg(ssat_calendar_window_last_weeks(c, D("2025-03-12"), 1, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'out' is NULL");
    w = garbage_window;
    assert_status_msg(ssat_calendar_window_last_weeks(c, D("2025-03-12"), 0, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'weeks'");
    assert_window_zero(&w);
    assert_status_msg(ssat_calendar_window_last_weeks(c, D("2025-03-12"), -5, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'weeks'");
    w = garbage_window;
    assert_status_msg(ssat_calendar_window_last_weeks(c, D("2025-08-04"), 1, &w), SSAT_ERR_RANGE,
                      "argument 'as_of'");
    assert_window_zero(&w);
    assert_non_null(strstr(ssat_error_message(), "ssat_calendar_window_last_weeks"));
    ssat_calendar_free(c);
}

static void range_window(void **state)
{
    (void)state;
    ssat_window w = garbage_window;
    assert_ok(ssat_window_range(D("2024-09-02"), D("2024-09-06"), &w));
    assert_window(&w, "2024-09-02", SSAT_AM, "2024-09-06", SSAT_PM);
    assert_ok(ssat_window_range(D("2024-09-02"), D("2024-09-02"), &w));
    assert_window(&w, "2024-09-02", SSAT_AM, "2024-09-02", SSAT_PM);

    assert_status_msg(ssat_window_range(D("2024-09-02"), D("2024-09-06"), NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'out' is NULL");
    w = garbage_window;
    assert_status_msg(ssat_window_range(D("2024-09-06"), D("2024-09-02"), &w), SSAT_ERR_INVALID_ARG,
                      "argument 'last'");
    assert_window_zero(&w);
    assert_status_msg(ssat_window_range(INT32_MIN, D("2024-09-02"), &w), SSAT_ERR_INVALID_ARG, "argument 'first'");
    assert_status_msg(ssat_window_range(D("2024-09-02"), INT32_MAX, &w), SSAT_ERR_INVALID_ARG, "argument 'last'");
    assert_non_null(strstr(ssat_error_message(), "ssat_window_range"));
}

/* ---- memory --------------------------------------------------------------------------------------- */

/* Counts allocations and outstanding bytes (sizes passed to free must match), and fails the
 * allocation numbered fail_at (1-based; 0 never fails). */
typedef struct counting {
    size_t allocs, frees, fail_at, calls;
    long long bytes;
} counting;

static void *count_alloc(void *ctx, size_t n)
{
    counting *k = ctx;
    if (++k->calls == k->fail_at)
        return NULL;
    k->allocs++;
    k->bytes += (long long)n;
    return malloc(n);
}

static void *count_realloc(void *ctx, void *p, size_t old_n, size_t new_n)
{
    counting *k = ctx;
    if (++k->calls == k->fail_at)
        return NULL;
    void *q = realloc(p, new_n);
    if (q != NULL)
        k->bytes += (long long)new_n - (long long)old_n;
    return q;
}

static void count_free(void *ctx, void *p, size_t n)
{
    counting *k = ctx;
    assert_non_null(p);
    k->frees++;
    k->bytes -= (long long)n;
    free(p);
}

static ssat_allocator counting_allocator(counting *k, int with_realloc)
{
    ssat_allocator a = {sizeof(ssat_allocator), count_alloc, with_realloc ? count_realloc : NULL, count_free, k};
    return a;
}

/* Build a calendar with many terms and closures (enough to grow both arrays past their first
 * capacity), exercise it and free it; returns the status of the first failure. */
static ssat_status busy_calendar(const ssat_allocator *a)
{
    ssat_calendar *c = NULL;
    ssat_status st = ssat_calendar_new(2024, a, &c);
    if (st != SSAT_OK)
        return st;
    ssat_calendar_clear_terms(c);
    ssat_date monday = D("2024-09-02");
    char name[16];
    for (int i = 0; i < 20 && st == SSAT_OK; i++) {
        (void)snprintf(name, sizeof name, "block %d", i);
        st = ssat_calendar_add_term(c, name, monday + 14 * i, monday + 14 * i + 4);
    }
    for (int i = 0; i < 20 && st == SSAT_OK; i++)
        st = ssat_calendar_add_closure(c, monday + 14 * i + 2, monday + 14 * i + 2);
    if (st == SSAT_OK) {
        int32_t n = 0;
        assert_ok(ssat_calendar_count_school_days(c, D("2024-08-01"), D("2025-07-31"), &n));
        assert_int_equal(n, 20 * 4);
        assert_int_equal(ssat_calendar_term_count(c), 20);
    }
    ssat_calendar_free(c);
    return st;
}

static void counting_allocator_frees_everything(void **state)
{
    (void)state;
    for (int with_realloc = 0; with_realloc <= 1; with_realloc++) {
        counting k = {0};
        ssat_allocator a = counting_allocator(&k, with_realloc);
        assert_ok(busy_calendar(&a));
        assert_true(k.allocs >= 1 + 1 + 20 + 1); /* struct, terms, 20 names, closures */
        assert_int_equal(k.allocs, k.frees);
        assert_int_equal(k.bytes, 0);
    }
    /* Default allocator too (leaks would show under ASan or valgrind). */
    assert_ok(busy_calendar(NULL));
}

static void failing_allocator_leaks_nothing(void **state)
{
    (void)state;
    for (int with_realloc = 0; with_realloc <= 1; with_realloc++) {
        counting probe = {0};
        ssat_allocator pa = counting_allocator(&probe, with_realloc);
        assert_ok(busy_calendar(&pa));
        assert_true(probe.calls > 20);
        /* Fail each allocation in turn: NOMEM every time, nothing leaked. */
        for (size_t fail = 1; fail <= probe.calls; fail++) {
            counting k = {.fail_at = fail};
            ssat_allocator a = counting_allocator(&k, with_realloc);
            assert_status_msg(busy_calendar(&a), SSAT_ERR_NOMEM, "out of memory");
            assert_int_equal(k.allocs, k.frees);
            assert_int_equal(k.bytes, 0);
        }
    }
}

static void failing_allocation_in_new_resets_out(void **state)
{
    (void)state;
    for (size_t fail = 1; fail <= 5; fail++) {
        counting k = {.fail_at = fail};
        ssat_allocator a = counting_allocator(&k, 1);
        ssat_calendar *c = (ssat_calendar *)&c;
        assert_status_msg(ssat_calendar_new(2024, &a, &c), SSAT_ERR_NOMEM, "ssat_calendar_new");
        assert_null(c);
        assert_int_equal(k.allocs, k.frees);
        assert_int_equal(k.bytes, 0);
    }
}

/* A failed add_term or add_closure for want of memory leaves the calendar as it was. */
static void failing_allocation_leaves_calendar_unchanged(void **state)
{
    (void)state;
    counting k = {0};
    ssat_allocator a = counting_allocator(&k, 1);
    ssat_calendar *c = NULL;
    assert_ok(ssat_calendar_new(2024, &a, &c));
    ssat_calendar_clear_terms(c);
    assert_ok(ssat_calendar_add_term(c, "autumn", D("2024-09-02"), D("2024-12-20")));
    const snapshot before = take(c);

    k.fail_at = k.calls + 1; /* the copy of the name */
    assert_status_msg(ssat_calendar_add_term(c, "extra", D("2025-07-31"), D("2025-07-31")), SSAT_ERR_NOMEM,
                      "ssat_calendar_add_term");
    assert_unchanged(c, &before);

    k.fail_at = k.calls + 1; /* the first closure array */
    assert_status_msg(ssat_calendar_add_closure(c, D("2024-09-02"), D("2024-09-02")), SSAT_ERR_NOMEM,
                      "ssat_calendar_add_closure");
    assert_unchanged(c, &before);

    /* Fill the term array to its capacity, then fail its growth (the name copy succeeds). */
    ssat_calendar_clear_terms(c);
    ssat_date monday = D("2025-01-06");
    char name[16];
    size_t added = 0;
    for (;; added++) {
        size_t calls = k.calls;
        (void)snprintf(name, sizeof name, "t%zu", added);
        k.fail_at = calls + 2;
        ssat_status st = ssat_calendar_add_term(c, name, monday + 7 * (ssat_date)added, monday + 7 * (ssat_date)added);
        if (st != SSAT_OK) {
            assert_int_equal(st, SSAT_ERR_NOMEM);
            break;
        }
    }
    assert_int_equal(ssat_calendar_term_count(c), added);
    assert_true(added >= 3);
    k.fail_at = 0;
    ssat_calendar_free(c);
    assert_int_equal(k.allocs, k.frees);
    assert_int_equal(k.bytes, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_terms_2024),
        cmocka_unit_test(default_terms_at_year_limits),
        cmocka_unit_test(new_rejects),
        cmocka_unit_test(null_calendar_getters),
        cmocka_unit_test(custom_terms_replace_defaults),
        cmocka_unit_test(term_name_limits),
        cmocka_unit_test(add_term_rejects_and_leaves_calendar_unchanged),
        cmocka_unit_test(term_at_rejects),
        cmocka_unit_test(closures_remove_school_days),
        cmocka_unit_test(weekends_are_never_school_days),
        cmocka_unit_test(count_school_days_ranges),
        cmocka_unit_test(add_closure_rejects),
        cmocka_unit_test(is_school_day_rejects),
        cmocka_unit_test(count_school_days_rejects),
        cmocka_unit_test(year_to_date_window),
        cmocka_unit_test(term_window_named_and_current),
        cmocka_unit_test(term_window_in_half_term_between_half_terms),
        cmocka_unit_test(term_window_rejects),
        cmocka_unit_test(last_weeks_window),
        cmocka_unit_test(last_weeks_window_stops_at_1_august),
        cmocka_unit_test(last_weeks_window_rejects),
        cmocka_unit_test(range_window),
        cmocka_unit_test(counting_allocator_frees_everything),
        cmocka_unit_test(failing_allocator_leaks_nothing),
        cmocka_unit_test(failing_allocation_in_new_resets_out),
        cmocka_unit_test(failing_allocation_leaves_calendar_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
