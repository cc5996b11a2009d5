/**
 * @file ssat/policy.h
 * @brief Policies: every threshold, window, comparator and code-set choice of the rules, as named,
 *        typed values with built-in defaults, copied, changed, saved and loaded as JSON.
 *
 * Thresholds are policy, not law (Isle of Wight Council v Platt [2017] UKSC 28), so no rule in libssat
 * uses a constant: each reads its values from an ::ssat_policy. Three policies are built in:
 *
 * | key                                       | type       | carmarthenshire | wales        | england-2024  |
 * |-------------------------------------------|------------|-----------------|--------------|---------------|
 * | code_set                                  | text       | wales-2010      | wales-2010   | england-2024  |
 * | referral.window                           | window     | year_to_date    | year_to_date | year_to_date  |
 * | referral.attendance.threshold             | percent    | 85              | 85           | 85            |
 * | referral.attendance.comparator            | comparator | <=              | <=           | <=            |
 * | referral.unauthorised.min_sessions        | int        | 10              | 10           | 10            |
 * | referral.unauthorised.min_share           | percent    | 0 (off)         | 0            | 0             |
 * | referral.provisional.max_age_school_days  | int        | 10              | 10           | 10            |
 * | referral.require_compulsory_age           | bool       | true            | true         | true          |
 * | absence.window                            | window     | year_to_date    | year_to_date | year_to_date  |
 * | absence.persistent.threshold              | percent    | 10              | 10           | 10            |
 * | absence.persistent.comparator             | comparator | >=              | >=           | >=            |
 * | absence.severe.enabled                    | bool       | false           | false        | true          |
 * | absence.severe.threshold                  | percent    | 50              | 50           | 50            |
 * | absence.severe.comparator                 | comparator | >=              | >=           | >=            |
 * | penalty.limb.window                       | window     | term            | term         | last_weeks:10 |
 * | penalty.limb.unauthorised_sessions        | int        | 10              | 10           | 10            |
 * | penalty.limb.holiday_sessions             | int        | 10              | 10           | 0 (off)       |
 * | penalty.limb.late_sessions                | int        | 10              | 10           | 0 (off)       |
 * | penalty.limb.combination_sessions         | int        | 10              | 10           | 10            |
 * | penalty.limb.unauthorised_all_codes       | bool       | false           | false        | false         |
 * | penalty.limb.provisional_unknown          | bool       | true            | true         | true          |
 * | penalty.year_to_date.required             | bool       | true            | true         | false         |
 * | penalty.year_to_date.threshold            | percent    | 90              | 90           | 90            |
 * | penalty.year_to_date.comparator           | comparator | <               | <            | <             |
 * | penalty.warning.required                  | bool       | true            | true         | true          |
 * | penalty.warning.improvement_school_days   | int        | 15              | 15           | 15            |
 * | penalty.warning.improvement_min_unauthorised | int     | 1               | 1            | 1             |
 * | penalty.limit.max_notices                 | int        | 2               | 2            | 2             |
 * | penalty.limit.period_months               | int        | 12              | 12           | 36            |
 * | penalty.limit.per_child                   | bool       | false           | false        | true          |
 * | penalty.amount.early_pence                | int        | 6000            | 6000         | 8000          |
 * | penalty.amount.early_days                 | int        | 28              | 28           | 21            |
 * | penalty.amount.late_pence                 | int        | 12000           | 12000        | 16000         |
 * | penalty.amount.late_days                  | int        | 42              | 42           | 28            |
 * | penalty.amount.receipt_is_day_one         | bool       | false           | false        | true          |
 * | penalty.amount.repeat_months              | int        | 0 (off)         | 0            | 36            |
 * | penalty.service.posted_working_days       | int        | 2               | 2            | 2             |
 * | penalty.require_compulsory_age            | bool       | true            | true         | true          |
 * | evidence.min_letters                      | int        | 1               | 1            | 1             |
 * | evidence.min_invitations                  | int        | 1               | 1            | 1             |
 * | evidence.min_support_offers               | int        | 1               | 1            | 1             |
 * | evidence.require_concern                  | bool       | true            | true         | true          |
 * | evidence.require_pupil_voice              | bool       | false           | false        | false         |
 * | evidence.certificate.max_age_school_days  | int        | 10              | 10           | 10            |
 * | evidence.require_head_teacher_signature   | bool       | true            | true         | true          |
 * | evidence.min_meetings                     | int        | 1               | 1            | 1             |
 * | evidence.require_order                    | bool       | true            | true         | true          |
 * | case.psp_review_days                      | int        | 42              | 42           | 42            |
 * | case.idp_review_months                    | int        | 12              | 12           | 12            |
 * | case.referral_decision_days               | int        | 21              | 21           | 21            |
 * | case.due_soon_days                        | int        | 7               | 7            | 7             |
 * | case.max_gap_days                         | int        | 366             | 366          | 366           |
 * | case.contract_offered_blocks              | bool       | true            | true         | true          |
 * | case.prosecution_blocks_every_notice      | bool       | true            | true         | true          |
 * | case.notice_without_referral             | bool       | true            | true         | true          |
 *
 * A limb whose session count is 0 is switched off, and so is an "evidence.min_*" count of 0. The
 * "evidence.*" keys drive ssat_pack_check() (evidence.h): the documents and checks of docs/rules.md.
 * docs/rules.md gives every key's source and worked examples.
 * The "case.*" keys time the work ssat_case_overdue() reports (case.h; local defaults, no source sets
 * them): a PSP review every 42 days (six weeks), an IDP review every 12 months (the ALN Act's minimum),
 * an SSAT decision 21 days after a referral, and "due soon" 7 days ahead; "case.max_gap_days" (366)
 * is the most days a case event may follow the one before (ssat_case_apply_event() refuses more as a likely
 * mistyped date). ssat_policy_key_count() and ssat_policy_key_at()
 * enumerate the keys (later versions may append keys; documents from older versions still load, the
 * new keys taking the values of the document's base policy).
 *
 * JSON document (format version 1):
 * @code{.json}
 * { "format": "ssat-policy", "format_version": 1, "name": "my-authority", "base": "carmarthenshire",
 *   "values": { "referral": { "attendance": { "threshold": "87.5" } }, "penalty": { "limb": { "window": "term" } } } }
 * @endcode
 * "values" nests the dotted keys. With "base", keys not given take the base policy's values; without
 * it, every key is required except those added after format version 1 was defined (the
 * "penalty.limb.unauthorised_all_codes", "penalty.limb.provisional_unknown",
 * "penalty.warning.improvement_min_unauthorised",
 * "penalty.amount.receipt_is_day_one", "penalty.amount.repeat_months" and
 * "penalty.service.posted_working_days", "case.contract_offered_blocks",
 * "case.prosecution_blocks_every_notice" and "case.notice_without_referral" keys), which take carmarthenshire's values. Percentages are JSON integers (85) or decimal strings ("87.5"), never
 * binary floating point; comparators are "<", "<=", ">=", ">"; windows are "year_to_date", "term",
 * "last_weeks:N", "last_sessions:N". ssat_policy_to_json() writes every key, with no base.
 */
