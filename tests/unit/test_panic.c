// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// panic.c against fakes of what it calls: exit_stop (and, for a panic
// inside a panic, arch_stop) return to the test by longjmp, the console
// collects text, the exit hook and the upcalls record when they are called, and
// frame pointers are good only inside the fake stacks the tests build.

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rt/arch.h>
#include <rt/console.h>
#include <rt/exception.h>
#include <rt/exit.h>
#include <rt/log.h>
#include <rt/panic.h>
#include <rt/upcall.h>

#include "unit.h"

static jmp_buf stop_jmp;
static int stop_status;
static unsigned stop_flags;
static uintptr_t stop_log;
static int stop_calls;
// Whether the stop was arch_stop itself, bypassing exit_stop.
static bool stop_raw;

static bool console_on;
static bool console_panics;
static char console_text[4096];
static size_t console_len;

// The order things happened in: 'd' the app marked dead, 'c' a console
// write, 'r' the runtime's stack emptied, 'h' the exit hook, 's' the
// stop.
static char events[64];
static size_t nevents;
static int hook_status;

// What arch_on_exc_stack and upcall_on_app_stack say is a stack.
static uintptr_t stack_lo, stack_hi, app_lo, app_hi;

static _Alignas(8) char log_storage[8 + 8192];

static void
event(char c)
{
	if (nevents + 1 < sizeof(events))
		events[nevents++] = c;
	events[nevents] = '\0';
}

noreturn void
arch_stop(int status, unsigned flags, uintptr_t log)
{
	stop_status = status;
	stop_flags = flags;
	stop_log = log;
	stop_raw = true;
	stop_calls++;
	event('s');
	longjmp(stop_jmp, 1);
}

// How the VM stops normally (src/core/exit.c): it adds the console flag
// and the log ring itself.
noreturn void
exit_stop(int status, unsigned flags)
{
	stop_status = status;
	stop_flags = flags;
	stop_raw = false;
	stop_calls++;
	event('s');
	longjmp(stop_jmp, 1);
}

void
console_write(const char *s, size_t n)
{
	if (nevents == 0 || events[nevents - 1] != 'c')
		event('c');
	if (console_len + n < sizeof(console_text)) {
		memcpy(console_text + console_len, s, n);
		console_len += n;
		console_text[console_len] = '\0';
	}
	if (console_panics) {
		console_panics = false;
		panic("again");
	}
}

bool
console_has_output(void)
{
	return console_on;
}

void
exit_hook_run(int status)
{
	hook_status = status;
	event('h');
}

void
upcall_app_dead(void)
{
	event('d');
}

noreturn void
arch_exc_stack_restart(void (*fn)(void))
{
	event('r');
	fn();
	abort();
}

bool
arch_on_exc_stack(uintptr_t addr)
{
	return addr >= stack_lo && addr < stack_hi;
}

bool
upcall_on_app_stack(uintptr_t addr)
{
	return addr >= app_lo && addr < app_hi;
}

static void
setup(bool console)
{
	panic_reset_for_test();
	log_init((struct log_ring *)(void *)log_storage, sizeof(log_storage));
	stop_status = -1;
	stop_flags = 0;
	stop_log = 0;
	stop_raw = false;
	stop_calls = 0;
	console_on = console;
	console_panics = false;
	console_len = 0;
	console_text[0] = '\0';
	nevents = 0;
	events[0] = '\0';
	hook_status = -1;
	stack_lo = stack_hi = app_lo = app_hi = 0;
}

// The ring has not wrapped in these tests: its text starts at buf[0].
static const char *
log_text(void)
{
	return log_current()->buf;
}

static bool
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int
count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)) != NULL; s++)
		n++;
	return n;
}

// The frame record at stack[i]: {stack + next, ret}, or {0, ret} if next < 0.
static void
record(uint64_t *stack, size_t i, long next, uint64_t ret)
{
	stack[i] = next < 0 ? 0 : (uint64_t)(uintptr_t)&stack[next];
	stack[i + 1] = ret;
}

