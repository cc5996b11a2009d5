/* Internal: what the files of a case's events share (case_guards.c, case_guards_external.c,
 * case_events.c, case_apply.c; not installed). Calls point one way: case_apply.c (apply, what next,
 * replay) uses case_events.c (the event table, the transitions, voiding an entry), which uses the
 * guards (case_guards.c, case_guards_external.c); no guard calls back up.
 *
 * Guards are internal (they read only the case's own state, the policy and the event's arguments) or
 * external (they read the register, the calendar, the pupil record or the pack, which change outside
 * the trail). Replay re-checks every internal guard and trusts the values the external guards recorded
 * in the trail entry when it was applied: they held then.
 *
 * A guard reports met, not met or unknown; an event is applied only when every guard is met. Each guard
 * writes what it saw as "key=value" pairs into the entry's guard values, and explains itself with the
 * messages "<guard id>.<met|not_met|unknown|variant>" of the bilingual tables. */
#ifndef SSAT_CASE_EVENTS_H
#define SSAT_CASE_EVENTS_H

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
    const ssat_register *previous_reg;       /* the previous school year's register and calendar: both or */
    const ssat_calendar *previous_calendar;  /* neither (ssat_case_event version 2) */
} gctx;

/* What a guard found: its outcome, the arguments of its message, and its values. The arguments are the
 * rules' message arguments (ssat__marg): labels are rendered only when a message is needed (a refusal,
 * a decision), not each time a guard runs, since most runs only need the outcome and the values. */
typedef struct gres {
    bool skip; /* the guard does not apply to this detail */
    ssat_outcome outcome;
    const char *variant; /* NULL: the outcome's template */
    const char *missing; /* static English, for unknown */
    size_t nargs;
    char values[GUARD_VALUES_MAX];
    size_t values_len;
    ssat__marg args[GUARD_ARGS];
    char text[GUARD_ARGS][GUARD_ARG_MAX]; /* the text of the arguments made by arg_text */
} gres;

typedef struct guard_def {
    const char *id;
    bool external;
    ssat_status (*check)(const gctx *x, gres *r);
} guard_def;

static inline void arg_add(gres *r, ssat__marg m)
{
    if (r->nargs < GUARD_ARGS)
        r->args[r->nargs++] = m;
}

/* Text, the same in both languages (copied). */
static inline void arg_text(gres *r, const char *text)
{
    if (r->nargs < GUARD_ARGS) {
        (void)snprintf(r->text[r->nargs], sizeof r->text[r->nargs], "%s", text);
        arg_add(r, ssat__marg_text(r->text[r->nargs]));
    }
}

/* A date in words in each language; "-" when not set. */
static inline void arg_date(gres *r, ssat_date d)
{
    if (d == SSAT__NO_DATE)
        arg_text(r, "-");
    else
        arg_add(r, ssat__marg_date(d));
}

static inline void arg_int(gres *r, int64_t v)
{
    arg_text(r, ssat__text_int(v).s);
}

/* The label "<prefix>.<id>" (prefix and id static). */
static inline void arg_label(gres *r, const char *prefix, const char *id)
{
    arg_add(r, ssat__marg_label(prefix, id));
}

static inline const char *state_id_at(unsigned i)
{
    return ssat__case_state_id((ssat_case_state)i);
}

/* The names of the states with these bits (1 << state), in the order of the states. */
static inline void arg_states(gres *r, uint32_t states)
{
    arg_add(r, ssat__marg_labels("case.state", states, state_id_at));
}

static inline void arg_fact(gres *r, ssat_fact f)
{
    arg_label(r, "decision.fact", f == SSAT_FACT_YES ? "yes" : f == SSAT_FACT_NO ? "no" : "unknown");
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static inline void value(gres *r, const char *fmt, ...)
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

static inline void met_if(gres *r, bool met)
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

/* A prosecution considered or started (not concluded). */
static inline bool prosecution_open(ssat__prosecution p)
{
    return p == SSAT__PROSECUTION_CONSIDERED || p == SSAT__PROSECUTION_STARTED;
}

static inline const char *outcome_id(ssat_outcome o)
{
    static const char *const ids[] = {"not_met", "met", "unknown"};
    return (unsigned)o < 3 ? ids[o] : "unknown";
}

/* What the guards of one event found (ssat__case_guards_evaluate). */
typedef struct evaluation {
    char values[SSAT__CASE_GUARDS_MAX + 1];
    size_t len;
    const guard_def *failed; /* the first guard not met, or NULL */
    char failed_en[REASON_MAX], failed_cy[REASON_MAX];
} evaluation;

/* ---- the guards (case_guards.c, case_guards_external.c) ------------------------------------------ */

#define GUARD_DECL(name) extern const guard_def ssat__guard_##name
GUARD_DECL(state);
GUARD_DECL(contract_not_live);
GUARD_DECL(contract_offered);
GUARD_DECL(contract_agreed);
GUARD_DECL(plan_inactive);
GUARD_DECL(plan_active);
GUARD_DECL(no_prosecution);
GUARD_DECL(eso_first);
GUARD_DECL(prosecution_considered);
GUARD_DECL(prosecution_open);
GUARD_DECL(notice_open);
GUARD_DECL(no_notice_open);
GUARD_DECL(payment_period);
GUARD_DECL(payment_period_over);
GUARD_DECL(improved);
GUARD_DECL(proceedings_concluded);
GUARD_DECL(referral);
GUARD_DECL(penalty);
GUARD_DECL(compulsory_age);
GUARD_DECL(on_roll);
GUARD_DECL(not_on_roll);
GUARD_DECL(left_compulsory_age);
#undef GUARD_DECL
/* The definition of guard `name`, whose check is g_<name>, in the file of that check. */
#define GUARD(name, ext) const guard_def ssat__guard_##name = {"case.guard." #name, ext, g_##name}

/* Run the guards of x->ev (the internal ones only when `internal_only`), in order. With a refusal
 * decision `d` every guard runs, so that the decision lists each; without one, the first guard not met
 * ends the evaluation (the later ones may be costly: the rules read the register). */
ssat_status ssat__case_guards_evaluate(const gctx *x, bool internal_only, ssat_decision *d, evaluation *e);
/* ssat_case_next() without a parent: the statutory events cannot be judged (e->failed and its reasons). */
void ssat__case_guards_no_parent(evaluation *e);

/* ---- the table and voiding an entry (case_events.c) ---------------------------------------------- */

const event_def *ssat__case_event_find(const char *id);
/* The event at `index` of the table (ssat_case_event_at), or NULL. */
const event_def *ssat__case_event_def(size_t index);
/* The entries that give the state: neither voided nor an entry_voided. */
bool ssat__case_entry_counts(const ssat_trail_entry *e);
/* The sequence an entry_voided's detail names ("1".."999999999"), or 0. */
size_t ssat__case_voided_sequence(const char *detail);

#endif
