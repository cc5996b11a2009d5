/* A case over the rules fixture (tests/rules_fixture.h: school year 2024/25, pupil "P1", register and
 * calendar), for tests/test_case*.c. Include after support.h. */
#ifndef SSAT_TEST_CASE_FIXTURE_H
#define SSAT_TEST_CASE_FIXTURE_H

#include "rules_fixture.h"

#include "ssat/case.h"
#include "ssat/certificate.h"
#include "case_internal.h"

typedef struct case_fx {
    fixture f;
    ssat_case *c;
    ssat_decision *refusal;
    char message[2048]; /* the error message of the last refusal */
} case_fx;

/* The case's pupil is of compulsory school age (born 2012-05-01) and on roll; the school's facts are
 * all yes (the evidence check of a referral may override R3..R5 from the pack). */
static inline void case_fx_pupil(ssat_case *c)
{
    ssat_pupil *p = ssat_case_pupil(c);
    assert_ok(ssat_pupil_set_date_of_birth(p, D("2012-05-01")));
    for (int k = 0; k < SSAT_PUPIL_FACT_COUNT; k++)
        assert_ok(ssat_pupil_set_fact(p, (ssat_pupil_fact)k, SSAT_FACT_YES));
}

static inline void case_fx_init(case_fx *x)
{
    memset(x, 0, sizeof *x);
    fixture_init(&x->f, "carmarthenshire");
    assert_ok(ssat_case_new("P1", x->f.policy, &x->c));
    case_fx_pupil(x->c);
}

static inline void case_fx_free(case_fx *x)
{
    ssat_decision_free(x->refusal);
    ssat_case_free(x->c);
    fixture_free(&x->f);
    memset(x, 0, sizeof *x);
}

/* The case as JSON (to compare before and after); free with ssat_free(). */
static inline char *case_fx_json(const ssat_case *c)
{
    char *t = NULL;
    assert_ok(ssat_case_to_json(c, &t));
    return t;
}

/* Apply an event as "Ms Jones" (attendance officer); fails the test when refused. */
static inline void case_fx_apply(case_fx *x, const char *event, const char *date, const char *parent,
                                 const char *detail)
{
    ssat_status st = ssat_case_apply_event(x->c, &(ssat_case_event){SSAT_CASE_EVENT_VERSION, event, D(date),
                                           "Ms Jones", "attendance officer", parent, detail, NULL,
                                           x->f.reg, x->f.calendar, NULL, NULL, NULL}, NULL);
    if (st != SSAT_OK)
        fail_msg("%s on %s: %d (%s): %s", event, date, (int)st, ssat_status_str(st), ssat_error_message());
}

/* Apply an event that must be refused by `guard`: the refusal names it, its decision lists it as not
 * met, and the case is unchanged (same JSON). */
static inline void case_fx_refused(case_fx *x, const char *event, const char *date, const char *parent,
                                   const char *detail, const char *guard)
{
    char *before = case_fx_json(x->c);
    ssat_decision_free(x->refusal);
    x->refusal = NULL;
    ssat_error_clear();
    ssat_status st = ssat_case_apply_event(x->c, &(ssat_case_event){SSAT_CASE_EVENT_VERSION, event, D(date),
                                           "Ms Jones", "attendance officer", parent, detail, NULL,
                                           x->f.reg, x->f.calendar, NULL, NULL, NULL}, &x->refusal);
    if (st != SSAT_ERR_STATE)
        fail_msg("%s on %s: expected a refusal by %s, got %d (%s): %s", event, date, guard, (int)st,
                 ssat_status_str(st), ssat_error_message());
    if (strstr(ssat_error_message(), guard) == NULL)
        fail_msg("%s on %s: refused, but not by %s: %s", event, date, guard, ssat_error_message());
    snprintf(x->message, sizeof x->message, "%s", ssat_error_message());
    assert_non_null(x->refusal);
    assert_string_equal(ssat_decision_kind(x->refusal), "case");
    assert_int_equal(ssat_decision_outcome(x->refusal), SSAT_OUTCOME_NOT_MET);
    const ssat_criterion *k = NULL;
    assert_ok(ssat_decision_find(x->refusal, guard, &k));
    assert_int_not_equal(k->outcome, SSAT_OUTCOME_MET);
    assert_true(strlen(k->message_en) > 0 && strlen(k->message_cy) > 0);
    assert_null(strchr(k->message_en, '{'));
    assert_null(strchr(k->message_cy, '{'));
    /* Every criterion of the refusal is a listed criterion id with messages in both languages. */
    for (size_t i = 0; i < ssat_decision_count(x->refusal); i++) {
        const ssat_criterion *g = ssat_decision_at(x->refusal, i);
        bool listed = false;
        for (size_t n = 0; n < ssat_criterion_id_count() && !listed; n++)
            listed = strcmp(ssat_criterion_id_at(n), g->id) == 0;
        if (!listed)
            fail_msg("guard %s is not a listed criterion id", g->id);
        assert_true(strlen(g->message_en) > 0 && strlen(g->message_cy) > 0);
        assert_string_not_equal(g->message_en, g->message_cy);
    }
    char *after = case_fx_json(x->c);
    assert_string_equal(before, after);
    ssat_free(before);
    ssat_free(after);
}

