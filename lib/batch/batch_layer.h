/*
 * The batch layer's private declarations: the evaluation of many pupils at once. It builds on the
 * rules, register and core layers.
 * Not installed, not API. Cross-file internal functions use the ssat__ prefix (libgit2 convention)
 * and are never exported: the library is built with hidden visibility and a version script that
 * exports ssat_* only, and ssat__* names never carry SSAT_API. docs/architecture.md has the layers.
 */
#ifndef SSAT_BATCH_LAYER_H
#define SSAT_BATCH_LAYER_H

#include "rules_layer.h"

/* ---- batch evaluation (batch.c) ------------------------------------------------------------------ */

/* The counting kernels of ssat_batch_evaluate; they give identical results. ssat_batch_new picks the
 * fastest the CPU runs (ssat_batch_kernel() names it). */
typedef enum ssat__batch_kernel {
    SSAT__BATCH_SCALAR = 0, /* portable C */
    SSAT__BATCH_AVX2 = 1,   /* x86-64 with AVX2 */
    SSAT__BATCH_AVX512 = 2  /* x86-64 with AVX-512 BW, VBMI and VNNI */
} ssat__batch_kernel;

/* Make `batch` use `kernel` (the tests compare every kernel the CPU runs). Returns false, changing
 * nothing, when this CPU or build cannot run it. */
bool ssat__batch_set_kernel(ssat_batch *batch, ssat__batch_kernel kernel);
/* The attendance tenths the batch gives for part of whole sessions, whole at most the batch's session
 * count; -1 when whole is 0 (the test compares every value with ssat_percent_tenths). */
int32_t ssat__batch_tenths(const ssat_batch *batch, uint32_t part, uint32_t whole);

#endif /* SSAT_BATCH_LAYER_H */
