/* Tests of lib/batch/batch_school.c: a register as a run of the batch's sessions, and a school evaluated
 * through the batch.
 *
 * Hand-made runs (codes, "-" missing, "." not registered; joiners, leavers, one who joins after the as-of date) are written
 * into a long-layout register file, one row per entry, and imported into a school. Each pupil's
 * ssat_batch_register_run() is the hand-made run byte for byte; each result of
 * ssat_batch_evaluate_school() is ssat_batch_evaluate()'s on the hand-made runs and agrees with the
 * per-pupil rules (ssat_attendance_compute, ssat_referral_evaluate, ssat_absence_evaluate) on the
 * school's register. Then the errors: a code longer than one character (named with the pupil id), a
 * buffer too small, NULL arguments, allocation failure. */
#include "support.h"

#include "heap.h"
#include "rules_fixture.h" /* fixture_calendar(): the authority's terms with an autumn half-term */

#include <stdio.h>
#include <stdlib.h>

#define AS_OF "2024-12-20" /* the autumn term's last day */

typedef struct world {
    ssat_policy *policy;
    ssat_codeset *codes;
    ssat_calendar *calendar;
    ssat_batch *batch;
    size_t nsessions;
} world;

/* Carmarthenshire's policy on its code set (with `extra`, a code added to a copy of the set under the
 * same name, when not NULL), the fixture's calendar, a batch as of AS_OF. */
static void world_init(world *w, const char *extra)
{
    const char *set = NULL;
    memset(w, 0, sizeof *w);
    assert_ok(ssat_policy_builtin("carmarthenshire", NULL, &w->policy));
    assert_ok(ssat_policy_get_text(w->policy, "code_set", &set));
    assert_ok(ssat_codeset_builtin(set, NULL, &w->codes));
    if (extra != NULL) {
        ssat_codeset *copy = NULL;
        assert_ok(ssat_codeset_copy(w->codes, set, &copy));
        assert_ok(ssat_codeset_define(copy, extra, SSAT_CATEGORY_PRESENT, 0, "x", "x"));
        ssat_codeset_free(w->codes);
        w->codes = copy;
    }
    w->calendar = fixture_calendar();
    assert_ok(ssat_batch_new(w->codes, w->policy, w->calendar, D(AS_OF), &w->batch));
    w->nsessions = ssat_batch_session_count(w->batch);
    assert_true(w->nsessions > 200);
}

static void world_free(world *w)
{
    ssat_batch_free(w->batch);
    ssat_policy_free(w->policy);
    ssat_codeset_free(w->codes);
    ssat_calendar_free(w->calendar);
    memset(w, 0, sizeof *w);
}

/* Append s to a growing text. */
static void text_add(char **text, size_t *len, const char *s)
{
    size_t n = strlen(s);
    char *t = realloc(*text, *len + n + 1);
    assert_non_null(t);
    memcpy(t + *len, s, n + 1);
    *text = t;
    *len += n;
}

/* A school of the world's code set holding the runs (pupil i is "P<i>"; "." is no row, "-" a missing
 * mark, `extra` replaces each "*"), through a long-layout register file. */
static ssat_school *school_of(const world *w, const char *const *runs, size_t n, const char *extra)
{
    ssat_school *school = NULL;
    ssat_problems *problems = NULL;
    ssat_import *im = NULL;
    char *text = NULL;
    size_t len = 0;
    text_add(&text, &len, "pupil_id,date,session,mark\n");
    for (size_t p = 0; p < n; p++)
        for (size_t i = 0; runs[p][i] != '\0'; i++) {
            ssat_date day;
            ssat_half half;
            char iso[SSAT_DATE_BUFSIZE], row[128];
            if (runs[p][i] == '.')
                continue;
            assert_ok(ssat_batch_session(w->batch, i, &day, &half));
            assert_ok(ssat_date_format(day, iso, sizeof iso));
            char mark[2] = {runs[p][i], '\0'};
            (void)snprintf(row, sizeof row, "P%zu,%s,%s,%s\n", p, iso, half == SSAT_AM ? "AM" : "PM",
                           runs[p][i] == '*' ? extra : mark);
            text_add(&text, &len, row);
        }
    assert_ok(ssat_school_new(w->codes, &school));
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_import_new(school, SSAT_CSV_AUTO, "register.csv", problems, &im));
    assert_ok(ssat_import_feed(im, text, len));
    assert_ok(ssat_import_finish(im, NULL));
    ssat_import_free(im);
    ssat_problems_free(problems);
    free(text);
    assert_int_equal(ssat_school_count(school), n);
    return school;
}