/* Add an item of `kind` with fields and values from `kv` (name, value, ..., NULL); returns its index. */
static inline size_t case_fx_item(ssat_pack *p, const char *kind, const char *const *kv)
{
    size_t i = 0;
    assert_ok(ssat_pack_add(p, kind, &i));
    for (size_t k = 0; kv[k] != NULL; k += 2)
        if (ssat_pack_set(p, i, kv[k], kv[k + 1]) != SSAT_OK)
            fail_msg("%s.%s = \"%s\": %s", kind, kv[k], kv[k + 1], ssat_error_message());
    return i;
}

/* Fill the case's pack with what a referral on `referral_date` needs: the concern, a letter, a meeting
 * invitation and the minutes of the meeting held, support offered, the form signed by the head teacher,
 * and the attendance certificate from the register (to the last day filled, or the referral date if
 * earlier). Returns the form's index. */
static inline size_t case_fx_pack(case_fx *x, const char *referral_date)
{
    ssat_pack *p = ssat_case_pack(x->c);
    case_fx_item(p, "concern", (const char *const[]){"date", "2024-09-20", "raised_by", "Head of Year 8", "summary",
                                                    "Attendance has fallen below 90 %", NULL});
    case_fx_item(p, "letter", (const char *const[]){"date_sent", "2024-09-23", "type", "attendance_concern",
                                                   "addressee", "Mrs Evans", "delivery", "post", "reference",
                                                   "L/2024/031", NULL});
    case_fx_item(p, "letter", (const char *const[]){"date_sent", "2024-09-25", "type", "meeting_invitation",
                                                   "addressee", "Mrs Evans", "delivery", "email", "reference",
                                                   "L/2024/034", NULL});
    case_fx_item(p, "meeting", (const char *const[]){"invitation_date", "2024-09-25", "held", "yes", "date",
                                                    "2024-10-01", "time", "09:30", "parent_attended", "yes",
                                                    "outcome", "Attendance plan agreed", NULL});
    case_fx_item(p, "support", (const char *const[]){"date", "2024-10-02", "kind", "mentoring", "response",
                                                    "accepted", NULL});
    size_t form = case_fx_item(p, "form", (const char *const[]){
        "referral_date", referral_date, "pupil_id", "P1", "pupil_name", "Dylan Evans", "date_of_birth",
        "2012-05-01", "parent_name", "Mrs Evans", "reasons", "Attendance 80 %, 20 unauthorised sessions",
        "referrer_name", "Ms Jones", "referrer_role", "Attendance officer", "head_teacher_name", "Mr Price",
        "head_teacher_signed", "yes", "signed_date", referral_date, NULL});
    ssat_window w;
    ssat_certificate *cert = NULL;
    ssat_date end = x->f.last < D(referral_date) ? x->f.last : D(referral_date);
    assert_ok(ssat_window_range(D("2024-09-02"), end, &w));
    assert_ok(ssat_certificate_new(x->f.reg, x->f.calendar, &w, &cert));
    assert_ok(ssat_certificate_set(cert, "pupil_id", "P1"));
    assert_ok(ssat_certificate_set(cert, "pupil_name", "Dylan Evans"));
    assert_ok(ssat_certificate_set(cert, "school", "Ysgol Bro Myrddin"));
    assert_ok(ssat_certificate_set(cert, "issue_date", ssat__text_date(end).s));
    assert_ok(ssat_certificate_set(cert, "signatory_name", "Mr Price"));
    assert_ok(ssat_certificate_set(cert, "signatory_role", "Head teacher"));
    assert_ok(ssat_certificate_to_pack(cert, p));
    ssat_certificate_free(cert);
    return form;
}

#define assert_case_state(x, s) assert_int_equal(ssat_case_main_state((x)->c), (s))

#endif /* SSAT_TEST_CASE_FIXTURE_H */
