/* The ssat command-line tool: what its source files share.
 *
 * Each command is one source file defining one `tool_command` (cmd_<name>.c), listed in main.c's
 * command table; the commands share option parsing (options.c), loading of the input files
 * (load.c), output writers (output.c), the progress bar (progress.c) and the safe replacement of the
 * files it writes (store.c). The tool uses only libssat's public API, as any program would. */
#ifndef SSAT_TOOL_H
#define SSAT_TOOL_H

#include <ssat.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* ---- exit statuses (documented in `ssat --help`) ------------------------------------------------- */

enum {
    TOOL_EXIT_OK = 0,
    TOOL_EXIT_USAGE = 1,   /* unknown command or option, bad option value */
    TOOL_EXIT_INPUT = 2,   /* an input file cannot be read or is malformed; validate: the register has errors */
    TOOL_EXIT_FAILURE = 3, /* anything else: out of memory, output cannot be written */
    /* The input is well formed and the rules answered no: evidence check found problems in the pack,
     * case apply was refused by a guard, case overdue found work overdue. Kept apart from 2 so that a
     * script can tell "fix the file" from "the answer is no". */
    TOOL_EXIT_REFUSED = 4,
    /* case new/apply: the case was saved (the event recorded) but the report could not be written to
     * standard output. Apart from 3 so that a script does not apply the event a second time. */
    TOOL_EXIT_SAVED_UNREPORTED = 5
};

/* ---- commands ------------------------------------------------------------------------------------ */

typedef struct tool_command {
    const char *name;
    const char *summary;                   /* one line, for `ssat --help` */
    int (*run)(int argc, char **argv);     /* argv[0] is the command's name; returns an exit status */
    void (*help)(FILE *out);               /* the command's --help text */
} tool_command;

extern const tool_command tool_cmd_evaluate;
extern const tool_command tool_cmd_validate;
extern const tool_command tool_cmd_certificate;
extern const tool_command tool_cmd_evidence;
extern const tool_command tool_cmd_case;

/* ---- options (options.c) ------------------------------------------------------------------------- */

/* One option of a command: "--name VALUE" or "--name=VALUE" when it takes a value, else a flag. An
 * option whose value_name ends in "..." ("FILE...") may be given more than once: `value` is then an
 * array of TOOL_REPEAT_MAX + 1 pointers, all NULL at first, that takes the values in order. */
typedef struct tool_option {
    const char *name;       /* without the dashes */
    const char *value_name; /* "FILE", "DATE" ...; NULL for a flag */
    const char **value;     /* where the value goes (options taking one) */
    bool *flag;             /* set when given (flags) */
} tool_option;
#define TOOL_REPEAT_MAX 64

/* Parse argv[1..]: options anywhere, "--" ends them, "-h"/"--help" sets *help. Positional arguments
 * are collected into positional[] (at most max). On a usage error prints it (naming the command) and
 * returns false. */
bool tool_parse(const char *command, int argc, char **argv, const tool_option *opts, size_t nopts,
                const char **positional, size_t max, size_t *npositional, bool *help);
/* Print a usage error: "ssat COMMAND: message" and a hint to --help. Returns TOOL_EXIT_USAGE. */
int tool_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- languages ------------------------------------------------------------------------------------ */

/* "en", "cy" or "cy+en" (Welsh then English; NULL means en); false for anything else. */
bool tool_parse_lang(const char *text, ssat_lang *out);
/* The tool's own labels in English and Welsh (headings, words). */
/* The tool's own words, generated from the catalogues po/libssat.pot and po/cy.po (ids tool.<key>) into
 * tool_messages.c, so a translator reviews them with the library's. */
typedef struct tool_label {
    const char *key, *en, *cy, *cy_en; /* cy_en: "Cymraeg / English" */
} tool_label;
extern const tool_label tool_labels[];
extern const size_t tool_labels_count;

const char *tool_text(const char *key, ssat_lang lang);
/* Print the tool's sentence `key` with its arguments, those of dates_mask (bit k-1 for {k}, given as
 * ISO dates) in words in the language; for SSAT_LANG_CY_EN the Welsh sentence, a line break, then the
 * English one, as a bilingual document has them. */
