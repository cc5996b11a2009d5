/* Case documents: load a case from versioned JSON with jansson (case_json_save.c writes it).
 *
 * {"format": "ssat-case", "format_version": 1, "policy": "<policy name>",
 *  "pupil": {"id", "date_of_birth" (date or null), "facts": {"on_roll": "yes"|"no"|"unknown", ...}},
 *  "pack": <the pack's own document (ssat_pack_to_json)>,
 *  "trail": [{"sequence", "event", "date", "actor", "role", "parent_id", "detail", "note", "state_before",
 *             "state_after", "guard_values"}, ...],
 *  "state": {"state", "contract", "plans": {"psp": {"active", "started", "last_review"}, "idp": ...},
 *            "referred", "improved", "closed_reason",
 *            "parents": [{"id", "warnings": [dates], "notices": [{"issued", "status", "status_date",
 *                         "absence"}], "eso_considered", "prosecution": {"stage", "date", "considered",
 *                         "section", "concluded"}, "sao_issued"}]}}
 * Dates are "YYYY-MM-DD" or null where the state may lack one.
 *
 * Loading checks every member's type (messages name the path, e.g. "trail[3].date"), then rebuilds the
 * case by replaying the trail (case_apply.c re-checks every internal guard) and compares the result
 * with the saved state: a document whose trail does not lead to its state is refused. The case is
 * created only when everything holds; jansson's temporary tree uses jansson's allocator, the case and
 * the saved text the policy's. */
#include "case_internal.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>

#define PATH_MAX_LEN 96

static const char load_fn[] = "ssat_case_from_json";

/* ---- load: types ------------------------------------------------------------------------------------ */

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static ssat_status bad(const char *path, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return ssat__error(SSAT_ERR_PARSE, "%s: field %s: %s", load_fn, path, what);
}

/* `obj` is an object holding exactly the members `keys`. */
static ssat_status object_with(json_t *obj, const char *path, const char *const *keys, size_t n)
{
    if (!json_is_object(obj))
        return bad(path, "expected an object");
    const char *key;
    json_t *member;
    json_object_foreach(obj, key, member) {
        bool known = false;
        for (size_t i = 0; i < n && !known; i++)
            known = strcmp(keys[i], key) == 0;
        if (!known) {
            char repr[80];
            return bad(path, "unknown member %s", ssat__text_repr(repr, sizeof repr, key));
        }
    }
    for (size_t i = 0; i < n; i++)
        if (json_object_get(obj, keys[i]) == NULL)
            return bad(path, "member \"%s\" is missing", keys[i]);
    return SSAT_OK;
}

#define sub(buf, path, key) sub_path(buf, sizeof(buf), path, key)
static void sub_path(char *buf, size_t cap, const char *path, const char *key)
{
    int n = snprintf(buf, cap, "%s%s%s", path, path[0] != '\0' ? "." : "", key);
    if (n < 0)
        buf[0] = '\0'; /* a path too long is cut: it only names a field in a message */
}

/* A string member without NUL bytes, at most `max` bytes. */
static ssat_status get_string(json_t *obj, const char *path, const char *key, size_t max, const char **out)
{
    char p[PATH_MAX_LEN];
    *out = ""; /* never NULL, whatever path is taken */
    sub(p, path, key);
    json_t *j = json_object_get(obj, key);
    const char *text = json_string_value(j); /* NULL unless j is a string */
    if (text == NULL)
        return bad(p, "expected a string");
    size_t n = json_string_length(j);
    if (strlen(text) != n)
        return bad(p, "holds a NUL character");
    if (n > max)
        return bad(p, "longer than %zu bytes", max);
    *out = text;
    return SSAT_OK;
}

/* A date member; null gives SSAT__NO_DATE when `nullable`. */
static ssat_status get_date(json_t *obj, const char *path, const char *key, bool nullable, ssat_date *out)
{
    char p[PATH_MAX_LEN];
    sub(p, path, key);
    json_t *j = json_object_get(obj, key);
    if (nullable && json_is_null(j)) {
        *out = SSAT__NO_DATE;
        return SSAT_OK;
    }
    const char *s = json_string_value(j);
    if (s == NULL || strlen(s) != json_string_length(j) || ssat_date_parse(s, out) != SSAT_OK) {
        return bad(p, "expected a date \"YYYY-MM-DD\"%s", nullable ? " or null" : "");
    }
    return SSAT_OK;
}

