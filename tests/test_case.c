/* Tests of the case object (lib/case/case.c): creation and its argument checks, accessors, state names, the
 * event list, the trail and the stability of its entries, replay, equality, and allocation failure. */
/* These tests call ssat_case_apply() too, the deprecated wrapper kept until the SOVERSION changes. */
#define SSAT_DISABLE_DEPRECATION_WARNINGS
#include "support.h"

#include "case_fixture.h"
#include "heap.h"

static void new_checks_arguments(void **state)
{
    (void)state;
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_builtin("carmarthenshire", NULL, &p));
    ssat_case *c = (ssat_case *)p;
    assert_status_msg(ssat_case_new("P1", p, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_case_new(NULL, p, &c), SSAT_ERR_INVALID_ARG, "'pupil_id'");
    assert_null(c);
    assert_status_msg(ssat_case_new("P1", NULL, &c), SSAT_ERR_INVALID_ARG, "'policy'");
    assert_status_msg(ssat_case_new("", p, &c), SSAT_ERR_INVALID_ARG, "'pupil_id' must be 1 to 64 bytes");
    char long_id[66];
    memset(long_id, 'a', 65);
    long_id[65] = '\0';
    assert_status_msg(ssat_case_new(long_id, p, &c), SSAT_ERR_INVALID_ARG, "'pupil_id' must be 1 to 64 bytes");
    assert_status_msg(ssat_case_new("P\t1", p, &c), SSAT_ERR_INVALID_ARG, "control character");
    assert_status_msg(ssat_case_new("\xFF", p, &c), SSAT_ERR_INVALID_ARG, "UTF-8");
    assert_null(c);
    long_id[64] = '\0';
    assert_ok(ssat_case_new(long_id, p, &c));
    assert_string_equal(ssat_case_pupil_id(c), long_id);
    ssat_case_free(c);
    assert_ok(ssat_case_new("Dŵr-7", p, &c));
    assert_string_equal(ssat_case_pupil_id(c), "Dŵr-7");
    ssat_case_free(c);
    ssat_policy_free(p);
}

static void a_new_case(void **state)
{
    (void)state;
    ssat_policy *p = NULL;
    ssat_case *c = NULL;
    assert_ok(ssat_policy_builtin("wales", NULL, &p));
    assert_ok(ssat_case_new("P1", p, &c));
    assert_int_equal(ssat_case_get_state(c), SSAT_CASE_MONITORING);
    assert_int_equal(ssat_case_contract(c), SSAT_CONTRACT_NONE);
    assert_int_equal(ssat_case_plan_active(c, "psp"), 0);
    assert_int_equal(ssat_case_plan_active(c, "idp"), 0);
    assert_int_equal(ssat_case_plan_active(c, "ehcp"), 0);
    assert_int_equal(ssat_case_plan_active(c, NULL), 0);
    assert_non_null(ssat_case_pupil(c));
    assert_string_equal(ssat_pupil_id(ssat_case_pupil(c)), "P1");
    ssat_date dob = 0;
    assert_int_equal(ssat_pupil_date_of_birth(ssat_case_pupil(c), &dob), SSAT_ERR_NOT_FOUND);
    assert_non_null(ssat_case_pack(c));
    assert_int_equal(ssat_pack_count(ssat_case_pack(c)), 0);
    assert_int_equal(ssat_case_trail_count(c), 0);
    assert_null(ssat_case_trail_at(c, 0));
    /* The case holds its own copy of the policy. */
    const ssat_policy *own = ssat_case_policy(c);
    assert_ptr_not_equal(own, p);
    assert_true(ssat_policy_equal(own, p));
    assert_ok(ssat_policy_set_int(p, "case.due_soon_days", 1));
    assert_false(ssat_policy_equal(own, p));
    int64_t v = 0;
    assert_ok(ssat_policy_get_int(own, "case.due_soon_days", &v));
    assert_int_equal(v, 7);
    ssat_case_free(c);
    ssat_policy_free(p);
}

