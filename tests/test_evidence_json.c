/* Tests of lib/evidence/evidence_json.c: the document format (pinned for a small pack), the complete pack saved
 * and loaded unchanged, a property test over many generated packs (a deterministic PRNG: save, load,
 * equal, and the second save identical), every kind of malformed document with the path of the bad
 * field, every error path, and memory through a counting and a failing allocator. */
#include "support.h"
#include "heap.h"
#include "evidence_fixture.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- helpers -------------------------------------------------------------------------------------- */

static char *save(const ssat_pack *p)
{
    char *t = NULL;
    assert_ok(ssat_pack_to_json(p, &t));
    assert_non_null(t);
    return t;
}

static ssat_pack *load(const char *json)
{
    ssat_pack *p = NULL;
    assert_ok(ssat_pack_from_json(json, strlen(json), NULL, &p));
    assert_non_null(p);
    return p;
}

/* Loading `json` fails with `status`, a message naming the function and `needle`, and *out NULL. */
static void load_fails(const char *json, ssat_status status, const char *needle)
{
    ssat_pack *p = (ssat_pack *)&p;
    ssat_error_clear();
    ssat_status st = ssat_pack_from_json(json, strlen(json), NULL, &p);
    if (st != status)
        fail_msg("loading %s\ngave %d (%s), expected %d; message: %s", json, (int)st, ssat_status_str(st), (int)status,
                 ssat_error_message());
    if (strstr(ssat_error_message(), needle) == NULL)
        fail_msg("loading %s\nmessage \"%s\" does not mention \"%s\"", json, ssat_error_message(), needle);
    if (strstr(ssat_error_message(), "ssat_pack_from_json") == NULL)
        fail_msg("message \"%s\" does not name the function", ssat_error_message());
    assert_null(p);
}

/* ---- the format ------------------------------------------------------------------------------------ */

static const char small_json[] =
    "{\n"
    "  \"format\": \"ssat-pack\",\n"
    "  \"format_version\": 1,\n"
    "  \"items\": [\n"
    "    {\n"
    "      \"kind\": \"letter\",\n"
    "      \"fields\": {\n"
    "        \"date_sent\": \"2024-10-04\",\n"
    "        \"type\": \"meeting_invitation\",\n"
    "        \"reference\": \"ATT/2024/021 \\\"B\\\"\"\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"kind\": \"support\",\n"
    "      \"fields\": {\n"
    "        \"kind\": \"Cytunwyd \\u2014 agreed\\nline two\",\n"
    "        \"response\": \"pending\"\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"kind\": \"form\",\n"
    "      \"fields\": {}\n"
    "    }\n"
    "  ]\n"
    "}\n";

/* Each item's kind, then its set fields (in the schema's order) apart in "fields", so that a field
 * may have any name (support has one called "kind"); every value a string; text as UTF-8 (jansson
 * escapes non-ASCII as \uXXXX only when asked to, so here the em dash appears as itself). */
static void saved_format_is_stable(void **state)
{
    (void)state;
    ssat_pack *p = NULL;
    assert_ok(ssat_pack_new(NULL, &p));
    size_t i = 0;
    assert_ok(ssat_pack_add(p, "letter", &i));
    assert_ok(ssat_pack_set(p, i, "reference", "ATT/2024/021 \"B\""));
    assert_ok(ssat_pack_set(p, i, "date_sent", "2024-10-04"));
    assert_ok(ssat_pack_set(p, i, "type", "meeting_invitation"));
    assert_ok(ssat_pack_add(p, "support", &i));
    assert_ok(ssat_pack_set(p, i, "response", "pending"));
    assert_ok(ssat_pack_set(p, i, "kind", "Cytunwyd \xe2\x80\x94 agreed\nline two")); /* a field named "kind" */
    assert_ok(ssat_pack_add(p, "form", NULL));
    char *t = save(p);
    /* The pinned text uses \u2014 for readability of this file: load it and compare packs, then
     * compare the saved text with the UTF-8 form. */
    ssat_pack *q = load(small_json);
    assert_int_equal(ssat_pack_equal(p, q), 1);
    char expected[sizeof small_json + 8];
    const char *dash = strstr(small_json, "\\u2014");
    assert_non_null(dash);
    snprintf(expected, sizeof expected, "%.*s\xe2\x80\x94%s", (int)(dash - small_json), small_json, dash + 6);
    assert_string_equal(t, expected);
    ssat_free(t);
    ssat_pack_free(q);
    ssat_pack_free(p);
}

