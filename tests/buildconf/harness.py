# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""What the build tests in this folder share: the tree's top, tools/build
on the import path, the list each script's tests register in, their
checks, and the run that prints a PASS or FAIL line per test and the
summary the test runner reads."""

import os
import sys
import traceback

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, 'tools', 'build'))

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def eq(a, b):
    if a != b:
        raise AssertionError(f'{a!r} != {b!r}')


def has(text, part):
    if part not in text:
        raise AssertionError(f'{part!r} not in:\n{text}')


def run(suite):
    """Runs every registered test; the exit status for the script."""
    passed = failed = 0
    for fn in TESTS:
        try:
            fn()
            passed += 1
            print(f'PASS {suite}.{fn.__name__}')
        except Exception:
            failed += 1
            print(f'FAIL {suite}.{fn.__name__}')
            traceback.print_exc(limit=3)
        sys.stdout.flush()
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0
