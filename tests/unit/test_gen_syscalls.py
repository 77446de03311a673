#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Tests of tools/gen_syscalls.py: good tables, each error message, the
same bytes on every run, and (when a host compiler is there) the generated
C compiled and run against a small table.

usage: test_gen_syscalls.py   (prints "N passed, N failed"; exit 1 on failure)
"""

import os
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
GEN = os.path.join(TOP, 'tools', 'gen_syscalls.py')
NAMES = os.path.join(TOP, 'src', 'syscall', 'linux_names.txt')
TABLE = os.path.join(TOP, 'src', 'syscall', 'syscalls.tbl')

results = {'passed': 0, 'failed': 0}


def check(name, ok, detail=''):
    if ok:
        results['passed'] += 1
        print(f'PASS {name}')
    else:
        results['failed'] += 1
        print(f'FAIL {name}' + (f'\n  {detail}' if detail else ''))


def run_gen(tmp, table_text,
            outputs=('syscall_table.c', 'syscall_table.h', 'syscall_offsets.S'),
            names=NAMES):
    """Runs the generator on tmp/t.tbl holding table_text, from tmp, so
    that messages name t.tbl; returns (status, stderr, output paths)."""
    with open(os.path.join(tmp, 't.tbl'), 'w') as f:
        f.write(table_text)
    outs = [os.path.join(tmp, o) for o in outputs]
    for o in outs:
        if os.path.exists(o):
            os.remove(o)
    p = subprocess.run([sys.executable, GEN, 't.tbl', names] + list(outputs),
                       capture_output=True, text=True, cwd=tmp)
    return p.returncode, p.stderr.strip(), outs


GOOD = '''\
# a comment line
56 openat call sys_openat (int dirfd, const char *path, int flags, unsigned int mode)
57	close	call	sys_close	(int fd)  # trailing comment
172 getpid call sys_getpid (void)
283 membarrier errno ENOSYS (int cmd, unsigned int flags, int cpu_id)
174 getuid errno EPERM (void)
220 clone panic - (unsigned long flags, void *stack, int *ptid, unsigned long tls, int *ctid)
66 writev call sys_writev (int fd, const struct iovec *iov, int iovcnt)
101 nanosleep slow sys_nanosleep (const struct timespec *req, struct timespec *rem)
139 rt_sigreturn frame sys_rt_sigreturn (void)
'''

# Each bad table and the one message it must give (the table is t.tbl).
BAD = [
    ('56 openat call sys_openat (void)\n56 openat call sys_openat (void)\n',
     't.tbl:2: duplicate syscall number 56 (first at t.tbl:1)'),
    ('56 openat call sys_openat (void)\n57 openat call sys_close (void)\n',
     "t.tbl:2: duplicate syscall name 'openat' (first at t.tbl:1)"),
    ('\n57 close calls sys_close (int fd)\n',
     "t.tbl:2: unknown policy 'calls' (one of call, slow, frame, errno, "
     'panic)'),
    ('57 close call sys_close (int)\n',
     "t.tbl:1: bad argument 'int': wants a type and a name"),
    ('57 close call sys_close (float fd)\n',
     "t.tbl:1: bad argument 'float fd': unknown type 'float'"),
    ('57 close call sys_close (struct file f)\n',
     "t.tbl:1: bad argument 'struct file f': 'struct file' only behind a "
     'pointer'),
    ('57 close call sys_close (void fd)\n',
     "t.tbl:1: bad argument 'void fd': 'void' only behind a pointer"),
    ('57 close call sys_close (int const fd)\n',
     "t.tbl:1: bad argument 'int const fd': const in the wrong place"),
    ('57 close call sys_close (int fd, long fd)\n',
     "t.tbl:1: argument name 'fd' used twice"),
    ('57 close call sys_close (int int)\n',
     "t.tbl:1: bad argument 'int int': wants a type and a name"),
    ('57 close call sys_close ()\n',
     't.tbl:1: empty argument list: write (void)'),
    ('57 close call sys_close (int a, int b, int c, int d, int e, int f, '
     'int g)\n',
     't.tbl:1: close has 7 arguments; a syscall has at most 6'),
    ('500 close call sys_close (int fd)\n',
     't.tbl:1: number 500 is beyond the last Linux syscall (446)'),
    ('244 close call sys_close (int fd)\n',
     't.tbl:1: number 244 is not a Linux syscall'),
    ('56 open call sys_open (void)\n',
     "t.tbl:1: number 56 is 'openat' in Linux, not 'open'"),
    ('0x38 openat call sys_openat (void)\n',
     "t.tbl:1: bad syscall number '0x38'"),
    ('57 close call sys_close\n',
     't.tbl:1: expected NUMBER NAME POLICY TARGET (ARGUMENTS)'),
    ('57 close call close (int fd)\n',
     "t.tbl:1: handler 'close' is not a C name starting with 'sys_'"),
    ('57 close errno ENOSUCH (int fd)\n',
     "t.tbl:1: unknown errno 'ENOSUCH'"),
    ('57 close panic sys_close (int fd)\n',
     "t.tbl:1: a panic line takes '-' as its target, not 'sys_close'"),
    ('93 exit call sys_exit (int status)\n'
     '94 exit_group call sys_exit (long status)\n',
     "t.tbl:2: handler 'sys_exit' has other argument types at t.tbl:1"),
    ('93 exit call sys_exit (int status)\n'
     '94 exit_group slow sys_exit (long status)\n',
     "t.tbl:2: handler 'sys_exit' has other argument types at t.tbl:1"),
    ('139 rt_sigreturn frame sys_rt_sigreturn (void)\n'
     '129 kill call sys_rt_sigreturn (void)\n',
     "t.tbl:2: handler 'sys_rt_sigreturn' is a frame handler at t.tbl:1 "
     'and not here, or the other way round'),
    ('129 kill slow sys_kill (void)\n'
     '139 rt_sigreturn frame sys_kill (void)\n',
     "t.tbl:2: handler 'sys_kill' is a frame handler at t.tbl:1 and not "
     'here, or the other way round'),
    ('101 nanosleep slow nanosleep (void)\n',
     "t.tbl:1: handler 'nanosleep' is not a C name starting with 'sys_'"),
    ('139 rt_sigreturn frame - (void)\n',
     "t.tbl:1: handler '-' is not a C name starting with 'sys_'"),
    ('# nothing\n', 't.tbl: no syscalls'),
]


def test_good(tmp):
    status, err, (c, h, _) = run_gen(tmp, GOOD)
    check('good table generates', status == 0 and not err, err)
    if status != 0:
        return
    header, source = open(h).read(), open(c).read()
    check('size is the highest number plus one',
          '#define SYSCALL_TABLE_SIZE 284\n' in header)
    check('handler prototypes, each once',
          header.count('sys_openat(int dirfd, const char *path, int flags, '
                       'unsigned int mode);') == 1 and
          'sys_getpid(void);' in header and 'sys_close(int fd);' in header)
    check('no prototype for errno and panic lines',
          'sys_membarrier' not in header and 'sys_clone' not in header)
    check('slow handlers take their arguments, frame handlers the frame',
          'sys_nanosleep(const struct timespec *req, struct timespec *rem);'
          in header and
          'sys_rt_sigreturn(struct arch_frame *f);' in header and
          'struct arch_frame;\n' in header)
    check('struct tags are declared', 'struct iovec;\n' in header)
    check('assembly sees only macros',
          header.index('#ifndef __ASSEMBLER__') > header.index(
              '#define SYSCALL_TABLE_SIZE') and
          header.index('#ifndef __ASSEMBLER__') < header.index('typedef'))
    text = open(os.path.join(tmp, 'syscall_offsets.S')).read()
    check('16-bit offsets in the runtime, 32-bit in host programs',
          '#ifdef RT_HOST\n#define SYSCALL_OFFSET .4byte\n#else\n'
          '#define SYSCALL_OFFSET .2byte\n#endif\n' in text and
          'typedef int16_t syscall_offset_t;' in header)
    entries = [line for line in text.split('\n')
               if line.startswith('\tSYSCALL_OFFSET ')]
    # Bit 0: the fast path must not call it (slow, frame, unlisted);
    # bit 1: a frame handler.
    check('entries by number, with the path flags',
          len(entries) == 284 and
          entries[56].startswith(
              '\tSYSCALL_OFFSET sys_openat - syscall_offsets + 0\t') and
          entries[101].startswith(
              '\tSYSCALL_OFFSET sys_nanosleep - syscall_offsets + 1\t') and
          entries[139].startswith(
              '\tSYSCALL_OFFSET sys_rt_sigreturn - syscall_offsets + 3\t') and
          entries[283].startswith(
              '\tSYSCALL_OFFSET syscall_fail_ENOSYS - syscall_offsets + 0\t')
          and entries[174].startswith(
              '\tSYSCALL_OFFSET syscall_fail_EPERM - ') and
          entries[220].startswith(
              '\tSYSCALL_OFFSET syscall_panic_clone - syscall_offsets + 0\t')
          and entries[0].startswith('\tSYSCALL_OFFSET 1\t') and
          entries[58].startswith('\tSYSCALL_OFFSET 1\t'),
          [entries[i] for i in (0, 56, 101, 139)])
    check('errno functions return the number',
          'return -38; /* -ENOSYS */' in source and
          'return -1; /* -EPERM */' in source)
    check('panic names the call', 'syscall clone (220)' in source)
    header = open(h).read()
    check('the fixed-errno and panic handlers are declared',
          'long\nsyscall_fail_ENOSYS(void);' in header and
          'long\nsyscall_panic_clone(void);' in header)
    # dirfd: DIRFD|32BIT|SIGNED, path: STR, flags: HEX|32BIT|SIGNED,
    # mode: HEX|32BIT.
    check('trace formats',
          '{ 56, 4, { 0x1c, 0x03, 0x19, 0x09 } }, /* openat */' in source,
          [line for line in source.splitlines() if 'openat */' in line])

    paths = (c, h, os.path.join(tmp, 'syscall_offsets.S'))
    again = [open(p, 'rb').read() for p in paths]
    run_gen(tmp, GOOD)
    check('deterministic', again == [open(p, 'rb').read() for p in paths])
    status, err, (only_h,) = run_gen(tmp, GOOD, outputs=('only.h',))
    check('a header alone', status == 0 and
          open(only_h, 'rb').read() == again[1] and
          not os.path.exists(os.path.join(tmp, 'only.c')))


def test_bad(tmp):
    for text, want in BAD:
        status, err, outs = run_gen(tmp, text)
        check(f'error: {want}',
              status == 1 and err == want and
              not any(os.path.exists(o) for o in outs),
              f'status {status}, stderr {err!r}')


def test_names_and_usage(tmp):
    bad_names = os.path.join(tmp, 'names.txt')
    with open(bad_names, 'w') as f:
        f.write('# header\n0 io_setup\n1\n')
    status, err, _ = run_gen(tmp, GOOD, names=bad_names)
    check('bad names file', status == 1 and
          err == f'{bad_names}:3: expected NUMBER NAME', err)
    with open(bad_names, 'w') as f:
        f.write('0 io_Setup\n')
    status, err, _ = run_gen(tmp, GOOD, names=bad_names)
    check('a name outside the packed alphabet', status == 1 and
          err == f"{bad_names}:1: 'io_Setup': names are packed from a-z, "
          '0-9 and _ only', err)
    status, err, _ = run_gen(tmp, GOOD, outputs=('t.s',))
    check('usage error on a wrong output', status == 2 and 'usage' in err,
          err)
    status, err, _ = run_gen(tmp, GOOD, outputs=('a.c', 'b.c'))
    check('usage error on two .c outputs', status == 2, err)


def test_real_table(tmp):
    status, err, (c, h, _) = run_gen(tmp, open(TABLE).read())
    check('the real table generates', status == 0, err)
    cc = shutil.which('clang') or shutil.which('cc')
    if status != 0 or cc is None:
        return
    # rt/arch.h wants the exception stack's size from src/build.conf.
    flags = ['-std=gnu11', '-fsyntax-only', '-DRT_HOST',
             '-DRT_EXC_STACK_SIZE=3072', '-Wall', '-Wextra',
             '-Werror', '-Wstrict-prototypes', '-Wmissing-prototypes',
             '-Wundef', '-Wcast-function-type', '-I', os.path.join(TOP,
                                                                 'include'),
             '-I', tmp]
    p = subprocess.run([cc] + flags + [c], capture_output=True, text=True)
    check('the real table compiles', p.returncode == 0, p.stderr)
    p = subprocess.run([cc, '-x', 'assembler-with-cpp', '-D__ASSEMBLER__',
                        '-E', '-I', tmp, '-'],
                       input='#include "syscall_table.h"\n',
                       capture_output=True, text=True, cwd=tmp)
    check('the header is assembly-safe', p.returncode == 0 and
          'typedef' not in p.stdout, p.stderr)


RUN_MAIN = r'''
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "syscall_table.h"

static int failed;
#define T(x) do { if (!(x)) { printf("failed: %s\n", #x); failed = 1; } } while (0)

struct arch_frame { uint64_t x[31]; };

void panic(const char *fmt, ...) { (void)fmt; exit(3); }
long sys_openat(int dirfd, const char *path, int flags, unsigned int mode)
{ return dirfd + (long)strlen(path) + flags + (long)mode; }
long sys_close(int fd) { return fd; }
long sys_getpid(void) { return 42; }
long sys_writev(int fd, const struct iovec *iov, int n)
{ (void)iov; return fd + n; }
long sys_nanosleep(const struct timespec *req, struct timespec *rem)
{ return (long)((const char *)rem - (const char *)req); }
long sys_rt_sigreturn(struct arch_frame *f) { return (long)f->x[0] + 1; }

static int
same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* What the vector's fast path tests: bit 0 of the raw offset. */
static int
slow(unsigned long nr)
{
	return nr >= SYSCALL_TABLE_SIZE ||
	       (syscall_offsets[nr] & SYSCALL_OFFSET_SLOW) != 0;
}

int main(void)
{
	const struct syscall_trace_info *t;
	struct arch_frame f = { { 9 } };
	int frame = -1;

	T(same(syscall_name(0), "io_setup"));
	T(same(syscall_name(56), "openat"));
	T(same(syscall_name(244), NULL));
	T(same(syscall_name(446), "landlock_restrict_self"));
	T(same(syscall_name(447), NULL));
	T(same(syscall_name((unsigned long)-1), NULL));
	T(same(syscall_errno_name(1), "EPERM"));
	T(same(syscall_errno_name(38), "ENOSYS"));
	T(same(syscall_errno_name(41), NULL));
	T(same(syscall_errno_name(133), "EHWPOISON"));
	T(same(syscall_errno_name(134), NULL));
	T(same(syscall_errno_name(0), NULL));
	T(syscall_lookup(57, &frame)(7, 0, 0, 0, 0, 0) == 7 && frame == 0);
	T(syscall_lookup(56, &frame)(-100, (uint64_t)"abc", 1, 2, 0, 0) == -94);
	T(syscall_lookup(172, &frame)(0, 0, 0, 0, 0, 0) == 42);
	T(syscall_lookup(283, &frame)(0, 0, 0, 0, 0, 0) == -38);
	T(syscall_lookup(174, &frame)(0, 0, 0, 0, 0, 0) == -1);
	T(syscall_lookup(101, &frame)(0x100, 0x108, 0, 0, 0, 0) == 8 &&
	  frame == 0);
	frame = -1;
	T(((rt_syscall_frame_fn_t)(uintptr_t)syscall_lookup(139, &frame))(&f) ==
	  10 && frame == 1);
	frame = -1;
	T(syscall_lookup(0, &frame) == NULL && frame == 0);
	T(syscall_lookup(58, &frame) == NULL && frame == 0);
	frame = -1;
	T(syscall_lookup(284, &frame) == NULL && frame == 0);
	T(syscall_lookup(-1UL, &frame) == NULL && frame == 0);
	T(!slow(56) && !slow(57) && !slow(172) && !slow(283) && !slow(220));
	T(slow(101) && slow(139) && slow(0) && slow(58) && slow(284) &&
	  slow(-1UL));
	T(SYSCALL_NR_openat == 56 && SYSCALL_NR_clone == 220 &&
	  SYSCALL_NR_rt_sigreturn == 139);
	t = syscall_trace_info(66);
	T(t != NULL && t->nr == 66 && t->nargs == 3 &&
	  t->arg[1] == SYSCALL_ARG_PTR);
	T(syscall_trace_info(58) == NULL);
	t = syscall_trace_info(172);
	T(t != NULL && t->nargs == 0);
	t = syscall_trace_info(101);
	T(t != NULL && t->nargs == 2);
	if (!failed)
		syscall_lookup(220, &frame)(0, 0, 0, 0, 0, 0);
	return failed;
}
'''


def test_generated_code_runs(tmp):
    cc = shutil.which('clang') or shutil.which('cc')
    if cc is None:
        print('SKIP generated code runs: no host compiler')
        return
    status, err, (c, h, asm) = run_gen(tmp, GOOD)
    # The generated file includes <rt/panic.h>; this test brings its own.
    os.makedirs(os.path.join(tmp, 'rt'), exist_ok=True)
    with open(os.path.join(tmp, 'rt', 'panic.h'), 'w') as f:
        f.write('_Noreturn void panic(const char *fmt, ...);\n')
    with open(os.path.join(tmp, 'main.c'), 'w') as f:
        f.write(RUN_MAIN)
    exe = os.path.join(tmp, 'gen_test')
    p = subprocess.run([cc, '-std=gnu11', '-w', '-I', tmp, '-o', exe, c, asm,
                        os.path.join(tmp, 'main.c')],
                       capture_output=True, text=True)
    check('generated code builds', status == 0 and p.returncode == 0,
          p.stderr)
    if p.returncode != 0:
        return
    p = subprocess.run([exe], capture_output=True, text=True)
    # 3: every check held and the panic entry reached panic().
    check('generated code runs', p.returncode == 3, p.stdout)


def main():
    tmp = tempfile.mkdtemp(prefix='gen_syscalls.')
    try:
        test_good(tmp)
        test_bad(tmp)
        test_names_and_usage(tmp)
        test_real_table(tmp)
        test_generated_code_runs(tmp)
    finally:
        shutil.rmtree(tmp)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results['failed'] else 0


if __name__ == '__main__':
    sys.exit(main())
