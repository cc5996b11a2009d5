/* Tests of the streaming CSV tokenizer (lib/core/csv.c): RFC 4180 quoting, line ends, the byte order mark,
 * positions, malformed input, and above all that any chunking of the input gives the same rows. */
#include "support.h"
#include "heap.h"
#include "core_layer.h"

#include <stdlib.h>

/* Everything the tokenizer reported, as text: one line per row ("[line:col:q=data|...]") or issue. */
typedef struct trace {
    char text[16384];
    size_t len;
    size_t rows;
    int fail_rows_after; /* the row callback fails (NOMEM) after this many rows; -1 never */
} trace;

static void trace_add(trace *t, const char *s, size_t n)
{
    assert_true(t->len + n < sizeof t->text);
    memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = '\0';
}

static ssat_status on_row(void *ctx, const ssat__csv_field *f, size_t count)
{
    trace *t = ctx;
    char head[64];
    if (t->fail_rows_after >= 0 && t->rows == (size_t)t->fail_rows_after)
        return SSAT_ERR_NOMEM;
    t->rows++;
    trace_add(t, "[", 1);
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(f[i].data[f[i].len], '\0'); /* every field is NUL-terminated */
        int n = snprintf(head, sizeof head, "%s%u:%u:%c=", i ? "|" : "", (unsigned)f[i].line, (unsigned)f[i].column,
                         f[i].quoted ? 'q' : 'u');
        trace_add(t, head, (size_t)n);
        trace_add(t, f[i].data, f[i].len);
    }
    trace_add(t, "]\n", 2);
    return SSAT_OK;
}

static ssat_status on_issue(void *ctx, ssat__csv_issue issue, uint32_t line, uint32_t column)
{
    trace *t = ctx;
    char s[64];
    int n = snprintf(s, sizeof s, "!%d@%u:%u\n", (int)issue, (unsigned)line, (unsigned)column);
    trace_add(t, s, (size_t)n);
    return SSAT_OK;
}

/* Tokenize `in` cut into chunks at `cut` (0 = one chunk) or byte by byte (cut = SIZE_MAX). */
static ssat_status tokenize(const char *in, size_t len, size_t cut, trace *t, const ssat__alloc *a)
{
    ssat__csv csv;
    ssat__csv_handler h = {on_row, on_issue, t};
    memset(t, 0, sizeof *t);
    t->fail_rows_after = -1;
    ssat__csv_init(&csv, a, &h);
    ssat_status st = SSAT_OK;
    if (cut == SIZE_MAX) {
        for (size_t i = 0; i < len && st == SSAT_OK; i++)
            st = ssat__csv_feed(&csv, in + i, 1);
    } else if (cut > 0 && cut < len) {
        st = ssat__csv_feed(&csv, in, cut);
        if (st == SSAT_OK)
            st = ssat__csv_feed(&csv, in + cut, len - cut);
    } else {
        st = ssat__csv_feed(&csv, in, len);
    }
    if (st == SSAT_OK)
        st = ssat__csv_finish(&csv);
    ssat__csv_free(&csv);
    return st;
}

static ssat__alloc libc(void)
{
    ssat__alloc a;
    assert_int_equal(ssat__alloc_resolve(&a, NULL, "test"), SSAT_OK);
    return a;
}

/* The trace of the whole input in one chunk must equal `expected`, and every other chunking the same. */
static void check(const char *in, size_t len, const char *expected)
{
    ssat__alloc a = libc();
    static trace whole, part;
    assert_int_equal(tokenize(in, len, 0, &whole, &a), SSAT_OK);
    if (strcmp(whole.text, expected) != 0)
        fail_msg("input:\n%.*s\ngot:\n%s\nexpected:\n%s", (int)len, in, whole.text, expected);
    for (size_t cut = 1; cut < len; cut++) {
        assert_int_equal(tokenize(in, len, cut, &part, &a), SSAT_OK);
        if (strcmp(whole.text, part.text) != 0)
            fail_msg("cut at %zu differs:\n%s\nvs one chunk:\n%s", cut, part.text, whole.text);
    }
    assert_int_equal(tokenize(in, len, SIZE_MAX, &part, &a), SSAT_OK);
    assert_string_equal(part.text, whole.text);
}

#define CHECK(in, expected) check((in), sizeof(in) - 1, (expected))

static void test_plain_rows(void **state)
{
    (void)state;
    CHECK("a,b,c\n1,22,333\n", "[1:1:u=a|1:3:u=b|1:5:u=c]\n[2:1:u=1|2:3:u=22|2:6:u=333]\n");
    /* A last row without a line end is a row. */
    CHECK("a,b\n1,2", "[1:1:u=a|1:3:u=b]\n[2:1:u=1|2:3:u=2]\n");
    /* Empty fields, including a trailing one. */
    CHECK(",x,\n", "[1:1:u=|1:2:u=x|1:4:u=]\n");
}

