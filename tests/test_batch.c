/* Tests of lib/batch/batch.c: batch evaluation gives exactly the per-pupil API's results.
 *
 * Random registers (a seeded PRNG, so every run checks the same thousands of pupils) with joiners,
 * leavers, short and empty runs, "." and "-" and " ", runs past the as-of date and invalid bytes, under
 * several policies (Carmarthenshire's; one with term windows, severe absence, a share condition and
 * limbs switched off; England's with its last-10-weeks limb window and code set), code sets (built in,
 * and random custom sets whose codes fill between one and six rows of byte values) and as-of dates
 * (first day, half-term, a holiday after a term, mid-year, the year's end). Each pupil's result is
 * compared field by field with ssat_attendance_compute, ssat_referral_evaluate, ssat_absence_evaluate
 * and ssat_penalty_evaluate over a register built from the same marks on the same session dates, for
 * every counting kernel the CPU runs and for 1, 2 and 7 threads. Then every error path. */
#include "support.h"

#include "heap.h"
#include "batch_layer.h"
#include "rules_fixture.h" /* fixture_calendar(): the authority's terms with an autumn half-term */

#include <stdlib.h>


/* ---- a small deterministic PRNG (xorshift64*) ---------------------------------------------------- */

typedef struct rng {
    uint64_t s;
} rng;

static uint32_t rnd(rng *r, uint32_t n)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (uint32_t)(((r->s * 2685821657736338717u) >> 32) % n);
}

/* ---- the world a batch is made from -------------------------------------------------------------- */

typedef struct world {
    ssat_policy *policy;
    ssat_codeset *codes;
    ssat_calendar *calendar;
} world;

static void world_init(world *w, const char *policy, ssat_codeset *codes, ssat_calendar *calendar)
{
    const char *set = NULL;
    memset(w, 0, sizeof *w);
    assert_ok(ssat_policy_builtin(policy, NULL, &w->policy));
    assert_ok(ssat_policy_get_text(w->policy, "code_set", &set));
    if (codes == NULL)
        assert_ok(ssat_codeset_builtin(set, NULL, &codes));
    w->codes = codes;
    w->calendar = calendar != NULL ? calendar : fixture_calendar();
}

static void world_free(world *w)
{
    ssat_policy_free(w->policy);
    ssat_codeset_free(w->codes);
    ssat_calendar_free(w->calendar);
    memset(w, 0, sizeof *w);
}

/* ---- random registers ---------------------------------------------------------------------------- */

typedef struct alphabet {
    char codes[128];   /* one-character codes of the set */
    size_t ncodes;
    char present[128]; /* those that count as attended */
    size_t npresent;
    char uncounted[128]; /* not-counted codes (a joiner's Z) */
    size_t nuncounted;
    unsigned char invalid[16]; /* bytes that are not codes of the set */
    size_t ninvalid;
} alphabet;

static void alphabet_init(alphabet *al, const ssat_codeset *codes)
{
    static const unsigned char candidates[] = {0x00, 0x80, 0xFF, 0x7F, '\n', ',', '"', 'Q', 'a', '1', '~', 0xC3};
    memset(al, 0, sizeof *al);
    for (size_t i = 0; i < ssat_codeset_count(codes); i++) {
        const ssat_code_info *info = ssat_codeset_at(codes, i);
        if (info->code[1] != '\0')
            continue;
        al->codes[al->ncodes++] = info->code[0];
        if (info->category == SSAT_CATEGORY_PRESENT || info->category == SSAT_CATEGORY_APPROVED_ACTIVITY)
            al->present[al->npresent++] = info->code[0];
        if (info->category == SSAT_CATEGORY_NOT_COUNTED)
            al->uncounted[al->nuncounted++] = info->code[0];
    }
    for (size_t i = 0; i < sizeof candidates; i++) {
        char code[2] = {(char)candidates[i], '\0'};
        if (candidates[i] == 0 || ssat_codeset_lookup(codes, code, NULL, NULL) != SSAT_OK)
            al->invalid[al->ninvalid++] = candidates[i];
    }
    ssat_error_clear();
}

static char present_mark(const alphabet *al, rng *r, size_t session)
{
    if (memchr(al->present, '/', al->npresent) != NULL && memchr(al->present, '\\', al->npresent) != NULL &&
        rnd(r, 20) != 0)
        return session % 2 == 0 ? '/' : '\\';
    if (al->npresent > 0)
        return al->present[rnd(r, (uint32_t)al->npresent)];
    return al->codes[rnd(r, (uint32_t)al->ncodes)];
}

/* One pupil's run: a profile of absence, spells of absence codes, missing marks, "." days, a joiner's
 * leading days, a leaver's short run, now and then an invalid byte anywhere. */
static size_t random_run(const alphabet *al, rng *r, size_t nsessions, size_t ytd_end, char *out)
{
    static const uint32_t absence_per_mille[] = {0, 20, 80, 160, 300, 600, 1000};
    uint32_t kind = rnd(r, 100), p_abs = absence_per_mille[rnd(r, 7)];
    size_t n = nsessions, lead = 0;
    if (kind < 4)
        n = 0;
    else if (kind < 20)
        n = rnd(r, (uint32_t)nsessions + 1);
    else if (kind < 30)
        n = ytd_end;
    if (kind >= 30 && kind < 42)
        lead = rnd(r, (uint32_t)n + 1);
    char joiner = al->nuncounted > 0 && rnd(r, 2) ? al->uncounted[rnd(r, (uint32_t)al->nuncounted)] : '.';
    for (size_t i = 0; i < n;) {
        if (i < lead) {
            out[i++] = joiner;
        } else if (rnd(r, 1000) < p_abs) {
            char code = al->codes[rnd(r, (uint32_t)al->ncodes)];
            for (size_t spell = 1 + rnd(r, 6); spell > 0 && i < n; spell--)
                out[i++] = code;
        } else {
            uint32_t x = rnd(r, 200);
            out[i] = x == 0 ? '-' : x == 1 ? ' ' : x == 2 ? '.' : present_mark(al, r, i);
            i++;
        }
    }
    if (n > 0 && rnd(r, 100) < 3)
        out[rnd(r, (uint32_t)n)] = (char)al->invalid[rnd(r, (uint32_t)al->ninvalid)];
    return n;
}

/* A run of exactly `n` sessions with `attended` present, `unauth` "O" and the rest "I": pupils on the
 * 85 %, 90 % and 10 % lines. */
static size_t exact_run(const alphabet *al, size_t n, size_t attended, size_t unauth, char *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = i < attended ? (al->npresent > 0 ? al->present[0] : '/') : i < attended + unauth ? 'O' : 'I';
    return n;
}

/* ---- the per-pupil answer ------------------------------------------------------------------------ */

