#!/usr/bin/env python3
"""Run the README's "API by example" code, so the README stays true as the code changes.

    check_readme.py README.md c      CC INCLUDE_DIR LIB_DIR
    check_readme.py README.md python PYTHON PYTHONPATH
    check_readme.py README.md php    PHP EXTENSION

C: the first fenced c block under "### C" (a whole program; later c blocks continue it). Python and
PHP: every fenced block of the language anywhere in the README (each is a whole script). Each is built
or run against the build tree; any failure, traceback or PHP error fails the test.
"""
import os
import re
import subprocess
import sys
import tempfile

HEADINGS = {"c": "### C", "python": "### Python", "php": "### PHP"}


def snippets(readme: str, lang: str) -> list:
    text = open(readme, encoding="utf-8").read()
    block = re.compile(r"^```" + lang + r"\n(.*?)^```$", re.S | re.M)
    if lang == "c":
        m = block.search(text, text.index(HEADINGS[lang] + "\n"))
        found = [m.group(1)] if m else []
    else:
        found = [m.group(1) for m in block.finditer(text)]
    if not found:
        sys.exit(f"check_readme: no ```{lang} block found")
    return found


def run(cmd, env=None):
    print("$", " ".join(cmd), flush=True)
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    if r.returncode != 0 or "Traceback" in r.stderr or "Fatal error" in r.stdout + r.stderr:
        sys.exit(f"check_readme: failed (exit {r.returncode})")
    return r.stdout


def main():
    readme, lang = sys.argv[1], sys.argv[2]
    blocks = snippets(readme, lang)
    for code in blocks:
        check_one(lang, code)
    print(f"check_readme: the README's {len(blocks)} {lang} example(s) run")


def check_one(lang: str, code: str):
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        if lang == "c":
            cc, include, libdir = sys.argv[3:6]
            src, exe = os.path.join(tmp, "readme.c"), os.path.join(tmp, "readme")
            open(src, "w").write(code)
            run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-I", include, src, "-L", libdir, "-lssat", "-o", exe])
            env["LD_LIBRARY_PATH"] = libdir
            out = run([exe], env)
        elif lang == "python":
            python, path = sys.argv[3:5]
            src = os.path.join(tmp, "readme.py")
            open(src, "w").write(code)
            env["PYTHONPATH"] = path
            out = run([python, src], env)
        else:
            php, ext = sys.argv[3:5]
            src = os.path.join(tmp, "readme.php")
            open(src, "w").write(code)
            out = run([php, "-n", "-d", "extension=" + ext, src], env)
    if not out.strip() and lang == "c":
        sys.exit("check_readme: the example printed nothing")


if __name__ == "__main__":
    main()
