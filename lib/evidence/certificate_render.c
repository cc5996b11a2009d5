/* Rendering an attendance certificate as plain text and as a printable HTML page (JSON: certificate_json.c;
 * the entry point that picks one, ssat_certificate_render: certificate_formats.c).
 *
 * The marks are laid out the way a register is read: one row per school week (Monday to Friday, AM and
 * PM), one block per term. The HTML page is self-contained (inline CSS, no scripts, images, fonts or
 * links), prints one A4 page per term, shades absences by category, and repeats the details, the
 * totals, the key and the signature block on every page so each page stands alone. Every text that
 * comes from a caller or a code set is escaped. Labels come from the bilingual message tables. */
#include "evidence_layer.h"
#include "certificate_internal.h"

#include <stdio.h>

#define CODES_MAX 256

/* ---- labels ---------------------------------------------------------------------------------------- */

static const char *msg(const char *id, ssat_lang lang)
{
    const char *t = ssat__message_template(id, lang);
    return t != NULL ? t : id;
}

static const char *render(char buf[SSAT__CMSG_MAX], const char *id, ssat_lang lang, const char *a1, const char *a2)
{
    const char *args[] = {a1, a2};
    ssat__message_render(buf, SSAT__CMSG_MAX, msg(id, lang), args, 2);
    return buf;
}

/* A term's heading label: "Autumn term" for the default names, "Term: <name>" for others. */
const char *ssat__cert_term_label(char buf[SSAT__CMSG_MAX], const char *name, ssat_lang lang)
{
    char id[SSAT_TERM_NAME_MAX + 32];
    snprintf(id, sizeof id, "certificate.term.%s", name);
    if (strchr(name, '.') == NULL && ssat__message_template(id, lang) != NULL)
        return render(buf, id, lang, NULL, NULL);
    return render(buf, "certificate.term.other", lang, name, NULL);
}

ssat__cdate_text ssat__cert_show(ssat_date d)
{
    ssat__cdate_text t = {""};
    if (ssat_date_format(d, t.s, sizeof t.s) != SSAT_OK)
        t.s[0] = '\0';
    return t;
}

/* "1 September 2024 to 20 December 2024" in words in each language; for SSAT_LANG_CY_EN the Welsh
 * range then the English one ("1 Medi 2024 i 20 Rhagfyr 2024 / 1 September 2024 to 20 December 2024"). */
static const char *range_one(char buf[SSAT__CMSG_MAX], ssat_lang lang, ssat_date from, ssat_date to)
{
    ssat__text a = ssat__text_date_long(from, lang), b = ssat__text_date_long(to, lang);
    const char *args[] = {a.s, b.s};
    ssat__message_render(buf, SSAT__CMSG_MAX, msg("certificate.range", lang), args, 2);
    return buf;
}

static const char *range(char buf[SSAT__CMSG_MAX], ssat_lang lang, ssat_date from, ssat_date to)
{
    if (lang != SSAT_LANG_CY_EN)
        return range_one(buf, lang, from, to);
    char cy[SSAT__CMSG_MAX], en[SSAT__CMSG_MAX];
    snprintf(buf, SSAT__CMSG_MAX, "%s / %s", range_one(cy, SSAT_LANG_CY, from, to), range_one(en, SSAT_LANG_EN, from, to));
    return buf;
}

/* The first day of a week in the grid: in words in one language, and as 02/09/2024 (read alike in both
 * languages) in a bilingual document, where two sets of words would not fit the column. */
static ssat__text week_text(ssat_date d, ssat_lang lang)
{
    if (lang != SSAT_LANG_CY_EN)
        return ssat__text_date_long(d, lang);
    ssat__text t = {""};
    int32_t y = 0, m = 0, day = 0;
    if (ssat_date_to_ymd(d, &y, &m, &day) == SSAT_OK)
        snprintf(t.s, sizeof t.s, "%02d/%02d/%04d", (int)day, (int)m, (int)y);
    return t;
}

/* The issue date as the caller gave it, in words when it is an ISO date. */
static const char *issue_text(char buf[SSAT__CMSG_MAX], const ssat_certificate *c, ssat_lang lang)
{
    const char *given = ssat__cert_detail(c, SSAT__CD_ISSUE_DATE);
    ssat_date d;
    if (ssat_date_parse(given, &d) != SSAT_OK)
        return given;
    snprintf(buf, SSAT__CMSG_MAX, "%s", ssat__text_date_long(d, lang).s);
    return buf;
}

