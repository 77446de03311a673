// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Upcalls and calls into app code (src/core/upcall.c) on a fake app
// stack: the frame an upcall leaves there, rt_sigreturn, the checks made
// at every entry (handlers left by longjmp, stack overflow), the nesting
// limit, calls, and the lazy FP/SIMD save with the fake's CPACR trap.

#include <stdio.h>
#include <string.h>

#include <rt/arch.h>
#include <rt/uaccess.h>
#include <rt/upcall.h>

#include "fake_arch.h"
#include "panic_fake.h"
#include "unit.h"

// What src/core/upcall.c is built with.
#ifndef RT_UPCALL_DEPTH
#define RT_UPCALL_DEPTH 8
#endif

// The frame an upcall leaves below the interrupted sp: the app may read
// and change it, as a Linux signal handler its rt_sigframe.
struct want_frame {
	char magic[8]; // "RTupcall"
	uint64_t sigmask;
	uint64_t x[31];
	uint64_t sp, elr, spsr;
	struct arch_fp_state fp;
};

static_assert(sizeof(struct want_frame) == 816, "the frame's size");

#define FRAME_SIZE sizeof(struct want_frame)

// The app's memory: a hole it does not own, its initial stack, a page of
// read-only data, then heap it may run a stack of its own on.
static _Alignas(4096) unsigned char mem[6 * 4096];
#define BOTTOM    ((uintptr_t)mem + 4096)
#define TOP       ((uintptr_t)mem + 3 * 4096)
#define RODATA    TOP
#define HEAP      ((uintptr_t)mem + 4 * 4096)
#define HEAP_END  ((uintptr_t)mem + 6 * 4096)
#define GUARD     4096u // the hole below BOTTOM
#define APP_PC    UINT64_C(0x400000)
#define ISR_FN    ((void *)0x410000)
#define HANDLER   ((void *)0x420000)
#define APP_FLAGS UINT64_C(0x60000000) // Z and C

static void
setup(void)
{
	fake_arch_reset();
	memset(mem, 0, sizeof(mem));
	uaccess_reset();
	ASSERT_EQ(uaccess_add(BOTTOM, TOP, UACCESS_READ | UACCESS_WRITE), 0);
	ASSERT_EQ(uaccess_add(RODATA, RODATA + 4096, UACCESS_READ), 0);
	ASSERT_EQ(uaccess_add(HEAP, HEAP_END, UACCESS_READ | UACCESS_WRITE), 0);
	upcall_init(BOTTOM, TOP, GUARD);
	fake.app_sp = TOP - 256;
}

// The app's context at an exception, registers numbered.
static struct arch_frame
app_frame(uintptr_t sp)
{
	struct arch_frame f;

	for (unsigned i = 0; i < 31; i++)
		f.x[i] = 0x1000 + i;
	f.sp = sp;
	f.elr = APP_PC;
	f.spsr = ARCH_SPSR_APP | APP_FLAGS;
	f.esr = ARCH_ESR_SVC_IMM0;
	f.far = 0;
	return f;
}

static struct want_frame *
frame_at(uintptr_t sp)
{
	return (struct want_frame *)sp;
}

TEST(upcall, init_opens_the_fast_path)
{
	setup();
	EXPECT_EQ(fake.app_sp_floor, BOTTOM);
	EXPECT_FALSE(fake.fp_trapping);
	EXPECT_EQ(upcall_depth(), 0);
}

