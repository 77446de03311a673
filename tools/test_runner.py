# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Runs every test the build knows about and prints one summary line.

Usage: test_runner.py build/manifest.json [TEST=substring] [JOBS=n]
                      [GUNYAH=DIR]

Suites:
  python test scripts   tests/**/run_*.py and tests/unit/test_*.py
  host unit tests       every host program named unit_*
  fuzz corpus replays   every host program named fuzz_*, over its corpus
  ELF checks            every gunyah_image program, per toolchain
  QEMU boots            tests/qemu/*.test, once per runtime toolchain,
                        under the boot stub (qemu/...), as an arm64 Image
                        on each machine of tools/image_run.py
                        (image/TC/MACHINE/...) and, with GUNYAH, as the
                        root VM of the real hypervisor (gunyah/...)
  RM end to end         tests/gunyah/*.test, with GUNYAH

GUNYAH names a folder holding the hypervisor (hyp.elf), the RM builds and
the existing runtime, as ../shared/gunyah does (README: "Under the real
Gunyah"). Without it the real-Gunyah tests are counted as skipped, and a
line "N skipped (...)" says so before the summary.

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


HYPERVISORS = ('stub', 'gunyah', 'image')
IMAGE_MACHINES = ('el1', 'el2')
STUB_ONLY_OPTIONS = ('--stub-flags', '--env-signature', '--env-version',
                     '--cpu')
# Seconds a real-Gunyah boot gets unless its .test says otherwise: the
# launcher stops a boot that went idle after 2 s of nothing, so only a
# guest that spins silently uses all of it.
GUNYAH_TIMEOUT = 20


def parse_spec(path):
    """A .test file: what to boot, where, and what the boot must show.

    Keys (README "Tests"): app, runtime, stub (qemu_run.py options),
    status, expect, reject, timeout, toolchains; on (some of stub, gunyah
    and image: where it runs, default all three); machines (the image
    machines, default both); cpu (QEMU's -cpu under the stub and as an
    Image; Gunyah's launcher keeps its own); image_argv (argv[1..] as an
    Image) or image_bootargs (its whole command line); image_smp (CPUs)
    and image_fdtput (an fdtput command line on QEMU's device tree, one
    a line); rm and primary (an RM
    end-to-end test: RM VERSION as the app, PRIMARY as the primary VM;
    gunyah only). status/expect/reject/timeout prefixed with stub_,
    gunyah_ or image_ apply under that one only, in place of (status,
    timeout) or besides (expect, reject) the plain key.
    """
    spec = {'app': None, 'runtime': 'runtime', 'args': [],
            'toolchains': None, 'on': list(HYPERVISORS), 'rm': None,
            'primary': None, 'machines': list(IMAGE_MACHINES),
            'image_argv': [], 'image_bootargs': None, 'cpu': None,
            'image_smp': 1, 'image_fdtput': []}
    for where in HYPERVISORS:
        spec[where] = {'status': None, 'expect': [], 'reject': [],
                       'timeout': None}
    spec['all'] = {'status': 0, 'expect': [], 'reject': [], 'timeout': None}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            key, _, value = line.partition(' ')
            value = value.strip()
            scope, _, base = key.partition('_')
            if scope in HYPERVISORS and base in ('status', 'expect',
                                                 'reject', 'timeout'):
                target = spec[scope]
            else:
                target, base = spec['all'], key
            if base in ('expect', 'reject'):
                target[base].append(value)
            elif base in ('status', 'timeout'):
                target[base] = int(value, 0)
            elif key == 'stub':
                spec['args'] += shlex.split(value)
            elif key == 'toolchains':
                spec['toolchains'] = value.split()
            elif key == 'on':
                spec['on'] = value.split()
                if not spec['on'] or any(w not in HYPERVISORS
                                         for w in spec['on']):
                    raise ValueError(f'{path}:{n}: on takes some of '
                                     f'{", ".join(HYPERVISORS)}')
            elif key == 'machines':
                spec['machines'] = value.split()
                if not spec['machines'] or any(
                        w not in IMAGE_MACHINES for w in spec['machines']):
                    raise ValueError(f'{path}:{n}: machines takes some of '
                                     f'{", ".join(IMAGE_MACHINES)}')
            elif key == 'image_argv':
                spec['image_argv'] = shlex.split(value)
            elif key == 'image_bootargs':
                spec['image_bootargs'] = value
            elif key == 'image_smp':
                spec['image_smp'] = int(value, 0)
            elif key == 'image_fdtput':
                spec['image_fdtput'].append(value)
            elif key in ('app', 'runtime', 'rm', 'primary', 'cpu'):
                spec[key] = value
            else:
                raise ValueError(f'{path}:{n}: unknown key {key!r}')
    if spec['rm']:
        if not spec['primary'] or spec['app']:
            raise ValueError(f'{path}: rm needs primary, and no app')
        spec['on'] = ['gunyah']
    elif not spec['app']:
        raise ValueError(f'{path}: no app')
    if spec['image_argv'] and spec['image_bootargs'] is not None:
        raise ValueError(f'{path}: image_bootargs is the whole command '
                         'line: no image_argv besides')
    # Under Gunyah only --patch-app applies; the heap is what Gunyah
    # leaves, and nothing can fake what these change.
    if 'gunyah' in spec['on'] and (spec['cpu'] or any(
            a in STUB_ONLY_OPTIONS for a in spec['args'])):
        raise ValueError(f'{path}: {", ".join(STUB_ONLY_OPTIONS)} mean '
                         'nothing under Gunyah: add "on stub"')
    # An Image has no package, no env structure and no heap size to set.
    if 'image' in spec['on'] and spec['args']:
        raise ValueError(f'{path}: stub options mean nothing to an Image: '
                         'say where it runs with "on"')
    return spec


def expected(spec, where):
    """(status, expect, reject, timeout) of a spec under one hypervisor."""
    own, common = spec[where], spec['all']
    status = own['status'] if own['status'] is not None else common['status']
    timeout = own['timeout'] or common['timeout'] or (
        GUNYAH_TIMEOUT if where == 'gunyah' else 30)
    return (status, common['expect'] + own['expect'],
            common['reject'] + own['reject'], timeout)


def check_boot(name, spec, where, cmd, cwd):
    status_want, expect, reject, timeout = expected(spec, where)
    # After the script's name: an Image's argv ends the command line.
    cmd = cmd[:2] + ['--timeout', str(timeout)] + cmd[2:]
    status, out = run(cmd, timeout + 30, cwd=cwd)
    problems = []
    if status != status_want:
        problems.append(f'exit status {status}, expected {status_want}')
    for text in expect:
        if text not in out:
            problems.append(f'missing output: {text!r}')
    for text in reject:
        if text in out:
            problems.append(f'unexpected output: {text!r}')
    if problems:
        return Result(name, 0, 1, '; '.join(problems) + '\n--- output:\n'
                      + out[-4000:])
    return Result(name, 1, 0)


def qemu_test(top, m, name, spec, tc):
    progs = m['programs']
    try:
        stub = progs['bootstub']['outputs']['gnu']
        runtime = progs[spec['runtime']]['outputs'][tc]
        app = progs[spec['app']]['outputs']['apps']
    except KeyError as e:
        return Result(name, 0, 1, f'not built: {e}')
    cmd = [sys.executable, os.path.join(top, 'tools', 'qemu_run.py'),
           '--stub', stub, '--runtime', runtime, '--app', app] + spec['args']
    if spec['cpu']:
        cmd += ['--cpu', spec['cpu']]
    return check_boot(name, spec, 'stub', cmd, top)


def gunyah_test(top, m, name, spec, tc, gunyah):
    """One boot under the real hypervisor (tools/gunyah_run.py)."""
    progs = m['programs']
    try:
        if spec['runtime'] == 'existing':
            runtime = os.path.join(gunyah, EXISTING_RUNTIME)
        else:
            runtime = progs[spec['runtime']]['outputs'][tc]
        if spec['rm']:
            what = ['--rm', spec['rm'], '--primary',
                    progs[spec['primary']]['outputs']['gnu']]
        else:
            what = ['--app', progs[spec['app']]['outputs']['apps']]
    except KeyError as e:
        return Result(name, 0, 1, f'not built: {e}')
    args = spec['args']
    patches = [v for i, v in enumerate(args[1:])
               if args[i] == '--patch-app']
    cmd = [sys.executable, os.path.join(top, 'tools', 'gunyah_run.py'),
           '--gunyah', gunyah, '--runtime', runtime] + what
    for p in patches:
        cmd += ['--patch-app', p]
    return check_boot(name, spec, 'gunyah', cmd, top)


def image_test(top, m, name, spec, tc, machine):
    """One boot as an arm64 Image (tools/image_run.py)."""
    try:
        runtime = m['programs'][spec['runtime']]['outputs'][tc]
        app = m['programs'][spec['app']]['outputs']['apps']
    except KeyError as e:
        return Result(name, 0, 1, f'not built: {e}')
    cmd = [sys.executable, os.path.join(top, 'tools', 'image_run.py'),
           '--runtime', runtime, '--app', app, '--machine', machine]
    if spec['cpu']:
        cmd += ['--cpu', spec['cpu']]
    cmd += [f'--smp={spec["image_smp"]}']
    cmd += [f'--fdtput={e}' for e in spec['image_fdtput']]
    if spec['image_bootargs'] is not None:
        cmd += [f'--bootargs={spec["image_bootargs"]}']
    else:
        cmd += ['--'] + spec['image_argv']
    return check_boot(name, spec, 'image', cmd, top)


EXISTING_RUNTIME = 'gunyah-c-runtime.elf'


def jobs(top, m, flt, gunyah=None):
    """(name, callable) for every test, in a stable order, and the names of
    the real-Gunyah tests skipped for want of gunyah."""
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
    skipped = []
    specs = [(os.path.basename(p)[:-5], parse_spec(p)) for p in sorted(
        glob.glob(os.path.join(top, 'tests', 'qemu', '*.test')) +
        glob.glob(os.path.join(top, 'tests', 'gunyah', '*.test')))]
    for base, spec in specs:
        tcs = [tc for tc in spec['toolchains'] or m['toolchains']
               if tc in m['toolchains']]
        if spec['runtime'] == 'existing':
            tcs = ['existing']  # a prebuilt runtime: one boot
        for tc in tcs:
            if 'stub' in spec['on']:
                name = f'qemu/{tc}/{base}'
                out.append((name, lambda s=spec, t=tc, n=name: qemu_test(
                    top, m, n, s, t)))
            if 'image' in spec['on'] and tc != 'existing':
                for mach in spec['machines']:
                    name = f'image/{tc}/{mach}/{base}'
                    out.append((name, lambda s=spec, t=tc, mc=mach, n=name:
                                image_test(top, m, n, s, t, mc)))
            if 'gunyah' in spec['on']:
                name = f'gunyah/{tc}/{base}'
                if gunyah is None:
                    skipped.append(name)
                    continue
                out.append((name, lambda s=spec, t=tc, n=name: gunyah_test(
                    top, m, n, s, t, gunyah)))
    keep = [(n, f) for n, f in out if not flt or flt in n]
    return keep, [n for n in skipped if not flt or flt in n]


def main(argv):
    with open(argv[0]) as f:
        m = json.load(f)
    # For the test scripts, which find the build's outputs there.
    os.environ['RT_BUILD_DIR'] = m['build']
    opts = dict(a.split('=', 1) for a in argv[1:] if '=' in a)
    top = m['top']
    gunyah = opts.get('GUNYAH') or None
    if gunyah is not None:
        gunyah = os.path.join(top, gunyah)  # relative to the checkout
    todo, skipped = jobs(top, m, opts.get('TEST'), gunyah)
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
    if skipped:
        print(f'{len(skipped)} skipped (the real-Gunyah tests: no GUNYAH=DIR '
              'naming the hypervisor and RM builds, README "Under the real '
              'Gunyah")')
    summary = f'{passed} passed, {failed} failed'
    with open(os.path.join(top, m['build'], 'test-summary.txt'), 'w') as f:
        f.write(summary + '\n')
    print(summary)
    return 1 if failed or not todo else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
