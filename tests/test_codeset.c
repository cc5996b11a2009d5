/* Tests of lib/register/codeset.c: the built-in Welsh and English sets, custom sets, copying, freezing,
 * reference counting, lookups, and allocation failures. */
#include "support.h"
#include "heap.h"

#include "register_layer.h"

#include <stdlib.h>

/* ---- built-in sets ------------------------------------------------------------------------------- */

typedef struct expected_code {
    const char *code;
    ssat_category category;
    uint32_t flags;
} expected_code;

/* docs/rules.md, "Attendance codes", code by code. */
static const expected_code wales[] = {
    {"/", SSAT_CATEGORY_PRESENT, 0},
    {"\\", SSAT_CATEGORY_PRESENT, 0},
    {"L", SSAT_CATEGORY_PRESENT, SSAT_FLAG_LATE_BEFORE_CLOSE},
    {"B", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"J", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"P", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"V", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"W", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"D", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"C", SSAT_CATEGORY_AUTHORISED, 0},
    {"E", SSAT_CATEGORY_AUTHORISED, SSAT_FLAG_EXCLUSION},
    {"F", SSAT_CATEGORY_AUTHORISED, SSAT_FLAG_HOLIDAY},
    {"H", SSAT_CATEGORY_AUTHORISED, SSAT_FLAG_HOLIDAY},
    {"I", SSAT_CATEGORY_AUTHORISED, SSAT_FLAG_ILLNESS},
    {"M", SSAT_CATEGORY_AUTHORISED, SSAT_FLAG_ILLNESS},
    {"R", SSAT_CATEGORY_AUTHORISED, 0},
    {"S", SSAT_CATEGORY_AUTHORISED, 0},
    {"T", SSAT_CATEGORY_AUTHORISED, 0},
    {"G", SSAT_CATEGORY_UNAUTHORISED, SSAT_FLAG_HOLIDAY},
    {"N", SSAT_CATEGORY_UNAUTHORISED, SSAT_FLAG_PROVISIONAL},
    {"O", SSAT_CATEGORY_UNAUTHORISED, 0},
    {"U", SSAT_CATEGORY_UNAUTHORISED, SSAT_FLAG_LATE_AFTER_CLOSE},
    {"X", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Y", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Z", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"#", SSAT_CATEGORY_NOT_COUNTED, 0},
};

/* SI 2024/208 reg 10, as summarised in docs/rules.md, "Attendance codes". */
static const expected_code england[] = {
    {"/", SSAT_CATEGORY_PRESENT, 0},
    {"\\", SSAT_CATEGORY_PRESENT, 0},
    {"L", SSAT_CATEGORY_PRESENT, SSAT_FLAG_LATE_BEFORE_CLOSE},
    {"K", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"V", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"P", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"W", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"B", SSAT_CATEGORY_APPROVED_ACTIVITY, 0},
    {"C", SSAT_CATEGORY_AUTHORISED, 0},
    {"C1", SSAT_CATEGORY_AUTHORISED, 0},
    {"C2", SSAT_CATEGORY_AUTHORISED, 0},
    {"E", SSAT_CATEGORY_AUTHORISED, SSAT_FLAG_EXCLUSION},
    {"I", SSAT_CATEGORY_AUTHORISED, SSAT_FLAG_ILLNESS},
    {"M", SSAT_CATEGORY_AUTHORISED, SSAT_FLAG_ILLNESS},
    {"J1", SSAT_CATEGORY_AUTHORISED, 0},
    {"R", SSAT_CATEGORY_AUTHORISED, 0},
    {"S", SSAT_CATEGORY_AUTHORISED, 0},
    {"T", SSAT_CATEGORY_AUTHORISED, 0},
    {"G", SSAT_CATEGORY_UNAUTHORISED, SSAT_FLAG_HOLIDAY},
    {"N", SSAT_CATEGORY_UNAUTHORISED, SSAT_FLAG_PROVISIONAL},
    {"O", SSAT_CATEGORY_UNAUTHORISED, 0},
    {"U", SSAT_CATEGORY_UNAUTHORISED, SSAT_FLAG_LATE_AFTER_CLOSE},
    {"D", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"X", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Q", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Y1", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Y2", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Y3", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Y4", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Y5", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Y6", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Y7", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"Z", SSAT_CATEGORY_NOT_COUNTED, 0},
    {"#", SSAT_CATEGORY_NOT_COUNTED, 0},
};

