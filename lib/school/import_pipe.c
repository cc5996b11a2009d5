/* A large chunk fed to an import is read by two threads: a worker tokenizes it, piece by piece, into
 * batches of recorded rows and tokenizer issues, while the calling thread replays each batch, in
 * order, through the import's own callbacks (the row into its register, the problems). Tokenizing is
 * about half of the import's instructions (docs/performance.md), so the file is read in about half
 * the time on two cores.
 *
 * Nothing the caller can see changes: every row and issue reaches the same callbacks on the calling
 * thread, in file order, so the problems, their numbering and limits, the staged pupils and the
 * thread-local error message are those of one thread. The worker touches only the tokenizer and the
 * batches; both threads are joined before the call returns, so an import is still used by one thread
 * at a time between calls. Only with libc's allocator: a caller's allocator is not promised to be
 * safe to call from two threads at once. Only when the caller asked (ssat_import_set_threads()): a
 * library does not start threads its caller did not allow. */
#include "import.h"

#include <pthread.h>
#include <string.h>

#define PIPE_MIN ((size_t)256 << 10)  /* smaller feeds: one thread (starting one is not worth it) */
#define PIPE_PIECE ((size_t)32 << 10) /* bytes tokenized into one batch */
#define PIPE_FIRST ((size_t)4 << 10)  /* ... but the first, which the calling thread waits for, is small */
#define PIPE_SLOTS 8                  /* batches in flight */

typedef struct pipe_event {
    size_t first, count; /* a row: its fields; an issue: count is SIZE_MAX */
    size_t text;         /* a row: where its texts start in the batch */
    uintptr_t base;      /* ... and where that was when its fields were recorded (an address, never read) */
    uint32_t issue, line, column;
    ssat__long_hint hint; /* a plain long row: its mark, read here (else hint.set is false) */
} pipe_event;

typedef struct pipe_batch {
    char *text; /* the rows' field texts, each NUL-terminated */
    size_t text_len, text_cap;
    ssat__csv_field *fields; /* their data point into the chunk or the tokenizer's buffer until rebase() */
    size_t nfields, field_cap;
    pipe_event *events;
    size_t nevents, event_cap;
    bool full;   /* recorded and not yet replayed */
    bool rebase; /* the texts moved after some fields were recorded: rebase() before the replay */
} pipe_batch;

typedef struct pipe {
    ssat__csv *csv;
    ssat__long_hinter hinter; /* fixed before the worker starts */
    ssat__long_hint *hint;    /* the import's: the replayed row's hint */
    const ssat__alloc *a;
    const char *data;
    size_t len;
    pipe_batch slot[PIPE_SLOTS];
    pipe_batch *cur; /* the batch the worker records into (the worker's only) */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    size_t produced; /* batches recorded (under lock) */
    bool done;       /* the worker has finished (under lock) */
    bool stop;       /* the caller wants no more batches (under lock) */
} pipe;

/* ---- the worker: tokenize into batches ------------------------------------------------------------ */

/* Room in the batch for a row of `text` bytes and `count` fields; false when out of memory. The texts
 * moving makes every field recorded so far point at their old place. */
static bool batch_room(const pipe *pp, pipe_batch *b, size_t text, size_t count)
{
    if (b->text_len + text > b->text_cap)
        b->rebase = true;
    return (b->text_len + text <= b->text_cap ||
            ssat__grow(pp->a, (void **)&b->text, &b->text_cap, b->text_len + text, 1)) &&
           (b->nfields + count <= b->field_cap ||
            ssat__grow(pp->a, (void **)&b->fields, &b->field_cap, b->nfields + count, sizeof *b->fields)) &&
           (b->nevents < b->event_cap ||
            ssat__grow(pp->a, (void **)&b->events, &b->event_cap, b->nevents + 1, sizeof *b->events));
}

/* A row from the tokenizer's slow way (quoted, not ASCII, or across two pieces): its field texts lie
 * one after another in the tokenizer's row buffer, each NUL-terminated, and are copied with one memcpy,
 * the fields with another, then pointed at the copy. */
