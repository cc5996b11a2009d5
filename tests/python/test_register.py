"""Registers: marks in every accepted form, zero-copy bulk marks, queries, validation, lifetimes."""
import array
import datetime
import gc
import mmap

import pytest

import ssat
from ssat import native

D = datetime.date


def test_add_mark_half_forms_and_queries(wales):
    reg = ssat.Register(wales)
    assert reg.codeset is wales and len(reg) == 0
    reg.add_mark(D(2024, 9, 2), ssat.AM, "/")
    reg.add_mark("2024-09-02", "PM", "\\")
    reg.add_mark("2024-09-03", "am", "L")
    reg.add_mark("2024-09-03", 1, "-")  # explicit missing mark
    reg.add_mark("2024-09-04", native.SSAT_AM, "")  # explicit missing mark, too
    assert len(reg) == reg.entry_count == 5
    assert reg.mark("2024-09-02", ssat.AM) == "/"
    assert reg.mark("2024-09-02", "PM") == "\\"
    assert reg.mark("2024-09-03", ssat.PM) == "-"
    assert reg.mark("2024-09-04", ssat.AM) == "-"
    assert reg.mark("2024-09-05", ssat.AM) is None
    reg.amend_mark("2024-09-03", ssat.PM, "I")
    assert reg.mark("2024-09-03", ssat.PM) == "I"
    with pytest.raises(ssat.NotFound):
        reg.amend_mark("2024-09-05", ssat.AM, "I")
    with pytest.raises(ssat.UnknownCode):
        reg.amend_mark("2024-09-03", ssat.PM, "Q")
    assert reg.span() == ssat.Window(D(2024, 9, 2), ssat.AM, D(2024, 9, 4), ssat.AM)
    assert reg.window_last_sessions("2024-09-04", 2) == ssat.Window(D(2024, 9, 3), ssat.PM, D(2024, 9, 4), ssat.PM)
    with pytest.raises(ssat.NotFound):
        reg.window_last_sessions("2024-08-30", 2)
    with pytest.raises(ssat.NotFound):
        ssat.Register(wales).span()


MARKS = "/\\/\\I\\O\\L\\" + "." * 10 + "/\\"  # Mon-Fri, a week off, Monday


@pytest.mark.parametrize("kind", ["str", "bytes", "bytearray", "memoryview", "array", "mmap"])
def test_add_marks_accepts_str_and_any_buffer(wales, kind):
    raw = MARKS.encode("ascii")
    if kind == "str":
        marks = MARKS
    elif kind == "bytes":
        marks = raw
    elif kind == "bytearray":
        marks = bytearray(raw)
    elif kind == "memoryview":
        marks = memoryview(b"xx" + raw)[2:]  # a slice of a larger buffer: no copy
    elif kind == "array":
        marks = array.array("b", raw)
    else:
        marks = mmap.mmap(-1, len(raw))
        marks.write(raw)
    reg = ssat.Register(wales)
    reg.add_marks("2024-09-02", marks)
    assert len(reg) == 12
    assert reg.mark("2024-09-05", ssat.AM) == "O" and reg.mark("2024-09-06", ssat.AM) == "L"
    assert reg.mark("2024-09-09", ssat.AM) is None  # "." : the school did not meet
    assert reg.mark("2024-09-16", ssat.PM) == "\\"
    s = reg.summary(reg.span())
    assert (s.possible, s.attended, s.authorised, s.unauthorised, s.late_before_close) == (12, 10, 1, 1, 1)


def test_add_marks_is_all_or_nothing(wales):
    reg = ssat.Register(wales)
    reg.add_mark("2024-09-03", ssat.AM, "/")
    with pytest.raises(ssat.InvalidData) as info:
        reg.add_marks("2024-09-02", "/\\/\\")  # the 3rd session already has an entry
    assert [(p.id, p.column) for p in info.value.problems] == [("register.duplicate_mark", 3)]
    assert len(reg) == 1
    with pytest.raises(ssat.InvalidArgument):
        reg.add_marks("2024-09-07", "/\\")  # a Saturday
    with pytest.raises(TypeError):
        reg.add_marks("2024-09-02", ["/"])


def test_welsh_problem_messages_are_utf8(wales):
    reg = ssat.Register(wales)
    with pytest.raises(ssat.InvalidData) as info:
        reg.add_marks("2024-09-02", "Q")
    p = info.value.problems[0]
    assert p.message(ssat.Lang.CY) == p.message_cy and "nid yw'r cod" in p.message_cy
    assert p.message_cy.encode("utf-8").decode("utf-8") == p.message_cy


def test_validate_reports_every_problem(wales, calendar_2024):
    reg = ssat.Register(wales)
    # Wed 4 Sep .. Fri 6 Sep; Saturday mark; a gap on Monday 9 Sep; a provisional N.
    reg.add_marks("2024-09-04", "/\\-\\N\\")
    reg.add_mark("2024-09-07", ssat.AM, "/")
    reg.add_marks("2024-09-10", "/\\")
    problems = reg.validate(calendar_2024)
    ids = sorted(p.id for p in problems)
    assert ids.count("register.missing_mark") == 3  # the "-" and both sessions of Monday 9 Sep
    assert "register.non_school_day" in ids and "register.provisional" in ids
    by_id = {p.id: p for p in problems}
    assert by_id["register.non_school_day"].severity == ssat.Severity.WARNING
    assert by_id["register.non_school_day"].date == D(2024, 9, 7)
    assert by_id["register.provisional"].half == ssat.AM
    assert all(p.message_en and p.message_cy for p in problems)
    assert sum(p.is_error for p in problems) == 3


def test_register_outlives_its_codeset_handle():
    # Native handles: the C library keeps the code set alive for the register.
    codes = native.SsatCodeSet.builtin("wales-2010")
    reg = native.SsatRegister(codes)
    del codes
    gc.collect()
    reg.add_marks("2024-09-02", "/\\I\\")
    assert reg.codeset_name() == "wales-2010" and len(reg.codes()) == 26
    rec = reg.summary(ssat.window_range("2024-09-02", "2024-09-03"))
    assert rec["possible"] == 4 and rec["attended"] == 3
    # The Pythonic layer, too.
    codes = ssat.CodeSet.builtin()
    reg2 = ssat.Register(codes)
    del codes
    gc.collect()
    reg2.add_mark("2024-09-02", ssat.AM, "/")
    assert reg2.codeset.name == "wales-2010"


def test_summary_outlives_register(wales):
    reg = ssat.Register(wales)
    reg.add_marks("2024-09-02", "/\\I\\O\\")
    native_summary = reg._n.compute(reg.span())
    summary = reg.summary(reg.span())
    del reg
    gc.collect()
    assert summary.compare("attendance", "<", 90)
    assert summary.code_count("O") == 1
    assert native_summary.totals()["possible"] == 6
    assert native_summary.window()["first_date"] == D(2024, 9, 2)
    assert native_summary.attendance_tenths() == 667
