/* Explained decisions: the ssat_decision object, its builder for the rules, the list of criterion ids,
 * and the helpers every rule shares (argument checks, window resolution, message arguments, percentage,
 * fact and compulsory-school-age criteria).
 *
 * A criterion's English and Welsh messages are rendered when it is added, from the tables of
 * message tables (generated from po/), into one block owned by the decision: the decision is immutable
 * afterwards, so reading it from many threads is safe and needs no allocation. */
#include "rules_layer.h"

#include <stdio.h>

/* Longest rendered message of a short argument template (comparator phrase, fact word). */
#define SUB_MESSAGE_MAX 160

typedef struct crit_slot {
    ssat_criterion pub;
    char *block; /* message_cy \n message_en \0 message_cy \0 missing \0: the first line pair is the
                  * bilingual message (SSAT_LANG_CY_EN), ending where message_en ends */
    size_t block_len;
} crit_slot;

struct ssat_decision {
    ssat__alloc alloc;
    const char *kind;
    ssat_outcome outcome;
    crit_slot *items;
    size_t count, cap;
    bool has_earliest;
    ssat_date earliest;
    bool skip_en, skip_cy; /* a language whose messages are left "" (ssat_evaluation_set_languages) */
};

/* ---- criterion ids ------------------------------------------------------------------------------- */

/* Every id a decision can hold, in the order decisions list them. Append only: ids are stable. */
static const char *const criterion_ids[] = {
    "referral.r1.attendance",
    "referral.r2.unauthorised",
    "referral.r3.engagement",
    "referral.r4.evidence",
    "referral.r5.register_complete",
    "referral.r5.provisional",
    "referral.r5.procedures",
    "referral.r6.compulsory_age",
    "referral.r6.on_roll",
    "absence.persistent",
    "absence.severe",
    "penalty.limb.unauthorised",
    "penalty.limb.holiday",
    "penalty.limb.late",
    "penalty.limb.combination",
    "penalty.year_to_date",
    "penalty.guard.warning",
    "penalty.guard.improvement_period",
    "penalty.guard.proceedings",
    "penalty.guard.duplicate",
    "penalty.guard.parent_limit",
    "penalty.guard.compulsory_age",
    "case.guard.state",
    "case.guard.parent",
    "case.guard.contract_not_live",
    "case.guard.contract_offered",
    "case.guard.contract_agreed",
    "case.guard.plan_inactive",
    "case.guard.plan_active",
    "case.guard.no_prosecution",
    "case.guard.eso_first",
    "case.guard.prosecution_considered",
    "case.guard.prosecution_open",
    "case.guard.notice_open",
    "case.guard.no_notice_open",
    "case.guard.payment_period",
    "case.guard.payment_period_over",
    "case.guard.improved",
    "case.guard.proceedings_concluded",
    "case.guard.referral",
    "case.guard.penalty",
    "case.guard.compulsory_age",
    "case.guard.on_roll",
    "case.guard.not_on_roll",
    "case.guard.left_compulsory_age",
    "case.event.concern_raised",
    "case.event.letter_sent",
    "case.event.meeting_held",
    "case.event.support_offered",
    "case.event.contract_offered",
    "case.event.contract_signed",
    "case.event.contract_refused",
    "case.event.contract_breached",
    "case.event.contract_completed",
    "case.event.plan_started",
    "case.event.plan_reviewed",
    "case.event.plan_ended",
    "case.event.referral_submitted",
    "case.event.referral_accepted",
    "case.event.referral_returned",
    "case.event.few_contact",
    "case.event.penalty_warning",
    "case.event.notice_issued",
    "case.event.notice_paid",
    "case.event.notice_unpaid",
    "case.event.notice_withdrawn",
    "case.event.eso_considered",
    "case.event.prosecution_considered",
    "case.event.prosecution_started",
    "case.event.prosecution_concluded",
    "case.event.sao_issued",
    "case.event.attendance_improved",
    "case.event.pupil_left",
    "case.event.closed",
    "case.guard.voidable",
    "case.event.entry_voided",
};