/* One decimal, unless that shows a whole percent the exact figure is not: a certificate carries no policy
 * to read its figure against, and every threshold of the built-in policies is a whole percent. So 312 of
 * 367 (85.0136 %) is "85.01", never "85.0" beside a referral decision "not at or below 85 %"
 * (docs/rules.md, "A figure never contradicts its decision"). */
const char *ssat__cert_percent_text(char buf[32], const ssat__ccounts *n)
{
    int32_t tenths = 0;
    buf[0] = '\0';
    if (n->possible == 0 || ssat_percent_tenths(n->attended, n->possible, &tenths) != SSAT_OK)
        return buf;
    int32_t decimals = tenths % 10 == 0 ? ssat_percent_decimals(n->attended, n->possible, (uint32_t)tenths, 10) : 1;
    (void)ssat_percent_format(n->attended, n->possible, decimals, buf, 32);
    return buf;
}

/* ---- cells ----------------------------------------------------------------------------------------- */

typedef enum cell_kind { CELL_OUT, CELL_NO_SESSION, CELL_GAP, CELL_MISSING, CELL_MARK } cell_kind;

typedef struct cell {
    cell_kind kind;
    uint8_t code;               /* CELL_MARK: index in the code set */
    const ssat_code_info *info; /* CELL_MARK */
} cell;

static cell cell_at(const ssat_certificate *c, const ssat__csection *sec, ssat_date d, ssat_half h)
{
    cell out = {CELL_OUT, 0, NULL};
    int64_t s = ssat__session(d, h);
    if (d < sec->first || d > sec->last || s < c->first_session || s - c->first_session >= (int64_t)c->nsessions)
        return out;
    uint8_t e = ssat__cert_entry(c, s);
    if (e == SSAT__ENTRY_NONE) {
        out.kind = ssat__cert_day(c, d) == SSAT__DAY_SCHOOL ? CELL_GAP : CELL_NO_SESSION;
        return out;
    }
    out.info = e == SSAT__ENTRY_MISSING ? NULL : ssat_codeset_at(c->codes, e);
    out.kind = out.info != NULL ? CELL_MARK : CELL_MISSING;
    out.code = e;
    return out;
}

const char *const ssat__cert_category_class[5] = {"present", "activity", "authorised", "unauthorised", "notcounted"};

static const char *cell_class(const cell *x)
{
    switch (x->kind) {
    case CELL_OUT: return "out";
    case CELL_NO_SESSION: return "nosession";
    case CELL_GAP: return "gap";
    case CELL_MISSING: return "missing";
    case CELL_MARK: return x->info != NULL ? ssat__cert_category_class[x->info->category] : "missing";
    }
    return "out";
}

static const char *cell_text(const cell *x)
{
    switch (x->kind) {
    case CELL_MARK: return x->info != NULL ? x->info->code : "-";
    case CELL_MISSING: return "-";
    case CELL_GAP: return "?";
    case CELL_NO_SESSION: return ".";
    case CELL_OUT: return "";
    }
    return "";
}

static ssat_date monday_of(ssat_date d)
{
    return d - (ssat_date_weekday(d) - 1);
}

/* A week is shown when one of its weekdays in the section holds a mark or is a school day: holiday
 * weeks would only fill the page. */
static bool week_shown(const ssat_certificate *c, const ssat__csection *sec, ssat_date monday)
{
    for (ssat_date d = monday; d < monday + 5; d++)
        for (int h = 0; h < 2; h++) {
            cell x = cell_at(c, sec, d, (ssat_half)h);
            if (x.kind == CELL_GAP || x.kind == CELL_MISSING || x.kind == CELL_MARK)
                return true;
        }
    return false;
}

/* ---- totals ---------------------------------------------------------------------------------------- */

