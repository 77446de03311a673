// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// App code the runtime runs for the app, and what it must leave intact:
// - an ISR may wait for another interrupt, and gets it (the runtime EOIs
//   before the ISR runs, so nothing holds the GIC's running priority);
// - an ISR or a signal handler may be left by siglongjmp or longjmp, and
//   interrupts still arrive afterwards;
// - the app's FP/SIMD registers survive an ISR and a console function that
//   use all 32 of theirs;
// - a console function may close the fd being written: writev stops there
//   rather than go on with a file that is gone.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <rt_console.h>
#include <rt_gicv3.h>

#include "dev_util.h"

#define SGI_WAITER 7u
#define SGI_JUMPER 8u
#define SGI_AFTER  9u
#define SGI_SIMD   10u

static int gic = -1;
static volatile unsigned timer_runs, after_runs, simd_runs;
static volatile long waiter_ret = 1;
static volatile int waiter_errno;
static volatile bool waiter_saw_timer;
static sigjmp_buf jump_back;

static void
gic_req(unsigned long cmd, uint32_t irq)
{
	ioctl(gic, cmd, &irq);
}

static void
gic_register(uint32_t irq, bool (*isr)(uint32_t, void *))
{
	struct gicv3_register_req req = { .isr = isr, .irq = irq };

	ioctl(gic, GICV3_IOCTL_REGISTER_ISR, &req);
	gic_req(GICV3_IOCTL_ENABLE_IRQ, irq);
}

static bool
isr_timer(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	dev_ptimer_stop();
	timer_runs++;
	return true;
}

// Waits, inside its own ISR, for the timer's interrupt.
static bool
isr_waiter(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	dev_ptimer_arm(dev_counter() + dev_ms_to_ticks(5));
	waiter_ret = ppoll(NULL, 0, NULL, NULL);
	waiter_errno = errno;
	waiter_saw_timer = timer_runs == 1;
	return true;
}

static void
test_isr_waits(void)
{
	struct timespec ts = { .tv_sec = 2 };
	long r;

	gic_register(DEV_INTID_PTIMER, isr_timer);
	gic_register(SGI_WAITER, isr_waiter);
	dev_irqs_mask();
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_WAITER);
	r = ppoll(NULL, 0, &ts, NULL);
	dev_irqs_unmask();
	dev_check(waiter_ret == -1 && waiter_errno == EINTR && waiter_saw_timer,
	          "an ISR's ppoll(NULL, 0, NULL) gets the timer's interrupt "
	          "(EINTR after its ISR ran: %s)",
	          waiter_saw_timer ? "yes" : "no");
	dev_check(r == -1 && errno == EINTR,
	          "the ppoll the ISR interrupted ends with EINTR");
}

static bool
isr_after(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	after_runs++;
	return true;
}

static bool
isr_jumper(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	siglongjmp(jump_back, 1);
}

// Waits for isr_after with a plain loop, no syscall in it: interrupts must
// be on for the app.
static bool
spin_for_after(unsigned want)
{
	uint64_t end = dev_counter() + dev_ms_to_ticks(500);

	while (after_runs < want && dev_counter() < end)
		;
	return after_runs == want;
}

static void
test_isr_longjmp(void)
{
	gic_register(SGI_JUMPER, isr_jumper);
	gic_register(SGI_AFTER, isr_after);
	if (sigsetjmp(jump_back, 1) == 0) {
		gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_JUMPER);
		dev_check(false, "the ISR that siglongjmps never ran");
		return;
	}
	dev_check(true, "an ISR left by siglongjmp");
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_AFTER);
	dev_check(spin_for_after(1),
	          "an interrupt after it reaches its ISR while the app spins");
	// Again, the same SGI: it was deactivated before its ISR ran.
	if (sigsetjmp(jump_back, 0) == 0) {
		gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_JUMPER);
		dev_check(false, "the ISR that longjmps never ran");
		return;
	}
	dev_check(true, "the same ISR left again, by plain longjmp");
	// The next syscall (this ioctl) is where the runtime sees it.
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_AFTER);
	dev_check(spin_for_after(2),
	          "an interrupt after that reaches its ISR while the app "
	          "spins");
}

static void
on_usr1(int sig)
{
	(void)sig;
	siglongjmp(jump_back, 2);
}

static void
test_signal_longjmp(void)
{
	signal(SIGUSR1, on_usr1);
	if (sigsetjmp(jump_back, 1) == 0) {
		raise(SIGUSR1);
		dev_check(false, "the SIGUSR1 handler never ran");
		return;
	}
	dev_check(true, "a signal handler left by siglongjmp");
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_AFTER);
	dev_check(spin_for_after(3),
	          "an interrupt after it reaches its ISR while the app spins");
}

