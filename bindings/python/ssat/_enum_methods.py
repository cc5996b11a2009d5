"""Methods of the generated enums (_enums.py, from the C headers): class <Enum>Methods is <Enum>'s mixin."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Type, TypeVar, Union

from . import _native
from . import native as _n

if TYPE_CHECKING:  # annotations only (never evaluated at run time)
    from typing_extensions import Self

E = TypeVar("E")


def _of(cls: Type[E], value: Any, what: str, names: str, strip: bool = True) -> E:
    """The member for `value`: a member, its int value, or its name as text (any case); else InvalidArgument."""
    if isinstance(value, str):
        try:
            return cls[(value.strip() if strip else value).upper().replace("+", "_")]  # type: ignore[attr-defined, no-any-return]
        except KeyError:
            pass
    elif isinstance(value, int) and not isinstance(value, bool):
        try:
            return cls(value)  # type: ignore[call-arg]
        except ValueError:
            pass
    from ._types import _error  # not at the top: ssat._types imports the enums
    raise _error(_native.InvalidArgument, f"{what}: {value!r} is not {names}")


def _lang(lang: "LangLike") -> int:
    from ._enums import Lang
    return int(Lang.of(lang))


class HalfMethods:
    def __str__(self) -> str:
        return self.name  # type: ignore[attr-defined, no-any-return]


class LangMethods:
    @classmethod
    def of(cls, lang: "LangLike") -> Self:
        """Lang.EN / .CY / .CY_EN, their int values, or "en" / "cy" / "cy+en" (any case); anything else
        is refused."""
        return _of(cls, lang, "lang", "a language (use 'en', 'cy' or 'cy+en')", strip=False)


class CategoryMethods:
    def label(self, lang: "LangLike" = 0) -> str:
        """The category's name, e.g. "unauthorised absence" / "absenoldeb heb awdurdod"."""
        return str(_n.ssat_category_name(int(self), _lang(lang)))  # type: ignore[call-overload]


class OutcomeMethods:
    def label(self, lang: "LangLike" = 0) -> str:
        """"met" / "wedi'i fodloni", ..."""
        return str(_n.ssat_outcome_name(int(self), _lang(lang)))  # type: ignore[call-overload]


class CaseStateMethods:
    @property
    def id(self) -> str:
        """The stable id: "monitoring", "school_concern", ..."""
        return str(_n.ssat_case_state_name(int(self), _n.SSAT_LANG_EN))  # type: ignore[call-overload]

    def label(self, lang: "LangLike" = 0) -> str:
        """The state's name: its id in English ("school_concern"), its label in Welsh ("pryder yr ysgol")."""
        return str(_n.ssat_case_state_name(int(self), _lang(lang)))  # type: ignore[call-overload]

    def __str__(self) -> str:
        return self.id


class CertificateFormatMethods:
    @classmethod
    def of(cls, fmt: "CertificateFormatLike") -> Self:
        """CertificateFormat members, their int values, or "text" / "html" / "json" (any case)."""
        return _of(cls, fmt, "format", "a certificate format (use 'html', 'text' or 'json')")


class CsvKindMethods:
    @classmethod
    def of(cls, kind: "CsvKindLike") -> Self:
        """CsvKind members, their int values, or "auto" / "long" / "wide" / "pupils" (any case)."""
        return _of(cls, kind, "kind", "a CSV kind (use 'auto', 'long', 'wide' or 'pupils')")


LangLike = Union[int, str]
CertificateFormatLike = Union[int, str]
CsvKindLike = Union[int, str]
