// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Exit QEMU with a status: the only way a guest can hand the host one
// (QEMU runs with -semihosting-config enable=on,target=native).

#include "stub.h"

#define SEMIHOST_SYS_EXIT                     0x18
#define SEMIHOST_ADP_STOPPED_APPLICATION_EXIT 0x20026

noreturn void
semihost_exit(unsigned int status)
{
	// On AArch64, SYS_EXIT takes a pointer to {reason, subcode}.
	uint64_t block[2] = { SEMIHOST_ADP_STOPPED_APPLICATION_EXIT,
		              status & 0xff };
	register uint64_t x0 __asm__("x0") = SEMIHOST_SYS_EXIT;
	register uint64_t x1 __asm__("x1") = (uint64_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");

	// Only reached without semihosting: stop here, visibly.
	for (;;) {
		__asm__ volatile("wfi");
	}
}
