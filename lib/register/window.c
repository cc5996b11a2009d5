/* Window kinds named by policies, their text form, and their resolution for an as-of date. */
#include "register_layer.h"

#include <stdio.h>
#include <stdlib.h>

#define WINDOW_N_MAX SSAT__WINDOW_N_MAX

ssat_status ssat_window_resolve(ssat_window_kind kind, int32_t n, const ssat_calendar *calendar,
                                const ssat_register *reg, ssat_date as_of, ssat_window *out)
{
    static const char fn[] = "ssat_window_resolve";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    memset(out, 0, sizeof *out);
    if (kind != SSAT_WINDOW_YEAR_TO_DATE && kind != SSAT_WINDOW_TERM && kind != SSAT_WINDOW_LAST_WEEKS &&
        kind != SSAT_WINDOW_LAST_SESSIONS)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'kind': unknown window kind %d", fn, (int)kind);
    if ((kind == SSAT_WINDOW_LAST_WEEKS || kind == SSAT_WINDOW_LAST_SESSIONS) && n < 1)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'n': %d is below 1", fn, (int)n);
    if (calendar == NULL && kind != SSAT_WINDOW_LAST_SESSIONS)
        return ssat__null_arg(fn, "calendar");
    switch (kind) {
    case SSAT_WINDOW_YEAR_TO_DATE:
        return ssat_calendar_window_year_to_date(calendar, as_of, out);
    case SSAT_WINDOW_TERM:
        return ssat_calendar_window_term(calendar, NULL, as_of, out);
    case SSAT_WINDOW_LAST_WEEKS:
        return ssat_calendar_window_last_weeks(calendar, as_of, n, out);
    case SSAT_WINDOW_LAST_SESSIONS:
        if (reg == NULL)
            return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'reg' is NULL; a last-sessions window needs "
                               "the register", fn);
        return ssat_register_window_last_sessions(reg, as_of, n, out);
    }
    return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'kind': unknown window kind %d", fn, (int)kind);
}

ssat_status ssat_window_kind_format(ssat_window_kind kind, int32_t n, char *buf, size_t cap)
{
    static const char fn[] = "ssat_window_kind_format";
    if (buf == NULL)
        return ssat__null_arg(fn, "buf");
    if (cap > 0)
        buf[0] = '\0';
    int len;
    switch (kind) {
    case SSAT_WINDOW_YEAR_TO_DATE: len = snprintf(buf, cap, "year_to_date"); break;
    case SSAT_WINDOW_TERM: len = snprintf(buf, cap, "term"); break;
    case SSAT_WINDOW_LAST_WEEKS:
    case SSAT_WINDOW_LAST_SESSIONS:
        if (n < 1 || n > WINDOW_N_MAX)
            return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'n': %d is outside 1..%d", fn, (int)n,
                               WINDOW_N_MAX);
        len = snprintf(buf, cap, "%s:%d", kind == SSAT_WINDOW_LAST_WEEKS ? "last_weeks" : "last_sessions", (int)n);
        break;
    default:
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'kind': unknown window kind %d", fn, (int)kind);
    }
    if (len < 0 || (size_t)len >= cap) {
        if (cap > 0)
            buf[0] = '\0';
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'cap': %zu bytes is too small", fn, cap);
    }
    return SSAT_OK;
}

/* Parse the N of "last_weeks:N": digits only, no leading zero, 1..WINDOW_N_MAX (so the text form of a
 * window is canonical: formatting what was parsed gives the same text). */
static bool parse_window_n(const char *s, int32_t *n)
{
    int32_t v = 0;
    if (*s == '\0' || *s == '0')
        return false;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9' || v > WINDOW_N_MAX)
            return false;
        v = v * 10 + (*s - '0');
    }
    *n = v;
    return v >= 1 && v <= WINDOW_N_MAX;
}

ssat_status ssat_window_kind_parse(const char *text, ssat_window_kind *kind_out, int32_t *n_out)
{
    static const char fn[] = "ssat_window_kind_parse";
    if (kind_out != NULL)
        *kind_out = SSAT_WINDOW_YEAR_TO_DATE;
    if (n_out != NULL)
        *n_out = 0;
    if (text == NULL)
        return ssat__null_arg(fn, "text");
    if (kind_out == NULL)
        return ssat__null_arg(fn, "kind_out");
    ssat_window_kind kind;
    int32_t n = 0;
    if (strcmp(text, "year_to_date") == 0)
        kind = SSAT_WINDOW_YEAR_TO_DATE;
    else if (strcmp(text, "term") == 0)
        kind = SSAT_WINDOW_TERM;
    else if (strncmp(text, "last_weeks:", 11) == 0 && parse_window_n(text + 11, &n))
        kind = SSAT_WINDOW_LAST_WEEKS;
    else if (strncmp(text, "last_sessions:", 14) == 0 && parse_window_n(text + 14, &n))
        kind = SSAT_WINDOW_LAST_SESSIONS;
    else
        return ssat__error(SSAT_ERR_PARSE, "%s: argument 'text': \"%.40s\" is not a window (expected year_to_date, "
                           "term, last_weeks:N or last_sessions:N with N in 1..%d)", fn, text, WINDOW_N_MAX);
    *kind_out = kind;
    if (n_out != NULL)
        *n_out = n;
    return SSAT_OK;
}
