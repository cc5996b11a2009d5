/*
 * attendance_summary: print each pupil's school-year-to-date attendance from a wide register file.
 *
 *   attendance_summary REGISTER.csv [--terms TERMS.csv] [--closures CLOSURES.csv]
 *                      [--as-of YYYY-MM-DD] [--all]
 *
 * REGISTER.csv holds "pupil_id,start_date,marks" rows (the wide layout: one character per session,
 * AM then PM, every weekday from start_date; "." where the school did not meet). TERMS.csv and
 * CLOSURES.csv hold "name,start,end" rows. This example reads simple unquoted files only; the `ssat`
 * command-line tool reads any RFC 4180 CSV.
 *
 * Without --all it lists the pupils whose attendance is below 90 %, then totals for the school.
 * The as-of date defaults to the last session in the register, never to the machine's clock.
 *
 * Copy this file to start your own program: build it with
 *   cc attendance_summary.c $(pkg-config --cflags --libs libssat)
 */
#include <ssat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN 8192
#define MAX_PUPILS 100000

typedef struct pupil {
    char id[32];
    ssat_register *reg;
} pupil;

typedef struct options {
    const char *register_path;
    const char *terms_path;
    const char *closures_path;
    const char *as_of_text;
    int all;
} options;

static int fail(const char *what)
{
    fprintf(stderr, "attendance_summary: %s: %s\n", what, ssat_error_message());
    return 1;
}

/* Split "a,b,c" in place into at most n fields; returns the number found. */
static size_t split_fields(char *line, char **fields, size_t n)
{
    size_t count = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; count < n; count++) {
        fields[count] = p;
        char *comma = strchr(p, ',');
        if (comma == NULL)
            return count + 1;
        *comma = '\0';
        p = comma + 1;
    }
    return count;
}

/* Read "name,start,end" rows and pass each to `add`. */
static int read_ranges(const char *path, ssat_calendar *cal,
                       ssat_status (*add)(ssat_calendar *, const char *, ssat_date, ssat_date))
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    char line[LINE_MAX_LEN];
    unsigned lineno = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
        char *fields[3];
        if (++lineno == 1)
            continue; /* header */
        ssat_date first, last;
        if (split_fields(line, fields, 3) != 3 || ssat_date_parse(fields[1], &first) != SSAT_OK ||
            ssat_date_parse(fields[2], &last) != SSAT_OK || add(cal, fields[0], first, last) != SSAT_OK) {
            fprintf(stderr, "%s:%u: %s\n", path, lineno, ssat_error_message());
            rc = 1;
        }
    }
    fclose(f);
    return rc;
}

static ssat_status add_closure(ssat_calendar *cal, const char *name, ssat_date first, ssat_date last)
{
    (void)name;
    return ssat_calendar_add_closure(cal, first, last);
}

/* Load every pupil of a wide register file; prints problems with file:line:column. */
static int read_register(const char *path, const ssat_codeset *codes, pupil *pupils, size_t *count)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    ssat_problems *problems = NULL;
    if (ssat_problems_new(&problems, NULL) != SSAT_OK) {
        fclose(f);
        return fail("ssat_problems_new");
    }
    char line[LINE_MAX_LEN];
    unsigned lineno = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
        char *fields[3];
        ssat_date start;
        if (++lineno == 1)
            continue;
        if (*count == MAX_PUPILS || split_fields(line, fields, 3) != 3 ||
            ssat_date_parse(fields[1], &start) != SSAT_OK) {
            fprintf(stderr, "%s:%u: bad row: %s\n", path, lineno, ssat_error_message());
            rc = 1;
            break;
        }
        pupil *p = &pupils[*count];
        snprintf(p->id, sizeof p->id, "%s", fields[0]);
        if (ssat_register_new(codes, &p->reg) != SSAT_OK) {
            rc = fail("ssat_register_new");
            break;
        }
        (*count)++;
        /* The marks field starts after the second comma: its column is needed for messages. */
        size_t marks_col = (size_t)(fields[2] - line);
        if (ssat_register_add_marks(p->reg, start, fields[2], strlen(fields[2]), problems) != SSAT_OK) {
            for (size_t i = 0; i < ssat_problems_count(problems); i++) {
                const ssat_problem *pr = ssat_problems_at(problems, i);
                fprintf(stderr, "%s:%u:%zu: %s\n", path, lineno, marks_col + pr->column, pr->message_en);
            }
            rc = 1;
        }
    }
    ssat_problems_free(problems);
    fclose(f);
    return rc;
}

/* The latest session with an entry across all registers. */
static ssat_date last_register_date(const pupil *pupils, size_t count)
{
    ssat_date last = 0;
    for (size_t i = 0; i < count; i++) {
        ssat_window span;
        if (ssat_register_span(pupils[i].reg, &span) == SSAT_OK && (i == 0 || span.last_date > last))
            last = span.last_date;
    }
    return last;
}

static void print_percent(const ssat_summary *s)
{
    int32_t tenths;
    if (ssat_summary_attendance_tenths(s, &tenths) == SSAT_OK)
        printf("%5d.%d%%", tenths / 10, tenths % 10);
    else
        printf("%7s", "n/a"); /* not evaluable: never 0 % or 100 % */
}

