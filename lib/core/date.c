/* Calendar dates as day numbers (days since 1970-01-01), ISO 8601 text, weekdays, school years and the
 * Easter computus. Proleptic Gregorian throughout; no clock and no time zone (docs/rules.md, "Attendance"). */
#include "core_layer.h"

#include <stdio.h>

/* ---- day-number arithmetic (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms") -------- */

/* The algorithms shift the year to start on 1 March so that the leap day is the last day of the
 * shifted year, then count 400-year eras of 146097 days. 64-bit intermediates keep any int32 input
 * free of overflow, which matters because weekday and school-year accept every ssat_date. */
ssat_date ssat__days_from_civil(int32_t y, int32_t m, int32_t d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;                                    /* [0, 399] */
    int64_t mp = (m + 9) % 12;                                       /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + d - 1;                        /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             /* [0, 146096] */
    return (ssat_date)(era * 146097 + doe - 719468);
}

void ssat__civil_from_days(ssat_date z, int32_t *y, int32_t *m, int32_t *d)
{
    int64_t zz = (int64_t)z + 719468;
    int64_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
    int64_t doe = zz - era * 146097;                                 /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);           /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                /* [0, 11] */
    int64_t dd = doy - (153 * mp + 2) / 5 + 1;                       /* [1, 31] */
    int64_t mm = mp < 10 ? mp + 3 : mp - 9;                          /* [1, 12] */
    *y = (int32_t)(yoe + era * 400 + (mm <= 2));
    *m = (int32_t)mm;
    *d = (int32_t)dd;
}

ssat_date ssat__date_min(void)
{
    return ssat__days_from_civil(SSAT_YEAR_MIN, 1, 1);
}

ssat_date ssat__date_max(void)
{
    return ssat__days_from_civil(SSAT_YEAR_MAX, 12, 31);
}

bool ssat__date_in_range(ssat_date d)
{
    return d >= ssat__date_min() && d <= ssat__date_max();
}

