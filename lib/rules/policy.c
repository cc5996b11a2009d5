/* Policies: the table of named, typed keys, the built-in policies, typed access, and the text form of
 * each value. JSON persistence is in policy_json.c. */
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

/* ---- the key table ------------------------------------------------------------------------------- */

#define INT_KEY(k, lo, hi, doc) {k, doc, lo, hi, SSAT_VALUE_INT, false}
#define PCT_KEY(k, doc) {k, doc, 0, 100, SSAT_VALUE_PERCENT, false}
#define CMP_KEY(k, doc) {k, doc, 0, 3, SSAT_VALUE_COMPARATOR, false}
#define BOOL_KEY(k, doc) {k, doc, 0, 1, SSAT_VALUE_BOOL, false}
#define WIN_KEY(k, doc) {k, doc, 0, 3, SSAT_VALUE_WINDOW, false}
/* Keys added after format_version 1 (issue 14): a saved document without them still loads. */
#define NEW_INT_KEY(k, lo, hi, doc) {k, doc, lo, hi, SSAT_VALUE_INT, true}
#define NEW_BOOL_KEY(k, doc) {k, doc, 0, 1, SSAT_VALUE_BOOL, true}

const ssat__pkey_info ssat__pkeys[SSAT__P_COUNT] = {
    {"code_set", "attendance code set the policy's registers use", 0, 0, SSAT_VALUE_TEXT, false},
    WIN_KEY("referral.window", "window over which the referral criteria are evaluated"),
    PCT_KEY("referral.attendance.threshold", "R1: attendance threshold"),
    CMP_KEY("referral.attendance.comparator", "R1: attendance (comparator) threshold meets the criterion"),
    INT_KEY("referral.unauthorised.min_sessions", 0, 1000000, "R2: least number of unauthorised sessions"),
    PCT_KEY("referral.unauthorised.min_share", "R2: least share of all absence that is unauthorised (0 = off)"),
    INT_KEY("referral.provisional.max_age_school_days", 0, 1000000,
            "R5: oldest a provisional (N) mark may be, in school days"),
    BOOL_KEY("referral.require_compulsory_age", "R6: the pupil must be of compulsory school age"),
    WIN_KEY("absence.window", "window over which persistent and severe absence are evaluated"),
    PCT_KEY("absence.persistent.threshold", "persistent absence threshold (absence rate)"),
    CMP_KEY("absence.persistent.comparator", "absence rate (comparator) threshold is persistent absence"),
    BOOL_KEY("absence.severe.enabled", "whether severe absence is evaluated"),
    PCT_KEY("absence.severe.threshold", "severe absence threshold (absence rate)"),
    CMP_KEY("absence.severe.comparator", "absence rate (comparator) threshold is severe absence"),
    WIN_KEY("penalty.limb.window", "window over which the penalty-notice limbs count sessions"),
    INT_KEY("penalty.limb.unauthorised_sessions", 0, 1000000, "limb: unauthorised sessions (0 = off)"),
    INT_KEY("penalty.limb.holiday_sessions", 0, 1000000, "limb: unagreed holiday sessions (0 = off)"),
    INT_KEY("penalty.limb.late_sessions", 0, 1000000, "limb: late after registers closed (0 = off)"),
    INT_KEY("penalty.limb.combination_sessions", 0, 1000000, "limb: all unauthorised sessions together (0 = off)"),
    NEW_BOOL_KEY("penalty.limb.unauthorised_all_codes",
                 "the unauthorised absence limb counts every unauthorised code (G, N, O, U), not only those that "
                 "are neither holiday nor late arrival"),
    NEW_BOOL_KEY("penalty.limb.provisional_unknown",
                 "a limb met only thanks to provisional (N) sessions is unknown until they are resolved"),
    BOOL_KEY("penalty.year_to_date.required", "whether year-to-date attendance must be under the threshold"),
    PCT_KEY("penalty.year_to_date.threshold", "year-to-date attendance threshold for a notice"),
    CMP_KEY("penalty.year_to_date.comparator", "attendance (comparator) threshold allows a notice"),
    BOOL_KEY("penalty.warning.required", "a warning must precede a notice"),
    INT_KEY("penalty.warning.improvement_school_days", 0, 1000, "school days to improve after a warning"),
    NEW_INT_KEY("penalty.warning.improvement_min_unauthorised", 0, 1000000,
                "least unauthorised sessions in the improvement period for a notice (0 = the time alone)"),
    INT_KEY("penalty.limit.max_notices", 0, 1000, "most notices to one parent in the period"),
    INT_KEY("penalty.limit.period_months", 1, 1200, "the period of the notice limit, in months"),
    BOOL_KEY("penalty.limit.per_child", "whether the limit counts notices per parent per child"),
    INT_KEY("penalty.amount.early_pence", 0, 1000000, "amount if paid early, in pence"),
    INT_KEY("penalty.amount.early_days", 1, 365, "days after receipt in which the early amount applies"),
    INT_KEY("penalty.amount.late_pence", 0, 1000000, "amount if paid late, in pence"),
    INT_KEY("penalty.amount.late_days", 1, 365, "days after receipt in which the late amount applies"),
    NEW_BOOL_KEY("penalty.amount.receipt_is_day_one",
                 "the day the notice is received is day 1 of the payment periods (else the day after)"),
    NEW_INT_KEY("penalty.amount.repeat_months", 0, 1200,
                "a second notice to the parent for the child within this many months is the late amount, "
                "with no early rate (0 = off)"),
    NEW_INT_KEY("penalty.service.posted_working_days", 0, 30,
                "working days after posting on which a posted notice is deemed received"),
    BOOL_KEY("penalty.require_compulsory_age", "notices only for a pupil of compulsory school age"),
    INT_KEY("evidence.min_letters", 0, 1000, "R4: least number of letters to the family in the pack (0 = off)"),
    INT_KEY("evidence.min_invitations", 0, 1000, "R4: least number of invitations of the parents to a meeting (0 = off)"),
    INT_KEY("evidence.min_support_offers", 0, 1000, "R4: least number of offers of support recorded (0 = off)"),
    BOOL_KEY("evidence.require_concern", "R4: the pack must record when the concern was first raised"),
    BOOL_KEY("evidence.require_pupil_voice", "R4: the pack must record the pupil's voice"),
    INT_KEY("evidence.certificate.max_age_school_days", 0, 1000,
            "R4: most school days between the certificate's end and the referral date"),
    BOOL_KEY("evidence.require_head_teacher_signature", "R4: the head teacher must sign the referral form"),
    INT_KEY("evidence.min_meetings", 0, 1000, "R4: least number of meetings (held or not) recorded (0 = off)"),
    BOOL_KEY("evidence.require_order", "R5: concern, then letters and meetings, then any contract or plan"),
    INT_KEY("case.psp_review_days", 1, 3650, "days between reviews of a pastoral support plan"),
    INT_KEY("case.idp_review_months", 1, 120, "months between reviews of an individual development plan"),
    INT_KEY("case.referral_decision_days", 1, 365, "days the SSAT takes to accept or return a referral"),
    INT_KEY("case.due_soon_days", 0, 365, "days ahead in which due work is reported as due soon"),
    INT_KEY("case.max_gap_days", 1, 3660, "most days an event may follow the previous one in a case's trail"),
    NEW_BOOL_KEY("case.contract_offered_blocks",
                 "a parenting contract merely offered (not yet answered) blocks a referral and a notice, as an "
                 "agreed one does (stricter than the law)"),
    NEW_BOOL_KEY("case.prosecution_blocks_every_notice",
                 "a prosecution of the parent considered or open blocks every notice, not only one for the same "
                 "absence (stricter than the regulations)"),
    NEW_BOOL_KEY("case.notice_without_referral",
                 "a warning, a penalty notice or a school attendance order may follow the school's own engagement "
                 "without an SSAT referral"),
};

