// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// An SPI the app never configures, asserted once: how often does its ISR
// run? The existing C runtime makes every SPI edge-triggered at boot, so
// once, and apps written for it rely on that. Left at the GIC's reset
// configuration (level-sensitive), an asserted SPI stays pending until
// CLEAR_IRQ under Gunyah's vGIC (and the boot stub, which imitates it),
// so the ISR, which does not clear it, runs until the runtime cuts it off.

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include <rt_gicv3.h>

#define SPI     45u
#define WAIT_MS 20u

static volatile unsigned calls;

static bool
isr(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	calls++;
	return true;
}

int
main(void)
{
	struct gicv3_register_req req = { .isr = isr, .irq = SPI };
	uint32_t irq = SPI;
	uint64_t freq, end, now;
	int gic = open(GICV3_PATH, O_RDWR);

	if (gic < 0 || ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &req) != 0 ||
	    ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &irq) != 0 ||
	    ioctl(gic, GICV3_IOCTL_ASSERT_IRQ, &irq) != 0) {
		printf("irq_default_trigger: FAILED to set SPI %u up\n", SPI);
		return 1;
	}
	// Polled, not slept: a sleep never ends under Gunyah on QEMU.
	__asm__ volatile("mrs %0, cntfrq_el0; isb; mrs %1, cntvct_el0"
	                 : "=r"(freq), "=r"(now));
	for (end = now + freq * WAIT_MS / 1000; now < end;)
		__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(now));
	printf("irq_default_trigger: SPI %u asserted once, its ISR ran %u "
	       "time(s)\n",
	       SPI, calls);
	return calls == 1 ? 0 : 1;
}
