"""Fuzz worker for the Python binding (driven by tests/fuzz_bindings/run.py): random objects and bytes
into every public callable of the ssat package, found by introspection (functions, classes, their
methods and properties, the generated ssat.native classes and the flat C functions of ssat._native),
so a function bound later is fuzzed without a change here. Any Python exception is fine but the
binding's own "libssat binding:" errors (a broken invariant); those and a signal fail the run.
Deterministic for a seed; --trace prints each call first (to reproduce).

    python3 fuzz_python.py SEED CALLS [--trace]
"""
import array
import datetime
import enum
import inspect
import math
import os
import random
import re
import sys
import tempfile

import ssat
from ssat import _native, native

# SWIG's own plumbing, not the API: *_swiginit sets a proxy's pointer from any object, and the
# SWIG_Py*Method_New helpers build methods. They are reachable only through the private module.
SKIP = ("_swiginit", "_swigregister", "SWIG_Py")
DATA = os.path.join(os.environ.get("SSAT_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")),
                    "examples", "data")


def callables():
    """(name, callable, is_method_of_class or None), sorted by name for determinism."""
    found = {}
    for modname, mod in (("ssat", ssat), ("ssat.native", native), ("ssat._native", _native)):
        for name in sorted(dir(mod)):
            if name.startswith("_") and mod is not _native:
                continue
            if any(s in name for s in SKIP):
                continue
            obj = getattr(mod, name)
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue
            if inspect.isclass(obj):
                if issubclass(obj, enum.Enum):
                    continue
                found[f"{modname}.{name}"] = (obj, None)
                for mname in sorted(dir(obj)):
                    if mname.startswith("_") and mname not in ("__len__", "__iter__", "__eq__", "__contains__",
                                                               "__repr__", "__str__", "__getitem__"):
                        continue
                    attr = inspect.getattr_static(obj, mname, None)
                    if isinstance(attr, (staticmethod, classmethod)):
                        found[f"{modname}.{name}.{mname}"] = (getattr(obj, mname), None)
                    elif isinstance(attr, property):
                        found[f"{modname}.{name}.{mname}"] = (attr.fget, obj)
                    elif callable(attr):
                        found[f"{modname}.{name}.{mname}"] = (attr, obj)
            elif callable(obj):
                found[f"{modname}.{name}"] = (obj, None)
    return sorted(found.items())


class Weird:
    """An object whose conversions fail."""

    def __index__(self):
        raise RuntimeError("no index")

    def __str__(self):
        raise RuntimeError("no str")

    def __len__(self):
        return -1

    def __iter__(self):
        raise RuntimeError("no iter")


def seed_objects():
    """Real libssat objects, made through the public API."""
    objs = []

    def add(fn):
        try:
            objs.append(fn())
        except Exception:
            pass

    codes = ssat.CodeSet.builtin("wales-2010")
    cal = ssat.Calendar(2024)
    policy = ssat.Policy.builtin("carmarthenshire")
    reg = ssat.Register(codes)
    reg.add_marks("2024-09-02", "/\\/\\I\\O\\NNLL")
    window = ssat.window_range("2024-09-02", "2024-09-06")
    school = ssat.School(codes)
    add(lambda: school.import_csv(os.path.join(DATA, "sample_school_2024.csv")))
    objs += [codes, cal, policy, reg, window, school, ssat.CodeSet("mine"), ssat.Pupil("P1"), ssat.Parent("M1")]
    add(lambda: reg.summary(window))
    add(lambda: ssat.Pack())
    add(lambda: ssat.Case("P00001", policy))
    add(lambda: ssat.Batch(codes, policy, cal, "2025-07-18"))
    add(lambda: school.register(school.ids()[0]))
    add(lambda: school.begin_import())
    add(lambda: ssat.evaluate_referral(policy, reg, cal, ssat.Pupil("P1"), "2024-09-06"))
    add(lambda: ssat.Certificate(reg, cal, window))
    add(lambda: native.SsatCodeSet.builtin())
    add(lambda: native.SsatPolicy.builtin())
    add(lambda: native.SsatCalendar(2024))
    add(lambda: native.SsatRegister(native.SsatCodeSet.builtin()))
    for cls in (native.SsatSchool, native.SsatPack, native.SsatCase, native.SsatImport):
        try:
            objs.append(cls.__new__(cls))  # a proxy without a C object
        except Exception:
            pass
    return objs


ARITY_MESSAGE = re.compile(r"expected (?:at least |at most )?(\d+) arguments?, got")


def arity(fn, cls):
    """(least, most) positional arguments, self excluded: from the signature, else unknown (0, 5)."""
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return (0, 5)
    if cls is not None and params:
        params = params[1:]
    least = sum(1 for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
    most = sum(1 for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
    return (least, most)


def random_text(rng):
    alphabet = "/\\LNIOCB#-. AMP0129:,\"\n\r\t\x00é\u200bＰ\ud800{}[]"
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))


