/* Tests of lib/evidence/evidence_check.c: a complete pack passes; removing any one required item or field gives
 * exactly its problem; chronology (after the referral, out of order); the certificate's age, figures,
 * pupil and reconciliation with the register (off by one session); a pack with several problems
 * reports them all; every "evidence.*" policy key; the facts written for the referral decision;
 * bilingual messages; every error path; memory through a counting and a failing allocator. */
#include "support.h"
#include "heap.h"
#include "evidence_fixture.h"

#include <stdlib.h>

/* ---- helpers -------------------------------------------------------------------------------------- */

/* Run the check; the caller frees the returned list. */
static ssat_problems *run(const fixture *f, ssat_pupil *pupil)
{
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    size_t errors = 99;
    assert_ok(ssat_pack_check(f->pack, f->policy, f->reg, f->cal, problems, pupil, &errors));
    assert_int_equal(errors, ssat_problems_error_count(problems));
    return problems;
}

static void print_problems(const ssat_problems *problems)
{
    for (size_t i = 0; i < ssat_problems_count(problems); i++) {
        const ssat_problem *p = ssat_problems_at(problems, i);
        print_message("  %s [%s] %s\n", p->id, p->field, p->message_en);
    }
}

/* The check finds exactly one problem, `id` at `field` (NULL: any field). */
static void expect_one(const fixture *f, const char *id, const char *field, const char *context)
{
    ssat_problems *problems = run(f, NULL);
    size_t n = ssat_problems_count(problems);
    const ssat_problem *p = ssat_problems_at(problems, 0);
    if (n != 1 || strcmp(p->id, id) != 0 || (field != NULL && strcmp(p->field, field) != 0)) {
        print_problems(problems);
        fail_msg("%s: expected exactly %s at %s, got %zu problem(s)", context, id, field ? field : "*", n);
    }
    ssat_problems_free(problems);
}

static void expect_none(const fixture *f, const char *context)
{
    ssat_problems *problems = run(f, NULL);
    if (ssat_problems_count(problems) != 0) {
        print_problems(problems);
        fail_msg("%s: expected no problem", context);
    }
    ssat_problems_free(problems);
}

/* How many problems of `id` the list holds. */
static size_t count_id(const ssat_problems *problems, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < ssat_problems_count(problems); i++)
        n += strcmp(ssat_problems_at(problems, i)->id, id) == 0;
    return n;
}

static void remove_kind(ssat_pack *pack, const char *kind)
{
    for (size_t i = ssat_pack_count(pack); i-- > 0;)
        if (strcmp(ssat_pack_item_kind(pack, i), kind) == 0)
            assert_ok(ssat_pack_remove(pack, i));
}

static void set(fixture *f, size_t index, const char *field, const char *value)
{
    fixture_set(f->pack, index, field, value);
}

/* The first AM session on or after `from` marked present ("/"). */
static ssat_date find_present(const ssat_register *reg, const char *from)
{
    for (ssat_date d = test_date(from); d < test_date(from) + 60; d++) {
        const char *code = NULL;
        assert_ok(ssat_register_mark(reg, d, SSAT_AM, &code));
        if (code != NULL && strcmp(code, "/") == 0)
            return d;
    }
    fail_msg("no present mark after %s", from);
    return 0;
}

/* Change one session of the register so that exactly two totals move (attended and unauthorised). */
static void change_one_session(ssat_register *reg)
{
    assert_ok(ssat_register_amend_mark(reg, find_present(reg, "2025-01-07"), SSAT_AM, "G"));
}

/* ---- the complete pack ----------------------------------------------------------------------------- */

static void complete_pack_passes(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    ssat_pupil *pupil = NULL;
    assert_ok(ssat_pupil_new("P00001", NULL, &pupil));
    ssat_problems *problems = run(&f, pupil);
    if (ssat_problems_count(problems) != 0)
        print_problems(problems);
    assert_int_equal(ssat_problems_count(problems), 0);
    for (int fact = SSAT_PUPIL_CAUSE_EXPLORED; fact <= SSAT_PUPIL_PROCEDURES_FOLLOWED; fact++)
        assert_int_equal(ssat_pupil_get_fact(pupil, (ssat_pupil_fact)fact), SSAT_FACT_YES);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_ON_ROLL), SSAT_FACT_UNKNOWN); /* not the pack's */
    ssat_problems_free(problems);
    /* Without a register (no reconciliation) or a calendar (weekdays) it still passes; errors_out may be NULL. */
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_pack_check(f.pack, f.policy, NULL, NULL, problems, NULL, NULL));
    assert_int_equal(ssat_problems_count(problems), 0);
    ssat_problems_free(problems);
    ssat_pupil_free(pupil);
    fixture_free(&f);
}

/* ---- removing one required item -------------------------------------------------------------------- */

static void removing_each_required_item(void **state)
{
    (void)state;
    static const struct {
        const char *kind, *id;
    } required[] = {
        {"concern", "evidence.concern.missing"},   {"letter", "evidence.letter.missing"},
        {"meeting", "evidence.meeting.missing"},   {"support", "evidence.support.missing"},
        {"form", "evidence.form.missing"},         {"certificate", "evidence.certificate.missing"},
    };
    for (size_t r = 0; r < sizeof required / sizeof required[0]; r++) {
        fixture f;
        fixture_make(&f, NULL);
        remove_kind(f.pack, required[r].kind);
        char context[64];
        snprintf(context, sizeof context, "without %s", required[r].kind);
        expect_one(&f, required[r].id, required[r].kind, context);
        fixture_free(&f);
    }
    /* The optional items: removing them changes nothing. */
    static const char *const optional[] = {"contract", "plan", "pupil_voice"};
    for (size_t r = 0; r < 3; r++) {
        fixture f;
        fixture_make(&f, NULL);
        remove_kind(f.pack, optional[r]);
        expect_none(&f, optional[r]);
        fixture_free(&f);
    }
}

