/* A school calendar for one school year (1 August - 31 July): its terms, its closure days, and the
 * attendance windows resolved against them (docs/rules.md, "Attendance").
 *
 * Terms and closures are kept as ranges (the source of truth); from them the calendar derives, after
 * every successful change, a per-day table of school days and its prefix sums. A school year has at
 * most 366 days, so the table is small and fixed-size: queries are O(1) and read-only, which keeps a
 * finished calendar safe to share between threads, and refreshing it can never fail, so a failed
 * change leaves the calendar exactly as it was. */
#include "register_layer.h"

#include <stdio.h>

#define YEAR_DAYS_MAX 366

typedef struct ssat__term {
    char *name; /* owned, allocated with the calendar's allocator */
    ssat_date first, last;
} ssat__term;

typedef struct ssat__closure {
    ssat_date first, last;
} ssat__closure;

struct ssat_calendar {
    ssat__alloc alloc;
    int32_t school_year;
    ssat_date year_first; /* 1 August of school_year */
    ssat_date year_last;  /* 31 July of school_year + 1 */
    ssat__term *terms;    /* sorted by first date; never overlapping */
    size_t term_count, term_cap;
    ssat__closure *closures; /* in the order added; may overlap */
    size_t closure_count, closure_cap;
    uint8_t school_day[YEAR_DAYS_MAX];      /* 1 if year_first + i is a school day */
    uint16_t prefix[YEAR_DAYS_MAX + 1];     /* school days in [year_first, year_first + i) */
};

/* ---- helpers -------------------------------------------------------------------------------------- */

/* Text of a date for a message. Dates outside the supported years (which a caller can pass) are shown
 * as their day number instead. */
typedef struct date_text {
    char s[32];
} date_text;

static date_text show(ssat_date d)
{
    date_text t;
    if (!ssat__date_in_range(d) || ssat_date_format(d, t.s, sizeof t.s) != SSAT_OK)
        (void)snprintf(t.s, sizeof t.s, "day %ld", (long)d);
    return t;
}

static bool in_year(const ssat_calendar *c, ssat_date d)
{
    return d >= c->year_first && d <= c->year_last;
}

static ssat_status outside_year(const ssat_calendar *c, const char *fn, const char *arg, ssat_date d)
{
    return ssat__error(SSAT_ERR_RANGE, "%s: argument '%s' (%s) is outside school year %ld (%s..%s)", fn, arg,
                       show(d).s, (long)c->school_year, show(c->year_first).s, show(c->year_last).s);
}

/* Check that a date argument lies in the calendar's school year. */
static ssat_status check_in_year(const ssat_calendar *c, const char *fn, const char *arg, ssat_date d)
{
    return in_year(c, d) ? SSAT_OK : outside_year(c, fn, arg, d);
}

static ssat_status check_order(const char *fn, ssat_date first, ssat_date last)
{
    if (last < first)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'last' (%s) is before argument 'first' (%s)", fn,
                           show(last).s, show(first).s);
    return SSAT_OK;
}

/* Rebuild the school-day table from the terms and closures. */
static void refresh_days(ssat_calendar *c)
{
    memset(c->school_day, 0, sizeof c->school_day);
    for (size_t i = 0; i < c->term_count; i++)
        for (ssat_date d = c->terms[i].first; d <= c->terms[i].last; d++)
            c->school_day[d - c->year_first] = ssat_date_weekday(d) <= 5;
    for (size_t i = 0; i < c->closure_count; i++)
        for (ssat_date d = c->closures[i].first; d <= c->closures[i].last; d++)
            c->school_day[d - c->year_first] = 0;
    c->prefix[0] = 0;
    for (size_t i = 0; i < YEAR_DAYS_MAX; i++)
        c->prefix[i + 1] = (uint16_t)(c->prefix[i] + c->school_day[i]);
}

/* School days in [first, last], both inside the year; 0 when last < first. */
static int32_t count_days(const ssat_calendar *c, ssat_date first, ssat_date last)
{
    if (last < first)
        return 0;
    return (int32_t)c->prefix[last - c->year_first + 1] - (int32_t)c->prefix[first - c->year_first];
}

static void set_window(ssat_window *w, ssat_date first, ssat_date last)
{
    w->first_date = first;
    w->first_half = SSAT_AM;
    w->last_date = last;
    w->last_half = SSAT_PM;
}

