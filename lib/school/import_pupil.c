/* The staging of a pupil that a register or pupils row names (import.h: ssat__import_pupil): the id's
 * checks, the first sight of a pupil the other kind of file did not list, and the look-alike ids. It
 * lives apart from the dispatch (import.c) so that calls point one way: the register rows
 * (import_register.c) and the pupils rows (import.c) use it, and it calls neither. */
#include "import.h"

#include <stdio.h>

/* ---- pupils -------------------------------------------------------------------------------------- */

/* A pupil's first row in this file: warn when the school knows the other kind of file and not this
 * pupil in it (a register row for a pupil missing from the pupils file read before, or the reverse). */
static ssat_status first_sight(ssat_import *im, const ssat__spupil *p, const ssat__csv_field *f, bool register_row)
{
    const ssat__spupil *known = p->target != SIZE_MAX ? ssat__school_at(im->target, p->target) : NULL;
    const char *id = NULL;
    if (register_row && ssat__school_with_records(im->target) > 0 && (known == NULL || !known->has_record))
        id = "import.pupil_no_record";
    else if (!register_row && ssat__school_with_rows(im->target) > 0 && (known == NULL || !known->has_rows))
        id = "import.pupil_unknown";
    if (id == NULL)
        return SSAT_OK;
    const char *args[1] = {p->id};
    ssat__problem_loc loc = {.field = "pupil_id", .line = f->line, .column = f->column};
    return ssat__import_problem(&im->r, id, SSAT_SEVERITY_WARNING, loc, args, 1);
}

/* The problem id for an id's refused character. */
static const char *id_problem(ssat__id_reason r)
{
    switch (r) {
    case SSAT__ID_CONTROL: return "import.pupil_id_control";
    case SSAT__ID_FORMAT: return "import.pupil_id_invisible";
    case SSAT__ID_SPACE: return "import.pupil_id_space";
    case SSAT__ID_NOT_NFC: return "import.pupil_id_nfc";
    case SSAT__ID_UNUSABLE: return "import.pupil_id_unusable";
    default: return "import.text";
    }
}

/* Check a pupil id's text (already trimmed: id, len); a problem is listed when it is unusable. */
static ssat_status check_id(ssat_import *im, const ssat__csv_field *f, const char *id, size_t len, bool *ok)
{
    char n[24], cp_text[16];
    *ok = false;
    if (len < 1 || len > SSAT__PUPIL_ID_MAX) {
        (void)snprintf(n, sizeof n, "%zu", len);
        const char *args[1] = {n};
        return ssat__import_field_error(&im->r, "import.pupil_id", IC_PUPIL_ID, f, args, 1);
    }
    uint32_t cp;
    size_t at;
    ssat__id_reason r = ssat__id_check(id, len, &cp, &at);
    if (r == SSAT__ID_UTF8) {
        const char *args[1] = {"pupil_id"};
        return ssat__import_field_error(&im->r, "import.text", IC_PUPIL_ID, f, args, 1);
    }
    if (r != SSAT__ID_OK) {
        (void)snprintf(cp_text, sizeof cp_text, "U+%04lX", (unsigned long)cp);
        (void)snprintf(n, sizeof n, "%zu", at + 1);
        const char *args[2] = {cp_text, n};
        return ssat__import_field_error(&im->r, id_problem(r), IC_PUPIL_ID, f, args, 2);
    }
    *ok = true;
    return SSAT_OK;
}

/* ---- look-alike ids -------------------------------------------------------------------------------- */

static bool skeletons_grow(ssat_import *im)
{
    if (2 * (im->skeleton_count + 1) <= im->skeleton_cap)
        return true;
    size_t cap = im->skeleton_cap == 0 ? 64 : 2 * im->skeleton_cap;
    struct ssat__skeleton_slot *slots = ssat__calloc(&im->alloc, cap, sizeof *slots);
    if (slots == NULL)
        return false;
    for (size_t i = 0; i < im->skeleton_cap; i++) {
        struct ssat__skeleton_slot s = im->skeletons[i];
        if (s.index1 == 0)
            continue;
        size_t k = s.hash & (cap - 1);
        while (slots[k].index1 != 0)
            k = (k + 1) & (cap - 1);
        slots[k] = s;
    }
    ssat__free(&im->alloc, im->skeletons, im->skeleton_cap * sizeof *im->skeletons);
    im->skeletons = slots;
    im->skeleton_cap = cap;
    return true;
}

