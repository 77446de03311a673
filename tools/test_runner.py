# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Runs every test the build knows about and prints one summary line.

Usage: test_runner.py build/manifest.json [TEST=substring] [JOBS=n]

Suites:
  python test scripts   tests/**/run_*.py and tests/unit/test_*.py
  host unit tests       every host program named unit_*
  fuzz corpus replays   every host program named fuzz_*, over its corpus
  ELF checks            every gunyah_image program, per toolchain
  QEMU boots            tests/qemu/*.test, once per runtime toolchain

Each test prints PASS/FAIL with its name; the last line is
"N passed, N failed" and the exit status is 1 if anything failed.
"""

import concurrent.futures
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import time

SUMMARY = re.compile(r'^(\d+) passed, (\d+) failed', re.M)


class Result:
    def __init__(self, name, passed, failed, detail=''):
        self.name = name
        self.passed = passed
        self.failed = failed
        self.detail = detail


def run(cmd, timeout, cwd=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        return p.returncode, p.stdout.decode(errors='replace')
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode(errors='replace')
        return 124, out + f'\n(timed out after {timeout} s)\n'
    except OSError as e:
        return 127, f'cannot run {cmd[0]}: {e}\n'


def counted(name, cmd, timeout, cwd=None):
    """A program that prints its own 'N passed, N failed'."""
    status, out = run(cmd, timeout, cwd)
    m = SUMMARY.findall(out)
    if not m:
        return Result(name, 0, 1, f'no summary line (status {status})\n'
                      + out[-3000:])
    passed, failed = int(m[-1][0]), int(m[-1][1])
    if status != 0 and failed == 0:
        failed = 1
    detail = '\n'.join(line for line in out.splitlines()
                       if line.startswith('FAIL') or 'error' in line.lower())
    return Result(name, passed, failed, detail if failed else '')


def single(name, cmd, timeout, cwd=None):
    status, out = run(cmd, timeout, cwd)
    if status == 0:
        return Result(name, 1, 0)
    return Result(name, 0, 1, f'status {status}\n{out[-3000:]}')


def parse_spec(path):
    spec = {'app': None, 'runtime': 'runtime', 'status': 0, 'expect': [],
            'reject': [], 'args': [], 'timeout': 30, 'toolchains': None}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            key, _, value = line.partition(' ')
            value = value.strip()
            if key in ('expect', 'reject'):
                spec[key].append(value)
            elif key == 'stub':
                spec['args'] += shlex.split(value)
            elif key == 'status':
                spec['status'] = int(value, 0)
            elif key == 'timeout':
                spec['timeout'] = int(value)
            elif key == 'toolchains':
                spec['toolchains'] = value.split()
            elif key in ('app', 'runtime'):
                spec[key] = value
            else:
                raise ValueError(f'{path}:{n}: unknown key {key!r}')
    if not spec['app']:
        raise ValueError(f'{path}: no app')
    return spec


def qemu_test(top, m, name, spec, tc):
    progs = m['programs']
    try:
        stub = progs['bootstub']['outputs']['gnu']
        runtime = progs[spec['runtime']]['outputs'][tc]
        app = progs[spec['app']]['outputs']['apps']
    except KeyError as e:
        return Result(name, 0, 1, f'not built: {e}')
    cmd = [sys.executable, os.path.join(top, 'tools', 'qemu_run.py'),
           '--stub', stub, '--runtime', runtime, '--app', app,
           '--timeout', str(spec['timeout'])] + spec['args']
    status, out = run(cmd, spec['timeout'] + 30, cwd=top)
    problems = []
    if status != spec['status']:
        problems.append(f'exit status {status}, expected {spec["status"]}')
    for text in spec['expect']:
        if text not in out:
            problems.append(f'missing output: {text!r}')
    for text in spec['reject']:
        if text in out:
            problems.append(f'unexpected output: {text!r}')
    if problems:
        return Result(name, 0, 1, '; '.join(problems) + '\n--- output:\n'
                      + out[-4000:])
    return Result(name, 1, 0)


def jobs(top, m, flt):
    """(name, callable) for every test, in a stable order."""
    py = sys.executable
    out = []
    scripts = sorted(glob.glob(os.path.join(top, 'tests', '*', 'run_*.py')) +
                     glob.glob(os.path.join(top, 'tests', 'unit',
                                            'test_*.py')))
    for s in scripts:
        name = 'py/' + os.path.relpath(s, os.path.join(top, 'tests'))
        out.append((name, lambda s=s, n=name: counted(n, [py, s], 300, top)))
    for pname, p in sorted(m['programs'].items()):
        host = p['outputs'].get('host')
        if host and pname.startswith('unit_'):
            name = 'unit/' + pname
            out.append((name, lambda h=host, n=name: counted(
                n, [os.path.join(top, h)], 300, top)))
        if host and pname.startswith('fuzz_'):
            corpus = os.path.join(top, 'tests', 'unit', 'corpus',
                                  pname[len('fuzz_'):])
            if os.path.isdir(corpus):
                name = 'corpus/' + pname
                out.append((name, lambda h=host, c=corpus, n=name: single(
                    n, [os.path.join(top, h), '-runs=0', c], 600, top)))
    for tc in m['toolchains']:
        p = m['programs'].get('runtime', {}).get('outputs', {}).get(tc)
        if p:
            name = f'elf/{tc}/runtime'
            out.append((name, lambda p=p, n=name: single(
                n, [py, os.path.join(top, 'tools/build/elfcheck.py'),
                    '--gunyah', p], 60, top)))
    for path in sorted(glob.glob(os.path.join(top, 'tests', 'qemu',
                                              '*.test'))):
        spec = parse_spec(path)
        base = os.path.basename(path)[:-5]
        for tc in spec['toolchains'] or m['toolchains']:
            if tc not in m['toolchains']:
                continue
            name = f'qemu/{tc}/{base}'
            out.append((name, lambda s=spec, t=tc, n=name: qemu_test(
                top, m, n, s, t)))
    return [(n, f) for n, f in out if not flt or flt in n]


def main(argv):
    with open(argv[0]) as f:
        m = json.load(f)
    # For the test scripts, which find the build's outputs there.
    os.environ['RT_BUILD_DIR'] = m['build']
    opts = dict(a.split('=', 1) for a in argv[1:] if '=' in a)
    top = m['top']
    todo = jobs(top, m, opts.get('TEST'))
    workers = int(opts.get('JOBS', os.cpu_count() or 1))
    passed = failed = 0
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        futures = [(n, pool.submit(f)) for n, f in todo]
        for name, fut in futures:
            r = fut.result()
            passed += r.passed
            failed += r.failed
            if r.failed:
                print(f'FAIL {name} ({r.passed} passed, {r.failed} failed)')
                for line in r.detail.rstrip().splitlines():
                    print(f'    {line}')
            else:
                print(f'PASS {name}' + (f' ({r.passed} tests)'
                                        if r.passed > 1 else ''))
            sys.stdout.flush()
    print(f'test: {len(todo)} suites in {time.monotonic() - start:.1f} s')
    summary = f'{passed} passed, {failed} failed'
    with open(os.path.join(top, m['build'], 'test-summary.txt'), 'w') as f:
        f.write(summary + '\n')
    print(summary)
    return 1 if failed or not todo else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
