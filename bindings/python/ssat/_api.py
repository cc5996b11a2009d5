"""The Pythonic layer over ssat.native (the SWIG module): classes, summaries, batch evaluation."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import IO, TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from . import native as _n
from ._types import (Category, Code, Comparator, Flag, Half, Lang, LangLike, Problem, Rate, Term,
                     TOTALS_FIELDS, Window, _enum_arg, _error, _int_arg, _native_of, _position)
if TYPE_CHECKING:
    from ._school import CsvMap


def _csv_map_class() -> type:
    from ._school import CsvMap  # not at the top: ssat._school imports this module
    return CsvMap

DateLike = Union[date, str]
HalfLike = Union[Half, int, str]
WindowLike = Union[Window, Mapping[str, Any], Sequence[Any]]
PercentLike = Union[int, str, Fraction, Decimal]

_UINT32_MAX = 0xFFFFFFFF


def _problems(exc: BaseException) -> None:
    """Turn the problem records of an InvalidData raised by the extension into Problem objects."""
    recs = getattr(exc, "problems", ())
    exc.problems = [p if isinstance(p, Problem) else Problem._from_record(p) for p in recs]


# ---- version, errors, dates -------------------------------------------------------------------------

def version() -> str:
    """The version of the libssat library actually loaded, "MAJOR.MINOR.PATCH"."""
    return _n.ssat_version_string()


def version_number() -> int:
    """The loaded library's version as MAJOR*10000 + MINOR*100 + PATCH."""
    return _n.ssat_version_number()


def status_str(status: int) -> str:
    """A short English description of an ssat_status value."""
    return _n.ssat_status_str(_int_arg(status, "status"))


def parse_date(text: str) -> date:
    """Parse a strict ISO 8601 date "YYYY-MM-DD" (years 1583..9999); raises ParseError/RangeError."""
    return _n.ssat_date_parse(text)


def format_date(d: DateLike) -> str:
    """A date as "YYYY-MM-DD"."""
    return _n.ssat_date_format(d)


def format_date_long(d: DateLike, lang: "LangLike" = "en") -> str:
    """A date in words for prose: "18 July 2025" (en), "18 Gorffennaf 2025" (cy), or
    "18 Gorffennaf 2025 / 18 July 2025" (cy+en). JSON and CSV keep format_date()'s ISO form."""
    return _n.ssat_date_format_long(d, int(Lang.of(lang)))


def date_from_ymd(year: int, month: int, day: int) -> date:
    """A date from year, month and day, checked by libssat (InvalidArgument for a day that does not exist)."""
    return _n.ssat_date_from_ymd(year, month, day)


def date_to_ymd(d: DateLike) -> Tuple[int, int, int]:
    """(year, month, day) of a date."""
    return tuple(_n.ssat_date_to_ymd(d))  # type: ignore[return-value]


def weekday(d: DateLike) -> int:
    """ISO weekday: 1 = Monday ... 7 = Sunday."""
    return _n.ssat_date_weekday(d)


def school_year(d: DateLike) -> int:
    """The school year a date belongs to, named by its starting year (2025-03-10 -> 2024)."""
    return _n.ssat_date_school_year(d)


def easter_sunday(year: int) -> date:
    """Easter Sunday by the Gregorian computus."""
    return _n.ssat_easter_sunday(year)


def window_range(first: DateLike, last: DateLike) -> Window:
    """The window from first (AM) to last (PM)."""
    return Window._from_record(_n.ssat_window_range(first, last))


def category_name(category: Union[Category, int], lang: LangLike = Lang.EN) -> str:
    """A category's name in English or Welsh (InvalidArgument for a value that is no category)."""
    return _n.ssat_category_name(_int_arg(category, "category"), int(Lang.of(lang)))


# ---- exact percentages ------------------------------------------------------------------------------

_OPS = {"<": Comparator.LT, "<=": Comparator.LE, ">=": Comparator.GE, ">": Comparator.GT}
_RATES = {"attendance": Rate.ATTENDANCE, "absence": Rate.ABSENCE, "unauthorised": Rate.UNAUTHORISED,
          "unauthorized": Rate.UNAUTHORISED}


