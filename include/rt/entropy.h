// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_ENTROPY_H
#define RT_ENTROPY_H

// The app's randomness (src/core/entropy.c): the hypervisor's entropy
// hypercall, else the CPU's RNDR, else a ChaCha20 generator keyed with the
// seed the platform gave (the device tree's rng-seed); never anything
// predictable. Gunyah answers at most 4 calls per 33 ms (BUSY after that);
// a blocking request waits the window out and asks again.

// How long after a BUSY answer the hypervisor has bytes again, and how
// many one answer gives.
#define ENTROPY_RETRY_NS   33000000u
#define ENTROPY_CALL_BYTES 16u

#include <rt/types.h>

// The most of a platform's seed the generator uses: its key.
#define ENTROPY_SEED_MAX 32u

// Finds a source: NULL, or why there is none (boot panics with it).
// hypercall: whether the hypervisor's call may be made at all (hvc is
// UNDEFINED where no EL2 answers it). seed (NULL if none) is copied.
const char *entropy_init(bool hypercall, const void *seed, size_t seed_len);

// Fills buf with n random bytes: n, or with !block the bytes it could give
// before the source said "busy", or -EAGAIN if that was none of them.
long entropy_get(void *buf, size_t n, bool block);

#ifdef RT_HOST
void entropy_reset_for_test(void);
#endif

#endif
