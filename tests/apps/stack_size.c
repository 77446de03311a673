// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// An app linked with -z stack-size=0x40000 asks for a 256 KiB stack the
// standard way (PT_GNU_STACK's p_memsz). It gets it: a 200 KiB array lives
// on it through syscalls, and the heap (brk) starts above it.

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define STACK_SIZE 0x40000ul
#define ARRAY_SIZE (200ul * 1024)

static int failures;

static void
check(int ok, const char *what)
{
	printf("stack_size: %s: %s\n", ok ? "ok" : "FAILED", what);
	failures += !ok;
}

// Touches every page of a 200 KiB array, with syscalls between, and
// returns a sum the compiler cannot know.
__attribute__((noinline)) static unsigned long
big_frame(void)
{
	volatile unsigned char frame[ARRAY_SIZE];
	unsigned long sum = 0;

	for (size_t i = 0; i < sizeof(frame); i += 4096) {
		frame[i] = (unsigned char)(i >> 12);
		syscall(SYS_getpid);
	}
	for (size_t i = 0; i < sizeof(frame); i += 4096)
		sum += frame[i];
	return sum;
}

int
main(void)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	uintptr_t brk0 = (uintptr_t)sbrk(0);
	unsigned long want = 0;

	for (size_t i = 0; i < ARRAY_SIZE; i += 4096)
		want += (unsigned char)(i >> 12);
	check(big_frame() == want,
	      "a 200 KiB array on the stack, syscalls in between");
	// The stack is the heap's first STACK_SIZE bytes; brk starts after it.
	check(sp < brk0 && brk0 - sp < STACK_SIZE,
	      "the heap's break starts right above the stack");
	printf("stack_size: %s\n",
	       failures ? "some checks FAILED" : "all checks passed");
	return failures != 0;
}
