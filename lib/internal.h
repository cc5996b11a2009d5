/*
 * Internal declarations shared by the files of lib/. Not installed, not API.
 * Cross-file internal functions use the ssat__ prefix (libgit2 convention) and are never exported:
 * the library is built with hidden visibility and a version script that exports ssat_* only, and
 * ssat__* names never carry SSAT_API.
 */
#ifndef SSAT_INTERNAL_H
#define SSAT_INTERNAL_H

#include "ssat.h"

#include <stdbool.h>
#include <string.h>

/* ---- allocation (alloc.c) ------------------------------------------------------------------------ */

/* A resolved allocator: what objects store. Copying the caller's struct means the caller need not keep
 * theirs alive. */
typedef struct ssat__alloc {
    void *(*alloc)(void *ctx, size_t n);
    void *(*realloc)(void *ctx, void *p, size_t old_n, size_t new_n);
    void (*free)(void *ctx, void *p, size_t n);
    void *ctx;
} ssat__alloc;

/* Resolve a caller's allocator (NULL = libc). Fails with SSAT_ERR_INVALID_ARG, naming `fn`, when the
 * struct is too small or lacks alloc/free. */
ssat_status ssat__alloc_resolve(ssat__alloc *out, const ssat_allocator *user, const char *fn);
/* The start of every root object's constructor (an object that holds its own allocator): fails with
 * SSAT_ERR_INVALID_ARG naming `fn` when `out_given` is false (its `out` is NULL) or the allocator is
 * bad, and with SSAT_ERR_NOMEM; else *obj is `size` zeroed bytes holding the resolved allocator at
 * byte `alloc_at` (offsetof the object's ssat__alloc member). *obj is NULL on failure. */
ssat_status ssat__root_new(const ssat_allocator *alloc, size_t size, size_t alloc_at, bool out_given, const char *fn,
                           void **obj);
void *ssat__malloc(const ssat__alloc *a, size_t n);                          /* NULL on failure or n==0 */
void *ssat__calloc(const ssat__alloc *a, size_t count, size_t size);         /* zeroed; overflow-checked */
void *ssat__realloc(const ssat__alloc *a, void *p, size_t old_n, size_t new_n);
void ssat__free(const ssat__alloc *a, void *p, size_t n);                    /* NULL p is a no-op */
char *ssat__strdup(const ssat__alloc *a, const char *s);                     /* free with strlen(s)+1 */
void ssat__free_str(const ssat__alloc *a, char *s);

/* Blocks handed to the caller (freed with ssat_free()): a header in front remembers the allocator, so
 * the block can be freed after the object that made it is gone. Returns NULL on failure. */
void *ssat__owned_alloc(const ssat__alloc *a, size_t n);
/* Copy `len` bytes of `s` into an owned block with a NUL added. */
char *ssat__owned_strndup(const ssat__alloc *a, const char *s, size_t len);

/* Grow an array of `elem` sized items so it holds at least `need` items; doubles capacity.
 * Returns false (nothing changed) on overflow or allocation failure. */
bool ssat__grow(const ssat__alloc *a, void **items, size_t *cap, size_t need, size_t elem);

/* ---- text (text.c) ------------------------------------------------------------------------------ */

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF (what JSON and HTML accept). */
bool ssat__utf8_valid(const char *s, size_t n);
/* Bytes (1..4) of the strict UTF-8 sequence at s[0], n bytes available; 0 when it is not one. */
size_t ssat__utf8_sequence(const unsigned char *s, size_t n);

/* ---- pupil id text (id_text.c) ------------------------------------------------------------------- */

/* Why an id's text is refused. */
typedef enum ssat__id_reason {
    SSAT__ID_OK = 0,
    SSAT__ID_CONTROL,  /* a control character (C0, DEL, C1) */
    SSAT__ID_FORMAT,   /* an invisible format character: zero-width, byte-order mark, bidi override... */
    SSAT__ID_SPACE,    /* a space other than U+0020, or a line or paragraph separator */
    SSAT__ID_NOT_NFC,  /* a combining mark or a character NFC changes: the id may not be NFC */
    SSAT__ID_UNUSABLE, /* private use, surrogate or noncharacter */
    SSAT__ID_UTF8      /* not UTF-8 */
} ssat__id_reason;

/* Check an id's characters; on refusal, the offending code point (the byte, for bad UTF-8) and its
 * 0-based character index. */
ssat__id_reason ssat__id_check(const char *s, size_t len, uint32_t *cp_out, size_t *char_out);
/* Drop ASCII spaces and tabs and Unicode space separators from both ends of s[0..len). */
void ssat__id_trim(const char **s, size_t *len);
/* The id's skeleton (ASCII letters lower case, full-width ASCII forms as ASCII) into out (room for len
 * bytes); its length. Two ids with one skeleton look alike. */
