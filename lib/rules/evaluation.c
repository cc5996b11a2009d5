/* The prepared evaluation (include/ssat/evaluation.h): a policy, a calendar and an as-of date resolved
 * once into windows, so that evaluating a pupil is one summary per distinct window and the criteria
 * built by the same functions the per-pupil rules use (ssat__rules_r1, ssat__rules_r2,
 * ssat__rules_absence, ssat__rules_limbs, ssat__rules_penalty_ytd): the two paths cannot disagree.
 * Also how a decision's criteria combine into the answers a school asks for (ssat_decision_answer). */
#include "rules_layer.h"

/* The windows the register criteria read, each from a policy key except the year to date. */
enum { EW_REFERRAL, EW_ABSENCE, EW_LIMB, EW_YTD, EW_COUNT };

static const ssat__pkey window_key[EW_COUNT - 1] = {SSAT__P_REFERRAL_WINDOW, SSAT__P_ABSENCE_WINDOW,
                                                   SSAT__P_PENALTY_LIMB_WINDOW};

struct ssat_evaluation {
    ssat__alloc alloc;
    ssat_policy *policy;
    ssat_calendar *calendar;
    ssat_date as_of;
    ssat_window window[EW_COUNT];
    bool per_pupil[EW_COUNT]; /* a last_sessions window: resolved from each pupil's register */
    bool limb_short;          /* the limb window reaches back before 1 August (ssat__limb_window_short) */
    ssat_calendar *previous;  /* the previous school year's calendar (ssat_evaluation_set_previous_year), or NULL */
    bool spans;               /* the limb window reaches into the previous year, whose calendar is given */
    ssat_window prev_part;    /* then: its part in the previous school year */
    bool prev_short;          /* then: the two years together have fewer school weeks than the window */
    bool en, cy;              /* the languages of the messages (ssat_evaluation_set_languages) */
};

/* ---- answers ------------------------------------------------------------------------------------- */

/* What the answers read from a decision, gathered in one pass over its criteria. */
typedef struct gathered {
    bool r1, r2, persistent, severe, ytd, limb; /* present */
    ssat_outcome o_r1, o_r2, o_persistent, o_severe, o_ytd, o_limbs; /* o_limbs: any limb */
} gathered;

static void gather(const ssat_decision *d, gathered *g)
{
    memset(g, 0, sizeof *g);
    g->o_limbs = SSAT_OUTCOME_NOT_MET;
    size_t n = ssat_decision_count(d);
    for (size_t i = 0; i < n; i++) {
        const ssat_criterion *c = ssat_decision_at(d, i);
        const char *id = c->id;
        if (strncmp(id, "penalty.limb.", 13) == 0) {
            g->limb = true;
            g->o_limbs = ssat__outcome_or(g->o_limbs, c->outcome);
        } else if (strcmp(id, "penalty.year_to_date") == 0) {
            g->ytd = true;
            g->o_ytd = c->outcome;
        } else if (strcmp(id, "referral.r1.attendance") == 0) {
            g->r1 = true;
            g->o_r1 = c->outcome;
        } else if (strcmp(id, "referral.r2.unauthorised") == 0) {
            g->r2 = true;
            g->o_r2 = c->outcome;
        } else if (strcmp(id, "absence.persistent") == 0) {
            g->persistent = true;
            g->o_persistent = c->outcome;
        } else if (strcmp(id, "absence.severe") == 0) {
            g->severe = true;
            g->o_severe = c->outcome;
        }
    }
}

static ssat_outcome known(bool present, ssat_outcome o)
{
    return present ? o : SSAT_OUTCOME_UNKNOWN;
}

ssat_outcome ssat_decision_answer(const ssat_decision *decision, ssat_question question)
{
    if (decision == NULL)
        return SSAT_OUTCOME_UNKNOWN;
    gathered g;
    gather(decision, &g);
    switch (question) {
    case SSAT_QUESTION_REFERRAL_REGISTER: return ssat__outcome_and(known(g.r1, g.o_r1), known(g.r2, g.o_r2));
    case SSAT_QUESTION_PENALTY_ATTENDANCE: return ssat__outcome_and(known(g.limb, g.o_limbs), known(g.ytd, g.o_ytd));
    case SSAT_QUESTION_PERSISTENT_ABSENCE: return known(g.persistent, g.o_persistent);
    case SSAT_QUESTION_SEVERE_ABSENCE:
        /* not listed by a decision that holds persistent absence: the policy does not evaluate it */
        return g.severe ? g.o_severe : g.persistent ? SSAT_OUTCOME_NOT_MET : SSAT_OUTCOME_UNKNOWN;
    }
    return SSAT_OUTCOME_UNKNOWN;
}

/* ---- preparing ----------------------------------------------------------------------------------- */