static ssat_outcome outcome_of(const ssat_decision *d, const char *id, int64_t *value)
{
    const ssat_criterion *c = NULL;
    if (ssat_decision_find(d, id, &c) != SSAT_OK) {
        ssat_error_clear();
        return SSAT_OUTCOME_NOT_MET; /* absence.severe is left out when the policy does not evaluate it */
    }
    if (value != NULL)
        *value = c->value;
    return c->outcome;
}

/* Fill a register from a run, either mark by mark on the batch's session dates or as one wide string
 * over every weekday (with "." on the weekdays that are not school days). Returns false when the run
 * holds a byte that is not a code (the register then refuses it). */
static bool fill_register(ssat_register *reg, const ssat_batch *b, const char *run, size_t len, bool wide)
{
    if (len == 0)
        return true;
    if (!wide) {
        for (size_t i = 0; i < len; i++) {
            ssat_date day;
            ssat_half half;
            assert_ok(ssat_batch_session(b, i, &day, &half));
            char code[2] = {run[i], '\0'};
            if (run[i] == '.')
                continue;
            if (run[i] == '\0')
                return false; /* "" would be a missing mark for add_mark; it is no code in a run */
            ssat_status st = ssat_register_add_mark(reg, day, half, run[i] == '-' || run[i] == ' ' ? "-" : code);
            if (st == SSAT_ERR_UNKNOWN_CODE)
                return false;
            assert_int_equal(st, SSAT_OK);
        }
        return true;
    }
    ssat_date start, last;
    assert_ok(ssat_batch_session(b, 0, &start, NULL));
    assert_ok(ssat_batch_session(b, len - 1, &last, NULL));
    size_t cap = (size_t)(last - start + 1) * 2, n = 0, next = 0;
    char *wide_run = malloc(cap);
    assert_non_null(wide_run);
    for (ssat_date d = start; d <= last; d++) {
        if (ssat_date_weekday(d) > 5)
            continue;
        ssat_date sd;
        for (int half = 0; half < 2; half++) {
            bool on = next < len && ssat_batch_session(b, next, &sd, NULL) == SSAT_OK && sd == d;
            wide_run[n++] = on ? run[next++] : '.';
        }
    }
    ssat_status st = ssat_register_add_marks(reg, start, wide_run, n, NULL);
    free(wide_run);
    if (st == SSAT_ERR_INVALID_DATA)
        return false;
    assert_int_equal(st, SSAT_OK);
    return true;
}

/* Every criterion of the prepared evaluation's register decision is the per-pupil rule's criterion of
 * the same id, field by field and message by message. */
static void assert_same_criteria(const ssat_decision *reg_d, const ssat_decision *rule)
{
    for (size_t i = 0; i < ssat_decision_count(rule); i++) {
        const ssat_criterion *want = ssat_decision_at(rule, i), *got = NULL;
        if (ssat_decision_find(reg_d, want->id, &got) != SSAT_OK) {
            ssat_error_clear();
            continue; /* a criterion the register does not settle (R3 to R6, the guards) */
        }
        if (got->outcome != want->outcome || got->value != want->value || got->whole != want->whole ||
            got->threshold != want->threshold || got->threshold_den != want->threshold_den ||
            got->comparator != want->comparator || strcmp(got->message_en, want->message_en) != 0 ||
            strcmp(got->message_cy, want->message_cy) != 0)
            fail_msg("%s: prepared evaluation \"%s\" (%d) differs from the per-pupil rule \"%s\" (%d)", want->id,
                     got->message_en, (int)got->outcome, want->message_en, (int)want->outcome);
    }
}

/* The prepared evaluation (ssat/evaluation.h) over the same register: its criteria are the per-pupil
 * rules' and its answers are the batch's flags. */
static void check_evaluation(const world *w, const ssat_register *reg, ssat_date as_of,
                             const ssat_decision *decisions[3], uint32_t flags)
{
    ssat_evaluation *ev = NULL;
    ssat_decision *d = NULL;
    assert_ok(ssat_evaluation_new(w->policy, w->calendar, as_of, &ev));
    assert_ok(ssat_evaluation_register(ev, reg, &d));
    for (size_t i = 0; i < 3; i++)
        assert_same_criteria(d, decisions[i]);
    size_t listed = 0;
    for (size_t i = 0; i < 3; i++)
        for (size_t k = 0; k < ssat_decision_count(decisions[i]); k++)
            listed += ssat_decision_find(d, ssat_decision_at(decisions[i], k)->id, &(const ssat_criterion *){NULL}) ==
                      SSAT_OK;
    ssat_error_clear();
    assert_int_equal(listed, ssat_decision_count(d)); /* nothing the rules do not list */
    bool referral = (flags & SSAT_BATCH_REFERRAL_R1) && (flags & SSAT_BATCH_REFERRAL_R2);
    bool penalty = (flags & SSAT_BATCH_PENALTY_LIMB) && (flags & SSAT_BATCH_PENALTY_YEAR_TO_DATE);
    assert_int_equal(ssat_decision_answer(d, SSAT_QUESTION_REFERRAL_REGISTER) == SSAT_OUTCOME_MET, referral);
    assert_int_equal(ssat_decision_answer(d, SSAT_QUESTION_PENALTY_ATTENDANCE) == SSAT_OUTCOME_MET, penalty);
    assert_int_equal(ssat_decision_answer(d, SSAT_QUESTION_PERSISTENT_ABSENCE) == SSAT_OUTCOME_MET,
                     (flags & SSAT_BATCH_PERSISTENT) != 0);
    assert_int_equal(ssat_decision_answer(d, SSAT_QUESTION_SEVERE_ABSENCE) == SSAT_OUTCOME_MET,
                     (flags & SSAT_BATCH_SEVERE) != 0);
    /* The per-pupil decisions give the same answers. */
    assert_int_equal(ssat_decision_answer(decisions[0], SSAT_QUESTION_REFERRAL_REGISTER) == SSAT_OUTCOME_MET, referral);
    assert_int_equal(ssat_decision_answer(decisions[2], SSAT_QUESTION_PENALTY_ATTENDANCE) == SSAT_OUTCOME_MET, penalty);
    ssat_decision_free(d);
    ssat_evaluation_free(ev);
}