TEST(upcall, frame_layout_on_the_apps_stack)
{
	struct arch_frame f, was;
	struct want_frame *uf;
	uintptr_t sp = TOP - 512 - 8; // an sp the app had mid-function

	setup();
	f = app_frame(sp);
	was = f;
	upcall_start(&f, UPCALL_ISR, 40, ISR_FN, 40, 0x1234, true, 0x77);
	// The frame right below the sp, 16-byte aligned.
	EXPECT_EQ(f.sp, RT_ALIGN_DOWN(sp - FRAME_SIZE, 16));
	uf = frame_at(f.sp);
	EXPECT_MEMEQ(uf->magic, "RTupcall", 8);
	EXPECT_EQ(uf->sigmask, 0x77);
	EXPECT_MEMEQ(uf->x, was.x, sizeof(was.x));
	EXPECT_EQ(uf->sp, sp);
	EXPECT_EQ(uf->elr, APP_PC);
	EXPECT_EQ(uf->spsr, was.spsr);
	// Nothing above the frame was touched.
	for (uintptr_t a = f.sp + FRAME_SIZE; a < TOP; a++)
		ASSERT_EQ(*(unsigned char *)a, 0);
	// The handler's entry: (a0, a1, NULL), returning to the trampoline,
	// at EL1t, interrupts masked for an ISR.
	EXPECT_EQ(f.elr, (uintptr_t)ISR_FN);
	EXPECT_EQ(f.x[0], 40);
	EXPECT_EQ(f.x[1], 0x1234);
	EXPECT_EQ(f.x[2], 0);
	EXPECT_EQ(f.x[30], (uintptr_t)arch_upcall_return);
	EXPECT_EQ(f.spsr, ARCH_SPSR_APP | ARCH_SPSR_I);
	EXPECT_EQ(upcall_depth(), 1);
	// Every exception while app code the runtime started runs takes the
	// slow path; its first FP/SIMD instruction traps.
	EXPECT_EQ(fake.app_sp_floor, UINTPTR_MAX);
	EXPECT_TRUE(fake.fp_trapping);
}

TEST(upcall, unmasked_when_asked)
{
	struct arch_frame f;

	setup();
	f = app_frame(TOP - 256);
	upcall_start(&f, UPCALL_SIGNAL, 10, HANDLER, 10, 0, false, 0);
	EXPECT_EQ(f.spsr, ARCH_SPSR_APP);
}

// The handler returns to the trampoline, whose rt_sigreturn finds the
// frame at its sp and puts the interrupted context back.
TEST(upcall, rt_sigreturn_restores)
{
	struct arch_frame f, was;
	struct upcall_end end;

	setup();
	f = app_frame(TOP - 256);
	was = f;
	upcall_start(&f, UPCALL_ISR, 41, ISR_FN, 41, 0, true, 0x5);
	// What the handler leaves: its registers, its result in x0.
	for (unsigned i = 0; i < 31; i++)
		f.x[i] = 0xdead0000 + i;
	f.x[0] = 0x1ff;
	f.elr = (uintptr_t)arch_upcall_return + 8;
	upcall_return(&f, &end);
	EXPECT_EQ(end.kind, UPCALL_ISR);
	EXPECT_EQ(end.id, 41);
	EXPECT_EQ(end.result, 0x1ff);
	EXPECT_EQ(end.sigmask, 0x5);
	EXPECT_MEMEQ(f.x, was.x, sizeof(was.x));
	EXPECT_EQ(f.sp, was.sp);
	EXPECT_EQ(f.elr, was.elr);
	EXPECT_EQ(f.spsr, was.spsr);
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(fake.app_sp_floor, BOTTOM);
	EXPECT_FALSE(fake.fp_trapping);
}

// The app may change the context in the frame, as a signal handler its
// ucontext; but it goes on at EL1t whatever the saved SPSR says.
TEST(upcall, rt_sigreturn_takes_the_frame_as_the_app_left_it)
{
	struct arch_frame f;
	struct upcall_end end;
	struct want_frame *uf;

	setup();
	f = app_frame(TOP - 256);
	upcall_start(&f, UPCALL_SIGNAL, 10, HANDLER, 10, 0, false, 0);
	uf = frame_at(f.sp);
	uf->elr = 0x480000;
	uf->x[7] = 77;
	uf->spsr = 0x3c5 | APP_FLAGS; // EL1h, everything masked
	upcall_return(&f, &end);
	EXPECT_EQ(f.elr, 0x480000);
	EXPECT_EQ(f.x[7], 77);
	EXPECT_EQ(f.spsr, 0x3c4 | APP_FLAGS);
	EXPECT_EQ(f.spsr & ARCH_SPSR_MODE, ARCH_SPSR_EL1T);
}