/* The attendance calculation over one page's sessions, with the same categories as attendance.c. */
ssat__ccounts ssat__cert_section_counts(const ssat_certificate *c, const ssat__csection *sec)
{
    ssat__ccounts n = {0, 0, 0, 0};
    for (ssat_date d = sec->first; d <= sec->last; d++)
        for (int h = 0; h < 2; h++) {
            cell x = cell_at(c, sec, d, (ssat_half)h);
            if (x.kind != CELL_MARK || x.info->category == SSAT_CATEGORY_NOT_COUNTED)
                continue;
            n.possible++;
            n.attended += x.info->category == SSAT_CATEGORY_PRESENT || x.info->category == SSAT_CATEGORY_APPROVED_ACTIVITY;
            n.authorised += x.info->category == SSAT_CATEGORY_AUTHORISED;
            n.unauthorised += x.info->category == SSAT_CATEGORY_UNAUTHORISED;
        }
    return n;
}

ssat__ccounts ssat__cert_whole_counts(const ssat_certificate *c)
{
    ssat__ccounts n = {c->totals.possible, c->totals.attended, c->totals.authorised, c->totals.unauthorised};
    return n;
}

static const char *percent_of(char buf[SSAT__CMSG_MAX], const ssat__ccounts *n, ssat_lang lang)
{
    char t[32];
    if (*ssat__cert_percent_text(t, n) == '\0')
        return render(buf, "certificate.not_evaluable", lang, NULL, NULL);
    snprintf(buf, SSAT__CMSG_MAX, "%s %%", t);
    return buf;
}

/* ---- what the key lists ---------------------------------------------------------------------------- */

typedef struct usage {
    bool code[CODES_MAX];
    bool kind[CELL_MARK + 1];
} usage;

static void find_usage(const ssat_certificate *c, usage *u)
{
    memset(u, 0, sizeof *u);
    for (size_t i = 0; i < c->nsections; i++) {
        const ssat__csection *sec = &c->sections[i];
        for (ssat_date m = monday_of(sec->first); m <= sec->last; m += 7) {
            if (!week_shown(c, sec, m))
                continue;
            for (ssat_date d = m; d < m + 5; d++)
                for (int h = 0; h < 2; h++) {
                    cell x = cell_at(c, sec, d, (ssat_half)h);
                    u->kind[x.kind] = true;
                    if (x.kind == CELL_MARK)
                        u->code[x.code] = true;
                }
        }
    }
}

static const char *const special_label[] = {
    [CELL_OUT] = "certificate.key.outside",
    [CELL_NO_SESSION] = "certificate.key.no_session",
    [CELL_GAP] = "certificate.key.no_mark",
    [CELL_MISSING] = "certificate.key.missing",
};

const char *ssat__cert_code_label(const ssat_code_info *info, ssat_lang lang, char buf[SSAT__CMSG_MAX])
{
    if (lang == SSAT_LANG_CY_EN) {
        snprintf(buf, SSAT__CMSG_MAX, "%s / %s", info->label_cy, info->label_en);
        return buf;
    }
    return lang == SSAT_LANG_CY ? info->label_cy : info->label_en;
}

/* ---- plain text ------------------------------------------------------------------------------------ */

static void text_details(ssat__buf *b, const ssat_certificate *c, ssat_lang lang)
{
    char m1[SSAT__CMSG_MAX], m2[SSAT__CMSG_MAX];
    const char *name = ssat__cert_detail(c, SSAT__CD_PUPIL_NAME), *id = ssat__cert_detail(c, SSAT__CD_PUPIL_ID);
    ssat__buf_printf(b, "%s\n\n", render(m1, "certificate.title", lang, NULL, NULL));
    ssat__buf_printf(b, "%s: %s%s%s%s\n", render(m1, "certificate.pupil", lang, NULL, NULL), name,
                     id[0] != '\0' ? " (" : "", id, id[0] != '\0' ? ")" : "");
    ssat__buf_printf(b, "%s: %s\n", render(m1, "certificate.school", lang, NULL, NULL),
                     ssat__cert_detail(c, SSAT__CD_SCHOOL));
    ssat__buf_printf(b, "%s: %s\n", render(m1, "certificate.period", lang, NULL, NULL),
                     range(m2, lang, c->period.first_date, c->period.last_date));
}

