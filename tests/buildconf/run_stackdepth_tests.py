# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Tests of tools/build/stackdepth.py.

On a small program assembled here, whose frames are known: each way a
frame or a call is found, read through both toolchains' objdump. Then on
the runtime this tree builds: its worst syscall path fits in the stack
below the app's sp that uaccess keeps for the runtime (UACCESS_BELOW_SP),
which is the figure the README quotes."""

import atexit
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import TOP, eq, run, test  # noqa: E402
import buildconf  # noqa: E402
import elfcheck  # noqa: E402
import stackdepth  # noqa: E402
import toolchains  # noqa: E402



# Functions marked "C" take their frame from SU below; the others are
# hand-written assembly whose frame the tool reads from the code.
PROGRAM_S = '''
	.macro fn name
	.global \\name
	.type \\name, %function
	.p2align 2
\\name:
	.endm
	.macro endfn name
	.size \\name, . - \\name
	.endm

	.text
	.global entry
entry:				/* like a vector slot: no function */
	sub	sp, sp, #64
	cmp	x8, #4
	b.hs	1f
	adr	x17, table
	ldrsh	x16, [x17, x8, lsl #1]
	add	x16, x17, x16
	blr	x16
1:	add	sp, sp, #64
	eret

fn f1				/* C: calls f2 */
	stp	x29, x30, [sp, #-32]!
	bl	f2
	ldp	x29, x30, [sp], #32
	ret
endfn f1

fn f2				/* C: a leaf */
	ret
endfn f2

fn f3				/* C: a tail call, after its epilogue */
	b	f2
endfn f3

fn g				/* assembly: 48 + 16 at its call */
	stp	x29, x30, [sp, #-48]!
	sub	sp, sp, #16
	bl	f2
	add	sp, sp, #16
	ldp	x29, x30, [sp], #48
	ret
endfn g

fn via_field			/* C: ops->second(), offset 8 */
	ldr	x1, [x0, #8]
	blr	x1
	ret
endfn via_field

fn via_unknown			/* C: a pointer from nowhere known */
	blr	x5
	ret
endfn via_unknown

fn h1				/* C: held at offset 0 of ops */
	ret
endfn h1

fn h2				/* C: held at offset 8 of ops */
	ret
endfn h2

fn jt				/* C: a jump table of its own */
	adr	x1, 2f
	add	x1, x1, x0, lsl #2
	br	x1
2:	ret
	ret
endfn jt

fn ca				/* C: calls cb, which calls it back */
	bl	cb
	ret
endfn ca

fn cb				/* C */
	bl	ca
	ret
endfn cb

fn dyn				/* C: an alloca */
	ret
endfn dyn

	.section .rodata.table, "a"
	.p2align 2
	.global table
	.type table, %object
table:
	.2byte	f1 - table
	.2byte	f3 - table
	.2byte	g - table
	.2byte	via_field - table
	.size	table, . - table

	.data
	.p2align 3
	.type	ops, %object
ops:
	.quad	h1
	.quad	h2
	.size	ops, . - ops
'''

# GCC writes file:line:column:name, clang file:line:name.
SU = '''t.c:1:1:f1\t32\tstatic
t.c:2:1:f2\t100\tstatic
t.c:3:f3\t48\tstatic
t.c:4:1:via_field\t16\tstatic
t.c:5:via_unknown\t16\tstatic
t.c:6:1:h1\t500\tstatic
t.c:7:1:h2\t10\tstatic
t.c:8:1:jt\t0\tstatic
t.c:9:1:ca\t16\tstatic
t.c:10:1:cb\t16\tstatic
t.c:11:1:dyn\t64\tdynamic,bounded
'''

_built = {}


def small_program():
    """(ELF path, .su directory), built once with the GNU assembler and
    linker as a static-pie, so that ops gets R_AARCH64_RELATIVE."""
    if _built:
        return _built['elf'], _built['su']
    d = tempfile.mkdtemp(prefix='stackdepth-')
    atexit.register(shutil.rmtree, d, True)
    tc = toolchains.freestanding('gnu')
    if not tc.available:
        raise AssertionError(tc.missing)
    src, obj, elf = (os.path.join(d, n) for n in ('t.S', 't.o', 't.elf'))
    with open(src, 'w') as f:
        f.write(PROGRAM_S)
    with open(os.path.join(d, 't.c.su'), 'w') as f:
        f.write(SU)
    subprocess.run([tc.cc, '-c', src, '-o', obj], check=True)
    subprocess.run([tc.ld, '-pie', '--no-dynamic-linker', '-e', 'entry',
                    '-o', elf, obj],
                   check=True)
    _built.update(elf=elf, su=d)
    return elf, d


def programs(**kw):
    """The small program as each toolchain's objdump shows it."""
    elf_path, su_dir = small_program()
    with open(elf_path, 'rb') as f:
        elf = elfcheck.Elf(f.read())
    out = []
    keep_dyn = kw.pop('keep_dyn', False)
    for name in ('gnu', 'llvm'):
        objdump = toolchains.freestanding(name).objdump
        text = subprocess.run([objdump, '-d', '--no-show-raw-insn',
                               elf_path], check=True, capture_output=True,
                              text=True).stdout
        su = stackdepth.load_su([su_dir])
        if not keep_dyn:
            su['dyn'] = (64, True)
        out.append((name, stackdepth.Program(
            elf, stackdepth.parse_disassembly(text), su, **kw)))
    return out


