#!/bin/sh
# install_bindings.sh BUILD_DIR WORK_DIR python|php INTERPRETER
#
# Installs the C library and one binding with DESTDIR into WORK_DIR (the bindings' install directories
# are the interpreters' own, outside any test prefix), then loads the installed copy the way the README
# says: Python `import ssat`, PHP `-d extension=.../ssat.so`, and checks it is the staged copy.
set -eu

build=$1 work=$2 lang=$3 interp=$4
fail() { echo "install_bindings: FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
for component in Runtime "$lang"; do
  DESTDIR="$work" cmake --install "$build" --component "$component" >>"$work/install.log" ||
    { cat "$work/install.log"; fail "cmake --install --component $component"; }
done
so=$(find "$work" -name 'libssat.so.*' | head -n 1)
test -n "$so" || fail "libssat.so.* not installed"
LD_LIBRARY_PATH=$(dirname "$so")
export LD_LIBRARY_PATH

cd "$work" # not the build tree, whose own copy Python would import first
case "$lang" in
python)
  native=$(find "$work" -path '*/ssat/native.py' | head -n 1)
  test -n "$native" || fail "the ssat package was not installed"
  site=$(dirname "$(dirname "$native")")
  echo "installed package: $site/ssat"
  PYTHONPATH="$site" "$interp" -c '
import sys, ssat
assert ssat.__file__.startswith(sys.argv[1]), ssat.__file__
print("import ssat:", ssat.version(), ssat.__file__)
' "$site" || fail "import ssat from the installed package"
  ;;
php)
  ext=$(find "$work" -name ssat.so | head -n 1)
  test -n "$ext" || fail "the ssat extension was not installed"
  ini=$(find "$work" -name ssat.ini | head -n 1)
  test -n "$ini" || fail "ssat.ini was not installed"
  grep -q '^extension=ssat$' "$ini" || fail "$ini does not load the extension"
  echo "installed extension: $ext; ini: $ini"
  "$interp" -n -d "extension=$ext" -r 'echo "php -d extension=ssat: ", \Ssat\versionString(), "\n";' ||
    fail "php could not load the installed extension"
  ;;
*) fail "unknown binding $lang" ;;
esac
echo "install_bindings: $lang: ok"
