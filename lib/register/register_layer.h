/*
 * The register layer's private declarations: code sets, registers, calendars, windows, attendance
 * and pupils. It builds on the core layer only.
 * Not installed, not API. Cross-file internal functions use the ssat__ prefix (libgit2 convention)
 * and are never exported: the library is built with hidden visibility and a version script that
 * exports ssat_* only, and ssat__* names never carry SSAT_API. docs/architecture.md has the layers.
 */
#ifndef SSAT_REGISTER_LAYER_H
#define SSAT_REGISTER_LAYER_H

#include "core_layer.h"

/* ---- code sets (codeset.c) ----------------------------------------------------------------------- */

/* Code index in the set for a 1-byte code; SSAT__NO_CODE when none. O(1) via a table. */
#define SSAT__NO_CODE 0xFFu
uint8_t ssat__codeset_index_byte(const ssat_codeset *set, unsigned char c);
/* Code index for any code text, SSAT__NO_CODE when none. */
uint8_t ssat__codeset_index(const ssat_codeset *set, const char *code);
/* Quote caller-supplied code text for a message without trusting it to be short or printable:
 * at most 8 characters, non-printables as \xNN, in double quotes. Returns buf. */
#define SSAT__CODE_REPR_SIZE 40
const char *ssat__code_repr(char buf[SSAT__CODE_REPR_SIZE], const char *code);
/* The allocator of a set (registers use it). */
const ssat__alloc *ssat__codeset_alloc(const ssat_codeset *set);
/* The start of the constructor of an object made on a code set (a register, a school): fails naming
 * `fn` when `out_given` is false or `codes` is NULL, and with SSAT_ERR_NOMEM; else *obj is `size`
 * zeroed bytes from the set's allocator, holding a copy of it at byte `alloc_at` and the set, retained,
 * at byte `codes_at` (offsetof the object's members). *obj is NULL on failure. */
ssat_status ssat__codeset_child_new(const ssat_codeset *codes, size_t size, size_t alloc_at, size_t codes_at,
                                    bool out_given, const char *fn, void **obj);
/* Reference counting: a register retains its set (which freezes it) and releases it when freed. */
void ssat__codeset_retain(const ssat_codeset *set);
void ssat__codeset_release(const ssat_codeset *set);

/* ---- registers (register.c) ---------------------------------------------------------------------- */

/* Entry values stored per session: a code index (< 250), or one of these. */
#define SSAT__ENTRY_NONE 0xFFu    /* no entry: the school did not meet for this pupil */
#define SSAT__ENTRY_MISSING 0xFEu /* explicit missing mark */

/* Read-only view of a register's dense session array, for the attendance calculation:
 * entries[i] is the entry of session base + i. */
typedef struct ssat__register_view {
    const uint8_t *entries;
    int64_t base;   /* session number of entries[0] */
    size_t count;   /* number of sessions covered (including SSAT__ENTRY_NONE ones) */
} ssat__register_view;
void ssat__register_view_get(const ssat_register *reg, ssat__register_view *out);
/* The entry of session s, SSAT__ENTRY_NONE when it has none. */
uint8_t ssat__register_entry(const ssat_register *reg, int64_t s);
/* Make sessions lo..hi writable without a later allocation, leaving the entries as they are (a failed
 * call changes nothing, and a successful one changes only the capacity, so it can run ahead of a
 * commit that may still be abandoned). False on allocation failure. */
bool ssat__register_reserve(ssat_register *reg, int64_t lo, int64_t hi);
/* Give session s, which has no entry, the entry `value` (a code index or SSAT__ENTRY_MISSING), growing
 * the register as needed. The caller has checked the session's date is supported. False on allocation
 * failure (nothing changed). */
bool ssat__register_put(ssat_register *reg, int64_t s, uint8_t value);
/* Give sessions s0 .. s0+n-1, which have no entry, the entries values[0..n-1] (SSAT__ENTRY_NONE: left
 * without one; the first and last values are entries), after ssat__register_reserve() over them: cannot
 * fail. The bulk form of ssat__register_put() for a run of marks (a CTF's AttendanceMarks). */
void ssat__register_put_run(ssat_register *reg, int64_t s0, const uint8_t *values, size_t n);
/* Copy every entry of src into dst, whose sessions there hold none, after ssat__register_reserve(dst)
 * over src's span: cannot fail. Both registers use the same code set. */
void ssat__register_merge(ssat_register *dst, const ssat_register *src);

/* ---- calendars (calendar.c) --------------------------------------------------------------------- */

/* A copy of a calendar (terms and closures) made with its allocator; SSAT_ERR_NOMEM names `fn`. */
ssat_status ssat__calendar_clone(const ssat_calendar *src, ssat_calendar **out, const char *fn);
/* Exchange everything two calendars hold: how an import replaces a calendar's contents all at once
 * after building the new ones in a copy. Both must use the same allocator. */
void ssat__calendar_swap(ssat_calendar *a, ssat_calendar *b);
const ssat__alloc *ssat__calendar_alloc(const ssat_calendar *calendar);

/* The largest N of a LAST_* window: ten years of weeks, far more than any rule needs. */
#define SSAT__WINDOW_N_MAX 520

/* ---- the calendar's school year (calendar_year.c) ---------------------------------------------- */

/* First and last day of the calendar's school year (1 August, 31 July). */
void ssat__calendar_bounds(const ssat_calendar *calendar, ssat_date *first, ssat_date *last);
/* SSAT_ERR_RANGE, naming `fn` and the school year, when `as_of` is outside the calendar's school year:
 * every rule and evaluation starts with this check. */
ssat_status ssat__calendar_check_as_of(const ssat_calendar *calendar, ssat_date as_of, const char *fn);
/* School days after `from` up to and including `as_of` (0 when from >= as_of). Days before the
 * calendar's 1 August count as elapsed school days: the calendar does not know the previous year's
 * terms, and a date that far back is old for every rule that asks. */
int64_t ssat__school_days_since(const ssat_calendar *calendar, ssat_date from, ssat_date as_of);

/* ---- attendance (attendance.c) ------------------------------------------------------------------ */

/* Totals of a window without allocating (attendance.c); counts, when not NULL, receives the count of
 * each code index (256 entries). */
void ssat__attendance_totals(const ssat_register *reg, const ssat_window *w, ssat_totals *t, uint32_t *counts);

/* ---- the walk over a wide-layout run (register.c, and the school layer's import_register.c): one mark
 * per session, AM then PM, Monday to Friday ------------------------------------------------------ */
/* The session of a run's current mark. Inline: the wide import steps it once per mark. */
typedef struct ssat__run_pos {
    ssat_date date;
    int32_t weekday; /* 1 = Monday .. 5 = Friday */
    ssat_half half;
} ssat__run_pos;

/* The first session of a run starting on `start` (a weekday). */
static inline ssat__run_pos ssat__run_start(ssat_date start)
{
    ssat__run_pos p = {start, ssat_date_weekday(start), SSAT_AM};
    return p;
}

/* The next session: PM after AM, then the next weekday's AM (Friday's is followed by Monday's). */
static inline void ssat__run_next(ssat__run_pos *p)
{
    if (p->half == SSAT_AM) {
        p->half = SSAT_PM;
        return;
    }
    p->half = SSAT_AM;
    p->date += p->weekday == 5 ? 3 : 1;
    p->weekday = p->weekday == 5 ? 1 : p->weekday + 1;
}

#endif /* SSAT_REGISTER_LAYER_H */
