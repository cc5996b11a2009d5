#!/usr/bin/env bash
# Instruction counts of the columnar calls against C (docs/performance.md, "Columnar results from Python and
# PHP"): one evaluate_columns call on N pupils of 380 random marks, from Python and from PHP, under
# callgrind; prints the binding's wrapper (inclusive) against ssat_batch_evaluate (inclusive). Instructions
# do not depend on the machine's load, unlike bench/run.sh's times.
#
#   bench/columns_instructions.sh [--build DIR] [N...]     (default build/bench; N default 1000 100000 470000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/bench
if [ "${1:-}" = "--build" ]; then build=$2; shift 2; fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 100000 470000)
python=/usr/bin/python3
[ -x "$python" ] || python=python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ssat-columns.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/run.py" <<'PY'
import array, os, sys
sys.path.insert(0, "bench")
import bench_python_batch as b
import ssat
n = int(sys.argv[1])
table = bytes((b"/\\" * 40 + b"OILMNGUC-")[i % 89] for i in range(256))
marks = os.urandom(380 * n).translate(table)
offsets = array.array("Q", range(0, 380 * n + 1, 380))
b.school(ssat).evaluate_columns(marks, offsets, threads=1)
PY
cat > "$tmp/run.php" <<'PHP'
<?php
$n = (int)$argv[1];
$batch = new SsatBatch(SsatCodeSet::builtin('wales-2010'), SsatPolicy::builtin('carmarthenshire'),
                       new SsatCalendar(2024), '2025-07-18');
$s = 380;
$alpha = str_repeat('/\\', 40) . 'OILMNGUC-';
$from = $to = '';
for ($i = 0; $i < 256; $i++) { $from .= chr($i); $to .= $alpha[$i % strlen($alpha)]; }
$batch->evaluate_columns(strtr(random_bytes($s * $n), $from, $to), range(0, $s * $n, $s), 1);
PHP
count() { # callgrind file, function name: its inclusive instructions
  callgrind_annotate --inclusive=yes --threshold=100 "$1" |
    awk -v f="$2" '!found && $0 ~ ("\\?\\?\\?:" f " ") {gsub(",", "", $1); print $1; found = 1}'
}
printf '%-10s %-30s %-30s\n' pupils "Python wrapper / C" "PHP wrapper / C"
for n in "${sizes[@]}"; do
  PYTHONPATH="$build/bindings/python" valgrind -q --tool=callgrind --callgrind-out-file="$tmp/py.$n" \
    "$python" "$tmp/run.py" "$n"
  valgrind -q --tool=callgrind --callgrind-out-file="$tmp/php.$n" php -n -d memory_limit=-1 \
    -d "extension=$build/bindings/php/ext/ssat.so" "$tmp/run.php" "$n"
  py_w=$(count "$tmp/py.$n" _wrap_SsatBatch_evaluate_columns); py_c=$(count "$tmp/py.$n" ssat_batch_evaluate)
  php_w=$(count "$tmp/php.$n" zim_SsatBatch_evaluate_columns); php_c=$(count "$tmp/php.$n" ssat_batch_evaluate)
  printf '%-10s %-30s %-30s\n' "$n" "$py_w / $py_c = x$("$python" -c "print(round($py_w / $py_c, 3))")" \
    "$php_w / $php_c = x$("$python" -c "print(round($php_w / $php_c, 3))")"
done
