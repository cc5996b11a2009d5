/* Explained decisions: the ssat_decision object, its builder for the rules and the list of criterion
 * ids. The checks and criteria every rule shares are in criteria.c.
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

/* Append text to buf (holding n bytes, cap > 0), cut at cap - 1 bytes like snprintf; the new length. */
static size_t append_text(char *buf, size_t cap, size_t n, const char *text)
{
    size_t k = strlen(text);
    if (n + k >= cap)
        k = n < cap - 1 ? cap - 1 - n : 0;
    memcpy(buf + n, text, k);
    buf[n + k] = '\0';
    return n + k;
}

/* The label "<prefix>.<id>" of the tables in one language (the id itself when absent). Labels are
 * rendered many times (ssat_case_next lists every event's refusal), so no snprintf here. */
static const char *label_text(const char *prefix, const char *id, ssat_lang lang)
{
    char key[96];
    size_t np = strlen(prefix), ni = strlen(id);
    if (np + 1 + ni >= sizeof key)
        return id;
    memcpy(key, prefix, np + 1);
    key[np] = '.';
    memcpy(key + np + 1, id, ni + 1);
    const char *t = ssat__message_template(key, lang);
    return t != NULL ? t : id;
}

const char *ssat__marg_render(const ssat__marg *m, ssat_lang lang, char *buf, size_t cap)
{
    if (m->is_date) {
        (void)snprintf(buf, cap, "%s", ssat__text_date_long(m->date, lang).s);
        return buf;
    }
    if (m->prefix != NULL) {
        size_t n = 0;
        buf[0] = '\0';
        if (m->list_id == NULL)
            (void)append_text(buf, cap, 0, label_text(m->prefix, m->tmpl, lang));
        for (unsigned i = 0; m->list_id != NULL && i < 32; i++) {
            if ((m->list & (1u << i)) == 0)
                continue;
            if (n > 0)
                n = append_text(buf, cap, n, ", ");
            n = append_text(buf, cap, n, label_text(m->prefix, m->list_id(i), lang));
        }
        return buf;
    }
    if (m->tmpl == NULL) {
        const char *text = lang == SSAT_LANG_CY && m->text_cy != NULL ? m->text_cy : m->text;
        return text != NULL ? text : "";
    }
    const char *t = ssat__message_template(m->tmpl, lang);
    ssat__message_render(buf, cap, t != NULL ? t : "", m->sub, 4);
    return buf;
}

/* Resolve the arguments of a criterion for one language: sub-messages are rendered into `store`. */
static void resolve_args(const ssat__crit *c, ssat_lang lang, char store[][SUB_MESSAGE_MAX],
                         const char **args)
{
    for (size_t i = 0; i < c->nargs; i++)
        args[i] = ssat__marg_render(&c->args[i], lang, store[i], SUB_MESSAGE_MAX);
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
 * buffer on the stack, and again into the block only when it did not fit (rendering looks up every
 * template and sub-message again). */
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