TEST(upcall, rt_sigreturn_checks_its_frame)
{
	static struct arch_frame f;
	static struct upcall_end end;
	uintptr_t frame;

	// Nothing to return from.
	setup();
	f = app_frame(TOP - 256);
	PANIC_CATCH(upcall_return(&f, &end));
	EXPECT_TRUE(panic_fake_says("rt_sigreturn with no ISR or signal "
	                            "handler to return from"));
	EXPECT_TRUE(panic_fake_frame == &f);

	// The sp is not the frame.
	upcall_start(&f, UPCALL_SIGNAL, 12, HANDLER, 12, 0, false, 0);
	frame = f.sp;
	f.sp = frame - 16;
	PANIC_CATCH(upcall_return(&f, &end));
	EXPECT_TRUE(panic_fake_says("is not the signal handler's frame"));
	f.sp = frame + 16;
	PANIC_CATCH(upcall_return(&f, &end));
	EXPECT_TRUE(panic_fake_says("is not the signal handler's frame"));

	// The frame was overwritten.
	f.sp = frame;
	frame_at(frame)->magic[0] = 'r';
	PANIC_CATCH(upcall_return(&f, &end));
	EXPECT_TRUE(panic_fake_says("or the frame was overwritten"));
	frame_at(frame)->magic[0] = 'R';
	PANIC_CATCH(upcall_return(&f, &end));
	EXPECT_STREQ(panic_fake_msg, "");
}

static long call_result;
static uintptr_t call_sp_seen;
static unsigned call_depth_seen;
static struct arch_frame call_frame;
static struct upcall_end call_end;

// App code of a call that makes rt_sigreturn itself.
static long
call_returns_by_sigreturn(void *fn, long a0, long a1, uintptr_t sp)
{
	(void)fn;
	(void)a0;
	(void)a1;
	call_frame = app_frame(sp);
	upcall_return(&call_frame, &call_end);
	return 0;
}

TEST(upcall, rt_sigreturn_from_a_call_panics)
{
	setup();
	fake.call_app = call_returns_by_sigreturn;
	PANIC_CATCH(upcall_call((void *)0x430000, 0, 0));
	EXPECT_TRUE(panic_fake_says("rt_sigreturn with no ISR"));
}

// A handler left by longjmp: the next entry has the app's sp above the
// frame. The level is forgotten and, for an ISR (which ran masked),
// interrupts are unmasked in the context the app jumped back to.
TEST(upcall, abandoned_isr_is_forgotten_and_unmasks)
{
	struct arch_frame f, g;
	uintptr_t sp = TOP - 256;

	setup();
	f = app_frame(sp);
	upcall_start(&f, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0);
	// The first syscall after the longjmp, from the sp it jumped to,
	// with the ISR's PSTATE: masked.
	g = app_frame(sp);
	g.spsr = ARCH_SPSR_APP | ARCH_SPSR_I;
	upcall_enter(&g);
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(g.spsr, ARCH_SPSR_APP);
	EXPECT_EQ(fake.app_sp_floor, BOTTOM);
	EXPECT_FALSE(fake.fp_trapping);
}

TEST(upcall, sp_below_the_frame_is_the_handler_still)
{
	struct arch_frame f, g;

	setup();
	f = app_frame(TOP - 256);
	upcall_start(&f, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0);
	g = app_frame(f.sp);
	g.spsr = ARCH_SPSR_APP | ARCH_SPSR_I;
	upcall_enter(&g);
	g.sp = f.sp - 1000;
	upcall_enter(&g);
	EXPECT_EQ(upcall_depth(), 1);
	EXPECT_EQ(g.spsr, ARCH_SPSR_APP | ARCH_SPSR_I);
}

