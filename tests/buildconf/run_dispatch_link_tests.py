# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""What the runtime's 16-bit syscall offsets rely on in each linker.

syscall_offsets.S holds `handler - syscall_offsets` as a 16-bit number
(R_AARCH64_PREL16) that the vector reads signed (ldrsh). The ABI lets a
linker accept such a number from -32 KiB to +64 KiB, so runtime.lds puts
the table after every handler: each offset is then negative, and a handler
further than 32 KiB away must fail the link instead of being misread. Both
linkers are checked here, with runtime.lds, on a small program with one
handler just in reach and one just out of it."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import TOP, eq, run, test  # noqa: E402
import toolchains  # noqa: E402

# A handler at the bottom, `gap` bytes of code, then the table, which
# runtime.lds puts first in .rodata, after .text (ld.lld alone would put
# .rodata first).
LDS = os.path.join(TOP, 'src', 'arch', 'aarch64', 'runtime.lds')
PROGRAM_S = '''
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
syscall_offsets:
	.2byte entry - syscall_offsets + 1
'''


def link(name, gap):
    """(linked, what the linker said, the table's entry as ldrsh reads
    it) for the handler `gap` + 4 bytes below the table."""
    tc = toolchains.freestanding(name)
    if not tc.available:
        raise AssertionError(tc.missing)
    d = tempfile.mkdtemp(prefix='dispatch-link-')
    try:
        src, obj, elf = (os.path.join(d, n) for n in ('t.S', 't.o', 't.elf'))
        with open(src, 'w') as f:
            f.write(PROGRAM_S.format(gap=gap))
        subprocess.run([tc.cc] + tc.cflags + ['-c', src, '-o', obj],
                       check=True)
        r = subprocess.run([tc.ld, '-pie', '--no-dynamic-linker',
                            '-e', 'entry', '-T', LDS, '-o', elf, obj],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return False, r.stderr, None
        dump = subprocess.run([tc.objdump, '-s', '-j', '.rodata', elf],
                              check=True, capture_output=True,
                              text=True).stdout
        m = re.search(r'^\s*[0-9a-f]+ ([0-9a-f]{4})', dump, re.M)
        raw = int.from_bytes(bytes.fromhex(m.group(1)), 'little')
        return True, r.stderr, raw - 0x10000 if raw & 0x8000 else raw
    finally:
        shutil.rmtree(d, True)


@test
def a_handler_32_kib_below_the_table_links_and_reads_back():
    # entry (4 bytes) and the gap put the table exactly 32 KiB above it.
    for name in ('gnu', 'llvm'):
        ok, err, value = link(name, 0x8000 - 4)
        eq((name, ok, value), (name, True, -0x8000 + 1))


@test
def a_handler_further_below_fails_the_link():
    for name in ('gnu', 'llvm'):
        ok, err, _ = link(name, 0x8000)
        eq((name, ok), (name, False))
        if not re.search(r'relocation truncated to fit|out of range', err):
            raise AssertionError(f'{name}: {err}')


if __name__ == '__main__':
    sys.exit(run('dispatch_link'))