def depth(prog, name):
    r = prog.depth(prog.by_name[name][0])
    return r[0], [n for n, _ in r[1]]


@test
def frames_from_su_files_and_direct_calls():
    for tc, p in programs():
        eq((tc, depth(p, 'f1')), (tc, (132, ['f1', 'f2'])))


@test
def a_tail_call_leaves_the_callers_frame_behind():
    for tc, p in programs():
        eq((tc, depth(p, 'f3')), (tc, (100, ['f3', 'f2'])))


@test
def assembly_frames_are_read_from_the_code():
    for tc, p in programs():
        eq((tc, depth(p, 'g')), (tc, (164, ['g', 'f2'])))


@test
def a_call_through_a_field_goes_to_what_that_field_holds():
    for tc, p in programs():
        eq((tc, depth(p, 'via_field')), (tc, (26, ['via_field', 'h2'])))


@test
def a_call_through_an_unknown_pointer_goes_to_any_address_taken():
    for tc, p in programs():
        eq((tc, depth(p, 'via_unknown')), (tc, (516, ['via_unknown', 'h1'])))


@test
def a_jump_table_is_no_call():
    for tc, p in programs():
        eq((tc, depth(p, 'jt')), (tc, (0, ['jt'])))


@test
def the_entry_calls_what_its_table_holds():
    for tc, p in programs(table='table'):
        total, path = p.entry_depth(p.by_name['entry'][0])
        eq((tc, total, [n for n, _ in path]),
           (tc, 64 + 164, ['entry', 'g', 'f2']))


@test
def an_external_functions_indirect_calls_add_nothing():
    for tc, p in programs(external=['via_unknown']):
        eq((tc, depth(p, 'via_unknown')), (tc, (16, ['via_unknown'])))


@test
def a_stopped_function_is_left_out():
    for tc, p in programs(stop=['f2']):
        eq((tc, depth(p, 'f1')), (tc, (32, ['f1'])))


@test
def a_cycle_is_an_error_unless_an_allowance_bounds_it():
    for tc, p in programs():
        try:
            depth(p, 'ca')
        except stackdepth.StackError as e:
            eq(str(e), 'call cycle, no bound: ca -> cb -> ca')
        else:
            raise AssertionError(f'{tc}: no error for a cycle')
    for tc, p in programs(recursion={'ca': 2}):
        eq((tc, depth(p, 'ca')), (tc, (64, ['ca', 'cb', 'ca', 'cb'])))


@test
def a_dynamic_frame_is_an_error():
    for tc, p in programs(keep_dyn=True):
        eq(p.su['dyn'], (64, True))   # "dynamic,bounded" has a bound
    su = stackdepth.parse_su('t.c:1:1:dyn\t64\tdynamic\n')
    eq(su, {'dyn': (64, False)})
    elf_path, _ = small_program()
    with open(elf_path, 'rb') as f:
        elf = elfcheck.Elf(f.read())
    text = subprocess.run([toolchains.freestanding('gnu').objdump, '-d',
                           '--no-show-raw-insn', elf_path], check=True,
                          capture_output=True, text=True).stdout
    p = stackdepth.Program(elf, stackdepth.parse_disassembly(text), su)
    try:
        depth(p, 'dyn')
    except stackdepth.StackError as e:
        eq(str(e), 'dyn: its frame has no bound (dynamic stack)')
    else:
        raise AssertionError('no error for a dynamic frame')


@test
def a_name_the_program_lacks_is_an_error():
    # A renamed function must not quietly change what is measured.
    elf_path, su_dir = small_program()
    for opt in ('--stop', '--external', '--recursion'):
        arg = 'nosuch=2' if opt == '--recursion' else 'nosuch'
        out = subprocess.run(
            [sys.executable, os.path.join(TOP, 'tools/build/stackdepth.py'),
             '--objdump', toolchains.freestanding('gnu').objdump, '--su-dir',
             su_dir, '--entry', 'entry', '--table', 'table', opt, arg,
             elf_path], capture_output=True, text=True)
        eq((opt, out.returncode, out.stderr),
           (opt, 1, f"{elf_path}: no function 'nosuch'\n"))


def _define(name):
    """The number a #define under include/ gives name."""
    for path in sorted(glob.glob(os.path.join(TOP, 'include', '**', '*.h'),
                                 recursive=True)):
        with open(path) as f:
            m = re.search(r'#define\s+' + name + r'\s+(\d+)u?\b', f.read())
        if m:
            return int(m.group(1))
    raise AssertionError(f'no {name} under include/')


