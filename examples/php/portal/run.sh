#!/usr/bin/env bash
# Start the school portal: examples/php/portal/run.sh [PORT]   (default 8080; then open
# http://127.0.0.1:PORT/). PHP's built-in server on the loopback interface, with the ssat extension,
# PDO SQLite and fileinfo loaded and PHP's own ini files skipped (php -n), so nothing else on the
# machine changes it. For a real deployment (a web server, HTTPS, php-fpm) see docs/portal.md.
#
# First run: bin/demo.php imports the sample school and a second one generated from it into the
# database (once; pages never re-import), adds the sample evidence, and creates the demo accounts,
# printing their passwords (on stderr). There is no account until then. SSAT_PORTAL_DEMO=0 skips it
# (an empty portal: create users with bin/users.php, import registers with bin/import.php).
#
# The ssat extension is the first of: $SSAT_PHP_EXTENSION (a path to ssat.so); the most recently built
# build/*/bindings/php/ext/ssat.so of this checkout that loads; an installed one (php -d extension=ssat).
# Environment: SSAT_PORTAL_DATA (the SQLite database, sessions and documents; default examples/php/portal/var),
# SSAT_PORTAL_SAMPLE (the sample school's CSV files; default examples/data), PHP (the php binary),
# SSAT_PORTAL_HOST (default 127.0.0.1).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
port=${1:-8080}
host=${SSAT_PORTAL_HOST:-127.0.0.1}
php=${PHP:-php}

die() { echo "run.sh: $*" >&2; exit 1; }

[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "usage: run.sh [PORT] (PORT: 1..65535)"
command -v "$php" >/dev/null 2>&1 || die "no PHP interpreter ($php): apt-get install php8.2-cli"

# Does `php -n <args>` have extension $1 loaded?
loads() {
  local ext=$1; shift
  "$php" -n "$@" -r "exit(extension_loaded('$ext') ? 0 : 1);" >/dev/null 2>&1
}

args=()
if ! loads pdo; then args+=(-d extension=pdo); fi
if ! loads pdo_sqlite "${args[@]}"; then args+=(-d extension=pdo_sqlite); fi
loads pdo_sqlite "${args[@]}" || die "PHP has no PDO SQLite driver: apt-get install php8.2-sqlite3"
if ! loads fileinfo "${args[@]}"; then args+=(-d extension=fileinfo); fi
loads fileinfo "${args[@]}" || die "PHP has no fileinfo extension: apt-get install php8.2-common"

ext=""
if [ -n "${SSAT_PHP_EXTENSION:-}" ]; then
  loads ssat -d "extension=$SSAT_PHP_EXTENSION" || die "SSAT_PHP_EXTENSION=$SSAT_PHP_EXTENSION does not load"
  ext=$SSAT_PHP_EXTENSION
else
  # Newest first; a build that does not load alone (a sanitizer build) is skipped.
  while IFS= read -r candidate; do
    if loads ssat -d "extension=$candidate"; then ext=$candidate; break; fi
  done < <(ls -t "$root"/build/*/bindings/php/ext/ssat.so 2>/dev/null || true)
  if [ -z "$ext" ] && loads ssat -d extension=ssat; then ext=ssat; fi
  [ -n "$ext" ] || die "no ssat extension found: build it (cmake --preset debug && cmake --build build/debug --target ssat_php) or set SSAT_PHP_EXTENSION"
fi

# The portal's ini: no error display; request bodies and uploads limited (docs/portal.md).
ini=(-d "extension=$ext" "${args[@]}"
     -d display_errors=0 -d display_startup_errors=0 -d log_errors=1 -d html_errors=0 -d error_reporting=-1
     -d expose_php=0 -d session.use_strict_mode=1 -d session.use_only_cookies=1 -d default_charset=UTF-8
     -d post_max_size=6M -d upload_max_filesize=5M -d max_file_uploads=4 -d max_input_vars=200
     -d opcache.enable=1 -d opcache.enable_cli=1)
if loads "Zend OPcache" -d zend_extension=opcache; then ini+=(-d zend_extension=opcache); fi

if [ "${SSAT_PORTAL_DEMO:-1}" != 0 ]; then
  "$php" -n "${ini[@]}" "$here/bin/demo.php" || die "the first-run set-up (bin/demo.php) failed"
fi
echo "run.sh: libssat portal on http://$host:$port/ (extension $ext; data ${SSAT_PORTAL_DATA:-$here/var})" >&2
exec "$php" -n "${ini[@]}" -S "$host:$port" -t "$here/public"
