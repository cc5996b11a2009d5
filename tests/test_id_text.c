/* Tests of pupil id text (lib/core/id_text.c): the characters refused and why, trimming, and the skeletons
 * that make look-alike ids equal (issue 15, item 8). */
#include "support.h"
#include "core_layer.h"

static ssat__id_reason reason(const char *s, uint32_t *cp, size_t *at)
{
    return ssat__id_check(s, strlen(s), cp, at);
}

static void test_check(void **state)
{
    (void)state;
    uint32_t cp = 0;
    size_t at = 0;
    assert_int_equal(reason("P00001", &cp, &at), SSAT__ID_OK);
    assert_int_equal(reason("Si\xc3\xa2n-\xc5\xb5 \xe5\xad\xa6", &cp, &at), SSAT__ID_OK); /* â, ŵ, a CJK letter */
    assert_int_equal(reason("\xed\x95\x9c", &cp, &at), SSAT__ID_OK);                     /* a Hangul syllable */
    static const struct {
        const char *text;
        ssat__id_reason why;
        uint32_t cp;
        size_t at;
    } bad[] = {
        {"P\x7f", SSAT__ID_CONTROL, 0x7F, 1},
        {"P\xc2\x9b", SSAT__ID_CONTROL, 0x9B, 1},
        {"P\xc2\xad" "1", SSAT__ID_FORMAT, 0xAD, 1},          /* soft hyphen */
        {"AB\xe2\x80\x8d", SSAT__ID_FORMAT, 0x200D, 2},      /* zero-width joiner */
        {"\xe2\x81\xa6P1", SSAT__ID_FORMAT, 0x2066, 0},      /* left-to-right isolate */
        {"P1\xef\xb8\x8f", SSAT__ID_FORMAT, 0xFE0F, 2},      /* variation selector */
        {"P\xcd\x8f" "1", SSAT__ID_FORMAT, 0x34F, 1},        /* combining grapheme joiner */
        {"P\xe2\x80\xa8", SSAT__ID_SPACE, 0x2028, 1},        /* line separator */
        {"e\xcc\x81", SSAT__ID_NOT_NFC, 0x301, 1},           /* combining acute */
        {"\xe2\x84\xa6", SSAT__ID_NOT_NFC, 0x2126, 0},       /* ohm sign: NFC gives omega */
        {"\xe1\x84\x80\xe1\x85\xa1", SSAT__ID_NOT_NFC, 0x1161, 1}, /* Hangul jamo that compose */
        {"\xef\xbf\xbe", SSAT__ID_UNUSABLE, 0xFFFE, 0},
        {"\xf3\xb0\x80\x80", SSAT__ID_UNUSABLE, 0xF0000, 0}, /* private use plane */
        {"P\xc0\xaf", SSAT__ID_UTF8, 0xC0, 1},               /* overlong */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ssat__id_reason r = reason(bad[i].text, &cp, &at);
        if (r != bad[i].why || cp != bad[i].cp || at != bad[i].at)
            fail_msg("case %zu: reason %d U+%04lX at %zu", i, (int)r, (unsigned long)cp, at);
    }
}

static void test_trim(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {" P1 ", "P1"}, {"\tP1\t", "P1"}, {"\xc2\xa0P1\xe3\x80\x80", "P1"}, {"P 1", "P 1"}, {"   ", ""},
        {"P1\xc3\xa2", "P1\xc3\xa2"}, {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i][0];
        size_t len = strlen(s);
        ssat__id_trim(&s, &len);
        assert_int_equal(len, strlen(cases[i][1]));
        assert_memory_equal(s, cases[i][1], len);
    }
}

static void test_skeleton(void **state)
{
    (void)state;
    char a[64], b[64];
    size_t n = ssat__id_skeleton("P1", 2, a);
    assert_int_equal(ssat__id_skeleton("p1", 2, b), n);
    assert_memory_equal(a, b, n);
    assert_int_equal(ssat__id_skeleton("\xef\xbc\xb0\xef\xbc\x91", 6, b), n); /* full-width "Ｐ１" */
    assert_memory_equal(a, b, n);
    n = ssat__id_skeleton("Si\xc3\xa2n", 5, a); /* other letters are kept as they are */
    assert_int_equal(n, 5);
    assert_memory_equal(a, "si\xc3\xa2n", 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_skeleton),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
