// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The /dev nodes, the tty, the ISR table and its dispatch loop, against the
// fake arch: every ioctl's errors, what the app's functions are called with,
// and that a misbehaving app cannot hang the loop.

#include <setjmp.h>
#include <string.h>
#include <sys/ioctl.h>

#include <rt/arch.h>
#include <rt/console.h>
#include <rt/errno.h>
#include <rt/exit.h>
#include <rt/fd.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <rt/log.h>
#include <rt/upcall.h>
#include <uapi/rt_console.h>
#include <uapi/rt_exit.h>
#include <uapi/rt_gicv3.h>
#include <uapi/rt_tty.h>

#include "fake_arch.h"
#include "unit.h"

// A priority above every app interrupt's (lower is more urgent).
#define PRIO_ABOVE_APP 0x80u

// What src/dev/irq.c is built with.
#ifndef RT_IRQ_SLOTS
#define RT_IRQ_SLOTS 32
#endif
#ifndef RT_IRQ_STORM_LIMIT
#define RT_IRQ_STORM_LIMIT 1000
#endif

static struct {
	unsigned calls;
	uint32_t intid;
	void *data;
	unsigned lower_every; // isr_lower: lowers its line every n calls
} seen;

static bool
isr_record(uint32_t intid, void *data)
{
	seen.calls++;
	seen.intid = intid;
	seen.data = data;
	return true;
}

static bool
isr_refuse(uint32_t intid, void *data)
{
	(void)intid;
	(void)data;
	seen.calls++;
	return false;
}

static bool
isr_lower(uint32_t intid, void *data)
{
	(void)data;
	if (++seen.calls % seen.lower_every == 0)
		fake_gic_line(intid, false);
	return true;
}

static bool app_wait(uint64_t deadline);

// Waits itself, as an ISR that sleeps would.
static bool
isr_sleeps(uint32_t intid, void *data)
{
	(void)intid;
	(void)data;
	seen.calls++;
	EXPECT_FALSE(app_wait(fake.counter + 10));
	return true;
}

static void
setup(void)
{
	fake_devices_setup();
	memset(&seen, 0, sizeof(seen));
}

static long
ioctl_irq(unsigned long cmd, uint32_t intid)
{
	return fake_ioctl(GICV3_PATH, cmd, (unsigned long)&intid);
}

static long
register_isr(uint32_t intid, bool (*isr)(uint32_t, void *), void *data)
{
	struct gicv3_register_req req = {
		.isr = isr,
		.irq = intid,
		.data = data,
	};

	return fake_ioctl(GICV3_PATH, GICV3_IOCTL_REGISTER_ISR,
	                  (unsigned long)&req);
}

static long
set_trigger(uint32_t intid, int32_t trigger)
{
	struct gicv3_trigger_req req = { .irq = intid, .trigger = trigger };

	return fake_ioctl(GICV3_PATH, GICV3_IOCTL_SET_TRIGGER,
	                  (unsigned long)&req);
}

static void
add_isr(uint32_t intid, bool (*isr)(uint32_t, void *), void *data)
{
	ASSERT_EQ(register_isr(intid, isr, data), 0);
	ASSERT_EQ(ioctl_irq(GICV3_IOCTL_ENABLE_IRQ, intid), 0);
}

static bool
log_has(const char *s)
{
	return strstr(fake_log_text(), s) != NULL;
}

// ---- /dev/gicv3 ----

TEST(dev_gicv3, unknown_requests)
{
	setup();
	EXPECT_EQ(fake_ioctl(GICV3_PATH, 0x40044907, 0), -ENOTTY);
	EXPECT_EQ(fake_ioctl(GICV3_PATH, 0x5413, 0), -ENOTTY);
	EXPECT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_ENABLE_IRQ + 0x10000, 0),
	          -ENOTTY);
	EXPECT_EQ(fake_ioctl(GICV3_PATH, 0, 0), -ENOTTY);
}

TEST(dev_gicv3, bad_pointers)
{
	static const unsigned long cmds[] = {
		GICV3_IOCTL_ENABLE_IRQ,     GICV3_IOCTL_DISABLE_IRQ,
		GICV3_IOCTL_REGISTER_ISR,   GICV3_IOCTL_SET_TRIGGER,
		GICV3_IOCTL_DEREGISTER_ISR, GICV3_IOCTL_ASSERT_IRQ,
		GICV3_IOCTL_CLEAR_IRQ,
	};
	struct gicv3_register_req req = { .irq = 40 };

	setup();
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		EXPECT_EQ(fake_ioctl(GICV3_PATH, cmds[i], 0), -EFAULT);
		EXPECT_EQ(fake_ioctl(GICV3_PATH, cmds[i],
		                     (unsigned long)FAKE_FOREIGN),
		          -EFAULT);
		// The last byte of the request outside app memory.
		EXPECT_EQ(fake_ioctl(GICV3_PATH, cmds[i],
		                     (unsigned long)FAKE_FOREIGN - 3),
		          -EFAULT);
	}
	// The runtime will jump to an ISR: it must be the app's code.
	req.isr = (bool (*)(uint32_t, void *))(void *)FAKE_FOREIGN;
	EXPECT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_REGISTER_ISR,
	                     (unsigned long)&req),
	          -EFAULT);
	req.isr = (bool (*)(uint32_t, void *))(void *)FAKE_DATA;
	EXPECT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_REGISTER_ISR,
	                     (unsigned long)&req),
	          -EFAULT);
	req.isr = (bool (*)(uint32_t, void *))(void *)((char *)FAKE_FOREIGN +
	                                               FAKE_FOREIGN_SIZE + 2);
	EXPECT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_REGISTER_ISR,
	                     (unsigned long)&req),
	          -EFAULT);
	// A request in read-only memory is fine.
	req.isr = isr_record;
	memcpy(FAKE_RODATA, &req, sizeof(req));
	EXPECT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_REGISTER_ISR,
	                     (unsigned long)FAKE_RODATA),
	          0);
}

