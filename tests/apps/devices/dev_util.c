// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Helpers of the dev_* test apps; dev_util.h says what each does.

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>

#include "dev_util.h"

const char *dev_name = "dev";
static int dev_passed, dev_failed;

void
dev_pl011_write(const char *s, size_t n)
{
	test_hyp_uart_write(s, n);
}

void
dev_pl011_puts(const char *s)
{
	dev_pl011_write(s, strlen(s));
}

int
dev_console_init(const char *prefix)
{
	struct console_register_req req = { .fn = dev_pl011_write };
	int fd = open(CONSOLE_PATH, O_RDWR | O_LARGEFILE);

	if (fd < 0)
		return -1;
	if (ioctl(fd, CONSOLE_IOCTL_REGISTER, &req) != 0 ||
	    (prefix != NULL &&
	     ioctl(fd, CONSOLE_IOCTL_SET_PREFIX, prefix) != 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

static bool
dev_report(bool ok, const char *extra, const char *fmt, va_list ap)
{
	char what[256];

	vsnprintf(what, sizeof(what), fmt, ap);
	printf("%s: %s: %s%s\n", dev_name, ok ? "ok" : "FAILED", what, extra);
	if (ok)
		dev_passed++;
	else
		dev_failed++;
	return ok;
}

bool
dev_check(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ok = dev_report(ok, "", fmt, ap);
	va_end(ap);
	return ok;
}

bool
dev_check_err(long ret, int err, const char *fmt, ...)
{
	// errno is read before anything else can change it.
	int got = errno;
	char extra[64] = "";
	bool ok = ret == -1 && got == err;
	va_list ap;

	if (!ok)
		snprintf(extra, sizeof(extra),
		         " (returned %ld, errno %d, "
		         "expected errno %d)",
		         ret, got, err);
	va_start(ap, fmt);
	ok = dev_report(ok, extra, fmt, ap);
	va_end(ap);
	return ok;
}

bool
dev_check_ok(long ret, const char *fmt, ...)
{
	int got = errno;
	char extra[64] = "";
	bool ok = ret == 0;
	va_list ap;

	if (!ok)
		snprintf(extra, sizeof(extra), " (returned %ld, errno %d)", ret,
		         got);
	va_start(ap, fmt);
	ok = dev_report(ok, extra, fmt, ap);
	va_end(ap);
	return ok;
}

int
dev_finish(void)
{
	if (dev_failed == 0)
		printf("%s: all %d checks passed\n", dev_name, dev_passed);
	else
		printf("%s: %d of %d checks FAILED\n", dev_name, dev_failed,
		       dev_passed + dev_failed);
	return dev_failed == 0 ? 0 : 1;
}

uint64_t
dev_counter(void)
{
	uint64_t v;

	// Without the isb the read may be taken ahead of earlier code.
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

uint64_t
dev_freq(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

uint64_t
dev_ms_to_ticks(uint64_t ms)
{
	return ms * dev_freq() / 1000u;
}

void
dev_ptimer_arm(uint64_t cval)
{
	__asm__ volatile("msr cntp_cval_el0, %0\n\t"
	                 "msr cntp_ctl_el0, %1\n\t"
	                 "isb"
	                 :
	                 : "r"(cval), "r"((uint64_t)DEV_PTIMER_ENABLE)
	                 : "memory");
}

void
dev_ptimer_stop(void)
{
	// The interrupt is level-sensitive: disabling the timer lowers it.
	__asm__ volatile("msr cntp_ctl_el0, xzr\n\tisb" : : : "memory");
}

void
dev_irqs_mask(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

void
dev_irqs_unmask(void)
{
	__asm__ volatile("msr daifclr, #2\n\tisb" : : : "memory");
}

size_t
dev_log_text(const struct dev_log_ring *r, char *out, size_t max)
{
	uint32_t size = r->size, w = r->write_idx;
	size_t n = 0;

	if (max == 0)
		return 0;
	// The oldest byte follows the NUL at write_idx; before the ring
	// first wraps, the bytes there are still zero and are skipped.
	for (uint32_t i = 1; size != 0 && i < size && n + 1 < max; i++) {
		char c = r->buf[(w + i) % size];

		if (c != '\0')
			out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

bool
dev_log_contains(const struct dev_log_ring *r, const char *s)
{
	size_t max = (size_t)r->size + 1;
	char *text = malloc(max);
	bool found;

	if (text == NULL)
		return false;
	dev_log_text(r, text, max);
	found = strstr(text, s) != NULL;
	free(text);
	return found;
}

bool
dev_log_ends_with(const struct dev_log_ring *r, const char *s)
{
	uint32_t size = r->size, w = r->write_idx;
	size_t n = strlen(s);

	if (w >= size || n >= size || r->buf[w] != '\0')
		return false;
	for (size_t i = 0; i < n; i++) {
		// The byte i places before the newest, wrapping below 0.
		size_t at = (w + size - n + i) % size;

		if (r->buf[at] != s[i])
			return false;
	}
	return true;
}
