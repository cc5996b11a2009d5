/* Batch evaluation (include/ssat/batch.h), building a batch: the shared sessions, the code classes and
 * the kernels' tables, the rules as tables of exact bounds, the windows as cuts of the run; the
 * kernel choice and the public calls but ssat_batch_evaluate (batch_run.c). The design is described
 * in batch_internal.h. */
#include "batch_internal.h"

#include <stdio.h>

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
    for (size_t i = 0; i < ssat_codeset_count(codes); i++) {
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

int32_t ssat__batch_tenths(const ssat_batch *batch, uint32_t part, uint32_t whole)
{
    return tenths(batch, part, whole);
}
