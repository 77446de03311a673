// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The whole way into and out of the runtime (src/syscall/entry.c, the
// vectors' decisions, upcalls) with every real handler and /dev node
// behind it, as the app of fake_app.c sees it: the fast and slow paths,
// ISRs started on the way back from an IRQ and ending in rt_sigreturn,
// an ISR waiting for another interrupt, the storm limit, handlers left by
// longjmp, stack overflow, waits ended by interrupts, a console function
// that closes its fd in the middle of a writev.

#include <string.h>

#include <rt/errno.h>
#include <rt/exception.h>
#include <rt/gicv3.h>
#include <rt/linux.h>
#include <rt/log.h>
#include <rt/mem.h>
#include <rt/upcall.h>
#include <uapi/rt_console.h>
#include <uapi/rt_exit.h>
#include <uapi/rt_gicv3.h>

#include <syscall_table.h>

#include "fake_app.h"
#include "fake_arch.h"
#include "unit.h"

#define NR(name) SYSCALL_NR_##name

// What the runtime is built with.
#ifndef RT_IRQ_STORM_LIMIT
#define RT_IRQ_STORM_LIMIT 1000
#endif
#ifndef RT_UPCALL_DEPTH
#define RT_UPCALL_DEPTH 8
#endif

static long gic_fd;

// What the ISRs saw.
static struct {
	unsigned calls;
	long intid, data;
	unsigned depth;
	uint64_t spsr;
	uint8_t prio;
	bool active;
} isr_seen;

static void
reset(void)
{
	fake_app_setup();
	memset(&isr_seen, 0, sizeof(isr_seen));
	gic_fd = APP_SYSCALL4(NR(openat), RT_AT_FDCWD,
	                      fake_app_strdup(GICV3_PATH), RT_O_RDWR, 0);
	ASSERT_EQ(gic_fd, 3);
}

static bool
log_has(const char *s)
{
	return strstr(log_current()->buf, s) != NULL;
}

static long
gic_ioctl(unsigned long cmd, uint32_t intid)
{
	uint32_t *id = fake_app_alloc(sizeof(*id));

	*id = intid;
	return APP_SYSCALL3(NR(ioctl), gic_fd, cmd, id);
}

static void
add_isr(uint32_t intid, long (*fn)(long, long, long), long data)
{
	struct gicv3_register_req *req = fake_app_alloc(sizeof(*req));

	*req = (struct gicv3_register_req){
		.isr = fake_app_code(fn),
		.irq = intid,
		.data = (void *)data,
	};
	ASSERT_EQ(
	    APP_SYSCALL3(NR(ioctl), gic_fd, GICV3_IOCTL_REGISTER_ISR, req), 0);
	ASSERT_EQ(gic_ioctl(GICV3_IOCTL_ENABLE_IRQ, intid), 0);
}

// A level-sensitive source, as set_trigger makes it (SPIs start edge).
static void
set_level(uint32_t intid)
{
	struct gicv3_trigger_req *req = fake_app_alloc(sizeof(*req));

	*req =
	    (struct gicv3_trigger_req){ .irq = intid,
		                        .trigger = GICV3_TRIGGER_LEVEL_HIGH };
	ASSERT_EQ(APP_SYSCALL3(NR(ioctl), gic_fd, GICV3_IOCTL_SET_TRIGGER, req),
	          0);
}

static long
isr_record(long intid, long data, long unused)
{
	(void)unused;
	isr_seen.calls++;
	isr_seen.intid = intid;
	isr_seen.data = data;
	isr_seen.depth = fake_app_depth();
	isr_seen.spsr = fake_app_now()->spsr;
	isr_seen.prio = fake_running_priority();
	isr_seen.active = fake.active[intid];
	return 1;
}

// ---- the paths in ----

