#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Packs a runtime ELF and an app ELF into a Gunyah package (docs/gunyah.md
section 1).

Usage: mkpkg.py RUNTIME.elf APP.elf -o PKG.bin [--patch-app FIELD=VALUE ...]

Layout: header {u32 ident "GPKG", u32 count, 3 x {u32 type, u32 offset}},
the runtime (type 1) at offset 32, the app (type 2) at 32 + the runtime's
size rounded up to 32; the unused third entry is zero.

--patch-app damages the app on purpose, so tests can check what meets it.
FIELD is one of
  e_ident bytes  EI_MAG0..EI_MAG3 EI_CLASS EI_DATA EI_VERSION EI_OSABI
                 EI_ABIVERSION, or e_ident[N]
  ELF header     e_type e_machine e_version e_entry e_phoff e_shoff e_flags
                 e_ehsize e_phentsize e_phnum e_shentsize e_shnum e_shstrndx
  a phdr         p_type[N] p_flags[N] p_offset[N] p_vaddr[N] p_paddr[N]
                 p_filesz[N] p_memsz[N] p_align[N]  (N counts from 0)
VALUE is an integer (0x... for hex). Program headers are found where the
unpatched file has them.
"""

import argparse
import re
import struct
import sys

GPKG_IDENT = 0x47504B47
TYPE_RUNTIME, TYPE_APP = 1, 2
HEADER_SIZE = 32
ALIGN = 32
# Gunyah maps only this much of the package (docs/gunyah.md section 1).
GUNYAH_WINDOW = 512 * 1024

# The placement the boot stub (and Gunyah on the qemu platform) uses.
RUNTIME_BASE = 0x80480000
ENV_SIZE = 0x4000
PAGE = 0x1000
PT_LOAD = 1

IDENT_FIELDS = {'EI_MAG0': 0, 'EI_MAG1': 1, 'EI_MAG2': 2, 'EI_MAG3': 3,
                'EI_CLASS': 4, 'EI_DATA': 5, 'EI_VERSION': 6, 'EI_OSABI': 7,
                'EI_ABIVERSION': 8}
EHDR_FIELDS = {'e_type': (16, 'H'), 'e_machine': (18, 'H'),
               'e_version': (20, 'I'), 'e_entry': (24, 'Q'),
               'e_phoff': (32, 'Q'), 'e_shoff': (40, 'Q'),
               'e_flags': (48, 'I'), 'e_ehsize': (52, 'H'),
               'e_phentsize': (54, 'H'), 'e_phnum': (56, 'H'),
               'e_shentsize': (58, 'H'), 'e_shnum': (60, 'H'),
               'e_shstrndx': (62, 'H')}
PHDR_FIELDS = {'p_type': (0, 'I'), 'p_flags': (4, 'I'),
               'p_offset': (8, 'Q'), 'p_vaddr': (16, 'Q'),
               'p_paddr': (24, 'Q'), 'p_filesz': (32, 'Q'),
               'p_memsz': (40, 'Q'), 'p_align': (48, 'Q')}
PHDR_SIZE = 56

_FIELD = re.compile(r'^([A-Za-z_0-9]+)(?:\[(\d+)\])?$')


class PackageError(Exception):
    pass


def _align(x, a):
    return (x + a - 1) & ~(a - 1)


def _phdr_table(data):
    """(offset, count) of the program headers, or raise PackageError."""
    if len(data) < 64 or data[:4] != b'\x7fELF':
        raise PackageError('not an ELF file')
    phoff, = struct.unpack_from('<Q', data, 32)
    phentsize, phnum = struct.unpack_from('<HH', data, 54)
    if phentsize != PHDR_SIZE or phoff + phnum * PHDR_SIZE > len(data):
        raise PackageError('program headers outside the file')
    return phoff, phnum


def patch_elf(data, spec, phdrs=None):
    """Applies one FIELD=VALUE patch to the bytearray data, in place.

    phdrs is (offset, count) of the program headers to use; by default
    they are read from data.
    """
    name, eq, value = spec.partition('=')
    m = _FIELD.match(name.strip())
    if not eq or not m:
        raise PackageError(f'--patch-app wants FIELD=VALUE, not {spec!r}')
    field, index = m.group(1), m.group(2)
    try:
        val = int(value.strip(), 0)
    except ValueError:
        raise PackageError(f'{spec!r}: {value!r} is not an integer') \
            from None
    if field == 'e_ident' and index is not None:
        where, fmt = int(index), 'B'
        if where >= 16:
            raise PackageError(f'{spec!r}: e_ident has 16 bytes')
    elif field in IDENT_FIELDS and index is None:
        where, fmt = IDENT_FIELDS[field], 'B'
    elif field in EHDR_FIELDS and index is None:
        where, fmt = EHDR_FIELDS[field]
    elif field in PHDR_FIELDS and index is not None:
        phoff, phnum = phdrs if phdrs else _phdr_table(data)
        if int(index) >= phnum:
            raise PackageError(f'{spec!r}: the app has {phnum} program '
                               'headers')
        offset, fmt = PHDR_FIELDS[field]
        where = phoff + int(index) * PHDR_SIZE + offset
    else:
        raise PackageError(f'{spec!r}: unknown field (see mkpkg.py --help)')
    try:
        struct.pack_into('<' + fmt, data, where, val)
    except struct.error:
        raise PackageError(f'{spec!r}: {val:#x} does not fit the field') \
            from None


def patch_app(app, patches):
    """The app's bytes with every FIELD=VALUE patch applied in order."""
    data = bytearray(app)
    phdrs = None
    if any(p.lstrip().startswith('p_') for p in patches):
        phdrs = _phdr_table(data)
    for p in patches:
        patch_elf(data, p, phdrs)
    return bytes(data)


