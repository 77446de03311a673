# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""`scons run [APP=app.elf] [TOOLCHAINS=gnu|llvm] [GUNYAH=DIR]`: boot one app.

With no APP it boots the demo. The runtime is the one built with the
first of TOOLCHAINS (as the build takes it; GNU by default). Under the boot
stub by default; with GUNYAH (a folder with hyp.elf, as ../shared/gunyah)
as the root VM of the real hypervisor (tools/gunyah_run.py). The console
streams as it comes; the exit status is the app's, or the launcher's when
the boot failed.
"""

import json
import os
import subprocess
import sys


def main(argv):
    with open(argv[0]) as f:
        m = json.load(f)
    opts = dict(a.split('=', 1) for a in argv[1:] if '=' in a)
    top = m['top']
    tcs = opts.get('TOOLCHAINS', '').replace(',', ' ').split()
    tc = (tcs or m['toolchains'] or ['gnu'])[0]
    progs = m['programs']
    app = opts.get('APP') or progs['demo']['outputs']['apps']
    runtime = progs['runtime']['outputs'].get(tc)
    if runtime is None:
        print(f'run: no runtime built with toolchain {tc!r}', file=sys.stderr)
        return 2
    timeout = opts.get('TIMEOUT', '60')
    gunyah = opts.get('GUNYAH')
    if gunyah:
        gunyah = os.path.join(top, gunyah)
        cmd = [sys.executable, os.path.join(top, 'tools', 'gunyah_run.py'),
               '--gunyah', gunyah, '--runtime', runtime, '--app', app,
               '--timeout', timeout]
        where = f'the real Gunyah ({os.path.relpath(gunyah, top)})'
    else:
        cmd = [sys.executable, os.path.join(top, 'tools', 'qemu_run.py'),
               '--stub', progs['bootstub']['outputs']['gnu'],
               '--runtime', runtime, '--app', app, '--timeout', timeout]
        where = 'the boot stub'
    print(f'run: {os.path.relpath(app, top)} on '
          f'{os.path.relpath(runtime, top)} under {where} in QEMU',
          flush=True)
    status = subprocess.call(cmd, cwd=top, stdin=subprocess.DEVNULL)
    print(f'run: the app exited with status {status}')
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
