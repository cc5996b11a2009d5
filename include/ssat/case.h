/**
 * @file ssat/case.h
 * @brief A pupil's attendance case, from first concern to closure: a state machine whose transitions are
 *        guarded by the rules, with an append-only audit trail that replays to the same case, and
 *        lossless JSON persistence.
 *
 * Main states (domain.md section 6): monitoring, school concern, engagement, referred, returned,
 * accepted, FEW engaged, statutory, closed. The parenting contract and the support plans (PSP, IDP) run
 * alongside as parallel sub-states; statutory actions (warnings, notices, prosecutions) are recorded per
 * parent.
 *
 * Events (stable ids; "detail" is the event's one parameter where it has one):
 * | event                  | detail                          | from                                  |
 * |------------------------|---------------------------------|---------------------------------------|
 * | concern_raised         |                                 | monitoring                            |
 * | letter_sent            | letter type                     | school_concern, engagement, returned  |
 * | meeting_held           | "attended" or "not_attended"    | school_concern, engagement, returned  |
 * | support_offered        | kind of support                 | school_concern, engagement, returned  |
 * | contract_offered       |                                 | engagement, returned (no live contract) |
 * | contract_signed        |                                 | contract offered                      |
 * | contract_refused       |                                 | contract offered                      |
 * | contract_breached      |                                 | contract agreed                       |
 * | contract_completed     |                                 | contract agreed                       |
 * | plan_started           | "psp" or "idp"                  | any open state, plan not active       |
 * | plan_reviewed          | "psp" or "idp"                  | plan active                           |
 * | plan_ended             | "psp" or "idp"                  | plan active                           |
 * | referral_submitted     |                                 | engagement, returned; referral decision met |
 * | referral_accepted      |                                 | referred                              |
 * | referral_returned      | reasons                         | referred                              |
 * | few_contact            |                                 | accepted, few_engaged                 |
 * | penalty_warning        | (parent id required)            | few_engaged, statutory; compulsory age |
 * | notice_issued          | (parent id required)            | few_engaged, statutory; penalty decision met |
 * | notice_paid            | (parent id)                     | an unpaid notice, within the late period |
 * | notice_unpaid          | (parent id)                     | an unpaid notice after the late period |
 * | notice_withdrawn       | (parent id)                     | an issued notice                      |
 * | eso_considered         | (parent id)                     | few_engaged, statutory                |
 * | prosecution_considered | (parent id)                     | statutory; ESO considered first       |
 * | prosecution_started    | "s444(1)" or "s444(1A)" (parent)| prosecution considered                |
 * | prosecution_concluded  | outcome (parent id)             | prosecution started                   |
 * | sao_issued             | (parent id)                     | few_engaged, statutory                |
 * | attendance_improved    |                                 | any open state after concern          |
 * | pupil_left             | reason                          | any open state                        |
 * | closed                 | reason                          | any open state                        |
 *
 * Nothing here reads a clock: every event carries the date the caller gives, and dates must not go
 * backwards along the trail.
 */
#ifndef SSAT_CASE_H
#define SSAT_CASE_H

#include "common.h"
#include "errors.h"
#include "calendar.h"
#include "register.h"
#include "policy.h"
#include "pupil.h"
#include "decision.h"
#include "evidence.h"
#include "problems.h"

SSAT_BEGIN_DECL

/** Main state of a case. */
typedef enum ssat_case_state {
    SSAT_CASE_MONITORING = 0,     /**< no concern yet */
    SSAT_CASE_SCHOOL_CONCERN = 1, /**< the school raised a concern */
    SSAT_CASE_ENGAGEMENT = 2,     /**< letters, meetings and support under way */
    SSAT_CASE_REFERRED = 3,       /**< referred to the SSAT, awaiting a decision */
    SSAT_CASE_RETURNED = 4,       /**< referral not accepted, back with the school */
    SSAT_CASE_ACCEPTED = 5,       /**< referral accepted by the SSAT */
    SSAT_CASE_FEW_ENGAGED = 6,    /**< a Family Engagement Worker is in contact */
    SSAT_CASE_STATUTORY = 7,      /**< statutory action under way */
    SSAT_CASE_CLOSED = 8          /**< closed (see the closing event's detail) */
} ssat_case_state;

/** Parenting contract sub-state. */
typedef enum ssat_contract_state {
    SSAT_CONTRACT_NONE = 0,
    SSAT_CONTRACT_OFFERED = 1,
    SSAT_CONTRACT_AGREED = 2,
    SSAT_CONTRACT_DECLINED = 3,
    SSAT_CONTRACT_BREACHED = 4,
    SSAT_CONTRACT_COMPLETED = 5
} ssat_contract_state;

/** Version of the case JSON document format this library writes. */
#define SSAT_CASE_FORMAT_VERSION 1

/** An opaque case. */
typedef struct ssat_case ssat_case;

/**
 * Open a case in state monitoring. The case keeps a copy of @p policy (its name is saved as the policy
 * reference) and owns an empty pupil record and referral pack.
 * @param pupil_id  1..64 bytes, copied.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_new(const char *pupil_id, const ssat_policy *policy, ssat_case **out);

/** Free a case with its pupil record, pack and trail. NULL does nothing. */
SSAT_API void ssat_case_free(ssat_case *c);

/** The pupil's identifier, borrowed for the case's lifetime; "" for NULL. */
SSAT_API const char *ssat_case_pupil_id(const ssat_case *c);

/** Current main state (::SSAT_CASE_MONITORING for NULL). */
SSAT_API ssat_case_state ssat_case_get_state(const ssat_case *c);

