"""ssat.evaluate_many (deprecated, now a loop in Python over Register) against per-pupil summaries."""
import gc

import pytest

import ssat

pytestmark = pytest.mark.filterwarnings("ignore:ssat.evaluate_many:DeprecationWarning")

from conftest import read_csv


@pytest.fixture(scope="module")
def rows():
    return [(r["pupil_id"], r["start_date"], r["marks"]) for r in read_csv("sample_school_2024.csv")]


def test_evaluate_many_matches_one_by_one(rows, wales, calendar_2024):
    window = calendar_2024.window_year_to_date("2025-07-18")
    many = ssat.evaluate_many(wales, calendar_2024, window, rows)
    assert len(many) == len(rows) == 1000
    for (pupil_id, start, marks), s in zip(rows, many):
        reg = ssat.Register(wales)
        reg.add_marks(start, marks)
        one = reg.summary(window)
        assert s.pupil_id == pupil_id
        assert dataclasses_equal(s, one)
        errors = [p for p in reg.validate(calendar_2024) if p.is_error]
        assert s.register_errors == len(errors)
    by_id = {s.pupil_id: s for s in many}
    assert (by_id["P00001"].possible, by_id["P00001"].attended, by_id["P00001"].attendance_pct) == (380, 323, 85.0)
    assert by_id["P00001"].compare("attendance", "<=", 85)
    assert by_id["P00003"].attendance_pct == 90.0 and not by_id["P00003"].compare("attendance", "<", 90)


def dataclasses_equal(a, b):
    return a.totals == b.totals and a.window == b.window and a.code_counts == b.code_counts and \
        a.attendance_tenths == b.attendance_tenths and a.evaluable == b.evaluable


def test_evaluate_many_inputs(wales):
    window = ssat.window_range("2024-09-02", "2024-09-06")
    rows = [("A", "2024-09-02", "/\\/\\"), ("B", ssat.parse_date("2024-09-02"), b"OOOO"),
            ["C", "2024-09-02", memoryview(b"ZZ")], (42, "2024-09-02", bytearray(b"I\\"))]
    out = ssat.evaluate_many(wales, None, window, iter(rows))
    assert [s.pupil_id for s in out] == ["A", "B", "C", 42]
    assert [s.attendance_pct for s in out] == [100.0, 0.0, None, 50.0]
    assert all(s.register_errors is None and s.register_warnings is None for s in out)
    assert ssat.evaluate_many(wales, None, window, []) == []


def test_evaluate_many_errors_name_the_row(wales):
    window = ssat.window_range("2024-09-02", "2024-09-06")
    with pytest.raises(ssat.InvalidData, match=r"rows\[1\] \(pupil B\)") as info:
        ssat.evaluate_many(wales, None, window, [("A", "2024-09-02", "/\\"), ("B", "2024-09-02", "/Q")])
    assert info.value.problems[0].column == 2
    with pytest.raises(ssat.ParseError, match=r"rows\[0\]"):
        ssat.evaluate_many(wales, None, window, [("A", "2024-09-31", "/\\")])
    with pytest.raises(TypeError):
        ssat.evaluate_many(wales, None, window, [("A", "2024-09-02")])
    with pytest.raises(TypeError):
        ssat.evaluate_many(wales, None, window, [("A", "2024-09-02", 5)])
    with pytest.raises(TypeError):
        ssat.evaluate_many(wales, None, window, 5)


def test_evaluate_many_is_deprecated(wales):
    window = ssat.window_range("2024-09-02", "2024-09-06")
    with pytest.warns(DeprecationWarning, match="evaluate_school"):
        (s,) = ssat.evaluate_many(wales, None, window, [("A", "2024-09-02", "/\\")])
    assert s.pupil_id == "A" and s.attended == 2
    assert not hasattr(ssat.native, "ssat_evaluate_many")  # no loop of its own in the extension


def test_batch_summaries_outlive_everything(rows):
    codes = ssat.CodeSet.builtin()
    cal = ssat.Calendar(2024)
    out = ssat.evaluate_many(codes, cal, cal.window_year_to_date("2025-07-18"), rows[:10])
    del codes, cal
    gc.collect()
    assert sum(s.compare("attendance", "<", 90) for s in out) >= 2
