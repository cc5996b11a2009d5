/* Tests of one CTF Pupil applied to a school (lib/school/ctf_pupil.c): the UPN and its check letter, the
 * record, the marks (weekends, odd lengths, unknown codes, England's two-character codes, second marks,
 * the nation's code set) each at its line and column, and the four totals compared as warnings. */
#include "ctf_fixture.h"

/* One YearData of UPN1 starting Friday 2024-09-06 with `marks`, the totals given as XML. */
#define YEAR(totals, marks)                                                                               \
    CTF_PUPIL("<UPN>" UPN1 "</UPN><Attendance><YearData><Year>2024</Year><LEA>669</LEA>" totals           \
              "\n<AttendSessions><AttendanceStartDate>2024-09-06</AttendanceStartDate><AttendanceMarks>" marks \
              "</AttendanceMarks></AttendSessions></YearData></Attendance>")
/* Line 4 starts "<AttendSessions>...<AttendanceMarks>": the first mark is at column 87. */

static void test_upn(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    assert_int_equal(ctf_expect(school, CTF_PUPIL("<Surname>Lewis</Surname>"), "ctf.upn_missing@3:1\n"),
                     SSAT_ERR_INVALID_DATA);
    assert_int_equal(ctf_expect(school, CTF_PUPIL("<UPN>A66940012400</UPN>"), "ctf.upn_form@3:8\n"),
                     SSAT_ERR_INVALID_DATA);
    assert_int_equal(ctf_expect(school, CTF_PUPIL("<UPN>A669400124000</UPN>"), "ctf.upn_check@3:8\n"),
                     SSAT_ERR_INVALID_DATA);
    assert_true(test_message_mentions("check letter A but its digits give Q"));
    assert_int_equal(ctf_expect(school, CTF_PUPIL("<UPN>" UPN1 "</UPN><UPN>" UPN2 "</UPN>"), "ctf.element_twice@3:32\n"),
                     SSAT_ERR_INVALID_DATA);
    static const char twice[] = CTF_HEAD "<Pupil><UPN>" UPN1 "</UPN></Pupil>\n<Pupil><UPN> " UPN1 "\n</UPN></Pupil>\n" CTF_TAIL;
    assert_int_equal(ctf_expect(school, twice, "ctf.duplicate_pupil@4:8\n"), SSAT_ERR_INVALID_DATA);
    assert_true(test_message_mentions("first at line 3"));
    /* a temporary UPN (a letter last) and white space around it are accepted */
    assert_int_equal(ctf_expect(school, CTF_PUPIL("<UPN>\n A66940012400T </UPN>"), ""), SSAT_OK);
    assert_int_equal(ssat_school_count(school), 1);
    assert_string_equal(ssat_school_pupil_id(school, 0), "A66940012400T");
    ssat_school_free(school);
}

static void test_record(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    assert_int_equal(ctf_expect(school, CTF_PUPIL("<UPN>" UPN1 "</UPN><DOB>11/02/2013</DOB>"), "ctf.date@3:32\n"),
                     SSAT_ERR_INVALID_DATA);
    assert_int_equal(ctf_expect(school, CTF_PUPIL("<UPN>" UPN1 "</UPN><Surname>a\tb</Surname>"), "ctf.text@3:32\n"),
                     SSAT_ERR_INVALID_DATA);
    /* element order does not matter; a Welsh name in UTF-8 */
    assert_int_equal(ctf_expect(school, CTF_PUPIL("<Surname>Llŷr</Surname><DOB>2013-02-11</DOB><UPN>" UPN1 "</UPN>"
                                                  "<Forename>Gwenllïan</Forename>"), ""), SSAT_OK);
    assert_string_equal(ssat_school_pupil_detail(school, 0, "name"), "Gwenllïan Llŷr");
    ssat_school_free(school);
}