static void reference(const world *w, const ssat_batch *b, ssat_date as_of, const char *run, size_t len, bool wide,
                      ssat_batch_result *want)
{
    ssat_register *reg = NULL;
    assert_ok(ssat_register_new(w->codes, &reg));
    memset(want, 0, sizeof *want);
    want->attendance_tenths = -1;
    if (!fill_register(reg, b, run, len, wide)) {
        ssat_error_clear();
        want->flags = SSAT_BATCH_INVALID;
        ssat_register_free(reg);
        return;
    }
    ssat_window ytd;
    ssat_summary *sum = NULL;
    assert_ok(ssat_calendar_window_year_to_date(w->calendar, as_of, &ytd));
    assert_ok(ssat_attendance_compute(reg, &ytd, &sum));
    const ssat_totals *t = ssat_summary_totals(sum);
    want->possible = t->possible;
    want->attended = t->attended;
    want->authorised = t->authorised;
    want->unauthorised = t->unauthorised;
    want->missing = t->missing;
    if (ssat_summary_attendance_tenths(sum, &want->attendance_tenths) != SSAT_OK) {
        ssat_error_clear();
        want->attendance_tenths = -1;
    } else {
        want->flags |= SSAT_BATCH_EVALUABLE;
    }
    ssat_summary_free(sum);

    ssat_decision *dec[3] = {NULL, NULL, NULL};
    assert_ok(ssat_referral_evaluate(w->policy, reg, w->calendar, NULL, as_of, &dec[0]));
    want->flags |= outcome_of(dec[0], "referral.r1.attendance", NULL) == SSAT_OUTCOME_MET ? SSAT_BATCH_REFERRAL_R1 : 0;
    want->flags |= outcome_of(dec[0], "referral.r2.unauthorised", NULL) == SSAT_OUTCOME_MET ? SSAT_BATCH_REFERRAL_R2 : 0;
    assert_ok(ssat_absence_evaluate(w->policy, reg, w->calendar, as_of, &dec[1]));
    want->flags |= outcome_of(dec[1], "absence.persistent", NULL) == SSAT_OUTCOME_MET ? SSAT_BATCH_PERSISTENT : 0;
    want->flags |= outcome_of(dec[1], "absence.severe", NULL) == SSAT_OUTCOME_MET ? SSAT_BATCH_SEVERE : 0;
    assert_ok(ssat_penalty_evaluate(w->policy, reg, w->calendar, NULL, NULL, as_of, &dec[2]));
    static const char *const limb_ids[] = {"penalty.limb.unauthorised", "penalty.limb.holiday", "penalty.limb.late",
                                           "penalty.limb.combination"};
    bool limb_unknown = false;
    for (size_t i = 0; i < 4; i++) {
        ssat_outcome o = outcome_of(dec[2], limb_ids[i], NULL);
        want->flags |= o == SSAT_OUTCOME_MET ? SSAT_BATCH_PENALTY_LIMB : 0;
        limb_unknown = limb_unknown || o == SSAT_OUTCOME_UNKNOWN; /* met only with provisional sessions */
    }
    if (limb_unknown && !(want->flags & SSAT_BATCH_PENALTY_LIMB))
        want->flags |= SSAT_BATCH_PENALTY_LIMB_UNKNOWN;
    int64_t limb = 0;
    (void)outcome_of(dec[2], "penalty.limb.combination", &limb);
    want->limb_sessions = (uint32_t)limb;
    want->flags |= outcome_of(dec[2], "penalty.year_to_date", NULL) == SSAT_OUTCOME_MET
                       ? SSAT_BATCH_PENALTY_YEAR_TO_DATE
                       : 0;
    check_evaluation(w, reg, as_of, (const ssat_decision *[3]){dec[0], dec[1], dec[2]}, want->flags);
    for (size_t i = 0; i < 3; i++)
        ssat_decision_free(dec[i]);
    ssat_register_free(reg);
}

/* ---- comparing ----------------------------------------------------------------------------------- */

static void assert_same(const ssat_batch_result *got, const ssat_batch_result *want, size_t pupil, const char *run,
                        size_t len, const char *what)
{
    if (memcmp(got, want, sizeof *got) == 0)
        return;
    fail_msg("%s: pupil %zu (run of %zu: \"%.*s\"): got possible %u attended %u authorised %u unauthorised %u "
             "missing %u limb %u tenths %d flags 0x%X; per pupil %u %u %u %u %u %u %d 0x%X",
             what, pupil, len, (int)len, run, got->possible, got->attended, got->authorised, got->unauthorised,
             got->missing, got->limb_sessions, got->attendance_tenths, got->flags, want->possible, want->attended,
             want->authorised, want->unauthorised, want->missing, want->limb_sessions, want->attendance_tenths,
             want->flags);
}

typedef struct pupils {
    char *marks;      /* exactly offsets[n] bytes, so ASan sees any read past the end */
    size_t *offsets;
    size_t n;
} pupils;

static void pupils_make(pupils *p, const alphabet *al, rng *r, size_t n, size_t nsessions, size_t ytd_end)
{
    char *buf = malloc(n * nsessions + 1);
    assert_non_null(buf);
    p->offsets = malloc((n + 1) * sizeof *p->offsets);
    assert_non_null(p->offsets);
    p->n = n;
    p->offsets[0] = 0;
    /* Pupils on the lines: 85 % (R1, inclusive), 90 % (penalty year to date, strict), 10 % absence. */
    size_t line[][2] = {{ytd_end * 85 / 100, 10}, {ytd_end * 85 / 100 + 1, 9}, {ytd_end * 9 / 10, 10},
                        {ytd_end * 9 / 10 - 1, 12}, {ytd_end * 9 / 10 + 1, 0}, {ytd_end - ytd_end / 10, 3}};
    for (size_t i = 0; i < n; i++) {
        size_t len = i < 6 && ytd_end >= 40 && line[i][0] + line[i][1] <= ytd_end
                         ? exact_run(al, ytd_end, line[i][0], line[i][1], buf + p->offsets[i])
                         : random_run(al, r, nsessions, ytd_end, buf + p->offsets[i]);
        p->offsets[i + 1] = p->offsets[i] + len;
    }
    p->marks = malloc(p->offsets[n] > 0 ? p->offsets[n] : 1);
    assert_non_null(p->marks);
    memcpy(p->marks, buf, p->offsets[n]);
    free(buf);
}

static void pupils_free(pupils *p)
{
    free(p->marks);
    free(p->offsets);
    memset(p, 0, sizeof *p);
}

/* Evaluate `p` with every kernel this CPU runs and 1, 2 and 7 threads; all must equal `want`. */
static void check_all_ways(ssat_batch *b, const pupils *p, const ssat_batch_result *want, size_t want_invalid)
{
    static const ssat__batch_kernel kernels[] = {SSAT__BATCH_SCALAR, SSAT__BATCH_AVX2, SSAT__BATCH_AVX512};
    static const uint32_t threads[] = {1, 2, 7};
    ssat_batch_result *got = malloc((p->n + 1) * sizeof *got);
    assert_non_null(got);
    char what[64];
    for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
        if (!ssat__batch_set_kernel(b, kernels[k]))
            continue; /* this CPU cannot run it */
        for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
            size_t invalid = 12345;
            memset(got, 0xA5, (p->n + 1) * sizeof *got);
            assert_ok(ssat_batch_evaluate(b, p->marks, p->offsets, p->n, got, threads[t], &invalid));
            snprintf(what, sizeof what, "kernel %s, %u threads", ssat_batch_kernel(b), threads[t]);
            for (size_t i = 0; i < p->n; i++)
                assert_same(&got[i], &want[i], i, p->marks + p->offsets[i], p->offsets[i + 1] - p->offsets[i], what);
            assert_int_equal(invalid, want_invalid);
            const unsigned char *guard = (const unsigned char *)&got[p->n];
            for (size_t i = 0; i < sizeof *got; i++)
                assert_int_equal(guard[i], 0xA5); /* nothing written past npupils */
        }
    }
    free(got);
}

