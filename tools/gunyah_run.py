#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Boots a runtime + app as the root VM of the real Gunyah hypervisor.

Usage: gunyah_run.py --gunyah DIR --runtime RT.elf --app APP.elf
                     [--timeout SEC] [--icount SHIFT] [--gdb] [--log FILE]
                     [--pkg-out FILE] [--patch-app FIELD=VALUE ...]
       gunyah_run.py --gunyah DIR --runtime RT.elf --rm VERSION
                     --primary PRIMARY.elf [--dtb-out FILE] [...]

DIR holds the hypervisor built for QEMU (hyp.elf, with its symbol table)
and, for --rm, the Resource Manager as resource-manager-musl-VERSION.elf;
--hyp and --app name other files. The package (tools/mkpkg.py) goes where
the hypervisor's symbol image_pkg_start says; only 512 KiB of it are
mapped, so the ELFs are stripped if they do not fit as they are. With
--rm, RM is the app, and it starts the primary VM (PRIMARY: an ELF, or a
raw image loaded at --primary-addr) from QEMU's own device tree without
the GIC ITS and msi-map (made with dtc and fdtput) at --dt-addr.

Streams the console as it arrives and exits with the guest's status (it
ends QEMU through semihosting, which works from EL1 of a VM under the
hypervisor), or with
  124  timeout: the message names the last stage reached (hypervisor
       banner, package processed, root VM output, RM banner, RM init
       completed, primary VM output) and the last line
  125  the VM went idle: no output and no CPU time for IDLE_SECONDS, every
       CPU halted. Gunyah suspends a CPU whose vCPUs all wait in wfi and
       counts on the GIC to wake it; QEMU never does. So a runtime parked
       after its exit call (which Gunyah does not implement) ends here,
       and so does any wfi with nothing else to run (tests/qemu/sleep.test)
  126  the hypervisor panicked (its [HYP] Panic line is kept)
  2    bad input: a missing file or tool, a package too big for the
       window
As a module: run(...) returns (status, console output).
"""

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkpkg  # noqa: E402
import qemu_run  # noqa: E402

IDLE_STATUS = 125
PANIC_STATUS = 126
BAD_INPUT_STATUS = 2
IDLE_SECONDS = 2.0
IDLE_CPU_SHARE = 0.02
PANIC_GRACE = 0.5

# Gunyah's qemu platform (config/platform/qemu.conf): where RM expects the
# primary VM's device tree and image, and the machine it was built for
# (fewer than 8 CPUs make it panic).
DT_ADDR = 0x40F00000
PRIMARY_ADDR = 0x41000000
MACHINE = 'virt,virtualization=on,gic-version=3,highmem=off'
CPU = 'max,sve128=on'
SMP = '8'
MEMORY = '2G'
DT_MEMORY = '1G'  # what RM hands the primary VM
PKG_SYMBOL = 'image_pkg_start'
STRIP_TOOLS = ('llvm-strip', 'aarch64-linux-gnu-strip',
               'aarch64-none-elf-strip')

# Stages of a boot, each with the console text that shows it was reached.
STAGES = [
    ('hypervisor banner', '[HYP] Hypervisor cold boot'),
    ('package processed', '[HYP] app_heap_ipa'),
    ('root VM output', None),  # any line not from the hypervisor
    ('RM banner', '[RM]'),
    ('RM init completed', 'Init completed'),
    ('primary VM output', 'primary:'),
]


class InputError(Exception):
    pass


def elf_symbol(path, name):
    """The value of symbol name in the ELF64 file at path, or None."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:4] != b'\x7fELF' or data[4] != 2:
        raise InputError(f'{path}: not an ELF64 file')
    shoff, = struct.unpack_from('<Q', data, 40)
    shentsize, shnum = struct.unpack_from('<HH', data, 58)
    sections = [struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize)
                for i in range(shnum)]
    want = name.encode()
    for sh in sections:
        # (name, type, flags, addr, offset, size, link, info, align, entsize)
        if sh[1] != 2 or sh[9] != 24:  # SHT_SYMTAB, Elf64_Sym
            continue
        strtab = sections[sh[6]]
        for off in range(sh[4], sh[4] + sh[5], 24):
            st_name, = struct.unpack_from('<I', data, off)
            start = strtab[4] + st_name
            end = data.index(b'\0', start)
            if data[start:end] == want:
                return struct.unpack_from('<Q', data, off + 8)[0]
    return None


