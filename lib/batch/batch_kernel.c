/* Batch evaluation (include/ssat/batch.h): the kernels that count a pupil's run by byte class at the
 * cuts and apply finish(): portable C, AVX2 and AVX-512, with identical results (batch_internal.h). */
#include "batch_internal.h"

/* ---- the portable kernel ------------------------------------------------------------------------- */

/* Byte-wide counters of one word, at most 255 bytes at a time, then moved into the 10-bit fields. */
static bool scalar_run(const ssat_batch *b, const unsigned char *p, size_t len, uint64_t *cum)
{
    uint64_t total = 0, invalid = 0;
    size_t pos = 0;
    cum[0] = 0;
    for (size_t k = 1; k < b->ncuts; k++) {
        size_t end = b->cuts[k] < len ? b->cuts[k] : len;
        while (pos < end) {
            size_t stop = end - pos > 255 ? pos + 255 : end;
            uint64_t acc = 0;
            for (; pos < stop; pos++)
                acc += b->lut[p[pos]];
            total += (acc & 0xFF) | (acc >> 8 & 0xFF) << 10 | (acc >> 16 & 0xFF) << 20 | (acc >> 24 & 0xFF) << 30 |
                     (acc >> 32 & 0xFF) << 40 | (acc >> 40 & 0xFF) << 50;
            invalid |= acc >> 48;
        }
        cum[k] = total;
    }
    for (; pos < len; pos++) /* after the last window: only whether every byte is a code */
        invalid |= b->klass[p[pos]] == CLASS_INVALID;
    return invalid != 0;
}

size_t ssat__batch_scalar_pupils(const batch_job *j)
{
    size_t invalid = 0;
    uint64_t cum[CUTS_MAX];
    for (size_t i = j->first; i < j->last; i++) {
        bool bad = scalar_run(j->batch, j->marks + j->offsets[i], j->offsets[i + 1] - j->offsets[i], cum);
        finish(j->batch, cum, bad, &j->out[i]);
        invalid += bad;
    }
    return invalid;
}

#if BATCH_X86
/* The SIMD kernels keep every accumulator and table in a named vector variable: arrays of vectors
 * indexed in loops were left on the stack by gcc -O2 (measured: half the time went to reloading
 * them). */

/* ---- AVX2 ---------------------------------------------------------------------------------------- */

/* Masks that keep the first n (ones_then_zeros + 32 - n) or last n (zeros_then_ones + n) of 32 bytes. */
static const unsigned char ones_then_zeros[64] = {
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255};
static const unsigned char zeros_then_ones[64] = {
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255};

#define AVX2_FN __attribute__((target("avx2")))
#define AVX2_INLINE static inline __attribute__((always_inline, target("avx2")))

typedef struct avx2_tables {
    __m256i class0, class1, class2, class3, class4, class5; /* classes of each used row by low nibble */
    __m256i hi0, hi1, hi2, hi3, hi4, hi5;                   /* the rows' high nibbles */
    __m256i weight0, weight1, weight2, nibble, dots;
} avx2_tables;

/* Two classes per byte lane, as nibbles (so at most 15 vectors between flushes); the 10-bit fields
 * per 64-bit lane, as the word of the cuts; the least class seen (0: an invalid byte). */
typedef struct avx2_state {
    __m256i acc0, acc1, acc2, total, min;
} avx2_state;

AVX2_INLINE __m256i avx2_load(const unsigned char *p)
{
    return _mm256_loadu_si256((const void *)p);
}

AVX2_INLINE __m256i avx2_row(__m256i hi, __m256i row_hi, __m256i row_class, __m256i v)
{
    return _mm256_and_si256(_mm256_cmpeq_epi8(hi, row_hi), _mm256_shuffle_epi8(row_class, v));
}

/* The class of each of 32 bytes: pshufb looks a byte's low nibble up in its row's table (a byte with
 * bit 7 set gives 0); only the row of the byte's high nibble is kept. nrows is a constant in every
 * caller, so the unused rows compile away. */