#define CRITERION_ID_COUNT (sizeof criterion_ids / sizeof criterion_ids[0])

size_t ssat_criterion_id_count(void)
{
    return CRITERION_ID_COUNT;
}

const char *ssat_criterion_id_at(size_t index)
{
    return index < CRITERION_ID_COUNT ? criterion_ids[index] : NULL;
}

/* ---- outcomes ------------------------------------------------------------------------------------ */

static const char *outcome_suffix(ssat_outcome o)
{
    switch (o) {
    case SSAT_OUTCOME_MET: return "met";
    case SSAT_OUTCOME_NOT_MET: return "not_met";
    case SSAT_OUTCOME_UNKNOWN: return "unknown";
    }
    return NULL;
}

const char *ssat_outcome_name(ssat_outcome outcome, ssat_lang lang)
{
    const char *suffix = outcome_suffix(outcome);
    char id[40];
    if (suffix == NULL)
        return "";
    (void)snprintf(id, sizeof id, "decision.outcome.%s", suffix);
    const char *text = ssat__message_template(id, lang);
    return text != NULL ? text : "";
}

ssat_outcome ssat__outcome_and(ssat_outcome a, ssat_outcome b)
{
    if (a == SSAT_OUTCOME_NOT_MET || b == SSAT_OUTCOME_NOT_MET)
        return SSAT_OUTCOME_NOT_MET;
    if (a == SSAT_OUTCOME_UNKNOWN || b == SSAT_OUTCOME_UNKNOWN)
        return SSAT_OUTCOME_UNKNOWN;
    return SSAT_OUTCOME_MET;
}

ssat_outcome ssat__outcome_or(ssat_outcome a, ssat_outcome b)
{
    if (a == SSAT_OUTCOME_MET || b == SSAT_OUTCOME_MET)
        return SSAT_OUTCOME_MET;
    if (a == SSAT_OUTCOME_UNKNOWN || b == SSAT_OUTCOME_UNKNOWN)
        return SSAT_OUTCOME_UNKNOWN;
    return SSAT_OUTCOME_NOT_MET;
}

/* ---- the object ---------------------------------------------------------------------------------- */

void ssat_decision_free(ssat_decision *decision)
{
    if (decision == NULL)
        return;
    ssat__alloc a = decision->alloc;
    for (size_t i = 0; i < decision->count; i++)
        ssat__free(&a, decision->items[i].block, decision->items[i].block_len);
    ssat__free(&a, decision->items, decision->cap * sizeof *decision->items);
    ssat__free(&a, decision, sizeof *decision);
}

const char *ssat_decision_kind(const ssat_decision *decision)
{
    return decision != NULL ? decision->kind : "";
}

ssat_outcome ssat_decision_outcome(const ssat_decision *decision)
{
    return decision != NULL ? decision->outcome : SSAT_OUTCOME_UNKNOWN;
}

size_t ssat_decision_count(const ssat_decision *decision)
{
    return decision != NULL ? decision->count : 0;
}

const ssat_criterion *ssat_decision_at(const ssat_decision *decision, size_t index)
{
    if (decision == NULL || index >= decision->count)
        return NULL;
    return &decision->items[index].pub;
}

static const ssat_criterion *find(const ssat_decision *d, const char *id)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->items[i].pub.id, id) == 0)
            return &d->items[i].pub;
    return NULL;
}

ssat_status ssat_decision_find(const ssat_decision *decision, const char *id, const ssat_criterion **out)
{
    static const char fn[] = "ssat_decision_find";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (decision == NULL)
        return ssat__null_arg(fn, "decision");
    if (id == NULL)
        return ssat__null_arg(fn, "id");
    const ssat_criterion *c = find(decision, id);
    if (c == NULL)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: the %s decision has no criterion \"%.64s\"", fn, decision->kind,
                           id);
    *out = c;
    return SSAT_OK;
}

