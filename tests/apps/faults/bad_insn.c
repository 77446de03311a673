// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// An instruction that traps: UDF (an undefined instruction, as data run as
// code or a corrupted function pointer gives) or BRK (what __builtin_trap()
// and some assertion macros compile to). The runtime must name it, with
// the pc, and stop the VM with status 240. FAULT_BRK picks BRK.

#include "fault_util.h"

__attribute__((noinline)) static void
fault(void)
{
#ifdef FAULT_BRK
	__builtin_trap();
#else
	__asm__ volatile("udf #0");
#endif
}

int
main(void)
{
	uintptr_t at = (uintptr_t)fault;

	// fault() is a leaf: the trapping instruction is among its first.
	fault_expect_pc(at, at + 16, "fault()");
	FAULT_SAY("bad_insn: fault() is at %p\n", (void *)fault);
	fault();
	FAULT_SAY("bad_insn: went on after the fault (FAILED)\n");
	return 1;
}
