// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The app's memory map (src/core/uaccess.c): regions with their
// permissions, accesses that span regions which touch, strings across
// them, the copy helpers, and the table's own checks.

#include <string.h>

#include <rt/errno.h>
#include <rt/uaccess.h>

#include "unit.h"

#define R   UACCESS_READ
#define W   UACCESS_WRITE
#define X   UACCESS_EXEC
#define RW  (R | W)
#define RX  (R | X)
#define RWX (R | W | X)

// What src/core/uaccess.c is built with.
#ifndef RT_UACCESS_REGIONS
#define RT_UACCESS_REGIONS 8
#endif

// Memory the tests map: its address plus an offset.
static _Alignas(16) char mem[4096];
#define M(off) ((uintptr_t)mem + (off))
#define P(off) ((void *)M(off))

// An app as boot maps it: code, read-only data, data, a gap, the heap.
static void
app_map(void)
{
	uaccess_reset();
	ASSERT_EQ(uaccess_add(M(0), M(256), RX), 0);
	ASSERT_EQ(uaccess_add(M(256), M(512), R), 0);
	ASSERT_EQ(uaccess_add(M(512), M(1024), RW), 0);
	ASSERT_EQ(uaccess_add(M(2048), M(4096), RW), 0);
}

TEST(uaccess, nothing_before_a_region_is_added)
{
	uaccess_reset();
	EXPECT_FALSE(uaccess_readable(P(0), 1));
	EXPECT_FALSE(uaccess_writable(P(0), 1));
	EXPECT_FALSE(uaccess_executable(P(0)));
	EXPECT_EQ(uaccess_strlen("", 1), -1);
}

TEST(uaccess, each_region_with_its_permissions)
{
	app_map();
	// Code: read and run, not written.
	EXPECT_TRUE(uaccess_readable(P(0), 256));
	EXPECT_FALSE(uaccess_writable(P(0), 1));
	EXPECT_TRUE(uaccess_executable(P(0)));
	EXPECT_TRUE(uaccess_executable(P(252)));
	// Read-only data.
	EXPECT_TRUE(uaccess_readable(P(256), 256));
	EXPECT_FALSE(uaccess_writable(P(256), 1));
	EXPECT_FALSE(uaccess_writable(P(511), 1));
	EXPECT_FALSE(uaccess_executable(P(256)));
	// Data and heap.
	EXPECT_TRUE(uaccess_writable(P(512), 512));
	EXPECT_TRUE(uaccess_readable(P(512), 512));
	EXPECT_FALSE(uaccess_executable(P(512)));
	EXPECT_TRUE(uaccess_writable(P(2048), 2048));
	// The gap and the ends.
	EXPECT_FALSE(uaccess_readable(P(1024), 1));
	EXPECT_FALSE(uaccess_readable(P(2047), 1));
	EXPECT_FALSE(uaccess_readable(P(4096), 1));
	EXPECT_FALSE(uaccess_readable((void *)(M(0) - 1), 1));
	EXPECT_FALSE(uaccess_readable(NULL, 1));
	EXPECT_FALSE(uaccess_writable(NULL, 1));
}

TEST(uaccess, code_must_be_a_whole_aligned_instruction)
{
	app_map();
	EXPECT_FALSE(uaccess_executable(P(2)));
	EXPECT_FALSE(uaccess_executable(P(255)));
	// The instruction's last byte would lie outside the code.
	uaccess_reset();
	ASSERT_EQ(uaccess_add(M(0), M(6), RX), 0);
	EXPECT_TRUE(uaccess_executable(P(0)));
	EXPECT_FALSE(uaccess_executable(P(4)));
}

TEST(uaccess, spans_across_touching_regions)
{
	app_map();
	// Readable all the way from code into data.
	EXPECT_TRUE(uaccess_readable(P(200), 400));
	EXPECT_TRUE(uaccess_readable(P(0), 1024));
	// Writable only where every region is.
	EXPECT_FALSE(uaccess_writable(P(500), 24));
	EXPECT_TRUE(uaccess_writable(P(512), 512));
	// Not across the gap, though both sides are writable.
	EXPECT_FALSE(uaccess_readable(P(1000), 2000));
	EXPECT_FALSE(uaccess_writable(P(1020), 1040));
	// Nor past the last one.
	EXPECT_FALSE(uaccess_readable(P(4000), 97));
	EXPECT_TRUE(uaccess_readable(P(4000), 96));
}

TEST(uaccess, lengths_that_wrap)
{
	uaccess_reset();
	ASSERT_EQ(uaccess_add(4096, UINTPTR_MAX, RW), 0);
	EXPECT_TRUE(uaccess_readable((void *)8192, 4096));
	EXPECT_FALSE(uaccess_readable((void *)8192, SIZE_MAX));
	EXPECT_FALSE(uaccess_writable((void *)(UINTPTR_MAX - 8), 16));
	EXPECT_FALSE(uaccess_readable((void *)UINTPTR_MAX, 1));
}

TEST(uaccess, regions_may_come_in_any_order)
{
	uaccess_reset();
	ASSERT_EQ(uaccess_add(M(2048), M(4096), RW), 0);
	ASSERT_EQ(uaccess_add(M(256), M(512), R), 0);
	ASSERT_EQ(uaccess_add(M(0), M(256), RX), 0);
	ASSERT_EQ(uaccess_add(M(512), M(1024), RW), 0);
	EXPECT_TRUE(uaccess_readable(P(0), 1024));
	EXPECT_FALSE(uaccess_readable(P(0), 1025));
	EXPECT_TRUE(uaccess_writable(P(600), 300));
	EXPECT_TRUE(uaccess_executable(P(128)));
}

