// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// /dev/gicv3 and the waits that run ISRs: an SGI and SPIs asserted through
// the ioctl reach their ISR with its data pointer; an ISR that returns
// false loses its interrupt until it is enabled again; disable, clear and
// deregister hold an interrupt back; a trigger change keeps an interrupt
// enabled; an ISR may assert another interrupt or sleep; an interrupt
// enabled without an ISR is disabled and logged; ppoll(NULL, 0, NULL)
// sleeps until an interrupt (the EL1 physical timer, or one already
// pending) and gives EINTR; with a timeout and no interrupt it gives 0 once
// the time has passed; an ISR ends a nanosleep with EINTR; an ISR that
// never clears its source is cut off. The ISRs only record what they got;
// main checks it, and reads the runtime's messages from the log ring it
// moved into its own memory.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <rt_gicv3.h>
#include <rt_tty.h>

#include "dev_util.h"

#define SGI_PLAIN  3u
#define SGI_FALSE  5u
#define SGI_CHAIN  6u
#define SGI_SLEEPS 7u
#define SPI_PLAIN  40u
#define SPI_FALSE  41u
#define SPI_CHAIN  42u
#define SPI_NO_ISR 50u
#define SPI_AGAIN  43u
#define ORDER_MAX  64u

static int gic = -1;

// What the ISRs saw. Each cookie is only an address to hand over.
static char cookie_sgi, cookie_spi, cookie_spi2, cookie_false, cookie_timer;
static volatile unsigned count[64];
static volatile uint32_t last_irq;
static void *volatile last_data;
static volatile uint32_t order[ORDER_MAX];
static volatile unsigned order_n;
static volatile uint64_t timer_at;
static volatile long isr_sleep_ret = 1;
static volatile uint64_t isr_slept;

static _Alignas(4096) char log_buf[8192];

static void
record(uint32_t irq, void *data)
{
	if (irq < 64)
		count[irq]++;
	last_irq = irq;
	last_data = data;
	if (order_n < ORDER_MAX)
		order[order_n] = irq;
	order_n++;
}

// Handled means the source was dealt with. An ASSERT_IRQ is the source
// here: a level-sensitive interrupt it made pending stays pending until
// CLEAR_IRQ, acknowledge or not, under Gunyah's vGIC as the GIC
// architecture has it, and is taken again once the runtime's EOI has
// deactivated it (the boot stub imitates both, trapping the EOI; QEMU's
// own GIC would drop it at the acknowledge). An edge one is no longer
// pending by now, so the clear changes nothing.
static long
gic_req(unsigned long cmd, uint32_t irq)
{
	return ioctl(gic, cmd, &irq);
}

static bool
isr_handled(uint32_t irq, void *data)
{
	record(irq, data);
	ioctl(gic, GICV3_IOCTL_CLEAR_IRQ, &irq);
	return true;
}

static bool
isr_refuses(uint32_t irq, void *data)
{
	record(irq, data);
	return false;
}

// Raises the next interrupt from inside an ISR: an ISR may make syscalls.
static bool
isr_chain(uint32_t irq, void *data)
{
	uint32_t next = SPI_CHAIN;

	record(irq, data);
	ioctl(gic, GICV3_IOCTL_ASSERT_IRQ, &next);
	return true;
}

static bool
isr_timer(uint32_t irq, void *data)
{
	dev_ptimer_stop();
	timer_at = dev_counter();
	record(irq, data);
	return true;
}

// Waits in a syscall of its own: the runtime's timer still reaches it.
static bool
isr_sleeps(uint32_t irq, void *data)
{
	struct timespec nap = { .tv_nsec = 5 * 1000000 };
	uint64_t t0 = dev_counter();

	isr_sleep_ret = nanosleep(&nap, NULL);
	isr_slept = dev_counter() - t0;
	record(irq, data);
	return true;
}

// Its own interrupt comes again while it sleeps (an edge SPI it asserts, or
// the level timer it stops only on its third run): the runtime must put
// that off until the ISR has returned, never start the ISR inside itself.
static volatile unsigned again_depth, again_deepest, again_runs;

