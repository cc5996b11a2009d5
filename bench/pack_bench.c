/* Referral-pack parsing time against the number of items (issue 15, item 13): builds a pack JSON of
 * N letters (N = 20000, 40000, 80000 by default, or the sizes given as arguments) and times
 * ssat_pack_from_json() on it, best of three. Linear parsing doubles the time when N doubles; the
 * quadratic item naming it replaced quadrupled it.
 *
 *     build/release/bench/pack_bench [N...]
 */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include <ssat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char item[] = "{\"kind\": \"letter\", \"fields\": {\"date_sent\": \"2024-10-09\", \"type\": "
                           "\"attendance_concern\", \"addressee\": \"Mrs Catrin Lewis\", \"delivery\": \"post\"}}";

static char *make_pack(size_t n, size_t *len)
{
    static const char head[] = "{\"format\": \"ssat-pack\", \"format_version\": 1, \"items\": [";
    size_t cap = sizeof head + n * (sizeof item + 2) + 4;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    size_t k = 0;
    memcpy(s, head, sizeof head - 1);
    k += sizeof head - 1;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            s[k++] = ',';
        memcpy(s + k, item, sizeof item - 1);
        k += sizeof item - 1;
    }
    memcpy(s + k, "]}", 3);
    *len = k + 2;
    return s;
}

int main(int argc, char **argv)
{
    size_t sizes[16] = {20000, 40000, 80000};
    size_t nsizes = 3;
    if (argc > 1) {
        nsizes = 0;
        for (int i = 1; i < argc && nsizes < 16; i++)
            sizes[nsizes++] = (size_t)strtoull(argv[i], NULL, 10);
    }
    printf("%10s %12s %10s\n", "items", "bytes", "seconds");
    for (size_t i = 0; i < nsizes; i++) {
        size_t len;
        char *json = make_pack(sizes[i], &len);
        if (json == NULL)
            return 3;
        double best = 1e9;
        for (int r = 0; r < 3; r++) {
            ssat_pack *pack = NULL;
            double t = bench_now();
            if (ssat_pack_from_json(json, len, NULL, &pack) != SSAT_OK) {
                fprintf(stderr, "pack_bench: %s\n", ssat_error_message());
                free(json);
                return 3;
            }
            t = bench_now() - t;
            best = t < best ? t : best;
            ssat_pack_free(pack);
        }
        printf("%10zu %12zu %10.3f\n", sizes[i], len, best);
        free(json);
    }
    return 0;
}
