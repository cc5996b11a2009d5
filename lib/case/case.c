/* A pupil's case: the object, its derived state (main state, parenting contract, plans, per-parent
 * statutory record), the append-only trail, replay and equality. The names of states and records are in
 * case_names.c. The event table and transitions are
 * in case_events.c, the guards in case_guards.c and case_guards_external.c, applying and replaying in
 * case_apply.c; persistence in case_json.c; due work in case_overdue.c.
 *
 * The state is a pure function of the trail: every change goes through a trail entry, so replaying the
 * trail from an empty case rebuilds the same state (case_apply.c). A trail entry is one allocation
 * whose public struct never moves, so pointers handed out by ssat_case_trail_at() stay valid while the
 * trail grows. */
#include "case_internal.h"

#include <stdio.h>

/* ---- the derived state ----------------------------------------------------------------------------- */

void ssat__case_state_init(ssat__case_state *s)
{
    memset(s, 0, sizeof *s);
    s->main = SSAT_CASE_MONITORING;
    s->contract = SSAT_CONTRACT_NONE;
    for (size_t i = 0; i < SSAT__PLAN_COUNT; i++)
        s->plans[i] = (ssat__plan_state){false, SSAT__NO_DATE, SSAT__NO_DATE};
    s->referred = SSAT__NO_DATE;
    s->improved = SSAT__NO_DATE;
}

static void parent_free(const ssat__alloc *a, ssat__case_parent *p)
{
    ssat__free(a, p->warnings, p->warning_cap * sizeof *p->warnings);
    ssat__free(a, p->notices, p->notice_cap * sizeof *p->notices);
}

void ssat__case_state_free(const ssat__alloc *a, ssat__case_state *s)
{
    for (size_t i = 0; i < s->parent_count; i++)
        parent_free(a, &s->parents[i]);
    ssat__free(a, s->parents, s->parent_cap * sizeof *s->parents);
    ssat__case_state_init(s);
}

static void parent_init(ssat__case_parent *p, const char *id)
{
    memset(p, 0, sizeof *p);
    (void)snprintf(p->id, sizeof p->id, "%s", id);
    p->eso_considered = SSAT__NO_DATE;
    p->prosecution = SSAT__PROSECUTION_NONE;
    p->prosecution_date = SSAT__NO_DATE;
    p->prosecution_considered = SSAT__NO_DATE;
    p->sao_issued = SSAT__NO_DATE;
}

/* Copy an array of n items into a new block of exactly n (NULL for n == 0). */
static bool dup_array(const ssat__alloc *a, void **dst, size_t *cap, const void *src, size_t n, size_t elem)
{
    *dst = NULL;
    *cap = 0;
    if (n == 0)
        return true;
    *dst = ssat__calloc(a, n, elem);
    if (*dst == NULL)
        return false;
    memcpy(*dst, src, n * elem);
    *cap = n;
    return true;
}

bool ssat__case_state_copy(const ssat__alloc *a, ssat__case_state *dst, const ssat__case_state *src)
{
    *dst = *src;
    dst->parents = NULL;
    dst->parent_count = dst->parent_cap = 0;
    if (src->parent_count == 0)
        return true;
    dst->parents = ssat__calloc(a, src->parent_count, sizeof *dst->parents);
    if (dst->parents == NULL) {
        ssat__case_state_init(dst);
        return false;
    }
    dst->parent_cap = src->parent_count;
    for (size_t i = 0; i < src->parent_count; i++) {
        const ssat__case_parent *sp = &src->parents[i];
        ssat__case_parent *dp = &dst->parents[i];
        *dp = *sp;
        void *w = NULL, *n = NULL;
        bool ok = dup_array(a, &w, &dp->warning_cap, sp->warnings, sp->warning_count, sizeof *sp->warnings);
        dp->warnings = w;
        ok = ok && dup_array(a, &n, &dp->notice_cap, sp->notices, sp->notice_count, sizeof *sp->notices);
        dp->notices = n;
        dst->parent_count = i + 1;
        if (!ok) {
            if (w == NULL)
                dp->warning_cap = 0;
            if (n == NULL)
                dp->notice_cap = 0;
            ssat__case_state_free(a, dst);
            return false;
        }
    }
    return true;
}

