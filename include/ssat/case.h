/**
 * @file ssat/case.h
 * @brief A pupil's attendance case, from first concern to closure: a state machine whose transitions are
 *        guarded by the rules, with an append-only audit trail that replays to the same case, and
 *        lossless JSON persistence.
 *
 * Main states (docs/rules.md, "Cases"): monitoring, school concern, engagement, referred, returned,
 * accepted, FEW engaged, statutory, closed. The parenting contract and the support plans (PSP, IDP) run
 * alongside as parallel sub-states; statutory actions (warnings, notices, ESO, prosecutions, SAO) are
 * recorded per parent.
 *
 * Events (stable ids; "detail" is the event's one parameter where it has one; "open" is every state but
 * closed):
 * | event                  | detail                                   | from                                 | then                 |
 * |------------------------|------------------------------------------|--------------------------------------|----------------------|
 * | concern_raised         | none                                     | monitoring                           | school_concern       |
 * | letter_sent            | attendance_concern, meeting_invitation, warning, parenting_contract_offer, penalty_warning, other | school_concern, engagement, returned | engagement (from school_concern) |
 * | meeting_held           | attended, not_attended                   | school_concern, engagement, returned | engagement (from school_concern) |
 * | support_offered        | kind of support (optional text)          | school_concern, engagement, returned | engagement (from school_concern) |
 * | contract_offered       | none                                     | engagement, returned                 | contract offered     |
 * | contract_signed        | none                                     | open                                 | contract agreed      |
 * | contract_refused       | none                                     | open                                 | contract declined    |
 * | contract_breached      | none                                     | open                                 | contract breached    |
 * | contract_completed     | none                                     | open                                 | contract completed   |
 * | plan_started           | psp, idp                                 | open                                 | plan active          |
 * | plan_reviewed          | psp, idp                                 | open                                 | plan reviewed        |
 * | plan_ended             | psp, idp                                 | open                                 | plan not active      |
 * | referral_submitted     | none                                     | engagement, returned                 | referred             |
 * | referral_accepted      | none                                     | referred                             | accepted             |
 * | referral_returned      | reasons (text, required)                 | referred                             | returned             |
 * | few_contact            | none                                     | accepted, few_engaged, statutory     | few_engaged (from accepted) |
 * | penalty_warning        | none; parent id required                 | few_engaged, statutory               | statutory            |
 * | notice_issued          | optional: posted, hand (the service); parent id required | few_engaged, statutory | statutory         |
 * | notice_paid            | none; parent id required                 | statutory                            | notice paid          |
 * | notice_unpaid          | none; parent id required                 | statutory                            | notice unpaid        |
 * | notice_withdrawn       | none; parent id required                 | statutory                            | notice withdrawn     |
 * | eso_considered         | none; parent id required                 | few_engaged, statutory               | statutory            |
 * | prosecution_considered | none; parent id required                 | statutory                            | prosecution considered |
 * | prosecution_started    | s444(1), s444(1A); parent id required    | statutory                            | prosecution started  |
 * | prosecution_concluded  | outcome (text, required); parent id required | statutory                        | prosecution concluded |
 * | sao_issued             | none; parent id required                 | few_engaged, statutory               | statutory            |
 * | attendance_improved    | none                                     | open, after monitoring               | improvement recorded |
 * | pupil_left             | left_compulsory_age, moved_authority, off_roll, ehe, other | open               | closed               |
 * | closed                 | improved, proceedings_concluded, other   | open                                 | closed               |
 * | entry_voided           | the sequence of the entry voided ("3"); the note (required) says why | any         | as if that entry had not happened |
 *
 * Mistakes are corrected by appending, never by editing: entry_voided names an earlier entry, who voids
 * it (actor, role) and why (note). The voided entry stays in the trail (its voided_by names the
 * entry_voided); the state is derived again from the entries that are neither voided nor entry_voided,
 * each one's internal guards checked again ("case.guard.voidable": the entry exists, is not an
 * entry_voided, is not voided already, and every later entry still stands without it, else void the
 * later ones first). A case closed by mistake is reopened so.
 *
 * Guards. Besides its states ("case.guard.state"), each event has the guards below; an event is applied
 * only when every guard is met. Internal guards read only the case (its state, the policy, the event's
 * arguments); external guards (marked *) read the register, the calendar, the pupil record or the pack.
 * - contract_offered, referral_submitted, notice_issued: "case.guard.contract_not_live" (no contract is
 *   awaiting an answer or in force: a refused, breached or completed contract makes referral and notices
 *   considerable, docs/rules.md, "Cases");
 * - contract_signed, contract_refused: "case.guard.contract_offered"; contract_breached,
 *   contract_completed: "case.guard.contract_agreed";
 * - plan_started: "case.guard.plan_inactive"; plan_reviewed, plan_ended: "case.guard.plan_active";
 * - referral_submitted: "case.guard.referral"* (ssat_referral_evaluate() with a copy of the pupil record
 *   after ssat_pack_check() has set R3, R4 and R5 from the pack);
 * - penalty_warning: "case.guard.no_prosecution", "case.guard.compulsory_age"*, "case.guard.on_roll"*;
 * - notice_issued: "case.guard.no_prosecution", "case.guard.contract_not_live", "case.guard.compulsory_age"*,
 *   "case.guard.on_roll"*, "case.guard.penalty"* (ssat_penalty_evaluate() for this parent, whose history
 *   is the case's record of them: warnings, notices not withdrawn, a prosecution considered or open; it
 *   covers the warning and its improvement period, duplicates and the per-parent limit). Given the
 *   previous school year (::ssat_case_event's previous_reg and previous_calendar), a limb window of the
 *   last school weeks that reaches back before 1 August is counted across both years, by the same code as
 *   ssat_evaluation_register_years(); without it such a limb, not met on this year's sessions, is unknown;
 * - notice_paid: "case.guard.notice_open", "case.guard.payment_period" (within "penalty.amount.late_days");
 *   notice_unpaid: "case.guard.notice_open", "case.guard.payment_period_over"; notice_withdrawn:
 *   "case.guard.notice_open" (a notice to this parent awaits payment). The payment days run from the
 *   notice's receipt: notice_issued's detail says how it was served, "posted" (received on
 *   ssat_penalty_received(), "penalty.service.posted_working_days" working days later) or "hand" (the
 *   same day), and the days count as ssat_penalty_amount_due_received() counts them (day 1 the day of
 *   receipt under "penalty.amount.receipt_is_day_one", else the day after); the guard values record
 *   "payment.received=<date> (<service>)". A notice issued without a detail (every case recorded before
 *   the service was) is received the day it is issued and counts as ssat_penalty_amount_due() does, day 1
 *   the day after issue whatever the policy: such cases replay and answer as they always did;
 * - eso_considered: "case.guard.compulsory_age"*, "case.guard.on_roll"*;
 * - prosecution_considered: "case.guard.eso_first" (an education supervision order was considered for this
 *   parent first, Education Act 1996 s447), "case.guard.no_prosecution", "case.guard.no_notice_open",
 *   "case.guard.compulsory_age"*, "case.guard.on_roll"*;
 * - prosecution_started: "case.guard.prosecution_considered"; prosecution_concluded:
 *   "case.guard.prosecution_open" (considered or started: a consideration that is not pursued is
 *   concluded with that outcome);
 * - sao_issued: "case.guard.compulsory_age"*, "case.guard.not_on_roll"* (a school attendance order is for a
 *   child who is not a registered pupil, s437);
 * - pupil_left "left_compulsory_age": "case.guard.left_compulsory_age"*; closed "improved":
 *   "case.guard.improved" (attendance_improved was recorded); closed "proceedings_concluded":
 *   "case.guard.proceedings_concluded" (a prosecution concluded and none open).
 * An unknown date of birth or roll status leaves the guard unknown, which refuses the event with the
 * reason. Guard and event ids are criterion ids (ssat_criterion_id_at()), with messages in English and
 * Welsh.
 *
 * Each guard records what it saw in the trail entry's guard values, "key=value" pairs separated by "; ",
 * for example "state=engagement; contract=declined; referral=met; referral.r1.attendance=met 322/380;
 * referral.r2.unauthorised=met 40; ...; evidence.errors=0". A notice's entry also records the absence it
 * covers (the penalty limb window counted, starting in the previous school year when it was counted
 * there), "notice.absence=2024-09-02 AM..2024-12-12 PM".
 *
 * Replay (ssat_case_replay(), ssat_case_from_json()) applies each trail entry again to an empty case:
 * it checks the order of dates, the arguments and every internal guard, and trusts the external guards,
 * which held when the entry was applied (the registers of this and the previous school year, the pupil
 * record and the pack may have changed since, outside the trail).
 *
 * Nothing here reads a clock: every event carries the date the caller gives, and dates must not go
 * backwards along the entries that count (neither voided nor entry_voided: an entry_voided carries the
 * date of the correction, and the entry it voids may carry the wrong date). ssat_case_apply_event() and
 * ssat_case_next() also refuse an implausible date (::SSAT_ERR_INVALID_ARG, saying which rule): a year
 * outside 1900..2199; before the pupil's date of birth (when known); before 1 August of the case's first
 * school year (that of its first entry that counts; for an entry_voided, not counting the entry it
 * voids); more than "case.max_gap_days" (default 366) after the entry before it (not for an
 * entry_voided). Replay does not apply these: dates accepted when recorded are kept.
 *
 * Hash chain. Each trail entry carries a hash (SHA-256, or HMAC-SHA-256 under a key the caller gives to
 * ssat_case_new_keyed() / ssat_case_from_json_keyed()) of its content and of the previous entry's hash;
 * the first entry chains to a hash of the pupil id and the policy name. The document records the chain:
 * its algorithm, the head (the last entry's hash), the count of entries chained by a migration, and a
 * seal over the head, that count, the pupil record and the pack. Loading checks it all before replaying,
 * so an edited, removed, inserted or reordered entry, another pupil id or policy name, a truncated trail
 * or a changed pupil record or pack is refused (::SSAT_ERR_STATE) naming the first entry that breaks
 * ("field trail[5].hash: the hash chain is broken at entry 6 ..."). Unkeyed, anyone can compute a valid
 * chain for an edited document: the chain then catches accidental and careless edits only; keyed, only a
 * holder of the key can. Documents of format 1 (no chain) load, their entries chained as they are and
 * counted as migrated (ssat_case_chain_migrated()); they are saved as format 2.
 *
 * JSON document (format version 2; version 1 lacked "hash" and "chain"):
 * @code{.json}
 * { "format": "ssat-case", "format_version": 1, "policy": "carmarthenshire",
 *   "pupil": { "id": "P1", "date_of_birth": "2012-05-01", "facts": { "on_roll": "yes", "cause_explored": "yes",
 *              "support_offered": "yes", "parents_invited": "yes", "evidence_complete": "unknown",
 *              "procedures_followed": "no" } },
 *   "pack": { "format": "ssat-pack", ... },
 *   "trail": [ { "sequence": 1, "event": "concern_raised", "date": "2024-09-20", "actor": "Ms Jones",
 *                "role": "Head of Year 8", "parent_id": "", "detail": "", "note": "", "state_before": "monitoring",
 *                "state_after": "school_concern", "guard_values": "state=monitoring", "hash": "9f86d0..." } ],
 *   "state": { "state": "school_concern", "contract": "none",
 *              "plans": { "psp": { "active": false, "started": null, "last_review": null }, "idp": { ... } },
 *              "referred": null, "improved": null, "closed_reason": "",
 *              "parents": [ { "id": "M1", "warnings": ["2024-11-20"],
 *                             "notices": [ { "issued": "2024-12-12", "status": "paid", "status_date": "2024-12-20",
 *                                            "absence": "2024-09-02 AM..2024-12-12 PM" } ],
 *                             "eso_considered": null,
 *                             "prosecution": { "stage": "none", "date": null, "considered": null, "section": "",
 *                                              "concluded": 0 },
 *                             "sao_issued": null } ] },
 *   "chain": { "algorithm": "sha256", "migrated": 0, "head": "9f86d0...", "seal": "3a7bd3..." } }
 * @endcode
 * "pack" is the pack's own document (ssat_pack_to_json()); "state" is what the trail leads to (contract
 * none, offered, agreed, declined, breached, completed; notice issued, paid, unpaid, withdrawn;
 * prosecution none, considered, started, concluded).
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
    SSAT_CONTRACT_NONE = 0,      /**< none offered (yet) */
    SSAT_CONTRACT_OFFERED = 1,   /**< offered, awaiting the parents' answer */
    SSAT_CONTRACT_AGREED = 2,    /**< signed and in force */
    SSAT_CONTRACT_DECLINED = 3,  /**< refused by the parents */
    SSAT_CONTRACT_BREACHED = 4,  /**< breached */
    SSAT_CONTRACT_COMPLETED = 5  /**< completed */
} ssat_contract_state;

