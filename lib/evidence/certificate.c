/* The attendance registration certificate: a copy of a register's marks over a period with the totals
 * of the attendance calculation, so its figures cannot disagree with what the library computes; the
 * terms it is laid out by; and the details a person adds (names, school, issue date, signatory).
 * Rendering is in certificate_render.c (text, HTML) and certificate_json.c. */
#include "evidence_layer.h"
#include "certificate_internal.h"
#include "evidence_internal.h"

#include <stdio.h>

/* Longest period a certificate covers: ten years, far beyond any referral, and small enough that its
 * pages stay printable. */
#define PERIOD_DAYS_MAX 3660
/* Longest detail (a name, a school, a role), in bytes. */
#define DETAIL_MAX 512

const char *const ssat__cdetail_names[SSAT__CD_COUNT] = {
    "pupil_id", "pupil_name", "school", "issue_date", "signatory_name", "signatory_role",
};

/* ---- sections (terms) ------------------------------------------------------------------------------ */

typedef struct term {
    const char *name;
    ssat_date first, last;
} term;

/* The default census terms of school year y (calendar.h): autumn 1 Aug-31 Dec, spring 1 Jan-Easter
 * Sunday, summer Easter Monday-31 Jul. */
static void default_terms(int32_t y, term out[3])
{
    ssat_date easter = 0;
    /* Past year 9999 (the spring of school year 9999) there is no computus: any date in the spring will
     * do, as no period reaches that far. */
    if (ssat_easter_sunday(y + 1, &easter) != SSAT_OK)
        easter = ssat__days_from_civil(y + 1, 3, 31);
    out[0] = (term){"autumn", ssat__days_from_civil(y, 8, 1), ssat__days_from_civil(y, 12, 31)};
    out[1] = (term){"spring", ssat__days_from_civil(y + 1, 1, 1), easter};
    out[2] = (term){"summer", easter + 1, ssat__days_from_civil(y + 1, 7, 31)};
}

static bool add_section(ssat_certificate *c, const term *t, ssat_date first, ssat_date last)
{
    if (!ssat__grow(&c->alloc, (void **)&c->sections, &c->sections_cap, c->nsections + 1, sizeof *c->sections))
        return false;
    ssat__csection *s = &c->sections[c->nsections];
    s->name = ssat__strdup(&c->alloc, t->name);
    if (s->name == NULL)
        return false;
    s->term_first = t->first;
    s->term_last = t->last;
    s->first = first;
    s->last = last;
    c->nsections++;
    return true;
}

/* The pages of school year y that meet the period: each term from its first day (the first from
 * 1 August) to the day before the next term (the last to 31 July), cut to the period. */
static bool year_sections(ssat_certificate *c, int32_t y, const term *terms, size_t n)
{
    ssat_date year_first = ssat__days_from_civil(y, 8, 1), year_last = ssat__days_from_civil(y + 1, 7, 31);
    for (size_t i = 0; i < n; i++) {
        ssat_date first = i == 0 ? year_first : terms[i].first;
        ssat_date last = i + 1 == n ? year_last : terms[i + 1].first - 1;
        if (first < c->period.first_date)
            first = c->period.first_date;
        if (last > c->period.last_date)
            last = c->period.last_date;
        if (first <= last && !add_section(c, &terms[i], first, last))
            return false;
    }
    return true;
}

/* The calendar's terms for its own year (when it has any), the default terms for other years. */
static bool make_sections(ssat_certificate *c, const ssat_calendar *calendar)
{
    int32_t y_first = ssat_date_school_year(c->period.first_date), y_last = ssat_date_school_year(c->period.last_date);
    for (int32_t y = y_first; y <= y_last; y++) {
        size_t n = calendar != NULL && ssat_calendar_school_year(calendar) == y ? ssat_calendar_term_count(calendar) : 0;
        term defaults[3], own[64];
        const term *terms = defaults;
        if (n > 0 && n <= sizeof own / sizeof own[0]) {
            for (size_t i = 0; i < n; i++)
                (void)ssat_calendar_term_at(calendar, i, &own[i].name, &own[i].first, &own[i].last);
            terms = own;
        } else {
            default_terms(y, defaults);
            n = 3;
        }
        if (!year_sections(c, y, terms, n))
            return false;
    }
    return true;
}

/* ---- life cycle ------------------------------------------------------------------------------------ */

void ssat_certificate_free(ssat_certificate *cert)
{
    if (cert == NULL)
        return;
    ssat__alloc a = cert->alloc;
    for (size_t i = 0; i < cert->nsections; i++)
        ssat__free_str(&a, cert->sections[i].name);
    ssat__free(&a, cert->sections, cert->sections_cap * sizeof *cert->sections);
    for (size_t d = 0; d < SSAT__CD_COUNT; d++)
        ssat__free_str(&a, cert->details[d]);
    ssat__free(&a, cert->entries, cert->nsessions);
    ssat__free(&a, cert->days, cert->ndays);
    if (cert->codes != NULL)
        ssat__codeset_release(cert->codes);
    ssat__free(&a, cert, sizeof *cert);
}

