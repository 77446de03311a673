// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The floor's measurements, printed as "BENCH name value" lines for
// tools/bench.py. Runs where the runtime would, entered by the boot stub.

#include <stddef.h>
#include <stdint.h>

#include <bench.h>

#include "test_cbor.h"
#include "test_hyp.h"

// Nothing relocates the floor: every symbol, floor.S's too, is reached
// PC-relative, never through the GOT.
#pragma GCC visibility push(hidden)

#define RM_CONFIG    0x524d4544u
#define SMCCC_EXIT   0x83000E00ul // the runtime's exit call (rt/arch.h)
#define STOP_CONSOLE 2ul
#define TABLE_SIZE   256
#define NR_GETPID    172
#define NR_IOCTL     29
#define NR_WRITEV    66
#define NR_CLOCK     113
#define NR_MUNMAP    215
#define NR_MMAP      222

#define GICD_CTLR       0x0000
#define GICD_CTLR_ARE   (1u << 4)
#define GICD_CTLR_GRP1  (1u << 1)
#define GICR_WAKER      0x0014
#define GICR_SGI        0x10000
#define GICR_IGROUPR0   (GICR_SGI + 0x080)
#define GICR_ISENABLER0 (GICR_SGI + 0x100)
#define WAKER_SLEEP     (1u << 1)
#define WAKER_ASLEEP    (1u << 2)

struct env {
	uint32_t signature;
	uint16_t version;
	uint8_t pad[2];
	uint64_t runtime_ipa, app_ipa, app_heap_ipa, app_heap_size, vcpu_capid;
	uint64_t timer_freq, gicd_base, gicr_base;
	uint64_t rm_config_offset, rm_config_size;
};

struct rm_config {
	uint32_t signature;
	uint16_t version;
	uint8_t pad[2];
	uint32_t payload_offset;
	uint32_t payload_size;
};

typedef long (*floor_fn)(void);
floor_fn floor_table[TABLE_SIZE];

// The jobs (floor.S), table entries that take the app's registers as
// they are, and what they need.
long floor_clock(void);
long floor_writev(void);
long floor_mmap(void);
long floor_irq_enable(void);
long floor_sgi(void);
extern char floor_vectors_isr[], floor_app_stack_top[];
uint64_t floor_freq, floor_gicd;
// The app code floor_call_app runs: the console function or the ISR.
void (*floor_app_fn)(void);

void floor_main(const struct env *env);

static long
floor_null(void)
{
	return 0;
}

// The boot stub, like Gunyah, maps the PL011 only when asked, the way RM
// asks: the capabilities are in the RM config's CBOR map.
static void
uart_map(const struct env *env)
{
	const struct rm_config *rm =
	    (const void *)((uintptr_t)env + env->rm_config_offset);
	const uint8_t *map = (const uint8_t *)rm + rm->payload_offset;
	uint64_t as = 0, me = 0;

	if (rm->signature != RM_CONFIG ||
	    !test_cbor_map_uint(map, rm->payload_size, "addrspace_capid",
	                        &as) ||
	    !test_cbor_map_uint(map, rm->payload_size, "uart_me_capid", &me))
		return;

	test_hyp_addrspace_map(as, me, TEST_HYP_PL011_DR,
	                       TEST_HYP_MAP_DEVICE_RW, TEST_HYP_MAP_NO_SYNC);
}

static void
put(const char *s)
{
	while (*s)
		*(volatile uint32_t *)TEST_HYP_PL011_DR = (unsigned char)*s++;
}

static void
put_result(const char *name, uint64_t v)
{
	char digits[24];
	int n = 0;

	put("BENCH ");
	put(name);
	put(" ");
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*(volatile uint32_t *)TEST_HYP_PL011_DR =
		    (unsigned char)digits[--n];
	put("\n");
}

