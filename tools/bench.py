# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Deterministic benchmarks: guest instruction counts under QEMU.

Usage: bench.py build/manifest.json

Boots, per toolchain and under `-icount shift=0,sleep=off`, the floor image
(the least code for each job), the bench apps on the runtime, and reads the
"BENCH name value" lines they print. Prints a table and writes
build/bench/results.json: name, value, unit, floor, ratio.
"""

import json
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, 'tools', 'build'))
import elfcheck  # noqa: E402

LINE = re.compile(r'^BENCH (\S+) (\d+)\s*$', re.M)

# What each figure is held against: a floor measured in the same run, or,
# where no code can be a floor (boot, size), the existing C runtime's figure.
FLOORS = {
    'null_syscall_raw': 'floor_svc',
    'null_syscall_musl': 'floor_svc',
    'clock_gettime': 'floor_svc',
    'writev_64': 'floor_svc',
    'writev_64_newline': 'floor_svc',
    'brk_grow_shrink': 'floor_svc',
    'mmap_munmap_4k': 'floor_svc',
    'mmap_munmap_1m': 'floor_svc',
    'malloc_free_64': 'floor_svc',
    'malloc_free_256k': 'floor_svc',
    'ioctl_irq_enable': 'floor_svc',
    'ioctl_irq_disable': 'floor_svc',
    'irq_assert_to_isr': 'floor_irq',
    'irq_round_trip': 'floor_irq',
}
REFERENCE = {  # DESIGN.md section 5 / ABI.md section 1: the existing runtime
    'boot_to_main': 6_400_000,
    'runtime_memory': 0xb000,
    'runtime_file': 36352,  # 35.5 KiB
}
UNITS = {'runtime_memory': 'bytes', 'runtime_file': 'bytes'}


def boot(m, tc, runtime, app, flags=0):
    progs = m['programs']
    cmd = [sys.executable, os.path.join(TOP, 'tools', 'qemu_run.py'),
           '--stub', progs['bootstub']['outputs']['gnu'],
           '--runtime', runtime, '--app', progs[app]['outputs']['apps'],
           '--icount', '--timeout', '120', '--stub-flags', str(flags)]
    p = subprocess.run(cmd, cwd=TOP, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if p.returncode != 0:
        raise SystemExit(f'bench: {app} on {os.path.basename(runtime)} '
                         f'({tc}) exited {p.returncode}:\n{p.stdout[-3000:]}')
    return {k: int(v) for k, v in LINE.findall(p.stdout)}


def measure(m, tc):
    progs = m['programs']
    runtime = progs['runtime']['outputs'][tc]
    floor = boot(m, tc, progs['floor']['outputs'][tc], 'bench_boot')
    figures = boot(m, tc, runtime, 'bench_syscalls')
    figures.update(boot(m, tc, runtime, 'bench_boot', flags=8))
    with open(os.path.join(TOP, runtime), 'rb') as f:
        sizes = elfcheck.sizes(elfcheck.Elf(f.read()))
    figures['runtime_memory'] = sizes['memory']
    figures['runtime_file'] = sizes['file']
    rows = []
    for name, value in figures.items():
        if name in FLOORS:
            base, source = floor[FLOORS[name]], FLOORS[name]
        elif name in REFERENCE:
            base, source = REFERENCE[name], 'existing runtime'
        else:
            base, source = None, None
        rows.append({'toolchain': tc, 'name': name, 'value': value,
                     'unit': UNITS.get(name, 'instructions'),
                     'floor': base, 'floor_source': source,
                     'ratio': float(f'{value / base:.4g}') if base else None})
    for name, value in floor.items():
        rows.append({'toolchain': tc, 'name': name, 'value': value,
                     'unit': 'instructions', 'floor': value,
                     'floor_source': 'floor image', 'ratio': 1.0})
    return rows


def main(argv):
    with open(argv[0]) as f:
        m = json.load(f)
    rows = []
    for tc in m['toolchains']:
        rows += measure(m, tc)
    out = os.path.join(TOP, m['build'], 'bench')
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'results.json'), 'w') as f:
        json.dump(rows, f, indent=1)
        f.write('\n')
    print(f'{"toolchain":<9} {"figure":<20} {"value":>10} {"unit":<12} '
          f'{"floor":>10} {"ratio":>7}  floor from')
    for r in rows:
        ratio = f'{r["ratio"]:.3g}' if r['ratio'] is not None else '-'
        floor = r['floor'] if r['floor'] is not None else '-'
        print(f'{r["toolchain"]:<9} {r["name"]:<20} {r["value"]:>10} '
              f'{r["unit"]:<12} {floor:>10} {ratio:>7}  '
              f'{r["floor_source"] or "-"}')
    print(f'bench: wrote {os.path.join(out, "results.json")}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