AVX2_INLINE __m256i avx2_classify(const avx2_tables *t, __m256i v, size_t nrows)
{
    __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), t->nibble);
    __m256i c = avx2_row(hi, t->hi0, t->class0, v);
    if (nrows > 1)
        c = _mm256_or_si256(c, avx2_row(hi, t->hi1, t->class1, v));
    if (nrows > 2)
        c = _mm256_or_si256(c, avx2_row(hi, t->hi2, t->class2, v));
    if (nrows > 3)
        c = _mm256_or_si256(c, avx2_row(hi, t->hi3, t->class3, v));
    if (nrows > 4)
        c = _mm256_or_si256(c, avx2_row(hi, t->hi4, t->class4, v));
    if (nrows > 5)
        c = _mm256_or_si256(c, avx2_row(hi, t->hi5, t->class5, v));
    return c;
}

AVX2_INLINE void avx2_count(avx2_state *s, const avx2_tables *t, __m256i c)
{
    s->acc0 = _mm256_add_epi8(s->acc0, _mm256_shuffle_epi8(t->weight0, c));
    s->acc1 = _mm256_add_epi8(s->acc1, _mm256_shuffle_epi8(t->weight1, c));
    s->acc2 = _mm256_add_epi8(s->acc2, _mm256_shuffle_epi8(t->weight2, c));
    s->min = _mm256_min_epu8(s->min, c);
}

/* psadbw sums each 8 byte lanes: of the low nibbles a count, of the high nibbles 16 times one, which
 * a shift 4 less puts in its 10-bit field. */
AVX2_INLINE __m256i avx2_field(const avx2_tables *t, __m256i acc, int shift)
{
    return _mm256_slli_epi64(_mm256_sad_epu8(_mm256_and_si256(acc, t->nibble), _mm256_setzero_si256()), shift);
}

AVX2_INLINE __m256i avx2_field16(const avx2_tables *t, __m256i acc, int shift)
{
    return _mm256_slli_epi64(_mm256_sad_epu8(_mm256_andnot_si256(t->nibble, acc), _mm256_setzero_si256()), shift - 4);
}

/* Move the nibble counters into the 10-bit fields (a lane's fields stay below 1024: a run is shorter). */
AVX2_INLINE void avx2_flush(avx2_state *s, const avx2_tables *t)
{
    __m256i f = _mm256_or_si256(
        _mm256_or_si256(_mm256_or_si256(avx2_field(t, s->acc0, 0), avx2_field16(t, s->acc0, 10)),
                        _mm256_or_si256(avx2_field(t, s->acc1, 20), avx2_field16(t, s->acc1, 30))),
        _mm256_or_si256(avx2_field(t, s->acc2, 40), avx2_field16(t, s->acc2, 50)));
    s->total = _mm256_add_epi64(s->total, f);
    s->acc0 = s->acc1 = s->acc2 = _mm256_setzero_si256();
}

AVX2_INLINE uint64_t avx2_hsum(__m256i v)
{
    __m128i x = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    return (uint64_t)_mm_cvtsi128_si64(_mm_add_epi64(x, _mm_unpackhi_epi64(x, x)));
}

/* The n (1..31) bytes at marks + at, the other lanes ".". Reads a whole vector inside the readable
 * [lo, hi), ending or starting at the run, and keeps the lanes of the run: counting does not care
 * which lane a byte is in. Only a buffer shorter than a vector is copied. */
AVX2_INLINE __m256i avx2_partial(const avx2_tables *t, const batch_job *j, size_t at, size_t n)
{
    if (at + 32 <= j->hi)
        return _mm256_blendv_epi8(t->dots, avx2_load(j->marks + at), avx2_load(ones_then_zeros + 32 - n));
    if (at + n >= j->lo + 32)
        return _mm256_blendv_epi8(t->dots, avx2_load(j->marks + at + n - 32), avx2_load(zeros_then_ones + n));
    unsigned char buf[32];
    memset(buf, '.', sizeof buf);
    memcpy(buf, j->marks + at, n);
    return avx2_load(buf);
}

