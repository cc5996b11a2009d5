#!/usr/bin/env python3
"""Run the ssat tool once (or twice) and check what it did, for ctest.

  check.py [checks] -- TOOL ARG...
  check.py --same-stdout [checks] -- TOOL ARG... ::: TOOL ARG...

Checks:
  --exit N           the exit status (default 0)
  --stdout-empty     nothing on stdout (a failed file must not print a result)
  --stdout-re RE     stdout matches RE (multiline, dot matches newline); repeatable
  --no-stdout-re RE  stdout does not match RE; repeatable
  --stderr-re RE     stderr matches RE; repeatable
  --stderr-empty     nothing on stderr
  --json FILE        stdout is JSON that contains FILE's JSON: every key of an object in FILE must be
                     in the output with an equal value (objects compared the same way, recursively;
                     arrays must have the same length, compared element by element; keys starting
                     with "//" are comments). Numbers compare by value (85.0 == 85).
  --json-valid       stdout is JSON
  --csv-rows N       stdout is CSV (RFC 4180) with a header and N rows, all as wide as the header
  --html-totals P,A,AU,U,PCT
                     stdout is an HTML page (parsed with Python's html.parser, every element closed in
                     order, and with html5lib in strict mode when it is installed) whose rows of the
                     whole period's totals (class "whole") all carry these data-possible,
                     data-attended, data-authorised, data-unauthorised and data-percent values
  --same-stdout      run both commands; their stdout must be byte-identical
"""
import csv
import html.parser
import io
import json
import re
import subprocess
import sys

TOTALS = ("possible", "attended", "authorised", "unauthorised", "percent")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(html.parser.HTMLParser):
    """Checks that elements nest (each end tag closes the innermost open element) and collects the
    totals of the rows of class "whole"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.wholes = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "whole" in (a.get("class") or "").split() and "data-possible" in a:
            self.wholes.append(tuple(a.get("data-" + k) for k in TOTALS))
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append("line %d: </%s> does not close the open <%s>"
                               % (self.getpos()[0], tag, self.stack[-1][0] if self.stack else "nothing"))
        else:
            self.stack.pop()


def check_html(text, totals):
    """None if the page is sound and its whole-period rows give `totals`, else what is wrong."""
    page = Page()
    page.feed(text)
    page.close()
    if page.errors:
        return page.errors[0]
    if page.stack:
        return "<%s> (line %d) is never closed" % (page.stack[-1][0], page.stack[-1][1][0])
    if not text.lstrip().lower().startswith("<!doctype html>"):
        return "no <!DOCTYPE html>"
    try:
        import html5lib
    except ImportError:
        html5lib = None
    if html5lib is not None:
        try:
            html5lib.HTMLParser(strict=True).parse(text)
        except html5lib.html5parser.ParseError as e:
            return "not valid HTML5 (html5lib): %s" % e
    want = tuple(totals.split(","))
    if not page.wholes:
        return "no row of the whole period's totals (class \"whole\" with data-possible)"
    for got in page.wholes:
        if got != want:
            return "whole-period totals %r, expected %r" % (got, want)
    return None


def fail(msg, result=None):
    print("FAIL: " + msg, file=sys.stderr)
    if result is not None:
        print("--- exit status: %d" % result.returncode, file=sys.stderr)
        print("--- stdout (first 3000 chars):\n" + result.stdout[:3000], file=sys.stderr)
        print("--- stderr (first 3000 chars):\n" + result.stderr[:3000], file=sys.stderr)
    sys.exit(1)


def contains(expected, actual, path):
    """None if actual contains expected (see --json), else a description of the first difference."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return "%s: expected an object, got %r" % (path, actual)
        for key, value in expected.items():
            if key.startswith("//"):
                continue
            if key not in actual:
                return "%s: missing key %r" % (path, key)
            diff = contains(value, actual[key], "%s.%s" % (path, key))
            if diff:
                return diff
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return "%s: expected an array of %d, got %r" % (path, len(expected), actual)
        for i, (e, a) in enumerate(zip(expected, actual)):
            diff = contains(e, a, "%s[%d]" % (path, i))
            if diff:
                return diff
        return None
    if isinstance(expected, bool) or expected is None or isinstance(actual, bool) or actual is None:
        same = expected is actual or (expected == actual and type(expected) is type(actual))
    elif isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        same = expected == actual
    else:
        same = expected == actual
    return None if same else "%s: expected %r, got %r" % (path, expected, actual)