// On the host too, the table's offsets lead to the handlers (the vector
// and syscall_lookup mask the flags out of their low bits).
TEST(entry, table_finds_the_handlers)
{
	int frame;

	EXPECT_EQ((void *)syscall_lookup(NR(write), &frame), (void *)sys_write);
	EXPECT_EQ(frame, 0);
	EXPECT_EQ((void *)syscall_lookup(NR(nanosleep), &frame),
	          (void *)sys_nanosleep);
	EXPECT_EQ(frame, 0);
	EXPECT_EQ((void *)syscall_lookup(NR(rt_sigreturn), &frame),
	          (void *)sys_rt_sigreturn);
	EXPECT_EQ(frame, 1);
	EXPECT_EQ((void *)syscall_lookup(NR(mmap), &frame), (void *)sys_mmap);
}

static unsigned slow_in_isr;

static long
isr_calls_getpid(long intid, long data, long unused)
{
	unsigned slow = fake_app_stats.slow;

	isr_record(intid, data, unused);
	EXPECT_EQ(APP_SYSCALL0(NR(getpid)), 1);
	slow_in_isr = fake_app_stats.slow - slow;
	return 1;
}

TEST(entry, fast_and_slow_paths)
{
	reset();
	fake_app_stats.fast = fake_app_stats.slow = 0;
	EXPECT_EQ(APP_SYSCALL0(NR(getpid)), 1);
	EXPECT_EQ(fake_app_stats.fast, 1);
	// Calls after which an upcall may be due go the slow way.
	EXPECT_EQ(APP_SYSCALL2(NR(tkill), 1, 0), 0);
	EXPECT_EQ(fake_app_stats.slow, 1);
	// So does every call while app code the runtime started runs.
	add_isr(40, isr_calls_getpid, 0);
	fake_gic_raise(40);
	fake_app_irqs();
	EXPECT_EQ(isr_seen.calls, 1);
	EXPECT_EQ(slow_in_isr, 1);
	EXPECT_EQ(fake.app_sp_floor, FAKE_APP_STACK_BOTTOM);
	fake_app_stats.fast = 0;
	EXPECT_EQ(APP_SYSCALL0(NR(getpid)), 1);
	EXPECT_EQ(fake_app_stats.fast, 1);
}

// A number the table lacks: a panic naming it and the svc's address.
TEST(entry, unknown_syscall_panics)
{
	reset();
	APP_STOPS(APP_SYSCALL0(999));
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, RT_STOP_PANIC_STATUS);
	EXPECT_TRUE(log_has("panic: unknown syscall 999 (not a Linux syscall) "
	                    "at pc 0x"));
}

// Anything but svc #0 and an FP/SIMD trap is fatal.
TEST(entry, other_exceptions_are_fatal)
{
	struct arch_frame f = { .esr = 0x02000000 };

	reset();
	f.sp = fake_app_now()->sp;
	f.elr = 0x1234;
	f.spsr = ARCH_SPSR_APP;
	APP_STOPS(rt_sync_entry(&f));
	EXPECT_EQ(fake.stops, 1);
	EXPECT_TRUE(log_has("panic: undefined instruction from the app at pc "
	                    "0x1234"));
}

// An overflow of the app's stack is caught at the next exception, what
// ever it is (the fast path's floor sends it to the slow one).
TEST(entry, stack_overflow_at_the_next_syscall)
{
	uintptr_t sp = FAKE_APP_STACK_BOTTOM - 4096;

	reset();
	fake_app_stats.fast = 0;
	fake_app_now()->sp = sp;
	APP_STOPS(APP_SYSCALL0(NR(getpid)));
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, RT_STOP_PANIC_STATUS);
	EXPECT_TRUE(log_has("panic: stack overflow: sp 0x"));
	EXPECT_TRUE(log_has("is below the app's stack [0x"));
	EXPECT_EQ(fake_app_stats.fast, 0);
}

