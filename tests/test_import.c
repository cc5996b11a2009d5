/* Tests of CSV imports into a school (lib/school/import.c, import_register.c, import_calendar.c,
 * import_pipe.c): the long, wide and pupils layouts, header detection, every problem id at its line and
 * column, all or nothing, any chunking giving the same result (a large feed read by two threads too),
 * allocation failure at every step, terms and closures. */
#include "support.h"
#include "heap.h"

#include <stdlib.h>

/* ---- helpers ------------------------------------------------------------------------------------- */

static ssat_school *new_school(const ssat_allocator *alloc)
{
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", alloc, &codes));
    assert_ok(ssat_school_new(codes, &school));
    ssat_codeset_free(codes); /* the school keeps it alive */
    return school;
}

/* Import `text` cut into chunks of `chunk` bytes (0: one chunk). Returns the finish status. */
/* One import of `text` fed in `chunk`-byte pieces (0: whole), allowed `threads` (ssat_import_set_threads). */
static ssat_status import_threaded(ssat_school *school, ssat_csv_kind kind, const char *text, size_t len, size_t chunk,
                                   int threads, ssat_problems *problems, size_t *rows)
{
    ssat_import *im = NULL;
    ssat_status st = ssat_import_new(school, kind, "t.csv", problems, &im);
    if (st != SSAT_OK)
        return st;
    st = ssat_import_set_threads(im, threads);
    if (chunk == 0)
        chunk = len > 0 ? len : 1;
    for (size_t off = 0; off < len && st == SSAT_OK; off += chunk)
        st = ssat_import_feed(im, text + off, len - off < chunk ? len - off : chunk);
    if (st == SSAT_OK)
        st = ssat_import_finish(im, rows);
    ssat_import_free(im);
    return st;
}

static ssat_status import_chunked(ssat_school *school, ssat_csv_kind kind, const char *text, size_t len, size_t chunk,
                                  ssat_problems *problems, size_t *rows)
{
    return import_threaded(school, kind, text, len, chunk, 1, problems, rows);
}

static ssat_status import_text(ssat_school *school, ssat_csv_kind kind, const char *text, ssat_problems *problems)
{
    return import_chunked(school, kind, text, strlen(text), 0, problems, NULL);
}

/* Room for another few lines after `len` bytes of a text being built. */
static char *grow_text(char *s, size_t len, size_t *cap)
{
    if (len + 8192 < *cap)
        return s;
    *cap = 2 * *cap + 8192;
    char *t = realloc(s, *cap);
    assert_non_null(t);
    return t;
}

/* Everything a school holds, as text, to compare schools. */
static char *snapshot(const ssat_school *school)
{
    size_t cap = 1 << 16, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    s[0] = '\0';
    for (size_t i = 0; i < ssat_school_count(school); i++) {
        const ssat_register *reg = ssat_school_register(school, i);
        ssat_pupil *p = ssat_school_pupil((ssat_school *)(uintptr_t)school, i);
        ssat_date dob = 0;
        ssat_window span;
        bool has_dob = ssat_pupil_date_of_birth(p, &dob) == SSAT_OK;
        len += (size_t)snprintf(s + len, cap - len, "%s dob=%ld name=%s year=%s:", ssat_school_pupil_id(school, i),
                                has_dob ? (long)dob : -1L, ssat_school_pupil_detail(school, i, "name"),
                                ssat_school_pupil_detail(school, i, "year_group"));
        if (ssat_register_span(reg, &span) == SSAT_OK) {
            for (ssat_date d = span.first_date; d <= span.last_date; d++) {
                for (int h = 0; h < 2; h++) {
                    const char *code = NULL;
                    assert_ok(ssat_register_mark(reg, d, (ssat_half)h, &code));
                    if (code != NULL)
                        len += (size_t)snprintf(s + len, cap - len, " %ld%c=%s", (long)d, h ? 'p' : 'a', code);
                }
            }
        }
        len += (size_t)snprintf(s + len, cap - len, "\n");
        assert_true(len < cap - 256);
        s = grow_text(s, len, &cap);
    }
    return s;
}

/* The problems as text: "id@line:column field\n" (and the English message with the first). */
static char *problem_list(const ssat_problems *problems)
{
    size_t cap = 1 << 16, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    s[0] = '\0';
    for (size_t i = 0; i < ssat_problems_count(problems); i++) {
        const ssat_problem *p = ssat_problems_at(problems, i);
        len += (size_t)snprintf(s + len, cap - len, "%s@%u:%u %s|%s|%s\n", p->id, (unsigned)p->line,
                                (unsigned)p->column, p->field, p->message_en, p->message_cy);
        assert_true(len < cap - 256);
        s = grow_text(s, len, &cap);
    }
    return s;
}

static const char *mark(const ssat_school *school, const char *id, const char *date, ssat_half half)
{
    size_t i;
    const char *code = NULL;
    assert_ok(ssat_school_find(school, id, &i));
    assert_ok(ssat_register_mark(ssat_school_register(school, i), test_date(date), half, &code));
    return code;
}

/* ---- the long layout ----------------------------------------------------------------------------- */

static void test_long_any_order_extra_columns(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    /* BOM, CRLF, a quoted field, extra columns before and after, columns in another order, any row order. */
    static const char text[] = "\xEF\xBB\xBF"
                               "school,date,pupil_id,session,mark,note\r\n"
                               "X,2024-09-03,P2,PM,O,\"late, then left\"\r\n"
                               "X,2024-09-02,P1,AM,/,\r\n"
                               "X,2024-09-02,\"P2\",AM,-,\r\n"
                               "X,2024-09-02,P1,PM,\\,\r\n"
                               "X,2024-09-04,P1,AM,.,\r\n"
                               "X,2024-09-03,P1,AM,,\r\n";
    size_t rows = 0;
    assert_ok(import_chunked(school, SSAT_CSV_AUTO, text, sizeof text - 1, 0, problems, &rows));
    assert_int_equal(rows, 6);
    assert_int_equal(ssat_problems_count(problems), 0);
    assert_int_equal(ssat_school_count(school), 2);
    assert_string_equal(ssat_school_pupil_id(school, 0), "P1");
    assert_string_equal(mark(school, "P1", "2024-09-02", SSAT_AM), "/");
    assert_string_equal(mark(school, "P1", "2024-09-02", SSAT_PM), "\\");
    assert_string_equal(mark(school, "P1", "2024-09-03", SSAT_AM), "-"); /* an empty mark is a missing one */
    assert_null(mark(school, "P1", "2024-09-04", SSAT_AM));              /* "." makes no entry */
    assert_string_equal(mark(school, "P2", "2024-09-02", SSAT_AM), "-");
    assert_string_equal(mark(school, "P2", "2024-09-03", SSAT_PM), "O");
    ssat_date last;
    assert_ok(ssat_school_last_date(school, &last));
    assert_int_equal(last, test_date("2024-09-03"));
    ssat_problems_free(problems);
    ssat_school_free(school);
}