static void null_cases(void **state)
{
    (void)state;
    ssat_case_free(NULL);
    assert_string_equal(ssat_case_pupil_id(NULL), "");
    assert_int_equal(ssat_case_get_state(NULL), SSAT_CASE_MONITORING);
    assert_int_equal(ssat_case_contract(NULL), SSAT_CONTRACT_NONE);
    assert_int_equal(ssat_case_plan_active(NULL, "psp"), 0);
    assert_null(ssat_case_pupil(NULL));
    assert_null(ssat_case_pack(NULL));
    assert_null(ssat_case_policy(NULL));
    assert_int_equal(ssat_case_trail_count(NULL), 0);
    assert_null(ssat_case_trail_at(NULL, 0));
    assert_int_equal(ssat_case_equal(NULL, NULL), 0);
}

static void state_names(void **state)
{
    (void)state;
    static const char *const en[] = {"monitoring", "school_concern", "engagement", "referred", "returned",
                                     "accepted", "few_engaged", "statutory", "closed"};
    static const char *const cy[] = {"monitro", "pryder yr ysgol", "ymgysylltu â'r teulu",
                                     "wedi'i atgyfeirio i'r SSAT", "wedi'i ddychwelyd i'r ysgol",
                                     "wedi'i dderbyn gan yr SSAT",
                                     "gweithiwr ymgysylltu â theuluoedd yn gweithio gyda'r teulu", "camau statudol",
                                     "ar gau"};
    for (int s = 0; s <= SSAT_CASE_CLOSED; s++) {
        assert_string_equal(ssat_case_state_name((ssat_case_state)s, SSAT_LANG_EN), en[s]);
        assert_string_equal(ssat_case_state_name((ssat_case_state)s, SSAT_LANG_CY), cy[s]);
    }
    assert_string_equal(ssat_case_state_name((ssat_case_state)9, SSAT_LANG_EN), "");
    assert_string_equal(ssat_case_state_name((ssat_case_state)-1, SSAT_LANG_CY), "");
    assert_string_equal(ssat_case_state_name(SSAT_CASE_CLOSED, SSAT_LANG_CY_EN), "ar gau / closed");
    assert_string_equal(ssat_case_state_name(SSAT_CASE_CLOSED, (ssat_lang)3), "");
}

static void event_list(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "concern_raised", "letter_sent", "meeting_held", "support_offered", "contract_offered", "contract_signed",
        "contract_refused", "contract_breached", "contract_completed", "plan_started", "plan_reviewed",
        "plan_ended", "referral_submitted", "referral_accepted", "referral_returned", "few_contact",
        "penalty_warning", "notice_issued", "notice_paid", "notice_unpaid", "notice_withdrawn", "eso_considered",
        "prosecution_considered", "prosecution_started", "prosecution_concluded", "sao_issued",
        "attendance_improved", "pupil_left", "closed", "entry_voided"};
    assert_int_equal(ssat_case_event_count(), sizeof ids / sizeof ids[0]);
    for (size_t i = 0; i < ssat_case_event_count(); i++) {
        assert_string_equal(ssat_case_event_at(i), ids[i]);
        char key[64];
        snprintf(key, sizeof key, "case.event_name.%s", ids[i]);
        assert_non_null(ssat__message_template(key, SSAT_LANG_EN));
        assert_non_null(ssat__message_template(key, SSAT_LANG_CY));
        /* Its criterion in ssat_case_next() is a listed criterion id. */
        snprintf(key, sizeof key, "case.event.%s", ids[i]);
        bool listed = false;
        for (size_t k = 0; k < ssat_criterion_id_count() && !listed; k++)
            listed = strcmp(ssat_criterion_id_at(k), key) == 0;
        assert_true(listed);
    }
    assert_null(ssat_case_event_at(ssat_case_event_count()));
    assert_null(ssat_case_event_at((size_t)-1));
}

