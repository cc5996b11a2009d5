/* A school: one register and one pupil record per pupil, found by id through an open-addressing hash
 * map (a whole authority's year has tens of thousands of pupils and every imported row looks one up).
 *
 * Pupils are kept sorted by id, so indexes list them in a stable, documented order; imports add
 * pupils to a private staging school first, and ssat__school_commit() merges the staged pupils in
 * with every allocation made before anything changes (imports are all or nothing). Ids, names and
 * year groups live in a string arena of large chunks: one allocation per many strings, pointers that
 * never move, and a commit hands the staging arena over by linking its chunks. */
#include "school_layer.h"

#include <stdlib.h>

#define ARENA_CHUNK 65536

typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t size, used; /* size: bytes of the whole allocation */
    char data[];
} arena_chunk;

typedef struct slot {
    uint32_t hash;
    uint32_t index1; /* pupil index + 1; 0 = empty */
} slot;

/* Where register rows far from the pupil's other marks were read (a stray row, often a mistyped
 * date): ssat_school_locate() finds them exactly even when the pupil's rows are not in export order. */
typedef ssat__far_mark far_mark;

/* At most this many far marks are kept (the rest are located by the pupil's first row). */
#define FAR_MARKS_MAX 4096

struct ssat_school {
    ssat__alloc alloc;
    const ssat_codeset *codes; /* retained */
    ssat__spupil *pupils;
    size_t count, cap;
    slot *slots;               /* power-of-two capacity, at most half full */
    size_t slot_cap;
    arena_chunk *arena;
    char **sources;            /* file names, for ssat_school_locate() */
    size_t source_count, source_cap;
    size_t with_rows, with_records;
    far_mark *far;
    size_t far_count, far_cap;
    bool importing;
};

/* ---- the string arena ---------------------------------------------------------------------------- */

static void arena_free(const ssat__alloc *a, arena_chunk *c)
{
    while (c != NULL) {
        arena_chunk *next = c->next;
        ssat__free(a, c, c->size);
        c = next;
    }
}

const char *ssat__school_strdup(ssat_school *school, const char *text, size_t len)
{
    arena_chunk *c = school->arena;
    if (c == NULL || c->size - sizeof *c - c->used < len + 1) {
        size_t size = sizeof *c + (len + 1 > ARENA_CHUNK ? len + 1 : ARENA_CHUNK);
        c = ssat__malloc(&school->alloc, size);
        if (c == NULL)
            return NULL;
        c->size = size;
        c->used = 0;
        c->next = school->arena;
        school->arena = c;
    }
    char *s = c->data + c->used;
    memcpy(s, text, len);
    s[len] = '\0';
    c->used += len + 1;
    return s;
}

/* ---- the hash map -------------------------------------------------------------------------------- */

/* FNV-1a: ids are short (a few to 64 bytes), so a simple byte hash is as fast as anything. */
uint32_t ssat__school_hash(const char *id, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)id[i]) * 16777619u;
    return h;
}

static bool same_id(const ssat__spupil *p, const char *id, size_t len, uint32_t hash)
{
    return p->hash == hash && p->id_len == len && memcmp(p->id, id, len) == 0;
}

size_t ssat__school_lookup(const ssat_school *school, const char *id, size_t len, uint32_t hash)
{
    if (school->slot_cap == 0)
        return SIZE_MAX;
    size_t mask = school->slot_cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const slot *s = &school->slots[i];
        if (s->index1 == 0)
            return SIZE_MAX;
        if (s->hash == hash && same_id(&school->pupils[s->index1 - 1], id, len, hash))
            return s->index1 - 1;
    }
}

static void slots_insert(slot *slots, size_t cap, uint32_t hash, size_t index)
{
    size_t mask = cap - 1, i = hash & mask;
    while (slots[i].index1 != 0)
        i = (i + 1) & mask;
    slots[i] = (slot){hash, (uint32_t)(index + 1)};
}

/* Slot capacity for n pupils: a power of two at least twice n (at least 16). */
static size_t slots_for(size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    return cap;
}

static void slots_fill(slot *slots, size_t cap, const ssat__spupil *pupils, size_t count)
{
    memset(slots, 0, cap * sizeof *slots);
    for (size_t i = 0; i < count; i++)
        slots_insert(slots, cap, pupils[i].hash, i);
}

/* Room in the map for one more pupil. */
static bool slots_grow(ssat_school *school)
{
    size_t cap = slots_for(school->count + 1);
    if (cap <= school->slot_cap)
        return true;
    slot *slots = ssat__malloc(&school->alloc, cap * sizeof *slots);
    if (slots == NULL)
        return false;
    slots_fill(slots, cap, school->pupils, school->count);
    ssat__free(&school->alloc, school->slots, school->slot_cap * sizeof *school->slots);
    school->slots = slots;
    school->slot_cap = cap;
    return true;
}

