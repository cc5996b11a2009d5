/* Rendering an attendance certificate as JSON (ssat_certificate_render with SSAT_CERTIFICATE_JSON): the
 * details, the totals, every session's mark, the terms and the codes used. The labels, cells and counts
 * it shares with the text and HTML renderers are in certificate_render.c. */
#include "evidence_layer.h"
#include "certificate_internal.h"

#include <jansson.h>

/* A JSON string of text the library did not check itself (a custom code set's labels, a calendar's
 * term names): text that is not UTF-8 shows as U+FFFD rather than failing the document. */
static json_t *json_text(const char *s)
{
    json_t *j = json_string(s);
    return j != NULL ? j : json_string("\xEF\xBF\xBD");
}

static json_t *counts_json(const ssat__ccounts *n)
{
    json_t *o = json_object();
    char t[32];
    bool evaluable = *ssat__cert_percent_text(t, n) != '\0';
    json_object_set_new(o, "possible", json_integer(n->possible));
    json_object_set_new(o, "attended", json_integer(n->attended));
    json_object_set_new(o, "authorised", json_integer(n->authorised));
    json_object_set_new(o, "unauthorised", json_integer(n->unauthorised));
    json_object_set_new(o, "percent", evaluable ? json_string(t) : json_null());
    return o;
}

static json_t *sessions_json(const ssat_certificate *c)
{
    json_t *list = json_array();
    for (size_t i = 0; i < c->nsessions; i++) {
        int64_t s = c->first_session + (int64_t)i;
        uint8_t e = c->entries[i];
        if (e == SSAT__ENTRY_NONE)
            continue;
        const ssat_code_info *info = e == SSAT__ENTRY_MISSING ? NULL : ssat_codeset_at(c->codes, e);
        json_t *o = json_object();
        json_object_set_new(o, "date", json_string(ssat__cert_show((ssat_date)(s / 2)).s));
        json_object_set_new(o, "session", json_string(s % 2 ? "PM" : "AM"));
        json_object_set_new(o, "mark", json_string(info != NULL ? info->code : "-"));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *terms_json(const ssat_certificate *c, ssat_lang lang)
{
    json_t *list = json_array();
    char m[SSAT__CMSG_MAX];
    for (size_t i = 0; i < c->nsections; i++) {
        const ssat__csection *sec = &c->sections[i];
        ssat__ccounts n = ssat__cert_section_counts(c, sec);
        json_t *o = json_object();
        json_object_set_new(o, "name", json_text(sec->name));
        json_object_set_new(o, "label", json_text(ssat__cert_term_label(m, sec->name, lang)));
        json_object_set_new(o, "first", json_string(ssat__cert_show(sec->term_first).s));
        json_object_set_new(o, "last", json_string(ssat__cert_show(sec->term_last).s));
        json_object_set_new(o, "totals", counts_json(&n));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *codes_json(const ssat_certificate *c, ssat_lang lang)
{
    json_t *list = json_array();
    char lbuf[SSAT__CMSG_MAX];
    for (size_t i = 0; i < ssat_codeset_count(c->codes); i++) {
        const ssat_code_info *info = ssat_codeset_at(c->codes, i);
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(info->code));
        json_object_set_new(o, "label", json_text(ssat__cert_code_label(info, lang, lbuf)));
        json_object_set_new(o, "category", json_string(ssat__cert_category_class[info->category]));
        json_object_set_new(o, "category_label", json_string(ssat_category_name(info->category, lang)));
        json_array_append_new(list, o);
    }
    return list;
}

/* Details, period, totals, terms, every session with an entry, and the code set's key. jansson
 * functions given NULL (after an allocation failure inside) return an error that json_dumpb() then
 * cannot hide: the final document is only produced from a complete tree, checked below. */
static json_t *certificate_json(const ssat_certificate *c, ssat_lang lang)
{
    json_t *root = json_object(), *period = json_object(), *signatory = json_object();
    ssat__ccounts whole = ssat__cert_whole_counts(c);
    json_object_set_new(root, "format", json_string("ssat-certificate"));
    json_object_set_new(root, "format_version", json_integer(1));
    json_object_set_new(root, "language", json_string(lang == SSAT_LANG_CY ? "cy" : lang == SSAT_LANG_CY_EN ? "cy+en" : "en"));
    for (int d = 0; d < SSAT__CD_COUNT; d++)
        if (d != SSAT__CD_SIGNATORY_NAME && d != SSAT__CD_SIGNATORY_ROLE)
            json_object_set_new(root, ssat__cdetail_names[d], json_string(ssat__cert_detail(c, (ssat__cdetail)d)));
    json_object_set_new(signatory, "name", json_string(ssat__cert_detail(c, SSAT__CD_SIGNATORY_NAME)));
    json_object_set_new(signatory, "role", json_string(ssat__cert_detail(c, SSAT__CD_SIGNATORY_ROLE)));
    json_object_set_new(root, "signatory", signatory);
    json_object_set_new(period, "first_date", json_string(ssat__cert_show(c->period.first_date).s));
    json_object_set_new(period, "first_session", json_string(c->period.first_half == SSAT_PM ? "PM" : "AM"));
    json_object_set_new(period, "last_date", json_string(ssat__cert_show(c->period.last_date).s));
    json_object_set_new(period, "last_session", json_string(c->period.last_half == SSAT_PM ? "PM" : "AM"));
    json_object_set_new(root, "period", period);
    json_object_set_new(root, "totals", counts_json(&whole));
    json_object_set_new(root, "missing_marks", json_integer(c->totals.missing));
    json_object_set_new(root, "terms", terms_json(c, lang));
    json_object_set_new(root, "sessions", sessions_json(c));
    json_object_set_new(root, "codes", codes_json(c, lang));
    return root;
}

/* Whether every member the tree should hold is there: a failed allocation inside jansson leaves one
 * out (json_object_set_new refuses NULL), which a short document must never hide. */
static bool json_complete(json_t *root, size_t sessions_expected)
{
    static const char *const members[] = {"format", "format_version", "language", "pupil_id", "pupil_name",
                                          "school", "issue_date", "signatory", "period", "totals",
                                          "missing_marks", "terms", "sessions", "codes"};
    if (root == NULL)
        return false;
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++)
        if (json_object_get(root, members[i]) == NULL)
            return false;
    return json_array_size(json_object_get(root, "sessions")) == sessions_expected;
}

static size_t entry_count(const ssat_certificate *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nsessions; i++)
        n += c->entries[i] != SSAT__ENTRY_NONE;
    return n;
}

char *ssat__cert_render_json(const ssat_certificate *c, ssat_lang lang)
{
    json_t *root = certificate_json(c, lang);
    return ssat__json_dump(root, json_complete(root, entry_count(c)), &c->alloc);
}