/* The set holds exactly the expected codes, in order, each with a non-empty label in both languages. */
static void check_set(const ssat_codeset *set, const expected_code *exp, size_t n)
{
    assert_int_equal(ssat_codeset_count(set), n);
    for (size_t i = 0; i < n; i++) {
        const ssat_code_info *info = ssat_codeset_at(set, i);
        assert_non_null(info);
        assert_string_equal(info->code, exp[i].code);
        if (info->category != exp[i].category || info->flags != exp[i].flags)
            fail_msg("code %s: category %d flags 0x%X, expected %d 0x%X", info->code, (int)info->category,
                     (unsigned)info->flags, (int)exp[i].category, (unsigned)exp[i].flags);
        assert_true(strlen(info->label_en) > 0);
        assert_true(strlen(info->label_cy) > 0);
        assert_string_not_equal(info->label_en, info->label_cy);
        size_t index = 99;
        const ssat_code_info *found = NULL;
        assert_ok(ssat_codeset_lookup(set, exp[i].code, &index, &found));
        assert_int_equal(index, i);
        assert_ptr_equal(found, info);
        assert_int_equal(ssat__codeset_index(set, exp[i].code), i);
    }
    assert_null(ssat_codeset_at(set, n));
}

static void builtin_names(void **state)
{
    (void)state;
    assert_int_equal(ssat_codeset_builtin_count(), 2);
    assert_string_equal(ssat_codeset_builtin_name(0), "wales-2010");
    assert_string_equal(ssat_codeset_builtin_name(1), "england-2024");
    assert_null(ssat_codeset_builtin_name(2));
    assert_null(ssat_codeset_builtin_name(SIZE_MAX));
}

static void builtin_wales_2010(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &set));
    assert_string_equal(ssat_codeset_name(set), "wales-2010");
    assert_int_equal(ssat_codeset_is_frozen(set), 0);
    check_set(set, wales, sizeof wales / sizeof wales[0]);
    const ssat_code_info *info = NULL;
    assert_ok(ssat_codeset_lookup(set, "I", NULL, &info));
    assert_string_equal(info->label_en, "Illness");
    assert_string_equal(info->label_cy, "Salwch");
    /* England-only codes are not Welsh codes. */
    assert_status_msg(ssat_codeset_lookup(set, "K", NULL, NULL), SSAT_ERR_UNKNOWN_CODE, "\"K\"");
    assert_status_msg(ssat_codeset_lookup(set, "Y1", NULL, NULL), SSAT_ERR_UNKNOWN_CODE, "wales-2010");
    ssat_codeset_free(set);
}

static void builtin_england_2024(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_builtin("england-2024", NULL, &set));
    assert_string_equal(ssat_codeset_name(set), "england-2024");
    check_set(set, england, sizeof england / sizeof england[0]);
    static const char *const removed[] = {"H", "F", "J", "Y"};
    for (size_t i = 0; i < 4; i++)
        assert_status_msg(ssat_codeset_lookup(set, removed[i], NULL, NULL), SSAT_ERR_UNKNOWN_CODE, "england-2024");
    ssat_codeset_free(set);
}

static void builtin_default_is_wales(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_builtin(NULL, NULL, &set));
    assert_string_equal(ssat_codeset_name(set), "wales-2010");
    assert_int_equal(ssat_codeset_count(set), sizeof wales / sizeof wales[0]);
    assert_int_equal(ssat_codeset_count(set), sizeof wales / sizeof wales[0]); /* the rule's name (issue 16) */
    assert_int_equal(ssat_codeset_count(NULL), 0);
    ssat_codeset_free(set);
}