size_t ssat__id_skeleton(const char *s, size_t len, char *out);
/* True when `s` holds a C0 control character or DEL; tab, CR and LF are allowed if `allow_line_breaks`. */
bool ssat__text_has_controls(const char *s, bool allow_line_breaks);
/* The one copy of untrusted text for a message (the helpers below and the imports' are its styles):
 * `len` bytes of `s` into `out`, always NUL-terminated within `cap` bytes, cut between characters
 * with "..." when it does not fit or after `max_chars` characters. Controls and bytes that are not
 * UTF-8 are escaped: as \xNN in double quotes with SSAT__QUOTE_MARKS (which also escapes quotes and
 * backslashes), else as "?". SSAT__QUOTE_ASCII escapes every non-ASCII byte too. Returns the length. */
#define SSAT__QUOTE_MARKS 1u
#define SSAT__QUOTE_ASCII 2u
size_t ssat__text_quote(char *out, size_t cap, const char *s, size_t len, unsigned style, size_t max_chars);
/* Quote caller-supplied text for a message without trusting it to be short or printable: in double
 * quotes, controls, quotes, backslashes and bytes that are not UTF-8 as \xNN, cut (on a character
 * boundary) with "..." to fit `cap` bytes. Returns buf. */
const char *ssat__text_repr(char *buf, size_t cap, const char *s);

/* A growable text buffer for writing documents. Appending never fails visibly: a failure sets
 * `failed`, later appends do nothing, and ssat__buf_take_owned() then returns NULL. */
typedef struct ssat__buf {
    const ssat__alloc *alloc;
    char *data; /* NUL-terminated once anything was added */
    size_t len, cap;
    bool failed;
} ssat__buf;
void ssat__buf_init(ssat__buf *b, const ssat__alloc *a);
void ssat__buf_add(ssat__buf *b, const char *s, size_t n);
void ssat__buf_puts(ssat__buf *b, const char *s);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void ssat__buf_printf(ssat__buf *b, const char *fmt, ...);
/* Append `s` with &, <, >, " and ' escaped for HTML text and attribute values; bytes that are not
 * UTF-8 and control characters but tab and line feed become U+FFFD. */
void ssat__buf_html(ssat__buf *b, const char *s);
/* The text as a block the caller frees with ssat_free() (NULL on failure); the buffer is emptied. */
char *ssat__buf_take_owned(ssat__buf *b);
void ssat__buf_free(ssat__buf *b);

/* ---- errors (error.c) ---------------------------------------------------------------------------- */

/* Record a failure for ssat_error_message() on this thread (printf-style). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void ssat__error_record(ssat_status status, const char *fmt, ...);

/* Record a failure and yield `status`, so call sites read
 * `return ssat__error(SSAT_ERR_INVALID_ARG, "ssat_x_new: argument 'out' is NULL");`.
 * A macro, so that static analysers see the status returned is the one passed (never SSAT_OK) without
 * looking into error.c; `status` must have no side effects (it is evaluated twice). */
#define ssat__error(status, ...) (ssat__error_record((status), __VA_ARGS__), (status))

/* The thread's error state, saved around an internal call whose failure the library handles itself
 * (a "not found" that is an answer, not an error), so that a successful public call never changes the
 * message of the caller's last failure. */
#define SSAT__ERROR_BUFSIZE 512
typedef struct ssat__error_state {
    ssat_status status;
    char message[SSAT__ERROR_BUFSIZE];
} ssat__error_state;
void ssat__error_save(ssat__error_state *saved);
void ssat__error_restore(const ssat__error_state *saved);

/* Body of a public function whose implementation calls other functions and handles their failures
 * itself (an unknown date of birth is an answer, not an error): on success the caller's last error
 * message is restored, as errors.h promises. */
#define SSAT__KEEP_ERROR_ON_SUCCESS(call)                                                                \
    do {                                                                                                 \
        ssat__error_state saved_;                                                                        \
        ssat__error_save(&saved_);                                                                       \
        ssat_status st_ = (call);                                                                        \
        if (st_ == SSAT_OK)                                                                              \
            ssat__error_restore(&saved_);                                                                \
        return st_;                                                                                      \
    } while (0)

/* Shorthand for the most common failure: a NULL pointer argument. */
#define ssat__null_arg(fn, arg) ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s' is NULL", (fn), (arg))
/* Shorthand for allocation failure inside `fn`. */
#define ssat__nomem(fn) ssat__error(SSAT_ERR_NOMEM, "%s: out of memory", (fn))

/* ---- bilingual messages (messages.c; tables generated from po/libssat.pot and po/cy.po) ---------- */

/* One user-facing message: a stable id and its template. Templates use {1}..{9} for arguments so a
 * translation may reorder them. */
typedef struct ssat__message {
    const char *id;
    const char *text;
} ssat__message;

/* The per-language tables: every id appears in both, in the same order (a test checks it). */
extern const ssat__message ssat__messages_en[];
extern const ssat__message ssat__messages_cy[];
extern const ssat__message ssat__messages_cy_en[]; /* "Cymraeg / English": labels of bilingual documents */
extern const size_t ssat__messages_en_count;
extern const size_t ssat__messages_cy_count;

