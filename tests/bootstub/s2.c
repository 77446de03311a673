// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Stage-2 translation for the guest. HCR_EL2.DC makes the CPU behave as if
// HCR_EL2.VM were set, so these tables are in force even though the stub
// never sets VM. IPA = PA; only what Gunyah maps for the root VM is mapped
// (its memory; the PL011 once the app asks, trap.c), so a stray access
// faults here instead of going unnoticed. The GIC is left unmapped, as
// Gunyah leaves it: trap.c does each access.

#include "stub.h"

// 4 KiB granule, 32-bit IPA space, walks start at level 1 (4 entries).
#define S2_TABLES       32
#define S2_ENTRIES      512
#define S2_BLOCK_SIZE   0x200000UL
#define S2_IPA_LIMIT    (1UL << 32)
#define S2_ADDR_MASK    0x0000fffffffff000UL
#define S2_VTCR_T0SZ_32 32UL
#define S2_VTCR_SL0_L1  (1UL << 6)
#define S2_VTCR_RES1    (1UL << 31)

#define S2_VALID         (1UL << 0)
#define S2_TABLE         (1UL << 1) // at level 3: a page
#define S2_MEM_NORMAL_WB (0xfUL << 2)
#define S2_MEM_DEVICE    (0x1UL << 2) // Device-nGnRE
#define S2_AP_R          (1UL << 6)
#define S2_AP_W          (1UL << 7)
#define S2_SH_INNER      (3UL << 8)
#define S2_AF            (1UL << 10)
#define S2_XN            (1UL << 54)

static uint64_t s2_tables[S2_TABLES][S2_ENTRIES]
    __attribute__((aligned(STUB_PAGE_SIZE)));
static unsigned int s2_used = 1; // s2_tables[0] is the level-1 table

static uint64_t *
s2_table_at(uint64_t *entry)
{
	if (*entry == 0) {
		if (s2_used == S2_TABLES) {
			stub_fail("stage 2", "out of page tables", S2_TABLES);
		}
		*entry = (uint64_t)s2_tables[s2_used++] | S2_TABLE | S2_VALID;
	} else if (!(*entry & S2_TABLE)) {
		stub_fail("stage 2", "mapping overlaps a block at entry",
		          *entry);
	}
	return (uint64_t *)(*entry & S2_ADDR_MASK);
}

// Identity-maps [ipa, ipa + size): 2 MiB blocks where they fit, else pages.
static void
s2_map_attrs(uint64_t ipa, uint64_t size, uint64_t attrs)
{
	uint64_t end = ipa + size;

	if (ipa % STUB_PAGE_SIZE != 0 || size % STUB_PAGE_SIZE != 0 ||
	    end > S2_IPA_LIMIT || end < ipa) {
		stub_fail("stage 2", "bad range at", ipa);
	}
	while (ipa < end) {
		uint64_t *l2 = s2_table_at(&s2_tables[0][ipa >> 30]);
		uint64_t *l2e = &l2[(ipa >> 21) % S2_ENTRIES];

		if (ipa % S2_BLOCK_SIZE == 0 && end - ipa >= S2_BLOCK_SIZE &&
		    *l2e == 0) {
			*l2e = ipa | attrs | S2_VALID;
			ipa += S2_BLOCK_SIZE;
		} else {
			uint64_t *l3 = s2_table_at(l2e);

			l3[(ipa >> 12) % S2_ENTRIES] =
			    ipa | attrs | S2_TABLE | S2_VALID;
			ipa += STUB_PAGE_SIZE;
		}
	}
}

void
s2_map(uint64_t ipa, uint64_t size, unsigned int perms)
{
	uint64_t attrs = S2_MEM_NORMAL_WB | S2_SH_INNER | S2_AF;

	attrs |= (perms & STUB_PERM_R) ? S2_AP_R : 0;
	attrs |= (perms & STUB_PERM_W) ? S2_AP_W : 0;
	attrs |= (perms & STUB_PERM_X) ? 0 : S2_XN;
	s2_map_attrs(ipa, size, attrs);
}

void
s2_map_device_perms(uint64_t ipa, uint64_t size, unsigned int perms)
{
	uint64_t attrs = S2_MEM_DEVICE | S2_AF | S2_XN;

	attrs |= (perms & STUB_PERM_R) ? S2_AP_R : 0;
	attrs |= (perms & STUB_PERM_W) ? S2_AP_W : 0;
	s2_map_attrs(ipa, size, attrs);
	// A mapping added while the guest runs: the table writes must land
	// before the guest's next walk (no invalid entry is cached, so no TLB
	// invalidation is needed, but it is cheap and certain).
	__asm__ volatile("dsb ishst\n\t"
	                 "tlbi vmalls12e1is\n\t"
	                 "dsb ish\n\t"
	                 "isb"
	                 :
	                 :
	                 : "memory");
}

void
s2_enable(void)
{
	// Non-cacheable walks: the stub writes the tables with its MMU off.
	stub_write_sysreg(vtcr_el2,
	                  S2_VTCR_RES1 | S2_VTCR_SL0_L1 | S2_VTCR_T0SZ_32);
	stub_write_sysreg(vttbr_el2, (uint64_t)s2_tables[0]); // VMID 0
	__asm__ volatile("dsb ishst\n\t"
	                 "tlbi vmalls12e1is\n\t"
	                 "dsb ish\n\t"
	                 "isb"
	                 :
	                 :
	                 : "memory");
}