/* A run of n sessions: `first` "." (a joiner), then marks cycling through `pattern`, "." after `last`. */
static char *run_make(size_t n, size_t first, size_t last, const char *pattern)
{
    char *run = malloc(n + 1);
    assert_non_null(run);
    size_t plen = strlen(pattern);
    for (size_t i = 0; i < n; i++)
        run[i] = i < first || i >= last ? '.' : pattern[(i * 7 + i / 3) % plen];
    run[n] = '\0';
    return run;
}

typedef struct runs {
    char *run[6];
    size_t n;
} runs;

static void runs_make(runs *r, size_t ns)
{
    r->n = 0;
    r->run[r->n++] = run_make(ns, 0, ns, "/\\/\\/\\/\\IO");          /* the whole year, marks past as_of too */
    r->run[r->n++] = run_make(ns, 40, ns, "/\\OOGG-/\\/");          /* a joiner with missing marks */
    r->run[r->n++] = run_make(ns, 0, 90, "/\\OOOOOIIM/");           /* a leaver, persistently absent */
    r->run[r->n++] = run_make(ns, 160, ns, "/-");                   /* joins after as_of: none counted */
    r->run[r->n++] = run_make(ns, 10, 150, "/\\/\\/\\/\\/\\/\\/\\/\\L/\\NO");
    r->run[r->n++] = run_make(ns, 0, ns, "O");                      /* never attends */
}

static void runs_free(runs *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->run[i]);
}

/* The per-pupil rules on a register agree with a batch result. */
static void assert_per_pupil(const world *w, const ssat_register *reg, const ssat_batch_result *got, size_t pupil)
{
    ssat_window ytd;
    ssat_summary *sum = NULL;
    assert_ok(ssat_calendar_window_year_to_date(w->calendar, D(AS_OF), &ytd));
    assert_ok(ssat_attendance_compute(reg, &ytd, &sum));
    const ssat_totals *t = ssat_summary_totals(sum);
    int32_t tenths = -1;
    if (ssat_summary_attendance_tenths(sum, &tenths) != SSAT_OK) {
        ssat_error_clear();
        tenths = -1; /* not evaluable, as the batch says */
    }
    if (t->possible != got->possible || t->attended != got->attended || t->authorised != got->authorised ||
        t->unauthorised != got->unauthorised || t->missing != got->missing || tenths != got->attendance_tenths)
        fail_msg("pupil %zu: batch %u %u %u %u %u %d, per pupil %u %u %u %u %u %d", pupil, got->possible,
                 got->attended, got->authorised, got->unauthorised, got->missing, got->attendance_tenths,
                 (unsigned)t->possible, (unsigned)t->attended, (unsigned)t->authorised, (unsigned)t->unauthorised,
                 (unsigned)t->missing, tenths);
    ssat_summary_free(sum);

    ssat_decision *ref = NULL, *abs = NULL;
    assert_ok(ssat_referral_evaluate(w->policy, reg, w->calendar, NULL, D(AS_OF), &ref));
    assert_ok(ssat_absence_evaluate(w->policy, reg, w->calendar, D(AS_OF), &abs));
    const struct {
        const ssat_decision *d;
        const char *id;
        uint32_t flag;
    } crit[] = {{ref, "referral.r1.attendance", SSAT_BATCH_REFERRAL_R1},
                {ref, "referral.r2.unauthorised", SSAT_BATCH_REFERRAL_R2},
                {abs, "absence.persistent", SSAT_BATCH_PERSISTENT},
                {abs, "absence.severe", SSAT_BATCH_SEVERE}};
    for (size_t k = 0; k < sizeof crit / sizeof crit[0]; k++) {
        const ssat_criterion *c = NULL;
        /* A criterion the policy does not evaluate (severe absence here) is absent: never met. */
        bool met = ssat_decision_find(crit[k].d, crit[k].id, &c) == SSAT_OK && c->outcome == SSAT_OUTCOME_MET;
        ssat_error_clear();
        if (met != ((got->flags & crit[k].flag) != 0))
            fail_msg("pupil %zu: %s is %s per pupil but not in the batch's flags 0x%X", pupil, crit[k].id,
                     met ? "met" : "not met", got->flags);
    }
    ssat_decision_free(ref);
    ssat_decision_free(abs);
}