def _strip(data, tmp, what):
    tool = next((t for t in STRIP_TOOLS if shutil.which(t)), None)
    if tool is None:
        raise InputError(f'cannot strip {what}: none of '
                         f'{", ".join(STRIP_TOOLS)} is installed')
    src = os.path.join(tmp, 'unstripped.elf')
    dst = os.path.join(tmp, 'stripped.elf')
    with open(src, 'wb') as f:
        f.write(data)
    p = subprocess.run([tool, '--strip-all', '-o', dst, src],
                       capture_output=True, text=True)
    stripped = b''
    if p.returncode == 0:
        with open(dst, 'rb') as f:
            stripped = f.read()
    # Some strips turn what is not an ELF into an empty file, silently.
    if stripped[:4] != b'\x7fELF':
        raise InputError(f'cannot strip {what}: not an ELF file '
                         f'({tool}: {p.stderr.strip() or "no output"})')
    return stripped


def package(runtime, app, tmp, app_name='the app'):
    """(package bytes, notes): stripped as needed to fit Gunyah's window."""
    pkg = mkpkg.build(runtime, app)
    notes = ''
    if len(pkg) > mkpkg.GUNYAH_WINDOW:
        before = len(pkg)
        runtime = _strip(runtime, tmp, 'the runtime')
        app = _strip(app, tmp, app_name)
        pkg = mkpkg.build(runtime, app)
        notes = (f'gunyah_run: the package was {before} bytes; stripped to '
                 f'{len(pkg)}\n')
    if len(pkg) > mkpkg.GUNYAH_WINDOW:
        raise InputError(
            f'the package is too big for the {mkpkg.GUNYAH_WINDOW // 1024} '
            f'KiB window Gunyah maps: {len(pkg)} bytes even stripped '
            f'(runtime {len(runtime)}, {app_name} {len(app)})')
    return pkg, notes


def _fdt_nodes(dtb):
    """(path, {property names}) of every node of a flattened device tree."""
    magic, _, off_struct, off_strings = struct.unpack_from('>IIII', dtb, 0)
    if magic != 0xD00DFEED:
        raise InputError('not a flattened device tree')
    nodes, stack, p = [], [], off_struct
    while True:
        token, = struct.unpack_from('>I', dtb, p)
        p += 4
        if token == 1:  # FDT_BEGIN_NODE
            end = dtb.index(b'\0', p)
            name = dtb[p:end].decode()
            p = (end + 4) & ~3
            stack.append(name)
            path = '/' + '/'.join(n for n in stack if n)
            nodes.append((path, set()))
        elif token == 2:  # FDT_END_NODE
            stack.pop()
        elif token == 3:  # FDT_PROP
            size, nameoff = struct.unpack_from('>II', dtb, p)
            end = dtb.index(b'\0', off_strings + nameoff)
            prop = dtb[off_strings + nameoff:end].decode()
            value = dtb[p + 8:p + 8 + size]
            nodes[-1][1].add(prop)
            if prop == 'compatible':
                nodes[-1][1].update('compatible=' + c.decode()
                                    for c in value.split(b'\0') if c)
            p += 8 + ((size + 3) & ~3)
        elif token == 4:  # FDT_NOP
            continue
        else:  # FDT_END
            return nodes


def make_dtb(qemu, out, tmp):
    """QEMU virt's device tree as RM on Gunyah's qemu platform wants it."""
    for tool in ('dtc', 'fdtput'):
        if shutil.which(tool) is None:
            raise InputError(f'{tool} is missing (Debian package '
                             'device-tree-compiler; tools/setup.sh installs '
                             'it)')
    raw = os.path.join(tmp, 'virt.dtb')
    p = subprocess.run([qemu, '-machine', f'{MACHINE},dumpdtb={raw}',
                        '-cpu', CPU, '-m', DT_MEMORY, '-smp', SMP,
                        '-nographic', '-nic', 'none'],
                       stdin=subprocess.DEVNULL, capture_output=True)
    if not os.path.exists(raw):
        raise InputError('QEMU did not dump its device tree: '
                         + p.stderr.decode(errors='replace'))
    with open(raw, 'rb') as f:
        nodes = _fdt_nodes(f.read())
    # The ITS first: removing a node keeps the other paths valid.
    for path, props in nodes:
        if 'compatible=arm,gic-v3-its' in props:
            subprocess.run(['fdtput', '-r', raw, path], check=True)
    for path, props in nodes:
        if 'msi-map' in props:
            subprocess.run(['fdtput', '-d', raw, path, 'msi-map'],
                           check=True)
    # Compacted: QEMU's dump is padded to 1 MiB, all of the room there is
    # below the primary VM's image.
    subprocess.run(['dtc', '-q', '-I', 'dtb', '-O', 'dtb', '-o', out, raw],
                   check=True)


