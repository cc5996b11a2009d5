/* Tests of lib/rules/policy_json.c: the built-in policies saved and loaded unchanged, the document format
 * (pinned for england-2024), documents with a base policy and overrides, every kind of bad document
 * with the field path in the message, the caller's policy untouched by a failed load, and memory
 * through a counting and a failing allocator. */
#include "support.h"
#include "heap.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- helpers -------------------------------------------------------------------------------------- */

static ssat_policy *builtin(const char *name)
{
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_builtin(name, NULL, &p));
    return p;
}

static char *to_json(const ssat_policy *p)
{
    char *t = NULL;
    assert_ok(ssat_policy_to_json(p, &t));
    assert_non_null(t);
    return t;
}

static ssat_policy *from_json(const char *json)
{
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_from_json(json, strlen(json), NULL, &p));
    assert_non_null(p);
    return p;
}

/* Loading `json` fails with `status`, a message naming `needle`, and *out NULL. */
static void load_fails(const char *json, ssat_status status, const char *needle)
{
    ssat_policy *p = (ssat_policy *)&p;
    ssat_error_clear();
    ssat_status st = ssat_policy_from_json(json, strlen(json), NULL, &p);
    if (st != status)
        fail_msg("loading %s\ngave %d (%s), expected %d; message: %s", json, (int)st, ssat_status_str(st),
                 (int)status, ssat_error_message());
    if (strstr(ssat_error_message(), needle) == NULL)
        fail_msg("loading %s\nmessage \"%s\" does not mention \"%s\"", json, ssat_error_message(), needle);
    if (strstr(ssat_error_message(), "ssat_policy_from_json") == NULL)
        fail_msg("message \"%s\" does not name the function", ssat_error_message());
    assert_null(p);
}

/* A document with base carmarthenshire and one value given as raw JSON at a dotted path:
 * override("referral.attendance.threshold", "87") nests it as {"referral": {"attendance": {...}}}. */
static const char *override(const char *path, const char *value)
{
    static char doc[1024];
    char nested[512] = "";
    char closing[64] = "";
    const char *part = path;
    for (const char *dot = strchr(part, '.'); dot != NULL; dot = strchr(part, '.')) {
        size_t n = strlen(nested);
        snprintf(nested + n, sizeof nested - n, "{\"%.*s\": ", (int)(dot - part), part);
        strcat(closing, "}");
        part = dot + 1;
    }
    size_t n = strlen(nested);
    snprintf(nested + n, sizeof nested - n, "{\"%s\": %s}%s", part, value, closing);
    snprintf(doc, sizeof doc,
             "{\"format\": \"ssat-policy\", \"format_version\": 1, \"name\": \"t\", \"base\": \"carmarthenshire\",\n"
             " \"values\": %s}", nested);
    return doc;
}

/* A complete document (no base) for carmarthenshire with one key's "key": value line removed. */
static char *without_key(const char *leaf_line)
{
    ssat_policy *p = builtin(NULL);
    char *t = to_json(p);
    ssat_policy_free(p);
    char *at = strstr(t, leaf_line);
    assert_non_null(at);
    char *eol = strchr(at, '\n');
    assert_non_null(eol);
    memmove(at, eol + 1, strlen(eol + 1) + 1);
    return t; /* still valid JSON only if the removed line was not the last of its object */
}

/* ---- saving and loading the built-ins ------------------------------------------------------------------ */

static void builtins_round_trip(void **state)
{
    (void)state;
    for (size_t i = 0; i < ssat_policy_builtin_count(); i++) {
        ssat_policy *p = builtin(ssat_policy_builtin_name(i));
        char *text = to_json(p);
        ssat_policy *q = from_json(text);
        assert_int_equal(ssat_policy_equal(p, q), 1);
        assert_string_equal(ssat_policy_name(q), ssat_policy_builtin_name(i));
        char *again = to_json(q);
        assert_string_equal(again, text); /* the second save is identical */
        ssat_free(again);
        ssat_free(text);
        ssat_policy_free(q);
        ssat_policy_free(p);
    }
}