static void
use_stack(uint64_t *stack, size_t words)
{
	stack_lo = (uintptr_t)stack;
	stack_hi = (uintptr_t)(stack + words);
}

// The backtrace part of the output, after the register dump.
static const char *
backtrace_of(const char *text)
{
	const char *bt = strstr(text, "backtrace:\n");

	return bt != NULL ? bt : "";
}

TEST(panic, message_goes_to_the_log_and_stops)
{
	setup(false);
	if (setjmp(stop_jmp) == 0)
		panic("disk %d on %s", 3, "fire");
	EXPECT_EQ(stop_calls, 1);
	EXPECT_EQ(stop_status, RT_STOP_PANIC_STATUS);
	EXPECT_EQ(stop_status, 240);
	EXPECT_EQ(stop_flags, RT_STOP_PANIC);
	EXPECT_TRUE(starts_with(log_text(), "panic: disk 3 on fire\n"
	                                    "backtrace:\n"));
	EXPECT_EQ(console_len, 0);
}

TEST(panic, own_backtrace_stops_outside_the_stacks)
{
	// No stack is known here, so panic's own frame is refused.
	setup(false);
	if (setjmp(stop_jmp) == 0)
		panic("x");
	EXPECT_TRUE(
	    starts_with(backtrace_of(log_text()),
	                "backtrace:\n  (stopped at bad frame pointer 0x"));
}

TEST(panic, console_gets_the_same_text)
{
	setup(true);
	if (setjmp(stop_jmp) == 0)
		panic("with console");
	EXPECT_EQ(stop_flags, RT_STOP_PANIC);
	EXPECT_FALSE(stop_raw);
	EXPECT_TRUE(starts_with(console_text, "panic: with console\n"));
	EXPECT_STREQ(console_text, log_text());
}

// The app's code may still run in a panic (its console function, its exit
// hook): the upcalls are told first that the app will never run again, so
// that they pick a stack for it. The hook comes after the report, as the
// app's last word (RM's resets the platform), then the stop. The hook
// runs on the runtime's stack emptied, which a panic deep in it (a fault
// with little of it left, a panic in a syscall of the console function)
// would otherwise not leave room for (upcall_call refuses).
TEST(panic, app_dead_then_report_then_exit_hook)
{
	struct arch_frame f = { .sp = 0x80500000, .elr = 0x80481234 };

	setup(true);
	if (setjmp(stop_jmp) == 0)
		panic_frame(&f, "undefined instruction");
	EXPECT_STREQ(events, "dcrhs");
	EXPECT_EQ(hook_status, RT_STOP_PANIC_STATUS);
	EXPECT_EQ(stop_flags, RT_STOP_PANIC);
	EXPECT_STREQ(console_text, log_text());

	setup(false);
	if (setjmp(stop_jmp) == 0)
		panic("plain");
	EXPECT_STREQ(events, "drhs");
	EXPECT_EQ(hook_status, RT_STOP_PANIC_STATUS);
}

TEST(panic, long_message_is_cut_but_ends_the_line)
{
	char big[400];
	const char *nl;

	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	setup(false);
	if (setjmp(stop_jmp) == 0)
		panic("%s", big);
	nl = strchr(log_text(), '\n');
	ASSERT_TRUE(nl != NULL);
	EXPECT_TRUE(starts_with(log_text(), "panic: mmmm"));
	EXPECT_EQ(nl - log_text(), 254); // a 256-byte line with NUL
	EXPECT_TRUE(starts_with(nl + 1, "backtrace:\n"));
}

