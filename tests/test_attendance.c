/* Tests of lib/register/attendance.c: the worked examples of docs/rules.md, "Worked examples", totals and flags, windows,
 * exact thresholds and rounding, lifetimes, and allocation failure. */
#include "support.h"
#include "heap.h" /* used without realloc here: the library must then allocate, copy and free */

#include "register_layer.h"

#include <stdlib.h>

/* ---- helpers ------------------------------------------------------------------------------------- */

/* Append `n` copies of `code` to a run being built. */
static size_t repeat(char *run, size_t len, char code, size_t n)
{
    memset(run + len, code, n);
    run[len + n] = '\0';
    return len + n;
}

/* Summarise everything from 1 Aug 2024 to 31 Jul 2026. */
static ssat_summary *summarise(const ssat_register *reg)
{
    ssat_window w;
    assert_ok(ssat_window_range(test_date("2024-08-01"), test_date("2026-07-31"), &w));
    ssat_summary *s = NULL;
    assert_ok(ssat_attendance_compute(reg, &w, &s));
    return s;
}

static uint32_t code_count(const ssat_summary *s, const char *code)
{
    uint32_t n = 12345;
    assert_ok(ssat_summary_code_count(s, code, &n));
    return n;
}

static int32_t holds(const ssat_summary *s, ssat_rate rate, ssat_comparator cmp, uint32_t num, uint32_t den)
{
    int32_t out = -1;
    assert_ok(ssat_summary_compare(s, rate, cmp, num, den, &out));
    assert_true(out == 0 || out == 1);
    return out;
}

static int32_t tenths(const ssat_summary *s)
{
    int32_t t = -1;
    assert_ok(ssat_summary_attendance_tenths(s, &t));
    return t;
}

/* A register of `attended` present marks followed by `absent` unauthorised ones, from 2 Sep 2024. */
static ssat_summary *attended_of(uint32_t attended, uint32_t absent)
{
    char *run = malloc(attended + absent + 1);
    assert_non_null(run);
    size_t len = repeat(run, 0, '/', attended);
    len = repeat(run, len, 'O', absent);
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), run, len, NULL));
    free(run);
    ssat_summary *s = summarise(reg);
    ssat_register_free(reg);
    return s;
}

static void check_invariant(const ssat_totals *t)
{
    assert_int_equal(t->possible, t->attended + t->authorised + t->unauthorised);
    assert_int_equal(t->attended, t->present + t->approved_activity);
    assert_int_equal(t->entries, t->possible + t->not_counted + t->missing);
}

/* ---- docs/rules.md, "Worked examples" ------------------------------------------------------------- */

/* 1. present 80, L 5, V 2, I 5, O 8, plus 6 #: possible 100, attended 87, 87.0 %, unauthorised 8,
 *    persistently absent (13 % >= 10 %), R1 (<= 85 %) not met. */
static void example_1(void **state)
{
    (void)state;
    char run[128];
    size_t len = 0;
    for (int i = 0; i < 40; i++) {
        len = repeat(run, len, '/', 1);
        len = repeat(run, len, '\\', 1);
    }
    len = repeat(run, len, 'L', 5);
    len = repeat(run, len, 'V', 2);
    len = repeat(run, len, 'I', 5);
    len = repeat(run, len, 'O', 8);
    len = repeat(run, len, '#', 6);
    assert_int_equal(len, 106);
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), run, len, NULL));
    ssat_summary *s = summarise(reg);
    const ssat_totals *t = ssat_summary_totals(s);
    check_invariant(t);
    assert_int_equal(t->possible, 100);
    assert_int_equal(t->attended, 87);
    assert_int_equal(t->present, 85);
    assert_int_equal(t->approved_activity, 2);
    assert_int_equal(t->late_before_close, 5);
    assert_int_equal(t->authorised, 5);
    assert_int_equal(t->illness, 5);
    assert_int_equal(t->unauthorised, 8);
    assert_int_equal(t->not_counted, 6);
    assert_int_equal(t->entries, 106);
    assert_int_equal(ssat_summary_evaluable(s), 1);
    assert_int_equal(tenths(s), 870);
    assert_int_equal(holds(s, SSAT_RATE_ABSENCE, SSAT_CMP_GE, 10, 1), 1); /* persistent absence */
    assert_int_equal(holds(s, SSAT_RATE_ABSENCE, SSAT_CMP_GE, 20, 1), 0); /* not under the old 20 % */
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85, 1), 0); /* R1 not met */
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90, 1), 1);
    assert_int_equal(holds(s, SSAT_RATE_UNAUTHORISED, SSAT_CMP_GE, 8, 1), 1);
    assert_int_equal(holds(s, SSAT_RATE_UNAUTHORISED, SSAT_CMP_GT, 8, 1), 0);
    assert_int_equal(code_count(s, "#"), 6);
    assert_int_equal(code_count(s, "L"), 5);
    assert_int_equal(code_count(s, "/") + code_count(s, "\\"), 80);
    ssat_summary_free(s);
    ssat_register_free(reg);
}

