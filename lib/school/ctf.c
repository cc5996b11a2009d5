/* Common Transfer Files (ctf.h): the XML read as a stream by expat, elements followed by a small stack
 * of their kinds, the text of the elements the import needs collected into fixed buffers, and each
 * Pupil applied when its end tag is read (ctf_pupil.c), into a staged school committed only when the
 * whole file had no error, like the CSV imports (import.c).
 *
 * Expat was chosen over libxml2's xmlTextReader (bench/ctf_parsers.c measures both): it is a push
 * parser, so ssat_ctf_import_feed() takes chunks exactly as ssat_import_feed() does, and it keeps no
 * global state. It never fetches anything by itself; a DOCTYPE is refused outright, so no entity can be
 * declared, which rules out external entities and entity expansion bombs. The memory expat may hold
 * for one unfinished piece of markup is bounded by checking, after each 64 KiB fed, how far behind the
 * input its last event is. */
#include "ctf_internal.h"

#include <stdio.h>

#define FEED_PIECE ((size_t)1 << 16)

/* What an element is, from its name and its parent's kind. */
enum { K_OTHER, K_ROOT, K_PUPILDATA, K_PUPIL, K_ATTENDANCE, K_YEARDATA, K_SESSIONS, K_LEAF };

static const char *const pupil_names[PT_COUNT] = {"UPN", "Surname", "Forename", "DOB"};
static const char *const year_names[YT_COUNT] = {
    "Year", "LEA", "SessionsPossible", "SessionsAuthorised", "SessionsAttended", "SessionsUnauthorised",
    "AttendanceStartDate", "AttendanceMarks",
};

/* ---- expat's callbacks --------------------------------------------------------------------------- */

static void here(const ssat_ctf_import *im, uint32_t *line, uint32_t *column)
{
    *line = (uint32_t)XML_GetCurrentLineNumber(im->xml);
    *column = (uint32_t)XML_GetCurrentColumnNumber(im->xml) + 1;
}

/* Stop reading: after a problem that makes the rest meaningless, or an allocation failure. */
static void stop(ssat_ctf_import *im, ssat_status st)
{
    if (st != SSAT_OK)
        im->fail = st;
    im->stopped = true;
    (void)XML_StopParser(im->xml, XML_FALSE);
}

static void problem_here(ssat_ctf_import *im, const char *id, const char *const *args, size_t nargs, bool fatal)
{
    uint32_t line, column;
    here(im, &line, &column);
    ssat_status st = ssat__ctf_problem(im, id, SSAT_SEVERITY_ERROR, line, column, args, nargs);
    if (st != SSAT_OK || fatal)
        stop(im, st);
}

static void progress(ssat_ctf_import *im)
{
    im->last_event = (int64_t)XML_GetCurrentByteIndex(im->xml);
}

static ssat__ctf_text *leaf(ssat_ctf_import *im, uint8_t parent, const char *name, const char **parent_name)
{
    if (parent == K_PUPIL) {
        *parent_name = "Pupil";
        for (size_t i = 0; i < PT_COUNT; i++)
            if (name[0] == pupil_names[i][0] && strcmp(name, pupil_names[i]) == 0) /* most differ at once */
                return &im->pupil->t[i];
        return NULL;
    }
    if (im->pupil->nyears == 0 || im->pupil->nyears > CTF_YEARS_MAX)
        return NULL;
    ssat__ctf_year *y = &im->pupil->years[im->pupil->nyears - 1];
    size_t from = parent == K_YEARDATA ? 0 : YT_START, to = parent == K_YEARDATA ? YT_START : YT_COUNT;
    *parent_name = parent == K_YEARDATA ? "YearData" : "AttendSessions";
    for (size_t i = from; i < to; i++)
        if (name[0] == year_names[i][0] && strcmp(name, year_names[i]) == 0)
            return &y->t[i];
    return NULL;
}

static void start_leaf(ssat_ctf_import *im, ssat__ctf_text *t, const char *name, const char *parent_name)
{
    if (t->seen) {
        const char *args[2] = {name, parent_name};
        problem_here(im, "ctf.element_twice", args, 2, false);
    }
    t->seen = true;
    t->len = 0;
    t->has_text = t->too_long = false;
    here(im, &t->line, &t->column);
    im->text = t;
}

static void start_pupil(ssat_ctf_import *im)
{
    ssat__ctf_pupil *p = im->pupil;
    for (size_t i = 0; i < PT_COUNT; i++)
        p->t[i].seen = false;
    p->nyears = 0;
    here(im, &p->line, &p->column);
    im->in_pupil = true;
    im->pupils++;
}