/** Version of the case JSON document format this library writes (it reads 1 and 2). */
#define SSAT_CASE_FORMAT_VERSION 2

/** An opaque case. */
typedef struct ssat_case ssat_case;

/**
 * Open a case in state monitoring. The case keeps a copy of @p policy (its name is saved as the policy
 * reference) and owns an empty pupil record and referral pack; all use the policy's allocator.
 * @param pupil_id  1..64 bytes of UTF-8 without control characters, copied.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_new(const char *pupil_id, const ssat_policy *policy, ssat_case **out);

/**
 * Open a case whose trail is chained with HMAC-SHA-256 under @p key instead of SHA-256 (see "Hash
 * chain"): only a holder of the key can write a trail that loads. The case keeps a copy of the key (wiped
 * when the case is freed); a document of the case loads only with ssat_case_from_json_keyed() and the same key.
 * @param key, key_len  16 to 4096 bytes (any bytes; a random key of 32 bytes is right).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (as ssat_case_new(), or a NULL or badly sized key); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_new_keyed(const char *pupil_id, const ssat_policy *policy, const char *key,
                                         size_t key_len, ssat_case **out);

/** Free a case with its pupil record, pack and trail. NULL does nothing. */
SSAT_API void ssat_case_free(ssat_case *c);

/** The pupil's identifier, borrowed for the case's lifetime; "" for NULL. */
SSAT_API const char *ssat_case_pupil_id(const ssat_case *c);

