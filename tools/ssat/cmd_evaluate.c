/* ssat evaluate: per pupil, attendance for the school year to date, persistent absence, the
 * register-based SSAT referral criteria (R1, R2) and the penalty-notice attendance criteria (the limbs
 * and the year-to-date condition), each with its reasons; as an aligned table, JSON or CSV. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

/* The criteria reported, in this order; "absence.severe" only when the policy evaluates it. */
static const char *const reason_ids[] = {
    "referral.r1.attendance",   "referral.r2.unauthorised", "absence.persistent",       "absence.severe",
    "penalty.limb.unauthorised", "penalty.limb.holiday",     "penalty.limb.late",        "penalty.limb.combination",
    "penalty.year_to_date",
};
#define REASON_COUNT (sizeof reason_ids / sizeof reason_ids[0])

typedef struct options {
    const char *positional[64];
    size_t npositional;
    tool_inputs in;
    const char *format, *lang;
    bool all, reasons, no_progress, help;
} options;

/* One pupil's results. The decisions are owned and freed by result_free(). */
typedef struct result {
    const char *id, *name, *year;
    const ssat_totals *totals;
    bool evaluable;
    int32_t tenths;
    bool persistent, referral, penalty;
    ssat_summary *summary;
    ssat_decision *decisions[3]; /* referral, absence, penalty */
    const ssat_criterion *reasons[REASON_COUNT];
} result;

typedef struct context {
    tool_data *d;
    ssat_lang lang;
    ssat_window ytd;
} context;

static void result_free(result *r)
{
    ssat_summary_free(r->summary);
    for (size_t i = 0; i < 3; i++)
        ssat_decision_free(r->decisions[i]);
    memset(r, 0, sizeof *r);
}

static bool met(const ssat_criterion *c)
{
    return c != NULL && c->outcome == SSAT_OUTCOME_MET;
}

/* The two headline answers: R1 and R2 both met; a penalty limb met and the year-to-date condition. */
static void conclude(result *r)
{
    r->persistent = met(r->reasons[2]);
    r->referral = met(r->reasons[0]) && met(r->reasons[1]);
    r->penalty = (met(r->reasons[4]) || met(r->reasons[5]) || met(r->reasons[6]) || met(r->reasons[7])) &&
                 met(r->reasons[8]);
}

static void find_reasons(result *r)
{
    for (size_t i = 0; i < REASON_COUNT; i++) {
        r->reasons[i] = NULL;
        for (size_t k = 0; k < 3 && r->reasons[i] == NULL; k++)
            if (ssat_decision_find(r->decisions[k], reason_ids[i], &r->reasons[i]) != SSAT_OK)
                r->reasons[i] = NULL;
    }
}

/* A rule fails only for want of memory, or for an as-of date the calendar cannot place (before the
 * first term, for a term window): the latter is the input's fault. */
static int rule_failed(const char *id)
{
    if (id != NULL)
        fprintf(stderr, "ssat evaluate: pupil %s: %s\n", id, ssat_error_message());
    else
        fprintf(stderr, "ssat evaluate: %s\n", ssat_error_message());
    return ssat_error_status() == SSAT_ERR_NOMEM ? TOOL_EXIT_FAILURE : TOOL_EXIT_INPUT;
}

static int evaluate(const context *x, size_t i, result *r)
{
    tool_data *d = x->d;
    const ssat_register *reg = ssat_school_register(d->school, i);
    const ssat_pupil *pupil = ssat_school_pupil(d->school, i);
    memset(r, 0, sizeof *r);
    r->id = ssat_school_pupil_id(d->school, i);
    r->name = ssat_school_pupil_detail(d->school, i, "name");
    r->year = ssat_school_pupil_detail(d->school, i, "year_group");
    if (ssat_attendance_compute(reg, &x->ytd, &r->summary) != SSAT_OK ||
        ssat_referral_evaluate(d->policy, reg, d->calendar, pupil, d->as_of, &r->decisions[0]) != SSAT_OK ||
        ssat_absence_evaluate(d->policy, reg, d->calendar, d->as_of, &r->decisions[1]) != SSAT_OK ||
        ssat_penalty_evaluate(d->policy, reg, d->calendar, pupil, NULL, d->as_of, &r->decisions[2]) != SSAT_OK) {
        int rc = rule_failed(r->id);
        result_free(r);
        return rc;
    }
    r->totals = ssat_summary_totals(r->summary);
    r->evaluable = ssat_summary_evaluable(r->summary) != 0;
    if (ssat_summary_attendance_tenths(r->summary, &r->tenths) != SSAT_OK)
        r->tenths = 0;
    find_reasons(r);
    conclude(r);
    return TOOL_EXIT_OK;
}

