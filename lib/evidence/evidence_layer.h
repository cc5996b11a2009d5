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

/* What the case layer uses of the evidence layer's internals. */

/* Replace the items of `dst` by copies of those of `src`, made with dst's allocator; dst stays the same
 * object (a case's pack, which bindings hold, ssat_case_set_pack()). All or nothing: SSAT_ERR_NOMEM
 * names `fn` and leaves dst as it was. */
ssat_status ssat__pack_assign(ssat_pack *dst, const ssat_pack *src, const char *fn);

#endif /* SSAT_EVIDENCE_LAYER_H */
