/**
 * @file ssat/ctf.h
 * @brief Registers and pupils from Common Transfer Files (CTF, the XML every school management system
 * writes when a pupil moves school), streamed into a school.
 *
 * What is read (element order inside a parent does not matter; other elements are skipped):
 * @code
 * CTfile / CTFpupilData / Pupil { UPN, Surname, Forename, DOB,
 *     Attendance / YearData* { Year, LEA, SessionsPossible, SessionsAuthorised, SessionsAttended,
 *                              SessionsUnauthorised, AttendSessions { AttendanceStartDate, AttendanceMarks } } }
 * @endcode
 * The UPN is the pupil id; Forename and Surname give the name and DOB the date of birth (as a pupils
 * file does). AttendanceMarks holds one character per session, AM then PM, two per calendar date from
 * AttendanceStartDate; "#" is a session not in session (no entry), "-" a missing mark, anything else a
 * code of the school's set. The four totals are recomputed from the marks and compared: exporters
 * differ in what they count, so a difference is a warning (ctf.totals), not an error.
 *
 * The code set belongs to the nation: a YearData whose LEA is a Welsh authority (660 to 681) needs
 * "wales-2010", any other "england-2024" (custom code sets are not checked). ssat_ctf_code_set() tells
 * which from the start of a file, before the school is made. England's two-character codes (C1, J1,
 * Y1..Y7) cannot be written one character per session: a character that only begins such codes is
 * reported (ctf.code_two_char).
 *
 * Safety: the file is parsed by expat as a stream (memory holds the registers, one pupil and at most
 * 1 MiB of unparsed markup); a document type declaration is refused (so no entity is ever defined,
 * expanded or fetched: no external entities, no network, no entity expansion bombs), as are nesting
 * deeper than 64 elements, markup over 1 MiB and text over 4096 bytes in the elements read. Memory
 * the import allocates comes from the school's code set's allocator; expat's own (its token buffer,
 * bounded as above) from the C library's.
 *
 * All or nothing, like ssat_import_new(): every problem is listed with its line and column (columns
 * count characters from 1) and the file's name, and nothing changes in the school unless the file had
 * no error. Problem ids (a session-located message starts "Pupil UPN, session DATE AM"):
 *
 * | id | severity | what |
 * |---|---|---|
 * | ctf.xml | error | not well-formed XML, or a truncated file (expat's reason) |
 * | ctf.doctype | error | a DOCTYPE (refused) |
 * | ctf.root | error | the root element is not CTfile |
 * | ctf.depth, ctf.markup_too_long, ctf.text_too_long | error | the limits above |
 * | ctf.element_twice | error | an element read twice in one parent (two UPNs in a Pupil) |
 * | ctf.too_many_years | error | more than 64 YearData in one Pupil |
 * | ctf.upn_missing, ctf.upn_form, ctf.upn_check | error | no UPN; not a letter and 12 digits; wrong check letter |
 * | ctf.duplicate_pupil | error | a UPN twice in the file |
 * | ctf.text | error | a name with control characters |
 * | ctf.date | error | a DOB or AttendanceStartDate that is not YYYY-MM-DD |
 * | ctf.year | error | a Year that is not a year |
 * | ctf.start_year | error | an AttendanceStartDate outside the school year of its Year |
 * | ctf.missing | error | AttendSessions without AttendanceStartDate or AttendanceMarks |
 * | ctf.marks_length | error | an odd number of marks (a date without its PM) |
 * | ctf.marks_range | error | marks running past 9999-12-31 |
 * | ctf.weekend | error | a mark other than "#" on a Saturday or Sunday |
 * | ctf.unknown_code, ctf.code_two_char | error | a mark not in the code set |
 * | ctf.duplicate_mark | error | a session marked twice (two YearData, or already in the school) |
 * | ctf.nation | error | a YearData's LEA is of the other nation than the code set |
 * | ctf.totals | warning | a total differs from the one computed from the marks |
 * | import.unlisted | warning | more than ::SSAT_IMPORT_MAX_PROBLEMS problems |
 */
#ifndef SSAT_CTF_H
#define SSAT_CTF_H

#include "common.h"
#include "errors.h"
#include "problems.h"
#include "school.h"

SSAT_BEGIN_DECL

/** An opaque streamed CTF import into a school. */
typedef struct ssat_ctf_import ssat_ctf_import;

/**
 * Start importing one CTF file into @p school (one import of any kind at a time per school, as
 * ssat_import_new()).
 * @param source    the file's name for messages, copied (up to 256 bytes); NULL means "<input>".
 * @param problems  receives every problem; must outlive the import.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_STATE when another import into the school is
 *         open; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_ctf_import_new(ssat_school *school, const char *source, ssat_problems *problems,
                                         ssat_ctf_import **out);

/**
 * Feed the next @p len bytes of the file (any chunking gives the same result).
 * @return ::SSAT_OK (problems in the data do not fail this call); ::SSAT_ERR_INVALID_ARG;
 *         ::SSAT_ERR_STATE after ssat_ctf_import_finish() or a failed call; ::SSAT_ERR_NOMEM (the import
 *         can then only be freed, and the problems it listed are removed again).
 */
SSAT_API ssat_status ssat_ctf_import_feed(ssat_ctf_import *import, const char *data, size_t len);

/**
 * End of file: a truncated document is an error; if the file had no error, commit its pupils and
 * registers to the school.
 * @param pupils_out  receives the number of Pupil elements read; may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_DATA when the file had errors (school unchanged; the message
 *         gives the count and the first); ::SSAT_ERR_STATE; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_ctf_import_finish(ssat_ctf_import *import, size_t *pupils_out);

/** Free a CTF import (an unfinished one changes nothing). NULL does nothing. */
SSAT_API void ssat_ctf_import_free(ssat_ctf_import *import);

/**
 * The built-in code set a CTF's marks are written in, from the start of the file (the first LEA of the
 * Header's SourceSchool, or of a YearData): "wales-2010" for a Welsh authority (660 to 681), else
 * "england-2024". Pass the first few kilobytes; the same protections as the import apply.
 * @param out  receives a static string.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_PARSE when the data is not the start of a
 *         CTfile document; ::SSAT_ERR_NOT_FOUND when no LEA is in the data given.
 */
SSAT_API ssat_status ssat_ctf_code_set(const char *data, size_t len, const char **out);

/**
 * Whether a file's first bytes look like XML (after an optional byte order mark and white space, a
 * "<"): how the ssat tool tells a CTF from a CSV file. Returns 1 or 0 (0 for NULL).
 */
SSAT_API int32_t ssat_ctf_detect(const char *data, size_t len);

SSAT_END_DECL

#endif /* SSAT_CTF_H */
