/* Allocation through the caller's allocator (or libc). Every allocation in the library goes through
 * here so that a test allocator can fail the Nth one and count leaks. */
#include "core_layer.h"

#include <stddef.h>
#include <stdlib.h>

static void *libc_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

static void *libc_realloc(void *ctx, void *p, size_t old_n, size_t new_n)
{
    (void)ctx;
    (void)old_n;
    return realloc(p, new_n);
}

static void libc_free(void *ctx, void *p, size_t n)
{
    (void)ctx;
    (void)n;
    free(p);
}

bool ssat__alloc_is_libc(const ssat__alloc *a)
{
    return a->alloc == libc_alloc && a->free == libc_free;
}

ssat_status ssat__alloc_resolve(ssat__alloc *out, const ssat_allocator *user, const char *fn)
{
    if (user == NULL) {
        out->alloc = libc_alloc;
        out->realloc = libc_realloc;
        out->free = libc_free;
        out->ctx = NULL;
        return SSAT_OK;
    }
    /* The size field lets later versions add members; anything smaller than version 1 is a bug. */
    if (user->size < sizeof(ssat_allocator))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'alloc': size is %zu, expected %zu", fn,
                           user->size, sizeof(ssat_allocator));
    if (user->alloc == NULL || user->free == NULL)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'alloc': alloc and free must not be NULL", fn);
    out->alloc = user->alloc;
    out->realloc = user->realloc;
    out->free = user->free;
    out->ctx = user->ctx;
    return SSAT_OK;
}

ssat_status ssat__root_new(const ssat_allocator *alloc, size_t size, size_t alloc_at, bool out_given, const char *fn,
                           void **obj)
{
    *obj = NULL;
    if (!out_given)
        return ssat__null_arg(fn, "out");
    ssat__alloc a;
    ssat_status st = ssat__alloc_resolve(&a, alloc, fn);
    if (st != SSAT_OK)
        return st;
    unsigned char *p = ssat__calloc(&a, 1, size);
    if (p == NULL)
        return ssat__nomem(fn);
    memcpy(p + alloc_at, &a, sizeof a);
    *obj = p;
    return SSAT_OK;
}

void *ssat__malloc(const ssat__alloc *a, size_t n)
{
    return n == 0 ? NULL : a->alloc(a->ctx, n);
}

void *ssat__calloc(const ssat__alloc *a, size_t count, size_t size)
{
    if (count == 0 || size == 0 || count > SIZE_MAX / size)
        return NULL;
    void *p = a->alloc(a->ctx, count * size);
    if (p != NULL)
        memset(p, 0, count * size);
    return p;
}

void *ssat__realloc(const ssat__alloc *a, void *p, size_t old_n, size_t new_n)
{
    if (p == NULL)
        return ssat__malloc(a, new_n);
    if (new_n == 0)
        return NULL;
    if (a->realloc != NULL)
        return a->realloc(a->ctx, p, old_n, new_n);
    void *q = a->alloc(a->ctx, new_n);
    if (q == NULL)
        return NULL;
    memcpy(q, p, old_n < new_n ? old_n : new_n);
    a->free(a->ctx, p, old_n);
    return q;
}

void ssat__free(const ssat__alloc *a, void *p, size_t n)
{
    if (p != NULL)
        a->free(a->ctx, p, n);
}

char *ssat__strdup(const ssat__alloc *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = ssat__malloc(a, n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

void ssat__free_str(const ssat__alloc *a, char *s)
{
    if (s != NULL)
        a->free(a->ctx, s, strlen(s) + 1);
}

bool ssat__grow(const ssat__alloc *a, void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2)
            return false;
        new_cap *= 2;
    }
    if (new_cap > SIZE_MAX / elem)
        return false;
    void *p = ssat__realloc(a, *items, *cap * elem, new_cap * elem);
    if (p == NULL)
        return false;
    *items = p;
    *cap = new_cap;
    return true;
}

/* The header of a caller-owned block. The union keeps the payload aligned for any type. */
typedef union owned_header {
    struct {
        ssat__alloc alloc;
        size_t size; /* whole block, header included */
    } h;
    max_align_t align;
} owned_header;

void *ssat__owned_alloc(const ssat__alloc *a, size_t n)
{
    if (n > SIZE_MAX - sizeof(owned_header))
        return NULL;
    owned_header *hdr = ssat__malloc(a, sizeof(owned_header) + n);
    if (hdr == NULL)
        return NULL;
    hdr->h.alloc = *a;
    hdr->h.size = sizeof(owned_header) + n;
    return hdr + 1;
}

char *ssat__owned_strndup(const ssat__alloc *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *d = ssat__owned_alloc(a, len + 1);
    if (d != NULL) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

void ssat_free(void *block)
{
    if (block == NULL)
        return;
    owned_header *hdr = (owned_header *)block - 1;
    ssat__alloc a = hdr->h.alloc; /* copy first: the header is part of what is freed */
    a.free(a.ctx, hdr, hdr->h.size);
}
