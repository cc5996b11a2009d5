/* ssat evaluate: per pupil, attendance for the school year to date, persistent absence, the
 * register-based SSAT referral criteria (R1, R2) and the penalty-notice attendance criteria (the limbs
 * and the year-to-date condition), each with its reasons; as an aligned table, JSON or CSV.
 *
 * The school is evaluated through one prepared evaluation (ssat/evaluation.h): the policy, calendar and
 * as-of date are resolved once, each pupil's register criteria come from one call, and how they
 * combine (referral: R1 and R2; notice: any limb and the year to date) is the library's answer
 * (ssat_decision_answer), not worked out here. */
#define _POSIX_C_SOURCE 200809L /* open_memstream() */
#include "tool.h"

#include <pthread.h>
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
    tool_previous_inputs previous; /* --previous-register, --previous-terms, --previous-closures */
    const char *format, *lang;
    bool all, reasons, no_progress, help;
} options;

/* One pupil's results. The decision is owned and freed by result_free(). */
typedef struct result {
    const char *id, *name, *year;
    const ssat_totals *totals;
    bool evaluable;
    char pct[32]; /* the attendance percentage: one decimal, more where one would contradict a decision */
    bool persistent, referral, penalty;
    ssat_summary *summary;
    ssat_decision *decision; /* the register criteria (ssat_evaluation_register) */
    const ssat_criterion *reasons[REASON_COUNT];
} result;

typedef struct context {
    tool_data *d;
    ssat_lang lang;
    ssat_window ytd;
    ssat_evaluation *ev;
    const tool_previous *previous; /* the previous school year's registers and calendar, or NULL */
    uint32_t thresholds[2][2]; /* R1's and the notice's year-to-date thresholds (num, den) */
} context;

static void result_free(result *r)
{
    ssat_summary_free(r->summary);
    ssat_decision_free(r->decision);
    memset(r, 0, sizeof *r);
}

/* The headline answers are the library's: R1 and R2; a penalty limb and the year-to-date condition. */
static void conclude(result *r)
{
    r->persistent = ssat_decision_answer(r->decision, SSAT_QUESTION_PERSISTENT_ABSENCE) == SSAT_OUTCOME_MET;
    r->referral = ssat_decision_answer(r->decision, SSAT_QUESTION_REFERRAL_REGISTER) == SSAT_OUTCOME_MET;
    r->penalty = ssat_decision_answer(r->decision, SSAT_QUESTION_PENALTY_ATTENDANCE) == SSAT_OUTCOME_MET;
}

