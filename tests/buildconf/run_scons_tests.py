# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Tests of the build the build.conf tree turns into: each runs SCons with
this tree's SConstruct, configure.py and tools/build/ on a small tree of its
own, and looks at what was (or was not) written.

What they hold: -n and -c write nothing and a second build does nothing;
the manifest is a target; TOOLCHAINS reaches the test scripts; two generated
files of one name are two objects; a generator's declared inputs remake its
outputs."""

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, 'tools', 'build'))
import elfcheck  # noqa: E402

TESTS = []
COPIED = ['SConstruct', 'configure.py'] + [
    os.path.join('tools', 'build', f)
    for f in sorted(os.listdir(os.path.join(TOP, 'tools', 'build')))
    if f.endswith('.py')]


def test(fn):
    TESTS.append(fn)
    return fn


def eq(a, b):
    if a != b:
        raise AssertionError(f'{a!r} != {b!r}')


def has(text, part):
    if part not in text:
        raise AssertionError(f'{part!r} not in:\n{text}')


def fixture(files):
    """A tree with this build's machinery and `files` ({path: text})."""
    d = tempfile.mkdtemp(prefix='scons-test-')
    atexit.register(shutil.rmtree, d, True)
    for rel in COPIED:
        os.makedirs(os.path.join(d, os.path.dirname(rel)), exist_ok=True)
        shutil.copy(os.path.join(TOP, rel), os.path.join(d, rel))
    write(d, files)
    return d


