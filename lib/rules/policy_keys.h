/* Internal: the policy key table (policy_keys.c), the built-in values (policy_builtin.c) and the value
 * helpers (policy.c) that policy.c and policy_json.c share. */
#ifndef SSAT_POLICY_KEYS_H
#define SSAT_POLICY_KEYS_H

#include "rules_layer.h"

typedef struct ssat__pkey_info {
    const char *key;
    const char *doc;
    int64_t min, max; /* for INT keys */
    ssat_value_type type;
    bool added_later; /* added after format_version 1: optional in a document without a base */
} ssat__pkey_info;

extern const ssat__pkey_info ssat__pkeys[SSAT__P_COUNT];

int ssat__pkey_find(const char *key);
bool ssat__policy_builtin_values(const char *name, ssat__pvalue *values);
ssat_status ssat__policy_create(const ssat__alloc *a, const char *name, const ssat__pvalue *values,
                                ssat_policy **out, const char *fn);
/* `where` names the place for messages, e.g. "field" and then the key is appended. */
ssat_status ssat__pvalue_check_int(int k, int64_t value, const char *where, const char *fn);
ssat_status ssat__pvalue_check_text(const char *value, const char *where, const char *fn);
ssat_status ssat__pvalue_parse(int k, const char *text, ssat__pvalue *v, const char *where, const char *fn);
void ssat__pvalue_format(int k, const ssat__pvalue *v, char *buf, size_t cap);
ssat_status ssat__percent_normalise(uint32_t *num, uint32_t *den, const char *what, const char *fn);
ssat_status ssat__percent_parse(const char *s, uint32_t *num, uint32_t *den, const char *where, const char *fn);
void ssat__percent_format(uint32_t num, uint32_t den, char *buf, size_t cap);
const char *ssat__comparator_text(ssat_comparator c);

#endif
