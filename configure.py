# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Builds the SCons graph from the build.conf tree.

Outputs:
  build/<toolchain>/<program>/   freestanding programs, once per toolchain
  build/apps/<program>/          musl static-pie apps
  build/host/<program>/          host programs (unit tests, fuzzers)
  build/gen/<dir>/               generated files, shared by every program
  build/compile_commands.json    for clangd
  build/manifest.json            what the test, run, bench and fuzz
                                 scripts read about the build

Targets besides the default build: test, run, bench, fuzz.
"""

import json
import os
import shlex
import sys

TOP = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(TOP, 'tools', 'build'))

import buildconf  # noqa: E402
import objcheck  # noqa: E402
import toolchains  # noqa: E402

BUILD = 'build'
CONVENTION_SECTION = objcheck.CONVENTION_SECTION

# Command-line options handed on to the scripts behind test, run, bench and
# fuzz, as given.
PASSTHROUGH = ('TEST', 'APP', 'TOOLCHAINS', 'JOBS', 'SECONDS', 'MERGE',
               'GUNYAH', 'BASELINE', 'TIMEOUT', 'MODE', 'MACHINE', 'ARGS')


def _action(env, cmd, short, verbose):
    # Not env.Action: that one substitutes $TARGET before there is one.
    from SCons.Action import Action
    return Action(cmd) if verbose else Action(cmd, short)


def _short(env, verbose):
    if verbose:
        return
    for var, tag in (('CCCOMSTR', 'CC'), ('ASPPCOMSTR', 'AS'),
                     ('ASCOMSTR', 'AS'), ('LINKCOMSTR', 'LD')):
        env[var] = f'{tag:<6} $SOURCE'
    env['LINKCOMSTR'] = 'LD     $TARGET'


class Graph:
    def __init__(self, env, tree):
        self.base = env
        self.tree = tree
        self.verbose = env['VERBOSE']
        self.generated = {}
        self.outputs = {}      # (program, toolchain) -> ELF node
        self.programs = {}     # program name -> Program
        self.skipped = []
        self.db = {}           # file -> compile_commands.json entry

    def gen_nodes(self, program):
        """Generated files of a program: made once, whoever asks for them.

        Each is known by its path under build/gen (the reader refuses two
        statements that would make the same path)."""
        nodes, dirs = [], []
        for g in program.generates:
            key = tuple(g.paths())
            outdir = os.path.join(BUILD, 'gen', g.outdir_rel)
            if key not in self.generated:
                # SCons reads '$' itself: its own $SOURCES/$TARGETS for
                # $in/$out, and '$$' for a literal '$'.
                cmd = buildconf.expand(g.rule.command, {
                    'in': '$SOURCES', 'out': '$TARGETS',
                    'top': TOP.replace('$', '$$'),
                    'outdir': outdir.replace('$', '$$')}, dollar='$$')
                targets = [os.path.join(BUILD, 'gen', p) for p in key]
                node = self.base.Command(
                    targets, g.inputs,
                    _action(self.base, cmd, f'GEN    {" ".join(targets)}',
                            self.verbose))
                # What the rule declares it reads besides $in.
                self.base.Depends(node, g.rule.inputs)
                self.generated[key] = node
            nodes.extend(self.generated[key])
            if outdir not in dirs:
                dirs.append(outdir)
        return nodes, dirs

    def objects(self, env, program, outdir, gen_nodes, gen_dirs):
        objs = []
        defines = [f'{n}={v}' for n, v in program.configs]
        units = [(s.path, s.includes, os.path.relpath(s.path, TOP), s.cflags)
                 for s in program.active_sources()]
        # Generated sources by their path under build/: two of one name
        # in different directories are two objects.
        units += [(n, [], os.path.relpath(str(n), BUILD), [])
                  for n in gen_nodes if str(n).endswith(('.c', '.S'))]
        for src, includes, rel, cflags in units:
            # foo.c and foo.S may sit side by side: keep the suffix.
            obj = os.path.join(outdir, rel + '.o')
            over = {'CPPPATH': includes + program.active_includes() +
                    gen_dirs, 'CPPDEFINES': defines}
            if cflags:
                over['CCFLAGS'] = env['CCFLAGS'] + cflags
            nodes = env.Object(obj, src, **over)
            objs += nodes
            if env.get('STACK_USAGE') and not str(src).endswith('.S'):
                # Written by the compiler beside the object: SCons must
                # neither run two writers at once nor leave it behind.
                su = obj[:-2] + '.su'
                env.SideEffect(su, nodes)
                env.Clean(nodes, su)
            if env.get('COMPDB'):
                self.compdb(env.Override(over), nodes[0], src)
        return objs

    def compdb(self, env, obj, src):
        com = '$ASPPCOM' if str(src).endswith('.S') else '$CCCOM'
        path = os.path.join(TOP, str(src))
        if path not in self.db:
            self.db[path] = {'directory': TOP, 'file': path,
                             'command': env.subst(com, target=obj,
                                                  source=env.File(src))}

    def freestanding(self, program, tc):
        env = self.base.Clone(CC=tc.cc, AS=tc.cc)
        env.Append(CCFLAGS=tc.cflags + toolchains.FREESTANDING_CFLAGS +
                   toolchains.WARNINGS + program.cflags,
                   ASFLAGS=tc.cflags + ['-D__ASSEMBLER__'],
                   CPPFLAGS=program.cppflags)
        if program.required_cflags:
            # Each C object then names the flags it was built with in its
            # .GCC.command.line section, which objcheck.py reads at link.
            env.Append(CCFLAGS=['-frecord-gcc-switches'])
        # x.c.o gets an x.c.su beside it (tools/build/stackdepth.py).
        env.Append(CCFLAGS=['-fstack-usage'])
        env['STACK_USAGE'] = True
        env['ASPPFLAGS'] = '$ASFLAGS $CCFLAGS'
        _short(env, self.verbose)
        env['COMPDB'] = tc.name == 'gnu'
        outdir = os.path.join(BUILD, tc.name, program.name)
        gen_nodes, gen_dirs = self.gen_nodes(program)
        objs = self.objects(env, program, outdir, gen_nodes, gen_dirs)
        elf = os.path.join(outdir, program.name + '.elf')
        ldflags = (tc.gunyah_ldflags if program.gunyah_image
                   else toolchains.STATIC_LDFLAGS) + program.ldflags
        inputs = list(objs)
        if program.link_script:
            ldflags += ['-T', program.link_script]
            inputs.append(program.link_script)
        # What ships is stripped (Gunyah maps only 512 KiB of the package);
        # the .debug.elf beside it is for gdb.
        linked = elf[:-4] + '.debug.elf' if program.gunyah_image else elf
        obj_list = ' '.join(str(o) for o in objs)
        actions = []
        if program.required_cflags:
            actions.append(_action(env, ' '.join(
                [sys.executable, os.path.join(TOP, 'tools/build/objcheck.py'),
                 '--require', shlex.quote(' '.join(program.required_cflags)),
                 obj_list]), 'CHECK  $TARGET', self.verbose))
        actions.append(_action(
            env, f'{tc.ld} {" ".join(ldflags)} -o $TARGET {obj_list}'
            ' -Map ${TARGET}.map', 'LD     $TARGET', self.verbose))
        targets = [linked, linked + '.map']
        if not program.gunyah_image:
            actions.append(self.check(env, program, elf))
            targets.append(elf + '.size')
        link = env.Command(targets, inputs, actions)
        if program.gunyah_image:
            # The compilers' records of their flags are for objcheck.py,
            # not for Gunyah.
            link = env.Command([elf, elf + '.size'], link[0], [
                _action(env, f'{tc.strip} --strip-all -R .GCC.command.line '
                        f'-R {CONVENTION_SECTION} -o $TARGET $SOURCE',
                        'STRIP  $TARGET', self.verbose),
                self.check(env, program, elf, symbols=linked)])
        return link

    def check(self, env, program, elf, symbols=None):
        """elfcheck.py on the program's ELF: Gunyah's rules and the budgets
        fail the build; the SIZE line goes to the console and to .size.
        symbols is the ELF with symbols, if elf has none."""
        check = [sys.executable, os.path.join(TOP, 'tools/build/elfcheck.py')]
        if program.gunyah_image:
            check.append('--gunyah')
        # The generated syscall table's 16-bit offsets: every one must
        # point back to a handler (runtime.lds), which ld.lld alone would
        # not make sure of.
        if any(os.path.basename(p) == 'syscall_offsets.S'
               for g in program.generates for p in g.paths()):
            check += ['--offset-table', 'syscall_offsets',
                      '--symbols', symbols or elf]
        if program.memory_budget is not None:
            check += ['--memory-budget', hex(program.memory_budget)]
        if program.file_budget is not None:
            check += ['--file-budget', str(program.file_budget)]
        return _action(env, ' '.join(check) + f' --remove-on-failure '
                       f'--report {elf}.size {elf}', None, self.verbose)

    def musl(self, program):
        m = toolchains.musl()
        if m is None:
            self.skipped.append(f'{program.name}: no musl-dev:arm64')
            return None
        env = self.base.Clone(CC=m['cc'])
        env.Append(CCFLAGS=m['cflags'] + program.cflags,
                   CPPFLAGS=program.cppflags)
        _short(env, self.verbose)
        outdir = os.path.join(BUILD, 'apps', program.name)
        gen_nodes, gen_dirs = self.gen_nodes(program)
        objs = self.objects(env, program, outdir, gen_nodes, gen_dirs)
        elf = os.path.join(outdir, program.name + '.elf')
        actions = [_action(
            env, ' '.join([m['ld']] + m['ldflags'] + program.ldflags +
                          ['-o', '$TARGET'] + m['link_head'] + ['$SOURCES'] +
                          m['link_tail']), 'LD     $TARGET', self.verbose)]
        targets = [elf]
        if (program.gunyah_image or program.memory_budget is not None or
                program.file_budget is not None):
            actions.append(self.check(env, program, elf))
            targets.append(elf + '.size')
        return env.Command(targets, objs, actions)

    def host(self, program):
        env = self.base.Clone(CC=toolchains.host_cc(),
                              LINK=toolchains.host_cc())
        env.Append(CCFLAGS=toolchains.HOST_CFLAGS + toolchains.WARNINGS +
                   program.cflags, CPPFLAGS=program.cppflags,
                   LINKFLAGS=toolchains.HOST_LDFLAGS + program.ldflags)
        _short(env, self.verbose)
        env['COMPDB'] = True
        outdir = os.path.join(BUILD, 'host', program.name)
        gen_nodes, gen_dirs = self.gen_nodes(program)
        objs = self.objects(env, program, outdir, gen_nodes, gen_dirs)
        return env.Program(os.path.join(outdir, program.name), objs)

    def build(self, tc_names):
        tcs = [toolchains.freestanding(n) for n in tc_names]
        for tc in tcs:
            if not tc.available:
                self.skipped.append(f'toolchain {tc.name}: {tc.missing}')
        for program in self.tree.programs:
            self.programs[program.name] = program
            if program.kind == 'freestanding':
                for tc in tcs:
                    if tc.available:
                        self.outputs[(program.name, tc.name)] = \
                            self.freestanding(program, tc)
            elif program.kind == 'musl':
                node = self.musl(program)
                if node:
                    self.outputs[(program.name, 'apps')] = node
            else:
                self.outputs[(program.name, 'host')] = self.host(program)
        return [t for t in tcs if t.available]


def _manifest(graph, tcs):
    """What the test runner and launcher need to know about the build."""
    out = {'top': TOP, 'build': BUILD, 'toolchains': [t.name for t in tcs],
           'programs': {}}
    for (name, where), node in graph.outputs.items():
        p = graph.programs[name]
        out['programs'].setdefault(name, {'kind': p.kind, 'outputs': {}})
        out['programs'][name]['outputs'][where] = str(node[0])
    return out


def passthrough(arguments):
    """The KEY=VALUE words the test, run, bench and fuzz scripts get."""
    # SCons substitutes '$' in the command it runs; '$$' is one '$'.
    return ' '.join(shlex.quote(f'{k}={v}').replace('$', '$$')
                    for k, v in arguments.items() if k in PASSTHROUGH)


def configure(env):
    """Called from SConstruct with the SCons environment."""
    from SCons.Script import (ARGUMENTS, COMMAND_LINE_TARGETS, Alias,
                              AlwaysBuild, Default, Exit, GetOption)
    global BUILD
    # BUILD_DIR lets several checkouts' worth of work share one tree.
    BUILD = ARGUMENTS.get('BUILD_DIR', BUILD)
    if GetOption('clean') and not os.path.isdir(BUILD):
        # Nothing to clean, and SCons would make the directory anyway for
        # its database.
        print(f'scons: nothing to clean ({BUILD} does not exist)')
        Exit(0)
    env.SConsignFile(os.path.join(os.path.abspath(BUILD), 'sconsign'))
    env['VERBOSE'] = ARGUMENTS.get('VERBOSE', '0') == '1'
    env['ENV']['PATH'] = os.environ.get('PATH', '/usr/bin:/bin')
    env.Decider('content-timestamp')
    tc_names = ARGUMENTS.get('TOOLCHAINS', 'gnu llvm').replace(',', ' ')
    try:
        tree = buildconf.read_tree(TOP)
    except buildconf.BuildConfError as e:
        print(f'error: {e}', file=sys.stderr)
        Exit(2)
    graph = Graph(env, tree)
    tcs = graph.build(tc_names.split())
    for s in graph.skipped:
        print(f'warning: skipped {s}', file=sys.stderr)

    quiet = None if env['VERBOSE'] else 'GEN    $TARGET'
    all_nodes = [n for n in graph.outputs.values()]
    db = json.dumps(sorted(graph.db.values(), key=lambda e: e['file']),
                    indent=1) + '\n'
    all_nodes.append(env.Textfile(
        os.path.join(BUILD, 'compile_commands.json'), [env.Value(db)],
        TEXTFILECOMSTR=quiet))
    # A target like any other: written when it changes, never while SCons
    # only reads the tree (scons -n, scons -c).
    text = json.dumps(_manifest(graph, tcs), indent=1, sort_keys=True)
    manifest = env.Textfile(os.path.join(BUILD, 'manifest.json'),
                            [env.Value(text)], TEXTFILECOMSTR=quiet)
    all_nodes.append(manifest)
    Default(all_nodes)

    py = sys.executable
    words = passthrough(ARGUMENTS)
    for name, script in (('test', 'tools/test_runner.py'),
                         ('run', 'tools/run_app.py'),
                         ('bench', 'tools/bench.py'),
                         ('fuzz', 'tools/fuzz.py')):
        if name not in COMMAND_LINE_TARGETS:
            continue
        target = Alias(name, all_nodes, f'{py} {os.path.join(TOP, script)}'
                       f' {manifest[0]} {words}')
        AlwaysBuild(target)
