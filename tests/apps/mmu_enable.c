// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Gunyah refuses an SCTLR_EL1 write that sets M; so does our boot stub. This
// app proves the stub catches it, so a runtime that tried would fail tests.

#include <stdint.h>
#include <stdio.h>

int
main(void)
{
	uint64_t sctlr;

	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	printf("mmu_enable: writing SCTLR_EL1 = %#lx\n",
	       (unsigned long)(sctlr | 1));
	__asm__ volatile("msr sctlr_el1, %0; isb" : : "r"(sctlr | 1));
	printf("mmu_enable: the write was not refused\n");
	return 0;
}
