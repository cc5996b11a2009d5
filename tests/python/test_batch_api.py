"""The C batch API (ssat/batch.h) through ssat.Batch: one call for the whole school, equal to the
per-pupil API; buffers read in place; schools and registers turned into runs in C."""
import array
import dataclasses
import datetime
import gc
import os
import re

import pytest

import ssat
from ssat import native

from conftest import DATA_DIR, SOURCE_DIR, read_csv

AS_OF = datetime.date(2025, 7, 18)


@pytest.fixture(scope="module")
def cal():
    c = ssat.Calendar(2024)
    c.import_terms(DATA_DIR / "terms_2024.csv")
    c.import_closures(DATA_DIR / "closures_2024.csv")
    return c


@pytest.fixture(scope="module")
def policy():
    return ssat.Policy.builtin("carmarthenshire")


@pytest.fixture(scope="module")
def codes():
    return ssat.CodeSet.builtin("wales-2010")


@pytest.fixture(scope="module")
def school(codes):
    s = ssat.School(codes)
    s.import_csv(DATA_DIR / "sample_school_2024.csv")
    return s


@pytest.fixture(scope="module")
def batch(codes, policy, cal):
    return ssat.Batch(codes, policy, cal, AS_OF)


@pytest.fixture(scope="module")
def results(batch, school):
    return batch.evaluate_school(school)


@pytest.fixture(scope="module")
def rows():
    return [(r["pupil_id"], r["start_date"], r["marks"]) for r in read_csv("sample_school_2024.csv")]


def met(decision, criterion_id):
    return any(c.met for c in decision.criteria if c.id == criterion_id)


# ---- the sample school ------------------------------------------------------------------------------

def test_batch_over_the_sample_school_equals_per_pupil_summaries(results, school, cal):
    window = cal.window_year_to_date(AS_OF)
    assert len(results) == len(school) == 1000
    assert [r.pupil_id for r in results] == school.ids
    for r in results:
        s = school.register(r.pupil_id).summary(window)
        assert (r.possible, r.attended, r.authorised, r.unauthorised, r.missing) == (
            s.possible, s.attended, s.authorised, s.unauthorised, s.missing), r.pupil_id
        assert r.attendance_tenths == s.attendance_tenths and r.attendance_pct == s.attendance_pct
        assert r.evaluable == s.evaluable and not r.invalid
    p1 = results[0]
    assert (p1.pupil_id, p1.possible, p1.attended, p1.attendance_pct) == ("P00001", 380, 323, 85.0)


def test_batch_flags_equal_the_per_pupil_rules(results, school, cal, policy):
    for r in results[::25]:
        reg = school.register(r.pupil_id)
        referral = ssat.evaluate_referral(policy, reg, cal, AS_OF)
        absence = ssat.evaluate_absence(policy, reg, cal, AS_OF)
        penalty = ssat.evaluate_penalty(policy, reg, cal, AS_OF)
        assert r.referral_r1 == met(referral, "referral.r1.attendance")
        assert r.referral_r2 == met(referral, "referral.r2.unauthorised")
        assert r.persistent == met(absence, "absence.persistent")
        assert r.severe == met(absence, "absence.severe")
        assert r.penalty_limb == any(c.met for c in penalty.criteria if c.id.startswith("penalty.limb."))
        assert r.penalty_year_to_date == met(penalty, "penalty.year_to_date")
        assert r.limb_sessions >= 0
    assert 0 < sum(r.referral_r1 for r in results) < 1000


def test_results_are_whole_dataclass_instances(results, batch):
    """Batch results are made without the frozen __init__ (BatchResult._from_record): each must still be
    an ordinary BatchResult: equal to one built field by field, frozen, hashable, copyable and picklable,
    with None for a result that is not evaluable and BatchFlag flags."""
    import copy
    import pickle
    r = results[0]
    fields = {f.name: getattr(r, f.name) for f in dataclasses.fields(r)}
    built = ssat.BatchResult(**fields)
    assert r == built and hash(r) == hash(built) and repr(r) == repr(built)
    assert dataclasses.asdict(r) == fields and vars(r) == fields
    assert copy.deepcopy(r) == r and pickle.loads(pickle.dumps(r)) == r
    assert dataclasses.replace(r, pupil_id="X").pupil_id == "X" and r.pupil_id == "P00001"
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.possible = 0
    assert type(r.flags) is ssat.BatchFlag and ssat.BatchFlag.EVALUABLE in r.flags
    empty = batch.evaluate(b"")[0]  # no session possible: not evaluable
    assert empty.attendance_tenths is None and empty.pupil_id is None and not empty.evaluable
    assert empty == ssat.BatchResult(0, 0, 0, 0, 0, 0, None, empty.flags)


