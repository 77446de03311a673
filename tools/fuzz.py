# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Runs every libFuzzer target of the build for a while.

Usage: fuzz.py build/manifest.json [SECONDS=n] [TEST=substring] [JOBS=n]
                                   [MERGE=1]

The targets are the host programs named fuzz_*. Each runs for SECONDS
(default 60) on a scratch copy of its seed corpus, tests/unit/corpus/<name
without fuzz_>, kept in build/fuzz/<target>/corpus, so the repository's
corpus does not grow. JOBS targets run at once (default 1: a fuzzer keeps
a core busy). MERGE=1 then minimises the seeds and what the run found into
the repository's corpus (libFuzzer -merge=1); review before committing.

Prints, per target, the executions, executions per second, the coverage
libFuzzer counted (cov: edges, ft: features) and the corpus size. A crash,
a failed check, a timeout (an input running more than 25 s: a hang) or an
out-of-memory keeps its input in build/fuzz/<target>/ and makes the exit
status 1; the output says how to replay it.
"""

import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The last status line libFuzzer printed, and its final statistics.
STATUS = re.compile(r'^#(\d+)\s+\S+\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)'
                    r'.*?exec/s: (\d+)', re.M)
STAT = re.compile(r'^stat::(\w+):\s+(\d+)', re.M)
ARTIFACT = re.compile(r'Test unit written to (\S+)')
# Lines that say what went wrong, for the summary.
PROBLEM = re.compile(r'(ERROR: |^fuzz[_:]|SUMMARY: |runtime error: |'
                     r'expected |==\d+==ERROR)', re.M)

PER_INPUT_TIMEOUT = 25


class Run:
    def __init__(self, name):
        self.name = name
        self.status = None
        self.stats = {}
        self.line = None
        self.artifacts = []
        self.problems = []
        self.log = None
        self.merged = None


def corpus_dir(top, target):
    return os.path.join(top, 'tests', 'unit', 'corpus',
                        target[len('fuzz_'):])


def fresh_copy(src, dst):
    shutil.rmtree(dst, ignore_errors=True)
    os.makedirs(dst)
    if os.path.isdir(src):
        for f in os.listdir(src):
            path = os.path.join(src, f)
            if os.path.isfile(path):
                shutil.copy(path, dst)


def merge(prog, seeds, found):
    """Minimises seeds + found into seeds: what covers as much, and less."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'merged')
        os.makedirs(out)
        os.makedirs(seeds, exist_ok=True)
        p = subprocess.run([prog, '-merge=1', out, seeds, found],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        if p.returncode != 0:
            return f'merge failed (status {p.returncode})'
        for f in os.listdir(seeds):
            os.remove(os.path.join(seeds, f))
        for f in os.listdir(out):
            shutil.copy(os.path.join(out, f), seeds)
        return f'{len(os.listdir(seeds))} files in {seeds}'


def fuzz(top, work, target, prog, seconds, do_merge):
    r = Run(target)
    d = os.path.join(work, target)
    scratch = os.path.join(d, 'corpus')
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith(('crash-', 'timeout-', 'oom-', 'leak-')):
            os.remove(os.path.join(d, f))
    fresh_copy(corpus_dir(top, target), scratch)
    r.log = os.path.join(d, 'fuzz.log')
    cmd = [prog, f'-max_total_time={seconds}',
           f'-timeout={PER_INPUT_TIMEOUT}', '-print_final_stats=1',
           f'-artifact_prefix={d}/', scratch]
    with open(r.log, 'w') as log:
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=log,
                               stderr=subprocess.STDOUT,
                               timeout=seconds + 300)
            r.status = p.returncode
        except subprocess.TimeoutExpired:
            r.status = 124
            r.problems.append(f'still running {seconds + 300} s after '
                              'it should have stopped')
    text = open(r.log, errors='replace').read()
    lines = STATUS.findall(text)
    if lines:
        r.line = lines[-1]
    r.stats = {k: int(v) for k, v in STAT.findall(text)}
    r.artifacts = ARTIFACT.findall(text)
    for line in text.splitlines():
        if PROBLEM.search(line) and len(r.problems) < 6:
            r.problems.append(line.strip())
    if do_merge and r.status == 0:
        r.merged = merge(prog, corpus_dir(top, target), scratch)
    return r


def report(r, top):
    ok = r.status == 0 and not r.artifacts
    runs = r.stats.get('number_of_executed_units')
    speed = r.stats.get('average_exec_per_sec')
    if r.line:
        n, cov, ft, corp, size, last_speed = r.line
        runs = runs if runs is not None else int(n)
        speed = speed if speed is not None else int(last_speed)
        what = (f'{runs} runs, {speed} exec/s, cov: {cov} ft: {ft}, '
                f'corpus {corp} inputs/{size}')
    else:
        what = 'no status line from libFuzzer'
    print(f'{"PASS" if ok else "FAIL"} {r.name}: {what}')
    if not ok:
        print(f'    status {r.status}; log {os.path.relpath(r.log, top)}')
        for p in r.problems:
            print(f'    {p}')
        for a in r.artifacts:
            print(f'    kept {a}; replay: {r.name} {a}')
    if r.merged:
        print(f'    merged: {r.merged}')
    return ok


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0]) as f:
        m = json.load(f)
    opts = dict(a.split('=', 1) for a in argv[1:] if '=' in a)
    top = m['top']
    seconds = int(opts.get('SECONDS', 60))
    jobs = int(opts.get('JOBS', 1))
    flt = opts.get('TEST', '')
    do_merge = opts.get('MERGE') == '1'
    work = os.path.join(top, m['build'], 'fuzz')
    targets = []
    for name, p in sorted(m['programs'].items()):
        host = p['outputs'].get('host')
        if host and name.startswith('fuzz_') and flt in name:
            targets.append((name, os.path.join(top, host)))
    if not targets:
        print(f"fuzz: no fuzz target matches '{flt}'", file=sys.stderr)
        return 1
    print(f'fuzz: {len(targets)} targets, {seconds} s each, {jobs} at a '
          'time')
    sys.stdout.flush()
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        futures = [pool.submit(fuzz, top, work, t, prog, seconds, do_merge)
                   for t, prog in targets]
        for fut in futures:
            failed += not report(fut.result(), top)
            sys.stdout.flush()
    print(f'{len(targets) - failed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
