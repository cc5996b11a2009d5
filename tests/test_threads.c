/* Concurrency: several threads evaluate distinct registers and apply events to distinct cases against
 * one shared, immutable policy, code set and calendar, and each thread's error message stays its own
 * (also across the refused events and other calls that succeed). Run under ThreadSanitizer in CI
 * (the tsan preset), where any data race fails the test; in ordinary builds it checks that concurrent
 * results equal the single-threaded ones. */
/* These tests call ssat_case_apply() too, the deprecated wrapper kept until the SOVERSION changes. */
#define SSAT_DISABLE_DEPRECATION_WARNINGS
#include "support.h"

#include <pthread.h>
#include <stdlib.h>

#define THREADS 4
#define PUPILS_PER_THREAD 60
#define SESSIONS 380

typedef struct shared {
    const ssat_policy *policy;
    const ssat_codeset *codes; /* frozen: registers were made from it before the threads start */
    const ssat_calendar *calendar;
    ssat_date start, as_of;
} shared;

typedef struct job {
    const shared *s;
    unsigned seed;
    uint64_t digest;   /* what the thread computed */
    int message_ok;    /* its own error message survived the other threads' failures */
} job;

/* A deterministic register string: mostly present, some absence of each kind, "." for closures. */
static void make_marks(unsigned seed, char *marks, size_t n)
{
    static const char alphabet[] = "/\\/\\/\\/\\/\\/\\/\\/\\LIOGNUMHB#Z.";
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        char c = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        marks[i] = (c == '/' || c == '\\') ? (i % 2 == 0 ? '/' : '\\') : c;
    }
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 1099511628211u;
}

/* A case for the pupil: events applied (some refused by their guards), what may happen next, and a
 * save/load round trip, folded into a digest. */
static uint64_t evaluate_case(const shared *s, const ssat_register *reg, unsigned seed)
{
    static const char *const events[] = {"concern_raised", "letter_sent", "meeting_held", "support_offered",
                                         "contract_offered", "contract_refused", "referral_submitted"};
    static const char *const details[] = {NULL, "attendance_concern", "attended", "mentoring", NULL, NULL, NULL};
    ssat_case *c = NULL, *loaded = NULL;
    ssat_decision *next = NULL;
    char *json = NULL;
    uint64_t h = 7;
    if (ssat_case_new("P1", s->policy, &c) != SSAT_OK)
        return 0;
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        ssat_date day = s->start + 7 * (ssat_date)i + (ssat_date)(seed % 3);
        ssat_status st = ssat_case_apply(c, reg, s->calendar, events[i], day, "Ms Jones", "Head of Year",
                                         NULL, details[i], NULL, NULL);
        h = mix(mix(h, (uint64_t)(int64_t)st), (uint64_t)ssat_case_get_state(c));
    }
    if (ssat_case_next(c, reg, s->calendar, s->as_of, NULL, &next) == SSAT_OK)
        for (size_t i = 0; i < ssat_decision_count(next); i++)
            h = mix(h, (uint64_t)ssat_decision_at(next, i)->outcome);
    if (ssat_case_to_json(c, &json) == SSAT_OK &&
        ssat_case_from_json(json, strlen(json), s->policy, &loaded) == SSAT_OK)
        h = mix(h, (uint64_t)ssat_case_equal(c, loaded));
    ssat_free(json);
    ssat_case_free(loaded);
    ssat_decision_free(next);
    ssat_case_free(c);
    return h;
}

/* Evaluate one pupil: its summary, three decisions and a case, folded into a digest. */
static uint64_t evaluate_pupil(const shared *s, unsigned seed)
{
    char marks[SESSIONS];
    ssat_register *reg = NULL;
    ssat_summary *sum = NULL;
    ssat_decision *d[3] = {NULL, NULL, NULL};
    ssat_window ytd;
    uint64_t h = 14695981039346656037u;
    make_marks(seed, marks, sizeof marks);
    if (ssat_register_new(s->codes, &reg) != SSAT_OK ||
        ssat_register_add_marks(reg, s->start, marks, sizeof marks, NULL) != SSAT_OK ||
        ssat_calendar_window_year_to_date(s->calendar, s->as_of, &ytd) != SSAT_OK ||
        ssat_attendance_compute(reg, &ytd, &sum) != SSAT_OK ||
        ssat_referral_evaluate(s->policy, reg, s->calendar, NULL, s->as_of, &d[0]) != SSAT_OK ||
        ssat_absence_evaluate(s->policy, reg, s->calendar, s->as_of, &d[1]) != SSAT_OK ||
        ssat_penalty_evaluate(s->policy, reg, s->calendar, NULL, NULL, s->as_of, &d[2]) != SSAT_OK)
        h = 0; /* any failure makes the digest differ from the single-threaded one */
    const ssat_totals *t = ssat_summary_totals(sum);
    if (t != NULL)
        h = mix(mix(mix(h, t->possible), t->attended), t->unauthorised);
    for (size_t k = 0; k < 3; k++)
        for (size_t i = 0; i < ssat_decision_count(d[k]); i++) {
            const ssat_criterion *c = ssat_decision_at(d[k], i);
            h = mix(mix(h, (uint64_t)c->outcome), (uint64_t)c->value);
            h = mix(h, strlen(c->message_cy));
        }
    for (size_t k = 0; k < 3; k++)
        ssat_decision_free(d[k]);
    h = mix(h, evaluate_case(s, reg, seed));
    ssat_summary_free(sum);
    ssat_register_free(reg);
    return h;
}