/* Copy the register's entries over the period. */
static void copy_marks(ssat_certificate *c, const ssat_register *reg)
{
    ssat__register_view v;
    ssat__register_view_get(reg, &v);
    memset(c->entries, SSAT__ENTRY_NONE, c->nsessions);
    for (size_t i = 0; i < c->nsessions; i++) {
        int64_t s = c->first_session + (int64_t)i;
        if (v.count > 0 && s >= v.base && s - v.base < (int64_t)v.count)
            c->entries[i] = v.entries[s - v.base];
    }
}

/* What the calendar says of each day in its school year; weekends are closed whatever the year. */
static void mark_days(ssat_certificate *c, const ssat_calendar *calendar)
{
    int32_t y = calendar != NULL ? ssat_calendar_school_year(calendar) : 0;
    ssat_date year_first = ssat__days_from_civil(y, 8, 1), year_last = ssat__days_from_civil(y + 1, 7, 31);
    for (size_t i = 0; i < c->ndays; i++) {
        ssat_date d = c->first_day + (ssat_date)i;
        int32_t school = 0;
        if (ssat_date_weekday(d) > 5)
            c->days[i] = SSAT__DAY_CLOSED;
        else if (calendar == NULL || d < year_first || d > year_last)
            c->days[i] = SSAT__DAY_UNKNOWN;
        else if (ssat_calendar_is_school_day(calendar, d, &school) == SSAT_OK)
            c->days[i] = school ? SSAT__DAY_SCHOOL : SSAT__DAY_CLOSED;
    }
}

static ssat_status compute_totals(ssat_certificate *c, const ssat_register *reg, const char *fn)
{
    ssat_summary *s = NULL;
    ssat_status st = ssat_attendance_compute(reg, &c->period, &s);
    if (st != SSAT_OK)
        return st == SSAT_ERR_NOMEM ? ssat__nomem(fn) : st;
    c->totals = *ssat_summary_totals(s);
    ssat_summary_free(s);
    c->evaluable = c->totals.possible > 0;
    if (c->evaluable)
        (void)ssat_percent_tenths(c->totals.attended, c->totals.possible, &c->percent_tenths);
    return SSAT_OK;
}

static ssat_status check_period(const ssat_window *period, const char *fn)
{
    if (period == NULL)
        return ssat__null_arg(fn, "period");
    ssat_status st = ssat__window_check(period, fn);
    if (st != SSAT_OK)
        return st;
    if ((int64_t)period->last_date - period->first_date >= PERIOD_DAYS_MAX)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'period' spans %ld days, more than %d", fn,
                           (long)((int64_t)period->last_date - period->first_date + 1), PERIOD_DAYS_MAX);
    return SSAT_OK;
}

ssat_status ssat_certificate_new(const ssat_register *reg, const ssat_calendar *calendar, const ssat_window *period,
                                 ssat_certificate **out)
{
    static const char fn[] = "ssat_certificate_new";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    ssat_status st = check_period(period, fn);
    if (st != SSAT_OK)
        return st;
    const ssat_codeset *codes = ssat_register_codeset(reg);
    const ssat__alloc *a = ssat__codeset_alloc(codes);
    ssat_certificate *c = ssat__calloc(a, 1, sizeof *c);
    if (c == NULL)
        return ssat__nomem(fn);
    c->alloc = *a;
    c->codes = codes;
    ssat__codeset_retain(codes);
    c->period = *period;
    c->first_session = ssat__session(period->first_date, period->first_half);
    c->nsessions = (size_t)(ssat__session(period->last_date, period->last_half) - c->first_session + 1);
    c->first_day = period->first_date;
    c->ndays = (size_t)(period->last_date - period->first_date) + 1;
    c->entries = ssat__malloc(a, c->nsessions);
    c->days = ssat__malloc(a, c->ndays);
    st = c->entries != NULL && c->days != NULL && make_sections(c, calendar) ? SSAT_OK : ssat__nomem(fn);
    if (st == SSAT_OK)
        st = compute_totals(c, reg, fn);
    if (st != SSAT_OK) {
        ssat_certificate_free(c);
        return st;
    }
    copy_marks(c, reg);
    mark_days(c, calendar);
    *out = c;
    return SSAT_OK;
}

/* ---- details --------------------------------------------------------------------------------------- */

static int detail_find(const char *field)
{
    for (int d = 0; d < SSAT__CD_COUNT; d++)
        if (strcmp(ssat__cdetail_names[d], field) == 0)
            return d;
    return -1;
}