static void test_england_two_character_codes(void **state)
{
    (void)state;
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    ssat_problems *problems = NULL;
    assert_ok(ssat_codeset_builtin("england-2024", NULL, &codes));
    assert_ok(ssat_school_new(codes, &school));
    ssat_codeset_free(codes);
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(import_text(school, SSAT_CSV_LONG, "pupil_id,date,session,mark\nA,2024-09-02,AM,C1\n", problems));
    assert_string_equal(mark(school, "A", "2024-09-02", SSAT_AM), "C1");
    assert_string_equal(ssat_codeset_name(ssat_school_codeset(school)), "england-2024");
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* ---- the wide layout ----------------------------------------------------------------------------- */

static void test_wide(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    /* Thursday 5 Sep: Thu AM/PM, Fri AM/PM, then Monday 9 Sep. */
    static const char text[] = "pupil_id,start_date,marks\n"
                               "W1,2024-09-05,/\\..OI-\n"
                               "W2,2024-09-02,\"ZZ\"\n";
    assert_ok(import_text(school, SSAT_CSV_AUTO, text, problems));
    assert_string_equal(mark(school, "W1", "2024-09-05", SSAT_AM), "/");
    assert_string_equal(mark(school, "W1", "2024-09-05", SSAT_PM), "\\");
    assert_null(mark(school, "W1", "2024-09-06", SSAT_AM));
    assert_string_equal(mark(school, "W1", "2024-09-09", SSAT_AM), "O");
    assert_string_equal(mark(school, "W1", "2024-09-09", SSAT_PM), "I");
    assert_string_equal(mark(school, "W1", "2024-09-10", SSAT_AM), "-");
    assert_string_equal(mark(school, "W2", "2024-09-02", SSAT_PM), "Z");
    /* Where each session's character is: W1's row is line 2 and its marks start at column 15. */
    size_t i;
    const char *source;
    uint32_t line, column;
    assert_ok(ssat_school_find(school, "W1", &i));
    assert_ok(ssat_school_locate(school, i, test_date("2024-09-09"), SSAT_PM, &source, &line, &column));
    assert_string_equal(source, "t.csv");
    assert_int_equal(line, 2);
    assert_int_equal(column, 15 + 5);
    assert_ok(ssat_school_locate(school, i, test_date("2024-09-07"), SSAT_AM, NULL, &line, &column));
    assert_int_equal(column, 0); /* a Saturday has no character */
    /* A quoted marks field: the first mark is one column after the quote. */
    assert_ok(ssat_school_find(school, "W2", &i));
    assert_ok(ssat_school_locate(school, i, test_date("2024-09-02"), SSAT_PM, NULL, &line, &column));
    assert_int_equal(line, 3);
    assert_int_equal(column, 16 + 1);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* Two rows of one pupil (one per term) are fine as long as no session is marked twice. */
static void test_wide_two_rows(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(import_text(school, SSAT_CSV_WIDE,
                          "pupil_id,start_date,marks\nA,2024-09-02,//\nA,2024-09-03,OO\n", problems));
    assert_string_equal(mark(school, "A", "2024-09-03", SSAT_PM), "O");
    assert_int_equal(ssat_register_entry_count(ssat_school_register(school, 0)), 4);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* ---- long locations ------------------------------------------------------------------------------ */

static void test_locate_long(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    static const char text[] = "pupil_id,date,session,mark\n"
                               "A,2024-09-02,AM,/\n"
                               "A,2024-09-02,PM,\\\n"
                               "A,2024-09-04,AM,N\n"
                               "B,2024-09-03,AM,/\n"
                               "B,2024-09-02,AM,/\n";
    assert_ok(import_text(school, SSAT_CSV_LONG, text, problems));
    uint32_t line, column;
    /* A's rows are in order on consecutive lines: each session is located at its own row. */
    assert_ok(ssat_school_locate(school, 0, test_date("2024-09-04"), SSAT_AM, NULL, &line, &column));
    assert_int_equal(line, 4);
    assert_int_equal(column, 17);
    /* A session without a row: the pupil's first row. */
    assert_ok(ssat_school_locate(school, 0, test_date("2024-09-03"), SSAT_AM, NULL, &line, &column));
    assert_int_equal(line, 2);
    assert_int_equal(column, 0);
    /* B's rows are out of order: only its first row is known. */
    assert_ok(ssat_school_locate(school, 1, test_date("2024-09-02"), SSAT_AM, NULL, &line, &column));
    assert_int_equal(line, 5);
    assert_int_equal(column, 0);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* ---- pupils -------------------------------------------------------------------------------------- */

static void test_pupils(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(import_text(school, SSAT_CSV_AUTO, "pupil_id,date,session,mark\nP1,2024-09-02,AM,/\n", problems));
    static const char pupils[] = "year_group,pupil_id,extra,name,date_of_birth\n"
                                 "7,P1,x,Siôn Jenkins,2013-02-11\n"
                                 "8,P9,y,\"Jones, Nia\",\n";
    assert_ok(import_text(school, SSAT_CSV_PUPILS, pupils, problems));
    /* P9 has no register: a warning, and the pupil is still added (with an empty register). */
    assert_int_equal(ssat_problems_count(problems), 1);
    const ssat_problem *w = ssat_problems_at(problems, 0);
    assert_string_equal(w->id, "import.pupil_unknown");
    assert_int_equal(w->severity, SSAT_SEVERITY_WARNING);
    assert_int_equal(w->line, 3);
    assert_string_equal(w->message_en, "t.csv:3:3: Pupil P9 has no register: no register file read so far has marks "
                                       "for this pupil");
    assert_int_equal(ssat_school_count(school), 2);
    size_t i;
    ssat_date dob;
    assert_ok(ssat_school_find(school, "P1", &i));
    assert_string_equal(ssat_school_pupil_detail(school, i, "name"), "Siôn Jenkins");
    assert_string_equal(ssat_school_pupil_detail(school, i, "year_group"), "7");
    assert_ok(ssat_pupil_date_of_birth(ssat_school_pupil(school, i), &dob));
    assert_int_equal(dob, test_date("2013-02-11"));
    assert_ok(ssat_school_find(school, "P9", &i));
    assert_string_equal(ssat_school_pupil_detail(school, i, "name"), "Jones, Nia");
    assert_status_msg(ssat_pupil_date_of_birth(ssat_school_pupil(school, i), &dob), SSAT_ERR_NOT_FOUND, NULL);
    assert_int_equal(ssat_register_entry_count(ssat_school_register(school, i)), 0);
    assert_status_msg(ssat_school_locate(school, i, test_date("2024-09-02"), SSAT_AM, NULL, NULL, NULL),
                      SSAT_ERR_NOT_FOUND, "P9");
    /* A register for a pupil the pupils file did not name: the reverse warning. */
    ssat_problems_clear(problems);
    assert_ok(import_text(school, SSAT_CSV_LONG, "pupil_id,date,session,mark\nP5,2024-09-02,AM,/\n", problems));
    assert_int_equal(ssat_problems_count(problems), 1);
    assert_string_equal(ssat_problems_at(problems, 0)->id, "import.pupil_no_record");
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* ---- merging a second file ----------------------------------------------------------------------- */

static void test_second_file_merges(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(import_text(school, SSAT_CSV_LONG, "pupil_id,date,session,mark\nM,2024-09-02,AM,/\nC,2024-09-02,AM,/\n",
                          problems));
    /* Set a fact on M's record: a later import must keep it. */
    size_t i;
    assert_ok(ssat_school_find(school, "M", &i));
    assert_ok(ssat_pupil_set_fact(ssat_school_pupil(school, i), SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES));
    assert_ok(import_text(school, SSAT_CSV_WIDE, "pupil_id,start_date,marks\nA,2024-09-02,/\nM,2024-09-09,OO\n",
                          problems));
    assert_int_equal(ssat_school_count(school), 3);
    assert_string_equal(ssat_school_pupil_id(school, 0), "A"); /* ids stay sorted */
    assert_string_equal(ssat_school_pupil_id(school, 1), "C");
    assert_string_equal(ssat_school_pupil_id(school, 2), "M");
    assert_string_equal(mark(school, "M", "2024-09-02", SSAT_AM), "/");
    assert_string_equal(mark(school, "M", "2024-09-09", SSAT_PM), "O");
    assert_int_equal(ssat_register_entry_count(ssat_school_register(school, 2)), 3);
    assert_int_equal(ssat_pupil_get_fact(ssat_school_pupil(school, 2), SSAT_PUPIL_ON_ROLL), SSAT_FACT_YES);
    /* A session marked in the first file and again in the third: an error, and nothing changes. */
    char *before = snapshot(school);
    assert_int_equal(import_text(school, SSAT_CSV_LONG, "pupil_id,date,session,mark\nZ,2024-09-02,AM,/\n"
                                                        "M,2024-09-02,AM,I\n",
                                 problems),
                     SSAT_ERR_INVALID_DATA);
    const ssat_problem *p = ssat_problems_at(problems, ssat_problems_count(problems) - 1);
    assert_string_equal(p->id, "import.duplicate_mark");
    assert_string_equal(p->message_en, "t.csv:3:17: Pupil M, session 2 September 2024 AM: a second mark (\"I\") for a "
                                       "session that already has one (\"/\"); a session takes one mark only");
    char *after = snapshot(school);
    assert_string_equal(before, after);
    free(before);
    free(after);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* ---- every problem at its line and column -------------------------------------------------------- */

typedef struct bad_case {
    ssat_csv_kind kind;
    const char *text;
    const char *id;
    unsigned line, column;
    const char *message; /* expected English message (after the location), or NULL */
} bad_case;

static const bad_case bad_cases[] = {
    {SSAT_CSV_AUTO, "", "import.empty", 1, 1, "The file is empty: it needs a header row"},
    {SSAT_CSV_AUTO, "id,when,what\nP1,2024-09-02,/\n", "import.header_unknown", 1, 1, NULL},
    {SSAT_CSV_LONG, "pupil_id,date,sesion,mark\n", "import.header", 1, 1,
     "The header has no column \"session\": this file needs the columns pupil_id,date,session,mark"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark,date\n", "import.header_duplicate", 1, 28, NULL},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,2024-09-02,AM\n", "import.columns", 2, 1,
     "The row has 3 fields but the header has 4"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,2024-09-02,AM,/\nP1,\"2024-09-03,PM,/\n", "import.quote", 3, 4,
     "This quoted field has no closing quote: the quote is unterminated"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,2024-09-02,AM,a\"b\n", "import.stray_quote", 2, 19, NULL},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\n,2024-09-02,AM,/\n", "import.pupil_id", 2, 1,
     "A pupil id must be 1 to 64 bytes long (this one has 0)"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP\xff,2024-09-02,AM,/\n", "import.text", 2, 1, NULL},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP\x01,2024-09-02,AM,/\n", "import.pupil_id_control", 2, 1,
     "The pupil id holds a control character (U+0001) at character 2"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,2024-09-02,AM,/\n\xef\xbb\xbfP2,2024-09-02,AM,/\n",
     "import.pupil_id_invisible", 3, 1, NULL}, /* a byte-order mark in mid-file */
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP\xe2\x80\x8b" "1,2024-09-02,AM,/\n", "import.pupil_id_invisible", 2,
     1, NULL}, /* a zero-width space */
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\n\xe2\x80\xaeP1,2024-09-02,AM,/\n", "import.pupil_id_invisible", 2, 1,
     NULL}, /* a right-to-left override */
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP\xc2\xa0" "1,2024-09-02,AM,/\n", "import.pupil_id_space", 2, 1,
     "The pupil id holds a space other than U+0020 (U+00A0) at character 2"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nSia\xcc\x82n,2024-09-02,AM,/\n", "import.pupil_id_nfc", 2, 1,
     NULL}, /* "a" and a combining circumflex: NFC writes U+00E2 */
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\n\xe2\x84\xab" "1,2024-09-02,AM,/\n", "import.pupil_id_nfc", 2, 1,
     NULL}, /* the angstrom sign, which NFC replaces */
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP\xee\x80\x80,2024-09-02,AM,/\n", "import.pupil_id_unusable", 2, 1,
     NULL}, /* private use */
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,9999-08-02,AM,/\n", "import.mark_year", 2, 4,
     "The date 9999-08-02 is outside the school years the rules can evaluate (1 August 1583 to 31 July 9999)"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,1583-07-31,PM,/\n", "import.mark_year", 2, 4, NULL},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,9999-08-01,AM,/\n", "import.mark_year", 2, 4, NULL},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,2024-09-02,AM,/\nP1,2205-07-14,AM,/\n", "import.marks_span", 3, 4,
     "Pupil P1 would have marks from 2024-09-02 to 2205-07-14, more than 16 years apart: a date is probably "
     "mistyped"},
    {SSAT_CSV_WIDE, "pupil_id,start_date,marks\nP1,2205-07-16,/\nP1,2024-09-02,/\n", "import.marks_span", 3, 4, NULL},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,2024-02-30,AM,/\n", "import.date", 2, 4,
     "The date \"2024-02-30\" is not a date of the form YYYY-MM-DD"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,2024-09-02,noon,/\n", "import.session", 2, 15,
     "The session \"noon\" is neither AM nor PM"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,2024-09-02,AM,Q\n", "import.unknown_code", 2, 18,
     "Pupil P1, session 2 September 2024 AM: code \"Q\" is not in code set wales-2010"},
    {SSAT_CSV_LONG, "pupil_id,date,session,mark\nP1,2024-09-02,AM,/\nP1,2024-09-02,AM,/\n", "import.duplicate_mark",
     3, 18, NULL},
    {SSAT_CSV_WIDE, "pupil_id,start_date,marks\nP1,2024-09-07,//\n", "import.start_weekday", 2, 4, NULL},
    {SSAT_CSV_WIDE, "pupil_id,start_date,marks\nP1,2024-09-02,//Q/\n", "import.unknown_code", 2, 17,
     "Pupil P1, session 3 September 2024 AM: code \"Q\" is not in code set wales-2010"},
    {SSAT_CSV_WIDE, "pupil_id,start_date,marks\nP1,2024-09-02,/\nP1,2024-09-02,O\n", "import.duplicate_mark", 3, 15,
     NULL},
    {SSAT_CSV_WIDE, "pupil_id,start_date,marks\nP1,9999-12-31,//\n", "import.marks_range", 2, 15, NULL},
    {SSAT_CSV_WIDE, "pupil_id,start_date,marks\nP1,9999-07-30,/////\n", "import.marks_range", 2, 15, NULL},
    {SSAT_CSV_PUPILS, "pupil_id,date_of_birth\nP1,2013-02-11\nP1,2013-02-11\n", "import.duplicate_pupil", 3, 1,
     "Pupil P1 already has a row in this file, on line 2"},
    {SSAT_CSV_PUPILS, "pupil_id,date_of_birth\nP1,11/02/2013\n", "import.date", 2, 4, NULL},
    {SSAT_CSV_PUPILS, "date_of_birth,name\n2013-02-11,A\n", "import.header", 1, 1, NULL},
};

