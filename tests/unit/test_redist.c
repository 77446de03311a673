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
#define OTHER (0x01020304ull << 32)
#define RD1   (FAKE_GICR_BASE + PLATFORM_GICR_SIZE)
#define PIDR2 0xffe8u

static void
frames(uint64_t typer0, uint64_t typer1)
{
	uint32_t gicv3 = 0x3b, gicv4 = 0x4b;

	fake_arch_reset();
	memcpy(&fake.gicr[0x8], &typer0, 8);
	memcpy(&fake.gicr[PLATFORM_GICR_SIZE + 0x8], &typer1, 8);
	memcpy(&fake.gicr[PIDR2], &gicv3, 4);
	memcpy(&fake.gicr[PLATFORM_GICR_SIZE + PIDR2], &gicv4, 4);
}

static uintptr_t
find(uint64_t size, uint64_t stride)
{
	return redist_find(FAKE_GICR_BASE, size, stride, MPIDR);
}

TEST(redist, the_frame_that_names_this_cpus_affinity)
{
	frames(OTHER, AFF << 32 | LAST);
	EXPECT_EQ(find(FAKE_GICR_SIZE, 0), RD1);
	frames(AFF << 32, OTHER | LAST);
	EXPECT_EQ(find(FAKE_GICR_SIZE, 0), FAKE_GICR_BASE);
	EXPECT_EQ(fake.nreads, 2); // PIDR2 and GICR_TYPER of the first
}

TEST(redist, none_is_0)
{
	// Aff3 is MPIDR[39:32], not its bits 31:24 (the MT bit here).
	frames(0x81563412ull << 32, 0x00563412ull << 32 | LAST);
	EXPECT_EQ(find(FAKE_GICR_SIZE, 0), 0);
}

TEST(redist, the_search_ends_at_the_frame_marked_last)
{
	frames(OTHER | LAST, AFF << 32);
	EXPECT_EQ(find(FAKE_GICR_SIZE, 0), 0);
	EXPECT_EQ(fake.nreads, 2);
}

TEST(redist, the_search_ends_at_the_region_end)
{
	frames(OTHER, AFF << 32 | LAST);
	EXPECT_EQ(find(PLATFORM_GICR_SIZE, 0), 0);
	EXPECT_EQ(fake.nreads, 2);
}

TEST(redist, the_search_ends_at_a_frame_of_no_gicv3_or_v4)
{
	uint32_t none = 0;

	frames(OTHER, AFF << 32 | LAST);
	memcpy(&fake.gicr[PLATFORM_GICR_SIZE + PIDR2], &none, 4);
	EXPECT_EQ(find(FAKE_GICR_SIZE, 0), 0);
	EXPECT_EQ(fake.nreads, 3);
}

TEST(redist, a_frame_with_vlpis_is_twice_the_size)
{
	// The next frame would start at 0x40000, past the region: the one at
	// 0x20000 is the first frame's VLPI_base, never read as a GICR_TYPER.
	frames(OTHER | VLPIS, AFF << 32 | LAST);
	EXPECT_EQ(find(FAKE_GICR_SIZE, 0), 0);
	EXPECT_EQ(fake.nreads, 2);
}

TEST(redist, a_stride_overrides_the_frames_own_size)
{
	frames(OTHER | VLPIS, AFF << 32 | LAST);
	EXPECT_EQ(find(FAKE_GICR_SIZE, PLATFORM_GICR_SIZE), RD1);
	frames(OTHER, AFF << 32 | LAST);
	EXPECT_EQ(find(FAKE_GICR_SIZE, 2 * PLATFORM_GICR_SIZE), 0);
}
