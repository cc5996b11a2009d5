/* Tests of lib/evidence/evidence.c: the schema (kinds and fields, as documented in include/ssat/evidence.h),
 * adding and removing items, setting and reading fields with every type's checks and the item and
 * field named in each message, copies and equality, every error path, and memory through a counting
 * and a failing allocator. */
#include "support.h"
#include "heap.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- the schema ------------------------------------------------------------------------------------ */

/* include/ssat/evidence.h's table, kind by kind. */
static const struct {
    const char *kind;
    const char *fields;
} schema[] = {
    {"concern", "date,raised_by,summary"},
    {"letter", "date_sent,type,addressee,delivery,reference"},
    {"meeting", "invitation_date,held,date,time,attendees,parent_attended,outcome,agreed_actions,review_date"},
    {"support", "date,kind,response"},
    {"contract", "offered_date,status,status_date,terms"},
    {"plan", "type,start_date,review_dates,summary"},
    {"pupil_voice", "date,summary"},
    {"form", "referral_date,pupil_id,pupil_name,date_of_birth,year_group,parent_name,parent_contact,reasons,"
             "referrer_name,referrer_role,head_teacher_name,head_teacher_signed,signed_date"},
    {"certificate", "pupil_id,pupil_name,school,period_start,period_end,possible,attended,authorised,unauthorised,"
                    "percent_tenths,issue_date,signatory_name,signatory_role"},
};

#define N_KINDS (sizeof schema / sizeof schema[0])

static void kinds_and_fields(void **state)
{
    (void)state;
    assert_int_equal(ssat_pack_kind_count(), N_KINDS);
    assert_null(ssat_pack_kind_at(N_KINDS));
    for (size_t k = 0; k < N_KINDS; k++) {
        assert_string_equal(ssat_pack_kind_at(k), schema[k].kind);
        char names[512] = "";
        size_t n = ssat_pack_field_count(schema[k].kind);
        for (size_t f = 0; f < n; f++) {
            const char *name = NULL, *choices = NULL;
            assert_ok(ssat_pack_field_at(schema[k].kind, f, &name, &choices));
            assert_non_null(choices);
            size_t len = strlen(names);
            snprintf(names + len, sizeof names - len, "%s%s", f ? "," : "", name);
        }
        assert_string_equal(names, schema[k].fields);
    }
    assert_int_equal(ssat_pack_field_count("nothing"), 0);
    assert_int_equal(ssat_pack_field_count(NULL), 0);
}

