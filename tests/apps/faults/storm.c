// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// An interrupt storm: the EL1 physical timer (PPI 30) is set to fire now
// and left firing, and its ISR says "handled" without stopping it, so the
// level-sensitive line never drops. The runtime must notice, disable the
// interrupt, say so in its log, and let the app go on.
//
// No console is registered: the boot stub prints the log ring when the app
// exits, which holds both this app's output and the runtime's message.

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <rt_gicv3.h>

#define INTID_PHYS_TIMER 30u
#define CNTP_CTL_ENABLE  1ul

static volatile unsigned isr_calls;

static bool
timer_isr(uint32_t intid, void *data)
{
	(void)intid;
	(void)data;
	isr_calls++;
	return true;
}

static void
timer_fire_now(void)
{
	uint64_t now;

	__asm__ volatile("mrs %0, cntpct_el0" : "=r"(now));
	__asm__ volatile("msr cntp_cval_el0, %0" : : "r"(now));
	__asm__ volatile("msr cntp_ctl_el0, %0; isb" : : "r"(CNTP_CTL_ENABLE));
}

static void
timer_stop(void)
{
	__asm__ volatile("msr cntp_ctl_el0, %0; isb" : : "r"(0ul));
}

int
main(void)
{
	struct gicv3_register_req req = {
		.isr = timer_isr,
		.irq = INTID_PHYS_TIMER,
	};
	struct timespec nap = { .tv_nsec = 10 * 1000 * 1000 };
	uint32_t intid = INTID_PHYS_TIMER;
	unsigned after_storm;
	int fd = open("/dev/gicv3", O_RDWR);

	if (fd < 0 || ioctl(fd, GICV3_IOCTL_REGISTER_ISR, &req) != 0) {
		printf("storm: cannot register the ISR (FAILED)\n");
		return 1;
	}
	timer_fire_now();
	printf("storm: the physical timer fires, its ISR never stops it\n");
	// The interrupt is taken as soon as this returns to the app.
	if (ioctl(fd, GICV3_IOCTL_ENABLE_IRQ, &intid) != 0) {
		printf("storm: cannot enable the interrupt (FAILED)\n");
		return 1;
	}
	after_storm = isr_calls;
	// Still firing, but disabled: the ISR must not run again.
	nanosleep(&nap, NULL);
	printf("storm: the ISR ran %u times, then %u more while the app "
	       "slept\n",
	       after_storm, isr_calls - after_storm);
	timer_stop();
	printf("storm: the app carried on\n");
	return after_storm > 0 && isr_calls == after_storm ? 0 : 1;
}
