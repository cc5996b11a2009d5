/* Referral pack documents: save and load a pack as versioned JSON with jansson.
 *
 *   {"format": "ssat-pack", "format_version": 1,
 *    "items": [{"kind": "letter", "fields": {"date_sent": "2024-10-01", "type": "attendance_concern"}}]}
 *
 * Every value is a JSON string, exactly the text the pack holds, and only set fields are written, in
 * the schema's order: a save followed by a load gives back an equal pack, and saving that gives the
 * same text. Loading builds a new pack item by item with the same checks as ssat_pack_set(), and
 * frees it at the first problem, so a bad document never yields a partial pack. Messages name the
 * path of the bad field ("items[3].fields.date_sent"). As in policy_json.c, jansson's temporary tree uses its
 * own (process-global, never changed) allocator; the pack and the saved text use the caller's. */
#include "evidence_layer.h"
#include "evidence_internal.h"

#include <jansson.h>
#include <stdio.h>


static const char load_fn[] = "ssat_pack_from_json";

/* ---- save ------------------------------------------------------------------------------------------ */

/* {"kind": "letter", "fields": {...}}: the values sit apart from "kind" because a field may have any
 * name (support has a field called "kind"). */
static json_t *item_to_json(const ssat_pack *pack, size_t index)
{
    ssat__kind k = ssat__pack_kind(pack, index);
    json_t *obj = json_object(), *fields = json_object();
    bool ok = obj != NULL && fields != NULL && json_object_set_new(obj, "kind", json_string(ssat__kinds[k].name)) == 0;
    for (size_t f = 0; ok && f < ssat__kinds[k].nfields; f++) {
        const char *v = ssat__pack_value_at(pack, index, f);
        if (v[0] != '\0')
            ok = json_object_set_new(fields, ssat__kinds[k].fields[f].name, json_string(v)) == 0;
    }
    ok = ok && json_object_set(obj, "fields", fields) == 0;
    json_decref(fields);
    if (!ok) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *pack_to_json(const ssat_pack *pack)
{
    json_t *root = json_object(), *items = json_array();
    bool ok = root != NULL && items != NULL;
    ok = ok && json_object_set_new(root, "format", json_string("ssat-pack")) == 0;
    ok = ok && json_object_set_new(root, "format_version", json_integer(SSAT_PACK_FORMAT_VERSION)) == 0;
    for (size_t i = 0; ok && i < ssat_pack_count(pack); i++)
        ok = json_array_append_new(items, item_to_json(pack, i)) == 0;
    ok = ok && json_object_set(root, "items", items) == 0;
    json_decref(items);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

ssat_status ssat_pack_to_json(const ssat_pack *pack, char **out)
{
    static const char fn[] = "ssat_pack_to_json";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (pack == NULL)
        return ssat__null_arg(fn, "pack");
    *out = ssat__json_dump(pack_to_json(pack), true, ssat__pack_alloc(pack));
    return *out != NULL ? SSAT_OK : ssat__nomem(fn);
}

/* ---- load ------------------------------------------------------------------------------------------ */

static const char *const pack_fields[] = {"format", "format_version", "items"};
static const ssat__json_doc pack_doc = {load_fn, "ssat-pack", SSAT_PACK_FORMAT_VERSION, pack_fields,
                                        sizeof pack_fields / sizeof pack_fields[0], true};

/* A JSON string as C text; NULL when it holds a NUL (jansson refuses \u0000 without JSON_ALLOW_NUL;
 * checked again so a value can never be cut short). */
static const char *string_text(json_t *j)
{
    const char *s = json_string_value(j);
    return strlen(s) == json_string_length(j) ? s : NULL;
}

static ssat_status item_kind(json_t *obj, const char *where, int *k)
{
    json_t *kind = json_object_get(obj, "kind");
    if (kind == NULL)
        return ssat__error(SSAT_ERR_PARSE, "%s: %s.kind: missing", load_fn, where);
    if (!json_is_string(kind) || string_text(kind) == NULL)
        return ssat__error(SSAT_ERR_PARSE, "%s: %s.kind: expected a string", load_fn, where);
    *k = ssat__kind_find(string_text(kind));
    if (*k < 0) {
        char repr[64];
        return ssat__error(SSAT_ERR_PARSE, "%s: %s.kind: unknown kind %s (kinds: %s)", load_fn, where,
                           ssat__text_repr(repr, sizeof repr, string_text(kind)), ssat__kind_list());
    }
    return SSAT_OK;
}

/* An item holds "kind" and "fields", nothing else. */
static ssat_status item_members(json_t *obj, const char *where)
{
    const char *name;
    json_t *member;
    json_object_foreach(obj, name, member) {
        if (strcmp(name, "kind") != 0 && strcmp(name, "fields") != 0) {
            char repr[64];
            return ssat__error(SSAT_ERR_PARSE, "%s: %s.%s: unknown member (an item holds \"kind\" and \"fields\")",
                               load_fn, where, ssat__text_repr(repr, sizeof repr, name));
        }
    }
    json_t *fields = json_object_get(obj, "fields");
    if (fields != NULL && !json_is_object(fields))
        return ssat__error(SSAT_ERR_PARSE, "%s: %s.fields: expected an object", load_fn, where);
    return SSAT_OK;
}

/* Check every member of an item's "fields" and collect its values (one per field, NULL when absent).
 * `where` is "items[3].fields". */
static ssat_status item_values(json_t *fields, ssat__kind k, const char *where, const char *values[])
{
    const char *name;
    json_t *member;
    json_object_foreach(fields, name, member) {
        int f = ssat__field_find(k, name);
        char repr[64];
        if (f < 0)
            return ssat__error(SSAT_ERR_PARSE, "%s: %s.%s: unknown field (a %s has no such field)", load_fn, where,
                               ssat__text_repr(repr, sizeof repr, name), ssat__kinds[k].name);
        if (!json_is_string(member) || string_text(member) == NULL)
            return ssat__error(SSAT_ERR_PARSE, "%s: %s.%s: expected a string", load_fn, where, name);
        ssat_status st = ssat__ev_check_value(&ssat__kinds[k].fields[f], string_text(member), where, load_fn);
        if (st != SSAT_OK)
            return st;
        values[f] = string_text(member);
    }
    return SSAT_OK;
}

/* Add item `i` of the document to `pack`: {"kind": ..., "fields": {...}} ("fields" may be left out). */
static ssat_status load_item(ssat_pack *pack, json_t *obj, size_t i)
{
    char where[48];
    snprintf(where, sizeof where, "items[%zu]", i);
    if (!json_is_object(obj))
        return ssat__error(SSAT_ERR_PARSE, "%s: %s: expected an object", load_fn, where);
    int k = 0;
    ssat_status st = item_members(obj, where);
    if (st == SSAT_OK)
        st = item_kind(obj, where, &k);
    if (st != SSAT_OK)
        return st;
    const char *values[16] = {NULL};
    char fields_where[64];
    snprintf(fields_where, sizeof fields_where, "%s.fields", where);
    json_t *fields = json_object_get(obj, "fields");
    if (fields != NULL)
        st = item_values(fields, (ssat__kind)k, fields_where, values);
    if (st != SSAT_OK)
        return st;
    if (ssat__kinds[k].single && ssat__pack_find(pack, (ssat__kind)k) != SIZE_MAX)
        return ssat__error(SSAT_ERR_DUPLICATE, "%s: %s: a second %s (a pack holds at most one)", load_fn, where,
                           ssat__kinds[k].name);
    size_t index;
    st = ssat_pack_add(pack, ssat__kinds[k].name, &index);
    for (size_t f = 0; st == SSAT_OK && f < ssat__kinds[k].nfields; f++)
        if (values[f] != NULL)
            st = ssat_pack_set(pack, index, ssat__kinds[k].fields[f].name, values[f]);
    return st == SSAT_ERR_NOMEM ? ssat__nomem(load_fn) : st;
}

ssat_status ssat_pack_from_json(const char *json, size_t len, const ssat_allocator *alloc, ssat_pack **out)
{
    if (out != NULL)
        *out = NULL;
    ssat__alloc a;
    ssat_status st;
    json_t *root = ssat__json_open(&pack_doc, json, len, alloc, out != NULL, &a, &st);
    if (root == NULL)
        return st;
    ssat_pack *pack = NULL;
    st = json_is_array(json_object_get(root, "items"))
             ? ssat_pack_new(alloc, &pack)
             : ssat__error(SSAT_ERR_PARSE, "%s: field items: expected an array", load_fn);
    if (st == SSAT_ERR_NOMEM)
        st = ssat__nomem(load_fn);
    json_t *items = json_object_get(root, "items");
    for (size_t i = 0; st == SSAT_OK && i < json_array_size(items); i++)
        st = load_item(pack, json_array_get(items, i), i);
    json_decref(root);
    if (st != SSAT_OK) {
        ssat_pack_free(pack);
        return st;
    }
    *out = pack;
    return SSAT_OK;
}