/* Invitations come from meeting-invitation letters or meetings with an invitation date. */
static void invitations_required(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    set(&f, FX_LETTER, "type", "warning");
    expect_none(&f, "meetings record the invitations");
    set(&f, FX_MEETING_HELD, "invitation_date", "");
    set(&f, FX_MEETING_NOT_HELD, "invitation_date", "");
    expect_one(&f, "evidence.invitation.missing", "invitation", "no invitation");
    set(&f, FX_LETTER, "type", "meeting_invitation");
    expect_none(&f, "a letter records the invitation");
    fixture_free(&f);
}

/* ---- removing one required field ------------------------------------------------------------------- */

typedef struct required_field {
    size_t item;
    const char *field, *id;
} required_field;

/* Every field the complete pack needs, and the problem its absence gives. */
static const required_field required_fields[] = {
    {FX_CONCERN, "date", "evidence.field.missing"},
    {FX_CONCERN, "summary", "evidence.field.missing"},
    {FX_LETTER, "date_sent", "evidence.field.missing"},
    {FX_LETTER, "type", "evidence.field.missing"},
    {FX_LETTER, "addressee", "evidence.field.missing"},
    {FX_LETTER, "reference", "evidence.field.missing"},
    {FX_MEETING_HELD, "held", "evidence.field.missing"},
    {FX_MEETING_HELD, "date", "evidence.field.missing"},
    {FX_MEETING_HELD, "time", "evidence.field.missing"},
    {FX_MEETING_HELD, "parent_attended", "evidence.field.missing"},
    {FX_MEETING_HELD, "outcome", "evidence.field.missing"},
    {FX_MEETING_NOT_HELD, "held", "evidence.field.missing"},
    {FX_MEETING_NOT_HELD, "parent_attended", "evidence.meeting.not_held_unrecorded"},
    {FX_SUPPORT, "date", "evidence.field.missing"},
    {FX_SUPPORT, "kind", "evidence.field.missing"},
    {FX_SUPPORT, "response", "evidence.field.missing"},
    {FX_CONTRACT, "offered_date", "evidence.field.missing"},
    {FX_CONTRACT, "status", "evidence.field.missing"},
    {FX_CONTRACT, "status_date", "evidence.field.missing"},
    {FX_PLAN, "type", "evidence.field.missing"},
    {FX_PLAN, "start_date", "evidence.field.missing"},
    {FX_VOICE, "date", "evidence.field.missing"},
    {FX_VOICE, "summary", "evidence.field.missing"},
    {FX_FORM, "referral_date", "evidence.field.missing"},
    {FX_FORM, "pupil_id", "evidence.field.missing"},
    {FX_FORM, "pupil_name", "evidence.field.missing"},
    {FX_FORM, "date_of_birth", "evidence.field.missing"},
    {FX_FORM, "parent_name", "evidence.field.missing"},
    {FX_FORM, "reasons", "evidence.field.missing"},
    {FX_FORM, "referrer_name", "evidence.field.missing"},
    {FX_FORM, "referrer_role", "evidence.field.missing"},
    {FX_FORM, "head_teacher_name", "evidence.field.missing"},
    {FX_FORM, "head_teacher_signed", "evidence.form.not_signed"},
    {FX_FORM, "signed_date", "evidence.field.missing"},
    {FX_CERT, "pupil_id", "evidence.field.missing"},
    {FX_CERT, "pupil_name", "evidence.field.missing"},
    {FX_CERT, "school", "evidence.field.missing"},
    {FX_CERT, "period_start", "evidence.field.missing"},
    {FX_CERT, "period_end", "evidence.field.missing"},
    {FX_CERT, "possible", "evidence.field.missing"},
    {FX_CERT, "attended", "evidence.field.missing"},
    {FX_CERT, "authorised", "evidence.field.missing"},
    {FX_CERT, "unauthorised", "evidence.field.missing"},
    {FX_CERT, "percent_tenths", "evidence.field.missing"},
    {FX_CERT, "issue_date", "evidence.field.missing"},
    {FX_CERT, "signatory_name", "evidence.certificate.unsigned"},
    {FX_CERT, "signatory_role", "evidence.certificate.unsigned"},
};

static const required_field *find_required(size_t item, const char *field)
{
    for (size_t i = 0; i < sizeof required_fields / sizeof required_fields[0]; i++)
        if (required_fields[i].item == item && strcmp(required_fields[i].field, field) == 0)
            return &required_fields[i];
    return NULL;
}

/* Every field of every item of the complete pack, cleared one at a time: a required one gives exactly
 * its problem, at "<kind>[n].<field>"; an optional one gives none. */
static void removing_each_field(void **state)
{
    (void)state;
    size_t required_seen = 0;
    for (size_t item = 0; item < FX_ITEMS; item++) {
        fixture probe;
        fixture_make(&probe, NULL);
        const char *kind = ssat_pack_item_kind(probe.pack, item);
        size_t nfields = ssat_pack_field_count(kind);
        fixture_free(&probe);
        for (size_t fi = 0; fi < nfields; fi++) {
            const char *field = NULL;
            assert_ok(ssat_pack_field_at(kind, fi, &field, NULL));
            fixture f;
            fixture_make(&f, NULL);
            const char *before = NULL;
            assert_ok(ssat_pack_get(f.pack, item, field, &before));
            bool was_set = before[0] != '\0';
            set(&f, item, field, "");
            char context[96], path[96];
            snprintf(context, sizeof context, "item %zu (%s) without %s", item, kind, field);
            const required_field *r = find_required(item, field);
            if (r != NULL) {
                assert_true(was_set);
                snprintf(path, sizeof path, "%s[%d].%s", kind, item == FX_MEETING_NOT_HELD ? 1 : 0, field);
                expect_one(&f, r->id, path, context);
                required_seen++;
            } else {
                expect_none(&f, context);
            }
            fixture_free(&f);
        }
    }
    assert_int_equal(required_seen, sizeof required_fields / sizeof required_fields[0]);
}

