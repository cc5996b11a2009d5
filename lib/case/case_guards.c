/* The case's internal guards (they read only the case's own state, the policy and the event's
 * arguments), the rendering of a guard's message, and running the guards of one event
 * (ssat__case_guards_evaluate). The external guards are in case_guards_external.c, the event table that
 * lists them in case_events.c. */
#include "case_events.h"

/* ---- internal guards -------------------------------------------------------------------------------- */

/* The states an event may happen in. A school may ask the authority for a penalty notice once the
 * criteria hold and a warning was given, without an SSAT referral; and a school attendance order for a
 * child on no school's roll does not wait for one: with "case.notice_without_referral" (default true)
 * the warning, the notice and the order are also possible in the school's own stages (engagement, and a
 * referral pending, returned or accepted), with the same guards. */
static uint32_t from_states(const gctx *x)
{
    static const uint32_t school_route = S(ENGAGEMENT) | S(REFERRED) | S(RETURNED) | S(ACCEPTED);
    const char *id = x->ev->id;
    bool route = strcmp(id, "penalty_warning") == 0 || strcmp(id, "notice_issued") == 0 ||
                 strcmp(id, "sao_issued") == 0;
    if (route && ssat__policy_value(x->c->policy, SSAT__P_CASE_NOTICE_WITHOUT_REFERRAL)->i != 0)
        return x->ev->from | school_route | (strcmp(id, "sao_issued") == 0 ? S(MONITORING) | S(SCHOOL_CONCERN) : 0);
    return x->ev->from;
}

static ssat_status g_state(const gctx *x, gres *r)
{
    uint32_t from = from_states(x);
    met_if(r, (from & (1u << x->st->main)) != 0);
    arg_label(r, "case.state", ssat__case_state_id(x->st->main));
    arg_states(r, from);
    value(r, "state=%s", ssat__case_state_id(x->st->main));
    return SSAT_OK;
}

/* ssat_case_next() without a parent: the statutory events cannot be judged. */
static ssat_status g_parent(const gctx *x, gres *r)
{
    met_if(r, x->parent_id[0] != '\0');
    arg_text(r, x->parent_id);
    return SSAT_OK;
}

static const guard_def guard_parent = {"case.guard.parent", false, g_parent};

static bool contract_live(ssat_contract_state s)
{
    return s == SSAT_CONTRACT_OFFERED || s == SSAT_CONTRACT_AGREED;
}

static ssat_status contract_guard(const gctx *x, gres *r, bool met)
{
    met_if(r, met);
    arg_label(r, "case.contract", ssat__contract_id(x->st->contract));
    value(r, "contract=%s", ssat__contract_id(x->st->contract));
    return SSAT_OK;
}

/* A contract offered or agreed is live: no second offer. For a referral or a notice, an offered contract
 * blocks only when the policy says so ("case.contract_offered_blocks", default true): the law does
 * not require waiting for the parent's answer. */
static ssat_status g_contract_not_live(const gctx *x, gres *r)
{
    bool offered_blocks = strcmp(x->ev->id, "contract_offered") == 0 ||
                          ssat__policy_value(x->c->policy, SSAT__P_CASE_CONTRACT_OFFERED_BLOCKS)->i != 0;
    bool blocks = offered_blocks ? contract_live(x->st->contract) : x->st->contract == SSAT_CONTRACT_AGREED;
    return contract_guard(x, r, !blocks);
}

static ssat_status g_contract_offered(const gctx *x, gres *r)
{
    return contract_guard(x, r, x->st->contract == SSAT_CONTRACT_OFFERED);
}

static ssat_status g_contract_agreed(const gctx *x, gres *r)
{
    return contract_guard(x, r, x->st->contract == SSAT_CONTRACT_AGREED);
}

/* The plan the detail names; false when none is chosen (ssat_case_next tries each). */
static bool detail_plan(const gctx *x, ssat__plan *out)
{
    for (int p = 0; p < SSAT__PLAN_COUNT; p++)
        if (strcmp(x->detail, ssat__plan_id((ssat__plan)p)) == 0) {
            *out = (ssat__plan)p;
            return true;
        }
    return false;
}

static ssat_status plan_guard(const gctx *x, gres *r, bool want_active)
{
    ssat__plan p;
    if (!detail_plan(x, &p)) {
        r->skip = true;
        return SSAT_OK;
    }
    bool active = x->st->plans[p].active;
    met_if(r, active == want_active);
    arg_label(r, "case.plan", ssat__plan_id(p));
    value(r, "plan.%s=%s", ssat__plan_id(p), active ? "active" : "inactive");
    return SSAT_OK;
}

