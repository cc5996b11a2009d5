/* Tests of lib/rules/policy.c, policy_keys.c and policy_builtin.c: the built-in policies and their documented defaults (also read back from the
 * table in include/ssat/policy.h), copies, names, equality, the key table, typed access with every
 * boundary, the text form of every value, every error path, and memory through a counting and a
 * failing allocator. JSON documents are tested in test_policy_json.c. */
#include "support.h"
#include "heap.h"

#include <stdio.h>
#include <stdlib.h>

#define N_BUILTIN 3
#define N_KEYS 55

/* ---- helpers -------------------------------------------------------------------------------------- */

static ssat_policy *builtin(const char *name)
{
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_builtin(name, NULL, &p));
    assert_non_null(p);
    return p;
}

/* The text form of a value, copied into a static buffer (the owned copy is freed here). */
static const char *value_text(const ssat_policy *p, const char *key)
{
    static char buf[64];
    char *t = NULL;
    assert_ok(ssat_policy_get_value_text(p, key, &t));
    assert_non_null(t);
    assert_true(strlen(t) < sizeof buf);
    snprintf(buf, sizeof buf, "%s", t);
    ssat_free(t);
    return buf;
}

/* ---- the documented defaults ------------------------------------------------------------------------ */

typedef struct expected_key {
    const char *key;
    ssat_value_type type;
    const char *value[N_BUILTIN]; /* carmarthenshire, wales, england-2024: the text form */
} expected_key;

/* include/ssat/policy.h's table, key by key, in the order of the key table. */
static const expected_key expected[N_KEYS] = {
    {"code_set", SSAT_VALUE_TEXT, {"wales-2010", "wales-2010", "england-2024"}},
    {"referral.window", SSAT_VALUE_WINDOW, {"year_to_date", "year_to_date", "year_to_date"}},
    {"referral.attendance.threshold", SSAT_VALUE_PERCENT, {"85", "85", "85"}},
    {"referral.attendance.comparator", SSAT_VALUE_COMPARATOR, {"<=", "<=", "<="}},
    {"referral.unauthorised.min_sessions", SSAT_VALUE_INT, {"10", "10", "10"}},
    {"referral.unauthorised.min_share", SSAT_VALUE_PERCENT, {"0", "0", "0"}},
    {"referral.provisional.max_age_school_days", SSAT_VALUE_INT, {"10", "10", "10"}},
    {"referral.require_compulsory_age", SSAT_VALUE_BOOL, {"true", "true", "true"}},
    {"absence.window", SSAT_VALUE_WINDOW, {"year_to_date", "year_to_date", "year_to_date"}},
    {"absence.persistent.threshold", SSAT_VALUE_PERCENT, {"10", "10", "10"}},
    {"absence.persistent.comparator", SSAT_VALUE_COMPARATOR, {">=", ">=", ">="}},
    {"absence.severe.enabled", SSAT_VALUE_BOOL, {"false", "false", "true"}},
    {"absence.severe.threshold", SSAT_VALUE_PERCENT, {"50", "50", "50"}},
    {"absence.severe.comparator", SSAT_VALUE_COMPARATOR, {">=", ">=", ">="}},
    {"penalty.limb.window", SSAT_VALUE_WINDOW, {"term", "term", "last_weeks:10"}},
    {"penalty.limb.unauthorised_sessions", SSAT_VALUE_INT, {"10", "10", "10"}},
    {"penalty.limb.holiday_sessions", SSAT_VALUE_INT, {"10", "10", "0"}},
    {"penalty.limb.late_sessions", SSAT_VALUE_INT, {"10", "10", "0"}},
    {"penalty.limb.combination_sessions", SSAT_VALUE_INT, {"10", "10", "10"}},
    {"penalty.limb.unauthorised_all_codes", SSAT_VALUE_BOOL, {"false", "false", "false"}},
    {"penalty.limb.provisional_unknown", SSAT_VALUE_BOOL, {"true", "true", "true"}},
    {"penalty.year_to_date.required", SSAT_VALUE_BOOL, {"true", "true", "false"}},
    {"penalty.year_to_date.threshold", SSAT_VALUE_PERCENT, {"90", "90", "90"}},
    {"penalty.year_to_date.comparator", SSAT_VALUE_COMPARATOR, {"<", "<", "<"}},
    {"penalty.warning.required", SSAT_VALUE_BOOL, {"true", "true", "true"}},
    {"penalty.warning.improvement_school_days", SSAT_VALUE_INT, {"15", "15", "15"}},
    {"penalty.warning.improvement_min_unauthorised", SSAT_VALUE_INT, {"1", "1", "1"}},
    {"penalty.limit.max_notices", SSAT_VALUE_INT, {"2", "2", "2"}},
    {"penalty.limit.period_months", SSAT_VALUE_INT, {"12", "12", "36"}},
    {"penalty.limit.per_child", SSAT_VALUE_BOOL, {"false", "false", "true"}},
    {"penalty.amount.early_pence", SSAT_VALUE_INT, {"6000", "6000", "8000"}},
    {"penalty.amount.early_days", SSAT_VALUE_INT, {"28", "28", "21"}},
    {"penalty.amount.late_pence", SSAT_VALUE_INT, {"12000", "12000", "16000"}},
    {"penalty.amount.late_days", SSAT_VALUE_INT, {"42", "42", "28"}},
    {"penalty.amount.receipt_is_day_one", SSAT_VALUE_BOOL, {"false", "false", "true"}},
    {"penalty.amount.repeat_months", SSAT_VALUE_INT, {"0", "0", "36"}},
    {"penalty.service.posted_working_days", SSAT_VALUE_INT, {"2", "2", "2"}},
    {"penalty.require_compulsory_age", SSAT_VALUE_BOOL, {"true", "true", "true"}},
    {"evidence.min_letters", SSAT_VALUE_INT, {"1", "1", "1"}},
    {"evidence.min_invitations", SSAT_VALUE_INT, {"1", "1", "1"}},
    {"evidence.min_support_offers", SSAT_VALUE_INT, {"1", "1", "1"}},
    {"evidence.require_concern", SSAT_VALUE_BOOL, {"true", "true", "true"}},
    {"evidence.require_pupil_voice", SSAT_VALUE_BOOL, {"false", "false", "false"}},
    {"evidence.certificate.max_age_school_days", SSAT_VALUE_INT, {"10", "10", "10"}},
    {"evidence.require_head_teacher_signature", SSAT_VALUE_BOOL, {"true", "true", "true"}},
    {"evidence.min_meetings", SSAT_VALUE_INT, {"1", "1", "1"}},
    {"evidence.require_order", SSAT_VALUE_BOOL, {"true", "true", "true"}},
    {"case.psp_review_days", SSAT_VALUE_INT, {"42", "42", "42"}},
    {"case.idp_review_months", SSAT_VALUE_INT, {"12", "12", "12"}},
    {"case.referral_decision_days", SSAT_VALUE_INT, {"21", "21", "21"}},
    {"case.due_soon_days", SSAT_VALUE_INT, {"7", "7", "7"}},
    {"case.max_gap_days", SSAT_VALUE_INT, {"366", "366", "366"}},
    {"case.contract_offered_blocks", SSAT_VALUE_BOOL, {"true", "true", "true"}},
    {"case.prosecution_blocks_every_notice", SSAT_VALUE_BOOL, {"true", "true", "true"}},
    {"case.notice_without_referral", SSAT_VALUE_BOOL, {"true", "true", "true"}},
};

static const char *const builtin_names[N_BUILTIN] = {"carmarthenshire", "wales", "england-2024"};