static bool window_equal(const ssat_window *a, const ssat_window *b)
{
    return a->first_date == b->first_date && a->first_half == b->first_half && a->last_date == b->last_date &&
           a->last_half == b->last_half;
}

static bool parent_equal(const ssat__case_parent *a, const ssat__case_parent *b)
{
    if (strcmp(a->id, b->id) != 0 || a->warning_count != b->warning_count || a->notice_count != b->notice_count ||
        a->eso_considered != b->eso_considered || a->prosecution != b->prosecution ||
        a->prosecution_date != b->prosecution_date || a->prosecution_considered != b->prosecution_considered ||
        strcmp(a->section, b->section) != 0 || a->prosecutions_concluded != b->prosecutions_concluded ||
        a->sao_issued != b->sao_issued)
        return false;
    for (size_t i = 0; i < a->warning_count; i++)
        if (a->warnings[i] != b->warnings[i])
            return false;
    for (size_t i = 0; i < a->notice_count; i++) {
        const ssat__notice *x = &a->notices[i], *y = &b->notices[i];
        if (x->issued != y->issued || x->status != y->status || x->status_date != y->status_date ||
            !window_equal(&x->absence, &y->absence) || x->service != y->service || x->received != y->received)
            return false;
    }
    return true;
}

bool ssat__case_state_equal(const ssat__case_state *a, const ssat__case_state *b)
{
    if (a->main != b->main || a->contract != b->contract || a->referred != b->referred ||
        a->improved != b->improved || strcmp(a->closed_reason, b->closed_reason) != 0 ||
        a->parent_count != b->parent_count)
        return false;
    for (size_t i = 0; i < SSAT__PLAN_COUNT; i++)
        if (a->plans[i].active != b->plans[i].active || a->plans[i].started != b->plans[i].started ||
            a->plans[i].last_review != b->plans[i].last_review)
            return false;
    for (size_t i = 0; i < a->parent_count; i++)
        if (!parent_equal(&a->parents[i], &b->parents[i]))
            return false;
    return true;
}

ssat__case_parent *ssat__case_parent_find(const ssat__case_state *s, const char *id)
{
    for (size_t i = 0; id != NULL && i < s->parent_count; i++)
        if (strcmp(s->parents[i].id, id) == 0)
            return &s->parents[i];
    return NULL;
}

ssat__case_parent *ssat__case_parent_get(const ssat__alloc *a, ssat__case_state *s, const char *id)
{
    ssat__case_parent *p = ssat__case_parent_find(s, id);
    if (p != NULL)
        return p;
    void *items = s->parents;
    if (!ssat__grow(a, &items, &s->parent_cap, s->parent_count + 1, sizeof *s->parents))
        return NULL;
    s->parents = items;
    p = &s->parents[s->parent_count++];
    parent_init(p, id);
    return p;
}

const ssat__notice *ssat__case_open_notice(const ssat__case_parent *p)
{
    for (size_t i = p != NULL ? p->notice_count : 0; i > 0; i--)
        if (p->notices[i - 1].status == SSAT__NOTICE_ISSUED)
            return &p->notices[i - 1];
    return NULL;
}

/* ---- the object ------------------------------------------------------------------------------------ */

ssat_allocator ssat__case_allocator(const ssat_case *c)
{
    ssat_allocator a = {sizeof(ssat_allocator), c->alloc.alloc, c->alloc.realloc, c->alloc.free, c->alloc.ctx};
    return a;
}

static void entry_free(const ssat__alloc *a, ssat__case_entry *e)
{
    if (e != NULL)
        ssat__free(a, e, e->size);
}

void ssat_case_free(ssat_case *c)
{
    if (c == NULL)
        return;
    ssat__alloc a = c->alloc;
    for (size_t i = 0; i < c->trail_count; i++)
        entry_free(&a, c->trail[i]);
    ssat__free(&a, c->trail, c->trail_cap * sizeof *c->trail);
    ssat__case_state_free(&a, &c->state);
    if (c->key != NULL) {
        ssat__wipe(c->key, c->key_len);
        ssat__free(&a, c->key, c->key_len);
    }
    ssat_pack_free(c->pack);
    ssat_pupil_free(c->pupil);
    ssat_policy_free(c->policy);
    ssat__free_str(&a, c->pupil_id);
    ssat__free(&a, c, sizeof *c);
}

