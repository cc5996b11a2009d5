/* Applying an event (ssat_case_apply_event and the older calls), listing what is possible
 * (ssat_case_next) and replaying a trail entry (ssat__case_replay_entry) or the whole trail
 * (ssat_case_replay). The dependency is one way: this file uses the event table (case_events.c) and the
 * case object of case.c, neither of which calls back into it. */
#include "case_events.h"

/* ---- arguments -------------------------------------------------------------------------------------- */

/* The last entry that counts (its index + 1), or 0. */
static size_t last_counting(const ssat_case *c)
{
    for (size_t i = c->trail_count; i > 0; i--)
        if (ssat__case_entry_counts(&c->trail[i - 1]->pub))
            return i;
    return 0;
}

/* The first entry that counts, but for `skip` (a sequence, or 0), or 0. */
static size_t first_counting(const ssat_case *c, size_t skip)
{
    for (size_t i = 0; i < c->trail_count; i++)
        if (i + 1 != skip && ssat__case_entry_counts(&c->trail[i]->pub))
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
    bool voiding = strcmp(ev->id, "entry_voided") == 0;
    if (actor == NULL)
        return ssat__null_arg(fn, "actor");
    if (role == NULL)
        return ssat__null_arg(fn, "role");
    ssat_status st = ssat__case_check_text(fn, "actor", actor, 1, SSAT__CASE_ACTOR_MAX, false);
    if (st == SSAT_OK)
        st = ssat__case_check_text(fn, "role", role, 1, SSAT__CASE_ACTOR_MAX, false);
    if (st == SSAT_OK)
        st = check_date(c, date, voiding, voiding ? ssat__case_voided_sequence(detail) : 0, applying, fn);
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
    if (st == SSAT_OK && voiding && ssat__case_voided_sequence(detail) == 0)
        st = ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'detail' must be the sequence number of the entry "
                         "to void (1, 2, ...)", fn);
    return st;
}

/* What the guards of `ev` read: the register, calendars and sibling history of `in` (NULL on replay,
 * which trusts the external guards). */
static gctx make_gctx(const ssat_case *c, const ssat_case_event *in, const event_def *ev, ssat_date date,
                      const char *parent_id, const char *detail, const char *fn)
{
    gctx x = {.c = c, .st = &c->state, .ev = ev, .date = date, .parent_id = parent_id, .detail = detail,
              .parent = ssat__case_parent_find(&c->state, parent_id), .fn = fn};
    if (in != NULL) {
        x.reg = in->reg;
        x.calendar = in->calendar;
        x.siblings = in->history;
        x.previous_reg = in->previous_reg;
        x.previous_calendar = in->previous_calendar;
    }
    return x;
}

/* The event (or ssat_case_next_event()'s context) read into `out` as the current version: a version 1
 * struct, from a program compiled against 0.3, is smaller and only its members are read; the members
 * appended since stay NULL. The previous school year's register and calendar come together. */
static ssat_status read_event(const ssat_case_event *in, ssat_case_event *out, const char *arg, const char *fn)
{
    static const ssat_case_event init = SSAT_CASE_EVENT_INIT;
    if (in == NULL)
        return ssat__null_arg(fn, arg);
    if (in->version == 0 || in->version > SSAT_CASE_EVENT_VERSION)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s': version %lu is not one this library "
                           "reads (1..%d): declare it with SSAT_CASE_EVENT_INIT", fn, arg,
                           (unsigned long)in->version, SSAT_CASE_EVENT_VERSION);
    *out = init;
    memcpy(out, in, in->version == 1 ? offsetof(ssat_case_event, previous_reg) : sizeof *out);
    if ((out->previous_reg == NULL) != (out->previous_calendar == NULL))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s.%s' is NULL while '%s' is given: the previous "
                           "school year needs both the pupil's register and the school calendar", fn, arg,
                           out->previous_reg == NULL ? "previous_reg" : "previous_calendar",
                           out->previous_reg == NULL ? "previous_calendar" : "previous_reg");
    return SSAT_OK;
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
    if (strcmp(ev->id, "entry_voided") == 0) /* the guard checked that it names an entry before this one */
        c->trail[ssat__case_voided_sequence(e->detail) - 1]->pub.voided_by = (uint32_t)c->trail_count;
    ssat__case_state_free(&c->alloc, &c->state);
    c->state = next;
    return SSAT_OK;
}

/* ---- applying an event ------------------------------------------------------------------------------ */

/* `in` is of the current version (read_event): its members are the event's, NULL for none. The public
 * entry points check the version and name themselves in `fn`. */
