# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Reader of Gunyah-style build.conf trees.

The reader knows nothing about SCons: it turns a tree of build.conf files
into Program records that configure.py turns into a build graph. Every error
names the file and line it comes from, so a typo never becomes a silently
missing object file.

Scoping: what a file states for its own sources (local_include,
local_cflags) holds from that line to the end of the file or of the program
block; a rule is seen by the file that defines it, after the definition,
and by every file that file reaches through sub_directory. Shared rules are
therefore declared once, at the top.
"""

import ast
import operator
import os
import re
import shlex

KINDS = ('freestanding', 'musl', 'host')
_IDENT = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
_NAME = re.compile(r'^[A-Za-z0-9_.+-]+$')

# What a rule's command may name. '$$' is a literal '$'.
RULE_VARIABLES = ('in', 'out', 'top', 'outdir')
_VARIABLE = re.compile(r'\$(?:(\$)|\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*)|)')

_SIZE = re.compile(r'^(0[xX][0-9a-fA-F]+|[0-9]+)([kKmM]?)$')


class BuildConfError(Exception):
    def __init__(self, where, message):
        super().__init__(f'{where}: {message}')
        self.where = where
        self.message = message


def rule_variables(command):
    """The variable names a rule command uses, in order.

    Raises ValueError for a '$' that starts no variable."""
    names = []
    for m in _VARIABLE.finditer(command):
        if m.group(1):
            continue
        name = m.group(2) or m.group(3)
        if name is None:
            raise ValueError("a '$' that starts no variable (write $$ for "
                             "a literal '$')")
        names.append(name)
    return names


def expand(command, values, dollar='$'):
    """command with each $name or ${name} replaced by values[name], in one
    pass (so $include is the variable 'include', never $in + 'clude'), and
    each $$ by `dollar`."""
    def one(m):
        if m.group(1):
            return dollar
        name = m.group(2) or m.group(3)
        if name is None:
            raise ValueError("a '$' that starts no variable")
        return values[name]
    return _VARIABLE.sub(one, command)


def parse_size(text):
    """'0xb000', '45056', '44k' or '1M' as a number of bytes, else None."""
    m = _SIZE.match(text)
    if not m:
        return None
    return int(m.group(1), 0) * {'': 1, 'k': 1024, 'm': 1 << 20}[
        m.group(2).lower()]


class Source:
    """A file to compile, with the include dirs in force where it was named."""

    def __init__(self, path, includes, arch=None, cflags=()):
        self.path = path
        self.includes = list(includes)
        self.arch = arch
        self.cflags = list(cflags)


class Rule:
    """A command that makes files. `inputs` are files the command reads
    besides its $in (the generator itself, modules it imports): a change
    to any of them makes every output again."""

    def __init__(self, where, name, command):
        self.where = where
        self.name = name
        self.command = command
        self.inputs = []


class Generate:
    """Outputs are plain names; they go to build/gen/<outdir_rel>/, so each
    is known by its path relative to build/gen (see paths())."""

    def __init__(self, where, outputs, rule, inputs, outdir_rel):
        self.where = where
        self.outputs = outputs
        self.rule = rule
        self.inputs = inputs
        self.outdir_rel = outdir_rel

    def paths(self):
        return [os.path.normpath(os.path.join(self.outdir_rel, o))
                for o in self.outputs]


class Assertion:
    """An assert_config line: a Python-like integer expression over the
    program's configs, checked once the program is complete."""

    def __init__(self, where, text, tree):
        self.where = where
        self.text = text
        self.tree = tree


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
        self.required_cflags = []
        self.configs = []        # (name, value), each name once
        self.config_where = {}   # name -> where it was set
        self.assertions = []
        self.includes = []
        self.arch_includes = []
        self.sources = []
        self.link_script = None
        self.gunyah_image = False
        self.memory_budget = None
        self.file_budget = None
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

    def config_values(self):
        """Configs as assert_config sees them: integers where they parse
        as C integer literals (a u or l suffix is dropped)."""
        out = {}
        for name, value in self.configs:
            try:
                out[name] = int(value.rstrip('uUlL'), 0)
            except ValueError:
                out[name] = value
        return out


class Tree:
    def __init__(self, top):
        self.top = top
        self.programs = []

    def program(self, name):
        for p in self.programs:
            if p.name == name:
                return p
        return None


