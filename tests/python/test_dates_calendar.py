"""Dates, Easter, calendars, terms, closures and windows."""
import datetime

import pytest

import ssat
from ssat import native

D = datetime.date


def test_date_functions():
    assert ssat.parse_date("2024-09-02") == D(2024, 9, 2)
    assert ssat.format_date(D(2024, 9, 2)) == "2024-09-02"
    assert ssat.format_date("2025-01-06") == "2025-01-06"
    assert ssat.date_from_ymd(2024, 2, 29) == D(2024, 2, 29)
    assert ssat.date_to_ymd("2024-02-29") == (2024, 2, 29)
    assert ssat.weekday("2024-09-02") == 1 and ssat.weekday(D(2024, 9, 8)) == 7
    assert ssat.school_year("2025-03-10") == 2024 and ssat.school_year("2024-08-01") == 2024
    assert ssat.school_year("2024-07-31") == 2023
    assert ssat.easter_sunday(2025) == D(2025, 4, 20)
    assert ssat.easter_sunday(2024) == D(2024, 3, 31)
    with pytest.raises(ssat.RangeError):
        ssat.easter_sunday(1500)
    with pytest.raises(ssat.ParseError):
        ssat.parse_date("2024-09-02 ")
    with pytest.raises(ssat.RangeError):
        ssat.format_date(D(1, 1, 1))


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
MONTHS_CY = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
             "Tachwedd", "Rhagfyr"]


