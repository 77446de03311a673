// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

#include <rt/arch.h>
#include <rt/boot.h>
#include <rt/log.h>
#include <rt/string.h>

static uint64_t entropy_fallback_state;
static bool entropy_warned;

// splitmix64: not secure, but distinct per call and per boot timing, which
// is all a missing hypercall leaves us.
static uint32_t
entropy_fallback_word(void)
{
	uint64_t z;

	entropy_fallback_state += 0x9e3779b97f4a7c15ull ^ arch_counter();
	z = entropy_fallback_state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)(z ^ (z >> 31));
}

void
entropy_get(void *buf, size_t n)
{
	uint8_t *out = buf;

	while (n > 0) {
		uint32_t w[4];
		size_t chunk = n < sizeof(w) ? n : sizeof(w);

		if (!arch_get_entropy(w)) {
			if (!entropy_warned) {
				entropy_warned = true;
				log_printf("entropy: get-entropy hypercall "
				           "failed, using the counter "
				           "(not secure)\n");
			}
			for (size_t i = 0; i < RT_ARRAY_SIZE(w); i++)
				w[i] = entropy_fallback_word();
		}
		memcpy(out, w, chunk);
		out += chunk;
		n -= chunk;
	}
}
