"""Shared by the Python baselines of bench/: the parameters ssat_bench wrote, the exact rules, and the
checksum every implementation reports so that bench/report.py can check they agree with libssat.

params.json (written by ssat_bench --data DIR) gives the session ranges [lo, hi) of the windows, the
characters of each class of mark, and the policy's thresholds as exact fractions num/den percent with a
comparator. A rule "part (cmp) num/den % of whole" is part * 100 * den (cmp) num * whole, never when
whole is 0: integers only, as libssat compares.

The checksum (17 integers) is, over pupils i = 0, 1, ...:
  0..5   sums of possible, attended, authorised, unauthorised, missing, limb sessions (year to date,
         except limb: the penalty limb window)
  6      sum of attendance tenths over evaluable pupils
  7..14  number of pupils with each flag bit 0..7 (ssat_batch_flag: evaluable, R1, R2, persistent,
         severe, penalty limb, penalty year to date, invalid)
  15     sum of (i % 1000 + 1) * flags
  16     sum of (i % 997 + 1) * (tenths + 1), tenths -1 when not evaluable
"""
import argparse
import json
import os
import sys

EVALUABLE, R1, R2, PERSISTENT, SEVERE, LIMB, YTD, INVALID = (1 << k for k in range(8))
CHECKSUM_LEN = 17


def load_params(data_dir):
    with open(os.path.join(data_dir, "params.json"), encoding="utf-8") as f:
        return json.load(f)


def baseline_args():
    """A baseline's command line (--data DIR --pupils N) and the parameters ssat_bench wrote there."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--pupils", type=int, required=True)
    args = ap.parse_args()
    return args, load_params(args.data)


def marks_path(data_dir, pupils):
    return os.path.join(data_dir, f"marks_{pupils}.txt")


def holds(part, whole, rule):
    """part (cmp) num/den % of whole, exactly; never when whole is 0."""
    if whole == 0:
        return False
    lhs, rhs = part * 100 * rule["den"], rule["num"] * whole
    return {"<": lhs < rhs, "<=": lhs <= rhs, ">=": lhs >= rhs, ">": lhs > rhs}[rule["cmp"]]


def tenths(attended, possible):
    """Tenths of a percent, rounded half up with integers; -1 when not evaluable."""
    return (2000 * attended + possible) // (2 * possible) if possible else -1


class Checksum:
    def __init__(self):
        self.sum = [0] * CHECKSUM_LEN
        self.i = 0

    def add(self, possible, attended, authorised, unauthorised, missing, limb, t, flags):
        s = self.sum
        s[0] += possible
        s[1] += attended
        s[2] += authorised
        s[3] += unauthorised
        s[4] += missing
        s[5] += limb
        s[6] += t if t >= 0 else 0
        for k in range(8):
            s[7 + k] += (flags >> k) & 1
        s[15] += (self.i % 1000 + 1) * flags
        s[16] += (self.i % 997 + 1) * (t + 1)
        self.i += 1


def report(tool, pupils, load_s, compute_s, checksum, extra=None):
    """One JSON object on stdout: what bench/report.py reads."""
    out = {"tool": tool, "pupils": pupils, "load_s": round(load_s, 6), "compute_s": round(compute_s, 6),
           "checksum": list(checksum)}
    out.update(extra or {})
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