static void test_every_problem(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof bad_cases / sizeof bad_cases[0]; k++) {
        const bad_case *c = &bad_cases[k];
        ssat_school *school = new_school(NULL);
        ssat_problems *problems = NULL;
        assert_ok(ssat_problems_new(&problems, NULL));
        ssat_status st = import_text(school, c->kind, c->text, problems);
        const ssat_problem *p = ssat_problems_at(problems, 0);
        if (st != SSAT_ERR_INVALID_DATA || p == NULL || strcmp(p->id, c->id) != 0 || p->line != c->line ||
            p->column != c->column)
            fail_msg("case %zu (%s): status %d, first problem %s at %u:%u: %s", k, c->id, (int)st,
                     p ? p->id : "(none)", p ? (unsigned)p->line : 0, p ? (unsigned)p->column : 0,
                     p ? p->message_en : "");
        char prefix[32];
        snprintf(prefix, sizeof prefix, "t.csv:%u:%u: ", c->line, c->column);
        assert_true(strncmp(p->message_en, prefix, strlen(prefix)) == 0);
        assert_true(strncmp(p->message_cy, prefix, strlen(prefix)) == 0);
        if (c->message != NULL)
            assert_string_equal(p->message_en + strlen(prefix), c->message);
        /* The finish message names the count and the first problem. */
        assert_non_null(strstr(ssat_error_message(), p->message_en));
        assert_int_equal(ssat_school_count(school), 0); /* nothing was committed */
        ssat_problems_free(problems);
        ssat_school_free(school);
    }
}