TEST(upcall, abandoned_signal_handler_keeps_the_apps_pstate)
{
	struct arch_frame f, g;
	uintptr_t sp = TOP - 256;

	setup();
	f = app_frame(sp);
	upcall_start(&f, UPCALL_SIGNAL, 6, HANDLER, 6, 0, true, 0);
	g = app_frame(sp + 32);
	g.spsr = ARCH_SPSR_APP | ARCH_SPSR_I;
	upcall_enter(&g);
	EXPECT_EQ(upcall_depth(), 0);
	// The app masked interrupts itself: that is its business.
	EXPECT_EQ(g.spsr, ARCH_SPSR_APP | ARCH_SPSR_I);
}

// ISR 2 started in a wait of ISR 1; the app jumps from ISR 2 back into
// ISR 1, which still runs masked.
TEST(upcall, left_into_another_isr_stays_masked)
{
	struct arch_frame f, g;
	uintptr_t isr1_sp;

	setup();
	f = app_frame(TOP - 256);
	upcall_start(&f, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0);
	isr1_sp = f.sp - 64;
	f = app_frame(isr1_sp);
	f.spsr |= ARCH_SPSR_I;
	upcall_start(&f, UPCALL_ISR, 41, ISR_FN, 41, 0, true, 0);
	g = app_frame(isr1_sp);
	g.spsr = ARCH_SPSR_APP | ARCH_SPSR_I;
	upcall_enter(&g);
	EXPECT_EQ(upcall_depth(), 1);
	EXPECT_EQ(g.spsr & ARCH_SPSR_I, ARCH_SPSR_I);
	// Out of both at once: unmasked.
	g = app_frame(TOP - 256);
	g.spsr = ARCH_SPSR_APP | ARCH_SPSR_I;
	upcall_start(&f, UPCALL_ISR, 41, ISR_FN, 41, 0, true, 0);
	upcall_enter(&g);
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(g.spsr & ARCH_SPSR_I, 0);
}

// A signal handler interrupted by an ISR, which the app leaves back into
// the signal handler: unmasked, as the handler ran.
TEST(upcall, isr_left_into_a_signal_handler_unmasks)
{
	struct arch_frame f, g;
	uintptr_t handler_sp;

	setup();
	f = app_frame(TOP - 256);
	upcall_start(&f, UPCALL_SIGNAL, 10, HANDLER, 10, 0, false, 0);
	handler_sp = f.sp - 64;
	f = app_frame(handler_sp);
	upcall_start(&f, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0);
	g = app_frame(handler_sp);
	g.spsr = ARCH_SPSR_APP | ARCH_SPSR_I;
	upcall_enter(&g);
	EXPECT_EQ(upcall_depth(), 1);
	EXPECT_EQ(g.spsr & ARCH_SPSR_I, 0);
}

TEST(upcall, nesting_limit)
{
	static struct arch_frame f;

	setup();
	f = app_frame(TOP - 256);
	for (unsigned i = 0; i < RT_UPCALL_DEPTH; i++)
		upcall_start(&f, UPCALL_SIGNAL, 10, HANDLER, 10, 0, false, 0);
	EXPECT_EQ(upcall_depth(), RT_UPCALL_DEPTH);
	PANIC_CATCH(upcall_start(&f, UPCALL_ISR, 44, ISR_FN, 44, 0, true, 0));
	EXPECT_TRUE(panic_fake_says("ISR for 44: handlers nested 8 deep"));
	// A call has no room left either: it is not made.
	fake.app_sp = f.sp;
	EXPECT_EQ(upcall_call((void *)0x430000, 1, 2), -1);
	EXPECT_EQ(fake.calls, 0);
}

TEST(upcall, stack_overflow_at_any_entry)
{
	static struct arch_frame f;
	char want[128];

	setup();
	f = app_frame(BOTTOM - 16);
	PANIC_CATCH(upcall_enter(&f));
	snprintf(want, sizeof(want),
	         "stack overflow: sp %#lx is below the app's stack [%#lx, "
	         "%#lx)",
	         (unsigned long)(BOTTOM - 16), (unsigned long)BOTTOM,
	         (unsigned long)TOP);
	EXPECT_STREQ(panic_fake_msg, want);
	EXPECT_TRUE(panic_fake_frame == &f);
	// At the bottom itself the stack is full, not overflowed.
	f = app_frame(BOTTOM);
	PANIC_CATCH(upcall_enter(&f));
	EXPECT_STREQ(panic_fake_msg, "");
}