static void test_line_ends(void **state)
{
    (void)state;
    CHECK("a,b\r\n1,2\r\n", "[1:1:u=a|1:3:u=b]\n[2:1:u=1|2:3:u=2]\n");
    CHECK("a\rb\r", "[1:1:u=a]\n[2:1:u=b]\n");           /* old Mac line ends */
    CHECK("a\r\n\r\nb\n", "[1:1:u=a]\n[3:1:u=b]\n");     /* a blank line is skipped, and counted */
    CHECK("\n\n", "");
    CHECK("", "");
}

static void test_quoting(void **state)
{
    (void)state;
    CHECK("\"a,b\",\"say \"\"hi\"\"\"\n", "[1:1:q=a,b|1:7:q=say \"hi\"]\n");
    CHECK("\"\",x\n", "[1:1:q=|1:4:u=x]\n");
    /* A line end inside quotes is text; positions after it are on the next line. */
    CHECK("\"two\nlines\",z\nq\n", "[1:1:q=two\nlines|2:8:u=z]\n[3:1:u=q]\n");
    CHECK("\"crlf\r\nin\",z\r\n", "[1:1:q=crlf\r\nin|2:5:u=z]\n");
    /* A quoted field that is the whole last row, without a line end. */
    CHECK("\"end\"", "[1:1:q=end]\n");
}

static void test_columns_count_characters(void **state)
{
    (void)state;
    /* "Siôn" is 5 bytes but 4 characters: the next field starts at column 6. */
    CHECK("Siôn,x\n", "[1:1:u=Siôn|1:6:u=x]\n");
    CHECK("\"Siôn\",x\n", "[1:1:q=Siôn|1:8:u=x]\n");
}

static void test_bom(void **state)
{
    (void)state;
    CHECK("\xEF\xBB\xBFpupil_id,x\n", "[1:1:u=pupil_id|1:10:u=x]\n");
    /* Bytes that only begin like a byte order mark are data. */
    CHECK("\xEF\xBBz\n", "[1:1:u=\xEF\xBBz]\n");
    /* A mark later in the file is data too. */
    CHECK("a\n\xEF\xBB\xBF\n", "[1:1:u=a]\n[2:1:u=\xEF\xBB\xBF]\n");
    CHECK("\xEF\xBB\xBF", "");
    CHECK("\xEF", "[1:1:u=\xEF]\n");
}

static void test_malformed(void **state)
{
    (void)state;
    /* Unterminated quote: reported at the opening quote, at the end; the row is not delivered. */
    CHECK("a,b\n1,\"oops\n2,3\n", "[1:1:u=a|1:3:u=b]\n!0@2:3\n");
    /* A quote inside an unquoted field, and text after a closing quote: reported once per field, kept. */
    CHECK("ab\"c,d\n", "!1@1:3\n[1:1:u=ab\"c|1:6:u=d]\n");
    CHECK("\"ab\"c,d\n", "!1@1:5\n[1:1:q=abc|1:7:u=d]\n");
}

static void test_row_too_long(void **state)
{
    (void)state;
    size_t n = SSAT__CSV_ROW_MAX + 10;
    char *in = malloc(n + 8);
    assert_non_null(in);
    memset(in, 'x', n);
    memcpy(in + n, "\nok\n", 4);
    ssat__alloc a = libc();
    static trace t;
    assert_int_equal(tokenize(in, n + 4, 0, &t, &a), SSAT_OK);
    assert_string_equal(t.text, "!2@1:1\n[2:1:u=ok]\n");
    /* A runaway quote does not read the rest of the file into memory either. */
    in[0] = '"';
    assert_int_equal(tokenize(in, n + 4, 4096, &t, &a), SSAT_OK);
    assert_string_equal(t.text, "!2@1:1\n!0@1:1\n");
    free(in);
}

/* A callback's failure stops the tokenizer and sticks. */
static void test_callback_failure(void **state)
{
    (void)state;
    ssat__alloc a = libc();
    static trace t;
    ssat__csv csv;
    ssat__csv_handler h = {on_row, on_issue, &t};
    memset(&t, 0, sizeof t);
    t.fail_rows_after = 1;
    ssat__csv_init(&csv, &a, &h);
    assert_int_equal(ssat__csv_feed(&csv, "a\nb\nc\n", 6), SSAT_ERR_NOMEM);
    assert_int_equal(ssat__csv_feed(&csv, "d\n", 2), SSAT_ERR_NOMEM);
    assert_int_equal(ssat__csv_finish(&csv), SSAT_ERR_NOMEM);
    assert_int_equal(t.rows, 1);
    ssat__csv_free(&csv);
}

