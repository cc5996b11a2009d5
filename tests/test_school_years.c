/* Tests of the school years of a school's marks (lib/school/school_years.c): the default as-of date is not
 * moved by a stray row (issue 15, item 7), the marks outside the year evaluated are listed at their
 * file, line and column, arguments, and allocation failure. */
#include "support.h"
#include "heap.h"

#include <stdlib.h>

/* A long file: pupils A and B marked every weekday AM and PM from 2024-09-02 for `weeks` weeks, then
 * `extra` rows. */
static char *year_file(int weeks, const char *extra)
{
    size_t cap = 256 + (size_t)weeks * 5 * 4 * 24 + strlen(extra), len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "pupil_id,date,session,mark\n");
    ssat_date d = test_date("2024-09-02");
    for (int day = 0; day < weeks * 7; day++, d++) {
        if (ssat_date_weekday(d) > 5)
            continue;
        char iso[16];
        assert_ok(ssat_date_format(d, iso, sizeof iso));
        for (const char *p = "AB"; *p != '\0'; p++)
            len += (size_t)snprintf(text + len, cap - len, "%c,%s,AM,/\n%c,%s,PM,/\n", *p, iso, *p, iso);
    }
    len += (size_t)snprintf(text + len, cap - len, "%s", extra);
    assert_true(len < cap);
    return text;
}

static ssat_school *school_from(const ssat_allocator *alloc, const char *text)
{
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    ssat_problems *problems = NULL;
    ssat_import *im = NULL;
    assert_ok(ssat_codeset_builtin(NULL, alloc, &codes));
    assert_ok(ssat_school_new(codes, &school));
    ssat_codeset_free(codes);
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_import_new(school, SSAT_CSV_AUTO, "y.csv", problems, &im));
    assert_ok(ssat_import_feed(im, text, strlen(text)));
    assert_ok(ssat_import_finish(im, NULL));
    ssat_import_free(im);
    ssat_problems_free(problems);
    return school;
}

/* The sample of the issue: a mark dated 2205 (here 2031: within the span a register may have) for one
 * pupil, and a pupil whose only row is a year later. Neither moves the as-of date. */
static void test_stray_rows_do_not_move_the_year(void **state)
{
    (void)state;
    char *text = year_file(10, "A,2031-07-14,AM,/\nZ,2026-07-14,PM,O\n");
    ssat_school *school = school_from(NULL, text);
    ssat_date last;
    assert_ok(ssat_school_last_date(school, &last));
    assert_int_equal(last, test_date("2024-11-08")); /* the last weekday of the ten weeks */
    ssat_problems *problems = NULL;
    size_t outside = 9;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_school_check_year(school, 2024, problems, &outside));
    assert_int_equal(outside, 2);
    assert_int_equal(ssat_problems_count(problems), 2);
    const ssat_problem *p = ssat_problems_at(problems, 0);
    assert_string_equal(p->id, "school.mark_outside_year");
    assert_int_equal(p->severity, SSAT_SEVERITY_WARNING);
    assert_int_equal(p->line, 202); /* the header, 200 rows, then the stray row */
    assert_int_equal(p->column, 17);
    assert_string_equal(p->message_en, "y.csv:202:17: Session 14 July 2031 AM of pupil A has a mark dated outside the "
                                       "school year evaluated (2024/25); the rules of that year ignore it: is the date "
                                       "right?");
    assert_true(strncmp(p->message_cy, "y.csv:202:17: ", 14) == 0);
    p = ssat_problems_at(problems, 1);
    assert_int_equal(p->line, 203);
    assert_int_equal(p->date, test_date("2026-07-14"));
    assert_int_equal(p->half, SSAT_PM);
    /* The year of the stray row: everything else is outside it. */
    assert_ok(ssat_school_check_year(school, 2030, problems, &outside));
    assert_int_equal(outside, 201); /* 2031-07-14 is in 2030/31 */
    assert_int_equal(ssat_problems_count(problems), 2 + 100 + 1); /* 100 listed and the count */
    p = ssat_problems_at(problems, 102);
    assert_string_equal(p->id, "school.marks_outside_year");
    assert_string_equal(p->message_en, "201 marks are dated outside the school year evaluated (2030/31); the first 100 "
                                       "are listed");
    ssat_problems_free(problems);
    ssat_school_free(school);
    free(text);
}

/* Years holding at least 1 % of the marks count: a new school year a few weeks old is the year. Below
 * that share the year with the most marks is not simply the latest one. */