/* 2. possible 380, attended 323: 323*100 == 85*380, so "<= 85 %" holds exactly, and "< 90 %" holds. */
static void example_2_and_the_85_boundary(void **state)
{
    (void)state;
    ssat_summary *s = attended_of(323, 57);
    assert_int_equal(ssat_summary_totals(s)->possible, 380);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85, 1), 1);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 85, 1), 0);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_GE, 85, 1), 1);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90, 1), 1);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 850, 10), 1); /* 85.0 % as 850/10 */
    assert_int_equal(tenths(s), 850);
    ssat_summary_free(s);
    /* One session either side. */
    s = attended_of(322, 58);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85, 1), 1);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 85, 1), 1);
    ssat_summary_free(s);
    s = attended_of(324, 56);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85, 1), 0);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_GT, 85, 1), 1);
    /* 85.26...% rounds to 85.3 for people, but is compared exactly. */
    assert_int_equal(tenths(s), 853);
    ssat_summary_free(s);
}

/* "< 90 %" at exactly 90 % (342 of 380) does not hold; one session fewer it does. */
static void the_90_boundary(void **state)
{
    (void)state;
    ssat_summary *s = attended_of(342, 38);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90, 1), 0);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 90, 1), 1);
    assert_int_equal(holds(s, SSAT_RATE_ABSENCE, SSAT_CMP_GE, 10, 1), 1); /* exactly 10 %: inclusive */
    assert_int_equal(holds(s, SSAT_RATE_ABSENCE, SSAT_CMP_GT, 10, 1), 0);
    assert_int_equal(tenths(s), 900);
    ssat_summary_free(s);
    s = attended_of(341, 39);
    assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90, 1), 1);
    assert_int_equal(tenths(s), 897);
    ssat_summary_free(s);
}

/* 3. Only Z and #: not evaluable; no threshold holds, no percentage is given. */
static void example_3_not_evaluable(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "ZZZZZZ####ZZ", 12, NULL));
    ssat_summary *s = summarise(reg);
    const ssat_totals *t = ssat_summary_totals(s);
    assert_int_equal(t->possible, 0);
    assert_int_equal(t->not_counted, 12);
    assert_int_equal(t->entries, 12);
    assert_int_equal(ssat_summary_evaluable(s), 0);
    int32_t out = 77;
    assert_status_msg(ssat_summary_attendance_tenths(s, &out), SSAT_ERR_NOT_EVALUABLE,
                      "ssat_summary_attendance_tenths: not evaluable");
    assert_int_equal(out, 0);
    for (int rate = 0; rate < 3; rate++) {
        for (int cmp = 0; cmp < 4; cmp++) {
            out = 77;
            assert_status_msg(ssat_summary_compare(s, (ssat_rate)rate, (ssat_comparator)cmp, 85, 1, &out),
                              SSAT_ERR_NOT_EVALUABLE, "ssat_summary_compare");
            assert_int_equal(out, 0);
        }
    }
    ssat_summary_free(s);
    /* An empty register is not evaluable either. */
    ssat_register *empty = test_register_new("wales-2010");
    s = summarise(empty);
    assert_int_equal(ssat_summary_evaluable(s), 0);
    assert_int_equal(ssat_summary_totals(s)->entries, 0);
    ssat_summary_free(s);
    ssat_register_free(empty);
    ssat_register_free(reg);
}

/* 4. 10 G in the autumn term, 60 possible and 50 attended year to date (83.3 %); the same with H. */
static void example_4_holiday_counts(void **state)
{
    (void)state;
    static const char codes[] = {'G', 'H'};
    for (int i = 0; i < 2; i++) {
        char run[64];
        size_t len = repeat(run, 0, '/', 50);
        len = repeat(run, len, codes[i], 10);
        ssat_register *reg = test_register_new("wales-2010");
        assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), run, len, NULL));
        ssat_calendar *cal = NULL;
        assert_ok(ssat_calendar_new(2024, NULL, &cal));
        ssat_window term;
        assert_ok(ssat_calendar_window_term(cal, "autumn", test_date("2024-10-31"), &term));
        ssat_summary *s = NULL;
        assert_ok(ssat_attendance_compute(reg, &term, &s));
        const ssat_totals *t = ssat_summary_totals(s);
        check_invariant(t);
        assert_int_equal(t->possible, 60);
        assert_int_equal(t->attended, 50);
        assert_int_equal(tenths(s), 833);
        assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90, 1), 1);
        assert_int_equal(holds(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85, 1), 1); /* R1 holds either way */
        if (codes[i] == 'G') {
            assert_int_equal(code_count(s, "G"), 10);
            assert_int_equal(code_count(s, "H"), 0);
            assert_int_equal(t->holiday_unauthorised, 10);
            assert_int_equal(t->holiday_authorised, 0);
            assert_int_equal(t->unauthorised, 10);
        } else {
            assert_int_equal(code_count(s, "G"), 0);
            assert_int_equal(code_count(s, "H"), 10);
            assert_int_equal(t->holiday_unauthorised, 0);
            assert_int_equal(t->holiday_authorised, 10);
            assert_int_equal(t->unauthorised, 0);
            assert_int_equal(t->authorised, 10);
        }
        ssat_summary_free(s);
        ssat_calendar_free(cal);
        ssat_register_free(reg);
    }
}