/** Current main state (::SSAT_CASE_MONITORING for NULL). */
SSAT_API ssat_case_state ssat_case_main_state(const ssat_case *c);

/**
 * Current main state, as ssat_case_main_state().
 * @deprecated Use ssat_case_main_state() (an accessor is named after its value, without "get_"); this
 *             one stays until the SOVERSION changes.
 */
SSAT_API ssat_case_state ssat_case_get_state(const ssat_case *c) SSAT_DEPRECATED("use ssat_case_main_state");

/**
 * Name of a state: its stable id, as in documents ("monitoring", "school_concern", ...) for lang EN, or its
 * Welsh label ("monitro", "pryder yr ysgol", ...) for lang CY, "monitro / monitoring" for
 * ::SSAT_LANG_CY_EN. Static; "" for an unknown state or language.
 */
SSAT_API const char *ssat_case_state_name(ssat_case_state state, ssat_lang lang);

/** Current parenting-contract sub-state (::SSAT_CONTRACT_NONE for NULL). */
SSAT_API ssat_contract_state ssat_case_contract(const ssat_case *c);

/** A support plan that runs alongside the main state (docs/rules.md, "Cases"). */
typedef enum ssat_case_plan {
    SSAT_CASE_PLAN_PSP = 0, /**< pastoral support programme ("psp" in events and documents) */
    SSAT_CASE_PLAN_IDP = 1  /**< individual development plan ("idp") */
} ssat_case_plan;