/* Calls that succeed on a pupil: none may change the thread's last error message. */
static void successful_calls(const shared *s, unsigned seed)
{
    char marks[SESSIONS];
    ssat_register *reg = NULL;
    ssat_case *c = NULL, *loaded = NULL;
    ssat_decision *d = NULL;
    char *json = NULL;
    make_marks(seed, marks, sizeof marks);
    if (ssat_register_new(s->codes, &reg) == SSAT_OK &&
        ssat_register_add_marks(reg, s->start, marks, sizeof marks, NULL) == SSAT_OK &&
        ssat_referral_evaluate(s->policy, reg, s->calendar, NULL, s->as_of, &d) == SSAT_OK &&
        ssat_case_new("P1", s->policy, &c) == SSAT_OK &&
        ssat_case_apply(c, reg, s->calendar, "concern_raised", s->start, "Ms Jones", "Head of Year", NULL, NULL,
                        NULL, NULL) == SSAT_OK) {
        ssat_decision_free(d);
        d = NULL;
        if (ssat_case_next(c, reg, s->calendar, s->as_of, NULL, &d) == SSAT_OK &&
            ssat_case_to_json(c, &json) == SSAT_OK &&
            ssat_case_from_json(json, strlen(json), s->policy, &loaded) == SSAT_OK)
            (void)ssat_case_equal(c, loaded);
    }
    ssat_free(json);
    ssat_case_free(loaded);
    ssat_case_free(c);
    ssat_decision_free(d);
    ssat_register_free(reg);
}

static void *run_job(void *arg)
{
    job *j = arg;
    char name[32];
    snprintf(name, sizeof name, "thread-%u", j->seed);
    for (unsigned p = 0; p < PUPILS_PER_THREAD; p++)
        j->digest = mix(j->digest, evaluate_pupil(j->s, j->seed * 1000u + p));
    ssat_codeset *none = NULL;
    (void)ssat_codeset_builtin(name, NULL, &none); /* fails, leaving this thread's own message */
    successful_calls(j->s, j->seed);
    j->message_ok = strstr(ssat_error_message(), name) != NULL;
    return NULL;
}

static void concurrent_results_equal_sequential(void **state)
{
    (void)state;
    ssat_policy *policy = NULL;
    ssat_codeset *codes = NULL;
    ssat_calendar *calendar = NULL;
    ssat_register *freeze = NULL;
    assert_ok(ssat_policy_builtin("carmarthenshire", NULL, &policy));
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &codes));
    assert_ok(ssat_register_new(codes, &freeze)); /* freezes the set before it is shared */
    assert_ok(ssat_calendar_new(2024, NULL, &calendar));
    shared s = {policy, codes, calendar, test_date("2024-09-02"), test_date("2025-07-18")};

    job jobs[THREADS];
    uint64_t sequential[THREADS];
    for (unsigned i = 0; i < THREADS; i++) {
        job j = {&s, i + 1, 0, 0};
        run_job(&j);
        sequential[i] = j.digest;
        assert_true(j.message_ok);
        jobs[i] = (job){&s, i + 1, 0, 0};
    }
    pthread_t threads[THREADS];
    for (unsigned i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, run_job, &jobs[i]), 0);
    for (unsigned i = 0; i < THREADS; i++)
        assert_int_equal(pthread_join(threads[i], NULL), 0);
    for (unsigned i = 0; i < THREADS; i++) {
        assert_true(jobs[i].digest == sequential[i]);
        assert_true(jobs[i].message_ok);
        assert_true(jobs[i].digest != 0);
    }
    ssat_register_free(freeze);
    ssat_calendar_free(calendar);
    ssat_codeset_free(codes);
    ssat_policy_free(policy);
}

/* Releasing the last handle on a shared code set from several threads at once frees it exactly once. */
static void *free_register(void *arg)
{
    ssat_register_free(arg);
    return NULL;
}

static void code_set_released_concurrently(void **state)
{
    (void)state;
    for (int round = 0; round < 50; round++) {
        ssat_codeset *codes = NULL;
        ssat_register *regs[THREADS];
        assert_ok(ssat_codeset_builtin("england-2024", NULL, &codes));
        for (int i = 0; i < THREADS; i++)
            assert_ok(ssat_register_new(codes, &regs[i]));
        ssat_codeset_free(codes);
        pthread_t threads[THREADS];
        for (int i = 0; i < THREADS; i++)
            assert_int_equal(pthread_create(&threads[i], NULL, free_register, regs[i]), 0);
        for (int i = 0; i < THREADS; i++)
            assert_int_equal(pthread_join(threads[i], NULL), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(concurrent_results_equal_sequential),
        cmocka_unit_test(code_set_released_concurrently),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
