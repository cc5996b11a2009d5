/* ssat_batch_evaluate when threads cannot be created (linked with --wrap=pthread_create, see
 * tests/CMakeLists.txt): the call still succeeds, the calling thread evaluating the share of every
 * thread that did not start, and the results are those of one thread. */
#include "support.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

/* pthread_create as the library sees it: fails when the call number is in `failing` (bit n-1 for the
 * n-th call), else the real one. */
static unsigned calls;
static uint64_t failing;

int __real_pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg);
int __wrap_pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg);

int __wrap_pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
    unsigned n = calls++;
    if (n < 64 && ((failing >> n) & 1u) != 0)
        return EAGAIN;
    return __real_pthread_create(thread, attr, start, arg);
}

static void threads_that_fail(void **state)
{
    (void)state;
    ssat_policy *policy = NULL;
    ssat_codeset *codes = NULL;
    ssat_calendar *calendar = NULL;
    ssat_batch *b = NULL;
    ssat_date as_of = test_date("2025-06-30");
    assert_ok(ssat_policy_builtin("carmarthenshire", NULL, &policy));
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &codes));
    assert_ok(ssat_calendar_new(2024, NULL, &calendar));
    assert_ok(ssat_batch_new(codes, policy, calendar, as_of, &b));
    const size_t n = 500, len = 300;
    static const char alphabet[] = "/\\/\\/\\/\\/\\/\\/\\/\\IOGNULM-.Z";
    char *marks = malloc(n * len);
    size_t *offsets = malloc((n + 1) * sizeof *offsets);
    ssat_batch_result *one = malloc(n * sizeof *one), *many = malloc(n * sizeof *many);
    assert_non_null(marks);
    assert_non_null(offsets);
    assert_non_null(one);
    assert_non_null(many);
    unsigned seed = 7;
    for (size_t i = 0; i < n * len; i++) {
        seed = seed * 1103515245u + 12345u;
        marks[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
    }
    marks[17 * len + 3] = 'q'; /* one invalid pupil */
    for (size_t i = 0; i <= n; i++)
        offsets[i] = i * len;
    size_t inv1 = 0, inv2 = 0;
    assert_ok(ssat_batch_evaluate(b, marks, offsets, n, one, 1, &inv1));
    assert_int_equal(inv1, 1);
    assert_int_equal(calls, 0); /* one thread: none created */
    static const uint64_t patterns[] = {0, ~(uint64_t)0, 0x1, 0x2, 0x5, 0x6};
    for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
        calls = 0;
        failing = patterns[p];
        memset(many, 0, n * sizeof *many);
        assert_ok(ssat_batch_evaluate(b, marks, offsets, n, many, 4, &inv2));
        assert_int_equal(calls, 3); /* the calling thread is the fourth */
        assert_memory_equal(one, many, n * sizeof *one);
        assert_int_equal(inv2, 1);
    }
    free(marks);
    free(offsets);
    free(one);
    free(many);
    ssat_batch_free(b);
    ssat_calendar_free(calendar);
    ssat_codeset_free(codes);
    ssat_policy_free(policy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_that_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