// A data abort in the guard below the stack, with sp not yet moved (a
// store that pushes a small frame faults first), is a stack overflow;
// one below the guard, or another exception there, is not.
TEST(upcall, data_abort_in_the_guard_is_an_overflow)
{
	static struct arch_frame f;

	setup();
	f = app_frame(BOTTOM);
	f.esr = (uint64_t)ARCH_EC_DABT_CUR << 26 | 0x47; // a write, level 3
	f.far = BOTTOM - 16;
	PANIC_CATCH(upcall_check_guard(&f));
	EXPECT_TRUE(panic_fake_says("stack overflow: a store at"));
	EXPECT_TRUE(panic_fake_says("in the guard below the app's stack"));

	f.far = BOTTOM - GUARD - 16;
	PANIC_CATCH(upcall_check_guard(&f));
	EXPECT_STREQ(panic_fake_msg, "");
	f.far = BOTTOM - 16;
	f.esr = (uint64_t)ARCH_EC_SVC64 << 26;
	PANIC_CATCH(upcall_check_guard(&f));
	EXPECT_STREQ(panic_fake_msg, "");
}

// Only a translation or permission fault names the address it faulted on
// for sure: an external abort (as Gunyah injects for a stage-2 fault) may
// come with FAR UNKNOWN (ESR.FnV), and an access flag, alignment or
// address size fault in the guard is no overflow of the stack.
TEST(upcall, only_an_mmu_fault_with_a_valid_far_is_an_overflow)
{
	static const struct {
		uint32_t iss;
		bool overflow;
	} cases[] = {
		{ 0x47, true },   // translation fault, level 3, write
		{ 0x45, true },   // translation fault, level 1
		{ 0x4f, true },   // permission fault, level 3
		{ 0x4c, true },   // permission fault, level 0
		{ 0x447, false }, // FnV on a translation fault: RES0, defensive
		{ 0x50, false },  // synchronous external abort
		{ 0x450, false }, // the same, FAR not valid
		{ 0x4b, false },  // access flag fault
		{ 0x61, false },  // alignment fault
		{ 0x43, false },  // address size fault
		{ 0x54, false },  // external abort on a table walk
	};
	static struct arch_frame f;

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		setup();
		f = app_frame(BOTTOM);
		f.esr =
		    (uint64_t)ARCH_EC_DABT_CUR << 26 | 1u << 25 | cases[i].iss;
		f.far = BOTTOM - 16;
		PANIC_CATCH(upcall_check_guard(&f));
		if (cases[i].overflow)
			EXPECT_TRUE(panic_fake_says("stack overflow: a store"));
		else
			EXPECT_STREQ(panic_fake_msg, "");
	}
}

TEST(upcall, no_room_for_a_frame_is_an_overflow)
{
	static struct arch_frame f;

	setup();
	f = app_frame(BOTTOM + FRAME_SIZE - 16);
	PANIC_CATCH(upcall_start(&f, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0));
	EXPECT_TRUE(panic_fake_says("stack overflow: sp "));
	EXPECT_TRUE(panic_fake_says(", no room for a handler's frame"));
	EXPECT_EQ(upcall_depth(), 0);
	// Exactly enough.
	f = app_frame(BOTTOM + FRAME_SIZE);
	PANIC_CATCH(upcall_start(&f, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0));
	EXPECT_STREQ(panic_fake_msg, "");
	EXPECT_EQ(f.sp, BOTTOM);
}

