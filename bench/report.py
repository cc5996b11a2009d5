#!/usr/bin/env python3
"""Assemble bench/run.sh's measurements into the tables of docs/performance.md and one JSON file.

    python3 bench/report.py RESULTS_DIR... [--json OUT.json] [--markdown OUT.md] [--keep DIR]

RESULTS_DIR holds libssat_<N>.json (ssat_bench --json), <tool>_<N>.json (a baseline's or a binding's
JSON line: bench/baseline_*, bench_python_batch.py, bench_php_batch.php), ssat_import_<N>.json
(bench_tool_import.py) or <tool>_<N>.skip (why it was not run), meta.json (machine and command). Each
checksum is compared with libssat's for the same pupils: "agree" or "DISAGREE".

With several RESULTS_DIRs (whole runs of bench/run.sh, on a machine others share), each measurement is the
best of all: ssat_bench's by its one-thread time, a baseline's or binding's each time (*_s) the least
over the runs (their checksums must be the same in every run), the import's each command's best. --keep
DIR writes the measurements so chosen, with the first run's meta.json, as one RESULTS_DIR.
"""
import argparse
import glob
import json
import os
import re

BASELINES = [("python", "plain Python (Counter)"), ("pandas", "pandas groupby"), ("php", "PHP count_chars"),
             ("sqlite", "SQLite GROUP BY")]
BINDINGS = [("python_binding", "libssat from Python"), ("php_binding", "libssat from PHP")]
# The batch bindings' target (issue 9): the call within 1.5 times of C on one thread.
BINDING_TARGET = 1.5
IMPORT_TARGET = 200  # MB/s, the ssat tool's CSV import


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


def merge(runs):
    """The best of each measurement over several load() results."""
    sizes, meta = {}, dict(runs[0][1])
    meta["runs"] = [d for _, m in runs for d in m.get("runs", [m.get("date")])]
    for n in sorted({n for r, _ in runs for n in r}):
        for tool in sorted({t for r, _ in runs for t in r.get(n, {})}):
            got = [r[n][tool] for r, _ in runs if tool in r.get(n, {}) and "skipped" not in r[n][tool]]
            if not got:
                sizes.setdefault(n, {})[tool] = next(r[n][tool] for r, _ in runs if tool in r.get(n, {}))
                continue
            if tool == "libssat":
                best = dict(min(got, key=lambda e: e["batch_1"]["best_s"]))
            elif tool == "ssat_import":
                best = dict(got[0])
                for k in ("validate", "evaluate"):
                    best[k] = min((e[k] for e in got), key=lambda c: c["best_s"])
                best["csv_bench"] = {k: max(e.get("csv_bench", {}).get(k, 0) for e in got)
                                     for k in got[0].get("csv_bench", {})}
            else:
                best = dict(min(got, key=lambda e: e["compute_s"]))
                for k, v in list(best.items()):
                    if k.endswith("_s") and k != "load_s" and isinstance(v, (int, float)):
                        best[k] = min(e[k] for e in got if k in e)
                    elif k.endswith("runs") and isinstance(v, int):
                        best[k] = sum(e.get(k, 0) for e in got)
                    elif k.endswith("checksum") and any(e.get(k) != v for e in got):
                        best[k] = None  # the runs disagree: reported as DISAGREE
            sizes.setdefault(n, {})[tool] = best
    return sizes, meta


