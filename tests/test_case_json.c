/* Tests of case documents (lib/case/case_json.c): a saved case loads equal and saves to the same text;
 * loading checks every member's type and names its path, refuses a trail that does not replay or does
 * not lead to the saved state, a policy other than the one referred to, truncated and malformed text,
 * and creates nothing on failure; allocation failure leaks nothing. */
/* These tests call ssat_case_apply() too, the deprecated wrapper kept until the SOVERSION changes. */
#define SSAT_DISABLE_DEPRECATION_WARNINGS
#include "support.h"

#include "case_fixture.h"
#include "heap.h"

#include <jansson.h>
#include <stdlib.h>

/* A case with something of everything: plans, a contract, a referral, warnings, a notice paid, an ESO
 * considered, a prosecution concluded, the pupil's facts, a pack and notes. */
static void rich_case(case_fx *x)
{
    case_fx_init(x);
    fixture_add(&x->f, "/", 80);
    fixture_add(&x->f, "O", 20);
    case_fx_apply(x, "concern_raised", "2024-09-20", NULL, NULL);
    assert_ok(ssat_case_apply(x->c, NULL, NULL, "letter_sent", D("2024-09-23"), "Ms Jones", "Head of Year 8", NULL,
                              "attendance_concern", "Sent by post; copy on file.\nNo reply.", NULL));
    case_fx_apply(x, "meeting_held", "2024-10-01", NULL, "attended");
    case_fx_apply(x, "plan_started", "2024-10-02", NULL, "psp");
    case_fx_apply(x, "contract_offered", "2024-10-03", NULL, NULL);
    case_fx_apply(x, "contract_refused", "2024-10-10", NULL, NULL);
    case_fx_pack(x, "2024-11-15");
    case_fx_apply(x, "referral_submitted", "2024-11-15", NULL, NULL);
    case_fx_apply(x, "referral_accepted", "2024-11-18", NULL, NULL);
    case_fx_apply(x, "few_contact", "2024-11-19", NULL, NULL);
    fixture_add(&x->f, "/", 6);
    fixture_add(&x->f, "O", 2); /* absence continued after the warning (2024-11-21) */
    fixture_add(&x->f, "/", 42);
    case_fx_apply(x, "penalty_warning", "2024-11-20", "M1", NULL);
    case_fx_apply(x, "penalty_warning", "2024-11-20", "F1", NULL);
    case_fx_apply(x, "notice_issued", "2024-12-12", "M1", NULL);
    case_fx_apply(x, "notice_paid", "2024-12-20", "M1", NULL);
    case_fx_apply(x, "eso_considered", "2025-01-06", "F1", NULL);
    case_fx_apply(x, "prosecution_considered", "2025-01-07", "F1", NULL);
    case_fx_apply(x, "prosecution_started", "2025-01-20", "F1", "s444(1)");
    case_fx_apply(x, "prosecution_concluded", "2025-03-03", "F1", "convicted; fined £200");
    case_fx_apply(x, "plan_reviewed", "2025-03-04", NULL, "psp");
    assert_ok(ssat_pupil_set_fact(ssat_case_pupil(x->c), SSAT_PUPIL_PROCEDURES_FOLLOWED, SSAT_FACT_UNKNOWN));
}

static char *text_of(const ssat_case *c)
{
    char *t = NULL;
    assert_ok(ssat_case_to_json(c, &t));
    return t;
}

/* Load `text` expecting failure `status` with `needle` in the message, and nothing created. */
static void assert_load_fails(const char *text, size_t len, const ssat_policy *p, ssat_status status,
                              const char *needle)
{
    static max_align_t dummy;
    ssat_case *c = (ssat_case *)(void *)&dummy; /* must be set to NULL */
    ssat_error_clear();
    ssat_status st = ssat_case_from_json(text, len, p, &c);
    if (st != status)
        fail_msg("expected %d, got %d (%s): %s", (int)status, (int)st, ssat_status_str(st), ssat_error_message());
    if (needle != NULL && strstr(ssat_error_message(), needle) == NULL)
        fail_msg("message \"%s\" does not contain \"%s\"", ssat_error_message(), needle);
    assert_null(c);
}

