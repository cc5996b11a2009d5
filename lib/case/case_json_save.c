/* Case documents: save a case as versioned JSON with jansson (the format: case_json.c, which loads it).
 * The document holds the pupil record, the policy's name, the pack's own document, the trail, the
 * state the trail leads to and the hash chain's head and seal. */
#include "case_internal.h"

#include <jansson.h>

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

const char *const ssat__case_fact_names[SSAT_PUPIL_FACT_COUNT] = {
    "on_roll", "cause_explored", "support_offered", "parents_invited", "evidence_complete", "procedures_followed"};

/* ---- save ------------------------------------------------------------------------------------------- */

static json_t *date_json(ssat_date d)
{
    return d == SSAT__NO_DATE ? json_null() : json_string(ssat__text_date(d).s);
}

/* Add a member, consuming `v`; false when either failed. */
static bool put(json_t *obj, const char *key, json_t *v)
{
    return v != NULL && json_object_set_new(obj, key, v) == 0;
}

static bool append(json_t *arr, json_t *v)
{
    return v != NULL && json_array_append_new(arr, v) == 0;
}

static json_t *pupil_json(const ssat_case *c)
{
    json_t *o = json_object(), *facts = json_object();
    ssat_date dob = 0;
    bool has_dob = ssat_pupil_date_of_birth(c->pupil, &dob) == SSAT_OK;
    bool ok = o != NULL && put(o, "id", json_string(c->pupil_id)) &&
              put(o, "date_of_birth", has_dob ? json_string(ssat__text_date(dob).s) : json_null());
    static const char *const values[] = {"unknown", "no", "yes"};
    for (int k = 0; ok && facts != NULL && k < SSAT_PUPIL_FACT_COUNT; k++)
        ok = put(facts, ssat__case_fact_names[k], json_string(values[ssat_pupil_get_fact(c->pupil, (ssat_pupil_fact)k)]));
    if (ok && put(o, "facts", facts))
        return o;
    if (!ok)
        json_decref(facts);
    json_decref(o);
    return NULL;
}

static json_t *pack_json(const ssat_case *c)
{
    char *text = NULL;
    if (ssat_pack_to_json(c->pack, &text) != SSAT_OK)
        return NULL;
    json_t *j = json_loads(text, 0, NULL);
    ssat_free(text);
    return j;
}

