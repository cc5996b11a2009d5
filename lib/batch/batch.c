/* Batch evaluation (include/ssat/batch.h): many pupils' marks in one buffer, one byte per session of a
 * calendar they share, evaluated into the caller's array with no allocation at all (threads <= 1).
 *
 * ssat_batch_new resolves once what is the same for every pupil: the shared session list (the
 * calendar's school days, AM then PM), the policy's windows as ranges of those sessions, each threshold
 * as an integer cross-multiplication, and the code set as a class per byte value. Evaluating a pupil is
 * then a count of byte classes over a few ranges of its run, followed by the same integer comparisons
 * the per-pupil rules make (tests/test_batch.c checks that every field agrees with them).
 *
 * Classes. A byte is invalid (not a code), uncounted ("." or a not-counted code), attended, authorised,
 * one of three kinds of unauthorised (holiday; late after registers closed; other: the penalty limbs
 * count them apart) or missing ("-", " "). Every window ends at as_of (a term ends at its last day,
 * but no school day falls between that and as_of) and starts at one of a few sessions; the run is cut
 * at those sessions ("cuts") and a kernel reports the cumulative counts at each cut, so a window's
 * counts are the difference of two cuts. Counts travel packed in one 64-bit word, six 10-bit fields
 * (a school year has at most 2 * 262 sessions, fewer than 1024), which makes that difference one
 * subtraction: attended, authorised, unauthorised other, holiday, late, missing, from bit 0 up.
 *
 * Kernels, all giving identical results; ssat_batch_new picks the fastest the CPU runs:
 * - portable: a 256-entry table of byte-wide counters packed in a 64-bit word, one add per byte,
 *   moved into the 10-bit fields every 255 bytes;
 * - AVX2: the class of 32 bytes at once by pshufb lookups, one per row of 16 byte values that holds a
 *   code (a typical set uses three of the six printable rows), then per-class weights looked up from
 *   the class and summed in byte lanes, two classes per lane as nibbles (so at most 15 vectors between
 *   flushes), summed by psadbw and packed into the 10-bit fields of each 64-bit lane;
 * - AVX-512 (BW, VBMI, VNNI): 64 bytes, a single 128-entry vpermi2b lookup for the class, weights
 *   accumulated by vpdpbusd into 32-bit lanes where two classes sit 10 bits apart, so nothing is
 *   flushed within a run; byte masks split a vector at a cut, so a run is read once, in vectors
 *   aligned to its start.
 * Invalid bytes are found by a running minimum of the class (invalid is class 0), not by counting.
 * What costs is per pupil as much as per byte (a 380-byte run is six AVX-512 vectors): a horizontal
 * sum per cut, and the comparisons of finish(), done over distinct windows only.
 */
#include "batch_layer.h"

#include <stdio.h>

#if !defined(_WIN32)
#include <pthread.h>
#define BATCH_THREADS 1
#else
#define BATCH_THREADS 0 /* no pthreads: the calling thread evaluates every pupil */
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define BATCH_X86 1
#else
#define BATCH_X86 0
#endif

/* finish() and its helpers are inlined into each kernel's loop over pupils: left to itself gcc -O2
 * calls it, which measured a third of the time. */
#if defined(__GNUC__) || defined(__clang__)
#define BATCH_INLINE static inline __attribute__((always_inline))
#else
#define BATCH_INLINE static inline
#endif

#define DAYS_MAX 366     /* days in a school year, 1 August to 31 July */
#define CUTS_MAX 10      /* 0, and the start and end of four windows, and as_of */
#define THREADS_MAX 64   /* documented cap of ssat_batch_evaluate's threads */
#define ROWS_MAX 6       /* rows 0x20..0x7F of 16 byte values: where codes, ".", "-" and " " live */

enum {
    CLASS_INVALID = 0, /* 0 so that pshufb's zero for an unmatched row means invalid */
    CLASS_UNCOUNTED,
    CLASS_ATTENDED,
    CLASS_AUTHORISED,
    CLASS_UNAUTH_OTHER,
    CLASS_UNAUTH_HOLIDAY,
    CLASS_UNAUTH_LATE,
    CLASS_MISSING,
    CLASS_COUNT
};

enum { WIN_YTD, WIN_REFERRAL, WIN_ABSENCE, WIN_LIMB, WIN_COUNT };

/* An exact percentage rule ("part is at most 85 % of whole") as a table over the whole (at most 2 * 262 sessions): it holds for part iff
 * (part <= bound[whole]) != above, which finish() reads instead of multiplying and comparing
 * (measured: a third of the time per pupil went to finish() before). */
