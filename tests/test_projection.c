/* Tests of lib/rules/projection.c: sessions needed to exceed a threshold at and around exact boundaries
 * (checked against a brute-force search), the best attendance still possible, and every error path. */
#include "support.h"

#include "rules_fixture.h"

static ssat_summary *summary_of(fixture *f, int attended, int absent)
{
    fixture_add(f, "/", attended);
    fixture_add(f, "O", absent);
    ssat_window w;
    ssat_summary *s = NULL;
    assert_ok(ssat_window_range(D("2024-08-01"), f->last, &w));
    assert_ok(ssat_attendance_compute(f->reg, &w, &s));
    return s;
}

static int64_t to_exceed(ssat_summary *s, uint32_t num, uint32_t den)
{
    int64_t k = -1;
    assert_ok(ssat_projection_sessions_to_exceed(s, num, den, &k));
    return k;
}

/* The least k with (a + k) * 100 * den > num * (p + k), by search. */
static int64_t brute_force(int64_t a, int64_t p, int64_t num, int64_t den)
{
    int64_t k = 0;
    while ((a + k) * 100 * den <= num * (p + k))
        k++;
    return k;
}

static void at_exactly_85_percent_one_more_session(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    ssat_summary *s = summary_of(&f, 323, 57); /* exactly 85 %: not above it */
    assert_int_equal(to_exceed(s, 85, 1), 1);  /* 324 * 100 = 32400 > 85 * 381 = 32385 */
    assert_int_equal(to_exceed(s, 85, 1), brute_force(323, 380, 85, 1));
    assert_int_equal(to_exceed(s, 849, 10), 0); /* already above 84.9 % */
    assert_int_equal(to_exceed(s, 90, 1), brute_force(323, 380, 90, 1));
    ssat_summary_free(s);
    fixture_free(&f);
}

static void below_and_above(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    ssat_summary *s = summary_of(&f, 322, 58);
    assert_int_equal(to_exceed(s, 85, 1), 7); /* 329 * 100 > 85 * 387; 328 * 100 <= 85 * 386 */
    ssat_summary_free(s);
    fixture_free(&f);
    fixture_init(&f, "carmarthenshire");
    s = summary_of(&f, 324, 56);
    assert_int_equal(to_exceed(s, 85, 1), 0);
    ssat_summary_free(s);
    fixture_free(&f);
}

/* Agreement with the search over many small summaries and fractional thresholds. */
static void agrees_with_brute_force(void **state)
{
    (void)state;
    static const uint32_t thresholds[][2] = {{85, 1}, {90, 1}, {875, 10}, {33333, 1000}, {0, 1}, {999, 10}};
    for (int p = 1; p <= 24; p += 3) {
        for (int a = 0; a <= p; a++) {
            fixture f;
            fixture_init(&f, "carmarthenshire");
            ssat_summary *s = summary_of(&f, a, p - a);
            for (size_t t = 0; t < sizeof thresholds / sizeof thresholds[0]; t++)
                assert_int_equal(to_exceed(s, thresholds[t][0], thresholds[t][1]),
                                 brute_force(a, p, thresholds[t][0], thresholds[t][1]));
            ssat_summary_free(s);
            fixture_free(&f);
        }
    }
}

static void sessions_to_exceed_errors(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    ssat_summary *s = summary_of(&f, 10, 10);
    int64_t k = 9;
    assert_status_msg(ssat_projection_sessions_to_exceed(s, 85, 1, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_projection_sessions_to_exceed(NULL, 85, 1, &k), SSAT_ERR_INVALID_ARG, "'summary'");
    assert_int_equal(k, 0);
    k = 9;
    assert_status_msg(ssat_projection_sessions_to_exceed(s, 85, 0, &k), SSAT_ERR_INVALID_ARG, "'pct_den'");
    assert_int_equal(k, 0);
    assert_status_msg(ssat_projection_sessions_to_exceed(s, 100, 1, &k), SSAT_ERR_RANGE, "100 % or more");
    assert_status_msg(ssat_projection_sessions_to_exceed(s, 1000, 10, &k), SSAT_ERR_RANGE, "100 % or more");
    ssat_summary_free(s);
    /* nothing possible: not evaluable */
    ssat_window w;
    assert_ok(ssat_window_range(D("2025-06-01"), D("2025-06-30"), &w));
    assert_ok(ssat_attendance_compute(f.reg, &w, &s));
    k = 9;
    assert_status_msg(ssat_projection_sessions_to_exceed(s, 85, 1, &k), SSAT_ERR_NOT_EVALUABLE, "not evaluable");
    assert_int_equal(k, 0);
    ssat_summary_free(s);
    fixture_free(&f);
}

/* ---- best possible -------------------------------------------------------------------------------- */

/* As of 2024-11-08: 80 of 90 sessions. 160 school days remain (30 in autumn, 70, 60): 320 sessions. */
static void best_possible(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    fixture_add(&f, "/", 80);
    fixture_add(&f, "O", 10);
    fixture_add(&f, "O", 10); /* after as_of: ignored */
    int64_t a = 0, p = 0;
    assert_ok(ssat_projection_best_possible(f.reg, f.calendar, D("2024-11-08"), &a, &p));
    assert_int_equal(a, 80 + 320);
    assert_int_equal(p, 90 + 320);
    int32_t tenths = 0;
    assert_ok(ssat_percent_tenths((uint64_t)a, (uint64_t)p, &tenths));
    assert_int_equal(tenths, 976); /* 97.6 % at best */
    /* on the year's last day nothing remains */
    assert_ok(ssat_projection_best_possible(f.reg, f.calendar, D("2025-07-31"), &a, &p));
    assert_int_equal(a, 80);
    assert_int_equal(p, 100);
    /* before any mark: every school day of the year */
    assert_ok(ssat_projection_best_possible(f.reg, f.calendar, D("2024-08-01"), &a, &p));
    assert_int_equal(a, 2 * 205);
    assert_int_equal(p, 2 * 205);
    fixture_free(&f);
}

static void best_possible_errors(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "carmarthenshire");
    int64_t a = 5, p = 5;
    assert_status_msg(ssat_projection_best_possible(NULL, f.calendar, D("2024-11-08"), &a, &p), SSAT_ERR_INVALID_ARG,
                      "'reg'");
    assert_int_equal(a, 0);
    assert_int_equal(p, 0);
    assert_status_msg(ssat_projection_best_possible(f.reg, NULL, D("2024-11-08"), &a, &p), SSAT_ERR_INVALID_ARG,
                      "'calendar'");
    assert_status_msg(ssat_projection_best_possible(f.reg, f.calendar, D("2024-11-08"), NULL, &p),
                      SSAT_ERR_INVALID_ARG, "'attended_out'");
    assert_status_msg(ssat_projection_best_possible(f.reg, f.calendar, D("2024-11-08"), &a, NULL),
                      SSAT_ERR_INVALID_ARG, "'possible_out'");
    assert_status_msg(ssat_projection_best_possible(f.reg, f.calendar, D("2025-08-01"), &a, &p), SSAT_ERR_RANGE,
                      "'as_of' (2025-08-01) is outside");
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(at_exactly_85_percent_one_more_session),
        cmocka_unit_test(below_and_above),
        cmocka_unit_test(agrees_with_brute_force),
        cmocka_unit_test(sessions_to_exceed_errors),
        cmocka_unit_test(best_possible),
        cmocka_unit_test(best_possible_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
