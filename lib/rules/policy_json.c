/* Policy documents: save and load a policy as versioned JSON with jansson.
 *
 * Loading builds a complete set of values aside and creates the policy only when every field has been
 * checked, so a bad document never yields a partial object and never touches an existing one. Every
 * message names the field path ("values.referral.attendance.threshold").
 *
 * jansson allocates its own temporary memory (the JSON tree) with its process-global allocator, which
 * libssat never changes (it keeps no global state); the resulting policy and the saved text (written by
 * json_dumpb() straight into a block from the policy's allocator) use the caller's allocator. */
#include "rules_layer.h"
#include "policy_keys.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#define PATH_MAX_LEN 256

static const char load_fn[] = "ssat_policy_from_json";

/* ---- save ------------------------------------------------------------------------------------------- */

/* The object at dotted `key` below `root`, creating intermediate objects; returns the leaf's parent and
 * sets *leaf to the last component. */
static json_t *parent_object(json_t *root, const char *key, const char **leaf)
{
    json_t *obj = root;
    const char *start = key;
    for (const char *dot = strchr(start, '.'); dot != NULL; dot = strchr(start, '.')) {
        char part[PATH_MAX_LEN];
        size_t n = (size_t)(dot - start);
        snprintf(part, sizeof part, "%.*s", (int)n, start);
        json_t *child = json_object_get(obj, part);
        if (child == NULL) {
            child = json_object();
            if (child == NULL || json_object_set_new(obj, part, child) != 0)
                return NULL;
        }
        obj = child;
        start = dot + 1;
    }
    *leaf = start;
    return obj;
}

static json_t *value_to_json(int k, const ssat__pvalue *v)
{
    char text[64];
    switch (ssat__pkeys[k].type) {
    case SSAT_VALUE_INT: return json_integer(v->i);
    case SSAT_VALUE_BOOL: return json_boolean(v->i);
    case SSAT_VALUE_PERCENT:
        if (v->den == 1)
            return json_integer(v->num);
        break;
    default: break;
    }
    ssat__pvalue_format(k, v, text, sizeof text);
    return json_string(text);
}

ssat_status ssat_policy_to_json(const ssat_policy *policy, char **out)
{
    static const char fn[] = "ssat_policy_to_json";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    json_t *root = json_object();
    json_t *values = json_object();
    bool ok = root != NULL && values != NULL;
    ok = ok && json_object_set_new(root, "format", json_string("ssat-policy")) == 0;
    ok = ok && json_object_set_new(root, "format_version", json_integer(SSAT_POLICY_FORMAT_VERSION)) == 0;
    ok = ok && json_object_set_new(root, "name", json_string(ssat_policy_name(policy))) == 0;
    for (int k = 0; ok && k < SSAT__P_COUNT; k++) {
        const char *leaf = NULL;
        json_t *parent = parent_object(values, ssat__pkeys[k].key, &leaf);
        ok = parent != NULL && json_object_set_new(parent, leaf, value_to_json(k, ssat__policy_value(policy, k))) == 0;
    }
    ok = ok && json_object_set(root, "values", values) == 0;
    json_decref(values);
    *out = ssat__json_dump(root, ok, ssat__policy_alloc(policy));
    return *out != NULL ? SSAT_OK : ssat__nomem(fn);
}

/* ---- load ------------------------------------------------------------------------------------------- */

/* Copy a JSON string into `text`; false if it does not fit (it could not be a valid value, and truncating
 * could make it look like one: "last_weeks:000...010"), or if it holds a NUL (jansson refuses \u0000
 * without JSON_ALLOW_NUL; checked again so the value can never be cut short). */
static bool string_text(json_t *j, char *text, size_t cap)
{
    const char *s = json_string_value(j);
    size_t n = json_string_length(j);
    if (n >= cap || strlen(s) != n)
        return false;
    memcpy(text, s, n + 1);
    return true;
}

/* Convert one JSON value at `path` for key k into *v; messages name the path. */
static ssat_status value_from_json(int k, json_t *j, const char *path, ssat__pvalue *v)
{
    char text[64];
    const char *type_expected = NULL;
    switch (ssat__pkeys[k].type) {
    case SSAT_VALUE_INT:
        if (!json_is_integer(j))
            type_expected = "a whole number";
        else
            snprintf(text, sizeof text, "%lld", (long long)json_integer_value(j));
        break;
    case SSAT_VALUE_BOOL:
        if (!json_is_boolean(j))
            type_expected = "true or false";
        else
            snprintf(text, sizeof text, "%s", json_is_true(j) ? "true" : "false");
        break;
    case SSAT_VALUE_PERCENT:
        if (json_is_integer(j) && json_integer_value(j) < 0)
            return ssat__error(SSAT_ERR_RANGE, "%s: field %s: %lld %% is negative", load_fn, path,
                               (long long)json_integer_value(j));
        if (json_is_integer(j))
            snprintf(text, sizeof text, "%lld", (long long)json_integer_value(j));
        else if (!json_is_string(j))
            type_expected = "a whole number or a decimal string such as \"87.5\"";
        else if (!string_text(j, text, sizeof text))
            return ssat__error(SSAT_ERR_PARSE, "%s: field %s: not a percentage (too long, or holds a NUL)",
                               load_fn, path);
        break;
    default:
        if (!json_is_string(j))
            type_expected = "a string";
        else if (!string_text(j, text, sizeof text))
            return ssat__error(SSAT_ERR_PARSE, "%s: field %s: not a valid value (too long, or holds a NUL)",
                               load_fn, path);
        break;
    }
    if (type_expected != NULL)
        return ssat__error(SSAT_ERR_PARSE, "%s: field %s: expected %s", load_fn, path, type_expected);
    /* The parse messages append the key to this prefix, giving the full path. */
    return ssat__pvalue_parse(k, text, v, "field values.", load_fn);
}

