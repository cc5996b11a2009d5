#!/usr/bin/env python3
"""The sample school as a Common Transfer File gives the same results as its CSV files (ctest).

  compare_ctf.py TOOL DATA_DIR WORK_DIR

Writes the CTF with examples/data/generate_ctf.py (from the wide register and the pupils file), then
runs `ssat evaluate` (every pupil, JSON), `ssat validate` and `ssat certificate` (JSON, pupil P00001)
on the CSV files and on the CTF, and compares them with each pupil id mapped to its UPN. Only the year
group differs (a CTF's attendance part does not carry it)."""
import csv
import json
import os
import re
import subprocess
import sys


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {p.returncode}:\n{p.stderr}")
    return p.stdout


def main():
    tool, data, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    ctf = os.path.join(work, "sample_school_2024.xml")
    mapping = os.path.join(work, "sample_upn.csv")
    run([sys.executable, os.path.join(data, "generate_ctf.py"), os.path.join(data, "sample_school_2024.csv"),
         os.path.join(data, "pupils_2024.csv"), ctf, "--map", mapping])
    with open(mapping, newline="", encoding="utf-8") as f:
        upn = {r["pupil_id"]: r["upn"] for r in csv.DictReader(f)}
    cal = ["--terms", os.path.join(data, "terms_2024.csv"), "--closures", os.path.join(data, "closures_2024.csv")]
    csv_in = [os.path.join(data, "sample_school_2024.csv"), "--pupils", os.path.join(data, "pupils_2024.csv")]

    a = json.loads(run([tool, "evaluate", *csv_in, *cal, "--all", "--format", "json", "--no-progress"]))
    b = json.loads(run([tool, "evaluate", ctf, *cal, "--all", "--format", "json", "--no-progress"]))
    assert b["code_set"] == "wales-2010", b["code_set"]
    by_upn = {p["pupil_id"]: p for p in b.pop("pupils")}
    pupils = a.pop("pupils")
    assert a == b, (a, b)
    assert len(pupils) == len(by_upn) == 1000, (len(pupils), len(by_upn))
    for p in pupils:
        q = dict(by_upn[upn[p["pupil_id"]]])
        q["pupil_id"], q["year_group"] = p["pupil_id"], p["year_group"]
        assert p == q, (p, q)

    # validate: the same count of problems of the registers
    summary = re.compile(r": (\d+) errors?, (\d+) warnings? \((\d+) pupils\)")
    va = summary.search(run([tool, "validate", *csv_in, *cal, "--no-progress"])).groups()
    vb = summary.search(run([tool, "validate", ctf, *cal, "--no-progress"])).groups()
    assert va == vb, (va, vb)

    # a certificate from each: the same marks and totals
    ca = json.loads(run([tool, "certificate", *csv_in, *cal, "--pupil", "P00001", "--format", "json",
                         "--issue-date", "2025-07-18", "--no-progress"]))
    cb = json.loads(run([tool, "certificate", ctf, *cal, "--pupil", upn["P00001"], "--format", "json",
                         "--issue-date", "2025-07-18", "--no-progress"]))
    text_a = json.dumps(ca, sort_keys=True).replace("P00001", upn["P00001"])
    text_b = json.dumps(cb, sort_keys=True)
    text_a = re.sub(r'"year_group": "[^"]*"', "", text_a)
    text_b = re.sub(r'"year_group": "[^"]*"', "", text_b)
    if text_a != text_b:
        sys.exit(f"certificates differ:\n{text_a[:2000]}\n{text_b[:2000]}")
    print(f"CTF and CSV agree: {len(pupils)} pupils, validate {va}, certificate of P00001 = {upn['P00001']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
