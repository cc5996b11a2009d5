/* Batch evaluation (include/ssat/batch.h): ssat_batch_evaluate, its checks, the pupils split across
 * threads, the kernel run on each share, then the pass over limbs met with provisional marks
 * (batch_internal.h). */
#include "batch_internal.h"

#if BATCH_THREADS
#include <pthread.h>
#endif

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
    case SSAT__BATCH_AVX512: j->invalid = ssat__batch_avx512_pupils(j); return;
    case SSAT__BATCH_AVX2: j->invalid = ssat__batch_avx2_pupils(j); return;
#else
    case SSAT__BATCH_AVX512:
    case SSAT__BATCH_AVX2:
#endif
    case SSAT__BATCH_SCALAR: break;
    }
    j->invalid = ssat__batch_scalar_pupils(j);
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