static void builtin_names_and_count(void **state)
{
    (void)state;
    assert_int_equal(ssat_policy_builtin_count(), N_BUILTIN);
    for (size_t i = 0; i < N_BUILTIN; i++)
        assert_string_equal(ssat_policy_builtin_name(i), builtin_names[i]);
    assert_null(ssat_policy_builtin_name(N_BUILTIN));
    assert_null(ssat_policy_builtin_name((size_t)-1));
}

static void builtin_defaults_match_documented_table(void **state)
{
    (void)state;
    for (size_t b = 0; b < N_BUILTIN; b++) {
        ssat_policy *p = builtin(builtin_names[b]);
        assert_string_equal(ssat_policy_name(p), builtin_names[b]);
        for (size_t k = 0; k < N_KEYS; k++) {
            const char *got = value_text(p, expected[k].key);
            if (strcmp(got, expected[k].value[b]) != 0)
                fail_msg("%s: %s is \"%s\", documented \"%s\"", builtin_names[b], expected[k].key, got,
                         expected[k].value[b]);
        }
        ssat_policy_free(p);
    }
}

/* The same values through the typed getters, a few per type, so the text form is not the only witness. */
static void builtin_defaults_typed(void **state)
{
    (void)state;
    ssat_policy *c = builtin(NULL); /* NULL is carmarthenshire */
    assert_string_equal(ssat_policy_name(c), "carmarthenshire");
    ssat_policy *e = builtin("england-2024");
    int64_t i = -1;
    uint32_t num = 0, den = 0;
    ssat_comparator cmp = SSAT_CMP_GT;
    int32_t b = -1, n = -1;
    ssat_window_kind kind = SSAT_WINDOW_TERM;
    const char *text = NULL;

    assert_ok(ssat_policy_get_percent(c, "referral.attendance.threshold", &num, &den));
    assert_int_equal(num, 85);
    assert_int_equal(den, 1);
    assert_ok(ssat_policy_get_comparator(c, "referral.attendance.comparator", &cmp));
    assert_int_equal(cmp, SSAT_CMP_LE);
    assert_ok(ssat_policy_get_comparator(c, "penalty.year_to_date.comparator", &cmp));
    assert_int_equal(cmp, SSAT_CMP_LT);
    assert_ok(ssat_policy_get_comparator(c, "absence.persistent.comparator", &cmp));
    assert_int_equal(cmp, SSAT_CMP_GE);
    assert_ok(ssat_policy_get_int(c, "referral.unauthorised.min_sessions", &i));
    assert_int_equal(i, 10);
    assert_ok(ssat_policy_get_int(c, "penalty.amount.late_pence", &i));
    assert_int_equal(i, 12000);
    assert_ok(ssat_policy_get_bool(c, "absence.severe.enabled", &b));
    assert_int_equal(b, 0);
    assert_ok(ssat_policy_get_window(c, "referral.window", &kind, &n));
    assert_int_equal(kind, SSAT_WINDOW_YEAR_TO_DATE);
    assert_int_equal(n, 0);
    assert_ok(ssat_policy_get_window(c, "penalty.limb.window", &kind, &n));
    assert_int_equal(kind, SSAT_WINDOW_TERM);
    assert_int_equal(n, 0);
    assert_ok(ssat_policy_get_text(c, "code_set", &text));
    assert_string_equal(text, "wales-2010");

    assert_ok(ssat_policy_get_window(e, "penalty.limb.window", &kind, &n));
    assert_int_equal(kind, SSAT_WINDOW_LAST_WEEKS);
    assert_int_equal(n, 10);
    assert_ok(ssat_policy_get_window(e, "penalty.limb.window", &kind, NULL)); /* n_out may be NULL */
    assert_int_equal(kind, SSAT_WINDOW_LAST_WEEKS);
    assert_ok(ssat_policy_get_bool(e, "absence.severe.enabled", &b));
    assert_int_equal(b, 1);
    assert_ok(ssat_policy_get_int(e, "penalty.amount.early_pence", &i));
    assert_int_equal(i, 8000);
    assert_ok(ssat_policy_get_text(e, "code_set", &text));
    assert_string_equal(text, "england-2024");
    ssat_policy_free(e);
    ssat_policy_free(c);
}

/* Trim spaces at both ends, in place. */
static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* The table in the header comment of include/ssat/policy.h, read from the source tree, against the
 * library: a default changed in one place and not the other fails here. */
static void header_table_matches_library(void **state)
{
    (void)state;
    char path[4096];
    const char *src = __FILE__; /* .../tests/test_policy.c */
    const char *slash = strrchr(src, '/');
    if (slash == NULL || (size_t)(slash - src) + 40 > sizeof path)
        skip();
    snprintf(path, sizeof path, "%.*s/../include/ssat/policy.h", (int)(slash - src), src);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        print_message("cannot open %s; table not checked\n", path);
        skip();
    }
    ssat_policy *p[N_BUILTIN];
    for (size_t b = 0; b < N_BUILTIN; b++)
        p[b] = builtin(builtin_names[b]);
    static const char *const type_names[] = {"int", "percent", "comparator", "bool", "window", "text"};
    char line[512];
    size_t rows = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, " * | ", 5) != 0 || strstr(line, "---") != NULL || strstr(line, "| key ") != NULL)
            continue;
        /* Split "| a | b | c |" at the bars. */
        char *cols[8];
        size_t ncols = 0;
        char *bar = strchr(line, '|');
        while (bar != NULL && ncols < 8) {
            char *next = strchr(bar + 1, '|');
            if (next == NULL)
                break;
            *next = '\0';
            cols[ncols++] = trim(bar + 1);
            bar = next;
        }
        assert_int_equal(ncols, 5);
        const char *key = cols[0];
        assert_true(rows < N_KEYS);
        /* Same key, in the same order as the key table. */
        const char *k = NULL;
        ssat_value_type type = SSAT_VALUE_INT;
        assert_ok(ssat_policy_key_at(rows, &k, &type, NULL));
        if (strcmp(k, key) != 0)
            fail_msg("row %zu of the table is %s, key %zu is %s", rows, key, rows, k);
        assert_string_equal(cols[1], type_names[type]);
        for (size_t b = 0; b < N_BUILTIN; b++) {
            char documented[64];
            snprintf(documented, sizeof documented, "%s", cols[2 + b]);
            char *space = strchr(documented, ' '); /* "0 (off)" */
            if (space != NULL)
                *space = '\0';
            const char *got = value_text(p[b], key);
            if (strcmp(got, documented) != 0)
                fail_msg("policy.h documents %s = \"%s\" for %s, the library has \"%s\"", key, documented,
                         builtin_names[b], got);
        }
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, N_KEYS);
    for (size_t b = 0; b < N_BUILTIN; b++)
        ssat_policy_free(p[b]);
}

