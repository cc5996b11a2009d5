/* ssat case: a pupil's attendance case kept in a JSON document (case.h): open one (new), apply an event
 * to it, ask what can happen next, show it, and list the work overdue or due soon.
 *
 * A case file is only ever replaced whole and safely (store.c): `apply` reads it under a lock, applies
 * the event, and writes the new document to a temporary file that is flushed and renamed over the old
 * one, so that an interrupted run leaves the previous case intact and two runs cannot lose an event.
 * A refused event writes nothing. Loading checks the whole document and replays its trail (libssat), so
 * a corrupted or hand-edited file is refused with the path of what is wrong. */
#define _POSIX_C_SOURCE 200809L /* fmemopen() */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

typedef struct options {
    const char *positional[4];
    size_t npositional;
    const char *policy, *pupil, *dob, *on_roll, *pack, *date, *actor, *role, *parent, *detail, *note, *register_file,
        *terms, *closures, *format, *lang, *key_file, *siblings;
    tool_previous_inputs previous; /* apply, next: --previous-register, --previous-terms, --previous-closures */
    char *key;      /* the --key-file's bytes, or NULL */
    size_t key_len;
    bool guards, help;
    ssat_lang language;
    bool json;
} options;

static void help(FILE *out)
{
    fputs("NAME\n"
          "    ssat case - a pupil's attendance case: open it, apply events, what next, show, overdue work\n"
          "\n"
          "SYNOPSIS\n"
          "    ssat case new CASE.json --pupil ID [--dob DATE] [--on-roll yes|no] [--pack PACK.json]\n"
          "                  [--policy NAME|FILE]\n"
          "    ssat case apply CASE.json EVENT --date DATE --actor NAME --role ROLE [--parent ID]\n"
          "                  [--detail TEXT] [--note TEXT] [--register FILE [--terms FILE] [--closures FILE]]\n"
          "                  [--pack PACK.json] [--on-roll yes|no|unknown] [--dob DATE] [--siblings FILE]\n"
          "                  [--previous-register FILE]... [--previous-terms FILE] [--previous-closures FILE]\n"
          "                  [--format text|json]\n"
          "    ssat case next CASE.json --date DATE [--parent ID] [--register FILE [--terms FILE]\n"
          "                  [--closures FILE]] [--pack PACK.json] [--siblings FILE]\n"
          "                  [--previous-register FILE]... [--previous-terms FILE] [--previous-closures FILE]\n"
          "                  [--format table|json]\n"
          "    ssat case show CASE.json [--guards] [--format table|json]\n"
          "    ssat case overdue CASE.json --date DATE [--terms FILE] [--closures FILE] [--format table|json]\n"
          "    Every command also takes --lang en|cy|cy+en, --policy NAME|FILE and --key-file FILE.\n"
          "\n",
          out);
    fputs("DESCRIPTION\n"
          "    A case follows one pupil from the first concern to closure (libssat's case.h): the states\n"
          "    monitoring, school_concern, engagement, referred, returned, accepted, few_engaged, statutory\n"
          "    and closed, the parenting contract and the support plans (PSP, IDP) alongside, and the\n"
          "    statutory actions per parent. Each event is applied only when its guards hold (its states,\n"
          "    and rules such as the SSAT referral criteria with the referral pack checked, or penalty-\n"
          "    notice eligibility, which read the register); every event applied is appended to an audit\n"
          "    trail with who did it, when, and what each guard saw. Dates are always given: none is\n"
          "    taken from the machine's clock, and they must not go backwards along the trail.\n"
          "\n"
          "    new      creates CASE.json (never overwrites a file) for the pupil, in state monitoring.\n"
          "    apply    applies EVENT and saves the case; prints the new state, or the refusal with every\n"
          "             guard of the event, its outcome and why (the file is then left as it was).\n"
          "    next     every event with whether it is possible on DATE and, if not, the first guard that\n"
          "             refuses it and why. Statutory events need --parent.\n"
          "    show     the state, the contract and plans, the pupil record, the trail's hash chain and the\n"
          "             trail (--guards: what the guards saw, under each entry); --format json prints the\n"
          "             case document.\n"
          "    overdue  work overdue or due within the policy's case.due_soon_days on DATE: plan reviews,\n"
          "             the SSAT's decision, the end of an improvement period, notice payment windows.\n"
          "\n",
          out);
    fputs("    Events (see libssat's case.h for every guard): concern_raised, letter_sent (detail:\n"
          "    attendance_concern, meeting_invitation, warning, parenting_contract_offer,\n"
          "    penalty_warning, other), meeting_held (attended, not_attended), support_offered (detail:\n"
          "    the support), contract_offered, contract_signed, contract_refused, contract_breached,\n"
          "    contract_completed, plan_started / plan_reviewed / plan_ended (psp, idp),\n"
          "    referral_submitted, referral_accepted, referral_returned (detail: reasons), few_contact,\n"
          "    and with --parent: penalty_warning, notice_issued (optional: posted, hand; the payment\n"
          "    periods run from receipt, two working days after posting by default), notice_paid,\n"
          "    notice_unpaid, notice_withdrawn, eso_considered, prosecution_considered,\n"
          "    prosecution_started (s444(1), s444(1A)), prosecution_concluded (detail: outcome),\n"
          "    sao_issued; attendance_improved;\n"
          "    pupil_left (left_compulsory_age, moved_authority, off_roll, ehe, other); closed (improved,\n"
          "    proceedings_concluded, other); entry_voided (detail: the number of the entry to void; --note:\n"
          "    why, required).\n"
          "\n"
          "    A mistake is corrected by appending, never by editing the file: entry_voided voids an\n"
          "    earlier entry (for instance one with a mistyped date), which stays in the trail marked as\n"
          "    voided while the state is worked out without it; the event can then be applied again with\n"
          "    the right details. Dates must lie in the years 1900 to 2199, not before the pupil's date of\n"
          "    birth or 1 August of the case's first school year, and not more than the policy's\n"
          "    case.max_gap_days (366) after the previous entry.\n"
          "\n"
          "    The guards that read attendance (referral_submitted, notice_issued) need --register, with\n"
          "    the terms and closures of the school year of --date; without it they refuse the event,\n"
          "    saying so. The referral guard checks the case's referral pack first (as `ssat evidence\n"
          "    check` does): --pack replaces the case's pack with PACK.json before the event (apply saves\n"
          "    it with the case; next only considers it). The pupil record (date of birth, on roll) is\n"
          "    set with new, or changed by apply with --dob and --on-roll; it is saved with the case when\n"
          "    the event is applied.\n"
          "\n"
          "    A penalty limb counted over the last school weeks (England's 10) reaches back before\n"
          "    1 August early in a school year. notice_issued then needs the previous school year's\n"
          "    registers and terms (--previous-register, --previous-terms, --previous-closures, read as\n"
          "    `ssat evaluate` reads them; a pupil not in them was on no school's roll then): without\n"
          "    them such a limb not met on this year's sessions is unknown and the notice is refused.\n"
          "    The trail records the absence the notice covers, from the previous year when it does.\n"
          "\n",
          out);
    fputs("FILES\n"
          "    The case is written to a temporary file .CASE.json.tmp-XXXXXX next to it, flushed to disk\n"
          "    and renamed over CASE.json, so a run that is interrupted leaves the previous case intact;\n"
          "    if it dies before the rename, that hidden temporary file is left behind, and the next\n"
          "    apply to the same case removes it. apply holds a lock on CASE.json while it works, so two\n"
          "    applies to one case run one after the other. The policy is the one the case names\n"
          "    (carmarthenshire, wales, england-2024); a case made with a policy file needs --policy FILE\n"
          "    every time. A case file is created readable and writable by its owner only (mode 0600: it\n"
          "    holds a child's data); apply keeps the mode it has. When CASE.json is a symbolic link, apply\n"
          "    locks and replaces the file it points to, and the link stays.\n"
          "\n"
          "    Each trail entry carries a hash of its content and of the entry before it, and the case\n"
          "    file records the head of that chain and a seal over it and the pupil record and pack:\n"
          "    a case file edited by hand (an entry removed, an actor or date changed, the pupil id or\n"
          "    policy changed) is refused with the first entry that no longer matches. With --key-file\n"
          "    FILE the hashes are HMAC-SHA-256 under the bytes of FILE (16 to 4096 bytes; keep it\n"
          "    secret), so that only holders of the key can write a case file that loads; a keyed case\n"
          "    needs the key every time. Case files written before the chain load, and their entries are\n"
          "    chained as they stand (show says how many).\n"
          "\n",
          out);
    fputs("OPTIONS\n"
          "    --pupil ID           new: the pupil's id (required)\n"
          "    --dob DATE           the pupil's date of birth (compulsory school age guards)\n"
          "    --on-roll V          whether the pupil is on the school's roll: yes, no (or unknown)\n"
          "    --pack PACK.json     the referral pack (an \"ssat-pack\" document)\n"
          "    --date DATE          the event's date (apply), the date asked about (next, overdue)\n"
          "    --actor NAME         apply: who did it (required)\n"
          "    --role ROLE          apply: their role (required)\n"
          "    --parent ID          the parent concerned (statutory events)\n"
          "    --siblings FILE      apply, next: the parent's notices for the pupil's brothers and sisters\n"
          "                         (parent_id,pupil_id,issued,absence_start,absence_end), which count\n"
          "                         towards the limit on notices per parent across all their children\n"
          "    --detail TEXT        the event's parameter (see Events)\n"
          "    --note TEXT          apply: free text for the trail\n"
          "    --register FILE      the school's register (the case's pupil must be in it)\n"
          "    --terms FILE         the authority's terms; --closures FILE the closure days\n"
          "    --previous-register FILE\n"
          "                         apply, next: a register file of the previous school year (repeat it\n"
          "                         for several); needs --register\n"
          "    --previous-terms FILE\n"
          "                         the previous school year's terms (required when --terms is given;\n"
          "                         default: the census terms of that year)\n"
          "    --previous-closures FILE\n"
          "                         the previous school year's closure days\n"
          "    --policy NAME|FILE   new: the case's policy (default carmarthenshire); else the policy\n"
          "                         file of a case made with one\n"
          "    --guards             show: what each guard saw, under each trail entry\n"
          "    --key-file FILE      the key of a keyed case (new: make the case keyed)\n"
          "    --format F           table or text (default), or json\n"
          "    --lang L             en (default), cy, or cy+en (Welsh then English)\n"
          "    -h, --help           this text\n"
          "\n",
          out);
    fputs("EXIT STATUS\n"
          "    0 success (next, show: always; overdue: nothing overdue, though something may be due soon);\n"
          "    1 usage error, also an event the case cannot take as given (unknown event, a date before\n"
          "    the last event, a missing --parent, a bad --detail); 2 the case or another input file\n"
          "    cannot be read or is malformed (the message names the path of the bad value, e.g.\n"
          "    trail[3].date), or the pupil is not in the register; 3 other failure (the case cannot be\n"
          "    written, or new found the file already there); 4 apply: the event was refused by a guard\n"
          "    (the case is unchanged); overdue: something is overdue; 5 new, apply: the case was saved\n"
          "    (the event is recorded) but the report could not be written to standard output: do not\n"
          "    apply the event again.\n"
          "\n"
          "EXAMPLES\n"
          "    ssat case new case.json --pupil P00001 --dob 2013-02-11 --on-roll yes\n"
          "    ssat case apply case.json concern_raised --date 2024-10-07 --actor \"Mrs Eleri Morgan\" \\\n"
          "        --role \"Head of Year 7\"\n"
          "    ssat case next case.json --date 2025-07-18 --register examples/data/sample_school_2024.csv \\\n"
          "        --terms examples/data/terms_2024.csv --closures examples/data/closures_2024.csv\n"
          "    ssat case show examples/data/sample_case_P00001.json --lang cy\n"
          "    ssat case overdue examples/data/sample_case_P00001.json --date 2025-08-20\n",
          out);
}

