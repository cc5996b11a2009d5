#!/usr/bin/env python3
"""Run the code in the README and in docs/, so the documentation stays true as the code changes.

    check_readme.py DOCS c      CC INCLUDE_DIR LIB_DIR
    check_readme.py DOCS python PYTHON PYTHONPATH
    check_readme.py DOCS php    PHP EXTENSION

DOCS is a comma-separated list of Markdown files and directories (every *.md file in a directory).
C: every fenced c block that holds a whole program (one that defines main); other c blocks are
fragments that continue a program above and are not compiled. Python and PHP: every fenced block of the
language (each is a whole script). Each is built or run against the build tree; any failure, traceback
or PHP error fails the test.
"""
import os
import re
import subprocess
import sys
import tempfile

def markdown_files(docs: str) -> list:
    files = []
    for item in docs.split(","):
        if os.path.isdir(item):
            files += sorted(os.path.join(item, f) for f in os.listdir(item) if f.endswith(".md"))
        else:
            files.append(item)
    return files


def snippets(docs: str, lang: str) -> list:
    block = re.compile(r"^```" + lang + r"\n(.*?)^```$", re.S | re.M)
    found = []
    for path in markdown_files(docs):
        text = open(path, encoding="utf-8").read()
        for m in block.finditer(text):
            if lang != "c" or re.search(r"^int main\(", m.group(1), re.M):
                found.append((path, m.group(1)))
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
    docs, lang = sys.argv[1], sys.argv[2]
    blocks = snippets(docs, lang)
    for path, code in blocks:
        print(f"--- {path}", flush=True)
        check_one(lang, code)
    print(f"check_readme: {len(blocks)} {lang} example(s) in the documentation run")


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