TEST(panic, frame_dump)
{
	struct arch_frame f;
	const char *t;

	for (unsigned i = 0; i < 31; i++)
		f.x[i] = 0x1000 + i;
	f.x[29] = 0; // no frame records
	f.sp = 0x80500000;
	f.elr = 0x80481234;
	f.spsr = 0x3c5;
	f.esr = 0x96000045;
	f.far = 0xdead;
	setup(false);
	if (setjmp(stop_jmp) == 0)
		panic_frame(&f, "data abort at %#lx", (unsigned long)f.far);
	t = log_text();
	EXPECT_TRUE(starts_with(t, "panic: data abort at 0xdead\n"
	                           "x0  0000000000001000  x1  0000000000001001"
	                           "  x2  0000000000001002\n"));
	EXPECT_TRUE(strstr(t, "x27 000000000000101b  x28 000000000000101c"
	                      "  x29 0000000000000000\n") != NULL);
	EXPECT_TRUE(strstr(t, "x30 000000000000101e  sp  0000000080500000"
	                      "  pc  0000000080481234\n") != NULL);
	EXPECT_TRUE(strstr(t, "esr 0000000096000045  far 000000000000dead"
	                      "  spsr 000003c5\n") != NULL);
	EXPECT_STREQ(backtrace_of(t), "backtrace:\n  0x0000000080481234\n");
	EXPECT_EQ(stop_flags, RT_STOP_PANIC);
}

TEST(panic, backtrace_stops_on_a_bad_frame_pointer)
{
	_Alignas(16) uint64_t stack[16];
	struct arch_frame f = { .elr = 0x4000 };

	record(stack, 2, 6, 0x1111);
	record(stack, 6, 10, 0x2222);
	stack[10] = 0xdead0; // outside the stack
	stack[11] = 0x3333;
	f.x[29] = (uintptr_t)&stack[2];
	setup(false);
	use_stack(stack, 16);
	if (setjmp(stop_jmp) == 0)
		panic_frame(&f, "bt");
	EXPECT_STREQ(backtrace_of(log_text()),
	             "backtrace:\n"
	             "  0x0000000000004000\n"
	             "  0x0000000000001111\n"
	             "  0x0000000000002222\n"
	             "  0x0000000000003333\n"
	             "  (stopped at bad frame pointer 0xdead0)\n");
}

// The records of the runtime's stack lead into the app's (an exception
// taken in app code the runtime called): both are followed.
TEST(panic, backtrace_crosses_from_the_runtimes_stack_to_the_apps)
{
	_Alignas(16) uint64_t stack[8], app[8];
	struct arch_frame f = { .elr = 0x4000 };

	// The app's stack lies above the runtime's, as frames must climb.
	uint64_t *lo = (uintptr_t)stack < (uintptr_t)app ? stack : app;
	uint64_t *hi = lo == stack ? app : stack;

	lo[0] = (uint64_t)(uintptr_t)&hi[2];
	lo[1] = 0x1111;
	record(hi, 2, -1, 0x2222);
	f.x[29] = (uintptr_t)&lo[0];
	setup(false);
	stack_lo = (uintptr_t)lo;
	stack_hi = (uintptr_t)(lo + 8);
	app_lo = (uintptr_t)hi;
	app_hi = (uintptr_t)(hi + 8);
	if (setjmp(stop_jmp) == 0)
		panic_frame(&f, "bt");
	EXPECT_STREQ(backtrace_of(log_text()), "backtrace:\n"
	                                       "  0x0000000000004000\n"
	                                       "  0x0000000000001111\n"
	                                       "  0x0000000000002222\n");
}

TEST(panic, backtrace_ends_cleanly_at_a_zero_frame_pointer)
{
	_Alignas(16) uint64_t stack[8];
	struct arch_frame f = { .elr = 0x4000 };

	record(stack, 0, 4, 0x1111);
	record(stack, 4, -1, 0x2222);
	f.x[29] = (uintptr_t)&stack[0];
	setup(false);
	use_stack(stack, 8);
	if (setjmp(stop_jmp) == 0)
		panic_frame(&f, "bt");
	EXPECT_STREQ(backtrace_of(log_text()), "backtrace:\n"
	                                       "  0x0000000000004000\n"
	                                       "  0x0000000000001111\n"
	                                       "  0x0000000000002222\n");
}

