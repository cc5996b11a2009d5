/**
 * @file ssat/window.h
 * @brief Window kinds that policies name ("year to date", "term", "last 10 school weeks") and their
 *        resolution to a concrete ::ssat_window for an as-of date.
 */
#ifndef SSAT_WINDOW_H
#define SSAT_WINDOW_H

#include "common.h"
#include "errors.h"
#include "date.h"
#include "calendar.h"
#include "register.h"

SSAT_BEGIN_DECL

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

#endif /* SSAT_WINDOW_H */
