/* Tests of lib/register/register.c: single and bulk marks, amendments, missing marks, queries, windows of the
 * last N sessions, validation against a calendar, and allocation failure. */
#include "support.h"
#include "heap.h"

#include "register_layer.h"

#include <stdlib.h>

/* ---- helpers ------------------------------------------------------------------------------------- */

/* The entry of a session: its code, "-" for missing, NULL for none. */
static const char *mark_at(const ssat_register *reg, const char *iso, ssat_half half)
{
    const char *code = "unset";
    assert_ok(ssat_register_mark(reg, test_date(iso), half, &code));
    return code;
}

static void assert_mark(const ssat_register *reg, const char *iso, ssat_half half, const char *expected)
{
    const char *code = mark_at(reg, iso, half);
    if (expected == NULL) {
        if (code != NULL)
            fail_msg("%s %s: expected no entry, found \"%s\"", iso, half == SSAT_AM ? "AM" : "PM", code);
        return;
    }
    if (code == NULL || strcmp(code, expected) != 0)
        fail_msg("%s %s: expected \"%s\", found %s%s%s", iso, half == SSAT_AM ? "AM" : "PM", expected,
                 code ? "\"" : "", code ? code : "no entry", code ? "\"" : "");
}

/* Every entry of the register as text, to compare a register before and after a failed call. */
static char *dump(const ssat_register *reg)
{
    size_t cap = 64, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    len = (size_t)snprintf(out, cap, "%zu:", ssat_register_entry_count(reg));
    ssat_window span;
    if (ssat_register_span(reg, &span) == SSAT_OK) {
        for (int64_t s = ssat__session(span.first_date, span.first_half);
             s <= ssat__session(span.last_date, span.last_half); s++) {
            const char *code = NULL;
            assert_ok(ssat_register_mark(reg, (ssat_date)(s >> 1), (ssat_half)(s & 1), &code));
            if (code == NULL)
                continue;
            if (len + 32 > cap) {
                cap *= 2;
                out = realloc(out, cap);
                assert_non_null(out);
            }
            len += (size_t)snprintf(out + len, cap - len, "%lld=%s,", (long long)s, code);
        }
    }
    return out;
}

static const ssat_problem *problem(const ssat_problems *list, size_t i)
{
    const ssat_problem *p = ssat_problems_at(list, i);
    assert_non_null(p);
    return p;
}

/* ---- life cycle ---------------------------------------------------------------------------------- */

static void new_rejects(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    ssat_register *reg = (ssat_register *)&set;
    assert_ok(ssat_codeset_builtin(NULL, NULL, &set));
    assert_status_msg(ssat_register_new(set, NULL), SSAT_ERR_INVALID_ARG, "ssat_register_new: argument 'out'");
    assert_status_msg(ssat_register_new(NULL, &reg), SSAT_ERR_INVALID_ARG, "argument 'codes' is NULL");
    assert_null(reg);
    assert_int_equal(ssat_codeset_is_frozen(set), 0); /* a failed call froze nothing */
    ssat_codeset_free(set);
}

static void null_safe_queries(void **state)
{
    (void)state;
    assert_null(ssat_register_codeset(NULL));
    assert_int_equal(ssat_register_entry_count(NULL), 0);
    ssat_register_free(NULL);
}

/* ---- single marks -------------------------------------------------------------------------------- */

static void add_and_read_marks(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_int_equal(ssat_register_entry_count(reg), 0);
    assert_mark(reg, "2024-09-02", SSAT_AM, NULL);
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-02"), SSAT_AM, "/"));
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-02"), SSAT_PM, "\\"));
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-03"), SSAT_AM, "I"));
    assert_mark(reg, "2024-09-02", SSAT_AM, "/");
    assert_mark(reg, "2024-09-02", SSAT_PM, "\\");
    assert_mark(reg, "2024-09-03", SSAT_AM, "I");
    assert_mark(reg, "2024-09-03", SSAT_PM, NULL);
    assert_mark(reg, "2024-09-01", SSAT_PM, NULL);
    assert_mark(reg, "1583-01-01", SSAT_AM, NULL);
    assert_int_equal(ssat_register_entry_count(reg), 3);
    /* The code text is borrowed from the set. */
    const ssat_code_info *info = NULL;
    assert_ok(ssat_codeset_lookup(ssat_register_codeset(reg), "I", NULL, &info));
    assert_ptr_equal(mark_at(reg, "2024-09-03", SSAT_AM), info->code);
    ssat_register_free(reg);
}