AVX2_INLINE bool avx2_run(const avx2_tables *t, size_t nrows, const batch_job *j, size_t start, size_t len,
                          uint64_t *cum)
{
    const ssat_batch *b = j->batch;
    const unsigned char *p = j->marks + start;
    avx2_state s;
    s.acc0 = s.acc1 = s.acc2 = s.total = _mm256_setzero_si256();
    s.min = _mm256_set1_epi8(-1);
    size_t pos = 0;
    cum[0] = 0;
    for (size_t k = 1; k < b->ncuts; k++) {
        size_t end = b->cuts[k] < len ? b->cuts[k] : len;
        if (pos < end) {
            size_t nvec = 0;
            for (; end - pos >= 32; pos += 32, nvec++) {
                if (nvec == 15) { /* a nibble holds 15 */
                    avx2_flush(&s, t);
                    nvec = 0;
                }
                avx2_count(&s, t, avx2_classify(t, avx2_load(p + pos), nrows));
            }
            if (pos < end) {
                if (nvec == 15)
                    avx2_flush(&s, t);
                avx2_count(&s, t, avx2_classify(t, avx2_partial(t, j, start + pos, end - pos), nrows));
                pos = end;
            }
            avx2_flush(&s, t);
        }
        cum[k] = avx2_hsum(s.total);
    }
    /* after the last window: only whether every byte is a code */
    for (; len - pos >= 32; pos += 32)
        s.min = _mm256_min_epu8(s.min, avx2_classify(t, avx2_load(p + pos), nrows));
    if (pos < len)
        s.min = _mm256_min_epu8(s.min, avx2_classify(t, avx2_partial(t, j, start + pos, len - pos), nrows));
    return _mm256_movemask_epi8(_mm256_cmpeq_epi8(s.min, _mm256_setzero_si256())) != 0;
}

AVX2_INLINE size_t avx2_pupils(const batch_job *j, size_t nrows)
{
    const ssat_batch *b = j->batch;
    avx2_tables t;
    t.class0 = avx2_load(b->row_class[0]);
    t.class1 = avx2_load(b->row_class[1]);
    t.class2 = avx2_load(b->row_class[2]);
    t.class3 = avx2_load(b->row_class[3]);
    t.class4 = avx2_load(b->row_class[4]);
    t.class5 = avx2_load(b->row_class[5]);
    t.hi0 = _mm256_set1_epi8((char)b->row_hi[0]);
    t.hi1 = _mm256_set1_epi8((char)b->row_hi[1]);
    t.hi2 = _mm256_set1_epi8((char)b->row_hi[2]);
    t.hi3 = _mm256_set1_epi8((char)b->row_hi[3]);
    t.hi4 = _mm256_set1_epi8((char)b->row_hi[4]);
    t.hi5 = _mm256_set1_epi8((char)b->row_hi[5]);
    t.weight0 = avx2_load(b->weight[0]);
    t.weight1 = avx2_load(b->weight[1]);
    t.weight2 = avx2_load(b->weight[2]);
    t.nibble = _mm256_set1_epi8(0x0F);
    t.dots = _mm256_set1_epi8('.');
    size_t invalid = 0;
    uint64_t cum[CUTS_MAX];
    for (size_t i = j->first; i < j->last; i++) {
        bool bad = avx2_run(&t, nrows, j, j->offsets[i], j->offsets[i + 1] - j->offsets[i], cum);
        finish(b, cum, bad, &j->out[i]);
        invalid += bad;
    }
    return invalid;
}

/* One function per number of rows, so that avx2_classify's rows are constants. */
#define AVX2_ROWS(n)                                                                                          \
    AVX2_FN static size_t avx2_pupils_##n(const batch_job *j) { return avx2_pupils(j, n); }
AVX2_ROWS(1)
AVX2_ROWS(2)
AVX2_ROWS(3)
AVX2_ROWS(4)
AVX2_ROWS(5)
AVX2_ROWS(6)

size_t ssat__batch_avx2_pupils(const batch_job *j)
{
    static size_t (*const by_rows[ROWS_MAX + 1])(const batch_job *) = {
        avx2_pupils_1, avx2_pupils_1, avx2_pupils_2, avx2_pupils_3, avx2_pupils_4, avx2_pupils_5, avx2_pupils_6};
    return by_rows[j->batch->nrows](j);
}

/* ---- AVX-512 (F, BW, DQ, VBMI, VNNI) ------------------------------------------------------------ */

