/* ================================================================================================
 * Columnar batch results (issue 17): SsatBatch::evaluate_columns(marks, offsets, threads = 0).
 *   The results of ssat_batch_evaluate() as one column per field of ssat_batch_result, in header order
 *   (SSATB_BATCH_FIELDS), each npupils native 32-bit integers back to back: Python a tuple of eight
 *   bytearrays (ssat._columns.BatchColumns wraps them: memoryview, array, NumPy, pandas), PHP an
 *   array of eight strings keyed by field name (SsatBatch::column_get() reads one value,
 *   SsatBatch::column_array() unpacks one into ints). No object per pupil: the cost is the C call,
 *   the columns' memory and one pass that scatters each chunk of results, still in cache, into them.
 *   Included by ssat.i just before the SsatBatch class: SWIG merges this %extend into it, and emits its
 *   methods where the class is, so the helpers here must come first.
 * ================================================================================================ */
%{
/* Pupils evaluated per library call on one thread: their 32-byte results (32 KB) stay in L1/L2
 * while they are scattered into the columns. */
#define SSATB_COLUMN_CHUNK 1024
#define SSATB_COLUMN_ONE(f) +1
enum { SSATB_NCOLUMNS = 0 SSATB_BATCH_FIELDS(SSATB_COLUMN_ONE) };
#undef SSATB_COLUMN_ONE

/* Scatter n results into the columns at row `at`, in SSATB_BATCH_FIELDS order. */
static void ssatb_columns_scatter(const ssat_batch_result *res, size_t n, uint32_t *const *cols, size_t at)
{
    for (size_t i = 0; i < n; i++) {
        const ssat_batch_result *r = &res[i];
        size_t c = 0; /* a constant per field once unrolled */
#define SSATB_COLUMN_SET(f) cols[c++][at + i] = (uint32_t)r->f; /* attendance_tenths: read back as int32 */
        SSATB_BATCH_FIELDS(SSATB_COLUMN_SET)
#undef SSATB_COLUMN_SET
    }
}

/* Evaluate n pupils into the columns (each n values). One thread (or one chunk's worth of pupils, too
 * few for threads to pay): chunk by chunk through a buffer on the stack; more: the whole batch into one
 * array (the library splits it across threads), then scattered. On a chunk's failure the call is made again over every pupil up to that chunk, so that
 * the library's message names the pupil by its index in the whole batch. */
static ssat_status ssatb_columns_eval(const ssat_batch *batch, const char *marks, const size_t *offsets, size_t n,
                                      uint32_t *const *cols, uint32_t threads)
{
    if (threads > 1 && n > SSATB_COLUMN_CHUNK) {
        ssat_batch_result *all = malloc(n * sizeof *all);
        if (all == NULL)
            return SSAT_ERR_NOMEM;
        ssat_status st = ssat_batch_evaluate(batch, marks, offsets, n, all, threads, NULL);
        if (st == SSAT_OK)
            ssatb_columns_scatter(all, n, cols, 0);
        free(all);
        return st;
    }
    ssat_batch_result chunk[SSATB_COLUMN_CHUNK];
    for (size_t at = 0; at < n; at += SSATB_COLUMN_CHUNK) {
        size_t m = n - at < SSATB_COLUMN_CHUNK ? n - at : SSATB_COLUMN_CHUNK;
        ssat_status st = ssat_batch_evaluate(batch, marks, offsets + at, m, chunk, 1, NULL);
        if (st != SSAT_OK) {
            ssat_batch_result *upto = at == 0 ? NULL : malloc((at + m) * sizeof *upto);
            if (upto != NULL)
                st = ssat_batch_evaluate(batch, marks, offsets, at + m, upto, 1, NULL);
            free(upto);
            return st;
        }
        ssatb_columns_scatter(chunk, m, cols, at);
    }
    return SSAT_OK;
}
%}

