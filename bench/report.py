#!/usr/bin/env python3
"""Assemble bench/run.sh's measurements into the tables of README.md ("Performance") and one JSON file.

    python3 bench/report.py RESULTS_DIR [--json OUT.json] [--markdown OUT.md]

RESULTS_DIR holds libssat_<N>.json (ssat_bench --json), <tool>_<N>.json (a baseline's JSON line) or
<tool>_<N>.skip (why it was not run), meta.json (machine and command). Each baseline's checksum is
compared with libssat's for the same pupils: "agree" or "DISAGREE".
"""
import argparse
import glob
import json
import os
import re

BASELINES = [("python", "plain Python (Counter)"), ("pandas", "pandas groupby"), ("php", "PHP count_chars"),
             ("sqlite", "SQLite GROUP BY")]
PENDING = [("python_binding", "libssat from Python"), ("php_binding", "libssat from PHP")]


def load(results):
    sizes = {}
    for path in glob.glob(os.path.join(results, "*_*.json")) + glob.glob(os.path.join(results, "*_*.skip")):
        m = re.match(r"(.+)_(\d+)\.(json|skip)$", os.path.basename(path))
        if not m:
            continue
        tool, n, kind = m.group(1), int(m.group(2)), m.group(3)
        with open(path, encoding="utf-8") as f:
            text = f.read().strip()
        entry = sizes.setdefault(n, {})
        if kind == "skip":
            entry[tool] = {"skipped": text}
            continue
        try:
            entry[tool] = json.loads(text.splitlines()[-1] if tool != "libssat" else text)
        except (json.JSONDecodeError, IndexError):
            entry[tool] = {"skipped": "failed: no result (see the run's log)"}
    meta = {}
    if os.path.exists(os.path.join(results, "meta.json")):
        with open(os.path.join(results, "meta.json"), encoding="utf-8") as f:
            meta = json.load(f)
    return dict(sorted(sizes.items())), meta


def fmt_time(s):
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.0f} µs"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    sizes, meta = load(args.results)
    lines = []
    summary = {"meta": meta, "sizes": {}, "targets": {}}
    lib_any = next((v["libssat"] for v in sizes.values() if "libssat" in v), {})
    threads = lib_any.get("threads", "N")

    runs = [v["libssat"]["runs"] for v in sizes.values() if "libssat" in v]
    lines.append(f"libssat batch evaluation against a plain pass over the same buffer ("
                 f"{lib_any.get('memory_pass', 'a byte sum')}), measured alternately in one process, best of "
                 f"{min(runs, default=0)} to {max(runs, default=0)} runs by size; kernel "
                 f"`{lib_any.get('kernel', '?')}`; {lib_any.get('cpu', '?')}, {threads} cores:")
    lines.append("")
    lines.append(f"| pupils | marks | memory pass, 1 thread | libssat, 1 thread | ns/pupil | of memory pass "
                 f"| memory pass, {threads} threads | libssat, {threads} threads | of memory pass "
                 f"| peak RSS / marks |")
    lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, entry in sizes.items():
        lib = entry.get("libssat")
        if lib is None:
            continue
        mem1, memn, b1, bn = lib["memory_pass_1"], lib["memory_pass_n"], lib["batch_1"], lib["batch_n"]
        ratio1, ration = mem1["best_s"] / b1["best_s"], memn["best_s"] / bn["best_s"]
        rss = (lib["rss_peak_kb"] - lib["rss_start_kb"]) * 1024 / lib["marks"]
        lines.append(f"| {n:,} | {lib['marks'] / 1e6:,.1f} MB | {mem1['gb_per_s']:.1f} GB/s "
                     f"| {fmt_time(b1['best_s'])}, {b1['gb_per_s']:.1f} GB/s | {b1['ns_per_pupil']:.1f} "
                     f"| {100 * ratio1:.0f} % | {memn['gb_per_s']:.1f} GB/s "
                     f"| {fmt_time(bn['best_s'])}, {bn['gb_per_s']:.1f} GB/s | {100 * ration:.0f} % | {rss:.2f} |")
        summary["sizes"][n] = {"libssat": lib, "fraction_of_memory_pass_1": ratio1,
                               "fraction_of_memory_pass_n": ration, "rss_over_marks": rss}
    lines.append("")
    lines.append("The same outputs computed the ways a user would otherwise write them (computation only: "
                 "reading the data and building tables or indexes is not counted); time, and how many "
                 "times slower than libssat on one thread. Every result is checked against libssat's "
                 "(a checksum of every field and flag of every pupil):")
    lines.append("")
    head = "| pupils | libssat, 1 thread | " + " | ".join(name for _, name in BASELINES + PENDING) + " | agree |"
    lines.append(head)
    lines.append("|---:|---:|" + "---:|" * (len(BASELINES) + len(PENDING)) + "---|")
    for n, entry in sizes.items():
        lib = entry.get("libssat")
        if lib is None or not any(t in entry for t, _ in BASELINES):
            continue
        t_lib = lib["batch_1"]["best_s"]
        cells, agree = [], []
        for tool, _ in BASELINES:
            r = entry.get(tool)
            if r is None or "skipped" in r:
                cells.append(f"not run{': ' + r['skipped'] if r else ''}")
                continue
            ok = r["checksum"] == lib["checksum"]
            agree.append(f"{tool} {'agree' if ok else 'DISAGREE'}")
            cells.append(f"{fmt_time(r['compute_s'])} (×{r['compute_s'] / t_lib:,.0f})")
            summary["sizes"][n][tool] = dict(r, agree=ok, times_libssat=r["compute_s"] / t_lib)
        cells += ["pending" for _ in PENDING]
        lines.append(f"| {n:,} | {fmt_time(t_lib)} | " + " | ".join(cells) + " | " + ", ".join(agree) + " |")
    lines.append("")
    lines.append("CSV import of the long format by the `ssat` tool: pending (the tool comes from another "
                 "branch). Python and PHP through the batch binding: pending (the bindings come from "
                 "another branch).")
    # Targets of issue 9.
    big = sizes.get(470000, {})
    t = summary["targets"]
    if "libssat" in big:
        t1 = big["libssat"]["batch_1"]["best_s"]
        for tool, need in (("pandas", 100), ("php", 20)):
            r = big.get(tool)
            if r and "compute_s" in r:
                t[f"{tool}_speedup_470000"] = {"value": r["compute_s"] / t1, "target": need,
                                               "met": r["compute_s"] / t1 >= need}
    t["fraction_of_memory_pass_1"] = {str(n): v["fraction_of_memory_pass_1"] for n, v in summary["sizes"].items()}
    t["rss_over_marks"] = {str(n): v["rss_over_marks"] for n, v in summary["sizes"].items()}
    t["bindings_within_1_5x_of_c"] = "pending"
    t["csv_import_mb_per_s"] = "pending"
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=2, sort_keys=True, default=str)
            f.write("\n")


if __name__ == "__main__":
    main()
