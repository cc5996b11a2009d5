/* Streamed CSV imports into a school (school.h), and what every CSV import shares (import.h): the
 * header, problems located at file:line:column in both languages, and text checks.
 *
 * An import stages what it reads in a private school and commits it only when the whole file had no
 * error, so a failed import leaves the school exactly as it was. Memory holds the registers (one byte
 * per session), the pupils, and only the current row of the file. Pupils files are read here; register
 * rows in import_register.c; terms and closures files in import_calendar.c; the reader that every
 * import shares (problems, header, end of file) in import_reader.c. */
#include "import.h"

#include <stdio.h>

/* ---- text ---------------------------------------------------------------------------------------- */

static bool is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7F;
}

bool ssat__import_text_ok(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) { /* the common case: printable ASCII */
            if (is_control(p[i]))
                return false;
            i++;
            continue;
        }
        size_t n = ssat__utf8_sequence(p + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

void ssat__import_text_for_message(char *out, size_t cap, const char *s, size_t len)
{
    (void)ssat__text_quote(out, cap, s, len, 0, SIZE_MAX);
}

void ssat__import_header_text(char *out, size_t cap, const ssat__csv_field *fields, size_t count)
{
    char joined[256];
    size_t k = 0;
    for (size_t i = 0; i < count && k < sizeof joined - 1; i++) {
        if (i > 0)
            joined[k++] = ',';
        size_t n = fields[i].len < sizeof joined - 1 - k ? fields[i].len : sizeof joined - 1 - k;
        memcpy(joined + k, fields[i].data, n);
        k += n;
    }
    ssat__import_text_for_message(out, cap, joined, k);
}

char *ssat__import_source_copy(const ssat__alloc *a, const char *source)
{
    if (source == NULL)
        source = "<input>";
    /* Cut to the limit, with anything that is not UTF-8 text shown as "?": messages stay valid text
     * (a JSON report of them must be) whatever bytes a file name holds. */
    char copy[IMPORT_SOURCE_MAX + 4];
    ssat__import_text_for_message(copy, sizeof copy, source, strlen(source));
    size_t n = strlen(copy);
    char *out = ssat__malloc(a, n + 1);
    if (out != NULL)
        memcpy(out, copy, n + 1);
    return out;
}

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

struct ssat__skeleton_slot {
    uint32_t hash;
    uint32_t index1; /* stage index + 1; 0 = empty */
};

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

ssat_status ssat__import_pupil(ssat_import *im, const ssat__csv_field *f, bool register_row, size_t *index_out)
{
    static const char fn[] = "ssat_import_feed";
    *index_out = SIZE_MAX;
    const char *id = f->data;
    size_t len = f->len;
    if (im->last_pupil != SIZE_MAX) { /* rows of one pupil usually come together, untrimmed as stored */
        const ssat__spupil *last = ssat__school_at(im->stage, im->last_pupil);
        if (last->id_len == len && memcmp(last->id, id, len) == 0) {
            *index_out = im->last_pupil;
            return SSAT_OK;
        }
    }
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

/* Store an optional text column (name, year group) in the school's arena. */
static ssat_status pupil_text(ssat_import *im, const ssat__csv_field *fields, ssat__import_col col, const char **out)
{
    if (im->r.col[col] < 0)
        return SSAT_OK;
    const ssat__csv_field *f = ssat__import_field(&im->r, fields, col);
    if (!ssat__import_text_ok(f->data, f->len)) {
        const char *args[1] = {ssat__import_col_name(col)};
        return ssat__import_field_error(&im->r, "import.text", col, f, args, 1);
    }
    const char *copy = ssat__school_strdup(im->stage, f->data, f->len);
    if (copy == NULL)
        return ssat__nomem("ssat_import_feed");
    *out = copy;
    return SSAT_OK;
}

/* An empty date of birth means not known (rules then report compulsory school age as unknown). */
static ssat_status pupil_dob(ssat_import *im, const ssat__csv_field *fields, ssat__spupil *p)
{
    if (im->r.col[IC_DATE_OF_BIRTH] < 0)
        return SSAT_OK;
    const ssat__csv_field *f = ssat__import_field(&im->r, fields, IC_DATE_OF_BIRTH);
    ssat_date dob;
    if (f->len == 0)
        return SSAT_OK;
    if (!ssat__import_date(&im->r, f->data, f->len, &dob)) {
        char text[IMPORT_TEXT_MAX];
        ssat__import_text_for_message(text, sizeof text, f->data, f->len);
        const char *args[2] = {"date_of_birth", text};
        return ssat__import_field_error(&im->r, ssat__import_date_id(&im->r), IC_DATE_OF_BIRTH, f, args, 2);
    }
    (void)ssat_pupil_set_date_of_birth(p->record, dob); /* a parsed date is in range */
    p->has_dob = true;
    return SSAT_OK;
}

static ssat_status pupils_row(ssat_import *im, const ssat__csv_field *fields)
{
    const ssat__csv_field *fid = ssat__import_field(&im->r, fields, IC_PUPIL_ID);
    size_t i;
    ssat_status st = ssat__import_pupil(im, fid, false, &i);
    if (st != SSAT_OK || i == SIZE_MAX)
        return st;
    ssat__spupil *p = ssat__school_at(im->stage, i);
    if (p->has_record) {
        char line[24];
        (void)snprintf(line, sizeof line, "%lu", (unsigned long)p->record_line);
        const char *args[2] = {p->id, line};
        return ssat__import_field_error(&im->r, "import.duplicate_pupil", IC_PUPIL_ID, fid, args, 2);
    }
    p->has_record = true;
    p->record_line = fid->line;
    st = pupil_dob(im, fields, p);
    if (st == SSAT_OK)
        st = pupil_text(im, fields, IC_NAME, &p->name);
    if (st == SSAT_OK)
        st = pupil_text(im, fields, IC_YEAR_GROUP, &p->year_group);
    return st;
}

/* ---- dispatch ------------------------------------------------------------------------------------ */

static const ssat__import_col long_cols[] = {IC_PUPIL_ID, IC_DATE, IC_SESSION, IC_MARK};
static const ssat__import_col wide_cols[] = {IC_PUPIL_ID, IC_START_DATE, IC_MARKS};
static const ssat__import_col pupils_cols[] = {IC_PUPIL_ID};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The header decides an automatic import's layout, then what the layout needs is checked. */
static ssat_status header_row(ssat_import *im, const ssat__csv_field *fields, size_t count)
{
    ssat_status st = ssat__import_header(&im->r, fields, count);
    if (st != SSAT_OK)
        return st;
    if (im->kind == SSAT_CSV_AUTO) {
        if (ssat__import_has(&im->r, long_cols, COUNT(long_cols))) {
            im->kind = SSAT_CSV_LONG;
        } else if (ssat__import_has(&im->r, wide_cols, COUNT(wide_cols))) {
            im->kind = SSAT_CSV_WIDE;
        } else {
            char text[IMPORT_TEXT_MAX * 2];
            ssat__import_header_text(text, sizeof text, fields, count);
            const char *args[1] = {text};
            im->r.header_bad = true;
            ssat__problem_loc loc = {.line = fields[0].line, .column = fields[0].column};
            return ssat__import_problem(&im->r, "import.header_unknown", SSAT_SEVERITY_ERROR, loc, args, 1);
        }
    }
    switch (im->kind) {
    case SSAT_CSV_LONG:
        return ssat__import_require(&im->r, fields, long_cols, COUNT(long_cols), "pupil_id,date,session,mark");
    case SSAT_CSV_WIDE:
        return ssat__import_require(&im->r, fields, wide_cols, COUNT(wide_cols), "pupil_id,start_date,marks");
    default:
        return ssat__import_require(&im->r, fields, pupils_cols, COUNT(pupils_cols),
                                    "pupil_id,date_of_birth,name,year_group");
    }
}

static ssat_status on_row(void *ctx, const ssat__csv_field *fields, size_t count)
{
    ssat_import *im = ctx; /* the reader is the import's first member */
    if (!im->r.header_done)
        return header_row(im, fields, count);
    ssat_status st;
    if (count == im->r.ncols && !im->r.header_bad) /* the usual row, without a call per row */
        im->r.rows++;
    else if (!ssat__import_row_shape(&im->r, fields, count, &st))
        return st;
    switch (im->kind) {
    case SSAT_CSV_LONG: return ssat__import_long_row(im, fields);
    case SSAT_CSV_WIDE: return ssat__import_wide_row(im, fields);
    default: return pupils_row(im, fields);
    }
}

/* ---- public API ---------------------------------------------------------------------------------- */

static ssat_status import_args(const ssat_school *school, ssat_csv_kind kind, const ssat_problems *problems,
                               const char *fn)
{
    if (school == NULL)
        return ssat__null_arg(fn, "school");
    if (problems == NULL)
        return ssat__null_arg(fn, "problems");
    if (kind != SSAT_CSV_AUTO && kind != SSAT_CSV_LONG && kind != SSAT_CSV_WIDE && kind != SSAT_CSV_PUPILS)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'kind': %d is not an ssat_csv_kind", fn, (int)kind);
    return SSAT_OK;
}

ssat_status ssat_import_new(ssat_school *school, ssat_csv_kind kind, const char *source, ssat_problems *problems,
                            ssat_import **out)
{
    static const char fn[] = "ssat_import_new";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    ssat_status st = import_args(school, kind, problems, fn);
    if (st != SSAT_OK)
        return st;
    const ssat__alloc *a = ssat__codeset_alloc(ssat__school_codes(school));
    ssat_import *im = ssat__calloc(a, 1, sizeof *im);
    if (im == NULL)
        return ssat__nomem(fn);
    im->alloc = *a;
    im->target = school;
    im->kind = kind;
    im->last_pupil = SIZE_MAX;
    im->source = ssat__import_source_copy(a, source);
    uint32_t source_index;
    st = im->source == NULL ? ssat__nomem(fn) : ssat_school_new(ssat__school_codes(school), &im->stage);
    if (st == SSAT_OK)
        st = ssat__school_add_source(im->stage, im->source, &source_index, fn);
    ssat__import_reader_init(&im->r, a, im->source, problems, on_row);
    if (st == SSAT_OK && !ssat__school_begin_import(school))
        st = ssat__error(SSAT_ERR_STATE, "%s: argument 'school': another import into it is still open", fn);
    if (st != SSAT_OK) {
        ssat_import_free(im);
        return st == SSAT_ERR_NOMEM ? ssat__nomem(fn) : st;
    }
    im->open = true;
    *out = im;
    return SSAT_OK;
}

/* An allocation failed part-way through the file: the import cannot be trusted any more, and the
 * problems it listed are taken back (a failed call leaves no half report). */
static ssat_status break_import(ssat_import *im, ssat_status st, const char *fn)
{
    im->broken = true;
    ssat__import_reader_unlist(&im->r);
    return st == SSAT_ERR_NOMEM ? ssat__nomem(fn) : st;
}

static ssat_status usable(const ssat_import *im, const char *fn)
{
    if (im == NULL)
        return ssat__null_arg(fn, "import");
    if (im->broken)
        return ssat__error(SSAT_ERR_STATE, "%s: an earlier call on this import failed; free it", fn);
    if (im->finished)
        return ssat__error(SSAT_ERR_STATE, "%s: the import is already finished", fn);
    return SSAT_OK;
}

ssat_status ssat_import_feed(ssat_import *import, const char *data, size_t len)
{
    static const char fn[] = "ssat_import_feed";
    ssat_status st = usable(import, fn);
    if (st != SSAT_OK)
        return st;
    if (data == NULL && len > 0)
        return ssat__null_arg(fn, "data");
    if (import->csv_done)
        return ssat__error(SSAT_ERR_STATE, "%s: the end of the file was already seen", fn);
    import->fed |= len > 0;
    st = ssat__import_csv_feed(&import->r.csv, data, len, import->two_threads);
    return st == SSAT_OK ? SSAT_OK : break_import(import, st, fn);
}

ssat_status ssat_import_set_threads(ssat_import *import, int threads)
{
    static const char fn[] = "ssat_import_set_threads";
    ssat_status st = usable(import, fn);
    if (st != SSAT_OK)
        return st;
    if (threads < 0 || threads > 2)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: threads is %d; give 0 or 1 (this thread only) or 2", fn,
                           threads);
    import->two_threads = threads == 2;
    return SSAT_OK;
}

ssat_status ssat_import_set_map(ssat_import *import, const ssat_csv_map *map)
{
    static const char fn[] = "ssat_import_set_map";
    ssat_status st = usable(import, fn);
    if (st != SSAT_OK)
        return st;
    if (import->fed)
        return ssat__error(SSAT_ERR_STATE, "%s: data was already fed; set the map first", fn);
    st = ssat__csv_map_check_codes(map, ssat__school_codes(import->target), fn);
    if (st == SSAT_OK)
        import->r.map = map;
    return st;
}

void ssat__import_close(ssat_school *target, bool *open)
{
    if (*open)
        ssat__school_end_import(target);
    *open = false;
}

static void close_import(ssat_import *im)
{
    ssat__import_close(im->target, &im->open);
}

ssat_status ssat__import_commit_close(const ssat__import_reader *r, ssat_school *target, ssat_school *stage,
                                      bool *open, bool *finished, const char *fn)
{
    if (r->errors > 0) {
        *finished = true;
        ssat__import_close(target, open);
        return ssat__import_reader_failure(r, fn);
    }
    ssat_status st = ssat__school_commit(target, stage, fn);
    if (st != SSAT_OK)
        return st; /* nothing changed; finishing may be tried again */
    *finished = true;
    ssat__import_close(target, open);
    return SSAT_OK;
}

ssat_status ssat_import_finish(ssat_import *import, size_t *rows_out)
{
    static const char fn[] = "ssat_import_finish";
    if (rows_out != NULL)
        *rows_out = 0;
    ssat_status st = usable(import, fn);
    if (st != SSAT_OK)
        return st;
    if (!import->csv_done) {
        st = ssat__import_reader_finish(&import->r);
        if (st != SSAT_OK)
            return break_import(import, st, fn);
        import->csv_done = true;
    }
    st = ssat__import_commit_close(&import->r, import->target, import->stage, &import->open, &import->finished, fn);
    if (st != SSAT_OK)
        return st;
    if (rows_out != NULL)
        *rows_out = (size_t)import->r.rows;
    return SSAT_OK;
}

void ssat_import_free(ssat_import *import)
{
    if (import == NULL)
        return;
    ssat__alloc a = import->alloc;
    close_import(import);
    ssat__import_reader_free(&import->r);
    ssat__free(&a, import->skeletons, import->skeleton_cap * sizeof *import->skeletons);
    ssat_school_free(import->stage);
    ssat__free_str(&a, import->source);
    ssat__free(&a, import, sizeof *import);
}