static void text_counts(ssat__buf *b, const char *title, const ssat__ccounts *n, ssat_lang lang)
{
    char m[SSAT__CMSG_MAX];
    int w = lang == SSAT_LANG_CY_EN ? 52 : 28; /* "Cymraeg / English" labels are longer */
    ssat__buf_printf(b, "%s:\n", title);
    ssat__buf_printf(b, "  %-*s %6u\n", w, render(m, "certificate.possible", lang, NULL, NULL), (unsigned)n->possible);
    ssat__buf_printf(b, "  %-*s %6u\n", w, render(m, "certificate.attended", lang, NULL, NULL), (unsigned)n->attended);
    ssat__buf_printf(b, "  %-*s %6u\n", w, render(m, "certificate.authorised", lang, NULL, NULL),
                     (unsigned)n->authorised);
    ssat__buf_printf(b, "  %-*s %6u\n", w, render(m, "certificate.unauthorised", lang, NULL, NULL),
                     (unsigned)n->unauthorised);
    char p[SSAT__CMSG_MAX];
    ssat__buf_printf(b, "  %-*s %s\n", w, render(m, "certificate.percentage", lang, NULL, NULL),
                     percent_of(p, n, lang));
}

/* Width of a mark column: the longest code, at least 2 characters, plus a space. */
static int mark_width(const ssat_certificate *c)
{
    size_t w = 2;
    for (size_t i = 0; i < ssat_codeset_count(c->codes); i++) {
        size_t n = strlen(ssat_codeset_at(c->codes, i)->code);
        w = n > w ? n : w;
    }
    return (int)w + 1;
}

/* End a line, dropping the trailing spaces of empty cells. */
static void end_line(ssat__buf *b)
{
    while (!b->failed && b->len > 0 && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    ssat__buf_puts(b, "\n");
}

static void text_section(ssat__buf *b, const ssat_certificate *c, const ssat__csection *sec, ssat_lang lang)
{
    char m1[SSAT__CMSG_MAX], m2[SSAT__CMSG_MAX], m3[SSAT__CMSG_MAX];
    int w = mark_width(c);
    ssat_date from = sec->term_first > c->period.first_date ? sec->term_first : c->period.first_date;
    ssat_date to = sec->term_last < c->period.last_date ? sec->term_last : c->period.last_date;
    ssat__buf_printf(b, "\n%s: %s\n", ssat__cert_term_label(m1, sec->name, lang),
                     range(m2, lang, from, to));
    /* The grid's heading: one line per language (a bilingual document has the Welsh line first). */
    for (int k = 0; k < (lang == SSAT_LANG_CY_EN ? 2 : 1); k++) {
        ssat_lang l = lang != SSAT_LANG_CY_EN ? lang : k == 0 ? SSAT_LANG_CY : SSAT_LANG_EN;
        ssat__buf_printf(b, "%-18s", render(m1, "certificate.week", l, NULL, NULL));
        for (int day = 1; day <= 5; day++) {
            char id[32];
            snprintf(id, sizeof id, "certificate.day_short.%d", day);
            ssat__buf_printf(b, " %-*s", 2 * w - 1, render(m1, id, l, NULL, NULL));
        }
        end_line(b);
    }
    bool any = false;
    for (ssat_date m = monday_of(sec->first); m <= sec->last; m += 7) {
        if (!week_shown(c, sec, m))
            continue;
        any = true;
        ssat__buf_printf(b, "%-18s", week_text(m, lang).s);
        for (ssat_date d = m; d < m + 5; d++)
            for (int h = 0; h < 2; h++) {
                cell x = cell_at(c, sec, d, (ssat_half)h);
                ssat__buf_printf(b, " %-*s", w - 1, cell_text(&x));
            }
        end_line(b);
    }
    if (!any)
        ssat__buf_printf(b, "%s\n", render(m1, "certificate.no_sessions", lang, NULL, NULL));
    ssat__ccounts n = ssat__cert_section_counts(c, sec);
    ssat__buf_puts(b, "\n");
    text_counts(b, render(m3, "certificate.this_term", lang, NULL, NULL), &n, lang);
}

static void text_key(ssat__buf *b, const ssat_certificate *c, const usage *u, ssat_lang lang)
{
    char m[SSAT__CMSG_MAX], lbuf[SSAT__CMSG_MAX];
    ssat__buf_printf(b, "\n%s (%s):\n", render(m, "certificate.key", lang, NULL, NULL), msg("certificate.text.am_pm", lang));
    for (size_t i = 0; i < ssat_codeset_count(c->codes) && i < CODES_MAX; i++) {
        if (!u->code[i])
            continue;
        const ssat_code_info *info = ssat_codeset_at(c->codes, i);
        ssat__buf_printf(b, "  %-5s %s (%s)\n", info->code, ssat__cert_code_label(info, lang, lbuf),
                         ssat_category_name(info->category, lang));
    }
    static const cell_kind specials[] = {CELL_NO_SESSION, CELL_GAP, CELL_MISSING};
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
        cell x = {specials[i], 0, NULL};
        if (u->kind[specials[i]])
            ssat__buf_printf(b, "  %-5s %s\n", cell_text(&x), msg(special_label[specials[i]], lang));
    }
}

