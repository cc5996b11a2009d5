/*
 * The evidence layer: evidence packs, their check against a policy, and attendance certificates
 * (the packs' shared declarations are in evidence_internal.h, the certificates' in
 * certificate_internal.h). It builds on the rules, register and core layers; it declares nothing
 * of its own here yet.
 * Not installed, not API. Cross-file internal functions use the ssat__ prefix (libgit2 convention)
 * and are never exported: the library is built with hidden visibility and a version script that
 * exports ssat_* only, and ssat__* names never carry SSAT_API. docs/architecture.md has the layers.
 */
#ifndef SSAT_EVIDENCE_LAYER_H
#define SSAT_EVIDENCE_LAYER_H

#include "rules_layer.h"

#endif /* SSAT_EVIDENCE_LAYER_H */
