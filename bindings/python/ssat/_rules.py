"""Policies, pupils, parents, explained decisions and the rules (referral, absence, penalty notices)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Union

from . import _native
from . import native as _n
from ._enums import (Fact, Measure, Outcome, ParentEvent, PaymentStage, PupilFact, Question, Service,  # generated
                     ValueType, WindowKind)
from ._api import Calendar, DateLike, PercentLike, Register, Summary, WindowLike, _error, percent_fraction
from ._types import (_Bilingual, Comparator, Lang, LangLike, Window, _adopt, _enum_arg, _int_arg, _member, _native_of,
                     _position)



# ---- window kinds -----------------------------------------------------------------------------------

WindowKindLike = Union[WindowKind, int, str]


def parse_window_kind(text: str) -> Tuple[WindowKind, int]:
    """("year_to_date" | "term" | "last_weeks:N" | "last_sessions:N") -> (kind, N); ParseError otherwise."""
    rec = _n.ssat_window_kind_parse(text)
    return WindowKind(rec["kind"]), rec["n"]


def format_window_kind(kind: WindowKindLike, n: int = 0) -> str:
    """The text form of a window kind, e.g. format_window_kind(WindowKind.LAST_WEEKS, 10) == "last_weeks:10"."""
    if isinstance(kind, str):
        kind, n = parse_window_kind(kind)
    return _n.ssat_window_kind_format(_int_arg(kind, "kind"), _int_arg(n, "n"))


def resolve_window(kind: WindowKindLike, calendar: Calendar, as_of: DateLike, n: int = 0,
                   register: Optional[Register] = None) -> Window:
    """The window of a kind ("term", "last_weeks:10", WindowKind.YEAR_TO_DATE, ...) for an as-of date.

    LAST_SESSIONS needs the register."""
    if isinstance(kind, str):
        kind, n = parse_window_kind(kind)
    return Window._from_record(_n.ssat_window_resolve(
        _int_arg(kind, "kind"), _int_arg(n, "n"), _native_of(calendar, Calendar, "calendar"),
        _native_of(register, Register, "register", optional=True), as_of))


# ---- policies ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PolicyKey:
    """A policy key: its dotted name, value type and a one-line description."""

    key: str
    type: ValueType
    doc: str


_KEY_TYPES: Dict[str, ValueType] = {}


def _key_type(key: str) -> Optional[ValueType]:
    if not _KEY_TYPES:
        _KEY_TYPES.update({r["key"]: ValueType(r["type"]) for r in _n.SsatPolicy.keys()})
    return _KEY_TYPES.get(key)


def _decimal_percent(value: PercentLike) -> Tuple[int, int]:
    """An exact percentage as num/den with den a power of ten (87.5 -> (875, 10))."""
    num, den = percent_fraction(value)
    for k in range(7):
        if 10 ** k % den == 0:
            return num * (10 ** k // den), 10 ** k
    return num, den  # libssat reports that den is not a power of ten


class Policy:
    """Every threshold, window, comparator and code-set choice of the rules, as named typed values.

    Policy.builtin("carmarthenshire") (default), "wales" or "england-2024"; Policy.from_json(text).
    policy["referral.attendance.threshold"] is a Fraction (85), comparators are Comparator, windows
    (WindowKind, N); assigning a str sets any value from its text form ("87.5", "<=", "last_weeks:10").
    """

    __slots__ = ("_n",)

    @classmethod
    def _wrap(cls, native: Any) -> "Policy":
        obj = cls.__new__(cls)
        obj._n = native
        return obj

    @classmethod
    def builtin(cls, name: Optional[str] = None) -> "Policy":
        return cls._wrap(_n.SsatPolicy.builtin(name))

    @staticmethod
    def builtin_names() -> List[str]:
        return list(_n.SsatPolicy.builtin_names())

    @classmethod
    def from_json(cls, document: Union[str, bytes, bytearray, memoryview]) -> "Policy":
        """Load a policy document (ParseError/RangeError/NotFound name the field path)."""
        return cls._wrap(_n.SsatPolicy.from_json(document))

    @staticmethod
    def keys() -> List[PolicyKey]:
        return [PolicyKey(r["key"], ValueType(r["type"]), r["doc"]) for r in _n.SsatPolicy.keys()]

    def to_json(self) -> str:
        return self._n.to_json()

    def copy(self) -> "Policy":
        return Policy._wrap(self._n.copy())

    @property
    def name(self) -> str:
        return self._n.name()

    @name.setter
    def name(self, value: str) -> None:
        self._n.set_name(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Policy) and self._n.equals(other._n)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def value_text(self, key: str) -> str:
        """Any value in its text form ("85", "87.5", "<=", "true", "last_weeks:10", "wales-2010")."""
        return self._n.get_value_text(key)

    def get(self, key: str) -> Any:
        t = _key_type(key)
        if t is None:
            return self._n.get_value_text(key)  # raises NotFound, naming the key
        if t == ValueType.INT:
            return self._n.get_int(key)
        if t == ValueType.PERCENT:
            num, den = self._n.get_percent(key)
            return Fraction(num, den)
        if t == ValueType.COMPARATOR:
            return Comparator(self._n.get_comparator(key))
        if t == ValueType.BOOL:
            return self._n.get_bool(key)
        if t == ValueType.WINDOW:
            rec = self._n.get_window(key)
            return WindowKind(rec["kind"]), rec["n"]
        return self._n.get_text(key)

    def set(self, key: str, value: Any) -> None:
        """Set a value: a str in its text form, or a value of the key's type (INT: an int, not 10.9;
        PERCENT: as percent_fraction(); COMPARATOR: a Comparator; BOOL: a bool; WINDOW: a WindowKind or
        (WindowKind, n)). NotFound for an unknown key, whatever the value."""
        t = _key_type(key)
        if t is None and not isinstance(value, str):
            if not isinstance(key, str):
                raise TypeError(f"key: expected str, not {type(key).__name__}")
            raise _error(_native.NotFound, f"Policy.set: argument 'key': no policy key \"{key}\"")
        if isinstance(value, str) or t is None:
            if t == ValueType.TEXT:
                self._n.set_text(key, value)
            else:
                self._n.set_value_text(key, value)
        elif t == ValueType.INT:
            self._n.set_int(key, _int_arg(value, key))
        elif t == ValueType.PERCENT:
            self._n.set_percent(key, *_decimal_percent(value))
        elif t == ValueType.COMPARATOR:
            self._n.set_comparator(key, int(_enum_arg(Comparator, value, key)))
        elif t == ValueType.BOOL:
            if not isinstance(value, bool):
                raise TypeError(f"{key}: expected a bool, not {type(value).__name__}")
            self._n.set_bool(key, value)
        elif t == ValueType.WINDOW:
            if isinstance(value, (tuple, list)) and len(value) == 2:
                kind, n = value
            elif isinstance(value, (tuple, list)):
                raise TypeError(f"{key}: expected a WindowKind or (WindowKind, n), not {len(value)} items")
            else:
                kind, n = value, 0
            self._n.set_window(key, _int_arg(kind, key), _int_arg(n, key))
        else:
            raise TypeError(f"{key}: expected a str, not {type(value).__name__}")

    __getitem__ = get
    __setitem__ = set

    def items(self) -> Iterator[Tuple[str, Any]]:
        return iter([(k.key, self.get(k.key)) for k in self.keys()])

    def __repr__(self) -> str:
        return f"<ssat.Policy {self.name!r}>"


# ---- pupils and parents -----------------------------------------------------------------------------

def _fact(value: Union[Fact, bool, None]) -> int:
    """A fact's value: True, False, None (unknown) or a Fact member. A plain int is refused: 1 is Fact.NO
    (SSAT_FACT_NO), the opposite of what a database's 0/1 means."""
    if value is None:
        return int(Fact.UNKNOWN)
    if isinstance(value, bool):
        return int(Fact.YES if value else Fact.NO)
    if isinstance(value, Fact):
        return int(value)
    raise TypeError(f"a fact is True, False, None or a ssat.Fact member, not {type(value).__name__} {value!r}")


