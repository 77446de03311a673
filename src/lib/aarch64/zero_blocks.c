// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// memset's fast path for large zero fills: DC ZVA, a cache block a time.

#include <rt/string.h>

#define DCZID_DZP   (1u << 4)
#define DCZID_BS(r) ((uintptr_t)4 << ((r)&0xfu))
// Larger blocks are not worth it below STRING_ZERO_BLOCKS_MIN.
#define ZERO_BLOCK_MAX 256u

static bool zero_blocks_allowed;

void
string_allow_zero_blocks(void)
{
	zero_blocks_allowed = true;
}

bool
string_zero_blocks(void *p, size_t n, uintptr_t *lo, uintptr_t *hi)
{
	uintptr_t a = (uintptr_t)p, bs, mid, last;
	uint64_t dczid;

	if (!zero_blocks_allowed)
		return false;
	__asm__("mrs %0, dczid_el0" : "=r"(dczid));
	bs = DCZID_BS(dczid);
	if ((dczid & DCZID_DZP) != 0 || bs > ZERO_BLOCK_MAX)
		return false;
	mid = RT_ALIGN_UP(a, bs);
	last = RT_ALIGN_DOWN(a + n, bs);
	for (uintptr_t b = mid; b < last; b += bs)
		__asm__ volatile("dc zva, %0" : : "r"(b) : "memory");
	*lo = mid;
	*hi = last;
	return true;
}