/* ---- totals -------------------------------------------------------------------------------------- */

static void every_flag_is_counted(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    static const char run[] = "/\\LBJPVWDCEFHIMRSTGNOUXYZ#- ";
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), run, strlen(run), NULL));
    ssat_summary *s = summarise(reg);
    const ssat_totals *t = ssat_summary_totals(s);
    check_invariant(t);
    assert_int_equal(t->present, 3);            /* / \ L */
    assert_int_equal(t->approved_activity, 5);  /* B J P V W */
    assert_int_equal(t->attended, 8);
    assert_int_equal(t->authorised, 9);         /* C E F H I M R S T */
    assert_int_equal(t->unauthorised, 4);       /* G N O U */
    assert_int_equal(t->possible, 21);
    assert_int_equal(t->not_counted, 5);        /* D X Y Z # */
    assert_int_equal(t->missing, 2);            /* - and space */
    assert_int_equal(t->entries, 28);
    assert_int_equal(t->late_before_close, 1);  /* L */
    assert_int_equal(t->late_after_close, 1);   /* U */
    assert_int_equal(t->holiday_authorised, 2); /* F H */
    assert_int_equal(t->holiday_unauthorised, 1); /* G */
    assert_int_equal(t->provisional, 1);        /* N */
    assert_int_equal(t->exclusion, 1);          /* E */
    assert_int_equal(t->illness, 2);            /* I M */
    for (const char *c = "/\\LBJPVWDCEFHIMRSTGNOUXYZ#"; *c != '\0'; c++) {
        char code[2] = {*c, '\0'};
        assert_int_equal(code_count(s, code), 1);
    }
    ssat_summary_free(s);
    ssat_register_free(reg);
}

/* L counts as attended; U is an unauthorised absence. */
static void late_marks(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "LLLUUU/\\", 8, NULL));
    ssat_summary *s = summarise(reg);
    const ssat_totals *t = ssat_summary_totals(s);
    assert_int_equal(t->attended, 5);
    assert_int_equal(t->unauthorised, 3);
    assert_int_equal(t->late_before_close, 3);
    assert_int_equal(t->late_after_close, 3);
    assert_int_equal(t->possible, 8);
    ssat_summary_free(s);
    ssat_register_free(reg);
}

/* D is not counted by default; a custom copy that redefines D as attended counts it. */
static void dual_registration(void **state)
{
    (void)state;
    static const char run[] = "DDDD/\\/\\";
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), run, 8, NULL));
    ssat_summary *s = summarise(reg);
    assert_int_equal(ssat_summary_totals(s)->possible, 4);
    assert_int_equal(ssat_summary_totals(s)->not_counted, 4);
    assert_int_equal(tenths(s), 1000);
    ssat_summary_free(s);
    ssat_register_free(reg);

    ssat_codeset *wales = NULL, *local = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &wales));
    assert_ok(ssat_codeset_copy(wales, "wales-dual-counted", &local));
    assert_ok(ssat_codeset_define(local, "D", SSAT_CATEGORY_APPROVED_ACTIVITY, 0,
                                  "Dual registered, attending another establishment (counted)",
                                  "Cofrestriad deuol, yn mynychu sefydliad arall (yn cyfrif)"));
    assert_ok(ssat_register_new(local, &reg));
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), run, 8, NULL));
    s = summarise(reg);
    assert_int_equal(ssat_summary_totals(s)->possible, 8);
    assert_int_equal(ssat_summary_totals(s)->attended, 8);
    assert_int_equal(ssat_summary_totals(s)->approved_activity, 4);
    assert_int_equal(code_count(s, "D"), 4);
    ssat_summary_free(s);
    ssat_register_free(reg);
    ssat_codeset_free(local);
    ssat_codeset_free(wales);
}

/* A pupil joining mid-year: Z before the start; the denominator counts only from the start. */
static void mid_year_joiner(void **state)
{
    (void)state;
    char run[256];
    size_t len = repeat(run, 0, 'Z', 100); /* ten weeks not on roll */
    len = repeat(run, len, '/', 45);
    len = repeat(run, len, 'I', 5);
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), run, len, NULL));
    ssat_calendar *cal = NULL;
    assert_ok(ssat_calendar_new(2024, NULL, &cal));
    ssat_window ytd;
    assert_ok(ssat_calendar_window_year_to_date(cal, test_date("2025-07-31"), &ytd));
    ssat_summary *s = NULL;
    assert_ok(ssat_attendance_compute(reg, &ytd, &s));
    const ssat_totals *t = ssat_summary_totals(s);
    assert_int_equal(t->possible, 50);
    assert_int_equal(t->attended, 45);
    assert_int_equal(t->not_counted, 100);
    assert_int_equal(code_count(s, "Z"), 100);
    assert_int_equal(tenths(s), 900);
    ssat_summary_free(s);
    ssat_calendar_free(cal);
    ssat_register_free(reg);
}

