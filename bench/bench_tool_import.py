#!/usr/bin/env python3
"""CSV import throughput of the `ssat` tool on a long-layout register (pupil_id,date,session,mark):

    python3 examples/data/generate_sample.py --authority 25000 --out DIR
    python3 bench/bench_tool_import.py --ssat build/perf/tools/ssat/ssat --file DIR/authority_2024_long.csv
        [--pupils 25000] [--repeat 3] [--csv-bench build/perf/bench/csv_bench]

Times each whole process (wall clock from start to exit, the file in the page cache: it is read once
before), best of --repeat runs (default 3), stdout and stderr to /dev/null:
  validate   ssat validate FILE --terms examples/data/terms_2024.csv --closures ...closures_2024.csv
             --no-progress: read and parse the CSV, build every pupil's register (dates, sessions, codes),
             then check each register against the calendar and print every problem (the file has 0
             errors and some 48,000 warnings, provisional "N" marks). The tool has no import-only mode:
             this is the closest, an upper bound on the import time, so its MB/s is a lower bound.
  evaluate   ssat evaluate FILE --terms ... --closures ... --format csv --no-progress: the same import,
             then the rules for every pupil with their reasons, and the CSV output.
MB/s is the file's size in 10^6 bytes over the best time. With --csv-bench, also bench/csv_bench's
in-process figures on the same file (the file in memory first: the tokenizer alone and the whole
long-layout import into registers, no process start, no calendar checks). Prints one JSON line.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, repeat):
    """Best and median wall time of cmd, and the largest peak RSS of its runs; exit status 0 required."""
    times, rss = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        with open(os.devnull, "wb") as null:
            p = subprocess.Popen(cmd, stdout=null, stderr=null)
            _, status, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - t)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            sys.exit(f"bench_tool_import: {' '.join(cmd)}: exit status {p.returncode}")
        rss = max(rss, usage.ru_maxrss)
    times.sort()
    return {"best_s": round(times[0], 6), "median_s": round(times[len(times) // 2], 6), "runs": repeat,
            "max_rss_kb": rss}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ssat", required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--pupils", type=int, default=25000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--csv-bench")
    args = ap.parse_args()
    rows = -1  # the header
    with open(args.file, "rb") as f:  # into the page cache, in chunks (a child's peak RSS starts at ours)
        for chunk in iter(lambda: f.read(1 << 20), b""):
            rows += chunk.count(b"\n")
    size = os.path.getsize(args.file)
    data = os.path.join(SOURCE, "examples", "data")
    calendar = ["--terms", os.path.join(data, "terms_2024.csv"), "--closures", os.path.join(data, "closures_2024.csv")]
    out = {"tool": "ssat_import", "pupils": args.pupils, "bytes": size, "rows": rows}
    for name, cmd in (("validate", [args.ssat, "validate", args.file, *calendar, "--no-progress"]),
                      ("evaluate", [args.ssat, "evaluate", args.file, *calendar, "--format", "csv", "--no-progress"])):
        r = run(cmd, args.repeat)
        r["mb_per_s"] = round(size / 1e6 / r["best_s"], 1)
        r["command"] = " ".join("DIR/" + os.path.basename(c) if c == args.file else os.path.relpath(c, SOURCE)
                                if os.path.isabs(c) else c for c in cmd)
        out[name] = r
    if args.csv_bench:
        text = subprocess.run([args.csv_bench, args.file, str(args.repeat)], check=True, capture_output=True,
                              text=True).stdout
        for key, label in (("tokenizer_mb_per_s", "libssat tokenizer"), ("import_mb_per_s", "libssat long import")):
            m = re.search(re.escape(label) + r".*?([\d.]+) MB/s", text)
            if m:
                out.setdefault("csv_bench", {})[key] = float(m.group(1))
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