# The assumptions the README states for every figure: app code runs on the
# app's own stack (the calls into it count for nothing), a panic ends from
# the top of the runtime's stack (panic_finish, measured on its own),
# memset runs twice at most on a path, a panic inside a panic stops at
# once. arch_mmu_map is boot's: the identity map's page allocator is
# called through a pointer the tool cannot tell from the others.
COMMON_ARGS = ['--table', 'syscall_offsets',
               '--external', 'arch_call_app', '--external', 'arch_enter_app',
               '--external', 'arch_mmu_map',
               '--external', 'arch_exc_stack_restart',
               '--callback', 'panic_finish',
               '--recursion', 'memset=2', '--recursion', 'panic=2',
               '--stop', 'panic', '--stop', '__stack_chk_fail']
# From the vector of the app's svc (current EL with SP_EL0, synchronous),
# its fast path and its slow, to the next call into app code.
RUNTIME_ARGS = ['--entry', 'arch_vectors+0x0', '--stop', 'panic_frame'] + \
    COMMON_ARGS
# The report of a fault of the runtime itself, from the vectors' fatal
# path to the stop: the app's console function is called only with room
# for it (upcall_call checks), so it counts for nothing here.
FATAL_ARGS = ['--entry', 'fatal_runtime', '--external', 'upcall_call'] + \
    COMMON_ARGS
# The end of every panic, from the top of the runtime's stack: the exit
# hook's call and the stop.
FINISH_ARGS = ['--entry', 'panic_finish', '--stop', 'panic_frame'] + \
    COMMON_ARGS


def _configs(program):
    """The program's configs in build.conf, as integers."""
    p = buildconf.read_tree(TOP).program(program)
    return {name: int(value, 0) for name, value in p.configs}


def _deepest(args, limit, what):
    """Runs the tool on each runtime program (runtime, runtime-trace...)
    and toolchain; fails if a path is deeper than limit(its configs)."""
    build = os.environ.get('RT_BUILD_DIR', 'build')
    with open(os.path.join(TOP, build, 'manifest.json')) as f:
        m = json.load(f)
    runtimes = sorted(n for n in m['programs'] if n.startswith('runtime'))
    if not runtimes:
        raise AssertionError('no runtime program in the manifest')
    for name, tc in [(n, tc) for n in runtimes for tc in m['toolchains']]:
        most = limit(_configs(name))
        elf = os.path.join(TOP, m['programs'][name]['outputs'][tc])
        debug = elf[:-len('.elf')] + '.debug.elf'
        out = subprocess.run(
            [sys.executable, os.path.join(TOP, 'tools/build/stackdepth.py'),
             '--objdump', toolchains.freestanding(tc).objdump,
             '--su-dir', os.path.dirname(elf)] + args + [debug],
            capture_output=True, text=True)
        if out.returncode != 0:
            raise AssertionError(f'{tc}: {out.stderr}')
        first = out.stdout.splitlines()[0]
        m2 = re.match(r'STACK \S+: (\d+) B from \S+ without [^:]*: entry '
                      r'(\d+) > (\w+)', first)
        if not m2:
            raise AssertionError(f'{name} {tc}: {first}')
        print(f'    {name} {tc}: {first.split(": ", 1)[1]}')
        if int(m2.group(1)) > most:
            raise AssertionError(f'{name} {tc}: {m2.group(1)} B, more than '
                                 f'the {most} B of {what}: {first}')


@test
def the_runtimes_worst_syscall_path_fits_in_what_a_call_leaves():
    # Each call into app code leaves at least RT_UPCALL_EXC_ROOM of the
    # runtime's stack (upcall_call checks): the deepest path from a vector
    # to the next such call must fit in it.
    _deepest(RUNTIME_ARGS,
             lambda c: c.get('RT_UPCALL_EXC_ROOM',
                             _define('RT_UPCALL_EXC_ROOM')),
             'RT_UPCALL_EXC_ROOM')


@test
def a_fault_of_the_runtime_is_reported_within_what_it_needs():
    # The report starts below the faulting sp only if RT_EXC_REPORT_NEED
    # bytes are left there (vectors.S): below the stack lies other data.
    _deepest(FATAL_ARGS, lambda c: _define('RT_EXC_REPORT_NEED'),
             'RT_EXC_REPORT_NEED')


@test
def a_panics_exit_hook_has_the_room_of_any_call():
    # A panic ends on the runtime's stack emptied (panic_finish): from its
    # top, the way to the exit hook's call must leave RT_UPCALL_EXC_ROOM,
    # or upcall_call would refuse the hook.
    _deepest(FINISH_ARGS,
             lambda c: c['RT_EXC_STACK_SIZE'] -
             c.get('RT_UPCALL_EXC_ROOM', _define('RT_UPCALL_EXC_ROOM')),
             'RT_EXC_STACK_SIZE less RT_UPCALL_EXC_ROOM')


def main():
    return run('stackdepth')


if __name__ == '__main__':
    sys.exit(main())