class _File:
    """One reading of one build.conf: what its statements share.

    A file reached from several programs is read once for each, so nothing
    here outlives the reading."""

    def __init__(self, path, rel, includes, rules):
        self.path = path
        self.rel = rel
        self.here = os.path.dirname(path)
        self.inherited_includes = list(includes)
        self.includes = list(includes)
        self.local_cflags = []
        self.rules = dict(rules)   # name -> Rule, this file's and its parents'

    def new_block(self):
        """Entering or leaving a program block starts the local state over."""
        self.includes = list(self.inherited_includes)
        self.local_cflags = []


class _Reader:
    def __init__(self, top):
        self.top = os.path.abspath(top)
        self.tree = Tree(self.top)
        self.visiting = []
        self.generated = {}   # path under build/gen -> Generate

    def rel(self, path):
        return os.path.relpath(path, self.top)

    def read_file(self, path, program, includes, rules, where_from):
        path = os.path.abspath(path)
        if path in self.visiting:
            raise BuildConfError(where_from, f"'{self.rel(path)}' includes "
                                 'itself through sub_directory')
        self.visiting.append(path)
        with open(path, encoding='utf-8') as fh:
            text = fh.read()
        f = _File(path, self.rel(path), includes, rules)
        opened = None
        for lineno, words in _statements(text, f.rel):
            where = f'{f.rel}:{lineno}'
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
                f.new_block()
            elif key == 'end_program':
                _none(where, key, args)
                if opened is None:
                    raise BuildConfError(where, 'end_program without program'
                                         ' in this file')
                self.finish(opened, where)
                self.tree.programs.append(opened)
                program = opened = None
                f.new_block()
            elif key == 'sub_directory':
                sub = os.path.join(f.here, _one(where, key, args))
                if not os.path.isdir(sub):
                    raise BuildConfError(
                        where, f"sub_directory '{args[0]}': no such "
                        'directory')
                conf = os.path.join(sub, 'build.conf')
                if not os.path.isfile(conf):
                    raise BuildConfError(
                        where, f"sub_directory '{args[0]}': no build.conf "
                        'in it')
                self.read_file(conf, program, f.includes, f.rules, where)
            elif key in _FILE_KEYWORDS:
                _FILE_KEYWORDS[key](self, f, where, args)
            elif program is None:
                if key in _PROGRAM_KEYWORDS:
                    raise BuildConfError(where, f"'{key}' outside a program")
                raise BuildConfError(where, f"unknown keyword '{key}'")
            elif key in _PROGRAM_KEYWORDS:
                _PROGRAM_KEYWORDS[key](self, program, f, where, args)
            else:
                raise BuildConfError(where, f"unknown keyword '{key}'")
        if opened is not None:
            raise BuildConfError(opened.where, f"program '{opened.name}' has "
                                 f'no end_program in {f.rel}')
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
        if program.kind == 'host':
            for key in ('memory_budget', 'file_budget'):
                if key in program._set:
                    raise BuildConfError(
                        program._set[key], f"'{key}' on a host program "
                        '(budgets are for ELF images)')
        values = program.config_values()
        for a in program.assertions:
            _check_assertion(a, values, program.name)

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


# assert_config: integer arithmetic, comparisons and logic, nothing else.
_BINARY = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
    ast.LShift: operator.lshift, ast.RShift: operator.rshift,
    ast.BitAnd: operator.and_, ast.BitOr: operator.or_,
    ast.BitXor: operator.xor,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos,
          ast.Invert: operator.invert, ast.Not: operator.not_}
_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne,
            ast.Lt: operator.lt, ast.LtE: operator.le,
            ast.Gt: operator.gt, ast.GtE: operator.ge}


def _check_syntax(node, where):
    """Refuses, at the line that states it, anything but the subset."""
    if isinstance(node, ast.Expression):
        return _check_syntax(node.body, where)
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return
    if isinstance(node, ast.Name):
        return
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        _check_syntax(node.left, where)
        return _check_syntax(node.right, where)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _check_syntax(node.operand, where)
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _check_syntax(v, where)
        return
    if isinstance(node, ast.Compare) and all(type(o) in _COMPARE
                                             for o in node.ops):
        _check_syntax(node.left, where)
        for c in node.comparators:
            _check_syntax(c, where)
        return
    raise BuildConfError(where, 'assert_config takes integers, config '
                         'names, arithmetic, comparisons, and/or/not; not '
                         f"'{ast.unparse(node)}'")


