"""Schools (ssat/school.h): streamed CSV imports, all or nothing, problems located as file:line:column,
the calendar's terms and closures files, and the lifetimes of what a school hands out."""
import datetime
import gc
import io
import pathlib

import pytest

import ssat
from ssat import native

from conftest import DATA_DIR, read_csv

SAMPLE = DATA_DIR / "sample_school_2024.csv"
PUPILS = DATA_DIR / "pupils_2024.csv"
TERMS = DATA_DIR / "terms_2024.csv"
CLOSURES = DATA_DIR / "closures_2024.csv"
AS_OF = datetime.date(2025, 7, 18)


@pytest.fixture(scope="module")
def sample_bytes():
    return SAMPLE.read_bytes()


@pytest.fixture(scope="module")
def school():
    s = ssat.School(ssat.CodeSet.builtin("wales-2010"))
    s.import_csv(str(PUPILS), kind="pupils")
    s.import_csv(str(SAMPLE))
    return s


@pytest.fixture
def calendar():
    cal = ssat.Calendar(2024)
    assert cal.import_terms(TERMS) == []
    assert cal.import_closures(CLOSURES) == []
    return cal


def summary_of(school, pupil_id, calendar):
    return school.register(pupil_id).summary(calendar.window_year_to_date(AS_OF))


def totals_of(school, calendar, ids=None):
    window = calendar.window_year_to_date(AS_OF)
    return {pid: school.register(pid).summary(window).totals for pid in (ids or school.ids)}


# ---- the sample school ------------------------------------------------------------------------------

def test_sample_school(school, calendar):
    assert len(school) == 1000
    ids = list(school)
    assert ids == sorted(ids) == school.ids and ids[0] == "P00001" and ids[-1] == "P01000"
    assert "P00001" in school and "P99999" not in school and 5 not in school
    s = summary_of(school, "P00001", calendar)
    assert (s.possible, s.attended, s.attendance_pct) == (380, 323, 85.0)
    assert s.compare("attendance", "<=", 85)
    assert school.last_date() == AS_OF
    assert school.detail("P00001", "name") == "Ioan Lewis"
    assert school.detail("P00001", "year_group") == "7"
    assert school.pupil("P00001").date_of_birth == datetime.date(2013, 2, 11)
    assert school.pupil("P00001").id == "P00001"
    assert school.codeset.name == "wales-2010" and school.codeset.frozen
    assert repr(school) == "<ssat.School (wales-2010): 1000 pupils>"
    # The register is the wide row's: "...." (INSET days, no entry), then Wednesday 4 September.
    reg = school["P00001"]
    assert reg.mark("2024-09-02", ssat.AM) is None and reg.mark("2024-09-04", ssat.AM) == "/"
    loc = school.locate("P00001", "2024-09-06", ssat.AM)  # the row's 9th mark; marks start in column 19
    assert (pathlib.Path(loc.source).name, loc.line, loc.column) == ("sample_school_2024.csv", 2, 19 + 8)
    assert str(loc).endswith("sample_school_2024.csv:2:27")


def test_sample_school_matches_registers_built_one_by_one(school, calendar):
    window = calendar.window_year_to_date(AS_OF)
    rows = read_csv("sample_school_2024.csv")
    for row in rows[::37]:
        reg = ssat.Register(school.codeset)
        reg.add_marks(row["start_date"], row["marks"])
        assert school.register(row["pupil_id"]).summary(window).totals == reg.summary(window).totals


def test_calendar_files_give_the_fixture_calendar(calendar, calendar_2024):
    assert calendar.terms == calendar_2024.terms
    for day in ("2024-09-02", "2024-09-04", "2024-10-28", "2025-02-24", "2025-07-18", "2025-07-21"):
        assert calendar.is_school_day(day) == calendar_2024.is_school_day(day)
    assert calendar.count_school_days("2024-09-01", "2025-07-31") == \
        calendar_2024.count_school_days("2024-09-01", "2025-07-31")


# ---- inputs and chunking ----------------------------------------------------------------------------