#ifndef SSAT_POLICY_H
#define SSAT_POLICY_H

#include "common.h"
#include "errors.h"
#include "attendance.h"
#include "window.h"

SSAT_BEGIN_DECL

/** The type of a policy value. */
typedef enum ssat_value_type {
    SSAT_VALUE_INT = 0,        /**< a whole number (sessions, days, pence, months) */
    SSAT_VALUE_PERCENT = 1,    /**< a percentage as an exact decimal fraction num/den, den a power of 10 */
    SSAT_VALUE_COMPARATOR = 2, /**< an ::ssat_comparator */
    SSAT_VALUE_BOOL = 3,       /**< 0 or 1 */
    SSAT_VALUE_WINDOW = 4,     /**< an ::ssat_window_kind with its N */
    SSAT_VALUE_TEXT = 5        /**< a short text (a code set name) */
} ssat_value_type;

/** Version of the policy JSON document format this library writes. */
#define SSAT_POLICY_FORMAT_VERSION 1

/** An opaque policy. */
typedef struct ssat_policy ssat_policy;

/**
 * Create a copy of a built-in policy.
 * @param name  "carmarthenshire", "wales" or "england-2024"; NULL means "carmarthenshire".
 * @param out   receives the policy; free with ssat_policy_free(). NULL on failure.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_policy_builtin(const char *name, const ssat_allocator *alloc, ssat_policy **out);

/** Number of built-in policies. */
SSAT_API size_t ssat_policy_builtin_count(void);

