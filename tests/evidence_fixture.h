/* A complete referral pack for one pupil, with the register and the school calendar it refers to, for
 * the evidence tests. Include after support.h.
 *
 * The calendar is the sample school's 2024/25 year (examples/data/terms_2024.csv, closures_2024.csv).
 * The register runs from the first day of term to Friday 7 February 2025; the certificate covers
 * exactly that and its totals are the attendance calculation's. The referral is dated Friday
 * 14 February 2025, and every step of the procedure comes in order before it:
 *   concern 2024-09-20; letter (meeting invitation) 2024-10-04; meeting held 2024-10-11 (invited
 *   2024-10-04); meeting not held 2024-11-15 (invited 2024-11-08); support 2024-10-11; pupil voice
 *   2024-10-11; parenting contract offered 2024-11-22 (declined 2024-11-29); PSP 2024-12-02; form
 *   signed 2025-02-13; certificate issued 2025-02-10. */
#ifndef SSAT_TEST_EVIDENCE_FIXTURE_H
#define SSAT_TEST_EVIDENCE_FIXTURE_H

#include <stdlib.h>

typedef struct fixture {
    ssat_codeset *codes;
    ssat_register *reg;
    ssat_calendar *cal;
    ssat_policy *policy;
    ssat_pack *pack;
} fixture;

/* Item indexes in the complete pack. */
enum {
    FX_CONCERN, FX_LETTER, FX_MEETING_HELD, FX_MEETING_NOT_HELD, FX_SUPPORT, FX_CONTRACT, FX_PLAN, FX_VOICE,
    FX_FORM, FX_CERT, FX_ITEMS
};

static inline ssat_calendar *fixture_calendar(const ssat_allocator *alloc)
{
    static const char *const terms[][3] = {
        {"autumn", "2024-09-02", "2024-12-20"}, {"spring", "2025-01-06", "2025-04-11"},
        {"summer", "2025-04-28", "2025-07-18"}};
    static const char *const closures[][2] = {
        {"2024-09-02", "2024-09-03"}, {"2024-10-28", "2024-11-01"}, {"2025-01-06", "2025-01-06"},
        {"2025-02-24", "2025-02-28"}, {"2025-04-28", "2025-04-28"}, {"2025-05-05", "2025-05-05"},
        {"2025-05-26", "2025-05-30"}};
    ssat_calendar *cal = NULL;
    assert_ok(ssat_calendar_new(2024, alloc, &cal));
    ssat_calendar_clear_terms(cal);
    for (size_t i = 0; i < 3; i++)
        assert_ok(ssat_calendar_add_term(cal, terms[i][0], test_date(terms[i][1]), test_date(terms[i][2])));
    for (size_t i = 0; i < 7; i++)
        assert_ok(ssat_calendar_add_closure(cal, test_date(closures[i][0]), test_date(closures[i][1])));
    return cal;
}

/* Marks for every weekday from `first` to `last`: ".." on days that are not school days, else mostly
 * present, with an unauthorised day every 7th school day and an illness every 11th. */
static inline ssat_register *fixture_register(const ssat_codeset *codes, const ssat_calendar *cal, ssat_date first,
                                              ssat_date last)
{
    ssat_register *reg = NULL;
    assert_ok(ssat_register_new(codes, &reg));
    size_t cap = (size_t)(last - first + 1) * 2 + 1, len = 0, school_day = 0;
    char *marks = malloc(cap);
    assert_non_null(marks);
    for (ssat_date d = first; d <= last; d++) {
        if (ssat_date_weekday(d) > 5)
            continue;
        int32_t open = 0;
        assert_ok(ssat_calendar_is_school_day(cal, d, &open));
        const char *pair = !open ? ".." : ++school_day % 7 == 0 ? "OO" : school_day % 11 == 0 ? "II" : "/\\";
        memcpy(marks + len, pair, 2);
        len += 2;
    }
    assert_ok(ssat_register_add_marks(reg, first, marks, len, NULL));
    free(marks);
    return reg;
}

static inline void fixture_set(ssat_pack *pack, size_t index, const char *field, const char *value)
{
    ssat_status st = ssat_pack_set(pack, index, field, value);
    if (st != SSAT_OK)
        fail_msg("setting item %zu %s = \"%s\": %s", index, field, value, ssat_error_message());
}

static inline size_t fixture_add(ssat_pack *pack, const char *kind)
{
    size_t index = 0;
    assert_ok(ssat_pack_add(pack, kind, &index));
    return index;
}

/* The certificate item of the register over [first, last], with totals from the calculation. */
static inline void fixture_certificate(ssat_pack *pack, const ssat_register *reg, const char *first, const char *last)
{
    ssat_window w;
    assert_ok(ssat_window_range(test_date(first), test_date(last), &w));
    ssat_summary *s = NULL;
    assert_ok(ssat_attendance_compute(reg, &w, &s));
    const ssat_totals *t = ssat_summary_totals(s);
    int32_t tenths = 0;
    assert_ok(ssat_summary_attendance_tenths(s, &tenths));
    char v[5][16];
    snprintf(v[0], sizeof v[0], "%u", (unsigned)t->possible);
    snprintf(v[1], sizeof v[1], "%u", (unsigned)t->attended);
    snprintf(v[2], sizeof v[2], "%u", (unsigned)t->authorised);
    snprintf(v[3], sizeof v[3], "%u", (unsigned)t->unauthorised);
    snprintf(v[4], sizeof v[4], "%d", (int)tenths);
    ssat_summary_free(s);
    size_t c = fixture_add(pack, "certificate");
    fixture_set(pack, c, "pupil_id", "P00001");
    fixture_set(pack, c, "pupil_name", "Ioan Lewis");
    fixture_set(pack, c, "school", "Ysgol Gyfun Enghraifft");
    fixture_set(pack, c, "period_start", first);
    fixture_set(pack, c, "period_end", last);
    fixture_set(pack, c, "possible", v[0]);
    fixture_set(pack, c, "attended", v[1]);
    fixture_set(pack, c, "authorised", v[2]);
    fixture_set(pack, c, "unauthorised", v[3]);
    fixture_set(pack, c, "percent_tenths", v[4]);
    fixture_set(pack, c, "issue_date", "2025-02-10");
    fixture_set(pack, c, "signatory_name", "Dr Siân Rhys");
    fixture_set(pack, c, "signatory_role", "Head teacher");
}

