/**
 * @file ssat/rules.h
 * @brief The decisions: SSAT referral criteria, persistent and severe absence, penalty-notice
 *        eligibility, and projections. Every value comes from an ::ssat_policy.
 *
 * All rules take an as-of date from the caller and the calendar of the school year containing it.
 * Each returns an explained ::ssat_decision (see decision.h).
 */
#ifndef SSAT_RULES_H
#define SSAT_RULES_H

#include "common.h"
#include "errors.h"
#include "calendar.h"
#include "register.h"
#include "policy.h"
#include "pupil.h"
#include "decision.h"

SSAT_BEGIN_DECL

/**
 * SSAT referral criteria (docs/rules.md, "Referral criteria"), over the policy's "referral.window":
 * - "referral.r1.attendance": attendance (cmp) threshold, e.g. attended*100 <= 85*possible;
 * - "referral.r2.unauthorised": at least "referral.unauthorised.min_sessions" unauthorised sessions
 *   (provisional N marks count, and are named in the message), and, when "min_share" is above 0, that
 *   share of all absence;
 * - "referral.r3.engagement": cause explored, support offered and parents invited (pupil facts);
 * - "referral.r4.evidence": the referral pack is complete (pupil fact; the evidence check sets it);
 * - "referral.r5.register_complete": no missing mark in the window (from the register);
 * - "referral.r5.provisional": no provisional mark older than "referral.provisional.max_age_school_days"
 *   school days before @p as_of;
 * - "referral.r5.procedures": the school's procedure and chronology respected (pupil fact);
 * - "referral.r6.compulsory_age": of compulsory school age on @p as_of (from the date of birth); when
 *   "referral.require_compulsory_age" is false it is met, its message saying the policy does not require it;
 * - "referral.r6.on_roll": on the school's roll (pupil fact).
 * The decision is met when every criterion is met, not met when any is not met, otherwise unknown. The
 * criteria are always listed, in this order. When nothing was possible in the window, R1 and R2 are not
 * met, their messages saying the window is not evaluable (no threshold holds).
 * R5 counts as missing the explicit missing marks in the window and the school-day sessions without an
 * entry between the register's first and last entries (as ssat_register_validate() does). A provisional
 * mark's age is the number of school days after its date up to @p as_of; days before the calendar's
 * 1 August count as elapsed school days (the calendar does not know the previous year's terms).
 * @param pupil  facts about the pupil; NULL means every fact is unknown.
 * @param out    receives the decision; free with ssat_decision_free(). Uses the policy's allocator.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE if @p as_of is not in the calendar's year,
 *         or the policy's window cannot be resolved for it (a term window before the first term begins);
 *         ::SSAT_ERR_STATE if the register's code set is not the policy's "code_set" (by name);
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_referral_evaluate(const ssat_policy *policy, const ssat_register *reg,
                                            const ssat_calendar *calendar, const ssat_pupil *pupil,
                                            ssat_date as_of, ssat_decision **out);

/**
 * Persistent absence ("absence.persistent": absence rate (cmp) threshold over "absence.window") and,
 * when "absence.severe.enabled", severe absence ("absence.severe"). The decision is met when the pupil is
 * persistently absent; read "absence.severe" for severe absence. When severe absence is not enabled the
 * decision does not list it. The absence rate is authorised plus unauthorised over possible sessions;
 * with nothing possible both are not met (not evaluable).
 * @return as ssat_referral_evaluate().
 */
SSAT_API ssat_status ssat_absence_evaluate(const ssat_policy *policy, const ssat_register *reg,
                                           const ssat_calendar *calendar, ssat_date as_of, ssat_decision **out);