TEST(dev_gicv3, invalid_arguments)
{
	static const unsigned long cmds[] = {
		GICV3_IOCTL_ENABLE_IRQ,     GICV3_IOCTL_DISABLE_IRQ,
		GICV3_IOCTL_DEREGISTER_ISR, GICV3_IOCTL_ASSERT_IRQ,
		GICV3_IOCTL_CLEAR_IRQ,
	};

	setup();
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		EXPECT_EQ(ioctl_irq(cmds[i], FAKE_MAX_INTID + 1), -EINVAL);
		EXPECT_EQ(ioctl_irq(cmds[i], 1023), -EINVAL);
		EXPECT_EQ(ioctl_irq(cmds[i], UINT32_MAX), -EINVAL);
	}
	EXPECT_EQ(register_isr(FAKE_MAX_INTID + 1, isr_record, NULL), -EINVAL);
	EXPECT_EQ(register_isr(40, NULL, NULL), -EINVAL);
	EXPECT_EQ(set_trigger(FAKE_MAX_INTID + 1, GICV3_TRIGGER_EDGE_RISING),
	          -EINVAL);
	EXPECT_EQ(set_trigger(40, GICV3_TRIGGER_LEVEL_LOW), -EINVAL);
	EXPECT_EQ(set_trigger(40, GICV3_TRIGGER_EDGE_FALLING), -EINVAL);
	EXPECT_EQ(set_trigger(40, GICV3_TRIGGER_EDGE_BOTH), -EINVAL);
	EXPECT_EQ(set_trigger(40, GICV3_TRIGGER_MESSAGE), -EINVAL);
	EXPECT_EQ(set_trigger(40, -1), -EINVAL);
	EXPECT_EQ(set_trigger(40, 6), -EINVAL);
	EXPECT_EQ(set_trigger(5, GICV3_TRIGGER_LEVEL_HIGH), -EINVAL);
	EXPECT_EQ(set_trigger(40, GICV3_TRIGGER_EDGE_RISING), 0);
	EXPECT_EQ(set_trigger(40, GICV3_TRIGGER_LEVEL_HIGH), 0);
}

TEST(dev_gicv3, the_timer_is_the_runtimes)
{
	static const unsigned long cmds[] = {
		GICV3_IOCTL_ENABLE_IRQ,     GICV3_IOCTL_DISABLE_IRQ,
		GICV3_IOCTL_DEREGISTER_ISR, GICV3_IOCTL_ASSERT_IRQ,
		GICV3_IOCTL_CLEAR_IRQ,
	};

	setup();
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		EXPECT_EQ(ioctl_irq(cmds[i], GICV3_INTID_TIMER), -EBUSY);
	EXPECT_EQ(register_isr(GICV3_INTID_TIMER, isr_record, NULL), -EBUSY);
	EXPECT_EQ(set_trigger(GICV3_INTID_TIMER, GICV3_TRIGGER_LEVEL_HIGH),
	          -EBUSY);
	EXPECT_EQ(fake.nwrites, 2); // bringing the GIC up
}

TEST(dev_gicv3, register_twice_and_deregister)
{
	setup();
	EXPECT_EQ(ioctl_irq(GICV3_IOCTL_DEREGISTER_ISR, 40), -ENOENT);
	EXPECT_EQ(register_isr(40, isr_record, NULL), 0);
	EXPECT_EQ(register_isr(40, isr_record, NULL), -EBUSY);
	EXPECT_EQ(register_isr(40, isr_refuse, NULL), -EBUSY);
	EXPECT_EQ(ioctl_irq(GICV3_IOCTL_ENABLE_IRQ, 40), 0);
	EXPECT_EQ(ioctl_irq(GICV3_IOCTL_DEREGISTER_ISR, 40), 0);
	EXPECT_FALSE(fake_gic_enabled(40));
	EXPECT_EQ(ioctl_irq(GICV3_IOCTL_DEREGISTER_ISR, 40), -ENOENT);
	EXPECT_EQ(register_isr(40, isr_record, NULL), 0);
}

TEST(dev_gicv3, table_full)
{
	setup();
	for (uint32_t i = 0; i < RT_IRQ_SLOTS; i++)
		ASSERT_EQ(register_isr(48 + i, isr_record, NULL), 0);
	EXPECT_EQ(register_isr(48 + RT_IRQ_SLOTS, isr_record, NULL), -ENOMEM);
	EXPECT_TRUE(log_has("RT_IRQ_SLOTS"));
	EXPECT_EQ(ioctl_irq(GICV3_IOCTL_DEREGISTER_ISR, 50), 0);
	EXPECT_EQ(register_isr(48 + RT_IRQ_SLOTS, isr_record, NULL), 0);
}

TEST(dev_gicv3, assert_and_clear)
{
	setup();
	EXPECT_EQ(ioctl_irq(GICV3_IOCTL_ASSERT_IRQ, 40), 0);
	EXPECT_TRUE(fake_gic_pending(40));
	EXPECT_EQ(ioctl_irq(GICV3_IOCTL_CLEAR_IRQ, 40), 0);
	EXPECT_FALSE(fake_gic_pending(40));
	EXPECT_EQ(ioctl_irq(GICV3_IOCTL_ASSERT_IRQ, 7), 0);
	EXPECT_TRUE(fake_gic_pending(7));
	EXPECT_EQ(fake.nsgi, 1);
}

// ---- dispatch ----

// What the entry code and the app do with the ISRs that become due
// (src/syscall/entry.c, rt/upcall.h): each runs on the way back to the
// app, and its rt_sigreturn hands its result to irq_isr_done, which goes
// on with the dispatch loop. Nested: an ISR's wait that ends with an
// interrupt runs that interrupt's ISR on its way back.
static void
run_due_isrs(void)
{
	struct irq_isr isr;

	while (irq_take(&isr)) {
		bool (*fn)(uint32_t, void *) =
		    (bool (*)(uint32_t, void *))isr.fn;

		irq_isr_done(isr.intid, fn(isr.intid, isr.data));
	}
}

// The IRQ exception, from the app's main line.
static void
take_irq(void)
{
	irq_vector_handle();
	run_due_isrs();
}

// A sleep or ppoll of the app (or of an ISR): -EINTR if an interrupt
// ended it, whose ISR then runs.
static bool
app_wait(uint64_t deadline)
{
	if (!irq_wait(deadline))
		return false;
	run_due_isrs();
	return true;
}

TEST(irq, dispatch_calls_the_isr_with_its_data)
{
	int token;
	struct irq_isr isr;

	setup();
	add_isr(40, isr_record, &token);
	ASSERT_EQ(ioctl_irq(GICV3_IOCTL_ASSERT_IRQ, 40), 0);
	irq_vector_handle();
	// Due, not run: the entry code starts it on the way back.
	EXPECT_EQ(seen.calls, 0);
	ASSERT_TRUE(irq_take(&isr));
	EXPECT_EQ(isr.intid, 40);
	EXPECT_EQ(isr.fn, (void *)isr_record);
	EXPECT_EQ(isr.data, &token);
	EXPECT_FALSE(irq_take(&isr));
	irq_isr_done(40, true);
	EXPECT_FALSE(irq_take(&isr));
	EXPECT_EQ(fake.eois, 1);
	EXPECT_TRUE(fake_gic_enabled(40));
	EXPECT_FALSE(fake_gic_pending(40));

	// An SGI to ourselves takes the same path.
	add_isr(2, isr_record, NULL);
	ASSERT_EQ(ioctl_irq(GICV3_IOCTL_ASSERT_IRQ, 2), 0);
	take_irq();
	EXPECT_EQ(seen.calls, 1);
	EXPECT_EQ(seen.intid, 2);
}