static int parse_options(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **target = strcmp(a, "--terms") == 0      ? &o->terms_path
                              : strcmp(a, "--closures") == 0 ? &o->closures_path
                              : strcmp(a, "--as-of") == 0    ? &o->as_of_text
                                                             : NULL;
        if (target != NULL && i + 1 < argc)
            *target = argv[++i];
        else if (strcmp(a, "--all") == 0)
            o->all = 1;
        else if (a[0] != '-' && o->register_path == NULL)
            o->register_path = a;
        else
            return 1;
    }
    return o->register_path == NULL;
}

int main(int argc, char **argv)
{
    options opt;
    if (parse_options(argc, argv, &opt) != 0) {
        fprintf(stderr, "usage: %s REGISTER.csv [--terms F] [--closures F] [--as-of DATE] [--all]\n", argv[0]);
        return 2;
    }
    printf("libssat %s\n", ssat_version_string());

    ssat_codeset *codes = NULL;
    if (ssat_codeset_builtin("wales-2010", NULL, &codes) != SSAT_OK)
        return fail("ssat_codeset_builtin");
    pupil *pupils = calloc(MAX_PUPILS, sizeof *pupils);
    size_t count = 0;
    int rc = pupils == NULL ? 1 : read_register(opt.register_path, codes, pupils, &count);
    ssat_codeset_free(codes); /* the registers keep the code set alive */

    ssat_date as_of = 0;
    if (rc == 0 && opt.as_of_text != NULL && ssat_date_parse(opt.as_of_text, &as_of) != SSAT_OK)
        rc = fail("--as-of");
    else if (rc == 0 && opt.as_of_text == NULL)
        as_of = last_register_date(pupils, count);

    ssat_calendar *cal = NULL;
    if (rc == 0 && ssat_calendar_new(ssat_date_school_year(as_of), NULL, &cal) != SSAT_OK)
        rc = fail("ssat_calendar_new");
    if (rc == 0 && opt.terms_path != NULL) {
        ssat_calendar_clear_terms(cal);
        rc = read_ranges(opt.terms_path, cal, ssat_calendar_add_term);
    }
    if (rc == 0 && opt.closures_path != NULL)
        rc = read_ranges(opt.closures_path, cal, add_closure);

    ssat_window ytd;
    if (rc == 0 && ssat_calendar_window_year_to_date(cal, as_of, &ytd) != SSAT_OK)
        rc = fail("year to date");

    if (rc == 0) {
        char as_of_buf[SSAT_DATE_BUFSIZE];
        ssat_date_format(as_of, as_of_buf, sizeof as_of_buf);
        printf("School year %d/%02d to date, as of %s: %zu pupils\n\n", ssat_calendar_school_year(cal),
               (ssat_calendar_school_year(cal) + 1) % 100, as_of_buf, count);
        printf("%-10s %8s %8s %8s %8s %8s  %s\n", "pupil", "possible", "attended", "auth", "unauth",
               "attend%", "flags");
        uint64_t possible = 0, attended = 0;
        size_t not_evaluable = 0, at_or_below_85 = 0, below_90 = 0;
        for (size_t i = 0; i < count && rc == 0; i++) {
            ssat_summary *s = NULL;
            if (ssat_attendance_compute(pupils[i].reg, &ytd, &s) != SSAT_OK) {
                rc = fail(pupils[i].id);
                break;
            }
            const ssat_totals *t = ssat_summary_totals(s);
            int32_t le85 = 0, lt90 = 0;
            /* Exact comparisons: 323 of 380 is exactly 85 % and meets "85 % or lower". */
            ssat_summary_compare(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85, 1, &le85);
            ssat_summary_compare(s, SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90, 1, &lt90);
            possible += t->possible;
            attended += t->attended;
            not_evaluable += !ssat_summary_evaluable(s);
            at_or_below_85 += (size_t)le85;
            below_90 += (size_t)lt90;
            if (opt.all || lt90 || !ssat_summary_evaluable(s)) {
                printf("%-10s %8u %8u %8u %8u ", pupils[i].id, t->possible, t->attended, t->authorised,
                       t->unauthorised);
                print_percent(s);
                printf("  %s%s%s\n", le85 ? "<=85% " : "", lt90 ? "<90%" : "",
                       ssat_summary_evaluable(s) ? "" : "not evaluable");
            }
            ssat_summary_free(s);
        }
        int32_t school_tenths = 0;
        if (rc == 0 && ssat_percent_tenths(attended, possible, &school_tenths) == SSAT_OK)
            printf("\nSchool: %llu of %llu possible sessions attended (%d.%d%%); %zu pupils at or below 85%%, "
                   "%zu below 90%%, %zu not evaluable\n",
                   (unsigned long long)attended, (unsigned long long)possible, school_tenths / 10,
                   school_tenths % 10, at_or_below_85, below_90, not_evaluable);
    }

    for (size_t i = 0; i < count; i++)
        ssat_register_free(pupils[i].reg);
    free(pupils);
    ssat_calendar_free(cal);
    return rc;
}