ssat_status ssat_decision_earliest_date(const ssat_decision *decision, ssat_date *out)
{
    static const char fn[] = "ssat_decision_earliest_date";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (decision == NULL)
        return ssat__null_arg(fn, "decision");
    if (!decision->has_earliest)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: no earliest date: the %s decision is already met, or cannot "
                           "become met this school year at the current rate", fn, decision->kind);
    *out = decision->earliest;
    return SSAT_OK;
}

const char *ssat_criterion_message(const ssat_criterion *criterion, ssat_lang lang)
{
    if (criterion == NULL)
        return "";
    switch (lang) {
    case SSAT_LANG_EN: return criterion->message_en;
    case SSAT_LANG_CY: return criterion->message_cy;
    case SSAT_LANG_CY_EN:
        /* one language left unrendered (ssat_evaluation_set_languages): the other alone */
        if (criterion->message_cy[0] == '\0' || criterion->message_en[0] == '\0')
            return criterion->message_cy[0] == '\0' ? criterion->message_en : criterion->message_cy;
        /* The block of a decision's criterion starts with "cy\nen": step back over the Welsh line. */
        return criterion->message_en - strlen(criterion->message_cy) - 1;
    }
    return "";
}

/* ---- the builder --------------------------------------------------------------------------------- */

ssat_status ssat__decision_new(const char *kind, const ssat__alloc *a, ssat_decision **out, const char *fn)
{
    *out = NULL;
    ssat_decision *d = ssat__calloc(a, 1, sizeof *d);
    if (d == NULL)
        return ssat__nomem(fn);
    d->alloc = *a;
    d->kind = kind;
    d->outcome = SSAT_OUTCOME_UNKNOWN;
    *out = d;
    return SSAT_OK;
}

void ssat__decision_set_languages(ssat_decision *d, bool en, bool cy)
{
    d->skip_en = !en;
    d->skip_cy = !cy;
}

void ssat__decision_set_outcome(ssat_decision *d, ssat_outcome outcome)
{
    d->outcome = outcome;
}

void ssat__decision_set_earliest(ssat_decision *d, ssat_date date)
{
    d->has_earliest = true;
    d->earliest = date;
}

ssat_outcome ssat__decision_outcome_of(const ssat_decision *d, const char *id)
{
    const ssat_criterion *c = find(d, id);
    return c != NULL ? c->outcome : SSAT_OUTCOME_UNKNOWN;
}

/* Resolve the arguments of a criterion for one language: sub-messages are rendered into `store`. */
static void resolve_args(const ssat__crit *c, ssat_lang lang, char store[][SUB_MESSAGE_MAX],
                         const char **args)
{
    for (size_t i = 0; i < c->nargs; i++) {
        const ssat__marg *m = &c->args[i];
        if (m->is_date) {
            ssat__text t = ssat__text_date_long(m->date, lang);
            memcpy(store[i], t.s, strlen(t.s) + 1); /* sizeof t.s < SUB_MESSAGE_MAX */
            args[i] = store[i];
            continue;
        }
        if (m->tmpl == NULL) {
            const char *text = lang == SSAT_LANG_CY && m->text_cy != NULL ? m->text_cy : m->text;
            args[i] = text != NULL ? text : "";
            continue;
        }
        const char *t = ssat__message_template(m->tmpl, lang);
        ssat__message_render(store[i], SUB_MESSAGE_MAX, t != NULL ? t : "", m->sub, 4);
        args[i] = store[i];
    }
}