/* Random pupils against the per-pupil API at each as-of date. */
static void check_world(world *w, const ssat_date *as_of, size_t ndates, size_t npupils, uint64_t seed)
{
    alphabet al;
    rng r = {seed};
    alphabet_init(&al, w->codes);
    ssat_batch *b = NULL;
    assert_ok(ssat_batch_new(w->codes, w->policy, w->calendar, as_of[ndates - 1], &b));
    size_t nsessions = ssat_batch_session_count(b);
    ssat_batch_free(b);
    for (size_t k = 0; k < ndates; k++) {
        assert_ok(ssat_batch_new(w->codes, w->policy, w->calendar, as_of[k], &b));
        assert_int_equal(ssat_batch_session_count(b), nsessions);
        size_t ytd_end = 0;
        for (ssat_date d = 0; ytd_end < nsessions && ssat_batch_session(b, ytd_end, &d, NULL) == SSAT_OK && d <= as_of[k];)
            ytd_end++;
        pupils p;
        pupils_make(&p, &al, &r, npupils, nsessions, ytd_end);
        ssat_batch_result *want = malloc(npupils * sizeof *want);
        assert_non_null(want);
        size_t want_invalid = 0;
        for (size_t i = 0; i < npupils; i++) {
            reference(w, b, as_of[k], p.marks + p.offsets[i], p.offsets[i + 1] - p.offsets[i], i % 2 == 1, &want[i]);
            want_invalid += want[i].flags == SSAT_BATCH_INVALID;
        }
        check_all_ways(b, &p, want, want_invalid);
        free(want);
        pupils_free(&p);
        ssat_batch_free(b);
    }
}

/* ---- the comparisons ----------------------------------------------------------------------------- */

static void carmarthenshire_many_dates(void **state)
{
    (void)state;
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    /* first school day; half-term; the holiday after the autumn term (its term window ends before
     * as_of); spring; after the summer term ends */
    const ssat_date dates[] = {D("2024-09-02"), D("2024-10-30"), D("2024-12-27"), D("2025-02-14"), D("2025-07-31")};
    check_world(&w, dates, sizeof dates / sizeof dates[0], 250, 1);
    world_free(&w);
}

/* Term windows for R1, R2 and persistence, severe absence on, R2's share condition, limbs off and
 * changed, decimal thresholds, every comparator, the year to date not required. */
static void changed_policy(void **state)
{
    (void)state;
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    assert_ok(ssat_policy_set_window(w.policy, "referral.window", SSAT_WINDOW_TERM, 0));
    assert_ok(ssat_policy_set_window(w.policy, "absence.window", SSAT_WINDOW_TERM, 0));
    assert_ok(ssat_policy_set_window(w.policy, "penalty.limb.window", SSAT_WINDOW_YEAR_TO_DATE, 0));
    assert_ok(ssat_policy_set_percent(w.policy, "referral.attendance.threshold", 875, 10));
    assert_ok(ssat_policy_set_comparator(w.policy, "referral.attendance.comparator", SSAT_CMP_LT));
    assert_ok(ssat_policy_set_int(w.policy, "referral.unauthorised.min_sessions", 4));
    assert_ok(ssat_policy_set_percent(w.policy, "referral.unauthorised.min_share", 40, 1));
    assert_ok(ssat_policy_set_comparator(w.policy, "absence.persistent.comparator", SSAT_CMP_GT));
    assert_ok(ssat_policy_set_bool(w.policy, "absence.severe.enabled", 1));
    assert_ok(ssat_policy_set_percent(w.policy, "absence.severe.threshold", 3333, 100));
    assert_ok(ssat_policy_set_int(w.policy, "penalty.limb.holiday_sessions", 0));
    assert_ok(ssat_policy_set_int(w.policy, "penalty.limb.late_sessions", 3));
    assert_ok(ssat_policy_set_int(w.policy, "penalty.limb.combination_sessions", 0));
    assert_ok(ssat_policy_set_bool(w.policy, "penalty.year_to_date.required", 0));
    const ssat_date dates[] = {D("2024-11-20"), D("2025-03-03"), D("2025-06-10")};
    check_world(&w, dates, sizeof dates / sizeof dates[0], 200, 2);
    /* the other comparators, and a penalty year to date that is required again */
    assert_ok(ssat_policy_set_comparator(w.policy, "referral.attendance.comparator", SSAT_CMP_GT));
    assert_ok(ssat_policy_set_comparator(w.policy, "absence.persistent.comparator", SSAT_CMP_LE));
    assert_ok(ssat_policy_set_comparator(w.policy, "absence.severe.comparator", SSAT_CMP_LT));
    assert_ok(ssat_policy_set_comparator(w.policy, "penalty.year_to_date.comparator", SSAT_CMP_GE));
    assert_ok(ssat_policy_set_bool(w.policy, "penalty.year_to_date.required", 1));
    assert_ok(ssat_policy_set_int(w.policy, "referral.unauthorised.min_sessions", 0));
    check_world(&w, dates + 1, 1, 200, 3);
    /* the unauthorised limb read as every unauthorised code (issue 14 k), with the combination on and
     * lower, then higher, than it; provisional marks counted */
    assert_ok(ssat_policy_set_bool(w.policy, "penalty.limb.unauthorised_all_codes", 1));
    assert_ok(ssat_policy_set_int(w.policy, "penalty.limb.combination_sessions", 5));
    check_world(&w, dates, 2, 200, 4);
    assert_ok(ssat_policy_set_int(w.policy, "penalty.limb.combination_sessions", 15));
    assert_ok(ssat_policy_set_bool(w.policy, "penalty.limb.provisional_unknown", 0));
    check_world(&w, dates + 1, 2, 200, 5);
    world_free(&w);
}

/* England: its code set (one-character codes only can occur in a run), a last-10-weeks limb window,
 * severe absence; the default census terms (the autumn term starts on 1 August). */
static void england_policy(void **state)
{
    (void)state;
    world w;
    ssat_calendar *census = NULL;
    assert_ok(ssat_calendar_new(2024, NULL, &census));
    world_init(&w, "england-2024", NULL, census);
    const ssat_date dates[] = {D("2024-08-01"), D("2024-12-06"), D("2025-05-21")};
    check_world(&w, dates, sizeof dates / sizeof dates[0], 300, 4);
    world_free(&w);
}