static void field_choices(void **state)
{
    (void)state;
    static const struct {
        const char *kind;
        size_t index;
        const char *choices;
    } cases[] = {
        {"concern", 0, ""},
        {"letter", 1, "attendance_concern,meeting_invitation,warning,parenting_contract_offer,penalty_warning,other"},
        {"letter", 3, "post,email,hand,other"},
        {"meeting", 1, "yes,no"},
        {"meeting", 5, "yes,no"},
        {"support", 2, "accepted,declined,pending"},
        {"contract", 1, "offered,agreed,declined,breached,completed"},
        {"plan", 0, "psp,idp"},
        {"form", 11, "yes,no"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *choices = NULL;
        assert_ok(ssat_pack_field_at(cases[i].kind, cases[i].index, NULL, &choices));
        assert_string_equal(choices, cases[i].choices);
    }
}

static void field_at_rejects(void **state)
{
    (void)state;
    const char *name = "x", *choices = "x";
    assert_status_msg(ssat_pack_field_at(NULL, 0, &name, &choices), SSAT_ERR_INVALID_ARG,
                      "ssat_pack_field_at: argument 'kind' is NULL");
    assert_null(name);
    assert_null(choices);
    assert_status_msg(ssat_pack_field_at("email", 0, &name, NULL), SSAT_ERR_NOT_FOUND, "\"email\"");
    assert_non_null(strstr(ssat_error_message(), "concern, letter"));
    assert_status_msg(ssat_pack_field_at("letter", 5, &name, NULL), SSAT_ERR_RANGE, "argument 'index'");
    assert_null(name);
}

/* ---- items ----------------------------------------------------------------------------------------- */

static ssat_pack *new_pack(void)
{
    ssat_pack *p = NULL;
    assert_ok(ssat_pack_new(NULL, &p));
    assert_non_null(p);
    return p;
}

static size_t add(ssat_pack *p, const char *kind)
{
    size_t index = 99;
    assert_ok(ssat_pack_add(p, kind, &index));
    return index;
}

static const char *get(const ssat_pack *p, size_t index, const char *field)
{
    const char *v = NULL;
    assert_ok(ssat_pack_get(p, index, field, &v));
    assert_non_null(v);
    return v;
}

static void add_remove_and_count(void **state)
{
    (void)state;
    ssat_pack *p = new_pack();
    assert_int_equal(ssat_pack_count(p), 0);
    for (size_t k = 0; k < N_KINDS; k++)
        assert_int_equal(add(p, schema[k].kind), k);
    assert_int_equal(ssat_pack_count(p), N_KINDS);
    for (size_t k = 0; k < N_KINDS; k++)
        assert_string_equal(ssat_pack_item_kind(p, k), schema[k].kind);
    assert_null(ssat_pack_item_kind(p, N_KINDS));
    assert_ok(ssat_pack_add(p, "letter", NULL)); /* index_out may be NULL */
    /* Removing moves later items down. */
    assert_ok(ssat_pack_remove(p, 1));
    assert_string_equal(ssat_pack_item_kind(p, 1), "meeting");
    assert_string_equal(ssat_pack_item_kind(p, N_KINDS - 1), "letter");
    assert_ok(ssat_pack_remove(p, ssat_pack_count(p) - 1));
    assert_int_equal(ssat_pack_count(p), N_KINDS - 1);
    assert_int_equal(ssat_pack_count(NULL), 0);
    assert_null(ssat_pack_item_kind(NULL, 0));
    ssat_pack_free(p);
}

/* Items are named by kind and position among their kind ("letter[1]"), kept as items are added,
 * removed and copied: parsing a pack names each item once, in constant time (issue 15, item 13). */
static void item_names_follow_removals(void **state)
{
    (void)state;
    ssat_pack *p = new_pack();
    add(p, "letter");
    add(p, "concern");
    add(p, "letter");
    add(p, "letter");
    assert_status_msg(ssat_pack_set(p, 3, "date_sent", "x"), SSAT_ERR_PARSE, "letter[2].date_sent");
    assert_ok(ssat_pack_remove(p, 0));
    assert_status_msg(ssat_pack_set(p, 0, "date", "x"), SSAT_ERR_PARSE, "concern[0].date");
    assert_status_msg(ssat_pack_set(p, 1, "date_sent", "x"), SSAT_ERR_PARSE, "letter[0].date_sent");
    assert_status_msg(ssat_pack_set(p, 2, "date_sent", "x"), SSAT_ERR_PARSE, "letter[1].date_sent");
    add(p, "letter");
    assert_status_msg(ssat_pack_set(p, 3, "date_sent", "x"), SSAT_ERR_PARSE, "letter[2].date_sent");
    ssat_pack *copy = NULL;
    assert_ok(ssat_pack_copy(p, &copy));
    assert_status_msg(ssat_pack_set(copy, 2, "date_sent", "x"), SSAT_ERR_PARSE, "letter[1].date_sent");
    add(copy, "letter");
    assert_status_msg(ssat_pack_set(copy, 4, "date_sent", "x"), SSAT_ERR_PARSE, "letter[3].date_sent");
    ssat_pack_free(copy);
    ssat_pack_free(p);
}

static void one_form_one_certificate(void **state)
{
    (void)state;
    ssat_pack *p = new_pack();
    add(p, "form");
    add(p, "certificate");
    size_t index = 7;
    assert_status_msg(ssat_pack_add(p, "form", &index), SSAT_ERR_DUPLICATE, "already holds a form");
    assert_int_equal(index, 0);
    assert_status_msg(ssat_pack_add(p, "certificate", NULL), SSAT_ERR_DUPLICATE, "certificate");
    assert_int_equal(ssat_pack_count(p), 2);
    /* After removing it, one may be added again. */
    assert_ok(ssat_pack_remove(p, 0));
    add(p, "form");
    ssat_pack_free(p);
}

static void add_rejects(void **state)
{
    (void)state;
    ssat_pack *p = new_pack();
    size_t index = 5;
    assert_status_msg(ssat_pack_add(NULL, "letter", &index), SSAT_ERR_INVALID_ARG, "ssat_pack_add: argument 'pack'");
    assert_int_equal(index, 0);
    assert_status_msg(ssat_pack_add(p, NULL, &index), SSAT_ERR_INVALID_ARG, "argument 'kind'");
    assert_status_msg(ssat_pack_add(p, "Letter", &index), SSAT_ERR_NOT_FOUND, "\"Letter\"");
    assert_non_null(strstr(ssat_error_message(), "pupil_voice, form, certificate"));
    assert_status_msg(ssat_pack_add(p, "", NULL), SSAT_ERR_NOT_FOUND, "argument 'kind'");
    assert_status_msg(ssat_pack_remove(NULL, 0), SSAT_ERR_INVALID_ARG, "ssat_pack_remove: argument 'pack'");
    assert_status_msg(ssat_pack_remove(p, 0), SSAT_ERR_RANGE, "argument 'index'");
    assert_int_equal(ssat_pack_count(p), 0);
    ssat_pack_free(p);
    ssat_pack_free(NULL);
}

static void new_rejects(void **state)
{
    (void)state;
    assert_status_msg(ssat_pack_new(NULL, NULL), SSAT_ERR_INVALID_ARG, "ssat_pack_new: argument 'out'");
    ssat_allocator bad = {sizeof(ssat_allocator) - 1, NULL, NULL, NULL, NULL};
    ssat_pack *p = (ssat_pack *)&bad;
    assert_status_msg(ssat_pack_new(&bad, &p), SSAT_ERR_INVALID_ARG, "argument 'alloc'");
    assert_null(p);
}

/* ---- fields ---------------------------------------------------------------------------------------- */

typedef struct value_case {
    const char *kind, *field, *value;
    int ok;
} value_case;

static const value_case value_cases[] = {
    /* dates */
    {"letter", "date_sent", "2024-10-01", 1},
    {"letter", "date_sent", "2024-02-29", 1},
    {"letter", "date_sent", "2023-02-29", 0},
    {"letter", "date_sent", "2024-10-1", 0},
    {"letter", "date_sent", "01/10/2024", 0},
    {"letter", "date_sent", " 2024-10-01", 0},
    {"letter", "date_sent", "2024-10-01T09:00", 0},
    {"letter", "date_sent", "1582-12-31", 0},
    /* times */
    {"meeting", "time", "00:00", 1},
    {"meeting", "time", "23:59", 1},
    {"meeting", "time", "09:30", 1},
    {"meeting", "time", "9:30", 0},
    {"meeting", "time", "24:00", 0},
    {"meeting", "time", "12:60", 0},
    {"meeting", "time", "12.30", 0},
    {"meeting", "time", "12:30:00", 0},
    {"meeting", "time", "2pm", 0},
    /* facts */
    {"meeting", "held", "yes", 1},
    {"meeting", "held", "no", 1},
    {"meeting", "held", "Yes", 0},
    {"meeting", "held", "true", 0},
    {"meeting", "held", "y", 0},
    /* choices */
    {"letter", "type", "penalty_warning", 1},
    {"letter", "type", "warn", 0},
    {"letter", "type", "warning,other", 0},
    {"letter", "delivery", "email", 1},
    {"letter", "delivery", "fax", 0},
    {"support", "response", "pending", 1},
    {"contract", "status", "breached", 1},
    {"contract", "status", "broken", 0},
    {"plan", "type", "idp", 1},
    {"plan", "type", "PSP", 0},
    /* counts */
    {"certificate", "possible", "0", 1},
    {"certificate", "possible", "380", 1},
    {"certificate", "possible", "1000000", 1},
    {"certificate", "possible", "1000001", 0},
    {"certificate", "possible", "0380", 0},
    {"certificate", "possible", "+1", 0},
    {"certificate", "possible", "-1", 0},
    {"certificate", "possible", "3.5", 0},
    {"certificate", "possible", "99999999999", 0},
    {"certificate", "percent_tenths", "1000", 1},
    {"certificate", "percent_tenths", "1001", 0},
    /* date lists */
    {"plan", "review_dates", "2025-01-13", 1},
    {"plan", "review_dates", "2025-01-13;2025-03-10;2025-06-01", 1},
    {"plan", "review_dates", "2025-01-13; 2025-03-10", 0},
    {"plan", "review_dates", "2025-01-13;", 0},
    {"plan", "review_dates", ";2025-01-13", 0},
    {"plan", "review_dates", "2025-01-13,2025-03-10", 0},
    {"plan", "review_dates", "2025-02-30", 0},
    /* text */
    {"concern", "summary", "Ysgol Gymraeg Bro Myrddin: \"presenoldeb\" \xc5\xb5 \xe2\x82\xac \xf0\x9f\x98\x80", 1},
    {"concern", "summary", "line one\nline two\r\n\ttabbed", 1},
    {"concern", "summary", "bell \a", 0},
    {"concern", "summary", "del \x7f", 0},
    {"concern", "summary", "\xc3\x28", 0},         /* broken sequence */
    {"concern", "summary", "\xed\xa0\x80", 0},     /* a surrogate */
    {"concern", "summary", "\xc0\xaf", 0},         /* overlong */
    {"concern", "summary", "\xf4\x90\x80\x80", 0}, /* above U+10FFFF */
};

static void set_and_get_values(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof value_cases / sizeof value_cases[0]; i++) {
        const value_case *c = &value_cases[i];
        ssat_pack *p = new_pack();
        add(p, "letter"); /* so the tested item is not always item 0 */
        size_t index = add(p, c->kind);
        ssat_status st = ssat_pack_set(p, index, c->field, c->value);
        if (c->ok) {
            if (st != SSAT_OK)
                fail_msg("%s.%s = \"%s\" refused: %s", c->kind, c->field, c->value, ssat_error_message());
            assert_string_equal(get(p, index, c->field), c->value);
        } else {
            if (st != SSAT_ERR_PARSE)
                fail_msg("%s.%s = \"%s\" gave %d, expected a parse error", c->kind, c->field, c->value, (int)st);
            /* The message names the function, the item (counted within its kind) and the field. */
            char where[64];
            snprintf(where, sizeof where, "ssat_pack_set: %s[%d].%s: ", c->kind, strcmp(c->kind, "letter") == 0,
                     c->field);
            if (strstr(ssat_error_message(), where) == NULL)
                fail_msg("message \"%s\" does not name %s", ssat_error_message(), where);
            assert_string_equal(get(p, index, c->field), ""); /* unchanged */
        }
        ssat_pack_free(p);
    }
}

