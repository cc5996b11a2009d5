/* ssat evidence check: is a referral pack complete? Loads the pack document (evidence.h) and runs
 * libssat's completeness check with the policy's requirements: missing items and fields, the order of
 * events, and the attendance certificate reconciled with the register when one is given. Every problem
 * is printed, never only the first. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

typedef struct options {
    const char *positional[4];
    size_t npositional;
    tool_inputs in;
    const char *register_file, *pupil, *format, *lang;
    int json; /* --format json */
    bool help;
} options;

static void help(FILE *out)
{
    fputs("NAME\n"
          "    ssat evidence check - is a referral pack complete? every problem, with its item and field\n"
          "\n"
          "SYNOPSIS\n"
          "    ssat evidence check PACK.json [--register REGISTER.csv [--pupil ID] [--terms FILE]\n"
          "                        [--closures FILE]] [--policy NAME|FILE] [--format table|json]\n"
          "                        [--lang en|cy|cy+en]\n"
          "\n"
          "DESCRIPTION\n"
          "    Reads a referral pack (libssat's \"ssat-pack\" JSON document: concerns, letters, meetings,\n"
          "    support, a parenting contract, plans, the pupil's voice, the referral form and the\n"
          "    attendance certificate) and checks it against the policy's requirements (the evidence.*\n"
          "    keys): items and required fields missing, a letter, meeting or support before the first\n"
          "    concern, anything dated after the referral date, an unsigned form, a certificate that is\n"
          "    stale, unsigned, for another pupil or inconsistent in itself. With --register, the\n"
          "    certificate's totals are reconciled with the pupil's register over its period (one\n"
          "    problem per total that differs). Each problem is printed with its id, the item and field\n"
          "    it concerns (\"letter[1].reference\": the pack's second letter) and its message.\n"
          "    Malformed documents are refused with the path of the bad value (items[3].fields.date_sent).\n"
          "\n"
          "OPTIONS\n"
          "    --register FILE      the register, to reconcile the certificate's totals\n"
          "    --pupil ID           whose register; default: the form's pupil_id (else the certificate's)\n"
          "    --terms FILE         the authority's terms, to count school days (staleness); the school\n"
          "                         year is the one of the form's referral date (else the certificate's\n"
          "                         period end, else the last date in the register)\n"
          "    --closures FILE      days inside terms when the school did not meet\n"
          "    --policy NAME|FILE   carmarthenshire (default), wales, england-2024, or a policy JSON file\n"
          "    --format F           table (default) or json: {pack, policy, items, complete, errors,\n"
          "                         facts, problems: [{id, severity, field, message}]}; facts are what the\n"
          "                         pack establishes for the referral criteria R3 to R5 (yes, no, unknown)\n"
          "    --lang L             en (default), cy, or cy+en (Welsh then English)\n"
          "    -h, --help           this text\n"
          "\n"
          "EXIT STATUS\n"
          "    0 the pack is complete: no problem; 1 usage error; 2 the pack or another input file cannot\n"
          "    be read or is malformed, or the pupil is not in the register; 3 other failure;\n"
          "    4 the check found problems (they are printed on stdout).\n"
          "\n"
          "EXAMPLES\n"
          "    ssat evidence check examples/data/sample_pack_P00001.json \\\n"
          "        --register examples/data/sample_school_2024.csv --terms examples/data/terms_2024.csv \\\n"
          "        --closures examples/data/closures_2024.csv\n"
          "    ssat evidence check pack.json --format json --lang cy\n",
          out);
}

static int parse(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    const tool_option opts[] = {
        {"register", "FILE", &o->register_file, NULL}, {"pupil", "ID", &o->pupil, NULL},
        {"terms", "FILE", &o->in.terms, NULL},         {"closures", "FILE", &o->in.closures, NULL},
        {"policy", "NAME|FILE", &o->in.policy, NULL},  {"format", "FORMAT", &o->format, NULL},
        {"lang", "LANG", &o->lang, NULL},
    };
    if (!tool_parse("evidence", argc, argv, opts, sizeof opts / sizeof opts[0], o->positional, 4, &o->npositional,
                    &o->help))
        return TOOL_EXIT_USAGE;
    if (o->help)
        return TOOL_EXIT_OK;
    if (o->npositional == 0)
        return tool_usage_error("evidence", "no evidence command given (check)");
    if (strcmp(o->positional[0], "check") != 0)
        return tool_usage_error("evidence", "unknown evidence command \"%s\" (check)", o->positional[0]);
    if (o->npositional != 2)
        return tool_usage_error("evidence", o->npositional < 2 ? "no pack file given" : "one pack file at a time");
    if (!tool_parse_lang(o->lang, &o->in.lang))
        return tool_usage_error("evidence", "--lang: \"%s\" is not en, cy or cy+en", o->lang);
    static const char *const formats[] = {"table", "json"};
    int rc = tool_choose_format("evidence", o->format, formats, sizeof formats / sizeof formats[0], &o->json);
    if (rc != TOOL_EXIT_OK)
        return rc;
    if (o->pupil != NULL && o->register_file == NULL)
        return tool_usage_error("evidence", "--pupil needs --register");
    o->in.registers = &o->register_file;
    o->in.nregisters = o->register_file != NULL ? 1 : 0;
    o->in.progress = false; /* one pupil's register: short */
    return TOOL_EXIT_OK;
}