static void test_marks_problems(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    /* Friday AM/PM, then Saturday: a mark where ## belongs */
    assert_int_equal(ctf_expect(school, YEAR("", "/\\#/##"), "ctf.weekend@4:90\n"), SSAT_ERR_INVALID_DATA);
    assert_true(test_message_mentions("7 September 2024 PM"));
    assert_int_equal(ctf_expect(school, YEAR("", "/\\###"), "ctf.marks_length@4:70\n"), SSAT_ERR_INVALID_DATA);
    assert_int_equal(ctf_expect(school, YEAR("", "/Q####/é"), "ctf.unknown_code@4:88\nctf.unknown_code@4:94\n"),
                     SSAT_ERR_INVALID_DATA);
    /* columns after a two-byte character, whole days and a line break inside the marks (each a session) */
    assert_int_equal(ctf_expect(school, YEAR("", "/é####\nQ/\\/\\/\\/\\##Q#"),
                                "ctf.unknown_code@4:88\nctf.unknown_code@4:93\nctf.unknown_code@5:1\nctf.weekend@5:12\n"),
                     SSAT_ERR_INVALID_DATA);
    /* marks starting on a line of their own: white space around them is not marks */
    assert_int_equal(ctf_expect(school, YEAR("", "\n   /Q \n"), "ctf.unknown_code@5:5\n"), SSAT_ERR_INVALID_DATA);
    assert_int_equal(ctf_expect(school, YEAR("", "/\\##Q"), "ctf.marks_length@4:70\nctf.weekend@4:91\n"), SSAT_ERR_INVALID_DATA);
    static const char no_start[] = CTF_PUPIL("<UPN>" UPN1 "</UPN><Attendance><YearData><AttendSessions>"
                                             "<AttendanceMarks>/\\</AttendanceMarks></AttendSessions></YearData></Attendance>");
    assert_int_equal(ctf_expect(school, no_start, "ctf.missing@3:44\n"), SSAT_ERR_INVALID_DATA);
    static const char wrong_year[] = CTF_PUPIL("<UPN>" UPN1 "</UPN><Attendance><YearData><Year>2023</Year><AttendSessions>"
                                               "<AttendanceStartDate>2024-09-06</AttendanceStartDate><AttendanceMarks>/\\"
                                               "</AttendanceMarks></AttendSessions></YearData></Attendance>");
    assert_int_equal(ctf_expect(school, wrong_year, "ctf.start_year@3:87\n"), SSAT_ERR_INVALID_DATA);
    static const char bad_year[] = CTF_PUPIL("<UPN>" UPN1 "</UPN><Attendance><YearData><Year>24</Year><AttendSessions>"
                                             "</AttendSessions></YearData></Attendance>");
    assert_int_equal(ctf_expect(school, bad_year, "ctf.year@3:54\n"), SSAT_ERR_INVALID_DATA);
    assert_int_equal(ssat_school_count(school), 0);
    ssat_school_free(school);
}

/* Two YearData of one pupil overlapping; and a file's marks for sessions the school already has. */
static void test_second_marks(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    static const char overlap[] = CTF_PUPIL(
        "<UPN>" UPN1 "</UPN><Attendance>\n"
        "<YearData><AttendSessions><AttendanceStartDate>2024-09-06</AttendanceStartDate><AttendanceMarks>/\\</AttendanceMarks></AttendSessions></YearData>\n"
        "<YearData><AttendSessions><AttendanceStartDate>2024-09-06</AttendanceStartDate><AttendanceMarks>#O</AttendanceMarks></AttendSessions></YearData>\n"
        "</Attendance>");
    assert_int_equal(ctf_expect(school, overlap, "ctf.duplicate_mark@5:98\n"), SSAT_ERR_INVALID_DATA);
    assert_true(test_message_mentions("a second mark (\"O\") for a session that already has one (\"\\\")"));
    assert_int_equal(ctf_expect(school, YEAR("", "/\\"), ""), SSAT_OK);
    assert_int_equal(ctf_expect(school, YEAR("", "#-"), "ctf.duplicate_mark@4:88\n"), SSAT_ERR_INVALID_DATA);
    ssat_school_free(school);
}

