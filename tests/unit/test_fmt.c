// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <rt/fmt.h>

#include "unit.h"

static char out[128];

// Formats into out; the length it returns is checked separately.
#define F(...) (fmt_snprintf(out, sizeof(out), __VA_ARGS__), out)

TEST(fmt, plain_text_and_percent)
{
	EXPECT_EQ(fmt_snprintf(out, sizeof(out), "hello"), 5);
	EXPECT_STREQ(out, "hello");
	EXPECT_STREQ(F("100%%"), "100%");
	EXPECT_STREQ(F("%s", ""), "");
}

TEST(fmt, conversions)
{
	EXPECT_STREQ(F("%d %i %u", 42, -7, 4294967295u), "42 -7 4294967295");
	EXPECT_STREQ(F("%x %X", 0xbeefu, 0xbeefu), "beef BEEF");
	EXPECT_STREQ(F("[%c%c]", 'o', 'k'), "[ok]");
	EXPECT_STREQ(F("%s=%d", "x", 0), "x=0");
}

TEST(fmt, width_and_flags)
{
	EXPECT_STREQ(F("[%5d]", 42), "[   42]");
	EXPECT_STREQ(F("[%-5d]", 42), "[42   ]");
	EXPECT_STREQ(F("[%05d]", 42), "[00042]");
	EXPECT_STREQ(F("[%05d]", -42), "[-0042]");
	EXPECT_STREQ(F("[%2d]", 12345), "[12345]");
	EXPECT_STREQ(F("[%08x]", 0xabcu), "[00000abc]");
	EXPECT_STREQ(F("[%6s]", "ab"), "[    ab]");
	EXPECT_STREQ(F("[%-6s]", "ab"), "[ab    ]");
	EXPECT_STREQ(F("[%3c]", 'x'), "[  x]");
	EXPECT_STREQ(F("[%*d]", 4, 7), "[   7]");
	EXPECT_STREQ(F("[%*d]", -4, 7), "[7   ]");
}

TEST(fmt, alternate_form)
{
	EXPECT_STREQ(F("%#x %#X", 255u, 255u), "0xff 0XFF");
	EXPECT_STREQ(F("%#x", 0u), "0"); // as printf: no 0x on zero
	EXPECT_STREQ(F("[%#010x]", 255u), "[0x000000ff]");
	EXPECT_STREQ(F("%#lx", 0x80480000ul), "0x80480000");
}

TEST(fmt, precision)
{
	EXPECT_STREQ(F("%.3s", "abcdef"), "abc");
	EXPECT_STREQ(F("%.*s", 2, "abcdef"), "ab");
	EXPECT_STREQ(F("%.*s", -1, "abc"), "abc"); // negative: no precision
	EXPECT_STREQ(F("[%5.2s]", "abc"), "[   ab]");
	EXPECT_STREQ(F("%.5d", 42), "00042");
	EXPECT_STREQ(F("[%8.3d]", -5), "[    -005]");
	EXPECT_STREQ(F("[%.0d]", 0), "[]");
	EXPECT_STREQ(F("[%.0d]", 3), "[3]");
}

TEST(fmt, precision_reads_no_further)
{
	// Not NUL-terminated: ASan catches a read past the third byte.
	static const char abc[3] = { 'a', 'b', 'c' };

	EXPECT_STREQ(F("%.3s", abc), "abc");
}

TEST(fmt, negative_and_extremes)
{
	EXPECT_STREQ(F("%d", -1), "-1");
	EXPECT_STREQ(F("%d", INT_MIN), "-2147483648");
	EXPECT_STREQ(F("%d", INT_MAX), "2147483647");
	EXPECT_STREQ(F("%lld", (long long)INT64_MIN), "-9223372036854775808");
	EXPECT_STREQ(F("%lld", (long long)INT64_MAX), "9223372036854775807");
	EXPECT_STREQ(F("%llu", (unsigned long long)UINT64_MAX),
	             "18446744073709551615");
	EXPECT_STREQ(F("%llx", (unsigned long long)UINT64_MAX),
	             "ffffffffffffffff");
	EXPECT_STREQ(F("%ld", LONG_MIN), "-9223372036854775808");
	EXPECT_STREQ(F("[%22lld]", (long long)INT64_MIN),
	             "[  -9223372036854775808]");
	EXPECT_STREQ(F("[%021lld]", (long long)INT64_MIN),
	             "[-09223372036854775808]");
}

