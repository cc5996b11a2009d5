/**
 * @file ssat/codeset.h
 * @brief Attendance code sets as data: each code with its category, flags and bilingual labels.
 *
 * Two sets are built in: "wales-2010" (the Education (Pupil Registration) (Wales) Regulations 2010
 * codes, the default) and "england-2024" (the School Attendance (Pupil Registration) (England)
 * Regulations 2024, with two-character codes). A caller can copy a set and define or redefine codes,
 * for example to map local sub-codes onto statutory categories, or to choose how "D" (dual
 * registration) counts.
 *
 * A code is 1 to 4 printable ASCII characters other than space, comma, double quote, "." and "-"
 * ("." marks a day the school did not meet and "-" a missing mark in register strings).
 *
 * Lifetime: a code set is reference counted internally. A register created from it keeps it alive, so
 * the caller may free its own handle at any time. Once any register has been created from a set, the
 * set is frozen: it can no longer be changed (copy it to make a variant). A frozen set is immutable and
 * may be read from many threads at once.
 */
#ifndef SSAT_CODESET_H
#define SSAT_CODESET_H

#include "common.h"
#include "errors.h"

SSAT_BEGIN_DECL

/** What a mark means for the attendance calculation (docs/rules.md, "Attendance"). */
typedef enum ssat_category {
    SSAT_CATEGORY_PRESENT = 0,           /**< present; counts as attended */
    SSAT_CATEGORY_APPROVED_ACTIVITY = 1, /**< approved educational activity; counts as attended */
    SSAT_CATEGORY_AUTHORISED = 2,        /**< authorised absence */
    SSAT_CATEGORY_UNAUTHORISED = 3,      /**< unauthorised absence */
    SSAT_CATEGORY_NOT_COUNTED = 4        /**< not a possible session (closure, not on roll, ...) */
} ssat_category;

/** Flags that refine a code's meaning; combine with bitwise or. */
typedef enum ssat_code_flag {
    SSAT_FLAG_NONE = 0,
    SSAT_FLAG_LATE_BEFORE_CLOSE = 1 << 0, /**< late, arrived before registers closed (Welsh "L") */
    SSAT_FLAG_LATE_AFTER_CLOSE = 1 << 1,  /**< late, arrived after registers closed (Welsh "U") */
    SSAT_FLAG_HOLIDAY = 1 << 2,           /**< holiday in term time, agreed or not */
    SSAT_FLAG_PROVISIONAL = 1 << 3,       /**< provisional: no reason yet given (Welsh "N") */
    SSAT_FLAG_EXCLUSION = 1 << 4,         /**< exclusion */
    SSAT_FLAG_ILLNESS = 1 << 5            /**< illness or medical */
} ssat_code_flag;

/** All flags defined by this version of the library. */
#define SSAT_FLAG_ALL 0x3F

/** Longest code, in bytes. */
#define SSAT_CODE_MAX_LEN 4

/**
 * One code of a set. Borrowed from its set: valid while the set is alive and the code is not
 * redefined. The struct may grow at its end in later versions; never allocate or copy it by size.
 */
typedef struct ssat_code_info {
    const char *code;        /**< the code, NUL-terminated, 1..SSAT_CODE_MAX_LEN bytes */
    ssat_category category;  /**< how it counts */
    uint32_t flags;          /**< ::ssat_code_flag bits */
    const char *label_en;    /**< meaning in English */
    const char *label_cy;    /**< meaning in Welsh */
} ssat_code_info;

/** An opaque attendance code set. */
typedef struct ssat_codeset ssat_codeset;

/**
 * Create a handle on a built-in code set.
 * @param name   "wales-2010" or "england-2024"; NULL means the default, "wales-2010".
 * @param alloc  allocator, or NULL for the C library's.
 * @param out    receives the set; free with ssat_codeset_free(). NULL on failure.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND for an unknown name;
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_codeset_builtin(const char *name, const ssat_allocator *alloc, ssat_codeset **out);

/**
 * Number of built-in code sets; their names are ssat_codeset_builtin_name(0 .. count-1).
 */
SSAT_API size_t ssat_codeset_builtin_count(void);

/** Name of the built-in set at @p index (a static string), or NULL when out of range. */
SSAT_API const char *ssat_codeset_builtin_name(size_t index);

/**
 * Create an empty custom set, to be filled with ssat_codeset_define().
 * @param name   the set's name (copied), 1..64 bytes.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_codeset_new(const char *name, const ssat_allocator *alloc, ssat_codeset **out);

/**
 * Copy a set (frozen or not) into a new, unfrozen set with a new name, using @p src's allocator.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_codeset_copy(const ssat_codeset *src, const char *new_name, ssat_codeset **out);

/**
 * Release the caller's handle. The set itself lives on while registers use it. NULL does nothing.
 */
SSAT_API void ssat_codeset_free(ssat_codeset *set);

/**
 * Define a code, or redefine an existing one (its labels, category and flags are replaced).
 * Labels are copied; NULL labels are stored as "".
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG for a NULL set, a malformed code, an unknown category or
 *         unknown flag bits (the message names the argument); ::SSAT_ERR_STATE if the set is frozen;
 *         ::SSAT_ERR_RANGE if the set already holds 250 codes; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_codeset_define(ssat_codeset *set, const char *code, ssat_category category,
                                         uint32_t flags, const char *label_en, const char *label_cy);

/**
 * Remove a code.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND; ::SSAT_ERR_STATE if frozen.
 */
SSAT_API ssat_status ssat_codeset_remove(ssat_codeset *set, const char *code);

/** The set's name, borrowed from the set; "" for NULL. */
SSAT_API const char *ssat_codeset_name(const ssat_codeset *set);

/** Number of codes in the set (0 for NULL); ssat_codeset_at() reads them. */
SSAT_API size_t ssat_codeset_count(const ssat_codeset *set);

/**
 * Number of codes in the set, as ssat_codeset_count().
 * @deprecated Use ssat_codeset_count() (a collection is read with _count and _at); this one stays until
 *             the SOVERSION changes.
 */
SSAT_API size_t ssat_codeset_size(const ssat_codeset *set) SSAT_DEPRECATED("use ssat_codeset_count");

/** 1 if the set is frozen (used by a register), else 0. */
SSAT_API int32_t ssat_codeset_is_frozen(const ssat_codeset *set);

/**
 * The code at @p index (codes keep the order in which they were defined).
 * @return borrowed pointer, or NULL if @p set is NULL or @p index out of range.
 */
SSAT_API const ssat_code_info *ssat_codeset_at(const ssat_codeset *set, size_t index);

/**
 * Look a code up by its text.
 * @param index_out  receives the code's index; may be NULL.
 * @param out        receives a borrowed pointer to the code; may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_UNKNOWN_CODE when the set has no such code
 *         (the message names the code and the set).
 */
SSAT_API ssat_status ssat_codeset_lookup(const ssat_codeset *set, const char *code, size_t *index_out,
                                         const ssat_code_info **out);

/** Name of a category in the language asked for, e.g. "unauthorised absence" / "absenoldeb heb awdurdod",
 *  both as "absenoldeb heb awdurdod / unauthorised absence" for ::SSAT_LANG_CY_EN (static string; "" for
 *  an unknown category or language). */
SSAT_API const char *ssat_category_name(ssat_category category, ssat_lang lang);

SSAT_END_DECL

#endif /* SSAT_CODESET_H */