/* A form the head teacher has not signed: not signed, whatever the (optional) sign-off fields say. */
static void form_marked_not_signed(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    set(&f, FX_FORM, "head_teacher_signed", "no");
    expect_one(&f, "evidence.form.not_signed", "form[0].head_teacher_signed", "signed = no");
    /* A policy that does not ask for the signature. */
    assert_ok(ssat_policy_set_bool(f.policy, "evidence.require_head_teacher_signature", 0));
    expect_none(&f, "signature not required");
    fixture_free(&f);
}

/* ---- chronology ------------------------------------------------------------------------------------ */

static void letter_after_referral(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    set(&f, FX_LETTER, "date_sent", "2025-02-17");
    ssat_pupil *pupil = NULL;
    assert_ok(ssat_pupil_new("P00001", NULL, &pupil));
    ssat_problems *problems = run(&f, pupil);
    assert_int_equal(ssat_problems_count(problems), 1);
    const ssat_problem *p = ssat_problems_at(problems, 0);
    assert_string_equal(p->id, "evidence.chronology.after_referral");
    assert_string_equal(p->field, "letter[0].date_sent");
    assert_string_equal(p->message_en, "Letter 1: the date sent (17 February 2025) is after the referral date (14 February 2025)");
    assert_string_equal(p->message_cy,
                        "Llythyr 1: dyddiad anfon: 17 Chwefror 2025, sydd ar \xc3\xb4l dyddiad yr atgyfeiriad (14 Chwefror 2025)");
    /* R5 fails; R4 (the documents) still holds. */
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_PROCEDURES_FOLLOWED), SSAT_FACT_NO);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_EVIDENCE_COMPLETE), SSAT_FACT_YES);
    ssat_problems_free(problems);
    /* On the referral date itself is fine. */
    set(&f, FX_LETTER, "date_sent", "2025-02-14");
    expect_none(&f, "letter on the referral date");
    ssat_pupil_free(pupil);
    fixture_free(&f);
}

/* Every event date after the referral is found; planned review dates are not events. */
static void every_date_after_referral(void **state)
{
    (void)state;
    static const struct {
        size_t item;
        const char *field, *path;
    } dates[] = {
        {FX_MEETING_HELD, "date", "meeting[0].date"},
        {FX_MEETING_NOT_HELD, "date", "meeting[1].date"},
        {FX_SUPPORT, "date", "support[0].date"},
        {FX_CONTRACT, "status_date", "contract[0].status_date"},
        {FX_VOICE, "date", "pupil_voice[0].date"},
        {FX_FORM, "signed_date", "form[0].signed_date"},
        {FX_CERT, "issue_date", "certificate[0].issue_date"},
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        fixture f;
        fixture_make(&f, NULL);
        set(&f, dates[i].item, dates[i].field, "2025-03-03");
        expect_one(&f, "evidence.chronology.after_referral", dates[i].path, dates[i].path);
        fixture_free(&f);
    }
    /* A concern after the referral also puts every later step before it. */
    fixture f;
    fixture_make(&f, NULL);
    set(&f, FX_CONCERN, "date", "2025-03-03");
    ssat_problems *problems = run(&f, NULL);
    assert_int_equal(count_id(problems, "evidence.chronology.after_referral"), 1);
    assert_string_equal(ssat_problems_at(problems, 0)->field, "concern[0].date");
    assert_int_equal(count_id(problems, "evidence.chronology.order"), 4); /* letter, 2 meetings, support */
    assert_int_equal(ssat_problems_count(problems), 5);
    ssat_problems_free(problems);
    fixture_free(&f);

    fixture_make(&f, NULL);
    set(&f, FX_MEETING_HELD, "review_date", "2025-06-01");
    set(&f, FX_PLAN, "review_dates", "2025-01-13;2025-06-01");
    expect_none(&f, "planned reviews after the referral");
    fixture_free(&f);
}

static void out_of_order(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    /* A letter before the first concern. */
    set(&f, FX_LETTER, "date_sent", "2024-09-13");
    ssat_problems *problems = run(&f, NULL);
    assert_int_equal(ssat_problems_count(problems), 1);
    const ssat_problem *p = ssat_problems_at(problems, 0);
    assert_string_equal(p->id, "evidence.chronology.order");
    assert_string_equal(p->field, "letter[0].date_sent");
    assert_string_equal(p->message_en, "Letter 1: the date sent (13 September 2024) is before the first concern (20 September 2024)");
    assert_non_null(strstr(p->message_cy, "y pryder cyntaf"));
    ssat_problems_free(problems);
    set(&f, FX_LETTER, "date_sent", "2024-10-04");
    /* A parenting contract before the first letter or meeting (the meeting counts from its invitation). */
    set(&f, FX_CONTRACT, "offered_date", "2024-10-01");
    problems = run(&f, NULL);
    assert_int_equal(ssat_problems_count(problems), 1);
    p = ssat_problems_at(problems, 0);
    assert_string_equal(p->id, "evidence.chronology.order");
    assert_string_equal(p->field, "contract[0].offered_date");
    assert_non_null(strstr(p->message_en, "before the first letter or meeting (4 October 2024)"));
    ssat_problems_free(problems);
    /* The policy can leave the order unchecked (after the referral is always checked). */
    assert_ok(ssat_policy_set_bool(f.policy, "evidence.require_order", 0));
    expect_none(&f, "order not required");
    fixture_free(&f);
}

/* ---- the certificate ------------------------------------------------------------------------------- */

/* The register changes by one session after the certificate was made: the two totals that moved are
 * each reported. */