void tool_say(FILE *out, const char *key, ssat_lang lang, const char *const *args, size_t nargs, unsigned dates_mask);
/* Print a label's template with {1}..{9} replaced by args (as libssat's messages do). */
void tool_render(FILE *out, const char *tmpl, const char *const *args, size_t nargs);

/* ---- progress bar (progress.c) ------------------------------------------------------------------- */

/* Shown only when stderr is a terminal, and only once a step has taken a moment (short runs print
 * nothing extra); nothing at all when output is piped or --no-progress is given. */
typedef struct tool_progress {
    bool enabled;
    bool drawn;
    double started, last;
} tool_progress;

void tool_progress_init(tool_progress *p, bool allowed);
/* Report `done` of `total` units of the step named `what` (units are bytes when `bytes`). */
void tool_progress_update(tool_progress *p, const char *what, uint64_t done, uint64_t total, bool bytes);
/* Clear the bar line (if one was drawn). */
void tool_progress_clear(tool_progress *p);

/* ---- loading inputs (load.c) --------------------------------------------------------------------- */

/* Everything the commands read, from the common options. */
typedef struct tool_inputs {
    const char *const *registers; /* one or more register files */
    size_t nregisters;
    const char *pupils, *terms, *closures; /* optional files */
    const char *as_of;            /* optional date text */
    const char *as_of_option;     /* the option that gives it, for messages; NULL = "--as-of" */
    const char *policy;           /* built-in name or JSON file; NULL = carmarthenshire */
    const char *code_set;         /* NULL = the policy's */
    const char *layout;           /* auto | long | wide; NULL = auto */
    const char *columns;          /* --columns: the export's column names (field=Header,...), or NULL */
    const char *date_format;      /* --date-format: yyyy-mm-dd | dd/mm/yyyy, or NULL */
    const char *code_map;         /* --code-map: a local,statutory file, or NULL */
    ssat_lang lang;
    bool progress;                /* the progress bar may be shown */
    bool keep_problems;           /* validate: keep the problems for a report instead of printing them */
} tool_inputs;

typedef struct tool_data {
    ssat_policy *policy;
    ssat_codeset *codes;
    ssat_school *school;
    ssat_calendar *calendar;
    ssat_problems *problems;      /* every problem of every file, in order read */
    ssat_csv_map *map;            /* --columns, --date-format, --code-map; NULL when none is given */
    ssat_date as_of;
    bool as_of_given;
    size_t file_errors;           /* errors in the files (import and calendar problems) */
} tool_data;

/* Read the policy, code set, registers, pupils, terms and closures and settle the as-of date. Problems
 * of malformed files are printed to stderr ("FILE:LINE:COLUMN: message") unless keep_problems. Returns
 * an exit status: TOOL_EXIT_OK, _USAGE (bad option value), _INPUT (a file unreadable or malformed),
 * _FAILURE. On anything but OK, the data may be partly filled: free it with tool_data_free(). */
int tool_load(const char *command, const tool_inputs *in, tool_data *out);
void tool_data_free(tool_data *d);
/* Common Transfer Files (load_ctf.c). Whether a register argument is a CTF (an XML file, or a
 * directory, read as one of CTF files); the code set its nation uses (a static name), NULL when not a
 * CTF or not known from its start; import it (every *.xml of a directory, in name order), with the
 * same exit statuses as the CSV imports (problems counted in d->file_errors). */
bool tool_is_ctf(const char *path);
const char *tool_ctf_code_set(const char *path);
int tool_import_ctf(const char *command, const tool_inputs *in, tool_data *d, const char *path);
/* Read a policy: a built-in name, or a policy JSON file; NULL is carmarthenshire. Returns an exit
 * status (_USAGE for a name that is neither, _INPUT for a file that cannot be read or is malformed). */
int tool_load_policy(const char *command, const char *spec, ssat_policy **out);
/* Whether `name` is a built-in policy's name. */
bool tool_is_builtin_policy(const char *name);
/* Print problems [from, count) to `out` as "FILE:LINE:COLUMN: error: message [id]". */
void tool_print_problems(FILE *out, const ssat_problems *problems, size_t from, ssat_lang lang);
/* Report a failed library call ("ssat COMMAND: what: message") and return TOOL_EXIT_FAILURE. */
int tool_fail(const char *command, const char *what);

/* ---- the previous school year (previous_year.c) ---------------------------------------------------- */

