/**
 * @file ssat/register.h
 * @brief One pupil's attendance register: one mark per dated AM/PM session.
 *
 * A register records what the school entered: a code of its code set, or an explicit "missing" entry
 * (blank or "-": the register was not taken), for each session. Sessions with no entry at all are
 * days the school did not meet for this pupil. Marks may be added in any order.
 *
 * Adding marks never half-succeeds: a call that fails leaves the register exactly as it was.
 */
#ifndef SSAT_REGISTER_H
#define SSAT_REGISTER_H

#include "common.h"
#include "errors.h"
#include "date.h"
#include "codeset.h"
#include "calendar.h"
#include "problems.h"

SSAT_BEGIN_DECL

/** An opaque register of one pupil. */
typedef struct ssat_register ssat_register;

/**
 * Create an empty register that interprets marks with @p codes. The register keeps the code set alive
 * and freezes it; it uses the code set's allocator.
 * @param out  receives the register; free with ssat_register_free(). NULL on failure.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_register_new(const ssat_codeset *codes, ssat_register **out);

/** Free a register. NULL does nothing. */
SSAT_API void ssat_register_free(ssat_register *reg);

/** The code set of the register, borrowed for the register's lifetime. NULL for NULL. */
SSAT_API const ssat_codeset *ssat_register_codeset(const ssat_register *reg);

/**
 * Record the mark of one session.
 * @param code  a code of the register's set, or "" or "-" for an explicit missing mark.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, @p half not AM/PM); ::SSAT_ERR_RANGE for a date
 *         outside years 1583..9999; ::SSAT_ERR_UNKNOWN_CODE (the message names the code and set);
 *         ::SSAT_ERR_DUPLICATE if the session already has an entry (use ssat_register_amend_mark());
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_register_add_mark(ssat_register *reg, ssat_date date, ssat_half half, const char *code);

/**
 * Replace the entry of a session that already has one (for example "N" resolved to "I").
 * @return as ssat_register_add_mark(), and ::SSAT_ERR_NOT_FOUND if the session has no entry.
 */
SSAT_API ssat_status ssat_register_amend_mark(ssat_register *reg, ssat_date date, ssat_half half, const char *code);

/**
 * Add a run of single-character marks: one byte per session, AM then PM, for every weekday (Monday to
 * Friday) from @p start, which must be a weekday. In @p marks, "." is a session on which the school did
 * not meet (skipped) and "-" or " " a missing mark; every other byte must be a one-character code of
 * the set. This is the "wide" register layout.
 *
 * All or nothing: every problem (unknown code, a session that already has an entry) is appended to
 * @p problems with its 1-based column in @p marks, and then nothing is added.
 * @param problems  where problems are reported; may be NULL if the caller does not want the list.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, @p start not a weekday); ::SSAT_ERR_RANGE if the
 *         run passes year 9999; ::SSAT_ERR_INVALID_DATA if any mark was wrong (the message gives the
 *         number of problems and the first); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_register_add_marks(ssat_register *reg, ssat_date start, const char *marks, size_t len,
                                             ssat_problems *problems);

/**
 * The entry of a session.
 * @param code_out  receives the code's text borrowed from the code set, "-" for an explicit missing
 *                  mark, or NULL when the session has no entry.
 * @return ::SSAT_OK (also when there is no entry); ::SSAT_ERR_INVALID_ARG.
 */
SSAT_API ssat_status ssat_register_mark(const ssat_register *reg, ssat_date date, ssat_half half,
                                        const char **code_out);

/** Number of sessions that have an entry, missing marks included (0 for NULL). */
SSAT_API size_t ssat_register_entry_count(const ssat_register *reg);

/**
 * The first and last sessions that have an entry.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND when the register is empty.
 */
SSAT_API ssat_status ssat_register_span(const ssat_register *reg, ssat_window *out);

/**
 * The last @p sessions sessions with an entry, up to and including @p as_of PM.
 * The window starts at the earliest of them (or at the register's first entry if there are fewer).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (including @p sessions < 1); ::SSAT_ERR_NOT_FOUND if no
 *         entry lies on or before @p as_of.
 */
SSAT_API ssat_status ssat_register_window_last_sessions(const ssat_register *reg, ssat_date as_of, int32_t sessions,
                                                        ssat_window *out);

/**
 * Check a register against a calendar and report every problem, never only the first:
 * - "register.missing_mark": an explicit missing entry, or a school-day session between the register's
 *   first and last entries (inside the calendar's year) with no entry;
 * - "register.non_school_day" (warning): a mark on a weekend or closure day or outside every term;
 * - "register.provisional" (warning): an "N"-flagged (provisional) mark.
 * @param calendar  the school calendar; only sessions inside its school year are checked.
 * @param problems  receives the problems (appended).
 * @param errors_out  receives the number of errors found; may be NULL.
 * @return ::SSAT_OK even when problems were found; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_register_validate(const ssat_register *reg, const ssat_calendar *calendar,
                                            ssat_problems *problems, size_t *errors_out);

SSAT_END_DECL

#endif /* SSAT_REGISTER_H */
