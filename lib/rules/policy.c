/* Policies: the object, typed access with validation, and the text form of each value. The key table
 * is in policy_keys.c, the built-in policies in policy_builtin.c, JSON persistence in policy_json.c. */
#include "rules_layer.h"
#include "policy_keys.h"

#include <stdio.h>
#include <stdlib.h>

#define POLICY_NAME_MAX 64

struct ssat_policy {
    ssat__alloc alloc;
    char *name;
    ssat__pvalue values[SSAT__P_COUNT];
};

/* ---- life cycle ------------------------------------------------------------------------------------ */

/* A name must be writable to JSON, which jansson refuses unless it is strict UTF-8. */
static bool valid_name(const char *name)
{
    size_t n = strlen(name);
    return n >= 1 && n <= POLICY_NAME_MAX && ssat__utf8_valid(name, n);
}

ssat_status ssat__policy_create(const ssat__alloc *a, const char *name, const ssat__pvalue *values,
                                ssat_policy **out, const char *fn)
{
    ssat_policy *p = ssat__calloc(a, 1, sizeof *p);
    if (p == NULL)
        return ssat__nomem(fn);
    p->alloc = *a;
    p->name = ssat__strdup(a, name);
    if (p->name == NULL) {
        ssat__free(a, p, sizeof *p);
        return ssat__nomem(fn);
    }
    memcpy(p->values, values, sizeof p->values);
    *out = p;
    return SSAT_OK;
}

ssat_status ssat_policy_builtin(const char *name, const ssat_allocator *alloc, ssat_policy **out)
{
    static const char fn[] = "ssat_policy_builtin";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (name == NULL)
        name = ssat_policy_builtin_name(0); /* the first built-in is the default */
    ssat__alloc a;
    ssat_status st = ssat__alloc_resolve(&a, alloc, fn);
    if (st != SSAT_OK)
        return st;
    ssat__pvalue values[SSAT__P_COUNT];
    if (!ssat__policy_builtin_values(name, values))
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'name': no built-in policy \"%.64s\" (try "
                           "carmarthenshire, wales or england-2024)", fn, name);
    return ssat__policy_create(&a, name, values, out, fn);
}

ssat_status ssat_policy_copy(const ssat_policy *src, ssat_policy **out)
{
    static const char fn[] = "ssat_policy_copy";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (src == NULL)
        return ssat__null_arg(fn, "src");
    return ssat__policy_create(&src->alloc, src->name, src->values, out, fn);
}

void ssat_policy_free(ssat_policy *policy)
{
    if (policy == NULL)
        return;
    ssat__alloc a = policy->alloc;
    ssat__free_str(&a, policy->name);
    ssat__free(&a, policy, sizeof *policy);
}

const char *ssat_policy_name(const ssat_policy *policy)
{
    return policy == NULL ? "" : policy->name;
}

ssat_status ssat_policy_set_name(ssat_policy *policy, const char *name)
{
    static const char fn[] = "ssat_policy_set_name";
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (name == NULL)
        return ssat__null_arg(fn, "name");
    if (!valid_name(name))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'name' must be 1 to %d bytes of UTF-8", fn,
                           POLICY_NAME_MAX);
    char *copy = ssat__strdup(&policy->alloc, name);
    if (copy == NULL)
        return ssat__nomem(fn);
    ssat__free_str(&policy->alloc, policy->name);
    policy->name = copy;
    return SSAT_OK;
}

static bool value_equal(ssat_value_type type, const ssat__pvalue *a, const ssat__pvalue *b)
{
    switch (type) {
    case SSAT_VALUE_PERCENT: return a->num == b->num && a->den == b->den;
    case SSAT_VALUE_WINDOW: return a->i == b->i && a->n == b->n;
    case SSAT_VALUE_TEXT: return strcmp(a->text, b->text) == 0;
    default: return a->i == b->i;
    }
}