static void school_equals_runs(void **state)
{
    (void)state;
    world w;
    world_init(&w, NULL);
    runs r;
    runs_make(&r, w.nsessions);
    ssat_school *school = school_of(&w, (const char *const *)r.run, r.n, NULL);

    /* The hand-made runs, back to back, through ssat_batch_evaluate: the reference. */
    char *marks = malloc(r.n * w.nsessions + 1);
    size_t offsets[7] = {0};
    assert_non_null(marks);
    for (size_t i = 0; i < r.n; i++) {
        memcpy(marks + i * w.nsessions, r.run[i], w.nsessions);
        offsets[i + 1] = (i + 1) * w.nsessions;
    }
    ssat_batch_result want[6], got[7];
    size_t want_invalid = 9, invalid = 9;
    assert_ok(ssat_batch_evaluate(w.batch, marks, offsets, r.n, want, 1, &want_invalid));
    assert_int_equal(want_invalid, 0);

    for (uint32_t threads = 0; threads <= 3; threads++) {
        memset(got, 0xA5, sizeof got);
        assert_ok(ssat_batch_evaluate_school(w.batch, school, got, 7, threads, &invalid));
        assert_int_equal(invalid, 0);
        assert_memory_equal(got, want, sizeof want);
        assert_int_equal(got[6].possible, 0xA5A5A5A5u); /* nothing past the school's pupils */
    }
    for (size_t i = 0; i < r.n; i++) {
        /* Pupil i of the school is P<i> (ids sort as numbers are written: six pupils, one digit). */
        char id[24];
        (void)snprintf(id, sizeof id, "P%zu", i);
        assert_string_equal(ssat_school_pupil_id(school, i), id);
        const ssat_register *reg = ssat_school_register(school, i);
        char buf[600];
        size_t len = 0;
        assert_ok(ssat_batch_register_run(w.batch, reg, buf, sizeof buf, &len));
        assert_int_equal(len, w.nsessions);
        assert_int_equal(strlen(buf), w.nsessions);
        assert_string_equal(buf, r.run[i]);
        assert_per_pupil(&w, reg, &got[i], i);
    }
    /* The per-pupil figures are not all alike: the runs exercise the rules. */
    assert_true(got[0].flags & SSAT_BATCH_EVALUABLE);
    assert_false(got[3].flags & SSAT_BATCH_EVALUABLE);
    assert_int_equal(got[3].attendance_tenths, -1);
    assert_true(got[1].missing > 0);
    assert_true(got[2].flags & SSAT_BATCH_PERSISTENT);
    assert_true(got[5].flags & SSAT_BATCH_REFERRAL_R2);

    free(marks);
    runs_free(&r);
    ssat_school_free(school);
    world_free(&w);
}

static void empty_school_and_invalid_codes(void **state)
{
    (void)state;
    world w;
    world_init(&w, NULL);
    ssat_school *school = NULL;
    ssat_batch_result out[1];
    size_t invalid = 9;
    assert_ok(ssat_school_new(w.codes, &school));
    assert_ok(ssat_batch_evaluate_school(w.batch, school, out, 0, 2, &invalid));
    assert_int_equal(invalid, 0);
    ssat_school_free(school);

    /* A school on another code set: its codes are copied, and those the batch does not know are invalid. */
    ssat_codeset *other = NULL;
    assert_ok(ssat_codeset_new("other", NULL, &other));
    assert_ok(ssat_codeset_define(other, "/", SSAT_CATEGORY_PRESENT, 0, "x", "x"));
    assert_ok(ssat_codeset_define(other, "Q", SSAT_CATEGORY_PRESENT, 0, "x", "x"));
    assert_ok(ssat_school_new(other, &school));
    ssat_problems *problems = NULL;
    ssat_import *im = NULL;
    const char *csv = "pupil_id,date,session,mark\nA,2024-09-02,AM,/\nB,2024-09-02,PM,Q\n";
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_import_new(school, SSAT_CSV_AUTO, "r.csv", problems, &im));
    assert_ok(ssat_import_feed(im, csv, strlen(csv)));
    assert_ok(ssat_import_finish(im, NULL));
    ssat_import_free(im);
    ssat_problems_free(problems);
    ssat_batch_result two[2];
    assert_ok(ssat_batch_evaluate_school(w.batch, school, two, 2, 1, &invalid));
    assert_int_equal(invalid, 1);
    assert_int_equal(two[0].attended, 1);
    assert_int_equal(two[1].flags, SSAT_BATCH_INVALID);
    ssat_school_free(school);
    ssat_codeset_free(other);
    world_free(&w);
}

