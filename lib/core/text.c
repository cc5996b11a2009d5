/* Text helpers shared by the files that take text from callers or write documents: strict UTF-8
 * validation, quoting caller text for error messages, and a growable output buffer (with HTML
 * escaping) whose result is handed to the caller as a block freed with ssat_free(). */
#include "core_layer.h"

#include <stdarg.h>
#include <stdio.h>

/* ---- UTF-8 ----------------------------------------------------------------------------------------- */

/* Length of the UTF-8 sequence starting at s[0] (1..4), or 0 when it is not strict UTF-8: no overlong
 * forms, no surrogates, nothing above U+10FFFF. JSON writers (jansson) and HTML parsers refuse those. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t j = 1; j < len; j++) {
        if ((s[j] & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (s[j] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

size_t ssat__utf8_sequence(const unsigned char *s, size_t n)
{
    return utf8_sequence(s, n);
}

bool ssat__utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t len = utf8_sequence(u + i, n - i);
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

const char *ssat__text_repr(char *buf, size_t cap, const char *s)
{
    /* Room for the quotes, "...", the NUL and one escaped byte (4 characters). */
    if (cap < 12) {
        if (cap > 0)
            buf[0] = '\0';
        return buf;
    }
    size_t k = 0;
    buf[k++] = '"';
    const unsigned char *p = (const unsigned char *)s;
    for (; *p != '\0' && k + 8 < cap; p++) {
        if (*p < 0x20 || *p == 0x7F || *p == '"' || *p == '\\')
            k += (size_t)snprintf(buf + k, cap - k, "\\x%02X", (unsigned)*p);
        else
            buf[k++] = (char)*p;
    }
    if (*p != '\0') {
        /* Cut on a character boundary so the message stays UTF-8. */
        while (k > 1 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 1 && ((unsigned char)buf[k - 1] & 0xC0) == 0xC0)
            k--;
        memcpy(buf + k, "...", 3);
        k += 3;
    }
    buf[k++] = '"';
    buf[k] = '\0';
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
        size_t len = utf8_sequence(u + i, n - i);
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
