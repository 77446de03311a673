// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef BENCH_APP_H
#define BENCH_APP_H

// What the bench apps (musl, tests/bench/apps) share: the line
// tools/bench.py reads, and the measuring loop. Each app counts with its
// own clock: the PMU (bench.h) under the boot stub, the generic counter
// under the real Gunyah, whose traps the PMU would leave out.

#include <stdint.h>
#include <stdio.h>

#include <bench.h>

// "BENCH name value": the figure per iteration, total less the empty
// loop's, over BENCH_ITERATIONS.
static inline void
bench_report(const char *name, uint64_t total, uint64_t loop)
{
	printf("BENCH %s %llu\n", name,
	       (unsigned long long)((total - loop) / BENCH_ITERATIONS));
}

// Runs body BENCH_ITERATIONS times between two readings of read(); the
// same loop with an empty body is taken out.
#define BENCH_MEASURE(read, name, body)                              \
	do {                                                         \
		uint64_t t0_, t1_, e0_, e1_;                         \
		e0_ = read();                                        \
		for (unsigned i_ = 0; i_ < BENCH_ITERATIONS; i_++)   \
			__asm__ volatile("" : : : "memory");         \
		e1_ = read();                                        \
		t0_ = read();                                        \
		for (unsigned i_ = 0; i_ < BENCH_ITERATIONS; i_++) { \
			body;                                        \
			__asm__ volatile("" : : : "memory");         \
		}                                                    \
		t1_ = read();                                        \
		bench_report(name, t1_ - t0_, e1_ - e0_);            \
	} while (0)

#endif
