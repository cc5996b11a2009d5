"""Checked by mypy, not run (ctest python_typecheck): the shipped stubs give real types, not Any.

Each `type: ignore[...]` below marks a deliberate type error; with --warn-unused-ignores mypy fails
if the stubs stop catching it (an Any would accept it silently).
"""
from datetime import date
from typing import List, Optional

import ssat

codes: ssat.CodeSet = ssat.CodeSet.builtin("wales-2010")
reg = ssat.Register(codes)
reg.add_marks("2024-09-02", "/\\/\\I\\O\\")
summary: ssat.Summary = reg.summary(ssat.window_range("2024-09-02", "2024-09-06"))
pct: Optional[float] = summary.attendance_pct
day: date = ssat.parse_date("2024-09-02")
lang: ssat.Lang = ssat.Lang.of("cy")
kind: ssat.CsvKind = ssat.CsvKind.of("wide")
label: str = ssat.Category.UNAUTHORISED.label(lang)
state_id: str = ssat.CaseState.SCHOOL_CONCERN.id
names: List[str] = ssat.CodeSet.builtin_names()
status: ssat.Status = ssat.Status.ERR_PARSE
error_status: Optional[int] = ssat.ParseError.status

wrong_day: str = ssat.parse_date("2024-09-02")  # type: ignore[assignment]
wrong_lang: ssat.Half = ssat.Lang.of("en")  # type: ignore[assignment]
reg.add_marks("2024-09-09", 42)  # type: ignore[arg-type]
