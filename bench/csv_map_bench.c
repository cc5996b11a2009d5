/* The cost of reading an MIS export through a CSV map (issue 19): the same long register imported from
 * memory as libssat's own layout and as an export (its own column names, dd/mm/yyyy dates,
 * Morning/Afternoon, local codes through a code map), best of REPEAT each, in MB/s and rows/s.
 *
 *     csv_map_bench PLAIN.csv MAPPED.csv CODES.csv COLUMNS [REPEAT]
 *
 * bench/make_csv_map_bench.py writes the three files from the sample school. */
#define _POSIX_C_SOURCE 200809L
#define BENCH_NAME "csv_map_bench"
#include "bench.h"
#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK ((size_t)1 << 20)

/* One import from memory; its time in seconds. */
static double run(const char *data, size_t len, const ssat_csv_map *map, size_t *rows)
{
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    ssat_problems *problems = NULL;
    ssat_import *im = NULL;
    BENCH_CHECK(ssat_codeset_builtin("wales-2010", NULL, &codes), "codes");
    BENCH_CHECK(ssat_school_new(codes, &school), "school");
    BENCH_CHECK(ssat_problems_new(&problems, NULL), "problems");
    double t0 = bench_now();
    BENCH_CHECK(ssat_import_new(school, SSAT_CSV_LONG, "bench.csv", problems, &im), "import");
    if (map != NULL)
        BENCH_CHECK(ssat_import_set_map(im, map), "map");
    for (size_t off = 0; off < len; off += CHUNK)
        BENCH_CHECK(ssat_import_feed(im, data + off, len - off < CHUNK ? len - off : CHUNK), "feed");
    BENCH_CHECK(ssat_import_finish(im, rows), "finish");
    double dt = bench_now() - t0;
    ssat_import_free(im);
    ssat_problems_free(problems);
    ssat_school_free(school);
    ssat_codeset_free(codes);
    return dt;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: csv_map_bench PLAIN.csv MAPPED.csv CODES.csv COLUMNS [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 5 ? atoi(argv[5]) : 5;
    size_t plain_len, mapped_len, codes_len;
    char *plain = bench_slurp(argv[1], &plain_len), *mapped = bench_slurp(argv[2], &mapped_len);
    char *codes = bench_slurp(argv[3], &codes_len);
    ssat_csv_map *map = NULL;
    ssat_problems *problems = NULL;
    BENCH_CHECK(ssat_csv_map_new(NULL, &map), "map");
    BENCH_CHECK(ssat_problems_new(&problems, NULL), "problems");
    BENCH_CHECK(ssat_csv_map_set_columns(map, argv[4]), "columns");
    BENCH_CHECK(ssat_csv_map_set_date_format(map, "dd/mm/yyyy"), "date format");
    BENCH_CHECK(ssat_csv_map_load_codes(map, codes, codes_len, argv[3], problems), "code map");
    double best_plain = 1e30, best_mapped = 1e30;
    size_t rows_plain = 0, rows_mapped = 0;
    for (int r = 0; r < repeat; r++) { /* interleaved, so that a busy moment hits both */
        double a = run(plain, plain_len, NULL, &rows_plain), b = run(mapped, mapped_len, map, &rows_mapped);
        best_plain = a < best_plain ? a : best_plain;
        best_mapped = b < best_mapped ? b : best_mapped;
    }
    printf("plain : %zu rows, %.1f MB, best of %d %.3f s: %.1f MB/s, %.2f M rows/s\n", rows_plain,
           (double)plain_len / 1e6, repeat, best_plain, (double)plain_len / 1e6 / best_plain,
           (double)rows_plain / 1e6 / best_plain);
    printf("mapped: %zu rows, %.1f MB, best of %d %.3f s: %.1f MB/s, %.2f M rows/s\n", rows_mapped,
           (double)mapped_len / 1e6, repeat, best_mapped, (double)mapped_len / 1e6 / best_mapped,
           (double)rows_mapped / 1e6 / best_mapped);
    printf("mapped/plain time per row: %.3f\n", (best_mapped / (double)rows_mapped) / (best_plain / (double)rows_plain));
    ssat_problems_free(problems);
    ssat_csv_map_free(map);
    free(plain);
    free(mapped);
    free(codes);
    return 0;
}