def keep(sizes, meta, out):
    """Write merged measurements as a RESULTS_DIR."""
    os.makedirs(out, exist_ok=True)
    for path in glob.glob(os.path.join(out, "*_*.json")) + glob.glob(os.path.join(out, "*_*.skip")):
        os.remove(path)
    for n, entry in sizes.items():
        for tool, r in entry.items():
            if "skipped" in r:
                with open(os.path.join(out, f"{tool}_{n}.skip"), "w", encoding="utf-8") as f:
                    f.write(r["skipped"] + "\n")
                continue
            with open(os.path.join(out, f"{tool}_{n}.json"), "w", encoding="utf-8") as f:
                json.dump(r, f, indent=2 if tool == "libssat" else None)
                f.write("\n")
    with open(os.path.join(out, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")


def fmt_time(s):
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    if s >= 1e-5:
        return f"{s * 1e6:.0f} µs"
    if s >= 1e-6:
        return f"{s * 1e6:.1f} µs"
    return f"{s * 1e9:.0f} ns"


def ratio(t, t_c):
    return f"×{t / t_c:,.1f}" if t / t_c < 100 else f"×{t / t_c:,.0f}"


def binding_lines(sizes, summary):
    """The bindings against C: each way of calling libssat from Python and PHP, per size."""
    rows = [(n, e) for n, e in sizes.items() if "libssat" in e and any("compute_s" in e.get(t, {}) for t, _ in BINDINGS)]
    if not rows:
        return []
    runs = [e[t]["runs"] for _, e in rows for t, _ in BINDINGS if "runs" in e.get(t, {})]
    lines = ["", f"libssat from Python and PHP through the batch binding, on the same marks buffer and offsets as "
                 f"C (a bytes object or PHP string read in place, offsets as array('Q') or a PHP array of "
                 f"ints), on one thread (`threads` 1); only the evaluate call is timed, best of {min(runs)} to {max(runs)} "
                 f"runs by size; time and ratio to C on one thread (target: at most ×{BINDING_TARGET}). "
                 f"`ssat.Batch.evaluate` returns a list of `ssat.BatchResult`, the SWIG layer under it a list "
                 f"of dicts, `\\Ssat\\Batch::evaluate` an array of arrays: one object per pupil. For comparison, "
                 f"`ssat_batch_evaluate` called through ctypes and PHP's FFI on the same buffers, into one "
                 f"buffer of results (8 × 32 bits a pupil, allocated once, as C's is):", "",
             "| pupils | C, 1 thread | Python `ssat.Batch.evaluate` | Python, SWIG layer (dicts) "
             "| Python ctypes, one buffer | PHP `\\Ssat\\Batch::evaluate` | PHP FFI, one buffer "
             "| one-pupil call: Python / PHP | agree |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for n, e in rows:
        t_c = e["libssat"]["batch_1"]["best_s"]
        py, ph = e.get("python_binding", {}), e.get("php_binding", {})
        cells, agree = [], []

        def cell(r, key):
            return f"{fmt_time(r[key])} ({ratio(r[key], t_c)})" if key in r else "not run"
        cells = [cell(py, "compute_s"), cell(py, "native_s"), cell(py, "ctypes_s"), cell(ph, "compute_s"),
                 cell(ph, "ffi_s"),
                 " / ".join(fmt_time(r["per_call_s"]) if "per_call_s" in r else "–" for r in (py, ph))]
        for name, r, key in (("Python", py, "checksum"), ("ctypes", py, "ctypes_checksum"), ("PHP", ph, "checksum"),
                             ("FFI", ph, "ffi_checksum")):
            if key in r:
                agree.append(f"{name} {'agree' if r[key] == e['libssat']['checksum'] else 'DISAGREE'}")
        lines.append(f"| {n:,} | {fmt_time(t_c)} | " + " | ".join(cells) + " | " + ", ".join(agree) + " |")
        s = summary["sizes"].setdefault(n, {})
        for tool, r in (("python_binding", py), ("php_binding", ph)):
            if "compute_s" in r:
                s[tool] = dict(r, agree=r["checksum"] == e["libssat"]["checksum"], times_c=r["compute_s"] / t_c,
                               extra_ns_per_pupil=(r["compute_s"] - t_c) * 1e9 / n)
    return lines


def columns_lines(sizes, summary):
    """The columnar calls (issue 17) against C and against ctypes/FFI into one buffer: the target is
    ×BINDING_TARGET of C."""
    rows = [(n, e) for n, e in sizes.items() if "libssat" in e and
            any("columns_s" in e.get(t, {}) for t, _ in BINDINGS)]
    if not rows:
        return []
    lines = ["", "The same evaluation into columns (one buffer per field of `ssat_batch_result`, no object per "
                 "pupil): Python `ssat.Batch.evaluate_columns` (eight bytearrays, read as memoryview, NumPy or "
                 "pandas without a copy; `.to_pandas()` added in its own column), PHP "
                 "`\\Ssat\\Batch::evaluateColumns` (eight packed strings; the other design measured, those unpacked "
                 f"into arrays of ints by `\\Ssat\\Batch::columnArray`, in its own column); target at most "
                 f"×{BINDING_TARGET} of C on one thread:", "",
             "| pupils | C, 1 thread | Python columns | Python columns + `.to_pandas()` | Python ctypes "
             "| PHP columns (strings) | PHP columns as int arrays | PHP FFI | agree |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for n, e in rows:
        t_c = e["libssat"]["batch_1"]["best_s"]
        py, ph = e.get("python_binding", {}), e.get("php_binding", {})

        def cell(r, key):
            return f"{fmt_time(r[key])} ({ratio(r[key], t_c)})" if key in r else "not run"
        agree = [f"{name} {'agree' if r[key] == e['libssat']['checksum'] else 'DISAGREE'}"
                 for name, r, key in (("Python", py, "columns_checksum"), ("PHP", ph, "columns_checksum"))
                 if key in r]
        lines.append(f"| {n:,} | {fmt_time(t_c)} | " +
                     " | ".join(cell(r, k) for r, k in ((py, "columns_s"), (py, "columns_pandas_s"),
                                                        (py, "ctypes_s"), (ph, "columns_s"),
                                                        (ph, "columns_arrays_s"), (ph, "ffi_s"))) +
                     " | " + ", ".join(agree) + " |")
        s = summary["sizes"].setdefault(n, {})
        for tool, r in (("python_columns", py), ("php_columns", ph)):
            if "columns_s" in r:
                s[tool] = {"columns_s": r["columns_s"], "times_c": r["columns_s"] / t_c,
                           "agree": r["columns_checksum"] == e["libssat"]["checksum"]}
    return lines


def figure_100000(sizes):
    """Issue 7's closing figure: 100,000 pupils from Python and PHP beside C."""
    e = sizes.get(100000, {})
    lib, py, ph = e.get("libssat"), e.get("python_binding", {}), e.get("php_binding", {})
    if lib is None or "compute_s" not in py or "compute_s" not in ph:
        return []
    t_c = lib["batch_1"]["best_s"]
    return ["", "Batch evaluation of 100,000 pupils (a whole year, 380 sessions each, one call, one thread): "
                f"C `ssat_batch_evaluate` {fmt_time(t_c)}; Python `ssat.Batch.evaluate` {fmt_time(py['compute_s'])} "
                f"({ratio(py['compute_s'], t_c)}); PHP `\\Ssat\\Batch::evaluate` {fmt_time(ph['compute_s'])} "
                f"({ratio(ph['compute_s'], t_c)}); through ctypes {fmt_time(py['ctypes_s'])}, PHP's FFI "
                f"{fmt_time(ph['ffi_s'])}." if "ctypes_s" in py and "ffi_s" in ph else
                "Batch evaluation of 100,000 pupils (a whole year, 380 sessions each, one call, one thread): "
                f"C {fmt_time(t_c)}; Python {fmt_time(py['compute_s'])}; PHP {fmt_time(ph['compute_s'])}."]


def import_lines(sizes, summary):
    found = [(n, e["ssat_import"]) for n, e in sizes.items() if "bytes" in e.get("ssat_import", {})]
    if not found:
        return ["", "CSV import by the `ssat` tool: not run."]
    lines = ["", "CSV import of the long layout (`pupil_id,date,session,mark`, one row per mark) by the `ssat` "
                 "tool, on `examples/data/generate_sample.py --authority N`'s file: each whole process timed, "
                 "from start to exit, the file in the page cache, output to /dev/null, best of 3; MB/s is the "
                 "file's size over that time. The tool has no import-only mode: `ssat validate` (read, parse, "
                 "build every register, check each against the calendar, print its 48,000 warnings) is the "
                 "closest, so its figure is a lower bound on the import's; `ssat evaluate` adds the rules with "
                 "their reasons and the CSV output. `csv_bench` reads the same file from memory in one "
                 "process (no start-up, no calendar checks):", "",
             "| pupils | file | rows | `ssat validate` | `ssat evaluate --format csv` | peak RSS "
             "| csv_bench: tokenizer / whole import |",
             "|---:|---:|---:|---:|---:|---:|---|"]
    for n, r in found:
        v, ev, cb = r["validate"], r["evaluate"], r.get("csv_bench", {})
        lines.append(f"| {n:,} | {r['bytes'] / 1e6:,.1f} MB | {r['rows']:,} | {fmt_time(v['best_s'])}, "
                     f"{v['mb_per_s']:.0f} MB/s | {fmt_time(ev['best_s'])}, {ev['mb_per_s']:.0f} MB/s "
                     f"| {max(v['max_rss_kb'], ev['max_rss_kb']) / 1024:.0f} MB "
                     f"| {cb.get('tokenizer_mb_per_s', 0):.0f} / {cb.get('import_mb_per_s', 0):.0f} MB/s |")
        summary["sizes"].setdefault(n, {})["ssat_import"] = r
    lines += ["", "Commands: `" + found[0][1]["validate"]["command"] + "` and `" +
              found[0][1]["evaluate"]["command"] + "`."]
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results", nargs="+")
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    ap.add_argument("--keep")
    args = ap.parse_args()
    sizes, meta = merge([load(r) for r in args.results])
    if len(args.results) > 1:
        meta["report"] = "bench/report.py " + " ".join(args.results) + (f" --keep {args.keep}" if args.keep else "")
    if args.keep:
        keep(sizes, meta, args.keep)
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
    head = "| pupils | libssat, 1 thread | " + " | ".join(name for _, name in BASELINES + BINDINGS) + " | agree |"
    lines.append(head)
    lines.append("|---:|---:|" + "---:|" * (len(BASELINES) + len(BINDINGS)) + "---|")
    for n, entry in sizes.items():
        lib = entry.get("libssat")
        if lib is None or not any(t in entry for t, _ in BASELINES + BINDINGS):
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
        for tool, _ in BINDINGS:
            r = entry.get(tool)
            if r is None or "skipped" in r:
                cells.append(f"not run{': ' + r['skipped'] if r else ''}")
                continue
            agree.append(f"{tool.replace('_binding', ' binding')} "
                         f"{'agree' if r['checksum'] == lib['checksum'] else 'DISAGREE'}")
            cells.append(f"{fmt_time(r['compute_s'])} ({ratio(r['compute_s'], t_lib)})")
        lines.append(f"| {n:,} | {fmt_time(t_lib)} | " + " | ".join(cells) + " | " + ", ".join(agree) + " |")
    lines += binding_lines(sizes, summary)
    lines += columns_lines(sizes, summary)
    lines += figure_100000(sizes)
    lines += import_lines(sizes, summary)
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
    t["fraction_of_memory_pass_1"] = {str(n): v["fraction_of_memory_pass_1"] for n, v in summary["sizes"].items()
                                      if "fraction_of_memory_pass_1" in v}
    t["rss_over_marks"] = {str(n): v["rss_over_marks"] for n, v in summary["sizes"].items() if "rss_over_marks" in v}
    t["bindings_within_1_5x_of_c"] = {
        str(n): {tool: {"value": v[tool]["times_c"], "target": BINDING_TARGET, "met": v[tool]["times_c"] <= BINDING_TARGET}
                 for tool, _ in BINDINGS if tool in v}
        for n, v in summary["sizes"].items() if any(tool in v for tool, _ in BINDINGS)}
    t["csv_import_mb_per_s"] = {
        str(n): {"value": v["ssat_import"]["validate"]["mb_per_s"], "target": IMPORT_TARGET,
                 "met": v["ssat_import"]["validate"]["mb_per_s"] >= IMPORT_TARGET, "timed": "ssat validate"}
        for n, v in summary["sizes"].items() if "ssat_import" in v}
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