static void certificate_off_by_one_session(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    ssat_date day = find_present(f.reg, "2024-10-01");
    assert_ok(ssat_register_amend_mark(f.reg, day, SSAT_AM, "O"));
    ssat_pupil *pupil = NULL;
    assert_ok(ssat_pupil_new("P00001", NULL, &pupil));
    ssat_problems *problems = run(&f, pupil);
    assert_int_equal(ssat_problems_count(problems), 2);
    assert_int_equal(count_id(problems, "evidence.certificate.mismatch"), 2);
    assert_string_equal(ssat_problems_at(problems, 0)->field, "certificate[0].attended");
    assert_string_equal(ssat_problems_at(problems, 1)->field, "certificate[0].unauthorised");
    const char *given = NULL;
    assert_ok(ssat_pack_get(f.pack, FX_CERT, "attended", &given));
    char expected[200];
    snprintf(expected, sizeof expected,
             "Attendance registration certificate: it gives %s sessions attended, but the register gives %ld for "
             "2 September 2024 to 7 February 2025", given, strtol(given, NULL, 10) - 1);
    assert_string_equal(ssat_problems_at(problems, 0)->message_en, expected);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_EVIDENCE_COMPLETE), SSAT_FACT_NO);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_PROCEDURES_FOLLOWED), SSAT_FACT_YES);
    ssat_problems_free(problems);
    /* A session that is not possible ("#") moves possible and attended. */
    assert_ok(ssat_register_amend_mark(f.reg, day, SSAT_AM, "#"));
    problems = run(&f, NULL);
    assert_int_equal(count_id(problems, "evidence.certificate.mismatch"), 2);
    assert_string_equal(ssat_problems_at(problems, 0)->field, "certificate[0].possible");
    ssat_problems_free(problems);
    /* Without the register nothing is reconciled. */
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_pack_check(f.pack, f.policy, NULL, f.cal, problems, NULL, NULL));
    assert_int_equal(ssat_problems_count(problems), 0);
    ssat_problems_free(problems);
    ssat_pupil_free(pupil);
    fixture_free(&f);
}

/* Within "evidence.certificate.max_age_school_days" (10) school days of the referral. The certificate
 * ends Friday 7 February; 10-21 February are 10 school days, 24-28 February half-term. */
static void certificate_age(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    set(&f, FX_FORM, "referral_date", "2025-03-03"); /* 10 school days between */
    expect_none(&f, "10 school days");
    set(&f, FX_FORM, "referral_date", "2025-03-04"); /* 11 */
    ssat_problems *problems = run(&f, NULL);
    assert_int_equal(ssat_problems_count(problems), 1);
    const ssat_problem *p = ssat_problems_at(problems, 0);
    assert_string_equal(p->id, "evidence.certificate.stale");
    assert_string_equal(p->field, "certificate[0].period_end");
    assert_string_equal(p->message_en, "The attendance registration certificate ends on 7 February 2025, 11 school days "
                                       "before the referral date (4 March 2025); it must reach to within 10 school "
                                       "days of the referral");
    ssat_problems_free(problems);
    /* Without a calendar, weekdays count: 10-28 February and 3 March are 16. */
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_pack_check(f.pack, f.policy, f.reg, NULL, problems, NULL, NULL));
    assert_int_equal(ssat_problems_count(problems), 1);
    assert_non_null(strstr(ssat_problems_at(problems, 0)->message_en, " 16 school days"));
    ssat_problems_free(problems);
    /* The policy's number. */
    assert_ok(ssat_policy_set_int(f.policy, "evidence.certificate.max_age_school_days", 11));
    expect_none(&f, "max age 11");
    assert_ok(ssat_policy_set_int(f.policy, "evidence.certificate.max_age_school_days", 0));
    set(&f, FX_FORM, "referral_date", "2025-02-10"); /* the next school day: none between */
    set(&f, FX_FORM, "signed_date", "2025-02-10");
    set(&f, FX_CERT, "issue_date", "2025-02-10");
    expect_none(&f, "max age 0, next day");
    set(&f, FX_FORM, "referral_date", "2025-02-11");
    expect_one(&f, "evidence.certificate.stale", "certificate[0].period_end", "max age 0, one day between");
    fixture_free(&f);

    /* Days outside the calendar's school year count as weekdays: 14 July to 18 July 2025 are the last
     * school days of the calendar's year, 1 to 28 August 2025 lie beyond it (20 weekdays). */
    fixture_make(&f, NULL);
    set(&f, FX_FORM, "referral_date", "2025-08-29");
    set(&f, FX_CERT, "period_end", "2025-07-11");
    set(&f, FX_CERT, "issue_date", "2025-07-11");
    ssat_problems *list = NULL;
    assert_ok(ssat_problems_new(&list, NULL));
    assert_ok(ssat_pack_check(f.pack, f.policy, NULL, f.cal, list, NULL, NULL));
    assert_int_equal(ssat_problems_count(list), 1);
    assert_non_null(strstr(ssat_problems_at(list, 0)->message_en, ", 25 school days before"));
    ssat_problems_clear(list);
    /* Wholly after the calendar's year: 8 to 25 September 2025 are 14 weekdays. */
    set(&f, FX_FORM, "referral_date", "2025-09-26");
    set(&f, FX_CERT, "period_end", "2025-09-05");
    set(&f, FX_CERT, "issue_date", "2025-09-05");
    assert_ok(ssat_pack_check(f.pack, f.policy, NULL, f.cal, list, NULL, NULL));
    assert_int_equal(ssat_problems_count(list), 1);
    assert_non_null(strstr(ssat_problems_at(list, 0)->message_en, ", 14 school days before"));
    ssat_problems_free(list);
    fixture_free(&f);
}