static ssat_status get_int(json_t *obj, const char *path, const char *key, int64_t min, int64_t max,
                           int64_t *out)
{
    char p[PATH_MAX_LEN];
    sub(p, path, key);
    json_t *j = json_object_get(obj, key);
    if (!json_is_integer(j) || json_integer_value(j) < min || json_integer_value(j) > max)
        return bad(p, "expected a whole number from %lld to %lld", (long long)min, (long long)max);
    *out = json_integer_value(j);
    return SSAT_OK;
}

/* A string member that must be one of a set of ids, parsed by `parse`. */
#define GET_ID(obj, path, key, parse, out, what)                                                               \
    do {                                                                                                       \
        const char *s_ = NULL;                                                                                 \
        ssat_status st_ = get_string(obj, path, key, 64, &s_);                                                 \
        if (st_ != SSAT_OK)                                                                                    \
            return st_;                                                                                        \
        if (!parse(s_, out)) {                                                                                 \
            char p_[PATH_MAX_LEN], r_[80];                                                              \
            sub(p_, path, key);                                                                                \
            return bad(p_, "%s is not %s", ssat__text_repr(r_, sizeof r_, s_), what);                                     \
        }                                                                                                      \
    } while (0)

/* ---- load: the pupil and the pack ------------------------------------------------------------------- */

static ssat_status load_pupil(json_t *root, const char **id, ssat_date *dob, ssat_fact facts[])
{
    static const char *const keys[] = {"id", "date_of_birth", "facts"};
    json_t *p = json_object_get(root, "pupil");
    ssat_status st = object_with(p, "pupil", keys, 3);
    if (st == SSAT_OK)
        st = get_string(p, "pupil", "id", SSAT__CASE_ID_MAX, id);
    if (st == SSAT_OK && ((*id)[0] == '\0' || ssat__case_check_text(load_fn, "pupil.id", *id, 1, SSAT__CASE_ID_MAX,
                                                                    false) != SSAT_OK))
        st = bad("pupil.id", "expected 1 to %d bytes of text", SSAT__CASE_ID_MAX);
    if (st == SSAT_OK)
        st = get_date(p, "pupil", "date_of_birth", true, dob);
    json_t *f = json_object_get(p, "facts");
    if (st == SSAT_OK)
        st = object_with(f, "pupil.facts", ssat__case_fact_names, SSAT_PUPIL_FACT_COUNT);
    for (int k = 0; st == SSAT_OK && k < SSAT_PUPIL_FACT_COUNT; k++) {
        const char *v = NULL;
        st = get_string(f, "pupil.facts", ssat__case_fact_names[k], 16, &v);
        if (st != SSAT_OK)
            break;
        if (strcmp(v, "yes") == 0)
            facts[k] = SSAT_FACT_YES;
        else if (strcmp(v, "no") == 0)
            facts[k] = SSAT_FACT_NO;
        else if (strcmp(v, "unknown") == 0)
            facts[k] = SSAT_FACT_UNKNOWN;
        else {
            char path[PATH_MAX_LEN];
            sub(path, "pupil.facts", ssat__case_fact_names[k]);
            st = bad(path, "expected \"yes\", \"no\" or \"unknown\"");
        }
    }
    return st;
}

static ssat_status load_pack(json_t *root, const ssat__alloc *a, ssat_pack **out)
{
    json_t *j = json_object_get(root, "pack");
    if (!json_is_object(j))
        return bad("pack", "expected an object (a pack document)");
    size_t len = 0;
    char *text = ssat__case_json_dump(a, j, JSON_COMPACT | JSON_PRESERVE_ORDER, false, 0, &len);
    if (text == NULL)
        return ssat__nomem(load_fn);
    ssat_allocator user = {sizeof(ssat_allocator), a->alloc, a->realloc, a->free, a->ctx};
    ssat_status st = ssat_pack_from_json(text, len, &user, out);
    ssat_free(text);
    if (st != SSAT_OK && st != SSAT_ERR_NOMEM) {
        char why[512];
        (void)snprintf(why, sizeof why, "%s", ssat_error_message());
        st = bad("pack", "%s", why);
    }
    return st;
}