/* The message of a refused value quotes it, shortened and with control characters escaped. */
static void refused_value_quoted(void **state)
{
    (void)state;
    ssat_pack *p = new_pack();
    add(p, "letter");
    add(p, "letter");
    size_t index = add(p, "letter");
    assert_status_msg(ssat_pack_set(p, index, "date_sent", "2024-13-01"), SSAT_ERR_PARSE,
                      "ssat_pack_set: letter[2].date_sent: \"2024-13-01\" is not an ISO 8601 date, YYYY-MM-DD");
    assert_status_msg(ssat_pack_set(p, index, "type", "memo"), SSAT_ERR_PARSE,
                      "letter[2].type: \"memo\" is not one of attendance_concern,meeting_invitation");
    char long_value[300];
    memset(long_value, 'x', sizeof long_value - 1);
    long_value[sizeof long_value - 1] = '\0';
    assert_status_msg(ssat_pack_set(p, index, "date_sent", long_value), SSAT_ERR_PARSE, "xxx...\"");
    assert_true(strlen(ssat_error_message()) < 200);
    assert_status_msg(ssat_pack_set(p, index, "date_sent", "\x01\"2024"), SSAT_ERR_PARSE, "\"\\x01\\x222024\"");
    /* Cut on a character boundary: the message stays UTF-8. */
    char welsh[200] = "";
    for (int i = 0; i < 60; i++)
        strcat(welsh, "\xc5\xb5"); /* ŵ */
    assert_status_msg(ssat_pack_set(p, index, "date_sent", welsh), SSAT_ERR_PARSE, "\xc5\xb5...\"");
    assert_status_msg(ssat_pack_set(p, index, "delivery", "pigeon"), SSAT_ERR_PARSE, "post,email,hand,other");
    ssat_pack_free(p);
}

