/* The policy key table (policy_keys.h): every key's name, type, range and documentation, in the order
 * of ssat__pkey and of JSON output. */
#include "rules_layer.h"
#include "policy_keys.h"

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