/* ---- options ------------------------------------------------------------------------------------- */

/* What each subcommand takes, besides --lang, --policy and --help. */
typedef struct subcommand {
    const char *name;
    const char *options; /* space-separated */
    bool needs_date;
    int (*run)(options *o);
} subcommand;

static int run_new(options *o);
static int run_apply(options *o);
static int run_next(options *o);
static int run_show(options *o);
static int run_overdue(options *o);

static const subcommand subcommands[] = {
    {"new", "pupil dob on-roll pack", false, run_new},
    {"apply", "date actor role parent detail note register terms closures pack on-roll dob siblings format "
              "previous-register previous-terms previous-closures", true, run_apply},
    {"next", "date parent register terms closures pack siblings format previous-register previous-terms "
             "previous-closures", true, run_next},
    {"show", "guards format", false, run_show},
    {"overdue", "date terms closures format", true, run_overdue},
};
#define SUBCOMMAND_COUNT (sizeof subcommands / sizeof subcommands[0])

static bool takes(const subcommand *s, const char *option)
{
    size_t n = strlen(option);
    for (const char *p = s->options; (p = strstr(p, option)) != NULL; p += n)
        if ((p == s->options || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return strcmp(option, "lang") == 0 || strcmp(option, "policy") == 0 || strcmp(option, "key-file") == 0;
}

/* A date of the form YYYY-MM-DD whose year is outside the years a case accepts is reported as such
 * (rather than as "not a date" for year 0001, or as a calendar failure for 9999). */
static bool case_year(const char *option, const char *text)
{
    if (text == NULL || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return true;
    int year = 0;
    for (int i = 0; i < 4; i++) {
        if (text[i] < '0' || text[i] > '9')
            return true;
        year = year * 10 + (text[i] - '0');
    }
    if (year >= 1900 && year <= 2199)
        return true;
    (void)tool_usage_error("case", "%s: the year %.4s is outside 1900..2199, the years a case accepts", option, text);
    return false;
}

static int parse(int argc, char **argv, options *o, const subcommand **sub)
{
    memset(o, 0, sizeof *o);
    const tool_option opts[] = {
        {"policy", "NAME|FILE", &o->policy, NULL}, {"pupil", "ID", &o->pupil, NULL},
        {"dob", "DATE", &o->dob, NULL},            {"on-roll", "yes|no", &o->on_roll, NULL},
        {"pack", "FILE", &o->pack, NULL},          {"date", "DATE", &o->date, NULL},
        {"actor", "NAME", &o->actor, NULL},        {"role", "ROLE", &o->role, NULL},
        {"parent", "ID", &o->parent, NULL},        {"detail", "TEXT", &o->detail, NULL},
        {"note", "TEXT", &o->note, NULL},          {"register", "FILE", &o->register_file, NULL},
        {"terms", "FILE", &o->terms, NULL},        {"closures", "FILE", &o->closures, NULL},
        {"format", "FORMAT", &o->format, NULL},    {"lang", "LANG", &o->lang, NULL},
        {"key-file", "FILE", &o->key_file, NULL},
        {"siblings", "FILE", &o->siblings, NULL},
        {"guards", NULL, NULL, &o->guards},
        TOOL_PREVIOUS_OPTIONS(o->previous),
    };
    const size_t nopts = sizeof opts / sizeof opts[0];
    if (!tool_parse("case", argc, argv, opts, nopts, o->positional, 4, &o->npositional, &o->help))
        return TOOL_EXIT_USAGE;
    if (o->help)
        return TOOL_EXIT_OK;
    if (o->npositional == 0)
        return tool_usage_error("case", "no case command given (new, apply, next, show, overdue)");
    *sub = NULL;
    for (size_t i = 0; i < SUBCOMMAND_COUNT; i++)
        if (strcmp(subcommands[i].name, o->positional[0]) == 0)
            *sub = &subcommands[i];
    if (*sub == NULL)
        return tool_usage_error("case", "unknown case command \"%s\" (new, apply, next, show, overdue)",
                                o->positional[0]);
    size_t want = strcmp((*sub)->name, "apply") == 0 ? 3 : 2;
    if (o->npositional < 2)
        return tool_usage_error("case", "%s: no case file given", (*sub)->name);
    if (o->npositional < want)
        return tool_usage_error("case", "apply: no event given");
    if (o->npositional > want)
        return tool_usage_error("case", "%s: unexpected argument \"%s\"", (*sub)->name, o->positional[want]);
    for (size_t i = 0; i < nopts; i++) {
        bool given = opts[i].value != NULL ? *opts[i].value != NULL : *opts[i].flag;
        if (given && !takes(*sub, opts[i].name))
            return tool_usage_error("case", "%s does not take --%s", (*sub)->name, opts[i].name);
    }
    if (!tool_parse_lang(o->lang, &o->language))
        return tool_usage_error("case", "--lang: \"%s\" is not en, cy or cy+en", o->lang);
    static const char *const formats[] = {"table", "text", "json"};
    int format;
    if (tool_choose_format("case", o->format, formats, sizeof formats / sizeof formats[0], &format) != TOOL_EXIT_OK)
        return TOOL_EXIT_USAGE;
    o->json = format == 2;
    if ((*sub)->needs_date && o->date == NULL)
        return tool_usage_error("case", "%s: --date DATE is required", (*sub)->name);
    ssat_date d;
    if (!case_year("--date", o->date) || !case_year("--dob", o->dob))
        return TOOL_EXIT_USAGE;
    if (o->date != NULL && ssat_date_parse(o->date, &d) != SSAT_OK)
        return tool_usage_error("case", "--date: %s", ssat_error_message());
    if (o->dob != NULL && ssat_date_parse(o->dob, &d) != SSAT_OK)
        return tool_usage_error("case", "--dob: %s", ssat_error_message());
    if (o->on_roll != NULL && strcmp(o->on_roll, "yes") != 0 && strcmp(o->on_roll, "no") != 0 &&
        strcmp(o->on_roll, "unknown") != 0)
        return tool_usage_error("case", "--on-roll: \"%s\" is not yes, no or unknown", o->on_roll);
    if (strcmp((*sub)->name, "new") == 0 && o->pupil == NULL)
        return tool_usage_error("case", "new: --pupil ID is required");
    if (strcmp((*sub)->name, "apply") == 0 && (o->actor == NULL || o->role == NULL))
        return tool_usage_error("case", "apply: --actor NAME and --role ROLE are required");
    if ((o->terms != NULL || o->closures != NULL) && o->register_file == NULL && strcmp((*sub)->name, "overdue") != 0)
        return tool_usage_error("case", "%s: --terms and --closures go with --register", (*sub)->name);
    if (o->previous.registers[0] != NULL && o->register_file == NULL)
        return tool_usage_error("case", "%s: --previous-register goes with --register", (*sub)->name);
    bool given = false;
    tool_inputs in = {.terms = o->terms};
    return tool_previous_options("case", &in, &o->previous, &given); /* the same usage errors as evaluate */
}

/* ---- loading a case ------------------------------------------------------------------------------ */

typedef struct loaded {
    const char *path;
    tool_locked file;        /* apply: the case file, locked until it is replaced */
    char *text;              /* other commands: the file read */
    size_t len;
    tool_data d;             /* the policy, the calendar of --date, the register */
    ssat_policy *own_policy; /* show: the policy, read alone */
    ssat_case *c;
    const ssat_register *reg;
    tool_previous previous;  /* apply, next: the previous school year (--previous-register), else empty */
    const ssat_register *previous_reg; /* the pupil's register in it, or NULL when not given */
} loaded;

static void loaded_free(loaded *l)
{
    ssat_case_free(l->c);
    tool_previous_free(&l->previous);
    ssat_policy_free(l->own_policy);
    tool_data_free(&l->d);
    tool_unlock(&l->file);
    free(l->text);
    memset(l, 0, sizeof *l);
    l->file.fd = -1;
}

static const ssat_policy *loaded_policy(const loaded *l)
{
    return l->own_policy != NULL ? l->own_policy : l->d.policy;
}

static tool_inputs case_inputs(const options *o, const char *spec)
{
    return (tool_inputs){.registers = &o->register_file, .nregisters = o->register_file != NULL ? 1 : 0,
                         .terms = o->terms, .closures = o->closures, .as_of = o->date, .as_of_option = "--date",
                         .policy = spec, .lang = o->language};
}

/* The policy (a built-in name or a file), the calendar of --date and the register if given, and with
 * --previous-register the previous school year's (read as `ssat evaluate` reads it, previous_year.c). */
static int load_inputs(const options *o, const char *spec, loaded *l)
{
    if (o->date != NULL) {
        tool_inputs in = case_inputs(o, spec);
        int rc = tool_load("case", &in, &l->d);
        if (rc == TOOL_EXIT_OK && o->previous.registers[0] != NULL)
            rc = tool_previous_load("case", &in, &o->previous, &l->d, &l->previous);
        return rc;
    }
    return tool_load_policy("case", spec, &l->own_policy);
}

/* ssat_case_load_json's resolver: the policy of --policy, or NULL for the built-in the document names
 * (whose name is kept for the message when there is none). */
typedef struct named_policy {
    const ssat_policy *given;
    char name[65];
} named_policy;

static const ssat_policy *given_policy(const char *name, void *ctx)
{
    named_policy *np = ctx;
    (void)snprintf(np->name, sizeof np->name, "%s", name);
    return np->given;
}

static int load_case(options *o, bool lock, loaded *l)
{
    memset(l, 0, sizeof *l);
    l->file.fd = -1;
    l->path = o->positional[1];
    int rc;
    const char *text;
    size_t len;
    if (lock) {
        rc = tool_lock("case", l->path, &l->file); /* through a symbolic link, its target (issue 15) */
        text = l->file.text;
        len = l->file.len;
    } else {
        l->text = tool_read_small_file("case", l->path, &l->len);
        rc = l->text != NULL ? TOOL_EXIT_OK : TOOL_EXIT_INPUT;
        text = l->text;
        len = l->len;
    }
    if (rc != TOOL_EXIT_OK)
        return rc;
    if (o->policy != NULL) { /* read first: the calendar and the register are read under it */
        rc = load_inputs(o, o->policy, l);
        if (rc != TOOL_EXIT_OK)
            return rc;
    }
    /* The library finds the policy the document names: --policy's (it checks the name), else the
     * built-in of that name. */
    named_policy np = {loaded_policy(l), ""};
    ssat_case_load_options lo = SSAT_CASE_LOAD_OPTIONS_INIT;
    lo.resolve = given_policy;
    lo.resolve_ctx = &np;
    lo.key = o->key;
    lo.key_len = o->key_len;
    ssat_status st = ssat_case_load_json(text, len, &lo, &l->c);
    if (st == SSAT_ERR_NOT_FOUND)
        return tool_usage_error("case", "%s uses the policy \"%s\", which is not built in: give its file with "
                                        "--policy FILE", l->path, np.name);
    if (st == SSAT_ERR_NOMEM)
        return tool_fail("case", l->path);
    if (st != SSAT_OK) {
        fprintf(stderr, "ssat case: %s: %s\n", l->path, ssat_error_message());
        return TOOL_EXIT_INPUT;
    }
    if (o->policy == NULL) {
        rc = load_inputs(o, ssat_policy_name(ssat_case_policy(l->c)), l);
        if (rc != TOOL_EXIT_OK)
            return rc;
    }
    if (o->register_file != NULL) {
        size_t index = 0;
        if (ssat_school_find(l->d.school, ssat_case_pupil_id(l->c), &index) != SSAT_OK) {
            fprintf(stderr, "ssat case: pupil %s is not in %s\n", ssat_case_pupil_id(l->c), o->register_file);
            return TOOL_EXIT_INPUT;
        }
        l->reg = ssat_school_register(l->d.school, index);
    }
    if (o->previous.registers[0] != NULL)
        l->previous_reg = tool_previous_register(&l->previous, ssat_case_pupil_id(l->c));
    return TOOL_EXIT_OK;
}

/* What the guards read besides the event itself: the register, the calendars, the siblings' notices. */
static ssat_case_event guard_inputs(const loaded *l, const ssat_parent *siblings)
{
    ssat_case_event e = SSAT_CASE_EVENT_INIT;
    e.reg = l->reg;
    e.calendar = l->d.calendar;
    e.history = siblings;
    if (l->previous_reg != NULL) {
        e.previous_reg = l->previous_reg;
        e.previous_calendar = l->previous.data.calendar;
    }
    return e;
}

/* ---- changes besides events: the pupil record and the pack --------------------------------------- */

/* The pack of the file, copied into the case's own. */
static int read_pack(const char *path, ssat_case *into)
{
    size_t len;
    char *text = tool_read_small_file("case", path, &len);
    if (text == NULL)
        return TOOL_EXIT_INPUT;
    ssat_pack *pack = NULL;
    ssat_status st = ssat_pack_from_json(text, len, NULL, &pack);
    free(text);
    if (st != SSAT_OK && st != SSAT_ERR_NOMEM) {
        fprintf(stderr, "ssat case: %s: %s\n", path, ssat_error_message());
        return TOOL_EXIT_INPUT;
    }
    if (st == SSAT_OK)
        st = ssat_case_set_pack(into, pack);
    ssat_pack_free(pack);
    return st == SSAT_OK ? TOOL_EXIT_OK : tool_fail("case", path);
}

static int update_record(const options *o, ssat_case *c)
{
    ssat_pupil *p = ssat_case_pupil(c);
    ssat_date dob = 0;
    if (o->dob != NULL && (ssat_date_parse(o->dob, &dob) != SSAT_OK || ssat_pupil_set_date_of_birth(p, dob) != SSAT_OK))
        return tool_usage_error("case", "--dob: %s", ssat_error_message());
    if (o->on_roll != NULL) {
        ssat_fact f = strcmp(o->on_roll, "yes") == 0 ? SSAT_FACT_YES
                      : strcmp(o->on_roll, "no") == 0 ? SSAT_FACT_NO
                                                      : SSAT_FACT_UNKNOWN;
        (void)ssat_pupil_set_fact(p, SSAT_PUPIL_ON_ROLL, f);
    }
    return o->pack != NULL ? read_pack(o->pack, c) : TOOL_EXIT_OK;
}

static int save(const char *path, const ssat_case *c, bool create)
{
    char *json = NULL;
    if (ssat_case_to_json(c, &json) != SSAT_OK)
        return tool_fail("case", path);
    int rc = tool_store("case", path, json, strlen(json), create);
    ssat_free(json);
    return rc;
}

/* After the case was saved: a report that cannot be written must not look like a failure to save. */
static int saved_flushed(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("ssat case: the case is saved, but the report cannot be written to standard output (exit status 5: "
              "do not apply the event again)\n", stderr);
        return TOOL_EXIT_SAVED_UNREPORTED;
    }
    return TOOL_EXIT_OK;
}

static int flushed(int rc)
{
    return tool_flushed("case", rc);
}

static const char *state_name(ssat_case_state s, ssat_lang lang)
{
    return ssat_case_state_name(s, lang);
}

/* ---- new ----------------------------------------------------------------------------------------- */

static int run_new(options *o)
{
    const char *path = o->positional[1];
    ssat_policy *policy = NULL;
    ssat_case *c = NULL;
    int rc = tool_load_policy("case", o->policy, &policy);
    if (rc == TOOL_EXIT_OK) {
        ssat_status st = o->key != NULL ? ssat_case_new_keyed(o->pupil, policy, o->key, o->key_len, &c)
                                        : ssat_case_new(o->pupil, policy, &c);
        if (st == SSAT_ERR_INVALID_ARG)
            rc = tool_usage_error("case", "--pupil: %s", ssat_error_message());
        else if (st != SSAT_OK)
            rc = tool_fail("case", "new");
    }
    if (rc == TOOL_EXIT_OK)
        rc = update_record(o, c);
    if (rc == TOOL_EXIT_OK)
        rc = save(path, c, true);
    if (rc == TOOL_EXIT_OK) {
        const char *args[4] = {path, o->pupil, ssat_policy_name(policy), state_name(SSAT_CASE_MONITORING, o->language)};
        tool_say(stdout, "case.new", o->language, args, 4, 0);
        putchar('\n');
        rc = saved_flushed();
    }
    ssat_case_free(c);
    ssat_policy_free(policy);
    return rc;
}

/* ---- apply --------------------------------------------------------------------------------------- */

static void print_guards_json(const ssat_decision *d, ssat_lang lang)
{
    fputs("[", stdout);
    for (size_t i = 0; i < ssat_decision_count(d); i++) {
        const ssat_criterion *k = ssat_decision_at(d, i);
        fputs(i ? ",\n  {\"guard\": " : "\n  {\"guard\": ", stdout);
        tool_json_string(stdout, k->id);
        printf(", \"outcome\": \"%s\", \"message\": ",
               k->outcome == SSAT_OUTCOME_MET ? "met" : k->outcome == SSAT_OUTCOME_NOT_MET ? "not_met" : "unknown");
        tool_json_string(stdout, ssat_criterion_message(k, lang));
        fputc('}', stdout);
    }
    fputs("\n ]", stdout);
}

/* The end of each of this command's tables: printed when it was built, freed either way; TOOL_EXIT_OK,
 * or TOOL_EXIT_FAILURE (said on stderr) when building it ran out of memory. */
static int table_done(tool_table *t, bool ok)
{
    if (ok)
        tool_table_print(t, stdout);
    tool_table_free(t);
    if (ok)
        return TOOL_EXIT_OK;
    fputs("ssat case: out of memory\n", stderr);
    return TOOL_EXIT_FAILURE;
}

/* A decision's criteria as a table (id less `prefix` bytes, outcome in words, reason): `rc` once printed,
 * TOOL_EXIT_FAILURE when out of memory. */
static int print_criteria(const ssat_decision *d, const char **headers, size_t prefix,
                          const char *(*outcome)(ssat_outcome, ssat_lang), ssat_lang lang, int rc)
{
    static const bool right[3] = {false, false, false};
    tool_table t;
    tool_table_init(&t, 3, headers, right);
    bool ok = true;
    for (size_t i = 0; ok && i < ssat_decision_count(d); i++) {
        const ssat_criterion *k = ssat_decision_at(d, i);
        const char *cells[3] = {strlen(k->id) > prefix ? k->id + prefix : k->id, outcome(k->outcome, lang),
                                ssat_criterion_message(k, lang)};
        ok = tool_table_add(&t, cells, NULL);
    }
    int done = table_done(&t, ok);
    return done == TOOL_EXIT_OK ? rc : done;
}

static int print_refusal(const options *o, const ssat_case *c, const ssat_decision *refusal)
{
    ssat_lang lang = o->language;
    const char *event = o->positional[2];
    if (o->json) {
        fputs("{\"pupil_id\": ", stdout);
        tool_json_string(stdout, ssat_case_pupil_id(c));
        fputs(", \"event\": ", stdout);
        tool_json_string(stdout, event);
        printf(", \"date\": \"%s\", \"applied\": false, \"state\": \"%s\",\n \"guards\": ", o->date,
               state_name(ssat_case_main_state(c), SSAT_LANG_EN));
        print_guards_json(refusal, lang);
        fputs("}\n", stdout);
        return TOOL_EXIT_REFUSED;
    }
    const char *args[3] = {ssat_case_pupil_id(c), event, o->date};
    tool_say(stdout, "case.refused", lang, args, 3, 0x4);
    fputs("\n\n", stdout);
    const char *headers[3] = {tool_text("col.guard", lang), tool_text("col.outcome", lang), tool_text("col.reason", lang)};
    return print_criteria(refusal, headers, 0, ssat_outcome_name, lang, TOOL_EXIT_REFUSED);
}

static void print_applied(const options *o, const ssat_case *c)
{
    ssat_lang lang = o->language;
    const ssat_trail_entry *e = ssat_case_trail_at(c, ssat_case_trail_count(c) - 1);
    tool_num seq = tool_num_u64(e->sequence);
    if (o->json) {
        fputs("{\"pupil_id\": ", stdout);
        tool_json_string(stdout, ssat_case_pupil_id(c));
        fputs(", \"event\": ", stdout);
        tool_json_string(stdout, e->event);
        printf(", \"date\": \"%s\", \"applied\": true, \"sequence\": %s, \"state_before\": \"%s\", \"state\": \"%s\", "
               "\"guard_values\": ",
               tool_num_date(e->date).s, seq.s, state_name(e->state_before, SSAT_LANG_EN),
               state_name(e->state_after, SSAT_LANG_EN));
        tool_json_string(stdout, e->guard_values);
        fputs("}\n", stdout);
        return;
    }
    tool_num date = tool_num_date(e->date);
    const char *args[6] = {ssat_case_pupil_id(c), e->event, date.s, state_name(e->state_before, lang),
                           state_name(e->state_after, lang), seq.s};
    tool_say(stdout, "case.applied", lang, args, 6, 0x4);
    putchar('\n');
}

/* --siblings FILE: the notices to parents about other children, one per line:
 *   parent_id,pupil_id,issued,absence_start,absence_end   (a header line starting "parent_id" is skipped)
 * The Welsh limit on notices counts them per parent across all their children. Only --parent's lines are
 * read into the history. FILE:LINE: message on stderr for a malformed line. */
static int read_siblings(const char *path, const char *parent, ssat_parent **out)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "ssat case: cannot open %s\n", path);
        return TOOL_EXIT_INPUT;
    }
    int rc = ssat_parent_new(parent != NULL && parent[0] != '\0' ? parent : "-", NULL, out) == SSAT_OK
                 ? TOOL_EXIT_OK
                 : TOOL_EXIT_FAILURE;
    char line[512];
    for (size_t n = 1; rc == TOOL_EXIT_OK && fgets(line, sizeof line, f) != NULL; n++) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || (n == 1 && strncmp(line, "parent_id", 9) == 0))
            continue;
        char *field[5] = {line, NULL, NULL, NULL, NULL};
        size_t k = 1;
        for (char *p = line; *p != '\0' && k < 5; p++)
            if (*p == ',') {
                *p = '\0';
                field[k++] = p + 1;
            }
        ssat_date issued = 0, first = 0, last = 0;
        ssat_window w;
        if (k != 5 || ssat_date_parse(field[2], &issued) != SSAT_OK || ssat_date_parse(field[3], &first) != SSAT_OK ||
            ssat_date_parse(field[4], &last) != SSAT_OK || ssat_window_range(first, last, &w) != SSAT_OK) {
            fprintf(stderr, "%s:%zu: expected parent_id,pupil_id,issued,absence_start,absence_end with dates as "
                    "YYYY-MM-DD\n", path, n);
            rc = TOOL_EXIT_INPUT;
        } else if (parent != NULL && strcmp(field[0], parent) == 0 &&
                   ssat_parent_add(*out, SSAT_PARENT_NOTICE, field[1], issued, &w) != SSAT_OK) {
            fprintf(stderr, "%s:%zu: %s\n", path, n, ssat_error_message());
            rc = TOOL_EXIT_INPUT;
        }
    }
    fclose(f);
    if (rc != TOOL_EXIT_OK) {
        ssat_parent_free(*out);
        *out = NULL;
    }
    return rc;
}

