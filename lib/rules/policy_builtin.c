/* The built-in policies (docs/rules.md, "Policy keys"): the values of every key for Carmarthenshire,
 * Wales and England, by name. */
#include "rules_layer.h"
#include "policy_keys.h"

#include <stdio.h>
#include <string.h>

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
