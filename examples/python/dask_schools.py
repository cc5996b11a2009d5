#!/usr/bin/env python3
"""Evaluate a directory of school register files in parallel with Dask: one school per task, through the
Python binding, every pupil's results gathered into one pandas DataFrame.

    python3 examples/python/dask_schools.py DIR --terms terms_2024.csv --closures closures_2024.csv
        [--as-of 2025-07-18] [--policy carmarthenshire] [--codes wales-2010]
        [--scheduler processes|threads|synchronous] [--workers N] [--out results.csv]

Each *.csv file in DIR is one school's register export (long or wide layout, as `ssat import` reads it);
every school shares the calendar (--terms, --closures) and the policy. A task reads its file into an
ssat.School, turns each pupil's register into a run of the year's sessions (ssat.Batch.run_of) and
evaluates them all in one C call into columns (ssat.Batch.evaluate_columns), which become that school's
DataFrame without a copy; Dask runs the tasks on a pool of processes (or threads: the evaluation releases
the GIL) and the DataFrames are concatenated. What grows with many schools is reading their files, which is
what the tasks share out; the evaluation itself takes milliseconds per school.

Prints a line per school (pupils; referral criteria R1 and R2 both met; persistently absent) and the
total. Needs Debian's python3-dask and python3-pandas.
"""
import argparse
import pathlib
import sys

import dask
import pandas as pd

import ssat

# The flags each pupil's row shows as a column of booleans.
FLAG_COLUMNS = {"referral_r1": ssat.BatchFlag.REFERRAL_R1, "referral_r2": ssat.BatchFlag.REFERRAL_R2,
                "persistent": ssat.BatchFlag.PERSISTENT, "severe": ssat.BatchFlag.SEVERE,
                "penalty_limb": ssat.BatchFlag.PENALTY_LIMB, "invalid": ssat.BatchFlag.INVALID}


def evaluate_school(path, terms, closures, as_of, policy_name, codes_name):
    """One task: a school's file to its pupils' DataFrame (school, pupil_id, the batch fields, flags).
    Everything is built here from paths and names, so the task runs in any process."""
    codes = ssat.CodeSet.builtin(codes_name)
    calendar = ssat.Calendar(ssat.school_year(as_of))
    calendar.import_terms(terms)
    calendar.import_closures(closures)
    batch = ssat.Batch(codes, ssat.Policy.builtin(policy_name), calendar, as_of)
    school = ssat.School(codes)
    school.import_csv(path)
    ids = school.ids
    cols = batch.evaluate_columns([batch.run_of(school.register(pid)) for pid in ids])
    df = cols.to_pandas()
    flags = df["flags"]
    for name, bit in FLAG_COLUMNS.items():
        df[name] = (flags & int(bit)) != 0
    df.insert(0, "pupil_id", ids)
    df.insert(0, "school", pathlib.Path(path).stem)
    return df


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("directory", type=pathlib.Path)
    ap.add_argument("--terms", required=True)
    ap.add_argument("--closures", required=True)
    ap.add_argument("--as-of", default="2025-07-18")
    ap.add_argument("--policy", default="carmarthenshire")
    ap.add_argument("--codes", default="wales-2010")
    ap.add_argument("--scheduler", choices=("processes", "threads", "synchronous"), default="processes")
    ap.add_argument("--workers", type=int, default=None, help="pool size (default: the number of CPUs)")
    ap.add_argument("--out", help="write every pupil's row to this CSV file")
    args = ap.parse_args(argv)

    files = sorted(args.directory.glob("*.csv"))
    if not files:
        sys.exit(f"dask_schools: no *.csv files in {args.directory}")
    tasks = [dask.delayed(evaluate_school)(str(f), args.terms, args.closures, args.as_of, args.policy, args.codes)
             for f in files]
    try:
        frames = dask.compute(*tasks, scheduler=args.scheduler, num_workers=args.workers)
    except ssat.Error as e:
        sys.exit(f"dask_schools: {e}")
    results = pd.concat(frames, ignore_index=True)

    both = results["referral_r1"] & results["referral_r2"]
    per_school = results.assign(r1_and_r2=both).groupby("school", sort=True).agg(
        pupils=("pupil_id", "size"), r1_and_r2=("r1_and_r2", "sum"), persistent=("persistent", "sum"))
    for school, row in per_school.iterrows():
        print(f"{school:<24} {row.pupils:>6} pupils {row.r1_and_r2:>5} R1+R2 {row.persistent:>5} persistent")
    print(f"{'total':<24} {len(results):>6} pupils {int(both.sum()):>5} R1+R2 "
          f"{int(results['persistent'].sum()):>5} persistent ({len(files)} schools)")
    if args.out:
        results.to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