static void marks_in_any_order(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    static const char codes[] = "/\\LBIOGNUZ#";
    enum { N = 4000 };
    int32_t order[N];
    for (int32_t i = 0; i < N; i++)
        order[i] = i;
    srand(12345);
    for (int32_t i = N - 1; i > 0; i--) { /* a fixed shuffle: growth at both ends, gaps filled later */
        int32_t j = rand() % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    ssat_date origin = test_date("2024-09-02");
    for (int32_t i = 0; i < N; i++) {
        int32_t k = order[i];
        char code[2] = {codes[k % 11], '\0'};
        assert_ok(ssat_register_add_mark(reg, origin + (k / 2) * 3 - 3000, (ssat_half)(k % 2), code));
    }
    assert_int_equal(ssat_register_entry_count(reg), N);
    for (int32_t k = 0; k < N; k++) {
        const char *code = NULL;
        assert_ok(ssat_register_mark(reg, origin + (k / 2) * 3 - 3000, (ssat_half)(k % 2), &code));
        assert_non_null(code);
        assert_int_equal(code[0], codes[k % 11]);
        assert_ok(ssat_register_mark(reg, origin + (k / 2) * 3 - 3000 + 1, (ssat_half)(k % 2), &code));
        assert_null(code);
    }
    /* Far apart, at both ends of the supported range. */
    assert_ok(ssat_register_add_mark(reg, ssat__date_min(), SSAT_AM, "O"));
    assert_ok(ssat_register_add_mark(reg, ssat__date_max(), SSAT_PM, "I"));
    ssat_window span;
    assert_ok(ssat_register_span(reg, &span));
    assert_int_equal(span.first_date, ssat__date_min());
    assert_int_equal(span.first_half, SSAT_AM);
    assert_int_equal(span.last_date, ssat__date_max());
    assert_int_equal(span.last_half, SSAT_PM);
    assert_int_equal(ssat_register_entry_count(reg), N + 2);
    ssat_register_free(reg);
}

static void add_mark_rejects(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_date d = test_date("2024-09-02");
    assert_ok(ssat_register_add_mark(reg, d, SSAT_AM, "/"));
    char *before = dump(reg);
    assert_status_msg(ssat_register_add_mark(NULL, d, SSAT_PM, "/"), SSAT_ERR_INVALID_ARG,
                      "ssat_register_add_mark: argument 'reg' is NULL");
    assert_status_msg(ssat_register_add_mark(reg, d, SSAT_PM, NULL), SSAT_ERR_INVALID_ARG, "argument 'code' is NULL");
    assert_status_msg(ssat_register_add_mark(reg, d, (ssat_half)2, "/"), SSAT_ERR_INVALID_ARG, "argument 'half'");
    assert_status_msg(ssat_register_add_mark(reg, d, (ssat_half)-1, "/"), SSAT_ERR_INVALID_ARG, "argument 'half'");
    assert_status_msg(ssat_register_add_mark(reg, ssat__date_min() - 1, SSAT_AM, "/"), SSAT_ERR_RANGE,
                      "argument 'date'");
    assert_status_msg(ssat_register_add_mark(reg, ssat__date_max() + 1, SSAT_AM, "/"), SSAT_ERR_RANGE,
                      "argument 'date'");
    assert_status_msg(ssat_register_add_mark(reg, d, SSAT_PM, "Q"), SSAT_ERR_UNKNOWN_CODE,
                      "ssat_register_add_mark: code \"Q\" is not in code set \"wales-2010\"");
    assert_status_msg(ssat_register_add_mark(reg, d, SSAT_PM, "//"), SSAT_ERR_UNKNOWN_CODE, "\"//\"");
    assert_status_msg(ssat_register_add_mark(reg, d, SSAT_PM, "--"), SSAT_ERR_UNKNOWN_CODE, "\"--\"");
    assert_status_msg(ssat_register_add_mark(reg, d, SSAT_PM, " "), SSAT_ERR_UNKNOWN_CODE, "\" \"");
    assert_status_msg(ssat_register_add_mark(reg, d, SSAT_PM, "\x1b[31m"), SSAT_ERR_UNKNOWN_CODE, "\"\\x1B[31m\"");
    assert_status_msg(ssat_register_add_mark(reg, d, SSAT_AM, "I"), SSAT_ERR_DUPLICATE,
                      "session 2024-09-02 AM already has a mark (\"/\")");
    assert_non_null(strstr(ssat_error_message(), "ssat_register_amend_mark"));
    assert_status_msg(ssat_register_add_mark(reg, d, SSAT_AM, "-"), SSAT_ERR_DUPLICATE, "ssat_register_add_mark");
    char *after = dump(reg);
    assert_string_equal(before, after);
    free(before);
    free(after);
    ssat_register_free(reg);
}

static void explicit_missing_marks(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-02"), SSAT_AM, ""));
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-02"), SSAT_PM, "-"));
    assert_mark(reg, "2024-09-02", SSAT_AM, "-");
    assert_mark(reg, "2024-09-02", SSAT_PM, "-");
    assert_int_equal(ssat_register_entry_count(reg), 2); /* missing marks are entries */
    assert_status_msg(ssat_register_add_mark(reg, test_date("2024-09-02"), SSAT_PM, "/"), SSAT_ERR_DUPLICATE,
                      "(\"-\")");
    ssat_register_free(reg);
}

static void amend_marks(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_date d = test_date("2024-09-02");
    assert_ok(ssat_register_add_mark(reg, d, SSAT_AM, "N"));
    assert_ok(ssat_register_add_mark(reg, d, SSAT_PM, "-"));
    assert_ok(ssat_register_amend_mark(reg, d, SSAT_AM, "I")); /* N resolved to illness */
    assert_ok(ssat_register_amend_mark(reg, d, SSAT_PM, "\\")); /* missing mark completed */
    assert_mark(reg, "2024-09-02", SSAT_AM, "I");
    assert_mark(reg, "2024-09-02", SSAT_PM, "\\");
    assert_ok(ssat_register_amend_mark(reg, d, SSAT_PM, ""));
    assert_mark(reg, "2024-09-02", SSAT_PM, "-");
    assert_int_equal(ssat_register_entry_count(reg), 2);
    ssat_register_free(reg);
}

static void amend_rejects(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_date d = test_date("2024-09-02");
    assert_ok(ssat_register_add_mark(reg, d, SSAT_AM, "N"));
    assert_status_msg(ssat_register_amend_mark(reg, d, SSAT_PM, "I"), SSAT_ERR_NOT_FOUND,
                      "ssat_register_amend_mark: session 2024-09-02 PM has no mark to amend");
    assert_status_msg(ssat_register_amend_mark(reg, test_date("2030-01-01"), SSAT_AM, "I"), SSAT_ERR_NOT_FOUND,
                      "2030-01-01 AM");
    assert_status_msg(ssat_register_amend_mark(NULL, d, SSAT_AM, "I"), SSAT_ERR_INVALID_ARG, "argument 'reg'");
    assert_status_msg(ssat_register_amend_mark(reg, d, SSAT_AM, NULL), SSAT_ERR_INVALID_ARG, "argument 'code'");
    assert_status_msg(ssat_register_amend_mark(reg, d, (ssat_half)7, "I"), SSAT_ERR_INVALID_ARG, "argument 'half'");
    assert_status_msg(ssat_register_amend_mark(reg, ssat__date_max() + 1, SSAT_AM, "I"), SSAT_ERR_RANGE,
                      "ssat_register_amend_mark: argument 'date'");
    assert_status_msg(ssat_register_amend_mark(reg, d, SSAT_AM, "K"), SSAT_ERR_UNKNOWN_CODE,
                      "ssat_register_amend_mark: code \"K\" is not in code set \"wales-2010\"");
    assert_mark(reg, "2024-09-02", SSAT_AM, "N");
    ssat_register_free(reg);
}

static void england_two_character_codes(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("england-2024");
    ssat_date d = test_date("2024-09-02");
    assert_ok(ssat_register_add_mark(reg, d, SSAT_AM, "Y1"));
    assert_ok(ssat_register_add_mark(reg, d, SSAT_PM, "C1"));
    assert_ok(ssat_register_add_mark(reg, d + 1, SSAT_AM, "J1"));
    assert_ok(ssat_register_add_mark(reg, d + 1, SSAT_PM, "K"));
    assert_mark(reg, "2024-09-02", SSAT_AM, "Y1");
    assert_mark(reg, "2024-09-02", SSAT_PM, "C1");
    assert_mark(reg, "2024-09-03", SSAT_AM, "J1");
    assert_mark(reg, "2024-09-03", SSAT_PM, "K");
    assert_ok(ssat_register_amend_mark(reg, d, SSAT_AM, "Y7"));
    assert_mark(reg, "2024-09-02", SSAT_AM, "Y7");
    assert_status_msg(ssat_register_add_mark(reg, d + 2, SSAT_AM, "H"), SSAT_ERR_UNKNOWN_CODE,
                      "code \"H\" is not in code set \"england-2024\"");
    assert_status_msg(ssat_register_add_mark(reg, d + 2, SSAT_AM, "Y"), SSAT_ERR_UNKNOWN_CODE, "\"Y\"");
    assert_status_msg(ssat_register_add_mark(reg, d + 2, SSAT_AM, "Y8"), SSAT_ERR_UNKNOWN_CODE, "\"Y8\"");
    ssat_register_free(reg);
}

/* ---- runs of marks ------------------------------------------------------------------------------- */

static void add_marks_wide_layout(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    /* Monday 2 Sep 2024: Mon, Tue, then Wednesday did not meet, Thursday missing, Friday AM late. */
    static const char week[] = "/\\IO..- LU";
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), week, strlen(week), problems));
    assert_int_equal(ssat_problems_count(problems), 0);
    assert_mark(reg, "2024-09-02", SSAT_AM, "/");
    assert_mark(reg, "2024-09-02", SSAT_PM, "\\");
    assert_mark(reg, "2024-09-03", SSAT_AM, "I");
    assert_mark(reg, "2024-09-03", SSAT_PM, "O");
    assert_mark(reg, "2024-09-04", SSAT_AM, NULL);
    assert_mark(reg, "2024-09-04", SSAT_PM, NULL);
    assert_mark(reg, "2024-09-05", SSAT_AM, "-");
    assert_mark(reg, "2024-09-05", SSAT_PM, "-");
    assert_mark(reg, "2024-09-06", SSAT_AM, "L");
    assert_mark(reg, "2024-09-06", SSAT_PM, "U");
    assert_int_equal(ssat_register_entry_count(reg), 8);
    /* "A" is no Welsh code: the whole run is refused. */
    assert_status_msg(ssat_register_add_marks(reg, test_date("2024-09-11"), "ABCDEFG", 7, problems),
                      SSAT_ERR_INVALID_DATA, "1 problem in argument 'marks'; first: column 1");
    assert_int_equal(ssat_problems_count(problems), 1);
    ssat_problems_free(problems);
    assert_int_equal(ssat_register_entry_count(reg), 8);
    ssat_register_free(reg);
}

