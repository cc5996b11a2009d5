/* The completeness check of a referral pack (docs/rules.md, "Evidence"): the documents the SSAT requires,
 * the fields each must carry, the chronology of the school's procedure, and the attendance certificate
 * against the register. Every problem is reported, never only the first; the numbers come from the
 * policy's "evidence.*" keys. The facts the pack establishes are written into the pupil record for
 * criteria R3, R4 and R5 of the referral decision.
 *
 * Values in a pack were checked when they were set, so dates and counts here always parse. */
#include "evidence_layer.h"
#include "evidence_internal.h"

#include <stdio.h>
#include <stdlib.h>

#define LABEL_MAX 160 /* an item or field label in either language */

typedef struct check {
    const ssat_pack *pack;
    const ssat_policy *policy;
    const ssat_register *reg;
    const ssat_calendar *calendar;
    ssat_problems *problems;
    ssat_status st;       /* the first failure (allocation); once set, nothing more is reported */
    size_t errors;        /* problems reported by this check */
    size_t chronology;    /* of which chronology problems (R5) */
    bool have_referral;   /* the form gives a referral date */
    ssat_date referral;
    size_t form, cert;    /* item indexes, SIZE_MAX when absent */
} check;

/* ---- small helpers --------------------------------------------------------------------------------- */

static int64_t policy_int(const check *c, ssat__pkey key)
{
    return ssat__policy_value(c->policy, key)->i;
}

static const char *value(const check *c, size_t index, const char *field)
{
    return ssat__pack_value(c->pack, index, field);
}

/* The date in field `field` of item `index`, when set. */
static bool date_of(const check *c, size_t index, const char *field, ssat_date *out)
{
    const char *v = value(c, index, field);
    return v[0] != '\0' && ssat_date_parse(v, out) == SSAT_OK;
}

static bool count_of(const check *c, size_t index, const char *field, uint32_t *out)
{
    const char *v = value(c, index, field);
    if (v[0] == '\0')
        return false;
    *out = (uint32_t)strtoul(v, NULL, 10); /* canonical digits up to 1000000: checked when set */
    return true;
}

static const char *text(const char *id, ssat_lang lang)
{
    const char *t = ssat__message_template(id, lang);
    return t != NULL ? t : id;
}

/* "Letter 2" (people count from 1), or "Referral form" for a kind a pack holds once. */
static void item_label(const check *c, size_t index, ssat_lang lang, char *buf, size_t cap)
{
    ssat__kind k = ssat__pack_kind(c->pack, index);
    char id[64];
    snprintf(id, sizeof id, "evidence.label.%s", ssat__kinds[k].name);
    if (ssat__kinds[k].single)
        snprintf(buf, cap, "%s", text(id, lang));
    else
        snprintf(buf, cap, "%s %zu", text(id, lang), ssat__pack_ordinal(c->pack, index) + 1);
}

static const char *field_label(const check *c, size_t index, const char *field, ssat_lang lang, char *buf,
                               size_t cap)
{
    char id[96];
    snprintf(id, sizeof id, "evidence.label.%s.%s", ssat__kinds[ssat__pack_kind(c->pack, index)].name, field);
    snprintf(buf, cap, "%s", text(id, lang));
    return buf;
}

/* "letter[2].reference", or "letter[2]" when `field` is NULL. */
static void field_path(const check *c, size_t index, const char *field, char *buf, size_t cap)
{
    char name[48];
    ssat__pack_item_name(c->pack, index, name, sizeof name);
    snprintf(buf, cap, "%s%s%s", name, field != NULL ? "." : "", field != NULL ? field : "");
}

/* A phrase of the message tables rendered with its own arguments, for use as an argument. */
static const char *phrase(const char *id, ssat_lang lang, const char *const *args, size_t n, char *buf, size_t cap)
{
    ssat__message_render(buf, cap, text(id, lang), args, n);
    return buf;
}

/* A date in a problem's prose, in words in the problem's language ("18 July 2025", "18 Gorffennaf 2025"). */
typedef struct date_words {
    char en[SSAT_DATE_LONG_BUFSIZE], cy[SSAT_DATE_LONG_BUFSIZE];
} date_words;

static date_words date_text(ssat_date d)
{
    date_words w;
    if (ssat_date_format_long(d, SSAT_LANG_EN, w.en, sizeof w.en) != SSAT_OK)
        w.en[0] = '\0';
    if (ssat_date_format_long(d, SSAT_LANG_CY, w.cy, sizeof w.cy) != SSAT_OK)
        w.cy[0] = '\0';
    return w;
}