/* The format of a saved policy: every key, nested, in the key table's order, no base. */
static const char england_json[] =
    "{\n"
    "  \"format\": \"ssat-policy\",\n"
    "  \"format_version\": 1,\n"
    "  \"name\": \"england-2024\",\n"
    "  \"values\": {\n"
    "    \"code_set\": \"england-2024\",\n"
    "    \"referral\": {\n"
    "      \"window\": \"year_to_date\",\n"
    "      \"attendance\": {\n"
    "        \"threshold\": 85,\n"
    "        \"comparator\": \"<=\"\n"
    "      },\n"
    "      \"unauthorised\": {\n"
    "        \"min_sessions\": 10,\n"
    "        \"min_share\": 0\n"
    "      },\n"
    "      \"provisional\": {\n"
    "        \"max_age_school_days\": 10\n"
    "      },\n"
    "      \"require_compulsory_age\": true\n"
    "    },\n"
    "    \"absence\": {\n"
    "      \"window\": \"year_to_date\",\n"
    "      \"persistent\": {\n"
    "        \"threshold\": 10,\n"
    "        \"comparator\": \">=\"\n"
    "      },\n"
    "      \"severe\": {\n"
    "        \"enabled\": true,\n"
    "        \"threshold\": 50,\n"
    "        \"comparator\": \">=\"\n"
    "      }\n"
    "    },\n"
    "    \"penalty\": {\n"
    "      \"limb\": {\n"
    "        \"window\": \"last_weeks:10\",\n"
    "        \"unauthorised_sessions\": 10,\n"
    "        \"holiday_sessions\": 0,\n"
    "        \"late_sessions\": 0,\n"
    "        \"combination_sessions\": 10,\n"
    "        \"unauthorised_all_codes\": false,\n"
    "        \"provisional_unknown\": true\n"
    "      },\n"
    "      \"year_to_date\": {\n"
    "        \"required\": false,\n"
    "        \"threshold\": 90,\n"
    "        \"comparator\": \"<\"\n"
    "      },\n"
    "      \"warning\": {\n"
    "        \"required\": true,\n"
    "        \"improvement_school_days\": 15,\n"
    "        \"improvement_min_unauthorised\": 1\n"
    "      },\n"
    "      \"limit\": {\n"
    "        \"max_notices\": 2,\n"
    "        \"period_months\": 36,\n"
    "        \"per_child\": true\n"
    "      },\n"
    "      \"amount\": {\n"
    "        \"early_pence\": 8000,\n"
    "        \"early_days\": 21,\n"
    "        \"late_pence\": 16000,\n"
    "        \"late_days\": 28,\n"
    "        \"receipt_is_day_one\": true,\n"
    "        \"repeat_months\": 36\n"
    "      },\n"
    "      \"service\": {\n"
    "        \"posted_working_days\": 2\n"
    "      },\n"
    "      \"require_compulsory_age\": true\n"
    "    },\n"
    "    \"evidence\": {\n"
    "      \"min_letters\": 1,\n"
    "      \"min_invitations\": 1,\n"
    "      \"min_support_offers\": 1,\n"
    "      \"require_concern\": true,\n"
    "      \"require_pupil_voice\": false,\n"
    "      \"certificate\": {\n"
    "        \"max_age_school_days\": 10\n"
    "      },\n"
    "      \"require_head_teacher_signature\": true,\n"
    "      \"min_meetings\": 1,\n"
    "      \"require_order\": true\n"
    "    },\n"
    "    \"case\": {\n"
    "      \"psp_review_days\": 42,\n"
    "      \"idp_review_months\": 12,\n"
    "      \"referral_decision_days\": 21,\n"
    "      \"due_soon_days\": 7,\n"
    "      \"max_gap_days\": 366,\n"
    "      \"contract_offered_blocks\": true,\n"
    "      \"prosecution_blocks_every_notice\": true,\n"
    "      \"notice_without_referral\": true\n"
    "    }\n"
    "  }\n"
    "}\n"
;

static void saved_format_is_stable(void **state)
{
    (void)state;
    ssat_policy *p = builtin("england-2024");
    char *t = to_json(p);
    assert_string_equal(t, england_json);
    ssat_free(t);
    ssat_policy_free(p);
}

