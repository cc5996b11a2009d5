/**
 * @file ssat/window.h
 * @brief Attendance windows: a range of sessions (::ssat_window), and the window kinds that policies name
 *        ("year to date", "term", "last 10 school weeks") with their resolution to a concrete window for an
 *        as-of date.
 *
 * The calendar (calendar.h) and the register (register.h) resolve windows and take them, so they include
 * this header; it names their handles itself and includes them at its end, so a program that includes
 * only window.h still has both.
 */
#ifndef SSAT_WINDOW_H
#define SSAT_WINDOW_H

#include "common.h"
#include "errors.h"
#include "date.h"

SSAT_BEGIN_DECL

/** An inclusive range of sessions, from (first_date, first_half) to (last_date, last_half). */
typedef struct ssat_window {
    ssat_date first_date; /**< first day of the window */
    ssat_half first_half; /**< first session on that day */
    ssat_date last_date;  /**< last day of the window */
    ssat_half last_half;  /**< last session on that day */
} ssat_window;

/**
 * A window from @p first (AM) to @p last (PM).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG if @p out is NULL or @p last is before @p first.
 */
SSAT_API ssat_status ssat_window_range(ssat_date first, ssat_date last, ssat_window *out);

/** A school calendar (calendar.h). */
typedef struct ssat_calendar ssat_calendar;
/** A pupil's register (register.h). */
typedef struct ssat_register ssat_register;

/** The kinds of window a rule can be evaluated over. */
typedef enum ssat_window_kind {
    SSAT_WINDOW_YEAR_TO_DATE = 0,  /**< 1 August to the as-of date */
    SSAT_WINDOW_TERM = 1,          /**< the current term (see ssat_calendar_window_term()) to the as-of date */
    SSAT_WINDOW_LAST_WEEKS = 2,    /**< the last N school weeks (see ssat_calendar_window_last_weeks()) */
    SSAT_WINDOW_LAST_SESSIONS = 3  /**< the last N sessions of the register (ssat_register_window_last_sessions()) */
} ssat_window_kind;

/**
 * Resolve a window kind for an as-of date.
 * @param n    the N of the LAST_* kinds (>= 1); ignored for the others.
 * @param reg  the register, needed for ::SSAT_WINDOW_LAST_SESSIONS only (may be NULL otherwise).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; and whatever the underlying calendar or register function
 *         returns (::SSAT_ERR_RANGE, ::SSAT_ERR_NOT_FOUND).
 */
SSAT_API ssat_status ssat_window_resolve(ssat_window_kind kind, int32_t n, const ssat_calendar *calendar,
                                         const ssat_register *reg, ssat_date as_of, ssat_window *out);

/**
 * Text form of a window kind used in policy documents: "year_to_date", "term", "last_weeks:N",
 * "last_sessions:N".
 * @param buf  caller's buffer; 32 bytes always suffice.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (unknown kind, n < 1 for LAST_*, buffer too small).
 */
SSAT_API ssat_status ssat_window_kind_format(ssat_window_kind kind, int32_t n, char *buf, size_t cap);

/**
 * Parse the text form of a window kind.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG for NULL; ::SSAT_ERR_PARSE for anything else (the message
 *         quotes the text).
 */
SSAT_API ssat_status ssat_window_kind_parse(const char *text, ssat_window_kind *kind_out, int32_t *n_out);

SSAT_END_DECL

/* After the declarations above, which calendar.h and register.h need when they include this header. */
#include "calendar.h"
#include "register.h"

#endif /* SSAT_WINDOW_H */
