// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// An identity map for EL1 and the MMU turned on with it: 4 KiB granule,
// 39-bit addresses (three levels from level 1), 2 MiB blocks where a range
// allows, pages elsewhere. Only for VMs whose hypervisor lets the guest
// have an MMU (not Gunyah's root VM).

#include <rt/arch.h>
#include <rt/string.h>

#define MMU_VA_BITS     39u
#define MMU_ENTRIES     512u
#define MMU_PAGE        0x1000u
#define MMU_BLOCK       0x200000u
#define MMU_ADDR_MASK   UINT64_C(0x0000fffffffff000)
#define DESC_VALID      (UINT64_C(1) << 0)
#define DESC_TABLE      (UINT64_C(1) << 1) // at level 3: a page
#define DESC_ATTR(i)    ((uint64_t)(i) << 2)
#define DESC_AP_RO      (UINT64_C(1) << 7)
#define DESC_SH_INNER   (UINT64_C(3) << 8)
#define DESC_AF         (UINT64_C(1) << 10)
#define DESC_PXN        (UINT64_C(1) << 53)
#define DESC_UXN        (UINT64_C(1) << 54)
#define MAIR_NORMAL_IDX 0u // Normal, write-back, read/write-allocate
#define MAIR_DEVICE_IDX 1u // Device-nGnRE
#define MAIR_VALUE      UINT64_C(0x04ff)
#define TCR_T0SZ        (64u - MMU_VA_BITS)
#define TCR_IRGN0_WBWA  (UINT64_C(1) << 8)
#define TCR_ORGN0_WBWA  (UINT64_C(1) << 10)
#define TCR_SH0_INNER   (UINT64_C(3) << 12)
#define TCR_EPD1        (UINT64_C(1) << 23) // no TTBR1 walks
#define TCR_IPS_SHIFT   32u
#define SCTLR_M         (UINT64_C(1) << 0)
#define SCTLR_C         (UINT64_C(1) << 2)
#define SCTLR_I         (UINT64_C(1) << 12)
#define SCTLR_WXN       (UINT64_C(1) << 19) // writable means never executed

static uint64_t
mmu_leaf_attrs(unsigned flags)
{
	uint64_t d = DESC_AF | DESC_UXN;

	if (flags & ARCH_MAP_DEVICE)
		d |= DESC_ATTR(MAIR_DEVICE_IDX) | DESC_PXN;
	else
		d |= DESC_ATTR(MAIR_NORMAL_IDX) | DESC_SH_INNER;
	if (!(flags & ARCH_MAP_WRITE))
		d |= DESC_AP_RO;
	if (!(flags & ARCH_MAP_EXEC))
		d |= DESC_PXN;
	return d;
}

// The table an entry points to, made from a fresh page if it has none;
// NULL when the allocator has nothing left or a block is in the way.
static uint64_t *
mmu_next(struct arch_mmu *m, uint64_t *entry)
{
	uint64_t *t;

	if (*entry & DESC_VALID)
		return (*entry & DESC_TABLE)
		           ? (uint64_t *)(uintptr_t)(*entry & MMU_ADDR_MASK)
		           : NULL;
	t = m->alloc(m->ctx);
	if (t == NULL)
		return NULL;
	memset(t, 0, MMU_PAGE);
	*entry = (uintptr_t)t | DESC_TABLE | DESC_VALID;
	return t;
}

int
arch_mmu_map(struct arch_mmu *m, uint64_t addr, uint64_t size, unsigned flags)
{
	uint64_t end = addr + size, attrs = mmu_leaf_attrs(flags);

	if ((addr | size) & (MMU_PAGE - 1) || end < addr ||
	    end > (UINT64_C(1) << MMU_VA_BITS))
		return -1;
	if (m->root == NULL && (m->root = m->alloc(m->ctx)) != NULL)
		memset(m->root, 0, MMU_PAGE);
	if (m->root == NULL)
		return -1;
	while (addr < end) {
		uint64_t *l2 =
		    mmu_next(m, &m->root[(addr >> 30) % MMU_ENTRIES]);
		uint64_t *l2e, *l3;

		if (l2 == NULL)
			return -1;
		l2e = &l2[(addr >> 21) % MMU_ENTRIES];
		if (addr % MMU_BLOCK == 0 && end - addr >= MMU_BLOCK &&
		    *l2e == 0) {
			*l2e = addr | attrs | DESC_VALID;
			addr += MMU_BLOCK;
			continue;
		}
		l3 = mmu_next(m, l2e);
		if (l3 == NULL)
			return -1;
		l3[(addr >> 12) % MMU_ENTRIES] =
		    addr | attrs | DESC_TABLE | DESC_VALID;
		addr += MMU_PAGE;
	}
	return 0;
}

void
arch_mmu_enable(const struct arch_mmu *m)
{
	uint64_t mmfr0, tcr, sctlr;

	__asm__("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
	// PARange as IPS: as many physical address bits as the CPU has.
	tcr = TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
	      TCR_EPD1 | ((mmfr0 & 0x7u) << TCR_IPS_SHIFT);
	__asm__ volatile("msr mair_el1, %1\n\t"
	                 "msr tcr_el1, %2\n\t"
	                 "msr ttbr0_el1, %3\n\t"
	                 "dsb ish\n\t"
	                 "isb\n\t"
	                 "tlbi vmalle1\n\t"
	                 "dsb nsh\n\t"
	                 "isb\n\t"
	                 "mrs %0, sctlr_el1"
	                 : "=&r"(sctlr)
	                 : "r"(MAIR_VALUE), "r"(tcr), "r"(m->root)
	                 : "memory");
	sctlr |= SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_WXN;
	__asm__ volatile("msr sctlr_el1, %0; isb" : : "r"(sctlr) : "memory");
}

// The data cache's smallest line, in bytes (CTR_EL0.DminLine, in words).
static uintptr_t
mmu_dcache_line(void)
{
	uint64_t ctr;

	__asm__("mrs %0, ctr_el0" : "=r"(ctr));
	return (uintptr_t)4 << ((ctr >> 16) & 0xfu);
}

// Every data-cache line of [addr, addr + size) invalidated to the point
// of coherency, written back first if clean is set.
static void
mmu_dcache_range(uintptr_t addr, size_t size, bool clean)
{
	uintptr_t line = mmu_dcache_line(), end = addr + size;

	for (addr = RT_ALIGN_DOWN(addr, line); addr < end; addr += line) {
		if (clean)
			__asm__ volatile("dc civac, %0"
			                 :
			                 : "r"(addr)
			                 : "memory");
		else
			__asm__ volatile("dc ivac, %0"
			                 :
			                 : "r"(addr)
			                 : "memory");
	}
	__asm__ volatile("dsb sy" : : : "memory");
}

void
arch_cache_invalidate(uintptr_t addr, size_t size)
{
	mmu_dcache_range(addr, size, false);
}

void
arch_cache_clean_invalidate(uintptr_t addr, size_t size)
{
	mmu_dcache_range(addr, size, true);
}
