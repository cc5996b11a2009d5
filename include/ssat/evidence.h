/**
 * @file ssat/evidence.h
 * @brief The referral pack: letters, meetings, support, parenting contract, plans, pupil voice, the
 *        referral form and the attendance certificate, as structured items; its completeness check; and
 *        its JSON persistence.
 *
 * A pack holds items. Each item has a kind and text fields, set one at a time and checked as they are
 * set: dates are ISO 8601 calendar dates ("2024-10-01"), times are 24-hour "HH:MM", facts are "yes",
 * "no" or "" (unknown), choices must be one of the listed values, counts are whole numbers. A value that
 * does not fit is rejected with the item and field named, and the item keeps its previous value.
 *
 * | kind          | fields (choices in brackets)                                                              |
 * |---------------|-------------------------------------------------------------------------------------------|
 * | concern       | date, raised_by, summary                                                                  |
 * | letter        | date_sent, type (attendance_concern, meeting_invitation, warning, parenting_contract_offer, penalty_warning, other), addressee, delivery (post, email, hand, other), reference |
 * | meeting       | invitation_date, held (yes/no), date, time, attendees, parent_attended (yes/no), outcome, agreed_actions, review_date |
 * | support       | date, kind, response (accepted, declined, pending)                                        |
 * | contract      | offered_date, status (offered, agreed, declined, breached, completed), status_date, terms |
 * | plan          | type (psp, idp), start_date, review_dates (dates separated by ";"), summary               |
 * | pupil_voice   | date, summary                                                                             |
 * | form          | referral_date, pupil_id, pupil_name, date_of_birth, year_group, parent_name, parent_contact, reasons, referrer_name, referrer_role, head_teacher_name, head_teacher_signed (yes/no), signed_date |
 * | certificate   | pupil_id, pupil_name, school, period_start, period_end, possible, attended, authorised, unauthorised, percent_tenths, issue_date, signatory_name, signatory_role |
 *
 * "form" and "certificate" occur at most once in a pack.
 */
#ifndef SSAT_EVIDENCE_H
#define SSAT_EVIDENCE_H

#include "common.h"
#include "errors.h"
#include "calendar.h"
#include "register.h"
#include "problems.h"
#include "policy.h"
#include "pupil.h"

SSAT_BEGIN_DECL

/** Version of the pack JSON document format this library writes. */
#define SSAT_PACK_FORMAT_VERSION 1

/** An opaque referral pack. */
typedef struct ssat_pack ssat_pack;

/**
 * Create an empty pack.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_pack_new(const ssat_allocator *alloc, ssat_pack **out);

/** Copy a pack (with @p src's allocator). @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM. */
SSAT_API ssat_status ssat_pack_copy(const ssat_pack *src, ssat_pack **out);

/** Free a pack. NULL does nothing. */
SSAT_API void ssat_pack_free(ssat_pack *pack);

/** 1 if the two packs hold the same items with the same values in the same order, else 0. */
SSAT_API int32_t ssat_pack_equal(const ssat_pack *a, const ssat_pack *b);

/** Number of item kinds; their names are ssat_pack_kind_at(0 .. count-1). */
SSAT_API size_t ssat_pack_kind_count(void);

/** The item kind at @p index ("letter", ...; static string), or NULL when out of range. */
SSAT_API const char *ssat_pack_kind_at(size_t index);

/** Number of fields of an item kind (0 for an unknown kind). */
SSAT_API size_t ssat_pack_field_count(const char *kind);

/**
 * The field at @p index of an item kind: its name and, for choice fields, its choices separated by
 * "," (else ""). Static strings. Any out-pointer may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND (unknown kind); ::SSAT_ERR_RANGE.
 */
SSAT_API ssat_status ssat_pack_field_at(const char *kind, size_t index, const char **name_out,
                                        const char **choices_out);

/**
 * Add an empty item.
 * @param index_out  receives the item's index in the pack; may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND (unknown kind, the message lists the
 *         kinds); ::SSAT_ERR_DUPLICATE (a second form or certificate); ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_pack_add(ssat_pack *pack, const char *kind, size_t *index_out);

/**
 * Remove the item at @p index; later items move down by one.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE.
 */