TEST(entry, stack_overflow_at_an_irq)
{
	reset();
	add_isr(40, isr_record, 0);
	fake_app_now()->sp = FAKE_APP_STACK_BOTTOM - 16;
	fake_gic_raise(40);
	APP_STOPS(fake_app_irqs());
	EXPECT_EQ(fake.stops, 1);
	EXPECT_TRUE(log_has("panic: stack overflow: sp 0x"));
	EXPECT_EQ(isr_seen.calls, 0);
}

// ---- ISRs ----

TEST(isr, runs_on_the_way_back_from_the_irq)
{
	reset();
	add_isr(40, isr_record, 0x5150);
	fake_gic_raise(40);
	fake_app_irqs();
	EXPECT_EQ(fake_app_stats.irqs, 1);
	ASSERT_EQ(isr_seen.calls, 1);
	EXPECT_EQ(isr_seen.intid, 40);
	EXPECT_EQ(isr_seen.data, 0x5150);
	// An upcall, masked, after the EOI: nothing active, priority idle.
	EXPECT_EQ(isr_seen.depth, 1);
	EXPECT_EQ(isr_seen.spsr & ARCH_SPSR_I, ARCH_SPSR_I);
	EXPECT_EQ(isr_seen.prio, FAKE_PRIO_IDLE);
	EXPECT_FALSE(isr_seen.active);
	EXPECT_EQ(fake_app_stats.sigreturns, 1);
	// The app goes on unmasked, as it was.
	EXPECT_EQ(fake_app_now()->spsr & ARCH_SPSR_I, 0);
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(fake.nrunning, 0);
}

// An ISR's result is a bool: only the low byte of x0 counts.
static long
isr_false_above(long intid, long data, long unused)
{
	isr_record(intid, data, unused);
	return 0x100;
}

static long
isr_true_above(long intid, long data, long unused)
{
	isr_record(intid, data, unused);
	return (long)0xffffff01;
}

TEST(isr, result_is_the_low_byte)
{
	reset();
	add_isr(40, isr_false_above, 0);
	add_isr(41, isr_true_above, 0);
	fake_gic_raise(40);
	fake_gic_raise(41);
	fake_app_irqs();
	EXPECT_EQ(isr_seen.calls, 2);
	EXPECT_FALSE(fake_gic_enabled(40));
	EXPECT_TRUE(fake_gic_enabled(41));
}

TEST(isr, several_pending_run_one_after_another)
{
	reset();
	add_isr(40, isr_record, 0);
	add_isr(41, isr_record, 0);
	add_isr(42, isr_record, 0);
	fake_gic_raise(42);
	fake_gic_raise(40);
	fake_gic_raise(41);
	fake_app_irqs();
	EXPECT_EQ(isr_seen.calls, 3);
	// One IRQ exception: each rt_sigreturn went on with the next.
	EXPECT_EQ(fake_app_stats.irqs, 1);
	EXPECT_EQ(fake_app_stats.max_depth, 1);
}

// An ISR that waits for another interrupt of its priority (RM's
// ppoll(NULL, 0, NULL) in an ISR) gets it: the other ISR runs on the way
// back from the wait, which ends with EINTR, as a signal ends it on Linux.
static long ppoll_in_isr;
static unsigned inner_depth;

static long
isr_inner(long intid, long data, long unused)
{
	(void)intid;
	(void)data;
	(void)unused;
	inner_depth = fake_app_depth();
	return 1;
}

static void
raise_41_later(unsigned n)
{
	if (n == 3)
		fake_gic_raise(41);
}

static long
isr_waits_for_41(long intid, long data, long unused)
{
	(void)intid;
	(void)data;
	(void)unused;
	fake.wfi_hook = raise_41_later;
	ppoll_in_isr = APP_SYSCALL6(NR(ppoll), 0, 0, 0, 0, 0, 0);
	fake.wfi_hook = NULL;
	return 1;
}

