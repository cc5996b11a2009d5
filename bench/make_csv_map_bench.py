#!/usr/bin/env python3
"""Write the files of bench/csv_map_bench.c: the sample school's register in the long layout, COPIES
times under new ids (plain.csv), the same rows as an MIS export (mapped.csv: its own column names,
dd/mm/yyyy dates, Morning/Afternoon, "ill" for I and lower-case o for O, read through codes.csv).

    make_csv_map_bench.py OUT_DIR [--copies N]     (then: csv_map_bench plain.csv mapped.csv codes.csv
                                                    pupil_id=Adno,date=Date,session=Session,mark=Mark)
"""
import argparse
import csv
import datetime
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(HERE, "..", "examples", "data", "sample_school_2024.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    local = {"I": "ill", "O": "o"}
    with open(os.path.join(args.out, "plain.csv"), "w", newline="\n") as p, \
            open(os.path.join(args.out, "mapped.csv"), "w", newline="\n") as m:
        p.write("pupil_id,date,session,mark\n")
        m.write("Adno,Surname,Date,Session,Mark\n")
        for c in range(args.copies):
            for r in rows:
                pid = f"{r['pupil_id']}_{c}"
                day = datetime.date.fromisoformat(r["start_date"])
                marks = r["marks"]
                for i in range(0, len(marks), 2):
                    while day.weekday() >= 5:
                        day += datetime.timedelta(days=1)
                    for h, code in enumerate(marks[i:i + 2]):
                        if code == ".":
                            continue
                        p.write(f"{pid},{day.isoformat()},{'AM' if h == 0 else 'PM'},{code}\n")
                        m.write(f"{pid},Pupil,{day.strftime('%d/%m/%Y')},{'Morning' if h == 0 else 'Afternoon'},"
                                f"{local.get(code, code)}\n")
                    day += datetime.timedelta(days=1)
    with open(os.path.join(args.out, "codes.csv"), "w", newline="\n") as f:
        f.write("local,statutory\nill,I\no,O\n")


if __name__ == "__main__":
    main()