static void text_signature(ssat__buf *b, const ssat_certificate *c, ssat_lang lang)
{
    char m[SSAT__CMSG_MAX];
    ssat__buf_printf(b, "\n%s\n\n", msg("certificate.statement", lang));
    ssat__buf_printf(b, "%s: ______________________________\n", render(m, "certificate.signature", lang, NULL, NULL));
    ssat__buf_printf(b, "%s: %s\n", render(m, "certificate.signatory", lang, NULL, NULL),
                     ssat__cert_detail(c, SSAT__CD_SIGNATORY_NAME));
    ssat__buf_printf(b, "%s: %s\n", render(m, "certificate.role", lang, NULL, NULL),
                     ssat__cert_detail(c, SSAT__CD_SIGNATORY_ROLE));
    char when[SSAT__CMSG_MAX];
    ssat__buf_printf(b, "%s: %s\n", render(m, "certificate.issued", lang, NULL, NULL), issue_text(when, c, lang));
}

void ssat__cert_render_text(ssat__buf *b, const ssat_certificate *c, ssat_lang lang)
{
    char m[SSAT__CMSG_MAX];
    usage u;
    find_usage(c, &u);
    text_details(b, c, lang);
    for (size_t i = 0; i < c->nsections; i++)
        text_section(b, c, &c->sections[i], lang);
    ssat__ccounts whole = ssat__cert_whole_counts(c);
    ssat__buf_puts(b, "\n");
    text_counts(b, render(m, "certificate.whole_period", lang, NULL, NULL), &whole, lang);
    if (c->totals.missing > 0) {
        char n[16];
        snprintf(n, sizeof n, "%u", (unsigned)c->totals.missing);
        ssat__buf_printf(b, "%s\n", render(m, "certificate.missing_note", lang, n, NULL));
    }
    text_key(b, c, &u, lang);
    text_signature(b, c, lang);
}

/* ---- HTML ------------------------------------------------------------------------------------------ */

static const char html_style[] =
    "@page { size: A4 portrait; margin: 12mm; }\n"
    "* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "body { font-family: Arial, Helvetica, sans-serif; font-size: 9pt; color: #000; margin: 0; }\n"
    ".page { break-after: page; page-break-after: always; }\n"
    ".page:last-child { break-after: auto; page-break-after: auto; }\n"
    "@media screen { body { background: #bbb; } .page { width: 210mm; min-height: 297mm; margin: 6mm auto;"
    " padding: 12mm; background: #fff; } }\n"
    "h1 { font-size: 15pt; margin: 0 0 3mm; }\n"
    "h2 { font-size: 11pt; margin: 4mm 0 1.5mm; }\n"
    "table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }\n"
    "th, td { border: 0.5pt solid #555; padding: 0.5mm 1mm; }\n"
    "th { background: #eee; font-weight: bold; }\n"
    "table.details th, table.signature th { text-align: left; width: 28%; }\n"
    "table.signature td { height: 8mm; }\n"
    "table.marks th, table.marks td { text-align: center; }\n"
    "table.marks th.week { text-align: left; white-space: nowrap; width: 15%; }\n"
    "table.marks td { font-family: \"DejaVu Sans Mono\", Consolas, monospace; font-size: 9.5pt; width: 8.5%;"
    " height: 5mm; }\n"
    "table.totals td { text-align: right; }\n"
    "table.key td.m { text-align: center; width: 8%; font-family: \"DejaVu Sans Mono\", Consolas, monospace; }\n"
    "td.present { background: #fff; }\n"
    "td.activity { background: #d9eed9; }\n"
    "td.authorised { background: #fff0a8; }\n"
    "td.unauthorised { background: #f3a9a9; font-weight: bold; }\n"
    "td.notcounted { background: #d0d0d0; }\n"
    "td.missing, td.gap { background: #ffc870; font-weight: bold; }\n"
    "td.nosession { background: #f1f1f1; color: #888; }\n"
    "td.out { background: #fff; border-color: #ddd; }\n"
    "p.statement { margin: 3mm 0 2mm; }\n"
    "p.page-number { text-align: right; font-size: 8pt; color: #444; margin: 1mm 0 0; }\n";

static void html_open(ssat__buf *b, const ssat_certificate *c, ssat_lang lang)
{
    char m[SSAT__CMSG_MAX];
    ssat__buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
                     lang == SSAT_LANG_EN ? "en" : "cy"); /* a bilingual document starts in Welsh */
    ssat__buf_html(b, render(m, "certificate.title", lang, NULL, NULL));
    if (ssat__cert_detail(c, SSAT__CD_PUPIL_NAME)[0] != '\0') {
        ssat__buf_puts(b, ": ");
        ssat__buf_html(b, ssat__cert_detail(c, SSAT__CD_PUPIL_NAME));
    }
    ssat__buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", html_style);
}

