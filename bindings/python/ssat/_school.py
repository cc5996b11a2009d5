"""Schools: every pupil's register and record, imported from CSV exports (streamed, all or nothing)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator, List, Optional, Union

from . import _native
from . import native as _n
from ._enums import CsvKind  # generated from the C headers
from ._api import CodeSet, CsvSource, DateLike, HalfLike, Register, _error, _problems
from ._rules import Pupil
from ._types import Problem, _native_of

#: Bytes read and fed per chunk when a file is streamed (any size gives the same result).
CHUNK_SIZE = 1 << 20


CsvKindLike = Union[CsvKind, int, str]


class CsvMap:
    """How an MIS's CSV export is read: its column names, its date format and its local codes.

        m = ssat.CsvMap(columns="pupil_id=Adno,date=Date,session=Session,mark=Mark",
                        date_format="dd/mm/yyyy", codes="codes.csv")
        school.import_csv("export.csv", map=m)

    columns: field=Header pairs (fields: pupil_id, date, session, mark, start_date, marks, date_of_birth,
    name, year_group, start, end). date_format: "yyyy-mm-dd" or "dd/mm/yyyy". codes: a code map file
    (`local,statutory`; a path or bytes), whose problems raise InvalidData at file:line:column.
    Sessions written AM/PM, am/pm or Morning/Afternoon are read with or without a map.
    """

    __slots__ = ("_n",)

    def __init__(self, columns: Optional[str] = None, date_format: Optional[str] = None,
                 codes: Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, None] = None, codes_source: Optional[str] = None):
        self._n = _n.SsatCsvMap()
        if columns is not None:
            self._n.set_columns(columns)
        if date_format is not None:
            self._n.set_date_format(date_format)
        if codes is not None:
            if isinstance(codes, (str, os.PathLike)):
                path = os.fsdecode(codes)
                with open(path, "rb") as f:
                    data = f.read()
                codes_source = codes_source if codes_source is not None else path
            elif isinstance(codes, (bytes, bytearray, memoryview)):
                data = bytes(codes)
            else:  # bytes(5) would be five NUL bytes, bytes([1, 2]) two bytes of "data"
                raise TypeError(f"codes: expected a path or bytes, not {type(codes).__name__}")
            try:
                self._n.load_codes(data, codes_source)
            except _native.InvalidData as exc:
                _problems(exc)
                raise

    @property
    def code_count(self) -> int:
        """Local codes in the map."""
        return self._n.code_count()


@dataclass(frozen=True)
class ImportResult:
    """What an import read: the file's name in messages, its kind, its data rows and its warnings."""

    source: str
    kind: Union[CsvKind, str]  #: the CSV kind, or "ctf" for a Common Transfer File
    rows: int                  #: data rows read (a CTF: Pupil elements)
    problems: List[Problem]  #: warnings only (an import with an error raises InvalidData)

    @classmethod
    def _from_record(cls, rec: Any) -> "ImportResult":
        kind = rec["kind"]
        return cls(rec["source"], "ctf" if kind == "ctf" else CsvKind[kind.upper()], rec["rows"],
                   [Problem._from_record(p) for p in rec["problems"]])


@dataclass(frozen=True)
class Location:
    """Where a session of a pupil's register is in the file it was imported from (column 0: the row)."""

    source: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.column}" if self.column else f"{self.source}:{self.line}"


class Import:
    """A streamed import into a school: feed() the file in chunks of any size, then finish().

        with school.begin_import("wide", source="autumn.csv") as imp:
            for chunk in chunks:
                imp.feed(chunk)
            result = imp.finish()

    Nothing changes in the school before finish(), and nothing at all if the file has an error. The
    import keeps its school alive; one import at a time per school (StateError while one is open), so
    close it (or use `with`) when abandoning it.
    """

    __slots__ = ("_n",)

    def __init__(self, native: Any):
        if not isinstance(native, _n.SsatImport):  # made by School.begin_import(), not by hand
            raise TypeError(f"ssat.Import is made by School.begin_import(), not from {type(native).__name__}")
        self._n = native

    def feed(self, data: Union[str, bytes, bytearray, memoryview]) -> None:
        """The next bytes of the file (a str is fed as UTF-8); bytes-like data is read in place."""
        self._n.feed(data)

    def finish(self) -> ImportResult:
        """Commit the file to the school; raises InvalidData (.problems: every problem, file:line:column)."""
        try:
            return ImportResult._from_record(self._n.finish())
        except _native.InvalidData as exc:
            _problems(exc)
            raise

    def close(self) -> None:
        """Abandon the import (the school is unchanged) or release a finished one. Idempotent."""
        self._n.close()

    @property
    def is_open(self) -> bool:
        return self._n.is_open()

    @property
    def source(self) -> str:
        return self._n.source()

    @property
    def problems(self) -> List[Problem]:
        """Every problem found so far."""
        return [Problem._from_record(r) for r in self._n.problems()]

    @property
    def error_count(self) -> int:
        """Errors among the problems found so far: a caller feeding a large file can stop at the first."""
        return self._n.error_count()

    def clear_problems(self) -> None:
        """Forget the problems found so far, once shown (a streaming import reports them as it goes).
        The outcome does not change: an import with errors still fails at finish()."""
        self._n.clear_problems()

    def set_threads(self, threads: int) -> None:
        """Allow feed() a second thread (2) for chunks of 256 KiB or more, or not (0 or 1, the default).
        The school, problems and outcome are those of one thread."""
        self._n.set_threads(threads)

    def __enter__(self) -> "Import":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<ssat.Import {self.source!r}{' open' if self.is_open else ''}>"


