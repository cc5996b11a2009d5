#!/usr/bin/env python3
"""libssat from Python through the batch binding, on the data ssat_bench wrote: the same marks buffer
and offsets (DIR/marks_<N>.txt without its newlines, the offsets of its lines), the same school (the
sample school's 2024/25 calendar, Carmarthenshire's policy, Wales 2010 codes, as of 2025-07-18).

    PYTHONPATH=build/perf/bindings/python python3 bench/bench_python_batch.py --data DIR --pupils N
        [--repeat R] [--min-seconds T] [--libssat build/perf/lib/libssat.so]

Times only the evaluate call, on this thread (threads=1, as ssat_bench's "libssat, 1 thread"), best of
at least R runs (default 5) and of as many as fit in T seconds (default 1; at most 200):
  compute_s    ssat.Batch.evaluate(marks, offsets): what a user calls; a list of ssat.BatchResult
  native_s     the SWIG layer under it, batch._n.evaluate(marks, offsets, 1): one ssat_batch_evaluate()
               call (the GIL released) and a list of one dict of 8 ints per pupil
  per_call_s   ssat.Batch.evaluate of one pupil (the first): the fixed cost of a call
  columns_s    ssat.Batch.evaluate_columns(marks, offsets, threads=1): the same call into one buffer per
               result field (ssat.BatchColumns, issue 17), no object per pupil; columns_pandas_s adds
               .to_pandas() (a DataFrame over the same memory, pandas if installed)
  ctypes_s     with --libssat PATH (libssat.so): ssat_batch_evaluate() called through ctypes on the same
               buffers into one bytearray of results, allocated once before the timing as ssat_bench's
               is: libssat from Python with no object per pupil (what a binding evaluating into a
               caller's buffer would cost)
The marks are a bytes object and the offsets an array('Q'), both read in place by the binding. The
previous run's results are freed before each timed call (outside the timing); Python's garbage
collector is left on, as a user has it. Prints one JSON line with the checksum of bench/common.py, which
bench/report.py compares with libssat's.
"""
import argparse
import array
import sys
import time

import common


# ssat_bench.c's school: the sample school's 2024/25 calendar, evaluated as of its last school day.
TERMS = (("autumn", "2024-09-02", "2024-12-20"), ("spring", "2025-01-06", "2025-04-11"),
         ("summer", "2025-04-28", "2025-07-18"))
CLOSURES = (("2024-09-02", "2024-09-03"), ("2024-10-28", "2024-11-01"), ("2025-01-06", "2025-01-06"),
            ("2025-02-24", "2025-02-28"), ("2025-04-28", "2025-04-28"), ("2025-05-05", "2025-05-05"),
            ("2025-05-26", "2025-05-30"))
AS_OF = "2025-07-18"


def school(ssat):
    cal = ssat.Calendar(2024)
    cal.clear_terms()
    for name, first, last in TERMS:
        cal.add_term(name, first, last)
    for first, last in CLOSURES:
        cal.add_closure(first, last)
    return ssat.Batch(ssat.CodeSet.builtin("wales-2010"), ssat.Policy.builtin("carmarthenshire"), cal, AS_OF)


def ctypes_evaluate(path, marks, offsets):
    """ssat_batch_evaluate() through ctypes, the same school as school(): a function that evaluates every
    pupil on this thread into one bytearray of ssat_batch_result (8 x 32-bit), allocated once."""
    import ctypes as c
    lib = c.CDLL(path)
    p = c.c_void_p
    for name, args in (("ssat_date_parse", [c.c_char_p, c.POINTER(c.c_int32)]),
                       ("ssat_calendar_new", [c.c_int32, p, c.POINTER(p)]),
                       ("ssat_calendar_add_term", [p, c.c_char_p, c.c_int32, c.c_int32]),
                       ("ssat_calendar_add_closure", [p, c.c_int32, c.c_int32]),
                       ("ssat_policy_builtin", [c.c_char_p, p, c.POINTER(p)]),
                       ("ssat_codeset_builtin", [c.c_char_p, p, c.POINTER(p)]),
                       ("ssat_batch_new", [p, p, p, c.c_int32, c.POINTER(p)]),
                       ("ssat_batch_evaluate", [p, c.c_char_p, p, c.c_size_t, p, c.c_uint32, p])):
        getattr(lib, name).argtypes, getattr(lib, name).restype = args, c.c_int
    lib.ssat_calendar_clear_terms.argtypes = [p]

    def day(iso):
        d = c.c_int32()
        assert lib.ssat_date_parse(iso.encode(), c.byref(d)) == 0, iso
        return d.value

    cal, policy, codes, batch = p(), p(), p(), p()
    assert lib.ssat_calendar_new(2024, None, c.byref(cal)) == 0
    lib.ssat_calendar_clear_terms(cal)
    for name, first, last in TERMS:
        assert lib.ssat_calendar_add_term(cal, name.encode(), day(first), day(last)) == 0
    for first, last in CLOSURES:
        assert lib.ssat_calendar_add_closure(cal, day(first), day(last)) == 0
    assert lib.ssat_policy_builtin(b"carmarthenshire", None, c.byref(policy)) == 0
    assert lib.ssat_codeset_builtin(b"wales-2010", None, c.byref(codes)) == 0
    assert lib.ssat_batch_new(codes, policy, cal, day(AS_OF), c.byref(batch)) == 0
    n = len(offsets) - 1
    offsets_p = c.addressof((c.c_size_t * len(offsets)).from_buffer(offsets))
    out = bytearray(32 * n)
    out_p = c.addressof((c.c_char * len(out)).from_buffer(out))

    def run():
        st = lib.ssat_batch_evaluate(batch, marks, offsets_p, n, out_p, 1, None)
        assert st == 0, st
        return out
    return run