#: The text of a percentage: ASCII digits with an optional point, or a ratio ("1/3"); no exponent, no "_".
_PERCENT_TEXT = re.compile(r"[-+]?(?:[0-9]+/[0-9]+|[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
#: Beyond 10**±20 a nonzero Decimal cannot fit 32-bit terms (and Fraction would build 10**exponent).
_PERCENT_EXPONENT_MAX = 20


def percent_fraction(pct: PercentLike) -> Tuple[int, int]:
    """A threshold percentage as an exact (numerator, denominator): 85 -> (85, 1), "33.3" -> (333, 10).

    Accepts int (a NumPy integer too), str ("33.3", "33.3%", "1/3": ASCII digits, no exponent), Fraction
    and Decimal. A float is refused: 33.3 has no exact binary value, and thresholds are compared exactly.
    A Decimal NaN or Infinity is a ParseError, as the str "inf" is.
    """
    if isinstance(pct, bool):
        raise TypeError("a percentage is a number, not a bool")
    if isinstance(pct, Decimal):
        if not pct.is_finite():
            raise _error(_native.ParseError, f"percentage {pct!r}: not a number such as 85 or 33.3")
        if pct and not -_PERCENT_EXPONENT_MAX <= pct.adjusted() <= _PERCENT_EXPONENT_MAX:  # 10**exponent: no
            raise _error(_native.RangeError, f"percentage {pct!r}: numerator and denominator must fit 32 bits")
        frac = Fraction(pct)
    elif isinstance(pct, (int, Fraction)):
        frac = Fraction(pct)
    elif isinstance(pct, str):
        text = pct.strip()
        if text.endswith("%"):
            text = text[:-1].strip()
        try:
            if not _PERCENT_TEXT.fullmatch(text):  # Fraction() alone reads "1e999999999" as 10**999999999
                raise ValueError(text)
            frac = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise _error(_native.ParseError, f"percentage {pct!r}: not a number such as 85 or 33.3") from None
    elif hasattr(type(pct), "__index__") and not isinstance(pct, float):  # a NumPy integer
        frac = Fraction(_int_arg(pct, "percentage"))
    elif isinstance(pct, float):
        raise TypeError(f"percentage {pct!r}: give thresholds exactly as int, str ('33.3'), Fraction or Decimal")
    else:
        raise TypeError(f"percentage: expected int, str, Fraction or Decimal, not {type(pct).__name__}")
    if frac < 0:
        raise _error(_native.InvalidArgument, f"percentage {pct!r} is negative")
    if frac.numerator > _UINT32_MAX or frac.denominator > _UINT32_MAX:
        raise _error(_native.RangeError, f"percentage {pct!r}: numerator and denominator must fit 32 bits")
    return frac.numerator, frac.denominator


def _comparator(op: Union[str, Comparator, int]) -> int:
    if isinstance(op, str):
        try:
            return int(_OPS[op.strip()])
        except KeyError:
            raise _error(_native.InvalidArgument, f"comparator {op!r}: use '<', '<=', '>=' or '>'") from None
    return int(_enum_arg(Comparator, op, "comparator"))


def _rate(rate: Union[str, Rate, int]) -> int:
    if isinstance(rate, str):
        try:
            return int(_RATES[rate.strip().lower()])
        except KeyError:
            raise _error(_native.InvalidArgument,
                         f"rate {rate!r}: use 'attendance', 'absence' or 'unauthorised'") from None
    return int(_enum_arg(Rate, rate, "rate"))


def percent_text(part: int, whole: int, threshold: Optional[PercentLike] = None) -> str:
    """part/whole as a percentage for people: one decimal, or as many as it takes never to read on the
    wrong side of `threshold` percent (312 of 367 beside 85: "85.01", not "85.0"). NotEvaluable when
    whole is 0."""
    decimals = 1
    if threshold is not None:
        num, den = percent_fraction(threshold)
        decimals = _n.ssat_percent_decimals(part, whole, num, den)
    return _n.ssat_percent_format(part, whole, decimals)


def percent_tenths(part: int, whole: int) -> int:
    """Tenths of a percent of part/whole, rounded half up (2 of 3 -> 667); NotEvaluable when whole is 0."""
    return _n.ssat_percent_tenths(part, whole)


def percent_compare(part: int, whole: int, op: Union[str, Comparator], pct: PercentLike) -> bool:
    """Exactly whether part/whole (op) pct percent: percent_compare(323, 380, "<=", 85) is True."""
    num, den = percent_fraction(pct)
    return _n.ssat_percent_compare(part, whole, _comparator(op), num, den)


# ---- summaries --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Summary:
    """Attendance over a window: every count, the percentage for people and exact comparisons.

    attendance_pct is the percentage to one decimal place (from attendance_tenths, rounded half up by
    libssat), or None when nothing was possible (not evaluable: never show 0 % or 100 %). Never
    compare attendance_pct with a threshold: use compare(), which is exact.
    """

    window: Window
    possible: int
    attended: int
    authorised: int
    unauthorised: int
    not_counted: int
    missing: int
    present: int
    approved_activity: int
    late_before_close: int
    late_after_close: int
    holiday_authorised: int
    holiday_unauthorised: int
    provisional: int
    exclusion: int
    illness: int
    entries: int
    evaluable: bool
    attendance_tenths: Optional[int]
    attendance_pct: Optional[float]
    code_counts: Dict[str, int] = field(default_factory=dict, hash=False)
    _native: Any = field(default=None, repr=False, compare=False, hash=False)

    @classmethod
    def _from_record(cls, rec: Mapping[str, Any]) -> "Summary":
        return cls(
            window=Window._from_record(rec["window"]),
            **{name: rec[name] for name in TOTALS_FIELDS},
            evaluable=rec["evaluable"],
            attendance_tenths=rec["attendance_tenths"],
            attendance_pct=rec["attendance_pct"],
            code_counts=dict(rec.get("code_counts", {})),
            _native=rec.get("summary"),
        )

    @property
    def totals(self) -> Dict[str, int]:
        """Every count as a dict (the fields of ssat_totals)."""
        return {name: getattr(self, name) for name in TOTALS_FIELDS}

    def compare(self, rate: Union[str, Rate], op: Union[str, Comparator], pct: PercentLike) -> bool:
        """Exactly whether a rate (op) pct percent, with integers (never after rounding).

        summary.compare("attendance", "<=", 85) is True for 323 of 380. pct may be an int, a str such as
        "33.3", a Fraction or a Decimal. Raises NotEvaluable when nothing was possible (no threshold holds).
        """
        num, den = percent_fraction(pct)
        return self._native.compare(_rate(rate), _comparator(op), num, den)

    def code_count(self, code: str) -> int:
        """How many marks of `code` the window holds (UnknownCode if not in the set)."""
        return self._native.code_count(code)

    def __str__(self) -> str:
        pct = "n/a" if self.attendance_pct is None else f"{self.attendance_pct:.1f}%"
        return f"{self.attended}/{self.possible} attended ({pct}), {self.unauthorised} unauthorised"


# ---- code sets --------------------------------------------------------------------------------------

class CodeSet:
    """An attendance code set: codes as data, each with its category, flags and bilingual labels.

    CodeSet.builtin("wales-2010") (the default) or "england-2024"; CodeSet("name") is an empty custom
    set to fill with define(). A set used by a register is frozen (copy() it to make a variant).
    """

    __slots__ = ("_n",)

    def __init__(self, name: str):
        self._n = _n.SsatCodeSet(name)

    @classmethod
    def _wrap(cls, native: Any) -> "CodeSet":
        obj = cls.__new__(cls)
        obj._n = native
        return obj

    @classmethod
    def builtin(cls, name: Optional[str] = None) -> "CodeSet":
        """A built-in set by name; None means "wales-2010". NotFound for an unknown name."""
        return cls._wrap(_n.SsatCodeSet.builtin(name))

    @staticmethod
    def builtin_names() -> List[str]:
        return list(_n.SsatCodeSet.builtin_names())

    def copy(self, new_name: str) -> "CodeSet":
        """An unfrozen copy with a new name."""
        return CodeSet._wrap(self._n.copy(new_name))

    def define(self, code: str, category: Union[Category, int], flags: Union[Flag, int] = Flag.NONE,
               label_en: str = "", label_cy: str = "") -> None:
        """Define or redefine a code (StateError when the set is frozen)."""
        self._n.define(code, _int_arg(category, "category"), _int_arg(flags, "flags"), label_en, label_cy)

    def remove(self, code: str) -> None:
        self._n.remove(code)

    @property
    def name(self) -> str:
        return self._n.name()

    @property
    def frozen(self) -> bool:
        return self._n.is_frozen()

    def lookup(self, code: str) -> Code:
        """The code's definition; raises UnknownCode."""
        return Code._from_record(self._n.lookup(code))

    def at(self, index: int) -> Optional[Code]:
        """The code at index (definition order), None when there is none."""
        index = _int_arg(index, "index")
        return Code._from_record(self._n.at(index)) if 0 <= index < len(self) else None

    def __len__(self) -> int:
        return self._n.count()

    def __iter__(self) -> Iterator[Code]:
        return iter([Code._from_record(r) for r in self._n.codes()])

    def __getitem__(self, key: Union[int, str]) -> Code:
        if isinstance(key, str):
            return self.lookup(key)
        return Code._from_record(self._n.at(_position(key, len(self), "code set index")))

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and any(c.code == code for c in self)

    def __repr__(self) -> str:
        return f"<ssat.CodeSet {self.name!r}: {len(self)} codes{', frozen' if self.frozen else ''}>"


# ---- CSV input --------------------------------------------------------------------------------------

#: A CSV file: a path, CSV text (a str with a line end), bytes-like data, or an open file.
CsvSource = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[Any]]