/* Every problem of a file is listed, not only the first. */
static void test_all_problems_listed(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    static const char text[] = "pupil_id,date,session,mark\n"
                               "P1,2024-13-01,XM,Q\n" /* bad date, bad session, unknown code: three */
                               "P1,2024-09-02,AM,/\n"
                               "P1,2024-09-02,AM,O\n"; /* a second mark */
    assert_int_equal(import_text(school, SSAT_CSV_LONG, text, problems), SSAT_ERR_INVALID_DATA);
    char *list = problem_list(problems);
    assert_int_equal(ssat_problems_count(problems), 4);
    assert_non_null(strstr(list, "import.date@2:4 date|"));
    assert_non_null(strstr(list, "import.session@2:15 session|"));
    assert_non_null(strstr(list, "import.unknown_code@2:18 mark|t.csv:2:18: Pupil P1, session 2024-13-01 XM: code "
                                 "\"Q\""));
    assert_non_null(strstr(list, "import.duplicate_mark@4:18 mark|"));
    assert_non_null(strstr(ssat_error_message(), "4 errors in t.csv; first: t.csv:2:4:"));
    free(list);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* A file wrong throughout lists at most SSAT_IMPORT_MAX_PROBLEMS, then says how many more. */
static void test_problem_limit(void **state)
{
    (void)state;
    size_t n = SSAT_IMPORT_MAX_PROBLEMS + 5, cap = 32 + n * 24, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "pupil_id,date,session,mark\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "P%zu,2024-09-02,AM,Q\n", i);
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_int_equal(import_text(school, SSAT_CSV_LONG, text, problems), SSAT_ERR_INVALID_DATA);
    assert_int_equal(ssat_problems_count(problems), SSAT_IMPORT_MAX_PROBLEMS + 1);
    const ssat_problem *last = ssat_problems_at(problems, SSAT_IMPORT_MAX_PROBLEMS);
    assert_string_equal(last->id, "import.unlisted");
    assert_string_equal(last->message_en, "t.csv: 5 more problems were found but are not listed (at most 10000 are "
                                          "listed per file)");
    assert_non_null(strstr(ssat_error_message(), "10005 errors"));
    free(text);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* A row over the limit is reported and skipped (the rows after it are still read). */
static void test_row_too_long(void **state)
{
    (void)state;
    size_t big = (size_t)1 << 20, cap = big + 128, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "pupil_id,date,session,mark\nP1,2024-09-02,AM,");
    memset(text + len, 'x', big);
    len += big;
    len += (size_t)snprintf(text + len, cap - len, "\nP2,2024-09-02,AM,Q\n");
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_int_equal(import_chunked(school, SSAT_CSV_LONG, text, len, 4096, problems, NULL), SSAT_ERR_INVALID_DATA);
    char *list = problem_list(problems);
    assert_non_null(strstr(list, "import.row_too_long@2:1 |t.csv:2:1: The row is longer than 1048576 bytes and was "
                                 "not read|"));
    assert_non_null(strstr(list, "import.unknown_code@3:18 "));
    free(list);
    free(text);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* ---- chunking ------------------------------------------------------------------------------------ */

/* Cut anywhere (every split point, then byte by byte), a file gives the same school and problems. */
static void check_chunking(ssat_csv_kind kind, const char *text)
{
    size_t len = strlen(text);
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    ssat_status want = import_chunked(school, kind, text, len, 0, problems, NULL);
    char *want_school = snapshot(school), *want_problems = problem_list(problems);
    ssat_problems_free(problems);
    ssat_school_free(school);
    for (size_t cut = 1; cut <= len + 1; cut++) {
        school = new_school(NULL);
        assert_ok(ssat_problems_new(&problems, NULL));
        ssat_import *im = NULL;
        assert_ok(ssat_import_new(school, kind, "t.csv", problems, &im));
        if (cut <= len) { /* two chunks cut at `cut` */
            assert_ok(ssat_import_feed(im, text, cut));
            assert_ok(ssat_import_feed(im, text + cut, len - cut));
        } else { /* byte by byte, with empty feeds between */
            for (size_t i = 0; i < len; i++) {
                assert_ok(ssat_import_feed(im, text + i, 1));
                assert_ok(ssat_import_feed(im, NULL, 0));
            }
        }
        assert_int_equal(ssat_import_finish(im, NULL), want);
        ssat_import_free(im);
        char *got_school = snapshot(school), *got_problems = problem_list(problems);
        if (strcmp(got_school, want_school) != 0 || strcmp(got_problems, want_problems) != 0)
            fail_msg("cut at %zu:\n%s%s\nvs one chunk:\n%s%s", cut, got_school, got_problems, want_school,
                     want_problems);
        free(got_school);
        free(got_problems);
        ssat_problems_free(problems);
        ssat_school_free(school);
    }
    free(want_school);
    free(want_problems);
}

static void test_chunking(void **state)
{
    (void)state;
    check_chunking(SSAT_CSV_AUTO, "\xEF\xBB\xBFpupil_id,date,session,mark,note\r\n"
                                  "Siôn,2024-09-02,AM,/,\"a \"\"quoted\"\"\r\nnote\"\r\n"
                                  "Siôn,2024-09-02,PM,L,\r\n"
                                  "B,2024-09-03,AM,O,x\r\n");
    check_chunking(SSAT_CSV_AUTO, "pupil_id,start_date,marks\nA,2024-09-02,/\\OI..-\n\"B\",2024-09-04,\"/\\/\"\n");
    /* With problems, and an unterminated quote at the very end. */
    check_chunking(SSAT_CSV_LONG, "pupil_id,date,session,mark\nA,2024-09-02,AM,Q\nA,2024-02-30,PM,/\n"
                                  "A,2024-09-03,AM,\"/");
}

/* A file of `rows` long rows, each pupil with 60 distinct sessions, quoted notes over two lines; with
 * `bad`, also unknown codes, each session four times, stray quotes, a row too long and an unterminated
 * quote at the end. Returns its length; free *out. */
static size_t large_file(size_t rows, bool bad, char **out)
{
    size_t big = ((size_t)1 << 20) + 10, wide = (size_t)50 << 10, cap = 128 + rows * 64 + big + wide, len = 0;
    char *text = malloc(cap), *long_note = malloc(wide + 1);
    assert_non_null(text);
    assert_non_null(long_note);
    memset(long_note, 'y', wide); /* a plain note longer than a piece: its row's text moves a batch's */
    long_note[wide] = '\0';
    len += (size_t)snprintf(text, cap, "\xEF\xBB\xBFpupil_id,date,session,mark,note\r\n");
    for (size_t i = 0; i < rows; i++) {
        static const char *const good[] = {"/", "\\", "O", "I", "N", ".", "-", ""};
        static const char *const wrong[] = {"/", "\\", "O", "I", "N", "Q", "?", "xy", ".", "-"};
        const char *note = i % 1000 == 7 ? "\"a \"\"quoted\"\"\r\nnote\""
                           : bad && i % 777 == 3 ? "st\"ray"
                           : i == rows / 3       ? long_note
                                                 : "";
        if (bad && i == rows / 50) { /* a row too long, then the rows after it */
            len += (size_t)snprintf(text + len, cap - len, "P1,2024-09-02,AM,");
            memset(text + len, 'x', big);
            len += big;
            len += (size_t)snprintf(text + len, cap - len, "\r\n");
        }
        len += (size_t)snprintf(text + len, cap - len, "P%zu,2024-%02zu-%02zu,%s,%s,%s\r\n", i / (bad ? 240 : 60),
                                9 + i % 3, 1 + (i / 2) % 30, i % 2 ? "PM" : "AM", bad ? wrong[i % 10] : good[i % 8], note);
    }
    if (bad)
        len += (size_t)snprintf(text + len, cap - len, "P9,2024-09-03,AM,\"/");
    assert_true(len < cap);
    free(long_note);
    *out = text;
    return len;
}

/* With two threads allowed, a feed of 256 KiB or more is tokenized on a second thread and replayed on
 * this one (import_pipe.c): fed whole and in 300 KiB chunks (a row cut between two threaded feeds), a
 * large file gives the school, the problems in their order (past the listing limit for a bad file) and
 * the status of one thread in 4 KiB chunks, and of one thread fed whole. A 50 KiB row makes a batch's
 * texts move after rows were recorded into it (their fields then rebased). Its marks include ".", "-",
 * an empty one and (in the bad file) unknown codes: the tokenizing thread reads marks ahead. */
static void check_large_feed(bool bad)
{
    char *text = NULL, *want_school = NULL, *want_problems = NULL;
    size_t len = large_file(40000, bad, &text);
    static const size_t chunks[] = {4096, 0, 300 << 10, 0};
    static const int threads[] = {1, 2, 2, 0};
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        ssat_school *school = new_school(NULL);
        ssat_problems *problems = NULL;
        assert_ok(ssat_problems_new(&problems, NULL));
        ssat_status st = import_threaded(school, SSAT_CSV_AUTO, text, len, chunks[c], threads[c], problems, NULL);
        assert_int_equal(st, bad ? SSAT_ERR_INVALID_DATA : SSAT_OK);
        char *got_school = snapshot(school), *got_problems = problem_list(problems);
        if (c == 0) {
            want_school = got_school;
            want_problems = got_problems;
            if (bad) {
                assert_int_equal(ssat_problems_count(problems), SSAT_IMPORT_MAX_PROBLEMS + 1);
                assert_non_null(strstr(got_problems, "import.row_too_long@80"));
                assert_non_null(strstr(got_problems, "import.stray_quote@"));
                assert_non_null(strstr(got_problems, "import.unlisted@"));
            } else {
                assert_int_equal(ssat_school_count(school), (40000 + 59) / 60);
                assert_int_equal(ssat_problems_count(problems), 0);
            }
        } else {
            if (strcmp(got_school, want_school) != 0 || strcmp(got_problems, want_problems) != 0)
                fail_msg("chunks of %zu bytes on %d thread(s) differ from chunks of 4096 on one", chunks[c],
                         threads[c]);
            free(got_school);
            free(got_problems);
        }
        ssat_problems_free(problems);
        ssat_school_free(school);
    }
    free(want_school);
    free(want_problems);
    free(text);
}

static void test_large_feed_two_threads(void **state)
{
    (void)state;
    check_large_feed(false);
    check_large_feed(true);
}

/* A row's pupil is the previous row's only when the ids are the same in every byte (import_pupil.c
 * compares ids of 4 to 16 bytes in two overlapping words): ids of 1 to 20 bytes that differ from the
 * previous row's at any one place are new pupils, with no second mark for a session. */
static void test_previous_pupil_every_byte(void **state)
{
    (void)state;
    size_t cap = 64 + 20 * 21 * 2 * 48, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "pupil_id,date,session,mark\n");
    size_t want = 0;
    for (size_t n = 1; n <= 20; n++) {
        char base[24], other[24];
        memset(base, 'A', n);
        base[n] = '\0';
        want++;
        for (size_t at = 0; at < n; at++) {
            memcpy(other, base, n + 1);
            other[at] = 'B';
            len += (size_t)snprintf(text + len, cap - len, "%s,2024-09-%02zu,AM,/\n%s,2024-09-%02zu,AM,/\n", base,
                                    2 + at, other, 2 + at);
            want++;
        }
    }
    assert_true(len < cap);
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(import_text(school, SSAT_CSV_LONG, text, problems));
    assert_int_equal(ssat_problems_count(problems), 0);
    assert_int_equal(ssat_school_count(school), want);
    ssat_problems_free(problems);
    ssat_school_free(school);
    free(text);
}

