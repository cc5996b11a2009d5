/* Tests of lib/register/window.c: resolving every window kind for an as-of date (against the calendar and
 * register functions it stands for), the text form of window kinds and its round trip, and every
 * error path. */
#include "support.h"

#include <stdbool.h>

#define D(iso) test_date(iso)

static ssat_calendar *calendar_2024(void)
{
    ssat_calendar *c = NULL;
    assert_ok(ssat_calendar_new(2024, NULL, &c));
    return c;
}

static void assert_same_window(const ssat_window *a, const ssat_window *b)
{
    assert_int_equal(a->first_date, b->first_date);
    assert_int_equal(a->first_half, b->first_half);
    assert_int_equal(a->last_date, b->last_date);
    assert_int_equal(a->last_half, b->last_half);
}

static const ssat_window garbage = {1234, SSAT_PM, 5678, SSAT_PM};

/* ---- resolve ------------------------------------------------------------------------------------------- */

static void resolve_year_to_date(void **state)
{
    (void)state;
    ssat_calendar *c = calendar_2024();
    ssat_window w = garbage, direct;
    assert_ok(ssat_window_resolve(SSAT_WINDOW_YEAR_TO_DATE, 0, c, NULL, D("2024-10-15"), &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2024-10-15", SSAT_PM);
    assert_ok(ssat_calendar_window_year_to_date(c, D("2024-10-15"), &direct));
    assert_same_window(&w, &direct);
    /* N is ignored for this kind. */
    assert_ok(ssat_window_resolve(SSAT_WINDOW_YEAR_TO_DATE, -7, c, NULL, D("2025-07-31"), &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2025-07-31", SSAT_PM);
    assert_ok(ssat_window_resolve(SSAT_WINDOW_YEAR_TO_DATE, 0, c, NULL, D("2024-08-01"), &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2024-08-01", SSAT_PM);
    ssat_calendar_free(c);
}

static void resolve_term(void **state)
{
    (void)state;
    ssat_calendar *c = calendar_2024();
    ssat_window w = garbage, direct;
    /* Default census terms: spring is 1 January to Easter Sunday (20 April 2025). */
    assert_ok(ssat_window_resolve(SSAT_WINDOW_TERM, 0, c, NULL, D("2025-02-10"), &w));
    assert_window(&w, "2025-01-01", SSAT_AM, "2025-02-10", SSAT_PM);
    assert_ok(ssat_calendar_window_term(c, NULL, D("2025-02-10"), &direct));
    assert_same_window(&w, &direct);
    assert_ok(ssat_window_resolve(SSAT_WINDOW_TERM, 3, c, NULL, D("2024-10-15"), &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2024-10-15", SSAT_PM);
    assert_ok(ssat_window_resolve(SSAT_WINDOW_TERM, 0, c, NULL, D("2025-04-21"), &w)); /* Easter Monday */
    assert_window(&w, "2025-04-21", SSAT_AM, "2025-04-21", SSAT_PM);
    ssat_calendar_free(c);
}

static void resolve_last_weeks(void **state)
{
    (void)state;
    ssat_calendar *c = calendar_2024();
    ssat_window w = garbage, direct;
    /* Wednesday 16 October 2024: its week and the one before, from Monday 7 October. */
    assert_ok(ssat_window_resolve(SSAT_WINDOW_LAST_WEEKS, 2, c, NULL, D("2024-10-16"), &w));
    assert_window(&w, "2024-10-07", SSAT_AM, "2024-10-16", SSAT_PM);
    assert_ok(ssat_calendar_window_last_weeks(c, D("2024-10-16"), 2, &direct));
    assert_same_window(&w, &direct);
    assert_ok(ssat_window_resolve(SSAT_WINDOW_LAST_WEEKS, 1, c, NULL, D("2024-10-16"), &w));
    assert_window(&w, "2024-10-14", SSAT_AM, "2024-10-16", SSAT_PM);
    /* More weeks than the year has so far: from 1 August. */
    assert_ok(ssat_window_resolve(SSAT_WINDOW_LAST_WEEKS, 520, c, NULL, D("2024-10-16"), &w));
    assert_window(&w, "2024-08-01", SSAT_AM, "2024-10-16", SSAT_PM);
    ssat_calendar_free(c);
}

static void resolve_last_sessions(void **state)
{
    (void)state;
    ssat_codeset *cs = NULL;
    ssat_register *reg = NULL;
    assert_ok(ssat_codeset_builtin(NULL, NULL, &cs));
    assert_ok(ssat_register_new(cs, &reg));
    /* Monday 2 to Friday 6 September 2024, AM and PM. */
    static const char marks[] = "/\\/\\/\\/\\/\\";
    assert_ok(ssat_register_add_marks(reg, D("2024-09-02"), marks, sizeof marks - 1, NULL));
    ssat_calendar *c = calendar_2024();
    ssat_window w = garbage, direct;
    assert_ok(ssat_window_resolve(SSAT_WINDOW_LAST_SESSIONS, 3, c, reg, D("2024-09-06"), &w));
    assert_window(&w, "2024-09-05", SSAT_PM, "2024-09-06", SSAT_PM);
    assert_ok(ssat_register_window_last_sessions(reg, D("2024-09-06"), 3, &direct));
    assert_same_window(&w, &direct);
    /* The calendar is not needed for this kind. */
    w = garbage;
    assert_ok(ssat_window_resolve(SSAT_WINDOW_LAST_SESSIONS, 2, NULL, reg, D("2024-09-04"), &w));
    assert_window(&w, "2024-09-04", SSAT_AM, "2024-09-04", SSAT_PM);
    /* More sessions than the register holds: from its first entry. */
    assert_ok(ssat_window_resolve(SSAT_WINDOW_LAST_SESSIONS, 500, NULL, reg, D("2024-09-30"), &w));
    assert_window(&w, "2024-09-02", SSAT_AM, "2024-09-30", SSAT_PM);
    /* No entry on or before the as-of date. */
    w = garbage;
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_LAST_SESSIONS, 2, NULL, reg, D("2024-09-01"), &w),
                      SSAT_ERR_NOT_FOUND, NULL);
    assert_window_zero(&w);
    ssat_calendar_free(c);
    ssat_register_free(reg);
    ssat_codeset_free(cs);
}

static void resolve_rejects(void **state)
{
    (void)state;
    ssat_calendar *c = calendar_2024();
    ssat_date d = D("2024-10-16");
    ssat_window w = garbage;
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_TERM, 0, c, NULL, d, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_window_resolve: argument 'out' is NULL");
    assert_status_msg(ssat_window_resolve((ssat_window_kind)4, 1, c, NULL, d, &w), SSAT_ERR_INVALID_ARG,
                      "ssat_window_resolve: argument 'kind'");
    assert_window_zero(&w);
    w = garbage;
    assert_status_msg(ssat_window_resolve((ssat_window_kind)-1, 1, NULL, NULL, d, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'kind'");
    assert_window_zero(&w);
    w = garbage;
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_LAST_WEEKS, 0, c, NULL, d, &w), SSAT_ERR_INVALID_ARG,
                      "ssat_window_resolve: argument 'n'");
    assert_window_zero(&w);
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_LAST_SESSIONS, -1, c, NULL, d, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'n'");
    w = garbage;
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_YEAR_TO_DATE, 0, NULL, NULL, d, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_window_zero(&w);
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_TERM, 0, NULL, NULL, d, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_LAST_WEEKS, 2, NULL, NULL, d, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_LAST_SESSIONS, 2, c, NULL, d, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'reg' is NULL");
    /* What the calendar says: an as-of date outside its school year. */
    w = garbage;
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_YEAR_TO_DATE, 0, c, NULL, D("2025-08-01"), &w), SSAT_ERR_RANGE,
                      NULL);
    assert_window_zero(&w);
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_TERM, 0, c, NULL, D("2024-07-31"), &w), SSAT_ERR_RANGE, NULL);
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_LAST_WEEKS, 1, c, NULL, D("2023-10-16"), &w), SSAT_ERR_RANGE,
                      NULL);
    /* No term at all. */
    ssat_calendar_clear_terms(c);
    w = garbage;
    assert_status_msg(ssat_window_resolve(SSAT_WINDOW_TERM, 0, c, NULL, d, &w), SSAT_ERR_NOT_FOUND, NULL);
    assert_window_zero(&w);
    ssat_calendar_free(c);
}