/** 1 when the plan is active, else 0 (also for NULL and a value outside the enum). */
SSAT_API int32_t ssat_case_plan_is_active(const ssat_case *c, ssat_case_plan plan);

/**
 * 1 when the plan ("psp" or "idp") is active, else 0 (also for NULL and another text).
 * @deprecated Use ssat_case_plan_is_active() (a closed set of values is an enum, not a string); this one
 *             stays until the SOVERSION changes.
 */
SSAT_API int32_t ssat_case_plan_active(const ssat_case *c, const char *plan)
    SSAT_DEPRECATED("use ssat_case_plan_is_active");

/**
 * The case's pupil record (date of birth, roll status, the school's facts), owned by the case: set facts
 * through it. It is not part of the trail: guards that read it record what they saw.
 */
SSAT_API ssat_pupil *ssat_case_pupil(ssat_case *c);

/** The case's referral pack, owned by the case: add evidence through it (the referral guard checks it). */
SSAT_API ssat_pack *ssat_case_pack(ssat_case *c);

/**
 * Replace the items of the case's referral pack by copies of those of @p pack (read during the call
 * only; the caller keeps it). The case's pack stays the same object: a pointer ssat_case_pack() returned
 * before stays valid and now holds the copies, made with the case's allocator. Like an item added through
 * ssat_case_pack(), the change is not part of the trail (the chain's seal covers the pack when the case
 * is saved). @p pack may be ssat_case_pack() itself (nothing changes).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL case or pack); ::SSAT_ERR_NOMEM (the pack is unchanged).
 */
SSAT_API ssat_status ssat_case_set_pack(ssat_case *c, const ssat_pack *pack);

/** The case's policy, owned by the case (read-only). */
SSAT_API const ssat_policy *ssat_case_policy(const ssat_case *c);

/** Number of event ids; ssat_case_event_at() lists them. */
SSAT_API size_t ssat_case_event_count(void);

