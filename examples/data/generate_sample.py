#!/usr/bin/env python3
"""Generate libssat's bundled sample school: one Welsh secondary school, school year 2024/25.

The data are synthetic (no real pupil) but shaped like a real register export:
  * a 2024/25 calendar with three terms, half-terms, bank holidays and INSET days
    (dates modelled on a Welsh authority's published calendar, not copied from one);
  * about 1,000 pupils in years 7 to 11, most attending well, some persistently absent,
    some term-time holidays, lateness, illness spells, joiners (Z before they start)
    and leavers (no marks after they leave);
  * a few pupils placed exactly on the thresholds the rules care about:
    85.0 % (referral, inclusive) and 90.0 % (penalty notice, strict "below").

Outputs (all CSV, UTF-8, header row first) in the directory given (default: beside this script):
  sample_school_2024.csv       wide register: pupil_id,start_date,marks
                               marks = one character per session, AM then PM, every weekday from
                               start_date; "." = the school did not meet.
  pupils_2024.csv              pupil_id,date_of_birth,name,year_group
  terms_2024.csv               name,start,end
  closures_2024.csv            name,start,end   (days inside terms when the school did not meet)
  sample_school_2024_long.csv  with --long: the same register in the long layout,
                               pupil_id,date,session,mark, one row per mark, sorted by pupil, date,
                               session (as registers are exported); no row where the wide file has "."

With --authority N, a benchmark file instead: N pupils (ids A000001...) of one school year, written
only in the long layout (authority_2024_long.csv, with authority_pupils_2024.csv); 25,000 pupils make
about 9.5 million rows (250 MB). The bundled sample files are not touched.

Deterministic: the same seed always gives the same files, and --long does not change the others.
  python3 examples/data/generate_sample.py [--pupils N] [--seed S] [--out DIR] [--long]
  python3 examples/data/generate_sample.py --authority 25000 --out /tmp/bench
"""
import argparse
import datetime as dt
import os
import random

YEAR_START = dt.date(2024, 8, 1)
YEAR_END = dt.date(2025, 7, 31)
TERMS = [
    ("autumn", dt.date(2024, 9, 2), dt.date(2024, 12, 20)),
    ("spring", dt.date(2025, 1, 6), dt.date(2025, 4, 11)),
    ("summer", dt.date(2025, 4, 28), dt.date(2025, 7, 18)),
]
CLOSURES = [
    ("INSET days", dt.date(2024, 9, 2), dt.date(2024, 9, 3)),
    ("autumn half-term", dt.date(2024, 10, 28), dt.date(2024, 11, 1)),
    ("INSET day", dt.date(2025, 1, 6), dt.date(2025, 1, 6)),
    ("spring half-term", dt.date(2025, 2, 24), dt.date(2025, 2, 28)),
    ("INSET day", dt.date(2025, 4, 28), dt.date(2025, 4, 28)),
    ("early May bank holiday", dt.date(2025, 5, 5), dt.date(2025, 5, 5)),
    ("summer half-term", dt.date(2025, 5, 26), dt.date(2025, 5, 30)),
]
FIRST_NAMES = ["Aled", "Alaw", "Bethan", "Cai", "Carys", "Dafydd", "Dylan", "Efa", "Elin", "Emyr",
               "Ffion", "Gareth", "Gwen", "Harri", "Heledd", "Ioan", "Iwan", "Lowri", "Mabli",
               "Macsen", "Manon", "Megan", "Nia", "Osian", "Rhys", "Seren", "Siôn", "Steffan",
               "Tomos", "Wil", "Amelia", "Oliver", "Jack", "Olivia", "Noah", "Isla", "Leo", "Ava"]
LAST_NAMES = ["Jones", "Davies", "Williams", "Evans", "Thomas", "Roberts", "Lewis", "Hughes",
              "Morgan", "Griffiths", "Price", "Rees", "Jenkins", "Owen", "Powell", "Pritchard",
              "Howells", "Bowen", "Lloyd", "Phillips", "Harries", "Protheroe"]


def in_closure(day):
    return any(a <= day <= b for _, a, b in CLOSURES)


def school_day(day):
    return day.weekday() < 5 and any(a <= day <= b for _, a, b in TERMS) and not in_closure(day)