static void round_trip(void **state)
{
    (void)state;
    case_fx x;
    rich_case(&x);
    char *t = text_of(x.c);
    assert_int_equal(t[strlen(t) - 1], '\n');
    ssat_case *l = NULL;
    assert_ok(ssat_case_from_json(t, strlen(t), x.f.policy, &l));
    assert_true(ssat_case_equal(x.c, l));
    char *t2 = text_of(l);
    assert_string_equal(t, t2);
    assert_int_equal(ssat_case_get_state(l), SSAT_CASE_STATUTORY);
    assert_int_equal(ssat_case_contract(l), SSAT_CONTRACT_DECLINED);
    assert_int_equal(ssat_case_plan_active(l, "psp"), 1);
    assert_string_equal(ssat_case_trail_at(l, 1)->note, "Sent by post; copy on file.\nNo reply.");
    assert_int_equal(ssat_pupil_get_fact(ssat_case_pupil(l), SSAT_PUPIL_PROCEDURES_FOLLOWED), SSAT_FACT_UNKNOWN);
    assert_int_equal(ssat_pack_count(ssat_case_pack(l)), ssat_pack_count(ssat_case_pack(x.c)));
    /* The loaded case goes on like the original. */
    assert_ok(ssat_case_apply(l, NULL, NULL, "closed", D("2025-03-05"), "a", "b", NULL, "proceedings_concluded",
                              NULL, NULL));
    ssat_free(t2);
    ssat_free(t);
    ssat_case_free(l);
    /* A document need not end with a NUL: only len bytes are read. */
    t = text_of(x.c);
    size_t n = strlen(t);
    char *copy = malloc(n);
    assert_non_null(copy);
    memcpy(copy, t, n);
    assert_ok(ssat_case_from_json(copy, n, x.f.policy, &l));
    assert_true(ssat_case_equal(x.c, l));
    free(copy);
    ssat_case_free(l);
    ssat_free(t);
    /* An empty case too. */
    ssat_case *e = NULL;
    assert_ok(ssat_case_new("P9", x.f.policy, &e));
    t = text_of(e);
    assert_ok(ssat_case_from_json(t, strlen(t), x.f.policy, &l));
    assert_true(ssat_case_equal(e, l));
    ssat_free(t);
    ssat_case_free(l);
    ssat_case_free(e);
    case_fx_free(&x);
}

/* The document's shape, read back with jansson. */
static void document_shape(void **state)
{
    (void)state;
    case_fx x;
    rich_case(&x);
    char *t = text_of(x.c);
    json_t *root = json_loads(t, 0, NULL);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(root, "format")), "ssat-case");
    assert_int_equal(json_integer_value(json_object_get(root, "format_version")), SSAT_CASE_FORMAT_VERSION);
    assert_string_equal(json_string_value(json_object_get(root, "policy")), "carmarthenshire");
    json_t *pupil = json_object_get(root, "pupil");
    assert_string_equal(json_string_value(json_object_get(pupil, "date_of_birth")), "2012-05-01");
    assert_string_equal(json_string_value(json_object_get(json_object_get(pupil, "facts"), "on_roll")), "yes");
    assert_string_equal(json_string_value(json_object_get(json_object_get(root, "pack"), "format")), "ssat-pack");
    json_t *trail = json_object_get(root, "trail");
    assert_int_equal(json_array_size(trail), ssat_case_trail_count(x.c));
    json_t *e = json_array_get(trail, 0);
    assert_int_equal(json_integer_value(json_object_get(e, "sequence")), 1);
    assert_string_equal(json_string_value(json_object_get(e, "state_after")), "school_concern");
    json_t *s = json_object_get(root, "state");
    assert_string_equal(json_string_value(json_object_get(s, "state")), "statutory");
    assert_string_equal(json_string_value(json_object_get(s, "contract")), "declined");
    assert_string_equal(json_string_value(json_object_get(s, "referred")), "2024-11-15");
    assert_true(json_is_null(json_object_get(s, "improved")));
    json_t *parents = json_object_get(s, "parents");
    assert_int_equal(json_array_size(parents), 2);
    json_t *m1 = json_array_get(parents, 0), *f1 = json_array_get(parents, 1);
    assert_string_equal(json_string_value(json_object_get(m1, "id")), "M1");
    json_t *notice = json_array_get(json_object_get(m1, "notices"), 0);
    assert_string_equal(json_string_value(json_object_get(notice, "status")), "paid");
    assert_string_equal(json_string_value(json_object_get(notice, "absence")), "2024-09-02 AM..2024-12-12 PM");
    json_t *pros = json_object_get(f1, "prosecution");
    assert_string_equal(json_string_value(json_object_get(pros, "stage")), "concluded");
    assert_string_equal(json_string_value(json_object_get(pros, "section")), "s444(1)");
    assert_int_equal(json_integer_value(json_object_get(pros, "concluded")), 1);
    assert_string_equal(json_string_value(json_object_get(f1, "eso_considered")), "2025-01-06");
    json_decref(root);
    ssat_free(t);
    case_fx_free(&x);
}