typedef struct rule_table {
    uint32_t above;                 /* 1 for >= and >, whose bound is the largest part that fails */
    int16_t bound[2 * DAYS_MAX + 1];
} rule_table;

struct ssat_batch {
    ssat__alloc alloc;
    ssat__batch_kernel kernel;
    size_t nsessions;
    ssat_date days[DAYS_MAX];      /* the school days; session i is days[i / 2], AM when i is even */
    size_t ncuts;
    size_t cuts[CUTS_MAX];         /* strictly increasing, cuts[0] == 0 */
    uint8_t win_lo[WIN_COUNT], win_hi[WIN_COUNT]; /* each window is [cuts[lo], cuts[hi]) */
    rule_table r1, persistent, severe, ytd, share;
    uint32_t same_as_ytd[WIN_COUNT]; /* 1 when a window is the year to date (finish() reuses it) */
    uint32_t severe_on;            /* 1 when the policy evaluates severe absence */
    uint32_t ytd_always;           /* 1 when the year-to-date condition is not required (it is then met) */
    uint32_t share_off;            /* 1 when R2's minimum share of absence is 0 (off) */
    uint64_t r2_min;
    uint64_t limb_min[4];          /* other, holiday, late, combination; 2^32 (never reached) when off */
    uint32_t limb_strict;          /* "penalty.limb.provisional_unknown": recount limbs with provisional marks */
    uint32_t limb_short;           /* the limb window reaches back before 1 August: a limb not met is unknown */
    uint8_t provisional[256];      /* 1 for the byte of a provisional code ("N") */
    uint64_t half_inverse[2 * DAYS_MAX + 1]; /* ceil(2^40 / (2 * possible)), see tenths() */
    uint8_t klass[256];            /* class of each byte value */
    uint64_t lut[256];             /* portable kernel: byte-wide counters, see scalar_run */
    /* AVX2 tables: the rows holding a valid byte (row 2, with ".", "-" and " ", always first), each
     * row's classes by low nibble, and the weights by class (two classes per accumulator, as nibbles),
     * each 16 bytes repeated for both 128-bit lanes. */
    size_t nrows;
    uint8_t row_hi[ROWS_MAX];
    uint8_t row_class[ROWS_MAX][32];
    uint8_t weight[3][32];         /* AVX2: weights 1 and 16 (nibbles), 16 bytes repeated */
    uint8_t square_weight[3][64];  /* AVX-512: weights 1 and 32, whose squares are 1 and 1024 */
    uint8_t class7[128];           /* AVX-512: class of bytes 0..127 (bytes >= 128 are invalid) */
};

/* ---- building a batch ---------------------------------------------------------------------------- */

static uint8_t class_of(const ssat_code_info *info)
{
    switch (info->category) {
    case SSAT_CATEGORY_PRESENT:
    case SSAT_CATEGORY_APPROVED_ACTIVITY: return CLASS_ATTENDED;
    case SSAT_CATEGORY_AUTHORISED: return CLASS_AUTHORISED;
    case SSAT_CATEGORY_UNAUTHORISED:
        /* As the penalty limbs split them: the one mapping of codes to limbs is ssat__limb_of. */
        switch (ssat__limb_of(info)) {
        case SSAT__LIMB_HOLIDAY: return CLASS_UNAUTH_HOLIDAY;
        case SSAT__LIMB_LATE: return CLASS_UNAUTH_LATE;
        default: return CLASS_UNAUTH_OTHER;
        }
    case SSAT_CATEGORY_NOT_COUNTED: break;
    }
    return CLASS_UNCOUNTED;
}

/* Byte-wide counter of each class in the portable kernel's 64-bit word (uncounted has none). */
static const unsigned lut_shift[CLASS_COUNT] = {
    [CLASS_INVALID] = 48,      [CLASS_ATTENDED] = 0,        [CLASS_AUTHORISED] = 8,  [CLASS_UNAUTH_OTHER] = 16,
    [CLASS_UNAUTH_HOLIDAY] = 24, [CLASS_UNAUTH_LATE] = 32, [CLASS_MISSING] = 40,
};

/* SIMD weights: accumulator (0..2) and nibble (1 low, 16 high) of each counted class. */
static const struct {
    uint8_t acc, weight;
} simd_weight[CLASS_COUNT] = {
    [CLASS_ATTENDED] = {0, 1},     [CLASS_AUTHORISED] = {0, 16}, [CLASS_UNAUTH_OTHER] = {1, 1},
    [CLASS_UNAUTH_HOLIDAY] = {1, 16}, [CLASS_UNAUTH_LATE] = {2, 1}, [CLASS_MISSING] = {2, 16},
};

