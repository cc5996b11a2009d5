"""ssat.Batch.evaluate_columns (issue 17): one buffer per field of ssat_batch_result, equal to the C
call ssat_batch_evaluate() on every field of every pupil of a random batch; buffers, NumPy and pandas
(each optional: their tests skip without them, and one runs in an interpreter that has neither)."""
import array
import ctypes
import os
import random
import subprocess
import sys

import pytest

import ssat

from conftest import SOURCE_DIR

AS_OF = "2025-07-18"


@pytest.fixture(scope="module")
def batch():
    cal = ssat.Calendar(2024)
    cal.import_terms(SOURCE_DIR / "examples" / "data" / "terms_2024.csv")
    cal.import_closures(SOURCE_DIR / "examples" / "data" / "closures_2024.csv")
    return ssat.Batch(ssat.CodeSet.builtin("wales-2010"), ssat.Policy.builtin("carmarthenshire"), cal, AS_OF)


def random_batch(n, sessions, seed, invalid=True):
    """n random runs of up to `sessions` bytes (a quarter empty or short): every one-character
    Welsh code, missing marks, sessions off roll, and (when `invalid`) now and then a byte that is no
    code. Returns (marks, offsets)."""
    rng = random.Random(seed)
    common = "/\\" * 20 + "ILMNOGUCEHRX-. "
    rare, bad = "BDJPVWYZ", "#Q!a\x00\xff" if invalid else "B"

    def mark(skew):
        r = rng.random()
        if r < 0.0003:
            return rng.choice(bad)  # about one run in ten
        if r < 0.01:
            return rng.choice(rare)
        return "O" if r < skew * 0.3 else rng.choice(common)
    runs = []
    for _ in range(n):
        length = rng.choice((0, sessions, sessions, rng.randrange(sessions + 1)))
        skew = rng.random()
        runs.append("".join(mark(skew) for _ in range(length)))
    marks = "".join(runs).encode("latin-1")
    offsets = array.array("Q", [0])
    for run in runs:
        offsets.append(offsets[-1] + len(run))
    return marks, offsets


def c_evaluate(batch, marks, offsets, threads=1):
    """ssat_batch_evaluate() itself, through ctypes on the library the binding uses, on the same batch
    (its C pointer): the reference every column is compared with."""
    path = os.environ.get("SSAT_LIBRARY")
    if not path:
        pytest.skip("SSAT_LIBRARY not set")
    lib = ctypes.CDLL(path)
    lib.ssat_batch_evaluate.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t,
                                        ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p]
    lib.ssat_batch_evaluate.restype = ctypes.c_int
    n = len(offsets) - 1
    out = (ctypes.c_int32 * (8 * n if n else 1))()
    offs = (ctypes.c_size_t * len(offsets))(*offsets)
    assert lib.ssat_batch_evaluate(int(batch._n.this), marks, offs, n, out, threads, None) == 0
    return [list(out[8 * i:8 * i + 8]) for i in range(n)]


def rows_of(cols):
    """Pupil i's eight fields, in header order, from the columns."""
    views = [cols[f] for f in ssat.BATCH_FIELDS]
    return [[v[i] for v in views] for i in range(len(cols))]


# ---- equal to C ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("n,threads", [(1, 0), (1000, 0), (2500, 1), (3001, 3)])
def test_every_field_of_every_pupil_equals_c(batch, n, threads):
    # 2,500 and 3,001 pupils cross the binding's chunks of 1,024; 3 threads take the other path.
    marks, offsets = random_batch(n, batch.session_count, seed=n)
    cols = batch.evaluate_columns(marks, offsets, threads=threads)
    assert len(cols) == n
    expected = c_evaluate(batch, marks, offsets)
    assert rows_of(cols) == expected
    flags = [r[7] for r in expected]
    assert n < 1000 or (0 < sum(1 for f in flags if f & ssat.BatchFlag.INVALID) < n // 2 and
                        any(f & ssat.BatchFlag.REFERRAL_R1 for f in flags) and
                        any(r[6] == -1 for r in expected))


def test_columns_equal_the_objects_of_evaluate(batch):
    marks, offsets = random_batch(1500, batch.session_count, seed=7)
    cols = batch.evaluate_columns(marks, offsets)
    objects = batch.evaluate(marks, offsets)
    assert [cols.result(i) for i in range(len(cols))] == objects
    assert cols.result(-1) == objects[-1]
    with pytest.raises(IndexError):
        cols.result(1500)
    assert cols.count(ssat.BatchFlag.REFERRAL_R1) == sum(r.referral_r1 for r in objects)
    both = ssat.BatchFlag.REFERRAL_R1 | ssat.BatchFlag.REFERRAL_R2
    assert cols.count(both) == sum(r.referral_r1 and r.referral_r2 for r in objects)


# ---- inputs -------------------------------------------------------------------------------------------