static void empty_pack_round_trip(void **state)
{
    (void)state;
    ssat_pack *p = NULL;
    assert_ok(ssat_pack_new(NULL, &p));
    char *t = save(p);
    assert_string_equal(t, "{\n  \"format\": \"ssat-pack\",\n  \"format_version\": 1,\n  \"items\": []\n}\n");
    ssat_pack *q = load(t);
    assert_int_equal(ssat_pack_count(q), 0);
    assert_int_equal(ssat_pack_equal(p, q), 1);
    ssat_free(t);
    ssat_pack_free(q);
    ssat_pack_free(p);
    /* "format" may be left out; "" values load as unset. */
    q = load("{\"format_version\": 1, \"items\": [{\"kind\": \"concern\", \"fields\": {\"summary\": \"\"}}, "
             "{\"kind\": \"letter\"}]}"); /* "fields" may be left out */
    assert_int_equal(ssat_pack_count(q), 2);
    const char *v = NULL;
    assert_ok(ssat_pack_get(q, 0, "summary", &v));
    assert_string_equal(v, "");
    ssat_pack_free(q);
}

static void complete_pack_round_trip(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    char *t = save(f.pack);
    ssat_pack *q = load(t);
    assert_int_equal(ssat_pack_equal(f.pack, q), 1);
    char *again = save(q);
    assert_string_equal(again, t);
    /* The loaded pack passes the check as the original does. */
    ssat_problems *problems = NULL;
    assert_ok(ssat_problems_new(&problems, NULL));
    assert_ok(ssat_pack_check(q, f.policy, f.reg, f.cal, problems, NULL, NULL));
    assert_int_equal(ssat_problems_count(problems), 0);
    ssat_problems_free(problems);
    ssat_free(again);
    ssat_free(t);
    ssat_pack_free(q);
    fixture_free(&f);
}

/* ---- property: random packs round-trip ------------------------------------------------------------- */

/* xorshift64*: deterministic, so a failure reproduces from its seed. */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next(rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1DULL;
}

static uint32_t below(rng *r, uint32_t n)
{
    return (uint32_t)(next(r) % n);
}

static void random_date(rng *r, char *buf, size_t cap)
{
    /* Any supported date, with the edges of the range and leap days more often than chance. */
    ssat_date lo = test_date("1583-01-01"), hi = test_date("9999-12-31");
    ssat_date d;
    switch (below(r, 6)) {
    case 0: d = lo + (ssat_date)below(r, 3); break;
    case 1: d = hi - (ssat_date)below(r, 3); break;
    case 2: d = test_date("2024-02-29"); break;
    default: d = lo + (ssat_date)below(r, (uint32_t)(hi - lo + 1)); break;
    }
    assert_ok(ssat_date_format(d, buf, cap));
}

/* Text of 1..40 characters drawn from ASCII, JSON specials, Welsh letters, other scripts and emoji. */
static void random_text(rng *r, char *buf, size_t cap)
{
    static const char *const pieces[] = {
        "a", "Z", "7", " ", "\"", "\\", "/", "\n", "\r", "\t", "{", "}", "[", "]", ",", ":", "<", "&", "'",
        "\xc5\xb5" /* ŵ */, "\xc5\xb7" /* ŷ */, "\xc3\xa2" /* â */, "\xe2\x80\x94" /* — */,
        "\xe2\x82\xac" /* € */, "\xd0\x96" /* Ж */, "\xe4\xb8\xad" /* 中 */, "\xf0\x9f\x98\x80" /* 😀 */,
        "\xef\xbb\xbf" /* BOM */, "\\u0041", "%s", "ll", "dd",
    };
    size_t n = 1 + below(r, 40), len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *piece = pieces[below(r, sizeof pieces / sizeof pieces[0])];
        size_t k = strlen(piece);
        if (len + k + 1 > cap)
            break;
        memcpy(buf + len, piece, k + 1);
        len += k;
    }
}

