/* Pupils and parents: the facts rules use beyond the register, a parent's penalty-notice history, and
 * compulsory school age (Education Act 1996 s8; Education (School Leaving Date) Order 1997). */
#include "register_layer.h"

#define ID_MAX 64

/* ---- compulsory school age ------------------------------------------------------------------------- */

/* The date on which a child born on y-m-d reaches age `years`: the anniversary, or 1 March in a common
 * year for a 29 February birthday. The caller checks the year is in range. */
static ssat_date birthday(int32_t y, int32_t m, int32_t d, int32_t years)
{
    int32_t year = y + years;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return ssat__days_from_civil(year, 3, 1);
    return ssat__days_from_civil(year, m, d);
}

/* The last Friday in June of `year`. */
static ssat_date last_friday_of_june(int32_t year)
{
    ssat_date june30 = ssat__days_from_civil(year, 6, 30);
    int32_t back = (ssat_date_weekday(june30) - 5 + 7) % 7; /* ISO weekday: Friday is 5 */
    return june30 - back;
}

/* Both ends of compulsory school age; `fn` names the calling function in messages. */
static ssat_status school_age(ssat_date dob, ssat_date *first, ssat_date *last, const char *fn)
{
    if (!ssat__date_in_range(dob))
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'date_of_birth' (day %ld) is outside years %d..%d", fn,
                           (long)dob, SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    int32_t y, m, d;
    ssat__civil_from_days(dob, &y, &m, &d);
    /* The leaving date falls in June of y + 16 or, for a 16th birthday from September on, of y + 17. */
    int32_t leaving_year = m >= 9 ? y + 17 : y + 16;
    if (leaving_year > SSAT_YEAR_MAX)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'date_of_birth': a child born on %04d-%02d-%02d leaves "
                           "school in %d, after year %d", fn, (int)y, (int)m, (int)d, (int)leaving_year,
                           SSAT_YEAR_MAX);

    /* Begins: the first prescribed day (31 March, 31 August, 31 December) on or after the 5th birthday. */
    ssat_date fifth = birthday(y, m, d, 5);
    int32_t y5 = y + 5;
    const ssat_date prescribed[] = {
        ssat__days_from_civil(y5, 3, 31),
        ssat__days_from_civil(y5, 8, 31),
        ssat__days_from_civil(y5, 12, 31),
    };
    *first = prescribed[2];
    for (size_t i = 0; i < sizeof prescribed / sizeof prescribed[0]; i++)
        if (prescribed[i] >= fifth) {
            *first = prescribed[i];
            break;
        }

    /* Ends: the school leaving date, the last Friday in June of the school year (1 September to 31 August)
     * in which the child turns 16: the 16th birthday is in the month of birth (a 29 February birthday is
     * reached on 1 March, the same school year either way), so a child born from September on turns 16 in
     * the school year that ends the following summer. */
    *last = last_friday_of_june(leaving_year);
    return SSAT_OK;
}

ssat_status ssat_compulsory_school_age(ssat_date date_of_birth, ssat_date *first_out, ssat_date *last_out)
{
    if (first_out != NULL)
        *first_out = 0;
    if (last_out != NULL)
        *last_out = 0;
    ssat_date first, last;
    ssat_status st = school_age(date_of_birth, &first, &last, "ssat_compulsory_school_age");
    if (st != SSAT_OK)
        return st;
    if (first_out != NULL)
        *first_out = first;
    if (last_out != NULL)
        *last_out = last;
    return SSAT_OK;
}

ssat_status ssat_is_compulsory_school_age(ssat_date date_of_birth, ssat_date on, int32_t *out)
{
    static const char fn[] = "ssat_is_compulsory_school_age";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (!ssat__date_in_range(on))
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'on' (day %ld) is outside years %d..%d", fn, (long)on,
                           SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    ssat_date first, last;
    ssat_status st = school_age(date_of_birth, &first, &last, fn);
    if (st != SSAT_OK)
        return st;
    *out = on >= first && on <= last;
    return SSAT_OK;
}

/* ---- identifiers ----------------------------------------------------------------------------------- */

static ssat_status check_id(const char *id, const char *arg, const char *fn)
{
    if (id == NULL)
        return ssat__null_arg(fn, arg);
    size_t n = strlen(id);
    if (n < 1 || n > ID_MAX)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s' must be 1 to %d bytes long (it is %zu)", fn, arg,
                           ID_MAX, n);
    /* The rules of the imports (id_text.c), except that spaces around the id are refused, not trimmed:
     * an id the caller gives is the id the caller will look for. */
    static const char *const why[] = {"", "a control character", "an invisible format character",
                                      "a space other than U+0020", "a combining mark or a character NFC changes",
                                      "a private-use or non-character code point", "bytes that are not UTF-8"};
    uint32_t cp;
    size_t at;
    ssat__id_reason r = ssat__id_check(id, n, &cp, &at);
    if (r != SSAT__ID_OK)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s' holds %s (U+%04lX) at character %zu", fn, arg,
                           why[r], (unsigned long)cp, at + 1);
    const char *trimmed = id;
    size_t len = n;
    ssat__id_trim(&trimmed, &len);
    if (len != n)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s' starts or ends with a space", fn, arg);
    return SSAT_OK;
}