TEST(isr, that_waits_for_another_interrupt_gets_it)
{
	reset();
	ppoll_in_isr = 0;
	inner_depth = 0;
	add_isr(40, isr_waits_for_41, 0);
	add_isr(41, isr_inner, 0);
	fake_gic_raise(40);
	fake_app_irqs();
	EXPECT_EQ(ppoll_in_isr, -EINTR);
	EXPECT_EQ(inner_depth, 2);
	EXPECT_EQ(fake_app_stats.sigreturns, 2);
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(fake.nrunning, 0);
}

// A level interrupt its ISR never clears: the ISR runs again after each
// rt_sigreturn, until the storm limit disables it; the VM goes on.
TEST(isr, level_interrupt_not_cleared_is_a_storm)
{
	reset();
	add_isr(43, isr_record, 0);
	set_level(43);
	fake_gic_line(43, true);
	fake_app_irqs();
	EXPECT_EQ(isr_seen.calls, RT_IRQ_STORM_LIMIT);
	EXPECT_FALSE(fake_gic_enabled(43));
	EXPECT_TRUE(log_has("irq: INTID 43 fired 1000 times"));
	EXPECT_EQ(fake_app_stats.irqs, 1);
	EXPECT_EQ(fake_app_now()->spsr & ARCH_SPSR_I, 0);
	EXPECT_EQ(APP_SYSCALL0(NR(getpid)), 1);
}

// The same, by an ISR that sleeps a little each time: its interrupt is
// taken again in its own sleep. It must not be started inside itself (app
// code is not reentrant), and the storm limit must still stop it.
static unsigned sleeper_depth_max;

static long
isr_sleeps(long intid, long data, long unused)
{
	struct rt_timespec *ts = fake_app_alloc(sizeof(*ts));

	(void)intid;
	(void)data;
	(void)unused;
	isr_seen.calls++;
	if (fake_app_depth() > sleeper_depth_max)
		sleeper_depth_max = fake_app_depth();
	*ts = (struct rt_timespec){ 0, 1000 };
	APP_SYSCALL2(NR(nanosleep), ts, 0);
	return 1;
}

TEST(isr, that_sleeps_is_not_started_inside_itself)
{
	reset();
	sleeper_depth_max = 0;
	add_isr(45, isr_sleeps, 0);
	set_level(45);
	fake_gic_line(45, true);
	APP_STOPS(fake_app_irqs());
	EXPECT_EQ(fake.stops, 0);
	EXPECT_EQ(sleeper_depth_max, 1);
	EXPECT_FALSE(fake_gic_enabled(45));
}

// siglongjmp out of an ISR (back into the main line): the next entry
// notices, and unmasks interrupts for the code the app jumped to.
static struct fake_app_jmp isr_jmp;

static long
isr_jumps_out(long intid, long data, long unused)
{
	isr_record(intid, data, unused);
	fake_app_longjmp(&isr_jmp);
}

TEST(isr, left_by_longjmp_unmasks_interrupts)
{
	reset();
	add_isr(40, isr_jumps_out, 0);
	add_isr(41, isr_record, 0);
	fake_app_mark(&isr_jmp);
	if (setjmp(isr_jmp.jb) == 0) {
		fake_gic_raise(40);
		fake_app_irqs();
		EXPECT_TRUE(false); // the ISR did not jump
	}
	ASSERT_EQ(isr_seen.calls, 1);
	// Masked still, as longjmp left PSTATE: 41 is not taken yet.
	EXPECT_EQ(fake_app_now()->spsr & ARCH_SPSR_I, ARCH_SPSR_I);
	EXPECT_EQ(upcall_depth(), 1);
	fake_gic_raise(41);
	fake_app_irqs();
	EXPECT_EQ(isr_seen.calls, 1);
	// The app's next syscall: the ISR is forgotten, interrupts come
	// again (41 at once), and 40 was finished by its EOI.
	EXPECT_EQ(APP_SYSCALL0(NR(getpid)), 1);
	EXPECT_EQ(fake_app_now()->spsr & ARCH_SPSR_I, 0);
	EXPECT_EQ(isr_seen.calls, 2);
	EXPECT_EQ(isr_seen.intid, 41);
	EXPECT_EQ(fake.nrunning, 0);
	EXPECT_EQ(upcall_depth(), 0);
	fake_gic_raise(40);
	fake_app_mark(&isr_jmp);
	if (setjmp(isr_jmp.jb) == 0)
		fake_app_irqs();
	EXPECT_EQ(isr_seen.calls, 3);
}