static void clear_window(ssat_window *w)
{
    if (w != NULL)
        memset(w, 0, sizeof *w);
}

/* ---- life cycle ----------------------------------------------------------------------------------- */

static void free_terms(ssat_calendar *c)
{
    for (size_t i = 0; i < c->term_count; i++)
        ssat__free_str(&c->alloc, c->terms[i].name);
    c->term_count = 0;
}

void ssat_calendar_free(ssat_calendar *calendar)
{
    if (calendar == NULL)
        return;
    ssat__alloc a = calendar->alloc; /* the struct itself is freed with it */
    free_terms(calendar);
    ssat__free(&a, calendar->terms, calendar->term_cap * sizeof *calendar->terms);
    ssat__free(&a, calendar->closures, calendar->closure_cap * sizeof *calendar->closures);
    ssat__free(&a, calendar, sizeof *calendar);
}

static ssat_status add_term(ssat_calendar *c, const char *fn, const char *name, ssat_date first, ssat_date last);

/* The census convention: autumn 1 Aug-31 Dec, spring 1 Jan-Easter Sunday, summer Easter Monday-31 Jul. */
static ssat_status add_default_terms(ssat_calendar *c, const char *fn)
{
    int32_t y = c->school_year;
    ssat_date easter = 0;
    ssat_status st = ssat_easter_sunday(y + 1, &easter);
    if (st == SSAT_OK)
        st = add_term(c, fn, "autumn", c->year_first, ssat__days_from_civil(y, 12, 31));
    if (st == SSAT_OK)
        st = add_term(c, fn, "spring", ssat__days_from_civil(y + 1, 1, 1), easter);
    if (st == SSAT_OK)
        st = add_term(c, fn, "summer", easter + 1, c->year_last);
    return st;
}

ssat_status ssat_calendar_new(int32_t school_year, const ssat_allocator *alloc, ssat_calendar **out)
{
    static const char fn[] = "ssat_calendar_new";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    /* The school year ends in school_year + 1, which must itself be a supported year. */
    if (school_year < SSAT_YEAR_MIN || school_year > SSAT_YEAR_MAX - 1)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'school_year': %ld is outside %d..%d", fn,
                           (long)school_year, SSAT_YEAR_MIN, SSAT_YEAR_MAX - 1);
    ssat__alloc a;
    ssat_status st = ssat__alloc_resolve(&a, alloc, fn);
    if (st != SSAT_OK)
        return st;
    ssat_calendar *c = ssat__calloc(&a, 1, sizeof *c);
    if (c == NULL)
        return ssat__nomem(fn);
    c->alloc = a;
    c->school_year = school_year;
    c->year_first = ssat__days_from_civil(school_year, 8, 1);
    c->year_last = ssat__days_from_civil(school_year + 1, 7, 31);
    st = add_default_terms(c, fn);
    if (st != SSAT_OK) {
        ssat_calendar_free(c);
        return st;
    }
    *out = c;
    return SSAT_OK;
}

int32_t ssat_calendar_school_year(const ssat_calendar *calendar)
{
    return calendar == NULL ? 0 : calendar->school_year;
}

/* ---- terms ---------------------------------------------------------------------------------------- */

void ssat_calendar_clear_terms(ssat_calendar *calendar)
{
    if (calendar == NULL)
        return;
    free_terms(calendar);
    refresh_days(calendar);
}

/* Length of a name, counting no further than the limit + 1, so an unterminated or huge buffer is not
 * walked to its end. */
static size_t name_length(const char *name)
{
    size_t n = 0;
    while (n <= SSAT_TERM_NAME_MAX && name[n] != '\0')
        n++;
    return n;
}

static ssat_status check_term_name(const char *fn, const char *name)
{
    size_t n = name_length(name);
    if (n == 0)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'name' is empty", fn);
    if (n > SSAT_TERM_NAME_MAX)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'name' is longer than %d bytes", fn,
                           SSAT_TERM_NAME_MAX);
    return SSAT_OK;
}

static ssat_status check_term_unique(const ssat_calendar *c, const char *fn, const char *name)
{
    for (size_t i = 0; i < c->term_count; i++)
        if (strcmp(c->terms[i].name, name) == 0)
            return ssat__error(SSAT_ERR_DUPLICATE, "%s: argument 'name': a term named \"%s\" already exists", fn,
                               name);
    return SSAT_OK;
}

