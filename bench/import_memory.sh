#!/bin/sh
# The importer's memory per pupil (issue 15, item 14): one million pupils with one mark each, a 25 MB
# long-layout file, read by `ssat validate` and `ssat evaluate`; prints each run's peak resident set
# size and wall time (GNU time). Measure a Release build:
#
#     bench/import_memory.sh build/release/tools/ssat/ssat [PUPILS]
#
# The file is written to a temporary directory and removed afterwards.
set -eu
ssat=${1:?usage: bench/import_memory.sh PATH/TO/ssat [PUPILS]}
pupils=${2:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file=$dir/one_mark.csv
python3 - "$file" "$pupils" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("pupil_id,date,session,mark\n")
    f.writelines("P%07d,2024-09-02,AM,/\n" % i for i in range(n))
PY
size=$(wc -c < "$file")
echo "pupils=$pupils file_bytes=$size"
for cmd in validate evaluate; do
    /usr/bin/time -f "$cmd: peak_rss_kb=%M wall_s=%e" "$ssat" $cmd "$file" --no-progress --format csv \
        > /dev/null 2> "$dir/err" || true
    tail -n 1 "$dir/err"
done