static ssat_status g_plan_inactive(const gctx *x, gres *r)
{
    return plan_guard(x, r, false);
}

static ssat_status g_plan_active(const gctx *x, gres *r)
{
    return plan_guard(x, r, true);
}

static ssat__prosecution prosecution_of(const gctx *x)
{
    return x->parent != NULL ? x->parent->prosecution : SSAT__PROSECUTION_NONE;
}

static void prosecution_args(const gctx *x, gres *r)
{
    ssat__prosecution p = prosecution_of(x);
    arg_text(r, x->parent_id);
    arg_label(r, "case.prosecution", ssat__prosecution_id(p));
    arg_date(r, x->parent != NULL ? x->parent->prosecution_date : SSAT__NO_DATE);
    value(r, "parent.%s.prosecution=%s", x->parent_id, ssat__prosecution_id(p));
}

/* No notice, warning or new prosecution while a prosecution of this parent is considered or open. For a
 * notice that is stricter than the regulations (which bar one for the same absence only: the penalty
 * rule's "penalty.guard.proceedings"), so the policy names it ("case.prosecution_blocks_every_notice",
 * default true); when false, this guard lets the notice rule decide. */
static ssat_status g_no_prosecution(const gctx *x, gres *r)
{
    bool every_notice = strcmp(x->ev->id, "notice_issued") != 0 ||
                        ssat__policy_value(x->c->policy, SSAT__P_CASE_PROSECUTION_BLOCKS_EVERY_NOTICE)->i != 0;
    met_if(r, !every_notice || !prosecution_open(prosecution_of(x)));
    prosecution_args(x, r);
    return SSAT_OK;
}

static ssat_status g_prosecution_considered(const gctx *x, gres *r)
{
    met_if(r, prosecution_of(x) == SSAT__PROSECUTION_CONSIDERED);
    prosecution_args(x, r);
    return SSAT_OK;
}

static ssat_status g_prosecution_open(const gctx *x, gres *r)
{
    met_if(r, prosecution_open(prosecution_of(x)));
    prosecution_args(x, r);
    return SSAT_OK;
}

/* Education Act 1996 s447: the authority considers an education supervision order before prosecuting. */
static ssat_status g_eso_first(const gctx *x, gres *r)
{
    ssat_date eso = x->parent != NULL ? x->parent->eso_considered : SSAT__NO_DATE;
    met_if(r, eso != SSAT__NO_DATE);
    arg_text(r, x->parent_id);
    arg_date(r, eso);
    value(r, "parent.%s.eso_considered=%s", x->parent_id, eso != SSAT__NO_DATE ? ssat__text_date(eso).s : "never");
    return SSAT_OK;
}

static void notice_args(const gctx *x, gres *r, const ssat__notice *n)
{
    arg_text(r, x->parent_id);
    arg_date(r, n != NULL ? n->issued : SSAT__NO_DATE);
    if (n != NULL)
        value(r, "parent.%s.notice=issued %s", x->parent_id, ssat__text_date(n->issued).s);
    else
        value(r, "parent.%s.notice=none awaiting payment", x->parent_id);
}

static ssat_status g_notice_open(const gctx *x, gres *r)
{
    const ssat__notice *n = ssat__case_open_notice(x->parent);
    met_if(r, n != NULL);
    notice_args(x, r, n);
    return SSAT_OK;
}

/* Prosecution for the same absence is not considered while a notice may still be paid. */
static ssat_status g_no_notice_open(const gctx *x, gres *r)
{
    const ssat__notice *n = ssat__case_open_notice(x->parent);
    met_if(r, n == NULL);
    notice_args(x, r, n);
    return SSAT_OK;
}

/* The open notice's payment day on this date and the late period; NULL when no notice awaits payment.
 * The days count from receipt as the library's payment functions count them (ssat__penalty_payment_day);
 * a notice recorded without its service counts from its issue, day 1 the day after, as before. Its
 * message says "the notice of {2}"; a served notice's says "receipt on {2}" (the "received_" variants). */