def _feed_file(imp: Import, f: Any, chunk_size: int) -> None:
    """Stream an open file into an import, chunk by chunk (binary files into one reused buffer)."""
    readinto = getattr(f, "readinto", None)
    if readinto is not None and "b" in getattr(f, "mode", "b"):
        buf = bytearray(chunk_size)
        view = memoryview(buf)
        while True:
            n = readinto(buf)
            if not n:
                return
            imp.feed(view[:n])
    while True:
        chunk = f.read(chunk_size)
        if not chunk:
            return
        imp.feed(chunk)


class School:
    """A school: one register per pupil (on one code set) and the pupils' records, imported from CSV
    exports.

        school = ssat.School(ssat.CodeSet.builtin("wales-2010"))
        school.import_csv("pupils_2024.csv", kind="pupils")      # optional: dates of birth, names
        school.import_csv("sample_school_2024.csv")               # long or wide register layout
        for pupil_id in school:                                   # ids in ascending order
            school.register(pupil_id).summary(window)

    Imports are streamed (a file never needs to fit in memory) and all or nothing: a file with any
    error raises InvalidData whose .problems locate each error as file:line:column, and the school is
    left exactly as it was. A register from school.register() is read-only and keeps the school alive;
    so does a record from school.pupil(), whose facts stay with the school.
    """

    __slots__ = ("_n", "_codeset")

    def __init__(self, codeset: CodeSet):
        self._n = _n.SsatSchool(_native_of(codeset, CodeSet, "codeset"))
        self._codeset = codeset

    @property
    def codeset(self) -> CodeSet:
        """The code set of every register of the school (frozen)."""
        return self._codeset

    # ---- imports ----

    def begin_import(self, kind: CsvKindLike = CsvKind.AUTO, source: Optional[str] = None) -> Import:
        """A streamed import to feed() in chunks and finish(); source names the file in messages."""
        return Import(self._n.begin_import(int(CsvKind.of(kind)), source))

    def import_csv(self, file: CsvSource, kind: CsvKindLike = CsvKind.AUTO, source: Optional[str] = None,
                   chunk_size: int = CHUNK_SIZE, map: Optional[CsvMap] = None) -> ImportResult:
        """Import one CSV file, streamed in chunks through the C reader, all or nothing.

        file: a path (str or os.PathLike), bytes-like data (read in place), or an open file (binary or
        text). kind: "auto" (a register, long or wide, told by its header), "long", "wide" or "pupils".
        source: the file's name in messages (default: the path, or the open file's name).
        Raises InvalidData (.problems: every problem, each message starting "file:line:column: ") and
        leaves the school unchanged. Returns the rows read and the warnings.
        """
        if chunk_size < 1:
            raise _error(_native.InvalidArgument, f"chunk_size {chunk_size}: must be at least 1")
        k = int(CsvKind.of(kind))
        if map is not None:
            return self._import_mapped(file, k, source, map)
        if isinstance(file, (str, os.PathLike)):
            path = os.fsdecode(file)
            with open(path, "rb") as f:
                return self._import(lambda imp: _feed_file(imp, f, chunk_size), k, source if source is not None else path)
        if isinstance(file, (bytes, bytearray, memoryview)):
            view = memoryview(file).cast("B")

            def feed(imp: Import) -> None:
                for i in range(0, len(view), chunk_size):
                    imp.feed(view[i:i + chunk_size])
            return self._import(feed, k, source)
        if hasattr(file, "read"):
            name = getattr(file, "name", None)
            return self._import(lambda imp: _feed_file(imp, file, chunk_size), k,
                                source if source is not None else name if isinstance(name, str) else None)
        raise TypeError(f"import_csv: expected a path, bytes or an open file, not {type(file).__name__}")

    def import_ctf(self, file: Union[str, os.PathLike, bytes, bytearray, memoryview],
                   source: Optional[str] = None) -> ImportResult:
        """Import one Common Transfer File (XML), all or nothing: pupils by UPN with their names and
        dates of birth, and the registers of every YearData with marks (ssat/ctf.h).

        file: a path (streamed in 1 MiB chunks) or bytes-like data (read in place). Raises InvalidData
        (.problems: every problem, "file:line:column: ...") and leaves the school unchanged; returns the
        pupils read and the warnings (a total of the file that differs from its marks: ctf.totals).
        """
        try:
            if isinstance(file, (str, os.PathLike)):
                return ImportResult._from_record(self._n.import_ctf_file(os.fsdecode(file), source))
            if isinstance(file, (bytes, bytearray, memoryview)):
                return ImportResult._from_record(self._n.import_ctf_string(file, source))
        except _native.InvalidData as exc:
            _problems(exc)
            raise
        raise TypeError(f"import_ctf: expected a path or bytes, not {type(file).__name__}")

    def _import_mapped(self, file: CsvSource, kind: int, source: Optional[str], map: CsvMap) -> ImportResult:
        """An import through a CsvMap (the C import reads the file in chunks, or the bytes in place)."""
        native_map = _native_of(map, CsvMap, "map", optional=True)  # the argument is optional; here not None
        try:
            if isinstance(file, (str, os.PathLike)):
                path = os.fsdecode(file)
                return ImportResult._from_record(self._n.import_file(path, kind, source, native_map))
            if isinstance(file, (bytes, bytearray, memoryview)):
                return ImportResult._from_record(self._n.import_string(file, kind, source, native_map))
            if hasattr(file, "read"):
                data = file.read()
                data = data.encode("utf-8") if isinstance(data, str) else data
                name = getattr(file, "name", None)
                return ImportResult._from_record(self._n.import_string(
                    data, kind, source if source is not None else name if isinstance(name, str) else None, native_map))
        except _native.InvalidData as exc:
            _problems(exc)
            raise
        raise TypeError(f"import_csv: expected a path, bytes or an open file, not {type(file).__name__}")

    def _import(self, feed: Any, kind: int, source: Optional[str]) -> ImportResult:
        imp = Import(self._n.begin_import(kind, source))
        try:
            feed(imp)
            return imp.finish()
        finally:
            imp.close()

    # ---- pupils ----

    def __len__(self) -> int:
        return self._n.count()

    def __iter__(self) -> Iterator[str]:
        """The pupil ids, in ascending byte order."""
        return iter(self._n.ids())

    @property
    def ids(self) -> List[str]:
        """Every pupil id, in ascending byte order."""
        return list(self._n.ids())

    def __contains__(self, pupil_id: object) -> bool:
        return isinstance(pupil_id, str) and self._n.contains(pupil_id)

    def register(self, pupil_id: str) -> Register:
        """The pupil's register (read-only: StateError on add_mark; it keeps the school alive). NotFound."""
        return Register._wrap(self._n.register(pupil_id), self._codeset)

    __getitem__ = register

    def pupil(self, pupil_id: str) -> Pupil:
        """The pupil's record: date of birth from the pupils file, and facts, which may be set (they stay
        with the school) before evaluating rules. It keeps the school alive. NotFound."""
        return Pupil._wrap(self._n.pupil(pupil_id))

    def detail(self, pupil_id: str, field: str) -> str:
        """"name" or "year_group" from the pupils file ("" when not known)."""
        return self._n.detail(pupil_id, field)

    def last_date(self) -> Optional[date]:
        """The natural as-of date of an export: the last date with an entry in the school year the marks
        are about (the latest year holding at least 1 % of them, so a stray row dated years away does not
        move it); None if no register has an entry."""
        try:
            return self._n.last_date()
        except _native.NotFound:
            return None

    def check_year(self, school_year: int) -> List[Problem]:
        """Warnings for the marks dated outside the school year evaluated (1 August school_year to 31 July
        next), each located file:line:column: "school.mark_outside_year" for the first 100, and
        "school.marks_outside_year" counting them all when there are more. RangeError outside 1583..9998."""
        return [Problem._from_record(r) for r in self._n.check_year(school_year)]

    def locate(self, pupil_id: str, day: DateLike, half: HalfLike) -> Location:
        """Where a session of the pupil's register is in the file it came from (NotFound: no register rows)."""
        rec = self._n.locate(pupil_id, day, half)
        return Location(rec["source"], rec["line"], rec["column"])

    def __repr__(self) -> str:
        return f"<ssat.School ({self._codeset.name}): {len(self)} pupils>"
