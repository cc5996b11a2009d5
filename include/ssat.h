/**
 * @file ssat.h
 * @brief libssat: school attendance rules for Welsh schools and local authorities.
 *
 * The only header most programs include. Link with `pkg-config --libs libssat` or CMake's
 * `find_package(libssat)` and `libssat::ssat`.
 *
 * Conventions for the whole API:
 * - Every fallible function returns an ::ssat_status; on failure ssat_error_message() names what was
 *   wrong on the calling thread, out-parameters are set to NULL or 0 and inputs are left unchanged.
 * - Objects are opaque handles made by `ssat_<noun>_new` (or a named constructor) and released by
 *   `ssat_<noun>_free`, which accepts NULL.
 * - `const` pointers returned by the library are borrowed; each function says how long they live.
 * - Threads: the library has no mutable global state. A handle may be used by one thread at a time;
 *   distinct handles may be used concurrently; read-only calls on an object no thread modifies (a
 *   frozen code set, a finished calendar or register) are safe from many threads.
 * - No clocks and no time zones: every date, including "as of", comes from the caller.
 */
#ifndef SSAT_H
#define SSAT_H

#include "ssat/common.h"
#include "ssat/version.h"
#include "ssat/errors.h"
#include "ssat/date.h"
#include "ssat/problems.h"
#include "ssat/codeset.h"
#include "ssat/calendar.h"
#include "ssat/register.h"
#include "ssat/attendance.h"
#include "ssat/memory.h"
#include "ssat/window.h"
#include "ssat/policy.h"
#include "ssat/pupil.h"
#include "ssat/decision.h"
#include "ssat/rules.h"
#include "ssat/evaluation.h"
#include "ssat/evidence.h"
#include "ssat/certificate.h"
#include "ssat/school.h"
#include "ssat/ctf.h"
#include "ssat/csvmap.h"
#include "ssat/case.h"
#include "ssat/batch.h"

#endif /* SSAT_H */