/* ---- text form ----------------------------------------------------------------------------------------- */

static void format_each_kind(void **state)
{
    (void)state;
    char buf[32];
    assert_ok(ssat_window_kind_format(SSAT_WINDOW_YEAR_TO_DATE, 0, buf, sizeof buf));
    assert_string_equal(buf, "year_to_date");
    assert_ok(ssat_window_kind_format(SSAT_WINDOW_YEAR_TO_DATE, -9, buf, sizeof buf)); /* N ignored */
    assert_string_equal(buf, "year_to_date");
    assert_ok(ssat_window_kind_format(SSAT_WINDOW_TERM, 1000, buf, sizeof buf));
    assert_string_equal(buf, "term");
    assert_ok(ssat_window_kind_format(SSAT_WINDOW_LAST_WEEKS, 10, buf, sizeof buf));
    assert_string_equal(buf, "last_weeks:10");
    assert_ok(ssat_window_kind_format(SSAT_WINDOW_LAST_WEEKS, 1, buf, sizeof buf));
    assert_string_equal(buf, "last_weeks:1");
    assert_ok(ssat_window_kind_format(SSAT_WINDOW_LAST_SESSIONS, 520, buf, sizeof buf));
    assert_string_equal(buf, "last_sessions:520");
    /* Exactly the room needed. */
    char small[5];
    assert_ok(ssat_window_kind_format(SSAT_WINDOW_TERM, 0, small, sizeof small));
    assert_string_equal(small, "term");
}

