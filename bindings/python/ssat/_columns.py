"""Batch results as columns (issue 17): ssat.Batch.evaluate_columns() gives one buffer per field of
ssat_batch_result instead of one object per pupil, so a nation's results cost what the C call costs.

Each column is a memoryview of native 32-bit integers ("I"; attendance_tenths "i", -1 when not
evaluable) over a bytearray that the C code filled: usable as a buffer (memoryview, array, bytes), as a
NumPy array without a copy (numpy.asarray(cols.possible)) and, with pandas, as a DataFrame. NumPy and
pandas are optional: nothing here imports them until to_numpy() or to_pandas() is called.
"""
from __future__ import annotations

from typing import Any, Dict, Iterator, Optional, Tuple

from . import _native
from ._types import BATCH_FIELDS, BatchFlag, BatchResult, _error, _int_arg


class BatchColumns:
    """The results of one evaluate_columns() call, a column per field, in pupil order.

        cols = batch.evaluate_columns(marks, offsets)
        len(cols)                          # pupils
        cols.possible[0], cols["flags"][0]  # memoryview items: ints
        numpy.asarray(cols.attended)       # uint32 array over the same memory (no copy)
        cols.to_pandas()                   # a DataFrame, one column per field
        cols.result(0)                     # pupil 0 as a BatchResult (what evaluate() gives)
    """

    __slots__ = ("_raw", "_views", "_n")

    possible: memoryview
    attended: memoryview
    authorised: memoryview
    unauthorised: memoryview
    missing: memoryview
    limb_sessions: memoryview
    attendance_tenths: memoryview
    flags: memoryview

    def __init__(self, raw: Tuple[bytearray, ...]):
        if len(raw) != len(BATCH_FIELDS):
            raise ValueError(f"BatchColumns: {len(BATCH_FIELDS)} columns are needed, not {len(raw)}")
        self._raw = dict(zip(BATCH_FIELDS, raw))
        self._views = {name: memoryview(buf).cast("i" if name == "attendance_tenths" else "I")
                       for name, buf in self._raw.items()}
        self._n = len(self._views["possible"])

    def __getattr__(self, name: str) -> memoryview:
        views = object.__getattribute__(self, "_views")
        if name in views:
            return views[name]
        raise AttributeError(f"'BatchColumns' object has no attribute '{name}'")

    def __getitem__(self, name: str) -> memoryview:
        """The column of a field (see ssat.BATCH_FIELDS), a memoryview of ints."""
        try:
            return self._views[name]
        except KeyError:
            raise KeyError(f"no batch field {name!r}; the fields are {', '.join(BATCH_FIELDS)}") from None

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[str]:
        return iter(BATCH_FIELDS)

    def keys(self) -> Tuple[str, ...]:
        return BATCH_FIELDS

    def buffer(self, name: str) -> bytearray:
        """The bytearray holding a field's column (native-endian 32-bit integers)."""
        self[name]  # the error for a name that is no field
        return self._raw[name]

    def result(self, index: int) -> BatchResult:
        """Pupil `index` as a BatchResult, as evaluate() would give it."""
        if not -self._n <= index < self._n:
            raise IndexError(f"pupil {index} is outside the batch's {self._n} pupils")
        rec = {name: view[index] for name, view in self._views.items()}
        return BatchResult._from_record(rec)

    def count(self, flag: BatchFlag) -> int:
        """How many pupils have every bit of `flag` (e.g. BatchFlag.REFERRAL_R1 | BatchFlag.REFERRAL_R2)."""
        bits = _int_arg(flag, "flag")
        if not 0 <= bits <= 0xFFFFFFFF:  # -1 would match no pupil rather than every flag
            raise _error(_native.InvalidArgument, f"flag: {bits} is not a set of BatchFlag bits (0 to 0xFFFFFFFF)")
        try:
            import numpy as np
        except ImportError:
            return sum(1 for f in self._views["flags"] if f & bits == bits)
        return int(np.count_nonzero(np.asarray(self._views["flags"]) & bits == bits))

    def to_numpy(self) -> Dict[str, Any]:
        """Every column as a NumPy array over the same memory (uint32; attendance_tenths int32)."""
        import numpy as np
        return {name: np.asarray(view) for name, view in self._views.items()}

    def to_pandas(self, copy: bool = False) -> Any:
        """A pandas DataFrame, one column per field in header order (the NumPy arrays, not copied
        unless `copy`)."""
        import pandas as pd
        return pd.DataFrame(self.to_numpy(), columns=list(BATCH_FIELDS), copy=copy)

    def __repr__(self) -> str:
        return f"<ssat.BatchColumns: {self._n} pupils, {len(BATCH_FIELDS)} columns>"


def _offsets_arg(offsets: Any) -> Any:
    """NumPy's signed 64-bit offsets (what cumsum gives) as the unsigned ones the binding reads, without a
    copy (a negative offset becomes one past any buffer, which the binding reports)."""
    dtype = getattr(offsets, "dtype", None)
    if dtype is not None and dtype.kind == "i" and dtype.itemsize == 8:
        return offsets.view(dtype.str.replace("i", "u"))
    return offsets


def evaluate_columns(self: Any, marks: Any, offsets: Optional[Any] = None, threads: int = 0) -> BatchColumns:
    """Evaluate every pupil in one C call, as evaluate() does, into one column per result field.

    marks and offsets as for evaluate(): one str or bytes-like object (bytes, bytearray, array('B'), a
    NumPy uint8 array, mmap) with npupils + 1 offsets (a list of ints, array('Q'), a NumPy uint64 or
    int64 array), or a list of runs. A bytes-like buffer is read in place: an immutable one with the GIL
    released, a writable one with the GIL held (no other Python thread can change it meanwhile).
    Returns a BatchColumns: no Python object per pupil.
    """
    return BatchColumns(self._n.evaluate_columns(marks, _offsets_arg(offsets), threads))
