# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Checks an ELF against what Gunyah's loader accepts, and reports its size.

Usage: elfcheck.py [--gunyah] [--memory-budget N] [--file-budget N]
                   [--offset-table SYMBOL --symbols DEBUG.elf]
                   [--report OUT] [--remove-on-failure] FILE.elf

The budgets (memory_budget, file_budget in build.conf) fail the check when
exceeded; the SIZE line says how much of each is left. The build removes
an ELF that fails, so that no later step, and no later SCons run that
thinks it up to date, takes it for a good one.

--offset-table checks a table of 16-bit offsets from SYMBOL to functions
(the runtime's syscall table, tools/gen_syscalls.py), read from the ELF
with symbols: every entry with its flags (bits 0-1) cleared is 0 or points
back, below the table, to the start of a function. The code reads the
entries signed, and ld.lld lets through offsets up to +64 KiB, so a handler
placed above the table (runtime.lds) must fail here.
"""

import argparse
import os
import struct
import sys

PT_LOAD, PT_TLS = 1, 7
STT_FUNC = 2
SHT_NOBITS, SHF_ALLOC = 8, 2
ET_DYN, EM_AARCH64 = 3, 183
PAGE = 4096
PF_X, PF_W = 1, 2
SHT_SYMTAB, SHT_RELA = 2, 4
SHF_EXECINSTR = 4


class Elf:
    def __init__(self, data):
        if len(data) < 64 or data[:4] != b'\x7fELF':
            raise ValueError('not an ELF file')
        if data[4] != 2 or data[5] != 1:
            raise ValueError('not a little-endian ELF64 file')
        self.data = data
        self.ident = data[:16]
        (self.type, self.machine, _, self.entry, self.phoff, self.shoff, _,
         _, self.phentsize, self.phnum, self.shentsize, self.shnum,
         self.shstrndx) = struct.unpack_from('<HHIQQQIHHHHHH', data, 16)
        if self.phnum and (self.phentsize != 56 or
                           self.phoff + 56 * self.phnum > len(data)):
            raise ValueError('program headers outside the file')
        self.phdrs = [struct.unpack_from('<IIQQQQQQ', data,
                                         self.phoff + 56 * i)
                      for i in range(self.phnum)]
        self.size = len(data)
        self._sections = None

    def sections(self):
        """[(name, type, flags, addr, offset, size, link)] in file order."""
        if self._sections is not None:
            return self._sections
        if not self.shnum:
            self._sections = []
            return self._sections
        if self.shentsize != 64 or self.shoff + 64 * self.shnum > self.size:
            raise ValueError('section headers outside the file')
        raw = [struct.unpack_from('<IIQQQQIIQQ', self.data,
                                  self.shoff + 64 * i)
               for i in range(self.shnum)]
        names = raw[self.shstrndx] if self.shstrndx < len(raw) else None
        out = []
        for h in raw:
            name = self._string(names, h[0]) if names else ''
            out.append((name, h[1], h[2], h[3], h[4], h[5], h[6]))
        self._sections = out
        return out

    def _string(self, strtab, offset):
        start = strtab[4] + offset
        end = self.data.find(b'\0', start, strtab[4] + strtab[5])
        if start >= self.size or end < 0:
            raise ValueError('string outside its table')
        return self.data[start:end].decode(errors='replace')

    def contents(self, section):
        _, _, _, _, offset, size, _ = section
        if section[1] == 8:   # SHT_NOBITS
            return b''
        if offset + size > self.size:
            raise ValueError(f'section {section[0]} outside the file')
        return self.data[offset:offset + size]

    def section(self, name):
        for s in self.sections():
            if s[0] == name:
                return s
        return None

    def symbols(self):
        """[(name, value, size, type, shndx)] from .symtab."""
        secs = self.sections()
        out = []
        for s in secs:
            if s[1] != SHT_SYMTAB:
                continue
            strtab = secs[s[6]]
            data = self.contents(s)
            for off in range(0, len(data) - 23, 24):
                name, info, _, shndx, value, size = struct.unpack_from(
                    '<IBBHQQ', data, off)
                out.append((self._string(strtab, name), value, size,
                            info & 0xf, shndx))
        return out

    def read(self, addr, size):
        """The bytes at [addr, addr + size) in an allocated section with
        contents, or None."""
        for s in self.sections():
            if (s[2] & SHF_ALLOC and s[1] != SHT_NOBITS and s[3] <= addr and
                    addr + size <= s[3] + s[5]):
                off = s[4] + addr - s[3]
                return self.data[off:off + size]
        return None

    def loads(self):
        # (type, flags, offset, vaddr, paddr, filesz, memsz, align)
        return [p for p in self.phdrs if p[0] == PT_LOAD]


def gunyah_problems(elf):
    """What Gunyah's loader would refuse (docs/gunyah.md section 1), as sentences."""
    problems = []
    if elf.ident[4] != 2 or elf.ident[5] != 1 or elf.ident[7] != 0:
        problems.append('not ELFCLASS64, little-endian, OSABI 0')
    if elf.type != ET_DYN:
        problems.append(f'e_type {elf.type} is not ET_DYN')
    if elf.machine != EM_AARCH64:
        problems.append(f'e_machine {elf.machine} is not EM_AARCH64')
    if any(p[0] == PT_TLS for p in elf.phdrs):
        problems.append('has a PT_TLS segment')
    loads = elf.loads()
    if not loads:
        problems.append('no PT_LOAD segment')
        return problems
    if loads[0][4] != 0:
        problems.append(f'first PT_LOAD at {loads[0][4]:#x}, not 0')
    end = 0
    for p in loads:
        if p[4] % PAGE or p[2] % PAGE:
            problems.append(f'PT_LOAD at {p[4]:#x} is not page-aligned')
        if p[4] != end:
            problems.append(f'PT_LOAD at {p[4]:#x} does not follow the '
                            f'previous one (ends {end:#x})')
        end = p[4] + (p[6] + PAGE - 1) // PAGE * PAGE
    return problems


def offset_table(data):
    """[(index, offset)] of the entries a 16-bit offset table (the syscall
    table, tools/gen_syscalls.py) lists: the generator's flags (bits 0-1,
    syscall_table.h) cleared, and an offset of 0, a number the table does
    not list, left out."""
    out = []
    for i in range(0, len(data) - 1, 2):
        off = int.from_bytes(data[i:i + 2], 'little', signed=True) & ~3
        if off:
            out.append((i // 2, off))
    return out


def offset_table_problems(elf, name):
    """What is wrong with the 16-bit offset table at symbol name."""
    syms = elf.symbols()
    funcs = {s[1] for s in syms if s[3] == STT_FUNC}
    table = [s for s in syms if s[0] == name]
    if not table:
        return [f'no symbol {name} for --offset-table']
    base, size = table[0][1], table[0][2]
    data = elf.read(base, size)
    if data is None or size == 0 or size % 2:
        return [f'{name}: no 16-bit entries at {base:#x}']
    return [f'{name}[{i}] is {off:+d}: not a function below the table '
            '(runtime.lds)'
            for i, off in offset_table(data)
            if off > 0 or base + off not in funcs]


def sizes(elf):
    text = sum(p[6] for p in elf.loads() if p[1] & PF_X)
    data = sum(p[5] for p in elf.loads() if p[1] & PF_W)
    bss = sum(p[6] - p[5] for p in elf.loads())
    rodata = sum(p[6] for p in elf.loads() if not p[1] & (PF_X | PF_W))
    memory = sum((p[6] + PAGE - 1) // PAGE * PAGE for p in elf.loads())
    return {'file': elf.size, 'text': text, 'rodata': rodata, 'data': data,
            'bss': bss, 'memory': memory}


def budget_text(used, budget, fmt):
    """'43456 B of 45056 (1600 left)', or '... (512 over)'."""
    if budget is None:
        return f'{fmt(used)} B'
    left = budget - used
    state = f'{left} left' if left >= 0 else f'{-left} over'
    return f'{fmt(used)} B of {fmt(budget)} ({state})'


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument('--gunyah', action='store_true')
    ap.add_argument('--report')
    ap.add_argument('--memory-budget', type=lambda t: int(t, 0))
    ap.add_argument('--file-budget', type=lambda t: int(t, 0))
    ap.add_argument('--remove-on-failure', action='store_true')
    ap.add_argument('--offset-table')
    ap.add_argument('--symbols')
    ap.add_argument('elf')
    a = ap.parse_args(argv)
    if a.offset_table and not a.symbols:
        ap.error('--offset-table needs --symbols')
    with open(a.elf, 'rb') as f:
        try:
            elf = Elf(f.read())
        except ValueError as e:
            print(f'{a.elf}: {e}', file=sys.stderr)
            return 1
    problems = gunyah_problems(elf) if a.gunyah else []
    if a.offset_table:
        with open(a.symbols, 'rb') as f:
            problems += offset_table_problems(Elf(f.read()), a.offset_table)
    s = sizes(elf)
    line = (f"SIZE {a.elf}: file {budget_text(s['file'], a.file_budget, str)}"
            f", memory {budget_text(s['memory'], a.memory_budget, hex)} "
            f"(text {s['text']}, rodata {s['rodata']}, data {s['data']}, "
            f"bss {s['bss']})")
    for what, used, budget, fmt in (
            ('file', s['file'], a.file_budget, str),
            ('memory', s['memory'], a.memory_budget, hex)):
        if budget is not None and used > budget:
            problems.append(f'{what} {fmt(used)} B is {used - budget} B over '
                            f'its budget of {fmt(budget)} B ({what}_budget '
                            'in build.conf)')
    print(line)
    for p in problems:
        print(f'{a.elf}: {p}', file=sys.stderr)
    if problems:
        if a.remove_on_failure:
            os.remove(a.elf)
            print(f'{a.elf}: removed', file=sys.stderr)
        return 1
    if a.report:
        with open(a.report, 'w') as f:
            f.write(line + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
