/* What the document loaders share (json.c): the start of every ssat_*_from_json() that reads a
 * versioned document (policy_json.c, evidence_json.c). Private; not installed. */
#ifndef SSAT_JSON_INTERNAL_H
#define SSAT_JSON_INTERNAL_H

#include "internal.h"

/* A document format: {"format": FORMAT, "format_version": VERSION, ...} with only `fields` at the top. */
typedef struct ssat__json_doc {
    const char *fn;            /* the loader, named by every message */
    const char *format;        /* the "format" value; the member may be left out */
    int version;               /* the one "format_version" read */
    const char *const *fields; /* the top-level members allowed */
    size_t nfields;
    bool quote_unknown; /* an unknown member named quoted (ssat__text_repr), else cut to 80 bytes */
} ssat__json_doc;

/* The prologue of a loader: fails with SSAT_ERR_INVALID_ARG when `out_given` is false (its `out` is
 * NULL), `json` is NULL or the allocator is bad; else resolves the allocator into *a, parses the
 * document (ssat__json_load()) and checks that it is an object with only the format's members, the
 * format's name and its version. Returns the json_t * root (the caller's to json_decref()), or NULL
 * with *st set. */
void *ssat__json_open(const ssat__json_doc *doc, const char *json, size_t len, const ssat_allocator *alloc,
                      bool out_given, ssat__alloc *a, ssat_status *st);

/* The text of a built document (two-space indent, members in order, a final newline) in a block from
 * `a` that the caller frees with ssat_free(); NULL when `complete` is false (the build failed) or memory
 * runs out. `root` (may be NULL) is released. */
char *ssat__json_dump(void *root, bool complete, const ssat__alloc *a);

#endif