/* A custom set named as the policy's (so the rules accept its registers): random codes with random
 * categories and flags, in the first n rows of printable byte values. Exercises each row count of the AVX2
 * kernel and codes that share a class. */
static ssat_codeset *random_set(rng *r, size_t rows)
{
    static const uint32_t flags[] = {SSAT_FLAG_NONE, SSAT_FLAG_HOLIDAY, SSAT_FLAG_LATE_AFTER_CLOSE,
                                     SSAT_FLAG_HOLIDAY | SSAT_FLAG_LATE_AFTER_CLOSE, SSAT_FLAG_PROVISIONAL,
                                     SSAT_FLAG_LATE_BEFORE_CLOSE};
    ssat_codeset *set = NULL;
    assert_ok(ssat_codeset_new("wales-2010", NULL, &set));
    assert_ok(ssat_codeset_define(set, "/", SSAT_CATEGORY_PRESENT, 0, "present", "presennol"));
    for (size_t row = 0; row < rows; row++) {
        unsigned hi = 2 + (unsigned)row; /* rows 0x20.. up: row 2 always, as it holds "." "-" " " */
        for (size_t k = 0; k < 4; k++) {
            char code[2] = {(char)(hi * 16 + rnd(r, 16)), '\0'};
            if (code[0] <= ' ' || code[0] == 0x7F || code[0] == ',' || code[0] == '"' || code[0] == '.' ||
                code[0] == '-')
                continue;
            assert_ok(ssat_codeset_define(set, code, (ssat_category)rnd(r, 5), flags[rnd(r, 6)], "x", "x"));
        }
    }
    return set;
}

static void custom_code_sets(void **state)
{
    (void)state;
    rng r = {5};
    for (size_t rows = 1; rows <= 6; rows++) {
        world w;
        world_init(&w, "carmarthenshire", random_set(&r, rows), NULL);
        const ssat_date dates[] = {D("2025-01-20"), D("2025-07-18")};
        check_world(&w, dates, 2, 80, 10 + rows);
        world_free(&w);
    }
    /* Every printable byte a code: six rows, every class. */
    ssat_codeset *all = NULL;
    assert_ok(ssat_codeset_new("wales-2010", NULL, &all));
    for (int c = '!'; c <= '~'; c++) {
        char code[2] = {(char)c, '\0'};
        if (c != ',' && c != '"' && c != '.' && c != '-')
            assert_ok(ssat_codeset_define(all, code, (ssat_category)(c % 5), c % 3 == 0 ? SSAT_FLAG_HOLIDAY
                                          : c % 3 == 1 ? SSAT_FLAG_LATE_AFTER_CLOSE : 0, "x", "x"));
    }
    world w;
    world_init(&w, "carmarthenshire", all, NULL);
    const ssat_date dates[] = {D("2025-03-31")};
    check_world(&w, dates, 1, 200, 20);
    world_free(&w);
}

/* ---- buffers and threads ------------------------------------------------------------------------- */

/* Tiny buffers (shorter than a vector), runs that start after offsets[0] with other bytes before them,
 * empty runs; a batch evaluated through a sub-range of its offsets. */
static void buffers_and_ranges(void **state)
{
    (void)state;
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    ssat_batch *b = NULL;
    ssat_date as_of = D("2025-07-18");
    assert_ok(ssat_batch_new(w.codes, w.policy, w.calendar, as_of, &b));
    /* three bytes in all */
    char *tiny = malloc(3);
    assert_non_null(tiny);
    memcpy(tiny, "/O\\", 3);
    size_t off[3] = {0, 2, 3};
    ssat_batch_result got[2], want;
    size_t invalid = 1;
    for (int k = SSAT__BATCH_SCALAR; k <= SSAT__BATCH_AVX512; k++) {
        if (!ssat__batch_set_kernel(b, (ssat__batch_kernel)k))
            continue;
        assert_ok(ssat_batch_evaluate(b, tiny, off, 2, got, 1, &invalid));
        assert_int_equal(invalid, 0);
        reference(&w, b, as_of, "/O", 2, false, &want);
        assert_same(&got[0], &want, 0, "/O", 2, ssat_batch_kernel(b));
        assert_int_equal(got[0].possible, 2);
        assert_int_equal(got[0].attended, 1);
        assert_int_equal(got[0].attendance_tenths, 500);
        assert_int_equal(got[1].possible, 1);
    }
    free(tiny);
    /* A buffer whose first and last bytes belong to nobody: invalid bytes there must not count. */
    size_t nsessions = ssat_batch_session_count(b), len = nsessions - 3;
    char *buf = malloc(100 + 2 * len + 100);
    assert_non_null(buf);
    memset(buf, 0xFF, 100 + 2 * len + 100);
    for (size_t i = 0; i < 2 * len; i++)
        buf[100 + i] = i % 7 == 0 ? 'I' : i % 2 == 0 ? '/' : '\\';
    size_t mid[3] = {100, 100 + len, 100 + 2 * len};
    for (int k = SSAT__BATCH_SCALAR; k <= SSAT__BATCH_AVX512; k++) {
        if (!ssat__batch_set_kernel(b, (ssat__batch_kernel)k))
            continue;
        for (uint32_t t = 1; t <= 2; t++) {
            assert_ok(ssat_batch_evaluate(b, buf, mid, 2, got, t, &invalid));
            assert_int_equal(invalid, 0);
            reference(&w, b, as_of, buf + 100, len, true, &want);
            assert_same(&got[0], &want, 0, buf + 100, len, ssat_batch_kernel(b));
            reference(&w, b, as_of, buf + 100 + len, len, false, &want);
            assert_same(&got[1], &want, 1, buf + 100 + len, len, ssat_batch_kernel(b));
            /* the second pupil alone, through offsets + 1 */
            assert_ok(ssat_batch_evaluate(b, buf, mid + 1, 1, got, t, NULL));
            assert_same(&got[0], &want, 1, buf + 100 + len, len, ssat_batch_kernel(b));
        }
    }
    free(buf);
    /* No pupils: nothing to do, but the pointers are still required. */
    size_t zero = 0;
    assert_ok(ssat_batch_evaluate(b, "", &zero, 0, got, 4, &invalid));
    assert_int_equal(invalid, 0);
    ssat_batch_free(b);
    world_free(&w);
}