static void start_year(ssat_ctf_import *im)
{
    ssat__ctf_pupil *p = im->pupil;
    if (++p->nyears > CTF_YEARS_MAX) {
        if (p->nyears == CTF_YEARS_MAX + 1) {
            char max[24];
            (void)snprintf(max, sizeof max, "%d", CTF_YEARS_MAX);
            const char *args[1] = {max};
            problem_here(im, "ctf.too_many_years", args, 1, false);
        }
        return;
    }
    ssat__ctf_year *y = &p->years[p->nyears - 1];
    for (size_t i = 0; i < YT_COUNT; i++)
        y->t[i].seen = false;
    y->sessions = false;
    here(im, &y->line, &y->column);
}

static uint8_t kind_of(ssat_ctf_import *im, uint8_t parent, const char *name)
{
    const char *parent_name = "";
    ssat__ctf_text *t;
    switch (parent) {
    case K_ROOT: return strcmp(name, "CTFpupilData") == 0 ? K_PUPILDATA : K_OTHER;
    case K_PUPILDATA:
        if (strcmp(name, "Pupil") != 0)
            return K_OTHER;
        start_pupil(im);
        return K_PUPIL;
    case K_PUPIL:
        if (strcmp(name, "Attendance") == 0)
            return K_ATTENDANCE;
        break;
    case K_ATTENDANCE:
        if (strcmp(name, "YearData") != 0)
            return K_OTHER;
        start_year(im);
        return K_YEARDATA;
    case K_YEARDATA:
        if (strcmp(name, "AttendSessions") == 0 && im->pupil->nyears <= CTF_YEARS_MAX) {
            im->pupil->years[im->pupil->nyears - 1].sessions = true;
            return K_SESSIONS;
        }
        break;
    case K_SESSIONS: break;
    default: return K_OTHER;
    }
    t = leaf(im, parent, name, &parent_name);
    if (t == NULL)
        return K_OTHER;
    start_leaf(im, t, name, parent_name);
    return K_LEAF;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    ssat_ctf_import *im = ud;
    (void)atts;
    progress(im);
    if (im->depth == CTF_DEPTH_MAX) {
        char max[24];
        (void)snprintf(max, sizeof max, "%d", CTF_DEPTH_MAX);
        const char *args[1] = {max};
        problem_here(im, "ctf.depth", args, 1, true);
        return;
    }
    uint8_t kind;
    if (im->depth == 0) {
        if (strcmp(name, "CTfile") != 0) {
            char text[IMPORT_TEXT_MAX];
            ssat__import_text_for_message(text, sizeof text, name, strlen(name));
            const char *args[1] = {text};
            problem_here(im, "ctf.root", args, 1, true);
            return;
        }
        kind = K_ROOT;
    } else {
        im->text = NULL; /* an element inside a leaf: mixed content is not read */
        kind = kind_of(im, im->stack[im->depth - 1], name);
    }
    im->stack[im->depth++] = kind;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    ssat_ctf_import *im = ud;
    (void)name;
    progress(im);
    if (im->depth == 0)
        return;
    uint8_t kind = im->stack[--im->depth];
    im->text = NULL;
    if (kind == K_PUPIL) {
        im->in_pupil = false;
        ssat_status st = ssat__ctf_pupil_apply(im);
        if (st != SSAT_OK)
            stop(im, st);
    }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    ssat_ctf_import *im = ud;
    progress(im);
    ssat__ctf_text *t = im->text;
    if (t == NULL || t->too_long)
        return;
    if (!t->has_text) {
        t->has_text = true;
        here(im, &t->tline, &t->tcolumn);
    }
    size_t n = (size_t)len;
    if (n > t->cap - t->len) {
        t->too_long = true;
        char max[24];
        (void)snprintf(max, sizeof max, "%zu", t->cap);
        const char *name = "";
        for (size_t i = 0; i < PT_COUNT; i++)
            name = t == &im->pupil->t[i] ? pupil_names[i] : name;
        for (size_t y = 0; y < CTF_YEARS_MAX && *name == '\0'; y++)
            for (size_t i = 0; i < YT_COUNT; i++)
                name = t == &im->pupil->years[y].t[i] ? year_names[i] : name;
        const char *args[2] = {name, max};
        ssat_status st = ssat__ctf_problem(im, "ctf.text_too_long", SSAT_SEVERITY_ERROR, t->line, t->column, args, 2);
        if (st != SSAT_OK)
            stop(im, st);
        return;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
}

static void XMLCALL on_comment(void *ud, const XML_Char *data)
{
    (void)data;
    progress(ud);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal_subset)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    problem_here(ud, "ctf.doctype", NULL, 0, true);
}