def _csv_data(file: CsvSource) -> Tuple[Union[str, bytes, bytearray, memoryview], Optional[str]]:
    """A small CSV file's whole content (read in place when bytes-like) and its name for messages."""
    if isinstance(file, (bytes, bytearray, memoryview)):
        return file, None
    if isinstance(file, str) and ("\n" in file or "\r" in file):
        return file, None
    if isinstance(file, (str, os.PathLike)):
        with open(file, "rb") as f:
            return f.read(), os.fsdecode(file)
    if hasattr(file, "read"):
        name = getattr(file, "name", None)
        return file.read(), name if isinstance(name, str) else None
    raise TypeError(f"expected a path, CSV text, bytes or an open file, not {type(file).__name__}")


# ---- calendars --------------------------------------------------------------------------------------

class Calendar:
    """A school calendar for one school year (1 Aug - 31 Jul): terms, closures, windows.

    Calendar(2024) covers 2024/25 and starts with the default census terms; clear_terms() and
    add_term() supply the authority's own.
    """

    __slots__ = ("_n",)

    def __init__(self, school_year: int):
        self._n = _n.SsatCalendar(school_year)

    @property
    def school_year(self) -> int:
        return self._n.school_year()

    @property
    def terms(self) -> List[Term]:
        return [Term(**self._n.term_at(i)) for i in range(self._n.term_count())]

    def clear_terms(self) -> None:
        self._n.clear_terms()

    def add_term(self, name: str, first: DateLike, last: DateLike) -> None:
        self._n.add_term(name, first, last)

    def add_closure(self, first: DateLike, last: Optional[DateLike] = None) -> None:
        """Days the school does not meet, first..last inclusive (one day when last is None)."""
        self._n.add_closure(first, first if last is None else last)

    def is_school_day(self, day: DateLike) -> bool:
        return self._n.is_school_day(day)

    def count_school_days(self, first: DateLike, last: DateLike) -> int:
        return self._n.count_school_days(first, last)

    def window_year_to_date(self, as_of: DateLike) -> Window:
        """1 August (AM) to as_of (PM)."""
        return Window._from_record(self._n.window_year_to_date(as_of))

    def window_term(self, as_of: DateLike, name: Optional[str] = None) -> Window:
        """The named term (default: the one holding as_of, or the last begun) up to as_of."""
        return Window._from_record(self._n.window_term(name, as_of))

    def window_last_weeks(self, as_of: DateLike, weeks: int) -> Window:
        """The last `weeks` school weeks up to as_of."""
        return Window._from_record(self._n.window_last_weeks(as_of, weeks))

    def import_terms(self, file: CsvSource, source: Optional[str] = None, map: Optional["CsvMap"] = None) -> List[Problem]:
        """Replace the terms with those of a terms file (header `name,start,end`), all or nothing.

        file: a path (str or os.PathLike), CSV text (a str holding a line end), bytes-like data or an
        open file. Raises InvalidData whose .problems give file:line:column (source: the file name in
        messages; default the path); the calendar is then unchanged. Returns the warnings. map: an
        ssat.CsvMap for an export's own column names and date format.
        """
        data, name = _csv_data(file)
        native_map = _native_of(map, _csv_map_class(), "map", optional=True)
        return self._imported(lambda: self._n.import_terms(data, source if source is not None else name, native_map))

    def import_closures(self, file: CsvSource, source: Optional[str] = None,
                        map: Optional["CsvMap"] = None) -> List[Problem]:
        """Add the closures of a closures file (`name,start,end`, name optional), all or nothing; as import_terms."""
        data, name = _csv_data(file)
        native_map = _native_of(map, _csv_map_class(), "map", optional=True)
        return self._imported(lambda: self._n.import_closures(data, source if source is not None else name,
                                                              native_map))

    @staticmethod
    def _imported(call: Any) -> List[Problem]:
        try:
            return [Problem._from_record(r) for r in call()]
        except _native.InvalidData as exc:
            _problems(exc)
            raise

    def __repr__(self) -> str:
        y = self.school_year
        return f"<ssat.Calendar {y}/{(y + 1) % 100:02d}: {len(self.terms)} terms>"