// An ISR that uses FP/SIMD leaves the app's registers as they were.
static long
isr_uses_fp(long intid, long data, long unused)
{
	isr_record(intid, data, unused);
	fake_app_fp(0xbad);
	return 1;
}

TEST(isr, fp_of_the_app_survives_an_isr)
{
	reset();
	add_isr(40, isr_uses_fp, 0);
	fake_app_fp(0x600d);
	fake_gic_raise(40);
	fake_app_irqs();
	ASSERT_EQ(isr_seen.calls, 1);
	EXPECT_EQ(fake.fp.q[0][0], 0x600d);
	EXPECT_EQ(fake.fp_saves, 1);
	EXPECT_EQ(fake.fp_restores, 1);
}

// Each ISR waits for the next INTID: nested as deep as the runtime
// allows, then a panic that says so.
static uint32_t chain_next;

static void
raise_chain(unsigned n)
{
	(void)n;
	fake_gic_raise(chain_next);
}

static long
isr_chains(long intid, long data, long unused)
{
	isr_record(intid, data, unused);
	chain_next = (uint32_t)intid + 1;
	fake.wfi_hook = raise_chain;
	APP_SYSCALL6(NR(ppoll), 0, 0, 0, 0, 0, 0);
	return 1;
}

TEST(isr, nested_as_deep_as_allowed_then_a_panic)
{
	reset();
	for (uint32_t i = 0; i <= RT_UPCALL_DEPTH; i++)
		add_isr(50 + i, isr_chains, 0);
	fake_gic_raise(50);
	APP_STOPS(fake_app_irqs());
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(isr_seen.calls, RT_UPCALL_DEPTH);
	EXPECT_EQ(fake_app_stats.max_depth, RT_UPCALL_DEPTH);
	EXPECT_TRUE(log_has("panic: ISR for 58: handlers nested 8 deep"));
}

// ---- waits ----

// Half a second into the wait, a device raises 40.
static void
raise_40_at_1(unsigned n)
{
	if (n == 1) {
		fake.counter += FAKE_COUNTER_HZ / 2;
		fake_gic_raise(40);
	}
}

// nanosleep ends with EINTR and the time left when an interrupt comes;
// its ISR has run when the app sees the EINTR.
TEST(wait, sleep_ended_by_an_interrupt)
{
	struct rt_timespec *req = NULL, *rem = NULL;
	long ret;

	reset();
	add_isr(40, isr_record, 0);
	req = fake_app_alloc(sizeof(*req));
	rem = fake_app_alloc(sizeof(*rem));
	*req = (struct rt_timespec){ 1, 0 };
	fake.wfi_hook = raise_40_at_1;
	ret = APP_SYSCALL2(NR(nanosleep), req, rem);
	EXPECT_EQ(ret, -EINTR);
	EXPECT_EQ(isr_seen.calls, 1);
	EXPECT_EQ(isr_seen.depth, 1);
	EXPECT_EQ(rem->tv_sec, 0);
	EXPECT_EQ(rem->tv_nsec, 500000000);
	EXPECT_EQ(fake_app_stats.irqs, 0);
}

// ---- the console function and writev ----

static char out[256];
static size_t out_len;
static unsigned console_calls;

static long
console_records(long s, long n, long unused)
{
	(void)unused;
	console_calls++;
	if (out_len + (size_t)n < sizeof(out)) {
		memcpy(out + out_len, (const void *)s, (size_t)n);
		out_len += (size_t)n;
		out[out_len] = '\0';
	}
	return 0;
}

