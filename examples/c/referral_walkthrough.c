/*
 * referral_walkthrough: the SSAT referral in four steps, on the bundled sample school (the same task as
 * examples/python/referral_walkthrough.py and examples/php/referral_walkthrough.php):
 *   1. import the school's register export, pupils, terms and closures (streamed CSV imports);
 *   2. list the pupils who meet the register-based referral criteria (R1, R2) and, for one of them,
 *      every criterion with its reason, in English or Welsh;
 *   3. check that pupil's referral pack against the register;
 *   4. load that pupil's case, referred to the SSAT, and move it forward: the SSAT accepts it.
 *
 *   referral_walkthrough [DATA_DIR] [--lang en|cy]
 *   cc referral_walkthrough.c $(pkg-config --cflags --libs libssat)
 */
#include <ssat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct app {
    const char *data;
    ssat_lang lang;
    ssat_policy *policy;
    ssat_codeset *codes;
    ssat_school *school;
    ssat_calendar *calendar;
    ssat_problems *problems;
    ssat_date as_of;
} app;

static int fail(const char *what)
{
    fprintf(stderr, "referral_walkthrough: %s: %s\n", what, ssat_error_message());
    return 1;
}

static void data_path(const app *a, const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", a->data, name);
}

/* The whole file in memory (terms, closures and JSON documents are small), NUL-terminated; free() it. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        perror(path);
        free(buf);
        buf = NULL;
    }
    if (f != NULL)
        fclose(f);
    return buf;
}

/* Stream a CSV file into the school in 64 KiB chunks: a whole authority's year never sits in memory. */
static int import_csv(app *a, const char *name, ssat_csv_kind kind)
{
    char path[1024], chunk[1 << 16];
    data_path(a, name, path, sizeof path);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    ssat_import *imp = NULL;
    size_t n;
    ssat_status st = ssat_import_new(a->school, kind, name, a->problems, &imp);
    while (st == SSAT_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = ssat_import_feed(imp, chunk, n);
    if (st == SSAT_OK)
        st = ssat_import_finish(imp, NULL); /* all or nothing: the school is unchanged on failure */
    ssat_import_free(imp);
    fclose(f);
    for (size_t i = 0; st != SSAT_OK && i < ssat_problems_count(a->problems); i++)
        fprintf(stderr, "%s\n", ssat_problems_at(a->problems, i)->message_en); /* file:line:column: ... */
    return st == SSAT_OK ? 0 : fail(name);
}

static int import_calendar_file(app *a, const char *name, int closures)
{
    char path[1024];
    size_t len = 0;
    data_path(a, name, path, sizeof path);
    char *text = read_file(path, &len);
    if (text == NULL)
        return 1;
    ssat_status st = closures ? ssat_calendar_import_closures(a->calendar, text, len, name, a->problems)
                              : ssat_calendar_import_terms(a->calendar, text, len, name, a->problems);
    free(text);
    return st == SSAT_OK ? 0 : fail(name);
}

/* 1. The school: registers (wide layout), pupil records, the 2024/25 calendar. */
static int load_school(app *a)
{
    if (ssat_policy_builtin("carmarthenshire", NULL, &a->policy) || ssat_codeset_builtin("wales-2010", NULL, &a->codes) ||
        ssat_school_new(a->codes, &a->school) || ssat_problems_new(&a->problems, NULL))
        return fail("setting up");
    if (import_csv(a, "sample_school_2024.csv", SSAT_CSV_AUTO) || import_csv(a, "pupils_2024.csv", SSAT_CSV_PUPILS))
        return 1;
    if (ssat_school_last_date(a->school, &a->as_of) != SSAT_OK) /* never the machine's clock */
        return fail("as of");
    if (ssat_calendar_new(ssat_date_school_year(a->as_of), NULL, &a->calendar) != SSAT_OK)
        return fail("calendar");
    return import_calendar_file(a, "terms_2024.csv", 0) || import_calendar_file(a, "closures_2024.csv", 1);
}

static const char *message(const ssat_criterion *c, ssat_lang lang)
{
    return ssat_criterion_message(c, lang);
}

static int met(const ssat_decision *d, const char *id)
{
    const ssat_criterion *c = NULL;
    return ssat_decision_find(d, id, &c) == SSAT_OK && c->outcome == SSAT_OUTCOME_MET;
}

/* 2. Who meets R1 and R2, and why (every criterion, for the first of them). */
static int list_candidates(app *a)
{
    size_t candidates = 0, first = 0;
    char as_of[SSAT_DATE_BUFSIZE];
    ssat_date_format(a->as_of, as_of, sizeof as_of);
    for (size_t i = 0; i < ssat_school_count(a->school); i++) {
        ssat_decision *d = NULL;
        if (ssat_referral_evaluate(a->policy, ssat_school_register(a->school, i), a->calendar,
                                   ssat_school_pupil(a->school, i), a->as_of, &d) != SSAT_OK)
            return fail(ssat_school_pupil_id(a->school, i));
        if (met(d, "referral.r1.attendance") && met(d, "referral.r2.unauthorised") && candidates++ == 0)
            first = i;
        ssat_decision_free(d);
    }
    printf("%zu of %zu pupils meet R1 and R2 as of %s\n", candidates, ssat_school_count(a->school), as_of);
    ssat_decision *d = NULL;
    if (candidates == 0 || ssat_referral_evaluate(a->policy, ssat_school_register(a->school, first), a->calendar,
                                                  ssat_school_pupil(a->school, first), a->as_of, &d) != SSAT_OK)
        return candidates == 0 ? 0 : fail("referral");
    printf("%s %s: referral %s\n", ssat_school_pupil_id(a->school, first),
           ssat_school_pupil_detail(a->school, first, "name"), ssat_outcome_name(ssat_decision_outcome(d), a->lang));
    for (size_t k = 0; k < ssat_decision_count(d); k++) {
        const ssat_criterion *c = ssat_decision_at(d, k);
        printf("  %-32s %-16s %s\n", c->id, ssat_outcome_name(c->outcome, a->lang), message(c, a->lang));
    }
    ssat_decision_free(d);
    return 0;
}

/* 3. The referral pack of P00001, checked against the register; the check writes R3, R4 and R5 into the
 *    school's pupil record, and the referral is then decided in full. */
static int check_pack(app *a)
{
    char path[1024];
    size_t len = 0, index = 0, errors = 0;
    ssat_pack *pack = NULL;
    ssat_decision *d = NULL;
    data_path(a, "sample_pack_P00001.json", path, sizeof path);
    char *json = read_file(path, &len);
    if (json == NULL)
        return 1;
    ssat_problems_clear(a->problems);
    int rc = ssat_pack_from_json(json, len, NULL, &pack) || ssat_school_find(a->school, "P00001", &index);
    ssat_pupil *pupil = rc ? NULL : ssat_school_pupil(a->school, index);
    rc = rc || ssat_pack_check(pack, a->policy, ssat_school_register(a->school, index), a->calendar, a->problems,
                               pupil, &errors);
    if (rc == 0) {
        printf("referral pack of P00001: %zu items, %zu problems\n", ssat_pack_count(pack), ssat_problems_count(a->problems));
        for (size_t i = 0; i < ssat_problems_count(a->problems); i++) {
            const ssat_problem *p = ssat_problems_at(a->problems, i);
            printf("  %s %s: %s\n", p->id, p->field, ssat_problem_message(p, a->lang));
        }
        rc = ssat_pupil_set_fact(pupil, SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES) || /* R6: the school says so */
             ssat_referral_evaluate(a->policy, ssat_school_register(a->school, index), a->calendar, pupil, a->as_of, &d);
    }
    if (rc == 0)
        printf("with the pack and the roll: referral %s\n", ssat_outcome_name(ssat_decision_outcome(d), a->lang));
    ssat_decision_free(d);
    ssat_pack_free(pack);
    free(json);
    return rc ? fail("sample_pack_P00001.json") : 0;
}

/* 4. The case of P00001, referred on the last day of the register: the SSAT accepts the referral. */
static int move_case(app *a)
{
    char path[1024];
    size_t len = 0;
    ssat_case *c = NULL;
    ssat_decision *next = NULL;
    data_path(a, "sample_case_P00001.json", path, sizeof path);
    char *json = read_file(path, &len);
    if (json == NULL)
        return 1;
    int rc = ssat_case_from_json(json, len, a->policy, &c) != SSAT_OK;
    if (rc == 0) {
        printf("case of P00001: %s\n", ssat_case_state_name(ssat_case_main_state(c), SSAT_LANG_EN));
        ssat_case_event e = SSAT_CASE_EVENT_INIT;
        e.event = "referral_accepted";
        e.date = a->as_of;
        e.actor = "Ms Si\xC3\xA2n Davies";
        e.role = "SSAT officer";
        e.note = "Criteria and evidence complete";
        rc = ssat_case_apply_event(c, &e, NULL) || ssat_case_next(c, NULL, NULL, a->as_of, NULL, &next);
    }
    if (rc == 0) {
        printf("after referral_accepted: %s; possible next:\n", ssat_case_state_name(ssat_case_main_state(c), SSAT_LANG_EN));
        for (size_t k = 0; k < ssat_decision_count(next); k++) {
            const ssat_criterion *e = ssat_decision_at(next, k);
            if (e->outcome == SSAT_OUTCOME_MET)
                printf("  %s\n", e->id + strlen("case.event."));
        }
    }
    ssat_decision_free(next);
    ssat_case_free(c);
    free(json);
    return rc ? fail("sample_case_P00001.json") : 0;
}

int main(int argc, char **argv)
{
    app a = {.data = "examples/data", .lang = SSAT_LANG_EN};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            a.lang = strcmp(argv[++i], "cy") == 0 ? SSAT_LANG_CY : SSAT_LANG_EN;
        else
            a.data = argv[i];
    }
    int rc = load_school(&a) || list_candidates(&a) || check_pack(&a) || move_case(&a);
    ssat_problems_free(a.problems);
    ssat_calendar_free(a.calendar);
    ssat_school_free(a.school);
    ssat_codeset_free(a.codes);
    ssat_policy_free(a.policy);
    return rc;
}