/** The event id at @p index (static string), or NULL when out of range. */
SSAT_API const char *ssat_case_event_at(size_t index);

/**
 * An event to apply (ssat_case_apply_event()): what happened, when, who did it, and what its guards may
 * read. Declare it with ::SSAT_CASE_EVENT_INIT, which sets @c version, and then set the members that
 * apply; the library reads only the members that the version it is given had, so a program compiled
 * against an older header keeps working when members are appended (the libgit2 options pattern).
 */
typedef struct ssat_case_event {
    uint32_t version;               /**< ::SSAT_CASE_EVENT_VERSION (set by ::SSAT_CASE_EVENT_INIT) */
    const char *event;              /**< the event id (ssat_case_event_at()), required */
    ssat_date date;                 /**< the event's date; not before the last entry that counts, and
                                         plausible (see the file comment: years 1900..2199, not before birth or
                                         the first school year, not more than "case.max_gap_days" after the
                                         previous entry) */
    const char *actor;              /**< who did it: 1..128 bytes of UTF-8 without control characters, required */
    const char *role;               /**< their role: as actor, required */
    const char *parent_id;          /**< the parent concerned (1..64 bytes), required for statutory events;
                                         NULL or "" for the others */
    const char *detail;             /**< the event's parameter (see the table): one of the listed choices, or
                                         text of up to 256 bytes; NULL or "" for events without one */
    const char *note;               /**< free text for the trail (up to 4096 bytes; tab, CR and LF allowed), or
                                         NULL; required for entry_voided (why the entry is void) */
    const ssat_register *reg;       /**< the pupil's register, for the guards that look at attendance
                                         (referral, notices), or NULL: those guards then refuse */
    const ssat_calendar *calendar;  /**< the school calendar of the event's school year, or NULL: as @c reg; a
                                         date outside its year refuses those guards too, saying why */
    const ssat_parent *history;     /**< the parent's notices about the pupil's siblings, or NULL. The Welsh
                                         limit on penalty notices is per parent across all their children in
                                         12 months ("penalty.limit.*", docs/rules.md): a case holds one pupil,
                                         so the notices to this parent about other children come from the
                                         caller (pupil.h). Its notices about other pupils count towards
                                         "penalty.guard.parent_limit" of a notice; its entries about this
                                         case's pupil are ignored (the case's own record is used). Read during
                                         the call only. */
    /* version 2 (0.4.0) */
    const ssat_register *previous_reg;      /**< the pupil's register of the school year before the event's,
                                                 or NULL (an empty register for a pupil on no school's roll
                                                 then). With @c previous_calendar, a penalty limb window of the
                                                 last school weeks (England's 10) that reaches back before 1
                                                 August is counted across both years, as
                                                 ssat_evaluation_register_years() counts it; without them a limb
                                                 not met on this year's sessions is unknown and a notice is
                                                 refused. Give both or neither (else ::SSAT_ERR_INVALID_ARG
                                                 naming the missing one). Read during the call only. */
    const ssat_calendar *previous_calendar; /**< the school calendar of the school year before @c calendar's,
                                                 or NULL: see @c previous_reg. Another year makes the penalty
                                                 guard refuse with the reason (the message names
                                                 previous_calendar); a register in another code set, the same
                                                 naming previous_reg. */
} ssat_case_event;

/** The version of ::ssat_case_event this header declares: 2 since 0.4.0 (@c previous_reg and
 *  @c previous_calendar appended); the library still reads version 1 structs (their members only). */
#define SSAT_CASE_EVENT_VERSION 2

/** Initialiser of a ::ssat_case_event: the current version, every other member zero (NULL). */
#define SSAT_CASE_EVENT_INIT {SSAT_CASE_EVENT_VERSION, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL}

/**
 * Apply an event: check its arguments, run its guards (see the file comment), and when every guard is
 * met change the case and append an entry to the trail. A refused event changes nothing.
 * @code{.c}
 * ssat_case_event e = SSAT_CASE_EVENT_INIT;
 * e.event = "letter_sent";
 * e.date = date;
 * e.actor = "Ms Jones";
 * e.role = "Head of Year 8";
 * e.detail = "attendance_concern";
 * ssat_status st = ssat_case_apply_event(c, &e, NULL);
 * @endcode
 * @param event          the event (see ::ssat_case_event), read during the call only.
 * @param refusal_out    if not NULL, receives on refusal a decision (kind "case", outcome not met) listing
 *                       every guard of the event in order with its outcome and bilingual message; NULL
 *                       otherwise. Free with ssat_decision_free().
 * @return ::SSAT_OK (applied and appended to the trail); ::SSAT_ERR_INVALID_ARG (NULL case or event, a
 *         version of 0 or newer than this library's, missing or malformed actor, role, note or parent id, a
 *         date before the last event or implausible (see the file comment), a missing parent id or a bad
 *         detail, only one of previous_reg and previous_calendar); ::SSAT_ERR_NOT_FOUND (unknown event);
 *         ::SSAT_ERR_STATE (refused by a guard: the case is unchanged; the message names the first failed
 *         guard and says why, e.g. "ssat_case_apply_event: notice_issued refused on 2024-11-27:
 *         case.guard.penalty: ..."); ::SSAT_ERR_NOMEM (nothing changed).
 */
