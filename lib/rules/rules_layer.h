/*
 * The rules layer's private declarations: policies, decisions and the criteria the rules share
 * (referral, absence, penalty), used by the prepared evaluation. It builds on the register and
 * core layers.
 * Not installed, not API. Cross-file internal functions use the ssat__ prefix (libgit2 convention)
 * and are never exported: the library is built with hidden visibility and a version script that
 * exports ssat_* only, and ssat__* names never carry SSAT_API. docs/architecture.md has the layers.
 */
#ifndef SSAT_RULES_LAYER_H
#define SSAT_RULES_LAYER_H

#include "register_layer.h"

/* ---- policies (policy.c; the key table in policy_keys.c and policy_keys.h) ------------------------ */

/* Index of every policy key, in the order of the key table (and of JSON output). */
typedef enum ssat__pkey {
    SSAT__P_CODE_SET,
    SSAT__P_REFERRAL_WINDOW,
    SSAT__P_REFERRAL_ATTENDANCE_THRESHOLD,
    SSAT__P_REFERRAL_ATTENDANCE_COMPARATOR,
    SSAT__P_REFERRAL_UNAUTHORISED_MIN_SESSIONS,
    SSAT__P_REFERRAL_UNAUTHORISED_MIN_SHARE,
    SSAT__P_REFERRAL_PROVISIONAL_MAX_AGE,
    SSAT__P_REFERRAL_REQUIRE_COMPULSORY_AGE,
    SSAT__P_ABSENCE_WINDOW,
    SSAT__P_ABSENCE_PERSISTENT_THRESHOLD,
    SSAT__P_ABSENCE_PERSISTENT_COMPARATOR,
    SSAT__P_ABSENCE_SEVERE_ENABLED,
    SSAT__P_ABSENCE_SEVERE_THRESHOLD,
    SSAT__P_ABSENCE_SEVERE_COMPARATOR,
    SSAT__P_PENALTY_LIMB_WINDOW,
    SSAT__P_PENALTY_LIMB_UNAUTHORISED,
    SSAT__P_PENALTY_LIMB_HOLIDAY,
    SSAT__P_PENALTY_LIMB_LATE,
    SSAT__P_PENALTY_LIMB_COMBINATION,
    SSAT__P_PENALTY_LIMB_UNAUTHORISED_ALL_CODES,
    SSAT__P_PENALTY_LIMB_PROVISIONAL_UNKNOWN,
    SSAT__P_PENALTY_YTD_REQUIRED,
    SSAT__P_PENALTY_YTD_THRESHOLD,
    SSAT__P_PENALTY_YTD_COMPARATOR,
    SSAT__P_PENALTY_WARNING_REQUIRED,
    SSAT__P_PENALTY_WARNING_IMPROVEMENT_DAYS,
    SSAT__P_PENALTY_WARNING_IMPROVEMENT_MIN_UNAUTHORISED,
    SSAT__P_PENALTY_LIMIT_MAX_NOTICES,
    SSAT__P_PENALTY_LIMIT_PERIOD_MONTHS,
    SSAT__P_PENALTY_LIMIT_PER_CHILD,
    SSAT__P_PENALTY_AMOUNT_EARLY_PENCE,
    SSAT__P_PENALTY_AMOUNT_EARLY_DAYS,
    SSAT__P_PENALTY_AMOUNT_LATE_PENCE,
    SSAT__P_PENALTY_AMOUNT_LATE_DAYS,
    SSAT__P_PENALTY_AMOUNT_RECEIPT_IS_DAY_ONE,
    SSAT__P_PENALTY_AMOUNT_REPEAT_MONTHS,
    SSAT__P_PENALTY_SERVICE_POSTED_WORKING_DAYS,
    SSAT__P_PENALTY_REQUIRE_COMPULSORY_AGE,
    SSAT__P_EVIDENCE_MIN_LETTERS,
    SSAT__P_EVIDENCE_MIN_INVITATIONS,
    SSAT__P_EVIDENCE_MIN_SUPPORT_OFFERS,
    SSAT__P_EVIDENCE_REQUIRE_CONCERN,
    SSAT__P_EVIDENCE_REQUIRE_PUPIL_VOICE,
    SSAT__P_EVIDENCE_CERTIFICATE_MAX_AGE,
    SSAT__P_EVIDENCE_REQUIRE_HEAD_SIGNATURE,
    SSAT__P_EVIDENCE_MIN_MEETINGS,
    SSAT__P_EVIDENCE_REQUIRE_ORDER,
    SSAT__P_CASE_PSP_REVIEW_DAYS,
    SSAT__P_CASE_IDP_REVIEW_MONTHS,
    SSAT__P_CASE_REFERRAL_DECISION_DAYS,
    SSAT__P_CASE_DUE_SOON_DAYS,
    SSAT__P_CASE_MAX_GAP_DAYS,
    SSAT__P_CASE_CONTRACT_OFFERED_BLOCKS,
    SSAT__P_CASE_PROSECUTION_BLOCKS_EVERY_NOTICE,
    SSAT__P_CASE_NOTICE_WITHOUT_REFERRAL,
    SSAT__P_COUNT
} ssat__pkey;