int32_t ssat_policy_equal(const ssat_policy *a, const ssat_policy *b)
{
    if (a == NULL || b == NULL || strcmp(a->name, b->name) != 0)
        return 0;
    for (size_t k = 0; k < SSAT__P_COUNT; k++)
        if (!value_equal(ssat__pkeys[k].type, &a->values[k], &b->values[k]))
            return 0;
    return 1;
}

const ssat__pvalue *ssat__policy_value(const ssat_policy *policy, ssat__pkey key)
{
    return &policy->values[key];
}

const ssat__alloc *ssat__policy_alloc(const ssat_policy *policy)
{
    return &policy->alloc;
}

/* ---- keys ------------------------------------------------------------------------------------------ */

size_t ssat_policy_key_count(void)
{
    return SSAT__P_COUNT;
}

ssat_status ssat_policy_key_at(size_t index, const char **key_out, ssat_value_type *type_out, const char **doc_out)
{
    if (key_out != NULL)
        *key_out = NULL;
    if (doc_out != NULL)
        *doc_out = NULL;
    if (type_out != NULL)
        *type_out = SSAT_VALUE_INT;
    if (index >= SSAT__P_COUNT)
        return ssat__error(SSAT_ERR_RANGE, "ssat_policy_key_at: argument 'index': %zu is not below %d", index,
                           (int)SSAT__P_COUNT);
    if (key_out != NULL)
        *key_out = ssat__pkeys[index].key;
    if (type_out != NULL)
        *type_out = ssat__pkeys[index].type;
    if (doc_out != NULL)
        *doc_out = ssat__pkeys[index].doc;
    return SSAT_OK;
}

int ssat__pkey_find(const char *key)
{
    for (size_t k = 0; k < SSAT__P_COUNT; k++)
        if (strcmp(ssat__pkeys[k].key, key) == 0)
            return (int)k;
    return -1;
}

static const char *type_name(ssat_value_type t)
{
    static const char *const names[] = {"int", "percent", "comparator", "bool", "window", "text"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "unknown";
}

/* Find `key` of type `type` for function `fn`; returns the index or a negative status. */
static int lookup(const void *policy, const char *key, ssat_value_type type, const char *fn, ssat_status *st)
{
    *st = SSAT_OK;
    if (policy == NULL) {
        *st = ssat__null_arg(fn, "policy");
        return -1;
    }
    if (key == NULL) {
        *st = ssat__null_arg(fn, "key");
        return -1;
    }
    int k = ssat__pkey_find(key);
    if (k < 0) {
        *st = ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'key': no policy key \"%.80s\"", fn, key);
        return -1;
    }
    if (ssat__pkeys[k].type != type) {
        *st = ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'key': \"%s\" has type %s, not %s", fn, key,
                          type_name(ssat__pkeys[k].type), type_name(type));
        return -1;
    }
    return k;
}

/* ---- typed access ------------------------------------------------------------------------------------ */

ssat_status ssat__pvalue_check_int(int k, int64_t value, const char *where, const char *fn)
{
    if (value < ssat__pkeys[k].min || value > ssat__pkeys[k].max)
        return ssat__error(SSAT_ERR_RANGE, "%s: %s%s: %lld is outside %lld..%lld", fn, where, ssat__pkeys[k].key,
                           (long long)value, (long long)ssat__pkeys[k].min, (long long)ssat__pkeys[k].max);
    return SSAT_OK;
}

ssat_status ssat_policy_get_int(const ssat_policy *policy, const char *key, int64_t *out)
{
    static const char fn[] = "ssat_policy_get_int";
    ssat_status st;
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    int k = lookup(policy, key, SSAT_VALUE_INT, fn, &st);
    if (k >= 0)
        *out = policy->values[k].i;
    return st;
}