static void errors_name_the_pupil(void **state)
{
    (void)state;
    world w;
    world_init(&w, "XY");
    const size_t ns = w.nsessions;
    char *good = run_make(ns, 0, ns, "/\\");
    char *bad = run_make(ns, 0, ns, "/\\");
    bad[5] = '*'; /* session 5: 2024-09-04 PM, the mark "XY" */
    const char *runs2[] = {good, bad};
    ssat_school *school = school_of(&w, runs2, 2, "XY");
    ssat_batch_result out[2];
    size_t invalid = 9;
    memset(out, 0x5A, sizeof out);
    assert_status_msg(ssat_batch_evaluate_school(w.batch, school, out, 2, 1, &invalid), SSAT_ERR_INVALID_ARG,
                      "pupil P1 (index 1)");
    assert_true(test_message_mentions("\"XY\" of 2024-09-04 PM"));
    assert_true(test_message_mentions("ssat_batch_evaluate_school"));
    assert_int_equal(invalid, 0);
    assert_int_equal(out[0].possible, 0x5A5A5A5Au); /* nothing written on failure */

    char buf[600];
    size_t len = 0;
    assert_status_msg(ssat_batch_register_run(w.batch, ssat_school_register(school, 1), buf, sizeof buf, &len),
                      SSAT_ERR_INVALID_ARG, "\"XY\" of 2024-09-04 PM");
    assert_string_equal(buf, "");
    assert_ok(ssat_batch_register_run(w.batch, ssat_school_register(school, 0), buf, sizeof buf, NULL));
    assert_string_equal(buf, good);

    /* Arguments. */
    const ssat_register *reg = ssat_school_register(school, 0);
    assert_status_msg(ssat_batch_register_run(w.batch, reg, buf, ns, &len), SSAT_ERR_INVALID_ARG, "'cap'");
    assert_int_equal(len, ns); /* the size to allocate, less the NUL */
    assert_status_msg(ssat_batch_register_run(NULL, reg, buf, sizeof buf, &len), SSAT_ERR_INVALID_ARG, "'batch'");
    assert_int_equal(len, 0);
    assert_status_msg(ssat_batch_register_run(w.batch, NULL, buf, sizeof buf, NULL), SSAT_ERR_INVALID_ARG,
                      "'register'");
    assert_status_msg(ssat_batch_register_run(w.batch, reg, NULL, 0, NULL), SSAT_ERR_INVALID_ARG, "'buf'");
    assert_status_msg(ssat_batch_evaluate_school(NULL, school, out, 2, 1, &invalid), SSAT_ERR_INVALID_ARG, "'batch'");
    assert_status_msg(ssat_batch_evaluate_school(w.batch, NULL, out, 2, 1, NULL), SSAT_ERR_INVALID_ARG, "'school'");
    assert_status_msg(ssat_batch_evaluate_school(w.batch, school, NULL, 2, 1, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_batch_evaluate_school(w.batch, school, out, 1, 1, &invalid), SSAT_ERR_INVALID_ARG,
                      "'cap': 1 results cannot hold the school's 2 pupils");
    assert_int_equal(invalid, 0);

    free(good);
    free(bad);
    ssat_school_free(school);
    world_free(&w);
}

/* Each of ssat_batch_evaluate_school's two allocations (with the policy's allocator, which the batch
 * keeps) failing in turn: NOMEM, nothing leaked; and all of it freed on success. */
static void allocation_failure(void **state)
{
    (void)state;
    world w;
    world_init(&w, NULL);
    test_heap heap = {0};
    ssat_allocator a = test_heap_allocator(&heap, true);
    ssat_policy *policy = NULL;
    ssat_batch *b = NULL;
    assert_ok(ssat_policy_builtin("carmarthenshire", &a, &policy));
    assert_ok(ssat_batch_new(w.codes, policy, w.calendar, D(AS_OF), &b));
    char *run = run_make(w.nsessions, 0, w.nsessions, "/\\O");
    const char *one[] = {run};
    ssat_school *school = school_of(&w, one, 1, NULL);
    ssat_batch_result out[1];
    for (size_t k = 1; k <= 2; k++) {
        heap.fail_at = heap.calls + k;
        assert_status_msg(ssat_batch_evaluate_school(b, school, out, 1, 1, NULL), SSAT_ERR_NOMEM,
                          "ssat_batch_evaluate_school");
    }
    heap.fail_at = 0;
    size_t allocs = heap.allocs;
    assert_ok(ssat_batch_evaluate_school(b, school, out, 1, 1, NULL));
    assert_int_equal(heap.allocs, allocs + 2);
    assert_int_equal(out[0].possible, 2 * 75);
    free(run);
    ssat_school_free(school);
    ssat_batch_free(b);
    ssat_policy_free(policy);
    assert_heap_clean(&heap);
    world_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(school_equals_runs),
        cmocka_unit_test(empty_school_and_invalid_codes),
        cmocka_unit_test(errors_name_the_pupil),
        cmocka_unit_test(allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
