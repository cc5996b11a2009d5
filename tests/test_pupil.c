/* Tests of lib/register/pupil.c: compulsory school age (Education Act 1996 s8) at each prescribed day, the day
 * after, the school leaving date and 29 February birthdays; pupils' facts and dates of birth; parents'
 * penalty-notice histories; every error path; memory through a counting and a failing allocator. */
#include "support.h"
#include "heap.h"

#define D(iso) test_date(iso)

/* ---- compulsory school age --------------------------------------------------------------------------- */

static void assert_school_age(const char *born, const char *first, const char *last)
{
    ssat_date f = -1, l = -1;
    assert_ok(ssat_compulsory_school_age(D(born), &f, &l));
    char fb[SSAT_DATE_BUFSIZE], lb[SSAT_DATE_BUFSIZE];
    assert_ok(ssat_date_format(f, fb, sizeof fb));
    assert_ok(ssat_date_format(l, lb, sizeof lb));
    if (strcmp(fb, first) != 0 || strcmp(lb, last) != 0)
        fail_msg("born %s: compulsory school age %s to %s, expected %s to %s", born, fb, lb, first, last);
    /* The leaving date is a Friday in June. */
    assert_int_equal(ssat_date_weekday(l), 5);
    assert_int_equal(lb[5], '0');
    assert_int_equal(lb[6], '6');
}

static int32_t is_cse(const char *born, const char *on)
{
    int32_t v = -1;
    assert_ok(ssat_is_compulsory_school_age(D(born), D(on), &v));
    return v;
}

/* Begins on a prescribed day (31 August, 31 December, 31 March) on or after the fifth birthday: on the
 * birthday itself when it is one, else the next. */
static void begins_on_prescribed_day(void **state)
{
    (void)state;
    /* Fifth birthday on 31 August 2024: that day. The day after: 31 December. */
    assert_school_age("2019-08-31", "2024-08-31", "2035-06-29");
    assert_school_age("2019-09-01", "2024-12-31", "2036-06-27");
    /* On 31 December, and the day after: 31 March. */
    assert_school_age("2019-12-31", "2024-12-31", "2036-06-27");
    assert_school_age("2020-01-01", "2025-03-31", "2036-06-27");
    /* On 31 March, and the day after: 31 August. */
    assert_school_age("2020-03-31", "2025-03-31", "2036-06-27");
    assert_school_age("2020-04-01", "2025-08-31", "2036-06-27");
    /* The day before each prescribed day: that prescribed day. */
    assert_school_age("2019-08-30", "2024-08-31", "2035-06-29");
    assert_school_age("2019-12-30", "2024-12-31", "2036-06-27");
    assert_school_age("2020-03-30", "2025-03-31", "2036-06-27");
}

/* Ends on the last Friday in June of the school year (1 September to 31 August) in which the child
 * turns 16. Born 31 August 2008: 16 on 31 August 2024, the last day of school year 2023/24, whose last
 * Friday in June is 28 June 2024 (30 June 2024 is a Sunday). Born 1 September 2008: 16 on the first day
 * of 2024/25, which ends with Friday 27 June 2025 (30 June 2025 is a Monday). */
static void leaving_date(void **state)
{
    (void)state;
    assert_school_age("2008-08-31", "2013-08-31", "2024-06-28");
    assert_school_age("2008-09-01", "2013-12-31", "2025-06-27");
    /* 16 in June, on or after the leaving date but before 1 September: still that leaving date. */
    assert_school_age("2008-06-29", "2013-08-31", "2024-06-28");
    assert_school_age("2008-07-15", "2013-08-31", "2024-06-28");
    /* A leaving date that is 30 June itself (a Friday in 2028). */
    assert_school_age("2012-03-15", "2017-03-31", "2028-06-30");
    assert_school_age("2011-09-01", "2016-12-31", "2028-06-30");
    assert_school_age("2011-08-31", "2016-08-31", "2027-06-25");
}

