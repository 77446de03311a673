// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Uses the devices the way the Gunyah Resource Manager does at boot: opens
// /dev/gicv3, /dev/console and /dev/exit with O_RDWR | O_LARGEFILE,
// registers a console with a line prefix and an exit hook, registers one
// ISR for virtual interrupts 32-42 (rising edge) and enables them, moves
// its log into an 8 KiB page-aligned buffer from the heap, then idles in
// ppoll(NULL, 0, NULL), handling interrupts, until it has seen them all and
// exits 0. Booted with RM's heap of 0x31000 bytes (dev_rm_like.test).
//
// The hypervisor is not here to raise the virtual interrupts, so the EL1
// physical timer plays it: each tick asserts the next even one of 32-42,
// whose ISR asserts the odd one after it, as a device answering a request
// would. The timer ticks on after that, so that a tick taken between the
// main loop's check and its ppoll cannot leave it asleep for ever.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>
#include <rt_exit.h>
#include <rt_gicv3.h>
#include <rt_tty.h>

#include "dev_util.h"

#define RM_OPEN_FLAGS 0x20002 // O_RDWR | O_LARGEFILE, as RM passes them
#define VIRQ_FIRST    32u
#define VIRQ_LAST     42u
#define VIRQ_COUNT    (VIRQ_LAST - VIRQ_FIRST + 1u)
#define LOG_BYTES     8192u
#define TICK_MS       2u
// Ticks after which a runtime that loses interrupts is given up on.
#define TICKS_MAX 500u

static int gic = -1;
static uint32_t virq_data[VIRQ_COUNT];
static volatile unsigned seen[VIRQ_COUNT];
static volatile unsigned wrong_data, failed_asserts, ticks;

static void
exit_hook(int status)
{
	char line[64];

	snprintf(line, sizeof(line), "dev_rm_like: exit hook: status %d\n",
	         status);
	dev_pl011_puts(line);
	// The runtime's own exit call does not reach the host under Gunyah.
	test_hyp_exit(status);
}

static void
assert_virq(uint32_t irq)
{
	if (ioctl(gic, GICV3_IOCTL_ASSERT_IRQ, &irq) != 0)
		failed_asserts++;
}

// One ISR for every virtual interrupt, as RM has.
static bool
virq_isr(uint32_t irq, void *data)
{
	uint32_t i = irq - VIRQ_FIRST;

	if (i >= VIRQ_COUNT || data != &virq_data[i]) {
		wrong_data++;
		return true;
	}
	seen[i]++;
	if (i % 2 == 0 && irq < VIRQ_LAST)
		assert_virq(irq + 1);
	return true;
}

static bool
tick_isr(uint32_t irq, void *data)
{
	uint32_t next = VIRQ_FIRST + 2u * ticks;

	(void)irq;
	(void)data;
	ticks++;
	if (next <= VIRQ_LAST)
		assert_virq(next);
	dev_ptimer_arm(dev_counter() + dev_ms_to_ticks(TICK_MS));
	return true;
}

static bool
all_seen(void)
{
	for (unsigned i = 0; i < VIRQ_COUNT; i++) {
		if (seen[i] == 0)
			return false;
	}
	return true;
}

static int
fail(const char *what, long r)
{
	printf("dev_rm_like: FAILED: %s (returned %ld, errno %d)\n", what, r,
	       errno);
	return 1;
}

int
main(void)
{
	struct console_register_req console = { .fn = dev_pl011_write };
	struct exit_register_req hook = { .fn = exit_hook };
	struct tty_setbuf_req move = { .size = LOG_BYTES };
	struct gicv3_register_req isr = { .isr = virq_isr };
	struct gicv3_trigger_req edge = { .trigger =
		                              GICV3_TRIGGER_EDGE_RISING };
	struct gicv3_register_req tick = { .isr = tick_isr,
		                           .irq = DEV_INTID_PTIMER };
	uint32_t ptimer = DEV_INTID_PTIMER;
	struct dev_log_ring *log;
	unsigned wakeups = 0, sum = 0;
	bool bad_wakeup = false;
	int con, ex;
	void *log_mem = NULL;
	long r;

	gic = open(GICV3_PATH, RM_OPEN_FLAGS);
	con = open(CONSOLE_PATH, RM_OPEN_FLAGS);
	ex = open(EXIT_PATH, RM_OPEN_FLAGS);
	if (gic < 0 || con < 0 || ex < 0)
		return 1;
	if ((r = ioctl(con, CONSOLE_IOCTL_REGISTER, &console)) != 0 ||
	    (r = ioctl(con, CONSOLE_IOCTL_SET_PREFIX, "[RM] ")) != 0)
		return fail("console", r);
	if ((r = ioctl(ex, EXIT_IOCTL_REGISTER, &hook)) != 0)
		return fail("exit hook", r);
	printf("dev_rm_like: booted, console and exit hook registered\n");

	for (uint32_t irq = VIRQ_FIRST; irq <= VIRQ_LAST; irq++) {
		isr.irq = irq;
		isr.data = &virq_data[irq - VIRQ_FIRST];
		edge.irq = irq;
		if ((r = ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &isr)) != 0 ||
		    (r = ioctl(gic, GICV3_IOCTL_SET_TRIGGER, &edge)) != 0 ||
		    (r = ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &irq)) != 0)
			return fail("virtual interrupt setup", r);
	}

	if (posix_memalign(&log_mem, 4096, LOG_BYTES) != 0)
		return fail("posix_memalign", -1);
	move.buf = (uintptr_t)log_mem;
	r = ioctl(1, TIOCSETBUF, &move);
	// RM asserts this.
	if (r != 0)
		return fail("TIOCSETBUF", r);
	log = log_mem;
	if (!dev_log_contains(log, "dev_rm_like: booted") ||
	    dev_log_contains(log, "[RM]"))
		return fail("the moved log holds the boot text, unprefixed", 0);
	printf("dev_rm_like: log moved to %p, %u bytes\n", log_mem, LOG_BYTES);

	if ((r = ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &tick)) != 0 ||
	    (r = ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &ptimer)) != 0)
		return fail("timer setup", r);
	dev_ptimer_arm(dev_counter() + dev_ms_to_ticks(TICK_MS));

	// RM's event loop: sleep until an interrupt, look at what it did.
	while (!all_seen() && wrong_data == 0 && ticks < TICKS_MAX) {
		r = ppoll(NULL, 0, NULL, NULL);
		if (r != -1 || errno != EINTR) {
			bad_wakeup = true;
			break;
		}
		wakeups++;
	}
	dev_ptimer_stop();

	for (unsigned i = 0; i < VIRQ_COUNT; i++)
		sum += seen[i];
	if (bad_wakeup)
		return fail("ppoll(NULL, 0, NULL) gives -1 with EINTR", r);
	if (sum != VIRQ_COUNT || wrong_data != 0 || failed_asserts != 0) {
		printf("dev_rm_like: FAILED: %u interrupts, %u with the wrong "
		       "irq or data, %u asserts failed, in %u ticks\n",
		       sum, wrong_data, failed_asserts, ticks);
		return 1;
	}
	printf("dev_rm_like: all %u interrupts seen once, with their data, "
	       "in %u wakeups from ppoll\n",
	       VIRQ_COUNT, wakeups);
	exit(0);
}