// A stack of the app's own in its heap: the frame must be memory the app
// may write; below the heap lies read-only data.
TEST(upcall, frame_on_a_heap_stack)
{
	static struct arch_frame f;
	struct upcall_end end;

	setup();
	f = app_frame(HEAP_END - 64);
	PANIC_CATCH(
	    upcall_start(&f, UPCALL_SIGNAL, 10, HANDLER, 10, 0, false, 0));
	EXPECT_STREQ(panic_fake_msg, "");
	// The frame and what lies up to the interrupted sp are stack now.
	EXPECT_TRUE(upcall_on_app_stack(f.sp));
	EXPECT_TRUE(upcall_on_app_stack(HEAP_END - 65));
	EXPECT_FALSE(upcall_on_app_stack(HEAP_END - 64));
	EXPECT_FALSE(upcall_on_app_stack(f.sp - 1));
	upcall_return(&f, &end);
	EXPECT_FALSE(upcall_on_app_stack(HEAP_END - 65));

	f = app_frame(HEAP + 512);
	PANIC_CATCH(
	    upcall_start(&f, UPCALL_SIGNAL, 10, HANDLER, 10, 0, false, 0));
	EXPECT_TRUE(panic_fake_says(", no room for a handler's frame"));
	// Nothing was written below the heap.
	EXPECT_EQ(*(unsigned char *)(HEAP - 8), 0);
}

TEST(upcall, the_initial_stack_is_a_stack)
{
	setup();
	EXPECT_TRUE(upcall_on_app_stack(BOTTOM));
	EXPECT_TRUE(upcall_on_app_stack(TOP - 1));
	EXPECT_FALSE(upcall_on_app_stack(TOP));
	EXPECT_FALSE(upcall_on_app_stack(BOTTOM - 1));
	EXPECT_FALSE(upcall_on_app_stack(HEAP));
}

// ---- FP/SIMD ----

static void
fp_fill(struct arch_fp_state *s, uint64_t v)
{
	for (unsigned i = 0; i < 32; i++) {
		s->q[i][0] = v + i;
		s->q[i][1] = ~(v + i);
	}
	s->fpsr = v;
	s->fpcr = v << 1;
}

// App code's first FP/SIMD instruction with the trap on: the trap, whose
// handler saves the app's registers, then the instruction.
static void
app_uses_fp(uint64_t v)
{
	if (fake.fp_trapping)
		upcall_fp_trap();
	ASSERT_FALSE(fake.fp_trapping);
	fp_fill(&fake.fp, v);
}

TEST(upcall, fp_saved_on_first_use_and_restored)
{
	struct arch_frame f;
	struct upcall_end end;
	struct arch_fp_state app;
	struct want_frame *uf;

	setup();
	fp_fill(&app, 0x1111);
	fake.fp = app;
	f = app_frame(TOP - 256);
	upcall_start(&f, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0);
	uf = frame_at(f.sp);
	EXPECT_TRUE(fake.fp_trapping);
	EXPECT_EQ(fake.fp_saves, 0);
	app_uses_fp(0x2222);
	EXPECT_EQ(fake.fp_saves, 1);
	// Into the frame.
	EXPECT_MEMEQ(&uf->fp, &app, sizeof(app));
	// Once per level: another trap saves nothing over it.
	fp_fill(&fake.fp, 0x3333);
	upcall_fp_trap();
	EXPECT_EQ(fake.fp_saves, 1);
	EXPECT_MEMEQ(&uf->fp, &app, sizeof(app));
	upcall_return(&f, &end);
	EXPECT_EQ(fake.fp_restores, 1);
	EXPECT_MEMEQ(&fake.fp, &app, sizeof(app));
	EXPECT_FALSE(fake.fp_trapping);
}

TEST(upcall, fp_untouched_when_unused)
{
	struct arch_frame f;
	struct upcall_end end;

	setup();
	f = app_frame(TOP - 256);
	upcall_start(&f, UPCALL_SIGNAL, 10, HANDLER, 10, 0, false, 0);
	upcall_return(&f, &end);
	EXPECT_EQ(fake.fp_saves + fake.fp_restores, 0);
	EXPECT_FALSE(fake.fp_trapping);
}