/* A valid value for field `fi` of `kind`, by its type (read from the schema's choices and the field
 * names the test knows). */
static void random_value(rng *r, const char *kind, size_t fi, char *buf, size_t cap)
{
    const char *name = NULL, *choices = NULL;
    assert_ok(ssat_pack_field_at(kind, fi, &name, &choices));
    if (choices[0] != '\0') {
        size_t count = 1;
        for (const char *p = choices; *p; p++)
            count += *p == ',';
        size_t pick = below(r, (uint32_t)count);
        const char *p = choices;
        for (size_t i = 0; i < pick; i++)
            p = strchr(p, ',') + 1;
        const char *end = strchr(p, ',');
        snprintf(buf, cap, "%.*s", (int)(end ? (size_t)(end - p) : strlen(p)), p);
    } else if (strcmp(name, "time") == 0) {
        snprintf(buf, cap, "%02u:%02u", (unsigned)below(r, 24), (unsigned)below(r, 60));
    } else if (strcmp(name, "review_dates") == 0) {
        size_t n = 1 + below(r, 4), len = 0;
        for (size_t i = 0; i < n; i++) {
            if (i > 0)
                buf[len++] = ';';
            random_date(r, buf + len, cap - len);
            len += 10;
        }
    } else if (strstr(name, "date") != NULL || strcmp(name, "period_start") == 0 || strcmp(name, "period_end") == 0) {
        random_date(r, buf, cap);
    } else if (strcmp(name, "percent_tenths") == 0) {
        snprintf(buf, cap, "%u", (unsigned)below(r, 1001));
    } else if (strcmp(kind, "certificate") == 0 &&
               (strcmp(name, "possible") == 0 || strcmp(name, "attended") == 0 || strcmp(name, "authorised") == 0 ||
                strcmp(name, "unauthorised") == 0)) {
        snprintf(buf, cap, "%u", below(r, 3) == 0 ? 0u : (unsigned)below(r, 1000001));
    } else {
        random_text(r, buf, cap);
    }
}

static ssat_pack *random_pack(rng *r, const ssat_allocator *alloc)
{
    ssat_pack *p = NULL;
    assert_ok(ssat_pack_new(alloc, &p));
    size_t items = below(r, 14);
    for (size_t i = 0; i < items; i++) {
        const char *kind = ssat_pack_kind_at(below(r, (uint32_t)ssat_pack_kind_count()));
        size_t index = 0;
        ssat_status st = ssat_pack_add(p, kind, &index);
        if (st == SSAT_ERR_DUPLICATE)
            continue; /* a second form or certificate */
        assert_int_equal(st, SSAT_OK);
        for (size_t fi = 0; fi < ssat_pack_field_count(kind); fi++) {
            if (below(r, 3) == 0)
                continue; /* left unset */
            char value[512];
            random_value(r, kind, fi, value, sizeof value);
            const char *name = NULL;
            assert_ok(ssat_pack_field_at(kind, fi, &name, NULL));
            if (ssat_pack_set(p, index, name, value) != SSAT_OK)
                fail_msg("generated %s.%s = \"%s\" refused: %s", kind, name, value, ssat_error_message());
        }
    }
    return p;
}

#define PROPERTY_PACKS 600

static void random_packs_round_trip(void **state)
{
    (void)state;
    rng r = {0x5eed5a7u};
    size_t items = 0;
    for (size_t n = 0; n < PROPERTY_PACKS; n++) {
        uint64_t seed = r.s;
        ssat_pack *p = random_pack(&r, NULL);
        char *t = save(p);
        ssat_pack *q = NULL;
        ssat_status st = ssat_pack_from_json(t, strlen(t), NULL, &q);
        if (st != SSAT_OK)
            fail_msg("pack %zu (state %llu): load failed: %s\n%s", n, (unsigned long long)seed, ssat_error_message(), t);
        if (!ssat_pack_equal(p, q))
            fail_msg("pack %zu (state %llu): loaded pack differs\n%s", n, (unsigned long long)seed, t);
        char *again = save(q);
        if (strcmp(again, t) != 0)
            fail_msg("pack %zu (state %llu): second save differs", n, (unsigned long long)seed);
        items += ssat_pack_count(p);
        ssat_free(again);
        ssat_free(t);
        ssat_pack_free(q);
        ssat_pack_free(p);
    }
    assert_true(items > PROPERTY_PACKS * 4); /* the packs were not trivially small */
}

