/* Internal: the case object shared by case.c (object, state, trail), case_names.c (the ids of states
 * and records), case_chain.c (the hash chain),
 * the events (case_events.h: case_guards.c, case_guards_external.c, case_events.c, case_apply.c: the
 * guards, the event table and its transitions, apply and replay), case_json_save.c and case_json.c
 * (persistence) and case_overdue.c (due work). Each piece has one home, named in its section; calls
 * point one way: case_names.c uses nothing of the case, case_chain.c only the names, case.c only
 * those two, and the others build on case.c. Not installed. */
#ifndef SSAT_CASE_INTERNAL_H
#define SSAT_CASE_INTERNAL_H

#include "case_layer.h"
#include "ssat/case.h"

/* A date that is not set (JSON null). Real dates lie in years 1583..9999, far from it. */
#define SSAT__NO_DATE INT32_MIN

#define SSAT__CASE_ID_MAX 64        /* pupil and parent identifiers */
#define SSAT__CASE_ACTOR_MAX 128    /* actor and role */
#define SSAT__CASE_DETAIL_MAX 256   /* an event's detail */
#define SSAT__CASE_NOTE_MAX 4096    /* a trail note */
#define SSAT__CASE_GUARDS_MAX 4096  /* a trail entry's guard values */
#define SSAT__CASE_REASON_MAX 32    /* a closing reason (one of the listed choices) */
#define SSAT__CASE_SECTION_MAX 16   /* "s444(1)" or "s444(1A)" */

/* ---- the derived state ---------------------------------------------------------------------------- */

typedef enum ssat__plan { SSAT__PLAN_PSP = 0, SSAT__PLAN_IDP = 1, SSAT__PLAN_COUNT = 2 } ssat__plan;

typedef struct ssat__plan_state {
    bool active;
    ssat_date started;     /* SSAT__NO_DATE when never started */
    ssat_date last_review; /* the start or the latest review; SSAT__NO_DATE when never started */
} ssat__plan_state;

typedef enum ssat__notice_status {
    SSAT__NOTICE_ISSUED = 0, /* awaiting payment */
    SSAT__NOTICE_PAID = 1,
    SSAT__NOTICE_UNPAID = 2, /* not paid within the late period */
    SSAT__NOTICE_WITHDRAWN = 3
} ssat__notice_status;
#define SSAT__NOTICE_STATUS_COUNT 4

/* How a notice was served: notice_issued's optional detail ("posted", "hand"). A notice recorded
 * without one (every case saved before the service was recorded) is received the day it was issued and
 * its payment days count as ssat_penalty_amount_due() counts them, as they always did. */
typedef enum ssat__notice_service {
    SSAT__SERVICE_UNRECORDED = 0,
    SSAT__SERVICE_HAND = 1,
    SSAT__SERVICE_POSTED = 2
} ssat__notice_service;

typedef struct ssat__notice {
    ssat_date issued;
    ssat__notice_status status;
    ssat_date status_date;  /* when the status last changed (the issue date while issued) */
    ssat_window absence;    /* the limb window the notice covered */
    ssat__notice_service service;
    ssat_date received;     /* ssat_penalty_received() of the issue date; the issue date when unrecorded */
} ssat__notice;

typedef enum ssat__prosecution {
    SSAT__PROSECUTION_NONE = 0,
    SSAT__PROSECUTION_CONSIDERED = 1,
    SSAT__PROSECUTION_STARTED = 2,
    SSAT__PROSECUTION_CONCLUDED = 3
} ssat__prosecution;
#define SSAT__PROSECUTION_COUNT 4

