#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Layers call only down: checks every object linked into each runtime.

The runtime's folders are layers, lowest first (docs/architecture.md):

  lib      string routines, formatter, log ring, device-tree reader
  arch     the CPU: entry, vectors, system registers
  core     uaccess, time, entropy, upcalls, console and exit policy, panic
  dev      GIC, ISR table, /dev nodes, the tty
  syscall  entry from the app, the table, the handlers
  boot     from the hypervisor's entry to the app's

An object may use symbols defined in its own layer or a lower one. The
only references up are the entry points the vectors and entry.S jump to
(declared in rt/exception.h and rt/boot.h), and the compiler's stack
protector symbols. Prints one line per offending reference and
"N passed, N failed" (one test per runtime and toolchain).
"""

import json
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
LAYERS = ['lib', 'arch', 'core', 'dev', 'syscall', 'boot']
# Where the CPU enters the runtime from below (and the syscall table the
# vector indexes): not calls up, but entries.
ENTRY_POINTS = {'rt_sync_entry', 'rt_irq_entry', 'fault_report', 'boot_main',
                'syscall_offsets'}
COMPILER = {'__stack_chk_guard', '__stack_chk_fail'}
OBJECT = re.compile(r'(\S+?\.o)\b')


def layer_of(path):
    parts = path.replace('\\', '/').split('/')
    if 'gen' in parts:
        return 'syscall'  # the generated syscall table
    if 'src' in parts:
        i = len(parts) - 1 - parts[::-1].index('src')
        if i + 1 < len(parts) and parts[i + 1] in LAYERS:
            return parts[i + 1]
    return None


def linked_objects(map_path):
    """The objects a link map names, in the order it names them."""
    seen = []
    with open(map_path, errors='replace') as f:
        for m in OBJECT.finditer(f.read()):
            path = m.group(1).lstrip('(')
            if os.path.isfile(os.path.join(TOP, path)) and path not in seen:
                seen.append(path)
    return seen


def symbols(obj):
    """(defined, undefined) global symbol names of an object."""
    out = subprocess.run(['llvm-nm', '--extern-only', obj], cwd=TOP,
                         stdout=subprocess.PIPE, check=True, text=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[-2] == 'U':
            undefined.add(fields[-1])
        elif len(fields) >= 3:
            defined.add(fields[-1])
    return defined, undefined


def check(map_path):
    objs = [o for o in linked_objects(map_path) if layer_of(o)]
    owner = {}
    refs = {}
    for o in objs:
        defined, undefined = symbols(o)
        for s in defined:
            owner[s] = layer_of(o)
        refs[o] = undefined
    problems = []
    for o in objs:
        mine = LAYERS.index(layer_of(o))
        for s in sorted(refs[o]):
            if s in COMPILER or s not in owner:
                continue
            theirs = LAYERS.index(owner[s])
            if theirs > mine and s not in ENTRY_POINTS:
                problems.append(f'{o}: {layer_of(o)} uses {s} from '
                                f'{owner[s]}')
    return objs, problems


def main():
    build = os.environ.get('RT_BUILD_DIR', 'build')
    with open(os.path.join(TOP, build, 'manifest.json')) as f:
        manifest = json.load(f)
    passed = failed = 0
    for name, prog in sorted(manifest['programs'].items()):
        if not name.startswith('runtime'):
            continue
        for tc, elf in sorted(prog['outputs'].items()):
            map_path = os.path.join(TOP, elf[:-len('.elf')] +
                                    '.debug.elf.map')
            if not os.path.isfile(map_path):
                continue
            objs, problems = check(map_path)
            if not objs:
                print(f'FAIL layers/{tc}/{name}: no objects in {map_path}')
                failed += 1
            elif problems:
                print(f'FAIL layers/{tc}/{name}')
                for p in problems:
                    print(f'  {p}')
                failed += 1
            else:
                print(f'PASS layers/{tc}/{name} ({len(objs)} objects)')
                passed += 1
    print(f'{passed} passed, {failed} failed')
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main())
