/* The attendance calculation (docs/rules.md, "Attendance") and exact percentage comparisons.
 * The scan over a window is a byte histogram of the register's dense session array, so it runs at
 * memory speed; categories and flags are applied once per code afterwards. Percentages are compared by
 * integer cross-multiplication in 128 bits, never by rounding. */
#include "register_layer.h"

#include <stdio.h>

struct ssat_summary {
    ssat__alloc alloc;
    const ssat_codeset *codes; /* retained: code_count looks codes up after the register may be gone */
    ssat_window window;
    ssat_totals totals;
    size_t ncodes;
    uint32_t *counts;          /* marks per code index; NULL when the set has no codes */
};

/* ---- 128-bit helpers ----------------------------------------------------------------------------- */

/* Portable 64x64->128 multiplication: the operands of a comparison are up to 64 and 39 bits, so their
 * products need up to 103 bits, and __int128 is neither standard C nor available everywhere. */
typedef struct u128 {
    uint64_t hi, lo;
} u128;

static u128 mul_64(uint64_t a, uint64_t b)
{
    const uint64_t mask = 0xFFFFFFFFu;
    uint64_t a0 = a & mask, a1 = a >> 32, b0 = b & mask, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & mask) + (p10 & mask); /* < 3 * 2^32: no overflow */
    u128 r = {p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (p00 & mask)};
    return r;
}

static int cmp_u128(u128 a, u128 b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    if (a.lo != b.lo)
        return a.lo < b.lo ? -1 : 1;
    return 0;
}

/* ---- exact percentages --------------------------------------------------------------------------- */

static ssat_status check_comparator(ssat_comparator cmp, const char *fn)
{
    if ((int)cmp < (int)SSAT_CMP_LT || (int)cmp > (int)SSAT_CMP_GT)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'cmp': %d is not a comparator", fn, (int)cmp);
    return SSAT_OK;
}

/* part * 100 * den (cmp) num * whole; arguments already checked. */
static int32_t compare_exact(uint64_t part, uint64_t whole, ssat_comparator cmp, uint32_t num, uint32_t den)
{
    int c = cmp_u128(mul_64(part, 100u * (uint64_t)den), mul_64(whole, num));
    switch (cmp) {
    case SSAT_CMP_LT: return c < 0;
    case SSAT_CMP_LE: return c <= 0;
    case SSAT_CMP_GE: return c >= 0;
    case SSAT_CMP_GT: return c > 0;
    }
    return 0;
}

/* Tenths of a percent rounded half up: floor((2000 * part + whole) / (2 * whole)), the largest t with
 * (2t - 1) * whole <= 2000 * part. t lies in 0..1000 because part <= whole, so a binary search over
 * 128-bit products gives it exactly for any 64-bit inputs. */
static int32_t tenths_exact(uint64_t part, uint64_t whole)
{
    u128 scaled = mul_64(part, 2000);
    int32_t lo = 0, hi = 1000;
    while (lo < hi) {
        int32_t mid = (lo + hi + 1) / 2;
        if (cmp_u128(mul_64(whole, (uint64_t)(2 * mid - 1)), scaled) <= 0)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static ssat_status not_evaluable(const char *fn)
{
    return ssat__error(SSAT_ERR_NOT_EVALUABLE, "%s: not evaluable: no possible session (the whole is 0)", fn);
}

ssat_status ssat_percent_compare(uint64_t part, uint64_t whole, ssat_comparator cmp, uint32_t pct_num,
                                 uint32_t pct_den, int32_t *out)
{
    static const char fn[] = "ssat_percent_compare";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (pct_den == 0)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'pct_den' is 0", fn);
    if (part > whole)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'part' (%llu) is greater than 'whole' (%llu)", fn,
                           (unsigned long long)part, (unsigned long long)whole);
    ssat_status st = check_comparator(cmp, fn);
    if (st != SSAT_OK)
        return st;
    if (whole == 0)
        return not_evaluable(fn);
    *out = compare_exact(part, whole, cmp, pct_num, pct_den);
    return SSAT_OK;
}

ssat_status ssat_percent_tenths(uint64_t part, uint64_t whole, int32_t *out)
{
    static const char fn[] = "ssat_percent_tenths";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (part > whole)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'part' (%llu) is greater than 'whole' (%llu)", fn,
                           (unsigned long long)part, (unsigned long long)whole);
    if (whole == 0)
        return not_evaluable(fn);
    *out = tenths_exact(part, whole);
    return SSAT_OK;
}

/* ---- figures that never contradict their decision ---------------------------------------------- */

/* The percentage rounded half up to d decimals, times 10^d: floor((2 * 100 * 10^d * part + whole) /
 * (2 * whole)), found as tenths_exact does (the largest r with (2r - 1) * whole <= 2 * scale * part). */
static uint64_t rounded_at(uint64_t part, uint64_t whole, uint64_t scale)
{
    u128 target = mul_64(part, 2 * scale);
    uint64_t lo = 0, hi = scale;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo + 1) / 2;
        if (cmp_u128(mul_64(whole, 2 * mid - 1), target) <= 0)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