#define SSAT__TEXT_VALUE_MAX 32

/* One stored value; which members are meaningful depends on the key's type. */
typedef struct ssat__pvalue {
    int64_t i;                 /* INT, BOOL (0/1), COMPARATOR, WINDOW kind */
    uint32_t num, den;         /* PERCENT: num/den percent, den a power of 10, reduced */
    int32_t n;                 /* WINDOW: N of the LAST_* kinds, else 0 */
    char text[SSAT__TEXT_VALUE_MAX + 1]; /* TEXT */
} ssat__pvalue;

const ssat__pvalue *ssat__policy_value(const ssat_policy *policy, ssat__pkey key);
const ssat__alloc *ssat__policy_alloc(const ssat_policy *policy);

/* ---- decisions (decision.c; built by referral.c, absence.c, penalty.c) --------------------------- */

/* One argument of a message (a criterion's, a case guard's): either language-neutral text (a number, a
 * date), or a short message of the tables rendered in the message's language with up to four arguments
 * of its own (a comparator phrase such as "at or below the threshold of 85 %", a yes/no/not known
 * word), or a label of the tables (a state's name) or a list of labels. Labels are looked up only when
 * the message is rendered (ssat__marg_render), not when the argument is made. */
typedef struct ssat__marg {
    const char *text; /* used when tmpl is NULL and is_date false; NULL means "" */
    const char *text_cy; /* when tmpl is NULL and this is not NULL: the Welsh text (text is then English) */
    const char *tmpl; /* message id, rendered per language with sub[]; with prefix, see there */
    const char *sub[4];
    bool is_date;   /* then `date` is written in words in the message's language (ssat__marg_date) */
    ssat_date date;
    const char *prefix; /* a label: the message "<prefix>.<tmpl>" as it is, tmpl itself when absent; with
                         * list_id, the labels "<prefix>.<list_id(i)>" of each bit i of `list`, by ", " */
    uint32_t list;
    const char *(*list_id)(unsigned i);
} ssat__marg;

#define SSAT__MARGS_MAX 9

/* Everything one criterion reports. The message template is "<id>.<variant>", where a NULL variant
 * means the outcome's ("met", "not_met", "unknown"); other variants ("not_evaluable", "off",
 * "not_required", ...) exist in both tables for the criteria that use them. */
typedef struct ssat__crit {
    const char *id;      /* one of the static ids of ssat_criterion_id_at() */
    const char *variant; /* NULL or a static template suffix */
    ssat_outcome outcome;
    ssat_measure measure;
    int64_t value, whole, threshold, threshold_den; /* threshold_den 0 is stored as 1 */
    ssat_comparator cmp;
    const char *missing; /* English, copied; NULL means "" */
    int64_t provisional, missing_marks; /* of the criterion's window (ssat_criterion) */
    ssat__marg args[SSAT__MARGS_MAX];
    size_t nargs;
} ssat__crit;

/* A new, empty decision of `kind` ("referral", "absence", "penalty": static) whose memory comes from
 * `a` (copied). SSAT_ERR_NOMEM names `fn`. */
ssat_status ssat__decision_new(const char *kind, const ssat__alloc *a, ssat_decision **out, const char *fn);
/* Append a criterion, rendering its English and Welsh messages. SSAT_ERR_NOMEM (decision unchanged). */
ssat_status ssat__decision_add(ssat_decision *d, const ssat__crit *c, const char *fn);
void ssat__decision_set_outcome(ssat_decision *d, ssat_outcome outcome);
/* Render the criteria added from now on in these languages only (the other messages are ""). */
void ssat__decision_set_languages(ssat_decision *d, bool en, bool cy);
void ssat__decision_set_earliest(ssat_decision *d, ssat_date date);
/* The outcome of a criterion already added (UNKNOWN when absent). */
ssat_outcome ssat__decision_outcome_of(const ssat_decision *d, const char *id);

/* Three-valued logic: and is NOT_MET if either is, else UNKNOWN if either is, else MET; or is MET if
 * either is, else UNKNOWN if either is, else NOT_MET. */
ssat_outcome ssat__outcome_and(ssat_outcome a, ssat_outcome b);
ssat_outcome ssat__outcome_or(ssat_outcome a, ssat_outcome b);

/* ---- what every rule shares (criteria.c) ---------------------------------------------------------- */