def test_dates_in_words_every_month_both_languages():
    for m in range(1, 13):
        first = datetime.date(2025, m, 1)
        last = (datetime.date(2025 + m // 12, m % 12 + 1, 1) - datetime.timedelta(days=1))
        assert ssat.format_date_long(first) == "1 %s 2025" % MONTHS_EN[m - 1]
        assert ssat.format_date_long(first, "cy") == "1 %s 2025" % MONTHS_CY[m - 1]
        assert ssat.format_date_long(last, ssat.Lang.EN) == "%d %s 2025" % (last.day, MONTHS_EN[m - 1])
        assert ssat.format_date_long(last, ssat.Lang.CY) == "%d %s 2025" % (last.day, MONTHS_CY[m - 1])
    assert ssat.format_date_long("2025-07-31", "cy+en") == "31 Gorffennaf 2025 / 31 July 2025"
    assert native.ssat_date_format_long(datetime.date(2025, 7, 18), native.SSAT_LANG_CY) == "18 Gorffennaf 2025"
    assert ssat.Lang.of("CY+EN") is ssat.Lang.CY_EN
    with pytest.raises(ssat.InvalidArgument):
        ssat.format_date_long("2025-07-18", "fr")
    with pytest.raises(ssat.InvalidArgument):
        native.ssat_date_format_long(datetime.date(2025, 7, 18), 3)


def test_native_date_functions_return_dates_and_lists():
    assert native.ssat_date_parse("1583-01-01") == D(1583, 1, 1)
    assert native.ssat_date_to_ymd("9999-12-31") == [9999, 12, 31]
    assert native.ssat_date_format(D(2000, 1, 1)) == "2000-01-01"


def test_default_terms_and_closures():
    cal = ssat.Calendar(2024)
    assert cal.school_year == 2024
    assert [t.name for t in cal.terms] == ["autumn", "spring", "summer"]
    assert cal.terms[1] == ssat.Term("spring", D(2025, 1, 1), D(2025, 4, 20))  # to Easter Sunday
    assert cal.terms[2].first == D(2025, 4, 21)
    assert cal.is_school_day("2024-09-02")
    assert not cal.is_school_day("2024-09-07")  # Saturday
    cal.add_closure("2024-09-02")
    assert not cal.is_school_day("2024-09-02")
    assert cal.count_school_days("2024-09-02", "2024-09-06") == 4
    assert cal.count_school_days("2024-09-06", "2024-09-02") == 0
    with pytest.raises(ssat.RangeError):
        cal.is_school_day("2026-01-05")


def test_custom_terms(calendar_2024):
    cal = calendar_2024
    assert [(t.name, t.first, t.last) for t in cal.terms] == [
        ("autumn", D(2024, 9, 2), D(2024, 12, 20)),
        ("spring", D(2025, 1, 6), D(2025, 4, 11)),
        ("summer", D(2025, 4, 28), D(2025, 7, 18)),
    ]
    assert not cal.is_school_day("2024-09-02")  # INSET
    assert not cal.is_school_day("2024-10-30")  # half-term
    assert cal.is_school_day("2024-09-04")
    with pytest.raises(ssat.Duplicate):
        cal.add_term("autumn", "2025-07-21", "2025-07-25")
    with pytest.raises(ssat.Duplicate):
        cal.add_term("extra", "2024-12-01", "2024-12-31")
    with pytest.raises(ssat.RangeError):
        cal.add_term("next", "2025-09-01", "2025-09-30")
    with pytest.raises(ssat.InvalidArgument):
        cal.add_term("", "2025-07-21", "2025-07-25")
    native_cal = cal._n
    assert native_cal.term_count() == 3
    assert native_cal.term_at(0) == {"name": "autumn", "first": D(2024, 9, 2), "last": D(2024, 12, 20)}
    with pytest.raises(ssat.RangeError):
        native_cal.term_at(3)


def test_windows(calendar_2024):
    cal = calendar_2024
    ytd = cal.window_year_to_date("2025-03-14")
    assert ytd == ssat.Window(D(2024, 8, 1), ssat.AM, D(2025, 3, 14), ssat.PM)
    assert str(ytd) == "2024-08-01 AM .. 2025-03-14 PM"
    assert cal.window_term("2025-03-14") == ssat.Window(D(2025, 1, 6), ssat.AM, D(2025, 3, 14), ssat.PM)
    assert cal.window_term("2025-03-14", "autumn") == ssat.Window(D(2024, 9, 2), ssat.AM, D(2024, 12, 20), ssat.PM)
    # In the Easter holiday: the last term that began.
    assert cal.window_term("2025-04-16").first_date == D(2025, 1, 6)
    with pytest.raises(ssat.NotFound):
        cal.window_term("2025-03-14", "winter")
    lw = cal.window_last_weeks("2025-03-14", 2)
    assert lw.first_date == D(2025, 3, 3) and lw.last_date == D(2025, 3, 14)
    # The half-term week has no school day and is skipped.
    assert cal.window_last_weeks("2025-03-07", 2).first_date == D(2025, 2, 17)
    with pytest.raises(ssat.InvalidArgument):
        cal.window_last_weeks("2025-03-14", 0)
    assert ssat.window_range("2024-09-02", D(2024, 9, 6)) == ssat.Window(D(2024, 9, 2), ssat.AM, D(2024, 9, 6), ssat.PM)
    with pytest.raises(ssat.InvalidArgument):
        ssat.window_range("2024-09-06", "2024-09-02")


def test_window_arguments_accept_records_and_tuples(wales):
    reg = ssat.Register(wales)
    reg.add_marks("2024-09-02", "/\\/\\")
    as_window = ssat.window_range("2024-09-02", "2024-09-03")
    as_dict = {"first_date": "2024-09-02", "first_half": "AM", "last_date": "2024-09-03", "last_half": "PM"}
    as_tuple = (D(2024, 9, 2), ssat.AM, D(2024, 9, 3), 1)
    assert reg.summary(as_window).possible == reg.summary(as_dict).possible == reg.summary(as_tuple).possible == 4
    # Half-day windows.
    assert reg.summary(("2024-09-02", "PM", "2024-09-03", "AM")).possible == 2
    with pytest.raises(TypeError):
        reg.summary({"first_date": "2024-09-02"})
    with pytest.raises(ssat.InvalidArgument):
        reg.summary(("2024-09-03", "AM", "2024-09-02", "PM"))
