/* The case's events: the table (id, states it may happen in, its detail and parent, its guards, its
 * transition), one short function per guard, one per transition, and the three ways of running them:
 * applying an event (ssat_case_apply_event), listing what is possible (ssat_case_next) and replaying a trail
 * entry (ssat__case_replay_entry) or the whole trail (ssat_case_replay). The dependency is one way: this
 * file uses the case object of case.c, which does not call back into it.
 *
 * Guards are internal (they read only the case's own state, the policy and the event's arguments) or
 * external (they read the register, the calendar, the pupil record or the pack, which change outside
 * the trail). Replay re-checks every internal guard and trusts the values the external guards recorded
 * in the trail entry when it was applied: they held then.
 *
 * A guard reports met, not met or unknown; an event is applied only when every guard is met. Each guard
 * writes what it saw as "key=value" pairs into the entry's guard values, and explains itself with the
 * messages "<guard id>.<met|not_met|unknown|variant>" of the bilingual tables. */
#include "case_internal.h"

#include <stdarg.h>
#include <stdio.h>

/* ---- guard results ---------------------------------------------------------------------------------- */

#define GUARD_ARGS 5
#define GUARD_ARG_MAX 480
#define GUARD_VALUES_MAX 1536
#define REASON_MAX 1024

typedef struct event_def event_def;

/* What a guard looks at. */
typedef struct gctx {
    const ssat_case *c;
    const ssat__case_state *st;
    const ssat_register *reg;
    const ssat_calendar *calendar;
    const event_def *ev;
    ssat_date date;
    const char *parent_id;            /* "" when none */
    const char *detail;               /* "" when none (ssat_case_next: not chosen) */
    const ssat__case_parent *parent;  /* the parent's record, or NULL */
    const char *fn;
    const ssat_parent *siblings;      /* the parent's history about other children, or NULL */
} gctx;

/* One argument of a guard's message. Labels are rendered only when a message is needed (a refusal, a
 * decision), not each time a guard runs: most runs only need the outcome and the values. */
typedef enum garg_kind { GARG_TEXT = 0, GARG_LABEL = 1, GARG_STATES = 2, GARG_DATE = 3 } garg_kind;

typedef struct garg {
    garg_kind kind;
    const char *prefix, *id; /* GARG_LABEL: the message "<prefix>.<id>" */
    uint32_t states;         /* GARG_STATES: a list of the states with these bits */
    ssat_date date;          /* GARG_DATE: a date, in words in each language */
    char text[GUARD_ARG_MAX]; /* GARG_TEXT: the same in both languages */
} garg;

/* What a guard found: its outcome, the arguments of its message, and its values. */
typedef struct gres {
    bool skip; /* the guard does not apply to this detail */
    ssat_outcome outcome;
    const char *variant; /* NULL: the outcome's template */
    const char *missing; /* static English, for unknown */
    size_t nargs;
    char values[GUARD_VALUES_MAX];
    size_t values_len;
    garg args[GUARD_ARGS];
} gres;

typedef struct guard_def {
    const char *id;
    bool external;
    ssat_status (*check)(const gctx *x, gres *r);
} guard_def;

static garg *next_arg(gres *r, garg_kind kind)
{
    if (r->nargs >= GUARD_ARGS)
        return NULL;
    garg *a = &r->args[r->nargs++];
    a->kind = kind;
    return a;
}

static void arg_text(gres *r, const char *text)
{
    garg *a = next_arg(r, GARG_TEXT);
    if (a != NULL)
        (void)snprintf(a->text, sizeof a->text, "%s", text);
}

static void arg_date(gres *r, ssat_date d)
{
    if (d == SSAT__NO_DATE) {
        arg_text(r, "-");
        return;
    }
    garg *a = next_arg(r, GARG_DATE);
    if (a != NULL)
        a->date = d;
}

static void arg_int(gres *r, int64_t v)
{
    arg_text(r, ssat__text_int(v).s);
}

/* The label "<prefix>.<id>" of the message tables in one language (the id itself when absent). */
static const char *label(const char *prefix, const char *id, ssat_lang lang, char *buf, size_t cap)
{
    char key[96];
    (void)snprintf(key, sizeof key, "%s.%s", prefix, id);
    const char *t = ssat__message_template(key, lang);
    (void)snprintf(buf, cap, "%s", t != NULL ? t : id);
    return buf;
}

static void arg_label(gres *r, const char *prefix, const char *id)
{
    garg *a = next_arg(r, GARG_LABEL);
    if (a != NULL) {
        a->prefix = prefix;
        a->id = id;
    }
}

static void arg_states(gres *r, uint32_t states)
{
    garg *a = next_arg(r, GARG_STATES);
    if (a != NULL)
        a->states = states;
}

static void arg_fact(gres *r, ssat_fact f)
{
    arg_label(r, "decision.fact", f == SSAT_FACT_YES ? "yes" : f == SSAT_FACT_NO ? "no" : "unknown");
}

/* The states' labels in both languages, looked up once by ssat_case_next() for all its events (the
 * message tables are searched linearly). */
typedef struct state_labels {
    const char *text[2][SSAT_CASE_CLOSED + 1];
} state_labels;

static void state_labels_init(state_labels *l)
{
    for (int lang = 0; lang < 2; lang++)
        for (int s = 0; s <= SSAT_CASE_CLOSED; s++) {
            char key[64];
            const char *id = ssat__case_state_id((ssat_case_state)s);
            (void)snprintf(key, sizeof key, "case.state.%s", id);
            const char *t = ssat__message_template(key, (ssat_lang)lang);
            l->text[lang][s] = t != NULL ? t : id;
        }
}

static const char *state_label(ssat_case_state s, ssat_lang lang, const state_labels *l, char *buf, size_t cap)
{
    if (l != NULL)
        return l->text[lang == SSAT_LANG_CY][s];
    return label("case.state", ssat__case_state_id(s), lang, buf, cap);
}

