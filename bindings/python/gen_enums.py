#!/usr/bin/env python3
"""Generate the Python enums of the ssat package from the C headers (run by CMake at build time).

    gen_enums.py INCLUDE_DIR METHODS_PY OUT_PY

Every `typedef enum ssat_x { SSAT_..., } ssat_x;` in INCLUDE_DIR/ssat/*.h becomes `class X(enum.IntEnum)`
(`enum.IntFlag` for an enum named *_flag, with NONE = 0 added when it has no zero member). Member
names are the C names without the prefix they share ("SSAT_LANG_CY_EN" -> CY_EN); values are the SWIG
constants (`native.SSAT_LANG_CY_EN`), so a constant missing from the extension fails at import. The
header's doc comments become the docstrings and the members' `#:` comments. Methods of an enum are
hand-written in METHODS_PY as a mixin class named `<X>Methods`, used as its first base when present.
A new enum in a header therefore needs nothing here; a new method goes to _enum_methods.py.
"""
import pathlib
import re
import sys

#: Python names that are not the CamelCase of the C name without "ssat_".
RENAMED = {"ssat_code_flag": "Flag"}

ENUM = re.compile(r"(?:/\*\*(?P<doc>(?:[^*]|\*(?!/))*)\*/\s*)?typedef enum (?P<c>ssat_\w+) \{(?P<body>.*?)\} (?P=c);",
                  re.S)
MEMBER = re.compile(r"(?:/\*\*(?:[^*]|\*(?!/))*\*/\s*)?(?P<name>SSAT_\w+)\s*(?:=[^,/}]*)?,?\s*"
                    r"(?:/\*\*<(?P<doc>(?:[^*]|\*(?!/))*)\*/)?", re.S)


def prose(comment):
    """A doc comment as one line of text, without its asterisks and Doxygen markup."""
    text = " ".join(line.strip().lstrip("*").strip() for line in (comment or "").splitlines())
    return re.sub(r"\s+", " ", text.replace("::", "")).strip()


def shared_prefix(names):
    prefix = names[0][:names[0].rfind("_") + 1]
    while not all(n.startswith(prefix) and n != prefix for n in names):
        prefix = prefix[:prefix[:-1].rfind("_") + 1]
    return prefix


def main(include_dir, methods_py, out_py):
    mixins = set(re.findall(r"^class (\w+)Methods\b", pathlib.Path(methods_py).read_text(), re.M))
    out = ['"""The enums of libssat, generated from include/ssat/*.h by bindings/python/gen_enums.py: do not edit."""',
           "import enum", "", "from . import native as _n", "from . import _enum_methods", "",
           ]
    names = []
    for header in sorted(pathlib.Path(include_dir, "ssat").glob("*.h")):
        for m in ENUM.finditer(header.read_text()):
            cname = m["c"]
            name = RENAMED.get(cname, "".join(w.title() for w in cname[len("ssat_"):].split("_")))
            members = [(mm["name"], prose(mm["doc"])) for mm in MEMBER.finditer(m["body"])]
            prefix = shared_prefix([n for n, _ in members])
            base = "enum.IntFlag" if cname.endswith("_flag") else "enum.IntEnum"
            bases = f"_enum_methods.{name}Methods, {base}" if name in mixins else base
            doc = prose(m["doc"]) or f"{cname} ({header.name})."
            out += ["", "", f"class {name}({bases}):", f'    """{doc} (C: {cname}, ssat/{header.name})"""', ""]
            if base == "enum.IntFlag" and not any(re.search(rf"{n}\s*=\s*0\b", m["body"]) for n, _ in members):
                out.append("    NONE = 0")
            for cmember, text in members:
                out.append(f"    {cmember[len(prefix):]} = _n.{cmember}" + (f"  #: {text}" if text else ""))
            names.append(name)
    out += ["", "", f"__all__ = {names!r}"]
    pathlib.Path(out_py).write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
