/* Tests of lib/core/problems.c: problem lists, bilingual rendering of problems located at a session,
 * pointer stability, and allocation failure. */
#include "support.h"
#include "heap.h"

#include "core_layer.h"

#include <stdlib.h>

/* ---- tests --------------------------------------------------------------------------------------- */

static void new_and_empty(void **state)
{
    (void)state;
    ssat_problems *list = NULL;
    assert_ok(ssat_problems_new(&list, NULL));
    assert_non_null(list);
    assert_int_equal(ssat_problems_count(list), 0);
    assert_int_equal(ssat_problems_error_count(list), 0);
    assert_null(ssat_problems_at(list, 0));
    ssat_problems_clear(list);
    ssat_problems_free(list);
}

static void new_rejects(void **state)
{
    (void)state;
    ssat_problems *list = (ssat_problems *)&list;
    assert_status_msg(ssat_problems_new(NULL, NULL), SSAT_ERR_INVALID_ARG, "ssat_problems_new: argument 'out'");
    ssat_allocator small = {sizeof(ssat_allocator) / 2, test_heap_alloc, NULL, test_heap_free, NULL};
    assert_status_msg(ssat_problems_new(&list, &small), SSAT_ERR_INVALID_ARG, "ssat_problems_new: argument 'alloc'");
    assert_null(list);
    list = (ssat_problems *)&list;
    ssat_allocator no_alloc = {sizeof(ssat_allocator), NULL, NULL, test_heap_free, NULL};
    assert_status_msg(ssat_problems_new(&list, &no_alloc), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_null(list);
    test_heap h = {0};
    h.fail_at = 1;
    ssat_allocator failing = test_heap_allocator(&h, true);
    list = (ssat_problems *)&list;
    assert_status_msg(ssat_problems_new(&list, &failing), SSAT_ERR_NOMEM, "ssat_problems_new: out of memory");
    assert_null(list);
    assert_int_equal(h.live, 0);
}

static void null_safe_queries(void **state)
{
    (void)state;
    assert_int_equal(ssat_problems_count(NULL), 0);
    assert_int_equal(ssat_problems_error_count(NULL), 0);
    assert_null(ssat_problems_at(NULL, 0));
    assert_string_equal(ssat_problem_message(NULL, SSAT_LANG_EN), "");
    assert_string_equal(ssat_problem_message(NULL, SSAT_LANG_CY), "");
    ssat_problems_clear(NULL);
    ssat_problems_free(NULL);
}

static void session_problems_are_rendered_in_both_languages(void **state)
{
    (void)state;
    ssat_problems *list = NULL;
    assert_ok(ssat_problems_new(&list, NULL));
    ssat__problem_loc loc = {"marks", 2, 17, 1, test_date("2024-09-03"), SSAT_PM, NULL};
    const char *args[] = {"Q", "wales-2010"};
    assert_ok(ssat__problems_add(list, "register.unknown_code", SSAT_SEVERITY_ERROR, &loc, args, 2));
    const ssat_problem *p = ssat_problems_at(list, 0);
    assert_non_null(p);
    assert_string_equal(p->id, "register.unknown_code");
    assert_int_equal(p->severity, SSAT_SEVERITY_ERROR);
    assert_string_equal(p->field, "marks");
    assert_int_equal(p->line, 2);
    assert_int_equal(p->column, 17);
    assert_int_equal(p->has_session, 1);
    assert_int_equal(p->date, test_date("2024-09-03"));
    assert_int_equal(p->half, SSAT_PM);
    assert_string_equal(p->message_en, "Session 3 September 2024 PM: code \"Q\" is not in code set wales-2010");
    assert_string_equal(p->message_cy, "Sesiwn 3 Medi 2024 (prynhawn): nid yw'r cod \"Q\" yn y set godau wales-2010");
    assert_ptr_equal(ssat_problem_message(p, SSAT_LANG_EN), p->message_en);
    assert_ptr_equal(ssat_problem_message(p, SSAT_LANG_CY), p->message_cy);
    /* Welsh then English, on two lines (SSAT_LANG_CY_EN) */
    assert_string_equal(ssat_problem_message(p, SSAT_LANG_CY_EN),
                        "Sesiwn 3 Medi 2024 (prynhawn): nid yw'r cod \"Q\" yn y set godau wales-2010\n"
                        "Session 3 September 2024 PM: code \"Q\" is not in code set wales-2010");
    assert_string_equal(ssat_problem_message(p, (ssat_lang)3), "");
    loc.half = SSAT_AM;
    const char *dup[] = {"I"};
    assert_ok(ssat__problems_add(list, "register.duplicate_mark", SSAT_SEVERITY_WARNING, &loc, dup, 1));
    p = ssat_problems_at(list, 1);
    assert_int_equal(p->severity, SSAT_SEVERITY_WARNING);
    assert_string_equal(p->message_en, "Session 3 September 2024 AM already has a mark (\"I\"); a session takes one mark only");
    assert_non_null(strstr(p->message_cy, "(bore)"));
    assert_int_equal(ssat_problems_count(list), 2);
    assert_int_equal(ssat_problems_error_count(list), 1);
    ssat_problems_free(list);
}

static void problems_without_location(void **state)
{
    (void)state;
    ssat_problems *list = NULL;
    assert_ok(ssat_problems_new(&list, NULL));
    /* No location at all; an id without templates shows the id itself; NULL arguments render as "". */
    assert_ok(ssat__problems_add(list, "test.no_such_template", SSAT_SEVERITY_ERROR, NULL, NULL, 0));
    const ssat_problem *p = ssat_problems_at(list, 0);
    assert_string_equal(p->field, "");
    assert_int_equal(p->line, 0);
    assert_int_equal(p->column, 0);
    assert_int_equal(p->has_session, 0);
    assert_string_equal(p->message_en, "test.no_such_template");
    assert_string_equal(p->message_cy, "test.no_such_template");
    const char *args[] = {NULL, NULL};
    ssat__problem_loc loc = {NULL, 3, 0, 0, 0, SSAT_AM, NULL};
    assert_ok(ssat__problems_add(list, "register.unknown_code", SSAT_SEVERITY_ERROR, &loc, args, 2));
    p = ssat_problems_at(list, 1);
    assert_string_equal(p->field, "");
    assert_int_equal(p->line, 3);
    assert_int_equal(p->has_session, 0);
    /* Without a session, {1} and {2} are the caller's own arguments. */
    assert_string_equal(p->message_en, "Session  : code \"\" is not in code set ");
    ssat_problems_free(list);
}

static void more_arguments_than_placeholders(void **state)
{
    (void)state;
    ssat_problems *list = NULL;
    assert_ok(ssat_problems_new(&list, NULL));
    const char *args[12] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"};
    ssat__problem_loc loc = {"f", 0, 0, 1, test_date("2024-09-02"), SSAT_AM, NULL};
    assert_ok(ssat__problems_add(list, "register.non_school_day", SSAT_SEVERITY_WARNING, &loc, args, 12));
    assert_string_equal(ssat_problems_at(list, 0)->message_en,
                        "Session 2 September 2024 AM has the mark \"a\" but 2 September 2024 is not a school day");
    ssat_problems_free(list);
}

/* A problem handed out stays where it is while the list grows (problems.h). */
static void problems_do_not_move(void **state)
{
    (void)state;
    ssat_problems *list = NULL;
    assert_ok(ssat_problems_new(&list, NULL));
    ssat__problem_loc loc = {"marks", 0, 1, 1, test_date("2024-09-02"), SSAT_AM, NULL};
    const char *args[] = {"N"};
    assert_ok(ssat__problems_add(list, "register.provisional", SSAT_SEVERITY_WARNING, &loc, args, 1));
    const ssat_problem *first = ssat_problems_at(list, 0);
    const char *msg = first->message_en;
    for (uint32_t i = 2; i <= 1000; i++) {
        loc.column = i;
        assert_ok(ssat__problems_add(list, "register.missing_mark", SSAT_SEVERITY_ERROR, &loc, NULL, 0));
    }
    assert_int_equal(ssat_problems_count(list), 1000);
    assert_int_equal(ssat_problems_error_count(list), 999);
    assert_ptr_equal(ssat_problems_at(list, 0), first);
    assert_ptr_equal(first->message_en, msg);
    assert_string_equal(msg, "Session 2 September 2024 AM has the provisional mark \"N\" (no reason yet provided): it "
                             "should be resolved");
    assert_int_equal(ssat_problems_at(list, 999)->column, 1000);
    assert_null(ssat_problems_at(list, 1000));
    ssat_problems_clear(list);
    assert_int_equal(ssat_problems_count(list), 0);
    assert_int_equal(ssat_problems_error_count(list), 0);
    /* A cleared list is usable again. */
    assert_ok(ssat__problems_add(list, "register.missing_mark", SSAT_SEVERITY_ERROR, &loc, NULL, 0));
    assert_int_equal(ssat_problems_count(list), 1);
    ssat_problems_free(list);
}

/* Every id the library reports has a template in both languages (so no problem ever shows its id). */
static void every_id_used_has_templates(void **state)
{
    (void)state;
    static const char *const used[] = {
        "session.am", "session.pm", "register.unknown_code", "register.duplicate_mark", "register.missing_mark",
        "register.non_school_day", "register.provisional", "category.present", "category.approved_activity",
        "category.authorised", "category.unauthorised", "category.not_counted",
    };
    for (size_t i = 0; i < sizeof used / sizeof used[0]; i++) {
        if (ssat__message_template(used[i], SSAT_LANG_EN) == NULL)
            fail_msg("no English template for %s", used[i]);
        if (ssat__message_template(used[i], SSAT_LANG_CY) == NULL)
            fail_msg("no Welsh template for %s", used[i]);
    }
}

static void allocation_failure_leaves_list_unchanged(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    ssat_problems *list = NULL;
    assert_ok(ssat_problems_new(&list, &a));
    ssat__problem_loc loc = {"marks", 0, 1, 1, test_date("2024-09-02"), SSAT_AM, NULL};
    /* Fill the first block of capacity (8) so that the next add must grow the index, then fail each of
     * the two allocations an add may make. */
    for (int i = 0; i < 8; i++)
        assert_ok(ssat__problems_add(list, "register.missing_mark", SSAT_SEVERITY_ERROR, &loc, NULL, 0));
    for (size_t k = 1; k <= 2; k++) {
        h.fail_at = h.calls + k;
        ssat_error_clear();
        assert_int_equal(ssat__problems_add(list, "register.missing_mark", SSAT_SEVERITY_ERROR, &loc, NULL, 0),
                         SSAT_ERR_NOMEM);
        assert_int_equal(ssat_problems_count(list), 8);
        assert_int_equal(ssat_problems_error_count(list), 8);
        assert_non_null(strstr(ssat_error_message(), "out of memory"));
    }
    assert_ok(ssat__problems_add(list, "register.missing_mark", SSAT_SEVERITY_ERROR, &loc, NULL, 0));
    assert_int_equal(ssat_problems_count(list), 9);
    ssat_problems_free(list);
    assert_heap_clean(&h);
}

/* ---- the deprecated name, kept until the SOVERSION changes (docs/abi.md, "Deprecated") ---------- */

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static void deprecated_get_is_at(void **state)
{
    (void)state;
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat__problems_add(problems, "test.no_such_template", SSAT_SEVERITY_ERROR, NULL, NULL, 0));
    assert_non_null(ssat_problems_at(problems, 0));
    assert_ptr_equal(ssat_problems_get(problems, 0), ssat_problems_at(problems, 0));
    assert_null(ssat_problems_get(problems, 1));
    assert_null(ssat_problems_get(NULL, 0));
    ssat_problems_free(problems);
}
#pragma GCC diagnostic pop

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_and_empty),
        cmocka_unit_test(new_rejects),
        cmocka_unit_test(null_safe_queries),
        cmocka_unit_test(session_problems_are_rendered_in_both_languages),
        cmocka_unit_test(problems_without_location),
        cmocka_unit_test(more_arguments_than_placeholders),
        cmocka_unit_test(problems_do_not_move),
        cmocka_unit_test(every_id_used_has_templates),
        cmocka_unit_test(allocation_failure_leaves_list_unchanged),
        cmocka_unit_test(deprecated_get_is_at),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
