# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""`scons run [APP=app.elf] [TOOLCHAINS=gnu|llvm] [GUNYAH=DIR]
[MODE=image [MACHINE=el1|el2] [ARGS="one two"]]`: boot one app.

With no APP it boots the demo. The runtime is the one built with the
first of TOOLCHAINS (as the build takes it; GNU by default). Under the boot
stub by default; with GUNYAH (a folder with hyp.elf, as ../shared/gunyah)
as the root VM of the real hypervisor (tools/gunyah_run.py); with
MODE=image as an arm64 Image that QEMU boots as it boots Linux
(tools/image_run.py), ARGS its argv[1..]. The console streams as it comes;
the exit status is the app's, or the launcher's when the boot failed.
"""

import json
import os
import shlex
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
    mode = opts.get('MODE', 'rootvm')
    if mode not in ('rootvm', 'image'):
        print(f'run: MODE={mode}: rootvm (the default) or image',
              file=sys.stderr)
        return 2
    if mode == 'image':
        if gunyah:
            print('run: MODE=image boots without Gunyah: no GUNYAH',
                  file=sys.stderr)
            return 2
        machine = opts.get('MACHINE', 'el1')
        cmd = [sys.executable, os.path.join(top, 'tools', 'image_run.py'),
               '--runtime', runtime, '--app', app, '--machine', machine,
               '--timeout', timeout, '--'] + shlex.split(opts.get('ARGS', ''))
        where = f'QEMU as an Image ({machine})'
    elif gunyah:
        gunyah = os.path.join(top, gunyah)
        cmd = [sys.executable, os.path.join(top, 'tools', 'gunyah_run.py'),
               '--gunyah', gunyah, '--runtime', runtime, '--app', app,
               '--timeout', timeout]
        where = f'the real Gunyah ({os.path.relpath(gunyah, top)}) in QEMU'
    else:
        cmd = [sys.executable, os.path.join(top, 'tools', 'qemu_run.py'),
               '--stub', progs['bootstub']['outputs']['gnu'],
               '--runtime', runtime, '--app', app, '--timeout', timeout]
        where = 'the boot stub in QEMU'
    print(f'run: {os.path.relpath(app, top)} on '
          f'{os.path.relpath(runtime, top)} under {where}',
          flush=True)
    status = subprocess.call(cmd, cwd=top, stdin=subprocess.DEVNULL)
    print(f'run: the app exited with status {status}')
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