/* ---- reporting ------------------------------------------------------------------------------------- */

static void report_lang(check *c, const char *id, const char *field, const char *const *en, const char *const *cy,
                        size_t n)
{
    if (c->st != SSAT_OK)
        return;
    ssat__problem_loc loc = {.field = field};
    c->st = ssat__problems_add_lang(c->problems, id, SSAT_SEVERITY_ERROR, &loc, en, cy, n);
    if (c->st == SSAT_OK)
        c->errors++;
}

static void report(check *c, const char *id, const char *field, const char *const *args, size_t n)
{
    report_lang(c, id, field, args, args, n);
}

/* A problem about one item whose only argument is the item's label ("Meeting 2" / "Cyfarfod 2"). */
static void report_item(check *c, const char *id, size_t index, const char *field)
{
    char en_label[LABEL_MAX], cy_label[LABEL_MAX], path[96];
    item_label(c, index, SSAT_LANG_EN, en_label, sizeof en_label);
    item_label(c, index, SSAT_LANG_CY, cy_label, sizeof cy_label);
    const char *en[] = {en_label}, *cy[] = {cy_label};
    field_path(c, index, field, path, sizeof path);
    report_lang(c, id, path, en, cy, 1);
}

/* ---- required items -------------------------------------------------------------------------------- */

typedef struct tally {
    size_t kinds[SSAT__K_COUNT];
    size_t invitation_letters, invited_meetings;
} tally;

static void count_items(const check *c, tally *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < ssat_pack_count(c->pack); i++) {
        ssat__kind k = ssat__pack_kind(c->pack, i);
        t->kinds[k]++;
        if (k == SSAT__K_LETTER && strcmp(value(c, i, "type"), "meeting_invitation") == 0)
            t->invitation_letters++;
        if (k == SSAT__K_MEETING && value(c, i, "invitation_date")[0] != '\0')
            t->invited_meetings++;
    }
}

/* An invitation letter and the meeting it invited to are one invitation: count whichever record more. */
static size_t invitations(const tally *t)
{
    return t->invitation_letters > t->invited_meetings ? t->invitation_letters : t->invited_meetings;
}

static void require_count(check *c, const char *id, const char *kind, ssat__pkey key, size_t have)
{
    int64_t need = policy_int(c, key);
    if (need <= 0 || (int64_t)have >= need)
        return;
    char need_text[24], have_text[24];
    snprintf(need_text, sizeof need_text, "%lld", (long long)need);
    snprintf(have_text, sizeof have_text, "%zu", have);
    const char *args[] = {need_text, have_text};
    report(c, id, kind, args, 2);
}

static void check_items(check *c)
{
    tally t;
    count_items(c, &t);
    if (t.kinds[SSAT__K_FORM] == 0)
        report(c, "evidence.form.missing", "form", NULL, 0);
    if (policy_int(c, SSAT__P_EVIDENCE_REQUIRE_CONCERN) && t.kinds[SSAT__K_CONCERN] == 0)
        report(c, "evidence.concern.missing", "concern", NULL, 0);
    require_count(c, "evidence.letter.missing", "letter", SSAT__P_EVIDENCE_MIN_LETTERS, t.kinds[SSAT__K_LETTER]);
    require_count(c, "evidence.meeting.missing", "meeting", SSAT__P_EVIDENCE_MIN_MEETINGS, t.kinds[SSAT__K_MEETING]);
    require_count(c, "evidence.invitation.missing", "invitation", SSAT__P_EVIDENCE_MIN_INVITATIONS, invitations(&t));
    require_count(c, "evidence.support.missing", "support", SSAT__P_EVIDENCE_MIN_SUPPORT_OFFERS,
                  t.kinds[SSAT__K_SUPPORT]);
    if (policy_int(c, SSAT__P_EVIDENCE_REQUIRE_PUPIL_VOICE) && t.kinds[SSAT__K_PUPIL_VOICE] == 0)
        report(c, "evidence.pupil_voice.missing", "pupil_voice", NULL, 0);
    if (t.kinds[SSAT__K_CERTIFICATE] == 0)
        report(c, "evidence.certificate.missing", "certificate", NULL, 0);
}

/* ---- required fields ------------------------------------------------------------------------------- */

