// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// An interrupt storm: the EL1 physical timer (PPI 30) is set to fire now
// and left firing, and its ISR says "handled" without stopping it, so the
// level-sensitive line never drops. The runtime must notice, disable the
// interrupt, say so in its log, and let the app go on.
//
// No console is registered, so the runtime's message can only be in its
// log ring. The exit hook prints the ring (argv[2]: the runtime's early
// ring, where this app's output goes too), then hands the host the status
// (test_hyp.h); the same under the boot stub and the real Gunyah.

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <rt_exit.h>
#include <rt_gicv3.h>

#include "test_hyp.h"

#define INTID_PHYS_TIMER 30u
#define CNTP_CTL_ENABLE  1ul

struct log_ring {
	uint32_t write_idx;
	uint32_t size;
	char buf[];
};

static volatile unsigned isr_calls;
static const struct log_ring *ring;

static bool
timer_isr(uint32_t intid, void *data)
{
	(void)intid;
	(void)data;
	isr_calls++;
	return true;
}

// Oldest byte first: the one after the NUL at write_idx. Bytes never
// written are NUL too, and skipped.
static void
print_ring(int status)
{
	for (uint32_t i = 1; ring != NULL && i < ring->size; i++) {
		char c = ring->buf[(ring->write_idx + i) % ring->size];

		if (c != '\0')
			test_hyp_uart_write(&c, 1);
	}
	test_hyp_exit(status);
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
main(int argc, char **argv)
{
	struct gicv3_register_req req = {
		.isr = timer_isr,
		.irq = INTID_PHYS_TIMER,
	};
	struct timespec nap = { .tv_nsec = 10 * 1000 * 1000 };
	uint32_t intid = INTID_PHYS_TIMER;
	unsigned after_storm;
	struct exit_register_req hook = { .fn = print_ring };
	int fd = open("/dev/gicv3", O_RDWR);
	int ex = open(EXIT_PATH, O_RDWR);

	ring = argc > 2 ? (const struct log_ring *)argv[2] : NULL;
	if (ex < 0 || ioctl(ex, EXIT_IOCTL_REGISTER, &hook) != 0)
		return 1;
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