/* ---- pupils ---------------------------------------------------------------------------------------- */

struct ssat_pupil {
    ssat__alloc alloc;
    char *id;
    bool has_date_of_birth;
    ssat_date date_of_birth;
    ssat_fact facts[SSAT_PUPIL_FACT_COUNT];
};

/* The start of ssat_pupil_new and ssat_parent_new: `out` and the id checked, then a root object of
 * `size` bytes (ssat__root_new()) holding a copy of the id at byte `id_at`. */
static ssat_status new_with_id(const char *id, const ssat_allocator *alloc, size_t size, size_t alloc_at, size_t id_at,
                               bool out_given, const char *fn, void **obj)
{
    *obj = NULL;
    if (!out_given)
        return ssat__null_arg(fn, "out");
    ssat_status st = check_id(id, "id", fn);
    if (st != SSAT_OK)
        return st;
    void *p = NULL;
    st = ssat__root_new(alloc, size, alloc_at, true, fn, &p);
    if (st != SSAT_OK)
        return st;
    ssat__alloc a;
    memcpy(&a, (unsigned char *)p + alloc_at, sizeof a);
    char *copy = ssat__strdup(&a, id);
    if (copy == NULL) {
        ssat__free(&a, p, size);
        return ssat__nomem(fn);
    }
    memcpy((unsigned char *)p + id_at, &copy, sizeof copy);
    *obj = p;
    return SSAT_OK;
}

ssat_status ssat_pupil_new(const char *id, const ssat_allocator *alloc, ssat_pupil **out)
{
    void *obj = NULL;
    ssat_status st = new_with_id(id, alloc, sizeof(ssat_pupil), offsetof(ssat_pupil, alloc), offsetof(ssat_pupil, id),
                                 out != NULL, "ssat_pupil_new", &obj);
    ssat_pupil *p = obj;
    for (size_t i = 0; p != NULL && i < SSAT_PUPIL_FACT_COUNT; i++)
        p->facts[i] = SSAT_FACT_UNKNOWN;
    if (out != NULL)
        *out = p;
    return st;
}

void ssat_pupil_free(ssat_pupil *pupil)
{
    if (pupil == NULL)
        return;
    ssat__alloc a = pupil->alloc;
    ssat__free_str(&a, pupil->id);
    ssat__free(&a, pupil, sizeof *pupil);
}

const char *ssat_pupil_id(const ssat_pupil *pupil)
{
    return pupil == NULL ? "" : pupil->id;
}

ssat_status ssat_pupil_set_date_of_birth(ssat_pupil *pupil, ssat_date date_of_birth)
{
    static const char fn[] = "ssat_pupil_set_date_of_birth";
    if (pupil == NULL)
        return ssat__null_arg(fn, "pupil");
    if (!ssat__date_in_range(date_of_birth))
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'date_of_birth' (day %ld) is outside years %d..%d", fn,
                           (long)date_of_birth, SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    pupil->date_of_birth = date_of_birth;
    pupil->has_date_of_birth = true;
    return SSAT_OK;
}

ssat_status ssat_pupil_date_of_birth(const ssat_pupil *pupil, ssat_date *out)
{
    static const char fn[] = "ssat_pupil_date_of_birth";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (pupil == NULL)
        return ssat__null_arg(fn, "pupil");
    if (!pupil->has_date_of_birth)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: pupil \"%s\" has no date of birth recorded", fn, pupil->id);
    *out = pupil->date_of_birth;
    return SSAT_OK;
}

static bool valid_fact(ssat_pupil_fact fact)
{
    int v = (int)fact; /* any integer may arrive in the enum's storage, from a binding for instance */
    return v >= 0 && v < SSAT_PUPIL_FACT_COUNT;
}

ssat_status ssat_pupil_set_fact(ssat_pupil *pupil, ssat_pupil_fact fact, ssat_fact value)
{
    static const char fn[] = "ssat_pupil_set_fact";
    if (pupil == NULL)
        return ssat__null_arg(fn, "pupil");
    if (!valid_fact(fact))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'fact': unknown pupil fact %d (expected 0..%d)", fn,
                           (int)fact, SSAT_PUPIL_FACT_COUNT - 1);
    int v = (int)value;
    if (v != SSAT_FACT_UNKNOWN && v != SSAT_FACT_NO && v != SSAT_FACT_YES)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'value': %d is not SSAT_FACT_UNKNOWN (0), "
                           "SSAT_FACT_NO (1) or SSAT_FACT_YES (2)", fn, v);
    pupil->facts[fact] = value;
    return SSAT_OK;
}

ssat_fact ssat_pupil_get_fact(const ssat_pupil *pupil, ssat_pupil_fact fact)
{
    if (pupil == NULL || !valid_fact(fact))
        return SSAT_FACT_UNKNOWN;
    return pupil->facts[fact];
}

/* ---- parents --------------------------------------------------------------------------------------- */

