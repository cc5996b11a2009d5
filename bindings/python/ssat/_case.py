"""A pupil's attendance case: a state machine guarded by the rules, its audit trail, replay and JSON."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Dict, List, Optional, Union

from . import _native
from . import native as _n
from ._enums import CaseState, ContractState  # generated from the C headers
from ._api import Calendar, DateLike, Register
from ._evidence import Pack
from ._rules import Decision, Parent, Policy, Pupil
from ._types import Lang, LangLike, Problem, _adopt, _int_arg, _member, _native_of


@dataclass(frozen=True)
class TrailEntry:
    """One entry of a case's audit trail: the event as applied, and what its guards saw."""

    sequence: int
    event: str
    date: date
    actor: str
    role: str
    parent_id: str  #: "" when none
    detail: str  #: "" when none
    note: str  #: "" when none
    state_before: CaseState
    state_after: CaseState
    guard_values: str  #: "key=value; ..." e.g. "referral=met; referral.r1.attendance=met 80/100; ..."
    hash: str = ""  #: the hash chain's hash of this entry (64 hex digits)
    voided_by: int = 0  #: the sequence of the entry_voided that voids this entry, or 0

    _from_record = _adopt(state_before=_member(CaseState), state_after=_member(CaseState))

    @property
    def guards(self) -> Dict[str, str]:
        """guard_values as a dict: {"state": "engagement", "referral": "met", ...}."""
        out: Dict[str, str] = {}
        for part in self.guard_values.split("; ") if self.guard_values else ():
            key, _, value = part.partition("=")
            out[key] = value
        return out


def _reg(register: Optional[Register], what: str = "register") -> Any:
    return _native_of(register, Register, what, optional=True)


def _cal(calendar: Optional[Calendar], what: str = "calendar") -> Any:
    return _native_of(calendar, Calendar, what, optional=True)


_PLANS = {"psp": _n.SSAT_CASE_PLAN_PSP, "idp": _n.SSAT_CASE_PLAN_IDP}


