/* What every CSV import shares (import.h), the reader: the tokenizer set up for an import, problems
 * located at file:line:column in both languages (and the cap on how many are listed), the header and
 * the shape of each row, the end of a file, and the text checks; the column names a map gives
 * (ssat__csv_map_column). The CSV maps (csv_map.c) load their code file with this reader, so it calls
 * nothing of them: the map's fields are in import.h. */
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

/* ---- problems ------------------------------------------------------------------------------------ */

void ssat__import_reader_init(ssat__import_reader *r, const ssat__alloc *a, const char *source,
                              ssat_problems *problems,
                              ssat_status (*row)(void *ctx, const ssat__csv_field *fields, size_t count))
{
    memset(r, 0, sizeof *r);
    ssat__csv_handler h = {row, ssat__import_csv_issue, r};
    ssat__csv_init(&r->csv, a, &h);
    r->source = source;
    r->problems = problems;
    r->problems_before = ssat_problems_count(problems);
    r->first_error = SIZE_MAX;
    for (size_t i = 0; i < IC_COUNT; i++)
        r->col[i] = -1;
}

void ssat__import_reader_free(ssat__import_reader *r)
{
    ssat__csv_free(&r->csv);
}

ssat_status ssat__import_problem(ssat__import_reader *r, const char *id, ssat_severity severity,
                                 ssat__problem_loc loc, const char *const *args, size_t nargs)
{
    if (severity == SSAT_SEVERITY_ERROR)
        r->errors++;
    /* A file that is wrong throughout (the wrong code set, say) must not fill memory with problems. */
    if (r->listed >= SSAT_IMPORT_MAX_PROBLEMS) {
        r->unlisted++;
        return SSAT_OK;
    }
    loc.source = r->source;
    size_t index = ssat_problems_count(r->problems);
    ssat_status st = ssat__problems_add(r->problems, id, severity, &loc, args, nargs);
    if (st != SSAT_OK)
        return st;
    r->listed++;
    if (severity == SSAT_SEVERITY_ERROR && r->first_error == SIZE_MAX)
        r->first_error = index;
    return SSAT_OK;
}

ssat_status ssat__import_field_error(ssat__import_reader *r, const char *id, ssat__import_col col,
                                     const ssat__csv_field *f, const char *const *args, size_t nargs)
{
    ssat__problem_loc loc = {.field = ssat__import_col_name(col), .line = f->line, .column = f->column};
    return ssat__import_problem(r, id, SSAT_SEVERITY_ERROR, loc, args, nargs);
}

ssat_status ssat__import_csv_issue(void *ctx, ssat__csv_issue issue, uint32_t line, uint32_t column)
{
    ssat__import_reader *r = ctx;
    static const char *const ids[] = {"import.quote", "import.stray_quote", "import.row_too_long"};
    char max[24];
    (void)snprintf(max, sizeof max, "%zu", SSAT__CSV_ROW_MAX);
    const char *args[1] = {max};
    ssat__problem_loc loc = {.line = line, .column = column};
    return ssat__import_problem(r, ids[issue], SSAT_SEVERITY_ERROR, loc, args, issue == SSAT__CSV_ROW_TOO_LONG);
}

/* ---- header -------------------------------------------------------------------------------------- */

static const char *const col_names[IC_COUNT] = {
    "pupil_id", "date", "session", "mark", "start_date", "marks", "date_of_birth", "name", "year_group", "start", "end",
};

const char *ssat__import_col_name(ssat__import_col col)
{
    return col_names[col];
}

const char *ssat__csv_map_column(const ssat_csv_map *map, ssat__import_col col)
{
    return map != NULL && map->columns[col] != NULL ? map->columns[col] : ssat__import_col_name(col);
}

