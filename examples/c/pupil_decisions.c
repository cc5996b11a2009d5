/*
 * pupil_decisions: explain every rule for one pupil of a wide register file, in English or Welsh.
 *
 *   pupil_decisions REGISTER.csv PUPIL_ID --dob YYYY-MM-DD [--terms TERMS.csv] [--closures CLOSURES.csv]
 *                   [--as-of DATE]
 *                   [--policy carmarthenshire|wales|england-2024] [--lang en|cy]
 *
 * Prints the SSAT referral decision, persistent absence and penalty-notice eligibility, each criterion
 * with its outcome and reason, then a projection. Facts the register cannot tell (engagement, evidence,
 * roll status) are reported as unknown, as the library does when it is not told.
 *
 *   cc pupil_decisions.c $(pkg-config --cflags --libs libssat)
 */
#include <ssat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN 8192

typedef struct options {
    const char *register_path, *pupil_id, *dob, *terms_path, *closures_path, *as_of, *policy;
    ssat_lang lang;
} options;

static int fail(const char *what)
{
    fprintf(stderr, "pupil_decisions: %s: %s\n", what, ssat_error_message());
    return 1;
}

/* Find PUPIL_ID's row ("pupil_id,start_date,marks") and load its marks into reg. */
static int load_pupil(const char *path, const char *pupil_id, ssat_register *reg)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    char line[LINE_MAX_LEN];
    int rc = 1;
    size_t id_len = strlen(pupil_id);
    while (rc != 0 && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, pupil_id, id_len) != 0 || line[id_len] != ',')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *start_text = line + id_len + 1, *marks = strchr(start_text, ',');
        ssat_date start;
        if (marks == NULL)
            break;
        *marks++ = '\0';
        if (ssat_date_parse(start_text, &start) != SSAT_OK ||
            ssat_register_add_marks(reg, start, marks, strlen(marks), NULL) != SSAT_OK)
            rc = fail(path);
        else
            rc = 0;
    }
    fclose(f);
    if (rc != 0)
        fprintf(stderr, "pupil_decisions: %s: no usable row for pupil %s\n", path, pupil_id);
    return rc;
}

static ssat_status add_closure(ssat_calendar *cal, const char *name, ssat_date first, ssat_date last)
{
    (void)name;
    return ssat_calendar_add_closure(cal, first, last);
}

/* Read "name,start,end" rows into the calendar with `add` (terms or closures). */
static int load_ranges(const char *path, ssat_calendar *cal,
                       ssat_status (*add)(ssat_calendar *, const char *, ssat_date, ssat_date))
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    char line[LINE_MAX_LEN], name[64], first[16], last[16];
    int rc = 0;
    for (unsigned lineno = 1; rc == 0 && fgets(line, sizeof line, f) != NULL; lineno++) {
        ssat_date a, b;
        if (lineno == 1)
            continue;
        if (sscanf(line, "%63[^,],%15[^,],%15[^,\r\n]", name, first, last) != 3 || ssat_date_parse(first, &a) ||
            ssat_date_parse(last, &b) || add(cal, name, a, b)) {
            fprintf(stderr, "%s:%u: %s\n", path, lineno, ssat_error_message());
            rc = 1;
        }
    }
    fclose(f);
    return rc;
}

static void print_decision(const char *title, const ssat_decision *d, ssat_lang lang)
{
    printf("%s: %s\n", title, ssat_outcome_name(ssat_decision_outcome(d), lang));
    for (size_t i = 0; i < ssat_decision_count(d); i++) {
        const ssat_criterion *c = ssat_decision_at(d, i);
        printf("  %-34s %-16s %s\n", c->id, ssat_outcome_name(c->outcome, lang), ssat_criterion_message(c, lang));
    }
    ssat_date earliest;
    char buf[SSAT_DATE_BUFSIZE];
    if (ssat_decision_earliest_date(d, &earliest) == SSAT_OK && ssat_date_format(earliest, buf, sizeof buf) == SSAT_OK)
        printf("  earliest date at the current rate: %s\n", buf);
    printf("\n");
}

static int parse_options(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->policy = "carmarthenshire";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **value = strcmp(a, "--dob") == 0      ? &o->dob
                             : strcmp(a, "--terms") == 0  ? &o->terms_path
                             : strcmp(a, "--closures") == 0 ? &o->closures_path
                             : strcmp(a, "--as-of") == 0  ? &o->as_of
                             : strcmp(a, "--policy") == 0 ? &o->policy
                                                          : NULL;
        if (value != NULL && i + 1 < argc)
            *value = argv[++i];
        else if (strcmp(a, "--lang") == 0 && i + 1 < argc)
            o->lang = strcmp(argv[++i], "cy") == 0 ? SSAT_LANG_CY : SSAT_LANG_EN;
        else if (a[0] != '-' && o->register_path == NULL)
            o->register_path = a;
        else if (a[0] != '-' && o->pupil_id == NULL)
            o->pupil_id = a;
        else
            return 1;
    }
    return o->register_path == NULL || o->pupil_id == NULL || o->dob == NULL;
}

