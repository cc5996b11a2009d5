/* Shared helpers for the cmocka tests. Each tests/test_<name>.c mirrors lib/<layer>/<name>.c. */
#ifndef SSAT_TEST_SUPPORT_H
#define SSAT_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ssat.h"

/* True when the thread's last message contains `needle` (always true for a NULL needle). A function,
 * not a macro, so a literal NULL never reaches strstr (gcc's -Wnonnull). */
static inline int test_message_mentions(const char *needle)
{
    return needle == NULL || strstr(ssat_error_message(), needle) != NULL;
}

/* Assert that `call` returns `expected` and that, on failure, the thread's message contains `needle`
 * (the argument or field the failure must name). */
#define assert_status_msg(call, expected, needle)                                                    \
    do {                                                                                             \
        ssat_error_clear();                                                                          \
        ssat_status st_ = (call);                                                                    \
        if (st_ != (expected))                                                                       \
            fail_msg("%s returned %d (%s), expected %d; message: %s", #call, (int)st_,               \
                     ssat_status_str(st_), (int)(expected), ssat_error_message());                   \
        if (!test_message_mentions(needle))                                                          \
            fail_msg("%s: message \"%s\" does not mention \"%s\"", #call, ssat_error_message(),      \
                     (const char *)(needle));                                                        \
    } while (0)

/* Assert that `call` succeeds. Success leaves no message to check, so the status alone is tested, and
 * the thread's message is not cleared first (a test may read one kept across a successful call). */
#define assert_ok(call)                                                                                  \
    do {                                                                                                 \
        ssat_status ok_ = (call);                                                                        \
        if (ok_ != SSAT_OK)                                                                              \
            fail_msg("%s returned %d (%s): %s", #call, (int)ok_, ssat_status_str(ok_), ssat_error_message()); \
    } while (0)

/* Parse an ISO date that the test knows is valid. */
static inline ssat_date test_date(const char *iso)
{
    ssat_date d = 0;
    if (ssat_date_parse(iso, &d) != SSAT_OK)
        fail_msg("test_date(\"%s\"): %s", iso, ssat_error_message());
    return d;
}

/* A register on a built-in code set; the caller's handle on the set is released at once, as the
 * register keeps the set alive. */
static inline ssat_register *test_register_new(const char *set_name)
{
    ssat_codeset *set = NULL;
    ssat_register *reg = NULL;
    assert_ok(ssat_codeset_builtin(set_name, NULL, &set));
    assert_ok(ssat_register_new(set, &reg));
    ssat_codeset_free(set);
    return reg;
}

/* Assert that a window runs from `first` (ISO date) `fh` to `last` `lh`. */
static inline void assert_window(const ssat_window *w, const char *first, ssat_half fh, const char *last,
                                 ssat_half lh)
{
    assert_int_equal(w->first_date, test_date(first));
    assert_int_equal(w->first_half, fh);
    assert_int_equal(w->last_date, test_date(last));
    assert_int_equal(w->last_half, lh);
}

/* Assert that a window is all zero (what a failed call leaves). */
static inline void assert_window_zero(const ssat_window *w)
{
    assert_int_equal(w->first_date, 0);
    assert_int_equal(w->first_half, SSAT_AM);
    assert_int_equal(w->last_date, 0);
    assert_int_equal(w->last_half, SSAT_AM);
}

#endif /* SSAT_TEST_SUPPORT_H */
