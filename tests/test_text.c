/* Tests of lib/core/text.c's UTF-8 check and its one quoting of untrusted text for messages, in the three
 * styles its callers use (ssat__text_repr, ssat__code_repr, the imports' ssat__import_text_for_message). */
#include "support.h"
#include "register_layer.h" /* the code quoting of codeset.c beside text.c's */
#include "school_layer.h"

static size_t seq(const char *s)
{
    return ssat__utf8_sequence((const unsigned char *)s, strlen(s));
}

static void test_utf8_sequence(void **state)
{
    (void)state;
    assert_int_equal(seq("a"), 1);
    assert_int_equal(seq("\xc5\xb5"), 2);         /* ŵ */
    assert_int_equal(seq("\xe2\x82\xac"), 3);     /* € */
    assert_int_equal(seq("\xf0\x9f\x98\x80"), 4); /* U+1F600 */
    assert_int_equal(seq("\xc0\xaf"), 0);         /* overlong "/" */
    assert_int_equal(seq("\xe0\x80\xaf"), 0);     /* overlong, 3 bytes */
    assert_int_equal(seq("\xf0\x80\x80\xaf"), 0); /* overlong, 4 bytes */
    assert_int_equal(seq("\xed\xa0\x80"), 0);     /* a surrogate, U+D800 */
    assert_int_equal(seq("\xf4\x90\x80\x80"), 0); /* above U+10FFFF */
    assert_int_equal(seq("\xf5\x80\x80\x80"), 0);
    assert_int_equal(seq("\x80"), 0); /* a continuation byte alone */
    assert_int_equal(seq("\xc5"), 0); /* cut short */
    assert_int_equal(seq("\xe2\x82"), 0);
    assert_int_equal(seq("\xc5\x41"), 0); /* not a continuation */
    assert_true(ssat__utf8_valid("Si\xc3\xb4n \xc5\xb5", 8));
    assert_false(ssat__utf8_valid("Si\xc3", 3));
}

static void test_quote_marks(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(ssat__text_repr(buf, sizeof buf, "ab\x01\"\\"), "\"ab\\x01\\x22\\x5C\"");
    /* Whole UTF-8 characters are kept; a byte that is not UTF-8 is escaped, so the message stays text. */
    assert_string_equal(ssat__text_repr(buf, sizeof buf, "\xc5\xb5\xff"), "\"\xc5\xb5\\xFF\"");
    /* Long text is cut between characters, with room for "...", the quote and the NUL. */
    char welsh[200] = "";
    for (int i = 0; i < 60; i++)
        strcat(welsh, "\xc5\xb5");
    size_t n = ssat__text_quote(buf, sizeof buf, welsh, strlen(welsh), SSAT__QUOTE_MARKS, SIZE_MAX);
    assert_int_equal(n, strlen(buf));
    assert_true(n < sizeof buf);
    assert_true(ssat__utf8_valid(buf, n));
    assert_memory_equal(buf + n - 4, "...\"", 4);
    assert_memory_equal(buf + n - 6, "\xc5\xb5", 2);
    /* Too small a buffer for even the quotes and "...": empty. */
    assert_int_equal(ssat__text_quote(buf, 5, "abc", 3, SSAT__QUOTE_MARKS, SIZE_MAX), 0);
    assert_string_equal(buf, "");
}

static void test_quote_code(void **state)
{
    (void)state;
    char buf[SSAT__CODE_REPR_SIZE];
    assert_string_equal(ssat__code_repr(buf, "ABCDEFGHIJKLMNOP"), "\"ABCDEFGH...\"");
    assert_string_equal(ssat__code_repr(buf, "ABCDEFGH"), "\"ABCDEFGH\"");
    assert_string_equal(ssat__code_repr(buf, "\n"), "\"\\x0A\"");
    /* Codes are ASCII: any other byte is escaped, even in valid UTF-8. */
    assert_string_equal(ssat__code_repr(buf, "\xc5\xb5"), "\"\\xC5\\xB5\"");
    memset(buf, 'x', sizeof buf);
    assert_string_equal(ssat__code_repr(buf, "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f"),
                        "\"\\x7F\\x7F\\x7F\\x7F\\x7F\\x7F\\x7F\\x7F...\"");
}

static void test_quote_plain(void **state)
{
    (void)state;
    char buf[16];
    /* The imports' style: no quotes, anything not printable UTF-8 as "?", cut with "...". */
    assert_int_equal(ssat__text_quote(buf, sizeof buf, "a\tb\xc5\xb5\xff", 6, 0, SIZE_MAX), 6);
    assert_string_equal(buf, "a?b\xc5\xb5?");
    assert_int_equal(ssat__text_quote(buf, sizeof buf, "0123456789abcdefghij", 20, 0, SIZE_MAX), 15);
    assert_string_equal(buf, "0123456789ab...");
    /* Not NUL-terminated input: only `len` bytes are read. */
    assert_int_equal(ssat__text_quote(buf, sizeof buf, "abcdef", 3, 0, SIZE_MAX), 3);
    assert_string_equal(buf, "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_sequence),
        cmocka_unit_test(test_quote_marks),
        cmocka_unit_test(test_quote_code),
        cmocka_unit_test(test_quote_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
