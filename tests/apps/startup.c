// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What an ordinary C program assumes at start-up: an aligned stack, 16
// random bytes at AT_RANDOM, initialised data and zeroed bss.

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static unsigned char zeroed[8192];
static volatile uint64_t initialised = 0x1122334455667788ull;
static int failures;

static void
check(int ok, const char *what)
{
	printf("startup: %s: %s\n", ok ? "ok" : "FAILED", what);
	failures += !ok;
}

__attribute__((noinline)) static uintptr_t
frame_address(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

int
main(void)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	unsigned nonzero = 0;
	int all_zero = 1;

	check(frame_address() % 16 == 0, "stack is 16-byte aligned");
	check(rnd != NULL, "AT_RANDOM is set");
	for (int i = 0; rnd && i < 16; i++)
		nonzero += rnd[i] != 0;
	check(nonzero >= 8, "AT_RANDOM has 16 bytes, not all zero");
	for (size_t i = 0; i < sizeof(zeroed); i++)
		all_zero &= zeroed[i] == 0;
	check(all_zero, "bss starts zeroed");
	check(initialised == 0x1122334455667788ull, "data is initialised");
	return failures;
}
