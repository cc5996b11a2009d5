/* Output writers: aligned tables (by display width, so Welsh names with accents line up), JSON strings
 * and CSV fields, and the text of numbers and dates. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

/* ---- display width ------------------------------------------------------------------------------- */

/* Decode one UTF-8 character; the input was checked by libssat's import, but be safe: a bad byte is
 * one column. */
static uint32_t decode(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n > 1)
        c &= 0x3Fu >> (n - 1);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *p = s + 1;
            return s[0];
        }
        c = c << 6 | (s[i] & 0x3Fu);
    }
    *p = s + n;
    return c;
}

static bool in_ranges(uint32_t c, const uint32_t (*r)[2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (c >= r[i][0] && c <= r[i][1])
            return true;
    return false;
}

/* Combining marks take no column (a decomposed ŵ is w + U+0302); East Asian wide characters two. */
static size_t char_width(uint32_t c)
{
    static const uint32_t zero[][2] = {{0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
                                       {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}};
    static const uint32_t wide[][2] = {{0x1100, 0x115F}, {0x2E80, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
                                       {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
                                       {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};
    if (in_ranges(c, zero, sizeof zero / sizeof zero[0]))
        return 0;
    return in_ranges(c, wide, sizeof wide / sizeof wide[0]) ? 2 : 1;
}

size_t tool_display_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0;
    while (*p != '\0')
        w += char_width(decode(&p));
    return w;
}

/* ---- tables -------------------------------------------------------------------------------------- */

bool tool_table_init(tool_table *t, size_t ncols, const char **headers, const bool *right)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->headers = headers;
    t->right = right;
    return true;
}

static char *copy_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c != NULL)
        memcpy(c, s, n);
    return c;
}

static bool table_grow(tool_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    char **more = realloc(t->cells, cap * t->ncols * sizeof *more);
    if (more == NULL)
        return false;
    t->cells = more;
    char **notes = realloc(t->notes, cap * sizeof *notes);
    if (notes == NULL)
        return false;
    t->notes = notes;
    t->cap = cap;
    return true;
}

bool tool_table_add(tool_table *t, const char *const *cells, char *note)
{
    if (t->rows == t->cap && !table_grow(t)) {
        free(note);
        return false;
    }
    char **row = t->cells + t->rows * t->ncols;
    for (size_t c = 0; c < t->ncols; c++) {
        row[c] = copy_text(cells[c]);
        if (row[c] == NULL) {
            while (c-- > 0)
                free(row[c]);
            free(note);
            return false;
        }
    }
    t->notes[t->rows++] = note;
    return true;
}

static void pad(FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(' ', out);
}

static void print_row(const tool_table *t, FILE *out, const char *const *cells, const size_t *widths)
{
    for (size_t c = 0; c < t->ncols; c++) {
        size_t w = tool_display_width(cells[c]);
        bool last = c + 1 == t->ncols;
        if (c > 0)
            fputs("  ", out);
        if (t->right[c])
            pad(out, widths[c] - w);
        fputs(cells[c], out);
        if (!t->right[c] && !last)
            pad(out, widths[c] - w);
    }
    fputc('\n', out);
}

void tool_table_print(const tool_table *t, FILE *out)
{
    size_t *widths = calloc(t->ncols, sizeof *widths);
    if (widths == NULL)
        return;
    for (size_t c = 0; c < t->ncols; c++) {
        widths[c] = tool_display_width(t->headers[c]);
        for (size_t r = 0; r < t->rows; r++) {
            size_t w = tool_display_width(t->cells[r * t->ncols + c]);
            widths[c] = w > widths[c] ? w : widths[c];
        }
    }
    print_row(t, out, t->headers, widths);
    for (size_t r = 0; r < t->rows; r++) {
        print_row(t, out, (const char *const *)(t->cells + r * t->ncols), widths);
        if (t->notes[r] != NULL)
            fputs(t->notes[r], out);
    }
    free(widths);
}

void tool_table_free(tool_table *t)
{
    for (size_t i = 0; i < t->rows * t->ncols; i++)
        free(t->cells[i]);
    for (size_t r = 0; r < t->rows; r++)
        free(t->notes[r]);
    free(t->cells);
    free(t->notes);
    memset(t, 0, sizeof *t);
}

/* ---- JSON and CSV -------------------------------------------------------------------------------- */

void tool_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

/* A plain number ("-3", "+1.5", "85.0"): a spreadsheet reads it as a value and runs nothing. */
static bool csv_number(const char *s)
{
    size_t i = *s == '-' || *s == '+' ? 1 : 0, digits = 0;
    bool point = false;
    for (; s[i] != '\0'; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && !point)
            point = true;
        else
            return false;
    }
    return digits > 0;
}

/* Whether a spreadsheet opening the file would take the field for a formula (OWASP, "CSV
 * Injection"): it starts with = + - @, a tab or a carriage return, and is not a plain number. Names
 * and ids come from the school's files, so "=HYPERLINK(...)" in a name must stay text. */
static bool csv_formula(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL && !csv_number(s);
}

void tool_csv_field(FILE *out, const char *s)
{
    bool formula = csv_formula(s);
    if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    /* A formula-like field is written quoted with a leading apostrophe, which every spreadsheet shows
     * as text; the apostrophe is visible to a program reading the CSV, which is the price of safety. */
    fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (; *s != '\0'; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* ---- numbers ------------------------------------------------------------------------------------- */

tool_num tool_num_u64(uint64_t v)
{
    tool_num n;
    snprintf(n.s, sizeof n.s, "%llu", (unsigned long long)v);
    return n;
}

tool_num tool_num_i64(int64_t v)
{
    tool_num n;
    snprintf(n.s, sizeof n.s, "%lld", (long long)v);
    return n;
}

tool_num tool_num_tenths(int32_t tenths)
{
    tool_num n;
    snprintf(n.s, sizeof n.s, "%ld.%ld", (long)(tenths / 10), (long)(tenths % 10));
    return n;
}

tool_num tool_num_date(ssat_date d)
{
    tool_num n;
    if (ssat_date_format(d, n.s, sizeof n.s) != SSAT_OK)
        snprintf(n.s, sizeof n.s, "?");
    return n;
}
