// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_CMDLINE_H
#define RT_CMDLINE_H

#include <rt/types.h>

// Splits a command line (/chosen/bootargs) into words, in place: buf must
// be a writable copy, and each word ends up NUL-terminated inside it.
//
// Words are separated by spaces, tabs, carriage returns and newlines. A
// double quote starts or ends a quoted part, in which separators belong to
// the word; the quotes themselves are dropped, anywhere in a word
// (`rt.x="a b"` gives `rt.x=a b`, `""` an empty word). A quote left open
// runs to the end of the line.
//
// Words before the first unquoted `--` word are runtime options (opts);
// the words after it are the app's arguments (args), a later `--`
// included. Without a `--`, every word is a runtime option.
//
// 0, with *nopts and *nargs set; -E2BIG when there are more than max_opts
// options or max_args arguments (the counts then say how many were
// stored).
int cmdline_split(char *buf, char **opts, int max_opts, int *nopts, char **args,
                  int max_args, int *nargs);

// The value of option `key` among opts: what follows "key=", or "" for a
// bare "key"; NULL if key is absent. The last one given wins, so a word
// appended to a command line overrides one before it.
const char *cmdline_option(char *const *opts, int nopts, const char *key);

#endif