/* Changed values of every type survive a round trip; a fractional percentage is written as a string. */
static void changed_values_round_trip(void **state)
{
    (void)state;
    ssat_policy *p = builtin("wales");
    assert_ok(ssat_policy_set_name(p, "Sir G\xc3\xa2r \"quoted\""));
    assert_ok(ssat_policy_set_percent(p, "referral.attendance.threshold", 875, 10));
    assert_ok(ssat_policy_set_percent(p, "referral.unauthorised.min_share", 33333333, 1000000));
    assert_ok(ssat_policy_set_comparator(p, "referral.attendance.comparator", SSAT_CMP_LT));
    assert_ok(ssat_policy_set_int(p, "penalty.amount.late_pence", 1000000));
    assert_ok(ssat_policy_set_bool(p, "absence.severe.enabled", 1));
    assert_ok(ssat_policy_set_window(p, "referral.window", SSAT_WINDOW_LAST_SESSIONS, 520));
    assert_ok(ssat_policy_set_text(p, "code_set", "england-2024"));
    char *t = to_json(p);
    assert_non_null(strstr(t, "\"threshold\": \"87.5\""));
    assert_non_null(strstr(t, "\"min_share\": \"33.333333\""));
    assert_non_null(strstr(t, "\"window\": \"last_sessions:520\""));
    assert_non_null(strstr(t, "\"name\": \"Sir G\xc3\xa2r \\\"quoted\\\"\""));
    ssat_policy *q = from_json(t);
    assert_int_equal(ssat_policy_equal(p, q), 1);
    ssat_free(t);
    ssat_policy_free(q);
    ssat_policy_free(p);
}

static void document_with_base_and_overrides(void **state)
{
    (void)state;
    static const char doc[] =
        "{ \"format\": \"ssat-policy\", \"format_version\": 1, \"name\": \"my-authority\", \"base\": \"carmarthenshire\",\n"
        "  \"values\": { \"referral\": { \"attendance\": { \"threshold\": \"87.5\" } },\n"
        "              \"penalty\": { \"limb\": { \"window\": \"last_weeks:6\", \"late_sessions\": 0 } } } }";
    ssat_policy *p = from_json(doc);
    assert_string_equal(ssat_policy_name(p), "my-authority");
    uint32_t num = 0, den = 0;
    assert_ok(ssat_policy_get_percent(p, "referral.attendance.threshold", &num, &den));
    assert_int_equal(num, 875);
    assert_int_equal(den, 10);
    ssat_window_kind kind = SSAT_WINDOW_TERM;
    int32_t n = 0;
    assert_ok(ssat_policy_get_window(p, "penalty.limb.window", &kind, &n));
    assert_int_equal(kind, SSAT_WINDOW_LAST_WEEKS);
    assert_int_equal(n, 6);
    int64_t late = -1;
    assert_ok(ssat_policy_get_int(p, "penalty.limb.late_sessions", &late));
    assert_int_equal(late, 0);
    /* Every other key has the base's value. */
    ssat_policy *expect = builtin("carmarthenshire");
    assert_ok(ssat_policy_set_name(expect, "my-authority"));
    assert_ok(ssat_policy_set_percent(expect, "referral.attendance.threshold", 875, 10));
    assert_ok(ssat_policy_set_window(expect, "penalty.limb.window", SSAT_WINDOW_LAST_WEEKS, 6));
    assert_ok(ssat_policy_set_int(expect, "penalty.limb.late_sessions", 0));
    assert_int_equal(ssat_policy_equal(p, expect), 1);
    ssat_policy_free(expect);
    ssat_policy_free(p);

    /* Another base; an empty "values"; "format" may be left out. */
    p = from_json("{\"format_version\": 1, \"name\": \"e\", \"base\": \"england-2024\", \"values\": {}}");
    expect = builtin("england-2024");
    assert_ok(ssat_policy_set_name(expect, "e"));
    assert_int_equal(ssat_policy_equal(p, expect), 1);
    ssat_policy_free(expect);
    ssat_policy_free(p);
}

static void percent_forms(void **state)
{
    (void)state;
    uint32_t num = 0, den = 0;
    ssat_policy *p = from_json(override("referral.attendance.threshold", "90"));
    assert_ok(ssat_policy_get_percent(p, "referral.attendance.threshold", &num, &den));
    assert_int_equal(num, 90);
    assert_int_equal(den, 1);
    ssat_policy_free(p);
    p = from_json(override("referral.attendance.threshold", "\"87.50\""));
    assert_ok(ssat_policy_get_percent(p, "referral.attendance.threshold", &num, &den));
    assert_int_equal(num, 875);
    assert_int_equal(den, 10);
    ssat_policy_free(p);
    p = from_json(override("referral.attendance.threshold", "\"100\""));
    assert_ok(ssat_policy_get_percent(p, "referral.attendance.threshold", &num, &den));
    assert_int_equal(num, 100);
    assert_int_equal(den, 1);
    ssat_policy_free(p);
    p = from_json(override("referral.attendance.threshold", "0"));
    ssat_policy_free(p);
    /* Never binary floating point. */
    load_fails(override("referral.attendance.threshold", "87.5"), SSAT_ERR_PARSE,
               "values.referral.attendance.threshold");
    load_fails(override("referral.attendance.threshold", "85.0"), SSAT_ERR_PARSE,
               "values.referral.attendance.threshold");
}