static ssat_status check_detail(int d, const char *value, const char *fn)
{
    char repr[64];
    size_t n = strlen(value);
    const char *field = ssat__cdetail_names[d];
    ssat_date date;
    if (d == SSAT__CD_ISSUE_DATE && n > 0 && ssat_date_parse(value, &date) != SSAT_OK)
        return ssat__error(SSAT_ERR_PARSE, "%s: field %s: %s is not an ISO 8601 date, YYYY-MM-DD", fn, field,
                           ssat__text_repr(repr, sizeof repr, value));
    if (n > DETAIL_MAX)
        return ssat__error(SSAT_ERR_PARSE, "%s: field %s: the text is %zu bytes, more than %d", fn, field, n,
                           DETAIL_MAX);
    if (!ssat__utf8_valid(value, n))
        return ssat__error(SSAT_ERR_PARSE, "%s: field %s: the text is not valid UTF-8", fn, field);
    if (ssat__text_has_controls(value, false))
        return ssat__error(SSAT_ERR_PARSE, "%s: field %s: the text holds a control character", fn, field);
    return SSAT_OK;
}

ssat_status ssat_certificate_set(ssat_certificate *cert, const char *field, const char *value)
{
    static const char fn[] = "ssat_certificate_set";
    if (cert == NULL)
        return ssat__null_arg(fn, "cert");
    if (field == NULL)
        return ssat__null_arg(fn, "field");
    if (value == NULL)
        return ssat__null_arg(fn, "value");
    int d = detail_find(field);
    if (d < 0) {
        char repr[64];
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'field': no detail %s (pupil_id, pupil_name, school, "
                           "issue_date, signatory_name, signatory_role)", fn, ssat__text_repr(repr, sizeof repr, field));
    }
    ssat_status st = check_detail(d, value, fn);
    if (st != SSAT_OK)
        return st;
    char *copy = NULL;
    if (value[0] != '\0' && (copy = ssat__strdup(&cert->alloc, value)) == NULL)
        return ssat__nomem(fn);
    ssat__free_str(&cert->alloc, cert->details[d]);
    cert->details[d] = copy;
    return SSAT_OK;
}

const char *ssat__cert_detail(const ssat_certificate *cert, ssat__cdetail d)
{
    return cert->details[d] != NULL ? cert->details[d] : "";
}

const char *ssat_certificate_get(const ssat_certificate *cert, const char *field)
{
    if (cert == NULL || field == NULL)
        return "";
    int d = detail_find(field);
    return d < 0 ? "" : ssat__cert_detail(cert, (ssat__cdetail)d);
}

const ssat_totals *ssat_certificate_totals(const ssat_certificate *cert)
{
    return cert != NULL ? &cert->totals : NULL;
}

const ssat_window *ssat_certificate_period(const ssat_certificate *cert)
{
    return cert != NULL ? &cert->period : NULL;
}

uint8_t ssat__cert_entry(const ssat_certificate *cert, int64_t s)
{
    if (s < cert->first_session || s - cert->first_session >= (int64_t)cert->nsessions)
        return SSAT__ENTRY_NONE;
    return cert->entries[s - cert->first_session];
}

uint8_t ssat__cert_day(const ssat_certificate *cert, ssat_date d)
{
    if (d < cert->first_day || (size_t)(d - cert->first_day) >= cert->ndays)
        return SSAT__DAY_UNKNOWN;
    return cert->days[d - cert->first_day];
}

/* ---- into a referral pack -------------------------------------------------------------------------- */

ssat_status ssat_certificate_to_pack(const ssat_certificate *cert, ssat_pack *pack)
{
    static const char fn[] = "ssat_certificate_to_pack";
    if (cert == NULL)
        return ssat__null_arg(fn, "cert");
    if (pack == NULL)
        return ssat__null_arg(fn, "pack");
    char start[SSAT_DATE_BUFSIZE], end[SSAT_DATE_BUFSIZE], totals[4][16], percent[16] = "";
    (void)ssat_date_format(cert->period.first_date, start, sizeof start);
    (void)ssat_date_format(cert->period.last_date, end, sizeof end);
    const uint32_t t[4] = {cert->totals.possible, cert->totals.attended, cert->totals.authorised,
                           cert->totals.unauthorised};
    for (size_t i = 0; i < 4; i++)
        snprintf(totals[i], sizeof totals[i], "%u", (unsigned)t[i]);
    if (cert->evaluable)
        snprintf(percent, sizeof percent, "%d", (int)cert->percent_tenths);
    /* In the order of the pack's certificate fields (evidence.h). */
    const char *values[] = {
        ssat__cert_detail(cert, SSAT__CD_PUPIL_ID), ssat__cert_detail(cert, SSAT__CD_PUPIL_NAME),
        ssat__cert_detail(cert, SSAT__CD_SCHOOL), start, end, totals[0], totals[1], totals[2], totals[3], percent,
        ssat__cert_detail(cert, SSAT__CD_ISSUE_DATE), ssat__cert_detail(cert, SSAT__CD_SIGNATORY_NAME),
        ssat__cert_detail(cert, SSAT__CD_SIGNATORY_ROLE),
    };
    return ssat__pack_put_single(pack, SSAT__K_CERTIFICATE, values, fn);
}