ssat_status ssat__import_header(ssat__import_reader *r, const ssat__csv_field *fields, size_t count)
{
    r->header_done = true;
    r->ncols = count;
    for (size_t i = 0; i < count; i++) {
        for (size_t k = 0; k < IC_COUNT; k++) {
            const char *name = ssat__csv_map_column(r->map, (ssat__import_col)k);
            if (fields[i].len != strlen(name) || memcmp(fields[i].data, name, fields[i].len) != 0)
                continue;
            if (r->col[k] >= 0) {
                const char *args[1] = {col_names[k]};
                r->header_bad = true;
                ssat__problem_loc loc = {.line = fields[i].line, .column = fields[i].column};
                ssat_status st = ssat__import_problem(r, "import.header_duplicate", SSAT_SEVERITY_ERROR, loc, args, 1);
                if (st != SSAT_OK)
                    return st;
            }
            r->col[k] = (int32_t)i;
        }
    }
    return SSAT_OK;
}

bool ssat__import_has(const ssat__import_reader *r, const ssat__import_col *cols, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (r->col[cols[i]] < 0)
            return false;
    return true;
}

ssat_status ssat__import_require(ssat__import_reader *r, const ssat__csv_field *fields, const ssat__import_col *need,
                                 size_t n, const char *expected)
{
    for (size_t i = 0; i < n; i++) {
        if (r->col[need[i]] >= 0)
            continue;
        r->header_bad = true;
        const char *args[2] = {col_names[need[i]], expected};
        ssat__problem_loc loc = {.line = fields[0].line, .column = fields[0].column};
        ssat_status st = ssat__import_problem(r, "import.header", SSAT_SEVERITY_ERROR, loc, args, 2);
        if (st != SSAT_OK)
            return st;
    }
    return SSAT_OK;
}

bool ssat__import_row_shape(ssat__import_reader *r, const ssat__csv_field *fields, size_t count, ssat_status *st)
{
    *st = SSAT_OK;
    r->rows++;
    if (r->header_bad)
        return false;
    if (count == r->ncols)
        return true;
    char have[24], want[24];
    (void)snprintf(have, sizeof have, "%zu", count);
    (void)snprintf(want, sizeof want, "%zu", r->ncols);
    const char *args[2] = {have, want};
    ssat__problem_loc loc = {.line = fields[0].line, .column = fields[0].column};
    *st = ssat__import_problem(r, "import.columns", SSAT_SEVERITY_ERROR, loc, args, 2);
    return false;
}

/* ---- end of a file ------------------------------------------------------------------------------- */

ssat_status ssat__import_reader_finish(ssat__import_reader *r)
{
    ssat_status st = ssat__csv_finish(&r->csv);
    if (st == SSAT_OK && !r->header_done) {
        ssat__problem_loc loc = {.line = 1, .column = 1};
        st = ssat__import_problem(r, "import.empty", SSAT_SEVERITY_ERROR, loc, NULL, 0);
    }
    if (st == SSAT_OK && r->unlisted > 0) {
        char more[24], max[24];
        (void)snprintf(more, sizeof more, "%zu", r->unlisted);
        (void)snprintf(max, sizeof max, "%d", SSAT_IMPORT_MAX_PROBLEMS);
        const char *args[2] = {more, max};
        ssat__problem_loc loc = {.source = r->source};
        /* Past the limit by design: this is the one note that says what was left out. */
        st = ssat__problems_add(r->problems, "import.unlisted", SSAT_SEVERITY_WARNING, &loc, args, 2);
        if (st == SSAT_OK)
            r->listed++;
    }
    return st;
}

ssat_status ssat__import_reader_failure(const ssat__import_reader *r, const char *fn)
{
    const ssat_problem *first = ssat_problems_at(r->problems, r->first_error);
    return ssat__error(SSAT_ERR_INVALID_DATA, "%s: %zu error%s in %s; first: %s", fn, r->errors,
                       r->errors == 1 ? "" : "s", r->source, first != NULL ? first->message_en : "(not listed)");
}

void ssat__import_reader_unlist(ssat__import_reader *r)
{
    ssat__problems_truncate(r->problems, r->problems_before);
    r->listed = 0;
    r->first_error = SIZE_MAX;
}
