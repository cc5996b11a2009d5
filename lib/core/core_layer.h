/*
 * The core layer's private declarations: allocation, errors, text, bilingual messages, problem
 * lists, dates, the CSV tokenizer and JSON loading. It depends on nothing but the public headers;
 * every other layer builds on it.
 * Not installed, not API. Cross-file internal functions use the ssat__ prefix (libgit2 convention)
 * and are never exported: the library is built with hidden visibility and a version script that
 * exports ssat_* only, and ssat__* names never carry SSAT_API. docs/architecture.md has the layers.
 */
#ifndef SSAT_CORE_LAYER_H
#define SSAT_CORE_LAYER_H

#include "ssat.h"

#include "sha256.h" /* SHA-256 and HMAC: the layers above reach them through this header */

#include <stdbool.h>
#include <string.h>

/* A function kept out of its caller: a hot caller's usual case then keeps no local in memory and so
 * runs without the stack guard (-fstack-protector-strong) that the rarer case needs. */
#if defined(__GNUC__)
#define SSAT__NOINLINE __attribute__((noinline))
#else
#define SSAT__NOINLINE
#endif

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
/* The C library's allocator (not a caller's): safe to call from two threads at once. */
bool ssat__alloc_is_libc(const ssat__alloc *a);
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

/* A plain row handed over whole (ssat__csv.plain): its bytes [row, row + len), not NUL-terminated, with
 * a comma (its field's end) at each of the `ncommas` offsets; unquoted, ASCII, on the one line `line`,
 * each field's column its offset + 1. Valid during the call only. */
typedef ssat_status (*ssat__csv_plain_fn)(void *ctx, const char *row, size_t len, const uint32_t *commas,
                                          size_t ncommas, uint32_t line);

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
    uint32_t *commas;         /* a plain row's comma offsets (csv_scan.c) */
    size_t comma_cap;
    ssat__csv_plain_fn plain; /* NULL after init: plain rows go to h.row like the others; else here,
                               * with h.ctx (set by a caller that records rows whole) */
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
/* A plain row's commas (csv_scan.c): bytes [p, p + n) of a row whose line end is p[n], `avail` (> n)
 * bytes readable at p. Writes each comma's offset to commas (room for n) and returns their count, or
 * SIZE_MAX when a byte is not plain (a quote, a control but tab, DEL, a non-ASCII byte). `vector`: with
 * SSE2 where the build has it (the tokenizer's choice); false gives the same answer byte by byte. */
size_t ssat__csv_plain_commas(const unsigned char *p, size_t n, size_t avail, uint32_t *commas, bool vector);
/* Copy the plain row [row, row + len) with its ncommas commas to dst (room for len + 1 bytes) and split
 * it there: each comma and the end become NULs, fields[0..ncommas] point at the copies (line `line`,
 * each field's column its offset + 1). The tokenizer's row buffer and the import's pipe both use it,
 * once a row: inline, as a call costs the tokenizing thread (the import's longest path) about 4 %. */
static inline void ssat__csv_split_plain(char *dst, const char *row, size_t len, const uint32_t *commas,
                                         size_t ncommas, uint32_t line, ssat__csv_field *fields)
{
    memcpy(dst, row, len);
    size_t start = 0;
    for (size_t j = 0; j <= ncommas; j++) {
        size_t stop = j < ncommas ? commas[j] : len;
        dst[stop] = '\0';
        fields[j] = (ssat__csv_field){dst + start, stop - start, line, (uint32_t)start + 1, false};
        start = stop + 1;
    }
}

/* ---- JSON documents (json.c) ------------------------------------------------------------------- */

/* Parse a JSON document with jansson (duplicate keys rejected). Returns the json_t * root, or NULL with
 * *st set to SSAT_ERR_PARSE (line, column and reason, naming `fn`) or SSAT_ERR_NOMEM. Declared void *
 * so this header needs no jansson include. */
void *ssat__json_load(const char *json, size_t len, const char *fn, ssat_status *st);

/* What the document loaders share: the start of every ssat_*_from_json() that reads a versioned
 * document (policy_json.c, evidence_json.c). */
/* A document format: {"format": FORMAT, "format_version": VERSION, ...} with only `fields` at the top. */
typedef struct ssat__json_doc {
    const char *fn;            /* the loader, named by every message */
    const char *format;        /* the "format" value; the member may be left out */
    int version;               /* the one "format_version" read */
    const char *const *fields; /* the top-level members allowed */
    size_t nfields;
    bool quote_unknown; /* an unknown member named quoted (ssat__text_repr), else cut to 80 bytes */
} ssat__json_doc;

/* The prologue of a loader: fails with SSAT_ERR_INVALID_ARG when `out_given` is false (its `out` is
 * NULL), `json` is NULL or the allocator is bad; else resolves the allocator into *a, parses the
 * document (ssat__json_load()) and checks that it is an object with only the format's members, the
 * format's name and its version. Returns the json_t * root (the caller's to json_decref()), or NULL
 * with *st set. */
void *ssat__json_open(const ssat__json_doc *doc, const char *json, size_t len, const ssat_allocator *alloc,
                      bool out_given, ssat__alloc *a, ssat_status *st);

/* The text of a built document (two-space indent, members in order, a final newline) in a block from
 * `a` that the caller frees with ssat_free(); NULL when `complete` is false (the build failed) or memory
 * runs out. `root` (may be NULL) is released. */
char *ssat__json_dump(void *root, bool complete, const ssat__alloc *a);

/* ---- message argument text (text_value.c, date.c) --------------------------------------------- */

/* Text of a value for a message argument; the struct keeps the text alive on the caller's stack. */
typedef struct ssat__text {
    char s[48]; /* an integer, a percentage, a date in ISO form or in words (SSAT_DATE_LONG_BUFSIZE) */
} ssat__text;
ssat__text ssat__text_int(int64_t v);
ssat__text ssat__text_date(ssat_date d);           /* "YYYY-MM-DD" */
/* "18 July 2025" / "18 Gorffennaf 2025" (ssat_date_format_long); the ISO form when out of range. The
 * text of SSAT_LANG_CY_EN (38 bytes at most) fits too. */
ssat__text ssat__text_date_long(ssat_date d, ssat_lang lang);

#endif /* SSAT_CORE_LAYER_H */
