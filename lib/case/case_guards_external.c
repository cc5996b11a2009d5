/* The case's external guards: they read the pupil record, the register and the calendar (through the
 * rules), which change outside the trail; replay trusts the values they recorded. */
#include "case_events.h"

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

/* A rule ran: its outcome is the guard's; {2} lists the criteria that keep it from being met. */
static void rule_result(gres *r, const char *name, const ssat_decision *d)
{
    char failed[GUARD_ARG_MAX];
    ssat_outcome o = ssat_decision_outcome(d);
    value(r, "%s=%s", name, outcome_id(o));
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
 * proceedings or duplicate, the per-parent limit, age), over the register and, when the caller gives
 * them, the previous school year's register and calendar (a window of the last school weeks that reaches
 * back before 1 August is then counted across both years, by the rule itself). The limb window it
 * counted is recorded as "notice.absence": it is the absence the notice covers. */
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
        st = ssat__penalty_evaluate_years(x->c->policy, x->reg, x->calendar, x->c->pupil, parent, x->date,
                                          x->previous_reg, x->previous_calendar, x->fn, &w, &d);
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
GUARD(referral, true);
GUARD(penalty, true);
GUARD(compulsory_age, true);
GUARD(on_roll, true);
GUARD(not_on_roll, true);
GUARD(left_compulsory_age, true);
#undef GUARD
