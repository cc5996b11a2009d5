/* Register rows of a CSV import (school.h): the long layout, one mark per row, and the wide layout, one
 * pupil's run of marks per row. Every problem of a row is listed, and a row is applied to the staged
 * register only when it had none (a file with any error is never committed anyway).
 *
 * The long layout is the hot path of an authority-sized import (ten million rows), so it avoids work
 * per row: the previous row's pupil and date are remembered (exports are sorted by pupil, then date),
 * dates are parsed by a fixed-width routine, one-character codes by a table, and a mark is stored with
 * one byte write into the pupil's dense register. */
#include "import.h"

#include <stdio.h>

/* ---- one mark ------------------------------------------------------------------------------------ */

/* The register entry for a mark's text: a code index, SSAT__ENTRY_MISSING for "" or "-", or
 * SSAT__ENTRY_NONE for "." (the school did not meet: no entry). False for an unknown code. */
static bool mark_value(const ssat_codeset *codes, const char *text, size_t len, uint8_t *value)
{
    if (len == 1) {
        unsigned char c = (unsigned char)text[0];
        if (c == '.' || c == '-' || c == ' ') { /* not codes (codeset.h): checked first, as NONE == NO_CODE */
            *value = c == '.' ? SSAT__ENTRY_NONE : SSAT__ENTRY_MISSING;
            return true;
        }
        *value = ssat__codeset_index_byte(codes, c);
        return *value != SSAT__NO_CODE;
    }
    if (len == 0) {
        *value = SSAT__ENTRY_MISSING;
        return true;
    }
    *value = len <= SSAT_CODE_MAX_LEN ? ssat__codeset_index(codes, text) : SSAT__NO_CODE; /* text ends in NUL */
    return *value != SSAT__NO_CODE;
}

/* The text of an entry already held, for a message. */
static const char *entry_text(const ssat_codeset *codes, uint8_t e)
{
    return e == SSAT__ENTRY_MISSING ? "-" : ssat_codeset_at(codes, e)->code;
}

static ssat_date session_day(int64_t s)
{
    return (ssat_date)((s - (s & 1)) / 2);
}

/* A problem of one session of a pupil: "Pupil P, session D AM: ..." with the caller's {4}, {5}. */
static ssat_status session_error(ssat_import *im, const char *id, const ssat__spupil *p, int64_t s,
                                 ssat__import_col col, uint32_t line, uint32_t column, const char *a4, const char *a5)
{
    ssat__problem_loc loc = {.field = ssat__import_col_name(col), .line = line, .column = column, .has_session = 1,
                             .date = session_day(s), .half = (ssat_half)(s & 1)};
    const char *args[3] = {p->id, a4, a5};
    return ssat__import_problem(&im->r, id, SSAT_SEVERITY_ERROR, loc, args, 3);
}

/* The entry a session already has in this file or in the school: a second mark is an error. */
static uint8_t existing_entry(const ssat_import *im, const ssat__spupil *p, int64_t s)
{
    uint8_t e = ssat__register_entry(p->reg, s);
    if (e == SSAT__ENTRY_NONE && p->target != SIZE_MAX)
        e = ssat__register_entry(ssat__school_at(im->target, p->target)->reg, s);
    return e;
}

static ssat_status duplicate(ssat_import *im, const ssat__spupil *p, int64_t s, uint8_t value, uint8_t old,
                             uint32_t line, uint32_t column)
{
    const ssat_codeset *codes = ssat__school_codes(im->stage);
    return session_error(im, "import.duplicate_mark", p, s, IC_MARK, line, column, entry_text(codes, value),
                         entry_text(codes, old));
}

/* ---- dates the rules can use ---------------------------------------------------------------------- */

/* A pupil's marks span at most this many days: a school career (3 to 19) is 16 years. The registers are
 * dense (a byte per session), so the bound is also the bound on a register's memory: one mistyped
 * year ("2205" for "2025") would otherwise cost 130 KB for that pupil, and a file of such rows
 * gigabytes. */
#define MARKS_SPAN_MAX_DAYS ((int64_t)16 * 366)

/* ssat__days_from_civil() as a constant expression, for a year after 1 March of year 0: the bounds
 * below are checked on every mark, and a call per row cost a tenth of an import. */
