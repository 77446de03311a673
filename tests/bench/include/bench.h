// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef BENCH_H
#define BENCH_H

// Shared by the floor image and the bench apps, so both measure with the
// same instructions. Under `-icount shift=0,sleep=off` PMU event 0x08
// (INST_RETIRED) counts guest instructions exactly: figures are
// instructions, identical from run to run.

#include <stdint.h>

#define BENCH_EVENT_INST_RETIRED 0x08u
#define BENCH_ITERATIONS         64u

// Event counter 0 counts instructions retired at EL1 and EL0, not EL2.
static inline void
bench_pmu_start(void)
{
	__asm__ volatile("msr pmevtyper0_el0, %0\n"
	                 "msr pmcntenset_el0, %1\n"
	                 "mrs x9, pmcr_el0\n"
	                 "orr x9, x9, #1\n"
	                 "msr pmcr_el0, x9\n"
	                 "isb"
	                 :
	                 : "r"((uint64_t)BENCH_EVENT_INST_RETIRED),
	                   "r"((uint64_t)1)
	                 : "x9", "memory");
}

static inline uint64_t
bench_pmu_read(void)
{
	uint64_t v;

	__asm__ volatile("isb\nmrs %0, pmevcntr0_el0" : "=r"(v) : : "memory");
	return v;
}

// n raw `svc #0` with x8 = nr, in a loop whose shape bench_loop_only
// repeats without the svc: the difference is the round trip alone.
static inline uint64_t
bench_svc_loop(unsigned long n, unsigned long nr)
{
	uint64_t t0, t1;

	t0 = bench_pmu_read();
	__asm__ volatile("mov x9, %0\n"
	                 "1: mov x8, %1\n"
	                 "svc #0\n"
	                 "subs x9, x9, #1\n"
	                 "b.ne 1b"
	                 :
	                 : "r"(n), "r"(nr)
	                 : "x0", "x8", "x9", "memory");
	t1 = bench_pmu_read();
	return t1 - t0;
}

static inline uint64_t
bench_loop_only(unsigned long n, unsigned long nr)
{
	uint64_t t0, t1;

	t0 = bench_pmu_read();
	__asm__ volatile("mov x9, %0\n"
	                 "1: mov x8, %1\n"
	                 "subs x9, x9, #1\n"
	                 "b.ne 1b"
	                 :
	                 : "r"(n), "r"(nr)
	                 : "x0", "x8", "x9", "memory");
	t1 = bench_pmu_read();
	return t1 - t0;
}

// Instructions per svc round trip, loop and counter reads taken out.
static inline uint64_t
bench_svc_cost(unsigned long nr)
{
	return (bench_svc_loop(BENCH_ITERATIONS, nr) -
	        bench_loop_only(BENCH_ITERATIONS, nr)) /
	       BENCH_ITERATIONS;
}

#endif