static void builtin_rejects(void **state)
{
    (void)state;
    ssat_codeset *set = (ssat_codeset *)&set;
    assert_status_msg(ssat_codeset_builtin("wales-2010", NULL, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_codeset_builtin("scotland", NULL, &set), SSAT_ERR_NOT_FOUND, "\"scotland\"");
    assert_null(set);
    assert_non_null(strstr(ssat_error_message(), "ssat_codeset_builtin"));
    assert_status_msg(ssat_codeset_builtin("Wales-2010", NULL, &set), SSAT_ERR_NOT_FOUND, "argument 'name'");
    ssat_allocator bad = {sizeof(ssat_allocator) - 1, test_heap_alloc, NULL, test_heap_free, NULL};
    set = (ssat_codeset *)&set;
    assert_status_msg(ssat_codeset_builtin(NULL, &bad, &set), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_null(set);
    ssat_allocator no_free = {sizeof(ssat_allocator), test_heap_alloc, NULL, NULL, NULL};
    assert_status_msg(ssat_codeset_builtin(NULL, &no_free, &set), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
}

/* ---- custom sets --------------------------------------------------------------------------------- */

static void new_define_lookup(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_new("carms-local", NULL, &set));
    assert_string_equal(ssat_codeset_name(set), "carms-local");
    assert_int_equal(ssat_codeset_count(set), 0);
    assert_null(ssat_codeset_at(set, 0));
    assert_ok(ssat_codeset_define(set, "/", SSAT_CATEGORY_PRESENT, 0, "Present", "Presennol"));
    assert_ok(ssat_codeset_define(set, "I2", SSAT_CATEGORY_AUTHORISED, SSAT_FLAG_ILLNESS, "Illness (local)", NULL));
    assert_ok(ssat_codeset_define(set, "~!@$", SSAT_CATEGORY_UNAUTHORISED, SSAT_FLAG_ALL, NULL, "Arall"));
    assert_int_equal(ssat_codeset_count(set), 3);
    const ssat_code_info *info = ssat_codeset_at(set, 1);
    assert_string_equal(info->code, "I2");
    assert_int_equal(info->category, SSAT_CATEGORY_AUTHORISED);
    assert_int_equal(info->flags, SSAT_FLAG_ILLNESS);
    assert_string_equal(info->label_en, "Illness (local)");
    assert_string_equal(info->label_cy, ""); /* NULL labels are stored as "" */
    info = ssat_codeset_at(set, 2);
    assert_string_equal(info->label_en, "");
    assert_string_equal(info->label_cy, "Arall");
    assert_int_equal(info->flags, SSAT_FLAG_ALL);
    size_t index = 0;
    assert_ok(ssat_codeset_lookup(set, "~!@$", &index, NULL));
    assert_int_equal(index, 2);
    assert_int_equal(ssat__codeset_index_byte(set, '/'), 0);
    assert_int_equal(ssat__codeset_index_byte(set, 'I'), SSAT__NO_CODE);
    assert_int_equal(ssat__codeset_index(set, "I"), SSAT__NO_CODE);
    assert_int_equal(ssat__codeset_index(set, "I2"), 1);
    assert_int_equal(ssat__codeset_index(set, "I2X"), SSAT__NO_CODE);
    assert_int_equal(ssat__codeset_index(set, "ABCDEFGH"), SSAT__NO_CODE);
    assert_int_equal(ssat__codeset_index(set, ""), SSAT__NO_CODE);
    ssat_codeset_free(set);
}

static void redefine_keeps_index_and_pointer(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &set));
    size_t index = 0;
    const ssat_code_info *before = NULL;
    assert_ok(ssat_codeset_lookup(set, "D", &index, &before));
    assert_int_equal(before->category, SSAT_CATEGORY_NOT_COUNTED);
    assert_ok(ssat_codeset_define(set, "D", SSAT_CATEGORY_APPROVED_ACTIVITY, 0, "Dual, counted", "Deuol, yn cyfrif"));
    const ssat_code_info *after = NULL;
    size_t index_after = 0;
    assert_ok(ssat_codeset_lookup(set, "D", &index_after, &after));
    assert_int_equal(index_after, index);
    assert_ptr_equal(after, before);
    assert_int_equal(after->category, SSAT_CATEGORY_APPROVED_ACTIVITY);
    assert_string_equal(after->label_cy, "Deuol, yn cyfrif");
    assert_int_equal(ssat_codeset_count(set), sizeof wales / sizeof wales[0]);
    /* Redefining twice frees the first copies (valgrind/ASan check the leak). */
    assert_ok(ssat_codeset_define(set, "D", SSAT_CATEGORY_NOT_COUNTED, 0, "again", "eto"));
    assert_string_equal(after->label_en, "again");
    ssat_codeset_free(set);
}

