#!/usr/bin/env python3
"""The gettext catalogues po/libssat.pot and po/cy.po are complete and consistent.

    check_catalogues.py MSGFMT PO_DIR

- msgfmt --check --statistics accepts po/cy.po and reports no fuzzy and no untranslated entry;
- cy.po has exactly the template's ids (msgctxt), with the template's English as msgid;
- every {n} placeholder of an English text appears in its Welsh text, and the Welsh has no other;
- ids are unique and made of a-z, 0-9, '_' and '.' (the generated tables' index relies on it).
Prints every fault found, then exits 1 if there was any.
"""
import re
import subprocess
import sys

PLACEHOLDER = re.compile(r'\{([1-9])\}')


def parse(path):
    """(msgctxt, msgid, msgstr, fuzzy, line) of every entry but the header."""
    entries, cur, field, fuzzy, start = [], {}, None, False, 0

    def flush():
        nonlocal cur, field, fuzzy
        if 'msgstr' in cur and 'msgctxt' in cur:
            entries.append((cur['msgctxt'], cur.get('msgid', ''), cur['msgstr'], fuzzy, start))
        cur, field, fuzzy = {}, None, False

    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n')
            m = re.match(r'^(msgctxt|msgid|msgstr)\s+"(.*)"$', line)
            if line.startswith('#') or line.strip() == '' or (m and m.group(1) == 'msgctxt'):
                if 'msgstr' in cur:
                    flush()
            if line.startswith('#,') and 'fuzzy' in line:
                fuzzy = True
            elif m:
                if m.group(1) == 'msgctxt':
                    start = number
                field = m.group(1)
                cur[field] = m.group(2)
            elif line.startswith('"') and field is not None:
                cur[field] += line[1:-1]
    flush()
    return entries


def main():
    msgfmt, po_dir = sys.argv[1], sys.argv[2]
    pot_path, cy_path = po_dir + '/libssat.pot', po_dir + '/cy.po'
    faults = []
    run = subprocess.run([msgfmt, '--check', '--statistics', '-o', '/dev/null', cy_path],
                         capture_output=True, text=True, env={'LC_ALL': 'C'})
    report = run.stderr.strip()
    print(report)
    if run.returncode != 0:
        faults.append('msgfmt --check rejects ' + cy_path)
    for kind in ('fuzzy translation', 'untranslated message'):
        m = re.search(r'(\d+) ' + kind, report)
        if m and int(m.group(1)) > 0:
            faults.append(f'{cy_path}: {m.group(1)} {kind}(s)')
    pot, cy = parse(pot_path), parse(cy_path)
    english = {}
    for ctxt, en, _, _, line in pot:
        if ctxt in english:
            faults.append(f'{pot_path}:{line}: the id {ctxt} appears twice')
        if not re.fullmatch(r'[a-z0-9_.]+', ctxt):
            faults.append(f'{pot_path}:{line}: the id "{ctxt}" has characters other than a-z, 0-9, _ and .')
        english[ctxt] = en
    seen = set()
    for ctxt, en, cy_text, fuzzy, line in cy:
        seen.add(ctxt)
        if ctxt not in english:
            faults.append(f'{cy_path}:{line}: {ctxt} is not in the template (obsolete?)')
            continue
        if en != english[ctxt]:
            faults.append(f'{cy_path}:{line}: {ctxt}: the English differs from the template\'s (run msgmerge)')
        if cy_text == '' or fuzzy:
            continue  # counted by msgfmt above
        want, have = set(PLACEHOLDER.findall(english[ctxt])), set(PLACEHOLDER.findall(cy_text))
        for k in sorted(want - have):
            faults.append(f'{cy_path}:{line}: {ctxt}: the Welsh lacks the placeholder {{{k}}}')
        for k in sorted(have - want):
            faults.append(f'{cy_path}:{line}: {ctxt}: the Welsh has {{{k}}}, which the English does not')
    for ctxt in english:
        if ctxt not in seen:
            faults.append(f'{cy_path}: no entry for {ctxt}')
    for fault in faults:
        print(fault)
    print(f'{len(english)} ids, {len(faults)} fault(s)')
    return 1 if faults else 0


if __name__ == '__main__':
    sys.exit(main())
