/*
 * The school layer's private declarations: a school's pupils, filled by the CSV and CTF imports
 * (their own shared declarations are in import.h and ctf_internal.h). It builds on the register
 * and core layers.
 * Not installed, not API. Cross-file internal functions use the ssat__ prefix (libgit2 convention)
 * and are never exported: the library is built with hidden visibility and a version script that
 * exports ssat_* only, and ssat__* names never carry SSAT_API. docs/architecture.md has the layers.
 */
#ifndef SSAT_SCHOOL_LAYER_H
#define SSAT_SCHOOL_LAYER_H

#include "register_layer.h"

/* ---- schools (school.c; filled by import.c) ------------------------------------------------------ */

/* Longest pupil id, in bytes (as ssat_pupil_new() accepts). */
#define SSAT__PUPIL_ID_MAX 64

/* How ssat_school_locate() finds a session's mark in the register file it came from. */
typedef enum ssat__loc_kind {
    SSAT__LOC_NONE = 0, /* no register row read for the pupil */
    SSAT__LOC_WIDE = 1, /* one wide row: line, and column + position of the session in the marks */
    SSAT__LOC_LONG = 2, /* long rows on consecutive lines in session order: line + rank of the session */
    SSAT__LOC_ROWS = 3  /* anything else: only the line of the pupil's first row is known */
} ssat__loc_kind;

/* One pupil of a school. */
typedef struct ssat__spupil {
    const char *id;          /* NUL-terminated, in the school's string arena */
    uint32_t id_len, hash;
    ssat_register *reg;      /* never NULL (empty for a pupil known only from a pupils file) */
    ssat_pupil *record;      /* never NULL */
    const char *name, *year_group; /* from a pupils file, in the arena; "" when not known */
    bool has_dob;            /* a date of birth was read (the record holds it) */
    bool has_rows;           /* register rows were read for the pupil */
    bool has_record;         /* a pupils-file row was read for the pupil */
    uint8_t loc;             /* ssat__loc_kind */
    uint32_t source;         /* index of the file name in the school's sources */
    uint32_t line, column;   /* first register row; WIDE: column of the first mark; LONG: of the mark */
    uint32_t marks;          /* WIDE: number of marks in the row */
    ssat_date start;         /* WIDE: the row's start date */
    /* import bookkeeping, used while the pupil is staged */
    uint32_t last_line, record_line;
    int64_t last_session;
    size_t target;           /* the same pupil's index in the school imported into; SIZE_MAX if new */
} ssat__spupil;

uint32_t ssat__school_hash(const char *id, size_t len);
/* Index of the pupil with this id, or SIZE_MAX. */
size_t ssat__school_lookup(const ssat_school *school, const char *id, size_t len, uint32_t hash);
/* Add a pupil (an empty register and a record with every fact unknown); the id is 1..64 bytes and not
 * in the school yet. The index is the pupil's until the next commit. SSAT_ERR_NOMEM names `fn`. */
ssat_status ssat__school_add(ssat_school *school, const char *id, size_t len, uint32_t hash, size_t *index_out,
                             const char *fn);
ssat__spupil *ssat__school_at(ssat_school *school, size_t index);
const ssat__spupil *ssat__school_get(const ssat_school *school, size_t index);
const ssat_codeset *ssat__school_codes(const ssat_school *school);
/* A copy of len bytes of text in the school's string arena (lives as long as the school), or NULL. */
const char *ssat__school_strdup(ssat_school *school, const char *text, size_t len);
/* Record a source file name; its index goes in ssat__spupil.source. SSAT_ERR_NOMEM names `fn`. */
ssat_status ssat__school_add_source(ssat_school *school, const char *name, uint32_t *index_out, const char *fn);
/* A run of marks read far from the pupil's other marks (a long row, or a wide row). */
typedef struct ssat__far_mark {
    const char *id;         /* the pupil's id, in an arena of the school */
    int64_t lo, hi;         /* its first and last sessions with an entry */
    uint32_t source;        /* set by the commit */
    uint32_t line, column;  /* long: the mark's; wide: the row's first mark's */
    ssat_date start;        /* wide: the row's start date */
    uint32_t marks;         /* wide: the row's characters; 0 for a long row */
} ssat__far_mark;
/* Note where a far run was read, so that ssat_school_locate() finds its marks exactly. Silently not
 * noted once the school holds its maximum; SSAT_ERR_NOMEM names `fn`. */
ssat_status ssat__school_add_far(ssat_school *school, const ssat__far_mark *mark, const char *fn);
/* Pupils with register rows, and with pupils-file rows. */
size_t ssat__school_with_rows(const ssat_school *school);
size_t ssat__school_with_records(const ssat_school *school);
/* One import at a time: false if one is already open. */
bool ssat__school_begin_import(ssat_school *school);
void ssat__school_end_import(ssat_school *school);
/* Move everything staged into `target` (whose pupils' .target fields the stage holds), all or nothing:
 * every allocation is made before anything changes, so SSAT_ERR_NOMEM leaves `target` as it was.
 * `stage` is left to be freed. */
ssat_status ssat__school_commit(ssat_school *target, ssat_school *stage, const char *fn);

#endif /* SSAT_SCHOOL_LAYER_H */