static void html_row(ssat__buf *b, const char *label, const char *value)
{
    ssat__buf_puts(b, "<tr><th scope=\"row\">");
    ssat__buf_html(b, label);
    ssat__buf_puts(b, "</th><td>");
    ssat__buf_html(b, value);
    ssat__buf_puts(b, "</td></tr>\n");
}

static void html_details(ssat__buf *b, const ssat_certificate *c, ssat_lang lang)
{
    char m1[SSAT__CMSG_MAX], m2[SSAT__CMSG_MAX];
    ssat__buf_puts(b, "<h1>");
    ssat__buf_html(b, render(m1, "certificate.title", lang, NULL, NULL));
    ssat__buf_puts(b, "</h1>\n<table class=\"details\">\n<tbody>\n");
    html_row(b, render(m1, "certificate.pupil", lang, NULL, NULL), ssat__cert_detail(c, SSAT__CD_PUPIL_NAME));
    html_row(b, render(m1, "certificate.pupil_id", lang, NULL, NULL), ssat__cert_detail(c, SSAT__CD_PUPIL_ID));
    html_row(b, render(m1, "certificate.school", lang, NULL, NULL), ssat__cert_detail(c, SSAT__CD_SCHOOL));
    html_row(b, render(m1, "certificate.period", lang, NULL, NULL),
             range(m2, lang, c->period.first_date, c->period.last_date));
    ssat__buf_puts(b, "</tbody>\n</table>\n");
}

static void html_marks_head(ssat__buf *b, ssat_lang lang)
{
    char m[SSAT__CMSG_MAX];
    ssat__buf_puts(b, "<table class=\"marks\">\n<thead>\n<tr><th rowspan=\"2\" class=\"week\" scope=\"col\">");
    ssat__buf_html(b, render(m, "certificate.week", lang, NULL, NULL));
    ssat__buf_puts(b, "</th>");
    for (int day = 1; day <= 5; day++) {
        char id[32];
        snprintf(id, sizeof id, "certificate.day.%d", day);
        ssat__buf_puts(b, "<th colspan=\"2\" scope=\"colgroup\">");
        ssat__buf_html(b, render(m, id, lang, NULL, NULL));
        ssat__buf_puts(b, "</th>");
    }
    ssat__buf_puts(b, "</tr>\n<tr>");
    for (int day = 1; day <= 5; day++)
        for (int h = 0; h < 2; h++) {
            ssat__buf_puts(b, "<th scope=\"col\">");
            ssat__buf_html(b, msg(h == 0 ? "session.am" : "session.pm", lang));
            ssat__buf_puts(b, "</th>");
        }
    ssat__buf_puts(b, "</tr>\n</thead>\n<tbody>\n");
}

static void html_cell(ssat__buf *b, const cell *x)
{
    ssat__buf_printf(b, "<td class=\"%s\">", cell_class(x));
    ssat__buf_html(b, x->kind == CELL_NO_SESSION ? "" : cell_text(x));
    ssat__buf_puts(b, "</td>");
}