/* ---- internal API -------------------------------------------------------------------------------- */

ssat__spupil *ssat__school_at(ssat_school *school, size_t index)
{
    return &school->pupils[index];
}

const ssat__spupil *ssat__school_get(const ssat_school *school, size_t index)
{
    return &school->pupils[index];
}

const ssat_codeset *ssat__school_codes(const ssat_school *school)
{
    return school->codes;
}

size_t ssat__school_with_rows(const ssat_school *school)
{
    return school->with_rows;
}

size_t ssat__school_with_records(const ssat_school *school)
{
    return school->with_records;
}

bool ssat__school_begin_import(ssat_school *school)
{
    if (school->importing)
        return false;
    school->importing = true;
    return true;
}

void ssat__school_end_import(ssat_school *school)
{
    school->importing = false;
}

/* The allocator as the public struct that ssat_pupil_new() takes. */
static ssat_allocator public_alloc(const ssat__alloc *a)
{
    ssat_allocator pa = {sizeof pa, a->alloc, a->realloc, a->free, a->ctx};
    return pa;
}

ssat_status ssat__school_add(ssat_school *school, const char *id, size_t len, uint32_t hash, size_t *index_out,
                             const char *fn)
{
    void *items = school->pupils;
    bool ok = ssat__grow(&school->alloc, &items, &school->cap, school->count + 1, sizeof *school->pupils);
    school->pupils = items;
    if (!ok || !slots_grow(school))
        return ssat__nomem(fn);
    ssat__spupil p = {.hash = hash, .id_len = (uint32_t)len, .name = "", .year_group = "", .target = SIZE_MAX};
    ssat_allocator pa = public_alloc(&school->alloc);
    p.id = ssat__school_strdup(school, id, len);
    if (p.id == NULL || ssat_register_new(school->codes, &p.reg) != SSAT_OK ||
        ssat_pupil_new(p.id, &pa, &p.record) != SSAT_OK) {
        ssat_register_free(p.reg);
        return ssat__nomem(fn);
    }
    school->pupils[school->count] = p;
    slots_insert(school->slots, school->slot_cap, hash, school->count);
    *index_out = school->count++;
    return SSAT_OK;
}

ssat_status ssat__school_add_source(ssat_school *school, const char *name, uint32_t *index_out, const char *fn)
{
    void *items = school->sources;
    bool ok = ssat__grow(&school->alloc, &items, &school->source_cap, school->source_count + 1,
                         sizeof *school->sources);
    school->sources = items;
    char *copy = ok ? ssat__strdup(&school->alloc, name) : NULL;
    if (copy == NULL)
        return ssat__nomem(fn);
    school->sources[school->source_count] = copy;
    *index_out = (uint32_t)school->source_count++;
    return SSAT_OK;
}

ssat_status ssat__school_add_far(ssat_school *school, const ssat__far_mark *mark, const char *fn)
{
    if (school->far_count >= FAR_MARKS_MAX)
        return SSAT_OK;
    void *items = school->far;
    bool ok = ssat__grow(&school->alloc, &items, &school->far_cap, school->far_count + 1, sizeof *school->far);
    school->far = items;
    if (!ok)
        return ssat__nomem(fn);
    school->far[school->far_count++] = *mark;
    return SSAT_OK;
}

/* ---- commit -------------------------------------------------------------------------------------- */

static int compare_ids(const void *a, const void *b)
{
    return strcmp(((const ssat__spupil *)a)->id, ((const ssat__spupil *)b)->id);
}

/* Everything the commit needs allocated before it changes anything. */
typedef struct commit_plan {
    ssat__spupil *pupils; /* the merged, sorted array */
    size_t count;
    slot *slots;
    size_t slot_cap;
    char *source;
    bool adopt; /* the target is empty: it takes the stage's arrays instead */
} commit_plan;

static void plan_free(const ssat__alloc *a, commit_plan *plan)
{
    ssat__free(a, plan->pupils, plan->count * sizeof *plan->pupils);
    ssat__free(a, plan->slots, plan->slot_cap * sizeof *plan->slots);
    ssat__free_str(a, plan->source);
}

/* Phase 1: reserve room in the registers that receive marks and allocate the new arrays. Only
 * capacities change, so a failure leaves the target as it was. */