/* An argument's text in one language (`l` may be NULL). */
static const char *arg_render(const garg *a, ssat_lang lang, const state_labels *l, char *buf, size_t cap)
{
    switch (a->kind) {
    case GARG_TEXT: return a->text;
    case GARG_LABEL:
        if (l != NULL && strcmp(a->prefix, "case.state") == 0) {
            ssat_case_state s;
            if (ssat__case_state_parse(a->id, &s))
                return state_label(s, lang, l, buf, cap);
        }
        return label(a->prefix, a->id, lang, buf, cap);
    case GARG_DATE: (void)snprintf(buf, cap, "%s", ssat__text_date_long(a->date, lang).s); return buf;
    case GARG_STATES: break;
    }
    buf[0] = '\0';
    for (int s = 0; s <= SSAT_CASE_CLOSED; s++) {
        if ((a->states & (1u << s)) == 0)
            continue;
        char one[96];
        size_t n = strlen(buf);
        (void)snprintf(buf + n, cap - n, "%s%s", n > 0 ? ", " : "",
                       state_label((ssat_case_state)s, lang, l, one, sizeof one));
    }
    return buf;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void value(gres *r, const char *fmt, ...)

{
    if (r->values_len + 3 >= sizeof r->values)
        return;
    if (r->values_len > 0) {
        memcpy(r->values + r->values_len, "; ", 3);
        r->values_len += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(r->values + r->values_len, sizeof r->values - r->values_len, fmt, ap);
    va_end(ap);
    if (n > 0)
        r->values_len += (size_t)n < sizeof r->values - r->values_len ? (size_t)n : sizeof r->values - r->values_len - 1;
}

static void met_if(gres *r, bool met)
{
    r->outcome = met ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
}

/* ---- the event table's shape ------------------------------------------------------------------------ */

typedef enum detail_kind {
    DETAIL_NONE = 0,     /* must be empty */
    DETAIL_OPTIONAL = 1, /* free text, may be empty */
    DETAIL_REQUIRED = 2, /* free text, required */
    DETAIL_CHOICE = 3,   /* one of `choices`, required */
    DETAIL_CHOICE_OPTIONAL = 4 /* one of `choices`, or empty (notice_issued's service, recorded since 0.3) */
} detail_kind;

/* What a transition changes: the copy of the state that becomes the case's when it succeeds. */
typedef struct tctx {
    const ssat__alloc *a;
    ssat__case_state *st;
    ssat_date date;
    const char *parent_id, *detail, *guard_values;
    size_t sequence;
    const char *fn;
    const ssat_case *c; /* the case (entry_voided derives the state again from its trail) */
} tctx;

struct event_def {
    const char *id;
    const char *criterion; /* "case.event.<id>", the criterion of ssat_case_next() */
    uint32_t from;         /* bit (1 << state) for each state the event may happen in */
    detail_kind detail;
    const char *const *choices; /* NULL-terminated, for DETAIL_CHOICE and DETAIL_CHOICE_OPTIONAL */
    bool per_choice;       /* ssat_case_next() tries each choice (guards depend on it) */
    bool parent;           /* a statutory action against one parent */
    const guard_def *const *guards; /* NULL-terminated */
    ssat_status (*transition)(const tctx *t);
};

#define S(x) (1u << SSAT_CASE_##x)
#define OPEN (S(MONITORING) | S(SCHOOL_CONCERN) | S(ENGAGEMENT) | S(REFERRED) | S(RETURNED) | S(ACCEPTED) | \
              S(FEW_ENGAGED) | S(STATUTORY))
#define AFTER_CONCERN (OPEN & ~S(MONITORING))
#define SCHOOL_WORK (S(SCHOOL_CONCERN) | S(ENGAGEMENT) | S(RETURNED))

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

static bool prosecution_open(ssat__prosecution p)
{
    return p == SSAT__PROSECUTION_CONSIDERED || p == SSAT__PROSECUTION_STARTED;
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

/* ---- external guards: the pupil record ---------------------------------------------------------------- */

/* Compulsory school age on the event's date, from the date of birth: `want_age` for the statutory
 * events, the opposite for a pupil who left at the end of it. */
static ssat_status age_guard(const gctx *x, gres *r, bool want_age)
{
    ssat_date dob = 0, first = 0, last = 0;
    int32_t is_age = 0;
    bool known = ssat_pupil_date_of_birth(x->c->pupil, &dob) == SSAT_OK &&
                 ssat_compulsory_school_age(dob, &first, &last) == SSAT_OK &&
                 ssat_is_compulsory_school_age(dob, x->date, &is_age) == SSAT_OK;
    arg_date(r, x->date);
    if (!known) {
        r->outcome = SSAT_OUTCOME_UNKNOWN;
        r->missing = "date of birth";
        value(r, "pupil.date_of_birth=unknown");
        return SSAT_OK;
    }
    bool past = !is_age && x->date > last;
    met_if(r, want_age ? is_age != 0 : past);
    arg_date(r, dob);
    arg_date(r, first);
    arg_date(r, last);
    value(r, "pupil.date_of_birth=%s; pupil.compulsory_age=%s", ssat__text_date(dob).s,
          is_age ? "yes" : past ? "past" : "not yet");
    return SSAT_OK;
}

static ssat_status g_compulsory_age(const gctx *x, gres *r)
{
    return age_guard(x, r, true);
}

static ssat_status g_left_compulsory_age(const gctx *x, gres *r)
{
    if (strcmp(x->detail, "left_compulsory_age") != 0) {
        r->skip = true;
        return SSAT_OK;
    }
    return age_guard(x, r, false);
}

static ssat_status roll_guard(const gctx *x, gres *r, ssat_fact want)
{
    ssat_fact f = ssat_pupil_get_fact(x->c->pupil, SSAT_PUPIL_ON_ROLL);
    r->outcome = f == SSAT_FACT_UNKNOWN ? SSAT_OUTCOME_UNKNOWN : f == want ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
    r->missing = f == SSAT_FACT_UNKNOWN ? "roll status" : NULL;
    arg_fact(r, f);
    value(r, "pupil.on_roll=%s", f == SSAT_FACT_YES ? "yes" : f == SSAT_FACT_NO ? "no" : "unknown");
    return SSAT_OK;
}

static ssat_status g_on_roll(const gctx *x, gres *r)
{
    return roll_guard(x, r, SSAT_FACT_YES);
}

/* A school attendance order is for a child who is not a registered pupil (s437). */
static ssat_status g_not_on_roll(const gctx *x, gres *r)
{
    return roll_guard(x, r, SSAT_FACT_NO);
}

/* ---- external guards: the rules over the register ------------------------------------------------------ */

/* "id=outcome value" for every criterion of a decision, and into `failed` the ids that keep it from
 * being met (the penalty limbs are alternatives: they count only when none is met). */
static void decision_values(gres *r, const ssat_decision *d, char *failed, size_t cap)
{
    static const char *const outcomes[] = {"not_met", "met", "unknown"};
    bool limb_met = false;
    for (size_t i = 0; i < ssat_decision_count(d); i++) {
        const ssat_criterion *k = ssat_decision_at(d, i);
        limb_met = limb_met || (strncmp(k->id, "penalty.limb.", 13) == 0 && k->outcome == SSAT_OUTCOME_MET);
    }
    failed[0] = '\0';
    for (size_t i = 0; i < ssat_decision_count(d); i++) {
        const ssat_criterion *k = ssat_decision_at(d, i);
        const char *o = outcomes[k->outcome];
        switch (k->measure) {
        case SSAT_MEASURE_PERCENT:
            value(r, "%s=%s %lld/%lld", k->id, o, (long long)k->value, (long long)k->whole);
            break;
        case SSAT_MEASURE_DATE: value(r, "%s=%s %s", k->id, o, ssat__text_date((ssat_date)k->value).s); break;
        case SSAT_MEASURE_COUNT: value(r, "%s=%s %lld", k->id, o, (long long)k->value); break;
        case SSAT_MEASURE_FACT: value(r, "%s=%s", k->id, o); break;
        }
        bool limb = strncmp(k->id, "penalty.limb.", 13) == 0;
        if (k->outcome != SSAT_OUTCOME_MET && !(limb && limb_met)) {
            size_t n = strlen(failed);
            (void)snprintf(failed + n, cap - n, "%s%s", n > 0 ? ", " : "", k->id);
        }
    }
}

static const char *const outcome_ids[] = {"not_met", "met", "unknown"};

/* A rule ran: its outcome is the guard's; {2} lists the criteria that keep it from being met. */
static void rule_result(gres *r, const char *name, const ssat_decision *d)
{
    char failed[GUARD_ARG_MAX];
    ssat_outcome o = ssat_decision_outcome(d);
    value(r, "%s=%s", name, outcome_ids[o]);
    decision_values(r, d, failed, sizeof failed);
    r->outcome = o;
    r->missing = o == SSAT_OUTCOME_UNKNOWN ? "facts the rule needs (see its decision)" : NULL;
    arg_text(r, failed);
}

/* A rule that could not run (the date outside the calendar's year, another code set): the guard is not
 * met and says why. Running out of memory is a failure, not an answer. */
static ssat_status rule_error(gres *r, ssat_status st, const char *name)
{
    if (st == SSAT_ERR_NOMEM)
        return st;
    char why[GUARD_ARG_MAX];
    (void)snprintf(why, sizeof why, "%s", ssat_error_message());
    r->outcome = SSAT_OUTCOME_NOT_MET;
    r->variant = "error";
    arg_text(r, why);
    value(r, "%s=not evaluated", name);
    return SSAT_OK;
}

static bool no_register(const gctx *x, gres *r, const char *name)
{
    if (x->reg != NULL && x->calendar != NULL)
        return false;
    r->outcome = SSAT_OUTCOME_NOT_MET;
    r->variant = "no_register";
    value(r, "%s=not evaluated (no register or calendar)", name);
    return true;
}

/* A copy of the case's pupil record, for the evidence check to set its facts on. */
static ssat_status pupil_clone(const ssat_case *c, ssat_pupil **out)
{
    ssat_allocator user = ssat__case_allocator(c);
    ssat_status st = ssat_pupil_new(c->pupil_id, &user, out);
    ssat_date dob = 0;
    if (st == SSAT_OK && ssat_pupil_date_of_birth(c->pupil, &dob) == SSAT_OK)
        (void)ssat_pupil_set_date_of_birth(*out, dob);
    for (int k = 0; st == SSAT_OK && k < SSAT_PUPIL_FACT_COUNT; k++)
        (void)ssat_pupil_set_fact(*out, (ssat_pupil_fact)k, ssat_pupil_get_fact(c->pupil, (ssat_pupil_fact)k));
    return st; /* no date of birth is not a failure: the public entry restores the caller's message */
}

/* The SSAT referral criteria hold, the pack checked first so that it settles R3, R4 and R5. */
static ssat_status g_referral(const gctx *x, gres *r)
{
    arg_date(r, x->date);
    if (no_register(x, r, "referral"))
        return SSAT_OK;
    ssat_allocator user = ssat__case_allocator(x->c);
    ssat_pupil *pupil = NULL;
    ssat_problems *problems = NULL;
    ssat_decision *d = NULL;
    size_t errors = 0;
    ssat_status st = pupil_clone(x->c, &pupil);
    if (st == SSAT_OK)
        st = ssat_problems_new(&problems, &user);
    if (st == SSAT_OK)
        st = ssat_pack_check(x->c->pack, x->c->policy, x->reg, x->calendar, problems, pupil, &errors);
    if (st == SSAT_OK)
        st = ssat_referral_evaluate(x->c->policy, x->reg, x->calendar, pupil, x->date, &d);
    if (st == SSAT_OK) {
        rule_result(r, "referral", d);
        value(r, "evidence.errors=%zu", errors);
    } else {
        st = rule_error(r, st, "referral");
    }
    ssat_decision_free(d);
    ssat_problems_free(problems);
    ssat_pupil_free(pupil);
    return st;
}

/* The parent's history as the penalty rule reads it, from the case's statutory record: warnings,
 * notices not withdrawn, and a prosecution considered or open (over the school year up to then). */
static ssat_status parent_history(const gctx *x, ssat_parent **out)
{
    ssat_allocator user = ssat__case_allocator(x->c);
    ssat_status st = ssat_parent_new(x->parent_id, &user, out);
    const ssat__case_parent *p = x->parent;
    for (size_t i = 0; st == SSAT_OK && p != NULL && i < p->warning_count; i++)
        st = ssat_parent_add(*out, SSAT_PARENT_WARNING, x->c->pupil_id, p->warnings[i], NULL);
    for (size_t i = 0; st == SSAT_OK && p != NULL && i < p->notice_count; i++)
        if (p->notices[i].status != SSAT__NOTICE_WITHDRAWN)
            st = ssat_parent_add(*out, SSAT_PARENT_NOTICE, x->c->pupil_id, p->notices[i].issued,
                                 &p->notices[i].absence);
    /* The parent's notices for this pupil's siblings (ssat_case_event.history): the Welsh limit on
     * notices is per parent across all their children. Entries about this pupil come from the case. */
    for (size_t i = 0; st == SSAT_OK && i < ssat_parent_count(x->siblings); i++) {
        ssat_parent_event kind;
        const char *pid = NULL;
        ssat_date date = 0;
        ssat_window absence;
        if (ssat_parent_at(x->siblings, i, &kind, &pid, &date, &absence) == SSAT_OK &&
            kind == SSAT_PARENT_NOTICE && strcmp(pid, x->c->pupil_id) != 0)
            st = ssat_parent_add(*out, SSAT_PARENT_NOTICE, pid, date, &absence);
    }
    if (st == SSAT_OK && p != NULL && prosecution_open(p->prosecution)) {
        ssat_date when = p->prosecution_considered;
        int32_t y = ssat_date_school_year(when);
        ssat_window w;
        st = ssat_window_range(ssat__days_from_civil(y, 8, 1), when, &w);
        if (st == SSAT_OK)
            st = ssat_parent_add(*out, SSAT_PARENT_PROCEEDINGS, x->c->pupil_id, when, &w);
    }
    return st;
}

/* Penalty-notice eligibility for this parent (warning and improvement period, limbs, year to date, no
 * proceedings or duplicate, the per-parent limit, age), over the register. The limb window it looked
 * at is recorded as "notice.absence": it is the absence the notice covers. */
static ssat_status g_penalty(const gctx *x, gres *r)
{
    arg_date(r, x->date);
    if (no_register(x, r, "penalty"))
        return SSAT_OK;
    ssat_parent *parent = NULL;
    ssat_decision *d = NULL;
    ssat_window w;
    ssat_status st = parent_history(x, &parent);
    if (st == SSAT_OK)
        st = ssat_penalty_evaluate(x->c->policy, x->reg, x->calendar, x->c->pupil, parent, x->date, &d);
    if (st == SSAT_OK)
        st = ssat__rules_window(x->fn, x->c->policy, SSAT__P_PENALTY_LIMB_WINDOW, x->calendar, x->reg, x->date, &w);
    if (st == SSAT_OK) {
        char text[48];
        ssat__window_text(&w, text, sizeof text);
        value(r, "notice.absence=%s", text);
        rule_result(r, "penalty", d);
    } else {
        st = rule_error(r, st, "penalty");
    }
    arg_text(r, x->parent_id);
    ssat_decision_free(d);
    ssat_parent_free(parent);
    return st;
}

/* ---- voiding an entry (entry_voided) --------------------------------------------------------------- */

/* A mistake is corrected by appending: entry_voided names an earlier entry (its sequence, the detail),
 * who voids it and why (the note, required). The entry stays in the trail; the state is derived again
 * from the entries that are not voided, each one's internal guards checked again, so an entry can be
 * voided only when every later entry still stands without it (void the later ones first). */

static ssat_status rederive(const ssat_case *c, size_t skip, ssat__case_state *out, size_t *failed, const char *fn);
static ssat_status t_entry_voided(const tctx *t);

static bool is_void_entry(const ssat_trail_entry *e)
{
    return strcmp(e->event, "entry_voided") == 0;
}

/* The entries that give the state: neither voided nor an entry_voided. Their dates never go backwards;
 * an entry_voided carries the date the mistake was corrected, and the entry it voids may carry a wrong
 * one, so neither bounds the dates of later entries. */
static bool counts(const ssat_trail_entry *e)
{
    return e->voided_by == 0 && !is_void_entry(e);
}

/* The sequence an entry_voided's detail names ("1".."999999999"), or 0. */
static size_t voided_sequence(const char *detail)
{
    size_t n = 0, len = strlen(detail);
    if (len == 0 || len > 9 || detail[0] == '0')
        return 0;
    for (const char *p = detail; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        n = n * 10 + (size_t)(*p - '0');
    }
    return n;
}

static ssat_status g_voidable(const gctx *x, gres *r)
{
    const ssat_case *c = x->c;
    if (x->detail[0] == '\0') { /* ssat_case_next(): is there an entry to void at all? */
        bool any = false;
        for (size_t i = 0; i < c->trail_count && !any; i++)
            any = c->trail[i]->pub.voided_by == 0 && !is_void_entry(&c->trail[i]->pub);
        met_if(r, any);
        r->variant = any ? NULL : "none";
        arg_text(r, "");
        return SSAT_OK;
    }
    size_t n = voided_sequence(x->detail);
    arg_text(r, x->detail);
    value(r, "voids=%s", x->detail);
    met_if(r, false);
    if (n == 0 || n > c->trail_count) {
        r->variant = "no_entry";
        arg_int(r, (int64_t)c->trail_count);
        return SSAT_OK;
    }
    const ssat_trail_entry *e = &c->trail[n - 1]->pub;
    if (is_void_entry(e)) {
        r->variant = "is_void";
        return SSAT_OK;
    }
    if (e->voided_by != 0) {
        r->variant = "already";
        arg_int(r, e->voided_by);
        return SSAT_OK;
    }
    ssat__case_state without;
    size_t failed = 0;
    ssat_status st = rederive(c, n, &without, &failed, x->fn);
    if (st != SSAT_OK)
        return st;
    ssat__case_state_free(&c->alloc, &without);
    met_if(r, failed == 0);
    if (failed != 0) {
        r->variant = "breaks";
        arg_int(r, (int64_t)failed);
        arg_text(r, c->trail[failed - 1]->pub.event);
    }
    return SSAT_OK;
}

static const guard_def guard_voidable = {"case.guard.voidable", false, g_voidable};

/* ---- the guards ------------------------------------------------------------------------------------- */

#define GUARD(name, ext) static const guard_def guard_##name = {"case.guard." #name, ext, g_##name}
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
GUARD(referral, true);
GUARD(penalty, true);
GUARD(compulsory_age, true);
GUARD(on_roll, true);
GUARD(not_on_roll, true);
GUARD(left_compulsory_age, true);
#undef GUARD

static const guard_def *const gl_state[] = {&guard_state, NULL};
static const guard_def *const gl_contract_offered[] = {&guard_state, &guard_contract_not_live, NULL};
static const guard_def *const gl_contract_answer[] = {&guard_state, &guard_contract_offered, NULL};
static const guard_def *const gl_contract_end[] = {&guard_state, &guard_contract_agreed, NULL};
static const guard_def *const gl_plan_start[] = {&guard_state, &guard_plan_inactive, NULL};
static const guard_def *const gl_plan_active[] = {&guard_state, &guard_plan_active, NULL};
static const guard_def *const gl_referral[] = {&guard_state, &guard_contract_not_live, &guard_referral, NULL};
static const guard_def *const gl_warning[] = {&guard_state, &guard_no_prosecution, &guard_compulsory_age,
                                              &guard_on_roll, NULL};
static const guard_def *const gl_notice[] = {&guard_state, &guard_no_prosecution, &guard_contract_not_live,
                                             &guard_compulsory_age, &guard_on_roll, &guard_penalty, NULL};
static const guard_def *const gl_paid[] = {&guard_state, &guard_notice_open, &guard_payment_period, NULL};
static const guard_def *const gl_unpaid[] = {&guard_state, &guard_notice_open, &guard_payment_period_over, NULL};
static const guard_def *const gl_withdrawn[] = {&guard_state, &guard_notice_open, NULL};
static const guard_def *const gl_eso[] = {&guard_state, &guard_compulsory_age, &guard_on_roll, NULL};
static const guard_def *const gl_prosecution_considered[] = {
    &guard_state, &guard_eso_first, &guard_no_prosecution, &guard_no_notice_open, &guard_compulsory_age,
    &guard_on_roll, NULL};
static const guard_def *const gl_prosecution_started[] = {&guard_state, &guard_prosecution_considered, NULL};
static const guard_def *const gl_prosecution_concluded[] = {&guard_state, &guard_prosecution_open, NULL};
static const guard_def *const gl_sao[] = {&guard_state, &guard_compulsory_age, &guard_not_on_roll, NULL};
static const guard_def *const gl_left[] = {&guard_state, &guard_left_compulsory_age, NULL};
static const guard_def *const gl_closed[] = {&guard_state, &guard_improved, &guard_proceedings_concluded, NULL};
static const guard_def *const gl_voided[] = {&guard_voidable, NULL};

/* ---- transitions ------------------------------------------------------------------------------------ */

static ssat_status t_concern(const tctx *t)
{
    t->st->main = SSAT_CASE_SCHOOL_CONCERN;
    return SSAT_OK;
}

/* Letters, meetings and support: the school's engagement begins with the first of them. */
static ssat_status t_school_work(const tctx *t)
{
    if (t->st->main == SSAT_CASE_SCHOOL_CONCERN)
        t->st->main = SSAT_CASE_ENGAGEMENT;
    return SSAT_OK;
}

#define CONTRACT_TRANSITION(name, value_)                                                                    \
    static ssat_status t_contract_##name(const tctx *t)                                                       \
    {                                                                                                          \
        t->st->contract = value_;                                                                              \
        return SSAT_OK;                                                                                        \
    }
CONTRACT_TRANSITION(offered, SSAT_CONTRACT_OFFERED)
CONTRACT_TRANSITION(signed, SSAT_CONTRACT_AGREED)
CONTRACT_TRANSITION(refused, SSAT_CONTRACT_DECLINED)
CONTRACT_TRANSITION(breached, SSAT_CONTRACT_BREACHED)
CONTRACT_TRANSITION(completed, SSAT_CONTRACT_COMPLETED)
#undef CONTRACT_TRANSITION

static ssat__plan_state *plan_of(const tctx *t)
{
    return &t->st->plans[strcmp(t->detail, "idp") == 0 ? SSAT__PLAN_IDP : SSAT__PLAN_PSP];
}

static ssat_status t_plan_started(const tctx *t)
{
    *plan_of(t) = (ssat__plan_state){true, t->date, t->date};
    return SSAT_OK;
}

static ssat_status t_plan_reviewed(const tctx *t)
{
    plan_of(t)->last_review = t->date;
    return SSAT_OK;
}

static ssat_status t_plan_ended(const tctx *t)
{
    plan_of(t)->active = false;
    return SSAT_OK;
}

static ssat_status t_referral_submitted(const tctx *t)
{
    t->st->main = SSAT_CASE_REFERRED;
    t->st->referred = t->date;
    return SSAT_OK;
}

static ssat_status t_referral_accepted(const tctx *t)
{
    t->st->main = SSAT_CASE_ACCEPTED;
    return SSAT_OK;
}

static ssat_status t_referral_returned(const tctx *t)
{
    t->st->main = SSAT_CASE_RETURNED;
    return SSAT_OK;
}

static ssat_status t_few_contact(const tctx *t)
{
    if (t->st->main == SSAT_CASE_ACCEPTED)
        t->st->main = SSAT_CASE_FEW_ENGAGED;
    return SSAT_OK;
}

/* The parent's record, created on the first statutory action against them. */
static ssat_status statutory_parent(const tctx *t, ssat__case_parent **out)
{
    *out = ssat__case_parent_get(t->a, t->st, t->parent_id);
    if (*out == NULL)
        return ssat__nomem(t->fn);
    t->st->main = SSAT_CASE_STATUTORY;
    return SSAT_OK;
}

static ssat_status t_penalty_warning(const tctx *t)
{
    ssat__case_parent *p = NULL;
    ssat_status st = statutory_parent(t, &p);
    if (st != SSAT_OK)
        return st;
    void *items = p->warnings;
    if (!ssat__grow(t->a, &items, &p->warning_cap, p->warning_count + 1, sizeof *p->warnings))
        return ssat__nomem(t->fn);
    p->warnings = items;
    p->warnings[p->warning_count++] = t->date;
    return SSAT_OK;
}

/* The value of `key` in "key=value; key=value": its start and length; false when absent. */
static bool guard_value(const char *values, const char *key, const char **start, size_t *len)
{
    size_t k = strlen(key);
    for (const char *p = values; *p != '\0';) {
        const char *end = strstr(p, "; ");
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        if (n > k && memcmp(p, key, k) == 0 && p[k] == '=') {
            *start = p + k + 1;
            *len = n - k - 1;
            return true;
        }
        p += n + (end != NULL ? 2 : 0);
    }
    return false;
}

static ssat_status t_notice_issued(const tctx *t)
{
    const char *text = NULL;
    size_t len = 0;
    ssat_window w;
    if (!guard_value(t->guard_values, "notice.absence", &text, &len) || !ssat__window_parse(text, len, &w))
        return ssat__error(SSAT_ERR_STATE, "%s: trail does not replay: entry %zu (notice_issued): its guard values "
                           "do not give the absence the notice covers (notice.absence)", t->fn, t->sequence);
    /* How it was served (the optional detail) gives the day of receipt; without it, the issue date. */
    ssat__notice_service service = SSAT__SERVICE_UNRECORDED;
    ssat_date received = t->date;
    if (!ssat__notice_service_parse(t->detail, &service))
        return ssat__error(SSAT_ERR_STATE, "%s: trail does not replay: entry %zu (notice_issued): detail is not a "
                           "service", t->fn, t->sequence);
    if (service != SSAT__SERVICE_UNRECORDED) {
        ssat_status rs = ssat_penalty_received(t->c->policy, t->date,
                                               service == SSAT__SERVICE_POSTED ? SSAT_SERVICE_POST : SSAT_SERVICE_HAND,
                                               &received);
        if (rs != SSAT_OK)
            return rs;
    }
    ssat__case_parent *p = NULL;
    ssat_status st = statutory_parent(t, &p);
    if (st != SSAT_OK)
        return st;
    void *items = p->notices;
    if (!ssat__grow(t->a, &items, &p->notice_cap, p->notice_count + 1, sizeof *p->notices))
        return ssat__nomem(t->fn);
    p->notices = items;
    p->notices[p->notice_count++] = (ssat__notice){t->date, SSAT__NOTICE_ISSUED, t->date, w, service, received};
    return SSAT_OK;
}

/* Close the parent's open notice with `status` (the guards made sure there is one). */
static ssat_status notice_status(const tctx *t, ssat__notice_status status)
{
    ssat__case_parent *p = ssat__case_parent_find(t->st, t->parent_id);
    for (size_t i = p != NULL ? p->notice_count : 0; i > 0; i--)
        if (p->notices[i - 1].status == SSAT__NOTICE_ISSUED) {
            p->notices[i - 1].status = status;
            p->notices[i - 1].status_date = t->date;
            return SSAT_OK;
        }
    return ssat__error(SSAT_ERR_STATE, "%s: parent \"%s\" has no notice awaiting payment", t->fn, t->parent_id);
}

static ssat_status t_notice_paid(const tctx *t)
{
    return notice_status(t, SSAT__NOTICE_PAID);
}

static ssat_status t_notice_unpaid(const tctx *t)
{
    return notice_status(t, SSAT__NOTICE_UNPAID);
}

static ssat_status t_notice_withdrawn(const tctx *t)
{
    return notice_status(t, SSAT__NOTICE_WITHDRAWN);
}

static ssat_status t_eso_considered(const tctx *t)
{
    ssat__case_parent *p = NULL;
    ssat_status st = statutory_parent(t, &p);
    if (st == SSAT_OK)
        p->eso_considered = t->date;
    return st;
}

static ssat_status prosecution_stage(const tctx *t, ssat__prosecution stage)
{
    ssat__case_parent *p = NULL;
    ssat_status st = statutory_parent(t, &p);
    if (st != SSAT_OK)
        return st;
    p->prosecution = stage;
    p->prosecution_date = t->date;
    switch (stage) {
    case SSAT__PROSECUTION_CONSIDERED:
        p->prosecution_considered = t->date;
        p->section[0] = '\0';
        break;
    case SSAT__PROSECUTION_STARTED: (void)snprintf(p->section, sizeof p->section, "%s", t->detail); break;
    case SSAT__PROSECUTION_CONCLUDED: p->prosecutions_concluded++; break;
    case SSAT__PROSECUTION_NONE: break;
    }
    return SSAT_OK;
}

static ssat_status t_prosecution_considered(const tctx *t)
{
    return prosecution_stage(t, SSAT__PROSECUTION_CONSIDERED);
}

static ssat_status t_prosecution_started(const tctx *t)
{
    return prosecution_stage(t, SSAT__PROSECUTION_STARTED);
}

static ssat_status t_prosecution_concluded(const tctx *t)
{
    return prosecution_stage(t, SSAT__PROSECUTION_CONCLUDED);
}

static ssat_status t_sao_issued(const tctx *t)
{
    ssat__case_parent *p = NULL;
    ssat_status st = statutory_parent(t, &p);
    if (st == SSAT_OK)
        p->sao_issued = t->date;
    return st;
}

static ssat_status t_attendance_improved(const tctx *t)
{
    t->st->improved = t->date;
    return SSAT_OK;
}

static ssat_status t_closed(const tctx *t)
{
    t->st->main = SSAT_CASE_CLOSED;
    (void)snprintf(t->st->closed_reason, sizeof t->st->closed_reason, "%s", t->detail);
    return SSAT_OK;
}

/* ---- the table -------------------------------------------------------------------------------------- */

static const char *const letter_types[] = {"attendance_concern", "meeting_invitation", "warning",
                                           "parenting_contract_offer", "penalty_warning", "other", NULL};
static const char *const meeting_attendance[] = {"attended", "not_attended", NULL};
static const char *const plans[] = {"psp", "idp", NULL};
static const char *const sections[] = {"s444(1)", "s444(1A)", NULL};
static const char *const left_reasons[] = {"left_compulsory_age", "moved_authority", "off_roll", "ehe", "other",
                                           NULL};
static const char *const closed_reasons[] = {"improved", "proceedings_concluded", "other", NULL};
static const char *const services[] = {"posted", "hand", NULL};

#define EVENT(name) #name, "case.event." #name
static const event_def events[] = {
    {EVENT(concern_raised), S(MONITORING), DETAIL_NONE, NULL, false, false, gl_state, t_concern},
    {EVENT(letter_sent), SCHOOL_WORK, DETAIL_CHOICE, letter_types, false, false, gl_state, t_school_work},
    {EVENT(meeting_held), SCHOOL_WORK, DETAIL_CHOICE, meeting_attendance, false, false, gl_state, t_school_work},
    {EVENT(support_offered), SCHOOL_WORK, DETAIL_OPTIONAL, NULL, false, false, gl_state, t_school_work},
    {EVENT(contract_offered), S(ENGAGEMENT) | S(RETURNED), DETAIL_NONE, NULL, false, false, gl_contract_offered,
     t_contract_offered},
    {EVENT(contract_signed), OPEN, DETAIL_NONE, NULL, false, false, gl_contract_answer, t_contract_signed},
    {EVENT(contract_refused), OPEN, DETAIL_NONE, NULL, false, false, gl_contract_answer, t_contract_refused},
    {EVENT(contract_breached), OPEN, DETAIL_NONE, NULL, false, false, gl_contract_end, t_contract_breached},
    {EVENT(contract_completed), OPEN, DETAIL_NONE, NULL, false, false, gl_contract_end, t_contract_completed},
    {EVENT(plan_started), OPEN, DETAIL_CHOICE, plans, true, false, gl_plan_start, t_plan_started},
    {EVENT(plan_reviewed), OPEN, DETAIL_CHOICE, plans, true, false, gl_plan_active, t_plan_reviewed},
    {EVENT(plan_ended), OPEN, DETAIL_CHOICE, plans, true, false, gl_plan_active, t_plan_ended},
    {EVENT(referral_submitted), S(ENGAGEMENT) | S(RETURNED), DETAIL_NONE, NULL, false, false, gl_referral,
     t_referral_submitted},
    {EVENT(referral_accepted), S(REFERRED), DETAIL_NONE, NULL, false, false, gl_state, t_referral_accepted},
    {EVENT(referral_returned), S(REFERRED), DETAIL_REQUIRED, NULL, false, false, gl_state, t_referral_returned},
    {EVENT(few_contact), S(ACCEPTED) | S(FEW_ENGAGED) | S(STATUTORY), DETAIL_NONE, NULL, false, false, gl_state,
     t_few_contact},
    {EVENT(penalty_warning), S(FEW_ENGAGED) | S(STATUTORY), DETAIL_NONE, NULL, false, true, gl_warning,
     t_penalty_warning},
    {EVENT(notice_issued), S(FEW_ENGAGED) | S(STATUTORY), DETAIL_CHOICE_OPTIONAL, services, false, true, gl_notice,
     t_notice_issued},
    {EVENT(notice_paid), S(STATUTORY), DETAIL_NONE, NULL, false, true, gl_paid, t_notice_paid},
    {EVENT(notice_unpaid), S(STATUTORY), DETAIL_NONE, NULL, false, true, gl_unpaid, t_notice_unpaid},
    {EVENT(notice_withdrawn), S(STATUTORY), DETAIL_NONE, NULL, false, true, gl_withdrawn, t_notice_withdrawn},
    {EVENT(eso_considered), S(FEW_ENGAGED) | S(STATUTORY), DETAIL_NONE, NULL, false, true, gl_eso,
     t_eso_considered},
    {EVENT(prosecution_considered), S(STATUTORY), DETAIL_NONE, NULL, false, true, gl_prosecution_considered,
     t_prosecution_considered},
    {EVENT(prosecution_started), S(STATUTORY), DETAIL_CHOICE, sections, false, true, gl_prosecution_started,
     t_prosecution_started},
    {EVENT(prosecution_concluded), S(STATUTORY), DETAIL_REQUIRED, NULL, false, true, gl_prosecution_concluded,
     t_prosecution_concluded},
    {EVENT(sao_issued), S(FEW_ENGAGED) | S(STATUTORY), DETAIL_NONE, NULL, false, true, gl_sao, t_sao_issued},
    {EVENT(attendance_improved), AFTER_CONCERN, DETAIL_NONE, NULL, false, false, gl_state, t_attendance_improved},
    {EVENT(pupil_left), OPEN, DETAIL_CHOICE, left_reasons, false, false, gl_left, t_closed},
    {EVENT(closed), OPEN, DETAIL_CHOICE, closed_reasons, false, false, gl_closed, t_closed},
    {EVENT(entry_voided), OPEN | S(CLOSED), DETAIL_REQUIRED, NULL, false, false, gl_voided, t_entry_voided},
};
#undef EVENT

#define EVENT_COUNT (sizeof events / sizeof events[0])

size_t ssat_case_event_count(void)
{
    return EVENT_COUNT;
}

const char *ssat_case_event_at(size_t index)
{
    return index < EVENT_COUNT ? events[index].id : NULL;
}

static const event_def *find_event(const char *id)
{
    for (size_t i = 0; i < EVENT_COUNT; i++)
        if (strcmp(events[i].id, id) == 0)
            return &events[i];
    return NULL;
}

/* ---- evaluating an event's guards ------------------------------------------------------------------- */

typedef struct evaluation {
    char values[SSAT__CASE_GUARDS_MAX + 1];
    size_t len;
    const guard_def *failed; /* the first guard not met, or NULL */
    char failed_en[REASON_MAX], failed_cy[REASON_MAX];
    const state_labels *labels; /* set by the caller, or NULL */
} evaluation;

static const char *outcome_id(ssat_outcome o)
{
    return (unsigned)o < 3 ? outcome_ids[o] : "unknown";
}

/* A guard's message in one language. */
static void render_guard(const guard_def *g, const gres *r, ssat_lang lang, const state_labels *l, char *buf,
                         size_t cap)
{
    char id[96], store[GUARD_ARGS][GUARD_ARG_MAX];
    const char *args[GUARD_ARGS];
    (void)snprintf(id, sizeof id, "%s.%s", g->id, r->variant != NULL ? r->variant : outcome_id(r->outcome));
    for (size_t i = 0; i < r->nargs; i++)
        args[i] = arg_render(&r->args[i], lang, l, store[i], GUARD_ARG_MAX);
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
        k.args[i] = (ssat__marg){.text = arg_render(&r->args[i], SSAT_LANG_EN, NULL, en[i], GUARD_ARG_MAX),
                                 .text_cy = arg_render(&r->args[i], SSAT_LANG_CY, NULL, cy[i], GUARD_ARG_MAX)};
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
static ssat_status evaluate(const gctx *x, bool internal_only, ssat_decision *d, evaluation *e)
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
            render_guard(*g, r, SSAT_LANG_EN, e->labels, e->failed_en, sizeof e->failed_en);
            render_guard(*g, r, SSAT_LANG_CY, e->labels, e->failed_cy, sizeof e->failed_cy);
        }
    }
    ssat__free(&x->c->alloc, r, sizeof *r);
    return st;
}