/* ---- bad documents ------------------------------------------------------------------------------------ */

static void malformed_json_reports_line_and_column(void **state)
{
    (void)state;
    load_fails("{\n  \"format_version\": 1,\n  \"name\": ,\n}", SSAT_ERR_PARSE, "line 3, column");
    load_fails("{\"format_version\": 1", SSAT_ERR_PARSE, "line 1, column");
    load_fails("", SSAT_ERR_PARSE, "line 1");
    load_fails("not json", SSAT_ERR_PARSE, "line 1, column");
    /* Two values for one field. */
    load_fails("{\"format_version\": 1,\n\"format_version\": 1}", SSAT_ERR_PARSE, "line 2");
    load_fails("{\"format_version\": 1, \"name\": \"x\", \"base\": \"wales\",\n"
               " \"values\": {\"referral\": {\"window\": \"term\",\n \"window\": \"term\"}}}",
               SSAT_ERR_PARSE, "line 3");
    /* A document must be an object. */
    load_fails("[1, 2]", SSAT_ERR_PARSE, "not a JSON object");
}

static void header_fields(void **state)
{
    (void)state;
    load_fails("{\"format\": \"ssat-policy\", \"name\": \"x\", \"base\": \"wales\", \"values\": {}}", SSAT_ERR_PARSE,
               "format_version: missing");
    load_fails("{\"format_version\": 2, \"name\": \"x\", \"base\": \"wales\", \"values\": {}}", SSAT_ERR_PARSE,
               "format_version: unsupported");
    load_fails("{\"format_version\": 0, \"name\": \"x\", \"base\": \"wales\", \"values\": {}}", SSAT_ERR_PARSE,
               "format_version");
    load_fails("{\"format_version\": \"1\", \"name\": \"x\", \"base\": \"wales\", \"values\": {}}", SSAT_ERR_PARSE,
               "format_version");
    load_fails("{\"format_version\": 1.0, \"name\": \"x\", \"base\": \"wales\", \"values\": {}}", SSAT_ERR_PARSE,
               "format_version");
    load_fails("{\"format\": \"other\", \"format_version\": 1, \"name\": \"x\", \"base\": \"wales\", \"values\": {}}",
               SSAT_ERR_PARSE, "field format");
    load_fails("{\"format_version\": 1, \"base\": \"wales\", \"values\": {}}", SSAT_ERR_PARSE, "field name");
    load_fails("{\"format_version\": 1, \"name\": \"\", \"base\": \"wales\", \"values\": {}}", SSAT_ERR_PARSE,
               "field name");
    load_fails("{\"format_version\": 1, \"name\": 5, \"base\": \"wales\", \"values\": {}}", SSAT_ERR_PARSE,
               "field name");
    /* jansson refuses NUL in strings (a guard in the library checks it again). */
    load_fails("{\"format_version\": 1, \"name\": \"a\\u0000b\", \"base\": \"wales\", \"values\": {}}",
               SSAT_ERR_PARSE, "line 1, column");
    load_fails("{\"format_version\": 1, \"name\": "
               "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", \"base\": \"wales\", "
               "\"values\": {}}",
               SSAT_ERR_PARSE, "field name"); /* 65 bytes */
    load_fails("{\"format_version\": 1, \"name\": \"x\", \"base\": 1, \"values\": {}}", SSAT_ERR_PARSE, "field base");
    load_fails("{\"format_version\": 1, \"name\": \"x\", \"base\": \"kent\", \"values\": {}}", SSAT_ERR_NOT_FOUND,
               "field base: no built-in policy \"kent\"");
    load_fails("{\"format_version\": 1, \"name\": \"x\", \"base\": \"wales\"}", SSAT_ERR_PARSE, "field values");
    load_fails("{\"format_version\": 1, \"name\": \"x\", \"base\": \"wales\", \"values\": []}", SSAT_ERR_PARSE,
               "field values");
    /* Unknown top-level field. */
    load_fails("{\"format_version\": 1, \"name\": \"x\", \"base\": \"wales\", \"values\": {}, \"extra\": 1}",
               SSAT_ERR_PARSE, "field extra: unknown field");
}