/* Number of entries the generated sorted index covers (must equal the tables' count; a test checks). */
size_t ssat__messages_indexed(void);

/* The template of `id` in `lang`, or NULL when the id is unknown. Binary search: O(log n). */
const char *ssat__message_template(const char *id, ssat_lang lang);

/* Render a template, substituting {k} by args[k-1]; always NUL-terminates (truncating on a UTF-8
 * boundary). Returns the length the full text needs, excluding the NUL. */
size_t ssat__message_render(char *buf, size_t cap, const char *tmpl, const char *const *args, size_t nargs);

/* ---- problem lists (problems.c) ------------------------------------------------------------------ */

typedef struct ssat__problem_loc {
    const char *field;  /* NULL = "" */
    uint32_t line, column;
    int32_t has_session;
    ssat_date date;
    ssat_half half;
    /* The input's name (a file): when not NULL, both messages start with "source:line:column: "
     * ("source:line: " without a column, "source: " without a line). The location is the same in every
     * language, so it is prefixed rather than written into each template. */
    const char *source;
} ssat__problem_loc;

/* Append a problem whose messages are rendered from the message tables for `id`.
 * Returns SSAT_ERR_NOMEM (with the list unchanged) on allocation failure. */
ssat_status ssat__problems_add(ssat_problems *list, const char *id, ssat_severity severity,
                               const ssat__problem_loc *loc, const char *const *args, size_t nargs);

/* The same with arguments that differ by language (labels of things named in the message):
 * args_en[i] and args_cy[i] fill {i+1} in the English and the Welsh text. */
ssat_status ssat__problems_add_lang(ssat_problems *list, const char *id, ssat_severity severity,
                                    const ssat__problem_loc *loc, const char *const *args_en,
                                    const char *const *args_cy, size_t nargs);

/* Drop the problems after the first `count` (undoing what a failed call appended). */
void ssat__problems_truncate(ssat_problems *list, size_t count);

/* ---- dates (date.c) ------------------------------------------------------------------------------ */

/* Date arithmetic without validation, for dates already known to be in range. */
ssat_date ssat__days_from_civil(int32_t y, int32_t m, int32_t d);
void ssat__civil_from_days(ssat_date z, int32_t *y, int32_t *m, int32_t *d);
bool ssat__date_in_range(ssat_date d);
/* Parse exactly `len` bytes as "YYYY-MM-DD" (no NUL needed): the fixed-width fast path of CSV imports.
 * False, with no message, when the text is not a real date in years SSAT_YEAR_MIN..SSAT_YEAR_MAX. */
bool ssat__date_parse_fixed(const char *s, size_t len, ssat_date *out);
/* First and last supported dates (SSAT_YEAR_MIN-01-01 and SSAT_YEAR_MAX-12-31). */
ssat_date ssat__date_min(void);
ssat_date ssat__date_max(void);

/* A session as one integer: date*2 + half. Ordering of sessions is ordering of these numbers. */
static inline int64_t ssat__session(ssat_date d, ssat_half h) { return (int64_t)d * 2 + (int64_t)h; }
/* Validate a window's fields; names `fn` in the error. */
ssat_status ssat__window_check(const ssat_window *w, const char *fn);

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

/* ---- CSV tokenizer (csv.c) ---------------------------------------------------------------------- */

/* A streaming RFC 4180 tokenizer. Bytes are fed in chunks of any size (a chunk may end inside a field,
 * a quote or a CRLF); each complete row is handed to a callback with its fields, so memory holds only
 * the current row. Accepted: LF, CRLF and lone CR line ends; quoted fields with "" escapes and
 * embedded line ends; a UTF-8 byte order mark at the very start (skipped). Blank lines are skipped.
 * Line numbers count physical lines; columns count characters (UTF-8 code points), both 1-based. */

/* Longest row kept, in bytes; a longer row is reported and skipped (a file with a runaway quote must
 * not be read into memory whole). */
#define SSAT__CSV_ROW_MAX ((size_t)1 << 20)

typedef struct ssat__csv_field {
    const char *data;      /* the text, quotes removed and "" unescaped; NUL-terminated */
    size_t len;            /* bytes of data, without the NUL */
    uint32_t line, column; /* where the field starts (its opening quote when quoted) */
    bool quoted;
} ssat__csv_field;

typedef enum ssat__csv_issue {
    SSAT__CSV_UNTERMINATED_QUOTE = 0, /* at the end: the quoted field at line:column never closed */
    SSAT__CSV_STRAY_QUOTE = 1,        /* a quote inside an unquoted field, or text after a closing quote
                                       * (kept as text, so the rest of the row is still read) */
    SSAT__CSV_ROW_TOO_LONG = 2        /* the row starting at line:1 is over SSAT__CSV_ROW_MAX; skipped */
} ssat__csv_issue;

