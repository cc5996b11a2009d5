/* The text of a pupil id: what may be in one, and when two ids look alike.
 *
 * An id names a child in a referral, so two strings that look the same must not be two pupils and an
 * id must not hide characters. Ids are trimmed of spaces at both ends (by the imports; the API refuses
 * them), then refused when they hold a control character, an invisible format character (zero-width
 * space, byte-order mark, bidirectional override...), a space other than U+0020, a private-use or
 * non-character code point, or anything that could make them not NFC. NFC is checked, not applied:
 * any combining mark or character NFC would change is refused, which is stricter than NFC and needs
 * no composition tables (an accented letter is accepted written as one character, as keyboards
 * write it). The ranges come from tools/unicode/gen_id_chars.py.
 *
 * Two ids that differ only in ASCII letter case or in full-width forms ("P1", "p1", "Ｐ1") have the
 * same skeleton; the imports warn when a file holds both. */
#include "core_layer.h"

typedef struct ssat__id_range {
    uint32_t lo, hi;
    ssat__id_reason reason;
} ssat__id_range;

#include "id_chars.h"

/* The code point of the valid UTF-8 sequence of n bytes at s. */
static uint32_t decode(const unsigned char *s, size_t n)
{
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t cp = s[0] & lead_mask[n];
    for (size_t i = 1; i < n; i++)
        cp = (cp << 6) | (s[i] & 0x3Fu);
    return cp;
}

static ssat__id_reason reason_of(uint32_t cp)
{
    size_t lo = 0, hi = sizeof id_ranges / sizeof id_ranges[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < id_ranges[mid].lo)
            hi = mid;
        else if (cp > id_ranges[mid].hi)
            lo = mid + 1;
        else
            return id_ranges[mid].reason;
    }
    return SSAT__ID_OK;
}

ssat__id_reason ssat__id_check(const char *s, size_t len, uint32_t *cp_out, size_t *char_out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t chars = 0;
    for (size_t i = 0; i < len; chars++) {
        size_t n = p[i] < 0x80 ? 1 : ssat__utf8_sequence(p + i, len - i);
        if (n == 0) {
            *cp_out = p[i];
            *char_out = chars;
            return SSAT__ID_UTF8;
        }
        uint32_t cp = n == 1 ? p[i] : decode(p + i, n);
        ssat__id_reason r = cp >= 0x20 && cp < 0x7F ? SSAT__ID_OK : reason_of(cp);
        if (r != SSAT__ID_OK) {
            *cp_out = cp;
            *char_out = chars;
            return r;
        }
        i += n;
    }
    return SSAT__ID_OK;
}

/* Bytes of the space at s[0] (n available): ASCII space or tab, or a Unicode space separator; else 0. */
static size_t space_at(const unsigned char *s, size_t n)
{
    if (s[0] == ' ' || s[0] == '\t')
        return 1;
    size_t k = s[0] >= 0x80 ? ssat__utf8_sequence(s, n) : 0;
    return k > 1 && reason_of(decode(s, k)) == SSAT__ID_SPACE ? k : 0;
}

/* Bytes of the space that ends s[0..n), or 0 (a UTF-8 sequence is 1 to 4 bytes long). */
static size_t space_before(const unsigned char *s, size_t n)
{
    for (size_t k = 1; k <= 4 && k <= n; k++) {
        if ((s[n - k] & 0xC0) == 0x80) /* a continuation byte: the character starts further back */
            continue;
        return space_at(s + n - k, k) == k ? k : 0;
    }
    return 0;
}

void ssat__id_trim(const char **s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t n = *len, k;
    if (n > 0 && p[0] > ' ' && p[0] < 0x80 && p[n - 1] > ' ' && p[n - 1] < 0x80)
        return; /* the usual id: ASCII, no space or tab at either end */
    while (n > 0 && (k = space_at(p, n)) > 0) {
        p += k;
        n -= k;
    }
    while (n > 0 && (k = space_before(p, n)) > 0)
        n -= k;
    *s = (const char *)p;
    *len = n;
}

size_t ssat__id_skeleton(const char *s, size_t len, char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        size_t n = p[i] < 0x80 ? 1 : ssat__utf8_sequence(p + i, len - i);
        if (n == 0)
            n = 1;
        uint32_t cp = n == 1 ? p[i] : decode(p + i, n);
        if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width ASCII forms: "Ｐ" is "P" */
            cp -= 0xFF01 - 0x21;
        if (cp < 0x80) {
            out[k++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        } else {
            memcpy(out + k, p + i, n);
            k += n;
        }
        i += n;
    }
    return k;
}
