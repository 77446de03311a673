# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Reader of Gunyah-style build.conf trees.

The reader knows nothing about SCons: it turns a tree of build.conf files
into Program records that configure.py turns into a build graph. Every error
names the file and line it comes from, so a typo never becomes a silently
missing object file.
"""

import os
import re
import shlex

KINDS = ('freestanding', 'musl', 'host')
_IDENT = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
_NAME = re.compile(r'^[A-Za-z0-9_.+-]+$')


class BuildConfError(Exception):
    def __init__(self, where, message):
        super().__init__(f'{where}: {message}')
        self.where = where
        self.message = message


class Source:
    """A file to compile, with the include dirs in force where it was named."""

    def __init__(self, path, includes, arch=None, cflags=()):
        self.path = path
        self.includes = list(includes)
        self.arch = arch
        self.cflags = list(cflags)


class Generate:
    def __init__(self, where, outputs, rule, inputs, outdir_rel):
        self.where = where
        self.outputs = outputs
        self.rule = rule
        self.inputs = inputs
        self.outdir_rel = outdir_rel


class Rule:
    def __init__(self, where, name, command):
        self.where = where
        self.name = name
        self.command = command


class Program:
    def __init__(self, name, where):
        self.name = name
        self.where = where
        self.kind = 'freestanding'
        self.arch = None
        self.target_triple = None
        self.cflags = []
        self.cppflags = []
        self.ldflags = []
        self.configs = []
        self.includes = []
        self.arch_includes = []
        self.sources = []
        self.link_script = None
        self.gunyah_image = False
        self.generates = []
        self._set = {}

    def set_once(self, key, where):
        if key in self._set:
            raise BuildConfError(
                where, f"'{key}' given twice for program "
                f"'{self.name}' (first at {self._set[key]})")
        self._set[key] = where

    def active_sources(self):
        return [s for s in self.sources if s.arch in (None, self.arch)]

    def active_includes(self):
        extra = [d for arch, d in self.arch_includes if arch == self.arch]
        return self.includes + extra


class Tree:
    def __init__(self, top):
        self.top = top
        self.programs = []
        self.rules = {}

    def program(self, name):
        for p in self.programs:
            if p.name == name:
                return p
        return None


class _Reader:
    def __init__(self, top):
        self.top = os.path.abspath(top)
        self.tree = Tree(self.top)
        self.visiting = []
        self.local_cflags = {}  # build.conf path -> flags for its sources

    def rel(self, path):
        return os.path.relpath(path, self.top)

    def read_file(self, path, program, local_includes, where_from):
        path = os.path.abspath(path)
        if path in self.visiting:
            raise BuildConfError(where_from, f"'{self.rel(path)}' includes "
                                 'itself through sub_directory')
        self.visiting.append(path)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        here = os.path.dirname(path)
        opened = None
        includes = list(local_includes)
        self.local_cflags[path] = []
        for lineno, words in _statements(text, self.rel(path)):
            where = f'{self.rel(path)}:{lineno}'
            key, args = words[0], words[1:]
            if key == 'program':
                if program is not None:
                    raise BuildConfError(
                        where, f"program '{_one(where, key, args)}' inside "
                        f"program '{program.name}' (started at "
                        f'{program.where})')
                name = _one(where, key, args)
                if not _NAME.match(name):
                    raise BuildConfError(where, f"bad program name '{name}'")
                if self.tree.program(name):
                    raise BuildConfError(
                        where, f"program '{name}' defined twice (first at "
                        f'{self.tree.program(name).where})')
                program = opened = Program(name, where)
                includes = list(local_includes)
            elif key == 'end_program':
                _none(where, key, args)
                if opened is None:
                    raise BuildConfError(where, 'end_program without program'
                                         ' in this file')
                self.finish(opened, where)
                self.tree.programs.append(opened)
                program = opened = None
                includes = list(local_includes)
            elif key == 'sub_directory':
                sub = os.path.join(here, _one(where, key, args))
                if not os.path.isdir(sub):
                    raise BuildConfError(
                        where, f"sub_directory '{args[0]}': no such "
                        'directory')
                conf = os.path.join(sub, 'build.conf')
                if not os.path.isfile(conf):
                    raise BuildConfError(
                        where, f"sub_directory '{args[0]}': no build.conf "
                        'in it')
                self.read_file(conf, program, includes, where)
            elif key == 'rule':
                if len(args) < 2:
                    raise BuildConfError(where, 'rule needs a name and a '
                                         'command')
                if not _IDENT.match(args[0]):
                    raise BuildConfError(where, f"bad rule name '{args[0]}'")
                old = self.tree.rules.get(args[0])
                # A file reached from several programs states it again.
                if old is not None and old.where == where:
                    continue
                if old is not None:
                    raise BuildConfError(
                        where, f"rule '{args[0]}' defined twice (first at "
                        f'{self.tree.rules[args[0]].where})')
                self.tree.rules[args[0]] = Rule(where, args[0],
                                                ' '.join(args[1:]))
            elif program is None:
                if key in _PROGRAM_KEYWORDS:
                    raise BuildConfError(where, f"'{key}' outside a program")
                raise BuildConfError(where, f"unknown keyword '{key}'")
            elif key in _PROGRAM_KEYWORDS:
                _PROGRAM_KEYWORDS[key](self, program, here, where, args,
                                       includes)
            else:
                raise BuildConfError(where, f"unknown keyword '{key}'")
        if opened is not None:
            raise BuildConfError(opened.where, f"program '{opened.name}' has "
                                 f'no end_program in {self.rel(path)}')
        self.visiting.pop()

    def finish(self, program, where):
        if program.arch is None:
            raise BuildConfError(where, f"program '{program.name}' has no "
                                 "'arch'")
        if not program.active_sources() and not program.generates:
            raise BuildConfError(where, f"program '{program.name}' has no "
                                 'sources')
        if program.gunyah_image and program.kind == 'host':
            raise BuildConfError(where, 'gunyah_image on a host program')

    def existing(self, where, here, name, what, want_dir=False):
        path = os.path.normpath(os.path.join(here, name))
        ok = os.path.isdir(path) if want_dir else os.path.isfile(path)
        if not ok:
            raise BuildConfError(where, f"{what} '{name}': no such "
                                 f"{'directory' if want_dir else 'file'}")
        return path


def _statements(text, name):
    """Yields (line number, words); a trailing backslash continues a line."""
    pending, start = '', 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not pending:
            start = lineno
        if line.rstrip().endswith('\\'):
            pending += line.rstrip()[:-1] + ' '
            continue
        line = pending + line
        pending = ''
        try:
            words = shlex.split(line, comments=True)
        except ValueError as e:
            raise BuildConfError(f'{name}:{start}', str(e)) from None
        if words:
            yield start, words


def _one(where, key, args):
    if len(args) != 1:
        raise BuildConfError(where, f"'{key}' takes exactly one argument")
    return args[0]


def _none(where, key, args):
    if args:
        raise BuildConfError(where, f"'{key}' takes no arguments")


def _some(where, key, args):
    if not args:
        raise BuildConfError(where, f"'{key}' needs at least one argument")
    return args


def _kw_kind(r, p, here, where, args, includes):
    kind = _one(where, 'kind', args)
    if kind not in KINDS:
        raise BuildConfError(where, f"unknown kind '{kind}' (one of "
                             f"{', '.join(KINDS)})")
    p.set_once('kind', where)
    p.kind = kind


def _kw_arch(r, p, here, where, args, includes):
    p.set_once('arch', where)
    p.arch = _one(where, 'arch', args)


def _kw_triple(r, p, here, where, args, includes):
    p.set_once('target_triple', where)
    p.target_triple = _one(where, 'target_triple', args)


def _flags(attr):
    def kw(r, p, here, where, args, includes):
        getattr(p, attr).extend(_some(where, attr, args))
    return kw


def _kw_configs(r, p, here, where, args, includes):
    for word in _some(where, 'configs', args):
        name, eq, value = word.partition('=')
        if not eq or not _IDENT.match(name):
            raise BuildConfError(where, f"configs wants NAME=VALUE, not "
                                 f"'{word}'")
        p.configs.append((name, value))


def _kw_include(r, p, here, where, args, includes):
    for d in _some(where, 'include', args):
        p.includes.append(r.existing(where, r.top, d, 'include', True))


def _kw_local_include(r, p, here, where, args, includes):
    for d in args or ['include']:
        includes.append(r.existing(where, here, d, 'local_include', True))


def _local_cflags(r, where):
    return r.local_cflags[os.path.join(r.top, where.rsplit(':', 1)[0])]


def _kw_local_cflags(r, p, here, where, args, includes):
    _local_cflags(r, where).extend(_some(where, 'local_cflags', args))


def _kw_source(r, p, here, where, args, includes):
    for f in _some(where, 'source', args):
        p.sources.append(Source(r.existing(where, here, f, 'source'),
                                includes, None, _local_cflags(r, where)))


def _kw_arch_source(r, p, here, where, args, includes):
    if len(args) < 2:
        raise BuildConfError(where, "'arch_source' needs an arch and files")
    for f in args[1:]:
        p.sources.append(Source(r.existing(where, here, f, 'arch_source'),
                                includes, args[0], _local_cflags(r, where)))


def _kw_arch_include(r, p, here, where, args, includes):
    if len(args) != 2:
        raise BuildConfError(where, "'arch_include' takes an arch and a "
                             'directory')
    p.arch_includes.append(
        (args[0], r.existing(where, here, args[1], 'arch_include', True)))


def _kw_link_script(r, p, here, where, args, includes):
    p.set_once('link_script', where)
    p.link_script = r.existing(where, here, _one(where, 'link_script', args),
                               'link_script')


def _kw_gunyah_image(r, p, here, where, args, includes):
    _none(where, 'gunyah_image', args)
    p.gunyah_image = True


def _kw_generate(r, p, here, where, args, includes):
    if ':' not in args:
        raise BuildConfError(where, "generate wants 'OUT... : RULE IN...'")
    colon = args.index(':')
    outputs, rest = args[:colon], args[colon + 1:]
    if not outputs or not rest:
        raise BuildConfError(where, "generate wants 'OUT... : RULE IN...'")
    rule, inputs = rest[0], rest[1:]
    if rule not in r.tree.rules:
        raise BuildConfError(where, f"unknown rule '{rule}'")
    for o in outputs:
        if '/' in o:
            raise BuildConfError(where, f"generated file '{o}' must be a "
                                 'plain name')
    paths = [r.existing(where, here, i, 'generate input') for i in inputs]
    p.generates.append(Generate(where, outputs, rule, paths,
                                os.path.relpath(here, r.top)))


_PROGRAM_KEYWORDS = {
    'kind': _kw_kind,
    'arch': _kw_arch,
    'target_triple': _kw_triple,
    'cflags': _flags('cflags'),
    'cppflags': _flags('cppflags'),
    'ldflags': _flags('ldflags'),
    'configs': _kw_configs,
    'include': _kw_include,
    'local_include': _kw_local_include,
    'local_cflags': _kw_local_cflags,
    'source': _kw_source,
    'arch_source': _kw_arch_source,
    'arch_include': _kw_arch_include,
    'link_script': _kw_link_script,
    'gunyah_image': _kw_gunyah_image,
    'generate': _kw_generate,
}


def read_tree(top, root='build.conf'):
    """Reads top/root and everything it reaches; returns a Tree."""
    r = _Reader(top)
    path = os.path.join(r.top, root)
    if not os.path.isfile(path):
        raise BuildConfError(root, 'no such file')
    r.read_file(path, None, [], root)
    return r.tree