/** Name of the built-in policy at @p index (static string), or NULL when out of range. */
SSAT_API const char *ssat_policy_builtin_name(size_t index);

/**
 * Copy a policy (with @p src's allocator).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_policy_copy(const ssat_policy *src, ssat_policy **out);

/** Free a policy. NULL does nothing. */
SSAT_API void ssat_policy_free(ssat_policy *policy);

/** The policy's name, borrowed until the name changes or the policy is freed; "" for NULL. */
SSAT_API const char *ssat_policy_name(const ssat_policy *policy);

/**
 * Rename a policy (1..64 bytes of valid UTF-8, copied).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_policy_set_name(ssat_policy *policy, const char *name);

/** 1 if the two policies hold the same name and values, else 0 (0 if either is NULL). */
SSAT_API int32_t ssat_policy_equal(const ssat_policy *a, const ssat_policy *b);

/** Number of keys a policy holds. */
SSAT_API size_t ssat_policy_key_count(void);

/**
 * Describe the key at @p index. Any out-pointer may be NULL.
 * @param key_out   receives the key (static string).
 * @param doc_out   receives a one-line English description (static string).
 * @return ::SSAT_OK; ::SSAT_ERR_RANGE if @p index is out of range.
 */
SSAT_API ssat_status ssat_policy_key_at(size_t index, const char **key_out, ssat_value_type *type_out,
                                        const char **doc_out);

/**
 * Read an int value.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, or the key is of another type: the message says
 *         which); ::SSAT_ERR_NOT_FOUND for an unknown key.
 */
SSAT_API ssat_status ssat_policy_get_int(const ssat_policy *policy, const char *key, int64_t *out);

/**
 * Set an int value. Every int key is a count, a number of days, months or pence, within its key's range:
 * 0..1000000 for session counts (the improvement period's minimum included), school days of provisional
 * age and pence; 0..1200 for "penalty.amount.repeat_months"; 0..30 for
 * "penalty.service.posted_working_days"; 0..1000 for
 * "penalty.warning.improvement_school_days", "penalty.limit.max_notices" and every "evidence.*" int key; 1..1200 for
 * "penalty.limit.period_months"; 1..365 for "penalty.amount.early_days" and "penalty.amount.late_days";
 * 1..3650 for "case.psp_review_days"; 1..120 for "case.idp_review_months"; 1..365 for
 * "case.referral_decision_days"; 0..365 for "case.due_soon_days"; 1..3660 for "case.max_gap_days".
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, wrong type); ::SSAT_ERR_NOT_FOUND;
 *         ::SSAT_ERR_RANGE (the message gives the allowed range).
 */
SSAT_API ssat_status ssat_policy_set_int(ssat_policy *policy, const char *key, int64_t value);

/** Read a percent value as the fraction @p num_out / @p den_out percent. */
SSAT_API ssat_status ssat_policy_get_percent(const ssat_policy *policy, const char *key, uint32_t *num_out,
                                             uint32_t *den_out);