/* ---- load: the trail -------------------------------------------------------------------------------- */

/* An entry; format 2 adds its "hash" (format 1 has none: e->hash is ""). */
static ssat_status load_entry(json_t *j, size_t i, int version, ssat_trail_entry *e)
{
    static const char *const keys[] = {"sequence", "event", "date", "actor", "role", "parent_id", "detail", "note",
                                       "state_before", "state_after", "guard_values", "hash"};
    char path[PATH_MAX_LEN];
    (void)snprintf(path, sizeof path, "trail[%zu]", i);
    e->hash = "";
    e->voided_by = 0;
    ssat_status st = object_with(j, path, keys, sizeof keys / sizeof keys[0] - (version == 1 ? 1 : 0));
    if (st == SSAT_OK && version >= 2)
        st = get_string(j, path, "hash", SSAT__SHA256_HEX - 1, &e->hash);
    int64_t seq = 0;
    if (st == SSAT_OK)
        st = get_int(j, path, "sequence", 1, UINT32_MAX, &seq);
    e->sequence = (uint32_t)seq;
    if (st == SSAT_OK)
        st = get_string(j, path, "event", 64, &e->event);
    if (st == SSAT_OK)
        st = get_date(j, path, "date", false, &e->date);
    if (st == SSAT_OK)
        st = get_string(j, path, "actor", SSAT__CASE_ACTOR_MAX, &e->actor);
    if (st == SSAT_OK)
        st = get_string(j, path, "role", SSAT__CASE_ACTOR_MAX, &e->role);
    if (st == SSAT_OK)
        st = get_string(j, path, "parent_id", SSAT__CASE_ID_MAX, &e->parent_id);
    if (st == SSAT_OK)
        st = get_string(j, path, "detail", SSAT__CASE_DETAIL_MAX, &e->detail);
    if (st == SSAT_OK)
        st = get_string(j, path, "note", SSAT__CASE_NOTE_MAX, &e->note);
    if (st == SSAT_OK)
        st = get_string(j, path, "guard_values", SSAT__CASE_GUARDS_MAX, &e->guard_values);
    if (st != SSAT_OK)
        return st;
    GET_ID(j, path, "state_before", ssat__case_state_parse, &e->state_before, "a case state");
    GET_ID(j, path, "state_after", ssat__case_state_parse, &e->state_after, "a case state");
    return SSAT_OK;
}

/* ---- load: the saved state -------------------------------------------------------------------------- */

static ssat_status load_plans(json_t *s, ssat__case_state *out)
{
    static const char *const plan_keys[] = {"psp", "idp"};
    static const char *const keys[] = {"active", "started", "last_review"};
    json_t *plans = json_object_get(s, "plans");
    ssat_status st = object_with(plans, "state.plans", plan_keys, 2);
    for (int i = 0; st == SSAT_OK && i < SSAT__PLAN_COUNT; i++) {
        char path[PATH_MAX_LEN];
        sub(path, "state.plans", plan_keys[i]);
        json_t *p = json_object_get(plans, plan_keys[i]);
        st = object_with(p, path, keys, 3);
        if (st == SSAT_OK && !json_is_boolean(json_object_get(p, "active"))) {
            char q[PATH_MAX_LEN];
            sub(q, path, "active");
            st = bad(q, "expected true or false");
        }
        out->plans[i].active = json_is_true(json_object_get(p, "active"));
        if (st == SSAT_OK)
            st = get_date(p, path, "started", true, &out->plans[i].started);
        if (st == SSAT_OK)
            st = get_date(p, path, "last_review", true, &out->plans[i].last_review);
    }
    return st;
}

