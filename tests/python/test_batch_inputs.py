"""What ssat.native.SsatBatch.evaluate and evaluate_columns accept as marks and offsets, and the exact
message of each refusal: one body reads them for Python and PHP (ssatb_to_runs in bindings/ssat.i over
runtime.i's ssatb_bytes_get / ssatb_seq_* / ssatb_to_size), so these pin the Python side of it
(tests/php/test_batch_inputs.php the PHP side)."""
import array
import datetime
import struct

import pytest

import ssat
from ssat import native

from conftest import DATA_DIR

Q = array.array


@pytest.fixture(scope="module")
def batch():
    cal = ssat.Calendar(2024)
    cal.import_terms(DATA_DIR / "terms_2024.csv")
    cal.import_closures(DATA_DIR / "closures_2024.csv")
    return native.SsatBatch(ssat.CodeSet.builtin("wales-2010")._n, ssat.Policy.builtin("carmarthenshire")._n, cal._n,
                            datetime.date(2025, 7, 18))


def attended(batch, method, marks, offsets=None):
    """The attended column, from either call."""
    out = getattr(batch, method)(marks, offsets)
    if method == "evaluate":
        return [r["attended"] for r in out]
    return list(memoryview(out[1]).cast("I"))


def gen_runs(*runs):
    yield from runs


ACCEPTED = [
    ("//\\\\", None, [4]),
    ("//\\\\", [0, 2, 4], [2, 2]),
    (b"//\\\\", [0, 2, 4], [2, 2]),
    (bytearray(b"//\\\\"), [0, 2, 4], [2, 2]),
    (bytearray(b"//"), None, [2]),
    (memoryview(b"//\\\\"), Q("Q", [0, 2, 4]), [2, 2]),
    (bytearray(b"//\\\\"), Q("Q", [0, 2, 4]), [2, 2]),
    ("//\\\\", [True, 2], [1]),
    (["//", b"\\\\", bytearray(b"OO")], None, [2, 2, 0]),
    (("//", memoryview(b"..")), None, [2, 0]),
    ([], None, []),
]


@pytest.mark.parametrize("method", ["evaluate", "evaluate_columns"])
@pytest.mark.parametrize("marks, offsets, expected", ACCEPTED)
def test_accepted(batch, method, marks, offsets, expected):
    assert attended(batch, method, marks, offsets) == expected


@pytest.mark.parametrize("method", ["evaluate", "evaluate_columns"])
def test_any_iterable_of_runs(batch, method):
    assert attended(batch, method, gen_runs("//", "OO")) == [2, 0]


REFUSED = [
    ("//\\\\", Q("I", [0, 2, 4]), TypeError,
     f"offsets: a buffer of offsets must hold unsigned {struct.calcsize('N')}-byte integers (array('Q')), "
     "not format 'I'"),
    ("//\\\\", Q("Q"), ssat.InvalidArgument, "offsets: npupils + 1 offsets are needed, not none"),
    ("//\\\\", [], ssat.InvalidArgument, "offsets: npupils + 1 offsets are needed, not none"),
    ("//\\\\", [0, -1], ssat.InvalidArgument, "offsets[1]: expected an int from 0"),
    ("//\\\\", [0, "x"], TypeError, "offsets[1]: expected an int from 0, not str"),
    ("//\\\\", [0, 2.0], TypeError, "offsets[1]: expected an int from 0, not float"),
    ("//\\\\", [0, 1 << 70], ssat.InvalidArgument, "offsets[1]: expected an int from 0"),
    ("//\\\\", [0, 9], ssat.InvalidArgument, "offsets[1] = 9 is past the end of the marks (4 bytes)"),
    ("//\\\\", Q("Q", [0, 9]), ssat.InvalidArgument, "offsets[1] = 9 is past the end of the marks (4 bytes)"),
    ("//\\\\", 5, TypeError, "offsets: expected a sequence of ints"),
    (["//", 5], None, TypeError, "marks[1]: expected str or a bytes-like object, not int"),
    (["//"], [0, 2], TypeError, "offsets: only with the marks of every pupil in one str or bytes object"),
    (5, [0, 1], TypeError, "offsets: only with the marks of every pupil in one str or bytes object"),
    (5, None, TypeError, "marks: expected str, a bytes-like object or a sequence of them"),
    # bytes are neither a buffer of offsets (array('Q')) nor taken byte by byte: b"\x00\x32" is ambiguous
    ("//\\\\", b"\x00\x02", TypeError, "offsets: expected a sequence of ints, not bytes"),
    ("//\\\\", {0: "a", 2: "b"}, TypeError, "offsets: expected a sequence of ints, not dict"),
    ("//\\\\", {0, 2}, TypeError, "offsets: expected a sequence of ints, not set"),
    ({"P1": "//", "P2": "\\\\"}, None, TypeError, "marks: expected str, a bytes-like object or a sequence of them, not dict"),
    (["\udc80"], None, UnicodeEncodeError, "surrogates not allowed"),
    ("\udc80", None, UnicodeEncodeError, "surrogates not allowed"),
]


@pytest.mark.parametrize("method", ["evaluate", "evaluate_columns"])
@pytest.mark.parametrize("marks, offsets, error, message", REFUSED)
def test_refused(batch, method, marks, offsets, error, message):
    with pytest.raises(error) as e:
        getattr(batch, method)(marks, offsets)
    if error is UnicodeEncodeError:
        assert message in str(e.value)
    else:
        assert str(e.value) == message


@pytest.mark.parametrize("method", ["evaluate", "evaluate_columns"])
def test_a_failing_iterable_raises_its_own_error(batch, method):
    class Boom:
        def __iter__(self):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="^boom$"):
        getattr(batch, method)(Boom())
    with pytest.raises(TypeError, match=r"^marks\[1\]: expected str or a bytes-like object, not int$"):
        getattr(batch, method)(gen_runs("//", 5))
