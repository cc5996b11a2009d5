# Install rules: libraries, headers, CMake package (libssat::), pkg-config file.
# Included from the top-level CMakeLists.txt after lib/ has defined its targets.

set(SSAT_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/libssat"
    CACHE STRING "Where libssatConfig.cmake is installed, relative to the prefix")
mark_as_advanced(SSAT_INSTALL_CMAKEDIR)

install(TARGETS ssat ssat_static
  EXPORT libssatTargets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT Runtime
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Runtime NAMELINK_COMPONENT Development
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Development
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

# Public headers: include/ssat.h and include/ssat/*.h. Anything not in include/ is not API.
install(FILES "${PROJECT_SOURCE_DIR}/include/ssat.h"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT Development)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/ssat"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT Development
        FILES_MATCHING PATTERN "*.h")

# ---- CMake package: find_package(libssat) -> libssat::ssat, libssat::ssat_static --------------------
install(EXPORT libssatTargets
  NAMESPACE libssat::
  FILE libssatTargets.cmake
  DESTINATION "${SSAT_INSTALL_CMAKEDIR}"
  COMPONENT Development)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/libssatConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/libssatConfig.cmake"
  INSTALL_DESTINATION "${SSAT_INSTALL_CMAKEDIR}")

# 0.y releases may break compatibility at every minor version (pitfall 29: AnyNewerVersion would
# accept them); from 1.0 on, SemVer's major version decides.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_ssat_compat SameMinorVersion)
else()
  set(_ssat_compat SameMajorVersion)
endif()
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/libssatConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY ${_ssat_compat})

install(FILES
  "${PROJECT_BINARY_DIR}/libssatConfig.cmake"
  "${PROJECT_BINARY_DIR}/libssatConfigVersion.cmake"
  DESTINATION "${SSAT_INSTALL_CMAKEDIR}"
  COMPONENT Development)

# ---- pkg-config: libssat.pc ------------------------------------------------------------------------
# libdir/includedir are written relative to ${prefix} unless GNUInstallDirs gave an absolute path,
# which is then used as is (pitfall 23: "${prefix}//usr/lib" otherwise).
function(ssat_pc_join_paths out_var base path)
  if(IS_ABSOLUTE "${path}")
    set(${out_var} "${path}" PARENT_SCOPE)
  else()
    set(${out_var} "${base}/${path}" PARENT_SCOPE)
  endif()
endfunction()
ssat_pc_join_paths(SSAT_PC_LIBDIR "\${exec_prefix}" "${CMAKE_INSTALL_LIBDIR}")
ssat_pc_join_paths(SSAT_PC_INCLUDEDIR "\${prefix}" "${CMAKE_INSTALL_INCLUDEDIR}")
# libssat.a needs jansson (policy documents), named by Requires.private (SSAT_PC_REQUIRES_PRIVATE,
# set in lib/CMakeLists.txt) so `pkg-config --static --libs libssat` adds -ljansson, and pthreads
# (ssat_batch_evaluate's threads): CMAKE_THREAD_LIBS_INIT is empty where libc has them (glibc >= 2.34).
set(SSAT_PC_LIBS_PRIVATE "${CMAKE_THREAD_LIBS_INIT}")

# The prefix is filled in when installing, not when configuring, so that
# `cmake --install build --prefix /some/where` yields a .pc naming /some/where (pitfall 24).
# Step 1 (configure time): everything but the prefix.
set(SSAT_PC_PREFIX "@SSAT_PC_PREFIX@")
configure_file("${PROJECT_SOURCE_DIR}/libssat.pc.in" "${PROJECT_BINARY_DIR}/libssat.pc.template" @ONLY)
# Step 2 (install time): the prefix actually installed to (DESTDIR is not part of it, as it should be).
install(CODE "
  file(READ \"${PROJECT_BINARY_DIR}/libssat.pc.template\" _ssat_pc)
  string(REGEX REPLACE \"/+$\" \"\" _ssat_prefix \"\${CMAKE_INSTALL_PREFIX}\")
  if(_ssat_prefix STREQUAL \"\")
    set(_ssat_prefix /)
  endif()
  string(REPLACE \"@SSAT_PC_PREFIX@\" \"\${_ssat_prefix}\" _ssat_pc \"\${_ssat_pc}\")
  file(WRITE \"${PROJECT_BINARY_DIR}/pkgconfig-install/libssat.pc\" \"\${_ssat_pc}\")
" COMPONENT Development)
install(FILES "${PROJECT_BINARY_DIR}/pkgconfig-install/libssat.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig" COMPONENT Development)