static json_t *entry_json(const ssat_trail_entry *e)
{
    json_t *o = json_object();
    bool ok = o != NULL && put(o, "sequence", json_integer(e->sequence)) && put(o, "event", json_string(e->event)) &&
              put(o, "date", date_json(e->date)) && put(o, "actor", json_string(e->actor)) &&
              put(o, "role", json_string(e->role)) && put(o, "parent_id", json_string(e->parent_id)) &&
              put(o, "detail", json_string(e->detail)) && put(o, "note", json_string(e->note)) &&
              put(o, "state_before", json_string(ssat__case_state_id(e->state_before))) &&
              put(o, "state_after", json_string(ssat__case_state_id(e->state_after))) &&
              put(o, "guard_values", json_string(e->guard_values)) && put(o, "hash", json_string(e->hash));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *notice_json(const ssat__notice *n)
{
    char absence[48];
    ssat__window_text(&n->absence, absence, sizeof absence);
    json_t *o = json_object();
    if (o != NULL && put(o, "issued", date_json(n->issued)) &&
        put(o, "status", json_string(ssat__notice_status_id(n->status))) &&
        put(o, "status_date", date_json(n->status_date)) && put(o, "absence", json_string(absence)) &&
        /* Written only when recorded, so a case without it saves as it always did. */
        (n->service == SSAT__SERVICE_UNRECORDED ||
         (put(o, "service", json_string(ssat__notice_service_id(n->service))) &&
          put(o, "received", date_json(n->received)))))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *parent_json(const ssat__case_parent *p)
{
    json_t *o = json_object(), *warnings = json_array(), *notices = json_array(), *pros = json_object();
    bool ok = o != NULL && warnings != NULL && notices != NULL && pros != NULL;
    for (size_t i = 0; ok && i < p->warning_count; i++)
        ok = append(warnings, date_json(p->warnings[i]));
    for (size_t i = 0; ok && i < p->notice_count; i++)
        ok = append(notices, notice_json(&p->notices[i]));
    ok = ok && put(pros, "stage", json_string(ssat__prosecution_id(p->prosecution))) &&
         put(pros, "date", date_json(p->prosecution_date)) &&
         put(pros, "considered", date_json(p->prosecution_considered)) &&
         put(pros, "section", json_string(p->section)) && put(pros, "concluded", json_integer(p->prosecutions_concluded));
    ok = ok && put(o, "id", json_string(p->id));
    /* Once a container is put, the object owns it. */
    bool w = ok && put(o, "warnings", warnings), n = w && put(o, "notices", notices);
    ok = n && put(o, "eso_considered", date_json(p->eso_considered));
    bool pr = ok && put(o, "prosecution", pros);
    ok = pr && put(o, "sao_issued", date_json(p->sao_issued));
    if (!w)
        json_decref(warnings);
    if (!n)
        json_decref(notices);
    if (!pr)
        json_decref(pros);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *state_json(const ssat__case_state *s)
{
    json_t *o = json_object(), *plans = json_object(), *parents = json_array();
    bool ok = o != NULL && plans != NULL && parents != NULL;
    for (int i = 0; ok && i < SSAT__PLAN_COUNT; i++) {
        json_t *p = json_object();
        ok = p != NULL && put(p, "active", json_boolean(s->plans[i].active)) &&
             put(p, "started", date_json(s->plans[i].started)) &&
             put(p, "last_review", date_json(s->plans[i].last_review));
        if (!ok || !put(plans, ssat__plan_id((ssat__plan)i), p)) {
            if (!ok)
                json_decref(p);
            ok = false;
        }
    }
    for (size_t i = 0; ok && i < s->parent_count; i++)
        ok = append(parents, parent_json(&s->parents[i]));
    ok = ok && put(o, "state", json_string(ssat__case_state_id(s->main))) &&
         put(o, "contract", json_string(ssat__contract_id(s->contract)));
    bool pl = ok && put(o, "plans", plans);
    ok = pl && put(o, "referred", date_json(s->referred)) && put(o, "improved", date_json(s->improved)) &&
         put(o, "closed_reason", json_string(s->closed_reason));
    bool pa = ok && put(o, "parents", parents);
    if (!pl)
        json_decref(plans);
    if (!pa)
        json_decref(parents);
    if (!pa) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *chain_json(const ssat_case *c)
{
    char seal[SSAT__SHA256_HEX];
    if (ssat__chain_seal(c, seal, "ssat_case_to_json") != SSAT_OK)
        return NULL;
    json_t *o = json_object();
    if (o != NULL && put(o, "algorithm", json_string(c->key != NULL ? "hmac-sha256" : "sha256")) &&
        put(o, "migrated", json_integer((json_int_t)c->chain_migrated)) &&
        put(o, "head", json_string(ssat__chain_head(c))) && put(o, "seal", json_string(seal)))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *case_json(const ssat_case *c)
{
    json_t *root = json_object(), *trail = json_array();
    bool ok = root != NULL && trail != NULL && put(root, "format", json_string("ssat-case")) &&
              put(root, "format_version", json_integer(SSAT_CASE_FORMAT_VERSION)) &&
              put(root, "policy", json_string(ssat_policy_name(c->policy))) && put(root, "pupil", pupil_json(c)) &&
              put(root, "pack", pack_json(c));
    for (size_t i = 0; ok && i < c->trail_count; i++)
        ok = append(trail, entry_json(&c->trail[i]->pub));
    bool tr = ok && put(root, "trail", trail);
    ok = tr && put(root, "state", state_json(&c->state)) && put(root, "chain", chain_json(c));
    if (!tr)
        json_decref(trail);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* Write a JSON tree into a block from `a` that the caller frees with ssat_free(); NULL on failure. The
 * text is written once into a block of `estimate` bytes when it fits (the usual case), else measured and
 * written again into a block of the right size. */
char *ssat__case_json_dump(const ssat__alloc *a, const json_t *root, size_t flags, bool newline, size_t estimate,
                           size_t *len_out)
{
    char *text = NULL;
    if (estimate > 0 && (estimate > SIZE_MAX - 2 || (text = ssat__owned_alloc(a, estimate + 2)) == NULL))
        return NULL;
    size_t len = json_dumpb(root, text, text != NULL ? estimate : 0, flags);
    if (len == 0 || len > SIZE_MAX - 2) {
        ssat_free(text);
        return NULL;
    }
    if (text == NULL || len > estimate) {
        ssat_free(text);
        text = ssat__owned_alloc(a, len + 2);
        if (text != NULL && json_dumpb(root, text, len, flags) != len) {
            ssat_free(text);
            return NULL;
        }
    }
    if (text != NULL) {
        if (newline)
            text[len++] = '\n';
        text[len] = '\0';
    }
    if (len_out != NULL)
        *len_out = len;
    return text;
}

static ssat_status case_to_json(const ssat_case *c, char **out)
{
    static const char fn[] = "ssat_case_to_json";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (c == NULL)
        return ssat__null_arg(fn, "c");
    json_t *root = case_json(c);
    /* About 500 bytes a trail entry and 150 a pack item, pretty-printed, plus the rest. */
    size_t estimate = 4096 + 640 * c->trail_count + 256 * ssat_pack_count(c->pack) + 1024 * c->state.parent_count;
    char *text = root != NULL ? ssat__case_json_dump(&c->alloc, root, DUMP_FLAGS, true, estimate, NULL) : NULL;
    json_decref(root);
    if (text == NULL)
        return ssat__nomem(fn);
    *out = text;
    return SSAT_OK;
}

ssat_status ssat_case_to_json(const ssat_case *c, char **out)
{
    SSAT__KEEP_ERROR_ON_SUCCESS(case_to_json(c, out));
}