class Pupil:
    """What is known about a pupil beyond the register: date of birth and the school's facts.

    Pupil("P00001", date_of_birth="2013-02-11", on_roll=True, support_offered=True, ...). A fact is
    True, False or None (unknown: a criterion that needs it is then "unknown", never guessed), or a
    ssat.Fact member; a plain int (0/1) is a TypeError (Fact.NO is 1).
    """

    __slots__ = ("_n",)

    @classmethod
    def _wrap(cls, native: Any) -> "Pupil":
        obj = cls.__new__(cls)
        obj._n = native
        return obj

    def __init__(self, id: str, date_of_birth: Optional[DateLike] = None, **facts: Union[Fact, bool, None]):
        self._n = _n.SsatPupil(id)
        if date_of_birth is not None:
            self._n.set_date_of_birth(date_of_birth)
        for name, value in facts.items():
            try:
                fact = PupilFact[name.upper()]
            except KeyError:
                raise TypeError(f"Pupil(): unknown fact {name!r}; use one of "
                                f"{', '.join(f.name.lower() for f in PupilFact)}") from None
            try:
                self.set_fact(fact, value)
            except TypeError as exc:
                raise TypeError(f"Pupil(): {name}: {exc}") from None

    @property
    def id(self) -> str:
        return self._n.id()

    @property
    def date_of_birth(self) -> Optional[date]:
        try:
            return self._n.date_of_birth()
        except _native.NotFound:
            return None

    @date_of_birth.setter
    def date_of_birth(self, value: DateLike) -> None:
        self._n.set_date_of_birth(value)

    def set_fact(self, fact: Union[PupilFact, int], value: Union[Fact, bool, None]) -> None:
        """Set a fact (InvalidArgument for a value that is no PupilFact): True, False, None or a Fact."""
        self._n.set_fact(_int_arg(fact, "fact"), _fact(value))

    def fact(self, fact: Union[PupilFact, int]) -> Fact:
        """A fact's value (Fact.UNKNOWN until set); InvalidArgument for a value that is no PupilFact."""
        return Fact(self._n.get_fact(_int_arg(fact, "fact")))

    def __repr__(self) -> str:
        return f"<ssat.Pupil {self.id!r}>"


