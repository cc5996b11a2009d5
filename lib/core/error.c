/* Status codes and the per-thread message of the last failure (libgit2's git_error_last model).
 * The message lives in thread-local storage: no global mutable state, and a failure on one thread
 * never overwrites another thread's message. */
#include "core_layer.h"

#include <stdarg.h>
#include <stdio.h>


static _Thread_local char error_message[SSAT__ERROR_BUFSIZE];
static _Thread_local ssat_status error_status = SSAT_OK;

const char *ssat_status_str(ssat_status status)
{
    switch (status) {
    case SSAT_OK: return "ok";
    case SSAT_ERR_NOMEM: return "out of memory";
    case SSAT_ERR_INVALID_ARG: return "invalid argument";
    case SSAT_ERR_PARSE: return "parse error";
    case SSAT_ERR_NOT_EVALUABLE: return "not evaluable";
    case SSAT_ERR_STATE: return "invalid state";
    case SSAT_ERR_RANGE: return "out of range";
    case SSAT_ERR_UNKNOWN_CODE: return "unknown attendance code";
    case SSAT_ERR_DUPLICATE: return "duplicate";
    case SSAT_ERR_NOT_FOUND: return "not found";
    case SSAT_ERR_INVALID_DATA: return "invalid data";
    }
    return "unknown status";
}

const char *ssat_error_message(void)
{
    return error_message;
}

ssat_status ssat_error_status(void)
{
    return error_status;
}

void ssat_error_clear(void)
{
    error_message[0] = '\0';
    error_status = SSAT_OK;
}

void ssat__error_record(ssat_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(error_message, sizeof error_message, fmt, ap);
    va_end(ap);
    if (n < 0)
        error_message[0] = '\0';
    error_status = status;
}

void ssat__error_save(ssat__error_state *saved)
{
    saved->status = error_status;
    memcpy(saved->message, error_message, sizeof saved->message);
}

void ssat__error_restore(const ssat__error_state *saved)
{
    error_status = saved->status;
    memcpy(error_message, saved->message, sizeof error_message);
}
