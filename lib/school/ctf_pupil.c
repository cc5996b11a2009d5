/* One Pupil of a Common Transfer File, applied to the staged school when its end tag has been read
 * (ctf.c): the UPN and its check letter, the record (name, date of birth), and the marks of every
 * YearData with AttendSessions, checked session by session and counted so that the file's four totals
 * can be compared with what the marks say. Also what the parser (ctf.c) shares with it: a problem at a
 * line and column, and whether an authority is Welsh. */
#include "ctf_internal.h"

#include <stdio.h>

/* ---- shared with the parser (ctf.c) -------------------------------------------------------------- */

/* Here rather than in ctf.c so that calls point one way: ctf.c applies each pupil through this file. */
ssat_status ssat__ctf_problem(ssat_ctf_import *im, const char *id, ssat_severity sev, uint32_t line, uint32_t column,
                              const char *const *args, size_t nargs)
{
    ssat__problem_loc loc = {.line = line, .column = column};
    return ssat__import_problem(&im->r, id, sev, loc, args, nargs);
}

/* Welsh authorities are numbered 660 to 681. */
bool ssat__ctf_lea_welsh(const char *text, size_t len)
{
    if (len != 3 || text[0] != '6' || text[1] < '6' || text[1] > '8' || text[2] < '0' || text[2] > '9')
        return false;
    int n = (text[1] - '0') * 10 + (text[2] - '0');
    return n >= 60 && n <= 81;
}

static const char UPN_LETTERS[] = "ABCDEFGHJKLMNPQRTUVWXYZ"; /* A-Z without I, O and S: 23 */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The text without white space at either end; the position of its first character is kept right. */
static void trim(ssat__ctf_text *t, const char **s, size_t *len)
{
    size_t a = 0, b = t->len;
    while (a < b && is_space(t->buf[a])) {
        if (t->buf[a] == '\n') {
            t->tline++;
            t->tcolumn = 0;
        }
        t->tcolumn++;
        a++;
    }
    while (b > a && is_space(t->buf[b - 1]))
        b--;
    *s = t->buf + a;
    *len = b - a;
}

static ssat_status text_error(ssat_ctf_import *im, const char *id, const ssat__ctf_text *t, const char *a1,
                              const char *s, size_t len)
{
    char text[IMPORT_TEXT_MAX];
    ssat__import_text_for_message(text, sizeof text, s, len);
    const char *args[2] = {a1, text};
    return ssat__ctf_problem(im, id, SSAT_SEVERITY_ERROR, t->line, t->column, args, 2);
}

/* ---- UPN ----------------------------------------------------------------------------------------- */

