/* csv_bench: how fast libssat's CSV tokenizer (lib/core/csv.c) reads a file, against Debian's libcsv on the
 * same bytes, and how fast a whole long-layout register import is (tokenizer, pupils, dates, codes,
 * registers). Not a test: a measurement, for docs/performance.md, "CSV parser".
 *
 *   csv_bench FILE [REPEAT]
 *
 * The file is read into memory first and fed in 64 KiB chunks, so the numbers are parsing, not disk.
 * Each measurement is repeated (default 3 times) and the best run is reported, in MB/s (10^6 bytes). */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "core_layer.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CHUNK 65536

typedef struct counts {
    uint64_t rows, fields, bytes;
} counts;

/* ---- libssat's tokenizer -------------------------------------------------------------------------- */

static ssat_status own_row(void *ctx, const ssat__csv_field *f, size_t n)
{
    counts *c = ctx;
    c->rows++;
    c->fields += n;
    for (size_t i = 0; i < n; i++)
        c->bytes += f[i].len; /* touch what a consumer would use */
    return SSAT_OK;
}

static ssat_status own_issue(void *ctx, ssat__csv_issue issue, uint32_t line, uint32_t column)
{
    (void)ctx;
    fprintf(stderr, "issue %d at %u:%u\n", (int)issue, (unsigned)line, (unsigned)column);
    return SSAT_OK;
}

static int run_own(const char *data, size_t len, counts *c)
{
    ssat__alloc a;
    ssat__csv csv;
    ssat__csv_handler h = {own_row, own_issue, c};
    if (ssat__alloc_resolve(&a, NULL, "bench") != SSAT_OK)
        return 1;
    ssat__csv_init(&csv, &a, &h);
    ssat_status st = SSAT_OK;
    for (size_t off = 0; off < len && st == SSAT_OK; off += CHUNK)
        st = ssat__csv_feed(&csv, data + off, len - off < CHUNK ? len - off : CHUNK);
    if (st == SSAT_OK)
        st = ssat__csv_finish(&csv);
    ssat__csv_free(&csv);
    return st != SSAT_OK;
}

/* ---- libcsv --------------------------------------------------------------------------------------- */

static void libcsv_field(void *s, size_t len, void *ctx)
{
    counts *c = ctx;
    (void)s;
    c->fields++;
    c->bytes += len;
}

static void libcsv_row(int terminator, void *ctx)
{
    counts *c = ctx;
    (void)terminator;
    c->rows++;
}

static int run_libcsv(const char *data, size_t len, counts *c, unsigned char options)
{
    struct csv_parser p;
    if (csv_init(&p, options) != 0)
        return 1;
    int failed = 0;
    for (size_t off = 0; off < len && !failed; off += CHUNK) {
        size_t n = len - off < CHUNK ? len - off : CHUNK;
        failed = csv_parse(&p, data + off, n, libcsv_field, libcsv_row, c) != n;
    }
    failed = failed || csv_fini(&p, libcsv_field, libcsv_row, c) != 0;
    csv_free(&p);
    return failed;
}

/* ---- a whole import ------------------------------------------------------------------------------- */

static int run_import(const char *data, size_t len, counts *c)
{
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    ssat_problems *problems = NULL;
    ssat_import *im = NULL;
    size_t rows = 0;
    int failed = ssat_codeset_builtin(NULL, NULL, &codes) != SSAT_OK || ssat_school_new(codes, &school) != SSAT_OK ||
                 ssat_problems_new(&problems, NULL) != SSAT_OK ||
                 ssat_import_new(school, SSAT_CSV_LONG, "bench", problems, &im) != SSAT_OK;
    for (size_t off = 0; off < len && !failed; off += CHUNK)
        failed = ssat_import_feed(im, data + off, len - off < CHUNK ? len - off : CHUNK) != SSAT_OK;
    failed = failed || ssat_import_finish(im, &rows) != SSAT_OK;
    if (failed)
        fprintf(stderr, "import: %s\n", ssat_error_message());
    c->rows = rows;
    c->fields = ssat_school_count(school);
    ssat_import_free(im);
    ssat_problems_free(problems);
    ssat_school_free(school);
    ssat_codeset_free(codes);
    return failed;
}

/* ---- driver --------------------------------------------------------------------------------------- */

typedef int (*bench_fn)(const char *data, size_t len, counts *c, unsigned char options);

static int own_adapter(const char *d, size_t n, counts *c, unsigned char o)
{
    (void)o;
    return run_own(d, n, c);
}

static int import_adapter(const char *d, size_t n, counts *c, unsigned char o)
{
    (void)o;
    return run_import(d, n, c);
}

static void measure(const char *name, bench_fn fn, unsigned char options, const char *data, size_t len, int repeat)
{
    double best = 0;
    counts c = {0};
    for (int r = 0; r < repeat; r++) {
        memset(&c, 0, sizeof c);
        double t0 = bench_now();
        if (fn(data, len, &c, options) != 0) {
            printf("%-34s failed\n", name);
            return;
        }
        double t = bench_now() - t0;
        best = r == 0 || t < best ? t : best;
    }
    printf("%-34s %8.1f MB/s  %7.3f s  %llu rows, %llu fields\n", name, (double)len / 1e6 / best, best,
           (unsigned long long)c.rows, (unsigned long long)c.fields);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [REPEAT]\n", argv[0]);
        return 2;
    }
    int repeat = argc > 2 ? atoi(argv[2]) : 3;
    size_t len = 0;
    char *data = bench_slurp(argv[1], &len);
    if (data == NULL)
        return 1;
    printf("%s: %.1f MB, best of %d runs\n", argv[1], (double)len / 1e6, repeat);
    measure("libssat tokenizer (lib/core/csv.c)", own_adapter, 0, data, len, repeat);
    measure("libcsv 3.0.3 (default options)", run_libcsv, 0, data, len, repeat);
    measure("libcsv 3.0.3 (CSV_STRICT)", run_libcsv, CSV_STRICT | CSV_STRICT_FINI, data, len, repeat);
    measure("libssat long import (whole)", import_adapter, 0, data, len, repeat);
    free(data);
    return 0;
}