/* Render the criterion's message in one language; returns the length needed (without NUL). */
static size_t render(const ssat__crit *c, const char *tmpl_id, ssat_lang lang, char *buf, size_t cap)
{
    char store[SSAT__MARGS_MAX][SUB_MESSAGE_MAX];
    const char *args[SSAT__MARGS_MAX];
    resolve_args(c, lang, store, args);
    const char *t = ssat__message_template(tmpl_id, lang);
    return ssat__message_render(buf, cap, t != NULL ? t : tmpl_id, args, c->nargs);
}

/* Lay out the block "cy\nen\0cy\0missing\0" of a criterion. Each message is rendered once into a
 * buffer on the stack, and again into the block only when it did not fit (template lookups are linear). */
static char *make_block(const ssat_decision *d, const ssat__crit *c, size_t *len_out, size_t *en_out, size_t *cy_out)
{
    char tmpl_id[96], en_buf[1024], cy_buf[1024];
    const char *variant = c->variant != NULL ? c->variant : outcome_suffix(c->outcome);
    (void)snprintf(tmpl_id, sizeof tmpl_id, "%s.%s", c->id, variant != NULL ? variant : "unknown");
    const char *missing = c->missing != NULL ? c->missing : "";
    en_buf[0] = cy_buf[0] = '\0';
    size_t en = d->skip_en ? 0 : render(c, tmpl_id, SSAT_LANG_EN, en_buf, sizeof en_buf);
    size_t cy = d->skip_cy ? 0 : render(c, tmpl_id, SSAT_LANG_CY, cy_buf, sizeof cy_buf);
    size_t mi = strlen(missing);
    size_t len = cy + 1 + en + 1 + cy + 1 + mi + 1;
    char *block = ssat__malloc(&d->alloc, len);
    if (block == NULL)
        return NULL;
    char *p_en = block + cy + 1, *p_cy = p_en + en + 1;
    if (cy < sizeof cy_buf)
        memcpy(p_cy, cy_buf, cy + 1);
    else
        render(c, tmpl_id, SSAT_LANG_CY, p_cy, cy + 1);
    if (en < sizeof en_buf)
        memcpy(p_en, en_buf, en + 1);
    else
        render(c, tmpl_id, SSAT_LANG_EN, p_en, en + 1);
    memcpy(block, p_cy, cy);
    block[cy] = '\n';
    memcpy(p_cy + cy + 1, missing, mi + 1);
    *len_out = len;
    *en_out = en;
    *cy_out = cy;
    return block;
}

ssat_status ssat__decision_add(ssat_decision *d, const ssat__crit *c, const char *fn)
{
    size_t len = 0;
    size_t en = 0, cy = 0;
    char *block = make_block(d, c, &len, &en, &cy);
    if (block == NULL)
        return ssat__nomem(fn);
    void *items = d->items;
    if (!ssat__grow(&d->alloc, &items, &d->cap, d->count + 1, sizeof *d->items)) {
        ssat__free(&d->alloc, block, len);
        return ssat__nomem(fn);
    }
    d->items = items;
    crit_slot *slot = &d->items[d->count++];
    slot->block = block;
    slot->block_len = len;
    slot->pub = (ssat_criterion){
        .id = c->id,
        .outcome = c->outcome,
        .measure = c->measure,
        .value = c->value,
        .whole = c->whole,
        .threshold = c->threshold,
        .threshold_den = c->threshold_den != 0 ? c->threshold_den : 1,
        .comparator = c->cmp,
        .missing = block + cy + 1 + en + 1 + cy + 1,
        .message_en = block + cy + 1,
        .message_cy = block + cy + 1 + en + 1,
        .provisional = c->provisional,
        .missing_marks = c->missing_marks,
    };
    return SSAT_OK;
}

/* ---- message arguments --------------------------------------------------------------------------- */

ssat__text ssat__text_int(int64_t v)
{
    ssat__text t;
    (void)snprintf(t.s, sizeof t.s, "%lld", (long long)v);
    return t;
}

ssat__text ssat__text_date(ssat_date d)
{
    ssat__text t;
    if (ssat_date_format(d, t.s, sizeof t.s) != SSAT_OK)
        (void)snprintf(t.s, sizeof t.s, "day %ld", (long)d);
    return t;
}

