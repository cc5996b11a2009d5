/**
 * @file ssat/school.h
 * @brief A school's registers and pupil records, and their streamed import from CSV exports.
 *
 * A school holds one register per pupil (all on one code set) and, optionally, pupil records (date of
 * birth, name, year group). It is filled by importing CSV files, streamed in chunks of any size so a
 * whole authority's year never needs the file in memory:
 *
 * - register, long layout: header `pupil_id,date,session,mark` (session AM or PM, also written am/pm or
 *   Morning/Afternoon; ISO date, or through a CSV map (csvmap.h) the export's own names and dates), one mark
 *   per row, rows in any order; a mark is a code of the set, "" or "-" for a missing mark, or "." for a
 *   session on which the school did not meet (no entry);
 * - register, wide layout: header `pupil_id,start_date,marks`, marks = one character per session, AM
 *   then PM, every weekday (Monday to Friday) from start_date, which is a weekday; "." where the school
 *   did not meet (skipped), "-" or " " missing; only one-character codes can be written this way. A
 *   pupil may have several rows (for example one per term) as long as no session is marked twice;
 * - pupils: header with `pupil_id` and optionally `date_of_birth` (empty when not known), `name` and
 *   `year_group`;
 * - terms and closures: header `name,start,end`, into an ::ssat_calendar (see
 *   ssat_calendar_import_terms() in calendar.h, which this header includes).
 *
 * Every layout: RFC 4180 (fields may be in double quotes, a double quote inside one written twice;
 * line ends LF, CRLF or CR; quoted fields may span lines), UTF-8 with an optional byte order mark,
 * blank lines ignored. Columns are found by their exact header names in any order; other columns are
 * ignored; every row has as many fields as the header. A pupil id is 1..64 bytes of UTF-8 without
 * control characters.
 *
 * An import is all or nothing: every problem of the file is appended to the caller's ::ssat_problems
 * with its line and column (1-based; columns count characters), and each message starts with
 * "file:line:column: ". If there was any error the school is left exactly as it was. Problem ids:
 *
 * | id | severity | what |
 * |---|---|---|
 * | import.empty | error | no header row |
 * | import.header | error | the header lacks a column the layout needs |
 * | import.header_unknown | error | an automatic import's header is neither long nor wide |
 * | import.header_duplicate | error | a column named twice |
 * | import.columns | error | a row with more or fewer fields than the header |
 * | import.quote | error | an unterminated quote (at the quote's line and column) |
 * | import.stray_quote | error | a quote inside an unquoted field, or text after a closing quote |
 * | import.row_too_long | error | a row over 1 MiB (not read) |
 * | import.pupil_id | error | an empty pupil id, or one over 64 bytes |
 * | import.pupil_id_control, _invisible, _space, _nfc, _unusable | error | a pupil id holding a control character; an invisible one (zero-width, byte-order mark, bidirectional override); a space other than U+0020; a combining mark or a character NFC changes (ids must be NFC: refused, not normalised); a private-use or non-character code point. Spaces around an id are trimmed |
 * | import.pupil_id_confusable | warning | a pupil id that differs from one read before in the file only in ASCII letter case or full-width forms ("P1", "p1", "Ｐ1") |
 * | import.text | error | an id, name or year group that is not UTF-8 text |
 * | import.date | error | a date that is not a real YYYY-MM-DD date in years 1583..9999 |
 * | import.start_weekday | error | a wide row starting on a Saturday or Sunday |
 * | import.marks_range | error | a wide row running past 31 July 9999 (the last school year the rules evaluate) |
 * | import.mark_year | error | a mark dated outside school years 1583/84 to 9998/99 |
 * | import.marks_span | error | a pupil's marks more than 16 years apart (a mistyped date; registers are dense, so this bounds their memory) |
 * | import.session | error | a session other than AM or PM |
 * | import.unknown_code | error | a mark that is not a code of the school's set |
 * | import.duplicate_mark | error | two marks for one session (in the file, or one already in the school) |
 * | import.duplicate_pupil | error | two rows for one pupil in a pupils file |
 * | import.pupil_unknown | warning | a pupils-file row for a pupil no register read before has marks for |
 * | import.pupil_no_record | warning | register rows for a pupil missing from the pupils file read before |
 * | import.unlisted | warning | more than ::SSAT_IMPORT_MAX_PROBLEMS problems: how many more were found |
 * | import.date_order, import.date_range | error | terms and closures: end before start; outside the year |
 * | import.term_name, import.term_duplicate, import.term_overlap | error | terms: bad or repeated name; overlap |
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

/** At most this many problems of one file are listed (a file that is wrong throughout must not fill
 *  memory); the rest are counted, and one "import.unlisted" warning says how many. */
