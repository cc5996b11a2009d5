/* One pupil's register as a dense byte array over sessions (date*2 + half): one byte per session holding
 * a code index, SSAT__ENTRY_MISSING or SSAT__ENTRY_NONE. A school year is about 730 sessions, so a
 * whole register fits in a few cache lines per week and the attendance calculation is a linear scan.
 * The array grows at either end with headroom (marks may arrive in any order). Invariant: the first and
 * last sessions covered (base and base + count - 1) hold entries, and every byte of the buffer outside
 * the entries written is SSAT__ENTRY_NONE. */
#include "register_layer.h"

#include <stdio.h>

/* The first buffer's size. Small, because a school holds one register per pupil and many hold a few
 * marks (a pupil who joined last week; a file of one mark per pupil): a year-sized first buffer cost
 * a million one-mark pupils a gigabyte. Doubling from here reaches a year's 730 sessions in six
 * moves of at most a few hundred bytes each. */
#define REGISTER_MIN_CAP 16

struct ssat_register {
    ssat__alloc alloc;
    const ssat_codeset *codes; /* retained, hence frozen */
    uint8_t *buf;              /* cap bytes */
    size_t cap;
    size_t off;                /* buf[off] is the entry of session `base` */
    int64_t base;
    size_t count;              /* sessions covered from base; 0 when the register is empty */
    size_t entries;            /* sessions holding an entry (code or missing) */
};

/* ---- sessions ------------------------------------------------------------------------------------ */

static ssat_date session_date(int64_t s)
{
    return (ssat_date)((s >= 0 ? s : s - 1) / 2); /* floor division: sessions before 1970 are negative */
}

static ssat_half session_half(int64_t s)
{
    return (ssat_half)(s - 2 * (int64_t)session_date(s));
}

static uint8_t entry_at(const ssat_register *reg, int64_t s)
{
    if (reg->count == 0 || s < reg->base || s - reg->base >= (int64_t)reg->count)
        return SSAT__ENTRY_NONE;
    return reg->buf[reg->off + (size_t)(s - reg->base)];
}

/* The text of an entry: the code borrowed from the set, or "-" for an explicit missing mark. */
static const char *entry_text(const ssat_register *reg, uint8_t e)
{
    if (e == SSAT__ENTRY_MISSING)
        return "-";
    const ssat_code_info *info = ssat_codeset_at(reg->codes, e);
    return info != NULL ? info->code : NULL;
}

static const char *half_name(ssat_half h)
{
    return h == SSAT_PM ? "PM" : "AM";
}

/* ---- storage ------------------------------------------------------------------------------------- */

/* Move the entries into a new, larger buffer with room for [lo, hi]. When growing towards earlier
 * sessions, half of the spare room goes in front so that a run of earlier marks also reallocates only
 * logarithmically often. With `cover`, the register then covers [lo, hi] (the caller writes entries at
 * both ends); without, only the buffer changes (a reservation). */
static bool relocate(ssat_register *reg, int64_t lo, int64_t hi, bool growing_down, bool cover)
{
    size_t span = (size_t)(hi - lo + 1);
    size_t cap = reg->cap * 2;
    if (cap < span + span / 2)
        cap = span + span / 2;
    if (cap < REGISTER_MIN_CAP)
        cap = REGISTER_MIN_CAP;
    uint8_t *buf = ssat__malloc(&reg->alloc, cap);
    if (buf == NULL)
        return false;
    memset(buf, SSAT__ENTRY_NONE, cap);
    size_t lead = growing_down ? (cap - span) / 2 : 0;
    if (reg->count > 0)
        memcpy(buf + lead + (size_t)(reg->base - lo), reg->buf + reg->off, reg->count);
    ssat__free(&reg->alloc, reg->buf, reg->cap);
    reg->buf = buf;
    reg->cap = cap;
    if (cover) {
        reg->off = lead;
        reg->base = lo;
        reg->count = span;
    } else if (reg->count > 0) {
        reg->off = lead + (size_t)(reg->base - lo);
    } else {
        reg->off = lead; /* an empty register with a buffer: base - off is where the buffer starts */
        reg->base = lo;
    }
    return true;
}