@dataclass(frozen=True)
class ParentEntry:
    """One entry of a parent's history: a warning, a notice or proceedings about a pupil's absence."""

    kind: ParentEvent
    pupil_id: str
    date: date
    absence: Optional[Window]


class Parent:
    """A parent's penalty-notice history (warnings, notices, proceedings), per pupil."""

    __slots__ = ("_n",)

    def __init__(self, id: str):
        self._n = _n.SsatParent(id)

    @property
    def id(self) -> str:
        return self._n.id()

    def add(self, kind: Union[ParentEvent, int], pupil_id: str, on: DateLike,
            absence: Optional[WindowLike] = None) -> None:
        self._n.add(_int_arg(kind, "kind"), pupil_id, on, absence)

    def add_warning(self, pupil_id: str, on: DateLike) -> None:
        self.add(ParentEvent.WARNING, pupil_id, on)

    def add_notice(self, pupil_id: str, on: DateLike, absence: WindowLike) -> None:
        self.add(ParentEvent.NOTICE, pupil_id, on, absence)

    def add_proceedings(self, pupil_id: str, on: DateLike, absence: WindowLike) -> None:
        self.add(ParentEvent.PROCEEDINGS, pupil_id, on, absence)

    @staticmethod
    def _entry(rec: Mapping[str, Any]) -> ParentEntry:
        absence = Window._from_record(rec["absence"]) if rec["absence"] is not None else None
        return ParentEntry(ParentEvent(rec["kind"]), rec["pupil_id"], rec["date"], absence)

    @property
    def history(self) -> List[ParentEntry]:
        return [self._entry(r) for r in self._n.entries()]

    def __getitem__(self, index: int) -> ParentEntry:
        """The entry at index (negative from the end); IndexError when there is none."""
        return self._entry(self._n.at(_position(index, len(self), f"parent {self.id!r} history index")))

    def __iter__(self) -> Iterator[ParentEntry]:
        return iter(self.history)

    def __len__(self) -> int:
        return self._n.count()

    def __repr__(self) -> str:
        return f"<ssat.Parent {self.id!r}: {len(self)} entries>"


def compulsory_school_age(date_of_birth: DateLike) -> Tuple[date, date]:
    """(first, last) day of compulsory school age (Education Act 1996 s8)."""
    rec = _n.ssat_compulsory_school_age(date_of_birth)
    return rec["first"], rec["last"]


def is_compulsory_school_age(date_of_birth: DateLike, on: DateLike) -> bool:
    return _n.ssat_is_compulsory_school_age(date_of_birth, on)