ssat__text ssat__text_tenths(uint64_t part, uint64_t whole); /* "84.7" (exact tenths, half up); "-" for 0 */
ssat__text ssat__text_percent(uint32_t num, uint32_t den);   /* a policy percentage: "85", "87.5" */
/* part of whole as a percentage with as many decimals as it takes not to contradict the comparison with
 * num/den percent (ssat_percent_decimals); "-" for whole 0. */
ssat__text ssat__text_percent_vs(uint64_t part, uint64_t whole, uint32_t num, uint32_t den);

ssat__marg ssat__marg_text(const char *text);
/* A date, written in words in each language ("18 July 2025", "18 Gorffennaf 2025"). */
ssat__marg ssat__marg_date(ssat_date date);
/* "at or below the threshold of {pct} %" in the decision's language, for comparator `cmp`. */
ssat__marg ssat__marg_cmp(ssat_comparator cmp, const char *pct);
/* "yes" / "no" / "not known" in the decision's language. */
ssat__marg ssat__marg_fact(ssat_fact fact);
/* The label "<prefix>.<id>" of the tables (`id` itself when the tables lack it); prefix and id static. */
ssat__marg ssat__marg_label(const char *prefix, const char *id);
/* The labels "<prefix>.<list_id(i)>" of each bit i set in `bits`, in order, separated by ", ". */
ssat__marg ssat__marg_labels(const char *prefix, uint32_t bits, const char *(*list_id)(unsigned i));
/* The argument's text in one language: `m->text` itself, or rendered into buf (cap bytes, cut). */
const char *ssat__marg_render(const ssat__marg *m, ssat_lang lang, char *buf, size_t cap);
/* YES is met, NO not met, UNKNOWN unknown. */
ssat_outcome ssat__fact_outcome(ssat_fact fact);

/* The checks every rule makes first: NULL arguments, `reg`'s code set is the policy's "code_set"
 * (SSAT_ERR_STATE naming both), and `as_of` lies in the calendar's school year (SSAT_ERR_RANGE). */
ssat_status ssat__rules_check(const char *fn, const ssat_policy *policy, const ssat_register *reg,
                              const ssat_calendar *calendar, ssat_date as_of, const void *out);
/* Resolve the window the policy names under `key` for as_of. A last-sessions window over a register
 * with no entry up to as_of is the single day as_of (nothing in it is possible). Errors name the key. */
ssat_status ssat__rules_window(const char *fn, const ssat_policy *policy, ssat__pkey key,
                               const ssat_calendar *calendar, const ssat_register *reg, ssat_date as_of,
                               ssat_window *out);
/* Add a percentage criterion: part of whole against num/den percent with cmp; when whole is 0 the
 * criterion is not met with the "not_evaluable" variant. Arguments {1} part, {2} whole, {3} percent,
 * {4} comparator phrase, {5} and {6} the window's dates. */
ssat_status ssat__rules_percent(ssat_decision *d, const char *fn, const char *id, uint64_t part, uint64_t whole,
                                const ssat__pvalue *threshold, const ssat__pvalue *comparator,
                                const ssat_window *w, const ssat_totals *t);
/* Add a criterion read from one pupil fact (R4, R5 procedures, R6 on roll); NULL pupil = unknown. */
ssat_status ssat__rules_fact(ssat_decision *d, const char *fn, const char *id, const ssat_pupil *pupil,
                             ssat_pupil_fact fact, const char *missing);
/* Add a compulsory school age criterion for as_of: "not_required" (met) when !required, unknown
 * without a pupil or date of birth. Arguments {1} as_of, {2} birth, {3} first and {4} last day. */
ssat_status ssat__rules_age(ssat_decision *d, const char *fn, const char *id, bool required,
                            const ssat_pupil *pupil, ssat_date as_of);

/* ---- the register criteria, shared by the per-pupil rules and the prepared evaluation ----------- */

/* The penalty limbs, in the order decisions list them. */
enum { SSAT__LIMB_UNAUTHORISED, SSAT__LIMB_HOLIDAY, SSAT__LIMB_LATE, SSAT__LIMB_COMBINATION, SSAT__LIMB_COUNT };
/* The limb a code's sessions count towards besides the combination (-1: not unauthorised). The one
 * place that maps codes to limbs (penalty.c). */
int ssat__limb_of(const ssat_code_info *info);
/* Limb counts from per-code counts (counts[i] for code index i of `set`), and of them the provisional
 * sessions (NULL: not wanted). */
void ssat__limb_counts(const ssat_codeset *set, const uint32_t *counts, int64_t out[SSAT__LIMB_COUNT],
                       int64_t provisional[SSAT__LIMB_COUNT], bool unauthorised_all_codes);
/* R1 and R2 over window w (referral.c). */
ssat_status ssat__rules_r1(ssat_decision *d, const char *fn, const ssat_policy *policy, const ssat_totals *t,
                           const ssat_window *w);
