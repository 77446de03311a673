#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Instructions per function: where a path's instructions go.

Usage: profile.py --stub STUB.elf --runtime RT.elf --app APP.elf
                  [--from SYM] [--to SYM] [--per N] [--top N]
                  [--heap-size N] [--keep-log FILE]

Boots the package once under QEMU with `-d in_asm,exec,nochain`: every
translation block is logged when it is translated (its instructions) and
each time it runs (its address), so counting instructions per run block
and naming each instruction by the symbol it lies in gives an exact count
per function, whatever the exception level (the boot stub's EL2 code
included, which the PMU figures of bench.py leave out).

--from and --to name functions (of the app, the runtime or the stub):
counting starts when the first starts to run and stops when the second
starts to run after it, so an app that calls `begin()`, runs a path N times
and calls `end()` is measured with `--from begin --to end --per N`.
tests/bench/apps/bench_profile.c is such an app, one window per bench
figure. Symbols come from RT.debug.elf beside a stripped RT.elf, from
APP.elf and from STUB.elf; names are prefixed with where they are
(`rt:`, `app:`, `stub:`).
"""

import argparse
import bisect
import collections
import os
import re
import shlex
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkpkg  # noqa: E402
import qemu_run  # noqa: E402

SHT_SYMTAB = 2
STT_FUNC = 2
STT_NOTYPE = 0

INSN = re.compile(r'^0x([0-9a-f]+):\s')
# QEMU 7: "Trace 0: 0x7f.. [cs_base/pc/flags/cflags] symbol"
TRACE = re.compile(r'^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/')


def elf_symbols(path, base, prefix):
    """(address, name) of every function and code label in path's
    .symtab, moved to base for a position-independent file."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:4] != b'\x7fELF' or data[4] != 2:
        raise ValueError(f'{path}: not a 64-bit ELF file')
    e_type = struct.unpack_from('<H', data, 16)[0]
    shoff = struct.unpack_from('<Q', data, 40)[0]
    shentsize, shnum = struct.unpack_from('<HH', data, 58)
    sections = [struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize)
                for i in range(shnum)]
    out = []
    for sh in sections:
        if sh[1] != SHT_SYMTAB:
            continue
        strtab = sections[sh[6]]
        for i in range(sh[5] // 24):
            name, info, _, shndx, value, _ = struct.unpack_from(
                '<IBBHQQ', data, sh[4] + i * 24)
            if shndx == 0 or info & 0xf not in (STT_FUNC, STT_NOTYPE):
                continue
            end = data.index(b'\0', strtab[4] + name)
            text = data[strtab[4] + name:end].decode(errors='replace')
            # Mapping symbols ($x, $d) and local labels name no function.
            if not text or text.startswith(('$', '.L')):
                continue
            out.append((value + (base if e_type == 3 else 0),
                        prefix + text))
    return out


class Symbols:
    def __init__(self, syms):
        syms = sorted(set(syms))
        self.addrs = [a for a, _ in syms]
        self.names = [n for _, n in syms]

    def name(self, addr):
        i = bisect.bisect_right(self.addrs, addr) - 1
        return self.names[i] if i >= 0 else f'?{addr:#x}'

    def find(self, name):
        """The address of a symbol given with or without its prefix."""
        for a, n in zip(self.addrs, self.names):
            if n == name or n.split(':', 1)[1] == name:
                return a
        raise SystemExit(f'profile: no symbol {name!r}')


def count(log, syms, start=None, stop=None):
    """Instructions per function in the log, between the first run of
    start and the next run of stop (the whole log without them)."""
    blocks = {}   # pc -> Counter of function -> instructions
    insns = None  # the block being read from the in_asm part
    counting = start is None
    total = collections.Counter()
    for line in log:
        m = INSN.match(line)
        if m:
            a = int(m.group(1), 16)
            if insns is None:
                insns = blocks[a] = collections.Counter()
            insns[syms.name(a)] += 1
            continue
        if line.startswith('IN:') or not line.strip():
            insns = None
            continue
        m = TRACE.match(line)
        if not m:
            continue
        insns = None
        pc = int(m.group(1), 16)
        if not counting:
            counting = pc == start
        elif stop is not None and pc == stop:
            break
        if counting:
            total.update(blocks.get(pc, {}))
    return total


def main(argv):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        epilog=__doc__.split('\n\n', 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    qemu_run.add_package_options(ap)
    ap.add_argument('--from', dest='start', help='start counting here')
    ap.add_argument('--to', dest='stop', help='stop counting here')
    ap.add_argument('--per', type=int, default=1,
                    help='divide the counts by this (the iterations)')
    ap.add_argument('--top', type=int, default=40,
                    help='functions to list (default 40)')
    ap.add_argument('--timeout', type=float, default=300)
    ap.add_argument('--keep-log', help='keep the QEMU log in this file')
    args = ap.parse_args(argv)

    with open(args.runtime, 'rb') as f:
        rt_bytes = f.read()
    with open(args.app, 'rb') as f:
        app_bytes = f.read()
    where = mkpkg.layout(rt_bytes, app_bytes, args.heap_size)
    debug = re.sub(r'\.elf$', '.debug.elf', args.runtime)
    syms = Symbols(
        elf_symbols(debug if os.path.exists(debug) else args.runtime,
                    where['runtime'], 'rt:') +
        elf_symbols(args.app, where['app'], 'app:') +
        elf_symbols(args.stub, 0, 'stub:'))
    start = syms.find(args.start) if args.start else None
    stop = syms.find(args.stop) if args.stop else None

    with tempfile.TemporaryDirectory(prefix='profile.') as tmp:
        log = args.keep_log or os.path.join(tmp, 'qemu.log')
        wrapper = os.path.join(tmp, 'qemu')
        qemu = os.environ.get('QEMU', 'qemu-system-aarch64')
        with open(wrapper, 'w') as f:
            f.write(f'#!/bin/sh\nexec {shlex.quote(qemu)} "$@" '
                    f'-d in_asm,exec,nochain -D {shlex.quote(log)}\n')
        os.chmod(wrapper, 0o755)
        status, _ = qemu_run.run(args.stub, args.runtime, args.app,
                                 heap_size=args.heap_size,
                                 timeout=args.timeout, qemu=wrapper)
        if status == qemu_run.TIMEOUT_STATUS:
            raise SystemExit('profile: the boot timed out')
        with open(log, errors='replace') as f:
            total = count(f, syms, start, stop)

    if start is not None and not total:
        raise SystemExit(f'profile: {args.start} never ran')
    whole = sum(total.values())
    print(f'{"instructions":>12} {"share":>6}  function'
          f'{f" (per {args.per})" if args.per != 1 else ""}')
    for name, n in total.most_common(args.top):
        print(f'{n / args.per:12.1f} {100 * n / whole:5.1f}%  {name}')
    print(f'{whole / args.per:12.1f} {100.0:5.1f}%  total '
          f'(app exit status {status})')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
