// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The GIC driver against the fake GIC: which registers each operation
// touches, and how often, since every access is a trap under Gunyah.

#include <string.h>

#include <rt/errno.h>
#include <rt/gicv3.h>
#include <uapi/rt_gicv3.h>

#include "fake_arch.h"
#include "unit.h"

// A priority above every app interrupt's (lower is more urgent).
#define PRIO_ABOVE_APP 0x80u

#define GICD(off) ((uintptr_t)FAKE_GICD_BASE + (off))
#define SGI(off)  ((uintptr_t)FAKE_GICR_SGI + (off))
#define WAKER     ((uintptr_t)FAKE_GICR_BASE + 0x14u)

// An MPIDR with every affinity level distinct, and the MT and RES1 bits
// that must not reach GICD_IROUTER.
#define MPIDR     ((0x78ull << 32) | 0x81563412ull)
#define MPIDR_AFF 0x7800563412ull
#define MPIDR_SGI3                                                         \
	((0x78ull << 48) | (1ull << 44) | (0x56ull << 32) | (3ull << 24) | \
	 (0x34ull << 16) | (1ull << 2))

static bool
isr_true(uint32_t intid, void *data)
{
	(void)intid;
	(void)data;
	return true;
}

static void
setup_up(void)
{
	fake_devices_setup();
	fake.mpidr = MPIDR;
	ASSERT_EQ(gicv3_check(0), 0);
	fake_clear_writes();
}

static void
expect_write(unsigned i, uintptr_t addr, uint64_t value, unsigned size)
{
	ASSERT_TRUE(i < fake.nwrites);
	EXPECT_EQ(fake.writes[i].addr, addr);
	EXPECT_EQ(fake.writes[i].value, value);
	EXPECT_EQ(fake.writes[i].size, size);
}

TEST(gicv3, no_access_before_first_use)
{
	fake_devices_setup();
	EXPECT_EQ(fake.nwrites, 0);
	EXPECT_EQ(fake.nreads, 0);
	EXPECT_EQ(fake.icc_inits, 0);
}

TEST(gicv3, only_versions_2_and_3)
{
	fake_devices_setup();
	EXPECT_EQ(gicv3_set_bases(0, FAKE_GICD_BASE, FAKE_GICR_BASE), -EINVAL);
	EXPECT_EQ(gicv3_set_bases(4, FAKE_GICD_BASE, FAKE_GICR_BASE), -EINVAL);
	EXPECT_EQ(gicv3_set_bases(2, FAKE_GICD_BASE, FAKE_GICR_BASE), 0);
	EXPECT_EQ(gicv3_set_bases(3, FAKE_GICD_BASE, FAKE_GICR_BASE), 0);
	EXPECT_EQ(fake.nwrites, 0);
}

TEST(gicv3, brings_up_once)
{
	fake_devices_setup();
	ASSERT_EQ(gicv3_check(40), 0);
	EXPECT_EQ(fake.icc_inits, 1);
	// Group 1 on, ARE kept, the redistributor awake.
	EXPECT_EQ(fake_read32(GICD(0)), 0x12);
	EXPECT_EQ(fake_read32(WAKER) & 6u, 0);
	EXPECT_EQ(fake.nwrites, 2);
	// CTLR, its RWP, TYPER, WAKER, WAKER again.
	EXPECT_EQ(fake.nreads, 5);

	fake_clear_writes();
	EXPECT_EQ(gicv3_check(41), 0);
	EXPECT_EQ(fake.nwrites + fake.nreads, 0);
	EXPECT_EQ(fake.icc_inits, 1);
}

TEST(gicv3, bring_up_skips_what_is_set)
{
	fake_devices_setup();
	fake.gicd[0] = 0x12;
	fake.gicr[0x14] = 0;
	ASSERT_EQ(gicv3_check(40), 0);
	EXPECT_EQ(fake.nwrites, 0);
	EXPECT_EQ(fake.nreads, 3);
}

TEST(gicv3, legacy_distributor_gets_affinity_routing)
{
	fake_devices_setup();
	fake.gicd[0] = 0x01;
	ASSERT_EQ(gicv3_check(40), 0);
	expect_write(0, GICD(0), 0, 4);
	expect_write(1, GICD(0), 0x10, 4);
	expect_write(2, GICD(0), 0x12, 4);
}

TEST(gicv3, sleeping_redistributor_is_an_error)
{
	fake_devices_setup();
	fake.waker_stuck = true;
	EXPECT_EQ(gicv3_check(40), -EIO);
	EXPECT_EQ(gicv3_enable(40), -EIO);
	EXPECT_EQ(fake.icc_inits, 0);
	EXPECT_TRUE(strstr(fake_log_text(), "stuck") != NULL);
}

