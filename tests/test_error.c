/* Tests of lib/core/error.c: the status strings, and the per-thread message and status of the last failure
 * (a failure on one thread never changes another thread's message). */
#include "support.h"

#include "core_layer.h"

#include <pthread.h>

static void status_strings(void **state)
{
    (void)state;
    static const struct {
        ssat_status status;
        const char *text;
    } expected[] = {
        {SSAT_OK, "ok"},
        {SSAT_ERR_NOMEM, "out of memory"},
        {SSAT_ERR_INVALID_ARG, "invalid argument"},
        {SSAT_ERR_PARSE, "parse error"},
        {SSAT_ERR_NOT_EVALUABLE, "not evaluable"},
        {SSAT_ERR_STATE, "invalid state"},
        {SSAT_ERR_RANGE, "out of range"},
        {SSAT_ERR_UNKNOWN_CODE, "unknown attendance code"},
        {SSAT_ERR_DUPLICATE, "duplicate"},
        {SSAT_ERR_NOT_FOUND, "not found"},
        {SSAT_ERR_INVALID_DATA, "invalid data"},
    };
    /* The values are pinned forever (errors.h): check them as numbers too. */
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        assert_int_equal((int)expected[i].status, -(int)i);
        assert_string_equal(ssat_status_str(expected[i].status), expected[i].text);
    }
    assert_string_equal(ssat_status_str((ssat_status)1), "unknown status");
    assert_string_equal(ssat_status_str((ssat_status)-11), "unknown status");
    assert_string_equal(ssat_status_str((ssat_status)INT32_MIN), "unknown status");
}

static void message_of_the_last_failure(void **state)
{
    (void)state;
    ssat_error_clear();
    assert_string_equal(ssat_error_message(), "");
    assert_int_equal(ssat_error_status(), SSAT_OK);
    ssat_codeset *set = NULL;
    assert_int_equal(ssat_codeset_builtin("nowhere", NULL, &set), SSAT_ERR_NOT_FOUND);
    assert_non_null(strstr(ssat_error_message(), "ssat_codeset_builtin: argument 'name'"));
    assert_int_equal(ssat_error_status(), SSAT_ERR_NOT_FOUND);
    /* A later failure replaces it. */
    assert_int_equal(ssat_codeset_new(NULL, NULL, &set), SSAT_ERR_INVALID_ARG);
    assert_string_equal(ssat_error_message(), "ssat_codeset_new: argument 'name' is NULL");
    assert_int_equal(ssat_error_status(), SSAT_ERR_INVALID_ARG);
    ssat_error_clear();
    assert_string_equal(ssat_error_message(), "");
    assert_int_equal(ssat_error_status(), SSAT_OK);
}

static void internal_helpers(void **state)
{
    (void)state;
    assert_int_equal(ssat__null_arg("ssat_f", "x"), SSAT_ERR_INVALID_ARG);
    assert_string_equal(ssat_error_message(), "ssat_f: argument 'x' is NULL");
    assert_int_equal(ssat__nomem("ssat_g"), SSAT_ERR_NOMEM);
    assert_string_equal(ssat_error_message(), "ssat_g: out of memory");
    assert_int_equal(ssat_error_status(), SSAT_ERR_NOMEM);
    /* A message longer than the buffer is cut, never overflowed. */
    char long_text[2000];
    memset(long_text, 'a', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    assert_int_equal(ssat__error(SSAT_ERR_RANGE, "%s", long_text), SSAT_ERR_RANGE);
    assert_true(strlen(ssat_error_message()) > 100);
    assert_true(strlen(ssat_error_message()) < sizeof long_text - 1);
    ssat_error_clear();
}

/* What a thread saw: its message before and after its own failure. */
typedef struct thread_result {
    char before[128];
    char after[256];
    ssat_status status_after;
} thread_result;

static void *fail_on_thread(void *arg)
{
    thread_result *r = arg;
    snprintf(r->before, sizeof r->before, "%s", ssat_error_message());
    int32_t out = 0;
    (void)ssat_percent_tenths(3, 2, &out); /* fails on this thread */
    snprintf(r->after, sizeof r->after, "%s", ssat_error_message());
    r->status_after = ssat_error_status();
    return NULL;
}

static void messages_are_per_thread(void **state)
{
    (void)state;
    ssat_codeset *set = NULL;
    assert_int_equal(ssat_codeset_builtin("nowhere", NULL, &set), SSAT_ERR_NOT_FOUND);
    char mine[256];
    snprintf(mine, sizeof mine, "%s", ssat_error_message());
    enum { N = 4 };
    pthread_t threads[N];
    thread_result results[N];
    memset(results, 0, sizeof results);
    for (int i = 0; i < N; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, fail_on_thread, &results[i]), 0);
    for (int i = 0; i < N; i++)
        assert_int_equal(pthread_join(threads[i], NULL), 0);
    for (int i = 0; i < N; i++) {
        assert_string_equal(results[i].before, ""); /* a new thread starts with no failure */
        assert_non_null(strstr(results[i].after, "ssat_percent_tenths: argument 'part'"));
        assert_int_equal(results[i].status_after, SSAT_ERR_INVALID_ARG);
    }
    /* This thread's message and status are untouched by the other threads' failures. */
    assert_string_equal(ssat_error_message(), mine);
    assert_int_equal(ssat_error_status(), SSAT_ERR_NOT_FOUND);
    ssat_error_clear();
}

static void *clear_on_thread(void *arg)
{
    (void)arg;
    ssat_error_clear();
    return NULL;
}

static void clear_is_per_thread(void **state)
{
    (void)state;
    int32_t out = 0;
    assert_int_equal(ssat_percent_tenths(0, 0, &out), SSAT_ERR_NOT_EVALUABLE);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, clear_on_thread, NULL), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(ssat_error_status(), SSAT_ERR_NOT_EVALUABLE);
    assert_non_null(strstr(ssat_error_message(), "ssat_percent_tenths"));
    ssat_error_clear();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_strings),
        cmocka_unit_test(message_of_the_last_failure),
        cmocka_unit_test(internal_helpers),
        cmocka_unit_test(messages_are_per_thread),
        cmocka_unit_test(clear_is_per_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
