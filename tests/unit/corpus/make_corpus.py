#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Writes the seed corpora of the fuzz targets into the directories beside
this script: dispatch/, ioctl/, boot/, memory/.

Usage: make_corpus.py [--check]

Each seed is a small app written in the target's input format (see
tests/unit/fuzz_app.h, fuzz_dispatch.c, fuzz_ioctl.c, fuzz_boot.c,
fuzz_memory.c): the encoders below must follow those files. --check only
reports whether the files on disk are what this script would write.
Inputs a fuzzer found that once crashed it sit beside the seeds under
names of their own; this script leaves them alone, unless the input format
changed and they are re-encoded here (readv_into_its_vector,
write_from_the_ring).
"""

import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))

# fake_app.h: the app's memory, offsets from its start. Its text (code) and
# read-only data come first, then the stack, the data, the heap.
TEXT, RODATA, STACK, DATA, HEAP, SIZE = \
    0x1000, 0x2000, 0x3000, 0x7000, 0xb000, 0x20000
GUARD = 0x2000

# fuzz_app.h: where the /dev paths sit in app memory (its read-only data).
PATHS = {p: RODATA + off for p, off in (
    ('/dev/gicv3', 0), ('/dev/console', 11), ('/dev/exit', 24),
    ('/dev/null', 34), ('/dev/zero', 44), ('/dev/urandom', 54))}


def u16(v):
    return struct.pack('<H', v & 0xffff)


def u32(v):
    return struct.pack('<I', v & 0xffffffff)


def u64(v):
    return struct.pack('<Q', v & 0xffffffffffffffff)


# fuzz_arg(): one byte of kind, then its value.
def small(v):
    return bytes([0, v & 0xff])


def app(off):
    """A pointer to app memory at off (from its start)."""
    assert TEXT <= off < SIZE
    return bytes([2]) + u32(off - TEXT)


def num32(v):
    return bytes([7]) + u32(v)


def num64(v):
    return bytes([5]) + u64(v)


def last(delta=0):
    return bytes([6, delta & 0xff])


def foreign(off):
    """off bytes (even) below the app's text: the hole, then the guard."""
    assert off % 2 == 0
    return bytes([4]) + u16(off)


# Operations every target shares (fuzz_app.c); `op` is the target's code.
def poke(op, off, data):
    out = b''
    for i in range(0, len(data), 255):
        chunk = data[i:i + 255]
        out += (bytes([op]) + u32(off + i - TEXT) + bytes([len(chunk)]) +
                chunk)
    return out