/* The statutory record of one parent (per parent, for this case's pupil). */
typedef struct ssat__case_parent {
    char id[SSAT__CASE_ID_MAX + 1];
    ssat_date *warnings;
    size_t warning_count, warning_cap;
    ssat__notice *notices;
    size_t notice_count, notice_cap;
    ssat_date eso_considered;        /* latest; SSAT__NO_DATE when never */
    ssat__prosecution prosecution;   /* stage of the latest prosecution */
    ssat_date prosecution_date;      /* when it reached that stage; SSAT__NO_DATE with NONE */
    ssat_date prosecution_considered; /* when the latest prosecution was considered; SSAT__NO_DATE */
    char section[SSAT__CASE_SECTION_MAX]; /* of the latest started prosecution, or "" */
    int32_t prosecutions_concluded;
    ssat_date sao_issued;            /* latest; SSAT__NO_DATE when never */
} ssat__case_parent;

/* Everything the trail determines. Replaying the trail rebuilds exactly this. */
typedef struct ssat__case_state {
    ssat_case_state main;
    ssat_contract_state contract;
    ssat__plan_state plans[SSAT__PLAN_COUNT];
    ssat_date referred;   /* latest referral; SSAT__NO_DATE when never referred */
    ssat_date improved;   /* latest "attendance improved"; SSAT__NO_DATE when never */
    char closed_reason[SSAT__CASE_REASON_MAX + 1]; /* "" while open */
    ssat__case_parent *parents; /* in the order they first appear in the trail */
    size_t parent_count, parent_cap;
} ssat__case_state;

void ssat__case_state_init(ssat__case_state *s);
void ssat__case_state_free(const ssat__alloc *a, ssat__case_state *s);
/* Deep copy; false (dst left initialised and empty) on allocation failure. */
bool ssat__case_state_copy(const ssat__alloc *a, ssat__case_state *dst, const ssat__case_state *src);
bool ssat__case_state_equal(const ssat__case_state *a, const ssat__case_state *b);
/* The parent's record, or NULL. */
ssat__case_parent *ssat__case_parent_find(const ssat__case_state *s, const char *id);
/* The parent's record, added (empty) when absent; NULL on allocation failure. */
ssat__case_parent *ssat__case_parent_get(const ssat__alloc *a, ssat__case_state *s, const char *id);
/* The latest notice awaiting payment, or NULL. */
const ssat__notice *ssat__case_open_notice(const ssat__case_parent *p);

/* ---- the case ------------------------------------------------------------------------------------- */

typedef struct ssat__case_entry {
    size_t size;          /* bytes of this allocation */
    ssat_trail_entry pub; /* its strings point into text and hash */
    char hash[SSAT__SHA256_HEX]; /* the chain's hash of this entry (case_chain.c) */
    char text[];
} ssat__case_entry;

#define SSAT__CASE_KEY_MIN 16   /* bytes of an HMAC key for the chain */
#define SSAT__CASE_KEY_MAX 4096

struct ssat_case {
    ssat__alloc alloc;
    char *pupil_id;
    ssat_policy *policy;
    ssat_pupil *pupil;
    ssat_pack *pack;
    ssat__case_state state;
    ssat__case_entry **trail;
    size_t trail_count, trail_cap;
    /* The hash chain (case_chain.c): HMAC-SHA-256 with the caller's key when keyed, else SHA-256. */
    uint8_t *key;
    size_t key_len;
    size_t chain_migrated;         /* leading entries chained when an older document was loaded */
    char genesis[SSAT__SHA256_HEX]; /* the hash the first entry chains to (pupil id, policy name) */
};

/* A new case with a copy of the policy and an empty pupil record and pack, all with the policy's
 * allocator; `fn` names the caller in errors. */
ssat_status ssat__case_create(const char *pupil_id, const ssat_policy *policy, ssat_case **out, const char *fn);
/* Replace the case's pupil record and pack by copies of these. */
ssat_status ssat__case_copy_records(ssat_case *dst, const ssat_pupil *pupil, const ssat_pack *pack, const char *fn);
/* Append a trail entry (strings copied). SSAT_ERR_NOMEM leaves the trail unchanged. */
ssat_status ssat__case_append(ssat_case *c, const ssat_trail_entry *e, const char *fn);
/* Check caller text: min..max bytes of UTF-8 without control characters (tab, CR and LF allowed when
 * `line_breaks`); SSAT_ERR_INVALID_ARG names `arg`. */