#define DECIMALS_MAX 9

int32_t ssat_percent_decimals(uint64_t part, uint64_t whole, uint32_t pct_num, uint32_t pct_den)
{
    if (whole == 0 || part > whole || pct_den == 0)
        return 1;
    int exact = cmp_u128(mul_64(part, 100u * (uint64_t)pct_den), mul_64(whole, pct_num));
    uint64_t pow = 10;
    for (int32_t d = 1; d < DECIMALS_MAX; d++, pow *= 10) {
        uint64_t r = rounded_at(part, whole, 100 * pow);
        if (cmp_u128(mul_64(r, pct_den), mul_64(pct_num, pow)) == exact)
            return d; /* the shown figure is on the side of the threshold the exact one is */
    }
    return DECIMALS_MAX;
}

ssat_status ssat_percent_format(uint64_t part, uint64_t whole, int32_t decimals, char *buf, size_t cap)
{
    static const char fn[] = "ssat_percent_format";
    if (buf == NULL)
        return ssat__null_arg(fn, "buf");
    if (cap > 0)
        buf[0] = '\0';
    if (decimals < 1 || decimals > DECIMALS_MAX)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'decimals' (%ld) is not between 1 and %d", fn,
                           (long)decimals, DECIMALS_MAX);
    if (part > whole)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'part' (%llu) is greater than 'whole' (%llu)", fn,
                           (unsigned long long)part, (unsigned long long)whole);
    if (whole == 0)
        return not_evaluable(fn);
    uint64_t pow = 1;
    for (int32_t d = 0; d < decimals; d++)
        pow *= 10;
    uint64_t r = rounded_at(part, whole, 100 * pow);
    int n = snprintf(buf, cap, "%llu.%0*llu", (unsigned long long)(r / pow), (int)decimals,
                     (unsigned long long)(r % pow));
    if (n < 0 || (size_t)n >= cap) {
        if (cap > 0)
            buf[0] = '\0';
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'cap' (%zu) is too small for %d characters", fn, cap,
                           n + 1);
    }
    return SSAT_OK;
}

/* ---- the calculation ----------------------------------------------------------------------------- */

/* Count every entry value of the window's sessions that the register covers. */
static void histogram(const ssat_register *reg, const ssat_window *w, uint32_t hist[256])
{
    ssat__register_view v;
    ssat__register_view_get(reg, &v);
    if (v.count == 0)
        return;
    int64_t lo = ssat__session(w->first_date, w->first_half);
    int64_t hi = ssat__session(w->last_date, w->last_half);
    int64_t last = v.base + (int64_t)v.count - 1;
    lo = lo > v.base ? lo : v.base;
    hi = hi < last ? hi : last;
    for (int64_t s = lo; s <= hi; s++)
        hist[v.entries[s - v.base]]++;
}

/* Add n marks of one code to the totals. */
static void add_code(ssat_totals *t, const ssat_code_info *info, uint32_t n)
{
    switch (info->category) {
    case SSAT_CATEGORY_PRESENT: t->present += n; t->attended += n; break;
    case SSAT_CATEGORY_APPROVED_ACTIVITY: t->approved_activity += n; t->attended += n; break;
    case SSAT_CATEGORY_AUTHORISED: t->authorised += n; break;
    case SSAT_CATEGORY_UNAUTHORISED: t->unauthorised += n; break;
    case SSAT_CATEGORY_NOT_COUNTED: t->not_counted += n; break;
    }
    uint32_t f = info->flags;
    t->late_before_close += (f & SSAT_FLAG_LATE_BEFORE_CLOSE) ? n : 0;
    t->late_after_close += (f & SSAT_FLAG_LATE_AFTER_CLOSE) ? n : 0;
    t->provisional += (f & SSAT_FLAG_PROVISIONAL) ? n : 0;
    t->exclusion += (f & SSAT_FLAG_EXCLUSION) ? n : 0;
    t->illness += (f & SSAT_FLAG_ILLNESS) ? n : 0;
    if (f & SSAT_FLAG_HOLIDAY) {
        t->holiday_authorised += info->category == SSAT_CATEGORY_AUTHORISED ? n : 0;
        t->holiday_unauthorised += info->category == SSAT_CATEGORY_UNAUTHORISED ? n : 0;
    }
    t->entries += n;
}

void ssat__attendance_totals(const ssat_register *reg, const ssat_window *w, ssat_totals *t, uint32_t *counts)
{
    uint32_t hist[256] = {0};
    const ssat_codeset *set = ssat_register_codeset(reg);
    histogram(reg, w, hist);
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < ssat_codeset_count(set); i++)
        if (hist[i] != 0)
            add_code(t, ssat_codeset_at(set, i), hist[i]);
    t->missing = hist[SSAT__ENTRY_MISSING];
    t->entries += t->missing;
    t->possible = t->attended + t->authorised + t->unauthorised;
    if (counts != NULL)
        memcpy(counts, hist, sizeof hist);
}