static void growth_keeps_info_pointers(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_new("grow", NULL, &set));
    assert_ok(ssat_codeset_define(set, "A", SSAT_CATEGORY_PRESENT, 0, "a", "a"));
    const ssat_code_info *first = ssat_codeset_at(set, 0);
    char code[16];
    for (int i = 0; i < 200; i++) {
        snprintf(code, sizeof code, "a%d", i);
        assert_ok(ssat_codeset_define(set, code, SSAT_CATEGORY_AUTHORISED, 0, code, code));
    }
    assert_ptr_equal(ssat_codeset_at(set, 0), first);
    assert_string_equal(first->code, "A");
    ssat_codeset_free(set);
}

static void define_rejects(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_new("x", NULL, &set));
    assert_status_msg(ssat_codeset_define(NULL, "A", SSAT_CATEGORY_PRESENT, 0, "", ""), SSAT_ERR_INVALID_ARG,
                      "argument 'set' is NULL");
    assert_status_msg(ssat_codeset_define(set, NULL, SSAT_CATEGORY_PRESENT, 0, "", ""), SSAT_ERR_INVALID_ARG,
                      "argument 'code' is NULL");
    static const char *const bad[] = {"", "ABCDE", "A B", " ", "a,b", "\"", ".", "-", "A-", "x.",
                                      "\x7f", "\t", "\xc5\xb5", "\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_status_msg(ssat_codeset_define(set, bad[i], SSAT_CATEGORY_PRESENT, 0, "", ""), SSAT_ERR_INVALID_ARG,
                          "argument 'code'");
    /* Control bytes in a bad code are escaped in the message, never copied raw. */
    assert_status_msg(ssat_codeset_define(set, "\n", SSAT_CATEGORY_PRESENT, 0, "", ""), SSAT_ERR_INVALID_ARG,
                      "\"\\x0A\"");
    assert_status_msg(ssat_codeset_define(set, "ABCDEFGHIJKLMNOP", SSAT_CATEGORY_PRESENT, 0, "", ""),
                      SSAT_ERR_INVALID_ARG, "\"ABCDEFGH...\"");
    assert_status_msg(ssat_codeset_define(set, "A", (ssat_category)5, 0, "", ""), SSAT_ERR_INVALID_ARG,
                      "argument 'category'");
    assert_status_msg(ssat_codeset_define(set, "A", (ssat_category)-1, 0, "", ""), SSAT_ERR_INVALID_ARG,
                      "argument 'category'");
    assert_status_msg(ssat_codeset_define(set, "A", SSAT_CATEGORY_PRESENT, 0x40, "", ""), SSAT_ERR_INVALID_ARG,
                      "argument 'flags'");
    assert_status_msg(ssat_codeset_define(set, "A", SSAT_CATEGORY_PRESENT, 0x80000000u, "", ""),
                      SSAT_ERR_INVALID_ARG, "0x80000000");
    assert_int_equal(ssat_codeset_count(set), 0);
    ssat_codeset_free(set);
}