/* A 29 February birthday is reached on 1 March in common years. */
static void leap_day_birthday(void **state)
{
    (void)state;
    /* Born 29 February 2016: fifth birthday 1 March 2021 (common), so 31 March 2021; 16 on
     * 29 February 2032 (leap), school year 2031/32, leaving Friday 25 June 2032. */
    assert_school_age("2016-02-29", "2021-03-31", "2032-06-25");
    /* Born 29 February 2020: fifth birthday 1 March 2025; 16 on 29 February 2036. */
    assert_school_age("2020-02-29", "2025-03-31", "2036-06-27");
    /* The same as a child born on 1 March, and not earlier than one born on 28 February. */
    assert_school_age("2020-02-28", "2025-03-31", "2036-06-27");
    assert_school_age("2020-03-01", "2025-03-31", "2036-06-27");
    assert_int_equal(is_cse("2016-02-29", "2021-03-30"), 0);
    assert_int_equal(is_cse("2016-02-29", "2021-03-31"), 1);
}

/* Just under and just over, on the as-of date. */
static void is_compulsory_school_age_on(void **state)
{
    (void)state;
    assert_int_equal(is_cse("2019-09-01", "2024-12-30"), 0);
    assert_int_equal(is_cse("2019-09-01", "2024-12-31"), 1);
    assert_int_equal(is_cse("2019-08-31", "2024-08-30"), 0);
    assert_int_equal(is_cse("2019-08-31", "2024-08-31"), 1);
    assert_int_equal(is_cse("2020-03-31", "2025-03-30"), 0);
    assert_int_equal(is_cse("2020-03-31", "2025-03-31"), 1);
    /* Leaving: in on the leaving date, out the day after. */
    assert_int_equal(is_cse("2008-08-31", "2024-06-28"), 1);
    assert_int_equal(is_cse("2008-08-31", "2024-06-29"), 0);
    assert_int_equal(is_cse("2008-09-01", "2024-06-29"), 1);
    assert_int_equal(is_cse("2008-09-01", "2025-06-27"), 1);
    assert_int_equal(is_cse("2008-09-01", "2025-06-28"), 0);
    /* Before birth and long after. */
    assert_int_equal(is_cse("2019-09-01", "2010-01-01"), 0);
    assert_int_equal(is_cse("2019-09-01", "2050-01-01"), 0);
    assert_int_equal(is_cse("2015-05-05", "2025-01-15"), 1);
}

