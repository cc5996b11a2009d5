/* Loading what the commands read: the policy and code set, the register files (streamed through
 * libssat's import in 1 MiB chunks, with a progress bar for large files), the pupils file, the terms
 * and closures, and the as-of date. Every problem of every file is collected before the command gives
 * up, so one run reports them all. */
#define _POSIX_C_SOURCE 200809L
#include "tool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CHUNK ((size_t)1 << 20)

int tool_fail(const char *command, const char *what)
{
    fprintf(stderr, "ssat %s: %s: %s\n", command, what, ssat_error_message());
    return TOOL_EXIT_FAILURE;
}

/* ---- problems ------------------------------------------------------------------------------------ */

/* A message located in a file starts with "FILE:LINE:COLUMN: " (libssat's convention); the severity
 * goes after that location, as compilers print it, so editors can jump to it. */
static void print_problem(FILE *out, const ssat_problem *p, ssat_lang lang)
{
    const char *msg = ssat_problem_message(p, lang);
    const char *sev = tool_text(p->severity == SSAT_SEVERITY_ERROR ? "word.error" : "word.warning", lang);
    char loc[48];
    if (p->column > 0)
        snprintf(loc, sizeof loc, ":%lu:%lu: ", (unsigned long)p->line, (unsigned long)p->column);
    else
        snprintf(loc, sizeof loc, ":%lu: ", (unsigned long)p->line);
    const char *at = p->line > 0 ? strstr(msg, loc) : NULL;
    if (at != NULL) {
        size_t head = (size_t)(at - msg) + strlen(loc);
        fprintf(out, "%.*s%s: %s [%s]\n", (int)head, msg, sev, msg + head, p->id);
    } else {
        fprintf(out, "%s: %s [%s]\n", sev, msg, p->id);
    }
}

void tool_print_problems(FILE *out, const ssat_problems *problems, size_t from, ssat_lang lang)
{
    for (size_t i = from; i < ssat_problems_count(problems); i++)
        print_problem(out, ssat_problems_at(problems, i), lang);
}

/* ---- policy and code set ------------------------------------------------------------------------- */

bool tool_is_builtin_policy(const char *name)
{
    for (size_t i = 0; i < ssat_policy_builtin_count(); i++)
        if (strcmp(ssat_policy_builtin_name(i), name) == 0)
            return true;
    return false;
}

int tool_load_policy(const char *command, const char *spec, ssat_policy **out)
{
    if (spec == NULL || tool_is_builtin_policy(spec))
        return ssat_policy_builtin(spec, NULL, out) == SSAT_OK ? TOOL_EXIT_OK : tool_fail(command, "policy");
    struct stat sb;
    if (stat(spec, &sb) != 0 && strchr(spec, '/') == NULL && strstr(spec, ".json") == NULL)
        return tool_usage_error(command, "--policy: \"%s\" is neither a built-in policy (carmarthenshire, wales, "
                                         "england-2024) nor a file", spec);
    size_t len;
    char *text = tool_read_small_file(command, spec, &len);
    if (text == NULL)
        return TOOL_EXIT_INPUT;
    ssat_status st = ssat_policy_from_json(text, len, NULL, out);
    free(text);
    if (st == SSAT_ERR_NOMEM)
        return tool_fail(command, spec);
    if (st != SSAT_OK) {
        fprintf(stderr, "ssat %s: %s: %s\n", command, spec, ssat_error_message());
        return TOOL_EXIT_INPUT;
    }
    return TOOL_EXIT_OK;
}

/* The code set: --code-set, else the nation's of a Common Transfer File given first, else the policy's;
 * the policy is then set to it, so the rules agree. */