#define SSAT_IMPORT_MAX_PROBLEMS 10000

/** An opaque school. */
typedef struct ssat_school ssat_school;

/**
 * Create an empty school whose registers use @p codes (kept alive and frozen, as by a register) and
 * its allocator.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_school_new(const ssat_codeset *codes, ssat_school **out);

/** Free a school with its registers and pupil records. NULL does nothing. Free its imports first. */
SSAT_API void ssat_school_free(ssat_school *school);

/** The school's code set, borrowed for the school's lifetime; NULL for NULL. */
SSAT_API const ssat_codeset *ssat_school_codeset(const ssat_school *school);

/** Number of pupils with a register or a record (0 for NULL). */
SSAT_API size_t ssat_school_count(const ssat_school *school);

/**
 * The pupil ids in ascending byte order (strcmp): the id at @p index, borrowed for the school's
 * lifetime; NULL when out of range. Indexes of every function here are positions in this order, valid
 * until the next successful import into the school (which may insert pupils before them).
 */
SSAT_API const char *ssat_school_pupil_id(const ssat_school *school, size_t index);

/**
 * Find a pupil by id (a hash lookup).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND.
 */
SSAT_API ssat_status ssat_school_find(const ssat_school *school, const char *pupil_id, size_t *index_out);

/** The register of the pupil at @p index, borrowed for the school's lifetime (empty for a pupil known
 *  only from a pupils file); NULL when out of range. */
SSAT_API const ssat_register *ssat_school_register(const ssat_school *school, size_t index);

/** The record of the pupil at @p index (id, date of birth, facts), borrowed and mutable for the school's
 *  lifetime: the caller may set facts (R3, R4, ...) before evaluating rules; NULL when out of range. */
SSAT_API ssat_pupil *ssat_school_pupil(ssat_school *school, size_t index);

/** Name and year group from the pupils file, borrowed for the school's lifetime; "" when not known.
 *  @p field is "name" or "year_group"; NULL for a NULL school, an index out of range or another field. */
SSAT_API const char *ssat_school_pupil_detail(const ssat_school *school, size_t index, const char *field);

/**
 * The natural as-of date of an export: the last date with an entry in the school year the marks are
 * about. That year is the latest school year (1 August to 31 July) holding at least 1 % of all the
 * school's entries, or the year holding the most when no year does; so one mistyped row dated years
 * away ("2205-07-14") does not move it. ssat_school_check_year() lists the marks outside that year.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND when no register has an entry;
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_school_last_date(const ssat_school *school, ssat_date *out);

/**
 * List the marks dated outside school year @p school_year (1 August @p school_year to 31 July of the
 * next year), the year being evaluated: a warning "school.mark_outside_year" for each of the first
 * 100, located in its file as ssat_school_locate() locates it (file:line:column, with the session), and
 * one "school.marks_outside_year" warning counting them all when there are more. A mark in another
 * year is often a mistyped date; the rules of the year ignore it.
 * @param outside_out  may be NULL; receives the number of marks outside the year.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE for a year outside 1583..9998;
 *         ::SSAT_ERR_NOMEM (the list is then unchanged).
 */
