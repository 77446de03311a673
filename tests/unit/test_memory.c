// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The memory syscalls against a heap that is a host buffer. The buffer is
// filled with garbage before each test, as the real heap may be, so every
// check that memory reads zero means the runtime zeroed it.

#include <stdlib.h>
#include <string.h>

#include <rt/errno.h>
#include <rt/mem.h>

#include "unit.h"

#define P          ((long)MEM_PAGE_SIZE)
#define HEAP_PAGES 256
#define RW         (RT_PROT_READ | RT_PROT_WRITE)
#define ANON       (RT_MAP_PRIVATE | RT_MAP_ANONYMOUS)
#define GARBAGE    0xa5

static unsigned char *heap;
static long base, end;

// A fresh heap of n pages at the start of the buffer.
static void
heap_reset(long pages)
{
	if (heap == NULL)
		heap = aligned_alloc(MEM_PAGE_SIZE, HEAP_PAGES * MEM_PAGE_SIZE);
	memset(heap, GARBAGE, HEAP_PAGES * MEM_PAGE_SIZE);
	base = (long)heap;
	end = base + pages * P;
	mem_init((uintptr_t)base, (uintptr_t)end);
}

static long
map(long len)
{
	return sys_mmap(NULL, (size_t)len, RW, ANON, -1, 0);
}

static long
map_at(long addr, long len, int flags)
{
	return sys_mmap((void *)addr, (size_t)len, RW, ANON | flags, -1, 0);
}

static long
unmap(long addr, long len)
{
	return sys_munmap((void *)addr, (size_t)len);
}

static long
remap(long addr, long old_len, long new_len, int flags, long new_addr)
{
	return sys_mremap((void *)addr, (size_t)old_len, (size_t)new_len, flags,
	                  (void *)new_addr);
}

static bool
is_zero(long addr, long len)
{
	const unsigned char *p = (const unsigned char *)addr;

	for (long i = 0; i < len; i++) {
		if (p[i] != 0)
			return false;
	}
	return true;
}

static void
fill(long addr, long len, int c)
{
	memset((void *)addr, c, (size_t)len);
}

static unsigned
range_count(void)
{
	const struct mem_range *r;

	return mem_ranges(&r);
}

// A copy of the table, to show that a failed call left it alone.
static void
snapshot(struct mem_range out[RT_MEM_MAX_RANGES])
{
	const struct mem_range *r;
	unsigned n = mem_ranges(&r);

	memset(out, 0, RT_MEM_MAX_RANGES * sizeof(*out));
	memcpy(out, r, n * sizeof(*out));
}

static bool
unchanged(const struct mem_range before[RT_MEM_MAX_RANGES])
{
	struct mem_range now[RT_MEM_MAX_RANGES];

	snapshot(now);
	return memcmp(now, before, sizeof(now)) == 0 && mem_consistent();
}

TEST(memory, init_rounds_inwards)
{
	heap_reset(8);
	mem_init((uintptr_t)base + 1, (uintptr_t)end - 1);
	EXPECT_EQ(sys_brk(0), base + P);
	EXPECT_EQ(map(6 * P), base + P);
	EXPECT_EQ(map(P), -ENOMEM);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, brk_grows_and_shrinks)
{
	heap_reset(16);
	EXPECT_EQ(sys_brk(0), base);
	EXPECT_EQ(sys_brk((unsigned long)base + 100), base + 100);
	EXPECT_TRUE(is_zero(base, 100));
	EXPECT_EQ(sys_brk(0), base + 100);
	EXPECT_EQ(sys_brk((unsigned long)base + 3 * P + 8), base + 3 * P + 8);
	EXPECT_TRUE(is_zero(base, 3 * P + 8));
	EXPECT_EQ(sys_brk((unsigned long)base + P), base + P);
	EXPECT_EQ(sys_brk(0), base + P);
	// Below the start: the current break, as Linux answers.
	EXPECT_EQ(sys_brk((unsigned long)base - P), base + P);
	EXPECT_EQ(sys_brk(1), base + P);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, brk_limit_is_the_heap_end)
{
	heap_reset(16);
	EXPECT_EQ(sys_brk((unsigned long)end), end);
	EXPECT_TRUE(is_zero(base, end - base));
	EXPECT_EQ(sys_brk((unsigned long)end + 1), end);
	EXPECT_EQ(sys_brk(~0ul), end);
	EXPECT_EQ(map(P), -ENOMEM);
	EXPECT_EQ(sys_brk((unsigned long)base), base);
	EXPECT_EQ(map(P), end - P);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, brk_zeroes_what_it_exposes_again)
{
	heap_reset(16);
	EXPECT_EQ(sys_brk((unsigned long)base + 2 * P), base + 2 * P);
	fill(base, 2 * P, 0x11);
	// Shrinking inside a page keeps its memory; growing again must not
	// show the old bytes.
	EXPECT_EQ(sys_brk((unsigned long)base + 10), base + 10);
	EXPECT_EQ(sys_brk((unsigned long)base + 2 * P), base + 2 * P);
	EXPECT_TRUE(is_zero(base + 10, 2 * P - 10));
	EXPECT_EQ(*(unsigned char *)(base + 9), 0x11);
}

