// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// A read through a wild pointer, as an uninitialised or freed pointer
// gives. The runtime must report it with the address and the pc, and stop
// the VM with status 240. FAULT_ADDR picks the address (see
// tests/qemu/fault_bad_pointer.test for which ones reach the runtime).

#include <stdint.h>

#include "fault_util.h"

#ifndef FAULT_ADDR
#define FAULT_ADDR 0xdeadbeefdeadbeefull
#endif

// Volatile, so that the compiler knows no more than a running app would.
static volatile uintptr_t fault_addr = FAULT_ADDR;

__attribute__((noinline)) static uint32_t
read_it(volatile uint32_t *p)
{
	return *p;
}

int
main(void)
{
	volatile uint32_t *p = (volatile uint32_t *)fault_addr;
	uintptr_t at = (uintptr_t)read_it;

	fault_expect_pc(at, at + 16, "read_it()");
	FAULT_SAY("bad_pointer: reading %p\n", (void *)p);
	FAULT_SAY("bad_pointer: read %#x, and went on (FAILED)\n", read_it(p));
	return 1;
}
