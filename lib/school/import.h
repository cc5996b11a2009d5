/* What the CSV imports share (import.c, import_register.c, import_calendar.c): reading a file's header,
 * reporting problems at a line and column with the file's name, and the text checks. Private to those
 * files; not installed. */
#ifndef SSAT_IMPORT_INTERNAL_H
#define SSAT_IMPORT_INTERNAL_H

#include "school_layer.h"

/* Every column name any import knows. A header names each at most once; other names are ignored. */
typedef enum ssat__import_col {
    IC_PUPIL_ID,
    IC_DATE,
    IC_SESSION,
    IC_MARK,
    IC_START_DATE,
    IC_MARKS,
    IC_DATE_OF_BIRTH,
    IC_NAME,
    IC_YEAR_GROUP,
    IC_START,
    IC_END,
    IC_COUNT
} ssat__import_col;

/* Longest source name kept for messages (cut on a UTF-8 boundary). */
#define IMPORT_SOURCE_MAX 256

/* A file being read: its tokenizer, its header and the problems found so far. The first member of
 * every import context, so the tokenizer's callbacks can reach it from their `ctx`. */
typedef struct ssat__import_reader {
    ssat__csv csv;
    const char *source;      /* owned by the import */
    ssat_problems *problems; /* the caller's */
    size_t problems_before;  /* problems in the list before this file */
    size_t listed;           /* problems this file added to the list */
    size_t unlisted;         /* problems found after SSAT_IMPORT_MAX_PROBLEMS were listed */
    size_t errors;           /* errors found, listed or not */
    size_t first_error;      /* list index of the first error; SIZE_MAX when none */
    bool header_done;        /* the first row was read as the header */
    bool header_bad;         /* ... and was wrong: data rows are counted but not checked */
    size_t ncols;            /* fields in the header */
    int32_t col[IC_COUNT];   /* header position of each known column; -1 when absent */
    uint64_t rows;           /* data rows read */
    const ssat_csv_map *map; /* the export's names, dates and codes (csv_map.c); NULL: libssat's own */
} ssat__import_reader;

void ssat__import_reader_init(ssat__import_reader *r, const ssat__alloc *a, const char *source,
                              ssat_problems *problems,
                              ssat_status (*row)(void *ctx, const ssat__csv_field *fields, size_t count));

/* Append a problem (or only count it once SSAT_IMPORT_MAX_PROBLEMS are listed), located in the file. */
ssat_status ssat__import_problem(ssat__import_reader *r, const char *id, ssat_severity severity,
                                 ssat__problem_loc loc, const char *const *args, size_t nargs);
/* An error at a field, named by its header column. */
ssat_status ssat__import_field_error(ssat__import_reader *r, const char *id, ssat__import_col col,
                                     const ssat__csv_field *f, const char *const *args, size_t nargs);
/* The tokenizer's issues as problems ("import.quote", "import.stray_quote", "import.row_too_long"). */
ssat_status ssat__import_csv_issue(void *ctx, ssat__csv_issue issue, uint32_t line, uint32_t column);

/* Read the header row: record each known column's position ("import.header_duplicate" for a column
 * named twice). Then the caller checks what it needs with ssat__import_require(). */
ssat_status ssat__import_header(ssat__import_reader *r, const ssat__csv_field *fields, size_t count);
/* "import.header" for each of the columns in `need` that the header lacks; `expected` lists the
 * layout's columns for the message. Sets header_bad when any is missing. */
ssat_status ssat__import_require(ssat__import_reader *r, const ssat__csv_field *fields,
                                 const ssat__import_col *need, size_t n, const char *expected);
bool ssat__import_has(const ssat__import_reader *r, const ssat__import_col *cols, size_t n);
const char *ssat__import_col_name(ssat__import_col col);
/* The field of a data row in header column `col` (which the header has). */
static inline const ssat__csv_field *ssat__import_field(const ssat__import_reader *r,
                                                        const ssat__csv_field *fields, ssat__import_col col)
{
    return &fields[r->col[col]];
}
/* Check a data row's field count against the header ("import.columns"); false when it differs. */
bool ssat__import_row_shape(ssat__import_reader *r, const ssat__csv_field *fields, size_t count, ssat_status *st);

