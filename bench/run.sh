#!/usr/bin/env bash
# The batch benchmark of issue 9, everything in sequence on this machine:
#   for each size, ssat_bench (libssat on 1 and N threads, and the memory pass over the same buffer),
#   then the baselines on the same data (plain Python, pandas, PHP, SQLite), each checked against
#   libssat's results; then bench/report.py prints the tables of README.md ("Performance") and writes
#   the figures as JSON.
#
#   bench/run.sh [--bench PATH] [--sizes "1000 25000 470000 8000000"] [--baseline-max N] [--budget S]
#                [--repeat R] [--out DIR]
#
#   --bench         the ssat_bench program (default build/bench/bench/ssat_bench; built in Release there
#                   when missing)
#   --baseline-max  the largest size the baselines run at (default 470000; never 8,000,000)
#   --budget        seconds a baseline may take at a size (load included), estimated from the size
#                   before; above it, the size is skipped and the table says so (default 150)
#   --repeat        ssat_bench runs per size; the best is kept (default 3)
#   --out           results directory (default build/bench-results): one JSON per measurement,
#                   results.json and results.md
#
# Needs: python3 with pandas (Debian: python3-pandas), php-cli (php8.2-cli); bench/install-deps.
# Takes about 15 minutes and most of the machine's memory bandwidth: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

bench=build/bench/bench/ssat_bench
sizes="1000 25000 470000 8000000"
baseline_max=470000
budget=150
repeat=3
out=build/bench-results
while [ $# -gt 0 ]; do
  case "$1" in
    --bench) bench="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --baseline-max) baseline_max="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: bench/run.sh [--bench PATH] [--sizes \"N...\"] [--baseline-max N] [--budget S] [--repeat R] [--out DIR]" >&2
       exit 2 ;;
  esac
done

# Debian's interpreter, which has python3-pandas (a pyenv shim on PATH may not: engineering pitfall 4).
python=/usr/bin/python3
[ -x "$python" ] || python=python3
php=php

if [ ! -x "$bench" ]; then
  echo "== building ssat_bench (Release) in build/bench"
  cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DSSAT_BUILD_TESTS=OFF -DSSAT_BUILD_EXAMPLES=OFF \
        -DSSAT_BUILD_DOCS=OFF -DSSAT_BUILD_PYTHON=OFF -DSSAT_BUILD_PHP=OFF >/dev/null
  cmake --build build/bench --target ssat_bench
  bench=build/bench/bench/ssat_bench
fi

mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.skip "$out"/*.md
data=$(mktemp -d "${TMPDIR:-/tmp}/ssat-bench.XXXXXX")
trap 'rm -rf "$data"' EXIT

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)
cat > "$out/meta.json" <<EOF
{"cpu": "$cpu", "cores": $(nproc), "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
 "kernel": "$(uname -sr)", "cc": "$(${CC:-cc} --version 2>/dev/null | head -1)",
 "python": "$($python --version 2>&1)", "php": "$($php -r 'echo PHP_VERSION;' 2>/dev/null || echo none)",
 "command": "bench/run.sh --sizes \"$sizes\" --baseline-max $baseline_max --budget $budget --repeat $repeat"}
EOF

# Each baseline: its command, and the time it took at the previous size (to estimate the next).
declare -A last_n last_s
php_flags=(-d opcache.enable_cli=1 -d opcache.jit=tracing -d opcache.jit_buffer_size=64M -d memory_limit=-1)
baseline_cmd() {
  case "$1" in
    python) echo "$python bench/baseline_python.py" ;;
    pandas) echo "$python bench/baseline_pandas.py" ;;
    sqlite) echo "$python bench/baseline_sqlite.py" ;;
    php) echo "$php ${php_flags[*]} bench/baseline_php.php" ;;
  esac
}

for n in $sizes; do
  echo "== $n pupils: libssat"
  with_data=()
  if [ "$n" -le "$baseline_max" ]; then with_data=(--data "$data"); fi
  best=""
  for r in $(seq 1 "$repeat"); do
    "$bench" --pupils "$n" --json "$data/run_$r.json" "${with_data[@]}" --min-seconds 1
    t=$($python -c "import json,sys; print(json.load(open(sys.argv[1]))['batch_1']['best_s'])" "$data/run_$r.json")
    if [ -z "$best" ] || $python -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$t" "$best"; then
      best=$t
      cp "$data/run_$r.json" "$out/libssat_$n.json"
    fi
    with_data=() # the data are written once
  done
  if [ "$n" -gt "$baseline_max" ]; then
    continue
  fi
  for tool in python pandas php sqlite; do
    estimate=0
    if [ -n "${last_n[$tool]:-}" ]; then
      estimate=$($python -c "import sys; print(int(float(sys.argv[1]) * int(sys.argv[2]) / int(sys.argv[3])))" \
                 "${last_s[$tool]}" "$n" "${last_n[$tool]}")
    fi
    if [ "$estimate" -gt "$budget" ]; then
      echo "== $n pupils: $tool skipped (estimated ${estimate} s)"
      echo "over budget (estimated ${estimate} s)" > "$out/${tool}_$n.skip"
      continue
    fi
    echo "== $n pupils: $tool"
    start=$(date +%s.%N)
    # shellcheck disable=SC2046
    if timeout $((3 * budget)) $(baseline_cmd "$tool") --data "$data" --pupils "$n" > "$out/${tool}_$n.json"; then
      last_n[$tool]=$n
      last_s[$tool]=$($python -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
      cat "$out/${tool}_$n.json"
    else
      echo "failed or timed out" > "$out/${tool}_$n.skip"
      rm -f "$out/${tool}_$n.json"
    fi
  done
  rm -f "$data/marks_$n.txt"
done

$python bench/report.py "$out" --json "$out/results.json" --markdown "$out/results.md"
echo "== figures: $out/results.json, tables: $out/results.md"