SSAT_API ssat_status ssat_case_apply_event(ssat_case *c, const ssat_case_event *event, ssat_decision **refusal_out);

/**
 * ssat_case_apply_event() with the event given member by member and no sibling history.
 * @deprecated Use ssat_case_apply_event(); this wrapper stays until the SOVERSION changes.
 * @return as ssat_case_apply_event() (messages name ssat_case_apply).
 */
SSAT_API ssat_status ssat_case_apply(ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                                     const char *event, ssat_date date, const char *actor, const char *role,
                                     const char *parent_id, const char *detail, const char *note,
                                     ssat_decision **refusal_out) SSAT_DEPRECATED("use ssat_case_apply_event");

/**
 * ssat_case_apply_event() with the event given member by member, @p history as its @c history.
 * @deprecated Use ssat_case_apply_event(); this wrapper stays until the SOVERSION changes.
 * @return as ssat_case_apply_event() (messages name ssat_case_apply).
 */
SSAT_API ssat_status ssat_case_apply_with_history(ssat_case *c, const ssat_register *reg,
                                                  const ssat_calendar *calendar, const ssat_parent *history,
                                                  const char *event, ssat_date date, const char *actor,
                                                  const char *role, const char *parent_id, const char *detail,
                                                  const char *note, ssat_decision **refusal_out)
    SSAT_DEPRECATED("use ssat_case_apply_event");

/**
 * What can happen next: a decision (kind "next") with one criterion per event, in the order of
 * ssat_case_event_at(), with id "case.event.<event>" (e.g. "case.event.referral_submitted"): met when the
 * event would be applied on @p date, else not met, its message giving the first guard that refuses it,
 * in English and Welsh ("Referral accepted by the SSAT: not possible on 2024-09-02: The case is in the
 * state “monitoring”; ..."). Statutory events need @p parent_id (NULL or "" makes them not met,
 * "case.guard.parent"); a plan event is possible when it is for either plan; a closing event is judged
 * without its reason's own guard. The decision is met when any event is possible. Nothing is changed.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, a date before the last event or implausible, a malformed
 *         parent id);
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_next(const ssat_case *c, const ssat_register *reg, const ssat_calendar *calendar,
                                    ssat_date date, const char *parent_id, ssat_decision **out);

/**
 * What can happen next, as ssat_case_next(), with what the guards may read given as for
 * ssat_case_apply_event(): @p context's @c date, @c parent_id, @c reg, @c calendar, @c history (the
 * parent's notices about siblings, for "penalty.guard.parent_limit") and, from version 2,
 * @c previous_reg and @c previous_calendar (England's limb window across 1 August). Its @c event,
 * @c actor, @c role, @c detail and @c note are ignored: every event is judged. ssat_case_next() is this
 * with the other members NULL.
 * @code{.c}
 * ssat_case_event ctx = SSAT_CASE_EVENT_INIT;
 * ctx.date = date;
 * ctx.parent_id = "M1";
 * ctx.reg = reg;
 * ctx.calendar = calendar;
 * ctx.previous_reg = last_year_reg;
 * ctx.previous_calendar = last_year_calendar;
 * ssat_decision *next = NULL;
 * ssat_status st = ssat_case_next_event(c, &ctx, &next);
 * @endcode
 * @param context  read during the call only.
 * @param out      receives the decision; free with ssat_decision_free().
 * @return as ssat_case_next(); ::SSAT_ERR_INVALID_ARG also for a NULL @p context, a version of 0 or newer
 *         than this library's, or only one of @c previous_reg and @c previous_calendar.
 */
