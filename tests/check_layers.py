#!/usr/bin/env python3
"""lib/ keeps its layers (docs/architecture.md).

    check_layers.py LIB_DIR [OBJ...] check the tree (and, given the library's object files, its calls)
    check_layers.py --self-test      check that the checker finds each kind of fault

- every file of lib/ is in a layer folder (core, register, rules, evidence, school, case, batch),
  and every layer folder has its private header <layer>/<layer>_layer.h;
- a file includes headers of its own layer, and of a layer below only that layer's <layer>_layer.h
  (never a higher layer's header, never another layer's module-private header such as import.h);
- every .c reaches its own layer's header (directly or through its module's header);
- no file in lib/ is over 800 lines, but for the few listed in OVER_LIMIT (being split);
- given the object files (<layer>/<name>.c.o, as CMake names them), no object calls a function or reads
  data defined in a layer it may not use (a declaration copied past the headers does not hide a call),
  and the files of one layer call each other without a circle (two files calling each other, or a
  ring of more): what two files share has one home, so that calls inside a layer point one way.
Prints every fault found, then exits 1 if there was any.
"""
import os
import re
import subprocess
import sys
import tempfile

# Which layers each layer may use: dependencies point one way, down.
ALLOWED = {
    'core': set(),
    'register': {'core'},
    'rules': {'register', 'core'},
    'school': {'register', 'core'},
    'evidence': {'rules', 'register', 'core'},
    'case': {'evidence', 'rules', 'register', 'core'},
    'batch': {'rules', 'school', 'register', 'core'},
}
# Headers generated into the build tree, with the layer that may include them.
GENERATED = {'messages_index.h': 'core'}
LINES_MAX = 800
# Files still over LINES_MAX, each to be split by the work that owns it (issue 16).
OVER_LIMIT = set()

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_header(layer):
    return f'{layer}_layer.h'


def scan(lib):
    """{relative path: (layer, text)} of every .c and .h under lib, and the faults of placement."""
    files, faults = {}, []
    for root, dirs, names in os.walk(lib):
        dirs.sort()
        rel_root = os.path.relpath(root, lib)
        for name in sorted(names):
            if not name.endswith(('.c', '.h')):
                continue
            rel = name if rel_root == '.' else f'{rel_root}/{name}'
            parts = rel.split('/')
            if len(parts) != 2 or parts[0] not in ALLOWED:
                faults.append(f'lib/{rel}: not in a layer folder ({", ".join(ALLOWED)}); '
                              'place it in the layer it belongs to')
                continue
            with open(os.path.join(root, name), encoding='utf-8') as f:
                files[rel] = (parts[0], f.read())
    for layer in ALLOWED:
        if os.path.isdir(os.path.join(lib, layer)) and f'{layer}/{layer_header(layer)}' not in files:
            faults.append(f'lib/{layer}: no private header {layer}/{layer_header(layer)}')
    return files, faults