static bool plan_commit(ssat_school *t, const ssat_school *st, commit_plan *plan)
{
    size_t fresh = 0;
    memset(plan, 0, sizeof *plan);
    for (size_t i = 0; i < st->count; i++) {
        const ssat__spupil *p = &st->pupils[i];
        ssat_window span;
        if (p->target == SIZE_MAX)
            fresh++;
        else if (ssat_register_span(p->reg, &span) == SSAT_OK &&
                 !ssat__register_reserve(t->pupils[p->target].reg, ssat__session(span.first_date, span.first_half),
                                         ssat__session(span.last_date, span.last_half)))
            return false;
    }
    plan->count = t->count + fresh;
    /* A school's first import hands its arrays over (the stage's): no second copy of a million pupils
     * at the peak. */
    plan->adopt = t->count == 0;
    if (!plan->adopt) {
        plan->slot_cap = slots_for(plan->count);
        plan->pupils = ssat__calloc(&t->alloc, plan->count, sizeof *plan->pupils);
        plan->slots = ssat__malloc(&t->alloc, plan->slot_cap * sizeof *plan->slots);
    }
    void *items = t->sources;
    bool ok = ssat__grow(&t->alloc, &items, &t->source_cap, t->source_count + 1, sizeof *t->sources);
    t->sources = items;
    plan->source = ok && st->source_count > 0 ? ssat__strdup(&t->alloc, st->sources[0]) : NULL;
    size_t far = t->far_count + st->far_count;
    if (ok && st->far_count > 0) {
        items = t->far;
        ok = ssat__grow(&t->alloc, &items, &t->far_cap, far < FAR_MARKS_MAX ? far : FAR_MARKS_MAX, sizeof *t->far);
        t->far = items;
    }
    return (plan->adopt || ((plan->count == 0 || plan->pupils != NULL) && plan->slots != NULL)) && ok &&
           (st->source_count == 0 || plan->source != NULL);
}

/* Phase 2, for a staged pupil the target already has: its marks, record details and location. */
static void merge_pupil(ssat_school *t, ssat__spupil *to, ssat__spupil *from, uint32_t source)
{
    ssat__register_merge(to->reg, from->reg);
    if (from->has_record) {
        ssat_date dob;
        if (from->has_dob && ssat_pupil_date_of_birth(from->record, &dob) == SSAT_OK)
            (void)ssat_pupil_set_date_of_birth(to->record, dob); /* a date read from a file: in range */
        to->has_dob |= from->has_dob;
        to->name = from->name;
        to->year_group = from->year_group;
        t->with_records += !to->has_record;
        to->has_record = true;
    }
    if (from->has_rows) {
        bool again = to->has_rows; /* rows from two files: only the latest first row can be named */
        to->loc = again ? SSAT__LOC_ROWS : from->loc;
        to->source = source;
        to->line = from->line;
        to->column = from->column;
        to->marks = from->marks;
        to->start = from->start;
        t->with_rows += !to->has_rows;
        to->has_rows = true;
    }
    ssat_register_free(from->reg);
    ssat_pupil_free(from->record);
    from->reg = NULL;
    from->record = NULL;
}

/* Merge two sorted runs (the target's pupils and the new ones) into out. */
static void merge_sorted(ssat__spupil *out, const ssat__spupil *a, size_t na, const ssat__spupil *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na || j < nb) {
        if (j == nb || (i < na && strcmp(a[i].id, b[j].id) < 0))
            out[k++] = a[i++];
        else
            out[k++] = b[j++];
    }
}

/* Phase 2 for an empty target: it takes the stage's sorted pupils and its hash slots (the same
 * allocator: the stage was made on the target's code set), whose capacity fits them; the slots are
 * refilled for the sorted order. */
static void adopt_arrays(ssat_school *t, ssat_school *st, size_t count)
{
    ssat__free(&t->alloc, t->pupils, t->cap * sizeof *t->pupils);
    ssat__free(&t->alloc, t->slots, t->slot_cap * sizeof *t->slots);
    t->pupils = st->pupils;
    t->cap = st->cap;
    t->count = count;
    t->slots = st->slots;
    t->slot_cap = st->slot_cap;
    if (t->slot_cap > 0)
        slots_fill(t->slots, t->slot_cap, t->pupils, t->count);
    st->pupils = NULL;
    st->cap = 0;
    st->slots = NULL;
    st->slot_cap = 0;
}

