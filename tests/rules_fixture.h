/* A school for the rule tests (test_referral.c, test_absence.c, test_penalty.c, test_projection.c):
 * school year 2024/25 with the authority's own terms and an autumn half-term, a built-in policy, its
 * code set, one pupil's register filled session by session over school days, a pupil and a parent.
 * Include after support.h.
 *
 * Terms: autumn 2024-09-02..2024-12-20 (half-term 2024-10-28..11-01: 75 school days), spring
 * 2025-01-06..2025-04-11 (70), summer 2025-04-28..2025-07-18 (60). */
#ifndef SSAT_TEST_RULES_FIXTURE_H
#define SSAT_TEST_RULES_FIXTURE_H

#include <stdbool.h>
#include <stdlib.h>

#include "ssat/rules.h"

#define D(iso) test_date(iso)

typedef struct fixture {
    ssat_policy *policy;
    ssat_calendar *calendar;
    ssat_codeset *codes;
    ssat_register *reg;
    ssat_pupil *pupil;
    ssat_parent *parent;
    ssat_date next;      /* the next session to fill */
    ssat_half next_half;
    ssat_date last;      /* the day of the last session filled (0 before any) */
    ssat_decision *decision;
} fixture;

/* The calendar of the school year before (2023/24) for England's limb window across 1 August
 * (docs/rules.md, worked example): its summer term runs to Friday 19 July 2024, so on Wednesday 25
 * September 2024 the last 10 school weeks are this year's four and the weeks of 10 June to 15 July. */
static inline ssat_calendar *fixture_previous_calendar(void)
{
    ssat_calendar *c = NULL;
    assert_ok(ssat_calendar_new(2023, NULL, &c));
    ssat_calendar_clear_terms(c);
    assert_ok(ssat_calendar_add_term(c, "autumn", D("2023-09-04"), D("2023-12-20")));
    assert_ok(ssat_calendar_add_term(c, "spring", D("2024-01-08"), D("2024-03-22")));
    assert_ok(ssat_calendar_add_term(c, "summer", D("2024-04-08"), D("2024-07-19")));
    return c;
}

static inline ssat_calendar *fixture_calendar(void)
{
    ssat_calendar *c = NULL;
    assert_ok(ssat_calendar_new(2024, NULL, &c));
    ssat_calendar_clear_terms(c);
    assert_ok(ssat_calendar_add_term(c, "autumn", D("2024-09-02"), D("2024-12-20")));
    assert_ok(ssat_calendar_add_term(c, "spring", D("2025-01-06"), D("2025-04-11")));
    assert_ok(ssat_calendar_add_term(c, "summer", D("2025-04-28"), D("2025-07-18")));
    assert_ok(ssat_calendar_add_closure(c, D("2024-10-28"), D("2024-11-01")));
    return c;
}

/* A fixture over built-in policy `policy_name` whose register uses the policy's code set. The pupil
 * (id "P1") is of compulsory school age, on roll, and every school fact is yes; the parent ("M1") has
 * no history. */
static inline void fixture_init(fixture *f, const char *policy_name)
{
    memset(f, 0, sizeof *f);
    const char *set = NULL;
    assert_ok(ssat_policy_builtin(policy_name, NULL, &f->policy));
    assert_ok(ssat_policy_get_text(f->policy, "code_set", &set));
    assert_ok(ssat_codeset_builtin(set, NULL, &f->codes));
    assert_ok(ssat_register_new(f->codes, &f->reg));
    f->calendar = fixture_calendar();
    assert_ok(ssat_pupil_new("P1", NULL, &f->pupil));
    assert_ok(ssat_pupil_set_date_of_birth(f->pupil, D("2012-05-01")));
    for (int k = 0; k < SSAT_PUPIL_FACT_COUNT; k++)
        assert_ok(ssat_pupil_set_fact(f->pupil, (ssat_pupil_fact)k, SSAT_FACT_YES));
    assert_ok(ssat_parent_new("M1", NULL, &f->parent));
    f->next = D("2024-09-02");
    f->next_half = SSAT_AM;
}

static inline void fixture_free(fixture *f)
{
    ssat_decision_free(f->decision);
    ssat_parent_free(f->parent);
    ssat_pupil_free(f->pupil);
    ssat_register_free(f->reg);
    ssat_codeset_free(f->codes);
    ssat_calendar_free(f->calendar);
    ssat_policy_free(f->policy);
    memset(f, 0, sizeof *f);
}

static inline int fixture_is_school_day(const fixture *f, ssat_date d)
{
    int32_t v = 0;
    assert_ok(ssat_calendar_is_school_day(f->calendar, d, &v));
    return v;
}