ssat__text ssat__text_tenths(uint64_t part, uint64_t whole)
{
    ssat__text t;
    int32_t tenths = 0;
    if (ssat_percent_tenths(part, whole, &tenths) != SSAT_OK)
        (void)snprintf(t.s, sizeof t.s, "-");
    else
        (void)snprintf(t.s, sizeof t.s, "%ld.%ld", (long)(tenths / 10), (long)(tenths % 10));
    return t;
}

ssat__text ssat__text_percent_vs(uint64_t part, uint64_t whole, uint32_t num, uint32_t den)
{
    ssat__text t;
    ssat__error_state saved;
    ssat__error_save(&saved);
    if (ssat_percent_format(part, whole, ssat_percent_decimals(part, whole, num, den), t.s, sizeof t.s) != SSAT_OK)
        (void)snprintf(t.s, sizeof t.s, "-");
    ssat__error_restore(&saved);
    return t;
}

/* A policy percentage is num/den with den a power of ten: print it as an exact decimal without
 * trailing zeros ("85", "87.5", "33.333"). */
ssat__text ssat__text_percent(uint32_t num, uint32_t den)
{
    ssat__text t;
    if (den == 0)
        den = 1;
    int digits = 0;
    for (uint32_t d = den; d > 1; d /= 10)
        digits++;
    uint32_t frac = num % den;
    int n = snprintf(t.s, sizeof t.s, "%lu", (unsigned long)(num / den));
    if (frac != 0 && n > 0) {
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        (void)snprintf(t.s + n, sizeof t.s - (size_t)n, ".%0*lu", digits, (unsigned long)frac);
    }
    return t;
}

ssat__marg ssat__marg_text(const char *text)
{
    return (ssat__marg){.text = text};
}

ssat__marg ssat__marg_date(ssat_date date)
{
    return (ssat__marg){.is_date = true, .date = date};
}

ssat__marg ssat__marg_cmp(ssat_comparator cmp, const char *pct)
{
    static const char *const ids[] = {"decision.cmp.lt", "decision.cmp.le", "decision.cmp.ge", "decision.cmp.gt"};
    const char *id = (int)cmp >= 0 && (int)cmp <= 3 ? ids[cmp] : ids[0];
    return (ssat__marg){.tmpl = id, .sub = {pct, NULL}};
}

ssat__marg ssat__marg_fact(ssat_fact fact)
{
    switch (fact) {
    case SSAT_FACT_YES: return (ssat__marg){.tmpl = "decision.fact.yes"};
    case SSAT_FACT_NO: return (ssat__marg){.tmpl = "decision.fact.no"};
    case SSAT_FACT_UNKNOWN: break;
    }
    return (ssat__marg){.tmpl = "decision.fact.unknown"};
}

/* ---- checks and windows shared by the rules ------------------------------------------------------ */

void ssat__calendar_bounds(const ssat_calendar *calendar, ssat_date *first, ssat_date *last)
{
    int32_t y = ssat_calendar_school_year(calendar);
    *first = ssat__days_from_civil(y, 8, 1);
    *last = ssat__days_from_civil(y + 1, 7, 31);
}

ssat_status ssat__calendar_check_as_of(const ssat_calendar *calendar, ssat_date as_of, const char *fn)
{
    ssat_date first, last;
    ssat__calendar_bounds(calendar, &first, &last);
    if (as_of < first || as_of > last)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'as_of' (%s) is outside the calendar's school year "
                           "(%s..%s)", fn, ssat__text_date(as_of).s, ssat__text_date(first).s,
                           ssat__text_date(last).s);
    return SSAT_OK;
}