/* 64 bytes at a time: the class by one 128-entry vpermi2b lookup, then per accumulator a weight byte
 * w (1 for its first class, 32 for its second, else 0) looked up from the class and accumulated by
 * vpdpbusd as w * w into 32-bit lanes: 1 and 1024, two 10-bit fields that cannot overflow (a lane
 * gets at most 4 * 12 bytes of a run), so nothing is flushed while a run is counted. At a cut the
 * three accumulators are packed into 64-bit lanes holding the 10-bit word (each pair of 32-bit lanes
 * summed, the accumulators shifted 20 bits apart).
 * The rest is done for eight pupils at once, a pupil per 64-bit lane: one transposed tree sums the
 * eight pupils' lanes at a cut, finish8() applies the rules, and an 8 x 8 transpose writes the eight
 * results. Per pupil, that replaced about 150 scalar instructions (finish()) and a horizontal sum per
 * cut, which together cost twice the counting (measured).
 * (Nibble counters in byte lanes, as AVX2, needed a flush per cut; counting by mask popcounts measured
 * slower still: moving masks to general registers is the bottleneck.)
 * A run is read in vectors aligned to its start; a vector that a cut splits is counted in two parts
 * under byte masks, and the last one is loaded under a mask (masked lanes are never read: AVX-512
 * suppresses their faults), so no access leaves the run. */

#define AVX512_TARGET "avx512f,avx512bw,avx512dq,avx512vl,avx512vbmi,avx512vnni"
#define AVX512_FN __attribute__((target(AVX512_TARGET)))
#define AVX512_INLINE static inline __attribute__((always_inline, target(AVX512_TARGET)))

/* finish8() writes the eight 32-bit fields of a result as one row of the transpose. */
_Static_assert(sizeof(ssat_batch_result) == 32, "ssat_batch_result is eight 32-bit fields");

typedef struct avx512_tables {
    __m512i class_lo, class_hi, weight0, weight1, weight2, low32, dots;
} avx512_tables;

/* The three accumulators, the least class seen (0: an invalid byte) and the largest byte (vpermi2b
 * looks up 7 bits, so a byte >= 0x80, invalid, is found by the maximum). */
typedef struct avx512_state {
    __m512i acc0, acc1, acc2, min, max;
} avx512_state;

/* Count the lanes `k` of the classes `c`. */
AVX512_INLINE void avx512_add(avx512_state *s, const avx512_tables *t, __m512i c, __mmask64 k)
{
    __m512i w0 = _mm512_maskz_permutexvar_epi8(k, c, t->weight0);
    __m512i w1 = _mm512_maskz_permutexvar_epi8(k, c, t->weight1);
    __m512i w2 = _mm512_maskz_permutexvar_epi8(k, c, t->weight2);
    s->acc0 = _mm512_dpbusd_epi32(s->acc0, w0, w0);
    s->acc1 = _mm512_dpbusd_epi32(s->acc1, w1, w1);
    s->acc2 = _mm512_dpbusd_epi32(s->acc2, w2, w2);
}

/* An accumulator's pairs of 32-bit lanes summed into 64-bit lanes. */
AVX512_INLINE __m512i avx512_pairs(const avx512_tables *t, __m512i acc)
{
    return _mm512_add_epi64(_mm512_and_si512(acc, t->low32), _mm512_srli_epi64(acc, 32));
}

/* The counts so far, as 64-bit lanes whose sum is the 10-bit word. */
AVX512_INLINE __m512i avx512_lanes(const avx512_state *s, const avx512_tables *t)
{
    return _mm512_ternarylogic_epi64(avx512_pairs(t, s->acc0), _mm512_slli_epi64(avx512_pairs(t, s->acc1), 20),
                                     _mm512_slli_epi64(avx512_pairs(t, s->acc2), 40), 0xFE);
}

/* Lanes below n (0..64). */
AVX512_INLINE __mmask64 avx512_below(size_t n)
{
    return (__mmask64)(n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1);
}

/* Count one run; lanes[8 * k] receives the lanes at cut k >= 1 (the pupil's column of a block).
 * Returns whether a byte is invalid. */
