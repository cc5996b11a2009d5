/**
 * @file ssat/calendar.h
 * @brief A school calendar for one school year, its terms and closures (also read from CSV files), and
 *        the attendance windows it resolves.
 *
 * A school year runs from 1 August to 31 July. Term dates differ by authority and year; a new calendar
 * holds the default census terms (autumn 1 Aug-31 Dec, spring 1 Jan-Easter Sunday, summer Easter
 * Monday-31 Jul, Easter by the Gregorian computus) until the caller replaces them. A school day is a
 * weekday (Monday to Friday) inside a term that is not a declared closure day.
 *
 * A window (::ssat_window, declared in window.h) is an inclusive range of sessions; the functions here
 * resolve the usual windows (year to date, term, last N school weeks) for an as-of date the caller gives,
 * never the clock.
 *
 * Terms and closures files (header `name,start,end`) are read by ssat_calendar_import_terms() and
 * ssat_calendar_import_closures(), directly or through a CSV map (csvmap.h); their rules and problem
 * ids are those of the school's imports (school.h).
 */
#ifndef SSAT_CALENDAR_H
#define SSAT_CALENDAR_H

#include "common.h"
#include "errors.h"
#include "date.h"
#include "problems.h"
#include "window.h"

SSAT_BEGIN_DECL

/** An opaque school calendar for one school year. */
typedef struct ssat_calendar ssat_calendar;

/** Longest term name, in bytes. */
#define SSAT_TERM_NAME_MAX 64

/**
 * Create the calendar of school year @p school_year (2024 means 1 Aug 2024 - 31 Jul 2025) holding the
 * default census terms "autumn", "spring" and "summer", and no closures.
 * @param out  receives the calendar; free with ssat_calendar_free(). NULL on failure.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE for a year outside 1583..9998;
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_calendar_new(int32_t school_year, const ssat_allocator *alloc, ssat_calendar **out);

/** Free a calendar. NULL does nothing. */
SSAT_API void ssat_calendar_free(ssat_calendar *calendar);

/** The school year the calendar covers (its starting calendar year); 0 for NULL. */
SSAT_API int32_t ssat_calendar_school_year(const ssat_calendar *calendar);

/** Remove every term (to supply the authority's own with ssat_calendar_add_term()). NULL does nothing. */
SSAT_API void ssat_calendar_clear_terms(ssat_calendar *calendar);

/**
 * Add a term running from @p first to @p last inclusive. Terms are kept in date order.
 * @param name  1..SSAT_TERM_NAME_MAX bytes, unique in the calendar (copied).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, empty or too long name, @p last before @p first);
 *         ::SSAT_ERR_RANGE if the term is not inside the school year; ::SSAT_ERR_DUPLICATE if it
 *         overlaps another term or repeats a name; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_calendar_add_term(ssat_calendar *calendar, const char *name, ssat_date first,
                                            ssat_date last);

/** Number of terms (0 for NULL). */
SSAT_API size_t ssat_calendar_term_count(const ssat_calendar *calendar);

/**
 * The term at @p index, in date order. Any out-pointer may be NULL.
 * @param name_out  receives the name, borrowed from the calendar until its terms change.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE if @p index is out of range.
 */
SSAT_API ssat_status ssat_calendar_term_at(const ssat_calendar *calendar, size_t index, const char **name_out,
                                           ssat_date *first_out, ssat_date *last_out);

/**
 * Declare days from @p first to @p last inclusive on which the school does not meet (half-term,
 * bank holidays, INSET days). Overlapping closures are allowed.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE if outside the school year;
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_calendar_add_closure(ssat_calendar *calendar, ssat_date first, ssat_date last);

/**
 * Whether @p date is a school day: a weekday, inside a term, not a closure.
 * @param out  receives 1 or 0.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE if @p date is outside the school year.
 */
SSAT_API ssat_status ssat_calendar_is_school_day(const ssat_calendar *calendar, ssat_date date, int32_t *out);

/**
 * Count the school days from @p first to @p last inclusive (0 when @p last is before @p first).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE if either date is outside the year.
 */
SSAT_API ssat_status ssat_calendar_count_school_days(const ssat_calendar *calendar, ssat_date first,
                                                     ssat_date last, int32_t *out);

/**
 * The school year to date: from 1 August (AM) to @p as_of (PM).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE if @p as_of is outside the school year.
 */
SSAT_API ssat_status ssat_calendar_window_year_to_date(const ssat_calendar *calendar, ssat_date as_of,
                                                       ssat_window *out);

/**
 * A term up to the as-of date: from the term's first day (AM) to the earlier of its last day and
 * @p as_of (PM).
 * @param term_name  the term's name, or NULL for the term containing @p as_of, or, when @p as_of falls
 *                   in a holiday, the last term that began before it.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE if @p as_of is outside the school year or
 *         before the named term begins; ::SSAT_ERR_NOT_FOUND if no such term.
 */
SSAT_API ssat_status ssat_calendar_window_term(const ssat_calendar *calendar, const char *term_name,
                                               ssat_date as_of, ssat_window *out);

/**
 * The last @p weeks school weeks up to @p as_of: counting back from the Monday-to-Sunday week
 * holding @p as_of, weeks that contain at least one school day; the window runs from the Monday (AM)
 * of the earliest such week to @p as_of (PM), and stops at 1 August if the year has fewer weeks.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (including @p weeks < 1); ::SSAT_ERR_RANGE if @p as_of
 *         is outside the school year.
 */
SSAT_API ssat_status ssat_calendar_window_last_weeks(const ssat_calendar *calendar, ssat_date as_of,
                                                     int32_t weeks, ssat_window *out);

/* ---- terms and closures files ------------------------------------------------------------------ */

/** A CSV map (csvmap.h), named here for the mapped imports below. */
typedef struct ssat_csv_map ssat_csv_map;

/**
 * Import a terms file (`name,start,end`, every term inside the calendar's school year, no two
 * overlapping or with the same name) into a calendar, replacing its terms; all or nothing.
 * @param data  the whole file, @p len bytes (terms files are small).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_INVALID_DATA (problems appended, with line
 *         and column; calendar unchanged); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_calendar_import_terms(ssat_calendar *calendar, const char *data, size_t len,
                                                const char *source, ssat_problems *problems);

/**
 * Import a closures file (`name,start,end`, name optional: days inside terms when the school did not
 * meet), added to the calendar's closures; all or nothing.
 * @return as ssat_calendar_import_terms().
 */
SSAT_API ssat_status ssat_calendar_import_closures(ssat_calendar *calendar, const char *data, size_t len,
                                                   const char *source, ssat_problems *problems);

/** ssat_calendar_import_terms() reading the file through @p map (NULL: as without). */
SSAT_API ssat_status ssat_calendar_import_terms_mapped(ssat_calendar *calendar, const char *data, size_t len,
                                                       const char *source, ssat_problems *problems,
                                                       const ssat_csv_map *map);

/** ssat_calendar_import_closures() reading the file through @p map (NULL: as without). */
SSAT_API ssat_status ssat_calendar_import_closures_mapped(ssat_calendar *calendar, const char *data, size_t len,
                                                          const char *source, ssat_problems *problems,
                                                          const ssat_csv_map *map);

SSAT_END_DECL

#endif /* SSAT_CALENDAR_H */