/* ---- shared text --------------------------------------------------------------------------------- */

static const char *outcome_id(ssat_outcome o)
{
    return o == SSAT_OUTCOME_MET ? "met" : o == SSAT_OUTCOME_NOT_MET ? "not_met" : "unknown";
}

static const char *comparator_text(ssat_comparator c)
{
    static const char *const texts[] = {"<", "<=", ">=", ">"};
    return (unsigned)c < 4 ? texts[c] : "?";
}

/* A threshold as an exact decimal: num / den with den a power of ten (87.5 is 875/10). */
static tool_num threshold_text(const ssat_criterion *c)
{
    tool_num n;
    int64_t den = c->measure == SSAT_MEASURE_PERCENT && c->threshold_den > 0 ? c->threshold_den : 1;
    int len = snprintf(n.s, sizeof n.s, "%lld", (long long)(c->threshold / den));
    int64_t frac = c->threshold % den;
    if (frac != 0 && len > 0 && (size_t)len + 20 < sizeof n.s) {
        char *p = n.s + len;
        *p++ = '.';
        for (int64_t k = den / 10; k > 0 && frac != 0; k /= 10) { /* digits down to the last non-zero */
            *p++ = (char)('0' + frac / k);
            frac %= k;
        }
        *p = '\0';
    }
    return n;
}

static const char *yes_no(bool v, ssat_lang lang)
{
    return tool_text(v ? "word.yes" : "word.no", lang);
}

/* ---- JSON ---------------------------------------------------------------------------------------- */

static void json_reason(FILE *out, const ssat_criterion *c, ssat_lang lang)
{
    fputs("{\"id\": ", out);
    tool_json_string(out, c->id);
    fprintf(out, ", \"outcome\": \"%s\", \"value\": %lld", outcome_id(c->outcome), (long long)c->value);
    if (c->measure == SSAT_MEASURE_PERCENT)
        fprintf(out, ", \"whole\": %lld", (long long)c->whole);
    fprintf(out, ", \"comparator\": \"%s\", \"threshold\": %s, \"message\": ", comparator_text(c->comparator),
            threshold_text(c).s);
    tool_json_string(out, ssat_criterion_message(c, lang));
    fputc('}', out);
}

static void json_pupil(FILE *out, const result *r, ssat_lang lang)
{
    fputs("{\"pupil_id\": ", out);
    tool_json_string(out, r->id);
    if (r->name[0] != '\0') {
        fputs(", \"name\": ", out);
        tool_json_string(out, r->name);
    }
    if (r->year[0] != '\0') {
        fputs(", \"year_group\": ", out);
        tool_json_string(out, r->year);
    }
    const ssat_totals *t = r->totals;
    fprintf(out, ", \"possible\": %u, \"attended\": %u, \"authorised\": %u, \"unauthorised\": %u",
            (unsigned)t->possible, (unsigned)t->attended, (unsigned)t->authorised, (unsigned)t->unauthorised);
    fprintf(out, ", \"evaluable\": %s, \"attendance_pct\": %s", r->evaluable ? "true" : "false",
            r->evaluable ? tool_num_tenths(r->tenths).s : "null");
    fprintf(out, ", \"persistent_absence\": %s, \"referral_criteria_met\": %s, \"penalty_notice_criteria_met\": %s",
            r->persistent ? "true" : "false", r->referral ? "true" : "false", r->penalty ? "true" : "false");
    fputs(", \"reasons\": [", out);
    bool first = true;
    for (size_t i = 0; i < REASON_COUNT; i++) {
        if (r->reasons[i] == NULL)
            continue;
        if (!first)
            fputs(", ", out);
        json_reason(out, r->reasons[i], lang);
        first = false;
    }
    fputs("]}", out);
}

static void json_head(FILE *out, const tool_data *d, ssat_lang lang)
{
    int32_t y = ssat_calendar_school_year(d->calendar);
    fprintf(out, "{\"as_of\": \"%s\", \"school_year\": \"%ld/%02ld\", \"policy\": ", tool_num_date(d->as_of).s,
            (long)y, (long)((y + 1) % 100));
    tool_json_string(out, ssat_policy_name(d->policy));
    fputs(", \"code_set\": ", out);
    tool_json_string(out, ssat_codeset_name(d->codes));
    fprintf(out, ", \"lang\": \"%s\",\n \"pupils\": [", lang == SSAT_LANG_CY ? "cy" : lang == SSAT_LANG_CY_EN ? "cy+en" : "en");
}