static int load_codes(const char *command, const char *name, const char *first_register, size_t nregisters,
                      tool_data *d)
{
    const char *policy_set = "";
    char own[64]; /* a copy: the policy's text would change under us when set below */
    (void)ssat_policy_get_text(d->policy, "code_set", &policy_set);
    snprintf(own, sizeof own, "%s", policy_set);
    if (name == NULL && nregisters > 0)
        name = tool_ctf_code_set(first_register); /* a CTF's nation decides its codes */
    if (name == NULL)
        name = own;
    ssat_status st = ssat_codeset_builtin(name, NULL, &d->codes);
    if (st == SSAT_ERR_NOT_FOUND)
        return tool_usage_error(command, "--code-set: \"%s\" is not a code set (wales-2010, england-2024)", name);
    if (st != SSAT_OK)
        return tool_fail(command, "code set");
    if (ssat_policy_set_text(d->policy, "code_set", name) != SSAT_OK)
        return tool_fail(command, "code set");
    return TOOL_EXIT_OK;
}

/* ---- CSV files ----------------------------------------------------------------------------------- */

static int open_input(const char *command, const char *path, FILE **f, uint64_t *size)
{
    struct stat sb;
    *f = fopen(path, "rb");
    if (*f == NULL) {
        fprintf(stderr, "ssat %s: cannot open %s: %s\n", command, path, strerror(errno));
        return TOOL_EXIT_INPUT;
    }
    *size = fstat(fileno(*f), &sb) == 0 && sb.st_size > 0 ? (uint64_t)sb.st_size : 0;
    return TOOL_EXIT_OK;
}

/* Stream one file through an import. TOOL_EXIT_OK also when the file had problems (counted in
 * d->file_errors); TOOL_EXIT_INPUT when it cannot be read. */
static int stream(const char *command, const tool_inputs *in, tool_data *d, ssat_import *im, const char *path,
                  char *buf)
{
    FILE *f = NULL;
    uint64_t size = 0, done = 0;
    int rc = open_input(command, path, &f, &size);
    tool_progress bar;
    tool_progress_init(&bar, in->progress);
    while (rc == TOOL_EXIT_OK) {
        size_t n = fread(buf, 1, CHUNK, f);
        if (n > 0 && ssat_import_feed(im, buf, n) != SSAT_OK)
            rc = tool_fail(command, path);
        done += n;
        tool_progress_update(&bar, path, done, size, true);
        if (n < CHUNK)
            break;
    }
    tool_progress_clear(&bar);
    if (rc == TOOL_EXIT_OK && ferror(f)) {
        fprintf(stderr, "ssat %s: cannot read %s: %s\n", command, path, strerror(errno));
        rc = TOOL_EXIT_INPUT;
    }
    if (f != NULL)
        fclose(f);
    if (rc != TOOL_EXIT_OK)
        return rc;
    ssat_status st = ssat_import_finish(im, NULL);
    if (st == SSAT_ERR_INVALID_DATA)
        d->file_errors++;
    else if (st != SSAT_OK)
        return tool_fail(command, path);
    return TOOL_EXIT_OK;
}

static int import_file(const char *command, const tool_inputs *in, tool_data *d, ssat_csv_kind kind,
                       const char *path)
{
    if (kind != SSAT_CSV_PUPILS && tool_is_ctf(path))
        return tool_import_ctf(command, in, d, path);
    char *buf = malloc(CHUNK);
    ssat_import *im = NULL;
    int rc;
    if (buf == NULL)
        rc = TOOL_EXIT_FAILURE;
    else if (ssat_import_new(d->school, kind, path, d->problems, &im) != SSAT_OK)
        rc = tool_fail(command, path);
    else if (ssat_import_set_threads(im, 2) != SSAT_OK) /* the tool owns its process: two cores read */
        rc = tool_fail(command, path);
    else if (d->map != NULL && ssat_import_set_map(im, d->map) != SSAT_OK)
        rc = tool_usage_error(command, "--code-map: %s", ssat_error_message());
    else
        rc = stream(command, in, d, im, path, buf);
    ssat_import_free(im);
    free(buf);
    return rc;
}

