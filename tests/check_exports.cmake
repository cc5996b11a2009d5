# cmake -DCHECK=symbols|api -DLIB=libssat.so.X -DSONAME=libssat.so.N -DNM=nm -DREADELF=readelf
#       -DHEADERS=h1;h2 -P check_exports.cmake
#
# CHECK=symbols fails unless libssat.so
#   - has the SONAME the build asked for (SOVERSION policy, pitfall 28),
#   - exports only ssat_* names and no ssat__* internals (hidden visibility + lib/libssat.map),
#   - gives every exported name a LIBSSAT_* symbol version (proves the version script was applied,
#     pitfall 26),
#   - exports nothing that the public headers do not declare with SSAT_API.
# CHECK=api fails unless every function declared with SSAT_API in the public headers is exported
#   (a declared function that nobody implemented links for nobody; -z defs cannot see it).
foreach(var CHECK LIB SONAME NM READELF HEADERS)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_exports.cmake: -D${var}=... is required")
  endif()
endforeach()

set(failures "")

# ---- SONAME ----------------------------------------------------------------------------------------
execute_process(COMMAND "${READELF}" -d -W "${LIB}" OUTPUT_VARIABLE dyn RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${READELF} -d ${LIB} failed")
endif()
if(dyn MATCHES "\\(SONAME\\)[^\n]*\\[([^]\n]*)\\]")
  set(soname "${CMAKE_MATCH_1}")
else()
  set(soname "<none>")
endif()
if(NOT soname STREQUAL SONAME)
  string(APPEND failures "  SONAME is '${soname}', expected '${SONAME}'\n")
endif()
if(dyn MATCHES "TEXTREL")
  string(APPEND failures "  the library has text relocations\n")
endif()

# ---- defined dynamic symbols -----------------------------------------------------------------------
execute_process(COMMAND "${NM}" -D --defined-only "${LIB}" OUTPUT_VARIABLE nm_out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D --defined-only ${LIB} failed")
endif()
string(REPLACE "\n" ";" nm_lines "${nm_out}")
set(exported "")
foreach(line IN LISTS nm_lines)
  if(line STREQUAL "")
    continue()
  endif()
  # "<address> <type> <name>[@@VERSION]"
  if(NOT line MATCHES "^[0-9a-fA-F]* *([A-Za-z]) ([^@ ]+)(@@?([^ ]+))?$")
    string(APPEND failures "  cannot parse nm line '${line}'\n")
    continue()
  endif()
  set(type "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  set(version "${CMAKE_MATCH_4}")
  if(type STREQUAL "A" AND name MATCHES "^LIBSSAT_")
    continue() # the version node itself
  endif()
  if(name MATCHES "^ssat__")
    string(APPEND failures "  internal symbol exported: ${name}\n")
  elseif(NOT name MATCHES "^ssat_")
    string(APPEND failures "  non-ssat_ symbol exported: ${name} (${type})\n")
  else()
    if(NOT version MATCHES "^LIBSSAT_")
      string(APPEND failures "  ${name} has no LIBSSAT_* version ('${version}'): version script not applied?\n")
    endif()
    list(APPEND exported "${name}")
  endif()
endforeach()
list(REMOVE_DUPLICATES exported)
list(SORT exported)
list(LENGTH exported n_exported)
if(n_exported EQUAL 0)
  string(APPEND failures "  no ssat_ symbol exported at all\n")
endif()

# ---- functions declared in the public headers ------------------------------------------------------
set(declared "")
foreach(h IN LISTS HEADERS)
  file(READ "${h}" text)
  # Drop comments so documentation mentioning SSAT_API is not taken for a declaration.
  string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" "" text "${text}")
  string(REGEX MATCHALL "SSAT_API[^;{}()]*[ *]ssat_[A-Za-z0-9_]+[ \t\n]*\\(" decls "${text}")
  foreach(d IN LISTS decls)
    string(REGEX MATCH "(ssat_[A-Za-z0-9_]+)[ \t\n]*\\($" _ "${d}")
    list(APPEND declared "${CMAKE_MATCH_1}")
  endforeach()
endforeach()
list(REMOVE_DUPLICATES declared)
list(SORT declared)

list(LENGTH declared n_declared)
if(CHECK STREQUAL "api")
  set(missing "${declared}")
  if(exported)
    list(REMOVE_ITEM missing ${exported})
  endif()
  list(LENGTH missing n_missing)
  if(missing)
    list(JOIN missing "\n  " missing_text)
    message(FATAL_ERROR "libssat.so (${LIB}) lacks ${n_missing} of the ${n_declared} functions the public "
                        "headers declare with SSAT_API (not implemented?):\n  ${missing_text}\n")
  endif()
  message(STATUS "libssat.so: all ${n_declared} functions declared with SSAT_API are exported")
  return()
endif()

set(extra "${exported}")
if(declared)
  list(REMOVE_ITEM extra ${declared})
endif()
foreach(name IN LISTS extra)
  string(APPEND failures "  exported but not declared in a public header: ${name}\n")
endforeach()
if(failures)
  message(FATAL_ERROR "libssat.so export check failed (${LIB}):\n${failures}")
endif()
message(STATUS "libssat.so: SONAME ${soname}; ${n_exported} exported functions, all ssat_*, all versioned "
               "LIBSSAT_*, all declared in the public headers")