#define CIVIL_YY(y, m) ((int64_t)(y) - ((m) <= 2))
#define CIVIL_YOE(y, m) (CIVIL_YY(y, m) % 400)
#define CIVIL_DOY(m, d) ((153 * (((m) + 9) % 12) + 2) / 5 + (d) - 1)
#define CIVIL_DAYS(y, m, d)                                                                                 \
    (CIVIL_YY(y, m) / 400 * 146097 + CIVIL_YOE(y, m) * 365 + CIVIL_YOE(y, m) / 4 - CIVIL_YOE(y, m) / 100 + \
     CIVIL_DOY(m, d) - 719468)

/* The first and last sessions the rules can evaluate: school years 1583/84 to 9998/99. */
static int64_t first_session(void)
{
    return ssat__session((ssat_date)CIVIL_DAYS(SSAT_YEAR_MIN, 8, 1), SSAT_AM);
}

static int64_t last_session(void)
{
    return ssat__session((ssat_date)CIVIL_DAYS(SSAT_YEAR_MAX, 7, 31), SSAT_PM);
}

/* "import.mark_year": a date outside the school years the rules can evaluate. */
static ssat_status year_error(ssat_import *im, ssat__import_col col, const ssat__csv_field *f)
{
    char text[IMPORT_TEXT_MAX];
    ssat__import_text_for_message(text, sizeof text, f->data, f->len);
    const char *args[2] = {ssat__import_col_name(col), text};
    return ssat__import_field_error(&im->r, "import.mark_year", col, f, args, 2);
}

/* Marks this many sessions (three months) beyond the pupil's others are noted as far marks: more than
 * any school holiday, so a file of several years notes its stray rows, not every September. */
#define FAR_SESSIONS ((int64_t)2 * 92)

/* Widen [lo, hi] to the sessions the register covers; false when it is empty. */
static bool widen_span(const ssat_register *reg, int64_t *lo, int64_t *hi)
{
    ssat__register_view v;
    ssat__register_view_get(reg, &v);
    if (v.count == 0)
        return false;
    *lo = v.base < *lo ? v.base : *lo;
    *hi = v.base + (int64_t)v.count - 1 > *hi ? v.base + (int64_t)v.count - 1 : *hi;
    return true;
}

/* check_span()'s usual case, cheaply: a pupil new to the school whose run of marks is at or just after
 * the marks it has, within the span. */
static bool span_usual(const ssat__spupil *p, const ssat__far_mark *run)
{
    if (p->target != SIZE_MAX)
        return false;
    ssat__register_view v;
    ssat__register_view_get(p->reg, &v);
    int64_t end = v.base + (int64_t)v.count - 1;
    return v.count > 0 && run->lo >= v.base && run->hi <= end + FAR_SESSIONS &&
           session_day(run->hi > end ? run->hi : end) - session_day(v.base) <= MARKS_SPAN_MAX_DAYS;
}

/* Check that the run of marks `run` (sessions run->lo..run->hi) keeps the pupil's marks (in this file
 * and in the school) within MARKS_SPAN_MAX_DAYS; else "import.marks_span" at field `f`. A run three
 * months or more away from the pupil's other marks is noted so that it can be located exactly: such a row is
 * often a mistyped date, reported later as outside the year evaluated. */
static ssat_status check_span(ssat_import *im, const ssat__spupil *p, const ssat__far_mark *run, ssat__import_col col,
                              const ssat__csv_field *f, bool *ok)
{
    int64_t lo = run->lo, hi = run->hi, old_lo = INT64_MAX, old_hi = INT64_MIN;
    bool had = widen_span(p->reg, &old_lo, &old_hi);
    if (p->target != SIZE_MAX)
        had |= widen_span(ssat__school_at(im->target, p->target)->reg, &old_lo, &old_hi);
    lo = had && old_lo < lo ? old_lo : lo;
    hi = had && old_hi > hi ? old_hi : hi;
    *ok = session_day(hi) - session_day(lo) <= MARKS_SPAN_MAX_DAYS;
    if (*ok && had && (run->hi < old_lo - FAR_SESSIONS || run->lo > old_hi + FAR_SESSIONS))
        return ssat__school_add_far(im->stage, run, "ssat_import_feed");
    if (*ok)
        return SSAT_OK;
    char first[16], last[16];
    (void)ssat_date_format(session_day(lo), first, sizeof first);
    (void)ssat_date_format(session_day(hi), last, sizeof last);
    const char *args[3] = {p->id, first, last};
    return ssat__import_field_error(&im->r, "import.marks_span", col, f, args, 3);
}

