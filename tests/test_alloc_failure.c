/* Allocation failure along realistic workloads (issue 10): for every N, fail the Nth allocation while
 * loading a register, evaluating it, checking and saving a referral pack, producing a certificate and
 * saving and loading a policy. Every failure must come back as SSAT_ERR_NOMEM with a message, leak
 * nothing, crash nothing, and leave the objects passed in exactly as they were.
 *
 * jansson's own temporary allocations are not failed here: routed through this heap (its allocator
 * hooks are process-global), jansson 2.14 aborts on an assertion in lex_scan_string when one fails.
 * In production jansson uses malloc; every allocation the library itself makes is covered. */
#include "support.h"
#include "heap.h"
#include "evidence_fixture.h"

static test_heap heap; /* the heap behind the library's allocator */

/* What a failed step must not change: the fixture's objects, as text. */
typedef struct snapshot {
    char *pack, *policy;
    size_t entries;
} snapshot;

static snapshot take(const fixture *f)
{
    snapshot s = {NULL, NULL, ssat_register_entry_count(f->reg)};
    size_t saved = heap.fail_at;
    heap.fail_at = 0; /* the snapshot itself must not fail */
    assert_ok(ssat_pack_to_json(f->pack, &s.pack));
    assert_ok(ssat_policy_to_json(f->policy, &s.policy));
    heap.fail_at = saved;
    return s;
}

static void assert_unchanged(const fixture *f, const snapshot *before)
{
    snapshot now = take(f);
    assert_string_equal(now.pack, before->pack);
    assert_string_equal(now.policy, before->policy);
    assert_int_equal(now.entries, before->entries);
    ssat_free(now.pack);
    ssat_free(now.policy);
}

/* One run of the workload; returns the first failure (SSAT_OK when nothing failed). */
static ssat_status workload(fixture *f, const ssat_allocator *alloc)
{
    ssat_status st;
    ssat_register *reg = NULL;
    ssat_summary *sum = NULL;
    ssat_decision *d = NULL;
    ssat_problems *problems = NULL;
    ssat_pupil *pupil = NULL;
    ssat_pack *loaded = NULL;
    ssat_policy *policy = NULL;
    ssat_certificate *cert = NULL;
    char *text = NULL, *html = NULL;
    ssat_window ytd;
    ssat_date as_of = test_date("2025-02-07");
    static const char week[] = "/\\/\\O\\/\\I\\";

    st = ssat_register_new(f->codes, &reg);
    if (st == SSAT_OK)
        st = ssat_problems_new(&problems, alloc);
    if (st == SSAT_OK)
        st = ssat_register_add_marks(reg, test_date("2024-09-09"), week, sizeof week - 1, problems);
    if (st == SSAT_OK)
        st = ssat_calendar_window_year_to_date(f->cal, as_of, &ytd);
    if (st == SSAT_OK)
        st = ssat_attendance_compute(f->reg, &ytd, &sum);
    if (st == SSAT_OK)
        st = ssat_pupil_new("P00001", alloc, &pupil);
    if (st == SSAT_OK)
        st = ssat_pack_check(f->pack, f->policy, f->reg, f->cal, problems, pupil, NULL);
    if (st == SSAT_OK)
        st = ssat_referral_evaluate(f->policy, f->reg, f->cal, pupil, as_of, &d);
    ssat_decision_free(d);
    d = NULL;
    if (st == SSAT_OK)
        st = ssat_penalty_evaluate(f->policy, f->reg, f->cal, pupil, NULL, as_of, &d);
    if (st == SSAT_OK)
        st = ssat_pack_to_json(f->pack, &text);
    if (st == SSAT_OK)
        st = ssat_pack_from_json(text, strlen(text), alloc, &loaded);
    if (st == SSAT_OK)
        assert_true(ssat_pack_equal(loaded, f->pack));
    ssat_free(text);
    text = NULL;
    if (st == SSAT_OK)
        st = ssat_policy_to_json(f->policy, &text);
    if (st == SSAT_OK)
        st = ssat_policy_from_json(text, strlen(text), alloc, &policy);
    if (st == SSAT_OK)
        st = ssat_certificate_new(f->reg, f->cal, &ytd, &cert);
    if (st == SSAT_OK)
        st = ssat_certificate_set(cert, "pupil_name", "Ioan Lewis");
    if (st == SSAT_OK)
        st = ssat_certificate_render(cert, SSAT_CERTIFICATE_HTML, SSAT_LANG_CY, &html);
    if (st != SSAT_OK)
        assert_true(ssat_error_message()[0] != '\0');
    ssat_free(html);
    ssat_certificate_free(cert);
    ssat_policy_free(policy);
    ssat_free(text);
    ssat_pack_free(loaded);
    ssat_pupil_free(pupil);
    ssat_problems_free(problems);
    ssat_decision_free(d);
    ssat_summary_free(sum);
    ssat_register_free(reg);
    return st;
}

static void every_allocation_may_fail(void **state)
{
    (void)state;
    size_t covered = 0;
    bool completed = false;
    for (size_t n = 1; !completed; n++) {
        memset(&heap, 0, sizeof heap);
        ssat_allocator a = test_heap_allocator(&heap, n % 2 == 0); /* with and without realloc */
        fixture f;
        fixture_make(&f, &a);
        snapshot before = take(&f);
        heap.fail_at = heap.calls + n;
        ssat_status st = workload(&f, &a);
        if (st != SSAT_OK) {
            if (st != SSAT_ERR_NOMEM)
                fail_msg("allocation %zu: status %d: %s", n, (int)st, ssat_error_message());
            assert_int_equal(heap.failures, 1);
            covered++;
        } else {
            completed = heap.failures == 0;
        }
        heap.fail_at = 0;
        assert_unchanged(&f, &before);
        ssat_free(before.pack);
        ssat_free(before.policy);
        fixture_free(&f);
        assert_heap_clean(&heap);
        assert_true(n < 100000);
    }
    print_message("allocation failures injected and handled: %zu\n", covered);
    assert_true(covered > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_allocation_may_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