ssat_status ssat_policy_set_int(ssat_policy *policy, const char *key, int64_t value)
{
    static const char fn[] = "ssat_policy_set_int";
    ssat_status st;
    int k = lookup(policy, key, SSAT_VALUE_INT, fn, &st);
    if (k < 0)
        return st;
    st = ssat__pvalue_check_int(k, value, "key ", fn);
    if (st == SSAT_OK)
        policy->values[k].i = value;
    return st;
}

ssat_status ssat_policy_get_percent(const ssat_policy *policy, const char *key, uint32_t *num_out, uint32_t *den_out)
{
    static const char fn[] = "ssat_policy_get_percent";
    ssat_status st;
    if (num_out == NULL)
        return ssat__null_arg(fn, "num_out");
    if (den_out == NULL)
        return ssat__null_arg(fn, "den_out");
    *num_out = 0;
    *den_out = 1;
    int k = lookup(policy, key, SSAT_VALUE_PERCENT, fn, &st);
    if (k >= 0) {
        *num_out = policy->values[k].num;
        *den_out = policy->values[k].den;
    }
    return st;
}

/* Check num/den percent and reduce it (850/10 becomes 85/1) so equal values compare equal. */
ssat_status ssat__percent_normalise(uint32_t *num, uint32_t *den, const char *what, const char *fn)
{
    uint32_t d = *den;
    bool power_of_ten = d >= 1 && d <= 1000000;
    while (power_of_ten && d > 1) {
        power_of_ten = d % 10 == 0;
        d /= 10;
    }
    if (!power_of_ten)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: %s: denominator %u is not 1, 10, 100, ... 1000000", fn, what,
                           *den);
    if ((uint64_t)*num > (uint64_t)100 * *den)
        return ssat__error(SSAT_ERR_RANGE, "%s: %s: %u/%u %% is above 100 %%", fn, what, *num, *den);
    while (*den > 1 && *num % 10 == 0) {
        *num /= 10;
        *den /= 10;
    }
    return SSAT_OK;
}

ssat_status ssat_policy_set_percent(ssat_policy *policy, const char *key, uint32_t num, uint32_t den)
{
    static const char fn[] = "ssat_policy_set_percent";
    ssat_status st;
    int k = lookup(policy, key, SSAT_VALUE_PERCENT, fn, &st);
    if (k < 0)
        return st;
    char what[128];
    snprintf(what, sizeof what, "key %s: arguments 'num'/'den'", ssat__pkeys[k].key);
    st = ssat__percent_normalise(&num, &den, what, fn);
    if (st == SSAT_OK) {
        policy->values[k].num = num;
        policy->values[k].den = den;
    }
    return st;
}

ssat_status ssat_policy_get_comparator(const ssat_policy *policy, const char *key, ssat_comparator *out)
{
    static const char fn[] = "ssat_policy_get_comparator";
    ssat_status st;
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = SSAT_CMP_LT;
    int k = lookup(policy, key, SSAT_VALUE_COMPARATOR, fn, &st);
    if (k >= 0)
        *out = (ssat_comparator)policy->values[k].i;
    return st;
}

ssat_status ssat_policy_set_comparator(ssat_policy *policy, const char *key, ssat_comparator value)
{
    static const char fn[] = "ssat_policy_set_comparator";
    ssat_status st;
    int k = lookup(policy, key, SSAT_VALUE_COMPARATOR, fn, &st);
    if (k < 0)
        return st;
    if ((int)value < SSAT_CMP_LT || (int)value > SSAT_CMP_GT)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'value': unknown comparator %d", fn, (int)value);
    policy->values[k].i = value;
    return SSAT_OK;
}

ssat_status ssat_policy_get_bool(const ssat_policy *policy, const char *key, int32_t *out)
{
    static const char fn[] = "ssat_policy_get_bool";
    ssat_status st;
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    int k = lookup(policy, key, SSAT_VALUE_BOOL, fn, &st);
    if (k >= 0)
        *out = (int32_t)policy->values[k].i;
    return st;
}

