/*
 * bindings/ssat.i: the one SWIG interface for every language binding of libssat (Python, PHP).
 *
 * Design (Xapian style):
 * - Every failure becomes an exception of the class for its ssat_status, carrying ssat_error_message()
 *   (Python: ssat.InvalidArgument(ValueError) ...; PHP: SsatInvalidArgumentException extends
 *   SsatException ...). The classes are created inside the extension, so `php -d extension=ssat` and
 *   `import ssat._native` work alone. There is no "return an error code" mode (pitfall 35).
 * - Out-parameters become return values; borrowed structs are copied into language values at once
 *   (Python dict / PHP array, "records"), so nothing returned can dangle. A struct's record is a table
 *   of its fields (SSATB_INT/STR/DATE/HALF/CALL) read by runtime.i's ssatb_record(): a new member is one
 *   line of its table (docs/bindings.md, "Records").
 * - Opaque handles become classes whose destructors call ssat_*_free (GC-owned). The C library
 *   reference-counts code sets, so any free order of code set, register and summary is safe. Objects
 *   borrowed from a parent (a school's registers and pupil records) keep the parent alive, and an
 *   object whose destructor needs its parent (an import) holds it in C (see ssatb_borrowed, ssatb_ref).
 * - Dates: Python datetime.date or "YYYY-MM-DD" str in, datetime.date out; PHP "YYYY-MM-DD" strings.
 *   Halves: SSAT_AM/SSAT_PM or "AM"/"PM" in, "AM"/"PM" out.
 * - Register marks go in as one string/bytes without a copy (Python buffer protocol; PHP zend_string).
 *
 * Layout: the runtime (bindings/runtime.i: values, errors, the status check, generic typemaps), then ONE
 * SECTION PER PUBLIC HEADER in include/ssat/, then what differs per language (bindings/python/python.i,
 * bindings/php/php.i). A new header gets a new section before the per-language files. Every public
 * function is ignored by default (the `%rename("$ignore"...)` below) and must be bound explicitly,
 * either re-enabled as a plain function (`%rename("%s") ssat_x;` before its header's %include, which then
 * binds the header's own declaration) or called from a method/helper here;
 * tests/python/test_coverage.py and tests/php/test_coverage.php fail when a function of include/ is not
 * called from the generated wrapper.
 *
 * Naming: SWIG-visible class names are Ssat* (PHP class names are global, pitfall 18); module-level
 * functions keep their C names (ssat_*) in both languages. Helper functions written here are named
 * ssatb_* ("b" for binding) so they never collide with the API (pitfall 10); %extend helpers are named
 * SsatX_method by SWIG, and `#define SsatX ssat_x` maps the class onto the opaque C type. A method that
 * only calls its C function is a declaration without a body plus %ssatb_method (runtime.i), its out
 * parameters converted by the generic typemaps (docs/bindings.md, "Typemaps").
 */
#ifdef SWIGPHP
%module ssat
#else
%module(package="ssat") native
#endif

%{
#include "ssat.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <stdlib.h>

#ifdef SWIGPYTHON
#include <datetime.h>
#endif

/* The SWIG classes are the opaque C types under another name (see the header comment). */
#define SsatCodeSet ssat_codeset
#define SsatCalendar ssat_calendar
#define SsatRegister ssat_register
#define SsatSummary ssat_summary
#define SsatPolicy ssat_policy
#define SsatPupil ssat_pupil
#define SsatParent ssat_parent
#define SsatDecision ssat_decision
#define SsatPack ssat_pack
#define SsatCertificate ssat_certificate
#define SsatSchool ssat_school
#define SsatCsvMap ssat_csv_map
#define SsatCase ssat_case
#define SsatBatch ssat_batch
#define SsatEvaluation ssat_evaluation
#define SsatImport ssatb_import /* a binding struct holding the ssat_import (see ssat/school.h's section) */
%}

%include <stdint.i>

#ifdef SWIGPHP
%include "php/arguments.i" /* arguments by PHP's rules and in PHP's messages; the parameters' names */
#endif
%include "runtime.i" /* values, errors, exceptions and the generic typemaps of both languages */

/* ---- everything is bound explicitly ---------------------------------------------------------- */
/* Ignore every public function and struct of the headers below; re-enable or wrap each one here. */
%rename("$ignore", %$isfunction, regextarget=1) "^ssat_";
%rename("$ignore", %$isclass, regextarget=1) "^ssat_";

/* Opaque handles are SWIG classes (the #defines above make them the C types). Each is declared in
 * its header's section, after the helpers its %extend uses: SWIG emits %extend code where the struct
 * is declared. */

/* The headers give the constants (enumerators and #defines) to both languages:
 * Python ssat.native.SSAT_AM, PHP SSAT_AM. The allocator hooks are C-only: bindings pass NULL. */
%include "ssat/common.h"

/* ================================================================================================
 * ssat/version.h
 * ================================================================================================ */
%rename("%s") ssat_version_string;
%rename("%s") ssat_version_number;
%include "ssat/version.h"

/* ================================================================================================
 * ssat/errors.h
 * ================================================================================================ */
%typemap(in) ssat_status = int;
%rename("%s") ssat_status_str;
%rename("%s") ssat_error_message;
%rename("%s") ssat_error_clear;
%include "ssat/errors.h"

%rename(ssat_error_status) ssatb_error_status;
%inline %{
/* The status of the last failure on this thread (0 when none); never raises. */
int ssatb_error_status(void) { return (int)ssat_error_status(); }
%}

/* ================================================================================================
 * ssat/date.h
 * ================================================================================================ */
%rename("%s") ssat_date_parse;
%ssatb_status_returns("string", ssat_date_parse)
%ssatb_status_returns("string", ssat_date_from_ymd)
%ssatb_status_returns("string", ssat_easter_sunday)
%rename("%s") ssat_date_from_ymd;
%rename("%s") ssat_date_weekday;
%rename("%s") ssat_date_school_year;
%rename("%s") ssat_easter_sunday;
%include "ssat/date.h"

%rename(ssat_date_to_ymd) ssatb_date_to_ymd;
%rename(ssat_date_format) ssatb_date_format;
%rename(ssat_date_format_long) ssatb_date_format_long;
%inline %{
/* [year, month, day] */
ssatb_array_value ssatb_date_to_ymd(ssat_date date)
{
    int32_t y = 0, m = 0, d = 0;
    SSATB_CHECK(ssat_date_to_ymd(date, &y, &m, &d));
    ssatb_value list = ssatb_list();
    if (!SSATB_FAILED(list) &&
        (!ssatb_append(&list, ssatb_int(y)) || !ssatb_append(&list, ssatb_int(m)) || !ssatb_append(&list, ssatb_int(d))))
        ssatb_release(&list);
    return list;
}

/* "18 July 2025", "18 Gorffennaf 2025", or both for SSAT_LANG_CY_EN */
ssatb_text_value ssatb_date_format_long(ssat_date date, ssat_lang lang)
{
    char buf[SSAT_DATE_LONG_BUFSIZE];
    SSATB_CHECK(ssat_date_format_long(date, lang, buf, sizeof buf));
    return ssatb_str(buf);
}

/* "YYYY-MM-DD" */
ssatb_text_value ssatb_date_format(ssat_date date)
{
    char buf[SSAT_DATE_BUFSIZE];
    SSATB_CHECK(ssat_date_format(date, buf, sizeof buf));
    return ssatb_str(buf);
}
%}

/* ================================================================================================
 * ssat/problems.h: problem lists are converted to lists of records
 *   {id, severity, field, line, column, date (or null), half (or null), message_en, message_cy}
 * ================================================================================================ */
%include "ssat/problems.h"
%{
/* The computed fields: date and half only for a problem about a session, the messages. */
static ssatb_value ssatb_problem_date(const void *p)
{
    const ssat_problem *pr = p;
    return pr->has_session ? ssatb_date(pr->date) : ssatb_null();
}
static ssatb_value ssatb_problem_half(const void *p)
{
    const ssat_problem *pr = p;
    return pr->has_session ? ssatb_half(pr->half) : ssatb_null();
}
static ssatb_value ssatb_problem_en(const void *p) { return ssatb_str(ssat_problem_message(p, SSAT_LANG_EN)); }
static ssatb_value ssatb_problem_cy(const void *p) { return ssatb_str(ssat_problem_message(p, SSAT_LANG_CY)); }
static ssatb_value ssatb_problem_cy_en(const void *p) { return ssatb_str(ssat_problem_message(p, SSAT_LANG_CY_EN)); }
static const ssatb_field ssatb_problem_fields[] = {
    SSATB_STR(ssat_problem, id), SSATB_INT(ssat_problem, severity), SSATB_STR(ssat_problem, field),
    SSATB_INT(ssat_problem, line), SSATB_INT(ssat_problem, column), SSATB_CALL("date", ssatb_problem_date),
    SSATB_CALL("half", ssatb_problem_half), SSATB_CALL("message_en", ssatb_problem_en),
    SSATB_CALL("message_cy", ssatb_problem_cy), SSATB_CALL("message_cy_en", ssatb_problem_cy_en),
};
static ssatb_value ssatb_problem_at(const void *problems, size_t i)
{
    return SSATB_RECORD(ssat_problems_at(problems, i), ssatb_problem_fields);
}
static ssatb_value ssatb_problem_list(const ssat_problems *problems)
{
    return ssatb_list_of(ssat_problems_count(problems), ssatb_problem_at, problems);
}

/* A problem list for one call; NULL (pending NoMemory) on failure. */
static ssat_problems *ssatb_problems_new(void)
{
    ssat_problems *p = NULL;
    ssatb_check(ssat_problems_new(&p, NULL));
    return p;
}

/* What a call that collected into `problems` gives: the problem records, or its failure; frees them. */
static ssatb_value ssatb_problems_done(ssat_status st, ssat_problems *problems)
{
    ssatb_value list = ssatb_failed();
    if (st != SSAT_OK)
        ssatb_fail(st);
    else
        list = ssatb_problem_list(problems);
    ssat_problems_free(problems);
    return list;
}
%}

/* ================================================================================================
 * ssat/codeset.h: class SsatCodeSet; code records {index, code, category, flags, label_en, label_cy}
 * ================================================================================================ */
%rename("%s") ssat_codeset_builtin_count;
%rename("%s") ssat_codeset_builtin_name;
%rename("%s") ssat_category_name;
%include "ssat/codeset.h"

%{
static const ssatb_field ssatb_code_fields[] = {
    SSATB_STR(ssat_code_info, code), SSATB_INT(ssat_code_info, category), SSATB_INT(ssat_code_info, flags),
    SSATB_STR(ssat_code_info, label_en), SSATB_STR(ssat_code_info, label_cy),
};
/* {index, code, ...}: the index is the position in the set, not a field. */
static ssatb_value ssatb_code(const ssat_code_info *c, size_t index)
{
    ssatb_value d = SSATB_DICT("index", ssatb_int((int64_t)index));
    if (!SSATB_FAILED(d) && !ssatb_set_fields(&d, c, ssatb_code_fields, SSATB_COUNT(ssatb_code_fields)))
        ssatb_release(&d);
    return d;
}
static ssatb_value ssatb_code_at(const void *set, size_t i) { return ssatb_code(ssat_codeset_at(set, i), i); }
static ssatb_value ssatb_code_list(const ssat_codeset *set)
{
    return ssatb_list_of(ssat_codeset_count(set), ssatb_code_at, set);
}
%}

struct SsatCodeSet {};
typedef struct SsatCodeSet SsatCodeSet;
%newobject SsatCodeSet::builtin;
%newobject SsatCodeSet::copy;
%extend SsatCodeSet {
    /* A new, empty custom set (ssat_codeset_new). */
    SsatCodeSet(const char *name) { SSATB_FACTORY(ssat_codeset, ssat_codeset_new(name, NULL, &made)); }
    ~SsatCodeSet() { ssat_codeset_free($self); }

    /* A built-in set: "wales-2010" (default, also for null) or "england-2024". */
    static SsatCodeSet *builtin(const char *maybe_name = NULL)
    {
        SSATB_FACTORY(ssat_codeset, ssat_codeset_builtin(maybe_name, NULL, &made));
    }
    /* The names of the built-in sets. */
    static ssatb_array_value builtin_names()
    {
        return ssatb_names(ssat_codeset_builtin_count(), ssat_codeset_builtin_name);
    }
    /* An unfrozen copy under a new name. */
    SsatCodeSet *copy(const char *new_name) { SSATB_FACTORY(ssat_codeset, ssat_codeset_copy($self, new_name, &made)); }
    /* label_en, label_cy: NULL (null) for none. */
    void define(const char *code, ssat_category category, uint32_t flags = 0, const char *maybe_label_en = NULL,
                const char *maybe_label_cy = NULL)
    {
        ssatb_check(ssat_codeset_define($self, code, category, flags, maybe_label_en, maybe_label_cy));
    }
    void remove(const char *code)
    {
        ssatb_check(ssat_codeset_remove($self, code));
    }
    const char *name() { return ssat_codeset_name($self); }
    size_t size() { return ssat_codeset_size($self); }
    bool is_frozen() { return ssat_codeset_is_frozen($self) != 0; }
    /* The code record at index (definition order); RangeError when out of range. */
    ssatb_array_value at(size_t index)
    {
        const ssat_code_info *c = ssat_codeset_at($self, index);
        if (c == NULL) {
            ssatb_fail_msg(SSAT_ERR_RANGE, "code %zu does not exist: the set has %zu", index,
                           ssat_codeset_count($self));
            return ssatb_failed();
        }
        return ssatb_code(c, index);
    }
    /* The code record of `code`; raises UnknownCode. */
    ssatb_array_value lookup(const char *code)
    {
        size_t index = 0;
        const ssat_code_info *c = NULL;
        SSATB_CHECK(ssat_codeset_lookup($self, code, &index, &c));
        return ssatb_code(c, index);
    }
    /* Every code record, in definition order. */
    ssatb_array_value codes() { return ssatb_code_list($self); }
}

/* ================================================================================================
 * ssat/calendar.h: class SsatCalendar; windows are records (see ssatb_window)
 * ================================================================================================ */
%include "ssat/calendar.h"

struct SsatCalendar {};
typedef struct SsatCalendar SsatCalendar;
%extend SsatCalendar {
    /* The calendar of school year `school_year` (2024 = 2024/25) with the default census terms. */
    SsatCalendar(int32_t school_year) { SSATB_FACTORY(ssat_calendar, ssat_calendar_new(school_year, NULL, &made)); }
    ~SsatCalendar() { ssat_calendar_free($self); }
    int32_t school_year();
    void clear_terms();
    ssatb_void add_term(const char *name, ssat_date first, ssat_date last);
    size_t term_count();
    /* {name, first, last}; raises RangeError when out of range. */
    ssatb_array_value term_at(size_t index)
    {
        const char *name = NULL;
        ssat_date first = 0, last = 0;
        SSATB_CHECK(ssat_calendar_term_at($self, index, &name, &first, &last));
        return SSATB_DICT("name", ssatb_str(name), "first", ssatb_date(first), "last", ssatb_date(last));
    }
    ssatb_void add_closure(ssat_date first, ssat_date last);
    ssatb_as_bool is_school_day(ssat_date date, int32_t *out_bool);
    ssatb_as_int count_school_days(ssat_date first, ssat_date last, int32_t *out);
    ssatb_as_array window_year_to_date(ssat_date as_of, ssat_window *out);
    /* The named term (null: the term holding as_of, or the last one begun) up to as_of. */
    ssatb_as_array window_term(const char *maybe_name, ssat_date as_of, ssat_window *out);
    ssatb_as_array window_last_weeks(ssat_date as_of, int32_t weeks, ssat_window *out);
}
%ssatb_method(SsatCalendar, school_year, ssat_calendar_school_year)
%ssatb_method(SsatCalendar, clear_terms, ssat_calendar_clear_terms)
%ssatb_method(SsatCalendar, add_term, ssat_calendar_add_term)
%ssatb_method(SsatCalendar, term_count, ssat_calendar_term_count)
%ssatb_method(SsatCalendar, add_closure, ssat_calendar_add_closure)
%ssatb_method(SsatCalendar, is_school_day, ssat_calendar_is_school_day)
%ssatb_method(SsatCalendar, count_school_days, ssat_calendar_count_school_days)
%ssatb_method(SsatCalendar, window_year_to_date, ssat_calendar_window_year_to_date)
%ssatb_method(SsatCalendar, window_term, ssat_calendar_window_term)
%ssatb_method(SsatCalendar, window_last_weeks, ssat_calendar_window_last_weeks)

/* ================================================================================================
 * ssat/attendance.h (declared before register.h's section because registers return summaries):
 * class SsatSummary; summary records
 *   {window, <every ssat_totals field>, evaluable, attendance_tenths|null, attendance_pct|null,
 *    code_counts {code: count} (when the code set is known), pupil_id, register_errors, ...}
 * ================================================================================================ */
%include "ssat/attendance.h"

