# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Tests of the build the build.conf tree turns into: each runs SCons with
this tree's SConstruct, configure.py and tools/build/ on a small tree of its
own, and looks at what was (or was not) written.

What they hold: -n and -c write nothing and a second build does nothing;
the manifest is a target; TOOLCHAINS reaches the test scripts; two generated
files of one name are two objects; a generator's declared inputs remake its
outputs; an object outside the calling convention fails the link (both
toolchains, C and assembly); a program over its memory budget fails."""

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import TOP, eq, has, run, test  # noqa: E402
import elfcheck  # noqa: E402
import objcheck  # noqa: E402
import toolchains  # noqa: E402

COPIED = ['SConstruct', 'configure.py'] + [
    os.path.join('tools', 'build', f)
    for f in sorted(os.listdir(os.path.join(TOP, 'tools', 'build')))
    if f.endswith('.py')]


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
        old = os.stat(path).st_mtime_ns if os.path.exists(path) else 0
        with open(path, 'w') as f:
            f.write(text)
        # SCons's content-timestamp decider trusts an unchanged mtime, kept
        # to whole seconds: a rewrite within the second of the last write
        # would look unchanged, as it never does when a person edits a
        # file. A rewrite is dated at least two seconds after the last.
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns,
                           max(st.st_mtime_ns, old + 2 * 10**9)))


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


CONVENTION = '-ffixed-x18 -fcall-saved-x8 -fcall-saved-x9'

GOOD_S = f'''	.pushsection .rt.convention, "MS", %progbits, 1
	.asciz "{CONVENTION}"
	.popsection
	.text
	.global fa
	.type fa, %function
fa:
	mov	w0, #1
	ret
'''

DATA_S = '''	.section .rodata.table, "a"
	.global table
table:
	.4byte 7
'''

FB_C = '''int fb(void);
extern const int table;

int
fb(void)
{
	return table;
}
'''

BAD_S = '''	.text
	.global fc
	.type fc, %function
fc:
	ret
'''


def convention_tree(extra_body='', extra_files=None):
    files = {'build.conf': program(
        f'\trequired_cflags {CONVENTION}\n'
        '\tsource main.c fb.c good.S data.S\n' + extra_body),
        'main.c': MAIN, 'fb.c': FB_C, 'good.S': GOOD_S, 'data.S': DATA_S}
    files.update(extra_files or {})
    return files


def convention_case(tc, body, files, message):
    d = fixture(convention_tree(body, files))
    rc, out = scons(d, f'TOOLCHAINS={tc}')
    if rc == 0:
        raise AssertionError(f'{tc}: the link took an object outside the '
                             f'convention:\n{out}')
    has(out, message)
    if os.path.exists(os.path.join(d, f'build/{tc}/p/p.elf')):
        raise AssertionError(f'{tc}: p.elf was written')


@test
def objects_in_the_convention_link_with_both_toolchains():
    for tc in ('gnu', 'llvm'):
        d = fixture(convention_tree())
        built(d, f'TOOLCHAINS={tc}')
        if 'fa' not in symbols(os.path.join(d, f'build/{tc}/p/p.elf')):
            raise AssertionError(f'{tc}: good.S not linked')


@test
def assembly_with_code_that_states_no_convention_fails_the_link():
    for tc in ('gnu', 'llvm'):
        convention_case(tc, '\tsource bad.S\n', {'bad.S': BAD_S},
                        f'build/{tc}/p/bad.S.o: has code but no record of '
                        'the flags it was built with')


@test
def assembly_written_to_another_convention_fails_the_link():
    other = GOOD_S.replace(CONVENTION, '-ffixed-x18').replace('fa', 'fc')
    for tc in ('gnu', 'llvm'):
        convention_case(tc, '\tsource other.S\n', {'other.S': other},
                        f'build/{tc}/p/other.S.o: built without '
                        '-fcall-saved-x8 -fcall-saved-x9 (its .rt.convention '
                        'section)')


@test
def c_built_without_a_required_flag_fails_the_link():
    late = FB_C.replace('fb', 'fc').replace('extern const int table;\n', '')
    late = late.replace('return table;', 'return 3;')
    # The last flag naming a register wins, in GCC and here. clang has no
    # -fcall-used-*, so the only C outside the convention it can give is
    # an object built elsewhere (an_object_compiled_outside_the_build...).
    for tc in ('gnu',):
        convention_case(tc, '\tlocal_cflags -fcall-used-x9\n'
                        '\tsource late.c\n', {'late.c': late},
                        f'build/{tc}/p/late.c.o: built without '
                        '-fcall-saved-x9 (its .GCC.command.line section)')


@test
def an_object_compiled_outside_the_build_is_refused():
    d = tempfile.mkdtemp(prefix='objcheck-')
    atexit.register(shutil.rmtree, d, True)
    src = os.path.join(d, 'x.c')
    with open(src, 'w') as f:
        f.write('int x(int a);\nint\nx(int a)\n{\n\treturn a + 1;\n}\n')
    required = CONVENTION.split()
    for tc in ('gnu', 'llvm'):
        t = toolchains.freestanding(tc)
        if not t.available:
            raise AssertionError(f'toolchain {tc}: {t.missing}')
        for flags, want in (([], 'has code but no record of the flags'),
                            (['-frecord-gcc-switches'],
                             'built without ' + CONVENTION),
                            (['-frecord-gcc-switches'] + required, None)):
            obj = os.path.join(d, f'x-{tc}-{len(flags)}.o')
            subprocess.run([t.cc] + t.cflags + ['-O2', '-c', src, '-o', obj]
                           + flags, check=True)
            with open(obj, 'rb') as f:
                found = objcheck.problems(obj, f.read(), required)
            if want is None:
                eq(found, [])
            elif len(found) != 1 or want not in found[0]:
                raise AssertionError(f'{tc} {flags}: {found}')


BIG_C = '''char big[0x3000] = { 1 };
int fb(void);

int
fb(void)
{
	return ((volatile char *)big)[0x2fff];
}
'''


def budget_tree(budget):
    return {'build.conf': program(f'\tmemory_budget {budget}\n'
                                  '\tfile_budget 64k\n'
                                  '\tsource main.c fa.c big.c\n'),
            'main.c': MAIN, 'fa.c': 'int fa(void);\nint\nfa(void)\n{\n'
            '\treturn 0;\n}\n', 'big.c': BIG_C}


@test
def a_program_over_its_memory_budget_fails_the_link():
    d = fixture(budget_tree('0x2000'))
    for attempt in (1, 2):
        # Not once: a failed check leaves nothing SCons takes as built.
        rc, out = scons(d, 'TOOLCHAINS=gnu')
        if rc == 0:
            raise AssertionError(f'attempt {attempt}: over budget, yet '
                                 f'built:\n{out}')
        m = re.search(r'memory (0x[0-9a-f]+) B of 0x2000 \((\d+) over\)',
                      out)
        if not m:
            raise AssertionError(f'no SIZE line with the budget:\n{out}')
        used = int(m.group(1), 16)
        eq(int(m.group(2)), used - 0x2000)
        has(out, f'build/gnu/p/p.elf: memory {used:#x} B is '
            f'{used - 0x2000} B over its budget of 0x2000 B (memory_budget '
            'in build.conf)')
        if os.path.exists(os.path.join(d, 'build/gnu/p/p.elf')):
            raise AssertionError('the ELF over its budget was kept')
    write(d, budget_tree('0x10000'))
    out = built(d, 'TOOLCHAINS=gnu')
    with open(os.path.join(d, 'build/gnu/p/p.elf'), 'rb') as f:
        eq(elfcheck.sizes(elfcheck.Elf(f.read()))['memory'], used)
    has(out, f'memory {used:#x} B of 0x10000 ({0x10000 - used} left)')
    has(out, ' B of 65536 (')


def main():
    return run('scons')


if __name__ == '__main__':
    sys.exit(main())
