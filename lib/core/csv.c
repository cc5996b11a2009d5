/* A streaming RFC 4180 CSV tokenizer (internal API in core_layer.h, "CSV tokenizer").
 *
 * Why our own rather than libcsv: imports must report every problem at its line and column (libcsv
 * knows neither), must skip a UTF-8 byte order mark and must bound the memory a runaway quote can take;
 * and measured on the same file it is faster (docs/performance.md, "CSV parser"; bench/csv_bench.c).
 *
 * Speed comes from scanning runs: in an unquoted or quoted field a table lookup per byte finds the next
 * byte that matters (comma, quote, line end, UTF-8 continuation byte for the column count), and the
 * run before it is copied with one memcpy. The state survives between chunks, so a chunk may end
 * anywhere: inside a field, between the two quotes of an escape, or between the CR and LF of a CRLF. */
#include "core_layer.h"

enum { S_FIELD_START, S_UNQUOTED, S_QUOTED, S_QUOTE_SEEN };

/* Byte classes. C_CONT marks UTF-8 continuation bytes, which do not start a character and so do not
 * advance the column. */
enum { C_PLAIN = 0, C_COMMA = 1, C_QUOTE = 2, C_CR = 3, C_LF = 4, C_CONT = 5 };

#define R16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x

/* Outside quotes: comma, quote, CR and LF matter. */
static const uint8_t unquoted_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, C_LF, 0, 0, C_CR, 0, 0, /* 0x00 */
    R16(0),                                                /* 0x10 */
    0, 0, C_QUOTE, 0, 0, 0, 0, 0, 0, 0, 0, 0, C_COMMA, 0, 0, 0, /* 0x20 */
    R16(0), R16(0), R16(0), R16(0), R16(0),                /* 0x30 - 0x70 */
    R16(C_CONT), R16(C_CONT), R16(C_CONT), R16(C_CONT),    /* 0x80 - 0xB0 */
    R16(0), R16(0), R16(0), R16(0),                        /* 0xC0 - 0xF0 */
};

/* Inside quotes a comma is text. */
static const uint8_t quoted_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, C_LF, 0, 0, C_CR, 0, 0, /* 0x00 */
    R16(0),                                                /* 0x10 */
    0, 0, C_QUOTE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x20 */
    R16(0), R16(0), R16(0), R16(0), R16(0),                /* 0x30 - 0x70 */
    R16(C_CONT), R16(C_CONT), R16(C_CONT), R16(C_CONT),    /* 0x80 - 0xB0 */
    R16(0), R16(0), R16(0), R16(0),                        /* 0xC0 - 0xF0 */
};

#undef R16

static const unsigned char bom_bytes[3] = {0xEF, 0xBB, 0xBF};
#define BOM_DECIDED 4

void ssat__csv_init(ssat__csv *csv, const ssat__alloc *a, const ssat__csv_handler *handler)
{
    memset(csv, 0, sizeof *csv);
    csv->alloc = *a;
    csv->h = *handler;
    csv->state = S_FIELD_START;
    csv->line = 1;
    csv->row_line = 1;
    csv->row_blank = true;
}

void ssat__csv_free(ssat__csv *csv)
{
    if (csv == NULL)
        return;
    ssat__free(&csv->alloc, csv->buf, csv->cap);
    ssat__free(&csv->alloc, csv->spans, csv->span_cap * sizeof *csv->spans);
    ssat__free(&csv->alloc, csv->fields, csv->span_cap * sizeof *csv->fields);
    ssat__free(&csv->alloc, csv->commas, csv->comma_cap * sizeof *csv->commas);
    csv->buf = NULL;
    csv->commas = NULL;
    csv->comma_cap = 0;
    csv->spans = NULL;
    csv->fields = NULL;
    csv->cap = csv->span_cap = 0;
}

/* ---- the row being built ------------------------------------------------------------------------- */

static void report(ssat__csv *c, ssat__csv_issue issue, uint32_t line, uint32_t column)
{
    if (c->status == SSAT_OK && c->h.issue != NULL)
        c->status = c->h.issue(c->h.ctx, issue, line, column);
}

/* Too long: report once, then keep nothing more of this row. */
static void start_skipping(ssat__csv *c)
{
    if (!c->skipping)
        report(c, SSAT__CSV_ROW_TOO_LONG, c->row_line, 1);
    c->skipping = true;
}