def write(d, files):
    for rel, text in files.items():
        path = os.path.join(d, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(text)


def scons(d, *args):
    p = subprocess.run(['scons', '-Q', '-j2'] + list(args), cwd=d,
                       stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=300)
    return p.returncode, p.stdout + p.stderr


def built(d, *args):
    rc, out = scons(d, *args)
    if rc != 0:
        raise AssertionError(f'scons {" ".join(args)} failed:\n{out}')
    return out


def snapshot(d):
    """{path: mtime} of every file and directory under d."""
    out = {}
    for root, dirs, files in os.walk(d):
        for n in dirs + files:
            p = os.path.join(root, n)
            out[os.path.relpath(p, d)] = os.stat(p).st_mtime_ns
    return out


def symbols(path):
    with open(path, 'rb') as f:
        return {s[0] for s in elfcheck.Elf(f.read()).symbols()}


def program(body, name='p'):
    return (f'program {name}\n\tkind freestanding\n\tarch aarch64\n{body}'
            'end_program\n')


MAIN = '''int fa(void);
int fb(void);
void _start(void);

void
_start(void)
{
	while (fa() + fb() != 0)
		;
}
'''

FA_FB = '''int fa(void);
int fb(void);

int
fa(void)
{
	return 1;
}

int
fb(void)
{
	return 2;
}
'''


@test
def dry_run_and_clean_write_nothing_and_a_second_build_does_nothing():
    d = fixture({'build.conf': program('\tsource main.c ab.c\n'),
                 'main.c': MAIN, 'ab.c': FA_FB})
    fresh = snapshot(d)
    built(d, '-n', 'TOOLCHAINS=gnu')
    eq(snapshot(d), fresh)
    built(d, '-c', 'TOOLCHAINS=gnu')
    eq(snapshot(d), fresh)

    built(d, 'TOOLCHAINS=gnu')
    with open(os.path.join(d, 'build', 'manifest.json')) as f:
        m = json.load(f)
    eq(m['toolchains'], ['gnu'])
    eq(m['programs']['p']['outputs'], {'gnu': 'build/gnu/p/p.elf'})
    has(open(os.path.join(d, 'build/gnu/p/p.elf.size')).read(), 'SIZE ')

    again = built(d, 'TOOLCHAINS=gnu')
    for line in again.splitlines():
        if 'is up to date' not in line:
            raise AssertionError(f'the second build did something:\n'
                                 f'{again}')
    done = snapshot(d)
    built(d, '-n', 'TOOLCHAINS=gnu')
    eq(snapshot(d), done)

    built(d, '-c', 'TOOLCHAINS=gnu')
    left = snapshot(d)
    changed = [p for p in left if p in done and left[p] != done[p]
               and p != 'build' and not p.startswith('build/')]
    eq(changed, [])
    # What stays is SCons's own database and the directories it sat in.
    eq(sorted(p for p in left if p.startswith('build/') and
              os.path.isfile(os.path.join(d, p))), ['build/sconsign.dblite'])


RUNNER = '''import json, sys
with open(sys.argv[1]) as f:
    m = json.load(f)
with open('runner-saw.txt', 'w') as f:
    f.write(' '.join(sys.argv[2:]) + '\\n' + ' '.join(m['toolchains']) + '\\n')
'''


@test
def toolchains_reaches_the_test_scripts_as_given():
    d = fixture({'build.conf': program('\tsource main.c ab.c\n'),
                 'main.c': MAIN, 'ab.c': FA_FB,
                 'tools/test_runner.py': RUNNER})
    built(d, 'test', 'TOOLCHAINS=llvm', 'TEST=fa b')
    with open(os.path.join(d, 'runner-saw.txt')) as f:
        args, tcs = f.read().splitlines()
    eq(args, 'TOOLCHAINS=llvm TEST=fa b')
    eq(tcs, 'llvm')


GEN = '''import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genlib
outdir = sys.argv[1].split('=', 1)[1]
src, out = sys.argv[2:]
# $outdir is where $out goes.
assert os.path.dirname(out) == outdir, (out, outdir)
name, value = open(src).read().split()
with open(out, 'w') as f:
    f.write(genlib.body(name, value))
'''

GENLIB = '''EXTRA = ''

def body(name, value):
    return (f'int {name}(void);\\nint\\n{name}(void)\\n{{\\n'
            f'\\treturn {value}{EXTRA};\\n}}\\n')
'''


def generated_tree(declared=True):
    inputs = 'rule_inputs gen tools/gen.py tools/genlib.py\n'
    return {
        'build.conf': 'rule gen python3 $top/tools/gen.py --dir=$outdir '
                      '${in} $out\n' + (inputs if declared else '') +
                      program('\tsource main.c\n\tsub_directory a\n'
                              '\tsub_directory b\n'),
        'main.c': MAIN,
        'a/build.conf': 'generate t.c : gen f.txt\n', 'a/f.txt': 'fa 1\n',
        'b/build.conf': 'generate t.c : gen f.txt\n', 'b/f.txt': 'fb 2\n',
        'tools/gen.py': GEN, 'tools/genlib.py': GENLIB}


@test
def two_generated_files_of_one_name_are_two_objects():
    d = fixture(generated_tree(declared=False))
    built(d, 'TOOLCHAINS=gnu')
    for sub in ('a', 'b'):
        if not os.path.isfile(os.path.join(d, 'build/gnu/p/gen', sub,
                                           't.c.o')):
            raise AssertionError(f'no object for {sub}/t.c')
    syms = symbols(os.path.join(d, 'build/gnu/p/p.elf'))
    if not {'fa', 'fb'} <= syms:
        raise AssertionError(f'fa and fb not both linked: {sorted(syms)}')


@test
def a_change_to_a_declared_generator_input_makes_the_outputs_again():
    d = fixture(generated_tree())
    built(d, 'TOOLCHAINS=gnu')
    # genlib.py is not on the command line: only the declaration says
    # that the generator reads it.
    write(d, {'tools/genlib.py': GENLIB.replace("EXTRA = ''",
                                                "EXTRA = ' + 40'")})
    built(d, 'TOOLCHAINS=gnu')
    for sub in ('a', 'b'):
        with open(os.path.join(d, 'build/gen', sub, 't.c')) as f:
            has(f.read(), '+ 40;')


def main():
    passed = failed = 0
    for fn in TESTS:
        try:
            fn()
            passed += 1
            print(f'PASS scons.{fn.__name__}')
        except Exception:
            failed += 1
            print(f'FAIL scons.{fn.__name__}')
            traceback.print_exc(limit=3)
        sys.stdout.flush()
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