/* ---- deriving the state again (entry_voided) -------------------------------------------------------- */

/* The state the trail gives without entry `skip` (its sequence) and the entries already voided, each
 * remaining entry's internal guards checked against it (the external ones held when it was applied).
 * *failed receives the first entry that would not have been possible (its sequence; `out` is then
 * freed), or 0. */
static ssat_status rederive(const ssat_case *c, size_t skip, ssat__case_state *out, size_t *failed, const char *fn)
{
    ssat__case_state_init(out);
    *failed = 0;
    evaluation *e = ssat__malloc(&c->alloc, sizeof *e);
    if (e == NULL)
        return ssat__nomem(fn);
    e->labels = NULL;
    ssat_status st = SSAT_OK;
    for (size_t i = 0; st == SSAT_OK && *failed == 0 && i < c->trail_count; i++) {
        const ssat_trail_entry *en = &c->trail[i]->pub;
        const event_def *ev = find_event(en->event);
        if (i + 1 == skip || !counts(en) || ev == NULL)
            continue;
        gctx x = {.c = c, .st = out, .ev = ev, .date = en->date, .parent_id = en->parent_id, .detail = en->detail,
                  .parent = ssat__case_parent_find(out, en->parent_id), .fn = fn};
        st = evaluate(&x, true, NULL, e);
        if (st == SSAT_OK && e->failed != NULL) {
            *failed = i + 1;
            break;
        }
        tctx t = {.a = &c->alloc, .st = out, .date = en->date, .parent_id = en->parent_id, .detail = en->detail,
                  .guard_values = en->guard_values, .sequence = i + 1, .fn = fn, .c = c};
        if (st == SSAT_OK)
            st = ev->transition(&t);
    }
    ssat__free(&c->alloc, e, sizeof *e);
    if (st != SSAT_OK || *failed != 0)
        ssat__case_state_free(&c->alloc, out);
    return st;
}

