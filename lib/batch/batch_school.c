/* Batch evaluation of registers (include/ssat/batch.h): a register turned into a run of the batch's
 * sessions, and every pupil of a school evaluated through one ssat_batch_evaluate() call. The only file
 * of the batch layer that reads a school; it uses the school's public API. */
#include "batch_internal.h"

#include <stdio.h>

/* Write reg's run (batch->nsessions bytes, no NUL) into out: each session's one-character code, "-"
 * for an explicit missing mark, "." for no entry. `who` names the pupil in a message ("" for none). */
static ssat_status register_run(const ssat_batch *batch, const ssat_register *reg, char *out, const char *fn,
                                const char *who)
{
    for (size_t i = 0; i < batch->nsessions; i++) {
        ssat_date day = batch->days[i / 2];
        ssat_half half = i % 2 == 0 ? SSAT_AM : SSAT_PM;
        const char *code = NULL;
        ssat_status st = ssat_register_mark(reg, day, half, &code);
        if (st != SSAT_OK)
            return st;
        if (code == NULL) {
            out[i] = '.';
        } else if (code[0] != '\0' && code[1] == '\0') {
            out[i] = code[0];
        } else {
            /* A byte per session is the batch's layout: a longer code has no byte to stand for it. */
            char text[SSAT_DATE_BUFSIZE];
            (void)ssat_date_format(day, text, sizeof text);
            return ssat__error(SSAT_ERR_INVALID_ARG, "%s: %sthe mark \"%.32s\" of %s %s has more than one "
                               "character, which a batch cannot hold (use the per-pupil rules)", fn, who, code,
                               text, half == SSAT_AM ? "AM" : "PM");
        }
    }
    return SSAT_OK;
}

ssat_status ssat_batch_register_run(const ssat_batch *batch, const ssat_register *reg, char *buf, size_t cap,
                                    size_t *len_out)
{
    static const char fn[] = "ssat_batch_register_run";
    if (len_out != NULL)
        *len_out = batch != NULL ? batch->nsessions : 0;
    if (batch == NULL)
        return ssat__null_arg(fn, "batch");
    if (reg == NULL)
        return ssat__null_arg(fn, "register");
    if (buf == NULL)
        return ssat__null_arg(fn, "buf");
    if (cap <= batch->nsessions)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'cap': %zu bytes cannot hold the run of %zu sessions "
                           "and its NUL", fn, cap, batch->nsessions);
    ssat_status st = register_run(batch, reg, buf, fn, "");
    buf[st == SSAT_OK ? batch->nsessions : 0] = '\0';
    return st;
}

/* Every pupil's run into marks (n runs of nsessions bytes, back to back). */
static ssat_status school_runs(const ssat_batch *batch, const ssat_school *school, size_t n, char *marks,
                               const char *fn)
{
    char who[128];
    for (size_t i = 0; i < n; i++) {
        const ssat_register *reg = ssat_school_register(school, i);
        (void)snprintf(who, sizeof who, "pupil %.64s (index %zu): ", ssat_school_pupil_id(school, i), i);
        ssat_status st = reg != NULL ? register_run(batch, reg, marks + i * batch->nsessions, fn, who)
                                     : ssat__error(SSAT_ERR_STATE, "%s: %shas no register", fn, who);
        if (st != SSAT_OK)
            return st;
    }
    return SSAT_OK;
}

ssat_status ssat_batch_evaluate_school(const ssat_batch *batch, const ssat_school *school, ssat_batch_result *out,
                                       size_t cap, uint32_t threads, size_t *invalid_out)
{
    static const char fn[] = "ssat_batch_evaluate_school";
    if (invalid_out != NULL)
        *invalid_out = 0;
    if (batch == NULL)
        return ssat__null_arg(fn, "batch");
    if (school == NULL)
        return ssat__null_arg(fn, "school");
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    size_t n = ssat_school_count(school), ns = batch->nsessions;
    if (cap < n)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'cap': %zu results cannot hold the school's %zu pupils",
                           fn, cap, n);
    if (n == 0)
        return SSAT_OK;
    if (ns != 0 && n > SIZE_MAX / ns - 1)
        return ssat__nomem(fn);
    /* One buffer of runs and their offsets: the batch's layout, evaluated in one call. */
    char *marks = ssat__malloc(&batch->alloc, n * ns + 1);
    size_t *offsets = ssat__calloc(&batch->alloc, n + 1, sizeof *offsets);
    ssat_status st = marks != NULL && offsets != NULL ? school_runs(batch, school, n, marks, fn) : ssat__nomem(fn);
    if (st == SSAT_OK) {
        for (size_t i = 1; i <= n; i++)
            offsets[i] = i * ns;
        st = ssat_batch_evaluate(batch, marks, offsets, n, out, threads, invalid_out);
    }
    ssat__free(&batch->alloc, offsets, (n + 1) * sizeof *offsets);
    ssat__free(&batch->alloc, marks, n * ns + 1);
    return st;
}