/* Room for n more bytes plus a NUL, within the row limit. */
static bool reserve(ssat__csv *c, size_t n)
{
    if (c->len + n + 1 <= c->cap)
        return true;
    if (c->len + n > SSAT__CSV_ROW_MAX) {
        start_skipping(c);
        return false;
    }
    size_t cap = c->cap ? c->cap : 256;
    while (cap < c->len + n + 1)
        cap *= 2;
    char *buf = ssat__realloc(&c->alloc, c->buf, c->cap, cap);
    if (buf == NULL) {
        if (c->status == SSAT_OK)
            c->status = ssat__nomem("ssat__csv_feed");
        return false;
    }
    c->buf = buf;
    c->cap = cap;
    return true;
}

static void append(ssat__csv *c, const unsigned char *p, size_t n)
{
    if (!c->skipping && reserve(c, n)) {
        memcpy(c->buf + c->len, p, n);
        c->len += n;
    }
}

static void append_byte(ssat__csv *c, unsigned char b)
{
    append(c, &b, 1);
}

/* Both per-field arrays grow together (new blocks, then copy), so a failure leaves both as they were
 * and their common capacity true. */
static bool grow_spans(ssat__csv *c)
{
    size_t cap = c->span_cap ? c->span_cap * 2 : 16;
    ssat__csv_span *spans = ssat__malloc(&c->alloc, cap * sizeof *spans);
    ssat__csv_field *fields = ssat__malloc(&c->alloc, cap * sizeof *fields);
    if (spans == NULL || fields == NULL) {
        ssat__free(&c->alloc, spans, cap * sizeof *spans);
        ssat__free(&c->alloc, fields, cap * sizeof *fields);
        c->status = ssat__nomem("ssat__csv_feed");
        return false;
    }
    if (c->nspans > 0)
        memcpy(spans, c->spans, c->nspans * sizeof *spans);
    ssat__free(&c->alloc, c->spans, c->span_cap * sizeof *c->spans);
    ssat__free(&c->alloc, c->fields, c->span_cap * sizeof *c->fields);
    c->spans = spans;
    c->fields = fields;
    c->span_cap = cap;
    return true;
}

/* A new field starts at the next character. */
static void begin_field(ssat__csv *c, bool quoted)
{
    if (c->skipping)
        return;
    /* Each field costs at least one byte (its comma), so the row limit also bounds the field count. */
    if (c->nspans >= SSAT__CSV_ROW_MAX) {
        start_skipping(c);
        return;
    }
    if (c->nspans == c->span_cap && !grow_spans(c))
        return;
    c->spans[c->nspans++] = (ssat__csv_span){.off = c->len, .line = c->line, .column = c->col + 1, .quoted = quoted};
    c->stray_reported = false;
}

static void end_field(ssat__csv *c)
{
    if (c->skipping || c->nspans == 0 || !reserve(c, 0))
        return;
    ssat__csv_span *s = &c->spans[c->nspans - 1];
    s->len = c->len - s->off;
    c->buf[c->len++] = '\0';
}

static void deliver(ssat__csv *c)
{
    for (size_t i = 0; i < c->nspans; i++) {
        const ssat__csv_span *s = &c->spans[i];
        c->fields[i] = (ssat__csv_field){c->buf + s->off, s->len, s->line, s->column, s->quoted};
    }
    if (c->status == SSAT_OK)
        c->status = c->h.row(c->h.ctx, c->fields, c->nspans);
}

static void end_row(ssat__csv *c)
{
    end_field(c);
    if (!c->row_blank && !c->skipping && c->status == SSAT_OK)
        deliver(c);
    c->len = 0;
    c->nspans = 0;
    c->row_blank = true;
    c->skipping = false;
    c->state = S_FIELD_START;
}

/* A line end: a CR counts the line at once, and the LF of a CRLF that follows is then its pair. */
static void new_line(ssat__csv *c, unsigned char b)
{
    c->line++;
    c->col = 0;
    c->after_cr = b == '\r';
}

/* The row of every field after a line end starts on the new line. */
static void row_break(ssat__csv *c, unsigned char b)
{
    end_row(c);
    new_line(c, b);
    c->row_line = c->line;
}