static int layout_kind(const char *command, const char *layout, ssat_csv_kind *out)
{
    if (layout == NULL || strcmp(layout, "auto") == 0)
        *out = SSAT_CSV_AUTO;
    else if (strcmp(layout, "long") == 0)
        *out = SSAT_CSV_LONG;
    else if (strcmp(layout, "wide") == 0)
        *out = SSAT_CSV_WIDE;
    else
        return tool_usage_error(command, "--layout: \"%s\" is not auto, long or wide", layout);
    return TOOL_EXIT_OK;
}

static int import_all(const char *command, const tool_inputs *in, tool_data *d)
{
    ssat_csv_kind kind = SSAT_CSV_AUTO;
    int rc = layout_kind(command, in->layout, &kind);
    if (rc == TOOL_EXIT_OK && ssat_school_new(d->codes, &d->school) != SSAT_OK)
        rc = tool_fail(command, "school");
    for (size_t i = 0; rc == TOOL_EXIT_OK && i < in->nregisters; i++)
        rc = import_file(command, in, d, kind, in->registers[i]);
    if (rc == TOOL_EXIT_OK && in->pupils != NULL)
        rc = import_file(command, in, d, SSAT_CSV_PUPILS, in->pupils);
    return rc;
}

/* ---- calendar ------------------------------------------------------------------------------------ */

static int as_of_date(const char *command, const tool_inputs *in, tool_data *d)
{
    if (in->as_of != NULL) {
        const char *option = in->as_of_option != NULL ? in->as_of_option : "--as-of";
        if (ssat_date_parse(in->as_of, &d->as_of) != SSAT_OK)
            return tool_usage_error(command, "%s: %s", option, ssat_error_message());
        int32_t year = ssat_date_school_year(d->as_of);
        if (year < SSAT_YEAR_MIN || year > SSAT_YEAR_MAX - 1) /* the calendar covers 1583/84 to 9998/99 */
            return tool_usage_error(command, "%s: %s is outside the school years the rules can evaluate "
                                             "(1583-08-01 to 9999-07-31)", option, in->as_of);
        d->as_of_given = true;
        return TOOL_EXIT_OK;
    }
    /* Never the machine's clock: the last date the register has a mark for, in the school year most
     * marks are about (one mistyped row dated years away does not move it). */
    if (ssat_school_last_date(d->school, &d->as_of) != SSAT_OK) {
        fprintf(stderr, "ssat %s: the register has no marks, so there is no as-of date; give %s\n", command,
                in->as_of_option != NULL ? in->as_of_option : "--as-of");
        return TOOL_EXIT_INPUT;
    }
    return TOOL_EXIT_OK;
}

static int calendar_file(const char *command, tool_data *d, const char *path, bool terms)
{
    size_t len;
    char *text = tool_read_small_file(command, path, &len);
    if (text == NULL)
        return TOOL_EXIT_INPUT;
    ssat_status st = terms ? ssat_calendar_import_terms_mapped(d->calendar, text, len, path, d->problems, d->map)
                           : ssat_calendar_import_closures_mapped(d->calendar, text, len, path, d->problems, d->map);
    free(text);
    if (st == SSAT_ERR_INVALID_DATA)
        d->file_errors++;
    else if (st != SSAT_OK)
        return tool_fail(command, path);
    return TOOL_EXIT_OK;
}

static int load_calendar(const char *command, const tool_inputs *in, tool_data *d)
{
    if (ssat_calendar_new(ssat_date_school_year(d->as_of), NULL, &d->calendar) != SSAT_OK)
        return tool_fail(command, "calendar");
    int rc = TOOL_EXIT_OK;
    if (in->terms != NULL)
        rc = calendar_file(command, d, in->terms, true);
    if (rc == TOOL_EXIT_OK && in->closures != NULL)
        rc = calendar_file(command, d, in->closures, false);
    return rc;
}

/* ---- an export's own columns, dates and codes ---------------------------------------------------- */