/* A parser that never reads a DTD, never declares or expands an entity and never fetches anything. */
static XML_Parser safe_parser(void *ud, XML_StartDoctypeDeclHandler doctype)
{
    XML_Parser p = XML_ParserCreate(NULL);
    if (p == NULL)
        return NULL;
    XML_SetUserData(p, ud);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(p, doctype);
    return p;
}

/* ---- feeding ------------------------------------------------------------------------------------- */

/* expat's own complaint (not well-formed, truncated, an encoding it does not know). */
static ssat_status xml_error(ssat_ctf_import *im)
{
    enum XML_Error code = XML_GetErrorCode(im->xml);
    im->stopped = true;
    if (code == XML_ERROR_ABORTED || code == XML_ERROR_NONE)
        return im->fail; /* we stopped it: the problem is listed already */
    const char *why = XML_ErrorString(code);
    const char *args[1] = {why != NULL ? why : "?"};
    return ssat__ctf_problem(im, "ctf.xml", SSAT_SEVERITY_ERROR, (uint32_t)XML_GetErrorLineNumber(im->xml),
                             (uint32_t)XML_GetErrorColumnNumber(im->xml) + 1, args, 1);
}

static ssat_status feed_piece(ssat_ctf_import *im, const char *data, size_t n, bool last)
{
    if (XML_Parse(im->xml, data, (int)n, last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK)
        return xml_error(im);
    im->fed += n;
    if (im->last_event >= 0 && im->fed - (uint64_t)im->last_event > CTF_MARKUP_MAX) {
        char max[24];
        (void)snprintf(max, sizeof max, "%zu", CTF_MARKUP_MAX);
        const char *args[1] = {max};
        uint32_t line, column;
        here(im, &line, &column);
        im->stopped = true;
        return ssat__ctf_problem(im, "ctf.markup_too_long", SSAT_SEVERITY_ERROR, line, column, args, 1);
    }
    return SSAT_OK;
}

/* ---- public API ---------------------------------------------------------------------------------- */

/* The bytes of every text buffer of one pupil (allocated once per import). */
static size_t texts_size(void)
{
    size_t per_year = (size_t)(YT_COUNT - 1) * CTF_TEXT_MAX + CTF_MARKS_MAX;
    return (size_t)PT_COUNT * CTF_TEXT_MAX + (size_t)CTF_YEARS_MAX * per_year;
}

static bool alloc_texts(ssat_ctf_import *im)
{
    size_t total = texts_size();
    im->pupil = ssat__calloc(&im->alloc, 1, sizeof *im->pupil);
    char *buf = ssat__malloc(&im->alloc, total);
    if (im->pupil == NULL || buf == NULL) {
        ssat__free(&im->alloc, buf, total);
        return false;
    }
    for (size_t i = 0; i < PT_COUNT; i++, buf += CTF_TEXT_MAX)
        im->pupil->t[i] = (ssat__ctf_text){.buf = buf, .cap = CTF_TEXT_MAX};
    for (size_t y = 0; y < CTF_YEARS_MAX; y++)
        for (size_t i = 0; i < YT_COUNT; i++) {
            size_t cap = i == YT_MARKS ? CTF_MARKS_MAX : CTF_TEXT_MAX;
            im->pupil->years[y].t[i] = (ssat__ctf_text){.buf = buf, .cap = cap};
            buf += cap;
        }
    return true;
}

static void free_texts(ssat_ctf_import *im)
{
    if (im->pupil == NULL)
        return;
    ssat__free(&im->alloc, im->pupil->t[0].buf, texts_size());
    ssat__free(&im->alloc, im->pupil, sizeof *im->pupil);
}

/* The one-character codes of the school's set as a table: the marks are read a byte at a time. */
static void code_tables(ssat_ctf_import *im)
{
    const ssat_codeset *codes = ssat__school_codes(im->target);
    for (size_t c = 0; c < 256; c++) {
        im->code_of[c] = c == '-' ? SSAT__ENTRY_MISSING : ssat__codeset_index_byte(codes, (unsigned char)c);
        im->fast_of[c] = c == '#' ? SSAT__ENTRY_NONE : im->code_of[c] == SSAT__NO_CODE ? CTF_SLOW : im->code_of[c];
    }
    for (size_t i = 0; i < ssat_codeset_count(codes) && i < 256; i++)
        im->category_of[i] = (uint8_t)ssat_codeset_at(codes, i)->category;
}

static ssat_status no_row(void *ctx, const ssat__csv_field *fields, size_t count)
{
    (void)ctx;
    (void)fields;
    (void)count;
    return SSAT_OK;
}

ssat_status ssat_ctf_import_new(ssat_school *school, const char *source, ssat_problems *problems,
                                ssat_ctf_import **out)
{
    static const char fn[] = "ssat_ctf_import_new";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (school == NULL)
        return ssat__null_arg(fn, "school");
    if (problems == NULL)
        return ssat__null_arg(fn, "problems");
    const ssat__alloc *a = ssat__codeset_alloc(ssat__school_codes(school));
    ssat_ctf_import *im = ssat__calloc(a, 1, sizeof *im);
    if (im == NULL)
        return ssat__nomem(fn);
    im->alloc = *a;
    im->target = school;
    im->last_event = 0;
    code_tables(im);
    im->source = ssat__import_source_copy(a, source);
    ssat__import_reader_init(&im->r, a, im->source, problems, no_row);
    uint32_t source_index;
    ssat_status st = im->source == NULL || !alloc_texts(im) ? ssat__nomem(fn)
                                                             : ssat_school_new(ssat__school_codes(school), &im->stage);
    if (st == SSAT_OK)
        st = ssat__school_add_source(im->stage, im->source, &source_index, fn);
    if (st == SSAT_OK) {
        XML_Parser p = safe_parser(im, on_doctype);
        im->xml = p;
        if (p == NULL) {
            st = ssat__nomem(fn);
        } else {
            XML_SetElementHandler(p, on_start, on_end);
            XML_SetCharacterDataHandler(p, on_text);
            XML_SetCommentHandler(p, on_comment);
        }
    }
    if (st == SSAT_OK && !ssat__school_begin_import(school))
        st = ssat__error(SSAT_ERR_STATE, "%s: argument 'school': another import into it is still open", fn);
    if (st != SSAT_OK) {
        ssat_ctf_import_free(im);
        return st == SSAT_ERR_NOMEM ? ssat__nomem(fn) : st;
    }
    im->open = true;
    *out = im;
    return SSAT_OK;
}

static ssat_status usable(const ssat_ctf_import *im, const char *fn)
{
    if (im == NULL)
        return ssat__null_arg(fn, "import");
    if (im->broken)
        return ssat__error(SSAT_ERR_STATE, "%s: an earlier call on this import failed; free it", fn);
    if (im->finished)
        return ssat__error(SSAT_ERR_STATE, "%s: the import is already finished", fn);
    return SSAT_OK;
}

static ssat_status break_import(ssat_ctf_import *im, ssat_status st, const char *fn)
{
    im->broken = true;
    ssat__import_reader_unlist(&im->r);
    return st == SSAT_ERR_NOMEM ? ssat__nomem(fn) : st;
}

ssat_status ssat_ctf_import_feed(ssat_ctf_import *import, const char *data, size_t len)
{
    static const char fn[] = "ssat_ctf_import_feed";
    ssat_status st = usable(import, fn);
    if (st != SSAT_OK)
        return st;
    if (data == NULL && len > 0)
        return ssat__null_arg(fn, "data");
    if (import->xml_done)
        return ssat__error(SSAT_ERR_STATE, "%s: the end of the file was already seen", fn);
    for (size_t off = 0; off < len && !import->stopped && st == SSAT_OK; off += FEED_PIECE)
        st = feed_piece(import, data + off, len - off < FEED_PIECE ? len - off : FEED_PIECE, false);
    return st == SSAT_OK ? SSAT_OK : break_import(import, st, fn);
}

static void close_import(ssat_ctf_import *im)
{
    ssat__import_close(im->target, &im->open);
}

/* The end of the document, and the note of problems past the listing limit. */
static ssat_status end_of_file(ssat_ctf_import *im)
{
    ssat_status st = SSAT_OK;
    if (!im->stopped)
        st = feed_piece(im, "", 0, true);
    if (st == SSAT_OK && im->r.unlisted > 0) {
        char more[24], max[24];
        (void)snprintf(more, sizeof more, "%zu", im->r.unlisted);
        (void)snprintf(max, sizeof max, "%d", SSAT_IMPORT_MAX_PROBLEMS);
        const char *args[2] = {more, max};
        ssat__problem_loc loc = {.source = im->r.source};
        st = ssat__problems_add(im->r.problems, "import.unlisted", SSAT_SEVERITY_WARNING, &loc, args, 2);
        if (st == SSAT_OK)
            im->r.listed++;
    }
    return st;
}

ssat_status ssat_ctf_import_finish(ssat_ctf_import *import, size_t *pupils_out)
{
    static const char fn[] = "ssat_ctf_import_finish";
    if (pupils_out != NULL)
        *pupils_out = 0;
    ssat_status st = usable(import, fn);
    if (st != SSAT_OK)
        return st;
    if (!import->xml_done) {
        st = end_of_file(import);
        if (st != SSAT_OK)
            return break_import(import, st, fn);
        import->xml_done = true;
    }
    st = ssat__import_commit_close(&import->r, import->target, import->stage, &import->open, &import->finished, fn);
    if (st != SSAT_OK)
        return st;
    if (pupils_out != NULL)
        *pupils_out = import->pupils;
    return SSAT_OK;
}

void ssat_ctf_import_free(ssat_ctf_import *import)
{
    if (import == NULL)
        return;
    ssat__alloc a = import->alloc;
    close_import(import);
    if (import->xml != NULL)
        XML_ParserFree(import->xml);
    free_texts(import);
    ssat__import_reader_free(&import->r);
    ssat_school_free(import->stage);
    ssat__free_str(&a, import->source);
    ssat__free(&a, import, sizeof *import);
}

/* ---- the code set of a file ---------------------------------------------------------------------- */

typedef struct sniff {
    XML_Parser xml;
    size_t depth;
    bool in_parent; /* the current element's parent is SourceSchool or YearData */
    bool in_lea, bad, found;
    char text[16];
    size_t len;
    const char *parent_names[CTF_DEPTH_MAX];
} sniff;

static void XMLCALL sniff_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sniff *s = ud;
    (void)atts;
    if (s->depth == CTF_DEPTH_MAX || (s->depth == 0 && strcmp(name, "CTfile") != 0)) {
        s->bad = true;
        (void)XML_StopParser(s->xml, XML_FALSE);
        return;
    }
    const char *parent = s->depth > 0 ? s->parent_names[s->depth - 1] : "";
    s->in_lea = strcmp(name, "LEA") == 0 && (strcmp(parent, "SourceSchool") == 0 || strcmp(parent, "YearData") == 0);
    s->len = 0;
    s->parent_names[s->depth++] = strcmp(name, "SourceSchool") == 0 ? "SourceSchool"
                                  : strcmp(name, "YearData") == 0   ? "YearData"
                                                                    : "";
}

