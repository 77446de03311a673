// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The boot CPU's redistributor among a device tree's, on the fake GIC's
// two frames (src/boot/redist.c).

#include <string.h>

#include <rt/platform.h>

#include "fake_arch.h"
#include "unit.h"

#define LAST  0x10u
#define VLPIS 0x02u
// Aff3 0x78, Aff2 0x56, Aff1 0x34, Aff0 0x12, with the MT and RES1 bits
// that are not affinity.
#define MPIDR ((0x78ull << 32) | 0x81563412ull)
#define AFF   0x78563412ull

static void
frames(uint64_t typer0, uint64_t typer1)
{
	fake_arch_reset();
	memcpy(&fake.gicr[0x8], &typer0, 8);
	memcpy(&fake.gicr[PLATFORM_GICR_SIZE + 0x8], &typer1, 8);
}

TEST(redist, the_frame_that_names_this_cpus_affinity)
{
	frames(0x01020304ull << 32, AFF << 32 | LAST);
	EXPECT_EQ(redist_find(FAKE_GICR_BASE, FAKE_GICR_SIZE, MPIDR),
	          FAKE_GICR_BASE + PLATFORM_GICR_SIZE);
	frames(AFF << 32, 0x01020304ull << 32 | LAST);
	EXPECT_EQ(redist_find(FAKE_GICR_BASE, FAKE_GICR_SIZE, MPIDR),
	          FAKE_GICR_BASE);
	EXPECT_EQ(fake.nreads, 1);
}

TEST(redist, none_is_0)
{
	// Aff3 is MPIDR[39:32], not its bits 31:24 (the MT bit here).
	frames(0x81563412ull << 32, 0x00563412ull << 32 | LAST);
	EXPECT_EQ(redist_find(FAKE_GICR_BASE, FAKE_GICR_SIZE, MPIDR), 0);
}

TEST(redist, the_search_ends_at_the_frame_marked_last)
{
	frames(0x01020304ull << 32 | LAST, AFF << 32);
	EXPECT_EQ(redist_find(FAKE_GICR_BASE, FAKE_GICR_SIZE, MPIDR), 0);
	EXPECT_EQ(fake.nreads, 1);
}

TEST(redist, the_search_ends_at_the_region_end)
{
	frames(0x01020304ull << 32, AFF << 32 | LAST);
	EXPECT_EQ(redist_find(FAKE_GICR_BASE, PLATFORM_GICR_SIZE, MPIDR), 0);
	EXPECT_EQ(fake.nreads, 1);
}

TEST(redist, a_frame_with_vlpis_is_twice_the_size)
{
	// The next frame would start at 0x40000, past the region: the one at
	// 0x20000 is the first frame's VLPI_base, never read as a GICR_TYPER.
	frames(0x01020304ull << 32 | VLPIS, AFF << 32 | LAST);
	EXPECT_EQ(redist_find(FAKE_GICR_BASE, FAKE_GICR_SIZE, MPIDR), 0);
	EXPECT_EQ(fake.nreads, 1);
}