SSAT_API ssat_status ssat_pack_remove(ssat_pack *pack, size_t index);

/** Number of items in the pack (0 for NULL). */
SSAT_API size_t ssat_pack_count(const ssat_pack *pack);

/** The kind of the item at @p index (static string), or NULL when out of range. */
SSAT_API const char *ssat_pack_item_kind(const ssat_pack *pack, size_t index);

/**
 * Set a field of an item. "" clears it.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL); ::SSAT_ERR_RANGE (index); ::SSAT_ERR_NOT_FOUND
 *         (no such field for the item's kind); ::SSAT_ERR_PARSE (a malformed date, time, fact, number or
 *         an unknown choice: the message names the item, e.g. "letter[2].date_sent", and the value);
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_pack_set(ssat_pack *pack, size_t index, const char *field, const char *value);

/**
 * Read a field of an item: its text, "" when not set.
 * @param out  borrowed until the field is set again or the item removed or the pack freed.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE; ::SSAT_ERR_NOT_FOUND.
 */
SSAT_API ssat_status ssat_pack_get(const ssat_pack *pack, size_t index, const char *field, const char **out);

/**
 * Check the pack for a referral and report every problem, never only the first (domain.md section 5,
 * values from the policy's "evidence.*" keys). Problem ids:
 * - missing items: "evidence.form.missing", "evidence.letter.missing", "evidence.invitation.missing",
 *   "evidence.support.missing", "evidence.certificate.missing", "evidence.concern.missing";
 * - "evidence.field.missing": a required field of an item is empty (problem field "letter[2].reference");
 * - "evidence.meeting.not_held_unrecorded": a meeting not held without the parent's attendance recorded;
 * - "evidence.chronology.after_referral": an item dated after the referral date;
 * - "evidence.chronology.order": a letter, meeting or support before the first concern, or a
 *   contract or plan before the first letter or meeting;
 * - "evidence.form.not_signed": the head teacher has not signed the form;
 * - "evidence.certificate.stale": the certificate's period ends more than "evidence.certificate.max_age_school_days"
 *   school days before the referral date;
 * - "evidence.certificate.mismatch": a certificate total differs from the register over its period
 *   (one problem per total; only when @p reg is given);
 * - "evidence.certificate.unsigned": no signatory name or role.
 * @param reg       the pupil's register, to reconcile the certificate; may be NULL (not reconciled).
 * @param calendar  the school calendar for school-day counts; may be NULL (staleness then counts
 *                  weekdays).
 * @param problems  receives the problems (appended).
 * @param pupil     if not NULL, receives the facts the pack establishes for the referral decision:
 *                  cause explored, support offered, parents invited (R3), evidence complete (R4) and
 *                  procedures followed (R5: chronology respected).
 * @param errors_out  receives the number of errors; may be NULL.
 * @return ::SSAT_OK even when problems were found; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_pack_check(const ssat_pack *pack, const ssat_policy *policy, const ssat_register *reg,
                                     const ssat_calendar *calendar, ssat_problems *problems, ssat_pupil *pupil,
                                     size_t *errors_out);

/**
 * Save the pack as a JSON document (UTF-8; {"format": "ssat-pack", "format_version": 1, "items": [...]}).
 * @param out  receives the text, owned by the caller: free with ssat_free().
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_pack_to_json(const ssat_pack *pack, char **out);

/**
 * Load a pack from a JSON document. All or nothing: on failure *out is NULL and nothing is allocated.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_PARSE (malformed JSON with line and column, an
 *         unknown or missing format version, an unknown kind or field, a malformed value: the message
 *         names the path, e.g. "items[3].date_sent"); ::SSAT_ERR_DUPLICATE (two forms or certificates);
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_pack_from_json(const char *json, size_t len, const ssat_allocator *alloc, ssat_pack **out);

SSAT_END_DECL

#endif /* SSAT_EVIDENCE_H */