static bool
isr_again(uint32_t irq, void *data)
{
	struct timespec nap = { .tv_nsec = 2 * 1000000 };

	(void)data;
	if (++again_depth > again_deepest)
		again_deepest = again_depth;
	if (++again_runs == 1 && irq == SPI_AGAIN)
		gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_AGAIN);
	if (again_runs == 3 && irq == DEV_INTID_PTIMER)
		dev_ptimer_stop();
	nanosleep(&nap, NULL);
	record(irq, NULL);
	again_depth--;
	return true;
}

// Leaves the timer firing: the runtime has to cut it off.
static bool
isr_storm(uint32_t irq, void *data)
{
	record(irq, data);
	return true;
}

static long
gic_register(uint32_t irq, bool (*isr)(uint32_t, void *), void *data)
{
	struct gicv3_register_req req = { .isr = isr,
		                          .irq = irq,
		                          .data = data };

	return ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &req);
}

static long
gic_trigger(uint32_t irq, int32_t trigger)
{
	struct gicv3_trigger_req req = { .irq = irq, .trigger = trigger };

	return ioctl(gic, GICV3_IOCTL_SET_TRIGGER, &req);
}

// An interrupt asserted with IRQs unmasked is taken as soon as the ioctl
// returns; the bound only keeps a broken runtime from hanging the test.
static bool
wait_count(uint32_t irq, unsigned want)
{
	uint64_t end = dev_counter() + dev_ms_to_ticks(100);

	while (count[irq] < want && dev_counter() < end)
		;
	return count[irq] == want;
}

// A wait no interrupt may end: ppoll gives 0 only if no ISR ran during it.
static long
quiet_ppoll(unsigned ms)
{
	struct timespec ts = { .tv_nsec = (long)ms * 1000000 };

	return ppoll(NULL, 0, &ts, NULL);
}

static void
test_sgi(void)
{
	dev_check_ok(gic_register(SGI_PLAIN, isr_handled, &cookie_sgi),
	             "register an ISR for SGI %u", SGI_PLAIN);
	dev_check_ok(gic_req(GICV3_IOCTL_ENABLE_IRQ, SGI_PLAIN),
	             "enable SGI %u", SGI_PLAIN);
	dev_check(count[SGI_PLAIN] == 0, "SGI %u does not fire by itself",
	          SGI_PLAIN);
	dev_check_ok(gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_PLAIN),
	             "assert SGI %u", SGI_PLAIN);
	dev_check(wait_count(SGI_PLAIN, 1) && last_irq == SGI_PLAIN &&
	              last_data == &cookie_sgi,
	          "SGI %u ISR ran once with its irq and data pointer "
	          "(count %u, irq %u)",
	          SGI_PLAIN, count[SGI_PLAIN], last_irq);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_PLAIN);
	dev_check(wait_count(SGI_PLAIN, 2), "SGI %u again: ISR ran twice",
	          SGI_PLAIN);

	// An SGI is pending in the redistributor: clearing it works there.
	gic_req(GICV3_IOCTL_DISABLE_IRQ, SGI_PLAIN);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_PLAIN);
	dev_check_ok(gic_req(GICV3_IOCTL_CLEAR_IRQ, SGI_PLAIN), "clear SGI %u",
	             SGI_PLAIN);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SGI_PLAIN);
	dev_check(quiet_ppoll(20) == 0 && count[SGI_PLAIN] == 2,
	          "SGI %u cleared before the enable: the ISR does not run",
	          SGI_PLAIN);
}