/* ---- built-in policies ----------------------------------------------------------------------------- */

/* The referral pack (docs/rules.md, "Evidence"): the seed's required documents and the suggested checks. The
 * SSAT is Carmarthenshire's, and no other source sets other values, so every built-in shares these. */
static void set_defaults_evidence(ssat__pvalue *v)
{
    v[SSAT__P_EVIDENCE_MIN_LETTERS].i = 1;
    v[SSAT__P_EVIDENCE_MIN_INVITATIONS].i = 1;
    v[SSAT__P_EVIDENCE_MIN_SUPPORT_OFFERS].i = 1;
    v[SSAT__P_EVIDENCE_REQUIRE_CONCERN].i = 1;
    v[SSAT__P_EVIDENCE_REQUIRE_PUPIL_VOICE].i = 0;
    v[SSAT__P_EVIDENCE_CERTIFICATE_MAX_AGE].i = 10;
    v[SSAT__P_EVIDENCE_REQUIRE_HEAD_SIGNATURE].i = 1;
    v[SSAT__P_EVIDENCE_MIN_MEETINGS].i = 1;
    v[SSAT__P_EVIDENCE_REQUIRE_ORDER].i = 1;
}

static void set_defaults_carmarthenshire(ssat__pvalue *v)
{
    memset(v, 0, sizeof(ssat__pvalue) * SSAT__P_COUNT);
    for (size_t k = 0; k < SSAT__P_COUNT; k++)
        v[k].den = 1;
    snprintf(v[SSAT__P_CODE_SET].text, sizeof v[0].text, "wales-2010");
    v[SSAT__P_REFERRAL_WINDOW].i = SSAT_WINDOW_YEAR_TO_DATE;
    v[SSAT__P_REFERRAL_ATTENDANCE_THRESHOLD].num = 85;
    v[SSAT__P_REFERRAL_ATTENDANCE_COMPARATOR].i = SSAT_CMP_LE;
    v[SSAT__P_REFERRAL_UNAUTHORISED_MIN_SESSIONS].i = 10;
    v[SSAT__P_REFERRAL_PROVISIONAL_MAX_AGE].i = 10;
    v[SSAT__P_REFERRAL_REQUIRE_COMPULSORY_AGE].i = 1;
    v[SSAT__P_ABSENCE_WINDOW].i = SSAT_WINDOW_YEAR_TO_DATE;
    v[SSAT__P_ABSENCE_PERSISTENT_THRESHOLD].num = 10;
    v[SSAT__P_ABSENCE_PERSISTENT_COMPARATOR].i = SSAT_CMP_GE;
    v[SSAT__P_ABSENCE_SEVERE_THRESHOLD].num = 50;
    v[SSAT__P_ABSENCE_SEVERE_COMPARATOR].i = SSAT_CMP_GE;
    v[SSAT__P_PENALTY_LIMB_WINDOW].i = SSAT_WINDOW_TERM;
    v[SSAT__P_PENALTY_LIMB_UNAUTHORISED].i = 10;
    v[SSAT__P_PENALTY_LIMB_HOLIDAY].i = 10;
    v[SSAT__P_PENALTY_LIMB_LATE].i = 10;
    v[SSAT__P_PENALTY_LIMB_COMBINATION].i = 10;
    v[SSAT__P_PENALTY_YTD_REQUIRED].i = 1;
    v[SSAT__P_PENALTY_YTD_THRESHOLD].num = 90;
    v[SSAT__P_PENALTY_YTD_COMPARATOR].i = SSAT_CMP_LT;
    v[SSAT__P_PENALTY_WARNING_REQUIRED].i = 1;
    v[SSAT__P_PENALTY_WARNING_IMPROVEMENT_DAYS].i = 15;
    /* The improvement period is a chance to comply: a notice needs unauthorised absence in it. */
    v[SSAT__P_PENALTY_WARNING_IMPROVEMENT_MIN_UNAUTHORISED].i = 1;
    /* A notice should not rest on unresolved provisional marks. */
    v[SSAT__P_PENALTY_LIMB_PROVISIONAL_UNKNOWN].i = 1;
    /* Payment periods run from receipt; a posted notice is deemed received on the second working day
     * after posting (a local default: no Welsh source sets it). */
    v[SSAT__P_PENALTY_SERVICE_POSTED_WORKING_DAYS].i = 2;
    v[SSAT__P_PENALTY_LIMIT_MAX_NOTICES].i = 2;
    v[SSAT__P_PENALTY_LIMIT_PERIOD_MONTHS].i = 12;
    v[SSAT__P_PENALTY_AMOUNT_EARLY_PENCE].i = 6000;
    v[SSAT__P_PENALTY_AMOUNT_EARLY_DAYS].i = 28;
    v[SSAT__P_PENALTY_AMOUNT_LATE_PENCE].i = 12000;
    v[SSAT__P_PENALTY_AMOUNT_LATE_DAYS].i = 42;
    v[SSAT__P_PENALTY_REQUIRE_COMPULSORY_AGE].i = 1;
    set_defaults_evidence(v);
    /* Case work (local defaults, no source found): PSP reviewed every six weeks, IDP at least every
     * 12 months (ALN and Education Tribunal (Wales) Act 2018), an SSAT decision within three weeks,
     * work shown as due soon a week ahead. */
    v[SSAT__P_CASE_PSP_REVIEW_DAYS].i = 42;
    v[SSAT__P_CASE_IDP_REVIEW_MONTHS].i = 12;
    v[SSAT__P_CASE_REFERRAL_DECISION_DAYS].i = 21;
    v[SSAT__P_CASE_DUE_SOON_DAYS].i = 7;
    /* A case event more than a year after the one before is taken for a mistyped date (issue 15). */
    v[SSAT__P_CASE_MAX_GAP_DAYS].i = 366;
    /* Stricter than the law, and named so that an authority sees and may change them: an offered
     * contract is given its chance before a referral or notice; any prosecution of the parent
     * considered or open stops every notice to them. */
    v[SSAT__P_CASE_CONTRACT_OFFERED_BLOCKS].i = 1;
    v[SSAT__P_CASE_PROSECUTION_BLOCKS_EVERY_NOTICE].i = 1;
    /* ERW schools request notices from the authority directly once the criteria hold and a warning
     * was given: a referral is not a precondition of a notice. */
    v[SSAT__P_CASE_NOTICE_WITHOUT_REFERRAL].i = 1;
}