static ssat_status t_entry_voided(const tctx *t)
{
    ssat__case_state without;
    size_t failed = 0, n = voided_sequence(t->detail);
    ssat_status st = rederive(t->c, n, &without, &failed, t->fn);
    if (st != SSAT_OK)
        return st;
    if (failed != 0) /* the guard refuses this first */
        return ssat__error(SSAT_ERR_STATE, "%s: without entry %zu, entry %zu would not have been possible", t->fn, n,
                           failed);
    ssat__case_state_free(t->a, t->st);
    *t->st = without;
    return SSAT_OK;
}

/* ---- arguments -------------------------------------------------------------------------------------- */

/* The last entry that counts (its index + 1), or 0. */
static size_t last_counting(const ssat_case *c)
{
    for (size_t i = c->trail_count; i > 0; i--)
        if (counts(&c->trail[i - 1]->pub))
            return i;
    return 0;
}

/* The first entry that counts, but for `skip` (a sequence, or 0), or 0. */
static size_t first_counting(const ssat_case *c, size_t skip)
{
    for (size_t i = 0; i < c->trail_count; i++)
        if (i + 1 != skip && counts(&c->trail[i]->pub))
            return i + 1;
    return 0;
}

/* The years a case's dates may lie in (issue 15: a typed 9999 is a typo, not a date to keep). */
#define CASE_YEAR_MIN 1900
#define CASE_YEAR_MAX 2199

