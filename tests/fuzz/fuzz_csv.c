/* CSV imports from outside data (ssat_import_*): the first byte chooses the layout (auto, long, wide,
 * pupils), the code set and whether a CSV map (dd/mm/yyyy dates, local codes) reads the file, the
 * second where the input is split into two chunks; the rest is the file.
 * Whatever the bytes: the import either commits everything or leaves the school exactly as it was, a
 * chunked feed gives the same answer as a single one, and every imported register evaluates. */
#include "import_checks.h"

/* Import `data` into a fresh school in two chunks split at `split`; returns the finish status. */
static ssat_status import(const ssat_codeset *codes, const ssat_csv_map *map, ssat_csv_kind kind, const char *data,
                          size_t size, size_t split, ssat_school **school_out, size_t *problems_out)
{
    ssat_school *school = NULL;
    ssat_problems *problems = NULL;
    ssat_import *imp = NULL;
    fuzz_import_start(codes, &school, &problems);
    FUZZ_CHECK(ssat_import_new(school, kind, "fuzz.csv", problems, &imp) == SSAT_OK);
    FUZZ_CHECK(ssat_import_set_map(imp, map) == SSAT_OK);
    FUZZ_CHECK(ssat_import_feed(imp, data, split) == SSAT_OK);
    FUZZ_CHECK(ssat_import_feed(imp, data + split, size - split) == SSAT_OK);
    ssat_status st = ssat_import_finish(imp, NULL);
    fuzz_import_outcome(st, school, problems);
    *problems_out = ssat_problems_count(problems);
    ssat_import_free(imp);
    ssat_problems_free(problems);
    *school_out = school;
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const ssat_csv_kind kinds[] = {SSAT_CSV_AUTO, SSAT_CSV_LONG, SSAT_CSV_WIDE, SSAT_CSV_PUPILS};
    ssat_csv_kind kind = kinds[data[0] & 3];
    const char *file = (const char *)data + 2;
    size_t len = size - 2, split = len == 0 ? 0 : data[1] % (len + 1);
    ssat_codeset *codes = NULL;
    FUZZ_CHECK(ssat_codeset_builtin((data[0] & 4) ? "england-2024" : "wales-2010", NULL, &codes) == SSAT_OK);
    ssat_csv_map *map = NULL;
    if (data[0] & 8) {
        static const char local[] = "local,statutory\ni,I\nill,I\no,O\n";
        ssat_problems *mp = NULL;
        FUZZ_CHECK(ssat_problems_new(&mp, NULL) == SSAT_OK && ssat_csv_map_new(NULL, &map) == SSAT_OK);
        FUZZ_CHECK(ssat_csv_map_set_date_format(map, "dd/mm/yyyy") == SSAT_OK);
        FUZZ_CHECK(ssat_csv_map_load_codes(map, local, sizeof local - 1, "codes.csv", mp) == SSAT_OK);
        ssat_problems_free(mp);
    }
    ssat_school *a = NULL, *b = NULL;
    size_t pa = 0, pb = 0;
    ssat_status sa = import(codes, map, kind, file, len, split, &a, &pa);
    ssat_status sb = import(codes, map, kind, file, len, len, &b, &pb);
    fuzz_same_schools(sa, sb, pa, pb, a, b);
    ssat_school_free(b);
    ssat_school_free(a);
    ssat_csv_map_free(map);
    ssat_codeset_free(codes);
    return 0;
}
