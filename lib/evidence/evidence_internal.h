/* Internal: the referral pack's schema (item kinds and their fields) and access to a pack's items,
 * shared by evidence.c (the model), evidence_check.c (the completeness check), evidence_json.c
 * (persistence) and certificate.c (filling a pack's certificate item). Not installed, not API. */
#ifndef SSAT_EVIDENCE_INTERNAL_H
#define SSAT_EVIDENCE_INTERNAL_H

#include "evidence_layer.h"

/* Longest text value of a pack field, in bytes (meeting minutes fit; a runaway value does not). */
#define SSAT__EV_TEXT_MAX 65536
/* Largest value of a count field unless the field says otherwise. */
#define SSAT__EV_COUNT_MAX 1000000u

/* How a field's text is checked when it is set. */
typedef enum ssat__ftype {
    SSAT__F_TEXT = 0,   /* UTF-8, no control characters but tab, CR and LF */
    SSAT__F_DATE = 1,   /* ISO 8601 "YYYY-MM-DD" */
    SSAT__F_TIME = 2,   /* "HH:MM", 24-hour */
    SSAT__F_FACT = 3,   /* "yes" or "no" */
    SSAT__F_CHOICE = 4, /* one of `choices` */
    SSAT__F_COUNT = 5,  /* a whole number 0..max, canonical (no sign, no leading zero) */
    SSAT__F_DATES = 6   /* dates separated by ";" */
} ssat__ftype;

/* When the completeness check requires a field. */
typedef enum ssat__freq {
    SSAT__REQ_NO = 0,    /* optional */
    SSAT__REQ_ALWAYS = 1,
    SSAT__REQ_IF = 2,    /* when field `if_field` holds one of `if_values` ("a,b") */
    SSAT__REQ_IF_NOT = 3 /* when field `if_field` is set and holds none of `if_values` */
} ssat__freq;

typedef struct ssat__fdef { /* pointers first, then the small members: no padding between them */
    const char *name;
    const char *choices; /* CHOICE and FACT: "a,b,c"; else "" */
    const char *if_field, *if_values;
    ssat__ftype type;
    ssat__freq req;
    uint32_t max; /* COUNT: the largest value */
    bool event;   /* an event date: it must not be after the referral date (chronology) */
} ssat__fdef;

/* The item kinds, in the order of ssat_pack_kind_at(). */
typedef enum ssat__kind {
    SSAT__K_CONCERN = 0,
    SSAT__K_LETTER,
    SSAT__K_MEETING,
    SSAT__K_SUPPORT,
    SSAT__K_CONTRACT,
    SSAT__K_PLAN,
    SSAT__K_PUPIL_VOICE,
    SSAT__K_FORM,
    SSAT__K_CERTIFICATE,
    SSAT__K_COUNT
} ssat__kind;

typedef struct ssat__kdef {
    const char *name;
    const ssat__fdef *fields;
    size_t nfields;
    bool single; /* at most one in a pack */
} ssat__kdef;

extern const ssat__kdef ssat__kinds[SSAT__K_COUNT];

/* The kind named `name`, or -1. */
int ssat__kind_find(const char *name);
/* The index of field `name` of kind `k`, or -1. */
int ssat__field_find(ssat__kind k, const char *name);
/* "concern, letter, ..." for messages. */
const char *ssat__kind_list(void);

/* Whether `value` is one of the comma-separated `list` ("a,b,c"). */
bool ssat__ev_in_list(const char *value, const char *list);

/* Check `value` for field `f`; on failure record a message "<fn>: <where>.<field>: ..."
 * (where is "letter[2]" or "items[3]") and return SSAT_ERR_PARSE. "" is always accepted. */
ssat_status ssat__ev_check_value(const ssat__fdef *f, const char *value, const char *where, const char *fn);

/* ---- pack access (evidence.c) ---------------------------------------------------------------------- */

const ssat__alloc *ssat__pack_alloc(const ssat_pack *pack);
ssat__kind ssat__pack_kind(const ssat_pack *pack, size_t index);
/* The value of field `field_index` of item `index`: "" when unset. Indexes must be valid. */
const char *ssat__pack_value_at(const ssat_pack *pack, size_t index, size_t field_index);
/* The value of the named field of item `index`: "" when unset or when the kind has no such field. */
const char *ssat__pack_value(const ssat_pack *pack, size_t index, const char *field);
/* The item's position among the pack's items of its kind (0 for the first letter). */
size_t ssat__pack_ordinal(const ssat_pack *pack, size_t index);
/* Index of the first item of kind `k`, or SIZE_MAX. */
size_t ssat__pack_find(const ssat_pack *pack, ssat__kind k);
/* "letter[2]" for item `index`. */
void ssat__pack_item_name(const ssat_pack *pack, size_t index, char *buf, size_t cap);

/* Give the single item of kind `k` exactly `values` (one per field, NULL or "" = unset), adding the item
 * when the pack has none. Values must already be valid. All or nothing: SSAT_ERR_NOMEM names `fn` and
 * leaves the pack unchanged. */
ssat_status ssat__pack_put_single(ssat_pack *pack, ssat__kind k, const char *const *values, const char *fn);


#endif /* SSAT_EVIDENCE_INTERNAL_H */