def test_every_input_form_gives_the_same_school(sample_bytes, calendar):
    ids = ["P00001", "P00002", "P00500", "P01000"]
    expected = None
    forms = [str(SAMPLE), SAMPLE, sample_bytes, bytearray(sample_bytes), memoryview(sample_bytes)]
    for form in forms + ["binary file", "text file"]:
        s = ssat.School(ssat.CodeSet.builtin())
        if form == "binary file":
            with open(SAMPLE, "rb") as f:
                result = s.import_csv(f)
        elif form == "text file":
            with open(SAMPLE, encoding="utf-8", newline="") as f:
                result = s.import_csv(f, kind=ssat.CsvKind.WIDE, chunk_size=10007)
        else:
            result = s.import_csv(form, kind="auto")
        assert result.rows == 1000 and result.problems == []
        got = totals_of(s, calendar, ids)
        expected = expected or got
        assert got == expected
    assert expected["P00001"]["possible"] == 380


def test_chunked_feed_gives_the_same_result(sample_bytes, calendar):
    whole = ssat.School(ssat.CodeSet.builtin())
    whole.import_csv(sample_bytes)
    ids = whole.ids[::50]
    for chunk_size in (1 << 20, 65536, 4093, 997):
        s = ssat.School(ssat.CodeSet.builtin())
        s.import_csv(io.BytesIO(sample_bytes), chunk_size=chunk_size)
        assert totals_of(s, calendar, ids) == totals_of(whole, calendar, ids)
    # Feeding by hand, cut inside rows, quotes and CRLF line ends, even one byte at a time.
    text = ('pupil_id,start_date,marks\r\n"P1",2024-09-02,"/\\/\\O\\"\r\n'
            '"P""2",2024-09-02,"IIO"\r\nP3,2024-09-09,/\\').encode()
    reference = ssat.School(ssat.CodeSet.builtin())
    reference.import_csv(text)
    for size in (1, 2, 3, 5, 8):
        s = ssat.School(ssat.CodeSet.builtin())
        with s.begin_import("wide", source="chunks.csv") as imp:
            assert imp.is_open and imp.source == "chunks.csv"
            for i in range(0, len(text), size):
                imp.feed(text[i:i + size])
            result = imp.finish()
            assert not imp.is_open
        assert (result.source, result.kind, result.rows) == ("chunks.csv", ssat.CsvKind.WIDE, 3)
        assert s.ids == reference.ids == ["P\"2", "P1", "P3"]
        for pid in s:
            assert len(s.register(pid)) == len(reference.register(pid))
    with pytest.raises(ssat.InvalidArgument):
        s.import_csv(text, chunk_size=0)


def test_a_stray_row_does_not_move_the_year():
    """Issue 15, item 7: one row dated years away leaves the as-of date in the year the marks are about,
    and check_year() locates it as file:line:column."""
    rows = ["pupil_id,date,session,mark"]
    rows += ["%s,2024-09-%02d,%s,/" % (p, d, h) for d in range(2, 31) for h in ("AM", "PM") for p in "AB"]
    s = ssat.School(ssat.CodeSet.builtin())
    s.import_csv(("\n".join(rows) + "\nC,2031-07-14,AM,/\n").encode(), source="stray.csv")
    assert s.last_date() == datetime.date(2024, 9, 30)
    [w] = s.check_year(2024)
    assert (w.id, w.line, w.column, w.severity) == ("school.mark_outside_year", 118, 17, ssat.Severity.WARNING)
    assert w.message_en.startswith("stray.csv:118:17: Session 14 July 2031 AM of pupil C ")
    assert s.check_year(2031) != [] and len(s.check_year(2024)) == 1
    with pytest.raises(ssat.RangeError):
        s.check_year(9999)