/* Widen [lo, hi] to include what the register already covers; true when that grows it downwards. */
static bool widen(const ssat_register *reg, int64_t *lo, int64_t *hi)
{
    if (reg->count == 0)
        return false;
    int64_t last = reg->base + (int64_t)reg->count - 1;
    bool growing_down = *lo < reg->base;
    *lo = *lo < reg->base ? *lo : reg->base;
    *hi = *hi > last ? *hi : last;
    return growing_down;
}

/* Whether the buffer already has room for [lo, hi]. */
static bool fits(const ssat_register *reg, int64_t lo, int64_t hi)
{
    if (reg->buf == NULL)
        return false;
    int64_t buf_lo = reg->base - (int64_t)reg->off;
    return lo >= buf_lo && hi - buf_lo < (int64_t)reg->cap;
}

/* Make sessions lo..hi addressable; the caller then writes entries at both lo and hi. On failure
 * (allocation) nothing changes. */
static bool ensure_span(ssat_register *reg, int64_t lo, int64_t hi)
{
    bool growing_down = widen(reg, &lo, &hi);
    if (fits(reg, lo, hi)) {
        reg->off = (size_t)(lo - (reg->base - (int64_t)reg->off));
        reg->base = lo;
        reg->count = (size_t)(hi - lo + 1);
        return true;
    }
    return relocate(reg, lo, hi, growing_down, true);
}

static void put(ssat_register *reg, int64_t s, uint8_t value)
{
    reg->buf[reg->off + (size_t)(s - reg->base)] = value;
}

/* ---- argument checks ----------------------------------------------------------------------------- */

static ssat_status check_half(ssat_half half, const char *fn)
{
    if (half != SSAT_AM && half != SSAT_PM)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'half': %d is neither SSAT_AM nor SSAT_PM", fn,
                           (int)half);
    return SSAT_OK;
}