int main(int argc, char **argv)
{
    options o;
    if (parse_options(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: %s REGISTER.csv PUPIL_ID --dob DATE [--terms F] [--closures F] [--as-of DATE] [--policy NAME] "
                        "[--lang en|cy]\n", argv[0]);
        return 2;
    }
    ssat_policy *policy = NULL;
    ssat_codeset *codes = NULL;
    ssat_register *reg = NULL;
    ssat_calendar *cal = NULL;
    ssat_pupil *pupil = NULL;
    ssat_decision *referral = NULL, *absence = NULL, *penalty = NULL;
    ssat_summary *ytd_summary = NULL;
    const char *code_set = NULL;
    ssat_date dob, as_of;
    ssat_window ytd, span;
    int rc = 1;

    if (ssat_policy_builtin(o.policy, NULL, &policy) || ssat_policy_get_text(policy, "code_set", &code_set) ||
        ssat_codeset_builtin(code_set, NULL, &codes) || ssat_register_new(codes, &reg))
        goto done;
    if (load_pupil(o.register_path, o.pupil_id, reg) != 0)
        goto done_quiet;
    /* As of the date given, or the pupil's last marked day: never the machine's clock. */
    if (o.as_of != NULL ? ssat_date_parse(o.as_of, &as_of) : ssat_register_span(reg, &span))
        goto done;
    if (o.as_of == NULL)
        as_of = span.last_date;
    if (ssat_calendar_new(ssat_date_school_year(as_of), NULL, &cal) != SSAT_OK)
        goto done;
    if (o.terms_path != NULL)
        ssat_calendar_clear_terms(cal);
    /* Closures matter: without them a half-term looks like school days with no marks (R5). */
    if ((o.terms_path != NULL && load_ranges(o.terms_path, cal, ssat_calendar_add_term) != 0) ||
        (o.closures_path != NULL && load_ranges(o.closures_path, cal, add_closure) != 0))
        goto done_quiet;
    if (ssat_date_parse(o.dob, &dob) || ssat_pupil_new(o.pupil_id, NULL, &pupil) ||
        ssat_pupil_set_date_of_birth(pupil, dob) || ssat_pupil_set_fact(pupil, SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES))
        goto done;
    if (ssat_referral_evaluate(policy, reg, cal, pupil, as_of, &referral) ||
        ssat_absence_evaluate(policy, reg, cal, as_of, &absence) ||
        ssat_penalty_evaluate(policy, reg, cal, pupil, NULL, as_of, &penalty))
        goto done;
    print_decision(o.lang == SSAT_LANG_CY ? "Atgyfeiriad i'r SSAT" : "SSAT referral", referral, o.lang);
    print_decision(o.lang == SSAT_LANG_CY ? "Absenoldeb parhaus" : "Persistent absence", absence, o.lang);
    print_decision(o.lang == SSAT_LANG_CY ? "Hysbysiad cosb" : "Penalty notice", penalty, o.lang);

    /* How far from the referral line, and the best this school year can still end at. */
    int64_t sessions = 0, best_attended = 0, best_possible = 0;
    int32_t best_tenths = 0;
    if (ssat_calendar_window_year_to_date(cal, as_of, &ytd) || ssat_attendance_compute(reg, &ytd, &ytd_summary) ||
        ssat_projection_best_possible(reg, cal, as_of, &best_attended, &best_possible) ||
        ssat_percent_tenths((uint64_t)best_attended, (uint64_t)best_possible, &best_tenths))
        goto done;
    if (ssat_projection_sessions_to_exceed(ytd_summary, 85, 1, &sessions) == SSAT_OK)
        printf("consecutive attended sessions to rise above 85 %%: %lld\n", (long long)sessions);
    printf("best attendance still possible this school year: %d.%d %%\n", best_tenths / 10, best_tenths % 10);
    rc = 0;
done:
    if (rc != 0)
        fail(o.pupil_id);
done_quiet:
    ssat_summary_free(ytd_summary);
    ssat_decision_free(referral);
    ssat_decision_free(absence);
    ssat_decision_free(penalty);
    ssat_pupil_free(pupil);
    ssat_calendar_free(cal);
    ssat_register_free(reg);
    ssat_codeset_free(codes);
    ssat_policy_free(policy);
    return rc;
}