static int run_apply(options *o)
{
    loaded l;
    ssat_parent *siblings = NULL;
    int rc = load_case(o, true, &l);
    if (rc == TOOL_EXIT_OK && o->siblings != NULL)
        rc = read_siblings(o->siblings, o->parent, &siblings);
    if (rc == TOOL_EXIT_OK)
        rc = update_record(o, l.c);
    ssat_decision *refusal = NULL;
    if (rc == TOOL_EXIT_OK) {
        ssat_date date = 0;
        (void)ssat_date_parse(o->date, &date); /* checked in parse() */
        ssat_case_event e = guard_inputs(&l, siblings);
        e.event = o->positional[2];
        e.date = date;
        e.actor = o->actor;
        e.role = o->role;
        e.parent_id = o->parent;
        e.detail = o->detail;
        e.note = o->note;
        ssat_status st = ssat_case_apply_event(l.c, &e, &refusal);
        if (st == SSAT_OK) {
            rc = save(l.path, l.c, false);
            if (rc == TOOL_EXIT_OK) {
                print_applied(o, l.c);
                rc = saved_flushed();
            }
        } else if (st == SSAT_ERR_STATE && refusal != NULL) {
            rc = print_refusal(o, l.c, refusal);
        } else if (st == SSAT_ERR_INVALID_ARG || st == SSAT_ERR_NOT_FOUND) {
            rc = tool_usage_error("case", "%s", ssat_error_message());
        } else if (st == SSAT_ERR_STATE) {
            fprintf(stderr, "ssat case: %s\n", ssat_error_message());
            rc = TOOL_EXIT_REFUSED;
        } else {
            rc = tool_fail("case", "apply");
        }
        if (st != SSAT_OK && rc != TOOL_EXIT_FAILURE && rc != TOOL_EXIT_USAGE)
            rc = flushed(rc);
    }
    ssat_decision_free(refusal);
    ssat_parent_free(siblings);
    loaded_free(&l);
    return rc;
}