/* The certificate's own figures must hold together, and name the pupil the form names. */
static void certificate_figures(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    set(&f, FX_CERT, "percent_tenths", "999");
    expect_one(&f, "evidence.certificate.inconsistent", "certificate[0].percent_tenths", "percent");
    fixture_free(&f);

    fixture_make(&f, NULL);
    const char *possible = NULL;
    assert_ok(ssat_pack_get(f.pack, FX_CERT, "possible", &possible));
    char more[32];
    snprintf(more, sizeof more, "%ld", strtol(possible, NULL, 10) + 1);
    set(&f, FX_CERT, "possible", more);
    ssat_problems *problems = run(&f, NULL);
    /* The sum no longer holds, and the register disagrees. */
    assert_int_equal(count_id(problems, "evidence.certificate.inconsistent"), 1);
    assert_int_equal(count_id(problems, "evidence.certificate.mismatch"), 1);
    assert_int_equal(ssat_problems_count(problems), 2);
    assert_non_null(strstr(ssat_problems_at(problems, 0)->message_en, "are not the sessions attended plus"));
    ssat_problems_free(problems);
    fixture_free(&f);

    fixture_make(&f, NULL);
    set(&f, FX_CERT, "issue_date", "2025-02-06");
    expect_one(&f, "evidence.certificate.inconsistent", "certificate[0].issue_date", "issued early");
    set(&f, FX_CERT, "issue_date", "2025-02-10");
    set(&f, FX_CERT, "period_start", "2025-02-08");
    /* A reversed period cannot be reconciled: only the inconsistency. */
    expect_one(&f, "evidence.certificate.inconsistent", "certificate[0].period_end", "reversed period");
    set(&f, FX_CERT, "period_start", "2024-09-02");
    set(&f, FX_CERT, "pupil_id", "P00002");
    expect_one(&f, "evidence.certificate.wrong_pupil", "certificate[0].pupil_id", "wrong pupil");
    fixture_free(&f);
}

/* No possible session: no percentage is required, and one given is wrong. */
static void certificate_not_evaluable(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    set(&f, FX_CERT, "possible", "0");
    set(&f, FX_CERT, "attended", "0");
    set(&f, FX_CERT, "authorised", "0");
    set(&f, FX_CERT, "unauthorised", "0");
    set(&f, FX_CERT, "percent_tenths", "");
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_pack_check(f.pack, f.policy, NULL, f.cal, problems, NULL, NULL));
    assert_int_equal(ssat_problems_count(problems), 0);
    set(&f, FX_CERT, "percent_tenths", "0");
    assert_ok(ssat_pack_check(f.pack, f.policy, NULL, f.cal, problems, NULL, NULL));
    assert_int_equal(ssat_problems_count(problems), 1);
    assert_string_equal(ssat_problems_at(problems, 0)->id, "evidence.certificate.inconsistent");
    assert_non_null(strstr(ssat_problems_at(problems, 0)->message_en, "no session was possible"));
    ssat_problems_free(problems);
    fixture_free(&f);
}

/* ---- several problems ------------------------------------------------------------------------------- */

static void several_problems_all_reported(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    remove_kind(f.pack, "support");          /* support.missing */
    remove_kind(f.pack, "concern");          /* concern.missing */
    set(&f, 0, "reference", "");             /* the letter is now item 0: field.missing */
    set(&f, 1, "time", "");                  /* the meeting held: field.missing */
    set(&f, 2, "date", "2025-03-01");        /* the meeting not held: after_referral */
    set(&f, 2, "parent_attended", "");       /* not_held_unrecorded */
    size_t form = 6, cert = 7;
    assert_string_equal(ssat_pack_item_kind(f.pack, form), "form");
    set(&f, form, "head_teacher_signed", "no"); /* not_signed */
    set(&f, cert, "signatory_role", "");        /* unsigned */
    set(&f, form, "referral_date", "2025-03-10"); /* stale (the meeting is still after: 2025-03-01 < 03-10) */
    set(&f, 2, "date", "2025-03-11");
    change_one_session(f.reg); /* 2 mismatches */
    ssat_pupil *pupil = NULL;
    assert_ok(ssat_pupil_new("P00001", NULL, &pupil));
    ssat_problems *problems = run(&f, pupil);
    static const struct {
        const char *id;
        size_t n;
    } expected[] = {
        {"evidence.support.missing", 1}, {"evidence.concern.missing", 1},
        {"evidence.field.missing", 2},   {"evidence.chronology.after_referral", 1},
        {"evidence.meeting.not_held_unrecorded", 1}, {"evidence.form.not_signed", 1},
        {"evidence.certificate.unsigned", 1},        {"evidence.certificate.stale", 1},
        {"evidence.certificate.mismatch", 2},
    };
    size_t total = 0;
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        if (count_id(problems, expected[i].id) != expected[i].n) {
            print_problems(problems);
            fail_msg("%s: %zu, expected %zu", expected[i].id, count_id(problems, expected[i].id), expected[i].n);
        }
        total += expected[i].n;
    }
    assert_int_equal(ssat_problems_count(problems), total);
    assert_int_equal(ssat_problems_error_count(problems), total);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_EVIDENCE_COMPLETE), SSAT_FACT_NO);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_PROCEDURES_FOLLOWED), SSAT_FACT_NO);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_SUPPORT_OFFERED), SSAT_FACT_NO);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_CAUSE_EXPLORED), SSAT_FACT_YES);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_PARENTS_INVITED), SSAT_FACT_YES);
    ssat_problems_free(problems);
    ssat_pupil_free(pupil);
    fixture_free(&f);
}

/* An empty pack: every required document is missing; the facts say so; problems are appended after
 * any already in the list. */
