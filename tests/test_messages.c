/* Tests of the bilingual message tables (generated from po/libssat.pot and po/cy.po) and of rendering
 * (lib/core/messages.c): same ids in the same order, the same placeholders in both languages, every
 * template renders, and truncation never cuts a UTF-8 character. */
#include "support.h"

#include "core_layer.h"

#include <stdlib.h>

/* Whether s[0..n) is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF). */
static bool valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                   : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        if (len == 0 || i + len > n)
            return false;
        for (size_t k = 1; k < len; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
        if ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] > 0x9F) || (c == 0xF0 && p[i + 1] < 0x90) ||
            (c == 0xF4 && p[i + 1] > 0x8F))
            return false;
        i += len;
    }
    return true;
}

/* Bit k-1 set when the template holds {k}. */
static unsigned placeholders(const char *t)
{
    unsigned set = 0;
    for (const char *p = t; *p != '\0'; p++)
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
            set |= 1u << (p[1] - '1');
    return set;
}

static void tables_have_the_same_ids_in_the_same_order(void **state)
{
    (void)state;
    assert_true(ssat__messages_en_count > 0);
    assert_int_equal(ssat__messages_en_count, ssat__messages_cy_count);
    for (size_t i = 0; i < ssat__messages_en_count; i++) {
        assert_non_null(ssat__messages_en[i].id);
        assert_non_null(ssat__messages_cy[i].id);
        if (strcmp(ssat__messages_en[i].id, ssat__messages_cy[i].id) != 0)
            fail_msg("entry %zu: en \"%s\", cy \"%s\"", i, ssat__messages_en[i].id, ssat__messages_cy[i].id);
        for (size_t j = 0; j < i; j++)
            if (strcmp(ssat__messages_en[i].id, ssat__messages_en[j].id) == 0)
                fail_msg("id \"%s\" appears twice", ssat__messages_en[i].id);
    }
}

/* The generated index covers every entry, so every id is found by the binary search, with its own text
 * in each language. */
static void every_id_is_found_through_the_index(void **state)
{
    (void)state;
    assert_int_equal(ssat__messages_indexed(), ssat__messages_en_count);
    for (size_t i = 0; i < ssat__messages_en_count; i++) {
        const char *id = ssat__messages_en[i].id;
        if (ssat__message_template(id, SSAT_LANG_EN) != ssat__messages_en[i].text ||
            ssat__message_template(id, SSAT_LANG_CY) != ssat__messages_cy[i].text)
            fail_msg("id \"%s\" is not found through the index", id);
    }
    assert_null(ssat__message_template("no.such.id", SSAT_LANG_EN));
    assert_null(ssat__message_template("", SSAT_LANG_CY));
    assert_null(ssat__message_template("zzzz", SSAT_LANG_EN));
    assert_null(ssat__message_template(ssat__messages_en[0].id, (ssat_lang)7));
}

static void texts_are_non_empty_valid_utf8_and_translated(void **state)
{
    (void)state;
    size_t same = 0;
    for (size_t i = 0; i < ssat__messages_en_count; i++) {
        const char *en = ssat__messages_en[i].text, *cy = ssat__messages_cy[i].text;
        assert_non_null(en);
        assert_non_null(cy);
        assert_true(strlen(en) > 0);
        assert_true(strlen(cy) > 0);
        assert_true(valid_utf8(en, strlen(en)));
        assert_true(valid_utf8(cy, strlen(cy)));
        /* the order of day, month and year is the same in both languages */
        same += strcmp(en, cy) == 0 && strcmp(ssat__messages_en[i].id, "date.long") != 0;
    }
    assert_int_equal(same, 0); /* every other text has a Welsh version of its own */
}

static void placeholders_match_between_languages(void **state)
{
    (void)state;
    for (size_t i = 0; i < ssat__messages_en_count; i++) {
        unsigned en = placeholders(ssat__messages_en[i].text), cy = placeholders(ssat__messages_cy[i].text);
        if (en != cy)
            fail_msg("%s: placeholders 0x%X in English, 0x%X in Welsh", ssat__messages_en[i].id, en, cy);
    }
}

static const char *const test_args[9] = {"2024-09-02", "bore", "ŵ", "wales-2010", "5", "6", "7", "8", "9"};