ssat_status ssat__school_commit(ssat_school *t, ssat_school *st, const char *fn)
{
    commit_plan plan;
    if (!plan_commit(t, st, &plan)) {
        plan_free(&t->alloc, &plan);
        return ssat__nomem(fn);
    }
    /* Phase 2: nothing below can fail. */
    uint32_t source = (uint32_t)t->source_count;
    if (plan.source != NULL)
        t->sources[t->source_count++] = plan.source;
    for (size_t i = 0; i < st->far_count && t->far_count < FAR_MARKS_MAX; i++) { /* room was made above */
        t->far[t->far_count] = st->far[i];
        t->far[t->far_count++].source = source; /* the ids live in the staging arena, handed over below */
    }
    if (st->count > 1) /* qsort must not get a NULL array, even with nothing to sort */
        qsort(st->pupils, st->count, sizeof *st->pupils, compare_ids);
    size_t fresh = 0;
    for (size_t i = 0; i < st->count; i++) {
        ssat__spupil *p = &st->pupils[i];
        if (p->target != SIZE_MAX) {
            merge_pupil(t, &t->pupils[p->target], p, source);
            continue;
        }
        p->source = source;
        p->target = SIZE_MAX;
        t->with_rows += p->has_rows;
        t->with_records += p->has_record;
        st->pupils[fresh++] = *p; /* compact the new pupils, still in id order */
    }
    if (plan.adopt) {
        adopt_arrays(t, st, fresh);
    } else {
        merge_sorted(plan.pupils, t->pupils, t->count, st->pupils, fresh);
        slots_fill(plan.slots, plan.slot_cap, plan.pupils, plan.count);
        ssat__free(&t->alloc, t->pupils, t->cap * sizeof *t->pupils);
        ssat__free(&t->alloc, t->slots, t->slot_cap * sizeof *t->slots);
        t->pupils = plan.pupils;
        t->count = t->cap = plan.count;
        t->slots = plan.slots;
        t->slot_cap = plan.slot_cap;
    }
    /* The strings of the moved pupils live in the staging arena: hand its chunks over. */
    arena_chunk **tail = &st->arena;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = t->arena;
    t->arena = st->arena;
    st->arena = NULL;
    st->count = 0;
    return SSAT_OK;
}

/* ---- public API ---------------------------------------------------------------------------------- */

ssat_status ssat_school_new(const ssat_codeset *codes, ssat_school **out)
{
    void *school = NULL;
    ssat_status st = ssat__codeset_child_new(codes, sizeof(ssat_school), offsetof(ssat_school, alloc), offsetof(ssat_school, codes),
                                             out != NULL, "ssat_school_new", &school);
    if (out != NULL)
        *out = school;
    return st;
}

void ssat_school_free(ssat_school *school)
{
    if (school == NULL)
        return;
    ssat__alloc a = school->alloc; /* the code set, and so this allocator's owner, may go below */
    for (size_t i = 0; i < school->count; i++) {
        ssat_register_free(school->pupils[i].reg);
        ssat_pupil_free(school->pupils[i].record);
    }
    for (size_t i = 0; i < school->source_count; i++)
        ssat__free_str(&a, school->sources[i]);
    ssat__free(&a, school->sources, school->source_cap * sizeof *school->sources);
    ssat__free(&a, school->pupils, school->cap * sizeof *school->pupils);
    ssat__free(&a, school->slots, school->slot_cap * sizeof *school->slots);
    ssat__free(&a, school->far, school->far_cap * sizeof *school->far);
    arena_free(&a, school->arena);
    ssat__codeset_release(school->codes);
    ssat__free(&a, school, sizeof *school);
}

size_t ssat_school_count(const ssat_school *school)
{
    return school != NULL ? school->count : 0;
}

const ssat_codeset *ssat_school_codeset(const ssat_school *school)
{
    return school != NULL ? school->codes : NULL;
}

const char *ssat_school_pupil_id(const ssat_school *school, size_t index)
{
    return school != NULL && index < school->count ? school->pupils[index].id : NULL;
}

ssat_status ssat_school_find(const ssat_school *school, const char *pupil_id, size_t *index_out)
{
    static const char fn[] = "ssat_school_find";
    if (index_out == NULL)
        return ssat__null_arg(fn, "index_out");
    *index_out = 0;
    if (school == NULL)
        return ssat__null_arg(fn, "school");
    if (pupil_id == NULL)
        return ssat__null_arg(fn, "pupil_id");
    size_t len = 0; /* bounded: an id longer than the limit is not looked for */
    while (len <= SSAT__PUPIL_ID_MAX && pupil_id[len] != '\0')
        len++;
    size_t i = len <= SSAT__PUPIL_ID_MAX ? ssat__school_lookup(school, pupil_id, len, ssat__school_hash(pupil_id, len))
                                         : SIZE_MAX;
    if (i == SIZE_MAX)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'pupil_id': no pupil \"%.*s\" in the school", fn,
                           SSAT__PUPIL_ID_MAX, pupil_id);
    *index_out = i;
    return SSAT_OK;
}