static bool is_leap(int32_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int32_t days_in_month(int32_t y, int32_t m)
{
    static const int8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool year_in_range(int32_t y)
{
    return y >= SSAT_YEAR_MIN && y <= SSAT_YEAR_MAX;
}

/* ---- validation of windows (used by every function that takes a window) -------------------------- */

static ssat_status check_half(ssat_half h, const char *field, const char *fn)
{
    /* Read as int: a caller (or a binding) may hand us any integer in the enum's storage. */
    int v = (int)h;
    if (v != SSAT_AM && v != SSAT_PM)
        return ssat__error(SSAT_ERR_INVALID_ARG,
                           "%s: argument 'window': field '%s' is %d, expected SSAT_AM (0) or SSAT_PM (1)", fn,
                           field, v);
    return SSAT_OK;
}

static ssat_status check_window_date(ssat_date d, const char *field, const char *fn)
{
    if (!ssat__date_in_range(d))
        return ssat__error(SSAT_ERR_INVALID_ARG,
                           "%s: argument 'window': field '%s' (day %ld) is outside years %d..%d", fn, field,
                           (long)d, SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    return SSAT_OK;
}

ssat_status ssat__window_check(const ssat_window *w, const char *fn)
{
    if (w == NULL)
        return ssat__null_arg(fn, "window");
    ssat_status st = check_window_date(w->first_date, "first_date", fn);
    if (st == SSAT_OK)
        st = check_half(w->first_half, "first_half", fn);
    if (st == SSAT_OK)
        st = check_window_date(w->last_date, "last_date", fn);
    if (st == SSAT_OK)
        st = check_half(w->last_half, "last_half", fn);
    if (st != SSAT_OK)
        return st;
    if (ssat__session(w->last_date, w->last_half) < ssat__session(w->first_date, w->first_half))
        return ssat__error(SSAT_ERR_INVALID_ARG,
                           "%s: argument 'window': field 'last_date'/'last_half' is before "
                           "'first_date'/'first_half'",
                           fn);
    return SSAT_OK;
}

/* ---- text ----------------------------------------------------------------------------------------- */

#define PARSE_FN "ssat_date_parse"

/* Check the shape "DDDD-DD-DD" character by character, so the message can name the first bad one
 * (1-based, as people count). Stops at the NUL, so a short string is never over-read. */
static ssat_status check_iso_shape(const char *iso)
{
    for (int i = 0; i < 10; i++) {
        char c = iso[i];
        bool dash = i == 4 || i == 7;
        if (c == '\0')
            return ssat__error(SSAT_ERR_PARSE,
                               PARSE_FN ": argument 'iso': text ends after %d characters, expected YYYY-MM-DD", i);
        if (dash && c != '-')
            return ssat__error(SSAT_ERR_PARSE, PARSE_FN ": argument 'iso': character %d must be '-'", i + 1);
        if (!dash && (c < '0' || c > '9'))
            return ssat__error(SSAT_ERR_PARSE, PARSE_FN ": argument 'iso': character %d must be a digit", i + 1);
    }
    if (iso[10] != '\0')
        return ssat__error(SSAT_ERR_PARSE,
                           PARSE_FN ": argument 'iso': unexpected character after YYYY-MM-DD at character 11");
    return SSAT_OK;
}

static int32_t digits(const char *s, int n)
{
    int32_t v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

ssat_status ssat_date_parse(const char *iso, ssat_date *out)
{
    if (out != NULL)
        *out = 0;
    if (iso == NULL)
        return ssat__null_arg(PARSE_FN, "iso");
    if (out == NULL)
        return ssat__null_arg(PARSE_FN, "out");
    ssat_status st = check_iso_shape(iso);
    if (st != SSAT_OK)
        return st;
    int32_t y = digits(iso, 4), m = digits(iso + 5, 2), d = digits(iso + 8, 2);
    if (m < 1 || m > 12)
        return ssat__error(SSAT_ERR_PARSE, PARSE_FN ": argument 'iso': month %02d does not exist", (int)m);
    if (d < 1 || d > days_in_month(y, m))
        return ssat__error(SSAT_ERR_PARSE, PARSE_FN ": argument 'iso': day %02d does not exist in %04d-%02d",
                           (int)d, (int)y, (int)m);
    if (!year_in_range(y))
        return ssat__error(SSAT_ERR_RANGE, PARSE_FN ": argument 'iso': year %04d is outside %d..%d", (int)y,
                           SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    *out = ssat__days_from_civil(y, m, d);
    return SSAT_OK;
}

ssat_status ssat_date_from_ymd(int32_t year, int32_t month, int32_t day, ssat_date *out)
{
    static const char fn[] = "ssat_date_from_ymd";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (!year_in_range(year))
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'year': %ld is outside %d..%d", fn, (long)year,
                           SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    if (month < 1 || month > 12)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'month': %ld is not 1..12", fn, (long)month);
    if (day < 1 || day > days_in_month(year, month))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'day': %ld does not exist in %04d-%02d", fn,
                           (long)day, (int)year, (int)month);
    *out = ssat__days_from_civil(year, month, day);
    return SSAT_OK;
}

static ssat_status date_range_error(const char *fn, ssat_date date)
{
    return ssat__error(SSAT_ERR_RANGE, "%s: argument 'date': day %ld is outside years %d..%d", fn, (long)date,
                       SSAT_YEAR_MIN, SSAT_YEAR_MAX);
}

ssat_status ssat_date_to_ymd(ssat_date date, int32_t *year, int32_t *month, int32_t *day)
{
    int32_t y = 0, m = 0, d = 0;
    ssat_status st = SSAT_OK;
    if (ssat__date_in_range(date))
        ssat__civil_from_days(date, &y, &m, &d);
    else
        st = date_range_error("ssat_date_to_ymd", date);
    if (year != NULL)
        *year = y;
    if (month != NULL)
        *month = m;
    if (day != NULL)
        *day = d;
    return st;
}

static void put_digits(char *p, int32_t v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* The buffer is left untouched when it is unusable (the header promises "nothing written"); when it is
 * usable but the date is out of range it receives "" so a caller that ignores the status prints
 * nothing rather than stale text. */
ssat_status ssat_date_format(ssat_date date, char *buf, size_t cap)
{
    static const char fn[] = "ssat_date_format";
    if (buf == NULL)
        return ssat__null_arg(fn, "buf");
    if (cap < SSAT_DATE_BUFSIZE)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'cap': %zu is less than SSAT_DATE_BUFSIZE (%d)", fn,
                           cap, SSAT_DATE_BUFSIZE);
    if (!ssat__date_in_range(date)) {
        buf[0] = '\0';
        return date_range_error(fn, date);
    }
    int32_t y, m, d;
    ssat__civil_from_days(date, &y, &m, &d);
    put_digits(buf, y, 4);
    buf[4] = '-';
    put_digits(buf + 5, m, 2);
    buf[7] = '-';
    put_digits(buf + 8, d, 2);
    buf[10] = '\0';
    return SSAT_OK;
}

/* ---- weekdays, school years, Easter --------------------------------------------------------------- */

int32_t ssat_date_weekday(ssat_date date)
{
    /* Day 0 (1970-01-01) was a Thursday (ISO 4). Normalise the remainder first: C's % keeps the sign. */
    int32_t r = ((date % 7) + 7) % 7;
    return (r + 3) % 7 + 1;
}

int32_t ssat_date_school_year(ssat_date date)
{
    int32_t y, m, d;
    ssat__civil_from_days(date, &y, &m, &d);
    return m >= 8 ? y : y - 1;
}

/* The anonymous Gregorian algorithm (Meeus, "Astronomical Algorithms"; Jones 1876; Butcher 1876):
 * a is the year's place in the 19-year Metonic cycle, h the epact-derived days to the Paschal full
 * moon, l the days from there to the following Sunday. */
static ssat_date easter(int32_t year)
{
    int32_t a = year % 19, b = year / 100, c = year % 100;
    int32_t d = b / 4, e = b % 4;
    int32_t f = (b + 8) / 25, g = (b - f + 1) / 3;
    int32_t h = (19 * a + b - d - g + 15) % 30;
    int32_t i = c / 4, k = c % 4;
    int32_t l = (32 + 2 * e + 2 * i - h - k) % 7;
    int32_t m = (a + 11 * h + 22 * l) / 451;
    int32_t n = h + l - 7 * m + 114;
    return ssat__days_from_civil(year, n / 31, n % 31 + 1);
}

ssat_status ssat_easter_sunday(int32_t year, ssat_date *out)
{
    static const char fn[] = "ssat_easter_sunday";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (!year_in_range(year))
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'year': %ld is outside %d..%d", fn, (long)year,
                           SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    *out = easter(year);
    return SSAT_OK;
}

/* ---- internal: the fixed-width fast path ---------------------------------------------------------- */

bool ssat__date_parse_fixed(const char *s, size_t len, ssat_date *out)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return false;
    static const int pos[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++)
        if ((unsigned)(s[pos[i]] - '0') > 9u)
            return false;
    int32_t y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m) || !year_in_range(y))
        return false;
    *out = ssat__days_from_civil(y, m, d);
    return true;
}

/* Decimal digits of 1 <= v <= 9999 without leading zeros into p; returns the count. (No snprintf:
 * every date of every criterion's message comes through here.) */
static size_t put_number(char *p, int32_t v)
{
    char tmp[8];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 && n < sizeof tmp);
    for (size_t i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    p[n] = '\0';
    return n;
}

/* One language's long form into buf (cap >= SSAT_DATE_LONG_BUFSIZE / 2 is plenty: the longest month
 * name is 10 bytes). The words and their order come from the catalogues, so a translator can change
 * them. Returns the length written. */
static size_t format_long_one(ssat_date date, ssat_lang lang, char *buf, size_t cap)
{
    static const char *const months[12] = {"date.month.1", "date.month.2", "date.month.3", "date.month.4",
                                           "date.month.5", "date.month.6", "date.month.7", "date.month.8",
                                           "date.month.9", "date.month.10", "date.month.11", "date.month.12"};
    int32_t y, m, d;
    ssat__civil_from_days(date, &y, &m, &d);
    char day[4], year[8];
    (void)put_number(day, d);
    (void)put_number(year, y);
    const char *month = ssat__message_template(months[m - 1], lang);
    const char *tmpl = ssat__message_template("date.long", lang);
    const char *args[3] = {day, month != NULL ? month : months[m - 1], year};
    size_t n = ssat__message_render(buf, cap, tmpl != NULL ? tmpl : "{1} {2} {3}", args, 3);
    return n < cap ? n : cap - 1;
}

ssat_status ssat_date_format_long(ssat_date date, ssat_lang lang, char *buf, size_t cap)
{
    static const char fn[] = "ssat_date_format_long";
    if (buf == NULL)
        return ssat__null_arg(fn, "buf");
    if (cap < SSAT_DATE_LONG_BUFSIZE)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'cap': %zu is less than SSAT_DATE_LONG_BUFSIZE (%d)",
                           fn, cap, SSAT_DATE_LONG_BUFSIZE);
    buf[0] = '\0';
    if (lang != SSAT_LANG_EN && lang != SSAT_LANG_CY && lang != SSAT_LANG_CY_EN)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'lang': %d is not a language", fn, (int)lang);
    if (!ssat__date_in_range(date))
        return date_range_error(fn, date);
    if (lang != SSAT_LANG_CY_EN) {
        (void)format_long_one(date, lang, buf, cap);
        return SSAT_OK;
    }
    size_t n = format_long_one(date, SSAT_LANG_CY, buf, cap);
    memcpy(buf + n, " / ", 4);
    (void)format_long_one(date, SSAT_LANG_EN, buf + n + 3, cap - n - 3);
    return SSAT_OK;
}

ssat__text ssat__text_date(ssat_date d)
{
    ssat__text t;
    if (ssat_date_format(d, t.s, sizeof t.s) != SSAT_OK)
        (void)snprintf(t.s, sizeof t.s, "day %ld", (long)d);
    return t;
}

ssat__text ssat__text_date_long(ssat_date d, ssat_lang lang)
{
    ssat__text t = {.s = ""};
    if (!ssat__date_in_range(d) || (lang != SSAT_LANG_EN && lang != SSAT_LANG_CY && lang != SSAT_LANG_CY_EN))
        return ssat__text_date(d);
    if (lang != SSAT_LANG_CY_EN) {
        (void)format_long_one(d, lang, t.s, sizeof t.s);
        return t;
    }
    size_t n = format_long_one(d, SSAT_LANG_CY, t.s, sizeof t.s);
    memcpy(t.s + n, " / ", 4);
    (void)format_long_one(d, SSAT_LANG_EN, t.s + n + 3, sizeof t.s - n - 3);
    return t;
}
