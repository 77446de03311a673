// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The figures of `scons bench GUNYAH=DIR`: booted as the root VM of the real
// hypervisor under `-icount shift=N,sleep=off`, on our runtime and on the
// existing C runtime alike, so it uses only what both offer (no malloc: the
// existing runtime has no mmap). The generic counter then counts executed
// instructions, the hypervisor's included, which the PMU would leave out:
// every figure here includes the traps a path takes. Two runs of nops
// calibrate ticks per instruction. Lines "BENCH name ticks" for
// tools/bench.py; each figure is the mean over BENCH_ITERATIONS with the
// measuring loop taken out.

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <bench_app.h>
#include <rt_console.h>
#include <rt_gicv3.h>

#include "test_hyp.h"

#define BENCH_SPI 40u
// tests/bench/probe leaves {PROBE_MAGIC, the counter at the runtime's
// first instruction} in the last 16 bytes of the environment data.
#define PROBE_MAGIC   0x4e454250u
#define ENV_DATA_SIZE 0x4000u
#define ENV_PAGE      0x1000u
#define N             BENCH_ITERATIONS
#define NOP_LOOPS     1024u
#define NOPS          16u // per loop, plus subs and b.ne

static volatile uint64_t isr_entered;

static inline uint64_t
ticks(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static void
discard(const char *s, size_t n)
{
	(void)s;
	(void)n;
}

// The existing runtime refuses a console while one is registered (EBUSY);
// ours replaces it. Deregistering first works on both.
static void
console_switch(int con, struct console_register_req *req)
{
	ioctl(con, CONSOLE_IOCTL_DEREGISTER, 0);
	ioctl(con, CONSOLE_IOCTL_REGISTER, req);
}

// The RM config (argv[1]) lies in the environment data's first page,
// which starts page-aligned.
static void
probe_report(void)
{
	char **argv = test_hyp_argv();
	const volatile uint64_t *slot;

	if (argv == NULL)
		return;
	slot = (const volatile uint64_t *)(((uintptr_t)argv[1] &
	                                    ~(uintptr_t)(ENV_PAGE - 1)) +
	                                   ENV_DATA_SIZE - 16);
	if (slot[0] == PROBE_MAGIC)
		printf("BENCH entry_at %llu\n", (unsigned long long)slot[1]);
}

static bool
bench_isr(uint32_t irq, void *data)
{
	isr_entered = ticks();
	(void)irq;
	(void)data;
	return true;
}

#define MEASURE(name, body) BENCH_MEASURE(ticks, name, body)

// loops * (NOPS + 2) instructions, and the reads around them.
static uint64_t
nop_run(uint64_t loops)
{
	uint64_t t0 = ticks(), t1;

	__asm__ volatile("mov x9, %0\n"
	                 "1:\n"
	                 ".rept 16\n"
	                 "nop\n"
	                 ".endr\n"
	                 "subs x9, x9, #1\n"
	                 "b.ne 1b"
	                 :
	                 : "r"(loops)
	                 : "x9", "memory");
	t1 = ticks();
	return t1 - t0;
}

// A raw svc with x8 = nr and x0 = arg each time round, and the same loop
// without the svc: the difference is the syscall's round trip.
static uint64_t
svc_cost(unsigned long nr, unsigned long arg)
{
	uint64_t t0, t1, t2;

	t0 = ticks();
	__asm__ volatile("mov x9, %0\n"
	                 "1: mov x8, %1\n"
	                 "mov x0, %2\n"
	                 "svc #0\n"
	                 "subs x9, x9, #1\n"
	                 "b.ne 1b"
	                 :
	                 : "r"((uint64_t)N), "r"(nr), "r"(arg)
	                 : "x0", "x8", "x9", "memory");
	t1 = ticks();
	__asm__ volatile("mov x9, %0\n"
	                 "1: mov x8, %1\n"
	                 "mov x0, %2\n"
	                 "subs x9, x9, #1\n"
	                 "b.ne 1b"
	                 :
	                 : "r"((uint64_t)N), "r"(nr), "r"(arg)
	                 : "x0", "x8", "x9", "memory");
	t2 = ticks();
	return ((t1 - t0) - (t2 - t1)) / N;
}

int
main(void)
{
	// First: when main began, counted from QEMU's start.
	uint64_t at_main = ticks();
	struct console_register_req live = { .fn = test_hyp_uart_write };
	struct console_register_req quiet = { .fn = discard };
	struct gicv3_register_req spi = { .isr = bench_isr, .irq = BENCH_SPI };
	struct gicv3_trigger_req edge = { .irq = BENCH_SPI,
		                          .trigger =
		                              GICV3_TRIGGER_EDGE_RISING };
	uint32_t spi_nr = BENCH_SPI;
	char line[64], nl[64];
	struct iovec iov = { .iov_base = line, .iov_len = sizeof(line) };
	struct iovec iov_nl = { .iov_base = nl, .iov_len = sizeof(nl) };
	uint64_t round = 0, in = 0, nops;
	int con = open(CONSOLE_PATH, O_RDWR);
	int gic = open(GICV3_PATH, O_RDWR);
	void *p;

	if (con < 0 || gic < 0 || test_exit_hook_register() != 0 ||
	    ioctl(con, CONSOLE_IOCTL_REGISTER, &live) != 0)
		return 1;
	printf("BENCH main_at %llu\n", (unsigned long long)at_main);
	probe_report();
	// The second run's extra NOP_LOOPS loops, without what both pay.
	nops = nop_run(2 * NOP_LOOPS) - nop_run(NOP_LOOPS);
	printf("BENCH calibration_ticks %llu\n", (unsigned long long)nops);
	printf("BENCH calibration_instructions %u\n", NOP_LOOPS * (NOPS + 2u));

	printf("BENCH null_syscall %llu\n",
	       (unsigned long long)svc_cost(SYS_set_tid_address, 0));
	printf("BENCH brk_0 %llu\n", (unsigned long long)svc_cost(SYS_brk, 0));

	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("BENCH mmap_munmap_4k none (mmap fails with errno %d)\n",
		       errno);
	} else {
		munmap(p, 4096);
		MEASURE("mmap_munmap_4k",
		        munmap(mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		               4096));
	}

	for (unsigned i = 0; i < sizeof(line); i++)
		line[i] = nl[i] = (char)('a' + i % 26);
	nl[sizeof(nl) - 1] = '\n';
	fflush(stdout);
	console_switch(con, &quiet);
	{
		uint64_t t0, t1, u0, u1, e0, e1;

		e0 = ticks();
		for (unsigned i = 0; i < N; i++)
			__asm__ volatile("" : : : "memory");
		e1 = ticks();
		t0 = ticks();
		for (unsigned i = 0; i < N; i++)
			writev(1, &iov, 1);
		t1 = ticks();
		u0 = ticks();
		for (unsigned i = 0; i < N; i++)
			writev(1, &iov_nl, 1);
		u1 = ticks();
		console_switch(con, &live);
		bench_report("writev_64", t1 - t0, e1 - e0);
		bench_report("writev_64_newline", u1 - u0, e1 - e0);
	}

	// Each enable and disable writes the distributor: trapped, emulated.
	// Edge-triggered, as the existing runtime makes every SPI: a level
	// one that ASSERT_IRQ made pending stays pending until cleared.
	if (ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &spi) != 0 ||
	    ioctl(gic, GICV3_IOCTL_SET_TRIGGER, &edge) != 0)
		return 1;
	MEASURE("irq_enable_disable",
	        (ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &spi_nr),
	         ioctl(gic, GICV3_IOCTL_DISABLE_IRQ, &spi_nr)));

	// Assert (a trapped GICD_ISPENDR write), the vGIC delivers it, the
	// ISR runs, the runtime acknowledges and deactivates it, back.
	ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &spi_nr);
	for (unsigned i = 0; i < N; i++) {
		uint64_t t0;

		isr_entered = 0;
		t0 = ticks();
		ioctl(gic, GICV3_IOCTL_ASSERT_IRQ, &spi_nr);
		round += ticks() - t0;
		if (isr_entered == 0) {
			printf("BENCH irq_round_trip none (the ISR did not "
			       "run)\n");
			return 1;
		}
		in += isr_entered - t0;
	}
	printf("BENCH irq_assert_to_isr %llu\n", (unsigned long long)(in / N));
	printf("BENCH irq_round_trip %llu\n", (unsigned long long)(round / N));
	printf("BENCH done\n");
	return 0;
}