class Result:
    """A finished run; output decoded as UTF-8 with line ends kept as they were (CSV uses CRLF)."""

    def __init__(self, p):
        self.returncode = p.returncode
        self.stdout = p.stdout.decode("utf-8", "replace")
        self.stderr = p.stderr.decode("utf-8", "replace")


def run(cmd):
    return Result(subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE))


def main(argv):
    if "--" not in argv:
        fail("usage: check.py [checks] -- TOOL ARG...")
    split = argv.index("--")
    opts, cmd = argv[:split], argv[split + 1:]
    checks = {"exit": 0, "stdout_re": [], "no_stdout_re": [], "stderr_re": []}
    i = 0
    while i < len(opts):
        o = opts[i]
        if o in ("--exit", "--json", "--csv-rows", "--stdout-re", "--no-stdout-re", "--stderr-re", "--html-totals"):
            value = opts[i + 1]
            i += 2
            if o == "--exit":
                checks["exit"] = int(value)
            elif o == "--csv-rows":
                checks["csv_rows"] = int(value)
            elif o == "--json":
                checks["json"] = value
            elif o == "--html-totals":
                checks["html_totals"] = value
            else:
                checks[o[2:].replace("-", "_")].append(value)
        else:
            checks[o[2:].replace("-", "_")] = True
            i += 1

    second = None
    if checks.get("same_stdout"):
        split = cmd.index(":::")
        cmd, second = cmd[:split], cmd[split + 1:]
    result = run(cmd)
    if result.returncode != checks["exit"]:
        fail("exit status %d, expected %d" % (result.returncode, checks["exit"]), result)
    if checks.get("stdout_empty") and result.stdout != "":
        fail("stdout is not empty", result)
    if checks.get("stderr_empty") and result.stderr != "":
        fail("stderr is not empty", result)
    for pattern in checks["stdout_re"]:
        if not re.search(pattern, result.stdout, re.M | re.S):
            fail("stdout does not match %r" % pattern, result)
    for pattern in checks["no_stdout_re"]:
        if re.search(pattern, result.stdout, re.M | re.S):
            fail("stdout matches %r" % pattern, result)
    for pattern in checks["stderr_re"]:
        if not re.search(pattern, result.stderr, re.M | re.S):
            fail("stderr does not match %r" % pattern, result)
    if checks.get("json_valid") or "json" in checks:
        try:
            actual = json.loads(result.stdout)
        except ValueError as e:
            fail("stdout is not JSON: %s" % e, result)
        if "json" in checks:
            with open(checks["json"], encoding="utf-8") as f:
                expected = json.load(f)
            diff = contains(expected, actual, "$")
            if diff:
                fail(diff, result)
    if "csv_rows" in checks:
        rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
        if len(rows) != checks["csv_rows"] + 1:
            fail("%d CSV rows after the header, expected %d" % (len(rows) - 1, checks["csv_rows"]), result)
        if any(len(r) != len(rows[0]) for r in rows):
            fail("CSV rows of different widths", result)
    if "html_totals" in checks:
        problem = check_html(result.stdout, checks["html_totals"])
        if problem:
            fail("HTML: " + problem, result)
    if second is not None:
        other = run(second)
        if other.returncode != checks["exit"]:
            fail("second command: exit status %d" % other.returncode, other)
        if other.stdout != result.stdout:
            fail("the two commands' outputs differ", other)
    print("ok: %s" % " ".join(cmd))


if __name__ == "__main__":
    main(sys.argv[1:])