TEST(fmt, length_modifiers)
{
	EXPECT_STREQ(F("%hhd %hhu %hhx", (signed char)-1, (unsigned char)200,
	               (unsigned char)0xab),
	             "-1 200 ab");
	EXPECT_STREQ(F("%hd %hu", (short)-300, (unsigned short)65535),
	             "-300 65535");
	EXPECT_STREQ(F("%lu", 4294967296ul), "4294967296");
	EXPECT_STREQ(F("%zu %zx", SIZE_MAX, (size_t)0x1234),
	             "18446744073709551615 1234");
	EXPECT_STREQ(F("%zd", (size_t)-3), "-3");
	// The arguments after a 64-bit one still line up.
	EXPECT_STREQ(F("%llx %d %s", 0x100000000ull, 9, "z"), "100000000 9 z");
}

TEST(fmt, pointer)
{
	EXPECT_STREQ(F("%p", (void *)0x1234), "0x1234");
	EXPECT_STREQ(F("%p", (void *)NULL), "0x0");
	EXPECT_STREQ(F("[%8p]", (void *)0xab), "[    0xab]");
	EXPECT_STREQ(F("%p", (void *)UINTPTR_MAX), "0xffffffffffffffff");
}

TEST(fmt, null_string)
{
	// volatile: the compiler would warn about a literal NULL.
	const char *volatile null = NULL;

	EXPECT_STREQ(F("%s", null), "(null)");
	EXPECT_STREQ(F("[%8s]", null), "[  (null)]");
}

TEST(fmt, truncation)
{
	char small[5];

	memset(small, 'X', sizeof(small));
	EXPECT_EQ(fmt_snprintf(small, sizeof(small), "hello world"), 11);
	EXPECT_STREQ(small, "hell");

	EXPECT_EQ(fmt_snprintf(small, sizeof(small), "%d", -123456), 7);
	EXPECT_STREQ(small, "-123");

	EXPECT_EQ(fmt_snprintf(small, sizeof(small), "%10s", "a"), 10);
	EXPECT_STREQ(small, "    ");

	// Exactly fits: four characters and the NUL.
	EXPECT_EQ(fmt_snprintf(small, sizeof(small), "abcd"), 4);
	EXPECT_STREQ(small, "abcd");

	EXPECT_EQ(fmt_snprintf(small, 1, "abc"), 3);
	EXPECT_EQ(small[0], '\0');
	EXPECT_EQ(small[1], 'b'); // nothing written past size
}

TEST(fmt, size_zero_writes_nothing)
{
	char c = 'X';

	EXPECT_EQ(fmt_snprintf(&c, 0, "%s %d", "abc", 12), 6);
	EXPECT_EQ(c, 'X');
	EXPECT_EQ(fmt_snprintf(NULL, 0, "%d", 12345), 5);
}

TEST(fmt, nul_character)
{
	EXPECT_EQ(fmt_snprintf(out, sizeof(out), "a%cb", 0), 3);
	EXPECT_MEMEQ(out, "a\0b", 4);
}

// Directives outside the subset, which -Wformat rightly rejects.
#pragma GCC diagnostic push
// First, so that each compiler accepts the names only the other knows.
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Wunknown-warning-option"
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-invalid-specifier"
#pragma GCC diagnostic ignored "-Wformat-overflow"
TEST(fmt, unknown_directive_is_shown)
{
	EXPECT_STREQ(F("a%qb", 1), "a%qb");
	EXPECT_STREQ(F("[%5q]", 1), "[%5q]");
	EXPECT_STREQ(F("end%"), "end%");
	EXPECT_STREQ(F("%f", 1.0), "%f");
}

TEST(fmt, h_and_hh_narrow_what_arrives_as_int)
{
	EXPECT_STREQ(F("%hhd %hhu", 255, 261), "-1 5");
	EXPECT_STREQ(F("%hd %hu", 65535, 70000), "-1 4464");
}

TEST(fmt, zero_flag_ignored_when_it_must_be)
{
	EXPECT_STREQ(F("[%-05d]", -42), "[-42  ]");
	EXPECT_STREQ(F("[%08.3d]", 5), "[     005]");
}
TEST(fmt, huge_width_is_bounded)
{
	// The width stops growing at 4096 instead of overflowing.
	EXPECT_EQ(
	    fmt_snprintf(out, sizeof(out), "%99999999999999999999999d", 1),
	    4096);
	EXPECT_EQ(strlen(out), sizeof(out) - 1);
}
#pragma GCC diagnostic pop
