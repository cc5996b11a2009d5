/* CSV maps (csvmap.h): the export's column names, its date format and its local codes, which the CSV
 * imports (import.c, import_register.c, import_calendar.c) consult through the few helpers declared in
 * import.h. A map is read-only once built, so imports may share it. Its fields are in import.h: the
 * reader (import_reader.c) looks up the header's column names in it, and this file reads its code file
 * with that reader, so calls point one way. */
#include "import.h"

#include <stdio.h>

/* ---- what the imports ask -------------------------------------------------------------------------- */

bool ssat__import_date(const ssat__import_reader *r, const char *s, size_t len, ssat_date *out)
{
    if (r->map == NULL || !r->map->dmy)
        return ssat__date_parse_fixed(s, len, out);
    if (len != 10 || s[2] != '/' || s[5] != '/')
        return false;
    char iso[10] = {s[6], s[7], s[8], s[9], '-', s[3], s[4], '-', s[0], s[1]};
    return ssat__date_parse_fixed(iso, 10, out);
}

const char *ssat__import_date_id(const ssat__import_reader *r)
{
    return r->map != NULL && r->map->dmy ? "import.date_dmy" : "import.date";
}

bool ssat__csv_map_code(const ssat_csv_map *map, const char *text, size_t len, const char **statutory)
{
    if (map == NULL || map->ncodes == 0 || len == 0 || len > MAP_LOCAL_MAX)
        return false;
    if (len == 1) {
        uint8_t k = map->byte_code[(unsigned char)text[0]];
        if (k == 0)
            return false;
        *statutory = map->codes[k - 1].statutory;
        return true;
    }
    for (size_t i = 0; i < map->ncodes; i++) {
        if (strlen(map->codes[i].local) == len && memcmp(map->codes[i].local, text, len) == 0) {
            *statutory = map->codes[i].statutory;
            return true;
        }
    }
    return false;
}

/* ---- building a map --------------------------------------------------------------------------------- */

ssat_status ssat_csv_map_new(const ssat_allocator *alloc, ssat_csv_map **out)
{
    void *map = NULL;
    ssat_status st =
        ssat__root_new(alloc, sizeof(ssat_csv_map), offsetof(ssat_csv_map, alloc), out != NULL, "ssat_csv_map_new", &map);
    if (out != NULL)
        *out = map;
    return st;
}

static void free_columns(ssat__alloc *a, char **columns)
{
    for (size_t i = 0; i < IC_COUNT; i++) {
        ssat__free_str(a, columns[i]);
        columns[i] = NULL;
    }
}

void ssat_csv_map_free(ssat_csv_map *map)
{
    if (map == NULL)
        return;
    ssat__alloc a = map->alloc;
    free_columns(&a, map->columns);
    ssat__free(&a, map->codes, map->cap * sizeof *map->codes);
    ssat__free(&a, map, sizeof *map);
}

size_t ssat_csv_map_code_count(const ssat_csv_map *map)
{
    return map != NULL ? map->ncodes : 0;
}

/* One "field=Header" pair of a columns spec into cols[]. */
static ssat_status column_pair(ssat_csv_map *map, char **cols, const char *pair, size_t len, const char *fn)
{
    const char *eq = memchr(pair, '=', len);
    if (eq == NULL)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: \"%.*s\" is not field=Header", fn, (int)len, pair);
    size_t nf = (size_t)(eq - pair), nh = len - nf - 1;
    size_t k = 0;
    while (k < IC_COUNT && (strlen(ssat__import_col_name((ssat__import_col)k)) != nf ||
                            memcmp(ssat__import_col_name((ssat__import_col)k), pair, nf) != 0))
        k++;
    if (k == IC_COUNT)
        return ssat__error(SSAT_ERR_INVALID_ARG,
                           "%s: \"%.*s\" is not a field (pupil_id, date, session, mark, start_date, marks, "
                           "date_of_birth, name, year_group, start, end)", fn, (int)nf, pair);
    if (cols[k] != NULL)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: the field \"%.*s\" is named twice", fn, (int)nf, pair);
    if (nh == 0 || nh > MAP_NAME_MAX || memchr(eq + 1, '=', nh) != NULL || !ssat__import_text_ok(eq + 1, nh))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: the header name for \"%.*s\" must be 1 to %d bytes of text "
                           "without \"=\"", fn, (int)nf, pair, MAP_NAME_MAX);
    cols[k] = ssat__malloc(&map->alloc, nh + 1);
    if (cols[k] == NULL)
        return ssat__nomem(fn);
    memcpy(cols[k], eq + 1, nh);
    cols[k][nh] = '\0';
    return SSAT_OK;
}

