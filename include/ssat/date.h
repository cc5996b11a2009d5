/**
 * @file ssat/date.h
 * @brief Calendar dates, AM/PM sessions and the Easter computus.
 *
 * libssat has no clock and no time zone: every date is a proleptic Gregorian calendar date that the
 * caller supplies, for years 1583 to 9999. A date is a day number (days since 1970-01-01), so dates
 * compare and subtract as integers. Text dates are ISO 8601 calendar dates, "YYYY-MM-DD", exactly.
 */
#ifndef SSAT_DATE_H
#define SSAT_DATE_H

#include "common.h"
#include "errors.h"

SSAT_BEGIN_DECL

/** A calendar date: the number of days since 1970-01-01 (which is 0). */
typedef int32_t ssat_date;

/** The two registration sessions of a school day. */
typedef enum ssat_half {
    SSAT_AM = 0, /**< morning session (bore) */
    SSAT_PM = 1  /**< afternoon session (prynhawn) */
} ssat_half;

/** Smallest supported year (the first full Gregorian year). */
#define SSAT_YEAR_MIN 1583
/** Largest supported year. */
#define SSAT_YEAR_MAX 9999
/** Buffer size that holds any formatted date with its terminating NUL ("YYYY-MM-DD"). */
#define SSAT_DATE_BUFSIZE 11

/**
 * Parse a strict ISO 8601 calendar date "YYYY-MM-DD".
 * @param iso  NUL-terminated text; no leading or trailing characters are allowed.
 * @param out  receives the date; 0 on failure.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG if an argument is NULL; ::SSAT_ERR_PARSE if the text is
 *         not of that form or names a day that does not exist (2023-02-29), the message says which
 *         character or field; ::SSAT_ERR_RANGE for a year outside 1583..9999.
 */
SSAT_API ssat_status ssat_date_parse(const char *iso, ssat_date *out);

/**
 * Make a date from year, month (1-12) and day (1-31).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG if @p out is NULL or the day does not exist (the message
 *         names the field); ::SSAT_ERR_RANGE for a year outside 1583..9999.
 */
SSAT_API ssat_status ssat_date_from_ymd(int32_t year, int32_t month, int32_t day, ssat_date *out);

/**
 * Split a date into year, month and day. Any out-pointer may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_RANGE if @p date lies outside years 1583..9999.
 */
SSAT_API ssat_status ssat_date_to_ymd(ssat_date date, int32_t *year, int32_t *month, int32_t *day);

/**
 * Write a date as "YYYY-MM-DD" with a terminating NUL.
 * @param buf  caller's buffer of at least ::SSAT_DATE_BUFSIZE bytes.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG if @p buf is NULL or @p cap is too small (nothing written);
 *         ::SSAT_ERR_RANGE if the date lies outside years 1583..9999.
 */
SSAT_API ssat_status ssat_date_format(ssat_date date, char *buf, size_t cap);

/** Size of a buffer that holds any date written by ssat_date_format_long(), NUL included. */
#define SSAT_DATE_LONG_BUFSIZE 48

/**
 * Write a date for people to read, in words, as prose in each language writes it: "18 July 2025" in
 * English, "18 Gorffennaf 2025" in Welsh, and for ::SSAT_LANG_CY_EN the Welsh then the English,
 * "18 Gorffennaf 2025 / 18 July 2025". Messages, certificates and letters use this form; data (JSON,
 * CSV) keeps the ISO form of ssat_date_format(). The month names come from the message catalogues
 * (ids date.month.1 .. date.month.12, the order of day, month and year from date.long).
 * @param lang  ::SSAT_LANG_EN, ::SSAT_LANG_CY or ::SSAT_LANG_CY_EN.
 * @param buf   caller's buffer of at least ::SSAT_DATE_LONG_BUFSIZE bytes.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG if @p buf is NULL, @p cap is too small (nothing written) or
 *         @p lang is unknown ("" written); ::SSAT_ERR_RANGE if the date lies outside years 1583..9999
 *         ("" written).
 */
SSAT_API ssat_status ssat_date_format_long(ssat_date date, ssat_lang lang, char *buf, size_t cap);

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. Cannot fail. */
SSAT_API int32_t ssat_date_weekday(ssat_date date);

/**
 * The school year a date belongs to, named by the calendar year in which it starts: school years run
 * from 1 August to 31 July, so 2025-03-10 is in school year 2024 (2024/25). Cannot fail.
 */
SSAT_API int32_t ssat_date_school_year(ssat_date date);

/**
 * Easter Sunday of a year by the Gregorian computus (the anonymous Gregorian algorithm).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG if @p out is NULL; ::SSAT_ERR_RANGE for a year outside
 *         1583..9999.
 */
SSAT_API ssat_status ssat_easter_sunday(int32_t year, ssat_date *out);

SSAT_END_DECL

#endif /* SSAT_DATE_H */
