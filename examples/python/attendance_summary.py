#!/usr/bin/env python3
"""attendance_summary: each pupil's school-year-to-date attendance from a wide register file.

    attendance_summary.py REGISTER.csv [--terms TERMS.csv] [--closures CLOSURES.csv]
                          [--as-of YYYY-MM-DD] [--all]

REGISTER.csv holds "pupil_id,start_date,marks" rows (the wide layout: one character per session, AM
then PM, every weekday from start_date; "." where the school did not meet). TERMS.csv and CLOSURES.csv
hold "name,start,end" rows.

Without --all it lists the pupils whose attendance is below 90 %, then totals for the school. The
as-of date defaults to the last session in the register, never to the machine's clock. The same task
as examples/c/attendance_summary.c, with the Python binding:

    PYTHONPATH=build/bindings/python python3 examples/python/attendance_summary.py \\
        examples/data/sample_school_2024.csv --terms examples/data/terms_2024.csv \\
        --closures examples/data/closures_2024.csv
"""
import argparse
import csv
import sys

import ssat


def read_ranges(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [(row["name"], row["start"], row["end"]) for row in csv.DictReader(f)]


def read_registers(path, codes):
    """One register per row; bad marks are reported as file:line:column and stop the program."""
    pupils = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)  # header
        for row in reader:
            pupil_id, start, marks = row
            reg = ssat.Register(codes)
            try:
                reg.add_marks(start, marks.encode("ascii", "replace"))  # bytes: read in place
            except ssat.InvalidData as exc:
                column0 = len(pupil_id) + len(start) + 2  # the marks field starts after two commas
                for p in exc.problems:
                    print(f"{path}:{reader.line_num}:{column0 + p.column}: {p.message_en}", file=sys.stderr)
                raise SystemExit(1)
            pupils.append((pupil_id, reg))
    return pupils


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("register")
    ap.add_argument("--terms")
    ap.add_argument("--closures")
    ap.add_argument("--as-of")
    ap.add_argument("--all", action="store_true")
    opt = ap.parse_args(argv)

    print(f"libssat {ssat.version()}")
    codes = ssat.CodeSet.builtin("wales-2010")
    try:
        pupils = read_registers(opt.register, codes)
        del codes  # the registers keep the code set alive

        if opt.as_of is not None:
            try:
                as_of = ssat.parse_date(opt.as_of)
            except ssat.Error as exc:
                print(f"attendance_summary: --as-of: {exc}", file=sys.stderr)
                return 1
        else:
            as_of = max((reg.span().last_date for _, reg in pupils if len(reg)), default=None)
            if as_of is None:
                print("attendance_summary: the register is empty", file=sys.stderr)
                return 1

        cal = ssat.Calendar(ssat.school_year(as_of))
        if opt.terms:
            cal.clear_terms()
            for name, first, last in read_ranges(opt.terms):
                cal.add_term(name, first, last)
        if opt.closures:
            for _, first, last in read_ranges(opt.closures):
                cal.add_closure(first, last)
        ytd = cal.window_year_to_date(as_of)
    except ssat.Error as exc:
        print(f"attendance_summary: {exc}", file=sys.stderr)
        return 1

    year = cal.school_year
    print(f"School year {year}/{(year + 1) % 100:02d} to date, as of {as_of.isoformat()}: {len(pupils)} pupils\n")
    print(f"{'pupil':<10} {'possible':>8} {'attended':>8} {'auth':>8} {'unauth':>8} {'attend%':>8}  flags")
    possible = attended = not_evaluable = at_or_below_85 = below_90 = 0
    for pupil_id, reg in pupils:
        s = reg.summary(ytd)
        # Exact comparisons: 323 of 380 is exactly 85 % and meets "85 % or lower".
        le85 = s.evaluable and s.compare("attendance", "<=", 85)
        lt90 = s.evaluable and s.compare("attendance", "<", 90)
        possible += s.possible
        attended += s.attended
        not_evaluable += not s.evaluable
        at_or_below_85 += le85
        below_90 += lt90
        if opt.all or lt90 or not s.evaluable:
            pct = f"{s.attendance_pct:7.1f}%" if s.evaluable else f"{'n/a':>8}"  # never 0 % or 100 %
            flags = ("<=85% " if le85 else "") + ("<90%" if lt90 else "") + ("" if s.evaluable else "not evaluable")
            print(f"{pupil_id:<10} {s.possible:8} {s.attended:8} {s.authorised:8} {s.unauthorised:8} {pct}  {flags}")
    if possible:
        school = ssat.percent_tenths(attended, possible)
        print(f"\nSchool: {attended} of {possible} possible sessions attended ({school // 10}.{school % 10}%); "
              f"{at_or_below_85} pupils at or below 85%, {below_90} below 90%, {not_evaluable} not evaluable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