TEST(memory, mmap_comes_down_from_the_top)
{
	long a, b;

	heap_reset(16);
	a = map(P);
	EXPECT_EQ(a, end - P);
	b = map(2 * P);
	EXPECT_EQ(b, end - 3 * P);
	EXPECT_TRUE(is_zero(b, 3 * P));
	// Adjacent mappings are one range.
	EXPECT_EQ(range_count(), 1);
	EXPECT_EQ(map(P + 1), end - 5 * P);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, mmap_reuses_and_zeroes_freed_memory)
{
	long a, b, c;

	heap_reset(16);
	a = map(P);
	b = map(2 * P);
	c = map(P);
	fill(a, P, 1);
	fill(b, 2 * P, 2);
	fill(c, P, 3);
	EXPECT_EQ(unmap(b, 2 * P), 0);
	EXPECT_EQ(range_count(), 2);
	EXPECT_EQ(map(2 * P), b);
	EXPECT_TRUE(is_zero(b, 2 * P));
	EXPECT_EQ(range_count(), 1);
	EXPECT_EQ(*(unsigned char *)a, 1);
	EXPECT_EQ(*(unsigned char *)c, 3);
	// A smaller request fits in the freed hole, at its top.
	EXPECT_EQ(unmap(b, 2 * P), 0);
	EXPECT_EQ(map(P), b + P);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, brk_and_mmap_never_overlap)
{
	long top;

	heap_reset(16);
	EXPECT_EQ(sys_brk((unsigned long)base + 4 * P + 1), base + 4 * P + 1);
	// Exactly what is left above the break's page.
	top = map(11 * P);
	EXPECT_EQ(top, base + 5 * P);
	EXPECT_EQ(map(P), -ENOMEM);
	// brk may fill its own last page but not reach the mapping.
	EXPECT_EQ(sys_brk((unsigned long)base + 5 * P), base + 5 * P);
	EXPECT_EQ(sys_brk((unsigned long)base + 5 * P + 1), base + 5 * P);
	EXPECT_EQ(unmap(top, P), 0);
	EXPECT_EQ(sys_brk((unsigned long)base + 6 * P), base + 6 * P);
	EXPECT_EQ(map(P), -ENOMEM);
	// Freed below the break, pages go back to mmap.
	EXPECT_EQ(sys_brk((unsigned long)base + 2 * P), base + 2 * P);
	EXPECT_EQ(map(4 * P), base + 2 * P);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, mallocng_guard_page_over_brk)
{
	long b;

	heap_reset(16);
	// What musl's mallocng alloc_meta does on its first call.
	b = sys_brk(0);
	EXPECT_EQ(sys_brk((unsigned long)b + 2 * P), b + 2 * P);
	fill(b, 2 * P, 0x77);
	EXPECT_EQ(
	    sys_mmap((void *)b, P, RT_PROT_NONE, ANON | RT_MAP_FIXED, -1, 0),
	    b);
	EXPECT_TRUE(is_zero(b, P));
	EXPECT_EQ(*(unsigned char *)(b + P), 0x77);
	// The guard stays part of the brk area: no range, and brk goes on.
	EXPECT_EQ(range_count(), 0);
	EXPECT_EQ(sys_brk((unsigned long)b + 3 * P), b + 3 * P);
	EXPECT_EQ(sys_mprotect((void *)b, P, RW), 0);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, map_fixed_across_the_break)
{
	heap_reset(16);
	EXPECT_EQ(sys_brk((unsigned long)base + 2 * P), base + 2 * P);
	EXPECT_EQ(map_at(base + P, 3 * P, RT_MAP_FIXED), base + P);
	EXPECT_EQ(range_count(), 1);
	// The part above the break is a mapping now, in brk's way.
	EXPECT_EQ(sys_brk((unsigned long)base + 3 * P), base + 2 * P);
	EXPECT_EQ(unmap(base + P, 3 * P), 0);
	EXPECT_EQ(range_count(), 0);
	EXPECT_EQ(sys_brk((unsigned long)base + 3 * P), base + 3 * P);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, map_fixed_replaces_and_zeroes)
{
	long a;

	heap_reset(16);
	a = map(4 * P);
	fill(a, 4 * P, 9);
	EXPECT_EQ(map_at(a + P, 2 * P, RT_MAP_FIXED), a + P);
	EXPECT_TRUE(is_zero(a + P, 2 * P));
	EXPECT_EQ(*(unsigned char *)a, 9);
	EXPECT_EQ(*(unsigned char *)(a + 3 * P), 9);
	EXPECT_EQ(range_count(), 1);
	// Joining two mappings through a free gap merges all three.
	EXPECT_EQ(unmap(a + P, P), 0);
	EXPECT_EQ(range_count(), 2);
	EXPECT_EQ(map_at(a, 3 * P, RT_MAP_FIXED), a);
	EXPECT_EQ(range_count(), 1);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, map_fixed_noreplace)
{
	long a;

	heap_reset(16);
	a = map(P);
	EXPECT_EQ(map_at(a, P, RT_MAP_FIXED_NOREPLACE), -EEXIST);
	EXPECT_EQ(map_at(a - P, 2 * P, RT_MAP_FIXED_NOREPLACE), -EEXIST);
	// It wins over MAP_FIXED, as in Linux.
	EXPECT_EQ(map_at(a, P, RT_MAP_FIXED_NOREPLACE | RT_MAP_FIXED), -EEXIST);
	EXPECT_EQ(map_at(a - P, P, RT_MAP_FIXED_NOREPLACE), a - P);
	EXPECT_EQ(range_count(), 1);
	EXPECT_EQ(sys_brk((unsigned long)base + P), base + P);
	EXPECT_EQ(map_at(base, P, RT_MAP_FIXED_NOREPLACE), -EEXIST);
	EXPECT_EQ(map_at(base + P, P, RT_MAP_FIXED_NOREPLACE), base + P);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, map_fixed_outside_the_heap)
{
	heap_reset(16);
	EXPECT_EQ(map_at(base - P, P, RT_MAP_FIXED), -ENOMEM);
	EXPECT_EQ(map_at(end - P, 2 * P, RT_MAP_FIXED), -ENOMEM);
	EXPECT_EQ(map_at(end, P, RT_MAP_FIXED_NOREPLACE), -ENOMEM);
	EXPECT_EQ(range_count(), 0);
}

