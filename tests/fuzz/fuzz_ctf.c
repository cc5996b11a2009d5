/* Common Transfer Files from outside data (ssat_ctf_import_*): the first byte chooses the code set, the
 * second where the input is split into two chunks; the rest is the file. Whatever the bytes: the import
 * commits everything or leaves the school as it was, a chunked feed gives the same answer as a single
 * one, every imported register evaluates (possible = attended + authorised + unauthorised), and the
 * code-set sniffing and detection never fail on bytes they do not like. */
#include "import_checks.h"

static ssat_status import(const ssat_codeset *codes, const char *data, size_t size, size_t split,
                          ssat_school **school_out, size_t *problems_out)
{
    ssat_school *school = NULL;
    ssat_problems *problems = NULL;
    ssat_ctf_import *imp = NULL;
    fuzz_import_start(codes, &school, &problems);
    FUZZ_CHECK(ssat_ctf_import_new(school, "fuzz.xml", problems, &imp) == SSAT_OK);
    FUZZ_CHECK(ssat_ctf_import_feed(imp, data, split) == SSAT_OK);
    FUZZ_CHECK(ssat_ctf_import_feed(imp, data + split, size - split) == SSAT_OK);
    ssat_status st = ssat_ctf_import_finish(imp, NULL);
    fuzz_import_outcome(st, school, problems);
    for (size_t i = 0; i < ssat_problems_count(problems); i++)
        FUZZ_CHECK(ssat_problems_at(problems, i)->message_cy[0] != '\0');
    *problems_out = ssat_problems_count(problems);
    ssat_ctf_import_free(imp);
    ssat_problems_free(problems);
    *school_out = school;
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const char *file = (const char *)data + 2;
    size_t len = size - 2, split = len == 0 ? 0 : data[1] % (len + 1);
    ssat_codeset *codes = NULL;
    FUZZ_CHECK(ssat_codeset_builtin((data[0] & 1) ? "england-2024" : "wales-2010", NULL, &codes) == SSAT_OK);
    ssat_school *a = NULL, *b = NULL;
    size_t pa = 0, pb = 0;
    ssat_status sa = import(codes, file, len, split, &a, &pa);
    ssat_status sb = import(codes, file, len, len, &b, &pb);
    fuzz_same_schools(sa, sb, pa, pb, a, b);
    const char *set = NULL;
    ssat_status sc = ssat_ctf_code_set(file, len, &set);
    FUZZ_CHECK(sc == SSAT_OK ? set != NULL : (sc == SSAT_ERR_PARSE || sc == SSAT_ERR_NOT_FOUND) && set == NULL);
    FUZZ_CHECK(ssat_ctf_detect(file, len) == 0 || ssat_ctf_detect(file, len) == 1);
    ssat_school_free(b);
    ssat_school_free(a);
    ssat_codeset_free(codes);
    return 0;
}