/* The old value stays when a new one is refused; "" clears; a value can be replaced. */
static void set_replace_and_clear(void **state)
{
    (void)state;
    ssat_pack *p = new_pack();
    size_t i = add(p, "meeting");
    assert_string_equal(get(p, i, "time"), "");
    assert_ok(ssat_pack_set(p, i, "time", "09:30"));
    assert_status_msg(ssat_pack_set(p, i, "time", "25:00"), SSAT_ERR_PARSE, "meeting[0].time");
    assert_string_equal(get(p, i, "time"), "09:30");
    assert_ok(ssat_pack_set(p, i, "time", "14:15"));
    assert_string_equal(get(p, i, "time"), "14:15");
    assert_ok(ssat_pack_set(p, i, "time", ""));
    assert_string_equal(get(p, i, "time"), "");
    /* Text up to 64 KiB. */
    char *big = malloc(65537 + 1);
    assert_non_null(big);
    memset(big, 'a', 65536);
    big[65536] = '\0';
    assert_ok(ssat_pack_set(p, i, "outcome", big));
    assert_int_equal(strlen(get(p, i, "outcome")), 65536);
    big[65536] = 'a';
    big[65537] = '\0';
    assert_status_msg(ssat_pack_set(p, i, "outcome", big), SSAT_ERR_PARSE, "meeting[0].outcome: the text is 65537 bytes");
    free(big);
    ssat_pack_free(p);
}