/**
 * Set a percent value to @p num / @p den percent, where @p den is 1, 10, 100, ... 1000000 and the value
 * lies in 0..100 %.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND; ::SSAT_ERR_RANGE.
 */
SSAT_API ssat_status ssat_policy_set_percent(ssat_policy *policy, const char *key, uint32_t num, uint32_t den);

/** Read a comparator value. */
SSAT_API ssat_status ssat_policy_get_comparator(const ssat_policy *policy, const char *key, ssat_comparator *out);

/** Set a comparator value (::SSAT_ERR_INVALID_ARG for an unknown comparator). */
SSAT_API ssat_status ssat_policy_set_comparator(ssat_policy *policy, const char *key, ssat_comparator value);

/** Read a bool value (0 or 1). */
SSAT_API ssat_status ssat_policy_get_bool(const ssat_policy *policy, const char *key, int32_t *out);

/** Set a bool value (@p value must be 0 or 1). */
SSAT_API ssat_status ssat_policy_set_bool(ssat_policy *policy, const char *key, int32_t value);

/** Read a window value: its kind and, for the LAST_* kinds, N (else 0). */
SSAT_API ssat_status ssat_policy_get_window(const ssat_policy *policy, const char *key, ssat_window_kind *kind_out,
                                            int32_t *n_out);

/**
 * Set a window value; N is 1..520 for the LAST_* kinds and ignored (stored as 0) for the others.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, wrong type, unknown kind); ::SSAT_ERR_NOT_FOUND;
 *         ::SSAT_ERR_RANGE (N outside 1..520).
 */
SSAT_API ssat_status ssat_policy_set_window(ssat_policy *policy, const char *key, ssat_window_kind kind, int32_t n);

/** Read a text value, borrowed until the value changes or the policy is freed. */
SSAT_API ssat_status ssat_policy_get_text(const ssat_policy *policy, const char *key, const char **out);

/**
 * Set a text value (copied). For "code_set" the text must name a built-in code set.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND (unknown key or code set); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_policy_set_text(ssat_policy *policy, const char *key, const char *value);

/**
 * Get or set any value through its text form, as it appears in JSON ("85", "87.5", "<=", "true",
 * "last_weeks:10", "wales-2010"). Convenient for command lines and bindings.
 * @param out  receives a NUL-terminated copy owned by the caller: free with ssat_free().
 */
SSAT_API ssat_status ssat_policy_get_value_text(const ssat_policy *policy, const char *key, char **out);

/** Set any value from its text form; the same checks as the typed setters, plus ::SSAT_ERR_PARSE. */
SSAT_API ssat_status ssat_policy_set_value_text(ssat_policy *policy, const char *key, const char *text);

/**
 * Save a policy as a JSON document (UTF-8, pretty-printed, keys in a stable order, every value, ending
 * with a newline).
 * @param out  receives the text, owned by the caller: free with ssat_free(). NULL on failure.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_policy_to_json(const ssat_policy *policy, char **out);

/**
 * Load a policy from a JSON document (see the file comment for the format).
 * @param json  the document, @p len bytes (need not be NUL-terminated).
 * @param out   receives a new policy; NULL on failure. Nothing else is touched, so a policy the caller
 *              already holds stays as it was whatever the document contains.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG for NULL arguments; ::SSAT_ERR_PARSE for malformed JSON
 *         (the message gives line and column), a missing or unsupported "format_version", an unknown
 *         key, a value of the wrong type or a missing key without "base" (the message names the field
 *         path, e.g. "values.referral.attendance.threshold"); ::SSAT_ERR_RANGE for a value out of
 *         range (field path and allowed range); ::SSAT_ERR_NOT_FOUND for an unknown base policy or
 *         code set; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_policy_from_json(const char *json, size_t len, const ssat_allocator *alloc,
                                           ssat_policy **out);

SSAT_END_DECL

#endif /* SSAT_POLICY_H */