/* Totals that differ from the marks are warnings naming pupil, year and both figures. */
static void test_totals(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("wales-2010");
    /* / \ I O: possible 4, attended 2, authorised 1, unauthorised 1; L counts as attended, U does not */
    assert_int_equal(ctf_expect(school,
                                YEAR("<SessionsPossible>4</SessionsPossible><SessionsAttended>2</SessionsAttended>"
                                     "<SessionsAuthorised>1</SessionsAuthorised><SessionsUnauthorised>1</SessionsUnauthorised>",
                                     "/\\####IO"),
                                ""),
                     SSAT_OK);
    ssat_school_free(school);
    school = ctf_school("wales-2010");
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ctf_import(school,
                         YEAR("<SessionsPossible>4</SessionsPossible><SessionsAttended>1</SessionsAttended>"
                              "<SessionsUnauthorised>x</SessionsUnauthorised>",
                              "L\\####UO"),
                         problems));
    char *got = ctf_problems(problems);
    assert_string_equal(got, "ctf.totals@3:123\nctf.totals@3:161\n");
    free(got);
    const ssat_problem *p = ssat_problems_at(problems, 0);
    assert_int_equal(p->severity, SSAT_SEVERITY_WARNING);
    assert_string_equal(p->message_en, "t.xml:3:123: Pupil " UPN1 ", year 2024: SessionsAttended is 1 in the file but 2 "
                                       "counted from the marks");
    assert_string_equal(ssat_problems_at(problems, 1)->message_cy,
                        "t.xml:3:161: Disgybl " UPN1 ", blwyddyn 2024: mae SessionsUnauthorised yn x yn y ffeil ond yn 2 wrth "
                        "gyfrif y marciau");
    assert_int_equal(ssat_school_count(school), 1);
    ssat_problems_free(problems);
    ssat_school_free(school);
}

/* The nation's code set; England's two-character codes cannot be written one character a session. */
static void test_nation_and_england(void **state)
{
    (void)state;
    ssat_school *school = ctf_school("england-2024");
    assert_int_equal(ctf_expect(school, YEAR("", "/\\"), "ctf.nation@3:71\n"), SSAT_ERR_INVALID_DATA);
    assert_true(test_message_mentions("authority 669, whose marks are in code set wales-2010"));
    static const char english[] = CTF_PUPIL("<UPN>" UPN_EN "</UPN><Attendance><YearData><LEA>201</LEA><AttendSessions>"
                                            "<AttendanceStartDate>2024-09-06</AttendanceStartDate>"
                                            "<AttendanceMarks>/Y####K\\</AttendanceMarks></AttendSessions></YearData></Attendance>");
    assert_int_equal(ctf_expect(school, english, "ctf.code_two_char@3:155\n"), SSAT_ERR_INVALID_DATA);
    assert_true(test_message_mentions("\"Y\" is not a code of set england-2024, only the start of Y1, Y2, Y3"));
    static const char good[] = CTF_PUPIL("<UPN>" UPN_EN "</UPN><Attendance><YearData><LEA>201</LEA><AttendSessions>"
                                         "<AttendanceStartDate>2024-09-06</AttendanceStartDate>"
                                         "<AttendanceMarks>/C####K\\</AttendanceMarks></AttendSessions></YearData></Attendance>");
    assert_int_equal(ctf_expect(school, good, ""), SSAT_OK);
    ssat_school_free(school);
    /* a custom code set (a local copy of the Welsh one) is not tied to a nation: Y is a Welsh code, K is not */
    ssat_codeset *wales = NULL, *local = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &wales));
    assert_ok(ssat_codeset_copy(wales, "local", &local));
    assert_ok(ssat_school_new(local, &school));
    assert_int_equal(ctf_expect(school, english, "ctf.unknown_code@3:160\n"), SSAT_ERR_INVALID_DATA);
    ssat_codeset_free(wales);
    ssat_codeset_free(local);
    ssat_school_free(school);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_upn),
        cmocka_unit_test(test_record),
        cmocka_unit_test(test_marks_problems),
        cmocka_unit_test(test_second_marks),
        cmocka_unit_test(test_totals),
        cmocka_unit_test(test_nation_and_england),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
