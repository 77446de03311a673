# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Deterministic benchmarks: guest instruction counts under QEMU.

Usage: bench.py build/manifest.json [GUNYAH=DIR [BASELINE=ELF]]

Boots, per toolchain and under `-icount shift=0,sleep=off`, the floor image
(the least code for each job), the bench apps on the runtime, and reads the
"BENCH name value" lines they print. Prints a table and writes
build/bench/results.json: name, value, unit, floor, ratio. The same apps
then boot as arm64 Images on plain -M virt (tools/image_run.py): rows
image_<figure>, with the root VM's figure beside them (root_value).

With GUNYAH (a folder with hyp.elf, as ../shared/gunyah), also boots
bench_gunyah as the root VM of the real hypervisor under
`-icount shift=4,sleep=off`, on each runtime toolchain and on the existing
C runtime (BASELINE, default GUNYAH/gunyah-c-runtime.elf), in the same run.
There the generic counter counts instructions, the hypervisor's included
(two runs of nops calibrate it). The boot figure comes from a second run
on a copy of the runtime whose entry point is tests/bench/probe: it notes
when the runtime started, for bench_gunyah to read in main. Rows
gunyah_<figure>: value, existing (the existing runtime's),
ratio_to_existing.
"""

import json
import os
import re
import struct
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, 'tools', 'build'))
import elfcheck  # noqa: E402

LINE = re.compile(r'^BENCH (\S+) (\d+)\s*$', re.M)
NONE_LINE = re.compile(r'^BENCH (\S+) none(.*)$', re.M)
# Instructions tests/bench/probe runs after it reads the counter.
PROBE_AFTER_READ = 9

# Under the real hypervisor: the generic counter ticks at 62.5 MHz (16 ns),
# and -icount shift=4 makes each instruction 16 ns, so one tick is one
# instruction (the calibration checks it).
GUNYAH_ICOUNT_SHIFT = 4
EXISTING_RUNTIME = 'gunyah-c-runtime.elf'
# name in bench_gunyah's output -> what it is, for the table.
GUNYAH_FIGURES = {
    'null_syscall': 'null syscall (set_tid_address, raw svc)',
    'brk_0': 'brk(0), raw svc',
    'writev_64': 'writev 64 B, console discards',
    'writev_64_newline': 'the same, ending in a newline',
    'mmap_munmap_4k': 'mmap + munmap 4 KiB',
    'irq_enable_disable': 'ioctl enable + disable an SPI (GICD writes)',
    'irq_assert_to_isr': 'assert SPI (ioctl) to the ISR',
    'irq_round_trip': 'assert SPI, vGIC, ISR, back to the app',
    'boot_to_main': "boot: runtime's first instruction to main",
}

# What each figure is held against: the floor image's least code for the
# same job measured in the same run (tests/bench/floor/floor.S says what
# each does), or, where no code can be a floor (boot, size), the existing
# C runtime's figure. malloc's figures are musl's work but for their
# syscalls: their floor is the null syscall.
FLOORS = {
    'null_syscall_raw': 'floor_svc',
    'null_syscall_musl': 'floor_svc',
    'clock_gettime': 'floor_clock',
    'writev_64': 'floor_writev',
    'writev_64_newline': 'floor_writev',
    'brk_grow_shrink': 'floor_zero_4k',
    'mmap_munmap_4k': 'floor_zero_4k',
    'mmap_munmap_1m': 'floor_zero_1m',
    'malloc_free_64': 'floor_svc',
    'malloc_free_256k': 'floor_svc',
    'ioctl_irq_enable': 'floor_ioctl_irq',
    'ioctl_irq_disable': 'floor_ioctl_irq',
    'irq_assert_to_isr': 'floor_irq_to_isr',
    'irq_round_trip': 'floor_irq_isr',
}
# The sizes are held against the existing C runtime's ELF, where there is
# one (GUNYAH, else ../shared/gunyah); its boot is compared under the real
# Gunyah only (the gunyah_ rows), as it cannot boot on the stub.
DEFAULT_GUNYAH = os.path.join(os.path.dirname(TOP), 'shared', 'gunyah')
UNITS = {'runtime_memory': 'bytes', 'runtime_memory_kept': 'bytes',
         'runtime_file': 'bytes'}
PF_RWX = 7  # the boot-only segment (runtime.lds), given back after boot
# Booted as an Image nothing starts the PMU before the runtime: bench_boot
# reads the virtual counter, which has run since QEMU's reset. Under
# -icount shift=4 an instruction takes 16 ns, one tick of a 62.5 MHz
# counter; bench_boot's counter_hz makes the conversion exact whatever
# the frequency.
IMAGE_MACHINE = 'el1'
IMAGE_BOOT_SHIFT = 4
COUNTER_LINES = ('counter_at_main', 'counter_hz')


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


def reference_sizes(gunyah):
    """The existing runtime's memory (kept, too) and file, or {}."""
    path = os.path.join(gunyah or DEFAULT_GUNYAH, EXISTING_RUNTIME)
    try:
        with open(path, 'rb') as f:
            sizes = elfcheck.sizes(elfcheck.Elf(f.read()))
    except OSError:
        return {}
    # It keeps all of its memory.
    return {'runtime_memory': sizes['memory'],
            'runtime_memory_kept': sizes['memory'],
            'runtime_file': sizes['file']}


def measure(m, tc, reference):
    progs = m['programs']
    runtime = progs['runtime']['outputs'][tc]
    floor = boot(m, tc, progs['floor']['outputs'][tc], 'bench_boot')
    figures = boot(m, tc, runtime, 'bench_syscalls')
    figures.update(boot(m, tc, runtime, 'bench_boot', flags=8))
    for name in COUNTER_LINES:
        figures.pop(name, None)
    with open(os.path.join(TOP, runtime), 'rb') as f:
        elf = elfcheck.Elf(f.read())
    sizes = elfcheck.sizes(elf)
    figures['runtime_memory'] = sizes['memory']
    # What the runtime keeps once the app runs as Gunyah's root VM: its
    # boot-only segment joins the app's mmap pool (src/syscall/memory.c).
    figures['runtime_memory_kept'] = sizes['memory'] - sum(
        (p[6] + elfcheck.PAGE - 1) // elfcheck.PAGE * elfcheck.PAGE
        for p in elf.loads() if p[1] == PF_RWX)
    figures['runtime_file'] = sizes['file']
    rows = []
    for name, value in figures.items():
        if name in FLOORS:
            base, source = floor[FLOORS[name]], FLOORS[name]
        elif name in reference:
            base, source = reference[name], 'existing runtime'
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
    return rows + image_rows(m, tc, runtime, figures)


def image_boot(runtime, app, shift=0):
    cmd = [sys.executable, os.path.join(TOP, 'tools', 'image_run.py'),
           '--runtime', runtime, '--app', app, '--machine', IMAGE_MACHINE,
           '--icount', str(shift), '--timeout', '120']
    p = subprocess.run(cmd, cwd=TOP, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if p.returncode != 0:
        raise SystemExit(f'bench: {os.path.basename(app)} as an Image on '
                         f'{os.path.basename(runtime)} exited '
                         f'{p.returncode}:\n{p.stdout[-3000:]}')
    return {k: int(v) for k, v in LINE.findall(p.stdout)}


def image_rows(m, tc, runtime, root):
    """The bench apps booted as Images; root: the root VM's figures."""
    progs = m['programs']
    figures = image_boot(runtime, progs['bench_syscalls']['outputs']['apps'])
    b = image_boot(runtime, progs['bench_boot']['outputs']['apps'],
                   IMAGE_BOOT_SHIFT)
    if 'boot_to_main' in b:
        raise SystemExit('bench: bench_boot as an Image found the PMU '
                         'already counting')
    ns = b['counter_at_main'] * 1_000_000_000 / b['counter_hz']
    figures['boot_to_main'] = round(ns / (1 << IMAGE_BOOT_SHIFT))
    rows = []
    for name, value in figures.items():
        base = root.get(name)
        rows.append({'toolchain': tc, 'name': 'image_' + name,
                     'value': value, 'unit': 'instructions',
                     'machine': IMAGE_MACHINE, 'root_value': base,
                     'ratio_to_root': (float(f'{value / base:.4g}')
                                       if base else None)})
    return rows


def image_table(rows):
    rows = [r for r in rows if r['name'].startswith('image_')]
    if not rows:
        return
    print(f'\nAs an arm64 Image on -M virt ({rows[0]["machine"]}; boot: '
          'from QEMU\'s reset, its loader included):')
    print(f'{"toolchain":<9} {"figure":<26} {"value":>10} {"root VM":>10} '
          f'{"ratio":>7}')
    for r in rows:
        base = r['root_value'] if r['root_value'] is not None else '-'
        ratio = (f'{r["ratio_to_root"]:.3g}'
                 if r['ratio_to_root'] is not None else '-')
        print(f'{r["toolchain"]:<9} {r["name"]:<26} {r["value"]:>10} '
              f'{base:>10} {ratio:>7}')


def gunyah_table(rows):
    rows = [r for r in rows if r['name'].startswith('gunyah_')]
    if not rows:
        return
    print(f'\nUnder the real Gunyah (instructions, the hypervisor\'s '
          f'included; existing: {rows[0]["baseline"]}):')
    print(f'{"toolchain":<9} {"figure":<27} {"value":>10} {"existing":>10} '
          f'{"ratio":>7}')
    for r in rows:
        value = r['value'] if r['value'] is not None else '-'
        existing = r['existing'] if r['existing'] is not None else '-'
        ratio = (f'{r["ratio_to_existing"]:.3g}'
                 if r['ratio_to_existing'] is not None else '-')
        print(f'{r["toolchain"]:<9} {r["name"]:<27} {value:>10} '
              f'{existing:>10} {ratio:>7}'
              + (f'  ({r["note"]})' if r['note'] else ''))


def gunyah_boot(gunyah, runtime, app, what):
    """Boots app on runtime under Gunyah with -icount; returns its output."""
    cmd = [sys.executable, os.path.join(TOP, 'tools', 'gunyah_run.py'),
           '--gunyah', gunyah, '--runtime', runtime, '--app', app,
           '--icount', str(GUNYAH_ICOUNT_SHIFT), '--timeout', '120']
    p = subprocess.run(cmd, cwd=TOP, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if p.returncode != 0:
        raise SystemExit(f'bench: {what} under Gunyah exited '
                         f'{p.returncode}:\n{p.stdout[-3000:]}')
    return p.stdout


def splice_probe(runtime, probe):
    """runtime's bytes with probe's code after its own, made the entry.

    The code goes in the slack between the end of the executable PT_LOAD
    that holds the entry point and the end of its page; that segment grows
    to cover it, and the probe's last word (probe_entry_offset) gets the
    way back to the real entry point.
    """
    rt = elfcheck.Elf(runtime)
    seg = elfcheck.Elf(probe).loads()[0]
    code = bytearray(probe[seg[2]:seg[2] + seg[5]])
    for i, p in enumerate(rt.phdrs):
        # (type, flags, offset, vaddr, paddr, filesz, memsz, align)
        if (p[0] != elfcheck.PT_LOAD or not p[1] & elfcheck.PF_X or
                not p[3] <= rt.entry < p[3] + p[5]):
            continue
        vaddr = (p[3] + p[6] + 7) & ~7
        at = p[2] + vaddr - p[3]
        page_end = (p[3] + p[6] + elfcheck.PAGE - 1) & ~(elfcheck.PAGE - 1)
        others = [q for q in rt.loads() if q is not p and q[3] >= p[3]]
        if (vaddr + len(code) > page_end or
                any(q[3] < vaddr + len(code) for q in others) or
                any(runtime[at:at + len(code)]) or
                at + len(code) > len(runtime)):
            raise SystemExit(
                f'bench: no room for the {len(code)}-byte probe after the '
                f'runtime\'s code ({page_end - vaddr} bytes left in its '
                'page)')
        struct.pack_into('<q', code, len(code) - 8, rt.entry - vaddr)
        out = bytearray(runtime)
        out[at:at + len(code)] = code
        grown = vaddr + len(code) - p[3]
        phdr = rt.phoff + 56 * i
        struct.pack_into('<QQ', out, phdr + 32, grown, grown)
        struct.pack_into('<Q', out, 24, vaddr)  # e_entry
        return bytes(out)
    raise SystemExit('bench: no executable segment holds the runtime\'s '
                     'entry point')


def gunyah_measure(m, gunyah, runtime, what):
    """bench_gunyah's figures on one runtime, in instructions."""
    progs = m['programs']
    app = progs['bench_gunyah']['outputs']['apps']
    out = gunyah_boot(gunyah, runtime, app, what)
    ticks = {k: int(v) for k, v in LINE.findall(out)}
    if 'done' not in out.split('BENCH ')[-1]:
        raise SystemExit(f'bench: bench_gunyah on {what} did not finish:'
                         f'\n{out[-3000:]}')
    rate = ticks['calibration_ticks'] / ticks['calibration_instructions']
    with open(os.path.join(TOP, runtime), 'rb') as f:
        rt = f.read()
    with open(os.path.join(TOP, progs['bench_probe']['outputs']['gnu']),
              'rb') as f:
        probe = f.read()
    with tempfile.TemporaryDirectory(prefix='bench.') as tmp:
        spliced = os.path.join(tmp, 'probe-runtime.elf')
        with open(spliced, 'wb') as f:
            f.write(splice_probe(rt, probe))
        boot = {k: int(v) for k, v in LINE.findall(
            gunyah_boot(gunyah, spliced, app, f'the probe on {what}'))}
    if 'entry_at' not in boot:
        raise SystemExit(f'bench: the probe on {what} left no reading')
    # From the runtime's first instruction: the probe's own after its
    # reading are taken out.
    ticks['boot_to_main'] = (boot['main_at'] - boot['entry_at'] -
                             PROBE_AFTER_READ)
    figures = {name: round(ticks[name] / rate) for name in GUNYAH_FIGURES
               if name in ticks}
    missing = {name: why.strip() for name, why in NONE_LINE.findall(out)}
    return figures, missing, rate


def gunyah_rows(m, gunyah, baseline):
    progs = m['programs']
    base, base_missing, base_rate = gunyah_measure(
        m, gunyah, baseline, 'the existing runtime')
    rows = []
    for tc in m['toolchains']:
        ours, ours_missing, rate = gunyah_measure(
            m, gunyah, progs['runtime']['outputs'][tc], f'runtime ({tc})')
        for name in GUNYAH_FIGURES:
            value, existing = ours.get(name), base.get(name)
            note = None
            if name in base_missing:
                note = ('the existing runtime has none '
                        + (base_missing[name] or '(not supported)'))
            if name in ours_missing:
                note = 'our runtime has none ' + ours_missing[name]
            rows.append({
                'toolchain': tc, 'name': 'gunyah_' + name, 'value': value,
                'unit': 'instructions', 'existing': existing,
                'ratio_to_existing': (float(f'{value / existing:.4g}')
                                      if value and existing else None),
                'what': GUNYAH_FIGURES[name], 'note': note,
                'ticks_per_instruction': rate,
                'baseline': os.path.relpath(baseline, TOP)})
    return rows


def main(argv):
    with open(argv[0]) as f:
        m = json.load(f)
    opts = dict(a.split('=', 1) for a in argv[1:] if '=' in a)
    rows = []
    gunyah = opts.get('GUNYAH')
    if gunyah:
        gunyah = os.path.join(TOP, gunyah)
    reference = reference_sizes(gunyah)
    for tc in m['toolchains']:
        rows += measure(m, tc, reference)
    if gunyah:
        baseline = os.path.join(TOP, opts.get('BASELINE') or
                                os.path.join(gunyah, EXISTING_RUNTIME))
        rows += gunyah_rows(m, gunyah, baseline)
    out = os.path.join(TOP, m['build'], 'bench')
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'results.json'), 'w') as f:
        json.dump(rows, f, indent=1)
        f.write('\n')
    print(f'{"toolchain":<9} {"figure":<20} {"value":>10} {"unit":<12} '
          f'{"floor":>10} {"ratio":>7}  floor from')
    for r in rows:
        if r['name'].startswith(('gunyah_', 'image_')):
            continue
        ratio = f'{r["ratio"]:.3g}' if r['ratio'] is not None else '-'
        floor = r['floor'] if r['floor'] is not None else '-'
        print(f'{r["toolchain"]:<9} {r["name"]:<20} {r["value"]:>10} '
              f'{r["unit"]:<12} {floor:>10} {ratio:>7}  '
              f'{r["floor_source"] or "-"}')
    image_table(rows)
    gunyah_table(rows)
    print(f'bench: wrote {os.path.join(out, "results.json")}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