TEST(upcall, fp_per_level)
{
	struct arch_frame f1, f2;
	struct upcall_end end;
	struct arch_fp_state app, level1;

	setup();
	fp_fill(&app, 0x1000);
	fake.fp = app;
	f1 = app_frame(TOP - 256);
	upcall_start(&f1, UPCALL_SIGNAL, 10, HANDLER, 10, 0, false, 0);
	app_uses_fp(0x2000);
	level1 = fake.fp;
	// An ISR interrupts the handler: its own level traps again.
	f2 = f1;
	f2.sp -= 64;
	upcall_start(&f2, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0);
	EXPECT_TRUE(fake.fp_trapping);
	upcall_return(&f2, &end);
	// The ISR used none: back in the handler, whose registers are live.
	EXPECT_FALSE(fake.fp_trapping);
	EXPECT_EQ(fake.fp_restores, 0);
	EXPECT_MEMEQ(&fake.fp, &level1, sizeof(level1));
	// This time it does.
	upcall_start(&f2, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0);
	app_uses_fp(0x3000);
	upcall_return(&f2, &end);
	EXPECT_MEMEQ(&fake.fp, &level1, sizeof(level1));
	upcall_return(&f1, &end);
	EXPECT_MEMEQ(&fake.fp, &app, sizeof(app));
	EXPECT_EQ(fake.fp_saves, 2);
	EXPECT_EQ(fake.fp_restores, 2);
}

// After a longjmp out of a handler the registers are what the handler
// left, as in Linux: nothing is restored.
TEST(upcall, fp_not_restored_for_an_abandoned_handler)
{
	struct arch_frame f, g;

	setup();
	f = app_frame(TOP - 256);
	upcall_start(&f, UPCALL_ISR, 40, ISR_FN, 40, 0, true, 0);
	app_uses_fp(0x4000);
	g = app_frame(TOP - 256);
	upcall_enter(&g);
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(fake.fp_restores, 0);
	EXPECT_FALSE(fake.fp_trapping);
}

// The trap was taken by an FP/SIMD instruction right after the longjmp:
// the entry forgets the handler first, and the trap finds no level to
// save for. FP/SIMD is simply on again.
TEST(upcall, fp_trap_after_an_abandoned_handler)
{
	struct arch_frame f, g;

	setup();
	f = app_frame(TOP - 256);
	upcall_start(&f, UPCALL_SIGNAL, 10, HANDLER, 10, 0, false, 0);
	EXPECT_TRUE(fake.fp_trapping);
	g = app_frame(TOP - 256);
	g.esr = (uint64_t)ARCH_EC_FP_TRAP << 26;
	upcall_enter(&g);
	upcall_fp_trap();
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(fake.fp_saves, 0);
	EXPECT_FALSE(fake.fp_trapping);
}

// ---- calls ----

static struct arch_fp_state call_fp_before;

static long
call_records(void *fn, long a0, long a1, uintptr_t sp)
{
	call_sp_seen = sp;
	call_depth_seen = upcall_depth();
	EXPECT_EQ(fake.app_sp_floor, UINTPTR_MAX);
	EXPECT_TRUE(fake.fp_trapping);
	EXPECT_TRUE(upcall_on_app_stack(sp));
	return (long)(uintptr_t)fn + a0 + a1;
}

static long
call_uses_fp(void *fn, long a0, long a1, uintptr_t sp)
{
	(void)fn;
	(void)a0;
	(void)a1;
	app_uses_fp(0x5000);
	// Saved below the call's stack, at sp.
	EXPECT_MEMEQ((void *)sp, &call_fp_before, sizeof(call_fp_before));
	return 0;
}

TEST(upcall, call_runs_below_the_apps_sp)
{
	uintptr_t sp = TOP - 1024 - 8;

	setup();
	fake.app_sp = sp;
	fake.call_app = call_records;
	call_result = upcall_call((void *)0x430000, 1, 2);
	EXPECT_EQ(call_result, 0x430003);
	EXPECT_EQ(fake.calls, 1);
	EXPECT_EQ(call_depth_seen, 1);
	EXPECT_EQ(call_sp_seen,
	          RT_ALIGN_DOWN(sp - sizeof(struct arch_fp_state), 16));
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(fake.app_sp_floor, BOTTOM);
	EXPECT_FALSE(fake.fp_trapping);
}