# ---- decisions --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Criterion(_Bilingual):
    """One criterion of a decision: met, not met or unknown, with the values compared and why."""

    id: str
    outcome: Outcome
    measure: Measure
    value: Union[int, date]
    whole: int
    threshold: Union[int, date]
    threshold_den: int
    comparator: Comparator
    missing: str
    message_en: str
    message_cy: str
    provisional: int = 0  #: provisional (N) sessions in the criterion's window of the register
    missing_marks: int = 0  #: explicit missing marks in that window

    _from_record = _adopt(outcome=_member(Outcome), measure=_member(Measure), comparator=_member(Comparator),
                          drop=("message_cy_en",))

    @property
    def met(self) -> bool:
        return self.outcome == Outcome.MET

    def __str__(self) -> str:
        return f"{self.id}: {self.outcome.label()}: {self.message_en}"


@dataclass(frozen=True)
class Decision:
    """An explained decision: its outcome and every criterion, in order."""

    kind: str
    outcome: Outcome
    criteria: Tuple[Criterion, ...]
    earliest_date: Optional[date]  #: when it could become met at the current rate (penalty), else None
    _native: Any = field(default=None, repr=False, compare=False, hash=False)

    @classmethod
    def _from_native(cls, native: Any) -> "Decision":
        return cls._from_record(native.record(), native)

    @classmethod
    def _from_record(cls, rec: Mapping[str, Any], native: Any = None) -> "Decision":
        return cls(rec["kind"], Outcome(rec["outcome"]), tuple(Criterion._from_record(c) for c in rec["criteria"]),
                   rec["earliest_date"], native)

    @property
    def met(self) -> bool:
        return self.outcome == Outcome.MET

    def answer(self, question: Union["Question", int]) -> Outcome:
        """How the decision's criteria combine to answer a question: the library's answer, the same in
        every language (R1 and R2 for the referral; any limb and the year to date for a notice)."""
        if self._native is not None:
            return Outcome(self._native.answer(_int_arg(question, "question")))
        raise _error(_native.InvalidArgument, "Decision.answer: a decision made from a record has no native object")

    def __getitem__(self, criterion_id: str) -> Criterion:
        """The criterion with that id (NotFound otherwise)."""
        if self._native is not None:
            return Criterion._from_record(self._native.find(criterion_id))
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise _error(_native.NotFound, f"the {self.kind} decision has no criterion {criterion_id!r}")

    def __iter__(self) -> Iterator[Criterion]:
        return iter(self.criteria)

    def __len__(self) -> int:
        return len(self.criteria)

    def __str__(self) -> str:
        lines = [f"{self.kind}: {self.outcome.label()}"] + [f"  {c}" for c in self.criteria]
        return "\n".join(lines)


def criterion_ids() -> List[str]:
    """Every criterion id libssat defines."""
    return list(_n.ssat_criterion_ids())


def outcome_name(outcome: Union[Outcome, int], lang: LangLike = Lang.EN) -> str:
    """An outcome's name in English or Welsh (InvalidArgument for a value that is no outcome)."""
    return _n.ssat_outcome_name(_int_arg(outcome, "outcome"), int(Lang.of(lang)))


# ---- rules ------------------------------------------------------------------------------------------

def evaluate_referral(policy: Policy, register: Register, calendar: Calendar, as_of: DateLike,
                      pupil: Optional[Pupil] = None) -> Decision:
    """SSAT referral criteria R1..R6 over the policy's referral window (pupil None: facts unknown)."""
    return Decision._from_native(_n.ssat_referral_evaluate(
        _native_of(policy, Policy, "policy"), _native_of(register, Register, "register"),
        _native_of(calendar, Calendar, "calendar"), _native_of(pupil, Pupil, "pupil", optional=True), as_of))


def evaluate_absence(policy: Policy, register: Register, calendar: Calendar, as_of: DateLike) -> Decision:
    """Persistent (and, when the policy enables it, severe) absence."""
    return Decision._from_native(_n.ssat_absence_evaluate(
        _native_of(policy, Policy, "policy"), _native_of(register, Register, "register"),
        _native_of(calendar, Calendar, "calendar"), as_of))


def evaluate_penalty(policy: Policy, register: Register, calendar: Calendar, as_of: DateLike,
                     pupil: Optional[Pupil] = None, parent: Optional[Parent] = None,
                     previous_register: Optional[Register] = None,
                     previous_calendar: Optional[Calendar] = None) -> Decision:
    """Penalty-notice eligibility for a pupil and one parent (limbs, year-to-date rate, guards).

    previous_register, previous_calendar: the pupil's register and the school calendar of the previous
    school year, both or neither (InvalidArgument). With them a limb window of the last school weeks
    that reaches back before 1 August, and an improvement period after a warning given before 1 August,
    are counted across both years; without them each such condition is unknown."""
    return Decision._from_native(_n.ssat_penalty_evaluate_years(
        _native_of(policy, Policy, "policy"), _native_of(register, Register, "register"),
        _native_of(calendar, Calendar, "calendar"), _native_of(pupil, Pupil, "pupil", optional=True),
        _native_of(parent, Parent, "parent", optional=True), as_of,
        _native_of(previous_register, Register, "previous_register", optional=True),
        _native_of(previous_calendar, Calendar, "previous_calendar", optional=True)))