static void define_at_most_250_codes(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_new("big", NULL, &set));
    char code[16];
    for (int i = 0; i < 250; i++) {
        snprintf(code, sizeof code, "c%d", i);
        assert_ok(ssat_codeset_define(set, code, SSAT_CATEGORY_PRESENT, 0, code, code));
    }
    assert_int_equal(ssat_codeset_count(set), 250);
    assert_status_msg(ssat_codeset_define(set, "full", SSAT_CATEGORY_PRESENT, 0, "", ""), SSAT_ERR_RANGE, "250");
    assert_non_null(strstr(ssat_error_message(), "\"big\""));
    /* Redefining at capacity is fine. */
    assert_ok(ssat_codeset_define(set, "c249", SSAT_CATEGORY_UNAUTHORISED, 0, "x", "x"));
    assert_int_equal(ssat__codeset_index(set, "c249"), 249);
    assert_int_equal(ssat_codeset_count(set), 250);
    ssat_codeset_free(set);
}

static void remove_codes(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &set));
    size_t n = ssat_codeset_count(set);
    assert_int_equal(ssat__codeset_index(set, "\\"), 1);
    assert_ok(ssat_codeset_remove(set, "/"));
    assert_int_equal(ssat_codeset_count(set), n - 1);
    /* Later codes moved down one index, in the byte table too. */
    assert_int_equal(ssat__codeset_index(set, "\\"), 0);
    assert_int_equal(ssat__codeset_index_byte(set, '#'), n - 2);
    assert_int_equal(ssat__codeset_index_byte(set, '/'), SSAT__NO_CODE);
    assert_status_msg(ssat_codeset_remove(set, "/"), SSAT_ERR_NOT_FOUND, "code \"/\" is not in code set \"wales-2010\"");
    assert_status_msg(ssat_codeset_remove(NULL, "/"), SSAT_ERR_INVALID_ARG, "argument 'set'");
    assert_status_msg(ssat_codeset_remove(set, NULL), SSAT_ERR_INVALID_ARG, "argument 'code'");
    assert_ok(ssat_codeset_remove(set, "#"));
    assert_string_equal(ssat_codeset_at(set, ssat_codeset_count(set) - 1)->code, "Z");
    /* A removed code can be defined again; it goes at the end. */
    assert_ok(ssat_codeset_define(set, "/", SSAT_CATEGORY_PRESENT, 0, "Present", "Presennol"));
    assert_int_equal(ssat__codeset_index(set, "/"), ssat_codeset_count(set) - 1);
    ssat_codeset_free(set);
}

static void new_rejects(void **state)
{
    (void)state;
    ssat_codeset *set = (ssat_codeset *)&set;
    assert_status_msg(ssat_codeset_new("x", NULL, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_codeset_new(NULL, NULL, &set), SSAT_ERR_INVALID_ARG, "argument 'name' is NULL");
    assert_null(set);
    assert_status_msg(ssat_codeset_new("", NULL, &set), SSAT_ERR_INVALID_ARG, "argument 'name'");
    char long_name[66];
    memset(long_name, 'n', 65);
    long_name[65] = '\0';
    assert_status_msg(ssat_codeset_new(long_name, NULL, &set), SSAT_ERR_INVALID_ARG, "argument 'name'");
    long_name[64] = '\0';
    assert_ok(ssat_codeset_new(long_name, NULL, &set));
    assert_string_equal(ssat_codeset_name(set), long_name);
    ssat_codeset_free(set);
    ssat_allocator bad = {0, NULL, NULL, NULL, NULL};
    assert_status_msg(ssat_codeset_new("x", &bad, &set), SSAT_ERR_INVALID_ARG, "ssat_codeset_new: argument 'alloc'");
}

static void copy_is_independent(void **state)
{
    (void)state;
    ssat_codeset *wales_set = NULL, *local = NULL, *local2 = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &wales_set));
    assert_ok(ssat_codeset_copy(wales_set, "wales-local", &local));
    assert_string_equal(ssat_codeset_name(local), "wales-local");
    check_set(local, wales, sizeof wales / sizeof wales[0]);
    assert_ok(ssat_codeset_define(local, "D", SSAT_CATEGORY_PRESENT, 0, "Dual, counted", "Deuol"));
    assert_ok(ssat_codeset_define(local, "Q", SSAT_CATEGORY_AUTHORISED, 0, "Local Q", "Q lleol"));
    /* The original is untouched. */
    check_set(wales_set, wales, sizeof wales / sizeof wales[0]);
    /* A copy of a copy copies the custom labels, not just pointers. */
    assert_ok(ssat_codeset_copy(local, "wales-local-2", &local2));
    ssat_codeset_free(local);
    const ssat_code_info *q = NULL;
    assert_ok(ssat_codeset_lookup(local2, "Q", NULL, &q));
    assert_string_equal(q->label_cy, "Q lleol");
    assert_ok(ssat_codeset_lookup(local2, "D", NULL, &q));
    assert_int_equal(q->category, SSAT_CATEGORY_PRESENT);
    ssat_codeset_free(local2);
    ssat_codeset_free(wales_set);
}

