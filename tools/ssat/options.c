/* Option parsing, the tool's bilingual labels, and reading small files. */
#include "tool.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int tool_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "ssat %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (try `ssat %s --help`)\n", command);
    return TOOL_EXIT_USAGE;
}

static const tool_option *find_option(const tool_option *opts, size_t nopts, const char *name, size_t len)
{
    for (size_t i = 0; i < nopts; i++)
        if (strlen(opts[i].name) == len && memcmp(opts[i].name, name, len) == 0)
            return &opts[i];
    return NULL;
}

/* One "--name[=value]" argument at argv[*i]; may consume the next argument as its value. */
static bool parse_long(const char *command, int argc, char **argv, int *i, const tool_option *opts, size_t nopts)
{
    const char *arg = argv[*i] + 2, *eq = strchr(arg, '=');
    size_t len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
    const tool_option *o = find_option(opts, nopts, arg, len);
    if (o == NULL) {
        tool_usage_error(command, "unknown option \"--%.*s\"", (int)len, arg);
        return false;
    }
    if (o->value_name == NULL) {
        if (eq != NULL) {
            tool_usage_error(command, "option --%s takes no value", o->name);
            return false;
        }
        *o->flag = true;
        return true;
    }
    if (eq != NULL) {
        *o->value = eq + 1;
    } else if (*i + 1 < argc) {
        *o->value = argv[++*i];
    } else {
        tool_usage_error(command, "option --%s needs a value (%s)", o->name, o->value_name);
        return false;
    }
    return true;
}

bool tool_parse(const char *command, int argc, char **argv, const tool_option *opts, size_t nopts,
                const char **positional, size_t max, size_t *npositional, bool *help)
{
    bool options_done = false;
    *npositional = 0;
    *help = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
        } else if (!options_done && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            *help = true;
        } else if (!options_done && a[0] == '-' && a[1] == '-') {
            if (!parse_long(command, argc, argv, &i, opts, nopts))
                return false;
        } else if (!options_done && a[0] == '-' && a[1] != '\0') {
            tool_usage_error(command, "unknown option \"%s\"", a);
            return false;
        } else if (*npositional == max) {
            tool_usage_error(command, "too many files (at most %zu)", max);
            return false;
        } else {
            positional[(*npositional)++] = a;
        }
    }
    return true;
}

bool tool_parse_lang(const char *text, ssat_lang *out)
{
    if (text == NULL || strcmp(text, "en") == 0)
        *out = SSAT_LANG_EN;
    else if (strcmp(text, "cy") == 0)
        *out = SSAT_LANG_CY;
    else
        return false;
    return true;
}

/* The tool's own words, in one table per language so a Welsh speaker can review them in one place
 * (the library's messages, reasons and problems come from libssat's tables). */
