"""Summaries and exact thresholds: the worked examples of docs/rules.md, "Worked examples", 85 % exactly."""
import dataclasses
import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

import ssat
from ssat import native

from conftest import register_with

D = datetime.date
MONDAY = D(2024, 9, 2)


def summary_of(codes, marks, start=MONDAY):
    reg = register_with(codes, start, marks)
    return reg.summary(reg.span())


def test_example_1_percent_and_persistent_absence(wales):
    # present 80, L 5, V 2, I 5, O 8, plus 6 "#" (not counted)
    s = summary_of(wales, "/" * 80 + "L" * 5 + "V" * 2 + "I" * 5 + "O" * 8 + "#" * 6)
    assert (s.possible, s.attended, s.authorised, s.unauthorised, s.not_counted) == (100, 87, 5, 8, 6)
    assert (s.present, s.approved_activity, s.late_before_close, s.illness, s.entries) == (85, 2, 5, 5, 106)
    assert s.evaluable and s.attendance_tenths == 870 and s.attendance_pct == 87.0
    assert s.compare("absence", ">=", 10)  # persistently absent: 13 % >= 10 %
    assert not s.compare("attendance", "<=", 85)  # R1 not met
    assert s.compare(ssat.Rate.UNAUTHORISED, ssat.Comparator.LT, 10)
    assert s.code_counts["O"] == 8 and s.code_counts["#"] == 6 and s.code_counts["G"] == 0
    assert s.possible == s.attended + s.authorised + s.unauthorised


def test_example_2_exactly_85_percent_is_inclusive(wales):
    s = summary_of(wales, "/" * 323 + "O" * 57)
    assert (s.possible, s.attended) == (380, 323)
    assert s.attendance_pct == 85.0 and s.attendance_tenths == 850
    assert s.compare("attendance", "<=", 85)  # R1 met: 323*100 == 85*380
    assert not s.compare("attendance", "<", 85)
    assert s.compare("attendance", "<", 90)
    assert s.compare("attendance", ">=", 85) and not s.compare("attendance", ">", 85)
    assert ssat.percent_compare(323, 380, "<=", 85) and not ssat.percent_compare(322, 380, ">=", 85)
    assert ssat.percent_tenths(323, 380) == 850
    # A figure never contradicts its decision: 312 of 367 is 85.0136 %, not at or below 85 %.
    assert ssat.percent_text(312, 367) == "85.0"
    assert ssat.percent_text(312, 367, 85) == "85.01"
    assert ssat.percent_text(341, 379, 90) == "89.97" and ssat.percent_text(323, 380, 85) == "85.0"
    assert native.ssat_percent_decimals(312, 367, 85, 1) == 2
    with pytest.raises(ssat.InvalidArgument):
        native.ssat_percent_format(1, 3, 0)
    # One session fewer is just under: 322/380 = 84.7 %.
    assert summary_of(wales, "/" * 322 + "O" * 58).attendance_pct == 84.7


def test_example_3_not_evaluable(wales):
    s = summary_of(wales, "Z" * 6 + "#" * 4)
    assert not s.evaluable and s.possible == 0 and s.not_counted == 10
    assert s.attendance_pct is None and s.attendance_tenths is None
    with pytest.raises(ssat.NotEvaluable):
        s.compare("attendance", "<=", 85)
    with pytest.raises(ssat.NotEvaluable):
        s._native.attendance_tenths()
    with pytest.raises(ssat.NotEvaluable):
        ssat.percent_compare(0, 0, "<", 90)
    assert "n/a" in str(s)


def _autumn_with(codes, holiday_code):
    # Year to date 60 possible sessions, 50 attended, 10 holiday sessions in the autumn term.
    reg = register_with(codes, MONDAY, "/" * 50 + holiday_code * 10)
    cal = ssat.Calendar(2024)
    return reg.summary(cal.window_term("2024-10-11", "autumn")), reg.summary(cal.window_year_to_date("2024-10-11"))


def test_example_4_holiday_limb(wales):
    term, ytd = _autumn_with(wales, "G")
    assert term.holiday_unauthorised == 10 and term.code_counts["G"] == 10 and term.unauthorised == 10
    assert (ytd.possible, ytd.attended, ytd.attendance_pct) == (60, 50, 83.3)
    fpn_holiday_limb = term.holiday_unauthorised >= 10 and ytd.compare("attendance", "<", 90)
    assert fpn_holiday_limb
    term_h, ytd_h = _autumn_with(wales, "H")
    assert term_h.holiday_unauthorised == 0 and term_h.holiday_authorised == 10 and term_h.unauthorised == 0
    assert not (term_h.holiday_unauthorised >= 10 and ytd_h.compare("attendance", "<", 90))
    assert ytd_h.compare("attendance", "<=", 85)  # R1 holds though