TEST(memory, mmap_hints)
{
	long a;

	heap_reset(16);
	EXPECT_EQ(map_at(base + 4 * P, P, 0), base + 4 * P);
	// Rounded up to a page, like Linux.
	EXPECT_EQ(map_at(base + 6 * P - 5, P, 0), base + 6 * P);
	// A taken or impossible hint is ignored.
	a = map_at(base + 4 * P, P, 0);
	EXPECT_EQ(a, end - P);
	EXPECT_EQ(map_at(end - P, 2 * P, 0), end - 3 * P);
	EXPECT_EQ(map_at(base - 100 * P, P, 0), end - 4 * P);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, munmap_splits_and_trims)
{
	const struct mem_range *r;
	long a;

	heap_reset(16);
	a = map(8 * P);
	EXPECT_EQ(unmap(a + 2 * P, P), 0);
	EXPECT_EQ(mem_ranges(&r), 2);
	EXPECT_EQ(r[0].end - r[0].start, 2);
	EXPECT_EQ(r[1].end - r[1].start, 5);
	// Trim the front of one range and the back of the other at once.
	EXPECT_EQ(unmap(a + P, 3 * P), 0);
	EXPECT_EQ(mem_ranges(&r), 2);
	EXPECT_EQ(r[0].end - r[0].start, 1);
	EXPECT_EQ(r[1].end - r[1].start, 4);
	// Unmapping free memory, or past the heap, is fine.
	EXPECT_EQ(unmap(base, 4 * P), 0);
	EXPECT_EQ(unmap(end, 4 * P), 0);
	EXPECT_EQ(unmap(base - 8 * P, 4 * P), 0);
	// A length that is not a page multiple covers the last page too.
	EXPECT_EQ(unmap(a, 1), 0);
	EXPECT_EQ(mem_ranges(&r), 1);
	EXPECT_EQ(unmap(base - P, (end - base) + 2 * P), 0);
	EXPECT_EQ(range_count(), 0);
	EXPECT_EQ(map(16 * P), base);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, munmap_leaves_the_brk_area)
{
	heap_reset(16);
	EXPECT_EQ(sys_brk((unsigned long)base + 2 * P), base + 2 * P);
	fill(base, 2 * P, 4);
	EXPECT_EQ(unmap(base, 2 * P), 0);
	EXPECT_EQ(sys_brk(0), base + 2 * P);
	EXPECT_EQ(*(unsigned char *)base, 4);
	EXPECT_EQ(map(14 * P), base + 2 * P);
}