static bool field_required(const check *c, size_t index, const ssat__fdef *f)
{
    const char *v = f->if_field != NULL ? value(c, index, f->if_field) : "";
    switch (f->req) {
    case SSAT__REQ_NO: return false;
    case SSAT__REQ_ALWAYS: return true;
    case SSAT__REQ_IF: return v[0] != '\0' && ssat__ev_in_list(v, f->if_values);
    case SSAT__REQ_IF_NOT: return v[0] != '\0' && !ssat__ev_in_list(v, f->if_values);
    }
    return false;
}

static void report_missing_field(check *c, size_t index, const char *field)
{
    char en_item[LABEL_MAX], cy_item[LABEL_MAX], en_field[LABEL_MAX], cy_field[LABEL_MAX], path[96];
    item_label(c, index, SSAT_LANG_EN, en_item, sizeof en_item);
    item_label(c, index, SSAT_LANG_CY, cy_item, sizeof cy_item);
    const char *en[] = {en_item, field_label(c, index, field, SSAT_LANG_EN, en_field, sizeof en_field)};
    const char *cy[] = {cy_item, field_label(c, index, field, SSAT_LANG_CY, cy_field, sizeof cy_field)};
    field_path(c, index, field, path, sizeof path);
    report_lang(c, "evidence.field.missing", path, en, cy, 2);
}

/* The omissions with an id of their own: a meeting not held that does not say whether the parent came,
 * a form the head teacher has not signed (when the policy requires it), a certificate without its
 * signatory. */
static void check_special_fields(check *c, size_t index)
{
    switch (ssat__pack_kind(c->pack, index)) {
    case SSAT__K_MEETING:
        if (strcmp(value(c, index, "held"), "no") == 0 && value(c, index, "parent_attended")[0] == '\0')
            report_item(c, "evidence.meeting.not_held_unrecorded", index, "parent_attended");
        break;
    case SSAT__K_FORM:
        if (policy_int(c, SSAT__P_EVIDENCE_REQUIRE_HEAD_SIGNATURE) &&
            strcmp(value(c, index, "head_teacher_signed"), "yes") != 0)
            report_item(c, "evidence.form.not_signed", index, "head_teacher_signed");
        break;
    case SSAT__K_CERTIFICATE:
        if (value(c, index, "signatory_name")[0] == '\0' || value(c, index, "signatory_role")[0] == '\0')
            report_item(c, "evidence.certificate.unsigned", index,
                        value(c, index, "signatory_name")[0] == '\0' ? "signatory_name" : "signatory_role");
        break;
    default: break;
    }
}

static void check_fields(check *c)
{
    for (size_t i = 0; i < ssat_pack_count(c->pack); i++) {
        const ssat__kdef *k = &ssat__kinds[ssat__pack_kind(c->pack, i)];
        for (size_t f = 0; f < k->nfields; f++)
            if (field_required(c, i, &k->fields[f]) && ssat__pack_value_at(c->pack, i, f)[0] == '\0')
                report_missing_field(c, i, k->fields[f].name);
        check_special_fields(c, i);
    }
}

/* ---- chronology ------------------------------------------------------------------------------------ */

/* An event of the procedure out of order: `field` of item `index` holds `date`, which lies after the
 * referral (phrase_id NULL) or before the earlier step named by `phrase_id`, dated `other`. */
static void report_chronology(check *c, size_t index, const char *field, ssat_date date, const char *phrase_id,
                              ssat_date other)
{
    char en_item[LABEL_MAX], cy_item[LABEL_MAX], en_field[LABEL_MAX], cy_field[LABEL_MAX], path[96];
    date_words when = date_text(date), other_text = date_text(other);
    item_label(c, index, SSAT_LANG_EN, en_item, sizeof en_item);
    item_label(c, index, SSAT_LANG_CY, cy_item, sizeof cy_item);
    field_label(c, index, field, SSAT_LANG_EN, en_field, sizeof en_field);
    field_label(c, index, field, SSAT_LANG_CY, cy_field, sizeof cy_field);
    field_path(c, index, field, path, sizeof path);
    size_t before = c->errors;
    if (phrase_id == NULL) {
        const char *en[] = {en_item, en_field, when.en, other_text.en};
        const char *cy[] = {cy_item, cy_field, when.cy, other_text.cy};
        report_lang(c, "evidence.chronology.after_referral", path, en, cy, 4);
    } else {
        const char *en[] = {en_item, en_field, when.en, text(phrase_id, SSAT_LANG_EN), other_text.en};
        const char *cy[] = {cy_item, cy_field, when.cy, text(phrase_id, SSAT_LANG_CY), other_text.cy};
        report_lang(c, "evidence.chronology.order", path, en, cy, 5);
    }
    c->chronology += c->errors - before;
}

