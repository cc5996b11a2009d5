/* Terms and closures files (`name,start,end`) into a calendar (school.h), all or nothing: the rows go
 * into a copy of the calendar, which replaces the calendar's contents only when the file had no error.
 * The checks are made here, before ssat_calendar_add_term()/add_closure() are called, so that each
 * problem gets its own bilingual message at its line and column. */
#include "import.h"

#include <stdio.h>

typedef struct cal_import {
    ssat__import_reader r; /* first: the tokenizer's ctx points here */
    ssat_calendar *copy;   /* what the calendar becomes */
    bool terms;            /* a terms file (else closures) */
    const ssat_calendar *calendar;
} cal_import;

static const ssat__import_col term_cols[] = {IC_NAME, IC_START, IC_END};

/* One row's fields. */
typedef struct cal_row {
    const ssat__csv_field *name, *start, *end;
    ssat_date first, last;
} cal_row;

static ssat_status date_error(cal_import *ci, ssat__import_col col, const ssat__csv_field *f)
{
    char text[IMPORT_TEXT_MAX];
    ssat__import_text_for_message(text, sizeof text, f->data, f->len);
    const char *args[2] = {ssat__import_col_name(col), text};
    return ssat__import_field_error(&ci->r, ssat__import_date_id(&ci->r), col, f, args, 2);
}

/* Both dates real, in order, and inside the calendar's school year; false after listing a problem. */
static ssat_status check_dates(cal_import *ci, cal_row *row, bool *ok)
{
    *ok = false;
    bool first_ok = ssat__import_date(&ci->r, row->start->data, row->start->len, &row->first);
    bool last_ok = ssat__import_date(&ci->r, row->end->data, row->end->len, &row->last);
    ssat_status st = first_ok ? SSAT_OK : date_error(ci, IC_START, row->start);
    if (st == SSAT_OK && !last_ok)
        st = date_error(ci, IC_END, row->end);
    if (st != SSAT_OK || !first_ok || !last_ok)
        return st;
    char a[SSAT_DATE_BUFSIZE], b[SSAT_DATE_BUFSIZE], year[16];
    (void)ssat_date_format(row->first, a, sizeof a);
    (void)ssat_date_format(row->last, b, sizeof b);
    const char *args[3] = {a, b, year};
    if (row->last < row->first)
        return ssat__import_field_error(&ci->r, "import.date_order", IC_END, row->end, args, 2);
    int32_t y = ssat_calendar_school_year(ci->calendar);
    ssat_date year_first, year_last;
    ssat__calendar_bounds(ci->calendar, &year_first, &year_last);
    if (row->first < year_first || row->last > year_last) {
        (void)snprintf(year, sizeof year, "%ld/%02ld", (long)y, (long)((y + 1) % 100));
        return ssat__import_field_error(&ci->r, "import.date_range", IC_START, row->start, args, 3);
    }
    *ok = true;
    return SSAT_OK;
}

/* A term's name: 1..64 bytes of text, not used by an earlier term of the file. */
static ssat_status check_name(cal_import *ci, const cal_row *row, bool *ok)
{
    const ssat__csv_field *f = row->name;
    *ok = false;
    if (f->len < 1 || f->len > SSAT_TERM_NAME_MAX)
        return ssat__import_field_error(&ci->r, "import.term_name", IC_NAME, f, NULL, 0);
    if (!ssat__import_text_ok(f->data, f->len)) {
        const char *args[1] = {"name"};
        return ssat__import_field_error(&ci->r, "import.text", IC_NAME, f, args, 1);
    }
    for (size_t i = 0; i < ssat_calendar_term_count(ci->copy); i++) {
        const char *name;
        (void)ssat_calendar_term_at(ci->copy, i, &name, NULL, NULL);
        if (strcmp(name, f->data) == 0) {
            const char *args[1] = {name};
            return ssat__import_field_error(&ci->r, "import.term_duplicate", IC_NAME, f, args, 1);
        }
    }
    *ok = true;
    return SSAT_OK;
}

static ssat_status check_overlap(cal_import *ci, const cal_row *row, bool *ok)
{
    *ok = true;
    for (size_t i = 0; i < ssat_calendar_term_count(ci->copy); i++) {
        const char *name;
        ssat_date first, last;
        (void)ssat_calendar_term_at(ci->copy, i, &name, &first, &last);
        if (row->first > last || first > row->last)
            continue;
        char a[SSAT_DATE_BUFSIZE], b[SSAT_DATE_BUFSIZE], c[SSAT_DATE_BUFSIZE], d[SSAT_DATE_BUFSIZE];
        (void)ssat_date_format(row->first, a, sizeof a);
        (void)ssat_date_format(row->last, b, sizeof b);
        (void)ssat_date_format(first, c, sizeof c);
        (void)ssat_date_format(last, d, sizeof d);
        const char *args[6] = {row->name->data, a, b, name, c, d};
        *ok = false;
        return ssat__import_field_error(&ci->r, "import.term_overlap", IC_START, row->start, args, 6);
    }
    return SSAT_OK;
}

