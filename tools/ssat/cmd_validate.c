/* ssat validate: the integrity of register files. Every problem of the files (malformed CSV, bad
 * dates, unknown codes, two marks for one session, ...) and then of the registers against the school
 * calendar (missing marks, marks on days the school did not meet, unresolved provisional N marks), each
 * at its file, line and column. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

typedef struct options {
    const char *positional[64];
    size_t npositional;
    tool_inputs in;
    const char *format, *lang;
    bool no_progress, help;
} options;

typedef enum format { F_TEXT, F_JSON, F_CSV } format;

/* One problem with where it is. */
typedef struct located {
    const ssat_problem *p;
    const char *pupil;   /* NULL for a problem of a file */
    const char *source;  /* for a register problem: the file its pupil came from */
    uint32_t line, column;
} located;

typedef struct report {
    format fmt;
    ssat_lang lang;
    size_t errors, warnings, written;
} report;

/* ---- writing one problem ------------------------------------------------------------------------- */

/* A register problem (a file's problems are printed by tool_print_problems()). */
static void text_problem(const report *r, const located *l)
{
    const char *sev = tool_text(l->p->severity == SSAT_SEVERITY_ERROR ? "word.error" : "word.warning", r->lang);
    const char *args[1] = {l->pupil};
    if (l->column > 0)
        printf("%s:%lu:%lu: %s: ", l->source, (unsigned long)l->line, (unsigned long)l->column, sev);
    else if (l->line > 0)
        printf("%s:%lu: %s: ", l->source, (unsigned long)l->line, sev);
    else
        printf("%s: ", sev);
    /* a prefix of the message on the same line: in a bilingual report, the Welsh one */
    tool_say(stdout, "validate.pupil", r->lang == SSAT_LANG_CY_EN ? SSAT_LANG_CY : r->lang, args, 1, 0);
    printf("%s [%s]\n", ssat_problem_message(l->p, r->lang), l->p->id);
}

static void json_problem(report *r, const located *l)
{
    const ssat_problem *p = l->p;
    fputs(r->written++ == 0 ? "\n  {\"id\": " : ",\n  {\"id\": ", stdout);
    tool_json_string(stdout, p->id);
    printf(", \"severity\": \"%s\"", p->severity == SSAT_SEVERITY_ERROR ? "error" : "warning");
    if (l->pupil != NULL) {
        fputs(", \"file\": ", stdout);
        tool_json_string(stdout, l->source);
        fputs(", \"pupil_id\": ", stdout);
        tool_json_string(stdout, l->pupil);
    }
    printf(", \"line\": %lu, \"column\": %lu", (unsigned long)l->line, (unsigned long)l->column);
    if (p->has_session)
        printf(", \"date\": \"%s\", \"session\": \"%s\"", tool_num_date(p->date).s, p->half == SSAT_PM ? "PM" : "AM");
    fputs(", \"message\": ", stdout);
    tool_json_string(stdout, ssat_problem_message(p, r->lang));
    fputc('}', stdout);
}

static void csv_problem(const report *r, const located *l)
{
    const ssat_problem *p = l->p;
    printf("%s,%s,", p->id, p->severity == SSAT_SEVERITY_ERROR ? "error" : "warning");
    tool_csv_field(stdout, l->pupil != NULL ? l->source : "");
    fputc(',', stdout);
    tool_csv_field(stdout, l->pupil != NULL ? l->pupil : "");
    printf(",%lu,%lu,%s,%s,", (unsigned long)l->line, (unsigned long)l->column,
           p->has_session ? tool_num_date(p->date).s : "", p->has_session ? (p->half == SSAT_PM ? "PM" : "AM") : "");
    tool_csv_field(stdout, ssat_problem_message(p, r->lang));
    fputs("\r\n", stdout);
}

static void write_problem(report *r, const located *l)
{
    if (l->p->severity == SSAT_SEVERITY_ERROR)
        r->errors++;
    else
        r->warnings++;
    if (r->fmt == F_JSON) {
        json_problem(r, l);
    } else if (r->fmt == F_CSV) {
        csv_problem(r, l);
    } else {
        text_problem(r, l);
    }
}

/* ---- the command --------------------------------------------------------------------------------- */

