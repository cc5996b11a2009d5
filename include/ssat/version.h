/**
 * @file ssat/version.h
 * @brief Compile-time and run-time version of libssat.
 *
 * The release version follows Semantic Versioning for the API. The shared library's SONAME carries a
 * separate ABI counter (see docs/abi.md). CMake reads the three numbers below.
 */
#ifndef SSAT_VERSION_H
#define SSAT_VERSION_H

#include "common.h"

#define SSAT_VERSION_MAJOR 0 /**< incremented on incompatible API changes */
#define SSAT_VERSION_MINOR 4 /**< incremented when API is added compatibly */
#define SSAT_VERSION_PATCH 0 /**< incremented for compatible fixes */

/** The version as one integer: MAJOR*10000 + MINOR*100 + PATCH. */
#define SSAT_VERSION_NUMBER (SSAT_VERSION_MAJOR * 10000 + SSAT_VERSION_MINOR * 100 + SSAT_VERSION_PATCH)
/** The version as a string, "MAJOR.MINOR.PATCH". */
#define SSAT_VERSION_STRING "0.4.0"
/** True when the headers are at least version M.m.p. */
#define SSAT_VERSION_CHECK(M, m, p) (SSAT_VERSION_NUMBER >= ((M) * 10000 + (m) * 100 + (p)))

SSAT_BEGIN_DECL

/**
 * The version of the library actually loaded, as "MAJOR.MINOR.PATCH".
 * @return a static string; never NULL; never free it.
 */
SSAT_API const char *ssat_version_string(void);

/**
 * The version of the library actually loaded, as MAJOR*10000 + MINOR*100 + PATCH. Compare it with
 * SSAT_VERSION_NUMBER to detect a program running against a different library than it was built with.
 */
SSAT_API int32_t ssat_version_number(void);

SSAT_END_DECL

#endif /* SSAT_VERSION_H */
