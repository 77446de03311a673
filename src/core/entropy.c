// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// rt/entropy.h says what this gives.

#include <rt/arch.h>
#include <rt/chacha20.h>
#include <rt/entropy.h>
#include <rt/errno.h>
#include <rt/log.h>
#include <rt/string.h>
#include <rt/time.h>

// kaslr-seed's 8 bytes: less than a seed should be, but what some VMMs give.
#define ENTROPY_SEED_MIN 8u
// RNDR may fail now and then (its own entropy ran low): how often to ask.
#define ENTROPY_RNDR_TRIES 16u

enum entropy_source {
	ENTROPY_NONE,
	ENTROPY_HYPERVISOR,
	ENTROPY_CPU,
	ENTROPY_SEED,
};

static enum entropy_source entropy_source;
// ENTROPY_SEED: a ChaCha20 key from the platform's seed, replaced after
// each block by the block's first half ("fast key erasure"), so that what
// was handed out cannot be worked back from what the runtime keeps.
static uint32_t entropy_key[ENTROPY_SEED_MAX / 4];
static uint32_t entropy_block;
// What a call gave beyond what was asked: used first next time.
static uint8_t entropy_pool[16];
static size_t entropy_pooled;

static void
entropy_wait_window(void)
{
	uint64_t end = time_deadline(time_ns_to_ticks(ENTROPY_RETRY_NS));

	while (arch_counter() < end)
		arch_wait_event();
}

// 16 bytes into w: 0, -EAGAIN (busy, !block) or -EIO.
static long
entropy_fill(uint32_t w[4], bool block)
{
	uint64_t v[2];
	long err;

	if (entropy_source == ENTROPY_SEED) {
		static const uint32_t nonce[3];
		uint32_t out[16];

		chacha20_block(entropy_key, entropy_block++, nonce, out);
		memcpy(entropy_key, out, sizeof(entropy_key));
		memcpy(w, &out[8], 4 * sizeof(w[0]));
		memset(out, 0, sizeof(out));
		return 0;
	}
	if (entropy_source == ENTROPY_CPU) {
		for (unsigned i = 0; i < 2; i++) {
			unsigned tries = 0;

			while (!arch_rndr(&v[i])) {
				if (++tries == ENTROPY_RNDR_TRIES)
					return -EIO;
			}
		}
		memcpy(w, v, sizeof(v));
		return 0;
	}
	for (;;) {
		err = arch_get_entropy(w);
		if (err != ARCH_ENTROPY_BUSY)
			return err == 0 ? 0 : -EIO;
		if (!block)
			return -EAGAIN;
		entropy_wait_window();
	}
}

const char *
entropy_init(bool hypercall, const void *seed, size_t seed_len)
{
	uint32_t w[4];
	uint64_t v;
	long err = hypercall ? arch_get_entropy(w) : ARCH_ENTROPY_NONE;

	entropy_pooled = 0;
	if (err == 0 || err == ARCH_ENTROPY_BUSY) {
		entropy_source = ENTROPY_HYPERVISOR;
		if (err == 0) {
			memcpy(entropy_pool, w, sizeof(w));
			entropy_pooled = sizeof(w);
		}
		return NULL;
	}
	if (err != ARCH_ENTROPY_NONE)
		log_printf(
		    "entropy: get-entropy hypercall failed (error %ld)\n", err);
	if (arch_rndr(&v)) {
		entropy_source = ENTROPY_CPU;
		log_printf("entropy: from the CPU's RNDR\n");
		return NULL;
	}
	if (seed != NULL && seed_len >= ENTROPY_SEED_MIN) {
		entropy_source = ENTROPY_SEED;
		memset(entropy_key, 0, sizeof(entropy_key));
		memcpy(entropy_key, seed,
		       seed_len < sizeof(entropy_key) ? seed_len
		                                      : sizeof(entropy_key));
		entropy_block = 0;
		log_printf("entropy: from the platform's %zu-byte seed\n",
		           seed_len);
		return NULL;
	}
	entropy_source = ENTROPY_NONE;
	return "no entropy: no get-entropy hypercall, no RNDR in the CPU and "
	       "no seed of at least 8 bytes from the platform";
}

long
entropy_get(void *buf, size_t n, bool block)
{
	uint8_t *out = buf;
	size_t done = 0;

	if (entropy_source == ENTROPY_NONE)
		return -EIO;
	while (done < n) {
		uint8_t *from;
		size_t chunk;

		if (entropy_pooled == 0) {
			uint32_t w[4];
			long err = entropy_fill(w, block);

			if (err != 0)
				return done > 0 ? (long)done : err;
			memcpy(entropy_pool, w, sizeof(w));
			entropy_pooled = sizeof(w);
		}
		chunk = n - done < entropy_pooled ? n - done : entropy_pooled;
		from = entropy_pool + sizeof(entropy_pool) - entropy_pooled;
		// In the order the source gave them, and wiped: no byte is
		// handed out twice, or kept after it was.
		memcpy(out + done, from, chunk);
		memset(from, 0, chunk);
		entropy_pooled -= chunk;
		done += chunk;
	}
	return (long)done;
}

#ifdef RT_HOST
void
entropy_reset_for_test(void)
{
	entropy_source = ENTROPY_NONE;
	entropy_pooled = 0;
	memset(entropy_pool, 0, sizeof(entropy_pool));
}
#endif
