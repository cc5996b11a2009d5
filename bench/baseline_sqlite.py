#!/usr/bin/env python3
"""Baseline: SQL, what a reporting database would do: the register as a long-format table
marks(pupil, session, mark) in SQLite (Python's built-in sqlite3) with an index on (pupil, mark,
session), one GROUP BY counting marks per pupil and code (with the penalty limb window's share as a
conditional sum), then the rules in Python with exact integers over the grouped rows.

    python3 bench/baseline_sqlite.py --data DIR --pupils N

Loading the table and building the index are reported as load_s (and index_s); compute_s is the
query and the rules. The database is in memory. Prints one JSON line.
"""
import sqlite3
import time

import common


def rows(path, pupils):
    with open(path, encoding="ascii") as f:
        for pupil, line in enumerate(f):
            if pupil >= pupils:
                break
            for session, mark in enumerate(line.rstrip("\n")):
                yield pupil, session, mark


def main():
    args, p = common.baseline_args()
    n = args.pupils
    db = sqlite3.connect(":memory:")
    t0 = time.perf_counter()
    db.execute("CREATE TABLE marks (pupil INTEGER NOT NULL, session INTEGER NOT NULL, mark TEXT NOT NULL)")
    db.executemany("INSERT INTO marks VALUES (?, ?, ?)", rows(common.marks_path(args.data, n), n))
    db.commit()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    db.execute("CREATE INDEX marks_pupil_mark ON marks (pupil, mark, session)")
    index_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    windows = p["windows"]
    y0, y1 = windows["year_to_date"]
    if any(windows[w] != windows["year_to_date"] for w in ("referral", "absence")):
        raise SystemExit("baseline_sqlite: only year-to-date referral and absence windows are implemented")
    l0, l1 = windows["limb"]
    cls = p["classes"]
    class_of = {}
    for name in ("attended", "authorised", "unauth_other", "unauth_holiday", "unauth_late", "missing"):
        for ch in cls[name]:
            class_of[ch] = name
    valid = set("".join(cls.values()))
    per_pupil = [None] * n
    query = ("SELECT pupil, mark, SUM(session >= ? AND session < ?) AS in_ytd, "
             "SUM(session >= ? AND session < ?) AS in_limb, COUNT(*) AS in_run "
             "FROM marks GROUP BY pupil, mark ORDER BY pupil")
    for pupil, mark, in_ytd, in_limb, _ in db.execute(query, (y0, y1, l0, l1)):
        c = per_pupil[pupil]
        if c is None:
            c = per_pupil[pupil] = {"ytd": dict.fromkeys(class_of.values(), 0),
                                    "limb": dict.fromkeys(class_of.values(), 0), "invalid": False}
        if mark not in valid:
            c["invalid"] = True
        elif mark in class_of:
            c["ytd"][class_of[mark]] += in_ytd
            c["limb"][class_of[mark]] += in_limb
    empty = {"ytd": dict.fromkeys(class_of.values(), 0), "limb": dict.fromkeys(class_of.values(), 0),
             "invalid": False}
    checksum = common.Checksum()
    share_rule = {"num": p["r2"]["min_share_num"], "den": p["r2"]["min_share_den"], "cmp": ">="}
    for c in per_pupil:
        c = c or empty
        if c["invalid"]:
            checksum.add(0, 0, 0, 0, 0, 0, -1, common.INVALID)
            continue
        y, l = c["ytd"], c["limb"]
        unauth = y["unauth_other"] + y["unauth_holiday"] + y["unauth_late"]
        possible = y["attended"] + y["authorised"] + unauth
        absent = y["authorised"] + unauth
        l_unauth = l["unauth_other"] + l["unauth_holiday"] + l["unauth_late"]
        flags = common.EVALUABLE if possible else 0
        if common.holds(y["attended"], possible, p["r1"]):
            flags |= common.R1
        share = p["r2"]["min_share_num"] == 0 or common.holds(unauth, absent, share_rule)
        if possible and unauth >= p["r2"]["min_sessions"] and share:
            flags |= common.R2
        if common.holds(absent, possible, p["persistent"]):
            flags |= common.PERSISTENT
        if p["severe"]["enabled"] and common.holds(absent, possible, p["severe"]):
            flags |= common.SEVERE
        limb_counts = (l["unauth_other"], l["unauth_holiday"], l["unauth_late"], l_unauth)
        if any(need > 0 and count >= need for need, count in zip(p["limbs"], limb_counts)):
            flags |= common.LIMB
        if not p["year_to_date"]["required"] or common.holds(y["attended"], possible, p["year_to_date"]):
            flags |= common.YTD
        checksum.add(possible, y["attended"], y["authorised"], unauth, y["missing"], l_unauth,
                     common.tenths(y["attended"], possible), flags)
    compute_s = time.perf_counter() - t0
    common.report("sqlite", n, load_s, compute_s, checksum.sum,
                  {"index_s": round(index_s, 6), "sqlite": sqlite3.sqlite_version})


if __name__ == "__main__":
    main()
