/* The case's events: the table (id, states it may happen in, its detail and parent, its guards, its
 * transition), one short function per transition, and voiding an entry (entry_voided, its guard and the
 * state derived again without the entry). The guards are in case_guards.c and case_guards_external.c;
 * applying, listing what is possible and replaying are in case_apply.c. */
#include "case_events.h"

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
bool ssat__case_entry_counts(const ssat_trail_entry *e)
{
    return e->voided_by == 0 && !is_void_entry(e);
}

/* The sequence an entry_voided's detail names ("1".."999999999"), or 0. */
size_t ssat__case_voided_sequence(const char *detail)
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
    size_t n = ssat__case_voided_sequence(x->detail);
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
static const guard_def *const gl_state[] = {&ssat__guard_state, NULL};
static const guard_def *const gl_contract_offered[] = {&ssat__guard_state, &ssat__guard_contract_not_live, NULL};
static const guard_def *const gl_contract_answer[] = {&ssat__guard_state, &ssat__guard_contract_offered, NULL};
static const guard_def *const gl_contract_end[] = {&ssat__guard_state, &ssat__guard_contract_agreed, NULL};
static const guard_def *const gl_plan_start[] = {&ssat__guard_state, &ssat__guard_plan_inactive, NULL};
static const guard_def *const gl_plan_active[] = {&ssat__guard_state, &ssat__guard_plan_active, NULL};
static const guard_def *const gl_referral[] = {&ssat__guard_state, &ssat__guard_contract_not_live, &ssat__guard_referral, NULL};
static const guard_def *const gl_warning[] = {&ssat__guard_state, &ssat__guard_no_prosecution, &ssat__guard_compulsory_age,
                                              &ssat__guard_on_roll, NULL};
static const guard_def *const gl_notice[] = {&ssat__guard_state, &ssat__guard_no_prosecution, &ssat__guard_contract_not_live,
                                             &ssat__guard_compulsory_age, &ssat__guard_on_roll, &ssat__guard_penalty, NULL};
static const guard_def *const gl_paid[] = {&ssat__guard_state, &ssat__guard_notice_open, &ssat__guard_payment_period, NULL};
static const guard_def *const gl_unpaid[] = {&ssat__guard_state, &ssat__guard_notice_open, &ssat__guard_payment_period_over, NULL};
static const guard_def *const gl_withdrawn[] = {&ssat__guard_state, &ssat__guard_notice_open, NULL};
static const guard_def *const gl_eso[] = {&ssat__guard_state, &ssat__guard_compulsory_age, &ssat__guard_on_roll, NULL};
static const guard_def *const gl_prosecution_considered[] = {
    &ssat__guard_state, &ssat__guard_eso_first, &ssat__guard_no_prosecution, &ssat__guard_no_notice_open, &ssat__guard_compulsory_age,
    &ssat__guard_on_roll, NULL};
static const guard_def *const gl_prosecution_started[] = {&ssat__guard_state, &ssat__guard_prosecution_considered, NULL};
static const guard_def *const gl_prosecution_concluded[] = {&ssat__guard_state, &ssat__guard_prosecution_open, NULL};
static const guard_def *const gl_sao[] = {&ssat__guard_state, &ssat__guard_compulsory_age, &ssat__guard_not_on_roll, NULL};
static const guard_def *const gl_left[] = {&ssat__guard_state, &ssat__guard_left_compulsory_age, NULL};
static const guard_def *const gl_closed[] = {&ssat__guard_state, &ssat__guard_improved, &ssat__guard_proceedings_concluded, NULL};
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

const event_def *ssat__case_event_def(size_t index)
{
    return index < EVENT_COUNT ? &events[index] : NULL;
}

size_t ssat_case_event_count(void)
{
    return EVENT_COUNT;
}

const char *ssat_case_event_at(size_t index)
{
    return index < EVENT_COUNT ? events[index].id : NULL;
}

const event_def *ssat__case_event_find(const char *id)
{
    for (size_t i = 0; i < EVENT_COUNT; i++)
        if (strcmp(events[i].id, id) == 0)
            return &events[i];
    return NULL;
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
    ssat_status st = SSAT_OK;
    for (size_t i = 0; st == SSAT_OK && *failed == 0 && i < c->trail_count; i++) {
        const ssat_trail_entry *en = &c->trail[i]->pub;
        const event_def *ev = ssat__case_event_find(en->event);
        if (i + 1 == skip || !ssat__case_entry_counts(en) || ev == NULL)
            continue;
        gctx x = {.c = c, .st = out, .ev = ev, .date = en->date, .parent_id = en->parent_id, .detail = en->detail,
                  .parent = ssat__case_parent_find(out, en->parent_id), .fn = fn};
        st = ssat__case_guards_evaluate(&x, true, NULL, e);
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
    size_t failed = 0, n = ssat__case_voided_sequence(t->detail);
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
