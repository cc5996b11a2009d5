/* Internal: batch evaluation (include/ssat/batch.h), shared by batch.c (building a batch: the tables,
 * the rules, the cuts; the public calls but evaluate), batch_kernel.c (the counting kernels) and
 * batch_run.c (the provisional pass, the threads and ssat_batch_evaluate). Not installed.
 *
 * Batch evaluation: many pupils' marks in one buffer, one byte per session of a
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
#ifndef SSAT_BATCH_INTERNAL_H
#define SSAT_BATCH_INTERNAL_H

#include "batch_layer.h"

#if !defined(_WIN32)
#define BATCH_THREADS 1 /* batch_run.c starts pthreads */
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

/* The kernels (batch_kernel.c): count pupils [first, last) of a job and write their results; each
 * returns how many were invalid. The SIMD ones only where BATCH_X86 and the CPU runs them
 * (ssat_batch_new picks). */
size_t ssat__batch_scalar_pupils(const batch_job *j);
#if BATCH_X86
size_t ssat__batch_avx2_pupils(const batch_job *j);
size_t ssat__batch_avx512_pupils(const batch_job *j);
#endif

#endif /* SSAT_BATCH_INTERNAL_H */