static const ssat__notice *payment_days(const gctx *x, gres *r, int64_t *days, int64_t *late)
{
    const ssat__notice *n = ssat__case_open_notice(x->parent);
    *late = ssat__policy_value(x->c->policy, SSAT__P_PENALTY_AMOUNT_LATE_DAYS)->i;
    if (n == NULL) {
        r->outcome = SSAT_OUTCOME_NOT_MET;
        r->variant = "no_notice";
        arg_text(r, x->parent_id);
        return NULL;
    }
    bool served = n->service != SSAT__SERVICE_UNRECORDED;
    /* Paid before the deemed day of receipt counts as paid on it (never a day before day 0). */
    ssat_date on = x->date > n->received ? x->date : n->received;
    *days = ssat__penalty_payment_day(x->c->policy, n->received, on, served);
    arg_int(r, *days);
    arg_date(r, n->received);
    arg_int(r, *late);
    if (served)
        value(r, "payment.days=%lld of %lld; payment.received=%s (%s)", (long long)*days, (long long)*late,
              ssat__text_date(n->received).s, ssat__notice_service_id(n->service));
    else
        value(r, "payment.days=%lld of %lld", (long long)*days, (long long)*late);
    return n;
}

/* The outcome, with the "received_" variant for a notice whose service is recorded. */
static void payment_outcome(gres *r, const ssat__notice *n, bool met)
{
    met_if(r, met);
    if (n->service != SSAT__SERVICE_UNRECORDED)
        r->variant = met ? "received_met" : "received_not_met";
}

static ssat_status g_payment_period(const gctx *x, gres *r)
{
    int64_t days = 0, late = 0;
    const ssat__notice *n = payment_days(x, r, &days, &late);
    if (n == NULL)
        return SSAT_OK;
    payment_outcome(r, n, days <= late);
    int64_t pence = 0;
    ssat_payment_stage stage = SSAT_PAYMENT_EXPIRED;
    ssat_date on = x->date > n->received ? x->date : n->received; /* as payment_days() */
    ssat_status st = n->service != SSAT__SERVICE_UNRECORDED
                         ? ssat_penalty_amount_due_received(x->c->policy, n->received, on, 0, &pence, &stage)
                         : ssat_penalty_amount_due(x->c->policy, n->issued, x->date, &pence, &stage);
    if (st == SSAT_OK)
        value(r, "payment.amount_pence=%lld; payment.stage=%s", (long long)pence,
              stage == SSAT_PAYMENT_EARLY ? "early" : stage == SSAT_PAYMENT_LATE ? "late" : "expired");
    return SSAT_OK;
}

static ssat_status g_payment_period_over(const gctx *x, gres *r)
{
    int64_t days = 0, late = 0;
    const ssat__notice *n = payment_days(x, r, &days, &late);
    if (n != NULL)
        payment_outcome(r, n, days > late);
    return SSAT_OK;
}

/* closed "improved": an improvement was recorded. */
static ssat_status g_improved(const gctx *x, gres *r)
{
    if (strcmp(x->detail, "improved") != 0) {
        r->skip = true;
        return SSAT_OK;
    }
    met_if(r, x->st->improved != SSAT__NO_DATE);
    arg_date(r, x->st->improved);
    value(r, "improved=%s", x->st->improved != SSAT__NO_DATE ? ssat__text_date(x->st->improved).s : "never");
    return SSAT_OK;
}

/* closed "proceedings_concluded": some prosecution concluded, none still considered or open. */
static ssat_status g_proceedings_concluded(const gctx *x, gres *r)
{
    if (strcmp(x->detail, "proceedings_concluded") != 0) {
        r->skip = true;
        return SSAT_OK;
    }
    int64_t concluded = 0, open = 0;
    for (size_t i = 0; i < x->st->parent_count; i++) {
        concluded += x->st->parents[i].prosecutions_concluded;
        open += prosecution_open(x->st->parents[i].prosecution);
    }
    met_if(r, concluded > 0 && open == 0);
    arg_int(r, concluded);
    arg_int(r, open);
    value(r, "prosecutions.concluded=%lld; prosecutions.open=%lld", (long long)concluded, (long long)open);
    return SSAT_OK;
}

/* ---- the guards ------------------------------------------------------------------------------------- */

GUARD(state, false);
GUARD(contract_not_live, false);
GUARD(contract_offered, false);
GUARD(contract_agreed, false);
GUARD(plan_inactive, false);
GUARD(plan_active, false);
GUARD(no_prosecution, false);
GUARD(eso_first, false);
GUARD(prosecution_considered, false);
GUARD(prosecution_open, false);
GUARD(notice_open, false);
GUARD(no_notice_open, false);
GUARD(payment_period, false);
GUARD(payment_period_over, false);
GUARD(improved, false);
GUARD(proceedings_concluded, false);
#undef GUARD