/* Walk the "values" object: each member is a key or an object of keys below it. */
static ssat_status load_values(json_t *obj, const char *prefix, ssat__pvalue *values, bool *seen)
{
    const char *name;
    json_t *member;
    json_object_foreach(obj, name, member) {
        char key[PATH_MAX_LEN], path[PATH_MAX_LEN + 8];
        snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", name);
        snprintf(path, sizeof path, "values.%s", key);
        /* Keys nest: "referral": {"window": ...}. A dotted member name ("referral.window") is not a key,
         * or one document could give a value twice, once in each form. */
        if (strchr(name, '.') != NULL || name[0] == '\0')
            return ssat__error(SSAT_ERR_PARSE, "%s: field %.200s: unknown key (nest the parts of a dotted key "
                               "as objects)", load_fn, path);
        int k = ssat__pkey_find(key);
        if (k >= 0) {
            ssat_status st = value_from_json(k, member, path, &values[k]);
            if (st != SSAT_OK)
                return st;
            seen[k] = true;
            continue;
        }
        if (!json_is_object(member))
            return ssat__error(SSAT_ERR_PARSE, "%s: field %s: unknown key", load_fn, path);
        bool is_prefix = false;
        size_t key_len = strlen(key);
        for (int i = 0; i < SSAT__P_COUNT && !is_prefix; i++)
            is_prefix = strncmp(ssat__pkeys[i].key, key, key_len) == 0 && ssat__pkeys[i].key[key_len] == '.';
        if (!is_prefix)
            return ssat__error(SSAT_ERR_PARSE, "%s: field %s: unknown key", load_fn, path);
        ssat_status st = load_values(member, key, values, seen);
        if (st != SSAT_OK)
            return st;
    }
    return SSAT_OK;
}

static const char *const policy_fields[] = {"format", "format_version", "name", "base", "values"};
static const ssat__json_doc policy_doc = {load_fn, "ssat-policy", SSAT_POLICY_FORMAT_VERSION, policy_fields,
                                          sizeof policy_fields / sizeof policy_fields[0], false};

/* The members past the header ssat__json_open() checked. */
static ssat_status check_header(json_t *root, const char **name, const char **base)
{
    json_t *jname = json_object_get(root, "name");
    if (jname == NULL || !json_is_string(jname) || json_string_length(jname) < 1 || json_string_length(jname) > 64 ||
        strlen(json_string_value(jname)) != json_string_length(jname))
        return ssat__error(SSAT_ERR_PARSE, "%s: field name: expected a string of 1 to 64 bytes", load_fn);
    *name = json_string_value(jname);
    json_t *jbase = json_object_get(root, "base");
    *base = NULL;
    if (jbase != NULL && !json_is_string(jbase))
        return ssat__error(SSAT_ERR_PARSE, "%s: field base: expected the name of a built-in policy", load_fn);
    if (jbase != NULL)
        *base = json_string_value(jbase);
    json_t *values = json_object_get(root, "values");
    if (values == NULL || !json_is_object(values))
        return ssat__error(SSAT_ERR_PARSE, "%s: field values: expected an object", load_fn);
    return SSAT_OK;
}

static ssat_status load_document(json_t *root, const ssat__alloc *a, ssat_policy **out)
{
    const char *name = NULL, *base = NULL;
    ssat_status st = check_header(root, &name, &base);
    if (st != SSAT_OK)
        return st;
    ssat__pvalue values[SSAT__P_COUNT];
    bool seen[SSAT__P_COUNT] = {false};
    if (!ssat__policy_builtin_values(base != NULL ? base : "carmarthenshire", values))
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: field base: no built-in policy \"%.64s\"", load_fn, base);
    st = load_values(json_object_get(root, "values"), "", values, seen);
    if (st != SSAT_OK)
        return st;
    for (int k = 0; base == NULL && k < SSAT__P_COUNT; k++)
        if (!seen[k] && !ssat__pkeys[k].added_later) /* a newer key takes the built-in default */
            return ssat__error(SSAT_ERR_PARSE, "%s: field values.%s: missing (give every key, or a \"base\" policy)",
                               load_fn, ssat__pkeys[k].key);
    return ssat__policy_create(a, name, values, out, load_fn);
}

ssat_status ssat_policy_from_json(const char *json, size_t len, const ssat_allocator *alloc, ssat_policy **out)
{
    if (out != NULL)
        *out = NULL;
    ssat__alloc a;
    ssat_status st;
    json_t *root = ssat__json_open(&policy_doc, json, len, alloc, out != NULL, &a, &st);
    if (root == NULL)
        return st;
    st = load_document(root, &a, out);
    json_decref(root);
    return st;
}