static ssat_status resolve_windows(ssat_evaluation *e, const char *fn)
{
    for (size_t i = 0; i < EW_COUNT - 1; i++) {
        const ssat__pvalue *v = ssat__policy_value(e->policy, window_key[i]);
        e->per_pupil[i] = (ssat_window_kind)v->i == SSAT_WINDOW_LAST_SESSIONS;
        if (e->per_pupil[i])
            continue;
        ssat_status st = ssat__rules_window(fn, e->policy, window_key[i], e->calendar, NULL, e->as_of, &e->window[i]);
        if (st != SSAT_OK)
            return st;
    }
    return ssat_calendar_window_year_to_date(e->calendar, e->as_of, &e->window[EW_YTD]);
}

ssat_status ssat_evaluation_new(const ssat_policy *policy, const ssat_calendar *calendar, ssat_date as_of,
                                ssat_evaluation **out)
{
    static const char fn[] = "ssat_evaluation_new";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    ssat_status st = ssat__calendar_check_as_of(calendar, as_of, fn);
    if (st != SSAT_OK)
        return st;
    const ssat__alloc *a = ssat__policy_alloc(policy);
    ssat_evaluation *e = ssat__calloc(a, 1, sizeof *e);
    if (e == NULL)
        return ssat__nomem(fn);
    e->alloc = *a;
    e->as_of = as_of;
    e->en = e->cy = true;
    st = ssat_policy_copy(policy, &e->policy);
    if (st == SSAT_OK)
        st = ssat__calendar_clone(calendar, &e->calendar, fn);
    if (st == SSAT_OK)
        st = resolve_windows(e, fn);
    if (st == SSAT_OK)
        e->limb_short = ssat__limb_window_short(e->policy, e->calendar, as_of);
    if (st != SSAT_OK) {
        ssat_evaluation_free(e);
        return st;
    }
    *out = e;
    return SSAT_OK;
}

void ssat_evaluation_free(ssat_evaluation *evaluation)
{
    if (evaluation == NULL)
        return;
    ssat__alloc a = evaluation->alloc;
    ssat_policy_free(evaluation->policy);
    ssat_calendar_free(evaluation->calendar);
    ssat_calendar_free(evaluation->previous);
    ssat__free(&a, evaluation, sizeof *evaluation);
}

ssat_status ssat_evaluation_set_languages(ssat_evaluation *evaluation, int32_t en, int32_t cy)
{
    static const char fn[] = "ssat_evaluation_set_languages";
    if (evaluation == NULL)
        return ssat__null_arg(fn, "evaluation");
    if (en == 0 && cy == 0)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: at least one of 'en' and 'cy' must be set", fn);
    evaluation->en = en != 0;
    evaluation->cy = cy != 0;
    return SSAT_OK;
}

ssat_date ssat_evaluation_as_of(const ssat_evaluation *evaluation)
{
    return evaluation != NULL ? evaluation->as_of : 0;
}

/* ---- the previous school year ------------------------------------------------------------------- */

static void span_years(ssat_evaluation *e)
{
    e->spans = ssat__limb_span_years(e->policy, e->calendar, e->previous, e->as_of, &e->prev_part, &e->prev_short);
}

ssat_status ssat_evaluation_set_previous_year(ssat_evaluation *evaluation, const ssat_calendar *previous)
{
    static const char fn[] = "ssat_evaluation_set_previous_year";
    if (evaluation == NULL)
        return ssat__null_arg(fn, "evaluation");
    ssat_evaluation *e = evaluation;
    ssat_calendar *copy = NULL;
    if (previous != NULL) {
        ssat_status st = ssat__previous_year_check(fn, "previous", e->calendar, previous, NULL, NULL);
        if (st == SSAT_OK)
            st = ssat__calendar_clone(previous, &copy, fn);
        if (st != SSAT_OK)
            return st;
    }
    ssat_calendar_free(e->previous);
    e->previous = copy;
    e->spans = false;
    if (copy != NULL && e->limb_short)
        span_years(e);
    return SSAT_OK;
}

/* ---- one pupil ----------------------------------------------------------------------------------- */

static bool same_window(const ssat_window *a, const ssat_window *b)
{
    return a->first_date == b->first_date && a->first_half == b->first_half && a->last_date == b->last_date &&
           a->last_half == b->last_half;
}

/* Each window's totals (and the limb window's per-code counts), summarising each distinct window once. */
typedef struct pupil_counts {
    ssat_window window[EW_COUNT];
    ssat_totals totals[EW_COUNT];
    uint32_t limb_codes[256];
} pupil_counts;