/** Name of a state: "monitoring", "school_concern", ... (lang EN), or its Welsh label (lang CY). Static. */
SSAT_API const char *ssat_case_state_name(ssat_case_state state, ssat_lang lang);

/** Current parenting-contract sub-state (::SSAT_CONTRACT_NONE for NULL). */
SSAT_API ssat_contract_state ssat_case_contract(const ssat_case *c);

/** 1 when the plan ("psp" or "idp") is active, else 0. */
SSAT_API int32_t ssat_case_plan_active(const ssat_case *c, const char *plan);

/** The case's pupil record (date of birth, roll status), owned by the case: set facts through it. */
SSAT_API ssat_pupil *ssat_case_pupil(ssat_case *c);

/** The case's referral pack, owned by the case: add evidence through it. */
SSAT_API ssat_pack *ssat_case_pack(ssat_case *c);

/** The case's policy, owned by the case (read-only). */
SSAT_API const ssat_policy *ssat_case_policy(const ssat_case *c);

/** Number of event ids; ssat_case_event_at() lists them. */
SSAT_API size_t ssat_case_event_count(void);

/** The event id at @p index (static string), or NULL when out of range. */
SSAT_API const char *ssat_case_event_at(size_t index);

/**
 * Apply an event.
 * @param reg, calendar  the pupil's register and the school calendar, for guards that look at
 *                       attendance (referral, notices); may be NULL, and those guards then refuse.
 * @param event          an event id.
 * @param date           the event's date; not before the last event in the trail.
 * @param actor, role    who did it (1..128 bytes each, required).
 * @param parent_id      the parent concerned, required for statutory events, else NULL or "".
 * @param detail         the event's parameter (see the table), or NULL/"".
 * @param note           free text for the trail, or NULL.
 * @param refusal_out    if not NULL, receives on refusal a decision (kind "case") listing every guard
 *                       with its outcome and bilingual message; NULL on success. Free with
 *                       ssat_decision_free().
 * @return ::SSAT_OK (applied and appended to the trail); ::SSAT_ERR_INVALID_ARG (NULL case, missing
 *         actor or role, a date before the last event, a missing parent id or a bad detail);
 *         ::SSAT_ERR_NOT_FOUND (unknown event); ::SSAT_ERR_STATE (refused by a guard: the case is
 *         unchanged; the message names the first failed guard); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_apply(ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                                     const char *event, ssat_date date, const char *actor, const char *role,
                                     const char *parent_id, const char *detail, const char *note,
                                     ssat_decision **refusal_out);

/**
 * What can happen next: a decision (kind "next") with one criterion per event id, met when the event
 * would be applied on @p date (with @p parent_id for statutory events, may be NULL), else not met
 * with the reason, in English and Welsh. Nothing is changed.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_next(const ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                                    ssat_date date, const char *parent_id, ssat_decision **out);

/** One entry of the audit trail. Borrowed from the case; the struct may grow at its end. */
typedef struct ssat_trail_entry {
    uint32_t sequence;          /**< 1, 2, 3, ... */
    const char *event;          /**< event id */
    ssat_date date;             /**< the event's date */
    const char *actor;          /**< who */
    const char *role;           /**< their role */
    const char *parent_id;      /**< parent concerned, or "" */
    const char *detail;         /**< event parameter, or "" */
    const char *note;           /**< free text, or "" */
    ssat_case_state state_before; /**< main state before */
    ssat_case_state state_after;  /**< main state after */
    const char *guard_values;   /**< what the guards saw, "id=value; ..." (e.g. "referral.r1.attendance=322/380") */
} ssat_trail_entry;

/** Number of trail entries (0 for NULL). */
SSAT_API size_t ssat_case_trail_count(const ssat_case *c);

/** The trail entry at @p index, borrowed until the case is freed (the trail only grows); NULL when out of range. */
SSAT_API const ssat_trail_entry *ssat_case_trail_at(const ssat_case *c, size_t index);

/**
 * Rebuild the case from its trail alone (a new case from the same pupil, policy, pupil record and pack,
 * with every trail entry applied again using the guard values recorded in it).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_STATE if the trail does not replay;
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_replay(const ssat_case *c, ssat_case **out);

/** 1 when two cases have the same pupil, policy, state, sub-states, pupil record, pack and trail. */
SSAT_API int32_t ssat_case_equal(const ssat_case *a, const ssat_case *b);

/**
 * Work that is overdue or due soon on @p on: "case.due.plan_review" (PSP reviews, every
 * "case.psp_review_days"), "case.due.idp_review" (IDP, yearly), "case.due.improvement_period" (the
 * warning's improvement period ends), "case.due.payment_early" / "case.due.payment_late" (a notice's 28-
 * and 42-day windows), "case.due.referral_decision". Each is a problem: severity error when overdue,
 * warning when due within "case.due_soon_days"; its date is the due date.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_overdue(const ssat_case *c, const ssat_calendar *calendar, ssat_date on,
                                       ssat_problems *out);

/**
 * Save the case as JSON: pupil record, policy reference (name), pack, trail and the resulting state.
 * @param out  receives the text, owned by the caller: free with ssat_free().
 */
SSAT_API ssat_status ssat_case_to_json(const ssat_case *c, char **out);

/**
 * Load a case. Everything is validated, and the trail must replay to the saved state; on any failure
 * nothing is created.
 * @param policy  the policy the document refers to (its name must match the document's reference).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_PARSE (malformed, truncated, wrong types,
 *         unknown version: the message names the path); ::SSAT_ERR_STATE (the trail does not replay to
 *         the saved state, or the policy reference differs); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_from_json(const char *json, size_t len, const ssat_policy *policy, ssat_case **out);

SSAT_END_DECL

#endif /* SSAT_CASE_H */