static void add_marks_over_weekends_and_odd_length(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-04"), "BCDEFGHIJ", 9, NULL));
    assert_mark(reg, "2024-09-04", SSAT_AM, "B");
    assert_mark(reg, "2024-09-04", SSAT_PM, "C");
    assert_mark(reg, "2024-09-05", SSAT_AM, "D");
    assert_mark(reg, "2024-09-05", SSAT_PM, "E");
    assert_mark(reg, "2024-09-06", SSAT_AM, "F");
    assert_mark(reg, "2024-09-06", SSAT_PM, "G");
    assert_mark(reg, "2024-09-07", SSAT_AM, NULL); /* Saturday */
    assert_mark(reg, "2024-09-08", SSAT_PM, NULL); /* Sunday */
    assert_mark(reg, "2024-09-09", SSAT_AM, "H");
    assert_mark(reg, "2024-09-09", SSAT_PM, "I");
    assert_mark(reg, "2024-09-10", SSAT_AM, "J");
    assert_mark(reg, "2024-09-10", SSAT_PM, NULL);
    assert_int_equal(ssat_register_entry_count(reg), 9);
    ssat_window span;
    assert_ok(ssat_register_span(reg, &span));
    assert_int_equal(span.first_date, test_date("2024-09-04"));
    assert_int_equal(span.last_date, test_date("2024-09-10"));
    assert_int_equal(span.last_half, SSAT_AM);
    /* A run before the existing entries fills in the front; skips at its ends do not widen the span. */
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "../\\..", 6, NULL));
    assert_ok(ssat_register_span(reg, &span));
    assert_int_equal(span.first_date, test_date("2024-09-03"));
    assert_int_equal(span.first_half, SSAT_AM);
    assert_int_equal(ssat_register_entry_count(reg), 11);
    ssat_register_free(reg);
}