static void
test_spi(void)
{
	unsigned before;

	dev_check_ok(gic_register(SPI_PLAIN, isr_handled, &cookie_spi),
	             "register an ISR for SPI %u", SPI_PLAIN);
	dev_check_ok(gic_trigger(SPI_PLAIN, GICV3_TRIGGER_EDGE_RISING),
	             "SPI %u rising edge", SPI_PLAIN);
	dev_check_ok(gic_req(GICV3_IOCTL_ENABLE_IRQ, SPI_PLAIN),
	             "enable SPI %u", SPI_PLAIN);
	dev_check_ok(gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_PLAIN),
	             "assert SPI %u", SPI_PLAIN);
	dev_check(wait_count(SPI_PLAIN, 1) && last_irq == SPI_PLAIN &&
	              last_data == &cookie_spi,
	          "SPI %u ISR ran once with its irq and data pointer "
	          "(count %u, irq %u)",
	          SPI_PLAIN, count[SPI_PLAIN], last_irq);

	// Disabled: the assert stays pending until the enable.
	before = count[SPI_PLAIN];
	dev_check_ok(gic_req(GICV3_IOCTL_DISABLE_IRQ, SPI_PLAIN),
	             "disable SPI %u", SPI_PLAIN);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_PLAIN);
	dev_check(quiet_ppoll(20) == 0 && count[SPI_PLAIN] == before,
	          "disabled SPI %u: assert does not reach the ISR", SPI_PLAIN);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SPI_PLAIN);
	dev_check(wait_count(SPI_PLAIN, before + 1),
	          "SPI %u enabled again: the pending assert arrives",
	          SPI_PLAIN);

	// Cleared while disabled: nothing is left to arrive.
	before = count[SPI_PLAIN];
	gic_req(GICV3_IOCTL_DISABLE_IRQ, SPI_PLAIN);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_PLAIN);
	dev_check_ok(gic_req(GICV3_IOCTL_CLEAR_IRQ, SPI_PLAIN), "clear SPI %u",
	             SPI_PLAIN);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SPI_PLAIN);
	dev_check(quiet_ppoll(20) == 0 && count[SPI_PLAIN] == before,
	          "SPI %u cleared before the enable: the ISR does not run",
	          SPI_PLAIN);

	// The trigger of an enabled SPI changes under it; it stays enabled.
	dev_check_ok(gic_trigger(SPI_PLAIN, GICV3_TRIGGER_LEVEL_HIGH),
	             "SPI %u, enabled, to level-high", SPI_PLAIN);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_PLAIN);
	dev_check(wait_count(SPI_PLAIN, before + 1),
	          "SPI %u still enabled after the change", SPI_PLAIN);
	dev_check_ok(gic_trigger(SPI_PLAIN, GICV3_TRIGGER_EDGE_RISING),
	             "SPI %u, enabled, back to rising edge", SPI_PLAIN);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_PLAIN);
	dev_check(wait_count(SPI_PLAIN, before + 2),
	          "SPI %u still enabled after changing back", SPI_PLAIN);
}

// docs/gunyah.md section 6: an ISR returning false disables its interrupt.
static void
test_isr_false(uint32_t irq)
{
	const char *kind = irq < 16 ? "SGI" : "SPI";

	dev_check_ok(gic_register(irq, isr_refuses, &cookie_false),
	             "register an ISR returning false for %s %u", kind, irq);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, irq);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, irq);
	dev_check(wait_count(irq, 1) && last_data == &cookie_false,
	          "%s %u: the ISR returning false ran once", kind, irq);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, irq);
	dev_check(quiet_ppoll(20) == 0 && count[irq] == 1,
	          "%s %u asserted again: disabled, the ISR does not run "
	          "(count %u)",
	          kind, irq, count[irq]);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, irq);
	dev_check(wait_count(irq, 2),
	          "%s %u enabled again: the pending assert arrives (count %u)",
	          kind, irq, count[irq]);
	dev_check_ok(gic_req(GICV3_IOCTL_DEREGISTER_ISR, irq),
	             "deregister %s %u", kind, irq);
}