static ssat_status check_term_overlap(const ssat_calendar *c, const char *fn, ssat_date first, ssat_date last)
{
    for (size_t i = 0; i < c->term_count; i++) {
        const ssat__term *t = &c->terms[i];
        if (first <= t->last && t->first <= last)
            return ssat__error(SSAT_ERR_DUPLICATE,
                               "%s: arguments 'first'..'last' (%s..%s) overlap term \"%s\" (%s..%s)", fn,
                               show(first).s, show(last).s, t->name, show(t->first).s, show(t->last).s);
    }
    return SSAT_OK;
}

/* Validate everything first (malformed arguments, then range, then conflicts with other terms), then
 * allocate, then commit: a failure at any step changes nothing. */
static ssat_status add_term(ssat_calendar *c, const char *fn, const char *name, ssat_date first, ssat_date last)
{
    ssat_status st = check_term_name(fn, name);
    if (st == SSAT_OK)
        st = check_order(fn, first, last);
    if (st == SSAT_OK)
        st = check_in_year(c, fn, "first", first);
    if (st == SSAT_OK)
        st = check_in_year(c, fn, "last", last);
    if (st == SSAT_OK)
        st = check_term_unique(c, fn, name);
    if (st == SSAT_OK)
        st = check_term_overlap(c, fn, first, last);
    if (st != SSAT_OK)
        return st;
    char *copy = ssat__strdup(&c->alloc, name);
    if (copy == NULL)
        return ssat__nomem(fn);
    void *items = c->terms;
    if (!ssat__grow(&c->alloc, &items, &c->term_cap, c->term_count + 1, sizeof *c->terms)) {
        ssat__free_str(&c->alloc, copy);
        return ssat__nomem(fn);
    }
    c->terms = items;
    size_t pos = 0;
    while (pos < c->term_count && c->terms[pos].first < first)
        pos++;
    memmove(&c->terms[pos + 1], &c->terms[pos], (c->term_count - pos) * sizeof *c->terms);
    c->terms[pos] = (ssat__term){.name = copy, .first = first, .last = last};
    c->term_count++;
    refresh_days(c);
    return SSAT_OK;
}

ssat_status ssat_calendar_add_term(ssat_calendar *calendar, const char *name, ssat_date first, ssat_date last)
{
    static const char fn[] = "ssat_calendar_add_term";
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    if (name == NULL)
        return ssat__null_arg(fn, "name");
    return add_term(calendar, fn, name, first, last);
}

size_t ssat_calendar_term_count(const ssat_calendar *calendar)
{
    return calendar == NULL ? 0 : calendar->term_count;
}

ssat_status ssat_calendar_term_at(const ssat_calendar *calendar, size_t index, const char **name_out,
                                  ssat_date *first_out, ssat_date *last_out)
{
    static const char fn[] = "ssat_calendar_term_at";
    if (name_out != NULL)
        *name_out = NULL;
    if (first_out != NULL)
        *first_out = 0;
    if (last_out != NULL)
        *last_out = 0;
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    if (index >= calendar->term_count)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'index': %zu is not below the term count %zu", fn, index,
                           calendar->term_count);
    const ssat__term *t = &calendar->terms[index];
    if (name_out != NULL)
        *name_out = t->name;
    if (first_out != NULL)
        *first_out = t->first;
    if (last_out != NULL)
        *last_out = t->last;
    return SSAT_OK;
}

/* ---- closures ------------------------------------------------------------------------------------- */

ssat_status ssat_calendar_add_closure(ssat_calendar *calendar, ssat_date first, ssat_date last)
{
    static const char fn[] = "ssat_calendar_add_closure";
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    ssat_status st = check_order(fn, first, last);
    if (st == SSAT_OK)
        st = check_in_year(calendar, fn, "first", first);
    if (st == SSAT_OK)
        st = check_in_year(calendar, fn, "last", last);
    if (st != SSAT_OK)
        return st;
    void *items = calendar->closures;
    if (!ssat__grow(&calendar->alloc, &items, &calendar->closure_cap, calendar->closure_count + 1,
                    sizeof *calendar->closures))
        return ssat__nomem(fn);
    calendar->closures = items;
    calendar->closures[calendar->closure_count++] = (ssat__closure){.first = first, .last = last};
    refresh_days(calendar);
    return SSAT_OK;
}

