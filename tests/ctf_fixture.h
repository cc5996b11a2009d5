/* What the CTF tests share (test_ctf.c, test_ctf_pupil.c): a school, a CTF import cut into chunks of
 * any size, and the problems as "id@line:column" lines to compare. */
#ifndef SSAT_TEST_CTF_FIXTURE_H
#define SSAT_TEST_CTF_FIXTURE_H

#include "support.h"

#include <stdio.h>
#include <stdlib.h>

static inline ssat_school *ctf_school(const char *set)
{
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    assert_ok(ssat_codeset_builtin(set, NULL, &codes));
    assert_ok(ssat_school_new(codes, &school));
    ssat_codeset_free(codes);
    return school;
}

/* Import `len` bytes of `text` in chunks of `chunk` bytes (0: one chunk); the finish status. */
static inline ssat_status ctf_import_chunked(ssat_school *school, const char *text, size_t len, size_t chunk,
                                             ssat_problems *problems, size_t *pupils)
{
    ssat_ctf_import *im = NULL;
    ssat_status st = ssat_ctf_import_new(school, "t.xml", problems, &im);
    if (st != SSAT_OK)
        return st;
    if (chunk == 0)
        chunk = len > 0 ? len : 1;
    for (size_t off = 0; off < len && st == SSAT_OK; off += chunk)
        st = ssat_ctf_import_feed(im, text + off, len - off < chunk ? len - off : chunk);
    if (st == SSAT_OK)
        st = ssat_ctf_import_finish(im, pupils);
    ssat_ctf_import_free(im);
    return st;
}

static inline ssat_status ctf_import(ssat_school *school, const char *text, ssat_problems *problems)
{
    return ctf_import_chunked(school, text, strlen(text), 0, problems, NULL);
}

/* "id@line:column" per problem, one a line (the caller frees). */
static inline char *ctf_problems(const ssat_problems *problems)
{
    size_t cap = 1 << 16, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    s[0] = '\0';
    for (size_t i = 0; i < ssat_problems_count(problems) && len < cap - 128; i++) {
        const ssat_problem *p = ssat_problems_at(problems, i);
        len += (size_t)snprintf(s + len, cap - len, "%s@%u:%u\n", p->id, (unsigned)p->line, (unsigned)p->column);
    }
    return s;
}

/* Import and compare the problem list with `want`; the finish status is returned. */
static inline ssat_status ctf_expect(ssat_school *school, const char *text, const char *want)
{
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    ssat_status st = ctf_import(school, text, problems);
    char *got = ctf_problems(problems);
    if (strcmp(got, want) != 0) {
        for (size_t i = 0; i < ssat_problems_count(problems); i++)
            fprintf(stderr, "  %s\n", ssat_problems_at(problems, i)->message_en);
    }
    assert_string_equal(got, want);
    free(got);
    ssat_problems_free(problems);
    return st;
}

/* A Welsh file around one Pupil's inner XML ("<Pupil>" is on line 3). */
#define CTF_HEAD "<?xml version=\"1.0\"?>\n<CTfile><Header><SourceSchool><LEA>669</LEA></SourceSchool></Header><CTFpupilData>\n"
#define CTF_TAIL "</CTFpupilData></CTfile>\n"
#define CTF_PUPIL(inner) CTF_HEAD "<Pupil>" inner "</Pupil>\n" CTF_TAIL
/* Valid UPNs (check letter computed as the DfE defines it). */
#define UPN1 "Q669400124000"
#define UPN2 "E669400124001"
#define UPN_EN "L201300124001"

#endif /* SSAT_TEST_CTF_FIXTURE_H */