static void copy_rejects(void **state)
{
    (void)state;
    ssat_codeset *src = NULL, *dst = (ssat_codeset *)&src;
    assert_ok(ssat_codeset_builtin(NULL, NULL, &src));
    assert_status_msg(ssat_codeset_copy(src, "x", NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_codeset_copy(NULL, "x", &dst), SSAT_ERR_INVALID_ARG, "argument 'src'");
    assert_null(dst);
    assert_status_msg(ssat_codeset_copy(src, NULL, &dst), SSAT_ERR_INVALID_ARG, "argument 'new_name'");
    assert_status_msg(ssat_codeset_copy(src, "", &dst), SSAT_ERR_INVALID_ARG, "argument 'new_name'");
    assert_non_null(strstr(ssat_error_message(), "ssat_codeset_copy"));
    ssat_codeset_free(src);
}

/* ---- freezing and reference counting ------------------------------------------------------------ */

static void register_freezes_set(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    ssat_register *reg = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &set));
    assert_ok(ssat_codeset_define(set, "Q", SSAT_CATEGORY_AUTHORISED, 0, "Q", "Q")); /* not frozen yet */
    assert_ok(ssat_register_new(set, &reg));
    assert_int_equal(ssat_codeset_is_frozen(set), 1);
    assert_status_msg(ssat_codeset_define(set, "K", SSAT_CATEGORY_PRESENT, 0, "", ""), SSAT_ERR_STATE,
                      "code set \"wales-2010\" is frozen");
    assert_non_null(strstr(ssat_error_message(), "ssat_codeset_define"));
    assert_status_msg(ssat_codeset_define(set, "D", SSAT_CATEGORY_PRESENT, 0, "", ""), SSAT_ERR_STATE, "frozen");
    assert_status_msg(ssat_codeset_remove(set, "D"), SSAT_ERR_STATE, "ssat_codeset_remove");
    assert_int_equal(ssat__codeset_index(set, "K"), SSAT__NO_CODE);
    /* Freezing outlives the register; a copy is a fresh, mutable set. */
    ssat_register_free(reg);
    assert_int_equal(ssat_codeset_is_frozen(set), 1);
    ssat_codeset *copy = NULL;
    assert_ok(ssat_codeset_copy(set, "thawed", &copy));
    assert_int_equal(ssat_codeset_is_frozen(copy), 0);
    assert_ok(ssat_codeset_define(copy, "K", SSAT_CATEGORY_PRESENT, 0, "", ""));
    ssat_codeset_free(copy);
    ssat_codeset_free(set);
}