static void add_marks_unknown_codes_add_nothing(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_mark(reg, test_date("2024-08-30"), SSAT_PM, "/"));
    char *before = dump(reg);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    /* columns 3 (Q), 6 (lower-case i), 9 (K), 12 (a control byte) are bad */
    static const char marks[] = "/\\Q\\/i/\\K\\/\x01";
    assert_status_msg(ssat_register_add_marks(reg, test_date("2024-09-02"), marks, 12, problems),
                      SSAT_ERR_INVALID_DATA,
                      "ssat_register_add_marks: 4 problems in argument 'marks'; first: column 3: Session 3 September 2024 AM: "
                      "code \"Q\" is not in code set wales-2010");
    assert_int_equal(ssat_problems_count(problems), 4);
    assert_int_equal(ssat_problems_error_count(problems), 4);
    static const uint32_t columns[] = {3, 6, 9, 12};
    static const char *const dates[] = {"2024-09-03", "2024-09-04", "2024-09-06", "2024-09-09"};
    static const char *const dates_shown[] = {"3 September 2024", "4 September 2024", "6 September 2024",
                                              "9 September 2024"};
    static const ssat_half halves[] = {SSAT_AM, SSAT_PM, SSAT_AM, SSAT_PM};
    static const char *const shown[] = {"\"Q\"", "\"i\"", "\"K\"", "\"\\x01\""};
    for (size_t i = 0; i < 4; i++) {
        const ssat_problem *p = problem(problems, i);
        assert_string_equal(p->id, "register.unknown_code");
        assert_int_equal(p->severity, SSAT_SEVERITY_ERROR);
        assert_string_equal(p->field, "marks");
        assert_int_equal(p->column, columns[i]);
        assert_int_equal(p->line, 0);
        assert_int_equal(p->has_session, 1);
        assert_int_equal(p->date, test_date(dates[i]));
        assert_int_equal(p->half, halves[i]);
        assert_non_null(strstr(p->message_en, shown[i]));
        assert_non_null(strstr(p->message_en, dates_shown[i]));
        assert_non_null(strstr(p->message_cy, shown[i]));
        assert_non_null(strstr(p->message_cy, "wales-2010"));
    }
    assert_non_null(strstr(problem(problems, 0)->message_cy, "bore"));
    assert_non_null(strstr(problem(problems, 1)->message_cy, "prynhawn"));
    char *after = dump(reg);
    assert_string_equal(before, after);
    assert_int_equal(ssat_register_entry_count(reg), 1);
    free(before);
    free(after);
    ssat_problems_free(problems);
    ssat_register_free(reg);
}

static void add_marks_duplicates(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_date mon = test_date("2024-09-02");
    assert_ok(ssat_register_add_mark(reg, mon, SSAT_PM, "I"));
    assert_ok(ssat_register_add_mark(reg, mon + 2, SSAT_AM, "-"));
    char *before = dump(reg);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_status_msg(ssat_register_add_marks(reg, mon, "/\\/\\/\\", 6, problems), SSAT_ERR_INVALID_DATA,
                      "2 problems in argument 'marks'; first: column 2: Session 2 September 2024 PM already has a mark (\"I\")");
    assert_int_equal(ssat_problems_count(problems), 2);
    assert_string_equal(problem(problems, 0)->id, "register.duplicate_mark");
    assert_int_equal(problem(problems, 0)->column, 2);
    assert_string_equal(problem(problems, 1)->id, "register.duplicate_mark");
    assert_int_equal(problem(problems, 1)->column, 5);
    assert_non_null(strstr(problem(problems, 1)->message_en, "(\"-\")"));
    assert_non_null(strstr(problem(problems, 1)->message_cy, "Mae gan sesiwn 4 Medi 2024 (bore) farc eisoes"));
    /* A skipped session never collides. */
    assert_ok(ssat_register_add_marks(reg, mon, "/.//./", 6, problems));
    assert_mark(reg, "2024-09-02", SSAT_PM, "I");
    assert_mark(reg, "2024-09-04", SSAT_AM, "-");
    assert_mark(reg, "2024-09-04", SSAT_PM, "/");
    assert_int_equal(ssat_register_entry_count(reg), 6);
    free(before);
    ssat_problems_free(problems);
    ssat_register_free(reg);
}

static void add_marks_without_problem_list(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_status_msg(ssat_register_add_marks(reg, test_date("2024-09-02"), "/q", 2, NULL), SSAT_ERR_INVALID_DATA,
                      "1 problem in argument 'marks'; first: column 2: Session 2 September 2024 PM: code \"q\"");
    assert_int_equal(ssat_register_entry_count(reg), 0);
    ssat_register_free(reg);
}

static void add_marks_empty_runs(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "", 0, NULL));
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "..........", 10, NULL));
    assert_int_equal(ssat_register_entry_count(reg), 0);
    ssat_window span;
    assert_status_msg(ssat_register_span(reg, &span), SSAT_ERR_NOT_FOUND, "ssat_register_span");
    ssat_register_free(reg);
}

