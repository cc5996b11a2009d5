"""Value types of the ssat package: enums and frozen dataclasses built from the native records."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping, Optional, Union

from . import _native
from . import native as _n


class Half(enum.IntEnum):
    """The two registration sessions of a school day."""

    AM = _n.SSAT_AM  #: morning (bore)
    PM = _n.SSAT_PM  #: afternoon (prynhawn)

    def __str__(self) -> str:
        return self.name


class Lang(enum.IntEnum):
    """Language of a human-readable text."""

    EN = _n.SSAT_LANG_EN  #: English
    CY = _n.SSAT_LANG_CY  #: Welsh (Cymraeg)

    @classmethod
    def of(cls, lang: "LangLike") -> "Lang":
        """Lang.EN / Lang.CY, their int values, or "en" / "cy" (any case); anything else is refused."""
        if isinstance(lang, str):
            try:
                return cls[lang.upper()]
            except KeyError:
                pass
        elif isinstance(lang, int) and not isinstance(lang, bool):
            try:
                return cls(lang)
            except ValueError:
                pass
        raise _native.InvalidArgument(f"lang: {lang!r} is not a language (use 'en' or 'cy')")


LangLike = Union[Lang, int, str]


class Category(enum.IntEnum):
    """How a mark counts in the attendance calculation."""

    PRESENT = _n.SSAT_CATEGORY_PRESENT
    APPROVED_ACTIVITY = _n.SSAT_CATEGORY_APPROVED_ACTIVITY
    AUTHORISED = _n.SSAT_CATEGORY_AUTHORISED
    UNAUTHORISED = _n.SSAT_CATEGORY_UNAUTHORISED
    NOT_COUNTED = _n.SSAT_CATEGORY_NOT_COUNTED

    def label(self, lang: LangLike = Lang.EN) -> str:
        """The category's name, e.g. "unauthorised absence" / "absenoldeb heb awdurdod"."""
        return _n.ssat_category_name(int(self), int(Lang.of(lang)))


class Flag(enum.IntFlag):
    """Flags that refine a code's meaning."""

    NONE = _n.SSAT_FLAG_NONE
    LATE_BEFORE_CLOSE = _n.SSAT_FLAG_LATE_BEFORE_CLOSE
    LATE_AFTER_CLOSE = _n.SSAT_FLAG_LATE_AFTER_CLOSE
    HOLIDAY = _n.SSAT_FLAG_HOLIDAY
    PROVISIONAL = _n.SSAT_FLAG_PROVISIONAL
    EXCLUSION = _n.SSAT_FLAG_EXCLUSION
    ILLNESS = _n.SSAT_FLAG_ILLNESS


class Severity(enum.IntEnum):
    """How serious a problem is."""

    ERROR = _n.SSAT_SEVERITY_ERROR
    WARNING = _n.SSAT_SEVERITY_WARNING


class Rate(enum.IntEnum):
    """Which rate of a summary to compare."""

    ATTENDANCE = _n.SSAT_RATE_ATTENDANCE  #: attended / possible
    ABSENCE = _n.SSAT_RATE_ABSENCE  #: (authorised + unauthorised) / possible
    UNAUTHORISED = _n.SSAT_RATE_UNAUTHORISED  #: unauthorised / possible


class Comparator(enum.IntEnum):
    """Comparison operators for thresholds."""

    LT = _n.SSAT_CMP_LT
    LE = _n.SSAT_CMP_LE
    GE = _n.SSAT_CMP_GE
    GT = _n.SSAT_CMP_GT


#: Every ssat_status value, from the header (OK, ERR_NOMEM, ERR_INVALID_ARG, ...).
Status = enum.IntEnum(
    "Status",
    {name[len("SSAT_"):]: value for name, value in vars(_n).items()
     if name == "SSAT_OK" or name.startswith("SSAT_ERR_")},
    module=__name__,
)


@dataclass(frozen=True)
class Window:
    """An inclusive range of sessions, from (first_date, first_half) to (last_date, last_half)."""

    first_date: date
    first_half: Half
    last_date: date
    last_half: Half

    @classmethod
    def _from_record(cls, rec: Mapping[str, Any]) -> "Window":
        return cls(rec["first_date"], Half[rec["first_half"]], rec["last_date"], Half[rec["last_half"]])

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

    @classmethod
    def _from_record(cls, rec: Mapping[str, Any]) -> "Code":
        return cls(rec["code"], Category(rec["category"]), Flag(rec["flags"]), rec["label_en"], rec["label_cy"],
                   rec["index"])

    def label(self, lang: LangLike = Lang.EN) -> str:
        """The code's meaning in English or Welsh."""
        return self.label_cy if Lang.of(lang) == Lang.CY else self.label_en


@dataclass(frozen=True)
class Term:
    """A term of a school calendar (inclusive dates)."""

    name: str
    first: date
    last: date


@dataclass(frozen=True)
class Problem:
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

    @classmethod
    def _from_record(cls, rec: Mapping[str, Any]) -> "Problem":
        return cls(rec["id"], Severity(rec["severity"]), rec["field"], rec["line"], rec["column"], rec["date"],
                   Half[rec["half"]] if rec["half"] is not None else None, rec["message_en"], rec["message_cy"])

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def message(self, lang: LangLike = Lang.EN) -> str:
        return self.message_cy if Lang.of(lang) == Lang.CY else self.message_en

    def __str__(self) -> str:
        return self.message_en


#: The count fields of a summary (every field of ssat_totals, in header order).
TOTALS_FIELDS = (
    "possible", "attended", "authorised", "unauthorised", "not_counted", "missing", "present",
    "approved_activity", "late_before_close", "late_after_close", "holiday_authorised",
    "holiday_unauthorised", "provisional", "exclusion", "illness", "entries",
)