static void build_tables(ssat_batch *b, const ssat_codeset *codes)
{
    memset(b->klass, CLASS_INVALID, sizeof b->klass);
    for (size_t i = 0; i < ssat_codeset_size(codes); i++) {
        const ssat_code_info *info = ssat_codeset_at(codes, i);
        if (info->code[1] == '\0') { /* longer codes cannot occur in a one-byte-per-session run */
            b->klass[(unsigned char)info->code[0]] = class_of(info);
            b->provisional[(unsigned char)info->code[0]] = (info->flags & SSAT_FLAG_PROVISIONAL) != 0;
        }
    }
    b->klass['.'] = CLASS_UNCOUNTED; /* not registered that session: no entry (as in add_marks) */
    b->klass['-'] = CLASS_MISSING;
    b->klass[' '] = CLASS_MISSING;
    for (size_t c = 0; c < 256; c++) {
        uint8_t k = b->klass[c];
        b->lut[c] = k == CLASS_UNCOUNTED ? 0 : (uint64_t)1 << lut_shift[k];
        if (c < 128)
            b->class7[c] = k;
    }
    for (size_t k = CLASS_ATTENDED; k < CLASS_COUNT; k++) {
        b->weight[simd_weight[k].acc][k] = b->weight[simd_weight[k].acc][16 + k] = simd_weight[k].weight;
        b->square_weight[simd_weight[k].acc][k] = simd_weight[k].weight == 1 ? 1 : 32;
    }
    b->nrows = 0;
    for (size_t hi = 2; hi < 8; hi++) {
        bool used = false;
        for (size_t lo = 0; lo < 16; lo++)
            used = used || b->klass[hi * 16 + lo] != CLASS_INVALID;
        if (!used)
            continue;
        b->row_hi[b->nrows] = (uint8_t)hi;
        for (size_t lo = 0; lo < 32; lo++)
            b->row_class[b->nrows][lo] = b->klass[hi * 16 + lo % 16];
        b->nrows++;
    }
}

/* The table of "part (cmp) num/den % of whole", exactly as ssat_percent_compare: with M = 100 * den,
 * LE holds iff part <= floor(num * whole / M), LT iff part <= ceil(num * whole / M) - 1, GE iff not
 * part <= ceil(num * whole / M) - 1, GT iff not part <= floor(num * whole / M); never for whole 0.
 * floor and ceil come from a running quotient, without a division per entry. */
static void make_rule(rule_table *t, size_t wholes, const ssat__pvalue *threshold, const ssat__pvalue *comparator)
{
    ssat_comparator cmp = (ssat_comparator)comparator->i;
    uint64_t m = (uint64_t)100 * threshold->den, q = 0, r = 0; /* num * whole == q * m + r, r < m */
    t->above = cmp == SSAT_CMP_GE || cmp == SSAT_CMP_GT;
    t->bound[0] = t->above ? INT16_MAX : -1;
    for (size_t whole = 1; whole < wholes; whole++) {
        r += threshold->num; /* num <= m (at most 100 %), so one step of the quotient suffices */
        if (r >= m) {
            r -= m;
            q++;
        }
        /* bound + 1 is floor + 1 or ceil, between 0 and whole + 1: the bound fits 16 bits */
        uint64_t bound_plus_1 = cmp == SSAT_CMP_LE || cmp == SSAT_CMP_GT ? q + 1 : q + (r != 0);
        t->bound[whole] = (int16_t)((int32_t)bound_plus_1 - 1);
    }
}