/* England's limb window, the last 10 school weeks, reaches back before 1 August early in a school year:
 * evaluate, case apply and case next can be given the previous year's registers and calendar. What its
 * options name. */
typedef struct tool_previous_inputs {
    const char *registers[TOOL_REPEAT_MAX + 1]; /* --previous-register, in order; none: registers[0] NULL */
    const char *terms, *closures;                /* --previous-terms, --previous-closures, or NULL */
} tool_previous_inputs;
#define TOOL_PREVIOUS_OPTIONS(p)                                                                            \
    {"previous-register", "FILE...", (p).registers, NULL}, {"previous-terms", "FILE", &(p).terms, NULL},    \
        {"previous-closures", "FILE", &(p).closures, NULL}

/* The previous school year as read: its school (pupils matched by id), its calendar, and the empty
 * register of a pupil who is not in its files. */
typedef struct tool_previous {
    tool_data data;
    ssat_register *empty;
    const char *terms; /* the file its terms came from, for messages; NULL: the census terms */
} tool_previous;

/* Check the options before anything is read (usage errors); *given: --previous-register was given. */
int tool_previous_options(const char *command, const tool_inputs *in, const tool_previous_inputs *opts,
                          bool *given);
/* Read the --previous-register files as the main ones are read (layout, columns, date format, code map;
 * the code set of `d`) and the calendar of the school year before `d`'s from --previous-terms and
 * --previous-closures, problems reported as tool_load() reports them. Returns an exit status; free
 * `out` with tool_previous_free() whatever it returns. */
int tool_previous_load(const char *command, const tool_inputs *in, const tool_previous_inputs *opts,
                       const tool_data *d, tool_previous *out);
/* Give the evaluation the previous year's calendar. Returns an exit status. */
int tool_previous_prepare(const char *command, const tool_previous *p, ssat_evaluation *evaluation);
/* The pupil's register of the previous school year: theirs in the previous year's files, else an empty
 * one (on no school's roll then, as far as the files say). Borrowed from `p`. */
const ssat_register *tool_previous_register(const tool_previous *p, const char *pupil_id);
/* A pupil's register criteria counting the previous year's register too (an empty one when the pupil is
 * not in the previous year's files): ssat_evaluation_register_years(). */
ssat_status tool_previous_evaluate(const tool_previous *p, const ssat_evaluation *evaluation, const char *pupil_id,
                                   const ssat_register *reg, ssat_decision **out);
/* The previous school year as "2023/24"; the table's sentence saying it was counted (then a line end). */
void tool_previous_year_text(const tool_previous *p, char *buf, size_t cap);
void tool_previous_note(FILE *out, const tool_previous *p, ssat_lang lang);
void tool_previous_free(tool_previous *p);

/* ---- the commands' skeleton (command.c) ---------------------------------------------------------- */

/* After a command's options are parsed (*rc the parse's exit status): prints the command's help when
 * -h/--help was given; true when the command goes on (parsed, no help), else *rc is its exit status. */
bool tool_go_on(int *rc, bool help, void (*print_help)(FILE *out));
/* The index in names[0..n) of the --format value `given` (NULL: 0, the default) into *out; a usage
 * error ("--format: "x" is not a, b or c") for anything else. */
int tool_choose_format(const char *command, const char *given, const char *const *names, size_t n, int *out);
/* The checks of a command that reads registers, once its options are parsed: --lang, at least one
 * register file (the positional arguments); then `in` takes the files and the language, and the
 * progress bar is allowed unless --no-progress. Returns an exit status. */
int tool_register_inputs(const char *command, const char *lang, const char **positional, size_t npositional,
                         bool no_progress, tool_inputs *in);
/* The options naming a command's register inputs (tool_load()) that evaluate, validate and
 * certificate all take, as entries of a tool_option table; `in` is the command's tool_inputs. */
#define TOOL_INPUT_OPTIONS(in)                                                                              \
    {"pupils", "FILE", &(in).pupils, NULL}, {"terms", "FILE", &(in).terms, NULL},                           \
        {"closures", "FILE", &(in).closures, NULL}, {"code-set", "SET", &(in).code_set, NULL},              \
        {"columns", "SPEC", &(in).columns, NULL}, {"date-format", "FORMAT", &(in).date_format, NULL},       \
        {"code-map", "FILE", &(in).code_map, NULL}