/* ---- next ---------------------------------------------------------------------------------------- */

static const char *outcome_word(ssat_outcome o, ssat_lang lang)
{
    return tool_text(o == SSAT_OUTCOME_MET ? "word.yes" : o == SSAT_OUTCOME_NOT_MET ? "word.no" : "word.unknown", lang);
}

static int print_next(const options *o, const ssat_case *c, const ssat_decision *d)
{
    ssat_lang lang = o->language;
    const size_t prefix = strlen("case.event.");
    if (o->json) {
        fputs("{\"pupil_id\": ", stdout);
        tool_json_string(stdout, ssat_case_pupil_id(c));
        printf(", \"date\": \"%s\", \"state\": \"%s\",\n \"events\": [", o->date,
               state_name(ssat_case_main_state(c), SSAT_LANG_EN));
        for (size_t i = 0; i < ssat_decision_count(d); i++) {
            const ssat_criterion *k = ssat_decision_at(d, i);
            fputs(i ? ",\n  {\"event\": " : "\n  {\"event\": ", stdout);
            tool_json_string(stdout, strlen(k->id) > prefix ? k->id + prefix : k->id);
            printf(", \"possible\": %s, \"outcome\": \"%s\", \"message\": ",
                   k->outcome == SSAT_OUTCOME_MET ? "true" : "false",
                   k->outcome == SSAT_OUTCOME_MET ? "met" : k->outcome == SSAT_OUTCOME_NOT_MET ? "not_met" : "unknown");
            tool_json_string(stdout, ssat_criterion_message(k, lang));
            fputc('}', stdout);
        }
        fputs("\n ]}\n", stdout);
        return TOOL_EXIT_OK;
    }
    const char *args[3] = {ssat_case_pupil_id(c), o->date, state_name(ssat_case_main_state(c), lang)};
    tool_say(stdout, "case.next", lang, args, 3, 0x2);
    fputs("\n\n", stdout);
    const char *headers[3] = {tool_text("col.event", lang), tool_text("col.possible_now", lang),
                              tool_text("col.reason", lang)};
    return print_criteria(d, headers, prefix, outcome_word, lang, TOOL_EXIT_OK);
}

