#!/usr/bin/env python3
"""Write a Common Transfer File (CTF, XML) of the sample school from its CSV files, so that the CTF and
the CSV describe the same registers and give the same results.

    generate_ctf.py REGISTER.csv PUPILS.csv OUT.xml [--copies N]

REGISTER.csv is a wide register (pupil_id,start_date,marks: one character per weekday session) and
PUPILS.csv the pupils file (pupil_id,date_of_birth,name,year_group). Each pupil gets a UPN made from the
authority (669, Carmarthenshire), a school number, the year and a serial, with its check letter; the
marks become AttendanceMarks (two characters per calendar date, "##" where the school did not meet) and
the four totals are counted from them with the Welsh code set, as an MIS writes them.

--copies N repeats every pupil N times under new UPNs (serial numbers continue, the school number
grows every 1000 pupils): an authority-size file for bench/.
"""
import argparse
import csv
import datetime
import sys
from xml.sax.saxutils import escape

LA = "669"
ATTENDED = set("/\\LBJPVW")
AUTHORISED = set("CEFHIMRST")
UNAUTHORISED = set("GNOU")
CHECK = "ABCDEFGHJKLMNPQRTUVWXYZ"  # A-Z without I, O and S


def upn(serial):
    """A UPN: check letter, LA (3), establishment (4), year (2), serial (3)."""
    estab = 4001 + serial // 1000
    digits = f"{LA}{estab:04d}24{serial % 1000:03d}"
    total = sum(int(d) * (i + 2) for i, d in enumerate(digits))
    return CHECK[total % 23] + digits


def ctf_marks(start, marks):
    """Wide marks (weekdays only) as CTF marks (every calendar date, '#' where not in session)."""
    out = []
    day = start
    i = 0
    while i < len(marks):
        if day.weekday() >= 5:
            out.append("##")
        else:
            pair = marks[i:i + 2].ljust(2, ".")
            out.append(pair.replace(".", "#"))
            i += 2
        day += datetime.timedelta(days=1)
    return "".join(out)


def totals(marks):
    att = sum(c in ATTENDED for c in marks)
    auth = sum(c in AUTHORISED for c in marks)
    unauth = sum(c in UNAUTHORISED for c in marks)
    return att + auth + unauth, auth, att, unauth


def pupil_xml(uid, rows, record):
    forename, _, surname = (record.get("name") or "").partition(" ")
    parts = [f"   <Pupil>\n    <UPN>{uid}</UPN>\n    <Surname>{escape(surname)}</Surname>\n"
             f"    <Forename>{escape(forename)}</Forename>\n"]
    if record.get("date_of_birth"):
        parts.append(f"    <DOB>{record['date_of_birth']}</DOB>\n")
    parts.append("    <Attendance>\n")
    for start, marks in rows:
        m = ctf_marks(start, marks)
        possible, auth, att, unauth = totals(m)
        year = start.year if start.month >= 8 else start.year - 1
        parts.append(
            f"     <YearData>\n      <Year>{year}</Year>\n      <LEA>{LA}</LEA>\n      <Estab>4001</Estab>\n"
            f"      <SchoolName>Ysgol Enghreifftiol</SchoolName>\n"
            f"      <SessionsPossible>{possible}</SessionsPossible>\n"
            f"      <SessionsAuthorised>{auth}</SessionsAuthorised>\n"
            f"      <SessionsAttended>{att}</SessionsAttended>\n"
            f"      <SessionsUnauthorised>{unauth}</SessionsUnauthorised>\n"
            f"      <AttendSessions>\n       <AttendanceStartDate>{start.isoformat()}</AttendanceStartDate>\n"
            f"       <AttendanceMarks>{m}</AttendanceMarks>\n      </AttendSessions>\n     </YearData>\n")
    parts.append("    </Attendance>\n   </Pupil>\n")
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("register")
    ap.add_argument("pupils")
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--map", help="also write pupil_id,upn lines to this file")
    args = ap.parse_args()
    rows = {}
    with open(args.register, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            start = datetime.date.fromisoformat(r["start_date"])
            rows.setdefault(r["pupil_id"], []).append((start, r["marks"]))
    with open(args.pupils, newline="", encoding="utf-8") as f:
        records = {r["pupil_id"]: r for r in csv.DictReader(f)}
    ids = sorted(rows)
    mapping = []
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<CTfile>\n <Header>\n'
                  "  <DocumentName>Common Transfer File</DocumentName>\n  <CTFversion>19.0</CTFversion>\n"
                  "  <DateTime>2025-07-18T12:00:00</DateTime>\n  <DocumentQualifier>partial</DocumentQualifier>\n"
                  "  <SupplierID>libssat sample</SupplierID>\n"
                  f"  <SourceSchool>\n   <LEA>{LA}</LEA>\n   <Estab>4001</Estab>\n"
                  "   <SchoolName>Ysgol Enghreifftiol</SchoolName>\n   <AcademicYear>2024/25</AcademicYear>\n"
                  f"  </SourceSchool>\n  <DestSchool>\n   <LEA>{LA}</LEA>\n   <Estab>MMM</Estab>\n  </DestSchool>\n"
                  " </Header>\n <CTFpupilData>\n")
        serial = 0
        for _ in range(args.copies):
            for pid in ids:
                uid = upn(serial)
                serial += 1
                mapping.append((pid, uid))
                out.write(pupil_xml(uid, rows[pid], records.get(pid, {})))
        out.write(" </CTFpupilData>\n</CTfile>\n")
    if args.map:
        with open(args.map, "w", encoding="utf-8", newline="\n") as f:
            f.write("pupil_id,upn\n")
            f.writelines(f"{p},{u}\n" for p, u in mapping[:len(ids)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
