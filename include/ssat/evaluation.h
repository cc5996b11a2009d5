/**
 * @file ssat/evaluation.h
 * @brief A prepared evaluation: a policy, a calendar and an as-of date resolved once (windows, exact
 *        thresholds, the codes of each penalty limb) for evaluating many pupils; and how the criteria
 *        of a decision combine into the answers a school asks for.
 *
 * The per-pupil rules (rules.h) resolve their windows and summarise the register again for every call.
 * For a school of pupils, prepare once with ssat_evaluation_new() and ask ssat_evaluation_register() for
 * each pupil: it gives the criteria that the register alone settles, each exactly as the per-pupil rule
 * gives it (same id, outcome, values and messages), from one pass over the pupil's register. The batch
 * API (batch.h) gives the same answers as numbers and flags for pupils whose marks are in one buffer.
 *
 * Which criteria answer which question is the library's to say, not each caller's: read the answers
 * with ssat_decision_answer(). See docs/rules.md for every rule, its source and its policy keys.
 *
 * Threads: an evaluation is immutable once made; any number of threads may use it at once.
 */
#ifndef SSAT_EVALUATION_H
#define SSAT_EVALUATION_H

#include "common.h"
#include "errors.h"
#include "calendar.h"
#include "register.h"
#include "policy.h"
#include "decision.h"

SSAT_BEGIN_DECL

/** The questions whose answer combines several criteria (ssat_decision_answer()). */
typedef enum ssat_question {
    SSAT_QUESTION_REFERRAL_REGISTER = 0,  /**< the referral criteria the register settles: R1 and R2 */
    SSAT_QUESTION_PENALTY_ATTENDANCE = 1, /**< the penalty notice's attendance criteria: any limb, and the
                                               year-to-date condition */
    SSAT_QUESTION_PERSISTENT_ABSENCE = 2, /**< persistent absence ("absence.persistent") */
    SSAT_QUESTION_SEVERE_ABSENCE = 3      /**< severe absence ("absence.severe"; not met when the policy does
                                               not evaluate it) */
} ssat_question;

/**
 * The answer of a decision to @p question, in three-valued logic: "and" is not met when any part is
 * not met, else unknown when any part is unknown; "any limb" is met when one limb is met, else unknown
 * when one is unknown. Works on any decision holding the criteria: a "register" decision
 * (ssat_evaluation_register()) answers every question; a "referral" decision answers
 * ::SSAT_QUESTION_REFERRAL_REGISTER, a "penalty" decision ::SSAT_QUESTION_PENALTY_ATTENDANCE, an "absence"
 * decision the absence questions. A criterion the answer needs that the decision does not hold makes it
 * unknown (severe absence: not met when the decision holds persistent absence but not severe).
 * @return the answer; ::SSAT_OUTCOME_UNKNOWN for NULL or an unknown question.
 */
SSAT_API ssat_outcome ssat_decision_answer(const ssat_decision *decision, ssat_question question);

/** An opaque prepared evaluation. */
typedef struct ssat_evaluation ssat_evaluation;

/**
 * Prepare the evaluation of any number of pupils as of @p as_of. The policy and calendar are copied:
 * they may be freed or changed afterwards.
 * @param policy    the policy (its code set is the one the registers must use).
 * @param calendar  the calendar of the school year containing @p as_of.
 * @param out       receives the evaluation; free with ssat_evaluation_free(). NULL on failure. Uses the
 *                  policy's allocator.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL); ::SSAT_ERR_RANGE (@p as_of outside the calendar's
 *         year, or a term window before the first term begins); ::SSAT_ERR_NOT_FOUND (a term window in a
 *         calendar without terms); ::SSAT_ERR_NOMEM. The same conditions give the same status as the
 *         per-pupil rules, whose message names the window.
 */
SSAT_API ssat_status ssat_evaluation_new(const ssat_policy *policy, const ssat_calendar *calendar, ssat_date as_of,
                                         ssat_evaluation **out);