def weekdays(start, end):
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


SCHOOL_DAYS = [d for d in weekdays(YEAR_START, YEAR_END) if school_day(d)]
FIRST_SCHOOL_DAY = SCHOOL_DAYS[0]
LAST_SCHOOL_DAY = SCHOOL_DAYS[-1]


def weighted(rng, table):
    r = rng.random() * sum(w for _, w in table)
    for code, w in table:
        r -= w
        if r < 0:
            return code
    return table[-1][0]


# Absence marks by kind; weights give a realistic mix for each profile.
AUTHORISED = [("I", 60), ("M", 15), ("C", 10), ("R", 2), ("H", 3), ("E", 2)]
UNAUTHORISED = [("O", 60), ("N", 10), ("G", 20), ("U", 10)]
PROFILES = [  # (name, share, absence probability, unauthorised share of absence)
    ("good", 0.70, 0.03, 0.15),
    ("fair", 0.15, 0.08, 0.30),
    ("persistent", 0.10, 0.16, 0.50),
    ("severe", 0.05, 0.30, 0.70),
]


def session_marks(rng, profile, n):
    """Marks for n possible sessions of a pupil with the given profile."""
    _, _, p_abs, p_unauth = profile
    marks = []
    i = 0
    while i < n:
        if rng.random() < p_abs:
            # Absence comes in spells of one to six sessions (a day or a few).
            spell = min(n - i, rng.choice([1, 1, 2, 2, 2, 4, 6]))
            table = UNAUTHORISED if rng.random() < p_unauth else AUTHORISED
            code = weighted(rng, table)
            marks.extend([code] * spell)
            i += spell
            continue
        r = rng.random()
        if r < 0.03:
            marks.append("L")
        elif r < 0.04:
            marks.append(rng.choice("BVPW"))
        else:
            marks.append(None)  # present: "/" or "\" by session
        i += 1
    return marks


def exact_marks(rng, n, attended, unauthorised):
    """Marks with exactly `attended` attended sessions and `unauthorised` unauthorised ones."""
    authorised = n - attended - unauthorised
    marks = [None] * attended + ["O"] * unauthorised + ["I"] * authorised
    rng.shuffle(marks)
    return marks


def render(days_marks, start):
    """Wide marks string from {(day, half): mark} for every weekday from start to the last school day."""
    out = []
    for day in weekdays(start, LAST_SCHOOL_DAY):
        for half in (0, 1):
            if not school_day(day):
                out.append(".")
                continue
            mark = days_marks.get((day, half))
            if mark is None:
                out.append(".")
            elif mark == "present":
                out.append("/" if half == 0 else "\\")
            else:
                out.append(mark)
    # A leaver's string simply stops at their last day.
    return "".join(out).rstrip(".")


def pupil_register(rng, kind, profile):
    sessions = [(d, h) for d in SCHOOL_DAYS for h in (0, 1)]
    start_index = 0
    end_index = len(sessions)
    if kind == "joiner":
        start_index = rng.randrange(40, 250)
    elif kind == "leaver":
        end_index = rng.randrange(150, 330)
    active = sessions[start_index:end_index]
    marks = session_marks(rng, profile, len(active))
    days_marks = {}
    for (day, half), mark in zip(active, marks):
        days_marks[(day, half)] = "present" if mark is None else mark
    # A joiner is on the register from the first day, marked Z (not yet on roll) until they start.
    for (day, half) in sessions[:start_index]:
        days_marks[(day, half)] = "Z"
    return days_marks


def exact_register(rng, attended, unauthorised):
    sessions = [(d, h) for d in SCHOOL_DAYS for h in (0, 1)]
    marks = exact_marks(rng, len(sessions), attended, unauthorised)
    return {s: ("present" if m is None else m) for s, m in zip(sessions, marks)}


def long_rows(pid, days_marks, start):
    """Long-layout rows (text) of one pupil: one per mark, in date then session order."""
    out = []
    for day in weekdays(start, LAST_SCHOOL_DAY):
        if not school_day(day):
            continue
        iso = day.isoformat()
        for half, session in ((0, "AM"), (1, "PM")):
            mark = days_marks.get((day, half))
            if mark is None:
                continue
            if mark == "present":
                mark = "/" if half == 0 else "\\"
            out.append(f"{pid},{iso},{session},{mark}\n")
    return "".join(out)