/* School closures (#) are not possible sessions. */
static void school_closures(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "/\\##########/O", 14, NULL));
    ssat_summary *s = summarise(reg);
    const ssat_totals *t = ssat_summary_totals(s);
    assert_int_equal(t->possible, 4);
    assert_int_equal(t->attended, 3);
    assert_int_equal(t->not_counted, 10);
    assert_int_equal(tenths(s), 750);
    ssat_summary_free(s);
    ssat_register_free(reg);
}

/* Only the window's sessions count; sessions outside the register's span have no entry. */
static void windows_select_sessions(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "OI/\\/\\/\\/\\", 10, NULL));
    ssat_window w = {test_date("2024-09-02"), SSAT_PM, test_date("2024-09-04"), SSAT_AM};
    ssat_summary *s = NULL;
    assert_ok(ssat_attendance_compute(reg, &w, &s));
    const ssat_totals *t = ssat_summary_totals(s);
    assert_int_equal(t->possible, 4); /* I, /, \, / */
    assert_int_equal(t->authorised, 1);
    assert_int_equal(t->unauthorised, 0);
    const ssat_window *sw = ssat_summary_window(s);
    assert_int_equal(sw->first_date, w.first_date);
    assert_int_equal(sw->first_half, SSAT_PM);
    assert_int_equal(sw->last_half, SSAT_AM);
    ssat_summary_free(s);
    /* A window of one session, before the register, after it, and around it. */
    ssat_window one = {test_date("2024-09-02"), SSAT_AM, test_date("2024-09-02"), SSAT_AM};
    assert_ok(ssat_attendance_compute(reg, &one, &s));
    assert_int_equal(ssat_summary_totals(s)->unauthorised, 1);
    assert_int_equal(ssat_summary_totals(s)->possible, 1);
    ssat_summary_free(s);
    ssat_window before = {test_date("2000-01-03"), SSAT_AM, test_date("2024-09-01"), SSAT_PM};
    assert_ok(ssat_attendance_compute(reg, &before, &s));
    assert_int_equal(ssat_summary_totals(s)->entries, 0);
    ssat_summary_free(s);
    ssat_window after = {test_date("2024-09-07"), SSAT_AM, test_date("2030-01-01"), SSAT_PM};
    assert_ok(ssat_attendance_compute(reg, &after, &s));
    assert_int_equal(ssat_summary_totals(s)->entries, 0);
    ssat_summary_free(s);
    ssat_window around = {ssat__date_min(), SSAT_AM, ssat__date_max(), SSAT_PM};
    assert_ok(ssat_attendance_compute(reg, &around, &s));
    assert_int_equal(ssat_summary_totals(s)->entries, 10);
    assert_int_equal(ssat_summary_totals(s)->possible, 10);
    ssat_summary_free(s);
    ssat_register_free(reg);
}

/* Missing marks are counted apart and are no possible sessions. */
static void missing_marks_apart(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "/- \\", 4, NULL));
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-04"), SSAT_AM, ""));
    ssat_summary *s = summarise(reg);
    const ssat_totals *t = ssat_summary_totals(s);
    assert_int_equal(t->missing, 3);
    assert_int_equal(t->possible, 2);
    assert_int_equal(t->entries, 5);
    check_invariant(t);
    ssat_summary_free(s);
    ssat_register_free(reg);
}

/* England's set: K counts as attended, two-character codes are counted by code. */
static void england_codes(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("england-2024");
    ssat_date d = test_date("2024-09-02");
    static const char *const marks[] = {"K", "/", "C1", "C2", "J1", "Y1", "Y7", "Q", "G", "N"};
    for (int i = 0; i < 10; i++)
        assert_ok(ssat_register_add_mark(reg, d + i / 2, (ssat_half)(i % 2), marks[i]));
    ssat_summary *s = summarise(reg);
    const ssat_totals *t = ssat_summary_totals(s);
    check_invariant(t);
    assert_int_equal(t->attended, 2);
    assert_int_equal(t->authorised, 3);
    assert_int_equal(t->unauthorised, 2);
    assert_int_equal(t->not_counted, 3);
    assert_int_equal(code_count(s, "Y1"), 1);
    assert_int_equal(code_count(s, "J1"), 1);
    assert_int_equal(code_count(s, "Y3"), 0);
    ssat_summary_free(s);
    ssat_register_free(reg);
}

/* ---- lifetimes ----------------------------------------------------------------------------------- */

static void summary_outlives_register_and_set(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, false);
    ssat_codeset *set = NULL;
    ssat_register *reg = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", &a, &set));
    assert_ok(ssat_register_new(set, &reg));
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "/\\GGII", 6, NULL));
    ssat_summary *s = summarise(reg);
    ssat_codeset_free(set);
    ssat_register_free(reg);
    assert_true(h.live > 0); /* the summary holds the set */
    assert_int_equal(code_count(s, "G"), 2);
    assert_int_equal(ssat_summary_totals(s)->possible, 6);
    assert_int_equal(ssat_codeset_is_frozen(set), 1); /* still alive: the summary holds it */
    ssat_summary_free(s);
    assert_heap_clean(&h);

    /* The other order: summary first, then set, then register. */
    assert_ok(ssat_codeset_builtin("wales-2010", &a, &set));
    assert_ok(ssat_register_new(set, &reg));
    s = summarise(reg);
    ssat_summary_free(s);
    ssat_codeset_free(set);
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-02"), SSAT_AM, "/"));
    ssat_register_free(reg);
    assert_int_equal(h.live, 0);
}

