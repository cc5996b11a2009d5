"""Issue 15, crashes 2 and 3 and the handles: no Python call may crash the interpreter.

- Batch.evaluate() reads without the GIL only what no other thread can change (offsets and writable
  marks are copied after they are checked): a thread rewriting the offsets meanwhile cannot send the
  library past the marks (test_offsets_rewritten_during_evaluate failed with SIGSEGV before).
- A str with a NUL byte is refused with InvalidArgument (a date with ParseError, as a malformed date),
  never cut short at the NUL.
- An object without its C object (a deleted one, or None passed as self to the flat functions)
  raises StateError; deleting a borrowed object is refused.
"""
import array
import datetime
import threading
import time

import pytest

import ssat
from ssat import _native

from conftest import DATA_DIR

AS_OF = datetime.date(2025, 7, 18)


@pytest.fixture(scope="module")
def batch():
    cal = ssat.Calendar(2024)
    cal.import_terms(DATA_DIR / "terms_2024.csv")
    cal.import_closures(DATA_DIR / "closures_2024.csv")
    return ssat.Batch(ssat.CodeSet.builtin("wales-2010"), ssat.Policy.builtin("carmarthenshire"), cal, AS_OF)


def pupils(batch, n):
    run = ("/\\" * batch.session_count)[:batch.session_count].encode()
    return run * n, [i * len(run) for i in range(n + 1)]


def race(seconds, evaluate, mutate):
    """Call evaluate() repeatedly while another thread calls mutate() in a loop; return the outcomes."""
    stop = threading.Event()

    def writer():
        while not stop.is_set():
            mutate()

    t = threading.Thread(target=writer)
    t.start()
    outcomes = {"results": 0, "refused": 0}
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            try:
                evaluate()
                outcomes["results"] += 1
            except ssat.InvalidArgument:
                outcomes["refused"] += 1
    finally:
        stop.set()
        t.join()
    return outcomes


@pytest.mark.parametrize("threads", [0, 2])
def test_offsets_rewritten_during_evaluate(batch, threads):
    # The last pupil's offset flips while the GIL is released: the library reaches it last, long after
    # the checks (before the fix: SIGSEGV within 2 s, reading 1 TiB past the marks).
    marks, offs = pupils(batch, 20000)
    offsets = array.array("Q", offs)
    k = len(offsets) - 2
    good = offsets[k]

    def mutate():
        offsets[k] = 1 << 40
        offsets[k] = good

    outcomes = race(2.0, lambda: batch.evaluate(marks, offsets, threads=threads), mutate)
    assert outcomes["results"] + outcomes["refused"] > 0
    results = batch.evaluate(marks, offsets)
    assert len(results) == 20000 and results[0] == results[-1]


def test_offsets_list_rewritten_during_evaluate(batch):
    marks, offs = pupils(batch, 20000)
    k = len(offs) - 2
    good = offs[k]

    def mutate():
        offs[k] = 1 << 40
        offs[k] = good

    assert sum(race(1.0, lambda: batch.evaluate(marks, offs), mutate).values()) > 0


def test_writable_marks_changed_during_evaluate(batch):
    marks, offs = pupils(batch, 20000)
    buf = bytearray(marks)
    offsets = array.array("Q", offs)

    def mutate():
        buf[-1] = 0xFF
        buf[-1] = ord("/")

    assert sum(race(1.0, lambda: batch.evaluate(buf, offsets), mutate).values()) > 0
    with pytest.raises(BufferError):  # the size is pinned while a call holds the buffer
        view = memoryview(buf)
        buf.extend(b"x")
    view.release()


def test_batch_deleted_during_evaluate_is_refused_or_done(batch):
    cal = ssat.Calendar(2024)
    b = ssat.Batch(ssat.CodeSet.builtin("wales-2010"), ssat.Policy.builtin("carmarthenshire"), cal, AS_OF)
    marks, offs = pupils(b, 3000)
    deleted = []

    def delete():
        time.sleep(0.001)
        try:
            _native.delete_SsatBatch(b._n)
            deleted.append("freed")
        except ssat.StateError:
            deleted.append("refused while busy")
        except RuntimeError:
            deleted.append("already released")

    t = threading.Thread(target=delete)
    t.start()
    try:
        for _ in range(200):
            b.evaluate(marks, offs)
            if deleted:
                break
    except ssat.StateError as e:
        assert "no libssat handle" in str(e)
    t.join()
    assert deleted
    with pytest.raises(ssat.StateError, match="no libssat handle"):
        b.evaluate(marks, offs)


@pytest.mark.parametrize("call", [
    lambda: ssat.Case("P1\x00X", ssat.Policy.builtin()),
    lambda: ssat.Pupil("P1\x00X"),
    lambda: ssat.CodeSet("mine\x00"),
    lambda: ssat.CodeSet.builtin("wales-2010\x00england-2024"),
    lambda: ssat.parse_date("2024-09-02\x00junk"),
    lambda: ssat.Register(ssat.CodeSet.builtin()).add_mark("2024-09-02", ssat.AM, "/\x00"),
    lambda: setattr(ssat.Policy.builtin(), "name", "mine\x00theirs"),
], ids=["case-id", "pupil-id", "codeset-name", "builtin-name", "parse_date", "mark-code", "policy-name"])
def test_nul_bytes_are_refused(call):
    with pytest.raises(ssat.InvalidArgument, match="NUL byte"):
        call()


@pytest.mark.parametrize("call", [
    lambda: ssat.Register(ssat.CodeSet.builtin()).add_mark("2024-09-02\x00", ssat.AM, "/"),
    lambda: ssat.window_range("2024-09-02", "2024-09-06\x00"),
], ids=["add_mark", "window_range"])
def test_nul_bytes_in_dates_are_malformed(call):
    with pytest.raises(ssat.ParseError, match="NUL byte"):
        call()


def test_nul_in_actor_is_refused_not_truncated():
    case = ssat.Case("P1", ssat.Policy.builtin())
    with pytest.raises(ssat.InvalidArgument, match=r"actor: the text holds a NUL byte \(at byte 8\)"):
        case.apply("concern_raised", "2024-09-20", "Ms Jones\x00 (forged)", "head_teacher")
    assert case.trail == []
    entry = case.apply("concern_raised", "2024-09-20", "Ms Jones (forged)", "head_teacher")
    assert entry.actor == "Ms Jones (forged)"


def test_object_without_its_c_object_raises():
    with pytest.raises(ssat.StateError, match="no libssat handle"):
        _native.SsatPolicy_name(None)
    policy = ssat.Policy.builtin()
    _native.delete_SsatPolicy(policy._n)
    with pytest.raises(ssat.StateError, match="no libssat handle"):
        policy.name
    with pytest.raises(RuntimeError):  # a second delete: nothing left to free
        _native.delete_SsatPolicy(policy._n)


def test_borrowed_object_cannot_be_deleted():
    school = ssat.School(ssat.CodeSet.builtin())
    school.import_csv(DATA_DIR / "sample_school_2024.csv")
    reg = school.register("P00001")
    with pytest.raises(RuntimeError):
        _native.delete_SsatRegister(reg._n)
    assert len(reg) == len(school.register("P00001")) == 380
    with pytest.raises(AttributeError):  # ownership is fixed when an object is made
        reg._n.thisown = True
    assert not reg._n.thisown