typedef struct ssat__csv_handler {
    /* A complete row (never empty: blank lines are skipped). Fields are valid during the call only. */
    ssat_status (*row)(void *ctx, const ssat__csv_field *fields, size_t count);
    /* A malformed spot; the tokenizer carries on. */
    ssat_status (*issue)(void *ctx, ssat__csv_issue issue, uint32_t line, uint32_t column);
    void *ctx;
} ssat__csv_handler;

/* Per-field bookkeeping while a row is built (offsets, since the row buffer may move). */
typedef struct ssat__csv_span {
    size_t off, len;
    uint32_t line, column;
    bool quoted;
} ssat__csv_span;

typedef struct ssat__csv {
    ssat__alloc alloc;
    ssat__csv_handler h;
    char *buf;                /* the current row's field texts, each NUL-terminated */
    size_t len, cap;
    ssat__csv_span *spans;    /* the current row's fields */
    ssat__csv_field *fields;  /* what the row callback sees; same capacity as spans */
    size_t nspans, span_cap;
    int state;                /* csv.c's enum */
    uint32_t line, col;       /* the line being read; characters read on it so far */
    uint32_t row_line;        /* where the current row started */
    uint32_t quote_line, quote_col; /* where the last quoted field started (for an unterminated one) */
    uint8_t bom;              /* bytes of a leading byte order mark matched so far; 4 once decided */
    bool after_cr;            /* the last byte was a CR that ended a line (a following LF is its pair) */
    bool row_blank;           /* nothing but the line end read on the current row yet */
    bool skipping;            /* the current row is too long: read on to its end, keep nothing */
    bool stray_reported;      /* a stray quote was already reported in the current field */
    ssat_status status;       /* the first failure (allocation, or a callback's); sticky */
} ssat__csv;

void ssat__csv_init(ssat__csv *csv, const ssat__alloc *a, const ssat__csv_handler *handler);
/* SSAT_ERR_NOMEM when the row buffer cannot grow, or whatever a callback returned; sticky. */
ssat_status ssat__csv_feed(ssat__csv *csv, const char *data, size_t len);
/* End of input: the last row (a missing final line end is fine), or an unterminated quote. */
ssat_status ssat__csv_finish(ssat__csv *csv);
void ssat__csv_free(ssat__csv *csv);

/* ---- schools (school.c; filled by import.c) ------------------------------------------------------ */

/* Longest pupil id, in bytes (as ssat_pupil_new() accepts). */
#define SSAT__PUPIL_ID_MAX 64

/* How ssat_school_locate() finds a session's mark in the register file it came from. */
typedef enum ssat__loc_kind {
    SSAT__LOC_NONE = 0, /* no register row read for the pupil */
    SSAT__LOC_WIDE = 1, /* one wide row: line, and column + position of the session in the marks */
    SSAT__LOC_LONG = 2, /* long rows on consecutive lines in session order: line + rank of the session */
    SSAT__LOC_ROWS = 3  /* anything else: only the line of the pupil's first row is known */
} ssat__loc_kind;

/* One pupil of a school. */
typedef struct ssat__spupil {
    const char *id;          /* NUL-terminated, in the school's string arena */
    uint32_t id_len, hash;
    ssat_register *reg;      /* never NULL (empty for a pupil known only from a pupils file) */
    ssat_pupil *record;      /* never NULL */
    const char *name, *year_group; /* from a pupils file, in the arena; "" when not known */
    bool has_dob;            /* a date of birth was read (the record holds it) */
    bool has_rows;           /* register rows were read for the pupil */
    bool has_record;         /* a pupils-file row was read for the pupil */
    uint8_t loc;             /* ssat__loc_kind */
    uint32_t source;         /* index of the file name in the school's sources */
    uint32_t line, column;   /* first register row; WIDE: column of the first mark; LONG: of the mark */
    uint32_t marks;          /* WIDE: number of marks in the row */
    ssat_date start;         /* WIDE: the row's start date */
    /* import bookkeeping, used while the pupil is staged */
    uint32_t last_line, record_line;
    int64_t last_session;
    size_t target;           /* the same pupil's index in the school imported into; SIZE_MAX if new */
} ssat__spupil;

uint32_t ssat__school_hash(const char *id, size_t len);
/* Index of the pupil with this id, or SIZE_MAX. */
size_t ssat__school_lookup(const ssat_school *school, const char *id, size_t len, uint32_t hash);
/* Add a pupil (an empty register and a record with every fact unknown); the id is 1..64 bytes and not
 * in the school yet. The index is the pupil's until the next commit. SSAT_ERR_NOMEM names `fn`. */
ssat_status ssat__school_add(ssat_school *school, const char *id, size_t len, uint32_t hash, size_t *index_out,
                             const char *fn);