static void XMLCALL sniff_end(void *ud, const XML_Char *name)
{
    sniff *s = ud;
    (void)name;
    s->depth--;
    if (s->in_lea && s->len > 0) {
        s->found = true;
        (void)XML_StopParser(s->xml, XML_FALSE);
    }
    s->in_lea = false;
}

static void XMLCALL sniff_text(void *ud, const XML_Char *t, int len)
{
    sniff *s = ud;
    for (int i = 0; s->in_lea && i < len; i++)
        if (t[i] != ' ' && t[i] != '\n' && t[i] != '\t' && t[i] != '\r' && s->len < sizeof s->text - 1)
            s->text[s->len++] = t[i];
}

static void XMLCALL sniff_doctype(void *ud, const XML_Char *n, const XML_Char *sy, const XML_Char *pu, int sub)
{
    sniff *s = ud;
    (void)n;
    (void)sy;
    (void)pu;
    (void)sub;
    s->bad = true;
    (void)XML_StopParser(s->xml, XML_FALSE);
}

ssat_status ssat_ctf_code_set(const char *data, size_t len, const char **out)
{
    static const char fn[] = "ssat_ctf_code_set";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (data == NULL && len > 0)
        return ssat__null_arg(fn, "data");
    sniff s;
    memset(&s, 0, sizeof s);
    s.xml = safe_parser(&s, sniff_doctype);
    if (s.xml == NULL)
        return ssat__nomem(fn);
    XML_SetElementHandler(s.xml, sniff_start, sniff_end);
    XML_SetCharacterDataHandler(s.xml, sniff_text);
    size_t n = len > INT32_MAX ? INT32_MAX : len;
    enum XML_Status xs = XML_Parse(s.xml, data, (int)n, XML_FALSE);
    bool aborted = xs == XML_STATUS_ERROR && XML_GetErrorCode(s.xml) == XML_ERROR_ABORTED;
    XML_ParserFree(s.xml);
    if (s.bad || (xs == XML_STATUS_ERROR && !aborted))
        return ssat__error(SSAT_ERR_PARSE, "%s: the data is not the start of a Common Transfer File (CTfile)", fn);
    if (!s.found)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: no LEA of the source school or of a YearData in the data", fn);
    *out = ssat__ctf_lea_welsh(s.text, s.len) ? "wales-2010" : "england-2024";
    return SSAT_OK;
}

int32_t ssat_ctf_detect(const char *data, size_t len)
{
    if (data == NULL)
        return 0;
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    return i < len && data[i] == '<';
}
