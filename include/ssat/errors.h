/**
 * @file ssat/errors.h
 * @brief Status codes and the per-thread message of the last failure.
 *
 * Every fallible libssat function returns an ::ssat_status. On failure it also records a message on
 * the calling thread that names the function, the argument or field, and what was wrong, for example
 * `ssat_register_add_mark: code "Q" is not in code set "wales-2010"`. On failure every out-parameter is
 * set to NULL or 0, and the objects passed in are unchanged. Messages are English: they are for the
 * developer; texts meant for pupils' families and staff (labels, problems, decisions) are bilingual.
 */
#ifndef SSAT_ERRORS_H
#define SSAT_ERRORS_H

#include "common.h"

SSAT_BEGIN_DECL

/**
 * Result of a fallible call. Values are fixed forever: new codes are appended, none is renumbered.
 */
typedef enum ssat_status {
    SSAT_OK = 0,                 /**< success */
    SSAT_ERR_NOMEM = -1,         /**< an allocation failed; nothing was changed */
    SSAT_ERR_INVALID_ARG = -2,   /**< a NULL, out-of-range or inconsistent argument */
    SSAT_ERR_PARSE = -3,         /**< malformed text (a date, a number, a document) */
    SSAT_ERR_NOT_EVALUABLE = -4, /**< nothing to evaluate: no possible session in the window */
    SSAT_ERR_STATE = -5,         /**< the object's state forbids the call */
    SSAT_ERR_RANGE = -6,         /**< a well-formed value outside what is supported here */
    SSAT_ERR_UNKNOWN_CODE = -7,  /**< an attendance code that the code set does not define */
    SSAT_ERR_DUPLICATE = -8,     /**< a second value where only one is allowed (two marks for one session) */
    SSAT_ERR_NOT_FOUND = -9,     /**< a named thing (code set, term, code) does not exist */
    SSAT_ERR_INVALID_DATA = -10  /**< input had problems; each is listed in the ::ssat_problems passed */
} ssat_status;

/**
 * A short English description of a status code, such as "invalid argument".
 * @return a static string; never NULL (unknown values give "unknown status").
 */
SSAT_API const char *ssat_status_str(ssat_status status);

/**
 * The message of the last failure on the calling thread.
 * Successful calls leave it as it was: it changes only when a call fails on this thread, or on
 * ssat_error_clear(). Failures on other threads never touch it.
 * @return a thread-local string, valid until the next failing libssat call on this thread; "" when no
 *         failure has been recorded (or after ssat_error_clear()). Never NULL; never free it.
 */
SSAT_API const char *ssat_error_message(void);

/**
 * The status of the last failure on the calling thread, or ::SSAT_OK when none has been recorded.
 */
SSAT_API ssat_status ssat_error_status(void);

/** Forget the last failure recorded on the calling thread. */
SSAT_API void ssat_error_clear(void);

SSAT_END_DECL

#endif /* SSAT_ERRORS_H */