static void unknown_keys(void **state)
{
    (void)state;
    load_fails(override("referral.attendance.treshold", "85"), SSAT_ERR_PARSE,
               "field values.referral.attendance.treshold: unknown key");
    load_fails(override("bogus", "1"), SSAT_ERR_PARSE, "field values.bogus: unknown key");
    load_fails(override("bogus", "{}"), SSAT_ERR_PARSE, "field values.bogus: unknown key");
    load_fails(override("referral.nothing.deeper", "1"), SSAT_ERR_PARSE, "field values.referral.nothing");
    /* A dotted member name is not a key: keys nest. */
    load_fails(override("referral", "{\"window\": \"term\", \"attendance.threshold\": 80}"), SSAT_ERR_PARSE,
               "values.referral.attendance.threshold: unknown key");
    load_fails("{\"format_version\": 1, \"name\": \"x\", \"base\": \"wales\", \"values\": {\"referral.window\": "
               "\"term\"}}",
               SSAT_ERR_PARSE, "values.referral.window: unknown key");
    load_fails(override("referral", "{\"\": 1}"), SSAT_ERR_PARSE, "unknown key");
    /* A leaf key given as an object, a branch given as a value. */
    load_fails(override("referral.window", "{\"x\": 1}"), SSAT_ERR_PARSE, "values.referral.window: expected");
    load_fails(override("referral", "\"term\""), SSAT_ERR_PARSE, "values.referral: unknown key");
}

static void wrong_types(void **state)
{
    (void)state;
    load_fails(override("referral.attendance.threshold", "true"), SSAT_ERR_PARSE,
               "values.referral.attendance.threshold: expected a whole number or a decimal string");
    load_fails(override("referral.attendance.threshold", "null"), SSAT_ERR_PARSE, "values.referral.attendance.threshold");
    load_fails(override("referral.attendance.threshold", "\"abc\""), SSAT_ERR_PARSE,
               "values.referral.attendance.threshold: \"abc\" is not a percentage");
    load_fails(override("referral.unauthorised.min_sessions", "\"10\""), SSAT_ERR_PARSE,
               "values.referral.unauthorised.min_sessions: expected a whole number");
    load_fails(override("referral.unauthorised.min_sessions", "10.5"), SSAT_ERR_PARSE,
               "values.referral.unauthorised.min_sessions");
    load_fails(override("absence.severe.enabled", "1"), SSAT_ERR_PARSE, "values.absence.severe.enabled: expected true");
    load_fails(override("absence.severe.enabled", "\"true\""), SSAT_ERR_PARSE, "values.absence.severe.enabled");
    load_fails(override("referral.window", "10"), SSAT_ERR_PARSE, "values.referral.window: expected a string");
    load_fails(override("referral.window", "\"weekly\""), SSAT_ERR_PARSE, "values.referral.window: \"weekly\"");
    load_fails(override("referral.attendance.comparator", "\"=\""), SSAT_ERR_PARSE,
               "values.referral.attendance.comparator: \"=\" is not a comparator");
    load_fails(override("referral.attendance.comparator", "1"), SSAT_ERR_PARSE, "values.referral.attendance.comparator");
    load_fails(override("code_set", "[\"wales-2010\"]"), SSAT_ERR_PARSE, "values.code_set: expected a string");
    /* A string holding a NUL, or longer than any valid value, is not truncated into a valid one. */
    load_fails(override("referral.window", "\"term\\u0000x\""), SSAT_ERR_PARSE, "line 2, column");
    load_fails(override("referral.window",
                        "\"last_weeks:000000000000000000000000000000000000000000000000000000000000000000010\""),
               SSAT_ERR_PARSE, "values.referral.window");
    load_fails(override("referral.attendance.threshold",
                        "\"85.000000000000000000000000000000000000000000000000000000000000000000000\""),
               SSAT_ERR_PARSE, "values.referral.attendance.threshold");
}