/* Trail entries keep their address while the trail grows, and record every field. */
static void trail_entries(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    assert_ok(ssat_case_apply(x.c, NULL, NULL, "concern_raised", D("2024-09-20"), "Ms Jones", "Head of Year 8",
                              NULL, NULL, "Absent 6 Mondays", NULL));
    const ssat_trail_entry *first = ssat_case_trail_at(x.c, 0);
    assert_int_equal(first->sequence, 1);
    assert_string_equal(first->event, "concern_raised");
    assert_int_equal(first->date, D("2024-09-20"));
    assert_string_equal(first->actor, "Ms Jones");
    assert_string_equal(first->role, "Head of Year 8");
    assert_string_equal(first->parent_id, "");
    assert_string_equal(first->detail, "");
    assert_string_equal(first->note, "Absent 6 Mondays");
    assert_int_equal(first->state_before, SSAT_CASE_MONITORING);
    assert_int_equal(first->state_after, SSAT_CASE_SCHOOL_CONCERN);
    assert_string_equal(first->guard_values, "state=monitoring");
    for (int i = 0; i < 60; i++) {
        assert_ok(ssat_case_apply(x.c, NULL, NULL, i % 2 == 0 ? "plan_started" : "plan_ended", D("2024-09-21"), "a",
                                  "b", NULL, "psp", NULL, NULL));
    }
    assert_int_equal(ssat_case_trail_count(x.c), 61);
    assert_ptr_equal(ssat_case_trail_at(x.c, 0), first);
    assert_string_equal(first->note, "Absent 6 Mondays");
    for (size_t i = 0; i < 61; i++)
        assert_int_equal(ssat_case_trail_at(x.c, i)->sequence, i + 1);
    assert_null(ssat_case_trail_at(x.c, 61));
    case_fx_free(&x);
}

/* Two parents' statutory records are kept apart. */
static void statutory_record_per_parent(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    /* Reach FEW_ENGAGED by replaying a trail of the SSAT's decisions (the referral's guard values are
     * trusted on replay), here built by hand in a fresh case. */
    ssat_trail_entry e[] = {
        {2, "letter_sent", D("2024-09-23"), "a", "b", "", "warning", "", SSAT_CASE_SCHOOL_CONCERN,
         SSAT_CASE_ENGAGEMENT, "state=school_concern", "", 0},
        {3, "referral_submitted", D("2024-11-15"), "a", "b", "", "", "", SSAT_CASE_ENGAGEMENT, SSAT_CASE_REFERRED,
         "state=engagement; contract=none; referral=met", "", 0},
        {4, "referral_accepted", D("2024-11-18"), "a", "b", "", "", "", SSAT_CASE_REFERRED, SSAT_CASE_ACCEPTED,
         "state=referred", "", 0},
        {5, "few_contact", D("2024-11-19"), "a", "b", "", "", "", SSAT_CASE_ACCEPTED, SSAT_CASE_FEW_ENGAGED,
         "state=accepted", "", 0},
    };
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
        assert_ok(ssat__case_replay_entry(x.c, &e[i], "test"));
    assert_case_state(&x, SSAT_CASE_FEW_ENGAGED);
    case_fx_apply(&x, "penalty_warning", "2024-11-20", "M1", NULL);
    case_fx_apply(&x, "eso_considered", "2024-11-21", "F1", NULL);
    case_fx_apply(&x, "penalty_warning", "2024-11-22", "M1", NULL);
    const ssat__case_state *s = &x.c->state;
    assert_int_equal(s->parent_count, 2);
    assert_string_equal(s->parents[0].id, "M1");
    assert_int_equal(s->parents[0].warning_count, 2);
    assert_int_equal(s->parents[0].warnings[1], D("2024-11-22"));
    assert_int_equal(s->parents[0].eso_considered, SSAT__NO_DATE);
    assert_string_equal(s->parents[1].id, "F1");
    assert_int_equal(s->parents[1].warning_count, 0);
    assert_int_equal(s->parents[1].eso_considered, D("2024-11-21"));
    /* Prosecution of F1 is possible (ESO considered for F1), not of M1. */
    case_fx_refused(&x, "prosecution_considered", "2024-11-25", "M1", NULL, "case.guard.eso_first");
    case_fx_apply(&x, "prosecution_considered", "2024-11-25", "F1", NULL);
    case_fx_free(&x);
}