ssat__spupil *ssat__school_at(ssat_school *school, size_t index);
const ssat__spupil *ssat__school_get(const ssat_school *school, size_t index);
const ssat_codeset *ssat__school_codes(const ssat_school *school);
/* A copy of len bytes of text in the school's string arena (lives as long as the school), or NULL. */
const char *ssat__school_strdup(ssat_school *school, const char *text, size_t len);
/* Record a source file name; its index goes in ssat__spupil.source. SSAT_ERR_NOMEM names `fn`. */
ssat_status ssat__school_add_source(ssat_school *school, const char *name, uint32_t *index_out, const char *fn);
/* A run of marks read far from the pupil's other marks (a long row, or a wide row). */
typedef struct ssat__far_mark {
    const char *id;         /* the pupil's id, in an arena of the school */
    int64_t lo, hi;         /* its first and last sessions with an entry */
    uint32_t source;        /* set by the commit */
    uint32_t line, column;  /* long: the mark's; wide: the row's first mark's */
    ssat_date start;        /* wide: the row's start date */
    uint32_t marks;         /* wide: the row's characters; 0 for a long row */
} ssat__far_mark;
/* Note where a far run was read, so that ssat_school_locate() finds its marks exactly. Silently not
 * noted once the school holds its maximum; SSAT_ERR_NOMEM names `fn`. */
ssat_status ssat__school_add_far(ssat_school *school, const ssat__far_mark *mark, const char *fn);
/* Pupils with register rows, and with pupils-file rows. */
size_t ssat__school_with_rows(const ssat_school *school);
size_t ssat__school_with_records(const ssat_school *school);
/* One import at a time: false if one is already open. */
bool ssat__school_begin_import(ssat_school *school);
void ssat__school_end_import(ssat_school *school);
/* Move everything staged into `target` (whose pupils' .target fields the stage holds), all or nothing:
 * every allocation is made before anything changes, so SSAT_ERR_NOMEM leaves `target` as it was.
 * `stage` is left to be freed. */
ssat_status ssat__school_commit(ssat_school *target, ssat_school *stage, const char *fn);

/* ---- JSON documents (json.c) ------------------------------------------------------------------- */

/* Parse a JSON document with jansson (duplicate keys rejected). Returns the json_t * root, or NULL with
 * *st set to SSAT_ERR_PARSE (line, column and reason, naming `fn`) or SSAT_ERR_NOMEM. Declared void *
 * so this header needs no jansson include. */
void *ssat__json_load(const char *json, size_t len, const char *fn, ssat_status *st);

/* ---- policies (policy.c) ------------------------------------------------------------------------ */

/* Index of every policy key, in the order of the key table (and of JSON output). */
typedef enum ssat__pkey {
    SSAT__P_CODE_SET,
    SSAT__P_REFERRAL_WINDOW,
    SSAT__P_REFERRAL_ATTENDANCE_THRESHOLD,
    SSAT__P_REFERRAL_ATTENDANCE_COMPARATOR,
    SSAT__P_REFERRAL_UNAUTHORISED_MIN_SESSIONS,
    SSAT__P_REFERRAL_UNAUTHORISED_MIN_SHARE,
    SSAT__P_REFERRAL_PROVISIONAL_MAX_AGE,
    SSAT__P_REFERRAL_REQUIRE_COMPULSORY_AGE,
    SSAT__P_ABSENCE_WINDOW,
    SSAT__P_ABSENCE_PERSISTENT_THRESHOLD,
    SSAT__P_ABSENCE_PERSISTENT_COMPARATOR,
    SSAT__P_ABSENCE_SEVERE_ENABLED,
    SSAT__P_ABSENCE_SEVERE_THRESHOLD,
    SSAT__P_ABSENCE_SEVERE_COMPARATOR,
    SSAT__P_PENALTY_LIMB_WINDOW,
    SSAT__P_PENALTY_LIMB_UNAUTHORISED,
    SSAT__P_PENALTY_LIMB_HOLIDAY,
    SSAT__P_PENALTY_LIMB_LATE,
    SSAT__P_PENALTY_LIMB_COMBINATION,
    SSAT__P_PENALTY_LIMB_UNAUTHORISED_ALL_CODES,
    SSAT__P_PENALTY_LIMB_PROVISIONAL_UNKNOWN,
    SSAT__P_PENALTY_YTD_REQUIRED,
    SSAT__P_PENALTY_YTD_THRESHOLD,
    SSAT__P_PENALTY_YTD_COMPARATOR,
    SSAT__P_PENALTY_WARNING_REQUIRED,
    SSAT__P_PENALTY_WARNING_IMPROVEMENT_DAYS,
    SSAT__P_PENALTY_WARNING_IMPROVEMENT_MIN_UNAUTHORISED,
    SSAT__P_PENALTY_LIMIT_MAX_NOTICES,
    SSAT__P_PENALTY_LIMIT_PERIOD_MONTHS,
    SSAT__P_PENALTY_LIMIT_PER_CHILD,
    SSAT__P_PENALTY_AMOUNT_EARLY_PENCE,
    SSAT__P_PENALTY_AMOUNT_EARLY_DAYS,
    SSAT__P_PENALTY_AMOUNT_LATE_PENCE,
    SSAT__P_PENALTY_AMOUNT_LATE_DAYS,
    SSAT__P_PENALTY_AMOUNT_RECEIPT_IS_DAY_ONE,
    SSAT__P_PENALTY_AMOUNT_REPEAT_MONTHS,
    SSAT__P_PENALTY_SERVICE_POSTED_WORKING_DAYS,
    SSAT__P_PENALTY_REQUIRE_COMPULSORY_AGE,
    SSAT__P_EVIDENCE_MIN_LETTERS,
    SSAT__P_EVIDENCE_MIN_INVITATIONS,
    SSAT__P_EVIDENCE_MIN_SUPPORT_OFFERS,
    SSAT__P_EVIDENCE_REQUIRE_CONCERN,
    SSAT__P_EVIDENCE_REQUIRE_PUPIL_VOICE,
    SSAT__P_EVIDENCE_CERTIFICATE_MAX_AGE,
    SSAT__P_EVIDENCE_REQUIRE_HEAD_SIGNATURE,
    SSAT__P_EVIDENCE_MIN_MEETINGS,
    SSAT__P_EVIDENCE_REQUIRE_ORDER,
    SSAT__P_CASE_PSP_REVIEW_DAYS,
    SSAT__P_CASE_IDP_REVIEW_MONTHS,
    SSAT__P_CASE_REFERRAL_DECISION_DAYS,
    SSAT__P_CASE_DUE_SOON_DAYS,
    SSAT__P_CASE_MAX_GAP_DAYS,
    SSAT__P_CASE_CONTRACT_OFFERED_BLOCKS,
    SSAT__P_CASE_PROSECUTION_BLOCKS_EVERY_NOTICE,
    SSAT__P_CASE_NOTICE_WITHOUT_REFERRAL,
    SSAT__P_COUNT
} ssat__pkey;