class Watch:
    """Follows a boot's console and QEMU's CPU time (see qemu_run.stream)."""

    def __init__(self, proc, idle=True):
        self.pid = proc.pid
        self.idle = idle
        self.text = ''
        self.stage = 'QEMU started (no output)'
        self.stage_index = -1
        self.last_line = ''
        self.panic_at = None
        self.panic_line = ''
        self.quiet_since = time.monotonic()
        self.cpu_at_quiet = self._cpu()
        self.tick = os.sysconf('SC_CLK_TCK')

    def _cpu(self):
        try:
            with open(f'/proc/{self.pid}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
            return int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            return None

    def feed(self, chunk):
        self.quiet_since = time.monotonic()
        self.cpu_at_quiet = self._cpu()
        self.text += chunk.decode(errors='replace')
        lines = self.text.split('\n')
        self.text = lines.pop()
        for line in lines:
            self._line(line.rstrip('\r'))

    def _line(self, line):
        if line.strip():
            self.last_line = line
        if line.startswith('[HYP]') and ('Panic:' in line
                                         or 'Abort:' in line):
            if self.panic_at is None:
                self.panic_at = time.monotonic()
                self.panic_line = line
        for i, (name, marker) in enumerate(STAGES):
            if i <= self.stage_index:
                continue
            hit = (marker in line if marker is not None else
                   self.stage_index >= 1 and line.strip() and
                   not line.startswith('[HYP]'))
            if hit:
                self.stage_index, self.stage = i, name

    def context(self):
        last = f'; last line: {self.last_line!r}' if self.last_line else ''
        return f'; last stage reached: {self.stage}{last}'

    def verdict(self, proc):
        now = time.monotonic()
        if self.panic_at is not None and now - self.panic_at >= PANIC_GRACE:
            return PANIC_STATUS, ('the hypervisor panicked: '
                                  + self.panic_line)
        if not self.idle or now - self.quiet_since < IDLE_SECONDS:
            return None
        cpu = self._cpu()
        if cpu is None or self.cpu_at_quiet is None:
            return None
        used = (cpu - self.cpu_at_quiet) / self.tick
        if used < IDLE_CPU_SHARE * (now - self.quiet_since):
            return IDLE_STATUS, (
                f'the VM went idle: no output and {used:.2f} s of CPU in '
                f'{now - self.quiet_since:.1f} s, every CPU halted'
                + self.context())
        # Busy but silent: measure the next stretch afresh.
        self.quiet_since, self.cpu_at_quiet = now, cpu
        return None


def qemu_command(qemu, hyp, pkg, pkg_addr, dtb=None, primary=None,
                 primary_addr=PRIMARY_ADDR, dt_addr=DT_ADDR, icount=None,
                 gdb=False):
    cmd = [qemu, '-machine', MACHINE, '-cpu', CPU, '-m', MEMORY,
           '-smp', SMP, '-nographic', '-nic', 'none', '-kernel', hyp,
           '-device', f'loader,file={pkg},addr={pkg_addr:#x},force-raw=on',
           '-monitor', 'none',
           # Semihosting's console (SYS_WRITEC, SYS_WRITE0) shares the
           # serial port's stdout, so what it prints is in order.
           '-chardev', 'stdio,id=console,mux=on', '-serial', 'chardev:console',
           '-semihosting-config', 'enable=on,target=native,chardev=console']
    if dtb is not None:
        cmd += ['-device', f'loader,file={dtb},addr={dt_addr:#x},'
                'force-raw=on']
    if primary is not None:
        with open(primary, 'rb') as f:
            is_elf = f.read(4) == b'\x7fELF'
        # An ELF goes where its program headers say.
        cmd += ['-device', f'loader,file={primary}' if is_elf else
                f'loader,file={primary},addr={primary_addr:#x},force-raw=on']
    if icount is not None:
        cmd += ['-icount', f'shift={icount},sleep=off']
    if gdb:
        cmd += ['-s', '-S']
    return cmd


def run(gunyah, runtime, app=None, rm=None, primary=None, hyp=None,
        timeout=30, icount=None, gdb=False, log=None, pkg_out=None,
        dtb_out=None, patch_app=(), echo=False, qemu=None,
        primary_addr=PRIMARY_ADDR, dt_addr=DT_ADDR, idle=True):
    """Boots once; returns (exit status, console output as str).

    app is the app ELF; or rm is the RM version (resource-manager-musl-
    VERSION.elf in gunyah) and primary the primary VM's image. Raises
    InputError, mkpkg.PackageError or OSError on bad input.
    """
    qemu = qemu or os.environ.get('QEMU', 'qemu-system-aarch64')
    hyp = hyp or os.path.join(gunyah, 'hyp.elf')
    if app is None:
        if rm is None:
            raise InputError('an app or an RM version is needed')
        app = os.path.join(gunyah, f'resource-manager-musl-{rm}.elf')
    for path in (hyp, runtime, app) + ((primary,) if primary else ()):
        if not os.path.isfile(path):
            raise InputError(f'{path}: no such file')
    pkg_addr = elf_symbol(hyp, PKG_SYMBOL)
    if pkg_addr is None:
        raise InputError(f'{hyp}: no symbol {PKG_SYMBOL} (keep the symbol '
                         'table: strip with -d, not --strip-all)')
    with open(runtime, 'rb') as f:
        rt_bytes = f.read()
    with open(app, 'rb') as f:
        app_bytes = mkpkg.patch_app(f.read(), list(patch_app))
    with tempfile.TemporaryDirectory(prefix='gunyah_run.') as tmp:
        pkg, notes = package(rt_bytes, app_bytes, tmp,
                             os.path.basename(app))
        pkg_path = pkg_out or os.path.join(tmp, 'pkg.bin')
        with open(pkg_path, 'wb') as f:
            f.write(pkg)
        dtb = None
        if primary is not None:
            dtb = dtb_out or os.path.join(tmp, 'rm.dtb')
            make_dtb(qemu, dtb, tmp)
        cmd = qemu_command(qemu, hyp, pkg_path, pkg_addr, dtb, primary,
                           primary_addr, dt_addr, icount, gdb)
        if gdb:
            notes += ('gunyah_run: QEMU waits for gdb on localhost:1234; '
                      f'the runtime runs at {mkpkg.RUNTIME_BASE:#x}\n')
            timeout = None

        return qemu_run.boot(cmd, timeout, log, echo, notes,
                             watch=lambda proc: Watch(proc, idle and not gdb),
                             tag='gunyah_run')


def main(argv):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        epilog=__doc__.split('\n\n', 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--gunyah', required=True,
                    help='folder with hyp.elf and the RM ELFs')
    ap.add_argument('--runtime', required=True, help='runtime ELF')
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument('--app', help='app ELF, the root VM')
    what.add_argument('--rm', metavar='VERSION',
                      help='RM as the app: resource-manager-musl-VERSION.elf')
    ap.add_argument('--primary', help='primary VM image (with --rm)')
    ap.add_argument('--hyp', help='hypervisor ELF (default DIR/hyp.elf)')
    ap.add_argument('--timeout', type=float, default=30,
                    help='seconds before QEMU is stopped (default 30)')
    ap.add_argument('--icount', type=int, metavar='SHIFT',
                    help='-icount shift=SHIFT,sleep=off')
    ap.add_argument('--no-idle', action='store_true',
                    help='do not stop a boot that went idle')
    ap.add_argument('--gdb', action='store_true',
                    help='start halted, gdb server on :1234, no timeout')
    ap.add_argument('--log', help='also write the console to this file')
    ap.add_argument('--pkg-out', help='keep the package in this file')
    ap.add_argument('--dtb-out', help='keep the device tree in this file')
    ap.add_argument('--patch-app', action='append', default=[],
                    metavar='FIELD=VALUE',
                    help='damage the app ELF (see mkpkg.py --help)')
    ap.add_argument('--primary-addr', type=lambda v: int(v, 0),
                    default=PRIMARY_ADDR,
                    help=f'raw primary image address ({PRIMARY_ADDR:#x})')
    ap.add_argument('--dt-addr', type=lambda v: int(v, 0), default=DT_ADDR,
                    help=f'device tree address ({DT_ADDR:#x})')
    ap.add_argument('--qemu', help='QEMU binary (default $QEMU or '
                    'qemu-system-aarch64)')
    args = ap.parse_args(argv)
    if args.primary and not args.rm:
        ap.error('--primary goes with --rm')
    timeout = args.timeout
    if timeout == int(timeout):
        timeout = int(timeout)
    try:
        status, _ = run(args.gunyah, args.runtime, app=args.app, rm=args.rm,
                        primary=args.primary, hyp=args.hyp, timeout=timeout,
                        icount=args.icount, gdb=args.gdb, log=args.log,
                        pkg_out=args.pkg_out, dtb_out=args.dtb_out,
                        patch_app=args.patch_app, echo=True, qemu=args.qemu,
                        primary_addr=args.primary_addr,
                        dt_addr=args.dt_addr, idle=not args.no_idle)
    except (OSError, InputError, mkpkg.PackageError,
            subprocess.CalledProcessError) as e:
        print(f'gunyah_run: {e}', file=sys.stderr)
        return BAD_INPUT_STATUS
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