static ssat_status check_code_set(const char *fn, const ssat_policy *policy, const ssat_register *reg)
{
    const char *want = ssat__policy_value(policy, SSAT__P_CODE_SET)->text;
    const char *have = ssat_codeset_name(ssat_register_codeset(reg));
    if (strcmp(want, have) != 0)
        return ssat__error(SSAT_ERR_STATE, "%s: the register's code set \"%.64s\" is not the policy's code_set "
                           "\"%.64s\"", fn, have, want);
    return SSAT_OK;
}

ssat_status ssat__rules_check(const char *fn, const ssat_policy *policy, const ssat_register *reg,
                              const ssat_calendar *calendar, ssat_date as_of, const void *out)
{
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    ssat_status st = check_code_set(fn, policy, reg);
    if (st != SSAT_OK)
        return st;
    return ssat__calendar_check_as_of(calendar, as_of, fn);
}

ssat_status ssat__rules_window(const char *fn, const ssat_policy *policy, ssat__pkey key,
                               const ssat_calendar *calendar, const ssat_register *reg, ssat_date as_of,
                               ssat_window *out)
{
    const ssat__pvalue *v = ssat__policy_value(policy, key);
    ssat_window_kind kind = (ssat_window_kind)v->i;
    ssat__error_state saved;
    ssat__error_save(&saved);
    ssat_status st = ssat_window_resolve(kind, v->n, calendar, reg, as_of, out);
    if (st == SSAT_ERR_NOT_FOUND && kind == SSAT_WINDOW_LAST_SESSIONS) {
        /* No entry up to as_of: any window ending at as_of holds nothing, so nothing is possible. */
        ssat__error_restore(&saved);
        return ssat_window_range(as_of, as_of, out);
    }
    if (st != SSAT_OK) {
        char why[256];
        (void)snprintf(why, sizeof why, "%s", ssat_error_message()); /* copied: the error buffer is rewritten */
        return ssat__error(st, "%s: cannot resolve the policy's window for as_of %s: %s", fn,
                           ssat__text_date(as_of).s, why);
    }
    return SSAT_OK;
}

int64_t ssat__school_days_since(const ssat_calendar *calendar, ssat_date from, ssat_date as_of)
{
    if (from >= as_of)
        return 0;
    ssat_date first, last;
    ssat__calendar_bounds(calendar, &first, &last);
    ssat_date lo = from + 1;
    int64_t before = 0;
    if (lo < first) {
        before = (int64_t)first - lo;
        lo = first;
    }
    int32_t n = 0;
    if (lo <= as_of && ssat_calendar_count_school_days(calendar, lo, as_of, &n) != SSAT_OK)
        n = 0; /* as_of is inside the year (checked), so this cannot fail */
    return before + n;
}

/* ---- criteria shared by the rules ---------------------------------------------------------------- */

ssat_status ssat__rules_percent(ssat_decision *d, const char *fn, const char *id, uint64_t part, uint64_t whole,
                                const ssat__pvalue *threshold, const ssat__pvalue *comparator,
                                const ssat_window *w, const ssat_totals *t)
{
    ssat_comparator cmp = (ssat_comparator)comparator->i;
    int32_t holds = 0;
    ssat__error_state saved;
    ssat__error_save(&saved); /* not evaluable is an outcome here, not a failure */
    bool evaluable = ssat_percent_compare(part, whole, cmp, threshold->num, threshold->den, &holds) == SSAT_OK;
    ssat__error_restore(&saved);
    ssat__text tp = ssat__text_int((int64_t)part), tw = ssat__text_int((int64_t)whole);
    /* The figure never contradicts the decision: as many decimals as the threshold needs (item i). */
    ssat__text tpct = ssat__text_percent_vs(part, whole, threshold->num, threshold->den);
    ssat__text tthr = ssat__text_percent(threshold->num, threshold->den);
    ssat__crit c = {
        .id = id,
        .variant = evaluable ? NULL : "not_evaluable",
        .outcome = holds ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET,
        .measure = SSAT_MEASURE_PERCENT,
        .value = (int64_t)part,
        .whole = (int64_t)whole,
        .threshold = threshold->num,
        .threshold_den = threshold->den,
        .cmp = cmp,
        .provisional = t != NULL ? t->provisional : 0,
        .missing_marks = t != NULL ? t->missing : 0,
        .args = {ssat__marg_text(tp.s), ssat__marg_text(tw.s), ssat__marg_text(tpct.s),
                 ssat__marg_cmp(cmp, tthr.s), ssat__marg_date(w->first_date), ssat__marg_date(w->last_date)},
        .nargs = 6,
    };
    return ssat__decision_add(d, &c, fn);
}