static ssat_status load_notice(json_t *j, const char *path, ssat__notice *n)
{
    static const char *const keys[] = {"issued", "status", "status_date", "absence", "service", "received"};
    bool served = json_is_object(j) && json_object_get(j, "service") != NULL;
    ssat_status st = object_with(j, path, keys, served ? 6 : 4);
    if (st == SSAT_OK)
        st = get_date(j, path, "issued", false, &n->issued);
    n->service = SSAT__SERVICE_UNRECORDED;
    n->received = n->issued;
    if (st == SSAT_OK && served)
        st = get_date(j, path, "received", false, &n->received);
    if (st == SSAT_OK)
        st = get_date(j, path, "status_date", false, &n->status_date);
    const char *absence = NULL;
    if (st == SSAT_OK)
        st = get_string(j, path, "absence", 64, &absence);
    if (st == SSAT_OK && !ssat__window_parse(absence, strlen(absence), &n->absence)) {
        char p[PATH_MAX_LEN];
        sub(p, path, "absence");
        st = bad(p, "expected \"YYYY-MM-DD AM..YYYY-MM-DD PM\"");
    }
    if (st != SSAT_OK)
        return st;
    GET_ID(j, path, "status", ssat__notice_status_parse, &n->status, "a notice status");
    if (served) {
        GET_ID(j, path, "service", ssat__notice_service_parse, &n->service, "a service (\"posted\", \"hand\")");
        if (n->service == SSAT__SERVICE_UNRECORDED) { /* "": a notice without its service has no member */
            char p[PATH_MAX_LEN];
            sub(p, path, "service");
            return bad(p, "\"\" is not a service (\"posted\", \"hand\")");
        }
    }
    return SSAT_OK;
}

static ssat_status load_prosecution(json_t *j, const char *path, ssat__case_parent *p)
{
    static const char *const keys[] = {"stage", "date", "considered", "section", "concluded"};
    ssat_status st = object_with(j, path, keys, 5);
    int64_t concluded = 0;
    const char *section = NULL;
    if (st == SSAT_OK)
        st = get_date(j, path, "date", true, &p->prosecution_date);
    if (st == SSAT_OK)
        st = get_date(j, path, "considered", true, &p->prosecution_considered);
    if (st == SSAT_OK)
        st = get_string(j, path, "section", SSAT__CASE_SECTION_MAX - 1, &section);
    if (st == SSAT_OK)
        st = get_int(j, path, "concluded", 0, INT32_MAX, &concluded);
    if (st != SSAT_OK)
        return st;
    (void)snprintf(p->section, sizeof p->section, "%s", section);
    p->prosecutions_concluded = (int32_t)concluded;
    GET_ID(j, path, "stage", ssat__prosecution_parse, &p->prosecution, "a prosecution stage");
    return SSAT_OK;
}

static ssat_status load_parent(json_t *j, size_t i, const ssat__alloc *a, ssat__case_parent *p)
{
    static const char *const keys[] = {"id", "warnings", "notices", "eso_considered", "prosecution", "sao_issued"};
    char path[PATH_MAX_LEN], q[PATH_MAX_LEN + 40];
    (void)snprintf(path, sizeof path, "state.parents[%zu]", i);
    ssat_status st = object_with(j, path, keys, 6);
    const char *id = NULL;
    if (st == SSAT_OK)
        st = get_string(j, path, "id", SSAT__CASE_ID_MAX, &id);
    if (st != SSAT_OK)
        return st;
    (void)snprintf(p->id, sizeof p->id, "%s", id);
    json_t *w = json_object_get(j, "warnings"), *n = json_object_get(j, "notices");
    sub(q, path, "warnings");
    if (!json_is_array(w))
        return bad(q, "expected an array of dates");
    sub(q, path, "notices");
    if (!json_is_array(n))
        return bad(q, "expected an array of notices");
    if (json_array_size(w) > 0 && (p->warnings = ssat__calloc(a, json_array_size(w), sizeof *p->warnings)) == NULL)
        return ssat__nomem(load_fn);
    p->warning_cap = json_array_size(w);
    for (size_t k = 0; k < json_array_size(w); k++) {
        (void)snprintf(q, sizeof q, "%s.warnings[%zu]", path, k);
        const char *s = json_string_value(json_array_get(w, k));
        if (s == NULL || ssat_date_parse(s, &p->warnings[k]) != SSAT_OK) {
            return bad(q, "expected a date \"YYYY-MM-DD\"");
        }
        p->warning_count = k + 1;
    }
    if (json_array_size(n) > 0 && (p->notices = ssat__calloc(a, json_array_size(n), sizeof *p->notices)) == NULL)
        return ssat__nomem(load_fn);
    p->notice_cap = json_array_size(n);
    for (size_t k = 0; st == SSAT_OK && k < json_array_size(n); k++) {
        (void)snprintf(q, sizeof q, "%s.notices[%zu]", path, k);
        st = load_notice(json_array_get(n, k), q, &p->notices[k]);
        p->notice_count = k + 1;
    }
    if (st == SSAT_OK)
        st = get_date(j, path, "eso_considered", true, &p->eso_considered);
    if (st == SSAT_OK)
        st = get_date(j, path, "sao_issued", true, &p->sao_issued);
    sub(q, path, "prosecution");
    if (st == SSAT_OK)
        st = load_prosecution(json_object_get(j, "prosecution"), q, p);
    return st;
}