static void empty_pack(void **state)
{
    (void)state;
    ssat_pack *pack = NULL;
    ssat_policy *policy = NULL;
    ssat_problems *problems = NULL;
    ssat_pupil *pupil = NULL;
    assert_ok(ssat_pack_new(NULL, &pack));
    assert_ok(ssat_policy_builtin(NULL, NULL, &policy));
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_pupil_new("P1", NULL, &pupil));
    assert_ok(ssat_pupil_set_fact(pupil, SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES));
    assert_ok(ssat_pack_check(pack, policy, NULL, NULL, problems, NULL, NULL));
    size_t first = ssat_problems_count(problems);
    size_t errors = 0;
    assert_ok(ssat_pack_check(pack, policy, NULL, NULL, problems, pupil, &errors));
    assert_int_equal(ssat_problems_count(problems), 2 * first);
    assert_int_equal(errors, first); /* this call's errors only */
    static const char *const ids[] = {"evidence.form.missing", "evidence.concern.missing", "evidence.letter.missing",
                                      "evidence.meeting.missing", "evidence.invitation.missing",
                                      "evidence.support.missing", "evidence.certificate.missing"};
    assert_int_equal(first, sizeof ids / sizeof ids[0]);
    for (size_t i = 0; i < first; i++) {
        const ssat_problem *p = ssat_problems_at(problems, first + i);
        assert_string_equal(p->id, ids[i]);
        assert_int_equal(p->severity, SSAT_SEVERITY_ERROR);
    }
    assert_string_equal(ssat_problems_at(problems, 2)->message_en,
                        "The pack needs at least 1 letter(s) to the family; it holds 0");
    assert_string_equal(ssat_problems_at(problems, 2)->message_cy,
                        "Mae angen o leiaf 1 llythyr at y teulu yn y pecyn; mae'n cynnwys 0");
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_CAUSE_EXPLORED), SSAT_FACT_NO);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_SUPPORT_OFFERED), SSAT_FACT_NO);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_PARENTS_INVITED), SSAT_FACT_NO);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_EVIDENCE_COMPLETE), SSAT_FACT_NO);
    /* No referral date: whether anything came after the referral cannot be told. */
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_PROCEDURES_FOLLOWED), SSAT_FACT_UNKNOWN);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_ON_ROLL), SSAT_FACT_YES); /* untouched */
    ssat_pupil_free(pupil);
    ssat_problems_free(problems);
    ssat_policy_free(policy);
    ssat_pack_free(pack);
}

/* ---- policy ---------------------------------------------------------------------------------------- */

static void policy_counts_and_switches(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    assert_ok(ssat_policy_set_int(f.policy, "evidence.min_letters", 2));
    expect_one(&f, "evidence.letter.missing", "letter", "two letters");
    assert_ok(ssat_policy_set_int(f.policy, "evidence.min_letters", 1));
    assert_ok(ssat_policy_set_int(f.policy, "evidence.min_meetings", 3));
    expect_one(&f, "evidence.meeting.missing", "meeting", "three meetings");
    assert_ok(ssat_policy_set_int(f.policy, "evidence.min_meetings", 1));
    assert_ok(ssat_policy_set_int(f.policy, "evidence.min_invitations", 3));
    expect_one(&f, "evidence.invitation.missing", "invitation", "three invitations");
    assert_ok(ssat_policy_set_int(f.policy, "evidence.min_invitations", 1));
    assert_ok(ssat_policy_set_int(f.policy, "evidence.min_support_offers", 2));
    expect_one(&f, "evidence.support.missing", "support", "two offers");
    assert_ok(ssat_policy_set_int(f.policy, "evidence.min_support_offers", 1));
    remove_kind(f.pack, "pupil_voice");
    expect_none(&f, "pupil voice not required");
    assert_ok(ssat_policy_set_bool(f.policy, "evidence.require_pupil_voice", 1));
    expect_one(&f, "evidence.pupil_voice.missing", "pupil_voice", "pupil voice required");
    fixture_free(&f);

    /* Every count 0 and nothing required: only the form and the certificate stay required. */
    fixture_make(&f, NULL);
    static const char *const counts[] = {"evidence.min_letters", "evidence.min_meetings", "evidence.min_invitations",
                                         "evidence.min_support_offers"};
    for (size_t i = 0; i < 4; i++)
        assert_ok(ssat_policy_set_int(f.policy, counts[i], 0));
    assert_ok(ssat_policy_set_bool(f.policy, "evidence.require_concern", 0));
    static const char *const kinds[] = {"concern", "letter", "meeting", "support", "contract", "plan", "pupil_voice"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        remove_kind(f.pack, kinds[i]);
    expect_none(&f, "nothing required");
    fixture_free(&f);
}

/* ---- facts ----------------------------------------------------------------------------------------- */

static void facts_for_the_decision(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    ssat_pupil *pupil = NULL;
    assert_ok(ssat_pupil_new("P00001", NULL, &pupil));
    ssat_problems *problems = NULL;
    /* The cause is explored by a held meeting with an outcome, or by the pupil's voice. */
    remove_kind(f.pack, "pupil_voice");
    ssat_problems_free(run(&f, pupil));
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_CAUSE_EXPLORED), SSAT_FACT_YES);
    set(&f, FX_MEETING_HELD, "outcome", "");
    problems = run(&f, pupil);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_CAUSE_EXPLORED), SSAT_FACT_NO);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_EVIDENCE_COMPLETE), SSAT_FACT_NO);
    ssat_problems_free(problems);
    fixture_free(&f);
    /* Parents invited by a letter alone. */
    fixture_make(&f, NULL);
    remove_kind(f.pack, "meeting");
    problems = run(&f, pupil);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_PARENTS_INVITED), SSAT_FACT_YES);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_CAUSE_EXPLORED), SSAT_FACT_YES); /* pupil voice */
    ssat_problems_free(problems);
    fixture_free(&f);
    ssat_pupil_free(pupil);
}