static void set_lives_while_registers_use_it(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    ssat_codeset *set = NULL;
    ssat_register *r1 = NULL, *r2 = NULL;
    assert_ok(ssat_codeset_builtin("england-2024", &a, &set));
    assert_ok(ssat_register_new(set, &r1));
    assert_ok(ssat_register_new(set, &r2));
    ssat_codeset_free(set); /* the caller's handle only */
    assert_true(h.live > 0);
    assert_ptr_equal(ssat_register_codeset(r1), set);
    assert_string_equal(ssat_codeset_name(ssat_register_codeset(r1)), "england-2024");
    assert_ok(ssat_register_add_mark(r1, test_date("2024-09-02"), SSAT_AM, "Y1"));
    ssat_register_free(r1);
    assert_ok(ssat_register_add_mark(r2, test_date("2024-09-02"), SSAT_AM, "J1"));
    ssat_register_free(r2);
    assert_heap_clean(&h);
}

/* ---- small queries ------------------------------------------------------------------------------- */

static void null_safe_queries(void **state)
{
    (void)state;
    assert_string_equal(ssat_codeset_name(NULL), "");
    assert_int_equal(ssat_codeset_count(NULL), 0);
    assert_int_equal(ssat_codeset_is_frozen(NULL), 0);
    assert_null(ssat_codeset_at(NULL, 0));
    ssat_codeset_free(NULL);
}

static void lookup_rejects(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_builtin(NULL, NULL, &set));
    size_t index = 7;
    const ssat_code_info *info = ssat_codeset_at(set, 0);
    assert_status_msg(ssat_codeset_lookup(NULL, "I", &index, &info), SSAT_ERR_INVALID_ARG, "argument 'set'");
    assert_int_equal(index, 0);
    assert_null(info);
    assert_status_msg(ssat_codeset_lookup(set, NULL, &index, &info), SSAT_ERR_INVALID_ARG, "argument 'code'");
    index = 7;
    info = ssat_codeset_at(set, 0);
    assert_status_msg(ssat_codeset_lookup(set, "Q", &index, &info), SSAT_ERR_UNKNOWN_CODE,
                      "ssat_codeset_lookup: code \"Q\" is not in code set \"wales-2010\"");
    assert_int_equal(index, 0);
    assert_null(info);
    assert_status_msg(ssat_codeset_lookup(set, "", NULL, NULL), SSAT_ERR_UNKNOWN_CODE, "code \"\"");
    assert_status_msg(ssat_codeset_lookup(set, "-", NULL, NULL), SSAT_ERR_UNKNOWN_CODE, "code \"-\"");
    assert_status_msg(ssat_codeset_lookup(set, "\x01\xff", NULL, NULL), SSAT_ERR_UNKNOWN_CODE, "\"\\x01\\xFF\"");
    ssat_codeset_free(set);
}

static void category_names(void **state)
{
    (void)state;
    static const char *const en[] = {"present", "approved educational activity", "authorised absence",
                                     "unauthorised absence", "not a possible session"};
    static const char *const cy[] = {"presennol", "gweithgaredd addysgol cymeradwy", "absenoldeb awdurdodedig",
                                     "absenoldeb heb awdurdod", "nid yw'n sesiwn bosibl"};
    for (int c = 0; c < 5; c++) {
        assert_string_equal(ssat_category_name((ssat_category)c, SSAT_LANG_EN), en[c]);
        assert_string_equal(ssat_category_name((ssat_category)c, SSAT_LANG_CY), cy[c]);
    }
    assert_string_equal(ssat_category_name((ssat_category)5, SSAT_LANG_EN), "");
    assert_string_equal(ssat_category_name((ssat_category)-1, SSAT_LANG_CY), "");
    assert_string_equal(ssat_category_name(SSAT_CATEGORY_UNAUTHORISED, SSAT_LANG_CY_EN),
                        "absenoldeb heb awdurdod / unauthorised absence");
    assert_string_equal(ssat_category_name(SSAT_CATEGORY_PRESENT, (ssat_lang)3), "");
}

/* ---- allocation ---------------------------------------------------------------------------------- */