def test_long_layout_and_a_second_file(calendar):
    s = ssat.School(ssat.CodeSet.builtin("england-2024"))
    s.import_csv(b"pupil_id,date,session,mark\nA,2024-09-02,AM,/\nA,2024-09-02,PM,C1\nB,2024-09-03,PM,\n",
                 kind="long", source="long.csv")
    assert s.register("A").mark("2024-09-02", "PM") == "C1"
    assert s.register("B").mark("2024-09-03", ssat.PM) == "-"
    # A second file adds to the same registers (here a later week), all or nothing.
    s.import_csv(b"pupil_id,start_date,marks\nA,2024-09-09,/\\\nC,2024-09-09,//\n", source="wide.csv")
    assert s.ids == ["A", "B", "C"] and len(s.register("A")) == 4
    assert s.locate("A", "2024-09-09", "AM").source == "wide.csv"
    with pytest.raises(ssat.InvalidArgument):
        s.locate("A", "2024-09-09", "XX")
    with pytest.raises(ssat.InvalidArgument):
        ssat.CsvKind.of("tall")
    assert ssat.CsvKind.of(2) is ssat.CsvKind.WIDE and ssat.CsvKind.of(" Pupils ") is ssat.CsvKind.PUPILS


def test_pupils_file_warnings_are_returned(calendar):
    s = ssat.School(ssat.CodeSet.builtin())
    s.import_csv(b"pupil_id,start_date,marks\nA,2024-09-02,/\\\n")
    result = s.import_csv(b"pupil_id,date_of_birth,name\nA,2013-02-11,\"Jones, Nia\"\nZ,,Zac\n", kind="pupils",
                          source="pupils.csv")
    assert result.rows == 2
    assert [p.id for p in result.problems] == ["import.pupil_unknown"]
    w = result.problems[0]
    assert w.severity == ssat.Severity.WARNING and (w.line, w.column) == (3, 1)
    assert w.message_en.startswith("pupils.csv:3:1: ") and w.message_cy.startswith("pupils.csv:3:1: ")
    assert s.detail("A", "name") == "Jones, Nia" and s.detail("Z", "year_group") == ""
    assert s.pupil("Z").date_of_birth is None and len(s.register("Z")) == 0


# ---- errors: all or nothing -------------------------------------------------------------------------

BAD = (b"pupil_id,start_date,marks\n"
       b"A,2024-09-02,/\\\n"
       b"B,2024-09-31,/\\\n"          # line 3: not a date (column 3)
       b"C,2024-09-02,/\\Q\n"         # line 4: Q is no code (column 14 + 2)
       b"\"D,2024-09-02,/\\\n")       # line 5: unterminated quote (column 1)


def test_malformed_file_raises_and_leaves_the_school_unchanged(calendar):
    s = ssat.School(ssat.CodeSet.builtin())
    s.import_csv(b"pupil_id,start_date,marks\nA,2024-09-09,OO\nE,2024-09-02,/\n", source="good.csv")
    before = totals_of(s, calendar)
    with pytest.raises(ssat.InvalidData, match=r"3 errors in bad\.csv; first: bad\.csv:3:3: ") as info:
        s.import_csv(BAD, source="bad.csv")
    exc = info.value
    assert isinstance(exc, ValueError) and exc.status == ssat.Status.ERR_INVALID_DATA
    problems = exc.problems
    assert all(isinstance(p, ssat.Problem) and p.is_error for p in problems)
    assert [(p.id, p.line, p.column) for p in problems] == [
        ("import.date", 3, 3), ("import.unknown_code", 4, 16), ("import.quote", 5, 1)]
    assert [p.message_en.split(": ")[0] for p in problems] == ["bad.csv:3:3", "bad.csv:4:16", "bad.csv:5:1"]
    assert "Q" in problems[1].message_en and problems[1].message_cy.startswith("bad.csv:4:16: ")
    # Nothing changed: same pupils, same registers (A's good row in the bad file was not added either).
    assert s.ids == ["A", "E"] and totals_of(s, calendar) == before
    # The same file through a stream, and by hand: the same problems.
    with pytest.raises(ssat.InvalidData) as again:
        s.import_csv(io.BytesIO(BAD), source="bad.csv", chunk_size=3)
    assert [str(p) for p in again.value.problems] == [str(p) for p in problems]
    imp = s.begin_import(source="bad.csv")
    imp.feed(BAD)
    assert [p.id for p in imp.problems][:2] == ["import.date", "import.unknown_code"]
    with pytest.raises(ssat.InvalidData):
        imp.finish()
    assert not imp.is_open and len(imp.problems) == 3
    assert imp.error_count == 3
    # Problems shown as they come may be forgotten; errors still fail the import.
    imp = s.begin_import(source="bad.csv")
    imp.feed(BAD)
    assert imp.error_count >= 2
    imp.clear_problems()
    assert imp.problems == [] and imp.error_count == 0
    with pytest.raises(ssat.InvalidData):
        imp.finish()
    with pytest.raises(ssat.StateError):
        imp.finish()
    with pytest.raises(ssat.StateError):
        imp.feed(b"x")
    # A mark already in the school: a duplicate, and still nothing changes.
    with pytest.raises(ssat.InvalidData) as dup:
        s.import_csv(b"pupil_id,date,session,mark\nE,2024-09-03,AM,/\nA,2024-09-09,AM,/\n", source="dup.csv")
    assert [(p.id, p.line) for p in dup.value.problems] == [("import.duplicate_mark", 3)]
    assert totals_of(s, calendar) == before
    s.import_csv(b"pupil_id,date,session,mark\nE,2024-09-03,AM,/\n")  # the school still imports
    assert len(s.register("E")) == 2