ssat_status ssat_policy_set_bool(ssat_policy *policy, const char *key, int32_t value)
{
    static const char fn[] = "ssat_policy_set_bool";
    ssat_status st;
    int k = lookup(policy, key, SSAT_VALUE_BOOL, fn, &st);
    if (k < 0)
        return st;
    if (value != 0 && value != 1)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'value': %d is not 0 or 1", fn, (int)value);
    policy->values[k].i = value;
    return SSAT_OK;
}

ssat_status ssat_policy_get_window(const ssat_policy *policy, const char *key, ssat_window_kind *kind_out,
                                   int32_t *n_out)
{
    static const char fn[] = "ssat_policy_get_window";
    ssat_status st;
    if (kind_out == NULL)
        return ssat__null_arg(fn, "kind_out");
    *kind_out = SSAT_WINDOW_YEAR_TO_DATE;
    if (n_out != NULL)
        *n_out = 0;
    int k = lookup(policy, key, SSAT_VALUE_WINDOW, fn, &st);
    if (k >= 0) {
        *kind_out = (ssat_window_kind)policy->values[k].i;
        if (n_out != NULL)
            *n_out = policy->values[k].n;
    }
    return st;
}

ssat_status ssat_policy_set_window(ssat_policy *policy, const char *key, ssat_window_kind kind, int32_t n)
{
    static const char fn[] = "ssat_policy_set_window";
    ssat_status st;
    int k = lookup(policy, key, SSAT_VALUE_WINDOW, fn, &st);
    if (k < 0)
        return st;
    bool with_n = kind == SSAT_WINDOW_LAST_WEEKS || kind == SSAT_WINDOW_LAST_SESSIONS;
    if (!with_n && kind != SSAT_WINDOW_YEAR_TO_DATE && kind != SSAT_WINDOW_TERM)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'kind': unknown window kind %d", fn, (int)kind);
    if (with_n && (n < 1 || n > SSAT__WINDOW_N_MAX))
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'n': %d is outside 1..%d", fn, (int)n,
                           SSAT__WINDOW_N_MAX);
    policy->values[k].i = kind;
    policy->values[k].n = with_n ? n : 0;
    return SSAT_OK;
}

ssat_status ssat_policy_get_text(const ssat_policy *policy, const char *key, const char **out)
{
    static const char fn[] = "ssat_policy_get_text";
    ssat_status st;
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    int k = lookup(policy, key, SSAT_VALUE_TEXT, fn, &st);
    if (k >= 0)
        *out = policy->values[k].text;
    return st;
}

ssat_status ssat__pvalue_check_text(const char *value, const char *where, const char *fn)
{
    for (size_t i = 0; i < ssat_codeset_builtin_count(); i++)
        if (strcmp(ssat_codeset_builtin_name(i), value) == 0)
            return SSAT_OK;
    return ssat__error(SSAT_ERR_NOT_FOUND, "%s: %scode_set: no built-in code set \"%.40s\"", fn, where, value);
}

ssat_status ssat_policy_set_text(ssat_policy *policy, const char *key, const char *value)
{
    static const char fn[] = "ssat_policy_set_text";
    ssat_status st;
    int k = lookup(policy, key, SSAT_VALUE_TEXT, fn, &st);
    if (k < 0)
        return st;
    if (value == NULL)
        return ssat__null_arg(fn, "value");
    st = ssat__pvalue_check_text(value, "key ", fn);
    if (st == SSAT_OK)
        snprintf(policy->values[k].text, sizeof policy->values[k].text, "%s", value);
    return st;
}

/* ---- text form ----------------------------------------------------------------------------------------- */

static const char *const comparator_text[] = {"<", "<=", ">=", ">"};

const char *ssat__comparator_text(ssat_comparator c)
{
    return (unsigned)c < 4 ? comparator_text[c] : "?";
}

