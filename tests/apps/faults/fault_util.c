// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The fault apps' console; fault_util.h says what it checks.

#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>

#include "fault_util.h"
#include "test_hyp.h"

static uintptr_t expect_lo, expect_hi, expect_hi_seen;
static const char *expect_what;
static char line[256];
static size_t line_len;

void
fault_expect_pc(uintptr_t lo, uintptr_t hi, const char *what)
{
	expect_lo = lo;
	expect_hi = hi;
	expect_what = what;
}

static void
pl011_write(const char *s, size_t n)
{
	test_hyp_uart_write(s, n);
}

static void
pl011_puts(const char *s)
{
	pl011_write(s, strlen(s));
}

static void
pl011_hex(uintptr_t v)
{
	char digits[2 + 16];
	int n = 0;

	digits[n++] = '0';
	digits[n++] = 'x';
	for (int shift = 60; shift >= 0; shift -= 4) {
		unsigned d = (v >> shift) & 0xfu;

		if (d != 0 || n > 2 || shift == 0)
			digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
	}
	pl011_write(digits, (size_t)n);
}

static uintptr_t
parse_hex(const char *s)
{
	uintptr_t v = 0;

	for (;; s++) {
		if (*s >= '0' && *s <= '9')
			v = v << 4 | (uintptr_t)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			v = v << 4 | (uintptr_t)(*s - 'a' + 10);
		else
			return v;
	}
}

// musl's strstr keeps a 2 KiB table on the stack: too much here.
static const char *
find(const char *s, const char *what)
{
	size_t n = strlen(what);

	for (; *s != '\0'; s++) {
		if (strncmp(s, what, n) == 0)
			return s;
	}
	return NULL;
}

// Runs inside the runtime's panic, on whatever stack it has (the boot
// stack after an exception, 2 KiB in all): no syscalls, no stdio, a few
// words of stack.
static void
check_panic_line(void)
{
	const char *at = find(line, " at pc 0x");
	uintptr_t pc;

	if (expect_hi == 0 || strncmp(line, "panic: ", 7) != 0)
		return;
	expect_hi_seen = expect_hi;
	expect_hi = 0;
	if (at == NULL) {
		pl011_puts("fault: the panic names no pc (FAILED)\n");
		return;
	}
	pc = parse_hex(at + 9);
	if (pc >= expect_lo && pc < expect_hi_seen) {
		pl011_puts("fault: the panic's pc is in ");
		pl011_puts(expect_what);
		pl011_puts("\n");
		return;
	}
	pl011_puts("fault: the panic's pc ");
	pl011_hex(pc);
	pl011_puts(" is not in ");
	pl011_puts(expect_what);
	pl011_puts(" at ");
	pl011_hex(expect_lo);
	pl011_puts(" (FAILED)\n");
}

static void
fault_console(const char *s, size_t n)
{
	pl011_write(s, n);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			line[line_len] = '\0';
			check_panic_line();
			line_len = 0;
		} else if (line_len + 1 < sizeof(line)) {
			line[line_len++] = s[i];
		}
	}
}

__attribute__((constructor)) static void
fault_console_init(void)
{
	struct console_register_req req = { .fn = fault_console };
	int fd = open("/dev/console", O_RDWR | O_LARGEFILE);

	test_exit_hook_register();
	if (fd < 0)
		return;
	ioctl(fd, CONSOLE_IOCTL_REGISTER, &req);
	close(fd);
}
