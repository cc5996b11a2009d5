/* Problem lists. Each problem is one allocation holding the public struct and its strings, and the list
 * holds pointers to them, so a problem handed out by ssat_problems_at() never moves while more are
 * appended (problems.h promises validity until the list is cleared or freed). */
#include "core_layer.h"

#include <stdio.h>

#define PROBLEM_MAX_ARGS 9 /* templates address {1}..{9} */
#define PREFIX_MAX 320      /* "source:line:column: "; a longer source name is cut */

typedef struct problem_block {
    size_t size;      /* bytes of this allocation, for the allocator's free */
    ssat_problem pub; /* what callers see; its strings point into text */
    char text[];      /* field \0, message_cy \n message_en \0, message_cy \0: the middle part is the
                       * bilingual message (SSAT_LANG_CY_EN) and ends where message_en ends */
} problem_block;

struct ssat_problems {
    ssat__alloc alloc;
    problem_block **items;
    size_t count, cap;
    size_t errors; /* problems of severity error, kept so error_count is O(1) */
};

ssat_status ssat_problems_new(ssat_problems **out, const ssat_allocator *alloc)
{
    void *list = NULL;
    ssat_status st =
        ssat__root_new(alloc, sizeof(ssat_problems), offsetof(ssat_problems, alloc), out != NULL, "ssat_problems_new", &list);
    if (out != NULL)
        *out = list;
    return st;
}

void ssat__problems_truncate(ssat_problems *list, size_t count)
{
    if (list == NULL)
        return;
    while (list->count > count) {
        problem_block *b = list->items[--list->count];
        if (b->pub.severity == SSAT_SEVERITY_ERROR)
            list->errors--;
        ssat__free(&list->alloc, b, b->size);
    }
}

void ssat_problems_clear(ssat_problems *problems)
{
    ssat__problems_truncate(problems, 0);
}

void ssat_problems_free(ssat_problems *problems)
{
    if (problems == NULL)
        return;
    ssat_problems_clear(problems);
    ssat__alloc a = problems->alloc;
    ssat__free(&a, problems->items, problems->cap * sizeof *problems->items);
    ssat__free(&a, problems, sizeof *problems);
}

size_t ssat_problems_count(const ssat_problems *problems)
{
    return problems != NULL ? problems->count : 0;
}

size_t ssat_problems_error_count(const ssat_problems *problems)
{
    return problems != NULL ? problems->errors : 0;
}

const ssat_problem *ssat_problems_at(const ssat_problems *problems, size_t index)
{
    if (problems == NULL || index >= problems->count)
        return NULL;
    return &problems->items[index]->pub;
}

const ssat_problem *ssat_problems_get(const ssat_problems *problems, size_t index)
{
    return ssat_problems_at(problems, index);
}

const char *ssat_problem_message(const ssat_problem *problem, ssat_lang lang)
{
    if (problem == NULL)
        return "";
    switch (lang) {
    case SSAT_LANG_EN: return problem->message_en;
    case SSAT_LANG_CY: return problem->message_cy;
    case SSAT_LANG_CY_EN: return problem->message_en - strlen(problem->message_cy) - 1;
    }
    return "";
}

/* ---- internal: appending ------------------------------------------------------------------------- */

/* The arguments a template sees in one language: for a problem located at a session, the date and the
 * session's name come first (po/libssat.pot explains the convention), then the caller's. */
typedef struct message_args {
    const char *v[PROBLEM_MAX_ARGS];
    size_t n;
} message_args;

static void build_args(message_args *out, const ssat__problem_loc *loc, const char *date_text, ssat_lang lang,
                       const char *const *args, size_t nargs)
{
    out->n = 0;
    if (loc != NULL && loc->has_session) {
        const char *session = ssat__message_template(loc->half == SSAT_PM ? "session.pm" : "session.am", lang);
        out->v[out->n++] = date_text;
        out->v[out->n++] = session != NULL ? session : "";
    }
    for (size_t i = 0; i < nargs && out->n < PROBLEM_MAX_ARGS; i++)
        out->v[out->n++] = args[i] != NULL ? args[i] : "";
}

/* The template of `id`, or the id itself so that a problem is never without a message. */
static const char *template_or_id(const char *id, ssat_lang lang)
{
    const char *t = ssat__message_template(id, lang);
    return t != NULL ? t : id;
}