static void values_out_of_range(void **state)
{
    (void)state;
    load_fails(override("referral.attendance.threshold", "-5"), SSAT_ERR_RANGE,
               "values.referral.attendance.threshold: -5 % is negative");
    load_fails(override("referral.attendance.threshold", "101"), SSAT_ERR_RANGE,
               "values.referral.attendance.threshold");
    load_fails(override("referral.attendance.threshold", "\"100.5\""), SSAT_ERR_RANGE,
               "values.referral.attendance.threshold");
    load_fails(override("referral.attendance.threshold", "99999999999999"), SSAT_ERR_RANGE,
               "values.referral.attendance.threshold");
    load_fails(override("referral.unauthorised.min_sessions", "1000001"), SSAT_ERR_RANGE,
               "values.referral.unauthorised.min_sessions: 1000001 is outside 0..1000000");
    load_fails(override("referral.unauthorised.min_sessions", "-1"), SSAT_ERR_RANGE,
               "values.referral.unauthorised.min_sessions");
    load_fails(override("penalty.limit.period_months", "0"), SSAT_ERR_RANGE,
               "values.penalty.limit.period_months: 0 is outside 1..1200");
    load_fails(override("penalty.amount.early_days", "366"), SSAT_ERR_RANGE, "values.penalty.amount.early_days");
    load_fails(override("penalty.limb.window", "\"last_weeks:0\""), SSAT_ERR_RANGE, "values.penalty.limb.window");
    load_fails(override("penalty.limb.window", "\"last_sessions:521\""), SSAT_ERR_RANGE,
               "values.penalty.limb.window");
    load_fails(override("code_set", "\"scotland-2020\""), SSAT_ERR_NOT_FOUND,
               "values.code_set: no built-in code set \"scotland-2020\"");
}

static void missing_key_without_base(void **state)
{
    (void)state;
    /* A complete document without base loads. */
    ssat_policy *p = builtin(NULL);
    char *t = to_json(p);
    ssat_policy *q = from_json(t);
    assert_int_equal(ssat_policy_equal(p, q), 1);
    ssat_policy_free(q);
    ssat_free(t);
    ssat_policy_free(p);
    /* Without one key it does not, and the message names the key. */
    t = without_key("\"early_days\": 28,");
    load_fails(t, SSAT_ERR_PARSE, "values.penalty.amount.early_days: missing");
    ssat_free(t);
    t = without_key("\"code_set\": \"wales-2010\",");
    load_fails(t, SSAT_ERR_PARSE, "values.code_set: missing");
    ssat_free(t);
    load_fails("{\"format_version\": 1, \"name\": \"x\", \"values\": {}}", SSAT_ERR_PARSE, "values.code_set: missing");
}

/* The buffer need not be NUL-terminated: only len bytes are read. */
static void length_bounds_the_document(void **state)
{
    (void)state;
    static const char doc[] = "{\"format_version\": 1, \"name\": \"x\", \"base\": \"wales\", \"values\": {}}GARBAGE";
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_from_json(doc, strlen(doc) - strlen("GARBAGE"), NULL, &p));
    assert_string_equal(ssat_policy_name(p), "x");
    ssat_policy_free(p);
    p = (ssat_policy *)&p;
    assert_status_msg(ssat_policy_from_json(doc, strlen(doc), NULL, &p), SSAT_ERR_PARSE, "line 1");
    assert_null(p);
    p = (ssat_policy *)&p;
    assert_status_msg(ssat_policy_from_json(doc, 10, NULL, &p), SSAT_ERR_PARSE, "line 1");
    assert_null(p);
}

/* A failed load touches nothing the caller holds. */
static void failed_load_leaves_policy_untouched(void **state)
{
    (void)state;
    ssat_policy *held = from_json(override("referral.attendance.threshold", "\"86.5\""));
    char *before = to_json(held);
    static const char *const bad[] = {
        "{\"format_version\": 1, \"name\": \"t\", \"base\": \"carmarthenshire\", \"values\": "
        "{\"referral\": {\"attendance\": {\"threshold\": 80}, \"window\": \"weekly\"}}}",
        "{\"format_version\": 1, \"name\": \"t\", \"base\": \"carmarthenshire\", \"values\": "
        "{\"referral\": {\"attendance\": {\"threshold\": 80}}, \"penalty\": {\"limb\": {\"late_sessions\": -1}}}}",
        "{\"format_version\": 1, \"name\": \"t\", \"base\": \"nowhere\", \"values\": {}}",
        "{ broken",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ssat_policy *out = (ssat_policy *)&out;
        assert_true(ssat_policy_from_json(bad[i], strlen(bad[i]), NULL, &out) != SSAT_OK);
        assert_null(out);
        char *after = to_json(held);
        assert_string_equal(after, before);
        ssat_free(after);
    }
    ssat_free(before);
    ssat_policy_free(held);
}

