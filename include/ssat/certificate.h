/**
 * @file ssat/certificate.h
 * @brief The attendance registration certificate, produced from a register so that its figures cannot
 *        disagree with the attendance calculation; as structured data, plain text and printable HTML.
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
 * Produce a certificate of @p reg over @p period. The certificate copies the marks and totals: it does
 * not depend on the register afterwards. Details (names, school, issue date, signatory) are set with
 * ssat_certificate_set().
 * @param calendar  used to lay the weeks out by term and to show closures; may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, malformed window); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_certificate_new(const ssat_register *reg, const ssat_calendar *calendar,
                                          const ssat_window *period, ssat_certificate **out);

/** Free a certificate. NULL does nothing. */
SSAT_API void ssat_certificate_free(ssat_certificate *cert);

/**
 * Set a detail: "pupil_id", "pupil_name", "school", "issue_date" (ISO date), "signatory_name",
 * "signatory_role". Values are UTF-8 text, copied.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND (unknown field); ::SSAT_ERR_PARSE
 *         (malformed issue date); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_certificate_set(ssat_certificate *cert, const char *field, const char *value);

/** A detail's value ("" when unset), borrowed until it is set again or the certificate freed; "" for unknown fields. */
SSAT_API const char *ssat_certificate_get(const ssat_certificate *cert, const char *field);

/** The totals over the period, borrowed from the certificate; NULL for NULL. */
SSAT_API const ssat_totals *ssat_certificate_totals(const ssat_certificate *cert);

/** The period, borrowed from the certificate; NULL for NULL. */
SSAT_API const ssat_window *ssat_certificate_period(const ssat_certificate *cert);

/** Output formats of a certificate. */
typedef enum ssat_certificate_format {
    SSAT_CERTIFICATE_TEXT = 0, /**< plain text for a terminal or an e-mail */
    SSAT_CERTIFICATE_HTML = 1, /**< a printable HTML page, one A4 page per term, no external resources */
    SSAT_CERTIFICATE_JSON = 2  /**< structured data: details, totals, percentage and every session */
} ssat_certificate_format;

/**
 * Render the certificate.
 * @param lang  language of the labels (the marks and names are as recorded).
 * @param out   receives the text, owned by the caller: free with ssat_free().
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, unknown format or language); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_certificate_render(const ssat_certificate *cert, ssat_certificate_format format,
                                             ssat_lang lang, char **out);

/**
 * Put the certificate into a pack: fills the pack's "certificate" item (adding it when absent) with
 * the details, period, totals and percentage.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_certificate_to_pack(const ssat_certificate *cert, ssat_pack *pack);

SSAT_END_DECL

#endif /* SSAT_CERTIFICATE_H */
