"""Common Transfer Files (ssat/ctf.h) from Python: the sample school's CTF gives the CSV's registers,
problems are located as file:line:column with nothing imported, and the nation's code set."""
import datetime
import subprocess
import sys

import pytest

import ssat
from ssat import native

from conftest import DATA_DIR

CTF = b"""<?xml version="1.0"?>
<CTfile><Header><SourceSchool><LEA>669</LEA></SourceSchool></Header><CTFpupilData>
<Pupil><UPN>Q669400124000</UPN><Forename>Ioan</Forename><Surname>Lewis</Surname>
<Attendance><YearData><Year>2024</Year><LEA>669</LEA><SessionsAttended>3</SessionsAttended>
<AttendSessions><AttendanceStartDate>2024-09-06</AttendanceStartDate><AttendanceMarks>/\\####IO</AttendanceMarks>
</AttendSessions></YearData></Attendance></Pupil>
</CTFpupilData></CTfile>
"""


def wales():
    return ssat.School(ssat.CodeSet.builtin("wales-2010"))


def test_import_bytes_with_a_totals_warning():
    s = wales()
    rec = s.import_ctf(CTF, source="one.xml")
    assert (rec.source, rec.kind, rec.rows) == ("one.xml", "ctf", 1)
    assert [(p.id, p.line, p.column) for p in rec.problems] == [("ctf.totals", 4, 54)]
    assert "SessionsAttended is 3 in the file but 2 counted from the marks" in rec.problems[0].message_en
    assert list(s) == ["Q669400124000"]
    assert s.detail("Q669400124000", "name") == "Ioan Lewis"
    assert s.register("Q669400124000").mark(ssat.date_from_ymd(2024, 9, 9), ssat.Half.PM) == "O"


def test_errors_import_nothing():
    s = wales()
    bad = CTF.replace(b"IO<", b"IQ<")
    with pytest.raises(ssat.InvalidData) as e:
        s.import_ctf(bad, source="bad.xml")
    assert [(p.id, p.line, p.column) for p in e.value.problems] == [("ctf.unknown_code", 5, 94)]
    assert len(s) == 0
    with pytest.raises(ssat.InvalidData) as e:
        s.import_ctf(b"<!DOCTYPE x [<!ENTITY a 'b'>]><CTfile/>")
    assert e.value.problems[0].id == "ctf.doctype"
    with pytest.raises(ssat.NotFound):
        s.import_ctf(str(DATA_DIR / "missing.xml"))
    with pytest.raises(TypeError):
        s.import_ctf(42)


def test_code_set_and_detect():
    assert native.ssat_ctf_code_set(CTF) == "wales-2010"
    assert native.ssat_ctf_code_set(b"<CTfile><Header><SourceSchool><LEA>201</LEA>") == "england-2024"
    with pytest.raises(ssat.NotFound):
        native.ssat_ctf_code_set(b"<CTfile>")
    assert native.ssat_ctf_detect(CTF) == 1
    assert native.ssat_ctf_detect(b"pupil_id,date\n") == 0


def test_sample_ctf_equals_csv(tmp_path):
    out, upns = tmp_path / "sample.xml", tmp_path / "upn.csv"
    subprocess.run([sys.executable, str(DATA_DIR / "generate_ctf.py"), str(DATA_DIR / "sample_school_2024.csv"),
                    str(DATA_DIR / "pupils_2024.csv"), str(out), "--map", str(upns)], check=True)
    a = wales()
    a.import_csv(DATA_DIR / "sample_school_2024.csv")
    b = wales()
    rec = b.import_ctf(out)
    assert (rec.rows, rec.problems) == (1000, [])
    mapping = dict(line.split(",") for line in upns.read_text().split()[1:])
    for pid in a:
        ra, rb = a.register(pid), b.register(mapping[pid])
        assert ra.span() == rb.span()
        span = ra.span()
        days = [span.first_date + datetime.timedelta(days=k) for k in range((span.last_date - span.first_date).days + 1)]
        assert [ra.mark(d, h) for d in days for h in ssat.Half] == [rb.mark(d, h) for d in days for h in ssat.Half]
