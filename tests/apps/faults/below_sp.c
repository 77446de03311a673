// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// A syscall whose buffer lies right below the app's stack pointer: memory
// the app owns and is not using. A runtime that took exceptions on the
// app's stack would have its own frames there during the call (the
// registers it saved for the app, its return addresses, its stack
// canaries). Here read() fills the 1 KiB below sp from /dev/zero; as Linux
// does, the runtime must fill it, change nothing else, and give back every
// register but x0, as across any svc.

#include <fcntl.h>
#include <stdint.h>
#include <string.h>

#include "fault_util.h"

// Where the asm below keeps each register, in 8-byte slots.
static const struct {
	int slot;
	const char *name;
} saved[] = {
	{ 2, "x3" },   { 3, "x4" },   { 4, "x5" },   { 5, "x6" },
	{ 6, "x7" },   { 7, "x9" },   { 9, "x10" },  { 10, "x11" },
	{ 11, "x12" }, { 12, "x13" }, { 13, "x14" }, { 14, "x15" },
	{ 15, "x16" }, { 16, "x17" }, { 17, "x18" }, { 18, "x29" },
	{ 19, "x30" },
};

int
main(void)
{
	// The registers as the app set them, and as it found them after.
	uint64_t before[20], after[20];
	int fd = open("/dev/zero", O_RDONLY), bad = 0;
	register long x0 __asm__("x0");

	FAULT_SAY("below_sp: read(/dev/zero) into the 1 KiB below sp\n");
	for (int i = 0; i < 20; i++)
		before[i] = 0x1000 + i;
	x0 = fd;
	// x1, x2 and x8 carry the call; the others hold known values. x29
	// and x30 are saved around it by hand (the compiler relies on them)
	// and compared too.
	__asm__ volatile("stp x29, x30, [%[b], #144]\n\t"
	                 "ldp x3, x4, [%[b], #16]\n\t"
	                 "ldp x5, x6, [%[b], #32]\n\t"
	                 "ldp x7, x9, [%[b], #48]\n\t"
	                 "ldp x10, x11, [%[b], #72]\n\t"
	                 "ldp x12, x13, [%[b], #88]\n\t"
	                 "ldp x14, x15, [%[b], #104]\n\t"
	                 "ldp x16, x17, [%[b], #120]\n\t"
	                 "ldr x18, [%[b], #136]\n\t"
	                 "mov x1, sp\n\t"
	                 "sub x1, x1, #1024\n\t"
	                 "mov x2, #1024\n\t"
	                 "mov x8, #63\n\t"
	                 "svc #0\n\t"
	                 "stp x3, x4, [%[a], #16]\n\t"
	                 "stp x5, x6, [%[a], #32]\n\t"
	                 "stp x7, x9, [%[a], #48]\n\t"
	                 "stp x10, x11, [%[a], #72]\n\t"
	                 "stp x12, x13, [%[a], #88]\n\t"
	                 "stp x14, x15, [%[a], #104]\n\t"
	                 "stp x16, x17, [%[a], #120]\n\t"
	                 "str x18, [%[a], #136]\n\t"
	                 "stp x29, x30, [%[a], #144]\n\t"
	                 "ldp x29, x30, [%[b], #144]"
	                 : "+r"(x0)
	                 : [b] "r"(before), [a] "r"(after)
	                 : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
	                   "x10", "x11", "x12", "x13", "x14", "x15", "x16",
	                   "x17", "x18", "memory");
	FAULT_SAY("below_sp: read returned %ld\n", (long)x0);
	for (size_t i = 0; i < sizeof(saved) / sizeof(saved[0]); i++) {
		int k = saved[i].slot;

		if (after[k] != before[k]) {
			FAULT_SAY("below_sp: %s was %#lx, came back %#lx\n",
			          saved[i].name, (unsigned long)before[k],
			          (unsigned long)after[k]);
			bad = 1;
		}
	}
	// All of it read, or refused.
	if (x0 != 1024 && x0 != -14)
		bad = 1;
	FAULT_SAY("below_sp: %s\n",
	          bad ? "FAILED" : "the app's registers survived");
	return bad;
}