static ssat_status load_state(json_t *root, const ssat__alloc *a, ssat__case_state *out)
{
    static const char *const keys[] = {"state", "contract", "plans", "referred", "improved", "closed_reason",
                                       "parents"};
    json_t *s = json_object_get(root, "state");
    ssat_status st = object_with(s, "state", keys, sizeof keys / sizeof keys[0]);
    const char *reason = NULL;
    if (st == SSAT_OK)
        st = load_plans(s, out);
    if (st == SSAT_OK)
        st = get_date(s, "state", "referred", true, &out->referred);
    if (st == SSAT_OK)
        st = get_date(s, "state", "improved", true, &out->improved);
    if (st == SSAT_OK)
        st = get_string(s, "state", "closed_reason", SSAT__CASE_REASON_MAX, &reason);
    if (st != SSAT_OK)
        return st;
    (void)snprintf(out->closed_reason, sizeof out->closed_reason, "%s", reason);
    GET_ID(s, "state", "state", ssat__case_state_parse, &out->main, "a case state");
    GET_ID(s, "state", "contract", ssat__contract_parse, &out->contract, "a parenting contract state");
    json_t *parents = json_object_get(s, "parents");
    if (!json_is_array(parents))
        return bad("state.parents", "expected an array");
    size_t n = json_array_size(parents);
    if (n > 0 && (out->parents = ssat__calloc(a, n, sizeof *out->parents)) == NULL)
        return ssat__nomem(load_fn);
    out->parent_cap = n;
    for (size_t i = 0; st == SSAT_OK && i < n; i++) {
        out->parent_count = i + 1;
        st = load_parent(json_array_get(parents, i), i, a, &out->parents[i]);
    }
    return st;
}

/* The first difference between the replayed and the saved state, for the message. */
static const char *state_difference(const ssat__case_state *r, const ssat__case_state *s)
{
    if (r->main != s->main)
        return "state";
    if (r->contract != s->contract)
        return "contract";
    for (int i = 0; i < SSAT__PLAN_COUNT; i++)
        if (r->plans[i].active != s->plans[i].active || r->plans[i].started != s->plans[i].started ||
            r->plans[i].last_review != s->plans[i].last_review)
            return i == 0 ? "plans.psp" : "plans.idp";
    if (r->referred != s->referred)
        return "referred";
    if (r->improved != s->improved)
        return "improved";
    if (strcmp(r->closed_reason, s->closed_reason) != 0)
        return "closed_reason";
    return "parents";
}

/* ---- load ------------------------------------------------------------------------------------------- */

static ssat_status check_header(json_t *root, const ssat_policy *policy, int *version_out)
{
    static const char *const keys[] = {"format", "format_version", "policy", "pupil", "pack", "trail", "state",
                                       "chain"};
    if (!json_is_object(root))
        return ssat__error(SSAT_ERR_PARSE, "%s: the document is not a JSON object", load_fn);
    json_t *format = json_object_get(root, "format");
    if (!json_is_string(format) || strcmp(json_string_value(format), "ssat-case") != 0)
        return bad("format", "expected \"ssat-case\"");
    json_t *version = json_object_get(root, "format_version");
    if (!json_is_integer(version) || json_integer_value(version) < 1 ||
        json_integer_value(version) > SSAT_CASE_FORMAT_VERSION)
        return bad("format_version", "missing or unsupported (this library reads versions 1 to %d)",
                   SSAT_CASE_FORMAT_VERSION);
    *version_out = (int)json_integer_value(version);
    /* Format 1 predates the chain. */
    ssat_status st = object_with(root, "(document)", keys, sizeof keys / sizeof keys[0] - (*version_out == 1 ? 1 : 0));
    const char *name = NULL;
    if (st == SSAT_OK)
        st = get_string(root, "", "policy", 64, &name);
    if (st == SSAT_OK && strcmp(name, ssat_policy_name(policy)) != 0)
        return ssat__error(SSAT_ERR_STATE, "%s: field policy: the document refers to policy \"%.64s\", but the "
                           "policy given is \"%.64s\"", load_fn, name, ssat_policy_name(policy));
    if (st == SSAT_OK && !json_is_array(json_object_get(root, "trail")))
        st = bad("trail", "expected an array");
    return st;
}