/* Write the text form of a percent: "85", "87.5", "33.333". */
void ssat__percent_format(uint32_t num, uint32_t den, char *buf, size_t cap)
{
    if (den <= 1) {
        snprintf(buf, cap, "%u", num);
        return;
    }
    /* den is a power of ten up to 10^6: one decimal digit per factor of ten, leading zeros kept. */
    char frac[16];
    size_t decimals = 0;
    for (uint32_t d = den; d > 1 && decimals < sizeof frac - 1; d /= 10)
        decimals++;
    uint32_t rest = num % den;
    for (size_t i = decimals; i > 0; i--) {
        frac[i - 1] = (char)('0' + rest % 10);
        rest /= 10;
    }
    frac[decimals] = '\0';
    snprintf(buf, cap, "%u.%s", num / den, frac);
}

void ssat__pvalue_format(int k, const ssat__pvalue *v, char *buf, size_t cap)
{
    switch (ssat__pkeys[k].type) {
    case SSAT_VALUE_INT: snprintf(buf, cap, "%lld", (long long)v->i); break;
    case SSAT_VALUE_PERCENT: ssat__percent_format(v->num, v->den, buf, cap); break;
    case SSAT_VALUE_COMPARATOR: snprintf(buf, cap, "%s", ssat__comparator_text((ssat_comparator)v->i)); break;
    case SSAT_VALUE_BOOL: snprintf(buf, cap, "%s", v->i ? "true" : "false"); break;
    case SSAT_VALUE_WINDOW:
        if (ssat_window_kind_format((ssat_window_kind)v->i, v->n, buf, cap) != SSAT_OK)
            snprintf(buf, cap, "?");
        break;
    case SSAT_VALUE_TEXT: snprintf(buf, cap, "%s", v->text); break;
    }
}

/* Parse a decimal percent exactly into num/den: digits, optionally a point and 1 to 6 decimals ("85",
 * "87.5", "33.333333"). `what` names the key or field in messages. A well-formed number above 100 is a
 * range error, anything else a parse error. */
ssat_status ssat__percent_parse(const char *s, uint32_t *num, uint32_t *den, const char *what, const char *fn)
{
    uint64_t n = 0, d = 1;
    size_t int_digits = 0, decimals = 0;
    bool point = false, big = false;
    const char *p = s;
    for (; *p != '\0'; p++) {
        if (*p == '.' && !point) {
            point = true;
            continue;
        }
        if (*p < '0' || *p > '9')
            break;
        if (point) {
            if (++decimals > 6)
                break;
            d *= 10;
        } else {
            int_digits++;
        }
        if (n > 1000000000u) /* already far above 100 %: remember, keep checking the form */
            big = true;
        else
            n = n * 10 + (uint64_t)(*p - '0');
    }
    if (*p != '\0' || int_digits == 0 || (point && decimals == 0))
        return ssat__error(SSAT_ERR_PARSE, "%s: %s: \"%.40s\" is not a percentage (digits with at most six "
                           "decimals, e.g. 85 or 87.5)", fn, what, s);
    if (big || n > 100 * d)
        return ssat__error(SSAT_ERR_RANGE, "%s: %s: %.40s %% is outside 0..100", fn, what, s);
    *num = (uint32_t)n;
    *den = (uint32_t)d;
    return ssat__percent_normalise(num, den, what, fn);
}

