#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Boots a runtime + app package under the EL2 boot stub in QEMU.

Usage: qemu_run.py --stub STUB.elf --runtime RT.elf --app APP.elf
                   [--heap-size N] [--stub-flags N] [--env-signature X]
                   [--env-version V] [--patch-app F=V ...] [--timeout SEC]
                   [--icount] [--gdb] [--log FILE] [--pkg-out FILE]

Streams the console as it arrives and exits with the guest's status, or
124 after "qemu_run: timeout after N s". As a module: run(...) returns
(status, console output).

Stub flags (a number, or names joined by commas): entropy-fails (1) = the
entropy hypercall fails, no-app-check (2) = the stub does not check the app
ELF, verbose (4) = the stub prints its layout and the exit status, pmu (8)
= the PMU counts EL1 instructions from the runtime's entry, entropy-tagged
(16) = entropy bytes 0xA0 | n with n counting up, no-dc (32) = HCR_EL2.DC
clear (memory Device-nGnRnE with the guest's MMU off), dirty-ap1r (64) =
the guest starts with ICC_AP1R0_EL1 bit 0 set, as firmware that left an
interrupt active would leave it.
"""

import argparse
import os
import select
import shlex
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkpkg  # noqa: E402

PKG_ADDR = 0x48000000
CONFIG_ADDR = 0x47FFF000
CONFIG_MAGIC = 0x43425453  # "STBC"
TIMEOUT_STATUS = 124
# How often a watch (see stream) is asked whether to stop a boot, seconds.
WATCH_PERIOD = 0.25
FLAG_NAMES = {'entropy-fails': 1, 'no-app-check': 2, 'verbose': 4, 'pmu': 8,
              'entropy-tagged': 16, 'no-dc': 32, 'dirty-ap1r': 64}


def config_words(pkg_size, heap_size=0, stub_flags=0, env_signature=0,
                 env_version=0):
    """(offset, u32) pairs of the stub config block (tests/bootstub/stub.h).

    Each becomes one QEMU generic-loader device (data=V,data-len=4, stored
    little-endian); u64s go in two halves, as older QEMUs assert on
    data-len=8. Zero words are left out: the stub reads zero as "default",
    and the RAM starts zeroed.
    """
    words = [(0, CONFIG_MAGIC), (4, stub_flags),
             (8, heap_size & 0xFFFFFFFF), (12, heap_size >> 32),
             (16, env_signature), (20, env_version), (24, pkg_size)]
    for off, val in words:
        if not 0 <= val <= 0xFFFFFFFF:
            raise ValueError(f'stub config value {val:#x} at +{off} does '
                             'not fit in 32 bits')
    return [(off, val) for off, val in words if val or off == 0]


def qemu_command(stub, pkg, words, icount=False, gdb=False,
                 qemu='qemu-system-aarch64', cpu='max'):
    cmd = [qemu,
           '-machine', 'virt,virtualization=on,gic-version=3',
           '-cpu', cpu, '-m', '2G', '-nic', 'none',
           '-semihosting-config', 'enable=on,target=native',
           '-nographic', '-monitor', 'none', '-serial', 'stdio',
           '-device', f'loader,file={stub},cpu-num=0',
           '-device', f'loader,file={pkg},addr={PKG_ADDR:#x},force-raw=on']
    for off, val in words:
        cmd += ['-device', f'loader,addr={CONFIG_ADDR + off:#x},'
                f'data={val:#x},data-len=4']
    if icount:
        cmd += ['-icount', 'shift=0,sleep=off']
    if gdb:
        cmd += ['-s', '-S']
    return cmd


def _gdb_hint(stub, runtime, app, where):
    return ('qemu_run: QEMU waits for gdb on localhost:1234; attach with\n'
            f"  gdb-multiarch {shlex.quote(stub)} -ex 'target remote :1234'"
            f" -ex 'add-symbol-file {shlex.quote(runtime)} "
            f"-o {where['runtime']:#x}'"
            f" -ex 'add-symbol-file {shlex.quote(app)} -o {where['app']:#x}'"
            '\n')


def stream(proc, timeout, sinks, watch=None):
    """Copies QEMU's stdout and stderr to the sinks until it exits.

    watch, if given, sees every console chunk (watch.feed(bytes)), is
    asked at least every WATCH_PERIOD seconds whether to stop the boot
    (watch.verdict(proc) returns None, or (status, message)), and adds to
    the timeout's message (watch.context() returns text).
    Returns (console bytes, None) when QEMU exited by itself, or (console
    bytes, (status, message)) when the timeout (status 124) or the watch
    stopped it.
    """
    console = bytearray()
    deadline = None if timeout is None else time.monotonic() + timeout
    fds = {proc.stdout.fileno(): 'out', proc.stderr.fileno(): 'err'}
    while fds:
        wait = None
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0:
                message = f'timeout after {timeout} s'
                if watch is not None:
                    message += watch.context()
                return bytes(console), (TIMEOUT_STATUS, message)
        if watch is not None:
            wait = WATCH_PERIOD if wait is None else min(wait, WATCH_PERIOD)
        ready, _, _ = select.select(list(fds), [], [], wait)
        for fd in ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                del fds[fd]
                continue
            if fds[fd] == 'out':
                console += chunk
                if watch is not None:
                    watch.feed(chunk)
            sinks(fds[fd], chunk)
        if watch is not None and fds:
            stop = watch.verdict(proc)
            if stop is not None:
                return bytes(console), stop
    return bytes(console), None


def _stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.wait()


def run(stub, runtime, app, heap_size=0, stub_flags=0, env_signature=0,
        env_version=0, patch_app=(), timeout=20, icount=False, gdb=False,
        log=None, pkg_out=None, echo=False, qemu=None, cpu='max'):
    """Boots once; returns (exit status, console output as str).

    echo copies the console to our stdout as it arrives; QEMU's stderr and
    the launcher's notes always go to our stderr. log names a file that
    gets all of it. timeout=None waits forever. Raises mkpkg.PackageError
    or OSError on bad input files.
    """
    qemu = qemu or os.environ.get('QEMU', 'qemu-system-aarch64')
    if isinstance(patch_app, str):
        patch_app = [patch_app]
    with open(runtime, 'rb') as f:
        rt_bytes = f.read()
    with open(app, 'rb') as f:
        app_bytes = mkpkg.patch_app(f.read(), list(patch_app))
    pkg = mkpkg.build(rt_bytes, app_bytes)
    notes = ''.join(f'qemu_run: warning: {w}\n' for w in mkpkg.warnings(pkg))

    with tempfile.TemporaryDirectory(prefix='qemu_run.') as tmp:
        pkg_path = pkg_out or os.path.join(tmp, 'pkg.bin')
        with open(pkg_path, 'wb') as f:
            f.write(pkg)
        words = config_words(len(pkg), heap_size, stub_flags, env_signature,
                             env_version)
        cmd = qemu_command(stub, pkg_path, words, icount, gdb, qemu, cpu)
        if gdb:
            try:
                where = mkpkg.layout(rt_bytes, app_bytes, heap_size)
            except (mkpkg.PackageError, struct.error):
                where = {'runtime': mkpkg.RUNTIME_BASE, 'app': 0}
            notes += _gdb_hint(stub, runtime, app, where)
        return boot(cmd, timeout, log, echo, notes)


def boot(cmd, timeout, log, echo, notes, watch=None, tag='qemu_run'):
    """Runs the QEMU command line cmd; returns (status, console as str).

    The status is QEMU's (the guest's, through semihosting), or the one
    the timeout or the watch stopped it with; then a line "TAG: MESSAGE"
    ends the console. watch, if given, makes the watch (see stream) from
    the QEMU process.
    """
    logf = open(log, 'wb') if log else None

    # QEMU's own complaints and ours always reach stderr; the console
    # reaches stdout only when echoing.
    def sinks(kind, data):
        if echo or kind == 'err':
            out = sys.stdout if kind == 'out' else sys.stderr
            out.buffer.write(data)
            out.flush()
        if logf:
            logf.write(data)
            logf.flush()

    try:
        if logf:
            logf.write(f'# {shlex.join(cmd)}\n'.encode())
        if notes:
            sinks('err', notes.encode())
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        try:
            console, stopped = stream(proc, timeout, sinks,
                                      watch(proc) if watch else None)
            if stopped is None:
                # Its pipes are closed: QEMU is exiting, let it finish
                # rather than signal it and lose the status.
                proc.wait(timeout=10)
        finally:
            _stop(proc)
            proc.stdout.close()
            proc.stderr.close()
        if stopped is not None:
            status, message = stopped
            msg = f'\n{tag}: {message}\n'.encode()
            sinks('out', msg)
            return status, (console + msg).decode(errors='replace')
        status = proc.returncode
        if status < 0:
            status = 128 - status
        return status, console.decode(errors='replace')
    finally:
        if logf:
            logf.close()


def _size(text):
    """An integer, with an optional K, M or G suffix (powers of 1024)."""
    scale = {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}
    text = text.strip()
    if text and text[-1].upper() in scale:
        return int(text[:-1], 0) * scale[text[-1].upper()]
    return int(text, 0)


def _flags(text):
    """A number, or names joined by commas (entropy-fails,no-app-check)."""
    try:
        return int(text, 0)
    except ValueError:
        pass
    value = 0
    for name in text.split(','):
        if name not in FLAG_NAMES:
            raise argparse.ArgumentTypeError(
                f'unknown stub flag {name!r} (one of '
                f'{", ".join(FLAG_NAMES)})')
        value |= FLAG_NAMES[name]
    return value


def add_package_options(ap):
    """What the stub boots: the stub, the runtime, the app and its heap."""
    ap.add_argument('--stub', required=True, help='boot stub ELF')
    ap.add_argument('--runtime', required=True, help='runtime ELF')
    ap.add_argument('--app', required=True, help='app ELF')
    ap.add_argument('--heap-size', type=_size, default=0,
                    help='app heap bytes (default 32M)')


def add_boot_options(ap):
    """The options of every launcher that boots through boot(), alike."""
    ap.add_argument('--timeout', type=float, default=None,
                    help='seconds before QEMU is killed (default 20; '
                    'none with --gdb)')
    ap.add_argument('--gdb', action='store_true',
                    help='start halted, gdb server on :1234')
    ap.add_argument('--log', help='also write the console to this file')
    ap.add_argument('--qemu', help='QEMU binary (default $QEMU or '
                    'qemu-system-aarch64)')
    ap.add_argument('--cpu', default='max',
                    help="QEMU's -cpu (default max; cortex-a57 has no RNDR)")


def boot_timeout(args):
    """--timeout as boot() takes it: 20 s unless given, none under gdb;
    whole seconds print as such."""
    timeout = args.timeout
    if timeout is None and not args.gdb:
        timeout = 20
    if timeout is not None and timeout == int(timeout):
        timeout = int(timeout)
    return timeout


def main(argv):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        epilog=__doc__.split('\n\n', 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_package_options(ap)
    ap.add_argument('--stub-flags', type=_flags, default=0,
                    help='stub flags: a number or names')
    ap.add_argument('--env-signature', type=_size, default=0,
                    help='env signature to hand over instead of the right one')
    ap.add_argument('--env-version', type=_size, default=0,
                    help='env version to hand over instead of 1')
    ap.add_argument('--patch-app', action='append', default=[],
                    metavar='FIELD=VALUE',
                    help='damage the app ELF (see mkpkg.py --help)')
    add_boot_options(ap)
    ap.add_argument('--icount', action='store_true',
                    help='deterministic: -icount shift=0,sleep=off')
    ap.add_argument('--pkg-out', help='keep the package in this file')
    args = ap.parse_args(argv)
    timeout = boot_timeout(args)
    try:
        status, _ = run(args.stub, args.runtime, args.app,
                        heap_size=args.heap_size, stub_flags=args.stub_flags,
                        env_signature=args.env_signature,
                        env_version=args.env_version,
                        patch_app=args.patch_app, timeout=timeout,
                        icount=args.icount, gdb=args.gdb, log=args.log,
                        pkg_out=args.pkg_out, echo=True, qemu=args.qemu,
                        cpu=args.cpu)
    except (OSError, ValueError, mkpkg.PackageError) as e:
        print(f'qemu_run: {e}', file=sys.stderr)
        return 2
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