def random_value(rng, pool, depth=0):
    r = rng.randrange(24)
    if r == 0:
        return None
    if r == 1:
        return rng.choice([0, 1, -1, 2, 7, 255, 2**31 - 1, 2**31, -2**31, 2**63 - 1, 2**63, 2**64, -2**70, True])
    if r == 2:
        return rng.choice([0.5, -0.0, math.nan, math.inf, 1e300])
    if r in (3, 4):
        return rng.choice(["", "2024-09-02", "2025-07-18", "0001-01-01", "9999-12-31", "2024-02-30", "AM", "PM",
                           "wales-2010", "england-2024", "carmarthenshire", "P00001", "P1", "/", "\\", "N",
                           "referral.attendance.threshold", "concern_raised", "concern", "letter", "summary",
                           "x" * 300, "P1\x00X", "\ud800", "{}", "[]"])
    if r == 5:
        return random_text(rng)
    if r == 6:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
    if r == 7:
        return bytearray(rng.choice([b"", b"/\\/\\", b"\x00\xff", b"/" * 400]))
    if r == 8:
        return memoryview(rng.choice([b"/\\", b"", b"{\"format\":1}"]))
    if r == 9:
        return array.array(rng.choice("QBd"), [rng.randrange(0, 5) for _ in range(rng.randrange(0, 6))])
    if r == 10:
        return rng.choice([datetime.date(2024, 9, 2), datetime.date(1, 1, 1), datetime.date(9999, 12, 31),
                           datetime.datetime(2024, 9, 2, 9, 0)])
    if r == 11 and depth < 2:
        return [random_value(rng, pool, depth + 1) for _ in range(rng.randrange(0, 5))]
    if r == 12 and depth < 2:
        return tuple(random_value(rng, pool, depth + 1) for _ in range(rng.choice([0, 2, 3, 4, 4])))
    if r == 13 and depth < 2:
        keys = ["first_date", "first_half", "last_date", "last_half", "date", "summary", "json", "x"]
        return {rng.choice(keys): random_value(rng, pool, depth + 1) for _ in range(rng.randrange(0, 5))}
    if r == 14:
        return {"first_date": "2024-09-02", "first_half": "AM", "last_date": "2024-09-06", "last_half": "PM"}
    if r == 15:
        return rng.choice([Weird(), object(), ssat.AM, ssat.PM, 3 + 4j, b"2024-09-02", range(3)])
    if r == 16:
        return [("P1", "2024-09-02", "/\\/\\"), ("P2", "2024-09-02", b"NN")]
    return rng.choice(pool) if pool else None


def main():
    seed, calls = int(sys.argv[1]), int(sys.argv[2])
    trace = "--trace" in sys.argv
    rng = random.Random(seed)
    targets = callables()
    pool = seed_objects()
    base = len(pool)
    arities = {name: arity(fn, cls) for name, (fn, cls) in targets}
    for i in range(calls):
        name, (fn, cls) = targets[rng.randrange(len(targets))]
        least, most = arities[name]
        n = rng.randrange(least, most + 1) if rng.randrange(8) else rng.randrange(0, 7)
        args = [random_value(rng, pool) for _ in range(n)]
        if cls is not None:  # a method or property: self first, usually of its own class
            same = [o for o in pool if isinstance(o, cls)]
            args.insert(0, rng.choice(same) if same and rng.randrange(4) else random_value(rng, pool))
        if trace:
            print(f"{i}: {name}({', '.join(_short(a) for a in args)})", file=sys.stderr, flush=True)
        try:
            out = fn(*args)
        except TypeError as e:  # learn a C function's arity from SWIG's message
            m = ARITY_MESSAGE.search(str(e))
            if m and cls is None and arities[name] == (0, 5):
                arities[name] = (int(m.group(1)), int(m.group(1)))
            continue
        except Exception as e:
            message = e.args[0] if e.args and isinstance(e.args[0], str) else ""  # str(e) may itself raise
            if message.startswith("libssat binding:"):
                raise  # the binding broke its own rule (a call with no value and no exception ...)
            continue
        if out is not None and type(out).__module__.startswith("ssat") and len(pool) < base + 200:
            pool.append(out)
    print(f"seed {seed}: {calls} calls over {len(targets)} callables", flush=True)


def _short(v):
    try:
        text = repr(v)
    except Exception:
        text = f"<{type(v).__name__}>"
    return text if len(text) < 60 else text[:57] + "..."


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:  # anything a call writes stays in here
        os.chdir(scratch)
        main()
