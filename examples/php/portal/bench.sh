#!/usr/bin/env bash
# The pupil list's speed: examples/php/portal/bench.sh [REQUESTS]   (default 200)
#
# Starts the portal (run.sh) on a free loopback port with a fresh data directory (the first run imports
# the 1,000-pupil sample school), signs in as its member of staff, and requests the pupil list REQUESTS
# times for each of three views (first page; sorted by attendance, descending; filtered to the referral
# candidates) with curl, one after another. For each it reports the server's own time (the Server-Timing
# header every page sends: from the request's start in PHP to the end of the page) and curl's total
# time on the loopback, as median, 95th percentile and maximum, in milliseconds. The server is stopped
# at the end. Environment as run.sh (SSAT_PHP_EXTENSION, PHP).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
n=${1:-200}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
SSAT_PORTAL_DATA="$work/data" setsid bash "$here/run.sh" "$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "$base/style.css" && break
  kill -0 $server 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
password=$(sed -n 's/^demo: account staff-a *password \([^ ]*\).*/\1/p' "$work/server.log")
[ -n "$password" ] || { echo "bench.sh: no demo account in the server's output" >&2; cat "$work/server.log" >&2; exit 1; }
curl -fs -o /dev/null -c "$work/cookies" --data-urlencode "username=staff-a" --data-urlencode "password=$password" "$base/login.php"

stats() { # numbers on stdin -> "median p95 max"
  sort -n | awk '{ v[NR] = $1 } END { p = int(NR * 0.95 + 0.5); if (p < 1) p = 1;
                  printf "median %6.1f   p95 %6.1f   max %6.1f", v[int((NR + 1) / 2)], v[p], v[NR] }'
}
echo "bench.sh: $n requests per view, one at a time; milliseconds ($(nproc) CPUs, $(php -r 'echo PHP_VERSION;') built-in server)"
for view in "index.php" "index.php?sort=attendance&dir=desc" "index.php?filter=referral"; do
  : >"$work/server.ms"; : >"$work/total.ms"
  curl -fs -o /dev/null -b "$work/cookies" "$base/$view" # warm the opcode cache
  for _ in $(seq 1 "$n"); do
    curl -fs -o /dev/null -b "$work/cookies" -D "$work/headers" -w '%{time_total}\n' "$base/$view" \
      | awk '{ printf "%.3f\n", $1 * 1000 }' >>"$work/total.ms"
    sed -n 's/^[Ss]erver-[Tt]iming: app;dur=\([0-9.]*\).*/\1/p' "$work/headers" >>"$work/server.ms"
  done
  [ "$(wc -l <"$work/server.ms")" -eq "$n" ] || { echo "bench.sh: $view did not answer with Server-Timing" >&2; exit 1; }
  printf '%-38s server: %s   curl total: %s\n' "$view" "$(stats <"$work/server.ms")" "$(stats <"$work/total.ms")"
done