class _Unset(Exception):
    pass


def _evaluate(node, values):
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, values)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in values:
            raise _Unset(node.id)
        return values[node.id]
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_evaluate(node.left, values),
                                      _evaluate(node.right, values))
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_evaluate(node.operand, values))
    if isinstance(node, ast.BoolOp):
        want = isinstance(node.op, ast.Or)
        for v in node.values:
            if bool(_evaluate(v, values)) == want:
                return want
        return not want
    left = _evaluate(node.left, values)
    for op, c in zip(node.ops, node.comparators):
        right = _evaluate(c, values)
        if not _COMPARE[type(op)](left, right):
            return False
        left = right
    return True


def _check_assertion(a, values, program):
    try:
        ok = _evaluate(a.tree, values)
    except _Unset as e:
        raise BuildConfError(a.where, f"assert_config: '{e}' is not set in "
                             f"program '{program}'") from None
    except (TypeError, ZeroDivisionError, ValueError) as e:
        raise BuildConfError(a.where, f"assert_config '{a.text}' in program "
                             f"'{program}': {e}") from None
    if not ok:
        used = sorted({n.id for n in ast.walk(a.tree)
                       if isinstance(n, ast.Name)})
        now = ', '.join(f'{n}={values[n]}' for n in used if n in values)
        raise BuildConfError(a.where, f"assert_config failed for program "
                             f"'{program}': {a.text} ({now})")


# Statements that may stand outside a program block.

def _kw_rule(r, f, where, args):
    if len(args) < 2:
        raise BuildConfError(where, 'rule needs a name and a command')
    name = args[0]
    if not _IDENT.match(name):
        raise BuildConfError(where, f"bad rule name '{name}'")
    old = f.rules.get(name)
    if old is not None:
        raise BuildConfError(where, f"rule '{name}' defined twice (first "
                             f'at {old.where})')
    command = ' '.join(args[1:])
    try:
        used = rule_variables(command)
    except ValueError as e:
        raise BuildConfError(where, f"rule '{name}': {e}") from None
    for v in used:
        if v not in RULE_VARIABLES:
            raise BuildConfError(
                where, f"rule '{name}': unknown variable ${v} (one of "
                + ', '.join('$' + n for n in RULE_VARIABLES) + ')')
    f.rules[name] = Rule(where, name, command)


def _kw_rule_inputs(r, f, where, args):
    if len(args) < 2:
        raise BuildConfError(where, "'rule_inputs' needs a rule and files")
    rule = f.rules.get(args[0])
    if rule is None or not rule.where.startswith(f.rel + ':'):
        raise BuildConfError(where, f"rule_inputs: no rule '{args[0]}' "
                             'defined in this file')
    for i in args[1:]:
        rule.inputs.append(r.existing(where, f.here, i, 'rule_inputs'))


_FILE_KEYWORDS = {
    'rule': _kw_rule,
    'rule_inputs': _kw_rule_inputs,
}


# Statements of a program block (or of a file it reaches).

def _kw_kind(r, p, f, where, args):
    kind = _one(where, 'kind', args)
    if kind not in KINDS:
        raise BuildConfError(where, f"unknown kind '{kind}' (one of "
                             f"{', '.join(KINDS)})")
    p.set_once('kind', where)
    p.kind = kind


def _kw_arch(r, p, f, where, args):
    p.set_once('arch', where)
    p.arch = _one(where, 'arch', args)


def _kw_triple(r, p, f, where, args):
    p.set_once('target_triple', where)
    p.target_triple = _one(where, 'target_triple', args)


def _flags(attr):
    def kw(r, p, f, where, args):
        getattr(p, attr).extend(_some(where, attr, args))
    return kw


def _kw_required_cflags(r, p, f, where, args):
    flags = _some(where, 'required_cflags', args)
    p.cflags.extend(flags)
    p.required_cflags.extend(flags)


def _kw_configs(r, p, f, where, args):
    for word in _some(where, 'configs', args):
        name, eq, value = word.partition('=')
        if not eq or not _IDENT.match(name):
            raise BuildConfError(where, f"configs wants NAME=VALUE, not "
                                 f"'{word}'")
        if name in p.config_where:
            raise BuildConfError(
                where, f"config '{name}' set twice for program '{p.name}' "
                f'(first at {p.config_where[name]})')
        p.config_where[name] = where
        p.configs.append((name, value))


