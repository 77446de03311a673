// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Helpers of the perf_* check apps; perf_util.h says what each does.

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>

#include "perf_util.h"
#include "test_hyp.h"

volatile bool perf_quiet;
char *volatile perf_capture;
volatile size_t perf_captured, perf_capture_size;
static const char *perf_name;
static unsigned perf_passed, perf_failed;

static void
perf_console(const char *s, size_t n)
{
	if (perf_capture != NULL) {
		for (size_t i = 0; i < n && perf_captured < perf_capture_size;
		     i++)
			perf_capture[perf_captured++] = s[i];
		return;
	}
	if (!perf_quiet)
		test_hyp_uart_write(s, n);
}

void
perf_init(const char *name)
{
	struct console_register_req req = { .fn = perf_console };
	int fd = open(CONSOLE_PATH, O_RDWR);

	perf_name = name;
	if (test_exit_hook_register() != 0 || fd < 0 ||
	    ioctl(fd, CONSOLE_IOCTL_REGISTER, &req) != 0)
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
