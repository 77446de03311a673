# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""The compilers and flags each kind of program is built with."""

import functools
import os
import shutil
import subprocess

MUSL_INCLUDE = '/usr/include/aarch64-linux-musl'
MUSL_LIB = '/usr/lib/aarch64-linux-musl'

# Strict enough that both compilers catch what the other would miss.
WARNINGS = [
    '-Wall', '-Wextra', '-Werror', '-Wshadow', '-Wstrict-prototypes',
    '-Wmissing-prototypes', '-Wundef', '-Wpointer-arith', '-Wvla',
    '-Wwrite-strings', '-Wformat=2', '-Wimplicit-fallthrough',
    '-Wno-unused-parameter',
]

# Freestanding EL1/EL2 code: no FP/SIMD (the app owns those registers),
# no unaligned accesses (the MMU is off), frame pointers for backtraces.
FREESTANDING_CFLAGS = [
    '-std=gnu11', '-ffreestanding', '-fpie', '-fno-common',
    '-mgeneral-regs-only',
    '-mstrict-align', '-ffunction-sections', '-fdata-sections',
    '-fno-omit-frame-pointer', '-fno-asynchronous-unwind-tables',
    '-fno-unwind-tables', '-fno-unroll-loops', '-fstack-protector-strong',
    '-fvisibility=hidden',
    '-O2', '-g',
]

# Gunyah maps each PT_LOAD from its page-aligned p_paddr. lld pads segments
# itself; GNU ld has no such option, so the link script aligns them.
GUNYAH_LDFLAGS = [
    '-pie', '--no-dynamic-linker', '-z', 'text', '-z', 'norelro',
    '-z', 'max-page-size=4096', '--gc-sections', '--hash-style=sysv',
    '--build-id=none',
]
LLD_GUNYAH_LDFLAGS = ['-z', 'separate-loadable-segments']
# The runtime's boot-only segment is RWX on purpose (runtime.lds): GNU ld
# would warn about it on every link.
GNU_GUNYAH_LDFLAGS = ['--no-warn-rwx-segments']
STATIC_LDFLAGS = ['-static', '--gc-sections', '--build-id=none',
                  '-z', 'max-page-size=4096']

HOST_CFLAGS = ['-std=gnu11', '-g', '-O1', '-fno-omit-frame-pointer',
               '-fsanitize=address,undefined', '-fno-sanitize-recover=all',
               '-DRT_HOST']
HOST_LDFLAGS = ['-fsanitize=address,undefined']


@functools.lru_cache(maxsize=None)
def _output(*cmd):
    try:
        return subprocess.run(cmd, check=True, capture_output=True,
                              text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ''


def gnu_prefix():
    for prefix in ('aarch64-none-elf-', 'aarch64-linux-gnu-'):
        if shutil.which(prefix + 'gcc'):
            return prefix
    return None


class Toolchain:
    """One way to build freestanding AArch64 code."""

    def __init__(self, name, cc, ld, cflags, available, missing,
                 gunyah_ldflags=(), strip=None, objdump=None):
        self.name = name
        self.strip = strip
        self.objdump = objdump
        self.gunyah_ldflags = GUNYAH_LDFLAGS + list(gunyah_ldflags)
        self.cc = cc
        self.ld = ld
        self.cflags = cflags
        self.available = available
        self.missing = missing


def freestanding(name):
    if name == 'gnu':
        prefix = gnu_prefix()
        if prefix is None:
            return Toolchain(name, None, None, [], False,
                             'no aarch64-none-elf-gcc or aarch64-linux-gnu-gcc')
        cc = prefix + 'gcc'
        inc = _output(cc, '-print-file-name=include')
        # Debian's linux-gnu GCC defaults to outline atomics (calls into
        # libgcc); we link no libgcc and run on one CPU.
        extra = ['-mno-outline-atomics'] if 'linux' in prefix else []
        return Toolchain(name, cc, prefix + 'ld',
                         ['-nostdinc', '-isystem', inc] + extra, True, None,
                         GNU_GUNYAH_LDFLAGS, strip=prefix + 'strip',
                         objdump=prefix + 'objdump')
    if name == 'llvm':
        if not (shutil.which('clang') and shutil.which('ld.lld')):
            return Toolchain(name, None, None, [], False,
                             'no clang or ld.lld')
        res = _output('clang', '-print-resource-dir')
        return Toolchain(name, 'clang', 'ld.lld',
                         ['--target=aarch64-none-elf', '-nostdinc',
                          '-isystem', os.path.join(res, 'include')],
                         True, None, LLD_GUNYAH_LDFLAGS, strip='llvm-strip',
                         objdump='llvm-objdump')
    raise ValueError(f'unknown toolchain {name}')


def musl():
    """The compiler and link line for musl static-pie apps (gcc only)."""
    prefix = 'aarch64-linux-gnu-'
    cc = prefix + 'gcc'
    if not shutil.which(cc) or not os.path.isfile(
            os.path.join(MUSL_LIB, 'rcrt1.o')):
        return None
    gcc_inc = _output(cc, '-print-file-name=include')
    crtbegin = _output(cc, '-print-file-name=crtbeginS.o')
    crtend = _output(cc, '-print-file-name=crtendS.o')
    libgcc = _output(cc, '-print-libgcc-file-name')
    return {
        'cc': cc,
        'cflags': ['-std=gnu11', '-O2', '-g', '-fPIE', '-nostdinc',
                   '-isystem', MUSL_INCLUDE, '-isystem', gcc_inc,
                   '-mno-outline-atomics'] + WARNINGS,
        'link_head': [os.path.join(MUSL_LIB, f) for f in
                      ('rcrt1.o', 'crti.o')] + [crtbegin],
        'link_tail': [os.path.join(MUSL_LIB, 'libc.a'), libgcc, crtend,
                      os.path.join(MUSL_LIB, 'crtn.o')],
        # ld.lld directly: GNU ld cannot page-align the segments, and gcc
        # does not find a cross ld.lld by itself.
        'ld': 'ld.lld',
        'ldflags': ['-static', '-pie', '--no-dynamic-linker', '-z', 'text',
                    '-z', 'separate-loadable-segments',
                    '-z', 'max-page-size=4096', '--build-id=none'],
    }


def host_cc():
    return 'clang' if shutil.which('clang') else 'cc'