ssat_status ssat__case_create(const char *pupil_id, const ssat_policy *policy, ssat_case **out, const char *fn)
{
    *out = NULL;
    const ssat__alloc *a = ssat__policy_alloc(policy);
    ssat_case *c = ssat__calloc(a, 1, sizeof *c);
    if (c == NULL)
        return ssat__nomem(fn);
    c->alloc = *a;
    ssat__case_state_init(&c->state);
    ssat_allocator user = ssat__case_allocator(c);
    ssat_status st = SSAT_OK;
    c->pupil_id = ssat__strdup(a, pupil_id);
    if (c->pupil_id == NULL)
        st = ssat__nomem(fn);
    if (st == SSAT_OK && ssat_policy_copy(policy, &c->policy) != SSAT_OK)
        st = ssat__nomem(fn);
    if (st == SSAT_OK && ssat_pupil_new(pupil_id, &user, &c->pupil) != SSAT_OK)
        st = ssat__nomem(fn);
    if (st == SSAT_OK && ssat_pack_new(&user, &c->pack) != SSAT_OK)
        st = ssat__nomem(fn);
    if (st == SSAT_OK)
        st = ssat__case_set_key(c, NULL, 0, fn); /* unkeyed until told otherwise: the genesis hash */
    if (st != SSAT_OK) {
        ssat_case_free(c);
        return st;
    }
    *out = c;
    return SSAT_OK;
}

ssat_status ssat__case_copy_records(ssat_case *dst, const ssat_pupil *pupil, const ssat_pack *pack, const char *fn)
{
    ssat_date dob = 0;
    if (ssat_pupil_date_of_birth(pupil, &dob) == SSAT_OK)
        (void)ssat_pupil_set_date_of_birth(dst->pupil, dob); /* in range: it was set on a pupil */
    for (int k = 0; k < SSAT_PUPIL_FACT_COUNT; k++)
        (void)ssat_pupil_set_fact(dst->pupil, (ssat_pupil_fact)k, ssat_pupil_get_fact(pupil, (ssat_pupil_fact)k));
    ssat_pack *copy = NULL;
    if (ssat_pack_copy(pack, &copy) != SSAT_OK)
        return ssat__nomem(fn);
    ssat_pack_free(dst->pack);
    dst->pack = copy;
    return SSAT_OK;
}

ssat_status ssat__case_check_text(const char *fn, const char *arg, const char *s, size_t min, size_t max,
                                  bool line_breaks)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s' must be %zu to %zu bytes long (it is %zu)", fn,
                           arg, min, max, n);
    if (!ssat__utf8_valid(s, n))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s' is not valid UTF-8", fn, arg);
    if (ssat__text_has_controls(s, line_breaks))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s' holds a control character%s", fn, arg,
                           line_breaks ? " (only tab, CR and LF are allowed)" : "");
    return SSAT_OK;
}

/* A key for the chain: NULL (unkeyed) or SSAT__CASE_KEY_MIN..MAX bytes. */
ssat_status ssat__case_check_key(const char *fn, const char *key, size_t key_len)
{
    if (key != NULL && (key_len < SSAT__CASE_KEY_MIN || key_len > SSAT__CASE_KEY_MAX))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'key' must be %d to %d bytes long (it is %zu): "
                           "use a random key of 32 bytes", fn, SSAT__CASE_KEY_MIN, SSAT__CASE_KEY_MAX, key_len);
    return SSAT_OK;
}