SSAT_API ssat_status ssat_case_next_event(const ssat_case *c, const ssat_case_event *context, ssat_decision **out);

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
    const char *guard_values;   /**< what the guards saw, "key=value; ..." (e.g. "referral.r1.attendance=met 322/380") */
    const char *hash;           /**< the chain's hash of this entry, 64 lower-case hex digits (see "Hash chain") */
    uint32_t voided_by;         /**< sequence of the entry_voided entry that voids this one, or 0 */
} ssat_trail_entry;

/** Number of trail entries (0 for NULL). */
SSAT_API size_t ssat_case_trail_count(const ssat_case *c);

/** The trail entry at @p index, borrowed until the case is freed (the trail only grows); NULL when out of range. */
SSAT_API const ssat_trail_entry *ssat_case_trail_at(const ssat_case *c, size_t index);

/**
 * Rebuild the case from its trail alone: a new case from the same pupil, policy, pupil record and pack,
 * with every trail entry applied again (internal guards checked, external ones trusted from the guard
 * values recorded in the entry).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_STATE if the trail does not replay ("trail does
 *         not replay: entry N ..."); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_replay(const ssat_case *c, ssat_case **out);

/** 1 when two cases have the same pupil, policy, state, sub-states, pupil record, pack and trail. */
SSAT_API int32_t ssat_case_equal(const ssat_case *a, const ssat_case *b);

/**
 * Work that is overdue or due soon on @p on, appended to @p out as problems: an error once overdue, a
 * warning when due within "case.due_soon_days" (today included). Each problem's date is the due date
 * (has_session is 1, half AM); its field says what is due. A closed case has nothing due.
 * - "case.due.plan_review" (field "plans.psp"): an active PSP, "case.psp_review_days" after its start or
 *   latest review;
 * - "case.due.idp_review" ("plans.idp"): an active IDP, "case.idp_review_months" after its start or latest
 *   review (clamped to the month's end);
 * - "case.due.referral_decision" ("state.referred"): while referred, the SSAT's decision,
 *   "case.referral_decision_days" after the referral;
 * - "case.due.improvement_period" ("parents[<id>].warnings"): the end of the improvement period after a
 *   parent's latest warning ("penalty.warning.improvement_school_days" school days), while no notice
 *   followed it and no prosecution of that parent is considered or open;
 * - "case.due.payment_early" / "case.due.payment_late" ("parents[<id>].notices[<n>]"): a notice awaiting
 *   payment, its early window ("penalty.amount.early_days"; only ever a warning, since the late amount
 *   applies after it) and then its late window ("penalty.amount.late_days"; overdue when it closed with
 *   the notice still awaiting payment: record it paid or unpaid). Both windows run from the notice's
 *   receipt, counted as the payment guards count them (the file's description, "Guards"); the
 *   message names the issue date.
 * @param calendar  counts school days for the improvement period; NULL (or a date outside its year)
 *                  counts weekdays.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM (the list is left as it was).
 */
SSAT_API ssat_status ssat_case_overdue(const ssat_case *c, const ssat_calendar *calendar, ssat_date on,
                                       ssat_problems *out);

/**
 * Save the case as JSON (see the file comment): pupil record, policy reference (name), pack, trail and
 * the state it leads to. UTF-8, pretty-printed, ending with a newline.
 * @param out  receives the text, owned by the caller: free with ssat_free().
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_to_json(const ssat_case *c, char **out);

/**
 * Load a case. Every member is checked (exactly the members of the format, of the right types), the
 * trail is replayed (see ssat_case_replay()) and must lead to the saved state; on any failure nothing is
 * created and *out is NULL.
 * @param json    the document, @p len bytes (need not be NUL-terminated).
 * @param policy  the policy the document refers to (its name must match the document's reference); the
 *                case copies it and uses its allocator.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_PARSE (malformed or truncated JSON with line and
 *         column, wrong types, missing or unknown members, an unknown version, a bad pack: the message
 *         names the path, e.g. "trail[3].date"); ::SSAT_ERR_STATE (the hash chain is broken, naming the
 *         first entry that breaks it or chain.head / chain.seal; a keyed document loaded without its key;
 *         the trail does not replay, "trail does not replay: entry N ...", or not to the saved state, or
 *         the policy reference differs);
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_case_from_json(const char *json, size_t len, const ssat_policy *policy, ssat_case **out);

/**
 * Load a case whose trail is keyed (HMAC-SHA-256 with @p key), as ssat_case_from_json() does, verifying
 * the chain with the key. A document chained with plain SHA-256 (or of format 1) is verified as it is
 * and then chained again under the key: every entry it had counts as migrated
 * (ssat_case_chain_migrated()).
 * @param key, key_len  16 to 4096 bytes.
 * @return as ssat_case_from_json(); ::SSAT_ERR_STATE also for a wrong key ("the hash chain is broken at
 *         entry 1 ... or the key is not the one it was written with").
 */
