# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
"""Tests of the build.conf reader: good trees, and every kind of bad file
with the exact `path:line: message` it must produce."""

import os
import sys
import tempfile

from harness import TESTS, TOP, eq, run, test  # noqa: E402
import buildconf  # noqa: E402



def tree(files):
    """Writes {relpath: text} into a fresh directory and returns it."""
    d = tempfile.mkdtemp(prefix='buildconf-')
    for rel, text in files.items():
        path = os.path.join(d, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(text)
    return d


def error_of(files):
    try:
        buildconf.read_tree(tree(files))
    except buildconf.BuildConfError as e:
        return str(e)
    raise AssertionError('no error raised')


GOOD = {
    'build.conf': '''# top
program rt
\tkind freestanding
\tarch aarch64
\tgunyah_image
\tlink_script src/rt.lds
\tconfigs A=1 B=two
\tcflags -O2 \\
\t\t-g
\tsub_directory src
end_program

program unit
\tkind host
\tarch host
\tsub_directory src
end_program
''',
    'src/build.conf': '''include include
local_include
source a.c
arch_source aarch64 arm.S
arch_source host fake.c
arch_include aarch64 archinc
rule gen python3 $top/tools/g.py $in $out
generate t.c t.h : gen t.tbl
''',
    'src/rt.lds': '', 'src/a.c': '', 'src/arm.S': '', 'src/fake.c': '',
    'src/t.tbl': '', 'include/x.h': '', 'src/include/y.h': '',
    'src/archinc/z.h': '',
}


@test
def good_tree_programs_and_kinds():
    t = buildconf.read_tree(tree(GOOD))
    eq([p.name for p in t.programs], ['rt', 'unit'])
    eq(t.programs[0].kind, 'freestanding')
    eq(t.programs[1].kind, 'host')
    eq(t.programs[0].gunyah_image, True)


@test
def good_tree_arch_sources_are_filtered():
    t = buildconf.read_tree(tree(GOOD))
    rt, unit = t.programs
    eq([os.path.basename(s.path) for s in rt.active_sources()],
       ['a.c', 'arm.S'])
    eq([os.path.basename(s.path) for s in unit.active_sources()],
       ['a.c', 'fake.c'])


@test
def good_tree_flags_configs_includes():
    t = buildconf.read_tree(tree(GOOD))
    rt = t.programs[0]
    eq(rt.configs, [('A', '1'), ('B', 'two')])
    eq(rt.cflags, ['-O2', '-g'])
    eq([os.path.basename(i) for i in rt.active_includes()],
       ['include', 'archinc'])
    eq([os.path.basename(i) for i in rt.sources[0].includes], ['include'])
    eq(os.path.basename(rt.link_script), 'rt.lds')


@test
def good_tree_rule_and_generate():
    t = buildconf.read_tree(tree(GOOD))
    g = t.programs[0].generates[0]
    eq(g.outputs, ['t.c', 't.h'])
    eq(g.rule.name, 'gen')
    eq(g.rule.where, 'src/build.conf:7')
    eq([os.path.basename(i) for i in g.inputs], ['t.tbl'])
    eq(g.outdir_rel, 'src')
    eq(g.paths(), ['src/t.c', 'src/t.h'])


@test
def local_cflags_apply_to_later_sources_of_that_file_only():
    t = buildconf.read_tree(tree({
        'build.conf': 'program p\narch host\nsource a.c\nlocal_cflags -Os\n'
                      'source b.c\nsub_directory d\nsource c.c\n'
                      'end_program\n',
        'd/build.conf': 'source e.c\nlocal_cflags -O3\nsource f.c\n',
        'a.c': '', 'b.c': '', 'c.c': '', 'd/e.c': '', 'd/f.c': ''}))
    eq({os.path.basename(s.path): s.cflags for s in t.programs[0].sources},
       {'a.c': [], 'b.c': ['-Os'], 'e.c': [], 'f.c': ['-O3'],
        'c.c': ['-Os']})


@test
def real_tree_reads():
    t = buildconf.read_tree(TOP)
    names = [p.name for p in t.programs]
    for want in ('runtime', 'bootstub'):
        if want not in names:
            raise AssertionError(f'{want} missing from {names}')


BAD = [
    ({'build.conf': 'program p\narch host\nfrobnicate x\nend_program\n'},
     "build.conf:3: unknown keyword 'frobnicate'"),
    ({'build.conf': 'source a.c\n'},
     "build.conf:1: 'source' outside a program"),
    ({'build.conf': 'program p\narch host\nsource missing.c\nend_program\n'},
     "build.conf:3: source 'missing.c': no such file"),
    ({'build.conf': 'program p\narch host\nsub_directory nope\n'
      'end_program\n'},
     "build.conf:3: sub_directory 'nope': no such directory"),
    ({'build.conf': 'program p\narch host\nsub_directory d\nend_program\n',
      'd/x': ''},
     "build.conf:3: sub_directory 'd': no build.conf in it"),
    ({'build.conf': 'program p\narch host\nsub_directory d\nend_program\n',
      'd/build.conf': '\n\nsource gone.c\n'},
     "d/build.conf:3: source 'gone.c': no such file"),
    ({'build.conf': 'program p\narch host\nsource a.c\n', 'a.c': ''},
     "build.conf:1: program 'p' has no end_program in build.conf"),
    ({'build.conf': 'end_program\n'},
     "build.conf:1: end_program without program in this file"),
    ({'build.conf': 'program p\nprogram q\n'},
     "build.conf:2: program 'q' inside program 'p' (started at "
     "build.conf:1)"),
    ({'build.conf': 'program p\nsource a.c\nend_program\n', 'a.c': ''},
     "build.conf:3: program 'p' has no 'arch'"),
    ({'build.conf': 'program p\narch host\nend_program\n'},
     "build.conf:3: program 'p' has no sources"),
    ({'build.conf': 'program p\narch a\narch b\nend_program\n'},
     "build.conf:3: 'arch' given twice for program 'p' (first at "
     "build.conf:2)"),
    ({'build.conf': 'program p\nkind rocket\nend_program\n'},
     "build.conf:2: unknown kind 'rocket' (one of freestanding, musl, "
     "host)"),
    ({'build.conf': 'program p\narch host\nconfigs NOEQUALS\n'
      'end_program\n'},
     "build.conf:3: configs wants NAME=VALUE, not 'NOEQUALS'"),
    ({'build.conf': 'program p\narch host\ngenerate a.c : nosuch x\n'
      'end_program\n'},
     "build.conf:3: unknown rule 'nosuch' (a rule is seen by its own file "
     "and the files that file reaches)"),
    ({'build.conf': 'rule r echo\nrule r echo\n'},
     "build.conf:2: rule 'r' defined twice (first at build.conf:1)"),
    ({'build.conf': 'program p\narch host\ngenerate a.c r x\nend_program\n'},
     "build.conf:3: generate wants 'OUT... : RULE IN...'"),
    ({'build.conf': 'program p\narch host\ninclude nodir\nend_program\n'},
     "build.conf:3: include 'nodir': no such directory"),
    ({'build.conf': 'program p\narch host\nlocal_cflags\nend_program\n'},
     "build.conf:3: 'local_cflags' needs at least one argument"),
    ({'build.conf': 'program p\narch host\nlink_script\nend_program\n'},
     "build.conf:3: 'link_script' takes exactly one argument"),
    ({'build.conf': 'program p\narch host\ncflags "-O2\nend_program\n'},
     'build.conf:3: No closing quotation'),
    ({'build.conf': 'program p\narch host\nsub_directory .\nend_program\n'},
     "build.conf:3: 'build.conf' includes itself through sub_directory"),
    ({'build.conf': 'program p\nend_program\nprogram p\nend_program\n'},
     "build.conf:2: program 'p' has no 'arch'"),
    ({'build.conf': 'program p\narch host\nsource a.c\nend_program\n'
      'program p\nend_program\n', 'a.c': ''},
     "build.conf:5: program 'p' defined twice (first at build.conf:1)"),
]


# The build.conf defects of issue 13, each with what it must do now.

def program(body, name='p'):
    return f'program {name}\narch host\n{body}end_program\n'


@test
def rule_variables_are_whole_words():
    # Chained str.replace turned $include into $SOURCES + 'clude'.
    values = {'in': 'IN', 'out': 'OUT', 'top': '/top', 'outdir': 'gen/d'}
    eq(buildconf.expand('cc ${in}clude -o $out $top/$outdir $$HOME', values),
       'cc INclude -o OUT /top/gen/d $HOME')
    eq(buildconf.expand('a $$ b', values, dollar='$$'), 'a $$ b')
    eq(buildconf.rule_variables('$in ${out} $$x $topdir'),
       ['in', 'out', 'topdir'])


@test
def rule_with_an_unknown_variable_is_refused():
    eq(error_of({'build.conf': 'rule g gen -I$include $in $out\n'}),
       "build.conf:1: rule 'g': unknown variable $include (one of $in, "
       "$out, $top, $outdir)")
    eq(error_of({'build.conf': 'rule g gen $in $out 5$\n'}),
       "build.conf:1: rule 'g': a '$' that starts no variable (write $$ "
       "for a literal '$')")


def _rules_tree(**extra):
    files = {
        'build.conf': 'program p\narch host\nsub_directory a\n'
                      'sub_directory b\nend_program\n',
        'a/build.conf': 'rule g python3 gen.py $in $out\n'
                        'generate x.c : g x.in\n',
        'b/build.conf': 'generate y.c : g y.in\n',
        'a/x.in': '', 'b/y.in': ''}
    files.update(extra)
    return files


@test
def rules_are_not_seen_by_sibling_trees():
    # Read after a/, b/ used to see a/'s rule because rules were global.
    eq(error_of(_rules_tree()),
       "b/build.conf:1: unknown rule 'g' (a rule is seen by its own file and "
       "the files that file reaches)")


@test
def rules_declared_at_the_top_are_seen_below():
    files = _rules_tree()
    files['build.conf'] = 'rule g python3 gen.py $in $out\n' + \
        files['build.conf']
    files['a/build.conf'] = 'generate x.c : g x.in\n'
    t = buildconf.read_tree(tree(files))
    eq([g.rule.where for g in t.programs[0].generates],
       ['build.conf:1', 'build.conf:1'])


@test
def sibling_trees_may_each_have_a_rule_of_one_name():
    files = _rules_tree()
    files['b/build.conf'] = 'rule g python3 other.py $in $out\n' + \
        files['b/build.conf']
    t = buildconf.read_tree(tree(files))
    eq([g.rule.command for g in t.programs[0].generates],
       ['python3 gen.py $in $out', 'python3 other.py $in $out'])


@test
def a_rule_may_not_shadow_one_it_sees():
    files = _rules_tree()
    files['build.conf'] = 'rule g echo\n' + files['build.conf']
    eq(error_of(files), "a/build.conf:1: rule 'g' defined twice (first at "
       "build.conf:1)")


@test
def generator_inputs_are_declared():
    t = buildconf.read_tree(tree({
        'build.conf': 'rule g python3 $top/tools/g.py $in $out\n'
                      'rule_inputs g tools/g.py tools/lib.py\n'
                      + program('generate t.c : g t.in\n'),
        'tools/g.py': '', 'tools/lib.py': '', 't.in': ''}))
    eq([os.path.relpath(i, t.top) for i in
        t.programs[0].generates[0].rule.inputs],
       ['tools/g.py', 'tools/lib.py'])


@test
def generator_inputs_must_exist_and_name_a_rule_of_the_file():
    eq(error_of({'build.conf': 'rule g gen\nrule_inputs g nope.py\n'}),
       "build.conf:2: rule_inputs 'nope.py': no such file")
    eq(error_of({'build.conf': 'rule g gen\nsub_directory d\n',
                 'd/build.conf': 'rule_inputs g x.py\n', 'd/x.py': ''}),
       "d/build.conf:1: rule_inputs: no rule 'g' defined in this file")


@test
def one_output_path_from_two_statements_is_refused():
    eq(error_of({'build.conf': 'rule g gen $in $out\n' + program(
        'generate t.c : g a.in\ngenerate t.c : g b.in\n'),
        'a.in': '', 'b.in': ''}),
       "build.conf:5: 't.c' is generated twice (first at build.conf:4)")


@test
def one_statement_read_for_two_programs_makes_its_files_once():
    t = buildconf.read_tree(tree({
        'build.conf': 'rule g gen $in $out\n' +
        program('sub_directory d\n', 'p') + program('sub_directory d\n',
                                                      'q'),
        'd/build.conf': 'generate t.c : g t.in\n', 'd/t.in': ''}))
    eq([g.paths() for p in t.programs for g in p.generates],
       [['d/t.c'], ['d/t.c']])


@test
def local_cflags_hold_for_a_file_outside_the_top():
    # They were looked up again from the "path:line" text, which does not
    # name the file that way when it lies outside the top directory.
    d = tree({'top/build.conf': program('sub_directory ../shared\n'),
              'shared/build.conf': 'source a.c\nlocal_cflags -Os\n'
                                   'source b.c\n',
              'shared/a.c': '', 'shared/b.c': ''})
    t = buildconf.read_tree(os.path.join(d, 'top'))
    eq([(os.path.basename(s.path), s.cflags) for s in t.programs[0].sources],
       [('a.c', []), ('b.c', ['-Os'])])


@test
def local_cflags_end_with_the_program_block():
    t = buildconf.read_tree(tree({
        'build.conf': program('local_cflags -Os\nsource a.c\n', 'p') +
        program('source b.c\n', 'q'), 'a.c': '', 'b.c': ''}))
    eq([s.cflags for p in t.programs for s in p.sources], [['-Os'], []])


@test
def a_config_set_twice_is_refused():
    # Even to the same value: it used to give -D twice.
    eq(error_of({'build.conf': program('configs A=1 B=2\nsub_directory d\n'),
                 'd/build.conf': 'configs A=1\n'}),
       "d/build.conf:1: config 'A' set twice for program 'p' (first at "
       "build.conf:3)")


@test
def assert_config_holds():
    t = buildconf.read_tree(tree({
        'build.conf': program('assert_config 1 <= N <= 64 and N % 4 == 0\n'
                              'configs N=0x10u\nsource a.c\n'),
        'a.c': ''}))
    eq(t.programs[0].configs, [('N', '0x10u')])


@test
def assert_config_sees_configs_set_anywhere_in_the_program():
    # Checked when the program ends, as Gunyah checks once every config
    # file is read.
    t = buildconf.read_tree(tree({
        'build.conf': program('sub_directory d\nconfigs N=3\n'),
        'd/build.conf': 'assert_config N > 2\nsource a.c\n', 'd/a.c': ''}))
    eq(len(t.programs[0].assertions), 1)


BAD_ASSERTIONS = [
    ('assert_config N <= 64\nconfigs N=65 M=1\n',
     "build.conf:3: assert_config failed for program 'p': N <= 64 "
     "(N=65)"),
    ('configs N=0x41\nassert_config N <= 64 and M\n',
     "build.conf:4: assert_config failed for program 'p': N <= 64 and M "
     "(N=65)"),
    ('assert_config N\n',
     "build.conf:3: assert_config: 'N' is not set in program 'p'"),
    ('assert_config N >\n',
     "build.conf:3: assert_config: cannot parse 'N >'"),
    ('assert_config len(N) > 1\n',
     "build.conf:3: assert_config takes integers, config names, "
     "arithmetic, comparisons, and/or/not; not 'len(N)'"),
    ('configs N=x\nassert_config N + 1\n',
     "build.conf:4: assert_config 'N + 1' in program 'p': can only "
     "concatenate str (not \"int\") to str"),
]


def bad_assertion(body, message):
    def fn():
        eq(error_of({'build.conf': program(body + 'source a.c\n'),
                     'a.c': ''}), message)
    fn.__name__ = 'bad assert_config: ' + body.splitlines()[-1][:40]
    return fn


@test
def budgets_are_sizes():
    t = buildconf.read_tree(tree({
        'build.conf': 'program p\narch a\nmemory_budget 0xb000\n'
                      'file_budget 44k\nsource a.c\nend_program\n',
        'a.c': ''}))
    eq((t.programs[0].memory_budget, t.programs[0].file_budget),
       (0xb000, 45056))
    eq(buildconf.parse_size('1M'), 1 << 20)
    eq(buildconf.parse_size('12'), 12)
    eq(buildconf.parse_size('4kB'), None)


@test
def required_cflags_are_cflags_the_link_checks():
    t = buildconf.read_tree(tree({
        'build.conf': program('cflags -O2\nrequired_cflags -ffixed-x18\n'
                              'source a.c\n'), 'a.c': ''}))
    eq(t.programs[0].cflags, ['-O2', '-ffixed-x18'])
    eq(t.programs[0].required_cflags, ['-ffixed-x18'])


BAD += [
    ({'build.conf': 'program p\narch a\nmemory_budget lots\nend_program\n'},
     "build.conf:3: memory_budget wants a size such as 0xb000, 45056 or "
     "44k, not 'lots'"),
    ({'build.conf': 'program p\narch a\nfile_budget 1k\nfile_budget 2k\n'
      'end_program\n'},
     "build.conf:4: 'file_budget' given twice for program 'p' (first at "
     "build.conf:3)"),
    ({'build.conf': 'program p\nkind host\narch a\nmemory_budget 1k\n'
      'source a.c\nend_program\n', 'a.c': ''},
     "build.conf:4: 'memory_budget' on a host program (budgets are for ELF "
     "images)"),
    ({'build.conf': 'program p\narch a\nrequired_cflags\nend_program\n'},
     "build.conf:3: 'required_cflags' needs at least one argument"),
]


def bad_case(files, message):
    def fn():
        eq(error_of(files), message)
    fn.__name__ = 'bad: ' + message.split(': ', 1)[1][:50]
    return fn


for _files, _message in BAD:
    TESTS.append(bad_case(_files, _message))
for _body, _message in BAD_ASSERTIONS:
    TESTS.append(bad_assertion(_body, _message))


def main():
    return run('buildconf')


if __name__ == '__main__':
    sys.exit(main())
