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