%{
/* Every field of ssat_totals, in header order (a test compares this list with the header). */
#define SSATB_TOTALS_FIELDS(X) \
    X(possible) X(attended) X(authorised) X(unauthorised) X(not_counted) X(missing) X(present) \
    X(approved_activity) X(late_before_close) X(late_after_close) X(holiday_authorised) \
    X(holiday_unauthorised) X(provisional) X(exclusion) X(illness) X(entries)

#define SSATB_TOTAL_FIELD(f) SSATB_INT(ssat_totals, f),
static const ssatb_field ssatb_totals_fields[] = {SSATB_TOTALS_FIELDS(SSATB_TOTAL_FIELD)};
#undef SSATB_TOTAL_FIELD
static ssatb_value ssatb_totals(const ssat_totals *t) { return SSATB_RECORD(t, ssatb_totals_fields); }

static ssatb_value ssatb_code_counts(const ssat_summary *s, const ssat_codeset *codes)
{
    ssatb_value d = ssatb_dict();
    size_t n = ssat_codeset_count(codes);
    for (size_t i = 0; i < n && !SSATB_FAILED(d); i++) {
        const ssat_code_info *c = ssat_codeset_at(codes, i);
        uint32_t count = 0;
        ssat_status st = ssat_summary_code_count(s, c->code, &count);
        if (st != SSAT_OK) {
            ssatb_fail(st);
            ssatb_release(&d);
        } else if (!ssatb_set(&d, c->code, ssatb_int(count))) {
            ssatb_release(&d);
        }
    }
    return d;
}

/* The whole summary as one record; `codes` (may be NULL) gives code_counts. */
static ssatb_value ssatb_summary_record(const ssat_summary *s, const ssat_codeset *codes)
{
    ssatb_value d = ssatb_dict();
    if (SSATB_FAILED(d))
        return d;
    int32_t tenths = 0;
    int evaluable = ssat_summary_evaluable(s) != 0;
    ssat_status st = ssat_summary_attendance_tenths(s, &tenths);
    if (evaluable && st != SSAT_OK) {
        ssatb_fail(st);
        ssatb_release(&d);
        return d;
    }
    const ssat_totals *t = ssat_summary_totals(s);
    if (!ssatb_set(&d, "window", ssatb_window(ssat_summary_window(s))) ||
        !ssatb_set_fields(&d, t, ssatb_totals_fields, SSATB_COUNT(ssatb_totals_fields)) ||
        !ssatb_set(&d, "evaluable", ssatb_bool(evaluable)) ||
        !ssatb_set(&d, "attendance_tenths", evaluable ? ssatb_int(tenths) : ssatb_null()) ||
        !ssatb_set(&d, "attendance_pct", evaluable ? ssatb_double(tenths / 10.0) : ssatb_null()) ||
        (codes != NULL && !ssatb_set(&d, "code_counts", ssatb_code_counts(s, codes))))
        ssatb_release(&d);
    return d;
}

/* An owning SsatSummary object for `s` (taken). */
static ssatb_value ssatb_summary_object(ssat_summary *s)
{
#ifdef SWIGPYTHON
    PyObject *o = SWIG_NewPointerObj((void *)s, SWIGTYPE_p_SsatSummary, SWIG_POINTER_OWN);
    if (o == NULL)
        ssat_summary_free(s);
    return o;
#else
    zval z;
    ZVAL_NULL(&z);
    SWIG_SetPointerZval(&z, (void *)s, SWIGTYPE_p_SsatSummary, 1);
    return z;
#endif
}

/* compute + record (+ the object when asked); frees everything on failure. */
static ssatb_value ssatb_summarise(const ssat_register *reg, const ssat_window *window, bool with_object)
{
    ssat_summary *s = NULL;
    SSATB_CHECK(ssat_attendance_compute(reg, window, &s));
    ssatb_value d = ssatb_summary_record(s, ssat_register_codeset(reg));
    if (SSATB_FAILED(d) || !with_object)
        ssat_summary_free(s);
    else if (!ssatb_set(&d, "summary", ssatb_summary_object(s)))
        ssatb_release(&d);
    return d;
}
%}

%rename("%s") ssat_percent_tenths;
ssatb_as_int ssat_percent_tenths(uint64_t part, uint64_t whole, int32_t *out);

%rename("%s") ssat_percent_decimals;
/* Decimals (1 to 9) part/whole needs never to read on the wrong side of num/den percent. */
int32_t ssat_percent_decimals(uint64_t part, uint64_t whole, uint32_t pct_num, uint32_t pct_den);
%rename(ssat_percent_format) ssatb_percent_format;
/* part/whole percent rounded half up to `decimals` decimals, e.g. "85.01"; NotEvaluable when whole is 0. */
ssatb_text_value ssatb_percent_format(uint64_t part, uint64_t whole, int32_t decimals = 1);
%{
static ssatb_value ssatb_percent_format(uint64_t part, uint64_t whole, int32_t decimals)
{
    char buf[32];
    SSATB_CHECK(ssat_percent_format(part, whole, decimals, buf, sizeof buf));
    return ssatb_str(buf);
}
%}

%rename(ssat_percent_compare) ssatb_percent_compare;
/* part/whole (cmp) num/den percent, exactly; raises NotEvaluable when whole is 0. */
ssatb_as_bool ssatb_percent_compare(uint64_t part, uint64_t whole, ssat_comparator cmp, uint32_t pct_num,
                                    uint32_t pct_den = 1, int32_t *out_bool);
%ssatb_alias(ssatb_percent_compare, ssat_percent_compare)

struct SsatSummary {};
typedef struct SsatSummary SsatSummary;
%newobject SsatRegister::compute;
%extend SsatSummary {
    /* ssat_attendance_compute */
    SsatSummary(const SsatRegister *reg, const ssat_window *window)
    {
        SSATB_FACTORY(ssat_summary, ssat_attendance_compute(reg, window, &made));
    }
    ~SsatSummary() { ssat_summary_free($self); }
    /* {possible, attended, ...}: every field of ssat_totals */
    ssatb_array_value totals() { return ssatb_totals(ssat_summary_totals($self)); }
    ssatb_array_value window() { return ssatb_window(ssat_summary_window($self)); }
    bool evaluable();
    ssatb_as_int code_count(const char *code, uint32_t *out);
    /* Tenths of a percent (869 = 86.9 %); raises NotEvaluable. */
    ssatb_as_int attendance_tenths(int32_t *out);
    /* rate (cmp) pct_num/pct_den percent, exactly; raises NotEvaluable (no threshold holds). */
    ssatb_as_bool compare(ssat_rate rate, ssat_comparator cmp, uint32_t pct_num, uint32_t pct_den = 1, int32_t *out_bool);
    /* The summary record; code_counts when `codes` (the register's code set) is given. */
    ssatb_array_value record(const SsatCodeSet *codes = NULL) { return ssatb_summary_record($self, codes); }
}
%ssatb_method(SsatSummary, evaluable, ssat_summary_evaluable)
%ssatb_method(SsatSummary, code_count, ssat_summary_code_count)
%ssatb_method(SsatSummary, attendance_tenths, ssat_summary_attendance_tenths)
%ssatb_method(SsatSummary, compare, ssat_summary_compare)

/* ================================================================================================
 * ssat/register.h: class SsatRegister
 * ================================================================================================ */
%include "ssat/register.h"
%{
/* A register borrowed from a school (ssat_school_register() gives a const register) is read-only. */
static int ssatb_register_writable(ssatb_self obj)
{
    if (ssatb_is_owned(obj))
        return 1;
    ssatb_fail_msg(SSAT_ERR_STATE, "this register belongs to a school and is read-only: import marks into the "
                   "school instead");
    return 0;
}
%}

struct SsatRegister {};
typedef struct SsatRegister SsatRegister;
%extend SsatRegister {
    /* An empty register using `codes` (kept alive and frozen by the register). */
    SsatRegister(const SsatCodeSet *codes) { SSATB_FACTORY(ssat_register, ssat_register_new(codes, &made)); }
    ~SsatRegister() { ssat_register_free($self); }
    /* The register's code set: its name and code records (the set itself stays with the register). */
    const char *codeset_name() { return ssat_codeset_name(ssat_register_codeset($self)); }
    ssatb_array_value codes() { return ssatb_code_list(ssat_register_codeset($self)); }
    void add_mark(ssatb_self obj, ssat_date date, ssat_half half, const char *code)
    {
        if (!ssatb_register_writable(obj))
            return;
        ssatb_check(ssat_register_add_mark($self, date, half, code));
    }
    void amend_mark(ssatb_self obj, ssat_date date, ssat_half half, const char *code)
    {
        if (!ssatb_register_writable(obj))
            return;
        ssatb_check(ssat_register_amend_mark($self, date, half, code));
    }
    /* The wide layout: one byte per session, AM then PM, each weekday from `start`; all or nothing.
     * Raises InvalidData whose `problems` lists every bad mark (1-based column in `marks`). */
    void add_marks(ssatb_self obj, ssat_date start, const char *marks, size_t len)
    {
        if (!ssatb_register_writable(obj))
            return;
        ssat_problems *problems = ssatb_problems_new();
        if (problems == NULL)
            return;
        ssat_status st = ssat_register_add_marks($self, start, marks, len, problems);
        if (st != SSAT_OK) {
            ssatb_fail(st);
            ssatb_fail_problems(ssatb_problem_list(problems));
        }
        ssat_problems_free(problems);
    }
    /* The session's code, "-" for an explicit missing mark, or null when it has no entry. */
    ssatb_as_maybe_text mark(ssat_date date, ssat_half half, const char **out);
    %ssatb_method(SsatRegister, mark, ssat_register_mark)
    size_t entry_count() { return ssat_register_entry_count($self); }
    /* First and last sessions with an entry; raises NotFound when empty. */
    ssatb_as_array span(ssat_window *out);
    %ssatb_method(SsatRegister, span, ssat_register_span)
    ssatb_as_array window_last_sessions(ssat_date as_of, int32_t sessions, ssat_window *out);
    %ssatb_method(SsatRegister, window_last_sessions, ssat_register_window_last_sessions)
    /* Every problem of the register against the calendar, as problem records. */
    ssatb_array_value validate(const SsatCalendar *calendar)
    {
        ssat_problems *problems = ssatb_problems_new();
        if (problems == NULL)
            return ssatb_failed();
        size_t errors = 0;
        ssat_status st = ssat_register_validate($self, calendar, problems, &errors);
        return ssatb_problems_done(st, problems);
    }
    /* A summary object (ssat_attendance_compute). */
    SsatSummary *compute(const ssat_window *window)
    {
        SSATB_FACTORY(ssat_summary, ssat_attendance_compute($self, window, &made));
    }
    /* The summary record with code_counts; with_object adds "summary" => the SsatSummary object. */
    ssatb_array_value summary(const ssat_window *window, bool with_object = false)
    {
        return ssatb_summarise($self, window, with_object);
    }
}

/* ================================================================================================
 * ssat/memory.h: ssat_free releases what libssat hands over (policy JSON and value texts below);
 * the binding copies such text into a language string and frees it at once.
 * ================================================================================================ */
%include "ssat/memory.h"
%{
/* A language string from a block the caller owns (freed here, whatever happens). */
static ssatb_value ssatb_owned_str(char *text)
{
    ssatb_value v = ssatb_str(text);
    ssat_free(text);
    return v;
}
%}

/* ================================================================================================
 * ssat/window.h: ssat_window_range; window kinds, records {kind, n}
 * ================================================================================================ */
%rename("%s") ssat_window_range;
%ssatb_status_returns("array", ssat_window_range)
%include "ssat/window.h"
%{
static ssatb_value ssatb_window_kind(ssat_window_kind kind, int32_t n)
{
    return SSATB_DICT("kind", ssatb_int(kind), "n", ssatb_int(n));
}
%}

%rename(ssat_window_resolve) ssatb_window_resolve;
%rename(ssat_window_kind_format) ssatb_window_kind_format;
%rename(ssat_window_kind_parse) ssatb_window_kind_parse;
/* The concrete window of a kind for an as-of date (register: LAST_SESSIONS only, else null). */
ssatb_array_value ssatb_window_resolve(ssat_window_kind kind, int32_t n, const SsatCalendar *calendar,
                                 const SsatRegister *reg, ssat_date as_of);
/* "year_to_date", "term", "last_weeks:N", "last_sessions:N" */
ssatb_text_value ssatb_window_kind_format(ssat_window_kind kind, int32_t n = 0);
/* {kind, n} */
ssatb_array_value ssatb_window_kind_parse(const char *text);
%{
static ssatb_value ssatb_window_resolve(ssat_window_kind kind, int32_t n, const ssat_calendar *calendar,
                                        const ssat_register *reg, ssat_date as_of)
{
    ssat_window w;
    SSATB_CHECK(ssat_window_resolve(kind, n, calendar, reg, as_of, &w));
    return ssatb_window(&w);
}

static ssatb_value ssatb_window_kind_format(ssat_window_kind kind, int32_t n)
{
    char buf[32];
    SSATB_CHECK(ssat_window_kind_format(kind, n, buf, sizeof buf));
    return ssatb_str(buf);
}

static ssatb_value ssatb_window_kind_parse(const char *text)
{
    ssat_window_kind kind = SSAT_WINDOW_YEAR_TO_DATE;
    int32_t n = 0;
    SSATB_CHECK(ssat_window_kind_parse(text, &kind, &n));
    return ssatb_window_kind(kind, n);
}
%}

/* ================================================================================================
 * ssat/policy.h: class SsatPolicy; key records {key, type, doc}
 * ================================================================================================ */
%include "ssat/policy.h"
%{
static ssatb_value ssatb_policy_key(const void *unused, size_t index)
{
    (void)unused;
    const char *key = NULL, *doc = NULL;
    ssat_value_type type = SSAT_VALUE_INT;
    SSATB_CHECK(ssat_policy_key_at(index, &key, &type, &doc));
    return SSATB_DICT("key", ssatb_str(key), "type", ssatb_int(type), "doc", ssatb_str(doc));
}

/* (Called here: the names are reached through builtin_names() only.) */
static const char *ssatb_policy_builtin_name(size_t i) { return ssat_policy_builtin_name(i); }
%}

%nodefaultctor SsatPolicy; /* made by builtin(), copy() or from_json() */
struct SsatPolicy {};
typedef struct SsatPolicy SsatPolicy;
%newobject SsatPolicy::builtin;
%newobject SsatPolicy::copy;
%newobject SsatPolicy::from_json;
%extend SsatPolicy {
    /* A copy of a built-in policy: "carmarthenshire" (default, also for null), "wales", "england-2024". */
    static SsatPolicy *builtin(const char *maybe_name = NULL)
    {
        SSATB_FACTORY(ssat_policy, ssat_policy_builtin(maybe_name, NULL, &made));
    }
    static ssatb_array_value builtin_names() { return ssatb_names(ssat_policy_builtin_count(), ssatb_policy_builtin_name); }
    /* A policy from a JSON document (str/bytes in Python, a string in PHP; read in place). */
    static SsatPolicy *from_json(const char *json, size_t len)
    {
        SSATB_FACTORY(ssat_policy, ssat_policy_from_json(json, len, NULL, &made));
    }
    /* Every key: {key, type (SSAT_VALUE_*), doc}. */
    static ssatb_array_value keys() { return ssatb_list_of(ssat_policy_key_count(), ssatb_policy_key, NULL); }
    /* The key record at index; raises RangeError. */
    static ssatb_array_value key_at(size_t index) { return ssatb_policy_key(NULL, index); }
    ~SsatPolicy() { ssat_policy_free($self); }
    SsatPolicy *copy() { SSATB_FACTORY(ssat_policy, ssat_policy_copy($self, &made)); }
    const char *name();
    ssatb_void set_name(const char *name);
    /* Same name and values. */
    bool equals(const SsatPolicy *other);
    ssatb_as_int get_int(const char *key, int64_t *out);
    ssatb_void set_int(const char *key, int64_t value);
    /* [num, den]: num/den percent */
    ssatb_array_value get_percent(const char *key)
    {
        uint32_t num = 0, den = 1;
        SSATB_CHECK(ssat_policy_get_percent($self, key, &num, &den));
        int64_t pair[2] = {num, den};
        return ssatb_list_of(2, ssatb_int_at, pair);
    }
    /* num/den percent; den is 1, 10, 100, ... 1000000. */
    ssatb_void set_percent(const char *key, uint32_t num, uint32_t den = 1);
    ssatb_as_int get_comparator(const char *key, ssat_comparator *out);
    ssatb_void set_comparator(const char *key, ssat_comparator value);
    ssatb_as_bool get_bool(const char *key, int32_t *out_bool);
    ssatb_void set_bool(const char *key, bool value);
    /* {kind, n} */
    ssatb_array_value get_window(const char *key)
    {
        ssat_window_kind kind = SSAT_WINDOW_YEAR_TO_DATE;
        int32_t n = 0;
        SSATB_CHECK(ssat_policy_get_window($self, key, &kind, &n));
        return ssatb_window_kind(kind, n);
    }
    ssatb_void set_window(const char *key, ssat_window_kind kind, int32_t n = 0);
    ssatb_as_maybe_text get_text(const char *key, const char **out);
    ssatb_void set_text(const char *key, const char *value);
    /* Any value in its text form: "85", "87.5", "<=", "true", "last_weeks:10", "wales-2010". */
    ssatb_as_text get_value_text(const char *key, char **out);
    ssatb_void set_value_text(const char *key, const char *text);
    /* The JSON document (every key). */
    ssatb_as_text to_json(char **out);
}
%ssatb_method(SsatPolicy, name, ssat_policy_name)
%ssatb_method(SsatPolicy, set_name, ssat_policy_set_name)
%ssatb_method(SsatPolicy, equals, ssat_policy_equal)
%ssatb_method(SsatPolicy, get_int, ssat_policy_get_int)
%ssatb_method(SsatPolicy, set_int, ssat_policy_set_int)
%ssatb_method(SsatPolicy, set_percent, ssat_policy_set_percent)
%ssatb_method(SsatPolicy, get_comparator, ssat_policy_get_comparator)
%ssatb_method(SsatPolicy, set_comparator, ssat_policy_set_comparator)
%ssatb_method(SsatPolicy, get_bool, ssat_policy_get_bool)
%ssatb_method(SsatPolicy, set_bool, ssat_policy_set_bool)
%ssatb_method(SsatPolicy, set_window, ssat_policy_set_window)
%ssatb_method(SsatPolicy, get_text, ssat_policy_get_text)
%ssatb_method(SsatPolicy, set_text, ssat_policy_set_text)
%ssatb_method(SsatPolicy, get_value_text, ssat_policy_get_value_text)
%ssatb_method(SsatPolicy, set_value_text, ssat_policy_set_value_text)
%ssatb_method(SsatPolicy, to_json, ssat_policy_to_json)