/* Any number of threads gives the same results: 0, 1, more threads than pupils, more than 64. */
static void thread_counts(void **state)
{
    (void)state;
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    ssat_batch *b = NULL;
    assert_ok(ssat_batch_new(w.codes, w.policy, w.calendar, D("2025-05-01"), &b));
    alphabet al;
    alphabet_init(&al, w.codes);
    rng r = {99};
    pupils p;
    pupils_make(&p, &al, &r, 3000, ssat_batch_session_count(b), 300);
    ssat_batch_result *one = malloc(p.n * sizeof *one), *many = malloc(p.n * sizeof *many);
    assert_non_null(one);
    assert_non_null(many);
    size_t inv1 = 0, inv2 = 0;
    assert_ok(ssat_batch_evaluate(b, p.marks, p.offsets, p.n, one, 1, &inv1));
    static const uint32_t threads[] = {0, 3, 64, 65, 1000, UINT32_MAX};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        assert_ok(ssat_batch_evaluate(b, p.marks, p.offsets, p.n, many, threads[t], &inv2));
        assert_memory_equal(one, many, p.n * sizeof *one);
        assert_int_equal(inv1, inv2);
    }
    /* more threads than pupils */
    assert_ok(ssat_batch_evaluate(b, p.marks, p.offsets, 3, many, 8, &inv2));
    assert_memory_equal(one, many, 3 * sizeof *one);
    free(one);
    free(many);
    pupils_free(&p);
    ssat_batch_free(b);
    world_free(&w);
}

/* ---- the calendar of a batch --------------------------------------------------------------------- */

static void sessions_are_school_days(void **state)
{
    (void)state;
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    ssat_batch *b = NULL;
    assert_ok(ssat_batch_new(w.codes, w.policy, w.calendar, D("2024-09-02"), &b));
    /* 75 + 70 + 60 school days (tests/rules_fixture.h) */
    assert_int_equal(ssat_batch_session_count(b), 2 * (75 + 70 + 60));
    ssat_date d;
    ssat_half h;
    assert_ok(ssat_batch_session(b, 0, &d, &h));
    assert_int_equal(d, D("2024-09-02"));
    assert_int_equal(h, SSAT_AM);
    assert_ok(ssat_batch_session(b, 1, &d, &h));
    assert_int_equal(d, D("2024-09-02"));
    assert_int_equal(h, SSAT_PM);
    assert_ok(ssat_batch_session(b, 2 * 40, &d, NULL)); /* day 41: after the half-term week */
    assert_int_equal(d, D("2024-11-04"));
    assert_ok(ssat_batch_session(b, 409, NULL, &h));
    assert_int_equal(h, SSAT_PM);
    assert_ok(ssat_batch_session(b, 409, &d, NULL));
    assert_int_equal(d, D("2025-07-18"));
    const char *k = ssat_batch_kernel(b);
    assert_true(strcmp(k, "portable") == 0 || strcmp(k, "avx2") == 0 || strcmp(k, "avx512") == 0);
    assert_true(ssat__batch_set_kernel(b, SSAT__BATCH_SCALAR));
    assert_string_equal(ssat_batch_kernel(b), "portable");
    assert_false(ssat__batch_set_kernel(b, (ssat__batch_kernel)7));
    assert_string_equal(ssat_batch_kernel(b), "portable");
    ssat_batch_free(b);
    /* A year without terms has no session, and no term to resolve a term window in (as per pupil);
     * with year-to-date windows the batch works, every run being empty. */
    ssat_calendar_clear_terms(w.calendar);
    assert_status_msg(ssat_batch_new(w.codes, w.policy, w.calendar, D("2024-08-01"), &b), SSAT_ERR_NOT_FOUND,
                      "no terms");
    assert_ok(ssat_policy_set_window(w.policy, "penalty.limb.window", SSAT_WINDOW_YEAR_TO_DATE, 0));
    assert_ok(ssat_batch_new(w.codes, w.policy, w.calendar, D("2024-08-01"), &b));
    size_t none = 0;
    ssat_batch_result r;
    assert_ok(ssat_batch_evaluate(b, "", &none, 0, &r, 1, NULL));
    size_t one[2] = {0, 1};
    assert_status_msg(ssat_batch_evaluate(b, "/", one, 1, &r, 1, NULL), SSAT_ERR_INVALID_ARG, "the 0 sessions");
    assert_int_equal(ssat_batch_session_count(b), 0);
    assert_status_msg(ssat_batch_session(b, 0, &d, &h), SSAT_ERR_RANGE, "index");
    ssat_batch_free(b);
    world_free(&w);
}

/* The batch's tenths (a multiplication by a reciprocal) equal ssat_percent_tenths for every part of
 * every whole up to the longest school year: every weekday of 2024/25 a school day. */
static void tenths_exact(void **state)
{
    (void)state;
    world w;
    ssat_calendar *every_weekday = NULL;
    assert_ok(ssat_calendar_new(2024, NULL, &every_weekday)); /* census terms cover the whole year */
    world_init(&w, "carmarthenshire", NULL, every_weekday);
    assert_ok(ssat_policy_set_window(w.policy, "penalty.limb.window", SSAT_WINDOW_YEAR_TO_DATE, 0));
    ssat_batch *b = NULL;
    assert_ok(ssat_batch_new(w.codes, w.policy, w.calendar, D("2025-07-31"), &b));
    uint32_t n = (uint32_t)ssat_batch_session_count(b);
    assert_int_equal(n, 2 * 261);
    assert_int_equal(ssat__batch_tenths(b, 0, 0), -1);
    for (uint32_t whole = 1; whole <= n; whole++)
        for (uint32_t part = 0; part <= whole; part++) {
            int32_t want = 0;
            assert_ok(ssat_percent_tenths(part, whole, &want));
            if (ssat__batch_tenths(b, part, whole) != want)
                fail_msg("%u of %u: batch %d, ssat_percent_tenths %d", part, whole, ssat__batch_tenths(b, part, whole),
                         want);
        }
    ssat_batch_free(b);
    world_free(&w);
}

/* Every threshold rule, exhaustively: for every whole up to 110 sessions and every part, a pupil with
 * `part` attended and the rest authorised (R1, persistent absence, the penalty's year to date), and
 * with some of the absence unauthorised (R2's share), against ssat_percent_compare; for decimal
 * thresholds, 0 % and 100 %, and every comparator, with every kernel. */
