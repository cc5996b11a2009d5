"""Value types of the ssat package: enums and frozen dataclasses built from the native records."""
from __future__ import annotations

import enum
import operator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Dict, Optional, Tuple, Type, TypeVar, Union

from . import _native
from ._enums import BatchFlag, Category, Comparator, Flag, Half, Lang, Rate, Severity, Status  # generated from the C headers


LangLike = Union[Lang, int, str]

_E = TypeVar("_E", bound=enum.Enum)


def _error(cls: type, message: str) -> BaseException:
    """An ssat exception raised by this layer (same attributes as those the extension raises)."""
    exc = cls(message)
    exc.message = message
    if isinstance(cls.status, int):
        exc.status = cls.status
    return exc


def _int_arg(value: Any, where: str) -> int:
    """An int argument for the native call through operator.index: an int, an IntEnum member or a NumPy
    integer; a float (2.7 is not cut to 2), a str ("3") or a Decimal is a TypeError naming the argument.
    A bool is an int to Python, so it passes."""
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{where}: expected an int, not {type(value).__name__}") from None


def _position(index: Any, n: int, what: str) -> int:
    """A sequence index (negative from the end, as _int_arg) as a position in 0..n-1; IndexError naming
    `what` when there is none: the one reading of an index for the package's sequences."""
    i = _int_arg(index, what)
    position = i + n if i < 0 else i
    if not 0 <= position < n:
        raise IndexError(f"{what} {i} out of range ({n} entries)")
    return position


def _enum_arg(cls: Type[_E], value: Any, where: str) -> _E:
    """The member of the enum `cls` for an argument: a member or its int value (as _int_arg); a value that
    is no member is refused with InvalidArgument (a ValueError) naming the argument. For the enums whose
    C parameters the binding checks itself (runtime.i's %ssatb_enum_values: category, outcome, case
    state, pupil fact, question ...), _int_arg is enough: that one check serves Python and PHP."""
    number = _int_arg(value, where)
    try:
        return cls(number)
    except ValueError:
        pass
    raise _error(_native.InvalidArgument, f"{where}: {value!r} is not a value of ssat.{cls.__name__}")


def _native_of(value: Any, cls: type, where: str, optional: bool = False, attr: str = "_n") -> Any:
    """The extension's object behind `value` (its `attr`), an instance of the ssat class `cls` (None for
    None when `optional`). Anything else is a TypeError naming the argument, e.g. "policy: expected
    ssat.Policy, not str", rather than an AttributeError from inside the call."""
    if isinstance(value, cls):
        return getattr(value, attr)
    if value is None and optional:
        return None
    expected = f"ssat.{cls.__name__}" + (" or None" if optional else "")
    raise TypeError(f"{where}: expected {expected}, not {type(value).__name__}")


def _member(enum: Any) -> Callable[[Any], Any]:
    """value -> the member of `enum`, from a table made once (calling the enum is 15 times slower);
    a value that is no member (a combination of flags) is looked up by the enum once, then kept."""
    table = {m.value: m for m in enum}

    def member(value: Any) -> Any:
        found = table.get(value)
        if found is None:
            found = table[value] = enum(value)
        return found
    return member


def _half(name: Optional[str]) -> Optional[Half]:
    return None if name is None else Half[name]


_new_object = object.__new__


def _adopt(*, drop: Tuple[str, ...] = (), **convert: Callable[[Any], Any]) -> Any:
    """The _from_record of a frozen dataclass from the record the extension made for one call (a dict
    holding the fields under their names): the dict becomes the instance's attributes, after `convert`
    (field -> function of its value, e.g. _member(Outcome)) and without the keys in `drop`, instead of
    going through the frozen __init__, which sets each field by object.__setattr__: a batch result in
    0.6 microseconds instead of 2.2. A field the record lacks takes its class default."""
    conversions = tuple(convert.items())

    def from_record(cls: Any, rec: Dict[str, Any]) -> Any:
        for name, function in conversions:
            rec[name] = function(rec[name])
        for name in drop:
            del rec[name]
        obj = _new_object(cls)
        object.__setattr__(obj, "__dict__", rec)
        return obj
    return classmethod(from_record)