AVX512_INLINE bool avx512_run(const avx512_tables *t, const ssat_batch *b, const unsigned char *p, size_t len,
                              __m512i *lanes)
{
    avx512_state s;
    s.acc0 = s.acc1 = s.acc2 = s.max = _mm512_setzero_si512();
    s.min = _mm512_set1_epi8(-1);
    size_t k = 1, ncuts = b->ncuts;
    for (size_t at = 0; at < len; at += 64) {
        size_t n = len - at < 64 ? len - at : 64;
        __m512i v = n == 64 ? _mm512_loadu_si512((const void *)(p + at))
                            : _mm512_mask_loadu_epi8(t->dots, avx512_below(n), (const void *)(p + at));
        __m512i c = _mm512_permutex2var_epi8(t->class_lo, v, t->class_hi);
        s.min = _mm512_min_epu8(s.min, c);
        s.max = _mm512_max_epu8(s.max, v);
        __mmask64 done = 0; /* lanes already counted */
        for (; k < ncuts && b->cuts[k] <= at + n; k++) { /* the cuts inside this vector, or at its end */
            __mmask64 before = avx512_below(b->cuts[k] - at);
            avx512_add(&s, t, c, before & ~done);
            lanes[8 * k] = avx512_lanes(&s, t);
            done = before;
        }
        if (k < ncuts) /* lanes after the last cut are never counted: only checked */
            avx512_add(&s, t, c, ~done);
    }
    if (k < ncuts) { /* a short run: the rest of the cuts are at its end */
        __m512i total = avx512_lanes(&s, t);
        for (; k < ncuts; k++)
            lanes[8 * k] = total;
    }
    return (_mm512_cmpeq_epi8_mask(s.min, _mm512_setzero_si512()) | _mm512_movepi8_mask(s.max)) != 0;
}

/* Lane p of the result: the sum of the lanes of v[p], for eight vectors (a transposed tree of adds). */
AVX512_INLINE __m512i avx512_sum8(const __m512i *v)
{
    __m512i t0 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[0], v[1]), _mm512_unpackhi_epi64(v[0], v[1]));
    __m512i t1 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[2], v[3]), _mm512_unpackhi_epi64(v[2], v[3]));
    __m512i t2 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[4], v[5]), _mm512_unpackhi_epi64(v[4], v[5]));
    __m512i t3 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[6], v[7]), _mm512_unpackhi_epi64(v[6], v[7]));
    __m512i u0 = _mm512_add_epi64(_mm512_shuffle_i64x2(t0, t1, 0x88), _mm512_shuffle_i64x2(t0, t1, 0xDD));
    __m512i u1 = _mm512_add_epi64(_mm512_shuffle_i64x2(t2, t3, 0x88), _mm512_shuffle_i64x2(t2, t3, 0xDD));
    return _mm512_add_epi64(_mm512_shuffle_i64x2(u0, u1, 0x88), _mm512_shuffle_i64x2(u0, u1, 0xDD));
}

/* Counts of a window for eight pupils, one per 64-bit lane. */
typedef struct counts8 {
    __m512i attended, authorised, other, holiday, late, missing;
} counts8;

AVX512_INLINE __m512i avx512_field(__m512i word, unsigned i)
{
    return _mm512_and_si512(_mm512_srli_epi64(word, 10 * i), _mm512_set1_epi64(0x3FF));
}

AVX512_INLINE counts8 window8(const ssat_batch *b, const __m512i *cum, size_t w)
{
    __m512i x = _mm512_sub_epi64(cum[b->win_hi[w]], cum[b->win_lo[w]]);
    counts8 c = {avx512_field(x, 0), avx512_field(x, 1), avx512_field(x, 2),
                 avx512_field(x, 3), avx512_field(x, 4), avx512_field(x, 5)};
    return c;
}

/* holds() for eight pupils: bound[whole] gathered (two 16-bit entries per 32-bit read; whole is at
 * most the session count, so the read stays inside the table), sign-extended, compared. */
AVX512_INLINE __mmask8 holds8(const rule_table *r, __m512i part, __m512i whole)
{
    __m256i g = _mm512_i64gather_epi32(whole, (const void *)r->bound, 2);
    __m512i bound = _mm512_cvtepi32_epi64(_mm256_srai_epi32(_mm256_slli_epi32(g, 16), 16));
    __mmask8 le = _mm512_cmple_epi64_mask(part, bound);
    return r->above ? (__mmask8)~le : le;
}

AVX512_INLINE __m512i flag8(__m512i flags, __mmask8 k, uint32_t bit)
{
    return _mm512_mask_or_epi64(flags, k, flags, _mm512_set1_epi64(bit));
}