/* A new pupil of this file: warn when an id read before in the file has the same skeleton ("P1" and
 * "p1", "Ｐ1"); else remember this one's. */
static ssat_status look_alike(ssat_import *im, size_t index, const ssat__csv_field *f)
{
    const ssat__spupil *p = ssat__school_at(im->stage, index);
    char skel[SSAT__PUPIL_ID_MAX], other[SSAT__PUPIL_ID_MAX];
    size_t n = ssat__id_skeleton(p->id, p->id_len, skel);
    uint32_t hash = ssat__school_hash(skel, n);
    if (!skeletons_grow(im))
        return ssat__nomem("ssat_import_feed");
    size_t k = hash & (im->skeleton_cap - 1);
    for (; im->skeletons[k].index1 != 0; k = (k + 1) & (im->skeleton_cap - 1)) {
        if (im->skeletons[k].hash != hash)
            continue;
        const ssat__spupil *q = ssat__school_at(im->stage, im->skeletons[k].index1 - 1);
        if (ssat__id_skeleton(q->id, q->id_len, other) == n && memcmp(skel, other, n) == 0) {
            const char *args[2] = {p->id, q->id};
            ssat__problem_loc loc = {.field = "pupil_id", .line = f->line, .column = f->column};
            return ssat__import_problem(&im->r, "import.pupil_id_confusable", SSAT_SEVERITY_WARNING, loc, args, 2);
        }
    }
    im->skeletons[k] = (struct ssat__skeleton_slot){hash, (uint32_t)(index + 1)};
    im->skeleton_count++;
    return SSAT_OK;
}

/* A pupil not the previous row's: trimmed, checked, found or added. Apart from ssat__import_pupil()
 * so that its usual case (the previous row's pupil again), once a row, keeps no locals in memory and
 * so needs no stack guard. */
SSAT__NOINLINE static ssat_status other_pupil(ssat_import *im, const ssat__csv_field *f, bool register_row,
                                              size_t *index_out)
{
    static const char fn[] = "ssat_import_feed";
    const char *id = f->data;
    size_t len = f->len;
    ssat__id_trim(&id, &len); /* " P1 " is P1 */
    if (im->last_pupil != SIZE_MAX && len != f->len) {
        const ssat__spupil *last = ssat__school_at(im->stage, im->last_pupil);
        if (last->id_len == len && memcmp(last->id, id, len) == 0) {
            *index_out = im->last_pupil;
            return SSAT_OK;
        }
    }
    bool ok;
    ssat_status st = check_id(im, f, id, len, &ok);
    if (st != SSAT_OK || !ok)
        return st;
    uint32_t hash = ssat__school_hash(id, len);
    size_t i = ssat__school_lookup(im->stage, id, len, hash);
    if (i == SIZE_MAX) {
        st = ssat__school_add(im->stage, id, len, hash, &i, fn);
        if (st != SSAT_OK)
            return st;
        ssat__spupil *p = ssat__school_at(im->stage, i);
        p->target = ssat__school_lookup(im->target, id, len, hash);
        st = first_sight(im, p, f, register_row);
        if (st == SSAT_OK)
            st = look_alike(im, i, f);
        if (st != SSAT_OK)
            return st;
    }
    im->last_pupil = i;
    *index_out = i;
    return SSAT_OK;
}

/* Whether the n bytes at a and b are the same: an id of 4 to 16 bytes, the usual, in two overlapping
 * loads a side rather than a call (once a row). */
static bool same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a0, a1, b0, b1;
        memcpy(&a0, a, 8);
        memcpy(&a1, a + n - 8, 8);
        memcpy(&b0, b, 8);
        memcpy(&b1, b + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n >= 4 && n < 8) {
        uint32_t a0, a1, b0, b1;
        memcpy(&a0, a, 4);
        memcpy(&a1, a + n - 4, 4);
        memcpy(&b0, b, 4);
        memcpy(&b1, b + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    return memcmp(a, b, n) == 0;
}

ssat_status ssat__import_pupil(ssat_import *im, const ssat__csv_field *f, bool register_row, size_t *index_out)
{
    *index_out = SIZE_MAX;
    if (im->last_pupil != SIZE_MAX) { /* rows of one pupil usually come together, untrimmed as stored */
        const ssat__spupil *last = ssat__school_at(im->stage, im->last_pupil);
        if (last->id_len == f->len && same_bytes(last->id, f->data, f->len)) {
            *index_out = im->last_pupil;
            return SSAT_OK;
        }
    }
    return other_pupil(im, f, register_row, index_out);
}