static void replay_and_equality(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    ssat_case *r = (ssat_case *)&x;
    assert_status_msg(ssat_case_replay(x.c, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_case_replay(NULL, &r), SSAT_ERR_INVALID_ARG, "'c'");
    assert_null(r);
    assert_ok(ssat_case_replay(x.c, &r));
    assert_true(ssat_case_equal(x.c, r));
    assert_true(ssat_case_equal(r, x.c));
    ssat_case_free(r);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    case_fx_apply(&x, "plan_started", "2024-09-21", NULL, "idp");
    assert_ok(ssat_case_replay(x.c, &r));
    assert_true(ssat_case_equal(x.c, r));
    assert_int_equal(ssat_case_plan_active(r, "idp"), 1);
    assert_int_equal(ssat_case_get_state(r), SSAT_CASE_SCHOOL_CONCERN);
    /* Equality sees the pupil record, the pack, the trail and the policy. */
    assert_ok(ssat_pupil_set_fact(ssat_case_pupil(r), SSAT_PUPIL_ON_ROLL, SSAT_FACT_NO));
    assert_false(ssat_case_equal(x.c, r));
    assert_ok(ssat_pupil_set_fact(ssat_case_pupil(r), SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES));
    assert_true(ssat_case_equal(x.c, r));
    assert_ok(ssat_pupil_set_date_of_birth(ssat_case_pupil(r), D("2012-05-02")));
    assert_false(ssat_case_equal(x.c, r));
    assert_ok(ssat_pupil_set_date_of_birth(ssat_case_pupil(r), D("2012-05-01")));
    size_t i = 0;
    assert_ok(ssat_pack_add(ssat_case_pack(r), "concern", &i));
    assert_false(ssat_case_equal(x.c, r));
    assert_ok(ssat_pack_remove(ssat_case_pack(r), i));
    assert_true(ssat_case_equal(x.c, r));
    assert_ok(ssat_case_apply(r, NULL, NULL, "plan_ended", D("2024-09-22"), "a", "b", NULL, "idp", NULL, NULL));
    assert_false(ssat_case_equal(x.c, r));
    case_fx_apply(&x, "plan_ended", "2024-09-22", NULL, "idp");
    assert_false(ssat_case_equal(x.c, r)); /* another actor and role */
    ssat_case_free(r);
    assert_ok(ssat_case_replay(x.c, &r));
    assert_true(ssat_case_equal(x.c, r));
    ssat_case_free(r);
    /* Another pupil id or policy. */
    ssat_case *other = NULL;
    assert_ok(ssat_case_new("P2", x.f.policy, &other));
    ssat_case *empty = NULL;
    assert_ok(ssat_case_new("P1", x.f.policy, &empty));
    assert_false(ssat_case_equal(other, empty));
    ssat_policy *wales = NULL;
    assert_ok(ssat_policy_builtin("wales", NULL, &wales));
    ssat_case *w = NULL;
    assert_ok(ssat_case_new("P1", wales, &w));
    assert_false(ssat_case_equal(w, empty));
    assert_false(ssat_case_equal(w, NULL));
    ssat_case_free(w);
    ssat_policy_free(wales);
    ssat_case_free(empty);
    ssat_case_free(other);
    case_fx_free(&x);
}

/* Replay refuses a trail that does not replay (an entry an internal guard forbids). */
static void replay_entry_checks(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    ssat_trail_entry e = {1, "referral_accepted", D("2024-09-20"), "a", "b", "", "", "", SSAT_CASE_MONITORING,
                          SSAT_CASE_ACCEPTED, "", "", 0};
    assert_status_msg(ssat__case_replay_entry(x.c, &e, "t"), SSAT_ERR_STATE,
                      "trail does not replay: entry 1 (referral_accepted on 2024-09-20): case.guard.state");
    e.event = "no_such_event";
    assert_status_msg(ssat__case_replay_entry(x.c, &e, "t"), SSAT_ERR_STATE, "entry 1: unknown event");
    e.event = "concern_raised";
    e.sequence = 2;
    assert_status_msg(ssat__case_replay_entry(x.c, &e, "t"), SSAT_ERR_STATE, "entry 1 (concern_raised) has sequence 2");
    e.sequence = 1;
    assert_status_msg(ssat__case_replay_entry(x.c, &e, "t"), SSAT_ERR_STATE, "records the state accepted after it");
    e.state_after = SSAT_CASE_SCHOOL_CONCERN;
    e.state_before = SSAT_CASE_ENGAGEMENT;
    assert_status_msg(ssat__case_replay_entry(x.c, &e, "t"), SSAT_ERR_STATE, "records the state engagement before it");
    e.state_before = SSAT_CASE_MONITORING;
    e.actor = "";
    assert_status_msg(ssat__case_replay_entry(x.c, &e, "t"), SSAT_ERR_STATE, "entry 1 (concern_raised): t: argument "
                      "'actor'");
    e.actor = "a";
    assert_int_equal(ssat_case_trail_count(x.c), 0);
    assert_ok(ssat__case_replay_entry(x.c, &e, "t"));
    assert_int_equal(ssat_case_get_state(x.c), SSAT_CASE_SCHOOL_CONCERN);
    e.sequence = 2;
    e.event = "letter_sent";
    e.detail = "warning";
    e.date = D("2024-09-19");
    e.state_before = SSAT_CASE_SCHOOL_CONCERN;
    e.state_after = SSAT_CASE_ENGAGEMENT;
    assert_status_msg(ssat__case_replay_entry(x.c, &e, "t"), SSAT_ERR_STATE, "before the last event in the trail");
    case_fx_free(&x);
}

static void window_text(void **state)
{
    (void)state;
    ssat_window w = {D("2024-09-02"), SSAT_AM, D("2024-12-20"), SSAT_PM}, back;
    char buf[48];
    ssat__window_text(&w, buf, sizeof buf);
    assert_string_equal(buf, "2024-09-02 AM..2024-12-20 PM");
    assert_true(ssat__window_parse(buf, strlen(buf), &back));
    assert_memory_equal(&w, &back, sizeof w);
    static const char *const bad[] = {"2024-09-02 AM..2024-12-20 PM ", "2024-09-02 AM-.2024-12-20 PM",
                                      "2024-09-02 XM..2024-12-20 PM", "2024-13-02 AM..2024-12-20 PM",
                                      "2024-09-02 PM..2024-09-02 AM", "2024-09-02_AM..2024-12-20 PM",
                                      "2024-09-02 AM..2024-12-20 pm", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(ssat__window_parse(bad[i], strlen(bad[i]), &back));
    assert_true(ssat__window_parse("2024-09-02 PM..2024-09-02 PM", 28, &back));
}

/* Every allocation of creating and replaying a case can fail without a leak. */
static void out_of_memory(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, false);
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_builtin("carmarthenshire", &a, &p));
    ssat_case *c = NULL;
    for (size_t k = 1;; k++) {
        h.fail_at = h.calls + k;
        h.failures = 0;
        ssat_status st = ssat_case_new("P1", p, &c);
        h.fail_at = 0;
        if (h.failures == 0) {
            assert_ok(st);
            break;
        }
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_null(c);
    }
    assert_ok(ssat_case_apply(c, NULL, NULL, "concern_raised", D("2024-09-20"), "a", "b", NULL, NULL, NULL, NULL));
    assert_ok(ssat_case_apply(c, NULL, NULL, "plan_started", D("2024-09-20"), "a", "b", NULL, "psp", NULL, NULL));
    ssat_case *r = NULL;
    for (size_t k = 1;; k++) {
        h.fail_at = h.calls + k;
        h.failures = 0;
        ssat_status st = ssat_case_replay(c, &r);
        h.fail_at = 0;
        if (h.failures == 0) {
            assert_ok(st);
            break;
        }
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_null(r);
    }
    assert_true(ssat_case_equal(c, r));
    ssat_case_free(r);
    ssat_case_free(c);
    ssat_policy_free(p);
    assert_heap_clean(&h);
}