static int run_next(options *o)
{
    loaded l;
    ssat_parent *siblings = NULL;
    int rc = load_case(o, false, &l);
    if (rc == TOOL_EXIT_OK && o->siblings != NULL)
        rc = read_siblings(o->siblings, o->parent, &siblings);
    if (rc == TOOL_EXIT_OK && o->pack != NULL)
        rc = read_pack(o->pack, l.c); /* considered, never saved */
    ssat_decision *d = NULL;
    if (rc == TOOL_EXIT_OK) {
        ssat_case_event ctx = guard_inputs(&l, siblings);
        (void)ssat_date_parse(o->date, &ctx.date);
        ctx.parent_id = o->parent;
        ssat_status st = ssat_case_next_event(l.c, &ctx, &d);
        if (st == SSAT_ERR_INVALID_ARG)
            rc = tool_usage_error("case", "%s", ssat_error_message());
        else if (st != SSAT_OK)
            rc = tool_fail("case", "next");
        else
            rc = flushed(print_next(o, l.c, d));
    }
    ssat_decision_free(d);
    ssat_parent_free(siblings);
    loaded_free(&l);
    return rc;
}

/* ---- show ---------------------------------------------------------------------------------------- */

static const char *const contract_keys[] = {"contract.none",    "contract.offered",  "contract.agreed",
                                            "contract.declined", "contract.breached", "contract.completed"};

