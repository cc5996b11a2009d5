/* Tests of the CTF reader (lib/school/ctf.c): a whole file read, any chunking giving the same result, all or
 * nothing, and every refusal of the XML itself (malformed, truncated, DOCTYPE and entity bombs, depth,
 * long markup, long text) at its line and column; the code set of a file; telling XML from CSV. */
#include "ctf_fixture.h"
#include "heap.h"

static const char sample[] = CTF_HEAD
    "<Pupil><UPN>" UPN1 "</UPN><Surname>Lewis</Surname><Forename>Ioan</Forename><DOB>2013-02-11</DOB>\n"
    "<Attendance><YearData><Year>2024</Year><LEA>669</LEA>\n"
    "<SessionsPossible>6</SessionsPossible><SessionsAuthorised>1</SessionsAuthorised>"
    "<SessionsAttended>4</SessionsAttended><SessionsUnauthorised>1</SessionsUnauthorised>\n"
    "<AttendSessions><AttendanceStartDate>2024-09-06</AttendanceStartDate>"
    "<AttendanceMarks>/\\####IO/\\</AttendanceMarks></AttendSessions></YearData></Attendance></Pupil>\n"
    "<Pupil><UPN>" UPN2 "</UPN><Forename>Cerys</Forename></Pupil>\n" CTF_TAIL;

static const char *mark_of(const ssat_school *school, const char *upn, const char *date, ssat_half half)
{
    size_t i;
    const char *code = NULL;
    assert_ok(ssat_school_find(school, upn, &i));
    assert_ok(ssat_register_mark(ssat_school_register(school, i), test_date(date), half, &code));
    return code;
}