/* ---- malformed documents --------------------------------------------------------------------------- */

#define HEAD "{\"format\": \"ssat-pack\", \"format_version\": 1, \"items\": "

static void malformed_documents(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        ssat_status status;
        const char *needle;
    } cases[] = {
        {"", SSAT_ERR_PARSE, "line 1"},
        {"{\"format\": \"ssat-pack\", \"format_version\": 1, \"items\": [{\"kind\": \"let", SSAT_ERR_PARSE, "line 1, column"},
        {"{\"format\": \"ssat-pack\",\n \"format_version\": 1,\n \"items\": [}", SSAT_ERR_PARSE, "line 3"},
        {"[]", SSAT_ERR_PARSE, "not a JSON object"},
        {"{\"format\": \"ssat-pack\", \"items\": []}", SSAT_ERR_PARSE, "field format_version: missing"},
        {"{\"format\": \"ssat-pack\", \"format_version\": 2, \"items\": []}", SSAT_ERR_PARSE,
         "field format_version: unsupported version"},
        {"{\"format\": \"ssat-pack\", \"format_version\": 0, \"items\": []}", SSAT_ERR_PARSE, "format_version"},
        {"{\"format\": \"ssat-pack\", \"format_version\": \"1\", \"items\": []}", SSAT_ERR_PARSE, "format_version"},
        {"{\"format\": \"ssat-pack\", \"format_version\": 1.0, \"items\": []}", SSAT_ERR_PARSE, "format_version"},
        {"{\"format\": \"ssat-policy\", \"format_version\": 1, \"items\": []}", SSAT_ERR_PARSE, "field format"},
        {"{\"format\": 1, \"format_version\": 1, \"items\": []}", SSAT_ERR_PARSE, "field format"},
        {"{\"format\": \"ssat-pack\", \"format_version\": 1}", SSAT_ERR_PARSE, "field items: expected an array"},
        {HEAD "{}}", SSAT_ERR_PARSE, "field items"},
        {HEAD "[], \"extra\": 1}", SSAT_ERR_PARSE, "field \"extra\": unknown field"},
        {HEAD "[], \"items\": []}", SSAT_ERR_PARSE, "duplicate"},
        {HEAD "[\"letter\"]}", SSAT_ERR_PARSE, "items[0]: expected an object"},
        {HEAD "[{\"fields\": {\"date_sent\": \"2024-01-01\"}}]}", SSAT_ERR_PARSE, "items[0].kind: missing"},
        {HEAD "[{\"kind\": 3}]}", SSAT_ERR_PARSE, "items[0].kind: expected a string"},
        {HEAD "[{\"kind\": \"email\"}]}", SSAT_ERR_PARSE, "items[0].kind: unknown kind \"email\" (kinds: concern"},
        {HEAD "[{\"kind\": \"letter\", \"date_sent\": \"2024-01-01\"}]}", SSAT_ERR_PARSE,
         "items[0].\"date_sent\": unknown member (an item holds \"kind\" and \"fields\")"},
        {HEAD "[{\"kind\": \"letter\", \"fields\": [\"2024-01-01\"]}]}", SSAT_ERR_PARSE,
         "items[0].fields: expected an object"},
        {HEAD "[{\"kind\": \"letter\"}, {\"kind\": \"letter\", \"fields\": {\"colour\": \"red\"}}]}", SSAT_ERR_PARSE,
         "items[1].fields.\"colour\": unknown field (a letter has no such field)"},
        {HEAD "[{\"kind\": \"letter\", \"fields\": {\"held\": \"yes\"}}]}", SSAT_ERR_PARSE,
         "items[0].fields.\"held\": unknown field"},
        {HEAD "[{\"kind\": \"letter\", \"fields\": {\"kind\": \"letter\"}}]}", SSAT_ERR_PARSE,
         "items[0].fields.\"kind\": unknown field"},
        {HEAD "[{\"kind\": \"letter\", \"fields\": {\"date_sent\": 20241001}}]}", SSAT_ERR_PARSE,
         "items[0].fields.date_sent: expected a string"},
        {HEAD "[{\"kind\": \"letter\", \"fields\": {\"date_sent\": null}}]}", SSAT_ERR_PARSE,
         "items[0].fields.date_sent: expected a string"},
        {HEAD "[{\"kind\": \"certificate\", \"fields\": {\"possible\": 380}}]}", SSAT_ERR_PARSE,
         "items[0].fields.possible: expected a string"},
        {HEAD "[{\"kind\": \"meeting\", \"fields\": {\"held\": true}}]}", SSAT_ERR_PARSE,
         "items[0].fields.held: expected a string"},
        {HEAD "[{\"kind\": \"concern\"}, {\"kind\": \"letter\", \"fields\": {\"date_sent\": \"2024-02-30\"}}]}",
         SSAT_ERR_PARSE, "items[1].fields.date_sent: \"2024-02-30\" is not an ISO 8601 date"},
        {HEAD "[{\"kind\": \"meeting\", \"fields\": {\"time\": \"9:30\"}}]}", SSAT_ERR_PARSE,
         "items[0].fields.time: \"9:30\" is not a 24-hour time"},
        {HEAD "[{\"kind\": \"meeting\", \"fields\": {\"held\": \"maybe\"}}]}", SSAT_ERR_PARSE,
         "items[0].fields.held: \"maybe\" is not yes or no"},
        {HEAD "[{\"kind\": \"support\", \"fields\": {\"response\": \"ok\"}}]}", SSAT_ERR_PARSE,
         "items[0].fields.response: \"ok\" is not one of"},
        {HEAD "[{\"kind\": \"certificate\", \"fields\": {\"possible\": \"038\"}}]}", SSAT_ERR_PARSE,
         "items[0].fields.possible"},
        {HEAD "[{\"kind\": \"plan\", \"fields\": {\"review_dates\": \"2025-01-01;\"}}]}", SSAT_ERR_PARSE,
         "items[0].fields.review_dates"},
        {HEAD "[{\"kind\": \"concern\", \"fields\": {\"summary\": \"a\\u0001b\"}}]}", SSAT_ERR_PARSE,
         "items[0].fields.summary: the text holds a control character"},
        {HEAD "[{\"kind\": \"concern\", \"fields\": {\"summary\": \"a\\u0000b\"}}]}", SSAT_ERR_PARSE, "line 1"},
        {HEAD "[{\"kind\": \"concern\", \"fields\": {\"summary\": \"\xc3\x28\"}}]}", SSAT_ERR_PARSE, "line 1"},
        {HEAD "[{\"kind\": \"concern\", \"fields\": {\"summary\": \"\\ud800\"}}]}", SSAT_ERR_PARSE, "line 1"},
        {HEAD "[{\"kind\": \"concern\", \"fields\": {\"date\": \"2024-01-01\", \"date\": \"2024-01-02\"}}]}",
         SSAT_ERR_PARSE, "duplicate"},
        {HEAD "[{\"kind\": \"letter\", \"kind\": \"form\"}]}", SSAT_ERR_PARSE, "duplicate"},
        {HEAD "[{\"kind\": \"form\"}, {\"kind\": \"letter\"}, {\"kind\": \"form\"}]}", SSAT_ERR_DUPLICATE,
         "items[2]: a second form"},
        {HEAD "[{\"kind\": \"certificate\"}, {\"kind\": \"certificate\"}]}", SSAT_ERR_DUPLICATE,
         "items[1]: a second certificate"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        load_fails(cases[i].json, cases[i].status, cases[i].needle);
}

/* Every proper prefix of a saved document is rejected (and never crashes or leaks). */
static void truncated_documents(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, NULL);
    char *t = save(f.pack);
    size_t len = strlen(t);
    for (size_t n = 0; n + 1 < len; n += 1 + n / 64) {
        ssat_pack *p = (ssat_pack *)&p;
        assert_int_equal(ssat_pack_from_json(t, n, NULL, &p), SSAT_ERR_PARSE);
        assert_null(p);
    }
    /* The length given is honoured: the whole text without its final newline still loads. */
    ssat_pack *p = NULL;
    assert_ok(ssat_pack_from_json(t, len - 1, NULL, &p));
    assert_int_equal(ssat_pack_equal(p, f.pack), 1);
    ssat_pack_free(p);
    ssat_free(t);
    fixture_free(&f);
}

