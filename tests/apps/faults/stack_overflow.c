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
// fault that the runtime reports as the stack overflow it is. With
// SMALL_FRAMES too, each frame is only what the call pushes, with a store
// that moves sp (stp x29, x30, [sp, #-n]!): that store faults before sp
// moves, so only the fault's address shows the overflow.

#include <sys/syscall.h>
#include <unistd.h>

#include "fault_util.h"

#ifdef SMALL_FRAMES
#define SMALL_FRAMES_NAME "small"
#else
#define SMALL_FRAMES_NAME "1 KiB"
#endif

static volatile unsigned long deepest;

#ifdef SMALL_FRAMES
static unsigned long recurse(unsigned long n);
// Called through a pointer the compiler cannot see through, so that the
// recursion stays one (not a loop) with nothing on the stack but the
// frame record each call pushes.
static unsigned long (*volatile recurse_again)(unsigned long) = recurse;

__attribute__((noinline)) static unsigned long
recurse(unsigned long n)
{
	deepest = n;
	if (n == 1ul << 30)
		return n;
	return recurse_again(n + 1) + 1;
}
#else

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
#endif

int
main(void)
{
	FAULT_SAY("stack_overflow: recursing with %s frames\n",
	          SMALL_FRAMES_NAME);
	recurse(0);
	FAULT_SAY("stack_overflow: came back from %lu frames (FAILED)\n",
	          deepest);
	return 1;
}
