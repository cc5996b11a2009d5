/* A counting allocator for the tests that can fail the Nth allocation: checks that every block is freed
 * with the size it was allocated with, counts allocations and frees, and tracks the bytes outstanding.
 * Include after support.h. */
#ifndef SSAT_TEST_HEAP_H
#define SSAT_TEST_HEAP_H

#include <stdbool.h>
#include <stdlib.h>

typedef struct test_heap {
    size_t calls;   /* alloc and realloc calls so far */
    size_t fail_at; /* the call number to fail (1-based); 0 = never */
    size_t failures;
    size_t allocs, frees;
    size_t live; /* bytes outstanding */
} test_heap;

/* Keeps the caller's alignment (16, as malloc's on x86-64) and records the size, checked on free. */
#define TEST_HEAP_HDR 16

static inline bool test_heap_should_fail(test_heap *h)
{
    if (++h->calls != h->fail_at)
        return false;
    h->failures++;
    return true;
}

static inline void *test_heap_alloc(void *ctx, size_t n)
{
    test_heap *h = ctx;
    if (test_heap_should_fail(h))
        return NULL;
    unsigned char *b = malloc(n + TEST_HEAP_HDR);
    assert_non_null(b);
    memcpy(b, &n, sizeof n);
    h->allocs++;
    h->live += n;
    return b + TEST_HEAP_HDR;
}

static inline size_t test_heap_size_of(void *p)
{
    size_t n;
    memcpy(&n, (unsigned char *)p - TEST_HEAP_HDR, sizeof n);
    return n;
}

static inline void test_heap_free(void *ctx, void *p, size_t n)
{
    test_heap *h = ctx;
    assert_non_null(p);
    if (test_heap_size_of(p) != n)
        fail_msg("free of %zu bytes, but %zu were allocated", n, test_heap_size_of(p));
    h->frees++;
    h->live -= n;
    free((unsigned char *)p - TEST_HEAP_HDR);
}

static inline void *test_heap_realloc(void *ctx, void *p, size_t old_n, size_t new_n)
{
    test_heap *h = ctx;
    if (test_heap_size_of(p) != old_n)
        fail_msg("realloc from %zu bytes, but %zu were allocated", old_n, test_heap_size_of(p));
    if (test_heap_should_fail(h))
        return NULL;
    unsigned char *b = realloc((unsigned char *)p - TEST_HEAP_HDR, new_n + TEST_HEAP_HDR);
    assert_non_null(b);
    memcpy(b, &new_n, sizeof new_n);
    h->live = h->live - old_n + new_n;
    return b + TEST_HEAP_HDR;
}

/* An allocator over `h`; with_realloc = false leaves realloc NULL (the library then copies). */
static inline ssat_allocator test_heap_allocator(test_heap *h, bool with_realloc)
{
    ssat_allocator a = {sizeof(ssat_allocator), test_heap_alloc, with_realloc ? test_heap_realloc : NULL,
                        test_heap_free, h};
    return a;
}

/* Every allocation was freed. */
#define assert_heap_clean(h)                                                                             \
    do {                                                                                                 \
        assert_int_equal((h)->allocs, (h)->frees);                                                       \
        assert_int_equal((h)->live, 0);                                                                  \
    } while (0)

#endif /* SSAT_TEST_HEAP_H */