/* Nothing is dated after the referral: every event date of every item (not planned review dates). */
static void check_after_referral(check *c)
{
    if (!c->have_referral)
        return;
    for (size_t i = 0; i < ssat_pack_count(c->pack); i++) {
        const ssat__kdef *k = &ssat__kinds[ssat__pack_kind(c->pack, i)];
        for (size_t f = 0; f < k->nfields; f++) {
            ssat_date d;
            if (k->fields[f].event && date_of(c, i, k->fields[f].name, &d) && d > c->referral)
                report_chronology(c, i, k->fields[f].name, d, NULL, c->referral);
        }
    }
}

/* The date by which an item takes its place in the procedure, and the field holding it. A meeting
 * counts from its invitation when there was one. */
static const char *step_date(const check *c, size_t index, ssat_date *out)
{
    static const char *const fields[SSAT__K_COUNT][2] = {
        [SSAT__K_CONCERN] = {"date", NULL},
        [SSAT__K_LETTER] = {"date_sent", NULL},
        [SSAT__K_MEETING] = {"invitation_date", "date"},
        [SSAT__K_SUPPORT] = {"date", NULL},
        [SSAT__K_CONTRACT] = {"offered_date", NULL},
        [SSAT__K_PLAN] = {"start_date", NULL},
    };
    const char *const *f = fields[ssat__pack_kind(c->pack, index)];
    for (size_t j = 0; j < 2 && f[j] != NULL; j++)
        if (date_of(c, index, f[j], out))
            return f[j];
    return NULL;
}

/* The earliest step date among items of the kinds in `kinds` (a bit set); false when none is dated. */
static bool earliest(const check *c, unsigned kinds, ssat_date *out)
{
    bool found = false;
    for (size_t i = 0; i < ssat_pack_count(c->pack); i++) {
        ssat_date d;
        if ((kinds & (1u << ssat__pack_kind(c->pack, i))) && step_date(c, i, &d) != NULL && (!found || d < *out)) {
            *out = d;
            found = true;
        }
    }
    return found;
}

#define BIT(k) (1u << (k))

/* Concern, then letters, meetings and support, then any contract or plan. */
static void check_order(check *c)
{
    ssat_date first_concern = 0, first_contact = 0;
    bool have_concern = earliest(c, BIT(SSAT__K_CONCERN), &first_concern);
    bool have_contact = earliest(c, BIT(SSAT__K_LETTER) | BIT(SSAT__K_MEETING), &first_contact);
    for (size_t i = 0; i < ssat_pack_count(c->pack); i++) {
        ssat__kind k = ssat__pack_kind(c->pack, i);
        ssat_date d;
        const char *field = step_date(c, i, &d);
        if (field == NULL)
            continue;
        bool engagement = k == SSAT__K_LETTER || k == SSAT__K_MEETING || k == SSAT__K_SUPPORT;
        bool intervention = k == SSAT__K_CONTRACT || k == SSAT__K_PLAN;
        if (engagement && have_concern && d < first_concern)
            report_chronology(c, i, field, d, "evidence.phrase.first_concern", first_concern);
        if (intervention && have_contact && d < first_contact)
            report_chronology(c, i, field, d, "evidence.phrase.first_contact", first_contact);
    }
}

/* ---- the certificate ------------------------------------------------------------------------------- */

static void report_inconsistent_lang(check *c, const char *field, const char *phrase_id, const char *const *args_en,
                                     const char *const *args_cy)
{
    char en[320], cy[320];
    const char *en_args[] = {phrase(phrase_id, SSAT_LANG_EN, args_en, 2, en, sizeof en)};
    const char *cy_args[] = {phrase(phrase_id, SSAT_LANG_CY, args_cy, 2, cy, sizeof cy)};
    char path[96];
    field_path(c, c->cert, field, path, sizeof path);
    report_lang(c, "evidence.certificate.inconsistent", path, en_args, cy_args, 1);
}

static void report_inconsistent(check *c, const char *field, const char *phrase_id, const char *a1, const char *a2)
{
    const char *args[] = {a1, a2};
    report_inconsistent_lang(c, field, phrase_id, args, args);
}