/* The facts are what the referral decision reads for R3, R4 and R5. */
static ssat_outcome referral_outcome(const fixture *f, ssat_pupil *pupil, const char *criterion)
{
    ssat_problems_free(run(f, pupil));
    ssat_decision *d = NULL;
    assert_ok(ssat_referral_evaluate(f->policy, f->reg, f->cal, pupil, test_date("2025-02-14"), &d));
    const ssat_criterion *c = NULL;
    assert_ok(ssat_decision_find(d, criterion, &c));
    ssat_outcome outcome = c->outcome;
    ssat_decision_free(d);
    return outcome;
}

static void feeds_the_referral_decision(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    ssat_pupil *pupil = NULL;
    assert_ok(ssat_pupil_new("P00001", NULL, &pupil));
    assert_int_equal(referral_outcome(&f, pupil, "referral.r3.engagement"), SSAT_OUTCOME_MET);
    assert_int_equal(referral_outcome(&f, pupil, "referral.r4.evidence"), SSAT_OUTCOME_MET);
    assert_int_equal(referral_outcome(&f, pupil, "referral.r5.procedures"), SSAT_OUTCOME_MET);
    /* A letter after the referral breaks the procedure, not the evidence. */
    set(&f, FX_LETTER, "date_sent", "2025-02-17");
    assert_int_equal(referral_outcome(&f, pupil, "referral.r5.procedures"), SSAT_OUTCOME_NOT_MET);
    assert_int_equal(referral_outcome(&f, pupil, "referral.r4.evidence"), SSAT_OUTCOME_MET);
    set(&f, FX_LETTER, "date_sent", "2024-10-04");
    /* No support offered: R3 and R4 fail. */
    assert_ok(ssat_pack_remove(f.pack, FX_SUPPORT));
    assert_int_equal(referral_outcome(&f, pupil, "referral.r3.engagement"), SSAT_OUTCOME_NOT_MET);
    assert_int_equal(referral_outcome(&f, pupil, "referral.r4.evidence"), SSAT_OUTCOME_NOT_MET);
    assert_int_equal(referral_outcome(&f, pupil, "referral.r5.procedures"), SSAT_OUTCOME_MET);
    ssat_pupil_free(pupil);
    fixture_free(&f);
}

/* ---- messages -------------------------------------------------------------------------------------- */

/* Every problem the check can give has an English and a Welsh text of its own, with every placeholder
 * filled. */
static void messages_bilingual(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    /* Gather one of each kind of problem from several packs into one list. */
    for (size_t i = 0; i < sizeof required_fields / sizeof required_fields[0]; i++) {
        fixture g;
        fixture_make(&g, NULL);
        fixture_set(g.pack, required_fields[i].item, required_fields[i].field, "");
        assert_ok(ssat_pack_check(g.pack, g.policy, g.reg, g.cal, problems, NULL, NULL));
        fixture_free(&g);
    }
    ssat_pack *empty = NULL;
    assert_ok(ssat_pack_new(NULL, &empty));
    assert_ok(ssat_policy_set_bool(f.policy, "evidence.require_pupil_voice", 1));
    assert_ok(ssat_pack_check(empty, f.policy, NULL, NULL, problems, NULL, NULL));
    ssat_pack_free(empty);
    set(&f, FX_LETTER, "date_sent", "2024-09-01");
    set(&f, FX_CONTRACT, "offered_date", "2024-09-02");
    set(&f, FX_SUPPORT, "date", "2025-06-03");
    set(&f, FX_CERT, "pupil_id", "P9");
    set(&f, FX_CERT, "percent_tenths", "1");
    set(&f, FX_CERT, "issue_date", "2025-01-01");
    set(&f, FX_FORM, "referral_date", "2025-06-02");
    change_one_session(f.reg);
    assert_ok(ssat_pack_check(f.pack, f.policy, f.reg, f.cal, problems, NULL, NULL));
    static const char *const all_ids[] = {
        "evidence.form.missing", "evidence.concern.missing", "evidence.letter.missing", "evidence.meeting.missing",
        "evidence.invitation.missing", "evidence.support.missing", "evidence.pupil_voice.missing",
        "evidence.certificate.missing", "evidence.field.missing", "evidence.meeting.not_held_unrecorded",
        "evidence.chronology.after_referral", "evidence.chronology.order", "evidence.form.not_signed",
        "evidence.certificate.stale", "evidence.certificate.mismatch", "evidence.certificate.unsigned",
        "evidence.certificate.inconsistent", "evidence.certificate.wrong_pupil"}; /* late_start: own test */
    for (size_t i = 0; i < sizeof all_ids / sizeof all_ids[0]; i++)
        if (count_id(problems, all_ids[i]) == 0)
            fail_msg("no %s among the problems gathered", all_ids[i]);
    for (size_t i = 0; i < ssat_problems_count(problems); i++) {
        const ssat_problem *p = ssat_problems_at(problems, i);
        assert_true(strlen(p->message_en) > 10);
        assert_true(strlen(p->message_cy) > 10);
        assert_string_not_equal(p->message_en, p->message_cy);
        assert_string_not_equal(p->message_en, p->id); /* a template exists */
        if (strchr(p->message_en, '{') != NULL || strchr(p->message_cy, '{') != NULL)
            fail_msg("unfilled placeholder: %s / %s", p->message_en, p->message_cy);
        assert_true(p->field[0] != '\0');
    }
    ssat_problems_free(problems);
    fixture_free(&f);
}

