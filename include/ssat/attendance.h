/**
 * @file ssat/attendance.h
 * @brief The attendance calculation over a window, and exact threshold comparisons.
 *
 * For the sessions of a window (docs/rules.md, "Attendance"):
 *   possible     = marks whose category is not "not counted" (missing marks are not possible sessions,
 *                  they are reported apart as errors of the register)
 *   attended     = present + approved educational activity
 *   authorised   = authorised absence
 *   unauthorised = unauthorised absence
 *   possible == attended + authorised + unauthorised, always.
 * When possible is 0 the summary is not evaluable: no percentage is given and no threshold holds.
 * Thresholds are compared exactly with integers, never after rounding.
 */
#ifndef SSAT_ATTENDANCE_H
#define SSAT_ATTENDANCE_H

#include "common.h"
#include "errors.h"
#include "calendar.h"
#include "register.h"

SSAT_BEGIN_DECL

/**
 * Session counts of a summary. Owned by the summary (borrowed); the struct may grow at its end in later
 * versions, so never allocate or copy it by size.
 */
typedef struct ssat_totals {
    uint32_t possible;             /**< attended + authorised + unauthorised */
    uint32_t attended;             /**< present + approved_activity */
    uint32_t authorised;           /**< authorised absence */
    uint32_t unauthorised;         /**< unauthorised absence */
    uint32_t not_counted;          /**< marks that are not possible sessions */
    uint32_t missing;              /**< explicit missing marks (register errors) */
    uint32_t present;              /**< category present (lateness before close included) */
    uint32_t approved_activity;    /**< approved educational activity */
    uint32_t late_before_close;    /**< marks flagged late before registers closed */
    uint32_t late_after_close;     /**< marks flagged late after registers closed */
    uint32_t holiday_authorised;   /**< holiday flag, authorised */
    uint32_t holiday_unauthorised; /**< holiday flag, unauthorised (holiday not agreed) */
    uint32_t provisional;          /**< provisional marks (no reason yet) */
    uint32_t exclusion;            /**< exclusion flag */
    uint32_t illness;              /**< illness flag */
    uint32_t entries;              /**< every entry in the window, missing marks included */
} ssat_totals;

/** Comparison operators for thresholds. */
typedef enum ssat_comparator {
    SSAT_CMP_LT = 0, /**< rate < threshold */
    SSAT_CMP_LE = 1, /**< rate <= threshold */
    SSAT_CMP_GE = 2, /**< rate >= threshold */
    SSAT_CMP_GT = 3  /**< rate > threshold */
} ssat_comparator;

/** Which rate of a summary to compare. */
typedef enum ssat_rate {
    SSAT_RATE_ATTENDANCE = 0,  /**< attended / possible */
    SSAT_RATE_ABSENCE = 1,     /**< (authorised + unauthorised) / possible */
    SSAT_RATE_UNAUTHORISED = 2 /**< unauthorised / possible */
} ssat_rate;

/** An opaque attendance summary. */
typedef struct ssat_summary ssat_summary;

/**
 * Summarise a register over a window.
 * @param out  receives the summary; free with ssat_summary_free(). NULL on failure. The summary is
 *             independent of the register afterwards.
 * @return ::SSAT_OK (also when not evaluable: see ssat_summary_evaluable()); ::SSAT_ERR_INVALID_ARG
 *         (NULL, a window whose end is before its start or whose halves are not AM/PM);
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_attendance_compute(const ssat_register *reg, const ssat_window *window,
                                             ssat_summary **out);

/** Free a summary. NULL does nothing. */
SSAT_API void ssat_summary_free(ssat_summary *summary);

/** The counts, borrowed from the summary; NULL for NULL. */
SSAT_API const ssat_totals *ssat_summary_totals(const ssat_summary *summary);

/** The window summarised, borrowed from the summary; NULL for NULL. */
SSAT_API const ssat_window *ssat_summary_window(const ssat_summary *summary);

/** 1 if at least one session was possible, else 0 (also for NULL). */
SSAT_API int32_t ssat_summary_evaluable(const ssat_summary *summary);

/**
 * How many marks of one code the window holds.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_UNKNOWN_CODE if the code is not in the set.
 */
SSAT_API ssat_status ssat_summary_code_count(const ssat_summary *summary, const char *code, uint32_t *out);

/**
 * The attendance percentage for people: tenths of a percent, rounded half up with integers
 * (attended 869, possible 1000 gives 869, that is 86.9 %; 2 of 3 gives 667).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_EVALUABLE when nothing was possible
 *         (@p out is then 0, which must not be shown as a percentage).
 */
SSAT_API ssat_status ssat_summary_attendance_tenths(const ssat_summary *summary, int32_t *out);

/**
 * Compare a rate of the summary with a threshold percentage given as the fraction
 * @p pct_num / @p pct_den percent (85 % is 85/1; 33.3 % is 333/10), exactly:
 * for ::SSAT_RATE_ATTENDANCE and <=, attended * 100 * pct_den <= pct_num * possible.
 * @param out  receives 1 when the comparison holds, else 0.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, @p pct_den 0, unknown rate or comparator);
 *         ::SSAT_ERR_NOT_EVALUABLE when nothing was possible (no threshold holds; @p out is 0).
 */
SSAT_API ssat_status ssat_summary_compare(const ssat_summary *summary, ssat_rate rate, ssat_comparator cmp,
                                          uint32_t pct_num, uint32_t pct_den, int32_t *out);

/**
 * The same exact comparison for any part / whole: part * 100 * pct_den (cmp) pct_num * whole.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL @p out, @p pct_den 0, @p part > @p whole, unknown
 *         comparator); ::SSAT_ERR_NOT_EVALUABLE when @p whole is 0.
 */
SSAT_API ssat_status ssat_percent_compare(uint64_t part, uint64_t whole, ssat_comparator cmp, uint32_t pct_num,
                                          uint32_t pct_den, int32_t *out);

/**
 * Tenths of a percent of part / whole, rounded half up with integers.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL @p out, @p part > @p whole);
 *         ::SSAT_ERR_NOT_EVALUABLE when @p whole is 0.
 */
SSAT_API ssat_status ssat_percent_tenths(uint64_t part, uint64_t whole, int32_t *out);

/**
 * How many decimals (1 to 9) the percentage part / whole needs so that a person never reads it on the
 * wrong side of the threshold @p pct_num / @p pct_den percent: one, unless rounding to one decimal puts
 * the figure on or across the threshold while the exact value is not (312 of 367 is 85.0136 %, which
 * one decimal shows as "85.0" beside "not at or below 85 %": two decimals, "85.01"). The figure
 * rounded half up to that many decimals compares with the threshold (less, equal, greater) as the
 * exact value does. 1 for @p whole 0, @p part > @p whole or @p pct_den 0. See docs/rules.md.
 */
SSAT_API int32_t ssat_percent_decimals(uint64_t part, uint64_t whole, uint32_t pct_num, uint32_t pct_den);

/**
 * Write part / whole as a percentage rounded half up to @p decimals decimals ("85.01"), with integers.
 * @param buf  caller's buffer; 32 bytes always suffice.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL @p buf, @p decimals not 1 to 9, @p part > @p whole,
 *         @p cap too small); ::SSAT_ERR_NOT_EVALUABLE when @p whole is 0. On failure @p buf holds "".
 */
SSAT_API ssat_status ssat_percent_format(uint64_t part, uint64_t whole, int32_t decimals, char *buf, size_t cap);

SSAT_END_DECL

#endif /* SSAT_ATTENDANCE_H */