#define SSAT__TEXT_VALUE_MAX 32

/* One stored value; which members are meaningful depends on the key's type. */
typedef struct ssat__pvalue {
    int64_t i;                 /* INT, BOOL (0/1), COMPARATOR, WINDOW kind */
    uint32_t num, den;         /* PERCENT: num/den percent, den a power of 10, reduced */
    int32_t n;                 /* WINDOW: N of the LAST_* kinds, else 0 */
    char text[SSAT__TEXT_VALUE_MAX + 1]; /* TEXT */
} ssat__pvalue;

const ssat__pvalue *ssat__policy_value(const ssat_policy *policy, ssat__pkey key);
const ssat__alloc *ssat__policy_alloc(const ssat_policy *policy);

/* ---- decisions (decision.c; used by referral.c, absence.c, penalty.c) ---------------------------- */

#include "ssat/rules.h"

/* One argument of a criterion's message: either language-neutral text (a number, a date), or a short
 * message of the tables rendered in the decision's language with up to four arguments of its own
 * (a comparator phrase such as "at or below the threshold of 85 %", a yes/no/not known word). */
typedef struct ssat__marg {
    const char *text; /* used when tmpl is NULL and is_date false; NULL means "" */
    const char *text_cy; /* when tmpl is NULL and this is not NULL: the Welsh text (text is then English) */
    const char *tmpl; /* message id, rendered per language with sub[] */
    const char *sub[4];
    bool is_date;   /* then `date` is written in words in the message's language (ssat__marg_date) */
    ssat_date date;
} ssat__marg;

#define SSAT__MARGS_MAX 9

/* Everything one criterion reports. The message template is "<id>.<variant>", where a NULL variant
 * means the outcome's ("met", "not_met", "unknown"); other variants ("not_evaluable", "off",
 * "not_required", ...) exist in both tables for the criteria that use them. */
typedef struct ssat__crit {
    const char *id;      /* one of the static ids of ssat_criterion_id_at() */
    const char *variant; /* NULL or a static template suffix */
    ssat_outcome outcome;
    ssat_measure measure;
    int64_t value, whole, threshold, threshold_den; /* threshold_den 0 is stored as 1 */
    ssat_comparator cmp;
    const char *missing; /* English, copied; NULL means "" */
    int64_t provisional, missing_marks; /* of the criterion's window (ssat_criterion) */
    ssat__marg args[SSAT__MARGS_MAX];
    size_t nargs;
} ssat__crit;

/* A new, empty decision of `kind` ("referral", "absence", "penalty": static) whose memory comes from
 * `a` (copied). SSAT_ERR_NOMEM names `fn`. */
ssat_status ssat__decision_new(const char *kind, const ssat__alloc *a, ssat_decision **out, const char *fn);
/* Append a criterion, rendering its English and Welsh messages. SSAT_ERR_NOMEM (decision unchanged). */
ssat_status ssat__decision_add(ssat_decision *d, const ssat__crit *c, const char *fn);
void ssat__decision_set_outcome(ssat_decision *d, ssat_outcome outcome);
/* Render the criteria added from now on in these languages only (the other messages are ""). */
void ssat__decision_set_languages(ssat_decision *d, bool en, bool cy);
void ssat__decision_set_earliest(ssat_decision *d, ssat_date date);
/* The outcome of a criterion already added (UNKNOWN when absent). */
ssat_outcome ssat__decision_outcome_of(const ssat_decision *d, const char *id);