static ssat_status check_date(ssat_date date, const char *fn, const char *arg)
{
    if (!ssat__date_in_range(date))
        return ssat__error(SSAT_ERR_RANGE, "%s: argument '%s': day %ld is outside years %d..%d", fn, arg, (long)date,
                           SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    return SSAT_OK;
}

/* Check the arguments shared by add_mark and amend_mark and resolve the code to an entry value. */
static ssat_status mark_args(const ssat_register *reg, ssat_date date, ssat_half half, const char *code,
                             const char *fn, uint8_t *value)
{
    char repr[SSAT__CODE_REPR_SIZE];
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    if (code == NULL)
        return ssat__null_arg(fn, "code");
    ssat_status st = check_half(half, fn);
    if (st == SSAT_OK)
        st = check_date(date, fn, "date");
    if (st != SSAT_OK)
        return st;
    if (code[0] == '\0' || strcmp(code, "-") == 0) {
        *value = SSAT__ENTRY_MISSING;
        return SSAT_OK;
    }
    *value = ssat__codeset_index(reg->codes, code);
    if (*value == SSAT__NO_CODE)
        return ssat__error(SSAT_ERR_UNKNOWN_CODE, "%s: code %s is not in code set \"%s\"", fn, ssat__code_repr(repr, code),
                           ssat_codeset_name(reg->codes));
    return SSAT_OK;
}

/* ---- public API: life cycle and single marks ----------------------------------------------------- */

ssat_status ssat_register_new(const ssat_codeset *codes, ssat_register **out)
{
    void *reg = NULL;
    ssat_status st = ssat__codeset_child_new(codes, sizeof(ssat_register), offsetof(ssat_register, alloc), offsetof(ssat_register, codes),
                                             out != NULL, "ssat_register_new", &reg);
    if (out != NULL)
        *out = reg;
    return st;
}

void ssat_register_free(ssat_register *reg)
{
    if (reg == NULL)
        return;
    ssat__alloc a = reg->alloc; /* the set may go with the release below */
    ssat__free(&a, reg->buf, reg->cap);
    ssat__codeset_release(reg->codes);
    ssat__free(&a, reg, sizeof *reg);
}

const ssat_codeset *ssat_register_codeset(const ssat_register *reg)
{
    return reg != NULL ? reg->codes : NULL;
}

ssat_status ssat_register_add_mark(ssat_register *reg, ssat_date date, ssat_half half, const char *code)
{
    static const char fn[] = "ssat_register_add_mark";
    uint8_t value = 0;
    ssat_status st = mark_args(reg, date, half, code, fn, &value);
    if (st != SSAT_OK)
        return st;
    int64_t s = ssat__session(date, half);
    uint8_t old = entry_at(reg, s);
    if (old != SSAT__ENTRY_NONE) {
        char day[SSAT_DATE_BUFSIZE] = "";
        (void)ssat_date_format(date, day, sizeof day);
        return ssat__error(SSAT_ERR_DUPLICATE,
                           "%s: session %s %s already has a mark (\"%s\"); use ssat_register_amend_mark to change it",
                           fn, day, half_name(half), entry_text(reg, old));
    }
    if (!ensure_span(reg, s, s))
        return ssat__nomem(fn);
    put(reg, s, value);
    reg->entries++;
    return SSAT_OK;
}

ssat_status ssat_register_amend_mark(ssat_register *reg, ssat_date date, ssat_half half, const char *code)
{
    static const char fn[] = "ssat_register_amend_mark";
    uint8_t value = 0;
    ssat_status st = mark_args(reg, date, half, code, fn, &value);
    if (st != SSAT_OK)
        return st;
    int64_t s = ssat__session(date, half);
    if (entry_at(reg, s) == SSAT__ENTRY_NONE) {
        char day[SSAT_DATE_BUFSIZE] = "";
        (void)ssat_date_format(date, day, sizeof day);
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: session %s %s has no mark to amend; use ssat_register_add_mark",
                           fn, day, half_name(half));
    }
    put(reg, s, value);
    return SSAT_OK;
}

/* ---- public API: runs of marks ------------------------------------------------------------------- */

/* Fail when the day holding byte `len - 1` lies after year 9999, without overflowing on a huge len. */
static ssat_status run_check_end(ssat_date start, size_t len, const char *fn)
{
    if (len == 0)
        return SSAT_OK;
    size_t days = (len - 1) / 2;                    /* weekdays after start */
    int64_t room = (int64_t)ssat__date_max() - start; /* calendar days left, >= 0 for a valid start */
    if (days <= (size_t)room) {
        int64_t t = ssat_date_weekday(start) - 1 + (int64_t)days; /* weekdays after the Monday */
        int64_t last = (int64_t)start - (ssat_date_weekday(start) - 1) + t / 5 * 7 + t % 5;
        if (last <= (int64_t)ssat__date_max())
            return SSAT_OK;
    }
    return ssat__error(SSAT_ERR_RANGE, "%s: argument 'len': a run of %zu marks from that start passes year %d", fn,
                       len, SSAT_YEAR_MAX);
}

/* What the first pass learns about a run. */
typedef struct run_scan {
    size_t problems;
    size_t marks;       /* bytes that will become entries */
    int64_t lo, hi;     /* first and last sessions that will hold an entry */
    char first[320];    /* the first problem, in English, for the error message */
    size_t first_column;
} run_scan;

/* Render a session-located message in English the way problems.c does, for the error message. */
static void render_en(char *buf, size_t cap, const char *id, const ssat__run_pos *p, const char *a3, const char *a4)
{
    ssat__text day = ssat__text_date_long(p->date, SSAT_LANG_EN);
    const char *session = ssat__message_template(p->half == SSAT_PM ? "session.pm" : "session.am", SSAT_LANG_EN);
    const char *args[4] = {day.s, session, a3, a4};
    ssat__message_render(buf, cap, ssat__message_template(id, SSAT_LANG_EN), args, 4);
}