TEST(uaccess, overlaps_and_bad_ranges_refused)
{
	app_map();
	EXPECT_EQ(uaccess_add(M(0), M(256), RX), -EINVAL);
	EXPECT_EQ(uaccess_add(M(100), M(200), RW), -EINVAL);
	EXPECT_EQ(uaccess_add(M(1000), M(1100), RW), -EINVAL);
	EXPECT_EQ(uaccess_add(M(1500), M(2049), RW), -EINVAL);
	EXPECT_EQ(uaccess_add(M(1024) - 8, M(4096) + 8, RW), -EINVAL);
	EXPECT_EQ(uaccess_add(M(1024), M(1024), RW), -EINVAL);
	EXPECT_EQ(uaccess_add(M(1500), M(1400), RW), -EINVAL);
	// Nothing changed: the gap is still unmapped...
	EXPECT_FALSE(uaccess_readable(P(1024), 1));
	EXPECT_FALSE(uaccess_writable(P(100), 1));
	// ...and it can be filled exactly, touching on both sides.
	EXPECT_EQ(uaccess_add(M(1024), M(2048), RW), 0);
	EXPECT_TRUE(uaccess_writable(P(512), 4096 - 512));
}

TEST(uaccess, table_full)
{
	uaccess_reset();
	for (unsigned i = 0; i < RT_UACCESS_REGIONS; i++)
		ASSERT_EQ(uaccess_add(M(i * 64), M(i * 64 + 32), RW), 0);
	EXPECT_EQ(uaccess_add(M(2048), M(2080), RW), -ENOMEM);
	EXPECT_FALSE(uaccess_readable(P(2048), 1));
	// Every region still answers.
	for (unsigned i = 0; i < RT_UACCESS_REGIONS; i++) {
		EXPECT_TRUE(uaccess_writable(P(i * 64), 32));
		EXPECT_FALSE(uaccess_readable(P(i * 64 + 32), 1));
	}
	uaccess_reset();
	EXPECT_EQ(uaccess_add(M(2048), M(2080), RW), 0);
	EXPECT_FALSE(uaccess_readable(P(0), 1));
}

TEST(uaccess, strlen_within_and_across_regions)
{
	app_map();
	memcpy(P(300), "rodata", 7);
	EXPECT_EQ(uaccess_strlen((const char *)P(300), 64), 6);
	// Bounded by max: no NUL in the first max bytes.
	EXPECT_EQ(uaccess_strlen((const char *)P(300), 6), -1);
	EXPECT_EQ(uaccess_strlen((const char *)P(300), 7), 6);
	// From read-only data into data: one string.
	memset(P(500), 'a', 12);
	memcpy(P(512), "bc", 3);
	EXPECT_EQ(uaccess_strlen((const char *)P(500), 64), 14);
	// Runs out of the data into the gap before its NUL.
	memset(P(1000), 'x', 24);
	EXPECT_EQ(uaccess_strlen((const char *)P(1000), 4096), -1);
	// Ends on the last byte of its region.
	mem[1023] = '\0';
	EXPECT_EQ(uaccess_strlen((const char *)P(1000), 4096), 23);
	// Outside everything.
	EXPECT_EQ(uaccess_strlen((const char *)P(1500), 16), -1);
	EXPECT_EQ(uaccess_strlen(NULL, 16), -1);
}

TEST(uaccess, strlen_needs_readable_memory)
{
	uaccess_reset();
	ASSERT_EQ(uaccess_add(M(0), M(64), RW), 0);
	// Code the app may run but not read (not what boot maps, but the
	// map allows it).
	ASSERT_EQ(uaccess_add(M(64), M(128), X), 0);
	memset(P(0), 'a', 64);
	mem[70] = '\0';
	EXPECT_EQ(uaccess_strlen((const char *)P(0), 128), -1);
	EXPECT_FALSE(uaccess_readable(P(60), 8));
}

TEST(uaccess, copy_helpers)
{
	char buf[16];

	app_map();
	memcpy(P(300), "from rodata", 12);
	memset(buf, '#', sizeof(buf));
	EXPECT_EQ(copy_from_app(buf, P(300), 12), 0);
	EXPECT_STREQ(buf, "from rodata");
	EXPECT_EQ(copy_to_app(P(600), "to data", 8), 0);
	EXPECT_STREQ((const char *)P(600), "to data");
	// Across touching regions.
	EXPECT_EQ(copy_from_app(buf, P(508), 8), 0);
	EXPECT_EQ(copy_to_app(P(1020), "abcd", 4), 0);
}

TEST(uaccess, copy_helpers_refuse_and_copy_nothing)
{
	char buf[16];

	app_map();
	memset(buf, '#', sizeof(buf));
	memset(P(300), 'r', 16);
	// Into read-only data or code: -EFAULT, the app's bytes unchanged.
	EXPECT_EQ(copy_to_app(P(300), "xyz", 4), -EFAULT);
	EXPECT_EQ(mem[300], 'r');
	EXPECT_EQ(copy_to_app(P(16), "xyz", 4), -EFAULT);
	// Partly outside: nothing of it is copied.
	EXPECT_EQ(copy_to_app(P(1020), "12345678", 8), -EFAULT);
	EXPECT_NE(mem[1020], '1');
	EXPECT_EQ(copy_from_app(buf, P(1020), 8), -EFAULT);
	EXPECT_EQ(buf[0], '#');
	EXPECT_EQ(copy_from_app(buf, NULL, 4), -EFAULT);
	EXPECT_EQ(copy_to_app(NULL, "x", 1), -EFAULT);
	EXPECT_EQ(buf[0], '#');
}
