// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef UNIT_H
#define UNIT_H

// A small host test framework.
//
//   TEST(suite, name) { EXPECT_EQ(f(2), 4); }
//
// Tests register themselves before main (a constructor each) and run in the
// order the linker put them. EXPECT_* report a failure and go on; ASSERT_*
// report it and end the test. The runner is unit_main.c.

#include <stdbool.h>
#include <stddef.h>

struct unit_test {
	const char *suite;
	const char *name;
	void (*fn)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *t);

#define UNIT_ID(suite, name, what) unit_##what##_##suite##_##name

#define TEST(suite, name)                                             \
	static void UNIT_ID(suite, name, fn)(void);                   \
	static struct unit_test UNIT_ID(suite, name, test) = {        \
		#suite, #name, UNIT_ID(suite, name, fn), NULL         \
	};                                                            \
	__attribute__((constructor)) static void UNIT_ID(suite, name, \
	                                                 reg)(void)   \
	{                                                             \
		unit_register(&UNIT_ID(suite, name, test));           \
	}                                                             \
	static void UNIT_ID(suite, name, fn)(void)

// Each check returns whether it held; fatal ones end the test on failure.
// Arguments are evaluated once.
bool unit_check(bool ok, bool fatal, const char *file, int line,
                const char *expr);
bool unit_check_int(bool want_equal, bool fatal, const char *file, int line,
                    const char *a_expr, const char *b_expr,
                    unsigned long long a, unsigned long long b);
bool unit_check_str(bool fatal, const char *file, int line, const char *a_expr,
                    const char *b_expr, const char *a, const char *b);
bool unit_check_mem(bool fatal, const char *file, int line, const char *a_expr,
                    const char *b_expr, const void *a, const void *b, size_t n);

// Integers of any type, compared as 64-bit values: signed ones are
// sign-extended, so EXPECT_EQ(-1, x) works for an int x. Pointers work too.
#define UNIT_INT(fatal, eq, a, b)                             \
	unit_check_int(eq, fatal, __FILE__, __LINE__, #a, #b, \
	               (unsigned long long)(a), (unsigned long long)(b))

#define EXPECT_TRUE(x)  unit_check(!!(x), false, __FILE__, __LINE__, #x)
#define EXPECT_FALSE(x) unit_check(!(x), false, __FILE__, __LINE__, "!(" #x ")")
#define EXPECT_EQ(a, b) UNIT_INT(false, true, a, b)
#define EXPECT_NE(a, b) UNIT_INT(false, false, a, b)
#define EXPECT_STREQ(a, b) \
	unit_check_str(false, __FILE__, __LINE__, #a, #b, (a), (b))
#define EXPECT_MEMEQ(a, b, n) \
	unit_check_mem(false, __FILE__, __LINE__, #a, #b, (a), (b), (n))

#define ASSERT_TRUE(x)  unit_check(!!(x), true, __FILE__, __LINE__, #x)
#define ASSERT_FALSE(x) unit_check(!(x), true, __FILE__, __LINE__, "!(" #x ")")
#define ASSERT_EQ(a, b) UNIT_INT(true, true, a, b)
#define ASSERT_NE(a, b) UNIT_INT(true, false, a, b)
#define ASSERT_STREQ(a, b) \
	unit_check_str(true, __FILE__, __LINE__, #a, #b, (a), (b))
#define ASSERT_MEMEQ(a, b, n) \
	unit_check_mem(true, __FILE__, __LINE__, #a, #b, (a), (b), (n))

#endif