def birth_date(rng, year_group):
    # Year 7 in 2024/25 were born 1 Sep 2012 - 31 Aug 2013.
    first = dt.date(2012 - (year_group - 7), 9, 1)
    return first + dt.timedelta(days=rng.randrange(365))


def random_profile(rng):
    profile = PROFILES[-1]
    x = rng.random()
    for p in PROFILES:
        x -= p[1]
        if x < 0:
            profile = p
            break
    return profile


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pupils", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20240901)
    ap.add_argument("--out", default=here)
    ap.add_argument("--long", action="store_true", help="also write the register in the long layout")
    ap.add_argument("--authority", type=int, metavar="N",
                    help="write only an N-pupil long-layout register (a benchmark), not the sample")
    args = ap.parse_args()
    if args.authority is not None:
        authority(args)
        return
    rng = random.Random(args.seed)
    n_sessions = 2 * len(SCHOOL_DAYS)

    registers, pupils = [], []
    long_file = None
    if args.long:
        long_file = open(os.path.join(args.out, "sample_school_2024_long.csv"), "w", encoding="utf-8", newline="")
        long_file.write("pupil_id,date,session,mark\n")
    # Threshold pupils first, so they are easy to find: exactly 85.0 % with 20 unauthorised sessions
    # (referral criteria met, inclusive), exactly 90.0 % (not "below 90 %"), just under each line.
    fixed = [
        ("exact85", n_sessions * 85 // 100, 20),
        ("under85", n_sessions * 85 // 100 - 1, 20),
        ("exact90", n_sessions * 90 // 100, 12),
        ("under90", n_sessions * 90 // 100 - 1, 12),
    ]
    for i in range(args.pupils):
        pid = f"P{i + 1:05d}"
        year_group = 7 + i % 5
        start = FIRST_SCHOOL_DAY
        if i < len(fixed):
            _, attended, unauth = fixed[i]
            days_marks = exact_register(rng, attended, unauth)
        else:
            r = rng.random()
            kind = "joiner" if r < 0.03 else "leaver" if r < 0.05 else "normal"
            days_marks = pupil_register(rng, kind, random_profile(rng))
        # Week-aligned start: the Monday of the first school week.
        start = start - dt.timedelta(days=start.weekday())
        registers.append((pid, start.isoformat(), render(days_marks, start)))
        if long_file is not None:
            long_file.write(long_rows(pid, days_marks, start))
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        pupils.append((pid, birth_date(rng, year_group).isoformat(), name, str(year_group)))
    if long_file is not None:
        long_file.close()

    write(args.out, "sample_school_2024.csv", "pupil_id,start_date,marks", registers)
    write(args.out, "pupils_2024.csv", "pupil_id,date_of_birth,name,year_group", pupils)
    write(args.out, "terms_2024.csv", "name,start,end", [(n, a.isoformat(), b.isoformat()) for n, a, b in TERMS])
    write(args.out, "closures_2024.csv", "name,start,end",
          [(n, a.isoformat(), b.isoformat()) for n, a, b in CLOSURES])


def write(out, name, header, rows):
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def authority(args):
    """An authority's year for benchmarks: N pupils, long layout only, streamed to disk."""
    rng = random.Random(args.seed)
    start = FIRST_SCHOOL_DAY - dt.timedelta(days=FIRST_SCHOOL_DAY.weekday())
    path = os.path.join(args.out, "authority_2024_long.csv")
    pupils = []
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("pupil_id,date,session,mark\n")
        for i in range(args.authority):
            pid = f"A{i + 1:06d}"
            r = rng.random()
            kind = "joiner" if r < 0.03 else "leaver" if r < 0.05 else "normal"
            f.write(long_rows(pid, pupil_register(rng, kind, random_profile(rng)), start))
            year_group = 7 + i % 5
            pupils.append((pid, birth_date(rng, year_group).isoformat(), f"Pupil {i + 1}", str(year_group)))
    write(args.out, "authority_pupils_2024.csv", "pupil_id,date_of_birth,name,year_group", pupils)


if __name__ == "__main__":
    main()