static ssat_status record_row(void *ctx, const ssat__csv_field *fields, size_t count)
{
    pipe *pp = ctx;
    pipe_batch *b = pp->cur;
    const char *base = fields[0].data;
    size_t text = (size_t)(fields[count - 1].data - base) + fields[count - 1].len + 1;
    if (!batch_room(pp, b, text, count))
        return SSAT_ERR_NOMEM;
    char *dst = b->text + b->text_len;
    b->events[b->nevents++] =
        (pipe_event){.first = b->nfields, .count = count, .text = b->text_len, .base = (uintptr_t)dst};
    memcpy(dst, base, text);
    ssat__csv_field *f = b->fields + b->nfields;
    memcpy(f, fields, count * sizeof *fields);
    for (size_t i = 0; i < count; i++)
        f[i].data = dst + (fields[i].data - base);
    b->nfields += count;
    b->text_len += text;
    return SSAT_OK;
}

/* A plain row (the usual one) comes whole from the tokenizer's fast path, not yet split: copied once
 * into the batch, its commas become the fields' NULs, and its fields point at their copies (so need no
 * rebase() unless the texts move later). */
static ssat_status record_plain(void *ctx, const char *row, size_t len, const uint32_t *commas, size_t ncommas,
                                uint32_t line)
{
    pipe *pp = ctx;
    pipe_batch *b = pp->cur;
    size_t count = ncommas + 1;
    if ((b->text_len + len + 1 > b->text_cap || b->nfields + count > b->field_cap || b->nevents == b->event_cap) &&
        !batch_room(pp, b, len + 1, count))
        return SSAT_ERR_NOMEM;
    char *text = b->text + b->text_len;
    b->events[b->nevents++] =
        (pipe_event){.first = b->nfields, .count = count, .text = b->text_len, .base = (uintptr_t)text};
    ssat__csv_field *f = b->fields + b->nfields;
    ssat__csv_split_plain(text, row, len, commas, ncommas, line, f);
    if (count == pp->hinter.ncols) /* the calling thread's work that needs only the row, done here */
        b->events[b->nevents - 1].hint = ssat__import_long_hint(&pp->hinter, f);
    b->nfields += count;
    b->text_len += len + 1;
    return SSAT_OK;
}

static ssat_status record_issue(void *ctx, ssat__csv_issue issue, uint32_t line, uint32_t column)
{
    pipe *pp = ctx;
    pipe_batch *b = pp->cur;
    if (!ssat__grow(pp->a, (void **)&b->events, &b->event_cap, b->nevents + 1, sizeof *b->events))
        return SSAT_ERR_NOMEM;
    b->events[b->nevents++] = (pipe_event){.count = SIZE_MAX, .issue = (uint32_t)issue, .line = line, .column = column};
    return SSAT_OK;
}

/* Point a recorded batch's fields at its texts again after these moved: seldom, as the batches start
 * with room for twice a piece, and the texts move no more once their piece is read. */
static void rebase(pipe_batch *b)
{
    for (size_t e = 0; e < b->nevents; e++) {
        const pipe_event *ev = &b->events[e];
        if (ev->count == SIZE_MAX)
            continue;
        ssat__csv_field *f = b->fields + ev->first;
        for (size_t i = 0; i < ev->count; i++)
            f[i].data = b->text + ev->text + ((uintptr_t)f[i].data - ev->base);
    }
}

static void *worker(void *arg)
{
    pipe *pp = arg;
    for (size_t k = 0, off = 0, n = 0; off < pp->len; k++, off += n) {
        pipe_batch *b = &pp->slot[k % PIPE_SLOTS];
        pthread_mutex_lock(&pp->lock);
        while (b->full && !pp->stop)
            pthread_cond_wait(&pp->changed, &pp->lock);
        bool stop = pp->stop;
        pthread_mutex_unlock(&pp->lock);
        if (stop)
            break;
        b->text_len = b->nfields = b->nevents = 0;
        b->rebase = false;
        pp->cur = b;
        size_t piece = k == 0 ? PIPE_FIRST : PIPE_PIECE;
        n = pp->len - off < piece ? pp->len - off : piece;
        ssat_status st = ssat__csv_feed(pp->csv, pp->data + off, n);
        if (b->rebase)
            rebase(b);
        pthread_mutex_lock(&pp->lock);
        b->full = true;
        pp->produced++;
        pthread_cond_broadcast(&pp->changed);
        pthread_mutex_unlock(&pp->lock);
        if (st != SSAT_OK)
            break; /* the tokenizer's failure is in csv->status; what it recorded before is replayed */
    }
    pthread_mutex_lock(&pp->lock);
    pp->done = true;
    pthread_cond_broadcast(&pp->changed);
    pthread_mutex_unlock(&pp->lock);
    return NULL;
}

/* ---- the calling thread: replay in order ---------------------------------------------------------- */