/**
 * Penalty-notice eligibility for a pupil and one parent (docs/rules.md, "Penalty notices").
 * Limbs over "penalty.limb.window", met when at least one holds (a limb whose count is 0 is switched off:
 * it is still listed, not met, its message saying the policy switched it off):
 * - "penalty.limb.unauthorised": unauthorised sessions other than holiday and late-after-close;
 * - "penalty.limb.holiday": unauthorised holiday sessions (G);
 * - "penalty.limb.late": late after registers closed (U);
 * - "penalty.limb.combination": all unauthorised sessions together.
 * Conditions, each required:
 * - "penalty.year_to_date": year-to-date attendance (cmp) threshold, e.g. below 90 % (when required);
 * - "penalty.guard.warning": a warning was issued to this parent for this pupil (when required);
 * - "penalty.guard.improvement_period": "penalty.warning.improvement_school_days" school days have passed
 *   since the latest warning;
 * - "penalty.guard.proceedings": no proceedings contemplated or open for an absence overlapping the window;
 * - "penalty.guard.duplicate": no notice already issued for an absence overlapping the window;
 * - "penalty.guard.parent_limit": fewer than "penalty.limit.max_notices" notices to this parent (for this
 *   child when "per_child") in the "period_months" before @p as_of;
 * - "penalty.guard.compulsory_age": of compulsory school age on @p as_of (when required).
 * A condition the policy does not require is met, its message saying so. The decision is met when a limb
 * and every condition are met, not met when no limb or any condition is not met, otherwise unknown.
 * History entries match this pupil by ssat_pupil_id(); only entries dated on or before @p as_of count,
 * so evaluating as of a past date ignores what came later. The improvement period runs from the latest
 * warning; for a warning given in the previous school year it is unknown here (its school days need that
 * year's calendar: ssat_penalty_evaluate_years()). The limit period is the
 * "period_months" months ending on @p as_of (from the day after the same day that many months before,
 * clamped to the month's end). Without @p pupil, the guards that match entries to the pupil and the age
 * are unknown.
 * Where not met only for want of sessions or time (every other condition met or unknown),
 * ssat_decision_earliest_date() gives the first school day on which the limbs and the improvement period
 * could both hold at the pupil's current rate: a limb short of its count gains count/possible per
 * possible session, two a school day, up to the end of the limb window's term (or year). No date is
 * given for a rolling window (last N weeks or sessions), whose count does not grow at a steady rate,
 * without a warning when one is required, or when the date would fall after compulsory school age ends.
 * @param pupil   facts about the pupil; NULL means unknown.
 * @param parent  the parent's history; NULL means unknown (guards that need it are unknown).
 * @return as ssat_referral_evaluate().
 */
SSAT_API ssat_status ssat_penalty_evaluate(const ssat_policy *policy, const ssat_register *reg,
                                           const ssat_calendar *calendar, const ssat_pupil *pupil,
                                           const ssat_parent *parent, ssat_date as_of, ssat_decision **out);

/**
 * ssat_penalty_evaluate() with the pupil's register and the school calendar of the previous school
 * year, for the two conditions that reach back before 1 August (docs/rules.md, "Across 1 August"):
 * - a limb window of the last school weeks (England's 10) that begins before 1 August counts both
 *   years' sessions, as ssat_evaluation_register_years() does; ssat_penalty_evaluate() gives such a
 *   limb, not met on this year's sessions, as unknown;
 * - an improvement period after a warning given in the previous school year counts that year's school
 *   days after the warning and the unauthorised absence in them; ssat_penalty_evaluate() gives it as
 *   unknown.
 * The trail of a case's notice (ssat_case_event version 2) counts the same way.
 * @param previous_reg       the pupil's register of the previous school year, of the policy's code set.
 * @param previous_calendar  the calendar of the school year before @p calendar's.
 * Both NULL is ssat_penalty_evaluate().
 * @return as ssat_penalty_evaluate(); ::SSAT_ERR_INVALID_ARG when only one of @p previous_reg and
 *         @p previous_calendar is given; ::SSAT_ERR_RANGE when @p previous_calendar is not the previous
 *         school year's; ::SSAT_ERR_STATE when @p previous_reg's code set is not the policy's.
 */
SSAT_API ssat_status ssat_penalty_evaluate_years(const ssat_policy *policy, const ssat_register *reg,
                                                 const ssat_calendar *calendar, const ssat_pupil *pupil,
                                                 const ssat_parent *parent, ssat_date as_of,
                                                 const ssat_register *previous_reg,
                                                 const ssat_calendar *previous_calendar, ssat_decision **out);

/** Stage of a penalty notice's payment. */
typedef enum ssat_payment_stage {
    SSAT_PAYMENT_EARLY = 0,  /**< within "penalty.amount.early_days": the early amount is due */
    SSAT_PAYMENT_LATE = 1,   /**< within "penalty.amount.late_days": the late amount is due */
    SSAT_PAYMENT_EXPIRED = 2 /**< after that: nothing can be paid; prosecution is considered */
} ssat_payment_stage;