static void rules_exhaustive(void **state)
{
    (void)state;
    static const struct {
        uint32_t num, den;
    } thresholds[] = {{85, 1}, {875, 10}, {3333, 100}, {0, 1}, {100, 1}};
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    assert_ok(ssat_policy_set_bool(w.policy, "absence.severe.enabled", 1));
    const size_t max_whole = 110;
    size_t npupils = (max_whole + 1) * (max_whole + 2) / 2;
    char *marks = malloc(npupils * max_whole + 1);
    size_t *offsets = malloc((npupils + 1) * sizeof *offsets);
    uint32_t *part_of = malloc(npupils * sizeof *part_of), *whole_of = malloc(npupils * sizeof *whole_of);
    ssat_batch_result *got = malloc(npupils * sizeof *got);
    assert_non_null(marks);
    assert_non_null(offsets);
    assert_non_null(part_of);
    assert_non_null(whole_of);
    assert_non_null(got);
    /* pupil (part, whole): part "/", then whole - part absences, every third of them "O", else "I" */
    offsets[0] = 0;
    size_t i = 0;
    for (uint32_t whole = 0; whole <= max_whole; whole++)
        for (uint32_t part = 0; part <= whole; part++, i++) {
            for (uint32_t k = 0; k < whole; k++)
                marks[offsets[i] + k] = k < part ? '/' : (k - part) % 3 == 0 ? 'O' : 'I';
            offsets[i + 1] = offsets[i] + whole;
            part_of[i] = part;
            whole_of[i] = whole;
        }
    for (size_t t = 0; t < sizeof thresholds / sizeof thresholds[0]; t++) {
        for (int c = SSAT_CMP_LT; c <= SSAT_CMP_GT; c++) {
            ssat_comparator cmp = (ssat_comparator)c, other = (ssat_comparator)((c + 1) % 4);
            uint32_t num = thresholds[t].num, den = thresholds[t].den;
            assert_ok(ssat_policy_set_percent(w.policy, "referral.attendance.threshold", num, den));
            assert_ok(ssat_policy_set_comparator(w.policy, "referral.attendance.comparator", cmp));
            assert_ok(ssat_policy_set_percent(w.policy, "absence.persistent.threshold", num, den));
            assert_ok(ssat_policy_set_comparator(w.policy, "absence.persistent.comparator", other));
            assert_ok(ssat_policy_set_percent(w.policy, "absence.severe.threshold", num, den));
            assert_ok(ssat_policy_set_comparator(w.policy, "absence.severe.comparator", cmp));
            assert_ok(ssat_policy_set_percent(w.policy, "penalty.year_to_date.threshold", num, den));
            assert_ok(ssat_policy_set_comparator(w.policy, "penalty.year_to_date.comparator", other));
            assert_ok(ssat_policy_set_percent(w.policy, "referral.unauthorised.min_share", num, den));
            assert_ok(ssat_policy_set_int(w.policy, "referral.unauthorised.min_sessions", 0));
            ssat_batch *b = NULL;
            assert_ok(ssat_batch_new(w.codes, w.policy, w.calendar, D("2025-07-18"), &b));
            for (int k = SSAT__BATCH_SCALAR; k <= SSAT__BATCH_AVX512; k++) {
                if (!ssat__batch_set_kernel(b, (ssat__batch_kernel)k))
                    continue;
                assert_ok(ssat_batch_evaluate(b, marks, offsets, npupils, got, 1, NULL));
                for (i = 0; i < npupils; i++) {
                    uint32_t part = part_of[i], whole = whole_of[i], absent = whole - part;
                    uint32_t unauth = (absent + 2) / 3;
                    int32_t r1 = 0, pa = 0, severe = 0, ytd = 0, share = 0;
                    if (whole > 0) {
                        assert_ok(ssat_percent_compare(part, whole, cmp, num, den, &r1));
                        assert_ok(ssat_percent_compare(absent, whole, other, num, den, &pa));
                        assert_ok(ssat_percent_compare(absent, whole, cmp, num, den, &severe));
                        assert_ok(ssat_percent_compare(part, whole, other, num, den, &ytd));
                        if (absent > 0)
                            assert_ok(ssat_percent_compare(unauth, absent, SSAT_CMP_GE, num, den, &share));
                        share = share || num == 0; /* a minimum share of 0 is off */
                    }
                    uint32_t want = (whole > 0 ? SSAT_BATCH_EVALUABLE : 0) | (r1 ? SSAT_BATCH_REFERRAL_R1 : 0) |
                                    (share ? SSAT_BATCH_REFERRAL_R2 : 0) | (pa ? SSAT_BATCH_PERSISTENT : 0) |
                                    (severe ? SSAT_BATCH_SEVERE : 0) | (ytd ? SSAT_BATCH_PENALTY_YEAR_TO_DATE : 0);
                    uint32_t mask = ~(uint32_t)SSAT_BATCH_PENALTY_LIMB;
                    if ((got[i].flags & mask) != want)
                        fail_msg("%s: %u/%u %u/%u %% cmp %d: flags 0x%X, want 0x%X", ssat_batch_kernel(b), part, whole,
                                 num, den, c, got[i].flags & mask, want);
                    assert_int_equal(got[i].unauthorised, unauth);
                }
            }
            ssat_batch_free(b);
        }
    }
    free(marks);
    free(offsets);
    free(part_of);
    free(whole_of);
    free(got);
    world_free(&w);
}

/* ---- errors -------------------------------------------------------------------------------------- */