/* ssat_case_set_pack (issue 16): the case's pack takes copies of another pack's items and stays the same
 * object (pointers taken before stay valid); the source stays the caller's; allocation failure leaves
 * the pack as it was. */
static void set_pack_copies(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, false);
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_builtin("carmarthenshire", &a, &p));
    ssat_case *c = NULL;
    assert_ok(ssat_case_new("P1", p, &c));
    ssat_pack *own = ssat_case_pack(c);
    size_t k = 0;
    assert_ok(ssat_pack_add(own, "support", &k)); /* replaced below */
    ssat_pack *src = NULL;
    assert_ok(ssat_pack_new(NULL, &src)); /* libc: the copies must use the case's allocator */
    assert_ok(ssat_pack_add(src, "concern", &k));
    assert_ok(ssat_pack_set(src, k, "date", "2024-09-20"));
    assert_ok(ssat_pack_add(src, "letter", &k));
    assert_ok(ssat_pack_set(src, k, "date_sent", "2024-09-23"));
    size_t allocs = h.allocs;
    for (size_t n = 1;; n++) {
        h.fail_at = h.calls + n;
        h.failures = 0;
        ssat_status st = ssat_case_set_pack(c, src);
        h.fail_at = 0;
        if (h.failures == 0) {
            assert_ok(st);
            break;
        }
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_int_equal(ssat_pack_count(own), 1); /* unchanged */
        assert_string_equal(ssat_pack_item_kind(own, 0), "support");
    }
    assert_true(h.allocs > allocs); /* the copies went through the case's allocator */
    assert_ptr_equal(ssat_case_pack(c), own);
    assert_true(ssat_pack_equal(own, src));
    assert_ok(ssat_pack_set(src, 0, "date", "2024-09-21")); /* the caller's own: the case keeps its copy */
    const char *v = NULL;
    assert_ok(ssat_pack_get(own, 0, "date", &v));
    assert_string_equal(v, "2024-09-20");
    assert_ok(ssat_case_set_pack(c, own)); /* itself: nothing changes */
    assert_int_equal(ssat_pack_count(own), 2);
    assert_status_msg(ssat_case_set_pack(NULL, src), SSAT_ERR_INVALID_ARG, "ssat_case_set_pack: argument 'c'");
    assert_status_msg(ssat_case_set_pack(c, NULL), SSAT_ERR_INVALID_ARG, "'pack'");
    ssat_pack_free(src);
    ssat_case_free(c);
    ssat_policy_free(p);
    assert_heap_clean(&h);
}

