#!/bin/sh
# install_consume.sh BUILD_DIR WORK_DIR CONSUMER_SRC CC CMAKE GENERATOR VERSION
#
# Installs the build tree into WORK_DIR/prefix with `cmake --install --prefix` (not the configured
# prefix), then builds tests/consumer/consumer.c against it and runs it:
#   1. cc $(pkg-config --cflags --libs libssat), run with LD_LIBRARY_PATH; and against libssat.a with
#      pkg-config --static (jansson from Requires.private);
#   2. a CMake project with find_package(libssat VERSION) and libssat::ssat / libssat::ssat_static.
# SSAT_CONSUMER_CFLAGS (environment) adds compiler/linker flags, e.g. the sanitizer flags of the build.
set -eu

build=$1 work=$2 src=$3 cc=$4 cmake=$5 generator=$6 version=$7
flags=${SSAT_CONSUMER_CFLAGS:-}
expected="$src/expected.txt"

fail() { echo "install_consume: FAIL: $*" >&2; exit 1; }
check_output() { # name file
    if ! diff -u "$expected" "$2"; then fail "$1: output differs from $expected"; fi
    echo "install_consume: $1: output as expected"
}

rm -rf "$work"
mkdir -p "$work"
prefix="$work/prefix"

echo "== install to $prefix"
# Only the C library's components: the bindings install into the interpreters' own directories
# (tests/install_bindings.sh checks those with DESTDIR).
for component in Runtime Development; do
  "$cmake" --install "$build" --prefix "$prefix" --component "$component" >>"$work/install.log" ||
    { cat "$work/install.log"; fail "cmake --install --component $component"; }
done

test -f "$prefix/include/ssat.h" || fail "ssat.h not installed"
pc=$(find "$prefix" -name libssat.pc | head -n 1)
test -n "$pc" || fail "libssat.pc not installed"
libdir=$(dirname "$(dirname "$pc")")
so=$(find "$libdir" -maxdepth 1 -name 'libssat.so.*' | head -n 1)
test -n "$so" || fail "libssat.so.* not installed in $libdir"
test -f "$libdir/libssat.a" || fail "libssat.a not installed in $libdir"
test -L "$libdir/libssat.so" || fail "libssat.so development link not installed"
echo "-- $pc:"; cat "$pc"

# ---- 1. pkg-config ---------------------------------------------------------------------------------
echo "== pkg-config"
PKG_CONFIG_PATH="$(dirname "$pc")"
export PKG_CONFIG_PATH
pcversion=$(pkg-config --modversion libssat)
test "$pcversion" = "$version" || fail "pkg-config --modversion gives '$pcversion', expected '$version'"
pcprefix=$(pkg-config --variable=prefix libssat)
test "$pcprefix" = "$prefix" || fail "the .pc names prefix '$pcprefix', installed to '$prefix' (pitfall 24)"
pcflags=$(pkg-config --cflags --libs libssat)
echo "pkg-config --cflags --libs libssat: $pcflags"
# shellcheck disable=SC2086 # word splitting of the flags is intended
"$cc" -std=c11 -Wall -Wextra -Werror $flags -o "$work/consumer-pc" "$src/consumer.c" $pcflags \
    || fail "compiling with pkg-config flags"
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$work/consumer-pc" >"$work/pc.out" \
    || { cat "$work/pc.out"; fail "consumer-pc exited with an error"; }
check_output pkg-config "$work/pc.out"

# libssat.a through pkg-config --static: Requires.private must bring jansson (policy documents).
pcstatic=$(pkg-config --static --libs libssat)
echo "pkg-config --static --libs libssat: $pcstatic"
case " $pcstatic " in *" -ljansson "*) ;; *) fail "pkg-config --static --libs libssat lacks -ljansson" ;; esac
# shellcheck disable=SC2086 # word splitting of the flags is intended
"$cc" -std=c11 -Wall -Wextra -Werror $flags -o "$work/consumer-pc-static" "$src/consumer.c" \
    $(pkg-config --cflags libssat) $(echo "$pcstatic" | sed 's/-lssat\b/-l:libssat.a/') \
    || fail "compiling against libssat.a with pkg-config --static flags"
if readelf -d "$work/consumer-pc-static" | grep -q 'NEEDED.*libssat'; then fail "consumer-pc-static needs libssat.so"; fi
"$work/consumer-pc-static" >"$work/pc-static.out" || { cat "$work/pc-static.out"; fail "consumer-pc-static exited with an error"; }
check_output "pkg-config --static" "$work/pc-static.out"

# ---- 2. find_package -------------------------------------------------------------------------------
echo "== find_package"
reqversion=$(echo "$version" | cut -d. -f1,2)
"$cmake" -S "$src" -B "$work/cmake-build" -G "$generator" \
    -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_C_FLAGS="-Wall -Wextra -Werror $flags" \
    -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF \
    -DSSAT_REQUIRED_VERSION="$reqversion" >"$work/cmake-configure.log" 2>&1 \
    || { cat "$work/cmake-configure.log"; fail "configuring the find_package consumer"; }
grep -q "libssat $version from $prefix/" "$work/cmake-configure.log" \
    || { cat "$work/cmake-configure.log"; fail "find_package did not find libssat $version in $prefix"; }
"$cmake" --build "$work/cmake-build" >"$work/cmake-build.log" 2>&1 \
    || { cat "$work/cmake-build.log"; fail "building the find_package consumer"; }
# libssat::ssat: the build tree RPATH points at the installed library, no LD_LIBRARY_PATH needed.
exe="$work/cmake-build/consumer"
"$exe" >"$work/cmake.out" || { cat "$work/cmake.out"; fail "consumer (libssat::ssat) exited with an error"; }
check_output "find_package libssat::ssat" "$work/cmake.out"
# libssat::ssat_static: must not need libssat.so at run time.
exe="$work/cmake-build/consumer_static"
if readelf -d "$exe" | grep -q 'NEEDED.*libssat'; then fail "consumer_static needs libssat.so"; fi
"$exe" >"$work/static.out" || { cat "$work/static.out"; fail "consumer (libssat::ssat_static) exited with an error"; }
check_output "find_package libssat::ssat_static" "$work/static.out"

# A version the package must refuse while 0.y: a different minor.
major=$(echo "$version" | cut -d. -f1)
minor=$(echo "$version" | cut -d. -f2)
if [ "$major" = 0 ]; then
    "$cmake" -S "$src" -B "$work/cmake-wrong" -G "$generator" -DCMAKE_C_COMPILER="$cc" \
        -DCMAKE_PREFIX_PATH="$prefix" -DSSAT_REQUIRED_VERSION="0.$((minor + 1))" >"$work/cmake-wrong.log" 2>&1 \
        && fail "find_package(libssat 0.$((minor + 1))) accepted $version"
    echo "install_consume: find_package(libssat 0.$((minor + 1))) refused, as it should"
fi

echo "install_consume: OK"
