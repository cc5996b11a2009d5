/* Which streaming XML parser to read Common Transfer Files with: expat's push parser or libxml2's
 * xmlTextReader, each doing what libssat's CTF import needs from it (every element's start and end
 * with its name, the text of the elements, the line of each), on the same file held in memory and fed
 * in 1 MiB chunks, with DTDs, entities and the network off. Prints MB/s of each (best of 3 runs).
 *
 *     ctf_parsers FILE.xml        (bench/run_ctf.sh makes an authority-size file) */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include <expat.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK ((size_t)1 << 20)

typedef struct tally {
    size_t elements, text_bytes;
    unsigned long line_sum;
} tally;

/* ---- expat ---- */
static XML_Parser the_parser;
static void XMLCALL ex_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    tally *t = ud;
    (void)atts;
    t->elements += name[0] != 0;
    t->line_sum += (unsigned long)XML_GetCurrentLineNumber(the_parser);
}
static void XMLCALL ex_end(void *ud, const XML_Char *name)
{
    (void)ud;
    (void)name;
}
static void XMLCALL ex_text(void *ud, const XML_Char *s, int len)
{
    tally *t = ud;
    (void)s;
    t->text_bytes += (size_t)len;
}

static int run_expat(const char *data, size_t len, tally *t)
{
    XML_Parser p = XML_ParserCreate(NULL);
    the_parser = p;
    XML_SetUserData(p, t);
    XML_SetElementHandler(p, ex_start, ex_end);
    XML_SetCharacterDataHandler(p, ex_text);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    int ok = 1;
    for (size_t off = 0; off < len && ok; off += CHUNK) {
        size_t n = len - off < CHUNK ? len - off : CHUNK;
        ok = XML_Parse(p, data + off, (int)n, 0) == XML_STATUS_OK;
    }
    ok = ok && XML_Parse(p, NULL, 0, 1) == XML_STATUS_OK;
    XML_ParserFree(p);
    return ok;
}

/* ---- libxml2 reader ---- */
typedef struct mem_in {
    const char *data;
    size_t len, off;
} mem_in;
static int mem_read(void *ctx, char *buf, int n)
{
    mem_in *m = ctx;
    size_t k = m->len - m->off < (size_t)n ? m->len - m->off : (size_t)n;
    if (k > CHUNK)
        k = CHUNK;
    memcpy(buf, m->data + m->off, k);
    m->off += k;
    return (int)k;
}
static int mem_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static int run_libxml2(const char *data, size_t len, tally *t)
{
    mem_in m = {data, len, 0};
    xmlTextReaderPtr r = xmlReaderForIO(mem_read, mem_close, &m, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOENT * 0);
    if (r == NULL)
        return 0;
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            const xmlChar *name = xmlTextReaderConstLocalName(r);
            t->elements += name[0] != 0;
            t->line_sum += (unsigned long)xmlTextReaderGetParserLineNumber(r);
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                   type == XML_READER_TYPE_WHITESPACE) {
            const xmlChar *v = xmlTextReaderConstValue(r);
            t->text_bytes += strlen((const char *)v);
        }
    }
    xmlFreeTextReader(r);
    return rc == 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: ctf_parsers FILE.xml\n");
        return 2;
    }
    size_t len;
    char *data = bench_slurp(argv[1], &len);
    const char *names[2] = {"expat", "libxml2-reader"};
    int (*fns[2])(const char *, size_t, tally *) = {run_expat, run_libxml2};
    for (int k = 0; k < 2; k++) {
        double best = 1e9;
        tally t = {0};
        for (int rep = 0; rep < 3; rep++) {
            memset(&t, 0, sizeof t);
            double t0 = bench_now();
            if (!fns[k](data, len, &t)) {
                fprintf(stderr, "%s: parse failed\n", names[k]);
                return 1;
            }
            double dt = bench_now() - t0;
            best = dt < best ? dt : best;
        }
        printf("%-15s %8.1f MB/s  (%zu elements, %zu text bytes, %.1f MB in %.3f s)\n", names[k],
               (double)len / 1e6 / best, t.elements, t.text_bytes, (double)len / 1e6, best);
    }
    free(data);
    return 0;
}