// Fills the table with isolated one-page mappings from the heap's bottom,
// leaving the top of the heap free.
static void
fill_table(void)
{
	for (long i = 0; i < RT_MEM_MAX_RANGES; i++)
		ASSERT_EQ(map_at(base + 2 * i * P, P, RT_MAP_FIXED),
		          base + 2 * i * P);
	ASSERT_EQ(range_count(), RT_MEM_MAX_RANGES);
}

TEST(memory, table_full_is_enomem_without_damage)
{
	struct mem_range before[RT_MEM_MAX_RANGES];
	long a;

	heap_reset(HEAP_PAGES);
	fill_table();
	snapshot(before);
	// Anything that needs another slot fails and changes nothing.
	EXPECT_EQ(map(P), -ENOMEM);
	EXPECT_EQ(map_at(end - P, P, RT_MAP_FIXED), -ENOMEM);
	EXPECT_EQ(map_at(end - P, P, RT_MAP_FIXED_NOREPLACE), -ENOMEM);
	EXPECT_TRUE(unchanged(before));
	// What merges still works: filling a hole frees a slot.
	EXPECT_EQ(map_at(base + P, P, RT_MAP_FIXED), base + P);
	EXPECT_EQ(range_count(), RT_MEM_MAX_RANGES - 1);
	a = map(P);
	EXPECT_EQ(a, end - P);
	EXPECT_EQ(range_count(), RT_MEM_MAX_RANGES);
	// Trimming a range needs no slot, splitting one does.
	EXPECT_EQ(map_at(a - 2 * P, 2 * P, RT_MAP_FIXED), a - 2 * P);
	EXPECT_EQ(unmap(a, P), 0);
	EXPECT_EQ(map_at(a, P, RT_MAP_FIXED), a);
	snapshot(before);
	EXPECT_EQ(unmap(a - P, P), -ENOMEM);
	EXPECT_EQ(remap(a - 2 * P, P, 4 * P, RT_MREMAP_MAYMOVE, 0), -ENOMEM);
	EXPECT_TRUE(unchanged(before));
	EXPECT_EQ(remap(a - 2 * P, 3 * P, P, 0, 0), a - 2 * P);
	EXPECT_EQ(range_count(), RT_MEM_MAX_RANGES);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, table_full_mremap_move_rolls_back)
{
	struct mem_range before[RT_MEM_MAX_RANGES];
	long a;

	heap_reset(HEAP_PAGES);
	fill_table();
	// Merge the first two ranges into one of three pages...
	EXPECT_EQ(map_at(base + P, P, RT_MAP_FIXED), base + P);
	// ...and take the freed slot with a mapping at the top.
	a = map(P);
	EXPECT_EQ(a, end - P);
	ASSERT_EQ(range_count(), RT_MEM_MAX_RANGES);
	fill(base + P, P, 5);
	snapshot(before);
	// Moving the middle page out splits its range: no slot, no move.
	EXPECT_EQ(remap(base + P, P, 4 * P, RT_MREMAP_MAYMOVE, 0), -ENOMEM);
	EXPECT_EQ(remap(base + P, P, P, RT_MREMAP_MAYMOVE | RT_MREMAP_FIXED,
	                end - 8 * P),
	          -ENOMEM);
	EXPECT_TRUE(unchanged(before));
	EXPECT_EQ(*(unsigned char *)(base + P), 5);
	// Moving the whole range frees its slot for the target.
	EXPECT_EQ(remap(base, 3 * P, 3 * P, RT_MREMAP_MAYMOVE | RT_MREMAP_FIXED,
	                end - 8 * P),
	          end - 8 * P);
	EXPECT_EQ(*(unsigned char *)(end - 7 * P), 5);
	EXPECT_EQ(range_count(), RT_MEM_MAX_RANGES);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, mremap_grows_in_place)
{
	long a, b;

	heap_reset(16);
	a = map(P);
	b = map(P);
	fill(b, P, 6);
	EXPECT_EQ(unmap(a, P), 0);
	EXPECT_EQ(remap(b, P, 2 * P, 0, 0), b);
	EXPECT_EQ(*(unsigned char *)b, 6);
	EXPECT_TRUE(is_zero(b + P, P));
	EXPECT_EQ(range_count(), 1);
	// No room above the heap's end.
	EXPECT_EQ(remap(b, 2 * P, 3 * P, 0, 0), -ENOMEM);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, mremap_moves_when_it_must)
{
	long a, b, c;

	heap_reset(16);
	a = map(P);
	b = map(2 * P);
	fill(b, 2 * P, 7);
	EXPECT_EQ(remap(b, 2 * P, 3 * P, 0, 0), -ENOMEM);
	c = remap(b, 2 * P, 3 * P, RT_MREMAP_MAYMOVE, 0);
	EXPECT_EQ(c, b - 3 * P);
	EXPECT_EQ(*(unsigned char *)c, 7);
	EXPECT_EQ(*(unsigned char *)(c + 2 * P - 1), 7);
	EXPECT_TRUE(is_zero(c + 2 * P, P));
	// The old place is free again: the next mapping takes it.
	EXPECT_EQ(range_count(), 2);
	EXPECT_EQ(map(2 * P), b);
	EXPECT_EQ(map(P), a - 6 * P);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, mremap_shrinks)
{
	long a;

	heap_reset(16);
	a = map(4 * P);
	fill(a, 4 * P, 1);
	EXPECT_EQ(remap(a, 4 * P, P + 1, 0, 0), a);
	EXPECT_EQ(range_count(), 1);
	EXPECT_EQ(*(unsigned char *)(a + 2 * P - 1), 1);
	// The freed tail is reused, and zeroed.
	EXPECT_EQ(map(2 * P), a + 2 * P);
	EXPECT_TRUE(is_zero(a + 2 * P, 2 * P));
	// Shrinking a part out of the middle of a range splits it.
	EXPECT_EQ(remap(a, 3 * P, P, 0, 0), a);
	EXPECT_EQ(range_count(), 2);
	EXPECT_EQ(remap(a, P, P, 0, 0), a);
	EXPECT_EQ(range_count(), 2);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, mremap_fixed)
{
	long a, t;

	heap_reset(16);
	a = map(2 * P);
	fill(a, 2 * P, 8);
	t = base + 4 * P;
	fill(t, 3 * P, 0x55);
	EXPECT_EQ(
	    remap(a, 2 * P, 3 * P, RT_MREMAP_MAYMOVE | RT_MREMAP_FIXED, t), t);
	EXPECT_EQ(*(unsigned char *)t, 8);
	EXPECT_EQ(*(unsigned char *)(t + 2 * P - 1), 8);
	EXPECT_TRUE(is_zero(t + 2 * P, P));
	EXPECT_EQ(range_count(), 1);
	// Overlapping the old place, or outside the heap, is refused.
	EXPECT_EQ(
	    remap(t, 3 * P, 3 * P, RT_MREMAP_MAYMOVE | RT_MREMAP_FIXED, t + P),
	    -EINVAL);
	EXPECT_EQ(remap(t, 3 * P, P, RT_MREMAP_MAYMOVE | RT_MREMAP_FIXED, end),
	          -ENOMEM);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, mremap_invalid)
{
	long a;

	heap_reset(16);
	a = map(2 * P);
	EXPECT_EQ(remap(a + 1, P, 2 * P, RT_MREMAP_MAYMOVE, 0), -EINVAL);
	EXPECT_EQ(remap(a, P, 0, RT_MREMAP_MAYMOVE, 0), -EINVAL);
	EXPECT_EQ(remap(a, 0, P, RT_MREMAP_MAYMOVE, 0), -EINVAL);
	EXPECT_EQ(remap(a, P, P, 8, 0), -EINVAL);
	EXPECT_EQ(remap(a, P, P, RT_MREMAP_FIXED, base), -EINVAL);
	EXPECT_EQ(remap(a, P, P, RT_MREMAP_MAYMOVE | RT_MREMAP_DONTUNMAP, 0),
	          -EINVAL);
	EXPECT_EQ(remap(a, P, P, RT_MREMAP_MAYMOVE | RT_MREMAP_FIXED, base + 1),
	          -EINVAL);
	EXPECT_EQ(remap(a, P, -1, RT_MREMAP_MAYMOVE, 0), -EINVAL);
	// Not mapped, or beyond one mapping: -EFAULT.
	EXPECT_EQ(remap(base, P, 2 * P, RT_MREMAP_MAYMOVE, 0), -EFAULT);
	EXPECT_EQ(remap(a, 3 * P, 4 * P, RT_MREMAP_MAYMOVE, 0), -EFAULT);
	EXPECT_EQ(remap(base - P, P, 2 * P, RT_MREMAP_MAYMOVE, 0), -EFAULT);
	EXPECT_EQ(sys_brk((unsigned long)base + P), base + P);
	EXPECT_EQ(remap(base, P, 2 * P, RT_MREMAP_MAYMOVE, 0), -EFAULT);
	EXPECT_EQ(remap(a, P, 17 * P, RT_MREMAP_MAYMOVE, 0), -ENOMEM);
	EXPECT_EQ(range_count(), 1);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, madvise)
{
	long a;

	heap_reset(16);
	a = map(2 * P);
	EXPECT_EQ(sys_brk((unsigned long)base + P), base + P);
	fill(a, 2 * P, 3);
	fill(base, P, 3);
	EXPECT_EQ(sys_madvise((void *)a, 2 * P, RT_MADV_FREE), 0);
	EXPECT_EQ(sys_madvise((void *)a, P, RT_MADV_DONTNEED), 0);
	EXPECT_TRUE(is_zero(a, P));
	EXPECT_EQ(*(unsigned char *)(a + P), 3);
	EXPECT_EQ(sys_madvise((void *)base, 1, RT_MADV_DONTNEED), 0);
	EXPECT_TRUE(is_zero(base, P));
	// Holes are reported after the mapped part got the advice.
	EXPECT_EQ(sys_madvise((void *)(a - P), 2 * P, RT_MADV_DONTNEED),
	          -ENOMEM);
	EXPECT_TRUE(is_zero(a, 2 * P) == false);
	EXPECT_EQ(sys_madvise((void *)(a + P), 2 * P, RT_MADV_DONTNEED),
	          -ENOMEM);
	EXPECT_TRUE(is_zero(a, 2 * P));
	EXPECT_EQ(sys_madvise((void *)(base - P), P, 0), -ENOMEM);
	EXPECT_EQ(sys_madvise((void *)a, 0, 0), 0);
	EXPECT_EQ(sys_madvise((void *)(a + 1), P, 0), -EINVAL);
	EXPECT_EQ(sys_madvise((void *)a, P, 9), -EINVAL);
	EXPECT_EQ(sys_madvise((void *)a, P, 100), -EINVAL);
	EXPECT_EQ(sys_madvise((void *)a, P, -1), -EINVAL);
	EXPECT_EQ(sys_madvise((void *)a, (size_t)-1, 0), -EINVAL);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, mprotect)
{
	long a;

	heap_reset(16);
	a = map(2 * P);
	EXPECT_EQ(sys_mprotect((void *)a, 2 * P, RT_PROT_NONE), 0);
	EXPECT_EQ(sys_mprotect((void *)a, P + 1, RW | RT_PROT_EXEC), 0);
	EXPECT_EQ(sys_mprotect((void *)a, 3 * P, RW), -ENOMEM);
	EXPECT_EQ(sys_mprotect((void *)base, P, RW), -ENOMEM);
	EXPECT_EQ(sys_mprotect((void *)(a + 1), P, RW), -EINVAL);
	EXPECT_EQ(sys_mprotect((void *)a, P, 0x40), -EINVAL);
	EXPECT_EQ(sys_mprotect((void *)a, P, RT_PROT_MTE), -EINVAL);
	EXPECT_EQ(sys_mprotect((void *)a, P, RT_PROT_GROWSDOWN), -EINVAL);
	EXPECT_EQ(
	    sys_mprotect((void *)a, P, RT_PROT_GROWSDOWN | RT_PROT_GROWSUP),
	    -EINVAL);
	// Linux checks the length before the bits.
	EXPECT_EQ(sys_mprotect((void *)a, 0, 0x40), 0);
	EXPECT_EQ(sys_mprotect((void *)a, (size_t)-1, RW), -ENOMEM);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, mmap_invalid)
{
	heap_reset(16);
	EXPECT_EQ(sys_mmap(NULL, 0, RW, ANON, -1, 0), -EINVAL);
	EXPECT_EQ(sys_mmap(NULL, P, RW, ANON, -1, 1), -EINVAL);
	EXPECT_EQ(map_at(base + 1, P, RT_MAP_FIXED), -EINVAL);
	EXPECT_EQ(map_at(base + 1, P, RT_MAP_FIXED_NOREPLACE), -EINVAL);
	EXPECT_EQ(sys_mmap(NULL, P, RW, RT_MAP_ANONYMOUS, -1, 0), -EINVAL);
	// MAP_SHARED_VALIDATE is for files: Linux refuses it here.
	EXPECT_EQ(sys_mmap(NULL, P, RW, 3 | RT_MAP_ANONYMOUS, -1, 0), -EINVAL);
	EXPECT_EQ(sys_mmap(NULL, P, RW, ANON | 0x40, -1, 0), -EINVAL);
	EXPECT_EQ(sys_mmap(NULL, P, RW, ANON | RT_MAP_GROWSDOWN, -1, 0),
	          -EINVAL);
	EXPECT_EQ(sys_mmap(NULL, P, RW, ANON | RT_MAP_HUGETLB, -1, 0), -EINVAL);
	EXPECT_EQ(sys_mmap(NULL, P, RW,
	                   RT_MAP_SHARED | RT_MAP_ANONYMOUS | RT_MAP_GROWSDOWN,
	                   -1, 0),
	          -EINVAL);
	EXPECT_EQ(
	    sys_mmap(NULL, P, RW, RT_MAP_SHARED | RT_MAP_ANONYMOUS, -1, 1),
	    -EINVAL);
	EXPECT_EQ(sys_mmap(NULL, P, 0x40, ANON, -1, 0), -EINVAL);
	EXPECT_EQ(sys_mmap(NULL, P, RT_PROT_GROWSDOWN, ANON, -1, 0), -EINVAL);
	// File mappings: nothing open can be mapped.
	EXPECT_EQ(sys_mmap(NULL, P, RW, RT_MAP_PRIVATE, 1, 0), -ENODEV);
	EXPECT_EQ(sys_mmap(NULL, P, RW, RT_MAP_SHARED, 0, 0), -ENODEV);
	EXPECT_EQ(sys_mmap(NULL, P, RW, RT_MAP_PRIVATE, 3, 0), -EBADF);
	EXPECT_EQ(sys_mmap(NULL, P, RW, RT_MAP_PRIVATE, -1, 0), -EBADF);
	// Too long: -ENOMEM, also when rounding up overflows.
	EXPECT_EQ(map(17 * P), -ENOMEM);
	EXPECT_EQ(map(-1), -ENOMEM);
	EXPECT_EQ(map(-P), -ENOMEM);
	// Harmless flags are accepted.
	EXPECT_EQ(
	    sys_mmap(NULL, P, RW | RT_PROT_EXEC,
	             ANON | RT_MAP_NORESERVE | RT_MAP_POPULATE | RT_MAP_STACK,
	             -1, 0),
	    end - P);
	EXPECT_EQ(range_count(), 1);
	EXPECT_TRUE(mem_consistent());
}

