// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The demo `scons run` boots: an ordinary musl program that uses what the
// runtime offers. Output goes through a console function this app registers:
// it writes QEMU virt's PL011, which it first maps the way the Resource
// Manager does (tests/apps/common/test_hyp.h), under the boot stub and the
// real Gunyah alike.

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <rt_console.h>
#include <rt_exit.h>
#include <rt_gicv3.h>

#include "test_hyp.h"

#define DEMO_SGI 1u

static char greeting[] = "hello from main";
static volatile unsigned interrupts;

static void
on_exit_hook(int status)
{
	test_hyp_uart_puts("demo: exit hook called, goodbye\n");
	// Semihosting hands QEMU the status: the runtime's own exit call
	// does not, under Gunyah.
	test_hyp_exit(status);
}

static bool
on_interrupt(uint32_t irq, void *data)
{
	interrupts++;
	printf("demo: interrupt %u arrived (data \"%s\")\n", irq,
	       (const char *)data);
	return true;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct console_register_req console = { .fn = test_hyp_uart_write };
	struct exit_register_req hook = { .fn = on_exit_hook };
	struct gicv3_register_req isr = { .isr = on_interrupt,
		                          .irq = DEMO_SGI,
		                          .data = greeting };
	struct timespec nap = { .tv_nsec = 20 * 1000 * 1000 };
	int con = open(CONSOLE_PATH, O_RDWR);
	int ex = open(EXIT_PATH, O_RDWR);
	int gic = open(GICV3_PATH, O_RDWR);
	uint32_t irq = DEMO_SGI;
	struct utsname u;
	double t0;
	char *buf;

	ioctl(con, CONSOLE_IOCTL_REGISTER, &console);
	ioctl(con, CONSOLE_IOCTL_SET_PREFIX, "[demo] ");
	ioctl(ex, EXIT_IOCTL_REGISTER, &hook);
	uname(&u);
	printf("demo: a musl app on %s %s (%s), argc %d, argv[0] \"%s\"\n",
	       u.sysname, u.release, u.machine, argc, argv[0]);

	// Big enough for musl to mmap it, small enough for the heap Gunyah
	// leaves the root VM (0xa0000 bytes hold runtime, app and heap).
	buf = malloc(256 << 10);
	if (buf != NULL)
		strcpy(buf, "256 KiB from mmap");
	printf("demo: malloc(256 KiB) = %p: %s\n", (void *)buf,
	       buf != NULL ? buf : "no memory");
	free(buf);

	ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &isr);
	ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &irq);
	ioctl(gic, GICV3_IOCTL_ASSERT_IRQ, &irq);
	printf("demo: asserted SGI %u, the ISR ran %u time(s)\n", DEMO_SGI,
	       interrupts);

	t0 = seconds();
	nanosleep(&nap, NULL);
	printf("demo: nanosleep(20 ms) took %.1f ms of the generic timer\n",
	       (seconds() - t0) * 1e3);
	printf("demo: pi is about %.6f\n", 355.0 / 113.0);
	return interrupts == 1 ? 0 : 1;
}