static void test_the_latest_year_with_a_share_of_the_marks(void **state)
{
    (void)state;
    /* 2 pupils x 200 sessions in 2024/25; 8 marks (2 %) in 2025/26. */
    char *text = year_file(20, "A,2025-09-01,AM,/\nA,2025-09-01,PM,/\nA,2025-09-02,AM,/\nA,2025-09-02,PM,/\n"
                               "B,2025-09-01,AM,/\nB,2025-09-01,PM,/\nB,2025-09-02,AM,/\nB,2025-09-02,PM,/\n");
    ssat_school *school = school_from(NULL, text);
    ssat_date last;
    assert_ok(ssat_school_last_date(school, &last));
    assert_int_equal(last, test_date("2025-09-02"));
    ssat_school_free(school);
    free(text);
    /* 2 marks of 402 (0.5 %): the year before. */
    text = year_file(20, "A,2025-09-01,AM,/\nB,2025-09-01,AM,/\n");
    school = school_from(NULL, text);
    assert_ok(ssat_school_last_date(school, &last));
    assert_int_equal(last, test_date("2025-01-17"));
    ssat_school_free(school);
    free(text);
    /* A file of one mark: its date. */
    school = school_from(NULL, "pupil_id,date,session,mark\nA,2030-03-04,PM,/\n");
    assert_ok(ssat_school_last_date(school, &last));
    assert_int_equal(last, test_date("2030-03-04"));
    ssat_school_free(school);
}

/* A register whose marks run over several years (a wide row across 31 July) is counted year by year. */
static void test_a_register_across_years(void **state)
{
    (void)state;
    ssat_school *school = school_from(NULL, "pupil_id,start_date,marks\nA,2025-07-28,//////////////////////\n");
    ssat_date last;
    assert_ok(ssat_school_last_date(school, &last)); /* 8 sessions in 2024/25, 14 in 2025/26 */
    assert_int_equal(last, test_date("2025-08-11"));
    ssat_problems *problems = NULL;
    size_t outside = 0;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_school_check_year(school, 2025, problems, &outside));
    assert_int_equal(outside, 8);
    assert_int_equal(ssat_problems_at(problems, 0)->column, 14); /* the row's first mark */
    assert_int_equal(ssat_problems_at(problems, 7)->column, 21);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

static void test_arguments(void **state)
{
    (void)state;
    ssat_school *school = school_from(NULL, "pupil_id,date,session,mark\nA,2024-09-02,PM,/\n");
    ssat_problems *problems = NULL;
    size_t outside = 9;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_status_msg(ssat_school_check_year(NULL, 2024, problems, &outside), SSAT_ERR_INVALID_ARG, "'school'");
    assert_int_equal(outside, 0);
    assert_status_msg(ssat_school_check_year(school, 2024, NULL, NULL), SSAT_ERR_INVALID_ARG, "'problems'");
    assert_status_msg(ssat_school_check_year(school, 9999, problems, NULL), SSAT_ERR_RANGE, "9999");
    assert_status_msg(ssat_school_check_year(school, 1582, problems, NULL), SSAT_ERR_RANGE, "1582");
    assert_ok(ssat_school_check_year(school, 2024, problems, NULL));
    assert_int_equal(ssat_problems_count(problems), 0);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* Out of memory: NOMEM, and the problem list as it was. */
static void test_allocation_failure(void **state)
{
    (void)state;
    char *text = year_file(2, "A,2031-07-14,AM,/\nZ,2026-07-14,PM,O\n");
    for (size_t fail_at = 1;; fail_at++) {
        test_heap h = {0}, hp = {0};
        ssat_allocator alloc = test_heap_allocator(&h, true), palloc = test_heap_allocator(&hp, true);
        ssat_school *school = school_from(&alloc, text);
        ssat_problems *problems = NULL;
        assert_ok(ssat_problems_new(&problems, &palloc));
        h.fail_at = h.calls + fail_at;
        hp.fail_at = hp.calls + fail_at;
        ssat_date last = 0;
        size_t outside = 0;
        ssat_status a = ssat_school_last_date(school, &last);
        ssat_status b = ssat_school_check_year(school, 2024, problems, &outside);
        bool failed = h.failures + hp.failures > 0;
        assert_int_equal(a, h.failures > 0 ? SSAT_ERR_NOMEM : SSAT_OK);
        if (b == SSAT_OK) {
            assert_int_equal(ssat_problems_count(problems), 2);
        } else {
            assert_int_equal(b, SSAT_ERR_NOMEM);
            assert_int_equal(ssat_problems_count(problems), 0);
        }
        ssat_problems_free(problems);
        ssat_school_free(school);
        assert_heap_clean(&h);
        assert_heap_clean(&hp);
        if (!failed)
            break;
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stray_rows_do_not_move_the_year),
        cmocka_unit_test(test_the_latest_year_with_a_share_of_the_marks),
        cmocka_unit_test(test_a_register_across_years),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