/* Welsh Government's statistics use the same Welsh codes and 10 % persistent absence; the penalty
 * regulations are national. Local SSAT choices stay as Carmarthenshire's until an authority says. */
static void set_defaults_wales(ssat__pvalue *v)
{
    set_defaults_carmarthenshire(v);
}

/* England: 2024 regulations and national framework (docs/rules.md, "Penalty notices"). */
static void set_defaults_england(ssat__pvalue *v)
{
    set_defaults_carmarthenshire(v);
    snprintf(v[SSAT__P_CODE_SET].text, sizeof v[0].text, "england-2024");
    v[SSAT__P_ABSENCE_SEVERE_ENABLED].i = 1;
    v[SSAT__P_PENALTY_LIMB_WINDOW].i = SSAT_WINDOW_LAST_WEEKS;
    v[SSAT__P_PENALTY_LIMB_WINDOW].n = 10;
    v[SSAT__P_PENALTY_LIMB_HOLIDAY].i = 0;
    v[SSAT__P_PENALTY_LIMB_LATE].i = 0;
    v[SSAT__P_PENALTY_YTD_REQUIRED].i = 0;
    v[SSAT__P_PENALTY_LIMIT_PERIOD_MONTHS].i = 36;
    v[SSAT__P_PENALTY_LIMIT_PER_CHILD].i = 1;
    v[SSAT__P_PENALTY_AMOUNT_EARLY_PENCE].i = 8000;
    v[SSAT__P_PENALTY_AMOUNT_EARLY_DAYS].i = 21;
    v[SSAT__P_PENALTY_AMOUNT_LATE_PENCE].i = 16000;
    v[SSAT__P_PENALTY_AMOUNT_LATE_DAYS].i = 28;
    /* SI 2024/210: 21 and 28 days "beginning with" the day of receipt; a second notice to the same
     * parent for the same child within 3 years is the higher amount with no reduced rate. */
    v[SSAT__P_PENALTY_AMOUNT_RECEIPT_IS_DAY_ONE].i = 1;
    v[SSAT__P_PENALTY_AMOUNT_REPEAT_MONTHS].i = 36;
}

static const struct {
    const char *name;
    void (*set_defaults)(ssat__pvalue *v);
} builtins[] = {
    {"carmarthenshire", set_defaults_carmarthenshire},
    {"wales", set_defaults_wales},
    {"england-2024", set_defaults_england},
};

#define BUILTIN_COUNT (sizeof builtins / sizeof builtins[0])

size_t ssat_policy_builtin_count(void)
{
    return BUILTIN_COUNT;
}

const char *ssat_policy_builtin_name(size_t index)
{
    return index < BUILTIN_COUNT ? builtins[index].name : NULL;
}

bool ssat__policy_builtin_values(const char *name, ssat__pvalue *values)
{
    for (size_t i = 0; i < BUILTIN_COUNT; i++)
        if (strcmp(builtins[i].name, name) == 0) {
            builtins[i].set_defaults(values);
            return true;
        }
    return false;
}

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
        name = builtins[0].name;
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