/* ---- CSV ----------------------------------------------------------------------------------------- */

static void csv_head(FILE *out)
{
    fputs("pupil_id,name,year_group,possible,attended,authorised,unauthorised,evaluable,attendance_pct,"
          "persistent_absence,referral_criteria_met,penalty_notice_criteria_met,reasons\r\n",
          out);
}

static void csv_pupil(FILE *out, const result *r, ssat_lang lang)
{
    const ssat_totals *t = r->totals;
    tool_csv_field(out, r->id);
    fputc(',', out);
    tool_csv_field(out, r->name);
    fputc(',', out);
    tool_csv_field(out, r->year);
    fprintf(out, ",%u,%u,%u,%u,%s,%s,%s,%s,%s,", (unsigned)t->possible, (unsigned)t->attended,
            (unsigned)t->authorised, (unsigned)t->unauthorised, r->evaluable ? "true" : "false",
            r->evaluable ? tool_num_tenths(r->tenths).s : "", r->persistent ? "true" : "false",
            r->referral ? "true" : "false", r->penalty ? "true" : "false");
    /* The reasons in one field, one per line, as a spreadsheet shows a cell of several lines. */
    size_t len = 0;
    for (size_t i = 0; i < REASON_COUNT; i++)
        if (r->reasons[i] != NULL)
            len += strlen(ssat_criterion_message(r->reasons[i], lang)) + 1;
    char *all = malloc(len + 1);
    if (all != NULL) {
        all[0] = '\0';
        for (size_t i = 0; i < REASON_COUNT; i++) {
            if (r->reasons[i] == NULL)
                continue;
            if (all[0] != '\0')
                strcat(all, "\n");
            strcat(all, ssat_criterion_message(r->reasons[i], lang));
        }
        tool_csv_field(out, all);
        free(all);
    }
    fputs("\r\n", out);
}

/* ---- table --------------------------------------------------------------------------------------- */

enum { T_PUPIL, T_NAME, T_YEAR, T_POSSIBLE, T_ATTENDED, T_AUTH, T_UNAUTH, T_PCT, T_PA, T_REF, T_PEN, T_COLS };

static const char *const header_keys[T_COLS] = {
    "col.pupil", "col.name", "col.year", "col.possible", "col.attended", "col.authorised", "col.unauthorised",
    "col.attendance", "col.persistent", "col.referral", "col.penalty",
};
static const bool right_aligned[T_COLS] = {false, false, true, true, true, true, true, true, false, false, false};

/* "    - message\n", the lines after the first (the English of a bilingual reason) under the first's text. */
static size_t indented(char *buf, size_t cap, const char *message)
{
    size_t k = (size_t)snprintf(buf, cap, "    - ");
    for (const char *p = message; *p != '\0' && k + 8 < cap; p++)
        k += (size_t)(*p == '\n' ? snprintf(buf + k, cap - k, "\n      ") : snprintf(buf + k, cap - k, "%c", *p));
    k += (size_t)snprintf(buf + k, cap - k, "\n");
    return k;
}

/* The reasons under a row, indented: "    [met] message". */
static char *reasons_note(const result *r, ssat_lang lang)
{
    size_t len = 1;
    for (size_t i = 0; i < REASON_COUNT; i++)
        if (r->reasons[i] != NULL)
            len += 2 * strlen(ssat_criterion_message(r->reasons[i], lang)) + 48;
    char *note = malloc(len);
    if (note == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < REASON_COUNT; i++)
        if (r->reasons[i] != NULL)
            k += indented(note + k, len - k, ssat_criterion_message(r->reasons[i], lang));
    return note;
}

static bool table_row(tool_table *t, const result *r, ssat_lang lang, bool with_reasons)
{
    tool_num n[4] = {tool_num_u64(r->totals->possible), tool_num_u64(r->totals->attended),
                     tool_num_u64(r->totals->authorised), tool_num_u64(r->totals->unauthorised)};
    char pct[40];
    if (r->evaluable)
        snprintf(pct, sizeof pct, "%s %%", tool_num_tenths(r->tenths).s);
    else
        snprintf(pct, sizeof pct, "%s", tool_text("word.na", lang));
    const char *cells[T_COLS] = {r->id, r->name, r->year, n[0].s, n[1].s, n[2].s, n[3].s, pct,
                                 yes_no(r->persistent, lang), yes_no(r->referral, lang), yes_no(r->penalty, lang)};
    return tool_table_add(t, cells, with_reasons ? reasons_note(r, lang) : NULL);
}

