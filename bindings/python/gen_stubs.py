#!/usr/bin/env python3
"""Generate the type stubs (.pyi) of the built package ssat with mypy's stubgen (run by CMake).

    gen_stubs.py PACKAGE_ROOT

PACKAGE_ROOT holds the assembled package (ssat/ with the extension). The hand-written layer is
annotated, so its stubs come from the source; the extension's (_native.pyi) from introspection, with
the two things introspection cannot see fixed: the exception classes' attributes and their base.
"""
import pathlib
import re
import sys

from mypy.stubgen import main as stubgen


def main(root):
    sys.path.insert(0, root)
    stubgen(["-p", "ssat", "-o", root, "--quiet"])
    native = pathlib.Path(root, "ssat", "_native.pyi")
    text = native.read_text()
    text = text.replace("(ssat.Error", "(Error")
    text = re.sub(r"status: ClassVar\[(None|int)\] = \.\.\.", "status: ClassVar[Optional[int]] = ...", text)
    text = re.sub(r"refusal: ClassVar\[None\] = \.\.\.", "refusal: ClassVar[Any] = ...", text)
    text = re.sub(r"problems: ClassVar\[tuple\] = \.\.\.", "problems: ClassVar[Tuple[Any, ...]] = ...", text)
    native.write_text("from typing import Any, Optional, Tuple\n" + re.sub(r"^import ssat\n", "", text, flags=re.M))


if __name__ == "__main__":
    main(sys.argv[1])