static void json_rejects(void **state)
{
    (void)state;
    ssat_pack *p = NULL;
    char *t = (char *)&t;
    assert_ok(ssat_pack_new(NULL, &p));
    assert_status_msg(ssat_pack_to_json(p, NULL), SSAT_ERR_INVALID_ARG, "ssat_pack_to_json: argument 'out'");
    assert_status_msg(ssat_pack_to_json(NULL, &t), SSAT_ERR_INVALID_ARG, "ssat_pack_to_json: argument 'pack'");
    assert_null(t);
    ssat_pack *q = (ssat_pack *)&q;
    assert_status_msg(ssat_pack_from_json("{}", 2, NULL, NULL), SSAT_ERR_INVALID_ARG,
                      "ssat_pack_from_json: argument 'out'");
    assert_status_msg(ssat_pack_from_json(NULL, 0, NULL, &q), SSAT_ERR_INVALID_ARG, "argument 'json'");
    assert_null(q);
    ssat_allocator bad = {sizeof(ssat_allocator), NULL, NULL, NULL, NULL};
    q = (ssat_pack *)&q;
    assert_status_msg(ssat_pack_from_json("{}", 2, &bad, &q), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_null(q);
    ssat_pack_free(p);
}

/* ---- memory ---------------------------------------------------------------------------------------- */

static void custom_allocator_no_leak(void **state)
{
    (void)state;
    test_heap heap = {0};
    ssat_allocator a = test_heap_allocator(&heap, true);
    fixture f;
    fixture_make(&f, NULL);
    char *t = save(f.pack);
    ssat_pack *q = NULL;
    assert_ok(ssat_pack_from_json(t, strlen(t), &a, &q));
    char *again = save(q); /* allocated with the loaded pack's allocator */
    assert_string_equal(again, t);
    assert_true(heap.allocs > FX_ITEMS);
    ssat_pack_free(q);
    ssat_free(again); /* outlives the pack */
    assert_heap_clean(&heap);
    ssat_free(t);
    fixture_free(&f);
}

static void failing_allocator(void **state)
{
    (void)state;
    test_heap heap = {0};
    ssat_allocator a = test_heap_allocator(&heap, false);
    fixture f;
    fixture_make(&f, &a);
    char *t = save(f.pack);
    bool loaded = false, saved = false;
    for (size_t k = 1; !loaded && k < 500; k++) {
        heap.fail_at = heap.calls + k;
        ssat_pack *q = (ssat_pack *)&q;
        ssat_status st = ssat_pack_from_json(t, strlen(t), &a, &q);
        if (st == SSAT_OK) {
            loaded = true;
            assert_int_equal(ssat_pack_equal(q, f.pack), 1);
            ssat_pack_free(q);
            break;
        }
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_non_null(strstr(ssat_error_message(), "ssat_pack_from_json: out of memory"));
        assert_null(q);
    }
    for (size_t k = 1; !saved && k < 10; k++) {
        heap.fail_at = heap.calls + k;
        char *s = (char *)&s;
        ssat_status st = ssat_pack_to_json(f.pack, &s);
        if (st == SSAT_OK) {
            saved = true;
            assert_string_equal(s, t);
            ssat_free(s);
            break;
        }
        assert_int_equal(st, SSAT_ERR_NOMEM);
        assert_null(s);
    }
    heap.fail_at = 0;
    assert_true(loaded);
    assert_true(saved);
    ssat_free(t);
    fixture_free(&f);
    assert_heap_clean(&heap);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(saved_format_is_stable),
        cmocka_unit_test(empty_pack_round_trip),
        cmocka_unit_test(complete_pack_round_trip),
        cmocka_unit_test(random_packs_round_trip),
        cmocka_unit_test(malformed_documents),
        cmocka_unit_test(truncated_documents),
        cmocka_unit_test(json_rejects),
        cmocka_unit_test(custom_allocator_no_leak),
        cmocka_unit_test(failing_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