static void arguments(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    char *t = (char *)&x;
    assert_status_msg(ssat_case_to_json(x.c, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_case_to_json(NULL, &t), SSAT_ERR_INVALID_ARG, "'c'");
    assert_null(t);
    t = text_of(x.c);
    ssat_case *c = NULL;
    assert_status_msg(ssat_case_from_json(t, strlen(t), x.f.policy, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_case_from_json(NULL, 0, x.f.policy, &c), SSAT_ERR_INVALID_ARG, "'json'");
    assert_status_msg(ssat_case_from_json(t, strlen(t), NULL, &c), SSAT_ERR_INVALID_ARG, "'policy'");
    assert_null(c);
    ssat_free(t);
    case_fx_free(&x);
}

/* A copy of the rich case's document with `edit` applied to its tree. */
typedef void (*edit_fn)(json_t *root);

static char *edited(const char *text, edit_fn edit)
{
    json_t *root = json_loads(text, JSON_PRESERVE_ORDER, NULL);
    assert_non_null(root);
    edit(root);
    char *out = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(1));
    assert_non_null(out);
    json_decref(root);
    return out;
}

/* The document as format 1 wrote it: no chain. Edits of the trail are refused by the chain first
 * (tampering_detected); without one, replay still refuses what breaks the rules. */
static void unchained(json_t *root)
{
    size_t i;
    json_t *e;
    json_object_set_new(root, "format_version", json_integer(1));
    json_object_del(root, "chain");
    json_array_foreach(json_object_get(root, "trail"), i, e) json_object_del(e, "hash");
}

static char *edited_unchained(const char *text, edit_fn edit)
{
    json_t *root = json_loads(text, JSON_PRESERVE_ORDER, NULL);
    assert_non_null(root);
    if (edit != NULL)
        edit(root);
    unchained(root);
    char *out = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(1));
    assert_non_null(out);
    json_decref(root);
    return out;
}

static json_t *entry(json_t *root, size_t i)
{
    return json_array_get(json_object_get(root, "trail"), i);
}

static json_t *saved(json_t *root)
{
    return json_object_get(root, "state");
}

#define EDIT(name, ...)                                                                                      \
    static void name(json_t *root)                                                                           \
    {                                                                                                        \
        __VA_ARGS__;                                                                                         \
    }

/* Wrong types, missing and unknown members: ssat_case_from_json names the path. */
EDIT(e_version, json_object_set_new(root, "format_version", json_integer(3)))
EDIT(e_format, json_object_set_new(root, "format", json_string("ssat-pack")))
EDIT(e_unknown, json_object_set_new(root, "extra", json_true()))
EDIT(e_no_trail, json_object_del(root, "trail"))
EDIT(e_trail_type, json_object_set_new(root, "trail", json_object()))
EDIT(e_policy_type, json_object_set_new(root, "policy", json_integer(1)))
EDIT(e_pupil_type, json_object_set_new(root, "pupil", json_array()))
EDIT(e_pupil_id, json_object_set_new(json_object_get(root, "pupil"), "id", json_string("")))
EDIT(e_dob, json_object_set_new(json_object_get(root, "pupil"), "date_of_birth", json_string("2012-02-30")))
EDIT(e_fact, json_object_set_new(json_object_get(json_object_get(root, "pupil"), "facts"), "on_roll",
                                 json_string("maybe")))
EDIT(e_fact_missing, json_object_del(json_object_get(json_object_get(root, "pupil"), "facts"), "evidence_complete"))
EDIT(e_pack, json_object_set_new(json_object_get(root, "pack"), "format_version", json_integer(99)))
EDIT(e_pack_type, json_object_set_new(root, "pack", json_string("pack")))
EDIT(e_seq_type, json_object_set_new(entry(root, 2), "sequence", json_string("3")))
EDIT(e_date_type, json_object_set_new(entry(root, 3), "date", json_integer(20241001)))
EDIT(e_date_bad, json_object_set_new(entry(root, 3), "date", json_string("2024-10-1")))
EDIT(e_actor_type, json_object_set_new(entry(root, 0), "actor", json_null()))
EDIT(e_note_nul, json_object_set_new(entry(root, 0), "note", json_stringn("a\0b", 3)))
EDIT(e_state_name, json_object_set_new(entry(root, 1), "state_after", json_string("limbo")))
EDIT(e_entry_extra, json_object_set_new(entry(root, 1), "signature", json_string("x")))
EDIT(e_entry_type, json_array_set_new(json_object_get(root, "trail"), 4, json_string("entry")))
EDIT(e_saved_plans, json_object_set_new(json_object_get(json_object_get(saved(root), "plans"), "psp"), "active",
                                        json_string("yes")))
EDIT(e_saved_contract, json_object_set_new(saved(root), "contract", json_string("signed")))
EDIT(e_saved_parents, json_object_set_new(saved(root), "parents", json_object()))
EDIT(e_saved_warning, json_array_set_new(json_object_get(json_array_get(json_object_get(saved(root), "parents"), 0),
                                                         "warnings"), 0, json_string("soon")))
