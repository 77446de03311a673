// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What main reads first is the whole boot, runtime and libc start-up
// together. Under the boot stub with its `pmu` flag, the PMU has counted EL1
// instructions from the runtime's first one. Booted as an Image nothing
// started the PMU, but the virtual counter has run since QEMU's reset: under
// -icount it counts instructions (tools/bench.py converts), QEMU's few of
// its own loader's included.

#include <stdint.h>
#include <stdio.h>

#include <bench.h>

int
main(void)
{
	uint64_t boot = bench_pmu_read(), enabled, ticks, freq;

	__asm__ volatile("isb\nmrs %0, cntvct_el0" : "=r"(ticks));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	__asm__ volatile("mrs %0, pmcntenset_el0" : "=r"(enabled));
	if (enabled & 1u)
		printf("BENCH boot_to_main %llu\n", (unsigned long long)boot);
	printf("BENCH counter_at_main %llu\n", (unsigned long long)ticks);
	printf("BENCH counter_hz %llu\n", (unsigned long long)freq);
	return 0;
}