def _kw_assert_config(r, p, f, where, args):
    text = ' '.join(_some(where, 'assert_config', args))
    try:
        tree = ast.parse(text, mode='eval')
    except SyntaxError:
        raise BuildConfError(where, f"assert_config: cannot parse "
                             f"'{text}'") from None
    _check_syntax(tree, where)
    p.assertions.append(Assertion(where, text, tree))


def _budget(attr):
    def kw(r, p, f, where, args):
        text = _one(where, attr, args)
        size = parse_size(text)
        if size is None:
            raise BuildConfError(where, f"{attr} wants a size such as "
                                 f"0xb000, 45056 or 44k, not '{text}'")
        p.set_once(attr, where)
        setattr(p, attr, size)
    return kw


def _kw_include(r, p, f, where, args):
    for d in _some(where, 'include', args):
        p.includes.append(r.existing(where, r.top, d, 'include', True))


def _kw_local_include(r, p, f, where, args):
    for d in args or ['include']:
        f.includes.append(r.existing(where, f.here, d, 'local_include', True))


def _kw_local_cflags(r, p, f, where, args):
    f.local_cflags.extend(_some(where, 'local_cflags', args))


def _kw_source(r, p, f, where, args):
    for name in _some(where, 'source', args):
        p.sources.append(Source(r.existing(where, f.here, name, 'source'),
                                f.includes, None, f.local_cflags))


def _kw_arch_source(r, p, f, where, args):
    if len(args) < 2:
        raise BuildConfError(where, "'arch_source' needs an arch and files")
    for name in args[1:]:
        p.sources.append(Source(r.existing(where, f.here, name,
                                           'arch_source'),
                                f.includes, args[0], f.local_cflags))


def _kw_arch_include(r, p, f, where, args):
    if len(args) != 2:
        raise BuildConfError(where, "'arch_include' takes an arch and a "
                             'directory')
    p.arch_includes.append(
        (args[0], r.existing(where, f.here, args[1], 'arch_include', True)))


def _kw_link_script(r, p, f, where, args):
    p.set_once('link_script', where)
    p.link_script = r.existing(where, f.here,
                               _one(where, 'link_script', args),
                               'link_script')


def _kw_gunyah_image(r, p, f, where, args):
    _none(where, 'gunyah_image', args)
    p.gunyah_image = True


def _kw_generate(r, p, f, where, args):
    if ':' not in args:
        raise BuildConfError(where, "generate wants 'OUT... : RULE IN...'")
    colon = args.index(':')
    outputs, rest = args[:colon], args[colon + 1:]
    if not outputs or not rest:
        raise BuildConfError(where, "generate wants 'OUT... : RULE IN...'")
    name, inputs = rest[0], rest[1:]
    rule = f.rules.get(name)
    if rule is None:
        raise BuildConfError(where, f"unknown rule '{name}' (a rule is seen "
                             'by its own file and the files that file '
                             'reaches)')
    for o in outputs:
        if '/' in o or o in ('.', '..'):
            raise BuildConfError(where, f"generated file '{o}' must be a "
                                 'plain name')
    paths = [r.existing(where, f.here, i, 'generate input') for i in inputs]
    g = Generate(where, outputs, rule, paths, os.path.relpath(f.here, r.top))
    # The same line read again for another program makes the same files;
    # anything else that would write them is a mistake.
    for out in g.paths():
        old = r.generated.setdefault(out, g)
        if old is not g and (old.where, old.rule.where, old.inputs) != (
                g.where, rule.where, g.inputs):
            raise BuildConfError(where, f"'{out}' is generated twice (first "
                                 f'at {old.where})')
    p.generates.append(g)


_PROGRAM_KEYWORDS = {
    'kind': _kw_kind,
    'arch': _kw_arch,
    'target_triple': _kw_triple,
    'cflags': _flags('cflags'),
    'cppflags': _flags('cppflags'),
    'ldflags': _flags('ldflags'),
    'required_cflags': _kw_required_cflags,
    'configs': _kw_configs,
    'assert_config': _kw_assert_config,
    'memory_budget': _budget('memory_budget'),
    'file_budget': _budget('file_budget'),
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
    r.read_file(path, None, [], {}, root)
    return r.tree