/* What only a new event's date must satisfy (ssat_case_apply(), ssat_case_next(); not replay, which
 * trusts dates that were accepted when recorded): a year the case accepts, not before the pupil's
 * birth nor before 1 August of the case's first school year (its first entry that counts), and not
 * more than "case.max_gap_days" after the entry before it. An entry_voided (`voiding`, naming entry
 * `skip`) is not bound by the gap, since a correction may come late, and the entry it voids does not
 * set the first school year, since its date may be the mistake. */
static ssat_status check_plausible(const ssat_case *c, ssat_date date, bool voiding, size_t skip, const char *fn)
{
    int32_t y = 0, m = 0, d = 0;
    ssat__civil_from_days(date, &y, &m, &d);
    ssat__text t = ssat__text_date(date);
    if (y < CASE_YEAR_MIN || y > CASE_YEAR_MAX)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'date' (%s): the year %ld is outside %d..%d, the "
                           "years a case accepts", fn, t.s, (long)y, CASE_YEAR_MIN, CASE_YEAR_MAX);
    ssat_date dob = 0;
    if (ssat_pupil_date_of_birth(c->pupil, &dob) == SSAT_OK && date < dob)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'date' (%s) is before the pupil's date of birth "
                           "(%s)", fn, t.s, ssat__text_date(dob).s);
    size_t first = first_counting(c, voiding ? skip : 0), last = last_counting(c);
    if (first > 0) {
        int32_t year = ssat_date_school_year(c->trail[first - 1]->pub.date);
        ssat_date start = ssat__days_from_civil(year, 8, 1);
        if (date < start)
            return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'date' (%s) is before 1 August %ld, the start "
                               "of the case's first school year (%ld/%02ld, entry %zu)", fn, t.s, (long)year,
                               (long)year, (long)((year + 1) % 100), first);
    }
    int64_t gap = ssat__policy_value(c->policy, SSAT__P_CASE_MAX_GAP_DAYS)->i;
    if (!voiding && last > 0 && (int64_t)date - c->trail[last - 1]->pub.date > gap)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'date' (%s) is %lld days after the previous entry "
                           "(entry %zu, %s): more than case.max_gap_days (%lld); is the date mistyped?", fn, t.s,
                           (long long)((int64_t)date - c->trail[last - 1]->pub.date), last,
                           ssat__text_date(c->trail[last - 1]->pub.date).s, (long long)gap);
    return SSAT_OK;
}