static void set_get_reject(void **state)
{
    (void)state;
    ssat_pack *p = new_pack();
    size_t i = add(p, "letter");
    const char *v = "x";
    assert_status_msg(ssat_pack_set(NULL, 0, "type", "other"), SSAT_ERR_INVALID_ARG, "ssat_pack_set: argument 'pack'");
    assert_status_msg(ssat_pack_set(p, i, NULL, "other"), SSAT_ERR_INVALID_ARG, "argument 'field'");
    assert_status_msg(ssat_pack_set(p, i, "type", NULL), SSAT_ERR_INVALID_ARG, "argument 'value'");
    assert_status_msg(ssat_pack_set(p, 1, "type", "other"), SSAT_ERR_RANGE, "argument 'index': 1 is not below");
    assert_status_msg(ssat_pack_set(p, i, "colour", "red"), SSAT_ERR_NOT_FOUND,
                      "a letter has no field \"colour\" (letter[0])");
    assert_status_msg(ssat_pack_get(p, i, "type", NULL), SSAT_ERR_INVALID_ARG, "ssat_pack_get: argument 'out'");
    assert_status_msg(ssat_pack_get(NULL, 0, "type", &v), SSAT_ERR_INVALID_ARG, "argument 'pack'");
    assert_null(v);
    v = "x";
    assert_status_msg(ssat_pack_get(p, i, NULL, &v), SSAT_ERR_INVALID_ARG, "argument 'field'");
    assert_null(v);
    assert_status_msg(ssat_pack_get(p, 3, "type", &v), SSAT_ERR_RANGE, "argument 'index'");
    assert_status_msg(ssat_pack_get(p, i, "held", &v), SSAT_ERR_NOT_FOUND, "\"held\"");
    assert_null(v);
    ssat_pack_free(p);
}

/* ---- copies and equality --------------------------------------------------------------------------- */

static ssat_pack *sample_pack(const ssat_allocator *alloc)
{
    ssat_pack *p = NULL;
    assert_ok(ssat_pack_new(alloc, &p));
    size_t i = 0;
    assert_ok(ssat_pack_add(p, "letter", &i));
    assert_ok(ssat_pack_set(p, i, "date_sent", "2024-10-01"));
    assert_ok(ssat_pack_set(p, i, "reference", "ATT/1"));
    assert_ok(ssat_pack_add(p, "meeting", &i));
    assert_ok(ssat_pack_set(p, i, "held", "no"));
    assert_ok(ssat_pack_add(p, "form", &i));
    assert_ok(ssat_pack_set(p, i, "pupil_name", "Ioan"));
    return p;
}

static void copy_and_equal(void **state)
{
    (void)state;
    ssat_pack *a = sample_pack(NULL), *b = NULL;
    assert_ok(ssat_pack_copy(a, &b));
    assert_int_equal(ssat_pack_equal(a, b), 1);
    assert_int_equal(ssat_pack_equal(a, a), 1);
    /* The copy is independent. */
    assert_ok(ssat_pack_set(b, 0, "reference", "ATT/2"));
    assert_int_equal(ssat_pack_equal(a, b), 0);
    assert_string_equal(get(a, 0, "reference"), "ATT/1");
    assert_ok(ssat_pack_set(b, 0, "reference", "ATT/1"));
    assert_int_equal(ssat_pack_equal(a, b), 1);
    /* Cleared equals never set. */
    assert_ok(ssat_pack_set(b, 0, "addressee", "x"));
    assert_ok(ssat_pack_set(b, 0, "addressee", ""));
    assert_int_equal(ssat_pack_equal(a, b), 1);
    /* Order, kind and count matter. */
    assert_ok(ssat_pack_add(b, "letter", NULL));
    assert_int_equal(ssat_pack_equal(a, b), 0);
    assert_ok(ssat_pack_remove(b, 3));
    assert_ok(ssat_pack_remove(b, 1));
    assert_ok(ssat_pack_add(b, "concern", NULL));
    assert_int_equal(ssat_pack_equal(a, b), 0);
    assert_int_equal(ssat_pack_equal(a, NULL), 0);
    assert_int_equal(ssat_pack_equal(NULL, a), 0);
    assert_int_equal(ssat_pack_equal(NULL, NULL), 0);
    /* An empty pack copies. */
    ssat_pack *e = new_pack(), *e2 = NULL;
    assert_ok(ssat_pack_copy(e, &e2));
    assert_int_equal(ssat_pack_equal(e, e2), 1);
    ssat_pack_free(e);
    ssat_pack_free(e2);
    ssat_pack *c = (ssat_pack *)&c;
    assert_status_msg(ssat_pack_copy(NULL, &c), SSAT_ERR_INVALID_ARG, "ssat_pack_copy: argument 'src'");
    assert_null(c);
    assert_status_msg(ssat_pack_copy(a, NULL), SSAT_ERR_INVALID_ARG, "argument 'out'");
    ssat_pack_free(a);
    ssat_pack_free(b);
}