// The ISR runs after the EOI: nothing of its interrupt is active, and the
// running priority is back to idle, so that it may take others.
static uint8_t prio_in_isr;
static bool active_in_isr;

static bool
isr_sees_the_gic(uint32_t intid, void *data)
{
	(void)data;
	seen.calls++;
	prio_in_isr = fake_running_priority();
	active_in_isr = fake.active[intid];
	return true;
}

TEST(irq, isr_runs_after_the_priority_drop)
{
	setup();
	add_isr(40, isr_sees_the_gic, NULL);
	fake_gic_raise(40);
	take_irq();
	ASSERT_EQ(seen.calls, 1);
	EXPECT_EQ(prio_in_isr, FAKE_PRIO_IDLE);
	EXPECT_FALSE(active_in_isr);
	EXPECT_EQ(fake.eois, 1);
}

static uint32_t order[8];
static unsigned norder;

static bool
isr_in_order(uint32_t intid, void *data)
{
	(void)data;
	seen.calls++;
	if (norder < 8)
		order[norder++] = intid;
	return true;
}

TEST(irq, dispatch_takes_everything_pending)
{
	setup();
	norder = 0;
	add_isr(40, isr_in_order, NULL);
	add_isr(41, isr_in_order, NULL);
	add_isr(33, isr_in_order, NULL);
	fake_gic_raise(40);
	fake_gic_raise(41);
	fake_gic_raise(33);
	take_irq();
	EXPECT_EQ(seen.calls, 3);
	EXPECT_EQ(fake.eois, 3);
	// One priority: the GIC gives the lowest INTID first.
	EXPECT_EQ(order[0], 33);
	EXPECT_EQ(order[1], 40);
	EXPECT_EQ(order[2], 41);
	EXPECT_EQ(fake.nrunning, 0);
}

TEST(irq, isr_returning_false_disables)
{
	setup();
	add_isr(41, isr_refuse, NULL);
	fake_gic_raise(41);
	take_irq();
	EXPECT_EQ(seen.calls, 1);
	EXPECT_FALSE(fake_gic_enabled(41));
	fake_gic_raise(41);
	take_irq();
	EXPECT_EQ(seen.calls, 1);
	// It stays registered: enabling it again brings it back.
	EXPECT_EQ(ioctl_irq(GICV3_IOCTL_ENABLE_IRQ, 41), 0);
	take_irq();
	EXPECT_EQ(seen.calls, 2);
}

TEST(irq, interrupt_without_isr_is_disabled_and_logged)
{
	struct irq_isr isr;

	setup();
	ASSERT_EQ(ioctl_irq(GICV3_IOCTL_ENABLE_IRQ, 42), 0);
	fake_gic_raise(42);
	irq_vector_handle();
	EXPECT_FALSE(irq_take(&isr));
	EXPECT_FALSE(fake_gic_enabled(42));
	EXPECT_TRUE(log_has("INTID 42 has no ISR"));
	EXPECT_EQ(fake.eois, 1);
}

// Deregistered after it was taken, before its ISR started: nothing runs,
// and the interrupt itself is over.
TEST(irq, isr_deregistered_while_due_does_not_run)
{
	struct irq_isr isr;

	setup();
	add_isr(40, isr_record, NULL);
	fake_gic_raise(40);
	irq_vector_handle();
	ASSERT_EQ(ioctl_irq(GICV3_IOCTL_DEREGISTER_ISR, 40), 0);
	EXPECT_FALSE(irq_take(&isr));
	EXPECT_EQ(fake.nrunning, 0);
	add_isr(41, isr_record, NULL);
	fake_gic_raise(41);
	take_irq();
	EXPECT_EQ(seen.calls, 1);
	EXPECT_EQ(seen.intid, 41);
}

TEST(irq, storm_is_stopped)
{
	setup();
	add_isr(43, isr_record, NULL);
	ASSERT_EQ(set_trigger(43, GICV3_TRIGGER_LEVEL_HIGH), 0);
	fake_gic_line(43, true);
	take_irq();
	EXPECT_EQ(seen.calls, RT_IRQ_STORM_LIMIT);
	EXPECT_FALSE(fake_gic_enabled(43));
	EXPECT_TRUE(log_has("INTID 43 fired"));
	EXPECT_EQ(fake.eois, fake.acks - 1);
	EXPECT_EQ(fake.nrunning, 0);
}

// An edge interrupt is one event per rising edge, however long its line
// stays high afterwards.
TEST(irq, edge_line_held_high_fires_once)
{
	setup();
	add_isr(43, isr_record, NULL);
	fake_gic_line(43, true);
	take_irq();
	EXPECT_EQ(seen.calls, 1);
	EXPECT_TRUE(fake_gic_enabled(43));
	fake_gic_line(43, false);
	fake_gic_line(43, true);
	take_irq();
	EXPECT_EQ(seen.calls, 2);
}

// A level interrupt's EOI waits for its ISR: EOIed while its source is
// still asserted it would be pending again at once. An edge one's comes
// first (isr_runs_after_the_priority_drop).
TEST(irq, level_isr_runs_before_its_eoi)
{
	setup();
	add_isr(43, isr_sees_the_gic, NULL);
	ASSERT_EQ(set_trigger(43, GICV3_TRIGGER_LEVEL_HIGH), 0);
	fake_gic_raise(43);
	fake_gic_line(43, true);
	irq_vector_handle();
	ASSERT_EQ(fake.eois, 0);
	run_due_isrs();
	EXPECT_EQ(seen.calls, RT_IRQ_STORM_LIMIT);
	EXPECT_TRUE(active_in_isr);
	EXPECT_EQ(prio_in_isr, GICV3_PRIO_APP);
	EXPECT_EQ(fake.nrunning, 0);
}

TEST(irq, isr_that_clears_its_line_is_no_storm)
{
	setup();
	seen.lower_every = 3;
	add_isr(43, isr_lower, NULL);
	ASSERT_EQ(set_trigger(43, GICV3_TRIGGER_LEVEL_HIGH), 0);
	fake_gic_line(43, true);
	take_irq();
	EXPECT_EQ(seen.calls, 3);
	EXPECT_TRUE(fake_gic_enabled(43));
	EXPECT_FALSE(log_has("fired"));
}

// The ISR lowers its line with a store the GIC may see late
// (fake.posted_writes): its level interrupt's EOI must wait for it (dsb),
// or the GIC, still seeing the line up, hands the interrupt straight back.
TEST(irq, level_eoi_comes_after_the_isrs_device_write)
{
	setup();
	fake.posted_writes = true;
	seen.lower_every = 1;
	add_isr(43, isr_lower, NULL);
	ASSERT_EQ(set_trigger(43, GICV3_TRIGGER_LEVEL_HIGH), 0);
	fake_gic_line(43, true);
	take_irq();
	EXPECT_EQ(seen.calls, 1);
	EXPECT_EQ(fake.taken[43], 1);
	EXPECT_EQ(fake.dsbs, 1);
	EXPECT_EQ(fake.nrunning, 0);
}