EDIT(e_saved_absence, json_object_set_new(json_array_get(json_object_get(json_array_get(
                                              json_object_get(saved(root), "parents"), 0), "notices"), 0),
                                          "absence", json_string("2024-09-02..2024-12-12")))
EDIT(e_saved_stage, json_object_set_new(json_object_get(json_array_get(json_object_get(saved(root), "parents"), 1),
                                                        "prosecution"), "stage", json_string("appealed")))
EDIT(e_saved_count, json_object_set_new(json_object_get(json_array_get(json_object_get(saved(root), "parents"), 1),
                                                        "prosecution"), "concluded", json_integer(-1)))
/* A notice's service and day of receipt (issue 14 item b): both or neither, and a known service. */
static json_t *saved_notice(json_t *root)
{
    return json_array_get(json_object_get(json_array_get(json_object_get(saved(root), "parents"), 0), "notices"), 0);
}
EDIT(e_saved_service_alone, json_object_set_new(saved_notice(root), "service", json_string("posted")))
EDIT(e_saved_service, json_object_set_new(saved_notice(root), "service", json_string("email"));
     json_object_set_new(saved_notice(root), "received", json_string("2024-12-16")))
EDIT(e_saved_service_empty, json_object_set_new(saved_notice(root), "service", json_string(""));
     json_object_set_new(saved_notice(root), "received", json_string("2024-12-16")))
EDIT(e_saved_received_alone, json_object_set_new(saved_notice(root), "received", json_string("2024-12-16")))
EDIT(e_saved_received, json_object_set_new(saved_notice(root), "service", json_string("posted"));
     json_object_set_new(saved_notice(root), "received", json_string("16/12/2024")))

static void wrong_types(void **state)
{
    (void)state;
    static const struct {
        edit_fn edit;
        const char *needle;
    } cases[] = {
        {e_version, "field format_version: missing or unsupported"},
        {e_format, "field format: expected \"ssat-case\""},
        {e_unknown, "unknown member \"extra\""},
        {e_no_trail, "member \"trail\" is missing"},
        {e_trail_type, "field trail: expected an array"},
        {e_policy_type, "field policy: expected a string"},
        {e_pupil_type, "field pupil: expected an object"},
        {e_pupil_id, "field pupil.id"},
        {e_dob, "field pupil.date_of_birth: expected a date"},
        {e_fact, "field pupil.facts.on_roll: expected \"yes\", \"no\" or \"unknown\""},
        {e_fact_missing, "field pupil.facts: member \"evidence_complete\" is missing"},
        {e_pack, "field pack:"},
        {e_pack_type, "field pack: expected an object"},
        {e_seq_type, "field trail[2].sequence: expected a whole number"},
        {e_date_type, "field trail[3].date: expected a date"},
        {e_date_bad, "field trail[3].date: expected a date"},
        {e_actor_type, "field trail[0].actor: expected a string"},
        {e_note_nul, "\\u0000 is not allowed"}, /* jansson refuses it; the loader would too */
        {e_state_name, "field trail[1].state_after: \"limbo\" is not a case state"},
        {e_entry_extra, "field trail[1]: unknown member \"signature\""},
        {e_entry_type, "field trail[4]: expected an object"},
        {e_saved_plans, "field state.plans.psp.active: expected true or false"},
        {e_saved_contract, "field state.contract: \"signed\" is not a parenting contract state"},
        {e_saved_parents, "field state.parents: expected an array"},
        {e_saved_warning, "field state.parents[0].warnings[0]: expected a date"},
        {e_saved_absence, "field state.parents[0].notices[0].absence"},
        {e_saved_service_alone, "field state.parents[0].notices[0]: member \"received\" is missing"},
        {e_saved_service, "field state.parents[0].notices[0].service: \"email\" is not a service"},
        {e_saved_service_empty, "field state.parents[0].notices[0].service: \"\" is not a service"},
        {e_saved_received_alone, "field state.parents[0].notices[0]: unknown member \"received\""},
        {e_saved_received, "field state.parents[0].notices[0].received: expected a date"},
        {e_saved_stage, "field state.parents[1].prosecution.stage: \"appealed\" is not a prosecution stage"},
        {e_saved_count, "field state.parents[1].prosecution.concluded: expected a whole number"},
    };
    case_fx x;
    rich_case(&x);
    char *t = text_of(x.c);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *bad = edited(t, cases[i].edit);
        assert_load_fails(bad, strlen(bad), x.f.policy, SSAT_ERR_PARSE, cases[i].needle);
        free(bad);
    }
    ssat_free(t);
    case_fx_free(&x);
}

