/* Tests of CSV maps (lib/school/csv_map.c): an MIS export read through its column names, UK dates, the
 * session names exports use and a local code map, for registers (long and wide), pupils, terms and
 * closures; every problem of a map and of a mapped file at its line and column. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

static ssat_school *school_new(void)
{
    ssat_codeset *codes = NULL;
    ssat_school *school = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &codes));
    assert_ok(ssat_school_new(codes, &school));
    ssat_codeset_free(codes);
    return school;
}

/* Import `text` through `map`; the finish status. */
static ssat_status import_mapped(ssat_school *school, ssat_csv_kind kind, const char *text, const ssat_csv_map *map,
                                 ssat_problems *problems)
{
    ssat_import *im = NULL;
    assert_ok(ssat_import_new(school, kind, "mis.csv", problems, &im));
    ssat_status st = ssat_import_set_map(im, map);
    if (st == SSAT_OK)
        st = ssat_import_feed(im, text, strlen(text));
    if (st == SSAT_OK)
        st = ssat_import_finish(im, NULL);
    ssat_import_free(im);
    return st;
}

static const char *mark_of(const ssat_school *school, const char *id, const char *date, ssat_half half)
{
    size_t i;
    const char *code = NULL;
    assert_ok(ssat_school_find(school, id, &i));
    assert_ok(ssat_register_mark(ssat_school_register(school, i), test_date(date), half, &code));
    return code;
}

static char *ids_at(const ssat_problems *problems)
{
    char *s = calloc(1, 4096);
    assert_non_null(s);
    size_t k = 0;
    for (size_t i = 0; i < ssat_problems_count(problems) && k < 3900; i++) {
        const ssat_problem *p = ssat_problems_at(problems, i);
        k += (size_t)snprintf(s + k, 4096 - k, "%s@%u:%u\n", p->id, (unsigned)p->line, (unsigned)p->column);
    }
    return s;
}

static ssat_csv_map *sims_map(void)
{
    ssat_csv_map *map = NULL;
    assert_ok(ssat_csv_map_new(NULL, &map));
    assert_ok(ssat_csv_map_set_columns(map, "pupil_id=Adno,date=Date,session=Session,mark=Mark,date_of_birth=DOB"));
    assert_ok(ssat_csv_map_set_date_format(map, "dd/mm/yyyy"));
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    static const char codes[] = "local,statutory\ni,I\nILL,I\nhol,H\n";
    assert_ok(ssat_csv_map_load_codes(map, codes, strlen(codes), "codes.csv", problems));
    assert_int_equal(ssat_csv_map_code_count(map), 3);
    ssat_problems_free(problems);
    return map;
}

/* A long export with its own headers, UK dates, Morning/Afternoon and local codes. */
static void test_long_export(void **state)
{
    (void)state;
    ssat_school *school = school_new();
    ssat_csv_map *map = sims_map();
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    static const char text[] = "Adno,Surname,Date,Session,Mark\n"
                               "1001,Lewis,02/09/2024,Morning,/\n"
                               "1001,Lewis,02/09/2024,Afternoon,ILL\n"
                               "1001,Lewis,03/09/2024,am,i\n"
                               "1001,Lewis,03/09/2024,PM,hol\n";
    assert_ok(import_mapped(school, SSAT_CSV_LONG, text, map, problems));
    assert_string_equal(mark_of(school, "1001", "2024-09-02", SSAT_AM), "/");
    assert_string_equal(mark_of(school, "1001", "2024-09-02", SSAT_PM), "I");
    assert_string_equal(mark_of(school, "1001", "2024-09-03", SSAT_AM), "I");
    assert_string_equal(mark_of(school, "1001", "2024-09-03", SSAT_PM), "H");
    /* the same map, an automatic import: the mapped long header is recognised */
    ssat_school *other = school_new();
    assert_ok(import_mapped(other, SSAT_CSV_AUTO, text, map, problems));
    assert_int_equal(ssat_school_count(other), 1);
    ssat_school_free(other);
    ssat_problems_free(problems);
    ssat_csv_map_free(map);
    ssat_school_free(school);
}

