# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Refuses, at link time, an object built outside its program's calling
convention.

Usage: objcheck.py --require 'FLAG...' OBJECT...

Some flags change the calling convention: the runtime's C is built with
-ffixed-x18 and -fcall-saved-x8..x15 (`required_cflags` in src/build.conf)
so that its vectors save fewer registers. One object built without them
would clobber x8-x15 under code that relies on their surviving a call, and
nothing else would notice. So every object with code must show that it was
built with every required flag:

- C shows the compiler's own record, the .GCC.command.line section that
  -frecord-gcc-switches makes (GCC and clang both write it; configure.py
  adds the flag to every program with required_cflags);
- hand-written assembly has no such record: its author states the flags it
  is written for in a .rt.convention section (one string of flags, see
  rt_convention in src/arch/aarch64/include/asm_macros.h).

For the register flags the last one naming a register wins, as it does in
the compilers: -fcall-saved-x9 followed by -fcall-used-x9 is not the
convention. An object with no executable bytes (a data table) has no
convention to follow.
"""

import argparse
import re
import sys

import elfcheck

CONVENTION_SECTION = '.rt.convention'
COMPILER_SECTION = '.GCC.command.line'
_REGISTER_FLAG = re.compile(r'^-f(fixed|call-used|call-saved)-(\w+)$')


def recorded_flags(elf):
    """[(section name, [flag...])] for each record the object carries."""
    out = []
    for name in (COMPILER_SECTION, CONVENTION_SECTION):
        s = elf.section(name)
        if s is not None:
            text = elf.contents(s).replace(b'\0', b' ').decode(
                errors='replace')
            out.append((name, text.split()))
    return out


def missing(required, flags):
    """The required flags that `flags`, read in order, do not give."""
    registers, others = {}, set()
    for f in flags:
        m = _REGISTER_FLAG.match(f)
        if m:
            registers[m.group(2)] = m.group(1)
        else:
            others.add(f)
    out = []
    for f in required:
        m = _REGISTER_FLAG.match(f)
        if m:
            if registers.get(m.group(2)) != m.group(1):
                out.append(f)
        elif f not in others:
            out.append(f)
    return out


def problems(path, data, required):
    """Sentences saying why this object breaks the convention, if it does."""
    elf = elfcheck.Elf(data)
    code = any(s[2] & elfcheck.SHF_EXECINSTR and s[5] for s in
               elf.sections())
    if not code:
        return []
    records = recorded_flags(elf)
    if not records:
        return [f'{path}: has code but no record of the flags it was built '
                f'with (C: -frecord-gcc-switches; assembly: a '
                f'{CONVENTION_SECTION} section stating them)']
    out = []
    for name, flags in records:
        miss = missing(required, flags)
        if miss:
            out.append(f'{path}: built without {" ".join(miss)} (its '
                       f'{name} section): its code breaks the calling '
                       'convention the rest of the program relies on')
    return out


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument('--require', required=True,
                    help='the flags, as one argument')
    ap.add_argument('objects', nargs='+')
    a = ap.parse_args(argv)
    required = a.require.split()
    bad = []
    for path in a.objects:
        try:
            with open(path, 'rb') as f:
                bad += problems(path, f.read(), required)
        except (OSError, ValueError) as e:
            bad.append(f'{path}: {e}')
    for line in bad:
        print(f'error: {line}', file=sys.stderr)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
