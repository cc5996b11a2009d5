/*
 * The case layer: a pupil's case, its events, its documents, its hash chain and its due work (their
 * shared declarations are in case_internal.h). It builds on the evidence, rules, register and core
 * layers.
 * Not installed, not API. Cross-file internal functions use the ssat__ prefix (libgit2 convention)
 * and are never exported: the library is built with hidden visibility and a version script that
 * exports ssat_* only, and ssat__* names never carry SSAT_API. docs/architecture.md has the layers.
 */
#ifndef SSAT_CASE_LAYER_H
#define SSAT_CASE_LAYER_H

#include "evidence_layer.h"

#endif /* SSAT_CASE_LAYER_H */
