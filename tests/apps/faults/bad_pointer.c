// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// A read through a wild pointer, as an uninitialised or freed pointer
// gives. The runtime must report it with the address and the pc, and stop
// the VM with status 240. FAULT_ADDR picks the address, FAULT_CALL calls
// it rather than reading it.

#include <stdint.h>

#include "fault_util.h"

#ifndef FAULT_ADDR
#define FAULT_ADDR 0xdeadbeefdeadbeefull
#endif

// Volatile, so that the compiler knows no more than a running app would.
static volatile uintptr_t fault_addr = FAULT_ADDR;

#ifndef FAULT_CALL
__attribute__((noinline)) static uint32_t
read_it(volatile uint32_t *p)
{
	return *p;
}
#endif

int
main(void)
{
	volatile uint32_t *p = (volatile uint32_t *)fault_addr;

#ifdef FAULT_CALL
	// A call through the pointer instead: the fetch faults, at pc p.
	fault_expect_pc(fault_addr, fault_addr + 4, "the called address");
	FAULT_SAY("bad_pointer: calling %p\n", (void *)p);
	((void (*)(void))fault_addr)();
	FAULT_SAY("bad_pointer: the call returned, and went on (FAILED)\n");
#else
	uintptr_t at = (uintptr_t)read_it;

	fault_expect_pc(at, at + 16, "read_it()");
	FAULT_SAY("bad_pointer: reading %p\n", (void *)p);
	FAULT_SAY("bad_pointer: read %#x, and went on (FAILED)\n", read_it(p));
#endif
	return 1;
}