/* A trail that does not replay, or does not lead to the saved state, is refused (checked on documents
 * without a chain, format 1: with one, the chain refuses these edits first). */
EDIT(t_state, json_object_set_new(saved(root), "state", json_string("closed")))
EDIT(t_improved, json_object_set_new(saved(root), "improved", json_string("2025-01-01")))
EDIT(t_notice_status, json_object_set_new(json_array_get(json_object_get(json_array_get(
                                              json_object_get(saved(root), "parents"), 0), "notices"), 0),
                                          "status", json_string("withdrawn")))
EDIT(t_removed, json_array_remove(json_object_get(root, "trail"), 5))
EDIT(t_removed_last, json_array_remove(json_object_get(root, "trail"), json_array_size(json_object_get(root,
                                                                                                      "trail")) - 1))
EDIT(t_reordered, {
    json_t *trail = json_object_get(root, "trail");
    json_t *a = json_incref(json_array_get(trail, 4)), *b = json_incref(json_array_get(trail, 5));
    json_object_set_new(a, "sequence", json_integer(6));
    json_object_set_new(b, "sequence", json_integer(5));
    json_array_set_new(trail, 4, b);
    json_array_set_new(trail, 5, a);
})
EDIT(t_sequence, json_object_set_new(entry(root, 3), "sequence", json_integer(7)))
EDIT(t_state_after, json_object_set_new(entry(root, 0), "state_after", json_string("engagement")))
EDIT(t_backwards, json_object_set_new(entry(root, 2), "date", json_string("2024-09-01")))
EDIT(t_eso_dropped, {
    /* The ESO consideration before the prosecution is removed (s447), renumbering the rest. */
    json_t *trail = json_object_get(root, "trail");
    size_t i;
    json_t *e;
    json_array_foreach(trail, i, e) if (strcmp(json_string_value(json_object_get(e, "event")), "eso_considered") == 0)
    {
        json_array_remove(trail, i);
        break;
    }
    json_array_foreach(trail, i, e) json_object_set_new(e, "sequence", json_integer((json_int_t)i + 1));
})
EDIT(t_absence, {
    json_t *trail = json_object_get(root, "trail");
    size_t i;
    json_t *e;
    json_array_foreach(trail, i, e) if (strcmp(json_string_value(json_object_get(e, "event")), "notice_issued") == 0)
        json_object_set_new(e, "guard_values", json_string("penalty=met"));
})
EDIT(t_unknown_event, json_object_set_new(entry(root, 2), "event", json_string("teleported")))
EDIT(t_parent_on_school_event, json_object_set_new(entry(root, 2), "parent_id", json_string("M1")))

static void trail_that_does_not_replay(void **state)
{
    (void)state;
    static const struct {
        edit_fn edit;
        const char *needle;
    } cases[] = {
        {t_state, "trail does not replay to the saved state: field state.state differs"},
        {t_improved, "field state.improved differs"},
        {t_notice_status, "field state.parents differs"},
        {t_removed, "trail does not replay: entry 6"},
        {t_removed_last, "trail does not replay to the saved state"},
        {t_reordered, "trail does not replay: entry 5 (contract_refused on 2024-10-10): case.guard.contract_offered"},
        {t_sequence, "trail does not replay: entry 4 (plan_started) has sequence 7"},
        {t_state_after, "entry 1 (concern_raised on 2024-09-20) records the state engagement after it"},
        {t_backwards, "entry 3 (meeting_held): ssat_case_from_json: argument 'date' (2024-09-01) is before the last"},
        {t_eso_dropped, "case.guard.eso_first"},
        {t_absence, "notice.absence"},
        {t_unknown_event, "entry 3: unknown event \"teleport"},
        {t_parent_on_school_event, "argument 'parent_id' must be NULL"},
    };
    case_fx x;
    rich_case(&x);
    char *t = text_of(x.c);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *bad = edited_unchained(t, cases[i].edit);
        assert_load_fails(bad, strlen(bad), x.f.policy, SSAT_ERR_STATE, cases[i].needle);
        free(bad);
    }
    ssat_free(t);
    case_fx_free(&x);
}