typedef struct counts {
    size_t pupils, referral, penalty, persistent, not_evaluable;
} counts;

static void print_summary(FILE *out, const tool_data *d, const counts *c, ssat_lang lang)
{
    int32_t y = ssat_calendar_school_year(d->calendar);
    char year[16];
    snprintf(year, sizeof year, "%ld/%02ld", (long)y, (long)((y + 1) % 100));
    tool_num n[5] = {tool_num_u64(c->pupils), tool_num_u64(c->referral), tool_num_u64(c->penalty),
                     tool_num_u64(c->persistent), tool_num_u64(c->not_evaluable)};
    tool_num date = tool_num_date(d->as_of);
    const char *args[9] = {n[0].s, date.s, year, ssat_policy_name(d->policy), ssat_codeset_name(d->codes),
                           n[1].s, n[2].s, n[3].s, n[4].s};
    fputc('\n', out);
    tool_say(out, "summary", lang, args, 9, 0x2);
    fputc('\n', out);
    tool_say(out, "key", lang, NULL, 0, 0);
    fputc('\n', out);
}

/* ---- the command --------------------------------------------------------------------------------- */

typedef enum format { F_TABLE, F_JSON, F_CSV } format;

typedef struct run {
    context x;
    const options *o;
    format fmt;
    tool_table table;
    counts counts;
    tool_progress bar;
} run;

static int emit(run *u, const result *r, size_t i)
{
    FILE *out = stdout;
    u->counts.pupils++;
    u->counts.referral += r->referral;
    u->counts.penalty += r->penalty;
    u->counts.persistent += r->persistent;
    u->counts.not_evaluable += !r->evaluable;
    if (u->fmt == F_JSON) {
        fputs(i == 0 ? "\n  " : ",\n  ", out);
        json_pupil(out, r, u->x.lang);
    } else if (u->fmt == F_CSV) {
        csv_pupil(out, r, u->x.lang);
    } else if ((u->o->all || r->referral || r->penalty) && !table_row(&u->table, r, u->x.lang, u->o->reasons)) {
        fputs("ssat evaluate: out of memory\n", stderr);
        return TOOL_EXIT_FAILURE;
    }
    return TOOL_EXIT_OK;
}

static int evaluate_all(run *u)
{
    tool_data *d = u->x.d;
    size_t n = ssat_school_count(d->school);
    tool_progress_init(&u->bar, u->o->in.progress);
    for (size_t i = 0; i < n; i++) {
        result r;
        int rc = evaluate(&u->x, i, &r);
        if (rc == TOOL_EXIT_OK)
            rc = emit(u, &r, i);
        result_free(&r);
        if (rc != TOOL_EXIT_OK) {
            tool_progress_clear(&u->bar);
            return rc;
        }
        tool_progress_update(&u->bar, "Evaluating", i + 1, n, false);
    }
    tool_progress_clear(&u->bar);
    return TOOL_EXIT_OK;
}

static void print_table(run *u)
{
    ssat_lang lang = u->x.lang;
    tool_say(stdout, u->o->all ? "title.all" : "title.meeting", lang, NULL, 0, 0);
    putchar('\n');
    putchar('\n');
    if (u->table.rows == 0) {
        tool_say(stdout, "title.none", lang, NULL, 0, 0);
        putchar('\n');
    } else {
        tool_table_print(&u->table, stdout);
    }
    print_summary(stdout, u->x.d, &u->counts, lang);
}

/* Before any output: the rules can be evaluated as of this date (a term window needs a term that has
 * begun by then, for example). They are tried once on an empty register, so that a date the calendar
 * cannot place fails with nothing printed as a result. */