/* Rows after the first error are still checked, against the terms that were good. */
static ssat_status data_row(cal_import *ci, const ssat__csv_field *fields)
{
    cal_row row = {.start = ssat__import_field(&ci->r, fields, IC_START),
                   .end = ssat__import_field(&ci->r, fields, IC_END)};
    bool dates_ok = false, name_ok = true, apart = true;
    if (ci->terms)
        row.name = ssat__import_field(&ci->r, fields, IC_NAME);
    ssat_status st = ci->terms ? check_name(ci, &row, &name_ok) : SSAT_OK;
    if (st == SSAT_OK)
        st = check_dates(ci, &row, &dates_ok);
    if (st == SSAT_OK && dates_ok && ci->terms)
        st = check_overlap(ci, &row, &apart);
    if (st != SSAT_OK || !dates_ok || !name_ok || !apart)
        return st;
    st = ci->terms ? ssat_calendar_add_term(ci->copy, row.name->data, row.first, row.last)
                   : ssat_calendar_add_closure(ci->copy, row.first, row.last);
    return st == SSAT_OK ? SSAT_OK : ssat__nomem("ssat_calendar_import"); /* checked above: only memory is left */
}

static ssat_status on_row(void *ctx, const ssat__csv_field *fields, size_t count)
{
    cal_import *ci = ctx;
    ssat_status st;
    if (!ci->r.header_done) {
        st = ssat__import_header(&ci->r, fields, count);
        if (st == SSAT_OK && ci->terms)
            st = ssat__import_require(&ci->r, fields, term_cols, 3, "name,start,end");
        else if (st == SSAT_OK)
            st = ssat__import_require(&ci->r, fields, term_cols + 1, 2, "name,start,end");
        return st;
    }
    if (!ssat__import_row_shape(&ci->r, fields, count, &st))
        return st;
    return data_row(ci, fields);
}

static ssat_status import_ranges(ssat_calendar *calendar, const char *data, size_t len, const char *source,
                                 ssat_problems *problems, bool terms, const ssat_csv_map *map, const char *fn)
{
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    if (data == NULL)
        return ssat__null_arg(fn, "data");
    if (problems == NULL)
        return ssat__null_arg(fn, "problems");
    cal_import ci = {.terms = terms, .calendar = calendar};
    const ssat__alloc *a = ssat__calendar_alloc(calendar);
    char *name = ssat__import_source_copy(a, source);
    ssat_status st = name == NULL ? ssat__nomem(fn) : ssat__calendar_clone(calendar, &ci.copy, fn);
    ssat__import_reader_init(&ci.r, a, name, problems, on_row);
    ci.r.map = map;
    if (st == SSAT_OK && terms)
        ssat_calendar_clear_terms(ci.copy); /* a terms file replaces the terms */
    if (st == SSAT_OK)
        st = ssat__csv_feed(&ci.r.csv, data, len);
    if (st == SSAT_OK)
        st = ssat__import_reader_finish(&ci.r);
    if (st != SSAT_OK) {
        ssat__import_reader_unlist(&ci.r);
        st = st == SSAT_ERR_NOMEM ? ssat__nomem(fn) : st;
    } else if (ci.r.errors > 0) {
        st = ssat__import_reader_failure(&ci.r, fn);
    } else {
        ssat__calendar_swap(calendar, ci.copy); /* the copy now holds the old contents */
    }
    ssat__import_reader_free(&ci.r);
    ssat_calendar_free(ci.copy);
    ssat__free_str(a, name);
    return st;
}

ssat_status ssat_calendar_import_terms(ssat_calendar *calendar, const char *data, size_t len, const char *source,
                                       ssat_problems *problems)
{
    return import_ranges(calendar, data, len, source, problems, true, NULL, "ssat_calendar_import_terms");
}

ssat_status ssat_calendar_import_closures(ssat_calendar *calendar, const char *data, size_t len,
                                          const char *source, ssat_problems *problems)
{
    return import_ranges(calendar, data, len, source, problems, false, NULL, "ssat_calendar_import_closures");
}

ssat_status ssat_calendar_import_terms_mapped(ssat_calendar *calendar, const char *data, size_t len,
                                              const char *source, ssat_problems *problems, const ssat_csv_map *map)
{
    return import_ranges(calendar, data, len, source, problems, true, map, "ssat_calendar_import_terms_mapped");
}

ssat_status ssat_calendar_import_closures_mapped(ssat_calendar *calendar, const char *data, size_t len,
                                                 const char *source, ssat_problems *problems, const ssat_csv_map *map)
{
    return import_ranges(calendar, data, len, source, problems, false, map, "ssat_calendar_import_closures_mapped");
}