/* Problems of a mapped file: an ISO date where dd/mm/yyyy is expected, an unknown local code. */
static void test_mapped_problems(void **state)
{
    (void)state;
    ssat_school *school = school_new();
    ssat_csv_map *map = sims_map();
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    static const char text[] = "Adno,Date,Session,Mark\n"
                               "1001,2024-09-02,AM,/\n"
                               "1001,03/09/2024,AM,xyz\n"
                               "1001,03/09/2024,noon,/\n";
    assert_int_equal(import_mapped(school, SSAT_CSV_LONG, text, map, problems), SSAT_ERR_INVALID_DATA);
    char *got = ids_at(problems);
    assert_string_equal(got, "import.date_dmy@2:6\nimport.unknown_code@3:20\nimport.session@4:17\n");
    free(got);
    assert_string_equal(ssat_problems_at(problems, 0)->message_en,
                        "mis.csv:2:6: The date \"2024-09-02\" is not a date of the form DD/MM/YYYY");
    assert_int_equal(ssat_school_count(school), 0);
    /* without the map, the export's header is not a register's */
    ssat_problems_clear(problems);
    assert_int_equal(import_mapped(school, SSAT_CSV_LONG, text, NULL, problems), SSAT_ERR_INVALID_DATA);
    assert_string_equal(ssat_problems_at(problems, 0)->id, "import.header");
    ssat_problems_free(problems);
    ssat_csv_map_free(map);
    ssat_school_free(school);
}

/* Wide registers and pupils files through a map (one-character local codes in the marks). */
static void test_wide_and_pupils(void **state)
{
    (void)state;
    ssat_school *school = school_new();
    ssat_csv_map *map = NULL;
    assert_ok(ssat_csv_map_new(NULL, &map));
    assert_ok(ssat_csv_map_set_columns(map, "pupil_id=UPN,start_date=From,marks=Marks,date_of_birth=Born,name=Name"));
    assert_ok(ssat_csv_map_set_date_format(map, "dd/mm/yyyy"));
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    static const char codes[] = "local,statutory\ni,I\n";
    assert_ok(ssat_csv_map_load_codes(map, codes, strlen(codes), "codes.csv", problems));
    assert_ok(import_mapped(school, SSAT_CSV_AUTO, "UPN,From,Marks\nA1,02/09/2024,/i/\\\n", map, problems));
    assert_string_equal(mark_of(school, "A1", "2024-09-02", SSAT_PM), "I");
    assert_ok(import_mapped(school, SSAT_CSV_PUPILS, "UPN,Born,Name\nA1,11/02/2013,Ioan Lewis\n", map, problems));
    size_t i;
    assert_ok(ssat_school_find(school, "A1", &i));
    assert_string_equal(ssat_school_pupil_detail(school, i, "name"), "Ioan Lewis");
    ssat_date dob;
    assert_ok(ssat_pupil_date_of_birth(ssat_school_pupil(school, i), &dob));
    assert_int_equal(dob, test_date("2013-02-11"));
    /* a one-character code not in the map nor the set, at its column (B1 is not in the pupils file) */
    ssat_problems_clear(problems);
    assert_int_equal(import_mapped(school, SSAT_CSV_WIDE, "UPN,From,Marks\nB1,02/09/2024,/q\n", map, problems),
                     SSAT_ERR_INVALID_DATA);
    char *got = ids_at(problems);
    assert_string_equal(got, "import.pupil_no_record@2:1\nimport.unknown_code@2:16\n");
    free(got);
    ssat_problems_free(problems);
    ssat_csv_map_free(map);
    ssat_school_free(school);
}