TEST(panic, backtrace_checks_every_frame_pointer)
{
	_Alignas(16) uint64_t stack[16];
	struct arch_frame f = { .elr = 0x4000 };
	char want[128];

	setup(false);
	use_stack(stack, 16);

	// Misaligned, though inside the stack.
	f.x[29] = (uintptr_t)&stack[2] + 4;
	if (setjmp(stop_jmp) == 0)
		panic_frame(&f, "misaligned");
	snprintf(want, sizeof(want),
	         "backtrace:\n  0x0000000000004000\n"
	         "  (stopped at bad frame pointer 0x%lx)\n",
	         (unsigned long)f.x[29]);
	EXPECT_STREQ(backtrace_of(log_text()), want);

	// A loop: the chain must climb.
	setup(false);
	use_stack(stack, 16);
	record(stack, 2, 6, 0x1111);
	record(stack, 6, 2, 0x2222);
	f.x[29] = (uintptr_t)&stack[2];
	if (setjmp(stop_jmp) == 0)
		panic_frame(&f, "loop");
	snprintf(want, sizeof(want),
	         "backtrace:\n  0x0000000000004000\n  0x0000000000001111\n"
	         "  0x0000000000002222\n"
	         "  (stopped at bad frame pointer 0x%lx)\n",
	         (unsigned long)(uintptr_t)&stack[2]);
	EXPECT_STREQ(backtrace_of(log_text()), want);

	// A record whose second word is past the end of the stack.
	setup(false);
	use_stack(stack, 16);
	f.x[29] = (uintptr_t)&stack[15];
	if (setjmp(stop_jmp) == 0)
		panic_frame(&f, "edge");
	snprintf(want, sizeof(want),
	         "backtrace:\n  0x0000000000004000\n"
	         "  (stopped at bad frame pointer 0x%lx)\n",
	         (unsigned long)f.x[29]);
	EXPECT_STREQ(backtrace_of(log_text()), want);
}

TEST(panic, backtrace_depth_is_bounded)
{
	_Alignas(16) uint64_t stack[64];
	struct arch_frame f = { .elr = 0x4000 };
	const char *bt;

	for (size_t i = 0; i + 2 < 64; i += 2)
		record(stack, i, (long)i + 2, 0x100 + i);
	record(stack, 62, -1, 0x999);
	f.x[29] = (uintptr_t)&stack[0];
	setup(false);
	use_stack(stack, 64);
	if (setjmp(stop_jmp) == 0)
		panic_frame(&f, "deep");
	bt = backtrace_of(log_text());
	EXPECT_EQ(count(bt, "  0x"), 1 + 16); // pc and 16 frames
	EXPECT_TRUE(strstr(bt, "  ... (more than 16 frames)\n") != NULL);
	EXPECT_TRUE(strstr(bt, "0x0000000000000999") == NULL);
}

TEST(panic, panic_inside_panic_stops_at_once)
{
	setup(true);
	console_panics = true; // the first console write panics again
	if (setjmp(stop_jmp) == 0)
		panic("first");
	EXPECT_EQ(stop_calls, 1);
	EXPECT_EQ(stop_status, RT_STOP_PANIC_STATUS);
	// Straight to arch_stop, without the console flag: the console is
	// not trusted.
	EXPECT_TRUE(stop_raw);
	EXPECT_EQ(stop_flags, RT_STOP_PANIC);
	EXPECT_EQ(stop_log, (uintptr_t)log_current());
	EXPECT_STREQ(console_text, "panic: first\n");
	EXPECT_STREQ(log_text(), "panic: first\n");
	// Nor is the exit hook.
	EXPECT_EQ(hook_status, -1);
	EXPECT_STREQ(events, "dcs");
}

TEST(panic, frame_may_be_null)
{
	setup(false);
	if (setjmp(stop_jmp) == 0)
		panic_frame(NULL, "no frame");
	EXPECT_STREQ(log_text(), "panic: no frame\n");
	EXPECT_EQ(stop_calls, 1);
}