static void
test_deregister(void)
{
	struct dev_log_ring *log = (struct dev_log_ring *)log_buf;
	unsigned before = count[SPI_PLAIN];

	dev_check_ok(gic_req(GICV3_IOCTL_DEREGISTER_ISR, SPI_PLAIN),
	             "deregister SPI %u", SPI_PLAIN);
	// Deregistering disables it, so the assert waits, pending.
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_PLAIN);
	dev_check(quiet_ppoll(20) == 0 && count[SPI_PLAIN] == before,
	          "deregistered SPI %u: assert reaches no ISR", SPI_PLAIN);
	dev_check_ok(gic_register(SPI_PLAIN, isr_handled, &cookie_spi2),
	             "register SPI %u again, new data pointer", SPI_PLAIN);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SPI_PLAIN);
	dev_check(wait_count(SPI_PLAIN, before + 1) &&
	              last_data == &cookie_spi2,
	          "SPI %u: the new ISR gets the pending assert and the new "
	          "data pointer",
	          SPI_PLAIN);
	dev_check(!dev_log_contains(log, "INTID 40 has no ISR"),
	          "deregistered SPI %u never fired without an ISR", SPI_PLAIN);

	// Enabled with no ISR: the runtime disables it and says so.
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SPI_NO_ISR);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_NO_ISR);
	quiet_ppoll(5);
	dev_check(dev_log_contains(log, "irq: INTID 50 has no ISR; disabled"),
	          "SPI %u enabled without an ISR: disabled, and the log says "
	          "so",
	          SPI_NO_ISR);
	// That assert is still pending (level-sensitive: until cleared).
	gic_req(GICV3_IOCTL_CLEAR_IRQ, SPI_NO_ISR);
	gic_register(SPI_NO_ISR, isr_handled, NULL);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SPI_NO_ISR);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_NO_ISR);
	dev_check(wait_count(SPI_NO_ISR, 1),
	          "SPI %u with an ISR now: asserted, the ISR runs once",
	          SPI_NO_ISR);
}

static void
test_chain(void)
{
	unsigned start = order_n;

	gic_register(SGI_CHAIN, isr_chain, NULL);
	gic_register(SPI_CHAIN, isr_handled, NULL);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SGI_CHAIN);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SPI_CHAIN);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_CHAIN);
	dev_check(wait_count(SPI_CHAIN, 1) && count[SGI_CHAIN] == 1 &&
	              order_n == start + 2 && order[start] == SGI_CHAIN &&
	              order[start + 1] == SPI_CHAIN,
	          "an ISR asserts SPI %u: it runs after SGI %u's ISR",
	          SPI_CHAIN, SGI_CHAIN);
}

// An ISR that sleeps, run from a ppoll with a timeout: the sleep inside
// must not cost the outer wait its EINTR or its timer.
static void
test_isr_sleeps(void)
{
	struct timespec ts = { .tv_sec = 2 };
	uint64_t t0, t1;
	long r;
	int err;

	gic_register(SGI_SLEEPS, isr_sleeps, NULL);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SGI_SLEEPS);
	dev_irqs_mask();
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_SLEEPS);
	t0 = dev_counter();
	r = ppoll(NULL, 0, &ts, NULL);
	err = errno;
	t1 = dev_counter();
	dev_irqs_unmask();
	dev_check(count[SGI_SLEEPS] == 1 && isr_sleep_ret == 0 &&
	              isr_slept >= dev_ms_to_ticks(5),
	          "an ISR sleeps 5 ms in nanosleep (%.1f ms)",
	          (double)isr_slept * 1e3 / dev_freq());
	dev_check(r == -1 && err == EINTR && t1 - t0 < dev_ms_to_ticks(1000),
	          "the ppoll it interrupted still ends with EINTR, at once "
	          "(returned %ld, errno %d)",
	          r, err);
	r = quiet_ppoll(20);
	dev_check(r == 0, "a ppoll timeout still works after that");
}