/* Issue 15 item 4: every edit of a saved case is refused on load, naming the entry it breaks. */
EDIT(h_removed_renumbered, {
    json_t *trail = json_object_get(root, "trail");
    size_t i;
    json_t *e;
    json_array_remove(trail, 5);
    json_array_foreach(trail, i, e) json_object_set_new(e, "sequence", json_integer((json_int_t)i + 1));
})
EDIT(h_actor, json_object_set_new(entry(root, 2), "actor", json_string("Mr Someone Else")))
EDIT(h_pupil, json_object_set_new(json_object_get(root, "pupil"), "id", json_string("P2")))
EDIT(h_policy, json_object_set_new(root, "policy", json_string("wales")))
EDIT(h_dob, json_object_set_new(json_object_get(root, "pupil"), "date_of_birth", json_string("2013-05-01")))
EDIT(h_fact, {
    json_t *facts = json_object_get(json_object_get(root, "pupil"), "facts");
    const char *was = json_string_value(json_object_get(facts, "evidence_complete"));
    json_object_set_new(facts, "evidence_complete", json_string(strcmp(was, "yes") == 0 ? "no" : "yes"));
})
EDIT(h_migrated, json_object_set_new(json_object_get(root, "chain"), "migrated", json_integer(3)))
EDIT(h_head, json_object_set_new(json_object_get(root, "chain"), "head", json_string("00")))

static void tampering_detected(void **state)
{
    (void)state;
    static const struct {
        edit_fn edit;
        const char *needle;
    } cases[] = {
        {h_removed_renumbered, "field trail[5].hash: the hash chain is broken at entry 6 (referral_submitted on "
                               "2024-11-15): the entry was changed, or an entry before it was removed or inserted"},
        {h_actor, "field trail[2].hash: the hash chain is broken at entry 3 (meeting_held on 2024-10-01)"},
        {t_absence, "the hash chain is broken at entry 12 (notice_issued on 2024-12-12)"},
        {t_removed_last, "field chain.head: it is not the hash of the last trail entry"},
        {h_head, "field chain.head"},
        {h_pupil, "the hash chain is broken at entry 1 (concern_raised"},
        {h_dob, "field chain.seal: the pupil record, the pack or chain.migrated was changed"},
        {h_fact, "field chain.seal"},
        {h_migrated, "field chain.seal"},
    };
    case_fx x;
    rich_case(&x);
    char *t = text_of(x.c);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *bad = edited(t, cases[i].edit);
        assert_load_fails(bad, strlen(bad), x.f.policy, SSAT_ERR_STATE, cases[i].needle);
        free(bad);
    }
    /* Another policy's name (loaded with that policy): the first entry no longer chains. */
    ssat_policy *wales = NULL;
    assert_ok(ssat_policy_builtin("wales", NULL, &wales));
    char *bad = edited(t, h_policy);
    assert_load_fails(bad, strlen(bad), wales, SSAT_ERR_STATE, "the hash chain is broken at entry 1");
    free(bad);
    ssat_policy_free(wales);
    ssat_free(t);
    case_fx_free(&x);
}

static const char key32[] = "0123456789abcdef0123456789abcdef";

/* Documents without a chain (format 1) load, and their entries count as migrated; so do the entries of
 * an unkeyed chain loaded with a key, which is chained again under it. */
static void unchained_documents_migrate(void **state)
{
    (void)state;
    case_fx x;
    rich_case(&x);
    char *t = text_of(x.c);
    size_t n = ssat_case_trail_count(x.c);
    char *old = edited_unchained(t, NULL);
    ssat_case *l = NULL;
    assert_ok(ssat_case_from_json(old, strlen(old), x.f.policy, &l));
    assert_int_equal(ssat_case_chain_migrated(l), n);
    assert_string_equal(ssat_case_chain_head(l), ssat_case_chain_head(x.c)); /* the same chain, computed now */
    char *again = text_of(l);
    assert_non_null(strstr(again, "\"format_version\": 2"));
    char want[40];
    snprintf(want, sizeof want, "\"migrated\": %zu", n);
    assert_non_null(strstr(again, want));
    ssat_case *l2 = NULL;
    assert_ok(ssat_case_from_json(again, strlen(again), x.f.policy, &l2));
    assert_int_equal(ssat_case_chain_migrated(l2), n);
    ssat_case_free(l2);
    ssat_case_free(l);
    /* With a key: verified unkeyed, then chained under the key. */
    assert_ok(ssat_case_from_json_keyed(t, strlen(t), x.f.policy, key32, 32, &l));
    assert_int_equal(ssat_case_chain_keyed(l), 1);
    assert_int_equal(ssat_case_chain_migrated(l), n);
    assert_string_not_equal(ssat_case_chain_head(l), ssat_case_chain_head(x.c));
    ssat_case_free(l);
    ssat_free(again);
    free(old);
    ssat_free(t);
    case_fx_free(&x);
}

static void policy_must_match(void **state)
{
    (void)state;
    case_fx x;
    rich_case(&x);
    char *t = text_of(x.c);
    ssat_policy *wales = NULL;
    assert_ok(ssat_policy_builtin("wales", NULL, &wales));
    assert_load_fails(t, strlen(t), wales, SSAT_ERR_STATE,
                      "field policy: the document refers to policy \"carmarthenshire\", but the policy given is "
                      "\"wales\"");
    /* The same values under another name are another policy: renamed, it loads. */
    assert_ok(ssat_policy_set_name(wales, "carmarthenshire"));
    ssat_case *c = NULL;
    assert_ok(ssat_case_from_json(t, strlen(t), wales, &c));
    ssat_case_free(c);
    ssat_policy_free(wales);
    ssat_free(t);
    case_fx_free(&x);
}