/* ---- evaluating an event's guards ------------------------------------------------------------------- */


/* A guard's message in one language. */
static void render_guard(const guard_def *g, const gres *r, ssat_lang lang, char *buf, size_t cap)
{
    char id[96], store[GUARD_ARGS][GUARD_ARG_MAX];
    const char *args[GUARD_ARGS];
    (void)snprintf(id, sizeof id, "%s.%s", g->id, r->variant != NULL ? r->variant : outcome_id(r->outcome));
    for (size_t i = 0; i < r->nargs; i++)
        args[i] = ssat__marg_render(&r->args[i], lang, store[i], GUARD_ARG_MAX);
    const char *t = ssat__message_template(id, lang);
    ssat__message_render(buf, cap, t != NULL ? t : id, args, r->nargs);
}

static ssat_status add_guard_criterion(ssat_decision *d, const guard_def *g, const gres *r, const char *fn)
{
    char en[GUARD_ARGS][GUARD_ARG_MAX], cy[GUARD_ARGS][GUARD_ARG_MAX];
    ssat__crit k = {.id = g->id, .variant = r->variant, .outcome = r->outcome, .measure = SSAT_MEASURE_FACT,
                    .value = r->outcome == SSAT_OUTCOME_MET, .threshold = 1, .cmp = SSAT_CMP_GE,
                    .missing = r->missing, .nargs = r->nargs};
    for (size_t i = 0; i < r->nargs; i++)
        k.args[i] = (ssat__marg){.text = ssat__marg_render(&r->args[i], SSAT_LANG_EN, en[i], GUARD_ARG_MAX),
                                 .text_cy = ssat__marg_render(&r->args[i], SSAT_LANG_CY, cy[i], GUARD_ARG_MAX)};
    return ssat__decision_add(d, &k, fn);
}

static void add_values(evaluation *e, const char *values)
{
    if (values[0] == '\0')
        return;
    int n = snprintf(e->values + e->len, sizeof e->values - e->len, "%s%s", e->len > 0 ? "; " : "", values);
    if (n > 0)
        e->len += (size_t)n < sizeof e->values - e->len ? (size_t)n : sizeof e->values - e->len - 1;
}

/* Run the guards of x->ev (the internal ones only when `internal_only`), in order. With a refusal
 * decision `d` every guard runs, so that the decision lists each; without one, the first guard not met
 * ends the evaluation (the later ones may be costly: the rules read the register). */
ssat_status ssat__case_guards_evaluate(const gctx *x, bool internal_only, ssat_decision *d, evaluation *e)
{
    e->len = 0;
    e->values[0] = '\0';
    e->failed = NULL;
    gres *r = ssat__malloc(&x->c->alloc, sizeof *r);
    if (r == NULL)
        return ssat__nomem(x->fn);
    ssat_status st = SSAT_OK;
    for (const guard_def *const *g = x->ev->guards; st == SSAT_OK && *g != NULL && (d != NULL || e->failed == NULL);
         g++) {
        if (internal_only && (*g)->external)
            continue;
        memset(r, 0, offsetof(gres, values));
        r->values[0] = '\0';
        r->values_len = 0;
        st = (*g)->check(x, r);
        if (st != SSAT_OK || r->skip)
            continue;
        add_values(e, r->values);
        if (d != NULL)
            st = add_guard_criterion(d, *g, r, x->fn);
        if (r->outcome != SSAT_OUTCOME_MET && e->failed == NULL) {
            e->failed = *g;
            render_guard(*g, r, SSAT_LANG_EN, e->failed_en, sizeof e->failed_en);
            render_guard(*g, r, SSAT_LANG_CY, e->failed_cy, sizeof e->failed_cy);
        }
    }
    ssat__free(&x->c->alloc, r, sizeof *r);
    return st;
}

void ssat__case_guards_no_parent(evaluation *e)
{
    gres r = {.outcome = SSAT_OUTCOME_NOT_MET};
    e->failed = &guard_parent;
    render_guard(&guard_parent, &r, SSAT_LANG_EN, e->failed_en, sizeof e->failed_en);
    render_guard(&guard_parent, &r, SSAT_LANG_CY, e->failed_cy, sizeof e->failed_cy);
}