static void null_arguments(void **state)
{
    (void)state;
    ssat_policy *p = (ssat_policy *)&p;
    assert_status_msg(ssat_policy_from_json(NULL, 0, NULL, &p), SSAT_ERR_INVALID_ARG,
                      "ssat_policy_from_json: argument 'json' is NULL");
    assert_null(p);
    assert_status_msg(ssat_policy_from_json("{}", 2, NULL, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_policy_from_json: argument 'out' is NULL");
    ssat_allocator bad = {0, NULL, NULL, NULL, NULL};
    p = (ssat_policy *)&p;
    assert_status_msg(ssat_policy_from_json("{}", 2, &bad, &p), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_null(p);
    char *t = (char *)&t;
    assert_status_msg(ssat_policy_to_json(NULL, &t), SSAT_ERR_INVALID_ARG, "ssat_policy_to_json: argument 'policy'");
    assert_null(t);
    p = builtin(NULL);
    assert_status_msg(ssat_policy_to_json(p, NULL), SSAT_ERR_INVALID_ARG, "ssat_policy_to_json: argument 'out'");
    ssat_policy_free(p);
}

/* ---- memory -------------------------------------------------------------------------------------------- */

static void custom_allocator_no_leak(void **state)
{
    (void)state;
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, true);
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_from_json(england_json, strlen(england_json), &a, &p));
    assert_true(h.allocs >= 2); /* the policy and its name; jansson's own tree is not the caller's */
    size_t before = h.allocs;
    char *t = NULL;
    assert_ok(ssat_policy_to_json(p, &t));
    assert_int_equal(h.allocs, before + 1); /* the text, from the policy's allocator */
    assert_string_equal(t, england_json);
    ssat_policy_free(p);
    ssat_free(t); /* after the policy that made it */
    assert_heap_clean(&h);
    /* A failed load allocates nothing from the caller's allocator, or frees what it did. */
    assert_true(ssat_policy_from_json("{ broken", 8, &a, &p) != SSAT_OK);
    const char *doc = override("code_set", "\"nowhere\"");
    assert_true(ssat_policy_from_json(doc, strlen(doc), &a, &p) != SSAT_OK);
    assert_heap_clean(&h);
}

static void failing_allocator(void **state)
{
    (void)state;
    for (size_t fail = 1; fail <= 2; fail++) {
        test_heap h = {0};
        h.fail_at = fail;
        ssat_allocator a = test_heap_allocator(&h, false);
        ssat_policy *p = (ssat_policy *)&p;
        assert_status_msg(ssat_policy_from_json(england_json, strlen(england_json), &a, &p), SSAT_ERR_NOMEM,
                          "ssat_policy_from_json");
        assert_null(p);
        assert_int_equal(h.failures, 1);
        assert_heap_clean(&h);
    }
    test_heap h = {0};
    ssat_allocator a = test_heap_allocator(&h, false);
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_from_json(england_json, strlen(england_json), &a, &p));
    h.fail_at = h.calls + 1;
    char *t = (char *)&t;
    assert_status_msg(ssat_policy_to_json(p, &t), SSAT_ERR_NOMEM, "ssat_policy_to_json");
    assert_null(t);
    assert_int_equal(h.failures, 1);
    ssat_policy_free(p);
    assert_heap_clean(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtins_round_trip),
        cmocka_unit_test(saved_format_is_stable),
        cmocka_unit_test(changed_values_round_trip),
        cmocka_unit_test(document_with_base_and_overrides),
        cmocka_unit_test(percent_forms),
        cmocka_unit_test(malformed_json_reports_line_and_column),
        cmocka_unit_test(header_fields),
        cmocka_unit_test(unknown_keys),
        cmocka_unit_test(wrong_types),
        cmocka_unit_test(values_out_of_range),
        cmocka_unit_test(missing_key_without_base),
        cmocka_unit_test(length_bounds_the_document),
        cmocka_unit_test(failed_load_leaves_policy_untouched),
        cmocka_unit_test(null_arguments),
        cmocka_unit_test(custom_allocator_no_leak),
        cmocka_unit_test(failing_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
