#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""A musl program using only our syscalls behaves as it does under Linux.

Runs the sys_compare static-pie twice: under qemu-aarch64 (user mode: the
host's Linux kernel answers its syscalls) and booted on our runtime under
the EL2 boot stub (tools/qemu_run.py), once per runtime toolchain built.
The lines between "sys_compare: begin" and "sys_compare: end" and the exit
status must be the same.

The build directory is $RT_BUILD_DIR (tools/test_runner.py sets it),
default build, relative to the repository top. Prints PASS/FAIL lines and
"N passed, N failed"; exits 1 if anything failed.
"""

import json
import os
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, 'tools'))
import qemu_run  # noqa: E402

APP = 'sys_compare'
BEGIN = 'sys_compare: begin'
END = 'sys_compare: end'
TIMEOUT = 60
SHOWN_DIFFS = 10


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def report(self, ok, name, detail=''):
        print(f'{"PASS" if ok else "FAIL"} {name}'
              + (f': {detail}' if detail else ''))
        if ok:
            self.passed += 1
        else:
            self.failed += 1


def app_lines(output):
    """The app's lines from BEGIN to END, or None if either is missing.

    Under our runtime the console also carries the boot stub's and the
    runtime's own lines, so only the marked span is the app's.
    """
    lines = [line.rstrip('\r') for line in output.splitlines()]
    try:
        start = lines.index(BEGIN)
        end = lines.index(END, start)
    except ValueError:
        return None
    return lines[start:end + 1]


def first_diffs(want, got):
    """Up to SHOWN_DIFFS (line number, Linux's line, ours), 1-based."""
    out = []
    for i in range(max(len(want), len(got))):
        a = want[i] if i < len(want) else '<missing>'
        b = got[i] if i < len(got) else '<missing>'
        if a != b:
            out.append((i + 1, a, b))
            if len(out) == SHOWN_DIFFS:
                break
    return out


def build_dir():
    b = os.environ.get('RT_BUILD_DIR', 'build')
    return b if os.path.isabs(b) else os.path.join(TOP, b)


def outputs(build):
    """(app, stub, {toolchain: runtime}) from the build's manifest."""
    with open(os.path.join(build, 'manifest.json')) as f:
        m = json.load(f)
    progs = m['programs']

    def path(p):
        return p if os.path.isabs(p) else os.path.join(TOP, p)

    app = path(progs[APP]['outputs']['apps'])
    stub = path(progs['bootstub']['outputs']['gnu'])
    runtimes = {tc: path(progs['runtime']['outputs'][tc])
                for tc in m['toolchains']
                if tc in progs['runtime']['outputs']}
    return app, stub, runtimes


def run_linux(app):
    """(status, stdout) of the app under qemu-aarch64 on the host kernel."""
    try:
        p = subprocess.run(['qemu-aarch64', app], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return 124, ''
    if p.stderr:
        sys.stderr.write(p.stderr.decode(errors='replace'))
    return p.returncode, p.stdout.decode(errors='replace')


def main():
    t = Tally()
    build = build_dir()
    try:
        app, stub, runtimes = outputs(build)
    except (OSError, KeyError, ValueError) as e:
        t.report(False, 'linux-compare/build',
                 f'{APP}, bootstub or runtime not built in {build} ({e})')
        print(f'{t.passed} passed, {t.failed} failed')
        return 1

    if shutil.which('qemu-aarch64') is None:
        t.report(False, 'linux-compare/linux',
                 'qemu-aarch64 not found (tools/setup.sh installs '
                 'qemu-user)')
        print(f'{t.passed} passed, {t.failed} failed')
        return 1
    linux_status, linux_out = run_linux(app)
    want = app_lines(linux_out)
    t.report(want is not None and linux_status == 0, 'linux-compare/linux',
             f'{APP} under qemu-aarch64: status {linux_status}, '
             + (f'{len(want)} lines' if want is not None else
                f'no "{BEGIN}" ... "{END}" span'))
    if want is None:
        print(f'{t.passed} passed, {t.failed} failed')
        return 1

    for tc, runtime in sorted(runtimes.items()):
        name = f'linux-compare/{tc}'
        status, out = qemu_run.run(stub, runtime, app, timeout=TIMEOUT)
        got = app_lines(out)
        if got is None:
            t.report(False, name, f'status {status}, no "{BEGIN}" ... '
                     f'"{END}" span; console:\n{out[-3000:]}')
            continue
        diffs = first_diffs(want, got)
        problems = []
        if status != linux_status:
            problems.append(f'status {status}, under Linux {linux_status}')
        if diffs:
            # The first difference goes on the FAIL line itself, which is
            # the line tools/test_runner.py shows; the rest follow it.
            n = sum(a != b for a, b in zip(want, got))
            n += abs(len(want) - len(got))
            line, a, b = diffs[0]
            problems.append(
                f'{n} of {len(want)} lines differ from the Linux run; '
                f'line {line}: Linux {a!r}, runtime {b!r}'
                + ''.join(f'\n  line {i}:\n    Linux:   {x}\n'
                          f'    runtime: {y}' for i, x, y in diffs[1:]))
        t.report(not problems, name,
                 '; '.join(problems) if problems else
                 f'{len(got)} lines and status {status} as under Linux')
    print(f'{t.passed} passed, {t.failed} failed')
    return 1 if t.failed else 0


if __name__ == '__main__':
    sys.exit(main())