def check(lib):
    files, faults = scan(lib)
    by_name = {}
    for rel in files:
        by_name.setdefault(os.path.basename(rel), []).append(rel)
    for name, rels in by_name.items():
        if len(rels) > 1:
            faults.append(f'{name}: in more than one layer ({", ".join(rels)}); includes name headers by file name')

    includes = {}
    for rel, (layer, text) in files.items():
        includes[rel] = []
        for m in INCLUDE.finditer(text):
            target = m.group(1)
            line = text.count('\n', 0, m.start()) + 1
            where = f'lib/{rel}:{line}'
            if target == 'ssat.h' or target.startswith('ssat/'):
                continue  # the public API
            if target in GENERATED:
                if GENERATED[target] != layer:
                    faults.append(f'{where}: includes "{target}", generated for the {GENERATED[target]} layer')
                continue
            if target not in by_name:
                faults.append(f'{where}: includes "{target}", which is no header of lib/')
                continue
            dest = by_name[target][0]
            dest_layer = files[dest][0]
            includes[rel].append(dest)
            if dest_layer == layer:
                continue
            if dest_layer not in ALLOWED[layer]:
                faults.append(f'{where}: the {layer} layer includes "{target}" of the {dest_layer} layer, '
                              f'which is not below it (it may use: {", ".join(sorted(ALLOWED[layer])) or "nothing"})')
            elif target != layer_header(dest_layer):
                faults.append(f'{where}: includes "{target}", private to the {dest_layer} layer; '
                              f'include "{layer_header(dest_layer)}" and declare what is shared there')

    for rel, (layer, text) in files.items():
        if rel.endswith('.c'):
            seen, todo = set(), [rel]
            while todo:
                cur = todo.pop()
                for nxt in includes.get(cur, []):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            if f'{layer}/{layer_header(layer)}' not in seen:
                faults.append(f'lib/{rel}: does not include its layer\'s header "{layer_header(layer)}"')
        lines = text.count('\n')
        if lines > LINES_MAX and rel not in OVER_LIMIT:
            faults.append(f'lib/{rel}: {lines} lines, over {LINES_MAX}; split it by concept')
    return faults


def object_layer(path):
    """The layer of an object file of lib/ (<layer>/<name>.c.o), or None; generated tables are core."""
    parts = path.replace(os.sep, '/').split('/')
    if len(parts) >= 2 and parts[-2] in ALLOWED:
        return parts[-2]
    if 'generated' in parts:
        return 'core'
    return None