/* ================================================================================================
 * ssat/pupil.h: classes SsatPupil and SsatParent; compulsory school age
 *   parent history records {kind, pupil_id, date, absence (window record, null for a warning)}
 * ================================================================================================ */
%include "ssat/pupil.h"

%rename(ssat_compulsory_school_age) ssatb_compulsory_school_age;
%rename(ssat_is_compulsory_school_age) ssatb_is_compulsory_school_age;
/* {first, last}: the first and last days of compulsory school age */
ssatb_array_value ssatb_compulsory_school_age(ssat_date date_of_birth);
ssatb_as_bool ssatb_is_compulsory_school_age(ssat_date date_of_birth, ssat_date on, int32_t *out_bool);
%ssatb_alias(ssatb_is_compulsory_school_age, ssat_is_compulsory_school_age)
%{
static ssatb_value ssatb_compulsory_school_age(ssat_date date_of_birth)
{
    ssat_date first = 0, last = 0;
    SSATB_CHECK(ssat_compulsory_school_age(date_of_birth, &first, &last));
    return SSATB_DICT("first", ssatb_date(first), "last", ssatb_date(last));
}

static ssatb_value ssatb_parent_entry(const void *parent, size_t index)
{
    ssat_parent_event kind = SSAT_PARENT_WARNING;
    const char *pupil_id = NULL;
    ssat_date date = 0;
    ssat_window absence;
    memset(&absence, 0, sizeof absence);
    SSATB_CHECK(ssat_parent_at(parent, index, &kind, &pupil_id, &date, &absence));
    return SSATB_DICT("kind", ssatb_int(kind), "pupil_id", ssatb_str(pupil_id), "date", ssatb_date(date), "absence",
                      kind == SSAT_PARENT_WARNING ? ssatb_null() : ssatb_window(&absence));
}
%}

struct SsatPupil {};
typedef struct SsatPupil SsatPupil;
%extend SsatPupil {
    /* A pupil with every fact unknown (id: the school's pupil identifier). */
    SsatPupil(const char *id) { SSATB_FACTORY(ssat_pupil, ssat_pupil_new(id, NULL, &made)); }
    ~SsatPupil() { ssat_pupil_free($self); }
    const char *id();
    ssatb_void set_date_of_birth(ssat_date date_of_birth);
    /* raises NotFound when not recorded */
    ssatb_as_text date_of_birth(ssat_date *out);
    /* fact: SSAT_PUPIL_*; value: SSAT_FACT_UNKNOWN, SSAT_FACT_NO, SSAT_FACT_YES */
    ssatb_void set_fact(ssat_pupil_fact fact, ssat_fact value);
    int get_fact(ssat_pupil_fact fact);
}
%ssatb_method(SsatPupil, id, ssat_pupil_id)
%ssatb_method(SsatPupil, set_date_of_birth, ssat_pupil_set_date_of_birth)
%ssatb_method(SsatPupil, date_of_birth, ssat_pupil_date_of_birth)
%ssatb_method(SsatPupil, set_fact, ssat_pupil_set_fact)
%ssatb_method(SsatPupil, get_fact, ssat_pupil_get_fact)

struct SsatParent {};
typedef struct SsatParent SsatParent;
%extend SsatParent {
    /* A parent with an empty penalty-notice history. */
    SsatParent(const char *id) { SSATB_FACTORY(ssat_parent, ssat_parent_new(id, NULL, &made)); }
    ~SsatParent() { ssat_parent_free($self); }
    const char *id();
    /* kind: SSAT_PARENT_WARNING (absence null), SSAT_PARENT_NOTICE or SSAT_PARENT_PROCEEDINGS (absence: a window) */
    ssatb_void add(ssat_parent_event kind, const char *pupil_id, ssat_date date, const ssat_window *maybe_window = NULL);
    size_t count();
    /* The history entry at index; raises RangeError. */
    ssatb_array_value at(size_t index) { return ssatb_parent_entry($self, index); }
    ssatb_array_value entries() { return ssatb_list_of(ssat_parent_count($self), ssatb_parent_entry, $self); }
}
%ssatb_method(SsatParent, id, ssat_parent_id)
%ssatb_method(SsatParent, add, ssat_parent_add)
%ssatb_method(SsatParent, count, ssat_parent_count)

/* ================================================================================================
 * ssat/decision.h: class SsatDecision; criterion records
 *   {id, outcome, measure, value, whole, threshold, threshold_den, comparator, missing, message_en,
 *    message_cy, provisional, missing_marks} (value and threshold are dates for SSAT_MEASURE_DATE);
 *   decision records {kind, outcome, criteria, earliest_date (or null)}
 * ================================================================================================ */
%rename("%s") ssat_outcome_name;
%rename("%s") ssat_criterion_id_count;
%rename("%s") ssat_criterion_id_at;
%include "ssat/decision.h"

%{
static ssatb_value ssatb_measured(int64_t v, ssat_measure measure)
{
    if (measure == SSAT_MEASURE_DATE && v >= INT32_MIN && v <= INT32_MAX &&
        ssat_date_to_ymd((ssat_date)v, NULL, NULL, NULL) == SSAT_OK)
        return ssatb_date((ssat_date)v);
    return ssatb_int(v);
}

/* The computed fields: value and threshold (dates for SSAT_MEASURE_DATE), the messages. */
static ssatb_value ssatb_criterion_value(const void *c)
{
    return ssatb_measured(((const ssat_criterion *)c)->value, ((const ssat_criterion *)c)->measure);
}
static ssatb_value ssatb_criterion_threshold(const void *c)
{
    return ssatb_measured(((const ssat_criterion *)c)->threshold, ((const ssat_criterion *)c)->measure);
}
static ssatb_value ssatb_criterion_en(const void *c) { return ssatb_str(ssat_criterion_message(c, SSAT_LANG_EN)); }
static ssatb_value ssatb_criterion_cy(const void *c) { return ssatb_str(ssat_criterion_message(c, SSAT_LANG_CY)); }
static ssatb_value ssatb_criterion_cy_en(const void *c)
{
    return ssatb_str(ssat_criterion_message(c, SSAT_LANG_CY_EN));
}
static const ssatb_field ssatb_criterion_fields[] = {
    SSATB_STR(ssat_criterion, id), SSATB_INT(ssat_criterion, outcome), SSATB_INT(ssat_criterion, measure),
    SSATB_CALL("value", ssatb_criterion_value), SSATB_INT(ssat_criterion, whole),
    SSATB_CALL("threshold", ssatb_criterion_threshold), SSATB_INT(ssat_criterion, threshold_den),
    SSATB_INT(ssat_criterion, comparator), SSATB_STR(ssat_criterion, missing),
    SSATB_CALL("message_en", ssatb_criterion_en), SSATB_CALL("message_cy", ssatb_criterion_cy),
    SSATB_CALL("message_cy_en", ssatb_criterion_cy_en), SSATB_INT(ssat_criterion, provisional),
    SSATB_INT(ssat_criterion, missing_marks),
};
static ssatb_value ssatb_criterion(const ssat_criterion *c) { return SSATB_RECORD(c, ssatb_criterion_fields); }
static ssatb_value ssatb_criterion_at(const void *decision, size_t i)
{
    return ssatb_criterion(ssat_decision_at(decision, i));
}

static ssatb_value ssatb_earliest_date(const ssat_decision *decision)
{
    ssat_date d = 0;
    ssat_status st = ssat_decision_earliest_date(decision, &d);
    if (st == SSAT_ERR_NOT_FOUND)
        return ssatb_null();
    SSATB_CHECK(st);
    return ssatb_date(d);
}

/* Every criterion record of a decision, in order (a list / an array). */
static ssatb_value ssatb_decision_criteria(const ssat_decision *decision)
{
    return ssatb_list_of(ssat_decision_count(decision), ssatb_criterion_at, decision);
}

static ssatb_value ssatb_decision_record(const ssat_decision *decision)
{
    return SSATB_DICT("kind", ssatb_str(ssat_decision_kind(decision)), "outcome",
                      ssatb_int(ssat_decision_outcome(decision)), "criteria", ssatb_decision_criteria(decision),
                      "earliest_date", ssatb_earliest_date(decision));
}
%}

%rename(ssat_criterion_ids) ssatb_criterion_ids;
/* Every criterion id libssat defines. */
ssatb_array_value ssatb_criterion_ids(void);
%{
static ssatb_value ssatb_criterion_ids(void) { return ssatb_names(ssat_criterion_id_count(), ssat_criterion_id_at); }
%}

%nodefaultctor SsatDecision; /* made by the rules below */
struct SsatDecision {};
typedef struct SsatDecision SsatDecision;
%extend SsatDecision {
    ~SsatDecision() { ssat_decision_free($self); }
    /* "referral", "absence" or "penalty" */
    const char *kind() { return ssat_decision_kind($self); }
    /* SSAT_OUTCOME_MET, SSAT_OUTCOME_NOT_MET, SSAT_OUTCOME_UNKNOWN */
    int outcome() { return (int)ssat_decision_outcome($self); }
    size_t count() { return ssat_decision_count($self); }
    /* The criterion record at index; raises RangeError. */
    ssatb_array_value at(size_t index)
    {
        const ssat_criterion *c = ssat_decision_at($self, index);
        if (c == NULL) {
            ssatb_fail_msg(SSAT_ERR_RANGE, "criterion %zu does not exist: the decision has %zu", index,
                           ssat_decision_count($self));
            return ssatb_failed();
        }
        return ssatb_criterion(c);
    }
    /* The criterion record with that id; raises NotFound. */
    ssatb_array_value find(const char *id)
    {
        const ssat_criterion *c = NULL;
        SSATB_CHECK(ssat_decision_find($self, id, &c));
        return ssatb_criterion(c);
    }
    /* Every criterion record, in order. */
    ssatb_array_value criteria() { return ssatb_decision_criteria($self); }
    /* The earliest date the decision could become met, or null. */
    ssatb_maybe_text_value earliest_date() { return ssatb_earliest_date($self); }
    /* {kind, outcome, criteria, earliest_date} */
    ssatb_array_value record() { return ssatb_decision_record($self); }
}

/* ================================================================================================
 * ssat/rules.h: the decisions (SsatDecision objects) and projections
 * ================================================================================================ */
%include "ssat/rules.h"
%rename(ssat_referral_evaluate) ssatb_referral_evaluate;
%rename(ssat_absence_evaluate) ssatb_absence_evaluate;
%rename(ssat_penalty_evaluate) ssatb_penalty_evaluate;
%rename(ssat_penalty_amount_due) ssatb_penalty_amount_due;
%rename(ssat_projection_sessions_to_exceed) ssatb_projection_sessions_to_exceed;
%rename(ssat_projection_best_possible) ssatb_projection_best_possible;
%newobject ssatb_referral_evaluate;
%newobject ssatb_absence_evaluate;
%newobject ssatb_penalty_evaluate;
%rename(ssat_penalty_evaluate_years) ssatb_penalty_evaluate_years;
%newobject ssatb_penalty_evaluate_years;
/* pupil and parent may be null (unknown facts). */
SsatDecision *ssatb_referral_evaluate(const SsatPolicy *policy, const SsatRegister *reg, const SsatCalendar *calendar,
                                      const SsatPupil *pupil, ssat_date as_of);
SsatDecision *ssatb_absence_evaluate(const SsatPolicy *policy, const SsatRegister *reg, const SsatCalendar *calendar,
                                     ssat_date as_of);
SsatDecision *ssatb_penalty_evaluate(const SsatPolicy *policy, const SsatRegister *reg, const SsatCalendar *calendar,
                                     const SsatPupil *pupil, const SsatParent *parent, ssat_date as_of);
/* The previous school year's register and calendar: both or neither (InvalidArgument). */
SsatDecision *ssatb_penalty_evaluate_years(const SsatPolicy *policy, const SsatRegister *reg,
                                           const SsatCalendar *calendar, const SsatPupil *pupil,
                                           const SsatParent *parent, ssat_date as_of,
                                           const SsatRegister *previous_reg, const SsatCalendar *previous_calendar);
/* {pence, stage (SSAT_PAYMENT_*)} */
ssatb_array_value ssatb_penalty_amount_due(const SsatPolicy *policy, ssat_date issued, ssat_date paid_on);
%rename(ssat_penalty_received) ssatb_penalty_received;
%rename(ssat_penalty_amount_due_received) ssatb_penalty_amount_due_received;
%rename(ssat_penalty_is_repeat) ssatb_penalty_is_repeat;
/* The day a notice served on `served` by SSAT_SERVICE_HAND or SSAT_SERVICE_POST is received. */
ssatb_as_text ssatb_penalty_received(const SsatPolicy *policy, ssat_date served, int method, ssat_date *out);
%ssatb_alias(ssatb_penalty_received, ssat_penalty_received)
/* {pence, stage}: the periods run from receipt; repeat: a second notice (no early rate where the policy says). */
ssatb_array_value ssatb_penalty_amount_due_received(const SsatPolicy *policy, ssat_date received, ssat_date paid_on,
                                              bool repeat = false);
/* Whether a notice issued then to this parent for this pupil repeats an earlier one within the policy's months. */
ssatb_as_bool ssatb_penalty_is_repeat(const SsatPolicy *policy, const SsatParent *parent, const char *pupil_id,
                                      ssat_date issued, int32_t *out_bool);
%ssatb_alias(ssatb_penalty_is_repeat, ssat_penalty_is_repeat)
/* Consecutive attended sessions that lift attendance strictly above num/den percent. */
ssatb_as_int ssatb_projection_sessions_to_exceed(const SsatSummary *summary, uint32_t pct_num, uint32_t pct_den = 1,
                                                 int64_t *out);
%ssatb_alias(ssatb_projection_sessions_to_exceed, ssat_projection_sessions_to_exceed)
/* {attended, possible}: attending every remaining school-day session to 31 July */
ssatb_array_value ssatb_projection_best_possible(const SsatRegister *reg, const SsatCalendar *calendar, ssat_date as_of);
%{
static ssat_decision *ssatb_referral_evaluate(const ssat_policy *policy, const ssat_register *reg,
                                              const ssat_calendar *calendar, const ssat_pupil *pupil, ssat_date as_of)
{
    SSATB_FACTORY(ssat_decision, ssat_referral_evaluate(policy, reg, calendar, pupil, as_of, &made));
}

static ssat_decision *ssatb_absence_evaluate(const ssat_policy *policy, const ssat_register *reg,
                                             const ssat_calendar *calendar, ssat_date as_of)
{
    SSATB_FACTORY(ssat_decision, ssat_absence_evaluate(policy, reg, calendar, as_of, &made));
}

static ssat_decision *ssatb_penalty_evaluate(const ssat_policy *policy, const ssat_register *reg,
                                             const ssat_calendar *calendar, const ssat_pupil *pupil,
                                             const ssat_parent *parent, ssat_date as_of)
{
    SSATB_FACTORY(ssat_decision, ssat_penalty_evaluate(policy, reg, calendar, pupil, parent, as_of, &made));
}

static ssat_decision *ssatb_penalty_evaluate_years(const ssat_policy *policy, const ssat_register *reg,
                                                   const ssat_calendar *calendar, const ssat_pupil *pupil,
                                                   const ssat_parent *parent, ssat_date as_of,
                                                   const ssat_register *previous_reg,
                                                   const ssat_calendar *previous_calendar)
{
    SSATB_FACTORY(ssat_decision, ssat_penalty_evaluate_years(policy, reg, calendar, pupil, parent, as_of, previous_reg,
                                                             previous_calendar, &made));
}

static ssatb_value ssatb_penalty_amount_due(const ssat_policy *policy, ssat_date issued, ssat_date paid_on)
{
    int64_t pence = 0;
    ssat_payment_stage stage = SSAT_PAYMENT_EARLY;
    SSATB_CHECK(ssat_penalty_amount_due(policy, issued, paid_on, &pence, &stage));
    return SSATB_DICT("pence", ssatb_int(pence), "stage", ssatb_int(stage));
}

static ssatb_value ssatb_penalty_amount_due_received(const ssat_policy *policy, ssat_date received, ssat_date paid_on,
                                                     bool repeat)
{
    int64_t pence = 0;
    ssat_payment_stage stage = SSAT_PAYMENT_EARLY;
    SSATB_CHECK(ssat_penalty_amount_due_received(policy, received, paid_on, repeat ? 1 : 0, &pence, &stage));
    return SSATB_DICT("pence", ssatb_int(pence), "stage", ssatb_int(stage));
}

static ssatb_value ssatb_projection_best_possible(const ssat_register *reg, const ssat_calendar *calendar,
                                                  ssat_date as_of)
{
    int64_t attended = 0, possible = 0;
    SSATB_CHECK(ssat_projection_best_possible(reg, calendar, as_of, &attended, &possible));
    return SSATB_DICT("attended", ssatb_int(attended), "possible", ssatb_int(possible));
}
%}

