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
/* True when `s` holds a C0 control character or DEL; tab, CR and LF are allowed if `allow_line_breaks`. */
bool ssat__text_has_controls(const char *s, bool allow_line_breaks);
/* Quote caller-supplied text for a message without trusting it to be short or printable: in double
 * quotes, controls, quotes and backslashes as \xNN, cut (on a character boundary) with "..." to fit
 * `cap` bytes (at least 12). Returns buf. */
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

/* Record a failure for ssat_error_message() on this thread and return `status`, so call sites read
 * `return ssat__error(SSAT_ERR_INVALID_ARG, "ssat_x_new: argument 'out' is NULL");`. printf-style. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
ssat_status ssat__error(ssat_status status, const char *fmt, ...);

/* Shorthand for the most common failure: a NULL pointer argument. */
ssat_status ssat__null_arg(const char *fn, const char *arg);
/* Shorthand for allocation failure inside `fn`. */
ssat_status ssat__nomem(const char *fn);

/* ---- bilingual messages (messages.c, messages_en.c, messages_cy.c) ------------------------------- */

/* One user-facing message: a stable id and its template. Templates use {1}..{9} for arguments so a
 * translation may reorder them. */
typedef struct ssat__message {
    const char *id;
    const char *text;
} ssat__message;

/* The per-language tables: every id appears in both, in the same order (a test checks it). */
extern const ssat__message ssat__messages_en[];
extern const ssat__message ssat__messages_cy[];
extern const size_t ssat__messages_en_count;
extern const size_t ssat__messages_cy_count;

/* The template of `id` in `lang`, or NULL when the id is unknown. */
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
    SSAT__P_PENALTY_YTD_REQUIRED,
    SSAT__P_PENALTY_YTD_THRESHOLD,
    SSAT__P_PENALTY_YTD_COMPARATOR,
    SSAT__P_PENALTY_WARNING_REQUIRED,
    SSAT__P_PENALTY_WARNING_IMPROVEMENT_DAYS,
    SSAT__P_PENALTY_LIMIT_MAX_NOTICES,
    SSAT__P_PENALTY_LIMIT_PERIOD_MONTHS,
    SSAT__P_PENALTY_LIMIT_PER_CHILD,
    SSAT__P_PENALTY_AMOUNT_EARLY_PENCE,
    SSAT__P_PENALTY_AMOUNT_EARLY_DAYS,
    SSAT__P_PENALTY_AMOUNT_LATE_PENCE,
    SSAT__P_PENALTY_AMOUNT_LATE_DAYS,
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

#endif /* SSAT_INTERNAL_H */