/* "last_weeks:N" or "last_sessions:N" with N digits but out of range: a range error, not a parse error. */
static bool window_n_out_of_range(const char *text)
{
    const char *digits = NULL;
    if (strncmp(text, "last_weeks:", 11) == 0)
        digits = text + 11;
    else if (strncmp(text, "last_sessions:", 14) == 0)
        digits = text + 14;
    if (digits == NULL || *digits == '\0' || (digits[0] == '0' && digits[1] != '\0'))
        return false;
    for (const char *p = digits; *p != '\0'; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true; /* a well-formed N that ssat_window_kind_parse refused: 0 or too large */
}

ssat_status ssat__pvalue_parse(int k, const char *text, ssat__pvalue *v, const char *where, const char *fn)
{
    ssat__pvalue nv = *v;
    ssat_status st = SSAT_OK;
    char what[128]; /* where the value is, for messages: "key referral.window", "field values.referral.window" */
    snprintf(what, sizeof what, "%s%s", where, ssat__pkeys[k].key);
    switch (ssat__pkeys[k].type) {
    case SSAT_VALUE_INT: {
        char *end = NULL;
        long long x = strtoll(text, &end, 10);
        if (*text == '\0' || *end != '\0' || (*text != '-' && (*text < '0' || *text > '9')))
            return ssat__error(SSAT_ERR_PARSE, "%s: %s: \"%.40s\" is not a whole number", fn, what, text);
        st = ssat__pvalue_check_int(k, x, where, fn);
        nv.i = x;
        break;
    }
    case SSAT_VALUE_PERCENT: st = ssat__percent_parse(text, &nv.num, &nv.den, what, fn); break;
    case SSAT_VALUE_COMPARATOR: {
        int found = -1;
        for (int c = 0; c < 4; c++)
            if (strcmp(text, comparator_text[c]) == 0)
                found = c;
        if (found < 0)
            return ssat__error(SSAT_ERR_PARSE, "%s: %s: \"%.40s\" is not a comparator (<, <=, >=, >)", fn, what,
                               text);
        nv.i = found;
        break;
    }
    case SSAT_VALUE_BOOL:
        if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0)
            nv.i = text[0] == 't';
        else
            return ssat__error(SSAT_ERR_PARSE, "%s: %s: \"%.40s\" is not true or false", fn, what, text);
        break;
    case SSAT_VALUE_WINDOW: {
        ssat_window_kind kind;
        int32_t n = 0;
        if (ssat_window_kind_parse(text, &kind, &n) != SSAT_OK) {
            if (window_n_out_of_range(text))
                return ssat__error(SSAT_ERR_RANGE, "%s: %s: \"%.40s\": N is outside 1..%d", fn,
                                   what, text, SSAT__WINDOW_N_MAX);
            return ssat__error(SSAT_ERR_PARSE, "%s: %s: \"%.40s\" is not a window (year_to_date, term, "
                               "last_weeks:N, last_sessions:N)", fn, what, text);
        }
        nv.i = kind;
        nv.n = n;
        break;
    }
    case SSAT_VALUE_TEXT:
        st = ssat__pvalue_check_text(text, where, fn);
        if (st == SSAT_OK)
            snprintf(nv.text, sizeof nv.text, "%s", text);
        break;
    }
    if (st == SSAT_OK)
        *v = nv;
    return st;
}

ssat_status ssat_policy_get_value_text(const ssat_policy *policy, const char *key, char **out)
{
    static const char fn[] = "ssat_policy_get_value_text";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (key == NULL)
        return ssat__null_arg(fn, "key");
    int k = ssat__pkey_find(key);
    if (k < 0)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'key': no policy key \"%.80s\"", fn, key);
    char buf[64];
    ssat__pvalue_format(k, &policy->values[k], buf, sizeof buf);
    *out = ssat__owned_strndup(&policy->alloc, buf, strlen(buf));
    return *out == NULL ? ssat__nomem(fn) : SSAT_OK;
}

ssat_status ssat_policy_set_value_text(ssat_policy *policy, const char *key, const char *text)
{
    static const char fn[] = "ssat_policy_set_value_text";
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (key == NULL)
        return ssat__null_arg(fn, "key");
    if (text == NULL)
        return ssat__null_arg(fn, "text");
    int k = ssat__pkey_find(key);
    if (k < 0)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'key': no policy key \"%.80s\"", fn, key);
    return ssat__pvalue_parse(k, text, &policy->values[k], "key ", fn);
}