/* End of the file: the tokenizer's last row, "import.empty" for a file without even a header, and the
 * note of unlisted problems. SSAT_ERR_NOMEM (or a callback's failure) as the tokenizer returns it. */
ssat_status ssat__import_reader_finish(ssat__import_reader *r);
/* After a failed file: SSAT_ERR_INVALID_DATA with "fn: N errors in SOURCE; first: <message>". */
ssat_status ssat__import_reader_failure(const ssat__import_reader *r, const char *fn);
/* Give back the school's import slot if the import still holds it (*open). */
void ssat__import_close(ssat_school *target, bool *open);
/* The end of a whole file read by an import (CSV or CTF): with errors, the import is decided and
 * closed and fails with ssat__import_reader_failure(); else the stage is committed into `target` and
 * the import decided and closed. A failed commit changes nothing, and finishing may be tried again. */
ssat_status ssat__import_commit_close(const ssat__import_reader *r, ssat_school *target, ssat_school *stage,
                                      bool *open, bool *finished, const char *fn);
/* Drop the problems this file appended (after an allocation failure: no half report). */
void ssat__import_reader_unlist(ssat__import_reader *r);
void ssat__import_reader_free(ssat__import_reader *r);
/* ssat__csv_feed() of the import's tokenizer: with im->two_threads (ssat_import_set_threads()), a
 * large chunk is tokenized on a second thread while this one runs the callbacks, in file order
 * (import_pipe.c); the same rows, problems and status as one thread. */
ssat_status ssat__import_csv_feed(ssat_import *im, const char *data, size_t len);

/* A copy of a caller's source name, cut to IMPORT_SOURCE_MAX bytes on a UTF-8 boundary; "<input>"
 * for NULL. NULL when out of memory. Free with ssat__free_str(). */
char *ssat__import_source_copy(const ssat__alloc *a, const char *source);

/* ---- CSV maps (csv_map.c) ------------------------------------------------------------------------- */

#define MAP_NAME_MAX 64
#define MAP_LOCAL_MAX 8

typedef struct map_code {
    char local[MAP_LOCAL_MAX + 1];
    char statutory[SSAT_CODE_MAX_LEN + 1];
    uint32_t line;
} map_code;

struct ssat_csv_map {
    ssat__alloc alloc;
    char *columns[IC_COUNT]; /* NULL: the field's own name */
    bool dmy;                /* dates are dd/mm/yyyy */
    map_code *codes;
    size_t ncodes, cap;
    uint8_t byte_code[256];  /* 1 + index of a one-character local code; 0 when none */
};

/* The header name of a field: the map's, or the field's own (import_reader.c). */
const char *ssat__csv_map_column(const ssat_csv_map *map, ssat__import_col col);
/* A date in the reader's format (YYYY-MM-DD, or DD/MM/YYYY with a map saying so). */
bool ssat__import_date(const ssat__import_reader *r, const char *s, size_t len, ssat_date *out);
/* The problem id of a bad date in the reader's format ("import.date" or "import.date_dmy"). */
const char *ssat__import_date_id(const ssat__import_reader *r);
/* The statutory code a local code stands for (NUL-terminated, the map's); false when it is not one. */
bool ssat__csv_map_code(const ssat_csv_map *map, const char *text, size_t len, const char **statutory);
/* SSAT_ERR_INVALID_ARG, naming `fn`, when a statutory code of the map is not in `codes`. */
ssat_status ssat__csv_map_check_codes(const ssat_csv_map *map, const ssat_codeset *codes, const char *fn);

/* Valid UTF-8 without control characters: what may be stored as a pupil id, a name or a term name. */
bool ssat__import_text_ok(const char *s, size_t len);
/* A short, printable copy of untrusted field text for a message: at most `cap` - 1 bytes, valid UTF-8
 * (anything else becomes "?"), cut with "..." when long. */
void ssat__import_text_for_message(char *out, size_t cap, const char *s, size_t len);
#define IMPORT_TEXT_MAX 40