/* Every date: in the supported range and, but for an entry_voided, not before the last entry that
 * counts; with `plausible`, check_plausible() too. */
static ssat_status check_date(const ssat_case *c, ssat_date date, bool voiding, size_t skip, bool plausible,
                              const char *fn)
{
    if (!ssat__date_in_range(date))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'date' (day %ld) is outside years %d..%d", fn,
                           (long)date, SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    size_t last = last_counting(c);
    if (!voiding && last > 0 && date < c->trail[last - 1]->pub.date)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'date' (%s) is before the last event in the trail "
                           "(%s): dates must not go backwards", fn, ssat__text_date(date).s,
                           ssat__text_date(c->trail[last - 1]->pub.date).s);
    return plausible ? check_plausible(c, date, voiding, skip, fn) : SSAT_OK;
}

static ssat_status check_detail(const event_def *ev, const char *detail, const char *fn)
{
    switch (ev->detail) {
    case DETAIL_NONE:
        if (detail[0] != '\0')
            return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'detail': event %s takes no detail", fn, ev->id);
        return SSAT_OK;
    case DETAIL_OPTIONAL:
        return ssat__case_check_text(fn, "detail", detail, 0, SSAT__CASE_DETAIL_MAX, false);
    case DETAIL_REQUIRED:
        return ssat__case_check_text(fn, "detail", detail, 1, SSAT__CASE_DETAIL_MAX, false);
    case DETAIL_CHOICE_OPTIONAL:
        if (detail[0] == '\0')
            return SSAT_OK;
        break;
    case DETAIL_CHOICE: break;
    }
    char list[256] = "";
    for (const char *const *ch = ev->choices; *ch != NULL; ch++) {
        if (strcmp(*ch, detail) == 0)
            return SSAT_OK;
        size_t n = strlen(list);
        (void)snprintf(list + n, sizeof list - n, "%s\"%s\"", n > 0 ? ", " : "", *ch);
    }
    char repr[80];
    return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'detail' %s: event %s takes one of %s%s", fn,
                       ssat__text_repr(repr, sizeof repr, detail), ev->id, list,
                       ev->detail == DETAIL_CHOICE_OPTIONAL ? ", or no detail" : "");
}