/* The text under a trail entry: whether it was voided, its note, and with --guards what the guards saw. */
static char *entry_note(const ssat_trail_entry *e, bool guards, ssat_lang lang)
{
    const char *note_label = tool_text("case.note", lang), *guard_label = tool_text("case.guard_values", lang);
    size_t len = strlen(e->note) + strlen(e->guard_values) + strlen(note_label) + strlen(guard_label) + 160;
    if (e->note[0] == '\0' && !guards && e->voided_by == 0)
        return NULL;
    char *s = malloc(len);
    if (s == NULL)
        return NULL;
    size_t k = 0;
    s[0] = '\0';
    if (e->voided_by != 0) {
        tool_num by = tool_num_u64(e->voided_by);
        const char *args[1] = {by.s};
        char line[128];
        FILE *mem = fmemopen(line, sizeof line, "w");
        line[0] = '\0';
        if (mem != NULL) {
            tool_render(mem, tool_text("case.voided_by", lang), args, 1);
            fclose(mem);
        }
        k += (size_t)snprintf(s + k, len - k, "    %s\n", line);
    }
    if (e->note[0] != '\0')
        k += (size_t)snprintf(s + k, len - k, "    %s: %s\n", note_label, e->note);
    if (guards)
        (void)snprintf(s + k, len - k, "    %s: %s\n", guard_label, e->guard_values);
    return s;
}

