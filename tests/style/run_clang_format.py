#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Every C source and header matches the repository's .clang-format.

Checks the .c and .h files under include/, src/ and tests/ (build outputs
excluded) with `clang-format --dry-run --Werror`, one PASS/FAIL line per
file that differs, then "N passed, N failed". `clang-format -i FILE` fixes
a file.
"""

import os
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
DIRS = ('include', 'src', 'tests')


def sources():
    for d in DIRS:
        for root, dirs, files in os.walk(os.path.join(TOP, d)):
            dirs[:] = sorted(x for x in dirs if x != 'build')
            for f in sorted(files):
                if f.endswith(('.c', '.h')):
                    yield os.path.join(root, f)


def main():
    tool = shutil.which('clang-format')
    if tool is None:
        print('FAIL clang-format is not installed (tools/setup.sh install)')
        print('0 passed, 1 failed')
        return 1
    passed = failed = 0
    for path in sources():
        p = subprocess.run([tool, '--dry-run', '--Werror', path],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        if p.returncode == 0:
            passed += 1
            continue
        failed += 1
        first = p.stdout.decode(errors='replace').splitlines()[:1]
        print(f'FAIL {os.path.relpath(path, TOP)}: not clang-formatted'
              + (f' ({first[0]})' if first else ''))
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