static int load_map(const char *command, const tool_inputs *in, tool_data *d)
{
    if (in->columns == NULL && in->date_format == NULL && in->code_map == NULL)
        return TOOL_EXIT_OK;
    if (ssat_csv_map_new(NULL, &d->map) != SSAT_OK)
        return tool_fail(command, "map");
    if (in->columns != NULL && ssat_csv_map_set_columns(d->map, in->columns) != SSAT_OK)
        return tool_usage_error(command, "--columns: %s", ssat_error_message());
    if (in->date_format != NULL && ssat_csv_map_set_date_format(d->map, in->date_format) != SSAT_OK)
        return tool_usage_error(command, "--date-format: %s", ssat_error_message());
    if (in->code_map == NULL)
        return TOOL_EXIT_OK;
    size_t len;
    char *text = tool_read_small_file(command, in->code_map, &len);
    if (text == NULL)
        return TOOL_EXIT_INPUT;
    ssat_status st = ssat_csv_map_load_codes(d->map, text, len, in->code_map, d->problems);
    free(text);
    if (st == SSAT_ERR_INVALID_DATA)
        d->file_errors++;
    else if (st != SSAT_OK)
        return tool_fail(command, in->code_map);
    return TOOL_EXIT_OK;
}

/* ---- everything ---------------------------------------------------------------------------------- */

/* Marks dated outside the school year evaluated: warnings located in their files, so that a mistyped
 * date is seen rather than silently left out of the year. */
static int check_year(const char *command, tool_data *d)
{
    /* Only where the whole school is judged over the year: the other commands look at one pupil. */
    bool whole_school = strcmp(command, "evaluate") == 0 || strcmp(command, "validate") == 0;
    if (!whole_school || d->school == NULL || d->calendar == NULL || d->file_errors > 0)
        return TOOL_EXIT_OK;
    if (ssat_school_check_year(d->school, ssat_date_school_year(d->as_of), d->problems, NULL) != SSAT_OK)
        return tool_fail(command, "school year");
    return TOOL_EXIT_OK;
}

/* Problems end the command unless it reports them itself (validate). */
static int check_files(const tool_inputs *in, tool_data *d)
{
    if (in->keep_problems)
        return TOOL_EXIT_OK;
    tool_print_problems(stderr, d->problems, 0, in->lang);
    return d->file_errors > 0 ? TOOL_EXIT_INPUT : TOOL_EXIT_OK;
}

int tool_load(const char *command, const tool_inputs *in, tool_data *d)
{
    memset(d, 0, sizeof *d);
    int rc = tool_load_policy(command, in->policy, &d->policy);
    if (rc == TOOL_EXIT_OK)
        rc = load_codes(command, in->code_set, in->nregisters > 0 ? in->registers[0] : NULL, in->nregisters, d);
    if (rc == TOOL_EXIT_OK && in->as_of != NULL)
        rc = as_of_date(command, in, d); /* a bad option value is found before any file is read */
    if (rc == TOOL_EXIT_OK && ssat_problems_new(&d->problems, NULL) != SSAT_OK)
        rc = tool_fail(command, "problems");
    if (rc == TOOL_EXIT_OK)
        rc = load_map(command, in, d);
    if (rc == TOOL_EXIT_OK && d->file_errors == 0)
        rc = import_all(command, in, d);
    if (rc == TOOL_EXIT_OK && d->file_errors == 0 && in->as_of == NULL)
        rc = as_of_date(command, in, d);
    /* With the as-of date known, the terms and closures are read even after a bad register file, so
     * that one run reports the problems of every file. */
    if (rc == TOOL_EXIT_OK && (d->file_errors == 0 || d->as_of_given))
        rc = load_calendar(command, in, d);
    if (rc == TOOL_EXIT_OK)
        rc = check_year(command, d);
    if (rc == TOOL_EXIT_OK)
        rc = check_files(in, d);
    return rc;
}

void tool_data_free(tool_data *d)
{
    ssat_calendar_free(d->calendar);
    ssat_school_free(d->school);
    ssat_problems_free(d->problems);
    ssat_csv_map_free(d->map);
    ssat_codeset_free(d->codes);
    ssat_policy_free(d->policy);
    memset(d, 0, sizeof *d);
}
