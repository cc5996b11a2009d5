/* Tests of lib/evidence/certificate.c, certificate_render.c and certificate_json.c: the certificate of the bundled sample pupil
 * (examples/data: the first pupil of sample_school_2024.csv with the sample terms and closures) has
 * the attendance summary's totals, and its text, HTML and JSON show them with the marks laid out by
 * week and term; the HTML is written to the build tree for tests/check_html.py (a strict HTML5 parse
 * and the totals again); details, escaping, layouts without a calendar, gaps and missing marks, not
 * evaluable periods, filling a referral pack, every error path, and memory through a counting and a
 * failing allocator. */
#include "support.h"
#include "heap.h"
#include "evidence_fixture.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef SSAT_TEST_DATA_DIR
#error "SSAT_TEST_DATA_DIR must name examples/data"
#endif
#ifndef SSAT_TEST_OUT_DIR
#error "SSAT_TEST_OUT_DIR must name a directory for the rendered certificates"
#endif

/* ---- the bundled sample ---------------------------------------------------------------------------- */

static FILE *open_data(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", SSAT_TEST_DATA_DIR, name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    return f;
}

/* The sample calendar from terms_2024.csv and closures_2024.csv ("name,start,end" after a header). */
static ssat_calendar *sample_calendar(const ssat_allocator *alloc)
{
    ssat_calendar *cal = NULL;
    assert_ok(ssat_calendar_new(2024, alloc, &cal));
    ssat_calendar_clear_terms(cal);
    static const char *const files[] = {"terms_2024.csv", "closures_2024.csv"};
    for (int file = 0; file < 2; file++) {
        FILE *f = open_data(files[file]);
        char line[256], name[128], first[16], last[16];
        assert_non_null(fgets(line, sizeof line, f)); /* header */
        while (fgets(line, sizeof line, f) != NULL) {
            if (sscanf(line, "%127[^,],%15[^,],%15[^,\r\n]", name, first, last) != 3)
                fail_msg("bad line in %s: %s", files[file], line);
            if (file == 0)
                assert_ok(ssat_calendar_add_term(cal, name, test_date(first), test_date(last)));
            else
                assert_ok(ssat_calendar_add_closure(cal, test_date(first), test_date(last)));
        }
        fclose(f);
    }
    return cal;
}

/* The register of the first pupil of sample_school_2024.csv: "pupil_id,start_date,marks" (wide layout). */
static ssat_register *sample_register(const ssat_codeset *codes, char *id_out, size_t id_cap)
{
    FILE *f = open_data("sample_school_2024.csv");
    static char line[1 << 15];
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    char *start = strchr(line, ',');
    assert_non_null(start);
    *start++ = '\0';
    char *marks = strchr(start, ',');
    assert_non_null(marks);
    *marks++ = '\0';
    assert_true(strlen(line) < id_cap);
    memcpy(id_out, line, strlen(line) + 1);
    ssat_register *reg = NULL;
    assert_ok(ssat_register_new(codes, &reg));
    assert_ok(ssat_register_add_marks(reg, test_date(start), marks, strcspn(marks, "\r\n"), NULL));
    return reg;
}

typedef struct sample {
    ssat_codeset *codes;
    ssat_calendar *cal;
    ssat_register *reg;
    ssat_window period; /* the school year to 18 July 2025, the last day of the summer term */
    char id[32];
    ssat_certificate *cert;
} sample;

static void set_details(ssat_certificate *cert, const char *id)
{
    assert_ok(ssat_certificate_set(cert, "pupil_id", id));
    assert_ok(ssat_certificate_set(cert, "pupil_name", "Ioan Lewis"));
    assert_ok(ssat_certificate_set(cert, "school", "Ysgol Gyfun Enghraifft"));
    assert_ok(ssat_certificate_set(cert, "issue_date", "2025-07-21"));
    assert_ok(ssat_certificate_set(cert, "signatory_name", "Dr Si\xc3\xa2n Rhys"));
    assert_ok(ssat_certificate_set(cert, "signatory_role", "Head teacher"));
}

static void sample_make(sample *s, const ssat_allocator *alloc)
{
    memset(s, 0, sizeof *s);
    assert_ok(ssat_codeset_builtin("wales-2010", alloc, &s->codes));
    s->cal = sample_calendar(alloc);
    s->reg = sample_register(s->codes, s->id, sizeof s->id);
    assert_ok(ssat_calendar_window_year_to_date(s->cal, test_date("2025-07-18"), &s->period));
    assert_ok(ssat_certificate_new(s->reg, s->cal, &s->period, &s->cert));
    set_details(s->cert, s->id);
}

static void sample_free(sample *s)
{
    ssat_certificate_free(s->cert);
    ssat_register_free(s->reg);
    ssat_calendar_free(s->cal);
    ssat_codeset_free(s->codes);
}

static char *render(const ssat_certificate *cert, ssat_certificate_format format, ssat_lang lang)
{
    char *out = NULL;
    assert_ok(ssat_certificate_render(cert, format, lang, &out));
    assert_non_null(out);
    return out;
}