/* ---- the long layout ----------------------------------------------------------------------------- */

typedef struct long_row {
    const ssat__csv_field *pupil, *date, *session, *mark;
    ssat_date day;
    ssat_half half;
    uint8_t value;
    bool day_ok, half_ok, mark_ok;
} long_row;

/* The 10 bytes of a date text as two overlapping words, for a hash and a comparison without a loop. */
static void date_words(const char *t, uint64_t w[2])
{
    memcpy(&w[0], t, 8);
    memcpy(&w[1], t + 2, 8);
}

/* The slot of a 10-byte date text: for YYYY-MM-DD, the day of the year as month * 31 + day, and the
 * year's parity, so that the dates of a school year (two calendar years, months apart) never share a
 * slot and a file's rows, in date order per pupil, find every date after the first pupil. Any other
 * text of 10 bytes (a mapped format) gets some slot: the text is compared anyway. */
static size_t date_slot(const char *t)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t month = (size_t)(u[5] & 15) * 10 + (u[6] & 15), day = (size_t)(u[8] & 15) * 10 + (u[9] & 15);
    return ((size_t)(u[3] & 1) * 372 + month * 31 + day) % SSAT__DATE_CACHE_SLOTS;
}

/* A long row's date, from the cache when the same text was parsed before (a cached text is never all
 * NUL, which an empty slot is). */
static bool parse_day(ssat_import *im, const ssat__csv_field *f, ssat_date *out)
{
    uint64_t w[2] = {0, 0}, c[2];
    size_t k = SIZE_MAX;
    if (f->len == 10) {
        date_words(f->data, w);
        k = date_slot(f->data);
        date_words(im->date_cache.slot[k].text, c);
        if (c[0] == w[0] && c[1] == w[1] && (w[0] | w[1]) != 0) {
            *out = im->date_cache.slot[k].date;
            return true;
        }
    }
    if (!ssat__import_date(&im->r, f->data, f->len, out))
        return false;
    if (k != SIZE_MAX) {
        memcpy(im->date_cache.slot[k].text, f->data, 10);
        im->date_cache.slot[k].date = *out;
    }
    return true;
}