static const struct label {
    const char *key, *en, *cy;
} labels[] = {
    {"col.pupil", "pupil", "disgybl"},
    {"col.name", "name", "enw"},
    {"col.year", "year", "bl."},
    {"col.possible", "possible", "posibl"},
    {"col.attended", "attended", "presennol"},
    {"col.authorised", "auth.", "awdurd."},
    {"col.unauthorised", "unauth.", "heb awd."},
    {"col.attendance", "attendance", "presenoldeb"},
    {"col.persistent", "PA", "AP"},
    {"col.referral", "referral", "atgyfeirio"},
    {"col.penalty", "penalty", "cosb"},
    {"word.yes", "yes", "ie"},
    {"word.no", "no", "na"},
    {"word.na", "n/a", "amh."},
    {"word.error", "error", "gwall"},
    {"word.warning", "warning", "rhybudd"},
    {"title.meeting",
     "Pupils who meet the SSAT referral criteria (R1 and R2) or the penalty-notice attendance criteria (--all lists every pupil):",
     "Disgyblion sy'n bodloni meini prawf atgyfeirio'r SSAT (R1 ac R2) neu feini prawf presenoldeb hysbysiad cosb (mae --all yn rhestru pob disgybl):"},
    {"title.all", "Every pupil:", "Pob disgybl:"},
    {"title.none", "No pupil meets the criteria.", "Nid oes yr un disgybl yn bodloni'r meini prawf."},
    {"summary",
     "{1} pupils as of {2} (school year {3}, policy {4}, code set {5}): {6} meet the referral criteria (R1 and R2), {7} the penalty-notice attendance criteria; {8} persistently absent; {9} not evaluable.",
     "{1} disgybl ar {2} (blwyddyn ysgol {3}, polisi {4}, set godau {5}): mae {6} yn bodloni meini prawf atgyfeirio (R1 ac R2) a {7} yn bodloni meini prawf presenoldeb hysbysiad cosb; mae {8} yn absennol yn barhaus; ni ellir gwerthuso {9}."},
    {"key",
     "PA: persistently absent. referral: R1 and R2 met. penalty: a penalty-notice limb and the year-to-date condition met.",
     "AP: absennol yn barhaus. atgyfeirio: R1 ac R2 wedi'u bodloni. cosb: un o amodau'r hysbysiad cosb a'r amod blwyddyn hyd yma wedi'u bodloni."},
    {"validate.ok", "{1}: no problems found ({2} pupils).", "{1}: ni chafwyd problem ({2} disgybl)."},
    {"validate.summary", "{1}: {2} errors, {3} warnings ({4} pupils).", "{1}: {2} gwall, {3} rhybudd ({4} disgybl)."},
    {"validate.pupil", "pupil {1}: ", "disgybl {1}: "},
    /* evidence check */
    {"col.problem", "problem", "problem"},
    {"col.field", "item/field", "eitem/maes"},
    {"col.message", "message", "neges"},
    {"evidence.ok", "{1}: the pack is complete: no problems ({2} items, policy {3}).",
     "{1}: mae'r pecyn yn gyflawn: dim problemau ({2} eitem, polisi {3})."},
    {"evidence.summary", "{1}: the pack is not complete: problems found: {2} ({3} items, policy {4}).",
     "{1}: nid yw'r pecyn yn gyflawn: problemau a gafwyd: {2} ({3} eitem, polisi {4})."},
    /* case */
    {"col.event", "event", "digwyddiad"},
    {"col.possible_now", "possible", "yn bosibl"},
    {"col.reason", "reason", "rheswm"},
    {"col.guard", "guard", "amod"},
    {"col.outcome", "outcome", "canlyniad"},
    {"col.date", "date", "dyddiad"},
    {"col.detail", "detail", "manylyn"},
    {"col.parent", "parent", "rhiant"},
    {"col.actor", "by", "gan"},
    {"col.role", "role", "rôl"},
    {"col.state_change", "state", "cyflwr"},
    {"col.due", "due", "erbyn"},
    {"col.status", "status", "statws"},
    {"col.what", "what", "beth"},
    {"word.unknown", "unknown", "anhysbys"},
    {"word.active", "active", "ar waith"},
    {"word.not_active", "not active", "ddim ar waith"},
    {"word.overdue", "overdue", "yn hwyr"},
    {"word.due_soon", "due soon", "yn ddyledus cyn bo hir"},
    {"contract.none", "none", "dim"},
    {"contract.offered", "offered", "wedi'i gynnig"},
    {"contract.agreed", "agreed", "wedi'i gytuno"},
    {"contract.declined", "declined", "wedi'i wrthod"},
    {"contract.breached", "breached", "wedi'i dorri"},
    {"contract.completed", "completed", "wedi'i gwblhau"},
    {"case.new", "{1}: a new case for pupil {2} (policy {3}), in state {4}.",
     "{1}: achos newydd i ddisgybl {2} (polisi {3}), yn y cyflwr {4}."},
    {"case.applied", "{1}: {2} on {3}: {4} -> {5} (trail entry {6}); the case is saved.",
     "{1}: {2} ar {3}: {4} -> {5} (cofnod {6} yn y trywydd archwilio); mae'r achos wedi'i gadw."},
    {"case.refused", "{1}: {2} refused on {3}; the case is unchanged. Its guards:",
     "{1}: gwrthodwyd {2} ar {3}; nid yw'r achos wedi newid. Ei amodau:"},
    {"case.next", "Events for pupil {1} on {2} (state {3}):", "Digwyddiadau i ddisgybl {1} ar {2} (cyflwr {3}):"},
    {"case.title", "Case of pupil {1} (policy {2})", "Achos disgybl {1} (polisi {2})"},
    {"case.state", "state", "cyflwr"},
    {"case.contract", "parenting contract", "contract rhianta"},
    {"case.plans", "plans", "cynlluniau"},
    {"case.dob", "date of birth", "dyddiad geni"},
    {"case.on_roll", "on roll", "ar y gofrestr"},
    {"case.pack", "referral pack: {1} items", "pecyn atgyfeirio: {1} eitem"},
    {"case.no_trail", "No event yet.", "Dim digwyddiad eto."},
    {"case.note", "note", "nodyn"},
    {"case.voided_by", "voided by entry {1}", "wedi'i ddirymu gan gofnod {1}"},
    {"case.chain", "trail chain: {1}, head {2}", "cadwyn y trywydd: {1}, pen {2}"},
    {"case.chain_migrated", "  ({1} entries were chained when the case was migrated from an older format, not as they were recorded)",
     "  (cadwynwyd {1} cofnod pan drosglwyddwyd yr achos o fformat hŷn, nid wrth eu cofnodi)"},
    {"case.guard_values", "guards saw", "gwelodd yr amodau"},
    {"case.nothing_due", "{1}: nothing due on {2}.", "{1}: dim byd yn ddyledus ar {2}."},
    {"case.due_summary", "{1} on {2}: {3} overdue, {4} due soon.",
     "{1} ar {2}: {3} yn hwyr, {4} yn ddyledus cyn bo hir."},
};

const char *tool_text(const char *key, ssat_lang lang)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].key, key) == 0)
            return lang == SSAT_LANG_CY ? labels[i].cy : labels[i].en;
    return key;
}

void tool_render(FILE *out, const char *tmpl, const char *const *args, size_t nargs)
{
    for (const char *p = tmpl; *p != '\0'; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t k = (size_t)(p[1] - '1');
            fputs(k < nargs && args[k] != NULL ? args[k] : "", out);
            p += 2;
        } else {
            fputc(*p, out);
        }
    }
}

#define SMALL_FILE_MAX ((size_t)16 << 20)

char *tool_read_small_file(const char *command, const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "ssat %s: cannot open %s: %s\n", command, path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap || cap >= SMALL_FILE_MAX)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    bool failed = buf == NULL || ferror(f) || len == cap;
    if (failed) {
        fprintf(stderr, "ssat %s: cannot read %s: %s\n", command, path,
                buf == NULL ? "out of memory" : len == cap ? "larger than 16 MiB" : strerror(errno));
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len_out = len;
    return buf;
}
