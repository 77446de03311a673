// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Unbounded recursion with a 1 KiB array in each frame, and a syscall in
// each: the stack grows out of the 16 KiB boot gave the app, into the
// environment data below it. The runtime checks the stack pointer on every
// syscall and must stop the VM with a panic that says "stack overflow"
// before the runtime's own frames land there.
//
// Built with NO_SYSCALL, the recursion makes none: only a guard below the
// stack (an Image's, which the MMU leaves unmapped) can stop it, with a
// fault that the runtime reports as the stack overflow it is.

#include <sys/syscall.h>
#include <unistd.h>

#include "fault_util.h"

static volatile unsigned long deepest;

__attribute__((noinline)) static unsigned long
recurse(unsigned long n)
{
	volatile char frame[1024];

	frame[0] = (char)n;
	frame[sizeof(frame) - 1] = (char)n;
	deepest = n;
#ifndef NO_SYSCALL
	syscall(SYS_getpid);
#endif
	// Far beyond any stack the runtime gives; only there to end the
	// recursion as far as the compiler can tell.
	if (n == 1ul << 30)
		return frame[0];
	return recurse(n + 1) + frame[n % sizeof(frame)];
}

int
main(void)
{
	FAULT_SAY("stack_overflow: recursing with 1 KiB frames\n");
	recurse(0);
	FAULT_SAY("stack_overflow: came back from %lu frames (FAILED)\n",
	          deepest);
	return 1;
}