static void stray_quote(ssat__csv *c)
{
    if (!c->stray_reported)
        report(c, SSAT__CSV_STRAY_QUOTE, c->line, c->col + 1);
    c->stray_reported = true;
}

/* ---- states -------------------------------------------------------------------------------------- */

/* Each step consumes at least one byte and returns where it stopped. */

static const unsigned char *step_unquoted(ssat__csv *c, const unsigned char *p, const unsigned char *end)
{
    const unsigned char *q = p;
    while (q < end && unquoted_class[*q] == C_PLAIN)
        q++;
    if (q > p) {
        append(c, p, (size_t)(q - p));
        c->col += (uint32_t)(q - p);
        c->row_blank = false;
        return q;
    }
    unsigned char b = *p;
    switch (unquoted_class[b]) {
    case C_COMMA:
        end_field(c);
        c->col++;
        c->row_blank = false;
        c->state = S_FIELD_START;
        break;
    case C_QUOTE:
        stray_quote(c);
        append_byte(c, b); /* kept as text, so the row can still be checked */
        c->col++;
        c->row_blank = false;
        break;
    case C_CONT:
        append_byte(c, b);
        c->row_blank = false;
        break;
    default: /* C_CR, C_LF */
        row_break(c, b);
        break;
    }
    return p + 1;
}

static const unsigned char *step_quoted(ssat__csv *c, const unsigned char *p, const unsigned char *end)
{
    const unsigned char *q = p;
    while (q < end && quoted_class[*q] == C_PLAIN)
        q++;
    if (q > p) {
        append(c, p, (size_t)(q - p));
        c->col += (uint32_t)(q - p);
        return q;
    }
    unsigned char b = *p;
    switch (quoted_class[b]) {
    case C_QUOTE:
        c->col++;
        c->state = S_QUOTE_SEEN;
        break;
    case C_CONT:
        append_byte(c, b);
        break;
    default: /* a line end inside quotes is text, and still a new line for positions */
        append_byte(c, b);
        new_line(c, b);
        break;
    }
    return p + 1;
}

/* After a quote inside a quoted field: a second quote is an escaped quote; a comma or line end closes
 * the field; anything else is text after the closing quote, kept as text after a report. */
static const unsigned char *step_quote_seen(ssat__csv *c, const unsigned char *p)
{
    unsigned char b = *p;
    switch (unquoted_class[b]) {
    case C_QUOTE:
        append_byte(c, b);
        c->col++;
        c->state = S_QUOTED;
        return p + 1;
    case C_COMMA:
        end_field(c);
        c->col++;
        c->state = S_FIELD_START;
        return p + 1;
    case C_CR:
    case C_LF:
        row_break(c, b);
        return p + 1;
    default:
        stray_quote(c);
        c->state = S_UNQUOTED;
        return p; /* read again as unquoted text */
    }
}

static const unsigned char *step(ssat__csv *c, const unsigned char *p, const unsigned char *end)
{
    if (c->after_cr) {
        c->after_cr = false;
        if (*p == '\n') {
            if (c->state == S_QUOTED)
                append_byte(c, '\n'); /* the CRLF inside quotes stays whole in the text */
            return p + 1;
        }
    }
    switch (c->state) {
    case S_FIELD_START:
        if (*p == '"') {
            c->quote_line = c->line;
            c->quote_col = c->col + 1;
            begin_field(c, true);
            c->col++;
            c->row_blank = false;
            c->state = S_QUOTED;
            return p + 1;
        }
        begin_field(c, false);
        c->state = S_UNQUOTED;
        return step_unquoted(c, p, end);
    case S_UNQUOTED:
        return step_unquoted(c, p, end);
    case S_QUOTED:
        return step_quoted(c, p, end);
    default:
        return step_quote_seen(c, p);
    }
}

/* ---- the fast path ------------------------------------------------------------------------------- */

/* Rows of an export are nearly always plain: no quote, ASCII, one line. Such a row, when it lies whole
 * in the chunk, is checked and split in one pass (csv_scan.c) and handed over whole: to c->plain when a
 * caller records rows so, else copied once, commas becoming the fields' NULs. Anything else (a quote, a
 * CR not ending the line, a non-ASCII byte whose column needs counting) is left to the state machine,
 * which then starts from the same row start as if the fast path had not looked. */