static void build_rules(ssat_batch *b, const ssat_policy *policy)
{
#define PV(key) ssat__policy_value(policy, SSAT__P_##key)
    static const ssat__pvalue ge = {.i = SSAT_CMP_GE};
    size_t wholes = b->nsessions + 1; /* no count exceeds the session count */
    make_rule(&b->r1, wholes, PV(REFERRAL_ATTENDANCE_THRESHOLD), PV(REFERRAL_ATTENDANCE_COMPARATOR));
    b->r2_min = (uint64_t)PV(REFERRAL_UNAUTHORISED_MIN_SESSIONS)->i;
    make_rule(&b->share, wholes, PV(REFERRAL_UNAUTHORISED_MIN_SHARE), &ge);
    b->share_off = PV(REFERRAL_UNAUTHORISED_MIN_SHARE)->num == 0;
    make_rule(&b->persistent, wholes, PV(ABSENCE_PERSISTENT_THRESHOLD), PV(ABSENCE_PERSISTENT_COMPARATOR));
    make_rule(&b->severe, wholes, PV(ABSENCE_SEVERE_THRESHOLD), PV(ABSENCE_SEVERE_COMPARATOR));
    b->severe_on = PV(ABSENCE_SEVERE_ENABLED)->i != 0;
    make_rule(&b->ytd, wholes, PV(PENALTY_YTD_THRESHOLD), PV(PENALTY_YTD_COMPARATOR));
    b->ytd_always = PV(PENALTY_YTD_REQUIRED)->i == 0;
    const ssat__pkey limb_keys[4] = {SSAT__P_PENALTY_LIMB_UNAUTHORISED, SSAT__P_PENALTY_LIMB_HOLIDAY,
                                     SSAT__P_PENALTY_LIMB_LATE, SSAT__P_PENALTY_LIMB_COMBINATION};
    for (size_t i = 0; i < 4; i++) {
        int64_t v = ssat__policy_value(policy, limb_keys[i])->i;
        b->limb_min[i] = v == 0 ? (uint64_t)1 << 32 : (uint64_t)v; /* 0 switches a limb off */
    }
    b->limb_strict = PV(PENALTY_LIMB_PROVISIONAL_UNKNOWN)->i != 0;
    if (PV(PENALTY_LIMB_UNAUTHORISED_ALL_CODES)->i != 0) {
        /* The unauthorised limb counting every unauthorised code is the combination's count against its
         * own threshold: either holds when the combination reaches the lower of the two. */
        b->limb_min[3] = b->limb_min[0] < b->limb_min[3] ? b->limb_min[0] : b->limb_min[3];
        b->limb_min[0] = (uint64_t)1 << 32;
    }
#undef PV
}

/* Sessions of the shared calendar strictly before (date, half). */
static size_t sessions_before(const ssat_batch *b, ssat_date date, ssat_half half)
{
    size_t n = 0;
    for (size_t d = 0; d < b->nsessions / 2 && b->days[d] <= date; d++)
        n += b->days[d] < date ? 2 : (half == SSAT_PM ? 1 : 0);
    return n;
}

/* Sessions of the shared calendar up to and including (date, half). */
static size_t sessions_upto(const ssat_batch *b, ssat_date date, ssat_half half)
{
    return half == SSAT_AM ? sessions_before(b, date, SSAT_PM) : sessions_before(b, date + 1, SSAT_AM);
}

/* Add a cut, keeping cuts sorted and unique; returns its index. */
static size_t add_cut(ssat_batch *b, size_t at)
{
    size_t i = 0;
    while (i < b->ncuts && b->cuts[i] < at)
        i++;
    if (i == b->ncuts || b->cuts[i] != at) {
        memmove(&b->cuts[i + 1], &b->cuts[i], (b->ncuts - i) * sizeof b->cuts[0]);
        b->cuts[i] = at;
        b->ncuts++;
    }
    return i;
}

/* Turn the windows (as session ranges) into cuts; indices are found after every cut is in. */
static void build_cuts(ssat_batch *b, const ssat_window w[WIN_COUNT])
{
    size_t lo[WIN_COUNT], hi[WIN_COUNT];
    b->ncuts = 0;
    (void)add_cut(b, 0);
    for (size_t i = 0; i < WIN_COUNT; i++) {
        lo[i] = sessions_before(b, w[i].first_date, w[i].first_half);
        hi[i] = sessions_upto(b, w[i].last_date, w[i].last_half);
        (void)add_cut(b, lo[i]);
        (void)add_cut(b, hi[i]);
    }
    for (size_t i = 0; i < WIN_COUNT; i++) {
        b->win_lo[i] = (uint8_t)add_cut(b, lo[i]);
        b->win_hi[i] = (uint8_t)add_cut(b, hi[i]);
        b->same_as_ytd[i] = lo[i] == lo[WIN_YTD] && hi[i] == hi[WIN_YTD];
    }
}

static ssat__batch_kernel best_kernel(void)
{
#if BATCH_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi") &&
        __builtin_cpu_supports("avx512vnni"))
        return SSAT__BATCH_AVX512;
    if (__builtin_cpu_supports("avx2"))
        return SSAT__BATCH_AVX2;
#endif
    return SSAT__BATCH_SCALAR;
}

bool ssat__batch_set_kernel(ssat_batch *batch, ssat__batch_kernel kernel)
{
    bool ok = kernel == SSAT__BATCH_SCALAR;
#if BATCH_X86
    ssat__batch_kernel best = best_kernel();
    ok = ok || (kernel == SSAT__BATCH_AVX2 && best >= SSAT__BATCH_AVX2) ||
         (kernel == SSAT__BATCH_AVX512 && best == SSAT__BATCH_AVX512);
#endif
    if (ok)
        batch->kernel = kernel;
    return ok;
}