static void html_marks(ssat__buf *b, const ssat_certificate *c, const ssat__csection *sec, ssat_lang lang)
{
    char m[SSAT__CMSG_MAX];
    bool any = false;
    for (ssat_date mon = monday_of(sec->first); mon <= sec->last; mon += 7) {
        if (!week_shown(c, sec, mon))
            continue;
        if (!any)
            html_marks_head(b, lang);
        any = true;
        ssat__buf_printf(b, "<tr><th scope=\"row\" class=\"week\">%s</th>", week_text(mon, lang).s);
        for (ssat_date d = mon; d < mon + 5; d++)
            for (int h = 0; h < 2; h++) {
                cell x = cell_at(c, sec, d, (ssat_half)h);
                html_cell(b, &x);
            }
        ssat__buf_puts(b, "</tr>\n");
    }
    if (any) {
        ssat__buf_puts(b, "</tbody>\n</table>\n");
        return;
    }
    ssat__buf_puts(b, "<p>");
    ssat__buf_html(b, render(m, "certificate.no_sessions", lang, NULL, NULL));
    ssat__buf_puts(b, "</p>\n");
}

static void html_counts_row(ssat__buf *b, const char *label, const ssat__ccounts *n, const char *cls, ssat_lang lang)
{
    char p[SSAT__CMSG_MAX];
    char t[32];
    /* The figures are also machine-readable, so a checker can compare them with the summary's. */
    ssat__buf_printf(b, "<tr class=\"%s\" data-possible=\"%u\" data-attended=\"%u\" data-authorised=\"%u\" "
                     "data-unauthorised=\"%u\" data-percent=\"%s\"><th scope=\"row\">", cls, (unsigned)n->possible,
                     (unsigned)n->attended, (unsigned)n->authorised, (unsigned)n->unauthorised,
                     ssat__cert_percent_text(t, n));
    ssat__buf_html(b, label);
    ssat__buf_printf(b, "</th><td>%u</td><td>%u</td><td>%u</td><td>%u</td><td>", (unsigned)n->possible,
                     (unsigned)n->attended, (unsigned)n->authorised, (unsigned)n->unauthorised);
    ssat__buf_html(b, percent_of(p, n, lang));
    ssat__buf_puts(b, "</td></tr>\n");
}

static void html_totals(ssat__buf *b, const ssat_certificate *c, const ssat__csection *sec, ssat_lang lang)
{
    static const char *const heads[] = {"certificate.possible", "certificate.attended", "certificate.authorised",
                                        "certificate.unauthorised", "certificate.percentage"};
    char m[SSAT__CMSG_MAX];
    ssat__buf_puts(b, "<table class=\"totals\">\n<thead>\n<tr><td class=\"out\"></td>");
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        ssat__buf_puts(b, "<th scope=\"col\">");
        ssat__buf_html(b, render(m, heads[i], lang, NULL, NULL));
        ssat__buf_puts(b, "</th>");
    }
    ssat__buf_puts(b, "</tr>\n</thead>\n<tbody>\n");
    ssat__ccounts term = ssat__cert_section_counts(c, sec), whole = ssat__cert_whole_counts(c);
    html_counts_row(b, render(m, "certificate.this_term", lang, NULL, NULL), &term, "term", lang);
    html_counts_row(b, render(m, "certificate.whole_period", lang, NULL, NULL), &whole, "whole", lang);
    ssat__buf_puts(b, "</tbody>\n</table>\n");
    if (c->totals.missing > 0) {
        char n[16];
        snprintf(n, sizeof n, "%u", (unsigned)c->totals.missing);
        ssat__buf_puts(b, "<p>");
        ssat__buf_html(b, render(m, "certificate.missing_note", lang, n, NULL));
        ssat__buf_puts(b, "</p>\n");
    }
}

static void html_key_row(ssat__buf *b, const cell *x, const char *meaning, const char *counts_as)
{
    ssat__buf_printf(b, "<tr><td class=\"m %s\">", cell_class(x));
    ssat__buf_html(b, x->kind == CELL_NO_SESSION ? "" : cell_text(x));
    ssat__buf_puts(b, "</td><td>");
    ssat__buf_html(b, meaning);
    ssat__buf_puts(b, "</td><td>");
    ssat__buf_html(b, counts_as);
    ssat__buf_puts(b, "</td></tr>\n");
}

