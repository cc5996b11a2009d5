/**
 * @file ssat/batch.h
 * @brief Batch evaluation: many pupils from one contiguous buffer of marks, results into caller
 *        arrays, no allocation per pupil. For a school's page (1,000 pupils) or a nation (470,000).
 *
 * Layout: every pupil shares one calendar of sessions, the school days of a school year from its first
 * day, two sessions a day, AM then PM (ssat_batch_session() lists them). Pupil @c i's marks are the
 * bytes @c marks[offsets[i]] to @c marks[offsets[i+1]-1]: one byte per session of the shared calendar,
 * from its first session, each a one-character code of the code set, "-" (or " ") for a missing mark or
 * "." for a session on which the pupil was not registered (a joiner's or leaver's days; not counted at
 * all). A pupil's run may be shorter than the calendar (a leaver, or marks up to today) and may run
 * past the as-of date (those marks are checked, not counted).
 *
 * The results are exactly those of the per-pupil API (ssat_attendance_compute, ssat_absence_evaluate,
 * ssat_referral_evaluate's R1 and R2, ssat_penalty_evaluate's limbs (met; unknown when only provisional
 * sessions make one hold) and year-to-date condition) over
 * the same sessions, each criterion over the window its policy key names; a test checks that over many
 * random registers. Evaluation is a count of byte classes per pupil (with SIMD where the CPU has it,
 * see ssat_batch_kernel()) followed by exact integer comparisons.
 *
 * Threads: a batch is immutable once made; any number of threads may evaluate with it at once.
 */
#ifndef SSAT_BATCH_H
#define SSAT_BATCH_H

#include "common.h"
#include "errors.h"
#include "codeset.h"
#include "calendar.h"
#include "policy.h"
#include "register.h"
#include "school.h"

SSAT_BEGIN_DECL

/** Flags of a batch result. */
typedef enum ssat_batch_flag {
    SSAT_BATCH_EVALUABLE = 1 << 0,          /**< at least one possible session year to date */
    SSAT_BATCH_REFERRAL_R1 = 1 << 1,        /**< referral criterion R1 (attendance, over "referral.window") met */
    SSAT_BATCH_REFERRAL_R2 = 1 << 2,        /**< referral criterion R2 (unauthorised sessions, over "referral.window") met */
    SSAT_BATCH_PERSISTENT = 1 << 3,         /**< persistently absent (over "absence.window") */
    SSAT_BATCH_SEVERE = 1 << 4,             /**< severely absent (never when the policy does not evaluate it) */
    SSAT_BATCH_PENALTY_LIMB = 1 << 5,       /**< at least one penalty-notice limb met (a limb of count 0 is off) */
    SSAT_BATCH_PENALTY_YEAR_TO_DATE = 1 << 6, /**< the penalty notice's year-to-date condition met (always
                                                   when the policy does not require it, as per pupil) */
    SSAT_BATCH_INVALID = 1 << 7,            /**< a byte of the pupil's run, anywhere in it, is not a code, "-", " "
                                                 or ".": every other field is 0, attendance_tenths -1 */
    SSAT_BATCH_PENALTY_LIMB_UNKNOWN = 1 << 8 /**< no penalty limb met, but one would be with its provisional
                                                  ("N") sessions: unknown until they are resolved (policy
                                                  "penalty.limb.provisional_unknown"; never when it is off) */
} ssat_batch_flag;

/**
 * One pupil's result. Written by the library into the caller's array; its size is part of the ABI
 * (a new layout would come with a new function).
 */
typedef struct ssat_batch_result {
    uint32_t possible;        /**< year to date */
    uint32_t attended;        /**< year to date */
    uint32_t authorised;      /**< year to date */
    uint32_t unauthorised;    /**< year to date */
    uint32_t missing;         /**< missing marks ("-" or " ") year to date */
    uint32_t limb_sessions;   /**< unauthorised sessions in the penalty limb window (the combination limb's count) */
    int32_t attendance_tenths;/**< one-decimal percentage times 10, rounded half up; -1 when not evaluable */
    uint32_t flags;           /**< ::ssat_batch_flag bits */
} ssat_batch_result;

/** An opaque prepared batch: the code set, policy and shared calendar resolved into lookup tables.
 *  About 20 KB, allocated once with the policy's allocator. */
typedef struct ssat_batch ssat_batch;

/**
 * Prepare batch evaluation for one school year up to @p as_of. Everything the evaluation needs is
 * copied: the inputs may be freed or changed afterwards, and the batch is immutable (usable from many
 * threads).
 * @param codes     a code set, the policy's "code_set" (by name, as the per-pupil rules require); every
 *                  one-character code is classified (longer codes cannot occur in a run).
 * @param policy    the policy. Its windows ("referral.window", "absence.window", "penalty.limb.window")
 *                  may be year_to_date, term or last_weeks:N, which are the same for every pupil; a
 *                  last_sessions:N window depends on each pupil's own entries and gives ::SSAT_ERR_STATE
 *                  (use the per-pupil API for such a policy).
 * @param calendar  the school year's calendar; its school days define the shared session list.
 * @param out       receives the batch; free with ssat_batch_free(). NULL on failure.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL); ::SSAT_ERR_RANGE (@p as_of outside the year, or a
 *         term window before the first term begins); ::SSAT_ERR_NOT_FOUND (a term window in a calendar
 *         without terms); ::SSAT_ERR_STATE (another code set, a last_sessions window); ::SSAT_ERR_NOMEM.
 *         The same conditions give the same status as the per-pupil rules.
 */