// An edge interrupt is EOIed before its ISR runs: no barrier.
TEST(irq, edge_eoi_needs_no_barrier)
{
	setup();
	fake.posted_writes = true;
	add_isr(43, isr_record, NULL);
	fake_gic_raise(43);
	take_irq();
	EXPECT_EQ(seen.calls, 1);
	EXPECT_EQ(fake.dsbs, 0);
}

TEST(irq, storm_count_is_per_dispatch)
{
	setup();
	seen.lower_every = RT_IRQ_STORM_LIMIT - 1;
	add_isr(44, isr_lower, NULL);
	ASSERT_EQ(set_trigger(44, GICV3_TRIGGER_LEVEL_HIGH), 0);
	for (unsigned i = 1; i <= 3; i++) {
		fake_gic_line(44, true);
		take_irq();
		EXPECT_EQ(seen.calls, i * (RT_IRQ_STORM_LIMIT - 1));
	}
	EXPECT_TRUE(fake_gic_enabled(44));
}

// A GICv3 may take a disable late, until RWP reads 0 (fake.rwp_lag): each
// path that disables an interrupt and then EOIs or acknowledges waits for
// it, or a level interrupt whose line is still up would be taken once
// more.
TEST(irq, refused_level_interrupt_is_not_taken_again)
{
	setup();
	fake.rwp_lag = true;
	add_isr(43, isr_refuse, NULL);
	ASSERT_EQ(set_trigger(43, GICV3_TRIGGER_LEVEL_HIGH), 0);
	fake_gic_line(43, true);
	take_irq();
	EXPECT_EQ(seen.calls, 1);
	EXPECT_EQ(fake.taken[43], 1);
	EXPECT_FALSE(fake_gic_enabled(43));
	EXPECT_EQ(fake.nrunning, 0);
}

TEST(irq, storm_disable_lands_before_the_eoi)
{
	setup();
	fake.rwp_lag = true;
	add_isr(43, isr_record, NULL);
	ASSERT_EQ(set_trigger(43, GICV3_TRIGGER_LEVEL_HIGH), 0);
	fake_gic_line(43, true);
	take_irq();
	EXPECT_EQ(seen.calls, RT_IRQ_STORM_LIMIT);
	// The ISR's runs, and the one taken past the limit.
	EXPECT_EQ(fake.taken[43], RT_IRQ_STORM_LIMIT + 1);
	EXPECT_FALSE(fake_gic_enabled(43));
}

TEST(irq, level_interrupt_without_isr_is_taken_once)
{
	struct irq_isr isr;

	setup();
	fake.rwp_lag = true;
	ASSERT_EQ(set_trigger(42, GICV3_TRIGGER_LEVEL_HIGH), 0);
	ASSERT_EQ(ioctl_irq(GICV3_IOCTL_ENABLE_IRQ, 42), 0);
	fake_gic_line(42, true);
	irq_vector_handle();
	EXPECT_FALSE(irq_take(&isr));
	EXPECT_EQ(fake.taken[42], 1);
	EXPECT_FALSE(fake_gic_enabled(42));
	EXPECT_EQ(fake.nrunning, 0);
}

// Waits with its own level line up, then lowers it.
static bool
isr_waits_then_lowers(uint32_t intid, void *data)
{
	(void)data;
	seen.calls++;
	EXPECT_FALSE(app_wait(fake.counter + 10));
	fake_gic_line(intid, false);
	return true;
}

TEST(irq, level_interrupt_put_off_is_taken_once_while_its_isr_runs)
{
	setup();
	fake.rwp_lag = true;
	add_isr(45, isr_waits_then_lowers, NULL);
	ASSERT_EQ(set_trigger(45, GICV3_TRIGGER_LEVEL_HIGH), 0);
	fake_gic_line(45, true);
	take_irq();
	EXPECT_EQ(seen.calls, 1);
	// For the ISR, then once in its wait, put off and disabled.
	EXPECT_EQ(fake.taken[45], 2);
	EXPECT_TRUE(fake_gic_enabled(45));
	EXPECT_EQ(fake.nrunning, 0);
}

TEST(irq, timer_interrupt_is_not_the_apps)
{
	struct irq_isr isr;

	setup();
	ASSERT_EQ(gicv3_enable(GICV3_INTID_TIMER), 0);
	fake.timer_armed = true;
	fake.timer_cval = 0;
	irq_vector_handle();
	EXPECT_FALSE(irq_take(&isr));
	EXPECT_FALSE(fake.timer_armed);
	EXPECT_TRUE(fake_gic_enabled(GICV3_INTID_TIMER));
	EXPECT_EQ(fake.eois, 1);
	EXPECT_FALSE(log_has("no ISR"));
}

// Under Gunyah an EOI of a level interrupt whose source is still up lists
// it again, pending whatever the line does next (fake.relist_at_eoi): the
// runtime's timer, which has no ISR, is disarmed before its EOI, or it
// would be taken a second time for nothing.
TEST(irq, timer_is_disarmed_before_its_eoi)
{
	struct irq_isr isr;

	setup();
	fake.relist_at_eoi = true;
	ASSERT_EQ(gicv3_enable(GICV3_INTID_TIMER), 0);
	fake.timer_armed = true;
	fake.timer_cval = 0;
	irq_vector_handle();
	EXPECT_FALSE(irq_take(&isr));
	EXPECT_FALSE(fake.timer_armed);
	EXPECT_EQ(fake.taken[GICV3_INTID_TIMER], 1);
	EXPECT_EQ(fake.eois, 1);
}

// ---- the fake GIC's priorities, which the tests above rely on ----

