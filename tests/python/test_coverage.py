"""The binding covers the whole public C API.

Fails when a function declared with SSAT_API in include/ (or exported by libssat.so) is not called
from the SWIG-generated wrapper, when a status has no exception class, when a constant of the headers
is missing from ssat.native, or when ssat_totals gains a field that summaries do not carry. Add the
binding in bindings/ssat.i (and, for the Pythonic layer, bindings/python/ssat/) to fix it.
"""
import os
import pathlib
import re
import shutil
import subprocess

import pytest

import ssat
from ssat import native

SOURCE_DIR = pathlib.Path(os.environ.get("SSAT_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
INCLUDE = SOURCE_DIR / "include"


def _strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)


def public_headers():
    # experimental.h (if it ever exists) is outside the API promises and not bound.
    headers = [INCLUDE / "ssat.h"] + sorted((INCLUDE / "ssat").glob("*.h"))
    return [h for h in headers if h.name != "experimental.h"]


def header_functions():
    names = set()
    for h in public_headers():
        text = _strip_comments(h.read_text(encoding="utf-8"))
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        names.update(re.findall(r"\bSSAT_API\b[^;{}()]*?\b(ssat_[a-z0-9_]+)\s*\(", text))
    return names


def deprecated_functions():
    # Declared SSAT_DEPRECATED (docs/abi.md, "Deprecated"): kept for C programs until the SOVERSION changes;
    # the binding calls the replacement, which is public and so checked like any other function.
    names = set()
    for h in public_headers():
        text = _strip_comments(h.read_text(encoding="utf-8"))
        names.update(re.findall(r"\bSSAT_API\b[^;{}()]*?\b(ssat_[a-z0-9_]+)\s*\([^;]*\)\s*SSAT_DEPRECATED\b", text))
    return names


def exported_functions():
    lib = os.environ.get("SSAT_LIBRARY")
    if not lib or not shutil.which("nm"):
        return set()
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True, capture_output=True, text=True).stdout
    return {m.split("@")[0] for m in re.findall(r"\sT\s+(ssat_[a-z0-9_@.A-Z]+)", out)}


def wrapper_calls():
    path = os.environ.get("SSAT_PY_WRAPPER")
    assert path, "SSAT_PY_WRAPPER (the generated ssatPYTHON_wrap.c) is not set: run through ctest"
    text = pathlib.Path(path).read_text(encoding="utf-8")
    text = _strip_comments(text)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)  # string literals (method names, docs)
    return set(re.findall(r"(?<![\w])(ssat_[a-z0-9_]+)\s*\(", text))


def test_header_parse_finds_the_api():
    names = header_functions()
    assert len(names) >= 69
    for known in ("ssat_version_string", "ssat_register_add_marks", "ssat_summary_compare", "ssat_easter_sunday"):
        assert known in names
    deprecated = deprecated_functions()
    assert {"ssat_codeset_size", "ssat_problems_get", "ssat_case_get_state"} <= deprecated
    assert not deprecated & {"ssat_codeset_count", "ssat_problems_at", "ssat_case_main_state"}


def test_every_public_function_is_called_by_the_wrapper():
    public = header_functions() | exported_functions()
    missing = sorted(public - wrapper_calls() - deprecated_functions())
    assert not missing, (
        f"public functions not reachable from the bindings: {missing}; bind them in bindings/ssat.i")


def test_exported_symbols_are_declared():
    exported = exported_functions()
    if not exported:
        pytest.skip("SSAT_LIBRARY not set or nm missing")
    assert exported <= header_functions(), sorted(exported - header_functions())


def test_every_status_has_an_exception_class():
    text = _strip_comments((INCLUDE / "ssat" / "errors.h").read_text(encoding="utf-8"))
    statuses = {name: int(v) for name, v in re.findall(r"\b(SSAT_ERR_[A-Z_]+)\s*=\s*(-?\d+)", text)}
    assert statuses
    for name, value in statuses.items():
        cls = ssat.exception_for_status(value)
        assert cls is not ssat.Error and cls.status == value, f"{name} has no exception class"
        assert getattr(native, name) == value


def test_every_header_constant_is_in_native():
    names = set()
    for h in public_headers():
        text = _strip_comments(h.read_text(encoding="utf-8"))
        names.update(re.findall(r"^\s*(SSAT_[A-Z0-9_]+)\s*=", text, flags=re.M))  # enumerators
        # not struct initialisers (SSAT_CASE_EVENT_INIT, "{...}"): C only, a binding builds the struct itself
        names.update(re.findall(r"^#\s*define\s+(SSAT_[A-Z0-9_]+)\s+[^\s({]", text, flags=re.M))
    skip = {"SSAT_API", "SSAT_DEPRECATED", "SSAT_NODISCARD", "SSAT_BEGIN_DECL", "SSAT_END_DECL"}
    missing = sorted(n for n in names - skip if not n.endswith("_H") and not hasattr(native, n))
    assert not missing, missing


def test_summary_carries_every_totals_field():
    text = _strip_comments((INCLUDE / "ssat" / "attendance.h").read_text(encoding="utf-8"))
    body = re.search(r"typedef struct ssat_totals\s*\{(.*?)\}\s*ssat_totals;", text, flags=re.S).group(1)
    fields = re.findall(r"\b(\w+)\s*;", body)
    assert fields and tuple(fields) == ssat.TOTALS_FIELDS
    summary_fields = {f.name for f in __import__("dataclasses").fields(ssat.Summary)}
    assert set(fields) <= summary_fields
    codes = ssat.CodeSet.builtin()
    reg = ssat.Register(codes)
    reg.add_mark("2024-09-02", ssat.AM, "/")
    assert set(reg._n.compute(reg.span()).totals()) == set(fields)


def test_exception_classes_cover_the_binding_table():
    # The C table in ssat.i and the Python names agree.
    assert {c.__name__ for c in ssat.EXCEPTIONS.values()} == {
        "NoMemory", "InvalidArgument", "ParseError", "NotEvaluable", "StateError", "RangeError", "UnknownCode",
        "Duplicate", "NotFound", "InvalidData"}