/* The first item of `kind` with `field` set, or "". */
static const char *pack_value(const ssat_pack *pack, const char *kind, const char *field)
{
    for (size_t i = 0; i < ssat_pack_count(pack); i++) {
        const char *v = NULL;
        if (strcmp(ssat_pack_item_kind(pack, i), kind) == 0 && ssat_pack_get(pack, i, field, &v) == SSAT_OK &&
            v[0] != '\0')
            return v;
    }
    return "";
}

typedef struct check {
    ssat_pack *pack;
    tool_data d;
    ssat_policy *policy;       /* d.policy, or loaded alone when no register or calendar is read */
    const ssat_register *reg;
    ssat_pupil *facts;
    ssat_problems *problems;
    size_t errors;
} check;

static void check_free(check *c)
{
    ssat_problems_free(c->problems);
    ssat_pupil_free(c->facts);
    if (c->policy != c->d.policy)
        ssat_policy_free(c->policy);
    tool_data_free(&c->d);
    ssat_pack_free(c->pack);
}

static int load_pack(const char *path, check *c)
{
    size_t len;
    char *text = tool_read_small_file("evidence", path, &len);
    if (text == NULL)
        return TOOL_EXIT_INPUT;
    ssat_status st = ssat_pack_from_json(text, len, NULL, &c->pack);
    free(text);
    if (st == SSAT_ERR_NOMEM)
        return tool_fail("evidence", path);
    if (st != SSAT_OK) {
        fprintf(stderr, "ssat evidence: %s: %s\n", path, ssat_error_message());
        return TOOL_EXIT_INPUT;
    }
    return TOOL_EXIT_OK;
}

/* The policy, and with --register or --terms/--closures the register and the calendar of the school
 * year the referral is made in. */
static int load_inputs(options *o, check *c)
{
    const char *pupil = o->pupil;
    if (pupil == NULL)
        pupil = pack_value(c->pack, "form", "pupil_id");
    if (pupil[0] == '\0')
        pupil = pack_value(c->pack, "certificate", "pupil_id");
    const char *when = pack_value(c->pack, "form", "referral_date");
    if (when[0] == '\0')
        when = pack_value(c->pack, "certificate", "period_end");
    bool calendar = o->in.terms != NULL || o->in.closures != NULL;
    if (o->register_file == NULL && !calendar) {
        memset(&c->d, 0, sizeof c->d);
        return tool_load_policy("evidence", o->in.policy, &c->policy);
    }
    if (o->register_file != NULL && pupil[0] == '\0')
        return tool_usage_error("evidence", "the pack names no pupil (form or certificate pupil_id): give --pupil");
    if (o->register_file == NULL && when[0] == '\0')
        return tool_usage_error("evidence", "--terms and --closures need a referral date or a certificate in the "
                                            "pack, or --register");
    o->in.as_of = when[0] != '\0' ? when : NULL;
    o->in.as_of_option = "a referral date or certificate period in the pack";
    int rc = tool_load("evidence", &o->in, &c->d);
    if (rc != TOOL_EXIT_OK)
        return rc;
    c->policy = c->d.policy;
    if (o->register_file == NULL)
        return TOOL_EXIT_OK;
    size_t index = 0;
    if (ssat_school_find(c->d.school, pupil, &index) != SSAT_OK) {
        fprintf(stderr, "ssat evidence: pupil %s is not in %s\n", pupil, o->register_file);
        return TOOL_EXIT_INPUT;
    }
    c->reg = ssat_school_register(c->d.school, index);
    return TOOL_EXIT_OK;
}

/* ---- output -------------------------------------------------------------------------------------- */

static const char *const fact_names[] = {"cause_explored", "support_offered", "parents_invited", "evidence_complete",
                                         "procedures_followed"};

static const char *fact_text(ssat_fact f)
{
    return f == SSAT_FACT_YES ? "yes" : f == SSAT_FACT_NO ? "no" : "unknown";
}