/* Every template renders: no placeholder is left, and the length returned is the length written. */
static void every_template_renders(void **state)
{
    (void)state;
    const ssat__message *tables[] = {ssat__messages_en, ssat__messages_cy};
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < ssat__messages_en_count; i++) {
            char buf[1024];
            size_t n = ssat__message_render(buf, sizeof buf, tables[l][i].text, test_args, 9);
            assert_true(n < sizeof buf);
            assert_int_equal(strlen(buf), n);
            assert_int_equal(placeholders(buf), 0);
            assert_true(valid_utf8(buf, n));
            assert_int_equal(ssat__message_render(NULL, 0, tables[l][i].text, test_args, 9), n);
        }
    }
}

/* A buffer of every size from 1 up receives a prefix of the full text that ends on a character
 * boundary, is NUL-terminated, and the full length is always returned. */
static void truncation_never_cuts_a_character(void **state)
{
    (void)state;
    static const char *const extra[] = {"Session {1} {2}: “{3}” — ŵŷ {4}", "{3}{3}{3}", "ãé€😀{1}"};
    const ssat__message *tables[] = {ssat__messages_en, ssat__messages_cy};
    size_t total = ssat__messages_en_count * 2 + 3;
    for (size_t k = 0; k < total; k++) {
        const char *tmpl = k < ssat__messages_en_count * 2 ? tables[k % 2][k / 2].text
                                                           : extra[k - ssat__messages_en_count * 2];
        char full[1024];
        size_t n = ssat__message_render(full, sizeof full, tmpl, test_args, 9);
        for (size_t cap = 1; cap <= n + 1; cap++) {
            char *buf = malloc(cap + 1);
            assert_non_null(buf);
            buf[cap] = 'X'; /* a guard byte just past the buffer */
            assert_int_equal(ssat__message_render(buf, cap, tmpl, test_args, 9), n);
            assert_int_equal(buf[cap], 'X');
            size_t got = strlen(buf);
            assert_true(got < cap);
            assert_memory_equal(buf, full, got);
            if (!valid_utf8(buf, got))
                fail_msg("template \"%s\" cut inside a character at cap %zu", tmpl, cap);
            /* Only as much is dropped as the partial character at the end needed. */
            assert_true(got + 4 > cap - 1 || got == n);
            free(buf);
        }
    }
}

static void lookup_of_templates(void **state)
{
    (void)state;
    assert_string_equal(ssat__message_template("session.am", SSAT_LANG_EN), "AM");
    assert_string_equal(ssat__message_template("session.am", SSAT_LANG_CY), "bore");
    assert_string_equal(ssat__message_template("session.pm", SSAT_LANG_CY), "prynhawn");
    assert_null(ssat__message_template("no.such.id", SSAT_LANG_EN));
    assert_null(ssat__message_template("session.am", (ssat_lang)7));
}

static void rendering_details(void **state)
{
    (void)state;
    char buf[64];
    const char *args[] = {"x", NULL};
    /* Missing and NULL arguments render as nothing; braces that are no placeholder stay. */
    assert_int_equal(ssat__message_render(buf, sizeof buf, "[{1}|{2}|{3}|{0}|{x}|{10}]", args, 2), 18);
    assert_string_equal(buf, "[x|||{0}|{x}|{10}]");
    /* Placeholders may come in any order and repeat. */
    const char *ab[] = {"A", "B"};
    assert_int_equal(ssat__message_render(buf, sizeof buf, "{2}{1}{2}", ab, 2), 3);
    assert_string_equal(buf, "BAB");
    /* cap 0 writes nothing (even through NULL) and still measures. */
    assert_int_equal(ssat__message_render(NULL, 0, "{1}{2}", ab, 2), 2);
    assert_int_equal(ssat__message_render(buf, 1, "{1}{2}", ab, 2), 2);
    assert_string_equal(buf, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tables_have_the_same_ids_in_the_same_order),
        cmocka_unit_test(every_id_is_found_through_the_index),
        cmocka_unit_test(texts_are_non_empty_valid_utf8_and_translated),
        cmocka_unit_test(placeholders_match_between_languages),
        cmocka_unit_test(every_template_renders),
        cmocka_unit_test(truncation_never_cuts_a_character),
        cmocka_unit_test(lookup_of_templates),
        cmocka_unit_test(rendering_details),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