# ---- inputs -----------------------------------------------------------------------------------------

def test_one_buffer_with_offsets_is_read_in_place(batch, school, results):
    runs = [batch.run_of(school.register(pid)) for pid in school]
    assert all(len(run) == batch.session_count == 380 for run in runs)
    buf = "".join(runs).encode()
    offsets = [0]
    for run in runs:
        offsets.append(offsets[-1] + len(run))
    bare = [dataclasses.replace(r, pupil_id=None) for r in results]
    assert batch.evaluate(buf, offsets) == bare
    assert batch.evaluate(memoryview(buf), array.array("Q", offsets)) == bare
    assert batch.evaluate(bytearray(buf), offsets, threads=4) == bare
    assert batch.evaluate(buf.decode(), offsets, threads=64) == bare
    assert batch.evaluate(runs) == bare
    assert batch.evaluate([r.encode() for r in runs], threads=3) == bare
    assert batch.evaluate(runs[0]) == bare[:1]
    # Shorter runs (a leaver, or marks up to a day) and pupils not on roll count only what they hold.
    short = batch.evaluate(["/\\/\\", "....OO", ""])
    assert [(r.possible, r.attended, r.unauthorised) for r in short] == [(4, 4, 0), (2, 0, 2), (0, 0, 0)]
    assert short[2].attendance_tenths is None and not short[2].evaluable
    assert batch.evaluate([]) == [] and batch.evaluate(b"", [0]) == []


def test_school_and_register_runs_use_the_c_calls(batch, school, results, codes):
    # evaluate_school (ssat_batch_evaluate_school) equals evaluate() on the runs of run_of
    # (ssat_batch_register_run), pupil by pupil, with any number of threads.
    runs = [batch.run_of(school.register(pid)) for pid in school.ids]
    bare = batch.evaluate(runs, threads=2)
    assert [dataclasses.replace(r, pupil_id=None) for r in results] == bare
    assert batch.evaluate_school(school, threads=3) == results
    assert batch.evaluate_school(ssat.School(codes)) == []


def test_wide_rows_map_onto_the_school_days(batch, codes):
    # From Monday 2 September: the INSET days (2 and 3 September) are not school days, so the batch's
    # sessions start on the 4th and the row's marks for those days are not among them; half-term is
    # skipped in the batch but is in the wide row as weekdays.
    reg = ssat.Register(codes)
    reg.add_marks("2024-09-02", "II" + "OO" + "/\\" * 3)
    run = batch.run_of(reg)
    assert run.startswith("/\\" * 3 + ".") and len(run) == batch.session_count
    (r,) = batch.evaluate(run)
    assert (r.possible, r.attended, r.authorised, r.unauthorised) == (6, 6, 0, 0)
    late = ssat.Register(codes)
    late.add_marks("2024-11-04", "O-")  # after half-term; a missing mark
    (lr,) = batch.evaluate(batch.run_of(late))
    assert (lr.possible, lr.unauthorised, lr.missing) == (1, 1, 1)
    assert batch.sessions[0] == (datetime.date(2024, 9, 4), ssat.AM)
    assert batch.sessions[-1] == (AS_OF, ssat.PM)
    assert datetime.date(2024, 10, 28) not in {d for d, _ in batch.sessions}


# ---- errors -----------------------------------------------------------------------------------------

