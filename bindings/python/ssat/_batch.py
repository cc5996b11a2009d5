"""Batch evaluation (ssat/batch.h): a whole school, or a nation, in one C call from one buffer of marks."""
from __future__ import annotations

from datetime import date
from typing import List, Optional, Sequence, Tuple, Union

from . import native as _n
from ._api import Calendar, CodeSet, DateLike, Register
from ._rules import Policy
from ._school import School
from ._types import BatchResult, Half, _native_of
from ._columns import evaluate_columns

Marks = Union[str, bytes, bytearray, memoryview]


class Batch:
    """The rules prepared for many pupils of one school year up to an as-of date.

        batch = ssat.Batch(codes, policy, calendar, "2025-07-18")
        batch.sessions                      # [(date, Half), ...]: byte i of a pupil's run is session i
        results = batch.evaluate(marks, offsets, threads=4)   # one bytes buffer, npupils + 1 offsets
        results = batch.evaluate([run1, run2, ...])           # or one run per pupil
        [r for r in results if r.referral_r1 and r.referral_r2]

    Each run has one byte per session of the shared calendar (the school days of the year, AM then PM,
    from the first): a one-character code, "-" or " " for a missing mark, "." for a session on which the
    pupil was not on roll. Results are exactly the per-pupil API's (attendance, R1, R2, persistent and
    severe absence, the penalty limbs and year-to-date condition), computed in C with no allocation per
    pupil; a str or an immutable bytes-like buffer is read in place (a writable one, such as a bytearray,
    and the offsets are copied first: the GIL is released during the call). evaluate_school() takes a
    school's registers and run_of() one register, turned into runs in C.
    """

    __slots__ = ("_n", "_sessions")

    def __init__(self, codeset: CodeSet, policy: Policy, calendar: Calendar, as_of: DateLike):
        self._n = _n.SsatBatch(_native_of(codeset, CodeSet, "codeset"),
                               _native_of(policy, Policy, "policy"),
                               _native_of(calendar, Calendar, "calendar"), as_of)
        self._sessions: Optional[List[Tuple[date, Half]]] = None

    @property
    def sessions(self) -> List[Tuple[date, Half]]:
        """Every session of the shared calendar, (date, half), in run order."""
        if self._sessions is None:
            self._sessions = [(r["date"], Half[r["half"]]) for r in self._n.sessions()]
        return list(self._sessions)

    @property
    def session_count(self) -> int:
        return self._n.session_count()

    @property
    def kernel(self) -> str:
        """The counting kernel this CPU runs: "avx512", "avx2" or "portable" (all give the same results)."""
        return self._n.kernel()

    def evaluate(self, marks: Union[Marks, Sequence[Marks]], offsets: Optional[Sequence[int]] = None,
                 threads: int = 0) -> List[BatchResult]:
        """Evaluate every pupil in one C call.

        marks: one str or bytes-like object holding every run back to back, cut by `offsets` (npupils + 1
        non-decreasing byte offsets: a list of ints or an array('Q'), copied once); without offsets, one
        pupil. Or a list of runs (str or bytes-like), one per pupil, joined once in C. threads: 0 or 1 for
        this thread, more to split the pupils (the GIL is released meanwhile). A run longer than the
        sessions, or offsets that are not non-decreasing, raise InvalidArgument naming the pupil; a run
        with a byte that is no code gives a result flagged invalid.
        """
        return [BatchResult._from_record(r) for r in self._n.evaluate(marks, offsets, threads)]

    evaluate_columns = evaluate_columns  # one column per result field (ssat/_columns.py)

    def evaluate_school(self, school: School, threads: int = 0) -> List[BatchResult]:
        """Every pupil of a school, in its id order, from its registers (ssat_batch_evaluate_school: turned
        into runs and evaluated in one C call); each result carries its pupil_id. A register with a code
        longer than one character raises InvalidArgument naming the pupil."""
        native_school = _native_of(school, School, "school")
        return [BatchResult._from_record(r) for r in self._n.evaluate_school(native_school, threads)]

    def run_of(self, register: Register) -> str:
        """A register as a run of the batch's sessions (ssat_batch_register_run): its one-character codes,
        "-" for a missing mark, "." where it has no entry; a longer code raises InvalidArgument."""
        return self._n.run_of(_native_of(register, Register, "register"))

    def __repr__(self) -> str:
        return f"<ssat.Batch: {self.session_count} sessions, {self.kernel}>"
