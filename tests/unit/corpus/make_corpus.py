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
names of their own; this script leaves them alone.
"""

import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))

# fuzz_app.h: where the /dev paths sit in app memory.
PATHS = {'/dev/gicv3': 0, '/dev/console': 11, '/dev/exit': 24,
         '/dev/null': 34, '/dev/zero': 44, '/dev/urandom': 54}


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
    return bytes([2]) + u16(off)


def num32(v):
    return bytes([7]) + u32(v)


def num64(v):
    return bytes([5]) + u64(v)


def last(delta=0):
    return bytes([6, delta & 0xff])


def foreign(off):
    return bytes([4]) + u16(off)


# Operations every target shares (fuzz_app.c); `op` is the target's code.
def poke(op, off, data):
    out = b''
    for i in range(0, len(data), 255):
        chunk = data[i:i + 255]
        out += bytes([op]) + u16(off + i) + bytes([len(chunk)]) + chunk
    return out


def poke_word(op, off, arg):
    assert off % 8 == 0
    return bytes([op]) + u16(off // 8) + arg


def line(op, how, intid, step=0):
    out = bytes([op, how, intid])
    return out + (u32(step) if how % 4 == 3 else b'')


def code(ret=True, lower=False, nested=0, inline=False, garbage=0):
    """The four bytes of an app function (fuzz_app.h)."""
    return bytes([int(ret) | int(lower) << 1 | nested << 2 |
                  int(inline) << 4, garbage, 0, 0])


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


def dispatch_seeds():
    seeds = {}
    # What musl's hello world asks, then exit_group.
    seeds['hello'] = (
        call('set_tid_address', app(0x100)) +
        call('ioctl', small(1), num32(TIOCGWINSZ), app(0x200)) +
        poke(D_POKE, 0x400, b'hello, world\n') +
        poke_word(D_WORD, 0x300, app(0x400)) +
        poke(D_POKE, 0x308, u64(13)) +
        call('writev', small(1), app(0x300), small(1)) +
        call('exit_group', small(0)))
    # An ISR on SPI 40 that clears nothing (edge), woken from ppoll.
    seeds['gicv3_isr'] = (
        d_open('/dev/gicv3') +
        poke(D_POKE, 0x2000, code(ret=True)) +
        isr_req(0x1000, 0x2000, 40, 0x1100) +
        call('ioctl', small(3), num32(GICV3_REGISTER), app(0x1000)) +
        poke(D_POKE, 0x1200, u32(40) + u32(2)) +
        call('ioctl', small(3), num32(GICV3_TRIGGER), app(0x1200)) +
        call('ioctl', small(3), num32(GICV3_ENABLE), app(0x1200)) +
        call('ppoll', small(0), small(0), small(0)) + bytes([40 << 1 | 1]) +
        call('ioctl', small(3), num32(GICV3_ASSERT), app(0x1200)) +
        bytes([D_IRQ]) +
        call('ioctl', small(3), num32(GICV3_DEREGISTER), app(0x1200)) +
        call('close', small(3)))
    # A level-sensitive interrupt whose ISR sleeps each time and never
    # clears it: the storm check must still stop it.
    sleeper = (code(ret=True, inline=True) +
               call('nanosleep', app(0x2100), small(0)))
    seeds['storm_sleeping_isr'] = (
        d_open('/dev/gicv3') +
        poke(D_POKE, 0x2000, sleeper) +
        poke(D_POKE, 0x2100, timespec(0, 1000)) +
        isr_req(0x1000, 0x2000, 45, 0x1100) +
        call('ioctl', small(3), num32(GICV3_REGISTER), app(0x1000)) +
        poke(D_POKE, 0x1200, u32(45)) +
        call('ioctl', small(3), num32(GICV3_ENABLE), app(0x1200)) +
        line(D_LINE, 0, 45) + bytes([D_IRQ]) +
        call('getpid'))
    # A console with a prefix, written to by write() and writev().
    seeds['console'] = (
        d_open('/dev/console') +
        poke(D_POKE, 0x2000, code(ret=False)) +
        poke_word(D_WORD, 0x1000, app(0x2000)) +
        call('ioctl', small(3), num32(CONSOLE_REGISTER), app(0x1000)) +
        poke(D_POKE, 0x1100, b'[app] \0') +
        call('ioctl', small(3), num32(CONSOLE_PREFIX), app(0x1100)) +
        poke(D_POKE, 0x1200, b'one\ntwo\nthr') +
        call('write', small(1), app(0x1200), small(11)) +
        call('write', small(2), app(0x1200), small(4)) +
        call('ioctl', small(3), num32(CONSOLE_DEREGISTER), small(0)))
    # Heap calls as musl's malloc makes them.
    seeds['memory'] = (
        call('brk', small(0)) +
        call('brk', last(0)) +
        call('mmap', small(0), num32(0x3000), small(3), small(0x22),
            small(-1), small(0)) +
        call('mremap', last(0), num32(0x3000), num32(0x5000), small(1)) +
        call('madvise', last(0), num32(0x1000), small(4)) +
        call('mprotect', last(0), num32(0x1000), small(0)) +
        call('munmap', last(0), num32(0x5000)) +
        call('mmap', app(0x8000), num32(0x1000), small(0), small(0x32),
            small(-1), small(0)))
    # Clocks and waits with timeouts.
    seeds['time'] = (
        call('clock_gettime', small(1), app(0x1000)) +
        call('clock_getres', small(0), app(0x1010)) +
        poke(D_POKE, 0x1100, timespec(0, 500000)) +
        call('nanosleep', app(0x1100), app(0x1110)) +
        call('clock_nanosleep', small(1), small(1), app(0x1100), small(0)) +
        poke(D_POKE, 0x1200, u32(1) + u32(4)) +
        call('ppoll', app(0x1200), small(1), app(0x1100), small(0)) +
        call('ppoll', small(0), small(0), app(0x1100), small(0)) +
        poke(D_POKE, 0x1300, u32(0)) +
        call('futex', app(0x1300), small(0), small(0), app(0x1100)) +
        call('futex', app(0x1300), small(1), small(1)))
    # A handler for SIGUSR1 raised by tkill, blocked and unblocked.
    seeds['signals'] = (
        poke(D_POKE, 0x2000, code(nested=1)) +
        poke_word(D_WORD, 0x1000, app(0x2000)) +
        call('rt_sigaction', small(10), app(0x1000), app(0x1100),
            small(8)) +
        call('tkill', small(1), small(10)) + call('getpid') +
        poke(D_POKE, 0x1200, u64(1 << 9)) +
        call('rt_sigprocmask', small(0), app(0x1200), app(0x1208),
            small(8)) +
        call('tkill', small(1), small(10)) +
        call('rt_sigprocmask', small(1), app(0x1200), small(0), small(8)) +
        call('uname', app(0x3000)) +
        call('tkill', small(1), small(6)))
    # The memory nodes, fd calls, and the log ring moved into app memory.
    seeds['files'] = (
        d_open('/dev/zero') +
        call('read', small(3), app(0x1000), num32(0x100)) +
        call('fstat', small(3), app(0x1100)) +
        call('lseek', small(3), small(0), small(0)) +
        call('fcntl', small(3), small(0), small(5)) +
        d_open('/dev/urandom') +
        call('read', last(0), app(0x1200), small(16)) +
        call('getrandom', app(0x1300), small(16), small(0)) +
        d_open('/dev/null') +
        poke_word(D_WORD, 0x1400, app(0x1500)) +
        poke(D_POKE, 0x1408, u64(0x20)) +
        call('readv', small(0), app(0x1400), small(1)) +
        poke_word(D_WORD, 0x1600, app(0x8000)) +
        poke(D_POKE, 0x1608, u64(0x2000)) +
        call('ioctl', small(1), num32(TIOCSETBUF), app(0x1600)) +
        call('write', small(1), foreign(0x11), small(8)) +
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


def i_write(text, off=0x4000):
    return (poke(I_POKE, off, text) + bytes([I_WRITE]) + app(off) +
            u16(len(text)))


def ioctl_seeds():
    seeds = {}
    # An edge SPI, an SGI and a PPI through register, trigger, assert and
    # a dispatch; deregister at the end.
    seeds['isr_edge'] = (
        bytes([0]) +
        poke(I_POKE, 0x2000, code(ret=True)) +
        i_isr_req(0x1000, 0x2000, 40) + gic('register', app(0x1000)) +
        i_isr_req(0x1020, 0x2000, 1) + gic('register', app(0x1020)) +
        poke(I_POKE, 0x1100, u32(40) + u32(2)) +
        gic('trigger', app(0x1100)) +
        gic('enable', intid=40) + gic('enable', intid=1) +
        gic('assert', intid=40) + gic('assert', intid=1) +
        bytes([I_DISPATCH]) +
        gic('clear', intid=40) + gic('deregister', intid=40) +
        gic('disable', intid=1))
    # Level storms: one ISR never clears its line, one clears it, one
    # refuses; an interrupt with no ISR. A fixed-trigger GIC.
    seeds['isr_level'] = (
        bytes([2]) +
        poke(I_POKE, 0x2000, code(ret=True)) +
        poke(I_POKE, 0x2010, code(ret=True, lower=True, garbage=0xfe)) +
        poke(I_POKE, 0x2020, code(ret=False)) +
        i_isr_req(0x1000, 0x2000, 50) + gic('register', app(0x1000)) +
        i_isr_req(0x1020, 0x2010, 51) + gic('register', app(0x1020)) +
        i_isr_req(0x1040, 0x2020, 20) + gic('register', app(0x1040)) +
        poke(I_POKE, 0x1100, u32(20) + u32(2)) +
        gic('trigger', app(0x1100)) +
        gic('enable', intid=50) + gic('enable', intid=51) +
        gic('enable', intid=20) + gic('enable', intid=60) +
        line(I_LINE, 0, 50) + line(I_LINE, 0, 51) +
        line(I_LINE, 0, 20) + line(I_LINE, 0, 60) +
        bytes([I_DISPATCH]) + gic('enable', intid=50) +
        bytes([I_DISPATCH]))
    # A console with a prefix; lines written in pieces; a second console.
    seeds['console'] = (
        bytes([0]) +
        poke(I_POKE, 0x2000, code(ret=False)) +
        poke_word(I_WORD, 0x1000, app(0x2000)) +
        bytes([I_CONSOLE, 0]) + app(0x1000) +
        poke(I_POKE, 0x1100, b'<rm> \0') +
        bytes([I_CONSOLE, 2]) + app(0x1100) +
        i_write(b'first line\nsecond') + i_write(b' line\n\nlast') +
        bytes([I_CONSOLE, 2]) + app(0x1106) +
        i_write(b'\n') +
        bytes([I_CONSOLE, 1]) + small(0) + i_write(b'lost'))
    # The log ring moved into app memory, twice, and written to.
    seeds['setbuf'] = (
        bytes([0]) + i_write(b'before the move\n') +
        poke_word(I_WORD, 0x1000, app(0x8000)) +
        poke(I_POKE, 0x1008, u64(0x40)) +
        bytes([I_TTY_IOCTL, 1]) + app(0x1000) +
        i_write(b'a line that is longer than the ring is\n') +
        poke_word(I_WORD, 0x1010, app(0x9000)) +
        poke(I_POKE, 0x1018, u64(0x2000)) +
        bytes([I_TTY_IOCTL, 1]) + app(0x1010) +
        bytes([I_TTY_IOCTL, 0]) + app(0x1100))
    # An exit hook, a console, exit with a status past a byte.
    seeds['exit'] = (
        bytes([0]) +
        poke(I_POKE, 0x2000, code()) +
        poke(I_POKE, 0x2100, code()) +
        poke_word(I_WORD, 0x1000, app(0x2000)) +
        poke_word(I_WORD, 0x1008, app(0x2100)) +
        bytes([I_EXIT_IOCTL, 1]) + app(0x1000) +
        bytes([I_CONSOLE, 0]) + app(0x1008) +
        bytes([I_EXIT]) + u32(0x1234))
    # An exit hook that writes a line itself.
    seeds['exit_hook_writes'] = (
        bytes([0]) +
        poke(I_POKE, 0x2000, code(ret=True, inline=True) +
             bytes([I_WRITE]) + app(0x4000) + u16(5)) +
        poke(I_POKE, 0x4000, b'bye!\n') +
        poke_word(I_WORD, 0x1000, app(0x2000)) +
        bytes([I_EXIT_IOCTL, 1]) + app(0x1000) +
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


def stack_seed(top, limit):
    args = (u64(0x8048b000) + u64(0x100) + u64(0x40) + u64(4) + u64(56) +
            u64(0xff) + bytes(range(16)) + u64(0x804eb058) +
            u64(0x80490000) + u64(0x800))
    return bytes([2]) + u16(top) + u16(limit) + args


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
        'stack_fits': stack_seed(0x800, 0),
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