static void fill_location(ssat_problem *p, const ssat__problem_loc *loc)
{
    if (loc == NULL)
        return;
    p->line = loc->line;
    p->column = loc->column;
    p->has_session = loc->has_session ? 1 : 0;
    if (p->has_session) {
        p->date = loc->date;
        p->half = loc->half;
    }
}

/* "source:line:column: " for a problem located in a named input, else "". */
static void location_prefix(char *buf, size_t cap, const ssat__problem_loc *loc)
{
    buf[0] = '\0';
    if (loc == NULL || loc->source == NULL)
        return;
    if (loc->line == 0)
        (void)snprintf(buf, cap, "%s: ", loc->source);
    else if (loc->column == 0)
        (void)snprintf(buf, cap, "%s:%lu: ", loc->source, (unsigned long)loc->line);
    else
        (void)snprintf(buf, cap, "%s:%lu:%lu: ", loc->source, (unsigned long)loc->line, (unsigned long)loc->column);
}

ssat_status ssat__problems_add(ssat_problems *list, const char *id, ssat_severity severity,
                               const ssat__problem_loc *loc, const char *const *args, size_t nargs)
{
    return ssat__problems_add_lang(list, id, severity, loc, args, args, nargs);
}

ssat_status ssat__problems_add_lang(ssat_problems *list, const char *id, ssat_severity severity,
                                    const ssat__problem_loc *loc, const char *const *args_en,
                                    const char *const *args_cy, size_t nargs)
{
    /* A session's date is prose: in words in each language ("2 September 2024", "2 Medi 2024"). */
    ssat__text date_en = {"0000-00-00"}, date_cy = {"0000-00-00"};
    char prefix[PREFIX_MAX];
    if (loc != NULL && loc->has_session) {
        date_en = ssat__text_date_long(loc->date, SSAT_LANG_EN);
        date_cy = ssat__text_date_long(loc->date, SSAT_LANG_CY);
    }
    location_prefix(prefix, sizeof prefix, loc);
    message_args en, cy;
    build_args(&en, loc, date_en.s, SSAT_LANG_EN, args_en, nargs);
    build_args(&cy, loc, date_cy.s, SSAT_LANG_CY, args_cy, nargs);
    const char *t_en = template_or_id(id, SSAT_LANG_EN), *t_cy = template_or_id(id, SSAT_LANG_CY);
    const char *field = loc != NULL && loc->field != NULL ? loc->field : "";

    size_t n_prefix = strlen(prefix);
    size_t n_field = strlen(field) + 1;
    size_t n_en = n_prefix + ssat__message_render(NULL, 0, t_en, en.v, en.n) + 1;
    size_t n_cy = n_prefix + ssat__message_render(NULL, 0, t_cy, cy.v, cy.n) + 1;
    size_t size = sizeof(problem_block) + n_field + n_cy + n_en + n_cy;

    /* Grow the index first: if the block allocation then fails, the list still holds the same problems. */
    if (!ssat__grow(&list->alloc, (void **)&list->items, &list->cap, list->count + 1, sizeof *list->items))
        return ssat__nomem("ssat__problems_add");
    problem_block *b = ssat__calloc(&list->alloc, 1, size);
    if (b == NULL)
        return ssat__nomem("ssat__problems_add");
    b->size = size;
    char *f = b->text, *both = f + n_field, *m_en = both + n_cy, *m_cy = m_en + n_en;
    memcpy(f, field, n_field);
    /* The prefix is followed by the rendered message, which NUL-terminates both texts. */
    memcpy(m_en, prefix, n_prefix); // NOLINT(bugprone-not-null-terminated-result)
    memcpy(m_cy, prefix, n_prefix); // NOLINT(bugprone-not-null-terminated-result)
    ssat__message_render(m_en + n_prefix, n_en - n_prefix, t_en, en.v, en.n);
    ssat__message_render(m_cy + n_prefix, n_cy - n_prefix, t_cy, cy.v, cy.n);
    memcpy(both, m_cy, n_cy - 1);
    both[n_cy - 1] = '\n';
    b->pub.id = id;
    b->pub.severity = severity;
    b->pub.field = f;
    b->pub.message_en = m_en;
    b->pub.message_cy = m_cy;
    fill_location(&b->pub, loc);
    list->items[list->count++] = b;
    if (severity == SSAT_SEVERITY_ERROR)
        list->errors++;
    return SSAT_OK;
}