static int precheck(const tool_data *d)
{
    ssat_register *reg = NULL;
    ssat_decision *dec[3] = {NULL, NULL, NULL};
    if (ssat_register_new(d->codes, &reg) != SSAT_OK)
        return tool_fail("evaluate", "register");
    ssat_status st = ssat_referral_evaluate(d->policy, reg, d->calendar, NULL, d->as_of, &dec[0]);
    if (st == SSAT_OK)
        st = ssat_absence_evaluate(d->policy, reg, d->calendar, d->as_of, &dec[1]);
    if (st == SSAT_OK)
        st = ssat_penalty_evaluate(d->policy, reg, d->calendar, NULL, NULL, d->as_of, &dec[2]);
    int rc = st == SSAT_OK ? TOOL_EXIT_OK : rule_failed(NULL);
    for (size_t i = 0; i < 3; i++)
        ssat_decision_free(dec[i]);
    ssat_register_free(reg);
    return rc;
}

/* Evaluate and print; the output of a run that fails part-way is not trusted, but JSON and CSV have
 * been streamed by then (large schools must not be held in memory): the exit status says it failed. */
static int report(tool_data *d, const options *o, format fmt)
{
    run u = {.x = {.d = d, .lang = o->in.lang}, .o = o, .fmt = fmt};
    const char *headers[T_COLS];
    for (size_t c = 0; c < T_COLS; c++)
        headers[c] = tool_text(header_keys[c], o->in.lang);
    tool_table_init(&u.table, T_COLS, headers, right_aligned);
    if (ssat_calendar_window_year_to_date(d->calendar, d->as_of, &u.x.ytd) != SSAT_OK)
        return tool_fail("evaluate", "year to date");
    int rc = precheck(d);
    if (rc != TOOL_EXIT_OK)
        return rc;
    if (fmt == F_JSON)
        json_head(stdout, d, o->in.lang);
    else if (fmt == F_CSV)
        csv_head(stdout);
    rc = evaluate_all(&u);
    if (rc == TOOL_EXIT_OK && fmt == F_JSON)
        fputs("\n ]}\n", stdout);
    else if (rc == TOOL_EXIT_OK && fmt == F_TABLE)
        print_table(&u);
    tool_table_free(&u.table);
    if (rc == TOOL_EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
        fputs("ssat evaluate: cannot write the output\n", stderr);
        rc = TOOL_EXIT_FAILURE;
    }
    return rc;
}

static void help(FILE *out)
{
    fputs("NAME\n"
          "    ssat evaluate - attendance, persistent absence, referral and penalty-notice criteria per pupil\n"
          "\n"
          "SYNOPSIS\n"
          "    ssat evaluate REGISTER.csv... [--pupils FILE] [--terms FILE] [--closures FILE] [--as-of DATE]\n"
          "                  [--policy NAME|FILE] [--code-set SET] [--layout auto|long|wide]\n"
          "                  [--format table|json|csv] [--lang en|cy|cy+en] [--all] [--reasons] [--no-progress]\n"
          "\n"
          "DESCRIPTION\n"
          "    Reads one or more register files (long or wide layout, told by the header) and reports, for\n"
          "    every pupil, over the school year to date (1 August to the as-of date):\n"
          "      - possible, attended, authorised and unauthorised sessions and the attendance percentage\n"
          "        (one decimal, rounded half up; not evaluable when no session was possible);\n"
          "      - persistent absence (absence at or above the policy's threshold, 10 % by default);\n"
          "      - the SSAT referral criteria that the register settles: R1, attendance at or below 85 %,\n"
          "        and R2, at least 10 unauthorised sessions (referral_criteria_met: both);\n"
          "      - the penalty-notice attendance criteria: a limb (10 sessions of unauthorised absence,\n"
          "        of holiday not agreed (G), of late after registers closed (U), or of these together,\n"
          "        in the current term) and year-to-date attendance below 90 %\n"
          "        (penalty_notice_criteria_met: both);\n"
          "    each with its reasons, in English or Welsh. Thresholds are compared exactly: 17 of 20\n"
          "    sessions is 85 % and meets R1. The criteria that need more than the register (engagement,\n"
          "    evidence, a warning to the parent) are for later commands.\n"
          "    Any malformed input file is reported as FILE:LINE:COLUMN: message on stderr, every problem\n"
          "    of every file, and nothing is printed on stdout (exit status 2).\n"
          "\n"
          "OPTIONS\n"
          "    --pupils FILE        pupils file: pupil_id,date_of_birth,name,year_group (names in the\n"
          "                         table and JSON; dates of birth for compulsory school age)\n"
          "    --terms FILE         the authority's terms (name,start,end); default: the census terms\n"
          "                         (autumn 1 Aug-31 Dec, spring 1 Jan-Easter Sunday, summer to 31 Jul)\n"
          "    --closures FILE      days inside terms when the school did not meet (name,start,end)\n"
          "    --as-of DATE         evaluate as of DATE (YYYY-MM-DD); default: the last date in the\n"
          "                         register, never the machine's clock\n"
          "    --policy NAME|FILE   a built-in policy (carmarthenshire (default), wales, england-2024) or a\n"
          "                         policy JSON document (see libssat's policy.h)\n"
          "    --code-set SET       wales-2010 or england-2024; default: the policy's\n"
          "    --layout L           auto (default: told by the header), long or wide\n"
          "    --format F           table (default): an aligned table of the pupils who meet the referral\n"
          "                         or penalty-notice criteria, then a summary; json: an object with\n"
          "                         as_of, policy, code_set and pupils (every pupil, sorted by pupil_id,\n"
          "                         with reasons); csv: one row per pupil, reasons in the last field\n"
          "    --lang L             en (default), cy (Welsh reasons and headings), or cy+en (Welsh then English)\n"
          "    --all                table: list every pupil, not only those who meet criteria\n"
          "    --reasons            table: print each pupil's reasons under the row\n"
          "    --no-progress        never show the progress bar (shown on a terminal for long runs only)\n"
          "    -h, --help           this text\n"
          "\n"
          "EXIT STATUS\n"
          "    0 success; 1 usage error; 2 an input file unreadable or malformed; 3 other failure.\n"
          "\n"
          "EXAMPLES\n"
          "    ssat evaluate examples/data/sample_school_2024.csv --pupils examples/data/pupils_2024.csv \\\n"
          "        --terms examples/data/terms_2024.csv --closures examples/data/closures_2024.csv\n"
          "    ssat evaluate register.csv --as-of 2025-02-14 --format json > as_of_half_term.json\n"
          "    ssat evaluate register.csv --lang cy --all --reasons\n",
          out);
}

