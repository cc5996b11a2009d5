"""Shared fixtures of the Python binding tests (run by ctest with PYTHONPATH = the build-tree package)."""
import csv
import datetime
import os
import pathlib

import pytest

import ssat

SOURCE_DIR = pathlib.Path(os.environ.get("SSAT_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
DATA_DIR = SOURCE_DIR / "examples" / "data"


@pytest.fixture
def wales():
    return ssat.CodeSet.builtin("wales-2010")


@pytest.fixture
def calendar_2024():
    """The sample school's calendar of 2024/25 (examples/data)."""
    cal = ssat.Calendar(2024)
    cal.clear_terms()
    for row in read_csv("terms_2024.csv"):
        cal.add_term(row["name"], row["start"], row["end"])
    for row in read_csv("closures_2024.csv"):
        cal.add_closure(row["start"], row["end"])
    return cal


@pytest.fixture
def two_school_years():
    """This school year's calendar (autumn term from Monday 2 September 2024) and the previous one's
    (summer term to Friday 19 July 2024): for what reaches back before 1 August (docs/rules.md)."""
    cal, prev_cal = ssat.Calendar(2024), ssat.Calendar(2023)
    cal.clear_terms()
    cal.add_term("autumn", "2024-09-02", "2024-12-20")
    prev_cal.clear_terms()
    prev_cal.add_term("summer", "2024-04-08", "2024-07-19")
    return cal, prev_cal


def read_csv(name):
    with open(DATA_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def weekdays(start, count):
    """`count` weekdays from `start` (a weekday)."""
    d, out = start, []
    while len(out) < count:
        if d.weekday() < 5:
            out.append(d)
        d += datetime.timedelta(days=1)
    return out


def register_with(codes, start, marks):
    reg = ssat.Register(codes)
    reg.add_marks(start, marks)
    return reg