static ssat_status case_apply(ssat_case *c, const ssat_case_event *in, ssat_decision **refusal_out, const char *fn)
{
    if (refusal_out != NULL)
        *refusal_out = NULL;
    if (c == NULL)
        return ssat__null_arg(fn, "c");
    if (in->event == NULL)
        return ssat__null_arg(fn, "event");
    const event_def *ev = ssat__case_event_find(in->event);
    if (ev == NULL) {
        char repr[80];
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'event': no event %s (ssat_case_event_at() lists "
                           "them)", fn, ssat__text_repr(repr, sizeof repr, in->event));
    }
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
    ssat_decision *d = NULL;
    if (refusal_out != NULL)
        st = ssat__decision_new("case", &c->alloc, &d, fn);
    gctx x = make_gctx(c, in, ev, date, parent_id, detail, fn);
    if (st == SSAT_OK)
        st = ssat__case_guards_evaluate(&x, false, d, e);
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
static ssat_status judge(const ssat_case *c, const ssat_case_event *in, const event_def *ev, ssat_date date,
                         const char *parent_id, evaluation *e, const char *fn)
{
    if (ev->parent && parent_id[0] == '\0') {
        ssat__case_guards_no_parent(e);
        return SSAT_OK;
    }
    if (!ev->per_choice) {
        gctx x = make_gctx(c, in, ev, date, parent_id, "", fn);
        return ssat__case_guards_evaluate(&x, false, NULL, e);
    }
    ssat_status st = SSAT_OK;
    char en[REASON_MAX] = "", cy[REASON_MAX] = "";
    const guard_def *first = NULL;
    for (const char *const *ch = ev->choices; st == SSAT_OK && *ch != NULL; ch++) {
        gctx x = make_gctx(c, in, ev, date, parent_id, *ch, fn);
        st = ssat__case_guards_evaluate(&x, false, NULL, e);
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
    bool met = e->failed == NULL;
    ssat__crit k = {.id = ev->criterion, .outcome = met ? SSAT_OUTCOME_MET : SSAT_OUTCOME_NOT_MET,
                    .measure = SSAT_MEASURE_FACT, .value = met, .threshold = 1, .cmp = SSAT_CMP_GE,
                    .args = {ssat__marg_label("case.event_name", ev->id),
                             ssat__marg_date(date),
                             {.text = met ? "" : e->failed_en, .text_cy = met ? "" : e->failed_cy}},
                    .nargs = 3};
    return ssat__decision_add(d, &k, fn);
}

/* ssat_case_next_event() and ssat_case_next(), which name themselves in `fn`: `in` is of the current
 * version (read_event); its event, actor, role, detail and note are not read. */
static ssat_status case_next(const ssat_case *c, const ssat_case_event *in, ssat_decision **out, const char *fn)
{
    if (c == NULL)
        return ssat__null_arg(fn, "c");
    ssat_date date = in->date;
    const char *parent_id = or_empty(in->parent_id);
    ssat_status st = check_date(c, date, false, 0, true, fn);
    if (st == SSAT_OK && parent_id[0] != '\0')
        st = ssat__case_check_text(fn, "parent_id", parent_id, 1, SSAT__CASE_ID_MAX, false);
    if (st != SSAT_OK)
        return st;
    evaluation *e = ssat__malloc(&c->alloc, sizeof *e);
    if (e == NULL)
        return ssat__nomem(fn);
    ssat_decision *d = NULL;
    st = ssat__decision_new("next", &c->alloc, &d, fn);
    bool any = false;
    for (size_t i = 0; st == SSAT_OK && i < ssat_case_event_count(); i++) {
        const event_def *ev = ssat__case_event_def(i);
        st = judge(c, in, ev, date, parent_id, e, fn);
        if (st == SSAT_OK)
            st = add_next(d, ev, date, e, fn);
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
    const event_def *ev = e->event != NULL ? ssat__case_event_find(e->event) : NULL;
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
    gctx x = make_gctx(c, NULL, ev, e->date, or_empty(e->parent_id), or_empty(e->detail), fn);
    st = ssat__case_guards_evaluate(&x, true, NULL, ev_out);
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
    ssat_case_event in;
    ssat_status st = read_event(event, &in, "event", fn);
    if (st != SSAT_OK)
        return st;
    SSAT__KEEP_ERROR_ON_SUCCESS(case_apply(c, &in, refusal_out, fn));
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

/* Both name themselves; ssat_case_next() is ssat_case_next_event() with a context of its arguments. */
static ssat_status next_entry(const ssat_case *c, const ssat_case_event *context, ssat_decision **out, const char *fn)
{
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    ssat_case_event in;
    ssat_status st = read_event(context, &in, "context", fn);
    if (st != SSAT_OK)
        return st;
    SSAT__KEEP_ERROR_ON_SUCCESS(case_next(c, &in, out, fn));
}

ssat_status ssat_case_next_event(const ssat_case *c, const ssat_case_event *context, ssat_decision **out)
{
    return next_entry(c, context, out, "ssat_case_next_event");
}

ssat_status ssat_case_next(const ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                           ssat_date date, const char *parent_id, ssat_decision **out)
{
    const ssat_case_event context = {.version = SSAT_CASE_EVENT_VERSION, .date = date, .parent_id = parent_id,
                                     .reg = reg, .calendar = calendar};
    return next_entry(c, &context, out, "ssat_case_next");
}