static long
console_closes_stdout(long s, long n, long unused)
{
	console_records(s, n, unused);
	// Interrupts masked, on the app's stack, as app code.
	EXPECT_EQ(fake_app_now()->spsr & ARCH_SPSR_I, ARCH_SPSR_I);
	EXPECT_EQ(APP_SYSCALL1(NR(close), 1), 0);
	return 0;
}

static void
console_register(long (*fn)(long, long, long))
{
	struct console_register_req *req = fake_app_alloc(sizeof(*req));
	long fd = APP_SYSCALL4(NR(openat), RT_AT_FDCWD,
	                       fake_app_strdup(CONSOLE_PATH), RT_O_RDWR, 0);

	out_len = 0;
	out[0] = '\0';
	console_calls = 0;
	req->fn = (void (*)(const char *, size_t))fake_app_code(fn);
	ASSERT_EQ(APP_SYSCALL3(NR(ioctl), fd, CONSOLE_IOCTL_REGISTER, req), 0);
}

static struct rt_iovec *
iov3(const char *a, const char *b, const char *c)
{
	struct rt_iovec *iov = fake_app_alloc(3 * sizeof(*iov));
	const char *s[3] = { a, b, c };

	for (int i = 0; i < 3; i++)
		iov[i] =
		    (struct rt_iovec){ fake_app_strdup(s[i]), strlen(s[i]) };
	return iov;
}

TEST(writev, console_function_that_closes_the_fd)
{
	reset();
	console_register(console_closes_stdout);
	EXPECT_EQ(
	    APP_SYSCALL3(NR(writev), 1, iov3("one ", "two ", "three\n"), 3), 4);
	EXPECT_EQ(console_calls, 1);
	EXPECT_STREQ(out, "one ");
	EXPECT_STREQ(log_current()->buf, "one ");
	EXPECT_EQ(APP_SYSCALL3(NR(write), 1, fake_app_strdup("x"), 1), -EBADF);
}

TEST(writev, console_function_that_writes)
{
	reset();
	console_register(console_records);
	EXPECT_EQ(APP_SYSCALL3(NR(writev), 2, iov3("a", "b", "c\n"), 3), 4);
	EXPECT_STREQ(out, "abc\n");
	EXPECT_EQ(fake_app_stats.calls, 3);
}

// ---- exit and panic ----

static int hook_status;

static long
exit_hook(long status, long unused1, long unused2)
{
	(void)unused1;
	(void)unused2;
	hook_status = (int)status;
	return 0;
}

static void
exit_register(void)
{
	struct exit_register_req *req = fake_app_alloc(sizeof(*req));
	long fd = APP_SYSCALL4(NR(openat), RT_AT_FDCWD,
	                       fake_app_strdup(EXIT_PATH), RT_O_RDWR, 0);

	hook_status = -1;
	req->fn = (void (*)(int))fake_app_code(exit_hook);
	ASSERT_EQ(APP_SYSCALL3(NR(ioctl), fd, EXIT_IOCTL_REGISTER, req), 0);
}

TEST(exit, hook_runs_then_the_vm_stops)
{
	reset();
	exit_register();
	APP_STOPS(APP_SYSCALL1(NR(exit_group), 3));
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, 3);
	EXPECT_EQ(hook_status, 3);
}

// A panic calls the hook too, after its report, with 240: RM's resets
// the platform. It runs on the app's stack even when the fault left it
// unusable.
TEST(exit, panic_runs_the_hook_after_the_report)
{
	reset();
	exit_register();
	console_register(console_records);
	fake_app_now()->sp = FAKE_APP_STACK_BOTTOM - 64;
	APP_STOPS(APP_SYSCALL0(NR(getpid)));
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, RT_STOP_PANIC_STATUS);
	EXPECT_EQ(hook_status, RT_STOP_PANIC_STATUS);
	EXPECT_TRUE(strstr(out, "panic: stack overflow") != NULL);
	EXPECT_EQ(fake.stop_flags, RT_STOP_PANIC | RT_STOP_CONSOLE);
}