static void custom_allocator_no_leak(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    ssat_codeset *set = NULL, *copy = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", &a, &set));
    assert_true(h.allocs > 0);
    assert_ok(ssat_codeset_copy(set, "copy", &copy));
    for (int i = 0; i < 40; i++) {
        char code[16];
        snprintf(code, sizeof code, "x%d", i);
        assert_ok(ssat_codeset_define(copy, code, SSAT_CATEGORY_PRESENT, 0, "label", "label"));
    }
    assert_ok(ssat_codeset_remove(copy, "x7"));
    ssat_codeset_free(set);
    ssat_codeset_free(copy);
    assert_heap_clean(&h);
}

/* Fail each allocation in turn of a sequence of operations; each failure must report NOMEM, leave the
 * set as it was and leak nothing. */
static void failing_allocator(void **state)
{
    (void)state;
    bool completed = false;
    for (size_t n = 1; !completed; n++) {
        test_heap h = {0};
        h.fail_at = n;
        ssat_allocator a = test_heap_allocator(&h, true);
        ssat_codeset *set = NULL, *copy = NULL;
        ssat_status st = ssat_codeset_builtin("england-2024", &a, &set);
        if (st == SSAT_OK)
            st = ssat_codeset_copy(set, "copy", &copy);
        if (st == SSAT_OK) {
            st = ssat_codeset_define(copy, "AB", SSAT_CATEGORY_PRESENT, 0, "a", "b");
            size_t expect = ssat_codeset_count(set) + (st == SSAT_OK ? 1 : 0);
            assert_int_equal(ssat_codeset_count(copy), expect);
            assert_int_equal(ssat__codeset_index(copy, "AB") != SSAT__NO_CODE, st == SSAT_OK);
        }
        if (st == SSAT_OK) {
            st = ssat_codeset_define(copy, "D", SSAT_CATEGORY_PRESENT, 0, "redefined", "ailddiffiniwyd");
            const ssat_code_info *d = NULL;
            assert_ok(ssat_codeset_lookup(copy, "D", NULL, &d));
            assert_int_equal(d->category, st == SSAT_OK ? SSAT_CATEGORY_PRESENT : SSAT_CATEGORY_NOT_COUNTED);
        }
        if (st != SSAT_OK) {
            assert_int_equal(st, SSAT_ERR_NOMEM);
            assert_int_equal(h.failures, 1);
            assert_non_null(strstr(ssat_error_message(), "out of memory"));
        } else {
            completed = h.failures == 0;
        }
        ssat_codeset_free(copy);
        ssat_codeset_free(set);
        assert_heap_clean(&h);
        assert_true(n < 1000);
    }
}

/* ---- the deprecated name, kept until the SOVERSION changes (docs/abi.md, "Deprecated") ---------- */

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static void deprecated_size_is_count(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &set));
    assert_true(ssat_codeset_count(set) > 0);
    assert_int_equal(ssat_codeset_size(set), ssat_codeset_count(set));
    assert_int_equal(ssat_codeset_size(NULL), 0);
    ssat_codeset_free(set);
}
#pragma GCC diagnostic pop

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_names),
        cmocka_unit_test(builtin_wales_2010),
        cmocka_unit_test(builtin_england_2024),
        cmocka_unit_test(builtin_default_is_wales),
        cmocka_unit_test(builtin_rejects),
        cmocka_unit_test(new_define_lookup),
        cmocka_unit_test(redefine_keeps_index_and_pointer),
        cmocka_unit_test(growth_keeps_info_pointers),
        cmocka_unit_test(define_rejects),
        cmocka_unit_test(define_at_most_250_codes),
        cmocka_unit_test(remove_codes),
        cmocka_unit_test(new_rejects),
        cmocka_unit_test(copy_is_independent),
        cmocka_unit_test(copy_rejects),
        cmocka_unit_test(register_freezes_set),
        cmocka_unit_test(set_lives_while_registers_use_it),
        cmocka_unit_test(null_safe_queries),
        cmocka_unit_test(lookup_rejects),
        cmocka_unit_test(category_names),
        cmocka_unit_test(custom_allocator_no_leak),
        cmocka_unit_test(failing_allocator),
        cmocka_unit_test(deprecated_size_is_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