static void format_rejects(void **state)
{
    (void)state;
    char buf[32] = "junk";
    assert_status_msg(ssat_window_kind_format(SSAT_WINDOW_TERM, 0, NULL, 32), SSAT_ERR_INVALID_ARG,
                      "ssat_window_kind_format: argument 'buf' is NULL");
    assert_status_msg(ssat_window_kind_format(SSAT_WINDOW_LAST_WEEKS, 0, buf, sizeof buf), SSAT_ERR_INVALID_ARG,
                      "argument 'n'");
    assert_string_equal(buf, "");
    assert_status_msg(ssat_window_kind_format(SSAT_WINDOW_LAST_SESSIONS, 521, buf, sizeof buf), SSAT_ERR_INVALID_ARG,
                      "1..520");
    assert_status_msg(ssat_window_kind_format(SSAT_WINDOW_LAST_SESSIONS, -1, buf, sizeof buf), SSAT_ERR_INVALID_ARG,
                      "argument 'n'");
    assert_status_msg(ssat_window_kind_format((ssat_window_kind)4, 1, buf, sizeof buf), SSAT_ERR_INVALID_ARG,
                      "argument 'kind'");
    assert_status_msg(ssat_window_kind_format((ssat_window_kind)-1, 1, buf, sizeof buf), SSAT_ERR_INVALID_ARG,
                      "argument 'kind'");
    char small[4] = "abc";
    assert_status_msg(ssat_window_kind_format(SSAT_WINDOW_TERM, 0, small, sizeof small), SSAT_ERR_INVALID_ARG,
                      "argument 'cap'");
    assert_string_equal(small, "");
    char one[13] = "x";
    assert_status_msg(ssat_window_kind_format(SSAT_WINDOW_LAST_WEEKS, 10, one, sizeof one), SSAT_ERR_INVALID_ARG,
                      "argument 'cap'");
    assert_string_equal(one, "");
    assert_status_msg(ssat_window_kind_format(SSAT_WINDOW_TERM, 0, buf, 0), SSAT_ERR_INVALID_ARG, "argument 'cap'");
}