def test_header_and_kind_errors():
    s = ssat.School(ssat.CodeSet.builtin())
    for data, kind, pid in ((b"", "auto", "import.empty"), (b"id,when\nA,B\n", "auto", "import.header_unknown"),
                            (b"pupil_id,marks\nA,/\n", "wide", "import.header"),
                            (b"pupil_id,start_date,marks\nA,2024-09-07,/\n", "wide", "import.start_weekday")):
        with pytest.raises(ssat.InvalidData) as info:
            s.import_csv(data, kind=kind, source="h.csv")
        assert info.value.problems[0].id == pid
    assert len(s) == 0 and s.last_date() is None
    with pytest.raises(FileNotFoundError):
        s.import_csv(DATA_DIR / "no_such_file.csv")
    with pytest.raises(TypeError):
        s.import_csv(42)
    with pytest.raises(TypeError):
        ssat.School("wales-2010")


def test_one_import_at_a_time():
    s = ssat.School(ssat.CodeSet.builtin())
    imp = s.begin_import()
    with pytest.raises(ssat.StateError, match="another import"):
        s.import_csv(b"pupil_id,start_date,marks\nA,2024-09-02,/\n")
    imp.close()
    imp.close()
    assert not imp.is_open and repr(imp) == "<ssat.Import '<input>'>"
    s.import_csv(b"pupil_id,start_date,marks\nA,2024-09-02,/\n")
    # An abandoned import changes nothing.
    with s.begin_import("long") as imp2:
        imp2.feed(b"pupil_id,date,session,mark\nB,2024-09-02,AM,/\n")
    assert s.ids == ["A"]


def test_calendar_imports():
    cal = ssat.Calendar(2024)
    assert cal.import_terms("name,start,end\nautumn,2024-09-02,2024-12-20\nspring,2025-01-06,2025-04-11\n") == []
    assert [t.name for t in cal.terms] == ["autumn", "spring"]
    with open(CLOSURES, "rb") as f:
        cal.import_closures(f)
    assert not cal.is_school_day("2024-10-28")
    before = cal.terms
    with pytest.raises(ssat.InvalidData) as info:
        cal.import_terms(b"name,start,end\na,2024-09-02,2024-12-20\nb,2024-12-01,2025-04-11\nc,2025-04-31,2025-05-01\n",
                         source="terms.csv")
    ids = [(p.id, p.line) for p in info.value.problems]
    assert ("import.term_overlap", 3) in ids and ("import.date", 4) in ids
    assert all(p.message_en.startswith(f"terms.csv:{p.line}:{p.column}: ") for p in info.value.problems)
    assert cal.terms == before
    with pytest.raises(ssat.InvalidData) as info:
        cal.import_closures(b"name,start,end\nx,2024-09-10,2024-09-09\n")
    assert info.value.problems[0].id == "import.date_order"
    assert info.value.problems[0].message_en.startswith("<input>:2:")
    with pytest.raises(TypeError):
        cal.import_terms(3.5)