/* Case-insensitive comparison of a field with a lower-case word. */
static bool field_is(const ssat__csv_field *f, const char *word, size_t n)
{
    if (f->len != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((f->data[i] | 0x20) != word[i])
            return false;
    return true;
}

/* AM or PM as exports write them: AM/PM, am/pm, Morning/Afternoon (any case). */
static bool parse_half(const ssat__csv_field *f, ssat_half *out)
{
    if (f->len == 2 && f->data[1] == 'M' && (f->data[0] == 'A' || f->data[0] == 'P')) { /* the usual case */
        *out = f->data[0] == 'A' ? SSAT_AM : SSAT_PM;
        return true;
    }
    if (field_is(f, "am", 2) || field_is(f, "morning", 7)) {
        *out = SSAT_AM;
        return true;
    }
    if (field_is(f, "pm", 2) || field_is(f, "afternoon", 9)) {
        *out = SSAT_PM;
        return true;
    }
    return false;
}

/* mark_value() of a mark read through the import's code map: a local code stands for its statutory code. */
SSAT__NOINLINE static bool through_map(const ssat_import *im, const char *text, size_t len, uint8_t *value)
{
    const char *statutory;
    if (ssat__csv_map_code(im->r.map, text, len, &statutory))
        return mark_value(ssat__school_codes(im->stage), statutory, strlen(statutory), value);
    return mark_value(ssat__school_codes(im->stage), text, len, value);
}

/* Without a map (the usual case, once a row) no local lives in memory, so this needs no stack guard. */
static bool mapped_value(const ssat_import *im, const char *text, size_t len, uint8_t *value)
{
    if (im->r.map != NULL)
        return through_map(im, text, len, value);
    return mark_value(ssat__school_codes(im->stage), text, len, value);
}

/* List what is wrong with a long row's date, session and mark. */
static ssat_status long_problems(ssat_import *im, const ssat__spupil *p, const long_row *r)
{
    char text[IMPORT_TEXT_MAX], date_text[IMPORT_TEXT_MAX], half_text[IMPORT_TEXT_MAX];
    ssat_status st = SSAT_OK;
    if (!r->day_ok) {
        ssat__import_text_for_message(text, sizeof text, r->date->data, r->date->len);
        const char *args[2] = {"date", text};
        st = ssat__import_field_error(&im->r, ssat__import_date_id(&im->r), IC_DATE, r->date, args, 2);
    }
    if (st == SSAT_OK && !r->half_ok) {
        ssat__import_text_for_message(text, sizeof text, r->session->data, r->session->len);
        const char *args[1] = {text};
        st = ssat__import_field_error(&im->r, "import.session", IC_SESSION, r->session, args, 1);
    }
    if (st != SSAT_OK || r->mark_ok)
        return st;
    ssat__import_text_for_message(text, sizeof text, r->mark->data, r->mark->len);
    const char *set = ssat_codeset_name(ssat__school_codes(im->stage));
    if (r->day_ok && r->half_ok)
        return session_error(im, "import.unknown_code", p, ssat__session(r->day, r->half), IC_MARK, r->mark->line,
                             r->mark->column, text, set);
    /* Without a real session, the message shows the row's own date and session text. */
    ssat__import_text_for_message(date_text, sizeof date_text, r->date->data, r->date->len);
    ssat__import_text_for_message(half_text, sizeof half_text, r->session->data, r->session->len);
    const char *args[5] = {date_text, half_text, p->id, text, set};
    return ssat__import_field_error(&im->r, "import.unknown_code", IC_MARK, r->mark, args, 5);
}

/* Where the pupil's rows are, for ssat_school_locate(): exact while they come on consecutive lines in
 * session order with the mark in the same column, as an export writes them. */
static void long_location(ssat__spupil *p, const ssat__csv_field *mark, int64_t s, bool entry)
{
    if (!p->has_rows) {
        p->has_rows = true;
        p->loc = entry ? SSAT__LOC_LONG : SSAT__LOC_ROWS;
        p->line = mark->line;
        p->column = mark->column;
    } else if (p->loc == SSAT__LOC_LONG &&
               (!entry || mark->line != p->last_line + 1 || s <= p->last_session || mark->column != p->column)) {
        p->loc = SSAT__LOC_ROWS;
    }
    p->last_line = mark->line;
    p->last_session = s;
}

void ssat__import_long_hinter(const ssat_import *im, ssat__long_hinter *out)
{
    const ssat__import_reader *r = &im->r;
    out->ncols = 0;
    if (!r->header_done || r->header_bad || im->kind != SSAT_CSV_LONG || r->map != NULL)
        return;
    out->ncols = r->ncols;
    out->mark = r->col[IC_MARK];
    out->codes = ssat__school_codes(im->stage);
    for (size_t c = 0; c < 256; c++) {
        unsigned char t[2] = {(unsigned char)c, 0};
        out->byte_ok[c] = mark_value(out->codes, (const char *)t, 1, &out->by_byte[c]);
    }
}

/* The usual mark (one character) from the hinter's table, without a call: some of the calling
 * thread's work moves to the tokenizing thread, which has the time for it (docs/performance.md). */
ssat__long_hint ssat__import_long_hint(const ssat__long_hinter *hinter, const ssat__csv_field *fields)
{
    const ssat__csv_field *mark = &fields[hinter->mark];
    ssat__long_hint h = {.set = true};
    if (mark->len == 1) {
        unsigned char c = (unsigned char)mark->data[0];
        h.value = hinter->by_byte[c];
        h.mark_ok = hinter->byte_ok[c];
    } else {
        h.mark_ok = mark_value(hinter->codes, mark->data, mark->len, &h.value);
    }
    return h;
}

ssat_status ssat__import_long_row(ssat_import *im, const ssat__csv_field *fields)
{
    const ssat__import_reader *rd = &im->r;
    long_row r = {.pupil = ssat__import_field(rd, fields, IC_PUPIL_ID),
                  .date = ssat__import_field(rd, fields, IC_DATE),
                  .session = ssat__import_field(rd, fields, IC_SESSION),
                  .mark = ssat__import_field(rd, fields, IC_MARK)};
    size_t i;
    ssat_status st = ssat__import_pupil(im, r.pupil, true, &i);
    if (st != SSAT_OK || i == SIZE_MAX)
        return st;
    ssat__spupil *p = ssat__school_at(im->stage, i);
    r.day_ok = parse_day(im, r.date, &r.day);
    r.half_ok = parse_half(r.session, &r.half);
    if (im->hint.set) { /* the tokenizing thread read it (import_pipe.c) */
        r.mark_ok = im->hint.mark_ok;
        r.value = im->hint.value;
    } else {
        r.mark_ok = mapped_value(im, r.mark->data, r.mark->len, &r.value);
    }
    if (!r.day_ok || !r.half_ok || !r.mark_ok)
        return long_problems(im, p, &r);
    int64_t s = ssat__session(r.day, r.half);
    if (s < first_session() || s > last_session())
        return year_error(im, IC_DATE, r.date);
    uint8_t old = existing_entry(im, p, s);
    if (old != SSAT__ENTRY_NONE && r.value != SSAT__ENTRY_NONE)
        return duplicate(im, p, s, r.value, old, r.mark->line, r.mark->column);
    long_location(p, r.mark, s, r.value != SSAT__ENTRY_NONE);
    if (r.value == SSAT__ENTRY_NONE)
        return SSAT_OK; /* "." adds nothing */
    bool ok = true;
    ssat__far_mark run = {.id = p->id, .lo = s, .hi = s, .line = r.mark->line, .column = r.mark->column};
    st = span_usual(p, &run) ? SSAT_OK : check_span(im, p, &run, IC_DATE, r.date, &ok);
    if (st != SSAT_OK || !ok)
        return st;
    /* Stored even after an error elsewhere in the file, so that a later second mark is still found. */
    return ssat__register_put(p->reg, s, r.value) ? SSAT_OK : ssat__nomem("ssat_import_feed");
}

/* ---- the wide layout ----------------------------------------------------------------------------- */

typedef struct wide_row {
    const ssat__csv_field *marks;
    ssat_date start;
    uint32_t column;   /* column of the first mark */
    uint32_t chars;    /* characters (sessions) in the marks */
    int64_t lo, hi;    /* first and last sessions that get an entry */
    size_t entries;
} wide_row;

/* Bytes of the character at m[i]: one session each. A non-ASCII character is one (unknown) mark. */
static size_t char_len(const unsigned char *m, size_t len, size_t i)
{
    if (m[i] < 0x80)
        return 1;
    size_t n = ssat__utf8_sequence(m + i, len - i);
    return n != 0 ? n : 1;
}

static ssat_status mark_error(ssat_import *im, const ssat__spupil *p, const wide_row *w, const ssat__run_pos *pos,
                              uint32_t column, const unsigned char *c, size_t n)
{
    char text[IMPORT_TEXT_MAX];
    if (n > 1 || (c[0] > 0x20 && c[0] < 0x7F))
        ssat__import_text_for_message(text, sizeof text, (const char *)c, n);
    else
        (void)snprintf(text, sizeof text, "\\x%02X", c[0]);
    return session_error(im, "import.unknown_code", p, ssat__session(pos->date, pos->half), IC_MARKS,
                         w->marks->line, column, text, ssat_codeset_name(ssat__school_codes(im->stage)));
}

/* The problem of one character of the row, if any; notes the span of the entries it makes. */
static ssat_status wide_mark(ssat_import *im, const ssat__spupil *p, wide_row *w, const ssat__run_pos *pos,
                             const unsigned char *c, size_t n, uint32_t column)
{
    const ssat_codeset *codes = ssat__school_codes(im->stage);
    uint8_t value;
    int64_t s = ssat__session(pos->date, pos->half);
    if (n > 1 || !mapped_value(im, (const char *)c, 1, &value))
        return mark_error(im, p, w, pos, column, c, n);
    if (value == SSAT__ENTRY_NONE)
        return SSAT_OK;
    uint8_t old = existing_entry(im, p, s);
    if (old != SSAT__ENTRY_NONE)
        return session_error(im, "import.duplicate_mark", p, s, IC_MARKS, w->marks->line, column,
                             entry_text(codes, value), entry_text(codes, old));
    w->lo = w->entries++ == 0 ? s : w->lo;
    w->hi = s;
    return SSAT_OK;
}

/* First pass: list every problem of the row and find the span it fills; changes nothing. */
static ssat_status wide_scan(ssat_import *im, const ssat__spupil *p, wide_row *w)
{
    const unsigned char *m = (const unsigned char *)w->marks->data;
    ssat__run_pos pos = ssat__run_start(w->start);
    ssat_status st = SSAT_OK;
    for (size_t i = 0; i < w->marks->len && st == SSAT_OK; ssat__run_next(&pos)) {
        size_t n = char_len(m, w->marks->len, i);
        st = wide_mark(im, p, w, &pos, m + i, n, w->column + w->chars);
        w->chars++;
        i += n;
    }
    return st;
}

/* Second pass: store the good marks (kept even when others were wrong, so that a later second mark
 * for one of these sessions is still found). The span is reserved, so no write can fail. */
static void wide_apply(ssat_import *im, ssat__spupil *p, const wide_row *w)
{
    const unsigned char *m = (const unsigned char *)w->marks->data;
    ssat__run_pos pos = ssat__run_start(w->start);
    for (size_t i = 0; i < w->marks->len; ssat__run_next(&pos)) {
        size_t n = char_len(m, w->marks->len, i);
        uint8_t value;
        int64_t s = ssat__session(pos.date, pos.half);
        if (n == 1 && mapped_value(im, (const char *)m + i, 1, &value) && value != SSAT__ENTRY_NONE &&
            existing_entry(im, p, s) == SSAT__ENTRY_NONE)
            (void)ssat__register_put(p->reg, s, value);
        i += n;
    }
}

/* The start date: a real date on a weekday, and a run of marks within the school years the rules can
 * evaluate (to 31 July 9999). */
static ssat_status wide_start(ssat_import *im, const ssat__csv_field *fields, wide_row *w, bool *ok)
{
    const ssat__csv_field *f = ssat__import_field(&im->r, fields, IC_START_DATE);
    char text[IMPORT_TEXT_MAX];
    *ok = false;
    ssat__import_text_for_message(text, sizeof text, f->data, f->len);
    const char *args[2] = {"start_date", text};
    if (!ssat__import_date(&im->r, f->data, f->len, &w->start))
        return ssat__import_field_error(&im->r, ssat__import_date_id(&im->r), IC_START_DATE, f, args, 2);
    if (ssat_date_weekday(w->start) > 5)
        return ssat__import_field_error(&im->r, "import.start_weekday", IC_START_DATE, f, args + 1, 1);
    if (ssat__session(w->start, SSAT_AM) < first_session())
        return year_error(im, IC_START_DATE, f);
    /* A row is at most SSAT__CSV_ROW_MAX characters: 7 calendar days per 10 of them. */
    if (ssat__session((ssat_date)((int64_t)w->start + (int64_t)(w->marks->len / 10 + 1) * 7), SSAT_AM) > last_session())
        return ssat__import_field_error(&im->r, "import.marks_range", IC_MARKS, w->marks, NULL, 0);
    *ok = true;
    return SSAT_OK;
}

static void wide_location(ssat__spupil *p, const wide_row *w)
{
    if (p->has_rows) { /* a second row for the pupil: only the first row can be named */
        p->loc = SSAT__LOC_ROWS;
        return;
    }
    p->has_rows = true;
    p->loc = SSAT__LOC_WIDE;
    p->line = w->marks->line;
    p->column = w->column;
    p->marks = w->chars;
    p->start = w->start;
}

ssat_status ssat__import_wide_row(ssat_import *im, const ssat__csv_field *fields)
{
    wide_row w = {.marks = ssat__import_field(&im->r, fields, IC_MARKS)};
    w.column = w.marks->column + (w.marks->quoted ? 1 : 0);
    size_t i;
    ssat_status st = ssat__import_pupil(im, ssat__import_field(&im->r, fields, IC_PUPIL_ID), true, &i);
    if (st != SSAT_OK || i == SIZE_MAX)
        return st;
    ssat__spupil *p = ssat__school_at(im->stage, i);
    bool ok;
    st = wide_start(im, fields, &w, &ok);
    if (st != SSAT_OK || !ok)
        return st;
    st = wide_scan(im, p, &w);
    if (st != SSAT_OK)
        return st;
    wide_location(p, &w);
    if (w.entries == 0)
        return SSAT_OK;
    ssat__far_mark run = {.id = p->id, .lo = w.lo, .hi = w.hi, .line = w.marks->line, .column = w.column,
                          .start = w.start, .marks = w.chars};
    st = check_span(im, p, &run, IC_START_DATE, ssat__import_field(&im->r, fields, IC_START_DATE), &ok);
    if (st != SSAT_OK || !ok)
        return st;
    if (!ssat__register_reserve(p->reg, w.lo, w.hi))
        return ssat__nomem("ssat_import_feed");
    wide_apply(im, p, &w);
    return SSAT_OK;
}
