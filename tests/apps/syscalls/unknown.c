// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Calls syscall numbers the runtime's table does not list. The default
// runtime must stop at the first with a panic naming it; the
// runtime-enosys build must answer each with -ENOSYS (-38), as Linux
// does. Exits 0 only if every call returned -38.

#include <stdio.h>

#include "raw_syscall.h"

#ifndef SYS_FIRST_NR
#define SYS_FIRST_NR 280 // bpf: Linux has it, the runtime does not
#endif

int
main(void)
{
	// The first is the one a panic names; the others check the number
	// is bounded however large it is. (Not 2^32 and above: Linux reads
	// the number as an int, so those alias low syscalls there.)
	static const unsigned long nrs[] = {
		SYS_FIRST_NR, 280, 300, 0x7fffffff, ~0ul,
	};
	int bad = 0;

	printf("sys_unknown: calling syscall %lu\n", (unsigned long)nrs[0]);
	fflush(stdout);
	for (unsigned i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		long r = RAW6((long)nrs[i], 1, 2, 3, 4, 5, 6);

		printf("sys_unknown: syscall %lu returned %ld\n", nrs[i], r);
		bad += r != -38;
	}
	if (bad == 0)
		printf("sys_unknown: every unknown syscall returned -ENOSYS\n");
	return bad != 0;
}
