/* Text helpers shared by the files that take text from callers or write documents: strict UTF-8
 * validation, quoting caller text for error messages, and a growable output buffer (with HTML
 * escaping) whose result is handed to the caller as a block freed with ssat_free(). */
#include "core_layer.h"

#include <stdarg.h>
#include <stdio.h>

/* ---- UTF-8 ----------------------------------------------------------------------------------------- */

/* Length of the UTF-8 sequence starting at s[0] (1..4), or 0 when it is not strict UTF-8: no overlong
 * forms, no surrogates, nothing above U+10FFFF. JSON writers (jansson) and HTML parsers refuse those.
 * The lead byte gives the length, and only the second byte can make a well-formed sequence overlong,
 * a surrogate or too large, so no code point is assembled: this is the CSV imports' hot path. */
size_t ssat__utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len = c < 0x80                 ? 1
                 : c >= 0xC2 && c <= 0xDF ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] > 0x8F))
        return 0;
    return len;
}

bool ssat__utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t len = ssat__utf8_sequence(u + i, n - i);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

bool ssat__text_has_controls(const char *s, bool allow_line_breaks)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        bool control = *p < 0x20 || *p == 0x7F;
        bool line_break = *p == '\n' || *p == '\r' || *p == '\t';
        if (control && !(allow_line_breaks && line_break))
            return true;
    }
    return false;
}

/* ---- quoting caller text for messages -------------------------------------------------------------- */

/* Bytes of the character at p[0] that a quote keeps as they are; 0 when it is shown escaped. */
static size_t quote_unit(const unsigned char *p, size_t n, unsigned style)
{
    if (p[0] < 0x80) {
        bool control = p[0] < 0x20 || p[0] == 0x7F;
        bool mark = (style & SSAT__QUOTE_MARKS) != 0 && (p[0] == '"' || p[0] == '\\');
        return control || mark ? 0 : 1;
    }
    return (style & SSAT__QUOTE_ASCII) != 0 ? 0 : ssat__utf8_sequence(p, n);
}

size_t ssat__text_quote(char *out, size_t cap, const char *s, size_t len, unsigned style, size_t max_chars)
{
    bool marks = (style & SSAT__QUOTE_MARKS) != 0;
    size_t tail = 3 + (marks ? 1 : 0) + 1; /* "...", the closing quote, the NUL */
    if (cap < tail + (marks ? 1 : 0)) {
        if (cap > 0)
            out[0] = '\0';
        return 0;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0, chars = 0;
    if (marks)
        out[k++] = '"';
    for (size_t i = 0; i < len; chars++) {
        size_t n = quote_unit(p + i, len - i, style);
        size_t width = n != 0 ? n : marks ? 4 : 1;
        /* Cut between characters, so the message stays UTF-8. */
        if (chars == max_chars || k + width + tail > cap) {
            memcpy(out + k, "...", 3);
            k += 3;
            break;
        }
        if (n != 0)
            memcpy(out + k, p + i, n);
        else if (marks)
            (void)snprintf(out + k, 5, "\\x%02X", (unsigned)p[i]);
        else
            out[k] = '?';
        k += width;
        i += n != 0 ? n : 1;
    }
    if (marks)
        out[k++] = '"';
    out[k] = '\0';
    return k;
}

const char *ssat__text_repr(char *buf, size_t cap, const char *s)
{
    (void)ssat__text_quote(buf, cap, s, strlen(s), SSAT__QUOTE_MARKS, SIZE_MAX);
    return buf;
}

/* ---- output buffer --------------------------------------------------------------------------------- */

void ssat__buf_init(ssat__buf *b, const ssat__alloc *a)
{
    b->alloc = a;
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = false;
}

void ssat__buf_add(ssat__buf *b, const char *s, size_t n)
{
    if (b->failed || n == 0)
        return;
    if (n > SIZE_MAX - b->len - 1) {
        b->failed = true;
        return;
    }
    void *data = b->data;
    if (!ssat__grow(b->alloc, &data, &b->cap, b->len + n + 1, 1)) {
        b->failed = true;
        return;
    }
    b->data = data;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ssat__buf_puts(ssat__buf *b, const char *s)
{
    ssat__buf_add(b, s, strlen(s));
}

void ssat__buf_printf(ssat__buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        ssat__buf_add(b, small, (size_t)n);
        return;
    }
    /* Longer than the stack buffer: format straight into the grown buffer. */
    void *data = b->data;
    if (b->failed || !ssat__grow(b->alloc, &data, &b->cap, b->len + (size_t)n + 1, 1)) {
        b->failed = true;
        return;
    }
    b->data = data;
    va_start(ap, fmt);
    (void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* The entity for an HTML-special byte, or NULL. */
static const char *html_entity(char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

void ssat__buf_html(ssat__buf *b, const char *s)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), run = 0, i = 0;
    while (i < n) {
        size_t len = ssat__utf8_sequence(u + i, n - i);
        bool control = len == 1 && (u[i] < 0x20 || u[i] == 0x7F) && u[i] != '\n' && u[i] != '\t';
        const char *entity = len == 1 ? html_entity(s[i]) : NULL;
        if (len != 0 && !control && entity == NULL) {
            i += len;
            continue;
        }
        /* Text that is not UTF-8, or a control character (a parse error in HTML), shows as U+FFFD. */
        ssat__buf_add(b, s + run, i - run);
        ssat__buf_puts(b, entity != NULL ? entity : replacement);
        i += len != 0 ? len : 1;
        run = i;
    }
    ssat__buf_add(b, s + run, n - run);
}

void ssat__buf_free(ssat__buf *b)
{
    ssat__free(b->alloc, b->data, b->cap);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *ssat__buf_take_owned(ssat__buf *b)
{
    char *out = NULL;
    if (!b->failed)
        out = ssat__owned_strndup(b->alloc, b->data != NULL ? b->data : "", b->len);
    ssat__buf_free(b);
    return out;
}