// Linux ignores the fd (and the offset, once page-aligned) of an anonymous
// mapping, and maps MAP_SHARED anonymous memory too: with no fork it is
// private memory by another name.
TEST(memory, mmap_anonymous_as_linux)
{
	long a, b, c, d, e;

	heap_reset(16);
	a = sys_mmap(NULL, P, RW, RT_MAP_SHARED | RT_MAP_ANONYMOUS, -1, 0);
	EXPECT_EQ(a, end - P);
	EXPECT_TRUE(is_zero(a, P));
	// A closed fd, an open one: both ignored.
	b = sys_mmap(NULL, P, RW, ANON, 3, 0);
	EXPECT_EQ(b, end - 2 * P);
	EXPECT_TRUE(is_zero(b, P));
	c = sys_mmap(NULL, P, RW, ANON, 0, 0);
	EXPECT_EQ(c, end - 3 * P);
	d = sys_mmap(NULL, 2 * P, RW, RT_MAP_SHARED | RT_MAP_ANONYMOUS, 7,
	             4 * P);
	EXPECT_EQ(d, end - 5 * P);
	EXPECT_TRUE(is_zero(d, 2 * P));
	e = sys_mmap(NULL, P, RW, ANON, -1, 8 * P);
	EXPECT_EQ(e, end - 6 * P);
	// Shared ones unmap and move like any other.
	fill(a, P, 0x33);
	EXPECT_EQ(remap(a, P, 2 * P, RT_MREMAP_MAYMOVE, 0), end - 8 * P);
	EXPECT_EQ(*(unsigned char *)(end - 8 * P), 0x33);
	EXPECT_EQ(unmap(d, 2 * P), 0);
	EXPECT_EQ(sys_mmap((void *)d, P, RW,
	                   RT_MAP_SHARED | RT_MAP_ANONYMOUS | RT_MAP_FIXED, -1,
	                   0),
	          d);
	EXPECT_TRUE(mem_consistent());
}