static void file_problems(report *r, const ssat_problems *problems)
{
    if (r->fmt == F_TEXT) { /* messages that already start with FILE:LINE:COLUMN: */
        tool_print_problems(stdout, problems, 0, r->lang);
        r->errors += ssat_problems_error_count(problems);
        r->warnings += ssat_problems_count(problems) - ssat_problems_error_count(problems);
        return;
    }
    for (size_t i = 0; i < ssat_problems_count(problems); i++) {
        const ssat_problem *p = ssat_problems_at(problems, i);
        located l = {.p = p, .line = p->line, .column = p->column};
        write_problem(r, &l);
    }
}

/* Check each pupil's register against the calendar; problems are located in the register file. */
static int register_problems(report *r, tool_data *d, bool progress)
{
    size_t n = ssat_school_count(d->school);
    tool_progress bar;
    tool_progress_init(&bar, progress);
    int rc = TOOL_EXIT_OK;
    for (size_t i = 0; i < n && rc == TOOL_EXIT_OK; i++) {
        ssat_problems *list = NULL;
        if (ssat_problems_new(&list, NULL) != SSAT_OK ||
            ssat_register_validate(ssat_school_register(d->school, i), d->calendar, list, NULL) != SSAT_OK) {
            rc = tool_fail("validate", ssat_school_pupil_id(d->school, i));
        }
        for (size_t k = 0; rc == TOOL_EXIT_OK && k < ssat_problems_count(list); k++) {
            located l = {.p = ssat_problems_at(list, k), .pupil = ssat_school_pupil_id(d->school, i)};
            (void)ssat_school_locate(d->school, i, l.p->date, l.p->half, &l.source, &l.line, &l.column);
            write_problem(r, &l);
        }
        ssat_problems_free(list);
        tool_progress_update(&bar, "Validating", i + 1, n, false);
    }
    tool_progress_clear(&bar);
    return rc;
}

static void summary(const report *r, const tool_data *d, const options *o)
{
    tool_num e = tool_num_u64(r->errors), w = tool_num_u64(r->warnings);
    tool_num p = tool_num_u64(d->school != NULL ? ssat_school_count(d->school) : 0);
    const char *args[4] = {o->in.registers[0], e.s, w.s, p.s};
    if (r->fmt == F_JSON) {
        printf("\n ], \"errors\": %s, \"warnings\": %s, \"pupils\": %s}\n", e.s, w.s, p.s);
        return;
    }
    if (r->fmt == F_CSV)
        return;
    if (r->errors + r->warnings == 0) {
        const char *ok[2] = {args[0], args[3]};
        tool_say(stdout, "validate.ok", r->lang, ok, 2, 0);
    } else {
        tool_say(stdout, "validate.summary", r->lang, args, 4, 0);
    }
    putchar('\n');
}

static int validate(tool_data *d, const options *o, format fmt)
{
    report r = {.fmt = fmt, .lang = o->in.lang};
    if (fmt == F_JSON) {
        fputs("{\"files\": [", stdout);
        for (size_t i = 0; i < o->in.nregisters; i++) {
            fputs(i ? ", " : "", stdout);
            tool_json_string(stdout, o->in.registers[i]);
        }
        fputs("],\n \"problems\": [", stdout);
    } else if (fmt == F_CSV) {
        fputs("id,severity,file,pupil_id,line,column,date,session,message\r\n", stdout);
    }
    file_problems(&r, d->problems);
    int rc = TOOL_EXIT_OK;
    if (d->file_errors == 0 && d->calendar != NULL)
        rc = register_problems(&r, d, o->in.progress);
    if (rc != TOOL_EXIT_OK)
        return rc;
    summary(&r, d, o);
    return tool_flushed("validate", r.errors > 0 ? TOOL_EXIT_INPUT : TOOL_EXIT_OK);
}

