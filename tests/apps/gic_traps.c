// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Uses the GIC the way Gunyah traps it: /dev/gicv3 programs the
// distributor and redistributor (MMIO), asserts an SGI (ICC_SGI1R_EL1) and
// the runtime ends it (ICC_EOIR1_EL1, EOImode 0). No exit hook: the
// runtime's exit call reaches the boot stub, which then prints how many
// accesses it trapped (--stub-flags verbose).

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>
#include <rt_gicv3.h>

#include "test_hyp.h"

#define SGI 4u

static volatile unsigned fired;

static bool
isr(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	fired++;
	return true;
}

int
main(void)
{
	struct console_register_req con = { .fn = test_hyp_uart_write };
	struct gicv3_register_req req = { .isr = isr, .irq = SGI };
	uint32_t irq = SGI;
	int c = open(CONSOLE_PATH, O_RDWR);
	int fd = open(GICV3_PATH, O_RDWR);

	if (c < 0 || ioctl(c, CONSOLE_IOCTL_REGISTER, &con) != 0)
		return 1;
	if (fd < 0 || ioctl(fd, GICV3_IOCTL_REGISTER_ISR, &req) != 0 ||
	    ioctl(fd, GICV3_IOCTL_ENABLE_IRQ, &irq) != 0 ||
	    ioctl(fd, GICV3_IOCTL_ASSERT_IRQ, &irq) != 0) {
		printf("gic_traps: FAILED to set SGI %u up\n", SGI);
		return 1;
	}
	printf("gic_traps: SGI %u asserted, its ISR ran %u time(s)\n", SGI,
	       fired);
	return fired == 1 ? 0 : 1;
}
