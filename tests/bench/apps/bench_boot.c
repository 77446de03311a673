// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Booted with the stub's `pmu` flag, which starts counting EL1 instructions
// at the runtime's first one: what main reads first is the whole boot,
// runtime and libc start-up together.

#include <stdint.h>
#include <stdio.h>

#include <bench.h>

int
main(void)
{
	uint64_t boot = bench_pmu_read();

	printf("BENCH boot_to_main %llu\n", (unsigned long long)boot);
	return 0;
}
