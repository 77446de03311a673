// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Helpers of the perf_* check apps; perf_util.h says what each does.

#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>

#include "perf_util.h"

#define PL011_DR 0x09000000ul

volatile bool perf_quiet;
static const char *perf_name;
static unsigned perf_passed, perf_failed;

static void
perf_console(const char *s, size_t n)
{
	if (perf_quiet)
		return;
	for (size_t i = 0; i < n; i++)
		*(volatile uint32_t *)PL011_DR = (unsigned char)s[i];
}

void
perf_init(const char *name)
{
	struct console_register_req req = { .fn = perf_console };
	int fd = open(CONSOLE_PATH, O_RDWR);

	perf_name = name;
	if (fd < 0 || ioctl(fd, CONSOLE_IOCTL_REGISTER, &req) != 0)
		perf_failed++;
	setvbuf(stdout, NULL, _IONBF, 0);
}

bool
perf_check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: %s: ", perf_name, ok ? "ok" : "FAILED");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (ok)
		perf_passed++;
	else
		perf_failed++;
	return ok;
}

int
perf_done(void)
{
	if (perf_failed == 0) {
		printf("%s: all %u checks passed\n", perf_name, perf_passed);
		return 0;
	}
	printf("%s: %u of %u checks FAILED\n", perf_name, perf_failed,
	       perf_passed + perf_failed);
	return 1;
}