class Evaluation:
    """A prepared evaluation: the policy, calendar and as-of date resolved once, for many pupils.

    evaluation.register_criteria(register) gives the criteria the register settles (R1, R2, persistent
    and severe absence, the penalty limbs and year to date), each as the per-pupil rule gives it."""

    def __init__(self, policy: Policy, calendar: Calendar, as_of: DateLike):
        self._n = _n.SsatEvaluation(_native_of(policy, Policy, "policy"), _native_of(calendar, Calendar, "calendar"),
                                    as_of)

    @property
    def as_of(self) -> date:
        return self._n.as_of()

    def register_criteria(self, register: Register, previous: Optional[Register] = None) -> Decision:
        """The criteria the register settles. `previous`, the pupil's register of the previous school
        year, counts in a penalty limb window of school weeks that reaches back before 1 August, once
        the previous year's calendar is given (set_previous_year); without it such a limb is unknown."""
        native = _native_of(register, Register, "register")
        native_previous = _native_of(previous, Register, "previous", optional=True)
        if native_previous is None:
            return Decision._from_native(self._n.register_criteria(native))
        return Decision._from_native(self._n.register_criteria_years(native, native_previous))

    def set_previous_year(self, calendar: Optional[Calendar]) -> None:
        """The previous school year's calendar (copied), or None to remove it; RangeError when it is not
        the year before this evaluation's."""
        self._n.set_previous_year(_native_of(calendar, Calendar, "calendar", optional=True))


def penalty_amount_due(policy: Policy, issued: DateLike, paid_on: DateLike) -> Tuple[int, PaymentStage]:
    """(pence, stage) due on paid_on for a notice issued on issued."""
    rec = _n.ssat_penalty_amount_due(_native_of(policy, Policy, "policy"), issued, paid_on)
    return rec["pence"], PaymentStage(rec["stage"])


def penalty_received(policy: Policy, served: DateLike, method: Union[Service, int] = Service.HAND) -> date:
    """The day a notice served on `served` is received (post: the policy's working days later)."""
    return _n.ssat_penalty_received(_native_of(policy, Policy, "policy"), served, _int_arg(method, "method"))


def penalty_amount_due_received(policy: Policy, received: DateLike, paid_on: DateLike,
                                repeat: bool = False) -> Tuple[int, PaymentStage]:
    """(pence, stage) due on paid_on for a notice received on `received`: the periods run from receipt
    (England: the day of receipt is day 1); a repeat notice has no early rate where the policy says so."""
    rec = _n.ssat_penalty_amount_due_received(_native_of(policy, Policy, "policy"), received, paid_on,
                                              repeat)
    return rec["pence"], PaymentStage(rec["stage"])


def penalty_is_repeat(policy: Policy, parent: Parent, pupil_id: str, issued: DateLike) -> bool:
    """Whether a notice issued then to this parent for this pupil repeats an earlier one within the
    policy's "penalty.amount.repeat_months" (England: 36)."""
    return bool(_n.ssat_penalty_is_repeat(_native_of(policy, Policy, "policy"), _native_of(parent, Parent, "parent"),
                                          pupil_id, issued))


def sessions_to_exceed(summary: Summary, pct: PercentLike) -> int:
    """Consecutive attended sessions that would lift attendance strictly above pct (0 if already above)."""
    num, den = percent_fraction(pct)
    return _n.ssat_projection_sessions_to_exceed(_native_of(summary, Summary, "summary", attr="_native"), num, den)


def best_possible(register: Register, calendar: Calendar, as_of: DateLike) -> Tuple[int, int]:
    """(attended, possible) year to date if the pupil attends every remaining school-day session to 31 July."""
    rec = _n.ssat_projection_best_possible(_native_of(register, Register, "register"),
                                           _native_of(calendar, Calendar, "calendar"), as_of)
    return rec["attended"], rec["possible"]