ssat_status ssat_csv_map_set_columns(ssat_csv_map *map, const char *spec)
{
    static const char fn[] = "ssat_csv_map_set_columns";
    if (map == NULL)
        return ssat__null_arg(fn, "map");
    if (spec == NULL)
        return ssat__null_arg(fn, "spec");
    char *cols[IC_COUNT] = {NULL};
    ssat_status st = SSAT_OK;
    for (const char *p = spec; *p != '\0' && st == SSAT_OK;) {
        const char *end = strchr(p, ',');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        st = column_pair(map, cols, p, len, fn);
        p += len + (end != NULL);
    }
    if (st != SSAT_OK) {
        free_columns(&map->alloc, cols);
        return st;
    }
    free_columns(&map->alloc, map->columns);
    memcpy(map->columns, cols, sizeof cols);
    return SSAT_OK;
}

ssat_status ssat_csv_map_set_date_format(ssat_csv_map *map, const char *format)
{
    static const char fn[] = "ssat_csv_map_set_date_format";
    if (map == NULL)
        return ssat__null_arg(fn, "map");
    if (format == NULL || (strcmp(format, "yyyy-mm-dd") != 0 && strcmp(format, "dd/mm/yyyy") != 0))
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'format': \"%s\" is neither yyyy-mm-dd nor dd/mm/yyyy",
                           fn, format != NULL ? format : "(null)");
    map->dmy = format[0] == 'd';
    return SSAT_OK;
}

/* ---- the code map file ----------------------------------------------------------------------------- */

typedef struct code_load {
    ssat__import_reader r; /* first: the tokenizer's ctx points here */
    ssat_csv_map *map;
    map_code *codes;
    size_t ncodes, cap;
    int32_t local_col, statutory_col;
} code_load;

static bool code_text_ok(const char *s, size_t len, size_t max)
{
    if (len == 0 || len > max)
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7F || s[i] == ',' || s[i] == '"')
            return false;
    return true;
}

static ssat_status code_error(code_load *cl, const char *id, const ssat__csv_field *f, const char *const *args,
                              size_t nargs)
{
    ssat__problem_loc loc = {.line = f->line, .column = f->column};
    return ssat__import_problem(&cl->r, id, SSAT_SEVERITY_ERROR, loc, args, nargs);
}

static ssat_status code_header(code_load *cl, const ssat__csv_field *fields, size_t count)
{
    cl->r.header_done = true;
    cl->r.ncols = count;
    cl->local_col = cl->statutory_col = -1;
    for (size_t i = 0; i < count; i++) {
        if (fields[i].len == 5 && memcmp(fields[i].data, "local", 5) == 0)
            cl->local_col = (int32_t)i;
        else if (fields[i].len == 9 && memcmp(fields[i].data, "statutory", 9) == 0)
            cl->statutory_col = (int32_t)i;
    }
    if (cl->local_col >= 0 && cl->statutory_col >= 0)
        return SSAT_OK;
    cl->r.header_bad = true;
    return code_error(cl, "csvmap.header", &fields[0], NULL, 0);
}