/* Move the cursor to the next school-day session at or after it. */
static inline void fixture_skip_to_school_day(fixture *f)
{
    while (!fixture_is_school_day(f, f->next)) {
        f->next++;
        f->next_half = SSAT_AM;
    }
}

/* Fill the next n school-day sessions with `code` ("-" for a missing mark). */
static inline void fixture_add(fixture *f, const char *code, int n)
{
    for (int i = 0; i < n; i++) {
        fixture_skip_to_school_day(f);
        assert_ok(ssat_register_add_mark(f->reg, f->next, f->next_half, code));
        f->last = f->next;
        if (f->next_half == SSAT_AM) {
            f->next_half = SSAT_PM;
        } else {
            f->next_half = SSAT_AM;
            f->next++;
        }
    }
}

/* Skip n school-day sessions without marks (a gap in the register). */
static inline void fixture_skip(fixture *f, int n)
{
    for (int i = 0; i < n; i++) {
        fixture_skip_to_school_day(f);
        if (f->next_half == SSAT_AM) {
            f->next_half = SSAT_PM;
        } else {
            f->next_half = SSAT_AM;
            f->next++;
        }
    }
}

static inline void fixture_set_int(fixture *f, const char *key, int64_t v)
{
    assert_ok(ssat_policy_set_int(f->policy, key, v));
}

static inline void fixture_set_bool(fixture *f, const char *key, int32_t v)
{
    assert_ok(ssat_policy_set_bool(f->policy, key, v));
}

/* The criterion `id` of the fixture's decision; fails the test when absent. */
static inline const ssat_criterion *fixture_crit(const fixture *f, const char *id)
{
    const ssat_criterion *c = NULL;
    assert_non_null(f->decision);
    if (ssat_decision_find(f->decision, id, &c) != SSAT_OK)
        fail_msg("decision has no criterion %s: %s", id, ssat_error_message());
    return c;
}

/* Assert a criterion's outcome, and that its English message contains `en` (NULL: no check). The Welsh
 * message must never be empty. */
static inline void assert_crit(const fixture *f, const char *id, ssat_outcome outcome, const char *en)
{
    const ssat_criterion *c = fixture_crit(f, id);
    if (c->outcome != outcome)
        fail_msg("%s: outcome %d, expected %d; message: %s", id, (int)c->outcome, (int)outcome, c->message_en);
    if (en != NULL && strstr(c->message_en, en) == NULL)
        fail_msg("%s: message \"%s\" does not contain \"%s\"", id, c->message_en, en);
    assert_true(strlen(c->message_cy) > 0);
    assert_true(strchr(c->message_en, '{') == NULL); /* every placeholder was filled */
    assert_true(strchr(c->message_cy, '{') == NULL);
}

static inline void assert_crit_cy(const fixture *f, const char *id, const char *cy)
{
    const ssat_criterion *c = fixture_crit(f, id);
    if (strstr(c->message_cy, cy) == NULL)
        fail_msg("%s: Welsh message \"%s\" does not contain \"%s\"", id, c->message_cy, cy);
}

/* A failing allocator: fails every allocation from call number fail_at on (0 = never), counts the
 * bytes outstanding so a test can check that failures leak nothing. */
typedef struct fail_heap {
    size_t calls, fail_at, live;
} fail_heap;

static inline void *fail_heap_alloc(void *ctx, size_t n)
{
    fail_heap *h = ctx;
    if (h->fail_at != 0 && ++h->calls >= h->fail_at)
        return NULL;
    size_t *b = malloc(n + sizeof(max_align_t));
    assert_non_null(b);
    *b = n;
    h->live += n;
    return (char *)b + sizeof(max_align_t);
}

static inline void fail_heap_free(void *ctx, void *p, size_t n)
{
    fail_heap *h = ctx;
    size_t *b = (size_t *)(void *)((char *)p - sizeof(max_align_t));
    assert_int_equal(*b, n);
    h->live -= n;
    free(b);
}

static inline ssat_allocator fail_heap_allocator(fail_heap *h)
{
    ssat_allocator a = {sizeof(ssat_allocator), fail_heap_alloc, NULL, fail_heap_free, h};
    return a;
}

/* Replace the fixture's policy by a copy of the same built-in made with a failing allocator. */
static inline void fixture_use_heap(fixture *f, fail_heap *h, const char *policy_name)
{
    ssat_allocator a = fail_heap_allocator(h);
    ssat_policy_free(f->policy);
    f->policy = NULL;
    assert_ok(ssat_policy_builtin(policy_name, &a, &f->policy));
}

#endif /* SSAT_TEST_RULES_FIXTURE_H */