TEST(gic_model, an_interrupt_not_eoied_holds_back_its_priority)
{
	setup();
	add_isr(40, isr_record, NULL);
	add_isr(41, isr_record, NULL);
	fake_gic_raise(40);
	ASSERT_EQ(arch_icc_ack(), 40);
	EXPECT_EQ(fake_running_priority(), GICV3_PRIO_APP);
	// What an ISR that ran before the EOI would have waited for in vain.
	fake_gic_raise(41);
	EXPECT_FALSE(fake_irq_signalled());
	EXPECT_EQ(arch_icc_ack(), 1023);
	// A higher priority still comes through, and nests.
	ASSERT_EQ(gicv3_configure(GICV3_INTID_TIMER, PRIO_ABOVE_APP), 0);
	ASSERT_EQ(gicv3_enable(GICV3_INTID_TIMER), 0);
	ASSERT_EQ(fake_gic_priority(GICV3_INTID_TIMER), PRIO_ABOVE_APP);
	fake.timer_armed = true;
	fake.timer_cval = 0;
	ASSERT_EQ(arch_icc_ack(), GICV3_INTID_TIMER);
	EXPECT_EQ(fake_running_priority(), PRIO_ABOVE_APP);
	arch_timer_disarm();
	arch_icc_eoi(GICV3_INTID_TIMER);
	EXPECT_EQ(arch_icc_ack(), 1023);
	arch_icc_eoi(40);
	EXPECT_EQ(fake_running_priority(), FAKE_PRIO_IDLE);
	EXPECT_TRUE(fake_irq_signalled());
	EXPECT_EQ(arch_icc_ack(), 41);
	arch_icc_eoi(41);
	EXPECT_FALSE(fake.active[40] || fake.active[41]);
}

TEST(gic_model, pmr_masks_lower_priorities)
{
	setup();
	add_isr(40, isr_record, NULL);
	fake_gic_raise(40);
	fake.pmr = GICV3_PRIO_APP;
	EXPECT_EQ(arch_icc_ack(), 1023);
	fake.pmr = GICV3_PRIO_APP + 1;
	EXPECT_EQ(arch_icc_ack(), 40);
	arch_icc_eoi(40);
}

// ---- irq_wait ----

static unsigned raise_at;

static void
raise_44(unsigned n)
{
	if (n == raise_at)
		fake_gic_raise(44);
}

static void
enable_and_raise_45(unsigned n)
{
	(void)n;
	ASSERT_EQ(register_isr(45, isr_record, NULL), 0);
	ASSERT_EQ(ioctl_irq(GICV3_IOCTL_ENABLE_IRQ, 45), 0);
	fake_gic_raise(45);
}

static void
raise_46(unsigned n)
{
	if (n == 1)
		fake_gic_raise(46);
}

// A deadline needs no timer interrupt: the event stream wakes the wait,
// which watches the counter. With nothing pending, the GIC is not asked
// (every acknowledge is a trapped access under Gunyah).
TEST(irq, wait_until_the_deadline)
{
	setup();
	fake.counter = 1000;
	fake_clear_writes();
	EXPECT_FALSE(irq_wait(1500));
	EXPECT_TRUE(fake.counter >= 1500);
	EXPECT_EQ(fake.wfes, 1);
	EXPECT_EQ(fake.acks, 0);
	EXPECT_EQ(fake.nwrites + fake.nreads, 0);
	EXPECT_FALSE(fake_gic_enabled(GICV3_INTID_TIMER));
	// A long one too.
	fake.idle_waits = 0;
	EXPECT_FALSE(irq_wait(fake.counter + 100 * (uint64_t)FAKE_COUNTER_HZ));
	EXPECT_EQ(fake.acks, 0);
}

TEST(irq, wait_past_the_deadline_returns_at_once)
{
	setup();
	fake.counter = 2000;
	EXPECT_FALSE(irq_wait(1500));
	EXPECT_EQ(fake.wfes, 0);
}

TEST(irq, wait_ends_with_an_app_interrupt)
{
	struct irq_isr isr;

	setup();
	add_isr(44, isr_record, NULL);
	fake.wfi_hook = raise_44;
	raise_at = 3;
	EXPECT_TRUE(irq_wait(IRQ_WAIT_FOREVER));
	EXPECT_EQ(fake.wfes, 3);
	// Its ISR is due: it runs on the way back to the app, not here.
	EXPECT_EQ(seen.calls, 0);
	ASSERT_TRUE(irq_take(&isr));
	EXPECT_EQ(isr.intid, 44);
	irq_isr_done(44, true);

	// Before the deadline.
	fake.wfes = 0;
	raise_at = 1;
	EXPECT_TRUE(app_wait(fake.counter + 1000000));
	EXPECT_EQ(seen.calls, 1);
	EXPECT_TRUE(fake.counter < 1000000);
}

TEST(irq, wait_with_an_isr_already_due_returns_at_once)
{
	setup();
	add_isr(44, isr_record, NULL);
	fake_gic_raise(44);
	irq_vector_handle();
	EXPECT_TRUE(irq_wait(IRQ_WAIT_FOREVER));
	EXPECT_EQ(fake.wfes, 0);
	run_due_isrs();
	EXPECT_EQ(seen.calls, 1);
}

TEST(irq, wait_for_nothing_is_logged)
{
	setup();
	fake.wfi_hook = enable_and_raise_45;
	EXPECT_TRUE(app_wait(IRQ_WAIT_FOREVER));
	EXPECT_TRUE(log_has("none enabled"));
	EXPECT_EQ(seen.calls, 1);
}

TEST(irq, isr_that_waits)
{
	setup();
	add_isr(46, isr_sleeps, NULL);
	fake.wfi_hook = raise_46;
	EXPECT_TRUE(app_wait(1000));
	EXPECT_EQ(seen.calls, 1);
}

// An ISR that waits for another interrupt of its own priority (RM's
// ppoll(NULL, 0, NULL) in an ISR): it must get it. Had the runtime EOIed
// after the ISR, 40 would still be running at the app's priority and 41
// never taken: the fake's wait would fail the test.
static unsigned isr41_in_40;
static bool in_40;

static bool
isr_41(uint32_t intid, void *data)
{
	(void)intid;
	(void)data;
	isr41_in_40 += in_40;
	return true;
}

static void
raise_41(unsigned n)
{
	if (n == 2)
		fake_gic_raise(41);
}

static bool
isr_40_waits_for_41(uint32_t intid, void *data)
{
	(void)intid;
	(void)data;
	in_40 = true;
	fake.wfi_hook = raise_41;
	fake.wfes = 0;
	EXPECT_TRUE(app_wait(IRQ_WAIT_FOREVER));
	in_40 = false;
	return true;
}

TEST(irq, isr_that_waits_for_another_interrupt_gets_it)
{
	setup();
	isr41_in_40 = 0;
	add_isr(40, isr_40_waits_for_41, NULL);
	add_isr(41, isr_41, NULL);
	fake_gic_raise(40);
	take_irq();
	EXPECT_EQ(isr41_in_40, 1);
	EXPECT_EQ(fake.nrunning, 0);
	EXPECT_TRUE(fake_gic_enabled(40) && fake_gic_enabled(41));
}

// ---- /dev/console and the tty ----

static char sink[1024];
static size_t sink_len;
static unsigned sink_calls;

static void
sink_fn(const char *s, size_t n)
{
	ASSERT_TRUE(sink_len + n < sizeof(sink));
	memcpy(sink + sink_len, s, n);
	sink_len += n;
	sink[sink_len] = '\0';
	sink_calls++;
}