static void field_message_names_item_and_field(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    set(&f, FX_MEETING_NOT_HELD, "held", "yes"); /* now needs date (set), time, parent (set), outcome */
    ssat_problems *problems = run(&f, NULL);
    assert_int_equal(ssat_problems_count(problems), 2);
    assert_string_equal(ssat_problems_at(problems, 0)->field, "meeting[1].time");
    assert_string_equal(ssat_problems_at(problems, 0)->message_en,
                        "Meeting 2: required information missing: time of the meeting");
    assert_string_equal(ssat_problems_at(problems, 0)->message_cy,
                        "Cyfarfod 2: gwybodaeth ofynnol ar goll: amser y cyfarfod");
    assert_string_equal(ssat_problems_at(problems, 1)->field, "meeting[1].outcome");
    ssat_problems_free(problems);
    fixture_free(&f);
}

/* ---- errors and memory ----------------------------------------------------------------------------- */

static void check_rejects(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    size_t errors = 7;
    assert_status_msg(ssat_pack_check(NULL, f.policy, NULL, NULL, problems, NULL, &errors), SSAT_ERR_INVALID_ARG,
                      "ssat_pack_check: argument 'pack'");
    assert_int_equal(errors, 0);
    assert_status_msg(ssat_pack_check(f.pack, NULL, NULL, NULL, problems, NULL, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'policy'");
    assert_status_msg(ssat_pack_check(f.pack, f.policy, NULL, NULL, NULL, NULL, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'problems'");
    assert_int_equal(ssat_problems_count(problems), 0);
    ssat_problems_free(problems);
    fixture_free(&f);
}

/* Every allocation of the check fails in turn: the call fails cleanly, the list keeps exactly what it
 * held before, the pupil is untouched, and nothing leaks. */
static void failing_allocator(void **state)
{
    (void)state;
    test_heap heap = {0};
    ssat_allocator a = test_heap_allocator(&heap, true);
    fixture f;
    fixture_make(&f, &a);
    /* Problems to report: several, so allocation fails part-way through the list. */
    set(&f, FX_LETTER, "reference", "");
    set(&f, FX_CERT, "signatory_role", "");
    change_one_session(f.reg);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, &a));
    ssat_pupil *pupil = NULL;
    assert_ok(ssat_pupil_new("P00001", &a, &pupil));
    assert_ok(ssat_pack_check(f.pack, f.policy, f.reg, f.cal, problems, NULL, NULL)); /* one set already there */
    size_t held = ssat_problems_count(problems);
    assert_int_equal(held, 4);
    bool succeeded = false;
    for (size_t k = 1; !succeeded && k < 200; k++) {
        heap.fail_at = heap.calls + k;
        size_t errors = 5;
        ssat_status st = ssat_pack_check(f.pack, f.policy, f.reg, f.cal, problems, pupil, &errors);
        if (st == SSAT_OK) {
            succeeded = true;
            assert_int_equal(errors, held);
            break;
        }
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_non_null(strstr(ssat_error_message(), "ssat_pack_check"));
        assert_int_equal(errors, 0);
        assert_int_equal(ssat_problems_count(problems), held);
        assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_EVIDENCE_COMPLETE), SSAT_FACT_UNKNOWN);
    }
    assert_true(succeeded);
    assert_true(heap.failures > 1);
    heap.fail_at = 0;
    assert_int_equal(ssat_problems_count(problems), 2 * held);
    assert_int_equal(ssat_pupil_get_fact(pupil, SSAT_PUPIL_EVIDENCE_COMPLETE), SSAT_FACT_NO);
    ssat_pupil_free(pupil);
    ssat_problems_free(problems);
    fixture_free(&f);
    assert_heap_clean(&heap);
}

/* Item h: the certificate covers the referral window from its start (1 August by default; the
 * fixture's first school day is 4 September), not only to within 10 school days of the referral. */
static void certificate_covers_the_window_from_its_start(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    set(&f, FX_CERT, "period_start", "2024-09-02");
    expect_none(&f, "from the first school day");
    set(&f, FX_CERT, "period_start", "2024-08-01");
    expect_none(&f, "from 1 August");
    set(&f, FX_CERT, "period_start", "2024-09-09"); /* 4-6 September not covered */
    ssat_problems *problems = run(&f, NULL);
    assert_int_equal(count_id(problems, "evidence.certificate.late_start"), 1);
    const ssat_problem *p = NULL;
    for (size_t i = 0; i < ssat_problems_count(problems); i++)
        if (strcmp(ssat_problems_at(problems, i)->id, "evidence.certificate.late_start") == 0)
            p = ssat_problems_at(problems, i);
    assert_string_equal(p->field, "certificate[0].period_start");
    assert_string_equal(p->message_en, "The attendance registration certificate begins on 9 September 2024, but the "
                                       "referral's window begins on 1 August 2024: 3 school days of the window are "
                                       "not covered; the certificate must cover the window from its start");
    assert_non_null(strstr(p->message_cy, "rhaid i'r dystysgrif gwmpasu'r cyfnod o'i ddechrau"));
    ssat_problems_free(problems);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(certificate_covers_the_window_from_its_start),
        cmocka_unit_test(complete_pack_passes),
        cmocka_unit_test(removing_each_required_item),
        cmocka_unit_test(invitations_required),
        cmocka_unit_test(removing_each_field),
        cmocka_unit_test(form_marked_not_signed),
        cmocka_unit_test(letter_after_referral),
        cmocka_unit_test(every_date_after_referral),
        cmocka_unit_test(out_of_order),
        cmocka_unit_test(certificate_off_by_one_session),
        cmocka_unit_test(certificate_age),
        cmocka_unit_test(certificate_figures),
        cmocka_unit_test(certificate_not_evaluable),
        cmocka_unit_test(several_problems_all_reported),
        cmocka_unit_test(empty_pack),
        cmocka_unit_test(policy_counts_and_switches),
        cmocka_unit_test(facts_for_the_decision),
        cmocka_unit_test(feeds_the_referral_decision),
        cmocka_unit_test(messages_bilingual),
        cmocka_unit_test(field_message_names_item_and_field),
        cmocka_unit_test(check_rejects),
        cmocka_unit_test(failing_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
