/**
 * @file ssat/evidence.h
 * @brief The referral pack: letters, meetings, support, parenting contract, plans, pupil voice, the
 *        referral form and the attendance certificate, as structured items; its completeness check; and
 *        its JSON persistence.
 *
 * A pack holds items. Each item has a kind and text fields, set one at a time and checked as they are
 * set: dates are ISO 8601 calendar dates ("2024-10-01"), times are 24-hour "HH:MM", facts are "yes" or
 * "no", choices must be one of the listed values, counts are whole numbers 0..1000000 written without
 * sign or leading zero (percent_tenths 0..1000: 850 is 85.0 %), date lists are dates separated by ";"
 * with no spaces, and text is UTF-8 of at most 65536 bytes with no control character but tab, CR and
 * LF. "" clears a field (unset and "" are the same). A value that does not fit is rejected with the
 * item and field named, and the item keeps its previous value.
 *
 * Items are named by kind and position among the pack's items of that kind, counting from 0:
 * "letter[2]" is the pack's third letter. Error messages and problem fields use these names; the
 * problems' English and Welsh texts count from 1 for people ("Letter 3").
 *
 * | kind          | fields (choices in brackets; * required by ssat_pack_check(), + required when the condition holds) |
 * |---------------|-------------------------------------------------------------------------------------------|
 * | concern       | date*, raised_by, summary*                                                                |
 * | letter        | date_sent*, type* (attendance_concern, meeting_invitation, warning, parenting_contract_offer, penalty_warning, other), addressee*, delivery (post, email, hand, other), reference* |
 * | meeting       | invitation_date, held* (yes/no), date+, time+, attendees, parent_attended+ (yes/no), outcome+, agreed_actions, review_date; + when held is yes |
 * | support       | date*, kind*, response* (accepted, declined, pending)                                     |
 * | contract      | offered_date*, status* (offered, agreed, declined, breached, completed), status_date+ (when status is not offered), terms |
 * | plan          | type* (psp, idp), start_date*, review_dates (dates separated by ";"), summary             |
 * | pupil_voice   | date*, summary*                                                                           |
 * | form          | referral_date*, pupil_id*, pupil_name*, date_of_birth*, year_group, parent_name*, parent_contact, reasons*, referrer_name*, referrer_role*, head_teacher_name+, head_teacher_signed (yes/no), signed_date+; + when head_teacher_signed is yes |
 * | certificate   | pupil_id*, pupil_name*, school*, period_start*, period_end*, possible*, attended*, authorised*, unauthorised*, percent_tenths+ (when possible is not 0), issue_date*, signatory_name, signatory_role |
 *
 * "form" and "certificate" occur at most once in a pack. The head teacher's sign-off, the certificate's
 * signatory and whether the parent came to a meeting that was not held have problems of their own (see
 * ssat_pack_check()).
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

/** 1 if the two packs hold the same items with the same values in the same order, else 0 (also when
 *  either is NULL). */
SSAT_API int32_t ssat_pack_equal(const ssat_pack *a, const ssat_pack *b);

/** Number of item kinds; their names are ssat_pack_kind_at(0 .. count-1). */
SSAT_API size_t ssat_pack_kind_count(void);

/** The item kind at @p index ("letter", ...; static string), or NULL when out of range. */
SSAT_API const char *ssat_pack_kind_at(size_t index);

/** Number of fields of an item kind (0 for an unknown kind). */
SSAT_API size_t ssat_pack_field_count(const char *kind);

