// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What an app gets from the runtime's randomness when the hypervisor's
// get-entropy call fails (tests/qemu/fault_entropy_fails.test): getrandom
// and AT_RANDOM must still give bytes, not zeros, and differ call to call;
// the runtime's log ring (argv[2], argv[3]) must say why they are weak.

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>

static int failures;

static const char *
verdict(int ok)
{
	failures += !ok;
	return ok ? "ok" : "FAILED";
}

static unsigned
nonzero(const unsigned char *p, size_t n)
{
	unsigned count = 0;

	for (size_t i = 0; i < n; i++)
		count += p[i] != 0;
	return count;
}

// The log ring {u32 write_idx; u32 size; char buf[size]}: look for what
// anywhere in its text, which NUL bytes interrupt.
static int
ring_has(uintptr_t ring, const char *what)
{
	const uint32_t *hdr = (const uint32_t *)ring;
	const char *buf = (const char *)(ring + 8);
	size_t len = strlen(what), run = 0;

	for (uint32_t i = 0; i < hdr[1]; i++) {
		run = buf[i] == what[run] ? run + 1 : (buf[i] == what[0]);
		if (run == len)
			return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned char a[16] = { 0 }, b[16] = { 0 };
	const unsigned char *at_random =
	    (const unsigned char *)getauxval(AT_RANDOM);
	ssize_t got = getrandom(a, sizeof(a), 0);

	printf("entropy: %s: getrandom returned %zd bytes, %u not zero\n",
	       verdict(got == 16 && nonzero(a, 16) >= 8), got, nonzero(a, 16));
	got = getrandom(b, sizeof(b), 0);
	printf("entropy: %s: a second call gave other bytes\n",
	       verdict(got == 16 && memcmp(a, b, 16) != 0));
	printf("entropy: %s: AT_RANDOM has 16 bytes, %u not zero\n",
	       verdict(at_random != NULL && nonzero(at_random, 16) >= 8),
	       at_random != NULL ? nonzero(at_random, 16) : 0);
	if (argc >= 4)
		printf(
		    "entropy: the runtime's log %s the hypercall failed\n",
		    ring_has((uintptr_t)argv[2], "get-entropy hypercall failed")
		        ? "says"
		        : "does not say");
	printf("entropy: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