static void new_errors(void **state)
{
    (void)state;
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    ssat_batch *b = (ssat_batch *)&w; /* any non-NULL value: it must be reset to NULL */
    ssat_date as_of = D("2025-01-15");
    assert_status_msg(ssat_batch_new(w.codes, w.policy, w.calendar, as_of, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_batch_new(NULL, w.policy, w.calendar, as_of, &b), SSAT_ERR_INVALID_ARG, "'codes'");
    assert_null(b);
    assert_status_msg(ssat_batch_new(w.codes, NULL, w.calendar, as_of, &b), SSAT_ERR_INVALID_ARG, "'policy'");
    assert_status_msg(ssat_batch_new(w.codes, w.policy, NULL, as_of, &b), SSAT_ERR_INVALID_ARG, "'calendar'");
    /* another code set than the policy's */
    ssat_codeset *england = NULL;
    assert_ok(ssat_codeset_builtin("england-2024", NULL, &england));
    assert_status_msg(ssat_batch_new(england, w.policy, w.calendar, as_of, &b), SSAT_ERR_STATE, "code_set");
    ssat_codeset_free(england);
    /* as_of outside the school year */
    assert_status_msg(ssat_batch_new(w.codes, w.policy, w.calendar, D("2025-08-01"), &b), SSAT_ERR_RANGE, "as_of");
    assert_status_msg(ssat_batch_new(w.codes, w.policy, w.calendar, D("2024-07-31"), &b), SSAT_ERR_RANGE, "as_of");
    /* a term window before the first term begins, as the per-pupil rules say */
    assert_status_msg(ssat_batch_new(w.codes, w.policy, w.calendar, D("2024-08-20"), &b), SSAT_ERR_RANGE,
                      "cannot resolve the policy's window");
    assert_null(b);
    /* last_sessions windows depend on each pupil's entries */
    static const char *const keys[] = {"referral.window", "absence.window", "penalty.limb.window"};
    for (size_t i = 0; i < 3; i++) {
        ssat_policy *p = NULL;
        assert_ok(ssat_policy_copy(w.policy, &p));
        assert_ok(ssat_policy_set_window(p, keys[i], SSAT_WINDOW_LAST_SESSIONS, 20));
        assert_status_msg(ssat_batch_new(w.codes, p, w.calendar, as_of, &b), SSAT_ERR_STATE, keys[i]);
        assert_true(test_message_mentions("last_sessions:20"));
        assert_null(b);
        ssat_policy_free(p);
    }
    /* a successful call leaves the thread's last failure as it was */
    assert_status_msg(ssat_batch_new(NULL, w.policy, w.calendar, as_of, &b), SSAT_ERR_INVALID_ARG, "'codes'");
    assert_int_equal(ssat_batch_new(w.codes, w.policy, w.calendar, as_of, &b), SSAT_OK);
    assert_true(test_message_mentions("'codes'"));
    ssat_batch_free(b);
    ssat_batch_free(NULL);
    assert_int_equal(ssat_batch_session_count(NULL), 0);
    assert_string_equal(ssat_batch_kernel(NULL), "");
    ssat_date d = 5;
    ssat_half h = SSAT_PM;
    assert_status_msg(ssat_batch_session(NULL, 0, &d, &h), SSAT_ERR_INVALID_ARG, "'batch'");
    assert_int_equal(d, 0);
    assert_int_equal(h, SSAT_AM);
    world_free(&w);
}

static void evaluate_errors(void **state)
{
    (void)state;
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    ssat_batch *b = NULL;
    assert_ok(ssat_batch_new(w.codes, w.policy, w.calendar, D("2025-01-15"), &b));
    size_t n = ssat_batch_session_count(b);
    char *marks = malloc(n + 1);
    assert_non_null(marks);
    memset(marks, '/', n + 1);
    size_t off[3] = {0, 10, 20}, invalid = 9;
    ssat_batch_result out[2];
    memset(out, 0x5A, sizeof out);
    assert_status_msg(ssat_batch_evaluate(NULL, marks, off, 2, out, 1, &invalid), SSAT_ERR_INVALID_ARG, "'batch'");
    assert_int_equal(invalid, 0);
    assert_status_msg(ssat_batch_evaluate(b, NULL, off, 2, out, 1, &invalid), SSAT_ERR_INVALID_ARG, "'marks'");
    assert_status_msg(ssat_batch_evaluate(b, marks, NULL, 2, out, 1, &invalid), SSAT_ERR_INVALID_ARG, "'offsets'");
    assert_status_msg(ssat_batch_evaluate(b, marks, off, 2, NULL, 1, &invalid), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_batch_evaluate(b, marks, off, 0, NULL, 1, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    /* offsets going back: named by index */
    size_t back[3] = {0, 10, 5};
    invalid = 9;
    assert_status_msg(ssat_batch_evaluate(b, marks, back, 2, out, 1, &invalid), SSAT_ERR_INVALID_ARG,
                      "offsets[2] (5) is less than offsets[1] (10)");
    assert_int_equal(invalid, 0);
    /* a run longer than the calendar: the pupil named */
    size_t longer[3] = {0, 10, 10 + n + 1};
    assert_status_msg(ssat_batch_evaluate(b, marks, longer, 2, out, 2, &invalid), SSAT_ERR_INVALID_ARG, "pupil 1");
    assert_true(test_message_mentions("410 sessions"));
    /* nothing was written by the failed calls */
    const unsigned char *bytes = (const unsigned char *)out;
    for (size_t i = 0; i < sizeof out; i++)
        assert_int_equal(bytes[i], 0x5A);
    /* exactly the calendar's length is fine */
    size_t full[2] = {0, n};
    assert_ok(ssat_batch_evaluate(b, marks, full, 1, out, 1, NULL));
    assert_int_equal(out[0].flags & SSAT_BATCH_INVALID, 0);
    free(marks);
    ssat_batch_free(b);
    world_free(&w);
}

/* Invalid bytes are flagged wherever they are, even after as_of, and the pupil's fields are zero. */
static void invalid_bytes(void **state)
{
    (void)state;
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    ssat_batch *b = NULL;
    assert_ok(ssat_batch_new(w.codes, w.policy, w.calendar, D("2024-09-30"), &b));
    size_t n = ssat_batch_session_count(b);
    static const unsigned char bad[] = {0x00, 'Q', 0x80, 0xFF, '\t', 'a', ','};
    for (int k = SSAT__BATCH_SCALAR; k <= SSAT__BATCH_AVX512; k++) {
        if (!ssat__batch_set_kernel(b, (ssat__batch_kernel)k))
            continue;
        for (size_t i = 0; i < sizeof bad; i++) {
            for (size_t at = 0; at < n; at += 37) {
                char *marks = malloc(n);
                assert_non_null(marks);
                memset(marks, '/', n);
                marks[at] = (char)bad[i];
                size_t off[2] = {0, n}, invalid = 0;
                ssat_batch_result r;
                assert_ok(ssat_batch_evaluate(b, marks, off, 1, &r, 1, &invalid));
                assert_int_equal(invalid, 1);
                assert_int_equal(r.flags, SSAT_BATCH_INVALID);
                assert_int_equal(r.possible, 0);
                assert_int_equal(r.attendance_tenths, -1);
                free(marks);
            }
        }
    }
    ssat_batch_free(b);
    world_free(&w);
}

/* The batch's one allocation comes from the policy's allocator; failing it leaks nothing. */
static void allocation_failure(void **state)
{
    (void)state;
    world w;
    world_init(&w, "carmarthenshire", NULL, NULL);
    test_heap heap = {0};
    ssat_allocator a = test_heap_allocator(&heap, true);
    ssat_policy *policy = NULL;
    assert_ok(ssat_policy_builtin("carmarthenshire", &a, &policy));
    size_t before = heap.calls;
    ssat_batch *b = NULL;
    heap.fail_at = before + 1;
    assert_status_msg(ssat_batch_new(w.codes, policy, w.calendar, D("2025-01-15"), &b), SSAT_ERR_NOMEM,
                      "ssat_batch_new");
    assert_null(b);
    heap.fail_at = 0;
    size_t allocs = heap.allocs;
    assert_ok(ssat_batch_new(w.codes, policy, w.calendar, D("2025-01-15"), &b));
    assert_int_equal(heap.allocs, allocs + 1); /* one block, nothing per pupil */
    /* evaluating allocates nothing from the policy's allocator */
    size_t off[2] = {0, 4};
    ssat_batch_result r;
    assert_ok(ssat_batch_evaluate(b, "/\\O/", off, 1, &r, 3, NULL));
    assert_int_equal(heap.allocs, allocs + 1);
    ssat_batch_free(b);
    ssat_policy_free(policy);
    assert_heap_clean(&heap);
    world_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(carmarthenshire_many_dates),
        cmocka_unit_test(changed_policy),
        cmocka_unit_test(england_policy),
        cmocka_unit_test(custom_code_sets),
        cmocka_unit_test(buffers_and_ranges),
        cmocka_unit_test(thread_counts),
        cmocka_unit_test(sessions_are_school_days),
        cmocka_unit_test(tenths_exact),
        cmocka_unit_test(rules_exhaustive),
        cmocka_unit_test(new_errors),
        cmocka_unit_test(evaluate_errors),
        cmocka_unit_test(invalid_bytes),
        cmocka_unit_test(allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