/**
 * The amount due on @p paid_on for a notice issued on @p issued: day 1 is the day after issue, so a
 * payment on the 28th day after issue is early under a 28-day rule. This treats the day of issue as the
 * day of receipt (a notice handed over); the periods run from receipt: use
 * ssat_penalty_received() and ssat_penalty_amount_due_received() for a posted notice, for England's
 * counting and for a repeat notice.
 * @param pence_out  receives the amount in pence (0 when expired).
 * @param stage_out  receives the stage; may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, @p paid_on before @p issued).
 */
SSAT_API ssat_status ssat_penalty_amount_due(const ssat_policy *policy, ssat_date issued, ssat_date paid_on,
                                             int64_t *pence_out, ssat_payment_stage *stage_out);

/** How a penalty notice was served (docs/rules.md, "Payment"). */
typedef enum ssat_service {
    SSAT_SERVICE_HAND = 0, /**< handed to the parent: received the same day */
    SSAT_SERVICE_POST = 1  /**< posted: deemed received "penalty.service.posted_working_days" working days later */
} ssat_service;

/**
 * The day a notice served on @p served by @p method is received: the same day by hand; by post, the
 * "penalty.service.posted_working_days"-th working day after posting (working days are Monday to
 * Friday; bank holidays are not known to libssat, so a caller who knows one adds it).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, unknown method); ::SSAT_ERR_RANGE (past the last
 *         supported date).
 */
SSAT_API ssat_status ssat_penalty_received(const ssat_policy *policy, ssat_date served, ssat_service method,
                                           ssat_date *out);

/**
 * The amount due on @p paid_on for a notice received on @p received. The payment periods
 * ("penalty.amount.early_days", "late_days") run from receipt: day 1 is the day of receipt when
 * "penalty.amount.receipt_is_day_one" (England: 21 and 28 days "beginning with" receipt), else the day
 * after (Wales: "within 28 days of receipt"). A repeat notice (@p repeat nonzero: see
 * ssat_penalty_is_repeat()) has no early rate when "penalty.amount.repeat_months" is above 0: the late
 * amount is due from day 1 to the end of the late period (England: a second notice to the same parent
 * for the same child within 3 years is £160).
 * @param stage_out  receives the stage; may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, @p paid_on before @p received).
 */
SSAT_API ssat_status ssat_penalty_amount_due_received(const ssat_policy *policy, ssat_date received,
                                                      ssat_date paid_on, int32_t repeat, int64_t *pence_out,
                                                      ssat_payment_stage *stage_out);

/**
 * Whether a notice issued on @p issued to the parent whose history is @p parent, for the pupil
 * @p pupil_id, is a repeat: the history holds an earlier notice to this parent for this pupil in the
 * "penalty.amount.repeat_months" months before @p issued (from the day after the same day that many
 * months before). *@p out is 0 when that policy value is 0 (off).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL).
 */
SSAT_API ssat_status ssat_penalty_is_repeat(const ssat_policy *policy, const ssat_parent *parent,
                                            const char *pupil_id, ssat_date issued, int32_t *out);

/**
 * How many consecutive attended sessions from now would lift attendance strictly above
 * @p pct_num / @p pct_den percent: the least k with (attended + k) * 100 * den > num * (possible + k).
 * 0 when it is already above.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, @p pct_den 0); ::SSAT_ERR_RANGE when the threshold is
 *         100 % or more (no number of sessions suffices); ::SSAT_ERR_NOT_EVALUABLE when not evaluable.
 */
SSAT_API ssat_status ssat_projection_sessions_to_exceed(const ssat_summary *summary, uint32_t pct_num,
                                                        uint32_t pct_den, int64_t *out);

/**
 * The best year-to-date attendance still possible this school year: the pupil attends every remaining
 * school-day session after @p as_of to 31 July (per the calendar). Gives attended and possible sessions;
 * use ssat_percent_tenths() to show it.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE if @p as_of is outside the calendar's year;
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_projection_best_possible(const ssat_register *reg, const ssat_calendar *calendar,
                                                   ssat_date as_of, int64_t *attended_out, int64_t *possible_out);

SSAT_END_DECL

#endif /* SSAT_RULES_H */