static ssat_status case_new(const char *pupil_id, const ssat_policy *policy, const char *key, size_t key_len,
                            bool keyed, ssat_case **out)
{
    const char *fn = keyed ? "ssat_case_new_keyed" : "ssat_case_new";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (pupil_id == NULL)
        return ssat__null_arg(fn, "pupil_id");
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (keyed && key == NULL)
        return ssat__null_arg(fn, "key");
    ssat_status st = ssat__case_check_text(fn, "pupil_id", pupil_id, 1, SSAT__CASE_ID_MAX, false);
    if (st == SSAT_OK)
        st = ssat__case_check_key(fn, key, key_len);
    if (st == SSAT_OK)
        st = ssat__case_create(pupil_id, policy, out, fn);
    if (st == SSAT_OK && keyed && (st = ssat__case_set_key(*out, key, key_len, fn)) != SSAT_OK) {
        ssat_case_free(*out);
        *out = NULL;
    }
    return st;
}

const char *ssat_case_pupil_id(const ssat_case *c)
{
    return c != NULL ? c->pupil_id : "";
}

ssat_case_state ssat_case_main_state(const ssat_case *c)
{
    return c != NULL ? c->state.main : SSAT_CASE_MONITORING;
}

ssat_case_state ssat_case_get_state(const ssat_case *c)
{
    return c != NULL ? c->state.main : SSAT_CASE_MONITORING;
}

ssat_contract_state ssat_case_contract(const ssat_case *c)
{
    return c != NULL ? c->state.contract : SSAT_CONTRACT_NONE;
}

int32_t ssat_case_plan_is_active(const ssat_case *c, ssat_case_plan plan)
{
    _Static_assert((int)SSAT_CASE_PLAN_PSP == (int)SSAT__PLAN_PSP && (int)SSAT_CASE_PLAN_IDP == (int)SSAT__PLAN_IDP,
                   "the public plans are the internal ones");
    if (c == NULL || (int)plan < 0 || (int)plan >= SSAT__PLAN_COUNT)
        return 0;
    return c->state.plans[plan].active ? 1 : 0;
}

int32_t ssat_case_plan_active(const ssat_case *c, const char *plan)
{
    if (c == NULL || plan == NULL)
        return 0;
    for (size_t i = 0; i < SSAT__PLAN_COUNT; i++)
        if (strcmp(plan, ssat__plan_id((ssat__plan)i)) == 0)
            return c->state.plans[i].active ? 1 : 0;
    return 0;
}

ssat_pupil *ssat_case_pupil(ssat_case *c)
{
    return c != NULL ? c->pupil : NULL;
}

ssat_pack *ssat_case_pack(ssat_case *c)
{
    return c != NULL ? c->pack : NULL;
}

ssat_status ssat_case_set_pack(ssat_case *c, const ssat_pack *pack)
{
    static const char fn[] = "ssat_case_set_pack";
    if (c == NULL)
        return ssat__null_arg(fn, "c");
    if (pack == NULL)
        return ssat__null_arg(fn, "pack");
    return ssat__pack_assign(c->pack, pack, fn);
}

const ssat_policy *ssat_case_policy(const ssat_case *c)
{
    return c != NULL ? c->policy : NULL;
}

/* ---- the trail ------------------------------------------------------------------------------------- */

size_t ssat_case_trail_count(const ssat_case *c)
{
    return c != NULL ? c->trail_count : 0;
}

const ssat_trail_entry *ssat_case_trail_at(const ssat_case *c, size_t index)
{
    if (c == NULL || index >= c->trail_count)
        return NULL;
    return &c->trail[index]->pub;
}

static const char *or_empty(const char *s)
{
    return s != NULL ? s : "";
}

