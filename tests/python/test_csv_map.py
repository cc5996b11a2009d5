"""CSV exports as an MIS writes them (ssat/csvmap.h) from Python: column names, UK dates, session
names and local codes, for registers, pupils and calendars; problems at file:line:column."""
import io

import pytest

import ssat

EXPORT = (b"Adno,Date,Session,Mark\n"
          b"1001,02/09/2024,Morning,/\n"
          b"1001,02/09/2024,Afternoon,ill\n"
          b"1001,03/09/2024,am,/\n")
CODES = b"local,statutory\nill,I\nl,L\n"


def sims():
    return ssat.CsvMap(columns="pupil_id=Adno,date=Date,session=Session,mark=Mark", date_format="dd/mm/yyyy",
                       codes=CODES, codes_source="codes.csv")


def test_long_export_bytes_path_and_file(tmp_path):
    m = sims()
    assert m.code_count == 2
    for source in (EXPORT, io.BytesIO(EXPORT), tmp_path / "export.csv"):
        if isinstance(source, type(tmp_path)):
            source.write_bytes(EXPORT)
        s = ssat.School(ssat.CodeSet.builtin("wales-2010"))
        rec = s.import_csv(source, kind="long", map=m)
        assert rec.rows == 3
        reg = s.register("1001")
        assert reg.mark(ssat.date_from_ymd(2024, 9, 2), ssat.Half.PM) == "I"
        assert reg.mark(ssat.date_from_ymd(2024, 9, 3), ssat.Half.AM) == "/"


def test_problems_located():
    s = ssat.School(ssat.CodeSet.builtin("wales-2010"))
    bad = EXPORT + b"1001,2024-09-04,AM,/\n1001,04/09/2024,PM,zz\n"
    with pytest.raises(ssat.InvalidData) as e:
        s.import_csv(bad, source="export.csv", map=sims())
    assert [(p.id, p.line, p.column) for p in e.value.problems] == [("import.date_dmy", 5, 6),
                                                                    ("import.unknown_code", 6, 20)]
    assert len(s) == 0
    with pytest.raises(ssat.InvalidData) as e:
        ssat.CsvMap(codes=b"local,statutory\nthis-is-too-long,I\n", codes_source="codes.csv")
    assert [(p.id, p.line, p.column) for p in e.value.problems] == [("csvmap.code", 2, 1)]
    with pytest.raises(ssat.InvalidArgument):
        ssat.CsvMap(columns="nonsense=X")
    with pytest.raises(ssat.InvalidArgument):
        ssat.CsvMap(date_format="mm/dd/yyyy")


def test_pupils_and_calendar():
    m = ssat.CsvMap(columns="pupil_id=Adno,date_of_birth=DOB,name=Name,start=From,end=To", date_format="dd/mm/yyyy")
    s = ssat.School(ssat.CodeSet.builtin("wales-2010"))
    s.import_csv(b"Adno,DOB,Name\n1001,11/02/2013,Ioan Lewis\n", kind="pupils", map=m)
    assert s.detail("1001", "name") == "Ioan Lewis"
    cal = ssat.Calendar(2024)
    cal.import_terms("Name,From,To\nautumn,02/09/2024,20/12/2024\n", map=m)
    assert [t.name for t in cal.terms] == ["autumn"]
    cal.import_closures("Name,From,To\nINSET,02/09/2024,02/09/2024\n", map=m)
    assert not cal.is_school_day(ssat.date_from_ymd(2024, 9, 2))