/* The windows a policy names, resolved for as_of. A last-sessions window starts at a pupil's own N-th
 * last entry: it cannot be shared, so such a policy is for the per-pupil API. */
static ssat_status resolve_windows(const char *fn, const ssat_policy *policy, const ssat_calendar *calendar,
                                   ssat_date as_of, ssat_window w[WIN_COUNT])
{
    static const struct {
        ssat__pkey key;
        const char *name;
    } keys[WIN_COUNT] = {
        [WIN_REFERRAL] = {SSAT__P_REFERRAL_WINDOW, "referral.window"},
        [WIN_ABSENCE] = {SSAT__P_ABSENCE_WINDOW, "absence.window"},
        [WIN_LIMB] = {SSAT__P_PENALTY_LIMB_WINDOW, "penalty.limb.window"},
    };
    for (size_t i = WIN_REFERRAL; i < WIN_COUNT; i++)
        if (ssat__policy_value(policy, keys[i].key)->i == SSAT_WINDOW_LAST_SESSIONS)
            return ssat__error(SSAT_ERR_STATE, "%s: the policy's %s is last_sessions:%d, which depends on each "
                               "pupil's own entries; use the per-pupil API for it", fn, keys[i].name,
                               (int)ssat__policy_value(policy, keys[i].key)->n);
    ssat_status st = ssat_calendar_window_year_to_date(calendar, as_of, &w[WIN_YTD]);
    for (size_t i = WIN_REFERRAL; i < WIN_COUNT && st == SSAT_OK; i++)
        st = ssat__rules_window(fn, policy, keys[i].key, calendar, NULL, as_of, &w[i]);
    return st;
}

ssat_status ssat_batch_new(const ssat_codeset *codes, const ssat_policy *policy, const ssat_calendar *calendar,
                           ssat_date as_of, ssat_batch **out)
{
    static const char fn[] = "ssat_batch_new";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (codes == NULL)
        return ssat__null_arg(fn, "codes");
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    /* The same checks, in the same order, as the per-pupil rules (ssat__rules_check). */
    const char *want = ssat__policy_value(policy, SSAT__P_CODE_SET)->text;
    if (strcmp(ssat_codeset_name(codes), want) != 0)
        return ssat__error(SSAT_ERR_STATE, "%s: argument 'codes': code set \"%.64s\" is not the policy's code_set "
                           "\"%.64s\"", fn, ssat_codeset_name(codes), want);
    ssat_status st = ssat__calendar_check_as_of(calendar, as_of, fn);
    if (st != SSAT_OK)
        return st;
    ssat_window w[WIN_COUNT];
    st = resolve_windows(fn, policy, calendar, as_of, w);
    if (st != SSAT_OK)
        return st;
    const ssat__alloc *a = ssat__policy_alloc(policy);
    ssat_batch *b = ssat__calloc(a, 1, sizeof *b);
    if (b == NULL)
        return ssat__nomem(fn);
    b->alloc = *a;
    ssat_date first, last;
    ssat__calendar_bounds(calendar, &first, &last);
    for (ssat_date d = first; d <= last; d++) {
        int32_t school = 0;
        (void)ssat_calendar_is_school_day(calendar, d, &school); /* d is in the year: cannot fail */
        if (school) {
            b->days[b->nsessions / 2] = d;
            b->nsessions += 2;
        }
    }
    for (size_t p = 1; p <= b->nsessions; p++)
        b->half_inverse[p] = (((uint64_t)1 << 40) + 2 * p - 1) / (2 * p);
    build_cuts(b, w);
    build_rules(b, policy);
    build_tables(b, codes);
    b->limb_short = ssat__limb_window_short(policy, calendar, as_of);
    b->kernel = best_kernel();
    *out = b;
    return SSAT_OK;
}

void ssat_batch_free(ssat_batch *batch)
{
    if (batch == NULL)
        return;
    ssat__alloc a = batch->alloc;
    ssat__free(&a, batch, sizeof *batch);
}

size_t ssat_batch_session_count(const ssat_batch *batch)
{
    return batch != NULL ? batch->nsessions : 0;
}