ssat_status ssat__case_check_text(const char *fn, const char *arg, const char *s, size_t min, size_t max,
                                  bool line_breaks);
/* An ssat_allocator for the case's allocator (to create pupils, packs, problem lists with it). */
ssat_allocator ssat__case_allocator(const ssat_case *c);

/* Names (case_names.c): the stable ids used in JSON ("monitoring", "offered", "issued", ...). */
const char *ssat__case_state_id(ssat_case_state s);
bool ssat__case_state_parse(const char *id, ssat_case_state *out);
const char *ssat__contract_id(ssat_contract_state s);
bool ssat__contract_parse(const char *id, ssat_contract_state *out);
const char *ssat__plan_id(ssat__plan p);
const char *ssat__notice_status_id(ssat__notice_status s);
bool ssat__notice_status_parse(const char *id, ssat__notice_status *out);
/* "posted", "hand" (the detail of notice_issued); "" for SSAT__SERVICE_UNRECORDED. */
const char *ssat__notice_service_id(ssat__notice_service s);
bool ssat__notice_service_parse(const char *id, ssat__notice_service *out);
const char *ssat__prosecution_id(ssat__prosecution p);
bool ssat__prosecution_parse(const char *id, ssat__prosecution *out);
/* "2024-09-02 AM..2024-10-15 PM" (the form guard values and documents use for a notice's absence). */
void ssat__window_text(const ssat_window *w, char *buf, size_t cap);
bool ssat__window_parse(const char *text, size_t len, ssat_window *out);

/* ---- the hash chain (case_chain.c) -------------------------------------------------------------------- */

/* A key: NULL, or SSAT__CASE_KEY_MIN..MAX bytes; SSAT_ERR_INVALID_ARG otherwise. */
ssat_status ssat__case_check_key(const char *fn, const char *key, size_t key_len);
/* Copy the key (NULL: unkeyed) into the case and compute its genesis hash; the trail must be empty. */
ssat_status ssat__case_set_key(ssat_case *c, const char *key, size_t key_len, const char *fn);
/* The hash of entry `e` chained to `prev` (hex), with the case's key, into out (SSAT__SHA256_HEX). */
void ssat__chain_entry(const ssat_case *c, const char *prev, const ssat_trail_entry *e, char *out);
/* The seal over the head, the migrated count, the pupil record and the pack (hex), or NOMEM. */
ssat_status ssat__chain_seal(const ssat_case *c, char *out, const char *fn);
/* The hash of the last entry, or the genesis for an empty trail. */
const char *ssat__chain_head(const ssat_case *c);

/* ---- persistence (case_json_save.c writes, case_json.c reads) ----------------------------------------- */

struct json_t;
/* The pupil facts' names in documents, in ssat_pupil_fact order. */
extern const char *const ssat__case_fact_names[SSAT_PUPIL_FACT_COUNT];
/* Write a JSON tree into a block from `a` that the caller frees with ssat_free(); NULL on failure
 * (`estimate`: the expected length, 0 to measure first). */
char *ssat__case_json_dump(const ssat__alloc *a, const struct json_t *root, size_t flags, bool newline,
                           size_t estimate, size_t *len_out);

/* ---- events (case_apply.c) ------------------------------------------------------------------------ */

/* Apply trail entry `e` to the case again (replay and load): checks the date order, the event's
 * arguments and every internal guard against the case's current state, trusts the guard values the
 * entry recorded for the external guards (register, calendar, pupil record, pack), checks the entry's
 * sequence and states, and appends it. SSAT_ERR_STATE names the entry ("trail does not replay:
 * entry N ..."). */
ssat_status ssat__case_replay_entry(ssat_case *c, const ssat_trail_entry *e, const char *fn);

#endif /* SSAT_CASE_INTERNAL_H */