// fault_report's words for what the vectors hand it.
static const char *
exception_message(uint64_t esr, uint64_t far, unsigned kind)
{
	static struct arch_frame f;

	memset(&f, 0, sizeof(f));
	f.esr = esr;
	f.far = far;
	f.elr = 0x80481000;
	setup(false);
	if (setjmp(stop_jmp) == 0)
		fault_report(&f, kind);
	EXPECT_EQ(stop_status, RT_STOP_PANIC_STATUS);
	return log_text();
}

#define EL1T_SYNC (EXCEPTION_FROM_EL1T + EXCEPTION_SYNC)

TEST(exception, aborts_name_fault_address_and_access)
{
	EXPECT_TRUE(starts_with(
	    exception_message(0x96000044, 0x1234, EL1T_SYNC),
	    "panic: data abort from the app: translation fault on write of "
	    "address 0x1234 at pc 0x80481000 (ESR 0x96000044)\n"));
	EXPECT_TRUE(starts_with(
	    exception_message(0x96000000, 0xdeadbeefdeadbeef, EL1T_SYNC),
	    "panic: data abort from the app: address size fault on read of "
	    "address 0xdeadbeefdeadbeef at pc 0x80481000"));
	// What Gunyah injects for a stage-2 fault: WnR says nothing.
	EXPECT_TRUE(starts_with(
	    exception_message(0x96000010, 0x10, EL1T_SYNC),
	    "panic: data abort from the app: synchronous external abort on "
	    "access of address 0x10 at pc 0x80481000"));
	EXPECT_TRUE(starts_with(
	    exception_message(0x86000010, 0x0, EL1T_SYNC),
	    "panic: instruction abort from the app: synchronous external abort "
	    "on fetch of address 0 at pc 0x80481000"));
}

// ESR.FnV: FAR is UNKNOWN, so the report names no address.
TEST(exception, far_not_valid_names_no_address)
{
	const char *msg = exception_message(0x96000410, 0x1234, EL1T_SYNC);

	EXPECT_TRUE(starts_with(
	    msg, "panic: data abort from the app: synchronous external abort "
	         "on access of an address not known (FAR not valid) at pc "
	         "0x80481000 (ESR 0x96000410)\n"));
	EXPECT_TRUE(strstr(msg, "0x1234") == NULL);
	msg = exception_message(0x86000410, 0x5678,
	                        EXCEPTION_FROM_EL1H + EXCEPTION_SYNC);
	EXPECT_TRUE(starts_with(
	    msg, "panic: instruction abort from the runtime: synchronous "
	         "external abort on fetch of an address not known (FAR not "
	         "valid) at pc 0x80481000"));
	EXPECT_TRUE(strstr(msg, "0x5678") == NULL);
}

TEST(exception, other_classes_and_kinds)
{
	EXPECT_TRUE(
	    starts_with(exception_message(0x02000000, 0, EL1T_SYNC),
	                "panic: undefined instruction from the app at pc "
	                "0x80481000 (ESR 0x2000000, ISS 0)\n"));
	EXPECT_TRUE(starts_with(exception_message(0xf20003e8, 0, EL1T_SYNC),
	                        "panic: BRK instruction from the app at pc "
	                        "0x80481000 (ESR 0xf20003e8, ISS 0x3e8)\n"));
	// An IRQ taken by the runtime, which never unmasks them.
	EXPECT_TRUE(starts_with(
	    exception_message(0, 0, EXCEPTION_FROM_EL1H + EXCEPTION_IRQ),
	    "panic: unexpected IRQ from the runtime at pc 0x80481000\n"));
	EXPECT_TRUE(starts_with(
	    exception_message(0xbe000000, 0,
	                      EXCEPTION_FROM_EL1T + EXCEPTION_SERROR),
	    "panic: unexpected SError from the app at pc "));
}