typedef struct parent_entry {
    ssat_parent_event kind;
    char *pupil_id;
    ssat_date date;
    ssat_window absence; /* all zero for warnings */
} parent_entry;

struct ssat_parent {
    ssat__alloc alloc;
    char *id;
    parent_entry *entries;
    size_t count, cap;
};

ssat_status ssat_parent_new(const char *id, const ssat_allocator *alloc, ssat_parent **out)
{
    void *obj = NULL;
    ssat_status st = new_with_id(id, alloc, sizeof(ssat_parent), offsetof(ssat_parent, alloc),
                                 offsetof(ssat_parent, id), out != NULL, "ssat_parent_new", &obj);
    if (out != NULL)
        *out = obj;
    return st;
}

void ssat_parent_free(ssat_parent *parent)
{
    if (parent == NULL)
        return;
    ssat__alloc a = parent->alloc;
    for (size_t i = 0; i < parent->count; i++)
        ssat__free_str(&a, parent->entries[i].pupil_id);
    ssat__free(&a, parent->entries, parent->cap * sizeof *parent->entries);
    ssat__free_str(&a, parent->id);
    ssat__free(&a, parent, sizeof *parent);
}

const char *ssat_parent_id(const ssat_parent *parent)
{
    return parent == NULL ? "" : parent->id;
}

/* Check the absence window of a notice or proceedings; messages name the argument 'absence'. */
static ssat_status check_absence(const ssat_window *w, const char *fn)
{
    if (!ssat__date_in_range(w->first_date) || !ssat__date_in_range(w->last_date))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'absence': a date is outside years %d..%d", fn,
                           SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    int fh = (int)w->first_half, lh = (int)w->last_half;
    if ((fh != SSAT_AM && fh != SSAT_PM) || (lh != SSAT_AM && lh != SSAT_PM))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'absence': first_half and last_half must be "
                           "SSAT_AM (0) or SSAT_PM (1)", fn);
    if (ssat__session(w->last_date, w->last_half) < ssat__session(w->first_date, w->first_half))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'absence': its end is before its start", fn);
    return SSAT_OK;
}

ssat_status ssat_parent_add(ssat_parent *parent, ssat_parent_event kind, const char *pupil_id, ssat_date date,
                            const ssat_window *absence)
{
    static const char fn[] = "ssat_parent_add";
    if (parent == NULL)
        return ssat__null_arg(fn, "parent");
    int k = (int)kind;
    if (k != SSAT_PARENT_WARNING && k != SSAT_PARENT_NOTICE && k != SSAT_PARENT_PROCEEDINGS)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'kind': unknown parent event %d", fn, k);
    ssat_status st = check_id(pupil_id, "pupil_id", fn);
    if (st != SSAT_OK)
        return st;
    if (!ssat__date_in_range(date))
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'date' (day %ld) is outside years %d..%d", fn, (long)date,
                           SSAT_YEAR_MIN, SSAT_YEAR_MAX);
    parent_entry e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.date = date;
    if (kind != SSAT_PARENT_WARNING) {
        if (absence == NULL)
            return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'absence' is NULL; a %s needs the absence it "
                               "concerns", fn, kind == SSAT_PARENT_NOTICE ? "notice" : "proceedings entry");
        st = check_absence(absence, fn);
        if (st != SSAT_OK)
            return st;
        e.absence = *absence;
    }
    void *items = parent->entries;
    if (!ssat__grow(&parent->alloc, &items, &parent->cap, parent->count + 1, sizeof *parent->entries))
        return ssat__nomem(fn);
    parent->entries = items;
    e.pupil_id = ssat__strdup(&parent->alloc, pupil_id);
    if (e.pupil_id == NULL)
        return ssat__nomem(fn); /* the larger array is kept; the history is unchanged */
    parent->entries[parent->count++] = e;
    return SSAT_OK;
}

size_t ssat_parent_count(const ssat_parent *parent)
{
    return parent == NULL ? 0 : parent->count;
}

ssat_status ssat_parent_at(const ssat_parent *parent, size_t index, ssat_parent_event *kind_out,
                           const char **pupil_id_out, ssat_date *date_out, ssat_window *absence_out)
{
    static const char fn[] = "ssat_parent_at";
    if (kind_out != NULL)
        *kind_out = SSAT_PARENT_WARNING;
    if (pupil_id_out != NULL)
        *pupil_id_out = NULL;
    if (date_out != NULL)
        *date_out = 0;
    if (absence_out != NULL)
        memset(absence_out, 0, sizeof *absence_out);
    if (parent == NULL)
        return ssat__null_arg(fn, "parent");
    if (index >= parent->count)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'index': %zu is not below the %zu entries of parent \"%s\"",
                           fn, index, parent->count, parent->id);
    const parent_entry *e = &parent->entries[index];
    if (kind_out != NULL)
        *kind_out = e->kind;
    if (pupil_id_out != NULL)
        *pupil_id_out = e->pupil_id;
    if (date_out != NULL)
        *date_out = e->date;
    if (absence_out != NULL)
        *absence_out = e->absence;
    return SSAT_OK;
}