ssat_status ssat__case_append(ssat_case *c, const ssat_trail_entry *e, const char *fn)
{
    const char *texts[7] = {e->event, e->actor, e->role, or_empty(e->parent_id), or_empty(e->detail),
                            or_empty(e->note), or_empty(e->guard_values)};
    size_t lens[7], total = sizeof(ssat__case_entry);
    for (size_t i = 0; i < 7; i++) {
        lens[i] = strlen(texts[i]);
        total += lens[i] + 1;
    }
    ssat__case_entry *entry = ssat__malloc(&c->alloc, total);
    if (entry == NULL)
        return ssat__nomem(fn);
    void *items = c->trail;
    if (!ssat__grow(&c->alloc, &items, &c->trail_cap, c->trail_count + 1, sizeof *c->trail)) {
        ssat__free(&c->alloc, entry, total);
        return ssat__nomem(fn);
    }
    c->trail = items;
    entry->size = total;
    entry->pub = *e;
    const char **slots[7] = {&entry->pub.event, &entry->pub.actor, &entry->pub.role, &entry->pub.parent_id,
                             &entry->pub.detail, &entry->pub.note, &entry->pub.guard_values};
    char *p = entry->text;
    for (size_t i = 0; i < 7; i++) {
        memcpy(p, texts[i], lens[i] + 1);
        *slots[i] = p;
        p += lens[i] + 1;
    }
    entry->pub.sequence = (uint32_t)(c->trail_count + 1);
    entry->pub.voided_by = 0;
    ssat__chain_entry(c, ssat__chain_head(c), &entry->pub, entry->hash);
    entry->pub.hash = entry->hash;
    c->trail[c->trail_count++] = entry;
    return SSAT_OK;
}

/* ---- equality --------------------------------------------------------------------------- */

static bool pupil_equal(const ssat_pupil *a, const ssat_pupil *b)
{
    ssat_date da = 0, db = 0;
    bool ha = ssat_pupil_date_of_birth(a, &da) == SSAT_OK, hb = ssat_pupil_date_of_birth(b, &db) == SSAT_OK;
    if (strcmp(ssat_pupil_id(a), ssat_pupil_id(b)) != 0 || ha != hb || (ha && da != db))
        return false;
    for (int k = 0; k < SSAT_PUPIL_FACT_COUNT; k++)
        if (ssat_pupil_get_fact(a, (ssat_pupil_fact)k) != ssat_pupil_get_fact(b, (ssat_pupil_fact)k))
            return false;
    return true;
}

static bool entry_equal(const ssat_trail_entry *a, const ssat_trail_entry *b)
{
    return a->sequence == b->sequence && a->date == b->date && a->state_before == b->state_before &&
           a->state_after == b->state_after && strcmp(a->event, b->event) == 0 &&
           strcmp(a->actor, b->actor) == 0 && strcmp(a->role, b->role) == 0 &&
           strcmp(a->parent_id, b->parent_id) == 0 && strcmp(a->detail, b->detail) == 0 &&
           strcmp(a->note, b->note) == 0 && strcmp(a->guard_values, b->guard_values) == 0 &&
           strcmp(a->hash, b->hash) == 0 && a->voided_by == b->voided_by;
}

static int32_t case_equal(const ssat_case *a, const ssat_case *b)
{
    if (a == NULL || b == NULL)
        return 0;
    if (strcmp(a->pupil_id, b->pupil_id) != 0 || !ssat_policy_equal(a->policy, b->policy) ||
        !ssat__case_state_equal(&a->state, &b->state) || !pupil_equal(a->pupil, b->pupil) ||
        !ssat_pack_equal(a->pack, b->pack) || a->trail_count != b->trail_count ||
        a->chain_migrated != b->chain_migrated || strcmp(a->genesis, b->genesis) != 0)
        return 0;
    for (size_t i = 0; i < a->trail_count; i++)
        if (!entry_equal(&a->trail[i]->pub, &b->trail[i]->pub))
            return 0;
    return 1;
}

ssat_status ssat_case_new(const char *pupil_id, const ssat_policy *policy, ssat_case **out)
{
    SSAT__KEEP_ERROR_ON_SUCCESS(case_new(pupil_id, policy, NULL, 0, false, out));
}

ssat_status ssat_case_new_keyed(const char *pupil_id, const ssat_policy *policy, const char *key, size_t key_len,
                                ssat_case **out)
{
    SSAT__KEEP_ERROR_ON_SUCCESS(case_new(pupil_id, policy, key, key_len, true, out));
}

int32_t ssat_case_equal(const ssat_case *a, const ssat_case *b)
{
    ssat__error_state saved;
    ssat__error_save(&saved); /* comparing is not failing: lookups that find nothing leave no message */
    int32_t eq = case_equal(a, b);
    ssat__error_restore(&saved);
    return eq;
}