/* The same about two dates, written in words in each language. */
static void report_inconsistent_dates(check *c, const char *field, const char *phrase_id, ssat_date d1, ssat_date d2)
{
    date_words w1 = date_text(d1), w2 = date_text(d2);
    const char *en[] = {w1.en, w2.en}, *cy[] = {w1.cy, w2.cy};
    report_inconsistent_lang(c, field, phrase_id, en, cy);
}

static void tenths_text(int32_t tenths, char *buf, size_t cap)
{
    snprintf(buf, cap, "%d.%d", (int)(tenths / 10), (int)(tenths % 10));
}

/* The certificate's own figures: dates in order, totals that add up, the percentage they give. */
static void check_certificate_figures(check *c)
{
    ssat_date start, end, issued;
    char a[32], b[32];
    bool have_start = date_of(c, c->cert, "period_start", &start), have_end = date_of(c, c->cert, "period_end", &end);
    if (have_start && have_end && end < start)
        report_inconsistent_dates(c, "period_end", "evidence.phrase.period_order", start, end);
    if (have_end && date_of(c, c->cert, "issue_date", &issued) && issued < end)
        report_inconsistent_dates(c, "issue_date", "evidence.phrase.issued_early", issued, end);
    uint32_t possible, attended, authorised, unauthorised, percent;
    bool totals = count_of(c, c->cert, "possible", &possible) && count_of(c, c->cert, "attended", &attended) &&
                  count_of(c, c->cert, "authorised", &authorised) && count_of(c, c->cert, "unauthorised", &unauthorised);
    uint64_t sum = totals ? (uint64_t)attended + authorised + unauthorised : 0;
    if (totals && sum != possible) {
        snprintf(a, sizeof a, "%u", (unsigned)possible);
        snprintf(b, sizeof b, "%llu", (unsigned long long)sum);
        report_inconsistent(c, "possible", "evidence.phrase.totals_sum", a, b);
    }
    if (!totals || sum != possible || !count_of(c, c->cert, "percent_tenths", &percent))
        return;
    int32_t exact = 0;
    if (possible == 0) {
        report_inconsistent(c, "percent_tenths", "evidence.phrase.percent_not_evaluable", NULL, NULL);
    } else if (ssat_percent_tenths(attended, possible, &exact) == SSAT_OK && exact != (int32_t)percent) {
        tenths_text((int32_t)percent, a, sizeof a);
        tenths_text(exact, b, sizeof b);
        report_inconsistent(c, "percent_tenths", "evidence.phrase.percent", a, b);
    }
}

static void check_certificate_pupil(check *c)
{
    if (c->form == SIZE_MAX)
        return;
    const char *on_cert = value(c, c->cert, "pupil_id"), *on_form = value(c, c->form, "pupil_id");
    if (on_cert[0] != '\0' && on_form[0] != '\0' && strcmp(on_cert, on_form) != 0) {
        const char *args[] = {on_cert, on_form};
        char path[96];
        field_path(c, c->cert, "pupil_id", path, sizeof path);
        report(c, "evidence.certificate.wrong_pupil", path, args, 2);
    }
}

static bool weekday(ssat_date d)
{
    return ssat_date_weekday(d) <= 5;
}

/* Weekdays from first to last inclusive (0 when last < first), without walking long spans. */
static int64_t weekdays_between(ssat_date first, ssat_date last)
{
    if (last < first)
        return 0;
    int64_t days = (int64_t)last - first + 1, n = days / 7 * 5;
    for (ssat_date d = (ssat_date)(first + days / 7 * 7); d <= last; d++)
        n += weekday(d);
    return n;
}

/* School days strictly between `after` and `before`: the calendar's school days inside its year, and
 * weekdays outside it (or everywhere when there is no calendar). */
static int64_t school_days_between(const ssat_calendar *cal, ssat_date after, ssat_date before)
{
    ssat_date first = after + 1, last = before - 1;
    if (cal == NULL || last < first)
        return weekdays_between(first, last);
    int32_t year = ssat_calendar_school_year(cal);
    ssat_date year_first = ssat__days_from_civil(year, 8, 1), year_last = ssat__days_from_civil(year + 1, 7, 31);
    ssat_date lo = first > year_first ? first : year_first, hi = last < year_last ? last : year_last;
    if (hi < lo)
        return weekdays_between(first, last);
    int32_t inside = 0;
    (void)ssat_calendar_count_school_days(cal, lo, hi, &inside); /* both dates lie in the year */
    return weekdays_between(first, lo - 1) + inside + weekdays_between(hi + 1, last);
}