/* ---- school days ---------------------------------------------------------------------------------- */

ssat_status ssat_calendar_is_school_day(const ssat_calendar *calendar, ssat_date date, int32_t *out)
{
    static const char fn[] = "ssat_calendar_is_school_day";
    if (out != NULL)
        *out = 0;
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    ssat_status st = check_in_year(calendar, fn, "date", date);
    if (st != SSAT_OK)
        return st;
    *out = calendar->school_day[date - calendar->year_first];
    return SSAT_OK;
}

ssat_status ssat_calendar_count_school_days(const ssat_calendar *calendar, ssat_date first, ssat_date last,
                                            int32_t *out)
{
    static const char fn[] = "ssat_calendar_count_school_days";
    if (out != NULL)
        *out = 0;
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    ssat_status st = check_in_year(calendar, fn, "first", first);
    if (st == SSAT_OK)
        st = check_in_year(calendar, fn, "last", last);
    if (st != SSAT_OK)
        return st;
    *out = count_days(calendar, first, last);
    return SSAT_OK;
}

/* ---- windows -------------------------------------------------------------------------------------- */

/* The checks every as-of window shares: non-NULL arguments and an as-of date inside the year. */
static ssat_status check_as_of(const ssat_calendar *c, const char *fn, ssat_date as_of, const ssat_window *out)
{
    if (c == NULL)
        return ssat__null_arg(fn, "calendar");
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    return check_in_year(c, fn, "as_of", as_of);
}

ssat_status ssat_calendar_window_year_to_date(const ssat_calendar *calendar, ssat_date as_of, ssat_window *out)
{
    clear_window(out);
    ssat_status st = check_as_of(calendar, "ssat_calendar_window_year_to_date", as_of, out);
    if (st != SSAT_OK)
        return st;
    set_window(out, calendar->year_first, as_of);
    return SSAT_OK;
}

static const ssat__term *find_term_named(const ssat_calendar *c, const char *name)
{
    for (size_t i = 0; i < c->term_count; i++)
        if (strcmp(c->terms[i].name, name) == 0)
            return &c->terms[i];
    return NULL;
}

/* The term holding as_of or, in a holiday, the last term that began before it: terms are sorted and
 * disjoint, so that is the last term whose first day is on or before as_of. NULL if none. */
static const ssat__term *find_term_at(const ssat_calendar *c, ssat_date as_of)
{
    const ssat__term *found = NULL;
    for (size_t i = 0; i < c->term_count && c->terms[i].first <= as_of; i++)
        found = &c->terms[i];
    return found;
}

/* Resolving the term when no name is given: with no terms at all there is no such term (NOT_FOUND);
 * when as_of falls before the first term begins (an August before the autumn term, say) the date is
 * the problem, not the calendar, so it is SSAT_ERR_RANGE, as for a named term that has not begun. */
static ssat_status resolve_term(const ssat_calendar *c, const char *fn, const char *name, ssat_date as_of,
                                const ssat__term **term)
{
    const ssat__term *t;
    if (name != NULL) {
        t = find_term_named(c, name);
        if (t == NULL)
            return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'term_name': no term named \"%.*s\"", fn,
                               SSAT_TERM_NAME_MAX, name);
        if (as_of < t->first)
            return ssat__error(SSAT_ERR_RANGE, "%s: argument 'as_of' (%s) is before term \"%s\" begins (%s)", fn,
                               show(as_of).s, t->name, show(t->first).s);
    } else {
        if (c->term_count == 0)
            return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'calendar' has no terms", fn);
        t = find_term_at(c, as_of);
        if (t == NULL)
            return ssat__error(SSAT_ERR_RANGE, "%s: argument 'as_of' (%s) is before the first term begins (%s)",
                               fn, show(as_of).s, show(c->terms[0].first).s);
    }
    *term = t;
    return SSAT_OK;
}

ssat_status ssat_calendar_window_term(const ssat_calendar *calendar, const char *term_name, ssat_date as_of,
                                      ssat_window *out)
{
    static const char fn[] = "ssat_calendar_window_term";
    clear_window(out);
    ssat_status st = check_as_of(calendar, fn, as_of, out);
    const ssat__term *t = NULL;
    if (st == SSAT_OK)
        st = resolve_term(calendar, fn, term_name, as_of, &t);
    if (st != SSAT_OK || t == NULL) /* resolve_term sets t whenever it succeeds (gcc -O2 cannot tell) */
        return st != SSAT_OK ? st : ssat__error(SSAT_ERR_NOT_FOUND, "%s: no term", fn);
    set_window(out, t->first, as_of < t->last ? as_of : t->last);
    return SSAT_OK;
}