/**
 * The field at @p index of an item kind: its name and, for choice and fact fields, its choices
 * separated by "," ("yes,no" for facts; "" for other fields). Static strings. Any out-pointer may be NULL.
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
 * Check the pack for a referral and report every problem, never only the first (docs/rules.md, "Evidence";
 * values from the policy's "evidence.*" keys). Every problem is an error; its field names the item
 * and field concerned ("letter[2].reference"), or the kind for a missing item ("letter"). Problem ids:
 * - missing items: "evidence.form.missing", "evidence.certificate.missing" (always required);
 *   "evidence.concern.missing" ("evidence.require_concern"); "evidence.letter.missing",
 *   "evidence.meeting.missing", "evidence.support.missing" (fewer letters, meetings held or not, offers
 *   of support than "evidence.min_letters", "evidence.min_meetings", "evidence.min_support_offers");
 *   "evidence.invitation.missing" (fewer invitations than "evidence.min_invitations", counting
 *   meeting_invitation letters or meetings with an invitation date, whichever are more, as a letter
 *   and the meeting it invites to are one invitation); "evidence.pupil_voice.missing"
 *   ("evidence.require_pupil_voice"). A count of 0 switches its check off;
 * - "evidence.field.missing": a required field of an item is empty (the table above);
 * - "evidence.meeting.not_held_unrecorded": a meeting not held that does not record whether the parent
 *   attended;
 * - "evidence.form.not_signed": the head teacher has not signed the form (head_teacher_signed is not
 *   "yes"), when "evidence.require_head_teacher_signature";
 * - "evidence.chronology.after_referral": an event dated after the form's referral date (any date but
 *   the date of birth, planned review dates and the referral date itself; the certificate's period end
 *   and issue date included);
 * - "evidence.chronology.order" (when "evidence.require_order"): a letter, meeting or support before the
 *   first concern, or a contract or plan before the first letter or meeting (a meeting counts from its
 *   invitation date when it has one);
 * - "evidence.certificate.stale": more than "evidence.certificate.max_age_school_days" school days lie
 *   strictly between the certificate's period end and the referral date;
 * - "evidence.certificate.mismatch": a certificate total (possible, attended, authorised, unauthorised)
 *   differs from the register over the certificate's period, one problem per total (only when @p reg
 *   is given);
 * - "evidence.certificate.inconsistent": the certificate's own figures disagree: possible is not
 *   attended + authorised + unauthorised, the percentage is not attended / possible in exact tenths
 *   (or is given when nothing was possible), the period ends before it starts, or it was issued before
 *   its period ended;
 * - "evidence.certificate.wrong_pupil": the certificate and the form name different pupil_ids;
 * - "evidence.certificate.unsigned": no signatory name or role.
 * @param reg       the pupil's register, to reconcile the certificate; may be NULL (not reconciled).
 * @param calendar  the school calendar for school-day counts; may be NULL (staleness then counts
 *                  weekdays; so does any day outside the calendar's school year).
 * @param problems  receives the problems (appended after any already there).
 * @param pupil     if not NULL, receives the facts the pack establishes for the referral decision:
 *                  ::SSAT_PUPIL_CAUSE_EXPLORED (a meeting held with an outcome, or the pupil's voice
 *                  recorded), ::SSAT_PUPIL_SUPPORT_OFFERED (a support item), ::SSAT_PUPIL_PARENTS_INVITED
 *                  (an invitation as counted above), each YES or NO (R3);
 *                  ::SSAT_PUPIL_EVIDENCE_COMPLETE: YES when no problem but chronology was found, else NO
 *                  (R4); ::SSAT_PUPIL_PROCEDURES_FOLLOWED: NO after any chronology problem, else YES, or
 *                  UNKNOWN when the form gives no referral date to check against (R5). Other facts are
 *                  left as they were.
 * @param errors_out  receives the number of problems this call found; may be NULL.
 * @return ::SSAT_OK even when problems were found; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM (then
 *         @p problems holds what it held before and @p pupil is unchanged).
 */
SSAT_API ssat_status ssat_pack_check(const ssat_pack *pack, const ssat_policy *policy, const ssat_register *reg,
                                     const ssat_calendar *calendar, ssat_problems *problems, ssat_pupil *pupil,
                                     size_t *errors_out);

/**
 * Save the pack as a JSON document (UTF-8, pretty-printed, ending with a newline):
 * @code{.json}
 * { "format": "ssat-pack", "format_version": 1,
 *   "items": [ { "kind": "letter", "fields": { "date_sent": "2024-10-04", "type": "meeting_invitation" } },
 *              { "kind": "support", "fields": { "date": "2024-10-11", "kind": "School nurse" } } ] }
 * @endcode
 * Items in the pack's order; in "fields" (apart from "kind", since a field may have any name) only the
 * fields that are set, in the order of the table above, every value a JSON string holding exactly the
 * field's text. Saving a loaded document gives the same text.
 * @param out  receives the text, owned by the caller: free with ssat_free().
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_pack_to_json(const ssat_pack *pack, char **out);

/**
 * Load a pack from a JSON document (ssat_pack_to_json()'s format; "format" and an item's "fields" may be
 * left out, and a "" value is an unset field). All or nothing: on failure *out is NULL and nothing is
 * allocated.
 * @param json  the document, @p len bytes (need not be NUL-terminated).
 * @param alloc allocator of the new pack, or NULL for the C library's.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_PARSE (malformed JSON with line and column, a
 *         duplicate key, an unknown or missing format version, an unknown member, kind or field, a value
 *         that is not a string or does not fit its field: the message names the path, e.g.
 *         "items[3].fields.date_sent"); ::SSAT_ERR_DUPLICATE (two forms or certificates: "items[5]");
 *         ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_pack_from_json(const char *json, size_t len, const ssat_allocator *alloc, ssat_pack **out);

SSAT_END_DECL

#endif /* SSAT_EVIDENCE_H */