static void
mmio_write(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static uint32_t
mmio_read(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static void
gic_sgi0_on(const struct env *env)
{
	mmio_write(env->gicd_base + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
	mmio_write(env->gicr_base + GICR_WAKER,
	           mmio_read(env->gicr_base + GICR_WAKER) & ~WAKER_SLEEP);
	while (mmio_read(env->gicr_base + GICR_WAKER) & WAKER_ASLEEP)
		;
	mmio_write(env->gicr_base + GICR_IGROUPR0, 1);
	mmio_write(env->gicr_base + GICR_ISENABLER0, 1);
	__asm__ volatile("msr icc_sre_el1, %0\n"
	                 "isb\n"
	                 "msr icc_pmr_el1, %1\n"
	                 "msr icc_igrpen1_el1, %2\n"
	                 "isb\n"
	                 "msr daifclr, #2"
	                 :
	                 : "r"((uint64_t)1), "r"((uint64_t)0xff),
	                   "r"((uint64_t)1)
	                 : "memory");
}

// SGI 0 to this CPU, taken at once, acknowledged and ended by floor_irq.
static uint64_t
irq_round_trip(void)
{
	uint64_t with = 0, without = 0;

	for (unsigned i = 0; i < BENCH_ITERATIONS; i++) {
		uint64_t t0 = bench_pmu_read();
		__asm__ volatile("msr icc_sgi1r_el1, %0\nisb"
		                 :
		                 : "r"((uint64_t)1)
		                 : "memory");
		with += bench_pmu_read() - t0;
		t0 = bench_pmu_read();
		__asm__ volatile("isb" : : : "memory");
		without += bench_pmu_read() - t0;
	}
	return (with - without) / BENCH_ITERATIONS;
}

// Instructions per `svc` of nr with x1 = a1, loop and counter reads out.
static uint64_t
svc_cost(unsigned long nr, unsigned long a1)
{
	uint64_t t0, t1, t2;

	t0 = bench_pmu_read();
	__asm__ volatile("mov x9, %0\n"
	                 "1: mov x8, %1\n"
	                 "mov x1, %2\n"
	                 "svc #0\n"
	                 "subs x9, x9, #1\n"
	                 "b.ne 1b"
	                 :
	                 : "r"((uint64_t)BENCH_ITERATIONS), "r"(nr), "r"(a1)
	                 : "x0", "x1", "x8", "x9", "memory");
	t1 = bench_pmu_read();
	__asm__ volatile("mov x9, %0\n"
	                 "1: mov x8, %1\n"
	                 "mov x1, %2\n"
	                 "subs x9, x9, #1\n"
	                 "b.ne 1b"
	                 :
	                 : "r"((uint64_t)BENCH_ITERATIONS), "r"(nr), "r"(a1)
	                 : "x0", "x1", "x8", "x9", "memory");
	t2 = bench_pmu_read();
	return ((t1 - t0) - (t2 - t1)) / BENCH_ITERATIONS;
}

// The same for an mmap of len bytes and the munmap of it.
static uint64_t
map_unmap_cost(unsigned long len)
{
	uint64_t t0, t1, t2;

	t0 = bench_pmu_read();
	__asm__ volatile("mov x9, %0\n"
	                 "1: mov x8, %1\n"
	                 "mov x1, %3\n"
	                 "svc #0\n"
	                 "mov x8, %2\n"
	                 "svc #0\n"
	                 "subs x9, x9, #1\n"
	                 "b.ne 1b"
	                 :
	                 : "r"((uint64_t)BENCH_ITERATIONS),
	                   "r"((uint64_t)NR_MMAP), "r"((uint64_t)NR_MUNMAP),
	                   "r"(len)
	                 : "x0", "x1", "x8", "x9", "memory");
	t1 = bench_pmu_read();
	__asm__ volatile("mov x9, %0\n"
	                 "1: mov x8, %1\n"
	                 "mov x1, %3\n"
	                 "mov x8, %2\n"
	                 "subs x9, x9, #1\n"
	                 "b.ne 1b"
	                 :
	                 : "r"((uint64_t)BENCH_ITERATIONS),
	                   "r"((uint64_t)NR_MMAP), "r"((uint64_t)NR_MUNMAP),
	                   "r"(len)
	                 : "x0", "x1", "x8", "x9", "memory");
	t2 = bench_pmu_read();
	return ((t1 - t0) - (t2 - t1)) / BENCH_ITERATIONS;
}

static void
floor_discard(void)
{
}

static volatile uint64_t isr_entered;

static void
floor_isr(void)
{
	isr_entered = bench_pmu_read();
}

// An SGI asserted by an ioctl and taken on the way out, its ISR called as
// app code: to the ISR's first instruction, and back to the app.
static void
irq_isr(uint64_t *to_isr, uint64_t *round)
{
	uint64_t in = 0, all = 0;

	floor_table[NR_IOCTL] = floor_sgi;
	floor_app_fn = floor_isr;
	__asm__ volatile("msr vbar_el1, %0; isb" : : "r"(floor_vectors_isr));
	for (unsigned i = 0; i < BENCH_ITERATIONS; i++) {
		uint64_t t0 = bench_pmu_read();

		__asm__ volatile("mov x8, %0; svc #0"
		                 :
		                 : "r"((uint64_t)NR_IOCTL)
		                 : "x0", "x8", "memory");
		all += bench_pmu_read() - t0;
		in += isr_entered - t0;
	}
	// Counted as bench_syscalls counts the runtime's: the counter reads
	// around the svc are in both.
	*to_isr = in / BENCH_ITERATIONS;
	*round = all / BENCH_ITERATIONS;
}

static void
floor_exit(void)
{
	register uint64_t x0 __asm__("x0") = SMCCC_EXIT;
	register uint64_t x1 __asm__("x1") = 0;
	register uint64_t x2 __asm__("x2") = 0;
	register uint64_t x3 __asm__("x3") = STOP_CONSOLE;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3));
}

void
floor_main(const struct env *env)
{
	struct {
		uint64_t base, len;
	} iov;
	uint64_t ts[2], to_isr, round;
	static uint8_t line[64];

	for (size_t i = 0; i < TABLE_SIZE; i++)
		floor_table[i] = floor_null;
	floor_table[NR_CLOCK] = floor_clock;
	floor_table[NR_WRITEV] = floor_writev;
	floor_table[NR_MMAP] = floor_mmap;
	floor_table[NR_IOCTL] = floor_irq_enable;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(floor_freq));
	__asm__ volatile("msr sp_el0, %0" : : "r"(floor_app_stack_top));
	floor_gicd = env->gicd_base;
	floor_app_fn = floor_discard;
	uart_map(env);
	bench_pmu_start();
	put_result("floor_svc", bench_svc_cost(NR_GETPID));
	put_result("floor_clock", svc_cost(NR_CLOCK, (uintptr_t)ts));
	iov.base = (uintptr_t)line;
	iov.len = sizeof(line);
	put_result("floor_writev", svc_cost(NR_WRITEV, (uintptr_t)&iov));
	put_result("floor_zero_4k", map_unmap_cost(4096));
	put_result("floor_zero_1m", map_unmap_cost(1 << 20));
	put_result("floor_ioctl_irq", svc_cost(NR_IOCTL, 0));
	gic_sgi0_on(env);
	put_result("floor_irq", irq_round_trip());
	irq_isr(&to_isr, &round);
	put_result("floor_irq_to_isr", to_isr);
	put_result("floor_irq_isr", round);
	floor_exit();
}