static void
test_ppoll_timer(void)
{
	uint64_t t0, cval, t1;
	long r;
	int err;

	dev_check_ok(gic_register(DEV_INTID_PTIMER, isr_timer, &cookie_timer),
	             "register an ISR for PPI %u (EL1 physical timer)",
	             DEV_INTID_PTIMER);
	dev_check_ok(gic_req(GICV3_IOCTL_ENABLE_IRQ, DEV_INTID_PTIMER),
	             "enable PPI %u", DEV_INTID_PTIMER);

	// Masked, so that a timer that fires before the svc (a slow host)
	// waits for ppoll instead of leaving it to sleep for ever.
	dev_irqs_mask();
	t0 = dev_counter();
	cval = t0 + dev_ms_to_ticks(50);
	dev_ptimer_arm(cval);
	r = ppoll(NULL, 0, NULL, NULL);
	err = errno;
	t1 = dev_counter();
	dev_irqs_unmask();
	dev_check(r == -1 && err == EINTR,
	          "ppoll(NULL, 0, NULL) ends with EINTR when the timer fires "
	          "(returned %ld, errno %d)",
	          r, err);
	dev_check(count[DEV_INTID_PTIMER] == 1 && last_data == &cookie_timer,
	          "the timer ISR ran once, with its data pointer");
	dev_check(timer_at >= cval && t1 >= cval,
	          "ppoll slept until the timer's deadline");

	// An SPI asserted while the app masks IRQs is pending when ppoll
	// starts: the wait takes it at once.
	{
		unsigned before = count[SPI_PLAIN];

		dev_irqs_mask();
		gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_PLAIN);
		dev_check(count[SPI_PLAIN] == before,
		          "SPI %u asserted with IRQs masked: not taken yet",
		          SPI_PLAIN);
		t0 = dev_counter();
		r = ppoll(NULL, 0, NULL, NULL);
		err = errno;
		t1 = dev_counter();
		dev_irqs_unmask();
		dev_check(r == -1 && err == EINTR &&
		              count[SPI_PLAIN] == before + 1,
		          "ppoll(NULL, 0, NULL) with SPI %u pending: EINTR "
		          "after its ISR (%.3f ms)",
		          SPI_PLAIN, (double)(t1 - t0) * 1e3 / dev_freq());
	}
}

static void
test_ppoll_timeout(void)
{
	struct timespec ts = { .tv_nsec = 50 * 1000000 };
	struct timespec longer = { .tv_sec = 5 };
	struct timespec nap = { .tv_sec = 5 };
	struct timespec left = { 0, 0 };
	unsigned before = count[DEV_INTID_PTIMER];
	uint64_t t0, t1, cval;
	double left_ms;
	long r;
	int err;

	t0 = dev_counter();
	r = ppoll(NULL, 0, &ts, NULL);
	t1 = dev_counter();
	dev_check(r == 0,
	          "ppoll with a 50 ms timeout and no interrupt gives "
	          "0 (returned %ld)",
	          r);
	dev_check(t1 - t0 >= dev_ms_to_ticks(50) &&
	              t1 - t0 < dev_ms_to_ticks(5000),
	          "... after at least 50 ms (%.1f ms)",
	          (double)(t1 - t0) * 1e3 / dev_freq());

	// An interrupt ends a wait with a timeout too.
	dev_irqs_mask();
	t0 = dev_counter();
	cval = t0 + dev_ms_to_ticks(20);
	dev_ptimer_arm(cval);
	r = ppoll(NULL, 0, &longer, NULL);
	err = errno;
	t1 = dev_counter();
	dev_irqs_unmask();
	dev_check(r == -1 && err == EINTR &&
	              count[DEV_INTID_PTIMER] == before + 1 && t1 >= cval &&
	              t1 - t0 < dev_ms_to_ticks(5000),
	          "ppoll with a 5 s timeout: EINTR when the timer fires at "
	          "20 ms (%.1f ms)",
	          (double)(t1 - t0) * 1e3 / dev_freq());

	// As a Linux signal handler would, the ISR cuts a sleep short: EINTR
	// and the time left. 5 s: far more than a loaded host can delay the
	// 10 ms timer by.
	t0 = dev_counter();
	dev_ptimer_arm(t0 + dev_ms_to_ticks(10));
	r = nanosleep(&nap, &left);
	err = errno;
	t1 = dev_counter();
	left_ms = (double)left.tv_sec * 1e3 + (double)left.tv_nsec / 1e6;
	dev_check(r == -1 && err == EINTR &&
	              count[DEV_INTID_PTIMER] == before + 2 &&
	              t1 - t0 >= dev_ms_to_ticks(10) &&
	              t1 - t0 < dev_ms_to_ticks(5000) && left_ms > 0 &&
	              left_ms < 4995.0,
	          "nanosleep(5 s): the timer ISR at 10 ms ends it with "
	          "EINTR after %.1f ms, %.1f ms left",
	          (double)(t1 - t0) * 1e3 / dev_freq(), left_ms);
}

