"""Referral packs (the evidence behind a referral, its completeness check, JSON) and attendance certificates."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

from . import _native
from . import native as _n
from ._enums import CertificateFormat  # generated from the C headers
from ._api import Calendar, Register, WindowLike, _error
from ._rules import Policy, Pupil
from ._types import Lang, LangLike, Problem, Window, _int_arg, _native_of

#: A value for a pack field or a certificate detail: text as stored, a bool for a yes/no fact, an int for
#: a count, a datetime.date for a date, or None (or "") to clear the field.
FieldValue = Union[str, bool, int, date, None]


CertificateFormatLike = Union[CertificateFormat, int, str]


@dataclass(frozen=True)
class PackField:
    """A field of an item kind: its name and, for choice and yes/no fields, the values it accepts."""

    name: str
    choices: Tuple[str, ...]  #: () for free text, dates, times and counts


@dataclass(frozen=True)
class PackItem:
    """One item of a pack: its kind and its set fields (the text of each, as stored and saved)."""

    kind: str
    fields: Dict[str, str] = field(hash=False)


class Pack:
    """A referral pack: concerns, letters, meetings, support, contracts, plans, the pupil's voice, the
    referral form and the attendance certificate, as items with checked text fields.

        pack = ssat.Pack()
        i = pack.add("letter", date_sent="2024-10-04", type="meeting_invitation", addressee="Mrs A. Lewis",
                     reference="ATT/2024/021")
        pack[i]                 # {"date_sent": "2024-10-04", "type": "meeting_invitation", ...}
        pack.check(policy, register, calendar, pupil)   # [] when complete, else ssat.Problem objects

    Values are checked as they are set (ParseError names the item and field, e.g. "letter[0].date_sent");
    add() and set() are all or nothing. An item's dict holds its set fields only, as text (dates as
    "YYYY-MM-DD", facts "yes"/"no"): exactly what to_json() saves. pack == other compares every item.
    """

    __slots__ = ("_n",)

    def __init__(self) -> None:
        self._n = _n.SsatPack()

    @classmethod
    def _wrap(cls, native: Any) -> "Pack":
        obj = cls.__new__(cls)
        obj._n = native
        return obj

    @classmethod
    def from_json(cls, document: Union[str, bytes, bytearray, memoryview]) -> "Pack":
        """Load a pack saved by to_json() (ParseError names the path, e.g. "items[3].fields.date_sent")."""
        return cls._wrap(_n.SsatPack.from_json(document))

    def to_json(self) -> str:
        """The pack as a JSON document (format "ssat-pack"); saving a loaded document gives the same text."""
        return self._n.to_json()

    @staticmethod
    def kinds() -> List[str]:
        """Every item kind: "concern", "letter", "meeting", ..., "form", "certificate"."""
        return list(_n.SsatPack.kinds())

    @staticmethod
    def fields(kind: str) -> List[PackField]:
        """The fields of an item kind, in order (NotFound for an unknown kind)."""
        return [PackField(r["name"], tuple(r["choices"])) for r in _n.SsatPack.fields(kind)]

    def copy(self) -> "Pack":
        return Pack._wrap(self._n.copy())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pack) and self._n.equals(other._n)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __len__(self) -> int:
        return self._n.count()

    def _index(self, index: int) -> int:
        if isinstance(index, bool):
            raise TypeError("item index: expected an int, not bool")
        index = _int_arg(index, "item index")  # an int or a NumPy integer, never 1.5 or "1"
        n = self._n.count()
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise _error(_native.RangeError, f"item {index} does not exist: the pack has {n} item(s)")
        return i

    def add(self, kind: str, /, **fields: FieldValue) -> int:
        """Add an item of `kind` with its fields; returns its index. All or nothing.

        NotFound for an unknown kind or field, Duplicate for a second form or certificate, ParseError
        for a value that does not fit its field.
        """
        return self._n.add(kind, fields)

    def set(self, index: int, /, **fields: FieldValue) -> None:
        """Set fields of the item at index (None or "" clears one), all or nothing."""
        self._n.update(self._index(index), fields)

    def get(self, index: int, field: str) -> str:
        """One field's text ("" when unset; NotFound when the item's kind has no such field)."""
        return self._n.get(self._index(index), field)

    def kind(self, index: int) -> str:
        """The kind of the item at index."""
        return self._n.kind(self._index(index))

    def item(self, index: int) -> Dict[str, str]:
        """The item's set fields as {field: text}, in the order of its kind's fields."""
        return self._n.item(self._index(index))

    __getitem__ = item

    def remove(self, index: int) -> None:
        """Remove the item at index; later items move down by one."""
        self._n.remove(self._index(index))

    __delitem__ = remove

    def items(self) -> List[PackItem]:
        """Every item, in order."""
        return [PackItem(r["kind"], r["fields"]) for r in self._n.items()]

    def __iter__(self) -> Iterator[PackItem]:
        return iter(self.items())

    def indexes(self, kind: str) -> List[int]:
        """The indexes of the items of one kind, in order (pack.indexes("letter")[2] is "letter[2]")."""
        return [i for i, r in enumerate(self._n.items()) if r["kind"] == kind]

    def check(self, policy: Policy, register: Optional[Register] = None, calendar: Optional[Calendar] = None,
              pupil: Optional[Pupil] = None) -> List[Problem]:
        """Every problem of the pack for a referral, with English and Welsh messages ([] when complete).

        register reconciles the certificate's totals; calendar counts school days for staleness; pupil
        receives the facts the pack establishes (cause explored, support offered, parents invited,
        evidence complete, procedures followed) for evaluate_referral().
        """
        recs = self._n.check(_native_of(policy, Policy, "policy"),
                             _native_of(register, Register, "register", optional=True),
                             _native_of(calendar, Calendar, "calendar", optional=True),
                             _native_of(pupil, Pupil, "pupil", optional=True))
        return [Problem._from_record(r) for r in recs]

    def __repr__(self) -> str:
        return f"<ssat.Pack: {len(self)} items>"


class Certificate:
    """An attendance registration certificate of a register over a period, with the attendance
    calculation's own totals, rendered as text, printable HTML or JSON in English or Welsh.

        cert = ssat.Certificate(register, calendar, calendar.window_year_to_date("2025-07-18"),
                                pupil_id="P00001", pupil_name="Ioan Lewis", school="Ysgol Gyfun Enghraifft",
                                issue_date="2025-07-21", signatory_name="Dr Siân Rhys", signatory_role="Head teacher")
        cert.totals["possible"], cert.render("html", lang="cy"), cert.to_pack(pack)

    The certificate copies what it needs: the register and calendar may go first.
    """

    __slots__ = ("_n",)

    #: The details a certificate carries.
    DETAILS = ("pupil_id", "pupil_name", "school", "issue_date", "signatory_name", "signatory_role")

    def __init__(self, register: Register, calendar: Optional[Calendar], period: WindowLike, /,
                 **details: FieldValue):
        self._n = _n.SsatCertificate(_native_of(register, Register, "register"),
                                     _native_of(calendar, Calendar, "calendar", optional=True), period,
                                     details or None)

    def set(self, /, **details: FieldValue) -> None:
        """Set details (None or "" clears one), all or nothing; issue_date is a date."""
        self._n.update(details)

    @property
    def details(self) -> Dict[str, str]:
        """Every detail's text ("" when unset)."""
        return self._n.details()

    def __getitem__(self, name: str) -> str:
        if name not in self.DETAILS:
            raise KeyError(name)
        return self._n.get(name)

    @property
    def totals(self) -> Dict[str, int]:
        """The totals over the period: every field of ssat_totals (possible, attended, authorised, ...)."""
        return self._n.totals()

    @property
    def period(self) -> Window:
        """The sessions the certificate covers."""
        return Window._from_record(self._n.period())

    def render(self, fmt: CertificateFormatLike = CertificateFormat.HTML, lang: LangLike = Lang.EN) -> str:
        """The certificate as "html" (one A4 page per term), "text" or "json", in "en", "cy" or "cy+en" (one
        document, Welsh then English, as Welsh public bodies publish them)."""
        return self._n.render(int(CertificateFormat.of(fmt)), int(Lang.of(lang)))

    def to_pack(self, pack: Optional[Pack] = None) -> Pack:
        """Put the certificate into a pack (a new one when None): its certificate item, added when absent,
        gets exactly the details, period and totals. Returns the pack."""
        if pack is None:
            pack = Pack()
        self._n.to_pack(_native_of(pack, Pack, "pack", optional=True))
        return pack

    def __repr__(self) -> str:
        t = self._n.totals()
        return f"<ssat.Certificate {self._n.get('pupil_id')!r} {self.period}: {t['attended']}/{t['possible']}>"