/* The check letter of a UPN's 12 digits: each weighted by its position (2..13), summed, mod 23. */
static char upn_check_letter(const char *digits12)
{
    unsigned sum = 0;
    for (unsigned i = 0; i < 12; i++)
        sum += (unsigned)(digits12[i] - '0') * (i + 2);
    return UPN_LETTERS[sum % 23];
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A permanent UPN: check letter and 12 digits; a temporary one ends in a letter (not checked). */
static ssat_status check_upn(ssat_ctf_import *im, ssat__ctf_text *t, const char *s, size_t len, bool *ok)
{
    *ok = false;
    bool form = len == 13 && s[0] >= 'A' && s[0] <= 'Z' && (is_digit(s[12]) || (s[12] >= 'A' && s[12] <= 'Z'));
    for (size_t i = 1; form && i < 12; i++)
        form = is_digit(s[i]);
    if (!form)
        return text_error(im, "ctf.upn_form", t, "UPN", s, len);
    if (is_digit(s[12]) && upn_check_letter(s + 1) != s[0]) {
        char upn[14], want[2] = {upn_check_letter(s + 1), 0}, have[2] = {s[0], 0};
        memcpy(upn, s, 13);
        upn[13] = '\0';
        const char *args[3] = {upn, have, want};
        return ssat__ctf_problem(im, "ctf.upn_check", SSAT_SEVERITY_ERROR, t->line, t->column, args, 3);
    }
    *ok = true;
    return SSAT_OK;
}

/* ---- the record ---------------------------------------------------------------------------------- */

static ssat_status record_name(ssat_ctf_import *im, ssat__spupil *p)
{
    const char *fore = "", *sur = "";
    size_t nfore = 0, nsur = 0;
    ssat__ctf_text *tf = &im->pupil->t[PT_FORENAME], *ts = &im->pupil->t[PT_SURNAME];
    if (tf->seen)
        trim(tf, &fore, &nfore);
    if (ts->seen)
        trim(ts, &sur, &nsur);
    char name[2 * CTF_TEXT_MAX + 2];
    size_t n = 0;
    memcpy(name, fore, nfore);
    n += nfore;
    if (nfore > 0 && nsur > 0)
        name[n++] = ' ';
    memcpy(name + n, sur, nsur);
    n += nsur;
    if (!ssat__import_text_ok(name, n)) {
        const ssat__ctf_text *t = ts->seen ? ts : tf;
        return text_error(im, "ctf.text", t, "name", name, n);
    }
    const char *copy = ssat__school_strdup(im->stage, name, n);
    if (copy == NULL)
        return ssat__nomem("ssat_ctf_import_feed");
    p->name = copy;
    return SSAT_OK;
}

static ssat_status record_dob(ssat_ctf_import *im, ssat__spupil *p)
{
    ssat__ctf_text *t = &im->pupil->t[PT_DOB];
    const char *s;
    size_t len;
    ssat_date dob;
    if (!t->seen)
        return SSAT_OK;
    trim(t, &s, &len);
    if (len == 0)
        return SSAT_OK;
    if (!ssat__date_parse_fixed(s, len, &dob))
        return text_error(im, "ctf.date", t, "DOB", s, len);
    (void)ssat_pupil_set_date_of_birth(p->record, dob);
    p->has_dob = true;
    return SSAT_OK;
}

/* The staged pupil for a UPN (a UPN twice in one file is an error). */
static ssat_status stage_pupil(ssat_ctf_import *im, const char *upn, size_t len, size_t *index_out)
{
    static const char fn[] = "ssat_ctf_import_feed";
    *index_out = SIZE_MAX;
    uint32_t hash = ssat__school_hash(upn, len);
    size_t i = ssat__school_lookup(im->stage, upn, len, hash);
    if (i != SIZE_MAX) {
        char line[24];
        (void)snprintf(line, sizeof line, "%lu", (unsigned long)ssat__school_at(im->stage, i)->record_line);
        const char *args[2] = {ssat__school_at(im->stage, i)->id, line};
        const ssat__ctf_text *t = &im->pupil->t[PT_UPN];
        return ssat__ctf_problem(im, "ctf.duplicate_pupil", SSAT_SEVERITY_ERROR, t->line, t->column, args, 2);
    }
    ssat_status st = ssat__school_add(im->stage, upn, len, hash, &i, fn);
    if (st != SSAT_OK)
        return st;
    ssat__spupil *p = ssat__school_at(im->stage, i);
    p->target = ssat__school_lookup(im->target, upn, len, hash);
    p->has_record = true;
    p->record_line = im->pupil->line;
    *index_out = i;
    return SSAT_OK;
}

/* ---- marks --------------------------------------------------------------------------------------- */

/* Where a YearData's marks are being checked. */
typedef struct year_run {
    ssat__spupil *p;
    const char *marks;
    size_t len;
    ssat_date start;
    uint32_t line, column; /* of the current character */
    int64_t counts[5];     /* by category */
    bool counted;          /* the marks were read (the totals can be compared) */
    size_t sessions;       /* characters in the marks */
} year_run;

static ssat_status session_error(ssat_ctf_import *im, const char *id, const year_run *y, int64_t s,
                                 const char *a4, const char *a5, const char *a6)
{
    ssat__problem_loc loc = {.field = "AttendanceMarks", .line = y->line, .column = y->column, .has_session = 1,
                             .date = (ssat_date)(s >> 1), .half = (ssat_half)(s & 1)};
    const char *args[4] = {y->p->id, a4, a5, a6};
    return ssat__import_problem(&im->r, id, SSAT_SEVERITY_ERROR, loc, args, a6 != NULL ? 4 : a5 != NULL ? 3 : 2);
}

/* An unknown character: say so, or that it only begins two-character codes (England's C1, Y1, ...). */
static ssat_status unknown_code(ssat_ctf_import *im, const year_run *y, int64_t s, const char *c, size_t n)
{
    const ssat_codeset *codes = ssat__school_codes(im->stage);
    char text[IMPORT_TEXT_MAX], longer[64] = "";
    ssat__import_text_for_message(text, sizeof text, c, n);
    size_t k = 0;
    for (size_t i = 0; n == 1 && i < ssat_codeset_count(codes); i++) {
        const char *code = ssat_codeset_at(codes, i)->code;
        if (code[0] == c[0] && code[1] != '\0' && k + strlen(code) + 3 < sizeof longer)
            k += (size_t)snprintf(longer + k, sizeof longer - k, "%s%s", k > 0 ? ", " : "", code);
    }
    const char *set = ssat_codeset_name(codes);
    return session_error(im, k > 0 ? "ctf.code_two_char" : "ctf.unknown_code", y, s, text, set, k > 0 ? longer : NULL);
}

static ssat_status one_mark(ssat_ctf_import *im, year_run *y, int64_t s, const char *c, size_t n)
{
    const ssat_codeset *codes = ssat__school_codes(im->stage);
    if (n == 1 && c[0] == '#')
        return SSAT_OK; /* not in session: no entry */
    ssat_date day = (ssat_date)(s >> 1);
    if (ssat_date_weekday(day) > 5) {
        char text[IMPORT_TEXT_MAX];
        ssat__import_text_for_message(text, sizeof text, c, n);
        return session_error(im, "ctf.weekend", y, s, text, NULL, NULL);
    }
    uint8_t value = n == 1 && c[0] == '-' ? SSAT__ENTRY_MISSING
                    : n == 1              ? ssat__codeset_index_byte(codes, (unsigned char)c[0])
                                          : SSAT__NO_CODE;
    if (value == SSAT__NO_CODE)
        return unknown_code(im, y, s, c, n);
    uint8_t old = ssat__register_entry(y->p->reg, s);
    if (old == SSAT__ENTRY_NONE && y->p->target != SIZE_MAX)
        old = ssat__register_entry(ssat__school_at(im->target, y->p->target)->reg, s);
    if (old != SSAT__ENTRY_NONE) {
        const char *now = value == SSAT__ENTRY_MISSING ? "-" : ssat_codeset_at(codes, value)->code;
        const char *before = old == SSAT__ENTRY_MISSING ? "-" : ssat_codeset_at(codes, old)->code;
        return session_error(im, "ctf.duplicate_mark", y, s, now, before, NULL);
    }
    if (value != SSAT__ENTRY_MISSING)
        y->counts[ssat_codeset_at(codes, value)->category]++;
    /* The span was reserved: this cannot fail. Kept after errors elsewhere, so later duplicates show. */
    return ssat__register_put(y->p->reg, s, value) ? SSAT_OK : ssat__nomem("ssat_ctf_import_feed");
}

/* One session's character the general way: anything the fast path below does not take. Reports what
 * is wrong (one_mark), or writes a known code into the run. */
static ssat_status slow_mark(ssat_ctf_import *im, year_run *y, size_t i, size_t k, int32_t weekday, bool fresh,
                             size_t *n_out)
{
    const unsigned char *m = (const unsigned char *)y->marks;
    unsigned char c = m[i];
    uint8_t v = im->code_of[c];
    *n_out = 1;
    im->run[k] = SSAT__ENTRY_NONE;
    if (c == '#')
        return SSAT_OK; /* not in session */
    if (v != SSAT__NO_CODE && weekday <= 5 && fresh) {
        if (v != SSAT__ENTRY_MISSING)
            y->counts[im->category_of[v]]++;
        im->run[k] = v;
        return SSAT_OK;
    }
    size_t n = c < 0x80 ? 1 : ssat__utf8_sequence(m + i, y->len - i);
    *n_out = n == 0 ? 1 : n;
    return one_mark(im, y, ssat__session(y->start, SSAT_AM) + (int64_t)k, (const char *)m + i, *n_out);
}

/* Whole days from the start of `m` (a weekday's two known one-character codes or "#", a weekend's "##")
 * into `run`, counted by code; stops at the first day that needs more. The days taken. */
static size_t fast_days(const uint8_t *fast, const unsigned char *m, size_t len, uint8_t *run, uint32_t *by_code,
                        int32_t *weekday)
{
    size_t d = 0;
    int32_t wd = *weekday;
    for (; 2 * d + 1 < len; d++) {
        uint8_t a = fast[m[2 * d]], b = fast[m[2 * d + 1]];
        if (a == CTF_SLOW || b == CTF_SLOW || (wd > 5 && (a & b) != SSAT__ENTRY_NONE))
            break;
        run[2 * d] = a;
        run[2 * d + 1] = b;
        by_code[a]++;
        by_code[b]++;
        wd = wd == 7 ? 1 : wd + 1;
    }
    *weekday = wd;
    return d;
}

/* Walk the marks: one character per session from the start date's AM. The common case (a whole day of
 * known one-character codes on a weekday, or "##", for a pupil with no marks yet) is taken two
 * characters at a time with one table lookup each, the entries written in one run and counted by code
 * at the end; anything else goes through slow_mark(). The line and column of a character are worked
 * out only when it is reported: every character the fast path takes is one byte and one column. */
static ssat_status walk_marks(ssat_ctf_import *im, year_run *y, size_t sessions)
{
    const unsigned char *m = (const unsigned char *)y->marks;
    const uint8_t *fast = im->fast_of;
    int64_t first = ssat__session(y->start, SSAT_AM);
    bool fresh = y->p->target == SIZE_MAX && ssat_register_entry_count(y->p->reg) == 0;
    if (sessions > 0 && !ssat__register_reserve(y->p->reg, first, first + (int64_t)sessions - 1))
        return ssat__nomem("ssat_ctf_import_feed");
    uint8_t *run = im->run;
    uint32_t by_code[256] = {0};
    ssat_status st = SSAT_OK;
    int32_t weekday = ssat_date_weekday(y->start); /* of the session k */
    size_t k = 0, i = 0, len = y->len, col_at = 0;  /* the character at col_at is in column y->column */
    uint32_t col = y->column;
    while (i < len && st == SSAT_OK) {
        size_t days = fresh && (k & 1) == 0 ? fast_days(fast, m + i, len - i, run + k, by_code, &weekday) : 0;
        i += 2 * days;
        k += 2 * days;
        if (i >= len)
            break;
        size_t n;
        y->column = col + (uint32_t)(i - col_at);
        st = slow_mark(im, y, i, k, weekday, fresh, &n);
        if (m[i] == '\n') {
            y->line++;
            y->column = 0;
        }
        col = y->column + 1;
        i += n;
        col_at = i;
        if (k++ & 1)
            weekday = weekday == 7 ? 1 : weekday + 1;
    }
    for (size_t v = 0; v < ssat_codeset_count(ssat__school_codes(im->stage)) && v < CTF_SLOW; v++)
        y->counts[im->category_of[v]] += by_code[v];
    size_t lo = 0, hi = k;
    while (lo < hi && run[lo] == SSAT__ENTRY_NONE)
        lo++;
    while (hi > lo && run[hi - 1] == SSAT__ENTRY_NONE)
        hi--;
    if (hi > lo)
        ssat__register_put_run(y->p->reg, first + (int64_t)lo, run + lo, hi - lo);
    y->counted = true;
    return st;
}

/* Characters, not bytes: UTF-8 continuation bytes are not counted (eight bytes at a time while none
 * has its top bit set, which is every byte of a usual file). */
static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0, i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w & 0x8080808080808080u) == 0) {
            n += 8;
            continue;
        }
        for (size_t j = i; j < i + 8; j++)
            n += ((unsigned char)s[j] & 0xC0) != 0x80;
    }
    for (; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Year: the calendar year in which the school year starts. */
static bool parse_year(const char *s, size_t len, int32_t *out)
{
    if (len != 4)
        return false;
    int32_t y = 0;
    for (size_t i = 0; i < 4; i++) {
        if (!is_digit(s[i]))
            return false;
        y = y * 10 + (s[i] - '0');
    }
    *out = y;
    return y >= 1583 && y < 9999;
}

/* The code set's nation against the authority that recorded the year. */
static ssat_status check_nation(ssat_ctf_import *im, ssat__ctf_text *t)
{
    const char *set = ssat_codeset_name(ssat__school_codes(im->stage));
    bool wales = strcmp(set, "wales-2010") == 0, england = strcmp(set, "england-2024") == 0;
    const char *s;
    size_t len;
    if (!t->seen || (!wales && !england))
        return SSAT_OK;
    trim(t, &s, &len);
    bool welsh = ssat__ctf_lea_welsh(s, len);
    if (len == 0 || welsh == wales)
        return SSAT_OK;
    char lea[IMPORT_TEXT_MAX];
    ssat__import_text_for_message(lea, sizeof lea, s, len);
    const char *args[3] = {lea, welsh ? "wales-2010" : "england-2024", set};
    return ssat__ctf_problem(im, "ctf.nation", SSAT_SEVERITY_ERROR, t->line, t->column, args, 3);
}

/* Compare the file's four totals with the marks' (a warning: exporters count differently). */
static ssat_status check_totals(ssat_ctf_import *im, ssat__ctf_year *yd, const year_run *y, const char *year)
{
    const int64_t *c = y->counts;
    int64_t attended = c[SSAT_CATEGORY_PRESENT] + c[SSAT_CATEGORY_APPROVED_ACTIVITY];
    int64_t computed[4] = {attended + c[SSAT_CATEGORY_AUTHORISED] + c[SSAT_CATEGORY_UNAUTHORISED],
                           c[SSAT_CATEGORY_AUTHORISED], attended, c[SSAT_CATEGORY_UNAUTHORISED]};
    static const char *const names[4] = {"SessionsPossible", "SessionsAuthorised", "SessionsAttended",
                                         "SessionsUnauthorised"};
    ssat_status st = SSAT_OK;
    for (size_t k = 0; k < 4 && st == SSAT_OK; k++) {
        ssat__ctf_text *t = &yd->t[YT_POSSIBLE + k];
        const char *s;
        size_t len;
        if (!t->seen)
            continue;
        trim(t, &s, &len);
        int64_t v = 0;
        bool num = len > 0 && len < 10;
        for (size_t i = 0; num && i < len; i++) {
            num = is_digit(s[i]);
            v = v * 10 + (s[i] - '0');
        }
        if (num && v == computed[k])
            continue;
        char file[IMPORT_TEXT_MAX], mine[24];
        ssat__import_text_for_message(file, sizeof file, s, len);
        (void)snprintf(mine, sizeof mine, "%lld", (long long)computed[k]);
        const char *args[5] = {y->p->id, year, names[k], file, mine};
        st = ssat__ctf_problem(im, "ctf.totals", SSAT_SEVERITY_WARNING, t->line, t->column, args, 5);
    }
    return st;
}

static ssat_status missing(ssat_ctf_import *im, const ssat__ctf_year *yd, const ssat__spupil *p, const char *what)
{
    const char *args[2] = {p->id, what};
    return ssat__ctf_problem(im, "ctf.missing", SSAT_SEVERITY_ERROR, yd->line, yd->column, args, 2);
}

/* Year, start date and the length of the marks; *ok when the marks can be walked. */
static ssat_status year_frame(ssat_ctf_import *im, ssat__ctf_year *yd, year_run *y, char *year, bool *ok)
{
    const char *s;
    size_t len;
    int32_t yv = 0;
    ssat_status st = SSAT_OK;
    *ok = false;
    bool has_year = yd->t[YT_YEAR].seen;
    if (has_year) {
        trim(&yd->t[YT_YEAR], &s, &len);
        if (!parse_year(s, len, &yv))
            return text_error(im, "ctf.year", &yd->t[YT_YEAR], "Year", s, len);
    }
    ssat__ctf_text *ts = &yd->t[YT_START], *tm = &yd->t[YT_MARKS];
    if (!ts->seen)
        return missing(im, yd, y->p, "AttendanceStartDate");
    if (!tm->seen)
        return missing(im, yd, y->p, "AttendanceMarks");
    trim(ts, &s, &len);
    if (!ssat__date_parse_fixed(s, len, &y->start))
        return text_error(im, "ctf.date", ts, "AttendanceStartDate", s, len);
    if (!has_year)
        yv = ssat_date_school_year(y->start);
    (void)snprintf(year, 24, "%d", (int)yv);
    if (ssat_date_school_year(y->start) != yv) {
        char start[IMPORT_TEXT_MAX]; /* s points into the element's text: not NUL-terminated */
        ssat__import_text_for_message(start, sizeof start, s, len);
        const char *args[3] = {y->p->id, start, year};
        return ssat__ctf_problem(im, "ctf.start_year", SSAT_SEVERITY_ERROR, ts->line, ts->column, args, 3);
    }
    trim(tm, &y->marks, &y->len);
    y->line = tm->tline;
    y->column = tm->tcolumn;
    size_t sessions = count_chars(y->marks, y->len);
    y->sessions = sessions;
    char n[24];
    (void)snprintf(n, sizeof n, "%zu", sessions);
    const char *args[2] = {y->p->id, n};
    if (sessions % 2 != 0)
        st = ssat__ctf_problem(im, "ctf.marks_length", SSAT_SEVERITY_ERROR, tm->line, tm->column, args, 2);
    if (st == SSAT_OK && (int64_t)y->start + (int64_t)sessions / 2 > (int64_t)ssat__date_max())
        return ssat__ctf_problem(im, "ctf.marks_range", SSAT_SEVERITY_ERROR, tm->line, tm->column, args, 1);
    *ok = st == SSAT_OK;
    return st;
}

/* A text over its limit was reported when it was read: what depends on it is not checked further. */
static bool any_too_long(const ssat__ctf_text *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].seen && t[i].too_long)
            return true;
    return false;
}