static ssat_status run_problem(run_scan *scan, ssat_problems *list, const char *id, const ssat__run_pos *p,
                               size_t column, const char *a3, const char *a4)
{
    if (scan->problems++ == 0) {
        scan->first_column = column;
        render_en(scan->first, sizeof scan->first, id, p, a3, a4);
    }
    if (list == NULL)
        return SSAT_OK;
    ssat__problem_loc loc = {"marks", 0, (uint32_t)(column <= UINT32_MAX ? column : UINT32_MAX), 1, p->date, p->half,
                             NULL};
    const char *args[2] = {a3, a4};
    return ssat__problems_add(list, id, SSAT_SEVERITY_ERROR, &loc, args, 2);
}

/* First pass: find every problem and the span the run will cover, changing nothing. */
static ssat_status run_scan_all(const ssat_register *reg, ssat_date start, const char *marks, size_t len,
                                ssat_problems *list, run_scan *scan)
{
    ssat__run_pos p = ssat__run_start(start);
    for (size_t i = 0; i < len; i++, ssat__run_next(&p)) {
        unsigned char c = (unsigned char)marks[i];
        if (c == '.')
            continue;
        int64_t s = ssat__session(p.date, p.half);
        uint8_t old = entry_at(reg, s);
        ssat_status st = SSAT_OK;
        if (c != '-' && c != ' ' && ssat__codeset_index_byte(reg->codes, c) == SSAT__NO_CODE) {
            char text[8];
            if (c > 0x20 && c < 0x7F)
                snprintf(text, sizeof text, "%c", c);
            else
                snprintf(text, sizeof text, "\\x%02X", c);
            st = run_problem(scan, list, "register.unknown_code", &p, i + 1, text, ssat_codeset_name(reg->codes));
        } else if (old != SSAT__ENTRY_NONE) {
            st = run_problem(scan, list, "register.duplicate_mark", &p, i + 1, entry_text(reg, old), NULL);
        }
        if (st != SSAT_OK)
            return st;
        if (scan->marks++ == 0)
            scan->lo = s;
        scan->hi = s;
    }
    return SSAT_OK;
}

/* Second pass: every byte is known good and the span is allocated. */
static void run_apply(ssat_register *reg, ssat_date start, const char *marks, size_t len)
{
    ssat__run_pos p = ssat__run_start(start);
    for (size_t i = 0; i < len; i++, ssat__run_next(&p)) {
        unsigned char c = (unsigned char)marks[i];
        if (c == '.')
            continue;
        uint8_t v = (c == '-' || c == ' ') ? SSAT__ENTRY_MISSING : ssat__codeset_index_byte(reg->codes, c);
        put(reg, ssat__session(p.date, p.half), v);
    }
}

ssat_status ssat_register_add_marks(ssat_register *reg, ssat_date start, const char *marks, size_t len,
                                    ssat_problems *problems)
{
    static const char fn[] = "ssat_register_add_marks";
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    if (marks == NULL)
        return ssat__null_arg(fn, "marks");
    ssat_status st = check_date(start, fn, "start");
    if (st != SSAT_OK)
        return st;
    if (ssat_date_weekday(start) > 5)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'start' must be a weekday (Monday to Friday)", fn);
    st = run_check_end(start, len, fn);
    if (st != SSAT_OK)
        return st;
    run_scan scan = {0};
    size_t problems_before = ssat_problems_count(problems);
    st = run_scan_all(reg, start, marks, len, problems, &scan);
    if (st != SSAT_OK) {
        ssat__problems_truncate(problems, problems_before); /* a failed call leaves no half report */
        return ssat__nomem(fn);
    }
    if (scan.problems > 0)
        return ssat__error(SSAT_ERR_INVALID_DATA, "%s: %zu problem%s in argument 'marks'; first: column %zu: %s", fn,
                           scan.problems, scan.problems == 1 ? "" : "s", scan.first_column, scan.first);
    if (scan.marks == 0)
        return SSAT_OK;
    if (!ensure_span(reg, scan.lo, scan.hi))
        return ssat__nomem(fn);
    run_apply(reg, start, marks, len);
    reg->entries += scan.marks;
    return SSAT_OK;
}