static ssat_status count(const ssat_evaluation *e, const ssat_register *reg, pupil_counts *p, const char *fn)
{
    p->window[EW_YTD] = e->window[EW_YTD]; /* the year to date is never per pupil */
    for (size_t i = 0; i < EW_COUNT - 1; i++) {
        p->window[i] = e->window[i];
        if (e->per_pupil[i]) {
            ssat_status st = ssat__rules_window(fn, e->policy, window_key[i], e->calendar, reg, e->as_of,
                                                &p->window[i]);
            if (st != SSAT_OK)
                return st;
        }
    }
    for (size_t i = 0; i < EW_COUNT; i++) {
        size_t same = i;
        for (size_t k = 0; k < i && same == i; k++)
            same = same_window(&p->window[k], &p->window[i]) ? k : i;
        if (i == EW_LIMB)
            ssat__attendance_totals(reg, &p->window[i], &p->totals[i], p->limb_codes);
        else if (same != i)
            p->totals[i] = p->totals[same];
        else
            ssat__attendance_totals(reg, &p->window[i], &p->totals[i], NULL);
    }
    return SSAT_OK;
}

/* The previous school year's part of the limb window added to this year's (ssat__limb_add_previous).
 * After count(): the other windows' totals were copied from this year's already. */
static void add_previous(const ssat_evaluation *e, const ssat_register *previous, pupil_counts *p)
{
    ssat__limb_add_previous(previous, &e->prev_part, &p->totals[EW_LIMB], p->limb_codes, &p->window[EW_LIMB]);
}

static ssat_status add_criteria(const ssat_evaluation *e, const ssat_register *reg, const pupil_counts *p,
                                bool limb_short, ssat_decision *d, const char *fn)
{
    int64_t limbs[SSAT__LIMB_COUNT], provisional[SSAT__LIMB_COUNT];
    ssat__limb_counts(ssat_register_codeset(reg), p->limb_codes, limbs, provisional,
                      ssat__policy_value(e->policy, SSAT__P_PENALTY_LIMB_UNAUTHORISED_ALL_CODES)->i != 0);
    ssat_status st = ssat__rules_r1(d, fn, e->policy, &p->totals[EW_REFERRAL], &p->window[EW_REFERRAL]);
    if (st == SSAT_OK)
        st = ssat__rules_r2(d, fn, e->policy, &p->totals[EW_REFERRAL], &p->window[EW_REFERRAL]);
    if (st == SSAT_OK)
        st = ssat__rules_absence(d, fn, e->policy, &p->totals[EW_ABSENCE], &p->window[EW_ABSENCE]);
    if (st == SSAT_OK)
        st = ssat__rules_limbs(d, fn, e->policy, limbs, provisional, &p->totals[EW_LIMB], &p->window[EW_LIMB],
                               limb_short);
    if (st == SSAT_OK)
        st = ssat__rules_penalty_ytd(d, fn, e->policy, &p->totals[EW_YTD], &p->window[EW_YTD]);
    return st;
}

/* Both ssat_evaluation_register() and ssat_evaluation_register_years(): `previous` may be NULL. */
static ssat_status evaluate(const ssat_evaluation *e, const ssat_register *reg, const ssat_register *previous,
                            ssat_decision **out, const char *fn)
{
    ssat_status st = ssat__rules_check(fn, e->policy, reg, e->calendar, e->as_of, out);
    if (st == SSAT_OK && previous != NULL && e->previous != NULL)
        st = ssat__rules_check(fn, e->policy, previous, e->calendar, e->as_of, out); /* its code set */
    pupil_counts p;
    if (st == SSAT_OK)
        st = count(e, reg, &p, fn);
    /* the previous year's register is read only when the window reaches into it */
    bool both = st == SSAT_OK && previous != NULL && e->spans;
    if (both)
        add_previous(e, previous, &p);
    ssat_decision *d = NULL;
    if (st == SSAT_OK)
        st = ssat__decision_new("register", ssat__policy_alloc(e->policy), &d, fn);
    if (st == SSAT_OK) {
        ssat__decision_set_languages(d, e->en, e->cy);
        st = add_criteria(e, reg, &p, both ? e->prev_short : e->limb_short, d, fn);
    }
    if (st != SSAT_OK) {
        ssat_decision_free(d);
        return st;
    }
    ssat__decision_set_outcome(d, SSAT_OUTCOME_UNKNOWN);
    *out = d;
    return SSAT_OK;
}

ssat_status ssat_evaluation_register(const ssat_evaluation *evaluation, const ssat_register *reg,
                                     ssat_decision **out)
{
    static const char fn[] = "ssat_evaluation_register";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (evaluation == NULL)
        return ssat__null_arg(fn, "evaluation");
    return evaluate(evaluation, reg, NULL, out, fn);
}

ssat_status ssat_evaluation_register_years(const ssat_evaluation *evaluation, const ssat_register *reg,
                                           const ssat_register *previous, ssat_decision **out)
{
    static const char fn[] = "ssat_evaluation_register_years";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (evaluation == NULL)
        return ssat__null_arg(fn, "evaluation");
    return evaluate(evaluation, reg, previous, out, fn);
}