static void test_terms_and_closures(void **state)
{
    (void)state;
    ssat_calendar *cal = NULL;
    assert_ok(ssat_calendar_new(2024, NULL, &cal));
    ssat_csv_map *map = NULL;
    assert_ok(ssat_csv_map_new(NULL, &map));
    assert_ok(ssat_csv_map_set_columns(map, "name=Term,start=First day,end=Last day"));
    assert_ok(ssat_csv_map_set_date_format(map, "dd/mm/yyyy"));
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    static const char terms[] = "Term,First day,Last day\nautumn,02/09/2024,20/12/2024\n";
    assert_ok(ssat_calendar_import_terms_mapped(cal, terms, strlen(terms), "terms.csv", problems, map));
    assert_int_equal(ssat_calendar_term_count(cal), 1);
    static const char closures[] = "Term,First day,Last day\nINSET,2024-09-02,02/09/2024\n";
    assert_int_equal(ssat_calendar_import_closures_mapped(cal, closures, strlen(closures), "c.csv", problems, map),
                     SSAT_ERR_INVALID_DATA);
    char *got = ids_at(problems);
    assert_string_equal(got, "import.date_dmy@2:7\n");
    free(got);
    /* NULL map: as the plain import */
    static const char plain[] = "name,start,end\nINSET,2024-09-02,2024-09-02\n";
    assert_ok(ssat_calendar_import_closures_mapped(cal, plain, strlen(plain), "c.csv", problems, NULL));
    ssat_problems_free(problems);
    ssat_csv_map_free(map);
    ssat_calendar_free(cal);
}

static void test_map_errors(void **state)
{
    (void)state;
    ssat_csv_map *map = NULL;
    assert_ok(ssat_csv_map_new(NULL, &map));
    assert_status_msg(ssat_csv_map_set_columns(map, "pupil=Adno"), SSAT_ERR_INVALID_ARG, "\"pupil\" is not a field");
    assert_status_msg(ssat_csv_map_set_columns(map, "date=A,date=B"), SSAT_ERR_INVALID_ARG, "named twice");
    assert_status_msg(ssat_csv_map_set_columns(map, "mark"), SSAT_ERR_INVALID_ARG, "is not field=Header");
    assert_status_msg(ssat_csv_map_set_columns(map, "mark="), SSAT_ERR_INVALID_ARG, "1 to 64 bytes");
    assert_status_msg(ssat_csv_map_set_date_format(map, "mm/dd/yyyy"), SSAT_ERR_INVALID_ARG, "neither");
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    static const char bad[] = "local,statutory\ni,I\nlong-local-code,I\ni,O\nx,\n";
    assert_int_equal(ssat_csv_map_load_codes(map, bad, strlen(bad), "codes.csv", problems), SSAT_ERR_INVALID_DATA);
    char *got = ids_at(problems);
    assert_string_equal(got, "csvmap.code@3:1\ncsvmap.duplicate@4:1\ncsvmap.code@5:3\n");
    free(got);
    assert_int_equal(ssat_csv_map_code_count(map), 0); /* unchanged */
    ssat_problems_clear(problems);
    assert_int_equal(ssat_csv_map_load_codes(map, "a,b\n", 4, "codes.csv", problems), SSAT_ERR_INVALID_DATA);
    assert_string_equal(ssat_problems_at(problems, 0)->id, "csvmap.header");
    /* a statutory code the school's set lacks; a map set after data was fed */
    static const char odd[] = "local,statutory\nk,K\n";
    ssat_problems_clear(problems);
    assert_ok(ssat_csv_map_load_codes(map, odd, strlen(odd), "codes.csv", problems));
    ssat_school *school = school_new();
    ssat_import *im = NULL;
    assert_ok(ssat_import_new(school, SSAT_CSV_AUTO, "x.csv", problems, &im));
    assert_status_msg(ssat_import_set_map(im, map), SSAT_ERR_INVALID_ARG, "line 2 maps \"k\" to \"K\", which is not in code set wales-2010");
    assert_ok(ssat_import_feed(im, "pupil_id", 8));
    assert_status_msg(ssat_import_set_map(im, NULL), SSAT_ERR_STATE, "set the map first");
    ssat_import_free(im);
    ssat_school_free(school);
    ssat_problems_free(problems);
    ssat_csv_map_free(map);
    ssat_csv_map_free(NULL);
    assert_int_equal(ssat_csv_map_new(NULL, NULL), SSAT_ERR_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_export),
        cmocka_unit_test(test_mapped_problems),
        cmocka_unit_test(test_wide_and_pupils),
        cmocka_unit_test(test_terms_and_closures),
        cmocka_unit_test(test_map_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
