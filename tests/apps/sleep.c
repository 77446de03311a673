// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The least a sleep needs: nanosleep(100 ms), with nothing else to run. The
// runtime arms its timer and waits in wfi until it fires. (Long enough
// that the timer has not fired yet when the wfi comes, however slow the
// host.)

#include <stdint.h>
#include <stdio.h>
#include <time.h>

static uint64_t
counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

int
main(void)
{
	struct timespec nap = { .tv_nsec = 100 * 1000 * 1000 };
	uint64_t freq, t0;
	int r;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	printf("sleep: nanosleep(100 ms)\n");
	fflush(stdout);
	t0 = counter();
	r = nanosleep(&nap, NULL);
	printf("sleep: nanosleep returned %d after %lu us\n", r,
	       (unsigned long)((counter() - t0) * 1000000 / freq));
	return r;
}
