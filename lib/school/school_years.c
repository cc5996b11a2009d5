/* The school years of a school's marks: which year an export is about (the default as-of date of
 * ssat_school_last_date()), and the marks dated outside the year evaluated, located in their files
 * (ssat_school_check_year()).
 *
 * One mistyped row ("2205-07-14" for "2025-07-14") must not move the year evaluated: the year is the
 * latest one holding a real share of the marks, not the one of the latest mark. Both functions read the
 * registers as they are (the marks of a school come only from its imports), so they need no
 * bookkeeping during the import; a register lying within one school year, the common case, costs O(1). */
#include "school_layer.h"

#include <stdio.h>

/* A school year holds the export's year when it has at least 1/YEAR_SHARE of all marks. */
#define YEAR_SHARE 100
/* Marks outside the year listed one by one; the rest are counted in one summary. */
#define OUTSIDE_LISTED 100

typedef struct year_tally {
    int32_t year;
    uint64_t marks;
    ssat_date last; /* the year's last date with a mark */
} year_tally;

typedef struct year_list {
    const ssat__alloc *alloc;
    year_tally *v;
    size_t n, cap;
} year_list;

static ssat_date session_day(int64_t s)
{
    return (ssat_date)((s - (s & 1)) / 2);
}

/* The first session of the school year after `year`. */
static int64_t year_end(int32_t year)
{
    return ssat__session(ssat__days_from_civil(year + 1, 8, 1), SSAT_AM);
}

