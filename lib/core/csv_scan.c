/* The CSV tokenizer's scan of a plain row (internal API in core_layer.h, "CSV tokenizer").
 *
 * Rows of an export are nearly always plain: no quote, ASCII, one line. The tokenizer's fast path
 * (csv.c) asks here whether a row is plain and where its commas are, in one pass over the row; the
 * row's fields are then handed on whole (their offsets), not built byte by byte. With SSE2, which every
 * x86-64 has, sixteen bytes are tested at once; elsewhere a word of eight bytes at once, then byte by
 * byte. Both answer the same (tests/test_csv.c compares them on every byte value and row length). A
 * plain row is then split by ssat__csv_split_plain() (core_layer.h), for the tokenizer and the import pipe. */
#include "core_layer.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#define SSAT_CSV_SSE2 1
#endif

/* Not plain: a quote, a control but tab, DEL and every non-ASCII byte; 1 marks a comma. */
enum { F_PLAIN = 0, F_COMMA = 1, F_OTHER = 2 };

static const uint8_t fast_class[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 2, 2, 2, 2, 2, 2,       /* 0x00: controls but tab go the slow way */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,       /* 0x10 */
    0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,       /* 0x20: quote, comma */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,       /* 0x30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,       /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,       /* 0x50 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,       /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,       /* 0x70: DEL */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,       /* 0x80 - 0xFF: not ASCII */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Whether the eight bytes at p may hold a byte that is not F_PLAIN (a comma, quote, control, DEL or
 * non-ASCII byte), tested on the word at once: never false when one is there (a tab, which is plain,
 * also answers true). The usual row has runs of plain bytes (ids, dates) that this skips. */
static bool word_special(const unsigned char *p)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t comma = w ^ (ones * ','), quote = w ^ (ones * '"'), del = w ^ (ones * 0x7F);
    uint64_t zero = ((comma - ones) & ~comma) | ((quote - ones) & ~quote) | ((del - ones) & ~del);
    uint64_t below_space = (w - ones * 0x20) & ~w;
    return ((zero | below_space) & highs) != 0 || (w & highs) != 0;
}

static size_t commas_scalar(const unsigned char *p, size_t n, uint32_t *commas)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t stop = n - i >= 8 ? i + 8 : n;
        if (stop == i + 8 && !word_special(p + i)) {
            i = stop; /* eight plain bytes: nothing to split or refuse */
            continue;
        }
        for (; i < stop; i++) {
            uint8_t cls = fast_class[p[i]];
            if (cls == F_OTHER)
                return SIZE_MAX;
            if (cls == F_COMMA)
                commas[k++] = (uint32_t)i;
        }
    }
    return k;
}

#ifdef SSAT_CSV_SSE2
/* The n (< 16) readable bytes at p, then zeros. Apart, so that the scan keeps no array in memory and
 * runs without a stack guard. */
SSAT__NOINLINE static __m128i load_tail(const unsigned char *p, size_t n)
{
    unsigned char tail[16] = {0};
    memcpy(tail, p, n);
    return _mm_loadu_si128((const __m128i *)(const void *)tail);
}

/* Sixteen bytes at a time. A block is loaded straight from p only while all sixteen bytes are within
 * the `avail` readable ones; the row's last block otherwise goes through a copy. */
static size_t commas_sse2(const unsigned char *p, size_t n, size_t avail, uint32_t *commas)
{
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'), tab = _mm_set1_epi8('\t');
    const __m128i space = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7F);
    size_t k = 0;
    for (size_t i = 0; i < n; i += 16) {
        __m128i v = avail - i >= 16 ? _mm_loadu_si128((const __m128i *)(const void *)(p + i))
                                    : load_tail(p + i, avail - i);
        unsigned keep = n - i >= 16 ? 0xFFFFu : (1u << (n - i)) - 1u;
        /* Signed, so every byte from 0x80 up is below the space too. */
        __m128i low = _mm_andnot_si128(_mm_cmpeq_epi8(v, tab), _mm_cmplt_epi8(v, space));
        __m128i other = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, del)));
        if (((unsigned)_mm_movemask_epi8(other) & keep) != 0)
            return SIZE_MAX;
        for (unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)) & keep; m != 0; m &= m - 1)
            commas[k++] = (uint32_t)(i + (size_t)__builtin_ctz(m));
    }
    return k;
}
#endif

size_t ssat__csv_plain_commas(const unsigned char *p, size_t n, size_t avail, uint32_t *commas, bool vector)
{
#ifdef SSAT_CSV_SSE2
    if (vector)
        return commas_sse2(p, n, avail, commas);
#else
    (void)vector;
#endif
    (void)avail;
    return commas_scalar(p, n, commas);
}