/* ---- public API: queries ------------------------------------------------------------------------- */

ssat_status ssat_register_mark(const ssat_register *reg, ssat_date date, ssat_half half, const char **code_out)
{
    static const char fn[] = "ssat_register_mark";
    if (code_out == NULL)
        return ssat__null_arg(fn, "code_out");
    *code_out = NULL;
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    ssat_status st = check_half(half, fn);
    if (st != SSAT_OK)
        return st;
    uint8_t e = entry_at(reg, ssat__session(date, half));
    *code_out = e == SSAT__ENTRY_NONE ? NULL : entry_text(reg, e);
    return SSAT_OK;
}

size_t ssat_register_entry_count(const ssat_register *reg)
{
    return reg != NULL ? reg->entries : 0;
}

static void window_from_sessions(ssat_window *w, int64_t first, int64_t last)
{
    w->first_date = session_date(first);
    w->first_half = session_half(first);
    w->last_date = session_date(last);
    w->last_half = session_half(last);
}

ssat_status ssat_register_span(const ssat_register *reg, ssat_window *out)
{
    static const char fn[] = "ssat_register_span";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    memset(out, 0, sizeof *out);
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    if (reg->count == 0)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: the register has no entries", fn);
    window_from_sessions(out, reg->base, reg->base + (int64_t)reg->count - 1);
    return SSAT_OK;
}

ssat_status ssat_register_window_last_sessions(const ssat_register *reg, ssat_date as_of, int32_t sessions,
                                               ssat_window *out)
{
    static const char fn[] = "ssat_register_window_last_sessions";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    memset(out, 0, sizeof *out);
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    if (sessions < 1)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'sessions' must be at least 1, not %ld", fn,
                           (long)sessions);
    if (!ssat__date_in_range(as_of))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'as_of': day %ld is outside years %d..%d", fn,
                           (long)as_of, SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    int64_t end = ssat__session(as_of, SSAT_PM), last = reg->base + (int64_t)reg->count - 1;
    if (reg->count == 0 || end < reg->base)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: the register has no entry on or before argument 'as_of'", fn);
    int64_t s = end < last ? end : last, first = reg->base;
    for (int32_t found = 0; s >= reg->base; s--) {
        if (entry_at(reg, s) != SSAT__ENTRY_NONE && ++found == sessions) {
            first = s;
            break;
        }
    }
    window_from_sessions(out, first, end);
    return SSAT_OK;
}

/* ---- validation ---------------------------------------------------------------------------------- */

typedef struct validation {
    const ssat_register *reg;
    ssat_problems *problems;
    size_t errors;
} validation;

static ssat_status report(validation *v, const char *id, ssat_severity sev, int64_t s, const char *code)
{
    ssat__problem_loc loc = {NULL, 0, 0, 1, session_date(s), session_half(s), NULL};
    const char *args[1] = {code};
    if (sev == SSAT_SEVERITY_ERROR)
        v->errors++;
    return ssat__problems_add(v->problems, id, sev, &loc, args, code != NULL ? 1 : 0);
}

/* The problems of one session, given whether its day is a school day. */
static ssat_status check_session(validation *v, int64_t s, bool school_day)
{
    uint8_t e = entry_at(v->reg, s);
    if (e == SSAT__ENTRY_MISSING || (e == SSAT__ENTRY_NONE && school_day))
        return report(v, "register.missing_mark", SSAT_SEVERITY_ERROR, s, NULL);
    if (e == SSAT__ENTRY_NONE)
        return SSAT_OK;
    const ssat_code_info *info = ssat_codeset_at(v->reg->codes, e);
    ssat_status st = SSAT_OK;
    if (!school_day)
        st = report(v, "register.non_school_day", SSAT_SEVERITY_WARNING, s, info->code);
    if (st == SSAT_OK && (info->flags & SSAT_FLAG_PROVISIONAL) != 0)
        st = report(v, "register.provisional", SSAT_SEVERITY_WARNING, s, info->code);
    return st;
}