def test_errors(batch, codes, policy, cal):
    with pytest.raises(ssat.InvalidArgument, match=r"offsets\[2\] \(2\) is less than offsets\[1\]"):
        batch.evaluate(b"/\\/\\", [0, 3, 2])
    with pytest.raises(ssat.InvalidArgument, match="past the end"):
        batch.evaluate(b"/\\/\\", [0, 2, 9])
    with pytest.raises(ssat.InvalidArgument):
        batch.evaluate("/" * (batch.session_count + 1))
    with pytest.raises(ssat.InvalidArgument, match="offsets"):
        batch.evaluate(b"/", [])
    with pytest.raises(ssat.InvalidArgument):
        batch.evaluate(b"/", [0, -1])
    with pytest.raises(TypeError):
        batch.evaluate(b"/", array.array("i", [0, 1]))
    with pytest.raises(TypeError):
        batch.evaluate(["/"], [0, 1])
    with pytest.raises(TypeError):
        batch.evaluate(["/", 5])
    with pytest.raises(TypeError):
        batch.evaluate(5)
    with pytest.raises(OverflowError):
        batch.evaluate("/", None, -1)
    (bad,) = batch.evaluate("/Q\\")
    assert bad.invalid and bad.flags == ssat.BatchFlag.INVALID and bad.attendance_tenths is None and bad.possible == 0
    with pytest.raises(ssat.RangeError):
        ssat.Batch(codes, policy, cal, "2025-08-01")
    with pytest.raises(ssat.StateError):
        ssat.Batch(ssat.CodeSet.builtin("england-2024"), policy, cal, AS_OF)
    sessions_policy = policy.copy()
    sessions_policy["referral.window"] = "last_sessions:20"
    with pytest.raises(ssat.StateError):
        ssat.Batch(codes, sessions_policy, cal, AS_OF)
    with pytest.raises(TypeError):
        ssat.Batch(codes, "carmarthenshire", cal, AS_OF)
    with pytest.raises(ssat.RangeError):
        batch._n.session(batch.session_count)
    england = ssat.School(ssat.CodeSet.builtin("england-2024"))
    england.import_csv(b"pupil_id,date,session,mark\nA,2024-09-04,AM,C1\n")
    with pytest.raises(ssat.InvalidArgument, match=r"the mark \"C1\" of 2024-09-04 AM has more than one character"):
        batch.run_of(england.register("A"))
    england.import_csv(b"pupil_id,date,session,mark\nB,2024-09-04,AM,/\n")
    with pytest.raises(ssat.InvalidArgument, match=r"ssat_batch_evaluate_school: pupil A \(index 0\)"):
        batch.evaluate_school(england)
    with pytest.raises(TypeError):
        batch.evaluate_school("school")


# ---- the rest ---------------------------------------------------------------------------------------

def test_batch_keeps_copies(codes, policy, rows):
    c = ssat.Calendar(2024)
    first_day = next(d for d in (c.terms[0].first + datetime.timedelta(days=k) for k in range(14)) if c.is_school_day(d))
    p = policy.copy()
    b = ssat.Batch(ssat.CodeSet.builtin("wales-2010"), p, c, AS_OF)
    del c, p
    gc.collect()
    reg = ssat.Register(ssat.CodeSet.builtin("wales-2010"))
    reg.add_marks(rows[0][1], rows[0][2])
    assert b.evaluate(b.run_of(reg))[0].possible == 380  # the default terms, no closures: "." on closed days
    assert b.kernel in ("avx512", "avx2", "portable") and repr(b).startswith("<ssat.Batch: ")
    assert len(b.sessions) == b.session_count == len(b._n.sessions())
    assert b._n.session(0) == {"date": first_day, "half": "AM"} and b._n.session(1)["half"] == "PM"


def test_batch_fields_match_the_header():
    text = (SOURCE_DIR / "include" / "ssat" / "batch.h").read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    body = re.search(r"typedef struct ssat_batch_result\s*\{(.*?)\}\s*ssat_batch_result;", text, flags=re.S).group(1)
    fields = tuple(re.findall(r"\b(\w+)\s*;", body))
    assert fields == ssat.BATCH_FIELDS
    assert tuple(f.name for f in dataclasses.fields(ssat.BatchResult))[:len(fields)] == fields
    rec = native.SsatBatch(ssat.CodeSet.builtin()._n, ssat.Policy.builtin()._n, ssat.Calendar(2024)._n,
                           "2024-09-30").evaluate("/")[0]
    assert tuple(rec) == fields
    assert {f.name for f in ssat.BatchFlag if f.value} == {
        n[len("SSAT_BATCH_"):] for n in dir(native) if re.fullmatch(r"SSAT_BATCH_[A-Z_0-9]+", n)}


@pytest.mark.skipif("vgpreload" in os.environ.get("LD_PRELOAD", ""), reason="timing under valgrind")
def test_a_large_batch_is_one_call(batch):
    run = ("/\\" * 150 + "OO" * 20 + "/\\" * 20).encode()
    n = 20000
    buf = run * n
    offsets = array.array("Q", range(0, len(buf) + 1, len(run)))
    out = batch.evaluate(buf, offsets, threads=4)
    assert len(out) == n and out[0] == out[-1] and out[0].attended == 340 and out[0].unauthorised == 40
