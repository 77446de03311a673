#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Writes src/syscall/linux_names.txt from musl's AArch64 bits/syscall.h.

Run by hand when Linux gains syscalls; the build uses the committed text, so
it does not depend on musl being installed.

usage: gen_linux_names.py [SYSCALL_H] [OUT]
"""

import re
import sys

DEFAULT_HEADER = '/usr/include/aarch64-linux-musl/bits/syscall.h'
DEFAULT_OUT = 'src/syscall/linux_names.txt'


def main(argv):
    header = argv[1] if len(argv) > 1 else DEFAULT_HEADER
    out = argv[2] if len(argv) > 2 else DEFAULT_OUT
    numbers = {}
    with open(header, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'#define\s+__NR_(\w+)\s+(\d+)\s*$', line)
            if not m:
                continue
            name, nr = m.group(1), int(m.group(2))
            if nr in numbers:
                sys.exit(f'{header}: {nr} named both {numbers[nr]} and '
                         f'{name}')
            numbers[nr] = name
    if not numbers:
        sys.exit(f'{header}: no __NR_ definitions found')
    with open(out, 'w', encoding='utf-8') as f:
        f.write('# SPDX-License-Identifier: BSD-3-Clause\n'
                '# Copyright (c) 2026 The aarch64 bare-metal runtime '
                'authors\n'
                '# Linux AArch64 (asm-generic) syscall numbers and names.\n'
                '# Made by tools/gen_linux_names.py from musl\'s '
                'bits/syscall.h.\n')
        for nr in sorted(numbers):
            f.write(f'{nr} {numbers[nr]}\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