static void school_age_limits_and_errors(void **state)
{
    (void)state;
    /* Any out-pointer may be NULL. */
    ssat_date f = -1, l = -1;
    assert_ok(ssat_compulsory_school_age(D("2019-09-01"), NULL, NULL));
    assert_ok(ssat_compulsory_school_age(D("2019-09-01"), &f, NULL));
    assert_int_equal(f, D("2024-12-31"));
    assert_ok(ssat_compulsory_school_age(D("2019-09-01"), NULL, &l));
    assert_int_equal(l, D("2036-06-27"));
    /* The first and last supported years. */
    assert_school_age("1583-01-01", "1588-03-31", "1599-06-25");
    assert_school_age("9983-08-31", "9988-08-31", "9999-06-25");
    f = l = 99;
    assert_status_msg(ssat_compulsory_school_age(D("9983-09-01"), &f, &l), SSAT_ERR_RANGE,
                      "ssat_compulsory_school_age: argument 'date_of_birth'");
    assert_int_equal(f, 0);
    assert_int_equal(l, 0);
    ssat_date before_min = D("1583-01-01") - 1;
    assert_status_msg(ssat_compulsory_school_age(before_min, &f, &l), SSAT_ERR_RANGE, "argument 'date_of_birth'");
    assert_status_msg(ssat_compulsory_school_age(D("9999-12-31") + 1, &f, &l), SSAT_ERR_RANGE,
                      "argument 'date_of_birth'");

    int32_t v = 7;
    assert_status_msg(ssat_is_compulsory_school_age(D("2019-09-01"), D("2024-12-31"), NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_is_compulsory_school_age: argument 'out' is NULL");
    assert_status_msg(ssat_is_compulsory_school_age(D("9990-01-01"), D("9995-01-01"), &v), SSAT_ERR_RANGE,
                      "ssat_is_compulsory_school_age: argument 'date_of_birth'");
    assert_int_equal(v, 0);
    v = 7;
    assert_status_msg(ssat_is_compulsory_school_age(D("2019-09-01"), before_min, &v), SSAT_ERR_RANGE,
                      "argument 'on'");
    assert_int_equal(v, 0);
}

/* ---- pupils ------------------------------------------------------------------------------------------ */

static void pupil_facts_and_date_of_birth(void **state)
{
    (void)state;
    ssat_pupil *p = NULL;
    assert_ok(ssat_pupil_new("P00001", NULL, &p));
    assert_string_equal(ssat_pupil_id(p), "P00001");
    for (int f = 0; f < SSAT_PUPIL_FACT_COUNT; f++)
        assert_int_equal(ssat_pupil_get_fact(p, (ssat_pupil_fact)f), SSAT_FACT_UNKNOWN);
    ssat_date dob = 99;
    assert_status_msg(ssat_pupil_date_of_birth(p, &dob), SSAT_ERR_NOT_FOUND, "P00001");
    assert_int_equal(dob, 0);

    assert_ok(ssat_pupil_set_date_of_birth(p, D("2012-05-17")));
    assert_ok(ssat_pupil_date_of_birth(p, &dob));
    assert_int_equal(dob, D("2012-05-17"));
    assert_ok(ssat_pupil_set_date_of_birth(p, D("2012-05-18"))); /* corrected */
    assert_ok(ssat_pupil_date_of_birth(p, &dob));
    assert_int_equal(dob, D("2012-05-18"));

    /* Each fact independently, through every value. */
    for (int f = 0; f < SSAT_PUPIL_FACT_COUNT; f++) {
        assert_ok(ssat_pupil_set_fact(p, (ssat_pupil_fact)f, SSAT_FACT_YES));
        assert_int_equal(ssat_pupil_get_fact(p, (ssat_pupil_fact)f), SSAT_FACT_YES);
        for (int g = f + 1; g < SSAT_PUPIL_FACT_COUNT; g++)
            assert_int_equal(ssat_pupil_get_fact(p, (ssat_pupil_fact)g), SSAT_FACT_UNKNOWN);
    }
    assert_ok(ssat_pupil_set_fact(p, SSAT_PUPIL_ON_ROLL, SSAT_FACT_NO));
    assert_int_equal(ssat_pupil_get_fact(p, SSAT_PUPIL_ON_ROLL), SSAT_FACT_NO);
    assert_ok(ssat_pupil_set_fact(p, SSAT_PUPIL_PROCEDURES_FOLLOWED, SSAT_FACT_UNKNOWN));
    assert_int_equal(ssat_pupil_get_fact(p, SSAT_PUPIL_PROCEDURES_FOLLOWED), SSAT_FACT_UNKNOWN);
    assert_int_equal(ssat_pupil_get_fact(p, SSAT_PUPIL_EVIDENCE_COMPLETE), SSAT_FACT_YES);
    ssat_pupil_free(p);
    ssat_pupil_free(NULL);
}

static void pupil_rejects(void **state)
{
    (void)state;
    ssat_pupil *p = (ssat_pupil *)&p;
    assert_status_msg(ssat_pupil_new(NULL, NULL, &p), SSAT_ERR_INVALID_ARG, "ssat_pupil_new: argument 'id' is NULL");
    assert_null(p);
    p = (ssat_pupil *)&p;
    assert_status_msg(ssat_pupil_new("", NULL, &p), SSAT_ERR_INVALID_ARG, "argument 'id' must be 1 to 64 bytes");
    assert_null(p);
    char id[66];
    memset(id, 'x', 65);
    id[65] = '\0';
    assert_status_msg(ssat_pupil_new(id, NULL, &p), SSAT_ERR_INVALID_ARG, "argument 'id'");
    id[64] = '\0';
    assert_ok(ssat_pupil_new(id, NULL, &p)); /* 64 bytes: the longest */
    assert_string_equal(ssat_pupil_id(p), id);
    ssat_pupil_free(p);
    /* Ids that look like another: invisible, control, bidi, other spaces, not NFC, spaces around
     * (issue 15, item 8). */
    assert_status_msg(ssat_pupil_new("P\xe2\x80\x8b" "1", NULL, &p), SSAT_ERR_INVALID_ARG,
                      "argument 'id' holds an invisible format character (U+200B) at character 2");
    assert_status_msg(ssat_pupil_new("\xef\xbb\xbfP1", NULL, &p), SSAT_ERR_INVALID_ARG, "(U+FEFF) at character 1");
    assert_status_msg(ssat_pupil_new("P1\xe2\x80\xae", NULL, &p), SSAT_ERR_INVALID_ARG, "(U+202E)");
    assert_status_msg(ssat_pupil_new("P\t1", NULL, &p), SSAT_ERR_INVALID_ARG, "a control character (U+0009)");
    assert_status_msg(ssat_pupil_new("P\xc2\x85", NULL, &p), SSAT_ERR_INVALID_ARG, "a control character (U+0085)");
    assert_status_msg(ssat_pupil_new("P\xe3\x80\x80" "1", NULL, &p), SSAT_ERR_INVALID_ARG, "a space other than U+0020");
    assert_status_msg(ssat_pupil_new("Sia\xcc\x82n", NULL, &p), SSAT_ERR_INVALID_ARG, "a combining mark");
    assert_status_msg(ssat_pupil_new("P\xff", NULL, &p), SSAT_ERR_INVALID_ARG, "not UTF-8");
    assert_status_msg(ssat_pupil_new(" P1", NULL, &p), SSAT_ERR_INVALID_ARG, "starts or ends with a space");
    assert_status_msg(ssat_pupil_new("P1 ", NULL, &p), SSAT_ERR_INVALID_ARG, "starts or ends with a space");
    assert_null(p);
    assert_ok(ssat_pupil_new("Si\xc3\xa2n Wyn", NULL, &p)); /* precomposed, and an inner space */
    ssat_pupil_free(p);
    assert_ok(ssat_pupil_new("\xef\xbc\xb0" "1", NULL, &p)); /* full-width: allowed, warned about by imports */
    ssat_pupil_free(p);
    assert_status_msg(ssat_pupil_new("P1", NULL, NULL), SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    ssat_allocator bad = {sizeof(ssat_allocator), NULL, NULL, NULL, NULL};
    assert_status_msg(ssat_pupil_new("P1", &bad, &p), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_null(p);

    assert_string_equal(ssat_pupil_id(NULL), "");
    assert_int_equal(ssat_pupil_get_fact(NULL, SSAT_PUPIL_ON_ROLL), SSAT_FACT_UNKNOWN);
    ssat_date dob = 5;
    assert_status_msg(ssat_pupil_date_of_birth(NULL, &dob), SSAT_ERR_INVALID_ARG, "argument 'pupil' is NULL");
    assert_int_equal(dob, 0);
    assert_status_msg(ssat_pupil_set_date_of_birth(NULL, 0), SSAT_ERR_INVALID_ARG, "argument 'pupil' is NULL");
    assert_status_msg(ssat_pupil_set_fact(NULL, SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES), SSAT_ERR_INVALID_ARG,
                      "argument 'pupil' is NULL");

    assert_ok(ssat_pupil_new("P2", NULL, &p));
    assert_status_msg(ssat_pupil_date_of_birth(p, NULL), SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    assert_status_msg(ssat_pupil_set_date_of_birth(p, D("1583-01-01") - 1), SSAT_ERR_RANGE,
                      "ssat_pupil_set_date_of_birth: argument 'date_of_birth'");
    assert_status_msg(ssat_pupil_set_date_of_birth(p, D("9999-12-31") + 1), SSAT_ERR_RANGE, "argument 'date_of_birth'");
    assert_status_msg(ssat_pupil_date_of_birth(p, &dob), SSAT_ERR_NOT_FOUND, NULL); /* still none */
    assert_status_msg(ssat_pupil_set_fact(p, (ssat_pupil_fact)SSAT_PUPIL_FACT_COUNT, SSAT_FACT_YES),
                      SSAT_ERR_INVALID_ARG, "argument 'fact'");
    assert_status_msg(ssat_pupil_set_fact(p, (ssat_pupil_fact)-1, SSAT_FACT_YES), SSAT_ERR_INVALID_ARG,
                      "argument 'fact'");
    assert_status_msg(ssat_pupil_set_fact(p, SSAT_PUPIL_ON_ROLL, (ssat_fact)3), SSAT_ERR_INVALID_ARG,
                      "argument 'value'");
    assert_status_msg(ssat_pupil_set_fact(p, SSAT_PUPIL_ON_ROLL, (ssat_fact)-1), SSAT_ERR_INVALID_ARG,
                      "argument 'value'");
    assert_int_equal(ssat_pupil_get_fact(p, SSAT_PUPIL_ON_ROLL), SSAT_FACT_UNKNOWN);
    assert_int_equal(ssat_pupil_get_fact(p, (ssat_pupil_fact)SSAT_PUPIL_FACT_COUNT), SSAT_FACT_UNKNOWN);
    assert_int_equal(ssat_pupil_get_fact(p, (ssat_pupil_fact)-1), SSAT_FACT_UNKNOWN);
    ssat_pupil_free(p);
}

/* ---- parents ----------------------------------------------------------------------------------------- */

static ssat_window absence(const char *first, const char *last)
{
    ssat_window w;
    assert_ok(ssat_window_range(D(first), D(last), &w));
    return w;
}

static void parent_history(void **state)
{
    (void)state;
    ssat_parent *par = NULL;
    assert_ok(ssat_parent_new("parent-1", NULL, &par));
    assert_string_equal(ssat_parent_id(par), "parent-1");
    assert_int_equal(ssat_parent_count(par), 0);

    char child[8] = "P00001";
    ssat_window autumn = absence("2024-09-02", "2024-10-25");
    ssat_window spring = {D("2025-01-06"), SSAT_PM, D("2025-02-14"), SSAT_AM};
    assert_ok(ssat_parent_add(par, SSAT_PARENT_WARNING, child, D("2024-10-28"), NULL));
    assert_ok(ssat_parent_add(par, SSAT_PARENT_NOTICE, child, D("2024-11-20"), &autumn));
    child[5] = '2'; /* the history keeps its own copy */
    assert_ok(ssat_parent_add(par, SSAT_PARENT_PROCEEDINGS, child, D("2025-03-03"), &spring));
    /* A warning's absence is ignored, even when given. */
    assert_ok(ssat_parent_add(par, SSAT_PARENT_WARNING, "P00003", D("2025-03-04"), &spring));
    assert_int_equal(ssat_parent_count(par), 4);

    ssat_parent_event kind = (ssat_parent_event)-1;
    const char *pid = NULL;
    ssat_date date = 0;
    ssat_window w = {1, SSAT_PM, 2, SSAT_PM};
    assert_ok(ssat_parent_at(par, 0, &kind, &pid, &date, &w));
    assert_int_equal(kind, SSAT_PARENT_WARNING);
    assert_string_equal(pid, "P00001");
    assert_int_equal(date, D("2024-10-28"));
    assert_int_equal(w.first_date, 0);
    assert_int_equal(w.last_date, 0);
    assert_ok(ssat_parent_at(par, 1, &kind, &pid, &date, &w));
    assert_int_equal(kind, SSAT_PARENT_NOTICE);
    assert_string_equal(pid, "P00001");
    assert_int_equal(date, D("2024-11-20"));
    assert_int_equal(w.first_date, D("2024-09-02"));
    assert_int_equal(w.first_half, SSAT_AM);
    assert_int_equal(w.last_date, D("2024-10-25"));
    assert_int_equal(w.last_half, SSAT_PM);
    assert_ok(ssat_parent_at(par, 2, &kind, &pid, &date, &w));
    assert_int_equal(kind, SSAT_PARENT_PROCEEDINGS);
    assert_string_equal(pid, "P00002");
    assert_int_equal(w.first_half, SSAT_PM);
    assert_int_equal(w.last_half, SSAT_AM);
    assert_int_equal(w.last_date, D("2025-02-14"));
    assert_ok(ssat_parent_at(par, 3, &kind, &pid, &date, &w));
    assert_int_equal(kind, SSAT_PARENT_WARNING);
    assert_string_equal(pid, "P00003");
    assert_int_equal(w.first_date, 0);
    /* Any out-pointer may be NULL. */
    assert_ok(ssat_parent_at(par, 1, NULL, NULL, NULL, NULL));

    /* The history grows without limit, keeping its order. */
    for (int i = 0; i < 200; i++) {
        char id[16];
        snprintf(id, sizeof id, "C%03d", i);
        assert_ok(ssat_parent_add(par, SSAT_PARENT_NOTICE, id, D("2025-01-01") + i, &autumn));
    }
    assert_int_equal(ssat_parent_count(par), 204);
    for (int i = 0; i < 200; i++) {
        char id[16];
        snprintf(id, sizeof id, "C%03d", i);
        assert_ok(ssat_parent_at(par, 4 + (size_t)i, &kind, &pid, &date, NULL));
        assert_string_equal(pid, id);
        assert_int_equal(date, D("2025-01-01") + i);
    }
    assert_ok(ssat_parent_at(par, 0, NULL, &pid, NULL, NULL));
    assert_string_equal(pid, "P00001");
    ssat_parent_free(par);
    ssat_parent_free(NULL);
}

static void parent_rejects(void **state)
{
    (void)state;
    ssat_parent *par = (ssat_parent *)&par;
    assert_status_msg(ssat_parent_new(NULL, NULL, &par), SSAT_ERR_INVALID_ARG, "ssat_parent_new: argument 'id'");
    assert_null(par);
    assert_status_msg(ssat_parent_new("", NULL, &par), SSAT_ERR_INVALID_ARG, "argument 'id'");
    assert_status_msg(ssat_parent_new("x", NULL, NULL), SSAT_ERR_INVALID_ARG, "argument 'out' is NULL");
    ssat_allocator small = {1, test_heap_alloc, NULL, test_heap_free, NULL};
    assert_status_msg(ssat_parent_new("x", &small, &par), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_string_equal(ssat_parent_id(NULL), "");
    assert_int_equal(ssat_parent_count(NULL), 0);

    assert_ok(ssat_parent_new("parent-2", NULL, &par));
    ssat_window ok = absence("2024-09-02", "2024-09-27");
    ssat_date d = D("2024-10-01");
    assert_status_msg(ssat_parent_add(NULL, SSAT_PARENT_WARNING, "P1", d, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_parent_add: argument 'parent' is NULL");
    assert_status_msg(ssat_parent_add(par, (ssat_parent_event)3, "P1", d, &ok), SSAT_ERR_INVALID_ARG, "argument 'kind'");
    assert_status_msg(ssat_parent_add(par, (ssat_parent_event)-1, "P1", d, &ok), SSAT_ERR_INVALID_ARG,
                      "argument 'kind'");
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_WARNING, NULL, d, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'pupil_id' is NULL");
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_WARNING, "", d, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'pupil_id'");
    char long_id[70];
    memset(long_id, 'y', 65);
    long_id[65] = '\0';
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_WARNING, long_id, d, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'pupil_id'");
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_WARNING, "P1", D("1583-01-01") - 1, NULL), SSAT_ERR_RANGE,
                      "argument 'date'");
    /* Notices and proceedings need a well-formed absence window. */
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_NOTICE, "P1", d, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'absence' is NULL");
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_PROCEEDINGS, "P1", d, NULL), SSAT_ERR_INVALID_ARG,
                      "argument 'absence' is NULL");
    ssat_window backwards = {D("2024-09-27"), SSAT_AM, D("2024-09-02"), SSAT_PM};
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_NOTICE, "P1", d, &backwards), SSAT_ERR_INVALID_ARG,
                      "argument 'absence'");
    ssat_window same_day_backwards = {D("2024-09-02"), SSAT_PM, D("2024-09-02"), SSAT_AM};
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_NOTICE, "P1", d, &same_day_backwards), SSAT_ERR_INVALID_ARG,
                      "argument 'absence'");
    ssat_window bad_half = {D("2024-09-02"), (ssat_half)2, D("2024-09-27"), SSAT_PM};
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_NOTICE, "P1", d, &bad_half), SSAT_ERR_INVALID_ARG,
                      "argument 'absence'");
    ssat_window bad_date = {D("1583-01-01") - 5, SSAT_AM, D("2024-09-27"), SSAT_PM};
    assert_status_msg(ssat_parent_add(par, SSAT_PARENT_PROCEEDINGS, "P1", d, &bad_date), SSAT_ERR_INVALID_ARG,
                      "argument 'absence'");
    assert_int_equal(ssat_parent_count(par), 0); /* nothing was added */

    assert_ok(ssat_parent_add(par, SSAT_PARENT_NOTICE, "P1", d, &ok));
    ssat_parent_event kind = SSAT_PARENT_NOTICE;
    const char *pid = "x";
    ssat_date date = 9;
    ssat_window w = {1, SSAT_PM, 2, SSAT_PM};
    assert_status_msg(ssat_parent_at(par, 1, &kind, &pid, &date, &w), SSAT_ERR_RANGE, "argument 'index'");
    assert_int_equal(kind, SSAT_PARENT_WARNING);
    assert_null(pid);
    assert_int_equal(date, 0);
    assert_int_equal(w.first_date, 0);
    assert_int_equal(w.last_half, SSAT_AM);
    assert_status_msg(ssat_parent_at(par, (size_t)-1, NULL, NULL, NULL, NULL), SSAT_ERR_RANGE, "argument 'index'");
    pid = "x";
    assert_status_msg(ssat_parent_at(NULL, 0, NULL, &pid, NULL, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_parent_at: argument 'parent' is NULL");
    assert_null(pid);
    ssat_parent_free(par);
}

/* ---- memory -------------------------------------------------------------------------------------------- */

static void custom_allocator_no_leak(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    ssat_pupil *p = NULL;
    ssat_parent *par = NULL;
    assert_ok(ssat_pupil_new("P1", &a, &p));
    assert_ok(ssat_parent_new("M1", &a, &par));
    ssat_window w = absence("2024-09-02", "2024-09-27");
    for (int i = 0; i < 50; i++)
        assert_ok(ssat_parent_add(par, SSAT_PARENT_NOTICE, "P1", D("2024-10-01") + i, &w));
    assert_true(h.allocs > 50);
    ssat_pupil_free(p);
    ssat_parent_free(par);
    assert_heap_clean(&h);
}

static void failing_allocator(void **state)
{
    (void)state;
    for (size_t fail = 1; fail <= 2; fail++) {
        test_heap h = {0};
        h.fail_at = fail;
        ssat_allocator a = test_heap_allocator(&h, false);
        ssat_pupil *p = (ssat_pupil *)&p;
        assert_status_msg(ssat_pupil_new("P1", &a, &p), SSAT_ERR_NOMEM, "ssat_pupil_new");
        assert_null(p);
        h.fail_at = h.calls + fail;
        ssat_parent *par = (ssat_parent *)&par;
        assert_status_msg(ssat_parent_new("M1", &a, &par), SSAT_ERR_NOMEM, "ssat_parent_new");
        assert_null(par);
        assert_int_equal(h.failures, 2);
        assert_heap_clean(&h);
    }
    /* A failed add leaves the history as it was: growing the array, then copying the pupil id. */
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, false); /* no realloc: grow copies */
    ssat_parent *par = NULL;
    assert_ok(ssat_parent_new("M1", &a, &par));
    ssat_window w = absence("2024-09-02", "2024-09-27");
    for (int round = 0; round < 20; round++) {
        size_t before = ssat_parent_count(par);
        h.fail_at = h.calls + 1;
        ssat_status st = ssat_parent_add(par, SSAT_PARENT_NOTICE, "P1", D("2024-10-01"), &w);
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_int_equal(ssat_parent_count(par), before);
        h.fail_at = h.calls + 2; /* the id copy when the array had to grow; else nothing fails */
        st = ssat_parent_add(par, SSAT_PARENT_NOTICE, "P1", D("2024-10-01"), &w);
        if (st == SSAT_ERR_NOMEM) {
            assert_int_equal(ssat_parent_count(par), before);
            h.fail_at = 0;
            assert_ok(ssat_parent_add(par, SSAT_PARENT_NOTICE, "P1", D("2024-10-01"), &w));
        }
        assert_int_equal(ssat_parent_count(par), before + 1);
        h.fail_at = 0;
    }
    ssat_parent_event kind;
    const char *pid = NULL;
    for (size_t i = 0; i < ssat_parent_count(par); i++) {
        assert_ok(ssat_parent_at(par, i, &kind, &pid, NULL, NULL));
        assert_string_equal(pid, "P1");
    }
    ssat_parent_free(par);
    assert_heap_clean(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(begins_on_prescribed_day),
        cmocka_unit_test(leaving_date),
        cmocka_unit_test(leap_day_birthday),
        cmocka_unit_test(is_compulsory_school_age_on),
        cmocka_unit_test(school_age_limits_and_errors),
        cmocka_unit_test(pupil_facts_and_date_of_birth),
        cmocka_unit_test(pupil_rejects),
        cmocka_unit_test(parent_history),
        cmocka_unit_test(parent_rejects),
        cmocka_unit_test(custom_allocator_no_leak),
        cmocka_unit_test(failing_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