static void help(FILE *out)
{
    fputs("NAME\n"
          "    ssat validate - check register files and report every problem with its line and column\n"
          "\n"
          "SYNOPSIS\n"
          "    ssat validate REGISTER.csv... [--pupils FILE] [--terms FILE] [--closures FILE] [--as-of DATE]\n"
          "                  [--code-set SET] [--layout auto|long|wide] [--format text|json|csv]\n"
          "                  [--lang en|cy|cy+en] [--no-progress]\n"
          "\n"
          "DESCRIPTION\n"
          "    Reads the files as `ssat evaluate` does and reports, on stdout, every problem:\n"
          "      - of the files: malformed CSV (an unterminated quote, a row with the wrong number of\n"
          "        fields), a bad header, bad dates or sessions, codes not in the code set, two marks for\n"
          "        one session, two rows for one pupil in the pupils file, ...;\n"
          "      - then, when the files are well formed, of each pupil's register against the school\n"
          "        calendar of the as-of date's school year: a school-day session without a mark between\n"
          "        the pupil's first and last marks, or an explicit missing mark \"-\" (errors); a mark on a\n"
          "        day that is not a school day, a provisional N mark still unresolved (warnings).\n"
          "    Each as FILE:LINE:COLUMN: error|warning: message [id]. A register problem points at the\n"
          "    session's character (wide layout) or row (long layout, when the pupil's rows come in date\n"
          "    order as exports write them); a session with no row at all points at the pupil's first row.\n"
          "    Without --terms and --closures, the calendar has the census terms and no closures, so\n"
          "    marks on half-term days are not flagged.\n"
          "\n"
          "OPTIONS\n"
          "    --pupils FILE        also check a pupils file (pupil_id,date_of_birth,name,year_group)\n"
          "    --terms FILE         the authority's terms (name,start,end)\n"
          "    --closures FILE      days inside terms when the school did not meet (name,start,end)\n"
          "    --as-of DATE         the school year to check is the one holding DATE; default: the last\n"
          "                         date in the register within the school year its marks are about\n"
          "    --code-set SET       wales-2010 (default) or england-2024\n"
          "    --layout L           auto (default), long or wide\n"
          "    --columns SPEC       an export's own column names, field=Header pairs separated by commas,\n"
          "                         e.g. pupil_id=Adno,date=Date,session=Session,mark=Mark (every CSV file)\n"
          "    --date-format F      yyyy-mm-dd (default) or dd/mm/yyyy (every CSV file)\n"
          "    --code-map FILE      local codes: local,statutory per line, read as their statutory code\n"
          "    --format F           text (default); json: {files, problems: [{id, severity, file, pupil_id,\n"
          "                         line, column, date, session, message}], errors, warnings, pupils};\n"
          "                         csv: one row per problem\n"
          "    --lang L             en (default), cy, or cy+en (Welsh then English)\n"
          "    --no-progress        never show the progress bar\n"
          "    -h, --help           this text\n"
          "\n"
          "EXIT STATUS\n"
          "    0 no errors (warnings allowed); 1 usage error; 2 errors found, or a file cannot be read;\n"
          "    3 other failure.\n"
          "\n"
          "EXAMPLES\n"
          "    ssat validate examples/data/sample_school_2024.csv --terms examples/data/terms_2024.csv \\\n"
          "        --closures examples/data/closures_2024.csv\n"
          "    ssat validate export.csv --format json > problems.json\n",
          out);
}

static int parse(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    const tool_option opts[] = {
        TOOL_INPUT_OPTIONS(o->in),
        {"as-of", "DATE", &o->in.as_of, NULL},       {"layout", "LAYOUT", &o->in.layout, NULL},
        {"format", "FORMAT", &o->format, NULL},      {"lang", "LANG", &o->lang, NULL},
        {"no-progress", NULL, NULL, &o->no_progress},
    };
    if (!tool_parse("validate", argc, argv, opts, sizeof opts / sizeof opts[0], o->positional, 64, &o->npositional,
                    &o->help))
        return TOOL_EXIT_USAGE;
    if (o->help)
        return TOOL_EXIT_OK;
    o->in.keep_problems = true;
    return tool_register_inputs("validate", o->lang, o->positional, o->npositional, o->no_progress, &o->in);
}

static int run_validate(int argc, char **argv)
{
    static const char *const formats[] = {"text", "json", "csv"}; /* in the order of `format` */
    options o;
    int rc = parse(argc, argv, &o), fmt;
    if (!tool_go_on(&rc, o.help, help))
        return rc;
    rc = tool_choose_format("validate", o.format, formats, sizeof formats / sizeof formats[0], &fmt);
    if (rc != TOOL_EXIT_OK)
        return rc;
    tool_data d;
    rc = tool_load("validate", &o.in, &d);
    if (rc == TOOL_EXIT_OK)
        rc = validate(&d, &o, (format)fmt);
    tool_data_free(&d);
    return rc;
}

const tool_command tool_cmd_validate = {
    "validate",
    "check register files: every problem, with its file, line and column",
    run_validate,
    help,
};
