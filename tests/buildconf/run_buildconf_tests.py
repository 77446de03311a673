# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Tests of the build.conf reader: good trees, and every kind of bad file
with the exact `path:line: message` it must produce."""

import os
import sys
import tempfile
import traceback

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, 'tools', 'build'))
import buildconf  # noqa: E402

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def tree(files):
    """Writes {relpath: text} into a fresh directory and returns it."""
    d = tempfile.mkdtemp(prefix='buildconf-')
    for rel, text in files.items():
        path = os.path.join(d, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(text)
    return d


def error_of(files):
    try:
        buildconf.read_tree(tree(files))
    except buildconf.BuildConfError as e:
        return str(e)
    raise AssertionError('no error raised')


def eq(a, b):
    if a != b:
        raise AssertionError(f'{a!r} != {b!r}')


GOOD = {
    'build.conf': '''# top
program rt
\tkind freestanding
\tarch aarch64
\tgunyah_image
\tlink_script src/rt.lds
\tconfigs A=1 B=two
\tcflags -O2 \\
\t\t-g
\tsub_directory src
end_program

program unit
\tkind host
\tarch host
\tsub_directory src
end_program
''',
    'src/build.conf': '''include include
local_include
source a.c
arch_source aarch64 arm.S
arch_source host fake.c
arch_include aarch64 archinc
rule gen python3 $top/tools/g.py $in $out
generate t.c t.h : gen t.tbl
''',
    'src/rt.lds': '', 'src/a.c': '', 'src/arm.S': '', 'src/fake.c': '',
    'src/t.tbl': '', 'include/x.h': '', 'src/include/y.h': '',
    'src/archinc/z.h': '',
}


@test
def good_tree_programs_and_kinds():
    t = buildconf.read_tree(tree(GOOD))
    eq([p.name for p in t.programs], ['rt', 'unit'])
    eq(t.programs[0].kind, 'freestanding')
    eq(t.programs[1].kind, 'host')
    eq(t.programs[0].gunyah_image, True)


@test
def good_tree_arch_sources_are_filtered():
    t = buildconf.read_tree(tree(GOOD))
    rt, unit = t.programs
    eq([os.path.basename(s.path) for s in rt.active_sources()],
       ['a.c', 'arm.S'])
    eq([os.path.basename(s.path) for s in unit.active_sources()],
       ['a.c', 'fake.c'])


@test
def good_tree_flags_configs_includes():
    t = buildconf.read_tree(tree(GOOD))
    rt = t.programs[0]
    eq(rt.configs, [('A', '1'), ('B', 'two')])
    eq(rt.cflags, ['-O2', '-g'])
    eq([os.path.basename(i) for i in rt.active_includes()],
       ['include', 'archinc'])
    eq([os.path.basename(i) for i in rt.sources[0].includes], ['include'])
    eq(os.path.basename(rt.link_script), 'rt.lds')


@test
def good_tree_rule_and_generate():
    t = buildconf.read_tree(tree(GOOD))
    eq(sorted(t.rules), ['gen'])
    g = t.programs[0].generates[0]
    eq(g.outputs, ['t.c', 't.h'])
    eq(g.rule, 'gen')
    eq([os.path.basename(i) for i in g.inputs], ['t.tbl'])
    eq(g.outdir_rel, 'src')


@test
def local_cflags_apply_to_later_sources_of_that_file_only():
    t = buildconf.read_tree(tree({
        'build.conf': 'program p\narch host\nsource a.c\nlocal_cflags -Os\n'
                      'source b.c\nsub_directory d\nsource c.c\n'
                      'end_program\n',
        'd/build.conf': 'source e.c\nlocal_cflags -O3\nsource f.c\n',
        'a.c': '', 'b.c': '', 'c.c': '', 'd/e.c': '', 'd/f.c': ''}))
    eq({os.path.basename(s.path): s.cflags for s in t.programs[0].sources},
       {'a.c': [], 'b.c': ['-Os'], 'e.c': [], 'f.c': ['-O3'],
        'c.c': ['-Os']})


@test
def real_tree_reads():
    t = buildconf.read_tree(TOP)
    names = [p.name for p in t.programs]
    for want in ('runtime', 'bootstub'):
        if want not in names:
            raise AssertionError(f'{want} missing from {names}')


BAD = [
    ({'build.conf': 'program p\narch host\nfrobnicate x\nend_program\n'},
     "build.conf:3: unknown keyword 'frobnicate'"),
    ({'build.conf': 'source a.c\n'},
     "build.conf:1: 'source' outside a program"),
    ({'build.conf': 'program p\narch host\nsource missing.c\nend_program\n'},
     "build.conf:3: source 'missing.c': no such file"),
    ({'build.conf': 'program p\narch host\nsub_directory nope\n'
      'end_program\n'},
     "build.conf:3: sub_directory 'nope': no such directory"),
    ({'build.conf': 'program p\narch host\nsub_directory d\nend_program\n',
      'd/x': ''},
     "build.conf:3: sub_directory 'd': no build.conf in it"),
    ({'build.conf': 'program p\narch host\nsub_directory d\nend_program\n',
      'd/build.conf': '\n\nsource gone.c\n'},
     "d/build.conf:3: source 'gone.c': no such file"),
    ({'build.conf': 'program p\narch host\nsource a.c\n', 'a.c': ''},
     "build.conf:1: program 'p' has no end_program in build.conf"),
    ({'build.conf': 'end_program\n'},
     "build.conf:1: end_program without program in this file"),
    ({'build.conf': 'program p\nprogram q\n'},
     "build.conf:2: program 'q' inside program 'p' (started at "
     "build.conf:1)"),
    ({'build.conf': 'program p\nsource a.c\nend_program\n', 'a.c': ''},
     "build.conf:3: program 'p' has no 'arch'"),
    ({'build.conf': 'program p\narch host\nend_program\n'},
     "build.conf:3: program 'p' has no sources"),
    ({'build.conf': 'program p\narch a\narch b\nend_program\n'},
     "build.conf:3: 'arch' given twice for program 'p' (first at "
     "build.conf:2)"),
    ({'build.conf': 'program p\nkind rocket\nend_program\n'},
     "build.conf:2: unknown kind 'rocket' (one of freestanding, musl, "
     "host)"),
    ({'build.conf': 'program p\narch host\nconfigs NOEQUALS\n'
      'end_program\n'},
     "build.conf:3: configs wants NAME=VALUE, not 'NOEQUALS'"),
    ({'build.conf': 'program p\narch host\ngenerate a.c : nosuch x\n'
      'end_program\n'},
     "build.conf:3: unknown rule 'nosuch'"),
    ({'build.conf': 'rule r echo\nrule r echo\n'},
     "build.conf:2: rule 'r' defined twice (first at build.conf:1)"),
    ({'build.conf': 'program p\narch host\ngenerate a.c r x\nend_program\n'},
     "build.conf:3: generate wants 'OUT... : RULE IN...'"),
    ({'build.conf': 'program p\narch host\ninclude nodir\nend_program\n'},
     "build.conf:3: include 'nodir': no such directory"),
    ({'build.conf': 'program p\narch host\nlocal_cflags\nend_program\n'},
     "build.conf:3: 'local_cflags' needs at least one argument"),
    ({'build.conf': 'program p\narch host\nlink_script\nend_program\n'},
     "build.conf:3: 'link_script' takes exactly one argument"),
    ({'build.conf': 'program p\narch host\ncflags "-O2\nend_program\n'},
     'build.conf:3: No closing quotation'),
    ({'build.conf': 'program p\narch host\nsub_directory .\nend_program\n'},
     "build.conf:3: 'build.conf' includes itself through sub_directory"),
    ({'build.conf': 'program p\nend_program\nprogram p\nend_program\n'},
     "build.conf:2: program 'p' has no 'arch'"),
    ({'build.conf': 'program p\narch host\nsource a.c\nend_program\n'
      'program p\nend_program\n', 'a.c': ''},
     "build.conf:5: program 'p' defined twice (first at build.conf:1)"),
]


def bad_case(files, message):
    def fn():
        eq(error_of(files), message)
    fn.__name__ = 'bad: ' + message.split(': ', 1)[1][:50]
    return fn


for _files, _message in BAD:
    TESTS.append(bad_case(_files, _message))


def main():
    passed = failed = 0
    for fn in TESTS:
        try:
            fn()
            passed += 1
            print(f'PASS buildconf.{fn.__name__}')
        except Exception:
            failed += 1
            print(f'FAIL buildconf.{fn.__name__}')
            traceback.print_exc(limit=2)
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