/* Three-valued logic: and is NOT_MET if either is, else UNKNOWN if either is, else MET; or is MET if
 * either is, else UNKNOWN if either is, else NOT_MET. */
ssat_outcome ssat__outcome_and(ssat_outcome a, ssat_outcome b);
ssat_outcome ssat__outcome_or(ssat_outcome a, ssat_outcome b);

/* Text of a value for a message argument; the struct keeps the text alive on the caller's stack. */
typedef struct ssat__text {
    char s[48]; /* an integer, a percentage, a date in ISO form or in words (SSAT_DATE_LONG_BUFSIZE) */
} ssat__text;
ssat__text ssat__text_int(int64_t v);
ssat__text ssat__text_date(ssat_date d);           /* "YYYY-MM-DD" */
/* "18 July 2025" / "18 Gorffennaf 2025" (ssat_date_format_long); the ISO form when out of range. The
 * text of SSAT_LANG_CY_EN (38 bytes at most) fits too. */
ssat__text ssat__text_date_long(ssat_date d, ssat_lang lang);
ssat__text ssat__text_tenths(uint64_t part, uint64_t whole); /* "84.7" (exact tenths, half up); "-" for 0 */
ssat__text ssat__text_percent(uint32_t num, uint32_t den);   /* a policy percentage: "85", "87.5" */
/* part of whole as a percentage with as many decimals as it takes not to contradict the comparison with
 * num/den percent (ssat_percent_decimals); "-" for whole 0. */
ssat__text ssat__text_percent_vs(uint64_t part, uint64_t whole, uint32_t num, uint32_t den);

ssat__marg ssat__marg_text(const char *text);
/* A date, written in words in each language ("18 July 2025", "18 Gorffennaf 2025"). */
ssat__marg ssat__marg_date(ssat_date date);
/* "at or below the threshold of {pct} %" in the decision's language, for comparator `cmp`. */
ssat__marg ssat__marg_cmp(ssat_comparator cmp, const char *pct);
/* "yes" / "no" / "not known" in the decision's language. */
ssat__marg ssat__marg_fact(ssat_fact fact);
/* YES is met, NO not met, UNKNOWN unknown. */
ssat_outcome ssat__fact_outcome(ssat_fact fact);

/* The checks every rule makes first: NULL arguments, `reg`'s code set is the policy's "code_set"
 * (SSAT_ERR_STATE naming both), and `as_of` lies in the calendar's school year (SSAT_ERR_RANGE). */
ssat_status ssat__rules_check(const char *fn, const ssat_policy *policy, const ssat_register *reg,
                              const ssat_calendar *calendar, ssat_date as_of, const void *out);
/* Resolve the window the policy names under `key` for as_of. A last-sessions window over a register
 * with no entry up to as_of is the single day as_of (nothing in it is possible). Errors name the key. */
ssat_status ssat__rules_window(const char *fn, const ssat_policy *policy, ssat__pkey key,
                               const ssat_calendar *calendar, const ssat_register *reg, ssat_date as_of,
                               ssat_window *out);
/* First and last day of the calendar's school year (1 August, 31 July). */
void ssat__calendar_bounds(const ssat_calendar *calendar, ssat_date *first, ssat_date *last);
/* SSAT_ERR_RANGE, naming `fn` and the school year, when `as_of` is outside the calendar's school year:
 * every rule and evaluation starts with this check. */
ssat_status ssat__calendar_check_as_of(const ssat_calendar *calendar, ssat_date as_of, const char *fn);
/* School days after `from` up to and including `as_of` (0 when from >= as_of). Days before the
 * calendar's 1 August count as elapsed school days: the calendar does not know the previous year's
 * terms, and a date that far back is old for every rule that asks. */
int64_t ssat__school_days_since(const ssat_calendar *calendar, ssat_date from, ssat_date as_of);
/* Add a percentage criterion: part of whole against num/den percent with cmp; when whole is 0 the
 * criterion is not met with the "not_evaluable" variant. Arguments {1} part, {2} whole, {3} percent,
 * {4} comparator phrase, {5} and {6} the window's dates. */
ssat_status ssat__rules_percent(ssat_decision *d, const char *fn, const char *id, uint64_t part, uint64_t whole,
                                const ssat__pvalue *threshold, const ssat__pvalue *comparator,
                                const ssat_window *w, const ssat_totals *t);
/* Add a criterion read from one pupil fact (R4, R5 procedures, R6 on roll); NULL pupil = unknown. */
ssat_status ssat__rules_fact(ssat_decision *d, const char *fn, const char *id, const ssat_pupil *pupil,
                             ssat_pupil_fact fact, const char *missing);