static const char *or_empty(const char *s)
{
    return s != NULL ? s : "";
}

/* Everything ssat_case_apply() checks before the guards; replay checks the same of each entry. */
static ssat_status check_args(const ssat_case *c, const event_def *ev, ssat_date date, const char *actor,
                              const char *role, const char *parent_id, const char *detail, const char *note,
                              bool applying, const char *fn)
{
    bool voiding = ev->transition == t_entry_voided;
    if (actor == NULL)
        return ssat__null_arg(fn, "actor");
    if (role == NULL)
        return ssat__null_arg(fn, "role");
    ssat_status st = ssat__case_check_text(fn, "actor", actor, 1, SSAT__CASE_ACTOR_MAX, false);
    if (st == SSAT_OK)
        st = ssat__case_check_text(fn, "role", role, 1, SSAT__CASE_ACTOR_MAX, false);
    if (st == SSAT_OK)
        st = check_date(c, date, voiding, voiding ? voided_sequence(detail) : 0, applying, fn);
    if (st == SSAT_OK && ev->parent && parent_id[0] == '\0')
        st = ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'parent_id' is required: %s is a statutory action "
                         "against one parent", fn, ev->id);
    if (st == SSAT_OK && ev->parent)
        st = ssat__case_check_text(fn, "parent_id", parent_id, 1, SSAT__CASE_ID_MAX, false);
    if (st == SSAT_OK && !ev->parent && parent_id[0] != '\0')
        st = ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'parent_id' must be NULL or \"\": %s concerns no "
                         "parent", fn, ev->id);
    if (st == SSAT_OK)
        st = check_detail(ev, detail, fn);
    if (st == SSAT_OK)
        st = voiding && note[0] == '\0'
                 ? ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'note' is required: entry_voided says why the "
                               "entry is void", fn)
                 : ssat__case_check_text(fn, "note", note, 0, SSAT__CASE_NOTE_MAX, true);
    if (st == SSAT_OK && voiding && voided_sequence(detail) == 0)
        st = ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'detail' must be the sequence number of the entry "
                         "to void (1, 2, ...)", fn);
    return st;
}

static gctx make_gctx(const ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                      const event_def *ev, ssat_date date, const char *parent_id, const char *detail, const char *fn)
{
    return (gctx){.c = c, .st = &c->state, .reg = reg, .calendar = calendar, .ev = ev, .date = date,
                  .parent_id = parent_id, .detail = detail, .parent = ssat__case_parent_find(&c->state, parent_id),
                  .fn = fn};
}

/* Change the state by the event and append its entry; all or nothing. On replay (`replaying`) the
 * state the entry records after it must be the one the transition gives. */
static ssat_status commit(ssat_case *c, const event_def *ev, const ssat_trail_entry *e, bool replaying,
                          const char *fn)
{
    ssat__case_state next;
    if (!ssat__case_state_copy(&c->alloc, &next, &c->state))
        return ssat__nomem(fn);
    tctx t = {.a = &c->alloc, .st = &next, .date = e->date, .parent_id = e->parent_id, .detail = e->detail,
              .guard_values = e->guard_values, .sequence = c->trail_count + 1, .fn = fn, .c = c};
    ssat_status st = ev->transition(&t);
    ssat_trail_entry entry = *e;
    entry.state_after = next.main;
    if (st == SSAT_OK && replaying && e->state_after != next.main)
        st = ssat__error(SSAT_ERR_STATE, "%s: trail does not replay: entry %zu (%s on %s) records the state %s "
                         "after it, but replaying it gives %s", fn, t.sequence, ev->id, ssat__text_date(e->date).s,
                         ssat__case_state_id(e->state_after), ssat__case_state_id(next.main));
    if (st == SSAT_OK)
        st = ssat__case_append(c, &entry, fn);
    if (st != SSAT_OK) {
        ssat__case_state_free(&c->alloc, &next);
        return st;
    }
    if (ev->transition == t_entry_voided) /* the guard checked that it names an entry before this one */
        c->trail[voided_sequence(e->detail) - 1]->pub.voided_by = (uint32_t)c->trail_count;
    ssat__case_state_free(&c->alloc, &c->state);
    c->state = next;
    return SSAT_OK;
}

/* ---- applying an event ------------------------------------------------------------------------------ */

/* `in` is read as version 1 (the only one so far): its members are the event's, NULL for none. The
 * public entry points check the version and name themselves in `fn`. */
static ssat_status case_apply(ssat_case *c, const ssat_case_event *in, ssat_decision **refusal_out, const char *fn)
{
    if (refusal_out != NULL)
        *refusal_out = NULL;
    if (c == NULL)
        return ssat__null_arg(fn, "c");
    if (in->event == NULL)
        return ssat__null_arg(fn, "event");
    const event_def *ev = find_event(in->event);
    if (ev == NULL) {
        char repr[80];
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'event': no event %s (ssat_case_event_at() lists "
                           "them)", fn, ssat__text_repr(repr, sizeof repr, in->event));
    }
    const ssat_register *reg = in->reg;
    const ssat_calendar *calendar = in->calendar;
    ssat_date date = in->date;
    const char *actor = in->actor, *role = in->role;
    const char *parent_id = or_empty(in->parent_id);
    const char *detail = or_empty(in->detail);
    const char *note = or_empty(in->note);
    ssat_status st = check_args(c, ev, date, actor, role, parent_id, detail, note, true, fn);
    if (st != SSAT_OK)
        return st;
    evaluation *e = ssat__malloc(&c->alloc, sizeof *e);
    if (e == NULL)
        return ssat__nomem(fn);
    e->labels = NULL;
    ssat_decision *d = NULL;
    if (refusal_out != NULL)
        st = ssat__decision_new("case", &c->alloc, &d, fn);
    gctx x = make_gctx(c, reg, calendar, ev, date, parent_id, detail, fn);
    x.siblings = in->history;
    if (st == SSAT_OK)
        st = evaluate(&x, false, d, e);
    if (st == SSAT_OK && e->failed != NULL) {
        if (d != NULL) {
            ssat__decision_set_outcome(d, SSAT_OUTCOME_NOT_MET);
            *refusal_out = d;
            d = NULL;
        }
        st = ssat__error(SSAT_ERR_STATE, "%s: %s refused on %s: %s: %s", fn, ev->id, ssat__text_date(date).s,
                         e->failed->id, e->failed_en);
    } else if (st == SSAT_OK) {
        ssat_trail_entry entry = {.event = ev->id, .date = date, .actor = actor, .role = role,
                                  .parent_id = parent_id, .detail = detail, .note = note,
                                  .state_before = c->state.main, .guard_values = e->values};
        st = commit(c, ev, &entry, false, fn);
    }
    ssat_decision_free(d);
    ssat__free(&c->alloc, e, sizeof *e);
    return st;
}

/* ---- what next -------------------------------------------------------------------------------------- */

/* Whether `ev` could be applied on the date, and if not the first reason; events whose guards depend on
 * the detail (the plans) are possible when any choice is. */
static ssat_status judge(const ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                         const event_def *ev, ssat_date date, const char *parent_id, evaluation *e, const char *fn)
{
    if (ev->parent && parent_id[0] == '\0') {
        gres r = {.outcome = SSAT_OUTCOME_NOT_MET};
        e->failed = &guard_parent;
        render_guard(&guard_parent, &r, SSAT_LANG_EN, NULL, e->failed_en, sizeof e->failed_en);
        render_guard(&guard_parent, &r, SSAT_LANG_CY, NULL, e->failed_cy, sizeof e->failed_cy);
        return SSAT_OK;
    }
    if (!ev->per_choice) {
        gctx x = make_gctx(c, reg, calendar, ev, date, parent_id, "", fn);
        return evaluate(&x, false, NULL, e);
    }
    ssat_status st = SSAT_OK;
    char en[REASON_MAX] = "", cy[REASON_MAX] = "";
    const guard_def *first = NULL;
    for (const char *const *ch = ev->choices; st == SSAT_OK && *ch != NULL; ch++) {
        gctx x = make_gctx(c, reg, calendar, ev, date, parent_id, *ch, fn);
        st = evaluate(&x, false, NULL, e);
        if (st != SSAT_OK || e->failed == NULL)
            return st;
        if (first == NULL) {
            first = e->failed;
            memcpy(en, e->failed_en, sizeof en);
            memcpy(cy, e->failed_cy, sizeof cy);
        }
    }
    e->failed = first;
    memcpy(e->failed_en, en, sizeof en);
    memcpy(e->failed_cy, cy, sizeof cy);
    return st;
}