/* Truncated at every offset, and malformed text: a parse error naming line and column, nothing created. */
static void truncated_and_malformed(void **state)
{
    (void)state;
    case_fx x;
    rich_case(&x);
    char *t = text_of(x.c);
    size_t n = strlen(t);
    for (size_t len = 0; len < n - 1; len += 1 + len / 64)
        assert_load_fails(t, len, x.f.policy, SSAT_ERR_PARSE, "line ");
    assert_load_fails("[]", 2, x.f.policy, SSAT_ERR_PARSE, "not a JSON object");
    assert_load_fails("{\"format\": \"ssat-case\", \"format\": \"ssat-case\"}", 46, x.f.policy, SSAT_ERR_PARSE,
                      "duplicate");
    assert_load_fails("{}", 2, x.f.policy, SSAT_ERR_PARSE, "field format");
    ssat_free(t);
    case_fx_free(&x);
}

/* Every allocation of saving and loading can fail: NOMEM, nothing created, nothing leaked. */
static void out_of_memory(void **state)
{
    (void)state;
    case_fx x;
    rich_case(&x);
    char *t = text_of(x.c);
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_builtin("carmarthenshire", &a, &p));
    ssat_case *c = NULL;
    size_t failures = 0;
    for (size_t k = 1;; k++) {
        h.fail_at = h.calls + k;
        h.failures = 0;
        ssat_status st = ssat_case_from_json(t, strlen(t), p, &c);
        h.fail_at = 0;
        if (h.failures == 0) {
            assert_ok(st);
            break;
        }
        failures++;
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_null(c);
    }
    assert_true(failures > 20);
    assert_true(ssat_case_equal(c, x.c));
    char *back = NULL;
    for (size_t k = 1;; k++) {
        h.fail_at = h.calls + k;
        h.failures = 0;
        ssat_status st = ssat_case_to_json(c, &back);
        h.fail_at = 0;
        if (h.failures == 0) {
            assert_ok(st);
            break;
        }
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_null(back);
    }
    assert_string_equal(back, t);
    ssat_free(back);
    ssat_case_free(c);
    ssat_policy_free(p);
    assert_heap_clean(&h);
    ssat_free(t);
    case_fx_free(&x);
}

/* A resolver for load_json_resolves_the_policy: the policy in ctx for the name it has, and a count. */
typedef struct resolver_seen {
    const ssat_policy *policy;
    int calls;
    char name[65];
} resolver_seen;

static const ssat_policy *resolve_one(const char *name, void *ctx)
{
    resolver_seen *r = ctx;
    r->calls++;
    snprintf(r->name, sizeof r->name, "%s", name);
    return r->policy != NULL && strcmp(name, ssat_policy_name(r->policy)) == 0 ? r->policy : NULL;
}

static const ssat_policy *resolve_any(const char *name, void *ctx)
{
    (void)name;
    return ctx;
}

/* ssat_case_load_json (issue 16): the library resolves the document's own policy, the resolver first,
 * then the built-ins by name; the caller need not read the document to find it. */