static void add_marks_rejects(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_date mon = test_date("2024-09-02");
    assert_status_msg(ssat_register_add_marks(NULL, mon, "/", 1, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_register_add_marks: argument 'reg' is NULL");
    assert_status_msg(ssat_register_add_marks(reg, mon, NULL, 1, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'marks' is NULL");
    assert_status_msg(ssat_register_add_marks(reg, test_date("2024-09-07"), "/", 1, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'start' must be a weekday");
    assert_status_msg(ssat_register_add_marks(reg, test_date("2024-09-08"), "/", 1, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'start'");
    assert_status_msg(ssat_register_add_marks(reg, ssat__date_min() - 1, "/", 1, NULL), SSAT_ERR_RANGE,
                      "argument 'start'");
    /* 9999-12-27 is a Monday: five days fit, the sixth does not. */
    ssat_date last_week = test_date("9999-12-27");
    assert_ok(ssat_register_add_marks(reg, last_week, "//////////", 10, NULL));
    assert_status_msg(ssat_register_add_marks(reg, last_week, "///////////", 11, NULL), SSAT_ERR_RANGE,
                      "passes year 9999");
    assert_status_msg(ssat_register_add_marks(reg, mon, "/", SIZE_MAX, NULL), SSAT_ERR_RANGE, "argument 'len'");
    assert_status_msg(ssat_register_add_marks(reg, mon, "/", SIZE_MAX / 2, NULL), SSAT_ERR_RANGE, "argument 'len'");
    assert_int_equal(ssat_register_entry_count(reg), 10);
    ssat_register_free(reg);
}

/* ---- queries ------------------------------------------------------------------------------------- */

static void mark_rejects(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    const char *code = "x";
    assert_status_msg(ssat_register_mark(reg, 0, SSAT_AM, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_register_mark: argument 'code_out'");
    assert_status_msg(ssat_register_mark(NULL, 0, SSAT_AM, &code), SSAT_ERR_INVALID_ARG, "argument 'reg'");
    assert_null(code);
    code = "x";
    assert_status_msg(ssat_register_mark(reg, 0, (ssat_half)3, &code), SSAT_ERR_INVALID_ARG, "argument 'half'");
    assert_null(code);
    /* Any date may be asked about: out of range simply has no entry. */
    assert_ok(ssat_register_mark(reg, INT32_MIN, SSAT_AM, &code));
    assert_null(code);
    assert_ok(ssat_register_mark(reg, INT32_MAX, SSAT_PM, &code));
    assert_null(code);
    ssat_register_free(reg);
}

static void span_and_entry_count(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_window span = {1, SSAT_PM, 2, SSAT_PM};
    assert_status_msg(ssat_register_span(reg, &span), SSAT_ERR_NOT_FOUND, "the register has no entries");
    assert_int_equal(span.first_date, 0);
    assert_int_equal(span.last_date, 0);
    assert_status_msg(ssat_register_span(NULL, &span), SSAT_ERR_INVALID_ARG, "argument 'reg'");
    assert_status_msg(ssat_register_span(reg, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_ok(ssat_register_add_mark(reg, test_date("1969-12-31"), SSAT_PM, "/")); /* negative session numbers */
    assert_ok(ssat_register_add_mark(reg, test_date("1969-12-30"), SSAT_PM, "I"));
    assert_ok(ssat_register_add_mark(reg, test_date("1970-01-02"), SSAT_AM, "-"));
    assert_ok(ssat_register_span(reg, &span));
    assert_int_equal(span.first_date, test_date("1969-12-30"));
    assert_int_equal(span.first_half, SSAT_PM);
    assert_int_equal(span.last_date, test_date("1970-01-02"));
    assert_int_equal(span.last_half, SSAT_AM);
    assert_int_equal(ssat_register_entry_count(reg), 3);
    assert_mark(reg, "1969-12-31", SSAT_PM, "/");
    assert_mark(reg, "1969-12-31", SSAT_AM, NULL);
    ssat_register_free(reg);
}

static void window_last_sessions(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    /* Two weeks from Monday 2 Sep 2024, Wednesday 4th not met; then 16 Sep AM only. */
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "/\\/\\..", 6, NULL));
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-05"), "/\\/\\/\\/\\/\\/\\/\\", 14, NULL));
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-16"), SSAT_AM, "I"));
    ssat_window w;
    /* The last 3 entries up to 16 Sep: 13 PM, 16 AM and 13 AM. */
    assert_ok(ssat_register_window_last_sessions(reg, test_date("2024-09-16"), 3, &w));
    assert_int_equal(w.first_date, test_date("2024-09-13"));
    assert_int_equal(w.first_half, SSAT_AM);
    assert_int_equal(w.last_date, test_date("2024-09-16"));
    assert_int_equal(w.last_half, SSAT_PM);
    /* As of a Sunday: entries up to Friday count; the window still ends on the as-of date. */
    assert_ok(ssat_register_window_last_sessions(reg, test_date("2024-09-08"), 5, &w));
    assert_int_equal(w.first_date, test_date("2024-09-03"));
    assert_int_equal(w.first_half, SSAT_PM);
    assert_int_equal(w.last_date, test_date("2024-09-08"));
    /* Skipped Wednesday sessions are not entries. */
    assert_ok(ssat_register_window_last_sessions(reg, test_date("2024-09-05"), 3, &w));
    assert_int_equal(w.first_date, test_date("2024-09-03"));
    assert_int_equal(w.first_half, SSAT_PM);
    /* Fewer entries than asked for: from the first entry. */
    assert_ok(ssat_register_window_last_sessions(reg, test_date("2025-07-01"), 1000, &w));
    assert_int_equal(w.first_date, test_date("2024-09-02"));
    assert_int_equal(w.first_half, SSAT_AM);
    assert_int_equal(w.last_date, test_date("2025-07-01"));
    assert_int_equal(w.last_half, SSAT_PM);
    assert_ok(ssat_register_window_last_sessions(reg, test_date("2024-09-02"), 1, &w));
    assert_int_equal(w.first_date, test_date("2024-09-02"));
    assert_int_equal(w.first_half, SSAT_PM);
    ssat_register_free(reg);
}

static void window_last_sessions_rejects(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_window w = {5, SSAT_PM, 6, SSAT_PM};
    ssat_date d = test_date("2024-09-02");
    static const char fn[] = "ssat_register_window_last_sessions";
    assert_status_msg(ssat_register_window_last_sessions(reg, d, 5, &w), SSAT_ERR_NOT_FOUND, fn);
    assert_int_equal(w.first_date, 0);
    assert_int_equal(w.last_half, SSAT_AM);
    assert_ok(ssat_register_add_mark(reg, d, SSAT_PM, "/"));
    assert_status_msg(ssat_register_window_last_sessions(reg, d - 1, 5, &w), SSAT_ERR_NOT_FOUND,
                      "no entry on or before argument 'as_of'");
    assert_status_msg(ssat_register_window_last_sessions(NULL, d, 5, &w), SSAT_ERR_INVALID_ARG, "argument 'reg'");
    assert_status_msg(ssat_register_window_last_sessions(reg, d, 5, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_register_window_last_sessions(reg, d, 0, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'sessions' must be at least 1");
    assert_status_msg(ssat_register_window_last_sessions(reg, d, -3, &w), SSAT_ERR_INVALID_ARG, "not -3");
    assert_status_msg(ssat_register_window_last_sessions(reg, ssat__date_max() + 1, 1, &w), SSAT_ERR_INVALID_ARG,
                      "argument 'as_of'");
    ssat_register_free(reg);
}

static void view_of_the_dense_array(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat__register_view v = {(const uint8_t *)"x", 5, 5};
    ssat__register_view_get(reg, &v);
    assert_null(v.entries);
    assert_int_equal(v.count, 0);
    ssat_date d = test_date("2024-09-02");
    assert_ok(ssat_register_add_mark(reg, d, SSAT_PM, "I"));
    assert_ok(ssat_register_add_mark(reg, d + 1, SSAT_PM, "-"));
    ssat__register_view_get(reg, &v);
    assert_int_equal(v.base, ssat__session(d, SSAT_PM));
    assert_int_equal(v.count, 3);
    assert_int_equal(v.entries[0], ssat__codeset_index(ssat_register_codeset(reg), "I"));
    assert_int_equal(v.entries[1], SSAT__ENTRY_NONE);
    assert_int_equal(v.entries[2], SSAT__ENTRY_MISSING);
    ssat_register_free(reg);
}

/* ---- validation ---------------------------------------------------------------------------------- */

/* School year 2024/25 with Carmarthenshire-like terms and an October half-term. */
static ssat_calendar *calendar_2024(void)
{
    ssat_calendar *cal = NULL;
    assert_ok(ssat_calendar_new(2024, NULL, &cal));
    ssat_calendar_clear_terms(cal);
    assert_ok(ssat_calendar_add_term(cal, "autumn", test_date("2024-09-02"), test_date("2024-12-20")));
    assert_ok(ssat_calendar_add_term(cal, "spring", test_date("2025-01-06"), test_date("2025-04-11")));
    assert_ok(ssat_calendar_add_term(cal, "summer", test_date("2025-04-28"), test_date("2025-07-18")));
    assert_ok(ssat_calendar_add_closure(cal, test_date("2024-10-28"), test_date("2024-11-01")));
    return cal;
}

static void validate_complete_register(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_calendar *cal = calendar_2024();
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\", 20, NULL));
    size_t errors = 99;
    assert_ok(ssat_register_validate(reg, cal, problems, &errors));
    assert_int_equal(errors, 0);
    assert_int_equal(ssat_problems_count(problems), 0);
    /* Empty registers have nothing to check. */
    ssat_register *empty = test_register_new("wales-2010");
    assert_ok(ssat_register_validate(empty, cal, problems, NULL));
    assert_int_equal(ssat_problems_count(problems), 0);
    ssat_register_free(empty);
    ssat_problems_free(problems);
    ssat_calendar_free(cal);
    ssat_register_free(reg);
}

static void validate_missing_marks(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_calendar *cal = calendar_2024();
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    /* Week of 2 Sep complete except Thursday AM explicitly missing; then nothing until 11 Sep PM. */
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "/\\/\\/\\-\\/\\", 10, NULL));
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-11"), SSAT_PM, "/"));
    size_t errors = 0;
    assert_ok(ssat_register_validate(reg, cal, problems, &errors));
    /* explicit: 5 Sep AM; implied: 9, 10 Sep both sessions and 11 Sep AM (weekend excluded) */
    assert_int_equal(errors, 6);
    assert_int_equal(ssat_problems_count(problems), 6);
    assert_int_equal(ssat_problems_error_count(problems), 6);
    static const char *const dates[] = {"2024-09-05", "2024-09-09", "2024-09-09",
                                        "2024-09-10", "2024-09-10", "2024-09-11"};
    static const char *const shown[] = {"5 September 2024", "9 September 2024", "9 September 2024",
                                        "10 September 2024", "10 September 2024", "11 September 2024"};
    static const ssat_half halves[] = {SSAT_AM, SSAT_AM, SSAT_PM, SSAT_AM, SSAT_PM, SSAT_AM};
    for (size_t i = 0; i < 6; i++) {
        const ssat_problem *p = problem(problems, i);
        assert_string_equal(p->id, "register.missing_mark");
        assert_int_equal(p->severity, SSAT_SEVERITY_ERROR);
        assert_int_equal(p->has_session, 1);
        assert_int_equal(p->date, test_date(dates[i]));
        assert_int_equal(p->half, halves[i]);
        assert_non_null(strstr(p->message_en, shown[i]));
        assert_non_null(strstr(p->message_cy, "ni chwblhawyd y gofrestr"));
    }
    assert_string_equal(problem(problems, 0)->message_en,
                        "Session 5 September 2024 AM has no mark: the register was not completed");
    assert_string_equal(problem(problems, 0)->message_cy,
                        "Nid oes marc gan sesiwn 5 Medi 2024 (bore): ni chwblhawyd y gofrestr");
    /* Problems are appended: a second run doubles the list. */
    assert_ok(ssat_register_validate(reg, cal, problems, NULL));
    assert_int_equal(ssat_problems_count(problems), 12);
    ssat_problems_free(problems);
    ssat_calendar_free(cal);
    ssat_register_free(reg);
}

static void validate_warnings(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_calendar *cal = calendar_2024();
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    /* Two full weeks, one N, plus a mark on the Saturday between them, and the half-term week met. */
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "/\\/\\/\\/\\/N/\\/\\/\\/\\/\\", 20, NULL));
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-07"), SSAT_AM, "V"));
    size_t errors = 99;
    assert_ok(ssat_register_validate(reg, cal, problems, &errors));
    assert_int_equal(errors, 0);
    assert_int_equal(ssat_problems_count(problems), 2);
    assert_int_equal(ssat_problems_error_count(problems), 0);
    const ssat_problem *p = problem(problems, 0);
    assert_string_equal(p->id, "register.provisional");
    assert_int_equal(p->severity, SSAT_SEVERITY_WARNING);
    assert_int_equal(p->date, test_date("2024-09-06"));
    assert_int_equal(p->half, SSAT_PM);
    assert_non_null(strstr(p->message_en, "\"N\""));
    p = problem(problems, 1);
    assert_string_equal(p->id, "register.non_school_day");
    assert_int_equal(p->severity, SSAT_SEVERITY_WARNING);
    assert_int_equal(p->date, test_date("2024-09-07"));
    assert_string_equal(p->message_en, "Session 7 September 2024 AM has the mark \"V\" but 7 September 2024 is not a school day");
    /* Closure days: a mark is a warning, and no mark is no error. */
    ssat_problems_clear(problems);
    ssat_register *r2 = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(r2, test_date("2024-10-24"), "/\\/\\........../\\", 16, NULL));
    assert_ok(ssat_register_add_mark(r2, test_date("2024-10-30"), SSAT_AM, "/"));
    assert_ok(ssat_register_validate(r2, cal, problems, &errors));
    assert_int_equal(errors, 0);
    assert_int_equal(ssat_problems_count(problems), 1);
    assert_string_equal(problem(problems, 0)->id, "register.non_school_day");
    assert_int_equal(problem(problems, 0)->date, test_date("2024-10-30"));
    ssat_register_free(r2);
    ssat_problems_free(problems);
    ssat_calendar_free(cal);
    ssat_register_free(reg);
}

static void validate_only_the_calendar_year(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_calendar *cal = calendar_2024();
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    /* July 2024 belongs to school year 2023; a gap from there to September is not this calendar's. */
    assert_ok(ssat_register_add_mark(reg, test_date("2024-07-13"), SSAT_AM, "N")); /* a Saturday */
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "/\\", 2, NULL));
    /* ... and July 2025 after the summer term is outside every term; the gap up to it is school days. */
    assert_ok(ssat_register_add_mark(reg, test_date("2025-08-04"), SSAT_AM, "/"));
    size_t errors = 0;
    assert_ok(ssat_register_validate(reg, cal, problems, &errors));
    int32_t school_days = 0;
    assert_ok(ssat_calendar_count_school_days(cal, test_date("2024-09-03"), test_date("2025-07-31"), &school_days));
    assert_int_equal(errors, (size_t)school_days * 2);
    for (size_t i = 0; i < ssat_problems_count(problems); i++) {
        assert_string_equal(problem(problems, i)->id, "register.missing_mark");
        assert_true(problem(problems, i)->date >= test_date("2024-09-03"));
        assert_true(problem(problems, i)->date <= test_date("2025-07-18"));
    }
    ssat_problems_free(problems);
    ssat_calendar_free(cal);
    ssat_register_free(reg);
}

static void validate_rejects(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_calendar *cal = calendar_2024();
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    size_t errors = 5;
    assert_status_msg(ssat_register_validate(NULL, cal, problems, &errors), SSAT_ERR_INVALID_ARG,
                      "ssat_register_validate: argument 'reg' is NULL");
    assert_int_equal(errors, 0);
    assert_status_msg(ssat_register_validate(reg, NULL, problems, &errors), SSAT_ERR_INVALID_ARG,
                      "argument 'calendar' is NULL");
    assert_status_msg(ssat_register_validate(reg, cal, NULL, &errors), SSAT_ERR_INVALID_ARG,
                      "argument 'problems' is NULL");
    ssat_problems_free(problems);
    ssat_calendar_free(cal);
    ssat_register_free(reg);
}

/* ---- allocation ---------------------------------------------------------------------------------- */

/* Operations that allocate: a first mark, a run after it, a mark long before it (moving the array), a
 * run far after it, and a rejected run (whose problems need memory). */
static ssat_status grow_step(ssat_register *reg, ssat_problems *problems, int step)
{
    static const char run[] = "/\\/\\/\\IO/\\LU..-\\/\\/\\/\\/\\/\\";
    switch (step) {
    case 0: return ssat_register_add_mark(reg, test_date("2024-09-02"), SSAT_AM, "/");
    case 1: return ssat_register_add_marks(reg, test_date("2024-09-03"), run, strlen(run), problems);
    case 2: return ssat_register_add_mark(reg, test_date("2019-09-02"), SSAT_PM, "I");
    case 3: return ssat_register_add_marks(reg, test_date("2031-09-01"), run, strlen(run), problems);
    default: return ssat_register_add_marks(reg, test_date("2012-09-03"), "/Q", 2, problems);
    }
}

/* Fail the Nth allocation, for every N, across creating a problem list, a set and a register and
 * adding marks: every failure is NOMEM, leaves the register as it was before the failing call, and
 * leaks nothing. */
static void failing_allocator(void **state)
{
    (void)state;
    bool completed = false;
    for (size_t n = 1; !completed; n++) {
        test_heap h = {0};
        h.fail_at = n;
        ssat_allocator a = test_heap_allocator(&h, true);
        ssat_codeset *set = NULL;
        ssat_register *reg = NULL;
        ssat_problems *problems = NULL;
        ssat_status st = ssat_problems_new(&problems, &a);
        if (st == SSAT_OK)
            st = ssat_codeset_builtin("wales-2010", &a, &set);
        if (st == SSAT_OK)
            st = ssat_register_new(set, &reg);
        for (int step = 0; st == SSAT_OK && step < 5; step++) {
            char *before = dump(reg);
            size_t problems_before = ssat_problems_count(problems);
            st = grow_step(reg, problems, step);
            char *after = dump(reg);
            if (st != SSAT_OK) /* a failed call, or the rejected run of step 4, changed nothing */
                assert_string_equal(before, after);
            if (st == SSAT_ERR_NOMEM) /* and left no half report in the caller's list */
                assert_int_equal(ssat_problems_count(problems), problems_before);
            free(before);
            free(after);
            if (step == 4 && st == SSAT_ERR_INVALID_DATA)
                st = SSAT_OK;
        }
        if (st != SSAT_OK) {
            assert_int_equal(st, SSAT_ERR_NOMEM);
            assert_int_equal(h.failures, 1);
        } else {
            completed = h.failures == 0;
        }
        ssat_register_free(reg);
        ssat_codeset_free(set);
        ssat_problems_free(problems);
        assert_heap_clean(&h);
        assert_true(n < 1000);
    }
}

/* A bulk add whose problem report runs out of memory part-way leaves the caller's list as it was:
 * fail each allocation of the list in turn while three bad marks are reported. */
static void failed_report_leaves_problem_list_unchanged(void **state)
{
    (void)state;
    bool completed = false;
    for (size_t n = 1; !completed; n++) {
        test_heap h = {0};
        ssat_allocator a = test_heap_allocator(&h, true);
        ssat_problems *problems = NULL;
        assert_ok(ssat_problems_new(&problems, &a));
        ssat_register *reg = test_register_new("wales-2010");
        h.fail_at = h.calls + n;
        ssat_status st = ssat_register_add_marks(reg, test_date("2024-09-02"), "/Q/Q/Q", 6, problems);
        if (st == SSAT_ERR_NOMEM) {
            assert_int_equal(ssat_problems_count(problems), 0);
            assert_int_equal(ssat_problems_error_count(problems), 0);
        } else {
            assert_int_equal(st, SSAT_ERR_INVALID_DATA);
            assert_int_equal(ssat_problems_count(problems), 3);
            completed = true;
        }
        assert_int_equal(ssat_register_entry_count(reg), 0);
        ssat_register_free(reg);
        ssat_problems_free(problems);
        assert_int_equal(h.live, 0);
        assert_true(n < 100);
    }
}

/* Each single operation that fails for lack of memory leaves the register exactly as it was. */
static void failed_operations_change_nothing(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    ssat_codeset *set = NULL;
    ssat_register *reg = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", &a, &set));
    assert_ok(ssat_register_new(set, &reg));
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "/\\/\\I", 5, NULL));
    char *before = dump(reg);
    /* One operation at a time, each forced to reallocate: before the base, far after the end. */
    h.fail_at = h.calls + 1;
    assert_status_msg(ssat_register_add_mark(reg, test_date("2010-01-04"), SSAT_AM, "/"), SSAT_ERR_NOMEM,
                      "ssat_register_add_mark: out of memory");
    h.fail_at = h.calls + 1;
    assert_status_msg(ssat_register_add_marks(reg, test_date("2030-01-07"), "/\\", 2, NULL), SSAT_ERR_NOMEM,
                      "ssat_register_add_marks: out of memory");
    h.fail_at = h.calls + 1;
    assert_status_msg(ssat_register_add_marks(reg, test_date("2024-08-05"), "/\\/\\/\\/\\/\\/\\/\\/\\", 16, NULL),
                      SSAT_ERR_NOMEM, "out of memory");
    char *after = dump(reg);
    assert_string_equal(before, after);
    /* A problem list that cannot grow: the run is refused and nothing is added either. */
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, &a));
    h.fail_at = h.calls + 1;
    assert_status_msg(ssat_register_add_marks(reg, test_date("2024-09-02"), "Q", 1, problems), SSAT_ERR_NOMEM,
                      "ssat_register_add_marks");
    free(after);
    after = dump(reg);
    assert_string_equal(before, after);
    /* And validation reports NOMEM with errors_out 0. */
    ssat_calendar *cal = calendar_2024();
    size_t errors = 9;
    assert_ok(ssat_register_amend_mark(reg, test_date("2024-09-02"), SSAT_AM, "-"));
    h.fail_at = h.calls + 1;
    assert_status_msg(ssat_register_validate(reg, cal, problems, &errors), SSAT_ERR_NOMEM, "ssat_register_validate");
    assert_int_equal(errors, 0);
    ssat_calendar_free(cal);
    ssat_problems_free(problems);
    free(before);
    free(after);
    ssat_register_free(reg);
    ssat_codeset_free(set);
    assert_heap_clean(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_rejects),
        cmocka_unit_test(null_safe_queries),
        cmocka_unit_test(add_and_read_marks),
        cmocka_unit_test(marks_in_any_order),
        cmocka_unit_test(add_mark_rejects),
        cmocka_unit_test(explicit_missing_marks),
        cmocka_unit_test(amend_marks),
        cmocka_unit_test(amend_rejects),
        cmocka_unit_test(england_two_character_codes),
        cmocka_unit_test(add_marks_wide_layout),
        cmocka_unit_test(add_marks_over_weekends_and_odd_length),
        cmocka_unit_test(add_marks_unknown_codes_add_nothing),
        cmocka_unit_test(add_marks_duplicates),
        cmocka_unit_test(add_marks_without_problem_list),
        cmocka_unit_test(add_marks_empty_runs),
        cmocka_unit_test(add_marks_rejects),
        cmocka_unit_test(mark_rejects),
        cmocka_unit_test(span_and_entry_count),
        cmocka_unit_test(window_last_sessions),
        cmocka_unit_test(window_last_sessions_rejects),
        cmocka_unit_test(view_of_the_dense_array),
        cmocka_unit_test(validate_complete_register),
        cmocka_unit_test(validate_missing_marks),
        cmocka_unit_test(validate_warnings),
        cmocka_unit_test(validate_only_the_calendar_year),
        cmocka_unit_test(validate_rejects),
        cmocka_unit_test(failing_allocator),
        cmocka_unit_test(failed_report_leaves_problem_list_unchanged),
        cmocka_unit_test(failed_operations_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