/* The header row text for a message ("a,b,c"), cut like ssat__import_text_for_message(). */
void ssat__import_header_text(char *out, size_t cap, const ssat__csv_field *fields, size_t count);

/* ---- imports into a school (import.c, import_register.c) ------------------------------------------ */

/* Dates of long rows already parsed, by their 10-byte text: each pupil's rows repeat the school's
 * dates (AM and PM, then the next pupil the same year), so nearly every row is found here. Direct
 * mapped (import_register.c's date_slot()); a slot is valid when its text is non-empty (only
 * well-formed dates are stored). */
#define SSAT__DATE_CACHE_SLOTS 1024
typedef struct ssat__date_cache {
    struct {
        char text[10];
        ssat_date date;
    } slot[SSAT__DATE_CACHE_SLOTS];
} ssat__date_cache;

/* A long row's mark as the tokenizing thread read it (import_pipe.c), so that the calling thread need
 * not: a function of the row's text alone, given the header and the code set, both fixed before the
 * feed began. Only a cache: problems are still decided by ssat__import_long_row(). */
typedef struct ssat__long_hint {
    bool set; /* for the row being replayed; else the row reads its own mark */
    bool mark_ok;
    uint8_t value;
} ssat__long_hint;

/* What the tokenizing thread needs for the hints: ncols is 0 when there are none to give (no header
 * yet, not the long layout, a bad header, or a code map). */
typedef struct ssat__long_hinter {
    size_t ncols;
    int32_t mark;
    const ssat_codeset *codes;
    uint8_t by_byte[256]; /* a one-character mark's register entry, as ssat__import_long_row() has it */
    bool byte_ok[256];    /* ... and whether it is a mark at all (mark_value()'s answer) */
} ssat__long_hinter;

struct ssat_import {
    ssat__import_reader r;   /* first: the tokenizer's ctx points here */
    ssat__alloc alloc;
    ssat_school *target;     /* where a successful import goes */
    ssat_school *stage;      /* what this file adds, until the commit */
    ssat_csv_kind kind;      /* as asked; AUTO is resolved by the header */
    char *source;
    bool csv_done;           /* the tokenizer has seen the end of the file */
    bool finished;           /* ssat_import_finish() has decided */
    bool broken;             /* an allocation failed part-way: only free is left */
    bool open;               /* the import still holds the school's import slot */
    bool fed;                /* data was fed (a map can no longer be set) */
    bool two_threads;        /* ssat_import_set_threads(2): feeds may tokenize on a second thread */
    size_t last_pupil;       /* stage index of the previous row's pupil, SIZE_MAX when none */
    ssat__long_hint hint;    /* the row being replayed (import_pipe.c) */
    ssat__date_cache date_cache;
    /* The skeletons of the ids first seen in this file (ssat__id_skeleton()): an open-addressing set
     * of {hash, stage index + 1}, at most half full, to warn about look-alike ids. */
    struct ssat__skeleton_slot *skeletons;
    size_t skeleton_cap, skeleton_count;
};

/* One slot of ssat_import's look-alike set (import_pupil.c fills it, import.c frees it). */
struct ssat__skeleton_slot {
    uint32_t hash;
    uint32_t index1; /* stage index + 1; 0 = empty */
};

/* The staged pupil a row's pupil_id field names (import_pupil.c), created at first sight (with the "pupil_unknown" /
 * "pupil_no_record" warnings). *index_out is SIZE_MAX when the id was unusable (a problem was listed). */
ssat_status ssat__import_pupil(ssat_import *im, const ssat__csv_field *f, bool register_row, size_t *index_out);
ssat_status ssat__import_long_row(ssat_import *im, const ssat__csv_field *fields);
/* Before a feed, on the calling thread (import_register.c). */
void ssat__import_long_hinter(const ssat_import *im, ssat__long_hinter *out);
/* A row of hinter->ncols fields, on any thread: reads only the row and the hinter. */
ssat__long_hint ssat__import_long_hint(const ssat__long_hinter *hinter, const ssat__csv_field *fields);
ssat_status ssat__import_wide_row(ssat_import *im, const ssat__csv_field *fields);

#endif /* SSAT_IMPORT_INTERNAL_H */