static ssat_status code_row(void *ctx, const ssat__csv_field *fields, size_t count)
{
    code_load *cl = ctx;
    if (!cl->r.header_done)
        return code_header(cl, fields, count);
    ssat_status st;
    if (!ssat__import_row_shape(&cl->r, fields, count, &st))
        return st;
    const ssat__csv_field *l = &fields[cl->local_col], *s = &fields[cl->statutory_col];
    char text[IMPORT_TEXT_MAX];
    if (!code_text_ok(l->data, l->len, MAP_LOCAL_MAX) || !code_text_ok(s->data, s->len, SSAT_CODE_MAX_LEN)) {
        const ssat__csv_field *bad = code_text_ok(l->data, l->len, MAP_LOCAL_MAX) ? s : l;
        ssat__import_text_for_message(text, sizeof text, bad->data, bad->len);
        const char *args[1] = {text};
        return code_error(cl, "csvmap.code", bad, args, 1);
    }
    for (size_t i = 0; i < cl->ncodes; i++) {
        if (strlen(cl->codes[i].local) == l->len && memcmp(cl->codes[i].local, l->data, l->len) == 0) {
            char line[24];
            (void)snprintf(line, sizeof line, "%lu", (unsigned long)cl->codes[i].line);
            const char *args[2] = {cl->codes[i].local, line};
            return code_error(cl, "csvmap.duplicate", l, args, 2);
        }
    }
    void *items = cl->codes;
    bool ok = ssat__grow(&cl->map->alloc, &items, &cl->cap, cl->ncodes + 1, sizeof *cl->codes);
    cl->codes = items;
    if (!ok)
        return ssat__nomem("ssat_csv_map_load_codes");
    map_code *c = &cl->codes[cl->ncodes++];
    memset(c, 0, sizeof *c);
    memcpy(c->local, l->data, l->len);
    memcpy(c->statutory, s->data, s->len);
    c->line = l->line;
    return SSAT_OK;
}

static ssat_status no_codes_issue(code_load *cl)
{
    if (cl->r.header_done)
        return SSAT_OK;
    ssat__problem_loc loc = {.line = 1, .column = 1};
    return ssat__import_problem(&cl->r, "csvmap.header", SSAT_SEVERITY_ERROR, loc, NULL, 0);
}

ssat_status ssat_csv_map_load_codes(ssat_csv_map *map, const char *data, size_t len, const char *source,
                                    ssat_problems *problems)
{
    static const char fn[] = "ssat_csv_map_load_codes";
    if (map == NULL)
        return ssat__null_arg(fn, "map");
    if (data == NULL && len > 0)
        return ssat__null_arg(fn, "data");
    if (problems == NULL)
        return ssat__null_arg(fn, "problems");
    code_load cl = {.map = map};
    char *name = ssat__import_source_copy(&map->alloc, source);
    if (name == NULL)
        return ssat__nomem(fn);
    ssat__import_reader_init(&cl.r, &map->alloc, name, problems, code_row);
    ssat_status st = ssat__csv_feed(&cl.r.csv, data != NULL ? data : "", len);
    if (st == SSAT_OK)
        st = ssat__csv_finish(&cl.r.csv);
    if (st == SSAT_OK)
        st = no_codes_issue(&cl);
    if (st != SSAT_OK) {
        ssat__import_reader_unlist(&cl.r);
        st = st == SSAT_ERR_NOMEM ? ssat__nomem(fn) : st;
    } else if (cl.r.errors > 0) {
        st = ssat__import_reader_failure(&cl.r, fn);
    } else {
        ssat__free(&map->alloc, map->codes, map->cap * sizeof *map->codes);
        map->codes = cl.codes;
        map->ncodes = cl.ncodes;
        map->cap = cl.cap;
        cl.codes = NULL;
        cl.cap = 0;
        memset(map->byte_code, 0, sizeof map->byte_code);
        for (size_t i = 0; i < map->ncodes && i < 255; i++)
            if (map->codes[i].local[1] == '\0')
                map->byte_code[(unsigned char)map->codes[i].local[0]] = (uint8_t)(i + 1);
    }
    ssat__free(&map->alloc, cl.codes, cl.cap * sizeof *cl.codes);
    ssat__import_reader_free(&cl.r);
    ssat__free_str(&map->alloc, name);
    return st;
}

/* ---- using a map ------------------------------------------------------------------------------------ */

ssat_status ssat__csv_map_check_codes(const ssat_csv_map *map, const ssat_codeset *codes, const char *fn)
{
    for (size_t i = 0; map != NULL && i < map->ncodes; i++)
        if (ssat__codeset_index(codes, map->codes[i].statutory) == SSAT__NO_CODE)
            return ssat__error(SSAT_ERR_INVALID_ARG, "%s: the code map's line %lu maps \"%s\" to \"%s\", which is not "
                               "in code set %s", fn, (unsigned long)map->codes[i].line, map->codes[i].local,
                               map->codes[i].statutory, ssat_codeset_name(codes));
    return SSAT_OK;
}
