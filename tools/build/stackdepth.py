# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""The most stack a path through a linked AArch64 program can use.

Usage: stackdepth.py --objdump OBJDUMP --su-dir DIR [--su-dir DIR...]
                     --entry SYMBOL[+OFFSET] [--table SYMBOL]
                     [--external FUNCTION]... [--callback FUNCTION]...
                     [--recursion FUNCTION=N]... [--stop FUNCTION]...
                     [--report FILE] ELF

For the runtime's paths, as tests/buildconf/run_stackdepth_tests.py runs
it (README, "What stack the runtime takes"):

  stackdepth.py --objdump aarch64-linux-gnu-objdump \\
      --su-dir build/gnu/runtime --entry arch_vectors+0x0 \\
      --table syscall_offsets --external arch_call_app \\
      --external arch_enter_app ... build/gnu/runtime/runtime.debug.elf

What it reads:
- frames of C functions from the compiler's -fstack-usage files (.su)
  under each --su-dir; a "dynamic" frame without "bounded" is an error;
- frames of everything else (hand-written assembly, and the entry itself)
  from the code: the instructions that move sp, followed along every branch
  from the start, so that the frame at each call is known;
- calls from the disassembly (OBJDUMP -d of ELF, which must have symbols):
  bl, and a b to another function (a tail call, made after the caller's
  frame is gone when the caller is C);
- indirect calls (blr, br): a register computed from a table's address plus
  an index goes to what the table holds: its own function's jump table
  (nothing to add), or --table, a table of 16-bit offsets from its symbol
  to functions (the syscall table); any other goes to every function whose
  address the program takes (R_AARCH64_RELATIVE relocations, adr/adrp+add
  in code). An --external function's indirect calls leave the program (into
  the app's code, on the app's own stack): they add nothing here. A
  --callback function's address is taken only to be handed to an
  --external one (to run on a stack of its own): no other indirect call
  goes there, and it is measured as an entry of its own.