ssat_status ssat_register_validate(const ssat_register *reg, const ssat_calendar *calendar,
                                   ssat_problems *problems, size_t *errors_out)
{
    static const char fn[] = "ssat_register_validate";
    if (errors_out != NULL)
        *errors_out = 0;
    if (reg == NULL)
        return ssat__null_arg(fn, "reg");
    if (calendar == NULL)
        return ssat__null_arg(fn, "calendar");
    if (problems == NULL)
        return ssat__null_arg(fn, "problems");
    if (reg->count == 0)
        return SSAT_OK;
    int32_t year = ssat_calendar_school_year(calendar);
    int64_t lo = ssat__session(ssat__days_from_civil(year, 8, 1), SSAT_AM);
    int64_t hi = ssat__session(ssat__days_from_civil(year + 1, 7, 31), SSAT_PM);
    int64_t last = reg->base + (int64_t)reg->count - 1;
    lo = lo > reg->base ? lo : reg->base;
    hi = hi < last ? hi : last;
    validation v = {reg, problems, 0};
    size_t problems_before = ssat_problems_count(problems);
    int32_t school_day = 0;
    for (int64_t s = lo; s <= hi; s++) {
        if (s == lo || session_half(s) == SSAT_AM) {
            ssat_status st = ssat_calendar_is_school_day(calendar, session_date(s), &school_day);
            if (st != SSAT_OK) {
                ssat__problems_truncate(problems, problems_before);
                return st;
            }
        }
        if (check_session(&v, s, school_day != 0) != SSAT_OK) {
            ssat__problems_truncate(problems, problems_before); /* a failed call leaves no half report */
            return ssat__nomem(fn);
        }
    }
    if (errors_out != NULL)
        *errors_out = v.errors;
    return SSAT_OK;
}

/* ---- internal ------------------------------------------------------------------------------------ */

void ssat__register_view_get(const ssat_register *reg, ssat__register_view *out)
{
    out->entries = reg->count > 0 ? reg->buf + reg->off : NULL;
    out->base = reg->base;
    out->count = reg->count;
}

uint8_t ssat__register_entry(const ssat_register *reg, int64_t s)
{
    return entry_at(reg, s);
}

bool ssat__register_reserve(ssat_register *reg, int64_t lo, int64_t hi)
{
    bool growing_down = widen(reg, &lo, &hi);
    return fits(reg, lo, hi) || relocate(reg, lo, hi, growing_down, false);
}

bool ssat__register_put(ssat_register *reg, int64_t s, uint8_t value)
{
    if (!ensure_span(reg, s, s))
        return false;
    put(reg, s, value);
    reg->entries++;
    return true;
}

void ssat__register_put_run(ssat_register *reg, int64_t s0, const uint8_t *values, size_t n)
{
    if (n == 0)
        return;
    (void)ensure_span(reg, s0, s0 + (int64_t)n - 1); /* reserved by the caller: no allocation, cannot fail */
    uint8_t *to = reg->buf + reg->off + (size_t)(s0 - reg->base);
    for (size_t i = 0; i < n; i++) {
        if (values[i] != SSAT__ENTRY_NONE) {
            to[i] = values[i];
            reg->entries++;
        }
    }
}

void ssat__register_merge(ssat_register *dst, const ssat_register *src)
{
    if (src->count == 0)
        return;
    int64_t lo = src->base, hi = src->base + (int64_t)src->count - 1;
    (void)ensure_span(dst, lo, hi); /* reserved by the caller: no allocation, cannot fail */
    const uint8_t *from = src->buf + src->off;
    for (size_t i = 0; i < src->count; i++)
        if (from[i] != SSAT__ENTRY_NONE)
            put(dst, lo + (int64_t)i, from[i]);
    dst->entries += src->entries;
}