static long
tty_write(const char *s)
{
	struct fd_file f = { .ops = &dev_tty_ops };

	return dev_tty_ops.write(&f, s, strlen(s));
}

// Writes to stdout from inside the console function.
static void
sink_fn_echoes(const char *s, size_t n)
{
	sink_fn(s, n);
	EXPECT_EQ(tty_write("[echo]"), 6);
}

static long
console_register(void (*fn)(const char *, size_t))
{
	struct console_register_req req = { .fn = fn };

	sink_len = 0;
	sink[0] = '\0';
	sink_calls = 0;
	return fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_REGISTER,
	                  (unsigned long)&req);
}

static long
console_prefix(const char *p)
{
	return fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_SET_PREFIX,
	                  (unsigned long)p);
}

TEST(console, errors)
{
	struct console_register_req req = { .fn = NULL };

	setup();
	EXPECT_FALSE(console_registered());
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_DEREGISTER, 0),
	          -ENOENT);
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_REGISTER, 0), -EFAULT);
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_REGISTER,
	                     (unsigned long)FAKE_FOREIGN),
	          -EFAULT);
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_REGISTER,
	                     (unsigned long)&req),
	          -EINVAL);
	req.fn = (void (*)(const char *, size_t))(void *)FAKE_FOREIGN;
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_REGISTER,
	                     (unsigned long)&req),
	          -EFAULT);
	// Data, not code; or not an instruction's address.
	req.fn = (void (*)(const char *, size_t))(void *)FAKE_DATA;
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_REGISTER,
	                     (unsigned long)&req),
	          -EFAULT);
	req.fn = (void (*)(const char *, size_t))(void *)(FAKE_RODATA + 64 + 1);
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_REGISTER,
	                     (unsigned long)&req),
	          -EFAULT);
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, 0x40084303, 0), -ENOTTY);
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, 0x5413, 0), -ENOTTY);
	EXPECT_FALSE(console_registered());

	EXPECT_EQ(console_register(sink_fn), 0);
	EXPECT_TRUE(console_registered());
	EXPECT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_DEREGISTER, 0), 0);
	EXPECT_FALSE(console_registered());
}

TEST(console, prefix_errors)
{
	setup();
	EXPECT_EQ(console_prefix(NULL), -EFAULT);
	EXPECT_EQ(console_prefix(FAKE_FOREIGN), -EFAULT);
	EXPECT_EQ(console_prefix("0123456789abcdef"), -EINVAL);
	EXPECT_EQ(console_prefix("0123456789abcde"), 0);
	// Runs out of app memory before its NUL.
	memcpy(FAKE_FOREIGN - 4, "abcd", 4);
	EXPECT_EQ(console_prefix(FAKE_FOREIGN - 4), -EFAULT);
	// Ends just before it.
	memcpy(FAKE_FOREIGN - 4, "abc", 4);
	EXPECT_EQ(console_prefix(FAKE_FOREIGN - 4), 0);
	// Read-only memory is fine to read from.
	memcpy(FAKE_RODATA, "ro> ", 5);
	EXPECT_EQ(console_prefix(FAKE_RODATA), 0);
}

TEST(console, prefix_at_each_line_start)
{
	setup();
	ASSERT_EQ(console_register(sink_fn), 0);
	ASSERT_EQ(console_prefix("rm: "), 0);
	EXPECT_EQ(tty_write("a\nb"), 3);
	EXPECT_EQ(tty_write("c\n"), 2);
	EXPECT_EQ(tty_write("\n\nd"), 3);
	EXPECT_STREQ(sink, "rm: a\nrm: bc\nrm: \nrm: \nrm: d");
	// The log ring gets the app's text as written.
	EXPECT_STREQ(fake_log_text(), "a\nbc\n\n\nd");

	// A new prefix from the next line on.
	ASSERT_EQ(console_prefix("vm> "), 0);
	EXPECT_EQ(tty_write("e\nf\n"), 4);
	EXPECT_STREQ(sink, "rm: a\nrm: bc\nrm: \nrm: \nrm: de\nvm> f\n");
}

TEST(console, without_prefix_a_write_is_one_call)
{
	setup();
	ASSERT_EQ(console_register(sink_fn), 0);
	EXPECT_EQ(tty_write("one\ntwo\nthree"), 13);
	EXPECT_EQ(sink_calls, 1);
	ASSERT_EQ(console_prefix("> "), 0);
	EXPECT_EQ(tty_write("\n"), 1);
	EXPECT_STREQ(sink, "one\ntwo\nthree\n");
}

TEST(console, registering_starts_a_line)
{
	setup();
	ASSERT_EQ(console_prefix("p "), 0);
	ASSERT_EQ(console_register(sink_fn), 0);
	EXPECT_EQ(tty_write("half"), 4);
	ASSERT_EQ(console_register(sink_fn), 0);
	EXPECT_EQ(tty_write("x\n"), 2);
	EXPECT_STREQ(sink, "p x\n");
}

TEST(console, function_that_writes_stdout)
{
	setup();
	ASSERT_EQ(console_register(sink_fn_echoes), 0);
	EXPECT_EQ(tty_write("hi\n"), 3);
	EXPECT_STREQ(sink, "hi\n");
	EXPECT_STREQ(fake_log_text(), "hi\n[echo]");
}

// The console function is app code: it runs on the app's stack, below the
// sp of the code that wrote, with room for the FP/SIMD save area.
TEST(console, function_runs_below_the_apps_sp)
{
	setup();
	ASSERT_EQ(console_register(sink_fn), 0);
	EXPECT_EQ(tty_write("x"), 1);
	ASSERT_EQ(sink_calls, 1);
	EXPECT_EQ(fake.calls, 1);
	EXPECT_TRUE(fake.call_sp + sizeof(struct arch_fp_state) <= fake.app_sp);
	EXPECT_EQ(fake.call_sp % 16, 0);
	// Nothing left of the call afterwards.
	EXPECT_EQ(upcall_depth(), 0);
}

// Where the app's stack has no room left, the console function is not
// called; the text still reaches the log.
TEST(console, no_room_on_the_apps_stack)
{
	setup();
	ASSERT_EQ(console_register(sink_fn), 0);
	fake.app_sp = (uintptr_t)fake_app_stack + 512;
	EXPECT_EQ(tty_write("lost\n"), 5);
	EXPECT_EQ(sink_calls, 0);
	EXPECT_STREQ(fake_log_text(), "lost\n");
}

TEST(console, deregistered_console_gets_nothing)
{
	setup();
	ASSERT_EQ(console_register(sink_fn), 0);
	ASSERT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_DEREGISTER, 0), 0);
	EXPECT_EQ(tty_write("quiet\n"), 6);
	EXPECT_EQ(sink_calls, 0);
	EXPECT_STREQ(fake_log_text(), "quiet\n");
}