static void check_certificate_age(check *c)
{
    ssat_date end;
    if (!c->have_referral || !date_of(c, c->cert, "period_end", &end) || end >= c->referral)
        return;
    int64_t gap = school_days_between(c->calendar, end, c->referral);
    int64_t max = policy_int(c, SSAT__P_EVIDENCE_CERTIFICATE_MAX_AGE);
    if (gap <= max)
        return;
    char gap_text[24], max_text[24], path[96];
    date_words end_text = date_text(end), referral_text = date_text(c->referral);
    snprintf(gap_text, sizeof gap_text, "%lld", (long long)gap);
    snprintf(max_text, sizeof max_text, "%lld", (long long)max);
    const char *en[] = {end_text.en, referral_text.en, gap_text, max_text};
    const char *cy[] = {end_text.cy, referral_text.cy, gap_text, max_text};
    field_path(c, c->cert, "period_end", path, sizeof path);
    report_lang(c, "evidence.certificate.stale", path, en, cy, 4);
}

/* The certificate covers the referral's window from its start (the policy's "referral.window" as of
 * the referral date: from 1 August by default): no school day of the window before the certificate's
 * period begins. Without a calendar the window cannot be placed, and this is not checked. */
static void check_certificate_start(check *c)
{
    ssat_date start, end;
    ssat_window w;
    if (!c->have_referral || c->calendar == NULL || !date_of(c, c->cert, "period_start", &start) ||
        !date_of(c, c->cert, "period_end", &end) || end < start) /* a reversed period is reported apart */
        return;
    ssat__error_state saved;
    ssat__error_save(&saved); /* a referral date outside the calendar's year: nothing to compare */
    bool placed = ssat__rules_window("ssat_pack_check", c->policy, SSAT__P_REFERRAL_WINDOW, c->calendar, c->reg,
                                     c->referral, &w) == SSAT_OK;
    ssat__error_restore(&saved);
    if (!placed || start <= w.first_date)
        return;
    int64_t uncovered = school_days_between(c->calendar, w.first_date - 1, start);
    if (uncovered == 0)
        return;
    char n_text[24], path[96];
    date_words start_text = date_text(start), first_text = date_text(w.first_date);
    snprintf(n_text, sizeof n_text, "%lld", (long long)uncovered);
    const char *en[] = {start_text.en, first_text.en, n_text};
    const char *cy[] = {start_text.cy, first_text.cy, n_text};
    field_path(c, c->cert, "period_start", path, sizeof path);
    report_lang(c, "evidence.certificate.late_start", path, en, cy, 3);
}

/* Each total of the certificate against the register over the certificate's period: one problem per
 * total that differs. */
static void check_certificate_register(check *c)
{
    ssat_date start, end;
    if (c->reg == NULL || !date_of(c, c->cert, "period_start", &start) || !date_of(c, c->cert, "period_end", &end) ||
        end < start)
        return;
    ssat_window w = {start, SSAT_AM, end, SSAT_PM};
    ssat_summary *s = NULL;
    ssat_status st = ssat_attendance_compute(c->reg, &w, &s);
    if (st != SSAT_OK) {
        c->st = st;
        return;
    }
    const ssat_totals *t = ssat_summary_totals(s);
    static const char *const fields[] = {"possible", "attended", "authorised", "unauthorised"};
    const uint32_t counted[] = {t->possible, t->attended, t->authorised, t->unauthorised};
    date_words period[2] = {date_text(start), date_text(end)};
    for (size_t i = 0; i < 4; i++) {
        uint32_t given;
        if (!count_of(c, c->cert, fields[i], &given) || given == counted[i])
            continue;
        char given_text[24], counted_text[24], en_label[LABEL_MAX], cy_label[LABEL_MAX], path[96];
        snprintf(given_text, sizeof given_text, "%u", (unsigned)given);
        snprintf(counted_text, sizeof counted_text, "%u", (unsigned)counted[i]);
        const char *en[] = {field_label(c, c->cert, fields[i], SSAT_LANG_EN, en_label, sizeof en_label), given_text,
                            counted_text, period[0].en, period[1].en};
        const char *cy[] = {field_label(c, c->cert, fields[i], SSAT_LANG_CY, cy_label, sizeof cy_label), given_text,
                            counted_text, period[0].cy, period[1].cy};
        field_path(c, c->cert, fields[i], path, sizeof path);
        report_lang(c, "evidence.certificate.mismatch", path, en, cy, 5);
    }
    ssat_summary_free(s);
}