# ---- registers --------------------------------------------------------------------------------------

class Register:
    """One pupil's attendance register: one mark per dated AM/PM session."""

    __slots__ = ("_n", "_codeset")

    def __init__(self, codeset: CodeSet):
        self._n = _n.SsatRegister(_native_of(codeset, CodeSet, "codeset"))
        self._codeset = codeset

    @classmethod
    def _wrap(cls, native: Any, codeset: CodeSet) -> "Register":
        obj = cls.__new__(cls)
        obj._n = native
        obj._codeset = codeset
        return obj

    @property
    def codeset(self) -> CodeSet:
        """The code set the register interprets marks with (frozen)."""
        return self._codeset

    def add_mark(self, day: DateLike, half: HalfLike, code: str) -> None:
        """Record one session: half is ssat.AM, ssat.PM, "AM" or "PM"; code "" or "-" is an explicit missing mark."""
        self._n.add_mark(day, half, code)

    def amend_mark(self, day: DateLike, half: HalfLike, code: str) -> None:
        """Replace a session's entry (NotFound when it has none)."""
        self._n.amend_mark(day, half, code)

    def add_marks(self, start: DateLike, marks: Union[str, bytes, bytearray, memoryview]) -> None:
        """Add the wide layout: one character per session, AM then PM, every weekday from start.

        "." is a session the school did not meet, "-" or " " a missing mark. bytes-like marks are read
        in place (no copy). All or nothing: InvalidData lists every bad mark in .problems (Problem).
        """
        try:
            self._n.add_marks(start, marks)
        except _native.InvalidData as exc:
            _problems(exc)
            raise

    def mark(self, day: DateLike, half: HalfLike) -> Optional[str]:
        """The session's code, "-" for an explicit missing mark, None when it has no entry."""
        return self._n.mark(day, half)

    @property
    def entry_count(self) -> int:
        return self._n.entry_count()

    def __len__(self) -> int:
        return self._n.entry_count()

    def span(self) -> Window:
        """First and last sessions with an entry; NotFound when the register is empty."""
        return Window._from_record(self._n.span())

    def window_last_sessions(self, as_of: DateLike, sessions: int) -> Window:
        """The last `sessions` sessions with an entry up to as_of PM."""
        return Window._from_record(self._n.window_last_sessions(as_of, sessions))

    def validate(self, calendar: Calendar) -> List[Problem]:
        """Every problem of the register against the calendar (missing marks, non-school days, provisional)."""
        return [Problem._from_record(r) for r in self._n.validate(_native_of(calendar, Calendar, "calendar"))]

    def summary(self, window: WindowLike) -> Summary:
        """The attendance summary over a window (the summary stays valid after the register is gone)."""
        return Summary._from_record(self._n.summary(window, True))

    def __repr__(self) -> str:
        return f"<ssat.Register ({self._codeset.name}): {len(self)} entries>"