ssat_outcome ssat__fact_outcome(ssat_fact f)
{
    switch (f) {
    case SSAT_FACT_YES: return SSAT_OUTCOME_MET;
    case SSAT_FACT_NO: return SSAT_OUTCOME_NOT_MET;
    case SSAT_FACT_UNKNOWN: break;
    }
    return SSAT_OUTCOME_UNKNOWN;
}

ssat_status ssat__rules_fact(ssat_decision *d, const char *fn, const char *id, const ssat_pupil *pupil,
                             ssat_pupil_fact fact, const char *missing)
{
    ssat_fact f = pupil != NULL ? ssat_pupil_get_fact(pupil, fact) : SSAT_FACT_UNKNOWN;
    ssat__crit c = {
        .id = id,
        .outcome = ssat__fact_outcome(f),
        .measure = SSAT_MEASURE_FACT,
        .value = f == SSAT_FACT_YES,
        .threshold = 1,
        .cmp = SSAT_CMP_GE,
        .missing = f == SSAT_FACT_UNKNOWN ? missing : NULL,
        .args = {ssat__marg_fact(f)},
        .nargs = 1,
    };
    return ssat__decision_add(d, &c, fn);
}

/* The age facts for a known date of birth; false (unknown) when the computation is out of range. */
static bool age_facts(ssat_date dob, ssat_date as_of, int32_t *is_age, ssat_date *first, ssat_date *last)
{
    ssat__error_state saved;
    ssat__error_save(&saved);
    bool ok = ssat_is_compulsory_school_age(dob, as_of, is_age) == SSAT_OK &&
              ssat_compulsory_school_age(dob, first, last) == SSAT_OK;
    ssat__error_restore(&saved);
    return ok;
}

ssat_status ssat__rules_age(ssat_decision *d, const char *fn, const char *id, bool required,
                            const ssat_pupil *pupil, ssat_date as_of)
{
    ssat__crit c = {.id = id, .measure = SSAT_MEASURE_FACT, .threshold = 1, .cmp = SSAT_CMP_GE};
    if (!required) {
        c.variant = "not_required";
        c.outcome = SSAT_OUTCOME_MET;
        c.value = 1;
        return ssat__decision_add(d, &c, fn);
    }
    ssat_date dob = 0, first = 0, last = 0;
    int32_t is_age = 0;
    ssat__error_state saved;
    ssat__error_save(&saved); /* an unknown date of birth is an answer ("unknown"), not a failure */
    bool known = pupil != NULL && ssat_pupil_date_of_birth(pupil, &dob) == SSAT_OK &&
                 age_facts(dob, as_of, &is_age, &first, &last);
    ssat__error_restore(&saved);
    if (!known) {
        c.outcome = SSAT_OUTCOME_UNKNOWN;
        c.missing = "date of birth";
        return ssat__decision_add(d, &c, fn);
    }
    c.outcome = is_age ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET;
    c.value = is_age;
    c.args[0] = ssat__marg_date(as_of);
    c.args[1] = ssat__marg_date(dob);
    c.args[2] = ssat__marg_date(first);
    c.args[3] = ssat__marg_date(last);
    c.nargs = 4;
    return ssat__decision_add(d, &c, fn);
}