/* ssat_import_set_threads: 0, 1 or 2; a bad count or a finished import is refused, naming the call. */
static void test_set_threads_arguments(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    ssat_import *im = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_import_new(school, SSAT_CSV_AUTO, "t.csv", problems, &im));
    assert_int_equal(ssat_import_set_threads(NULL, 2), SSAT_ERR_INVALID_ARG);
    assert_int_equal(ssat_import_set_threads(im, 3), SSAT_ERR_INVALID_ARG);
    assert_non_null(strstr(ssat_error_message(), "ssat_import_set_threads: threads is 3"));
    assert_int_equal(ssat_import_set_threads(im, -1), SSAT_ERR_INVALID_ARG);
    for (int t = 0; t <= 2; t++)
        assert_ok(ssat_import_set_threads(im, t));
    assert_int_equal(ssat_import_finish(im, NULL), SSAT_ERR_INVALID_DATA); /* empty: no header row */
    assert_int_equal(ssat_import_set_threads(im, 2), SSAT_ERR_STATE);
    ssat_import_free(im);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* ---- all or nothing, states, arguments ----------------------------------------------------------- */

static void test_failed_import_changes_nothing(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(import_text(school, SSAT_CSV_WIDE, "pupil_id,start_date,marks\nA,2024-09-02,//\n", problems));
    assert_ok(import_text(school, SSAT_CSV_PUPILS, "pupil_id,date_of_birth,name\nA,2013-01-01,Ann\n", problems));
    char *before = snapshot(school);
    /* Good rows for a new pupil and for A, then one bad row: nothing of it may land. */
    assert_int_equal(import_text(school, SSAT_CSV_WIDE,
                                 "pupil_id,start_date,marks\nN,2024-09-02,//\nA,2024-09-03,OO\nA,2024-09-04,?\n",
                                 problems),
                     SSAT_ERR_INVALID_DATA);
    assert_int_equal(import_text(school, SSAT_CSV_PUPILS, "pupil_id,date_of_birth,name\nA,2012-01-01,Bob\nB,x,C\n",
                                 problems),
                     SSAT_ERR_INVALID_DATA);
    char *after = snapshot(school);
    assert_string_equal(before, after);
    free(before);
    free(after);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

static void test_states_and_arguments(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    ssat_import *im = NULL, *other = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_status_msg(ssat_import_new(NULL, SSAT_CSV_AUTO, "x", problems, &im), SSAT_ERR_INVALID_ARG, "'school'");
    assert_status_msg(ssat_import_new(school, SSAT_CSV_AUTO, "x", NULL, &im), SSAT_ERR_INVALID_ARG, "'problems'");
    assert_status_msg(ssat_import_new(school, (ssat_csv_kind)9, "x", problems, &im), SSAT_ERR_INVALID_ARG, "'kind'");
    assert_status_msg(ssat_import_new(school, SSAT_CSV_AUTO, "x", problems, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    assert_ok(ssat_import_new(school, SSAT_CSV_AUTO, NULL, problems, &im));
    /* One import at a time per school. */
    assert_status_msg(ssat_import_new(school, SSAT_CSV_AUTO, "y", problems, &other), SSAT_ERR_STATE, "another import");
    assert_null(other);
    assert_status_msg(ssat_import_feed(NULL, "a", 1), SSAT_ERR_INVALID_ARG, "'import'");
    assert_status_msg(ssat_import_feed(im, NULL, 1), SSAT_ERR_INVALID_ARG, "'data'");
    assert_ok(ssat_import_feed(im, "pupil_id,date,session,mark\n", 27));
    assert_status_msg(ssat_import_finish(NULL, NULL), SSAT_ERR_INVALID_ARG, "'import'");
    assert_ok(ssat_import_finish(im, NULL));
    assert_status_msg(ssat_import_finish(im, NULL), SSAT_ERR_STATE, "already finished");
    assert_status_msg(ssat_import_feed(im, "x", 1), SSAT_ERR_STATE, "already finished");
    ssat_import_free(im);
    ssat_import_free(NULL);
    /* The slot is free again; an unfinished import changes nothing when freed. */
    assert_ok(ssat_import_new(school, SSAT_CSV_AUTO, "<stdin>", problems, &im));
    assert_ok(ssat_import_feed(im, "pupil_id,date,session,mark\nA,2024-09-02,AM,/\n", 45));
    ssat_import_free(im);
    assert_int_equal(ssat_school_count(school), 0);
    /* A missing source is called "<input>" in messages. */
    assert_int_equal(import_chunked(school, SSAT_CSV_AUTO, "x", 1, 0, problems, NULL), SSAT_ERR_INVALID_DATA);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* ---- allocation failure -------------------------------------------------------------------------- */

/* Every allocation of an import, from ssat_import_new to the commit, may fail: the call says so, the
 * school is as it was, no problem is half-listed and nothing leaks. */
static void test_allocation_failure(void **state)
{
    (void)state;
    static const char first[] = "pupil_id,start_date,marks\nA,2024-09-02,//\nC,2024-09-02,/\n";
    static const char second[] = "pupil_id,date,session,mark,note\n"
                                 "B,2024-09-02,AM,/,\"a long note to make the row buffer grow past its first size\"\n"
                                 "A,2024-09-03,AM,O,x\nA,2024-12-02,PM,I,x\nD,2024-09-02,AM,/,x\nE,2024-09-02,AM,/,x\n"
                                 "A,2025-06-02,AM,/,far\na,2024-09-02,AM,/,look-alike\n";
    for (size_t fail_at = 1;; fail_at++) {
        test_heap h = {0};
        ssat_allocator alloc = test_heap_allocator(&h, fail_at % 2 == 1);
        ssat_school *school = new_school(&alloc);
        ssat_problems *problems = NULL;
        assert_ok(ssat_problems_new(&problems, NULL));
        assert_ok(import_text(school, SSAT_CSV_AUTO, first, problems));
        assert_ok(import_text(school, SSAT_CSV_PUPILS, "pupil_id\nA\nC\n", problems));
        char *before = snapshot(school);
        h.fail_at = h.calls + fail_at;
        ssat_status st = import_chunked(school, SSAT_CSV_AUTO, second, sizeof second - 1, 16, problems, NULL);
        char *after = snapshot(school);
        bool failed = h.failures > 0;
        if (failed) {
            assert_int_equal(st, SSAT_ERR_NOMEM);
            assert_string_equal(before, after);
            /* A failure while reading takes back the warnings listed so far ("B has no record"); one in
             * the commit leaves the file's complete list (finishing may be tried again). */
            assert_true(ssat_problems_count(problems) == 0 || ssat_problems_count(problems) == 5);
        } else {
            assert_int_equal(st, SSAT_OK);
            assert_int_equal(ssat_school_count(school), 6);
        }
        free(before);
        free(after);
        ssat_problems_free(problems);
        ssat_school_free(school);
        assert_heap_clean(&h);
        if (!failed)
            break;
    }
}

/* ---- pupil ids ----------------------------------------------------------------------------------- */

/* Spaces around an id are trimmed (one pupil); ids that differ only in letter case or full-width
 * forms are kept apart but each gets a warning naming the id it looks like. */
static void test_ids_trimmed_and_look_alikes_warned(void **state)
{
    (void)state;
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(import_text(school, SSAT_CSV_LONG,
                          "pupil_id,date,session,mark\nP1,2024-09-02,AM,/\n P1 ,2024-09-02,PM,/\n\tP1\xe3\x80\x80,"
                          "2024-09-03,AM,/\np1,2024-09-03,PM,/\n\xef\xbc\xb0\xef\xbc\x91,2024-09-04,AM,/\nP2,2024-09-04,PM,/\n",
                          problems));
    assert_int_equal(ssat_school_count(school), 4); /* P1, P2, p1, "Ｐ１" */
    assert_string_equal(ssat_school_pupil_id(school, 0), "P1");
    assert_int_equal(ssat_register_entry_count(ssat_school_register(school, 0)), 3);
    assert_int_equal(ssat_problems_count(problems), 2);
    const ssat_problem *p = ssat_problems_at(problems, 0);
    assert_string_equal(p->id, "import.pupil_id_confusable");
    assert_int_equal(p->severity, SSAT_SEVERITY_WARNING);
    assert_string_equal(p->message_en, "t.csv:5:1: Pupil id p1 differs from P1, read earlier in this file, only in "
                                       "letter case or full-width forms: are they the same pupil?");
    p = ssat_problems_at(problems, 1);
    assert_string_equal(p->id, "import.pupil_id_confusable");
    assert_int_equal(p->line, 6);
    assert_non_null(strstr(p->message_en, "from P1,"));
    /* An id of spaces only is empty. */
    assert_int_equal(import_text(school, SSAT_CSV_LONG, "pupil_id,date,session,mark\n  ,2024-09-02,AM,/\n", problems),
                     SSAT_ERR_INVALID_DATA);
    assert_string_equal(ssat_problems_at(problems, 2)->id, "import.pupil_id");
    /* Accented letters written as one character are ids like any other. */
    assert_ok(import_text(school, SSAT_CSV_PUPILS, "pupil_id,name\nSi\xc3\xa2n,Si\xc3\xa2n\n", problems));
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* Dates are parsed once and then found by their text (a cache of 1,024 slots): over more distinct dates
 * than slots, for several pupils, every mark still lands on its own date; and the first and last
 * sessions the rules can evaluate are accepted, the one before refused. */
static void test_many_dates_and_year_bounds(void **state)
{
    (void)state;
    static const char *const codes[] = {"/", "O", "\\", "M"};
    enum { DAYS = 1500, PUPILS = 3 };
    size_t cap = 64 + (size_t)DAYS * PUPILS * 2 * 24, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "pupil_id,date,session,mark\n");
    ssat_date first = test_date("2020-01-01");
    for (int p = 0; p < PUPILS; p++)
        for (int d = 0; d < DAYS; d++)
            for (int h = 0; h < 2; h++) {
                char day[16];
                assert_ok(ssat_date_format(first + d, day, sizeof day));
                len += (size_t)snprintf(text + len, cap - len, "P%d,%s,%s,%s\n", p, day, h ? "PM" : "AM",
                                        codes[(d * 2 + h + p) % 4]);
            }
    ssat_school *school = new_school(NULL);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(import_chunked(school, SSAT_CSV_LONG, text, len, 4096, problems, NULL));
    for (int p = 0; p < PUPILS; p++)
        for (int d = 0; d < DAYS; d += 7)
            for (int h = 0; h < 2; h++) {
                char id[8], day[16];
                snprintf(id, sizeof id, "P%d", p);
                assert_ok(ssat_date_format(first + d, day, sizeof day));
                assert_string_equal(mark(school, id, day, (ssat_half)h), codes[(d * 2 + h + p) % 4]);
            }
    free(text);
    assert_ok(import_text(school, SSAT_CSV_LONG,
                          "pupil_id,date,session,mark\nQ1,1583-08-01,AM,/\nQ2,9999-07-31,PM,O\n", problems));
    assert_string_equal(mark(school, "Q1", "1583-08-01", SSAT_AM), "/");
    assert_string_equal(mark(school, "Q2", "9999-07-31", SSAT_PM), "O");
    assert_int_equal(ssat_problems_count(problems), 0);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* ---- the memory of a pupil ----------------------------------------------------------------------- */

/* A pupil with one mark costs a few hundred bytes (about 330: the school's entry, the register and the
 * record), not a school year's register (a million one-mark pupils took 1.45 GB when every register
 * started at 1024 bytes). */
static void test_one_mark_pupils_are_small(void **state)
{
    (void)state;
    enum { PUPILS = 2000 };
    size_t cap = 32 + PUPILS * 32, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "pupil_id,date,session,mark\n");
    for (int i = 0; i < PUPILS; i++)
        len += (size_t)snprintf(text + len, cap - len, "P%05d,2024-09-02,AM,/\n", i);
    test_heap h = {0};
    ssat_allocator alloc = test_heap_allocator(&h, true);
    ssat_school *school = new_school(&alloc);
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    size_t before = h.live;
    assert_ok(import_chunked(school, SSAT_CSV_LONG, text, len, 0, problems, NULL));
    assert_int_equal(ssat_school_count(school), PUPILS);
    size_t per_pupil = (h.live - before) / PUPILS;
    if (per_pupil > 400)
        fail_msg("%zu bytes per one-mark pupil", per_pupil);
    ssat_problems_free(problems);
    ssat_school_free(school);
    assert_heap_clean(&h);
    free(text);
}

/* ---- terms and closures -------------------------------------------------------------------------- */

static void test_calendar_import(void **state)
{
    (void)state;
    ssat_calendar *cal = NULL;
    ssat_problems *problems = NULL;
    assert_ok(ssat_calendar_new(2024, NULL, &cal));
    assert_ok(ssat_problems_new(&problems, NULL));
    static const char terms[] = "name,start,end\nautumn,2024-09-02,2024-12-20\n\"spring, Gwanwyn\",2025-01-06,"
                                "2025-04-11\nsummer,2025-04-28,2025-07-18\n";
    assert_ok(ssat_calendar_import_terms(cal, terms, sizeof terms - 1, "terms.csv", problems));
    assert_int_equal(ssat_calendar_term_count(cal), 3);
    const char *name;
    assert_ok(ssat_calendar_term_at(cal, 1, &name, NULL, NULL));
    assert_string_equal(name, "spring, Gwanwyn");
    static const char closures[] = "start,end\n2024-10-28,2024-11-01\n";
    assert_ok(ssat_calendar_import_closures(cal, closures, sizeof closures - 1, "closures.csv", problems));
    int32_t school_day = 1;
    assert_ok(ssat_calendar_is_school_day(cal, test_date("2024-10-30"), &school_day));
    assert_int_equal(school_day, 0);
    assert_int_equal(ssat_problems_count(problems), 0);

    /* Every problem at once, and the calendar unchanged. */
    static const char bad[] = "name,start,end\n"
                              "autumn,2024-09-02,2024-12-20\n"
                              "autumn,2025-01-06,2025-01-10\n"  /* name used twice */
                              "spring,2025-01-06,2024-12-01\n"  /* end before start */
                              "summer,2025-04-28,2025-08-18\n"  /* outside the school year */
                              "extra,2024-12-01,2024-12-31\n"   /* overlaps autumn */
                              "x,2025-02-30,2025-03-01\n"       /* no such date */
                              ",2025-03-02,2025-03-03\n";       /* no name */
    assert_status_msg(ssat_calendar_import_terms(cal, bad, sizeof bad - 1, "terms.csv", problems),
                      SSAT_ERR_INVALID_DATA, "6 errors in terms.csv; first: terms.csv:3:1:");
    char *list = problem_list(problems);
    assert_non_null(strstr(list, "import.term_duplicate@3:1 name|"));
    assert_non_null(strstr(list, "import.date_order@4:19 end|terms.csv:4:19: The end date 2024-12-01 is before the "
                                 "start date 2025-01-06|"));
    assert_non_null(strstr(list, "import.date_range@5:8 start|terms.csv:5:8: The dates 2025-04-28 to 2025-08-18 are "
                                 "not inside school year 2024/25 (1 August to 31 July)|"));
    assert_non_null(strstr(list, "import.term_overlap@6:7 start|"));
    assert_non_null(strstr(list, "import.date@7:3 start|"));
    assert_non_null(strstr(list, "import.term_name@8:1 name|"));
    free(list);
    assert_int_equal(ssat_calendar_term_count(cal), 3);
    assert_ok(ssat_calendar_term_at(cal, 1, &name, NULL, NULL));
    assert_string_equal(name, "spring, Gwanwyn");
    ssat_problems_clear(problems);
    assert_status_msg(ssat_calendar_import_closures(cal, "name,start\nx,2024-09-02\n", 22, "c.csv", problems),
                      SSAT_ERR_INVALID_DATA, "c.csv:1:1:");
    assert_status_msg(ssat_calendar_import_terms(NULL, "", 0, NULL, problems), SSAT_ERR_INVALID_ARG, "'calendar'");
    assert_status_msg(ssat_calendar_import_terms(cal, NULL, 0, NULL, problems), SSAT_ERR_INVALID_ARG, "'data'");
    assert_status_msg(ssat_calendar_import_terms(cal, "", 0, NULL, NULL), SSAT_ERR_INVALID_ARG, "'problems'");
    ssat_problems_free(problems);
    ssat_calendar_free(cal);
}

static void test_calendar_import_allocation_failure(void **state)
{
    (void)state;
    static const char terms[] = "name,start,end\nautumn,2024-09-02,2024-12-20\nspring,2025-01-06,2025-04-11\n";
    for (size_t fail_at = 1;; fail_at++) {
        test_heap h = {0};
        ssat_allocator alloc = test_heap_allocator(&h, true);
        ssat_calendar *cal = NULL;
        ssat_problems *problems = NULL;
        assert_ok(ssat_calendar_new(2024, &alloc, &cal));
        assert_ok(ssat_problems_new(&problems, NULL));
        h.fail_at = h.calls + fail_at;
        ssat_status st = ssat_calendar_import_terms(cal, terms, sizeof terms - 1, "t", problems);
        bool failed = h.failures > 0;
        assert_int_equal(st, failed ? SSAT_ERR_NOMEM : SSAT_OK);
        assert_int_equal(ssat_calendar_term_count(cal), failed ? 3 : 2); /* the census terms, or the file's */
        ssat_problems_free(problems);
        ssat_calendar_free(cal);
        assert_heap_clean(&h);
        if (!failed)
            break;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_any_order_extra_columns),
        cmocka_unit_test(test_england_two_character_codes),
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_wide_two_rows),
        cmocka_unit_test(test_locate_long),
        cmocka_unit_test(test_pupils),
        cmocka_unit_test(test_second_file_merges),
        cmocka_unit_test(test_every_problem),
        cmocka_unit_test(test_all_problems_listed),
        cmocka_unit_test(test_problem_limit),
        cmocka_unit_test(test_row_too_long),
        cmocka_unit_test(test_chunking),
        cmocka_unit_test(test_large_feed_two_threads),
        cmocka_unit_test(test_previous_pupil_every_byte),
        cmocka_unit_test(test_set_threads_arguments),
        cmocka_unit_test(test_failed_import_changes_nothing),
        cmocka_unit_test(test_states_and_arguments),
        cmocka_unit_test(test_allocation_failure),
        cmocka_unit_test(test_ids_trimmed_and_look_alikes_warned),
        cmocka_unit_test(test_many_dates_and_year_bounds),
        cmocka_unit_test(test_one_mark_pupils_are_small),
        cmocka_unit_test(test_calendar_import),
        cmocka_unit_test(test_calendar_import_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