def poke_word(op, off, arg):
    assert off % 8 == 0 and off >= TEXT
    return bytes([op]) + u32((off - TEXT) // 8) + arg


def line(op, how, intid, step=0):
    out = bytes([op, how, intid])
    return out + (u32(step) if how % 4 == 3 else b'')


def code(ret=True, lower=False, nested=0, inline=False, fp=False,
         leave=False, garbage=0):
    """The four bytes of an app function (fuzz_app.h)."""
    return bytes([int(ret) | int(lower) << 1 | nested << 2 |
                  int(inline) << 4 | int(fp) << 5 | int(leave) << 6,
                  garbage, 0, 0])


def timespec(sec, nsec):
    return u64(sec) + u64(nsec)


# ---- fuzz_dispatch ----

def syscall_nargs():
    nargs = {}
    with open(os.path.join(TOP, 'src', 'syscall', 'syscalls.tbl')) as f:
        for line_ in f:
            m = re.match(r'\s*(\d+)\s+\S+\s+\S+\s+\S+\s*\((.*)\)', line_)
            if m:
                args = m.group(2).strip()
                nargs[int(m.group(1))] = (
                    0 if args == 'void' else len(args.split(',')))
    return nargs


NARGS = syscall_nargs()
NR = {'fcntl': 25, 'ioctl': 29, 'openat': 56, 'close': 57, 'lseek': 62,
      'read': 63, 'write': 64, 'readv': 65, 'writev': 66, 'ppoll': 73,
      'fstat': 80, 'exit': 93, 'exit_group': 94, 'set_tid_address': 96,
      'futex': 98, 'nanosleep': 101, 'clock_gettime': 113,
      'clock_getres': 114, 'clock_nanosleep': 115, 'sched_yield': 124,
      'tkill': 130, 'rt_sigaction': 134, 'rt_sigprocmask': 135,
      'uname': 160, 'getpid': 172, 'brk': 214, 'munmap': 215,
      'mremap': 216, 'clone': 220, 'mmap': 222, 'mprotect': 226,
      'madvise': 233, 'getrandom': 278}

D_POKE, D_WORD, D_LINE, D_IRQ, D_SYSCALL = 0, 1, 2, 3, 4


def call(name, *args):
    """A syscall by number (pick 0xf0: the number follows), its args."""
    nr = NR[name] if isinstance(name, str) else name
    n = NARGS.get(nr, 6)
    args = list(args) + [small(0)] * (n - len(args))
    assert len(args) == n, (name, n)
    return bytes([D_SYSCALL, 0xf0]) + u16(nr) + b''.join(args)


AT_FDCWD = -100
O_RDWR = 2
TIOCGWINSZ = 0x5413
TIOCSETBUF = 0x547f
GICV3_ENABLE, GICV3_DISABLE = 0x40044900, 0x40044901
GICV3_REGISTER, GICV3_TRIGGER = 0x40184902, 0x40084903
GICV3_DEREGISTER, GICV3_ASSERT, GICV3_CLEAR = 0x40044904, 0x40044905, \
    0x40044906
CONSOLE_REGISTER, CONSOLE_DEREGISTER, CONSOLE_PREFIX = \
    0x40084300, 0x40044301, 0x40084302
EXIT_REGISTER = 0x40084400


def d_open(path):
    return call('openat', small(AT_FDCWD), app(PATHS[path]), small(O_RDWR))


def isr_req(off, isr_off, intid, data_off):
    """struct gicv3_register_req at off, pointers relative to app memory."""
    return (poke_word(D_WORD, off, app(isr_off)) +
            poke(D_POKE, off + 8, u32(intid) + u32(0)) +
            poke_word(D_WORD, off + 16, app(data_off)))


# Where the seeds put their code (in the app's text) and their data.
C, D = TEXT, DATA


def dispatch_seeds():
    seeds = {}
    # What musl's hello world asks, then exit_group.
    seeds['hello'] = (
        call('set_tid_address', app(D + 0x100)) +
        call('ioctl', small(1), num32(TIOCGWINSZ), app(D + 0x200)) +
        poke(D_POKE, D + 0x400, b'hello, world\n') +
        poke_word(D_WORD, D + 0x300, app(D + 0x400)) +
        poke(D_POKE, D + 0x308, u64(13)) +
        call('writev', small(1), app(D + 0x300), small(1)) +
        call('exit_group', small(0)))
    # An ISR on SPI 40 that clears nothing (edge), woken from ppoll.
    seeds['gicv3_isr'] = (
        d_open('/dev/gicv3') +
        poke(D_POKE, C, code(ret=True)) +
        isr_req(D, C, 40, D + 0x100) +
        call('ioctl', small(3), num32(GICV3_REGISTER), app(D)) +
        poke(D_POKE, D + 0x200, u32(40) + u32(2)) +
        call('ioctl', small(3), num32(GICV3_TRIGGER), app(D + 0x200)) +
        call('ioctl', small(3), num32(GICV3_ENABLE), app(D + 0x200)) +
        call('ppoll', small(0), small(0), small(0)) + bytes([40 << 1 | 1]) +
        call('ioctl', small(3), num32(GICV3_ASSERT), app(D + 0x200)) +
        bytes([D_IRQ]) +
        call('ioctl', small(3), num32(GICV3_DEREGISTER), app(D + 0x200)) +
        call('close', small(3)))
    # A level-sensitive interrupt whose ISR sleeps each time and never
    # clears it: the storm check must still stop it.
    sleeper = (code(ret=True, inline=True) +
               call('nanosleep', app(D + 0x100), small(0)))
    seeds['storm_sleeping_isr'] = (
        d_open('/dev/gicv3') +
        poke(D_POKE, C, sleeper) +
        poke(D_POKE, D + 0x100, timespec(0, 1000)) +
        isr_req(D, C, 45, D + 0x100) +
        call('ioctl', small(3), num32(GICV3_REGISTER), app(D)) +
        poke(D_POKE, D + 0x200, u32(45)) +
        call('ioctl', small(3), num32(GICV3_ENABLE), app(D + 0x200)) +
        line(D_LINE, 0, 45) + bytes([D_IRQ]) +
        call('getpid'))
    # An ISR that uses FP/SIMD and leaves by longjmp; the next syscall
    # unmasks interrupts again, and the next interrupt comes.
    seeds['isr_longjmp'] = (
        d_open('/dev/gicv3') +
        poke(D_POKE, C, code(ret=True, fp=True, leave=True)) +
        isr_req(D, C, 41, D + 0x100) +
        call('ioctl', small(3), num32(GICV3_REGISTER), app(D)) +
        poke(D_POKE, D + 0x200, u32(41)) +
        call('ioctl', small(3), num32(GICV3_ENABLE), app(D + 0x200)) +
        call('ioctl', small(3), num32(GICV3_ASSERT), app(D + 0x200)) +
        call('getpid') +
        call('ioctl', small(3), num32(GICV3_ASSERT), app(D + 0x200)) +
        call('getpid'))
    # A console with a prefix, written to by write() and writev().
    seeds['console'] = (
        d_open('/dev/console') +
        poke(D_POKE, C, code(ret=False)) +
        poke_word(D_WORD, D, app(C)) +
        call('ioctl', small(3), num32(CONSOLE_REGISTER), app(D)) +
        poke(D_POKE, D + 0x100, b'[app] \0') +
        call('ioctl', small(3), num32(CONSOLE_PREFIX), app(D + 0x100)) +
        poke(D_POKE, D + 0x200, b'one\ntwo\nthr') +
        call('write', small(1), app(D + 0x200), small(11)) +
        call('write', small(2), app(D + 0x200), small(4)) +
        call('ioctl', small(3), num32(CONSOLE_DEREGISTER), small(0)))
    # A console function that closes stdout in the middle of a writev.
    closer = code(ret=True, inline=True) + call('close', small(1))
    seeds['writev_console_closes'] = (
        d_open('/dev/console') +
        poke(D_POKE, C, closer) +
        poke_word(D_WORD, D, app(C)) +
        call('ioctl', small(3), num32(CONSOLE_REGISTER), app(D)) +
        poke(D_POKE, D + 0x400, b'first second') +
        poke_word(D_WORD, D + 0x300, app(D + 0x400)) +
        poke(D_POKE, D + 0x308, u64(6)) +
        poke_word(D_WORD, D + 0x310, app(D + 0x406)) +
        poke(D_POKE, D + 0x318, u64(6)) +
        call('writev', small(1), app(D + 0x300), small(2)) +
        call('write', small(1), app(D + 0x400), small(1)))
    # Heap calls as musl's malloc makes them; anonymous maps as Linux
    # takes them (the fd ignored, MAP_SHARED).
    seeds['memory'] = (
        call('brk', small(0)) +
        call('brk', last(0)) +
        call('mmap', small(0), num32(0x3000), small(3), small(0x22),
            small(-1), small(0)) +
        call('mremap', last(0), num32(0x3000), num32(0x5000), small(1)) +
        call('madvise', last(0), num32(0x1000), small(4)) +
        call('mprotect', last(0), num32(0x1000), small(0)) +
        call('munmap', last(0), num32(0x5000)) +
        call('mmap', app(HEAP + 0x1000), num32(0x1000), small(0),
            small(0x32), small(-1), small(0)) +
        call('mmap', small(0), num32(0x2000), small(3), small(0x21),
            small(5), small(0)))
    # Clocks and waits with timeouts.
    seeds['time'] = (
        call('clock_gettime', small(1), app(D)) +
        call('clock_getres', small(0), app(D + 0x10)) +
        poke(D_POKE, D + 0x100, timespec(0, 500000)) +
        call('nanosleep', app(D + 0x100), app(D + 0x110)) +
        call('clock_nanosleep', small(1), small(1), app(D + 0x100),
            small(0)) +
        poke(D_POKE, D + 0x200, u32(1) + u32(4)) +
        call('ppoll', app(D + 0x200), small(1), app(D + 0x100), small(0)) +
        call('ppoll', small(0), small(0), app(D + 0x100), small(0)) +
        poke(D_POKE, D + 0x300, u32(0)) +
        call('futex', app(D + 0x300), small(0), small(0), app(D + 0x100)) +
        call('futex', app(D + 0x300), small(1), small(1)))
    # A handler for SIGUSR1 raised by tkill, blocked and unblocked.
    seeds['signals'] = (
        poke(D_POKE, C, code(nested=1)) +
        poke_word(D_WORD, D, app(C)) +
        call('rt_sigaction', small(10), app(D), app(D + 0x100),
            small(8)) +
        call('tkill', small(1), small(10)) + call('getpid') +
        poke(D_POKE, D + 0x200, u64(1 << 9)) +
        call('rt_sigprocmask', small(0), app(D + 0x200), app(D + 0x208),
            small(8)) +
        call('tkill', small(1), small(10)) +
        call('rt_sigprocmask', small(1), app(D + 0x200), small(0),
            small(8)) +
        call('uname', app(D + 0x1000)) +
        call('tkill', small(1), small(6)))
    # Found by the fuzzer (a readv that overwrote its own vector, whose
    # next segment then pointed outside app memory), re-encoded for the
    # app of fake_app.c.
    iov = D + 0x300
    seeds['readv_into_its_vector'] = (
        d_open('/dev/urandom') +
        poke_word(D_WORD, iov, app(iov)) + poke(D_POKE, iov + 8, u64(32)) +
        poke_word(D_WORD, iov + 16, app(D + 0x400)) +
        poke(D_POKE, iov + 24, u64(8)) +
        call('readv', small(3), app(iov), small(2)) +
        d_open('/dev/zero') +
        poke_word(D_WORD, iov, app(iov)) + poke(D_POKE, iov + 8, u64(32)) +
        poke_word(D_WORD, iov + 16, app(D + 0x400)) +
        poke(D_POKE, iov + 24, u64(8)) +
        call('readv', small(4), app(iov), small(2)))
    # The memory nodes, fd calls, and the log ring moved into app memory.
    seeds['files'] = (
        d_open('/dev/zero') +
        call('read', small(3), app(D), num32(0x100)) +
        call('fstat', small(3), app(D + 0x100)) +
        call('lseek', small(3), small(0), small(0)) +
        call('fcntl', small(3), small(0), small(5)) +
        d_open('/dev/urandom') +
        call('read', last(0), app(D + 0x200), small(16)) +
        call('getrandom', app(D + 0x300), small(16), small(0)) +
        d_open('/dev/null') +
        poke_word(D_WORD, D + 0x400, app(D + 0x500)) +
        poke(D_POKE, D + 0x408, u64(0x20)) +
        call('readv', small(0), app(D + 0x400), small(1)) +
        poke_word(D_WORD, D + 0x600, app(HEAP + 0x1000)) +
        poke(D_POKE, D + 0x608, u64(0x2000)) +
        call('ioctl', small(1), num32(TIOCSETBUF), app(D + 0x600)) +
        call('write', small(1), foreign(0x22), small(8)) +
        call('read', small(3), app(RODATA + 0x100), small(8)) +
        call('close', small(5)) +
        call('exit', small(7)))
    return seeds


# ---- fuzz_ioctl ----

I_POKE, I_WORD, I_LINE, I_DISPATCH, I_CONSOLE, I_EXIT_IOCTL, I_TTY_IOCTL, \
    I_WRITE, I_EXIT, I_GICV3 = range(10)
GICV3_PICK = {'enable': 0, 'disable': 1, 'register': 2, 'trigger': 3,
              'deregister': 4, 'assert': 5, 'clear': 6}


def gic(cmd, arg=None, intid=None):
    out = bytes([I_GICV3, GICV3_PICK[cmd]])
    if cmd in ('register', 'trigger'):
        return out + arg
    return out + bytes([0, intid])  # intid_arg(): a small INTID


def i_isr_req(off, isr_off, intid):
    return (poke_word(I_WORD, off, app(isr_off)) +
            poke(I_POKE, off + 8, u32(intid) + u32(0)) +
            poke_word(I_WORD, off + 16, app(off)))


def i_write(text, off=D + 0x2000):
    return (poke(I_POKE, off, text) + bytes([I_WRITE]) + app(off) +
            u16(len(text)))


def ioctl_seeds():
    seeds = {}
    # An edge SPI, an SGI and a PPI through register, trigger, assert and
    # a dispatch; deregister at the end.
    seeds['isr_edge'] = (
        bytes([0]) +
        poke(I_POKE, C, code(ret=True)) +
        i_isr_req(D, C, 40) + gic('register', app(D)) +
        i_isr_req(D + 0x20, C, 1) + gic('register', app(D + 0x20)) +
        poke(I_POKE, D + 0x100, u32(40) + u32(2)) +
        gic('trigger', app(D + 0x100)) +
        gic('enable', intid=40) + gic('enable', intid=1) +
        gic('assert', intid=40) + gic('assert', intid=1) +
        bytes([I_DISPATCH]) +
        gic('clear', intid=40) + gic('deregister', intid=40) +
        gic('disable', intid=1))
    # Level storms: one ISR never clears its line, one clears it, one
    # refuses; an interrupt with no ISR. A fixed-trigger GIC.
    seeds['isr_level'] = (
        bytes([2]) +
        poke(I_POKE, C, code(ret=True)) +
        poke(I_POKE, C + 0x10, code(ret=True, lower=True, garbage=0xfe)) +
        poke(I_POKE, C + 0x20, code(ret=False)) +
        i_isr_req(D, C, 50) + gic('register', app(D)) +
        i_isr_req(D + 0x20, C + 0x10, 51) + gic('register', app(D + 0x20)) +
        i_isr_req(D + 0x40, C + 0x20, 20) + gic('register', app(D + 0x40)) +
        poke(I_POKE, D + 0x100, u32(20) + u32(2)) +
        gic('trigger', app(D + 0x100)) +
        gic('enable', intid=50) + gic('enable', intid=51) +
        gic('enable', intid=20) + gic('enable', intid=60) +
        line(I_LINE, 0, 50) + line(I_LINE, 0, 51) +
        line(I_LINE, 0, 20) + line(I_LINE, 0, 60) +
        bytes([I_DISPATCH]) + gic('enable', intid=50) +
        bytes([I_DISPATCH]))
    # An ISR that leaves by longjmp: the dispatch ends there; the app's
    # next dispatch waits for its next syscall (none here).
    seeds['isr_longjmp'] = (
        bytes([0]) +
        poke(I_POKE, C, code(ret=True, fp=True, leave=True)) +
        i_isr_req(D, C, 42) + gic('register', app(D)) +
        gic('enable', intid=42) + gic('assert', intid=42) +
        bytes([I_DISPATCH]) + gic('assert', intid=42) +
        bytes([I_DISPATCH]))
    # A console with a prefix; lines written in pieces; a second console.
    seeds['console'] = (
        bytes([0]) +
        poke(I_POKE, C, code(ret=False)) +
        poke_word(I_WORD, D, app(C)) +
        bytes([I_CONSOLE, 0]) + app(D) +
        poke(I_POKE, D + 0x100, b'<rm> \0') +
        bytes([I_CONSOLE, 2]) + app(D + 0x100) +
        i_write(b'first line\nsecond') + i_write(b' line\n\nlast') +
        bytes([I_CONSOLE, 2]) + app(D + 0x106) +
        i_write(b'\n') +
        bytes([I_CONSOLE, 1]) + small(0) + i_write(b'lost'))
    # The log ring moved into app memory, twice, and written to.
    seeds['setbuf'] = (
        bytes([0]) + i_write(b'before the move\n') +
        poke_word(I_WORD, D, app(D + 0x1000)) +
        poke(I_POKE, D + 0x8, u64(0x40)) +
        bytes([I_TTY_IOCTL, 1]) + app(D) +
        i_write(b'a line that is longer than the ring is\n') +
        poke_word(I_WORD, D + 0x10, app(HEAP)) +
        poke(I_POKE, D + 0x18, u64(0x2000)) +
        bytes([I_TTY_IOCTL, 1]) + app(D + 0x10) +
        bytes([I_TTY_IOCTL, 0]) + app(D + 0x100))
    # Found by the fuzzer (a tty write of text that lies in the log ring
    # itself, which storing it overwrites), re-encoded for the app of
    # fake_app.c: a 16-byte ring in app memory, full, then written from.
    ring = D + 0x1000
    seeds['write_from_the_ring'] = (
        bytes([0]) +
        poke(I_POKE, C, code(ret=False)) +
        poke_word(I_WORD, D, app(C)) +
        bytes([I_CONSOLE, 0]) + app(D) +
        poke_word(I_WORD, D + 0x10, app(ring)) +
        poke(I_POKE, D + 0x18, u64(8 + 16)) +
        bytes([I_TTY_IOCTL, 1]) + app(D + 0x10) +
        i_write(b'0123456789abcde') +
        bytes([I_WRITE]) + app(ring + 8) + u16(8) +
        bytes([I_WRITE]) + app(ring + 4) + u16(20))
    # An exit hook, a console, exit with a status past a byte.
    seeds['exit'] = (
        bytes([0]) +
        poke(I_POKE, C, code()) +
        poke(I_POKE, C + 0x100, code()) +
        poke_word(I_WORD, D, app(C)) +
        poke_word(I_WORD, D + 0x8, app(C + 0x100)) +
        bytes([I_EXIT_IOCTL, 1]) + app(D) +
        bytes([I_CONSOLE, 0]) + app(D + 0x8) +
        bytes([I_EXIT]) + u32(0x1234))
    # An exit hook that writes a line itself.
    seeds['exit_hook_writes'] = (
        bytes([0]) +
        poke(I_POKE, C, code(ret=True, inline=True) +
             bytes([I_WRITE]) + app(D + 0x2000) + u16(5)) +
        poke(I_POKE, D + 0x2000, b'bye!\n') +
        poke_word(I_WORD, D, app(C)) +
        bytes([I_EXIT_IOCTL, 1]) + app(D) +
        bytes([I_EXIT]) + u32(3))
    return seeds


# ---- fuzz_boot ----

def env_seed(**over):
    f = dict(signature=0x454D5652, version=1, runtime_ipa=0x80480000,
             app_ipa=0x8048b000, app_heap_ipa=0x804ef000,
             app_heap_size=0x31000, vcpu_capid=2, timer_freq=62500000,
             gicd_base=0x08000000, gicr_base=0x080A0000,
             rm_config_offset=88, rm_config_size=0x3FA8,
             env_addr=0x804eb000, runtime_size=0xb000)
    f.update(over)
    env = (u32(f['signature']) + struct.pack('<H', f['version']) +
           b'\0\0' + b''.join(u64(f[k]) for k in (
               'runtime_ipa', 'app_ipa', 'app_heap_ipa', 'app_heap_size',
               'vcpu_capid', 'timer_freq', 'gicd_base', 'gicr_base',
               'rm_config_offset', 'rm_config_size')))
    assert len(env) == 88
    return (bytes([0]) + env + u64(f['env_addr']) + u64(f['runtime_ipa']) +
            u64(f['runtime_size']))


def elf_seed(phdrs, entry=0x100, size=0x200, phoff=64, phnum=None,
             patch=None):
    ehdr = (b'\x7fELF' + bytes([2, 1, 1, 0]) + bytes(8) +
            struct.pack('<HHIQQQIHHHHHH', 3, 183, 1, entry, phoff, 0, 0, 64,
                        56, len(phdrs) if phnum is None else phnum, 0, 0, 0))
    image = bytearray(max(size, phoff + 56 * len(phdrs)))
    image[:64] = ehdr
    for i, (ptype, flags, off, addr, filesz, memsz) in enumerate(phdrs):
        image[phoff + 56 * i:phoff + 56 * (i + 1)] = struct.pack(
            '<IIQQQQQQ', ptype, flags, off, addr, addr, filesz, memsz,
            0x1000)
    for where, value in (patch or {}).items():
        image[where:where + len(value)] = value
    return bytes([1]) + bytes(image)


def stack_seed(top, limit, envp=()):
    """Gunyah's argv: the name, then the RM config's address, the log's
    address and its size as values; envp strings."""
    assert len(envp) <= 3
    argv = [b'rootvm', 0x804eb058, 0x80490000, 0x800]
    counts = (len(argv) - 1) | len(envp) << 5
    out = (u16(top) + u16(limit) + bytes([counts]) + bytes(range(16)) +
           u64(0x8048b000) + u64(0x100) + u64(0x40) + u64(4) + u64(0xff))
    for a in argv:
        if isinstance(a, bytes):
            out += bytes([len(a) << 1 | 1]) + a
        else:
            out += bytes([0]) + u64(a)
    for e in envp:
        out += bytes([len(e)]) + e
    return bytes([2]) + out


def boot_seeds():
    load = 1
    return {
        'env_qemu': env_seed(),
        'env_gunyah_rm': env_seed(app_heap_size=0x31000, version=0x1000),
        'env_gic_in_heap': env_seed(gicd_base=0x80500000),
        'env_bad_config': env_seed(rm_config_size=(1 << 64) - 8),
        'elf_static_pie': elf_seed([(load, 5, 0, 0, 0x200, 0x200),
                                    (load, 6, 0x200, 0x800, 0x100, 0x400)],
                                   size=0xc00),
        'elf_phdrs_outside': elf_seed([(load, 5, 0, 0, 0x200, 0x200)],
                                      phnum=0x7fff),
        'elf_not_dyn': elf_seed([(load, 5, 0, 0, 0x100, 0x100)],
                                patch={16: u16(2)}),
        # What musl-gcc -static-pie -Wl,-z,stack-size=... gives: four
        # segments (an empty one skipped) and PT_GNU_STACK.
        'elf_segments_stack': elf_seed(
            [(load, 4, 0, 0, 0x200, 0x200), (load, 5, 0x200, 0x400, 0, 0),
             (load, 5, 0x200, 0x400, 0x100, 0x100),
             (load, 6, 0x300, 0x800, 0x80, 0x300),
             (0x6474e551, 6, 0, 0, 0, 0x10000)], size=0xc00),
        'stack_fits': stack_seed(0x800, 0, envp=(b'TERM=vt100',)),
        'stack_tight': stack_seed(0x200, 0x80),
    }


# ---- fuzz_memory: four bytes an operation (op % 8, then three) ----

def memory_seeds():
    brk, mmap, mmap_fixed, munmap, mremap, madvise, mprotect = \
        0, 1, 3, 4, 5, 6, 7
    return {
        # musl's malloc: brk, then mmaps, some freed and reused.
        'malloc': bytes([brk, 3, 0, 0, mmap, 2, 0, 0, mmap, 4, 0x80, 0,
                         munmap, 40, 1, 0, mmap, 1, 0, 0, madvise, 5, 2, 1]),
        # A guard page, a mapping moved and grown, protection changed.
        'remap': bytes([mmap_fixed, 30, 0, 3, mmap, 5, 0, 0,
                        mremap | 0x18, 40, 2, 0x85, mremap, 20, 0, 0xc3,
                        mprotect, 20, 3, 0, brk, 10, 8, 0]),
    }


def main(argv):
    check = '--check' in argv
    wanted = {'dispatch': dispatch_seeds(), 'ioctl': ioctl_seeds(),
              'boot': boot_seeds(), 'memory': memory_seeds()}
    stale = []
    for target, seeds in wanted.items():
        d = os.path.join(HERE, target)
        os.makedirs(d, exist_ok=True)
        for name, data in sorted(seeds.items()):
            path = os.path.join(d, name)
            old = open(path, 'rb').read() if os.path.exists(path) else None
            if old == data:
                continue
            stale.append(os.path.relpath(path, TOP))
            if not check:
                with open(path, 'wb') as f:
                    f.write(data)
    for s in stale:
        print(('stale: ' if check else 'wrote: ') + s)
    return 1 if check and stale else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