/* Room for n comma offsets; false (and the status set) when out of memory. */
static bool reserve_commas(ssat__csv *c, size_t n)
{
    if (n <= c->comma_cap)
        return true;
    size_t cap = c->comma_cap ? c->comma_cap : 64;
    while (cap < n)
        cap *= 2;
    uint32_t *commas = ssat__realloc(&c->alloc, c->commas, c->comma_cap * sizeof *commas, cap * sizeof *commas);
    if (commas == NULL) {
        c->status = ssat__nomem("ssat__csv_feed");
        return false;
    }
    c->commas = commas;
    c->comma_cap = cap;
    return true;
}

/* The plain row [p, p + n) with k commas to the row callback, as fields in the row buffer. */
static bool plain_fields(ssat__csv *c, const unsigned char *p, size_t n, size_t k)
{
    if (!reserve(c, n))
        return false;
    while (c->span_cap < k + 1)
        if (!grow_spans(c))
            return false;
    ssat__csv_split_plain(c->buf, (const char *)p, n, c->commas, k, c->line, c->fields);
    c->status = c->h.row(c->h.ctx, c->fields, k + 1);
    return true;
}

/* The row at p, if it is plain and ends in this chunk: returns where the next row starts, or NULL
 * (nothing consumed, the state as it was) to take the slow way. */
static const unsigned char *fast_row(ssat__csv *c, const unsigned char *p, const unsigned char *end)
{
    const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
    if (nl == NULL)
        return NULL;
    size_t n = (size_t)(nl - p) - (nl > p && nl[-1] == '\r');
    if (n == 0 || n >= SSAT__CSV_ROW_MAX || !reserve_commas(c, n))
        return NULL;
    size_t k = ssat__csv_plain_commas(p, n, (size_t)(end - p), c->commas, true);
    if (k == SIZE_MAX)
        return NULL;
    if (c->plain != NULL)
        c->status = c->plain(c->h.ctx, (const char *)p, n, c->commas, k, c->line);
    else if (!plain_fields(c, p, n, k))
        return NULL;
    new_line(c, '\n');
    c->row_line = c->line;
    return nl + 1;
}

static void run(ssat__csv *c, const unsigned char *p, const unsigned char *end)
{
    while (p < end && c->status == SSAT_OK) {
        if (c->state == S_FIELD_START && c->nspans == 0 && !c->after_cr && !c->skipping) {
            const unsigned char *next = fast_row(c, p, end);
            if (next != NULL) {
                p = next;
                continue;
            }
            if (c->status != SSAT_OK)
                break;
        }
        p = step(c, p, end);
    }
}

/* A byte order mark is skipped only at the very start; bytes that began like one but were not are
 * read as data. */
static const unsigned char *skip_bom(ssat__csv *c, const unsigned char *p, const unsigned char *end)
{
    while (c->bom < 3 && p < end) {
        if (*p != bom_bytes[c->bom]) {
            uint8_t matched = c->bom;
            c->bom = BOM_DECIDED;
            run(c, bom_bytes, bom_bytes + matched);
            return p;
        }
        c->bom++;
        p++;
    }
    if (c->bom == 3)
        c->bom = BOM_DECIDED;
    return p;
}

ssat_status ssat__csv_feed(ssat__csv *csv, const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    if (csv->status != SSAT_OK || len == 0)
        return csv->status;
    if (csv->bom != BOM_DECIDED)
        p = skip_bom(csv, p, end);
    run(csv, p, end);
    return csv->status;
}

ssat_status ssat__csv_finish(ssat__csv *csv)
{
    if (csv->status != SSAT_OK)
        return csv->status;
    if (csv->bom != BOM_DECIDED) { /* the whole input was a prefix of a byte order mark */
        uint8_t matched = csv->bom;
        csv->bom = BOM_DECIDED;
        run(csv, bom_bytes, bom_bytes + matched);
    }
    if (csv->state == S_QUOTED) {
        report(csv, SSAT__CSV_UNTERMINATED_QUOTE, csv->quote_line, csv->quote_col);
        csv->len = 0;
        csv->nspans = 0;
        csv->state = S_FIELD_START;
    } else if (!(csv->state == S_FIELD_START && csv->row_blank)) {
        end_row(csv);
    }
    return csv->status;
}