static void html_key(ssat__buf *b, const ssat_certificate *c, const usage *u, ssat_lang lang)
{
    char m[SSAT__CMSG_MAX], lbuf[SSAT__CMSG_MAX];
    ssat__buf_puts(b, "<h2>");
    ssat__buf_html(b, render(m, "certificate.key", lang, NULL, NULL));
    ssat__buf_puts(b, "</h2>\n<table class=\"key\">\n<thead>\n<tr><th scope=\"col\">");
    ssat__buf_html(b, render(m, "certificate.code", lang, NULL, NULL));
    ssat__buf_puts(b, "</th><th scope=\"col\">");
    ssat__buf_html(b, render(m, "certificate.meaning", lang, NULL, NULL));
    ssat__buf_puts(b, "</th><th scope=\"col\">");
    ssat__buf_html(b, render(m, "certificate.counts_as", lang, NULL, NULL));
    ssat__buf_puts(b, "</th></tr>\n</thead>\n<tbody>\n");
    for (size_t i = 0; i < ssat_codeset_count(c->codes) && i < CODES_MAX; i++) {
        if (!u->code[i])
            continue;
        cell x = {CELL_MARK, (uint8_t)i, ssat_codeset_at(c->codes, i)};
        html_key_row(b, &x, ssat__cert_code_label(x.info, lang, lbuf), ssat_category_name(x.info->category, lang));
    }
    static const cell_kind specials[] = {CELL_NO_SESSION, CELL_GAP, CELL_MISSING, CELL_OUT};
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
        cell x = {specials[i], 0, NULL};
        if (u->kind[specials[i]])
            html_key_row(b, &x, msg(special_label[specials[i]], lang), "");
    }
    ssat__buf_puts(b, "</tbody>\n</table>\n");
}

static void html_signature(ssat__buf *b, const ssat_certificate *c, ssat_lang lang)
{
    char m[SSAT__CMSG_MAX];
    ssat__buf_puts(b, "<p class=\"statement\">");
    ssat__buf_html(b, msg("certificate.statement", lang));
    ssat__buf_puts(b, "</p>\n<table class=\"signature\">\n<tbody>\n");
    html_row(b, render(m, "certificate.signature", lang, NULL, NULL), "");
    html_row(b, render(m, "certificate.signatory", lang, NULL, NULL), ssat__cert_detail(c, SSAT__CD_SIGNATORY_NAME));
    html_row(b, render(m, "certificate.role", lang, NULL, NULL), ssat__cert_detail(c, SSAT__CD_SIGNATORY_ROLE));
    char when[SSAT__CMSG_MAX];
    html_row(b, render(m, "certificate.issued", lang, NULL, NULL), issue_text(when, c, lang));
    ssat__buf_puts(b, "</tbody>\n</table>\n");
}

static void html_page(ssat__buf *b, const ssat_certificate *c, size_t i, const usage *u, ssat_lang lang)
{
    char m1[SSAT__CMSG_MAX], m2[SSAT__CMSG_MAX], page[24], pages[24];
    const ssat__csection *sec = &c->sections[i];
    ssat_date from = sec->term_first > c->period.first_date ? sec->term_first : c->period.first_date;
    ssat_date to = sec->term_last < c->period.last_date ? sec->term_last : c->period.last_date;
    ssat__buf_puts(b, "<section class=\"page\">\n");
    html_details(b, c, lang);
    ssat__buf_puts(b, "<h2>");
    ssat__buf_html(b, ssat__cert_term_label(m1, sec->name, lang));
    ssat__buf_puts(b, ": ");
    ssat__buf_html(b, range(m2, lang, from, to));
    ssat__buf_puts(b, "</h2>\n");
    html_marks(b, c, sec, lang);
    html_totals(b, c, sec, lang);
    html_key(b, c, u, lang);
    html_signature(b, c, lang);
    snprintf(page, sizeof page, "%zu", i + 1);
    snprintf(pages, sizeof pages, "%zu", c->nsections);
    ssat__buf_puts(b, "<p class=\"page-number\">");
    ssat__buf_html(b, render(m1, "certificate.page", lang, page, pages));
    ssat__buf_puts(b, "</p>\n</section>\n");
}

void ssat__cert_render_html(ssat__buf *b, const ssat_certificate *c, ssat_lang lang)
{
    usage u;
    find_usage(c, &u);
    html_open(b, c, lang);
    for (size_t i = 0; i < c->nsections; i++)
        html_page(b, c, i, &u, lang);
    ssat__buf_puts(b, "</body>\n</html>\n");
}
