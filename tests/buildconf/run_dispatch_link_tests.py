# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""What the runtime's 16-bit syscall offsets rely on.

syscall_offsets.S holds `handler - syscall_offsets` as a 16-bit number
(R_AARCH64_PREL16) that the vector reads signed (ldrsh). GNU ld checks a
signed 16-bit range, but ld.lld the ABI's -32 KiB to +64 KiB, so
runtime.lds puts the table after the handlers' .text: every offset is then
negative, where both linkers' checks are the load's. A handler in boot-only
code would lie above the table, and elfcheck.py --offset-table, which
every runtime link runs, refuses that. Checked here with runtime.lds and
both linkers, on a small program: a handler just in reach, one just out of
it, and one placed above the table."""

import os
import shutil
import subprocess
import sys
import tempfile

from harness import TOP, eq, has, run, test  # noqa: E402
import elfcheck  # noqa: E402
import toolchains  # noqa: E402

LDS = os.path.join(TOP, 'src', 'arch', 'aarch64', 'runtime.lds')

# The table with one entry (flags 1), and `gap` bytes of code after it.
TABLE_S = '''
	.text
	.global entry
	.type entry, %function
entry:
	ret
	.size entry, . - entry
	.skip {gap}
	.section .rodata.syscall_offsets, "a"
	.balign 4
	.global syscall_offsets
	.type syscall_offsets, %object
syscall_offsets:
	.2byte {handler} - syscall_offsets + 1
	.size syscall_offsets, . - syscall_offsets
'''

# A handler in an object runtime.lds sends to the boot-only segment.
BOOT_S = '''
	.text
	.global boot_handler
	.type boot_handler, %function
boot_handler:
	ret
	.size boot_handler, . - boot_handler
'''


def link(name, gap, handler='entry'):
    """(linked, what the linker said, the entry as ldrsh reads it, what
    elfcheck.py --offset-table says) with the handler at `entry`, `gap` +
    4 bytes below the table, or at `boot_handler`, above it."""
    tc = toolchains.freestanding(name)
    if not tc.available:
        raise AssertionError(tc.missing)
    d = tempfile.mkdtemp(prefix='dispatch-link-')
    try:
        boot = os.path.join(d, 'src', 'boot')
        os.makedirs(boot)
        objs = []
        for path, text in ((os.path.join(d, 't.S'), TABLE_S),
                           (os.path.join(boot, 'b.S'), BOOT_S)):
            with open(path, 'w') as f:
                f.write(text.format(gap=gap, handler=handler))
            objs.append(path[:-2] + '.o')
            subprocess.run([tc.cc] + tc.cflags + ['-c', path, '-o',
                                                  objs[-1]], check=True)
        elf_path = os.path.join(d, 't.elf')
        r = subprocess.run([tc.ld, '-pie', '--no-dynamic-linker',
                            '-e', 'entry', '-T', LDS, '-o', elf_path] + objs,
                           capture_output=True, text=True)
        if r.returncode != 0:
            return False, r.stderr, None, None
        with open(elf_path, 'rb') as f:
            elf = elfcheck.Elf(f.read())
        base = [s[1] for s in elf.symbols() if s[0] == 'syscall_offsets'][0]
        value = int.from_bytes(elf.read(base, 2), 'little', signed=True)
        return (True, r.stderr, value,
                elfcheck.offset_table_problems(elf, 'syscall_offsets'))
    finally:
        shutil.rmtree(d, True)


@test
def a_handler_32_kib_below_the_table_links_and_reads_back():
    # entry (4 bytes) and the gap put the table exactly 32 KiB above it.
    for name in ('gnu', 'llvm'):
        ok, err, value, problems = link(name, 0x8000 - 4)
        eq((name, ok, value, problems), (name, True, -0x8000 + 1, []))


@test
def a_handler_further_below_fails_the_link():
    for name in ('gnu', 'llvm'):
        ok, err, _, _ = link(name, 0x8000)
        eq((name, ok), (name, False))
        has(err, 'R_AARCH64_PREL16')


@test
def a_handler_above_the_table_links_but_fails_the_check():
    for name in ('gnu', 'llvm'):
        ok, err, value, problems = link(name, 4, 'boot_handler')
        eq((name, ok, value > 0), (name, True, True))
        eq(len(problems), 1)
        has(problems[0], 'syscall_offsets[0] is +')
        has(problems[0], 'not a function below the table')


if __name__ == '__main__':
    sys.exit(run('dispatch_link'))