def load(data_dir, pupils):
    """The marks buffer and offsets of ssat_bench: the file's lines back to back."""
    with open(common.marks_path(data_dir, pupils), "rb") as f:
        text = f.read()
    offsets, find, at = array.array("Q", [0]), text.find, 0
    for i in range(pupils):  # pupil i ends at its line's newline, less the i newlines before it
        at = find(b"\n", at) + 1
        offsets.append(at - 1 - i)
    return text.replace(b"\n", b""), offsets


def best_of(fn, repeat, min_seconds, cap=200):
    """Times of fn() (its result freed before the next call, untimed), at least `repeat` runs."""
    times, start, result = [], time.perf_counter(), None
    while len(times) < cap and (len(times) < repeat or time.perf_counter() - start < min_seconds):
        result = None
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[0], times[len(times) // 2], len(times), result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--pupils", type=int, required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--min-seconds", type=float, default=1.0)
    ap.add_argument("--libssat", help="libssat.so, to also time ssat_batch_evaluate() through ctypes")
    args = ap.parse_args()
    import ssat  # from PYTHONPATH: the build's bindings/python

    params = common.load_params(args.data)
    batch = school(ssat)
    if batch.session_count != params["sessions"]:
        sys.exit(f"bench_python_batch: {batch.session_count} sessions, ssat_bench had {params['sessions']}")
    t0 = time.perf_counter()
    marks, offsets = load(args.data, args.pupils)
    load_s = time.perf_counter() - t0

    extra = {}
    if args.libssat:
        fn = ctypes_evaluate(args.libssat, marks, offsets)
        ct, ct_median, ct_runs, out = best_of(fn, args.repeat, args.min_seconds)
        raw = memoryview(out).cast("i")
        ct_sum = common.Checksum()
        for i in range(0, len(raw), 8):
            ct_sum.add(*raw[i:i + 8])
        extra = {"ctypes_s": round(ct, 9), "ctypes_median_s": round(ct_median, 9), "ctypes_runs": ct_runs,
                 "ctypes_checksum": ct_sum.sum}
        del raw, out, fn
    one = array.array("Q", offsets[:2])
    per_call, _, _, _ = best_of(lambda: batch.evaluate(marks, one, threads=1), 20, 0.2, cap=1000)
    native, native_median, native_runs, _ = best_of(lambda: batch._n.evaluate(marks, offsets, 1), args.repeat,
                                                    args.min_seconds)
    best, median, runs, results = best_of(lambda: batch.evaluate(marks, offsets, threads=1), args.repeat,
                                          args.min_seconds)
    col, col_median, col_runs, cols = best_of(lambda: batch.evaluate_columns(marks, offsets, threads=1),
                                              args.repeat, args.min_seconds)
    col_sum = common.Checksum()
    views = [cols[f] for f in ssat.BATCH_FIELDS]
    for row in zip(*views):
        col_sum.add(*row)
    extra.update({"columns_s": round(col, 9), "columns_median_s": round(col_median, 9), "columns_runs": col_runs,
                  "columns_checksum": col_sum.sum})
    del views, cols
    try:
        import pandas  # noqa: F401 (optional)
        pd_best, _, _, _ = best_of(lambda: batch.evaluate_columns(marks, offsets, threads=1).to_pandas(),
                                   args.repeat, args.min_seconds)
        extra["columns_pandas_s"] = round(pd_best, 9)
    except ImportError:
        pass
    checksum = common.Checksum()
    for r in results:
        t = -1 if r.attendance_tenths is None else r.attendance_tenths
        checksum.add(r.possible, r.attended, r.authorised, r.unauthorised, r.missing, r.limb_sessions, t,
                     int(r.flags))
    common.report("python_binding", args.pupils, load_s, best, checksum.sum,
                  {"median_s": round(median, 6), "runs": runs, "native_s": round(native, 6),
                   "native_median_s": round(native_median, 6), "native_runs": native_runs,
                   "per_call_s": round(per_call, 9), "marks": len(marks), "kernel": batch.kernel,
                   "python": sys.version.split()[0], **extra})


if __name__ == "__main__":
    main()