static void load_json_resolves_the_policy(void **state)
{
    (void)state;
    case_fx x;
    rich_case(&x);
    char *text = text_of(x.c);
    ssat_case *c = NULL;
    /* no options: the built-in "carmarthenshire" the document names */
    assert_ok(ssat_case_load_json(text, strlen(text), NULL, &c));
    assert_string_equal(ssat_policy_name(ssat_case_policy(c)), "carmarthenshire");
    char *again = text_of(c);
    assert_string_equal(again, text);
    ssat_free(again);
    ssat_case_free(c);
    /* a resolver that knows another name; the built-in is the fallback, with the caller's allocator */
    resolver_seen seen = {0};
    ssat_case_load_options o = SSAT_CASE_LOAD_OPTIONS_INIT;
    assert_int_equal(o.version, SSAT_CASE_LOAD_OPTIONS_VERSION);
    assert_null(o.resolve);
    assert_null(o.key);
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, false);
    o.resolve = resolve_one;
    o.resolve_ctx = &seen;
    o.alloc = &a;
    assert_ok(ssat_case_load_json(text, strlen(text), &o, &c));
    assert_int_equal(seen.calls, 1);
    assert_string_equal(seen.name, "carmarthenshire");
    assert_true(h.allocs > 0);
    ssat_case_free(c);
    assert_heap_clean(&h);
    o.alloc = NULL;
    /* a document naming a policy that is not built in: the resolver's */
    ssat_policy *local = NULL;
    assert_ok(ssat_policy_copy(x.f.policy, &local));
    assert_ok(ssat_policy_set_name(local, "powys-2025"));
    ssat_case *lc = NULL;
    assert_ok(ssat_case_new("P9", local, &lc));
    char *ltext = text_of(lc);
    assert_status_msg(ssat_case_load_json(ltext, strlen(ltext), NULL, &c), SSAT_ERR_NOT_FOUND,
                      "field policy: no policy \"powys-2025\": it is not built in and the resolver does not know it");
    assert_null(c);
    seen.policy = local;
    assert_ok(ssat_case_load_json(ltext, strlen(ltext), &o, &c));
    assert_true(ssat_case_equal(c, lc));
    ssat_case_free(c);
    /* the resolver's policy must have the document's name: a resolver that answers any name */
    ssat_case_load_options any = SSAT_CASE_LOAD_OPTIONS_INIT;
    any.resolve = resolve_any;
    any.resolve_ctx = x.f.policy;
    assert_status_msg(ssat_case_load_json(ltext, strlen(ltext), &any, &c), SSAT_ERR_STATE,
                      "the document refers to policy \"powys-2025\", but the policy given is \"carmarthenshire\"");
    assert_null(c);
    /* keyed */
    const char key[] = "0123456789abcdef0123456789abcdef";
    ssat_case *k = NULL;
    assert_ok(ssat_case_new_keyed("P1", x.f.policy, key, 32, &k));
    assert_ok(ssat_case_apply_event(k, &(ssat_case_event){SSAT_CASE_EVENT_VERSION, "concern_raised",
                                                           D("2024-09-20"), "a", "b", NULL, NULL, NULL, NULL,
                                                           NULL, NULL, NULL, NULL}, NULL));
    char *ktext = text_of(k);
    assert_status_msg(ssat_case_load_json(ktext, strlen(ktext), NULL, &c), SSAT_ERR_STATE, "the trail is keyed");
    ssat_case_load_options ko = SSAT_CASE_LOAD_OPTIONS_INIT;
    ko.key = key;
    ko.key_len = 32;
    assert_ok(ssat_case_load_json(ktext, strlen(ktext), &ko, &c));
    assert_true(ssat_case_chain_keyed(c));
    ssat_case_free(c);
    ko.key_len = 3;
    assert_status_msg(ssat_case_load_json(ktext, strlen(ktext), &ko, &c), SSAT_ERR_INVALID_ARG, "key");
    /* arguments and versions; a document that is not a case */
    ko.version = 0;
    assert_status_msg(ssat_case_load_json(ktext, strlen(ktext), &ko, &c), SSAT_ERR_INVALID_ARG,
                      "ssat_case_load_json: argument 'opts': version 0");
    ko.version = SSAT_CASE_LOAD_OPTIONS_VERSION + 1;
    assert_status_msg(ssat_case_load_json(ktext, strlen(ktext), &ko, &c), SSAT_ERR_INVALID_ARG,
                      "SSAT_CASE_LOAD_OPTIONS_INIT");
    assert_status_msg(ssat_case_load_json(NULL, 0, NULL, &c), SSAT_ERR_INVALID_ARG, "'json'");
    assert_status_msg(ssat_case_load_json(ktext, strlen(ktext), NULL, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_status_msg(ssat_case_load_json("[1]", 3, NULL, &c), SSAT_ERR_PARSE, "not a JSON object");
    assert_status_msg(ssat_case_load_json("{\"format\": \"ssat-pack\"}", 23, NULL, &c), SSAT_ERR_PARSE,
                      "field format");
    assert_status_msg(ssat_case_load_json("{\"format\": \"ssat-case\", \"policy\": 3}", 36, NULL, &c),
                      SSAT_ERR_PARSE, "policy");
    assert_status_msg(ssat_case_load_json("{\"format\"", 10, NULL, &c), SSAT_ERR_PARSE, "line 1");
    assert_null(c);
    ssat_free(ktext);
    ssat_case_free(k);
    ssat_free(ltext);
    ssat_case_free(lc);
    ssat_policy_free(local);
    ssat_free(text);
    case_fx_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(document_shape),
        cmocka_unit_test(arguments),
        cmocka_unit_test(wrong_types),
        cmocka_unit_test(trail_that_does_not_replay),
        cmocka_unit_test(tampering_detected),
        cmocka_unit_test(unchained_documents_migrate),
        cmocka_unit_test(policy_must_match),
        cmocka_unit_test(truncated_and_malformed),
        cmocka_unit_test(out_of_memory),
        cmocka_unit_test(load_json_resolves_the_policy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
