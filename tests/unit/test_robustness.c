// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What the fuzz targets found, kept as tests: an interrupt storm whose ISR
// waits in a syscall each time (the dispatch loop never ended), and GIC
// addresses from the hypervisor that point into the VM's own memory (the
// driver's register writes would have corrupted it).

#include <string.h>

#include <rt/env.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <uapi/rt_gicv3.h>

#include "fake_arch.h"
#include "unit.h"

// What src/dev/irq.c is built with.
#ifndef RT_IRQ_STORM_LIMIT
#define RT_IRQ_STORM_LIMIT 1000
#endif

static unsigned isr_calls;

static bool
log_has(const char *s)
{
	return strstr(fake_log_text(), s) != NULL;
}

static void
add_isr(uint32_t intid, bool (*isr)(uint32_t, void *))
{
	struct gicv3_register_req req = { .isr = isr, .irq = intid };

	ASSERT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_REGISTER_ISR,
	                     (unsigned long)&req),
	          0);
	ASSERT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_ENABLE_IRQ,
	                     (unsigned long)&intid),
	          0);
}

// The entry code's part (src/syscall/entry.c): every ISR that becomes due
// runs on the way back to the app, nested in the wait that ended with it.
// An ISR the runtime would start again while it is still running (in a
// wait of its own) is counted and not run: app code is not reentrant, and
// the test would otherwise recurse until its stack ran out.
static bool running[FAKE_MAX_INTID + 1];
static unsigned reentered;

static void
run_due_isrs(void)
{
	struct irq_isr isr;

	while (irq_take(&isr)) {
		bool (*fn)(uint32_t, void *) =
		    (bool (*)(uint32_t, void *))isr.fn;
		bool handled = true;

		if (running[isr.intid]) {
			reentered++;
		} else {
			running[isr.intid] = true;
			handled = fn(isr.intid, isr.data);
			running[isr.intid] = false;
		}
		irq_isr_done(isr.intid, handled);
	}
}

// An ISR's nanosleep or ppoll: ended by an interrupt (EINTR), whose ISR
// then runs, or by its deadline.
static bool
isr_waits(uint64_t deadline)
{
	if (!irq_wait(deadline))
		return false;
	run_due_isrs();
	return true;
}

static void
set_level(uint32_t intid)
{
	struct gicv3_trigger_req req = { .irq = intid,
		                         .trigger = GICV3_TRIGGER_LEVEL_HIGH };

	ASSERT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_SET_TRIGGER,
	                     (unsigned long)&req),
	          0);
}

static void
setup(void)
{
	fake_devices_setup();
	memset(running, 0, sizeof(running));
	reentered = 0;
	isr_calls = 0;
}

// Sleeps a little, as an ISR calling nanosleep does, and never clears its
// level-sensitive source.
static bool
isr_sleeps_never_clears(uint32_t intid, void *data)
{
	(void)intid;
	(void)data;
	isr_calls++;
	isr_waits(fake.counter + 10);
	return true;
}

// Each wait inside the ISR runs a dispatch loop of its own, in which the
// same level interrupt comes straight back (it was EOIed before its ISR
// started). The runtime must not start the ISR again inside itself, and
// the storm limit must still stop the interrupt, so that the VM goes on.
TEST(irq, storm_of_an_isr_that_waits_is_stopped)
{
	setup();
	add_isr(45, isr_sleeps_never_clears);
	set_level(45);
	fake_gic_line(45, true);
	irq_vector_handle();
	run_due_isrs();
	EXPECT_EQ(reentered, 0);
	EXPECT_EQ(isr_calls, RT_IRQ_STORM_LIMIT);
	EXPECT_FALSE(fake_gic_enabled(45));
	EXPECT_TRUE(log_has("irq: INTID 45 fired 1000 times"));
	EXPECT_EQ(fake.nrunning, 0);
}

// An interrupt that fires once per wait of another ISR is no storm, however
// often that ISR waits: each of those loops takes it once.
static bool
isr_counts(uint32_t intid, void *data)
{
	(void)data;
	fake_gic_line(intid, false);
	isr_calls++;
	return true;
}

static unsigned sleeper_waits;

static bool
isr_sleeps_often(uint32_t intid, void *data)
{
	(void)data;
	// Its own source is cleared first: only 46 comes in its waits.
	fake_gic_line(intid, false);
	for (unsigned i = 0; i < RT_IRQ_STORM_LIMIT + 5; i++) {
		fake_gic_line(46, true);
		EXPECT_TRUE(isr_waits(fake.counter + 10));
		sleeper_waits++;
	}
	return true;
}

