"""Version, status texts, the error state and one exception class per ssat_status."""
import datetime
import re

import pytest

import ssat
from ssat import native


def test_version_matches_headers():
    assert re.fullmatch(r"\d+\.\d+\.\d+", ssat.version())
    assert ssat.version() == native.SSAT_VERSION_STRING == ssat.__version__
    assert ssat.version_number() == native.SSAT_VERSION_NUMBER
    major, minor, patch = map(int, ssat.version().split("."))
    assert ssat.version_number() == major * 10000 + minor * 100 + patch


def test_status_str():
    assert ssat.status_str(ssat.Status.OK) == native.ssat_status_str(0)
    assert ssat.status_str(ssat.Status.ERR_INVALID_ARG) == "invalid argument"
    assert ssat.status_str(-1000) == "unknown status"


def test_error_state_functions():
    native.ssat_error_clear()
    assert native.ssat_error_status() == 0
    assert native.ssat_error_message() == ""
    with pytest.raises(ssat.ParseError):
        native.ssat_date_parse("nope")
    # The binding read the message at the failure; the C state still holds it on this thread.
    assert native.ssat_error_status() == native.SSAT_ERR_PARSE
    assert "nope" in native.ssat_error_message() or native.ssat_error_message()
    native.ssat_error_clear()
    assert native.ssat_error_status() == 0 and native.ssat_error_message() == ""


EXPECTED = [
    # class, status, extra Python base
    (ssat.NoMemory, native.SSAT_ERR_NOMEM, MemoryError),
    (ssat.InvalidArgument, native.SSAT_ERR_INVALID_ARG, ValueError),
    (ssat.ParseError, native.SSAT_ERR_PARSE, ValueError),
    (ssat.NotEvaluable, native.SSAT_ERR_NOT_EVALUABLE, None),
    (ssat.StateError, native.SSAT_ERR_STATE, None),
    (ssat.RangeError, native.SSAT_ERR_RANGE, ValueError),
    (ssat.UnknownCode, native.SSAT_ERR_UNKNOWN_CODE, ValueError),
    (ssat.Duplicate, native.SSAT_ERR_DUPLICATE, None),
    (ssat.NotFound, native.SSAT_ERR_NOT_FOUND, LookupError),
    (ssat.InvalidData, native.SSAT_ERR_INVALID_DATA, ValueError),
]


@pytest.mark.parametrize("cls,status,base", EXPECTED, ids=[c.__name__ for c, _, _ in EXPECTED])
def test_exception_classes(cls, status, base):
    assert issubclass(cls, ssat.Error) and issubclass(ssat.Error, Exception)
    assert cls.__module__ == "ssat" and cls.__name__ in ssat.__all__
    assert cls.status == status
    assert ssat.exception_for_status(status) is cls
    if base is not None:
        assert issubclass(cls, base)
    assert cls.__doc__


def test_every_status_has_its_own_class():
    statuses = [s for s in ssat.Status if s != ssat.Status.OK]
    assert sorted(ssat.EXCEPTIONS) == sorted(int(s) for s in statuses)
    assert len(set(ssat.EXCEPTIONS.values())) == len(statuses)
    assert ssat.exception_for_status(-999) is ssat.Error


def _raised(call):
    with pytest.raises(ssat.Error) as info:
        call()
    exc = info.value
    assert isinstance(exc.message, str) and exc.message == str(exc) and exc.message
    assert exc.status == type(exc).status
    return exc


def test_each_status_raised_by_a_real_call(wales):
    cal = ssat.Calendar(2024)
    reg = ssat.Register(wales)
    reg.add_mark("2024-09-02", ssat.AM, "/")
    cases = {
        ssat.InvalidArgument: lambda: ssat.date_from_ymd(2023, 2, 29),
        ssat.ParseError: lambda: ssat.parse_date("2024-9-2"),
        ssat.NotEvaluable: lambda: ssat.percent_tenths(0, 0),
        ssat.StateError: lambda: wales.define("Q", ssat.Category.PRESENT),
        ssat.RangeError: lambda: ssat.parse_date("1500-01-01"),
        ssat.UnknownCode: lambda: reg.add_mark("2024-09-03", ssat.AM, "Q"),
        ssat.Duplicate: lambda: reg.add_mark("2024-09-02", "AM", "/"),
        ssat.NotFound: lambda: ssat.CodeSet.builtin("scotland-1999"),
        ssat.InvalidData: lambda: reg.add_marks("2024-09-09", "/Q"),
    }
    for cls, call in cases.items():
        exc = _raised(call)
        assert type(exc) is cls, (cls, exc)
    assert "Q" in _raised(cases[ssat.UnknownCode]).message
    assert "scotland-1999" in _raised(cases[ssat.NotFound]).message
    assert cal.school_year == 2024


def test_nomemory_is_a_memoryerror_that_can_be_raised():
    exc = ssat.NoMemory("out of memory")
    assert isinstance(exc, MemoryError) and isinstance(exc, ssat.Error)
    with pytest.raises(MemoryError):
        raise exc


def test_invalid_data_carries_every_problem(wales):
    reg = ssat.Register(wales)
    with pytest.raises(ssat.InvalidData) as info:
        reg.add_marks("2024-09-02", "/QZ\\K")
    probs = info.value.problems
    assert [p.column for p in probs] == [2, 5]
    assert all(isinstance(p, ssat.Problem) and p.is_error for p in probs)
    assert probs[0].id == "register.unknown_code" and probs[0].field == "marks"
    assert probs[0].date == datetime.date(2024, 9, 2) and probs[0].half == ssat.PM
    assert '"Q"' in probs[0].message_en and "wales-2010" in probs[0].message_cy
    assert len(reg) == 0  # all or nothing


def test_type_errors_are_python_type_errors(wales):
    reg = ssat.Register(wales)
    with pytest.raises(TypeError):
        reg.add_mark(20240902, ssat.AM, "/")
    with pytest.raises(TypeError, match="datetime"):
        reg.add_mark(datetime.datetime(2024, 9, 2, 9, 0), ssat.AM, "/")
    with pytest.raises(TypeError):
        reg.add_mark("2024-09-02", 1.0, "/")
    with pytest.raises(TypeError):
        reg.add_marks("2024-09-02", 42)
    with pytest.raises(TypeError):
        ssat.Register("wales-2010")
    with pytest.raises(ssat.InvalidArgument):
        reg.add_mark("2024-09-02", 2, "/")
    with pytest.raises(ssat.InvalidArgument):
        reg.add_mark("2024-09-02", "noon", "/")


def test_messages_name_the_argument():
    cal = ssat.Calendar(2024)
    with pytest.raises(ssat.ParseError, match="as_of"):
        cal.window_year_to_date("2025-02-30")