#ifdef SWIGPYTHON
%{
static PyObject *ssatb_columns_evaluate(const ssat_batch *batch, PyObject *marks, PyObject *offsets, uint32_t threads)
{
    ssatb_runs runs;
    int hold_gil = 0;
    PyObject *cols[SSATB_NCOLUMNS] = {NULL};
    uint32_t *data[SSATB_NCOLUMNS];
    PyObject *out = NULL;
    /* A writable buffer with offsets (bytearray, array('B'), a NumPy array) is read in place, with the
     * GIL held so that no Python code changes it meanwhile; str and immutable buffers are read in place
     * with the GIL released, anything else copied first (ssatb_to_runs). */
    if (!ssatb_to_runs(marks, offsets, &runs, 1))
        goto done;
    hold_gil = runs.writable_in_place;
    for (int c = 0; c < SSATB_NCOLUMNS; c++) {
        /* Uninitialised bytes: every one is written below before the columns are returned. */
        cols[c] = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(runs.n * sizeof(uint32_t)));
        if (cols[c] == NULL)
            goto done;
        data[c] = (uint32_t *)(void *)PyByteArray_AS_STRING(cols[c]);
    }
    const char *m = runs.marks != NULL ? runs.marks : "";
    ssat_status st;
    if (hold_gil) {
        st = ssatb_columns_eval(batch, m, runs.offsets, runs.n, data, threads);
    } else {
        /* As ssatb_batch_run: the batch is marked busy against an explicit delete from another thread;
         * the columns are new objects no other thread has yet. */
        ssatb_busy busy = {batch, ssatb_busy_list};
        ssatb_busy_list = &busy;
        Py_BEGIN_ALLOW_THREADS
        st = ssatb_columns_eval(batch, m, runs.offsets, runs.n, data, threads);
        Py_END_ALLOW_THREADS
        ssatb_busy_drop(&busy);
    }
    if (st != SSAT_OK) {
        if (st == SSAT_ERR_NOMEM)
            ssatb_fail_msg(SSAT_ERR_NOMEM, "out of memory");
        else
            ssatb_fail(st);
        goto done;
    }
    out = PyTuple_New(SSATB_NCOLUMNS);
    for (int c = 0; c < SSATB_NCOLUMNS && out != NULL; c++) {
        PyTuple_SET_ITEM(out, c, cols[c]);
        cols[c] = NULL;
    }
done:
    for (int c = 0; c < SSATB_NCOLUMNS; c++)
        Py_XDECREF(cols[c]);
    ssatb_runs_done(&runs);
    return out;
}
%}
#else
%{
/* The field names, in SSATB_BATCH_FIELDS order: the keys of PHP's columns. */
static const char *const ssatb_column_names[SSATB_NCOLUMNS] = {
#define SSATB_COLUMN_NAME(f) #f,
    SSATB_BATCH_FIELDS(SSATB_COLUMN_NAME)
#undef SSATB_COLUMN_NAME
};

static ssatb_value ssatb_columns_evaluate(const ssat_batch *batch, zval *marks, zval *offsets, uint32_t threads)
{
    ssatb_runs runs;
    zend_string *cols[SSATB_NCOLUMNS] = {NULL};
    uint32_t *data[SSATB_NCOLUMNS];
    zval out;
    ZVAL_UNDEF(&out);
    if (ssatb_to_runs(marks, offsets, &runs, 0)) {
        for (int c = 0; c < SSATB_NCOLUMNS; c++) {
            size_t len = runs.n * sizeof(uint32_t);
            cols[c] = zend_string_alloc(len, 0);
            ZSTR_VAL(cols[c])[len] = '\0';
            data[c] = (uint32_t *)(void *)ZSTR_VAL(cols[c]);
        }
        ssat_status st = ssatb_columns_eval(batch, runs.marks != NULL ? runs.marks : "", runs.offsets, runs.n, data,
                                            threads);
        if (st == SSAT_ERR_NOMEM) {
            ssatb_fail_msg(SSAT_ERR_NOMEM, "out of memory");
        } else if (st != SSAT_OK) {
            ssatb_fail(st);
        } else {
            array_init_size(&out, SSATB_NCOLUMNS);
            for (int c = 0; c < SSATB_NCOLUMNS; c++) {
                add_assoc_str(&out, ssatb_column_names[c], cols[c]);
                cols[c] = NULL;
            }
        }
    }
    for (int c = 0; c < SSATB_NCOLUMNS; c++)
        if (cols[c] != NULL)
            zend_string_release(cols[c]);
    ssatb_runs_done(&runs);
    return out;
}

/* Value i of a column of evaluate_columns(); every field fits a signed 32-bit integer. */
static ssatb_value ssatb_column_get(const char *column, size_t len, long i)
{
    if (i < 0 || (size_t)i >= len / sizeof(int32_t)) {
        ssatb_fail_msg(SSAT_ERR_RANGE, "column_get: index %ld is outside the column's %zu values", i,
                       len / sizeof(int32_t));
        return ssatb_failed();
    }
    int32_t v;
    memcpy(&v, column + (size_t)i * sizeof v, sizeof v);
    return ssatb_int(v);
}
%}
%typemap(in, phptype="string") (const char *column, size_t len) {
    SSATB_PHP_PARAM($input, "$1_name", $1);
    zval *ssatb_in = SSATB_PHP_TYPED($input);
    if (ssatb_in == NULL)
        SWIG_fail;
    if (Z_STRLEN_P(ssatb_in) % sizeof(int32_t) != 0) { /* not a column: its last bytes would be dropped */
        ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "column: %zu bytes are not a column of evaluate_columns() (4 bytes a "
                       "value)", (size_t)Z_STRLEN_P(ssatb_in));
        ssatb_raise_pending();
        SWIG_fail;
    }
    $1 = Z_STRVAL_P(ssatb_in);
    $2 = Z_STRLEN_P(ssatb_in);
}
#endif

%extend SsatBatch {
    /* Evaluate every pupil in one call (as evaluate) into one column per result field: Python a tuple
     * of eight bytearrays of native uint32 (attendance_tenths int32) in header order; PHP an array of
     * eight packed strings keyed by field name. */
    ssatb_array_value evaluate_columns(ssatb_marks_arg marks, ssatb_offsets_arg maybe_offsets = NULL,
                                       uint32_t threads = 0)
    {
        return ssatb_columns_evaluate($self, marks, maybe_offsets, threads);
    }
#ifndef SWIGPYTHON
    /* Value i (from 0) of a column of evaluate_columns(), as an int: RangeError past its end. */
    static ssatb_int_value column_get(const char *column, size_t len, long i)
    {
        return ssatb_column_get(column, len, i);
    }
    /* A column of evaluate_columns() as a list of ints (from index 0). */
    static ssatb_array_value column_array(const char *column, size_t len)
    {
        ssatb_value out;
        size_t n = len / sizeof(int32_t);
        array_init_size(&out, (uint32_t)n);
        zend_hash_real_init_packed(Z_ARRVAL(out));
        ZEND_HASH_FILL_PACKED(Z_ARRVAL(out)) {
            for (size_t i = 0; i < n; i++) {
                int32_t v;
                memcpy(&v, column + i * sizeof v, sizeof v);
                ZEND_HASH_FILL_SET_LONG((zend_long)v);
                ZEND_HASH_FILL_NEXT();
            }
        } ZEND_HASH_FILL_END();
        return out;
    }
#endif
}