/* ================================================================================================
 * Field values for packs and certificates: a mapping of field name to value (Python dict / any
 * mapping, PHP array keyed by field name). A value is text, a bool ("yes"/"no", for a yes/no field
 * only), an integer (decimal), a Python datetime.date (ISO) or None/null ("": unset). Edits through a
 * mapping are all or nothing: on the first failure every field already set is put back.
 * ================================================================================================ */
#ifdef SWIGPYTHON
/* SWIG cannot write the Python default of an ssatb_input (it would write 0): the wrappers apply the C
 * default when the argument is left out. */
%feature("python:cdefaultargs") SsatPack::add;
%feature("python:cdefaultargs") SsatCertificate::SsatCertificate;
%typemap(in) ssatb_input maybe_fields "$1 = $input == Py_None ? NULL : $input;"
%typemap(in) ssatb_input value "$1 = $input;"
#else
%typemap(in, phptype="?array") ssatb_input maybe_fields {
    SSATB_PHP_PARAM($input, "$1_name", $1);
    if (($1 = SSATB_PHP_TYPED($input)) == NULL)
        SWIG_fail;
    if (Z_ISNULL_P($1))
        $1 = NULL;
}
%ssatb_php_zval(ssatb_input value, "string|int|bool|null")
#endif
%{
/* One value as text, valid until ssatb_text_done(). */
typedef struct ssatb_text {
    const char *text;
    char buf[32];
#ifdef SWIGPYTHON
    PyObject *owner;
#endif
} ssatb_text;

static void ssatb_text_done(ssatb_text *t)
{
#ifdef SWIGPYTHON
    Py_CLEAR(t->owner);
#endif
    t->text = NULL;
}

/* Returns 1, or 0 with a pending failure (or, in Python, an exception set). `what` names the field.
 * A bool is "yes" or "no" for a fact field (`fact`); on any other field it is refused, since it would be
 * stored as the text "yes" (a reference, a name). */
static int ssatb_to_text(ssatb_input in, ssatb_text *t, const char *what, int fact)
{
    t->text = NULL;
#ifdef SWIGPYTHON
    t->owner = NULL;
    if (in == Py_None) {
        t->text = "";
        return 1;
    }
    if (PyBool_Check(in) && fact) {
        t->text = in == Py_True ? "yes" : "no";
        return 1;
    }
    if (PyBool_Check(in)) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: a bool is only for a yes/no field; this one takes text", what);
        return 0;
    }
    if (PyUnicode_Check(in)) {
        Py_INCREF(in);
        t->owner = in;
    } else if (PyLong_Check(in)) {
        t->owner = PyObject_Str(in);
    } else if (PyDateTime_Check(in)) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: a datetime.datetime is not a date; pass .date() (libssat has no clock)",
                       what);
        return 0;
    } else if (PyDate_Check(in)) {
        t->owner = PyObject_CallMethod(in, "isoformat", NULL);
    } else {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected str, bool, int, datetime.date or None, not %s", what,
                       Py_TYPE(in)->tp_name);
        return 0;
    }
    Py_ssize_t n = 0;
    const char *s = t->owner != NULL ? PyUnicode_AsUTF8AndSize(t->owner, &n) : NULL;
    if (s == NULL) {
        Py_CLEAR(t->owner);
        return 0;
    }
    if (strlen(s) != (size_t)n) {
        Py_CLEAR(t->owner);
        ssatb_fail_msg(SSAT_ERR_PARSE, "%s: the text holds a NUL character", what);
        return 0;
    }
    t->text = s;
    return 1;
#else
    ZVAL_DEREF(in);
    switch (Z_TYPE_P(in)) {
    case IS_NULL:
        t->text = "";
        return 1;
    case IS_TRUE:
    case IS_FALSE:
        if (!fact) {
            ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: a bool is only for a yes/no field; this one takes text", what);
            return 0;
        }
        t->text = Z_TYPE_P(in) == IS_TRUE ? "yes" : "no";
        return 1;
    case IS_LONG:
        snprintf(t->buf, sizeof t->buf, ZEND_LONG_FMT, Z_LVAL_P(in));
        t->text = t->buf;
        return 1;
    case IS_STRING:
        if (strlen(Z_STRVAL_P(in)) != Z_STRLEN_P(in)) {
            ssatb_fail_msg(SSAT_ERR_PARSE, "%s: the text holds a NUL character", what);
            return 0;
        }
        t->text = Z_STRVAL_P(in);
        return 1;
    default:
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected a string, bool, int or null, not %s", what,
                       zend_zval_type_name(in));
        return 0;
    }
#endif
}

/* An edit of several fields that can be undone: the previous value of each field set so far. */
typedef struct ssatb_undo_entry {
    char *field;
    char *old;
} ssatb_undo_entry;

typedef struct ssatb_edit {
    ssat_pack *pack;         /* a pack's item ... */
    size_t index;
    ssat_certificate *cert;  /* ... or a certificate's details */
    ssatb_undo_entry *undo;
    size_t n, cap;
} ssatb_edit;

static char *ssatb_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

/* Remember `old` as the value of `field` before this edit; 0 with a pending NoMemory. */
static int ssatb_edit_remember(ssatb_edit *e, const char *field, const char *old)
{
    if (e->n == e->cap) {
        size_t cap = e->cap != 0 ? e->cap * 2 : 8;
        ssatb_undo_entry *u = ssatb_alloc(e->undo, cap * sizeof *u);
        if (u == NULL)
            return 0;
        e->undo = u;
        e->cap = cap;
    }
    char *f = ssatb_strdup(field), *o = ssatb_strdup(old);
    if (f == NULL || o == NULL) {
        free(f);
        free(o);
        ssatb_fail_msg(SSAT_ERR_NOMEM, "out of memory");
        return 0;
    }
    e->undo[e->n].field = f;
    e->undo[e->n].old = o;
    e->n++;
    return 1;
}

/* Set one field (a pack item's or a certificate detail); 0 with a pending failure. */
static int ssatb_edit_set(ssatb_edit *e, const char *field, const char *value)
{
    ssat_status st;
    if (e->pack != NULL) {
        const char *old = NULL;
        st = ssat_pack_get(e->pack, e->index, field, &old);
        if (st == SSAT_OK) {
            if (!ssatb_edit_remember(e, field, old))
                return 0;
            st = ssat_pack_set(e->pack, e->index, field, value);
        }
    } else {
        /* ssat_certificate_get gives "" for an unknown detail; ssat_certificate_set then reports it. */
        if (!ssatb_edit_remember(e, field, ssat_certificate_get(e->cert, field)))
            return 0;
        st = ssat_certificate_set(e->cert, field, value);
    }
    if (st != SSAT_OK) {
        ssatb_fail(st);
        return 0;
    }
    return 1;
}

/* Put back every field set so far (in reverse order), then forget them. */
static void ssatb_edit_undo(ssatb_edit *e)
{
    while (e->n > 0) {
        ssatb_undo_entry *u = &e->undo[--e->n];
        if (e->pack != NULL)
            (void)ssat_pack_set(e->pack, e->index, u->field, u->old);
        else
            (void)ssat_certificate_set(e->cert, u->field, u->old);
        free(u->field);
        free(u->old);
    }
}

static void ssatb_edit_done(ssatb_edit *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->undo[i].field);
        free(e->undo[i].old);
    }
    free(e->undo);
    e->undo = NULL;
    e->n = e->cap = 0;
}

/* Whether a bool may be given for `field` of the edited item: a fact field (choices "yes,no"), or a
 * field its kind does not have (ssat_pack_set then names it). Certificate details are all text. */
static int ssatb_edit_is_fact(const ssatb_edit *e, const char *field)
{
    const char *kind = e->pack != NULL ? ssat_pack_item_kind(e->pack, e->index) : NULL;
    if (kind == NULL)
        return 0;
    size_t n = ssat_pack_field_count(kind);
    for (size_t i = 0; i < n; i++) {
        const char *name = NULL, *choices = NULL;
        if (ssat_pack_field_at(kind, i, &name, &choices) == SSAT_OK && strcmp(name, field) == 0)
            return strcmp(choices, "yes,no") == 0;
    }
    return 1;
}

/* Set every field of the mapping `fields`, all or nothing. Returns 1, or 0 with a pending failure (or,
 * in Python, an exception set) and every field as it was. `what` names the target in messages. */
static int ssatb_edit_apply(ssatb_edit *e, ssatb_input fields, const char *what)
{
    char where[160];
    ssatb_map m;
    const char *field = NULL;
    ssatb_input value = NULL;
    int more = 0, ok = ssatb_map_begin(&m, fields, what);
    while (ok && (more = ssatb_map_next(&m, &field, &value)) > 0) {
        snprintf(where, sizeof where, "%s: field '%s'", what, field);
        ssatb_text t;
        ok = ssatb_to_text(value, &t, where, ssatb_edit_is_fact(e, field)) && ssatb_edit_set(e, field, t.text);
        ssatb_text_done(&t);
    }
    ssatb_map_end(&m);
    if (more < 0)
        ok = 0;
    if (!ok)
        ssatb_edit_undo(e);
    ssatb_edit_done(e);
    return ok;
}
%}

/* ================================================================================================
 * ssat/evidence.h: class SsatPack; item kinds and fields; field records {name, choices (list)};
 *   an item is a record of its set fields {field: text} (unset fields are left out, as in the JSON);
 *   items() gives [{kind, fields}, ...]; check() gives problem records (and writes the pupil's facts).
 * ================================================================================================ */
%rename("%s") ssat_pack_kind_count;
%rename("%s") ssat_pack_kind_at;
%rename("%s") ssat_pack_field_count;
%include "ssat/evidence.h"

%{
/* "a,b,c" as a list ("" is the empty list). */
static ssatb_value ssatb_choices(const char *choices)
{
    ssatb_value list = ssatb_list();
    const char *p = choices;
    char buf[128];
    while (!SSATB_FAILED(list) && p != NULL && *p != '\0') {
        size_t n = strcspn(p, ",");
        snprintf(buf, sizeof buf, "%.*s", (int)n, p);
        if (!ssatb_append(&list, ssatb_str(buf)))
            ssatb_release(&list);
        p += n;
        if (*p == ',')
            p++;
    }
    return list;
}

static ssatb_value ssatb_pack_field(const void *kind, size_t index)
{
    const char *name = NULL, *choices = NULL;
    SSATB_CHECK(ssat_pack_field_at(kind, index, &name, &choices));
    return SSATB_DICT("name", ssatb_str(name), "choices", ssatb_choices(choices));
}

/* The item's kind; NULL with a pending RangeError when there is no such item. */
static const char *ssatb_pack_kind(const ssat_pack *pack, size_t index)
{
    const char *kind = ssat_pack_item_kind(pack, index);
    if (kind == NULL)
        ssatb_fail_msg(SSAT_ERR_RANGE, "item %zu does not exist: the pack has %zu item(s)", index, ssat_pack_count(pack));
    return kind;
}

/* {field: text} of the item's set fields, in the order of its kind's fields. */
static ssatb_value ssatb_pack_fields(const ssat_pack *pack, size_t index)
{
    const char *kind = ssatb_pack_kind(pack, index);
    if (kind == NULL)
        return ssatb_failed();
    ssatb_value d = ssatb_dict();
    size_t n = ssat_pack_field_count(kind);
    for (size_t i = 0; i < n && !SSATB_FAILED(d); i++) {
        const char *name = NULL, *value = NULL;
        ssat_status st = ssat_pack_field_at(kind, i, &name, NULL);
        if (st == SSAT_OK)
            st = ssat_pack_get(pack, index, name, &value);
        if (st != SSAT_OK) {
            ssatb_fail(st);
            ssatb_release(&d);
        } else if (value[0] != '\0' && !ssatb_set(&d, name, ssatb_str(value))) {
            ssatb_release(&d);
        }
    }
    return d;
}

/* {kind, fields} */
static ssatb_value ssatb_pack_item(const void *pack, size_t index)
{
    return SSATB_DICT("kind", ssatb_str(ssat_pack_item_kind(pack, index)), "fields", ssatb_pack_fields(pack, index));
}
%}

%rename(ssat_pack_field_at) ssatb_pack_field_at;
/* {name, choices}: the field at index of an item kind (choices: [] for free text, ["yes", "no"] for
 * facts); raises NotFound (unknown kind) or RangeError. */
ssatb_array_value ssatb_pack_field_at(const char *kind, size_t index);
%{
static ssatb_value ssatb_pack_field_at(const char *kind, size_t index) { return ssatb_pack_field(kind, index); }
%}

struct SsatPack {};
typedef struct SsatPack SsatPack;
%newobject SsatPack::copy;
%newobject SsatPack::from_json;
%extend SsatPack {
    /* An empty pack. */
    SsatPack() { SSATB_FACTORY(ssat_pack, ssat_pack_new(NULL, &made)); }
    ~SsatPack() { ssat_pack_free($self); }
    /* A pack from its JSON document (str/bytes in Python, a string in PHP; read in place). ParseError
     * names the path ("items[3].fields.date_sent"); Duplicate a second form or certificate. */
    static SsatPack *from_json(const char *json, size_t len)
    {
        SSATB_FACTORY(ssat_pack, ssat_pack_from_json(json, len, NULL, &made));
    }
    /* Every item kind ("concern", "letter", ...). */
    static ssatb_array_value kinds() { return ssatb_names(ssat_pack_kind_count(), ssat_pack_kind_at); }
    /* Every field record {name, choices} of an item kind; raises NotFound for an unknown kind. */
    static ssatb_array_value fields(const char *kind)
    {
        size_t n = ssat_pack_field_count(kind);
        if (n == 0)
            return ssatb_pack_field(kind, 0); /* the library's NotFound, naming the kinds */
        return ssatb_list_of(n, ssatb_pack_field, kind);
    }
    SsatPack *copy() { SSATB_FACTORY(ssat_pack, ssat_pack_copy($self, &made)); }
    /* Same items with the same values in the same order. */
    bool equals(const SsatPack *other) { return ssat_pack_equal($self, other) != 0; }
    size_t count() { return ssat_pack_count($self); }
    /* Add an item of `kind` with the fields given (null: none), all or nothing; returns its index.
     * Raises NotFound (kind or field), Duplicate (a second form or certificate), ParseError (a value
     * that does not fit: the message names the item, e.g. "letter[0].date_sent"). */
    ssatb_int_value add(const char *kind, ssatb_input maybe_fields = NULL)
    {
        size_t index = 0;
        SSATB_CHECK(ssat_pack_add($self, kind, &index));
        if (maybe_fields != NULL) {
            ssatb_edit e = {$self, index, NULL, NULL, 0, 0};
            if (!ssatb_edit_apply(&e, maybe_fields, kind)) {
                (void)ssat_pack_remove($self, index);
                return ssatb_failed();
            }
        }
        return ssatb_int((int64_t)index);
    }
    /* Set fields of the item at index ("" or null clears one), all or nothing. */
    ssatb_void_value update(size_t index, ssatb_input fields)
    {
        char what[64];
        const char *kind = ssatb_pack_kind($self, index);
        if (kind == NULL)
            return ssatb_failed();
        snprintf(what, sizeof what, "item %zu (%s)", index, kind);
        ssatb_edit e = {$self, index, NULL, NULL, 0, 0};
        return ssatb_edit_apply(&e, fields, what) ? ssatb_null() : ssatb_failed();
    }
    /* Set one field ("" clears it). */
    ssatb_void set(size_t index, const char *field, const char *value);
    %ssatb_method(SsatPack, set, ssat_pack_set)
    /* One field's text ("" when unset). */
    ssatb_as_maybe_text get(size_t index, const char *field, const char **out);
    %ssatb_method(SsatPack, get, ssat_pack_get)
    ssatb_void remove(size_t index);
    %ssatb_method(SsatPack, remove, ssat_pack_remove)
    /* The kind of the item at index; RangeError when there is no such item. */
    ssatb_as_text kind(size_t index, const char **out)
    {
        *out = ssatb_pack_kind($self, index);
        return *out != NULL ? SSAT_OK : SSAT_ERR_RANGE;
    }
    /* {field: text} of the item's set fields; raises RangeError. */
    ssatb_array_value item(size_t index) { return ssatb_pack_fields($self, index); }
    /* Every item as {kind, fields}, in order. */
    ssatb_array_value items() { return ssatb_list_of(ssat_pack_count($self), ssatb_pack_item, $self); }
    /* Every problem of the pack for a referral, as problem records (none: complete). The register
     * (may be null) reconciles the certificate, the calendar (may be null) counts school days; the
     * pupil (may be null) receives the facts the pack establishes (ssat_pack_check). */
    ssatb_array_value check(const SsatPolicy *policy, const SsatRegister *reg = NULL, const SsatCalendar *calendar = NULL,
                      SsatPupil *pupil = NULL)
    {
        ssat_problems *problems = ssatb_problems_new();
        if (problems == NULL)
            return ssatb_failed();
        ssat_status st = ssat_pack_check($self, policy, reg, calendar, problems, pupil, NULL);
        return ssatb_problems_done(st, problems);
    }
    /* The JSON document (format "ssat-pack"). */
    ssatb_as_text to_json(char **out);
    %ssatb_method(SsatPack, to_json, ssat_pack_to_json)
}