static void fill_totals(ssat_summary *sum, const uint32_t hist[256])
{
    ssat_totals *t = &sum->totals;
    for (size_t i = 0; i < sum->ncodes; i++) {
        sum->counts[i] = hist[i];
        add_code(t, ssat_codeset_at(sum->codes, i), hist[i]);
    }
    t->missing = hist[SSAT__ENTRY_MISSING];
    t->entries += t->missing;
    t->possible = t->attended + t->authorised + t->unauthorised; /* the invariant, by construction */
}

ssat_status ssat_attendance_compute(const ssat_register *reg, const ssat_window *window, ssat_summary **out)
{
    static const char fn[] = "ssat_attendance_compute";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    ssat_status st = ssat__window_check(window, fn);
    if (st != SSAT_OK)
        return st;
    const ssat_codeset *codes = ssat_register_codeset(reg);
    const ssat__alloc *a = ssat__codeset_alloc(codes);
    ssat_summary *sum = ssat__calloc(a, 1, sizeof *sum);
    if (sum == NULL)
        return ssat__nomem(fn);
    sum->alloc = *a;
    sum->ncodes = ssat_codeset_count(codes);
    if (sum->ncodes > 0 && (sum->counts = ssat__calloc(a, sum->ncodes, sizeof *sum->counts)) == NULL) {
        ssat__free(a, sum, sizeof *sum);
        return ssat__nomem(fn);
    }
    uint32_t hist[256] = {0};
    histogram(reg, window, hist);
    sum->codes = codes;
    sum->window = *window;
    fill_totals(sum, hist);
    ssat__codeset_retain(codes);
    *out = sum;
    return SSAT_OK;
}

void ssat_summary_free(ssat_summary *summary)
{
    if (summary == NULL)
        return;
    ssat__alloc a = summary->alloc; /* the set's allocator; the set may go with the release below */
    ssat__codeset_release(summary->codes);
    ssat__free(&a, summary->counts, summary->ncodes * sizeof *summary->counts);
    ssat__free(&a, summary, sizeof *summary);
}

const ssat_totals *ssat_summary_totals(const ssat_summary *summary)
{
    return summary != NULL ? &summary->totals : NULL;
}

const ssat_window *ssat_summary_window(const ssat_summary *summary)
{
    return summary != NULL ? &summary->window : NULL;
}

int32_t ssat_summary_evaluable(const ssat_summary *summary)
{
    return summary != NULL && summary->totals.possible > 0 ? 1 : 0;
}

ssat_status ssat_summary_code_count(const ssat_summary *summary, const char *code, uint32_t *out)
{
    static const char fn[] = "ssat_summary_code_count";
    char repr[SSAT__CODE_REPR_SIZE];
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (summary == NULL)
        return ssat__null_arg(fn, "summary");
    if (code == NULL)
        return ssat__null_arg(fn, "code");
    uint8_t i = ssat__codeset_index(summary->codes, code);
    if (i == SSAT__NO_CODE)
        return ssat__error(SSAT_ERR_UNKNOWN_CODE, "%s: code %s is not in code set \"%s\"", fn, ssat__code_repr(repr, code),
                           ssat_codeset_name(summary->codes));
    *out = summary->counts[i];
    return SSAT_OK;
}

ssat_status ssat_summary_attendance_tenths(const ssat_summary *summary, int32_t *out)
{
    static const char fn[] = "ssat_summary_attendance_tenths";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (summary == NULL)
        return ssat__null_arg(fn, "summary");
    if (summary->totals.possible == 0)
        return not_evaluable(fn);
    *out = tenths_exact(summary->totals.attended, summary->totals.possible);
    return SSAT_OK;
}

static uint64_t rate_part(const ssat_totals *t, ssat_rate rate)
{
    switch (rate) {
    case SSAT_RATE_ATTENDANCE: return t->attended;
    case SSAT_RATE_ABSENCE: return (uint64_t)t->authorised + t->unauthorised;
    case SSAT_RATE_UNAUTHORISED: return t->unauthorised;
    }
    return 0;
}

ssat_status ssat_summary_compare(const ssat_summary *summary, ssat_rate rate, ssat_comparator cmp,
                                 uint32_t pct_num, uint32_t pct_den, int32_t *out)
{
    static const char fn[] = "ssat_summary_compare";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (summary == NULL)
        return ssat__null_arg(fn, "summary");
    if ((int)rate < (int)SSAT_RATE_ATTENDANCE || (int)rate > (int)SSAT_RATE_UNAUTHORISED)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'rate': %d is not a rate", fn, (int)rate);
    ssat_status st = check_comparator(cmp, fn);
    if (st != SSAT_OK)
        return st;
    if (pct_den == 0)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'pct_den' is 0", fn);
    if (summary->totals.possible == 0)
        return not_evaluable(fn);
    *out = compare_exact(rate_part(&summary->totals, rate), summary->totals.possible, cmp, pct_num, pct_den);
    return SSAT_OK;
}
