# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""`scons run [APP=app.elf] [TOOLCHAINS=gnu|llvm]`: boot one app under QEMU.

With no APP it boots the demo. The runtime is the one built with the
first of TOOLCHAINS (as the build takes it; GNU by default). The console
streams as it comes; the exit status is the app's.
"""

import json
import os
import subprocess
import sys


def main(argv):
    with open(argv[0]) as f:
        m = json.load(f)
    opts = dict(a.split('=', 1) for a in argv[1:] if '=' in a)
    tcs = opts.get('TOOLCHAINS', '').replace(',', ' ').split()
    tc = (tcs or m['toolchains'] or ['gnu'])[0]
    progs = m['programs']
    app = opts.get('APP') or progs['demo']['outputs']['apps']
    runtime = progs['runtime']['outputs'].get(tc)
    if runtime is None:
        print(f'run: no runtime built with toolchain {tc!r}', file=sys.stderr)
        return 2
    cmd = [sys.executable, os.path.join(m['top'], 'tools', 'qemu_run.py'),
           '--stub', progs['bootstub']['outputs']['gnu'],
           '--runtime', runtime, '--app', app, '--timeout',
           opts.get('TIMEOUT', '60')]
    print(f'run: {os.path.relpath(app, m["top"])} on '
          f'{os.path.relpath(runtime, m["top"])} under QEMU', flush=True)
    status = subprocess.call(cmd, cwd=m['top'], stdin=subprocess.DEVNULL)
    print(f'run: the app exited with status {status}')
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