/* finish() for eight pupils; writes results out[0 .. n-1] (n <= 8). */
AVX512_INLINE void finish8(const ssat_batch *b, const __m512i *cum, __mmask8 invalid, ssat_batch_result *out,
                           size_t n)
{
    counts8 y = window8(b, cum, WIN_YTD);
    counts8 r = b->same_as_ytd[WIN_REFERRAL] ? y : window8(b, cum, WIN_REFERRAL);
    counts8 a = b->same_as_ytd[WIN_ABSENCE] ? y : window8(b, cum, WIN_ABSENCE);
    counts8 l = b->same_as_ytd[WIN_LIMB] ? y : window8(b, cum, WIN_LIMB);
    __m512i zero = _mm512_setzero_si512();
    __m512i unauth = _mm512_add_epi64(_mm512_add_epi64(y.other, y.holiday), y.late);
    __m512i possible = _mm512_add_epi64(_mm512_add_epi64(y.attended, y.authorised), unauth);
    __m512i r_unauth = _mm512_add_epi64(_mm512_add_epi64(r.other, r.holiday), r.late);
    __m512i r_absent = _mm512_add_epi64(r.authorised, r_unauth), r_possible = _mm512_add_epi64(r.attended, r_absent);
    __m512i a_absent = _mm512_add_epi64(a.authorised, _mm512_add_epi64(_mm512_add_epi64(a.other, a.holiday), a.late));
    __m512i a_possible = _mm512_add_epi64(a.attended, a_absent);
    __m512i l_unauth = _mm512_add_epi64(_mm512_add_epi64(l.other, l.holiday), l.late);
    __mmask8 share_ok = b->share_off ? (__mmask8)0xFF : holds8(&b->share, r_unauth, r_absent);
    __mmask8 limb = _mm512_cmpge_epu64_mask(l.other, _mm512_set1_epi64((long long)b->limb_min[0])) |
                    _mm512_cmpge_epu64_mask(l.holiday, _mm512_set1_epi64((long long)b->limb_min[1])) |
                    _mm512_cmpge_epu64_mask(l.late, _mm512_set1_epi64((long long)b->limb_min[2])) |
                    _mm512_cmpge_epu64_mask(l_unauth, _mm512_set1_epi64((long long)b->limb_min[3]));
    __mmask8 r2 = _mm512_cmpneq_epu64_mask(r_possible, zero) &
                  _mm512_cmpge_epu64_mask(r_unauth, _mm512_set1_epi64((long long)b->r2_min)) & share_ok;
    __mmask8 evaluable = _mm512_cmpneq_epu64_mask(possible, zero);
    __m512i flags = flag8(zero, evaluable, SSAT_BATCH_EVALUABLE);
    flags = flag8(flags, holds8(&b->r1, r.attended, r_possible), SSAT_BATCH_REFERRAL_R1);
    flags = flag8(flags, r2, SSAT_BATCH_REFERRAL_R2);
    flags = flag8(flags, holds8(&b->persistent, a_absent, a_possible), SSAT_BATCH_PERSISTENT);
    if (b->severe_on)
        flags = flag8(flags, holds8(&b->severe, a_absent, a_possible), SSAT_BATCH_SEVERE);
    flags = flag8(flags, limb, SSAT_BATCH_PENALTY_LIMB);
    flags = flag8(flags, b->ytd_always ? (__mmask8)0xFF : holds8(&b->ytd, y.attended, possible),
                  SSAT_BATCH_PENALTY_YEAR_TO_DATE);
    /* tenths(): (2000 * attended + possible) * half_inverse[possible] >> 40, -1 when not evaluable */
    __m512i inverse = _mm512_i64gather_epi64(possible, (const void *)b->half_inverse, 8);
    __m512i numerator = _mm512_add_epi64(_mm512_mullo_epi64(y.attended, _mm512_set1_epi64(2000)), possible);
    __m512i tenths = _mm512_mask_mov_epi64(_mm512_set1_epi64(-1), evaluable,
                                           _mm512_srli_epi64(_mm512_mullo_epi64(numerator, inverse), 40));
    /* Invalid pupils: every field 0, tenths -1, flags INVALID. */
    __m256i f[8] = {
        _mm512_cvtepi64_epi32(_mm512_mask_mov_epi64(possible, invalid, zero)),
        _mm512_cvtepi64_epi32(_mm512_mask_mov_epi64(y.attended, invalid, zero)),
        _mm512_cvtepi64_epi32(_mm512_mask_mov_epi64(y.authorised, invalid, zero)),
        _mm512_cvtepi64_epi32(_mm512_mask_mov_epi64(unauth, invalid, zero)),
        _mm512_cvtepi64_epi32(_mm512_mask_mov_epi64(y.missing, invalid, zero)),
        _mm512_cvtepi64_epi32(_mm512_mask_mov_epi64(l_unauth, invalid, zero)),
        _mm512_cvtepi64_epi32(_mm512_mask_mov_epi64(tenths, invalid, _mm512_set1_epi64(-1))),
        _mm512_cvtepi64_epi32(_mm512_mask_mov_epi64(flags, invalid, _mm512_set1_epi64(SSAT_BATCH_INVALID))),
    };
    /* 8 x 8 transpose of 32-bit fields: row p is pupil p's result. */
    __m256i t0 = _mm256_unpacklo_epi32(f[0], f[1]), t1 = _mm256_unpackhi_epi32(f[0], f[1]);
    __m256i t2 = _mm256_unpacklo_epi32(f[2], f[3]), t3 = _mm256_unpackhi_epi32(f[2], f[3]);
    __m256i t4 = _mm256_unpacklo_epi32(f[4], f[5]), t5 = _mm256_unpackhi_epi32(f[4], f[5]);
    __m256i t6 = _mm256_unpacklo_epi32(f[6], f[7]), t7 = _mm256_unpackhi_epi32(f[6], f[7]);
    __m256i u0 = _mm256_unpacklo_epi64(t0, t2), u1 = _mm256_unpackhi_epi64(t0, t2);
    __m256i u2 = _mm256_unpacklo_epi64(t1, t3), u3 = _mm256_unpackhi_epi64(t1, t3);
    __m256i u4 = _mm256_unpacklo_epi64(t4, t6), u5 = _mm256_unpackhi_epi64(t4, t6);
    __m256i u6 = _mm256_unpacklo_epi64(t5, t7), u7 = _mm256_unpackhi_epi64(t5, t7);
    __m256i row[8] = {
        _mm256_permute2x128_si256(u0, u4, 0x20), _mm256_permute2x128_si256(u1, u5, 0x20),
        _mm256_permute2x128_si256(u2, u6, 0x20), _mm256_permute2x128_si256(u3, u7, 0x20),
        _mm256_permute2x128_si256(u0, u4, 0x31), _mm256_permute2x128_si256(u1, u5, 0x31),
        _mm256_permute2x128_si256(u2, u6, 0x31), _mm256_permute2x128_si256(u3, u7, 0x31),
    };
    for (size_t p = 0; p < n; p++)
        _mm256_storeu_si256((void *)&out[p], row[p]);
}

