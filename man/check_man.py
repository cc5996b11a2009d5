#!/usr/bin/env python3
"""Checks of the ssat(1) manual page (ctest: man_lint, man_covers_help).

  check_man.py lint PAGE              man -l renders it; groff -ww and, when installed, mandoc -T lint
                                      report no warning (groff and man exit 0 on warnings, so their
                                      standard error is what is checked)
  check_man.py covers PAGE SSAT       every command of `SSAT --help` and every option of
                                      `SSAT COMMAND --help` is in the page
"""
import os
import re
import shutil
import subprocess
import sys


def run(argv, env=None):
    proc = subprocess.run(argv, capture_output=True, text=True, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def lint(page):
    failures = []
    env = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80", MAN_KEEP_STDERR="1")
    rc, out, err = run(["man", "-l", "--warnings=w", page], env=env)
    if rc != 0 or err.strip() or "ssat - school attendance rules" not in out:
        failures.append(f"man -l: exit {rc}\n{err}")
    rc, _, err = run(["groff", "-ww", "-z", "-man", page])
    if rc != 0 or err.strip():
        failures.append(f"groff -ww -z -man: exit {rc}\n{err}")
    if shutil.which("mandoc"):
        rc, out, err = run(["mandoc", "-T", "lint", "-W", "warning", page])
        if rc != 0 or out.strip() or err.strip():
            failures.append(f"mandoc -T lint: exit {rc}\n{out}{err}")
    else:
        print("mandoc not installed: mandoc -T lint skipped")
    return failures


def covers(page, tool):
    # In roff, a hyphen in an option is written \- : compare with those unescaped.
    text = open(page, encoding="utf-8").read().replace("\\-", "-")
    _, top, _ = run([tool, "--help"])
    section = top.split("\nCOMMANDS\n", 1)[1].split("\n\n", 1)[0]
    commands = re.findall(r"^    ([a-z]+) ", section, re.M)
    if not commands:
        return ["no command found in `ssat --help`"]
    failures = []
    for cmd in commands:
        if not re.search(rf'^\.S[SY] "ssat {cmd}\b', text, re.M):
            failures.append(f"command {cmd}: no .SS/.SY \"ssat {cmd}\" in {page}")
        _, help_text, _ = run([tool, cmd, "--help"])
        for option in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", help_text))):
            if not re.search(rf"{re.escape(option)}(?![a-z-])", text):
                failures.append(f"ssat {cmd} {option}: not in {page}")
    return failures


def main():
    mode, page = sys.argv[1], sys.argv[2]
    failures = lint(page) if mode == "lint" else covers(page, sys.argv[3])
    for f in failures:
        print(f, file=sys.stderr)
    if not failures:
        print(f"{mode}: ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
