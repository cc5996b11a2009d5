/**
 * @file ssat/decision.h
 * @brief Explained decisions: a list of criteria, each met, not met or unknown, with the values compared
 *        and a message in English and in Welsh.
 *
 * Every rule (SSAT referral, persistent absence, penalty-notice eligibility) answers with an
 * ::ssat_decision so that a person sees why. Criterion ids are stable machine ids, for example
 * "referral.r1.attendance"; ssat_criterion_id_count() and ssat_criterion_id_at() list them all.
 */
#ifndef SSAT_DECISION_H
#define SSAT_DECISION_H

#include "common.h"
#include "errors.h"
#include "date.h"
#include "attendance.h"

SSAT_BEGIN_DECL

/** Outcome of a criterion or a decision. */
typedef enum ssat_outcome {
    SSAT_OUTCOME_NOT_MET = 0, /**< the criterion does not hold */
    SSAT_OUTCOME_MET = 1,     /**< the criterion holds */
    SSAT_OUTCOME_UNKNOWN = 2  /**< a fact it needs is not known (see ssat_criterion::missing) */
} ssat_outcome;

/** What a criterion compares. */
typedef enum ssat_measure {
    SSAT_MEASURE_PERCENT = 0, /**< value of whole (sessions) against threshold/threshold_den percent */
    SSAT_MEASURE_COUNT = 1,   /**< value (sessions, notices) against threshold */
    SSAT_MEASURE_DATE = 2,    /**< value (a date) against threshold (a date) */
    SSAT_MEASURE_FACT = 3     /**< value 1 (yes) or 0 (no) against threshold 1; unknown facts leave outcome unknown */
} ssat_measure;

/**
 * One criterion of a decision. Borrowed from its decision: valid until the decision is freed. The struct
 * may grow at its end; never allocate or copy it by size.
 */
typedef struct ssat_criterion {
    const char *id;           /**< stable machine id, e.g. "referral.r1.attendance" */
    ssat_outcome outcome;     /**< met, not met or unknown */
    ssat_measure measure;     /**< how value and threshold are read */
    int64_t value;            /**< the measured value (sessions attended, a count, a date, a fact) */
    int64_t whole;            /**< for PERCENT: the possible sessions; else 0 */
    int64_t threshold;        /**< the policy's threshold (percent numerator, count or date) */
    int64_t threshold_den;    /**< for PERCENT: the threshold's denominator; else 1 */
    ssat_comparator comparator; /**< value (cmp) threshold holds when met */
    const char *missing;      /**< for UNKNOWN: what is missing (English, e.g. "date of birth"); else "" */
    const char *message_en;   /**< the explanation in English */
    const char *message_cy;   /**< the explanation in Welsh */
    int64_t provisional;      /**< for a criterion that counts a window of the register: the provisional
                                   sessions in it ("N", no reason yet given); else 0 */
    int64_t missing_marks;    /**< for a criterion that counts a window of the register: the explicit
                                   missing marks in it (register errors); else 0 */
} ssat_criterion;

/** An opaque decision. */
typedef struct ssat_decision ssat_decision;

/** Free a decision. NULL does nothing. */
SSAT_API void ssat_decision_free(ssat_decision *decision);

/**
 * What was decided: "referral", "absence" or "penalty" (rules.h), "case" (a case event refused, case.h)
 * or "next" (the events possible on a case, case.h). Static string; "" for NULL.
 */
SSAT_API const char *ssat_decision_kind(const ssat_decision *decision);

/**
 * The overall outcome: met when every required criterion is met, not met when any is not met,
 * otherwise unknown. ::SSAT_OUTCOME_UNKNOWN for NULL. Each rule's header says which criteria combine.
 */
SSAT_API ssat_outcome ssat_decision_outcome(const ssat_decision *decision);

/** Number of criteria (0 for NULL). */
SSAT_API size_t ssat_decision_count(const ssat_decision *decision);

/** The criterion at @p index, borrowed; NULL when out of range or for NULL. */
SSAT_API const ssat_criterion *ssat_decision_at(const ssat_decision *decision, size_t index);

/**
 * The criterion with id @p id.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND when the decision has no such criterion.
 */
SSAT_API ssat_status ssat_decision_find(const ssat_decision *decision, const char *id, const ssat_criterion **out);

/**
 * The earliest date on which the decision could become met at the pupil's current rate, for rules that
 * can project one (penalty eligibility).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND when no such date can be computed
 *         (already met, or it cannot happen this school year at the current rate).
 */
SSAT_API ssat_status ssat_decision_earliest_date(const ssat_decision *decision, ssat_date *out);

/** A criterion's explanation in the language asked for; for ::SSAT_LANG_CY_EN the Welsh, a line break
 *  ("\n") and the English. Borrowed from the criterion's decision (a criterion from ssat_decision_at()
 *  or ssat_decision_find()); "" for NULL or an unknown language. */
SSAT_API const char *ssat_criterion_message(const ssat_criterion *criterion, ssat_lang lang);

/** Name of an outcome ("met", "not met", "unknown" / "wedi'i fodloni", "heb ei fodloni", "anhysbys";
 *  "wedi'i fodloni / met" for ::SSAT_LANG_CY_EN). */
SSAT_API const char *ssat_outcome_name(ssat_outcome outcome, ssat_lang lang);

/** Number of criterion ids libssat defines. */
SSAT_API size_t ssat_criterion_id_count(void);

/** The criterion id at @p index (static string), or NULL when out of range. */
SSAT_API const char *ssat_criterion_id_at(size_t index);

SSAT_END_DECL

#endif /* SSAT_DECISION_H */
