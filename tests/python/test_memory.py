"""Creating and freeing many registers and summaries keeps the resident set flat (no leak in the
wrapper or the library). Under valgrind or AddressSanitizer, whose quarantine of freed blocks makes
RSS grow anyway, the loops still run (with fewer iterations under valgrind) but the bound is not
asserted: those tools check leaks themselves."""
import gc
import os
import resource

import ssat
from ssat import native

UNDER_VALGRIND = "vgpreload" in os.environ.get("LD_PRELOAD", "")
UNDER_ASAN = "libasan" in os.environ.get("LD_PRELOAD", "")
N_NATIVE = 500 if UNDER_VALGRIND else 200_000
N_LAYER = 200 if UNDER_VALGRIND else 50_000
MARKS = "/\\/\\I\\O\\L\\/\\/\\G\\N\\U\\"


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def churn_native(n, window):
    codes = native.SsatCodeSet.builtin("wales-2010")
    for _ in range(n):
        reg = native.SsatRegister(codes)
        reg.add_marks("2024-09-02", MARKS)
        s = reg.compute(window)
        s.compare(native.SSAT_RATE_ATTENDANCE, native.SSAT_CMP_LE, 85, 1)
        reg.summary(window, True)
        del reg, s


def churn_layer(n, window):
    codes = ssat.CodeSet.builtin("wales-2010")
    for _ in range(n):
        reg = ssat.Register(codes)
        reg.add_marks("2024-09-02", MARKS.encode())
        s = reg.summary(window)
        s.compare("attendance", "<", 90)
        try:
            reg.add_marks("2024-09-02", "Q")
        except ssat.InvalidData:
            pass


def _flat(churn, n, window, limit):
    churn(max(n // 10, 100), window)  # warm up caches and allocator arenas
    gc.collect()
    before = rss_bytes()
    churn(n, window)
    gc.collect()
    growth = rss_bytes() - before
    print(f"{churn.__name__}: {n} iterations, RSS growth {growth / 1024:.0f} KiB")
    assert UNDER_VALGRIND or UNDER_ASAN or growth < limit, f"RSS grew by {growth} bytes over {n} iterations"


def test_registers_and_summaries_do_not_leak():
    window = ssat.window_range("2024-09-02", "2024-09-20")
    _flat(churn_native, N_NATIVE, window, 4 * 1024 * 1024)


def test_layer_objects_and_exceptions_do_not_leak():
    window = ssat.window_range("2024-09-02", "2024-09-20")
    _flat(churn_layer, N_LAYER, window, 4 * 1024 * 1024)


def test_batch_does_not_leak():
    window = ssat.window_range("2024-09-02", "2024-09-20")
    codes = ssat.CodeSet.builtin()
    batch = ssat.Batch(codes, ssat.Policy.builtin("carmarthenshire"), ssat.Calendar(2024), "2024-09-20")
    school = ssat.School(codes)
    school.import_csv(("pupil_id,start_date,marks\n" + "".join(
        f"P{i:05d},2024-09-02,{MARKS}\n" for i in range(200 if UNDER_VALGRIND else 1000))).encode())
    n = 1 if UNDER_VALGRIND else 50

    def churn_batch(k, w):
        for _ in range(k):
            batch.evaluate_school(school)
            batch.run_of(school.register("P00000"))

    _flat(churn_batch, n, window, 4 * 1024 * 1024)