static void builtin_rejects(void **state)
{
    (void)state;
    ssat_policy *p = (ssat_policy *)&p; /* garbage: must become NULL */
    assert_status_msg(ssat_policy_builtin("kent", NULL, &p), SSAT_ERR_NOT_FOUND, "argument 'name'");
    assert_null(p);
    assert_true(strstr(ssat_error_message(), "kent") != NULL);
    p = (ssat_policy *)&p;
    assert_status_msg(ssat_policy_builtin("", NULL, &p), SSAT_ERR_NOT_FOUND, "argument 'name'");
    assert_null(p);
    assert_status_msg(ssat_policy_builtin("Wales", NULL, &p), SSAT_ERR_NOT_FOUND, "argument 'name'");
    assert_status_msg(ssat_policy_builtin(NULL, NULL, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_policy_builtin: argument 'out' is NULL");
    ssat_allocator small = {sizeof(ssat_allocator) - 1, test_heap_alloc, NULL, test_heap_free, NULL};
    p = (ssat_policy *)&p;
    assert_status_msg(ssat_policy_builtin(NULL, &small, &p), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_null(p);
    ssat_allocator no_free = {sizeof(ssat_allocator), test_heap_alloc, NULL, NULL, NULL};
    assert_status_msg(ssat_policy_builtin(NULL, &no_free, &p), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
}

/* ---- copies, names, equality ------------------------------------------------------------------------ */

static void copy_is_independent(void **state)
{
    (void)state;
    ssat_policy *orig = builtin("wales");
    ssat_policy *copy = NULL;
    assert_ok(ssat_policy_copy(orig, &copy));
    assert_non_null(copy);
    assert_ptr_not_equal(copy, orig);
    assert_int_equal(ssat_policy_equal(orig, copy), 1);
    assert_string_equal(ssat_policy_name(copy), "wales");
    assert_ptr_not_equal(ssat_policy_name(copy), ssat_policy_name(orig));

    /* Changing the copy leaves the original as it was, and the other way round. */
    assert_ok(ssat_policy_set_int(copy, "referral.unauthorised.min_sessions", 12));
    assert_ok(ssat_policy_set_percent(copy, "referral.attendance.threshold", 875, 10));
    assert_ok(ssat_policy_set_text(copy, "code_set", "england-2024"));
    assert_ok(ssat_policy_set_name(copy, "my-authority"));
    assert_int_equal(ssat_policy_equal(orig, copy), 0);
    assert_string_equal(value_text(orig, "referral.unauthorised.min_sessions"), "10");
    assert_string_equal(value_text(orig, "referral.attendance.threshold"), "85");
    assert_string_equal(value_text(orig, "code_set"), "wales-2010");
    assert_string_equal(ssat_policy_name(orig), "wales");
    assert_ok(ssat_policy_set_bool(orig, "absence.severe.enabled", 1));
    assert_string_equal(value_text(copy, "absence.severe.enabled"), "false");

    /* The copy outlives its source. */
    ssat_policy_free(orig);
    assert_string_equal(ssat_policy_name(copy), "my-authority");
    assert_string_equal(value_text(copy, "referral.attendance.threshold"), "87.5");
    ssat_policy_free(copy);
}

static void copy_rejects(void **state)
{
    (void)state;
    ssat_policy *out = (ssat_policy *)&out;
    assert_status_msg(ssat_policy_copy(NULL, &out), SSAT_ERR_INVALID_ARG, "ssat_policy_copy: argument 'src' is NULL");
    assert_null(out);
    ssat_policy *p = builtin(NULL);
    assert_status_msg(ssat_policy_copy(p, NULL), SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    ssat_policy_free(p);
}

static void names(void **state)
{
    (void)state;
    assert_string_equal(ssat_policy_name(NULL), "");
    ssat_policy *p = builtin(NULL);
    char name[66];
    memset(name, 'x', 64);
    name[64] = '\0';
    assert_ok(ssat_policy_set_name(p, name)); /* 64 bytes: the longest */
    assert_string_equal(ssat_policy_name(p), name);
    assert_ok(ssat_policy_set_name(p, "Sir G\xc3\xa2r")); /* "Sir Gâr": UTF-8 */
    assert_string_equal(ssat_policy_name(p), "Sir G\xc3\xa2r");

    name[64] = 'x';
    name[65] = '\0';
    assert_status_msg(ssat_policy_set_name(p, name), SSAT_ERR_INVALID_ARG, "argument 'name'");
    assert_status_msg(ssat_policy_set_name(p, ""), SSAT_ERR_INVALID_ARG, "argument 'name'");
    assert_status_msg(ssat_policy_set_name(p, "bad \xc3"), SSAT_ERR_INVALID_ARG, "UTF-8");       /* truncated */
    assert_status_msg(ssat_policy_set_name(p, "bad \xc0\xaf"), SSAT_ERR_INVALID_ARG, "UTF-8");   /* overlong */
    assert_status_msg(ssat_policy_set_name(p, "bad \xed\xa0\x80"), SSAT_ERR_INVALID_ARG, "UTF-8"); /* surrogate */
    assert_status_msg(ssat_policy_set_name(p, "bad \xff"), SSAT_ERR_INVALID_ARG, "UTF-8");
    assert_status_msg(ssat_policy_set_name(p, NULL), SSAT_ERR_INVALID_ARG, "argument 'name' is NULL");
    assert_status_msg(ssat_policy_set_name(NULL, "x"), SSAT_ERR_INVALID_ARG, "argument 'policy' is NULL");
    assert_string_equal(ssat_policy_name(p), "Sir G\xc3\xa2r"); /* failures changed nothing */
    ssat_policy_free(p);
}

static void equality(void **state)
{
    (void)state;
    ssat_policy *c = builtin("carmarthenshire");
    ssat_policy *c2 = builtin("carmarthenshire");
    ssat_policy *w = builtin("wales");
    ssat_policy *e = builtin("england-2024");
    assert_int_equal(ssat_policy_equal(c, c), 1);
    assert_int_equal(ssat_policy_equal(c, c2), 1);
    assert_int_equal(ssat_policy_equal(c, e), 0);
    /* wales holds carmarthenshire's values (policy.h's table): only the names differ. */
    assert_int_equal(ssat_policy_equal(c, w), 0);
    assert_ok(ssat_policy_set_name(w, "carmarthenshire"));
    assert_int_equal(ssat_policy_equal(c, w), 1);
    /* Each type of value takes part. */
    assert_ok(ssat_policy_set_window(w, "penalty.limb.window", SSAT_WINDOW_LAST_WEEKS, 10));
    assert_int_equal(ssat_policy_equal(c, w), 0);
    assert_ok(ssat_policy_set_window(w, "penalty.limb.window", SSAT_WINDOW_TERM, 0));
    assert_int_equal(ssat_policy_equal(c, w), 1);
    assert_ok(ssat_policy_set_window(c2, "referral.window", SSAT_WINDOW_LAST_SESSIONS, 20));
    assert_ok(ssat_policy_set_window(w, "referral.window", SSAT_WINDOW_LAST_SESSIONS, 21));
    assert_int_equal(ssat_policy_equal(c2, w), 0); /* same kind, different N */
    assert_ok(ssat_policy_set_window(w, "referral.window", SSAT_WINDOW_LAST_SESSIONS, 20));
    assert_int_equal(ssat_policy_equal(c2, w), 1);
    /* Equal percentages compare equal whatever fraction set them: 85 = 850/10 = 85000/1000. */
    assert_ok(ssat_policy_set_percent(c2, "referral.attendance.threshold", 850, 10));
    assert_int_equal(ssat_policy_equal(c2, w), 1);
    assert_ok(ssat_policy_set_percent(c2, "referral.attendance.threshold", 851, 10));
    assert_int_equal(ssat_policy_equal(c2, w), 0);
    assert_ok(ssat_policy_set_percent(w, "referral.attendance.threshold", 85100, 1000));
    assert_int_equal(ssat_policy_equal(c2, w), 1);
    assert_ok(ssat_policy_set_text(w, "code_set", "england-2024"));
    assert_int_equal(ssat_policy_equal(c2, w), 0);
    assert_int_equal(ssat_policy_equal(NULL, c), 0);
    assert_int_equal(ssat_policy_equal(c, NULL), 0);
    assert_int_equal(ssat_policy_equal(NULL, NULL), 0);
    ssat_policy_free(c);
    ssat_policy_free(c2);
    ssat_policy_free(w);
    ssat_policy_free(e);
    ssat_policy_free(NULL);
}

/* ---- the key table ------------------------------------------------------------------------------------ */

static void key_table(void **state)
{
    (void)state;
    assert_int_equal(ssat_policy_key_count(), N_KEYS);
    for (size_t i = 0; i < N_KEYS; i++) {
        const char *key = NULL, *doc = NULL;
        ssat_value_type type = (ssat_value_type)-1;
        assert_ok(ssat_policy_key_at(i, &key, &type, &doc));
        assert_string_equal(key, expected[i].key);
        assert_int_equal(type, expected[i].type);
        assert_non_null(doc);
        assert_true(strlen(doc) > 10);
        /* Keys are unique. */
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(expected[j].key, key);
    }
    /* Any out-pointer may be NULL. */
    assert_ok(ssat_policy_key_at(0, NULL, NULL, NULL));
    const char *key = "x", *doc = "x";
    ssat_value_type type = SSAT_VALUE_TEXT;
    assert_status_msg(ssat_policy_key_at(N_KEYS, &key, &type, &doc), SSAT_ERR_RANGE, "argument 'index'");
    assert_null(key);
    assert_null(doc);
    assert_status_msg(ssat_policy_key_at((size_t)-1, NULL, NULL, NULL), SSAT_ERR_RANGE, "argument 'index'");
}

/* ---- typed access: int ------------------------------------------------------------------------------ */

typedef struct int_range {
    const char *key;
    int64_t min, max;
} int_range;

/* The ranges documented at ssat_policy_set_int(). */
static const int_range int_ranges[] = {
    {"referral.unauthorised.min_sessions", 0, 1000000},
    {"referral.provisional.max_age_school_days", 0, 1000000},
    {"penalty.limb.unauthorised_sessions", 0, 1000000},
    {"penalty.limb.holiday_sessions", 0, 1000000},
    {"penalty.limb.late_sessions", 0, 1000000},
    {"penalty.limb.combination_sessions", 0, 1000000},
    {"penalty.warning.improvement_school_days", 0, 1000},
    {"penalty.warning.improvement_min_unauthorised", 0, 1000000},
    {"penalty.amount.repeat_months", 0, 1200},
    {"penalty.service.posted_working_days", 0, 30},
    {"penalty.limit.max_notices", 0, 1000},
    {"penalty.limit.period_months", 1, 1200},
    {"penalty.amount.early_pence", 0, 1000000},
    {"penalty.amount.early_days", 1, 365},
    {"penalty.amount.late_pence", 0, 1000000},
    {"penalty.amount.late_days", 1, 365},
    {"evidence.min_letters", 0, 1000},
    {"evidence.min_invitations", 0, 1000},
    {"evidence.min_support_offers", 0, 1000},
    {"evidence.certificate.max_age_school_days", 0, 1000},
    {"evidence.min_meetings", 0, 1000},
    {"case.psp_review_days", 1, 3650},
    {"case.idp_review_months", 1, 120},
    {"case.referral_decision_days", 1, 365},
    {"case.due_soon_days", 0, 365},
    {"case.max_gap_days", 1, 3660},
};

static void int_values_and_ranges(void **state)
{
    (void)state;
    size_t n_int = 0;
    for (size_t k = 0; k < N_KEYS; k++)
        n_int += expected[k].type == SSAT_VALUE_INT;
    assert_int_equal(n_int, sizeof int_ranges / sizeof int_ranges[0]);

    ssat_policy *p = builtin(NULL);
    for (size_t i = 0; i < sizeof int_ranges / sizeof int_ranges[0]; i++) {
        const int_range *r = &int_ranges[i];
        int64_t v = -1, before = -1;
        assert_ok(ssat_policy_get_int(p, r->key, &before));
        assert_ok(ssat_policy_set_int(p, r->key, r->min));
        assert_ok(ssat_policy_get_int(p, r->key, &v));
        assert_int_equal(v, r->min);
        assert_ok(ssat_policy_set_int(p, r->key, r->max));
        assert_ok(ssat_policy_get_int(p, r->key, &v));
        assert_int_equal(v, r->max);
        char range[64];
        snprintf(range, sizeof range, "%lld..%lld", (long long)r->min, (long long)r->max);
        assert_status_msg(ssat_policy_set_int(p, r->key, r->min - 1), SSAT_ERR_RANGE, range);
        assert_true(strstr(ssat_error_message(), r->key) != NULL);
        assert_status_msg(ssat_policy_set_int(p, r->key, r->max + 1), SSAT_ERR_RANGE, range);
        assert_status_msg(ssat_policy_set_int(p, r->key, INT64_MIN), SSAT_ERR_RANGE, r->key);
        assert_status_msg(ssat_policy_set_int(p, r->key, INT64_MAX), SSAT_ERR_RANGE, r->key);
        assert_ok(ssat_policy_get_int(p, r->key, &v));
        assert_int_equal(v, r->max); /* failed sets changed nothing */
    }
    ssat_policy_free(p);
}

/* ---- percent ----------------------------------------------------------------------------------------- */

static void get_pct(const ssat_policy *p, const char *key, uint32_t num, uint32_t den)
{
    uint32_t n = 0, d = 0;
    assert_ok(ssat_policy_get_percent(p, key, &n, &d));
    assert_int_equal(n, num);
    assert_int_equal(d, den);
}

static void percent_values_and_ranges(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    const char *key = "referral.attendance.threshold";
    assert_ok(ssat_policy_set_percent(p, key, 875, 10)); /* 87.5 % */
    get_pct(p, key, 875, 10);
    assert_string_equal(value_text(p, key), "87.5");
    assert_ok(ssat_policy_set_percent(p, key, 850, 10)); /* reduced: 85/1 */
    get_pct(p, key, 85, 1);
    assert_ok(ssat_policy_set_percent(p, key, 8750, 100)); /* reduced: 875/10 */
    get_pct(p, key, 875, 10);
    assert_ok(ssat_policy_set_percent(p, key, 0, 1)); /* the lowest */
    get_pct(p, key, 0, 1);
    assert_ok(ssat_policy_set_percent(p, key, 0, 1000)); /* 0 reduces to 0/1 */
    get_pct(p, key, 0, 1);
    assert_ok(ssat_policy_set_percent(p, key, 100, 1)); /* the highest */
    get_pct(p, key, 100, 1);
    assert_ok(ssat_policy_set_percent(p, key, 100000000, 1000000));
    get_pct(p, key, 100, 1);
    assert_ok(ssat_policy_set_percent(p, key, 33333333, 1000000)); /* six decimals */
    get_pct(p, key, 33333333, 1000000);
    assert_string_equal(value_text(p, key), "33.333333");
    assert_ok(ssat_policy_set_percent(p, key, 5, 1000)); /* 0.005 %: leading zeros of the decimals kept */
    assert_string_equal(value_text(p, key), "0.005");
    assert_ok(ssat_policy_set_percent(p, key, 1, 1000000));
    assert_string_equal(value_text(p, key), "0.000001");

    assert_ok(ssat_policy_set_percent(p, key, 875, 10));
    assert_status_msg(ssat_policy_set_percent(p, key, 101, 1), SSAT_ERR_RANGE, "above 100");
    assert_true(strstr(ssat_error_message(), key) != NULL);
    assert_status_msg(ssat_policy_set_percent(p, key, 1001, 10), SSAT_ERR_RANGE, key);
    assert_status_msg(ssat_policy_set_percent(p, key, 100000001, 1000000), SSAT_ERR_RANGE, key);
    assert_status_msg(ssat_policy_set_percent(p, key, UINT32_MAX, 1), SSAT_ERR_RANGE, key);
    assert_status_msg(ssat_policy_set_percent(p, key, 85, 0), SSAT_ERR_INVALID_ARG, "denominator");
    assert_status_msg(ssat_policy_set_percent(p, key, 85, 3), SSAT_ERR_INVALID_ARG, "'den'");
    assert_status_msg(ssat_policy_set_percent(p, key, 85, 20), SSAT_ERR_INVALID_ARG, "denominator");
    assert_status_msg(ssat_policy_set_percent(p, key, 85, 10000000), SSAT_ERR_INVALID_ARG, "denominator");
    assert_status_msg(ssat_policy_set_percent(p, key, 85, UINT32_MAX), SSAT_ERR_INVALID_ARG, "denominator");
    get_pct(p, key, 875, 10); /* unchanged */

    /* Every percent key. */
    for (size_t k = 0; k < N_KEYS; k++)
        if (expected[k].type == SSAT_VALUE_PERCENT) {
            assert_ok(ssat_policy_set_percent(p, expected[k].key, 123, 10));
            get_pct(p, expected[k].key, 123, 10);
        }
    ssat_policy_free(p);
}

/* ---- comparator, bool, window, text ----------------------------------------------------------------------- */

static void comparator_values(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    static const char *const texts[] = {"<", "<=", ">=", ">"};
    for (size_t k = 0; k < N_KEYS; k++) {
        if (expected[k].type != SSAT_VALUE_COMPARATOR)
            continue;
        for (int c = SSAT_CMP_LT; c <= SSAT_CMP_GT; c++) {
            ssat_comparator got = (ssat_comparator)-1;
            assert_ok(ssat_policy_set_comparator(p, expected[k].key, (ssat_comparator)c));
            assert_ok(ssat_policy_get_comparator(p, expected[k].key, &got));
            assert_int_equal(got, c);
            assert_string_equal(value_text(p, expected[k].key), texts[c]);
        }
        assert_status_msg(ssat_policy_set_comparator(p, expected[k].key, (ssat_comparator)4), SSAT_ERR_INVALID_ARG,
                          "argument 'value'");
        assert_status_msg(ssat_policy_set_comparator(p, expected[k].key, (ssat_comparator)-1), SSAT_ERR_INVALID_ARG,
                          "argument 'value'");
        assert_string_equal(value_text(p, expected[k].key), ">"); /* unchanged */
    }
    ssat_policy_free(p);
}

static void bool_values(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    for (size_t k = 0; k < N_KEYS; k++) {
        if (expected[k].type != SSAT_VALUE_BOOL)
            continue;
        int32_t v = -1;
        assert_ok(ssat_policy_set_bool(p, expected[k].key, 1));
        assert_ok(ssat_policy_get_bool(p, expected[k].key, &v));
        assert_int_equal(v, 1);
        assert_string_equal(value_text(p, expected[k].key), "true");
        assert_ok(ssat_policy_set_bool(p, expected[k].key, 0));
        assert_ok(ssat_policy_get_bool(p, expected[k].key, &v));
        assert_int_equal(v, 0);
        assert_string_equal(value_text(p, expected[k].key), "false");
        assert_status_msg(ssat_policy_set_bool(p, expected[k].key, 2), SSAT_ERR_INVALID_ARG, "argument 'value'");
        assert_status_msg(ssat_policy_set_bool(p, expected[k].key, -1), SSAT_ERR_INVALID_ARG, "argument 'value'");
        assert_ok(ssat_policy_get_bool(p, expected[k].key, &v));
        assert_int_equal(v, 0);
    }
    ssat_policy_free(p);
}

static void get_win(const ssat_policy *p, const char *key, ssat_window_kind kind, int32_t n)
{
    ssat_window_kind k = (ssat_window_kind)-1;
    int32_t got_n = -1;
    assert_ok(ssat_policy_get_window(p, key, &k, &got_n));
    assert_int_equal(k, kind);
    assert_int_equal(got_n, n);
}

static void window_values_and_ranges(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    for (size_t k = 0; k < N_KEYS; k++) {
        if (expected[k].type != SSAT_VALUE_WINDOW)
            continue;
        const char *key = expected[k].key;
        assert_ok(ssat_policy_set_window(p, key, SSAT_WINDOW_TERM, 99)); /* N ignored, stored as 0 */
        get_win(p, key, SSAT_WINDOW_TERM, 0);
        assert_string_equal(value_text(p, key), "term");
        assert_ok(ssat_policy_set_window(p, key, SSAT_WINDOW_YEAR_TO_DATE, -5));
        get_win(p, key, SSAT_WINDOW_YEAR_TO_DATE, 0);
        assert_string_equal(value_text(p, key), "year_to_date");
        assert_ok(ssat_policy_set_window(p, key, SSAT_WINDOW_LAST_WEEKS, 1));
        get_win(p, key, SSAT_WINDOW_LAST_WEEKS, 1);
        assert_string_equal(value_text(p, key), "last_weeks:1");
        assert_ok(ssat_policy_set_window(p, key, SSAT_WINDOW_LAST_SESSIONS, 520));
        get_win(p, key, SSAT_WINDOW_LAST_SESSIONS, 520);
        assert_string_equal(value_text(p, key), "last_sessions:520");
        assert_ok(ssat_policy_set_window(p, key, SSAT_WINDOW_LAST_WEEKS, 10));
        assert_status_msg(ssat_policy_set_window(p, key, SSAT_WINDOW_LAST_WEEKS, 0), SSAT_ERR_RANGE, "argument 'n'");
        assert_status_msg(ssat_policy_set_window(p, key, SSAT_WINDOW_LAST_SESSIONS, 521), SSAT_ERR_RANGE, "1..520");
        assert_status_msg(ssat_policy_set_window(p, key, SSAT_WINDOW_LAST_SESSIONS, -1), SSAT_ERR_RANGE,
                          "argument 'n'");
        assert_status_msg(ssat_policy_set_window(p, key, (ssat_window_kind)4, 1), SSAT_ERR_INVALID_ARG,
                          "argument 'kind'");
        assert_status_msg(ssat_policy_set_window(p, key, (ssat_window_kind)-1, 1), SSAT_ERR_INVALID_ARG,
                          "argument 'kind'");
        get_win(p, key, SSAT_WINDOW_LAST_WEEKS, 10); /* unchanged */
    }
    ssat_policy_free(p);
}

static void text_values(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    const char *t = NULL;
    for (size_t i = 0; i < ssat_codeset_builtin_count(); i++) {
        assert_ok(ssat_policy_set_text(p, "code_set", ssat_codeset_builtin_name(i)));
        assert_ok(ssat_policy_get_text(p, "code_set", &t));
        assert_string_equal(t, ssat_codeset_builtin_name(i));
    }
    assert_ok(ssat_policy_set_text(p, "code_set", "wales-2010"));
    assert_status_msg(ssat_policy_set_text(p, "code_set", "scotland"), SSAT_ERR_NOT_FOUND, "code_set");
    assert_true(strstr(ssat_error_message(), "scotland") != NULL);
    assert_status_msg(ssat_policy_set_text(p, "code_set", ""), SSAT_ERR_NOT_FOUND, "code_set");
    assert_status_msg(ssat_policy_set_text(p, "code_set", "wales-2010 "), SSAT_ERR_NOT_FOUND, "code_set");
    assert_status_msg(ssat_policy_set_text(p, "code_set", NULL), SSAT_ERR_INVALID_ARG, "argument 'value' is NULL");
    assert_ok(ssat_policy_get_text(p, "code_set", &t));
    assert_string_equal(t, "wales-2010");
    ssat_policy_free(p);
}

/* ---- errors shared by every typed accessor ------------------------------------------------------------ */

static void typed_access_rejects_wrong_type(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    int64_t i = 7;
    uint32_t num = 7, den = 7;
    ssat_comparator cmp = SSAT_CMP_GT;
    int32_t b = 7, n = 7;
    ssat_window_kind kind = SSAT_WINDOW_TERM;
    const char *t = "x";
    const char *pct = "referral.attendance.threshold";
    const char *intk = "referral.unauthorised.min_sessions";

    assert_status_msg(ssat_policy_get_int(p, pct, &i), SSAT_ERR_INVALID_ARG, "has type percent, not int");
    assert_true(strstr(ssat_error_message(), pct) != NULL);
    assert_int_equal(i, 0);
    assert_status_msg(ssat_policy_set_int(p, pct, 5), SSAT_ERR_INVALID_ARG, "has type percent, not int");
    assert_status_msg(ssat_policy_get_percent(p, intk, &num, &den), SSAT_ERR_INVALID_ARG, "has type int, not percent");
    assert_int_equal(num, 0);
    assert_int_equal(den, 1);
    assert_status_msg(ssat_policy_set_percent(p, intk, 5, 1), SSAT_ERR_INVALID_ARG, intk);
    assert_status_msg(ssat_policy_get_comparator(p, intk, &cmp), SSAT_ERR_INVALID_ARG, "not comparator");
    assert_int_equal(cmp, SSAT_CMP_LT);
    assert_status_msg(ssat_policy_set_comparator(p, intk, SSAT_CMP_LE), SSAT_ERR_INVALID_ARG, "not comparator");
    assert_status_msg(ssat_policy_get_bool(p, intk, &b), SSAT_ERR_INVALID_ARG, "not bool");
    assert_int_equal(b, 0);
    assert_status_msg(ssat_policy_set_bool(p, intk, 1), SSAT_ERR_INVALID_ARG, "not bool");
    assert_status_msg(ssat_policy_get_window(p, intk, &kind, &n), SSAT_ERR_INVALID_ARG, "not window");
    assert_int_equal(kind, SSAT_WINDOW_YEAR_TO_DATE);
    assert_int_equal(n, 0);
    assert_status_msg(ssat_policy_set_window(p, intk, SSAT_WINDOW_TERM, 0), SSAT_ERR_INVALID_ARG, "not window");
    assert_status_msg(ssat_policy_get_text(p, intk, &t), SSAT_ERR_INVALID_ARG, "not text");
    assert_null(t);
    assert_status_msg(ssat_policy_set_text(p, intk, "wales-2010"), SSAT_ERR_INVALID_ARG, "not text");
    assert_status_msg(ssat_policy_get_int(p, "code_set", &i), SSAT_ERR_INVALID_ARG, "has type text, not int");
    assert_status_msg(ssat_policy_get_bool(p, "referral.window", &b), SSAT_ERR_INVALID_ARG, "has type window");
    assert_status_msg(ssat_policy_get_window(p, "referral.attendance.comparator", &kind, &n), SSAT_ERR_INVALID_ARG,
                      "has type comparator");
    assert_status_msg(ssat_policy_get_text(p, "absence.severe.enabled", &t), SSAT_ERR_INVALID_ARG, "has type bool");
    /* Nothing was changed. */
    assert_string_equal(value_text(p, intk), "10");
    assert_string_equal(value_text(p, pct), "85");
    ssat_policy_free(p);
}

static void typed_access_rejects_unknown_key(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    int64_t i = 7;
    uint32_t num = 7, den = 7;
    ssat_comparator cmp = SSAT_CMP_GT;
    int32_t b = 7, n = 7;
    ssat_window_kind kind = SSAT_WINDOW_TERM;
    const char *t = "x";
    char *owned = (char *)&owned;
    assert_status_msg(ssat_policy_get_int(p, "referral.threshold", &i), SSAT_ERR_NOT_FOUND,
                      "argument 'key': no policy key \"referral.threshold\"");
    assert_int_equal(i, 0);
    assert_status_msg(ssat_policy_set_int(p, "nope", 1), SSAT_ERR_NOT_FOUND, "\"nope\"");
    assert_status_msg(ssat_policy_get_percent(p, "nope", &num, &den), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_set_percent(p, "nope", 1, 1), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_get_comparator(p, "nope", &cmp), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_set_comparator(p, "nope", SSAT_CMP_LT), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_get_bool(p, "nope", &b), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_set_bool(p, "nope", 0), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_get_window(p, "nope", &kind, &n), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_set_window(p, "nope", SSAT_WINDOW_TERM, 0), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_get_text(p, "nope", &t), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_set_text(p, "nope", "wales-2010"), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_get_value_text(p, "nope", &owned), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_null(owned);
    assert_status_msg(ssat_policy_set_value_text(p, "nope", "1"), SSAT_ERR_NOT_FOUND, "no policy key");
    /* A prefix of keys, a key with a different case, a key with a trailing dot are not keys. */
    assert_status_msg(ssat_policy_get_int(p, "referral", &i), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_get_text(p, "CODE_SET", &t), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_get_text(p, "code_set.", &t), SSAT_ERR_NOT_FOUND, "no policy key");
    assert_status_msg(ssat_policy_get_text(p, "", &t), SSAT_ERR_NOT_FOUND, "no policy key");
    ssat_policy_free(p);
}

static void typed_access_rejects_null(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    const char *k = "referral.unauthorised.min_sessions";
    int64_t i = 7;
    uint32_t num = 7, den = 7;
    ssat_comparator cmp = SSAT_CMP_GT;
    int32_t b = 7, n = 7;
    ssat_window_kind kind = SSAT_WINDOW_TERM;
    const char *t = "x";
    char *owned = (char *)&owned;

    assert_status_msg(ssat_policy_get_int(NULL, k, &i), SSAT_ERR_INVALID_ARG, "ssat_policy_get_int: argument 'policy'");
    assert_int_equal(i, 0);
    assert_status_msg(ssat_policy_get_int(p, NULL, &i), SSAT_ERR_INVALID_ARG, "argument 'key' is NULL");
    assert_status_msg(ssat_policy_get_int(p, k, NULL), SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    assert_status_msg(ssat_policy_set_int(NULL, k, 1), SSAT_ERR_INVALID_ARG, "ssat_policy_set_int: argument 'policy'");
    assert_status_msg(ssat_policy_set_int(p, NULL, 1), SSAT_ERR_INVALID_ARG, "argument 'key' is NULL");

    k = "referral.attendance.threshold";
    assert_status_msg(ssat_policy_get_percent(NULL, k, &num, &den), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_status_msg(ssat_policy_get_percent(p, NULL, &num, &den), SSAT_ERR_INVALID_ARG, "argument 'key'");
    assert_status_msg(ssat_policy_get_percent(p, k, NULL, &den), SSAT_ERR_INVALID_ARG, "argument 'num_out'");
    assert_status_msg(ssat_policy_get_percent(p, k, &num, NULL), SSAT_ERR_INVALID_ARG, "argument 'den_out'");
    assert_status_msg(ssat_policy_set_percent(NULL, k, 1, 1), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_status_msg(ssat_policy_set_percent(p, NULL, 1, 1), SSAT_ERR_INVALID_ARG, "argument 'key'");

    k = "referral.attendance.comparator";
    assert_status_msg(ssat_policy_get_comparator(NULL, k, &cmp), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_status_msg(ssat_policy_get_comparator(p, NULL, &cmp), SSAT_ERR_INVALID_ARG, "argument 'key'");
    assert_status_msg(ssat_policy_get_comparator(p, k, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_policy_set_comparator(NULL, k, SSAT_CMP_LT), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_status_msg(ssat_policy_set_comparator(p, NULL, SSAT_CMP_LT), SSAT_ERR_INVALID_ARG, "argument 'key'");

    k = "absence.severe.enabled";
    assert_status_msg(ssat_policy_get_bool(NULL, k, &b), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_status_msg(ssat_policy_get_bool(p, NULL, &b), SSAT_ERR_INVALID_ARG, "argument 'key'");
    assert_status_msg(ssat_policy_get_bool(p, k, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_policy_set_bool(NULL, k, 1), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_status_msg(ssat_policy_set_bool(p, NULL, 1), SSAT_ERR_INVALID_ARG, "argument 'key'");

    k = "referral.window";
    assert_status_msg(ssat_policy_get_window(NULL, k, &kind, &n), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_status_msg(ssat_policy_get_window(p, NULL, &kind, &n), SSAT_ERR_INVALID_ARG, "argument 'key'");
    assert_status_msg(ssat_policy_get_window(p, k, NULL, &n), SSAT_ERR_INVALID_ARG, "argument 'kind_out'");
    assert_status_msg(ssat_policy_set_window(NULL, k, SSAT_WINDOW_TERM, 0), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_status_msg(ssat_policy_set_window(p, NULL, SSAT_WINDOW_TERM, 0), SSAT_ERR_INVALID_ARG, "argument 'key'");

    k = "code_set";
    assert_status_msg(ssat_policy_get_text(NULL, k, &t), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_null(t);
    assert_status_msg(ssat_policy_get_text(p, NULL, &t), SSAT_ERR_INVALID_ARG, "argument 'key'");
    assert_status_msg(ssat_policy_get_text(p, k, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_policy_set_text(NULL, k, "wales-2010"), SSAT_ERR_INVALID_ARG, "argument 'policy'");
    assert_status_msg(ssat_policy_set_text(p, NULL, "wales-2010"), SSAT_ERR_INVALID_ARG, "argument 'key'");

    assert_status_msg(ssat_policy_get_value_text(NULL, k, &owned), SSAT_ERR_INVALID_ARG,
                      "ssat_policy_get_value_text: argument 'policy'");
    assert_null(owned);
    assert_status_msg(ssat_policy_get_value_text(p, NULL, &owned), SSAT_ERR_INVALID_ARG, "argument 'key'");
    assert_status_msg(ssat_policy_get_value_text(p, k, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    assert_status_msg(ssat_policy_set_value_text(NULL, k, "wales-2010"), SSAT_ERR_INVALID_ARG,
                      "ssat_policy_set_value_text: argument 'policy'");
    assert_status_msg(ssat_policy_set_value_text(p, NULL, "wales-2010"), SSAT_ERR_INVALID_ARG, "argument 'key'");
    assert_status_msg(ssat_policy_set_value_text(p, k, NULL), SSAT_ERR_INVALID_ARG, "argument 'text'");
    ssat_policy_free(p);
}

/* ---- the text form -------------------------------------------------------------------------------------- */

/* Every value of every built-in, read as text and set from that text into a policy holding other
 * values, gives back an equal policy. */
static void text_form_round_trip_every_key(void **state)
{
    (void)state;
    for (size_t b = 0; b < N_BUILTIN; b++) {
        ssat_policy *src = builtin(builtin_names[b]);
        ssat_policy *dst = builtin(builtin_names[(b + 1) % N_BUILTIN]);
        assert_ok(ssat_policy_set_name(dst, builtin_names[b]));
        for (size_t k = 0; k < N_KEYS; k++) {
            char *t = NULL;
            assert_ok(ssat_policy_get_value_text(src, expected[k].key, &t));
            assert_ok(ssat_policy_set_value_text(dst, expected[k].key, t));
            ssat_free(t);
        }
        assert_int_equal(ssat_policy_equal(src, dst), 1);
        ssat_policy_free(src);
        ssat_policy_free(dst);
    }
}

static void set_text(ssat_policy *p, const char *key, const char *text, const char *expect_back)
{
    assert_ok(ssat_policy_set_value_text(p, key, text));
    assert_string_equal(value_text(p, key), expect_back);
}

static void text_form_values(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    const char *pct = "referral.attendance.threshold";
    set_text(p, pct, "87.5", "87.5");
    get_pct(p, pct, 875, 10);
    set_text(p, pct, "87.50", "87.5");
    set_text(p, pct, "85.0", "85");
    get_pct(p, pct, 85, 1);
    set_text(p, pct, "085", "85");
    set_text(p, pct, "0", "0");
    set_text(p, pct, "0.000001", "0.000001");
    set_text(p, pct, "100", "100");
    set_text(p, pct, "100.000000", "100");
    set_text(p, pct, "33.333333", "33.333333");
    set_text(p, "penalty.limb.window", "last_weeks:10", "last_weeks:10");
    get_win(p, "penalty.limb.window", SSAT_WINDOW_LAST_WEEKS, 10);
    set_text(p, "penalty.limb.window", "last_sessions:1", "last_sessions:1");
    set_text(p, "penalty.limb.window", "term", "term");
    set_text(p, "penalty.limb.window", "year_to_date", "year_to_date");
    set_text(p, "penalty.limb.window", "last_weeks:520", "last_weeks:520");
    set_text(p, "referral.attendance.comparator", "<", "<");
    set_text(p, "referral.attendance.comparator", ">", ">");
    set_text(p, "referral.attendance.comparator", ">=", ">=");
    set_text(p, "referral.attendance.comparator", "<=", "<=");
    set_text(p, "absence.severe.enabled", "true", "true");
    set_text(p, "absence.severe.enabled", "false", "false");
    set_text(p, "referral.unauthorised.min_sessions", "0", "0");
    set_text(p, "referral.unauthorised.min_sessions", "1000000", "1000000");
    set_text(p, "penalty.limit.period_months", "1", "1");
    set_text(p, "code_set", "england-2024", "england-2024");
    ssat_policy_free(p);
}

typedef struct bad_text {
    const char *key;
    const char *text;
    ssat_status status;
} bad_text;

static void text_form_rejects(void **state)
{
    (void)state;
    static const bad_text bad[] = {
        {"referral.attendance.threshold", "abc", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", "", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", "87.5.5", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", ".5", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", "5.", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", ".", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", "-5", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", "+5", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", " 85", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", "85 ", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", "85%", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", "1e2", SSAT_ERR_PARSE},
        {"referral.attendance.threshold", "87.1234567", SSAT_ERR_PARSE}, /* seven decimals */
        {"referral.attendance.threshold", "100.000001", SSAT_ERR_RANGE},
        {"referral.attendance.threshold", "101", SSAT_ERR_RANGE},
        {"referral.attendance.threshold", "99999999999999999999999", SSAT_ERR_RANGE},
        {"referral.unauthorised.min_sessions", "", SSAT_ERR_PARSE},
        {"referral.unauthorised.min_sessions", "ten", SSAT_ERR_PARSE},
        {"referral.unauthorised.min_sessions", "10.0", SSAT_ERR_PARSE},
        {"referral.unauthorised.min_sessions", " 10", SSAT_ERR_PARSE},
        {"referral.unauthorised.min_sessions", "+10", SSAT_ERR_PARSE},
        {"referral.unauthorised.min_sessions", "10x", SSAT_ERR_PARSE},
        {"referral.unauthorised.min_sessions", "-", SSAT_ERR_PARSE},
        {"referral.unauthorised.min_sessions", "-1", SSAT_ERR_RANGE},
        {"referral.unauthorised.min_sessions", "1000001", SSAT_ERR_RANGE},
        {"referral.unauthorised.min_sessions", "99999999999999999999999", SSAT_ERR_RANGE},
        {"penalty.limit.period_months", "0", SSAT_ERR_RANGE},
        {"referral.attendance.comparator", "=<", SSAT_ERR_PARSE},
        {"referral.attendance.comparator", "==", SSAT_ERR_PARSE},
        {"referral.attendance.comparator", "", SSAT_ERR_PARSE},
        {"referral.attendance.comparator", "<= ", SSAT_ERR_PARSE},
        {"absence.severe.enabled", "yes", SSAT_ERR_PARSE},
        {"absence.severe.enabled", "1", SSAT_ERR_PARSE},
        {"absence.severe.enabled", "TRUE", SSAT_ERR_PARSE},
        {"absence.severe.enabled", "", SSAT_ERR_PARSE},
        {"penalty.limb.window", "weekly", SSAT_ERR_PARSE},
        {"penalty.limb.window", "", SSAT_ERR_PARSE},
        {"penalty.limb.window", "last_weeks:", SSAT_ERR_PARSE},
        {"penalty.limb.window", "last_weeks:x", SSAT_ERR_PARSE},
        {"penalty.limb.window", "last_weeks:010", SSAT_ERR_PARSE},
        {"penalty.limb.window", "last_weeks:-1", SSAT_ERR_PARSE},
        {"penalty.limb.window", "last_weeks 10", SSAT_ERR_PARSE},
        {"penalty.limb.window", "term:3", SSAT_ERR_PARSE},
        {"penalty.limb.window", "last_weeks:0", SSAT_ERR_RANGE},
        {"penalty.limb.window", "last_weeks:521", SSAT_ERR_RANGE},
        {"penalty.limb.window", "last_sessions:99999999999", SSAT_ERR_RANGE},
        {"code_set", "england", SSAT_ERR_NOT_FOUND},
        {"code_set", "", SSAT_ERR_NOT_FOUND},
    };
    ssat_policy *p = builtin(NULL);
    ssat_policy *orig = builtin(NULL);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ssat_error_clear();
        ssat_status st = ssat_policy_set_value_text(p, bad[i].key, bad[i].text);
        if (st != bad[i].status)
            fail_msg("%s = \"%s\": status %d (%s), expected %d; %s", bad[i].key, bad[i].text, (int)st,
                     ssat_status_str(st), (int)bad[i].status, ssat_error_message());
        /* The message names the function and the key. */
        if (strstr(ssat_error_message(), "ssat_policy_set_value_text") == NULL ||
            strstr(ssat_error_message(), bad[i].key) == NULL)
            fail_msg("%s = \"%s\": message \"%s\" does not name the function and the key", bad[i].key, bad[i].text,
                     ssat_error_message());
    }
    assert_int_equal(ssat_policy_equal(p, orig), 1); /* nothing was changed */
    ssat_policy_free(p);
    ssat_policy_free(orig);
}

/* A successful call leaves no stale failure behind (a comparator is matched before any message). */
static void success_records_no_error(void **state)
{
    (void)state;
    ssat_policy *p = builtin(NULL);
    ssat_error_clear();
    assert_ok(ssat_policy_set_value_text(p, "referral.attendance.comparator", "<"));
    assert_int_equal(ssat_error_status(), SSAT_OK);
    assert_string_equal(ssat_error_message(), "");
    ssat_policy_free(p);
}

/* ---- memory -------------------------------------------------------------------------------------------- */

static void custom_allocator_no_leak(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    ssat_policy *p = NULL, *c = NULL;
    assert_ok(ssat_policy_builtin("england-2024", &a, &p));
    assert_true(h.allocs >= 2); /* the policy and its name */
    assert_ok(ssat_policy_copy(p, &c)); /* with the source's allocator */
    size_t before = h.allocs;
    assert_ok(ssat_policy_set_name(c, "copy"));
    assert_true(h.allocs > before);
    char *t = NULL;
    before = h.allocs;
    assert_ok(ssat_policy_get_value_text(c, "penalty.limb.window", &t));
    assert_int_equal(h.allocs, before + 1); /* the owned text comes from the policy's allocator */
    assert_string_equal(t, "last_weeks:10");
    ssat_policy_free(p);
    ssat_policy_free(c);
    assert_true(h.live > 0);
    ssat_free(t); /* after its policy is gone */
    assert_heap_clean(&h);
}

/* Fail each allocation in turn: NOMEM, out NULL, the object unchanged, nothing leaked. */
static void failing_allocator(void **state)
{
    (void)state;
    for (size_t fail = 1; fail <= 2; fail++) {
        test_heap h = {0};
        h.fail_at = fail;
        ssat_allocator a = test_heap_allocator(&h, false);
        ssat_policy *p = (ssat_policy *)&p;
        assert_status_msg(ssat_policy_builtin("wales", &a, &p), SSAT_ERR_NOMEM, "ssat_policy_builtin");
        assert_null(p);
        assert_int_equal(h.failures, 1);
        assert_heap_clean(&h);
    }
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, false);
    ssat_policy *p = NULL, *c = (ssat_policy *)&c;
    assert_ok(ssat_policy_builtin("wales", &a, &p));
    h.fail_at = h.calls + 1;
    assert_status_msg(ssat_policy_copy(p, &c), SSAT_ERR_NOMEM, "ssat_policy_copy");
    assert_null(c);
    h.fail_at = h.calls + 2; /* the name of the copy */
    assert_status_msg(ssat_policy_copy(p, &c), SSAT_ERR_NOMEM, "ssat_policy_copy");
    assert_null(c);
    h.fail_at = h.calls + 1;
    assert_status_msg(ssat_policy_set_name(p, "renamed"), SSAT_ERR_NOMEM, "ssat_policy_set_name");
    assert_string_equal(ssat_policy_name(p), "wales");
    char *t = (char *)&t;
    h.fail_at = h.calls + 1;
    assert_status_msg(ssat_policy_get_value_text(p, "code_set", &t), SSAT_ERR_NOMEM, "ssat_policy_get_value_text");
    assert_null(t);
    ssat_policy_free(p);
    assert_heap_clean(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_names_and_count),
        cmocka_unit_test(builtin_defaults_match_documented_table),
        cmocka_unit_test(builtin_defaults_typed),
        cmocka_unit_test(header_table_matches_library),
        cmocka_unit_test(builtin_rejects),
        cmocka_unit_test(copy_is_independent),
        cmocka_unit_test(copy_rejects),
        cmocka_unit_test(names),
        cmocka_unit_test(equality),
        cmocka_unit_test(key_table),
        cmocka_unit_test(int_values_and_ranges),
        cmocka_unit_test(percent_values_and_ranges),
        cmocka_unit_test(comparator_values),
        cmocka_unit_test(bool_values),
        cmocka_unit_test(window_values_and_ranges),
        cmocka_unit_test(text_values),
        cmocka_unit_test(typed_access_rejects_wrong_type),
        cmocka_unit_test(typed_access_rejects_unknown_key),
        cmocka_unit_test(typed_access_rejects_null),
        cmocka_unit_test(text_form_round_trip_every_key),
        cmocka_unit_test(text_form_values),
        cmocka_unit_test(text_form_rejects),
        cmocka_unit_test(success_records_no_error),
        cmocka_unit_test(custom_allocator_no_leak),
        cmocka_unit_test(failing_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