The entry is where the path starts (the syscall vector's slot); the figure
is the most stack any path from it takes before it returns, with the path.
A call cycle has no bound and is an error, naming the cycle.
"""

import argparse
import bisect
import os
import re
import subprocess
import sys

import elfcheck

R_AARCH64_RELATIVE = 1027
STT_OBJECT, STT_FUNC = 1, 2

_LINE = re.compile(r'^\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )*\s*([a-z][\w.]*)'
                   r'\s*(.*)$')
_COND_BRANCH = re.compile(r'^(b\.\w+|cbn?z|tbn?z)$')
_REG = re.compile(r'^[xw](\d+)$')
# Instructions whose first operand is not a register they write.
_NO_DEST = re.compile(r'^(st(?!l?xr)\w*|cmp|cmn|tst|ccmp|ccmn|cbn?z|tbn?z|'
                      r'msr|prfm|dc|ic|tlbi|dmb|dsb|isb|hint|nop|svc|hvc|'
                      r'smc|brk|udf|wf[ei]|b|b\..*|bl|blr|br|ret|eret)$')
# Loads that write two registers.
_PAIR_LOAD = re.compile(r'^ld\w*p\w*$')


UNKNOWN = 'unknown'
UNKNOWN_SET = frozenset({UNKNOWN})


class StackError(Exception):
    pass


class Insn:
    def __init__(self, addr, op, args):
        self.addr = addr
        self.op = op
        self.args = args   # operand strings, annotations removed


def _number(text):
    """An address as objdump prints it: hex, with or without 0x."""
    try:
        return int(text.strip(), 16)
    except ValueError:
        return None


def _imm(text):
    text = text.strip().lstrip('#')
    try:
        return int(text, 0)
    except ValueError:
        return None


def _address(insn):
    """The address adr or adrp names: GNU prints it absolute, LLVM prints
    adr's as an offset from the instruction ('#16')."""
    arg = insn.args[1].strip()
    if arg.startswith('#'):
        n = _imm(arg)
        return insn.addr + n if n is not None else None
    return _number(arg)


def _target(insn):
    """The address a direct branch goes to (objdump prints it bare hex)."""
    t = insn.args[-1].strip() if insn.args else ''
    if t.startswith('0x'):
        t = t[2:]
    try:
        return int(t, 16)
    except ValueError:
        return None


def parse_disassembly(text):
    """{address: Insn} from `objdump -d` output (GNU or LLVM)."""
    out = {}
    for line in text.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        rest = re.sub(r'<[^>]*>', '', m.group(3))
        rest = rest.split('//')[0].strip()
        args = [a.strip() for a in _split_operands(rest)] if rest else []
        addr = int(m.group(1), 16)
        out[addr] = Insn(addr, m.group(2), args)
    return out


def _split_operands(text):
    """Splits at commas outside brackets: '[sp, #-16]!' stays one."""
    out, depth, cur = [], 0, ''
    for ch in text:
        if ch == '[':
            depth += 1
        elif ch == ']':
            depth -= 1
        if ch == ',' and depth == 0:
            out.append(cur)
            cur = ''
        else:
            cur += ch
    out.append(cur)
    return out


def parse_su(text):
    """{function: (bytes, bounded)} from a .su file; the largest wins when
    two static functions share a name."""
    out = {}
    for line in text.splitlines():
        parts = line.split('\t')
        if len(parts) < 3:
            continue
        name = parts[0].rsplit(':', 1)[-1]
        size = int(parts[1])
        quals = parts[2].split(',')
        bounded = 'static' in quals or 'bounded' in quals
        old = out.get(name)
        if old is None or size > old[0]:
            out[name] = (size, bounded and (old is None or old[1]))
    return out


def sp_change(insn):
    """Bytes pushed (positive) or popped (negative) by insn; None when it
    sets sp to something unrelated (a switch to another stack)."""
    a = insn.args
    if len(a) >= 3 and a[0] == 'sp' and insn.op in ('sub', 'add'):
        if a[1] != 'sp':
            return None
        n = _imm(a[2])
        if n is None:
            return None
        if len(a) == 4 and a[3].replace(' ', '') == 'lsl#12':
            n <<= 12
        return n if insn.op == 'sub' else -n
    if a and a[0] == 'sp' and insn.op not in ('cmp', 'cmn', 'tst'):
        return None   # mov sp, x0 and the like
    for arg in a:
        m = re.match(r'^\[sp,\s*#(-?(?:0x)?[0-9a-f]+)\]!$', arg)
        if m:
            return -_imm(m.group(1))
    if len(a) >= 2 and a[-2] == '[sp]':
        n = _imm(a[-1])
        if n is not None:
            return -n
    return 0


class Program:
    def __init__(self, elf, insns, su, external=(), table=None,
                 recursion=None, stop=(), callbacks=()):
        self.elf = elf
        self.stop = set(stop)
        self.recursion = dict(recursion or {})
        self.insns = insns
        self.addrs = sorted(insns)
        self.external = set(external)
        syms = elf.symbols()
        self.by_name = {}
        for name, value, size, kind, shndx in syms:
            if name and shndx:
                self.by_name.setdefault(name, (value, size, kind))
        self.funcs = {}      # start -> (name, end)
        for name, value, size, kind, shndx in syms:
            if kind == STT_FUNC and size and shndx:
                self.funcs.setdefault(value, (name, value + size))
        self.starts = sorted(self.funcs)
        self.su = su
        self.table = table
        self.table_funcs = self._table_targets(table) if table else []
        self.objects = sorted((v, v + n) for _, v, n, kind, shndx in syms
                              if kind == STT_OBJECT and n and shndx)
        self.relative = {}   # address -> what R_AARCH64_RELATIVE puts there
        self.by_field, self.anywhere = self._address_taken()
        for start, (name, _) in self.funcs.items():
            if name in callbacks:
                self.anywhere.discard(start)
                for held in self.by_field.values():
                    held.discard(start)
        self.returns = {f: self._may_return(f) for f in self.starts}
        self.taken = set(self.anywhere).union(*self.by_field.values())
        self.memo = {}

    # -- what the ELF says --------------------------------------------
    def func_at(self, addr):
        """The function containing addr, as its start, or None."""
        k = bisect.bisect_right(self.starts, addr) - 1
        if k < 0:
            return None
        start = self.starts[k]
        return start if addr < self.funcs[start][1] else None

    def name(self, start):
        return self.funcs[start][0]

    def _table_targets(self, name):
        if name not in self.by_name:
            raise StackError(f"no symbol '{name}' for --table")
        base, size, _ = self.by_name[name]
        data = self.elf.read(base, size)
        if data is None:
            raise StackError(f'no bytes at {base:#x} in the ELF')
        out = []
        for i, off in elfcheck.offset_table(data):
            f = base + off
            if f not in self.funcs:
                raise StackError(f'{name}[{i}] is not a function')
            if f not in out:
                out.append(f)
        return out

    def _address_taken(self):
        """Functions whose address the program takes: by the offset at
        which data objects hold them (a structure's field), and those
        held elsewhere or computed in code (any offset)."""
        objects = self.objects
        starts = [o[0] for o in objects]
        by_field, anywhere = {}, set()
        for s in self.elf.sections():
            if s[1] != elfcheck.SHT_RELA:
                continue
            data = self.elf.contents(s)
            for i in range(0, len(data) - 23, 24):
                where = int.from_bytes(data[i:i + 8], 'little')
                info = int.from_bytes(data[i + 8:i + 16], 'little')
                addend = int.from_bytes(data[i + 16:i + 24], 'little',
                                        signed=True)
                if info & 0xffffffff != R_AARCH64_RELATIVE:
                    continue
                self.relative[where] = addend
                if addend not in self.funcs:
                    continue
                k = bisect.bisect_right(starts, where) - 1
                if k >= 0 and where < objects[k][1]:
                    by_field.setdefault(where - objects[k][0],
                                        set()).add(addend)
                else:
                    anywhere.add(addend)
        for start in self.starts:
            for addr in self._code_addresses(start):
                if addr in self.funcs:
                    anywhere.add(addr)
        return by_field, anywhere

    # -- what the code says -------------------------------------------
    def _body(self, start, end):
        i = self._index(start)
        while i < len(self.addrs) and self.addrs[i] < end:
            yield self.insns[self.addrs[i]]
            i += 1

    def _index(self, addr):
        return bisect.bisect_left(self.addrs, addr)

    def _object_at(self, addr):
        """The start of the data object holding addr, or None."""
        k = bisect.bisect_right(self.objects, (addr, 1 << 64)) - 1
        if k >= 0 and self.objects[k][0] <= addr < self.objects[k][1]:
            return self.objects[k][0]
        return None

    def _may_return(self, start):
        """False for a function with no way back to its caller: no ret and
        no branch out of itself (panic and the like). Code after a call to
        one is not reached from the call."""
        end = self.funcs[start][1]
        for insn in self._body(start, end):
            if insn.op in ('ret', 'eret', 'br'):
                return True
            if insn.op == 'b' or _COND_BRANCH.match(insn.op):
                t = _target(insn)
                if t is None or not start <= t < end:
                    return True
        return False

    def _successors(self, insn, start, end):
        op = insn.op
        i = self._index(insn.addr) + 1
        nxt = self.addrs[i] if i < len(self.addrs) else None
        if op in ('ret', 'eret', 'br'):
            return []
        if op == 'bl':
            t = _target(insn)
            if t in self.funcs and not self.returns.get(t, True):
                return []
        if op == 'b' or _COND_BRANCH.match(op):
            t = _target(insn)
            out = [t] if t is not None and start <= t < end else []
            return out if op == 'b' else out + [nxt]
        return [nxt]

    def _provenance(self, start, end):
        """For each blr/br in [start, end), where its register's value can
        have come from, followed along every branch: ('addr', a) from
        adr/adrp(+add); ('base', a) for such an address plus an index (a
        table); ('field', k) loaded from offset k of a structure; UNKNOWN
        for anything else."""
        states = {start: {}}
        todo = [start]
        out = {}
        while todo:
            addr = todo.pop()
            if addr not in self.insns or not start <= addr < end:
                continue
            insn = self.insns[addr]
            regs = dict(states[addr])
            a = insn.args
            dst = _REG.match(a[0]) if a else None
            if insn.op in ('br', 'blr') and dst:
                out[addr] = regs.get(dst.group(1), {UNKNOWN})
            if insn.op in ('bl', 'blr'):
                # What the callee may change (x18 is never the callee's).
                for r in [str(n) for n in range(18)] + ['30']:
                    regs.pop(r, None)
            else:
                regs.update(self._effects(insn, regs))
            for nxt in self._successors(insn, start, end):
                if nxt is None:
                    continue
                old = states.get(nxt)
                if old is None:
                    states[nxt] = regs
                    todo.append(nxt)
                    continue
                merged = dict(old)
                for r in set(old) | set(regs):
                    v = frozenset(old.get(r, {UNKNOWN}) |
                                  regs.get(r, {UNKNOWN}))
                    # A pointer stepped through a loop has no end of
                    # values: past a few, it is just unknown.
                    merged[r] = v if len(v) <= 8 else frozenset({UNKNOWN})
                if merged != old:
                    states[nxt] = merged
                    todo.append(nxt)
        return out

    def _effects(self, insn, regs):
        """{register: provenance} for what insn writes."""
        a = insn.args
        out = {}
        # A base register written back ('[x1, #16]!', '[x1], #16').
        for i, arg in enumerate(a):
            m = re.match(r'^\[([xw]\d+)', arg)
            if m and (arg.endswith('!') or (arg.endswith(']') and
                                           i + 1 < len(a))):
                out[_REG.match(m.group(1)).group(1)] = UNKNOWN_SET
        if _NO_DEST.match(insn.op) or not a:
            return out
        dst = _REG.match(a[0])
        if _PAIR_LOAD.match(insn.op):
            for r in a[:2]:
                if _REG.match(r):
                    out[_REG.match(r).group(1)] = UNKNOWN_SET
        elif dst:
            out[dst.group(1)] = self._transfer(insn, regs)
        return out

    def _transfer(self, insn, regs):
        """Where the value insn puts in its first operand comes from."""
        a = insn.args

        def of(arg):
            m = _REG.match(arg.strip())
            return regs.get(m.group(1), UNKNOWN_SET) if m else UNKNOWN_SET

        op = insn.op
        if op in ('adr', 'adrp') and len(a) == 2:
            v = _address(insn)
            return frozenset({('addr', v)}) if v is not None else UNKNOWN_SET
        if op == 'mov' and len(a) == 2:
            imm = _imm(a[1])
            return frozenset({('const', imm)}) if imm is not None \
                else of(a[1])
        if op == 'csel' and len(a) == 4:
            return frozenset(of(a[1]) | of(a[2]))
        if op in ('ldr', 'ldur') and len(a) == 2 and a[0].startswith('x'):
            return self._load(a[1], of)
        if op in ('add', 'adds') and len(a) >= 3:
            src = of(a[1])
            imm = _imm(a[2])
            if imm is not None and len(a) == 3:
                return frozenset(('addr', p[1] + imm) if p != UNKNOWN and
                                 p[0] == 'addr' else UNKNOWN for p in src)
            # An address plus an index: a table at that address.
            bases = {('base', p[1]) for p in src | of(a[2])
                     if p != UNKNOWN and p[0] == 'addr'}
            return frozenset(bases) if bases else UNKNOWN_SET
        return UNKNOWN_SET

    def _load(self, mem, of):
        """Where a 64-bit value loaded from `mem` ('[x1, #8]', '[x1]',
        '[x1, x2]') comes from: a word the program's relocations fill
        (a GOT entry or an initialised pointer), or a structure's field."""
        m = re.match(r'^\[([xw]\d+|sp)(?:,\s*(#?[^\],]+))?\]$', mem)
        if not m:
            return UNKNOWN_SET
        base = of(m.group(1)) if m.group(1) != 'sp' else UNKNOWN_SET
        off = m.group(2)
        if off is None or off.startswith('#'):
            k = _imm(off) if off else 0
            if k is None:
                return UNKNOWN_SET
            out = set()
            for p in base:
                if p != UNKNOWN and p[0] == 'addr':
                    # A word of the image: what the relocations put there,
                    # else whatever a field of its object may hold.
                    where = p[1] + k
                    v = self.relative.get(where)
                    obj = self._object_at(where)
                    if v is not None:
                        out.add(('addr', v))
                    elif obj is not None:
                        out.add(('field', where - obj))
                    else:
                        out.add(UNKNOWN)
                else:
                    out.add(('field', k))
            return frozenset(out)
        # Register offset: the field is whatever constant it holds.
        consts = of(off)
        if all(p != UNKNOWN and p[0] == 'const' for p in consts):
            return frozenset(('field', p[1]) for p in consts)
        return UNKNOWN_SET

    def _code_addresses(self, start):
        """Addresses adr/adrp+add put in a register in this function."""
        end = self.funcs[start][1]
        regs, out = {}, []
        for insn in self._body(start, end):
            a = insn.args
            dst = _REG.match(a[0]) if a else None
            if not dst or _NO_DEST.match(insn.op):
                continue
            d = dst.group(1)
            if insn.op == 'adr' and len(a) == 2:
                out.append(_address(insn))
                regs.pop(d, None)
            elif insn.op == 'adrp' and len(a) == 2:
                regs[d] = _address(insn)
            elif insn.op == 'add' and len(a) == 3 and _REG.match(a[1]) \
                    and _REG.match(a[1]).group(1) in regs \
                    and _imm(a[2]) is not None:
                out.append(regs[_REG.match(a[1]).group(1)] + _imm(a[2]))
                regs.pop(d, None)
            else:
                regs.pop(d, None)
        return out

    def indirect_targets(self, start, end, sources):
        """Where an indirect branch in the code [start, end) goes, given
        where its register's value came from (see _provenance)."""
        if self.funcs.get(start, ('',))[0] in self.external:
            return []
        out = set()
        for p in sources:
            if p == UNKNOWN:
                return sorted(self.taken)
            kind, v = p
            if kind == 'base' and start <= v < end:
                continue    # this code's own jump table
            if kind == 'base' and self.table and \
                    v == self.by_name[self.table][0]:
                out.update(self.table_funcs)
            elif kind == 'field':
                # Through a structure's field: what data objects hold at
                # that offset, and whatever is held elsewhere.
                out.update(self.by_field.get(v, ()), self.anywhere)
            elif kind == 'addr' and v in self.funcs:
                out.add(v)
            else:
                return sorted(self.taken)
        return sorted(out)

    def frame_walk(self, start, end, name):
        """Follows the code from start with sp tracked along every branch.
        Returns (largest frame, [(frame at the call, kind, target)]), where
        kind is 'call' or 'tail' and target a function start or
        ('indirect', [starts])."""
        computed = self._provenance(start, end)
        seen = {}
        todo = [(start, 0)]
        biggest, calls = 0, []
        while todo:
            addr, depth = todo.pop()
            while start <= addr < end and addr in self.insns:
                if seen.get(addr, -1) >= depth:
                    break
                seen[addr] = depth
                insn = self.insns[addr]
                change = sp_change(insn)
                if change is None:
                    break   # on another stack from here
                depth += change
                if depth < 0:
                    raise StackError(f'{name}: pops more than it pushed at '
                                     f'{addr:#x}')
                biggest = max(biggest, depth)
                nxt = self.addrs[self._index(addr) + 1] \
                    if self._index(addr) + 1 < len(self.addrs) else None
                op = insn.op
                if op in ('ret', 'eret'):
                    break
                if op == 'bl':
                    calls.append((depth, 'call', self._callee(insn, name)))
                elif op in ('blr', 'br'):
                    targets = self.indirect_targets(
                        start, end, computed.get(addr, {UNKNOWN}))
                    calls.append((depth, 'call' if op == 'blr' else 'tail',
                                  ('indirect', targets)))
                    if op == 'br':
                        break
                elif op == 'b' or _COND_BRANCH.match(op):
                    t = _target(insn)
                    if t is None:
                        raise StackError(f'{name}: cannot read {op} at '
                                         f'{addr:#x}')
                    if start <= t < end:
                        if op == 'b':
                            addr = t
                            continue
                        todo.append((t, depth))
                    else:
                        calls.append((depth, 'tail', self._callee(insn,
                                                                  name)))
                        if op == 'b':
                            break
                addr = nxt
        return biggest, calls

    def linear_calls(self, start, end, name):
        """[(kind, target)] of every call in a C function, wherever it is:
        its frame comes from the compiler, so no path needs following."""
        computed = self._provenance(start, end)
        calls = []
        for insn in self._body(start, end):
            op = insn.op
            if op == 'bl':
                calls.append(('call', self._callee(insn, name)))
            elif op in ('blr', 'br'):
                targets = self.indirect_targets(
                    start, end, computed.get(insn.addr, {UNKNOWN}))
                calls.append(('call' if op == 'blr' else 'tail',
                              ('indirect', targets)))
            elif op == 'b' or _COND_BRANCH.match(op):
                t = _target(insn)
                if t is None:
                    raise StackError(f'{name}: cannot read {op} at '
                                     f'{insn.addr:#x}')
                if not start <= t < end:
                    calls.append(('tail', self._callee(insn, name)))
        return calls

    def _callee(self, insn, name):
        t = _target(insn)
        f = self.func_at(t) if t is not None else None
        if f is None:
            raise StackError(f'{name}: {insn.op} at {insn.addr:#x} goes to '
                             f'{t:#x}, which is in no function')
        return f if f == t else ('into', f)

    # -- depth ----------------------------------------------------------
    def depth(self, start, stack=()):
        """(bytes, path) for function start reached through `stack`, or
        None when the recursion allowances rule that path out."""
        # The answer depends on the path only through how often each
        # function with an allowance is on it.
        key = (start, tuple(sum(1 for s in stack if self.name(s) == n)
                            for n in sorted(self.recursion)))
        if key in self.memo:
            return self.memo[key]
        name = self.name(start)
        if start in stack:
            # A cycle ends only where an allowance cuts it.
            cycle = [self.name(s) for s in stack[stack.index(start):]]
            if not any(n in self.recursion for n in cycle):
                raise StackError('call cycle, no bound: ' +
                                 ' -> '.join(cycle + [name]))
            if stack.count(start) >= self.recursion.get(name, 1 << 30):
                return None
        stack = stack + (start,)
        end = self.funcs[start][1]
        if name in self.su:
            frame, bounded = self.su[name]
            if not bounded:
                raise StackError(f'{name}: its frame has no bound '
                                 '(dynamic stack)')
            # A tail call leaves after the epilogue: the callee starts
            # where this function started. A branch into the middle of
            # another function (a cold part) still has this frame.
            calls = [(frame if kind == 'call' or _is_into(t) else 0, kind,
                      t) for kind, t in self.linear_calls(start, end, name)]
        else:
            frame, calls = self.frame_walk(start, end, name)
        best = self._deepest(name, frame, calls, stack)
        self.memo[key] = best
        return best

    def _deepest(self, name, frame, calls, stack):
        best = (frame, [(name, frame)])
        for at, kind, target in calls:
            for callee in _targets(target):
                if self.name(callee) in self.stop:
                    continue
                r = self.depth(callee, stack)
                if r is not None and at + r[0] > best[0]:
                    best = (at + r[0], [(name, at)] + r[1])
        return best

    def entry_depth(self, entry):
        """(bytes, path) from an address that is not a function start."""
        end = next((s for s in self.starts if s > entry), None)
        if end is None:
            raise StackError(f'no function after {entry:#x} to end the '
                             'entry')
        frame, calls = self.frame_walk(entry, end, 'entry')
        return self._deepest('entry', frame, calls, ())


def _is_into(target):
    return isinstance(target, tuple) and target[0] == 'into'


def _targets(target):
    if isinstance(target, tuple):
        return target[1] if target[0] == 'indirect' else [target[1]]
    return [target]


def resolve(prog, spec):
    """'name' or 'name+0x200' as an address."""
    name, _, off = spec.partition('+')
    if name not in prog.by_name:
        raise StackError(f"no symbol '{name}'")
    return prog.by_name[name][0] + (int(off, 0) if off else 0)


def load_su(dirs):
    su = {}
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith('.su'):
                    with open(os.path.join(root, f)) as fh:
                        for name, v in parse_su(fh.read()).items():
                            if name not in su or v[0] > su[name][0]:
                                su[name] = v
    return su


def describe(path):
    """'entry 288 > sys_writev 0 > iov_rw 96 > ...' (bytes at each step)."""
    return ' > '.join(f'{n} {b}' for n, b in path)


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument('--objdump', required=True)
    ap.add_argument('--su-dir', action='append', default=[])
    ap.add_argument('--entry', required=True)
    ap.add_argument('--table')
    ap.add_argument('--external', action='append', default=[])
    ap.add_argument('--callback', action='append', default=[])
    ap.add_argument('--recursion', action='append', default=[])
    ap.add_argument('--stop', action='append', default=[])
    ap.add_argument('--report')
    ap.add_argument('elf')
    a = ap.parse_args(argv)
    try:
        with open(a.elf, 'rb') as f:
            elf = elfcheck.Elf(f.read())
        dis = subprocess.run([a.objdump, '-d', '--no-show-raw-insn', a.elf],
                             check=True, capture_output=True,
                             text=True).stdout
        recursion = {}
        for spec in a.recursion:
            name, _, n = spec.partition('=')
            if not n.isdigit() or int(n) < 1:
                raise StackError(f"--recursion wants NAME=N, not '{spec}'")
            recursion[name] = int(n)
        insns, su = parse_disassembly(dis), load_su(a.su_dir)
        results = []
        for stop in ([a.stop, []] if a.stop else [[]]):
            prog = Program(elf, insns, su, a.external, a.table, recursion,
                           stop, a.callback)
            # A name that is not in the program (renamed, say) would
            # quietly change the figure: each must be a function.
            for name in list(stop) + a.external + a.callback + \
                    list(recursion):
                if name not in prog.by_name or \
                        prog.by_name[name][0] not in prog.funcs:
                    raise StackError(f"no function '{name}'")
            results.append(prog.entry_depth(resolve(prog, a.entry)))
    except (StackError, ValueError, OSError,
            subprocess.CalledProcessError) as e:
        print(f'{a.elf}: {e}', file=sys.stderr)
        return 1
    # Each step shows the stack in use when it calls the next; the last
    # step's figure is its own frame.
    lines = []
    for (total, path), what in zip(results, (
            f'without {", ".join(a.stop)}' if a.stop else '',
            'with them')):
        lines.append(f'STACK {a.elf}: {total} B from {a.entry}'
                     f'{" " + what if what else ""}: {describe(path)}')
    print('\n'.join(lines))
    if a.report:
        with open(a.report, 'w') as f:
            f.write('\n'.join(lines) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
