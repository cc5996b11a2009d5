/* Tests of ssat_free() and the caller-owned blocks of lib/core/alloc.c: NULL, blocks from the C library's
 * allocator, and blocks from custom allocators freed after the object that produced them. */
#include "support.h"
#include "heap.h"

#include <stdalign.h>
#include <stddef.h>

#include "core_layer.h"

static void free_null_does_nothing(void **state)
{
    (void)state;
    ssat_free(NULL);
    ssat_free(NULL);
}

/* Blocks from the default allocator (libc), freed before and after their policy. */
static void libc_blocks(void **state)
{
    (void)state;
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_builtin(NULL, NULL, &p));
    char *json = NULL, *value = NULL;
    assert_ok(ssat_policy_to_json(p, &json));
    assert_ok(ssat_policy_get_value_text(p, "referral.attendance.threshold", &value));
    assert_string_equal(value, "85");
    ssat_free(value);
    ssat_policy_free(p);
    assert_non_null(strstr(json, "\"ssat-policy\""));
    ssat_free(json);
}

/* Two policies with two allocators: each block goes back to the allocator that made it, whatever the
 * order, after both policies are gone. */
static void custom_blocks_outlive_their_producer(void **state)
{
    (void)state;
    test_heap h1 = {0}, h2 = {0};
    ssat_allocator a1 = test_heap_allocator(&h1, true), a2 = test_heap_allocator(&h2, false);
    ssat_policy *p1 = NULL, *p2 = NULL;
    assert_ok(ssat_policy_builtin("wales", &a1, &p1));
    assert_ok(ssat_policy_builtin("england-2024", &a2, &p2));
    size_t n1 = h1.allocs, n2 = h2.allocs;
    char *j1 = NULL, *j2 = NULL, *v1 = NULL, *v2 = NULL;
    assert_ok(ssat_policy_to_json(p1, &j1));
    assert_ok(ssat_policy_get_value_text(p1, "code_set", &v1));
    assert_ok(ssat_policy_to_json(p2, &j2));
    assert_ok(ssat_policy_get_value_text(p2, "code_set", &v2));
    assert_int_equal(h1.allocs, n1 + 2);
    assert_int_equal(h2.allocs, n2 + 2);
    ssat_policy_free(p1);
    ssat_policy_free(p2);
    assert_int_equal(h1.allocs - h1.frees, 2);
    assert_int_equal(h2.allocs - h2.frees, 2);
    assert_string_equal(v1, "wales-2010");
    assert_string_equal(v2, "england-2024");
    ssat_free(v2);
    assert_int_equal(h2.allocs - h2.frees, 1);
    assert_int_equal(h1.allocs - h1.frees, 2);
    ssat_free(j1);
    ssat_free(v1);
    ssat_free(j2);
    assert_heap_clean(&h1);
    assert_heap_clean(&h2);
}

/* The internal helpers behind those blocks: aligned for any type, any size including 0, and copies. */
static void owned_block_helpers(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator user = test_heap_allocator(&h, true);
    ssat__alloc a;
    assert_ok(ssat__alloc_resolve(&a, &user, "test"));
    for (size_t n = 0; n < 100; n += 7) {
        unsigned char *b = ssat__owned_alloc(&a, n);
        assert_non_null(b);
        assert_int_equal((uintptr_t)b % alignof(max_align_t), 0);
        memset(b, 0xAB, n);
        ssat_free(b);
    }
    char *s = ssat__owned_strndup(&a, "abcdef", 3);
    assert_string_equal(s, "abc");
    ssat_free(s);
    s = ssat__owned_strndup(&a, "", 0);
    assert_string_equal(s, "");
    ssat_free(s);
    /* Sizes that cannot be allocated are refused, not wrapped. */
    assert_null(ssat__owned_alloc(&a, SIZE_MAX));
    assert_null(ssat__owned_alloc(&a, SIZE_MAX - 8));
    assert_null(ssat__owned_strndup(&a, "x", SIZE_MAX));
    /* A failing allocation gives NULL. */
    h.fail_at = h.calls + 1;
    assert_null(ssat__owned_alloc(&a, 10));
    assert_heap_clean(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(free_null_does_nothing),
        cmocka_unit_test(libc_blocks),
        cmocka_unit_test(custom_blocks_outlive_their_producer),
        cmocka_unit_test(owned_block_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
