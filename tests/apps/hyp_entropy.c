// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Gunyah's prng_get_entropy (hvc #0x6057) called directly: at most four
// calls in a 33 ms window per vCPU, then error 31 (BUSY) until the window
// ends (hyp/misc/prng_hw/src/prng_api.c). The boot stub must answer the
// same, so that the stub suite meets what the runtime meets under Gunyah.
// The counter is polled, not slept on: a sleep never ends under Gunyah on
// QEMU (sleep.test).

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define ENTROPY_WINDOW_MS 33u
#define CALLS             6
#define ATTEMPTS          5

struct entropy {
	uint64_t error;
	uint32_t words[4];
};

static struct entropy
get_entropy(uint64_t bytes)
{
	register uint64_t x0 __asm__("x0") = bytes;
	register uint64_t x1 __asm__("x1") = 0;
	register uint64_t x2 __asm__("x2");
	register uint64_t x3 __asm__("x3");
	register uint64_t x4 __asm__("x4");

	__asm__ volatile("hvc #0x6057"
	                 : "+r"(x0), "+r"(x1), "=r"(x2), "=r"(x3), "=r"(x4)
	                 :
	                 : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
	                   "x13", "x14", "x15", "x16", "x17", "memory");
	return (struct entropy){
		x0, { (uint32_t)x1, (uint32_t)x2, (uint32_t)x3, (uint32_t)x4 }
	};
}

static uint64_t
counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t
ms_to_ticks(uint64_t ms)
{
	uint64_t freq;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	return freq * ms / 1000;
}

// Past the end of any window the runtime's own calls at boot opened.
static void
wait_window(void)
{
	for (uint64_t end = counter() + ms_to_ticks(ENTROPY_WINDOW_MS + 2);
	     counter() < end;) {
	}
}

static bool
has_data(const struct entropy *e)
{
	return (e->words[0] | e->words[1] | e->words[2] | e->words[3]) != 0;
}

int
main(void)
{
	struct entropy e[CALLS], e8, e3, e0;
	int bad = 0, attempt;

	// The calls must all fall in one window; a host that stalls QEMU for
	// 33 ms between two of them spoils the attempt, not the test.
	for (attempt = 1; attempt <= ATTEMPTS; attempt++) {
		uint64_t start;

		wait_window();
		start = counter();
		for (int i = 0; i < CALLS; i++)
			e[i] = get_entropy(16);
		e8 = get_entropy(8);
		e3 = get_entropy(3);
		e0 = get_entropy(0);
		if (counter() - start < ms_to_ticks(ENTROPY_WINDOW_MS))
			break;
		printf("hyp_entropy: the calls spanned more than a window; "
		       "again\n");
	}
	for (int i = 0; i < CALLS; i++) {
		printf("hyp_entropy: call %d in one window: error %lu%s\n",
		       i + 1, (unsigned long)e[i].error,
		       e[i].error == 0 && !has_data(&e[i])
		           ? " (all zero: FAILED)"
		           : "");
		bad |= e[i].error == 0 && !has_data(&e[i]);
		bad |= e[i].error != 0 && has_data(&e[i]);
	}
	printf("hyp_entropy: 8 bytes: error %lu, 3 bytes: error %lu, 0 "
	       "bytes: error %lu\n",
	       (unsigned long)e8.error, (unsigned long)e3.error,
	       (unsigned long)e0.error);
	wait_window();
	e[0] = get_entropy(4);
	printf("hyp_entropy: after the window: error %lu\n",
	       (unsigned long)e[0].error);
	printf("hyp_entropy: %s\n", bad ? "FAILED: data with an error, or "
	                                  "none without"
	                                : "done");
	return bad;
}
