/* Tests of lib/core/sha256.c: the FIPS 180-4 example messages (empty, "abc", the two-block message, a
 * million "a"), the RFC 4231 HMAC-SHA-256 test cases 1-4, 6 and 7, and that feeding a message in
 * pieces of every size gives the same digest as feeding it whole. */
#include "support.h"

#include "sha256.h"

#include <stdlib.h>

static void hex_of(const uint8_t *key, size_t key_len, const void *data, size_t len, char *hex)
{
    ssat__mac m;
    uint8_t d[SSAT__SHA256_SIZE];
    ssat__mac_init(&m, key, key_len);
    ssat__mac_update(&m, data, len);
    ssat__mac_final(&m, d);
    ssat__sha256_hex(d, hex);
}

static void fips_180_4_examples(void **state)
{
    (void)state;
    char hex[SSAT__SHA256_HEX];
    hex_of(NULL, 0, "", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hex_of(NULL, 0, "abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hex_of(NULL, 0, two, strlen(two), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *million = malloc(1000000);
    assert_non_null(million);
    memset(million, 'a', 1000000);
    hex_of(NULL, 0, million, 1000000, hex);
    free(million);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void rfc_4231_hmac(void **state)
{
    (void)state;
    char hex[SSAT__SHA256_HEX];
    uint8_t key[131], data[50];
    memset(key, 0x0b, 20);
    hex_of(key, 20, "Hi There", 8, hex);
    assert_string_equal(hex, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    hex_of((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 28, hex);
    assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    memset(key, 0xaa, 20);
    memset(data, 0xdd, 50);
    hex_of(key, 20, data, 50, hex);
    assert_string_equal(hex, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    for (int i = 0; i < 25; i++)
        key[i] = (uint8_t)(i + 1);
    memset(data, 0xcd, 50);
    hex_of(key, 25, data, 50, hex);
    assert_string_equal(hex, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    memset(key, 0xaa, 131);
    const char *t6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    hex_of(key, 131, t6, strlen(t6), hex);
    assert_string_equal(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    const char *t7 = "This is a test using a larger than block-size key and a larger than block-size data. The key "
                     "needs to be hashed before being used by the HMAC algorithm.";
    hex_of(key, 131, t7, strlen(t7), hex);
    assert_string_equal(hex, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

/* Every message length around the padding boundaries (55, 56, 63, 64 ...), fed whole and in pieces. */
static void pieces_equal_whole(void **state)
{
    (void)state;
    uint8_t msg[200];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 7 + 3);
    for (size_t len = 0; len <= sizeof msg; len++) {
        char whole[SSAT__SHA256_HEX], split[SSAT__SHA256_HEX];
        hex_of(NULL, 0, msg, len, whole);
        for (size_t piece = 1; piece <= 65; piece += 16) {
            ssat__mac m;
            uint8_t d[SSAT__SHA256_SIZE];
            ssat__mac_init(&m, NULL, 0);
            for (size_t k = 0; k < len; k += piece)
                ssat__mac_update(&m, msg + k, len - k < piece ? len - k : piece);
            ssat__mac_final(&m, d);
            ssat__sha256_hex(d, split);
            assert_string_equal(whole, split);
        }
    }
    /* An empty key is a key: HMAC, not the plain hash. */
    char plain[SSAT__SHA256_HEX], keyed[SSAT__SHA256_HEX];
    hex_of(NULL, 0, "abc", 3, plain);
    hex_of((const uint8_t *)"", 0, "abc", 3, keyed);
    assert_string_not_equal(plain, keyed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fips_180_4_examples),
        cmocka_unit_test(rfc_4231_hmac),
        cmocka_unit_test(pieces_equal_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
