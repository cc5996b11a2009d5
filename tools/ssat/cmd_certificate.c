/* ssat certificate: a pupil's attendance registration certificate, produced from the register by
 * libssat (certificate.h) so that its figures are the attendance calculation's, as plain text, JSON or
 * a printable HTML page; optionally put into a referral pack as its certificate item. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

typedef struct options {
    const char *positional[64];
    size_t npositional;
    tool_inputs in;
    const char *pupil, *from, *to, *format, *lang, *issue_date, *signatory, *signatory_role, *school, *name, *pack;
    bool no_progress, help;
} options;

static void help(FILE *out)
{
    fputs("NAME\n"
          "    ssat certificate - a pupil's attendance registration certificate, from the register\n"
          "\n"
          "SYNOPSIS\n"
          "    ssat certificate REGISTER.csv... --pupil ID [--from DATE] [--to DATE]\n"
          "                     [--format text|json|html] [--lang en|cy|cy+en] [--pupils FILE] [--terms FILE]\n"
          "                     [--closures FILE] [--name NAME] [--school NAME] [--issue-date DATE]\n"
          "                     [--signatory NAME] [--signatory-role ROLE] [--pack PACK.json]\n"
          "                     [--code-set SET] [--no-progress]\n"
          "\n"
          "DESCRIPTION\n"
          "    Produces the certificate of one pupil's attendance over a period, with the marks laid out\n"
          "    one school week per row and one block (one printed page) per term, the totals (possible,\n"
          "    attended, authorised, unauthorised sessions and the percentage, one decimal rounded half\n"
          "    up, more where one would show a whole percent the figure is not: 83.02, not 83.0), a key\n"
          "    to the codes and the signature block. The figures come from the register by the\n"
          "    same calculation as `ssat evaluate`, so they cannot disagree with it. The pupil's name comes\n"
          "    from the pupils file (or --name); the school, issue date and signatory are as given (left\n"
          "    blank on the certificate when not given: no date is taken from the machine's clock).\n"
          "\n"
          "OPTIONS\n"
          "    --pupil ID           the pupil (required)\n"
          "    --from DATE          first day of the period; default: 1 August of the school year of --to\n"
          "    --to DATE            last day of the period; default: the last date in the register(s)\n"
          "                         (the period is at most 3660 days)\n"
          "    --format F           text (default), json (libssat's \"ssat-certificate\" document: details,\n"
          "                         period, totals, terms, every session's mark, the key) or html (a\n"
          "                         self-contained printable page, one A4 page per term)\n"
          "    --lang L             en (default), cy, or cy+en (one document, Welsh then English): the labels\n"
          "                         and dates (names and marks are as recorded)\n"
          "    --pupils FILE        pupils file (pupil_id,date_of_birth,name,year_group): the name\n"
          "    --terms FILE         the authority's terms (name,start,end) of the school year of --to\n"
          "    --closures FILE      days inside terms when the school did not meet (name,start,end)\n"
          "    --name NAME          the pupil's name (instead of the pupils file's)\n"
          "    --school NAME        the school's name\n"
          "    --issue-date DATE    the date the certificate is issued\n"
          "    --signatory NAME     who signs it (the head teacher or someone authorised by them)\n"
          "    --signatory-role R   their role\n"
          "    --pack PACK.json     also put the certificate into this referral pack as its certificate\n"
          "                         item (replacing one already there; the pack is created when the file\n"
          "                         does not exist), written safely as `ssat case` writes cases\n"
          "    --code-set SET       wales-2010 (default) or england-2024\n"
          "    --columns SPEC       an export's own column names, field=Header pairs separated by commas,\n"
          "                         e.g. pupil_id=Adno,date=Date,session=Session,mark=Mark (every CSV file)\n"
          "    --date-format F      yyyy-mm-dd (default) or dd/mm/yyyy (every CSV file)\n"
          "    --code-map FILE      local codes: local,statutory per line, read as their statutory code\n"
          "    --no-progress        never show the progress bar\n"
          "    -h, --help           this text\n"
          "\n"
          "EXIT STATUS\n"
          "    0 success; 1 usage error (a bad date, a period over 3660 days or ending before it starts);\n"
          "    2 an input file unreadable or malformed, the pupil not in it, or a malformed pack;\n"
          "    3 other failure (the output or the pack cannot be written).\n"
          "\n"
          "EXAMPLES\n"
          "    ssat certificate examples/data/sample_school_2024.csv --pupil P00001 \\\n"
          "        --pupils examples/data/pupils_2024.csv --terms examples/data/terms_2024.csv \\\n"
          "        --closures examples/data/closures_2024.csv --school \"Ysgol Enghreifftiol\" \\\n"
          "        --issue-date 2025-07-18 --signatory \"Mrs Siân Davies\" --signatory-role \"Head teacher\"\n"
          "    ssat certificate register.csv --pupil P00001 --from 2025-01-06 --to 2025-04-11 \\\n"
          "        --format html --lang cy > certificate.html\n",
          out);
}

static int parse(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    const tool_option opts[] = {
        {"pupil", "ID", &o->pupil, NULL},
        {"from", "DATE", &o->from, NULL},
        {"to", "DATE", &o->to, NULL},
        {"format", "FORMAT", &o->format, NULL},
        {"lang", "LANG", &o->lang, NULL},
        {"name", "NAME", &o->name, NULL},
        {"school", "NAME", &o->school, NULL},
        {"issue-date", "DATE", &o->issue_date, NULL},
        {"signatory", "NAME", &o->signatory, NULL},
        {"signatory-role", "ROLE", &o->signatory_role, NULL},
        {"pack", "FILE", &o->pack, NULL},
        {"no-progress", NULL, NULL, &o->no_progress},
        TOOL_INPUT_OPTIONS(o->in),
    };
    if (!tool_parse("certificate", argc, argv, opts, sizeof opts / sizeof opts[0], o->positional, 64,
                    &o->npositional, &o->help))
        return TOOL_EXIT_USAGE;
    if (o->help)
        return TOOL_EXIT_OK;
    int rc = tool_register_inputs("certificate", o->lang, o->positional, o->npositional, o->no_progress, &o->in);
    if (rc != TOOL_EXIT_OK)
        return rc;
    if (o->pupil == NULL)
        return tool_usage_error("certificate", "--pupil ID is required");
    ssat_date d;
    const char *dates[2][2] = {{"--from", o->from}, {"--issue-date", o->issue_date}};
    for (size_t i = 0; i < 2; i++)
        if (dates[i][1] != NULL && ssat_date_parse(dates[i][1], &d) != SSAT_OK)
            return tool_usage_error("certificate", "%s: %s", dates[i][0], ssat_error_message());
    o->in.as_of = o->to; /* the calendar is the one of the period's end */
    o->in.as_of_option = "--to";
    return TOOL_EXIT_OK;
}

