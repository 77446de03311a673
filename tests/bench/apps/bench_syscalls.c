// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Instruction counts of the runtime's paths, each the mean over
// BENCH_ITERATIONS with the cost of the measuring loop taken out. Printed as
// "BENCH name value" for tools/bench.py.

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <bench_app.h>
#include <rt_console.h>
#include <rt_gicv3.h>

#include "test_hyp.h"

#define BENCH_SPI 40u
#define BENCH_SGI 2u
#define N         BENCH_ITERATIONS

static volatile uint64_t isr_entered;

static void
discard(const char *s, size_t n)
{
	(void)s;
	(void)n;
}

static bool
bench_isr(uint32_t irq, void *data)
{
	// The first thing the ISR does: how long the way in took.
	isr_entered = bench_pmu_read();
	(void)irq;
	(void)data;
	return true;
}

static long
raw_brk(uintptr_t addr)
{
	register long x0 __asm__("x0") = (long)addr;
	register long x8 __asm__("x8") = SYS_brk;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8) : "memory");
	return x0;
}

#define MEASURE(name, body) BENCH_MEASURE(bench_pmu_read, name, body)

int
main(void)
{
	struct console_register_req console = { .fn = discard };
	// Results go out live; the log ring alone would lose them when the
	// writev figures fill it.
	struct console_register_req live = { .fn = test_hyp_uart_write };
	int con = open(CONSOLE_PATH, O_RDWR);
	int gic = open(GICV3_PATH, O_RDWR);
	char line[64], nl[64];
	struct iovec iov = { .iov_base = line, .iov_len = sizeof(line) };
	struct iovec iov_nl = { .iov_base = nl, .iov_len = sizeof(nl) };
	struct gicv3_register_req spi = { .isr = bench_isr, .irq = BENCH_SPI };
	struct gicv3_register_req sgi = { .isr = bench_isr, .irq = BENCH_SGI };
	uint32_t spi_nr = BENCH_SPI, sgi_nr = BENCH_SGI;
	uint64_t in = 0, round = 0;
	uintptr_t cur;
	struct timespec ts;

	ioctl(con, CONSOLE_IOCTL_REGISTER, &live);
	bench_pmu_start();
	for (unsigned i = 0; i < sizeof(line); i++)
		line[i] = nl[i] = (char)('a' + i % 26);
	nl[sizeof(nl) - 1] = '\n';

	printf("BENCH null_syscall_raw %llu\n",
	       (unsigned long long)bench_svc_cost(SYS_getpid));
	MEASURE("null_syscall_musl", getpid());
	MEASURE("clock_gettime", clock_gettime(CLOCK_MONOTONIC, &ts));

	cur = (uintptr_t)raw_brk(0);
	MEASURE("brk_grow_shrink", (raw_brk(cur + 4096), raw_brk(cur)));
	MEASURE("mmap_munmap_4k",
	        munmap(mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
	               4096));
	MEASURE("mmap_munmap_1m",
	        munmap(mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
	                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
	               1 << 20));
	MEASURE("malloc_free_64", free(malloc(64)));
	MEASURE("malloc_free_256k", free(malloc(256 << 10)));

	// The figure is the runtime's part: the console discards.
	fflush(stdout);
	ioctl(con, CONSOLE_IOCTL_REGISTER, &console);
	{
		uint64_t t0, t1, e0, e1, u0, u1;

		e0 = bench_pmu_read();
		for (unsigned i = 0; i < N; i++)
			__asm__ volatile("" : : : "memory");
		e1 = bench_pmu_read();
		t0 = bench_pmu_read();
		for (unsigned i = 0; i < N; i++)
			writev(1, &iov, 1);
		t1 = bench_pmu_read();
		u0 = bench_pmu_read();
		for (unsigned i = 0; i < N; i++)
			writev(1, &iov_nl, 1);
		u1 = bench_pmu_read();
		ioctl(con, CONSOLE_IOCTL_REGISTER, &live);
		bench_report("writev_64", t1 - t0, e1 - e0);
		bench_report("writev_64_newline", u1 - u0, e1 - e0);
	}

	ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &spi);
	MEASURE("ioctl_irq_enable",
	        ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &spi_nr));
	MEASURE("ioctl_irq_disable",
	        ioctl(gic, GICV3_IOCTL_DISABLE_IRQ, &spi_nr));

	ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &sgi);
	ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &sgi_nr);
	for (unsigned i = 0; i < N; i++) {
		uint64_t t0 = bench_pmu_read();

		ioctl(gic, GICV3_IOCTL_ASSERT_IRQ, &sgi_nr);
		round += bench_pmu_read() - t0;
		in += isr_entered - t0;
	}
	printf("BENCH irq_assert_to_isr %llu\n", (unsigned long long)(in / N));
	printf("BENCH irq_round_trip %llu\n", (unsigned long long)(round / N));
	return 0;
}
