"""examples/python/dask_schools.py (issue 17): the sample school split into several files in a temporary
directory, evaluated one school per Dask task, gives every pupil exactly what the whole school gives in
one batch call, in one DataFrame."""
import csv
import os
import subprocess
import sys

import pytest

import ssat

from conftest import DATA_DIR, SOURCE_DIR

pytest.importorskip("dask")
pd = pytest.importorskip("pandas")

EXAMPLE = SOURCE_DIR / "examples" / "python" / "dask_schools.py"


def split_school(directory, parts):
    """The sample school's rows dealt round-robin into `parts` files, each with the header."""
    with open(DATA_DIR / "sample_school_2024.csv", newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    for k in range(parts):
        with open(directory / f"school_{k}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows[k::parts])
    return len(rows)


@pytest.fixture(scope="module")
def whole():
    """The whole sample school through one batch: the reference."""
    codes = ssat.CodeSet.builtin("wales-2010")
    cal = ssat.Calendar(2024)
    cal.import_terms(DATA_DIR / "terms_2024.csv")
    cal.import_closures(DATA_DIR / "closures_2024.csv")
    school = ssat.School(codes)
    school.import_csv(DATA_DIR / "sample_school_2024.csv")
    batch = ssat.Batch(codes, ssat.Policy.builtin("carmarthenshire"), cal, "2025-07-18")
    return {r.pupil_id: r for r in batch.evaluate_school(school)}


@pytest.mark.parametrize("scheduler", ["processes", "threads"])
def test_split_school_equals_the_whole(tmp_path, whole, scheduler):
    parts = 4
    n = split_school(tmp_path, parts)
    out = tmp_path / "results.csv"
    run = subprocess.run([sys.executable, str(EXAMPLE), str(tmp_path), "--terms", str(DATA_DIR / "terms_2024.csv"),
                          "--closures", str(DATA_DIR / "closures_2024.csv"), "--scheduler", scheduler,
                          "--workers", "2", "--out", str(out)],
                         capture_output=True, text=True, env=os.environ, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [f"school_{k}" for k in range(parts)] + ["total"]
    assert lines[-1].split()[1] == str(n) and f"({parts} schools)" in lines[-1]
    df = pd.read_csv(out, dtype={"pupil_id": str})
    assert len(df) == n == len(whole) and sorted(df["school"].unique()) == [f"school_{k}" for k in range(parts)]
    for row in df.itertuples():
        r = whole[row.pupil_id]
        assert (row.possible, row.attended, row.authorised, row.unauthorised, row.missing, row.limb_sessions,
                row.flags) == (r.possible, r.attended, r.authorised, r.unauthorised, r.missing, r.limb_sessions,
                               int(r.flags)), row.pupil_id
        assert row.attendance_tenths == (-1 if r.attendance_tenths is None else r.attendance_tenths)
        assert row.referral_r1 == r.referral_r1 and row.persistent == r.persistent
    both = sum(r.referral_r1 and r.referral_r2 for r in whole.values())
    assert lines[-1].split()[3] == str(both) and both > 0


def test_an_empty_directory_says_so(tmp_path):
    run = subprocess.run([sys.executable, str(EXAMPLE), str(tmp_path), "--terms", "t", "--closures", "c"],
                         capture_output=True, text=True, env=os.environ, timeout=120)
    assert run.returncode != 0 and "no *.csv files" in run.stderr
