// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The hot paths' fast cases and what falls back from them give the
// answers the general code gives: clock_gettime into an aligned timespec
// on the stack (fast) and into misaligned, static and read-only memory;
// writev of one segment from the stack (fast) and from static data, empty,
// to a file not open for writing, running off the heap's end, with a bad
// vector. Made with raw svc, so that no libc check stands in between.

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <rt_gicv3.h>

#include "perf_util.h"

static bool
isr(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	return true;
}

static long
raw3(long nr, long a, long b, long c)
{
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
	                 : "+r"(x0)
	                 : "r"(x1), "r"(x2), "r"(x8)
	                 : "memory");
	return x0;
}

static struct timespec static_ts;
static const struct timespec rodata_ts = { 1, 2 };
static char static_text[] = "from static data\n";
static struct iovec static_iov;

static bool
ts_sane(const struct timespec *t)
{
	return t->tv_sec >= 0 && t->tv_nsec >= 0 && t->tv_nsec < 1000000000;
}

static bool
ts_le(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec <= b->tv_nsec);
}

static void
test_clock(void)
{
	struct timespec a, b, c;
	char *heap = malloc(64);
	long r1, r2, r3, r4, r5;

	r1 = raw3(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&a, 0);
	// Misaligned, in the heap: copied, not stored as a timespec.
	r2 = raw3(SYS_clock_gettime, CLOCK_MONOTONIC, (long)(heap + 3), 0);
	memcpy(&b, heap + 3, sizeof(b));
	r3 = raw3(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&static_ts, 0);
	r4 = raw3(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&c, 0);
	perf_check(r1 == 0 && r2 == 0 && r3 == 0 && r4 == 0 && ts_sane(&a) &&
	               ts_sane(&b) && ts_sane(&static_ts) && ts_sane(&c) &&
	               ts_le(&a, &b) && ts_le(&b, &static_ts) &&
	               ts_le(&static_ts, &c),
	           "clock_gettime on the stack, misaligned in the heap, in "
	           "static data: four times in order (%ld %ld %ld %ld)",
	           r1, r2, r3, r4);
	r5 = raw3(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&rodata_ts, 0);
	perf_check(r5 == -EFAULT && rodata_ts.tv_sec == 1,
	           "clock_gettime into read-only data: -EFAULT (%ld)", r5);
	free(heap);
}

static void
test_writev(void)
{
	static char got[256];
	char stack_text[] = "from the stack\n";
	struct iovec iov = { stack_text, sizeof(stack_text) - 1 };
	int ro = open("/dev/null", O_RDONLY);
	long r;

	perf_captured = 0;
	perf_capture_size = sizeof(got);
	perf_capture = got;
	r = raw3(SYS_writev, 1, (long)&iov, 1);
	static_iov = (struct iovec){ static_text, sizeof(static_text) - 1 };
	r += raw3(SYS_writev, 1, (long)&static_iov, 1);
	perf_capture = NULL;
	perf_check(r == (long)(iov.iov_len + static_iov.iov_len) &&
	               perf_captured == (size_t)r &&
	               memcmp(got, "from the stack\nfrom static data\n",
	                      (size_t)r) == 0,
	           "writev of one segment from the stack and from static "
	           "data, the vector on the stack and in static data: both "
	           "reach the console whole (%ld bytes)",
	           r);

	iov.iov_len = 0;
	r = raw3(SYS_writev, 1, (long)&iov, 1);
	perf_check(r == 0, "writev of one empty segment: 0 (%ld)", r);

	iov.iov_len = sizeof(stack_text) - 1;
	r = raw3(SYS_writev, ro, (long)&iov, 1);
	perf_check(ro >= 0 && r == -EBADF,
	           "writev to /dev/null opened read-only: -EBADF (%ld)", r);
	iov.iov_base = (void *)0x1000;
	r = raw3(SYS_writev, ro, (long)&iov, 1);
	perf_check(r == -EFAULT,
	           "the same with a buffer outside the app: -EFAULT, the "
	           "vector being checked before the mode, as in the general "
	           "path (%ld)",
	           r);
	r = raw3(SYS_writev, 1, 0x1000, 1);
	perf_check(r == -EFAULT,
	           "writev with the vector outside the app: "
	           "-EFAULT (%ld)",
	           r);
	r = raw3(SYS_writev, 1, (long)&iov, 1);
	perf_check(r == -EFAULT,
	           "writev of a buffer outside the app: -EFAULT (%ld)", r);
	iov.iov_base = stack_text;
	iov.iov_len = (size_t)1 << 40;
	r = raw3(SYS_writev, 1, (long)&iov, 1);
	perf_check(r == -EFAULT,
	           "writev of a segment running past the app's memory: "
	           "-EFAULT (%ld)",
	           r);
	iov.iov_len = (size_t)INTPTR_MAX + 1;
	r = raw3(SYS_writev, 1, (long)&iov, 1);
	perf_check(r == -EINVAL,
	           "writev of a segment longer than ssize_t: -EINVAL (%ld)", r);
	r = raw3(SYS_writev, 99, (long)&iov, 1);
	perf_check(r == -EBADF, "writev to fd 99: -EBADF (%ld)", r);
	close(ro);
}