/* Every allocation of the tokenizer may fail: the failure is reported, nothing leaks. */
static void test_allocation_failure(void **state)
{
    (void)state;
    static const char in[] = "\"a long quoted field, to make the row buffer grow\",b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r\n";
    static trace t;
    for (size_t fail_at = 1;; fail_at++) {
        test_heap h = {.fail_at = fail_at};
        ssat_allocator pa = test_heap_allocator(&h, fail_at % 2 == 0);
        ssat__alloc a;
        assert_int_equal(ssat__alloc_resolve(&a, &pa, "test"), SSAT_OK);
        ssat_status st = tokenize(in, sizeof in - 1, 7, &t, &a);
        assert_heap_clean(&h);
        if (h.failures == 0) {
            assert_int_equal(st, SSAT_OK);
            assert_int_equal(t.rows, 1);
            break;
        }
        assert_int_equal(st, SSAT_ERR_NOMEM);
    }
}

/* The plain-row scan (lib/core/csv_scan.c): its vector and byte-by-byte ways give the same answer as
 * the definition, for every byte value at every place of rows of 1 to 40 bytes, with the row's end at
 * the end of what is readable (the vector way's last block read through a copy) and well before it. */
static size_t plain_commas_ref(const unsigned char *p, size_t n, uint32_t *commas)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = p[i];
        if (b == '"' || (b < 0x20 && b != '\t') || b >= 0x7F)
            return SIZE_MAX;
        if (b == ',')
            commas[k++] = (uint32_t)i;
    }
    return k;
}

static void check_scan(const unsigned char *p, size_t n, size_t avail)
{
    uint32_t want[64], got[64];
    size_t k = plain_commas_ref(p, n, want);
    for (int vector = 0; vector <= 1; vector++) {
        memset(got, 0xAA, sizeof got);
        size_t g = ssat__csv_plain_commas(p, n, avail, got, vector != 0);
        if (g != k)
            fail_msg("n %zu avail %zu vector %d: %zu commas, want %zu", n, avail, vector, g, k);
        if (k != SIZE_MAX)
            assert_memory_equal(got, want, k * sizeof *want);
    }
}

static void test_plain_scan_ways_agree(void **state)
{
    (void)state;
    unsigned char row[64];
    for (size_t n = 1; n <= 40; n++) {
        for (size_t at = 0; at < n; at++) {
            for (unsigned b = 0; b < 256; b++) {
                for (size_t i = 0; i < n; i++)
                    row[i] = (unsigned char)(i % 5 == 4 ? ',' : 'a' + i % 26);
                row[at] = (unsigned char)b;
                row[n] = '\n';
                memset(row + n + 1, '"', sizeof row - n - 1); /* not plain, beyond the row: never looked at */
                check_scan(row, n, n + 1);
                check_scan(row, n, sizeof row);
            }
        }
    }
}

/* A plain row handed over whole (ssat__csv.plain), rebuilt into fields, is the row the callback sees
 * without the hook: same texts, lines and columns, with and without a CR before the LF. */
static ssat_status on_plain(void *ctx, const char *row, size_t len, const uint32_t *commas, size_t ncommas,
                            uint32_t line)
{
    char text[256];
    ssat__csv_field f[32];
    assert_true(len < sizeof text && ncommas < 32);
    ssat__csv_split_plain(text, row, len, commas, ncommas, line, f); /* as the import's pipe rebuilds it */
    ((trace *)ctx)->fail_rows_after = -2; /* the hook was used */
    return on_row(ctx, f, ncommas + 1);
}

static void test_plain_rows_whole(void **state)
{
    (void)state;
    static const char in[] = "id,date,session,mark\r\nP1,2024-09-02,AM,/\nP1,2024-09-02,PM,\"N\"\n,,,\n"
                             "P2,2024-09-03,AM,\xc3\xa9\nP2,2024-09-04,PM,L\n";
    ssat__alloc a = libc();
    trace whole, hooked;
    assert_int_equal(tokenize(in, sizeof in - 1, 0, &whole, &a), SSAT_OK);
    ssat__csv csv;
    ssat__csv_handler h = {on_row, on_issue, &hooked};
    memset(&hooked, 0, sizeof hooked);
    hooked.fail_rows_after = -1;
    ssat__csv_init(&csv, &a, &h);
    csv.plain = on_plain;
    assert_int_equal(ssat__csv_feed(&csv, in, sizeof in - 1), SSAT_OK);
    assert_int_equal(ssat__csv_finish(&csv), SSAT_OK);
    ssat__csv_free(&csv);
    assert_int_equal(hooked.fail_rows_after, -2);
    assert_string_equal(hooked.text, whole.text);
    assert_int_equal(hooked.rows, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_rows),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_columns_count_characters),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_row_too_long),
        cmocka_unit_test(test_callback_failure),
        cmocka_unit_test(test_allocation_failure),
        cmocka_unit_test(test_plain_scan_ways_agree),
        cmocka_unit_test(test_plain_rows_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