/* ---- argument checks ----------------------------------------------------------------------------- */

static void compute_rejects(void **state)
{
    (void)state;
    ssat_register *reg = test_register_new("wales-2010");
    ssat_window w = {test_date("2024-09-02"), SSAT_AM, test_date("2024-09-06"), SSAT_PM};
    ssat_summary *s = (ssat_summary *)&w;
    static const char fn[] = "ssat_attendance_compute";
    assert_status_msg(ssat_attendance_compute(reg, &w, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_attendance_compute(NULL, &w, &s), SSAT_ERR_INVALID_ARG, "argument 'reg'");
    assert_null(s);
    assert_status_msg(ssat_attendance_compute(reg, NULL, &s), SSAT_ERR_INVALID_ARG, "argument 'window'");
    assert_non_null(strstr(ssat_error_message(), fn));
    ssat_window reversed = {test_date("2024-09-06"), SSAT_AM, test_date("2024-09-02"), SSAT_PM};
    assert_status_msg(ssat_attendance_compute(reg, &reversed, &s), SSAT_ERR_INVALID_ARG, "before");
    ssat_window same_day = {test_date("2024-09-02"), SSAT_PM, test_date("2024-09-02"), SSAT_AM};
    assert_status_msg(ssat_attendance_compute(reg, &same_day, &s), SSAT_ERR_INVALID_ARG, fn);
    ssat_window bad_half = {test_date("2024-09-02"), (ssat_half)2, test_date("2024-09-06"), SSAT_PM};
    assert_status_msg(ssat_attendance_compute(reg, &bad_half, &s), SSAT_ERR_INVALID_ARG, "first_half");
    bad_half.first_half = SSAT_AM;
    bad_half.last_half = (ssat_half)-1;
    assert_status_msg(ssat_attendance_compute(reg, &bad_half, &s), SSAT_ERR_INVALID_ARG, "last_half");
    assert_null(s);
    ssat_register_free(reg);
}

static void summary_queries_reject(void **state)
{
    (void)state;
    ssat_summary *s = attended_of(8, 2);
    uint32_t n = 9;
    int32_t out = 9;
    assert_status_msg(ssat_summary_code_count(s, "K", &n), SSAT_ERR_UNKNOWN_CODE,
                      "ssat_summary_code_count: code \"K\" is not in code set \"wales-2010\"");
    assert_int_equal(n, 0);
    assert_status_msg(ssat_summary_code_count(s, "-", &n), SSAT_ERR_UNKNOWN_CODE, "\"-\"");
    assert_status_msg(ssat_summary_code_count(s, "\xff\xfe", &n), SSAT_ERR_UNKNOWN_CODE, "\"\\xFF\\xFE\"");
    assert_status_msg(ssat_summary_code_count(NULL, "O", &n), SSAT_ERR_INVALID_ARG, "argument 'summary'");
    assert_status_msg(ssat_summary_code_count(s, NULL, &n), SSAT_ERR_INVALID_ARG, "argument 'code'");
    assert_status_msg(ssat_summary_code_count(s, "O", NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_summary_attendance_tenths(NULL, &out), SSAT_ERR_INVALID_ARG,
                      "ssat_summary_attendance_tenths: argument 'summary'");
    assert_int_equal(out, 0);
    assert_status_msg(ssat_summary_attendance_tenths(s, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    static const char fn[] = "ssat_summary_compare";
    out = 9;
    assert_status_msg(ssat_summary_compare(NULL, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85, 1, &out),
                      SSAT_ERR_INVALID_ARG, "argument 'summary'");
    assert_int_equal(out, 0);
    assert_status_msg(ssat_summary_compare(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85, 1, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'out'");
    assert_status_msg(ssat_summary_compare(s, (ssat_rate)3, SSAT_CMP_LE, 85, 1, &out), SSAT_ERR_INVALID_ARG,
                      "argument 'rate'");
    assert_status_msg(ssat_summary_compare(s, (ssat_rate)-1, SSAT_CMP_LE, 85, 1, &out), SSAT_ERR_INVALID_ARG, fn);
    assert_status_msg(ssat_summary_compare(s, SSAT_RATE_ATTENDANCE, (ssat_comparator)4, 85, 1, &out),
                      SSAT_ERR_INVALID_ARG, "argument 'cmp'");
    assert_status_msg(ssat_summary_compare(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85, 0, &out), SSAT_ERR_INVALID_ARG,
                      "argument 'pct_den'");
    assert_null(ssat_summary_totals(NULL));
    assert_null(ssat_summary_window(NULL));
    assert_int_equal(ssat_summary_evaluable(NULL), 0);
    ssat_summary_free(NULL);
    ssat_summary_free(s);
}

/* ---- exact arithmetic ---------------------------------------------------------------------------- */

static int32_t percent_tenths(uint64_t part, uint64_t whole)
{
    int32_t t = -1;
    assert_ok(ssat_percent_tenths(part, whole, &t));
    return t;
}

static int32_t percent_holds(uint64_t part, uint64_t whole, ssat_comparator cmp, uint32_t num, uint32_t den)
{
    int32_t out = -1;
    assert_ok(ssat_percent_compare(part, whole, cmp, num, den, &out));
    return out;
}

static void tenths_round_half_up(void **state)
{
    (void)state;
    assert_int_equal(percent_tenths(2, 3), 667);
    assert_int_equal(percent_tenths(1, 3), 333);
    assert_int_equal(percent_tenths(1, 8), 125);
    assert_int_equal(percent_tenths(869, 1000), 869);
    assert_int_equal(percent_tenths(8695, 10000), 870); /* exactly half: up */
    assert_int_equal(percent_tenths(8694, 10000), 869);
    assert_int_equal(percent_tenths(1, 2000), 1);       /* 0.05 % -> 0.1 */
    assert_int_equal(percent_tenths(1, 2001), 0);
    assert_int_equal(percent_tenths(0, 7), 0);
    assert_int_equal(percent_tenths(7, 7), 1000);
    assert_int_equal(percent_tenths(1999, 2000), 1000); /* 99.95 % -> 100.0 */
    assert_int_equal(percent_tenths(UINT32_MAX, UINT32_MAX), 1000);
    assert_int_equal(percent_tenths(UINT32_MAX / 2, UINT32_MAX), 500);
    assert_int_equal(percent_tenths(UINT64_MAX, UINT64_MAX), 1000);
    assert_int_equal(percent_tenths(UINT64_MAX / 2, UINT64_MAX), 500);
    assert_int_equal(percent_tenths(UINT64_MAX / 3 * 2, UINT64_MAX), 667);
    assert_int_equal(percent_tenths(1, UINT64_MAX), 0);
    /* Compare every small fraction with the formula of the header. */
    for (uint64_t whole = 1; whole <= 400; whole++)
        for (uint64_t part = 0; part <= whole; part++)
            assert_int_equal(percent_tenths(part, whole), (int32_t)((2000 * part + whole) / (2 * whole)));
}

/* Item i: a shown figure never contradicts the exact comparison with its threshold. */
static void decimals_never_contradict(void **state)
{
    (void)state;
    char buf[32];
    assert_int_equal(ssat_percent_decimals(312, 367, 85, 1), 2); /* 85.0136: "85.0" would read as at 85 */
    assert_ok(ssat_percent_format(312, 367, 2, buf, sizeof buf));
    assert_string_equal(buf, "85.01");
    assert_int_equal(ssat_percent_decimals(341, 379, 90, 1), 2); /* 89.9736: "90.0" would read as not below */
    assert_ok(ssat_percent_format(341, 379, 2, buf, sizeof buf));
    assert_string_equal(buf, "89.97");
    assert_int_equal(ssat_percent_decimals(323, 380, 85, 1), 1); /* exactly 85: one decimal, equal */
    assert_int_equal(ssat_percent_decimals(322, 380, 85, 1), 1); /* 84.7: clear */
    assert_int_equal(ssat_percent_decimals(1751, 2000, 8755, 100), 2); /* 87.55 exactly beside 87.55 % */
    assert_int_equal(ssat_percent_decimals(1, 0, 85, 1), 1);
    assert_int_equal(ssat_percent_decimals(2, 1, 85, 1), 1);
    assert_int_equal(ssat_percent_decimals(1, 3, 85, 0), 1);
    /* exhaustively: the figure at that many decimals is on the exact value's side of the threshold */
    for (uint64_t whole = 1; whole <= 400; whole++)
        for (uint64_t part = 0; part <= whole; part++) {
            int32_t d = ssat_percent_decimals(part, whole, 85, 1);
            assert_ok(ssat_percent_format(part, whole, d, buf, sizeof buf));
            double shown = strtod(buf, NULL);
            int exact = part * 100 < 85 * whole ? -1 : part * 100 > 85 * whole ? 1 : 0;
            int side = shown < 85.0 ? -1 : shown > 85.0 ? 1 : 0;
            if (exact != side)
                fail_msg("%llu of %llu shown as %s", (unsigned long long)part, (unsigned long long)whole, buf);
        }
    assert_ok(ssat_percent_format(2, 3, 9, buf, sizeof buf));
    assert_string_equal(buf, "66.666666667");
    assert_ok(ssat_percent_format(0, 3, 1, buf, sizeof buf));
    assert_string_equal(buf, "0.0");
    assert_ok(ssat_percent_format(3, 3, 3, buf, sizeof buf));
    assert_string_equal(buf, "100.000");
    assert_status_msg(ssat_percent_format(1, 3, 0, buf, sizeof buf), SSAT_ERR_INVALID_ARG, "decimals");
    assert_string_equal(buf, "");
    assert_status_msg(ssat_percent_format(1, 3, 10, buf, sizeof buf), SSAT_ERR_INVALID_ARG, "decimals");
    assert_status_msg(ssat_percent_format(4, 3, 1, buf, sizeof buf), SSAT_ERR_INVALID_ARG, "part");
    assert_status_msg(ssat_percent_format(0, 0, 1, buf, sizeof buf), SSAT_ERR_NOT_EVALUABLE, NULL);
    assert_status_msg(ssat_percent_format(1, 3, 1, buf, 4), SSAT_ERR_INVALID_ARG, "cap");
    assert_status_msg(ssat_percent_format(1, 3, 1, NULL, 4), SSAT_ERR_INVALID_ARG, "buf");
}

static void tenths_rejects(void **state)
{
    (void)state;
    int32_t t = 5;
    assert_status_msg(ssat_percent_tenths(1, 0, &t), SSAT_ERR_INVALID_ARG, "ssat_percent_tenths: argument 'part'");
    assert_int_equal(t, 0);
    t = 5;
    assert_status_msg(ssat_percent_tenths(0, 0, &t), SSAT_ERR_NOT_EVALUABLE, "not evaluable");
    assert_int_equal(t, 0);
    assert_status_msg(ssat_percent_tenths(4, 3, &t), SSAT_ERR_INVALID_ARG, "is greater than 'whole'");
    assert_status_msg(ssat_percent_tenths(1, 3, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
}

/* The product of two 64-bit numbers as the reference for the portable 128-bit arithmetic. */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 ref_u128;
static int32_t reference_holds(uint64_t part, uint64_t whole, ssat_comparator cmp, uint32_t num, uint32_t den)
{
    ref_u128 l = (ref_u128)part * 100u * den, r = (ref_u128)whole * num;
    switch (cmp) {
    case SSAT_CMP_LT: return l < r;
    case SSAT_CMP_LE: return l <= r;
    case SSAT_CMP_GE: return l >= r;
    case SSAT_CMP_GT: return l > r;
    }
    return -1;
}
#endif

static uint64_t rand64(void)
{
    uint64_t v = 0;
    for (int i = 0; i < 4; i++)
        v = (v << 16) ^ (uint64_t)(rand() & 0xFFFF);
    return v;
}

static void compare_exact_with_huge_values(void **state)
{
    (void)state;
    const uint32_t M = UINT32_MAX;
    /* 100 % of the largest counts. */
    assert_int_equal(percent_holds(M, M, SSAT_CMP_LE, 100, 1), 1);
    assert_int_equal(percent_holds(M, M, SSAT_CMP_GE, 100, 1), 1);
    assert_int_equal(percent_holds(M, M, SSAT_CMP_LT, 100, 1), 0);
    assert_int_equal(percent_holds(M - 1, M, SSAT_CMP_LT, 100, 1), 1);
    /* part*100*den and num*whole both beyond 2^64. */
    assert_int_equal(percent_holds(M, M, SSAT_CMP_LE, M, M / 100), 1);   /* 100*(M/100) < M */
    assert_int_equal(percent_holds(M, M, SSAT_CMP_GT, M, M / 100), 0);
    assert_int_equal(percent_holds(M, M, SSAT_CMP_GE, 100u * (M / 100), M / 100), 1); /* exactly 100 % */
    assert_int_equal(percent_holds(M, M, SSAT_CMP_LE, 100u * (M / 100), M / 100), 1);
    assert_int_equal(percent_holds(M / 2, M, SSAT_CMP_LT, 50, 1), 1); /* M is odd: just under half */
    assert_int_equal(percent_holds(M / 2 + 1, M, SSAT_CMP_GT, 50, 1), 1);
    assert_int_equal(percent_holds(UINT64_MAX, UINT64_MAX, SSAT_CMP_GE, 100, 1), 1);
    assert_int_equal(percent_holds(UINT64_MAX - 1, UINT64_MAX, SSAT_CMP_LT, 100, 1), 1);
    assert_int_equal(percent_holds(UINT64_MAX, UINT64_MAX, SSAT_CMP_LT, M, M / 100), 1); /* 100 % < 100.000002 % */
    assert_int_equal(percent_holds(0, UINT64_MAX, SSAT_CMP_LE, 0, M), 1);
    assert_int_equal(percent_holds(0, UINT64_MAX, SSAT_CMP_LT, 0, M), 0);
    assert_int_equal(percent_holds(1, UINT64_MAX, SSAT_CMP_GT, 0, 1), 1);
    /* A threshold given with a denominator: 33.3 % as 333/10. */
    assert_int_equal(percent_holds(333, 1000, SSAT_CMP_GE, 333, 10), 1);
    assert_int_equal(percent_holds(332, 1000, SSAT_CMP_GE, 333, 10), 0);
#if defined(__SIZEOF_INT128__)
    srand(2024);
    for (int i = 0; i < 200000; i++) {
        uint64_t whole = rand64() >> (rand() % 64);
        uint64_t part = whole ? rand64() % (whole + (whole < UINT64_MAX)) : 0;
        if (whole == 0)
            whole = 1;
        uint32_t num = (uint32_t)rand64() >> (rand() % 32), den = ((uint32_t)rand64() >> (rand() % 32)) | 1u;
        ssat_comparator cmp = (ssat_comparator)(rand() % 4);
        assert_int_equal(percent_holds(part, whole, cmp, num, den), reference_holds(part, whole, cmp, num, den));
    }
#endif
}

static void compare_rejects(void **state)
{
    (void)state;
    int32_t out = 5;
    static const char fn[] = "ssat_percent_compare";
    assert_status_msg(ssat_percent_compare(1, 2, SSAT_CMP_LE, 85, 1, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_percent_compare(1, 2, SSAT_CMP_LE, 85, 0, &out), SSAT_ERR_INVALID_ARG,
                      "ssat_percent_compare: argument 'pct_den' is 0");
    assert_int_equal(out, 0);
    out = 5;
    assert_status_msg(ssat_percent_compare(3, 2, SSAT_CMP_LE, 85, 1, &out), SSAT_ERR_INVALID_ARG,
                      "argument 'part' (3) is greater than 'whole' (2)");
    assert_int_equal(out, 0);
    assert_status_msg(ssat_percent_compare(1, 2, (ssat_comparator)9, 85, 1, &out), SSAT_ERR_INVALID_ARG,
                      "argument 'cmp'");
    assert_status_msg(ssat_percent_compare(1, 2, (ssat_comparator)-1, 85, 1, &out), SSAT_ERR_INVALID_ARG, fn);
    out = 5;
    assert_status_msg(ssat_percent_compare(0, 0, SSAT_CMP_LE, 85, 1, &out), SSAT_ERR_NOT_EVALUABLE, fn);
    assert_int_equal(out, 0);
}

/* ---- allocation ---------------------------------------------------------------------------------- */

/* Fail the Nth allocation for every N across creating a set, a register, adding marks and computing:
 * every failure is NOMEM, leaves the register as it was, and leaks nothing. */
static void failing_allocator(void **state)
{
    (void)state;
    bool completed = false;
    for (size_t n = 1; !completed; n++) {
        test_heap h = {0};
        h.fail_at = n;
        ssat_allocator a = test_heap_allocator(&h, false);
        ssat_codeset *set = NULL;
        ssat_register *reg = NULL;
        ssat_summary *s = NULL;
        ssat_status st = ssat_codeset_builtin("wales-2010", &a, &set);
        if (st == SSAT_OK)
            st = ssat_register_new(set, &reg);
        if (st == SSAT_OK) {
            st = ssat_register_add_marks(reg, test_date("2024-09-02"), "/\\/\\IOLU/\\", 10, NULL);
            assert_int_equal(ssat_register_entry_count(reg), st == SSAT_OK ? 10 : 0);
        }
        if (st == SSAT_OK) {
            st = ssat_register_add_mark(reg, test_date("2023-09-04"), SSAT_AM, "G"); /* moves the array */
            assert_int_equal(ssat_register_entry_count(reg), st == SSAT_OK ? 11 : 10);
            const char *code = NULL;
            assert_ok(ssat_register_mark(reg, test_date("2024-09-04"), SSAT_AM, &code));
            assert_string_equal(code, "I");
        }
        if (st == SSAT_OK) {
            ssat_window w = {test_date("2023-08-01"), SSAT_AM, test_date("2025-07-31"), SSAT_PM};
            st = ssat_attendance_compute(reg, &w, &s);
            if (st == SSAT_OK) {
                assert_int_equal(ssat_summary_totals(s)->possible, 11);
                assert_int_equal(ssat_summary_totals(s)->attended, 7);
            } else {
                assert_null(s);
            }
        }
        if (st != SSAT_OK) {
            assert_int_equal(st, SSAT_ERR_NOMEM);
            assert_int_equal(h.failures, 1);
        } else {
            completed = h.failures == 0;
        }
        ssat_summary_free(s);
        ssat_register_free(reg);
        ssat_codeset_free(set);
        assert_heap_clean(&h);
        assert_true(n < 1000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(example_1),
        cmocka_unit_test(example_2_and_the_85_boundary),
        cmocka_unit_test(the_90_boundary),
        cmocka_unit_test(example_3_not_evaluable),
        cmocka_unit_test(example_4_holiday_counts),
        cmocka_unit_test(every_flag_is_counted),
        cmocka_unit_test(late_marks),
        cmocka_unit_test(dual_registration),
        cmocka_unit_test(mid_year_joiner),
        cmocka_unit_test(school_closures),
        cmocka_unit_test(windows_select_sessions),
        cmocka_unit_test(missing_marks_apart),
        cmocka_unit_test(england_codes),
        cmocka_unit_test(summary_outlives_register_and_set),
        cmocka_unit_test(compute_rejects),
        cmocka_unit_test(summary_queries_reject),
        cmocka_unit_test(tenths_round_half_up),
        cmocka_unit_test(tenths_rejects),
        cmocka_unit_test(compare_exact_with_huge_values),
        cmocka_unit_test(compare_rejects),
        cmocka_unit_test(decimals_never_contradict),
        cmocka_unit_test(failing_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
