/* Tests of schools (lib/school/school.c): life cycle, arguments, pupils in id order found by hash, details,
 * the last date, locations, and many pupils (the hash map grows). Imports are tested in test_import.c. */
#include "support.h"
#include "heap.h"

#include <stdlib.h>

static ssat_school *school_from(const char *text)
{
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    ssat_problems *problems = NULL;
    ssat_import *im = NULL;
    assert_ok(ssat_codeset_builtin(NULL, NULL, &codes));
    assert_ok(ssat_school_new(codes, &school));
    ssat_codeset_free(codes);
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_import_new(school, SSAT_CSV_AUTO, "s.csv", problems, &im));
    assert_ok(ssat_import_feed(im, text, strlen(text)));
    assert_ok(ssat_import_finish(im, NULL));
    ssat_import_free(im);
    ssat_problems_free(problems);
    return school;
}

static void test_life_cycle_and_arguments(void **state)
{
    (void)state;
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    size_t index = 7;
    ssat_date last = 7;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &codes));
    assert_status_msg(ssat_school_new(NULL, &school), SSAT_ERR_INVALID_ARG, "'codes'");
    assert_status_msg(ssat_school_new(codes, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_ok(ssat_school_new(codes, &school));
    ssat_codeset_free(codes);
    assert_int_equal(ssat_codeset_is_frozen(ssat_school_codeset(school)), 1);
    assert_int_equal(ssat_school_count(school), 0);
    assert_int_equal(ssat_school_count(NULL), 0);
    assert_null(ssat_school_codeset(NULL));
    assert_null(ssat_school_pupil_id(school, 0));
    assert_null(ssat_school_register(school, 0));
    assert_null(ssat_school_pupil(school, 0));
    assert_null(ssat_school_pupil_detail(school, 0, "name"));
    assert_status_msg(ssat_school_find(school, "P1", &index), SSAT_ERR_NOT_FOUND, "\"P1\"");
    assert_int_equal(index, 0);
    assert_status_msg(ssat_school_find(NULL, "P1", &index), SSAT_ERR_INVALID_ARG, "'school'");
    assert_status_msg(ssat_school_find(school, NULL, &index), SSAT_ERR_INVALID_ARG, "'pupil_id'");
    assert_status_msg(ssat_school_find(school, "P1", NULL), SSAT_ERR_INVALID_ARG, "'index_out'");
    assert_status_msg(ssat_school_last_date(school, &last), SSAT_ERR_NOT_FOUND, "no register");
    assert_int_equal(last, 0);
    assert_status_msg(ssat_school_last_date(NULL, &last), SSAT_ERR_INVALID_ARG, "'school'");
    assert_status_msg(ssat_school_last_date(school, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_school_locate(NULL, 0, 0, SSAT_AM, NULL, NULL, NULL), SSAT_ERR_INVALID_ARG, "'school'");
    assert_status_msg(ssat_school_locate(school, 0, 0, SSAT_AM, NULL, NULL, NULL), SSAT_ERR_INVALID_ARG, "'index'");
    ssat_school_free(school);
    ssat_school_free(NULL);
}

static void test_pupils_in_id_order(void **state)
{
    (void)state;
    ssat_school *school = school_from("pupil_id,date,session,mark\n"
                                      "b,2024-09-02,AM,/\nB,2024-09-02,AM,/\nab,2024-09-02,AM,/\na,2024-09-02,AM,O\n"
                                      "Siôn,2024-09-02,AM,/\n");
    static const char *const order[] = {"B", "Siôn", "a", "ab", "b"}; /* byte order */
    assert_int_equal(ssat_school_count(school), 5);
    for (size_t i = 0; i < 5; i++) {
        size_t found;
        assert_string_equal(ssat_school_pupil_id(school, i), order[i]);
        assert_ok(ssat_school_find(school, order[i], &found));
        assert_int_equal(found, i);
        assert_string_equal(ssat_pupil_id(ssat_school_pupil(school, i)), order[i]);
        assert_string_equal(ssat_school_pupil_detail(school, i, "name"), "");
        assert_null(ssat_school_pupil_detail(school, i, "surname"));
    }
    const char *code;
    assert_ok(ssat_register_mark(ssat_school_register(school, 2), test_date("2024-09-02"), SSAT_AM, &code));
    assert_string_equal(code, "O");
    /* An id longer than any pupil's is simply not found. */
    size_t index;
    char longid[100];
    memset(longid, 'x', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    assert_status_msg(ssat_school_find(school, longid, &index), SSAT_ERR_NOT_FOUND, NULL);
    ssat_school_free(school);
}

/* Thousands of pupils: the hash map grows, every pupil is found, the order holds. */
static void test_many_pupils(void **state)
{
    (void)state;
    size_t n = 5000, cap = 64 + n * 32, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "pupil_id,start_date,marks\n");
    for (size_t i = n; i-- > 0;)
        len += (size_t)snprintf(text + len, cap - len, "Q%05zu,2024-09-02,/\\\n", i);
    ssat_school *school = school_from(text);
    free(text);
    assert_int_equal(ssat_school_count(school), n);
    for (size_t i = 0; i < n; i++) {
        char id[16];
        size_t found;
        snprintf(id, sizeof id, "Q%05zu", i);
        assert_string_equal(ssat_school_pupil_id(school, i), id);
        assert_ok(ssat_school_find(school, id, &found));
        assert_int_equal(found, i);
    }
    ssat_date last;
    assert_ok(ssat_school_last_date(school, &last));
    assert_int_equal(last, test_date("2024-09-02"));
    ssat_school_free(school);
}

static void test_locate_arguments(void **state)
{
    (void)state;
    ssat_school *school = school_from("pupil_id,start_date,marks\nA,2024-09-02,/\\/\\\n");
    const char *source = "x";
    uint32_t line = 9, column = 9;
    assert_status_msg(ssat_school_locate(school, 0, test_date("2024-09-02"), (ssat_half)2, &source, &line, &column),
                      SSAT_ERR_INVALID_ARG, "'half'");
    assert_null(source);
    assert_int_equal(line, 0);
    assert_ok(ssat_school_locate(school, 0, test_date("2024-09-03"), SSAT_PM, &source, &line, &column));
    assert_string_equal(source, "s.csv");
    assert_int_equal(line, 2);
    assert_int_equal(column, 14 + 3);
    /* Past the end of the row, or before it: the row, no column. */
    assert_ok(ssat_school_locate(school, 0, test_date("2024-09-04"), SSAT_AM, NULL, &line, &column));
    assert_int_equal(column, 0);
    assert_ok(ssat_school_locate(school, 0, test_date("2024-08-30"), SSAT_AM, NULL, &line, &column));
    assert_int_equal(line, 2);
    assert_int_equal(column, 0);
    ssat_school_free(school);
}

/* A school made with a failing allocator: creating it fails cleanly. */
static void test_new_allocation_failure(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator alloc = test_heap_allocator(&h, true);
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", &alloc, &codes));
    h.fail_at = h.calls + 1;
    assert_status_msg(ssat_school_new(codes, &school), SSAT_ERR_NOMEM, "ssat_school_new");
    assert_null(school);
    ssat_codeset_free(codes);
    assert_heap_clean(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_life_cycle_and_arguments),
        cmocka_unit_test(test_pupils_in_id_order),
        cmocka_unit_test(test_many_pupils),
        cmocka_unit_test(test_locate_arguments),
        cmocka_unit_test(test_new_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
