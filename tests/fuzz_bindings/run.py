#!/usr/bin/env python3
"""Bounded fuzz of a language binding: runs the worker (fuzz_python.py or fuzz_php.php) with seed after
seed until the time is up. A worker killed by a signal (SIGSEGV, SIGABRT ...) or ending with any other
failure (a PHP fatal error) fails the run: the worker is run again with the same seed and --trace, and
the last calls before the crash are printed. Exceptions raised to the worker are its normal outcome.

    run.py python --seconds 60 [--python /usr/bin/python3]           (PYTHONPATH: the built package)
    run.py php --seconds 60 --php /usr/bin/php --extension .../ssat.so

Prints the number of runs, calls and calls per second. SSAT_BINDING_FUZZ_SECONDS overrides --seconds.
"""
import argparse
import os
import shlex
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def worker_command(args, seed, calls, trace=False):
    if args.lang == "python":
        cmd = [args.python, os.path.join(HERE, "fuzz_python.py"), str(seed), str(calls)]
    else:
        cmd = [args.php, "-n", "-d", f"extension={args.extension}", "-d", "pcre.jit=0", "-d", "memory_limit=512M",
               os.path.join(HERE, "fuzz_php.php"), str(seed), str(calls)]
    return [*shlex.split(args.wrapper), *cmd] + (["--trace"] if trace else [])


def describe(rc):
    if rc < 0:
        try:
            return f"killed by {signal.Signals(-rc).name}"
        except ValueError:
            return f"killed by signal {-rc}"
    return f"exit status {rc}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("lang", choices=["python", "php"])
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--calls", type=int, default=4000, help="calls per worker run (one seed)")
    p.add_argument("--first-seed", type=int, default=int(time.time()) % 1000000)
    p.add_argument("--python", default=sys.executable)
    p.add_argument("--php", default="php")
    p.add_argument("--extension")
    p.add_argument("--wrapper", default="", help='run each worker under this command, e.g. "valgrind -q --error-exitcode=99"')
    args = p.parse_args()
    seconds = float(os.environ.get("SSAT_BINDING_FUZZ_SECONDS", args.seconds))
    if args.lang == "php" and not args.extension:
        p.error("php needs --extension")
    env = dict(os.environ, USE_ZEND_ALLOC="0", PYTHONDONTWRITEBYTECODE="1")
    start = time.monotonic()
    seed, runs = args.first_seed, 0
    while time.monotonic() - start < seconds:
        proc = subprocess.run(worker_command(args, seed, args.calls), env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, errors="replace", timeout=600)
        if proc.returncode != 0:
            print(f"fuzz {args.lang}: seed {seed}: {describe(proc.returncode)}", file=sys.stderr)
            print(proc.stderr[-3000:], file=sys.stderr)
            again = subprocess.run(worker_command(args, seed, args.calls, trace=True), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace",
                                   timeout=600)
            print(f"again with --trace ({describe(again.returncode)}); the last calls:", file=sys.stderr)
            print("\n".join(again.stderr.splitlines()[-15:]), file=sys.stderr)
            print(f"reproduce: {' '.join(worker_command(args, seed, args.calls, trace=True))}", file=sys.stderr)
            return 1
        runs += 1
        seed += 1
    elapsed = time.monotonic() - start
    calls = runs * args.calls
    print(f"fuzz {args.lang}: {runs} runs (seeds {args.first_seed}..{seed - 1}), {calls} calls in {elapsed:.0f} s "
          f"({calls / elapsed:.0f} calls/s), no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