def test_inputs_buffers_lists_and_str(batch):
    marks, offsets = random_batch(300, batch.session_count, seed=3, invalid=False)
    expected = rows_of(batch.evaluate_columns(marks, offsets))
    text = marks.decode("ascii")
    runs = [text[offsets[i]:offsets[i + 1]] for i in range(300)]
    for m, o, t in ((bytearray(marks), list(offsets), 0), (array.array("B", marks), offsets, 2),
                    (memoryview(marks), offsets, 1), (text, list(offsets), 4), (runs, None, 0),
                    ([r.encode() for r in runs], None, 2)):
        assert rows_of(batch.evaluate_columns(m, o, threads=t)) == expected, type(m)
    one = batch.evaluate_columns(runs[0])
    assert len(one) == 1 and rows_of(one) == expected[:1]
    empty = batch.evaluate_columns(b"", [0])
    assert len(empty) == 0 and list(empty.possible) == [] and len(batch.evaluate_columns([])) == 0


def test_errors_name_the_pupil_in_the_whole_batch(batch):
    marks, offsets = random_batch(2100, batch.session_count, seed=5)
    bad = list(offsets)
    bad[1801] = bad[1800] - 1  # pupil 1800 ends before it starts: in the binding's second chunk
    with pytest.raises(ssat.InvalidArgument, match=r"offsets\[1801\] \(\d+\) is less than offsets\[1800\]"):
        batch.evaluate_columns(marks, bad)
    long_run = b"/" * (batch.session_count + 1)
    with pytest.raises(ssat.InvalidArgument, match=r"pupil 1500: a run of 381 marks is longer"):
        batch.evaluate_columns([b"/"] * 1500 + [long_run])
    with pytest.raises(ssat.InvalidArgument, match="past the end"):
        batch.evaluate_columns(b"//", [0, 3])
    with pytest.raises(TypeError):
        batch.evaluate_columns(42, [0])
    cols = batch.evaluate_columns(b"//", [0, 2])
    with pytest.raises(KeyError, match="no batch field 'nope'"):
        cols["nope"]
    with pytest.raises(AttributeError):
        cols.nope


def test_columns_are_buffers(batch):
    cols = batch.evaluate_columns(["/\\/\\", "....OO", "", "!"])
    assert cols.keys() == ssat.BATCH_FIELDS and list(cols) == list(ssat.BATCH_FIELDS)
    assert cols.possible.format == "I" and cols.attendance_tenths.format == "i" and cols.flags.itemsize == 4
    assert list(cols.possible) == [4, 2, 0, 0] and list(cols.attended) == [4, 0, 0, 0]
    assert list(cols.attendance_tenths) == [1000, 0, -1, -1]
    assert cols.flags[3] & ssat.BatchFlag.INVALID
    assert array.array("I", cols.possible).tolist() == [4, 2, 0, 0]
    assert bytes(cols.buffer("unauthorised")) == array.array("I", [0, 2, 0, 0]).tobytes()
    assert "4 pupils" in repr(cols)


# ---- NumPy and pandas (optional) ----------------------------------------------------------------------

def test_numpy_arrays_share_the_columns_memory(batch):
    np = pytest.importorskip("numpy")
    marks, offsets = random_batch(2000, batch.session_count, seed=11)
    cols = batch.evaluate_columns(np.frombuffer(marks, dtype=np.uint8), np.asarray(offsets, dtype=np.int64))
    arrays = cols.to_numpy()
    assert arrays["possible"].dtype == np.uint32 and arrays["attendance_tenths"].dtype == np.int32
    assert np.shares_memory(arrays["flags"], np.frombuffer(cols.buffer("flags"), dtype=np.uint32))
    assert np.asarray(cols.attended).tolist() == list(cols.attended)
    # A writable NumPy array of marks is read in place (the GIL held), giving the same results.
    again = batch.evaluate_columns(np.frombuffer(marks, dtype=np.uint8).copy(), np.asarray(offsets))
    assert rows_of(again) == rows_of(cols) == c_evaluate(batch, marks, offsets)


def test_to_pandas(batch):
    pd = pytest.importorskip("pandas")
    marks, offsets = random_batch(1200, batch.session_count, seed=13)
    cols = batch.evaluate_columns(marks, offsets)
    df = cols.to_pandas()
    assert isinstance(df, pd.DataFrame) and list(df.columns) == list(ssat.BATCH_FIELDS) and len(df) == 1200
    assert df.values.tolist() == rows_of(cols)
    assert (df["attendance_tenths"] == -1).sum() == sum(1 for t in cols.attendance_tenths if t == -1)
    assert cols.to_pandas(copy=True).equals(df)


def test_without_numpy_and_pandas():
    # A fresh interpreter in which numpy and pandas cannot be imported: the columns still work as
    # buffers, count() falls back to Python, and to_pandas() says what is missing.
    code = """
import sys
sys.modules["numpy"] = None
sys.modules["pandas"] = None
import array, ssat
cal = ssat.Calendar(2024)
b = ssat.Batch(ssat.CodeSet.builtin("wales-2010"), ssat.Policy.builtin("carmarthenshire"), cal, "2025-07-18")
cols = b.evaluate_columns(b"/\\\\OOOO", [0, 2, 6])
assert list(cols.possible) == [2, 4] and array.array("I", cols.unauthorised).tolist() == [0, 4]
assert cols.count(ssat.BatchFlag.REFERRAL_R1) == 1
try:
    cols.to_pandas()
except ImportError:
    print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