static int format_of(const char *text, ssat_certificate_format *out)
{
    static const char *const names[] = {"text", "json", "html"};
    static const ssat_certificate_format formats[] = {SSAT_CERTIFICATE_TEXT, SSAT_CERTIFICATE_JSON,
                                                      SSAT_CERTIFICATE_HTML};
    int i;
    int rc = tool_choose_format("certificate", text, names, sizeof names / sizeof names[0], &i);
    *out = formats[i];
    return rc;
}

/* The details the certificate carries. A value libssat refuses (too long, a control character) is a
 * bad option value. */
static int set_details(ssat_certificate *cert, const options *o, const char *name)
{
    const char *details[][3] = {
        {"pupil_id", o->pupil, "--pupil"},          {"pupil_name", name, "--name"},
        {"school", o->school, "--school"},          {"issue_date", o->issue_date, "--issue-date"},
        {"signatory_name", o->signatory, "--signatory"}, {"signatory_role", o->signatory_role, "--signatory-role"},
    };
    for (size_t i = 0; i < sizeof details / sizeof details[0]; i++) {
        if (details[i][1] == NULL || details[i][1][0] == '\0')
            continue;
        ssat_status st = ssat_certificate_set(cert, details[i][0], details[i][1]);
        if (st == SSAT_ERR_NOMEM)
            return tool_fail("certificate", details[i][0]);
        if (st != SSAT_OK)
            return tool_usage_error("certificate", "%s: %s", details[i][2], ssat_error_message());
    }
    return TOOL_EXIT_OK;
}

/* Put the certificate into the pack file: read it under a lock (or start a new pack when the file does
 * not exist), replace its certificate item, and write it back safely. */