@pytest.mark.parametrize("pct,expected", [
    (85, (85, 1)), ("85", (85, 1)), ("33.3", (333, 10)), ("33.3 %", (333, 10)), (Fraction(1, 3), (1, 3)),
    (Decimal("87.5"), (175, 2)), ("1/3", (1, 3)), (0, (0, 1)),
])
def test_percent_fraction_is_exact(pct, expected):
    assert ssat.percent_fraction(pct) == expected


def test_percent_fraction_refuses_inexact_or_bad_values():
    with pytest.raises(TypeError):
        ssat.percent_fraction(33.3)
    with pytest.raises(TypeError):
        ssat.percent_fraction(True)
    with pytest.raises(ssat.ParseError):
        ssat.percent_fraction("a lot")
    with pytest.raises(ssat.InvalidArgument):
        ssat.percent_fraction(-1)
    with pytest.raises(ssat.RangeError):
        ssat.percent_fraction(Fraction(1, 2**40))


def test_compare_with_fractional_thresholds(wales):
    s = summary_of(wales, "/" + "O" * 2)  # 1 of 3 = 33.333... %
    assert s.compare("attendance", ">", "33.3") and s.compare("attendance", "<", "33.4")
    assert s.compare("attendance", "<=", Fraction(100, 3)) and s.compare("attendance", ">=", Fraction(100, 3))
    assert s.compare("attendance", "<", Decimal("33.34"))
    assert s.attendance_pct == 33.3
    with pytest.raises(ssat.InvalidArgument):
        s.compare("presence", "<", 90)
    with pytest.raises(ssat.InvalidArgument):
        s.compare("attendance", "==", 90)
    with pytest.raises(ssat.InvalidArgument):
        s._native.compare(native.SSAT_RATE_ATTENDANCE, native.SSAT_CMP_LT, 90, 0)


def test_summary_is_a_frozen_dataclass_with_every_total(wales):
    s = summary_of(wales, "/\\GNU\\")
    assert dataclasses.is_dataclass(s)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.possible = 0
    assert set(s.totals) == set(ssat.TOTALS_FIELDS)
    assert (s.provisional, s.late_after_close, s.holiday_unauthorised) == (1, 1, 1)
    assert s.window == ssat.Window(MONDAY, ssat.AM, D(2024, 9, 4), ssat.PM)
    assert s == summary_of(wales, "/\\GNU\\")
    assert hash(s) == hash(summary_of(wales, "/\\GNU\\"))
    with pytest.raises(ssat.UnknownCode):
        s.code_count("Q")
    missing = summary_of(wales, "/-\\")
    assert missing.missing == 1 and missing.possible == 2


def test_native_summary_record_matches(wales):
    reg = register_with(wales, MONDAY, "/\\I\\O\\")
    obj = native.SsatSummary(reg._n, reg.span())
    assert obj.evaluable() and obj.attendance_tenths() == 667 and obj.code_count("I") == 1
    assert obj.compare(native.SSAT_RATE_ATTENDANCE, native.SSAT_CMP_LT, 667, 10)
    rec = obj.record()
    assert "code_counts" not in rec and rec["possible"] == 6
    assert obj.record(wales._n)["code_counts"]["O"] == 1
    assert reg._n.summary(reg.span())["attendance_pct"] == 66.7


def test_summaries_outlive_their_register_code_set_and_calendar():
    """A summary keeps what its exact comparisons read: the register, code set and calendar it came from
    may all be gone."""
    import gc
    codes = ssat.CodeSet.builtin()
    cal = ssat.Calendar(2024)
    window = cal.window_year_to_date("2024-09-13")
    out = [register_with(codes, MONDAY, marks).summary(window) for marks in ("/\\/\\OO", "/\\/\\/\\/\\", "OO")]
    del codes, cal
    gc.collect()
    assert [s.compare("attendance", "<", 90) for s in out] == [True, False, True]
    assert [s.code_count("O") for s in out] == [2, 0, 2]
