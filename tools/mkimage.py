#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Makes one arm64 Linux Image of the runtime and a musl static-pie app.

Usage: mkimage.py RUNTIME.elf APP.elf -o IMAGE [--name NAME]

Any VMM that boots Linux (QEMU -kernel, crosvm, cloud-hypervisor,
Firecracker, a Gunyah app VM) can then boot the app: it enters the Image at
its first byte with x0 = a device tree. The runtime's first bytes already
are the 64-byte Image header (src/arch/aarch64/entry.S); this tool lays
both ELF files out as a loader would, segments at their addresses, and
writes what the header leaves open: image_size, and after the header
where the app is and its name (argv[0]; default: the app file's name
without .elf).

Layout: the runtime's memory image at offset 0, then the app's from the
next page, each segment at its p_vaddr and its bss as zeros, so the file is
the whole image_size and nothing needs zeroing after the VMM loads it.
"""

import argparse
import os
import struct
import sys

PAGE = 0x1000
PT_LOAD = 1
ET_DYN = 3
EM_AARCH64 = 183
IMAGE_MAGIC = b'ARM\x64'
MAGIC_OFFSET = 56
SIZE_OFFSET = 16
# struct arch_image_app (include/rt/arch.h), right after the header.
APP_OFFSET = 64
NAME_OFFSET = 80
NAME_SIZE = 48


class ImageError(Exception):
    pass


def _align(x, a):
    return (x + a - 1) & ~(a - 1)


def segments(data, what):
    """[(vaddr, file bytes, memsz)] of the PT_LOADs of an ELF64 LE file."""
    if len(data) < 64 or data[:4] != b'\x7fELF':
        raise ImageError(f'{what}: not an ELF file')
    if data[4] != 2 or data[5] != 1:
        raise ImageError(f'{what}: not a 64-bit little-endian ELF')
    e_type, e_machine = struct.unpack_from('<HH', data, 16)
    if e_machine != EM_AARCH64:
        raise ImageError(f'{what}: not AArch64')
    if e_type != ET_DYN:
        raise ImageError(f'{what}: not ET_DYN (link it as a static-pie)')
    phoff, = struct.unpack_from('<Q', data, 32)
    phentsize, phnum = struct.unpack_from('<HH', data, 54)
    if phentsize != 56 or phoff + phnum * 56 > len(data):
        raise ImageError(f'{what}: program headers outside the file')
    out = []
    for i in range(phnum):
        p_type, _, off, vaddr, _, filesz, memsz, _ = struct.unpack_from(
            '<IIQQQQQQ', data, phoff + i * 56)
        if p_type != PT_LOAD or memsz == 0:
            continue
        if filesz > memsz or off + filesz > len(data):
            raise ImageError(f'{what}: segment {i} outside the file')
        out.append((vaddr, data[off:off + filesz], memsz))
    if not out:
        raise ImageError(f'{what}: no PT_LOAD segment')
    return out


def memory_image(segs, what):
    """The segments laid out from address 0, page-rounded at the end."""
    end = _align(max(v + m for v, _, m in segs), PAGE)
    buf = bytearray(end)
    placed = []
    for vaddr, data, memsz in sorted(segs):
        for lo, hi in placed:
            if vaddr < hi and lo < vaddr + memsz:
                raise ImageError(f'{what}: segments overlap at {vaddr:#x}')
        placed.append((vaddr, vaddr + memsz))
        buf[vaddr:vaddr + len(data)] = data
    return buf


def build(runtime, app, name):
    rt = memory_image(segments(runtime, 'runtime'), 'runtime')
    if rt[MAGIC_OFFSET:MAGIC_OFFSET + 4] != IMAGE_MAGIC:
        raise ImageError('runtime: no arm64 Image header at its start (is '
                         'it this project\'s runtime.elf?)')
    app_img = memory_image(segments(app, 'app'), 'app')
    name_bytes = name.encode()
    if len(name_bytes) >= NAME_SIZE or b'\0' in name_bytes:
        raise ImageError(f'app name {name!r}: at most {NAME_SIZE - 1} bytes')
    app_at = len(rt)
    image = rt + app_img
    struct.pack_into('<Q', image, SIZE_OFFSET, len(image))
    struct.pack_into('<Q', image, APP_OFFSET, app_at)
    image[NAME_OFFSET:NAME_OFFSET + NAME_SIZE] = \
        name_bytes.ljust(NAME_SIZE, b'\0')
    return bytes(image)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('runtime', help="the runtime ELF (build/*/runtime/)")
    ap.add_argument('app', help='a musl static-pie app ELF')
    ap.add_argument('-o', '--output', required=True, help='the Image')
    ap.add_argument('--name', help='argv[0] (default: the app file name)')
    args = ap.parse_args(argv)
    name = args.name
    if name is None:
        name = os.path.basename(args.app)
        if name.endswith('.elf'):
            name = name[:-4]
    try:
        with open(args.runtime, 'rb') as f:
            runtime = f.read()
        with open(args.app, 'rb') as f:
            app = f.read()
        image = build(runtime, app, name)
        with open(args.output, 'wb') as f:
            f.write(image)
    except (OSError, ImageError) as e:
        print(f'mkimage: {e}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
