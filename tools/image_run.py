#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Boots a runtime + app as one arm64 Image in QEMU, as Linux is booted.

Usage: image_run.py --runtime RT.elf --app APP.elf [--machine el1|el2]
                    [--bootargs TEXT | -- ARGS...] [--timeout SEC]
                    [--icount [SHIFT]] [--gdb] [--log FILE]
                    [--image-out FILE] [--smp N] [--fdtput 'ARGS']...

No boot stub: tools/mkimage.py makes the Image and QEMU's -kernel enters
it with x0 = the device tree QEMU wrote. The machines:

  el1   -M virt: entered at EL1, GICv2, PSCI through hvc
  el2   -M virt,virtualization=on,gic-version=3: entered at EL2, GICv3,
        PSCI through smc

--fdtput changes the device tree: QEMU writes its own for the machine
(dumpdtb), each --fdtput's words are an fdtput command line on it, and
the boot gets the result (-dtb), as firmware would hand over a tree that
differs from QEMU's own.

The bootargs are "rt.exit=semihosting -- ARGS" unless --bootargs gives
them whole, so QEMU's exit status is the app's. Streams the console as it
arrives and exits with that status, or 124 after "image_run: timeout
after N s".
"""

import argparse
import os
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkimage  # noqa: E402
import qemu_run  # noqa: E402

MACHINES = {
    'el1': 'virt',
    'el2': 'virt,virtualization=on,gic-version=3',
}


def bootargs_for(args):
    """The command line for argv[1..] = args, quoted as Linux reads it:
    double quotes around a word with spaces, none inside one."""
    words = []
    for a in args:
        if '"' in a:
            raise ValueError(f'argument {a!r}: a kernel command line '
                             'cannot hold a double quote')
        words.append(f'"{a}"' if not a or any(c.isspace() for c in a)
                     else a)
    return ' '.join(['rt.exit=semihosting', '--'] + words)


def qemu_command(image, machine, bootargs, icount=None, gdb=False,
                 qemu='qemu-system-aarch64', cpu='max', smp=1, dtb=None):
    cmd = [qemu, '-machine', MACHINES[machine], '-cpu', cpu, '-m', '1G',
           '-smp', str(smp),
           '-nic', 'none', '-semihosting-config', 'enable=on,target=native',
           '-nographic', '-monitor', 'none', '-serial', 'stdio',
           '-no-reboot', '-kernel', image, '-append', bootargs]
    if dtb is not None:
        cmd += ['-dtb', dtb]
    if icount is not None:
        cmd += ['-icount', f'shift={icount},sleep=off']
    if gdb:
        cmd += ['-s', '-S']
    return cmd


def edited_tree(qemu, machine, cpu, smp, edits, path):
    """QEMU's own tree for the machine at path, with each edit (an fdtput
    command line, as one string) made on it."""
    subprocess.run([qemu, '-machine', f'{MACHINES[machine]},dumpdtb={path}',
                    '-cpu', cpu, '-m', '1G', '-smp', str(smp), '-nographic',
                    '-nic', 'none'], check=True, capture_output=True,
                   timeout=60)
    for e in edits:
        p = subprocess.run(['fdtput', path] + shlex.split(e),
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise ValueError(f'fdtput {e}: {p.stderr.strip()}')


def run(runtime, app, machine='el1', bootargs=None, args=(), timeout=20,
        icount=None, gdb=False, log=None, image_out=None, echo=False,
        qemu=None, cpu='max', smp=1, fdtput=()):
    """Boots once; returns (exit status, console output as str).

    icount, if not None, is the -icount shift: each instruction takes
    2**icount ns of the guest's time.

    Raises mkimage.ImageError or OSError on bad input files.
    """
    qemu = qemu or os.environ.get('QEMU', 'qemu-system-aarch64')
    if bootargs is None:
        bootargs = bootargs_for(args)
    with open(runtime, 'rb') as f:
        rt_bytes = f.read()
    with open(app, 'rb') as f:
        app_bytes = f.read()
    name = os.path.basename(app)
    if name.endswith('.elf'):
        name = name[:-len('.elf')]
    image = mkimage.build(rt_bytes, app_bytes, name)
    notes = ''
    if gdb:
        notes = ('image_run: QEMU waits for gdb on localhost:1234; the '
                 'runtime runs where QEMU loaded the Image (0x40200000 on '
                 'virt):\n  gdb-multiarch '
                 f"-ex 'target remote :1234' -ex 'add-symbol-file "
                 f"{shlex.quote(runtime)} -o 0x40200000'\n")
    with tempfile.TemporaryDirectory(prefix='image_run.') as tmp:
        path = image_out or os.path.join(tmp, 'app.img')
        with open(path, 'wb') as f:
            f.write(image)
        dtb = None
        if fdtput:
            dtb = os.path.join(tmp, 'edited.dtb')
            edited_tree(qemu, machine, cpu, smp, fdtput, dtb)
        cmd = qemu_command(path, machine, bootargs, icount, gdb, qemu, cpu,
                           smp, dtb)
        return qemu_run.boot(cmd, timeout, log, echo, notes,
                             tag='image_run')


def main(argv):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        epilog=__doc__.split('\n\n', 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--runtime', required=True, help='runtime ELF')
    ap.add_argument('--app', required=True, help='app ELF')
    ap.add_argument('--machine', choices=sorted(MACHINES), default='el1')
    ap.add_argument('--bootargs', help='the whole kernel command line')
    qemu_run.add_boot_options(ap)
    ap.add_argument('--icount', type=int, nargs='?', const=0,
                    metavar='SHIFT',
                    help='deterministic: -icount shift=SHIFT,sleep=off '
                    '(default 0)')
    ap.add_argument('--image-out', help='keep the Image in this file')
    ap.add_argument('--smp', type=int, default=1, help='CPUs (QEMU -smp)')
    ap.add_argument('--fdtput', action='append', default=[],
                    metavar="'ARGS'", help='an fdtput command line for '
                    "QEMU's device tree (quoted as one argument)")
    ap.add_argument('args', nargs='*', help="the app's argv[1..]")
    args = ap.parse_args(argv)
    # argparse drops an option's value when it is exactly "--".
    if args.bootargs == []:
        args.bootargs = '--'
    if args.bootargs is not None and args.args:
        ap.error('--bootargs gives the whole command line: no ARGS too')
    timeout = qemu_run.boot_timeout(args)
    try:
        status, _ = run(args.runtime, args.app, args.machine, args.bootargs,
                        args.args, timeout, args.icount, args.gdb, args.log,
                        args.image_out, echo=True, qemu=args.qemu,
                        cpu=args.cpu, smp=args.smp, fdtput=args.fdtput)
    except (OSError, ValueError, mkimage.ImageError,
            subprocess.SubprocessError) as e:
        print(f'image_run: {e}', file=sys.stderr)
        return 2
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