static size_t occurrences(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(haystack, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void write_file(const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", SSAT_TEST_OUT_DIR, name);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        fail_msg("cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

/* ---- the sample pupil ------------------------------------------------------------------------------ */

/* The certificate's totals are the attendance summary's over the same period; they are also the
 * figures the sample documents for P00001 (examples/CMakeLists.txt: 380 possible, 323 attended, 85.0 %). */
static void sample_totals_equal_summary(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    ssat_summary *sum = NULL;
    assert_ok(ssat_attendance_compute(s.reg, &s.period, &sum));
    const ssat_totals *t = ssat_certificate_totals(s.cert), *u = ssat_summary_totals(sum);
    assert_int_equal(t->possible, u->possible);
    assert_int_equal(t->attended, u->attended);
    assert_int_equal(t->authorised, u->authorised);
    assert_int_equal(t->unauthorised, u->unauthorised);
    assert_int_equal(t->missing, u->missing);
    assert_int_equal(memcmp(t, u, sizeof *t), 0);
    assert_string_equal(s.id, "P00001");
    assert_int_equal(t->possible, 380);
    assert_int_equal(t->attended, 323);
    assert_int_equal(t->unauthorised, 20);
    const ssat_window *w = ssat_certificate_period(s.cert);
    assert_int_equal(w->first_date, s.period.first_date);
    assert_int_equal(w->last_date, s.period.last_date);
    ssat_summary_free(sum);
    sample_free(&s);
}

/* The HTML of the sample pupil, in English and Welsh, written for tests/check_html.py with the
 * summary's totals beside it. */
static void sample_html(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    ssat_summary *sum = NULL;
    assert_ok(ssat_attendance_compute(s.reg, &s.period, &sum));
    const ssat_totals *u = ssat_summary_totals(sum);
    int32_t tenths = 0;
    assert_ok(ssat_summary_attendance_tenths(sum, &tenths));
    char totals[128], attr[256];
    snprintf(totals, sizeof totals, "%u %u %u %u %d.%d\n", (unsigned)u->possible, (unsigned)u->attended,
             (unsigned)u->authorised, (unsigned)u->unauthorised, (int)(tenths / 10), (int)(tenths % 10));
    snprintf(attr, sizeof attr, "data-possible=\"%u\" data-attended=\"%u\" data-authorised=\"%u\" "
             "data-unauthorised=\"%u\" data-percent=\"%d.%d\"", (unsigned)u->possible, (unsigned)u->attended,
             (unsigned)u->authorised, (unsigned)u->unauthorised, (int)(tenths / 10), (int)(tenths % 10));
    char *en = render(s.cert, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    char *cy = render(s.cert, SSAT_CERTIFICATE_HTML, SSAT_LANG_CY);
    /* One page per term, each with the whole period's totals. */
    assert_int_equal(occurrences(en, "<section class=\"page\">"), 3);
    assert_int_equal(occurrences(en, attr), 3);
    assert_int_equal(occurrences(cy, attr), 3);
    assert_int_equal(strncmp(en, "<!DOCTYPE html>\n<html lang=\"en\">", 32), 0);
    assert_int_equal(strncmp(cy, "<!DOCTYPE html>\n<html lang=\"cy\">", 32), 0);
    assert_non_null(strstr(en, "@page { size: A4"));
    assert_non_null(strstr(en, "<h2>Autumn term: 2 September 2024 to 20 December 2024</h2>"));
    assert_non_null(strstr(cy, "<h2>Tymor yr hydref: 2 Medi 2024 i 20 Rhagfyr 2024</h2>"));
    assert_non_null(strstr(cy, "Tystysgrif cofrestru presenoldeb"));
    assert_non_null(strstr(cy, "Dydd Llun"));
    assert_non_null(strstr(en, "<td>85.0 %</td>"));
    assert_non_null(strstr(en, "Dr Si\xc3\xa2n Rhys"));
    /* The first week: Monday and Tuesday were INSET days, Thursday afternoon unauthorised. */
    assert_non_null(strstr(en, "<tr><th scope=\"row\" class=\"week\">2 September 2024</th><td class=\"nosession\"></td>"
                               "<td class=\"nosession\"></td><td class=\"nosession\"></td><td class=\"nosession\"></td>"
                               "<td class=\"present\">/</td><td class=\"present\">\\</td><td class=\"present\">/</td>"
                               "<td class=\"unauthorised\">O</td>"));
    /* Nothing outside the page. */
    static const char *const external[] = {"http:", "https:", "src=", "href=", "url(", "@import", "<script", "<link",
                                           "<img"};
    for (size_t i = 0; i < sizeof external / sizeof external[0]; i++) {
        assert_null(strstr(en, external[i]));
        assert_null(strstr(cy, external[i]));
    }
    write_file("certificate_sample.html", en);
    write_file("certificate_sample_cy.html", cy);
    write_file("certificate_sample.totals", totals);
    ssat_free(en);
    ssat_free(cy);
    ssat_summary_free(sum);
    sample_free(&s);
}

static void sample_text(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    char *t = render(s.cert, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN);
    assert_int_equal(strncmp(t, "Attendance registration certificate\n\nPupil: Ioan Lewis (P00001)\n", 64), 0);
    assert_non_null(strstr(t, "Period: 1 August 2024 to 18 July 2025\n"));
    assert_non_null(strstr(t, "\nAutumn term: 2 September 2024 to 20 December 2024\n"
                              "Week beginning     Mon   Tue   Wed   Thu   Fri\n"
                              "2 September 2024   .  .  .  .  /  \\  /  O  /  \\\n"));
    /* The autumn half-term week (no school day, no mark) is left out. */
    assert_null(strstr(t, "\n28 October 2024 "));
    assert_non_null(strstr(t, "Whole period:\n  Possible sessions               380\n"
                              "  Sessions attended               323\n"));
    assert_non_null(strstr(t, "  Attendance                   85.0 %\n"));
    assert_non_null(strstr(t, "  O     Unauthorised absence"));
    assert_non_null(strstr(t, "Name: Dr Si\xc3\xa2n Rhys\nRole: Head teacher\nDate of issue: 21 July 2025\n"));
    assert_null(strstr(t, " \n")); /* no trailing spaces */
    ssat_free(t);
    t = render(s.cert, SSAT_CERTIFICATE_TEXT, SSAT_LANG_CY);
    assert_non_null(strstr(t, "Tystysgrif cofrestru presenoldeb\n\nDisgybl: Ioan Lewis (P00001)\n"));
    assert_non_null(strstr(t, "\nTymor y gwanwyn: 6 Ionawr 2025 i 11 Ebrill 2025\n"));
    assert_non_null(strstr(t, "Wythnos yn dechrau Llun"));
    assert_non_null(strstr(t, "Y cyfnod cyfan:\n"));
    assert_non_null(strstr(t, "  I     Salwch (absenoldeb awdurdodedig)\n"));
    ssat_free(t);
    sample_free(&s);
}

/* SSAT_LANG_CY_EN: one document, Welsh first, as Welsh public bodies publish bilingual documents: labels
 * as "Cymraeg / English", dates and ranges in words in each language, the statement in both. */
static void sample_bilingual(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    char *t = render(s.cert, SSAT_CERTIFICATE_TEXT, SSAT_LANG_CY_EN);
    assert_int_equal(strncmp(t, "Tystysgrif cofrestru presenoldeb / Attendance registration certificate\n\n"
                                "Disgybl / Pupil: Ioan Lewis (P00001)\n", 107), 0);
    assert_non_null(strstr(t, "Cyfnod / Period: 1 Awst 2024 i 18 Gorffennaf 2025 / 1 August 2024 to 18 July 2025\n"));
    assert_non_null(strstr(t, "\nTymor y gwanwyn / Spring term: 6 Ionawr 2025 i 11 Ebrill 2025 / "
                              "6 January 2025 to 11 April 2025\n"));
    assert_non_null(strstr(t, "\n02/09/2024         .  .  .  .  /  \\  /  O  /  \\\n")); /* the grid's weeks */
    assert_non_null(strstr(t, "  I     Salwch / Illness (absenoldeb awdurdodedig / authorised absence)\n"));
    assert_non_null(strstr(t, "Tystiaf fod y dystysgrif hon yn ddyfyniad cywir o gofrestr bresenoldeb y disgybl a "
                              "enwir uchod. / I certify"));
    assert_non_null(strstr(t, "Dyddiad dyroddi / Date of issue: 21 Gorffennaf 2025 / 21 July 2025\n"));
    assert_null(strstr(t, "2024-")); /* no ISO date in the document's prose */
    ssat_free(t);
    char *h = render(s.cert, SSAT_CERTIFICATE_HTML, SSAT_LANG_CY_EN);
    assert_non_null(strstr(h, "<html lang=\"cy\">"));
    assert_non_null(strstr(h, "<h2>Tymor yr hydref / Autumn term: 2 Medi 2024 i 20 Rhagfyr 2024 / "
                              "2 September 2024 to 20 December 2024</h2>"));
    ssat_free(h);
    char *j = render(s.cert, SSAT_CERTIFICATE_JSON, SSAT_LANG_CY_EN);
    assert_non_null(strstr(j, "\"language\": \"cy+en\""));
    assert_non_null(strstr(j, "\"first_date\": \"2024-08-01\"")); /* data stays ISO */
    ssat_free(j);
    sample_free(&s);
}

static json_int_t member_int(json_t *obj, const char *key)
{
    json_t *j = json_object_get(obj, key);
    assert_true(json_is_integer(j));
    return json_integer_value(j);
}

static void sample_json(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    char *t = render(s.cert, SSAT_CERTIFICATE_JSON, SSAT_LANG_EN);
    json_error_t err;
    json_t *root = json_loads(t, 0, &err);
    if (root == NULL)
        fail_msg("certificate JSON does not parse: %s", err.text);
    assert_string_equal(json_string_value(json_object_get(root, "format")), "ssat-certificate");
    assert_string_equal(json_string_value(json_object_get(root, "pupil_id")), "P00001");
    assert_string_equal(json_string_value(json_object_get(json_object_get(root, "signatory"), "role")),
                        "Head teacher");
    json_t *totals = json_object_get(root, "totals");
    const ssat_totals *ct = ssat_certificate_totals(s.cert);
    assert_int_equal(member_int(totals, "possible"), ct->possible);
    assert_int_equal(member_int(totals, "attended"), ct->attended);
    assert_int_equal(member_int(totals, "authorised"), ct->authorised);
    assert_int_equal(member_int(totals, "unauthorised"), ct->unauthorised);
    assert_string_equal(json_string_value(json_object_get(totals, "percent")), "85.0");
    /* Every session with an entry, in order. */
    json_t *sessions = json_object_get(root, "sessions");
    assert_int_equal(json_array_size(sessions), ssat_register_entry_count(s.reg));
    json_t *first = json_array_get(sessions, 0);
    assert_string_equal(json_string_value(json_object_get(first, "date")), "2024-09-04");
    assert_string_equal(json_string_value(json_object_get(first, "session")), "AM");
    assert_string_equal(json_string_value(json_object_get(first, "mark")), "/");
    /* The terms' totals add up to the whole. */
    json_t *terms = json_object_get(root, "terms");
    assert_int_equal(json_array_size(terms), 3);
    json_int_t possible = 0, attended = 0;
    for (size_t i = 0; i < 3; i++) {
        json_t *tt = json_object_get(json_array_get(terms, i), "totals");
        possible += member_int(tt, "possible");
        attended += member_int(tt, "attended");
    }
    assert_int_equal(possible, ct->possible);
    assert_int_equal(attended, ct->attended);
    assert_true(json_array_size(json_object_get(root, "codes")) >= 20);
    json_decref(root);
    ssat_free(t);
    sample_free(&s);
}

/* ---- details and escaping -------------------------------------------------------------------------- */

/* A certificate has no policy: its figure is never shown on a whole percent the exact value is not. The
 * summer term's 88 of 106 is 83.0188 %: "83.02", where one decimal would show "83.0"; the year's 323 of
 * 380 is exactly 85 %: "85.0"; the spring term's 103 of 128 (80.47 %) keeps one decimal. */
static void figure_never_on_a_whole_percent_it_is_not(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    char *json = render(s.cert, SSAT_CERTIFICATE_JSON, SSAT_LANG_EN);
    char *text = render(s.cert, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN);
    char *html = render(s.cert, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_non_null(strstr(json, "\"percent\": \"83.02\""));
    assert_null(strstr(json, "\"percent\": \"83.0\""));
    assert_non_null(strstr(json, "\"percent\": \"85.0\""));
    assert_non_null(strstr(json, "\"percent\": \"80.5\""));
    assert_non_null(strstr(text, "83.02 %"));
    assert_non_null(strstr(html, "data-percent=\"83.02\""));
    assert_non_null(strstr(html, "83.02 %"));
    ssat_free(json);
    ssat_free(text);
    ssat_free(html);
    sample_free(&s);
}

static void details(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    assert_string_equal(ssat_certificate_get(s.cert, "school"), "Ysgol Gyfun Enghraifft");
    assert_ok(ssat_certificate_set(s.cert, "school", ""));
    assert_string_equal(ssat_certificate_get(s.cert, "school"), "");
    assert_string_equal(ssat_certificate_get(s.cert, "nothing"), "");
    assert_string_equal(ssat_certificate_get(s.cert, NULL), "");
    assert_string_equal(ssat_certificate_get(NULL, "school"), "");
    assert_status_msg(ssat_certificate_set(NULL, "school", "x"), SSAT_ERR_INVALID_ARG,
                      "ssat_certificate_set: argument 'cert'");
    assert_status_msg(ssat_certificate_set(s.cert, NULL, "x"), SSAT_ERR_INVALID_ARG, "argument 'field'");
    assert_status_msg(ssat_certificate_set(s.cert, "school", NULL), SSAT_ERR_INVALID_ARG, "argument 'value'");
    assert_status_msg(ssat_certificate_set(s.cert, "period_start", "2024-09-01"), SSAT_ERR_NOT_FOUND,
                      "no detail \"period_start\"");
    assert_status_msg(ssat_certificate_set(s.cert, "issue_date", "21/07/2025"), SSAT_ERR_PARSE,
                      "field issue_date: \"21/07/2025\" is not an ISO 8601 date");
    assert_string_equal(ssat_certificate_get(s.cert, "issue_date"), "2025-07-21"); /* unchanged */
    assert_status_msg(ssat_certificate_set(s.cert, "pupil_name", "Ioan\nLewis"), SSAT_ERR_PARSE,
                      "field pupil_name: the text holds a control character");
    assert_status_msg(ssat_certificate_set(s.cert, "pupil_name", "\xff"), SSAT_ERR_PARSE, "not valid UTF-8");
    char long_name[600];
    memset(long_name, 'n', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_status_msg(ssat_certificate_set(s.cert, "school", long_name), SSAT_ERR_PARSE, "more than 512");
    assert_string_equal(ssat_certificate_get(s.cert, "pupil_name"), "Ioan Lewis");
    sample_free(&s);
}

/* Text from people is escaped in HTML; a custom code's label that is not UTF-8 cannot break the page. */
static void html_escapes_everything(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    assert_ok(ssat_certificate_set(s.cert, "pupil_name", "<script>alert('x')</script> & \"co\""));
    assert_ok(ssat_certificate_set(s.cert, "school", "Ysgol <b>Bro</b>"));
    char *h = render(s.cert, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<b>"));
    assert_non_null(strstr(h, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"));
    assert_non_null(strstr(h, "<title>Attendance registration certificate: &lt;script&gt;"));
    ssat_free(h);
    /* JSON escapes by its own rules. */
    char *j = render(s.cert, SSAT_CERTIFICATE_JSON, SSAT_LANG_EN);
    assert_non_null(strstr(j, "\"pupil_name\": \"<script>alert('x')</script> & \\\"co\\\"\""));
    ssat_free(j);
    sample_free(&s);

    /* A custom set whose label holds a control character and bytes that are not UTF-8, and a code "&". */
    ssat_codeset *custom = NULL, *wales = NULL;
    assert_ok(ssat_codeset_builtin("wales-2010", NULL, &wales));
    assert_ok(ssat_codeset_copy(wales, "local", &custom));
    assert_ok(ssat_codeset_define(custom, "&", SSAT_CATEGORY_AUTHORISED, 0, "odd\x01 \xff label <i>", "label"));
    ssat_register *reg = NULL;
    assert_ok(ssat_register_new(custom, &reg));
    assert_ok(ssat_register_add_mark(reg, test_date("2024-09-04"), SSAT_AM, "&"));
    ssat_window w;
    assert_ok(ssat_window_range(test_date("2024-09-02"), test_date("2024-09-06"), &w));
    ssat_certificate *c = NULL;
    assert_ok(ssat_certificate_new(reg, NULL, &w, &c));
    h = render(c, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_non_null(strstr(h, "<td class=\"authorised\">&amp;</td>"));
    assert_non_null(strstr(h, "odd\xef\xbf\xbd \xef\xbf\xbd label &lt;i&gt;"));
    ssat_free(h);
    j = render(c, SSAT_CERTIFICATE_JSON, SSAT_LANG_EN);
    json_t *root = json_loads(j, 0, NULL);
    assert_non_null(root);
    json_decref(root);
    ssat_free(j);
    ssat_certificate_free(c);
    ssat_register_free(reg);
    ssat_codeset_free(custom);
    ssat_codeset_free(wales);
}

/* ---- layouts --------------------------------------------------------------------------------------- */

/* Without a calendar the default census terms lay the pages out, and no day is known to be a school
 * day: days without marks show as no session. */
static void layout_without_calendar(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    ssat_certificate *c = NULL;
    assert_ok(ssat_certificate_new(s.reg, NULL, &s.period, &c));
    assert_int_equal(memcmp(ssat_certificate_totals(c), ssat_certificate_totals(s.cert), sizeof(ssat_totals)), 0);
    char *t = render(c, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN);
    assert_non_null(strstr(t, "\nAutumn term: 1 August 2024 to 31 December 2024\n"));
    assert_non_null(strstr(t, "\nSpring term: 1 January 2025 to 20 April 2025\n")); /* Easter Sunday 2025 */
    assert_non_null(strstr(t, "\nSummer term: 21 April 2025 to 18 July 2025\n"));
    assert_null(strstr(t, "\n28 October 2024 ")); /* a week without marks */
    ssat_free(t);
    char *h = render(c, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_int_equal(occurrences(h, "<section class=\"page\">"), 3);
    assert_null(strstr(h, "class=\"gap\""));
    ssat_free(h);
    ssat_certificate_free(c);
    sample_free(&s);
}

/* A period over two school years, from a PM to an AM session: pages per term of each year, the cells
 * outside the period empty, and the totals those of the summary over the same sessions. */
static void layout_partial_sessions_two_years(void **state)
{
    (void)state;
    ssat_codeset *codes = NULL;
    assert_ok(ssat_codeset_builtin(NULL, NULL, &codes));
    ssat_register *reg = NULL;
    assert_ok(ssat_register_new(codes, &reg));
    assert_ok(ssat_register_add_marks(reg, test_date("2025-07-14"), "/\\/\\/\\/\\/O", 10, NULL));
    assert_ok(ssat_register_add_marks(reg, test_date("2025-09-01"), "/\\I\\/\\/\\/\\", 10, NULL));
    ssat_window w = {test_date("2025-07-14"), SSAT_PM, test_date("2025-09-05"), SSAT_AM};
    ssat_certificate *c = NULL;
    assert_ok(ssat_certificate_new(reg, NULL, &w, &c));
    ssat_summary *sum = NULL;
    assert_ok(ssat_attendance_compute(reg, &w, &sum));
    assert_int_equal(memcmp(ssat_certificate_totals(c), ssat_summary_totals(sum), sizeof(ssat_totals)), 0);
    assert_int_equal(ssat_certificate_totals(c)->possible, 18);
    char *h = render(c, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_non_null(strstr(h, "<th scope=\"row\" class=\"week\">14 July 2025</th><td class=\"out\"></td>"
                              "<td class=\"present\">\\</td>"));
    assert_non_null(strstr(h, "outside the period"));
    ssat_free(h);
    char *t = render(c, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN);
    assert_non_null(strstr(t, "\nSummer term: 14 July 2025 to 31 July 2025\n"));
    assert_non_null(strstr(t, "\n14 July 2025          \\  /  \\  /  \\  /  \\  /  O\n"));
    assert_non_null(strstr(t, "\nAutumn term: 1 August 2025 to 5 September 2025\n"));
    assert_non_null(strstr(t, "\n1 September 2025   /  \\  I  \\  /  \\  /  \\  /\n"));
    ssat_free(t);
    ssat_summary_free(sum);
    ssat_certificate_free(c);
    ssat_register_free(reg);
    ssat_codeset_free(codes);
}

/* A calendar's own term names; a term with no session in the period says so. */
static void custom_terms_and_empty_pages(void **state)
{
    (void)state;
    ssat_codeset *codes = NULL;
    assert_ok(ssat_codeset_builtin(NULL, NULL, &codes));
    ssat_calendar *cal = NULL;
    assert_ok(ssat_calendar_new(2024, NULL, &cal));
    ssat_calendar_clear_terms(cal);
    assert_ok(ssat_calendar_add_term(cal, "Michaelmas <1>", test_date("2024-09-02"), test_date("2024-10-25")));
    assert_ok(ssat_calendar_add_term(cal, "autumn.2", test_date("2024-11-04"), test_date("2024-12-20")));
    ssat_register *reg = NULL;
    assert_ok(ssat_register_new(codes, &reg));
    assert_ok(ssat_register_add_marks(reg, test_date("2024-10-21"), "/\\/\\/\\/\\/\\", 10, NULL));
    ssat_window w;
    assert_ok(ssat_window_range(test_date("2024-10-21"), test_date("2024-11-03"), &w));
    ssat_certificate *c = NULL;
    assert_ok(ssat_certificate_new(reg, cal, &w, &c));
    char *h = render(c, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_non_null(strstr(h, "<h2>Term: Michaelmas &lt;1&gt;: 21 October 2024 to 25 October 2024</h2>"));
    /* The half-term week belongs to the first term's page and, without marks or school days, is left out. */
    assert_null(strstr(h, ">28 October 2024<"));
    ssat_free(h);
    char *t = render(c, SSAT_CERTIFICATE_TEXT, SSAT_LANG_CY);
    assert_non_null(strstr(t, "Tymor: Michaelmas <1>: 21 Hydref 2024 i 25 Hydref 2024"));
    ssat_free(t);
    ssat_certificate_free(c);
    /* Only the half-term week: one page, no sessions. */
    assert_ok(ssat_window_range(test_date("2024-10-28"), test_date("2024-11-01"), &w));
    assert_ok(ssat_certificate_new(reg, cal, &w, &c));
    h = render(c, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_int_equal(occurrences(h, "<section class=\"page\">"), 1);
    assert_non_null(strstr(h, "<p>No school sessions of this term fall within the period.</p>"));
    assert_null(strstr(h, "<table class=\"marks\">"));
    ssat_free(h);
    t = render(c, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN);
    assert_non_null(strstr(t, "No school sessions of this term fall within the period.\n"));
    ssat_free(t);
    ssat_certificate_free(c);
    ssat_register_free(reg);
    ssat_calendar_free(cal);
    ssat_codeset_free(codes);
}

/* School days without a mark and explicit missing marks are shown and explained. */
static void gaps_and_missing_marks(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    ssat_register *reg = NULL;
    assert_ok(ssat_register_new(s.codes, &reg));
    /* Wednesday 4 September: present; Thursday: no entry; Friday AM missing, PM present. */
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-04"), "/\\.. \\", 6, NULL));
    ssat_window w;
    assert_ok(ssat_window_range(test_date("2024-09-02"), test_date("2024-09-06"), &w));
    ssat_certificate *c = NULL;
    assert_ok(ssat_certificate_new(reg, s.cal, &w, &c));
    assert_int_equal(ssat_certificate_totals(c)->missing, 1);
    char *h = render(c, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_non_null(strstr(h, "<td class=\"present\">\\</td><td class=\"gap\">?</td><td class=\"gap\">?</td>"
                              "<td class=\"missing\">-</td><td class=\"present\">\\</td></tr>"));
    assert_non_null(strstr(h, "no mark on a school day"));
    assert_non_null(strstr(h, "mark missing: the register was not taken"));
    assert_non_null(strstr(h, "The register has 1 missing mark(s) in this period"));
    ssat_free(h);
    char *t = render(c, SSAT_CERTIFICATE_TEXT, SSAT_LANG_CY);
    assert_non_null(strstr(t, "2 Medi 2024        .  .  .  .  /  \\  ?  ?  -  \\\n"));
    assert_non_null(strstr(t, "Mae 1 marc ar goll yn y gofrestr"));
    ssat_free(t);
    ssat_certificate_free(c);
    ssat_register_free(reg);
    sample_free(&s);
}

/* A period with no possible session has no percentage anywhere. */
static void not_evaluable(void **state)
{
    (void)state;
    ssat_codeset *codes = NULL;
    assert_ok(ssat_codeset_builtin(NULL, NULL, &codes));
    ssat_register *reg = NULL;
    assert_ok(ssat_register_new(codes, &reg));
    assert_ok(ssat_register_add_marks(reg, test_date("2024-09-02"), "####ZZZZ##", 10, NULL));
    ssat_window w;
    assert_ok(ssat_window_range(test_date("2024-09-02"), test_date("2024-09-06"), &w));
    ssat_certificate *c = NULL;
    assert_ok(ssat_certificate_new(reg, NULL, &w, &c));
    assert_int_equal(ssat_certificate_totals(c)->possible, 0);
    char *t = render(c, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN);
    assert_non_null(strstr(t, "Attendance                   not evaluable: no possible session"));
    assert_null(strstr(t, "0.0 %"));
    ssat_free(t);
    char *h = render(c, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_non_null(strstr(h, "data-possible=\"0\" data-attended=\"0\" data-authorised=\"0\" data-unauthorised=\"0\" "
                              "data-percent=\"\""));
    ssat_free(h);
    char *j = render(c, SSAT_CERTIFICATE_JSON, SSAT_LANG_EN);
    assert_non_null(strstr(j, "\"percent\": null"));
    ssat_free(j);
    ssat_pack *pack = NULL;
    assert_ok(ssat_pack_new(NULL, &pack));
    assert_ok(ssat_certificate_to_pack(c, pack));
    const char *v = NULL;
    assert_ok(ssat_pack_get(pack, 0, "percent_tenths", &v));
    assert_string_equal(v, "");
    ssat_pack_free(pack);
    ssat_certificate_free(c);
    ssat_register_free(reg);
    ssat_codeset_free(codes);
}

/* ---- into a referral pack -------------------------------------------------------------------------- */

static void certificate_into_pack(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    ssat_pack *pack = NULL;
    assert_ok(ssat_pack_new(NULL, &pack));
    assert_ok(ssat_pack_add(pack, "letter", NULL));
    assert_ok(ssat_certificate_to_pack(s.cert, pack));
    assert_int_equal(ssat_pack_count(pack), 2);
    assert_string_equal(ssat_pack_item_kind(pack, 1), "certificate");
    static const char *const expected[][2] = {
        {"pupil_id", "P00001"}, {"pupil_name", "Ioan Lewis"}, {"school", "Ysgol Gyfun Enghraifft"},
        {"period_start", "2024-08-01"}, {"period_end", "2025-07-18"}, {"possible", "380"}, {"attended", "323"},
        {"unauthorised", "20"}, {"percent_tenths", "850"}, {"issue_date", "2025-07-21"},
        {"signatory_name", "Dr Si\xc3\xa2n Rhys"}, {"signatory_role", "Head teacher"}};
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        const char *v = NULL;
        assert_ok(ssat_pack_get(pack, 1, expected[i][0], &v));
        assert_string_equal(v, expected[i][1]);
    }
    /* A second time replaces the item (a pack holds one certificate); cleared details clear fields. */
    assert_ok(ssat_certificate_set(s.cert, "signatory_role", ""));
    assert_ok(ssat_certificate_to_pack(s.cert, pack));
    assert_int_equal(ssat_pack_count(pack), 2);
    const char *v = NULL;
    assert_ok(ssat_pack_get(pack, 1, "signatory_role", &v));
    assert_string_equal(v, "");
    assert_status_msg(ssat_certificate_to_pack(NULL, pack), SSAT_ERR_INVALID_ARG,
                      "ssat_certificate_to_pack: argument 'cert'");
    assert_status_msg(ssat_certificate_to_pack(s.cert, NULL), SSAT_ERR_INVALID_ARG, "argument 'pack'");
    ssat_pack_free(pack);
    sample_free(&s);
}

/* The certificate the library produces reconciles with the register in the completeness check. */
static void produced_certificate_passes_check(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    ssat_window w;
    assert_ok(ssat_window_range(test_date("2024-09-02"), test_date("2025-02-07"), &w));
    ssat_certificate *c = NULL;
    assert_ok(ssat_certificate_new(f.reg, f.cal, &w, &c));
    set_details(c, "P00001");
    assert_ok(ssat_certificate_set(c, "issue_date", "2025-02-10"));
    assert_ok(ssat_pack_remove(f.pack, FX_CERT));
    assert_ok(ssat_certificate_to_pack(c, f.pack));
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_pack_check(f.pack, f.policy, f.reg, f.cal, problems, NULL, NULL));
    for (size_t i = 0; i < ssat_problems_count(problems); i++)
        print_message("%s\n", ssat_problems_at(problems, i)->message_en);
    assert_int_equal(ssat_problems_count(problems), 0);
    ssat_problems_free(problems);
    ssat_certificate_free(c);
    fixture_free(&f);
}

/* ---- errors ---------------------------------------------------------------------------------------- */

static void new_rejects(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    ssat_certificate *c = (ssat_certificate *)&c;
    assert_status_msg(ssat_certificate_new(s.reg, NULL, &s.period, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_certificate_new: argument 'out'");
    assert_status_msg(ssat_certificate_new(NULL, NULL, &s.period, &c), SSAT_ERR_INVALID_ARG, "argument 'reg'");
    assert_null(c);
    assert_status_msg(ssat_certificate_new(s.reg, NULL, NULL, &c), SSAT_ERR_INVALID_ARG, "argument 'period'");
    ssat_window w = s.period;
    w.last_date = w.first_date - 1;
    assert_status_msg(ssat_certificate_new(s.reg, NULL, &w, &c), SSAT_ERR_INVALID_ARG, "before");
    w = s.period;
    w.first_half = (ssat_half)2;
    assert_status_msg(ssat_certificate_new(s.reg, NULL, &w, &c), SSAT_ERR_INVALID_ARG, "first_half");
    w = s.period;
    w.last_date = w.first_date + 3660;
    assert_status_msg(ssat_certificate_new(s.reg, NULL, &w, &c), SSAT_ERR_RANGE, "argument 'period' spans 3661 days");
    assert_null(c);
    w.last_date = w.first_date + 3659;
    assert_ok(ssat_certificate_new(s.reg, NULL, &w, &c)); /* ten years is the most */
    ssat_certificate_free(c);
    /* The last supported days. */
    assert_ok(ssat_window_range(test_date("9999-12-20"), test_date("9999-12-31"), &w));
    assert_ok(ssat_certificate_new(s.reg, NULL, &w, &c));
    char *t = render(c, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN);
    assert_non_null(strstr(t, "Autumn term: 20 December 9999 to 31 December 9999"));
    ssat_free(t);
    ssat_certificate_free(c);
    assert_ok(ssat_window_range(test_date("1583-01-01"), test_date("1583-01-10"), &w));
    assert_ok(ssat_certificate_new(s.reg, NULL, &w, &c));
    ssat_certificate_free(c);
    ssat_certificate_free(NULL);
    sample_free(&s);
}

static void render_rejects(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    char *out = (char *)&out;
    assert_status_msg(ssat_certificate_render(s.cert, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN, NULL),
                      SSAT_ERR_INVALID_ARG, "ssat_certificate_render: argument 'out'");
    assert_status_msg(ssat_certificate_render(NULL, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN, &out), SSAT_ERR_INVALID_ARG,
                      "argument 'cert'");
    assert_null(out);
    out = (char *)&out;
    assert_status_msg(ssat_certificate_render(s.cert, (ssat_certificate_format)3, SSAT_LANG_EN, &out),
                      SSAT_ERR_INVALID_ARG, "argument 'format'");
    assert_null(out);
    assert_status_msg(ssat_certificate_render(s.cert, SSAT_CERTIFICATE_HTML, (ssat_lang)3, &out), SSAT_ERR_INVALID_ARG,
                      "argument 'lang'");
    assert_null(ssat_certificate_totals(NULL));
    assert_null(ssat_certificate_period(NULL));
    sample_free(&s);
}

/* ---- memory ---------------------------------------------------------------------------------------- */

/* The certificate keeps the code set alive and copies the marks: it outlives its register. */
static void outlives_register(void **state)
{
    (void)state;
    sample s;
    sample_make(&s, NULL);
    char *before = render(s.cert, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    ssat_register_free(s.reg);
    s.reg = NULL;
    ssat_codeset_free(s.codes);
    s.codes = NULL;
    char *after = render(s.cert, SSAT_CERTIFICATE_HTML, SSAT_LANG_EN);
    assert_string_equal(before, after);
    ssat_free(before);
    ssat_free(after);
    sample_free(&s);
}

static void failing_allocator(void **state)
{
    (void)state;
    test_heap heap = {0};
    ssat_allocator a = test_heap_allocator(&heap, true);
    sample s;
    sample_make(&s, &a);
    ssat_pack *pack = NULL;
    assert_ok(ssat_pack_new(&a, &pack));
    for (int call = 0; call < 6; call++) {
        bool succeeded = false;
        for (size_t k = 1; !succeeded && k < 200; k++) {
            heap.fail_at = heap.calls + k;
            ssat_certificate *c = NULL;
            char *out = NULL;
            ssat_status st = SSAT_OK;
            switch (call) {
            case 0: st = ssat_certificate_new(s.reg, s.cal, &s.period, &c); break;
            case 1: st = ssat_certificate_set(s.cert, "school", "Ysgol Newydd"); break;
            case 2: st = ssat_certificate_render(s.cert, SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN, &out); break;
            case 3: st = ssat_certificate_render(s.cert, SSAT_CERTIFICATE_HTML, SSAT_LANG_CY, &out); break;
            case 4: st = ssat_certificate_render(s.cert, SSAT_CERTIFICATE_JSON, SSAT_LANG_EN, &out); break;
            case 5: st = ssat_certificate_to_pack(s.cert, pack); break;
            }
            if (st == SSAT_OK) {
                succeeded = true;
                ssat_certificate_free(c);
                ssat_free(out);
                continue;
            }
            assert_int_equal(st, SSAT_ERR_NOMEM);
            assert_non_null(strstr(ssat_error_message(), "out of memory"));
            assert_null(c);
            assert_null(out);
            if (call == 5)
                assert_int_equal(ssat_pack_count(pack), 0);
        }
        assert_true(succeeded);
    }
    heap.fail_at = 0;
    assert_int_equal(ssat_pack_count(pack), 1);
    assert_string_equal(ssat_certificate_get(s.cert, "school"), "Ysgol Newydd");
    ssat_pack_free(pack);
    sample_free(&s);
    assert_heap_clean(&heap);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_totals_equal_summary),
        cmocka_unit_test(sample_html),
        cmocka_unit_test(sample_text),
        cmocka_unit_test(sample_bilingual),
        cmocka_unit_test(sample_json),
        cmocka_unit_test(figure_never_on_a_whole_percent_it_is_not),
        cmocka_unit_test(details),
        cmocka_unit_test(html_escapes_everything),
        cmocka_unit_test(layout_without_calendar),
        cmocka_unit_test(layout_partial_sessions_two_years),
        cmocka_unit_test(custom_terms_and_empty_pages),
        cmocka_unit_test(gaps_and_missing_marks),
        cmocka_unit_test(not_evaluable),
        cmocka_unit_test(certificate_into_pack),
        cmocka_unit_test(produced_certificate_passes_check),
        cmocka_unit_test(new_rejects),
        cmocka_unit_test(render_rejects),
        cmocka_unit_test(outlives_register),
        cmocka_unit_test(failing_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