/* Flush standard output: `rc` when it is written, else TOOL_EXIT_FAILURE ("ssat COMMAND: cannot write
 * the output"). */
int tool_flushed(const char *command, int rc);

/* ---- output (output.c) --------------------------------------------------------------------------- */

/* Columns a UTF-8 string takes on a terminal (combining marks 0, wide characters 2). */
size_t tool_display_width(const char *s);

/* A table built row by row, printed with every column aligned (numbers to the right). */
typedef struct tool_table {
    size_t ncols;
    const char **headers;
    const bool *right;  /* per column: align right */
    char **cells;       /* rows * ncols, owned */
    char **notes;       /* per row: text printed under it, or NULL; owned */
    size_t rows, cap;
} tool_table;

bool tool_table_init(tool_table *t, size_t ncols, const char **headers, const bool *right);
/* Add a row of ncols cells (copied), and optionally a note printed under it (taken over: malloc'd).
 * False when out of memory (the note is then freed). */
bool tool_table_add(tool_table *t, const char *const *cells, char *note);
void tool_table_print(const tool_table *t, FILE *out);
void tool_table_free(tool_table *t);

/* JSON text: strings escaped as RFC 8259 requires (UTF-8 passed through). */
void tool_json_string(FILE *out, const char *s);
/* A CSV field, quoted when it holds a comma, quote or line end (RFC 4180). A field a spreadsheet
 * would run as a formula (it starts with = + - @, tab or CR and is not a plain number) is written as
 * "'=..." so that it shows as text (OWASP's advice against CSV injection). Every CSV the tool writes
 * goes through here. */
void tool_csv_field(FILE *out, const char *s);

/* Text of numbers for output. */
typedef struct tool_num {
    char s[32];
} tool_num;
tool_num tool_num_u64(uint64_t v);
tool_num tool_num_i64(int64_t v);
tool_num tool_num_tenths(int32_t tenths); /* "85.0" */
tool_num tool_num_date(ssat_date d);      /* "2025-07-18" */

/* ---- files --------------------------------------------------------------------------------------- */

/* Read a whole (small) file into memory: terms, closures, policies. NULL (after printing why) when it
 * cannot be read or is larger than 16 MiB. Free with free(). */
char *tool_read_small_file(const char *command, const char *path, size_t *len_out);

/* ---- replacing files safely (store.c) ------------------------------------------------------------ */

/* A file opened for an update (read it, change it, write it back) and locked against other ssat
 * processes doing the same, so two updates of one case cannot lose one another's event. */
typedef struct tool_locked {
    int fd;          /* -1 when not held */
    char *text;      /* the file's content, NUL-terminated; free()d by tool_unlock() */
    size_t len;
} tool_locked;

/* Open `path`, take an exclusive lock on it and read it (from the locked file: the one at `path` once
 * the lock is held; through symbolic links, the file they point to). Returns an exit status: _INPUT
 * when it cannot be opened or read. */
int tool_lock(const char *command, const char *path, tool_locked *out);
void tool_unlock(tool_locked *l);

/* Write `text` to `path` so that a reader, or a run that dies part-way, sees either the old file or the
 * new one, never a mix: the text goes to a temporary file ".NAME.tmp-XXXXXX" in the same directory,
 * which is flushed to disk (fsync) and then renamed over `path`, and the directory is flushed. With
 * `create`, `path` must not exist (it is never overwritten) and the new file gets mode 0600 (less what
 * the umask takes away: the files hold a child's data); else the caller holds `path` locked
 * (tool_lock()), the file keeps its mode, a symbolic link is followed (the file it points to is
 * replaced and the link stays), and the temporary files left by earlier runs that died before their
 * rename are removed first. Returns an exit status: _FAILURE when it cannot be written (the original
 * is then untouched). */
int tool_store(const char *command, const char *path, const char *text, size_t len, bool create);

/* The file `path` names, through any symbolic links (realpath()), so that an update locks and replaces
 * the target rather than replacing the link with a file; `path` itself when it does not exist. NULL
 * (reported) when it cannot be resolved; free() the result. */
char *tool_resolve(const char *command, const char *path);

#endif /* SSAT_TOOL_H */