ssat_status ssat_batch_session(const ssat_batch *batch, size_t index, ssat_date *date_out, ssat_half *half_out)
{
    static const char fn[] = "ssat_batch_session";
    if (date_out != NULL)
        *date_out = 0;
    if (half_out != NULL)
        *half_out = SSAT_AM;
    if (batch == NULL)
        return ssat__null_arg(fn, "batch");
    if (index >= batch->nsessions)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'index': %zu is not below the session count %zu", fn, index,
                           batch->nsessions);
    if (date_out != NULL)
        *date_out = batch->days[index / 2];
    if (half_out != NULL)
        *half_out = index % 2 == 0 ? SSAT_AM : SSAT_PM;
    return SSAT_OK;
}

const char *ssat_batch_kernel(const ssat_batch *batch)
{
    if (batch == NULL)
        return "";
    switch (batch->kernel) {
    case SSAT__BATCH_AVX512: return "avx512";
    case SSAT__BATCH_AVX2: return "avx2";
    case SSAT__BATCH_SCALAR: break;
    }
    return "portable";
}

/* ---- from counts to a result --------------------------------------------------------------------- */

typedef struct counts {
    uint32_t attended, authorised, other, holiday, late, missing;
} counts;

#define FIELD(word, i) ((uint32_t)((word) >> (10 * (i)) & 0x3FF))

BATCH_INLINE counts window_counts(const ssat_batch *b, const uint64_t *cum, size_t w)
{
    uint64_t x = cum[b->win_hi[w]] - cum[b->win_lo[w]]; /* fields never borrow: counts only grow */
    counts c = {FIELD(x, 0), FIELD(x, 1), FIELD(x, 2), FIELD(x, 3), FIELD(x, 4), FIELD(x, 5)};
    return c;
}

/* Tenths of a percent rounded half up, floor((2000 * part + whole) / (2 * whole)), the largest t with
 * (2t - 1) * whole <= 2000 * part, as ssat_summary_attendance_tenths; -1 when whole is 0. A division
 * per pupil measured a few percent of the time, so it is a multiplication by m = ceil(2^40 / d),
 * d = 2 * whole: with n = 2000 * part + whole < 2^21 and m * d = 2^40 + e, 0 <= e < d < 2^11,
 * n * m / 2^40 = n / d + n * e / (d * 2^40), which exceeds n / d by less than 2^-19, while n / d is at
 * least 1 / d >= 2^-11 below the next integer: the floor is exact (tests/test_batch.c checks every
 * part <= whole). */
BATCH_INLINE int32_t tenths(const ssat_batch *b, uint32_t part, uint32_t whole)
{
    uint64_t t = ((uint64_t)2000 * part + whole) * b->half_inverse[whole] >> 40;
    return whole != 0 ? (int32_t)t : -1;
}

int32_t ssat__batch_tenths(const ssat_batch *batch, uint32_t part, uint32_t whole)
{
    return tenths(batch, part, whole);
}

/* Whether a rule holds for part of whole; never when whole is 0. */
BATCH_INLINE uint32_t holds(const rule_table *r, uint32_t part, uint32_t whole)
{
    return (uint32_t)((int32_t)part <= r->bound[whole]) ^ r->above;
}

BATCH_INLINE void finish(const ssat_batch *b, const uint64_t *cum, bool invalid, ssat_batch_result *out)
{
    if (invalid) {
        static const ssat_batch_result bad = {0, 0, 0, 0, 0, 0, -1, SSAT_BATCH_INVALID};
        *out = bad;
        return;
    }
    /* The windows other than the year to date are usually the year to date or one term. */
    counts y = window_counts(b, cum, WIN_YTD);
    counts r = b->same_as_ytd[WIN_REFERRAL] ? y : window_counts(b, cum, WIN_REFERRAL);
    counts a = b->same_as_ytd[WIN_ABSENCE] ? y : window_counts(b, cum, WIN_ABSENCE);
    counts l = b->same_as_ytd[WIN_LIMB] ? y : window_counts(b, cum, WIN_LIMB);
    uint32_t unauth = y.other + y.holiday + y.late, possible = y.attended + y.authorised + unauth;
    uint32_t r_unauth = r.other + r.holiday + r.late, r_absent = r.authorised + r_unauth;
    uint32_t r_possible = r.attended + r_absent;
    uint32_t a_absent = a.authorised + a.other + a.holiday + a.late, a_possible = a.attended + a_absent;
    uint32_t l_unauth = l.other + l.holiday + l.late;
    uint32_t share_ok = b->share_off | holds(&b->share, r_unauth, r_absent);
    uint32_t limb = (uint32_t)(l.other >= b->limb_min[0]) | (uint32_t)(l.holiday >= b->limb_min[1]) |
                    (uint32_t)(l.late >= b->limb_min[2]) | (uint32_t)(l_unauth >= b->limb_min[3]);
    uint32_t flags = (uint32_t)(possible != 0) * SSAT_BATCH_EVALUABLE |
                     holds(&b->r1, r.attended, r_possible) * SSAT_BATCH_REFERRAL_R1 |
                     ((uint32_t)(r_possible != 0) & (uint32_t)(r_unauth >= b->r2_min) & share_ok) *
                         SSAT_BATCH_REFERRAL_R2 |
                     holds(&b->persistent, a_absent, a_possible) * SSAT_BATCH_PERSISTENT |
                     (holds(&b->severe, a_absent, a_possible) & b->severe_on) * SSAT_BATCH_SEVERE |
                     limb * SSAT_BATCH_PENALTY_LIMB |
                     (holds(&b->ytd, y.attended, possible) | b->ytd_always) * SSAT_BATCH_PENALTY_YEAR_TO_DATE;
    ssat_batch_result res = {possible, y.attended, y.authorised, unauth, y.missing, l_unauth,
                             tenths(b, y.attended, possible), flags};
    *out = res;
}