TEST(irq, interrupts_taken_in_an_isrs_waits_are_counted_per_wait)
{
	setup();
	sleeper_waits = 0;
	add_isr(44, isr_sleeps_often);
	add_isr(46, isr_counts);
	set_level(44);
	set_level(46);
	fake_gic_line(44, true);
	irq_vector_handle();
	run_due_isrs();
	EXPECT_EQ(sleeper_waits, RT_IRQ_STORM_LIMIT + 5);
	EXPECT_EQ(isr_calls, RT_IRQ_STORM_LIMIT + 5);
	EXPECT_TRUE(fake_gic_enabled(46));
	EXPECT_FALSE(log_has("fired"));
	EXPECT_EQ(reentered, 0);
}

// An edge interrupt that fires again while its ISR waits: it is taken in
// the wait (the ISR had its EOI), but its ISR must not run inside itself.
static unsigned edge_waits;

static bool
isr_edge_waits(uint32_t intid, void *data)
{
	(void)data;
	isr_calls++;
	if (edge_waits++ == 0) {
		fake_gic_raise(intid);
		isr_waits(fake.counter + 10);
	}
	return true;
}

TEST(irq, edge_interrupt_again_during_its_isrs_wait_is_not_nested)
{
	setup();
	edge_waits = 0;
	add_isr(47, isr_edge_waits);
	fake_gic_raise(47);
	irq_vector_handle();
	run_due_isrs();
	EXPECT_EQ(reentered, 0);
	// It comes once more, after the first run.
	EXPECT_EQ(isr_calls, 2);
	EXPECT_TRUE(fake_gic_enabled(47));
}

// The layout QEMU's stub and Gunyah give (docs/gunyah.md section 3).
static struct rt_env_data
good_env(void)
{
	return (struct rt_env_data){
		.signature = ENV_SIGNATURE,
		.version = ENV_VERSION,
		.runtime_ipa = 0x80480000,
		.app_ipa = 0x8048b000,
		.app_heap_ipa = 0x804ef000,
		.app_heap_size = 0x31000,
		.vcpu_capid = 2,
		.timer_freq = 62500000,
		.gicd_base = 0x08000000,
		.gicr_base = 0x080a0000,
		.rm_config_offset = 88,
		.rm_config_size = 0x3fa8,
	};
}

static const struct env_layout good_where = {
	.env_addr = 0x804eb000,
	.runtime_start = 0x80480000,
	.runtime_end = 0x8048b000,
};

static const char *const gic_error =
    "GIC frames overlap the VM's memory or wrap";

TEST(env, gic_outside_the_vm_memory_is_fine)
{
	struct rt_env_data env = good_env();

	EXPECT_TRUE(env_check(&env, &good_where) == NULL);
	// Right below the runtime and right after the heap.
	env.gicd_base = 0x80470000;
	env.gicr_base = 0x80520000;
	EXPECT_TRUE(env_check(&env, &good_where) == NULL);
}

TEST(env, gic_in_the_vm_memory_is_refused)
{
	static const uint64_t inside[] = {
		0x80480000, // the runtime
		0x80490000, // the app
		0x804e0000, // the app, the environment data and the heap
		0x80510000, // the heap's last 64 KiB
	};
	struct rt_env_data env;

	for (size_t i = 0; i < sizeof(inside) / sizeof(inside[0]); i++) {
		env = good_env();
		env.gicd_base = inside[i];
		EXPECT_STREQ(env_check(&env, &good_where), gic_error);
		env = good_env();
		env.gicr_base = inside[i];
		EXPECT_STREQ(env_check(&env, &good_where), gic_error);
	}
	// Starts below the runtime, but its SGI_base frame reaches into it.
	env = good_env();
	env.gicr_base = 0x80470000;
	EXPECT_STREQ(env_check(&env, &good_where), gic_error);
}

TEST(env, gic_at_the_top_of_the_address_space_is_refused)
{
	struct rt_env_data env = good_env();

	// Aligned, but a register offset would wrap to address 0.
	env.gicd_base = 0xffffffffffff0000;
	EXPECT_STREQ(env_check(&env, &good_where), gic_error);
	env = good_env();
	env.gicr_base = 0xfffffffffffe0000;
	EXPECT_STREQ(env_check(&env, &good_where), gic_error);
	env.gicr_base = 0xfffffffffffd0000;
	EXPECT_TRUE(env_check(&env, &good_where) == NULL);
}
