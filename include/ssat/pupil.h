/**
 * @file ssat/pupil.h
 * @brief What is known about a pupil and a parent beyond the register: date of birth, roll status,
 *        the school's engagement, and a parent's penalty-notice history.
 *
 * Rules take these facts as they are known. A fact may be unknown (the zero value): a criterion that
 * depends on it is then reported as "unknown" with what is missing, never silently met or not met.
 */
#ifndef SSAT_PUPIL_H
#define SSAT_PUPIL_H

#include "common.h"
#include "errors.h"
#include "date.h"
#include "calendar.h"

SSAT_BEGIN_DECL

/** A yes/no fact that may be unknown. */
typedef enum ssat_fact {
    SSAT_FACT_UNKNOWN = 0, /**< not known (the default) */
    SSAT_FACT_NO = 1,      /**< known to be false */
    SSAT_FACT_YES = 2      /**< known to be true */
} ssat_fact;

/** The facts about a pupil that rules use. */
typedef enum ssat_pupil_fact {
    SSAT_PUPIL_ON_ROLL = 0,              /**< registered at the school (R6) */
    SSAT_PUPIL_CAUSE_EXPLORED = 1,       /**< the school determined the cause of absence (R3) */
    SSAT_PUPIL_SUPPORT_OFFERED = 2,      /**< the school offered support (R3) */
    SSAT_PUPIL_PARENTS_INVITED = 3,      /**< parents were invited to meetings (R3) */
    SSAT_PUPIL_EVIDENCE_COMPLETE = 4,    /**< the referral pack is complete (R4) */
    SSAT_PUPIL_PROCEDURES_FOLLOWED = 5   /**< the school's procedure and chronology were respected (R5) */
} ssat_pupil_fact;

/** Number of ::ssat_pupil_fact values. */
#define SSAT_PUPIL_FACT_COUNT 6

/** An opaque pupil record. */
typedef struct ssat_pupil ssat_pupil;

/**
 * Create a pupil with every fact unknown and no date of birth.
 * @param id  the school's pupil identifier, 1..64 bytes (copied).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_pupil_new(const char *id, const ssat_allocator *alloc, ssat_pupil **out);

/** Free a pupil. NULL does nothing. */
SSAT_API void ssat_pupil_free(ssat_pupil *pupil);

/** The pupil's identifier, borrowed for the pupil's lifetime; "" for NULL. */
SSAT_API const char *ssat_pupil_id(const ssat_pupil *pupil);

/** Record the date of birth. @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE. */
SSAT_API ssat_status ssat_pupil_set_date_of_birth(ssat_pupil *pupil, ssat_date date_of_birth);

/** The date of birth. @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOT_FOUND when not recorded. */
SSAT_API ssat_status ssat_pupil_date_of_birth(const ssat_pupil *pupil, ssat_date *out);

/** Set a fact. @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG for NULL, an unknown fact or value. */
SSAT_API ssat_status ssat_pupil_set_fact(ssat_pupil *pupil, ssat_pupil_fact fact, ssat_fact value);

/** A fact's value; ::SSAT_FACT_UNKNOWN for NULL or an unknown fact. */
SSAT_API ssat_fact ssat_pupil_get_fact(const ssat_pupil *pupil, ssat_pupil_fact fact);

/** An opaque parent record: the penalty-notice history the code of conduct looks at. */
typedef struct ssat_parent ssat_parent;

/** Kinds of entry in a parent's history. */
typedef enum ssat_parent_event {
    SSAT_PARENT_WARNING = 0,     /**< a penalty-notice warning was issued (date = issue date) */
    SSAT_PARENT_NOTICE = 1,      /**< a penalty notice was issued (date = issue date; window = absence) */
    SSAT_PARENT_PROCEEDINGS = 2  /**< proceedings contemplated or open (date = when; window = absence) */
} ssat_parent_event;

/**
 * Create a parent with an empty history.
 * @param id  an identifier for the parent, 1..64 bytes (copied).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_parent_new(const char *id, const ssat_allocator *alloc, ssat_parent **out);

/** Free a parent. NULL does nothing. */
SSAT_API void ssat_parent_free(ssat_parent *parent);

/** The parent's identifier, borrowed for the parent's lifetime; "" for NULL. */
SSAT_API const char *ssat_parent_id(const ssat_parent *parent);

/**
 * Add an entry to the parent's history.
 * @param pupil_id  the child concerned, 1..64 bytes (copied).
 * @param date      the date of the warning, notice or proceedings.
 * @param absence   the absence the entry concerns (required for notices and proceedings; ignored and
 *                  may be NULL for warnings).
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL, unknown kind, malformed window); ::SSAT_ERR_RANGE for a
 *         @p date outside years 1583..9999; ::SSAT_ERR_NOMEM.
 */
SSAT_API ssat_status ssat_parent_add(ssat_parent *parent, ssat_parent_event kind, const char *pupil_id,
                                     ssat_date date, const ssat_window *absence);

/** Number of history entries (0 for NULL). */
SSAT_API size_t ssat_parent_count(const ssat_parent *parent);

/**
 * The history entry at @p index, in the order added. Any out-pointer may be NULL.
 * @param pupil_id_out  borrowed for the parent's lifetime.
 * @param absence_out   the absence of a notice or proceedings; all zero for a warning.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE when @p index is out of range.
 */
SSAT_API ssat_status ssat_parent_at(const ssat_parent *parent, size_t index, ssat_parent_event *kind_out,
                                    const char **pupil_id_out, ssat_date *date_out, ssat_window *absence_out);

/**
 * Compulsory school age (Education Act 1996 s8) for a date of birth: it begins on the first prescribed
 * day (31 August, 31 December, 31 March) on or after the fifth birthday, and ends at the end of the
 * school leaving date, the last Friday in June of the school year (1 September to 31 August) in which
 * the child turns 16. A 29 February birthday is reached on 1 March in common years.
 * Any out-pointer may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_RANGE when the dates fall outside the supported years.
 */
SSAT_API ssat_status ssat_compulsory_school_age(ssat_date date_of_birth, ssat_date *first_out, ssat_date *last_out);

/**
 * Whether a child born on @p date_of_birth is of compulsory school age on @p on.
 * @param out  receives 1 or 0.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG; ::SSAT_ERR_RANGE.
 */
SSAT_API ssat_status ssat_is_compulsory_school_age(ssat_date date_of_birth, ssat_date on, int32_t *out);

SSAT_END_DECL

#endif /* SSAT_PUPIL_H */