static void print_json(const check *c, const char *path, ssat_lang lang)
{
    fputs("{\"pack\": ", stdout);
    tool_json_string(stdout, path);
    fputs(", \"policy\": ", stdout);
    tool_json_string(stdout, ssat_policy_name(c->policy));
    size_t n = ssat_problems_count(c->problems);
    printf(", \"items\": %zu, \"complete\": %s, \"errors\": %zu, \"lang\": \"%s\",\n \"facts\": {", ssat_pack_count(c->pack),
           n == 0 ? "true" : "false", ssat_problems_error_count(c->problems), lang == SSAT_LANG_CY ? "cy" : lang == SSAT_LANG_CY_EN ? "cy+en" : "en");
    for (size_t i = 0; i < sizeof fact_names / sizeof fact_names[0]; i++)
        printf("%s\"%s\": \"%s\"", i ? ", " : "", fact_names[i],
               fact_text(ssat_pupil_get_fact(c->facts, (ssat_pupil_fact)(SSAT_PUPIL_CAUSE_EXPLORED + (int)i))));
    fputs("},\n \"problems\": [", stdout);
    for (size_t i = 0; i < n; i++) {
        const ssat_problem *p = ssat_problems_at(c->problems, i);
        fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", stdout);
        tool_json_string(stdout, p->id);
        printf(", \"severity\": \"%s\", \"field\": ", p->severity == SSAT_SEVERITY_ERROR ? "error" : "warning");
        tool_json_string(stdout, p->field);
        fputs(", \"message\": ", stdout);
        tool_json_string(stdout, ssat_problem_message(p, lang));
        fputc('}', stdout);
    }
    fputs(n ? "\n ]}\n" : "]}\n", stdout);
}

static int print_table(const check *c, const char *path, ssat_lang lang)
{
    size_t n = ssat_problems_count(c->problems);
    tool_num items = tool_num_u64(ssat_pack_count(c->pack)), count = tool_num_u64(n);
    if (n == 0) {
        const char *args[3] = {path, items.s, ssat_policy_name(c->policy)};
        tool_say(stdout, "evidence.ok", lang, args, 3, 0);
        putchar('\n');
        return TOOL_EXIT_OK;
    }
    const char *headers[3] = {tool_text("col.problem", lang), tool_text("col.field", lang),
                              tool_text("col.message", lang)};
    static const bool right[3] = {false, false, false};
    tool_table t;
    tool_table_init(&t, 3, headers, right);
    for (size_t i = 0; i < n; i++) {
        const ssat_problem *p = ssat_problems_at(c->problems, i);
        /* bilingual: the Welsh in the row, the English on the line under it */
        bool both = lang == SSAT_LANG_CY_EN;
        const char *cells[3] = {p->id, p->field, ssat_problem_message(p, both ? SSAT_LANG_CY : lang)};
        char *note = NULL;
        if (both) {
            size_t len = strlen(p->message_en) + 8;
            note = malloc(len);
            if (note != NULL)
                snprintf(note, len, "    %s\n", p->message_en);
        }
        if ((both && note == NULL) || !tool_table_add(&t, cells, note)) {
            tool_table_free(&t);
            fputs("ssat evidence: out of memory\n", stderr);
            return TOOL_EXIT_FAILURE;
        }
    }
    tool_table_print(&t, stdout);
    tool_table_free(&t);
    const char *args[4] = {path, count.s, items.s, ssat_policy_name(c->policy)};
    putchar('\n');
    tool_say(stdout, "evidence.summary", lang, args, 4, 0);
    putchar('\n');
    return TOOL_EXIT_OK;
}

static int run_evidence(int argc, char **argv)
{
    options o;
    int rc = parse(argc, argv, &o);
    if (!tool_go_on(&rc, o.help, help))
        return rc;
    const char *path = o.positional[1];
    check c;
    memset(&c, 0, sizeof c);
    rc = load_pack(path, &c);
    if (rc == TOOL_EXIT_OK)
        rc = load_inputs(&o, &c);
    /* The facts the pack establishes (R3 to R5) are set on a scratch pupil record. */
    if (rc == TOOL_EXIT_OK &&
        (ssat_pupil_new("pack", NULL, &c.facts) != SSAT_OK || ssat_problems_new(&c.problems, NULL) != SSAT_OK ||
         ssat_pack_check(c.pack, c.policy, c.reg, c.d.calendar, c.problems, c.facts, &c.errors) != SSAT_OK))
        rc = tool_fail("evidence", "check");
    if (rc == TOOL_EXIT_OK) {
        if (o.json)
            print_json(&c, path, o.in.lang);
        else
            rc = print_table(&c, path, o.in.lang);
    }
    if (rc == TOOL_EXIT_OK)
        rc = tool_flushed("evidence", rc);
    if (rc == TOOL_EXIT_OK && ssat_problems_count(c.problems) > 0)
        rc = TOOL_EXIT_REFUSED;
    check_free(&c);
    return rc;
}

const tool_command tool_cmd_evidence = {
    "evidence",
    "evidence check: is a referral pack complete? every problem, with its item and field",
    run_evidence,
    help,
};