/* ================================================================================================
 * ssat/certificate.h: class SsatCertificate; details record {pupil_id, pupil_name, school,
 *   issue_date, signatory_name, signatory_role} (texts, "" when unset); totals record (every field
 *   of ssat_totals); period (a window record); render() gives the text, HTML or JSON as a string.
 * ================================================================================================ */
%include "ssat/certificate.h"
%{
/* The details ssat_certificate_set() knows (certificate.h). */
static const char *const ssatb_certificate_details[] = {"pupil_id", "pupil_name", "school", "issue_date",
                                                        "signatory_name", "signatory_role"};
%}

struct SsatCertificate {};
typedef struct SsatCertificate SsatCertificate;
%extend SsatCertificate {
    /* The certificate of `reg` over the window `period` (ssat_certificate_new); calendar may be null.
     * It copies what it needs: the register may go first. Details (a mapping, may be null) are set
     * as by update(). */
    SsatCertificate(const SsatRegister *reg, const SsatCalendar *calendar, const ssat_window *window,
                    ssatb_input maybe_fields = NULL)
    {
        ssat_certificate *c = NULL;
        if (!ssatb_check(ssat_certificate_new(reg, calendar, window, &c)))
            return NULL;
        if (maybe_fields != NULL) {
            ssatb_edit e = {NULL, 0, c, NULL, 0, 0};
            if (!ssatb_edit_apply(&e, maybe_fields, "certificate details")) {
                ssatb_exception_to_pending("certificate details");
                ssat_certificate_free(c);
                return NULL;
            }
        }
        return c;
    }
    ~SsatCertificate() { ssat_certificate_free($self); }
    /* Set one detail: pupil_id, pupil_name, school, issue_date (ISO date), signatory_name,
     * signatory_role ("" or null clears; an int is written as text; a bool is refused). */
    ssatb_void_value set(const char *field, ssatb_input value)
    {
        ssatb_text t;
        if (!ssatb_to_text(value, &t, field != NULL ? field : "value", 0))
            return ssatb_failed();
        ssat_status st = ssat_certificate_set($self, field, t.text);
        ssatb_text_done(&t);
        SSATB_CHECK(st);
        return ssatb_null();
    }
    /* Set several details, all or nothing. */
    ssatb_void_value update(ssatb_input fields)
    {
        ssatb_edit e = {NULL, 0, $self, NULL, 0, 0};
        return ssatb_edit_apply(&e, fields, "certificate details") ? ssatb_null() : ssatb_failed();
    }
    /* A detail's text ("" when unset or unknown). */
    const char *get(const char *field) { return ssat_certificate_get($self, field); }
    /* Every detail {pupil_id, ..., signatory_role}. */
    ssatb_array_value details()
    {
        ssatb_value d = ssatb_dict();
        size_t n = sizeof ssatb_certificate_details / sizeof ssatb_certificate_details[0];
        for (size_t i = 0; i < n && !SSATB_FAILED(d); i++)
            if (!ssatb_set(&d, ssatb_certificate_details[i],
                           ssatb_str(ssat_certificate_get($self, ssatb_certificate_details[i]))))
                ssatb_release(&d);
        return d;
    }
    /* {possible, attended, authorised, unauthorised, ...}: every field of ssat_totals */
    ssatb_array_value totals() { return ssatb_totals(ssat_certificate_totals($self)); }
    /* The sessions covered (a window record). */
    ssatb_array_value period() { return ssatb_window(ssat_certificate_period($self)); }
    /* SSAT_CERTIFICATE_TEXT, _HTML or _JSON in SSAT_LANG_EN, SSAT_LANG_CY or SSAT_LANG_CY_EN (one
     * document, Welsh then English), as one string. */
    ssatb_as_text render(ssat_certificate_format format, ssat_lang lang = SSAT_LANG_EN, char **out);
    %ssatb_method(SsatCertificate, render, ssat_certificate_render)
    /* Give the pack's certificate item (added when absent) the certificate's details, period and
     * totals (ssat_certificate_to_pack), all or nothing. */
    ssatb_void to_pack(SsatPack *pack);
    %ssatb_method(SsatCertificate, to_pack, ssat_certificate_to_pack)
}

/* ================================================================================================
 * ssat/csvmap.h: class SsatCsvMap, how an MIS's CSV export is read (column names, date format, local
 *   codes), passed to SsatSchool.import_string/import_file and SsatCalendar.import_terms/_closures as
 *   their optional last argument. load_codes() raises InvalidData whose problems give file:line:column.
 * ================================================================================================ */
%include "ssat/csvmap.h"
struct SsatCsvMap {};
typedef struct SsatCsvMap SsatCsvMap;
%extend SsatCsvMap {
    SsatCsvMap() { SSATB_FACTORY(ssat_csv_map, ssat_csv_map_new(NULL, &made)); }
    ~SsatCsvMap() { ssat_csv_map_free($self); }
    /* "pupil_id=Adno,date=Date,session=Session,mark=Mark": the export's header name of each field. */
    ssatb_void set_columns(const char *spec);
    %ssatb_method(SsatCsvMap, set_columns, ssat_csv_map_set_columns)
    /* "yyyy-mm-dd" (the default) or "dd/mm/yyyy". */
    ssatb_void set_date_format(const char *format);
    %ssatb_method(SsatCsvMap, set_date_format, ssat_csv_map_set_date_format)
    /* A code map file (`local,statutory`), all or nothing; raises InvalidData (problems). */
    void load_codes(const char *data, size_t len, const char *maybe_source = NULL)
    {
        ssat_problems *problems = ssatb_problems_new();
        if (problems == NULL)
            return;
        ssat_status st = ssat_csv_map_load_codes($self, data, len, maybe_source, problems);
        if (st != SSAT_OK) {
            ssatb_fail(st);
            if (st == SSAT_ERR_INVALID_DATA)
                ssatb_fail_problems(ssatb_problem_list(problems));
        }
        ssat_problems_free(problems);
    }
    size_t code_count() { return ssat_csv_map_code_count($self); }
}

/* ================================================================================================
 * ssat/school.h: classes SsatSchool and SsatImport; the calendar's terms and closures imports.
 *   Pupils are named by id (methods raise NotFound for an unknown id). A school's registers, pupil
 *   records and code set are borrowed objects that keep the school alive (see ssatb_borrowed); its
 *   registers are read-only. Import records {source, kind, rows, problems (the warnings)}; a file with
 *   errors raises InvalidData whose problems give file:line:column, and the school is unchanged.
 *   Locations {source, line, column}.
 * ================================================================================================ */
%include "ssat/school.h"

%{
/* An import in progress: the C import, its problem list, and a reference to the school (the C import
 * needs the school until it is freed, so the reference is dropped only after ssat_import_free). */
typedef struct ssatb_import {
    ssat_import *imp;        /* NULL once finished, failed or closed */
    ssat_problems *problems; /* kept after the import, for problems() */
    ssatb_ref school;
    int kind;
    size_t rows;
    char source[272];
} ssatb_import;

/* Free the C import and let go of the school (the import can then only report its problems). */
static void ssatb_import_close(ssatb_import *im)
{
    if (im->imp == NULL)
        return;
    ssat_import_free(im->imp);
    im->imp = NULL;
    ssatb_ref_drop(&im->school);
}

static void ssatb_import_free(ssatb_import *im)
{
    if (im == NULL)
        return;
    ssatb_import_close(im);
    ssat_problems_free(im->problems);
    free(im);
}

static const char *ssatb_csv_kind_name(int kind)
{
    switch (kind) {
    case SSAT_CSV_AUTO: return "auto";
    case SSAT_CSV_LONG: return "long";
    case SSAT_CSV_WIDE: return "wide";
    case SSAT_CSV_PUPILS: return "pupils";
    default: return "?";
    }
}

/* {source, kind, rows, problems}: what a finished import read, with its warnings. */
static ssatb_value ssatb_import_record(const char *source, int kind, size_t rows, const ssat_problems *problems)
{
    return SSATB_DICT("source", ssatb_str(source), "kind", ssatb_str(ssatb_csv_kind_name(kind)), "rows",
                      ssatb_int((int64_t)rows), "problems", ssatb_problem_list(problems));
}

/* Finish a C import: the record, or a pending failure (InvalidData with every problem). */
static ssatb_value ssatb_import_end(ssat_import *imp, const char *source, int kind, ssat_problems *problems,
                                    size_t *rows_out)
{
    size_t rows = 0;
    ssat_status st = ssat_import_finish(imp, &rows);
    if (rows_out != NULL)
        *rows_out = rows;
    if (st != SSAT_OK) {
        ssatb_fail(st);
        if (st == SSAT_ERR_INVALID_DATA)
            ssatb_fail_problems(ssatb_problem_list(problems));
        return ssatb_failed();
    }
    return ssatb_import_record(source, kind, rows, problems);
}

/* A whole import in one call, from a reader: read(ctx, buf, cap) gives bytes read, 0 at the end, or -1
 * with a pending failure. `data`/`len` instead of a reader: one block, fed without a copy. */
typedef long long (*ssatb_reader)(void *ctx, char *buf, size_t cap);

/* How one import kind takes a block (CSV: ssat_import_feed, CTF: ssat_ctf_import_feed). */
typedef ssat_status (*ssatb_feeder)(void *imp, const char *data, size_t len);
static ssat_status ssatb_feed_csv(void *imp, const char *data, size_t len) { return ssat_import_feed(imp, data, len); }

/* Feed an import of either kind: `data`/`len` as one block (read == NULL), or what `read` gives in 1 MiB
 * chunks. The status of the first failed feed (not yet recorded); a reader's failure or NoMemory is
 * left pending (then InvalidArgument or NoMemory is returned). */
static ssat_status ssatb_feed_all(void *imp, ssatb_feeder feed, const char *data, size_t len, ssatb_reader read,
                                  void *ctx)
{
    if (read == NULL)
        return feed(imp, data, len);
    enum { CHUNK = 1 << 20 };
    char *buf = malloc(CHUNK);
    if (buf == NULL) {
        ssatb_fail_msg(SSAT_ERR_NOMEM, "out of memory");
        return SSAT_ERR_NOMEM;
    }
    ssat_status st = SSAT_OK;
    long long n = 0;
    while (st == SSAT_OK && (n = read(ctx, buf, CHUNK)) > 0)
        st = feed(imp, buf, (size_t)n);
    if (n < 0 && st == SSAT_OK)
        st = SSAT_ERR_INVALID_ARG; /* the reader's failure is pending */
    free(buf);
    return st;
}

static ssatb_value ssatb_import_run(ssat_school *school, int kind, const char *source, const char *data, size_t len,
                                    const ssat_csv_map *map, ssatb_reader read, void *ctx)
{
    ssat_problems *problems = ssatb_problems_new();
    if (problems == NULL)
        return ssatb_failed();
    ssat_import *imp = NULL;
    ssatb_value out = ssatb_failed();
    ssat_status st = ssat_import_new(school, (ssat_csv_kind)kind, source, problems, &imp);
    if (st == SSAT_OK && map != NULL)
        st = ssat_import_set_map(imp, map);
    if (st == SSAT_OK)
        st = ssatb_feed_all(imp, ssatb_feed_csv, data, len, read, ctx);
    if (st != SSAT_OK)
        ssatb_fail(st);
    else
        out = ssatb_import_end(imp, source != NULL ? source : "<input>", kind, problems, NULL);
    ssat_import_free(imp);
    ssat_problems_free(problems);
    return out;
}

/* Files are read by the language's own means: PHP streams (open_basedir, stream wrappers such as
 * compress.zlib://), C stdio under Python. */
#ifdef SWIGPYTHON
static long long ssatb_read_file(void *ctx, char *buf, size_t cap)
{
    FILE *f = ctx;
    size_t n = fread(buf, 1, cap, f);
    if (n == 0 && ferror(f)) {
        ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "read error");
        return -1;
    }
    return (long long)n;
}
static void *ssatb_file_open(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        ssatb_fail_msg(SSAT_ERR_NOT_FOUND, "%s: cannot open: %s", path, strerror(errno));
    return f;
}
static void ssatb_file_close(void *f) { fclose(f); }
#else
static long long ssatb_read_file(void *ctx, char *buf, size_t cap)
{
    ssize_t n = php_stream_read((php_stream *)ctx, buf, cap);
    if (n < 0) {
        ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "read error");
        return -1;
    }
    return (long long)n;
}
static void *ssatb_file_open(const char *path)
{
    php_stream *stream = php_stream_open_wrapper((char *)path, "rb", 0, NULL);
    if (stream == NULL)
        ssatb_fail_msg(SSAT_ERR_NOT_FOUND, "%s: cannot open", path);
    return stream;
}
static void ssatb_file_close(void *stream) { php_stream_close((php_stream *)stream); }
#endif

static ssatb_value ssatb_import_path(ssat_school *school, const char *path, int kind, const char *source,
                                     const ssat_csv_map *map)
{
    ssatb_value out;
    if (path == NULL) {
        ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "import_file: argument 'path' is null");
        return ssatb_failed();
    }
    void *f = ssatb_file_open(path);
    if (f == NULL)
        return ssatb_failed();
    out = ssatb_import_run(school, kind, source != NULL ? source : path, NULL, 0, map, ssatb_read_file, f);
    ssatb_file_close(f);
    return out;
}

/* The pupil's index; SIZE_MAX with a pending NotFound. */
static ssatb_value ssatb_pupil_id_at(const void *school, size_t i)
{
    return ssatb_str(ssat_school_pupil_id(school, i));
}

static size_t ssatb_school_index(const ssat_school *school, const char *pupil_id)
{
    size_t index = 0;
    if (!ssatb_check(ssat_school_find(school, pupil_id, &index)))
        return SIZE_MAX;
    return index;
}

/* Calendar imports (closures: 0 terms, 1 closures): the warnings, or a pending InvalidData with every
 * problem. */
static ssatb_value ssatb_calendar_import(ssat_calendar *cal, int closures, const char *data, size_t len,
                                         const char *source, const ssat_csv_map *map)
{
    ssat_problems *problems = ssatb_problems_new();
    if (problems == NULL)
        return ssatb_failed();
    ssatb_value out = ssatb_failed();
    ssat_status st;
    if (map != NULL)
        st = closures ? ssat_calendar_import_closures_mapped(cal, data, len, source, problems, map)
                      : ssat_calendar_import_terms_mapped(cal, data, len, source, problems, map);
    else
        st = closures ? ssat_calendar_import_closures(cal, data, len, source, problems)
                      : ssat_calendar_import_terms(cal, data, len, source, problems);
    if (st != SSAT_OK) {
        ssatb_fail(st);
        if (st == SSAT_ERR_INVALID_DATA)
            ssatb_fail_problems(ssatb_problem_list(problems));
    } else {
        out = ssatb_problem_list(problems);
    }
    ssat_problems_free(problems);
    return out;
}

static ssatb_value SsatCalendar_import_terms(ssat_calendar *cal, const char *data, size_t len, const char *source,
                                             const ssat_csv_map *map)
{
    return ssatb_calendar_import(cal, 0, data, len, source, map);
}

static ssatb_value SsatCalendar_import_closures(ssat_calendar *cal, const char *data, size_t len, const char *source,
                                                const ssat_csv_map *map)
{
    return ssatb_calendar_import(cal, 1, data, len, source, map);
}
%}

/* (Declared only: SWIG emits %extend bodies where the struct is declared, before this section; the
 * functions SsatCalendar_import_terms/_closures are defined above and called by the wrappers.) */
