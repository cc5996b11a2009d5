#!/usr/bin/env python3
"""Baseline: pandas (Debian's python3-pandas), what a data analyst would write: the register as a
long-format table (one row per pupil and session: pupil, session, mark), a groupby counting marks per
pupil and code over each window, then the rules as vectorised integer arithmetic.

    python3 bench/baseline_pandas.py --data DIR --pupils N

The long table is built from ssat_bench's wide file first (load_s, not timed as computation; the mark
column is categorical, pandas' efficient choice); compute_s is the groupbys and the rules. Prints one
JSON line.
"""
import time

import numpy as np
import pandas as pd

import common


def long_table(path, pupils):
    """The long format: pupil (int32), session (int16), mark (categorical of one-character codes)."""
    raw = np.fromfile(path, dtype=np.uint8)
    newline = np.flatnonzero(raw == ord("\n"))[:pupils]
    starts = np.concatenate(([0], newline[:-1] + 1))
    lengths = newline - starts
    keep = np.ones(raw.size, dtype=bool)
    keep[newline] = False
    keep[newline[-1] + 1:] = False
    marks = raw[keep]
    pupil = np.repeat(np.arange(pupils, dtype=np.int32), lengths)
    first = np.repeat((np.cumsum(lengths) - lengths).astype(np.int32), lengths)
    session = (np.arange(marks.size, dtype=np.int32) - first).astype(np.int16)
    del first
    categories, codes = np.unique(marks, return_inverse=True)
    mark = pd.Categorical.from_codes(codes.astype(np.int8), categories=[chr(c) for c in categories])
    return pd.DataFrame({"pupil": pupil, "session": session, "mark": mark})


def counts(df, lo, hi, pupils, classes, sessions):
    """Marks per pupil and class in sessions [lo, hi): a groupby over pupil and mark."""
    window = df if lo == 0 and hi >= sessions else df[(df["session"] >= lo) & (df["session"] < hi)]
    per_code = window.groupby(["pupil", "mark"], observed=True).size().unstack(fill_value=0)
    per_code = per_code.reindex(index=range(pupils), fill_value=0)
    out = {}
    for name, chars in classes.items():
        cols = [c for c in chars if c in per_code.columns]
        out[name] = per_code[cols].sum(axis=1).to_numpy(np.int64) if cols else np.zeros(pupils, np.int64)
    return out


def holds(part, whole, rule):
    lhs, rhs = part * 100 * rule["den"], rule["num"] * whole
    op = {"<": np.less, "<=": np.less_equal, ">=": np.greater_equal, ">": np.greater}[rule["cmp"]]
    return op(lhs, rhs) & (whole > 0)


def main():
    args, p = common.baseline_args()
    n = args.pupils
    t0 = time.perf_counter()
    df = long_table(common.marks_path(args.data, n), n)
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    classes = {k: p["classes"][k] for k in ("attended", "authorised", "unauth_other", "unauth_holiday",
                                             "unauth_late", "missing")}
    valid = set("".join(p["classes"].values()))
    # A pupil with a mark that is no code is invalid (the generated data has none).
    bad_codes = [c for c in df["mark"].cat.categories if c not in valid]
    invalid = np.zeros(n, dtype=bool)
    if bad_codes:
        invalid[df.loc[df["mark"].isin(bad_codes), "pupil"].unique()] = True
    windows = p["windows"]
    cache = {}

    def window(name):
        lo, hi = windows[name]
        if (lo, hi) not in cache:
            cache[(lo, hi)] = counts(df, lo, hi, n, classes, p["sessions"])
        return cache[(lo, hi)]

    y, r, a, l = window("year_to_date"), window("referral"), window("absence"), window("limb")
    unauth = y["unauth_other"] + y["unauth_holiday"] + y["unauth_late"]
    possible = y["attended"] + y["authorised"] + unauth
    r_unauth = r["unauth_other"] + r["unauth_holiday"] + r["unauth_late"]
    r_absent = r["authorised"] + r_unauth
    r_possible = r["attended"] + r_absent
    a_absent = a["authorised"] + a["unauth_other"] + a["unauth_holiday"] + a["unauth_late"]
    a_possible = a["attended"] + a_absent
    l_unauth = l["unauth_other"] + l["unauth_holiday"] + l["unauth_late"]
    share_rule = {"num": p["r2"]["min_share_num"], "den": p["r2"]["min_share_den"], "cmp": ">="}
    share = holds(r_unauth, r_absent, share_rule) | (p["r2"]["min_share_num"] == 0)
    limb = np.zeros(n, dtype=bool)
    for need, count in zip(p["limbs"], (l["unauth_other"], l["unauth_holiday"], l["unauth_late"], l_unauth)):
        if need > 0:
            limb |= count >= need
    ytd = holds(y["attended"], possible, p["year_to_date"]) | (not p["year_to_date"]["required"])
    severe = holds(a_absent, a_possible, p["severe"]) & bool(p["severe"]["enabled"])
    flags = ((possible > 0) * common.EVALUABLE
             | holds(r["attended"], r_possible, p["r1"]) * common.R1
             | ((r_possible > 0) & (r_unauth >= p["r2"]["min_sessions"]) & share) * common.R2
             | holds(a_absent, a_possible, p["persistent"]) * common.PERSISTENT
             | severe * common.SEVERE | limb * common.LIMB | ytd * common.YTD).astype(np.int64)
    tenths = np.where(possible > 0, (2000 * y["attended"] + possible) // np.maximum(2 * possible, 1), -1)
    fields = [possible, y["attended"], y["authorised"], unauth, y["missing"], l_unauth]
    for f in fields:
        f[invalid] = 0
    tenths[invalid] = -1
    flags[invalid] = common.INVALID
    compute_s = time.perf_counter() - t0

    i = np.arange(n, dtype=np.int64)
    checksum = [int(f.sum()) for f in fields] + [int(tenths[tenths >= 0].sum())]
    checksum += [int(((flags >> k) & 1).sum()) for k in range(8)]
    checksum += [int(((i % 1000 + 1) * flags).sum()), int(((i % 997 + 1) * (tenths + 1)).sum())]
    common.report("pandas", n, load_s, compute_s, checksum, {"rows": int(len(df)), "pandas": pd.__version__})


if __name__ == "__main__":
    main()