class Case:
    """A pupil's attendance case, from first concern to closure (ssat/case.h).

        case = ssat.Case("P00001", ssat.Policy.builtin("carmarthenshire"))
        case.pupil.date_of_birth = "2012-05-01"           # the case's own pupil record and pack
        case.apply("concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8")
        case.apply("letter_sent", "2024-09-23", "Ms Jones", "Head of Year 8", detail="attendance_concern")
        case.next("2024-10-01", register, calendar)       # a Decision: which events are possible, and why not
        ssat.Case.from_json(case.to_json(), policy) == case

    Every event carries the date given (no clock); a refused event raises ssat.StateError whose .refusal
    is a Decision listing every guard of the event with its outcome and English and Welsh messages, and
    the case is unchanged. Events that look at attendance (referral, notices) need the register and the
    calendar. case.pupil and case.pack belong to the case (they keep it alive).
    """

    __slots__ = ("_n",)

    def __init__(self, pupil_id: str, policy: Policy, key: Optional[Union[str, bytes]] = None):
        """A case in state monitoring; with `key` (16 to 4096 bytes) its trail is chained with HMAC-SHA-256
        under the key, and loads only with it (from_json(..., key=key))."""
        native_policy = _native_of(policy, Policy, "policy")
        if key is None:
            self._n = _n.SsatCase(pupil_id, native_policy)
        else:
            self._n = _n.SsatCase.new_keyed(pupil_id, native_policy, key)

    @classmethod
    def _wrap(cls, native: Any) -> "Case":
        obj = cls.__new__(cls)
        obj._n = native
        return obj

    @classmethod
    def from_json(cls, document: Union[str, bytes, bytearray, memoryview], policy: Optional[Policy] = None,
                  key: Optional[Union[str, bytes]] = None) -> "Case":
        """Load a case saved by to_json(); its hash chain is verified and its trail replayed (ParseError
        names the path; StateError when an entry was edited, removed or inserted, naming the first entry
        that breaks the chain, when the trail does not replay, or the policy is not the one the document
        names). Without `policy`, the built-in policy the document names is used (NotFound when it names
        none). A keyed case needs its `key`."""
        native_policy = _native_of(policy, Policy, "policy", optional=True)
        if native_policy is None:
            if key is None:
                return cls._wrap(_n.SsatCase.load_json(document))
            return cls._wrap(_n.SsatCase.load_json_keyed(document, key))
        if key is None:
            return cls._wrap(_n.SsatCase.from_json(document, native_policy))
        return cls._wrap(_n.SsatCase.from_json_keyed(document, native_policy, key))

    @property
    def chain_head(self) -> str:
        """The head of the trail's hash chain (64 hex digits): the last entry's hash."""
        return self._n.chain_head()

    @property
    def chain_keyed(self) -> bool:
        """Whether the chain is HMAC-SHA-256 under a key (else SHA-256)."""
        return self._n.chain_keyed()

    @property
    def chain_migrated(self) -> int:
        """How many leading entries were chained when an older document was loaded, not as recorded."""
        return self._n.chain_migrated()

    @staticmethod
    def events() -> List[str]:
        """Every event id, in the library's order ("concern_raised", "letter_sent", ...)."""
        return list(_n.SsatCase.events())

    def to_json(self) -> str:
        """The case as a JSON document (format "ssat-case"): pupil record, policy name, pack, trail, state."""
        return self._n.to_json()

    @property
    def pupil_id(self) -> str:
        return self._n.pupil_id()

    @property
    def state(self) -> CaseState:
        return CaseState(self._n.main_state())

    @property
    def contract(self) -> ContractState:
        return ContractState(self._n.contract())

    def plan_active(self, plan: Union[str, int]) -> bool:
        """Whether the plan ("psp" or "idp", or native.SSAT_CASE_PLAN_PSP / _IDP) is active; False for
        another text."""
        if isinstance(plan, str):
            plan = _PLANS.get(plan, -1)
        return self._n.plan_is_active(_int_arg(plan, "plan"))

    @property
    def pupil(self) -> Pupil:
        """The case's pupil record (date of birth, facts): owned by the case, which it keeps alive."""
        return Pupil._wrap(self._n.pupil())

    @property
    def pack(self) -> Pack:
        """The case's referral pack (the referral guard checks it): owned by the case, which it keeps alive."""
        return Pack._wrap(self._n.pack())

    @pack.setter
    def pack(self, pack: Pack) -> None:
        """Replace the case's pack items by copies of those of `pack` (ssat_case_set_pack); Pack objects
        taken from case.pack before stay valid and show the copies."""
        self._n.set_pack(_native_of(pack, Pack, "pack"))

    @property
    def policy(self) -> Policy:
        """A copy of the case's policy."""
        return Policy._wrap(self._n.policy())

    def apply(self, event: str, date: DateLike, actor: str, role: str, parent_id: Optional[str] = None,
              detail: Optional[str] = None, note: Optional[str] = None, register: Optional[Register] = None,
              calendar: Optional[Calendar] = None, history: Optional[Parent] = None,
              previous_register: Optional[Register] = None, previous_calendar: Optional[Calendar] = None
              ) -> TrailEntry:
        """Apply an event and return its new trail entry.

        history: the parent's history (ssat.Parent) whose notices for the pupil's siblings count towards
        the per-parent limit on notices (Wales: across all the parent's children).
        previous_register, previous_calendar: the pupil's register and the school calendar of the school
        year before the event's (give both or neither). England's penalty limbs count the last 10 school
        weeks, which early in a school year reach back before 1 August: with them a notice's limbs count
        both years (the trail's "notice.absence" then starts in the previous year); without them such a
        limb, not met on this year's sessions, is unknown and the notice is refused.

        Raises StateError with .refusal (a Decision: every guard, met or not, in English and Welsh) when a
        guard refuses it; InvalidArgument for missing or malformed arguments (also only one of
        previous_register and previous_calendar); NotFound for an unknown event.
        """
        try:
            return TrailEntry._from_record(self._n.apply(
                _reg(register), _cal(calendar), event, date, actor, role, parent_id, detail, note,
                _reg(previous_register, "previous_register"), _cal(previous_calendar, "previous_calendar"),
                _native_of(history, Parent, "history", optional=True)))
        except _native.StateError as exc:
            if isinstance(exc.refusal, dict):
                exc.refusal = Decision._from_record(exc.refusal)
            raise

    def next(self, date: DateLike, register: Optional[Register] = None, calendar: Optional[Calendar] = None,
             parent_id: Optional[str] = None, previous_register: Optional[Register] = None,
             previous_calendar: Optional[Calendar] = None, history: Optional[Parent] = None) -> Decision:
        """What can happen on `date`: one criterion per event ("case.event.<event>"), met when it would be
        applied, else with the first guard that refuses it. Statutory events need parent_id. The previous
        school year's register and calendar and the parent's history are read as apply() reads them
        (ssat_case_next_event)."""
        return Decision._from_native(self._n.next(_reg(register), _cal(calendar), date, parent_id,
                                                  _reg(previous_register, "previous_register"),
                                                  _cal(previous_calendar, "previous_calendar"), _native_of(history, Parent, "history", optional=True)))

    @property
    def trail(self) -> List[TrailEntry]:
        """The audit trail, oldest first."""
        return [TrailEntry._from_record(r) for r in self._n.trail()]

    def replay(self) -> "Case":
        """The case rebuilt from its trail alone (StateError if it does not replay)."""
        return Case._wrap(self._n.replay())

    def overdue(self, calendar: Optional[Calendar], on: DateLike) -> List[Problem]:
        """Work overdue (errors) or due soon (warnings) on `on`: plan reviews, the SSAT's decision, the end
        of an improvement period, payment windows. Each Problem's date is the due date."""
        return [Problem._from_record(r) for r in self._n.overdue(_cal(calendar), on)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Case) and self._n.equals(other._n)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"<ssat.Case {self.pupil_id!r}: {self.state}, {self._n.trail_count()} events>"


def case_state_name(state: Union[CaseState, int], lang: LangLike = Lang.EN) -> str:
    """A state's id (English) or Welsh label; InvalidArgument for a value that is no state."""
    return _n.ssat_case_state_name(_int_arg(state, "state"), int(Lang.of(lang)))

