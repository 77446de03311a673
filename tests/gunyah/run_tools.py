#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Tests of what runs the real-Gunyah suites, without booting anything:
tools/test_runner.py's .test keys (where a test runs, per-hypervisor
expectations, bad files) and its skipped count without GUNYAH, and
tools/gunyah_run.py's package window, device-tree walk, ELF symbol lookup
and idle/panic/stage watch.

usage: run_tools.py   (prints "N passed, N failed"; exit 1 on failure)
"""

import os
import struct
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, 'tools'))
import gunyah_run  # noqa: E402
import mkpkg  # noqa: E402
import test_runner  # noqa: E402

results = {'passed': 0, 'failed': 0}


def check(name, ok, detail=''):
    if ok:
        results['passed'] += 1
        print(f'PASS {name}')
    else:
        results['failed'] += 1
        print(f'FAIL {name}' + (f'\n  {detail}' if detail else ''))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def spec_error(tmp, text):
    path = os.path.join(tmp, 'bad.test')
    write(path, text)
    try:
        test_runner.parse_spec(path)
    except ValueError as e:
        return str(e)
    return None


def test_spec_keys(tmp):
    path = os.path.join(tmp, 'a.test')
    write(path, 'app hello\nstatus 3\nexpect both\ngunyah_expect only g\n'
          'gunyah_status 125\nstub_reject not on stub\nreject never\n'
          'gunyah_timeout 7\n')
    spec = test_runner.parse_spec(path)
    check('spec: runs everywhere by default',
          spec['on'] == ['stub', 'gunyah', 'image'] and
          spec['machines'] == ['el1', 'el2'])
    check('spec: the stub gets the plain status and its own rejects',
          test_runner.expected(spec, 'stub') ==
          (3, ['both'], ['never', 'not on stub'], 30))
    check('spec: gunyah_status and gunyah_timeout replace, gunyah_expect adds',
          test_runner.expected(spec, 'gunyah') ==
          (125, ['both', 'only g'], ['never'], 7))
    write(path, 'app hello\non stub\nstub --stub-flags 2\n')
    check('spec: "on stub" allows the stub-only options',
          test_runner.parse_spec(path)['on'] == ['stub'])
    write(path, 'rm 1.2.3\nprimary primary\n')
    spec = test_runner.parse_spec(path)
    check('spec: an RM test runs under Gunyah only',
          spec['on'] == ['gunyah'] and spec['rm'] == '1.2.3')
    check('spec: default timeout under Gunyah',
          test_runner.expected(spec, 'gunyah')[3] ==
          test_runner.GUNYAH_TIMEOUT)
    write(path, 'app hello\nstatus 240\nimage_status 0\nexpect all\n'
          'image_expect img\nstub_reject s\nimage_argv one "two words"\n'
          'machines el2\n')
    spec = test_runner.parse_spec(path)
    check('spec: image_ keys apply to the Image boots alone',
          test_runner.expected(spec, 'image') == (0, ['all', 'img'], [], 30)
          and test_runner.expected(spec, 'stub') == (240, ['all'], ['s'], 30))
    check('spec: image_argv splits as a shell would, machines narrows',
          spec['image_argv'] == ['one', 'two words'] and
          spec['machines'] == ['el2'])


def test_spec_errors(tmp):
    for text, want in (
            ('app hello\non qemu\n', 'on takes some of stub, gunyah, image'),
            ('app hello\non\n', 'on takes some of stub, gunyah, image'),
            ('app hello\nmachines el3\n', 'machines takes some of el1, el2'),
            ('app hello\nimage_argv a\nimage_bootargs --\n',
             'no image_argv besides'),
            ('app hello\nstub --heap-size 1M\n',
             'stub options mean nothing to an Image'),
            ('app hello\nstub --stub-flags 1\n', 'mean nothing under Gunyah'),
            ('app hello\nstub --env-version 2\n', 'mean nothing under Gunyah'),
            ('app hello\ncpu cortex-a57\n', 'mean nothing under Gunyah'),
            ('rm 1.2.3\n', 'rm needs primary'),
            ('rm 1.2.3\nprimary p\napp hello\n', 'rm needs primary, and no app'),
            ('status 0\n', 'no app'),
            ('app hello\ngunyah_stub x\n', "unknown key 'gunyah_stub'")):
        err = spec_error(tmp, text)
        check(f'spec error: {text.strip()!r}', err is not None and want in err,
              f'got {err!r}')


def test_jobs_and_skips(tmp):
    top = os.path.join(tmp, 'top')
    write(os.path.join(top, 'tests', 'qemu', 'both.test'), 'app hello\n')
    write(os.path.join(top, 'tests', 'qemu', 'stubonly.test'),
          'on stub\napp hello\n')
    write(os.path.join(top, 'tests', 'qemu', 'img.test'),
          'on image\nmachines el1\napp hello\n')
    write(os.path.join(top, 'tests', 'qemu', 'old.test'),
          'on gunyah\nruntime existing\napp hello\n')
    write(os.path.join(top, 'tests', 'gunyah', 'rm_x.test'),
          'rm 1.2.3\nprimary primary\n')
    m = {'toolchains': ['gnu', 'llvm'], 'programs': {}}
    todo, skipped = test_runner.jobs(top, m, None, None)
    names = [n for n, _ in todo]
    want_skipped = ['gunyah/gnu/both', 'gunyah/llvm/both',
                    'gunyah/existing/old', 'gunyah/gnu/rm_x',
                    'gunyah/llvm/rm_x']
    images = ['image/gnu/el1/both', 'image/gnu/el2/both',
              'image/llvm/el1/both', 'image/llvm/el2/both',
              'image/gnu/el1/img', 'image/llvm/el1/img']
    check('jobs: without GUNYAH the stub and Image boots run',
          sorted(names) == sorted(['qemu/gnu/both', 'qemu/llvm/both',
                                   'qemu/gnu/stubonly', 'qemu/llvm/stubonly']
                                  + images),
          f'got {names}')
    check('jobs: without GUNYAH the real-Gunyah boots are skipped, not run',
          sorted(skipped) == sorted(want_skipped), f'got {skipped}')
    todo, skipped = test_runner.jobs(top, m, None, '/nowhere')
    names = [n for n, _ in todo]
    check('jobs: with GUNYAH nothing is skipped', skipped == [])
    check('jobs: with GUNYAH every boot runs, the existing runtime once',
          sorted(names) == sorted(
              ['qemu/gnu/both', 'qemu/llvm/both', 'qemu/gnu/stubonly',
               'qemu/llvm/stubonly'] + images + want_skipped),
          f'got {names}')
    todo, skipped = test_runner.jobs(top, m, 'rm_', None)
    check('jobs: TEST= filters the skipped ones too',
          todo == [] and sorted(skipped) == ['gunyah/gnu/rm_x',
                                             'gunyah/llvm/rm_x'])
    todo, _ = test_runner.jobs(top, m, None, '/nowhere')
    result = dict(todo)['gunyah/gnu/both']()
    check('jobs: a boot of an app that was not built fails, naming it',
          result.failed == 1 and 'not built' in result.detail)


def elf_with_symbol(name, value):
    """A minimal ELF64: a symbol table with one symbol."""
    strtab = b'\0' + name.encode() + b'\0'
    sym = struct.pack('<IBBHQQ', 1, 0, 0, 1, value, 0)
    symtab = bytes(24) + sym
    shstr = b'\0.symtab\0.strtab\0'
    off_sym = 64
    off_str = off_sym + len(symtab)
    off_shstr = off_str + len(strtab)
    shoff = (off_shstr + len(shstr) + 7) & ~7
    body = symtab + strtab + shstr
    head = (b'\x7fELF\x02\x01\x01' + bytes(9) +
            struct.pack('<HHIQQQIHHHHHH', 2, 183, 1, 0, 0, shoff, 0, 64, 56,
                        0, 64, 4, 3))
    sections = [bytes(64),
                struct.pack('<IIQQQQIIQQ', 1, 2, 0, 0, off_sym, len(symtab),
                            2, 1, 8, 24),
                struct.pack('<IIQQQQIIQQ', 9, 3, 0, 0, off_str, len(strtab),
                            0, 0, 1, 0),
                struct.pack('<IIQQQQIIQQ', 17, 3, 0, 0, off_shstr,
                            len(shstr), 0, 0, 1, 0)]
    data = head + body
    data += bytes(shoff - len(data))
    return data + b''.join(sections)


def test_elf_symbol(tmp):
    path = os.path.join(tmp, 'hyp.elf')
    with open(path, 'wb') as f:
        f.write(elf_with_symbol('image_pkg_start', 0x80067000))
    check('elf_symbol: finds image_pkg_start',
          gunyah_run.elf_symbol(path, 'image_pkg_start') == 0x80067000)
    check('elf_symbol: None for a symbol that is not there',
          gunyah_run.elf_symbol(path, 'image_pkg_end') is None)
    with open(path, 'wb') as f:
        f.write(b'not an elf' + bytes(64))
    try:
        gunyah_run.elf_symbol(path, 'image_pkg_start')
        ok = False
    except gunyah_run.InputError:
        ok = True
    check('elf_symbol: refuses a file that is not ELF64', ok)


def build_output(program, where):
    build = os.environ.get('RT_BUILD_DIR', 'build')
    path = os.path.join(build if os.path.isabs(build)
                        else os.path.join(TOP, build), where, program,
                        program + '.elf')
    with open(path, 'rb') as f:
        return f.read()


def package_error(*args):
    try:
        gunyah_run.package(*args)
    except gunyah_run.InputError as e:
        return str(e)
    return ''


def test_package_window(tmp):
    rt = build_output('runtime', 'gnu')
    small = build_output('hello', 'apps')
    pkg, notes = gunyah_run.package(rt, small, tmp)
    check('package: one that fits is left alone',
          pkg == mkpkg.build(rt, small) and notes == '')
    # Debug info and symbols push this one over; stripped, it fits.
    padded = small + bytes(mkpkg.GUNYAH_WINDOW - len(small))
    pkg, notes = gunyah_run.package(rt, padded, tmp)
    check('package: too big with its padding, stripped to fit',
          len(pkg) <= mkpkg.GUNYAH_WINDOW and 'stripped' in notes and
          pkg[32 + len(rt):].find(b'\x7fELF') >= 0, notes)
    err = package_error(rt, build_output('big', 'apps'), tmp, 'big.elf')
    check('package: still too big stripped, refused with the sizes',
          'too big for the 512 KiB window' in err and 'big.elf' in err,
          f'got {err!r}')
    err = package_error(rt, bytes(mkpkg.GUNYAH_WINDOW), tmp, 'junk.elf')
    check('package: what cannot be stripped is refused, not emptied',
          'cannot strip junk.elf' in err, f'got {err!r}')


def fdt(nodes):
    """A flattened device tree from [(name, depth, {prop: bytes})]."""
    strings = b''
    offsets = {}
    struct_ = b''
    depth = 0
    for name, level, props in nodes:
        while depth > level:
            struct_ += struct.pack('>I', 2)
            depth -= 1
        raw = name.encode() + b'\0'
        struct_ += struct.pack('>I', 1) + raw + bytes(-len(raw) % 4)
        for prop, value in props.items():
            if prop not in offsets:
                offsets[prop] = len(strings)
                strings += prop.encode() + b'\0'
            struct_ += struct.pack('>III', 3, len(value), offsets[prop])
            struct_ += value + bytes(-len(value) % 4)
        depth = level + 1
    struct_ += struct.pack('>I', 2) * depth + struct.pack('>I', 9)
    off_struct = 40
    off_strings = off_struct + len(struct_)
    total = off_strings + len(strings)
    head = struct.pack('>IIIIIIIIII', 0xD00DFEED, total, off_struct,
                       off_strings, 40, 17, 16, 0, len(strings),
                       len(struct_))
    return head + struct_ + strings


def test_fdt_walk(tmp):
    blob = fdt([('', 0, {'compatible': b'linux,dummy-virt\0'}),
                ('intc@8000000', 1, {'compatible': b'arm,gic-v3\0'}),
                ('its@8080000', 2,
                 {'compatible': b'arm,gic-v3-its\0', 'msi-controller': b''}),
                ('pcie@10000000', 1, {'msi-map': bytes(16),
                                      'compatible': b'pci-host-ecam-generic\0'}),
                ('pl011@9000000', 1, {'compatible': b'arm,pl011\0arm,primecell\0'})])
    nodes = dict(gunyah_run._fdt_nodes(blob))
    check('fdt: the ITS found by its compatible, under its parent',
          'compatible=arm,gic-v3-its' in nodes.get('/intc@8000000/its@8080000',
                                                   set()), f'got {nodes}')
    check('fdt: msi-map found on the PCIe node',
          'msi-map' in nodes.get('/pcie@10000000', set()))
    check('fdt: every string of a compatible list',
          'compatible=arm,primecell' in nodes.get('/pl011@9000000', set()))


class FakeProc:
    pid = 0


def test_watch(tmp):
    w = gunyah_run.Watch(FakeProc(), idle=False)
    w.feed(b'[HYP] Hypervisor cold boot, version: x\n[HYP] app_heap_ipa: 0x1\n'
           b'hello: ')
    check('watch: stages in order, up to the package',
          w.stage == 'package processed', w.stage)
    w.feed(b'partial line\n[RM]Init completed, disabling UART\n')
    check('watch: RM init completed', w.stage == 'RM init completed', w.stage)
    check('watch: the last line is kept for the message',
          "last line: '[RM]Init completed, disabling UART'" in w.context())
    check('watch: no verdict while nothing is wrong', w.verdict(None) is None)
    w.feed(b'[HYP] Panic: Invalid package ELF from PC 0x0\n')
    w.panic_at -= gunyah_run.PANIC_GRACE
    verdict = w.verdict(None)
    check('watch: a hypervisor panic stops the boot with 126',
          verdict is not None and verdict[0] == gunyah_run.PANIC_STATUS and
          'Invalid package ELF' in verdict[1], f'got {verdict}')
    w = gunyah_run.Watch(FakeProc(), idle=False)
    w.feed(b'[HYP] Hypervisor cold boot\n[HYP] Injecting abort\n')
    check('watch: hypervisor lines alone are not the root VM\'s output',
          w.stage == 'hypervisor banner', w.stage)


def main():
    with tempfile.TemporaryDirectory(prefix='run_tools.') as tmp:
        for t in (test_spec_keys, test_spec_errors, test_jobs_and_skips,
                  test_elf_symbol, test_package_window, test_fdt_walk,
                  test_watch):
            t(tmp)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results['failed'] else 0


if __name__ == '__main__':
    sys.exit(main())