const ssat_register *ssat_school_register(const ssat_school *school, size_t index)
{
    return school != NULL && index < school->count ? school->pupils[index].reg : NULL;
}

ssat_pupil *ssat_school_pupil(ssat_school *school, size_t index)
{
    return school != NULL && index < school->count ? school->pupils[index].record : NULL;
}

const char *ssat_school_pupil_detail(const ssat_school *school, size_t index, const char *field)
{
    if (school == NULL || index >= school->count || field == NULL)
        return NULL;
    if (strcmp(field, "name") == 0)
        return school->pupils[index].name;
    if (strcmp(field, "year_group") == 0)
        return school->pupils[index].year_group;
    return NULL;
}

/* ---- locating a session's mark in its file ------------------------------------------------------- */

/* Weekdays from `start` (a weekday) up to `date` (a weekday, not before it), start excluded. */
static int64_t weekdays_between(ssat_date start, ssat_date date)
{
    int64_t days = (int64_t)date - start, wd = ssat_date_weekday(start) - 1, rem = days % 7;
    return days / 7 * 5 + rem - (wd + rem >= 7 ? 2 : 0);
}

/* Column of a session's character in a wide row; 0 when the row does not reach it. */
static uint32_t wide_column(const ssat__spupil *p, ssat_date date, ssat_half half)
{
    if (date < p->start || ssat_date_weekday(date) > 5)
        return 0;
    int64_t pos = 2 * weekdays_between(p->start, date) + (int64_t)half;
    return pos < (int64_t)p->marks ? p->column + (uint32_t)pos : 0;
}

/* Line of a session's row among long rows on consecutive lines in session order: the first row's line
 * plus the number of entries before the session. 0 when the session has no entry (no row). */
static uint32_t long_line(const ssat__spupil *p, int64_t s)
{
    ssat__register_view v;
    ssat__register_view_get(p->reg, &v);
    if (ssat__register_entry(p->reg, s) == SSAT__ENTRY_NONE)
        return 0;
    uint32_t rank = 0;
    for (int64_t k = v.base; k < s; k++)
        rank += v.entries[k - v.base] != SSAT__ENTRY_NONE;
    return p->line + rank;
}

static const far_mark *find_far(const ssat_school *school, const ssat__spupil *p, int64_t session)
{
    for (size_t i = 0; i < school->far_count; i++) {
        const far_mark *f = &school->far[i];
        if (session >= f->lo && session <= f->hi && strcmp(f->id, p->id) == 0)
            return f;
    }
    return NULL;
}

/* The column of a session's mark in a far run: the run's own (long) or its character's (wide). */
static uint32_t far_column(const far_mark *f, ssat_date date, ssat_half half)
{
    if (f->marks == 0)
        return f->column;
    ssat__spupil row = {.start = f->start, .column = f->column, .marks = f->marks};
    return wide_column(&row, date, half);
}

ssat_status ssat_school_locate(const ssat_school *school, size_t index, ssat_date date, ssat_half half,
                               const char **source_out, uint32_t *line_out, uint32_t *column_out)
{
    static const char fn[] = "ssat_school_locate";
    if (source_out != NULL)
        *source_out = NULL;
    if (line_out != NULL)
        *line_out = 0;
    if (column_out != NULL)
        *column_out = 0;
    if (school == NULL)
        return ssat__null_arg(fn, "school");
    if (index >= school->count)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'index': %zu is not below the pupil count %zu", fn,
                           index, school->count);
    if (half != SSAT_AM && half != SSAT_PM)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'half': %d is neither SSAT_AM nor SSAT_PM", fn,
                           (int)half);
    const ssat__spupil *p = &school->pupils[index];
    if (!p->has_rows)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: pupil \"%s\" has no register rows", fn, p->id);
    uint32_t line = p->line, column = 0, source = p->source;
    const far_mark *far = find_far(school, p, ssat__session(date, half));
    if (far != NULL) {
        source = far->source;
        line = far->line;
        column = far_column(far, date, half);
    } else if (p->loc == SSAT__LOC_WIDE) {
        column = wide_column(p, date, half);
    } else if (p->loc == SSAT__LOC_LONG && ssat__date_in_range(date)) {
        uint32_t l = long_line(p, ssat__session(date, half));
        line = l != 0 ? l : p->line;
        column = l != 0 ? p->column : 0;
    }
    if (source_out != NULL)
        *source_out = school->sources[source];
    if (line_out != NULL)
        *line_out = line;
    if (column_out != NULL)
        *column_out = column;
    return SSAT_OK;
}
