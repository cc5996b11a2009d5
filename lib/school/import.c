/* Streamed CSV imports into a school (school.h): the dispatch of each row, the pupils file's rows and
 * the public calls.
 *
 * An import stages what it reads in a private school and commits it only when the whole file had no
 * error, so a failed import leaves the school exactly as it was. Memory holds the registers (one byte
 * per session), the pupils, and only the current row of the file. Pupils files are read here; register
 * rows in import_register.c; terms and closures files in import_calendar.c; the reader that every
 * import shares (problems, header, end of file, text checks) in import_reader.c; the staging of a pupil
 * that register and pupils rows name (ids, look-alike ids) in import_pupil.c. */
#include "import.h"

#include <stdio.h>

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
    st = ssat__import_csv_feed(import, data, len);
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