static void check_certificate(check *c)
{
    if (c->cert == SIZE_MAX)
        return;
    check_certificate_figures(c);
    check_certificate_pupil(c);
    check_certificate_age(c);
    check_certificate_start(c);
    check_certificate_register(c);
}

/* ---- facts for the referral decision --------------------------------------------------------------- */

static bool any_item(const check *c, ssat__kind k, const char *field, const char *equals, const char *and_set)
{
    for (size_t i = 0; i < ssat_pack_count(c->pack); i++) {
        if (ssat__pack_kind(c->pack, i) != k)
            continue;
        const char *v = value(c, i, field);
        bool match = equals != NULL ? strcmp(v, equals) == 0 : v[0] != '\0';
        if (match && (and_set == NULL || value(c, i, and_set)[0] != '\0'))
            return true;
    }
    return false;
}

static ssat_fact fact(bool yes)
{
    return yes ? SSAT_FACT_YES : SSAT_FACT_NO;
}

/* R3: the cause was explored (a meeting held with an outcome, or the pupil's voice recorded), support
 * was offered, the parents were invited. R4: no problem but chronology. R5: no chronology problem, and
 * unknown when the referral date (hence "nothing after the referral") could not be checked. */
static void set_facts(const check *c, ssat_pupil *pupil)
{
    tally t;
    count_items(c, &t);
    bool explored = any_item(c, SSAT__K_MEETING, "held", "yes", "outcome") ||
                    any_item(c, SSAT__K_PUPIL_VOICE, "summary", NULL, NULL);
    (void)ssat_pupil_set_fact(pupil, SSAT_PUPIL_CAUSE_EXPLORED, fact(explored));
    (void)ssat_pupil_set_fact(pupil, SSAT_PUPIL_SUPPORT_OFFERED, fact(t.kinds[SSAT__K_SUPPORT] > 0));
    (void)ssat_pupil_set_fact(pupil, SSAT_PUPIL_PARENTS_INVITED, fact(invitations(&t) > 0));
    (void)ssat_pupil_set_fact(pupil, SSAT_PUPIL_EVIDENCE_COMPLETE, fact(c->errors == c->chronology));
    ssat_fact procedures = c->chronology > 0 ? SSAT_FACT_NO : c->have_referral ? SSAT_FACT_YES : SSAT_FACT_UNKNOWN;
    (void)ssat_pupil_set_fact(pupil, SSAT_PUPIL_PROCEDURES_FOLLOWED, procedures);
}

/* ---- the check ------------------------------------------------------------------------------------- */

ssat_status ssat_pack_check(const ssat_pack *pack, const ssat_policy *policy, const ssat_register *reg,
                            const ssat_calendar *calendar, ssat_problems *problems, ssat_pupil *pupil,
                            size_t *errors_out)
{
    static const char fn[] = "ssat_pack_check";
    if (errors_out != NULL)
        *errors_out = 0;
    if (pack == NULL)
        return ssat__null_arg(fn, "pack");
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (problems == NULL)
        return ssat__null_arg(fn, "problems");
    check c = {.pack = pack, .policy = policy, .reg = reg, .calendar = calendar, .problems = problems};
    c.form = ssat__pack_find(pack, SSAT__K_FORM);
    c.cert = ssat__pack_find(pack, SSAT__K_CERTIFICATE);
    c.have_referral = c.form != SIZE_MAX && date_of(&c, c.form, "referral_date", &c.referral);
    size_t before = ssat_problems_count(problems);
    check_items(&c);
    check_fields(&c);
    check_after_referral(&c);
    if (policy_int(&c, SSAT__P_EVIDENCE_REQUIRE_ORDER))
        check_order(&c);
    check_certificate(&c);
    if (c.st != SSAT_OK) {
        ssat__problems_truncate(problems, before); /* a failed check leaves no half report */
        return c.st == SSAT_ERR_NOMEM ? ssat__nomem(fn) : c.st;
    }
    if (pupil != NULL)
        set_facts(&c, pupil);
    if (errors_out != NULL)
        *errors_out = c.errors;
    return SSAT_OK;
}