ssat_status ssat__rules_r2(ssat_decision *d, const char *fn, const ssat_policy *policy, const ssat_totals *t,
                           const ssat_window *w);
/* Persistent and (when enabled) severe absence (absence.c). */
ssat_status ssat__rules_absence(ssat_decision *d, const char *fn, const ssat_policy *policy,
                                const ssat_totals *t, const ssat_window *w);
/* The four limbs and the year-to-date condition of a notice (penalty.c). */
ssat_status ssat__rules_limbs(ssat_decision *d, const char *fn, const ssat_policy *policy,
                              const int64_t counts[SSAT__LIMB_COUNT], const int64_t provisional[SSAT__LIMB_COUNT],
                              const ssat_totals *t, const ssat_window *w, bool short_window);
/* Whether the policy's limb window is a last_weeks:N window that reaches back before the calendar's
 * 1 August as of as_of (fewer than N school weeks in the year so far): the previous school year's
 * register would be needed, so a limb not met is unknown (penalty.c). */
bool ssat__limb_window_short(const ssat_policy *policy, const ssat_calendar *calendar, ssat_date as_of);
ssat_status ssat__rules_penalty_ytd(ssat_decision *d, const char *fn, const ssat_policy *policy,
                                    const ssat_totals *t, const ssat_window *w);
/* The limb window of the last school weeks counted across 1 August into `previous`, the calendar of the
 * year before `calendar`'s (limb_years.c): true when it starts in the previous year, whose part it gives
 * (`prev_part`) with whether the two years together are still short of the weeks (`prev_short`). */
bool ssat__limb_span_years(const ssat_policy *policy, const ssat_calendar *calendar, const ssat_calendar *previous,
                           ssat_date as_of, ssat_window *prev_part, bool *prev_short);
/* Add the previous year's register over `part` to the limb window's totals `s` and per-code counts, and
 * start `limb_window` where `part` starts (limb_years.c). */
void ssat__limb_add_previous(const ssat_register *previous, const ssat_window *part, ssat_totals *s,
                             uint32_t codes[256], ssat_window *limb_window);
/* SSAT_ERR_RANGE naming argument `arg` unless `previous` is the calendar of the school year before
 * `calendar`'s; with `prev_reg` (and `policy`), SSAT_ERR_STATE naming "previous_reg" unless its code set
 * is the policy's (limb_years.c). */
ssat_status ssat__previous_year_check(const char *fn, const char *arg, const ssat_calendar *calendar,
                                      const ssat_calendar *previous, const ssat_policy *policy,
                                      const ssat_register *prev_reg);
/* The day after the same day `months` months before as_of (clamped to the month's end): a period of
 * `months` months that ends on as_of, as the per-parent limit (penalty.c) and a repeat notice
 * (penalty_payment.c) count it. */
ssat_date ssat__penalty_period_first(ssat_date as_of, int64_t months);
/* ssat_penalty_evaluate() (which is this with NULL, NULL), with the pupil's register and the calendar of
 * the previous school year: when both are given and the limb window of the last school weeks reaches
 * back before 1 August, the limbs count both years as ssat_evaluation_register_years() does, and the
 * window (given in `window_out` when not NULL) starts in the previous year. Only one of them given
 * counts as neither. SSAT_ERR_RANGE when `prev_cal` is not the year before `calendar`'s, SSAT_ERR_STATE
 * when `prev_reg`'s code set is not the policy's, the message naming the argument ("previous_calendar",
 * "previous_reg"). Messages name `fn`. */
ssat_status ssat__penalty_evaluate_years(const ssat_policy *policy, const ssat_register *reg,
                                         const ssat_calendar *calendar, const ssat_pupil *pupil,
                                         const ssat_parent *parent, ssat_date as_of, const ssat_register *prev_reg,
                                         const ssat_calendar *prev_cal, const char *fn, ssat_window *window_out,
                                         ssat_decision **out);
/* The day number of `on` in the payment periods of a notice received on `received` (penalty.c), the one
 * count ssat_penalty_amount_due_received() and the case's payment guards and due work use: day 1 is the
 * day of receipt under "penalty.amount.receipt_is_day_one", else the day after. `from_receipt` false
 * counts as ssat_penalty_amount_due() does (day 1 the day after, whatever the policy): a case's notice
 * recorded without its service keeps that count. Before receipt the number is 0 or below. */
int64_t ssat__penalty_payment_day(const ssat_policy *policy, ssat_date received, ssat_date on, bool from_receipt);
/* The last day of a payment period of `days` days counted as ssat__penalty_payment_day() counts. */
ssat_date ssat__penalty_period_end(const ssat_policy *policy, ssat_date received, int64_t days, bool from_receipt);

#endif /* SSAT_RULES_LAYER_H */
