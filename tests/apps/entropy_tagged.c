// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Where the runtime's randomness comes from, with the boot stub's
// entropy-tagged flag: every byte the hypervisor gives is 0xA0 | n, n
// counting up by one from byte to byte. getrandom (512 bytes: 32 calls,
// far past the 4 per 33 ms that Gunyah allows, so BUSY answers come and
// must be waited out), /dev/urandom and AT_RANDOM must all be such bytes,
// each stream in order: none made up, none given twice. GRND_NONBLOCK
// right after the rate limit was reached returns what the runtime holds, or
// EAGAIN, and never bytes of another origin. A long blocking getrandom
// (8 KiB: four seconds of windows) is a wait like a sleep: the physical
// timer's interrupt, 30 ms in, runs its ISR and ends it early, with the
// bytes so far (or EINTR if there were none yet). A read of /dev/urandom
// may be short.

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <unistd.h>

#include <rt_gicv3.h>

#define INTID_PTIMER 30u

static volatile unsigned timer_isr_runs;

static int failures;

static void
check(int ok, const char *what)
{
	printf("entropy_tagged: %s: %s\n", ok ? "ok" : "FAILED", what);
	failures += !ok;
}

// Whether the n bytes at p are the hypervisor's, in its order.
static int
tagged_run(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((p[i] & 0xf0) != 0xa0)
			return 0;
		if (i > 0 && (p[i] & 0xf) != ((p[i - 1] + 1) & 0xf))
			return 0;
	}
	return 1;
}

static void
timer_set(uint64_t ctl, uint64_t cval)
{
	__asm__ volatile("msr cntp_cval_el0, %0" : : "r"(cval));
	__asm__ volatile("msr cntp_ctl_el0, %0; isb" : : "r"(ctl));
}

static bool
timer_isr(uint32_t intid, void *data)
{
	(void)intid;
	(void)data;
	timer_set(0, 0);
	timer_isr_runs++;
	return true;
}

static void
test_interrupted(void)
{
	static unsigned char huge[8192];
	struct gicv3_register_req req = { .isr = timer_isr,
		                          .irq = INTID_PTIMER };
	uint32_t intid = INTID_PTIMER;
	int gic = open(GICV3_PATH, O_RDWR);
	uint64_t now, hz, t0, t1;
	ssize_t n;

	if (gic < 0 || ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &req) != 0 ||
	    ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &intid) != 0) {
		check(0, "the timer's ISR registered");
		return;
	}
	__asm__ volatile("mrs %0, cntpct_el0" : "=r"(now));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
	timer_set(1, now + hz * 30 / 1000);
	t0 = now;
	n = getrandom(huge, sizeof(huge), 0);
	__asm__ volatile("mrs %0, cntpct_el0" : "=r"(t1));
	printf("entropy_tagged: getrandom(8 KiB) returned %zd after %llu ms, "
	       "the timer's ISR ran %u times\n",
	       n, (unsigned long long)((t1 - t0) * 1000 / hz), timer_isr_runs);
	check(timer_isr_runs == 1 && t1 - t0 < hz &&
	          ((n > 0 && n < (ssize_t)sizeof(huge) &&
	            tagged_run(huge, (size_t)n)) ||
	           (n == -1 && errno == EINTR)),
	      "an interrupt ends a long getrandom early, with the bytes so "
	      "far or EINTR");
}

int
main(void)
{
	static unsigned char big[512], small[64], more[64];
	const unsigned char *at_random = (const void *)getauxval(AT_RANDOM);
	int fd = open("/dev/urandom", O_RDONLY);
	size_t got;
	ssize_t n;

	check(at_random != NULL && tagged_run(at_random, 16),
	      "AT_RANDOM is 16 of the hypervisor's bytes");
	n = getrandom(big, sizeof(big), 0);
	check(n == (ssize_t)sizeof(big) && tagged_run(big, sizeof(big)),
	      "getrandom waited out BUSY for 512 of the hypervisor's bytes");
	// A read may be short (the rate limit): read on, as for any device.
	for (got = 0; fd >= 0 && got < sizeof(small); got += (size_t)n) {
		n = read(fd, small + got, sizeof(small) - got);
		if (n <= 0)
			break;
	}
	check(got == sizeof(small) && tagged_run(small, sizeof(small)),
	      "/dev/urandom gave 64 of the hypervisor's bytes");
	// The window is used up: what comes without waiting, if anything,
	// is still the hypervisor's.
	n = getrandom(more, sizeof(more), GRND_NONBLOCK);
	check((n < 0 && errno == EAGAIN) ||
	          (n > 0 && tagged_run(more, (size_t)n)),
	      "GRND_NONBLOCK: the hypervisor's bytes or EAGAIN");
	test_interrupted();
	printf("entropy_tagged: %s\n",
	       failures ? "some checks FAILED" : "all checks passed");
	return failures != 0;
}