TEST(gicv3, intid_range_from_typer)
{
	fake_devices_setup();
	EXPECT_EQ(gicv3_check(0), 0);
	EXPECT_EQ(gicv3_check(31), 0);
	EXPECT_EQ(gicv3_check(FAKE_MAX_INTID), 0);
	EXPECT_EQ(gicv3_check(FAKE_MAX_INTID + 1), -EINVAL);
	EXPECT_EQ(gicv3_check(1020), -EINVAL);
	EXPECT_EQ(gicv3_check(UINT32_MAX), -EINVAL);
	EXPECT_EQ(gicv3_enable(FAKE_MAX_INTID + 1), -EINVAL);
	EXPECT_EQ(gicv3_set_pending(1023), -EINVAL);
}

TEST(gicv3, intid_range_stops_at_1019)
{
	fake_devices_setup();
	fake.gicd[4] = 31; // 1024 INTIDs by the formula
	EXPECT_EQ(gicv3_check(1019), 0);
	EXPECT_EQ(gicv3_check(1020), -EINVAL);
}

TEST(gicv3, register_touches_only_its_registers)
{
	struct gicv3_register_req req = { .isr = isr_true, .irq = 40 };

	setup_up();
	ASSERT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_REGISTER_ISR,
	                     (unsigned long)&req),
	          0);
	ASSERT_EQ(fake.nwrites, 4);
	expect_write(0, GICD(0x84), 1u << 8, 4);
	expect_write(1, GICD(0x428), GICV3_PRIO_APP, 4);
	// SPIs start rising-edge, as the Gunyah runtime makes them.
	expect_write(2, GICD(0xc08), 1u << 17, 4);
	expect_write(3, GICD(0x6000 + 8 * 40), MPIDR_AFF, 8);
	EXPECT_EQ(fake.nreads, 3);
	EXPECT_FALSE(fake_gic_enabled(40));

	// A neighbour keeps 40's bits.
	fake_clear_writes();
	req.irq = 41;
	ASSERT_EQ(fake_ioctl(GICV3_PATH, GICV3_IOCTL_REGISTER_ISR,
	                     (unsigned long)&req),
	          0);
	expect_write(0, GICD(0x84), 3u << 8, 4);
	expect_write(1, GICD(0x428), 0xa0a0u, 4);
	expect_write(2, GICD(0xc08), 5u << 17, 4);
	expect_write(3, GICD(0x6000 + 8 * 41), MPIDR_AFF, 8);
}

// The trigger each interrupt starts with, as the driver knows it.
TEST(gicv3, spis_start_edge_ppis_keep_theirs)
{
	setup_up();
	EXPECT_TRUE(gicv3_is_edge(3));   // SGIs always are
	EXPECT_FALSE(gicv3_is_edge(40)); // not configured yet: level
	ASSERT_EQ(gicv3_configure(40, GICV3_PRIO_APP), 0);
	EXPECT_TRUE(gicv3_is_edge(40));
	EXPECT_TRUE(fake_gic_edge(40));
	ASSERT_EQ(gicv3_configure(20, GICV3_PRIO_APP), 0);
	EXPECT_FALSE(gicv3_is_edge(20));
	EXPECT_FALSE(fake_gic_edge(20));
	// An SPI made level again.
	ASSERT_EQ(gicv3_set_trigger(40, false), 0);
	EXPECT_FALSE(gicv3_is_edge(40));
	EXPECT_FALSE(fake_gic_edge(40));
	// A PPI an earlier owner left edge stays edge.
	fake_clear_writes();
	fake.gicr[0x10000 + 0xc04 + 2] = 0x8; // INTID 25's edge bit
	ASSERT_EQ(gicv3_configure(25, GICV3_PRIO_APP), 0);
	EXPECT_TRUE(gicv3_is_edge(25));
}

TEST(gicv3, enable_and_disable_are_one_write)
{
	setup_up();
	ASSERT_EQ(gicv3_configure(40, GICV3_PRIO_APP), 0);
	fake_clear_writes();

	ASSERT_EQ(gicv3_enable(40), 0);
	EXPECT_EQ(fake.nwrites + fake.nreads, 1);
	expect_write(0, GICD(0x104), 1u << 8, 4);
	EXPECT_TRUE(fake_gic_enabled(40));
	EXPECT_EQ(gicv3_enabled_count(), 1);
	ASSERT_EQ(gicv3_enable(40), 0);
	EXPECT_EQ(fake.nwrites + fake.nreads, 1);

	fake_clear_writes();
	ASSERT_EQ(gicv3_disable(40), 0);
	EXPECT_EQ(fake.nwrites + fake.nreads, 1);
	expect_write(0, GICD(0x184), 1u << 8, 4);
	EXPECT_FALSE(fake_gic_enabled(40));
	EXPECT_EQ(gicv3_enabled_count(), 0);
	ASSERT_EQ(gicv3_disable(40), 0);
	EXPECT_EQ(fake.nwrites + fake.nreads, 1);
}

