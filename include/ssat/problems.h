/**
 * @file ssat/problems.h
 * @brief A list of problems found in input, each with a stable id, a location and bilingual messages.
 *
 * Checks that look at a whole input (a register, later a CSV file or a referral pack) never stop at
 * the first problem: they append every problem to an ::ssat_problems list the caller owns.
 */
#ifndef SSAT_PROBLEMS_H
#define SSAT_PROBLEMS_H

#include "common.h"
#include "errors.h"
#include "date.h"

SSAT_BEGIN_DECL

/** How serious a problem is. */
typedef enum ssat_severity {
    SSAT_SEVERITY_ERROR = 0,  /**< the input is wrong and must be corrected */
    SSAT_SEVERITY_WARNING = 1 /**< the input is accepted but looks doubtful */
} ssat_severity;

/**
 * One problem. All pointers are borrowed from the list that holds the problem and stay valid until the
 * list is cleared or freed. Location fields that do not apply are 0 (line, column) or have
 * @c has_session set to 0.
 */
typedef struct ssat_problem {
    const char *id;           /**< stable machine id, e.g. "register.unknown_code"; never NULL */
    ssat_severity severity;   /**< error or warning */
    const char *field;        /**< the field or argument concerned; "" when none */
    uint32_t line;            /**< 1-based line in a text input; 0 when not applicable */
    uint32_t column;          /**< 1-based column (character) in a text input; 0 when not applicable */
    int32_t has_session;      /**< 1 when @c date and @c half locate the problem */
    ssat_date date;           /**< the session's date, when @c has_session */
    ssat_half half;           /**< the session's half, when @c has_session */
    const char *message_en;   /**< the problem in English; never NULL */
    const char *message_cy;   /**< the problem in Welsh; never NULL */
} ssat_problem;

/** An opaque, growable list of problems. */
typedef struct ssat_problems ssat_problems;

/**
 * Create an empty problem list.
 * @param out    receives the list; free it with ssat_problems_free(). NULL on failure.
 * @param alloc  allocator, or NULL for the C library's.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG if @p out is NULL or @p alloc is incomplete;
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_problems_new(ssat_problems **out, const ssat_allocator *alloc);

/** Free a list and every problem in it. NULL is allowed and does nothing. */
SSAT_API void ssat_problems_free(ssat_problems *problems);

/** Remove every problem (borrowed pointers into the list become invalid). NULL does nothing. */
SSAT_API void ssat_problems_clear(ssat_problems *problems);

/** Number of problems in the list (0 for NULL). */
SSAT_API size_t ssat_problems_count(const ssat_problems *problems);

/** Number of problems of severity ::SSAT_SEVERITY_ERROR (0 for NULL). */
SSAT_API size_t ssat_problems_error_count(const ssat_problems *problems);

/**
 * The problem at @p index, in the order found.
 * @return a borrowed pointer valid until the list is cleared or freed; NULL if @p problems is NULL or
 *         @p index is out of range.
 */
SSAT_API const ssat_problem *ssat_problems_at(const ssat_problems *problems, size_t index);

/**
 * The problem at @p index, as ssat_problems_at().
 * @deprecated Use ssat_problems_at() (a collection is read with _count and _at); this one stays until
 *             the SOVERSION changes.
 */
SSAT_API const ssat_problem *ssat_problems_get(const ssat_problems *problems, size_t index)
    SSAT_DEPRECATED("use ssat_problems_at");

/**
 * The message of a problem in the language asked for; for ::SSAT_LANG_CY_EN the Welsh, a line break
 * ("\n") and the English, as a bilingual report has them.
 * @return a borrowed string (the problem's own); "" if @p problem is NULL or @p lang unknown.
 */
SSAT_API const char *ssat_problem_message(const ssat_problem *problem, ssat_lang lang);

SSAT_END_DECL

#endif /* SSAT_PROBLEMS_H */
