/**
 * @file ssat/certificate.h
 * @brief The attendance registration certificate, produced from a register so that its figures cannot
 *        disagree with the attendance calculation; as structured data, plain text and printable HTML.
 *
 * The marks are laid out as a register is read: one row per school week, Monday to Friday, AM and PM,
 * one block (one printed page) per term. The terms are the calendar's for its own school year and the
 * default census terms (calendar.h) for any other year the period reaches; each term's block runs to
 * the day before the next term starts, so the holidays after a term belong to it, and weeks with no
 * mark and no school day are left out. A head teacher's certificate is evidence in proceedings
 * (Education Act 1996 s566): every page carries the details, the totals, a key to the marks and the
 * signature block.
 */
#ifndef SSAT_CERTIFICATE_H
#define SSAT_CERTIFICATE_H

#include "common.h"
#include "errors.h"
#include "calendar.h"
#include "register.h"
#include "attendance.h"
#include "evidence.h"

SSAT_BEGIN_DECL

/** An opaque certificate. */
typedef struct ssat_certificate ssat_certificate;

/**
 * Produce a certificate of @p reg over @p period. The certificate copies the marks and totals and
 * keeps the register's code set alive: it does not depend on the register afterwards. It uses the code
 * set's allocator. Details (names, school, issue date, signatory) are set with ssat_certificate_set().
 * @param calendar  used to lay the weeks out by term and to tell school days without a mark from days
 *                  the school did not meet; may be NULL (default terms; days without marks show as no
 *                  session).
 * @param period    the sessions covered, at most 3660 days (ten years).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, malformed window); ::SSAT_ERR_RANGE (a period
 *         longer than 3660 days); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_certificate_new(const ssat_register *reg, const ssat_calendar *calendar,
                                          const ssat_window *period, ssat_certificate **out);

/** Free a certificate. NULL does nothing. */
SSAT_API void ssat_certificate_free(ssat_certificate *cert);

/**
 * Set a detail: "pupil_id", "pupil_name", "school", "issue_date" (ISO date), "signatory_name",
 * "signatory_role". Values are UTF-8 text of at most 512 bytes without control characters, copied;
 * "" clears.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND (unknown field); ::SSAT_ERR_PARSE
 *         (malformed issue date, text that is not UTF-8, holds a control character or is too long; the
 *         detail keeps its value); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_certificate_set(ssat_certificate *cert, const char *field, const char *value);

/** A detail's value ("" when unset), borrowed until it is set again or the certificate freed; "" for
 *  unknown fields and NULL arguments. */
SSAT_API const char *ssat_certificate_get(const ssat_certificate *cert, const char *field);

/** The totals over the period, borrowed from the certificate; NULL for NULL. */
SSAT_API const ssat_totals *ssat_certificate_totals(const ssat_certificate *cert);

/** The period, borrowed from the certificate; NULL for NULL. */
SSAT_API const ssat_window *ssat_certificate_period(const ssat_certificate *cert);

/** Output formats of a certificate. */
typedef enum ssat_certificate_format {
    SSAT_CERTIFICATE_TEXT = 0, /**< plain text for a terminal or an e-mail */
    SSAT_CERTIFICATE_HTML = 1, /**< a printable HTML5 page: one A4 page per term, inline CSS, nothing loaded
                                    from elsewhere, every text escaped; each page's totals row also carries
                                    them as data-possible, data-attended, data-authorised, data-unauthorised
                                    and data-percent attributes */
    SSAT_CERTIFICATE_JSON = 2  /**< structured data: {"format": "ssat-certificate", "format_version": 1,
                                    details, "signatory", "period", "totals" (with "percent" as text:
                                    "84.7", or "85.01" where one decimal would show a
                                    whole percent the exact figure is not; or null), "missing_marks", "terms" with their
                                    totals, "sessions" (every entry: date, session, mark; "-" for a missing
                                    mark) and "codes" (the key)} */
} ssat_certificate_format;

/**
 * Render the certificate. Percentages are exact tenths of attended / possible, rounded half up; with no
 * possible session none is shown ("not evaluable").
 * @param lang  language of the labels and of the dates, which are written in words (the marks and names
 *              are as recorded; code labels come from the code set). ::SSAT_LANG_CY_EN gives one
 *              document in both languages, Welsh first: labels "Cymraeg / English", each date range in
 *              Welsh then in English; the JSON format's "language" is then "cy+en".
 * @param out   receives the text, owned by the caller: free with ssat_free().
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, unknown format or language); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_certificate_render(const ssat_certificate *cert, ssat_certificate_format format,
                                             ssat_lang lang, char **out);

/**
 * Put the certificate into a pack: gives the pack's "certificate" item (added when absent) exactly the
 * details, period (its first and last dates), totals and percentage (percent_tenths, "" when not
 * evaluable); fields of a detail not set are cleared. All or nothing.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM (the pack unchanged).
 */
SSAT_API ssat_status ssat_certificate_to_pack(const ssat_certificate *cert, ssat_pack *pack);

SSAT_END_DECL

#endif /* SSAT_CERTIFICATE_H */