TEST(gicv3, enable_configures_once)
{
	setup_up();
	ASSERT_EQ(gicv3_enable(50), 0);
	EXPECT_EQ(fake.nwrites, 5);
	EXPECT_EQ(fake_read32(GICD(0x430)) >> 16 & 0xffu, GICV3_PRIO_APP);
	fake_clear_writes();
	ASSERT_EQ(gicv3_disable(50), 0);
	ASSERT_EQ(gicv3_enable(50), 0);
	EXPECT_EQ(fake.nwrites, 2);
	// A configured interrupt keeps its priority.
	ASSERT_EQ(gicv3_configure(50, PRIO_ABOVE_APP), 0);
	EXPECT_EQ(fake.nwrites, 2);
}

TEST(gicv3, sgis_and_ppis_live_in_the_redistributor)
{
	setup_up();
	ASSERT_EQ(gicv3_enable(20), 0);
	ASSERT_EQ(fake.nwrites, 3);
	EXPECT_EQ(fake_writes_in(GICD(0), GICD(FAKE_GICD_SIZE)), 0);
	expect_write(0, SGI(0x80), 1u << 20, 4);
	expect_write(1, SGI(0x414), GICV3_PRIO_APP, 4);
	expect_write(2, SGI(0x100), 1u << 20, 4);
}

TEST(gicv3, trigger)
{
	setup_up();
	// The first use configures it (which makes an SPI edge already).
	ASSERT_EQ(gicv3_set_trigger(40, true), 0);
	EXPECT_EQ(fake_read32(GICD(0xc08)), 1u << 17);
	fake_clear_writes();
	ASSERT_EQ(gicv3_set_trigger(40, true), 0);
	EXPECT_EQ(fake.nwrites, 0);
	ASSERT_EQ(gicv3_set_trigger(40, false), 0);
	EXPECT_EQ(fake_read32(GICD(0xc08)), 0);
	ASSERT_EQ(gicv3_set_trigger(20, true), 0);
	EXPECT_EQ(fake_read32(SGI(0xc04)), 1u << 9);
}

// RM's order: the trigger, then the ISR, then the enable. The level it
// asked for must survive the configuration the enable does.
TEST(gicv3, trigger_before_the_first_enable_stays)
{
	setup_up();
	ASSERT_EQ(gicv3_set_trigger(41, false), 0);
	ASSERT_EQ(gicv3_configure(41, GICV3_PRIO_APP), 0);
	ASSERT_EQ(gicv3_enable(41), 0);
	EXPECT_EQ(fake_read32(GICD(0xc08)) & (2u << 18), 0);
	EXPECT_FALSE(gicv3_is_edge(41));
}

TEST(gicv3, trigger_of_an_enabled_interrupt)
{
	setup_up();
	ASSERT_EQ(gicv3_enable(40), 0);
	fake_clear_writes();
	// Edge already: nothing to do.
	ASSERT_EQ(gicv3_set_trigger(40, true), 0);
	EXPECT_EQ(fake.nwrites, 0);
	ASSERT_EQ(gicv3_set_trigger(40, false), 0);
	ASSERT_EQ(fake.nwrites, 3);
	expect_write(0, GICD(0x184), 1u << 8, 4);
	expect_write(1, GICD(0xc08), 0, 4);
	expect_write(2, GICD(0x104), 1u << 8, 4);
	EXPECT_TRUE(fake_gic_enabled(40));
}

TEST(gicv3, trigger_sgi_and_fixed_ppi)
{
	uint32_t sgi_cfg;

	setup_up();
	sgi_cfg = fake_read32(SGI(0xc00));
	EXPECT_EQ(gicv3_set_trigger(5, true), 0);
	EXPECT_EQ(gicv3_set_trigger(5, false), -EINVAL);
	// An SGI's trigger is fixed: nothing written to its ICFGR.
	EXPECT_EQ(fake_read32(SGI(0xc00)), sgi_cfg);
	fake.ppi_cfg_ro = true;
	EXPECT_EQ(gicv3_set_trigger(20, true), -EINVAL);
}

TEST(gicv3, pending)
{
	setup_up();
	ASSERT_EQ(gicv3_set_pending(40), 0);
	expect_write(0, GICD(0x204), 1u << 8, 4);
	ASSERT_EQ(gicv3_set_pending(20), 0);
	expect_write(1, SGI(0x200), 1u << 20, 4);
	ASSERT_EQ(gicv3_clear_pending(40), 0);
	expect_write(2, GICD(0x284), 1u << 8, 4);
	EXPECT_FALSE(fake_gic_pending(40));
	EXPECT_TRUE(fake_gic_pending(20));
}

TEST(gicv3, sgi_goes_through_sgi1r_to_this_cpu)
{
	setup_up();
	ASSERT_EQ(gicv3_set_pending(3), 0);
	EXPECT_EQ(fake.nwrites, 0);
	ASSERT_EQ(fake.nsgi, 1);
	EXPECT_EQ(fake.sgi1r[0], MPIDR_SGI3);
	EXPECT_TRUE(fake_gic_pending(3));
	ASSERT_EQ(gicv3_clear_pending(3), 0);
	expect_write(0, SGI(0x280), 1u << 3, 4);
	EXPECT_FALSE(fake_gic_pending(3));
}