static ssat_status add_next(ssat_decision *d, const event_def *ev, ssat_date date, const evaluation *e, const char *fn)
{
    char en[160], cy[160];
    bool met = e->failed == NULL;
    ssat__crit k = {.id = ev->criterion, .outcome = met ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET,
                    .measure = SSAT_MEASURE_FACT, .value = met, .threshold = 1, .cmp = SSAT_CMP_GE,
                    .args = {{.text = label("case.event_name", ev->id, SSAT_LANG_EN, en, sizeof en),
                              .text_cy = label("case.event_name", ev->id, SSAT_LANG_CY, cy, sizeof cy)},
                             ssat__marg_date(date),
                             {.text = met ? "" : e->failed_en, .text_cy = met ? "" : e->failed_cy}},
                    .nargs = 3};
    return ssat__decision_add(d, &k, fn);
}

static ssat_status case_next(const ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                           ssat_date date, const char *parent_id, ssat_decision **out)
{
    static const char fn[] = "ssat_case_next";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (c == NULL)
        return ssat__null_arg(fn, "c");
    parent_id = or_empty(parent_id);
    ssat_status st = check_date(c, date, false, 0, true, fn);
    if (st == SSAT_OK && parent_id[0] != '\0')
        st = ssat__case_check_text(fn, "parent_id", parent_id, 1, SSAT__CASE_ID_MAX, false);
    if (st != SSAT_OK)
        return st;
    evaluation *e = ssat__malloc(&c->alloc, sizeof *e);
    if (e == NULL)
        return ssat__nomem(fn);
    state_labels labels;
    state_labels_init(&labels);
    e->labels = &labels;
    ssat_decision *d = NULL;
    st = ssat__decision_new("next", &c->alloc, &d, fn);
    bool any = false;
    for (size_t i = 0; st == SSAT_OK && i < EVENT_COUNT; i++) {
        st = judge(c, reg, calendar, &events[i], date, parent_id, e, fn);
        if (st == SSAT_OK)
            st = add_next(d, &events[i], date, e, fn);
        any = any || e->failed == NULL;
    }
    ssat__free(&c->alloc, e, sizeof *e);
    if (st != SSAT_OK) {
        ssat_decision_free(d);
        return st;
    }
    ssat__decision_set_outcome(d, any ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET);
    *out = d;
    return SSAT_OK;
}

/* ---- replay ----------------------------------------------------------------------------------------- */

ssat_status ssat__case_replay_entry(ssat_case *c, const ssat_trail_entry *e, const char *fn)
{
    size_t n = c->trail_count + 1;
    const event_def *ev = e->event != NULL ? find_event(e->event) : NULL;
    char repr[80];
    if (ev == NULL)
        return ssat__error(SSAT_ERR_STATE, "%s: trail does not replay: entry %zu: unknown event %s", fn, n,
                           ssat__text_repr(repr, sizeof repr, or_empty(e->event)));
    if (e->sequence != n)
        return ssat__error(SSAT_ERR_STATE, "%s: trail does not replay: entry %zu (%s) has sequence %lu", fn, n,
                           ev->id, (unsigned long)e->sequence);
    ssat_status st = check_args(c, ev, e->date, e->actor, e->role, or_empty(e->parent_id), or_empty(e->detail),
                                or_empty(e->note), false, fn);
    if (st == SSAT_OK)
        st = ssat__case_check_text(fn, "guard_values", or_empty(e->guard_values), 0, SSAT__CASE_GUARDS_MAX, false);
    if (st != SSAT_OK) {
        char why[512];
        (void)snprintf(why, sizeof why, "%s", ssat_error_message());
        return ssat__error(SSAT_ERR_STATE, "%s: trail does not replay: entry %zu (%s): %s", fn, n, ev->id, why);
    }
    if (e->state_before != c->state.main)
        return ssat__error(SSAT_ERR_STATE, "%s: trail does not replay: entry %zu (%s on %s) records the state %s "
                           "before it, but the case is %s", fn, n, ev->id, ssat__text_date(e->date).s,
                           ssat__case_state_id(e->state_before), ssat__case_state_id(c->state.main));
    evaluation *ev_out = ssat__malloc(&c->alloc, sizeof *ev_out);
    if (ev_out == NULL)
        return ssat__nomem(fn);
    ev_out->labels = NULL;
    gctx x = make_gctx(c, NULL, NULL, ev, e->date, or_empty(e->parent_id), or_empty(e->detail), fn);
    st = evaluate(&x, true, NULL, ev_out);
    if (st == SSAT_OK && ev_out->failed != NULL)
        st = ssat__error(SSAT_ERR_STATE, "%s: trail does not replay: entry %zu (%s on %s): %s: %s", fn, n, ev->id,
                         ssat__text_date(e->date).s, ev_out->failed->id, ev_out->failed_en);
    ssat__free(&c->alloc, ev_out, sizeof *ev_out);
    if (st != SSAT_OK)
        return st;
    ssat_trail_entry entry = *e;
    entry.parent_id = or_empty(e->parent_id);
    entry.detail = or_empty(e->detail);
    entry.note = or_empty(e->note);
    entry.guard_values = or_empty(e->guard_values);
    return commit(c, ev, &entry, true, fn);
}

ssat_status ssat_case_apply_event(ssat_case *c, const ssat_case_event *event, ssat_decision **refusal_out)
{
    static const char fn[] = "ssat_case_apply_event";
    if (refusal_out != NULL)
        *refusal_out = NULL;
    if (event == NULL)
        return ssat__null_arg(fn, "event");
    if (event->version == 0 || event->version > SSAT_CASE_EVENT_VERSION)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'event': version %lu is not one this library "
                           "reads (1..%d): declare the event with SSAT_CASE_EVENT_INIT", fn,
                           (unsigned long)event->version, SSAT_CASE_EVENT_VERSION);
    SSAT__KEEP_ERROR_ON_SUCCESS(case_apply(c, event, refusal_out, fn));
}

/* The whole trail again, on a new case (ssat_case_replay), each entry as above. */
static ssat_status case_replay(const ssat_case *c, ssat_case **out)
{
    static const char fn[] = "ssat_case_replay";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (c == NULL)
        return ssat__null_arg(fn, "c");
    ssat_case *r = NULL;
    ssat_status st = ssat__case_create(c->pupil_id, c->policy, &r, fn);
    if (st == SSAT_OK && c->key != NULL)
        st = ssat__case_set_key(r, (const char *)c->key, c->key_len, fn);
    if (st == SSAT_OK) {
        r->chain_migrated = c->chain_migrated;
        st = ssat__case_copy_records(r, c->pupil, c->pack, fn);
    }
    for (size_t i = 0; st == SSAT_OK && i < c->trail_count; i++)
        st = ssat__case_replay_entry(r, &c->trail[i]->pub, fn);
    if (st != SSAT_OK) {
        ssat_case_free(r);
        return st;
    }
    *out = r;
    return SSAT_OK;
}

ssat_status ssat_case_replay(const ssat_case *c, ssat_case **out)
{
    SSAT__KEEP_ERROR_ON_SUCCESS(case_replay(c, out));
}

/* The deprecated calls (the event member by member) name ssat_case_apply in their messages, as before. */
static ssat_status apply_members(ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                                 const ssat_parent *history, const char *event, ssat_date date, const char *actor,
                                 const char *role, const char *parent_id, const char *detail, const char *note,
                                 ssat_decision **refusal_out)
{
    const ssat_case_event e = {.version = SSAT_CASE_EVENT_VERSION, .event = event, .date = date, .actor = actor,
                               .role = role, .parent_id = parent_id, .detail = detail, .note = note, .reg = reg,
                               .calendar = calendar, .history = history};
    SSAT__KEEP_ERROR_ON_SUCCESS(case_apply(c, &e, refusal_out, "ssat_case_apply"));
}

ssat_status ssat_case_apply(ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar, const char *event,
                            ssat_date date, const char *actor, const char *role, const char *parent_id,
                            const char *detail, const char *note, ssat_decision **refusal_out)
{
    return apply_members(c, reg, calendar, NULL, event, date, actor, role, parent_id, detail, note, refusal_out);
}

ssat_status ssat_case_apply_with_history(ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                                         const ssat_parent *history, const char *event, ssat_date date,
                                         const char *actor, const char *role, const char *parent_id,
                                         const char *detail, const char *note, ssat_decision **refusal_out)
{
    return apply_members(c, reg, calendar, history, event, date, actor, role, parent_id, detail, note,
                         refusal_out);
}

ssat_status ssat_case_next(const ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                           ssat_date date, const char *parent_id, ssat_decision **out)
{
    SSAT__KEEP_ERROR_ON_SUCCESS(case_next(c, reg, calendar, date, parent_id, out));
}