SSAT_API ssat_status ssat_school_check_year(const ssat_school *school, int32_t school_year, ssat_problems *problems,
                                            size_t *outside_out);

/**
 * Where a session of a pupil's register is in the register file it was imported from, so that a
 * report on the register (ssat_register_validate()) can point at the file:
 * - wide row: the row's line, and the column of the session's character (0 when the row does not
 *   reach the session or it falls on a weekend);
 * - long rows written as exports write them (one pupil's rows on consecutive lines, in session order,
 *   the mark always in the same column): the line and column of the session's mark; for a session
 *   without a row, the pupil's first row with column 0;
 * - otherwise (rows in any order, rows from two files, two wide rows): the line of the pupil's first
 *   row (of the latest file) with column 0.
 * Any out-pointer may be NULL.
 * @param source_out  the file's name as given to ssat_import_new(), borrowed for the school's lifetime.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL school, index out of range, @p half not AM/PM);
 *         ::SSAT_ERR_NOT_FOUND when no register row was read for the pupil.
 */
SSAT_API ssat_status ssat_school_locate(const ssat_school *school, size_t index, ssat_date date, ssat_half half,
                                        const char **source_out, uint32_t *line_out, uint32_t *column_out);

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
 * Start importing one file into @p school. One import at a time per school: the school must not be
 * imported into again, or freed, until this import is finished or freed.
 * @param source    the file's name for messages ("school.csv"), copied (up to 256 bytes); may be NULL
 *                  ("<input>").
 * @param problems  receives every problem, each with line and column (1-based) and the file name in
 *                  its messages; must outlive the import.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_STATE when another import into the school is
 *         open; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_import_new(ssat_school *school, ssat_csv_kind kind, const char *source,
                                     ssat_problems *problems, ssat_import **out);

/**
 * Feed the next @p len bytes of the file (any chunking; a chunk may end inside a row, a quote or a
 * CRLF; the rows of one file give the same result however it is cut). @p data may be NULL when @p len
 * is 0. Runs on the calling thread only, unless ssat_import_set_threads() allowed a second one.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_STATE after ssat_import_finish() or after a
 *         failed call; ::SSAT_ERR_NOMEM (the import can then only be freed, and the problems it listed
 *         are removed again). Problems in the data do not fail this call: they are collected, and
 *         ssat_import_finish() decides.
 */
SSAT_API ssat_status ssat_import_feed(ssat_import *import, const char *data, size_t len);

/**
 * End of file: check what remains (an unterminated quote; a last row without a line end is fine) and,
 * if the file had no error, commit everything to the school. The import can then only be freed.
 * @param rows_out  receives the number of data rows read; may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_DATA when the file had errors (the school is unchanged; the
 *         message gives the count and the first as "file:line:column: ..."); ::SSAT_ERR_STATE if
 *         already finished or after a failed feed; ::SSAT_ERR_NOMEM (the school is unchanged and
 *         finishing may be tried again).
 */
SSAT_API ssat_status ssat_import_finish(ssat_import *import, size_t *rows_out);

/**
 * Allow ssat_import_feed() a second thread (off by default: the library starts no thread unless asked).
 * With 2, a chunk of 256 KiB or more is tokenized on a second thread, started and joined inside the
 * call, while the calling thread builds the registers: the rows, problems, status and messages are
 * those of one thread, in file order. The second thread is used only with the C library's allocator
 * (a caller's allocator is not assumed safe from two threads); with another, or when a thread cannot be
 * started, the feed runs on the calling thread. May be changed between feeds.
 * @param threads  0 or 1: the calling thread only; 2: up to one more.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG for a NULL import or a count outside 0..2; ::SSAT_ERR_STATE
 *         after ssat_import_finish() or a failed call.
 */
SSAT_API ssat_status ssat_import_set_threads(ssat_import *import, int threads);

/** Free an import (unfinished imports change nothing). NULL does nothing. */
SSAT_API void ssat_import_free(ssat_import *import);

SSAT_END_DECL

#endif /* SSAT_SCHOOL_H */