static bool tally_add(year_list *l, int32_t year, uint64_t marks, ssat_date last)
{
    for (size_t i = l->n; i-- > 0;) { /* the latest year added is the likeliest */
        year_tally *t = &l->v[i];
        if (t->year == year) {
            t->marks += marks;
            t->last = last > t->last ? last : t->last;
            return true;
        }
    }
    if (!ssat__grow(l->alloc, (void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return false;
    l->v[l->n++] = (year_tally){year, marks, last};
    return true;
}

/* Add one register's marks, a run of one school year at a time. False when out of memory. */
static bool tally_register(year_list *l, const ssat_register *reg)
{
    ssat__register_view v;
    ssat__register_view_get(reg, &v);
    if (v.count == 0)
        return true;
    int64_t last = v.base + (int64_t)v.count - 1;
    int32_t year = ssat_date_school_year(session_day(v.base));
    int64_t end = year_end(year);
    if (last < end) /* one school year; its first and last sessions hold entries */
        return tally_add(l, year, ssat_register_entry_count(reg), session_day(last));
    uint64_t marks = 0;
    ssat_date at = 0;
    for (size_t i = 0; i < v.count; i++) {
        int64_t s = v.base + (int64_t)i;
        if (s >= end) {
            if (marks > 0 && !tally_add(l, year, marks, at))
                return false;
            marks = 0;
            year = ssat_date_school_year(session_day(s));
            end = year_end(year);
        }
        if (v.entries[i] != SSAT__ENTRY_NONE) {
            marks++;
            at = session_day(s);
        }
    }
    return marks == 0 || tally_add(l, year, marks, at);
}

/* The latest school year holding at least 1/YEAR_SHARE of the marks; the year with the most marks
 * when none does (marks spread thinly over very many years). */
static const year_tally *main_year(const year_list *l)
{
    uint64_t total = 0;
    for (size_t i = 0; i < l->n; i++)
        total += l->v[i].marks;
    const year_tally *latest = NULL, *most = NULL;
    for (size_t i = 0; i < l->n; i++) {
        const year_tally *t = &l->v[i];
        if (t->marks * YEAR_SHARE >= total && (latest == NULL || t->year > latest->year))
            latest = t;
        if (most == NULL || t->marks > most->marks || (t->marks == most->marks && t->year > most->year))
            most = t;
    }
    return latest != NULL ? latest : most;
}

ssat_status ssat_school_last_date(const ssat_school *school, ssat_date *out)
{
    static const char fn[] = "ssat_school_last_date";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (school == NULL)
        return ssat__null_arg(fn, "school");
    year_list l = {.alloc = ssat__codeset_alloc(ssat__school_codes(school))};
    bool ok = true;
    for (size_t i = 0; i < ssat_school_count(school) && ok; i++)
        ok = tally_register(&l, ssat__school_get(school, i)->reg);
    const year_tally *main = ok && l.n > 0 ? main_year(&l) : NULL;
    if (main != NULL)
        *out = main->last;
    ssat__free(l.alloc, l.v, l.cap * sizeof *l.v);
    if (!ok)
        return ssat__nomem(fn);
    if (main == NULL)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: no register in the school has an entry", fn);
    return SSAT_OK;
}

/* ---- marks outside a school year ------------------------------------------------------------------- */

typedef struct outside_check {
    const ssat_school *school;
    ssat_problems *problems;
    char year_text[16]; /* "2024/25" */
    size_t outside, listed;
} outside_check;

static ssat_status outside_mark(outside_check *c, size_t index, int64_t s)
{
    if (c->listed++ >= OUTSIDE_LISTED)
        return SSAT_OK;
    ssat__problem_loc loc = {.has_session = 1, .date = session_day(s), .half = (ssat_half)(s & 1)};
    (void)ssat_school_locate(c->school, index, loc.date, loc.half, &loc.source, &loc.line, &loc.column);
    if (loc.line > 0)
        loc.field = ssat__school_get(c->school, index)->loc == SSAT__LOC_WIDE ? "marks" : "mark";
    const char *args[2] = {ssat_school_pupil_id(c->school, index), c->year_text};
    return ssat__problems_add(c->problems, "school.mark_outside_year", SSAT_SEVERITY_WARNING, &loc, args, 2);
}

/* The marks of one register in sessions [from, to). */
static ssat_status outside_run(outside_check *c, size_t index, const ssat__register_view *v, int64_t from, int64_t to)
{
    for (int64_t s = from; s < to; s++) {
        if (v->entries[s - v->base] == SSAT__ENTRY_NONE)
            continue;
        c->outside++;
        ssat_status st = outside_mark(c, index, s);
        if (st != SSAT_OK)
            return st;
    }
    return SSAT_OK;
}

static ssat_status outside_summary(outside_check *c)
{
    if (c->outside <= OUTSIDE_LISTED)
        return SSAT_OK;
    char outside[24], listed[24];
    (void)snprintf(outside, sizeof outside, "%zu", c->outside);
    (void)snprintf(listed, sizeof listed, "%d", OUTSIDE_LISTED);
    const char *args[3] = {outside, c->year_text, listed};
    ssat__problem_loc loc = {0};
    return ssat__problems_add(c->problems, "school.marks_outside_year", SSAT_SEVERITY_WARNING, &loc, args, 3);
}

ssat_status ssat_school_check_year(const ssat_school *school, int32_t school_year, ssat_problems *problems,
                                   size_t *outside_out)
{
    static const char fn[] = "ssat_school_check_year";
    if (outside_out != NULL)
        *outside_out = 0;
    if (school == NULL)
        return ssat__null_arg(fn, "school");
    if (problems == NULL)
        return ssat__null_arg(fn, "problems");
    if (school_year < SSAT_YEAR_MIN || school_year > SSAT_YEAR_MAX - 1)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'school_year': %ld is outside %d..%d", fn, (long)school_year,
                           SSAT_YEAR_MIN, SSAT_YEAR_MAX - 1);
    outside_check c = {.school = school, .problems = problems};
    (void)snprintf(c.year_text, sizeof c.year_text, "%ld/%02ld", (long)school_year, (long)((school_year + 1) % 100));
    int64_t lo = ssat__session(ssat__days_from_civil(school_year, 8, 1), SSAT_AM), hi = year_end(school_year);
    size_t before = ssat_problems_count(problems);
    ssat_status st = SSAT_OK;
    for (size_t i = 0; i < ssat_school_count(school) && st == SSAT_OK; i++) {
        ssat__register_view v;
        ssat__register_view_get(ssat__school_get(school, i)->reg, &v);
        int64_t end = v.base + (int64_t)v.count;
        if (v.count == 0 || (v.base >= lo && end <= hi))
            continue; /* the common case: every mark within the year */
        st = outside_run(&c, i, &v, v.base, lo < end ? lo : end);
        if (st == SSAT_OK)
            st = outside_run(&c, i, &v, hi > v.base ? hi : v.base, end);
    }
    if (st == SSAT_OK)
        st = outside_summary(&c);
    if (st != SSAT_OK) {
        ssat__problems_truncate(problems, before); /* a failed call leaves no half report */
        return ssat__nomem(fn);
    }
    if (outside_out != NULL)
        *outside_out = c.outside;
    return SSAT_OK;
}