static long
tty_ioctl(unsigned long cmd, unsigned long arg)
{
	struct fd_file f = { .ops = &dev_tty_ops };

	return dev_tty_ops.ioctl(&f, cmd, arg);
}

TEST(tty, write_and_read)
{
	struct fd_file f = { .ops = &dev_tty_ops };
	char buf[8];

	setup();
	// write and writev check the buffer before they call the tty.
	EXPECT_EQ(dev_tty_ops.write(&f, NULL, 0), 0);
	EXPECT_STREQ(fake_log_text(), "");
	EXPECT_EQ(dev_tty_ops.read(&f, buf, sizeof(buf)), 0);
	EXPECT_TRUE(dev_tty_ops.path == NULL);
}

TEST(tty, window_size)
{
	struct winsize ws;

	setup();
	EXPECT_EQ(TIOCGWINSZ, TTY_IOCTL_GETWINSZ);
	memset(&ws, 0xff, sizeof(ws));
	EXPECT_EQ(tty_ioctl(TIOCGWINSZ, (unsigned long)&ws), 0);
	EXPECT_EQ(ws.ws_row, 24);
	EXPECT_EQ(ws.ws_col, 80);
	EXPECT_EQ(ws.ws_xpixel, 0);
	EXPECT_EQ(ws.ws_ypixel, 0);
	EXPECT_EQ(tty_ioctl(TIOCGWINSZ, 0), -EFAULT);
	EXPECT_EQ(tty_ioctl(TIOCGWINSZ, (unsigned long)FAKE_FOREIGN), -EFAULT);
	// The runtime does not write into the app's read-only memory.
	EXPECT_EQ(tty_ioctl(TIOCGWINSZ, (unsigned long)FAKE_RODATA), -EFAULT);
	EXPECT_EQ(tty_ioctl(TCGETS, (unsigned long)&ws), -ENOTTY);
	EXPECT_EQ(tty_ioctl(0x40044900, (unsigned long)&ws), -ENOTTY);
}

static _Alignas(8) char new_ring[8 + 256];

TEST(tty, setbuf_moves_the_log)
{
	struct tty_setbuf_req req = {
		.buf = (uintptr_t)new_ring,
		.size = sizeof(new_ring),
	};

	setup();
	EXPECT_EQ(tty_write("before\n"), 7);
	ASSERT_EQ(tty_ioctl(TIOCSETBUF, (unsigned long)&req), 0);
	EXPECT_EQ((void *)log_current(), (void *)new_ring);
	EXPECT_EQ(log_total_size(log_current()), sizeof(new_ring));
	EXPECT_EQ(tty_write("after\n"), 6);
	EXPECT_STREQ(log_current()->buf, "before\nafter\n");
}

// An app printing its own log: the console gets the text as it was, though
// storing it in the ring overwrites it there.
TEST(tty, write_of_text_from_the_log_itself)
{
	struct tty_setbuf_req req = {
		.buf = (uintptr_t)new_ring,
		.size = 8 + 16,
	};
	struct fd_file f = { .ops = &dev_tty_ops };
	struct log_ring *r = (struct log_ring *)(void *)new_ring;

	setup();
	ASSERT_EQ(tty_ioctl(TIOCSETBUF, (unsigned long)&req), 0);
	ASSERT_EQ(console_register(sink_fn), 0);
	EXPECT_EQ(tty_write("0123456789abcde"), 15);
	sink_len = 0;
	// "01234567" at buf[0], stored at buf[15] and from buf[0] on: once
	// stored, buf[0..8) reads "1234567" and a NUL.
	EXPECT_EQ(dev_tty_ops.write(&f, r->buf, 8), 8);
	EXPECT_STREQ(sink, "01234567");
	EXPECT_EQ(r->write_idx, 7);
	EXPECT_EQ(memcmp(r->buf, "1234567", 8), 0);
}

TEST(tty, setbuf_errors)
{
	struct log_ring *before;
	struct tty_setbuf_req req = { .buf = 0, .size = sizeof(new_ring) };

	setup();
	before = log_current();
	EXPECT_EQ(tty_ioctl(TIOCSETBUF, 0), -EFAULT);
	EXPECT_EQ(tty_ioctl(TIOCSETBUF, (unsigned long)FAKE_FOREIGN), -EFAULT);
	EXPECT_EQ(tty_ioctl(TIOCSETBUF, (unsigned long)&req), -EINVAL);
	req.buf = (uintptr_t)new_ring;
	req.size = TTY_LOG_HEADER_SIZE + 1;
	EXPECT_EQ(tty_ioctl(TIOCSETBUF, (unsigned long)&req), -EINVAL);
	req.buf = (uintptr_t)FAKE_FOREIGN;
	req.size = FAKE_FOREIGN_SIZE;
	EXPECT_EQ(tty_ioctl(TIOCSETBUF, (unsigned long)&req), -EFAULT);
	req.buf = (uintptr_t)FAKE_FOREIGN - 16;
	EXPECT_EQ(tty_ioctl(TIOCSETBUF, (unsigned long)&req), -EFAULT);
	req.buf = (uintptr_t)FAKE_RODATA;
	EXPECT_EQ(tty_ioctl(TIOCSETBUF, (unsigned long)&req), -EFAULT);
	req.buf = (uintptr_t)new_ring + 1;
	req.size = sizeof(new_ring) - 1;
	EXPECT_EQ(tty_ioctl(TIOCSETBUF, (unsigned long)&req), -EINVAL);
	EXPECT_EQ((void *)log_current(), (void *)before);
}

// ---- /dev/exit ----

static jmp_buf stop_env;
static int hook_status;
static unsigned hook_calls;

static void
hook(int status)
{
	hook_calls++;
	hook_status = status;
}

static void
hook_that_exits(int status)
{
	hook_calls++;
	exit_app(status + 1);
}

static long
exit_register(void (*fn)(int))
{
	struct exit_register_req req = { .fn = fn };

	hook_calls = 0;
	hook_status = -1;
	return fake_ioctl(EXIT_PATH, EXIT_IOCTL_REGISTER, (unsigned long)&req);
}

static bool
exit_stops(int status)
{
	fake.stop_jmp = &stop_env;
	if (setjmp(stop_env) == 0) {
		exit_app(status);
		return false;
	}
	fake.stop_jmp = NULL;
	return true;
}

TEST(exit, hook_gets_the_status)
{
	setup();
	ASSERT_EQ(exit_register(hook), 0);
	ASSERT_TRUE(exit_stops(7));
	EXPECT_EQ(hook_calls, 1);
	EXPECT_EQ(hook_status, 7);
	EXPECT_EQ(fake.stop_status, 7);
	EXPECT_EQ(fake.stop_flags, 0);
	EXPECT_EQ(fake.stops, 1);
}