/* The "chain" member of a format-2 document. */
typedef struct saved_chain {
    bool keyed;
    int64_t migrated;
    const char *head, *seal;
} saved_chain;

static ssat_status load_chain(json_t *root, size_t trail_len, saved_chain *out)
{
    static const char *const keys[] = {"algorithm", "migrated", "head", "seal"};
    json_t *j = json_object_get(root, "chain");
    ssat_status st = object_with(j, "chain", keys, 4);
    const char *algorithm = NULL;
    if (st == SSAT_OK)
        st = get_string(j, "chain", "algorithm", 32, &algorithm);
    if (st == SSAT_OK && strcmp(algorithm, "sha256") != 0 && strcmp(algorithm, "hmac-sha256") != 0)
        st = bad("chain.algorithm", "expected \"sha256\" or \"hmac-sha256\"");
    out->keyed = st == SSAT_OK && strcmp(algorithm, "hmac-sha256") == 0;
    if (st == SSAT_OK)
        st = get_int(j, "chain", "migrated", 0, (int64_t)trail_len, &out->migrated);
    if (st == SSAT_OK)
        st = get_string(j, "chain", "head", SSAT__SHA256_HEX - 1, &out->head);
    if (st == SSAT_OK)
        st = get_string(j, "chain", "seal", SSAT__SHA256_HEX - 1, &out->seal);
    return st;
}

static const char *chain_first_hint(const ssat_case *c)
{
    return c->key != NULL ? " (or the key is not the one the case was written with)" : "";
}

/* Check each entry's hash against its content and the previous hash, then the head: the first entry
 * that does not match is where the trail was changed (an entry edited, removed or inserted). */
static ssat_status verify_chain(const ssat_case *c, json_t *trail, const saved_chain *chain)
{
    char prev[SSAT__SHA256_HEX], h[SSAT__SHA256_HEX];
    memcpy(prev, c->genesis, sizeof prev);
    for (size_t i = 0; i < json_array_size(trail); i++) {
        ssat_trail_entry e;
        ssat_status st = load_entry(json_array_get(trail, i), i, 2, &e); /* checked before: cannot fail */
        if (st != SSAT_OK)
            return st;
        ssat__chain_entry(c, prev, &e, h);
        if (strcmp(h, e.hash) != 0)
            return ssat__error(SSAT_ERR_STATE, "%s: field trail[%zu].hash: the hash chain is broken at entry %zu "
                               "(%.64s on %s): the entry was changed, or an entry before it was removed or "
                               "inserted, after it was written%s", load_fn, i, i + 1, e.event,
                               ssat__text_date(e.date).s, i == 0 ? chain_first_hint(c) : "");
        memcpy(prev, h, sizeof prev);
    }
    if (strcmp(prev, chain->head) != 0)
        return ssat__error(SSAT_ERR_STATE, "%s: field chain.head: it is not the hash of the last trail entry: "
                           "entries were removed from the end of the trail, or the head was changed%s", load_fn,
                           json_array_size(trail) == 0 ? chain_first_hint(c) : "");
    return SSAT_OK;
}

/* Chain every entry again under the case's (new) key: a document of format 1, or chained without a key
 * and loaded with one. */
static void rechain(ssat_case *c)
{
    const char *prev = c->genesis;
    for (size_t i = 0; i < c->trail_count; i++) {
        ssat__chain_entry(c, prev, &c->trail[i]->pub, c->trail[i]->hash);
        prev = c->trail[i]->hash;
    }
    c->chain_migrated = c->trail_count;
}

typedef struct load_key {
    const char *key;
    size_t len;
} load_key;

