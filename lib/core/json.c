/* Shared use of jansson by the document loaders (policy, pack, case): parsing with the failure told
 * apart, so that running out of memory is reported as SSAT_ERR_NOMEM and never as a malformed
 * document. */
#include "core_layer.h"

#include <jansson.h>

/* jansson fills in the reason of every syntax error; when an allocation fails before it can (its input
 * buffer), the reason stays empty, and it says so outright when it can. */
static bool out_of_memory(const json_error_t *err)
{
    return json_error_code(err) == json_error_out_of_memory || err->text[0] == '\0';
}

void *ssat__json_load(const char *json, size_t len, const char *fn, ssat_status *st)
{
    json_error_t err;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
    if (root != NULL) {
        *st = SSAT_OK;
        return root;
    }
    if (out_of_memory(&err))
        *st = ssat__nomem(fn);
    else
        *st = ssat__error(SSAT_ERR_PARSE, "%s: line %d, column %d: %s", fn, err.line, err.column, err.text);
    return NULL;
}

static ssat_status check_header(const ssat__json_doc *doc, json_t *root)
{
    const char *field;
    json_t *member;
    if (!json_is_object(root))
        return ssat__error(SSAT_ERR_PARSE, "%s: the document is not a JSON object", doc->fn);
    json_object_foreach(root, field, member) {
        bool known = false;
        for (size_t i = 0; i < doc->nfields; i++)
            known = known || strcmp(doc->fields[i], field) == 0;
        char repr[64];
        if (!known && doc->quote_unknown)
            return ssat__error(SSAT_ERR_PARSE, "%s: field %s: unknown field", doc->fn,
                               ssat__text_repr(repr, sizeof repr, field));
        if (!known)
            return ssat__error(SSAT_ERR_PARSE, "%s: field %.80s: unknown field", doc->fn, field);
    }
    json_t *format = json_object_get(root, "format");
    if (format != NULL && (!json_is_string(format) || strcmp(json_string_value(format), doc->format) != 0))
        return ssat__error(SSAT_ERR_PARSE, "%s: field format: expected \"%s\"", doc->fn, doc->format);
    json_t *version = json_object_get(root, "format_version");
    if (version == NULL)
        return ssat__error(SSAT_ERR_PARSE, "%s: field format_version: missing", doc->fn);
    if (!json_is_integer(version) || json_integer_value(version) != doc->version)
        return ssat__error(SSAT_ERR_PARSE, "%s: field format_version: unsupported version (this library reads %d)",
                           doc->fn, doc->version);
    return SSAT_OK;
}

void *ssat__json_open(const ssat__json_doc *doc, const char *json, size_t len, const ssat_allocator *alloc,
                      bool out_given, ssat__alloc *a, ssat_status *st)
{
    if (!out_given) {
        *st = ssat__null_arg(doc->fn, "out");
        return NULL;
    }
    if (json == NULL) {
        *st = ssat__null_arg(doc->fn, "json");
        return NULL;
    }
    *st = ssat__alloc_resolve(a, alloc, doc->fn);
    if (*st != SSAT_OK)
        return NULL;
    json_t *root = ssat__json_load(json, len, doc->fn, st);
    if (root == NULL)
        return NULL;
    *st = check_header(doc, root);
    if (*st != SSAT_OK) {
        json_decref(root);
        return NULL;
    }
    return root;
}

char *ssat__json_dump(void *root, bool complete, const ssat__alloc *a)
{
    /* Measure, then write into the caller's block: the text never passes through jansson's allocator,
     * whatever it is. A final newline makes it a proper text file. */
    const size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;
    char *text = NULL;
    size_t len = complete && root != NULL ? json_dumpb(root, NULL, 0, flags) : 0;
    if (len > 0 && len < SIZE_MAX - 2)
        text = ssat__owned_alloc(a, len + 2);
    if (text != NULL && json_dumpb(root, text, len, flags) != len) {
        ssat_free(text);
        text = NULL;
    }
    json_decref(root);
    if (text != NULL) {
        text[len] = '\n';
        text[len + 1] = '\0';
    }
    return text;
}
