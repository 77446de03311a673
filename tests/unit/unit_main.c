// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The runner: `unit_lib [FILTER]` runs every test whose "suite.name"
// contains FILTER, prints PASS or FAIL for each and a last line
// "N passed, N failed". Exit status 1 if any failed or none ran.

#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static struct unit_test *unit_head;
static struct unit_test **unit_tail = &unit_head;
static jmp_buf unit_abort;
static bool unit_failed;

void
unit_register(struct unit_test *t)
{
	// Appending keeps the order of the source files.
	t->next = NULL;
	*unit_tail = t;
	unit_tail = &t->next;
}

static bool
unit_fail(bool fatal)
{
	unit_failed = true;
	if (fatal)
		longjmp(unit_abort, 1);
	return false;
}

// With C escapes, so a missing newline or a stray NUL is visible.
static void
unit_print_escaped(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (isprint(c))
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	putchar('"');
}

bool
unit_check(bool ok, bool fatal, const char *file, int line, const char *expr)
{
	if (ok)
		return true;
	printf("%s:%d: expected %s\n", file, line, expr);
	return unit_fail(fatal);
}

bool
unit_check_int(bool want_equal, bool fatal, const char *file, int line,
               const char *a_expr, const char *b_expr, unsigned long long a,
               unsigned long long b)
{
	if ((a == b) == want_equal)
		return true;
	printf("%s:%d: expected %s %s %s\n", file, line, a_expr,
	       want_equal ? "==" : "!=", b_expr);
	printf("  %s = %lld (0x%llx)\n", a_expr, (long long)a, a);
	printf("  %s = %lld (0x%llx)\n", b_expr, (long long)b, b);
	return unit_fail(fatal);
}

static void
unit_print_str(const char *expr, const char *s)
{
	printf("  %s = ", expr);
	if (s == NULL)
		fputs("NULL", stdout);
	else
		unit_print_escaped(s, strlen(s));
	putchar('\n');
}

bool
unit_check_str(bool fatal, const char *file, int line, const char *a_expr,
               const char *b_expr, const char *a, const char *b)
{
	if (a == b || (a != NULL && b != NULL && strcmp(a, b) == 0))
		return true;
	printf("%s:%d: expected %s equal to %s\n", file, line, a_expr, b_expr);
	unit_print_str(a_expr, a);
	unit_print_str(b_expr, b);
	return unit_fail(fatal);
}

static void
unit_print_bytes(const char *expr, const unsigned char *p, size_t from,
                 size_t to)
{
	printf("  %s[%zu..%zu] =", expr, from, to - 1);
	for (size_t i = from; i < to; i++)
		printf(" %02x", p[i]);
	putchar('\n');
}

bool
unit_check_mem(bool fatal, const char *file, int line, const char *a_expr,
               const char *b_expr, const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	size_t i, from, to;

	if (n == 0 || a == b)
		return true;
	if (a == NULL || b == NULL) {
		printf("%s:%d: expected %zu bytes at %s equal to %s, but one "
		       "is NULL\n",
		       file, line, n, a_expr, b_expr);
		return unit_fail(fatal);
	}
	for (i = 0; i < n && p[i] == q[i]; i++)
		;
	if (i == n)
		return true;
	printf("%s:%d: expected %zu bytes at %s equal to %s; first "
	       "difference at offset %zu\n",
	       file, line, n, a_expr, b_expr, i);
	from = i & ~(size_t)15;
	to = from + 16 < n ? from + 16 : n;
	unit_print_bytes(a_expr, p, from, to);
	unit_print_bytes(b_expr, q, from, to);
	return unit_fail(fatal);
}

// Apart from main, so that nothing of main's lives across the longjmp.
static bool
unit_run(const struct unit_test *t)
{
	unit_failed = false;
	if (setjmp(unit_abort) == 0)
		t->fn();
	return !unit_failed;
}

int
main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : "";
	unsigned passed = 0, failed = 0;

	// Line-buffered, so a crash in a test still shows everything before.
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (struct unit_test *t = unit_head; t != NULL; t = t->next) {
		char full[256];

		snprintf(full, sizeof(full), "%s.%s", t->suite, t->name);
		if (strstr(full, filter) == NULL)
			continue;
		if (unit_run(t)) {
			printf("PASS %s\n", full);
			passed++;
		} else {
			printf("FAIL %s\n", full);
			failed++;
		}
	}
	if (passed + failed == 0)
		fprintf(stderr, "no test matches '%s'\n", filter);
	printf("%u passed, %u failed\n", passed, failed);
	return failed > 0 || passed == 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