/* Add a compulsory school age criterion for as_of: "not_required" (met) when !required, unknown
 * without a pupil or date of birth. Arguments {1} as_of, {2} birth, {3} first and {4} last day. */
ssat_status ssat__rules_age(ssat_decision *d, const char *fn, const char *id, bool required,
                            const ssat_pupil *pupil, ssat_date as_of);

/* ---- the register criteria, shared by the per-pupil rules and the prepared evaluation ----------- */

/* The penalty limbs, in the order decisions list them. */
enum { SSAT__LIMB_UNAUTHORISED, SSAT__LIMB_HOLIDAY, SSAT__LIMB_LATE, SSAT__LIMB_COMBINATION, SSAT__LIMB_COUNT };
/* The limb a code's sessions count towards besides the combination (-1: not unauthorised). The one
 * place that maps codes to limbs (penalty.c). */
int ssat__limb_of(const ssat_code_info *info);
/* Limb counts from per-code counts (counts[i] for code index i of `set`), and of them the provisional
 * sessions (NULL: not wanted). */
void ssat__limb_counts(const ssat_codeset *set, const uint32_t *counts, int64_t out[SSAT__LIMB_COUNT],
                       int64_t provisional[SSAT__LIMB_COUNT], bool unauthorised_all_codes);
/* R1 and R2 over window w (referral.c). */
ssat_status ssat__rules_r1(ssat_decision *d, const char *fn, const ssat_policy *policy, const ssat_totals *t,
                           const ssat_window *w);
ssat_status ssat__rules_r2(ssat_decision *d, const char *fn, const ssat_policy *policy, const ssat_totals *t,
                           const ssat_window *w);
/* Persistent and (when enabled) severe absence (absence.c). */
ssat_status ssat__rules_absence(ssat_decision *d, const char *fn, const ssat_policy *policy,
                                const ssat_totals *t, const ssat_window *w);
/* The four limbs and the year-to-date condition of a notice (penalty.c). */
ssat_status ssat__rules_limbs(ssat_decision *d, const char *fn, const ssat_policy *policy,
                              const int64_t counts[SSAT__LIMB_COUNT], const int64_t provisional[SSAT__LIMB_COUNT],
                              const ssat_totals *t, const ssat_window *w, bool short_window);
/* Whether the policy's limb window is a last_weeks:N window that reaches back before the calendar's
 * 1 August as of as_of (fewer than N school weeks in the year so far): the previous school year's
 * register would be needed, so a limb not met is unknown (penalty.c). */
bool ssat__limb_window_short(const ssat_policy *policy, const ssat_calendar *calendar, ssat_date as_of);
ssat_status ssat__rules_penalty_ytd(ssat_decision *d, const char *fn, const ssat_policy *policy,
                                    const ssat_totals *t, const ssat_window *w);
/* The day number of `on` in the payment periods of a notice received on `received` (penalty.c), the one
 * count ssat_penalty_amount_due_received() and the case's payment guards and due work use: day 1 is the
 * day of receipt under "penalty.amount.receipt_is_day_one", else the day after. `from_receipt` false
 * counts as ssat_penalty_amount_due() does (day 1 the day after, whatever the policy): a case's notice
 * recorded without its service keeps that count. Before receipt the number is 0 or below. */
int64_t ssat__penalty_payment_day(const ssat_policy *policy, ssat_date received, ssat_date on, bool from_receipt);
/* The last day of a payment period of `days` days counted as ssat__penalty_payment_day() counts. */
ssat_date ssat__penalty_period_end(const ssat_policy *policy, ssat_date received, int64_t days, bool from_receipt);
/* Totals of a window without allocating (attendance.c); counts, when not NULL, receives the count of
 * each code index (256 entries). */
void ssat__attendance_totals(const ssat_register *reg, const ssat_window *w, ssat_totals *t, uint32_t *counts);

/* ---- batch evaluation (batch.c) ------------------------------------------------------------------ */

/* The counting kernels of ssat_batch_evaluate; they give identical results. ssat_batch_new picks the
 * fastest the CPU runs (ssat_batch_kernel() names it). */
typedef enum ssat__batch_kernel {
    SSAT__BATCH_SCALAR = 0, /* portable C */
    SSAT__BATCH_AVX2 = 1,   /* x86-64 with AVX2 */
    SSAT__BATCH_AVX512 = 2  /* x86-64 with AVX-512 BW, VBMI and VNNI */
} ssat__batch_kernel;

/* Make `batch` use `kernel` (the tests compare every kernel the CPU runs). Returns false, changing
 * nothing, when this CPU or build cannot run it. */
bool ssat__batch_set_kernel(ssat_batch *batch, ssat__batch_kernel kernel);
/* The attendance tenths the batch gives for part of whole sessions, whole at most the batch's session
 * count; -1 when whole is 0 (the test compares every value with ssat_percent_tenths). */
int32_t ssat__batch_tenths(const ssat_batch *batch, uint32_t part, uint32_t whole);

#endif /* SSAT_INTERNAL_H */