/* The accessors named by the naming rule (issue 16): ssat_case_main_state and ssat_case_plan_is_active
 * (an enum), beside the deprecated ssat_case_get_state and ssat_case_plan_active (a string). */
static void main_state_and_plans(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    assert_int_equal(ssat_case_main_state(x.c), SSAT_CASE_MONITORING);
    assert_int_equal(ssat_case_main_state(NULL), SSAT_CASE_MONITORING);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    case_fx_apply(&x, "plan_started", "2024-09-21", NULL, "idp");
    assert_int_equal(ssat_case_main_state(x.c), SSAT_CASE_SCHOOL_CONCERN);
    assert_int_equal(ssat_case_get_state(x.c), ssat_case_main_state(x.c));
    assert_int_equal(ssat_case_plan_is_active(x.c, SSAT_CASE_PLAN_IDP), 1);
    assert_int_equal(ssat_case_plan_is_active(x.c, SSAT_CASE_PLAN_PSP), 0);
    assert_int_equal(ssat_case_plan_active(x.c, "idp"), 1);
    assert_int_equal(ssat_case_plan_active(x.c, "psp"), 0);
    assert_int_equal(ssat_case_plan_is_active(x.c, (ssat_case_plan)2), 0);
    assert_int_equal(ssat_case_plan_is_active(x.c, (ssat_case_plan)-1), 0);
    assert_int_equal(ssat_case_plan_is_active(NULL, SSAT_CASE_PLAN_IDP), 0);
    case_fx_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_checks_arguments),
        cmocka_unit_test(a_new_case),
        cmocka_unit_test(null_cases),
        cmocka_unit_test(state_names),
        cmocka_unit_test(event_list),
        cmocka_unit_test(trail_entries),
        cmocka_unit_test(statutory_record_per_parent),
        cmocka_unit_test(replay_and_equality),
        cmocka_unit_test(replay_entry_checks),
        cmocka_unit_test(window_text),
        cmocka_unit_test(out_of_memory),
        cmocka_unit_test(set_pack_copies),
        cmocka_unit_test(main_state_and_plans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
