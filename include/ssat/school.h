/**
 * @file ssat/school.h
 * @brief A school's registers and pupil records, and their streamed import from CSV exports.
 *
 * A school holds one register per pupil (all on one code set) and, optionally, pupil records (date of
 * birth, name, year group). It is filled by importing CSV files, streamed in chunks of any size so a
 * whole authority's year never needs the file in memory:
 *
 * - register, long layout: header `pupil_id,date,session,mark` (session AM or PM, ISO date), one mark
 *   per row, rows in any order, extra columns ignored, RFC 4180 quoting;
 * - register, wide layout: header `pupil_id,start_date,marks`, marks = one character per session, AM
 *   then PM, every weekday from start_date; "." where the school did not meet, "-" missing;
 * - pupils: header `pupil_id,date_of_birth,name,year_group` (more columns allowed, in any order);
 * - terms: header `name,start,end`, into an ::ssat_calendar (see ssat_calendar_import_terms()).
 *
 * An import is all or nothing: every problem of the file (bad header, bad date, unknown code, two marks
 * for one session, an unterminated quote, ...) is reported with the file name, line and column, and if
 * there was any error the school is left exactly as it was.
 */
#ifndef SSAT_SCHOOL_H
#define SSAT_SCHOOL_H

#include "common.h"
#include "errors.h"
#include "codeset.h"
#include "register.h"
#include "pupil.h"
#include "problems.h"
#include "calendar.h"

SSAT_BEGIN_DECL

/** An opaque school. */
typedef struct ssat_school ssat_school;

/**
 * Create an empty school whose registers use @p codes (kept alive and frozen, as by a register).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_school_new(const ssat_codeset *codes, ssat_school **out);

/** Free a school with its registers and pupil records. NULL does nothing. */
SSAT_API void ssat_school_free(ssat_school *school);

/** Number of pupils with a register or a record (0 for NULL). */
SSAT_API size_t ssat_school_count(const ssat_school *school);

/** The pupil ids in ascending byte order: the id at @p index, borrowed for the school's lifetime; NULL when out of range. */
SSAT_API const char *ssat_school_pupil_id(const ssat_school *school, size_t index);

/**
 * Find a pupil by id.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND.
 */
SSAT_API ssat_status ssat_school_find(const ssat_school *school, const char *pupil_id, size_t *index_out);

/** The register of the pupil at @p index, borrowed for the school's lifetime (NULL when out of range). */
SSAT_API const ssat_register *ssat_school_register(const ssat_school *school, size_t index);

/** The record of the pupil at @p index (date of birth, facts), borrowed and mutable for the school's lifetime. */
SSAT_API ssat_pupil *ssat_school_pupil(ssat_school *school, size_t index);

/** Name and year group from the pupils file, borrowed; "" when not known. @p field is "name" or "year_group". */
SSAT_API const char *ssat_school_pupil_detail(const ssat_school *school, size_t index, const char *field);

/**
 * The last date on which any register has an entry: the natural as-of date of an export.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND when no register has an entry.
 */
SSAT_API ssat_status ssat_school_last_date(const ssat_school *school, ssat_date *out);

/** What a CSV file holds. */
typedef enum ssat_csv_kind {
    SSAT_CSV_AUTO = 0,     /**< a register, long or wide, told by its header */
    SSAT_CSV_LONG = 1,     /**< register, long layout */
    SSAT_CSV_WIDE = 2,     /**< register, wide layout */
    SSAT_CSV_PUPILS = 3    /**< pupil records */
} ssat_csv_kind;

/** An opaque streamed import into a school. */
typedef struct ssat_import ssat_import;

/**
 * Start importing one file into @p school.
 * @param source    the file's name for messages ("school.csv"), copied; may be NULL ("<input>").
 * @param problems  receives every problem, each with line and column (1-based) and the file name in
 *                  its messages; must outlive the import.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_import_new(ssat_school *school, ssat_csv_kind kind, const char *source,
                                     ssat_problems *problems, ssat_import **out);

/**
 * Feed the next @p len bytes of the file (any chunking; a chunk may end inside a row or a quote).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM. Problems in the data do not fail this
 *         call: they are collected and reported by ssat_import_finish().
 */
SSAT_API ssat_status ssat_import_feed(ssat_import *import, const char *data, size_t len);

/**
 * End of file: check what remains (an unterminated quote, a last row without newline is fine) and, if
 * the file had no error, commit everything to the school. The import can then only be freed.
 * @param rows_out  receives the number of data rows read; may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_DATA when the file had errors (the school is unchanged; the
 *         message gives the count and the first as "file:line:column: ..."); ::SSAT_ERR_STATE if
 *         already finished; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_import_finish(ssat_import *import, size_t *rows_out);

/** Free an import (unfinished imports change nothing). NULL does nothing. */
SSAT_API void ssat_import_free(ssat_import *import);

/**
 * Import a terms file (`name,start,end`) into a calendar, replacing its terms; all or nothing.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_INVALID_DATA (problems appended, with line
 *         and column; calendar unchanged); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_calendar_import_terms(ssat_calendar *calendar, const char *data, size_t len,
                                                const char *source, ssat_problems *problems);

/**
 * Import a closures file (`name,start,end`: days inside terms when the school did not meet); all or nothing.
 * @return as ssat_calendar_import_terms().
 */
SSAT_API ssat_status ssat_calendar_import_closures(ssat_calendar *calendar, const char *data, size_t len,
                                                   const char *source, ssat_problems *problems);

SSAT_END_DECL

#endif /* SSAT_SCHOOL_H */