static ssat_status load_document(json_t *root, const ssat_policy *policy, const load_key *key, ssat_case **out)
{
    const ssat__alloc *a = ssat__policy_alloc(policy);
    const char *pupil_id = NULL;
    ssat_date dob = SSAT__NO_DATE;
    ssat_fact facts[SSAT_PUPIL_FACT_COUNT] = {SSAT_FACT_UNKNOWN};
    int version = 0;
    ssat_status st = check_header(root, policy, &version);
    if (st == SSAT_OK)
        st = load_pupil(root, &pupil_id, &dob, facts);
    json_t *trail = json_object_get(root, "trail");
    for (size_t i = 0; st == SSAT_OK && i < json_array_size(trail); i++) {
        ssat_trail_entry e;
        st = load_entry(json_array_get(trail, i), i, version, &e);
    }
    saved_chain chain = {false, 0, "", ""};
    if (st == SSAT_OK && version >= 2)
        st = load_chain(root, json_array_size(trail), &chain);
    if (st == SSAT_OK && chain.keyed && key->key == NULL)
        st = ssat__error(SSAT_ERR_STATE, "%s: field chain.algorithm: the trail is keyed (hmac-sha256): load it "
                         "with its key (ssat_case_from_json_keyed())", load_fn);
    ssat__case_state saved;
    ssat__case_state_init(&saved);
    if (st == SSAT_OK)
        st = load_state(root, a, &saved);
    ssat_case *c = NULL;
    if (st == SSAT_OK)
        st = ssat__case_create(pupil_id, policy, &c, load_fn);
    /* Verify under the document's own algorithm first. */
    if (st == SSAT_OK && chain.keyed)
        st = ssat__case_set_key(c, key->key, key->len, load_fn);
    if (st == SSAT_OK && version >= 2)
        st = verify_chain(c, trail, &chain);
    if (st == SSAT_OK && dob != SSAT__NO_DATE && ssat_pupil_set_date_of_birth(c->pupil, dob) != SSAT_OK)
        st = bad("pupil.date_of_birth", "outside the supported years");
    for (int k = 0; st == SSAT_OK && k < SSAT_PUPIL_FACT_COUNT; k++)
        (void)ssat_pupil_set_fact(c->pupil, (ssat_pupil_fact)k, facts[k]);
    ssat_pack *pack = NULL;
    if (st == SSAT_OK)
        st = load_pack(root, a, &pack);
    if (st == SSAT_OK) {
        ssat_pack_free(c->pack);
        c->pack = pack;
    }
    /* Rebuild by replay; every entry's internal guards are checked again. */
    for (size_t i = 0; st == SSAT_OK && i < json_array_size(trail); i++) {
        ssat_trail_entry e;
        (void)load_entry(json_array_get(trail, i), i, version, &e); /* checked above */
        st = ssat__case_replay_entry(c, &e, load_fn);
    }
    if (st == SSAT_OK && !ssat__case_state_equal(&c->state, &saved))
        st = ssat__error(SSAT_ERR_STATE, "%s: trail does not replay to the saved state: field state.%s differs "
                         "from what the %zu trail entries give", load_fn, state_difference(&c->state, &saved),
                         c->trail_count);
    ssat__case_state_free(a, &saved);
    char seal[SSAT__SHA256_HEX];
    if (st == SSAT_OK && version >= 2) {
        c->chain_migrated = (size_t)chain.migrated;
        st = ssat__chain_seal(c, seal, load_fn);
        if (st == SSAT_OK && strcmp(seal, chain.seal) != 0)
            st = ssat__error(SSAT_ERR_STATE, "%s: field chain.seal: the pupil record, the pack or chain.migrated "
                             "was changed after the case was saved", load_fn);
    }
    if (st == SSAT_OK && version == 1)
        c->chain_migrated = c->trail_count;
    if (st == SSAT_OK && key->key != NULL && !chain.keyed) {
        st = ssat__case_set_key(c, key->key, key->len, load_fn);
        if (st == SSAT_OK)
            rechain(c);
    }
    if (st != SSAT_OK) {
        ssat_case_free(c);
        return st;
    }
    *out = c;
    return SSAT_OK;
}

