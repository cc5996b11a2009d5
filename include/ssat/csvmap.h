/**
 * @file ssat/csvmap.h
 * @brief Reading CSV exports as the MIS writes them: their column names, UK dates and local codes.
 *
 * A map is given to an import (ssat_import_set_map(), or calendar.h's ssat_calendar_import_terms_mapped()
 * and ssat_calendar_import_closures_mapped()) before it reads anything:
 * - columns: the export's header name for each of libssat's fields, e.g.
 *   `pupil_id=Adno,date=Date,session=Session,mark=Mark` (fields: pupil_id, date, session, mark,
 *   start_date, marks, date_of_birth, name, year_group, start, end); fields not named keep their own
 *   name;
 * - the date format: "yyyy-mm-dd" (the default) or "dd/mm/yyyy", for every date of the file;
 * - local codes: a code map file, header `local,statutory`, one local code (1 to 8 printable ASCII
 *   characters, e.g. a school's lower-case or three-character sub-code) and the statutory code it
 *   stands for per line. A mark that is a local code is read as its statutory code; a mark that is
 *   neither is the usual "import.unknown_code" at its line and column.
 *
 * Sessions are read as AM or PM written `AM`/`PM`, `am`/`pm` or `Morning`/`Afternoon` (any case) with or
 * without a map. A map is not changed by the imports that use it and may be shared by several, one
 * thread at a time per import; it must outlive them.
 */
#ifndef SSAT_CSVMAP_H
#define SSAT_CSVMAP_H

#include "common.h"
#include "errors.h"
#include "problems.h"
#include "calendar.h"
#include "school.h"

SSAT_BEGIN_DECL

/** An opaque CSV map. */
typedef struct ssat_csv_map ssat_csv_map;

/**
 * An empty map (every field by its own name, ISO dates, no local codes).
 * @param alloc  allocator, or NULL for the C library's.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_csv_map_new(const ssat_allocator *alloc, ssat_csv_map **out);

/** Free a map. NULL does nothing. */
SSAT_API void ssat_csv_map_free(ssat_csv_map *map);

/**
 * Name the export's columns: @p spec is `field=Header` pairs separated by commas (a header name is
 * 1..64 bytes without "," or "="); replaces the columns named before.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, an unknown field, a field named twice, a pair without
 *         "=", an empty or too long name: the message says which); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_csv_map_set_columns(ssat_csv_map *map, const char *spec);

/**
 * The format of every date in the files: "yyyy-mm-dd" or "dd/mm/yyyy".
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG for another format.
 */
SSAT_API ssat_status ssat_csv_map_set_date_format(ssat_csv_map *map, const char *format);

/**
 * Read a code map file (`local,statutory`) into the map, replacing its local codes; all or nothing.
 * Problems ("csvmap.header", "csvmap.code", "csvmap.duplicate", and the CSV tokenizer's) go to
 * @p problems with line and column, messages starting "source:line:column: ".
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_INVALID_DATA (problems listed; map unchanged);
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_csv_map_load_codes(ssat_csv_map *map, const char *data, size_t len, const char *source,
                                             ssat_problems *problems);

/** Number of local codes in the map (0 for NULL). */
SSAT_API size_t ssat_csv_map_code_count(const ssat_csv_map *map);

/**
 * Read the import's file through @p map (borrowed: it must outlive the import). Call before the first
 * ssat_import_feed().
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, or a statutory code of the map that the school's code
 *         set lacks: the message names it and its line); ::SSAT_ERR_STATE after data was fed.
 */
SSAT_API ssat_status ssat_import_set_map(ssat_import *import, const ssat_csv_map *map);

SSAT_END_DECL

#endif /* SSAT_CSVMAP_H */