%extend SsatCalendar {
    /* Replace the terms with a terms file's (`name,start,end`), all or nothing; returns the warnings.
     * Raises InvalidData whose problems give file:line:column (source: the name in messages). */
    ssatb_array_value import_terms(const char *data, size_t len, const char *maybe_source = NULL, const SsatCsvMap *map = NULL);
    /* Add a closures file's days (`name,start,end`), all or nothing; as import_terms. */
    ssatb_array_value import_closures(const char *data, size_t len, const char *maybe_source = NULL,
                                const SsatCsvMap *map = NULL);
}

%nodefaultctor SsatImport; /* made by SsatSchool::begin_import() */
struct SsatImport {};
typedef struct SsatImport SsatImport;
%extend SsatImport {
    ~SsatImport() { ssatb_import_free($self); }
    /* The next bytes of the file, any chunking (str/bytes-like in Python, a string in PHP; read in
     * place). A failed feed closes the import. */
    void feed(const char *data, size_t len)
    {
        if ($self->imp == NULL) {
            ssatb_fail_msg(SSAT_ERR_STATE, "%s: the import is finished or closed", $self->source);
            return;
        }
        ssat_status st = ssat_import_feed($self->imp, data, len);
        if (st != SSAT_OK) {
            ssatb_fail(st);
            ssatb_import_close($self);
        }
    }
    /* End of file: commit to the school and return {source, kind, rows, problems (warnings)}, or raise
     * InvalidData (every problem, file:line:column; the school unchanged). Closes the import. */
    ssatb_array_value finish()
    {
        if ($self->imp == NULL) {
            ssatb_fail_msg(SSAT_ERR_STATE, "%s: the import is finished or closed", $self->source);
            return ssatb_failed();
        }
        ssatb_value rec = ssatb_import_end($self->imp, $self->source, $self->kind, $self->problems, &$self->rows);
        if (ssatb_pending.status != SSAT_ERR_NOMEM) /* after NoMemory, finishing may be tried again */
            ssatb_import_close($self);
        return rec;
    }
    /* Abandon the import (nothing changes in the school) or release a finished one; the school may
     * then be imported into again. Idempotent. */
    void close() { ssatb_import_close($self); }
    bool is_open() { return $self->imp != NULL; }
    const char *source() { return $self->source; }
    /* Every problem found so far (problem records). */
    ssatb_array_value problems() { return ssatb_problem_list($self->problems); }
    /* Errors among them: a caller feeding a large file in chunks can stop at the first. */
    size_t error_count() { return ssat_problems_error_count($self->problems); }
    /* Forget the problems found so far, once shown (a streaming import reports them as it goes);
     * the outcome does not change: an import with errors still fails at finish(). */
    void clear_problems() { ssat_problems_clear($self->problems); }
    /* Allow feed() a second thread for chunks of 256 KiB or more (ssat_import_set_threads: 0 or 1, this
     * thread only, the default; 2). The results are those of one thread. */
    void set_threads(int threads)
    {
        if ($self->imp == NULL)
            ssatb_fail_msg(SSAT_ERR_STATE, "%s: the import is finished or closed", $self->source);
        else
            ssatb_check(ssat_import_set_threads($self->imp, threads));
    }
}

struct SsatSchool {};
typedef struct SsatSchool SsatSchool;
%newobject SsatSchool::begin_import;
%rename("register") SsatSchool::pupil_register; /* `register` is a C keyword */
%extend SsatSchool {
    /* An empty school whose registers use `codes` (kept alive and frozen by the school). */
    SsatSchool(const SsatCodeSet *codes) { SSATB_FACTORY(ssat_school, ssat_school_new(codes, &made)); }
    ~SsatSchool() { ssat_school_free($self); }
    /* Pupils with a register or a record. */
    size_t count() { return ssat_school_count($self); }
    /* The id at index (ascending byte order); RangeError when there is no such pupil. */
    ssatb_as_text pupil_id(size_t index, const char **out)
    {
        *out = ssat_school_pupil_id($self, index);
        if (*out != NULL)
            return SSAT_OK;
        ssatb_fail_msg(SSAT_ERR_RANGE, "pupil %zu does not exist: the school has %zu pupil(s)", index,
                       ssat_school_count($self));
        return SSAT_ERR_RANGE;
    }
    /* Every pupil id, in ascending byte order. */
    ssatb_array_value ids() { return ssatb_list_of(ssat_school_count($self), ssatb_pupil_id_at, $self); }
    /* The pupil's index in ids() (valid until the next import); raises NotFound. */
    ssatb_int_value index(const char *pupil_id)
    {
        size_t i = ssatb_school_index($self, pupil_id);
        return i == SIZE_MAX ? ssatb_failed() : ssatb_int((int64_t)i);
    }
    bool contains(const char *pupil_id)
    {
        size_t index = 0;
        return pupil_id != NULL && ssat_school_find($self, pupil_id, &index) == SSAT_OK;
    }
    /* The school's code set (an SsatCodeSet that keeps the school alive). */
    ssatb_codeset_value codeset(ssatb_self obj)
    {
        return ssatb_borrowed((void *)ssat_school_codeset($self), SWIGTYPE_p_SsatCodeSet, obj);
    }
    /* The pupil's register: a read-only SsatRegister that keeps the school alive; raises NotFound. */
    ssatb_register_value pupil_register(ssatb_self obj, const char *pupil_id)
    {
        size_t i = ssatb_school_index($self, pupil_id);
        if (i == SIZE_MAX)
            return ssatb_failed();
        return ssatb_borrowed((void *)ssat_school_register($self, i), SWIGTYPE_p_SsatRegister, obj);
    }
    /* The pupil's record (date of birth, facts): an SsatPupil that keeps the school alive, and whose
     * facts set before evaluating rules stay with the school; raises NotFound. */
    ssatb_pupil_value pupil(ssatb_self obj, const char *pupil_id)
    {
        size_t i = ssatb_school_index($self, pupil_id);
        if (i == SIZE_MAX)
            return ssatb_failed();
        return ssatb_borrowed(ssat_school_pupil($self, i), SWIGTYPE_p_SsatPupil, obj);
    }
    /* "name" or "year_group" from the pupils file ("" when not known); raises NotFound, InvalidArgument. */
    ssatb_text_value detail(const char *pupil_id, const char *field)
    {
        size_t i = ssatb_school_index($self, pupil_id);
        if (i == SIZE_MAX)
            return ssatb_failed();
        const char *v = ssat_school_pupil_detail($self, i, field);
        if (v == NULL) {
            ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "detail: '%s' is not a pupil detail (use 'name' or 'year_group')",
                           field != NULL ? field : "(null)");
            return ssatb_failed();
        }
        return ssatb_str(v);
    }
    /* The last date with an entry in the school year the marks are about (an export's natural as-of
     * date; a stray row dated years away does not move it); raises NotFound. */
    ssatb_as_text last_date(ssat_date *out);
    %ssatb_method(SsatSchool, last_date, ssat_school_last_date)
    /* The marks dated outside school year `school_year` (the year evaluated), as warning records
     * located file:line:column ("school.mark_outside_year"; "school.marks_outside_year" counts them
     * when there are more than 100); RangeError for a year outside 1583..9998. */
    ssatb_array_value check_year(int32_t school_year)
    {
        ssat_problems *problems = ssatb_problems_new();
        if (problems == NULL)
            return ssatb_failed();
        ssat_status st = ssat_school_check_year($self, school_year, problems, NULL);
        return ssatb_problems_done(st, problems);
    }
    /* {source, line, column} of a session of the pupil's register in the file it came from (column 0:
     * the row only); raises NotFound when no register row was read for the pupil. */
    ssatb_array_value locate(const char *pupil_id, ssat_date date, ssat_half half)
    {
        size_t i = ssatb_school_index($self, pupil_id);
        if (i == SIZE_MAX)
            return ssatb_failed();
        const char *source = NULL;
        uint32_t line = 0, column = 0;
        SSATB_CHECK(ssat_school_locate($self, i, date, half, &source, &line, &column));
        return SSATB_DICT("source", ssatb_str(source), "line", ssatb_int(line), "column", ssatb_int(column));
    }
    /* A streamed import (feed(), then finish()); it keeps the school alive. One at a time per school:
     * StateError while another is open. kind: SSAT_CSV_AUTO (register, long or wide), _LONG, _WIDE,
     * _PUPILS; source: the file name in messages (null: "<input>"). */
    SsatImport *begin_import(ssatb_self obj, int kind = SSAT_CSV_AUTO, const char *maybe_source = NULL)
    {
        ssatb_import *im = calloc(1, sizeof *im);
        if (im == NULL) {
            ssatb_fail_msg(SSAT_ERR_NOMEM, "out of memory");
            return NULL;
        }
        snprintf(im->source, sizeof im->source, "%s", maybe_source != NULL ? maybe_source : "<input>");
        im->kind = kind;
        im->problems = ssatb_problems_new();
        ssat_status st = im->problems == NULL ? SSAT_ERR_NOMEM
                                              : ssat_import_new($self, (ssat_csv_kind)kind, maybe_source, im->problems, &im->imp);
        if (st != SSAT_OK) {
            if (im->problems != NULL)
                ssatb_fail(st);
            ssatb_import_free(im);
            return NULL;
        }
        im->school = ssatb_ref_take(obj);
        return im;
    }
    /* A whole file held in a string (read in place), all or nothing: {source, kind, rows, problems}. */
    ssatb_array_value import_string(const char *data, size_t len, int kind = SSAT_CSV_AUTO, const char *maybe_source = NULL,
                              const SsatCsvMap *map = NULL)
    {
        return ssatb_import_run($self, kind, maybe_source, data, len, map, NULL, NULL);
    }
    /* A file by path, streamed in 1 MiB chunks (PHP: any stream wrapper), all or nothing: as
     * import_string (source defaults to the path). NotFound when it cannot be opened. */
    ssatb_array_value import_file(const char *path, int kind = SSAT_CSV_AUTO, const char *maybe_source = NULL,
                            const SsatCsvMap *map = NULL)
    {
        return ssatb_import_path($self, path, kind, maybe_source, map);
    }
}

/* ================================================================================================
 * ssat/ctf.h: Common Transfer Files into a school, all or nothing, as the CSV imports:
 *   SsatSchool.import_ctf_string(data) / import_ctf_file(path) return {source, kind: "ctf", rows: the
 *   Pupil elements read, problems (the warnings, e.g. ctf.totals)} or raise InvalidData whose problems
 *   give file:line:column. ssat_ctf_code_set(data): the nation's built-in code set from a file's start;
 *   ssat_ctf_detect(data): 1 when the data looks like XML.
 * ================================================================================================ */
%rename("%s") ssat_ctf_detect;
%include "ssat/ctf.h"

%rename(ssat_ctf_code_set) ssatb_ctf_code_set;
%inline %{
/* "wales-2010" or "england-2024"; raises InvalidData-free errors: ParseError, NotFound. */
ssatb_text_value ssatb_ctf_code_set(const char *data, size_t len)
{
    const char *name = NULL;
    SSATB_CHECK(ssat_ctf_code_set(data, len, &name));
    return ssatb_str(name);
}
%}

%{
/* The CTF kind's feeder for ssatb_feed_all (the CSV one is in ssat/school.h's section). */
static ssat_status ssatb_feed_ctf(void *imp, const char *data, size_t len)
{
    return ssat_ctf_import_feed(imp, data, len);
}

/* A whole CTF import from a block or a reader (as ssatb_import_run for CSV). */
static ssatb_value ssatb_ctf_run(ssat_school *school, const char *source, const char *data, size_t len,
                                 ssatb_reader read, void *ctx)
{
    ssat_problems *problems = ssatb_problems_new();
    if (problems == NULL)
        return ssatb_failed();
    ssat_ctf_import *imp = NULL;
    ssatb_value out = ssatb_failed();
    ssat_status st = ssat_ctf_import_new(school, source, problems, &imp);
    if (st == SSAT_OK)
        st = ssatb_feed_all(imp, ssatb_feed_ctf, data, len, read, ctx);
    size_t pupils = 0;
    if (st == SSAT_OK)
        st = ssat_ctf_import_finish(imp, &pupils);
    if (st != SSAT_OK) {
        ssatb_fail(st);
        if (st == SSAT_ERR_INVALID_DATA)
            ssatb_fail_problems(ssatb_problem_list(problems));
    } else {
        ssatb_value rec = ssatb_import_record(source != NULL ? source : "<input>", SSAT_CSV_AUTO, pupils, problems);
        if (!SSATB_FAILED(rec) && !ssatb_set(&rec, "kind", ssatb_str("ctf")))
            ssatb_release(&rec);
        out = rec;
    }
    ssat_ctf_import_free(imp);
    ssat_problems_free(problems);
    return out;
}

static ssatb_value SsatSchool_import_ctf_string(ssat_school *school, const char *data, size_t len, const char *source)
{
    return ssatb_ctf_run(school, source, data, len, NULL, NULL);
}

static ssatb_value SsatSchool_import_ctf_file(ssat_school *school, const char *path, const char *source)
{
    ssatb_value out;
    if (path == NULL) {
        ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "import_ctf_file: argument 'path' is null");
        return ssatb_failed();
    }
    if (source == NULL)
        source = path;
    void *f = ssatb_file_open(path);
    if (f == NULL)
        return ssatb_failed();
    out = ssatb_ctf_run(school, source, NULL, 0, ssatb_read_file, f);
    ssatb_file_close(f);
    return out;
}
%}

/* (Declared only, defined above: see SsatCalendar's imports.) */
%extend SsatSchool {
    /* A whole Common Transfer File held in a string (read in place), all or nothing:
     * {source, kind: "ctf", rows: pupils read, problems (warnings)}; raises InvalidData. */
    ssatb_array_value import_ctf_string(const char *data, size_t len, const char *maybe_source = NULL);
    /* A Common Transfer File by path, streamed in 1 MiB chunks (PHP: any stream wrapper); as
     * import_ctf_string (source defaults to the path). NotFound when it cannot be opened. */
    ssatb_array_value import_ctf_file(const char *path, const char *maybe_source = NULL);
}

/* ================================================================================================
 * ssat/case.h: class SsatCase; trail entry records {sequence, event, date, actor, role, parent_id,
 *   detail, note, state_before, state_after, guard_values} (states as SSAT_CASE_* values). A refused
 *   event raises StateError whose `refusal` is the refusal decision's record {kind, outcome, criteria,
 *   earliest_date} (every guard, English and Welsh). The case's pupil record and pack are borrowed
 *   objects that keep the case alive; policy() is a copy (the case's own is read-only).
 * ================================================================================================ */
%rename("%s") ssat_case_state_name;
%rename("%s") ssat_case_event_count;
%rename("%s") ssat_case_event_at;
%include "ssat/case.h"

%{
static const ssatb_field ssatb_trail_fields[] = {
    SSATB_INT(ssat_trail_entry, sequence), SSATB_STR(ssat_trail_entry, event), SSATB_DATE(ssat_trail_entry, date),
    SSATB_STR(ssat_trail_entry, actor), SSATB_STR(ssat_trail_entry, role), SSATB_STR(ssat_trail_entry, parent_id),
    SSATB_STR(ssat_trail_entry, detail), SSATB_STR(ssat_trail_entry, note), SSATB_INT(ssat_trail_entry, state_before),
    SSATB_INT(ssat_trail_entry, state_after), SSATB_STR(ssat_trail_entry, guard_values),
    SSATB_STR(ssat_trail_entry, hash), SSATB_INT(ssat_trail_entry, voided_by),
};
static ssatb_value ssatb_trail_entry(const ssat_trail_entry *e) { return SSATB_RECORD(e, ssatb_trail_fields); }
static ssatb_value ssatb_trail_at(const void *c, size_t i) { return ssatb_trail_entry(ssat_case_trail_at(c, i)); }

/* What applying an event gives: the new trail entry, or the failure with the refusal's record. */
static ssatb_value ssatb_applied(const ssat_case *c, ssat_status st, ssat_decision *refusal)
{
    if (st != SSAT_OK) {
        ssatb_fail(st);
        if (refusal != NULL)
            ssatb_fail_refusal(ssatb_decision_record(refusal));
        ssat_decision_free(refusal);
        return ssatb_failed();
    }
    ssat_decision_free(refusal);
    return ssatb_trail_at(c, ssat_case_trail_count(c) - 1);
}
%}

/* A case's HMAC key (issue 15): bytes or str in Python, a string in PHP, read in place. */
%apply (const char *marks, size_t len) { (const char *key, size_t key_len) };