/* ---- memory ---------------------------------------------------------------------------------------- */

static void custom_allocator_no_leak(void **state)
{
    (void)state;
    for (int with_realloc = 0; with_realloc < 2; with_realloc++) {
        test_heap heap = {0};
        ssat_allocator a = test_heap_allocator(&heap, with_realloc);
        ssat_pack *p = sample_pack(&a), *q = NULL;
        for (int i = 0; i < 40; i++) /* grows the item array */
            assert_ok(ssat_pack_add(p, "concern", NULL));
        assert_ok(ssat_pack_copy(p, &q));
        assert_ok(ssat_pack_set(q, 0, "reference", "replaced"));
        assert_ok(ssat_pack_remove(q, 1));
        assert_true(heap.allocs > 10);
        ssat_pack_free(p);
        ssat_pack_free(q);
        assert_heap_clean(&heap);
    }
}

/* Each allocation of each call fails in turn: the call reports out of memory, the pack is unchanged,
 * and nothing leaks. */
static void failing_allocator(void **state)
{
    (void)state;
    test_heap heap = {0};
    ssat_allocator a = test_heap_allocator(&heap, true);
    ssat_pack *p = sample_pack(&a);
    ssat_pack *before = NULL;
    assert_ok(ssat_pack_copy(p, &before));
    for (int call = 0; call < 4; call++) {
        bool succeeded = false;
        for (size_t k = 1; !succeeded && k < 100; k++) {
            heap.fail_at = heap.calls + k;
            ssat_status st = SSAT_OK;
            ssat_pack *copy = NULL;
            switch (call) {
            case 0: st = ssat_pack_copy(p, &copy); break;
            case 1: st = ssat_pack_add(p, "plan", NULL); break;
            case 2: st = ssat_pack_set(p, 0, "addressee", "Mrs A. Lewis"); break;
            case 3: st = ssat_pack_new(&a, &copy); break;
            }
            if (st == SSAT_OK) {
                succeeded = true;
                ssat_pack_free(copy);
                continue;
            }
            assert_int_equal(st, SSAT_ERR_NOMEM);
            assert_non_null(strstr(ssat_error_message(), "out of memory"));
            assert_null(copy);
            assert_int_equal(ssat_pack_equal(p, before), 1);
        }
        assert_true(succeeded);
        heap.fail_at = 0;
        ssat_pack_free(before);
        assert_ok(ssat_pack_copy(p, &before));
    }
    ssat_pack_free(before);
    ssat_pack_free(p);
    assert_heap_clean(&heap);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_and_fields),
        cmocka_unit_test(item_names_follow_removals),
        cmocka_unit_test(field_choices),
        cmocka_unit_test(field_at_rejects),
        cmocka_unit_test(add_remove_and_count),
        cmocka_unit_test(one_form_one_certificate),
        cmocka_unit_test(add_rejects),
        cmocka_unit_test(new_rejects),
        cmocka_unit_test(set_and_get_values),
        cmocka_unit_test(refused_value_quoted),
        cmocka_unit_test(set_replace_and_clear),
        cmocka_unit_test(set_get_reject),
        cmocka_unit_test(copy_and_equal),
        cmocka_unit_test(custom_allocator_no_leak),
        cmocka_unit_test(failing_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
