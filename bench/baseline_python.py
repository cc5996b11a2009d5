#!/usr/bin/env python3
"""Baseline: plain Python, what a user would write without libssat: per pupil, collections.Counter over
the marks of each window, then the rules with exact integers. Reads the wide file ssat_bench wrote
(one pupil per line, one character per session of the shared calendar).

    python3 bench/baseline_python.py --data DIR --pupils N

Times the computation only (the file is read first and reported as load_s); prints one JSON line.
"""
import time
from collections import Counter

import common


def main():
    args, p = common.baseline_args()
    t0 = time.perf_counter()
    with open(common.marks_path(args.data, args.pupils), encoding="ascii") as f:
        registers = f.read().split("\n")[: args.pupils]
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    cls = p["classes"]
    attended, authorised = set(cls["attended"]), set(cls["authorised"])
    other, holiday, late = set(cls["unauth_other"]), set(cls["unauth_holiday"]), set(cls["unauth_late"])
    missing = set(cls["missing"])
    valid = set("".join(cls.values()))
    (y0, y1), (r0, r1), (a0, a1), (l0, l1) = (p["windows"][w] for w in ("year_to_date", "referral", "absence", "limb"))
    limbs = [n if n > 0 else None for n in p["limbs"]]

    def window(counter_of_marks):
        c = counter_of_marks
        att = sum(c[m] for m in attended)
        auth = sum(c[m] for m in authorised)
        oth, hol, lat = sum(c[m] for m in other), sum(c[m] for m in holiday), sum(c[m] for m in late)
        return att, auth, oth, hol, lat, sum(c[m] for m in missing)

    checksum = common.Checksum()
    for marks in registers:
        if not set(marks) <= valid:
            checksum.add(0, 0, 0, 0, 0, 0, -1, common.INVALID)
            continue
        ytd = Counter(marks[y0:y1])
        att, auth, oth, hol, lat, miss = window(ytd)
        unauth = oth + hol + lat
        possible = att + auth + unauth
        r = window(Counter(marks[r0:r1])) if (r0, r1) != (y0, y1) else (att, auth, oth, hol, lat, miss)
        a = window(Counter(marks[a0:a1])) if (a0, a1) != (y0, y1) else (att, auth, oth, hol, lat, miss)
        l = window(Counter(marks[l0:l1])) if (l0, l1) != (y0, y1) else (att, auth, oth, hol, lat, miss)
        r_unauth, a_absent, l_unauth = r[2] + r[3] + r[4], a[1] + a[2] + a[3] + a[4], l[2] + l[3] + l[4]
        r_absent = r[1] + r_unauth
        r_possible, a_possible = r[0] + r_absent, a[0] + a_absent
        flags = common.EVALUABLE if possible else 0
        if common.holds(r[0], r_possible, p["r1"]):
            flags |= common.R1
        share = p["r2"]["min_share_num"] == 0 or common.holds(
            r_unauth, r_absent, {"num": p["r2"]["min_share_num"], "den": p["r2"]["min_share_den"], "cmp": ">="})
        if r_possible and r_unauth >= p["r2"]["min_sessions"] and share:
            flags |= common.R2
        if common.holds(a_absent, a_possible, p["persistent"]):
            flags |= common.PERSISTENT
        if p["severe"]["enabled"] and common.holds(a_absent, a_possible, p["severe"]):
            flags |= common.SEVERE
        if any(n is not None and count >= n for n, count in zip(limbs, (l[2], l[3], l[4], l_unauth))):
            flags |= common.LIMB
        if not p["year_to_date"]["required"] or common.holds(att, possible, p["year_to_date"]):
            flags |= common.YTD
        checksum.add(possible, att, auth, unauth, miss, l_unauth, common.tenths(att, possible), flags)
    compute_s = time.perf_counter() - t0
    common.report("python", args.pupils, load_s, compute_s, checksum.sum)


if __name__ == "__main__":
    main()