SSAT_API ssat_status ssat_case_from_json_keyed(const char *json, size_t len, const ssat_policy *policy,
                                               const char *key, size_t key_len, ssat_case **out);

/**
 * Finds the policy a case document names (its "policy" member), for ssat_case_load_json().
 * @param name  the document's policy name, borrowed for the call.
 * @param ctx   the caller's pointer given in ::ssat_case_load_options.
 * @return the policy (borrowed: it must stay valid until ssat_case_load_json() returns; the case copies
 *         it), or NULL when the resolver does not know the name (the built-in policies are tried next).
 */
typedef const ssat_policy *(*ssat_policy_resolver)(const char *name, void *ctx);

/**
 * Options of ssat_case_load_json(). Declare them with ::SSAT_CASE_LOAD_OPTIONS_INIT (which sets
 * @c version), then set the members that apply; as ::ssat_case_event, members are only ever appended.
 */
typedef struct ssat_case_load_options {
    uint32_t version;              /**< ::SSAT_CASE_LOAD_OPTIONS_VERSION (set by ::SSAT_CASE_LOAD_OPTIONS_INIT) */
    ssat_policy_resolver resolve;  /**< asked first for the document's policy, or NULL (built-ins only) */
    void *resolve_ctx;             /**< passed to @c resolve */
    const char *key;               /**< the HMAC key of a keyed trail (as ssat_case_from_json_keyed()), or NULL */
    size_t key_len;                /**< bytes of @c key: 16 to 4096 */
    const ssat_allocator *alloc;   /**< the allocator of a built-in policy and so of the case; NULL for libc (a
                                        policy from @c resolve brings its own) */
} ssat_case_load_options;

/** The version of ::ssat_case_load_options this header declares. */
#define SSAT_CASE_LOAD_OPTIONS_VERSION 1

/** Initialiser of ::ssat_case_load_options: the current version, every other member zero (NULL). */
#define SSAT_CASE_LOAD_OPTIONS_INIT {SSAT_CASE_LOAD_OPTIONS_VERSION, NULL, NULL, NULL, 0, NULL}

/**
 * Load a case under the policy its document names, as ssat_case_from_json() (or, with a key,
 * ssat_case_from_json_keyed()) does with that policy: the caller need not know the policy beforehand.
 * The name is given to @c resolve first, when there is one (a program with its own policy files, or its
 * own version of a built-in name); when it returns NULL the built-in policy of that name is used
 * (ssat_policy_builtin(), with @c alloc). A policy that @c resolve returns must have that name (else
 * ::SSAT_ERR_STATE, as ssat_case_from_json()).
 * @param opts  the options, or NULL for the defaults (built-ins only, unkeyed, libc).
 * @return as ssat_case_from_json() (whose name the messages about the document carry); also
 *         ::SSAT_ERR_INVALID_ARG (a version of 0 or newer than this library's, a badly sized key) and
 *         ::SSAT_ERR_NOT_FOUND ("field policy: no policy "x": it is not built in and the resolver does not
 *         know it").
 */
SSAT_API ssat_status ssat_case_load_json(const char *json, size_t len, const ssat_case_load_options *opts,
                                         ssat_case **out);

/**
 * The head of the hash chain: the hash of the last trail entry, or for an empty trail the hash the first
 * entry will chain to (of the pupil id and the policy name). 64 lower-case hex digits, borrowed until the
 * next change of the case; "" for NULL. A copy of it kept elsewhere (a register of case heads, a signed
 * email) later shows that the trail up to it was not rewritten.
 */
SSAT_API const char *ssat_case_chain_head(const ssat_case *c);

/** 1 when the case's chain is keyed (HMAC-SHA-256), 0 when it is plain SHA-256 or for NULL. */
SSAT_API int32_t ssat_case_chain_keyed(const ssat_case *c);

/**
 * How many leading trail entries were chained when the case was loaded from a document that did not
 * chain them this way (format 1, written before the chain existed; or SHA-256 loaded with a key): their
 * hashes vouch for the trail as it was then, not as each entry was appended. 0 for NULL and new cases.
 */
SSAT_API size_t ssat_case_chain_migrated(const ssat_case *c);

SSAT_END_DECL

#endif /* SSAT_CASE_H */