%nodefaultctor SsatCase;
struct SsatCase {};
typedef struct SsatCase SsatCase;
%newobject SsatCase::from_json;
%newobject SsatCase::new_keyed;
%newobject SsatCase::from_json_keyed;
%newobject SsatCase::replay;
%newobject SsatCase::policy;
%newobject SsatCase::next;
%extend SsatCase {
    /* A case in state monitoring for the pupil, under a copy of the policy. */
    SsatCase(const char *pupil_id, const SsatPolicy *policy)
    {
        SSATB_FACTORY(ssat_case, ssat_case_new(pupil_id, policy, &made));
    }
    ~SsatCase() { ssat_case_free($self); }
    /* A case from its JSON document (read in place) and the policy it names; ParseError names the path,
     * StateError when the trail does not replay. */
    static SsatCase *from_json(const char *json, size_t len, const SsatPolicy *policy)
    {
        SSATB_FACTORY(ssat_case, ssat_case_from_json(json, len, policy, &made));
    }
    /* A case whose trail is chained with HMAC-SHA-256 under `key` (16 to 4096 bytes). */
    static SsatCase *new_keyed(const char *pupil_id, const SsatPolicy *policy, const char *key, size_t key_len)
    {
        SSATB_FACTORY(ssat_case, ssat_case_new_keyed(pupil_id, policy, key, key_len, &made));
    }
    /* A keyed case from its JSON document (StateError for a wrong key or an edited trail). */
    static SsatCase *from_json_keyed(const char *json, size_t len, const SsatPolicy *policy, const char *key,
                                     size_t key_len)
    {
        SSATB_FACTORY(ssat_case, ssat_case_from_json_keyed(json, len, policy, key, key_len, &made));
    }
    /* The head of the trail's hash chain (64 hex digits). */
    const char *chain_head() { return ssat_case_chain_head($self); }
    /* Whether the chain is keyed (HMAC-SHA-256). */
    bool chain_keyed() { return ssat_case_chain_keyed($self) != 0; }
    /* Entries chained when an older document was loaded. */
    size_t chain_migrated() { return ssat_case_chain_migrated($self); }
    /* Every event id, in the library's order. */
    static ssatb_array_value events() { return ssatb_names(ssat_case_event_count(), ssat_case_event_at); }
    const char *pupil_id() { return ssat_case_pupil_id($self); }
    /* SSAT_CASE_MONITORING ... SSAT_CASE_CLOSED */
    int state() { return (int)ssat_case_get_state($self); }
    /* SSAT_CONTRACT_NONE ... SSAT_CONTRACT_COMPLETED */
    int contract() { return (int)ssat_case_contract($self); }
    /* "psp" or "idp" */
    bool plan_active(const char *plan) { return ssat_case_plan_active($self, plan) != 0; }
    /* The case's pupil record (an SsatPupil that keeps the case alive): set its facts through it. */
    ssatb_pupil_value pupil(ssatb_self obj) { return ssatb_borrowed(ssat_case_pupil($self), SWIGTYPE_p_SsatPupil, obj); }
    /* The case's referral pack (an SsatPack that keeps the case alive): add evidence through it. */
    ssatb_pack_value pack(ssatb_self obj) { return ssatb_borrowed(ssat_case_pack($self), SWIGTYPE_p_SsatPack, obj); }
    /* A copy of the case's policy. */
    SsatPolicy *policy() { SSATB_FACTORY(ssat_policy, ssat_policy_copy(ssat_case_policy($self), &made)); }
    /* Apply an event (ssat_case_apply_event; C order: register and calendar, may be null, first), with
     * optionally the previous school year's register and calendar (both or neither: England's limb window
     * across 1 August) and the parent's history (an SsatParent: notices about siblings). Returns the new
     * trail entry; a refused event raises StateError with `refusal` (the decision record: every guard). */
    ssatb_array_value apply(const SsatRegister *reg, const SsatCalendar *calendar, const char *event, ssat_date date,
                      const char *actor, const char *role, const char *maybe_parent = NULL,
                      const char *maybe_detail = NULL, const char *maybe_note = NULL,
                      const SsatRegister *previous_reg = NULL, const SsatCalendar *previous_calendar = NULL,
                      const SsatParent *history = NULL)
    {
        ssat_case_event e = SSAT_CASE_EVENT_INIT;
        e.event = event;
        e.date = date;
        e.actor = actor;
        e.role = role;
        e.parent_id = maybe_parent;
        e.detail = maybe_detail;
        e.note = maybe_note;
        e.reg = reg;
        e.calendar = calendar;
        e.history = history;
        e.previous_reg = previous_reg;
        e.previous_calendar = previous_calendar;
        ssat_decision *refusal = NULL;
        ssat_status st = ssat_case_apply_event($self, &e, &refusal);
        return ssatb_applied($self, st, refusal);
    }

    /* What can happen next on `date`: an SsatDecision (kind "next"), one criterion per event; with the
     * previous school year's register and calendar and the parent's history as apply() takes them
     * (ssat_case_next_event; without them ssat_case_next, which is the same call). */
    SsatDecision *next(const SsatRegister *reg, const SsatCalendar *calendar, ssat_date date,
                       const char *maybe_parent = NULL, const SsatRegister *previous_reg = NULL,
                       const SsatCalendar *previous_calendar = NULL, const SsatParent *history = NULL)
    {
        if (previous_reg == NULL && previous_calendar == NULL && history == NULL)
            SSATB_FACTORY(ssat_decision, ssat_case_next($self, reg, calendar, date, maybe_parent, &made));
        ssat_case_event context = SSAT_CASE_EVENT_INIT;
        context.date = date;
        context.parent_id = maybe_parent;
        context.reg = reg;
        context.calendar = calendar;
        context.history = history;
        context.previous_reg = previous_reg;
        context.previous_calendar = previous_calendar;
        SSATB_FACTORY(ssat_decision, ssat_case_next_event($self, &context, &made));
    }
    size_t trail_count() { return ssat_case_trail_count($self); }
    /* The trail entry at index; raises RangeError. */
    ssatb_array_value trail_at(size_t index)
    {
        const ssat_trail_entry *e = ssat_case_trail_at($self, index);
        if (e == NULL) {
            ssatb_fail_msg(SSAT_ERR_RANGE, "trail entry %zu does not exist: the trail has %zu", index,
                           ssat_case_trail_count($self));
            return ssatb_failed();
        }
        return ssatb_trail_entry(e);
    }
    /* Every trail entry, in order. */
    ssatb_array_value trail() { return ssatb_list_of(ssat_case_trail_count($self), ssatb_trail_at, $self); }
    /* The case rebuilt from its trail alone (StateError when it does not replay). */
    SsatCase *replay() { SSATB_FACTORY(ssat_case, ssat_case_replay($self, &made)); }
    bool equals(const SsatCase *other) { return ssat_case_equal($self, other) != 0; }
    /* Work overdue (errors) or due soon (warnings) on `on`, as problem records; calendar may be null. */
    ssatb_array_value overdue(const SsatCalendar *calendar, ssat_date on)
    {
        ssat_problems *problems = ssatb_problems_new();
        if (problems == NULL)
            return ssatb_failed();
        ssat_status st = ssat_case_overdue($self, calendar, on, problems);
        return ssatb_problems_done(st, problems);
    }
    /* The JSON document (format "ssat-case"). */
    ssatb_as_text to_json(char **out);
    %ssatb_method(SsatCase, to_json, ssat_case_to_json)
}

/* ================================================================================================
 * ssat/batch.h: class SsatBatch; result records {possible, attended, authorised, unauthorised, missing,
 *   limb_sessions, attendance_tenths (-1: not evaluable), flags (SSAT_BATCH_* bits)}; sessions are
 *   records {date, half}. evaluate() takes every pupil's marks in one string plus offsets (an immutable
 *   string read in place; the offsets and a writable buffer copied first, since the GIL is released), or
 *   a list of strings (joined once, in C); evaluate_school() a school's registers and run_of() one
 *   register, converted to the batch's sessions by the C API (ssat_batch_evaluate_school,
 *   ssat_batch_register_run). One ssat_batch_evaluate() call for all the pupils (threads optional;
 *   Python releases the GIL during evaluate()).
 * ================================================================================================ */
%include "ssat/batch.h"

%{
/* Every field of ssat_batch_result, in header order (a test compares this list with the header). */
#define SSATB_BATCH_FIELDS(X) \
    X(possible) X(attended) X(authorised) X(unauthorised) X(missing) X(limb_sessions) X(attendance_tenths) X(flags)

#define SSATB_BATCH_FIELD(f) SSATB_INT(ssat_batch_result, f),
static const ssatb_field ssatb_batch_fields[] = {SSATB_BATCH_FIELDS(SSATB_BATCH_FIELD)};
#undef SSATB_BATCH_FIELD
/* The records of n results, with each pupil's id when they are a school's (in its id order). */
static ssatb_value ssatb_batch_records(const ssat_batch_result *out, size_t n, const ssat_school *school)
{
    _Static_assert(SSATB_COUNT(ssatb_batch_fields) <= SSATB_MAX_KEYS, "ssatb_keys holds the batch's keys");
    ssatb_keys keys;
    if (!ssatb_keys_make(&keys, ssatb_batch_fields, SSATB_COUNT(ssatb_batch_fields), school ? "pupil_id" : NULL))
        return ssatb_failed();
    ssatb_value list = ssatb_list();
    for (size_t i = 0; i < n && !SSATB_FAILED(list); i++) {
        ssatb_value rec = ssatb_keyed_record(&out[i], &keys);
        if (school != NULL && !SSATB_FAILED(rec) &&
            !ssatb_set_key(&rec, keys.extra, ssatb_str(ssat_school_pupil_id(school, i))))
            ssatb_release(&rec);
        if (!ssatb_append(&list, rec))
            ssatb_release(&list);
    }
    ssatb_keys_done(&keys);
    return list;
}

static ssatb_value ssatb_batch_session(const void *batch, size_t index)
{
    ssat_date d = 0;
    ssat_half h = SSAT_AM;
    SSATB_CHECK(ssat_batch_session(batch, index, &d, &h));
    return SSATB_DICT("date", ssatb_date(d), "half", ssatb_half(h));
}

/* The marks of many pupils, back to back, and their offsets: borrowed from the caller's objects or
 * owned here. */
typedef struct ssatb_runs {
    const char *marks;
    size_t len;
    size_t *offsets; /* n + 1 */
    size_t n;
    char *own_marks;
    size_t *own_offsets;
    size_t cap, ocap;
    ssatb_bytes bytes; /* the caller's marks when given as one value, held until ssatb_runs_done() */
    int writable_in_place; /* `marks` is the caller's writable buffer (see ssatb_to_runs' keep_writable) */
} ssatb_runs;

static void ssatb_runs_done(ssatb_runs *r)
{
    free(r->own_marks);
    free(r->own_offsets);
    ssatb_bytes_release(&r->bytes);
    memset(r, 0, sizeof *r);
}

/* Room for `more` bytes in the owned buffer and one more pupil's offset; 0 with a pending NoMemory. */
static int ssatb_runs_grow(ssatb_runs *r, size_t more)
{
    if (r->own_offsets == NULL || r->n + 2 > r->ocap) {
        size_t ocap = r->ocap != 0 ? r->ocap * 2 : 256;
        size_t *o = ssatb_alloc(r->own_offsets, ocap * sizeof *o);
        if (o == NULL)
            return 0;
        if (r->own_offsets == NULL)
            o[0] = 0;
        r->own_offsets = r->offsets = o;
        r->ocap = ocap;
    }
    if (r->len + more > r->cap) {
        size_t cap = r->cap != 0 ? r->cap : 4096;
        while (cap < r->len + more)
            cap *= 2;
        char *m = ssatb_alloc(r->own_marks, cap);
        if (m == NULL)
            return 0;
        r->own_marks = m;
        r->marks = m;
        r->cap = cap;
    }
    return 1;
}

/* Append one pupil's run to the owned buffer. */
static int ssatb_runs_add(ssatb_runs *r, const char *run, size_t len)
{
    if (!ssatb_runs_grow(r, len))
        return 0;
    if (len != 0)
        memcpy(r->own_marks + r->len, run, len);
    r->len += len;
    r->offsets[++r->n] = r->len;
    return 1;
}

/* One pupil as the whole buffer. */
static int ssatb_runs_one(ssatb_runs *r)
{
    r->own_offsets = ssatb_alloc(NULL, 2 * sizeof(size_t));
    if (r->own_offsets == NULL)
        return 0;
    r->own_offsets[0] = 0;
    r->own_offsets[1] = r->len;
    r->offsets = r->own_offsets;
    r->n = 1;
    return 1;
}

/* Replace borrowed marks by a private copy (what is read without the GIL must not change meanwhile). */
static int ssatb_runs_own(ssatb_runs *r)
{
    char *m = ssatb_alloc(NULL, r->len != 0 ? r->len : 1);
    if (m == NULL)
        return 0;
    if (r->len != 0)
        memcpy(m, r->marks, r->len);
    r->own_marks = m;
    r->marks = m;
    r->cap = r->len;
    return 1;
}

/* Check the offsets against the buffer (the library cannot know its length). */
static int ssatb_runs_check(const ssatb_runs *r)
{
    for (size_t i = 0; i <= r->n; i++)
        if (r->offsets[i] > r->len) {
            ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "offsets[%zu] = %zu is past the end of the marks (%zu bytes)", i,
                           r->offsets[i], r->len);
            return 0;
        }
    return 1;
}

/* Batch messages that name the language's types. */
#ifdef SWIGPYTHON
#define SSATB_MARKS_NAME "str, a bytes-like object or a sequence of them"
#define SSATB_ONE_MARKS_NAME "str or bytes object"
#else
#define SSATB_MARKS_NAME "a string or an array of strings"
#define SSATB_ONE_MARKS_NAME "string"
#endif

#ifdef SWIGPYTHON
/* Python's offsets may also be a buffer of size_t (array('Q'), memoryview): 1 with them copied, 0 when
 * `in` is no such buffer, -1 with a failure pending (or an exception set). */
static int ssatb_offsets_buffer(PyObject *in, ssatb_runs *r)
{
    if (!PyObject_CheckBuffer(in) || PyBytes_Check(in) || PyByteArray_Check(in))
        return 0;
    Py_buffer view;
    if (PyObject_GetBuffer(in, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) != 0)
        return -1;
    int ok = 0;
    const char *f = view.format != NULL ? view.format : "B";
    if (f[0] == '@' || f[0] == '=')
        f++;
    if (view.itemsize != (Py_ssize_t)sizeof(size_t) || strchr("QLN", f[0]) == NULL || f[1] != '\0' || view.ndim != 1) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "offsets: a buffer of offsets must hold unsigned %zu-byte integers "
                       "(array('Q')), not format '%s'", sizeof(size_t), view.format);
    } else {
        /* Copied, not read in place: they are checked here, then read again by the library after
         * the GIL is released, when another thread could change the caller's buffer (issue: offsets
         * rewritten between the check and the read led the library past the marks). */
        r->n = (size_t)(view.len / view.itemsize);
        r->own_offsets = ssatb_alloc(NULL, (r->n != 0 ? r->n : 1) * sizeof(size_t));
        if (r->own_offsets != NULL && r->n != 0)
            memcpy(r->own_offsets, view.buf, r->n * sizeof(size_t));
        r->offsets = r->own_offsets;
        ok = r->own_offsets != NULL;
    }
    PyBuffer_Release(&view);
    return ok ? 1 : -1;
}
#else
static int ssatb_offsets_buffer(zval *in, ssatb_runs *r) { (void)in; (void)r; return 0; } /* PHP: arrays only */
#endif

/* The offsets (npupils + 1): a list of ints from 0 (or, in Python, a buffer of size_t), copied. */
static int ssatb_runs_offsets(ssatb_input in, ssatb_runs *r)
{
    int got = ssatb_offsets_buffer(in, r);
    if (got < 0)
        return 0;
    if (got == 0) {
        ssatb_seq seq;
        if (!ssatb_seq_begin(&seq, in, "offsets: expected " SSATB_SEQ_NAME " of ints"))
            return 0;
        size_t n = ssatb_seq_len(&seq), i = 0;
        r->own_offsets = ssatb_alloc(NULL, (n != 0 ? n : 1) * sizeof(size_t));
        r->offsets = r->own_offsets;
        ssatb_input item = NULL;
        int got_size = 1;
        while (r->own_offsets != NULL && ssatb_seq_next(&seq, &item) &&
               (got_size = ssatb_to_size(item, &r->own_offsets[i])) > 0)
            i++;
        if (i < n && got_size < 0) /* not an int: the wrong type; an int out of range: the wrong value */
            ssatb_fail_msg(SSATB_TYPE_ERROR, "offsets[%zu]: expected an int from 0, not %s", i, ssatb_type_name(item));
        else if (i < n)
            ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "offsets[%zu]: expected an int from 0", i);
        ssatb_seq_end(&seq);
        if (r->own_offsets == NULL || i < n)
            return 0;
        r->n = n;
    }
    if (r->n == 0) {
        ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "offsets: npupils + 1 offsets are needed, not none");
        return 0;
    }
    r->n--;
    return ssatb_runs_check(r);
}

/* Every pupil's marks: one value holding them all (cut by offsets; without offsets: one pupil), read in
 * place, or a list of values (joined here). A writable buffer (Python) is copied, since the GIL is
 * released while the library reads the marks, unless keep_writable (the caller then holds the GIL)
 * and offsets are given. 1, or 0 with a failure pending (or an exception set). */
