#!/usr/bin/env bash
# The batch benchmark of issue 9, everything in sequence on this machine:
#   for each size, ssat_bench (libssat on 1 and N threads, and the memory pass over the same buffer),
#   then libssat from Python and from PHP through the batch binding on the same marks buffer and
#   offsets (bench_python_batch.py, bench_php_batch.php: one object per pupil, columns, ctypes/FFI),
#   then the baselines on the same data (plain Python, pandas, PHP, SQLite), each checked against
#   libssat's results; then the CSV
#   import of the `ssat` tool on a long-layout file of generate_sample.py (bench_tool_import.py); then
#   bench/report.py prints the tables of docs/performance.md and writes the figures as JSON.
#
#   bench/run.sh [--bench PATH] [--build DIR] [--sizes "1000 25000 100000 470000 8000000"]
#                [--baseline-max N] [--binding-max N] [--import-pupils N] [--budget S] [--repeat R]
#                [--out DIR]
#
#   --bench         the ssat_bench program (default build/bench/bench/ssat_bench; built in Release there,
#                   with the bindings and the tool, when missing)
#   --build         the build directory of the bindings, libssat.so, the ssat tool and csv_bench
#                   (default: the one holding --bench, e.g. build/perf for build/perf/bench/ssat_bench)
#   --baseline-max  the largest size the baselines run at (default 470000; never 8,000,000)
#   --binding-max   the largest size the bindings run at (default 8000000: all)
#   --import-pupils the size of the long-layout file for the import measurement (default 25000; 0: none)
#   --budget        seconds a baseline may take at a size (load included), estimated from the size
#                   before; above it, the size is skipped and the table says so (default 150)
#   --repeat        ssat_bench runs per size; the best is kept (default 3)
#   --out           results directory (default build/bench-results): one JSON per measurement,
#                   results.json and results.md
#
# Needs: python3 with pandas (Debian: python3-pandas), php-cli (php8.2-cli) with FFI; bench/install-deps.
# Takes about 25 minutes, most of the machine's memory bandwidth and, at 8,000,000 pupils, some 10 GB of
# memory (the bindings build a result object per pupil): run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

bench=build/bench/bench/ssat_bench
build_dir=""
sizes="1000 25000 100000 470000 8000000"
baseline_max=470000
binding_max=8000000
import_pupils=25000
budget=150
repeat=3
out=build/bench-results
while [ $# -gt 0 ]; do
  case "$1" in
    --bench) bench="$2"; shift 2 ;;
    --build) build_dir="$2"; shift 2 ;;
    --binding-max) binding_max="$2"; shift 2 ;;
    --import-pupils) import_pupils="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --baseline-max) baseline_max="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: bench/run.sh [--bench PATH] [--build DIR] [--sizes \"N...\"] [--baseline-max N] [--binding-max N]" \
            "[--import-pupils N] [--budget S] [--repeat R] [--out DIR]" >&2
       exit 2 ;;
  esac
done

# Debian's interpreter, which has python3-pandas (a pyenv shim on PATH may not: engineering pitfall 4).
python=/usr/bin/python3
[ -x "$python" ] || python=python3
php=php

if [ ! -x "$bench" ]; then
  echo "== building ssat_bench, the bindings and the ssat tool (Release) in build/bench"
  cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DSSAT_BUILD_TESTS=OFF -DSSAT_BUILD_EXAMPLES=OFF \
        -DSSAT_BUILD_DOCS=OFF -DSSAT_BUILD_PYTHON=ON -DSSAT_BUILD_PHP=ON -DSSAT_BUILD_TOOLS=ON \
        -DSSAT_BUILD_BENCH=ON -DPython3_EXECUTABLE="$python" >/dev/null
  cmake --build build/bench
  bench=build/bench/bench/ssat_bench
fi
[ -n "$build_dir" ] || build_dir=$(dirname "$(dirname "$bench")")
py_path=$build_dir/bindings/python
php_ext=$build_dir/bindings/php/ext/ssat.so
libssat=$build_dir/lib/libssat.so
ssat_tool=$build_dir/tools/ssat/ssat
csv_bench=$build_dir/bench/csv_bench
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)

mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.skip "$out"/*.md
data=$(mktemp -d "${TMPDIR:-/tmp}/ssat-bench.XXXXXX")
trap 'rm -rf "$data"' EXIT

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)
cat > "$out/meta.json" <<EOF
{"cpu": "$cpu", "cores": $(nproc), "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
 "kernel": "$(uname -sr)", "cc": "$(${CC:-cc} --version 2>/dev/null | head -1)",
 "python": "$($python --version 2>&1)", "php": "$($php -r 'echo PHP_VERSION;' 2>/dev/null || echo none)",
 "build": "$build_dir ${build_type:-?}",
 "command": "bench/run.sh --bench $bench --sizes \"$sizes\" --baseline-max $baseline_max --binding-max $binding_max --import-pupils $import_pupils --budget $budget --repeat $repeat"}
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
  if [ "$n" -le "$baseline_max" ] || [ "$n" -le "$binding_max" ]; then with_data=(--data "$data"); fi
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
  # libssat through the batch bindings, on the same marks buffer and offsets, next to libssat's own
  # runs (best of 5 runs, 3 above 1,000,000 pupils: each then takes seconds).
  if [ "$n" -le "$binding_max" ]; then
    brepeat=5
    if [ "$n" -gt 1000000 ]; then brepeat=3; fi
    run_binding() { # name, then the command
      local name=$1
      shift
      echo "== $n pupils: $name"
      if timeout 1800 "$@" --data "$data" --pupils "$n" --repeat "$brepeat" --libssat "$libssat" > "$out/${name}_$n.json"; then
        cat "$out/${name}_$n.json"
      else
        echo "failed or timed out" > "$out/${name}_$n.skip"
        rm -f "$out/${name}_$n.json"
      fi
    }
    if [ -d "$py_path/ssat" ] && [ -e "$libssat" ]; then
      PYTHONPATH="$py_path" run_binding python_binding "$python" bench/bench_python_batch.py
    else
      echo "not built ($py_path/ssat)" > "$out/python_binding_$n.skip"
    fi
    if [ -e "$php_ext" ] && [ -e "$libssat" ]; then
      run_binding php_binding "$php" -n -d extension=ffi -d "extension=$php_ext" -d memory_limit=-1 bench/bench_php_batch.php
    else
      echo "not built ($php_ext)" > "$out/php_binding_$n.skip"
    fi
  fi
  for tool in python pandas php sqlite; do
    if [ "$n" -gt "$baseline_max" ]; then
      break
    fi
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

# CSV import of the long layout by the ssat tool (bench/bench_tool_import.py says what is timed).
if [ "$import_pupils" -gt 0 ]; then
  if [ -x "$ssat_tool" ]; then
    echo "== ssat tool: import of a $import_pupils-pupil long-layout register"
    mkdir -p "$data/import"
    $python examples/data/generate_sample.py --authority "$import_pupils" --out "$data/import" >/dev/null
    with_csv_bench=()
    if [ -x "$csv_bench" ]; then with_csv_bench=(--csv-bench "$csv_bench"); fi
    $python bench/bench_tool_import.py --ssat "$ssat_tool" --file "$data/import/authority_2024_long.csv" \
      --pupils "$import_pupils" "${with_csv_bench[@]}" > "$out/ssat_import_$import_pupils.json"
    cat "$out/ssat_import_$import_pupils.json"
    rm -rf "$data/import"
  else
    echo "not built ($ssat_tool)" > "$out/ssat_import_$import_pupils.skip"
  fi
fi

$python bench/report.py "$out" --json "$out/results.json" --markdown "$out/results.md"
echo "== figures: $out/results.json, tables: $out/results.md"