# ---- lifetimes --------------------------------------------------------------------------------------

def test_register_and_pupil_outlive_the_school(calendar):
    s = ssat.School(ssat.CodeSet.builtin())
    s.import_csv(SAMPLE)
    s.import_csv(PUPILS, kind="pupils")
    reg, pupil, codes = s.register("P00001"), s.pupil("P00001"), s._n.codeset()
    del s
    gc.collect()
    assert reg.summary(calendar.window_year_to_date(AS_OF)).attended == 323
    assert pupil.date_of_birth == datetime.date(2013, 2, 11) and codes.name() == "wales-2010"
    policy = ssat.Policy.builtin("carmarthenshire")
    pupil.set_fact(ssat.PupilFact.ON_ROLL, True)
    decision = ssat.evaluate_referral(policy, reg, calendar, AS_OF, pupil)
    r1 = decision["referral.r1.attendance"]
    assert (r1.value, r1.whole) == (323, 380) and r1.met
    del reg, pupil
    gc.collect()


def test_a_reference_cycle_through_the_school_is_safe(calendar):
    s = ssat.School(ssat.CodeSet.builtin())
    s.import_csv(b"pupil_id,start_date,marks\nA,2024-09-02,/\\O\n")
    s._n.me = s._n  # a cycle through the native object
    reg = s.register("A")
    del s
    gc.collect()
    assert reg.mark("2024-09-03", ssat.AM) == "O"


def test_the_import_keeps_its_school_alive():
    s = ssat.School(ssat.CodeSet.builtin())
    imp = s.begin_import("wide", "late.csv")
    native_school = s._n
    del s
    imp.feed(b"pupil_id,start_date,marks\nA,2024-09-02,/\\\n")
    gc.collect()
    imp.finish()
    assert native_school.count() == 1
    del native_school
    gc.collect()
    # Dropping an open import and its school together, in any order.
    for order in range(2):
        s = ssat.School(ssat.CodeSet.builtin())
        imp = s.begin_import()
        imp.feed(b"pupil_id,start_date,marks\nA,2024-09-02,/\n")
        if order:
            del imp, s
        else:
            del s, imp
        gc.collect()


def test_school_facts_stay_with_the_school():
    s = ssat.School(ssat.CodeSet.builtin())
    s.import_csv(b"pupil_id,date_of_birth\nA,2013-02-11\n", kind="pupils")
    s.pupil("A").set_fact(ssat.PupilFact.SUPPORT_OFFERED, True)
    assert s.pupil("A").fact(ssat.PupilFact.SUPPORT_OFFERED) == ssat.Fact.YES


def test_school_registers_are_read_only():
    s = ssat.School(ssat.CodeSet.builtin())
    s.import_csv(b"pupil_id,start_date,marks\nA,2024-09-02,/\n")
    reg = s.register("A")
    for call in (lambda: reg.add_mark("2024-09-02", "PM", "/"), lambda: reg.amend_mark("2024-09-02", "AM", "O"),
                 lambda: reg.add_marks("2024-09-03", "/")):
        with pytest.raises(ssat.StateError, match="read-only"):
            call()
    assert reg.mark("2024-09-02", "AM") == "/" and len(reg) == 1
    assert not reg._n.thisown
    # A register of the program's own stays writable.
    own = ssat.Register(s.codeset)
    own.add_mark("2024-09-02", "AM", "/")
    assert own._n.thisown


# ---- the native layer (the same classes as PHP's) ---------------------------------------------------