AVX512_FN size_t ssat__batch_avx512_pupils(const batch_job *j)
{
    const ssat_batch *b = j->batch;
    avx512_tables t;
    t.class_lo = _mm512_loadu_si512((const void *)b->class7);
    t.class_hi = _mm512_loadu_si512((const void *)(b->class7 + 64));
    t.weight0 = _mm512_loadu_si512((const void *)b->square_weight[0]);
    t.weight1 = _mm512_loadu_si512((const void *)b->square_weight[1]);
    t.weight2 = _mm512_loadu_si512((const void *)b->square_weight[2]);
    t.low32 = _mm512_set1_epi64(0xFFFFFFFF);
    t.dots = _mm512_set1_epi8('.');
    size_t invalid = 0;
    __m512i lanes[CUTS_MAX][8]; /* per cut, per pupil of the block */
    __m512i cum[CUTS_MAX];      /* per cut: the eight pupils' words */
    for (size_t i = j->first; i < j->last; i += 8) {
        size_t n = j->last - i < 8 ? j->last - i : 8;
        unsigned bad = 0;
        for (size_t p = 0; p < 8; p++) {
            if (p < n) {
                bool inv = avx512_run(&t, b, j->marks + j->offsets[i + p], j->offsets[i + p + 1] - j->offsets[i + p],
                                      &lanes[0][p]);
                bad |= (unsigned)inv << p;
            } else {
                for (size_t k = 1; k < b->ncuts; k++)
                    lanes[k][p] = _mm512_setzero_si512();
            }
        }
        cum[0] = _mm512_setzero_si512();
        for (size_t k = 1; k < b->ncuts; k++)
            cum[k] = avx512_sum8(lanes[k]);
        finish8(b, cum, (__mmask8)bad, &j->out[i], n);
        invalid += (size_t)__builtin_popcount(bad);
    }
    return invalid;
}
#endif /* BATCH_X86 */