def build(runtime, app):
    """The package bytes for the runtime and app ELF bytes."""
    rt_off = HEADER_SIZE
    app_off = _align(rt_off + len(runtime), ALIGN)
    header = struct.pack('<II', GPKG_IDENT, 2)
    header += struct.pack('<II', TYPE_RUNTIME, rt_off)
    header += struct.pack('<II', TYPE_APP, app_off)
    header += struct.pack('<II', 0, 0)
    assert len(header) == HEADER_SIZE
    body = runtime + bytes(app_off - rt_off - len(runtime)) + app
    return header + body


def warnings(pkg):
    """Things that work under the stub but not under Gunyah."""
    if len(pkg) > GUNYAH_WINDOW:
        return [f'package is {len(pkg)} bytes; Gunyah maps only the first '
                f'{GUNYAH_WINDOW} (docs/gunyah.md section 1)']
    return []


def _span(elf):
    """Page-rounded end of the highest PT_LOAD (p_paddr + p_memsz)."""
    phoff, phnum = _phdr_table(elf)
    end = 0
    for i in range(phnum):
        p_type, = struct.unpack_from('<I', elf, phoff + i * PHDR_SIZE)
        paddr, _, memsz = struct.unpack_from(
            '<QQQ', elf, phoff + i * PHDR_SIZE + 24)
        if p_type == PT_LOAD:
            end = max(end, paddr + memsz)
    return _align(end, PAGE)


def layout(runtime, app, heap_size):
    """Where the stub puts things: a dict of guest addresses."""
    app_ipa = RUNTIME_BASE + _span(runtime)
    env = app_ipa + _span(app)
    return {'runtime': RUNTIME_BASE, 'app': app_ipa, 'env': env,
            'heap': env + ENV_SIZE, 'heap_size': heap_size}


def main(argv):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        epilog=__doc__.split('\n\n', 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('runtime', help='runtime ELF')
    ap.add_argument('app', help='app ELF')
    ap.add_argument('-o', '--output', required=True, help='package file')
    ap.add_argument('--patch-app', action='append', default=[],
                    metavar='FIELD=VALUE', help='damage the app on purpose')
    args = ap.parse_args(argv)
    try:
        with open(args.runtime, 'rb') as f:
            runtime = f.read()
        with open(args.app, 'rb') as f:
            app = patch_app(f.read(), args.patch_app)
        pkg = build(runtime, app)
        with open(args.output, 'wb') as f:
            f.write(pkg)
    except (OSError, PackageError) as e:
        print(f'mkpkg: {e}', file=sys.stderr)
        return 1
    for w in warnings(pkg):
        print(f'mkpkg: warning: {w}', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