def test_native_school():
    codes = native.SsatCodeSet.builtin("wales-2010")
    s = native.SsatSchool(codes)
    with pytest.raises(ssat.NotFound):
        s.last_date()
    rec = s.import_string("pupil_id,start_date,marks\nB,2024-09-02,/\\\nA,2024-09-02,O\n", native.SSAT_CSV_AUTO,
                          "n.csv")
    assert rec == {"source": "n.csv", "kind": "auto", "rows": 2, "problems": []}
    assert (s.count(), s.ids(), s.pupil_id(0), s.pupil_id(1)) == (2, ["A", "B"], "A", "B")
    with pytest.raises(ssat.RangeError, match="pupil 2 does not exist: the school has 2 pupil"):
        s.pupil_id(2)
    assert (s.index("B"), s.contains("A"), s.contains("Z")) == (1, True, False)
    assert s.codeset().name() == "wales-2010"
    assert s.last_date() == datetime.date(2024, 9, 2)
    assert s.locate("B", "2024-09-02", "PM") == {"source": "n.csv", "line": 2, "column": 15}
    assert s.detail("A", "name") == ""
    with pytest.raises(ssat.InvalidArgument, match="'age' is not a pupil detail"):
        s.detail("A", "age")
    for call in (lambda: s.index("Z"), lambda: s.register("Z"), lambda: s.pupil("Z"), lambda: s.detail("Z", "name"),
                 lambda: s.locate("Z", "2024-09-02", "AM")):
        with pytest.raises(ssat.NotFound):
            call()
    rec = s.import_file(str(DATA_DIR / "pupils_2024.csv"), native.SSAT_CSV_PUPILS)
    assert rec["rows"] == 1000 and rec["source"].endswith("pupils_2024.csv")
    assert {p["id"] for p in rec["problems"]} == {"import.pupil_unknown"}
    rec = s.import_string(b"pupil_id,start_date,marks\nX,2024-09-09,/\n", native.SSAT_CSV_WIDE)
    assert [p["id"] for p in rec["problems"]] == ["import.pupil_no_record"]
    with pytest.raises(ssat.NotFound, match="cannot open"):
        s.import_file(str(DATA_DIR / "missing.csv"))
    with pytest.raises(ssat.InvalidArgument):
        s.import_file(None)
    with pytest.raises(ssat.InvalidArgument):
        s.begin_import(9)
    imp = s.begin_import(native.SSAT_CSV_LONG)
    imp.feed("pupil_id,date,session,mark\nA,2024-09-03,AM,/\n")
    assert imp.finish()["rows"] == 1 and imp.source() == "<input>" and not imp.is_open()
    assert [p["id"] for p in imp.problems()] == ["import.pupil_no_record"]  # A is not in the pupils file
    with pytest.raises(ssat.InvalidArgument):
        native.SsatSchool(None)
    cal = native.SsatCalendar(2024)
    assert cal.import_terms(TERMS.read_bytes(), "terms.csv") == []
    assert cal.term_count() == 3
    with pytest.raises(ssat.InvalidData) as info:
        cal.import_closures("name,start,end\nx,2023-09-02,2023-09-03\n")
    assert info.value.problems[0]["id"] == "import.date_range"


def test_import_on_two_threads(school, calendar, sample_bytes):
    """set_threads(2): a feed of 256 KiB or more is tokenized on a second thread; the school is the same."""
    assert len(sample_bytes) >= 256 * 1024
    s = ssat.School(ssat.CodeSet.builtin("wales-2010"))
    imp = s.begin_import(source="sample.csv")
    imp.set_threads(2)
    imp.feed(sample_bytes)
    imp.finish()
    assert s.ids == school.ids and totals_of(s, calendar) == totals_of(school, calendar)
    imp = s.begin_import(source="again.csv")
    with pytest.raises(ssat.InvalidArgument, match=r"ssat_import_set_threads: threads is 3"):
        imp.set_threads(3)
    imp.close()
    with pytest.raises(ssat.StateError):
        imp.set_threads(2)