/* ---- work shared by the kernels ------------------------------------------------------------------ */

/* One thread's share: pupils [first, last). Bytes [lo, hi) of marks are readable (the whole buffer),
 * which lets the SIMD kernels read a full vector around a short run instead of byte by byte. */
typedef struct batch_job {
    const ssat_batch *batch;
    const unsigned char *marks;
    const size_t *offsets;
    size_t first, last;
    size_t lo, hi;
    ssat_batch_result *out;
    size_t invalid; /* pupils flagged invalid, written by the job */
} batch_job;

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

static size_t scalar_pupils(const batch_job *j)
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

static size_t avx2_dispatch(const batch_job *j)
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

AVX512_FN static size_t avx512_pupils(const batch_job *j)
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

/* ---- provisional marks and the limbs ------------------------------------------------------------- */

/* A limb that holds only with its provisional sessions is unknown (policy
 * "penalty.limb.provisional_unknown"), as in ssat_penalty_evaluate. The kernels count classes, not
 * codes, so a pupil with a limb met is looked at again here: its limb window is counted once more per
 * class, provisional sessions apart. Few pupils meet a limb, and the window is at most a term. */
static void limbs_without_provisional(const ssat_batch *b, const unsigned char *run, size_t len,
                                      ssat_batch_result *r)
{
    size_t lo = b->cuts[b->win_lo[WIN_LIMB]], hi = b->cuts[b->win_hi[WIN_LIMB]];
    uint32_t count[4] = {0}, prov[4] = {0}; /* other, holiday, late, combination */
    hi = hi < len ? hi : len;
    for (size_t s = lo; s < hi; s++) {
        uint8_t k = b->klass[run[s]];
        int limb = k == CLASS_UNAUTH_OTHER ? 0 : k == CLASS_UNAUTH_HOLIDAY ? 1 : k == CLASS_UNAUTH_LATE ? 2 : -1;
        if (limb < 0)
            continue;
        count[limb]++;
        count[3]++;
        prov[limb] += b->provisional[run[s]];
        prov[3] += b->provisional[run[s]];
    }
    bool met = false, unknown = false;
    for (size_t i = 0; i < 4; i++) {
        bool with = count[i] >= b->limb_min[i], without = count[i] - prov[i] >= b->limb_min[i];
        met = met || without;
        unknown = unknown || (with && !without);
    }
    r->flags &= ~(uint32_t)(SSAT_BATCH_PENALTY_LIMB | SSAT_BATCH_PENALTY_LIMB_UNKNOWN);
    r->flags |= met ? SSAT_BATCH_PENALTY_LIMB : unknown ? SSAT_BATCH_PENALTY_LIMB_UNKNOWN : 0;
}

/* Then a limb window that reaches back before 1 August (England's 10 school weeks early in the year):
 * the previous year's sessions are not given, so no limb met makes the limbs unknown, as per pupil. */
static void provisional_pass(const batch_job *j)
{
    const ssat_batch *b = j->batch;
    bool any_on = b->limb_min[0] <= UINT32_MAX || b->limb_min[1] <= UINT32_MAX || b->limb_min[2] <= UINT32_MAX ||
                  b->limb_min[3] <= UINT32_MAX;
    for (size_t i = j->first; i < j->last; i++) {
        ssat_batch_result *r = &j->out[i];
        if (b->limb_strict && (r->flags & SSAT_BATCH_PENALTY_LIMB))
            limbs_without_provisional(b, j->marks + j->offsets[i], j->offsets[i + 1] - j->offsets[i], r);
        if (b->limb_short && any_on && !(r->flags & (SSAT_BATCH_PENALTY_LIMB | SSAT_BATCH_INVALID)))
            r->flags |= SSAT_BATCH_PENALTY_LIMB_UNKNOWN;
    }
}