static ssat_status replay(const ssat__csv_handler *h, pipe_batch *b, ssat__long_hint *hint)
{
    ssat_status st = SSAT_OK;
    for (size_t e = 0; e < b->nevents && st == SSAT_OK; e++) {
        const pipe_event *ev = &b->events[e];
        if (ev->count == SIZE_MAX) {
            if (h->issue != NULL)
                st = h->issue(h->ctx, (ssat__csv_issue)ev->issue, ev->line, ev->column);
            continue;
        }
        *hint = ev->hint;
        st = h->row(h->ctx, b->fields + ev->first, ev->count);
        hint->set = false;
    }
    return st;
}

/* Replay every batch the worker records; the first failure of a callback, or SSAT_OK. */
static ssat_status consume(pipe *pp, const ssat__csv_handler *h)
{
    ssat_status st = SSAT_OK;
    for (size_t k = 0;; k++) {
        pipe_batch *b = &pp->slot[k % PIPE_SLOTS];
        pthread_mutex_lock(&pp->lock);
        while (pp->produced <= k && !pp->done)
            pthread_cond_wait(&pp->changed, &pp->lock);
        bool have = pp->produced > k;
        pthread_mutex_unlock(&pp->lock);
        if (!have)
            break;
        st = replay(h, b, pp->hint);
        pthread_mutex_lock(&pp->lock);
        b->full = false;
        pp->stop = st != SSAT_OK;
        pthread_cond_broadcast(&pp->changed);
        pthread_mutex_unlock(&pp->lock);
        if (st != SSAT_OK)
            break;
    }
    return st;
}

/* Room for a piece's rows (a long register row is some 30 bytes of 4 fields), so that the batches
 * seldom grow; false when out of memory. */
static bool pipe_reserve(pipe *pp)
{
    for (size_t i = 0; i < PIPE_SLOTS; i++) {
        pipe_batch *b = &pp->slot[i];
        if (!ssat__grow(pp->a, (void **)&b->text, &b->text_cap, 2 * PIPE_PIECE, 1) ||
            !ssat__grow(pp->a, (void **)&b->fields, &b->field_cap, PIPE_PIECE / 6, sizeof *b->fields) ||
            !ssat__grow(pp->a, (void **)&b->events, &b->event_cap, PIPE_PIECE / 24, sizeof *b->events))
            return false;
    }
    return true;
}

static void pipe_free(pipe *pp)
{
    for (size_t i = 0; i < PIPE_SLOTS; i++) {
        pipe_batch *b = &pp->slot[i];
        ssat__free(pp->a, b->text, b->text_cap);
        ssat__free(pp->a, b->fields, b->field_cap * sizeof *b->fields);
        ssat__free(pp->a, b->events, b->event_cap * sizeof *b->events);
    }
    pthread_cond_destroy(&pp->changed);
    pthread_mutex_destroy(&pp->lock);
}

ssat_status ssat__import_csv_feed(ssat_import *im, const char *data, size_t len)
{
    ssat__csv *csv = &im->r.csv;
    if (!im->two_threads || len < PIPE_MIN || csv->status != SSAT_OK || !ssat__alloc_is_libc(&csv->alloc))
        return ssat__csv_feed(csv, data, len);
    pipe pp = {.csv = csv, .hint = &im->hint, .a = &csv->alloc, .data = data, .len = len};
    ssat__import_long_hinter(im, &pp.hinter);
    if (pthread_mutex_init(&pp.lock, NULL) != 0)
        return ssat__csv_feed(csv, data, len);
    if (pthread_cond_init(&pp.changed, NULL) != 0) {
        pthread_mutex_destroy(&pp.lock);
        return ssat__csv_feed(csv, data, len);
    }
    if (!pipe_reserve(&pp)) {
        pipe_free(&pp);
        return ssat__csv_feed(csv, data, len);
    }
    const ssat__csv_handler own = csv->h;
    csv->h = (ssat__csv_handler){record_row, record_issue, &pp};
    csv->plain = record_plain;
    pthread_t tid;
    if (pthread_create(&tid, NULL, worker, &pp) != 0) {
        csv->h = own;
        csv->plain = NULL;
        pipe_free(&pp);
        return ssat__csv_feed(csv, data, len);
    }
    ssat_status st = consume(&pp, &own);
    (void)pthread_join(tid, NULL);
    csv->h = own;
    csv->plain = NULL;
    pipe_free(&pp);
    /* The first failure in file order: a callback's stops the replay before anything the worker
     * recorded after it; else the tokenizer's own (which ended its recording). */
    if (st != SSAT_OK)
        csv->status = st;
    return csv->status;
}
