// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The bench figures' paths, each in a function of its own that runs it
// PROFILE_N times, followed by a call to profile_end: tools/profile.py
// counts one path with `--from NAME --to profile_end --per PROFILE_N`
// (the README's Benchmarks section). Prints nothing it measures itself.

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <rt_console.h>
#include <rt_gicv3.h>

#define PROFILE_N   256u
#define PROFILE_SPI 40u
#define PROFILE_SGI 2u

// Never inlined: each keeps its name in the symbol table.
#define PROFILED static __attribute__((noinline))

static int con, gic;

static void
discard(const char *s, size_t n)
{
	(void)s;
	(void)n;
}

static bool
isr(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	return true;
}

PROFILED void
profile_end(void)
{
	__asm__ volatile("" : : : "memory");
}

PROFILED void
null_syscall_raw(void)
{
	for (unsigned i = 0; i < PROFILE_N; i++) {
		register long x0 __asm__("x0");
		register long x8 __asm__("x8") = SYS_getpid;

		__asm__ volatile("svc #0" : "=r"(x0) : "r"(x8) : "memory");
	}
}

PROFILED void
clock_gettime_mono(void)
{
	struct timespec ts;

	for (unsigned i = 0; i < PROFILE_N; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
}

PROFILED void
mmap_munmap_4k(void)
{
	for (unsigned i = 0; i < PROFILE_N; i++)
		munmap(mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		       4096);
}

PROFILED void
brk_grow_shrink(void)
{
	uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);

	for (unsigned i = 0; i < PROFILE_N; i++) {
		syscall(SYS_brk, cur + 4096);
		syscall(SYS_brk, cur);
	}
}

PROFILED void
writev_64(void)
{
	char line[64] = { 0 };
	struct iovec iov = { .iov_base = line, .iov_len = sizeof(line) };

	for (unsigned i = 0; i < PROFILE_N; i++)
		writev(1, &iov, 1);
}

PROFILED void
ioctl_irq_enable_disable(void)
{
	uint32_t nr = PROFILE_SPI;

	for (unsigned i = 0; i < PROFILE_N; i++) {
		ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &nr);
		ioctl(gic, GICV3_IOCTL_DISABLE_IRQ, &nr);
	}
}

PROFILED void
irq_round_trip(void)
{
	uint32_t nr = PROFILE_SGI;

	for (unsigned i = 0; i < PROFILE_N; i++)
		ioctl(gic, GICV3_IOCTL_ASSERT_IRQ, &nr);
}

int
main(void)
{
	struct console_register_req quiet = { .fn = discard };
	struct gicv3_register_req spi = { .isr = isr, .irq = PROFILE_SPI };
	struct gicv3_register_req sgi = { .isr = isr, .irq = PROFILE_SGI };
	uint32_t sgi_nr = PROFILE_SGI;

	con = open(CONSOLE_PATH, O_RDWR);
	gic = open(GICV3_PATH, O_RDWR);
	if (con < 0 || gic < 0 ||
	    ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &spi) != 0 ||
	    ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &sgi) != 0 ||
	    ioctl(gic, GICV3_IOCTL_ENABLE_IRQ, &sgi_nr) != 0) {
		printf("bench_profile: cannot set up the devices\n");
		return 1;
	}
	null_syscall_raw();
	profile_end();
	clock_gettime_mono();
	profile_end();
	brk_grow_shrink();
	profile_end();
	mmap_munmap_4k();
	profile_end();
	ioctl_irq_enable_disable();
	profile_end();
	irq_round_trip();
	profile_end();
	// Last: the console discards from here on. The text before leaves
	// the log ring's next byte at an odd place, as in bench_syscalls.
	ioctl(con, CONSOLE_IOCTL_REGISTER, &quiet);
	write(1, "odd", 3);
	writev_64();
	profile_end();
	return 0;
}