@dataclass(frozen=True)
class Window:
    """An inclusive range of sessions, from (first_date, first_half) to (last_date, last_half)."""

    first_date: date
    first_half: Half
    last_date: date
    last_half: Half

    _from_record = _adopt(first_half=_half, last_half=_half)

    def __str__(self) -> str:
        return f"{self.first_date.isoformat()} {self.first_half} .. {self.last_date.isoformat()} {self.last_half}"


@dataclass(frozen=True)
class Code:
    """One attendance code of a code set."""

    code: str
    category: Category
    flags: Flag
    label_en: str
    label_cy: str
    index: int = field(default=-1, compare=False)  #: position in its set (definition order)

    _from_record = _adopt(category=_member(Category), flags=_member(Flag))

    def label(self, lang: LangLike = Lang.EN) -> str:
        """The code's meaning in English or Welsh."""
        return self.label_cy if Lang.of(lang) == Lang.CY else self.label_en


@dataclass(frozen=True)
class Term:
    """A term of a school calendar (inclusive dates)."""

    name: str
    first: date
    last: date


class _Bilingual:
    """What has a message in English and in Welsh (a Problem, a Criterion): message(lang) gives either,
    or both as libssat's SSAT_LANG_CY_EN does (the Welsh, a line break, the English)."""

    message_en: str
    message_cy: str

    def message(self, lang: LangLike = Lang.EN) -> str:
        """The message in English, in Welsh, or (Lang.CY_EN) in Welsh then English on the next line."""
        which = Lang.of(lang)
        if which == Lang.CY_EN:
            return self.message_cy + "\n" + self.message_en
        return self.message_cy if which == Lang.CY else self.message_en


@dataclass(frozen=True)
class Problem(_Bilingual):
    """One problem found in input, with a stable id, its location and bilingual messages."""

    id: str
    severity: Severity
    field: str
    line: int
    column: int
    date: Optional[date]
    half: Optional[Half]
    message_en: str
    message_cy: str

    _from_record = _adopt(severity=_member(Severity), half=_half, drop=("message_cy_en",))

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def __str__(self) -> str:
        return self.message_en


#: The count fields of a summary (every field of ssat_totals, in header order).
TOTALS_FIELDS = (
    "possible", "attended", "authorised", "unauthorised", "not_counted", "missing", "present",
    "approved_activity", "late_before_close", "late_after_close", "holiday_authorised",
    "holiday_unauthorised", "provisional", "exclusion", "illness", "entries",
)


#: The fields of a batch result (every field of ssat_batch_result, in header order).
BATCH_FIELDS = ("possible", "attended", "authorised", "unauthorised", "missing", "limb_sessions",
                "attendance_tenths", "flags")


@dataclass(frozen=True)
class BatchResult:
    """One pupil's batch result: year-to-date counts and the rules' flags, exactly as the per-pupil API."""

    possible: int
    attended: int
    authorised: int
    unauthorised: int
    missing: int
    limb_sessions: int  #: unauthorised sessions in the penalty limb window
    attendance_tenths: Optional[int]  #: None when not evaluable (nothing possible) or invalid
    flags: BatchFlag
    pupil_id: Optional[Any] = None  #: set by Batch.evaluate_school()

    _from_record = _adopt(attendance_tenths=lambda tenths: None if tenths < 0 else tenths, flags=_member(BatchFlag))

    @property
    def attendance_pct(self) -> Optional[float]:
        """The percentage to one decimal place (for people; compare with the flags, which are exact)."""
        return None if self.attendance_tenths is None else self.attendance_tenths / 10

    @property
    def evaluable(self) -> bool:
        return BatchFlag.EVALUABLE in self.flags

    @property
    def referral_r1(self) -> bool:
        return BatchFlag.REFERRAL_R1 in self.flags

    @property
    def referral_r2(self) -> bool:
        return BatchFlag.REFERRAL_R2 in self.flags

    @property
    def persistent(self) -> bool:
        return BatchFlag.PERSISTENT in self.flags

    @property
    def severe(self) -> bool:
        return BatchFlag.SEVERE in self.flags

    @property
    def penalty_limb(self) -> bool:
        return BatchFlag.PENALTY_LIMB in self.flags

    @property
    def penalty_year_to_date(self) -> bool:
        return BatchFlag.PENALTY_YEAR_TO_DATE in self.flags

    @property
    def invalid(self) -> bool:
        return BatchFlag.INVALID in self.flags