static int print_trail(const options *o, const ssat_case *c)
{
    ssat_lang lang = o->language;
    enum { C_SEQ, C_DATE, C_EVENT, C_DETAIL, C_PARENT, C_ACTOR, C_ROLE, C_STATE, C_COLS };
    const char *headers[C_COLS] = {"#",
                                   tool_text("col.date", lang),
                                   tool_text("col.event", lang),
                                   tool_text("col.detail", lang),
                                   tool_text("col.parent", lang),
                                   tool_text("col.actor", lang),
                                   tool_text("col.role", lang),
                                   tool_text("col.state_change", lang)};
    static const bool right[C_COLS] = {true, false, false, false, false, false, false, false};
    tool_table t;
    tool_table_init(&t, C_COLS, headers, right);
    bool ok = true;
    for (size_t i = 0; ok && i < ssat_case_trail_count(c); i++) {
        const ssat_trail_entry *e = ssat_case_trail_at(c, i);
        tool_num seq = tool_num_u64(e->sequence), date = tool_num_date(e->date);
        char change[160];
        snprintf(change, sizeof change, "%s -> %s", state_name(e->state_before, lang), state_name(e->state_after, lang));
        const char *cells[C_COLS] = {seq.s, date.s, e->event, e->detail, e->parent_id, e->actor, e->role, change};
        ok = tool_table_add(&t, cells, entry_note(e, o->guards, lang));
    }
    return table_done(&t, ok);
}

static int print_show(const options *o, ssat_case *c, const ssat_policy *policy)
{
    ssat_lang lang = o->language;
    const char *args[2] = {ssat_case_pupil_id(c), ssat_policy_name(policy)};
    tool_say(stdout, "case.title", lang, args, 2, 0);
    putchar('\n');
    printf("  %s: %s\n", tool_text("case.state", lang), state_name(ssat_case_main_state(c), lang));
    ssat_contract_state k = ssat_case_contract(c);
    printf("  %s: %s\n", tool_text("case.contract", lang),
           tool_text((unsigned)k < 6 ? contract_keys[k] : "word.unknown", lang));
    printf("  %s: PSP %s, IDP %s\n", tool_text("case.plans", lang),
           tool_text(ssat_case_plan_is_active(c, SSAT_CASE_PLAN_PSP) ? "word.active" : "word.not_active", lang),
           tool_text(ssat_case_plan_is_active(c, SSAT_CASE_PLAN_IDP) ? "word.active" : "word.not_active", lang));
    const ssat_pupil *p = ssat_case_pupil(c);
    ssat_date dob = 0;
    ssat_fact roll = ssat_pupil_get_fact(p, SSAT_PUPIL_ON_ROLL);
    printf("  %s: %s; %s: %s\n", tool_text("case.dob", lang),
           ssat_pupil_date_of_birth(p, &dob) == SSAT_OK ? tool_num_date(dob).s : tool_text("word.unknown", lang),
           tool_text("case.on_roll", lang), outcome_word(roll == SSAT_FACT_YES  ? SSAT_OUTCOME_MET
                                                         : roll == SSAT_FACT_NO ? SSAT_OUTCOME_NOT_MET
                                                                                : SSAT_OUTCOME_UNKNOWN,
                                                         lang));
    tool_num items = tool_num_u64(ssat_pack_count(ssat_case_pack(c)));
    const char *pack_args[1] = {items.s};
    fputs("  ", stdout);
    tool_say(stdout, "case.pack", lang, pack_args, 1, 0);
    putchar('\n');
    const char *chain_args[2] = {ssat_case_chain_keyed(c) ? "HMAC-SHA-256" : "SHA-256", ssat_case_chain_head(c)};
    fputs("  ", stdout);
    tool_say(stdout, "case.chain", lang, chain_args, 2, 0);
    putchar('\n');
    if (ssat_case_chain_migrated(c) > 0) {
        tool_num m = tool_num_u64(ssat_case_chain_migrated(c));
        const char *margs[1] = {m.s};
        tool_say(stdout, "case.chain_migrated", lang, margs, 1, 0);
        putchar('\n');
    }
    putchar('\n');
    if (ssat_case_trail_count(c) == 0) {
        puts(tool_text("case.no_trail", lang));
        return TOOL_EXIT_OK;
    }
    return print_trail(o, c);
}