TEST(exit, console_flag)
{
	setup();
	ASSERT_EQ(console_register(sink_fn), 0);
	ASSERT_TRUE(exit_stops(3));
	EXPECT_EQ(fake.stop_status, 3);
	EXPECT_EQ(fake.stop_flags, RT_STOP_CONSOLE);
}

TEST(exit, hook_that_exits_stops_once)
{
	setup();
	ASSERT_EQ(exit_register(hook_that_exits), 0);
	ASSERT_TRUE(exit_stops(4));
	EXPECT_EQ(hook_calls, 1);
	EXPECT_EQ(fake.stop_status, 5);
	EXPECT_EQ(fake.stops, 1);
}

TEST(exit, status_is_a_byte)
{
	setup();
	ASSERT_TRUE(exit_stops(0x1ff));
	EXPECT_EQ(fake.stop_status, 0xff);
	ASSERT_TRUE(exit_stops(-1));
	EXPECT_EQ(fake.stop_status, 0xff);
}

TEST(exit, errors)
{
	struct exit_register_req req = { .fn = NULL };

	setup();
	EXPECT_EQ(fake_ioctl(EXIT_PATH, EXIT_IOCTL_DEREGISTER, 0), -ENOENT);
	EXPECT_EQ(fake_ioctl(EXIT_PATH, EXIT_IOCTL_REGISTER, 0), -EFAULT);
	EXPECT_EQ(fake_ioctl(EXIT_PATH, EXIT_IOCTL_REGISTER,
	                     (unsigned long)FAKE_FOREIGN),
	          -EFAULT);
	EXPECT_EQ(
	    fake_ioctl(EXIT_PATH, EXIT_IOCTL_REGISTER, (unsigned long)&req),
	    -EINVAL);
	req.fn = (void (*)(int))(void *)FAKE_FOREIGN;
	EXPECT_EQ(
	    fake_ioctl(EXIT_PATH, EXIT_IOCTL_REGISTER, (unsigned long)&req),
	    -EFAULT);
	req.fn = (void (*)(int))(void *)FAKE_DATA;
	EXPECT_EQ(
	    fake_ioctl(EXIT_PATH, EXIT_IOCTL_REGISTER, (unsigned long)&req),
	    -EFAULT);
	EXPECT_EQ(fake_ioctl(EXIT_PATH, 0x40084402, 0), -ENOTTY);

	ASSERT_EQ(exit_register(hook), 0);
	EXPECT_EQ(fake_ioctl(EXIT_PATH, EXIT_IOCTL_DEREGISTER, 0), 0);
	ASSERT_TRUE(exit_stops(1));
	EXPECT_EQ(hook_calls, 0);
}

// A VM of its own (booted from a device tree) stops by semihosting or
// PSCI, after the status is written where someone reads it.
TEST(exit, by_semihosting_writes_the_status_first)
{
	setup();
	ASSERT_EQ(console_register(sink_fn), 0);
	exit_set_method(EXIT_BY_SEMIHOSTING);
	ASSERT_TRUE(exit_stops(0x103));
	exit_set_method(EXIT_BY_HYPERVISOR);
	EXPECT_EQ(fake.stop_by, FAKE_STOP_SEMIHOSTING);
	EXPECT_EQ(fake.stop_status, 3);
	EXPECT_STREQ(sink, "rt: exit status 3\n");
	EXPECT_STREQ(fake_log_text(), "rt: exit status 3\n");
}

TEST(exit, by_psci_off_or_reset)
{
	setup();
	exit_set_method(EXIT_BY_PSCI_HVC);
	ASSERT_TRUE(exit_stops(0));
	EXPECT_EQ(fake.stop_by, FAKE_STOP_PSCI_OFF);
	EXPECT_EQ(fake.stop_status, 0); // by HVC
	exit_set_method(EXIT_BY_PSCI_SMC);
	ASSERT_TRUE(exit_stops(256 + 1));
	exit_set_method(EXIT_BY_HYPERVISOR);
	// A failure resets, which QEMU's -no-reboot turns into an exit.
	EXPECT_EQ(fake.stop_by, FAKE_STOP_PSCI_RESET);
	EXPECT_EQ(fake.stop_status, 1); // by SMC
	EXPECT_TRUE(strstr(fake_log_text(), "rt: exit status 1\n") != NULL);
}

// ---- the console device (a UART boot found) ----

static char device[256];
static size_t device_len;

static void
device_write(const char *s, size_t n)
{
	ASSERT_TRUE(device_len + n < sizeof(device));
	memcpy(device + device_len, s, n);
	device_len += n;
	device[device_len] = '\0';
}

TEST(console, device_until_the_app_registers_a_function)
{
	setup();
	device_len = 0;
	device[0] = '\0';
	EXPECT_FALSE(console_has_output());
	console_set_device(device_write);
	EXPECT_TRUE(console_has_output());
	EXPECT_FALSE(console_registered());
	ASSERT_EQ(console_prefix("> "), 0);
	EXPECT_EQ(tty_write("a\nb"), 3);
	EXPECT_STREQ(device, "> a\n> b");
	// The runtime's own messages go there too, as they are.
	log_printf("rt\n");
	EXPECT_STREQ(device, "> a\n> brt\n");
	device_len = 0;
	device[0] = '\0';
	// The app's function takes over; the device gets nothing meanwhile.
	ASSERT_EQ(console_register(sink_fn), 0);
	EXPECT_EQ(tty_write("c\n"), 2);
	EXPECT_STREQ(sink, "> c\n");
	EXPECT_STREQ(device, "");
	ASSERT_EQ(fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_DEREGISTER, 0), 0);
	EXPECT_EQ(tty_write("d\n"), 2);
	EXPECT_STREQ(device, "> d\n");
	// The stop says there was a console.
	ASSERT_TRUE(exit_stops(0));
	EXPECT_EQ(fake.stop_flags, RT_STOP_CONSOLE);
	console_set_device(NULL);
}

// ---- the node table ----

TEST(dev, lookup)
{
	static const char *const paths[] = {
		"/dev/gicv3", "/dev/console", "/dev/exit",
		"/dev/null",  "/dev/zero",    "/dev/urandom",
	};

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		const struct dev_ops *ops = dev_lookup(paths[i]);

		ASSERT_TRUE(ops != NULL);
		EXPECT_STREQ(ops->path, paths[i]);
	}
	EXPECT_TRUE(dev_lookup("/dev/gicv3/") == NULL);
	EXPECT_TRUE(dev_lookup("/dev/gicv") == NULL);
	EXPECT_TRUE(dev_lookup("/dev/") == NULL);
	EXPECT_TRUE(dev_lookup("") == NULL);
	EXPECT_TRUE(dev_lookup("dev/exit") == NULL);
}