static ssat_status apply_year(ssat_ctf_import *im, ssat__spupil *p, ssat__ctf_year *yd)
{
    year_run y = {.p = p};
    if (any_too_long(yd->t, YT_COUNT))
        return SSAT_OK;
    char year[24];
    bool ok = false;
    ssat_status st = check_nation(im, &yd->t[YT_LEA]);
    if (st == SSAT_OK)
        st = year_frame(im, yd, &y, year, &ok);
    if (st != SSAT_OK || !ok)
        return st;
    size_t before = im->r.errors;
    st = walk_marks(im, &y, y.sessions);
    if (st == SSAT_OK && im->r.errors == before)
        st = check_totals(im, yd, &y, year);
    if (!p->has_rows && y.len > 0) {
        p->has_rows = true;
        p->loc = SSAT__LOC_ROWS;
        p->line = yd->t[YT_MARKS].tline;
        p->column = 0;
    }
    return st;
}

ssat_status ssat__ctf_pupil_apply(ssat_ctf_import *im)
{
    ssat__ctf_pupil *cp = im->pupil;
    ssat__ctf_text *tu = &cp->t[PT_UPN];
    const char *upn;
    size_t len;
    bool ok;
    if (any_too_long(cp->t, PT_COUNT))
        return SSAT_OK;
    if (!tu->seen)
        return ssat__ctf_problem(im, "ctf.upn_missing", SSAT_SEVERITY_ERROR, cp->line, cp->column, NULL, 0);
    trim(tu, &upn, &len);
    ssat_status st = check_upn(im, tu, upn, len, &ok);
    if (st != SSAT_OK || !ok)
        return st;
    size_t index;
    st = stage_pupil(im, upn, len, &index);
    if (st != SSAT_OK || index == SIZE_MAX)
        return st;
    ssat__spupil *p = ssat__school_at(im->stage, index);
    st = record_dob(im, p);
    if (st == SSAT_OK)
        st = record_name(im, p);
    size_t years = cp->nyears < CTF_YEARS_MAX ? cp->nyears : CTF_YEARS_MAX;
    for (size_t i = 0; i < years && st == SSAT_OK; i++)
        if (cp->years[i].sessions)
            st = apply_year(im, p, &cp->years[i]);
    return st;
}