static int run_show(options *o)
{
    loaded l;
    int rc = load_case(o, false, &l);
    if (rc == TOOL_EXIT_OK && o->json) {
        char *json = NULL;
        if (ssat_case_to_json(l.c, &json) != SSAT_OK) {
            rc = tool_fail("case", "show");
        } else {
            fputs(json, stdout);
            ssat_free(json);
        }
    } else if (rc == TOOL_EXIT_OK) {
        rc = print_show(o, l.c, loaded_policy(&l));
    }
    if (rc == TOOL_EXIT_OK)
        rc = flushed(rc);
    loaded_free(&l);
    return rc;
}

/* ---- overdue ------------------------------------------------------------------------------------- */

static int print_overdue(const options *o, const ssat_case *c, const ssat_problems *list)
{
    ssat_lang lang = o->language;
    size_t n = ssat_problems_count(list), overdue = ssat_problems_error_count(list);
    tool_num a = tool_num_u64(overdue), b = tool_num_u64(n - overdue);
    if (o->json) {
        fputs("{\"pupil_id\": ", stdout);
        tool_json_string(stdout, ssat_case_pupil_id(c));
        printf(", \"date\": \"%s\", \"state\": \"%s\", \"overdue\": %s, \"due_soon\": %s,\n \"items\": [", o->date,
               state_name(ssat_case_main_state(c), SSAT_LANG_EN), a.s, b.s);
        for (size_t i = 0; i < n; i++) {
            const ssat_problem *p = ssat_problems_at(list, i);
            fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", stdout);
            tool_json_string(stdout, p->id);
            printf(", \"status\": \"%s\", \"due\": \"%s\", \"field\": ",
                   p->severity == SSAT_SEVERITY_ERROR ? "overdue" : "due_soon", tool_num_date(p->date).s);
            tool_json_string(stdout, p->field);
            fputs(", \"message\": ", stdout);
            tool_json_string(stdout, ssat_problem_message(p, lang));
            fputc('}', stdout);
        }
        fputs(n ? "\n ]}\n" : "]}\n", stdout);
        return TOOL_EXIT_OK;
    }
    if (n == 0) {
        const char *args[2] = {ssat_case_pupil_id(c), o->date};
        tool_say(stdout, "case.nothing_due", lang, args, 2, 0x2);
        putchar('\n');
        return TOOL_EXIT_OK;
    }
    const char *headers[4] = {tool_text("col.due", lang), tool_text("col.status", lang), tool_text("col.what", lang),
                              tool_text("col.message", lang)};
    static const bool right[4] = {false, false, false, false};
    tool_table t;
    tool_table_init(&t, 4, headers, right);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        const ssat_problem *p = ssat_problems_at(list, i);
        tool_num due = tool_num_date(p->date);
        const char *cells[4] = {due.s,
                                tool_text(p->severity == SSAT_SEVERITY_ERROR ? "word.overdue" : "word.due_soon", lang),
                                p->field, ssat_problem_message(p, lang)};
        ok = tool_table_add(&t, cells, NULL);
    }
    if (table_done(&t, ok) != TOOL_EXIT_OK)
        return TOOL_EXIT_FAILURE;
    const char *args[4] = {ssat_case_pupil_id(c), o->date, a.s, b.s};
    putchar('\n');
    tool_say(stdout, "case.due_summary", lang, args, 4, 0x2);
    putchar('\n');
    return TOOL_EXIT_OK;
}

static int run_overdue(options *o)
{
    loaded l;
    int rc = load_case(o, false, &l);
    ssat_problems *list = NULL;
    if (rc == TOOL_EXIT_OK) {
        ssat_date date = 0;
        (void)ssat_date_parse(o->date, &date);
        if (ssat_problems_new(&list, NULL) != SSAT_OK || ssat_case_overdue(l.c, l.d.calendar, date, list) != SSAT_OK)
            rc = tool_fail("case", "overdue");
        else
            rc = flushed(print_overdue(o, l.c, list));
    }
    if (rc == TOOL_EXIT_OK && ssat_problems_error_count(list) > 0)
        rc = TOOL_EXIT_REFUSED;
    ssat_problems_free(list);
    loaded_free(&l);
    return rc;
}

/* ---- the command --------------------------------------------------------------------------------- */

static int run_case(int argc, char **argv)
{
    options o;
    const subcommand *sub = NULL;
    int rc = parse(argc, argv, &o, &sub);
    if (!tool_go_on(&rc, o.help, help))
        return rc;
    if (sub == NULL) /* parse() has set it whenever it succeeds without --help */
        return TOOL_EXIT_USAGE;
    if (o.key_file != NULL) {
        o.key = tool_read_small_file("case", o.key_file, &o.key_len);
        if (o.key == NULL)
            return TOOL_EXIT_INPUT;
        if (o.key_len < 16 || o.key_len > 4096) {
            free(o.key);
            return tool_usage_error("case", "--key-file: %s holds %zu bytes; a key is 16 to 4096 bytes (32 random "
                                            "bytes are right)", o.key_file, o.key_len);
        }
    }
    rc = sub->run(&o);
    if (o.key != NULL) {
        volatile char *k = o.key; /* do not leave the key in freed memory */
        for (size_t i = 0; i < o.key_len; i++)
            k[i] = 0;
        free(o.key);
    }
    return rc;
}

const tool_command tool_cmd_case = {
    "case",
    "a pupil's case: new, apply an event, next events, show, overdue work",
    run_case,
    help,
};