static void
test_not_nested(void)
{
	struct timespec wait = { .tv_nsec = 200 * 1000000 };

	again_runs = again_deepest = 0;
	gic_register(SPI_AGAIN, isr_again, NULL);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, SPI_AGAIN);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SPI_AGAIN);
	nanosleep(&wait, NULL);
	dev_check(again_runs == 2 && again_deepest == 1,
	          "SPI %u asserted by its own ISR, which then sleeps: the ISR "
	          "runs again after itself, not inside (runs %u, depth %u)",
	          SPI_AGAIN, again_runs, again_deepest);
	gic_req(GICV3_IOCTL_DEREGISTER_ISR, SPI_AGAIN);

	again_runs = again_deepest = 0;
	gic_req(GICV3_IOCTL_DEREGISTER_ISR, DEV_INTID_PTIMER);
	gic_register(DEV_INTID_PTIMER, isr_again, NULL);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, DEV_INTID_PTIMER);
	dev_ptimer_arm(dev_counter());
	nanosleep(&wait, NULL);
	dev_check(again_runs == 3 && again_deepest == 1,
	          "PPI %u (level) still up while its ISR sleeps: the ISR runs "
	          "three times one after the other (runs %u, depth %u)",
	          DEV_INTID_PTIMER, again_runs, again_deepest);
	dev_ptimer_stop();
}

static void
test_storm(void)
{
	struct dev_log_ring *log = (struct dev_log_ring *)log_buf;
	unsigned fired;
	long r;
	int err;

	gic_req(GICV3_IOCTL_DEREGISTER_ISR, DEV_INTID_PTIMER);
	count[DEV_INTID_PTIMER] = 0;
	dev_check_ok(gic_register(DEV_INTID_PTIMER, isr_storm, NULL),
	             "register an ISR that never stops the timer");
	gic_req(GICV3_IOCTL_ENABLE_IRQ, DEV_INTID_PTIMER);
	dev_irqs_mask();
	dev_ptimer_arm(dev_counter());
	r = ppoll(NULL, 0, NULL, NULL);
	err = errno;
	dev_irqs_unmask();
	fired = count[DEV_INTID_PTIMER];
	dev_check(r == -1 && err == EINTR && fired >= 2 && fired < 65536,
	          "an interrupt its ISR never clears: ppoll still returns "
	          "EINTR (ISR ran %u times)",
	          fired);
	dev_check(dev_log_contains(log, "irq: INTID 30 fired") &&
	              dev_log_contains(log, "does not clear it; disabled"),
	          "the log says PPI %u was disabled", DEV_INTID_PTIMER);
	// The timer still fires, but the interrupt stays disabled.
	dev_check(quiet_ppoll(20) == 0 && count[DEV_INTID_PTIMER] == fired,
	          "PPI %u stays disabled while its source is still up",
	          DEV_INTID_PTIMER);
	dev_ptimer_stop();
}

int
main(void)
{
	struct tty_setbuf_req move = { .buf = (uintptr_t)log_buf,
		                       .size = sizeof(log_buf) };

	dev_name = "dev_irq";
	dev_console_init(NULL);
	test_exit_hook_register();
	// The log is where the runtime reports what it did on its own.
	dev_check_ok(ioctl(1, TIOCSETBUF, &move), "log moved into the app");
	gic = open(GICV3_PATH, O_RDWR | O_LARGEFILE);
	dev_check(gic >= 3, "open %s (fd %d)", GICV3_PATH, gic);

	test_sgi();
	test_spi();
	test_isr_false(SPI_FALSE);
	test_isr_false(SGI_FALSE);
	test_deregister();
	test_chain();
	test_isr_sleeps();
	test_ppoll_timer();
	test_ppoll_timeout();
	test_not_nested();
	test_storm();
	return dev_finish();
}
