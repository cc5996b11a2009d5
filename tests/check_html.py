#!/usr/bin/python3
"""Check rendered attendance certificates (ctest check_certificate_html).

usage: check_html.py [--totals FILE] [--possible N] [--attended N] [--authorised N]
                     [--unauthorised N] [--percent P] [--pages N] PAGE.html...

Each page must
  - parse as HTML5 with html5lib in strict mode (any parse error fails the check);
  - be a complete, self-contained document: <html lang>, <meta charset="utf-8">, a title, an inline
    stylesheet with an A4 @page rule and page breaks, and nothing loaded from elsewhere (no script,
    link, img, iframe, object, embed, src/href attributes, url() or @import);
  - hold one <section class="page"> per term (--pages), each with a week table of 10 session cells
    per row (Monday to Friday, AM and PM);
  - give the whole period's totals in every page's "whole" row, both as data-* attributes and as the
    cells people read, equal to those in --totals (written by test_certificate from the attendance
    summary: "possible attended authorised unauthorised percent") and to any given on the command line;
  - have term rows that add up to the whole (the terms tile the period).
"""
import argparse
import sys

import html5lib

TOTALS = ("possible", "attended", "authorised", "unauthorised", "percent")
FORBIDDEN_ELEMENTS = {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"}
FORBIDDEN_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "background", "poster"}


class Failure(Exception):
    pass


def parse(path):
    with open(path, "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        return parser.parse(data)
    except html5lib.html5parser.ParseError as e:
        raise Failure("not valid HTML5: %s" % e)


def classes(element):
    return (element.get("class") or "").split()


def text(element):
    return "".join(element.itertext()).strip()


def check_document(root):
    if root.tag != "html" or root.get("lang") not in ("en", "cy"):
        raise Failure("the root is not <html lang=\"en|cy\">")
    head = root.find("head")
    metas = [m for m in head.iter("meta") if (m.get("charset") or "").lower() == "utf-8"]
    if not metas:
        raise Failure("no <meta charset=\"utf-8\">")
    title = head.find("title")
    if title is None or not text(title):
        raise Failure("no title")
    styles = [text(s) for s in head.iter("style")]
    css = "\n".join(styles)
    for needle in ("@page", "size: A4", "break-after: page"):
        if needle not in css:
            raise Failure("the stylesheet has no %r" % needle)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in FORBIDDEN_ELEMENTS:
            raise Failure("a <%s> element (external resources are not allowed)" % element.tag)
        bad = FORBIDDEN_ATTRIBUTES.intersection(element.keys())
        if bad:
            raise Failure("a %s attribute on <%s>" % (sorted(bad)[0], element.tag))
        if "style" in element.keys() and "url(" in element.get("style"):
            raise Failure("url() in a style attribute")
    if "url(" in css or "@import" in css:
        raise Failure("the stylesheet loads something")


def row_totals(row):
    """The data-* totals of a totals row, and the same figures as shown in its cells."""
    data = tuple(row.get("data-" + name) for name in TOTALS)
    if None in data:
        raise Failure("a totals row without every data-* attribute")
    cells = [text(td) for td in row.findall("td")]
    if len(cells) != 5:
        raise Failure("a totals row with %d cells, not 5" % len(cells))
    shown = tuple(cells[:4]) + (cells[4].replace("%", "").strip(),)
    if data[4] == "":
        shown = shown[:4] + ("",)
    if shown != data:
        raise Failure("a totals row shows %s but its data says %s" % (shown, data))
    return data


def check_pages(root, expected, pages):
    sections = [s for s in root.iter("section") if "page" in classes(s)]
    if pages is not None and len(sections) != pages:
        raise Failure("%d pages, expected %d (one per term)" % (len(sections), pages))
    term_sums = [0, 0, 0, 0]
    whole = None
    for number, section in enumerate(sections, 1):
        for table in section.iter("table"):
            if "marks" in classes(table):
                for row in table.find("tbody").findall("tr"):
                    if len(row.findall("th")) != 1 or len(row.findall("td")) != 10:
                        raise Failure("page %d: a week row without a heading and 10 sessions" % number)
        rows = [r for r in section.iter("tr") if r.get("data-possible") is not None]
        wholes = [row_totals(r) for r in rows if "whole" in classes(r)]
        terms = [row_totals(r) for r in rows if "term" in classes(r)]
        if len(wholes) != 1 or len(terms) != 1:
            raise Failure("page %d: not one term row and one whole-period row" % number)
        if whole is not None and wholes[0] != whole:
            raise Failure("page %d: whole-period totals %s differ from page 1's %s" % (number, wholes[0], whole))
        whole = wholes[0]
        for i in range(4):
            term_sums[i] += int(terms[0][i])
        for name, value in zip(TOTALS, whole):
            if expected.get(name) is not None and value != expected[name]:
                raise Failure("page %d: %s is %s, expected %s" % (number, name, value, expected[name]))
    if whole is None:
        raise Failure("no page")
    if [str(n) for n in term_sums] != list(whole[:4]):
        raise Failure("the terms add up to %s, the whole period is %s" % (term_sums, whole[:4]))
    return whole


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--totals", help="file with: possible attended authorised unauthorised percent")
    for name in TOTALS:
        ap.add_argument("--" + name)
    ap.add_argument("--pages", type=int)
    ap.add_argument("pages_html", nargs="+", metavar="PAGE.html")
    args = ap.parse_args()

    expected = {name: getattr(args, name) for name in TOTALS}
    if args.totals:
        with open(args.totals) as f:
            fields = f.read().split()
        if len(fields) != 5:
            print("check_html: %s: expected 5 figures" % args.totals, file=sys.stderr)
            return 2
        for name, value in zip(TOTALS, fields):
            if expected[name] is not None and expected[name] != value:
                print("check_html: %s: %s is %s, the command line says %s" % (args.totals, name, value,
                                                                               expected[name]), file=sys.stderr)
                return 1
            expected[name] = value

    failed = 0
    for path in args.pages_html:
        try:
            root = parse(path)
            check_document(root)
            whole = check_pages(root, expected, args.pages)
            print("check_html: %s: valid HTML5, self-contained, totals %s" % (path, " ".join(whole)))
        except (Failure, OSError) as e:
            print("check_html: %s: %s" % (path, e), file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