// /dev/gicv3's INTID and FIONBIO's int: read in place when aligned in the
// heap or on the stack, copied when not, refused when not the app's.
static void
test_ioctl_ints(void)
{
	static uint32_t static_intid = 40;
	static int static_on = 1;
	struct gicv3_register_req req = { .isr = isr, .irq = 40 };
	uint32_t stack_intid = 40;
	char *heap = malloc(16);
	int gic = open(GICV3_PATH, O_RDWR), fl;
	long r1, r2, r3, r4, r5;

	memcpy(heap + 1, &stack_intid, sizeof(stack_intid));
	r1 = raw3(SYS_ioctl, gic, GICV3_IOCTL_REGISTER_ISR, (long)&req);
	r2 = raw3(SYS_ioctl, gic, GICV3_IOCTL_ENABLE_IRQ, (long)&stack_intid);
	r3 = raw3(SYS_ioctl, gic, GICV3_IOCTL_DISABLE_IRQ, (long)(heap + 1));
	r4 = raw3(SYS_ioctl, gic, GICV3_IOCTL_ENABLE_IRQ, (long)&static_intid);
	r5 = raw3(SYS_ioctl, gic, GICV3_IOCTL_DISABLE_IRQ, 0x1000);
	perf_check(gic >= 0 && r1 == 0 && r2 == 0 && r3 == 0 && r4 == 0 &&
	               r5 == -EFAULT,
	           "/dev/gicv3 takes an INTID on the stack, misaligned in the "
	           "heap and in static data, and refuses one outside the app "
	           "(%ld %ld %ld %ld %ld)",
	           r1, r2, r3, r4, r5);
	raw3(SYS_ioctl, gic, GICV3_IOCTL_DISABLE_IRQ, (long)&stack_intid);
	close(gic);

	r1 = raw3(SYS_ioctl, 1, FIONBIO, (long)&static_on);
	fl = fcntl(1, F_GETFL);
	r2 = raw3(SYS_ioctl, 1, FIONBIO, 0);
	static_on = 0;
	r3 = raw3(SYS_ioctl, 1, FIONBIO, (long)&static_on);
	perf_check(r1 == 0 && (fl & O_NONBLOCK) != 0 && r2 == -EFAULT &&
	               r3 == 0 && (fcntl(1, F_GETFL) & O_NONBLOCK) == 0,
	           "FIONBIO reads its int from static data, and refuses NULL "
	           "(%ld %ld %ld)",
	           r1, r2, r3);
	free(heap);
}

int
main(void)
{
	perf_init("perf_paths");
	test_clock();
	test_writev();
	test_ioctl_ints();
	return perf_done();
}