static void parse_and_round_trip(void **state)
{
    (void)state;
    static const int32_t ns[] = {1, 2, 9, 10, 99, 100, 519, 520};
    for (int kind = SSAT_WINDOW_YEAR_TO_DATE; kind <= SSAT_WINDOW_LAST_SESSIONS; kind++) {
        for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
            char buf[32];
            assert_ok(ssat_window_kind_format((ssat_window_kind)kind, ns[i], buf, sizeof buf));
            ssat_window_kind k = (ssat_window_kind)-1;
            int32_t n = -1;
            assert_ok(ssat_window_kind_parse(buf, &k, &n));
            assert_int_equal(k, kind);
            bool with_n = kind == SSAT_WINDOW_LAST_WEEKS || kind == SSAT_WINDOW_LAST_SESSIONS;
            assert_int_equal(n, with_n ? ns[i] : 0);
            /* And back to the same text. */
            char again[32];
            assert_ok(ssat_window_kind_format(k, n, again, sizeof again));
            assert_string_equal(again, buf);
        }
    }
    ssat_window_kind k = (ssat_window_kind)-1;
    assert_ok(ssat_window_kind_parse("last_sessions:7", &k, NULL)); /* n_out may be NULL */
    assert_int_equal(k, SSAT_WINDOW_LAST_SESSIONS);
}

static void parse_rejects(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "term ", " term", "Term", "year-to-date", "year_to_date:1", "term:2", "last_weeks", "last_weeks:",
        "last_weeks:0", "last_weeks:521", "last_weeks:010", "last_weeks:-1", "last_weeks:+1", "last_weeks:1x",
        "last_weeks: 1", "last_sessions:99999999999999999999", "last_days:3", "weeks:3",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ssat_window_kind k = SSAT_WINDOW_LAST_SESSIONS;
        int32_t n = 77;
        ssat_error_clear();
        ssat_status st = ssat_window_kind_parse(bad[i], &k, &n);
        if (st != SSAT_ERR_PARSE)
            fail_msg("\"%s\": status %d, expected SSAT_ERR_PARSE", bad[i], (int)st);
        char quoted[64];
        snprintf(quoted, sizeof quoted, "\"%s\"", bad[i]);
        if (strstr(ssat_error_message(), quoted) == NULL ||
            strstr(ssat_error_message(), "ssat_window_kind_parse: argument 'text'") == NULL)
            fail_msg("\"%s\": message \"%s\" does not quote the text", bad[i], ssat_error_message());
        assert_int_equal(k, SSAT_WINDOW_YEAR_TO_DATE);
        assert_int_equal(n, 0);
    }
    ssat_window_kind k = SSAT_WINDOW_TERM;
    int32_t n = 5;
    assert_status_msg(ssat_window_kind_parse(NULL, &k, &n), SSAT_ERR_INVALID_ARG,
                      "ssat_window_kind_parse: argument 'text' is NULL");
    assert_int_equal(k, SSAT_WINDOW_YEAR_TO_DATE);
    assert_int_equal(n, 0);
    assert_status_msg(ssat_window_kind_parse("term", NULL, &n), SSAT_ERR_INVALID_ARG, "argument 'kind_out' is NULL");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolve_year_to_date),
        cmocka_unit_test(resolve_term),
        cmocka_unit_test(resolve_last_weeks),
        cmocka_unit_test(resolve_last_sessions),
        cmocka_unit_test(resolve_rejects),
        cmocka_unit_test(format_each_kind),
        cmocka_unit_test(format_rejects),
        cmocka_unit_test(parse_and_round_trip),
        cmocka_unit_test(parse_rejects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