static inline void fixture_items(ssat_pack *pack, const ssat_register *reg)
{
    size_t i = fixture_add(pack, "concern");
    fixture_set(pack, i, "date", "2024-09-20");
    fixture_set(pack, i, "raised_by", "Form tutor");
    fixture_set(pack, i, "summary", "Attendance below 90 % since the start of term");
    i = fixture_add(pack, "letter");
    fixture_set(pack, i, "date_sent", "2024-10-04");
    fixture_set(pack, i, "type", "meeting_invitation");
    fixture_set(pack, i, "addressee", "Mrs A. Lewis");
    fixture_set(pack, i, "delivery", "post");
    fixture_set(pack, i, "reference", "ATT/2024/021");
    i = fixture_add(pack, "meeting");
    fixture_set(pack, i, "invitation_date", "2024-10-04");
    fixture_set(pack, i, "held", "yes");
    fixture_set(pack, i, "date", "2024-10-11");
    fixture_set(pack, i, "time", "09:30");
    fixture_set(pack, i, "attendees", "Mrs A. Lewis; Mr D. Price (head of year)");
    fixture_set(pack, i, "parent_attended", "yes");
    fixture_set(pack, i, "outcome", "Morning routine is the difficulty; school nurse referral agreed.");
    fixture_set(pack, i, "agreed_actions", "Daily check-in with the head of year.\nReview in five weeks.");
    fixture_set(pack, i, "review_date", "2024-11-15");
    i = fixture_add(pack, "meeting");
    fixture_set(pack, i, "invitation_date", "2024-11-08");
    fixture_set(pack, i, "held", "no");
    fixture_set(pack, i, "date", "2024-11-15");
    fixture_set(pack, i, "parent_attended", "no");
    i = fixture_add(pack, "support");
    fixture_set(pack, i, "date", "2024-10-11");
    fixture_set(pack, i, "kind", "Referral to the school nurse");
    fixture_set(pack, i, "response", "accepted");
    i = fixture_add(pack, "contract");
    fixture_set(pack, i, "offered_date", "2024-11-22");
    fixture_set(pack, i, "status", "declined");
    fixture_set(pack, i, "status_date", "2024-11-29");
    fixture_set(pack, i, "terms", "Ioan arrives by 08:45 each day; weekly review.");
    i = fixture_add(pack, "plan");
    fixture_set(pack, i, "type", "psp");
    fixture_set(pack, i, "start_date", "2024-12-02");
    fixture_set(pack, i, "review_dates", "2025-01-13;2025-03-10");
    fixture_set(pack, i, "summary", "Pastoral support plan for attendance.");
    i = fixture_add(pack, "pupil_voice");
    fixture_set(pack, i, "date", "2024-10-11");
    fixture_set(pack, i, "summary", "Mae Ioan yn dweud ei fod yn hoffi'r ysgol ond yn blino'n l\xc3\xa2n yn y bore.");
    i = fixture_add(pack, "form");
    fixture_set(pack, i, "referral_date", "2025-02-14");
    fixture_set(pack, i, "pupil_id", "P00001");
    fixture_set(pack, i, "pupil_name", "Ioan Lewis");
    fixture_set(pack, i, "date_of_birth", "2013-02-11");
    fixture_set(pack, i, "year_group", "7");
    fixture_set(pack, i, "parent_name", "Mrs A. Lewis");
    fixture_set(pack, i, "parent_contact", "01267 000000");
    fixture_set(pack, i, "reasons", "Attendance 85 % or lower; unauthorised absence; support declined.");
    fixture_set(pack, i, "referrer_name", "Mr D. Price");
    fixture_set(pack, i, "referrer_role", "Head of year");
    fixture_set(pack, i, "head_teacher_name", "Dr Si\xc3\xa2n Rhys");
    fixture_set(pack, i, "head_teacher_signed", "yes");
    fixture_set(pack, i, "signed_date", "2025-02-13");
    fixture_certificate(pack, reg, "2024-09-02", "2025-02-07");
}

/* Everything, with `alloc` for every object (NULL for libc). */
static inline void fixture_make(fixture *f, const ssat_allocator *alloc)
{
    memset(f, 0, sizeof *f);
    assert_ok(ssat_codeset_builtin("wales-2010", alloc, &f->codes));
    f->cal = fixture_calendar(alloc);
    f->reg = fixture_register(f->codes, f->cal, test_date("2024-09-02"), test_date("2025-02-07"));
    assert_ok(ssat_policy_builtin("carmarthenshire", alloc, &f->policy));
    assert_ok(ssat_pack_new(alloc, &f->pack));
    fixture_items(f->pack, f->reg);
    assert_int_equal(ssat_pack_count(f->pack), FX_ITEMS);
}

static inline void fixture_free(fixture *f)
{
    ssat_pack_free(f->pack);
    ssat_policy_free(f->policy);
    ssat_register_free(f->reg);
    ssat_calendar_free(f->cal);
    ssat_codeset_free(f->codes);
    memset(f, 0, sizeof *f);
}

#endif /* SSAT_TEST_EVIDENCE_FIXTURE_H */