SSAT_API ssat_status ssat_batch_new(const ssat_codeset *codes, const ssat_policy *policy,
                                    const ssat_calendar *calendar, ssat_date as_of, ssat_batch **out);

/** Free a batch. NULL does nothing. */
SSAT_API void ssat_batch_free(ssat_batch *batch);

/** Number of sessions in the shared calendar (school days of the year times two); 0 for NULL. */
SSAT_API size_t ssat_batch_session_count(const ssat_batch *batch);

/**
 * The date and half of session @p index of the shared calendar. Either out-pointer may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL batch); ::SSAT_ERR_RANGE (@p index not below
 *         ssat_batch_session_count()).
 */
SSAT_API ssat_status ssat_batch_session(const ssat_batch *batch, size_t index, ssat_date *date_out,
                                        ssat_half *half_out);

/**
 * Evaluate @p npupils pupils. Allocates nothing with one thread; with more, only the threads.
 * @param marks    the marks of every pupil, back to back; bytes offsets[0] to offsets[npupils]-1 are
 *                 read (never outside them).
 * @param offsets  @p npupils + 1 offsets into @p marks, non-decreasing; pupil i is
 *                 [offsets[i], offsets[i+1]); runs longer than the session count are an error.
 * @param out      @p npupils results.
 * @param threads  0 or 1 for the calling thread only; more splits the pupils, by bytes, across that
 *                 many threads (the calling thread is one of them; capped at 64 and at @p npupils),
 *                 joined before returning. A thread that cannot be created does not fail the call: the
 *                 calling thread evaluates its share. Results do not depend on the number of threads.
 * @param invalid_out  receives the number of pupils flagged ::SSAT_BATCH_INVALID; may be NULL.
 * @return ::SSAT_OK (also when some pupils are invalid, and for @p npupils 0); ::SSAT_ERR_INVALID_ARG
 *         (a NULL batch, marks, offsets or out, even for 0 pupils; offsets not non-decreasing, a run
 *         longer than the session count: the message names the pupil index). On failure nothing is
 *         written to @p out and *@p invalid_out is 0.
 */
SSAT_API ssat_status ssat_batch_evaluate(const ssat_batch *batch, const char *marks, const size_t *offsets,
                                         size_t npupils, ssat_batch_result *out, uint32_t threads,
                                         size_t *invalid_out);

/**
 * A register as a run of the batch's sessions (the layout of ssat_batch_evaluate()): byte i is the entry
 * of session i (ssat_batch_session()), its one-character code, "-" for an explicit missing mark or "."
 * when the session has no entry; entries on days that are not among the batch's sessions are left out.
 * Codes are copied as they are: one not in the batch's code set makes ssat_batch_evaluate() flag the
 * pupil ::SSAT_BATCH_INVALID.
 * @param buf      receives the run and a terminating NUL: ssat_batch_session_count() + 1 bytes.
 * @param cap      size of @p buf.
 * @param len_out  receives the run's length, ssat_batch_session_count() (also when @p cap is too
 *                 small, so that a caller can size the buffer); may be NULL.
 * @return ::SSAT_OK; ::SSAT_ERR_INVALID_ARG (NULL batch, register or buf; @p cap too small, nothing
 *         written; a code longer than one character, which a run cannot hold: the message names its
 *         date and session, and @p buf holds ""). The result of each pupil of ssat_batch_evaluate() on
 *         such runs is that of the per-pupil rules on the registers.
 */
SSAT_API ssat_status ssat_batch_register_run(const ssat_batch *batch, const ssat_register *reg, char *buf,
                                             size_t cap, size_t *len_out);

/**
 * Evaluate every pupil of a school: each register turned into a run as by ssat_batch_register_run(),
 * all of them evaluated by one ssat_batch_evaluate() call. Allocates the runs (the pupil count times
 * the session count, in bytes) with the batch's allocator and frees them before returning.
 * @param out          receives ssat_school_count() results, result i for pupil i of the school (its
 *                     ssat_school_pupil_id() order).
 * @param cap          the number of results @p out holds; at least ssat_school_count().
 * @param threads      as for ssat_batch_evaluate().
 * @param invalid_out  receives the number of pupils flagged ::SSAT_BATCH_INVALID; may be NULL.
 * @return ::SSAT_OK (also for a school without pupils); ::SSAT_ERR_INVALID_ARG (NULL batch, school or
 *         out; @p cap below the pupil count; a code longer than one character: the message names the
 *         pupil's id and index, the date and the session); ::SSAT_ERR_NOMEM. On failure nothing is
 *         written to @p out and *@p invalid_out is 0.
 */
SSAT_API ssat_status ssat_batch_evaluate_school(const ssat_batch *batch, const ssat_school *school,
                                                ssat_batch_result *out, size_t cap, uint32_t threads,
                                                size_t *invalid_out);

/**
 * Name of the counting kernel the batch uses: "avx512", "avx2" or "portable" (static string;
 * "" for NULL). ssat_batch_new() picks the fastest this CPU runs; every kernel gives the same results.
 */
SSAT_API const char *ssat_batch_kernel(const ssat_batch *batch);

SSAT_END_DECL

#endif /* SSAT_BATCH_H */