static int ssatb_to_runs(ssatb_input marks, ssatb_input offsets, ssatb_runs *r, int keep_writable)
{
    memset(r, 0, sizeof *r);
    int has_offsets = !ssatb_is_null(offsets);
    int got = ssatb_bytes_get(marks, &r->bytes);
    if (got < 0)
        return 0;
    if (got > 0) {
        r->marks = r->bytes.p;
        r->len = r->bytes.n;
        if (r->bytes.writable && keep_writable && has_offsets)
            r->writable_in_place = 1;
        else if (r->bytes.writable && !ssatb_runs_own(r))
            return 0;
        return has_offsets ? ssatb_runs_offsets(offsets, r) : ssatb_runs_one(r);
    }
    if (!ssatb_seq_like(marks)) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "marks: expected " SSATB_MARKS_NAME ", not %s", ssatb_type_name(marks));
        return 0;
    }
    if (has_offsets) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "offsets: only with the marks of every pupil in one " SSATB_ONE_MARKS_NAME);
        return 0;
    }
    ssatb_seq seq;
    if (!ssatb_seq_begin(&seq, marks, "marks: expected " SSATB_MARKS_NAME))
        return 0;
    ssatb_input item = NULL;
    int ok = ssatb_runs_grow(r, 0);
    while (ok && ssatb_seq_next(&seq, &item)) {
        ssatb_bytes b;
        got = ssatb_bytes_get(item, &b);
        if (got == 0)
            ssatb_fail_msg(SSATB_TYPE_ERROR, "marks[%zu]: expected " SSATB_BYTES_NAME ", not %s", r->n,
                           ssatb_type_name(item));
        ok = got > 0 && ssatb_runs_add(r, b.p, b.n);
        ssatb_bytes_release(&b);
    }
    ssatb_seq_end(&seq);
    return ok;
}

/* The batches being evaluated without the GIL (Python), so that deleting one explicitly from another
 * thread meanwhile (native.delete_SsatBatch) is refused rather than freeing what the call reads. The
 * list is changed and read only with the GIL held; its nodes live on the evaluating threads' stacks. */
#ifdef SWIGPYTHON
typedef struct ssatb_busy {
    const void *ptr;
    struct ssatb_busy *next;
} ssatb_busy;
static ssatb_busy *ssatb_busy_list;

static int ssatb_is_busy(const void *ptr)
{
    for (const ssatb_busy *b = ssatb_busy_list; b != NULL; b = b->next)
        if (b->ptr == ptr)
            return 1;
    return 0;
}

static void ssatb_busy_drop(ssatb_busy *node)
{
    for (ssatb_busy **p = &ssatb_busy_list; *p != NULL; p = &(*p)->next)
        if (*p == node) {
            *p = node->next;
            return;
        }
}
#else
static int ssatb_is_busy(const void *ptr) { (void)ptr; return 0; } /* no GIL to release in PHP */
#endif

/* One ssat_batch_evaluate() call over the runs; the list of result records. */
static ssatb_value ssatb_batch_run(const ssat_batch *batch, const ssatb_runs *r, uint32_t threads)
{
    ssat_batch_result *out = ssatb_alloc(NULL, (r->n != 0 ? r->n : 1) * sizeof *out);
    if (out == NULL)
        return ssatb_failed();
    /* An empty owned buffer has no pointer yet: the library wants one even for nothing. */
    const char *marks = r->marks != NULL ? r->marks : "";
    ssat_status st;
#ifdef SWIGPYTHON
    /* Without the GIL the call reads only what no other thread can change: the batch (immutable, and
     * marked busy against an explicit delete), offsets and writable marks copied by ssatb_to_runs(),
     * immutable marks (str, bytes) that the caller's arguments keep alive, and `out`. */
    ssatb_busy busy = {batch, ssatb_busy_list};
    ssatb_busy_list = &busy;
    Py_BEGIN_ALLOW_THREADS
    st = ssat_batch_evaluate(batch, marks, r->offsets, r->n, out, threads, NULL);
    Py_END_ALLOW_THREADS
    ssatb_busy_drop(&busy);
#else
    st = ssat_batch_evaluate(batch, marks, r->offsets, r->n, out, threads, NULL);
#endif
    ssatb_value list = ssatb_failed();
    if (st != SSAT_OK)
        ssatb_fail(st);
    else
        list = ssatb_batch_records(out, r->n, NULL);
    free(out);
    return list;
}

#ifdef SWIGPHP
/* The results keyed as the caller's array of marks was: ['UPN1' => marks, ...] gives ['UPN1' =>
 * result, ...], so the pupil ids are not lost; a list stays a list. */
static ssatb_value ssatb_php_keyed_like(ssatb_value list, zval *marks)
{
    zval *m = marks;
    ZVAL_DEREF(m);
    if (SSATB_FAILED(list) || Z_TYPE_P(m) != IS_ARRAY || zend_array_is_list(Z_ARRVAL_P(m)))
        return list;
    zval out;
    array_init_size(&out, zend_hash_num_elements(Z_ARRVAL_P(m)));
    zend_ulong index;
    zend_string *key;
    uint32_t i = 0;
    ZEND_HASH_FOREACH_KEY(Z_ARRVAL_P(m), index, key) {
        zval *rec = zend_hash_index_find(Z_ARRVAL(list), i++);
        if (rec == NULL)
            break;
        Z_TRY_ADDREF_P(rec);
        if (key != NULL)
            zend_hash_update(Z_ARRVAL(out), key, rec);
        else
            zend_hash_index_update(Z_ARRVAL(out), index, rec);
    } ZEND_HASH_FOREACH_END();
    zval_ptr_dtor(&list);
    return out;
}
#endif
%}

%{
/* Every pupil of a school through the batch (ssat_batch_evaluate_school): records with pupil_id, in
 * the school's id order. The school is mutable, so the GIL stays held while C reads it. */
static ssatb_value ssatb_batch_school(const ssat_batch *batch, const ssat_school *school, uint32_t threads)
{
    size_t n = ssat_school_count(school);
    ssat_batch_result *out = ssatb_alloc(NULL, (n != 0 ? n : 1) * sizeof *out);
    if (out == NULL)
        return ssatb_failed();
    ssat_status st = ssat_batch_evaluate_school(batch, school, out, n, threads, NULL);
    ssatb_value list = ssatb_failed();
    if (st != SSAT_OK)
        ssatb_fail(st);
    else
        list = ssatb_batch_records(out, n, school);
    free(out);
    return list;
}

/* A register as a run of the batch's sessions (ssat_batch_register_run), as a string. */
static ssatb_value ssatb_register_run(const ssat_batch *batch, const ssat_register *reg)
{
    size_t len = ssat_batch_session_count(batch);
    char *text = malloc(len + 1);
    ssatb_value out = ssatb_failed();
    if (text == NULL) {
        ssatb_fail_msg(SSAT_ERR_NOMEM, "out of memory");
        return out;
    }
    ssat_status st = ssat_batch_register_run(batch, reg, text, len + 1, &len);
    if (st != SSAT_OK)
        ssatb_fail(st);
    else
        out = ssatb_str(text);
    free(text);
    return out;
}
%}

/* Batch marks (one string, or a list of strings) and offsets (PHP: null or an array; Python: None, a
 * sequence of ints or a buffer of size_t) are converted by ssatb_to_runs. */
%{
typedef ssatb_input ssatb_marks_arg;
typedef ssatb_input ssatb_offsets_arg;
%}
/* (SWIG sees pointers, so a NULL default is None in the Python proxy.) */
typedef void *ssatb_marks_arg;
typedef void *ssatb_offsets_arg;
#ifdef SWIGPYTHON
%typemap(in) ssatb_marks_arg, ssatb_offsets_arg "$1 = $input;"
#else
%ssatb_php_zval(ssatb_marks_arg, "string|array")
%ssatb_php_zval(ssatb_offsets_arg, "?array")
#endif

%include "columns.i"
struct SsatBatch {};
typedef struct SsatBatch SsatBatch;
%extend SsatBatch {
    /* Prepare the rules' batch evaluation of one school year up to as_of (ssat_batch_new): the policy's
     * code set, the calendar's school days as the shared sessions. Everything is copied. */
    SsatBatch(const SsatCodeSet *codes, const SsatPolicy *policy, const SsatCalendar *calendar, ssat_date as_of)
    {
        SSATB_FACTORY(ssat_batch, ssat_batch_new(codes, policy, calendar, as_of, &made));
    }
    ~SsatBatch()
    {
        if (ssatb_is_busy($self)) { /* an explicit delete during evaluate() on another thread: keep it */
            ssatb_fail_msg(SSAT_ERR_STATE, "the batch is being evaluated on another thread; it is not freed");
            return;
        }
        ssat_batch_free($self);
    }
    /* Sessions of the shared calendar (school days times two). */
    size_t session_count() { return ssat_batch_session_count($self); }
    /* {date, half} of session index; raises RangeError. */
    ssatb_array_value session(size_t index) { return ssatb_batch_session($self, index); }
    /* Every session {date, half}, in order: what byte i of a pupil's run is about. */
    ssatb_array_value sessions() { return ssatb_list_of(ssat_batch_session_count($self), ssatb_batch_session, $self); }
    /* "avx512", "avx2" or "portable" */
    const char *kernel() { return ssat_batch_kernel($self); }
    /* Evaluate every pupil in one call: marks is one string holding every pupil's run back to back, cut
     * by offsets (npupils + 1 of them; read in place), or without offsets a list of runs (or one run).
     * threads: 0 or 1 for this thread, more to split the pupils. A list of result records, in order. */
    ssatb_array_value evaluate(ssatb_marks_arg marks, ssatb_offsets_arg maybe_offsets = NULL, uint32_t threads = 0)
    {
        ssatb_runs runs;
        ssatb_value out = ssatb_failed();
        if (ssatb_to_runs(marks, maybe_offsets, &runs, 0))
            out = ssatb_batch_run($self, &runs, threads);
        ssatb_runs_done(&runs);
#ifdef SWIGPHP
        out = ssatb_php_keyed_like(out, marks); /* PHP: the results keyed as the marks were */
#endif
        return out;
    }
    /* Every pupil of a school (in its id order), evaluated in one C call (ssat_batch_evaluate_school):
     * result records with pupil_id. */
    ssatb_array_value evaluate_school(const SsatSchool *school, uint32_t threads = 0)
    {
        return ssatb_batch_school($self, school, threads);
    }
    /* A register as a run of the batch's sessions (ssat_batch_register_run: its one-character codes,
     * "-" missing, "." no entry). */
    ssatb_text_value run_of(const SsatRegister *reg)
    {
        return ssatb_register_run($self, reg);
    }
}



/* ================================================================================================
 * ssat/evaluation.h: class SsatEvaluation (a prepared evaluation: policy, calendar and as-of date
 *   resolved once); SsatDecision.answer(question): how criteria combine, the library's answer
 *   (SSAT_QUESTION_REFERRAL_REGISTER: R1 and R2; SSAT_QUESTION_PENALTY_ATTENDANCE: any limb and the
 *   year to date; ...), an SSAT_OUTCOME_* value.
 * ================================================================================================ */
%include "ssat/evaluation.h"
%nodefaultctor SsatEvaluation;
struct SsatEvaluation {};
typedef struct SsatEvaluation SsatEvaluation;
%newobject SsatEvaluation::register_criteria;
%extend SsatEvaluation {
    /* Prepare (ssat_evaluation_new): everything is copied. Raises RangeError / NotFound for an as-of
     * date the policy's windows cannot be resolved for. */
    SsatEvaluation(const SsatPolicy *policy, const SsatCalendar *calendar, ssat_date as_of)
    {
        SSATB_FACTORY(ssat_evaluation, ssat_evaluation_new(policy, calendar, as_of, &made));
    }
    ~SsatEvaluation() { ssat_evaluation_free($self); }
    ssatb_text_value as_of() { return ssatb_date(ssat_evaluation_as_of($self)); }
    /* Render messages in these languages only (both by default; the others are ""). */
    ssatb_void set_languages(bool en, bool cy);
    %ssatb_method(SsatEvaluation, set_languages, ssat_evaluation_set_languages)
    /* The criteria the pupil's register settles (a "register" SsatDecision). */
    SsatDecision *register_criteria(const SsatRegister *reg)
    {
        SSATB_FACTORY(ssat_decision, ssat_evaluation_register($self, reg, &made));
    }
}
%extend SsatDecision {
    /* The answer to an SSAT_QUESTION_*: an SSAT_OUTCOME_* value. */
    int answer(ssat_question question) { return (int)ssat_decision_answer($self, question); }
}

/* ================================================================================================
 * ssat/evaluation.h, the previous school year (issue 14 item d): SsatEvaluation.set_previous_year(
 *   calendar or NULL) and register_criteria_years(register, previous register or NULL), so that
 *   England's 10 school weeks are counted across 1 August.
 * ================================================================================================ */
%newobject SsatEvaluation::register_criteria_years;
%extend SsatEvaluation {
    /* The previous school year's calendar (copied), or NULL to remove it. Raises RangeError when it is
     * not the year before the evaluation's. */
    ssatb_void set_previous_year(const SsatCalendar *previous);
    %ssatb_method(SsatEvaluation, set_previous_year, ssat_evaluation_set_previous_year)
    /* As register_criteria, the limbs also counting the pupil's previous-year register (or NULL). */
    SsatDecision *register_criteria_years(const SsatRegister *reg, const SsatRegister *previous)
    {
        SSATB_FACTORY(ssat_decision, ssat_evaluation_register_years($self, reg, previous, &made));
    }
}


/* ================================================================================================
 * issue 16 (the API before 1.0): the case's event struct and its pack setter. The methods bound to
 * functions deprecated in C (state(), plan_active() ...) stay until the SOVERSION changes, so this wrapper
 * calls those functions on purpose without the deprecation warning; apply() and apply_with_history() now
 * call ssat_case_apply_event().
 * ================================================================================================ */
%begin %{
#define SSAT_DISABLE_DEPRECATION_WARNINGS
%}
%newobject SsatCase::load_json;
%newobject SsatCase::load_json_keyed;
%extend SsatCase {
    /* A case from its JSON document under the built-in policy it names (ssat_case_load_json; NotFound when
     * it names none): from_json() takes the policy, for others. */
    static SsatCase *load_json(const char *json, size_t len)
    {
        SSATB_FACTORY(ssat_case, ssat_case_load_json(json, len, NULL, &made));
    }
    /* load_json() of a keyed case (16 to 4096 bytes of key). */
    static SsatCase *load_json_keyed(const char *json, size_t len, const char *key, size_t key_len)
    {
        ssat_case_load_options o = SSAT_CASE_LOAD_OPTIONS_INIT;
        o.key = key;
        o.key_len = key_len;
        SSATB_FACTORY(ssat_case, ssat_case_load_json(json, len, &o, &made));
    }
    /* apply() with the register, calendar and parent's history (each may be null) first: the 0.3.0
     * order of ssat_case_event's members. SsatCase_apply is apply() above, as SWIG names it. */
    ssatb_array_value apply_event(const SsatRegister *reg, const SsatCalendar *calendar, const SsatParent *history,
                            const char *event, ssat_date date, const char *actor, const char *role,
                            const char *maybe_parent = NULL, const char *maybe_detail = NULL,
                            const char *maybe_note = NULL)
    {
        return SsatCase_apply($self, reg, calendar, event, date, actor, role, maybe_parent, maybe_detail, maybe_note,
                              NULL, NULL, history);
    }
    /* apply_event() under its 0.2.0 name (as ssat_case_apply_with_history, deprecated in C, is). */
    ssatb_array_value apply_with_history(const SsatRegister *reg, const SsatCalendar *calendar, const SsatParent *history,
                                   const char *event, ssat_date date, const char *actor, const char *role,
                                   const char *maybe_parent = NULL, const char *maybe_detail = NULL,
                                   const char *maybe_note = NULL);
    %ssatb_method(SsatCase, apply_with_history, SsatCase_apply_event)
    /* SSAT_CASE_MONITORING ... SSAT_CASE_CLOSED (ssat_case_main_state; state() is the same). */
    int main_state() { return (int)ssat_case_main_state($self); }
    /* Whether the plan (SSAT_CASE_PLAN_PSP or SSAT_CASE_PLAN_IDP) is active (ssat_case_plan_is_active). */
    bool plan_is_active(int plan) { return ssat_case_plan_is_active($self, (ssat_case_plan)plan) != 0; }
    /* Replace the items of the case's pack by copies of those of `pack` (ssat_case_set_pack): pack()
     * objects taken before stay valid and show the copies. */
    ssatb_void set_pack(const SsatPack *pack);
    %ssatb_method(SsatCase, set_pack, ssat_case_set_pack)
}
%extend SsatCodeSet {
    /* Number of codes (ssat_codeset_count; size() is the same). */
    size_t count() { return ssat_codeset_count($self); }
}

/* ================================================================================================
 * What differs per language, after every class: module initialisation, PHP serialization, Python's
 * read-only thisown.
 * ================================================================================================ */
#ifdef SWIGPYTHON
%include "python/python.i"
#else
%include "php/php.i"
#endif