TEST(memory, munmap_invalid)
{
	long a;

	heap_reset(16);
	a = map(P);
	EXPECT_EQ(unmap(a + 1, P), -EINVAL);
	EXPECT_EQ(unmap(a, 0), -EINVAL);
	EXPECT_EQ(unmap(a, -1), -EINVAL);
	EXPECT_EQ(unmap(-P, 2 * P), -EINVAL);
	EXPECT_EQ(range_count(), 1);
}

TEST(memory, runs_out_and_recovers)
{
	long pages[16];
	int i;

	heap_reset(16);
	for (i = 0; i < 16; i++) {
		pages[i] = map(P);
		ASSERT_EQ(pages[i], end - (i + 1) * P);
		fill(pages[i], P, i + 1);
	}
	EXPECT_EQ(map(P), -ENOMEM);
	EXPECT_EQ(sys_brk((unsigned long)base + 1), base);
	for (i = 0; i < 16; i += 2)
		EXPECT_EQ(unmap(pages[i], P), 0);
	EXPECT_EQ(range_count(), 8);
	EXPECT_EQ(map(2 * P), -ENOMEM);
	for (i = 0; i < 16; i += 2) {
		EXPECT_EQ(map(P), pages[i]);
		EXPECT_TRUE(is_zero(pages[i], P));
	}
	EXPECT_EQ(range_count(), 1);
	for (i = 1; i < 16; i += 2)
		EXPECT_EQ(*(unsigned char *)pages[i], i + 1);
	EXPECT_TRUE(mem_consistent());
}
