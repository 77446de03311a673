// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What the GIC driver needs from the CPU beyond rt/arch.h.

#include <rt/gicv3.h>

uint64_t
arch_mpidr(void)
{
	uint64_t v;

	// Under Gunyah this reads VMPIDR_EL2 without a trap.
	__asm__("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

void
arch_dsb(void)
{
	__asm__ volatile("dsb sy" : : : "memory");
}