/* ---- evaluation ---------------------------------------------------------------------------------- */

static void run_kernel(batch_job *j)
{
    switch (j->batch->kernel) {
#if BATCH_X86
    case SSAT__BATCH_AVX512: j->invalid = avx512_pupils(j); return;
    case SSAT__BATCH_AVX2: j->invalid = avx2_dispatch(j); return;
#else
    case SSAT__BATCH_AVX512:
    case SSAT__BATCH_AVX2:
#endif
    case SSAT__BATCH_SCALAR: break;
    }
    j->invalid = scalar_pupils(j);
}

static void run_job(batch_job *j)
{
    run_kernel(j);
    provisional_pass(j);
}

#if BATCH_THREADS
static void *job_thread(void *arg)
{
    run_job(arg);
    return NULL;
}
#endif

/* The first pupil whose run starts at or after byte `target`. */
static size_t pupil_at(const size_t *offsets, size_t npupils, size_t target)
{
    size_t lo = 0, hi = npupils;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (offsets[mid] < target)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Split the pupils into `n` jobs of about equal bytes and run them: jobs 1.. on threads of their own,
 * job 0 on the calling thread. A thread that cannot be created costs time, not the result: the
 * calling thread runs that job too. */
static size_t run_jobs(const batch_job *whole, size_t npupils, size_t n)
{
    batch_job jobs[THREADS_MAX];
    size_t total = whole->hi - whole->lo, invalid = 0;
    for (size_t t = 0; t < n; t++) {
        jobs[t] = *whole;
        jobs[t].first = t == 0 ? 0 : jobs[t - 1].last;
        jobs[t].last = t + 1 == n ? npupils
                                  : pupil_at(whole->offsets, npupils,
                                             whole->lo + total / n * (t + 1) + total % n * (t + 1) / n);
        if (jobs[t].last < jobs[t].first)
            jobs[t].last = jobs[t].first;
    }
#if BATCH_THREADS
    pthread_t tid[THREADS_MAX];
    bool started[THREADS_MAX] = {false};
    for (size_t t = 1; t < n; t++)
        started[t] = jobs[t].first < jobs[t].last && pthread_create(&tid[t], NULL, job_thread, &jobs[t]) == 0;
    for (size_t t = 0; t < n; t++)
        if (t == 0 || !started[t])
            run_job(&jobs[t]);
    for (size_t t = 1; t < n; t++)
        if (started[t])
            (void)pthread_join(tid[t], NULL);
#else
    for (size_t t = 0; t < n; t++)
        run_job(&jobs[t]);
#endif
    for (size_t t = 0; t < n; t++)
        invalid += jobs[t].invalid;
    return invalid;
}

ssat_status ssat_batch_evaluate(const ssat_batch *batch, const char *marks, const size_t *offsets, size_t npupils,
                                ssat_batch_result *out, uint32_t threads, size_t *invalid_out)
{
    static const char fn[] = "ssat_batch_evaluate";
    if (invalid_out != NULL)
        *invalid_out = 0;
    if (batch == NULL)
        return ssat__null_arg(fn, "batch");
    if (marks == NULL)
        return ssat__null_arg(fn, "marks");
    if (offsets == NULL)
        return ssat__null_arg(fn, "offsets");
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    /* Every check before any result is written, so a failed call writes nothing. */
    for (size_t i = 0; i < npupils; i++) {
        if (offsets[i + 1] < offsets[i])
            return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'offsets': offsets[%zu] (%zu) is less than "
                               "offsets[%zu] (%zu)", fn, i + 1, offsets[i + 1], i, offsets[i]);
        if (offsets[i + 1] - offsets[i] > batch->nsessions)
            return ssat__error(SSAT_ERR_INVALID_ARG, "%s: pupil %zu: a run of %zu marks is longer than the %zu "
                               "sessions of the shared calendar", fn, i, offsets[i + 1] - offsets[i],
                               batch->nsessions);
    }
    if (npupils == 0)
        return SSAT_OK;
    size_t n = threads < 1 ? 1 : threads > THREADS_MAX ? THREADS_MAX : threads;
    if (n > npupils)
        n = npupils;
    batch_job whole = {batch, (const unsigned char *)marks, offsets, 0, npupils, offsets[0], offsets[npupils],
                       out, 0};
    size_t invalid = run_jobs(&whole, npupils, n);
    if (invalid_out != NULL)
        *invalid_out = invalid;
    return SSAT_OK;
}