/** Free an evaluation. NULL does nothing. */
SSAT_API void ssat_evaluation_free(ssat_evaluation *evaluation);

/**
 * The languages of the messages of the decisions ssat_evaluation_register() makes from now on: both by
 * default. A program that shows one language (a report in English, say) saves the rendering of the
 * other, whose messages are then "" (ssat_criterion::message_en or message_cy; the ::SSAT_LANG_CY_EN
 * message then holds only the language rendered). Set it before sharing
 * the evaluation between threads.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, or neither language).
 */
SSAT_API ssat_status ssat_evaluation_set_languages(ssat_evaluation *evaluation, int32_t en, int32_t cy);

/** The as-of date the evaluation was prepared for (0 for NULL). */
SSAT_API ssat_date ssat_evaluation_as_of(const ssat_evaluation *evaluation);

/**
 * The criteria one pupil's register settles, as a decision of kind "register", in this order:
 * "referral.r1.attendance", "referral.r2.unauthorised" (as ssat_referral_evaluate()),
 * "absence.persistent" and, when the policy evaluates it, "absence.severe" (as ssat_absence_evaluate()),
 * "penalty.limb.unauthorised", "penalty.limb.holiday", "penalty.limb.late", "penalty.limb.combination"
 * and "penalty.year_to_date" (as ssat_penalty_evaluate()). Each criterion is identical to the one the
 * per-pupil rule gives for the same register, calendar, policy and as-of date.
 * The decision's own outcome is ::SSAT_OUTCOME_UNKNOWN: it answers several questions; read each with
 * ssat_decision_answer().
 * @param out  receives the decision; free with ssat_decision_free().
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL); ::SSAT_ERR_STATE (the register's code set is not the
 *         policy's); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_evaluation_register(const ssat_evaluation *evaluation, const ssat_register *reg,
                                              ssat_decision **out);

/**
 * Give the calendar of the school year before the evaluation's, so that a penalty limb window of the
 * last school weeks (England's 10 school weeks) can be counted across 1 August. Early in the school year
 * that window reaches back into the previous year: without its calendar and the pupil's register for it,
 * a limb not met on this year's sessions is unknown ("the previous school year's register and calendar"
 * are missing); with them (ssat_evaluation_register_years()) the weeks are counted down through the
 * previous year's calendar, a week with a school day in either year counting once, and the limbs count
 * the sessions of both registers. It changes nothing for a window that does not reach before 1 August, or
 * that is not a number of school weeks. Set it before sharing the evaluation between threads; setting it
 * again replaces it.
 * @param previous  the calendar of the previous school year (copied; it may be freed afterwards), or NULL
 *                  to remove one given before.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL evaluation); ::SSAT_ERR_RANGE (@p previous is not the
 *         calendar of the school year before the evaluation's); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_evaluation_set_previous_year(ssat_evaluation *evaluation, const ssat_calendar *previous);

/**
 * As ssat_evaluation_register(), with the pupil's register of the previous school year: when the
 * evaluation has the previous year's calendar (ssat_evaluation_set_previous_year()) and the penalty limb
 * window reaches back before 1 August, the limbs count the sessions of both registers in the window,
 * which then starts in the previous year (the criteria's window and messages say so). A pupil who was on
 * no school's roll then is given an empty register. With @p previous NULL, or no previous calendar, the
 * decision is ssat_evaluation_register()'s.
 * @param previous  the pupil's register of the previous school year, or NULL; not kept.
 * @param out       receives the decision; free with ssat_decision_free().
 * @return as ssat_evaluation_register(); ::SSAT_ERR_STATE also when @p previous's code set is not the
 *         policy's.
 */
SSAT_API ssat_status ssat_evaluation_register_years(const ssat_evaluation *evaluation, const ssat_register *reg,
                                                    const ssat_register *previous, ssat_decision **out);

SSAT_END_DECL

#endif /* SSAT_EVALUATION_H */