def read_symbols(objects, nm='nm'):
    """({symbol: (layer, object)} defined, {object: (layer, {symbol})} used) from nm, and the faults."""
    defined, used, faults = {}, {}, []
    for obj in objects:
        layer = object_layer(obj)
        if layer is None:
            faults.append(f'{obj}: an object of lib/ outside a layer folder')
            continue
        out = subprocess.run([nm, obj], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            fields = line.split()
            if len(fields) == 3 and fields[1] in 'TDRBC':
                defined[fields[2]] = (layer, obj)
            elif len(fields) == 2 and fields[0] == 'U':
                used.setdefault(obj, (layer, set()))[1].add(fields[1])
    return defined, used, faults


def circles(edges):
    """The groups of two or more files that reach each other through `edges` ({file: {file}}), each
    sorted, by Tarjan's strongly connected components."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(found)


def symbol_faults(defined, used):
    """Faults of calls across layers, and circles of calls between files of one layer."""
    faults, edges, why = [], {}, {}
    for obj, (layer, symbols) in sorted(used.items()):
        for sym in sorted(symbols):
            if sym not in defined:
                continue
            dest_layer, dest = defined[sym]
            if dest_layer != layer and dest_layer not in ALLOWED[layer]:
                faults.append(f'{os.path.basename(obj)} ({layer}) uses {sym} of {os.path.basename(dest)} '
                              f'({dest_layer}), a layer it may not use')
            elif dest_layer == layer and dest != obj:
                edges.setdefault(obj, set()).add(dest)
                why.setdefault((obj, dest), []).append(sym)
    for group in circles(edges):
        calls = '; '.join(f'{os.path.basename(a)} -> {os.path.basename(b)} ({", ".join(why[(a, b)])})'
                          for a in group for b in sorted(edges.get(a, ())) if b in group)
        faults.append(f'a circle of calls between {", ".join(os.path.basename(o) for o in group)}: {calls}; '
                      'give what they share one home so that calls point one way')
    return faults


def check_objects(objects, nm='nm'):
    """Faults of calls across layers and of circles inside one, from the symbols each object defines and uses."""
    defined, used, faults = read_symbols(objects, nm)
    return faults + symbol_faults(defined, used)


def self_test():
    """Each kind of fault is found, and a clean tree passes."""
    cases = {
        'clean': ({}, 0),
        'higher layer': ({'core/alloc.c': '#include "core_layer.h"\n#include "rules_layer.h"\n'}, 1),
        'module header of a lower layer': ({'case/case.c': '#include "case_layer.h"\n#include "import.h"\n'}, 1),
        'sibling layer': ({'school/school.c': '#include "school_layer.h"\n#include "rules_layer.h"\n'}, 1),
        'own header missing': ({'rules/policy.c': '#include "core_layer.h"\n'}, 1),
        'outside a layer': ({'stray.c': '#include "core_layer.h"\n'}, 1),
        'unknown header': ({'core/alloc.c': '#include "core_layer.h"\n#include "internal.h"\n'}, 1),
        'too long': ({'core/alloc.c': '#include "core_layer.h"\n' + '\n' * LINES_MAX}, 1),
    }
    base = {
        'core/core_layer.h': '#include "ssat.h"\n',
        'core/alloc.c': '#include "core_layer.h"\n',
        'register/register_layer.h': '#include "core_layer.h"\n',
        'rules/rules_layer.h': '#include "register_layer.h"\n',
        'rules/policy.c': '#include "rules_layer.h"\n',
        'school/school_layer.h': '#include "register_layer.h"\n',
        'school/import.h': '#include "school_layer.h"\n',
        'school/school.c': '#include "import.h"\n',
        'case/case_layer.h': '#include "rules_layer.h"\n',
        'case/case.c': '#include "case_layer.h"\n',
    }
    failed = 0
    # The calls between objects: (defined, used) as read_symbols() gives them.
    def objs(calls):
        defined, used = {}, {}
        for obj, (defines, uses) in calls.items():
            layer = object_layer(obj)
            for sym in defines:
                defined[sym] = (layer, obj)
            used[obj] = (layer, set(uses))
        return defined, used
    symbol_cases = {
        'calls down, one way': ({'case/a.c.o': (['a'], ['b', 'r']), 'case/b.c.o': (['b'], ['r']),
                                 'rules/r.c.o': (['r'], [])}, 0),
        'a call up a layer': ({'rules/r.c.o': (['r'], ['a']), 'case/a.c.o': (['a'], [])}, 1),
        'two files call each other': ({'case/a.c.o': (['a'], ['b']), 'case/b.c.o': (['b'], ['a'])}, 1),
        'three files in a ring': ({'school/a.c.o': (['a'], ['b']), 'school/b.c.o': (['b'], ['c']),
                                   'school/c.c.o': (['c'], ['a'])}, 1),
        'same names, other layers': ({'case/a.c.o': (['a'], ['r']), 'rules/r.c.o': (['r'], [])}, 0),
    }
    for name, (calls, expected) in symbol_cases.items():
        faults = symbol_faults(*objs(calls))
        if len(faults) != expected:
            failed += 1
            print(f'self-test "{name}": expected {expected} fault(s), found {len(faults)}: {faults}')
    for name, (changes, expected) in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            for rel, text in {**base, **changes}.items():
                os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
                with open(os.path.join(tmp, rel), 'w', encoding='utf-8') as f:
                    f.write(text)
            faults = check(tmp)
            if len(faults) != expected:
                failed += 1
                print(f'self-test "{name}": expected {expected} fault(s), found {len(faults)}: {faults}')
    return failed


def main():
    if sys.argv[1:] == ['--self-test']:
        failed = self_test()
        print('check_layers self-test: ' + ('ok' if not failed else f'{failed} failed'))
        return 1 if failed else 0
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    objects = [o for arg in sys.argv[2:] for o in arg.split(';') if o]  # a CMake list arrives as one argument
    faults = check(sys.argv[1]) + check_objects(objects)
    for fault in faults:
        print(fault)
    print(f'check_layers: {len(faults)} fault(s)' if faults else 'check_layers: lib/ keeps its layers')
    return 1 if faults else 0


if __name__ == '__main__':
    sys.exit(main())