static void test_reads_pupils_and_marks(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    size_t pupils = 0;
    assert_ok(ctf_import_chunked(school, sample, strlen(sample), 0, problems, &pupils));
    assert_int_equal(pupils, 2);
    assert_int_equal(ssat_problems_count(problems), 0);
    assert_int_equal(ssat_school_count(school), 2);
    size_t i;
    assert_ok(ssat_school_find(school, UPN1, &i));
    assert_string_equal(ssat_school_pupil_detail(school, i, "name"), "Ioan Lewis");
    ssat_date dob;
    assert_ok(ssat_pupil_date_of_birth(ssat_school_pupil(school, i), &dob));
    assert_int_equal(dob, test_date("2013-02-11"));
    /* Friday 6th AM/PM, the weekend ##, Monday 9th I and O, Tuesday 10th / and \ */
    assert_string_equal(mark_of(school, UPN1, "2024-09-06", SSAT_AM), "/");
    assert_string_equal(mark_of(school, UPN1, "2024-09-06", SSAT_PM), "\\");
    assert_null(mark_of(school, UPN1, "2024-09-07", SSAT_AM));
    assert_string_equal(mark_of(school, UPN1, "2024-09-09", SSAT_AM), "I");
    assert_string_equal(mark_of(school, UPN1, "2024-09-09", SSAT_PM), "O");
    assert_string_equal(mark_of(school, UPN1, "2024-09-10", SSAT_PM), "\\");
    ssat_summary *sum = NULL;
    ssat_window span;
    assert_ok(ssat_register_span(ssat_school_register(school, i), &span));
    assert_ok(ssat_attendance_compute(ssat_school_register(school, i), &span, &sum));
    assert_int_equal(ssat_summary_totals(sum)->possible, 6);
    assert_int_equal(ssat_summary_totals(sum)->attended, 4);
    ssat_summary_free(sum);
    ssat_date last;
    assert_ok(ssat_school_last_date(school, &last));
    assert_int_equal(last, test_date("2024-09-10"));
    assert_ok(ssat_school_find(school, UPN2, &i));
    assert_string_equal(ssat_school_pupil_detail(school, i, "name"), "Cerys");
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* Any chunking, down to one byte at a time, gives the same school and problems. */
static void test_any_chunking(void **state)
{
    (void)state;
    static const char bad[] = CTF_PUPIL("<UPN>" UPN1 "</UPN><Attendance><YearData><AttendSessions>"
                                        "<AttendanceStartDate>2024-09-06</AttendanceStartDate>"
                                        "<AttendanceMarks>/Q</AttendanceMarks></AttendSessions></YearData></Attendance>");
    const char *texts[2] = {sample, bad};
    for (size_t k = 0; k < 2; k++) {
        char *first = NULL;
        for (size_t chunk = 0; chunk < 9; chunk += chunk == 0 ? 1 : 4) {
            ssat_school *school = ctf_school("wales-2010");
            ssat_problems *problems = NULL;
            assert_ok(ssat_problems_new(&problems, NULL));
            ssat_status st = ctf_import_chunked(school, texts[k], strlen(texts[k]), chunk, problems, NULL);
            assert_int_equal(st, k == 0 ? SSAT_OK : SSAT_ERR_INVALID_DATA);
            char *got = ctf_problems(problems);
            if (first == NULL)
                first = got;
            else {
                assert_string_equal(got, first);
                free(got);
            }
            assert_int_equal(ssat_school_count(school), k == 0 ? 2 : 0);
            ssat_problems_free(problems);
            ssat_school_free(school);
        }
        if (k == 1)
            assert_string_equal(first, "ctf.unknown_code@3:141\n");
        free(first);
    }
}

/* One error anywhere: nothing of the file is imported, and the message names the file and place. */
static void test_all_or_nothing(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    static const char text[] = CTF_HEAD "<Pupil><UPN>" UPN1 "</UPN></Pupil>\n<Pupil><UPN>X1</UPN></Pupil>\n" CTF_TAIL;
    assert_int_equal(ctf_expect(school, text, "ctf.upn_form@4:8\n"), SSAT_ERR_INVALID_DATA);
    assert_true(test_message_mentions("1 error in t.xml; first: t.xml:4:8: The UPN \"X1\""));
    assert_int_equal(ssat_school_count(school), 0);
    ssat_school_free(school);
}

static void test_malformed_and_truncated(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    assert_int_equal(ctf_expect(school, "<CTfile><a></b></CTfile>", "ctf.xml@1:14\n"), SSAT_ERR_INVALID_DATA);
    assert_true(test_message_mentions("not well-formed XML: mismatched tag"));
    /* the sample cut in the middle of a Pupil: nothing read */
    char cut[200];
    memcpy(cut, sample, 150);
    cut[150] = '\0';
    assert_int_equal(ctf_expect(school, cut, "ctf.xml@3:46\n"), SSAT_ERR_INVALID_DATA);
    assert_int_equal(ctf_expect(school, "", "ctf.xml@1:1\n"), SSAT_ERR_INVALID_DATA);
    assert_int_equal(ctf_expect(school, "<Other/>", "ctf.root@1:1\n"), SSAT_ERR_INVALID_DATA);
    assert_int_equal(ssat_school_count(school), 0);
    ssat_school_free(school);
}

/* A DOCTYPE is refused (where expat reports it) before any entity is declared: no bomb, no external entity, no network. */
static void test_doctype_bombs_and_external_entities(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    static const char bomb[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE CTfile [\n <!ENTITY a \"aaaaaaaaaa\">\n"
                               " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
                               "]>\n<CTfile><CTFpupilData><Pupil><UPN>&c;</UPN></Pupil></CTFpupilData></CTfile>\n";
    assert_int_equal(ctf_expect(school, bomb, "ctf.doctype@2:18\n"), SSAT_ERR_INVALID_DATA);
    static const char external[] = "<!DOCTYPE CTfile SYSTEM \"http://example.invalid/ctf.dtd\">\n"
                                   "<CTfile><x>&ext;</x></CTfile>";
    assert_int_equal(ctf_expect(school, external, "ctf.doctype@1:57\n"), SSAT_ERR_INVALID_DATA);
    /* an entity never declared is an XML error, not a fetch */
    assert_int_equal(ctf_expect(school, "<CTfile><x>&ext;</x></CTfile>", "ctf.xml@1:12\n"), SSAT_ERR_INVALID_DATA);
    ssat_school_free(school);
}

static void test_depth_and_sizes(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    char *deep = malloc(80 * 3 + 64);
    assert_non_null(deep);
    strcpy(deep, "<CTfile>");
    for (int i = 0; i < 70; i++)
        strcat(deep, "<a>");
    assert_int_equal(ctf_expect(school, deep, "ctf.depth@1:198\n"), SSAT_ERR_INVALID_DATA);
    free(deep);
    /* a huge text node in an element read: refused at its start tag, in bounded memory */
    size_t n = 3u << 20;
    char *big = malloc(n + 256);
    assert_non_null(big);
    int k = snprintf(big, 256, "%s<Pupil><UPN>", CTF_HEAD);
    memset(big + k, '9', n);
    strcpy(big + k + n, "</UPN></Pupil>" CTF_TAIL);
    assert_int_equal(ctf_expect(school, big, "ctf.text_too_long@3:8\n"), SSAT_ERR_INVALID_DATA);
    /* ... and in an element not read: skipped without being held */
    k = snprintf(big, 256, "%s<Pupil><UPN>" UPN1 "</UPN><Notes>", CTF_HEAD);
    memset(big + k, 'x', n);
    strcpy(big + k + n, "</Notes></Pupil>" CTF_TAIL);
    assert_int_equal(ctf_expect(school, big, ""), SSAT_OK);
    /* one tag of 3 MiB (an attribute): refused once 1 MiB is held */
    k = snprintf(big, 256, "<CTfile><x a=\"");
    memset(big + k, 'x', n);
    strcpy(big + k + n, "\"/></CTfile>");
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    ssat_school *other = ctf_school("wales-2010");
    assert_int_equal(ctf_import_chunked(other, big, strlen(big), 1u << 20, problems, NULL), SSAT_ERR_INVALID_DATA);
    assert_string_equal(ssat_problems_at(problems, 0)->id, "ctf.markup_too_long");
    ssat_problems_free(problems);
    ssat_school_free(other);
    free(big);
    ssat_school_free(school);
}

static void test_api_misuse(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    ssat_ctf_import *im = NULL, *other = NULL;
    assert_status_msg(ssat_ctf_import_new(NULL, "x", problems, &im), SSAT_ERR_INVALID_ARG, "'school'");
    assert_status_msg(ssat_ctf_import_new(school, "x", NULL, &im), SSAT_ERR_INVALID_ARG, "'problems'");
    assert_ok(ssat_ctf_import_new(school, NULL, problems, &im));
    assert_status_msg(ssat_ctf_import_new(school, "x", problems, &other), SSAT_ERR_STATE, "still open");
    ssat_import *csv = NULL;
    assert_int_equal(ssat_import_new(school, SSAT_CSV_AUTO, "x", problems, &csv), SSAT_ERR_STATE);
    assert_status_msg(ssat_ctf_import_feed(im, NULL, 3), SSAT_ERR_INVALID_ARG, "'data'");
    assert_ok(ssat_ctf_import_feed(im, sample, strlen(sample)));
    assert_ok(ssat_ctf_import_finish(im, NULL));
    assert_int_equal(ssat_ctf_import_feed(im, "x", 1), SSAT_ERR_STATE);
    assert_int_equal(ssat_ctf_import_finish(im, NULL), SSAT_ERR_STATE);
    ssat_ctf_import_free(im);
    ssat_ctf_import_free(NULL);
    /* importing the same pupils again: every session is a second mark */
    assert_int_equal(ctf_import(school, sample, problems), SSAT_ERR_INVALID_DATA);
    assert_string_equal(ssat_problems_at(problems, 0)->id, "ctf.duplicate_mark");
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* An allocation failure at any step: SSAT_ERR_NOMEM, the school as it was, nothing leaked (expat's own
 * memory comes from the C library; everything libssat allocates goes through the code set's allocator). */
static void test_allocation_failure(void **state)
{
    (void)state;
    static const char first[] = CTF_PUPIL("<UPN>" UPN2 "</UPN><Attendance><YearData><AttendSessions>"
                                          "<AttendanceStartDate>2024-09-02</AttendanceStartDate>"
                                          "<AttendanceMarks>/\\</AttendanceMarks></AttendSessions></YearData></Attendance>");
    for (size_t fail_at = 1;; fail_at++) {
        test_heap h = {0};
        ssat_allocator alloc = test_heap_allocator(&h, fail_at % 2 == 1);
        ssat_codeset *codes = NULL;
        ssat_school *school = NULL;
        assert_ok(ssat_codeset_builtin("wales-2010", &alloc, &codes));
        assert_ok(ssat_school_new(codes, &school));
        ssat_codeset_free(codes);
        ssat_problems *problems = NULL;
        assert_ok(ssat_problems_new(&problems, NULL));
        assert_ok(ctf_import(school, first, problems));
        h.fail_at = h.calls + fail_at;
        ssat_status st = ctf_import_chunked(school, sample, strlen(sample), 64, problems, NULL);
        bool failed = h.failures > 0;
        if (failed) {
            assert_int_equal(st, SSAT_ERR_NOMEM);
            assert_int_equal(ssat_school_count(school), 1);
            assert_string_equal(mark_of(school, UPN2, "2024-09-02", SSAT_PM), "\\");
        } else {
            assert_int_equal(st, SSAT_OK);
            assert_int_equal(ssat_school_count(school), 2);
        }
        ssat_problems_free(problems);
        ssat_school_free(school);
        assert_heap_clean(&h);
        if (!failed)
            break;
    }
}

static void test_code_set_and_detect(void **state)
{
    (void)state;
    const char *name = NULL;
    assert_ok(ssat_ctf_code_set(sample, 120, &name));
    assert_string_equal(name, "wales-2010");
    static const char english[] = "<CTfile><Header><SourceSchool><Estab>1</Estab><LEA> 201 </LEA>";
    assert_ok(ssat_ctf_code_set(english, strlen(english), &name));
    assert_string_equal(name, "england-2024");
    /* no header: the first YearData's LEA */
    static const char year[] = "<CTfile><CTFpupilData><Pupil><Attendance><YearData><LEA>681</LEA>";
    assert_ok(ssat_ctf_code_set(year, strlen(year), &name));
    assert_string_equal(name, "wales-2010");
    assert_int_equal(ssat_ctf_code_set("<CTfile><Header>", 16, &name), SSAT_ERR_NOT_FOUND);
    assert_int_equal(ssat_ctf_code_set("pupil_id,date", 13, &name), SSAT_ERR_PARSE);
    assert_int_equal(ssat_ctf_code_set("<!DOCTYPE x><CTfile>", 20, &name), SSAT_ERR_PARSE);
    assert_null(name);
    assert_int_equal(ssat_ctf_code_set(NULL, 0, NULL), SSAT_ERR_INVALID_ARG);
    assert_int_equal(ssat_ctf_detect("\xEF\xBB\xBF \n<CTfile>", 13), 1);
    assert_int_equal(ssat_ctf_detect("pupil_id,start_date,marks\n", 26), 0);
    assert_int_equal(ssat_ctf_detect("   ", 3), 0);
    assert_int_equal(ssat_ctf_detect(NULL, 3), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_pupils_and_marks),
        cmocka_unit_test(test_any_chunking),
        cmocka_unit_test(test_all_or_nothing),
        cmocka_unit_test(test_malformed_and_truncated),
        cmocka_unit_test(test_doctype_bombs_and_external_entities),
        cmocka_unit_test(test_depth_and_sizes),
        cmocka_unit_test(test_api_misuse),
        cmocka_unit_test(test_allocation_failure),
        cmocka_unit_test(test_code_set_and_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
