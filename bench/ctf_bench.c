/* CTF import speed and memory (issue 19): ssat_ctf_import_* on one file.
 *
 *     ctf_bench FILE.xml [REPEAT]
 *
 * 1. Streams the file from disk in 1 MiB chunks into a Welsh school, as the ssat tool does, and prints
 *    the process's peak resident memory next to what the registers hold (one byte per session of each
 *    register's span): the rest is the fixed cost of the reader, whatever the file's size.
 * 2. Imports the file from memory REPEAT times (default 3) and prints the best time in MB/s (the parser
 *    and the import, not the disk), by the wall clock and by the process's CPU time (steadier when other
 *    work shares the cores).
 * Make FILE with examples/data/generate_ctf.py --copies N (N = 100: 100,000 pupils, 131 MB). */
#define _POSIX_C_SOURCE 200809L
#define BENCH_NAME "ctf_bench"
#include "bench.h"
#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define CHUNK ((size_t)1 << 20)

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static ssat_school *new_school(void)
{
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    if (ssat_codeset_builtin("wales-2010", NULL, &codes) != SSAT_OK || ssat_school_new(codes, &school) != SSAT_OK)
        exit(1);
    ssat_codeset_free(codes);
    return school;
}

/* Import from `f` (streamed) or from `data` (in memory); the pupils read. */
static size_t import(ssat_school *school, FILE *f, const char *data, size_t len)
{
    ssat_problems *problems = NULL;
    ssat_ctf_import *im = NULL;
    BENCH_CHECK(ssat_problems_new(&problems, NULL), "problems");
    BENCH_CHECK(ssat_ctf_import_new(school, "bench.xml", problems, &im), "import");
    if (f != NULL) {
        char *buf = malloc(CHUNK);
        size_t n;
        while (buf != NULL && (n = fread(buf, 1, CHUNK, f)) > 0)
            BENCH_CHECK(ssat_ctf_import_feed(im, buf, n), "feed");
        free(buf);
    } else {
        for (size_t off = 0; off < len; off += CHUNK)
            BENCH_CHECK(ssat_ctf_import_feed(im, data + off, len - off < CHUNK ? len - off : CHUNK), "feed");
    }
    size_t pupils = 0;
    BENCH_CHECK(ssat_ctf_import_finish(im, &pupils), "finish");
    ssat_ctf_import_free(im);
    ssat_problems_free(problems);
    return pupils;
}

static uint64_t register_bytes(const ssat_school *school)
{
    uint64_t sessions = 0;
    for (size_t i = 0; i < ssat_school_count(school); i++) {
        ssat_window w;
        if (ssat_register_span(ssat_school_register(school, i), &w) == SSAT_OK)
            sessions += (uint64_t)(w.last_date - w.first_date + 1) * 2;
    }
    return sessions;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ctf_bench FILE.xml [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 2 ? atoi(argv[2]) : 3;
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    long before = peak_kib();
    ssat_school *school = new_school();
    size_t pupils = import(school, f, NULL, 0);
    long streamed = peak_kib();
    uint64_t regs = register_bytes(school);
    ssat_school_free(school);
    fseek(f, 0, SEEK_END);
    size_t len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    printf("file: %.1f MB, %zu pupils\n", (double)len / 1e6, pupils);
    printf("streamed from disk: peak RSS %.1f MB (%.1f MB before), registers %.1f MB (one byte per session): "
           "%.1f MB besides\n",
           (double)streamed / 1024.0, (double)before / 1024.0, (double)regs / 1e6,
           (double)streamed / 1024.0 - (double)before / 1024.0 - (double)regs / 1e6);
    char *data = malloc(len);
    if (data == NULL || fread(data, 1, len, f) != len)
        return 1;
    fclose(f);
    double best = 1e30, best_cpu = 1e30;
    for (int r = 0; r < repeat; r++) {
        school = new_school();
        double t0 = bench_now(), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        (void)import(school, NULL, data, len);
        double dt = bench_now() - t0, dc = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
        best = dt < best ? dt : best;
        best_cpu = dc < best_cpu ? dc : best_cpu;
        ssat_school_free(school);
    }
    printf("from memory: best of %d %.3f s, %.1f MB/s\n", repeat, best, (double)len / 1e6 / best);
    /* On a loaded machine the wall clock counts time the process waited for a core; CPU time does not. */
    printf("from memory: best of %d %.3f s of CPU time, %.1f MB/s of CPU time\n", repeat, best_cpu,
           (double)len / 1e6 / best_cpu);
    free(data);
    return 0;
}
