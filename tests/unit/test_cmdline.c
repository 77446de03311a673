// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The command line: runtime options, `--`, the app's arguments.

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rt/cmdline.h>

#include "unit.h"

#define MAX 8

static char buf[256];
static char *opts[MAX], *args[MAX];
static int nopts, nargs;

static int
split(const char *line)
{
	snprintf(buf, sizeof(buf), "%s", line);
	memset(opts, 0, sizeof(opts));
	memset(args, 0, sizeof(args));
	return cmdline_split(buf, opts, MAX, &nopts, args, MAX, &nargs);
}

// The words as "a|b|c", for one comparison per list.
static const char *
joined(char **words, int n)
{
	static char out[2][256];
	static int which;
	char *o = out[which ^= 1];

	o[0] = '\0';
	for (int i = 0; i < n; i++) {
		// Every word lies inside the buffer it was split in.
		if (words[i] < buf || words[i] >= buf + sizeof(buf))
			return "(outside the buffer)";
		strcat(o, i ? "|" : "");
		strcat(o, words[i]);
	}
	return o;
}

#define EXPECT_SPLIT(line, want_opts, want_args)                \
	do {                                                    \
		ASSERT_EQ(split(line), 0);                      \
		EXPECT_STREQ(joined(opts, nopts), (want_opts)); \
		EXPECT_STREQ(joined(args, nargs), (want_args)); \
	} while (0)

TEST(cmdline, options_then_arguments)
{
	EXPECT_SPLIT("rt.exit=semihosting -- one two", "rt.exit=semihosting",
	             "one|two");
	EXPECT_EQ(nopts, 1);
	EXPECT_EQ(nargs, 2);
	EXPECT_SPLIT("a b -- c", "a|b", "c");
	EXPECT_SPLIT("-- c d", "", "c|d");
	EXPECT_EQ(nopts, 0);
	EXPECT_SPLIT("a --", "a", "");
	EXPECT_EQ(nargs, 0);
	EXPECT_SPLIT("--", "", "");
}

TEST(cmdline, without_separator_every_word_is_an_option)
{
	EXPECT_SPLIT("hello world", "hello|world", "");
	EXPECT_EQ(nargs, 0);
	// Words that only start or end with -- are words.
	EXPECT_SPLIT("--x x-- --- -", "--x|x--|---|-", "");
}

TEST(cmdline, later_separators_are_arguments)
{
	EXPECT_SPLIT("a -- b -- c --", "a", "b|--|c|--");
}

TEST(cmdline, separators_and_empty_lines)
{
	EXPECT_SPLIT("", "", "");
	EXPECT_EQ(nopts + nargs, 0);
	EXPECT_SPLIT(" \t\r\n ", "", "");
	EXPECT_EQ(nopts + nargs, 0);
	EXPECT_SPLIT("  a\tb\nc\r\nd  --\t e  ", "a|b|c|d", "e");
	// A form feed is not a separator.
	EXPECT_SPLIT("a\fb", "a\fb", "");
}

TEST(cmdline, quotes)
{
	EXPECT_SPLIT("-- \"hello world\" 2", "", "hello world|2");
	EXPECT_SPLIT("rt.x=\"a b\" y", "rt.x=a b|y", "");
	EXPECT_SPLIT("a\"b c\"d", "ab cd", "");
	EXPECT_SPLIT("-- \"\" x", "", "|x");
	EXPECT_EQ(nargs, 2);
	EXPECT_SPLIT("-- a\"\"", "", "a");
	// Separators of every kind inside quotes.
	EXPECT_SPLIT("-- \"a\tb\nc\"", "", "a\tb\nc");
	// Left open: to the end of the line, separators included.
	EXPECT_SPLIT("a \"b -- c ", "a|b -- c ", "");
	// A quoted -- is an ordinary word.
	EXPECT_SPLIT("a \"--\" b", "a|--|b", "");
	EXPECT_SPLIT("a -\"-\" b", "a|--|b", "");
	EXPECT_SPLIT("a \"\"-- b", "a|--|b", "");
}

TEST(cmdline, too_many_words)
{
	char *o[2], *a[1];
	int no, na;

	strcpy(buf, "a b c");
	EXPECT_EQ(cmdline_split(buf, o, 2, &no, a, 1, &na), -E2BIG);
	EXPECT_EQ(no, 2);
	strcpy(buf, "a b -- c d");
	EXPECT_EQ(cmdline_split(buf, o, 2, &no, a, 1, &na), -E2BIG);
	EXPECT_EQ(na, 1);
	// Exactly full is fine.
	strcpy(buf, "a b -- c");
	EXPECT_EQ(cmdline_split(buf, o, 2, &no, a, 1, &na), 0);
	EXPECT_STREQ(a[0], "c");
	// No room at all.
	strcpy(buf, "-- c");
	EXPECT_EQ(cmdline_split(buf, o, 0, &no, a, 0, &na), -E2BIG);
	strcpy(buf, "  ");
	EXPECT_EQ(cmdline_split(buf, o, 0, &no, a, 0, &na), 0);
}

TEST(cmdline, option_values)
{
	ASSERT_EQ(split("rt.exit=semihosting rt.quiet rt.x= a=b=c -- "
	                "rt.exit=psci"),
	          0);
	EXPECT_STREQ(cmdline_option(opts, nopts, "rt.exit"), "semihosting");
	EXPECT_STREQ(cmdline_option(opts, nopts, "rt.quiet"), "");
	EXPECT_STREQ(cmdline_option(opts, nopts, "rt.x"), "");
	EXPECT_STREQ(cmdline_option(opts, nopts, "a"), "b=c");
	// A prefix of a key is not the key; nor is a longer one.
	EXPECT_EQ(cmdline_option(opts, nopts, "rt.exi"), NULL);
	EXPECT_EQ(cmdline_option(opts, nopts, "rt.quiet2"), NULL);
	EXPECT_EQ(cmdline_option(opts, nopts, "rt"), NULL);
	EXPECT_EQ(cmdline_option(opts, 0, "rt.exit"), NULL);
	// The last one wins.
	ASSERT_EQ(split("rt.exit=a rt.exit rt.exit=b"), 0);
	EXPECT_STREQ(cmdline_option(opts, nopts, "rt.exit"), "b");
	ASSERT_EQ(split("rt.exit=a rt.exit"), 0);
	EXPECT_STREQ(cmdline_option(opts, nopts, "rt.exit"), "");
}