static int into_pack(const ssat_certificate *cert, const char *path)
{
    tool_locked file = {-1, NULL, 0};
    FILE *probe = fopen(path, "rb");
    bool create = probe == NULL;
    if (probe != NULL)
        fclose(probe);
    int rc = create ? TOOL_EXIT_OK : tool_lock("certificate", path, &file);
    ssat_pack *pack = NULL;
    if (rc == TOOL_EXIT_OK) {
        ssat_status st = create ? ssat_pack_new(NULL, &pack) : ssat_pack_from_json(file.text, file.len, NULL, &pack);
        if (st == SSAT_ERR_NOMEM) {
            rc = tool_fail("certificate", path);
        } else if (st != SSAT_OK) {
            fprintf(stderr, "ssat certificate: %s: %s\n", path, ssat_error_message());
            rc = TOOL_EXIT_INPUT;
        }
    }
    char *json = NULL;
    if (rc == TOOL_EXIT_OK &&
        (ssat_certificate_to_pack(cert, pack) != SSAT_OK || ssat_pack_to_json(pack, &json) != SSAT_OK))
        rc = tool_fail("certificate", path);
    if (rc == TOOL_EXIT_OK && json != NULL)
        rc = tool_store("certificate", path, json, strlen(json), create);
    ssat_free(json);
    ssat_pack_free(pack);
    tool_unlock(&file);
    return rc;
}

/* The period: --from/--to; by default the school year (from 1 August) of the last date in the register
 * up to that date, as `ssat evaluate` reports it. */
static int period(const tool_data *d, const options *o, ssat_window *w)
{
    ssat_date to = d->as_of, from = to;
    memset(w, 0, sizeof *w);
    if (o->from != NULL)
        (void)ssat_date_parse(o->from, &from); /* checked in parse() */
    else if (ssat_date_from_ymd(ssat_date_school_year(to), 8, 1, &from) != SSAT_OK)
        from = to;
    if (from > to)
        return tool_usage_error("certificate", "the period from %s to %s ends before it starts", tool_num_date(from).s,
                                tool_num_date(to).s);
    (void)ssat_window_range(from, to, w);
    return TOOL_EXIT_OK;
}

static int certify(tool_data *d, const options *o, ssat_certificate_format fmt)
{
    size_t index = 0;
    if (ssat_school_find(d->school, o->pupil, &index) != SSAT_OK) {
        fprintf(stderr, "ssat certificate: pupil %s is not in %s%s\n", o->pupil, o->in.registers[0],
                o->in.nregisters > 1 ? " or the other register files" : "");
        return TOOL_EXIT_INPUT;
    }
    ssat_window w;
    int rc = period(d, o, &w);
    if (rc != TOOL_EXIT_OK)
        return rc;
    ssat_certificate *cert = NULL;
    ssat_status st = ssat_certificate_new(ssat_school_register(d->school, index), d->calendar, &w, &cert);
    if (st == SSAT_ERR_RANGE)
        return tool_usage_error("certificate", "the period from %s to %s is longer than 3660 days",
                                tool_num_date(w.first_date).s, tool_num_date(w.last_date).s);
    if (st != SSAT_OK)
        return tool_fail("certificate", "certificate");
    const char *name = o->name != NULL ? o->name : ssat_school_pupil_detail(d->school, index, "name");
    rc = set_details(cert, o, name);
    char *text = NULL;
    if (rc == TOOL_EXIT_OK && ssat_certificate_render(cert, fmt, o->in.lang, &text) != SSAT_OK)
        rc = tool_fail("certificate", "render");
    /* The pack first: when it cannot be written, nothing is printed as if all had gone well. */
    if (rc == TOOL_EXIT_OK && o->pack != NULL)
        rc = into_pack(cert, o->pack);
    if (rc == TOOL_EXIT_OK) {
        fputs(text, stdout);
        rc = tool_flushed("certificate", rc);
    }
    ssat_free(text);
    ssat_certificate_free(cert);
    return rc;
}

static int run_certificate(int argc, char **argv)
{
    options o;
    int rc = parse(argc, argv, &o);
    if (!tool_go_on(&rc, o.help, help))
        return rc;
    ssat_certificate_format fmt = SSAT_CERTIFICATE_TEXT;
    rc = format_of(o.format, &fmt);
    if (rc != TOOL_EXIT_OK)
        return rc;
    tool_data d;
    rc = tool_load("certificate", &o.in, &d);
    if (rc == TOOL_EXIT_OK)
        rc = certify(&d, &o, fmt);
    tool_data_free(&d);
    return rc;
}

const tool_command tool_cmd_certificate = {
    "certificate",
    "a pupil's attendance registration certificate (text, JSON or printable HTML)",
    run_certificate,
    help,
};