// Every vector register a different pattern, written and read back around
// what runs in between.
#define SIMD_SET(b)                                                           \
	__asm__ volatile(                                                     \
	    "movi v0.16b, #" #b "+0\n movi v1.16b, #" #b "+1\n"               \
	    "movi v2.16b, #" #b "+2\n movi v3.16b, #" #b "+3\n"               \
	    "movi v4.16b, #" #b "+4\n movi v5.16b, #" #b "+5\n"               \
	    "movi v6.16b, #" #b "+6\n movi v7.16b, #" #b "+7\n"               \
	    "movi v8.16b, #" #b "+8\n movi v9.16b, #" #b "+9\n"               \
	    "movi v10.16b, #" #b "+10\n movi v11.16b, #" #b "+11\n"           \
	    "movi v12.16b, #" #b "+12\n movi v13.16b, #" #b "+13\n"           \
	    "movi v14.16b, #" #b "+14\n movi v15.16b, #" #b "+15\n"           \
	    "movi v16.16b, #" #b "+16\n movi v17.16b, #" #b "+17\n"           \
	    "movi v18.16b, #" #b "+18\n movi v19.16b, #" #b "+19\n"           \
	    "movi v20.16b, #" #b "+20\n movi v21.16b, #" #b "+21\n"           \
	    "movi v22.16b, #" #b "+22\n movi v23.16b, #" #b "+23\n"           \
	    "movi v24.16b, #" #b "+24\n movi v25.16b, #" #b "+25\n"           \
	    "movi v26.16b, #" #b "+26\n movi v27.16b, #" #b "+27\n"           \
	    "movi v28.16b, #" #b "+28\n movi v29.16b, #" #b "+29\n"           \
	    "movi v30.16b, #" #b "+30\n movi v31.16b, #" #b "+31\n" ::        \
	        : "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", \
	          "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17",     \
	          "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25",     \
	          "v26", "v27", "v28", "v29", "v30", "v31")

// Stores the low byte of each of v0-v31.
static void
simd_read(uint8_t out[32])
{
	uint8_t q[32][16], *p = &q[0][0];

	__asm__ volatile("st1 {v0.16b-v3.16b}, [%0], #64\n"
	                 "st1 {v4.16b-v7.16b}, [%0], #64\n"
	                 "st1 {v8.16b-v11.16b}, [%0], #64\n"
	                 "st1 {v12.16b-v15.16b}, [%0], #64\n"
	                 "st1 {v16.16b-v19.16b}, [%0], #64\n"
	                 "st1 {v20.16b-v23.16b}, [%0], #64\n"
	                 "st1 {v24.16b-v27.16b}, [%0], #64\n"
	                 "st1 {v28.16b-v31.16b}, [%0], #64\n"
	                 : "+r"(p)
	                 :
	                 : "memory");
	for (int i = 0; i < 32; i++)
		out[i] = q[i][i % 16];
}

static bool
isr_simd(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	SIMD_SET(0x80);
	simd_runs++;
	return true;
}

static void
console_simd(const char *s, size_t n)
{
	SIMD_SET(0xa0);
	dev_pl011_write(s, n);
}

static bool
simd_intact(const uint8_t got[32])
{
	for (int i = 0; i < 32; i++) {
		if (got[i] != 0x40 + i)
			return false;
	}
	return true;
}

static void
test_simd_survives(int console)
{
	struct console_register_req simd_console = { .fn = console_simd };
	struct console_register_req plain = { .fn = dev_pl011_write };
	static const char line[] =
	    "dev_upcall: via a console function that uses SIMD\n";
	uint8_t got[32];

	gic_register(SGI_SIMD, isr_simd);
	// The ISR runs as the ioctl returns, between the two asm blocks.
	SIMD_SET(0x40);
	gic_req(GICV3_IOCTL_ASSERT_IRQ, SGI_SIMD);
	simd_read(got);
	dev_check(simd_runs == 1 && simd_intact(got),
	          "v0-v31 survive an ISR that writes all of them");

	ioctl(console, CONSOLE_IOCTL_REGISTER, &simd_console);
	SIMD_SET(0x40);
	write(1, line, sizeof(line) - 1);
	simd_read(got);
	ioctl(console, CONSOLE_IOCTL_REGISTER, &plain);
	dev_check(simd_intact(got),
	          "v0-v31 survive a console function that writes all of them");
}

static int console_fd = -1;
static volatile int closed_in_console;

// Closes stdout the first time it is called, and says so on the UART.
static void
console_closer(const char *s, size_t n)
{
	dev_pl011_write(s, n);
	if (!closed_in_console) {
		closed_in_console = 1;
		close(1);
	}
}

static void
test_writev_close(void)
{
	struct console_register_req closer = { .fn = console_closer };
	struct console_register_req plain = { .fn = dev_pl011_write };
	static char first[] = "dev_upcall: first segment\n";
	static char second[] = "dev_upcall: second segment (FAILED)\n";
	struct iovec iov[2] = {
		{ .iov_base = first, .iov_len = sizeof(first) - 1 },
		{ .iov_base = second, .iov_len = sizeof(second) - 1 },
	};
	bool closed;
	ssize_t r;

	fflush(stdout);
	ioctl(console_fd, CONSOLE_IOCTL_REGISTER, &closer);
	r = writev(1, iov, 2);
	ioctl(console_fd, CONSOLE_IOCTL_REGISTER, &plain);
	closed = fcntl(1, F_GETFD) == -1 && errno == EBADF;
	// stdout again (fd 2 is the tty too), so that the checks show.
	fcntl(2, F_DUPFD, 1);
	dev_check(closed_in_console && r == 26,
	          "a console function closes stdout during writev: the call "
	          "ends after the first segment (returned %zd)",
	          r);
	dev_check(closed, "stdout was closed afterwards");
}

int
main(void)
{
	dev_name = "dev_upcall";
	console_fd = dev_console_init(NULL);
	test_exit_hook_register();
	gic = open("/dev/gicv3", O_RDWR);
	dev_check(gic >= 0 && console_fd >= 0, "open /dev/gicv3 and "
	                                       "/dev/console");
	test_isr_waits();
	test_isr_longjmp();
	test_signal_longjmp();
	test_simd_survives(console_fd);
	test_writev_close();
	return dev_finish();
}