static int parse(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    const tool_option opts[] = {
        {"pupils", "FILE", &o->in.pupils, NULL},     {"terms", "FILE", &o->in.terms, NULL},
        {"closures", "FILE", &o->in.closures, NULL}, {"as-of", "DATE", &o->in.as_of, NULL},
        {"policy", "NAME|FILE", &o->in.policy, NULL}, {"code-set", "SET", &o->in.code_set, NULL},
        {"layout", "LAYOUT", &o->in.layout, NULL},   {"format", "FORMAT", &o->format, NULL},
        {"lang", "LANG", &o->lang, NULL},            {"all", NULL, NULL, &o->all},
        {"reasons", NULL, NULL, &o->reasons},        {"no-progress", NULL, NULL, &o->no_progress},
    };
    if (!tool_parse("evaluate", argc, argv, opts, sizeof opts / sizeof opts[0], o->positional, 64, &o->npositional,
                    &o->help))
        return TOOL_EXIT_USAGE;
    if (o->help)
        return TOOL_EXIT_OK;
    if (!tool_parse_lang(o->lang, &o->in.lang))
        return tool_usage_error("evaluate", "--lang: \"%s\" is not en, cy or cy+en", o->lang);
    if (o->npositional == 0)
        return tool_usage_error("evaluate", "no register file given");
    o->in.registers = o->positional;
    o->in.nregisters = o->npositional;
    o->in.progress = !o->no_progress;
    return TOOL_EXIT_OK;
}

static int run_evaluate(int argc, char **argv)
{
    options o;
    int rc = parse(argc, argv, &o);
    if (rc != TOOL_EXIT_OK || o.help) {
        if (o.help)
            help(stdout);
        return rc;
    }
    format fmt = F_TABLE;
    if (o.format != NULL && strcmp(o.format, "json") == 0)
        fmt = F_JSON;
    else if (o.format != NULL && strcmp(o.format, "csv") == 0)
        fmt = F_CSV;
    else if (o.format != NULL && strcmp(o.format, "table") != 0)
        return tool_usage_error("evaluate", "--format: \"%s\" is not table, json or csv", o.format);
    tool_data d;
    rc = tool_load("evaluate", &o.in, &d);
    if (rc == TOOL_EXIT_OK)
        rc = report(&d, &o, fmt);
    tool_data_free(&d);
    return rc;
}

const tool_command tool_cmd_evaluate = {
    "evaluate",
    "attendance, persistent absence, referral (R1, R2) and penalty-notice criteria per pupil",
    run_evaluate,
    help,
};