static ssat_status case_from_json(const char *json, size_t len, const ssat_policy *policy, const load_key *key,
                                  ssat_case **out)
{
    if (out == NULL)
        return ssat__null_arg(load_fn, "out");
    *out = NULL;
    if (json == NULL)
        return ssat__null_arg(load_fn, "json");
    if (policy == NULL)
        return ssat__null_arg(load_fn, "policy");
    ssat_status st = ssat__case_check_key(load_fn, key->key, key->len);
    if (st != SSAT_OK)
        return st;
    json_t *root = ssat__json_load(json, len, load_fn, &st);
    if (root == NULL)
        return st;
    st = load_document(root, policy, key, out);
    json_decref(root);
    return st;
}

/* The document's policy: the resolver's, else the built-in of that name (owned, into *owned). */
static ssat_status resolve_policy(json_t *root, const ssat_case_load_options *o, ssat_policy **owned,
                                  const ssat_policy **out)
{
    if (!json_is_object(root))
        return ssat__error(SSAT_ERR_PARSE, "%s: the document is not a JSON object", load_fn);
    json_t *format = json_object_get(root, "format");
    if (!json_is_string(format) || strcmp(json_string_value(format), "ssat-case") != 0)
        return bad("format", "expected \"ssat-case\"");
    const char *name = NULL;
    ssat_status st = get_string(root, "", "policy", 64, &name);
    if (st != SSAT_OK)
        return st;
    *out = o->resolve != NULL ? o->resolve(name, o->resolve_ctx) : NULL;
    if (*out != NULL)
        return SSAT_OK;
    for (size_t i = 0; i < ssat_policy_builtin_count(); i++)
        if (strcmp(name, ssat_policy_builtin_name(i)) == 0) {
            st = ssat_policy_builtin(name, o->alloc, owned);
            *out = *owned;
            return st == SSAT_OK ? SSAT_OK : ssat__nomem(load_fn);
        }
    char repr[80];
    return ssat__error(SSAT_ERR_NOT_FOUND, "%s: field policy: no policy %s: it is not built in and the resolver "
                       "does not know it", load_fn, ssat__text_repr(repr, sizeof repr, name));
}

static ssat_status case_load_json(const char *json, size_t len, const ssat_case_load_options *opts, ssat_case **out)
{
    static const char fn[] = "ssat_case_load_json";
    static const ssat_case_load_options defaults = SSAT_CASE_LOAD_OPTIONS_INIT;
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (json == NULL)
        return ssat__null_arg(fn, "json");
    const ssat_case_load_options *o = opts != NULL ? opts : &defaults;
    if (o->version == 0 || o->version > SSAT_CASE_LOAD_OPTIONS_VERSION)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'opts': version %lu is not one this library reads "
                           "(1..%d): declare the options with SSAT_CASE_LOAD_OPTIONS_INIT", fn,
                           (unsigned long)o->version, SSAT_CASE_LOAD_OPTIONS_VERSION);
    load_key key = {o->key, o->key_len};
    ssat_status st = ssat__case_check_key(fn, key.key, key.len);
    if (st != SSAT_OK)
        return st;
    json_t *root = ssat__json_load(json, len, load_fn, &st);
    if (root == NULL)
        return st;
    ssat_policy *owned = NULL;
    const ssat_policy *policy = NULL;
    st = resolve_policy(root, o, &owned, &policy);
    if (st == SSAT_OK)
        st = load_document(root, policy, &key, out);
    ssat_policy_free(owned);
    json_decref(root);
    return st;
}

ssat_status ssat_case_load_json(const char *json, size_t len, const ssat_case_load_options *opts, ssat_case **out)
{
    SSAT__KEEP_ERROR_ON_SUCCESS(case_load_json(json, len, opts, out));
}

ssat_status ssat_case_from_json(const char *json, size_t len, const ssat_policy *policy, ssat_case **out)
{
    load_key none = {NULL, 0};
    SSAT__KEEP_ERROR_ON_SUCCESS(case_from_json(json, len, policy, &none, out));
}

ssat_status ssat_case_from_json_keyed(const char *json, size_t len, const ssat_policy *policy, const char *key,
                                      size_t key_len, ssat_case **out)
{
    if (key == NULL) {
        if (out != NULL)
            *out = NULL;
        return ssat__null_arg("ssat_case_from_json_keyed", "key");
    }
    load_key k = {key, key_len};
    SSAT__KEEP_ERROR_ON_SUCCESS(case_from_json(json, len, policy, &k, out));
}