/* The decision lists its criteria in the order of reason_ids (severe absence only when evaluated). */
static void find_reasons(result *r)
{
    size_t n = ssat_decision_count(r->decision), k = 0;
    for (size_t i = 0; i < REASON_COUNT; i++) {
        const ssat_criterion *c = k < n ? ssat_decision_at(r->decision, k) : NULL;
        r->reasons[i] = c != NULL && strcmp(c->id, reason_ids[i]) == 0 ? c : NULL;
        k += r->reasons[i] != NULL;
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

/* The year-to-date attendance shown beside R1 and the notice's year-to-date condition: with as many
 * decimals as either threshold needs for the figure never to read on the wrong side of it (312 of 367
 * is "85.01", not "85.0", beside "not at or below 85 %"). */
static void attendance_text(const context *x, const ssat_totals *t, char *buf, size_t cap)
{
    int32_t decimals = 1;
    for (size_t k = 0; k < 2; k++) {
        int32_t d = ssat_percent_decimals(t->attended, t->possible, x->thresholds[k][0], x->thresholds[k][1]);
        decimals = d > decimals ? d : decimals;
    }
    if (ssat_percent_format(t->attended, t->possible, decimals, buf, cap) != SSAT_OK)
        snprintf(buf, cap, "?");
}

static int evaluate(const context *x, size_t i, result *r)
{
    tool_data *d = x->d;
    const ssat_register *reg = ssat_school_register(d->school, i);
    memset(r, 0, sizeof *r);
    r->id = ssat_school_pupil_id(d->school, i);
    r->name = ssat_school_pupil_detail(d->school, i, "name");
    r->year = ssat_school_pupil_detail(d->school, i, "year_group");
    if (ssat_attendance_compute(reg, &x->ytd, &r->summary) != SSAT_OK ||
        (x->previous == NULL ? ssat_evaluation_register(x->ev, reg, &r->decision)
                             : tool_previous_evaluate(x->previous, x->ev, r->id, reg, &r->decision)) != SSAT_OK) {
        int rc = rule_failed(r->id);
        result_free(r);
        return rc;
    }
    r->totals = ssat_summary_totals(r->summary);
    r->evaluable = ssat_summary_evaluable(r->summary) != 0;
    if (r->evaluable)
        attendance_text(x, r->totals, r->pct, sizeof r->pct);
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
    fprintf(out, ", \"comparator\": \"%s\", \"threshold\": %s", comparator_text(c->comparator), threshold_text(c).s);
    /* Provisional (N) and missing marks in the criterion's window, when there are any (issue 14 g). */
    if (c->provisional > 0)
        fprintf(out, ", \"provisional\": %lld", (long long)c->provisional);
    if (c->missing_marks > 0)
        fprintf(out, ", \"missing_marks\": %lld", (long long)c->missing_marks);
    fputs(", \"message\": ", out);
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
            r->evaluable ? r->pct : "null");
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

static void json_head(FILE *out, const tool_data *d, const tool_previous *previous, ssat_lang lang)
{
    int32_t y = ssat_calendar_school_year(d->calendar);
    fprintf(out, "{\"as_of\": \"%s\", \"school_year\": \"%ld/%02ld\", \"policy\": ", tool_num_date(d->as_of).s,
            (long)y, (long)((y + 1) % 100));
    tool_json_string(out, ssat_policy_name(d->policy));
    fputs(", \"code_set\": ", out);
    tool_json_string(out, ssat_codeset_name(d->codes));
    if (previous != NULL) { /* only with --previous-register: the output is otherwise as before */
        char year[16];
        tool_previous_year_text(previous, year, sizeof year);
        fprintf(out, ", \"previous_school_year\": \"%s\"", year);
    }
    fprintf(out, ", \"lang\": \"%s\",\n \"pupils\": [", lang == SSAT_LANG_CY ? "cy" : lang == SSAT_LANG_CY_EN ? "cy+en" : "en");
}

/* ---- CSV ----------------------------------------------------------------------------------------- */

static void csv_head(FILE *out)
{
    fputs("pupil_id,name,year_group,possible,attended,authorised,unauthorised,evaluable,attendance_pct,"
          "persistent_absence,referral_criteria_met,penalty_notice_criteria_met,reasons\r\n",
          out);
}

/* The reasons in one field, one per line, as a spreadsheet shows a cell of several lines: quoted
 * (a message may hold a comma), quotes doubled. Built in memory and written once: byte-wise stdio
 * was a tenth of the run on a large authority's file. */
static void csv_reasons(FILE *out, const result *r, ssat_lang lang)
{
    size_t len = 3;
    for (size_t i = 0; i < REASON_COUNT; i++)
        if (r->reasons[i] != NULL)
            len += 2 * strlen(ssat_criterion_message(r->reasons[i], lang)) + 1;
    char stack[4096], *buf = len <= sizeof stack ? stack : malloc(len);
    if (buf == NULL)
        return;
    size_t k = 0;
    bool quote = false;
    for (size_t i = 0; i < REASON_COUNT; i++) {
        if (r->reasons[i] == NULL)
            continue;
        if (k > 0) {
            buf[k++] = '\n';
            quote = true;
        }
        const char *m = ssat_criterion_message(r->reasons[i], lang);
        size_t n = strlen(m);
        quote = quote || strpbrk(m, ",\"\r\n") != NULL;
        if (memchr(m, '"', n) == NULL) { /* the usual case: copied whole */
            memcpy(buf + k, m, n);
            k += n;
            continue;
        }
        for (; *m != '\0'; m++) {
            if (*m == '"')
                buf[k++] = '"';
            buf[k++] = *m;
        }
    }
    if (quote)
        fputc('"', out);
    fwrite(buf, 1, k, out);
    if (quote)
        fputc('"', out);
    if (buf != stack)
        free(buf);
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
            r->evaluable ? r->pct : "", r->persistent ? "true" : "false",
            r->referral ? "true" : "false", r->penalty ? "true" : "false");
    csv_reasons(out, r, lang);
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
        snprintf(pct, sizeof pct, "%s %%", r->pct);
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

static void add_counts(counts *c, const result *r)
{
    c->pupils++;
    c->referral += r->referral;
    c->penalty += r->penalty;
    c->persistent += r->persistent;
    c->not_evaluable += !r->evaluable;
}

/* One pupil of the JSON or CSV output. */
static void write_pupil(FILE *out, const run *u, const result *r, size_t i)
{
    if (u->fmt == F_JSON) {
        fputs(i == 0 ? "\n  " : ",\n  ", out);
        json_pupil(out, r, u->x.lang);
    } else {
        csv_pupil(out, r, u->x.lang);
    }
}

static int evaluate_table(run *u)
{
    tool_data *d = u->x.d;
    size_t n = ssat_school_count(d->school);
    for (size_t i = 0; i < n; i++) {
        result r;
        int rc = evaluate(&u->x, i, &r);
        if (rc == TOOL_EXIT_OK) {
            add_counts(&u->counts, &r);
            if ((u->o->all || r.referral || r.penalty) && !table_row(&u->table, &r, u->x.lang, u->o->reasons)) {
                fputs("ssat evaluate: out of memory\n", stderr);
                rc = TOOL_EXIT_FAILURE;
            }
        }
        result_free(&r);
        if (rc != TOOL_EXIT_OK)
            return rc;
        tool_progress_update(&u->bar, "Evaluating", i + 1, n, false);
    }
    return TOOL_EXIT_OK;
}

/* JSON and CSV: the pupils in rounds, each round's pupils evaluated and formatted into memory by two
 * threads (the evaluation is immutable and each pupil's register is only read), then written in order.
 * The output is byte for byte that of one thread. */
#define BLOCK_PUPILS 256
/* Of the 2 * BLOCK_PUPILS of a round, this thread's: half. A pupil costs the same on both threads, and
 * writing this thread's part while the other still evaluates is a small share (docs/performance.md). */
#define MAIN_PUPILS 256

typedef struct part {
    const run *u;
    size_t lo, hi;
    char *buf;
    size_t len;
    counts counts;
    int rc;
} part;

static void *part_run(void *arg)
{
    part *p = arg;
    FILE *mem = open_memstream(&p->buf, &p->len);
    if (mem == NULL) {
        fputs("ssat evaluate: out of memory\n", stderr);
        p->rc = TOOL_EXIT_FAILURE;
        return NULL;
    }
    for (size_t i = p->lo; i < p->hi && p->rc == TOOL_EXIT_OK; i++) {
        result r;
        p->rc = evaluate(&p->u->x, i, &r);
        if (p->rc == TOOL_EXIT_OK) {
            add_counts(&p->counts, &r);
            write_pupil(mem, p->u, &r, i);
        }
        result_free(&r);
    }
    if (fclose(mem) != 0 && p->rc == TOOL_EXIT_OK) {
        fputs("ssat evaluate: out of memory\n", stderr);
        p->rc = TOOL_EXIT_FAILURE;
    }
    return NULL;
}

/* Write a part's output and counts; its status. */
static int part_finish(run *u, part *p)
{
    if (p->buf != NULL)
        fwrite(p->buf, 1, p->len, stdout);
    free(p->buf);
    p->buf = NULL;
    u->counts.pupils += p->counts.pupils;
    u->counts.referral += p->counts.referral;
    u->counts.penalty += p->counts.penalty;
    u->counts.persistent += p->counts.persistent;
    u->counts.not_evaluable += p->counts.not_evaluable;
    return p->rc;
}

static int evaluate_stream(run *u)
{
    size_t n = ssat_school_count(u->x.d->school);
    for (size_t lo = 0; lo < n; lo += 2 * BLOCK_PUPILS) {
        /* This thread also writes the output: it takes the smaller share, and writes its own part
         * while the other thread is still evaluating. */
        size_t mid = lo + MAIN_PUPILS < n ? lo + MAIN_PUPILS : n;
        size_t hi = lo + 2 * BLOCK_PUPILS < n ? lo + 2 * BLOCK_PUPILS : n;
        part parts[2] = {{.u = u, .lo = lo, .hi = mid}, {.u = u, .lo = mid, .hi = hi}};
        pthread_t thread;
        bool threaded = hi > mid && pthread_create(&thread, NULL, part_run, &parts[1]) == 0;
        part_run(&parts[0]);
        int rc = part_finish(u, &parts[0]);
        if (threaded)
            pthread_join(thread, NULL);
        else
            part_run(&parts[1]); /* no second thread: this one does both parts */
        int rc1 = part_finish(u, &parts[1]);
        if (rc == TOOL_EXIT_OK)
            rc = rc1;
        if (rc != TOOL_EXIT_OK)
            return rc;
        tool_progress_update(&u->bar, "Evaluating", hi, n, false);
    }
    return TOOL_EXIT_OK;
}

static int evaluate_all(run *u)
{
    tool_progress_init(&u->bar, u->o->in.progress);
    int rc = u->fmt == F_TABLE ? evaluate_table(u) : evaluate_stream(u);
    tool_progress_clear(&u->bar);
    return rc;
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
    if (u->x.previous != NULL)
        tool_previous_note(stdout, u->x.previous, lang);
}

/* Before any output: prepare the evaluation, which resolves the rules' windows as of this date (a term
 * window needs a term that has begun by then, for example), so that a date the calendar cannot place
 * fails with nothing printed as a result. */
static int prepare(const tool_data *d, context *x)
{
    if (ssat_policy_get_percent(d->policy, "referral.attendance.threshold", &x->thresholds[0][0],
                                &x->thresholds[0][1]) != SSAT_OK ||
        ssat_policy_get_percent(d->policy, "penalty.year_to_date.threshold", &x->thresholds[1][0],
                                &x->thresholds[1][1]) != SSAT_OK)
        return tool_fail("evaluate", "policy");
    if (ssat_evaluation_new(d->policy, d->calendar, d->as_of, &x->ev) != SSAT_OK)
        return rule_failed(NULL);
    /* only the language(s) of the output are rendered: both for cy+en */
    (void)ssat_evaluation_set_languages(x->ev, x->lang != SSAT_LANG_CY, x->lang != SSAT_LANG_EN);
    return x->previous == NULL ? TOOL_EXIT_OK : tool_previous_prepare("evaluate", x->previous, x->ev);
}

/* Evaluate and print; the output of a run that fails part-way is not trusted, but JSON and CSV have
 * been streamed by then (large schools must not be held in memory): the exit status says it failed. */
static int report(tool_data *d, const tool_previous *previous, const options *o, format fmt)
{
    run u = {.x = {.d = d, .lang = o->in.lang, .previous = previous}, .o = o, .fmt = fmt};
    const char *headers[T_COLS];
    for (size_t c = 0; c < T_COLS; c++)
        headers[c] = tool_text(header_keys[c], o->in.lang);
    tool_table_init(&u.table, T_COLS, headers, right_aligned);
    if (ssat_calendar_window_year_to_date(d->calendar, d->as_of, &u.x.ytd) != SSAT_OK)
        return tool_fail("evaluate", "year to date");
    int rc = prepare(d, &u.x);
    if (rc != TOOL_EXIT_OK) {
        tool_table_free(&u.table);
        return rc;
    }
    if (fmt == F_JSON)
        json_head(stdout, d, previous, o->in.lang);
    else if (fmt == F_CSV)
        csv_head(stdout);
    rc = evaluate_all(&u);
    if (rc == TOOL_EXIT_OK && fmt == F_JSON)
        fputs("\n ]}\n", stdout);
    else if (rc == TOOL_EXIT_OK && fmt == F_TABLE)
        print_table(&u);
    tool_table_free(&u.table);
    ssat_evaluation_free(u.x.ev);
    return rc == TOOL_EXIT_OK ? tool_flushed("evaluate", rc) : rc;
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
          "                  [--previous-register FILE]... [--previous-terms FILE] [--previous-closures FILE]\n"
          "\n"
          "DESCRIPTION\n"
          "    Reads one or more register files (long or wide layout, told by the header; or Common\n"
          "    Transfer Files, XML, and directories of them) and reports, for\n"
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
          "\n",
          out);
    fputs("OPTIONS\n"
          "    --pupils FILE        pupils file: pupil_id,date_of_birth,name,year_group (names in the\n"
          "                         table and JSON; dates of birth for compulsory school age)\n"
          "    --terms FILE         the authority's terms (name,start,end); default: the census terms\n"
          "                         (autumn 1 Aug-31 Dec, spring 1 Jan-Easter Sunday, summer to 31 Jul)\n"
          "    --closures FILE      days inside terms when the school did not meet (name,start,end)\n"
          "    --as-of DATE         evaluate as of DATE (YYYY-MM-DD); default: the last date in the\n"
          "                         register, never the machine's clock, within the school year its\n"
          "                         marks are about (marks outside that year are warned about)\n"
          "    --policy NAME|FILE   a built-in policy (carmarthenshire (default), wales, england-2024) or a\n"
          "                         policy JSON document (see libssat's policy.h)\n"
          "    --code-set SET       wales-2010 or england-2024; default: the policy's\n"
          "    --layout L           auto (default: told by the header), long or wide\n"
          "    --columns SPEC       an export's own column names, field=Header pairs separated by commas,\n"
          "                         e.g. pupil_id=Adno,date=Date,session=Session,mark=Mark (every CSV file)\n"
          "    --date-format F      yyyy-mm-dd (default) or dd/mm/yyyy (every CSV file)\n"
          "    --code-map FILE      local codes: local,statutory per line, read as their statutory code\n"
          "    --previous-register FILE\n"
          "                         a register file of the previous school year (repeat it for several;\n"
          "                         read as the main files are), for a limb window of the last school\n"
          "                         weeks (England: 10) that reaches back before 1 August: without it\n"
          "                         such a limb not met on this year's sessions is unknown. Pupils are\n"
          "                         matched by pupil_id; one not in these files had no sessions then\n"
          "    --previous-terms FILE\n"
          "                         the previous school year's terms (name,start,end); default: the census\n"
          "                         terms; needed when --terms is given\n"
          "    --previous-closures FILE\n"
          "                         days inside the previous school year's terms when the school did not meet\n"
          "    --format F           table (default): an aligned table of the pupils who meet the referral\n"
          "                         or penalty-notice criteria, then a summary; json: an object with\n"
          "                         as_of, policy, code_set (previous_school_year with --previous-register)\n"
          "                         and pupils (every pupil, sorted by pupil_id, with reasons); csv: one\n"
          "                         row per pupil, reasons in the last field\n"
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
        TOOL_INPUT_OPTIONS(o->in),                   TOOL_PREVIOUS_OPTIONS(o->previous),
        {"as-of", "DATE", &o->in.as_of, NULL},       {"policy", "NAME|FILE", &o->in.policy, NULL},
        {"layout", "LAYOUT", &o->in.layout, NULL},   {"format", "FORMAT", &o->format, NULL},
        {"lang", "LANG", &o->lang, NULL},            {"all", NULL, NULL, &o->all},
        {"reasons", NULL, NULL, &o->reasons},        {"no-progress", NULL, NULL, &o->no_progress},
    };
    if (!tool_parse("evaluate", argc, argv, opts, sizeof opts / sizeof opts[0], o->positional, 64, &o->npositional,
                    &o->help))
        return TOOL_EXIT_USAGE;
    if (o->help)
        return TOOL_EXIT_OK;
    return tool_register_inputs("evaluate", o->lang, o->positional, o->npositional, o->no_progress, &o->in);
}

static int run_evaluate(int argc, char **argv)
{
    static const char *const formats[] = {"table", "json", "csv"}; /* in the order of `format` */
    options o;
    int rc = parse(argc, argv, &o), fmt;
    if (!tool_go_on(&rc, o.help, help))
        return rc;
    rc = tool_choose_format("evaluate", o.format, formats, sizeof formats / sizeof formats[0], &fmt);
    if (rc != TOOL_EXIT_OK)
        return rc;
    bool with_previous = false;
    rc = tool_previous_options("evaluate", &o.in, &o.previous, &with_previous);
    if (rc != TOOL_EXIT_OK)
        return rc;
    tool_data d;
    tool_previous previous;
    memset(&previous, 0, sizeof previous);
    rc = tool_load("evaluate", &o.in, &d);
    if (rc == TOOL_EXIT_OK && with_previous)
        rc = tool_previous_load("evaluate", &o.in, &o.previous, &d, &previous);
    if (rc == TOOL_EXIT_OK)
        rc = report(&d, with_previous ? &previous : NULL, &o, (format)fmt);
    tool_previous_free(&previous);
    tool_data_free(&d);
    return rc;
}

const tool_command tool_cmd_evaluate = {
    "evaluate",
    "attendance, persistent absence, referral (R1, R2) and penalty-notice criteria per pupil",
    run_evaluate,
    help,
};