/* Walk back week by week (Monday to Sunday) from the week holding as_of. A week counts when it holds a
 * school day inside the window, that is on or before as_of: days later in as_of's own week have not
 * happened yet, so they can neither make that week count nor use up one of the weeks asked for. */
ssat_status ssat_calendar_window_last_weeks(const ssat_calendar *calendar, ssat_date as_of, int32_t weeks,
                                            ssat_window *out)
{
    static const char fn[] = "ssat_calendar_window_last_weeks";
    clear_window(out);
    ssat_status st = check_as_of(calendar, fn, as_of, out);
    if (st != SSAT_OK)
        return st;
    if (weeks < 1)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'weeks': %ld is less than 1", fn, (long)weeks);
    ssat_date start = calendar->year_first; /* if the year has fewer school weeks than asked */
    int32_t found = 0;
    for (ssat_date monday = as_of - (ssat_date)(ssat_date_weekday(as_of) - 1);
         monday + 6 >= calendar->year_first && found < weeks; monday -= 7) {
        ssat_date from = monday > calendar->year_first ? monday : calendar->year_first;
        ssat_date to = monday + 6 < as_of ? monday + 6 : as_of;
        if (count_days(calendar, from, to) > 0 && ++found == weeks)
            start = from;
    }
    set_window(out, start, as_of);
    return SSAT_OK;
}

ssat_status ssat_window_range(ssat_date first, ssat_date last, ssat_window *out)
{
    static const char fn[] = "ssat_window_range";
    clear_window(out);
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    /* A window must be usable by every function that takes one, so unsupported dates are refused here
     * rather than later. */
    if (!ssat__date_in_range(first))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'first' (%s) is outside years %d..%d", fn,
                           show(first).s, SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    if (!ssat__date_in_range(last))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'last' (%s) is outside years %d..%d", fn,
                           show(last).s, SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    ssat_status st = check_order(fn, first, last);
    if (st != SSAT_OK)
        return st;
    set_window(out, first, last);
    return SSAT_OK;
}

/* ---- internal: copies for all-or-nothing imports -------------------------------------------------- */

ssat_status ssat__calendar_clone(const ssat_calendar *src, ssat_calendar **out, const char *fn)
{
    *out = NULL;
    ssat_calendar *c = ssat__calloc(&src->alloc, 1, sizeof *c);
    if (c == NULL)
        return ssat__nomem(fn);
    *c = *src;
    c->terms = NULL;
    c->term_count = c->term_cap = 0;
    c->closures = NULL;
    c->closure_count = c->closure_cap = 0;
    void *terms = NULL, *closures = NULL;
    bool ok = ssat__grow(&c->alloc, &terms, &c->term_cap, src->term_count, sizeof *c->terms);
    c->terms = terms;
    ok = ok && ssat__grow(&c->alloc, &closures, &c->closure_cap, src->closure_count, sizeof *c->closures);
    c->closures = closures;
    ssat__term *copies = terms; /* NULL only when there are no terms */
    for (size_t i = 0; ok && copies != NULL && i < src->term_count; i++) {
        char *name = ssat__strdup(&c->alloc, src->terms[i].name);
        ok = name != NULL;
        if (ok)
            copies[c->term_count++] = (ssat__term){name, src->terms[i].first, src->terms[i].last};
    }
    if (!ok) {
        ssat_calendar_free(c);
        return ssat__nomem(fn);
    }
    if (closures != NULL && src->closure_count > 0)
        memcpy(closures, src->closures, src->closure_count * sizeof *c->closures);
    c->closure_count = src->closure_count;
    *out = c;
    return SSAT_OK;
}

void ssat__calendar_swap(ssat_calendar *a, ssat_calendar *b)
{
    ssat_calendar tmp = *a;
    *a = *b;
    *b = tmp;
}

const ssat__alloc *ssat__calendar_alloc(const ssat_calendar *calendar)
{
    return &calendar->alloc;
}