TEST(upcall, call_saves_fp_below_its_stack)
{
	setup();
	fp_fill(&call_fp_before, 0x6000);
	fake.fp = call_fp_before;
	fake.call_app = call_uses_fp;
	EXPECT_EQ(upcall_call((void *)0x430000, 0, 0), 0);
	EXPECT_EQ(fake.fp_saves, 1);
	EXPECT_EQ(fake.fp_restores, 1);
	EXPECT_MEMEQ(&fake.fp, &call_fp_before, sizeof(call_fp_before));
}

TEST(upcall, call_needs_room)
{
	setup();
	fake.call_app = call_records;
	fake.app_sp = BOTTOM + 1024;
	EXPECT_EQ(upcall_call((void *)0x430000, 0, 0), -1);
	// On a heap stack, the room must be the app's writable memory.
	fake.app_sp = HEAP + 256;
	EXPECT_EQ(upcall_call((void *)0x430000, 0, 0), -1);
	EXPECT_EQ(fake.calls, 0);
	fake.app_sp = HEAP_END - 16;
	EXPECT_EQ(upcall_call((void *)0x430000, 0, 0), 0x430000);
	EXPECT_EQ(fake.calls, 1);
}

// App code the runtime calls may make syscalls: their vector and handler
// need the runtime's own stack, which must have room left for them.
TEST(upcall, call_needs_room_on_the_runtimes_stack)
{
	setup();
	fake.call_app = call_records;
	fake.exc_room = RT_UPCALL_EXC_ROOM - 1;
	EXPECT_EQ(upcall_call((void *)0x430000, 0, 0), -1);
	EXPECT_EQ(fake.calls, 0);
	EXPECT_TRUE(fake.exc_room_asked > 0);
	fake.exc_room = RT_UPCALL_EXC_ROOM;
	EXPECT_EQ(upcall_call((void *)0x430000, 0, 0), 0x430000);
	EXPECT_EQ(fake.calls, 1);
	// A panic's calls need the same room.
	fake.exc_room = RT_UPCALL_EXC_ROOM - 1;
	upcall_app_dead();
	EXPECT_EQ(upcall_call((void *)0x430000, 0, 0), -1);
	EXPECT_EQ(fake.calls, 1);
}

// After a fault the app never runs again: a call (a panic's console
// report, the exit hook) runs from the top of the initial stack if the
// faulting sp is no stack to use.
TEST(upcall, call_after_the_app_died)
{
	setup();
	fake.call_app = call_records;
	fake.app_sp = BOTTOM + 16;
	upcall_app_dead();
	EXPECT_EQ(upcall_call((void *)0x430000, 0, 0), 0x430000);
	EXPECT_EQ(call_sp_seen,
	          RT_ALIGN_DOWN(TOP - sizeof(struct arch_fp_state), 16));
	// A good sp is still used.
	fake.app_sp = TOP - 2048;
	upcall_call((void *)0x430000, 0, 0);
	EXPECT_EQ(call_sp_seen,
	          RT_ALIGN_DOWN(TOP - 2048 - sizeof(struct arch_fp_state), 16));
}

static long
call_leaves(void *fn, long a0, long a1, uintptr_t sp)
{
	(void)fn;
	(void)a0;
	(void)a1;
	// A syscall from the code the app longjmp'd to, above the call.
	call_frame = app_frame(sp + sizeof(struct arch_fp_state) + 256);
	upcall_enter(&call_frame);
	return 0;
}

TEST(upcall, call_left_without_returning_panics)
{
	setup();
	fake.call_app = call_leaves;
	PANIC_CATCH(upcall_call((void *)0x430000, 0, 0));
	EXPECT_TRUE(panic_fake_says("the app left its console function or "
	                            "exit hook at sp "));
}
