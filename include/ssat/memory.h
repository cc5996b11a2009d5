/**
 * @file ssat/memory.h
 * @brief Releasing memory the library returns to the caller.
 */
#ifndef SSAT_MEMORY_H
#define SSAT_MEMORY_H

#include "common.h"

SSAT_BEGIN_DECL

/**
 * Free a block the library returned for the caller to own (documented as "free with ssat_free()", for
 * example the text of ssat_policy_to_json()). The block remembers the allocator that made it, so this
 * is right whatever allocator the producing object used, even after that object was freed.
 * NULL does nothing. Never pass memory from any other source.
 */
SSAT_API void ssat_free(void *block);

SSAT_END_DECL

#endif /* SSAT_MEMORY_H */
